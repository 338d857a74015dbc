//! The real binary with files: a crash half-way through storing a
//! submission's files leaves neither the submission nor any file, and
//! SIGKILL during a stream of uploads leaves every stored submission with
//! all its files.

mod common;

use std::collections::HashMap;
use std::path::Path;
use std::sync::mpsc;
use std::thread;
use std::time::Duration;

use common::*;
use putright_receiver::multipart::hex_sha256;
use putright_receiver::REPLAY_HEADER;
use ureq::http::Method;

/// One upload: its id, submission text, files and the receipt if one came.
struct Upload {
    id: String,
    text: String,
    files: Vec<File>,
    receipt: Option<String>,
}

fn upload(tag: u32, n: u64, files: Vec<File>) -> Upload {
    let id = uuid(tag, n);
    let text = submission_with(&id, "complaint", &files);
    Upload {
        id,
        text,
        files,
        receipt: None,
    }
}

/// Every stored submission has exactly its files, whole; no file is
/// stored without its submission. Returns the stored ids.
fn assert_all_or_nothing(db: &Path, uploads: &HashMap<String, Upload>) -> Vec<String> {
    assert_eq!(integrity_check(db), "ok");
    let rows = db_rows(db);
    let mut files: HashMap<String, Vec<(String, String, String)>> = HashMap::new();
    for (submission, attachment, sha256, content_hash) in db_files(db) {
        files
            .entry(submission)
            .or_default()
            .push((attachment, sha256, content_hash));
    }
    for (id, _, body) in &rows {
        let sent = uploads.get(id).expect("only what was sent is stored");
        assert_eq!(body, &sent.text, "stored verbatim");
        let stored = files.remove(id).unwrap_or_default();
        let expected: Vec<(String, String, String)> = sent
            .files
            .iter()
            .map(|f| {
                let hash = hex_sha256(&f.content);
                (f.id.clone(), hash.clone(), hash)
            })
            .collect();
        assert_eq!(
            stored, expected,
            "{id}: all its files, whole, or it is not stored"
        );
    }
    assert!(
        files.is_empty(),
        "files without their submission: {:?}",
        files.keys()
    );
    rows.into_iter().map(|(id, _, _)| id).collect()
}

#[test]
fn a_crash_half_way_through_storing_files_leaves_nothing_half_stored() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("crash.sqlite3");
    let mut server = Binary::start_capturing(&db, &["--fault-admin"]);
    let agent = agent();
    let queued = send(
        &agent,
        Method::POST,
        &format!("{}/_faults", server.base),
        &[("content-type", hv("application/json"))],
        Some(br#"{"crash_mid_store":true}"#),
    )
    .expect("queue");
    assert_eq!(queued.status, 200, "{}", queued.body);

    let files = vec![
        jpeg("a1", "ceiling.jpg", 1, 3_000_000),
        pdf("a2", "letter.pdf", 2, 3_000_000),
        jpeg("a3", "wall.jpg", 3, 3_000_000),
    ];
    let sent = upload(80, 1, files);
    let body = widget_body(&sent.text, &sent.files);
    let headers = [("content-type", hv(&body.1))];
    let answer = send(
        &agent,
        Method::POST,
        &format!("{}/submissions", server.base),
        &headers,
        Some(&body.0),
    );
    assert!(
        answer.is_err(),
        "the process died before answering: {answer:?}"
    );
    let status = server.wait_exit(Duration::from_secs(30));
    {
        use std::os::unix::process::ExitStatusExt;
        assert_eq!(status.signal(), Some(6), "ended by abort: {status:?}");
    }
    let said = server.stderr();
    assert!(
        said.contains("injected fault: crashing in the middle of storing"),
        "{said}"
    );

    // The submission row and the first file were written, never committed.
    let uploads = HashMap::from([(sent.id.clone(), sent)]);
    assert!(
        assert_all_or_nothing(&db, &uploads).is_empty(),
        "nothing was committed"
    );
    assert!(db_files(&db).is_empty());

    // Restarted, the same upload is stored whole, once.
    let server = Binary::start(&db);
    let first = post_multipart(&agent, &server.base, &body, None);
    assert_eq!(first.status, 201, "{}", first.body);
    let again = post_multipart(&agent, &server.base, &body, None);
    assert_eq!(
        (again.status, again.body.as_str()),
        (200, first.body.as_str())
    );
    assert_eq!(assert_all_or_nothing(&db, &uploads).len(), 1);
    assert_eq!(db_files(&db).len(), 3);
    stop(server);
}

#[test]
fn sigkill_during_uploads_leaves_every_submission_with_all_its_files_or_none() {
    const THREADS: u32 = 2;
    const PER_THREAD: u64 = 12;
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("kill.sqlite3");
    let mut server = Binary::start(&db);

    let (acked, acks) = mpsc::channel();
    let workers: Vec<_> = (0..THREADS)
        .map(|t| {
            let base = server.base.clone();
            let acked = acked.clone();
            thread::spawn(move || {
                let agent = agent();
                (0..PER_THREAD)
                    .map(|n| {
                        let seed = u64::from(t) * 100 + n;
                        let size = |k: u64| 200_000 + ((seed * 7 + k) % 5) as usize * 300_000;
                        let mut files = vec![jpeg("a1", "photo.jpg", seed, size(1))];
                        for k in 2..=(1 + seed % 3) {
                            files.push(pdf(
                                &format!("a{k}"),
                                "document.pdf",
                                seed * 10 + k,
                                size(k),
                            ));
                        }
                        let mut sent = upload(110 + t, n, files);
                        let body = widget_body(&sent.text, &sent.files);
                        let headers = [
                            ("content-type", hv(&body.1)),
                            ("idempotency-key", hv(&sent.id)),
                        ];
                        let url = format!("{base}/submissions");
                        if let Ok(reply) = send(&agent, Method::POST, &url, &headers, Some(&body.0))
                        {
                            assert_eq!(reply.status, 201, "before the kill: {}", reply.body);
                            sent.receipt = Some(reply.body);
                            let _ = acked.send(());
                        }
                        sent
                    })
                    .collect::<Vec<_>>()
            })
        })
        .collect();
    drop(acked);
    for _ in 0..(THREADS as u64 * PER_THREAD / 4) {
        acks.recv_timeout(Duration::from_secs(120))
            .expect("acknowledged before the kill");
    }
    server.child.kill().expect("SIGKILL");
    let status = server.child.wait().expect("wait");
    {
        use std::os::unix::process::ExitStatusExt;
        assert_eq!(status.signal(), Some(9), "killed by SIGKILL: {status:?}");
    }
    let uploads: HashMap<String, Upload> = workers
        .into_iter()
        .flat_map(|w| w.join().expect("worker"))
        .map(|u| (u.id.clone(), u))
        .collect();
    let total = uploads.len();
    let acked_ids: Vec<&str> = uploads
        .values()
        .filter(|u| u.receipt.is_some())
        .map(|u| u.id.as_str())
        .collect();
    assert!(acked_ids.len() < total, "the kill landed mid-stream");
    let stored = assert_all_or_nothing(&db, &uploads);
    assert!(
        acked_ids.iter().all(|id| stored.iter().any(|s| s == id)),
        "every receipt kept"
    );
    eprintln!(
        "crash test with files: {}/{total} acknowledged before SIGKILL, {} stored",
        acked_ids.len(),
        stored.len()
    );

    // Restarted: everything again, each stored once with all its files.
    let server = Binary::start(&db);
    let agent = agent();
    for u in uploads.values() {
        let body = widget_body(&u.text, &u.files);
        let reply = post_multipart(&agent, &server.base, &body, Some(&u.id));
        let replayed = stored.contains(&u.id);
        assert_eq!(
            reply.status,
            if replayed { 200 } else { 201 },
            "{}",
            reply.body
        );
        assert_eq!(reply.header(REPLAY_HEADER).is_some(), replayed);
        if let Some(receipt) = &u.receipt {
            assert_eq!(&reply.body, receipt, "the original receipt");
        }
    }
    assert_eq!(assert_all_or_nothing(&db, &uploads).len(), total);
    stop(server);
}

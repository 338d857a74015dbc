//! The real binary: durability across SIGKILL, garbage input, shutdown, CLI.

mod common;

use std::collections::{BTreeMap, HashMap, HashSet};
use std::io::{Read, Write};
use std::net::TcpStream;
use std::process::Command;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::thread;
use std::time::{Duration, Instant};

use common::*;
use putright_receiver::validate::KINDS;
use putright_receiver::REPLAY_HEADER;
use ureq::http::Method;

/// Per reference stem (`PR-2026-`), the numbers must be exactly 1..=n.
fn assert_references_contiguous<'a>(refs: impl IntoIterator<Item = &'a str>) {
    let mut by_stem: BTreeMap<String, Vec<u32>> = BTreeMap::new();
    for r in refs {
        let (stem, n) = r.rsplit_once('-').expect("reference shape");
        assert_eq!(n.len(), 6, "{r}");
        by_stem
            .entry(stem.to_owned())
            .or_default()
            .push(n.parse().expect("number"));
    }
    for (stem, mut numbers) in by_stem {
        assert!(stem.starts_with("PR-"), "{stem}");
        numbers.sort_unstable();
        let expected: Vec<u32> = (1..=numbers.len() as u32).collect();
        assert_eq!(numbers, expected, "references under {stem} are not 1..=n");
    }
}

struct Sent {
    id: String,
    body: String,
    /// The 201 reply, if one arrived before the kill.
    ack: Option<Reply>,
}

#[test]
fn acknowledged_submissions_survive_sigkill() {
    const THREADS: usize = 4;
    const PER_THREAD: usize = 150;
    const TOTAL: usize = THREADS * PER_THREAD;

    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("nested/data/submissions.sqlite3");
    let mut server = Binary::start(&db);
    assert!(db.exists(), "database file and its directories are created");

    // Fire submissions from several threads; kill the process mid-stream.
    let acked = Arc::new(AtomicUsize::new(0));
    let workers: Vec<_> = (0..THREADS)
        .map(|t| {
            let base = server.base.clone();
            let acked = Arc::clone(&acked);
            thread::spawn(move || {
                let agent = agent();
                (0..PER_THREAD)
                    .map(|i| {
                        let id = uuid(100 + t as u32, i as u64);
                        let body = submission(&id, KINDS[(t + i) % KINDS.len()]);
                        let ack = match try_post_json(&agent, &base, &body, Some(&id)) {
                            Ok(reply) => {
                                assert_eq!(reply.status, 201, "before the kill: {}", reply.body);
                                acked.fetch_add(1, Ordering::SeqCst);
                                Some(reply)
                            }
                            Err(_) => None, // the server is gone
                        };
                        Sent { id, body, ack }
                    })
                    .collect::<Vec<_>>()
            })
        })
        .collect();

    let deadline = Instant::now() + Duration::from_secs(120);
    while acked.load(Ordering::SeqCst) < TOTAL / 4 {
        assert!(Instant::now() < deadline, "too slow to acknowledge");
        thread::sleep(Duration::from_millis(1));
    }
    server.child.kill().expect("SIGKILL");
    let status = server.child.wait().expect("wait");
    {
        use std::os::unix::process::ExitStatusExt;
        assert_eq!(status.signal(), Some(9), "killed by SIGKILL: {status:?}");
    }

    let sent: Vec<Sent> = workers
        .into_iter()
        .flat_map(|w| w.join().expect("worker"))
        .collect();
    let acked_count = sent.iter().filter(|s| s.ack.is_some()).count();
    assert!(acked_count >= TOTAL / 4, "{acked_count}");
    assert!(
        acked_count < TOTAL,
        "the kill must land mid-stream ({acked_count}/{TOTAL})"
    );
    let by_id: HashMap<&str, &Sent> = sent.iter().map(|s| (s.id.as_str(), s)).collect();
    assert_eq!(by_id.len(), TOTAL);

    // The crashed database: intact, every acknowledged row present verbatim.
    assert_eq!(integrity_check(&db), "ok");
    let rows = db_rows(&db);
    let stored: HashMap<&str, (&str, &str)> = rows
        .iter()
        .map(|(id, r, body)| (id.as_str(), (r.as_str(), body.as_str())))
        .collect();
    assert_eq!(stored.len(), rows.len(), "no id stored twice");
    assert!(rows.len() >= acked_count && rows.len() <= TOTAL);
    for (id, (_, body)) in &stored {
        let s = by_id.get(id).expect("only ids we sent are stored");
        assert_eq!(*body, s.body, "stored body is the exact text sent");
    }
    for s in sent.iter().filter(|s| s.ack.is_some()) {
        let receipt = s.ack.as_ref().expect("ack").json();
        let (reference, _) = stored
            .get(s.id.as_str())
            .expect("acknowledged row survived the kill");
        assert_eq!(receipt["reference"].as_str(), Some(*reference));
    }
    assert_references_contiguous(rows.iter().map(|(_, r, _)| r.as_str()));
    let stored_before: HashMap<String, String> = rows
        .iter()
        .map(|(id, r, _)| (id.clone(), r.clone()))
        .collect();
    let surviving_unacked = rows.len() - acked_count;
    eprintln!(
        "crash test: {acked_count}/{TOTAL} acknowledged before SIGKILL; \
         {surviving_unacked} committed but unacknowledged"
    );

    // Restart on the same database and send everything again.
    let server = Binary::start(&db);
    let agent = agent();
    assert_eq!(count(&agent, &server.base), rows.len() as i64);
    for s in &sent {
        let reply = post_json(&agent, &server.base, &s.body, Some(&s.id));
        let replayed = reply.header(REPLAY_HEADER) == Some("true");
        assert_eq!(
            reply.status,
            if replayed { 200 } else { 201 },
            "{}",
            reply.body
        );
        let reference = reply.json()["reference"]
            .as_str()
            .expect("reference")
            .to_owned();
        if let Some(ack) = &s.ack {
            assert_eq!(
                reply.body, ack.body,
                "acknowledged: the original response back"
            );
            assert_eq!(reply.header(REPLAY_HEADER), Some("true"));
        } else if let Some(old) = stored_before.get(&s.id) {
            assert_eq!(&reference, old, "committed before the kill: same reference");
            assert_eq!(reply.header(REPLAY_HEADER), Some("true"));
        } else {
            assert_eq!(reply.header(REPLAY_HEADER), None, "new after restart");
        }
    }
    let rows = db_rows(&db);
    assert_eq!(rows.len(), TOTAL, "exactly one row per id");
    let ids: HashSet<&str> = rows.iter().map(|(id, _, _)| id.as_str()).collect();
    assert_eq!(ids.len(), TOTAL);
    for (id, _, body) in &rows {
        assert_eq!(body, &by_id[id.as_str()].body);
    }
    assert_references_contiguous(rows.iter().map(|(_, r, _)| r.as_str()));
    assert_eq!(count(&agent, &server.base), TOTAL as i64);

    // Garbage against the running binary changes nothing.
    let snapshot = get(&agent, &format!("{}/submissions", server.base));
    assert_eq!(snapshot.status, 200);
    send_garbage(&agent, &server);
    let after = get(&agent, &format!("{}/submissions", server.base));
    assert_eq!(
        after.body, snapshot.body,
        "garbage must not change stored data"
    );
    assert_eq!(integrity_check(&db), "ok");
    drop(server);
}

fn send_garbage(agent: &ureq::Agent, server: &Binary) {
    let url = format!("{}/submissions", server.base);
    let existing = uuid(100, 0);
    let json = [("content-type", hv("application/json"))];
    let bodies: Vec<Vec<u8>> = vec![
        b"".to_vec(),
        b"{".to_vec(),
        b"null".to_vec(),
        b"[{}]".to_vec(),
        vec![0xff, 0xfe, 0x00, 0x7b, 0x7d],
        (0u32..4096)
            .map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8)
            .collect(),
        br#"{"schema":"putright.submission/v1","id":"x"}"#.to_vec(),
        "{\"a\":".repeat(20_000).into_bytes(),
        vec![b'['; 200_000],
        vec![b' '; 1024 * 1024],
    ];
    for body in &bodies {
        let reply = send(agent, Method::POST, &url, &json, Some(body)).expect("post garbage");
        assert!(
            [400, 413, 422].contains(&reply.status),
            "{}: {}",
            reply.status,
            reply.body
        );
    }
    // Valid JSON, wrong content type; valid body, mismatched key; replayed id
    // with a different body (409, stores nothing).
    let body = submission(&uuid(999, 1), "complaint");
    let reply = send(
        agent,
        Method::POST,
        &url,
        &[("content-type", hv("text/plain"))],
        Some(body.as_bytes()),
    )
    .expect("post");
    assert_eq!(reply.status, 415);
    let reply = post_json(agent, &server.base, &body, Some(&uuid(999, 2)));
    assert_eq!(reply.status, 422);
    let reply = post_json(
        agent,
        &server.base,
        &submission(&existing, "complaint").replace("Damp", "Dry"),
        None,
    );
    assert_eq!(
        (reply.status, reply.header(REPLAY_HEADER)),
        (409, None),
        "{}",
        reply.body
    );

    // Raw TCP: junk, a truncated request, a body shorter than its length.
    let raw: [&[u8]; 4] = [
        b"\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03garbage-tls-hello",
        b"POST /submissions HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 500\r\n\r\n{\"schema\":",
        b"POST /submissions HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n",
        b"GET /\xff\xfe HTTP/1.1\r\nHost: \x01\r\n\r\n",
    ];
    for junk in raw {
        let mut stream = TcpStream::connect(server.addr()).expect("connect");
        stream
            .set_read_timeout(Some(Duration::from_secs(10)))
            .expect("timeout");
        stream.write_all(junk).expect("write");
        let _ = stream.shutdown(std::net::Shutdown::Write);
        let mut response = Vec::new();
        let _ = stream.read_to_end(&mut response);
        assert!(
            !String::from_utf8_lossy(&response).starts_with("HTTP/1.1 5"),
            "{}",
            String::from_utf8_lossy(&response)
        );
    }
}

#[test]
fn sigterm_shuts_down_gracefully_and_cli_works() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("s.sqlite3");
    let server = Binary::start(&db);
    let agent = agent();
    let reply = post_json(
        &agent,
        &server.base,
        &submission(&uuid(200, 1), "complaint"),
        None,
    );
    assert_eq!(reply.status, 201);
    stop(server);
    assert_eq!(db_rows(&db).len(), 1);

    let help = Command::new(BIN).arg("--help").output().expect("help");
    assert!(help.status.success());
    let text = String::from_utf8_lossy(&help.stdout);
    for flag in [
        "--port",
        "--host",
        "--db",
        "--allow-origin",
        "--reference-prefix",
        "--allow-headers",
        "--fault-admin",
        "--fault-rate",
        "--fault-seed",
        "/_faults",
        "retry_after",
        "hang_ms",
        "PUTRIGHT_RECEIVER_PORT",
    ] {
        assert!(text.contains(flag), "help mentions {flag}");
    }
    let bad = Command::new(BIN)
        .arg("--nonsense")
        .output()
        .expect("bad flag");
    assert_eq!(bad.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("--nonsense"));
}

#[test]
fn dedupe_on_idempotency_key_survives_a_restart() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("restart.sqlite3");
    let agent = agent();
    let id = uuid(300, 1);
    let body = submission(&id, "stage2_escalation");

    let server = Binary::start(&db);
    let first = post_json(&agent, &server.base, &body, Some(&id));
    assert_eq!(first.status, 201, "{}", first.body);
    assert_eq!(first.header(REPLAY_HEADER), None);
    stop(server);

    let server = Binary::start(&db);
    let again = post_json(&agent, &server.base, &body, Some(&id));
    assert_eq!(again.status, 200, "{}", again.body);
    assert_eq!(again.header(REPLAY_HEADER), Some("true"));
    assert_eq!(again.json()["reference"], first.json()["reference"]);
    assert_eq!(
        again.body, first.body,
        "the original receipt, byte for byte"
    );
    let rows = db_rows(&db);
    assert_eq!(rows.len(), 1, "one stored row");
    assert_eq!(
        (rows[0].0.as_str(), rows[0].2.as_str()),
        (id.as_str(), body.as_str())
    );
    stop(server);
}

#[test]
fn fault_and_header_flags_reach_the_running_binary() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("f.sqlite3");
    let agent = agent();

    // Off by default.
    let server = Binary::start(&db);
    let reply = get(&agent, &format!("{}/_faults", server.base));
    assert_eq!(reply.status, 404);
    stop(server);

    let server = Binary::start_with(
        &db,
        &[
            "--fault-admin",
            "--fault-rate",
            "0",
            "--allow-headers",
            "X-Landlord-Token",
        ],
    );
    let url = format!("{}/_faults", server.base);
    let queued = send(
        &agent,
        Method::POST,
        &url,
        &[("content-type", hv("application/json"))],
        Some(br#"{"status":503,"store":true}"#),
    )
    .expect("queue");
    assert_eq!(queued.status, 200, "{}", queued.body);
    let id = uuid(301, 1);
    let reply = post_json(
        &agent,
        &server.base,
        &submission(&id, "complaint"),
        Some(&id),
    );
    assert_eq!(reply.status, 503);
    let reply = post_json(
        &agent,
        &server.base,
        &submission(&id, "complaint"),
        Some(&id),
    );
    assert_eq!(
        (reply.status, reply.header(REPLAY_HEADER)),
        (200, Some("true"))
    );
    let report = get(&agent, &url).json();
    assert_eq!(report["counts"]["posts"], 2);
    assert_eq!(report["injected"][0]["handling"], "created");

    let pre = post_preflight(&agent, &server.base, "http://localhost:8080", None);
    assert_eq!(
        pre.header("access-control-allow-headers"),
        Some("content-type, idempotency-key, x-landlord-token")
    );
    stop(server);
    assert_eq!(db_rows(&db).len(), 1);
}

#[test]
fn read_token_and_timeouts_reach_the_running_binary() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("t.sqlite3");
    let token = "binary-read-token-0123456789";
    let server = Binary::start_with(
        &db,
        &[
            "--read-token",
            token,
            "--header-timeout",
            "1",
            "--body-timeout=1",
        ],
    );
    let agent = agent();
    let url = format!("{}/submissions", server.base);
    assert_eq!(get(&agent, &url).status, 401);
    let bearer = [("authorization", hv(&format!("Bearer {token}")))];
    let reply = send(&agent, Method::GET, &url, &bearer, None).expect("get");
    assert_eq!((reply.status, reply.body.as_str()), (200, "[]"));

    let idle = raw_exchange(server.addr(), &[], Duration::ZERO, Duration::from_secs(10));
    assert!(idle.closed, "{idle:?}");
    assert!(
        idle.elapsed >= Duration::from_millis(900) && idle.elapsed < Duration::from_secs(5),
        "{:?}",
        idle.elapsed
    );
    let head = format!(
        "POST /submissions HTTP/1.1\r\nHost: {}\r\nContent-Type: application/json\r\nContent-Length: 99\r\n\r\n{{",
        server.addr()
    );
    let slow = raw_exchange(
        server.addr(),
        &[head.as_bytes()],
        Duration::ZERO,
        Duration::from_secs(10),
    );
    assert_eq!(slow.status(), Some(408), "{}", slow.text);
    stop(server);
}

//! Slow clients are cut off: a request head must arrive within the header
//! timeout (idle keep-alive connections too), a body within the body
//! timeout (else 408). The waits here are the server's own timeouts.

mod common;

use std::io::Write;
use std::net::TcpStream;
use std::thread;
use std::time::Duration;

use common::*;
use putright_receiver::config::Timeouts;

const LIMIT: Duration = Duration::from_millis(400);
/// Comfortably longer than any cut-off, so "closed" means the server closed it.
const PATIENCE: Duration = Duration::from_secs(10);

fn start(dir: &tempfile::TempDir, timeouts: Timeouts) -> InProcess {
    InProcess::start_with(&dir.path().join("s.sqlite3"), DEFAULT_ORIGINS, |s| {
        s.with_timeouts(timeouts)
    })
}

fn short() -> Timeouts {
    Timeouts {
        header: LIMIT,
        body: LIMIT,
        upload: LIMIT,
    }
}

fn head(addr: &str, content_length: usize) -> String {
    format!(
        "POST /submissions HTTP/1.1\r\nHost: {addr}\r\nContent-Type: application/json\r\n\
         Content-Length: {content_length}\r\n\r\n"
    )
}

/// Closed by the server after about `LIMIT`, not at once and not never.
fn assert_cut_off(raw: &Raw, what: &str) {
    assert!(raw.closed, "{what}: still open after {PATIENCE:?}: {raw:?}");
    assert!(
        raw.elapsed >= LIMIT - Duration::from_millis(100) && raw.elapsed < Duration::from_secs(5),
        "{what}: closed after {:?}",
        raw.elapsed
    );
}

#[test]
fn a_slow_request_head_is_cut_off() {
    let dir = tempfile::tempdir().expect("tempdir");
    let server = start(&dir, short());
    let addr = server.addr().to_owned();

    // Nothing at all; half a head; a full request then an idle keep-alive.
    let silent = raw_exchange(&addr, &[], Duration::ZERO, PATIENCE);
    assert_cut_off(&silent, "silent");
    assert_eq!(silent.text, "");
    let half = head(&addr, 10);
    let half = &half.as_bytes()[..half.len() - 20];
    let partial = raw_exchange(&addr, &[half], Duration::ZERO, PATIENCE);
    assert_cut_off(&partial, "half a head");
    assert!(!partial.text.starts_with("HTTP/1.1 2"), "{}", partial.text);
    let health = format!("GET /health HTTP/1.1\r\nHost: {addr}\r\n\r\n");
    let idle = raw_exchange(&addr, &[health.as_bytes()], Duration::ZERO, PATIENCE);
    assert!(idle.text.starts_with("HTTP/1.1 200"), "{}", idle.text);
    assert_cut_off(&idle, "idle keep-alive");

    // A head dribbled a header line every 100 ms is cut at the limit, not
    // when the client would have finished (4 s).
    let stream = TcpStream::connect(&addr).expect("connect");
    let mut writer = stream.try_clone().expect("clone");
    let dribble = thread::spawn(move || {
        let _ = writer.write_all(b"POST /submissions HTTP/1.1\r\n");
        for _ in 0..40 {
            if writer.write_all(b"X-Slow: 1\r\n").is_err() {
                return;
            }
            thread::sleep(Duration::from_millis(100));
        }
    });
    let dribbled = read_until_closed(stream, PATIENCE);
    assert!(dribbled.closed, "{dribbled:?}");
    assert!(
        dribbled.elapsed < Duration::from_secs(3),
        "closed after {:?}",
        dribbled.elapsed
    );
    dribble.join().expect("writer");

    // Many half-sent requests at once: all closed, and the server still answers.
    let many: Vec<_> = (0..50)
        .map(|_| {
            let addr = addr.clone();
            let half = half.to_vec();
            thread::spawn(move || raw_exchange(&addr, &[&half], Duration::ZERO, PATIENCE))
        })
        .collect();
    for handle in many {
        assert!(handle.join().expect("client").closed);
    }
    assert_eq!(count(&agent(), &server.base), 0);
    server.stop();
}

#[test]
fn a_slow_body_gets_408_and_the_connection_closes() {
    let dir = tempfile::tempdir().expect("tempdir");
    let server = start(&dir, short());
    let addr = server.addr().to_owned();
    let body = submission(&uuid(90, 1), "complaint");

    // Stalls part-way; or trickles, 50 bytes every 100 ms, past the limit.
    let stalled = raw_exchange(
        &addr,
        &[head(&addr, body.len()).as_bytes(), &body.as_bytes()[..100]],
        Duration::ZERO,
        PATIENCE,
    );
    let chunks: Vec<&[u8]> = body.as_bytes().chunks(50).collect();
    let header = head(&addr, body.len());
    let mut parts = vec![header.as_bytes()];
    parts.extend(chunks.iter().take(12));
    let trickled = raw_exchange(&addr, &parts, Duration::from_millis(100), PATIENCE);
    for (raw, what) in [(stalled, "stalled"), (trickled, "trickled")] {
        assert_eq!(raw.status(), Some(408), "{what}: {}", raw.text);
        assert_eq!(raw.header("connection"), Some("close"), "{what}");
        let error: serde_json::Value = serde_json::from_str(raw.body()).expect("json");
        assert_eq!(error["field"], "$");
        assert!(raw.closed, "{what}");
    }
    assert_eq!(count(&agent(), &server.base), 0);
    server.stop();
}

#[test]
fn slow_but_steady_clients_within_the_limits_get_through() {
    let dir = tempfile::tempdir().expect("tempdir");
    let server = start(
        &dir,
        Timeouts {
            header: Duration::from_secs(3),
            body: Duration::from_secs(3),
            upload: Duration::from_secs(3),
        },
    );
    let addr = server.addr().to_owned();
    let body = submission(&uuid(91, 1), "complaint");
    let header =
        head(&addr, body.len()).replace("Content-Length", "Connection: close\r\nContent-Length");
    let (h1, h2) = header.as_bytes().split_at(20);
    let (b1, b2) = body.as_bytes().split_at(body.len() / 2);
    let raw = raw_exchange(
        &addr,
        &[h1, h2, b1, b2],
        Duration::from_millis(300),
        PATIENCE,
    );
    assert_eq!(raw.status(), Some(201), "{}", raw.text);
    assert_eq!(count(&agent(), &server.base), 1);
    server.stop();
}

#[test]
fn a_multipart_body_has_the_longer_upload_timeout() {
    let dir = tempfile::tempdir().expect("tempdir");
    let upload = Duration::from_millis(1500);
    let server = start(&dir, Timeouts { upload, ..short() });
    let addr = server.addr().to_owned();
    let files = [jpeg("a1", "photo.jpg", 1, 40_000)];
    let (body, content_type) =
        widget_body(&submission_with(&uuid(92, 1), "complaint", &files), &files);
    let head = head(&addr, body.len())
        .replace("application/json", &content_type)
        .replace("Content-Length", "Connection: close\r\nContent-Length");
    let (first, rest) = body.split_at(body.len() / 2);

    // Half, a pause longer than the body timeout, then the rest: taken.
    let paced = raw_exchange(
        &addr,
        &[head.as_bytes(), first, rest],
        Duration::from_millis(500),
        PATIENCE,
    );
    assert_eq!(paced.status(), Some(201), "{}", paced.text);
    // Half, then nothing: 408 once the upload timeout has passed.
    let stalled = raw_exchange(&addr, &[head.as_bytes(), first], Duration::ZERO, PATIENCE);
    assert_eq!(stalled.status(), Some(408), "{}", stalled.text);
    assert!(
        stalled.elapsed >= upload - Duration::from_millis(100),
        "{:?}",
        stalled.elapsed
    );
    assert!(stalled.body().contains("1.5 seconds"), "{}", stalled.body());
    assert_eq!(count(&agent(), &server.base), 1);
    server.stop();
}

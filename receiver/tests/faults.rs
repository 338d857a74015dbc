//! Fault injection over real HTTP: the /_faults API and each fault kind.

mod common;

use std::time::{Duration, Instant};

use common::*;
use putright_receiver::config::{AllowedHeaders, FaultConfig};
use putright_receiver::REPLAY_HEADER;
use serde_json::{json, Value};
use ureq::http::Method;

const ORIGIN: &str = "http://localhost:8080";

fn start(dir: &tempfile::TempDir, faults: FaultConfig) -> InProcess {
    InProcess::start_with(&dir.path().join("s.sqlite3"), DEFAULT_ORIGINS, |s| {
        s.with_faults(&faults)
    })
}

fn faults_call(agent: &ureq::Agent, base: &str, method: Method, body: Option<Value>) -> Reply {
    let body = body.map(|b| b.to_string());
    send(
        agent,
        method,
        &format!("{base}/_faults"),
        &[("content-type", hv("application/json"))],
        body.as_deref().map(str::as_bytes),
    )
    .expect("/_faults")
}

/// POSTs a submission from the allowed origin, with its key.
fn post(agent: &ureq::Agent, base: &str, id: &str) -> Result<Reply, ureq::Error> {
    send(
        agent,
        Method::POST,
        &format!("{base}/submissions"),
        &[
            ("content-type", hv("application/json")),
            ("idempotency-key", hv(id)),
            ("origin", hv(ORIGIN)),
        ],
        Some(submission(id, "complaint").as_bytes()),
    )
}

#[test]
fn off_unless_a_flag_turns_it_on() {
    let dir = tempfile::tempdir().expect("tempdir");
    let server = InProcess::start(&dir.path().join("s.sqlite3"), DEFAULT_ORIGINS);
    let agent = agent();
    for method in [Method::GET, Method::POST, Method::DELETE] {
        let body = (method == Method::POST).then(|| json!({"status": 500}));
        let reply = faults_call(&agent, &server.base, method.clone(), body);
        assert!(
            [404, 405].contains(&reply.status),
            "{method}: {}",
            reply.status
        );
    }
    let reply = post(&agent, &server.base, &uuid(50, 1)).expect("post");
    assert_eq!(reply.status, 201, "{}", reply.body);
    assert_eq!(reply.header("connection"), None, "keep-alive as usual");
    server.stop();

    // Random mode alone injects faults but has no admin API.
    let dir = tempfile::tempdir().expect("tempdir");
    let server = start(
        &dir,
        FaultConfig {
            admin: false,
            rate: 1.0,
            seed: 7,
        },
    );
    assert_eq!(
        faults_call(&agent, &server.base, Method::GET, None).status,
        404
    );
    server.stop();
}

#[test]
fn each_queued_fault_does_what_it_says_in_order() {
    let dir = tempfile::tempdir().expect("tempdir");
    let server = start(&dir, fault_admin());
    let base = server.base.as_str();
    let agent = agent();

    // Bad fault lists are refused whole.
    let bad = faults_call(
        &agent,
        base,
        Method::POST,
        Some(json!([{"status": 500}, {"status": 500, "sticky": true}])),
    );
    assert_eq!(bad.status, 422, "{}", bad.body);
    assert!(bad.json()["error"]
        .as_str()
        .is_some_and(|e| e.contains("sticky")));

    let queue = json!([
        {"status": 500},
        {"status": 503, "store": true},
        {"status": 429, "retry_after": 2},
        {"status": 400, "message": "Your landlord's system is closed for maintenance"},
        {"cors": false},
        {"hang_ms": 400},
        {"hang_ms": 300, "status": 504},
        {"drop": true},
        {"drop": true, "store": true},
        {}
    ]);
    let queued = faults_call(&agent, base, Method::POST, Some(queue.clone()));
    assert_eq!(queued.status, 200, "{}", queued.body);
    assert_eq!(queued.json()["queued"], queue);

    // A preflight neither consumes a fault nor is itself faulted.
    let pre = post_preflight(&agent, base, ORIGIN, Some("content-type,idempotency-key"));
    assert_eq!(pre.status, 204);
    assert_eq!(pre.header("access-control-allow-origin"), Some(ORIGIN));
    assert_eq!(
        pre.header("access-control-allow-methods"),
        Some("POST"),
        "/_faults is not for web pages: no DELETE"
    );
    assert_eq!(
        pre.header("connection"),
        Some("close"),
        "fresh connections, so browsers never silently re-send a dropped POST"
    );

    let a = uuid(51, 1);
    // 1. 500, nothing stored.
    let r = post(&agent, base, &a).expect("post");
    assert_eq!(r.status, 500);
    assert_eq!(r.json()["error"], json!("injected fault: 500"));
    assert_eq!(r.header("access-control-allow-origin"), Some(ORIGIN));
    assert_eq!(count(&agent, base), 0);
    // 2. Stored, but answered 503: the retry must be a replay.
    let r = post(&agent, base, &a).expect("post");
    assert_eq!(r.status, 503);
    assert_eq!(count(&agent, base), 1);
    // 3. 429 with Retry-After, readable cross-origin.
    let r = post(&agent, base, &a).expect("post");
    assert_eq!((r.status, r.header("retry-after")), (429, Some("2")));
    assert!(r
        .header("access-control-expose-headers")
        .is_some_and(|h| h.contains("Retry-After")));
    // 4. 400 with the given message.
    let r = post(&agent, base, &a).expect("post");
    assert_eq!(r.status, 400);
    assert_eq!(
        r.json()["error"],
        json!("Your landlord's system is closed for maintenance")
    );
    // 5. Processed (a replay of 2), but no CORS header for the browser.
    let r = post(&agent, base, &a).expect("post");
    assert_eq!((r.status, r.header(REPLAY_HEADER)), (200, Some("true")));
    assert_eq!(r.header("access-control-allow-origin"), None);
    let reference = r.json()["reference"]
        .as_str()
        .expect("reference")
        .to_owned();
    // 6. A hang, then the normal answer.
    let started = Instant::now();
    let r = post(&agent, base, &a).expect("post");
    assert!(started.elapsed() >= Duration::from_millis(400));
    assert_eq!(r.status, 200);
    assert_eq!(r.json()["reference"], json!(reference));
    // 7. A hang, then a status.
    let started = Instant::now();
    let r = post(&agent, base, &a).expect("post");
    assert!(started.elapsed() >= Duration::from_millis(300));
    assert_eq!(r.status, 504);
    // 8. Connection closed with no response; nothing stored.
    let b = uuid(51, 2);
    let dropped = post(&agent, base, &b);
    assert!(dropped.is_err(), "no response expected: {dropped:?}");
    assert_eq!(count(&agent, base), 1);
    // 9. Stored, then the connection closed: the retry is a replay.
    let dropped = post(&agent, base, &b);
    assert!(dropped.is_err(), "no response expected: {dropped:?}");
    assert_eq!(count(&agent, base), 2);
    // 10. `{}` lets one through.
    let r = post(&agent, base, &b).expect("post");
    assert_eq!((r.status, r.header(REPLAY_HEADER)), (200, Some("true")));
    assert_eq!(r.header("access-control-allow-origin"), Some(ORIGIN));
    // Queue empty: normal service.
    let r = post(&agent, base, &uuid(51, 3)).expect("post");
    assert_eq!(r.status, 201);

    let report = faults_call(&agent, base, Method::GET, None).json();
    assert_eq!(report["queued"], json!([]));
    let injected = report["injected"].as_array().expect("injected");
    let seen: Vec<(u64, &str, Value)> = injected
        .iter()
        .map(|i| {
            (
                i["request"].as_u64().expect("request"),
                i["handling"].as_str().expect("handling"),
                i["fault"].clone(),
            )
        })
        .collect();
    let expected_handling = [
        "skipped", "created", "skipped", "skipped", "replayed", "replayed", "skipped", "skipped",
        "created",
    ];
    assert_eq!(seen.len(), 9, "`{{}}` is not logged as a fault: {report}");
    for (i, (request, handling, fault)) in seen.iter().enumerate() {
        assert_eq!(*request, i as u64 + 1);
        assert_eq!(*handling, expected_handling[i], "{fault}");
        assert_eq!(fault, &queue[i]);
        assert!(injected[i]["source"] == json!("queue"));
    }
    assert_eq!(injected[1]["id"], json!(a));
    assert_eq!(
        report["counts"],
        json!({"posts": 11, "faulted": 9, "created": 3, "replayed": 3, "rejected": 0, "preflights": 1})
    );

    // DELETE clears everything.
    faults_call(&agent, base, Method::POST, Some(json!({"status": 500})));
    let cleared = faults_call(&agent, base, Method::DELETE, None);
    assert_eq!(cleared.status, 200);
    assert_eq!(cleared.json()["queued"], json!([]));
    assert_eq!(cleared.json()["injected"], json!([]));
    assert_eq!(cleared.json()["counts"]["posts"], json!(0));
    assert_eq!(post(&agent, base, &uuid(51, 4)).expect("post").status, 201);
    assert_eq!(db_rows(&server.db).len(), 4);
    server.stop();
}

#[test]
fn allow_headers_extend_the_preflight_list() {
    let dir = tempfile::tempdir().expect("tempdir");
    let server = InProcess::start_with(&dir.path().join("s.sqlite3"), DEFAULT_ORIGINS, |s| {
        s.with_allow_headers(AllowedHeaders::parse("X-Landlord-Token").expect("parse"))
            .with_faults(&fault_admin())
    });
    let agent = agent();
    faults_call(
        &agent,
        &server.base,
        Method::POST,
        Some(json!([{"status": 503}, {"drop": true}])),
    );
    for _ in 0..2 {
        let pre = post_preflight(&agent, &server.base, ORIGIN, Some("x-landlord-token"));
        assert_eq!(pre.status, 204);
        assert_eq!(
            pre.header("access-control-allow-headers"),
            Some("content-type, idempotency-key, x-landlord-token")
        );
    }
    let report = faults_call(&agent, &server.base, Method::GET, None).json();
    assert_eq!(report["queued"].as_array().map(Vec::len), Some(2));
    assert_eq!(report["counts"]["preflights"], json!(2));
    server.stop();

    let dir = tempfile::tempdir().expect("tempdir");
    let server = InProcess::start_with(&dir.path().join("s.sqlite3"), DEFAULT_ORIGINS, |s| {
        s.with_allow_headers(AllowedHeaders::Any)
    });
    let pre = post_preflight(&agent, &server.base, ORIGIN, Some("x-anything"));
    assert_eq!(
        pre.header("access-control-allow-headers"),
        Some("x-anything")
    );
    server.stop();
}

/// What a client saw for one attempt: a status, or no response at all.
fn outcome(r: &Result<Reply, ureq::Error>) -> String {
    match r {
        Ok(reply) if reply.header("access-control-allow-origin").is_none() => {
            format!("{} no-cors", reply.status)
        }
        Ok(reply) => reply.status.to_string(),
        Err(_) => "dropped".to_owned(),
    }
}

/// Sends `n` submissions, each retried (like the widget) until a 2xx that
/// a browser could read; returns every attempt's outcome.
fn soak(base: &str, n: u64) -> Vec<String> {
    let agent = agent();
    let mut seen = Vec::new();
    for i in 0..n {
        let id = uuid(52, i);
        let mut attempts = 0;
        loop {
            attempts += 1;
            assert!(attempts < 50, "never delivered");
            let r = post(&agent, base, &id);
            seen.push(outcome(&r));
            if let Ok(reply) = &r {
                if (200..300).contains(&reply.status)
                    && reply.header("access-control-allow-origin").is_some()
                {
                    assert_eq!(reply.json()["id"], json!(id));
                    break;
                }
            }
        }
    }
    seen
}

#[test]
fn random_faults_are_reproducible_and_lose_nothing() {
    const N: u64 = 40;
    let config = FaultConfig {
        admin: true,
        rate: 0.4,
        seed: 42,
    };
    let run = || {
        let dir = tempfile::tempdir().expect("tempdir");
        let server = start(&dir, config.clone());
        let seen = soak(&server.base, N);
        let report = faults_call(&agent(), &server.base, Method::GET, None).json();
        // Exactly once: one row per id, every id present.
        let rows = db_rows(&server.db);
        assert_eq!(rows.len(), N as usize);
        let ids: std::collections::HashSet<_> = rows.iter().map(|r| r.0.clone()).collect();
        assert_eq!(ids.len(), N as usize);
        server.stop();
        (seen, report)
    };
    let (first, report) = run();
    let faulted = report["counts"]["faulted"].as_u64().expect("faulted");
    let posts = report["counts"]["posts"].as_u64().expect("posts");
    assert_eq!(posts as usize, first.len());
    assert!(faulted > 0 && faulted < posts, "{report}");
    assert_eq!(report["counts"]["created"], json!(N));
    let injected = report["injected"].as_array().expect("injected");
    assert!(injected.iter().all(|i| i["source"] == json!("random")
        && i["fault"]["status"] != json!(400)
        && i["fault"]["hang_ms"].as_u64().is_none_or(|ms| ms < 500)));
    for kind in ["500", "502", "503", "429", "dropped"] {
        assert!(
            first.iter().any(|o| o == kind),
            "{kind} never seen: {first:?}"
        );
    }
    assert!(first.iter().any(|o| o.ends_with("no-cors")), "{first:?}");

    let (second, _) = run();
    assert_eq!(second, first, "same seed, same faults");
}

//! In-process HTTP tests: the real router on 127.0.0.1:0, driven by ureq.

mod common;

use std::sync::atomic::{AtomicU64, Ordering};

use common::*;
use proptest::prelude::*;
use proptest::test_runner::{Config as ProptestConfig, TestRunner};
use putright_receiver::{DRAIN_LIMIT_BYTES, MAX_BODY_BYTES, REPLAY_HEADER};
use serde_json::{json, Value};
use ureq::http::{HeaderValue, Method};

#[test]
fn valid_submission_is_stored_verbatim_and_listed() {
    let f = Fixture::new();
    let id = uuid(1, 1);
    let body = submission(&id, "complaint");

    let reply = post_json(&f.agent, f.base(), &body, Some(&id));
    assert_eq!(reply.status, 201, "{}", reply.body);
    assert_eq!(reply.header("content-type"), Some("application/json"));
    assert_eq!(reply.header(REPLAY_HEADER), None);
    let receipt = reply.json();
    let obj = receipt.as_object().expect("object");
    assert_eq!(obj.len(), 3, "{receipt}");
    let reference = receipt["reference"].as_str().expect("reference");
    let received_at = receipt["received_at"].as_str().expect("received_at");
    assert!(
        chrono::DateTime::parse_from_rfc3339(received_at).is_ok(),
        "{received_at}"
    );
    assert_eq!(reference, format!("PR-{}-000001", &received_at[..4]));
    assert_eq!(receipt["id"], json!(id));

    // Listing: one entry, the submission is the body exactly as sent.
    let listing = get(&f.agent, &format!("{}/submissions", f.base()));
    assert_eq!(listing.status, 200);
    assert!(
        listing.body.contains(&body),
        "listing must embed the body verbatim"
    );
    let entries = listing.json();
    let entries = entries.as_array().expect("array");
    assert_eq!(entries.len(), 1);
    let entry = &entries[0];
    assert_eq!(entry["reference"], json!(reference));
    assert_eq!(entry["id"], json!(id));
    assert_eq!(entry["kind"], json!("complaint"));
    assert_eq!(entry["landlord_id"], json!("demo-housing"));
    assert_eq!(entry["received_at"], json!(received_at));
    let sent: Value = serde_json::from_str(&body).expect("body json");
    assert_eq!(entry["submission"], sent);

    // One by reference.
    let one = get(&f.agent, &format!("{}/submissions/{reference}", f.base()));
    assert_eq!(one.status, 200);
    assert_eq!(&one.json(), entry);
    assert!(one.body.contains(&body));

    // The database holds the exact bytes and the idempotency key.
    assert_eq!(
        db_rows(&f.server.db),
        vec![(id.clone(), reference.to_owned(), body.clone())]
    );
    let conn = rusqlite::Connection::open(&f.server.db).expect("db");
    let (key, kind, landlord): (Option<String>, String, String) = conn
        .query_row(
            "SELECT idempotency_key, kind, landlord_id FROM submissions",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .expect("row");
    assert_eq!(
        (key.as_deref(), kind.as_str(), landlord.as_str()),
        (Some(id.as_str()), "complaint", "demo-housing")
    );
    let journal: String = conn
        .query_row("PRAGMA journal_mode", [], |r| r.get(0))
        .expect("journal_mode");
    assert_eq!(journal, "wal");

    let health = get(&f.agent, &format!("{}/health", f.base()));
    assert_eq!(health.json(), json!({"ok": true, "count": 1}));

    // The HTML page shows it, escaped.
    let page = get(&f.agent, &format!("{}/", f.base()));
    assert_eq!(page.status, 200);
    assert!(page
        .header("content-type")
        .is_some_and(|c| c.starts_with("text/html")));
    assert!(page.body.contains(reference));
    assert!(page.body.contains("complaint"));
    assert!(page.body.contains(received_at));
    assert!(page
        .body
        .contains("Damp &amp; mould &lt;script&gt;alert(1)&lt;/script&gt;"));
    assert!(!page.body.contains("<script>"));
}

#[test]
fn replay_returns_the_original_response_and_stores_nothing() {
    let f = Fixture::new();
    let id = uuid(2, 1);
    let body = submission(&id, "service_request");
    let first = post_json(&f.agent, f.base(), &body, Some(&id));
    assert_eq!(first.status, 201);

    for key in [Some(id.as_str()), None] {
        let again = post_json(&f.agent, f.base(), &body, key);
        assert_eq!(again.status, 200, "a replay is 200, not 201");
        assert_eq!(again.body, first.body, "replay must be byte-identical");
        assert_eq!(again.header(REPLAY_HEADER), Some("true"));
    }

    // Same submission, other spelling (key order, spacing): still a replay.
    let value: Value = serde_json::from_str(&body).expect("json");
    let respelled = serde_json::to_string_pretty(&value).expect("pretty");
    assert_ne!(respelled, body);
    let again = post_json(&f.agent, f.base(), &respelled, Some(&id));
    assert_eq!(
        (again.status, again.body.as_str()),
        (200, first.body.as_str())
    );

    // Same id, different body: 409, and nothing changes.
    let altered = body.replace("Damp", "Leak");
    let conflict = post_json(&f.agent, f.base(), &altered, Some(&id));
    assert_eq!(conflict.status, 409, "{}", conflict.body);
    assert_eq!(conflict.field(), "$.id");
    assert_eq!(conflict.header(REPLAY_HEADER), None);
    let reference = first.json()["reference"]
        .as_str()
        .expect("reference")
        .to_owned();
    assert!(
        conflict.json()["error"]
            .as_str()
            .is_some_and(|e| e.contains("already stored") && e.contains(&reference)),
        "{}",
        conflict.body
    );

    assert_eq!(f.count(), 1);
    let rows = db_rows(&f.server.db);
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0].2, body, "the first body is kept");
}

#[test]
fn references_are_sequential_and_listing_is_newest_first() {
    let f = Fixture::new();
    let mut refs = Vec::new();
    for (n, kind) in ["complaint", "stage2_escalation", "adjustments_request"]
        .iter()
        .enumerate()
    {
        let id = uuid(3, n as u64);
        let reply = post_json(&f.agent, f.base(), &submission(&id, kind), None);
        assert_eq!(reply.status, 201, "{}", reply.body);
        refs.push(reply.json()["reference"].as_str().expect("ref").to_owned());
    }
    let suffixes: Vec<&str> = refs.iter().map(|r| &r[r.len() - 7..]).collect();
    assert_eq!(suffixes, ["-000001", "-000002", "-000003"]);

    let listing = get(&f.agent, &format!("{}/submissions", f.base())).json();
    let listed: Vec<&str> = listing
        .as_array()
        .expect("array")
        .iter()
        .map(|e| e["reference"].as_str().expect("ref"))
        .collect();
    let newest_first: Vec<&str> = refs.iter().rev().map(String::as_str).collect();
    assert_eq!(listed, newest_first);
    assert_eq!(listing[0]["kind"], json!("adjustments_request"));
}

#[test]
fn idempotency_key_must_equal_body_id() {
    let f = Fixture::new();
    let id = uuid(4, 1);
    let reply = post_json(
        &f.agent,
        f.base(),
        &submission(&id, "complaint"),
        Some(&uuid(4, 2)),
    );
    assert_eq!(reply.status, 422, "{}", reply.body);
    assert_eq!(reply.field(), "Idempotency-Key");
    assert!(reply.json()["error"]
        .as_str()
        .is_some_and(|e| !e.is_empty()));

    let twice = send(
        &f.agent,
        Method::POST,
        &format!("{}/submissions", f.base()),
        &[
            ("content-type", hv("application/json")),
            ("idempotency-key", hv(&id)),
            ("idempotency-key", hv(&id)),
        ],
        Some(submission(&id, "complaint").as_bytes()),
    )
    .expect("post");
    assert_eq!(
        (twice.status, twice.field()),
        (422, "Idempotency-Key".to_owned())
    );
    assert_eq!(f.count(), 0);
}

#[test]
fn validation_errors_have_status_and_field() {
    let f = Fixture::new();
    let id = uuid(5, 1);
    let valid: Value = serde_json::from_str(&submission(&id, "complaint")).expect("json");
    let with = |key: &str, value: Option<Value>| {
        let mut v = valid.clone();
        let obj = v.as_object_mut().expect("object");
        match value {
            Some(value) => obj.insert(key.to_owned(), value),
            None => obj.remove(key),
        };
        v.to_string()
    };

    let json_ct = Some("application/json");
    let cases: Vec<(&str, Option<&str>, String, u16, &str)> = vec![
        ("not JSON", json_ct, "{\"schema\":".into(), 400, "$"),
        ("empty body", json_ct, String::new(), 400, "$"),
        ("array", json_ct, "[]".into(), 400, "$"),
        ("string", json_ct, "\"hello\"".into(), 400, "$"),
        ("no schema", json_ct, with("schema", None), 422, "$.schema"),
        (
            "wrong schema",
            json_ct,
            with("schema", Some(json!("putright.submission/v2"))),
            422,
            "$.schema",
        ),
        ("no id", json_ct, with("id", None), 422, "$.id"),
        (
            "bad id",
            json_ct,
            with("id", Some(json!("1234"))),
            422,
            "$.id",
        ),
        (
            "numeric id",
            json_ct,
            with("id", Some(json!(7))),
            422,
            "$.id",
        ),
        (
            "bad kind",
            json_ct,
            with("kind", Some(json!("compliment"))),
            422,
            "$.kind",
        ),
        ("no kind", json_ct, with("kind", None), 422, "$.kind"),
        (
            "bad time",
            json_ct,
            with("submitted_at", Some(json!("31/01/2026"))),
            422,
            "$.submitted_at",
        ),
        (
            "no time",
            json_ct,
            with("submitted_at", None),
            422,
            "$.submitted_at",
        ),
        (
            "empty landlord",
            json_ct,
            with("landlord_id", Some(json!(""))),
            422,
            "$.landlord_id",
        ),
        (
            "landlord not string",
            json_ct,
            with("landlord_id", Some(json!({"id": 1}))),
            422,
            "$.landlord_id",
        ),
        (
            "text/plain",
            Some("text/plain"),
            submission(&id, "complaint"),
            415,
            "Content-Type",
        ),
        (
            "xml",
            Some("application/xml"),
            submission(&id, "complaint"),
            415,
            "Content-Type",
        ),
        (
            "no content type",
            None,
            submission(&id, "complaint"),
            415,
            "Content-Type",
        ),
    ];
    for (name, content_type, body, status, field) in cases {
        let headers: Vec<(&str, HeaderValue)> = content_type
            .map(|c| ("content-type", hv(c)))
            .into_iter()
            .collect();
        let reply = send(
            &f.agent,
            Method::POST,
            &format!("{}/submissions", f.base()),
            &headers,
            Some(body.as_bytes()),
        )
        .expect("post");
        assert_eq!(reply.status, status, "{name}: {}", reply.body);
        assert_eq!(reply.field(), field, "{name}");
        assert!(
            reply.json()["error"]
                .as_str()
                .is_some_and(|e| !e.is_empty()),
            "{name}"
        );
    }
    assert_eq!(f.count(), 0, "no rejected body may be stored");

    // Content-Type parameters and case are fine.
    let ok = send(
        &f.agent,
        Method::POST,
        &format!("{}/submissions", f.base()),
        &[("content-type", hv("Application/JSON; charset=utf-8"))],
        Some(submission(&id, "complaint").as_bytes()),
    )
    .expect("post");
    assert_eq!(ok.status, 201, "{}", ok.body);
    assert_eq!(f.count(), 1);
}

/// A valid submission of exactly `len` bytes (padded with whitespace).
fn padded_submission(id: &str, len: usize) -> String {
    let body = submission(id, "complaint");
    let pad = len - body.len();
    format!("{body}{}", " ".repeat(pad))
}

#[test]
fn body_size_limit_is_256_kib() {
    let f = Fixture::new();
    let at_limit = padded_submission(&uuid(6, 1), MAX_BODY_BYTES);
    assert_eq!(at_limit.len(), 256 * 1024);
    let reply = post_json(&f.agent, f.base(), &at_limit, None);
    assert_eq!(reply.status, 201, "a body of exactly 256 KiB is accepted");

    for (n, len) in [(2, MAX_BODY_BYTES + 1), (3, 4 * MAX_BODY_BYTES)] {
        let over = padded_submission(&uuid(6, n), len);
        let reply = post_json(&f.agent, f.base(), &over, None);
        assert_eq!(reply.status, 413, "{len} bytes");
        assert_eq!(reply.field(), "$");
        assert!(reply.json()["error"]
            .as_str()
            .is_some_and(|e| e.contains("262144")));
    }
    // Beyond the drain limit the 413 is sent at once and the connection is
    // closed, so the client may see either the 413 or a broken pipe.
    let huge = padded_submission(&uuid(6, 4), DRAIN_LIMIT_BYTES + 1);
    if let Ok(reply) = try_post_json(&f.agent, f.base(), &huge, None) {
        assert_eq!(reply.status, 413);
    }
    assert_eq!(f.count(), 1);
}

#[test]
fn cors_for_allowed_origins_only() {
    let f = Fixture::new();
    let allowed = "http://localhost:8080";

    let pre = post_preflight(
        &f.agent,
        f.base(),
        allowed,
        Some("content-type,idempotency-key,x-landlord-token"),
    );
    assert!((200..300).contains(&pre.status), "{}", pre.status);
    assert_eq!(pre.header("access-control-allow-origin"), Some(allowed));
    assert_eq!(pre.header("access-control-allow-methods"), Some("POST"));
    let allow_headers = pre
        .header("access-control-allow-headers")
        .expect("headers")
        .to_ascii_lowercase();
    assert_eq!(
        allow_headers, "content-type, idempotency-key",
        "by default only the widget's own headers; see --allow-headers"
    );
    assert_eq!(pre.header("access-control-max-age"), Some("600"));
    assert!(pre.header("vary").is_some_and(|v| v.contains("Origin")));

    let bare = post_preflight(&f.agent, f.base(), "http://127.0.0.1:8080", None);
    let allow_headers = bare
        .header("access-control-allow-headers")
        .expect("headers");
    assert!(allow_headers.contains("content-type") && allow_headers.contains("idempotency-key"));

    for origin in [
        "http://localhost:8081",
        "https://localhost:8080",
        "http://evil.example",
        "null",
    ] {
        let pre = post_preflight(&f.agent, f.base(), origin, Some("content-type"));
        assert!(!pre.has_cors_headers(), "{origin}: {:?}", pre.headers);
    }

    // Actual requests.
    let id = uuid(7, 1);
    let reply = send(
        &f.agent,
        Method::POST,
        &format!("{}/submissions", f.base()),
        &[
            ("content-type", hv("application/json")),
            ("origin", hv(allowed)),
        ],
        Some(submission(&id, "complaint").as_bytes()),
    )
    .expect("post");
    assert_eq!(reply.status, 201);
    assert_eq!(reply.header("access-control-allow-origin"), Some(allowed));
    assert!(reply
        .header("access-control-expose-headers")
        .is_some_and(|v| v.to_ascii_lowercase().contains("idempotent-replayed")));
    assert!(reply.header("vary").is_some_and(|v| v.contains("Origin")));

    // Reads are never CORS, even for an allowed origin (tests/reads.rs).
    for origin in ["http://evil.example", allowed] {
        let listing = send(
            &f.agent,
            Method::GET,
            &format!("{}/submissions", f.base()),
            &[("origin", hv(origin))],
            None,
        )
        .expect("get");
        assert_eq!(listing.status, 200);
        assert!(!listing.has_cors_headers(), "{:?}", listing.headers);
    }

    // `*` allows any origin (echoed back exactly).
    let any = Fixture::with_origins("*");
    let pre = post_preflight(
        &any.agent,
        any.base(),
        "https://landlord.example",
        Some("content-type"),
    );
    assert_eq!(
        pre.header("access-control-allow-origin"),
        Some("https://landlord.example")
    );
}

#[test]
fn unknown_things_are_json_404_or_405() {
    let f = Fixture::new();
    let missing = get(
        &f.agent,
        &format!("{}/submissions/PR-2026-999999", f.base()),
    );
    assert_eq!(
        (missing.status, missing.field()),
        (404, "reference".to_owned())
    );
    let nowhere = get(&f.agent, &format!("{}/nowhere", f.base()));
    assert_eq!(nowhere.status, 404);
    assert!(nowhere.json()["error"].is_string());
    let delete = send(
        &f.agent,
        Method::DELETE,
        &format!("{}/submissions", f.base()),
        &[],
        None,
    )
    .expect("delete");
    assert_eq!(delete.status, 405);
    assert!(delete.json()["error"].is_string());
}

#[test]
fn replay_works_across_restarts() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("s.sqlite3");
    let agent = agent();
    let id = uuid(8, 1);
    let body = submission(&id, "ombudsman_referral");

    let server = InProcess::start(&db, DEFAULT_ORIGINS);
    let first = post_json(&agent, &server.base, &body, Some(&id));
    assert_eq!(first.status, 201);
    server.stop();

    let server = InProcess::start(&db, DEFAULT_ORIGINS);
    let again = post_json(&agent, &server.base, &body, Some(&id));
    assert_eq!(
        (again.status, again.body.as_str()),
        (200, first.body.as_str())
    );
    assert_eq!(again.header(REPLAY_HEADER), Some("true"));
    let next = post_json(
        &agent,
        &server.base,
        &submission(&uuid(8, 2), "complaint"),
        None,
    );
    assert!(next.json()["reference"]
        .as_str()
        .is_some_and(|r| r.ends_with("-000002")));
    assert_eq!(count(&agent, &server.base), 2);
    server.stop();
}

// ---- Property tests: garbage never gives 5xx and never stores anything
// ---- that was not acknowledged with a fresh 201.

fn runner(cases: u32) -> TestRunner {
    TestRunner::new(ProptestConfig {
        cases,
        failure_persistence: None,
        ..ProptestConfig::default()
    })
}

/// Posts and checks the invariants; returns the reply.
fn post_and_check(
    f: &Fixture,
    headers: &[(&str, HeaderValue)],
    body: &[u8],
) -> Result<Reply, TestCaseError> {
    let before = f.count();
    let reply = send(
        &f.agent,
        Method::POST,
        &format!("{}/submissions", f.base()),
        headers,
        Some(body),
    )
    .map_err(|e| TestCaseError::fail(format!("transport error: {e}")))?;
    prop_assert!(
        [201, 400, 413, 415, 422].contains(&reply.status),
        "unexpected status {}: {}",
        reply.status,
        reply.body
    );
    if reply.status != 201 {
        let json: Value = serde_json::from_str(&reply.body)
            .map_err(|e| TestCaseError::fail(format!("error body not JSON: {e}")))?;
        prop_assert!(
            json["error"].is_string() && json["field"].is_string(),
            "{}",
            reply.body
        );
    }
    let fresh = reply.status == 201 && reply.header(REPLAY_HEADER).is_none();
    prop_assert_eq!(f.count(), before + i64::from(fresh));
    Ok(reply)
}

fn json_headers() -> Vec<(&'static str, HeaderValue)> {
    vec![("content-type", hv("application/json"))]
}

#[test]
fn random_bytes_never_5xx() {
    let f = Fixture::new();
    let result = runner(128).run(&prop::collection::vec(any::<u8>(), 0..2048), |bytes| {
        post_and_check(&f, &json_headers(), &bytes).map(drop)
    });
    if let Err(e) = result {
        panic!("{e}");
    }
    assert_eq!(f.count(), 0);
}

fn key_strategy() -> impl Strategy<Value = String> {
    prop_oneof![
        prop::sample::select(vec!["schema", "id", "kind", "submitted_at", "landlord_id"])
            .prop_map(String::from),
        any::<String>(),
    ]
}

fn plausible_string() -> impl Strategy<Value = String> {
    prop_oneof![
        prop::sample::select(vec![
            "putright.submission/v1",
            "complaint",
            "ombudsman_referral",
            "2026-01-31T09:30:00Z",
            "2026-02-30T09:30:00Z",
            "demo",
            "",
            " ",
        ])
        .prop_map(String::from),
        (0u64..1_000_000).prop_map(|n| uuid(9, n)),
        "[0-9a-fA-F-]{30,40}",
    ]
}

fn arb_json() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        any::<f64>().prop_filter_map("finite", |x| serde_json::Number::from_f64(x)
            .map(Value::Number)),
        any::<String>().prop_map(Value::String),
        plausible_string().prop_map(Value::String),
    ];
    leaf.prop_recursive(4, 48, 8, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            prop::collection::vec((key_strategy(), inner), 0..8)
                .prop_map(|kv| Value::Object(kv.into_iter().collect())),
        ]
    })
}

#[test]
fn random_json_never_5xx() {
    let f = Fixture::new();
    let result = runner(128).run(&arb_json(), |value| {
        post_and_check(&f, &json_headers(), value.to_string().as_bytes()).map(drop)
    });
    if let Err(e) = result {
        panic!("{e}");
    }
}

#[test]
fn mutated_submissions_never_5xx() {
    let f = Fixture::new();
    let counter = AtomicU64::new(0);
    let mutation = (key_strategy(), prop::option::of(arb_json()));
    let result = runner(128).run(&prop::collection::vec(mutation, 1..4), |mutations| {
        let id = uuid(10, counter.fetch_add(1, Ordering::Relaxed));
        let mut value: Value = serde_json::from_str(&submission(&id, "complaint")).expect("json");
        if let Some(obj) = value.as_object_mut() {
            for (key, replacement) in mutations {
                match replacement {
                    Some(v) => obj.insert(key, v),
                    None => obj.remove(&key),
                };
            }
        }
        post_and_check(&f, &json_headers(), value.to_string().as_bytes()).map(drop)
    });
    if let Err(e) = result {
        panic!("{e}");
    }
}

fn header_value() -> impl Strategy<Value = Option<HeaderValue>> {
    prop::option::of(prop_oneof![
        prop::collection::vec(any::<u8>(), 0..48)
            .prop_filter_map("valid header", |b| HeaderValue::from_bytes(&b).ok()),
        prop::sample::select(vec![
            "application/json",
            "application/json; charset=utf-8",
            "text/json",
            ""
        ])
        .prop_map(HeaderValue::from_static),
    ])
}

#[test]
fn random_headers_never_5xx() {
    let f = Fixture::new();
    let counter = AtomicU64::new(0);
    let strategy = (header_value(), header_value(), any::<bool>());
    let result = runner(128).run(&strategy, |(content_type, key, key_is_id)| {
        let id = uuid(11, counter.fetch_add(1, Ordering::Relaxed));
        let mut headers = Vec::new();
        if let Some(ct) = content_type {
            headers.push(("content-type", ct));
        }
        match (key, key_is_id) {
            (_, true) => headers.push(("idempotency-key", hv(&id))),
            (Some(k), false) => headers.push(("idempotency-key", k)),
            (None, false) => {}
        }
        headers.push(("origin", hv("http://localhost:8080")));
        let reply = post_and_check(&f, &headers, submission(&id, "complaint").as_bytes())?;
        prop_assert!(reply.header("access-control-allow-origin").is_some());
        Ok(())
    });
    if let Err(e) = result {
        panic!("{e}");
    }
}

//! Form bodies, produced by the widget's own `Submission::to_form_urlencoded`.

mod common;

use common::*;
use put_right::domain::payload::Submission;
use putright_receiver::validate::KINDS;
use putright_receiver::REPLAY_HEADER;
use serde_json::{json, Value};

/// An example with awkward text in it, as the widget's `Submission`.
fn widget_submission(kind: &str, n: u64) -> Submission {
    let mut v = example(kind);
    v["id"] = json!(uuid(40, n));
    v["resident"]["name"] = json!("Siân & Co = 100% + more");
    v["resident"]["contact_times"] = json!("Mornings;\tnot Tuesdays (a.b=c&d)");
    Submission::from_json(&v.to_string()).expect("example parses as the widget's Submission")
}

#[test]
fn every_kind_round_trips_through_the_widgets_form_encoding() {
    let dir = tempfile::tempdir().expect("tempdir");
    let server = InProcess::start(&dir.path().join("s.sqlite3"), DEFAULT_ORIGINS);
    let agent = agent();
    for (n, kind) in KINDS.iter().enumerate() {
        let sub = widget_submission(kind, n as u64);
        let form = sub.to_form_urlencoded();
        assert!(form.contains("resident.address_lines.0="), "{form}");
        let reply = post_form(&agent, &server.base, &form, Some(sub.idempotency_key()));
        assert_eq!(reply.status, 201, "{kind}: {}", reply.body);
        let receipt = reply.json();
        assert_eq!(receipt["id"], json!(sub.id));
        let reference = receipt["reference"].as_str().expect("reference");

        // What is stored is the JSON the widget would have sent.
        let stored = get(&agent, &format!("{}/submissions/{reference}", server.base));
        assert_eq!(stored.status, 200);
        let expected: Value = serde_json::from_str(&sub.to_json()).expect("json");
        assert_eq!(stored.json()["submission"], expected, "{kind}");
        assert_eq!(stored.json()["kind"], json!(kind));

        // The same submission again, as form or as JSON: the same receipt.
        let again = post_form(&agent, &server.base, &form, Some(&sub.id));
        assert_eq!(
            (again.status, again.body.as_str()),
            (200, reply.body.as_str())
        );
        assert_eq!(again.header(REPLAY_HEADER), Some("true"));
        let as_json = post_json(&agent, &server.base, &sub.to_json(), Some(&sub.id));
        assert_eq!(
            (as_json.status, as_json.body.as_str()),
            (200, reply.body.as_str())
        );
    }
    assert_eq!(count(&agent, &server.base), KINDS.len() as i64);
    server.stop();
}

#[test]
fn form_bodies_follow_the_same_rules_as_json() {
    let dir = tempfile::tempdir().expect("tempdir");
    let server = InProcess::start(&dir.path().join("s.sqlite3"), DEFAULT_ORIGINS);
    let agent = agent();
    let sub = widget_submission("complaint", 100);
    let form = sub.to_form_urlencoded();

    let cases: Vec<(&str, String, Option<String>, u16, &str)> = vec![
        (
            "key differs from id",
            form.clone(),
            Some(uuid(40, 999)),
            422,
            "Idempotency-Key",
        ),
        (
            "boolean that is not true/false",
            form.replace(
                "complaint.outcomes.apology=true",
                "complaint.outcomes.apology=yes",
            ),
            None,
            422,
            "$.complaint.outcomes.apology",
        ),
        (
            "number that is not a number",
            form.replace(
                "compensation_amount_pence=15000",
                "compensation_amount_pence=150.5.0",
            ),
            None,
            422,
            "$.complaint.outcomes.compensation_amount_pence",
        ),
        (
            "complaint section missing",
            form.split('&')
                .filter(|p| !p.starts_with("complaint."))
                .collect::<Vec<_>>()
                .join("&"),
            None,
            422,
            "$.complaint",
        ),
        (
            "unknown field (not named: the sender chose that text)",
            format!("{form}&resident.nickname=Sam"),
            None,
            422,
            "$.resident",
        ),
        (
            "a schema name in the wrong place",
            format!("{form}&resident.kind=complaint"),
            None,
            422,
            "$.resident.kind",
        ),
        (
            "gap in a list",
            form.replace("resident.address_lines.2=", "resident.address_lines.5="),
            None,
            422,
            "$.resident.address_lines[2]",
        ),
        (
            "field sent twice",
            format!("{form}&kind=complaint"),
            None,
            422,
            "$.kind",
        ),
        ("empty", String::new(), None, 400, "$"),
        ("bad UTF-8", "kind=%FF%FE".to_owned(), None, 400, "$"),
    ];
    for (name, body, key, status, field) in cases {
        let reply = post_form(&agent, &server.base, &body, key.as_deref());
        assert_eq!(reply.status, status, "{name}: {}", reply.body);
        assert_eq!(reply.field(), field, "{name}");
        assert!(reply.json()["error"]
            .as_str()
            .is_some_and(|e| !e.is_empty()));
    }
    assert_eq!(count(&agent, &server.base), 0, "nothing rejected is stored");

    let ok = post_form(&agent, &server.base, &form, Some(&sub.id));
    assert_eq!(ok.status, 201, "{}", ok.body);
    server.stop();
}

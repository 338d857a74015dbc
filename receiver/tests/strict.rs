//! The receiver stores exactly what it checked, refuses to quietly swap a
//! stored submission, and never repeats what was sent in an error.

mod common;

use common::*;
use put_right::domain::payload::Submission;
use putright_receiver::REPLAY_HEADER;
use serde_json::{json, Value};
use ureq::http::Method;

/// A valid submission's JSON text with `key` written twice in the object at
/// `pointer`: first `first`, then the valid value.
fn with_key_twice(id: &str, pointer: &str, key: &str, first: &Value) -> String {
    let value: Value = serde_json::from_str(&submission(id, "complaint")).expect("json");
    let target = value.pointer(pointer).expect("pointer");
    let object = serde_json::to_string(target).expect("object");
    let doubled = format!("{{\"{key}\":{first},{}", &object[1..]);
    let text = value.to_string();
    assert!(text.contains(&object));
    text.replacen(&object, &doubled, 1)
}

#[test]
fn duplicate_keys_are_refused_and_nothing_is_stored() {
    let f = Fixture::new();
    let id = uuid(80, 1);
    let cases = [
        ("", "id", json!("not-a-uuid"), "$.id"),
        ("", "kind", json!("<script>alert(1)</script>"), "$.kind"),
        (
            "/resident",
            "name",
            json!("Someone Else"),
            "$.resident.name",
        ),
        (
            "/complaint/outcomes",
            "apology",
            json!(false),
            "$.complaint.outcomes.apology",
        ),
        (
            "/expected_dates/1",
            "due",
            json!("2020-01-01"),
            "$.expected_dates[1].due",
        ),
    ];
    for (pointer, key, first, field) in cases {
        let body = with_key_twice(&id, pointer, key, &first);
        // serde_json alone would take the last copy and call it valid.
        let last_wins: Value = serde_json::from_str(&body).expect("json");
        assert!(putright_receiver::validate(&last_wins).is_ok(), "{field}");
        let reply = post_json(&f.agent, &f.server.base, &body, Some(&id));
        assert_eq!(
            (reply.status, reply.field()),
            (400, field.to_owned()),
            "{}",
            reply.body
        );
        assert!(reply.json()["error"]
            .as_str()
            .is_some_and(|e| e.contains("more than once")));
    }
    // The same key spelled with an escape is the same key.
    let escaped = with_key_twice(&id, "", "kin\\u0064", &json!("service_request"));
    let reply = post_json(&f.agent, &f.server.base, &escaped, Some(&id));
    assert_eq!((reply.status, reply.field()), (400, "$.kind".to_owned()));

    assert_eq!(count(&f.agent, &f.server.base), 0);
    let listing = get(&f.agent, &format!("{}/submissions", f.server.base));
    assert_eq!(listing.json(), json!([]));
    f.server.stop();
}

#[test]
fn a_changed_body_under_a_stored_id_is_a_conflict() {
    let f = Fixture::new();
    let base = f.server.base.as_str();
    // The widget's own submission, first as a form, then as JSON.
    let mut v = example("service_request");
    v["id"] = json!(uuid(81, 1));
    let sub = Submission::from_json(&v.to_string()).expect("widget type");
    let first = post_form(&f.agent, base, &sub.to_form_urlencoded(), Some(&sub.id));
    assert_eq!(first.status, 201, "{}", first.body);

    // The same submission in any spelling replays.
    let pretty = serde_json::to_string_pretty(&v).expect("pretty");
    for body in [sub.to_json(), pretty] {
        let again = post_json(&f.agent, base, &body, Some(&sub.id));
        assert_eq!(
            (again.status, again.body.as_str()),
            (200, first.body.as_str())
        );
        assert_eq!(again.header(REPLAY_HEADER), Some("true"));
    }

    // Anything else under that id: 409, as JSON or as a form.
    let mut changed = v.clone();
    changed["submitted_at"] = json!("2026-11-23T10:16:00Z");
    let changed_form = Submission::from_json(&changed.to_string())
        .expect("widget type")
        .to_form_urlencoded();
    for reply in [
        post_json(&f.agent, base, &changed.to_string(), Some(&sub.id)),
        post_form(&f.agent, base, &changed_form, Some(&sub.id)),
    ] {
        assert_eq!(
            (reply.status, reply.field()),
            (409, "$.id".to_owned()),
            "{}",
            reply.body
        );
        assert_eq!(reply.header(REPLAY_HEADER), None);
    }
    let rows = db_rows(&f.server.db);
    assert_eq!(rows.len(), 1);
    let stored: Value = serde_json::from_str(&rows[0].2).expect("json");
    assert_eq!(stored, v, "the first submission is kept");
    f.server.stop();
}

const MARKER: &str = "Zq7MarkerXk";

/// A valid complaint with `edit` applied, as text.
fn complaint_with(id: &str, edit: impl FnOnce(&mut Value)) -> String {
    let mut v: Value = serde_json::from_str(&submission(id, "complaint")).expect("json");
    edit(&mut v);
    v.to_string()
}

#[test]
fn no_error_repeats_what_was_sent() {
    let f = Fixture::new();
    let base = f.server.base.as_str();
    let id = uuid(82, 1);
    let m = MARKER;
    let stored = submission(&id, "complaint");
    assert_eq!(post_json(&f.agent, base, &stored, Some(&id)).status, 201);

    let json_bodies: Vec<String> = vec![
        format!("{{\"resident\":{{\"name\":\"{m}\""),
        format!("{{\"kind\":\"\\q{m}\"}}"),
        format!("{{\"kind\": {m}}}"),
        format!("{{\"{m}\": 1, \"{m}\": 2}}"),
        format!("[\"{m}\"]"),
        format!("\"{m}\""),
        complaint_with(&uuid(82, 2), |v| v["kind"] = json!(m)),
        complaint_with(&uuid(82, 3), |v| v["id"] = json!(m)),
        complaint_with(&uuid(82, 4), |v| v["schema"] = json!(m)),
        complaint_with(&uuid(82, 5), |v| v["submitted_at"] = json!(m)),
        complaint_with(&uuid(82, 6), |v| v["landlord_id"] = json!(format!("{m}!"))),
        complaint_with(&uuid(82, 7), |v| {
            v["widget"]["version"] = json!(m.repeat(20_000))
        }),
        complaint_with(&uuid(82, 8), |v| v["resident"]["postcode"] = json!(m)),
        complaint_with(&uuid(82, 9), |v| v["resident"]["email"] = json!(m)),
        complaint_with(&uuid(82, 10), |v| {
            v["resident"]["name"] = json!(m.repeat(10))
        }),
        complaint_with(&uuid(82, 11), |v| v["resident"]["name"] = json!({ m: m })),
        complaint_with(&uuid(82, 12), |v| {
            v["resident"]["address_lines"] = json!(vec![m; 11])
        }),
        complaint_with(&uuid(82, 13), |v| v["resident"][m] = json!(m)),
        complaint_with(&uuid(82, 14), |v| v[m] = json!(m)),
        complaint_with(&uuid(82, 15), |v| v["complaint"] = json!(m)),
        complaint_with(&uuid(82, 16), |v| v["complaint"]["started_on"] = json!(m)),
        complaint_with(&uuid(82, 17), |v| {
            v["complaint"]["outcomes"]["apology"] = json!(m)
        }),
        complaint_with(&uuid(82, 18), |v| v["warnings"] = json!([{ "code": m }])),
        complaint_with(&uuid(82, 19), |v| {
            v["adjustments"]["formats"] = json!([m, m])
        }),
        with_key_twice(&uuid(82, 20), "/resident", "name", &json!(m)),
        with_key_twice(&uuid(82, 21), "/resident", m, &json!(m)),
        // A different body under a stored id.
        stored.replace("Damp", m),
        format!("{{\"pad\":\"{}\"}}", m.repeat(30_000)),
    ];
    let mut replies = Vec::new();
    for body in &json_bodies {
        replies.push(post_json(&f.agent, base, body, None));
    }
    // Not UTF-8, and the wrong content type.
    let mut not_utf8 = format!("{{\"kind\":\"{m}").into_bytes();
    not_utf8.extend_from_slice(&[0xff, 0xfe, b'"', b'}']);
    let raw_post = |content_type: &str, key: &str, body: &[u8]| {
        let headers = [
            ("content-type", hv(content_type)),
            ("idempotency-key", hv(key)),
        ];
        send(
            &f.agent,
            Method::POST,
            &format!("{base}/submissions"),
            &headers,
            Some(body),
        )
        .expect("post")
    };
    replies.push(raw_post("application/json", &id, &not_utf8));
    replies.push(raw_post("text/plain", &id, stored.as_bytes()));
    replies.push(raw_post(&format!("text/{m}"), &id, stored.as_bytes()));
    // An Idempotency-Key that is not the id.
    replies.push(raw_post("application/json", m, stored.as_bytes()));

    // Form bodies, including the reported case: a JSON body sent as a form.
    let form_bodies = vec![
        complaint_with(&uuid(82, 30), |v| v["resident"]["name"] = json!(m)),
        format!("{{\"schema\":\"putright.submission/v1\",\"resident\":{{\"name\":\"{m}\"}}}}"),
        format!("resident.{m}=1&resident.{m}=2"),
        format!("resident.{m}=1&resident.{m}.x=2"),
        format!("{m}..x=1"),
        format!("resident.address_lines.{m}=1"),
        format!("{}=1", [m; 20].join(".")),
        format!("kind={m}&id={m}"),
        format!("complaint.outcomes.apology={m}"),
        format!("{m}=%FF"),
    ];
    for body in &form_bodies {
        replies.push(post_form(&f.agent, base, body, None));
    }
    // Reads with odd parameters.
    for path in [
        format!("/submissions/{m}"),
        format!("/submissions?after={m}"),
        format!("/submissions?limit={m}"),
        format!("/?after=%3C{m}%3E"),
        format!("/{m}"),
    ] {
        replies.push(get(&f.agent, &format!("{base}{path}")));
    }

    assert_eq!(replies.len(), json_bodies.len() + 4 + form_bodies.len() + 5);
    for reply in &replies {
        assert!(
            (400..500).contains(&reply.status),
            "{}: {}",
            reply.status,
            reply.body
        );
        assert!(reply.json()["error"].is_string(), "{}", reply.body);
        let headers = format!("{:?}", reply.headers);
        let everything = format!("{headers}{}", reply.body).to_ascii_lowercase();
        assert!(
            !everything.contains(&m.to_ascii_lowercase()),
            "{} repeats the marker: {} {headers}",
            reply.status,
            reply.body
        );
    }
    assert_eq!(count(&f.agent, base), 1, "nothing refused is stored");
    f.server.stop();
}

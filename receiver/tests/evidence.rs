//! Submissions with files (photos and documents as evidence): one
//! multipart/form-data POST, each file checked against its attachment,
//! stored with the submission in one transaction, listed and downloadable
//! by staff only, replayed exactly once.

mod common;

use common::*;
use put_right::domain::payload::Submission;
use putright_receiver::multipart::{hex_sha256, MAX_MULTIPART_BYTES};
use putright_receiver::REPLAY_HEADER;
use serde_json::Value;
use ureq::http::Method;

/// Put in file names, file contents and part names; never in an answer.
const MARKER: &str = "MARKER-7f3a9c";

/// What is sent, and the status and `field` it must get.
type Case<'a> = (&'a str, (Vec<u8>, String), u16, &'a str);

fn photo_and_letter() -> Vec<File> {
    vec![
        jpeg("a1", "kitchen ceiling.jpg", 1, 300_000),
        pdf("a2", "Letter – missed appointment.pdf", 2, 50_000),
    ]
}

fn header(headers: &ureq::http::HeaderMap, name: &str) -> String {
    headers
        .get(name)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_owned()
}

/// Posts `files` with a submission listing them; the receipt's reference.
fn post_files(f: &Fixture, id: &str, files: &[File]) -> String {
    let text = submission_with(id, "complaint", files);
    let reply = post_multipart(&f.agent, f.base(), &widget_body(&text, files), Some(id));
    assert_eq!(reply.status, 201, "{}", reply.body);
    reply.json()["reference"]
        .as_str()
        .expect("reference")
        .to_owned()
}

#[test]
fn a_photo_and_a_letter_are_stored_byte_for_byte_listed_and_downloadable() {
    let f = Fixture::new();
    let id = uuid(70, 1);
    let files = photo_and_letter();
    let text = submission_with(&id, "complaint", &files);
    let reply = post_multipart(&f.agent, f.base(), &widget_body(&text, &files), Some(&id));
    assert_eq!(reply.status, 201, "{}", reply.body);
    let receipt = reply.json();
    let reference = receipt["reference"].as_str().expect("reference");
    assert_eq!(receipt["id"], id.as_str());
    assert_eq!(f.count(), 1);

    // Stored: the submission part verbatim, each file whole.
    assert_eq!(db_rows(&f.server.db)[0].2, text);
    let stored = db_files(&f.server.db);
    assert_eq!(stored.len(), 2);
    for (row, file) in stored.iter().zip(&files) {
        assert_eq!(
            (row.0.as_str(), row.1.as_str()),
            (id.as_str(), file.id.as_str())
        );
        assert_eq!(row.2, hex_sha256(&file.content));
        assert_eq!(row.3, row.2, "the stored content hashes to its sha256");
    }

    // Listed with a link each, in JSON (both reads) and in HTML.
    let listing = get(&f.agent, &format!("{}/submissions", f.base())).json();
    let listed = listing[0]["files"].as_array().expect("files").clone();
    assert_eq!(listed.len(), 2);
    let one = get(&f.agent, &format!("{}/submissions/{reference}", f.base())).json();
    assert_eq!(one["files"], Value::from(listed.clone()));
    assert_eq!(
        one["submission"]["attachments"][1]["filename"],
        files[1].filename.as_str()
    );
    let page = get(&f.agent, &format!("{}/", f.base())).body;
    for (entry, file) in listed.iter().zip(&files) {
        let href = entry["href"].as_str().expect("href");
        assert_eq!(href, format!("/submissions/{reference}/files/{}", file.id));
        assert_eq!(entry["bytes"], file.content.len());
        assert_eq!(entry["media_type"], file.media_type);
        assert_eq!(entry["sha256"], hex_sha256(&file.content).as_str());
        assert!(
            page.contains(&format!("<a href=\"{href}\" download>")),
            "{page}"
        );

        // Downloaded: the very bytes sent, as an attachment, never sniffed.
        let (status, headers, body) = download(&f.agent, &format!("{}{href}", f.base()));
        assert_eq!(status, 200);
        assert!(body == file.content, "{} came back changed", file.id);
        assert_eq!(header(&headers, "content-type"), file.media_type);
        assert!(header(&headers, "content-disposition").starts_with("attachment; filename=\""));
        assert_eq!(header(&headers, "x-content-type-options"), "nosniff");
        assert!(header(&headers, "content-security-policy").contains("sandbox"));
        assert_eq!(header(&headers, "cache-control"), "no-store");
        assert!(!headers
            .keys()
            .any(|k| k.as_str().starts_with("access-control-")));
    }
    let (_, headers, _) = download(
        &f.agent,
        &format!(
            "{}{}",
            f.base(),
            listed[1]["href"].as_str().unwrap_or_default()
        ),
    );
    assert!(
        header(&headers, "content-disposition")
            .ends_with("filename*=UTF-8''Letter%20%E2%80%93%20missed%20appointment.pdf"),
        "{}",
        header(&headers, "content-disposition")
    );
    for missing in [
        format!("/submissions/{reference}/files/a3"),
        "/submissions/PR-2000-000001/files/a1".to_owned(),
    ] {
        let (status, _, _) = download(&f.agent, &format!("{}{missing}", f.base()));
        assert_eq!(status, 404, "{missing}");
    }
}

#[test]
fn files_are_read_only_by_staff_like_submissions() {
    let dir = tempfile::tempdir().expect("tempdir");
    let token = "evidence-read-token-0123456789";
    let server = InProcess::start_with(&dir.path().join("s.sqlite3"), "*", |s| {
        s.with_read_token(Some(token.to_owned()))
    });
    let agent = agent();
    let id = uuid(70, 2);
    let files = photo_and_letter();
    let text = submission_with(&id, "complaint", &files);
    let reply = post_multipart(&agent, &server.base, &widget_body(&text, &files), None);
    assert_eq!(reply.status, 201, "{}", reply.body);
    let path = format!(
        "/submissions/{}/files/a1",
        reply.json()["reference"].as_str().unwrap_or_default()
    );
    let url = format!("{}{path}", server.base);
    let anonymous = send(
        &agent,
        Method::GET,
        &url,
        &[("origin", hv("http://evil.example"))],
        None,
    )
    .expect("get");
    assert_eq!(
        (anonymous.status, anonymous.field().as_str()),
        (401, "Authorization")
    );
    assert!(!anonymous.has_cors_headers());
    let bearer = [
        ("authorization", hv(&format!("Bearer {token}"))),
        ("origin", hv("http://evil.example")),
    ];
    let (status, headers, body) =
        send_for_bytes(&agent, Method::GET, &url, &bearer, None).expect("get");
    assert_eq!(status, 200);
    assert!(!headers
        .keys()
        .any(|k| k.as_str().starts_with("access-control-")));
    assert!(body == files[0].content);
    server.stop();

    // Without a token: this machine only, and a rebinding Host is refused.
    let f = Fixture::new();
    let reference = post_files(&f, &uuid(70, 3), &photo_and_letter());
    let path = format!("/submissions/{reference}/files/a2");
    let rebinding = get_with_host(f.server.addr(), "evil.example:8787", &path, &[]);
    assert_eq!(rebinding.status(), Some(403), "{}", rebinding.text);
    assert!(!rebinding.text.contains("%PDF"));
    let local = get_with_host(f.server.addr(), f.server.addr(), &path, &[]);
    assert_eq!(local.status(), Some(200));
    assert!(local.text.contains("%PDF-1.7"));
}

#[test]
fn in_form_mode_the_submission_part_is_the_form_body() {
    let f = Fixture::new();
    let id = uuid(70, 4);
    let files = photo_and_letter();
    let json = submission_with(&id, "service_request", &files);
    let form = Submission::from_json(&json)
        .expect("widget type")
        .to_form_urlencoded();
    assert!(
        form.contains("attachments.1.sha256="),
        "the widget flattens attachments"
    );
    let mut parts = vec![submission_part(&form, "application/x-www-form-urlencoded")];
    parts.extend(files.iter().map(file_part));
    let reply = post_multipart(&f.agent, f.base(), &multipart(&parts), Some(&id));
    assert_eq!(reply.status, 201, "{}", reply.body);
    let stored: Value = serde_json::from_str(&db_rows(&f.server.db)[0].2).expect("stored JSON");
    let sent: Value = serde_json::from_str(&json).expect("sent JSON");
    assert_eq!(stored, sent, "the form rebuilds the same submission");
    // So the same submission as JSON is a replay.
    let again = post_multipart(&f.agent, f.base(), &widget_body(&json, &files), Some(&id));
    assert_eq!(
        (again.status, again.header(REPLAY_HEADER)),
        (200, Some("true")),
        "{}",
        again.body
    );
    assert_eq!(db_files(&f.server.db).len(), 2);
}

#[test]
fn a_file_changed_or_cut_short_on_the_way_is_refused_and_nothing_is_stored() {
    let f = Fixture::new();
    let id = uuid(71, 1);
    let files = photo_and_letter();
    let text = submission_with(&id, "complaint", &files);
    let mut flipped = files.clone();
    let near_end = flipped[1].content.len() - 10;
    flipped[1].content[near_end] ^= 1;
    let mut short = files.clone();
    short[0].content.truncate(1000);
    let mut long = files.clone();
    long[0].content.extend_from_slice(MARKER.as_bytes());
    for (what, sent, field, words) in [
        (
            "one bit changed",
            &flipped,
            "$.attachments[1]",
            ["`a2`", "sha256"],
        ),
        ("cut short", &short, "$.attachments[0]", ["`a1`", "`bytes`"]),
        ("one longer", &long, "$.attachments[0]", ["`a1`", "`bytes`"]),
    ] {
        let reply = post_multipart(&f.agent, f.base(), &widget_body(&text, sent), Some(&id));
        assert_eq!(
            (reply.status, reply.field().as_str()),
            (400, field),
            "{what}: {}",
            reply.body
        );
        let error = reply.json()["error"]
            .as_str()
            .unwrap_or_default()
            .to_owned();
        assert!(words.iter().all(|w| error.contains(w)), "{what}: {error}");
        assert!(
            !reply.body.contains(MARKER) && !reply.body.contains("JFIF"),
            "{what}"
        );
    }
    assert_eq!(f.count(), 0);
    assert!(
        db_files(&f.server.db).is_empty(),
        "no file kept from a refused request"
    );
    // The files as they were are then taken.
    let reply = post_multipart(&f.agent, f.base(), &widget_body(&text, &files), Some(&id));
    assert_eq!(reply.status, 201, "{}", reply.body);
}

#[test]
fn every_attachment_needs_exactly_its_own_part() {
    let f = Fixture::new();
    let id = uuid(72, 1);
    let files = photo_and_letter();
    let text = submission_with(&id, "complaint", &files);
    let json = submission_part(&text, "application/json");
    let (a1, a2) = (file_part(&files[0]), file_part(&files[1]));
    let stranger = Part {
        name: "a3",
        filename: Some(MARKER),
        content_type: Some("image/jpeg"),
        data: &files[0].content,
    };
    let marked = Part {
        name: MARKER,
        ..file_part(&files[0])
    };
    let as_png = Part {
        content_type: Some("image/png"),
        ..file_part(&files[0])
    };
    let html = file(
        "a1",
        "leak.jpg",
        "image/jpeg",
        format!("<html><script>{MARKER}</script>").into_bytes(),
    );
    let dressed_up = submission_with(&id, "complaint", &[html.clone(), files[1].clone()]);
    let mut repeated_ids: Value = serde_json::from_str(&text).expect("json");
    repeated_ids["attachments"][1]["id"] = "a1".into();
    let repeated_ids = repeated_ids.to_string();
    let plain = submission_part(&text, "text/plain");
    let (whole, content_type) = widget_body(&text, &files);
    let cut = (whole[..whole.len() - 60].to_vec(), content_type.clone());
    let cases: Vec<Case> = vec![
        (
            "a2 missing",
            widget_body(&text, &files[..1]),
            400,
            "$.attachments[1]",
        ),
        (
            "a part for no attachment",
            multipart(&[json.clone(), a1.clone(), a2.clone(), stranger]),
            400,
            "$.attachments",
        ),
        (
            "a part named by no id",
            multipart(&[json.clone(), marked, a2.clone()]),
            400,
            "$.attachments",
        ),
        (
            "a1 twice",
            multipart(&[json.clone(), a1.clone(), a1.clone(), a2.clone()]),
            400,
            "$.attachments[0]",
        ),
        (
            "files first",
            multipart(&[a1.clone(), json.clone(), a2.clone()]),
            400,
            "$",
        ),
        (
            "no submission",
            multipart(&[a1.clone(), a2.clone()]),
            400,
            "$",
        ),
        (
            "a1 labelled PNG",
            multipart(&[json.clone(), as_png, a2.clone()]),
            400,
            "$.attachments[0]",
        ),
        (
            "HTML as a JPEG",
            widget_body(&dressed_up, &[html, files[1].clone()]),
            400,
            "$.attachments[0]",
        ),
        (
            "one id twice",
            widget_body(&repeated_ids, &files),
            422,
            "$.attachments[1].id",
        ),
        (
            "submission as text",
            multipart(&[plain, a1.clone(), a2.clone()]),
            415,
            "Content-Type",
        ),
        ("cut before the end", cut, 400, "$"),
        (
            "no boundary",
            (whole.clone(), "multipart/form-data".to_owned()),
            400,
            "Content-Type",
        ),
    ];
    for (what, body, status, field) in cases {
        let reply = post_multipart(&f.agent, f.base(), &body, Some(&id));
        assert_eq!(
            (reply.status, reply.field().as_str()),
            (status, field),
            "{what}: {}",
            reply.body
        );
        assert!(!reply.body.contains(MARKER), "{what}: {}", reply.body);
    }
    // The submission alone, listing files it does not carry.
    let reply = post_json(&f.agent, f.base(), &text, Some(&id));
    assert_eq!(
        (reply.status, reply.field().as_str()),
        (400, "$.attachments"),
        "{}",
        reply.body
    );
    assert!(reply.body.contains("multipart/form-data"));
    assert_eq!(f.count(), 0);
    assert!(db_files(&f.server.db).is_empty());
}

#[test]
fn the_limits_answer_413_and_a_submission_at_the_limits_is_taken() {
    let f = Fixture::new();
    let small = |i: usize| {
        jpeg(
            &format!("a{i}"),
            &format!("{MARKER}-{i}.jpg"),
            i as u64,
            2_000,
        )
    };
    let eleven: Vec<File> = (0..11).map(small).collect();
    // Said larger than they are: refused on what the submission says.
    let said = |sizes: &[u64]| {
        let files: Vec<File> = (0..sizes.len()).map(small).collect();
        let mut v: Value =
            serde_json::from_str(&submission_with(&uuid(73, 1), "complaint", &files))
                .expect("json");
        for (i, size) in sizes.iter().enumerate() {
            v["attachments"][i]["bytes"] = (*size).into();
        }
        widget_body(&v.to_string(), &files)
    };
    let too_big = jpeg("a1", "huge.jpg", 9, 10_000_001);
    for (what, body, field, words) in [
        (
            "11 files",
            widget_body(
                &submission_with(&uuid(73, 1), "complaint", &eleven),
                &eleven,
            ),
            "$.attachments",
            "more than 10 files",
        ),
        (
            "one over 10 MB",
            widget_body(
                &submission_with(&uuid(73, 1), "complaint", std::slice::from_ref(&too_big)),
                &[too_big],
            ),
            "$.attachments[0].bytes",
            "10000000",
        ),
        (
            "27 MB said",
            said(&[9_000_000, 9_000_000, 9_000_000]),
            "$.attachments",
            "25000000",
        ),
        (
            "27 MB sent",
            widget_body("{}", &[jpeg("a1", "x.jpg", 3, MAX_MULTIPART_BYTES + 1)]),
            "$",
            "larger than",
        ),
    ] {
        let reply = post_multipart(&f.agent, f.base(), &body, None);
        assert_eq!(
            (reply.status, reply.field().as_str()),
            (413, field),
            "{what}: {}",
            reply.body
        );
        assert!(
            reply.json()["error"]
                .as_str()
                .unwrap_or_default()
                .contains(words),
            "{what}: {}",
            reply.body
        );
        assert!(!reply.body.contains(MARKER), "{what}");
    }
    assert_eq!(f.count(), 0);

    // At the limits: 10 MB, 10 MB and 5 MB, all kept whole.
    let id = uuid(73, 2);
    let biggest = vec![
        jpeg("a1", "one.jpg", 11, 10_000_000),
        pdf("a2", "two.pdf", 12, 10_000_000),
        jpeg("a3", "three.jpg", 13, 5_000_000),
    ];
    let reference = post_files(&f, &id, &biggest);
    for file in &biggest {
        let url = format!("{}/submissions/{reference}/files/{}", f.base(), file.id);
        let (status, _, body) = download(&f.agent, &url);
        assert_eq!(status, 200);
        assert!(body == file.content, "{} came back changed", file.id);
    }
}

#[test]
fn a_retried_upload_is_stored_once_and_a_changed_one_is_refused() {
    let f = Fixture::new();
    let id = uuid(74, 1);
    let files = photo_and_letter();
    let text = submission_with(&id, "complaint", &files);
    let body = widget_body(&text, &files);
    let first = post_multipart(&f.agent, f.base(), &body, Some(&id));
    assert_eq!(first.status, 201, "{}", first.body);
    let again = post_multipart(&f.agent, f.base(), &body, Some(&id));
    assert_eq!(
        (again.status, again.header(REPLAY_HEADER)),
        (200, Some("true"))
    );
    assert_eq!(
        again.body, first.body,
        "the original receipt, byte for byte"
    );
    assert_eq!(f.count(), 1);
    let originals = db_files(&f.server.db);
    assert_eq!(originals.len(), 2, "stored once");

    // Another photo under the same id: a different submission.
    let mut other = files.clone();
    other[0] = jpeg("a1", "kitchen ceiling.jpg", 99, 300_000);
    let changed = post_multipart(
        &f.agent,
        f.base(),
        &widget_body(&submission_with(&id, "complaint", &other), &other),
        Some(&id),
    );
    assert_eq!(
        (changed.status, changed.field().as_str()),
        (409, "$.id"),
        "{}",
        changed.body
    );
    // The other photo with the first submission does not match it at all.
    let mismatched = post_multipart(&f.agent, f.base(), &widget_body(&text, &other), Some(&id));
    assert_eq!(
        (mismatched.status, mismatched.field().as_str()),
        (400, "$.attachments[0]")
    );
    assert_eq!(
        db_files(&f.server.db),
        originals,
        "the stored files are untouched"
    );
    assert_eq!(f.count(), 1);
}

#[test]
fn a_browser_may_post_files_from_an_allowed_origin() {
    let f = Fixture::new();
    let origin = "http://localhost:8080";
    let pre = post_preflight(
        &f.agent,
        f.base(),
        origin,
        Some("content-type,idempotency-key"),
    );
    assert_eq!(pre.status, 204);
    assert_eq!(pre.header("access-control-allow-origin"), Some(origin));
    let id = uuid(75, 1);
    let files = photo_and_letter();
    let (body, content_type) = widget_body(&submission_with(&id, "complaint", &files), &files);
    let headers = [
        ("content-type", hv(&content_type)),
        ("idempotency-key", hv(&id)),
        ("origin", hv(origin)),
    ];
    let reply = send(
        &f.agent,
        Method::POST,
        &format!("{}/submissions", f.base()),
        &headers,
        Some(&body),
    )
    .expect("post");
    assert_eq!(reply.status, 201, "{}", reply.body);
    assert_eq!(reply.header("access-control-allow-origin"), Some(origin));
    assert_eq!(
        reply.header("access-control-expose-headers"),
        Some("Idempotent-Replayed, Retry-After")
    );
}

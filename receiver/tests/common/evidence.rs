//! Submissions with files, sent as the widget sends them: one
//! multipart/form-data body, the submission first, then a part per file.

use putright_receiver::multipart::hex_sha256;
use serde_json::{json, Value};

use super::{send_for_bytes, submission, try_post, Reply};

/// One file to attach.
#[derive(Debug, Clone)]
pub struct File {
    pub id: String,
    pub filename: String,
    pub media_type: &'static str,
    pub content: Vec<u8>,
}

/// `len` bytes that differ with `seed` (SplitMix64).
pub fn noise(seed: u64, len: usize) -> Vec<u8> {
    let mut state = seed;
    let mut out = Vec::with_capacity(len + 8);
    while out.len() < len {
        state = state.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = state;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        out.extend_from_slice(&(z ^ (z >> 31)).to_le_bytes());
    }
    out.truncate(len);
    out
}

/// A file of `len` bytes that starts as a JPEG does (and ends as one).
pub fn jpeg(id: &str, name: &str, seed: u64, len: usize) -> File {
    let mut content = b"\xFF\xD8\xFF\xE0\x00\x10JFIF\x00".to_vec();
    content.extend(noise(seed, len.saturating_sub(content.len() + 2)));
    content.extend_from_slice(b"\xFF\xD9");
    file(id, name, "image/jpeg", content)
}

/// A file of `len` bytes that starts as a PDF does.
pub fn pdf(id: &str, name: &str, seed: u64, len: usize) -> File {
    let mut content = b"%PDF-1.7\n%\xE2\xE3\xCF\xD3\n".to_vec();
    content.extend(noise(seed, len.saturating_sub(content.len() + 6)));
    content.extend_from_slice(b"\n%%EOF");
    file(id, name, "application/pdf", content)
}

pub fn file(id: &str, name: &str, media_type: &'static str, content: Vec<u8>) -> File {
    File {
        id: id.to_owned(),
        filename: name.to_owned(),
        media_type,
        content,
    }
}

/// The `attachments` entry describing `f`.
pub fn attachment(f: &File) -> Value {
    json!({
        "id": f.id,
        "filename": f.filename,
        "media_type": f.media_type,
        "bytes": f.content.len(),
        "sha256": hex_sha256(&f.content),
    })
}

/// A schema-valid submission of `kind` listing `files`, as JSON text.
pub fn submission_with(id: &str, kind: &str, files: &[File]) -> String {
    let mut v: Value = serde_json::from_str(&submission(id, kind)).expect("submission");
    v["attachments"] = files.iter().map(attachment).collect();
    v.to_string()
}

/// One part of a multipart body.
#[derive(Clone)]
pub struct Part<'a> {
    pub name: &'a str,
    pub filename: Option<&'a str>,
    pub content_type: Option<&'a str>,
    pub data: &'a [u8],
}

pub const BOUNDARY: &str = "----PutRightFormBoundary7MA4YWxkTrZu0gW";

/// A multipart/form-data body of `parts`, and its Content-Type.
pub fn multipart(parts: &[Part<'_>]) -> (Vec<u8>, String) {
    let mut body = Vec::new();
    for p in parts {
        body.extend_from_slice(format!("--{BOUNDARY}\r\n").as_bytes());
        let mut disposition = format!("Content-Disposition: form-data; name=\"{}\"", p.name);
        if let Some(f) = p.filename {
            disposition.push_str(&format!("; filename=\"{f}\""));
        }
        body.extend_from_slice(disposition.as_bytes());
        body.extend_from_slice(b"\r\n");
        if let Some(t) = p.content_type {
            body.extend_from_slice(format!("Content-Type: {t}\r\n").as_bytes());
        }
        body.extend_from_slice(b"\r\n");
        body.extend_from_slice(p.data);
        body.extend_from_slice(b"\r\n");
    }
    body.extend_from_slice(format!("--{BOUNDARY}--\r\n").as_bytes());
    (body, format!("multipart/form-data; boundary={BOUNDARY}"))
}

/// The submission part as a browser sends a Blob of `content_type`.
pub fn submission_part<'a>(text: &'a str, content_type: &'a str) -> Part<'a> {
    Part {
        name: "submission",
        filename: Some("blob"),
        content_type: Some(content_type),
        data: text.as_bytes(),
    }
}

/// The part carrying `f`.
pub fn file_part(f: &File) -> Part<'_> {
    Part {
        name: &f.id,
        filename: Some(&f.filename),
        content_type: Some(f.media_type),
        data: &f.content,
    }
}

/// The widget's request for `submission` (JSON text) and `files`.
pub fn widget_body(submission: &str, files: &[File]) -> (Vec<u8>, String) {
    let mut parts = vec![submission_part(submission, "application/json")];
    parts.extend(files.iter().map(file_part));
    multipart(&parts)
}

/// POSTs a multipart body with its Content-Type (and the key, if given).
pub fn post_multipart(
    agent: &ureq::Agent,
    base: &str,
    (body, content_type): &(Vec<u8>, String),
    key: Option<&str>,
) -> Reply {
    try_post(agent, base, content_type, body, key).expect("POST multipart")
}

/// Every stored file, straight from the database file:
/// (submission id, attachment id, sha256 column, SHA-256 of the content).
pub fn db_files(db: &std::path::Path) -> Vec<(String, String, String, String)> {
    let conn = rusqlite::Connection::open(db).expect("open db");
    let mut stmt = conn
        .prepare("SELECT submission_id, attachment_id, sha256, content FROM files ORDER BY rowid")
        .expect("prepare");
    let rows = stmt
        .query_map([], |r| {
            let content: Vec<u8> = r.get(3)?;
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, hex_sha256(&content)))
        })
        .expect("query")
        .collect::<Result<Vec<_>, _>>()
        .expect("rows");
    rows
}

/// `GET url` whose answer is bytes (a downloaded file).
pub fn download(agent: &ureq::Agent, url: &str) -> (u16, ureq::http::HeaderMap, Vec<u8>) {
    send_for_bytes(agent, ureq::http::Method::GET, url, &[], None).expect("GET file")
}

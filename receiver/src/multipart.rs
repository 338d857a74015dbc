//! `multipart/form-data` bodies: a submission with its files.
//!
//! The first part is named `submission` and holds the submission as a JSON
//! or form body would (its own Content-Type says which); then comes one
//! part per entry of its `attachments`, named by that entry's `id`, with
//! the entry's `media_type` as Content-Type. Each file must be exactly
//! `bytes` long, hash to `sha256`, and start as its type's files do.
//!
//! Errors name the attachment (`$.attachments[i]`, and its schema-checked
//! `id`), never a file's content or a part name the schema did not check.

use axum::body::{Body, Bytes};
use axum::http::StatusCode;
use serde_json::Value;
use sha2::{Digest, Sha256};

use crate::body::{self, essence, submission_format, MAX_BODY_BYTES};
use crate::validate::validate;
use crate::ApiError;

/// Most files one submission may carry (the schema's `maxItems`).
pub const MAX_FILES: usize = 10;
/// Largest file (the schema's `bytes` maximum).
pub const MAX_FILE_BYTES: u64 = 10_000_000;
/// Most bytes the files of one submission may add up to.
pub const MAX_TOTAL_BYTES: u64 = 25_000_000;
/// Largest multipart body: the files, the submission part, and room for
/// the parts' own headers and boundaries.
pub const MAX_MULTIPART_BYTES: usize = MAX_TOTAL_BYTES as usize + MAX_BODY_BYTES + 64 * 1024;

/// One file, checked against its attachment.
#[derive(Debug, Clone)]
pub struct ReceivedFile {
    pub id: String,
    pub filename: String,
    pub media_type: String,
    pub sha256: String,
    pub content: Bytes,
}

/// A multipart submission: the submission as parsed and as text to store,
/// and its files in the order `attachments` lists them.
#[derive(Debug)]
pub struct Received {
    pub value: Value,
    pub text: String,
    pub files: Vec<ReceivedFile>,
}

/// One entry of a validated `attachments`.
struct Listed<'v> {
    id: &'v str,
    filename: &'v str,
    media_type: &'v str,
    bytes: u64,
    sha256: &'v str,
}

fn bad(message: impl Into<String>, field: impl Into<String>) -> ApiError {
    ApiError::new(StatusCode::BAD_REQUEST, message.into(), field.into())
}

fn too_large(message: impl Into<String>, field: impl Into<String>) -> ApiError {
    ApiError::new(StatusCode::PAYLOAD_TOO_LARGE, message.into(), field.into())
}

fn at(i: usize) -> String {
    format!("$.attachments[{i}]")
}

/// multer's errors can quote a part's name; only their kind is told.
fn malformed(e: multer::Error) -> ApiError {
    use multer::Error as E;
    let what = match e {
        E::FieldSizeExceeded { .. } | E::StreamSizeExceeded { .. } => {
            return too_large(
                format!("body is larger than {MAX_MULTIPART_BYTES} bytes"),
                "$",
            )
        }
        E::IncompleteStream => "ends before its closing boundary",
        E::IncompleteFieldData { .. } => "has a part that ends before its boundary",
        E::IncompleteHeaders
        | E::ReadHeaderFailed(_)
        | E::DecodeHeaderName { .. }
        | E::DecodeHeaderValue { .. }
        | E::DecodeContentType(_) => "has a part whose headers are malformed",
        _ => "is not well-formed multipart/form-data",
    };
    bad(format!("the multipart body {what}"), "$")
}

/// Reads (within `limit`) and checks a multipart body with `boundary`.
pub async fn receive(
    body: Body,
    boundary: String,
    limit: std::time::Duration,
) -> Result<Received, ApiError> {
    let bytes = body::read_up_to(
        body,
        limit,
        MAX_MULTIPART_BYTES,
        MAX_MULTIPART_BYTES + body::DRAIN_LIMIT_BYTES,
    )
    .await?;
    let whole = Bytes::from(bytes);
    let stream = futures_util::stream::once(async move { Ok::<Bytes, std::io::Error>(whole) });
    let mut parts = multer::Multipart::new(stream, boundary);

    let first = parts.next_field().await.map_err(malformed)?;
    let Some(first) = first.filter(|f| f.name() == Some("submission")) else {
        return Err(bad(
            "the first part of a multipart body must be named `submission`",
            "$",
        ));
    };
    let declared = first
        .content_type()
        .map(|m| m.to_string())
        .unwrap_or_default();
    let format = submission_format(&declared).ok_or_else(|| {
        ApiError::new(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "the `submission` part's Content-Type must be application/json \
             or application/x-www-form-urlencoded",
            "Content-Type",
        )
    })?;
    let raw = first.bytes().await.map_err(malformed)?;
    if raw.len() > MAX_BODY_BYTES {
        return Err(too_large(
            format!("the `submission` part is larger than {MAX_BODY_BYTES} bytes"),
            "$",
        ));
    }
    let (value, text) = body::parse_submission(format, raw.to_vec())?;
    check_limits(&value)?;
    validate(&value)?;
    let listed = attachments(&value)?;

    let mut files: Vec<Option<ReceivedFile>> = vec![None; listed.len()];
    while let Some(part) = parts.next_field().await.map_err(malformed)? {
        let Some(i) = part
            .name()
            .and_then(|n| listed.iter().position(|a| a.id == n))
        else {
            return Err(bad(
                "a part is named by no `id` in `attachments` (each file's part is named by its \
                 attachment's `id`, and there are no other parts)",
                "$.attachments",
            ));
        };
        let a = &listed[i];
        if files[i].is_some() {
            return Err(bad(
                format!("file `{}` is sent in more than one part", a.id),
                at(i),
            ));
        }
        let part_type = part
            .content_type()
            .map(|m| m.to_string())
            .unwrap_or_default();
        if !essence(&part_type).eq_ignore_ascii_case(a.media_type) {
            return Err(bad(
                format!(
                    "file `{}` must be sent with its `media_type` as Content-Type",
                    a.id
                ),
                at(i),
            ));
        }
        let content = part.bytes().await.map_err(malformed)?;
        check_file(a, &content).map_err(|message| bad(message, at(i)))?;
        files[i] = Some(ReceivedFile {
            id: a.id.to_owned(),
            filename: a.filename.to_owned(),
            media_type: a.media_type.to_owned(),
            sha256: a.sha256.to_owned(),
            content,
        });
    }
    let files = files
        .into_iter()
        .enumerate()
        .map(|(i, f)| {
            f.ok_or_else(|| {
                let message = format!(
                    "file `{}` is missing: `attachments` lists it but no part carries it",
                    listed[i].id
                );
                bad(message, at(i))
            })
        })
        .collect::<Result<Vec<_>, _>>()?;
    Ok(Received { value, text, files })
}

/// The limits on files, checked before the schema so that they answer
/// 413: how many, how large each says it is, and how large together.
/// Values are read only if they are what the schema expects.
pub fn check_limits(value: &Value) -> Result<(), ApiError> {
    let Some(list) = value.get("attachments").and_then(Value::as_array) else {
        return Ok(());
    };
    if list.len() > MAX_FILES {
        return Err(too_large(
            format!(
                "`attachments` lists more than {MAX_FILES} files; at most {MAX_FILES} may be sent"
            ),
            "$.attachments",
        ));
    }
    let mut total = 0u64;
    for (i, a) in list.iter().enumerate() {
        let bytes = a.get("bytes").and_then(Value::as_u64).unwrap_or(0);
        if bytes > MAX_FILE_BYTES {
            return Err(too_large(
                format!("`bytes` must be at most {MAX_FILE_BYTES}: no file may be larger"),
                format!("{}.bytes", at(i)),
            ));
        }
        total = total.saturating_add(bytes);
    }
    if total > MAX_TOTAL_BYTES {
        return Err(too_large(
            format!(
                "the files in `attachments` add up to more than {MAX_TOTAL_BYTES} bytes, \
                 the most one submission may carry"
            ),
            "$.attachments",
        ));
    }
    Ok(())
}

/// A JSON or form body alone cannot carry files: one that lists any is
/// refused, so a submission is never stored without its files.
pub fn refuse_files_without_parts(value: &Value) -> Result<(), ApiError> {
    let listed = value
        .get("attachments")
        .and_then(Value::as_array)
        .map_or(0, Vec::len);
    if listed == 0 {
        return Ok(());
    }
    Err(bad(
        format!(
            "`attachments` lists {listed} file(s) but the body carries none: send a submission \
             with files as multipart/form-data, the files in parts named by their `id`"
        ),
        "$.attachments",
    ))
}

/// The entries of a schema-valid submission's `attachments`; each `id`
/// must be its own (422 otherwise).
fn attachments(value: &Value) -> Result<Vec<Listed<'_>>, ApiError> {
    let list = value.get("attachments").and_then(Value::as_array);
    let mut out: Vec<Listed<'_>> = Vec::new();
    for (i, a) in list.into_iter().flatten().enumerate() {
        let text = |key: &str| a.get(key).and_then(Value::as_str).unwrap_or_default();
        let entry = Listed {
            id: text("id"),
            filename: text("filename"),
            media_type: text("media_type"),
            bytes: a.get("bytes").and_then(Value::as_u64).unwrap_or(0),
            sha256: text("sha256"),
        };
        if out.iter().any(|o| o.id == entry.id) {
            return Err(ApiError::new(
                StatusCode::UNPROCESSABLE_ENTITY,
                "`id` repeats an earlier attachment's: each file needs its own",
                format!("{}.id", at(i)),
            ));
        }
        out.push(entry);
    }
    Ok(out)
}

/// A file's content against its entry: length, hash, and first bytes.
fn check_file(a: &Listed<'_>, content: &[u8]) -> Result<(), String> {
    if content.len() as u64 != a.bytes {
        return Err(format!(
            "file `{}` is not as long as its `bytes` says: it was cut short or changed on the way",
            a.id
        ));
    }
    if hex_sha256(content) != a.sha256 {
        return Err(format!(
            "file `{}` does not match its `sha256`: it was changed on the way",
            a.id
        ));
    }
    if !looks_like(a.media_type, content) {
        return Err(format!(
            "file `{}` is not what its `media_type` says: it does not start as such files do",
            a.id
        ));
    }
    Ok(())
}

/// SHA-256 as 64 lower-case hex digits.
pub fn hex_sha256(content: &[u8]) -> String {
    Sha256::digest(content)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Whether `content` starts with the signature of `media_type`, so that a
/// file is what it says it is (HTML sent as a "JPEG" is refused).
pub fn looks_like(media_type: &str, content: &[u8]) -> bool {
    let at = |offset: usize, magic: &[u8]| content.get(offset..offset + magic.len()) == Some(magic);
    match media_type {
        "image/jpeg" => at(0, b"\xFF\xD8\xFF"),
        "image/png" => at(0, b"\x89PNG\r\n\x1A\n"),
        "image/webp" => at(0, b"RIFF") && at(8, b"WEBP"),
        "image/heic" => {
            const BRANDS: [&[u8]; 10] = [
                b"heic", b"heix", b"hevc", b"hevx", b"heim", b"heis", b"hevm", b"hevs", b"mif1",
                b"msf1",
            ];
            at(4, b"ftyp") && BRANDS.iter().any(|brand| at(8, brand))
        }
        "application/pdf" => at(0, b"%PDF-"),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn hashes_are_lower_case_hex() {
        assert_eq!(
            hex_sha256(b"abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }

    #[test]
    fn files_must_start_as_their_type_does() {
        assert!(looks_like("image/jpeg", b"\xFF\xD8\xFF\xE0rest"));
        assert!(looks_like("image/png", b"\x89PNG\r\n\x1A\n...."));
        assert!(looks_like("image/webp", b"RIFF\x10\0\0\0WEBPVP8 "));
        assert!(looks_like("image/heic", b"\0\0\0\x18ftypheic\0\0\0\0"));
        assert!(looks_like("image/heic", b"\0\0\0\x18ftypmif1\0\0\0\0"));
        assert!(looks_like("application/pdf", b"%PDF-1.7\n"));
        for (t, content) in [
            ("image/jpeg", &b"<html><script>"[..]),
            ("image/jpeg", b"\xFF\xD8"),
            ("image/png", b"\x89PNG"),
            ("image/webp", b"RIFF\0\0\0\0WAVE"),
            ("image/heic", b"\0\0\0\x18ftypavif"),
            ("application/pdf", b"%PD"),
            ("text/html", b"<html>"),
        ] {
            assert!(!looks_like(t, content), "{t}");
        }
    }

    #[test]
    fn limits_answer_413_naming_the_place_only() {
        let file = |bytes: u64| json!({"id": "MARKER", "bytes": bytes});
        let status = |v: Value| {
            check_limits(&v).map_err(|e| {
                (
                    e.status.as_u16(),
                    e.field.unwrap_or_default().into_owned(),
                    e.message,
                )
            })
        };
        assert_eq!(status(json!({})), Ok(()));
        assert_eq!(
            status(json!({"attachments": [file(10_000_000), file(10_000_000), file(5_000_000)]})),
            Ok(())
        );
        let (code, field, message) = status(json!({"attachments": vec![file(1); 11]})).unwrap_err();
        assert_eq!((code, field.as_str()), (413, "$.attachments"));
        assert!(message.contains("more than 10 files"), "{message}");
        let (code, field, _) =
            status(json!({"attachments": [file(1), file(10_000_001)]})).unwrap_err();
        assert_eq!((code, field.as_str()), (413, "$.attachments[1].bytes"));
        let (code, field, message) =
            status(json!({"attachments": [file(10_000_000), file(10_000_000), file(5_000_001)]}))
                .unwrap_err();
        assert_eq!((code, field.as_str()), (413, "$.attachments"));
        assert!(message.contains("25000000"), "{message}");
        assert!(!message.contains("MARKER"));
        // What the schema will refuse anyway is left to it.
        assert_eq!(status(json!({"attachments": "many"})), Ok(()));
        assert_eq!(status(json!({"attachments": [{"bytes": "huge"}]})), Ok(()));
    }
}

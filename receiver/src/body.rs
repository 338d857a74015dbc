//! Reading and parsing request bodies: size and time limits, the two
//! content types, and JSON that means one thing to every reader.

use std::cell::RefCell;
use std::collections::HashSet;
use std::fmt;
use std::time::Duration;

use axum::body::{Body, HttpBody};
use axum::http::header::{self, HeaderMap};
use axum::http::StatusCode;
use futures_util::StreamExt;
use serde::de::{self, DeserializeSeed, MapAccess, SeqAccess, Visitor};
use serde_json::Value;

use crate::validate::{field_path, known_name, Step};
use crate::ApiError;

/// Largest accepted request body.
pub const MAX_BODY_BYTES: usize = 256 * 1024;

/// An oversized body is drained up to this size before the 413 is sent;
/// beyond it the connection is simply closed after the 413.
pub const DRAIN_LIMIT_BYTES: usize = 8 * 1024 * 1024;

/// Reads at most [`MAX_BODY_BYTES`], all within `limit`. A larger body is
/// still read (and discarded) up to [`DRAIN_LIMIT_BYTES`] before answering
/// 413, so the client reliably gets the 413 instead of a reset connection.
/// A body still arriving after `limit` gets 408 (and the connection closes).
pub async fn read(body: Body, limit: Duration) -> Result<Vec<u8>, ApiError> {
    read_up_to(body, limit, MAX_BODY_BYTES, DRAIN_LIMIT_BYTES).await
}

/// As [`read`], taking at most `max` bytes and draining up to `drain`.
pub async fn read_up_to(
    body: Body,
    limit: Duration,
    max: usize,
    drain: usize,
) -> Result<Vec<u8>, ApiError> {
    match tokio::time::timeout(limit, read_unbounded(body, max, drain)).await {
        Ok(result) => result,
        Err(_) => Err(ApiError::new(
            StatusCode::REQUEST_TIMEOUT,
            format!(
                "the request body did not arrive within {} seconds",
                limit.as_secs_f64()
            ),
            "$",
        )),
    }
}

async fn read_unbounded(body: Body, max: usize, drain: usize) -> Result<Vec<u8>, ApiError> {
    let too_large = || {
        ApiError::new(
            StatusCode::PAYLOAD_TOO_LARGE,
            format!("body is larger than {max} bytes"),
            "$",
        )
    };
    if body.size_hint().lower() > drain as u64 {
        return Err(too_large());
    }
    let mut stream = body.into_data_stream();
    let mut bytes = Vec::new();
    let mut total = 0usize;
    while let Some(chunk) = stream.next().await {
        let chunk = chunk.map_err(|_| {
            ApiError::new(
                StatusCode::BAD_REQUEST,
                "could not read the request body",
                "$",
            )
        })?;
        total = total.saturating_add(chunk.len());
        if total <= max {
            bytes.extend_from_slice(&chunk);
        } else if total > drain {
            break;
        }
    }
    if total > max {
        return Err(too_large());
    }
    Ok(bytes)
}

/// How a submission is written: JSON, or the widget's flattened form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Json,
    Form,
}

/// What a request body is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BodyType {
    /// A submission alone.
    Plain(Format),
    /// `multipart/form-data` with this boundary: a submission with files.
    Multipart(String),
}

/// What the request's `Content-Type` says the body is.
pub fn body_type(headers: &HeaderMap) -> Result<BodyType, ApiError> {
    let value = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default();
    match submission_format(value) {
        Some(format) => Ok(BodyType::Plain(format)),
        None if essence(value).eq_ignore_ascii_case("multipart/form-data") => {
            match multer::parse_boundary(value) {
                Ok(boundary) => Ok(BodyType::Multipart(boundary)),
                Err(_) => Err(ApiError::new(
                    StatusCode::BAD_REQUEST,
                    "Content-Type multipart/form-data needs a boundary parameter",
                    "Content-Type",
                )),
            }
        }
        None => Err(ApiError::new(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "Content-Type must be application/json, application/x-www-form-urlencoded \
             or multipart/form-data",
            "Content-Type",
        )),
    }
}

/// JSON or form, from a Content-Type (of the request, or of a multipart
/// body's `submission` part).
pub fn submission_format(content_type: &str) -> Option<Format> {
    let mime = essence(content_type);
    if mime.eq_ignore_ascii_case("application/json") {
        Some(Format::Json)
    } else if mime.eq_ignore_ascii_case("application/x-www-form-urlencoded") {
        Some(Format::Form)
    } else {
        None
    }
}

/// A media type without its parameters.
pub fn essence(content_type: &str) -> &str {
    content_type.split(';').next().unwrap_or_default().trim()
}

/// A JSON or form body as (parsed, text to store): JSON as sent, a form
/// rebuilt as JSON by the schema.
pub fn parse_submission(format: Format, bytes: Vec<u8>) -> Result<(Value, String), ApiError> {
    match format {
        Format::Json => parse_json(bytes),
        Format::Form => {
            let value = crate::form::decode(&bytes, crate::validate::schema())?;
            let text = value.to_string();
            Ok((value, text))
        }
    }
}

/// Parses a JSON body, refusing (400) what readers could disagree on: an
/// object with the same key twice (serde_json would keep the last, other
/// readers keep the first). Errors give a place, never a piece of the body.
pub fn parse_json(bytes: Vec<u8>) -> Result<(Value, String), ApiError> {
    let bad =
        |message: String, field: String| ApiError::new(StatusCode::BAD_REQUEST, message, field);
    let text = String::from_utf8(bytes)
        .map_err(|_| bad("body is not valid UTF-8".to_owned(), "$".to_owned()))?;
    let value: Value =
        serde_json::from_str(&text).map_err(|e| bad(json_error(&e), "$".to_owned()))?;
    if let Some(path) = duplicate_key(&text) {
        let steps = path.iter().map(|s| match s {
            OwnedStep::Key(k) => Step::Key(k),
            OwnedStep::Index(i) => Step::Index(*i),
        });
        let message = match path.last() {
            Some(OwnedStep::Key(k)) if known_name(k) => {
                format!("`{k}` appears more than once in the same object")
            }
            _ => "a key appears more than once in the same object".to_owned(),
        };
        return Err(bad(message, field_path(steps)));
    }
    Ok((value, text))
}

/// serde_json's own message can quote the input (an unknown escape, an
/// invalid literal), so only its category and position are kept.
pub fn json_error(e: &serde_json::Error) -> String {
    use serde_json::error::Category;
    let what = match e.classify() {
        Category::Eof => "ends before the JSON is complete",
        Category::Syntax | Category::Data | Category::Io => "is not valid JSON",
    };
    format!("body {what} (line {}, column {})", e.line(), e.column())
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum OwnedStep {
    Key(String),
    Index(usize),
}

/// The path to the first key repeated within one object of `text` (valid
/// JSON), if any.
fn duplicate_key(text: &str) -> Option<Vec<OwnedStep>> {
    let walk = Walk {
        path: &RefCell::new(Vec::new()),
        found: &RefCell::new(None),
    };
    let mut de = serde_json::Deserializer::from_str(text);
    match walk.deserialize(&mut de) {
        Ok(()) => None,
        Err(_) => walk.found.take(),
    }
}

/// Walks a JSON document without building it, checking keys per object.
#[derive(Clone, Copy)]
struct Walk<'a> {
    path: &'a RefCell<Vec<OwnedStep>>,
    found: &'a RefCell<Option<Vec<OwnedStep>>>,
}

impl<'de> DeserializeSeed<'de> for Walk<'_> {
    type Value = ();

    fn deserialize<D: de::Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Walk<'_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any JSON value")
    }

    fn visit_bool<E>(self, _: bool) -> Result<(), E> {
        Ok(())
    }

    fn visit_i64<E>(self, _: i64) -> Result<(), E> {
        Ok(())
    }

    fn visit_u64<E>(self, _: u64) -> Result<(), E> {
        Ok(())
    }

    fn visit_f64<E>(self, _: f64) -> Result<(), E> {
        Ok(())
    }

    fn visit_str<E>(self, _: &str) -> Result<(), E> {
        Ok(())
    }

    fn visit_unit<E>(self) -> Result<(), E> {
        Ok(())
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        for index in 0.. {
            self.path.borrow_mut().push(OwnedStep::Index(index));
            let more = seq.next_element_seed(self)?;
            self.path.borrow_mut().pop();
            if more.is_none() {
                break;
            }
        }
        Ok(())
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        let mut seen = HashSet::new();
        while let Some(key) = map.next_key::<String>()? {
            let step = OwnedStep::Key(key.clone());
            if !seen.insert(key) {
                let mut path = self.path.borrow().clone();
                path.push(step);
                *self.found.borrow_mut() = Some(path);
                return Err(de::Error::custom("duplicate key"));
            }
            self.path.borrow_mut().push(step);
            map.next_value_seed(self)?;
            self.path.borrow_mut().pop();
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn error_of(text: &str) -> (u16, String, String) {
        let e = parse_json(text.as_bytes().to_vec()).expect_err("refused");
        (
            e.status.as_u16(),
            e.field.map(|f| f.into_owned()).unwrap_or_default(),
            e.message,
        )
    }

    #[test]
    fn repeated_keys_are_found_at_any_depth() {
        assert_eq!(
            duplicate_key(r#"{"a":1,"b":{"a":2},"c":[{"a":1},{"a":2}]}"#),
            None
        );
        assert_eq!(
            duplicate_key(r#"{"kind":"complaint","kind":"x"}"#),
            Some(vec![OwnedStep::Key("kind".into())])
        );
        // Escapes spell the same key differently; it is still the same key.
        assert_eq!(
            duplicate_key(r#"{"r":[{}, {"name":1,"n\u0061me":2}]}"#),
            Some(vec![
                OwnedStep::Key("r".into()),
                OwnedStep::Index(1),
                OwnedStep::Key("name".into())
            ])
        );
    }

    #[test]
    fn repeated_keys_are_400_naming_only_schema_names() {
        let (status, field, message) = error_of(r#"{"id":"x","resident":{"name":"A","name":"B"}}"#);
        assert_eq!((status, field.as_str()), (400, "$.resident.name"));
        assert_eq!(message, "`name` appears more than once in the same object");
        let (status, field, message) = error_of(r#"{"resident":{"MARKER":1,"MARKER":2}}"#);
        assert_eq!((status, field.as_str()), (400, "$.resident"));
        assert!(!message.contains("MARKER"), "{message}");
    }

    #[test]
    fn syntax_errors_give_a_position_not_the_input() {
        for bad in [
            r#"{"a":"\qMARKER"}"#,
            "{\"a\": MARKER}",
            "{\"MARKER\"",
            "[1,]",
        ] {
            let (status, field, message) = error_of(bad);
            assert_eq!((status, field.as_str()), (400, "$"), "{bad}");
            assert!(message.contains("line 1, column"), "{message}");
            assert!(!message.contains("MARKER"), "{message}");
        }
        assert!(parse_json(b"{\"a\":\xff}".to_vec()).is_err());
    }
}

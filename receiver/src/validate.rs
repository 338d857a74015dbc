//! Structural validation of a submission body.
//!
//! This is deliberately the *only* place that decides whether a parsed body
//! is acceptable, so a full JSON-Schema check can be plugged in here later
//! without touching the HTTP layer.

use axum::http::StatusCode;
use serde_json::{Map, Value};

use crate::ApiError;

/// The only schema identifier this receiver accepts.
pub const SCHEMA_ID: &str = "putright.submission/v1";

/// Accepted values of `kind`.
pub const KINDS: [&str; 6] = [
    "complaint",
    "service_request",
    "stage2_escalation",
    "ombudsman_referral",
    "representative_authority",
    "adjustments_request",
];

/// Checks the parts of a submission the receiver relies on.
///
/// Errors carry the HTTP status (400 for "not a JSON object", 422 for
/// everything else) and the JSON path of the offending field.
pub fn validate(body: &Value) -> Result<(), ApiError> {
    let obj = body
        .as_object()
        .ok_or_else(|| ApiError::new(StatusCode::BAD_REQUEST, "body must be a JSON object", "$"))?;

    let schema = required_str(obj, "schema", "$.schema")?;
    if schema != SCHEMA_ID {
        return Err(invalid(
            format!("`schema` must be \"{SCHEMA_ID}\""),
            "$.schema",
        ));
    }

    let id = required_str(obj, "id", "$.id")?;
    if !is_uuid(id) {
        return Err(invalid(
            "`id` must be a UUID in the 8-4-4-4-12 hex form".to_owned(),
            "$.id",
        ));
    }

    let kind = required_str(obj, "kind", "$.kind")?;
    if !KINDS.contains(&kind) {
        return Err(invalid(
            format!("`kind` must be one of: {}", KINDS.join(", ")),
            "$.kind",
        ));
    }

    let submitted_at = required_str(obj, "submitted_at", "$.submitted_at")?;
    if chrono::DateTime::parse_from_rfc3339(submitted_at).is_err() {
        return Err(invalid(
            "`submitted_at` must be an RFC 3339 date-time, e.g. 2026-01-31T09:30:00Z".to_owned(),
            "$.submitted_at",
        ));
    }

    let landlord_id = required_str(obj, "landlord_id", "$.landlord_id")?;
    if landlord_id.trim().is_empty() {
        return Err(invalid(
            "`landlord_id` must be a non-empty string".to_owned(),
            "$.landlord_id",
        ));
    }

    Ok(())
}

/// True for the canonical hyphenated UUID form (any version, either case).
pub fn is_uuid(s: &str) -> bool {
    let bytes = s.as_bytes();
    bytes.len() == 36
        && bytes.iter().enumerate().all(|(i, b)| match i {
            8 | 13 | 18 | 23 => *b == b'-',
            _ => b.is_ascii_hexdigit(),
        })
}

fn required_str<'a>(
    obj: &'a Map<String, Value>,
    key: &str,
    path: &'static str,
) -> Result<&'a str, ApiError> {
    match obj.get(key) {
        None => Err(invalid(format!("`{key}` is required"), path)),
        Some(Value::String(s)) => Ok(s),
        Some(_) => Err(invalid(format!("`{key}` must be a string"), path)),
    }
}

fn invalid(message: String, field: &'static str) -> ApiError {
    ApiError::new(StatusCode::UNPROCESSABLE_ENTITY, message, field)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn valid() -> Value {
        json!({
            "schema": SCHEMA_ID,
            "id": "0b5d8a0e-4c1f-4f7e-9a51-2f0c6f1d9e11",
            "kind": "complaint",
            "submitted_at": "2026-01-31T09:30:00Z",
            "landlord_id": "demo-housing",
        })
    }

    fn field_of(v: Value) -> (u16, Option<&'static str>) {
        let e = validate(&v).expect_err("should be rejected");
        (e.status.as_u16(), e.field)
    }

    #[test]
    fn accepts_minimal_valid_body() {
        assert!(validate(&valid()).is_ok());
        for kind in KINDS {
            let mut v = valid();
            v["kind"] = json!(kind);
            assert!(validate(&v).is_ok(), "{kind}");
        }
    }

    #[test]
    fn rejects_each_field_with_its_path() {
        assert_eq!(field_of(json!([1])), (400, Some("$")));
        let cases = [
            ("schema", json!("putright.submission/v2"), "$.schema"),
            ("id", json!("not-a-uuid"), "$.id"),
            ("id", json!(42), "$.id"),
            ("kind", json!("praise"), "$.kind"),
            ("submitted_at", json!("yesterday"), "$.submitted_at"),
            ("landlord_id", json!("  "), "$.landlord_id"),
            ("landlord_id", json!(null), "$.landlord_id"),
        ];
        for (key, value, path) in cases {
            let mut v = valid();
            v[key] = value;
            assert_eq!(field_of(v), (422, Some(path)), "{key}");
            let mut v = valid();
            v.as_object_mut().map(|o| o.remove(key));
            assert_eq!(field_of(v), (422, Some(path)), "missing {key}");
        }
    }

    #[test]
    fn uuid_shape() {
        assert!(is_uuid("0B5D8A0E-4C1F-4F7E-9A51-2F0C6F1D9E11"));
        assert!(!is_uuid("0b5d8a0e4c1f4f7e9a512f0c6f1d9e11"));
        assert!(!is_uuid("{0b5d8a0e-4c1f-4f7e-9a51-2f0c6f1d9e1}"));
        assert!(!is_uuid("0b5d8a0e-4c1f-4f7e-9a51-2f0c6f1d9e1g"));
        assert!(!is_uuid("0b5d8a0e-4c1f-4f7e-9a51-2f0c6f1d9é"));
    }
}

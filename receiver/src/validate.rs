//! Validation of a submission body against the published JSON Schema.
//!
//! This is the *only* place that decides whether a parsed body is
//! acceptable: JSON and form bodies both end up here. The schema is
//! `public/schema/submission.v1.json`, compiled once on first use, with
//! `format` checked (uuid, date-time, date).
//!
//! Error answers name the place with [`field_path`], which uses only the
//! schema's own property names and list indices, and say which rule was
//! broken: never the submitted value, nor a key name that only the client
//! chose.

use std::collections::HashSet;
use std::sync::LazyLock;

use axum::http::StatusCode;
use jsonschema::error::ValidationErrorKind;
use jsonschema::paths::LocationSegment;
use jsonschema::{ValidationError, Validator};
use serde_json::Value;

use crate::ApiError;

/// The schema text, as published for landlords.
pub const SCHEMA_JSON: &str = include_str!("../../public/schema/submission.v1.json");

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

static SCHEMA: LazyLock<Value> = LazyLock::new(|| {
    serde_json::from_str(SCHEMA_JSON).expect("public/schema/submission.v1.json is valid JSON")
});

static VALIDATOR: LazyLock<Validator> = LazyLock::new(|| {
    jsonschema::options()
        .should_validate_formats(true)
        .build(&SCHEMA)
        .expect("public/schema/submission.v1.json compiles")
});

/// Every property name the schema defines, anywhere.
static KNOWN_NAMES: LazyLock<HashSet<String>> = LazyLock::new(|| {
    fn collect(value: &Value, names: &mut HashSet<String>) {
        match value {
            Value::Object(map) => {
                if let Some(Value::Object(props)) = map.get("properties") {
                    names.extend(props.keys().cloned());
                }
                map.values().for_each(|v| collect(v, names));
            }
            Value::Array(items) => items.iter().for_each(|v| collect(v, names)),
            _ => {}
        }
    }
    let mut names = HashSet::new();
    collect(&SCHEMA, &mut names);
    names
});

/// The parsed schema (used by the form decoder to know which types to expect).
pub fn schema() -> &'static Value {
    &SCHEMA
}

/// Compiles the schema now, so a broken schema stops the server at start-up
/// rather than on the first request.
pub fn warm_up() {
    LazyLock::force(&VALIDATOR);
}

/// Checks `body` against the schema.
///
/// Not a JSON object: 400 at `$`. Anything else wrong: 422 naming the JSON
/// path (`$.resident.address_lines[0]`) of the first problem found and a
/// plain message that never repeats the submitted value.
pub fn validate(body: &Value) -> Result<(), ApiError> {
    if !body.is_object() {
        return Err(ApiError::new(
            StatusCode::BAD_REQUEST,
            "body must be a JSON object",
            "$",
        ));
    }
    match VALIDATOR.iter_errors(body).next() {
        None => Ok(()),
        Some(error) => {
            let (field, message) = describe(&error);
            Err(ApiError::new(
                StatusCode::UNPROCESSABLE_ENTITY,
                message,
                field,
            ))
        }
    }
}

/// One step of a path into a submission.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step<'a> {
    Key(&'a str),
    Index(usize),
}

/// Whether the schema defines a property called `name` (anywhere).
pub fn known_name(name: &str) -> bool {
    KNOWN_NAMES.contains(name)
}

/// `$`, `$.a.b`, `$.a[0]`, for error answers. It stops before the first key
/// the schema does not define, so it never repeats text that only the
/// client chose (a form body that is really JSON arrives as one huge key).
pub fn field_path<'a>(steps: impl IntoIterator<Item = Step<'a>>) -> String {
    let mut path = String::from("$");
    for step in steps {
        match step {
            Step::Index(i) => path.push_str(&format!("[{i}]")),
            Step::Key(k) if known_name(k) => {
                path.push('.');
                path.push_str(k);
            }
            Step::Key(_) => break,
        }
    }
    path
}

fn step<'s>(segment: &'s LocationSegment<'_>) -> Step<'s> {
    match segment {
        LocationSegment::Index(i) => Step::Index(*i),
        LocationSegment::Property(p) => Step::Key(p),
    }
}

/// The field path and a plain message for one error. `oneOf`/`anyOf`
/// failures (e.g. "null or a complaint object") are unwrapped to the
/// problem inside the branch that matched the value's type.
fn describe(error: &ValidationError<'_>) -> (String, String) {
    let segments: Vec<LocationSegment<'_>> = error.instance_path().segments().collect();
    let path = field_path(segments.iter().map(step));
    let whole = segments
        .iter()
        .all(|s| !matches!(step(s), Step::Key(k) if !known_name(k)));
    let name = match segments.last().map(step) {
        None => "the body".to_owned(),
        Some(Step::Key(p)) if whole => format!("`{p}`"),
        Some(Step::Index(i)) if whole => format!("item {i}"),
        Some(_) => format!("a field inside {path}"),
    };
    let message = match error.kind() {
        ValidationErrorKind::OneOfNotValid { context } | ValidationErrorKind::AnyOf { context } => {
            if let Some(inner) = most_relevant(error, context) {
                return describe(inner);
            }
            format!("{name} is not any of the allowed shapes")
        }
        ValidationErrorKind::OneOfMultipleValid { .. } => {
            format!("{name} matches more than one allowed shape")
        }
        ValidationErrorKind::Required { property } => {
            // The schema's own name, so always known.
            let property = property.as_str().unwrap_or_default();
            return (
                format!("{path}.{property}"),
                format!("`{property}` is required"),
            );
        }
        ValidationErrorKind::AdditionalProperties { unexpected } => {
            // Name an unexpected key only if the schema uses that name
            // elsewhere (`resident.kind`); otherwise just count them.
            if let Some(known) = unexpected.iter().find(|k| known_name(k)) {
                return (
                    format!("{path}.{known}"),
                    format!("`{known}` is not allowed here"),
                );
            }
            let n = unexpected.len();
            return (
                path,
                format!("{name} has {n} field(s) the schema does not define"),
            );
        }
        ValidationErrorKind::Type { kind } => {
            let expected = match kind {
                jsonschema::error::TypeKind::Single(t) => article(&t.to_string()),
                jsonschema::error::TypeKind::Multiple(set) => set
                    .iter()
                    .map(|t| article(&t.to_string()))
                    .collect::<Vec<_>>()
                    .join(" or "),
            };
            format!("{name} must be {expected}")
        }
        ValidationErrorKind::Constant { expected_value } => {
            format!("{name} must be {expected_value}")
        }
        ValidationErrorKind::Enum { options } => {
            let options = options
                .as_array()
                .map(|o| {
                    o.iter()
                        .map(|v| v.as_str().map_or_else(|| v.to_string(), str::to_owned))
                        .collect::<Vec<_>>()
                        .join(", ")
                })
                .unwrap_or_default();
            format!("{name} must be one of: {options}")
        }
        ValidationErrorKind::Format { format } => {
            let what = match format.as_str() {
                "date-time" => "an RFC 3339 date-time, e.g. 2026-01-31T09:30:00Z",
                "date" => "a date in the form YYYY-MM-DD",
                "uuid" => "a UUID in the 8-4-4-4-12 hex form",
                other => other,
            };
            format!("{name} must be {what}")
        }
        ValidationErrorKind::Pattern { pattern } => match path.as_str() {
            "$.id" => "`id` must be a lower-case UUID v4 in the 8-4-4-4-12 hex form".to_owned(),
            p if p.ends_with(".postcode") => {
                format!("{name} must be a UK postcode in capitals with one space, e.g. SW1A 1AA")
            }
            p if p.ends_with(".email") => format!("{name} must be an email address"),
            _ => format!("{name} does not match the pattern {pattern}"),
        },
        ValidationErrorKind::MinLength { limit: 1 } => format!("{name} must not be empty"),
        ValidationErrorKind::MinLength { limit } => {
            format!("{name} must be at least {limit} characters")
        }
        ValidationErrorKind::MaxLength { limit } => {
            format!("{name} must be at most {limit} characters")
        }
        ValidationErrorKind::Minimum { limit } => format!("{name} must be at least {limit}"),
        ValidationErrorKind::Maximum { limit } => format!("{name} must be at most {limit}"),
        ValidationErrorKind::MinItems { limit } => {
            format!("{name} must have at least {limit} item(s)")
        }
        ValidationErrorKind::MaxItems { limit } => {
            format!("{name} must have at most {limit} item(s)")
        }
        ValidationErrorKind::UniqueItems => format!("{name} must not repeat items"),
        // Anything else: the rule's keyword, never the library's wording
        // (which can quote the value).
        _ => {
            let keyword = error
                .schema_path()
                .as_str()
                .rsplit('/')
                .next()
                .filter(|k| k.bytes().all(|b| b.is_ascii_alphabetic()))
                .unwrap_or("schema");
            format!("{name} does not meet the schema's `{keyword}` rule")
        }
    };
    (path, message)
}

/// In a failed `oneOf`/`anyOf`, the error from the branch whose own type
/// matched the value (its first error is not a type error at this very
/// location): that is the one the sender meant.
fn most_relevant<'e>(
    outer: &ValidationError<'_>,
    context: &'e [Vec<ValidationError<'static>>],
) -> Option<&'e ValidationError<'static>> {
    let here = outer.instance_path().as_str();
    let wrong_type_here = |e: &ValidationError<'_>| {
        matches!(e.kind(), ValidationErrorKind::Type { .. }) && e.instance_path().as_str() == here
    };
    let mut candidates = context
        .iter()
        .filter(|branch| !branch.iter().any(&wrong_type_here))
        .filter_map(|branch| branch.first());
    let first = candidates.next()?;
    // Two branches of the right type (e.g. escalation windows in months or
    // days): no single branch is clearly meant, so do not guess.
    candidates.next().is_none().then_some(first)
}

fn article(t: &str) -> String {
    match t {
        "null" => "null".to_owned(),
        "array" | "object" | "integer" => format!("an {t}"),
        _ => format!("a {t}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn example(kind: &str) -> Value {
        let path = format!(
            "{}/../public/examples/{kind}.json",
            env!("CARGO_MANIFEST_DIR")
        );
        serde_json::from_str(&std::fs::read_to_string(path).expect("example")).expect("json")
    }

    fn error_of(v: &Value) -> (u16, String, String) {
        let e = validate(v).expect_err("should be rejected");
        (
            e.status.as_u16(),
            e.field.map(|f| f.into_owned()).unwrap_or_default(),
            e.message,
        )
    }

    #[test]
    fn every_published_example_is_accepted() {
        for kind in KINDS {
            assert!(validate(&example(kind)).is_ok(), "{kind}");
        }
    }

    #[test]
    fn top_level_fields_are_rejected_with_their_path() {
        assert_eq!(error_of(&json!([1])).0, 400);
        assert_eq!(error_of(&json!("x")).1, "$");
        let cases = [
            ("schema", json!("putright.submission/v2"), "$.schema"),
            ("id", json!("not-a-uuid"), "$.id"),
            ("id", json!(42), "$.id"),
            ("kind", json!("praise"), "$.kind"),
            ("submitted_at", json!("yesterday"), "$.submitted_at"),
            ("landlord_id", json!(""), "$.landlord_id"),
            ("landlord_id", json!(null), "$.landlord_id"),
        ];
        for (key, value, path) in cases {
            let mut v = example("complaint");
            v[key] = value;
            let (status, field, message) = error_of(&v);
            assert_eq!((status, field.as_str()), (422, path), "{key}: {message}");
            let mut v = example("complaint");
            v.as_object_mut().map(|o| o.remove(key));
            let (status, field, message) = error_of(&v);
            assert_eq!((status, field.as_str()), (422, path), "missing {key}");
            assert_eq!(message, format!("`{key}` is required"));
        }
    }

    #[test]
    fn nested_problems_name_the_nested_path_in_plain_words() {
        let mut v = example("complaint");
        v["resident"]["address_lines"][1] = json!("");
        assert_eq!(
            error_of(&v),
            (
                422,
                "$.resident.address_lines[1]".into(),
                "item 1 must not be empty".into()
            )
        );

        // Inside a `oneOf: [null, {...}]`: the object branch's problem.
        let mut v = example("complaint");
        v["complaint"]["outcomes"]["apology"] = json!("yes");
        let (_, field, message) = error_of(&v);
        assert_eq!(field, "$.complaint.outcomes.apology");
        assert_eq!(message, "`apology` must be a boolean");

        let mut v = example("complaint");
        v["resident"]["postcode"] = json!("ex1 1aa");
        let (_, field, message) = error_of(&v);
        assert_eq!(field, "$.resident.postcode");
        assert!(message.contains("UK postcode"), "{message}");
        assert!(!message.contains("ex1 1aa"), "the value is not echoed");

        // Unknown keys are counted, not named: the client chose that text.
        let mut v = example("complaint");
        v["resident"]["nickname"] = json!("Sam");
        assert_eq!(
            error_of(&v),
            (
                422,
                "$.resident".into(),
                "`resident` has 1 field(s) the schema does not define".into()
            )
        );
        // A key the schema uses elsewhere is named.
        let mut v = example("complaint");
        v["resident"]["kind"] = json!("complaint");
        let (_, field, message) = error_of(&v);
        assert_eq!(field, "$.resident.kind");
        assert_eq!(message, "`kind` is not allowed here");

        let mut v = example("complaint");
        v["complaint"] = Value::Null;
        assert_eq!(
            error_of(&v).1,
            "$.complaint",
            "a complaint needs its section"
        );

        let mut v = example("complaint");
        v["complaint"]["started_on"] = json!("2026-02-30");
        let (_, field, message) = error_of(&v);
        assert_eq!(field, "$.complaint.started_on");
        assert_eq!(
            message,
            "`started_on` must be a date in the form YYYY-MM-DD"
        );

        let mut v = example("complaint");
        v["id"] = json!("00000000-0000-4000-8000-00000000000A");
        assert_eq!(
            error_of(&v).1,
            "$.id",
            "upper case is not the published form"
        );
    }
}

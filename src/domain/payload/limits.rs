//! One table of how long each free-text field of the payload may be.

use serde_json::Value;

use super::super::validate::{self, Invalid, Limit};

/// The longest text each payload field takes (`*` is any array index).
/// The journey's pages take their limits from here, the builder checks
/// every payload against it, and a test checks the JSON Schema says the
/// same.
pub const LIMITS: &[(&str, Limit)] = &[
    ("resident.name", Limit::Name),
    ("resident.address_lines.*", Limit::Name),
    ("resident.tenancy_reference", Limit::Reference),
    ("resident.contact_times", Limit::Short),
    ("representative.name", Limit::Name),
    ("representative.organisation", Limit::Name),
    ("representative.address_lines.*", Limit::Name),
    ("adjustments.language", Limit::Name),
    ("adjustments.contact_times", Limit::Short),
    ("adjustments.other", Limit::Long),
    ("adjustments.disability.details", Limit::Long),
    ("complaint.what_went_wrong", Limit::Long),
    ("complaint.tried_already", Limit::Long),
    ("complaint.tried_reference", Limit::Reference),
    ("complaint.impact", Limit::Long),
    ("complaint.delay_reason", Limit::Long),
    ("complaint.outcomes.something_else", Limit::Long),
    ("service_request.what_needs_doing", Limit::Long),
    ("service_request.location", Limit::Short),
    ("service_request.access", Limit::Long),
    ("service_request.availability", Limit::Short),
    ("escalation.stage1_reference", Limit::Reference),
    ("escalation.reasons", Limit::Long),
    ("escalation.outcome_wanted", Limit::Long),
    ("ombudsman.why_still_unhappy", Limit::Long),
    ("ombudsman.outcome_wanted", Limit::Long),
    ("ombudsman.landlord_reference", Limit::Reference),
    ("previous_references.*.reference", Limit::Reference),
    ("previous_references.*.description", Limit::Short),
    ("hazard.details", Limit::Long),
];

/// The limit of a payload path ("resident.address_lines.0"), if it is free text.
pub fn limit_of(path: &str) -> Option<Limit> {
    let pattern: Vec<&str> = path.split('.').map(|p| if p.bytes().all(|b| b.is_ascii_digit()) { "*" } else { p }).collect();
    let pattern = pattern.join(".");
    LIMITS.iter().find(|(p, _)| *p == pattern).map(|(_, l)| *l)
}

/// Long answers may hold line breaks; one-line answers may not.
fn allows_lines(limit: Limit) -> bool {
    limit == Limit::Long
}

/// Every free-text field of a payload checked against [`LIMITS`]: length
/// and hidden characters.
pub fn check_text_fields(v: &Value) -> Vec<Invalid> {
    let mut out = Vec::new();
    walk("", v, &mut |path, s| {
        if let Some(limit) = limit_of(path) {
            if let Err(p) = validate::check_text(s, false, allows_lines(limit), limit.chars()) {
                out.push(Invalid::new(path, p));
            }
        }
    });
    out
}

fn walk(prefix: &str, v: &Value, f: &mut dyn FnMut(&str, &str)) {
    let key = |k: &str| if prefix.is_empty() { k.to_string() } else { format!("{prefix}.{k}") };
    match v {
        Value::Object(map) => map.iter().for_each(|(k, v)| walk(&key(k), v, f)),
        Value::Array(items) => items.iter().enumerate().for_each(|(i, v)| walk(&key(&i.to_string()), v, f)),
        Value::String(s) => f(prefix, s),
        _ => {}
    }
}

//! The form encoding of a submission (`endpoint.format: "form"`) and the
//! percent-encoder it shares with `mailto:` and `data:` URLs.

use serde_json::Value;

pub(super) fn flatten(prefix: &str, v: &Value, out: &mut Vec<(String, String)>) {
    let key = |k: &str| {
        if prefix.is_empty() {
            k.to_string()
        } else {
            format!("{prefix}.{k}")
        }
    };
    match v {
        Value::Null => {}
        Value::Object(map) => {
            for (k, v) in map {
                flatten(&key(k), v, out);
            }
        }
        Value::Array(items) => {
            for (i, v) in items.iter().enumerate() {
                flatten(&key(&i.to_string()), v, out);
            }
        }
        Value::String(s) => out.push((prefix.to_string(), s.clone())),
        other => out.push((prefix.to_string(), other.to_string())),
    }
}

pub(super) fn form_encode(s: &str) -> String {
    escape(s, b"-_.*", "+")
}

/// Percent-encodes text for a URI component: a `mailto:` body or a `data:`
/// URL (spaces as `%20`, unreserved characters kept).
pub fn uri_encode(s: &str) -> String {
    escape(s, b"-_.~", "%20")
}

/// Percent-encodes every byte but ASCII letters, digits and `keep`; a space
/// becomes `space`.
fn escape(s: &str, keep: &[u8], space: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || keep.contains(&b) {
            out.push(b as char);
        } else if b == b' ' {
            out.push_str(space);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

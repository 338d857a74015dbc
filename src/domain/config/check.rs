//! The config's building blocks: taking settings out of a JSON object
//! with errors that name the setting, and the checks of URLs, phone
//! numbers, email addresses and headers.

use serde::de::DeserializeOwned;
use serde_json::{Map, Value};

use super::super::validate::{validate_email, validate_phone};
use super::ConfigError;

/// Small helper that takes known keys out of a JSON object and reports
/// errors with the full setting path.
pub(super) struct Obj {
    pub(super) path: String,
    pub(super) map: Map<String, Value>,
}

impl Obj {
    pub(super) fn new(path: &str, value: Value) -> Result<Obj, ConfigError> {
        match value {
            Value::Object(map) => Ok(Obj {
                path: path.into(),
                map,
            }),
            _ => Err(ConfigError::new(
                path,
                if path.is_empty() {
                    "the configuration must be a JSON object"
                } else {
                    "must be an object"
                },
            )),
        }
    }

    pub(super) fn name(&self, key: &str) -> String {
        if self.path.is_empty() {
            key.into()
        } else {
            format!("{}.{key}", self.path)
        }
    }

    pub(super) fn take<T: DeserializeOwned>(&mut self, key: &str) -> Result<Option<T>, ConfigError> {
        match self.map.remove(key) {
            None | Some(Value::Null) => Ok(None),
            Some(v) => serde_json::from_value(v)
                .map(Some)
                .map_err(|e| ConfigError::new(self.name(key), e.to_string())),
        }
    }

    pub(super) fn text(&mut self, key: &str) -> Result<Option<String>, ConfigError> {
        Ok(self
            .take::<String>(key)?
            .map(|s| s.trim().to_string())
            .filter(|s| !s.is_empty()))
    }

    pub(super) fn required_text(&mut self, key: &str) -> Result<String, ConfigError> {
        self.text(key)?
            .ok_or_else(|| ConfigError::new(self.name(key), "is required"))
    }

    pub(super) fn object(&mut self, key: &str) -> Result<Option<Obj>, ConfigError> {
        match self.map.remove(key) {
            None | Some(Value::Null) => Ok(None),
            Some(v) => Obj::new(&self.name(key), v).map(Some),
        }
    }

    pub(super) fn done(self) -> Result<(), ConfigError> {
        match self.map.keys().next() {
            Some(k) => Err(ConfigError::new(self.name(k), "unknown setting")),
            None => Ok(()),
        }
    }
}

fn starts_url(s: &str, prefix: &str) -> bool {
    s.len() > prefix.len()
        && s.get(..prefix.len())
            .is_some_and(|p| p.eq_ignore_ascii_case(prefix))
}

fn is_local_http(s: &str) -> bool {
    ["http://localhost", "http://127.0.0.1", "http://[::1]"]
        .iter()
        .any(|p| {
            s.get(..p.len()).is_some_and(|h| h.eq_ignore_ascii_case(p))
                && matches!(s.get(p.len()..p.len() + 1), None | Some(":") | Some("/"))
        })
}

/// Check a URL is https (or http on localhost) with a host.
pub(super) fn check_url(setting: &str, url: &str) -> Result<(), ConfigError> {
    if url.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return Err(ConfigError::new(setting, "must not contain spaces"));
    }
    let https = starts_url(url, "https://")
        && url
            .get(8..)
            .and_then(|rest| rest.split(['/', '?', '#']).next())
            .is_some_and(|host| !host.is_empty() && !host.starts_with(':'));
    if https || is_local_http(url) {
        Ok(())
    } else {
        Err(ConfigError::new(
            setting,
            "must use https (or http://localhost for development)",
        ))
    }
}

pub(super) fn check_phone(setting: &str, phone: &str) -> Result<(), ConfigError> {
    validate_phone(phone)
        .map(|_| ())
        .map_err(|_| ConfigError::new(setting, "must be a UK phone number, like 0808 157 0192"))
}

pub(super) fn check_email(setting: &str, email: &str) -> Result<(), ConfigError> {
    validate_email(email)
        .map(|_| ())
        .map_err(|_| ConfigError::new(setting, "must be an email address, like name@example.com"))
}

/// Headers the widget sets itself.
const RESERVED_HEADERS: [&str; 4] = ["content-type", "content-length", "idempotency-key", "host"];

pub(super) fn check_header(setting: &str, name: &str, value: &str) -> Result<(), ConfigError> {
    let token = |c: char| c.is_ascii_alphanumeric() || "!#$%&'*+-.^_`|~".contains(c);
    let path = format!("{setting}.{name}");
    if name.is_empty() || !name.chars().all(token) {
        return Err(ConfigError::new(path, "is not a valid header name"));
    }
    if RESERVED_HEADERS.contains(&name.to_ascii_lowercase().as_str()) {
        return Err(ConfigError::new(path, "is set by the widget; remove it"));
    }
    if value.chars().any(|c| c.is_control()) {
        return Err(ConfigError::new(path, "must not contain line breaks or control characters"));
    }
    Ok(())
}

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

/// A URL taken apart as the browser takes it apart: scheme, host and port.
#[derive(Debug, PartialEq, Eq)]
pub(crate) struct Parts<'a> {
    pub scheme: String,
    pub host: String,
    pub port: Option<&'a str>,
}

/// Parses an absolute http(s) URL's authority. `None` for anything the
/// widget should not trust: no `scheme://`, an empty host, userinfo (`@`,
/// as in `http://localhost@evil.example/`, which browsers send to
/// evil.example), a backslash (which browsers read as a slash), or a port
/// that is not a number.
pub(crate) fn parse_url(url: &str) -> Option<Parts<'_>> {
    let (scheme, rest) = url.split_once("://")?;
    let scheme = scheme.to_ascii_lowercase();
    if !matches!(scheme.as_str(), "http" | "https") {
        return None;
    }
    let end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let authority = &rest[..end];
    if authority.contains(['@', '\\']) || rest.contains('\\') {
        return None;
    }
    let (host, port) = if let Some(v6) = authority.strip_prefix('[') {
        let (inside, after) = v6.split_once(']')?;
        let port = match after {
            "" => None,
            p => Some(p.strip_prefix(':')?),
        };
        (format!("[{inside}]"), port)
    } else {
        match authority.split_once(':') {
            Some((h, p)) => (h.to_owned(), Some(p)),
            None => (authority.to_owned(), None),
        }
    };
    if host.is_empty() || port.is_some_and(|p| p.is_empty() || !p.bytes().all(|b| b.is_ascii_digit())) {
        return None;
    }
    // Host names are case-insensitive, and a trailing dot names the same host.
    let host = host.trim_end_matches('.').to_ascii_lowercase();
    Some(Parts { scheme, host, port })
}

/// An http URL on this computer: the host is exactly localhost, 127.0.0.1 or [::1].
pub(crate) fn is_local_http(url: &str) -> bool {
    parse_url(url).is_some_and(|p| p.scheme == "http" && matches!(p.host.as_str(), "localhost" | "127.0.0.1" | "[::1]"))
}

/// Check a URL is https (or http on localhost), parsed, with a host.
pub(super) fn check_url(setting: &str, url: &str) -> Result<(), ConfigError> {
    if url.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return Err(ConfigError::new(setting, "must not contain spaces"));
    }
    let Some(parts) = parse_url(url) else {
        return Err(ConfigError::new(setting, "must be a full https:// address with a host name, and no user name or password in it"));
    };
    if parts.scheme == "https" || is_local_http(url) {
        Ok(())
    } else {
        Err(ConfigError::new(setting, "must use https (or http://localhost for development)"))
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

/// The landlord's phone number and email from a config that cannot be used
/// as a whole (one bad setting), each only if it is itself valid: the
/// fallback then shows the landlord's own contact details.
pub fn contact_in_broken(json: &str) -> (Option<String>, Option<String>) {
    let Ok(serde_json::Value::Object(v)) = serde_json::from_str::<serde_json::Value>(json) else { return (None, None) };
    let field = |name: &str, valid: fn(&str) -> bool| v.get(name).and_then(|x| x.as_str()).map(str::trim).filter(|x| valid(x)).map(str::to_owned);
    (field("phone", |p| validate_phone(p).is_ok()), field("email", |e| validate_email(e).is_ok()))
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

#[cfg(test)]
mod url_tests {
    use super::*;

    /// Every URL setting goes through check_url, so these cover them all.
    #[test]
    fn the_localhost_exception_cannot_be_bypassed() {
        for bad in [
            "http://localhost:8787@evil.example/submissions",
            "http://127.0.0.1:@evil.example/",
            "http://localhost@evil.example",
            "https://user:pass@homes.example/x",
            "http://localhost.evil.example/x",
            "http://127.0.0.1.evil.example/x",
            "http://localhostevil.example/",
            "http://[::1].evil.example/",
            "http://evil.example/localhost",
            "http://evil.example?http://localhost",
            "http://localhost\\@evil.example/",
            "http://localhost:80a/",
            "http://localhost:/",
            "https://",
            "https:///path",
            "https://:443/",
            "javascript://localhost/%0aalert(1)",
            "ftp://localhost/",
            "localhost:8787/submissions",
        ] {
            assert!(check_url("endpoint.url", bad).is_err(), "accepted {bad}");
        }
        for good in [
            "http://localhost:8787/submissions",
            "http://127.0.0.1/",
            "http://[::1]:8080/x",
            "HTTP://LOCALHOST:8787/s",
            "http://localhost./x",
            "https://homes.example/submissions?x=@y",
            "https://homes.example:8443/a#b",
        ] {
            assert!(check_url("endpoint.url", good).is_ok(), "refused {good}");
        }
        assert!(!is_local_http("http://localhost@evil.example/"));
        assert_eq!(parse_url("http://[::1]:9/x").map(|p| (p.host, p.port)), Some(("[::1]".to_owned(), Some("9"))));
    }

    #[test]
    fn a_broken_config_still_gives_its_valid_phone_and_email() {
        let both = r#"{"phone": " 0808 157 0192 ", "email": "help@example.com", "endpoint": 7}"#;
        assert_eq!(contact_in_broken(both), (Some("0808 157 0192".into()), Some("help@example.com".into())));
        // Each only if it is valid in itself.
        let bad = r#"{"phone": "call us", "email": "not an email"}"#;
        assert_eq!(contact_in_broken(bad), (None, None));
        assert_eq!(contact_in_broken(r#"{"phone": 8081570192}"#), (None, None));
        assert_eq!(contact_in_broken("[1, 2"), (None, None));
        assert_eq!(contact_in_broken(r#"["0808 157 0192"]"#), (None, None));
    }
}

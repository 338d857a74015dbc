//! Landlord configuration, parsed from JSON with errors that name the
//! setting at fault.
//!
//! Required: `landlord_name`, `landlord_id`, `endpoint.url`, `phone`.
//! Everything else has a default. Unknown settings are rejected so typos
//! are caught. Promised timescales may be shorter than the Complaint
//! Handling Code, never longer.
//!
//! ```
//! # use put_right::domain::config::LandlordConfig;
//! let c = LandlordConfig::from_json(r#"{
//!   "landlord_name": "Example Homes", "landlord_id": "example-homes",
//!   "endpoint": {"url": "https://example.com/submissions"},
//!   "phone": "0808 157 0192",
//!   "timescales": {"stage1_acknowledge": 1}
//! }"#).unwrap();
//! assert_eq!(c.timescales().stage1_acknowledge, 1);
//! let e = LandlordConfig::from_json(r#"{"landlord_name": "X", "landlord_id": "x",
//!   "endpoint": {"url": "http://example.com"}, "phone": "0808 157 0192"}"#).unwrap_err();
//! assert_eq!(e.to_string(), "endpoint.url: must use https (or http://localhost for development)");
//! ```

use std::collections::BTreeMap;

use chrono::{Duration, Months, NaiveDate};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::calendar::{Calendar, Region};
use super::deadlines::Timescales;
use super::theme::{valid_font_family, Rgb, Theme};
use super::validate::{validate_email, validate_phone};
use super::text::Msg;

/// A configuration problem. Display: `"<setting>: <problem>"`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ConfigError {
    /// Dotted setting name, e.g. `"endpoint.url"`.
    pub setting: String,
    /// What is wrong with it.
    pub problem: String,
}

impl ConfigError {
    fn new(setting: impl Into<String>, problem: impl Into<String>) -> Self {
        ConfigError {
            setting: setting.into(),
            problem: problem.into(),
        }
    }
}

impl std::fmt::Display for ConfigError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.setting.is_empty() {
            write!(f, "{}", self.problem)
        } else {
            write!(f, "{}: {}", self.setting, self.problem)
        }
    }
}

impl std::error::Error for ConfigError {}

/// How the widget posts submissions.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EndpointFormat {
    /// `application/json` body: the payload as is.
    #[default]
    Json,
    /// `application/x-www-form-urlencoded` body.
    Form,
}

/// Where submissions go.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Endpoint {
    /// https URL (http only for localhost).
    pub url: String,
    /// Body format (default json).
    pub format: EndpointFormat,
    /// Extra request headers.
    pub headers: BTreeMap<String, String>,
    /// Request timeout in milliseconds (default 15000; 1000 to 120000).
    pub timeout_ms: u32,
    /// The response JSON field holding the landlord's reference (default
    /// "reference").
    pub reference_field: String,
}

/// Timescales a landlord promises, in working days, each no longer than
/// the Code's. `None` means the Code's limit.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PromisedTimescales {
    /// Stage 1 acknowledgement (Code 6.2: at most 5).
    pub stage1_acknowledge: Option<u32>,
    /// Stage 1 response, from acknowledgement (Code 6.3: at most 10).
    pub stage1_respond: Option<u32>,
    /// Stage 2 acknowledgement (Code 6.11: at most 5).
    pub stage2_acknowledge: Option<u32>,
    /// Stage 2 response, from acknowledgement (Code 6.14: at most 20).
    pub stage2_respond: Option<u32>,
}

/// How long after a stage 1 response the landlord asks residents to
/// request stage 2: `{"calendar_months": 1}` or `{"days": 28}`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EscalationWindow {
    /// Calendar months (1 to 12).
    CalendarMonths(u32),
    /// Calendar days (1 to 366).
    Days(u32),
}

impl EscalationWindow {
    /// Last day to ask, for a stage 1 response on `response_on`. A month
    /// after 31 January is the last day of February.
    pub fn closes_on(self, response_on: NaiveDate) -> NaiveDate {
        match self {
            EscalationWindow::CalendarMonths(m) => response_on
                .checked_add_months(Months::new(m))
                .unwrap_or(response_on),
            EscalationWindow::Days(d) => response_on + Duration::days(i64::from(d)),
        }
    }

    /// "1 calendar month", "28 days".
    pub fn describe(self) -> Msg {
        match self {
            EscalationWindow::CalendarMonths(m) => Msg::new("window.months").count(m),
            EscalationWindow::Days(d) => Msg::new("window.days").count(d),
        }
    }
}

/// The Ombudsman residents can go to.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Ombudsman {
    /// Name, e.g. "Housing Ombudsman Service".
    pub name: String,
    /// Phone.
    pub phone: Option<String>,
    /// Email.
    pub email: Option<String>,
    /// Website.
    pub website: Option<String>,
    /// Postal address lines.
    pub post: Vec<String>,
}

impl Default for Ombudsman {
    /// England's Housing Ombudsman.
    fn default() -> Self {
        Ombudsman {
            name: "Housing Ombudsman Service".into(),
            phone: Some("0300 111 3000".into()),
            email: Some("info@housing-ombudsman.org.uk".into()),
            website: Some("https://www.housing-ombudsman.org.uk".into()),
            post: vec![
                "Housing Ombudsman Service".into(),
                "PO Box 1484".into(),
                "Unit D".into(),
                "Preston".into(),
                "PR2 0ET".into(),
            ],
        }
    }
}

impl Ombudsman {
    /// The first way to reach them, for a sentence: "phone 0300 111 3000".
    pub fn contact(&self) -> Msg {
        match (&self.phone, &self.email, &self.website) {
            (Some(p), _, _) => Msg::new("contact.phone").ltr("phone", p),
            (_, Some(e), _) => Msg::new("contact.email").ltr("email", e),
            (_, _, Some(w)) => Msg::new("contact.website").ltr("website", w),
            _ => Msg::new("contact.post").text("post", self.post.join(", ")),
        }
    }
}

/// Links to the landlord's policies.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct PolicyUrls {
    /// Complaints policy.
    pub complaints: Option<String>,
    /// Compensation policy.
    pub compensation: Option<String>,
    /// Reasonable adjustments or vulnerability policy.
    pub reasonable_adjustments: Option<String>,
    /// Repairs policy.
    pub repairs: Option<String>,
}

/// Everything the widget needs to know about one landlord.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct LandlordConfig {
    /// Name shown to residents.
    pub landlord_name: String,
    /// Identifier sent as `landlord_id`.
    pub landlord_id: String,
    /// Where submissions go.
    pub endpoint: Endpoint,
    /// Main phone number.
    pub phone: String,
    /// Emergency repairs line, if different.
    pub emergency_phone: Option<String>,
    /// Email.
    pub email: Option<String>,
    /// Postal address lines.
    pub address: Vec<String>,
    /// Opening hours, free text.
    pub opening_hours: Option<String>,
    /// Promised timescales (never longer than the Code).
    pub timescales: PromisedTimescales,
    /// Stage 2 request window, if the landlord sets one.
    pub escalation_window: Option<EscalationWindow>,
    /// The Ombudsman (default: England's Housing Ombudsman).
    pub ombudsman: Ombudsman,
    /// Bank holidays to use (default england-and-wales).
    pub bank_holiday_region: Region,
    /// Whether Awaab's Law timescales apply (England; default true).
    pub awaabs_law: bool,
    /// Privacy notice.
    pub privacy_notice_url: Option<String>,
    /// Policy links.
    pub policy_urls: PolicyUrls,
    /// Brand colour, font, corner radius and logo (all optional).
    pub theme: Theme,
}

/// Small helper that takes known keys out of a JSON object and reports
/// errors with the full setting path.
struct Obj {
    path: String,
    map: Map<String, Value>,
}

impl Obj {
    fn new(path: &str, value: Value) -> Result<Obj, ConfigError> {
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

    fn name(&self, key: &str) -> String {
        if self.path.is_empty() {
            key.into()
        } else {
            format!("{}.{key}", self.path)
        }
    }

    fn take<T: DeserializeOwned>(&mut self, key: &str) -> Result<Option<T>, ConfigError> {
        match self.map.remove(key) {
            None | Some(Value::Null) => Ok(None),
            Some(v) => serde_json::from_value(v)
                .map(Some)
                .map_err(|e| ConfigError::new(self.name(key), e.to_string())),
        }
    }

    fn text(&mut self, key: &str) -> Result<Option<String>, ConfigError> {
        Ok(self
            .take::<String>(key)?
            .map(|s| s.trim().to_string())
            .filter(|s| !s.is_empty()))
    }

    fn required_text(&mut self, key: &str) -> Result<String, ConfigError> {
        self.text(key)?
            .ok_or_else(|| ConfigError::new(self.name(key), "is required"))
    }

    fn object(&mut self, key: &str) -> Result<Option<Obj>, ConfigError> {
        match self.map.remove(key) {
            None | Some(Value::Null) => Ok(None),
            Some(v) => Obj::new(&self.name(key), v).map(Some),
        }
    }

    fn done(self) -> Result<(), ConfigError> {
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
fn check_url(setting: &str, url: &str) -> Result<(), ConfigError> {
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

fn check_phone(setting: &str, phone: &str) -> Result<(), ConfigError> {
    validate_phone(phone)
        .map(|_| ())
        .map_err(|_| ConfigError::new(setting, "must be a UK phone number, like 0808 157 0192"))
}

fn check_email(setting: &str, email: &str) -> Result<(), ConfigError> {
    validate_email(email)
        .map(|_| ())
        .map_err(|_| ConfigError::new(setting, "must be an email address, like name@example.com"))
}

/// Headers the widget sets itself.
const RESERVED_HEADERS: [&str; 4] = ["content-type", "content-length", "idempotency-key", "host"];

fn check_header(setting: &str, name: &str, value: &str) -> Result<(), ConfigError> {
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

impl LandlordConfig {
    /// Parse and check a configuration. The error names the setting, e.g.
    /// `"timescales.stage1_acknowledge: must be 5 working days or fewer (Complaint Handling Code 6.2)"`.
    pub fn from_json(json: &str) -> Result<LandlordConfig, ConfigError> {
        let value: Value = serde_json::from_str(json)
            .map_err(|e| ConfigError::new("", format!("the configuration is not valid JSON: {e}")))?;
        Self::from_value(value)
    }

    /// As [`LandlordConfig::from_json`], from an already parsed value.
    pub fn from_value(value: Value) -> Result<LandlordConfig, ConfigError> {
        let mut root = Obj::new("", value)?;
        let landlord_name = root.required_text("landlord_name")?;
        let landlord_id = root.required_text("landlord_id")?;
        if !landlord_id
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
        {
            return Err(ConfigError::new(
                "landlord_id",
                "must use only letters, numbers, hyphens and underscores",
            ));
        }

        let mut ep = root
            .object("endpoint")?
            .ok_or_else(|| ConfigError::new("endpoint.url", "is required"))?;
        let url = ep.required_text("url")?;
        check_url("endpoint.url", &url)?;
        let format = ep.take::<EndpointFormat>("format")?.unwrap_or_default();
        let headers = ep
            .take::<BTreeMap<String, String>>("headers")?
            .unwrap_or_default();
        for (name, value) in &headers {
            check_header("endpoint.headers", name, value)?;
        }
        let timeout_ms = ep.take::<u32>("timeout_ms")?.unwrap_or(15_000);
        if !(1_000..=120_000).contains(&timeout_ms) {
            return Err(ConfigError::new(
                "endpoint.timeout_ms",
                "must be between 1000 and 120000 milliseconds",
            ));
        }
        let reference_field = ep
            .text("reference_field")?
            .unwrap_or_else(|| "reference".into());
        ep.done()?;
        let endpoint = Endpoint {
            url,
            format,
            headers,
            timeout_ms,
            reference_field,
        };

        let phone = root.required_text("phone")?;
        check_phone("phone", &phone)?;
        let emergency_phone = root.text("emergency_phone")?;
        if let Some(p) = &emergency_phone {
            check_phone("emergency_phone", p)?;
        }
        let email = root.text("email")?;
        if let Some(e) = &email {
            check_email("email", e)?;
        }
        let address = root.take::<Vec<String>>("address")?.unwrap_or_default();
        let opening_hours = root.text("opening_hours")?;

        let timescales = match root.object("timescales")? {
            None => PromisedTimescales::default(),
            Some(mut t) => {
                let code = Timescales::CODE;
                let mut get = |key: &str, max: u32, section: &str| -> Result<Option<u32>, ConfigError> {
                    let v = t.take::<u32>(key)?;
                    match v {
                        Some(0) => Err(ConfigError::new(t.name(key), "must be at least 1 working day")),
                        Some(n) if n > max => Err(ConfigError::new(
                            t.name(key),
                            format!(
                                "must be {max} working days or fewer (Complaint Handling Code {section}); you can promise shorter times, never longer"
                            ),
                        )),
                        _ => Ok(v),
                    }
                };
                // Code 6.2, 6.3, 6.11, 6.14.
                let promised = PromisedTimescales {
                    stage1_acknowledge: get("stage1_acknowledge", code.stage1_acknowledge, "6.2")?,
                    stage1_respond: get("stage1_respond", code.stage1_respond, "6.3")?,
                    stage2_acknowledge: get("stage2_acknowledge", code.stage2_acknowledge, "6.11")?,
                    stage2_respond: get("stage2_respond", code.stage2_respond, "6.14")?,
                };
                t.done()?;
                promised
            }
        };

        let escalation_window = root.take::<EscalationWindow>("escalation_window")?;
        match escalation_window {
            Some(EscalationWindow::CalendarMonths(m)) if !(1..=12).contains(&m) => {
                return Err(ConfigError::new(
                    "escalation_window.calendar_months",
                    "must be between 1 and 12",
                ))
            }
            Some(EscalationWindow::Days(d)) if !(1..=366).contains(&d) => {
                return Err(ConfigError::new(
                    "escalation_window.days",
                    "must be between 1 and 366",
                ))
            }
            _ => {}
        }

        let ombudsman = match root.object("ombudsman")? {
            None => Ombudsman::default(),
            Some(mut o) => {
                let name = o.required_text("name")?;
                let phone = o.text("phone")?;
                if let Some(p) = &phone {
                    check_phone("ombudsman.phone", p)?;
                }
                let email = o.text("email")?;
                if let Some(e) = &email {
                    check_email("ombudsman.email", e)?;
                }
                let website = o.text("website")?;
                if let Some(w) = &website {
                    check_url("ombudsman.website", w)?;
                }
                let post = o.take::<Vec<String>>("post")?.unwrap_or_default();
                o.done()?;
                if phone.is_none() && email.is_none() && website.is_none() {
                    return Err(ConfigError::new(
                        "ombudsman",
                        "give at least a phone number, email address or website",
                    ));
                }
                Ombudsman {
                    name,
                    phone,
                    email,
                    website,
                    post,
                }
            }
        };

        let bank_holiday_region = match root.text("bank_holiday_region")? {
            None => Region::default(),
            Some(r) => Region::parse(&r).ok_or_else(|| {
                ConfigError::new(
                    "bank_holiday_region",
                    "must be \"england-and-wales\", \"scotland\" or \"northern-ireland\"",
                )
            })?,
        };
        let awaabs_law = root.take::<bool>("awaabs_law")?.unwrap_or(true);
        let privacy_notice_url = root.text("privacy_notice_url")?;
        if let Some(u) = &privacy_notice_url {
            check_url("privacy_notice_url", u)?;
        }
        let policy_urls = match root.object("policy_urls")? {
            None => PolicyUrls::default(),
            Some(mut p) => {
                let mut url = |key: &str| -> Result<Option<String>, ConfigError> {
                    let v = p.text(key)?;
                    if let Some(u) = &v {
                        check_url(&p.name(key), u)?;
                    }
                    Ok(v)
                };
                let urls = PolicyUrls {
                    complaints: url("complaints")?,
                    compensation: url("compensation")?,
                    reasonable_adjustments: url("reasonable_adjustments")?,
                    repairs: url("repairs")?,
                };
                p.done()?;
                urls
            }
        };
        let theme = match root.object("theme")? {
            None => Theme::default(),
            Some(mut t) => {
                let brand_colour = t.text("brand_colour")?;
                if let Some(c) = &brand_colour {
                    if Rgb::from_hex(c).is_none() {
                        return Err(ConfigError::new("theme.brand_colour", "must be a hex colour, like #1d4f91"));
                    }
                }
                let font_family = t.text("font_family")?;
                if font_family.as_deref().is_some_and(|f| !valid_font_family(f)) {
                    return Err(ConfigError::new(
                        "theme.font_family",
                        "must be a list of font names, like \"Open Sans\", Arial, sans-serif",
                    ));
                }
                let border_radius = t.take::<u8>("border_radius")?;
                if border_radius.is_some_and(|r| r > 16) {
                    return Err(ConfigError::new("theme.border_radius", "must be between 0 and 16 pixels"));
                }
                let logo_url = t.text("logo_url")?;
                if let Some(u) = &logo_url {
                    check_url("theme.logo_url", u)?;
                }
                t.done()?;
                Theme { brand_colour, font_family, border_radius, logo_url }
            }
        };
        root.done()?;

        Ok(LandlordConfig {
            landlord_name,
            landlord_id,
            endpoint,
            phone,
            emergency_phone,
            email,
            address,
            opening_hours,
            timescales,
            escalation_window,
            ombudsman,
            bank_holiday_region,
            awaabs_law,
            privacy_notice_url,
            policy_urls,
            theme,
        })
    }

    /// Serialise back to JSON that [`LandlordConfig::from_json`] accepts.
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_default()
    }

    /// The timescales to use: the landlord's promises where given, the
    /// Code's limits otherwise. Extensions are always the Code's.
    pub fn timescales(&self) -> Timescales {
        let code = Timescales::CODE;
        let p = self.timescales;
        Timescales {
            stage1_acknowledge: p.stage1_acknowledge.unwrap_or(code.stage1_acknowledge),
            stage1_respond: p.stage1_respond.unwrap_or(code.stage1_respond),
            stage2_acknowledge: p.stage2_acknowledge.unwrap_or(code.stage2_acknowledge),
            stage2_respond: p.stage2_respond.unwrap_or(code.stage2_respond),
            ..code
        }
    }

    /// The working-day calendar for this landlord's region.
    pub fn calendar(&self) -> Calendar {
        Calendar::new(self.bank_holiday_region)
    }

    /// The number to call in an emergency.
    pub fn emergency_number(&self) -> &str {
        self.emergency_phone.as_deref().unwrap_or(&self.phone)
    }

    /// The demo configuration for the fictional "Example Homes". Phone
    /// numbers are from Ofcom's range reserved for drama, so they reach
    /// nobody.
    pub fn example() -> LandlordConfig {
        LandlordConfig {
            landlord_name: "Example Homes".into(),
            landlord_id: "example-homes".into(),
            endpoint: Endpoint {
                url: "http://localhost:8787/submissions".into(),
                format: EndpointFormat::Json,
                headers: BTreeMap::new(),
                timeout_ms: 15_000,
                reference_field: "reference".into(),
            },
            phone: "0808 157 0192".into(),
            emergency_phone: Some("0808 157 0999".into()),
            email: Some("complaints@example.com".into()),
            address: vec![
                "Example Homes".into(),
                "1 Example Street".into(),
                "Exampletown".into(),
                "EX1 1AA".into(),
            ],
            opening_hours: Some("Monday to Friday, 8am to 6pm".into()),
            // The Code's own limits, so the demo shows the familiar dates.
            timescales: PromisedTimescales::default(),
            escalation_window: Some(EscalationWindow::CalendarMonths(1)),
            ombudsman: Ombudsman::default(),
            bank_holiday_region: Region::EnglandAndWales,
            awaabs_law: true,
            privacy_notice_url: Some("https://example.com/privacy".into()),
            policy_urls: PolicyUrls {
                complaints: Some("https://example.com/complaints-policy".into()),
                ..PolicyUrls::default()
            },
            theme: Theme::default(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn minimal() -> Value {
        json!({
            "landlord_name": "Example Homes",
            "landlord_id": "example-homes",
            "endpoint": {"url": "https://example.com/submissions"},
            "phone": "0808 157 0192"
        })
    }

    fn err(v: Value) -> String {
        LandlordConfig::from_value(v).unwrap_err().to_string()
    }

    fn with(mut v: Value, key: &str, value: Value) -> Value {
        let mut target = &mut v;
        let parts: Vec<&str> = key.split('.').collect();
        for p in &parts[..parts.len() - 1] {
            target = target.as_object_mut().unwrap().entry(*p).or_insert(json!({}));
        }
        target[parts[parts.len() - 1]] = value;
        v
    }

    #[test]
    fn minimal_config_gets_defaults() {
        let c = LandlordConfig::from_value(minimal()).unwrap();
        assert_eq!(c.endpoint.format, EndpointFormat::Json);
        assert_eq!(c.endpoint.timeout_ms, 15_000);
        assert_eq!(c.endpoint.reference_field, "reference");
        assert_eq!(c.ombudsman, Ombudsman::default());
        assert_eq!(c.ombudsman.phone.as_deref(), Some("0300 111 3000"));
        assert_eq!(c.ombudsman.post.last().map(String::as_str), Some("PR2 0ET"));
        assert_eq!(c.bank_holiday_region, Region::EnglandAndWales);
        assert_eq!(c.timescales(), Timescales::CODE);
        assert_eq!(c.escalation_window, None);
        assert!(c.awaabs_law);
        assert_eq!(c.emergency_number(), "0808 157 0192");
    }

    #[test]
    fn required_settings_are_named() {
        for key in ["landlord_name", "landlord_id", "phone"] {
            let mut v = minimal();
            v.as_object_mut().unwrap().remove(key);
            assert_eq!(err(v), format!("{key}: is required"));
        }
        let mut v = minimal();
        v.as_object_mut().unwrap().remove("endpoint");
        assert_eq!(err(v), "endpoint.url: is required");
        assert_eq!(err(with(minimal(), "endpoint.url", json!("  "))), "endpoint.url: is required");
        assert_eq!(err(json!([])), "the configuration must be a JSON object");
        assert!(LandlordConfig::from_json("{").unwrap_err().to_string().contains("not valid JSON"));
    }

    #[test]
    fn endpoint_rules() {
        let https = "endpoint.url: must use https (or http://localhost for development)";
        for bad in ["http://example.com", "ftp://x", "https://", "example.com", "http://localhost.evil.com"] {
            assert_eq!(err(with(minimal(), "endpoint.url", json!(bad))), https, "{bad}");
        }
        for ok in [
            "https://example.com",
            "HTTPS://example.com/x?y=1",
            "http://localhost:8787/submissions",
            "http://127.0.0.1/x",
            "http://localhost",
        ] {
            assert!(LandlordConfig::from_value(with(minimal(), "endpoint.url", json!(ok))).is_ok(), "{ok}");
        }
        assert_eq!(
            err(with(minimal(), "endpoint.format", json!("xml"))),
            "endpoint.format: unknown variant `xml`, expected `json` or `form`"
        );
        let c = LandlordConfig::from_value(with(minimal(), "endpoint.format", json!("form"))).unwrap();
        assert_eq!(c.endpoint.format, EndpointFormat::Form);
        assert_eq!(
            err(with(minimal(), "endpoint.timeout_ms", json!(10))),
            "endpoint.timeout_ms: must be between 1000 and 120000 milliseconds"
        );
        assert!(err(with(minimal(), "endpoint.timeout_ms", json!("5s"))).starts_with("endpoint.timeout_ms: invalid type"));
        assert_eq!(
            err(with(minimal(), "endpoint.headers", json!({"Idempotency-Key": "x"}))),
            "endpoint.headers.Idempotency-Key: is set by the widget; remove it"
        );
        assert_eq!(
            err(with(minimal(), "endpoint.headers", json!({"Bad Name": "x"}))),
            "endpoint.headers.Bad Name: is not a valid header name"
        );
        let c = LandlordConfig::from_value(with(minimal(), "endpoint.headers", json!({"X-Api-Key": "abc"}))).unwrap();
        assert_eq!(c.endpoint.headers.get("X-Api-Key").map(String::as_str), Some("abc"));
        assert_eq!(err(with(minimal(), "endpoint.method", json!("PUT"))), "endpoint.method: unknown setting");
    }

    #[test]
    fn timescales_never_longer_than_the_code() {
        for (key, max, section) in [
            ("stage1_acknowledge", 5, "6.2"),
            ("stage1_respond", 10, "6.3"),
            ("stage2_acknowledge", 5, "6.11"),
            ("stage2_respond", 20, "6.14"),
        ] {
            let v = with(minimal(), &format!("timescales.{key}"), json!(max + 1));
            let e = err(v);
            assert!(
                e.starts_with(&format!("timescales.{key}: must be {max} working days or fewer (Complaint Handling Code {section})")),
                "{e}"
            );
            let ok = LandlordConfig::from_value(with(minimal(), &format!("timescales.{key}"), json!(max))).unwrap();
            assert_eq!(ok.timescales(), Timescales::CODE);
        }
        assert_eq!(
            err(with(minimal(), "timescales.stage1_respond", json!(0))),
            "timescales.stage1_respond: must be at least 1 working day"
        );
        assert!(err(with(minimal(), "timescales.stage1_respond", json!(-1))).starts_with("timescales.stage1_respond: invalid value"));
        let c = LandlordConfig::from_value(with(
            with(minimal(), "timescales.stage1_acknowledge", json!(1)),
            "timescales.stage2_respond",
            json!(15),
        ))
        .unwrap();
        let t = c.timescales();
        assert_eq!((t.stage1_acknowledge, t.stage1_respond, t.stage2_respond), (1, 10, 15));
        assert_eq!(t.stage2_extension, 20, "extensions stay the Code's");
        assert_eq!(err(with(minimal(), "timescales.stage3", json!(1))), "timescales.stage3: unknown setting");
    }

    #[test]
    fn escalation_window() {
        let c = LandlordConfig::from_value(with(minimal(), "escalation_window", json!({"calendar_months": 1}))).unwrap();
        assert_eq!(c.escalation_window, Some(EscalationWindow::CalendarMonths(1)));
        let c = LandlordConfig::from_value(with(minimal(), "escalation_window", json!({"days": 28}))).unwrap();
        assert_eq!(c.escalation_window, Some(EscalationWindow::Days(28)));
        assert_eq!(
            err(with(minimal(), "escalation_window", json!({"days": 0}))),
            "escalation_window.days: must be between 1 and 366"
        );
        assert!(err(with(minimal(), "escalation_window", json!({"weeks": 4}))).starts_with("escalation_window: unknown variant"));
        let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).unwrap();
        assert_eq!(EscalationWindow::CalendarMonths(1).closes_on(d(2026, 1, 31)), d(2026, 2, 28));
        assert_eq!(EscalationWindow::CalendarMonths(1).closes_on(d(2026, 11, 23)), d(2026, 12, 23));
        assert_eq!(EscalationWindow::Days(28).closes_on(d(2026, 11, 23)), d(2026, 12, 21));
        let en = crate::domain::text::shipped::english();
        assert_eq!(en.render(&EscalationWindow::Days(28).describe()), "28 days");
        assert_eq!(en.render(&EscalationWindow::CalendarMonths(1).describe()), "1 calendar month");
    }

    #[test]
    fn other_settings() {
        assert_eq!(
            err(with(minimal(), "bank_holiday_region", json!("wales"))),
            "bank_holiday_region: must be \"england-and-wales\", \"scotland\" or \"northern-ireland\""
        );
        let c = LandlordConfig::from_value(with(minimal(), "bank_holiday_region", json!("scotland"))).unwrap();
        assert_eq!(c.calendar().region, Region::Scotland);
        assert_eq!(err(with(minimal(), "phone", json!("call us"))), "phone: must be a UK phone number, like 0808 157 0192");
        assert_eq!(err(with(minimal(), "email", json!("x@"))), "email: must be an email address, like name@example.com");
        assert_eq!(
            err(with(minimal(), "privacy_notice_url", json!("http://example.com/p"))),
            "privacy_notice_url: must use https (or http://localhost for development)"
        );
        assert_eq!(
            err(with(minimal(), "policy_urls.complaints", json!("nope"))),
            "policy_urls.complaints: must use https (or http://localhost for development)"
        );
        assert_eq!(err(with(minimal(), "landlord_id", json!("a b"))), "landlord_id: must use only letters, numbers, hyphens and underscores");
        assert_eq!(err(with(minimal(), "phon", json!("x"))), "phon: unknown setting");
        // A different Ombudsman replaces the default entirely.
        let wales = json!({"name": "Public Services Ombudsman for Wales", "website": "https://www.ombudsman.wales"});
        let c = LandlordConfig::from_value(with(minimal(), "ombudsman", wales)).unwrap();
        assert_eq!(c.ombudsman.name, "Public Services Ombudsman for Wales");
        assert_eq!(c.ombudsman.phone, None);
        assert_eq!(err(with(minimal(), "ombudsman", json!({"website": "https://x.org"}))), "ombudsman.name: is required");
        assert_eq!(
            err(with(minimal(), "ombudsman", json!({"name": "X"}))),
            "ombudsman: give at least a phone number, email address or website"
        );
    }

    #[test]
    fn theme_settings() {
        let c = LandlordConfig::from_value(minimal()).unwrap();
        assert_eq!(c.theme, Theme::default());
        let t = json!({"brand_colour": "#6A1B5F", "font_family": "\"Open Sans\", Arial", "border_radius": 4,
            "logo_url": "https://example.com/logo.svg"});
        let c = LandlordConfig::from_value(with(minimal(), "theme", t)).unwrap();
        assert_eq!(c.theme.brand_colour.as_deref(), Some("#6A1B5F"));
        assert_eq!(c.theme.border_radius, Some(4));
        assert_eq!(LandlordConfig::from_json(&c.to_json()).unwrap(), c);
        assert_eq!(err(with(minimal(), "theme.brand_colour", json!("blue"))), "theme.brand_colour: must be a hex colour, like #1d4f91");
        assert!(err(with(minimal(), "theme.font_family", json!("Arial; x: y"))).starts_with("theme.font_family: must be a list"));
        assert_eq!(err(with(minimal(), "theme.border_radius", json!(40))), "theme.border_radius: must be between 0 and 16 pixels");
        assert!(err(with(minimal(), "theme.border_radius", json!(-1))).starts_with("theme.border_radius: invalid value"));
        assert_eq!(
            err(with(minimal(), "theme.logo_url", json!("http://evil.example/x.png"))),
            "theme.logo_url: must use https (or http://localhost for development)"
        );
        assert_eq!(err(with(minimal(), "theme.colour", json!("#fff"))), "theme.colour: unknown setting");
    }

    #[test]
    fn example_round_trips() {
        let ex = LandlordConfig::example();
        assert_eq!(ex.landlord_id, "example-homes");
        assert_eq!(ex.endpoint.url, "http://localhost:8787/submissions");
        let back = LandlordConfig::from_json(&ex.to_json()).unwrap();
        assert_eq!(back, ex);
        assert!(crate::domain::text::shipped::english().render(&ex.ombudsman.contact()).contains("0300 111 3000"));
    }
}

//! Landlord configuration, parsed from JSON with errors that name the
//! setting at fault.
//!
//! Required: `landlord_name`, `landlord_id`, `endpoint.url`, `phone` and
//! (unless the endpoint is on this machine) `privacy_notice_url`.
//! Everything else has a default. Unknown settings are rejected so typos
//! are caught. `scheme` (default `england-hos`) says whose complaints rules
//! apply and sets the defaults of the national settings ([`nation`]).
//! Promised timescales may be shorter than the scheme's, never longer.
//!
//! ```
//! # use put_right::domain::config::LandlordConfig;
//! let c = LandlordConfig::from_json(r#"{
//!   "landlord_name": "Example Homes", "landlord_id": "example-homes",
//!   "endpoint": {"url": "https://example.com/submissions"},
//!   "phone": "0808 157 0192",
//!   "privacy_notice_url": "https://example.com/privacy",
//!   "timescales": {"stage1_acknowledge": 1}
//! }"#).unwrap();
//! assert_eq!(c.timescales().stage1_acknowledge, 1);
//! let e = LandlordConfig::from_json(r#"{"landlord_name": "X", "landlord_id": "x",
//!   "endpoint": {"url": "http://example.com"}, "phone": "0808 157 0192"}"#).unwrap_err();
//! assert_eq!(e.to_string(), "endpoint.url: must use https (or http://localhost for development)");
//! ```

pub mod attachments;
mod check;
pub use check::contact_in_broken;
mod endpoint;
mod example;
pub mod languages;
mod storage;
pub mod nation;
pub mod tracker;
mod window;

pub use attachments::AttachmentLimits;
pub use endpoint::{Endpoint, EndpointFormat};
pub use languages::Languages;
pub use storage::Storage;
pub use nation::{Ombudsman, PromisedTimescales};
pub use tracker::Tracker;
pub use window::EscalationWindow;

use serde::Serialize;
use serde_json::Value;

use super::calendar::{Calendar, Region};
use super::deadlines::Timescales;
use super::scheme::{Rules, Scheme};
use super::theme::{valid_font_family, Rgb, Theme};
use check::{check_email, check_phone, check_url, Obj};

/// A configuration problem. Display: `"<setting>: <problem>"`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ConfigError {
    /// Dotted setting name, e.g. `"endpoint.url"`.
    pub setting: String,
    /// What is wrong with it.
    pub problem: String,
}

impl ConfigError {
    pub(crate) fn new(setting: impl Into<String>, problem: impl Into<String>) -> Self {
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
    /// Whose complaints rules apply, as the config says (`None`: not
    /// said, so England's; see [`LandlordConfig::scheme`]).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub scheme: Option<Scheme>,
    /// Promised timescales (never longer than the scheme's).
    pub timescales: PromisedTimescales,
    /// Stage 2 request window, if the landlord sets one.
    pub escalation_window: Option<EscalationWindow>,
    /// The Ombudsman (default: the scheme's).
    pub ombudsman: Ombudsman,
    /// Bank holidays to use (default: the scheme's nation's).
    pub bank_holiday_region: Region,
    /// Whether Awaab's Law timescales apply (England only; default: true
    /// in England, false elsewhere).
    pub awaabs_law: bool,
    /// Months a resident has to complain, if the landlord allows longer
    /// than its scheme (see [`LandlordConfig::time_limit_months`]).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub complaint_time_limit_months: Option<u32>,
    /// Privacy notice.
    pub privacy_notice_url: Option<String>,
    /// Policy links.
    pub policy_urls: PolicyUrls,
    /// Brand colour, font, corner radius and logo (all optional).
    pub theme: Theme,
    /// The languages offered, the default, and the landlord's own catalogues.
    pub languages: Languages,
    /// How long things stay on the resident's device.
    pub storage: Storage,
    /// "My complaints" notes on the resident's device (`tracker.keep_months`).
    pub tracker: Tracker,
    /// How many files residents may attach, how large, and of which types.
    pub attachments: AttachmentLimits,
    /// Notes for the landlord's web team about a config that works but
    /// could say more (English, naming the setting), for the console.
    #[serde(skip)]
    pub notes: Vec<String>,
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

        let endpoint = endpoint::parse(&mut root)?;

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

        let national = nation::parse(&mut root)?;

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

        let privacy_notice_url = root.text("privacy_notice_url")?;
        match &privacy_notice_url {
            Some(u) => check_url("privacy_notice_url", u)?,
            // Residents are told who gets their answers, and shown how the
            // landlord uses them, before the first personal question (UK GDPR
            // articles 13 and 14). Only a development set-up may go without.
            None if !check::is_local_http(&endpoint.url) => {
                return Err(ConfigError::new(
                    "privacy_notice_url",
                    "is required: residents must be able to read how you use their information before they give it",
                ))
            }
            None => {}
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
        let languages = languages::parse(&mut root)?;
        let storage = storage::parse(&mut root)?;
        let tracker = tracker::parse(&mut root)?;
        let attachments = attachments::parse(&mut root)?;
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
            scheme: national.scheme,
            timescales: national.timescales,
            escalation_window,
            ombudsman: national.ombudsman,
            bank_holiday_region: national.bank_holiday_region,
            awaabs_law: national.awaabs_law,
            complaint_time_limit_months: national.complaint_time_limit_months,
            privacy_notice_url,
            policy_urls,
            theme,
            languages,
            storage,
            tracker,
            attachments,
            notes: national.notes,
        })
    }

    /// Serialise back to JSON that [`LandlordConfig::from_json`] accepts
    /// and reads back the same. National settings at their scheme's
    /// default are left out.
    pub fn to_json(&self) -> String {
        let mut v = serde_json::to_value(self).unwrap_or_default();
        let r = self.rules();
        if let Some(map) = v.as_object_mut() {
            for (key, default) in [
                ("bank_holiday_region", self.bank_holiday_region == r.region),
                ("ombudsman", self.ombudsman == Ombudsman::of(self.scheme())),
                ("awaabs_law", self.awaabs_law == r.awaabs_law),
                ("tracker", self.tracker == Tracker::default()),
            ] {
                if default {
                    map.remove(key);
                }
            }
        }
        serde_json::to_string_pretty(&v).unwrap_or_default()
    }

    /// Whose complaints rules apply: the config's `scheme`, England's if
    /// it says none.
    pub fn scheme(&self) -> Scheme {
        self.scheme.unwrap_or(Scheme::England)
    }

    /// The scheme's rules.
    pub fn rules(&self) -> &'static Rules {
        self.scheme().rules()
    }

    /// Months a resident has to complain: the landlord's
    /// `complaint_time_limit_months`, else the scheme's (12 in England).
    pub fn time_limit_months(&self) -> u32 {
        self.complaint_time_limit_months.unwrap_or(self.rules().time_limit.days)
    }

    /// The timescales to use: the landlord's promises where given, the
    /// scheme's limits otherwise.
    pub fn timescales(&self) -> Timescales {
        let most = Timescales::of(self.scheme());
        let p = self.timescales;
        Timescales {
            stage1_acknowledge: p.stage1_acknowledge.unwrap_or(most.stage1_acknowledge),
            stage1_respond: p.stage1_respond.unwrap_or(most.stage1_respond),
            stage1_extension: p.stage1_extension.unwrap_or(most.stage1_extension),
            stage2_acknowledge: p.stage2_acknowledge.unwrap_or(most.stage2_acknowledge),
            stage2_respond: p.stage2_respond.unwrap_or(most.stage2_respond),
            stage2_extension: p.stage2_extension.unwrap_or(most.stage2_extension),
            scheme: most.scheme,
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
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;
    use serde_json::json;

    fn minimal() -> Value {
        json!({
            "landlord_name": "Example Homes",
            "landlord_id": "example-homes",
            "endpoint": {"url": "https://example.com/submissions"},
            "phone": "0808 157 0192",
            "privacy_notice_url": "https://example.com/privacy"
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
    fn storage_ages() {
        let c = LandlordConfig::from_value(minimal()).unwrap();
        assert_eq!(c.storage, Storage { draft_days: 7, outbox_days: 30 });
        let c = LandlordConfig::from_value(with(minimal(), "storage", json!({"draft_days": 2, "outbox_days": 10}))).unwrap();
        assert_eq!(c.storage, Storage { draft_days: 2, outbox_days: 10 });
        assert_eq!(err(with(minimal(), "storage", json!({"draft_days": 0}))), "storage.draft_days: must be between 1 and 90 days");
        assert!(err(with(minimal(), "storage", json!({"keep": 1}))).starts_with("storage.keep"));
    }

    #[test]
    fn a_privacy_notice_is_required_except_in_development() {
        let mut v = minimal();
        v.as_object_mut().unwrap().remove("privacy_notice_url");
        assert!(err(v.clone()).starts_with("privacy_notice_url: is required"));
        let dev = with(v, "endpoint.url", json!("http://localhost:8787/submissions"));
        assert!(LandlordConfig::from_value(dev).is_ok(), "a development set-up may go without");
    }

    #[test]
    fn endpoint_rules() {
        let https = "endpoint.url: must use https (or http://localhost for development)";
        for bad in ["http://example.com", "http://localhost.evil.com"] {
            assert_eq!(err(with(minimal(), "endpoint.url", json!(bad))), https, "{bad}");
        }
        let unparsed = "endpoint.url: must be a full https:// address with a host name, and no user name or password in it";
        for bad in ["ftp://x", "https://", "example.com", "http://localhost:8787@evil.example/submissions"] {
            assert_eq!(err(with(minimal(), "endpoint.url", json!(bad))), unparsed, "{bad}");
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
        assert_eq!(EscalationWindow::CalendarMonths(1).closes_on(d(2026, 1, 31)), Ok(d(2026, 2, 28)));
        assert_eq!(EscalationWindow::CalendarMonths(1).closes_on(d(2026, 11, 23)), Ok(d(2026, 12, 23)));
        assert_eq!(EscalationWindow::Days(28).closes_on(d(2026, 11, 23)), Ok(d(2026, 12, 21)));
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
            "policy_urls.complaints: must be a full https:// address with a host name, and no user name or password in it"
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

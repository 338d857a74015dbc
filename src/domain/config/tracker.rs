//! `tracker`: the notes a resident keeps on their device of what they sent
//! ("My complaints", [`crate::domain::tracker`]).

use serde::Serialize;

use super::check::Obj;
use super::ConfigError;

/// The tracker's settings.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Tracker {
    /// How many months after its last deadline a note is kept on the
    /// resident's device before it is deleted (1 to 36).
    pub keep_months: u32,
}

impl Tracker {
    /// The default: a year after the last deadline, long enough to go to
    /// the Housing Ombudsman (12 months from the final answer, [HOS-1y] in
    /// `scheme.rs`).
    pub const DEFAULT_KEEP_MONTHS: u32 = 12;
    /// The most a landlord may set: long enough for any ombudsman's time
    /// limit, short enough that notes do not linger.
    pub const MAX_KEEP_MONTHS: u32 = 36;
}

impl Default for Tracker {
    fn default() -> Self {
        Tracker { keep_months: Tracker::DEFAULT_KEEP_MONTHS }
    }
}

/// Takes `tracker` out of the config's root object.
pub(super) fn parse(root: &mut Obj) -> Result<Tracker, ConfigError> {
    let Some(mut t) = root.object("tracker")? else { return Ok(Tracker::default()) };
    let keep_months = t.take::<u32>("keep_months")?.unwrap_or(Tracker::DEFAULT_KEEP_MONTHS);
    if !(1..=Tracker::MAX_KEEP_MONTHS).contains(&keep_months) {
        return Err(ConfigError::new(t.name("keep_months"), format!("must be between 1 and {} months", Tracker::MAX_KEEP_MONTHS)));
    }
    t.done()?;
    Ok(Tracker { keep_months })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::config::LandlordConfig;
    use serde_json::{json, Value};

    fn config(tracker: Option<Value>) -> Result<LandlordConfig, ConfigError> {
        let mut v = json!({
            "landlord_name": "Example Homes", "landlord_id": "example-homes",
            "endpoint": {"url": "https://example.com/submissions"}, "phone": "0808 157 0192", "privacy_notice_url": "https://example.com/privacy"
        });
        if let Some(t) = tracker {
            v["tracker"] = t;
        }
        LandlordConfig::from_value(v)
    }

    #[test]
    fn keep_months_defaults_to_a_year() {
        assert_eq!(config(None).unwrap().tracker.keep_months, 12);
        assert_eq!(config(Some(json!({}))).unwrap().tracker.keep_months, 12);
        assert_eq!(config(Some(json!({"keep_months": 1}))).unwrap().tracker.keep_months, 1);
        assert_eq!(config(Some(json!({"keep_months": 36}))).unwrap().tracker.keep_months, 36);
    }

    #[test]
    fn bad_keep_months_names_the_setting() {
        let err = |v: Value| config(Some(v)).unwrap_err().to_string();
        assert_eq!(err(json!({"keep_months": 0})), "tracker.keep_months: must be between 1 and 36 months");
        assert_eq!(err(json!({"keep_months": 37})), "tracker.keep_months: must be between 1 and 36 months");
        assert!(err(json!({"keep_months": -1})).starts_with("tracker.keep_months: invalid value"), "{}", err(json!({"keep_months": -1})));
        assert!(err(json!({"keep_months": "12"})).starts_with("tracker.keep_months: invalid type"));
        assert_eq!(err(json!({"keep_for": 12})), "tracker.keep_for: unknown setting");
        assert_eq!(err(json!(12)), "tracker: must be an object");
    }

    #[test]
    fn the_setting_round_trips() {
        let c = config(Some(json!({"keep_months": 24}))).unwrap();
        assert_eq!(LandlordConfig::from_json(&c.to_json()).unwrap(), c);
    }
}

//! Exclusion checks: warnings with reasons, never refusals.
//!
//! A landlord may decline some complaints, but must judge each on its
//! merits (Code 2.5), consider discretion past its time limit (Code 2.3;
//! "exceptional circumstances" in the model procedures of Scotland, Wales
//! and Northern Ireland) and explain any refusal with the right to go to
//! the Ombudsman (Code 2.4). So the widget warns, asks for the reason for
//! any delay, and still lets the resident submit. Each warning names its
//! scheme's rule ([`crate::domain::scheme`]).

use chrono::{Months, NaiveDate};
use serde::{Deserialize, Serialize};

use super::case::{ComplaintDefinition, Escalation, EscalationWindowInfo};
use super::config::LandlordConfig;
use super::scheme::Scheme;
use super::calendar::OutOfRange;
use super::text::{Msg, Render};

crate::choices! {
    /// Which exclusion might apply.
    pub enum WarningCode in "warning" {
        /// Raised more than 12 months after the issue or after the resident
        /// became aware of it (Code 2.2, 2.3), where the limit is 12 months.
        Over12Months = "over_12_months",
        /// Raised after the scheme's (or landlord's) time limit where it is
        /// not 12 months: 6 months in the model procedures of Scotland,
        /// Wales and Northern Ireland.
        OutsideTimeLimit,
        /// Court proceedings have been filed (Code 2.2).
        CourtProceedings,
        /// Already considered under the complaints policy (Code 2.2).
        AlreadyConsidered,
        /// Outside the landlord's window for asking for stage 2 (Code 5.11
        /// allows refusing escalation only for section 2 reasons).
        OutsideEscalationWindow,
    }
}

/// An exclusion that might apply: shown to the resident where it arises,
/// and sent with the payload. Never a refusal.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Exclusion {
    pub code: WarningCode,
    /// Whose rule.
    pub scheme: Scheme,
    pub message: Msg,
}

impl Exclusion {
    fn new(code: WarningCode, scheme: Scheme, message: Msg) -> Exclusion {
        Exclusion { code, scheme, message }
    }

    /// Where the scheme says so: a Code section ("2.3") in England.
    pub fn section(&self) -> &'static str {
        self.scheme.rules().warning_section(self.code)
    }

    /// The payload entry, in the resident's words, with their right to go
    /// to the Ombudsman if the landlord says no (Code 2.4).
    pub fn to_payload(&self, words: &dyn Render, config: &LandlordConfig) -> ExclusionWarning {
        let rules = self.scheme.rules();
        ExclusionWarning {
            code: self.code,
            message: words.render(&self.message),
            code_section: rules.code_section(self.section()).map(str::to_owned),
            rule: Some(rules.rule(self.section())),
            ombudsman_right: words.render(&ombudsman_right(config)),
        }
    }
}

/// A warning as sent in the payload's `warnings`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExclusionWarning {
    pub code: WarningCode,
    /// What the resident was told.
    pub message: String,
    /// The Code section, e.g. "2.3"; `None` outside England.
    pub code_section: Option<String>,
    /// The scheme's rule, e.g. "Complaint Handling Code 2.3" (absent from
    /// payloads made before schemes existed).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rule: Option<String>,
    /// The resident's right to take a refusal to the Ombudsman (Code 2.4).
    pub ombudsman_right: String,
}

/// Code 2.4: a refusal must be explained, with the right to go to the
/// Ombudsman, whose contact details are given.
pub fn ombudsman_right(config: &LandlordConfig) -> Msg {
    Msg::new("warn.right").msg("contact", config.ombudsman.contact())
}

/// The last day a complaint is inside a time limit of `months`: that many
/// months after the later of when the issue started and when the resident
/// became aware of it (Code 2.3; the model procedures count from "the
/// event" or "finding out" alike). An error past the calendar's range.
pub fn time_limit_ends(started_on: NaiveDate, became_aware_on: Option<NaiveDate>, months: u32) -> Result<NaiveDate, OutOfRange> {
    let from = became_aware_on.map_or(started_on, |a| a.max(started_on));
    from.checked_add_months(Months::new(months)).ok_or(OutOfRange)
}

/// The last day inside England's 12 months (Code 2.3).
pub fn twelve_month_limit(started_on: NaiveDate, became_aware_on: Option<NaiveDate>) -> Result<NaiveDate, OutOfRange> {
    time_limit_ends(started_on, became_aware_on, 12)
}

/// Past the landlord's time limit ([`LandlordConfig::time_limit_months`]):
/// the landlord must still consider it (Code 2.3) or may accept it in
/// exceptional circumstances (the model procedures).
pub fn outside_time_limit(
    started_on: NaiveDate,
    became_aware_on: Option<NaiveDate>,
    received: NaiveDate,
    config: &LandlordConfig,
) -> Option<Exclusion> {
    let months = config.time_limit_months();
    // A limit past the calendar's last day has not passed.
    let limit = time_limit_ends(started_on, became_aware_on, months).ok()?;
    let code = if months == 12 { WarningCode::Over12Months } else { WarningCode::OutsideTimeLimit };
    let scheme = config.scheme();
    (received > limit).then(|| Exclusion::new(code, scheme, Msg::new(scheme.rules().wording.time_limit_warning).date("limit", limit).count(months)))
}

/// Court proceedings filed: the landlord may decline the parts the court
/// is deciding, but must look at the circumstances (Code 2.2).
pub fn court(scheme: Scheme) -> Exclusion {
    Exclusion::new(WarningCode::CourtProceedings, scheme, Msg::new("warn.court"))
}

/// Warnings for a stage 1 complaint received on `received`.
pub fn check_complaint(complaint: &ComplaintDefinition, received: NaiveDate, config: &LandlordConfig) -> Vec<Exclusion> {
    let scheme = config.scheme();
    let mut out: Vec<Exclusion> = outside_time_limit(complaint.started_on, complaint.became_aware_on, received, config).into_iter().collect();
    if complaint.court_proceedings_filed == Some(true) {
        out.push(court(scheme));
    }
    if complaint.previously_complained == Some(true) {
        out.push(Exclusion::new(WarningCode::AlreadyConsidered, scheme, Msg::new("warn.already_considered")));
    }
    out
}

/// The escalation window for a stage 2 request received on `received`,
/// and a warning if it is outside it. Nothing if the landlord sets no
/// window or the stage 1 response date is unknown; an error if the window
/// would close past the calendar's range.
pub fn check_escalation(
    escalation: &Escalation,
    received: NaiveDate,
    config: &LandlordConfig,
) -> Result<(Option<EscalationWindowInfo>, Vec<Exclusion>), OutOfRange> {
    let (Some(window), Some(response_on)) = (config.escalation_window, escalation.stage1_response_on) else {
        return Ok((None, vec![]));
    };
    let closes_on = window.closes_on(response_on)?;
    let within_window = received <= closes_on;
    let info = EscalationWindowInfo { window, closes_on, within_window };
    let warnings = if within_window { vec![] } else { vec![window_warning(config.scheme(), window.describe(), response_on, closes_on)] };
    Ok((Some(info), warnings))
}

/// Outside the landlord's window, escalation can only be refused for a
/// reason in section 2, which it must explain (Code 5.11).
pub fn window_warning(scheme: Scheme, window: Msg, answered_on: NaiveDate, closed_on: NaiveDate) -> Exclusion {
    let message = Msg::new("warn.outside_window").msg("window", window).date("answered", answered_on).date("closed", closed_on);
    Exclusion::new(WarningCode::OutsideEscalationWindow, scheme, message)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::case::OutcomeSought;
    use crate::domain::config::EscalationWindow;
    use crate::domain::text::{shipped, Arg, Words};

    fn words() -> Words {
        Words::new(shipped::english())
            .share("landlord", Arg::Text("Example Homes".into()))
            .share("ombudsman", Arg::Text("Housing Ombudsman Service".into()))
    }

    fn said(e: &Exclusion) -> ExclusionWarning {
        e.to_payload(&words(), &LandlordConfig::example())
    }

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn complaint(started: NaiveDate) -> ComplaintDefinition {
        ComplaintDefinition::new(
            "Leak not fixed",
            started,
            OutcomeSought {
                repair: true,
                ..Default::default()
            },
        )
    }

    #[test]
    fn limits_past_the_calendars_edge() {
        use crate::domain::calendar::OutOfRange;
        let max = NaiveDate::MAX;
        assert_eq!(twelve_month_limit(max, None), Err(OutOfRange));
        assert_eq!(time_limit_ends(d(2026, 1, 1), Some(max), 1), Err(OutOfRange));
        assert!(twelve_month_limit(NaiveDate::MIN, None).is_ok());
        // A limit past the last date has not passed.
        let c = LandlordConfig::example();
        assert!(outside_time_limit(max, None, max, &c).is_none());
        for window in [EscalationWindow::Days(28), EscalationWindow::CalendarMonths(1)] {
            assert_eq!(window.closes_on(max), Err(OutOfRange));
            assert!(window.closes_on(NaiveDate::MIN).is_ok());
            let mut c = LandlordConfig::example();
            c.escalation_window = Some(window);
            let esc = Escalation { stage1_response_on: Some(max), ..Default::default() };
            assert_eq!(check_escalation(&esc, max, &c), Err(OutOfRange));
        }
    }

    #[test]
    fn twelve_months_from_issue_or_awareness() {
        let c = LandlordConfig::example();
        let today = d(2026, 11, 23);
        // Exactly 12 months: still inside.
        assert!(check_complaint(&complaint(d(2025, 11, 23)), today, &c).is_empty());
        // A day more: warned, citing 2.3 and the Ombudsman.
        let w: Vec<_> = check_complaint(&complaint(d(2025, 11, 22)), today, &c).iter().map(said).collect();
        assert_eq!(w.len(), 1);
        assert_eq!(w[0].code, WarningCode::Over12Months);
        assert_eq!(w[0].code_section.as_deref(), Some("2.3"));
        assert!(w[0].message.contains("Sunday 22 November 2026"), "{}", w[0].message);
        assert!(w[0].ombudsman_right.contains("Housing Ombudsman Service"), "{}", w[0].ombudsman_right);
        assert!(w[0].ombudsman_right.contains("0300 111 3000"), "{}", w[0].ombudsman_right);
        // Became aware recently: the clock runs from awareness.
        let mut late_aware = complaint(d(2020, 1, 1));
        late_aware.became_aware_on = Some(d(2026, 6, 1));
        assert!(check_complaint(&late_aware, today, &c).is_empty());
        // 29 February rolls to 28 February.
        assert_eq!(twelve_month_limit(d(2024, 2, 29), None), Ok(d(2025, 2, 28)));
        // Awareness earlier than the start is ignored.
        assert_eq!(twelve_month_limit(d(2024, 5, 1), Some(d(2024, 1, 1))), Ok(d(2025, 5, 1)));
    }

    #[test]
    fn court_and_previous_complaints() {
        let c = LandlordConfig::example();
        let mut x = complaint(d(2026, 10, 1));
        x.court_proceedings_filed = Some(true);
        x.previously_complained = Some(true);
        let w: Vec<_> = check_complaint(&x, d(2026, 11, 23), &c).iter().map(said).collect();
        let codes: Vec<_> = w.iter().map(|w| w.code).collect();
        assert_eq!(codes, vec![WarningCode::CourtProceedings, WarningCode::AlreadyConsidered]);
        assert!(w.iter().all(|w| w.code_section.as_deref() == Some("2.2")));
        assert!(w.iter().all(|w| w.message.contains("You can still send")), "{w:?}");
        x.court_proceedings_filed = Some(false);
        x.previously_complained = None;
        assert!(check_complaint(&x, d(2026, 11, 23), &c).is_empty());
        assert_eq!(serde_json::to_value(WarningCode::Over12Months).unwrap(), "over_12_months");
    }

    #[test]
    fn escalation_window() {
        let mut c = LandlordConfig::example();
        c.escalation_window = Some(EscalationWindow::Days(28));
        let esc = Escalation {
            stage1_response_on: Some(d(2026, 10, 1)),
            ..Default::default()
        };
        let (info, w) = check_escalation(&esc, d(2026, 10, 29), &c).unwrap();
        assert_eq!(info.as_ref().map(|i| i.closes_on), Some(d(2026, 10, 29)));
        assert!(info.unwrap().within_window);
        assert!(w.is_empty());
        let (info, w) = check_escalation(&esc, d(2026, 10, 30), &c).unwrap();
        assert!(!info.unwrap().within_window);
        let w: Vec<_> = w.iter().map(said).collect();
        assert_eq!(w[0].code, WarningCode::OutsideEscalationWindow);
        assert_eq!(w[0].code_section.as_deref(), Some("5.11"));
        // The window's length, the answer's date and the last day, each named as what it is.
        assert!(w[0].message.contains("28 days"), "{}", w[0].message);
        assert!(w[0].message.contains("which was Thursday 1 October 2026"), "{}", w[0].message);
        assert!(w[0].message.contains("The last day was Thursday 29 October 2026"), "{}", w[0].message);
        c.escalation_window = None;
        assert_eq!(check_escalation(&esc, d(2027, 1, 1), &c), Ok((None, vec![])));
    }
}

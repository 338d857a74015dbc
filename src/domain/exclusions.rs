//! Exclusion checks (Code section 2): warnings with reasons, never refusals.
//!
//! A landlord may decline some complaints, but must judge each on its
//! merits (2.5), consider discretion past 12 months (2.3) and explain any
//! refusal with the right to go to the Ombudsman (2.4). So the widget warns,
//! asks for the reason for any delay, and still lets the resident submit.

use chrono::{Months, NaiveDate};
use serde::{Deserialize, Serialize};

use super::calendar::long_date;
use super::case::{ComplaintDefinition, Escalation, EscalationWindowInfo};
use super::config::LandlordConfig;

/// Which exclusion might apply.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum WarningCode {
    /// Raised more than 12 months after the issue or after the resident
    /// became aware of it (Code 2.2, 2.3).
    #[serde(rename = "over_12_months")]
    Over12Months,
    /// Court proceedings have been filed (Code 2.2).
    CourtProceedings,
    /// Already considered under the complaints policy (Code 2.2).
    AlreadyConsidered,
    /// Outside the landlord's window for asking for stage 2 (Code 5.11
    /// allows refusing escalation only for section 2 reasons).
    OutsideEscalationWindow,
}

impl WarningCode {
    /// The wire name, e.g. `"over_12_months"`.
    pub fn as_str(self) -> &'static str {
        match self {
            WarningCode::Over12Months => "over_12_months",
            WarningCode::CourtProceedings => "court_proceedings",
            WarningCode::AlreadyConsidered => "already_considered",
            WarningCode::OutsideEscalationWindow => "outside_escalation_window",
        }
    }
}

/// A warning shown to the resident and sent with the payload.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExclusionWarning {
    /// What might apply.
    pub code: WarningCode,
    /// Plain-English message for the resident.
    pub message: String,
    /// The Code section, e.g. "2.3".
    pub code_section: String,
    /// The resident's right to take a refusal to the Ombudsman (Code 2.4).
    pub ombudsman_right: String,
}

impl ExclusionWarning {
    /// The UI should ask why the resident could not complain sooner.
    pub fn asks_for_delay_reason(&self) -> bool {
        self.code == WarningCode::Over12Months
    }
}

/// Code 2.4: a refusal must be explained, with the right to go to the Ombudsman.
fn ombudsman_right(config: &LandlordConfig) -> String {
    let contact = config.ombudsman.contact_line();
    let how = if contact.is_empty() {
        String::new()
    } else {
        format!(" ({contact})")
    };
    format!(
        "If {} decides not to accept this, it must explain why in writing. \
         You can ask the {}{how} to look at that decision.",
        config.landlord_name, config.ombudsman.name
    )
}

/// The last day a complaint is inside the 12-month limit: 12 months after
/// the later of when the issue started and when the resident became aware
/// of it (Code 2.3).
pub fn twelve_month_limit(started_on: NaiveDate, became_aware_on: Option<NaiveDate>) -> NaiveDate {
    let from = became_aware_on.map_or(started_on, |a| a.max(started_on));
    from.checked_add_months(Months::new(12)).unwrap_or(from)
}

/// Warnings for a stage 1 complaint received on `received`.
pub fn check_complaint(
    complaint: &ComplaintDefinition,
    received: NaiveDate,
    config: &LandlordConfig,
) -> Vec<ExclusionWarning> {
    let name = &config.landlord_name;
    let right = ombudsman_right(config);
    let warn = |code: WarningCode, section: &str, message: String| ExclusionWarning {
        code,
        message,
        code_section: section.into(),
        ombudsman_right: right.clone(),
    };
    let mut out = Vec::new();
    // Code 2.3: within 12 months of the issue or of becoming aware of it,
    // and discretion must be considered beyond that.
    let limit = twelve_month_limit(complaint.started_on, complaint.became_aware_on);
    if received > limit {
        let ask = if complaint.delay_reason.is_some() {
            "You have told us why, and this will be sent with your complaint."
        } else {
            "Tell us why you could not complain sooner."
        };
        out.push(warn(
            WarningCode::Over12Months,
            "2.3",
            format!(
                "This problem started, or you became aware of it, more than 12 months ago (the limit passed on {}). \
                 {name} normally accepts complaints within 12 months, but it must consider accepting yours if there \
                 is a good reason for the delay. {ask} You can still send your complaint.",
                long_date(limit)
            ),
        ));
    }
    if complaint.court_proceedings_filed == Some(true) {
        out.push(warn(
            WarningCode::CourtProceedings,
            "2.2",
            format!(
                "You said court papers about this have been filed. {name} may not be able to deal with the parts \
                 of your complaint that the court is deciding, but it must look at your circumstances and tell you \
                 which parts it can consider. You can still send your complaint."
            ),
        ));
    }
    if complaint.previously_complained == Some(true) {
        out.push(warn(
            WarningCode::AlreadyConsidered,
            "2.2",
            format!(
                "You said you have complained about this before. If {name} has already dealt with it through its \
                 complaints process it may not look at it again, but it must tell you why. If you are unhappy with \
                 the answer you had, you can ask for stage 2 instead. You can still send your complaint."
            ),
        ));
    }
    out
}

/// The escalation window for a stage 2 request received on `received`,
/// and a warning if it is outside it. Nothing if the landlord sets no
/// window or the stage 1 response date is unknown.
pub fn check_escalation(
    escalation: &Escalation,
    received: NaiveDate,
    config: &LandlordConfig,
) -> (Option<EscalationWindowInfo>, Vec<ExclusionWarning>) {
    let (Some(window), Some(response_on)) = (config.escalation_window, escalation.stage1_response_on)
    else {
        return (None, vec![]);
    };
    let closes_on = window.closes_on(response_on);
    let within_window = received <= closes_on;
    let info = EscalationWindowInfo {
        window,
        closes_on,
        within_window,
    };
    let mut warnings = Vec::new();
    if !within_window {
        let name = &config.landlord_name;
        warnings.push(ExclusionWarning {
            code: WarningCode::OutsideEscalationWindow,
            message: format!(
                "{name} asks for stage 2 requests within {} of the stage 1 response, which was {}. \
                 It can only refuse to escalate your complaint for a good reason, which it must explain. \
                 You can still send your request.",
                window.describe(),
                long_date(closes_on)
            ),
            code_section: "5.11".into(),
            ombudsman_right: ombudsman_right(config),
        });
    }
    (Some(info), warnings)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::case::OutcomeSought;
    use crate::domain::config::EscalationWindow;

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
    fn twelve_months_from_issue_or_awareness() {
        let c = LandlordConfig::example();
        let today = d(2026, 11, 23);
        // Exactly 12 months: still inside.
        assert!(check_complaint(&complaint(d(2025, 11, 23)), today, &c).is_empty());
        // A day more: warned, asking for the reason, citing 2.3 and the Ombudsman.
        let w = check_complaint(&complaint(d(2025, 11, 22)), today, &c);
        assert_eq!(w.len(), 1);
        assert_eq!(w[0].code, WarningCode::Over12Months);
        assert_eq!(w[0].code_section, "2.3");
        assert!(w[0].asks_for_delay_reason());
        assert!(w[0].message.contains("Tell us why"));
        assert!(w[0].message.contains("Sunday 22 November 2026"));
        assert!(w[0].ombudsman_right.contains("Housing Ombudsman Service"));
        assert!(w[0].ombudsman_right.contains("0300 111 3000"));
        // Became aware recently: the clock runs from awareness.
        let mut late_aware = complaint(d(2020, 1, 1));
        late_aware.became_aware_on = Some(d(2026, 6, 1));
        assert!(check_complaint(&late_aware, today, &c).is_empty());
        // A reason already given changes the wording, not the warning.
        let mut old = complaint(d(2024, 1, 1));
        old.delay_reason = Some("I was in hospital".into());
        let w = check_complaint(&old, today, &c);
        assert_eq!(w.len(), 1);
        assert!(w[0].message.contains("You have told us why"));
        // 29 February rolls to 28 February.
        assert_eq!(twelve_month_limit(d(2024, 2, 29), None), d(2025, 2, 28));
        // Awareness earlier than the start is ignored.
        assert_eq!(twelve_month_limit(d(2024, 5, 1), Some(d(2024, 1, 1))), d(2025, 5, 1));
    }

    #[test]
    fn court_and_previous_complaints() {
        let c = LandlordConfig::example();
        let mut x = complaint(d(2026, 10, 1));
        x.court_proceedings_filed = Some(true);
        x.previously_complained = Some(true);
        let w = check_complaint(&x, d(2026, 11, 23), &c);
        let codes: Vec<_> = w.iter().map(|w| w.code).collect();
        assert_eq!(codes, vec![WarningCode::CourtProceedings, WarningCode::AlreadyConsidered]);
        assert!(w.iter().all(|w| w.code_section == "2.2"));
        assert!(w.iter().all(|w| w.message.contains("You can still send")));
        x.court_proceedings_filed = Some(false);
        x.previously_complained = None;
        assert!(check_complaint(&x, d(2026, 11, 23), &c).is_empty());
        assert_eq!(
            serde_json::to_value(WarningCode::Over12Months).unwrap(),
            WarningCode::Over12Months.as_str()
        );
    }

    #[test]
    fn escalation_window() {
        let mut c = LandlordConfig::example();
        c.escalation_window = Some(EscalationWindow::Days(28));
        let esc = Escalation {
            stage1_response_on: Some(d(2026, 10, 1)),
            ..Default::default()
        };
        let (info, w) = check_escalation(&esc, d(2026, 10, 29), &c);
        assert_eq!(info.as_ref().map(|i| i.closes_on), Some(d(2026, 10, 29)));
        assert!(info.unwrap().within_window);
        assert!(w.is_empty());
        let (info, w) = check_escalation(&esc, d(2026, 10, 30), &c);
        assert!(!info.unwrap().within_window);
        assert_eq!(w[0].code, WarningCode::OutsideEscalationWindow);
        assert_eq!(w[0].code_section, "5.11");
        assert!(w[0].message.contains("28 days"));
        c.escalation_window = None;
        assert_eq!(check_escalation(&esc, d(2027, 1, 1), &c), (None, vec![]));
    }
}

//! `escalation_window`: how long after a stage 1 response the landlord
//! asks residents to request stage 2.

use chrono::{Days, Months, NaiveDate};
use serde::{Deserialize, Serialize};

use super::super::calendar::OutOfRange;
use super::super::text::Msg;

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
    /// after 31 January is the last day of February. An error past the
    /// calendar's range.
    pub fn closes_on(self, response_on: NaiveDate) -> Result<NaiveDate, OutOfRange> {
        match self {
            EscalationWindow::CalendarMonths(m) => response_on.checked_add_months(Months::new(m)),
            EscalationWindow::Days(d) => response_on.checked_add_days(Days::new(u64::from(d))),
        }
        .ok_or(OutOfRange)
    }

    /// "1 calendar month", "28 days".
    pub fn describe(self) -> Msg {
        match self {
            EscalationWindow::CalendarMonths(m) => Msg::new("window.months").count(m),
            EscalationWindow::Days(d) => Msg::new("window.days").count(d),
        }
    }
}

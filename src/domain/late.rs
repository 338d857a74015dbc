//! "Is my landlord late?"
//!
//! Given when a complaint (or stage 2 request) was made, acknowledged and
//! answered, and today's date, say which Code deadlines were missed and by
//! how much. A deadline is missed from the first working day after it;
//! "late by N working days" counts the working days after the deadline up
//! to and including today (or the day it was done, if done late).
//!
//! The response deadline counts from the actual acknowledgement if that
//! was on time, otherwise from the acknowledgement deadline: a late
//! acknowledgement does not buy the landlord more time.

use chrono::NaiveDate;

use super::calendar::{long_date, Calendar};
use super::deadlines::{code_sections, plural_wd, Stage, Timescales};

/// What the resident tells us.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct LateCheck {
    /// Stage 1 complaint or stage 2 request.
    pub stage: Stage,
    /// When the complaint or request was made (received).
    pub made_on: NaiveDate,
    /// When it was acknowledged, if it was.
    pub acknowledged_on: Option<NaiveDate>,
    /// When the (stage 1 or final) response came, if it did.
    pub answered_on: Option<NaiveDate>,
    /// The new date the landlord gave if it extended the deadline
    /// (Code 6.4 / 6.15).
    pub extended_to: Option<NaiveDate>,
}

/// Where one deadline stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DeadlineStatus {
    /// Done on time.
    Met {
        /// When.
        on: NaiveDate,
    },
    /// Done, but late.
    DoneLate {
        /// When.
        on: NaiveDate,
        /// Working days after the deadline.
        late_by: u32,
    },
    /// Not done and the deadline has passed.
    Missed {
        /// Working days after the deadline, up to and including today.
        late_by: u32,
    },
    /// Not done, not yet due.
    NotYetDue {
        /// Working days from today until the deadline (0: due today).
        working_days_left: u32,
    },
}

impl DeadlineStatus {
    /// Missed or done late.
    pub fn is_late(&self) -> bool {
        matches!(
            self,
            DeadlineStatus::Missed { .. } | DeadlineStatus::DoneLate { .. }
        )
    }

    /// Working days late, 0 if not late.
    pub fn late_by(&self) -> u32 {
        match self {
            DeadlineStatus::Missed { late_by } | DeadlineStatus::DoneLate { late_by, .. } => *late_by,
            _ => 0,
        }
    }
}

/// One deadline's result.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DeadlineCheck {
    /// `"stage1_acknowledge"`, `"stage1_respond"`, `"stage2_acknowledge"`, `"stage2_respond"`.
    pub event: &'static str,
    /// Code section, e.g. "6.2".
    pub code_section: &'static str,
    /// The deadline.
    pub due: NaiveDate,
    /// Where it stands.
    pub status: DeadlineStatus,
}

impl DeadlineCheck {
    /// Plain-English sentence, e.g. "Example Homes should have
    /// acknowledged your complaint by Monday 30 November 2026. It is late
    /// by 3 working days."
    pub fn message(&self, landlord: &str) -> String {
        let (did, do_) = match self.event {
            "stage1_acknowledge" => ("acknowledged your complaint", "acknowledge your complaint"),
            "stage1_respond" => ("sent its stage 1 response", "send its stage 1 response"),
            "stage2_acknowledge" => ("acknowledged your stage 2 request", "acknowledge your stage 2 request"),
            _ => ("sent its final response", "send its final response"),
        };
        let due = long_date(self.due);
        match self.status {
            DeadlineStatus::Met { on } => {
                format!("{landlord} {did} on {}, in time (the deadline was {due}).", long_date(on))
            }
            DeadlineStatus::DoneLate { on, late_by } => format!(
                "{landlord} {did} on {}, {} late. The deadline was {due}.",
                long_date(on),
                plural_wd(late_by)
            ),
            DeadlineStatus::Missed { late_by } => format!(
                "{landlord} should have {did} by {due}. It is late by {}.",
                plural_wd(late_by)
            ),
            DeadlineStatus::NotYetDue { .. } => format!("{landlord} must {do_} by {due}."),
        }
    }
}

/// The result of a [`LateCheck`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LateReport {
    /// Acknowledgement then response.
    pub checks: Vec<DeadlineCheck>,
    /// Extra notes, e.g. about an over-long extension.
    pub notes: Vec<String>,
}

impl LateReport {
    /// Was any deadline missed (or met late)?
    pub fn any_late(&self) -> bool {
        self.checks.iter().any(|c| c.status.is_late())
    }

    /// Only the late ones.
    pub fn late(&self) -> impl Iterator<Item = &DeadlineCheck> {
        self.checks.iter().filter(|c| c.status.is_late())
    }

    /// All messages, then notes, then (if anything is late) where to get help.
    pub fn messages(&self, landlord: &str, ombudsman: &str) -> Vec<String> {
        let mut out: Vec<String> = self.checks.iter().map(|c| c.message(landlord)).collect();
        out.extend(self.notes.iter().cloned());
        if self.any_late() {
            out.push(format!(
                "You can ask the {ombudsman} for help now. You do not have to wait for {landlord} to reply."
            ));
        }
        out
    }
}

fn status(cal: &Calendar, due: NaiveDate, done: Option<NaiveDate>, today: NaiveDate) -> DeadlineStatus {
    match done {
        Some(on) => match cal.working_days_after(due, on) {
            0 => DeadlineStatus::Met { on },
            late_by => DeadlineStatus::DoneLate { on, late_by },
        },
        None => match cal.working_days_after(due, today) {
            0 => DeadlineStatus::NotYetDue {
                working_days_left: cal.working_days_after(today, due),
            },
            late_by => DeadlineStatus::Missed { late_by },
        },
    }
}

impl LateCheck {
    /// A stage 1 check with nothing acknowledged or answered yet.
    pub fn stage1(made_on: NaiveDate) -> Self {
        LateCheck {
            stage: Stage::Stage1,
            made_on,
            acknowledged_on: None,
            answered_on: None,
            extended_to: None,
        }
    }

    /// A stage 2 check with nothing acknowledged or answered yet.
    pub fn stage2(requested_on: NaiveDate) -> Self {
        LateCheck {
            stage: Stage::Stage2,
            ..LateCheck::stage1(requested_on)
        }
    }

    /// Check against `ts` (use [`Timescales::CODE`] for the Code's limits,
    /// or the landlord's promises from its config).
    pub fn check(&self, today: NaiveDate, cal: &Calendar, ts: &Timescales) -> LateReport {
        let (ack_days, respond_days, extension_days) = match self.stage {
            Stage::Stage1 => (ts.stage1_acknowledge, ts.stage1_respond, ts.stage1_extension),
            Stage::Stage2 => (ts.stage2_acknowledge, ts.stage2_respond, ts.stage2_extension),
        };
        let (s_ack, s_respond, s_ext) = code_sections(self.stage);
        let prefix = match self.stage {
            Stage::Stage1 => "stage1",
            Stage::Stage2 => "stage2",
        };
        let mut notes = Vec::new();

        let ack_due = cal.add_working_days(self.made_on, ack_days);
        // A response is also an acknowledgement.
        let acknowledged = self.acknowledged_on.or(self.answered_on);
        let ack = DeadlineCheck {
            event: if prefix == "stage1" { "stage1_acknowledge" } else { "stage2_acknowledge" },
            code_section: s_ack,
            due: ack_due,
            status: status(cal, ack_due, acknowledged, today),
        };

        let base = acknowledged.map_or(ack_due, |a| a.min(ack_due));
        let respond_due = cal.add_working_days(base, respond_days);
        let limit = cal.add_working_days(respond_due, extension_days);
        let due = match self.extended_to {
            Some(x) if x > limit => {
                notes.push(format!(
                    "The extension goes beyond the {} the Complaint Handling Code allows without a good reason \
                     (section {s_ext}). The landlord must explain the reason to you. We have counted from {}.",
                    plural_wd(extension_days),
                    long_date(limit)
                ));
                limit
            }
            Some(x) => x.max(respond_due),
            None => respond_due,
        };
        let respond = DeadlineCheck {
            event: if prefix == "stage1" { "stage1_respond" } else { "stage2_respond" },
            code_section: s_respond,
            due,
            status: status(cal, due, self.answered_on, today),
        };
        LateReport {
            checks: vec![ack, respond],
            notes,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::calendar::Region;
    use proptest::prelude::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }
    const CAL: Calendar = Calendar {
        region: Region::EnglandAndWales,
    };

    #[test]
    fn nothing_heard_after_23_november() {
        let check = LateCheck::stage1(d(2026, 11, 23));
        // On the deadline day: not yet late.
        let r = check.check(d(2026, 11, 30), &CAL, &Timescales::CODE);
        assert!(!r.any_late());
        assert_eq!(r.checks[0].due, d(2026, 11, 30));
        assert_eq!(r.checks[0].status, DeadlineStatus::NotYetDue { working_days_left: 0 });
        assert_eq!(r.checks[1].due, d(2026, 12, 14));
        // The next working day: late by 1.
        let r = check.check(d(2026, 12, 1), &CAL, &Timescales::CODE);
        assert_eq!(r.checks[0].status, DeadlineStatus::Missed { late_by: 1 });
        assert_eq!(
            r.checks[0].message("Example Homes"),
            "Example Homes should have acknowledged your complaint by Monday 30 November 2026. It is late by 1 working day."
        );
        assert_eq!(r.checks[1].status, DeadlineStatus::NotYetDue { working_days_left: 9 });
        let msgs = r.messages("Example Homes", "Housing Ombudsman Service");
        assert!(msgs.last().unwrap().contains("Housing Ombudsman Service for help now"));
        // Over Christmas: 14 Dec deadline; today Tuesday 29 December 2026.
        let r = check.check(d(2026, 12, 29), &CAL, &Timescales::CODE);
        // Acknowledgement: Dec 1-4 (4), 7-11 (9), 14-18 (14), 21-24 (18), 29 (19).
        assert_eq!(r.checks[0].status.late_by(), 19);
        // Response: 15-18 (4), 21-24 (8), 29 (9).
        assert_eq!(r.checks[1].status, DeadlineStatus::Missed { late_by: 9 });
    }

    #[test]
    fn weekend_after_deadline_is_not_late() {
        // Deadline Friday 27 Nov (received Fri 20 Nov); Saturday 28 is not late.
        let r = LateCheck::stage1(d(2026, 11, 20)).check(d(2026, 11, 28), &CAL, &Timescales::CODE);
        assert_eq!(r.checks[0].due, d(2026, 11, 27));
        assert!(!r.checks[0].status.is_late());
        let r = LateCheck::stage1(d(2026, 11, 20)).check(d(2026, 11, 30), &CAL, &Timescales::CODE);
        assert_eq!(r.checks[0].status, DeadlineStatus::Missed { late_by: 1 });
    }

    #[test]
    fn acknowledged_and_answered() {
        let mut c = LateCheck::stage1(d(2026, 11, 23));
        c.acknowledged_on = Some(d(2026, 11, 24));
        c.answered_on = Some(d(2026, 12, 8));
        let r = c.check(d(2027, 1, 10), &CAL, &Timescales::CODE);
        assert_eq!(r.checks[0].status, DeadlineStatus::Met { on: d(2026, 11, 24) });
        // Early acknowledgement: response due 10 wd after 24 Nov = 8 Dec.
        assert_eq!(r.checks[1].due, d(2026, 12, 8));
        assert_eq!(r.checks[1].status, DeadlineStatus::Met { on: d(2026, 12, 8) });
        assert!(!r.any_late());
        assert!(r.checks[1].message("X").contains("in time"));

        // Late acknowledgement does not move the response deadline.
        c.acknowledged_on = Some(d(2026, 12, 3));
        c.answered_on = Some(d(2026, 12, 16));
        let r = c.check(d(2027, 1, 10), &CAL, &Timescales::CODE);
        assert_eq!(r.checks[0].status, DeadlineStatus::DoneLate { on: d(2026, 12, 3), late_by: 3 });
        assert_eq!(r.checks[1].due, d(2026, 12, 14));
        assert_eq!(r.checks[1].status, DeadlineStatus::DoneLate { on: d(2026, 12, 16), late_by: 2 });
        assert_eq!(r.late().count(), 2);

        // Answered with no separate acknowledgement: the answer counts as both.
        let mut c = LateCheck::stage1(d(2026, 11, 23));
        c.answered_on = Some(d(2026, 11, 27));
        let r = c.check(d(2026, 12, 20), &CAL, &Timescales::CODE);
        assert!(!r.any_late());
    }

    #[test]
    fn extensions() {
        let mut c = LateCheck::stage1(d(2026, 11, 23));
        c.extended_to = Some(d(2026, 12, 21));
        let r = c.check(d(2026, 12, 21), &CAL, &Timescales::CODE);
        assert_eq!(r.checks[1].due, d(2026, 12, 21));
        assert!(!r.checks[1].status.is_late());
        assert!(r.notes.is_empty());
        // Beyond 10 wd (limit Wednesday 30 December): capped, with a note (Code 6.4).
        c.extended_to = Some(d(2027, 2, 1));
        let r = c.check(d(2027, 1, 6), &CAL, &Timescales::CODE);
        assert_eq!(r.checks[1].due, d(2026, 12, 30));
        assert_eq!(r.checks[1].status, DeadlineStatus::Missed { late_by: 4 });
        assert_eq!(r.notes.len(), 1);
        assert!(r.notes[0].contains("6.4"));
    }

    #[test]
    fn stage2_and_promises() {
        let r = LateCheck::stage2(d(2026, 11, 23)).check(d(2027, 1, 4), &CAL, &Timescales::CODE);
        assert_eq!(r.checks[0].event, "stage2_acknowledge");
        assert_eq!(r.checks[0].code_section, "6.11");
        assert_eq!(r.checks[1].code_section, "6.14");
        assert_eq!(r.checks[1].due, d(2026, 12, 30));
        // 31 Dec, (1 Jan holiday), 4 Jan.
        assert_eq!(r.checks[1].status, DeadlineStatus::Missed { late_by: 2 });
        assert!(r.checks[1].message("X").contains("final response"));
        // Against a landlord's 1-day promise.
        let ts = Timescales {
            stage2_acknowledge: 1,
            ..Timescales::CODE
        };
        let r = LateCheck::stage2(d(2026, 11, 23)).check(d(2026, 11, 25), &CAL, &ts);
        assert_eq!(r.checks[0].status, DeadlineStatus::Missed { late_by: 1 });
    }

    proptest! {
        #[test]
        fn late_by_counts_working_days_after_deadline(made in 0i64..3000, extra in 0i64..60) {
            let made = d(2019, 1, 1) + chrono::Duration::days(made);
            let c = LateCheck::stage1(made);
            let due = CAL.add_working_days(made, 5);
            let today = due + chrono::Duration::days(extra);
            let r = c.check(today, &CAL, &Timescales::CODE);
            let late = r.checks[0].status.late_by();
            prop_assert_eq!(late, CAL.working_days_after(due, today));
            prop_assert_eq!(r.checks[0].status.is_late(), late > 0);
            if late > 0 {
                // Late by N means the deadline plus N working days is on or before today.
                prop_assert!(CAL.add_working_days(due, late) <= today);
            }
        }
    }
}

//! "Is my landlord late?"
//!
//! Given when a complaint (or stage 2 request) was made, acknowledged and
//! answered, and today's date, say which of the scheme's deadlines (the
//! Code's in England) were missed and by how much. A deadline is missed from the first working day after it;
//! "late by N working days" counts the working days after the deadline up
//! to and including today (or the day it was done, if done late).
//!
//! Where the scheme counts the response from the acknowledgement (the
//! Code), it counts from the actual acknowledgement if that was on time,
//! otherwise from the acknowledgement deadline: a late acknowledgement does
//! not buy the landlord more time. Where it counts from receipt (the model
//! procedures of Scotland, Wales and Northern Ireland), the acknowledgement
//! does not move it. A stage with no acknowledgement step (stage 1 outside
//! England) is checked on its response alone.

use chrono::NaiveDate;

use super::calendar::{Calendar, OutOfRange};
use super::deadlines::{sections, Stage, Timescales};
use super::scheme::{Counted, Scheme};
use super::text::Msg;

/// What the resident tells us about one stage.
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
    Met { on: NaiveDate },
    /// Done, but this many working days after the deadline.
    DoneLate { on: NaiveDate, late_by: u32 },
    /// Not done; working days after the deadline, up to and including today.
    Missed { late_by: u32 },
    /// Not done, and the deadline day has gone, but no working day has
    /// passed since (a Friday deadline on a Saturday): late from `late_from`.
    Passed { late_from: NaiveDate },
    /// Not done, not yet due: working days from today until the deadline
    /// (0: due today).
    NotYetDue { working_days_left: u32 },
}

impl DeadlineStatus {
    /// Missed or done late.
    pub fn is_late(&self) -> bool {
        matches!(self, DeadlineStatus::Missed { .. } | DeadlineStatus::DoneLate { .. })
    }

    /// Its name in text keys: `"met"`, `"done_late"`, `"missed"`,
    /// `"passed"` or `"due"`.
    pub fn state(&self) -> &'static str {
        match self {
            DeadlineStatus::Met { .. } => "met",
            DeadlineStatus::DoneLate { .. } => "done_late",
            DeadlineStatus::Missed { .. } => "missed",
            DeadlineStatus::Passed { .. } => "passed",
            DeadlineStatus::NotYetDue { .. } => "due",
        }
    }

    /// Done, on time or late.
    pub fn is_done(&self) -> bool {
        matches!(self, DeadlineStatus::Met { .. } | DeadlineStatus::DoneLate { .. })
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
    /// Where the scheme sets it: a Code section ("6.2") in England.
    pub code_section: &'static str,
    pub due: NaiveDate,
    pub status: DeadlineStatus,
    pub stage: Stage,
    /// Whose rule it is.
    pub scheme: Scheme,
    /// The day its stage closed before it was done, if it did (stage 1
    /// when stage 2 was asked for, a refused stage 2): it was checked as
    /// of that day, and a missed one is told as over, counted to then.
    pub closed_on: Option<NaiveDate>,
    /// An acknowledgement counted as done by the answer, with no date of
    /// its own given: it is told as the answer, never as "acknowledged on".
    pub by_answer: bool,
}

impl DeadlineCheck {
    /// Its state's name in text keys: [`DeadlineStatus::state`], but
    /// `"missed_closed"` for one missed in a stage that closed undone, and
    /// `"met_by_answer"` or `"done_late_by_answer"` for an acknowledgement
    /// done only by the answer.
    pub fn state(&self) -> &'static str {
        match (self.status, self.closed_on, self.by_answer) {
            (DeadlineStatus::Met { .. }, _, true) => "met_by_answer",
            (DeadlineStatus::DoneLate { .. }, _, true) => "done_late_by_answer",
            (DeadlineStatus::Missed { .. }, Some(_), _) => "missed_closed",
            (status, _, _) => status.state(),
        }
    }

    /// The sentence for the resident, worded for where it stands: "should
    /// have ... by", "must ... by", "did ... on", "did not ... by" in a
    /// closed stage, with the day it closed (`late.<event>.<state>`),
    /// with the scheme's words for the answer (`{answer}`), the stage 2
    /// request (`{request}`) and its rule (`{rule}`: "Code 6.2").
    pub fn msg(&self) -> Msg {
        self.worded("late")
    }

    /// The same sentence from another family of keys,
    /// `<family>.<event>.<state>`, with the same arguments (the tracker's
    /// "we" sentences are `tracker.status.*`).
    pub fn worded(&self, family: &str) -> Msg {
        let m = Msg::new(format!("{family}.{}.{}", self.event, self.state()))
            .date("due", self.due)
            .msg("rule", self.scheme.cite(self.code_section))
            .msg("answer", self.scheme.answer(self.stage))
            .msg("request", self.scheme.stage2_request());
        match self.status {
            DeadlineStatus::Met { on } => m.date("on", on),
            DeadlineStatus::DoneLate { on, late_by } => m.date("on", on).count(late_by),
            DeadlineStatus::Missed { late_by } => match self.closed_on {
                Some(closed) => m.count(late_by).date("closed", closed),
                None => m.count(late_by),
            },
            DeadlineStatus::Passed { late_from } => m.date("late_from", late_from),
            DeadlineStatus::NotYetDue { working_days_left } => m.count(working_days_left),
        }
    }
}

/// The result of a [`LateCheck`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LateReport {
    pub stage: Stage,
    /// Acknowledgement then response.
    pub checks: Vec<DeadlineCheck>,
    /// Extra notes, e.g. about an over-long extension.
    pub notes: Vec<Msg>,
}

impl LateReport {
    /// Was any deadline missed (or met late)?
    pub fn any_late(&self) -> bool {
        self.checks.iter().any(|c| c.status.is_late())
    }

    /// This report, of a stage checked as of `closed`, the day it closed
    /// before it was done, if it did: what it had missed by then stays
    /// missed, counted to that day and told as over; what was still to
    /// come, or passed without a working day late yet, is dropped. A stage
    /// still open (`None`) is returned as it is.
    pub fn closed(mut self, closed: Option<NaiveDate>) -> Self {
        if closed.is_some() {
            self.checks.retain(|c| c.status.is_done() || c.status.is_late());
            for c in &mut self.checks {
                c.closed_on = closed;
            }
        }
        self
    }

    /// Only the late ones.
    pub fn late(&self) -> impl Iterator<Item = &DeadlineCheck> {
        self.checks.iter().filter(|c| c.status.is_late())
    }
}

fn status(cal: &Calendar, due: NaiveDate, done: Option<NaiveDate>, today: NaiveDate) -> Result<DeadlineStatus, OutOfRange> {
    Ok(match done {
        Some(on) => match cal.working_days_after(due, on) {
            0 => DeadlineStatus::Met { on },
            late_by => DeadlineStatus::DoneLate { on, late_by },
        },
        None if today <= due => DeadlineStatus::NotYetDue { working_days_left: cal.working_days_after(today, due) },
        None => match cal.working_days_after(due, today) {
            // Only non-working days since: late from the next working day.
            0 => DeadlineStatus::Passed { late_from: cal.next_working_day(due)? },
            late_by => DeadlineStatus::Missed { late_by },
        },
    })
}

impl LateCheck {
    /// A stage 1 check with nothing acknowledged or answered yet.
    pub fn stage1(made_on: NaiveDate) -> Self {
        LateCheck { stage: Stage::Stage1, made_on, acknowledged_on: None, answered_on: None, extended_to: None }
    }

    /// A stage 2 check with nothing acknowledged or answered yet.
    pub fn stage2(requested_on: NaiveDate) -> Self {
        LateCheck { stage: Stage::Stage2, ..LateCheck::stage1(requested_on) }
    }

    /// Check against `ts` (use [`Timescales::of`] for the scheme's limits,
    /// or the landlord's promises from its config). An error where a date
    /// would fall past the calendar's range.
    pub fn check(&self, today: NaiveDate, cal: &Calendar, ts: &Timescales) -> Result<LateReport, OutOfRange> {
        let plan = ts.plan(self.stage);
        let (s_ack, s_respond, s_ext) = sections(ts.scheme, self.stage);
        let event = |what: &str| -> &'static str {
            match (self.stage, what) {
                (Stage::Stage1, "acknowledge") => "stage1_acknowledge",
                (Stage::Stage1, _) => "stage1_respond",
                (Stage::Stage2, "acknowledge") => "stage2_acknowledge",
                (Stage::Stage2, _) => "stage2_respond",
            }
        };
        let deadline = |what: &str, section, due, done| -> Result<DeadlineCheck, OutOfRange> {
            Ok(DeadlineCheck {
                by_answer: false,
                event: event(what),
                code_section: section,
                due,
                status: status(cal, due, done, today)?,
                stage: self.stage,
                scheme: ts.scheme,
                closed_on: None,
            })
        };
        let mut checks = Vec::new();
        let mut notes = Vec::new();

        // A response is also an acknowledgement.
        let acknowledged = self.acknowledged_on.or(self.answered_on);
        let ack_due = plan.acknowledge.map(|days| cal.add_working_days(self.made_on, days)).transpose()?;
        if let Some(due) = ack_due {
            // Done only by the answer: told as the answer, not as an acknowledgement.
            let by_answer = self.acknowledged_on.is_none() && acknowledged.is_some();
            checks.push(DeadlineCheck { by_answer, ..deadline("acknowledge", s_ack, due, acknowledged)? });
        }

        let base = match (plan.counted, ack_due) {
            // A late acknowledgement does not buy the landlord more time.
            (Counted::FromAcknowledgement, Some(due)) => acknowledged.map_or(due, |a| a.min(due)),
            _ => self.made_on,
        };
        let respond_due = cal.add_working_days(base, plan.respond)?;
        let limit = plan.extension.map(|days| cal.add_working_days(respond_due, days).map(|l| (days, l))).transpose()?;
        let due = match (self.extended_to, limit) {
            (Some(x), Some((days, limit))) if x > limit => {
                notes.push(Msg::new("late.extension_too_long").count(days).msg("rule", ts.scheme.cite(s_ext)).date("limit", limit));
                limit
            }
            // Within the limit, or a new date where the scheme sets none.
            (Some(x), _) => x.max(respond_due),
            (None, _) => respond_due,
        };
        checks.push(deadline("respond", s_respond, due, self.answered_on)?);
        Ok(LateReport { stage: self.stage, checks, notes })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::calendar::Region;
    use crate::domain::text::{shipped, Arg, Render, Words};
    use proptest::prelude::*;

    fn english() -> Words {
        Words::new(shipped::english()).share("landlord", Arg::Text("Example Homes".into()))
    }

    fn say(c: &DeadlineCheck) -> String {
        english().render(&c.msg())
    }

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
        let r = check.check(d(2026, 11, 30), &CAL, &Timescales::CODE).unwrap();
        assert!(!r.any_late());
        assert_eq!(r.checks[0].due, d(2026, 11, 30));
        assert_eq!(r.checks[0].status, DeadlineStatus::NotYetDue { working_days_left: 0 });
        assert_eq!(r.checks[1].due, d(2026, 12, 14));
        // The next working day: late by 1.
        let r = check.check(d(2026, 12, 1), &CAL, &Timescales::CODE).unwrap();
        assert_eq!(r.checks[0].status, DeadlineStatus::Missed { late_by: 1 });
        assert_eq!(
            say(&r.checks[0]),
            "Example Homes should have acknowledged your complaint by Monday 30 November 2026 (Code 6.2). It is 1 working day late."
        );
        assert_eq!(r.checks[1].status, DeadlineStatus::NotYetDue { working_days_left: 9 });
        assert_eq!(say(&r.checks[1]), "Example Homes must send you its stage 1 answer by Monday 14 December 2026 (Code 6.3).");
        // Over Christmas: 14 Dec deadline; today Tuesday 29 December 2026.
        let r = check.check(d(2026, 12, 29), &CAL, &Timescales::CODE).unwrap();
        // Acknowledgement: Dec 1-4 (4), 7-11 (9), 14-18 (14), 21-24 (18), 29 (19).
        assert_eq!(r.checks[0].status.late_by(), 19);
        // Response: 15-18 (4), 21-24 (8), 29 (9).
        assert_eq!(r.checks[1].status, DeadlineStatus::Missed { late_by: 9 });
    }

    #[test]
    fn a_deadline_passed_over_a_weekend_is_not_still_to_come() {
        // Deadline Friday 27 Nov (received Fri 20 Nov); on Saturday 28 it is
        // not late yet, but it is not to come either.
        let r = LateCheck::stage1(d(2026, 11, 20)).check(d(2026, 11, 28), &CAL, &Timescales::CODE).unwrap();
        assert_eq!(r.checks[0].due, d(2026, 11, 27));
        assert!(!r.checks[0].status.is_late());
        assert_eq!(r.checks[0].status, DeadlineStatus::Passed { late_from: d(2026, 11, 30) });
        assert_eq!(
            say(&r.checks[0]),
            "Example Homes should have acknowledged your complaint by Friday 27 November 2026 (Code 6.2). If it has not, it is late from Monday 30 November 2026."
        );
        // On the deadline day itself it is still to come.
        let r = LateCheck::stage1(d(2026, 11, 20)).check(d(2026, 11, 27), &CAL, &Timescales::CODE).unwrap();
        assert_eq!(r.checks[0].status, DeadlineStatus::NotYetDue { working_days_left: 0 });
        let r = LateCheck::stage1(d(2026, 11, 20)).check(d(2026, 11, 30), &CAL, &Timescales::CODE).unwrap();
        assert_eq!(r.checks[0].status, DeadlineStatus::Missed { late_by: 1 });
    }

    #[test]
    fn acknowledged_and_answered() {
        let mut c = LateCheck::stage1(d(2026, 11, 23));
        c.acknowledged_on = Some(d(2026, 11, 24));
        c.answered_on = Some(d(2026, 12, 8));
        let r = c.check(d(2027, 1, 10), &CAL, &Timescales::CODE).unwrap();
        assert_eq!(r.checks[0].status, DeadlineStatus::Met { on: d(2026, 11, 24) });
        // Early acknowledgement: response due 10 wd after 24 Nov = 8 Dec.
        assert_eq!(r.checks[1].due, d(2026, 12, 8));
        assert_eq!(r.checks[1].status, DeadlineStatus::Met { on: d(2026, 12, 8) });
        assert!(!r.any_late());
        assert!(say(&r.checks[1]).contains("on time"), "{}", say(&r.checks[1]));

        // Late acknowledgement does not move the response deadline.
        c.acknowledged_on = Some(d(2026, 12, 3));
        c.answered_on = Some(d(2026, 12, 16));
        let r = c.check(d(2027, 1, 10), &CAL, &Timescales::CODE).unwrap();
        assert_eq!(r.checks[0].status, DeadlineStatus::DoneLate { on: d(2026, 12, 3), late_by: 3 });
        assert_eq!(r.checks[1].due, d(2026, 12, 14));
        assert_eq!(r.checks[1].status, DeadlineStatus::DoneLate { on: d(2026, 12, 16), late_by: 2 });
        assert_eq!(r.late().count(), 2);

        // Answered with no separate acknowledgement: the answer counts as
        // both, and is told as the answer, not as an acknowledgement.
        let mut c = LateCheck::stage1(d(2026, 11, 23));
        c.answered_on = Some(d(2026, 11, 27));
        let r = c.check(d(2026, 12, 20), &CAL, &Timescales::CODE).unwrap();
        assert!(!r.any_late());
        assert_eq!(r.checks[0].msg().key, "late.stage1_acknowledge.met_by_answer");
        assert_eq!(
            say(&r.checks[0]),
            "Example Homes sent you its stage 1 answer on Friday 27 November 2026, within the time it had to acknowledge your complaint (by Monday 30 November 2026, Code 6.2)."
        );
        assert!(!r.checks[1].by_answer);
        // Answered late, never acknowledged: late, and told as the answer.
        c.answered_on = Some(d(2026, 12, 2));
        let r = c.check(d(2026, 12, 20), &CAL, &Timescales::CODE).unwrap();
        assert_eq!(r.checks[0].status, DeadlineStatus::DoneLate { on: d(2026, 12, 2), late_by: 2 });
        assert_eq!(
            say(&r.checks[0]),
            "Example Homes should have acknowledged your complaint by Monday 30 November 2026 (Code 6.2). \
             You did not give a date for an acknowledgement, and its stage 1 answer came on Wednesday 2 December 2026, 2 working days late."
        );
        // Acknowledged, and the answer on the same day: told as acknowledged.
        c.acknowledged_on = Some(d(2026, 11, 27));
        c.answered_on = Some(d(2026, 11, 27));
        let r = c.check(d(2026, 12, 20), &CAL, &Timescales::CODE).unwrap();
        assert_eq!(r.checks[0].msg().key, "late.stage1_acknowledge.met");
    }

    #[test]
    fn extensions() {
        let mut c = LateCheck::stage1(d(2026, 11, 23));
        c.extended_to = Some(d(2026, 12, 21));
        let r = c.check(d(2026, 12, 21), &CAL, &Timescales::CODE).unwrap();
        assert_eq!(r.checks[1].due, d(2026, 12, 21));
        assert!(!r.checks[1].status.is_late());
        assert!(r.notes.is_empty());
        // Beyond 10 wd (limit Wednesday 30 December): capped, with a note (Code 6.4).
        c.extended_to = Some(d(2027, 2, 1));
        let r = c.check(d(2027, 1, 6), &CAL, &Timescales::CODE).unwrap();
        assert_eq!(r.checks[1].due, d(2026, 12, 30));
        assert_eq!(r.checks[1].status, DeadlineStatus::Missed { late_by: 4 });
        assert_eq!(r.notes.len(), 1);
        assert!(english().render(&r.notes[0]).contains("6.4"));
    }

    #[test]
    fn stage2_and_promises() {
        let r = LateCheck::stage2(d(2026, 11, 23)).check(d(2027, 1, 4), &CAL, &Timescales::CODE).unwrap();
        assert_eq!(r.checks[0].event, "stage2_acknowledge");
        assert_eq!(r.checks[0].code_section, "6.11");
        assert_eq!(r.checks[1].code_section, "6.14");
        assert_eq!(r.checks[1].due, d(2026, 12, 30));
        // 31 Dec, (1 Jan holiday), 4 Jan.
        assert_eq!(r.checks[1].status, DeadlineStatus::Missed { late_by: 2 });
        assert!(say(&r.checks[1]).contains("final answer"), "{}", say(&r.checks[1]));
        // Against a landlord's 1-day promise.
        let ts = Timescales {
            stage2_acknowledge: 1,
            ..Timescales::CODE
        };
        let r = LateCheck::stage2(d(2026, 11, 23)).check(d(2026, 11, 25), &CAL, &ts).unwrap();
        assert_eq!(r.checks[0].status, DeadlineStatus::Missed { late_by: 1 });
    }

    #[test]
    fn a_closed_stage_tells_what_it_missed_as_over_and_drops_the_rest() {
        // Received Friday 20 November: acknowledgement due Friday 27.
        let c = LateCheck::stage1(d(2026, 11, 20));
        // Closed on Saturday 28, checked as of then: the acknowledgement had
        // passed without a working day late, the answer was to come; neither is kept.
        let r = c.check(d(2026, 11, 28), &CAL, &Timescales::CODE).unwrap();
        assert_eq!(r.checks[0].status, DeadlineStatus::Passed { late_from: d(2026, 11, 30) });
        assert!(r.closed(Some(d(2026, 11, 28))).checks.is_empty());
        // Closed on Tuesday 1 December: the acknowledgement stays missed,
        // counted to that day, and is told as over.
        let r = c.check(d(2026, 12, 1), &CAL, &Timescales::CODE).unwrap().closed(Some(d(2026, 12, 1)));
        assert_eq!(r.checks.len(), 1);
        assert_eq!((r.checks[0].status, r.checks[0].closed_on), (DeadlineStatus::Missed { late_by: 2 }, Some(d(2026, 12, 1))));
        assert_eq!(r.checks[0].msg().key, "late.stage1_acknowledge.missed_closed");
        assert_eq!(
            say(&r.checks[0]),
            "Example Homes did not acknowledge your complaint by Friday 27 November 2026 (Code 6.2). \
             It was 2 working days late when this stage closed on Tuesday 1 December 2026."
        );
        // The same check with its stage still open is in the present.
        let open = c.check(d(2026, 12, 1), &CAL, &Timescales::CODE).unwrap();
        assert_eq!((open.checks[0].closed_on, open.checks[0].msg().key.as_ref()), (None, "late.stage1_acknowledge.missed"));
        assert_eq!(
            say(&open.checks[0]),
            "Example Homes should have acknowledged your complaint by Friday 27 November 2026 (Code 6.2). It is 2 working days late."
        );
        // One done stays done, on time or late, whatever the day it closed.
        let mut done = c;
        done.acknowledged_on = Some(d(2026, 11, 26));
        let r = done.check(d(2026, 12, 1), &CAL, &Timescales::CODE).unwrap().closed(Some(d(2026, 12, 1)));
        assert_eq!(r.checks.len(), 1);
        assert_eq!(r.checks[0].msg().key, "late.stage1_acknowledge.met");
    }

    proptest! {
        #[test]
        fn late_by_counts_working_days_after_deadline(made in 0i64..3000, extra in 0i64..60) {
            let made = d(2019, 1, 1) + chrono::Duration::days(made);
            let c = LateCheck::stage1(made);
            let due = CAL.add_working_days(made, 5).unwrap();
            let today = due + chrono::Duration::days(extra);
            let r = c.check(today, &CAL, &Timescales::CODE).unwrap();
            let late = r.checks[0].status.late_by();
            prop_assert_eq!(late, CAL.working_days_after(due, today));
            prop_assert_eq!(r.checks[0].status.is_late(), late > 0);
            if late > 0 {
                // Late by N means the deadline plus N working days is on or before today.
                prop_assert!(CAL.add_working_days(due, late).unwrap() <= today);
            }
        }
    }
}

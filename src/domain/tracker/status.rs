//! Where a note stands today, worked out by the one lateness engine
//! ([`LateCheck`]) under the note's scheme, in the landlord's working days.

use chrono::NaiveDate;

use super::note::Note;
use crate::domain::calendar::Calendar;
use crate::domain::case::CaseKind;
use crate::domain::choice::Choice;
use crate::domain::config::LandlordConfig;
use crate::domain::deadlines::{Stage, Timescales};
use crate::domain::late::{DeadlineCheck, DeadlineStatus, LateCheck, LateReport};
use crate::domain::scheme::Scheme;
use crate::domain::text::Msg;

crate::choices! {
    /// What the resident can do next (`tracker.action.<value>`).
    pub enum Action in "tracker.action" {
        /// Ask for stage 2 (Code 6.10): once stage 1 is answered or late,
        /// or at once where the scheme allows it (Scotland, Northern Ireland).
        AskStage2,
        /// Go to the ombudsman: once stage 2 is answered or any deadline
        /// was missed. Residents can ask it for help at any time.
        Ombudsman,
        /// Record what happened ([`Status::can_record`]).
        Record,
    }
}

crate::choices! {
    /// What the resident can record on a note (`tracker.record.<value>`:
    /// the question for its date).
    pub enum Record in "tracker.record" {
        Acknowledged, Answered, Extended, Stage2Requested, Stage2Acknowledged, Stage2Answered, Stage2Extended,
    }
}

impl Action {
    /// Its label: "Ask for stage 2", "Go to the Housing Ombudsman Service".
    pub fn msg(self, scheme: Scheme) -> Msg {
        Msg::new(self.label()).msg("stage2", scheme.stage_name(Stage::Stage2))
    }
}

impl Record {
    /// The stage it belongs to.
    pub fn stage(self) -> Stage {
        match self {
            Record::Acknowledged | Record::Answered | Record::Extended => Stage::Stage1,
            _ => Stage::Stage2,
        }
    }

    /// The question for its date, in the scheme's words: "When did we
    /// send you our stage 1 answer?".
    pub fn msg(self, scheme: Scheme) -> Msg {
        Msg::new(self.label())
            .msg("answer", scheme.answer(self.stage()))
            .msg("request", scheme.stage2_request())
            .msg("stage2", scheme.stage_name(Stage::Stage2))
    }
}

/// The next deadline still to come.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NextDeadline {
    /// `"stage1_acknowledge"`, `"stage1_respond"`, `"stage2_acknowledge"`, `"stage2_respond"`.
    pub event: &'static str,
    pub due: NaiveDate,
    /// What is due, a noun phrase: "our stage 1 answer" (`tracker.what.<event>`).
    pub what: Msg,
}

impl NextDeadline {
    /// "Next: our stage 1 answer, by Monday 14 December 2026."
    pub fn msg(&self) -> Msg {
        Msg::new("tracker.next").msg("what", self.what.clone()).date("due", self.due)
    }
}

/// Where a note stands today.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Status {
    pub kind: CaseKind,
    /// One sentence, the landlord speaking ("We must send you our stage 1
    /// answer by ... (3 working days left)."); for what has no complaint
    /// deadlines, when it was sent and its reference.
    pub headline: Msg,
    /// Every deadline checked: stage 1, then stage 2 once asked for.
    pub reports: Vec<LateReport>,
    /// The next deadline not yet reached, if any.
    pub next: Option<NextDeadline>,
    /// Whether any deadline was missed (even if done since, late).
    pub missed: bool,
    /// What to offer, in this order.
    pub actions: Vec<Action>,
    /// What the resident can record now ([`Note::record`]).
    pub can_record: Vec<Record>,
}

impl Status {
    /// Every check not yet done: to come, passed or missed.
    pub fn outstanding(&self) -> impl Iterator<Item = &DeadlineCheck> {
        self.reports.iter().flat_map(|r| r.checks.iter()).filter(|c| !c.status.is_done())
    }
}

/// `{left}`: "3 working days left", or that today is the last day.
fn left(days: u32) -> Msg {
    match days {
        0 => Msg::new("tracker.left_today"),
        n => Msg::new("tracker.left").count(n),
    }
}

/// The tracker's sentence for one deadline, the landlord speaking
/// (`tracker.status.<event>.<state>`), with `{left}` and `{late}` worded.
pub(super) fn sentence(c: &DeadlineCheck) -> Msg {
    let m = c.worded("tracker.status");
    match c.status {
        DeadlineStatus::NotYetDue { working_days_left } => m.msg("left", left(working_days_left)),
        DeadlineStatus::Missed { late_by } | DeadlineStatus::DoneLate { late_by, .. } => {
            m.msg("late", Msg::new("tracker.late_by").count(late_by))
        }
        _ => m,
    }
}

fn what(c: &DeadlineCheck) -> Msg {
    Msg::new(format!("tracker.what.{}", c.event)).msg("answer", c.scheme.answer(c.stage)).msg("request", c.scheme.stage2_request())
}

fn missed_now(r: Option<&LateReport>) -> bool {
    r.is_some_and(|r| r.checks.iter().any(|c| matches!(c.status, DeadlineStatus::Missed { .. })))
}

impl Note {
    /// Each stage's [`LateCheck`] against `ts`, in `cal`'s working days:
    /// stage 1 from the day sent (a complaint), stage 2 from the day it was
    /// asked for.
    pub(super) fn reports(&self, today: NaiveDate, cal: &Calendar, ts: &Timescales) -> Vec<LateReport> {
        let mut out = Vec::new();
        if self.kind == CaseKind::Complaint {
            let c = LateCheck {
                acknowledged_on: self.acknowledged_on,
                answered_on: self.answered_on,
                extended_to: self.extended_to,
                ..LateCheck::stage1(self.sent_on)
            };
            // A note's dates are past ones the widget wrote, well inside the calendar.
            out.extend(c.check(today, cal, ts).ok());
        }
        if let Some(asked) = self.stage2_on().filter(|_| self.has_deadlines()) {
            let c = LateCheck {
                acknowledged_on: self.stage2_acknowledged_on,
                answered_on: self.stage2_answered_on,
                extended_to: self.stage2_extended_to,
                ..LateCheck::stage2(asked)
            };
            out.extend(c.check(today, cal, ts).ok());
        }
        out
    }

    /// Where this note stands on `today`: checked against its scheme's
    /// limits (what its ombudsman applies, not the landlord's shorter
    /// promises), in the landlord's working days (`config`'s calendar).
    pub fn status(&self, today: NaiveDate, config: &LandlordConfig) -> Status {
        let ts = Timescales::of(self.scheme);
        let reports = self.reports(today, &config.calendar(), &ts);
        let plain = Msg::new("tracker.plain").date("sent", self.sent_on).ltr("reference", &self.reference);
        // The stage it is at: its first deadline not yet done, else its answer.
        let headline = reports
            .last()
            .and_then(|r| r.checks.iter().find(|c| !c.status.is_done()).or(r.checks.last()))
            .map_or(plain, sentence);
        let next = reports
            .iter()
            .flat_map(|r| r.checks.iter())
            .filter(|c| matches!(c.status, DeadlineStatus::NotYetDue { .. }))
            .min_by_key(|c| c.due)
            .map(|c| NextDeadline { event: c.event, due: c.due, what: what(c) });
        let missed = reports.iter().any(LateReport::any_late);
        let stage1 = reports.iter().find(|r| r.stage == Stage::Stage1);
        let stage2 = reports.iter().find(|r| r.stage == Stage::Stage2);

        // Stage 2 once stage 1 is answered or late (Code 6.10), or at once
        // where the scheme lets residents go straight to it ([SPSO-CF] 18).
        let may_ask_stage2 = self.kind == CaseKind::Complaint
            && stage2.is_none()
            && (self.answered_on.is_some() || missed_now(stage1) || self.scheme.rules().direct_to_stage2);
        // The ombudsman once the landlord's process is over or it failed a
        // deadline; residents may ask it for help at any time.
        let ombudsman = (stage2.is_some() && self.stage2_answered_on.is_some()) || missed_now(stage2) || missed;

        let mut can_record = Vec::new();
        let plan = |stage| ts.plan(stage);
        if stage1.is_some() && self.answered_on.is_none() {
            if plan(Stage::Stage1).acknowledge.is_some() && self.acknowledged_on.is_none() {
                can_record.push(Record::Acknowledged); // Code 6.2; none outside England
            }
            can_record.push(Record::Answered);
            can_record.push(Record::Extended); // Code 6.4: a new date, with reasons
        }
        if may_ask_stage2 {
            can_record.push(Record::Stage2Requested);
        }
        if stage2.is_some() && self.stage2_answered_on.is_none() {
            if plan(Stage::Stage2).acknowledge.is_some() && self.stage2_acknowledged_on.is_none() {
                can_record.push(Record::Stage2Acknowledged); // Code 6.11
            }
            can_record.push(Record::Stage2Answered);
            can_record.push(Record::Stage2Extended); // Code 6.15
        }

        let mut actions = Vec::new();
        if may_ask_stage2 {
            actions.push(Action::AskStage2);
        }
        if ombudsman {
            actions.push(Action::Ombudsman);
        }
        if !can_record.is_empty() {
            actions.push(Action::Record);
        }
        Status { kind: self.kind, headline, reports, next, missed, actions, can_record }
    }
}

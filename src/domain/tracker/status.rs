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
        /// The landlord would not take it to stage 2. Code 5.11: it must
        /// not refuse to escalate without valid reasons, which it must set
        /// out; a refusal ends its process, so the ombudsman is next.
        Stage2Refused,
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
    /// Where `due` is the landlord's own shorter promise: the scheme's
    /// limit for the same step, and the rule that sets it.
    pub limit: Option<(NaiveDate, Msg)>,
}

impl NextDeadline {
    /// "Next: our stage 1 answer, by Monday 14 December 2026.", or by the
    /// date the landlord's own policy gives, with the scheme's limit.
    pub fn msg(&self) -> Msg {
        let m = |key| Msg::new(key).msg("what", self.what.clone()).date("due", self.due);
        match &self.limit {
            Some((limit, rule)) => m("tracker.next_own").date("limit", *limit).msg("rule", rule.clone()),
            None => m("tracker.next"),
        }
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
    /// The landlord's own dates (kept on the note when it was sent) for
    /// steps still to come, where sooner than the scheme's deadline for
    /// the same step: `(event, date)`.
    pub sooner: Vec<(&'static str, NaiveDate)>,
    /// Whether any of the scheme's deadlines was missed (even if done
    /// since, late): what gives the resident the right to go on.
    pub missed: bool,
    /// The landlord's own shorter promises it did not keep, where it was
    /// not (yet) late under the scheme: one sentence each, saying so (a
    /// closed stage's as over, as of the day it closed).
    pub broken: Vec<Msg>,
    /// A line saying a stage is over without its answer recorded: stage 1
    /// once stage 2 was asked for, or stage 2 refused.
    pub closed: Option<Msg>,
    /// The stages that closed undone: nothing of them is awaited any more.
    pub over: Vec<Stage>,
    /// What to offer, in this order.
    pub actions: Vec<Action>,
    /// What the resident can record now ([`Note::record`]).
    pub can_record: Vec<Record>,
}

impl Status {
    /// Every check not yet done (to come, passed or missed) of a stage
    /// still open.
    pub fn outstanding(&self) -> impl Iterator<Item = &DeadlineCheck> {
        self.reports.iter().flat_map(|r| r.checks.iter()).filter(|c| !c.status.is_done() && !self.over.contains(&c.stage))
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

/// The sentence for a promise of the landlord's own (`o`) that it did not
/// keep, where the scheme's deadline for the step (`limit`) was later
/// (`tracker.own.<state>`): one missed in a stage that closed undone is
/// told in the past, counted to the day it closed (`{closed}`).
fn broken(o: &DeadlineCheck, limit: NaiveDate) -> Msg {
    let m = Msg::new(format!("tracker.own.{}", o.state()))
        .msg("what", what(o))
        .date("due", o.due)
        .date("limit", limit)
        .msg("rule", o.scheme.cite(o.code_section))
        .msg("late", Msg::new("tracker.late_by").count(o.status.late_by()));
    match (o.status, o.closed_on) {
        (DeadlineStatus::DoneLate { on, .. }, _) => m.date("on", on),
        (DeadlineStatus::Missed { .. }, Some(closed)) => m.date("closed", closed),
        _ => m,
    }
}

fn missed_now(r: Option<&LateReport>) -> bool {
    r.is_some_and(|r| r.checks.iter().any(|c| matches!(c.status, DeadlineStatus::Missed { .. })))
}

impl Note {
    /// Each stage's [`LateCheck`] against `ts`, in `cal`'s working days:
    /// stage 1 from the day sent (a complaint), stage 2 from the day it was
    /// asked for. A stage that closed without its answer recorded (stage 1
    /// once stage 2 was asked for, stage 2 once the landlord refused it)
    /// is checked as of the day it closed: what it had missed by then
    /// stays missed, what was still to come no longer is.
    pub(super) fn reports(&self, today: NaiveDate, cal: &Calendar, ts: &Timescales) -> Vec<LateReport> {
        self.checked(today, cal, ts).into_iter().map(|(r, closed)| r.closed(closed)).collect()
    }

    /// [`Note::reports`], each with the day its stage closed undone, if it
    /// did, the checks of a closed stage not yet dropped.
    fn checked(&self, today: NaiveDate, cal: &Calendar, ts: &Timescales) -> Vec<(LateReport, Option<NaiveDate>)> {
        let mut out = Vec::new();
        // Recorded dates are not in the future; if one were, today.
        let as_of = |closed: NaiveDate| closed.min(today);
        if self.kind == CaseKind::Complaint {
            let c = LateCheck {
                acknowledged_on: self.acknowledged_on,
                answered_on: self.answered_on,
                extended_to: self.extended_to,
                ..LateCheck::stage1(self.sent_on)
            };
            let closed = self.stage2_on().filter(|_| self.answered_on.is_none()).map(as_of);
            // A note's dates are past ones the widget wrote, well inside the calendar.
            out.extend(c.check(closed.unwrap_or(today), cal, ts).ok().map(|r| (r, closed)));
        }
        if let Some(asked) = self.stage2_on().filter(|_| self.has_deadlines()) {
            let c = LateCheck {
                acknowledged_on: self.stage2_acknowledged_on,
                answered_on: self.stage2_answered_on,
                extended_to: self.stage2_extended_to,
                ..LateCheck::stage2(asked)
            };
            let closed = self.stage2_refused_on.filter(|_| self.stage2_answered_on.is_none()).map(as_of);
            out.extend(c.check(closed.unwrap_or(today), cal, ts).ok().map(|r| (r, closed)));
        }
        out
    }

    /// The promises of the landlord's own it did not keep where the scheme's
    /// deadline for the same step was later and not missed. `scheme`:
    /// [`Note::checked`] against the scheme's timescales, left unclosed so
    /// that a closed stage's steps still to come (or passed) under the
    /// scheme on the day it closed are there to compare with; `own`: the
    /// checks of [`Note::reports`] against its own timescales, a closed
    /// stage's carrying the day it closed, its steps still to come dropped.
    fn broken(scheme: &[(LateReport, Option<NaiveDate>)], own: &[DeadlineCheck]) -> Vec<Msg> {
        let limits = scheme.iter().flat_map(|(r, _)| r.checks.iter());
        let mine = |c: &DeadlineCheck| own.iter().find(|o| o.event == c.event && o.due < c.due);
        limits.filter(|c| !c.status.is_late()).filter_map(|c| mine(c).filter(|o| o.status.is_late()).map(|o| broken(o, c.due))).collect()
    }

    /// Where this note stands on `today`: checked against its scheme's
    /// limits (what its ombudsman applies: the resident's rights to go on
    /// follow these), and against the landlord's own shorter promises kept
    /// on the note (the dates it gave when it was sent: the next one, and
    /// any it did not keep), in the landlord's working days (`config`'s
    /// calendar; its timescales today are not read).
    pub fn status(&self, today: NaiveDate, config: &LandlordConfig) -> Status {
        let ts = Timescales::of(self.scheme);
        let cal = config.calendar();
        let checked = self.checked(today, &cal, &ts);
        // Its own dates, closed once: a closed stage's still to come dropped,
        // what it had missed told as over on the day it closed.
        let own: Vec<DeadlineCheck> =
            self.promised_timescales().map(|p| self.reports(today, &cal, &p)).unwrap_or_default().into_iter().flat_map(|r| r.checks).collect();
        let broken = Note::broken(&checked, &own);
        let sooner = |c: &DeadlineCheck| {
            let o = own.iter().find(|o| o.event == c.event && o.due < c.due);
            o.filter(|o| matches!(o.status, DeadlineStatus::NotYetDue { .. })).map(|o| o.due)
        };
        let over: Vec<Stage> = checked.iter().filter(|(_, closed)| closed.is_some()).map(|(r, _)| r.stage).collect();
        let reports: Vec<LateReport> = checked.into_iter().map(|(r, closed)| r.closed(closed)).collect();
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
            .map(|c| match sooner(c) {
                Some(due) => NextDeadline { event: c.event, due, what: what(c), limit: Some((c.due, c.scheme.cite(c.code_section))) },
                None => NextDeadline { event: c.event, due: c.due, what: what(c), limit: None },
            });
        let sooner = reports
            .iter()
            .flat_map(|r| r.checks.iter())
            // Only an open stage's: `LateReport::closed` dropped a closed one's still to come.
            .filter(|c| matches!(c.status, DeadlineStatus::NotYetDue { .. }))
            .filter_map(|c| sooner(c).map(|due| (c.event, due)))
            .collect();
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
        // A refusal to take it to stage 2 ends the landlord's process too
        // (Code 5.11; the ombudsman can help when a landlord refuses).
        let refused = stage2.is_some() && self.stage2_refused_on.is_some() && self.stage2_answered_on.is_none();
        let ombudsman = (stage2.is_some() && self.stage2_answered_on.is_some()) || refused || missed_now(stage2) || missed;
        let stage2_name = self.scheme.stage_name(Stage::Stage2);
        let closed = if refused {
            let on = self.stage2_refused_on.unwrap_or(today);
            Some(Msg::new("tracker.refused").date("date", on).msg("stage2", stage2_name))
        } else {
            let asked = self.stage2_on().filter(|_| self.kind == CaseKind::Complaint && self.answered_on.is_none());
            asked.map(|on| Msg::new("tracker.stage1_closed").date("date", on).msg("stage2", stage2_name).msg("stage1", self.scheme.stage_name(Stage::Stage1)))
        };

        let mut can_record = Vec::new();
        let plan = |stage| ts.plan(stage);
        if stage1.is_some() && self.answered_on.is_none() && self.stage2_on().is_none() {
            if plan(Stage::Stage1).acknowledge.is_some() && self.acknowledged_on.is_none() {
                can_record.push(Record::Acknowledged); // Code 6.2; none outside England
            }
            can_record.push(Record::Answered);
            can_record.push(Record::Extended); // Code 6.4: a new date, with reasons
        }
        if may_ask_stage2 {
            can_record.push(Record::Stage2Requested);
        }
        if stage2.is_some() && self.stage2_answered_on.is_none() && !refused {
            if plan(Stage::Stage2).acknowledge.is_some() && self.stage2_acknowledged_on.is_none() {
                can_record.push(Record::Stage2Acknowledged); // Code 6.11
            }
            can_record.push(Record::Stage2Answered);
            can_record.push(Record::Stage2Extended); // Code 6.15
            can_record.push(Record::Stage2Refused); // Code 5.11
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
        Status { kind: self.kind, headline, reports, next, sooner, missed, broken, closed, over, actions, can_record }
    }
}

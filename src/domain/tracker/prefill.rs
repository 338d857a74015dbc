//! One tap to act on a note: the stage 2 and ombudsman journeys opened
//! with what the note knows already filled in, so the resident only
//! confirms it (nothing asked twice). Reasons stay optional (Code 6.12).

use chrono::NaiveDate;

use super::note::Note;
use crate::domain::case::CaseKind;
use crate::domain::journey::model::Date;
use crate::domain::journey::ombudsman::{self, Position};
use crate::domain::journey::start::{Task, TASK, WHAT_TO_DO};
use crate::domain::journey::{escalate, Answers, Ctx, Page, Value};
use crate::domain::validate::DateInput;

/// Puts a date the note knows in a date question, or clears the question.
fn put(a: &mut Answers, q: &Date, on: Option<NaiveDate>) {
    match on {
        Some(d) => a.set(q.0, Value::Date(DateInput::from_date(d))),
        None => a.remove(q.0),
    }
}

/// "Ask for stage 2" (Code 6.10): the task, the complaint's reference and
/// the date of the stage 1 answer if the resident recorded one. The
/// reasons are left to the resident: they are optional (Code 6.12).
/// Everything else already answered (danger first, who they are) is kept.
pub fn ask_stage2(note: &Note, answers: &Answers) -> Answers {
    let mut a = answers.clone();
    TASK.set(&mut a, Task::Escalate);
    escalate::REFERENCE.set(&mut a, &note.reference);
    put(&mut a, &escalate::ANSWERED, note.answered_on);
    a
}

/// Where the complaint is up to, from what the resident recorded.
fn position(note: &Note) -> Position {
    match (note.stage2_on(), note.stage2_answered_on, note.answered_on) {
        (Some(_), Some(_), _) => Position::FinalResponse,
        (Some(_), None, _) if note.stage2_refused_on.is_some() => Position::RefusedEscalation,
        (Some(_), None, _) => Position::WaitingStage2,
        (None, _, Some(_)) => Position::Stage1Only,
        (None, _, None) => Position::WaitingStage1,
    }
}

/// "Go to the ombudsman": where the complaint is up to, its reference, every date the
/// note knows (so "Is my landlord late?" shows the missed ones as
/// evidence), and, if not answered yet, what the complaint was about as
/// the start of why they are still unhappy (its hint asks for that).
pub fn go_to_ombudsman(note: &Note, answers: &Answers) -> Answers {
    let mut a = answers.clone();
    TASK.set(&mut a, Task::Ombudsman);
    ombudsman::POSITION.set(&mut a, position(note));
    ombudsman::REFERENCE.set(&mut a, &note.reference);
    // A stage 2 request's note does not know when the complaint was made.
    let complained = (note.kind == CaseKind::Complaint).then_some(note.sent_on);
    put(&mut a, &ombudsman::COMPLAINED, complained);
    put(&mut a, &ombudsman::ACKNOWLEDGED, note.acknowledged_on);
    put(&mut a, &ombudsman::EXTENDED, note.extended_to);
    put(&mut a, &ombudsman::ANSWERED, note.answered_on);
    put(&mut a, &ombudsman::S2_REQUESTED, note.stage2_on());
    put(&mut a, &ombudsman::S2_ACKNOWLEDGED, note.stage2_acknowledged_on);
    put(&mut a, &ombudsman::S2_EXTENDED, note.stage2_extended_to);
    put(&mut a, &ombudsman::S2_ANSWERED, note.stage2_answered_on);
    put(&mut a, &ombudsman::S2_REFUSED, note.stage2_refused_on);
    // Only while unanswered: an answer the resident is unhappy with is theirs to explain.
    let answered = note.answered_on.is_some() || note.stage2_answered_on.is_some();
    if ombudsman::WHY.opt(&a).is_none() && !note.what.is_empty() && !answered {
        ombudsman::WHY.set(&mut a, &note.what);
    }
    a
}

/// The page the journey opens on: the first after "What do you want to
/// do?" on the route these answers take.
pub fn first_page(a: &Answers, ctx: &Ctx) -> &'static Page {
    crate::domain::journey::next(a, ctx, &WHAT_TO_DO)
}

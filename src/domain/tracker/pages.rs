//! The tracker's pages: the list of notes ("My complaints on this
//! device"), and one date question for each thing the resident can record
//! on a note, drawn and checked like every other date question.

use super::note::Note;
use super::status::Record;
use crate::domain::choice::Choice;
use crate::domain::deadlines::Stage;
use crate::domain::journey::{Answers, Ctx, Field, Kind, Page, Special, Value};
use crate::domain::scheme::Scheme;
use crate::domain::text::Msg;
use crate::domain::validate::{validate_date, DateInput, FieldError};

/// The resident's notes, shown before "What do you want to do?".
pub static LIST: Page = Page::special("tracker", Special::Tracker);

/// A page asking one date, `tracker_<record>`: its label is the page's
/// heading, its texts `tracker_<record>.label`, `.hint`, `.name` and
/// `.missing`, in the scheme's words (`{stage1_answer}`, `{stage2_answer}`,
/// `{stage2_request}`, `{stage2_name}`, shared by the UI).
macro_rules! date_page {
    ($name:ident, $key:literal) => {
        static $name: Page = Page { special: Some(Special::TrackerRecord), ..Page::ask($key, &[Field::new($key, Kind::Date)]) };
    };
}

date_page!(ACKNOWLEDGED, "tracker_acknowledged");
date_page!(ANSWERED, "tracker_answered");
date_page!(EXTENDED, "tracker_extended");
date_page!(STAGE2_REQUESTED, "tracker_stage2_requested");
date_page!(STAGE2_ACKNOWLEDGED, "tracker_stage2_acknowledged");
date_page!(STAGE2_ANSWERED, "tracker_stage2_answered");
date_page!(STAGE2_EXTENDED, "tracker_stage2_extended");
date_page!(STAGE2_REFUSED, "tracker_stage2_refused");

/// The page asking when `r` happened.
pub fn page_for(r: Record) -> &'static Page {
    match r {
        Record::Acknowledged => &ACKNOWLEDGED,
        Record::Answered => &ANSWERED,
        Record::Extended => &EXTENDED,
        Record::Stage2Requested => &STAGE2_REQUESTED,
        Record::Stage2Acknowledged => &STAGE2_ACKNOWLEDGED,
        Record::Stage2Answered => &STAGE2_ANSWERED,
        Record::Stage2Extended => &STAGE2_EXTENDED,
        Record::Stage2Refused => &STAGE2_REFUSED,
    }
}

/// What the resident says happened, opening `r`'s page: "We sent you our
/// stage 1 answer" (`tracker.did.<record>`), in `scheme`'s words.
pub fn did(r: Record, scheme: Scheme) -> Msg {
    Msg::new(format!("tracker.did.{}", r.value()))
        .msg("answer", scheme.answer(r.stage()))
        .msg("request", scheme.stage2_request())
        .msg("stage2", scheme.stage_name(Stage::Stage2))
}

/// What the resident has recorded on `note`, in the order it happens,
/// each with its date: the card lists them, each with a Change link to
/// its page (the date filled in, checked again like the first time).
pub fn recorded(note: &Note) -> Vec<(Record, chrono::NaiveDate)> {
    Record::ALL.iter().filter_map(|r| note.recorded(*r).map(|d| (*r, d))).collect()
}

/// What `page` records, if it is one of these pages.
pub fn record_on(page: &Page) -> Option<Record> {
    Record::ALL.iter().copied().find(|r| page_for(*r).key == page.key)
}

/// Whether the date may be after today: a new date the landlord gave
/// for its answer (Code 6.4, 6.15). Everything else has happened.
fn may_be_future(r: Record) -> bool {
    matches!(r, Record::Extended | Record::Stage2Extended)
}

/// The answers `r`'s page starts with: the date already recorded, if any.
pub fn starting_answers(note: &Note, r: Record) -> Answers {
    let mut a = Answers::default();
    if let Some(d) = note.recorded(r) {
        a.set(page_for(r).key, Value::Date(DateInput::from_date(d)));
    }
    a
}

/// The note with the date typed on `r`'s page recorded: the date input's
/// own checks first (the same as every date question's, with the same
/// words), then the note's ([`Note::record`]: not before it was sent, or
/// before stage 2 was asked for). Errors are on the page's one field.
pub fn record(note: &Note, r: Record, a: &Answers, ctx: &Ctx) -> Result<Note, Vec<FieldError>> {
    let field = &page_for(r).fields[0];
    let on_field = |m| vec![FieldError::new(field.key, m)];
    let input = a.date(field.key).cloned().unwrap_or_default();
    let on = validate_date(&input, ctx.today, !may_be_future(r)).map_err(|p| on_field(field.say(&p)))?;
    let mut n = note.clone();
    n.record(r, Some(on), ctx.today).map_err(|e| on_field(e.msg()))?;
    Ok(n)
}

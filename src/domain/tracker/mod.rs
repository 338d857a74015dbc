//! "My complaints" on this device (issue 18): a short note of what the
//! resident sent, kept in the browser's local storage, and where it stands
//! today.
//!
//! - [`Note`]: the landlord's reference, the kind, when it was sent, the
//!   scheme, the dates the payload promised, the complaint in one line, and
//!   what the resident records later (acknowledged, answered, stage 2...).
//!   No contact or disability details. [`Note::from_submission`] makes one
//!   from the payload just sent; [`read`] and [`write`] turn a list of them
//!   into the stored JSON and back, dropping anything unreadable.
//! - [`Note::status`]: today's [`Status`] from the one lateness engine
//!   ([`crate::domain::late`]): one sentence, the next deadline, whether any
//!   of the scheme's was missed (what opens stage 2 and the ombudsman),
//!   the landlord's own shorter promises it broke (kept on the note as
//!   [`Note::promise`] when it was sent), and the [`Action`]s to offer.
//! - [`Note::expired`]: kept `tracker.keep_months` after its last deadline.
//! - [`ics`]: the upcoming (and missed, still unanswered) deadlines as an
//!   iCalendar file, with a reminder the morning after each.
//! - [`pages`]: the list page and a date question for each [`Record`];
//!   [`pages::record`] checks a typed date and records it on a note.
//! - [`prefill`]: "Ask for stage 2" and "Go to the ombudsman" with what the
//!   note knows already answered.

mod ics;
mod iso;
mod note;
pub mod pages;
pub mod prefill;
mod shorten;
mod status;

use crate::domain::deadlines::Stage;
use crate::domain::scheme::Scheme;
use crate::domain::text::Arg;

pub use ics::ics;
pub use note::{read, write, Note, Promised, RecordError};
pub use shorten::{one_line, LINE_CHARS};
pub use status::{Action, NextDeadline, Record, Status};

/// The scheme's names for its steps, shared with every message so the
/// record pages' questions ([`pages`]) can say them: `{stage1_answer}`,
/// `{stage2_answer}`, `{stage2_request}` and `{stage2_name}`.
pub fn scheme_words(scheme: Scheme) -> [(&'static str, Arg); 4] {
    let m = |msg| Arg::Msg(Box::new(msg));
    [
        ("stage1_answer", m(scheme.answer(Stage::Stage1))),
        ("stage2_answer", m(scheme.answer(Stage::Stage2))),
        ("stage2_request", m(scheme.stage2_request())),
        ("stage2_name", m(scheme.stage_name(Stage::Stage2))),
    ]
}

#[cfg(test)]
mod tests;

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
//!   was missed, and the [`Action`]s to offer.
//! - [`Note::expired`]: kept `tracker.keep_months` after its last deadline.
//! - [`ics`]: the upcoming (and missed, still unanswered) deadlines as an
//!   iCalendar file, with a reminder the morning after each.

mod ics;
mod note;
mod shorten;
mod status;

pub use ics::ics;
pub use note::{read, write, Note, Promised, RecordError};
pub use shorten::{one_line, LINE_CHARS};
pub use status::{Action, NextDeadline, Record, Status};

#[cfg(test)]
mod tests;

//! The tracker's tests: notes walked through time (England, Scotland),
//! the calendar file read back by a real iCalendar parser, expiry, stored
//! notes read back, and the one-line definition.

use chrono::NaiveDate;

use super::*;
use crate::domain::choice::Choice;
use crate::domain::case::CaseKind;
use crate::domain::config::LandlordConfig;
use crate::domain::scheme::Scheme;
use crate::domain::text::{shipped, Arg, Render, Words};

mod act;
mod ics;
mod own;
mod promise;
mod store;
mod walk;

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

/// The shipped catalogue of `locale`, with the demo landlord's details
/// shared as the widget shares them.
fn words(locale: &str, config: &LandlordConfig) -> Words {
    Words::new(shipped::get(locale))
        .share("landlord", Arg::Text(config.landlord_name.clone()))
        .share("ombudsman", Arg::Text(config.ombudsman.name.clone()))
        .share("phone", Arg::Ltr(config.phone.clone()))
}

fn english(config: &LandlordConfig) -> Words {
    words("en-GB", config)
}

/// A complaint sent on `sent` under `scheme`, nothing recorded yet.
fn complaint(scheme: Scheme, sent: NaiveDate) -> Note {
    Note { what: "The leak in the kitchen ceiling".into(), ..Note::new("C-1001", CaseKind::Complaint, sent, scheme) }
}

/// What the resident is told on `today`: the sentence and the next
/// deadline, in English.
fn told(note: &Note, today: NaiveDate, config: &LandlordConfig) -> (String, Option<String>) {
    let w = english(config);
    let s = note.status(today, config);
    (w.render(&s.headline), s.next.map(|n| w.render(&n.msg())))
}

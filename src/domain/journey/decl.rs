//! The shapes a journey is declared in: pages, their fields and notes,
//! and the stops of the route. Task modules declare statics of these; the
//! generic checks, summary, routing and UI read them.

use chrono::NaiveDate;

use super::model::{Answers, Files, Key, Many, One, Text};
use crate::domain::choice::Choice;
use crate::domain::config::LandlordConfig;
use crate::domain::text::Msg;
use crate::domain::validate::FieldError;

/// What checks and texts may depend on besides the answers.
#[derive(Clone, Copy)]
pub struct Ctx<'a> {
    pub today: NaiveDate,
    pub config: &'a LandlordConfig,
}

/// One choice as shown: its value and the key of its label (its hint is
/// `<label>.hint`, if the catalogue has it).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Opt {
    pub value: &'static str,
    pub label: String,
    /// Ticking it unticks the others ("None of these").
    pub exclusive: bool,
}

impl Opt {
    pub fn of<E: Choice>(e: E) -> Opt {
        Opt { value: e.value(), label: e.label(), exclusive: false }
    }
}

/// The choices a question offers, given the answers so far.
pub type Options = fn(&Answers, &Ctx) -> Vec<Opt>;

/// Every value a question may hold, for reading a saved draft.
pub type Declared = fn() -> Vec<&'static str>;

/// The values of `E`.
pub fn values<E: Choice>() -> Vec<&'static str> {
    E::VALUES.to_vec()
}

/// Every choice of `E`, in declared order.
pub fn all<E: Choice>(_: &Answers, _: &Ctx) -> Vec<Opt> {
    opts(E::TEXT, E::VALUES)
}

/// The options for these values, labelled under `text` (not generic, so
/// the wasm has one copy whatever the choice type).
fn opts(text: &str, values: &[&'static str]) -> Vec<Opt> {
    values.iter().map(|v| Opt { value: v, label: crate::domain::choice::label_key(text, v), exclusive: false }).collect()
}

/// What a one-line text box holds, for its checks and its keyboard.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Line {
    Plain,
    /// A name: no spell checking.
    Name,
    /// A reference number: no spell checking, narrow.
    Reference,
    Phone,
    Email,
    Postcode,
    /// Pounds and pence.
    Money,
}

#[derive(Clone, Copy)]
pub enum Kind {
    Radios(Options, Declared),
    Checkboxes(Options, Declared),
    Line(Line),
    /// Several lines, with a character count.
    LongText,
    /// Day, month and year boxes.
    Date,
    /// Photos and documents (a GOV.UK file upload), checked against the
    /// landlord's `attachments` limits.
    Files,
}

/// One question on a page.
#[derive(Clone, Copy)]
pub struct Field {
    pub key: Key,
    pub kind: Kind,
    pub optional: bool,
    /// Shown, and checked, only when this holds (a GOV.UK conditional reveal).
    pub when: Option<fn(&Answers) -> bool>,
    /// Its place in the payload: its length limit comes from there, and a
    /// payload error there is shown here.
    pub payload: &'static str,
    /// The `autocomplete` token, used only when the person filling in the
    /// form is the person this field is about.
    pub autocomplete: Option<&'static str>,
    /// About the representative rather than the resident.
    pub about_rep: bool,
    /// A date that may be after today (a new date the landlord gave);
    /// every other date has happened.
    pub future: bool,
    /// Sent, and kept in any copy of the answers, only when this holds
    /// (special-category data the resident has not agreed to record).
    /// "Check your answers" still shows it, so it can be changed.
    pub kept: Option<fn(&Answers) -> bool>,
    /// Not asked when this holds: answered on an earlier page (nothing is
    /// asked twice). Unlike `when`, not a reveal.
    pub answered_elsewhere: Option<fn(&Answers) -> bool>,
}

impl Field {
    pub const fn new(key: Key, kind: Kind) -> Field {
        Field { key, kind, optional: false, when: None, payload: "", autocomplete: None, about_rep: false, future: false, kept: None, answered_elsewhere: None }
    }
    pub const fn optional(mut self) -> Field {
        self.optional = true;
        self
    }
    pub const fn when(mut self, f: fn(&Answers) -> bool) -> Field {
        self.when = Some(f);
        self
    }
    pub const fn payload(mut self, path: &'static str) -> Field {
        self.payload = path;
        self
    }
    pub const fn autocomplete(mut self, token: &'static str) -> Field {
        self.autocomplete = Some(token);
        self
    }
    pub const fn about_rep(mut self) -> Field {
        self.about_rep = true;
        self
    }
    /// A date question whose answer may be after today.
    pub const fn may_be_future(mut self) -> Field {
        self.future = true;
        self
    }
    pub const fn kept_if(mut self, f: fn(&Answers) -> bool) -> Field {
        self.kept = Some(f);
        self
    }
    pub const fn unless_answered(mut self, f: fn(&Answers) -> bool) -> Field {
        self.answered_elsewhere = Some(f);
        self
    }
    pub fn visible(&self, a: &Answers) -> bool {
        self.when.is_none_or(|f| f(a)) && self.answered_elsewhere.is_none_or(|f| !f(a))
    }
    /// Whether its answer goes to the landlord and into copies of the answers.
    pub fn is_kept(&self, a: &Answers) -> bool {
        self.kept.is_none_or(|f| f(a))
    }
}

/// Radios offering every choice of `E`.
pub const fn radios<E: Choice>(q: &One<E>) -> Field {
    Field::new(q.0, Kind::Radios(all::<E>, values::<E>))
}

/// Radios offering the choices `options` gives.
pub const fn radios_of<E: Choice>(q: &One<E>, options: Options) -> Field {
    Field::new(q.0, Kind::Radios(options, values::<E>))
}

/// Checkboxes offering every choice of `E`.
pub const fn checkboxes<E: Choice>(q: &Many<E>) -> Field {
    Field::new(q.0, Kind::Checkboxes(all::<E>, values::<E>))
}

/// Checkboxes offering the choices `options` gives, any of `declared`.
pub const fn checkboxes_of(key: Key, options: Options, declared: Declared) -> Field {
    Field::new(key, Kind::Checkboxes(options, declared))
}

pub const fn line(q: &Text, kind: Line) -> Field {
    Field::new(q.0, Kind::Line(kind))
}

pub const fn long_text(q: &Text) -> Field {
    Field::new(q.0, Kind::LongText)
}

pub const fn files(q: &Files) -> Field {
    Field::new(q.0, Kind::Files)
}

/// How a note looks: GOV.UK inset text, warning text, or a plain paragraph.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tone {
    Inset,
    Warning,
    Plain,
}

/// Words shown on a page besides its questions.
#[derive(Clone, Copy)]
pub struct Note {
    pub tone: Tone,
    /// The words, or `None` where they do not apply.
    pub text: fn(&Answers, &Ctx) -> Option<Msg>,
    /// Below the questions, rather than above.
    pub after: bool,
    /// A link after the words (the landlord's privacy notice or a policy):
    /// its text's catalogue key and URL, or `None` where there is none.
    pub link: Option<LinkTo>,
}

/// A note's link: its text's catalogue key and URL, or `None`.
pub type LinkTo = fn(&Ctx) -> Option<(&'static str, String)>;

impl Note {
    /// A link to one of the landlord's pages, with a line before it.
    pub const fn link(text: fn(&Answers, &Ctx) -> Option<Msg>, link: fn(&Ctx) -> Option<(&'static str, String)>) -> Note {
        Note { tone: Tone::Plain, text, after: false, link: Some(link) }
    }
    pub const fn below(mut self) -> Note {
        self.after = true;
        self
    }
}

/// Pages the UI draws itself.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Special {
    EmergencyAdvice,
    Lateness,
    OmbudsmanSummary,
    Check,
    Confirmation,
    /// "You started this on ...": before a restored draft shows any answer.
    Resume,
    /// "My complaints on this device": the resident's notes
    /// ([`crate::domain::tracker`]), before "What do you want to do?".
    Tracker,
    /// A date the resident records on a note: a date question drawn by the
    /// generic field, checked against the note.
    TrackerRecord,
}

/// One page: a question, a few questions under one heading, or a page
/// that only informs.
pub struct Page {
    pub key: Key,
    /// Its own `<key>.title` heading (and `<key>.hint`); otherwise the one
    /// field's label or legend is the page's heading.
    pub titled: bool,
    pub fields: &'static [Field],
    pub notes: &'static [Note],
    /// Checks across the page's fields, after each field's own.
    pub check: Option<fn(&Answers, &Ctx) -> Vec<FieldError>>,
    pub special: Option<Special>,
    /// The main button's text key, if not "Continue".
    pub button: Option<Key>,
}

impl Page {
    /// A page asking one question, which is its heading.
    pub const fn ask(key: Key, fields: &'static [Field]) -> Page {
        Page { key, titled: false, fields, notes: &[], check: None, special: None, button: None }
    }
    /// A page with its own heading over several questions.
    pub const fn titled(key: Key, fields: &'static [Field]) -> Page {
        Page { titled: true, ..Page::ask(key, fields) }
    }
    /// A page the UI draws itself.
    pub const fn special(key: Key, special: Special) -> Page {
        Page { titled: true, special: Some(special), ..Page::ask(key, &[]) }
    }
    pub const fn notes(mut self, notes: &'static [Note]) -> Page {
        self.notes = notes;
        self
    }
    pub const fn check(mut self, f: fn(&Answers, &Ctx) -> Vec<FieldError>) -> Page {
        self.check = Some(f);
        self
    }
    pub const fn button(mut self, key: Key) -> Page {
        self.button = Some(key);
        self
    }
    /// Pages that only inform have nothing to answer.
    pub fn answerable(&self) -> bool {
        !self.fields.is_empty()
    }
}

/// Whether a page is on the resident's route.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum On {
    /// Not on this route.
    No,
    /// Asked.
    Ask,
    /// Answered earlier in this visit: not asked again, but sent, so shown
    /// on "Check your answers" with its Change link.
    Known,
    /// Asked, and the journey ends here (nothing is sent).
    End,
}

/// One stop on the route.
#[derive(Clone, Copy)]
pub struct Stop {
    pub page: &'static Page,
    pub on: fn(&Answers, &Ctx) -> On,
}

/// Stops for `pages`, each on the route when `on` says.
pub const fn when<const N: usize>(on: fn(&Answers, &Ctx) -> On, pages: [&'static Page; N]) -> [Stop; N] {
    let mut out = [Stop { page: pages[0], on }; N];
    let mut i = 1;
    while i < N {
        out[i] = Stop { page: pages[i], on };
        i += 1;
    }
    out
}

/// A stop always asked.
pub fn always(_: &Answers, _: &Ctx) -> On {
    On::Ask
}

/// `On::Ask` if `cond`, else `On::No`.
pub fn ask_if(cond: bool) -> On {
    if cond {
        On::Ask
    } else {
        On::No
    }
}

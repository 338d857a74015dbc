//! The answers as the resident gave them, one value per question key, and
//! typed handles to read them.
//!
//! Text is kept exactly as typed, valid or not, so nothing is lost when a
//! check fails. A choice is held only as one of its question's declared
//! values: the draft reader drops anything else (see `flow::restore`).

use std::collections::BTreeMap;
use std::marker::PhantomData;

use chrono::NaiveDate;

use crate::domain::choice::Choice;
use crate::domain::payload::Attachment;
use crate::domain::validate::{self, DateInput};

/// A question's key: its name in the draft, its field id on the page and
/// the stem of its text keys (`<key>.label`, `<key>.hint`...).
pub type Key = &'static str;

/// One answer.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Value {
    Text(String),
    /// A radio choice: one of the question's declared values.
    One(&'static str),
    /// Checkboxes: declared values, in the order ticked.
    Many(Vec<&'static str>),
    Date(DateInput),
    /// Files added, in the order added: what the payload lists. Their
    /// bytes are kept on the device by attachment id, beside the draft.
    Files(Vec<Attachment>),
}

/// Every answer so far.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Answers {
    values: BTreeMap<Key, Value>,
    /// Who the resident is came from an earlier task in this visit: those
    /// questions are not asked again (WCAG 3.3.7), only shown for checking.
    pub carried: bool,
}

impl Answers {
    pub fn get(&self, key: &str) -> Option<&Value> {
        self.values.get(key)
    }

    pub fn set(&mut self, key: Key, value: Value) {
        self.values.insert(key, value);
    }

    pub fn remove(&mut self, key: &str) {
        self.values.remove(key);
    }

    /// Every answer, by key.
    pub fn iter(&self) -> impl Iterator<Item = (Key, &Value)> {
        self.values.iter().map(|(k, v)| (*k, v))
    }

    /// The text typed for `key` ("" if none).
    pub fn text(&self, key: &str) -> &str {
        match self.values.get(key) {
            Some(Value::Text(t)) => t,
            _ => "",
        }
    }

    /// The declared value chosen for `key`, if any.
    pub fn one(&self, key: &str) -> Option<&'static str> {
        match self.values.get(key) {
            Some(Value::One(v)) => Some(v),
            _ => None,
        }
    }

    /// The declared values ticked for `key`.
    pub fn many(&self, key: &str) -> &[&'static str] {
        match self.values.get(key) {
            Some(Value::Many(v)) => v,
            _ => &[],
        }
    }

    /// The date boxes for `key`, as typed.
    pub fn date(&self, key: &str) -> Option<&DateInput> {
        match self.values.get(key) {
            Some(Value::Date(d)) => Some(d),
            _ => None,
        }
    }

    /// The files added for `key`.
    pub fn files(&self, key: &str) -> &[Attachment] {
        match self.values.get(key) {
            Some(Value::Files(f)) => f,
            _ => &[],
        }
    }

    /// Keeps only the answers for these keys.
    pub fn keep(&mut self, keys: &[Key]) {
        self.values.retain(|k, _| keys.contains(k));
    }
}

/// A radio question whose answer is one `E`.
pub struct One<E>(pub Key, PhantomData<fn() -> E>);

impl<E: Choice> One<E> {
    pub const fn new(key: Key) -> Self {
        One(key, PhantomData)
    }
    pub fn get(&self, a: &Answers) -> Option<E> {
        a.one(self.0).and_then(E::parse)
    }
    pub fn is(&self, a: &Answers, e: E) -> bool {
        self.get(a) == Some(e)
    }
    pub fn set(&self, a: &mut Answers, e: E) {
        a.set(self.0, Value::One(e.value()));
    }
}

/// A checkbox question whose answer is any number of `E`.
pub struct Many<E>(pub Key, PhantomData<fn() -> E>);

impl<E: Choice> Many<E> {
    pub const fn new(key: Key) -> Self {
        Many(key, PhantomData)
    }
    pub fn get(&self, a: &Answers) -> Vec<E> {
        a.many(self.0).iter().filter_map(|v| E::parse(v)).collect()
    }
    pub fn has(&self, a: &Answers, e: E) -> bool {
        a.many(self.0).contains(&e.value())
    }
    pub fn set(&self, a: &mut Answers, es: &[E]) {
        a.set(self.0, Value::Many(es.iter().map(|e| e.value()).collect()));
    }
}

/// A text question.
pub struct Text(pub Key);

impl Text {
    /// As typed.
    pub fn get<'a>(&self, a: &'a Answers) -> &'a str {
        a.text(self.0)
    }
    /// Trimmed, or `None` if nothing visible was typed.
    pub fn opt(&self, a: &Answers) -> Option<String> {
        validate::clean_optional(Some(a.text(self.0)))
    }
    pub fn set(&self, a: &mut Answers, t: &str) {
        a.set(self.0, Value::Text(t.to_owned()));
    }
}

/// A GOV.UK date question.
pub struct Date(pub Key);

impl Date {
    /// The real date given, if any, not after `today`.
    pub fn get(&self, a: &Answers, today: NaiveDate) -> Option<NaiveDate> {
        a.date(self.0).and_then(|d| validate::validate_date(d, today, true).ok())
    }
    /// The real date given, if any, whether or not it is after `today`
    /// (for a question declared [`super::decl::Field::may_be_future`]).
    pub fn get_any(&self, a: &Answers, today: NaiveDate) -> Option<NaiveDate> {
        a.date(self.0).and_then(|d| validate::validate_date(d, today, false).ok())
    }
    pub fn is_blank(&self, a: &Answers) -> bool {
        a.date(self.0).is_none_or(DateInput::is_blank)
    }
    pub fn set(&self, a: &mut Answers, d: &str, m: &str, y: &str) {
        a.set(self.0, Value::Date(DateInput::new(d, m, y)));
    }
}

/// A question whose answer is files (photos and documents).
pub struct Files(pub Key);

impl Files {
    pub fn get<'a>(&self, a: &'a Answers) -> &'a [Attachment] {
        a.files(self.0)
    }
    pub fn set(&self, a: &mut Answers, files: Vec<Attachment>) {
        if files.is_empty() {
            a.remove(self.0);
        } else {
            a.set(self.0, Value::Files(files));
        }
    }
}

crate::choices! {
    /// Yes or no.
    pub enum YesNo in "choice" {
        Yes, No,
    }
}

//! The resident's journeys, each question declared once.
//!
//! A task module (`problem`, `request`, `rep`, `adjust`, `escalate`,
//! `ombudsman`, `about`, `evidence` for photos and documents, and `start`
//! for danger and the task) declares its
//! questions: the key, the kind of field, typed choices, the payload path
//! its limit and errors come from, its page and notes, its stop on the
//! route, and the part of the payload it fills. Everything else is
//! generic: the checks ([`check`]), the route ([`flow`]), "Check your
//! answers" ([`summary`]), the payload ([`build`]) and the UI's pages.
//!
//! Words are never here: each question's texts are catalogue keys named
//! after it (`<key>.label`, `<key>.hint`, `<key>.missing`, `<key>.name`,
//! `<key>.row`; a page's own `<page>.title`), in `public/i18n/`.
//!
//! To add a question to a task: declare it and its page in that task's
//! file, add a [`decl::Stop`] to its `STOPS`, fill its payload part, and
//! add its texts to each catalogue.

pub mod about;
pub mod adjust;
pub mod build;
pub mod check;
pub mod decl;
pub mod escalate;
pub mod evidence;
pub mod flow;
pub mod model;
pub mod ombudsman;
pub mod problem;
pub mod receipt;
pub mod rep;
pub mod request;
pub mod start;
pub mod summary;

pub use build::{case_kind, to_submission};
pub use decl::{Ctx, Field, Kind, Line, Note, On, Opt, Page, Special, Stop, Tone};
pub use flow::{first, first_unfinished, next, next_after_change, page, pages, restore, route, Saved, CHECK, CONFIRMATION, RESUME};
#[cfg(test)]
pub use flow::to_json;
pub use model::{Answers, Key, Value};
pub use start::Task;

#[cfg(test)]
mod tests;

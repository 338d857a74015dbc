//! First, whether anyone is in danger (before any form: Awaab's Law); then
//! what the resident came to do.

use super::decl::{always, ask_if, checkboxes_of, radios, Ctx, Note, Opt, Page, Special, Stop};
use crate::domain::text::Msg;
use super::model::{Answers, Many, One};
use crate::domain::choice::Choice;
use crate::domain::hazard::HazardKind;

/// The exclusive "None of these" on the first page.
pub const NO_HAZARD: &str = "none";

pub const HAZARDS: Many<HazardKind> = Many::new("hazards");

fn hazard_options(_: &Answers, _: &Ctx) -> Vec<Opt> {
    let mut v: Vec<Opt> = HazardKind::ALL.iter().map(|h| Opt::of(*h)).collect();
    v.push(Opt { value: NO_HAZARD, label: "hazard.none".into(), exclusive: true });
    v
}

fn hazard_values() -> Vec<&'static str> {
    let mut v = super::decl::values::<HazardKind>();
    v.push(NO_HAZARD);
    v
}

pub static DANGER: Page = Page::ask("hazards", &[checkboxes_of("hazards", hazard_options, hazard_values).payload("hazard.hazards")]);
pub static ADVICE: Page = Page::special("emergency_advice", Special::EmergencyAdvice).button("button.to_form");

crate::choices! {
    /// What the resident came to do.
    pub enum Task in "task" {
        /// Something has gone wrong: a complaint or a service request.
        Problem, Request, Representative, Adjustments, Escalate, Ombudsman,
    }
}

pub const TASK: One<Task> = One::new("task");

/// Before the first personal question: who gets the answers, with the
/// landlord's privacy notice (UK GDPR articles 13 and 14), and its
/// complaints policy.
pub static WHAT_TO_DO: Page = Page::ask("task", &[radios(&TASK)]).notes(&[
    Note::link(|_, _| Some(Msg::new("task.privacy")), |c| c.config.privacy_notice_url.clone().map(|u| ("task.privacy_link", u))),
    Note::link(|_, _| None, |c| c.config.policy_urls.complaints.clone().map(|u| ("link.complaints_policy", u))).below(),
]);

pub static STOPS: [Stop; 3] = [
    Stop { page: &DANGER, on: always },
    Stop { page: &ADVICE, on: |a, _| ask_if(!HAZARDS.get(a).is_empty()) },
    Stop { page: &WHAT_TO_DO, on: always },
];

//! One module per group of steps. [`render`] shows the page for a step.

mod about;
mod adjust;
mod check;
mod confirm;
mod escalate;
mod ombudsman;
mod problem;
mod rep;
mod request;
mod start;

pub use start::tel_href;

use leptos::prelude::*;

use super::fields::ErrorSummary;
use super::wizard::Wizard;
use crate::domain::journey::Step;

pub fn render(step: Step) -> AnyView {
    use Step::*;
    match step {
        EmergencyCheck => view! { <start::EmergencyCheck/> }.into_any(),
        Emergency => view! { <start::Emergency/> }.into_any(),
        Start => view! { <start::Start/> }.into_any(),
        ReportedBefore => view! { <problem::ReportedBefore/> }.into_any(),
        FirstReport => view! { <problem::FirstReport/> }.into_any(),
        WhatWentWrong => view! { <problem::WhatWentWrong/> }.into_any(),
        WhenStarted => view! { <problem::WhenStarted/> }.into_any(),
        WhenAware => view! { <problem::WhenAware/> }.into_any(),
        DelayReason => view! { <problem::DelayReason/> }.into_any(),
        Court => view! { <problem::Court/> }.into_any(),
        Tried => view! { <problem::Tried/> }.into_any(),
        Impact => view! { <problem::Impact/> }.into_any(),
        Outcome => view! { <problem::Outcome/> }.into_any(),
        RequestWhat => view! { <request::RequestWhat/> }.into_any(),
        RequestWhere => view! { <request::RequestWhere/> }.into_any(),
        RequestUrgency => view! { <request::RequestUrgency/> }.into_any(),
        RequestAccess => view! { <request::RequestAccess/> }.into_any(),
        WantRep => view! { <rep::WantRep/> }.into_any(),
        RepFiller => view! { <rep::RepFiller/> }.into_any(),
        RepName => view! { <rep::RepName/> }.into_any(),
        RepRelationship => view! { <rep::RepRelationship/> }.into_any(),
        RepContact => view! { <rep::RepContact/> }.into_any(),
        RepPowers => view! { <rep::RepPowers/> }.into_any(),
        RepConsent => view! { <rep::RepConsent/> }.into_any(),
        WantAdjustments => view! { <adjust::WantAdjustments/> }.into_any(),
        AdjNeeds => view! { <adjust::AdjNeeds/> }.into_any(),
        AdjDetails => view! { <adjust::AdjDetails/> }.into_any(),
        AdjDisability => view! { <adjust::AdjDisability/> }.into_any(),
        S2Reference => view! { <escalate::S2Reference/> }.into_any(),
        S2ResponseDate => view! { <escalate::S2ResponseDate/> }.into_any(),
        S2Reasons => view! { <escalate::S2Reasons/> }.into_any(),
        OmbPosition => view! { <ombudsman::OmbPosition/> }.into_any(),
        OmbDates => view! { <ombudsman::OmbDates/> }.into_any(),
        OmbLate => view! { <ombudsman::OmbLate/> }.into_any(),
        OmbWhy => view! { <ombudsman::OmbWhy/> }.into_any(),
        OmbOutcome => view! { <ombudsman::OmbOutcome/> }.into_any(),
        OmbTell => view! { <ombudsman::OmbTell/> }.into_any(),
        OmbSummary => view! { <ombudsman::OmbSummary/> }.into_any(),
        Name => view! { <about::Name/> }.into_any(),
        Address => view! { <about::Address/> }.into_any(),
        Contact => view! { <about::Contact/> }.into_any(),
        ContactPrefs => view! { <about::ContactPrefs/> }.into_any(),
        Check => view! { <check::Check/> }.into_any(),
        Confirmation => view! { <confirm::Confirmation/> }.into_any(),
    }
}

/// A question page: error summary, the question(s), and Continue.
#[component]
pub fn Question(children: Children, #[prop(default = "Continue")] button: &'static str) -> impl IntoView {
    let w = expect_context::<Wizard>();
    view! {
        <ErrorSummary/>
        <form novalidate on:submit=move |ev| {
            ev.prevent_default();
            w.continue_from();
        }>
            {children()}
            <div class="pr-button-group">
                <button type="submit" class="pr-button">{button}</button>
            </div>
        </form>
    }
}

/// The one button on a page that only informs.
#[component]
pub fn ContinueButton(#[prop(default = "Continue")] label: &'static str) -> impl IntoView {
    let w = expect_context::<Wizard>();
    view! {
        <div class="pr-button-group">
            <button type="button" class="pr-button" on:click=move |_| w.continue_from()>{label}</button>
        </div>
    }
}

/// Yes / No radios, the commonest question.
pub fn yes_no() -> Vec<super::fields::Choice> {
    use super::fields::Choice;
    vec![Choice::new("yes", "Yes"), Choice::new("no", "No")]
}

/// "you" or "the resident", for pages a representative may fill in.
pub fn who(w: &Wizard) -> Who {
    if w.answers.with_untracked(|a| a.filler == "representative") {
        Who::Representative
    } else {
        Who::Resident
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Who {
    Resident,
    Representative,
}

impl Who {
    /// Pick the wording for the person filling in the form.
    pub fn pick(self, resident: &'static str, representative: &'static str) -> &'static str {
        match self {
            Who::Resident => resident,
            Who::Representative => representative,
        }
    }
}

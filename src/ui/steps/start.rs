//! The emergency check, the emergency page and "What do you want to do?".

use leptos::prelude::*;

use super::{ContinueButton, Question};
use crate::bind;
use crate::domain::deadlines::HazardLevel;
use crate::domain::journey::{hazard_value, NO_HAZARD};
use crate::domain::triage::{HazardAdvice, HazardKind};
use crate::ui::fields::{Checkboxes, Choice, Radios};
use crate::ui::wizard::Wizard;

/// A `tel:` link for a phone number as the landlord wrote it.
pub fn tel_href(phone: &str) -> String {
    format!("tel:{}", phone.chars().filter(|c| c.is_ascii_digit() || *c == '+').collect::<String>())
}

#[component]
pub fn EmergencyCheck() -> impl IntoView {
    let w = expect_context::<Wizard>();
    let mut choices: Vec<Choice> = HazardKind::ALL
        .into_iter()
        .map(|k| Choice::new(hazard_value(k), k.label()))
        .collect();
    choices.push(Choice::new(NO_HAZARD, "None of these"));
    view! {
        <Question>
            <Checkboxes name="hazards" heading=true legend_text="Is any of these happening in your home now?"
                hint="Select all that apply. We ask this first so we can help you quickly if anyone is in danger."
                choices=choices value=bind!(w.answers, hazards)/>
        </Question>
    }
}

#[component]
pub fn Emergency() -> impl IntoView {
    let w = expect_context::<Wizard>();
    let kinds = w.answers.with_untracked(|a| a.hazard_kinds());
    let advice = w.with_config(|c| HazardAdvice::new(&kinds, c));
    let Some(advice) = advice else {
        return view! { <h1 tabindex="-1">"Nothing dangerous was selected"</h1><ContinueButton/> }.into_any();
    };
    let emergency = advice.level == HazardLevel::Emergency;
    let href = tel_href(&advice.phone);
    let steps = advice.steps.into_iter().map(|s| view! { <li>{s}</li> }).collect_view();
    view! {
        <h1 tabindex="-1">{if emergency { "Call us now" } else { "Tell us about the damp and mould" }}</h1>
        <div class=if emergency { "pr-emergency" } else { "pr-inset" }>
            <p><strong>{advice.headline}</strong></p>
            <p><a href=href>{advice.phone.clone()}</a></p>
        </div>
        <h2>"What to do now, and what we must do"</h2>
        <ul>{steps}</ul>
        <p>"When you have called us, you can still tell us about it here."</p>
        <ContinueButton label="Continue to the form"/>
    }
    .into_any()
}

#[component]
pub fn Start() -> impl IntoView {
    let w = expect_context::<Wizard>();
    let landlord = w.with_config(|c| c.landlord_name.clone());
    let choices = vec![
        Choice::new("problem", "Tell us something has gone wrong or you are unhappy")
            .hint("For example, a repair that was not done, or how you were treated."),
        Choice::new("request", "Ask us to fix something or do something")
            .hint("For example, report a repair for the first time."),
        Choice::new("representative", "Let someone deal with us for you")
            .hint("For example, a family member, a support worker or your MP."),
        Choice::new("adjustments", "Ask us to change how we contact or support you")
            .hint("For example, large print, an interpreter or calls at set times."),
        Choice::new("escalate", "Take your complaint to the next stage")
            .hint("If you are unhappy with our answer to your complaint."),
        Choice::new("ombudsman", "Go to the Housing Ombudsman")
            .hint(format!("An independent service that can look at how {landlord} dealt with your complaint.")),
    ];
    view! {
        <Question>
            <Radios name="task" heading=true legend_text="What do you want to do?" choices=choices value=bind!(w.answers, task)/>
        </Question>
    }
}

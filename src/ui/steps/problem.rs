//! "Something has gone wrong": the triage questions and the complaint
//! definition, one question per page (Code 1.2 to 1.5, 5.6).

use leptos::prelude::*;

use super::{yes_no, Question};
use crate::bind;
use crate::domain::journey::LONG_TEXT;
use crate::ui::fields::{Checkboxes, Choice, DateBinding, DateField, Radios, TextArea, TextField};
use crate::ui::wizard::Wizard;

#[component]
pub fn ReportedBefore() -> impl IntoView {
    let w = expect_context::<Wizard>();
    let choices = vec![
        Choice::new("yes", "Yes, I have told you before"),
        Choice::new("no", "No, this is the first time"),
        Choice::new("not_sure", "I am not sure"),
    ];
    view! {
        <Question>
            <Radios name="reported_before" heading=true legend_text="Have you told us about this before?"
                hint="This helps us deal with it in the right way."
                choices=choices value=bind!(w.answers, reported_before)/>
        </Question>
    }
}

#[component]
pub fn FirstReport() -> impl IntoView {
    let w = expect_context::<Wizard>();
    let choices = vec![
        Choice::new("service_request", "Ask us to put it right")
            .hint("We will treat this as a request for a service, like a repair."),
        Choice::new("complaint", "Make a complaint")
            .hint("We will look into what went wrong and give you a written answer."),
    ];
    view! {
        <div class="pr-inset">
            <p>"As this is the first time you have told us, we can usually just put it right. This is called a service request."</p>
            <p>"You can still make a complaint now if you want to. It is your choice."</p>
        </div>
        <Question>
            <Radios name="first_report_choice" heading=true legend_text="How do you want us to deal with this?"
                choices=choices value=bind!(w.answers, first_report_choice)/>
        </Question>
    }
}

#[component]
pub fn WhatWentWrong() -> impl IntoView {
    let w = expect_context::<Wizard>();
    view! {
        <Question>
            <TextArea name="what_went_wrong" heading=true label="What has gone wrong?"
                hint="Tell us in your own words. Include what happened and who was involved, if you know."
                max_chars=LONG_TEXT rows=8 value=bind!(w.answers, what_went_wrong)/>
        </Question>
    }
}

#[component]
pub fn WhenStarted() -> impl IntoView {
    let w = expect_context::<Wizard>();
    let date = DateBinding {
        day: bind!(w.answers, started.day),
        month: bind!(w.answers, started.month),
        year: bind!(w.answers, started.year),
    };
    view! {
        <Question>
            <DateField name="started" heading=true legend_text="When did the problem start?"
                hint="For example, 27 3 2026. A rough date is fine." value=date/>
        </Question>
    }
}

#[component]
pub fn WhenAware() -> impl IntoView {
    let w = expect_context::<Wizard>();
    let date = DateBinding {
        day: bind!(w.answers, aware.day),
        month: bind!(w.answers, aware.month),
        year: bind!(w.answers, aware.year),
    };
    view! {
        <Question>
            <DateField name="aware" heading=true optional=true legend_text="When did you find out about the problem?"
                hint="Only fill this in if you found out later than it started. For example, 4 5 2026." value=date/>
        </Question>
    }
}

#[component]
pub fn DelayReason() -> impl IntoView {
    let w = expect_context::<Wizard>();
    let (landlord, omb) = w.with_config(|c| (c.landlord_name.clone(), c.ombudsman.name.clone()));
    view! {
        <div class="pr-warning">
            <p><strong>"This started more than 12 months ago."</strong></p>
            <p>{landlord.clone()} " may not be able to look at problems that are more than 12 months old. "
               "But we must think about it, and you can still send this."</p>
            <p>"If we say no, we will tell you why. You can then ask the " {omb} " to look at our decision."</p>
        </div>
        <Question>
            <TextArea name="delay_reason" heading=true label="Why are you telling us about this now?"
                hint="For example, you were ill, you tried to sort it out another way, or the problem is still going on."
                max_chars=LONG_TEXT value=bind!(w.answers, delay_reason)/>
        </Question>
    }
}

#[component]
pub fn Court() -> impl IntoView {
    let w = expect_context::<Wizard>();
    view! {
        <Question>
            <Radios name="court" heading=true legend_text="Have you started a court claim about this?"
                hint="This means you or a solicitor have sent forms to a court. Answering yes does not stop you sending this."
                choices=yes_no() value=bind!(w.answers, court)/>
        </Question>
    }
}

#[component]
pub fn Tried() -> impl IntoView {
    let w = expect_context::<Wizard>();
    view! {
        <Question>
            <h1 tabindex="-1">"What have you already done to sort this out?"</h1>
            <TextArea name="tried" optional=true label="What you have tried"
                hint="For example, who you spoke to and when."
                max_chars=LONG_TEXT value=bind!(w.answers, tried)/>
            <TextField name="tried_reference" optional=true label="Reference number"
                hint="If we gave you a reference, like a repair or job number." width="pr-input--w20"
                spellcheck=false value=bind!(w.answers, tried_reference)/>
        </Question>
    }
}

#[component]
pub fn Impact() -> impl IntoView {
    let w = expect_context::<Wizard>();
    view! {
        <Question>
            <TextArea name="impact" heading=true label="How has this affected you and your household?"
                hint="For example, your health, your money, your time, or your home."
                max_chars=LONG_TEXT value=bind!(w.answers, impact)/>
        </Question>
    }
}

#[component]
pub fn Outcome() -> impl IntoView {
    let w = expect_context::<Wizard>();
    let choices = vec![
        Choice::new("apology", "An apology"),
        Choice::new("repair", "A repair or other work done"),
        Choice::new("explanation", "An explanation of what happened"),
        Choice::new("compensation", "Compensation (money)"),
        Choice::new("policy_change", "A change to how things are done"),
        Choice::new("other", "Something else"),
    ];
    let wants = move |v: &'static str| w.answers.with(move |a| a.outcomes.iter().any(|o| o == v));
    view! {
        <Question>
            <Checkboxes name="outcomes" heading=true legend_text="What would put things right?"
                hint="Select all that apply." choices=choices value=bind!(w.answers, outcomes)/>
            <Show when=move || wants("compensation")>
                <div class="pr-conditional">
                    <TextField name="compensation_amount" optional=true label="How much do you think is fair, in pounds?"
                        hint="For example, 150. Leave this empty if you are not sure." inputmode="decimal" width="pr-input--w10"
                        value=bind!(w.answers, compensation_amount)/>
                </div>
            </Show>
            <Show when=move || wants("other")>
                <div class="pr-conditional">
                    <TextArea name="outcome_other" label="What else would put things right?" max_chars=LONG_TEXT rows=3
                        value=bind!(w.answers, outcome_other)/>
                </div>
            </Show>
        </Question>
    }
}


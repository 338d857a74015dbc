//! Reasonable adjustments and communication needs (Equality Act 2010;
//! Code 3.1, 5.10). Disability details are special-category data: optional.

use leptos::prelude::*;

use super::{yes_no, Question};
use crate::bind;
use crate::domain::journey::LONG_TEXT;
use crate::ui::fields::{Checkboxes, Choice, Radios, TextArea, TextField};
use crate::ui::wizard::Wizard;

#[component]
pub fn WantAdjustments() -> impl IntoView {
    let w = expect_context::<Wizard>();
    view! {
        <Question>
            <Radios name="want_adjustments" heading=true
                legend_text="Do you need us to change how we contact or support you?"
                hint="For example, large print, an interpreter, calls at set times or more time to reply."
                choices=yes_no() value=bind!(w.answers, want_adjustments)/>
        </Question>
    }
}

#[component]
pub fn AdjNeeds() -> impl IntoView {
    let w = expect_context::<Wizard>();
    let choices = vec![
        Choice::new("large_print", "Large print"),
        Choice::new("easy_read", "Easy read"),
        Choice::new("braille", "Braille"),
        Choice::new("audio", "Audio, like a recording"),
        Choice::new("language", "Letters in another language"),
        Choice::new("interpreter", "An interpreter, including British Sign Language (BSL)"),
        Choice::new("phone_not_writing", "Phone calls instead of letters or emails"),
        Choice::new("writing_not_phone", "Letters or emails instead of phone calls"),
        Choice::new("set_times", "Contact only at certain times"),
        Choice::new("extra_time", "More time to reply to us"),
        Choice::new("named_contact", "One named person to deal with"),
        Choice::new("support_person", "Someone with me at meetings"),
        Choice::new("other", "Something else"),
    ];
    view! {
        <Question>
            <Checkboxes name="adj_needs" heading=true legend_text="What would help you?"
                hint="Select all that apply." choices=choices value=bind!(w.answers, adj_needs)/>
        </Question>
    }
}

#[component]
pub fn AdjDetails() -> impl IntoView {
    let w = expect_context::<Wizard>();
    let has = move |n: &'static str| w.answers.with_untracked(|a| a.adj_needs.iter().any(|x| x == n));
    let language = has("language") || has("interpreter");
    view! {
        <Question>
            <h1 tabindex="-1">"Tell us more about what you need"</h1>
            {language.then(|| view! {
                <TextField name="adj_language" label="Which language do you need?"
                    hint="For example, Polish, Somali or British Sign Language (BSL)." width="pr-input--w20"
                    value=bind!(w.answers, adj_language)/>
            })}
            {has("set_times").then(|| view! {
                <TextField name="adj_times" label="When should we contact you?"
                    hint="For example, weekday afternoons after 2pm."
                    value=bind!(w.answers, adj_times)/>
            })}
            {has("other").then(|| view! {
                <TextArea name="adj_other" label="What else would help?" max_chars=LONG_TEXT rows=4
                    value=bind!(w.answers, adj_other)/>
            })}
        </Question>
    }
}

#[component]
pub fn AdjDisability() -> impl IntoView {
    let w = expect_context::<Wizard>();
    let landlord = w.with_config(|c| c.landlord_name.clone());
    view! {
        <Question>
            <TextArea name="adj_disability" heading=true optional=true
                label="Do you want to tell us about a disability or health condition?"
                hint="You do not have to. It can help us support you in the right way. \
                      We keep it private, only share it with staff who need it, and check with you that it is still right."
                max_chars=LONG_TEXT rows=4 value=bind!(w.answers, adj_disability)/>
            <p class="pr-hint">{landlord} " must record the changes it agrees to make and keep them under review."</p>
        </Question>
    }
}

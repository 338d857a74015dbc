//! Escalating to stage 2 (Code 6.11 to 6.14). Reasons are optional (6.12).

use leptos::prelude::*;

use super::Question;
use crate::bind;
use crate::domain::journey::LONG_TEXT;
use crate::ui::fields::{DateBinding, DateField, TextArea, TextField};
use crate::ui::wizard::Wizard;

#[component]
pub fn S2Reference() -> impl IntoView {
    let w = expect_context::<Wizard>();
    view! {
        <Question>
            <TextField name="s2_reference" heading=true optional=true label="What is the reference of your complaint?"
                hint="It is on the letter or email with our answer. Leave this empty if you do not have it."
                width="pr-input--w20" spellcheck=false value=bind!(w.answers, s2_reference)/>
        </Question>
    }
}

#[component]
pub fn S2ResponseDate() -> impl IntoView {
    let w = expect_context::<Wizard>();
    let date = DateBinding {
        day: bind!(w.answers, s2_response.day),
        month: bind!(w.answers, s2_response.month),
        year: bind!(w.answers, s2_response.year),
    };
    view! {
        <Question>
            <DateField name="s2_response" heading=true optional=true legend_text="When did we answer your complaint?"
                hint="For example, 3 11 2026. Leave this empty if we have not answered." value=date/>
        </Question>
    }
}

#[component]
pub fn S2Reasons() -> impl IntoView {
    let w = expect_context::<Wizard>();
    let window = w.escalation_window_note();
    view! {
        {window.map(|note| view! { <div class="pr-inset"><p>{note}</p></div> })}
        <Question>
            <TextArea name="s2_reasons" heading=true optional=true label="Why are you unhappy with our answer?"
                hint="You do not have to tell us why. It can help us put things right."
                max_chars=LONG_TEXT value=bind!(w.answers, s2_reasons)/>
        </Question>
    }
}

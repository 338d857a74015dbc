//! About you: asked once and reused across tasks (WCAG 3.3.7), with
//! `autocomplete` so browsers can fill them in.

use leptos::prelude::*;

use super::{who, Question, Who};
use crate::bind;
use crate::ui::fields::{Choice, Radios, TextField};
use crate::ui::wizard::Wizard;

#[component]
pub fn Name() -> impl IntoView {
    let w = expect_context::<Wizard>();
    let rep = who(&w) == Who::Representative;
    let label = if rep { "What is the resident's full name?" } else { "What is your full name?" };
    view! {
        <Question>
            <TextField name="name" heading=true label=label autocomplete=if rep { "off" } else { "name" }
                spellcheck=false value=bind!(w.answers, name)/>
        </Question>
    }
}

#[component]
pub fn Address() -> impl IntoView {
    let w = expect_context::<Wizard>();
    let rep = who(&w) == Who::Representative;
    let heading = if rep { "What is the resident's address?" } else { "What is your address?" };
    let ac = move |token: &'static str| if rep { "off" } else { token };
    view! {
        <Question>
            <h1 tabindex="-1">{heading}</h1>
            <TextField name="address" label="Address line 1" hint="House or flat number and street."
                autocomplete=ac("street-address") value=bind!(w.answers, address)/>
            <TextField name="postcode" label="Postcode" autocomplete=ac("postal-code") width="pr-input--w10"
                spellcheck=false value=bind!(w.answers, postcode)/>
            <TextField name="tenancy_ref" optional=true label="Tenancy reference"
                hint=if rep { "It is on the tenancy agreement and rent letters. Leave this empty if you do not know it." }
                    else { "It is on your tenancy agreement and rent letters. Leave this empty if you do not know it." }
                autocomplete="off" width="pr-input--w20" spellcheck=false value=bind!(w.answers, tenancy_ref)/>
        </Question>
    }
}

#[component]
pub fn Contact() -> impl IntoView {
    let w = expect_context::<Wizard>();
    let rep = who(&w) == Who::Representative;
    let heading = if rep { "How can we contact the resident?" } else { "How can we contact you?" };
    view! {
        <Question>
            <h1 tabindex="-1">{heading}</h1>
            <p class="pr-hint">"Give a phone number, an email address, or both."</p>
            <TextField name="phone" optional=true label="Phone number" input_type="tel"
                hint="For example, 07700 900 982." autocomplete=if rep { "off" } else { "tel" }
                width="pr-input--w20" value=bind!(w.answers, phone)/>
            <TextField name="email" optional=true label="Email address" input_type="email" spellcheck=false
                autocomplete=if rep { "off" } else { "email" } value=bind!(w.answers, email)/>
        </Question>
    }
}

#[component]
pub fn ContactPrefs() -> impl IntoView {
    let w = expect_context::<Wizard>();
    let rep = who(&w) == Who::Representative;
    let (legend, times) = if rep {
        ("How should we contact the resident about this?", "Best times to contact the resident")
    } else {
        ("How should we contact you about this?", "Best times to contact you")
    };
    let choices = vec![
        Choice::new("phone", "Phone call"),
        Choice::new("text", "Text message"),
        Choice::new("email", "Email"),
        Choice::new("letter", "Letter"),
    ];
    view! {
        <Question>
            <Radios name="contact_method" heading=true legend_text=legend
                choices=choices value=bind!(w.answers, contact_method)/>
            <TextField name="contact_times" optional=true label=times
                hint="For example, weekdays after 3pm." value=bind!(w.answers, contact_times)/>
        </Question>
    }
}

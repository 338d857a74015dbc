//! Appointing a representative (Code 3.6): on its own or inside any journey,
//! and usable by the representative filling it in for the resident.

use leptos::prelude::*;

use super::{who, yes_no, Question, Who};
use crate::bind;
use crate::ui::fields::{Choice, Radios, TextField};
use crate::ui::wizard::Wizard;

#[component]
pub fn WantRep() -> impl IntoView {
    let w = expect_context::<Wizard>();
    view! {
        <Question>
            <Radios name="want_rep" heading=true legend_text="Do you want someone to deal with this for you?"
                hint="For example, a family member, a friend, a support worker, a councillor or your MP. \
                      They can act for you, or come with you to meetings."
                choices=yes_no() value=bind!(w.answers, want_rep)/>
        </Question>
    }
}

#[component]
pub fn RepFiller() -> impl IntoView {
    let w = expect_context::<Wizard>();
    let choices = vec![
        Choice::new("resident", "I am the resident").hint("I want someone to deal with my landlord for me."),
        Choice::new("representative", "I am filling this in for the resident")
            .hint("For example, I am their relative, support worker, solicitor, councillor or MP."),
    ];
    view! {
        <Question>
            <Radios name="filler" heading=true legend_text="Who is filling in this form?" choices=choices
                value=bind!(w.answers, filler)/>
        </Question>
    }
}

#[component]
pub fn RepName() -> impl IntoView {
    let w = expect_context::<Wizard>();
    let label = who(&w).pick("What is the name of the person who will act for you?", "What is your full name?");
    view! {
        <Question>
            <TextField name="rep_name" heading=true label=label autocomplete="off" spellcheck=false
                value=bind!(w.answers, rep_name)/>
        </Question>
    }
}

#[component]
pub fn RepRelationship() -> impl IntoView {
    let w = expect_context::<Wizard>();
    let legend = who(&w).pick("Who are they?", "Who are you to the resident?");
    let choices = vec![
        Choice::new("family_or_friend", "A family member or friend"),
        Choice::new("advocate", "An advocate or support worker"),
        Choice::new("councillor", "A councillor"),
        Choice::new("mp", "An MP (Member of Parliament)"),
        Choice::new("solicitor", "A solicitor"),
        Choice::new("attorney", "An attorney under a lasting power of attorney"),
        Choice::new("executor", "An executor or next of kin").hint("If the resident has died."),
    ];
    view! {
        <Question>
            <Radios name="rep_relationship" heading=true legend_text=legend choices=choices
                value=bind!(w.answers, rep_relationship)/>
        </Question>
    }
}

#[component]
pub fn RepContact() -> impl IntoView {
    let w = expect_context::<Wizard>();
    let rep_fills = who(&w) == Who::Representative;
    let heading = if rep_fills { "How can we contact you?" } else { "How can we contact them?" };
    view! {
        <Question>
            <h1 tabindex="-1">{heading}</h1>
            <p class="pr-hint">"Give a phone number, an email address, or both."</p>
            <TextField name="rep_phone" label="Phone number" input_type="tel" optional=true
                autocomplete=if rep_fills { "tel" } else { "off" } width="pr-input--w20" value=bind!(w.answers, rep_phone)/>
            <TextField name="rep_email" label="Email address" input_type="email" optional=true spellcheck=false
                autocomplete=if rep_fills { "email" } else { "off" } value=bind!(w.answers, rep_email)/>
        </Question>
    }
}

#[component]
pub fn RepPowers() -> impl IntoView {
    let w = expect_context::<Wizard>();
    let legend = who(&w).pick("What can they do for you?", "What can you do for the resident?");
    let choices = vec![
        Choice::new("act", "Deal with us for the resident")
            .hint("We will talk to them and send them letters about this."),
        Choice::new("accompany", "Come with the resident to meetings and calls")
            .hint("We will still talk to the resident, not to them."),
    ];
    view! {
        <Question>
            <Radios name="rep_powers" heading=true legend_text=legend choices=choices value=bind!(w.answers, rep_powers)/>
        </Question>
    }
}

#[component]
pub fn RepConsent() -> impl IntoView {
    let w = expect_context::<Wizard>();
    let landlord = w.with_config(|c| c.landlord_name.clone());
    let resident_here = who(&w) == Who::Resident;
    let mut choices = Vec::new();
    if resident_here {
        choices.push(
            Choice::new("resident_confirms", "I am the resident and I give my permission")
                .hint("Choosing this is your permission. We may still check with you."),
        );
    }
    choices.extend([
        Choice::new("signed_form", "The resident will sign a permission form")
            .hint(format!("{landlord} will send a form, or you can send a signed letter.")),
        Choice::new("lpa", "There is a lasting power of attorney").hint("We will ask to see a copy."),
        Choice::new("executor", "The resident has died and this is their executor or next of kin")
            .hint("We will ask for proof, such as a grant of probate or a death certificate."),
        Choice::new("elected_member", "A councillor or MP is acting with the resident's permission"),
    ]);
    view! {
        <Question>
            <Radios name="rep_consent" heading=true legend_text="How does the resident give their permission?"
                hint="We need the resident's permission before we can deal with someone else."
                choices=choices value=bind!(w.answers, rep_consent)/>
        </Question>
    }
}

//! Going to the Housing Ombudsman (or the Ombudsman the landlord configured):
//! when, what it needs, and "Is my landlord late?".

use leptos::prelude::*;

use super::{yes_no, ContinueButton, Question};
use crate::bind;
use crate::domain::journey::LONG_TEXT;
use crate::edge::page;
use crate::ui::fields::{Choice, DateBinding, DateField, Radios, TextArea};
use crate::ui::wizard::Wizard;

#[component]
pub fn OmbPosition() -> impl IntoView {
    let w = expect_context::<Wizard>();
    let choices = vec![
        Choice::new("final_response", "I have had a final answer (stage 2)"),
        Choice::new("no_response", "I complained but the answer is late, or I have had no answer"),
        Choice::new("refused_escalation", "I asked for stage 2 and was refused"),
        Choice::new("stage1_only", "I have had a stage 1 answer only"),
        Choice::new("not_complained", "I have not complained yet"),
    ];
    view! {
        <Question>
            <Radios name="omb_position" heading=true legend_text="Where is your complaint up to?"
                hint="You can ask the Ombudsman for help at any time." choices=choices
                value=bind!(w.answers, omb_position)/>
        </Question>
    }
}

#[component]
pub fn OmbDates() -> impl IntoView {
    let w = expect_context::<Wizard>();
    let complained = DateBinding {
        day: bind!(w.answers, omb_complained.day),
        month: bind!(w.answers, omb_complained.month),
        year: bind!(w.answers, omb_complained.year),
    };
    let acknowledged = DateBinding {
        day: bind!(w.answers, omb_acknowledged.day),
        month: bind!(w.answers, omb_acknowledged.month),
        year: bind!(w.answers, omb_acknowledged.year),
    };
    let answered = DateBinding {
        day: bind!(w.answers, omb_answered.day),
        month: bind!(w.answers, omb_answered.month),
        year: bind!(w.answers, omb_answered.year),
    };
    view! {
        <Question>
            <h1 tabindex="-1">"When did things happen?"</h1>
            <p>"We use these dates to check if your landlord kept to the time limits."</p>
            <DateField name="omb_complained" legend_text="When did you make your complaint?"
                hint="For example, 2 9 2026." value=complained/>
            <DateField name="omb_acknowledged" optional=true legend_text="When did your landlord say they got it?"
                hint="Leave this empty if they did not." value=acknowledged/>
            <DateField name="omb_answered" optional=true legend_text="When did your landlord answer it?"
                hint="Leave this empty if they have not." value=answered/>
        </Question>
    }
}

#[component]
pub fn OmbLate() -> impl IntoView {
    let w = expect_context::<Wizard>();
    let today = page::today();
    let report = w.with_config(|c| w.answers.with_untracked(|a| a.lateness(c, today)));
    let late = !report.missed.is_empty();
    let heading = if late { "Your landlord missed a time limit" } else { "Your landlord is within the time limits" };
    view! {
        <h1 tabindex="-1">{heading}</h1>
        {(!report.missed.is_empty()).then(|| view! {
            <ul>{report.missed.iter().map(|m| view! { <li>{m.clone()}</li> }).collect_view()}</ul>
            <p>"You can tell the Ombudsman this. You do not have to wait for your landlord."</p>
        })}
        {(!report.upcoming.is_empty()).then(|| view! {
            <h2>"Still to come"</h2>
            <ul>{report.upcoming.iter().map(|m| view! { <li>{m.clone()}</li> }).collect_view()}</ul>
        })}
        <ContinueButton/>
    }
}

#[component]
pub fn OmbWhy() -> impl IntoView {
    let w = expect_context::<Wizard>();
    view! {
        <Question>
            <TextArea name="omb_why" heading=true label="Why are you still unhappy?"
                hint="If your landlord did not answer, tell us what your complaint was about."
                max_chars=LONG_TEXT value=bind!(w.answers, omb_why)/>
        </Question>
    }
}

#[component]
pub fn OmbOutcome() -> impl IntoView {
    let w = expect_context::<Wizard>();
    view! {
        <Question>
            <TextArea name="omb_outcome" heading=true label="What do you want to happen?"
                hint="For example, an apology, a repair, or compensation."
                max_chars=LONG_TEXT value=bind!(w.answers, omb_outcome)/>
        </Question>
    }
}

#[component]
pub fn OmbTell() -> impl IntoView {
    let w = expect_context::<Wizard>();
    let landlord = w.with_config(|c| c.landlord_name.clone());
    view! {
        <Question>
            <Radios name="omb_tell" heading=true legend_text=format!("Do you want to tell {landlord} you are going to the Ombudsman?")
                hint="We will send them what you wrote here. You can go to the Ombudsman either way."
                choices=yes_no() value=bind!(w.answers, omb_tell)/>
        </Question>
    }
}

/// The Ombudsman's contact details, as links. Used here and on the confirmation page.
#[component]
pub fn OmbudsmanContacts() -> impl IntoView {
    let w = expect_context::<Wizard>();
    let o = w.with_config(|c| c.ombudsman.clone());
    let phone = o.phone.map(|p| {
        let tel = super::start::tel_href(&p);
        view! { <li>"Phone: " <a href=tel>{p}</a></li> }
    });
    let email = o.email.map(|e| {
        let mail = format!("mailto:{e}");
        view! { <li>"Email: " <a href=mail>{e}</a></li> }
    });
    let website = o.website.map(|u| {
        let shown = u.trim_start_matches("https://").trim_start_matches("http://").trim_end_matches('/').to_owned();
        view! { <li>"Website: " <a href=u target="_blank" rel="noopener">{shown} " (opens in a new tab)"</a></li> }
    });
    let post = (!o.post.is_empty()).then(|| view! { <li>"Post: " {o.post.join(", ")}</li> });
    view! {
        <ul class="pr-contacts">{phone}{email}{website}{post}</ul>
    }
}

#[component]
pub fn OmbSummary() -> impl IntoView {
    let w = expect_context::<Wizard>();
    let name = w.with_config(|c| c.ombudsman.name.clone());
    let summary = w.with_config(|c| w.answers.with_untracked(|a| a.ombudsman_summary(c, page::today())));
    view! {
        <h1 tabindex="-1">{format!("Contact the {name}")}</h1>
        <p>"It is free. Tell them why you are still unhappy and what you want to happen. Send them any letters or emails about your complaint."</p>
        <OmbudsmanContacts/>
        <h2>"Your summary"</h2>
        <p>"You can copy this, print it, or save it to send to the Ombudsman."</p>
        <pre class="pr-copy">{summary}</pre>
        <div class="pr-button-group">
            <button type="button" class="pr-button pr-button--secondary" on:click=move |_| page::print()>"Print or save a copy"</button>
        </div>
    }
}

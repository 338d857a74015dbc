//! The pages that only inform: the emergency advice, "Is my landlord
//! late?", and the summary to take to the Ombudsman.

use leptos::prelude::*;

use super::wizard::Wizard;
use super::{link_in, tel_href};
use crate::domain::deadlines::HazardLevel;
use crate::domain::hazard::HazardAdvice;
use crate::domain::journey::{ombudsman, receipt, start::HAZARDS};
use crate::domain::text::Msg;
use crate::edge::page;

/// The one button on a page that only informs.
#[component]
pub fn ContinueButton(#[prop(default = "button.continue")] label: &'static str) -> impl IntoView {
    let w = expect_context::<Wizard>();
    view! {
        <div class="pr-button-group">
            <button type="button" class="pr-button" on:click=move |_| w.continue_from()>{move || w.t(label)}</button>
        </div>
    }
}

/// Danger first: who to call now, what to do, and what the landlord must do.
#[component]
pub fn EmergencyAdvice() -> impl IntoView {
    let w = expect_context::<Wizard>();
    let kinds = w.answers.with_untracked(|a| HAZARDS.get(a));
    let Some(advice) = w.with_config(|c| HazardAdvice::new(&kinds, c)) else {
        return view! { <ContinueButton/> }.into_any();
    };
    let emergency = advice.level == HazardLevel::Emergency;
    let number = advice.phone.clone();
    let headline = Msg::new(if emergency { "emergency_advice.call" } else { "emergency_advice.damp" });
    let steps = advice.steps.clone();
    view! {
        <h1 class="pr-h1" tabindex="-1">{move || w.t(if emergency { "emergency_advice.title" } else { "emergency_advice.title_damp" })}</h1>
        <div class=if emergency { "pr-emergency" } else { "pr-inset" }>
            <p><strong>{move || link_in(w, &headline, "number", &number, &tel_href(&number))}</strong></p>
        </div>
        <h2>{move || w.t("emergency_advice.steps")}</h2>
        <ul>{move || steps.iter().map(|s| view! { <li>{w.say(s)}</li> }).collect_view()}</ul>
        <p>{move || w.t("emergency_advice.after")}</p>
        <ContinueButton label="button.to_form"/>
    }
    .into_any()
}

/// "Is my landlord late?" for the stage the resident is waiting on.
#[component]
pub fn Lateness() -> impl IntoView {
    let w = expect_context::<Wizard>();
    let reports = w.answers.with_untracked(|a| w.ctx(|c| ombudsman::lateness(a, c)));
    let refused = w.answers.with_untracked(|a| w.ctx(|c| ombudsman::refused_escalation(a, c)));
    let (missed, other, upcoming) = (receipt::missed(&reports), receipt::other(&reports), receipt::upcoming(&reports));
    let late = !missed.is_empty();
    let title = match (late, refused) {
        (true, _) => "omb_late.title_late",
        (false, true) => "omb_late.title_refused",
        (false, false) => "omb_late.title",
    };
    let list = move |items: Vec<Msg>| view! { <ul>{items.iter().map(|m| view! { <li>{w.say(m)}</li> }).collect_view()}</ul> };
    view! {
        <h1 class="pr-h1" tabindex="-1">{move || w.t(title)}</h1>
        {late.then(|| view! { {list(missed.clone())}<p>{move || w.t("omb_late.tell")}</p> })}
        {(!other.is_empty()).then(|| view! { <h2>{move || w.t("omb_late.other")}</h2>{list(other.clone())} })}
        {(!upcoming.is_empty()).then(|| view! { <h2>{move || w.t("omb_late.upcoming")}</h2>{list(upcoming.clone())} })}
        <ContinueButton/>
    }
}

/// The Ombudsman's contact details, as links. Used here and on the confirmation page.
#[component]
pub fn OmbudsmanContacts() -> impl IntoView {
    let w = expect_context::<Wizard>();
    let o = w.with_config(|c| c.ombudsman.clone());
    let phone = o.phone.map(|p| {
        let href = tel_href(&p);
        view! { <li>{move || link_in(w, &Msg::new("contact.phone_line"), "phone", &p, &href)}</li> }
    });
    let email = o.email.map(|e| {
        let href = format!("mailto:{e}");
        view! { <li>{move || link_in(w, &Msg::new("contact.email_line"), "email", &e, &href)}</li> }
    });
    let website = o.website.map(|u| {
        let shown = u.trim_start_matches("https://").trim_start_matches("http://").trim_end_matches('/').to_owned();
        view! {
            <li>{move || {
                let text = w.say(&Msg::new("link.new_tab").text("text", shown.clone()));
                let line = w.say(&Msg::new("contact.website_line").text("website", "\u{1}"));
                let (before, after) = line.split_once('\u{1}').unwrap_or((&line, ""));
                view! { {before.to_owned()}<a href=u.clone() target="_blank" rel="noopener">{text}</a>{after.to_owned()} }
            }}</li>
        }
    });
    let post = (!o.post.is_empty()).then(|| view! { <li>{move || w.say(&Msg::new("contact.post_line").text("post", o.post.join(", ")))}</li> });
    view! { <ul class="pr-contacts">{phone}{email}{website}{post}</ul> }
}

/// The end of the Ombudsman route for a resident who does not want their
/// landlord told: how to contact the Ombudsman, and a summary to give them.
#[component]
pub fn OmbudsmanSummary() -> impl IntoView {
    let w = expect_context::<Wizard>();
    let summary = move || w.answers.with(|a| w.ctx(|c| w.words.with(|words| receipt::ombudsman_summary(a, c, words))));
    view! {
        <h1 class="pr-h1" tabindex="-1">{move || w.t("omb_summary.title")}</h1>
        <p>{move || w.t("omb_summary.intro")}</p>
        <p>{move || w.say(&w.with_config(|c| c.scheme().ombudsman_time_limit()))}</p>
        <OmbudsmanContacts/>
        <h2>{move || w.t("omb_summary.yours")}</h2>
        <p>{move || w.t("omb_summary.copy")}</p>
        <pre class="pr-copy">{summary}</pre>
        <div class="pr-button-group">
            <button type="button" class="pr-button pr-button--secondary" on:click=move |_| page::print()>{move || w.t("omb_summary.print")}</button>
        </div>
    }
}

/// A draft was found on this device: say when it was started, and let the
/// resident continue it or start again, before any answer is shown.
#[component]
pub fn Resume() -> impl IntoView {
    let w = expect_context::<Wizard>();
    let saved = w.resume_saved_ms().and_then(page::uk_date_at);
    let title = move || match saved {
        Some(date) => w.say(&Msg::new("resume.title").date("date", date)),
        None => w.t("resume.title_undated"),
    };
    view! {
        <h1 class="pr-h1" tabindex="-1">{title}</h1>
        <p>{move || w.t("resume.body")}</p>
        <div class="pr-button-group">
            <button type="button" class="pr-button" on:click=move |_| w.resume()>{move || w.t("resume.continue")}</button>
            <button type="button" class="pr-button pr-button--secondary" on:click=move |_| w.clear()>{move || w.t("resume.restart")}</button>
        </div>
    }
}

//! The confirmation: the reference, what happens next with real dates, the
//! Ombudsman's details, "keep a copy" and keeping a note on this device.

use leptos::prelude::*;

use super::special::OmbudsmanContacts;
use super::wizard::Wizard;
use crate::domain::journey::receipt::saved_copy;
use crate::domain::payload::uri_encode;
use crate::edge::page;

#[component]
pub fn Confirmation() -> impl IntoView {
    let w = expect_context::<Wizard>();
    let receipt = w.receipt.get_untracked().unwrap_or_default();
    // What was worded at Send (the warnings the resident was shown, and all
    // of it for a send from before the rest was kept in no language) stays
    // in the language it was sent in after a switch, and says so to a
    // screen reader; the heading and the dates are worded again.
    let sent_in = (!receipt.lang.is_empty() && w.words.with_untracked(|x| x.lang.locale != receipt.lang)).then(|| receipt.lang.clone());
    let (title, title_lang, lines): (String, Option<String>, Vec<(String, Option<String>)>) = match &receipt.next {
        Some(n) => {
            let (title, lines) = w.words.with_untracked(|words| n.worded(words));
            let warnings = n.warnings.iter().map(|x| (x.clone(), sent_in.clone()));
            (title, None, lines.into_iter().map(|l| (l, None)).chain(warnings).collect())
        }
        None => (receipt.title.clone(), sent_in.clone(), receipt.next_steps.iter().map(|l| (l.clone(), sent_in.clone())).collect()),
    };
    let auto = |lang: &Option<String>| lang.as_ref().map(|_| "auto");
    let next = lines.iter().map(|(line, lang)| view! { <li lang=lang.clone() dir=auto(lang)>{line.clone()}</li> }).collect_view();
    let steps: Vec<String> = lines.into_iter().map(|(l, _)| l).collect();
    // "Download a copy": a plain text file of what was sent, made here so it
    // needs no network and works with the strictest content policy.
    // Sent on the day its deadlines count from, not the day the copy is read.
    let sent_on = receipt.note.as_ref().map_or_else(page::today, |n| n.sent_on);
    let copy = w.ctx(|c| {
        w.words.with_untracked(|words| saved_copy(&title, &receipt.reference, &steps, &receipt.told, sent_on, c, words))
    });
    let copy_href = format!("data:text/plain;charset=utf-8,{}", uri_encode(&copy));
    let safe_ref: String = receipt.reference.chars().filter(|c| c.is_ascii_alphanumeric() || *c == '-').collect();
    let copy_name = format!("{}-{safe_ref}.txt", w.with_config(|c| c.landlord_id.clone()));
    view! {
        <div class="pr-panel">
            <h1 class="pr-h1" tabindex="-1" lang=title_lang.clone() dir=auto(&title_lang)>{title.clone()}</h1>
            <p>{move || w.t("confirm.reference")}</p>
            <p class="pr-reference" dir="ltr">{receipt.reference.clone()}</p>
        </div>
        {receipt.local_reference.then(|| view! { <p>{move || w.t("confirm.local")}</p> })}
        <h2>{move || w.t("confirm.next")}</h2>
        <ul>{next}</ul>
        <p class="pr-hint">{move || w.t("confirm.working_days")}</p>
        <super::tracker::KeepNote receipt=receipt.clone()/>
        <h2>{move || w.t("confirm.unhappy")}</h2>
        <p>{move || w.t("confirm.unhappy_body")}</p>
        <p>{move || w.say(&w.with_config(|c| c.scheme().ombudsman_time_limit()))}</p>
        <OmbudsmanContacts/>
        <h2>{move || w.t("confirm.keep")}</h2>
        <ul class="pr-list">
            <li><a href=copy_href download=copy_name>{move || w.t("confirm.download")}</a></li>
            <li><button type="button" class="pr-link-button" on:click=move |_| page::print()>{move || w.t("confirm.print")}</button></li>
        </ul>
        <div class="pr-button-group">
            <button type="button" class="pr-button pr-button--secondary" on:click=move |_| w.another_task()>{move || w.t("confirm.another")}</button>
            <button type="button" class="pr-link-button" on:click=move |_| w.clear()>{move || w.t("confirm.finish")}</button>
        </div>
    }
}

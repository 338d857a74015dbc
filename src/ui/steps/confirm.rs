//! The confirmation: the reference, what happens next with real dates, the
//! Ombudsman's details and "save a copy".

use leptos::prelude::*;

use super::ombudsman::OmbudsmanContacts;
use crate::domain::journey::saved_copy;
use crate::edge::page;
use crate::domain::payload::uri_encode;
use crate::ui::wizard::Wizard;

#[component]
pub fn Confirmation() -> impl IntoView {
    let w = expect_context::<Wizard>();
    let receipt = w.receipt.get_untracked().unwrap_or_default();
    let omb = w.with_config(|c| c.ombudsman.name.clone());
    let next = receipt
        .next_steps
        .iter()
        .map(|line| view! { <li>{line.clone()}</li> })
        .collect_view();
    // "Save a copy": a plain text file of what was sent, made here so it
    // needs no network and works with the strictest content policy.
    let copy = w.with_config(|c| {
        w.answers.with_untracked(|a| {
            saved_copy((&receipt.title, &receipt.reference, &receipt.next_steps), page::today(), a, c)
        })
    });
    let copy_href = format!("data:text/plain;charset=utf-8,{}", uri_encode(&copy));
    let copy_name = format!("{}-{}.txt", w.with_config(|c| c.landlord_id.clone()), receipt.reference.replace(|c: char| !c.is_ascii_alphanumeric() && c != '-', ""));
    view! {
        <div class="pr-panel">
            <h1 tabindex="-1">{receipt.title.clone()}</h1>
            <p>"Your reference number"</p>
            <p class="pr-reference">{receipt.reference.clone()}</p>
        </div>
        {receipt.local_reference.then(|| view! {
            <p>"Keep this reference. We will send you our own reference when we contact you."</p>
        })}
        <h2>"What happens next"</h2>
        <ul>{next}</ul>
        <p class="pr-hint">"We count working days: Monday to Friday, not bank holidays. The day we get your message is day 0."</p>
        <h2>{format!("If you are unhappy with how we deal with this")}</h2>
        <p>"You can ask the " {omb} " for help at any time. It is free."</p>
        <OmbudsmanContacts/>
        <h2>"Keep a copy"</h2>
        <ul class="pr-list">
            <li><a href=copy_href download=copy_name>"Download a copy of what you sent (text file)"</a></li>
            <li><button type="button" class="pr-link-button" on:click=move |_| page::print()>"Print this page"</button></li>
        </ul>
        <div class="pr-button-group">
            <button type="button" class="pr-button pr-button--secondary" on:click=move |_| w.another_task()>"Do something else"</button>
            <button type="button" class="pr-link-button" on:click=move |_| w.clear()>"Clear my answers and finish"</button>
        </div>
    }
}

//! "Check your answers", with "Change" links, and the Send button.

use leptos::prelude::*;

use super::fields::ErrorSummary;
use super::send::{self, SendState};
use super::wizard::Wizard;
use crate::domain::journey::summary;

#[component]
pub fn Check() -> impl IntoView {
    let w = expect_context::<Wizard>();
    let rows = move || w.answers.with(|a| w.ctx(|c| w.words.with(|words| summary::rows(a, c, words))));
    // Once sent, the answers are what was sent: they can no longer be changed here.
    let locked = move || w.locked();
    let list = move || {
        rows()
            .into_iter()
            .map(|r| {
                let page = r.page;
                let label = r.label.clone();
                // Each line in its own direction: an answer typed in English reads
                // left to right on an Urdu page.
                let lines = r.lines.iter().map(|l| view! { <span class="pr-line" dir="auto">{l.clone()}</span> }).collect_view();
                view! {
                    <div class="pr-summary-row">
                        <dt>{r.label}</dt>
                        <dd>{lines}</dd>
                        <dd class="pr-summary-action">
                            {(!locked()).then(|| view! {
                                <button type="button" class="pr-link-button" on:click=move |_| w.change(page)>
                                    {w.t("check.change")} <span class="pr-visually-hidden">" " {label.clone()}</span>
                                </button>
                            })}
                        </dd>
                    </div>
                }
            })
            .collect_view()
    };
    let busy = move || matches!(w.send.get(), SendState::Sending | SendState::Waiting { .. });
    // Send is pressed and the files are being looked for: a second press
    // waits for that one (the button is not yet disabled).
    let checking = StoredValue::new(false);
    view! {
        <ErrorSummary/>
        <h1 class="pr-h1" tabindex="-1">{move || w.t("check.title")}</h1>
        <dl class="pr-summary">{list}</dl>
        {move || w.locked().then(|| view! { <p class="pr-inset">{w.t("check.locked")}</p> })}
        <h2>{move || w.t("check.send_title")}</h2>
        <p>{move || w.t("check.send_body")}</p>
        <send::SendStatus/>
        <div class="pr-button-group">
            <button type="button" class="pr-button" disabled=busy on:click=move |_| {
                if checking.try_get_value() != Some(false) {
                    return;
                }
                checking.set_value(true);
                // A file gone from the device would make the send fail
                // for good: the resident is told instead, and sends the rest.
                leptos::task::spawn_local(async move {
                    let here = super::evidence::all_here(w).await;
                    checking.try_set_value(false);
                    if here {
                        send::send(w);
                    }
                });
            }>{move || w.t("button.send")}</button>
        </div>
    }
}

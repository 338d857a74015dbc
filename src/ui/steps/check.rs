//! "Check your answers", with "Change" links, and the Send button.

use leptos::prelude::*;

use crate::edge::page;
use crate::ui::fields::ErrorSummary;
use crate::ui::send::{self, SendState};
use crate::ui::wizard::Wizard;

#[component]
pub fn Check() -> impl IntoView {
    let w = expect_context::<Wizard>();
    let rows = w.answers.with_untracked(|a| a.summary_rows(page::today()));
    let landlord = w.with_config(|c| c.landlord_name.clone());
    let list = rows
        .into_iter()
        .map(|r| {
            let step = r.step;
            let label = r.label;
            view! {
                <div class="pr-summary-row">
                    <dt>{label}</dt>
                    <dd>{r.value}</dd>
                    <dd class="pr-summary-action">
                        <button type="button" class="pr-link-button" on:click=move |_| w.change(step)>
                            "Change" <span class="pr-visually-hidden">" " {label.to_lowercase()}</span>
                        </button>
                    </dd>
                </div>
            }
        })
        .collect_view();
    let busy = move || matches!(w.send.get(), SendState::Sending | SendState::Waiting { .. });
    view! {
        <ErrorSummary/>
        <h1 tabindex="-1">"Check your answers"</h1>
        <dl class="pr-summary">{list}</dl>
        <h2>"Now send it"</h2>
        <p>"When you send this, " {landlord} " gets your answers. You will get a reference number."</p>
        <send::SendStatus/>
        <div class="pr-button-group">
            <button type="button" class="pr-button" disabled=busy on:click=move |_| send::send(w)>"Send"</button>
        </div>
    }
}

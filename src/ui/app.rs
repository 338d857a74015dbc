//! The widget's frame: toolbar, live region, back link and the current step.

use leptos::prelude::*;

use super::steps;
use super::wizard::{Setup, Wizard};
use crate::domain::journey::Step;

/// One widget instance.
#[component]
pub fn Widget(setup: Setup) -> impl IntoView {
    let w = Wizard::new(setup);
    provide_context(w);
    let root_id = w.instance();
    announce_saving(w);
    let class = move || if w.large_text.get() { "putright pr-large-text" } else { "putright" };
    // The landlord's logo (config theme.logo_url); its name is the alt text.
    let logo = w.with_config(|c| c.theme.logo_url.clone().map(|src| (src, c.landlord_name.clone())));
    let logo = logo.map(|(src, alt)| view! { <img class="pr-logo" src=src alt=alt/> });
    view! {
        <div class=class id=root_id lang="en-GB">
            {logo}
            <Toolbar/>
            <div class="pr-visually-hidden" role="status" aria-live="polite" aria-atomic="true">{move || w.status.get()}</div>
            <EarlierSent/>
            <BackLink/>
            // Keyed by step, so every step gets fresh elements: two steps
            // with the same shape would otherwise be patched in place, and a
            // radio ticked on one would leak its state into the next.
            <div class="pr-step">
                <For each=move || [w.step.get()] key=|s| *s children=steps::render/>
            </div>
        </div>
    }
}

/// Tells the resident once, through the polite live region, that their answers
/// are kept on this device: on the first move between steps (not a clear),
/// unless the browser is refusing to save them, which the wizard announces.
fn announce_saving(w: Wizard) {
    let said = StoredValue::new(false);
    Effect::new(move |prev: Option<()>| {
        w.step.track();
        let moved = !w.trail.with_untracked(Vec::is_empty) && w.step.get_untracked() != Step::Confirmation;
        if prev.is_none() || said.get_value() || !moved {
            return;
        }
        said.set_value(true);
        if !w.status.get_untracked().contains("not letting us save") {
            w.status.set("Your answers are saved on this device as you go.".into());
        }
    });
}

/// "Larger text" and "Clear my answers", at the top of every step.
#[component]
fn Toolbar() -> impl IntoView {
    let w = expect_context::<Wizard>();
    view! {
        <div class="pr-toolbar">
            <button type="button" class="pr-link-button" aria-pressed={move || if w.large_text.get() { "true" } else { "false" }}
                on:click=move |_| w.large_text.update(|v| *v = !*v)>
                "Larger text"
            </button>
            <button type="button" class="pr-link-button" on:click=move |_| w.clear()>
                "Clear my answers"
            </button>
        </div>
    }
}

/// Sends left from an earlier visit that have now been delivered.
#[component]
fn EarlierSent() -> impl IntoView {
    let w = expect_context::<Wizard>();
    move || {
        let earlier = w.earlier.get();
        (!earlier.is_empty()).then(|| {
            let items = earlier
                .into_iter()
                .map(|r| view! { <li>{r.title}". Your reference number is " <strong>{r.reference}</strong> "."</li> })
                .collect_view();
            view! {
                <div class="pr-notice">
                    <p>"Something you sent earlier has now reached us:"</p>
                    <ul>{items}</ul>
                </div>
            }
        })
    }
}

/// A back link on every step but the first and the confirmation.
#[component]
fn BackLink() -> impl IntoView {
    let w = expect_context::<Wizard>();
    let show = move || !w.trail.with(Vec::is_empty) && w.step.get() != Step::Confirmation;
    move || {
        show().then(|| {
            view! { <button type="button" class="pr-back" on:click=move |_| w.back()>"Back"</button> }
        })
    }
}

/// Shown instead of the widget when the landlord's config cannot be used.
#[component]
pub fn ConfigFallback(phone: Option<String>) -> impl IntoView {
    let body = phone.map(|p| {
        let tel = steps::tel_href(&p);
        view! { <p>"Please call us on " <a href=tel>{p}</a> " and we will help you."</p> }
    });
    view! {
        <div class="putright" role="alert">
            <p class="pr-h1">"Sorry, our online form is not working at the moment"</p>
            {body}
        </div>
    }
}

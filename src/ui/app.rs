//! The widget's frame: toolbar, live region, back link and the current page.

use leptos::prelude::*;

use super::wizard::{Notice, Setup, Wizard};
use super::{question, special, tracker};
use crate::domain::journey::{receipt, Page, Special, CONFIRMATION};
use crate::domain::text::{Msg, Words};

/// One widget instance. `stored`: its draft as read when it opened.
#[component]
pub fn Widget(setup: Setup, words: Words, stored: Option<serde_json::Value>, #[prop(default = None)] notice: Option<Notice>) -> impl IntoView {
    let w = Wizard::new(setup, words, stored);
    w.notice.set(notice);
    provide_context(w);
    let root_id = w.instance();
    announce_saving(w);
    let class = move || if w.large_text.get() { "putright pr-large-text" } else { "putright" };
    let lang = move || w.words.with(|x| x.lang.locale.clone());
    let dir = move || if w.words.with(|x| x.lang.rtl) { "rtl" } else { "ltr" };
    // The landlord's logo (config theme.logo_url); its name is the alt text.
    let logo = w.with_config(|c| c.theme.logo_url.clone().map(|src| (src, c.landlord_name.clone())));
    let logo = logo.map(|(src, alt)| view! { <img class="pr-logo" src=src alt=alt/> });
    view! {
        <div class=class id=root_id lang=lang dir=dir>
            {logo}
            <Toolbar/>
            <div class="pr-visually-hidden" role="status" aria-live="polite" aria-atomic="true">
                {move || w.status.get().map(|m| w.say(&m))}
            </div>
            {move || w.notice.get().map(|m| view! { <div class="pr-notice" role="status"><p>{w.say(&m.msg())}</p></div> })}
            <tracker::ClearOffer/>
            <EarlierSent/>
            <super::send::NotSent/>
            <BackLink/>
            // Keyed by page, so every page gets fresh elements: two pages
            // with the same shape would otherwise be patched in place, and a
            // radio ticked on one would leak its state into the next.
            <div class="pr-step" data-page=move || w.page.get().key>
                // And by language: a switch draws the page afresh, as a move does.
                <For each=move || [(w.page.get(), w.words.with(|x| x.lang.locale.clone()))] key=|(p, l)| (p.key, l.clone())
                    children=|(p, _)| render(p)/>
            </div>
        </div>
    }
}

/// The page: a question page from its declaration, or one of the few
/// pages drawn by hand.
fn render(page: &'static Page) -> AnyView {
    match page.special {
        None => view! { <question::QuestionPage page=page/> }.into_any(),
        Some(Special::EmergencyAdvice) => view! { <special::EmergencyAdvice/> }.into_any(),
        Some(Special::Lateness) => super::lazy::lateness_page(),
        Some(Special::OmbudsmanSummary) => super::lazy::ombudsman_page(),
        Some(Special::Check) => super::lazy::check_page(),
        Some(Special::Confirmation) => super::lazy::confirmation_page(),
        Some(Special::Resume) => view! { <special::Resume/> }.into_any(),
        Some(Special::Tracker) => super::lazy::tracker_page(),
        Some(Special::TrackerRecord) => view! { <question::QuestionPage page=page/> }.into_any(),
    }
}

/// Tells the resident once, through the polite live region, that their answers
/// are kept on this device: on the first move between pages (not a clear),
/// unless the browser is refusing to save them, which the draft announces.
fn announce_saving(w: Wizard) {
    let said = StoredValue::new(false);
    Effect::new(move |prev: Option<()>| {
        w.page.track();
        let moved = !w.trail.with_untracked(Vec::is_empty) && w.page.get_untracked().key != CONFIRMATION.key;
        if prev.is_none() || said.get_value() || !moved {
            return;
        }
        said.set_value(true);
        if w.status.get_untracked().is_none_or(|m| m.key != "status.not_saving") {
            w.announce(Msg::new("status.saved"));
        }
    });
}

/// "Larger text" and "Clear my answers", at the top of every page.
#[component]
fn Toolbar() -> impl IntoView {
    let w = expect_context::<Wizard>();
    view! {
        <div class="pr-toolbar">
            <super::language::LanguageSwitch/>
            <button type="button" class="pr-link-button" aria-pressed=move || if w.large_text.get() { "true" } else { "false" }
                on:click=move |_| w.large_text.update(|v| *v = !*v)>
                {move || w.t("toolbar.larger")}
            </button>
            <button type="button" class="pr-link-button" on:click=move |_| w.clear()>{move || w.t("toolbar.clear")}</button>
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
                .map(|r| {
                    // Worded in the language shown now, like the confirmation
                    // (a send from before the kind was kept has its title only).
                    let title = r.next.as_ref().map_or(r.title, |n| w.say(&receipt::title(n.kind)));
                    view! { <li>{w.say(&Msg::new("earlier.item").text("title", title).ltr("reference", r.reference))}</li> }
                })
                .collect_view();
            view! {
                <div class="pr-notice">
                    <p>{w.t("earlier.intro")}</p>
                    <ul>{items}</ul>
                </div>
            }
        })
    }
}

/// A back link on every page but the first and the confirmation.
#[component]
fn BackLink() -> impl IntoView {
    let w = expect_context::<Wizard>();
    // A memo: the link is drawn again only when it comes or goes, not on
    // every move between pages.
    let show = Memo::new(move |_| !w.trail.with(Vec::is_empty) && w.page.get().key != CONFIRMATION.key && !w.locked());
    move || show.get().then(|| view! { <button type="button" class="pr-back" on:click=move |_| w.back()>{w.t("nav.back")}</button> })
}

/// Shown instead of the widget when the landlord's config cannot be used.
#[component]
pub fn ConfigFallback(phone: Option<String>, email: Option<String>, words: Words) -> impl IntoView {
    use crate::domain::text::Render;
    let title = words.render(&Msg::new("fallback.title"));
    // A sentence with a link in place of its `arg`, wherever the language puts it.
    let line = |key: &'static str, arg: &'static str, shown: String, href: String| {
        view! { <p>{super::link_at_mark(&words.render(&Msg::new(key).text(arg, super::LINK_MARK)), &shown, &href)}</p> }
    };
    let call = phone.map(|p| line("fallback.call", "phone", p.clone(), super::tel_href(&p)));
    let mail = email.map(|e| line("fallback.email", "email", e.clone(), format!("mailto:{e}")));
    view! {
        <div class="putright" role="alert" lang=words.lang.locale.clone() dir=if words.lang.rtl { "rtl" } else { "ltr" }>
            <p class="pr-h1">{title}</p>
            {call}
            {mail}
        </div>
    }
}

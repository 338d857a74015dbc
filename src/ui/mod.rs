//! The Leptos components: the frame, a generic question page drawn from
//! each question's declaration, the field kinds, and the few pages drawn
//! by hand (emergency advice, lateness, the Ombudsman summary, check and
//! confirmation). Browser effects go through [`crate::edge`].

pub mod app;
pub mod check;
pub mod confirm;
pub mod draft;
pub mod evidence;
pub mod fields;
pub mod language;
pub mod lazy;
pub mod question;
pub mod send;
pub mod special;
pub mod tracker;
pub mod wizard;
mod words;

use leptos::prelude::*;

use crate::domain::text::{Msg, Words};
use crate::edge::{console, embed};
use wizard::Wizard;

/// A `tel:` link for a phone number as the landlord wrote it.
pub fn tel_href(phone: &str) -> String {
    format!("tel:{}", phone.chars().filter(|c| c.is_ascii_digit() || *c == '+').collect::<String>())
}

/// A sentence with a link in it: `msg` rendered with its `arg` replaced by
/// a link saying `text` to `href`, wherever the language puts it.
pub fn link_in(w: Wizard, msg: &Msg, arg: &'static str, text: &str, href: &str) -> impl IntoView {
    link_at_mark(&w.say(&msg.clone().text(arg, LINK_MARK)), text, href)
}

/// Where the link goes in a sentence rendered for [`link_at_mark`].
pub const LINK_MARK: &str = "\u{1}";

/// `line` (a sentence rendered with [`LINK_MARK`] as its link's argument)
/// with a link saying `text` to `href` in the mark's place. The link is
/// left-to-right (a number or an address) in any language's sentence.
pub fn link_at_mark(line: &str, text: &str, href: &str) -> impl IntoView {
    let (before, after) = line.split_once(LINK_MARK).unwrap_or((line, ""));
    view! { {before.to_owned()}<a href=href.to_owned() dir="ltr">{text.to_owned()}</a>{after.to_owned()} }
}

/// Mounts one widget into `element` for the lifetime of the page.
pub fn mount(element: embed::HtmlElement, setup: wizard::Setup, words: Words) {
    let words = language::share(words, &setup.config);
    let stored = draft::read(&setup.draft_key);
    leptos::mount::mount_to(element, move || view! { <app::Widget setup=setup words=words stored=stored/> }).forget();
}

/// Finds every host element on the page and mounts a widget into each,
/// inside its own shadow root. `assets` is the public URL the widget's
/// files are served from, ending in `/` (the loader passes its own folder);
/// the stylesheet `putright.css` and the catalogues `i18n/` are there.
pub fn start(assets: &str) {
    // Panic messages in the console only in development builds: in release
    // they would add the formatting code to the widget, and could carry an
    // answer into the console.
    #[cfg(debug_assertions)]
    console_error_panic_hook::set_once();
    let stylesheet = format!("{assets}putright.css");
    for host in embed::hosts() {
        let stylesheet = stylesheet.clone();
        let assets = assets.to_owned();
        // Not leptos's spawner: it is only set up by the first mount.
        wasm_bindgen_futures::spawn_local(async move {
            match embed::load_config(&host).await {
                Ok(config) => {
                    for note in &config.notes {
                        console::warn(note);
                    }
                    // Read once: it chooses the language, then the wizard restores it.
                    let draft_key = draft::claim(&config, &host.instance, host.first_of_config);
                    let stored = draft::read(&draft_key);
                    let locale = language::first_choice(&config, draft::saved_language(stored.as_ref()));
                    let (words, notice) = match language::opening(&assets, &config, &locale).await {
                        Ok(w) => w,
                        Err(problem) => {
                            // Without words nothing can be shown: the landlord's
                            // own placeholder (with their phone number) stays.
                            console::error(&problem);
                            embed::mark(&host, "failed");
                            return;
                        }
                    };
                    embed::clear(&host);
                    let theme = config.theme.clone();
                    let Some((container, plain)) = embed::isolate(&host, &stylesheet, &theme, false) else { return };
                    let setup = wizard::Setup { instance: host.instance.clone(), draft_key, config, manage_title: host.manage_title, assets: Some(assets), plain };
                    leptos::mount::mount_to(container, move || view! { <app::Widget setup=setup words=words stored=stored notice=notice/> }).forget();
                    embed::mark(&host, "ready");
                }
                Err(problem) => {
                    // The landlord's web team sees which setting is wrong; the
                    // resident sees how to reach the landlord instead, in
                    // their own language if it is one the widget ships.
                    console::error(&problem.to_string());
                    let fallback = crate::domain::config::Languages {
                        offered: crate::domain::config::languages::SHIPPED.iter().map(|(t, _)| (*t).to_owned()).collect(),
                        ..Default::default()
                    };
                    let locale = fallback.pick(&crate::edge::page::preferred_languages());
                    let Ok(lang) = embed::load_catalogue(&format!("{assets}i18n/{locale}.json"), "i18n").await else {
                        embed::mark(&host, "failed");
                        return;
                    };
                    // The config's own contact details if they are valid, else
                    // the host element's (as the loader's fallback does).
                    let (phone, email) = problem.contact();
                    let phone = phone.or_else(|| host.fallback_phone.clone());
                    let email = email.or_else(|| host.fallback_email.clone());
                    // Without a phone number, keep the landlord's own
                    // placeholder text (it has their contact details) and add to it.
                    let keep = phone.is_none();
                    if !keep {
                        embed::clear(&host);
                    }
                    let theme = crate::domain::theme::Theme::default();
                    let Some((container, _)) = embed::isolate(&host, &stylesheet, &theme, keep) else { return };
                    let words = Words::new(lang);
                    leptos::mount::mount_to(container, move || view! { <app::ConfigFallback phone=phone email=email words=words/> }).forget();
                    embed::mark(&host, "failed");
                }
            }
        });
    }
}

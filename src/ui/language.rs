//! The resident's language: chosen from their browser's languages among
//! those the landlord offers (or kept from their draft), and switched with
//! a GOV.UK-style language switch that keeps every answer and never
//! reloads the page. Only the language in use is downloaded.

use leptos::prelude::*;

use super::wizard::{Notice, Wizard};
use crate::domain::config::{Languages, LandlordConfig};
use crate::domain::text::{Arg, Msg, Words};
use crate::edge::{console, embed, page};

/// The landlord's details every message may use, and its scheme's words.
pub fn share(words: Words, config: &LandlordConfig) -> Words {
    let words = words
        .share("landlord", Arg::Text(config.landlord_name.clone()))
        .share("ombudsman", Arg::Text(config.ombudsman.name.clone()))
        .share("phone", Arg::Ltr(config.phone.clone()));
    // The scheme's names for its steps, for the tracker's date questions.
    crate::domain::tracker::scheme_words(config.scheme()).into_iter().fold(words, |w, (name, arg)| w.share(name, arg))
}

/// The words of `locale`: the shipped catalogue with the landlord's own
/// over it; for a language the widget does not ship, the landlord's
/// catalogue over the default language, which fills anything it lacks.
pub async fn load(assets: &str, config: &LandlordConfig, locale: &str) -> Result<Words, String> {
    let langs = &config.languages;
    let own = langs.catalogues.get(locale);
    let mut lang = if Languages::is_shipped(locale) {
        embed::load_catalogue(&format!("{assets}i18n/{locale}.json"), "i18n").await?
    } else {
        let url = own.ok_or_else(|| format!("languages.catalogues.{locale}: no catalogue"))?;
        embed::load_catalogue(url, &format!("languages.catalogues.{locale}")).await?
    };
    let mut fallback = None;
    if let (Some(url), true) = (own, Languages::is_shipped(locale)) {
        lang.merge(embed::load_catalogue(url, &format!("languages.catalogues.{locale}")).await?);
    } else if !Languages::is_shipped(locale) && Languages::is_shipped(&langs.default) {
        fallback = Some(embed::load_catalogue(&format!("{assets}i18n/{}.json", langs.default), "i18n").await?);
    }
    // The catalogue names its own locale; the one asked for is the one used.
    lang.locale = locale.to_owned();
    let mut words = Words::new(lang);
    words.fallback = fallback;
    Ok(share(words, config))
}

/// The language to open in: the one the resident chose before (kept with
/// their draft), else their browser's, else the landlord's default.
pub fn first_choice(config: &LandlordConfig, saved: Option<String>) -> String {
    let langs = &config.languages;
    saved.filter(|l| langs.offers(l)).unwrap_or_else(|| langs.pick(&page::preferred_languages()))
}

/// Words to open in: the first choice, else the default (with a note
/// saying so), else nothing can be shown.
pub async fn opening(assets: &str, config: &LandlordConfig, locale: &str) -> Result<(Words, Option<Notice>), String> {
    match load(assets, config, locale).await {
        Ok(w) => Ok((w, None)),
        Err(problem) if locale != config.languages.default => {
            console::error(&problem);
            let w = load(assets, config, &config.languages.default).await?;
            Ok((w, Some(Notice::LanguageFailed)))
        }
        Err(problem) => Err(problem),
    }
}

/// Switches to `locale`, keeping every answer; the heading is focused and
/// the change announced in the new language. If its words cannot be
/// fetched, the form stays as it is and says so.
pub fn switch(w: Wizard, locale: String) {
    let Some(assets) = w.assets() else { return };
    // Focus leaves the button first: it is replaced by the "current
    // language" marker, and focus on a removed element is lost to the page.
    page::focus_heading(&w.instance());
    let config = w.with_config(LandlordConfig::clone);
    leptos::task::spawn_local(async move {
        match load(&assets, &config, &locale).await {
            Ok(words) => {
                w.end_notice(Notice::LanguageFailed);
                w.words.set(words);
                w.announce(Msg::new("status.language"));
                w.after_redraw();
            }
            Err(problem) => {
                console::error(&problem);
                w.tell(Notice::LanguageFailed);
            }
        }
    });
}

/// The language switch: every offered language named in itself, the
/// current one marked, each other one a button.
#[component]
pub fn LanguageSwitch() -> impl IntoView {
    let w = expect_context::<Wizard>();
    let langs = w.with_config(|c| c.languages.clone());
    (langs.offered.len() > 1).then(|| {
        // Each language is one button throughout, so nothing holding focus
        // is ever replaced; the current one is marked, and pressing it does nothing.
        let items = langs
            .offered
            .iter()
            .map(|tag| {
                let name = langs.name(tag);
                let here = Signal::derive({
                    let tag = tag.clone();
                    move || w.words.with(|x| x.lang.locale == tag)
                });
                let to = tag.clone();
                view! {
                    <li>
                        <button type="button" lang=tag.clone()
                            class=move || if here.get() { "pr-language-current" } else { "pr-link-button" }
                            aria-current=move || here.get().then_some("true")
                            on:click=move |_| if !here.get_untracked() { switch(w, to.clone()) }>
                            {name}
                        </button>
                    </li>
                }
            })
            .collect_view();
        view! {
            // A group, not a landmark: a page may hold several widgets.
            <div class="pr-language" role="group" aria-label=move || w.t("toolbar.language")>
                <ul>{items}</ul>
            </div>
        }
    })
}

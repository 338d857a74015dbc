//! The draft kept on this device until it is sent or cleared: the answers,
//! the page, how the resident got there and the "Larger text" choice.
//! Written after every change, once the new page is drawn (at once if
//! the page is left first); read when the widget opens.

use leptos::prelude::*;
use serde::Serialize;
use serde_json::Value;

use super::wizard::Wizard;
use crate::domain::config::LandlordConfig;
use crate::domain::journey::{self, Answers, Page};
use crate::domain::text::Msg;
use crate::edge::{page, storage};

/// The draft's version: 1 was a struct of named answers, 2 the journey's
/// keyed answers. Both read back (the keys are the same).
const VERSION: u64 = 2;

/// The landlord's draft, shared by its widgets on every page of its site.
pub fn shared_key(config: &LandlordConfig) -> String {
    format!("putright:{}:draft", config.landlord_id)
}

thread_local! {
    /// The drafts the widgets on this page keep.
    static CLAIMED: std::cell::RefCell<Vec<String>> = const { std::cell::RefCell::new(Vec::new()) };
}

/// The draft one widget keeps: the landlord's shared one, unless another
/// widget on this page keeps that (two widgets of one landlord on a page),
/// then its own, named by its instance. `first`: whether this widget is
/// the first on the page with its config, so the same one gets the shared
/// draft on every visit.
pub fn claim(config: &LandlordConfig, instance: &str, first: bool) -> String {
    let shared = shared_key(config);
    CLAIMED.with(|c| {
        let mut c = c.borrow_mut();
        let key = if first && !c.contains(&shared) { shared } else { format!("putright:{}:{instance}:draft", config.landlord_id) };
        c.push(key.clone());
        key
    })
}

/// What a saved draft gives back.
#[derive(Default)]
pub struct Saved {
    pub answers: Answers,
    /// `None` when the saved page is not one this build knows.
    pub page: Option<&'static Page>,
    pub trail: Vec<&'static Page>,
    pub large_text: bool,
    pub returning_to_check: bool,
    pub pending_id: Option<String>,
    /// Keys whose saved answers were dropped (never their values).
    pub dropped: Vec<String>,
    /// When it was saved (ms since 1970), if it says.
    pub saved_ms: Option<f64>,
    /// A draft was found but was older than the landlord keeps drafts, and
    /// has been removed.
    pub expired: bool,
}

const DAY_MS: f64 = 86_400_000.0;

impl Saved {
    /// Whether there is anything to continue with.
    pub fn has_answers(&self) -> bool {
        self.answers.iter().next().is_some()
    }
}

/// The stored draft as it is, read once when the widget opens: it gives
/// the language to fetch ([`saved_language`]) and then the answers ([`load`]).
pub fn read(key: &str) -> Option<Value> {
    storage::load::<Value>(key)
}

/// What [`read`] found, made sense of. Anything unreadable is dropped,
/// never guessed: the question is asked again.
pub fn load(config: &LandlordConfig, key: &str, stored: Option<Value>) -> Saved {
    let Some(v) = stored else { return Saved::default() };
    // Too old to restore on what may be a shared device (config storage.draft_days).
    let saved_ms = v["saved_ms"].as_f64();
    if saved_ms.is_some_and(|t| page::now_ms() - t > f64::from(config.storage.draft_days) * DAY_MS) {
        storage::remove(key);
        return Saved { expired: true, ..Saved::default() };
    }
    let (mut answers, dropped) = journey::restore(&v["answers"]);
    answers.carried = v["carried"].as_bool().unwrap_or(false);
    let page_of = |k: &Value| k.as_str().and_then(journey::page);
    // A draft never resumes on the confirmation page: that send is done.
    let page = page_of(&v["page"]).filter(|p| p.key != journey::CONFIRMATION.key);
    Saved {
        trail: if page.is_some() { v["trail"].as_array().map(|t| t.iter().filter_map(page_of).collect()).unwrap_or_default() } else { Vec::new() },
        page,
        answers,
        large_text: v["large_text"].as_bool().unwrap_or(false),
        returning_to_check: v["returning_to_check"].as_bool().unwrap_or(false),
        pending_id: v["pending_id"].as_str().map(str::to_owned),
        dropped,
        saved_ms,
        expired: false,
    }
}

/// The draft as saved (read back by [`load`], and by the loader's
/// `savedDraft` in `public/putright.js`).
#[derive(Serialize)]
struct Kept<'a> {
    v: u64,
    page: &'static str,
    trail: Vec<&'static str>,
    answers: journey::Saved<'a>,
    carried: bool,
    large_text: bool,
    returning_to_check: bool,
    pending_id: Option<String>,
    lang: String,
    #[serde(serialize_with = "page::whole_ms")]
    saved_ms: f64,
}

/// Saves the draft whenever anything in it changes. The effect only notes
/// the change; the draft is written once the new page has been drawn (and
/// at once if the page is hidden or left), so a step never waits for it.
pub fn keep(w: Wizard) {
    let key = w.draft_key();
    Effect::new(move |_| {
        w.page.track();
        w.trail.track();
        w.answers.track();
        w.large_text.track();
        w.returning_to_check.track();
        w.pending_id.track();
        w.words.track();
        let to = key.clone();
        // Slot: the draft's own key, so each widget on the page keeps its own.
        page::after_paint(&key, move || write(w, &to));
    });
}

/// Writes the draft as it is now.
fn write(w: Wizard, key: &str) {
    // The widget is gone (nothing to keep), or it is on the confirmation (the
    // send is done) or deciding whether to continue a draft (kept as it was).
    let Some(page) = w.page.try_get_untracked() else { return };
    if page.key == journey::CONFIRMATION.key || page.key == journey::RESUME.key {
        return;
    }
    let trail = w.trail.with_untracked(|t| t.iter().map(|p| p.key).collect::<Vec<_>>());
    let (large_text, returning_to_check, pending_id) =
        (w.large_text.get_untracked(), w.returning_to_check.get_untracked(), w.pending_id.get_untracked());
    let lang = w.words.with_untracked(|x| x.lang.locale.clone());
    let saved = w.answers.with_untracked(|a| {
        let draft = Kept {
            v: VERSION,
            page: page.key,
            trail,
            answers: journey::Saved(a),
            carried: a.carried,
            large_text,
            returning_to_check,
            pending_id,
            lang,
            saved_ms: page::now_ms(),
        };
        storage::save(key, &draft)
    });
    if !saved {
        w.status.set(Some(Msg::new("status.not_saving")));
    }
}

/// The language the resident chose last time, kept with their draft.
pub fn saved_language(stored: Option<&Value>) -> Option<String> {
    stored?["lang"].as_str().map(str::to_owned)
}

/// Removes the draft from this device.
pub fn forget(w: &Wizard) {
    let key = w.draft_key();
    page::drop_waiting(&key);
    storage::remove(&key);
}

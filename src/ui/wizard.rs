//! The wizard: which page is showing, how the resident got there, the
//! answers so far and the words they read. One `Wizard` per widget
//! instance, provided as context.
//!
//! The pages and the route between them are declared in
//! [`crate::domain::journey`]; this type adds the browser effects: focus,
//! title, history entries and the draft kept on the device.

use leptos::prelude::*;

use super::draft;
use super::send::{Receipt, SendState};
use crate::domain::config::LandlordConfig;
use crate::domain::journey::{self, rep, Answers, Ctx, Page, Special};
use crate::domain::tracker::Note;
use crate::domain::text::{Msg, Words};
use crate::domain::validate::FieldError;
use crate::edge::{console, page};

mod focus;
mod history;
mod notice;

use focus::after_render;

pub use notice::Notice;

/// Everything about this instance that never changes after mounting.
pub struct Setup {
    pub instance: String,
    /// Where its draft is kept ([`draft::claim`], or [`draft::shared_key`]).
    pub draft_key: String,
    pub config: LandlordConfig,
    pub manage_title: bool,
    /// Where the widget's files are (catalogues for other languages), if
    /// it may fetch them.
    pub assets: Option<String>,
    /// What the loader's plain first question held, if the widget took it over.
    pub plain: Option<crate::edge::embed::Plain>,
}

#[derive(Clone, Copy)]
pub struct Wizard {
    pub page: RwSignal<&'static Page>,
    /// Pages before this one, oldest first (the back link pops it).
    pub trail: RwSignal<Vec<&'static Page>>,
    pub answers: RwSignal<Answers>,
    /// Whether a representative is filling in the form (their wording):
    /// texts follow this, not every keystroke in the answers.
    pub by_rep: Memo<bool>,
    /// The resident's language, and the landlord's details every message may use.
    pub words: RwSignal<Words>,
    /// Errors found by the last Continue on this page.
    pub errors: RwSignal<Vec<FieldError>>,
    /// Announced through the polite live region (saved, sending, sent...).
    pub status: RwSignal<Option<Msg>>,
    /// Shown above the page, for as long as its kind says ([`Notice`]).
    pub notice: RwSignal<Option<Notice>>,
    pub large_text: RwSignal<bool>,
    /// Files being made ready on this page: Continue waits for them.
    pub preparing: RwSignal<u32>,
    /// Set when a "Change" link on the check page opened this page.
    pub returning_to_check: RwSignal<bool>,
    /// The id of a submission being sent, so pressing Send twice, or
    /// reloading mid-send, never makes a second submission.
    pub pending_id: RwSignal<Option<String>>,
    pub send: RwSignal<SendState>,
    /// What the confirmation page shows.
    pub receipt: RwSignal<Option<Receipt>>,
    /// Sends from earlier visits that were delivered after this page opened.
    pub earlier: RwSignal<Vec<Receipt>>,
    /// Sends that stopped trying, kept for the resident to see (outbox keys
    /// and when they were sent).
    pub not_sent: RwSignal<Vec<(String, f64)>>,
    /// The resident's notes of what they sent ("My complaints").
    pub notes: RwSignal<Vec<Note>>,
    /// The reference of the note a date is being recorded on.
    pub tracking: RwSignal<Option<String>>,
    /// After "Clear my answers" with notes kept: offer to delete them too.
    pub offer_clear_notes: RwSignal<bool>,
    /// How many times a page was shown (a move either way, or the answers
    /// started again): work begun on a page (a file being made ready) sees
    /// this change and keeps nothing, so nothing it says lands on another
    /// page. A change of language is not a move.
    pub visits: StoredValue<u32>,
    /// Where a restored draft continues, and when it was saved.
    resume: StoredValue<Option<(&'static Page, Vec<&'static Page>, f64)>>,
    /// Pages left by the browser's Back button, nearest last: its Forward
    /// button goes to them again while the answers still lead there.
    ahead: StoredValue<Vec<&'static Page>>,
    /// Set when a move found no heading to focus: the page is a lazy part
    /// still on its way, and takes focus when it arrives.
    heading_due: StoredValue<bool>,
    /// Set while the back link's own move through the browser's history
    /// is on its way: the live region was hushed for it already, and what
    /// was said since (a date recorded) stays.
    own_pop: StoredValue<bool>,
    setup: StoredValue<Setup>,
}

impl Wizard {
    /// `stored`: the draft as [`draft::read`] found it when the widget opened.
    pub fn new(setup: Setup, words: Words, stored: Option<serde_json::Value>) -> Self {
        let saved = draft::load(&setup.config, &setup.draft_key, stored);
        for key in &saved.dropped {
            console::warn(&format!("draft: the saved answer to \"{key}\" is not one this form asks for, so it is asked again"));
        }
        let expired = saved.expired;
        let has_answers = saved.has_answers();
        let answers = RwSignal::new(saved.answers);
        let w = Wizard {
            page: RwSignal::new(journey::first()),
            trail: RwSignal::new(Vec::new()),
            answers,
            by_rep: Memo::new(move |_| answers.with(rep::by_rep)),
            words: RwSignal::new(words),
            errors: RwSignal::new(Vec::new()),
            status: RwSignal::new((!saved.dropped.is_empty()).then(|| Msg::new("status.restored_dropped"))),
            notice: RwSignal::new(None),
            large_text: RwSignal::new(saved.large_text),
            preparing: RwSignal::new(0),
            returning_to_check: RwSignal::new(saved.returning_to_check),
            pending_id: RwSignal::new(saved.pending_id),
            send: RwSignal::new(SendState::Idle),
            receipt: RwSignal::new(None),
            earlier: RwSignal::new(Vec::new()),
            not_sent: RwSignal::new(Vec::new()),
            notes: RwSignal::new(super::tracker::load(&setup.config)),
            tracking: RwSignal::new(None),
            offer_clear_notes: RwSignal::new(false),
            visits: StoredValue::new(0),
            resume: StoredValue::new(None),
            ahead: StoredValue::new(Vec::new()),
            heading_due: StoredValue::new(false),
            own_pop: StoredValue::new(false),
            setup: StoredValue::new(setup),
        };
        if expired {
            let days = w.with_config(|c| c.storage.draft_days);
            w.status.set(Some(Msg::new("status.draft_expired").count(days)));
        }
        // Back where the resident was; a page this build does not know
        // (a draft from an older version) resumes at the first unanswered one.
        let here = saved.page.unwrap_or_else(|| w.answers.with_untracked(|a| w.ctx(|c| journey::first_unfinished(a, c))));
        if has_answers {
            // A shared device: nothing from the draft is shown until the
            // resident says it is theirs, not even a send still waiting
            // (it goes on meanwhile: see `send::on_update`).
            w.resume.set_value(Some((here, saved.trail, saved.saved_ms.unwrap_or_else(page::now_ms))));
            w.page.set(&journey::RESUME);
        } else {
            w.page.set(here);
            w.trail.set(saved.trail);
        }
        if let Some(plain) = w.setup.with_value(|s| s.plain.clone()) {
            w.take_over(plain);
        }
        draft::keep(w);
        w.follow_browser_history();
        super::send::resume(w);
        // Files left by answers no longer kept (wasm_bindgen_futures: leptos's
        // spawner is set up by the mount this runs inside).
        wasm_bindgen_futures::spawn_local(crate::edge::files::sweep());
        w
    }

    /// Carries on from the loader's plain first question: what was ticked
    /// stays ticked, a Continue pressed there is pressed here (to the
    /// advice, the next question or the errors), and focus stays put.
    fn take_over(self, plain: crate::edge::embed::Plain) {
        if self.page.get_untracked().key != journey::first().key {
            return; // a draft continues elsewhere
        }
        let ticked = journey::start::hazards_from(&plain.checked);
        if ticked != journey::Value::Many(Vec::new()) {
            self.answers.update(|a| a.set(journey::start::HAZARDS.0, ticked));
        }
        if plain.submitted {
            self.continue_from();
        } else if let Some(id) = plain.focus {
            after_render(move || page::focus_id(&id));
        }
    }

    /// When the draft waiting to be continued was saved.
    pub fn resume_saved_ms(&self) -> Option<f64> {
        self.resume.with_value(|r| r.as_ref().map(|(_, _, t)| *t))
    }

    /// "Continue": back where the resident left off.
    pub fn resume(&self) {
        if let Some((here, trail, _)) = self.resume.get_value() {
            self.resume.set_value(None);
            self.trail.set(trail);
            self.page.set(here);
            self.after_page_change();
            super::lazy::preload_route(*self);
        }
    }

    /// "Continue" goes to `page` instead (the draft's send was delivered
    /// while the question was asked).
    pub fn resume_to(&self, page: &'static Page) {
        self.resume.update_value(|r| {
            if let Some((here, trail, _)) = r {
                *here = page;
                trail.clear();
            }
        });
    }

    /// Once sent (queued), the answers are what was sent: nothing can be
    /// changed until the send is delivered or refused.
    pub fn locked(&self) -> bool {
        self.pending_id.with(Option::is_some) && matches!(self.send.get(), SendState::Sending | SendState::Waiting { .. })
    }

    pub fn assets(&self) -> Option<String> {
        self.setup.with_value(|s| s.assets.clone())
    }

    pub fn instance(&self) -> String {
        self.setup.with_value(|s| s.instance.clone())
    }

    /// The local storage key of this widget's draft.
    pub fn draft_key(&self) -> String {
        self.setup.with_value(|s| s.draft_key.clone())
    }

    pub fn with_config<R>(&self, f: impl FnOnce(&LandlordConfig) -> R) -> R {
        self.setup.with_value(|s| f(&s.config))
    }

    /// Runs `f` with what checks and texts depend on: today and the config.
    pub fn ctx<R>(&self, f: impl FnOnce(&Ctx) -> R) -> R {
        let today = page::today();
        self.setup.with_value(|s| f(&Ctx { today, config: &s.config }))
    }

    /// A document-unique id for a field of this instance.
    pub fn id(&self, name: &str) -> String {
        format!("{}-{name}", self.instance())
    }

    /// Checks the current page; moves on if it is fine, else shows the errors.
    pub fn continue_from(&self) {
        self.hush();
        let current = self.page.get_untracked();
        // A file still being made ready would otherwise be added after the
        // resident has moved on, unseen.
        if self.preparing.get_untracked() > 0 {
            if let Some(f) = current.fields.iter().find(|f| matches!(f.kind, journey::Kind::Files)) {
                self.fail(vec![FieldError::new(f.key, Msg::new("evidence.wait"))]);
                return;
            }
        }
        if current.special == Some(Special::TrackerRecord) {
            super::tracker::record(*self);
            return;
        }
        let errors = self.answers.with_untracked(|a| self.ctx(|c| current.errors(a, c)));
        if !errors.is_empty() {
            self.fail(errors);
            return;
        }
        super::lazy::preload_route(*self);
        let next = self.next_from(current);
        if next.key == journey::CHECK.key {
            self.returning_to_check.set(false);
        }
        self.go(super::tracker::before_task(*self, next));
    }

    /// Where Continue leads from `here`: after a "Change" link, back towards
    /// "Check your answers" ([`journey::next_after_change`]).
    fn next_from(&self, here: &'static Page) -> &'static Page {
        let back_to_check = self.returning_to_check.get_untracked() && here.key != journey::CHECK.key;
        self.answers.with_untracked(|a| {
            self.ctx(|c| {
                if back_to_check {
                    self.trail.with_untracked(|trail| journey::next_after_change(a, c, here, trail))
                } else {
                    journey::next(a, c, here)
                }
            })
        })
    }

    /// Shows these errors: summary focused, "Error: " in the title.
    pub fn fail(&self, errors: Vec<FieldError>) {
        self.errors.set(errors);
        let me = *self;
        after_render(move || {
            page::focus_id(&me.id("error-summary"));
            me.set_title(true, None);
        });
    }

    /// Moves to `next`, remembering where we came from.
    pub fn go(&self, next: &'static Page) {
        let current = self.page.get_untracked();
        if next.key == current.key || (next.key != journey::CONFIRMATION.key && self.locked_untracked()) {
            return;
        }
        if self.offer_clear_notes.get_untracked() {
            self.offer_clear_notes.set(false);
        }
        self.hush();
        self.trail.update(|t| t.push(current));
        self.ahead.update_value(Vec::clear);
        self.page.set(next);
        page::push_step(&self.instance(), self.trail.with_untracked(Vec::len));
        self.after_page_change();
    }

    /// Opens a page from a "Change" link on the check page.
    pub fn change(&self, key: &str) {
        if let Some(p) = journey::page(key) {
            self.returning_to_check.set(true);
            self.go(p);
        }
    }

    fn locked_untracked(&self) -> bool {
        self.pending_id.with_untracked(Option::is_some) && matches!(self.send.get_untracked(), SendState::Sending | SendState::Waiting { .. })
    }

    /// Starts again with nothing kept (for shared devices).
    pub fn clear(&self) {
        draft::forget(self);
        let named = self.answers.with_untracked(|a| a.files(journey::evidence::FILES.0).iter().map(|f| f.id.clone()).collect::<Vec<_>>());
        crate::edge::files::release_claims(&named);
        leptos::task::spawn_local(crate::edge::files::sweep());
        self.restart(Answers::default());
        self.announce(Msg::new("status.cleared"));
        self.offer_clear_notes.set(!self.notes.with_untracked(Vec::is_empty));
    }

    /// After a send: another task, keeping who the resident is, their
    /// representative and their support needs, so nothing is asked twice.
    pub fn another_task(&self) {
        let next = self.answers.with_untracked(|a| self.ctx(|c| journey::flow::for_another_task(a, c)));
        self.restart(next);
    }

    /// Back to the first page with these answers and nothing in progress.
    fn restart(&self, answers: Answers) {
        self.resume.set_value(None);
        self.answers.set(answers);
        self.trail.set(Vec::new());
        self.errors.set(Vec::new());
        self.returning_to_check.set(false);
        self.pending_id.set(None);
        self.receipt.set(None);
        self.send.set(SendState::Idle);
        self.page.set(journey::first());
        page::mark_step(&self.instance(), 0);
        self.after_page_change();
    }
}

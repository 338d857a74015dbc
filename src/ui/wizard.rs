//! The wizard: which step is showing, how the resident got there, and the
//! answers so far. One `Wizard` per widget instance, provided as context.
//!
//! The steps and the rules for moving between them are pure
//! ([`crate::domain::journey`]); this type adds the browser effects: focus,
//! title, history entries and the locally kept draft.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::domain::config::LandlordConfig;
use crate::domain::journey::{Answers, FieldError, Step};
use super::send::{Receipt, SendState};
use crate::edge::{page, storage};

/// Everything about this instance that never changes after mounting.
pub struct Setup {
    pub instance: String,
    pub config: LandlordConfig,
    pub manage_title: bool,
}

#[derive(Clone, Copy)]
pub struct Wizard {
    pub step: RwSignal<Step>,
    /// Steps before this one, oldest first (the back link pops it).
    pub trail: RwSignal<Vec<Step>>,
    pub answers: RwSignal<Answers>,
    /// Errors found by the last Continue on this step.
    pub errors: RwSignal<Vec<FieldError>>,
    /// Announced through the polite live region (saved, sending, sent...).
    pub status: RwSignal<String>,
    pub large_text: RwSignal<bool>,
    /// Set when a "Change" link on the check page opened this step.
    pub returning_to_check: RwSignal<bool>,
    /// The id of a submission being sent, so pressing Send twice, or
    /// reloading mid-send, never makes a second submission.
    pub pending_id: RwSignal<Option<String>>,
    pub send: RwSignal<SendState>,
    /// What the confirmation page shows.
    pub receipt: RwSignal<Option<Receipt>>,
    /// Sends from earlier visits that were delivered after this page opened.
    pub earlier: RwSignal<Vec<Receipt>>,
    setup: StoredValue<Setup>,
}

/// What is kept between visits on this device until sent or cleared.
#[derive(Serialize, Deserialize, Default)]
struct Draft {
    step: Step,
    trail: Vec<Step>,
    answers: Answers,
    large_text: bool,
    #[serde(default)]
    returning_to_check: bool,
    #[serde(default)]
    pending_id: Option<String>,
}

impl Wizard {
    pub fn new(setup: Setup) -> Self {
        let key = draft_key(&setup.config);
        let draft: Draft = storage::load(&key).unwrap_or_default();
        // A draft never resumes on the confirmation page: that send is done.
        let (step, trail) = if draft.step == Step::Confirmation { (Step::default(), Vec::new()) } else { (draft.step, draft.trail) };
        let w = Wizard {
            step: RwSignal::new(step),
            trail: RwSignal::new(trail),
            answers: RwSignal::new(draft.answers),
            errors: RwSignal::new(Vec::new()),
            status: RwSignal::new(String::new()),
            large_text: RwSignal::new(draft.large_text),
            returning_to_check: RwSignal::new(draft.returning_to_check),
            pending_id: RwSignal::new(draft.pending_id),
            send: RwSignal::new(SendState::Idle),
            receipt: RwSignal::new(None),
            earlier: RwSignal::new(Vec::new()),
            setup: StoredValue::new(setup),
        };
        w.keep_draft();
        w.follow_browser_history();
        super::send::resume(w);
        w
    }

    /// Saves the draft whenever anything in it changes.
    fn keep_draft(self) {
        let key = self.with_config(draft_key);
        Effect::new(move |_| {
            let draft = Draft {
                step: self.step.get(),
                trail: self.trail.get(),
                answers: self.answers.get(),
                large_text: self.large_text.get(),
                returning_to_check: self.returning_to_check.get(),
                pending_id: self.pending_id.get(),
            };
            if draft.step == Step::Confirmation {
                return;
            }
            if !storage::save(&key, &draft) {
                self.status.set(
                    "This browser is not letting us save your answers. They will be lost if you close this page.".into(),
                );
            }
        });
    }

    fn follow_browser_history(self) {
        let instance = self.instance();
        page::on_history_pop(instance, move |depth| {
            let trail = self.trail.get_untracked();
            if depth < trail.len() {
                self.step.set(trail[depth]);
                self.trail.set(trail[..depth].to_vec());
                self.after_step_change();
            }
        });
    }

    pub fn instance(&self) -> String {
        self.setup.with_value(|s| s.instance.clone())
    }

    pub fn with_config<R>(&self, f: impl FnOnce(&LandlordConfig) -> R) -> R {
        self.setup.with_value(|s| f(&s.config))
    }

    /// A document-unique id for a field of this instance.
    pub fn id(&self, name: &str) -> String {
        format!("{}-{name}", self.instance())
    }

    /// The current error message for one field, if any.
    pub fn error_for(&self, name: &'static str) -> Signal<Option<String>> {
        let errors = self.errors;
        Signal::derive(move || errors.with(|es| es.iter().find(|e| e.field == name).map(|e| e.message.clone())))
    }

    /// Checks the current step; moves on if it is fine, else shows the errors.
    pub fn continue_from(&self) {
        let step = self.step.get_untracked();
        let today = page::today();
        let errors = self.answers.with_untracked(|a| a.check(step, today));
        if !errors.is_empty() {
            self.fail(errors);
            return;
        }
        let next = if self.returning_to_check.get_untracked() && step != Step::Check {
            self.answers.with_untracked(|a| a.next_after_change(step, today))
        } else {
            self.answers.with_untracked(|a| a.next(step, today))
        };
        if next == Step::Check {
            self.returning_to_check.set(false);
        }
        self.go(next);
    }

    /// Shows these errors: summary focused, "Error: " in the title.
    pub fn fail(&self, errors: Vec<FieldError>) {
        self.errors.set(errors);
        let me = *self;
        request_animation_frame(move || {
            page::focus_id(&me.id("error-summary"));
            if me.setup.with_value(|s| s.manage_title) {
                if let Some(t) = page::focus_heading_text(&me.instance()) {
                    page::set_title(&format!("Error: {t} - {}", me.with_config(|c| c.landlord_name.clone())));
                }
                page::focus_id(&me.id("error-summary"));
            }
        });
    }

    /// Moves to `next`, remembering where we came from.
    pub fn go(&self, next: Step) {
        let current = self.step.get_untracked();
        if next == current {
            return;
        }
        self.trail.update(|t| t.push(current));
        self.step.set(next);
        page::push_step(&self.instance(), self.trail.with_untracked(Vec::len));
        self.after_step_change();
    }

    /// Opens a step from a "Change" link on the check page.
    pub fn change(&self, step: Step) {
        self.returning_to_check.set(true);
        self.go(step);
    }

    /// The back link: the previous step, kept in step with the browser's history.
    pub fn back(&self) {
        let depth = self.trail.with_untracked(Vec::len);
        if depth == 0 {
            return;
        }
        if page::current_depth(&self.instance()) == Some(depth) {
            // Our history entry is on top: let the browser go back, and the
            // popstate handler moves the step, so both stay in step.
            page::history_back();
        } else {
            let mut trail = self.trail.get_untracked();
            let prev = trail.pop().unwrap_or_default();
            self.trail.set(trail);
            self.step.set(prev);
            self.after_step_change();
        }
    }

    /// Starts again with nothing kept (for shared devices).
    pub fn clear(&self) {
        storage::remove(&self.with_config(draft_key));
        self.restart(Answers::default());
        self.status.set("Your answers have been cleared from this device.".into());
    }

    /// After a send: another task, keeping who the resident is, their
    /// representative and their support needs, so nothing is asked twice.
    pub fn another_task(&self) {
        self.restart(self.answers.with_untracked(Answers::for_another_task));
    }

    /// Back to the first step with these answers and nothing in progress.
    fn restart(&self, answers: Answers) {
        self.answers.set(answers);
        self.trail.set(Vec::new());
        self.errors.set(Vec::new());
        self.returning_to_check.set(false);
        self.pending_id.set(None);
        self.receipt.set(None);
        self.send.set(SendState::Idle);
        self.step.set(Step::default());
        self.after_step_change();
    }

    /// The landlord's stage 2 window, as it applies to the answers so far.
    pub fn escalation_window_note(&self) -> Option<String> {
        let today = page::today();
        self.with_config(|c| self.answers.with_untracked(|a| a.escalation_window_note(c, today)))
    }

    /// Forgets the draft after a successful send.
    pub fn forget_draft(&self) {
        storage::remove(&self.with_config(draft_key));
    }

    fn after_step_change(&self) {
        self.errors.set(Vec::new());
        let me = *self;
        request_animation_frame(move || {
            let title = page::focus_heading(&me.instance());
            if me.setup.with_value(|s| s.manage_title) {
                if let Some(t) = title {
                    page::set_title(&format!("{t} - {}", me.with_config(|c| c.landlord_name.clone())));
                }
            }
        });
    }
}

fn draft_key(config: &LandlordConfig) -> String {
    format!("putright:{}:draft", config.landlord_id)
}

//! The words a wizard's pages read: messages in the resident's language,
//! in the representative's wording when they are filling in the form, and
//! each field's error message.

use leptos::prelude::*;

use super::wizard::Wizard;
use crate::domain::text::{Msg, Render};

impl Wizard {
    /// A message in the resident's language (reactive to the language), in
    /// the representative's wording when they are filling in the form.
    pub fn say(&self, msg: &Msg) -> String {
        let rep = self.by_rep.get();
        self.words.with(|w| {
            let key = w.variant(&msg.key, rep);
            if key == msg.key {
                w.render(msg)
            } else {
                w.render(&Msg { key: key.into(), args: msg.args.clone() })
            }
        })
    }

    /// The text of `key`, in the representative's wording when they are
    /// filling in the form (`key@rep`).
    pub fn t(&self, key: &str) -> String {
        self.say(&Msg::new(key.to_owned()))
    }

    /// [`Self::say`] once, for a text drawn with its page that does not
    /// change while the page shows: a move and a language switch both draw
    /// the page afresh (the step is keyed by both in app.rs), and the one
    /// question that changes the wording (who is filling in the form) has
    /// no representative wording on its own page. Cheaper than a reactive
    /// text: nothing to subscribe, and nothing to tear down.
    pub fn say_now(&self, msg: &Msg) -> String {
        untrack(|| self.say(msg))
    }

    /// [`Self::t`] once (see [`Self::say_now`]).
    pub fn t_now(&self, key: &str) -> String {
        untrack(|| self.t(key))
    }

    /// Whether the catalogue has `key` (optional texts such as hints).
    /// Every language has the same keys, so this never changes with it.
    pub fn has(&self, key: &str) -> bool {
        self.words.with_untracked(|w| w.exists(key))
    }

    /// The current error message for one field, if any, in the same
    /// wording as the error summary's link to it.
    pub fn error_for(&self, name: &'static str) -> Signal<Option<String>> {
        let w = *self;
        Signal::derive(move || w.errors.with(|es| es.iter().find(|e| e.field == name).map(|e| w.say(&e.message))))
    }
}

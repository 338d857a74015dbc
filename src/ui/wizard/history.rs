//! The widget's pages and the browser's history, kept in step: the back
//! link, and the browser's own Back and Forward buttons.

use super::Wizard;
use crate::domain::journey;
use crate::edge::page;
use leptos::prelude::*;

impl Wizard {
    /// The back link: the previous page, kept in step with the browser's history.
    pub fn back(&self) {
        let depth = self.trail.with_untracked(Vec::len);
        if depth == 0 || self.locked_untracked() {
            return;
        }
        if page::current_depth(&self.instance()) == Some(depth) {
            // Our history entry is on top: let the browser go back, and the
            // popstate handler moves the page, so both stay in step.
            page::history_back();
        } else {
            let mut trail = self.trail.get_untracked();
            let prev = trail.pop().unwrap_or(journey::first());
            self.trail.set(trail);
            self.page.set(prev);
            self.after_page_change();
        }
    }

    /// The browser's Back and Forward buttons move the widget's pages.
    pub(super) fn follow_browser_history(self) {
        page::on_history_pop(self.instance(), move |depth| {
            if self.locked_untracked() {
                return;
            }
            let mut trail = self.trail.get_untracked();
            let here = self.page.get_untracked();
            if here.key == journey::CONFIRMATION.key {
                // What was sent is never opened again to be sent twice: Back
                // passes over the journey's entries and the confirmation stays.
                if depth > 0 {
                    page::history_back();
                }
                return;
            }
            if depth < trail.len() {
                self.ahead.update_value(|v| v.extend(std::iter::once(here).chain(trail[depth + 1..].iter().copied().rev())));
                self.page.set(trail[depth]);
                trail.truncate(depth);
                self.trail.set(trail);
                self.after_page_change();
            } else if depth == trail.len() + 1 {
                // Forward, to the page Back left, if this page's answers still
                // pass and lead there; otherwise the browser goes back again,
                // so its history and the widget stay in step.
                let on = self.answers.with_untracked(|a| self.ctx(|c| here.passes(a, c).then(|| journey::next(a, c, here))));
                if let Some(next) = on.filter(|p| self.ahead.with_value(|v| v.last().is_some_and(|x| x.key == p.key))) {
                    self.ahead.update_value(|v| v.truncate(v.len() - 1));
                    trail.push(here);
                    self.trail.set(trail);
                    self.page.set(next);
                    self.after_page_change();
                } else {
                    page::history_back();
                }
            } else if depth > trail.len() + 1 && self.resume.with_value(Option::is_none) {
                // An entry left from before "Clear my answers" or "Do
                // something else": its pages are gone, so Back passes over
                // them all in one press. (While "Continue?" is asked, the
                // draft's own entries wait for its answer.)
                page::history_back();
            }
        });
    }
}

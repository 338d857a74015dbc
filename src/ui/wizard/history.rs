//! The widget's pages and the browser's history, kept in step: the back
//! link, and the browser's own Back and Forward buttons.

use super::Wizard;
use crate::domain::journey::{self, Page};
use crate::edge::page;
use leptos::prelude::*;

impl Wizard {
    /// The back link: the previous page, kept in step with the browser's history.
    pub fn back(&self) {
        let depth = self.trail.with_untracked(Vec::len);
        if depth == 0 || self.locked_untracked() {
            return;
        }
        self.hush();
        if page::current_depth(&self.instance()) == Some(depth) {
            // Our history entry is on top: let the browser go back, and the
            // popstate handler moves the page, so both stay in step.
            self.own_pop.set_value(true);
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
            if !std::mem::take(&mut *self.own_pop.write_value()) {
                self.hush();
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
                // Forward, to the page Back left, if the answers still lead
                // there; otherwise the browser goes back again, so its
                // history and the widget stay in step.
                if let Some(next) = self.forward_to(here) {
                    self.ahead.update_value(|v| v.truncate(v.len() - 1));
                    // As if by Continue, or by the page's "Change" link.
                    self.returning_to_check.set(here.key == journey::CHECK.key && next.key != journey::CONFIRMATION.key);
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

    /// The page Back left from `here`, if Forward may go to it: where this
    /// page's answers lead by Continue (back to "Check your answers" after a
    /// "Change" link); from "Check your answers", any page its Change links
    /// open (one still on the route).
    fn forward_to(&self, here: &'static Page) -> Option<&'static Page> {
        let ahead = self.ahead.with_value(|v| v.last().copied())?;
        let check = journey::CHECK.key;
        let fine = self.answers.with_untracked(|a| {
            self.ctx(|c| {
                if here.key == check {
                    journey::route(a, c).iter().any(|(p, _)| p.key == ahead.key && p.key != check)
                } else {
                    let trail = self.trail.get_untracked();
                    here.passes(a, c)
                        && (self.next_from(here).key == ahead.key
                            || (ahead.key == check && journey::next_after_change(a, c, here, &trail).key == check))
                }
            })
        });
        fine.then_some(ahead)
    }
}

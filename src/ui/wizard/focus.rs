//! Focus and the page's title follow the page: after a move, after the
//! same page is drawn again in another language, and when a lazy part of
//! the page arrives.

use super::Wizard;
use crate::domain::text::{Msg, Render};
use crate::edge::page;
use leptos::prelude::*;

impl Wizard {
    /// Focus and title follow the new page, once it is on screen.
    pub fn after_page_change(&self) {
        self.visits.update_value(|n| *n = n.wrapping_add(1));
        self.notice_after_move();
        self.after_redraw();
    }

    /// The same page drawn again in another language: focus and title
    /// follow it as after a move, but the resident has not left it (work
    /// it started, such as a file being made ready, carries on).
    pub fn after_redraw(&self) {
        // Only when there were errors: every field's error signal follows it.
        if self.errors.with_untracked(|e| !e.is_empty()) {
            self.errors.set(Vec::new());
        }
        let me = *self;
        after_render(move || {
            let heading = page::focus_heading(&me.instance());
            me.heading_due.set_value(heading.is_none());
            me.set_title(false, heading);
        });
    }

    /// A lazy part is being fetched again ("Try again"): it takes focus when it arrives.
    pub fn heading_to_come(&self) {
        self.heading_due.set_value(true);
    }

    /// A lazy part of the page is on screen (or the message that it did not
    /// load): it takes focus and names the page, if the move to it is still
    /// waiting for a heading.
    pub fn part_arrived(&self) {
        let me = *self;
        after_render(move || {
            if me.heading_due.get_value() {
                me.heading_due.set_value(false);
                let heading = page::focus_heading(&me.instance());
                me.set_title(false, heading);
            }
        });
    }

    /// "<heading> - <landlord>" (with "Error: " first when there is a
    /// problem), only if the landlord lets the widget manage the title.
    /// `heading`: the page's heading text, if the caller has just read it.
    pub(super) fn set_title(&self, error: bool, heading: Option<String>) {
        if !self.setup.with_value(|s| s.manage_title) {
            return;
        }
        if let Some(title) = heading.or_else(|| page::focus_heading_text(&self.instance())) {
            let key = if error { "page.title_error" } else { "page.title" };
            page::set_title(&self.words.with_untracked(|w| w.render(&Msg::new(key).text("title", title))));
        }
    }
}

/// Runs `f` once the change just made is in the DOM: the render effects it
/// woke run first, in the same turn of the event loop, so focus moves with
/// the new page rather than a frame later.
pub(super) fn after_render(f: impl FnOnce() + 'static) {
    leptos::task::spawn_local(async move {
        leptos::task::tick().await;
        f();
    });
}

//! The notice above the page: what it says, and how long it stays.

use super::Wizard;
use crate::domain::text::Msg;
use leptos::prelude::*;

/// Why a notice is shown, which also says how long it stays.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Notice {
    /// The resident's language could not be fetched (on opening, or on a
    /// switch): it stays until a language arrives.
    LanguageFailed,
    /// Files on the list were gone from this device and were taken off it:
    /// said on the page that found them, and gone once the resident moves
    /// on (or once the rest are sent).
    FilesLost,
}

impl Notice {
    pub fn msg(self) -> Msg {
        Msg::new(match self {
            Notice::LanguageFailed => "status.language_failed",
            Notice::FilesLost => "status.files_lost",
        })
    }

    /// Whether it goes when the page changes.
    fn ends_with_page(self) -> bool {
        matches!(self, Notice::FilesLost)
    }
}

impl Wizard {
    /// Shows `n` above the page, in place of any other.
    pub fn tell(&self, n: Notice) {
        self.notice.set(Some(n));
    }

    /// Takes `n` down, if it is the one shown.
    pub fn end_notice(&self, n: Notice) {
        if self.notice.with_untracked(|shown| *shown == Some(n)) {
            self.notice.set(None);
        }
    }

    /// The page changed: a notice that belonged to the last one goes.
    pub(super) fn notice_after_move(&self) {
        if self.notice.with_untracked(|shown| shown.is_some_and(Notice::ends_with_page)) {
            self.notice.set(None);
        }
    }

    /// Says `m` through the polite live region, emptied first for a moment
    /// so the same words said again (a second date recorded) are heard
    /// again: a screen reader reads a change, not what stays the same.
    pub fn announce(&self, m: Msg) {
        self.status.set(None);
        let me = *self;
        super::focus::after_render(move || me.status.set(Some(m)));
    }

    /// The resident acts again (Continue, Back, Forward, any move on):
    /// what the live region said about the last step goes, so a screen
    /// reader moving through the page does not come on stale words. That
    /// the browser refuses to save stays: it is still true.
    pub(super) fn hush(&self) {
        if self.status.with_untracked(|m| m.as_ref().is_some_and(|m| m.key != "status.not_saving")) {
            self.status.set(None);
        }
    }
}

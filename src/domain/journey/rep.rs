//! Appointing a representative (Code 3.6): on its own, or inside another
//! task, and usable by the representative filling it in for the resident.

use super::decl::{ask_if, line, radios, radios_of, Ctx, Line, Opt, Page, Stop};
use super::model::{Answers, One, Text, YesNo};
use super::start::{asks_want, Task, TASK};
use crate::domain::case::{ConsentEvidence, Representative, RepresentativeRole, RepresentativeScope};
use crate::domain::choice::Choice;
use crate::domain::text::Msg;
use crate::domain::validate::{is_blank, FieldError};

crate::choices! {
    /// Who is filling in the form.
    pub enum Filler in "filler" {
        Resident, Representative,
    }
}

pub const WANT: One<YesNo> = One::new("want_rep");
pub const FILLER: One<Filler> = One::new("filler");
pub const NAME: Text = Text("rep_name");
pub const ROLE: One<RepresentativeRole> = One::new("rep_relationship");
pub const PHONE: Text = Text("rep_phone");
pub const EMAIL: Text = Text("rep_email");
pub const SCOPE: One<RepresentativeScope> = One::new("rep_powers");
pub const CONSENT: One<ConsentEvidence> = One::new("rep_consent");

/// The representative is filling in the form (pages then say "the
/// resident"). Asked only when appointing a representative: an answer
/// left from that task, changed since, has no row to change it, so it
/// does not count.
pub fn by_rep(a: &Answers) -> bool {
    TASK.is(a, Task::Representative) && FILLER.is(a, Filler::Representative)
}

/// A representative is part of what is sent: appointed as the task, or
/// "yes" on the page asking whether the resident wants one, where that
/// page is asked (a "yes" left from a task changed since does not count).
pub fn wanted(a: &Answers) -> bool {
    TASK.is(a, Task::Representative) || (asks_want(a) && WANT.is(a, YesNo::Yes))
}

/// Only evidence a landlord can accept for the role (Code 3.6); and only
/// the resident can give permission in the form themselves.
fn consents(a: &Answers, _: &Ctx) -> Vec<Opt> {
    let accepted = ROLE.get(a).map_or(ConsentEvidence::ALL, RepresentativeRole::accepted_evidence);
    accepted.iter().filter(|c| !(by_rep(a) && **c == ConsentEvidence::ResidentConfirms)).map(|c| Opt::of(*c)).collect()
}

static WANT_PAGE: Page = Page::ask("want_rep", &[radios(&WANT)]);
static FILLER_PAGE: Page = Page::ask("filler", &[radios(&FILLER)]);
static NAME_PAGE: Page = Page::ask("rep_name", &[line(&NAME, Line::Name).payload("representative.name").autocomplete("name").about_rep()]);
static ROLE_PAGE: Page = Page::ask("rep_relationship", &[radios(&ROLE).payload("representative.role")]);
static CONTACT_PAGE: Page = Page::titled(
    "rep_contact",
    &[
        line(&PHONE, Line::Phone).optional().payload("representative.phone").autocomplete("tel").about_rep(),
        line(&EMAIL, Line::Email).optional().payload("representative.email").autocomplete("email").about_rep(),
    ],
)
.check(|a, _| {
    if is_blank(PHONE.get(a)) && is_blank(EMAIL.get(a)) {
        vec![FieldError::new("rep_phone", Msg::new("rep_contact.missing"))]
    } else {
        vec![]
    }
});
static SCOPE_PAGE: Page = Page::ask("rep_powers", &[radios(&SCOPE).payload("representative.scope")]);
static CONSENT_PAGE: Page = Page::ask("rep_consent", &[radios_of(&CONSENT, consents).payload("representative.consent")]);

fn on(a: &Answers, _: &Ctx) -> super::decl::On {
    ask_if(wanted(a))
}

pub static STOPS: [Stop; 7] = [
    Stop { page: &WANT_PAGE, on: |a, _| ask_if(asks_want(a)) },
    Stop { page: &FILLER_PAGE, on: |a, _| ask_if(TASK.is(a, Task::Representative)) },
    Stop { page: &NAME_PAGE, on },
    Stop { page: &ROLE_PAGE, on },
    Stop { page: &CONTACT_PAGE, on },
    Stop { page: &SCOPE_PAGE, on },
    Stop { page: &CONSENT_PAGE, on },
];

pub fn representative(a: &Answers) -> Option<Representative> {
    if !wanted(a) {
        return None;
    }
    let consent = CONSENT.get(a)?;
    let mut r = Representative::new(ROLE.get(a)?, NAME.get(a), consent);
    r.phone = PHONE.opt(a);
    r.email = EMAIL.opt(a);
    r.scope = SCOPE.get(a).unwrap_or_default();
    r.resident_confirmed = consent == ConsentEvidence::ResidentConfirms && !by_rep(a);
    r.submitted_by_representative = by_rep(a);
    Some(r)
}

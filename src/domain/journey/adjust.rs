//! Reasonable adjustments and communication needs (Equality Act 2010;
//! Code 3.1, 5.10). Disability details are special-category data: always
//! optional, and recorded only with the resident's explicit consent.

use super::decl::{ask_if, checkboxes, line, long_text, radios, Ctx, Line, Note, Page, Stop, Tone};
use super::model::{Answers, Many, One, Text, YesNo};
use super::start::{asks_want, Task, TASK};
use crate::domain::case::{Adjustments, ContactMethod, DisabilityDisclosure, Format, Interpreter};
use crate::domain::text::Msg;
use crate::domain::validate::{is_blank, FieldError};

crate::choices! {
    /// What would help.
    pub enum Need in "need" {
        LargePrint, EasyRead, Braille, Audio, Language, Interpreter, PhoneNotWriting, TextNotPhone,
        EmailNotPhone, LetterNotPhone, SetTimes, ExtraTime, NamedContact, SupportPerson, Other,
    }
}

/// The needs that change how we contact the resident, and the method each means.
const CONTACT_NEEDS: [(Need, ContactMethod); 4] = [
    (Need::PhoneNotWriting, ContactMethod::Phone),
    (Need::TextNotPhone, ContactMethod::Text),
    (Need::EmailNotPhone, ContactMethod::Email),
    (Need::LetterNotPhone, ContactMethod::Letter),
];

pub const WANT: One<YesNo> = One::new("want_adjustments");
pub const NEEDS: Many<Need> = Many::new("adj_needs");
pub const LANGUAGE: Text = Text("adj_language");
pub const TIMES: Text = Text("adj_times");
pub const OTHER: Text = Text("adj_other");
pub const DISABILITY: Text = Text("adj_disability");
pub const CONSENT: One<YesNo> = One::new("adj_consent");

/// Support needs are part of what is sent: asked for on their own, or
/// "yes" on the page asking whether the resident has any, which only a
/// complaint, a service request and a stage 2 request ask. Appointing a
/// representative is a request of its own, about who deals with the
/// landlord, and its payload carries no adjustments (the resident asks
/// for those as their own task). A "yes" left from a task changed since,
/// where that page is not asked, does not count.
pub fn wanted(a: &Answers) -> bool {
    TASK.is(a, Task::Adjustments) || (asks_want(a) && WANT.is(a, YesNo::Yes))
}

fn needs_language(a: &Answers) -> bool {
    NEEDS.has(a, Need::Language) || NEEDS.has(a, Need::Interpreter)
}

static WANT_PAGE: Page = Page::ask("want_adjustments", &[radios(&WANT)]);
static NEEDS_PAGE: Page = Page::ask("adj_needs", &[checkboxes(&NEEDS).payload("adjustments.formats")])
    .check(one_contact_method)
    .notes(&[Note::link(|_, _| None, |c| c.config.policy_urls.reasonable_adjustments.clone().map(|u| ("link.adjustments_policy", u))).below()]);
static DETAILS_PAGE: Page = Page::titled(
    "adj_details",
    &[
        line(&LANGUAGE, Line::Plain).when(needs_language).payload("adjustments.language"),
        line(&TIMES, Line::Plain).when(|a| NEEDS.has(a, Need::SetTimes)).payload("adjustments.contact_times"),
        long_text(&OTHER).when(|a| NEEDS.has(a, Need::Other)).payload("adjustments.other"),
    ],
);
static DISABILITY_PAGE: Page = Page::ask(
    "adj_disability",
    &[
        long_text(&DISABILITY).optional().payload("adjustments.disability.details").kept_if(consented),
        radios(&CONSENT).when(|a| !is_blank(DISABILITY.get(a)))
            .payload("adjustments.disability.consent_to_record"),
    ],
)
.notes(&[Note { tone: Tone::Plain, text: |_, _| Some(Msg::new("adj_disability.note")), after: true, link: None }]);

/// When the resident asked to be contacted, if that is one of their needs.
pub fn contact_times(a: &Answers) -> Option<String> {
    (wanted(a) && NEEDS.has(a, Need::SetTimes)).then(|| TIMES.opt(a)).flatten()
}

/// Recorded only with the resident's explicit "yes" (UK GDPR article 9).
fn consented(a: &Answers) -> bool {
    CONSENT.is(a, YesNo::Yes)
}

/// Contact instead by one way only: the payload records one method.
fn one_contact_method(a: &Answers, _: &Ctx) -> Vec<FieldError> {
    if CONTACT_NEEDS.iter().filter(|(n, _)| NEEDS.has(a, *n)).count() > 1 {
        vec![FieldError::new("adj_needs", Msg::new("adj_needs.one_contact"))]
    } else {
        vec![]
    }
}

fn on(a: &Answers, _: &Ctx) -> super::decl::On {
    ask_if(wanted(a))
}

pub static STOPS: [Stop; 4] = [
    Stop { page: &WANT_PAGE, on: |a, _| ask_if(asks_want(a)) },
    Stop { page: &NEEDS_PAGE, on },
    Stop { page: &DETAILS_PAGE, on: |a, _| ask_if(wanted(a) && DETAILS_PAGE.fields.iter().any(|f| f.visible(a))) },
    Stop { page: &DISABILITY_PAGE, on },
];

pub fn adjustments(a: &Answers) -> Option<Adjustments> {
    if !wanted(a) {
        return None;
    }
    let has = |n| NEEDS.has(a, n);
    let formats = [(Need::LargePrint, Format::LargePrint), (Need::EasyRead, Format::EasyRead), (Need::Braille, Format::Braille), (Need::Audio, Format::Audio)]
        .into_iter()
        .filter(|(n, _)| has(*n))
        .map(|(_, f)| f)
        .collect();
    let language = if needs_language(a) { LANGUAGE.opt(a) } else { None };
    let bsl = language.as_deref().is_some_and(|l| {
        let l = l.to_ascii_lowercase();
        l.contains("bsl") || l.contains("sign language")
    });
    Some(Adjustments {
        formats,
        interpreter: has(Need::Interpreter).then_some(if bsl { Interpreter::BritishSignLanguage } else { Interpreter::Spoken }),
        language,
        // The one the resident chose.
        contact_method: CONTACT_NEEDS.iter().find(|(n, _)| has(*n)).map(|(_, m)| *m),
        contact_times: contact_times(a),
        extra_time: has(Need::ExtraTime),
        single_contact: has(Need::NamedContact),
        support_person: has(Need::SupportPerson),
        other: if has(Need::Other) { OTHER.opt(a) } else { None },
        disability: DISABILITY
            .opt(a)
            .filter(|_| consented(a))
            .map(|details| DisabilityDisclosure { details, consent_to_record: true }),
    })
}

//! About the resident: asked once and reused across tasks (WCAG 3.3.7),
//! with `autocomplete` so browsers can fill them in.

use super::decl::{when, line, radios, Ctx, Line, On, Page, Stop};
use super::adjust;
use super::model::{Answers, One, Text};
use crate::domain::case::{ContactMethod, Resident};
use crate::domain::text::Msg;
use crate::domain::validate::{is_blank, FieldError};

pub const NAME: Text = Text("name");
pub const ADDRESS: Text = Text("address");
pub const POSTCODE: Text = Text("postcode");
pub const TENANCY: Text = Text("tenancy_ref");
pub const PHONE: Text = Text("phone");
pub const EMAIL: Text = Text("email");
pub const METHOD: One<ContactMethod> = One::new("contact_method");
pub const TIMES: Text = Text("contact_times");

static NAME_PAGE: Page = Page::ask("name", &[line(&NAME, Line::Name).payload("resident.name").autocomplete("name")]);
static ADDRESS_PAGE: Page = Page::titled(
    "address",
    &[
        line(&ADDRESS, Line::Plain).payload("resident.address_lines.0").autocomplete("address-line1"),
        line(&POSTCODE, Line::Postcode).payload("resident.postcode").autocomplete("postal-code"),
        line(&TENANCY, Line::Reference).optional().payload("resident.tenancy_reference"),
    ],
);
static CONTACT_PAGE: Page = Page::titled(
    "contact",
    &[
        line(&PHONE, Line::Phone).optional().payload("resident.phone").autocomplete("tel"),
        line(&EMAIL, Line::Email).optional().payload("resident.email").autocomplete("email"),
    ],
)
.check(|a, _| {
    if is_blank(PHONE.get(a)) && is_blank(EMAIL.get(a)) {
        vec![FieldError::new("phone", Msg::new("contact.missing"))]
    } else {
        vec![]
    }
});
static PREFS_PAGE: Page = Page::ask(
    "contact_method",
    &[
        radios(&METHOD).payload("resident.preferred_contact"),
        // Asked with the support needs when the resident asked to be contacted only at certain times.
        line(&TIMES, Line::Plain).optional().payload("resident.contact_times").unless_answered(|a| adjust::contact_times(a).is_some()),
    ],
)
.check(method_has_detail);

/// The way chosen needs its detail: an email address for email, a phone
/// number for calls and texts (the address is always given).
fn method_has_detail(a: &Answers, _: &Ctx) -> Vec<FieldError> {
    let missing = match METHOD.get(a) {
        Some(ContactMethod::Email) if is_blank(EMAIL.get(a)) => "contact_method.needs_email",
        Some(ContactMethod::Phone | ContactMethod::Text) if is_blank(PHONE.get(a)) => "contact_method.needs_phone",
        _ => return vec![],
    };
    vec![FieldError::new("contact_method", Msg::new(missing))]
}

/// Asked, unless given earlier in this visit.
fn on(a: &Answers, _: &Ctx) -> On {
    if a.carried {
        On::Known
    } else {
        On::Ask
    }
}

pub static STOPS: [Stop; 4] = when(on, [&NAME_PAGE, &ADDRESS_PAGE, &CONTACT_PAGE, &PREFS_PAGE]);

pub fn resident(a: &Answers) -> Resident {
    Resident {
        name: NAME.get(a).to_owned(),
        address_lines: ADDRESS.opt(a).into_iter().collect(),
        postcode: POSTCODE.opt(a),
        tenancy_reference: TENANCY.opt(a),
        phone: PHONE.opt(a),
        email: EMAIL.opt(a),
        preferred_contact: METHOD.get(a).unwrap_or_default(),
        contact_times: TIMES.opt(a).or_else(|| adjust::contact_times(a)),
    }
}

/// The keys of these questions, kept for another task.
pub fn keys() -> impl Iterator<Item = &'static str> {
    STOPS.iter().flat_map(|s| s.page.fields.iter().map(|f| f.key))
}

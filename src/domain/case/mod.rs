//! The case model: who the resident is, who acts for them, what they need,
//! and what they are raising.
//!
//! Each section has `tidy()` (trim text, drop blanks, normalise postcodes)
//! and `validate()`, which checks what the parts mean (what is required,
//! formats, dates, permission for a representative's role) and returns
//! [`Invalid`]s named by payload path (`"resident.phone"`). Lengths are
//! checked once for the whole payload against `payload::LIMITS`.

use serde::{Deserialize, Serialize};

use super::text::Msg;
use super::validate::{self, is_blank, validate_email, validate_phone, validate_postcode, Invalid, Problem};

mod matters;
mod needs;
mod representative;

pub use matters::*;
pub use needs::*;
pub use representative::*;


crate::choices! {
    /// What a submission is.
    pub enum CaseKind in "kind" {
        /// A stage 1 complaint (Code 1.2).
        Complaint,
        /// A request to put something right; not a complaint (Code 1.4).
        ServiceRequest,
        /// A request to take a complaint to stage 2 (Code 6.10).
        Stage2Escalation,
        /// Taking a complaint to the Ombudsman (Code 3.7).
        OmbudsmanReferral,
        /// Naming a representative to act for the resident (Code 3.6).
        RepresentativeAuthority,
        /// Asking for reasonable adjustments (Code 3.1, 5.10).
        AdjustmentsRequest,
    }
}

crate::choices! {
    /// How someone wants to be contacted.
    #[derive(Default)]
    pub enum ContactMethod in "contact_method" {
        Phone, Text,
        #[default]
        Email, Letter,
    }
}

pub(crate) fn tidy_string(s: &mut String) {
    let t = validate::clean(s);
    if t.len() != s.len() {
        *s = t;
    }
}

pub(crate) fn tidy_option(s: &mut Option<String>) {
    *s = validate::clean_optional(s.as_deref());
}

/// A phone number as the landlord can dial it: 0-9 for other scripts'
/// digits, without invisible direction marks (see [`validate_phone`]).
pub(crate) fn tidy_phone(s: &mut Option<String>) {
    tidy_option(s);
    if let Some(p) = s.as_deref().and_then(|p| validate_phone(p).ok()) {
        *s = Some(p);
    }
}

pub(crate) fn tidy_lines(lines: &mut Vec<String>) {
    for l in lines.iter_mut() {
        tidy_string(l);
    }
    lines.retain(|l| !l.is_empty());
}

pub(crate) fn require(e: &mut Vec<Invalid>, path: &str, value: &str) {
    if is_blank(value) {
        e.push(Invalid::new(path, Problem::Missing));
    }
}

/// Checks shared by the resident's and a representative's details.
pub(crate) fn check_contact(e: &mut Vec<Invalid>, prefix: &str, postcode: &Option<String>, phone: &Option<String>, email: &Option<String>) {
    type Check = fn(&str) -> Result<String, Problem>;
    let checks: [(&str, &Option<String>, Check); 3] =
        [("postcode", postcode, validate_postcode), ("phone", phone, validate_phone), ("email", email, validate_email)];
    for (field, value, check) in checks {
        if let Some(Err(p)) = value.as_deref().map(check) {
            e.push(Invalid::new(format!("{prefix}.{field}"), p));
        }
    }
}

/// The resident's details.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Resident {
    pub name: String,
    /// Address lines, without the postcode.
    pub address_lines: Vec<String>,
    /// Postcode, normalised ("SW1A 1AA").
    pub postcode: Option<String>,
    pub tenancy_reference: Option<String>,
    pub phone: Option<String>,
    pub email: Option<String>,
    pub preferred_contact: ContactMethod,
    /// When suits them, e.g. "Weekday mornings".
    pub contact_times: Option<String>,
}

impl Resident {
    /// Trim text, drop blanks, normalise the postcode.
    pub fn tidy(&mut self) {
        tidy_string(&mut self.name);
        tidy_lines(&mut self.address_lines);
        tidy_option(&mut self.postcode);
        if let Some(p) = self.postcode.as_deref().and_then(validate::normalise_postcode) {
            self.postcode = Some(p);
        }
        tidy_option(&mut self.tenancy_reference);
        tidy_phone(&mut self.phone);
        tidy_option(&mut self.email);
        tidy_option(&mut self.contact_times);
    }

    /// The preferred contact method needs its detail: email an email
    /// address, phone or text a phone number, letter an address. So there
    /// is always a way to reach them.
    pub fn validate(&self) -> Vec<Invalid> {
        let mut e = Vec::new();
        require(&mut e, "resident.name", &self.name);
        check_contact(&mut e, "resident", &self.postcode, &self.phone, &self.email);
        let any_address = !self.address_lines.is_empty() || self.postcode.is_some();
        if any_address || self.preferred_contact == ContactMethod::Letter {
            if self.address_lines.is_empty() {
                e.push(Invalid::new("resident.address_lines.0", Problem::Missing));
            }
            if self.postcode.is_none() {
                e.push(Invalid::new("resident.postcode", Problem::Missing));
            }
        }
        let needs = match self.preferred_contact {
            ContactMethod::Email if self.email.is_none() => Some("resident.email"),
            ContactMethod::Phone | ContactMethod::Text if self.phone.is_none() => Some("resident.phone"),
            _ => None,
        };
        if let Some(path) = needs {
            e.push(Invalid::new(path, Problem::Said(Msg::new("err.contact_needs_detail"))));
        }
        e
    }
}

#[cfg(test)]
mod tests;

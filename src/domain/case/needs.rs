//! Reasonable adjustments (Equality Act 2010; Code 3.1, 5.10) and the
//! optional disclosure of a disability.

use serde::{Deserialize, Serialize};

use super::{tidy_option, tidy_string, ContactMethod};
use crate::domain::validate::{Invalid, Problem};

crate::choices! {
    /// Accessible formats for letters and documents.
    pub enum Format in "format" {
        LargePrint, EasyRead, Braille, Audio, ColouredPaper,
    }
}

crate::choices! {
    /// Interpreter needs.
    pub enum Interpreter in "interpreter" {
        /// A spoken-language interpreter (language in [`Adjustments::language`]).
        Spoken, BritishSignLanguage,
    }
}

/// A disability the resident chooses to tell the landlord about. This is
/// special category data: always optional, recorded only with the
/// resident's explicit consent (Code 5.10; UK GDPR article 9).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DisabilityDisclosure {
    /// In their own words.
    pub details: String,
    /// They chose "yes, you may record this".
    pub consent_to_record: bool,
}

/// Reasonable adjustments (Code 3.1, 5.10).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Adjustments {
    pub formats: Vec<Format>,
    /// A language other than English, for letters, calls or an interpreter.
    pub language: Option<String>,
    pub interpreter: Option<Interpreter>,
    /// A different contact method.
    pub contact_method: Option<ContactMethod>,
    /// Set times for contact.
    pub contact_times: Option<String>,
    pub extra_time: bool,
    /// One named person to deal with.
    pub single_contact: bool,
    /// Someone to support them at meetings.
    pub support_person: bool,
    /// Anything else, in their words.
    pub other: Option<String>,
    pub disability: Option<DisabilityDisclosure>,
}

impl Adjustments {
    /// True when nothing is asked for.
    pub fn is_empty(&self) -> bool {
        self.formats.is_empty()
            && self.language.is_none()
            && self.interpreter.is_none()
            && self.contact_method.is_none()
            && self.contact_times.is_none()
            && !self.extra_time
            && !self.single_contact
            && !self.support_person
            && self.other.is_none()
    }

    /// Trim text and drop blanks (a blank disability disclosure is removed).
    pub fn tidy(&mut self) {
        let mut seen = Vec::with_capacity(self.formats.len());
        self.formats.retain(|f| {
            let first = !seen.contains(f);
            seen.push(*f);
            first
        });
        tidy_option(&mut self.language);
        tidy_option(&mut self.contact_times);
        tidy_option(&mut self.other);
        if let Some(d) = &mut self.disability {
            tidy_string(&mut d.details);
            if d.details.is_empty() {
                self.disability = None;
            }
        }
    }

    /// `required` is true for an adjustments request, where at least one
    /// adjustment must be chosen.
    pub fn validate(&self, required: bool) -> Vec<Invalid> {
        let mut e = Vec::new();
        if required && self.is_empty() {
            e.push(Invalid::new("adjustments.formats", Problem::Missing));
        }
        if self.interpreter == Some(Interpreter::Spoken) && self.language.is_none() {
            e.push(Invalid::new("adjustments.language", Problem::Missing));
        }
        if self.disability.as_ref().is_some_and(|d| !d.consent_to_record) {
            e.push(Invalid::new("adjustments.disability.consent_to_record", Problem::Missing));
        }
        e
    }
}


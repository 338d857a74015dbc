//! The case model: who the resident is, who acts for them, what they need,
//! and what they are raising.
//!
//! Each section has `tidy()` (trim text, drop blanks, normalise postcodes)
//! and `validate()` returning [`FieldError`]s whose `field` is the dotted
//! payload path (e.g. `"resident.phone"`).

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::validate::{
    self, char_len, limits, validate_email, validate_phone, validate_postcode, FieldError,
};

/// What a submission is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CaseKind {
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

impl CaseKind {
    /// All kinds, in the order the payload schema lists them.
    pub const ALL: [CaseKind; 6] = [
        CaseKind::Complaint,
        CaseKind::ServiceRequest,
        CaseKind::Stage2Escalation,
        CaseKind::OmbudsmanReferral,
        CaseKind::RepresentativeAuthority,
        CaseKind::AdjustmentsRequest,
    ];

    /// The wire name, e.g. `"service_request"`.
    pub fn as_str(self) -> &'static str {
        match self {
            CaseKind::Complaint => "complaint",
            CaseKind::ServiceRequest => "service_request",
            CaseKind::Stage2Escalation => "stage2_escalation",
            CaseKind::OmbudsmanReferral => "ombudsman_referral",
            CaseKind::RepresentativeAuthority => "representative_authority",
            CaseKind::AdjustmentsRequest => "adjustments_request",
        }
    }

    /// A heading for the resident, e.g. "Complaint".
    pub fn label(self) -> &'static str {
        match self {
            CaseKind::Complaint => "Complaint",
            CaseKind::ServiceRequest => "Service request",
            CaseKind::Stage2Escalation => "Stage 2 complaint",
            CaseKind::OmbudsmanReferral => "Ombudsman referral",
            CaseKind::RepresentativeAuthority => "Representative",
            CaseKind::AdjustmentsRequest => "Reasonable adjustments",
        }
    }
}

/// How someone wants to be contacted.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ContactMethod {
    /// Email.
    #[default]
    Email,
    /// Phone call.
    Phone,
    /// Text message.
    Text,
    /// Letter by post.
    Letter,
}

fn tidy_string(s: &mut String) {
    let t = s.trim();
    if t.len() != s.len() {
        *s = t.to_string();
    }
}

fn tidy_option(s: &mut Option<String>) {
    *s = validate::clean_optional(s.as_deref());
}

fn tidy_lines(lines: &mut Vec<String>) {
    for l in lines.iter_mut() {
        tidy_string(l);
    }
    lines.retain(|l| !l.is_empty());
}

fn check_len(errors: &mut Vec<FieldError>, field: &str, label: &str, value: &str, max: usize) {
    if let Err(m) = validate::max_chars(label, value, max) {
        errors.push(FieldError::new(field, m));
    }
}

fn check_opt_len(
    errors: &mut Vec<FieldError>,
    field: &str,
    label: &str,
    value: &Option<String>,
    max: usize,
) {
    if let Some(v) = value {
        check_len(errors, field, label, v, max);
    }
}

/// Checks shared by the resident's and a representative's details.
fn check_contact(
    errors: &mut Vec<FieldError>,
    prefix: &str,
    address_lines: &[String],
    postcode: &Option<String>,
    phone: &Option<String>,
    email: &Option<String>,
) {
    for (i, line) in address_lines.iter().enumerate() {
        check_len(
            errors,
            &format!("{prefix}.address_lines.{i}"),
            &format!("Address line {}", i + 1),
            line,
            limits::NAME,
        );
    }
    if let Some(p) = postcode {
        if let Err(m) = validate_postcode(p) {
            errors.push(FieldError::new(format!("{prefix}.postcode"), m));
        }
    }
    if let Some(p) = phone {
        if let Err(m) = validate_phone(p) {
            errors.push(FieldError::new(format!("{prefix}.phone"), m));
        }
    }
    if let Some(e) = email {
        if let Err(m) = validate_email(e) {
            errors.push(FieldError::new(format!("{prefix}.email"), m));
        }
    }
}

/// The resident's details.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Resident {
    /// Full name.
    pub name: String,
    /// Address lines, without the postcode.
    pub address_lines: Vec<String>,
    /// Postcode, normalised ("SW1A 1AA").
    pub postcode: Option<String>,
    /// Tenancy reference, if known.
    pub tenancy_reference: Option<String>,
    /// Phone number.
    pub phone: Option<String>,
    /// Email address.
    pub email: Option<String>,
    /// How they would like to be contacted.
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
        tidy_option(&mut self.phone);
        tidy_option(&mut self.email);
        tidy_option(&mut self.contact_times);
    }

    fn has_address(&self) -> bool {
        !self.address_lines.is_empty() && self.postcode.is_some()
    }

    /// Field rules. The preferred contact method needs its detail: email
    /// needs an email address, phone or text a phone number, letter an
    /// address. So there is always at least one way to reach them.
    pub fn validate(&self) -> Vec<FieldError> {
        let mut e = Vec::new();
        if self.name.trim().is_empty() {
            e.push(FieldError::new("resident.name", "Enter your full name"));
        }
        check_len(&mut e, "resident.name", "Full name", &self.name, limits::NAME);
        check_contact(
            &mut e,
            "resident",
            &self.address_lines,
            &self.postcode,
            &self.phone,
            &self.email,
        );
        let any_address = !self.address_lines.is_empty() || self.postcode.is_some();
        if any_address || self.preferred_contact == ContactMethod::Letter {
            if self.address_lines.is_empty() {
                e.push(FieldError::new(
                    "resident.address_lines.0",
                    "Enter address line 1, typically the building and street",
                ));
            }
            if self.postcode.is_none() {
                e.push(FieldError::new("resident.postcode", "Enter your postcode"));
            }
        }
        check_opt_len(
            &mut e,
            "resident.tenancy_reference",
            "Tenancy reference",
            &self.tenancy_reference,
            limits::REFERENCE,
        );
        check_opt_len(
            &mut e,
            "resident.contact_times",
            "Best times to contact you",
            &self.contact_times,
            limits::SHORT_TEXT,
        );
        match self.preferred_contact {
            ContactMethod::Email if self.email.is_none() => e.push(FieldError::new(
                "resident.email",
                "Enter your email address, or choose another way to be contacted",
            )),
            ContactMethod::Phone | ContactMethod::Text if self.phone.is_none() => {
                e.push(FieldError::new(
                    "resident.phone",
                    "Enter your phone number, or choose another way to be contacted",
                ))
            }
            _ => {}
        }
        debug_assert!(
            !e.is_empty() || self.email.is_some() || self.phone.is_some() || self.has_address()
        );
        e
    }
}

/// Who the representative is (Code 3.6).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RepresentativeRole {
    /// A family member or friend.
    FamilyOrFriend,
    /// An advocate or support worker.
    AdvocateOrSupportWorker,
    /// A local councillor.
    Councillor,
    /// A Member of Parliament.
    Mp,
    /// A solicitor.
    Solicitor,
    /// An attorney under a lasting power of attorney.
    Attorney,
    /// An executor or next of kin of a resident who has died.
    ExecutorOrNextOfKin,
}

impl RepresentativeRole {
    /// Plain label.
    pub fn label(self) -> &'static str {
        match self {
            RepresentativeRole::FamilyOrFriend => "Family member or friend",
            RepresentativeRole::AdvocateOrSupportWorker => "Advocate or support worker",
            RepresentativeRole::Councillor => "Councillor",
            RepresentativeRole::Mp => "MP",
            RepresentativeRole::Solicitor => "Solicitor",
            RepresentativeRole::Attorney => "Attorney under a lasting power of attorney",
            RepresentativeRole::ExecutorOrNextOfKin => "Executor or next of kin",
        }
    }

    /// The kinds of permission evidence a landlord can accept for this
    /// role (Code 3.6: permission is needed, including from councillors
    /// and MPs).
    pub fn accepted_evidence(self) -> &'static [ConsentEvidence] {
        use ConsentEvidence::*;
        match self {
            RepresentativeRole::FamilyOrFriend => &[
                ResidentConfirms,
                SignedFormToFollow,
                LastingPowerOfAttorney,
                ExecutorOrNextOfKin,
            ],
            RepresentativeRole::AdvocateOrSupportWorker => {
                &[ResidentConfirms, SignedFormToFollow]
            }
            RepresentativeRole::Councillor | RepresentativeRole::Mp => &[
                ResidentConfirms,
                ElectedRepresentativeWithPermission,
                SignedFormToFollow,
            ],
            RepresentativeRole::Solicitor => {
                &[ResidentConfirms, SignedFormToFollow, LastingPowerOfAttorney]
            }
            RepresentativeRole::Attorney => &[LastingPowerOfAttorney],
            RepresentativeRole::ExecutorOrNextOfKin => &[ExecutorOrNextOfKin],
        }
    }
}

/// What the representative may do.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RepresentativeScope {
    /// Deal with the complaint on the resident's behalf (and attend meetings).
    #[default]
    ActForResident,
    /// Only come with the resident to meetings.
    AccompanyAtMeetings,
}

/// How the resident's permission is shown.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ConsentEvidence {
    /// The resident confirms here, in the widget.
    ResidentConfirms,
    /// A lasting power of attorney.
    LastingPowerOfAttorney,
    /// Executor or next of kin of a resident who has died.
    ExecutorOrNextOfKin,
    /// A councillor or MP confirms they act with the resident's permission.
    ElectedRepresentativeWithPermission,
    /// A signed consent form will follow.
    SignedFormToFollow,
}

/// Someone acting for, or with, the resident (Code 3.6).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Representative {
    /// Who they are.
    pub role: RepresentativeRole,
    /// Full name.
    pub name: String,
    /// Organisation, e.g. an advice charity or MP's office.
    pub organisation: Option<String>,
    /// Phone.
    pub phone: Option<String>,
    /// Email.
    pub email: Option<String>,
    /// Address lines.
    pub address_lines: Vec<String>,
    /// Postcode.
    pub postcode: Option<String>,
    /// What they may do.
    pub scope: RepresentativeScope,
    /// How permission is shown.
    pub consent: ConsentEvidence,
    /// The resident ticked "I give permission" (needed for
    /// [`ConsentEvidence::ResidentConfirms`]).
    pub resident_confirmed: bool,
    /// The representative (not the resident) filled in the form.
    pub submitted_by_representative: bool,
}

impl Representative {
    /// A representative with just a role, name and evidence.
    pub fn new(role: RepresentativeRole, name: &str, consent: ConsentEvidence) -> Self {
        Representative {
            role,
            name: name.into(),
            organisation: None,
            phone: None,
            email: None,
            address_lines: vec![],
            postcode: None,
            scope: RepresentativeScope::ActForResident,
            consent,
            resident_confirmed: false,
            submitted_by_representative: false,
        }
    }

    /// Trim text, drop blanks, normalise the postcode.
    pub fn tidy(&mut self) {
        tidy_string(&mut self.name);
        tidy_option(&mut self.organisation);
        tidy_option(&mut self.phone);
        tidy_option(&mut self.email);
        tidy_lines(&mut self.address_lines);
        tidy_option(&mut self.postcode);
        if let Some(p) = self.postcode.as_deref().and_then(validate::normalise_postcode) {
            self.postcode = Some(p);
        }
    }

    /// Field rules, including that the permission evidence suits the role.
    pub fn validate(&self) -> Vec<FieldError> {
        let mut e = Vec::new();
        if self.name.trim().is_empty() {
            e.push(FieldError::new(
                "representative.name",
                "Enter the representative's full name",
            ));
        }
        check_len(&mut e, "representative.name", "Representative's name", &self.name, limits::NAME);
        check_opt_len(
            &mut e,
            "representative.organisation",
            "Organisation",
            &self.organisation,
            limits::NAME,
        );
        check_contact(
            &mut e,
            "representative",
            &self.address_lines,
            &self.postcode,
            &self.phone,
            &self.email,
        );
        if self.phone.is_none() && self.email.is_none() && self.address_lines.is_empty() {
            e.push(FieldError::new(
                "representative.phone",
                "Enter a phone number, email address or address for the representative",
            ));
        }
        if !self.role.accepted_evidence().contains(&self.consent) {
            let message = match self.role {
                RepresentativeRole::Attorney => {
                    "An attorney needs a lasting power of attorney. Select that, or choose another type of representative"
                }
                RepresentativeRole::ExecutorOrNextOfKin => {
                    "Select executor or next of kin as the evidence, or choose another type of representative"
                }
                _ => "Select how the resident has given permission for this representative",
            };
            e.push(FieldError::new("representative.consent", message));
        }
        if self.consent == ConsentEvidence::ResidentConfirms && !self.resident_confirmed {
            e.push(FieldError::new(
                "representative.resident_confirmed",
                "Confirm that the resident gives permission for this person to represent them",
            ));
        }
        e
    }
}

/// Accessible formats for letters and documents.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Format {
    /// Large print.
    LargePrint,
    /// Easy read.
    EasyRead,
    /// Braille.
    Braille,
    /// Audio.
    Audio,
    /// Coloured paper.
    ColouredPaper,
}

/// Interpreter needs.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Interpreter {
    /// A spoken-language interpreter (language in [`Adjustments::language`]).
    Spoken,
    /// A British Sign Language interpreter.
    BritishSignLanguage,
}

/// A disability the resident chooses to tell the landlord about. This is
/// special category data: always optional, recorded only with consent
/// (Code 5.10).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DisabilityDisclosure {
    /// In their own words.
    pub details: String,
    /// They agree the landlord may record it.
    pub consent_to_record: bool,
}

/// Reasonable adjustments (Code 3.1, 5.10).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Adjustments {
    /// Formats for letters and documents.
    pub formats: Vec<Format>,
    /// A language other than English, for letters, calls or an interpreter.
    pub language: Option<String>,
    /// An interpreter, if needed.
    pub interpreter: Option<Interpreter>,
    /// A different contact method.
    pub contact_method: Option<ContactMethod>,
    /// Set times for contact.
    pub contact_times: Option<String>,
    /// More time to reply.
    pub extra_time: bool,
    /// One named person to deal with.
    pub single_contact: bool,
    /// Someone to support them at meetings.
    pub support_person: bool,
    /// Anything else, in their words.
    pub other: Option<String>,
    /// Optional disability disclosure.
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

    /// Field rules. `required` is true for an adjustments request, where at
    /// least one adjustment must be chosen.
    pub fn validate(&self, required: bool) -> Vec<FieldError> {
        let mut e = Vec::new();
        if required && self.is_empty() {
            e.push(FieldError::new(
                "adjustments.formats",
                "Select at least one adjustment, or tell us what you need in 'Anything else'",
            ));
        }
        if self.interpreter == Some(Interpreter::Spoken) && self.language.is_none() {
            e.push(FieldError::new(
                "adjustments.language",
                "Enter the language you need an interpreter for",
            ));
        }
        check_opt_len(&mut e, "adjustments.language", "Language", &self.language, limits::NAME);
        check_opt_len(
            &mut e,
            "adjustments.contact_times",
            "Times to contact you",
            &self.contact_times,
            limits::SHORT_TEXT,
        );
        check_opt_len(&mut e, "adjustments.other", "Anything else", &self.other, limits::LONG_TEXT);
        if let Some(d) = &self.disability {
            check_len(
                &mut e,
                "adjustments.disability.details",
                "Information about your disability",
                &d.details,
                limits::LONG_TEXT,
            );
            if !d.consent_to_record {
                e.push(FieldError::new(
                    "adjustments.disability.consent_to_record",
                    "Confirm we can record this information, or leave it blank",
                ));
            }
        }
        e
    }
}

/// What the resident wants to put things right (Code 5.6, 7.1).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct OutcomeSought {
    /// An apology.
    pub apology: bool,
    /// A repair or other work done.
    pub repair: bool,
    /// An explanation.
    pub explanation: bool,
    /// Compensation.
    pub compensation: bool,
    /// How much, in pence, if they said.
    pub compensation_amount_pence: Option<u64>,
    /// A change to a policy or the way things are done.
    pub policy_change: bool,
    /// Something else, in their words.
    pub something_else: Option<String>,
}

impl OutcomeSought {
    /// True when nothing is chosen.
    pub fn is_empty(&self) -> bool {
        !(self.apology
            || self.repair
            || self.explanation
            || self.compensation
            || self.policy_change
            || self.something_else.is_some())
    }
}

/// The complaint definition: what it is about and the outcome wanted
/// (Code 5.6), plus the facts the exclusion checks need (Code 2.2).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ComplaintDefinition {
    /// What went wrong, in their words.
    pub what_went_wrong: String,
    /// When the problem started.
    pub started_on: NaiveDate,
    /// When they became aware of it, if later.
    pub became_aware_on: Option<NaiveDate>,
    /// What they have tried already.
    pub tried_already: Option<String>,
    /// Any reference from that (a repair job number, say).
    pub tried_reference: Option<String>,
    /// The impact on them and their household.
    pub impact: Option<String>,
    /// The outcome they want.
    pub outcomes: OutcomeSought,
    /// Why they did not complain sooner, if over 12 months (Code 2.3).
    pub delay_reason: Option<String>,
    /// Whether court proceedings have been filed about this (Code 2.2).
    pub court_proceedings_filed: Option<bool>,
    /// Whether they have complained about this before (Code 2.2).
    pub previously_complained: Option<bool>,
    /// It is about how a service request was handled (Code 1.5): the
    /// landlord must keep working on the request.
    pub about_service_request: bool,
}

impl ComplaintDefinition {
    /// A definition with the required parts.
    pub fn new(what_went_wrong: &str, started_on: NaiveDate, outcomes: OutcomeSought) -> Self {
        ComplaintDefinition {
            what_went_wrong: what_went_wrong.into(),
            started_on,
            became_aware_on: None,
            tried_already: None,
            tried_reference: None,
            impact: None,
            outcomes,
            delay_reason: None,
            court_proceedings_filed: None,
            previously_complained: None,
            about_service_request: false,
        }
    }

    /// Trim text and drop blanks.
    pub fn tidy(&mut self) {
        tidy_string(&mut self.what_went_wrong);
        tidy_option(&mut self.tried_already);
        tidy_option(&mut self.tried_reference);
        tidy_option(&mut self.impact);
        tidy_option(&mut self.delay_reason);
        tidy_option(&mut self.outcomes.something_else);
        if !self.outcomes.compensation {
            self.outcomes.compensation_amount_pence = None;
        }
    }

    /// Field rules; `today` for "must be in the past".
    pub fn validate(&self, today: NaiveDate) -> Vec<FieldError> {
        let mut e = Vec::new();
        if self.what_went_wrong.trim().is_empty() {
            e.push(FieldError::new("complaint.what_went_wrong", "Enter what went wrong"));
        }
        check_len(
            &mut e,
            "complaint.what_went_wrong",
            "What went wrong",
            &self.what_went_wrong,
            limits::LONG_TEXT,
        );
        if self.started_on > today {
            e.push(FieldError::new(
                "complaint.started_on",
                "Date the problem started must be in the past",
            ));
        }
        if let Some(aware) = self.became_aware_on {
            if aware > today {
                e.push(FieldError::new(
                    "complaint.became_aware_on",
                    "Date you became aware of the problem must be in the past",
                ));
            } else if aware < self.started_on {
                e.push(FieldError::new(
                    "complaint.became_aware_on",
                    "Date you became aware of the problem must be the same as or after the date it started",
                ));
            }
        }
        check_opt_len(
            &mut e,
            "complaint.tried_already",
            "What you have tried",
            &self.tried_already,
            limits::LONG_TEXT,
        );
        check_opt_len(
            &mut e,
            "complaint.tried_reference",
            "Reference",
            &self.tried_reference,
            limits::REFERENCE,
        );
        check_opt_len(&mut e, "complaint.impact", "How this has affected you", &self.impact, limits::LONG_TEXT);
        check_opt_len(
            &mut e,
            "complaint.delay_reason",
            "Reason for the delay",
            &self.delay_reason,
            limits::LONG_TEXT,
        );
        if self.outcomes.is_empty() {
            e.push(FieldError::new(
                "complaint.outcomes",
                "Select what you would like to happen to put things right",
            ));
        }
        check_opt_len(
            &mut e,
            "complaint.outcomes.something_else",
            "What else you would like to happen",
            &self.outcomes.something_else,
            limits::LONG_TEXT,
        );
        e
    }
}

/// How soon a service request needs doing.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Urgency {
    /// Danger to people or property now (see the hazard checklist).
    Emergency,
    /// Needs doing soon.
    Urgent,
    /// Routine.
    #[default]
    Routine,
}

/// A request to put something right (Code 1.4).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ServiceRequest {
    /// What needs doing.
    pub what_needs_doing: String,
    /// Where in the home, e.g. "Kitchen, under the sink".
    pub location: Option<String>,
    /// How urgent.
    pub urgency: Urgency,
    /// Access notes: keys, pets, parking, entry codes.
    pub access: Option<String>,
    /// When they are in, or not.
    pub availability: Option<String>,
    /// They reported it before.
    pub reported_before: bool,
    /// They were told this is a service request and offered the choice to
    /// complain (Code 1.3 to 1.5).
    pub complaint_offered: bool,
}

impl ServiceRequest {
    /// A request with just what needs doing.
    pub fn new(what_needs_doing: &str) -> Self {
        ServiceRequest {
            what_needs_doing: what_needs_doing.into(),
            location: None,
            urgency: Urgency::Routine,
            access: None,
            availability: None,
            reported_before: false,
            complaint_offered: false,
        }
    }

    /// Trim text and drop blanks.
    pub fn tidy(&mut self) {
        tidy_string(&mut self.what_needs_doing);
        tidy_option(&mut self.location);
        tidy_option(&mut self.access);
        tidy_option(&mut self.availability);
    }

    /// Field rules.
    pub fn validate(&self) -> Vec<FieldError> {
        let mut e = Vec::new();
        if self.what_needs_doing.trim().is_empty() {
            e.push(FieldError::new(
                "service_request.what_needs_doing",
                "Enter what needs doing",
            ));
        }
        check_len(
            &mut e,
            "service_request.what_needs_doing",
            "What needs doing",
            &self.what_needs_doing,
            limits::LONG_TEXT,
        );
        check_opt_len(
            &mut e,
            "service_request.location",
            "Where in your home",
            &self.location,
            limits::SHORT_TEXT,
        );
        check_opt_len(&mut e, "service_request.access", "Access", &self.access, limits::LONG_TEXT);
        check_opt_len(
            &mut e,
            "service_request.availability",
            "When you are available",
            &self.availability,
            limits::SHORT_TEXT,
        );
        e
    }
}

/// A request for stage 2 (Code 6.10 to 6.12).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Escalation {
    /// The stage 1 complaint reference, if they have it.
    pub stage1_reference: Option<String>,
    /// When they got the stage 1 response (`None`: not had one).
    pub stage1_response_on: Option<NaiveDate>,
    /// Why they are still unhappy. Optional: residents must not be made to
    /// explain (Code 6.12).
    pub reasons: Option<String>,
    /// What they want to happen now, if they said.
    pub outcome_wanted: Option<String>,
    /// The landlord's escalation window, filled in by the builder.
    pub window: Option<EscalationWindowInfo>,
}

/// The landlord's time limit for asking for stage 2, as applied to this
/// request.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct EscalationWindowInfo {
    /// The window as configured.
    pub window: super::config::EscalationWindow,
    /// Last day to ask, counted from the stage 1 response.
    pub closes_on: NaiveDate,
    /// Whether this request is within it.
    pub within_window: bool,
}

impl Escalation {
    /// Trim text and drop blanks.
    pub fn tidy(&mut self) {
        tidy_option(&mut self.stage1_reference);
        tidy_option(&mut self.reasons);
        tidy_option(&mut self.outcome_wanted);
    }

    /// Field rules (nothing is required; Code 6.12).
    pub fn validate(&self, today: NaiveDate) -> Vec<FieldError> {
        let mut e = Vec::new();
        check_opt_len(
            &mut e,
            "escalation.stage1_reference",
            "Complaint reference",
            &self.stage1_reference,
            limits::REFERENCE,
        );
        if self.stage1_response_on.is_some_and(|d| d > today) {
            e.push(FieldError::new(
                "escalation.stage1_response_on",
                "Date of the stage 1 response must be in the past",
            ));
        }
        check_opt_len(&mut e, "escalation.reasons", "Why you are still unhappy", &self.reasons, limits::LONG_TEXT);
        check_opt_len(
            &mut e,
            "escalation.outcome_wanted",
            "What you would like to happen",
            &self.outcome_wanted,
            limits::LONG_TEXT,
        );
        e
    }
}

/// Which landlord responses the resident has had.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ResponsesHad {
    /// No response at all (they send the complaint they made).
    None,
    /// A stage 1 response only.
    Stage1,
    /// The final, stage 2, response.
    Stage2,
}

/// Taking the complaint to the Ombudsman.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OmbudsmanReferral {
    /// Why they are still unhappy.
    pub why_still_unhappy: String,
    /// The outcome they want.
    pub outcome_wanted: String,
    /// Responses they have had.
    pub responses_had: ResponsesHad,
    /// The landlord's complaint reference, if they have it.
    pub landlord_reference: Option<String>,
    /// Whether to send a copy to the landlord.
    pub tell_landlord: bool,
}

impl OmbudsmanReferral {
    /// Trim text and drop blanks.
    pub fn tidy(&mut self) {
        tidy_string(&mut self.why_still_unhappy);
        tidy_string(&mut self.outcome_wanted);
        tidy_option(&mut self.landlord_reference);
    }

    /// Field rules.
    pub fn validate(&self) -> Vec<FieldError> {
        let mut e = Vec::new();
        if self.why_still_unhappy.trim().is_empty() {
            e.push(FieldError::new(
                "ombudsman.why_still_unhappy",
                "Enter why you are still unhappy",
            ));
        }
        check_len(
            &mut e,
            "ombudsman.why_still_unhappy",
            "Why you are still unhappy",
            &self.why_still_unhappy,
            limits::LONG_TEXT,
        );
        if self.outcome_wanted.trim().is_empty() {
            e.push(FieldError::new(
                "ombudsman.outcome_wanted",
                "Enter what you would like to happen",
            ));
        }
        check_len(
            &mut e,
            "ombudsman.outcome_wanted",
            "What you would like to happen",
            &self.outcome_wanted,
            limits::LONG_TEXT,
        );
        check_opt_len(
            &mut e,
            "ombudsman.landlord_reference",
            "Complaint reference",
            &self.landlord_reference,
            limits::REFERENCE,
        );
        e
    }
}

/// An earlier reference the resident has: a repair job, a complaint.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PreviousReference {
    /// The reference.
    pub reference: String,
    /// What it was for, if they said.
    pub description: Option<String>,
}

impl PreviousReference {
    /// Field rules for the `i`th reference.
    pub fn validate(&self, i: usize) -> Vec<FieldError> {
        let mut e = Vec::new();
        let field = format!("previous_references.{i}.reference");
        if self.reference.trim().is_empty() {
            e.push(FieldError::new(&field, "Enter the reference, or remove it"));
        }
        check_len(&mut e, &field, "Reference", &self.reference, limits::REFERENCE);
        check_opt_len(
            &mut e,
            &format!("previous_references.{i}.description"),
            "What the reference is for",
            &self.description,
            limits::SHORT_TEXT,
        );
        e
    }
}

/// Convenience for the UI: characters used in a field (see
/// [`validate::CharacterCount`]).
pub fn chars_used(s: &str) -> usize {
    char_len(s)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn fields(errors: &[FieldError]) -> Vec<&str> {
        errors.iter().map(|e| e.field.as_str()).collect()
    }

    pub(crate) fn resident() -> Resident {
        Resident {
            name: "Sam Patel".into(),
            address_lines: vec!["Flat 2".into(), "1 Example Street".into()],
            postcode: Some("pr2 0et".into()),
            tenancy_reference: None,
            phone: Some("07700 900 982".into()),
            email: Some("sam@example.com".into()),
            preferred_contact: ContactMethod::Email,
            contact_times: None,
        }
    }

    #[test]
    fn kind_names_match_serde() {
        for k in CaseKind::ALL {
            assert_eq!(serde_json::to_value(k).unwrap(), k.as_str());
            assert!(!k.label().is_empty());
        }
    }

    #[test]
    fn resident_tidy_and_validate() {
        let mut r = resident();
        r.name = "  Sam Patel ".into();
        r.address_lines.push("   ".into());
        r.contact_times = Some("  ".into());
        r.tidy();
        assert_eq!(r.name, "Sam Patel");
        assert_eq!(r.postcode.as_deref(), Some("PR2 0ET"));
        assert_eq!(r.address_lines.len(), 2);
        assert_eq!(r.contact_times, None);
        assert!(r.validate().is_empty(), "{:?}", r.validate());
    }

    #[test]
    fn resident_errors() {
        let mut r = resident();
        r.name = " ".into();
        r.phone = Some("12".into());
        r.email = Some("nope".into());
        r.postcode = Some("XYZ".into());
        let e = r.validate();
        assert_eq!(
            fields(&e),
            vec!["resident.name", "resident.postcode", "resident.phone", "resident.email"]
        );
        assert_eq!(e[0].message, "Enter your full name");
        assert_eq!(e[1].message, "Enter a real postcode");

        // Preferred method needs its detail.
        let mut r = resident();
        r.email = None;
        assert_eq!(fields(&r.validate()), vec!["resident.email"]);
        r.preferred_contact = ContactMethod::Text;
        r.phone = None;
        assert_eq!(fields(&r.validate()), vec!["resident.phone"]);
        r.preferred_contact = ContactMethod::Letter;
        assert!(r.validate().is_empty());
        r.address_lines.clear();
        r.postcode = None;
        assert_eq!(
            fields(&r.validate()),
            vec!["resident.address_lines.0", "resident.postcode"]
        );
        let mut r = resident();
        r.name = "x".repeat(101);
        assert_eq!(r.validate()[0].message, "Full name must be 100 characters or less");
    }

    #[test]
    fn representative_permission_rules() {
        // Code 3.6: councillors and MPs need the resident's permission too.
        let mut rep = Representative::new(
            RepresentativeRole::Mp,
            "A Member",
            ConsentEvidence::ElectedRepresentativeWithPermission,
        );
        rep.email = Some("office@example.com".into());
        assert!(rep.validate().is_empty());
        rep.consent = ConsentEvidence::ExecutorOrNextOfKin;
        assert_eq!(fields(&rep.validate()), vec!["representative.consent"]);

        let mut rep = Representative::new(
            RepresentativeRole::Attorney,
            "Pat",
            ConsentEvidence::ResidentConfirms,
        );
        rep.phone = Some("01632 960 001".into());
        let e = rep.validate();
        assert!(e[0].message.contains("lasting power of attorney"));
        // Resident confirmation must actually be ticked.
        assert_eq!(fields(&e), vec!["representative.consent", "representative.resident_confirmed"]);
        rep.consent = ConsentEvidence::LastingPowerOfAttorney;
        assert!(rep.validate().is_empty());

        let mut rep = Representative::new(
            RepresentativeRole::FamilyOrFriend,
            "Jo",
            ConsentEvidence::ResidentConfirms,
        );
        assert_eq!(fields(&rep.validate()), vec!["representative.phone", "representative.resident_confirmed"]);
        rep.resident_confirmed = true;
        rep.phone = Some("07700 900 982".into());
        assert!(rep.validate().is_empty());
        for role in [
            RepresentativeRole::FamilyOrFriend,
            RepresentativeRole::AdvocateOrSupportWorker,
            RepresentativeRole::Councillor,
            RepresentativeRole::Mp,
            RepresentativeRole::Solicitor,
            RepresentativeRole::Attorney,
            RepresentativeRole::ExecutorOrNextOfKin,
        ] {
            assert!(!role.accepted_evidence().is_empty());
            assert!(!role.label().is_empty());
        }
    }

    #[test]
    fn adjustments_rules() {
        let mut a = Adjustments::default();
        assert!(a.is_empty());
        assert_eq!(fields(&a.validate(true)), vec!["adjustments.formats"]);
        assert!(a.validate(false).is_empty());
        a.interpreter = Some(Interpreter::Spoken);
        assert_eq!(fields(&a.validate(true)), vec!["adjustments.language"]);
        a.language = Some("Polish".into());
        assert!(a.validate(true).is_empty());
        a.interpreter = Some(Interpreter::BritishSignLanguage);
        a.language = None;
        assert!(a.validate(true).is_empty());
        // Disability disclosure is optional, but needs consent if given.
        a.disability = Some(DisabilityDisclosure {
            details: "I am partially sighted".into(),
            consent_to_record: false,
        });
        assert_eq!(
            fields(&a.validate(true)),
            vec!["adjustments.disability.consent_to_record"]
        );
        a.disability = Some(DisabilityDisclosure {
            details: "  ".into(),
            consent_to_record: false,
        });
        a.tidy();
        assert_eq!(a.disability, None);
    }

    #[test]
    fn complaint_definition_rules() {
        let today = d(2026, 11, 23);
        let mut c = ComplaintDefinition::new(
            " The repair was missed twice ",
            d(2026, 10, 1),
            OutcomeSought {
                repair: true,
                ..Default::default()
            },
        );
        c.tidy();
        assert_eq!(c.what_went_wrong, "The repair was missed twice");
        assert!(c.validate(today).is_empty());
        c.started_on = d(2026, 11, 24);
        c.became_aware_on = Some(d(2026, 11, 1));
        c.outcomes = OutcomeSought::default();
        c.what_went_wrong = "x".repeat(2001);
        let e = c.validate(today);
        assert_eq!(
            fields(&e),
            vec![
                "complaint.what_went_wrong",
                "complaint.started_on",
                "complaint.became_aware_on",
                "complaint.outcomes"
            ]
        );
        assert_eq!(e[0].message, "What went wrong must be 2000 characters or less");
        assert_eq!(e[1].message, "Date the problem started must be in the past");
    }

    #[test]
    fn service_request_escalation_and_ombudsman_rules() {
        let s = ServiceRequest::new("  ");
        assert_eq!(s.validate()[0].message, "Enter what needs doing");
        assert!(ServiceRequest::new("Fix the boiler").validate().is_empty());

        // Stage 2 needs no reasons (Code 6.12).
        assert!(Escalation::default().validate(d(2026, 11, 23)).is_empty());
        let e = Escalation {
            stage1_response_on: Some(d(2026, 12, 1)),
            ..Default::default()
        };
        assert_eq!(fields(&e.validate(d(2026, 11, 23))), vec!["escalation.stage1_response_on"]);

        let o = OmbudsmanReferral {
            why_still_unhappy: "".into(),
            outcome_wanted: " ".into(),
            responses_had: ResponsesHad::None,
            landlord_reference: None,
            tell_landlord: false,
        };
        assert_eq!(
            fields(&o.validate()),
            vec!["ombudsman.why_still_unhappy", "ombudsman.outcome_wanted"]
        );
        let p = PreviousReference {
            reference: " ".into(),
            description: None,
        };
        assert_eq!(fields(&p.validate(2)), vec!["previous_references.2.reference"]);
        assert_eq!(chars_used("héllo"), 5);
    }
}

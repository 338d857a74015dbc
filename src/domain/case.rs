//! The case model: who the resident is, who acts for them, what they need,
//! and what they are raising.
//!
//! Each section has `tidy()` (trim text, drop blanks, normalise postcodes)
//! and `validate()`, which checks what the parts mean (what is required,
//! formats, dates, permission for a representative's role) and returns
//! [`Invalid`]s named by payload path (`"resident.phone"`). Lengths are
//! checked once for the whole payload against `payload::LIMITS`.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::validate::{self, is_blank, validate_email, validate_phone, validate_postcode, Invalid, Problem};
use super::text::Msg;

crate::choices! {
    /// What a submission is.
    pub enum CaseKind in "kind" {
        /// A stage 1 complaint (Code 1.2).
        Complaint = "complaint",
        /// A request to put something right; not a complaint (Code 1.4).
        ServiceRequest = "service_request",
        /// A request to take a complaint to stage 2 (Code 6.10).
        Stage2Escalation = "stage2_escalation",
        /// Taking a complaint to the Ombudsman (Code 3.7).
        OmbudsmanReferral = "ombudsman_referral",
        /// Naming a representative to act for the resident (Code 3.6).
        RepresentativeAuthority = "representative_authority",
        /// Asking for reasonable adjustments (Code 3.1, 5.10).
        AdjustmentsRequest = "adjustments_request",
    }
}

crate::choices! {
    /// How someone wants to be contacted.
    #[derive(Default)]
    pub enum ContactMethod in "contact_method" {
        Phone = "phone",
        Text = "text",
        #[default]
        Email = "email",
        Letter = "letter",
    }
}

fn tidy_string(s: &mut String) {
    let t = validate::clean(s);
    if t.len() != s.len() {
        *s = t;
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

fn require(e: &mut Vec<Invalid>, path: &str, value: &str) {
    if is_blank(value) {
        e.push(Invalid::new(path, Problem::Missing));
    }
}

/// Checks shared by the resident's and a representative's details.
fn check_contact(e: &mut Vec<Invalid>, prefix: &str, postcode: &Option<String>, phone: &Option<String>, email: &Option<String>) {
    let checks: [(&str, &Option<String>, fn(&str) -> Result<String, Problem>); 3] =
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
        tidy_option(&mut self.phone);
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

crate::choices! {
    /// Who the representative is (Code 3.6).
    pub enum RepresentativeRole in "role" {
        FamilyOrFriend = "family_or_friend",
        AdvocateOrSupportWorker = "advocate_or_support_worker",
        Councillor = "councillor",
        /// A Member of Parliament.
        Mp = "mp",
        Solicitor = "solicitor",
        /// An attorney under a lasting power of attorney.
        Attorney = "attorney",
        /// An executor or next of kin of a resident who has died.
        ExecutorOrNextOfKin = "executor_or_next_of_kin",
    }
}

impl RepresentativeRole {
    /// The kinds of permission evidence a landlord can accept for this
    /// role (Code 3.6: permission is needed, including from councillors
    /// and MPs; an attorney acts under the power of attorney; a resident
    /// who has died is represented by their executor or next of kin).
    pub fn accepted_evidence(self) -> &'static [ConsentEvidence] {
        use ConsentEvidence::*;
        match self {
            RepresentativeRole::FamilyOrFriend => &[ResidentConfirms, SignedFormToFollow, LastingPowerOfAttorney, ExecutorOrNextOfKin],
            RepresentativeRole::AdvocateOrSupportWorker => &[ResidentConfirms, SignedFormToFollow],
            RepresentativeRole::Councillor | RepresentativeRole::Mp => {
                &[ResidentConfirms, ElectedRepresentativeWithPermission, SignedFormToFollow]
            }
            RepresentativeRole::Solicitor => &[ResidentConfirms, SignedFormToFollow, LastingPowerOfAttorney],
            RepresentativeRole::Attorney => &[LastingPowerOfAttorney],
            RepresentativeRole::ExecutorOrNextOfKin => &[ExecutorOrNextOfKin],
        }
    }
}

crate::choices! {
    /// What the representative may do.
    #[derive(Default)]
    pub enum RepresentativeScope in "scope" {
        /// Deal with the complaint on the resident's behalf (and attend meetings).
        #[default]
        ActForResident = "act_for_resident",
        /// Only come with the resident to meetings.
        AccompanyAtMeetings = "accompany_at_meetings",
    }
}

crate::choices! {
    /// How the resident's permission is shown.
    pub enum ConsentEvidence in "consent" {
        /// The resident confirms here, in the widget.
        ResidentConfirms = "resident_confirms",
        /// A signed consent form will follow.
        SignedFormToFollow = "signed_form_to_follow",
        LastingPowerOfAttorney = "lasting_power_of_attorney",
        /// Executor or next of kin of a resident who has died.
        ExecutorOrNextOfKin = "executor_or_next_of_kin",
        /// A councillor or MP confirms they act with the resident's permission.
        ElectedRepresentativeWithPermission = "elected_representative_with_permission",
    }
}

/// Someone acting for, or with, the resident (Code 3.6).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Representative {
    pub role: RepresentativeRole,
    pub name: String,
    /// Organisation, e.g. an advice charity or MP's office.
    pub organisation: Option<String>,
    pub phone: Option<String>,
    pub email: Option<String>,
    pub address_lines: Vec<String>,
    pub postcode: Option<String>,
    pub scope: RepresentativeScope,
    pub consent: ConsentEvidence,
    /// The resident said "I give permission" (needed for
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
    pub fn validate(&self) -> Vec<Invalid> {
        let mut e = Vec::new();
        require(&mut e, "representative.name", &self.name);
        check_contact(&mut e, "representative", &self.postcode, &self.phone, &self.email);
        if self.phone.is_none() && self.email.is_none() && self.address_lines.is_empty() {
            e.push(Invalid::new("representative.phone", Problem::Said(Msg::new("err.rep_contact"))));
        }
        if !self.role.accepted_evidence().contains(&self.consent) {
            e.push(Invalid::new("representative.consent", Problem::Said(Msg::new("err.consent_for_role"))));
        }
        if self.consent == ConsentEvidence::ResidentConfirms && !self.resident_confirmed {
            e.push(Invalid::new("representative.resident_confirmed", Problem::Missing));
        }
        e
    }
}

crate::choices! {
    /// Accessible formats for letters and documents.
    pub enum Format in "format" {
        LargePrint = "large_print",
        EasyRead = "easy_read",
        Braille = "braille",
        Audio = "audio",
        ColouredPaper = "coloured_paper",
    }
}

crate::choices! {
    /// Interpreter needs.
    pub enum Interpreter in "interpreter" {
        /// A spoken-language interpreter (language in [`Adjustments::language`]).
        Spoken = "spoken",
        BritishSignLanguage = "british_sign_language",
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

/// What the resident wants to put things right (Code 5.6, 7.1).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct OutcomeSought {
    pub apology: bool,
    /// A repair or other work done.
    pub repair: bool,
    pub explanation: bool,
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
        !(self.apology || self.repair || self.explanation || self.compensation || self.policy_change || self.something_else.is_some())
    }
}

/// The complaint definition: what it is about and the outcome wanted
/// (Code 5.6), plus the facts the exclusion checks need (Code 2.2).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ComplaintDefinition {
    pub what_went_wrong: String,
    pub started_on: NaiveDate,
    /// When they became aware of it, if later.
    pub became_aware_on: Option<NaiveDate>,
    pub tried_already: Option<String>,
    /// Any reference from that (a repair job number, say).
    pub tried_reference: Option<String>,
    /// The impact on them and their household.
    pub impact: Option<String>,
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
    pub fn validate(&self, today: NaiveDate) -> Vec<Invalid> {
        let mut e = Vec::new();
        require(&mut e, "complaint.what_went_wrong", &self.what_went_wrong);
        if self.started_on > today {
            e.push(Invalid::new("complaint.started_on", Problem::Future));
        }
        match self.became_aware_on {
            Some(aware) if aware > today => e.push(Invalid::new("complaint.became_aware_on", Problem::Future)),
            Some(aware) if aware < self.started_on => e.push(Invalid::new(
                "complaint.became_aware_on",
                Problem::Said(Msg::new("aware.before_started").date("date", self.started_on)),
            )),
            _ => {}
        }
        if self.outcomes.is_empty() {
            e.push(Invalid::new("complaint.outcomes", Problem::Missing));
        }
        e
    }
}

crate::choices! {
    /// How soon a service request needs doing.
    #[derive(Default)]
    pub enum Urgency in "urgency" {
        /// Needs doing soon.
        Urgent = "urgent",
        #[default]
        Routine = "routine",
        /// Danger to people or property now (see the hazard checklist).
        Emergency = "emergency",
    }
}

/// A request to put something right (Code 1.4).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ServiceRequest {
    pub what_needs_doing: String,
    /// Where in the home, e.g. "Kitchen, under the sink".
    pub location: Option<String>,
    pub urgency: Urgency,
    /// Access notes: keys, pets, parking, entry codes.
    pub access: Option<String>,
    /// When they are in, or not.
    pub availability: Option<String>,
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

    pub fn validate(&self) -> Vec<Invalid> {
        let mut e = Vec::new();
        require(&mut e, "service_request.what_needs_doing", &self.what_needs_doing);
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
    pub window: super::config::EscalationWindow,
    /// Last day to ask, counted from the stage 1 response.
    pub closes_on: NaiveDate,
    pub within_window: bool,
}

impl Escalation {
    /// Trim text and drop blanks.
    pub fn tidy(&mut self) {
        tidy_option(&mut self.stage1_reference);
        tidy_option(&mut self.reasons);
        tidy_option(&mut self.outcome_wanted);
    }

    /// Nothing is required (Code 6.12).
    pub fn validate(&self, today: NaiveDate) -> Vec<Invalid> {
        if self.stage1_response_on.is_some_and(|d| d > today) {
            return vec![Invalid::new("escalation.stage1_response_on", Problem::Future)];
        }
        Vec::new()
    }
}

crate::choices! {
    /// Which landlord responses the resident has had.
    pub enum ResponsesHad in "responses" {
        /// No response at all (they send the complaint they made).
        None = "none",
        Stage1 = "stage1",
        /// The final, stage 2, response.
        Stage2 = "stage2",
    }
}

/// Taking the complaint to the Ombudsman.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OmbudsmanReferral {
    pub why_still_unhappy: String,
    pub outcome_wanted: String,
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

    pub fn validate(&self) -> Vec<Invalid> {
        let mut e = Vec::new();
        require(&mut e, "ombudsman.why_still_unhappy", &self.why_still_unhappy);
        require(&mut e, "ombudsman.outcome_wanted", &self.outcome_wanted);
        e
    }
}

/// An earlier reference the resident has: a repair job, a complaint.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PreviousReference {
    pub reference: String,
    /// What it was for, if they said.
    pub description: Option<String>,
}

impl PreviousReference {
    /// Field rules for the `i`th reference.
    pub fn validate(&self, i: usize) -> Vec<Invalid> {
        let mut e = Vec::new();
        require(&mut e, &format!("previous_references.{i}.reference"), &self.reference);
        e
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::choice::Choice;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn paths(errors: &[Invalid]) -> Vec<&str> {
        errors.iter().map(|e| e.path.as_str()).collect()
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
            assert_eq!(serde_json::to_value(k).unwrap(), k.value());
        }
    }

    #[test]
    fn resident_tidy_and_validate() {
        let mut r = resident();
        r.name = "  Sam Patel \u{200b}".into();
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
        r.name = "\u{200b}".into();
        r.phone = Some("12".into());
        r.email = Some("nope".into());
        r.postcode = Some("XYZ".into());
        let e = r.validate();
        assert_eq!(paths(&e), vec!["resident.name", "resident.postcode", "resident.phone", "resident.email"]);
        assert_eq!(e[0].problem, Problem::Missing);
        assert_eq!(e[1].problem, Problem::Postcode);

        // Preferred method needs its detail.
        let mut r = resident();
        r.email = None;
        assert_eq!(paths(&r.validate()), vec!["resident.email"]);
        r.preferred_contact = ContactMethod::Text;
        r.phone = None;
        assert_eq!(paths(&r.validate()), vec!["resident.phone"]);
        r.preferred_contact = ContactMethod::Letter;
        assert!(r.validate().is_empty());
        r.address_lines.clear();
        r.postcode = None;
        assert_eq!(paths(&r.validate()), vec!["resident.address_lines.0", "resident.postcode"]);
    }

    #[test]
    fn representative_permission_rules() {
        // Code 3.6: councillors and MPs need the resident's permission too.
        let mut rep = Representative::new(RepresentativeRole::Mp, "A Member", ConsentEvidence::ElectedRepresentativeWithPermission);
        rep.email = Some("office@example.com".into());
        assert!(rep.validate().is_empty());
        rep.consent = ConsentEvidence::ExecutorOrNextOfKin;
        assert_eq!(paths(&rep.validate()), vec!["representative.consent"]);

        let mut rep = Representative::new(RepresentativeRole::Attorney, "Pat", ConsentEvidence::ResidentConfirms);
        rep.phone = Some("01632 960 001".into());
        // Resident confirmation must actually be given, and an attorney acts under the LPA.
        assert_eq!(paths(&rep.validate()), vec!["representative.consent", "representative.resident_confirmed"]);
        rep.consent = ConsentEvidence::LastingPowerOfAttorney;
        assert!(rep.validate().is_empty());

        let mut rep = Representative::new(RepresentativeRole::FamilyOrFriend, "Jo", ConsentEvidence::ResidentConfirms);
        assert_eq!(paths(&rep.validate()), vec!["representative.phone", "representative.resident_confirmed"]);
        rep.resident_confirmed = true;
        rep.phone = Some("07700 900 982".into());
        assert!(rep.validate().is_empty());
        for role in RepresentativeRole::ALL {
            assert!(!role.accepted_evidence().is_empty());
        }
    }

    #[test]
    fn adjustments_rules() {
        let mut a = Adjustments::default();
        assert!(a.is_empty());
        assert_eq!(paths(&a.validate(true)), vec!["adjustments.formats"]);
        assert!(a.validate(false).is_empty());
        a.interpreter = Some(Interpreter::Spoken);
        assert_eq!(paths(&a.validate(true)), vec!["adjustments.language"]);
        a.language = Some("Polish".into());
        assert!(a.validate(true).is_empty());
        // Disability disclosure is optional, but needs consent if given.
        a.disability = Some(DisabilityDisclosure { details: "I am partially sighted".into(), consent_to_record: false });
        assert_eq!(paths(&a.validate(true)), vec!["adjustments.disability.consent_to_record"]);
        a.disability = Some(DisabilityDisclosure { details: "  ".into(), consent_to_record: false });
        a.tidy();
        assert_eq!(a.disability, None);
    }

    #[test]
    fn complaint_definition_rules() {
        let today = d(2026, 11, 23);
        let mut c = ComplaintDefinition::new(" The repair was missed twice ", d(2026, 10, 1), OutcomeSought { repair: true, ..Default::default() });
        c.tidy();
        assert_eq!(c.what_went_wrong, "The repair was missed twice");
        assert!(c.validate(today).is_empty());
        c.started_on = d(2026, 11, 24);
        c.became_aware_on = Some(d(2026, 11, 1));
        c.outcomes = OutcomeSought::default();
        c.what_went_wrong = " ".into();
        let e = c.validate(today);
        assert_eq!(paths(&e), vec!["complaint.what_went_wrong", "complaint.started_on", "complaint.became_aware_on", "complaint.outcomes"]);
        assert_eq!(e[1].problem, Problem::Future);
    }

    #[test]
    fn service_request_escalation_and_ombudsman_rules() {
        assert_eq!(ServiceRequest::new("  ").validate()[0].problem, Problem::Missing);
        assert!(ServiceRequest::new("Fix the boiler").validate().is_empty());
        // Stage 2 needs no reasons (Code 6.12).
        assert!(Escalation::default().validate(d(2026, 11, 23)).is_empty());
        let e = Escalation { stage1_response_on: Some(d(2026, 12, 1)), ..Default::default() };
        assert_eq!(paths(&e.validate(d(2026, 11, 23))), vec!["escalation.stage1_response_on"]);
        let o = OmbudsmanReferral {
            why_still_unhappy: "".into(),
            outcome_wanted: " ".into(),
            responses_had: ResponsesHad::None,
            landlord_reference: None,
            tell_landlord: false,
        };
        assert_eq!(paths(&o.validate()), vec!["ombudsman.why_still_unhappy", "ombudsman.outcome_wanted"]);
        let p = PreviousReference { reference: " ".into(), description: None };
        assert_eq!(paths(&p.validate(2)), vec!["previous_references.2.reference"]);
    }
}

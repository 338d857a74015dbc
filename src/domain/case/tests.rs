//! The case model's rules.

use super::*;
use chrono::NaiveDate;
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

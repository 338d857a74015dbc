//! The submission payload (`putright.submission/v1`) and its builder.
//!
//! The UI fills in a [`Draft`] and calls [`Draft::build`] with the landlord
//! config, a fresh id ([`new_id`]) and the submission time; the builder
//! tidies and validates the answers and works out the exclusion warnings
//! and expected dates itself. The JSON Schema is
//! `public/schema/submission.v1.json`; examples of each kind are in
//! `public/examples/`.

use chrono::{DateTime, FixedOffset, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use super::case::{
    Adjustments, CaseKind, ComplaintDefinition, Escalation, OmbudsmanReferral, PreviousReference, Representative, Resident,
    ServiceRequest,
};
use super::calendar::{uk_date, OutOfRange};
use super::config::LandlordConfig;
use super::deadlines::{hazard_dates, ExpectedDate, Stage, StageDates};
use super::exclusions::{check_complaint, check_escalation, ExclusionWarning};
use super::hazard::HazardFlag;
use super::scheme::Scheme;
use super::text::Render;
use super::validate::{self, Invalid, Problem};

pub mod attachments;
mod form;

mod limits;

pub use attachments::{Attachment, MediaType};
pub use form::uri_encode;
use form::{flatten, form_encode};
pub use limits::{check_text_fields, limit_of, LIMITS};

/// The `schema` value of every v1 payload.
pub const SCHEMA: &str = "putright.submission/v1";

/// A new client-side id (UUID v4). Also the `Idempotency-Key` header.
pub fn new_id() -> String {
    uuid::Uuid::new_v4().to_string()
}

/// Which widget build sent the payload.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WidgetInfo {
    /// Crate version.
    pub version: String,
    /// Locale, e.g. "en-GB".
    pub locale: String,
}

impl Default for WidgetInfo {
    fn default() -> Self {
        WidgetInfo {
            version: env!("CARGO_PKG_VERSION").into(),
            locale: "en-GB".into(),
        }
    }
}

/// A submission as sent to the landlord's endpoint.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Submission {
    /// Always [`SCHEMA`].
    pub schema: String,
    /// UUID v4, also the Idempotency-Key header.
    pub id: String,
    /// What this is.
    pub kind: CaseKind,
    /// When it was submitted (RFC 3339, resident's local offset).
    pub submitted_at: DateTime<FixedOffset>,
    /// The landlord's id from its config.
    pub landlord_id: String,
    /// Whose complaints rules the dates and warnings follow (absent from
    /// payloads made before schemes existed: those followed England's).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scheme: Option<Scheme>,
    /// Widget version and locale.
    pub widget: WidgetInfo,
    /// The resident.
    pub resident: Resident,
    /// Their representative, if any.
    pub representative: Option<Representative>,
    /// Adjustments they need, if any.
    pub adjustments: Option<Adjustments>,
    /// The complaint definition (complaints; optional for stage 2 and
    /// Ombudsman referrals).
    pub complaint: Option<ComplaintDefinition>,
    /// The service request.
    pub service_request: Option<ServiceRequest>,
    /// The stage 2 request.
    pub escalation: Option<Escalation>,
    /// The Ombudsman referral.
    pub ombudsman: Option<OmbudsmanReferral>,
    /// Earlier references.
    pub previous_references: Vec<PreviousReference>,
    /// Emergency or damp and mould flag.
    pub hazard: Option<HazardFlag>,
    /// Exclusion warnings shown to the resident.
    pub warnings: Vec<ExclusionWarning>,
    /// Dates the resident can expect things by.
    pub expected_dates: Vec<ExpectedDate>,
    /// Photos and documents sent with it, each in its own multipart part
    /// (left out when there are none, so such a payload is as before).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub attachments: Vec<Attachment>,
}

impl Submission {
    /// The date it counts as received: the UK date at `submitted_at`,
    /// wherever the resident's clock was (the landlord receives it in the UK).
    pub fn received_on(&self) -> NaiveDate {
        uk_date(self.submitted_at.with_timezone(&Utc))
    }

    /// The value for the `Idempotency-Key` header.
    pub fn idempotency_key(&self) -> &str {
        &self.id
    }

    /// Compact JSON for sending.
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    /// Indented JSON, for showing or saving.
    pub fn to_json_pretty(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_default()
    }

    /// Parse a payload (e.g. one saved for retry).
    pub fn from_json(json: &str) -> Result<Submission, serde_json::Error> {
        serde_json::from_str(json)
    }

    /// The expected date for `event` (e.g. "stage1_respond"), if any.
    pub fn expected(&self, event: &str) -> Option<&ExpectedDate> {
        self.expected_dates.iter().find(|e| e.event == event)
    }

    /// Flattened `(key, value)` pairs for an endpoint with format "form":
    /// nested keys joined with dots and array items by index
    /// (`resident.address_lines.0`); nulls are left out.
    pub fn to_form_fields(&self) -> Vec<(String, String)> {
        form_fields(&self.to_json())
    }

    /// `application/x-www-form-urlencoded` body from [`Submission::to_form_fields`].
    pub fn to_form_urlencoded(&self) -> String {
        form_urlencoded(&self.to_json())
    }
}

/// [`Submission::to_form_fields`] from the submission's JSON text, for a
/// caller that already has it (Send keeps both bodies). Through the text,
/// not `to_value`: the wasm then carries one serialiser for submissions.
pub fn form_fields(json: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    if let Ok(v) = serde_json::from_str::<serde_json::Value>(json) {
        flatten("", &v, &mut out);
    }
    out
}

/// [`Submission::to_form_urlencoded`] from the submission's JSON text.
pub fn form_urlencoded(json: &str) -> String {
    form_fields(json)
        .iter()
        .map(|(k, v)| format!("{}={}", form_encode(k), form_encode(v)))
        .collect::<Vec<_>>()
        .join("&")
}

/// The parts of a submission, before building a [`Submission`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Draft {
    pub kind: CaseKind,
    pub resident: Resident,
    pub representative: Option<Representative>,
    pub adjustments: Option<Adjustments>,
    pub complaint: Option<ComplaintDefinition>,
    pub service_request: Option<ServiceRequest>,
    pub escalation: Option<Escalation>,
    pub ombudsman: Option<OmbudsmanReferral>,
    pub previous_references: Vec<PreviousReference>,
    /// Hazards ticked first, whatever the resident then came to do.
    pub hazard: Option<HazardFlag>,
    /// Locale for `widget.locale`.
    pub locale: String,
    /// Files the resident attached (checked against the landlord's
    /// `attachments` limits when the payload is built).
    pub attachments: Vec<Attachment>,
}

impl Draft {
    /// An empty draft of `kind` for `resident`.
    pub fn new(kind: CaseKind, resident: Resident) -> Self {
        Draft {
            kind,
            resident,
            representative: None,
            adjustments: None,
            complaint: None,
            service_request: None,
            escalation: None,
            ombudsman: None,
            previous_references: vec![],
            hazard: None,
            locale: "en-GB".into(),
            attachments: vec![],
        }
    }

    /// Add an earlier reference.
    pub fn with_previous_reference(mut self, reference: &str, description: Option<&str>) -> Self {
        self.previous_references
            .push(PreviousReference { reference: reference.into(), description: description.map(String::from) });
        self
    }

    /// Trim text, drop blanks and normalise postcodes in every section.
    pub fn tidy(&mut self) {
        self.resident.tidy();
        self.representative.iter_mut().for_each(Representative::tidy);
        self.adjustments.iter_mut().for_each(Adjustments::tidy);
        self.complaint.iter_mut().for_each(ComplaintDefinition::tidy);
        self.service_request.iter_mut().for_each(ServiceRequest::tidy);
        self.escalation.iter_mut().for_each(Escalation::tidy);
        self.ombudsman.iter_mut().for_each(OmbudsmanReferral::tidy);
        for p in &mut self.previous_references {
            p.reference = validate::clean(&p.reference);
            p.description = validate::clean_optional(p.description.as_deref());
        }
        self.previous_references.retain(|p| !p.reference.is_empty());
        if let Some(h) = &self.hazard {
            // Re-derive the level from what was ticked, without duplicates.
            let details = validate::clean_optional(h.details.as_deref());
            let vulnerable = h.vulnerable_household;
            self.hazard = HazardFlag::from_hazards(&h.hazards).map(|f| HazardFlag { details, vulnerable_household: vulnerable, ..f });
        }
        self.attachments.iter_mut().for_each(Attachment::tidy);
    }

    /// Drop sections that do not belong to this kind, so answers the
    /// resident abandoned on another path are not sent. The hazard flag
    /// stays whatever the kind: a danger ticked first is always sent.
    pub fn keep_relevant_sections(&mut self) {
        use CaseKind::*;
        let k = self.kind;
        if !matches!(k, Complaint | Stage2Escalation | OmbudsmanReferral) {
            self.complaint = None;
        }
        if k != ServiceRequest {
            self.service_request = None;
        }
        if k != Stage2Escalation {
            self.escalation = None;
        }
        if k != OmbudsmanReferral {
            self.ombudsman = None;
        }
        // Appointing a representative asks no support needs (the journey's
        // `adjust::wanted`): those are the resident's own request.
        if k == RepresentativeAuthority {
            self.adjustments = None;
        }
    }

    /// What the parts mean: everything required for the kind is there,
    /// formats, dates and permission. `today` for date rules.
    pub fn validate(&self, today: NaiveDate) -> Vec<Invalid> {
        let mut e = self.resident.validate();
        let missing = match self.kind {
            CaseKind::Complaint if self.complaint.is_none() => Some("complaint.what_went_wrong"),
            CaseKind::ServiceRequest if self.service_request.is_none() => Some("service_request.what_needs_doing"),
            CaseKind::Stage2Escalation if self.escalation.is_none() => Some("escalation"),
            CaseKind::OmbudsmanReferral if self.ombudsman.is_none() => Some("ombudsman.why_still_unhappy"),
            CaseKind::RepresentativeAuthority if self.representative.is_none() => Some("representative.name"),
            CaseKind::AdjustmentsRequest if self.adjustments.is_none() => Some("adjustments.formats"),
            _ => None,
        };
        e.extend(missing.map(|p| Invalid::new(p, Problem::Missing)));
        e.extend(self.representative.iter().flat_map(Representative::validate));
        e.extend(self.adjustments.iter().flat_map(|a| a.validate(self.kind == CaseKind::AdjustmentsRequest)));
        e.extend(self.complaint.iter().flat_map(|c| c.validate(today)));
        e.extend(self.service_request.iter().flat_map(ServiceRequest::validate));
        e.extend(self.escalation.iter().flat_map(|x| x.validate(today)));
        e.extend(self.ombudsman.iter().flat_map(OmbudsmanReferral::validate));
        e.extend(self.previous_references.iter().enumerate().flat_map(|(i, p)| p.validate(i)));
        e
    }

    /// Tidy, validate and build the payload. The received date is the
    /// UK date at `submitted_at`; warnings and expected dates are worked
    /// out from it with the landlord's calendar and timescales, and worded
    /// by `words` in the resident's language.
    pub fn build(
        mut self,
        config: &LandlordConfig,
        id: &str,
        submitted_at: DateTime<FixedOffset>,
        words: &dyn Render,
    ) -> Result<Submission, Vec<Invalid>> {
        self.tidy();
        self.keep_relevant_sections();
        let received = uk_date(submitted_at.with_timezone(&Utc));
        let mut errors = self.validate(received);
        errors.extend(attachments::check(&self.attachments, &config.attachments));
        let id_ok = uuid::Uuid::parse_str(id).is_ok_and(|u| u.get_version_num() == 4) && id.len() == 36;
        if !id_ok {
            errors.push(Invalid::new("id", Problem::Said(super::text::Msg::new("err.try_again"))));
        }
        if !errors.is_empty() {
            return Err(errors);
        }

        let cal = config.calendar();
        let ts = config.timescales();
        let mut warnings = Vec::new();
        let mut dues = Vec::new();
        // Only a clock set near the calendar's last day gets here.
        let beyond = |_: OutOfRange| vec![Invalid::new("submitted_at", Problem::Said(super::text::Msg::new("err.try_again")))];
        match self.kind {
            CaseKind::Complaint => {
                warnings.extend(self.complaint.iter().flat_map(|c| check_complaint(c, received, config)));
                dues.extend(StageDates::new(Stage::Stage1, received, &cal, &ts).map_err(beyond)?.expected(&ts));
            }
            CaseKind::Stage2Escalation => {
                if let Some(esc) = &mut self.escalation {
                    let (window, w) = check_escalation(esc, received, config).map_err(beyond)?;
                    esc.window = window;
                    warnings.extend(w);
                }
                dues.extend(StageDates::new(Stage::Stage2, received, &cal, &ts).map_err(beyond)?.expected(&ts));
            }
            _ => {}
        }
        // Awaab's Law: England only (the config refuses it elsewhere).
        if let (Some(h), true) = (&self.hazard, config.awaabs_law) {
            dues.extend(hazard_dates(h.level, received, &cal).map_err(beyond)?);
        }

        let submission = Submission {
            schema: SCHEMA.into(),
            id: id.to_ascii_lowercase(),
            kind: self.kind,
            submitted_at,
            landlord_id: config.landlord_id.clone(),
            scheme: Some(config.scheme()),
            widget: WidgetInfo { locale: self.locale, ..WidgetInfo::default() },
            resident: self.resident,
            representative: self.representative,
            adjustments: self.adjustments,
            complaint: self.complaint,
            service_request: self.service_request,
            escalation: self.escalation,
            ombudsman: self.ombudsman,
            previous_references: self.previous_references,
            hazard: self.hazard,
            warnings: warnings.iter().map(|w| w.to_payload(words, config)).collect(),
            expected_dates: dues.iter().map(|d| d.to_payload(words)).collect(),
            attachments: self.attachments,
        };
        // Through the JSON text, as `to_form_fields` does: one serialiser
        // for submissions in the wasm, not a second one into a `Value`.
        let over = serde_json::from_str::<serde_json::Value>(&submission.to_json()).map(|v| check_text_fields(&v)).unwrap_or_default();
        if over.is_empty() {
            Ok(submission)
        } else {
            Err(over)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::validate::Limit;
    use serde_json::Value;
    use crate::domain::case::{ContactMethod, OutcomeSought, ResponsesHad};
    use crate::domain::deadlines::HazardLevel;
    use crate::domain::examples::{assert_schema_valid, example_draft, submitted, words};
    use crate::domain::exclusions::WarningCode;
    use crate::domain::hazard::HazardKind;
    use crate::domain::choice::Choice;

    const ID: &str = "3f2b8c1e-9a4d-4e6f-8b2a-1c3d5e7f9a0b";

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn complaint_on_23_november_2026() {
        let config = LandlordConfig::example();
        let s = example_draft(CaseKind::Complaint)
            .build(&config, ID, submitted(d(2026, 11, 23)), &words())
            .unwrap();
        assert_schema_valid(&s);
        assert_eq!(s.schema, SCHEMA);
        assert_eq!(s.received_on(), d(2026, 11, 23));
        let ack = s.expected("stage1_acknowledge").unwrap();
        assert_eq!(ack.due, d(2026, 11, 30));
        assert_eq!(ack.working_days, Some(5));
        assert_eq!(ack.code_section.as_deref(), Some("6.2"));
        assert_eq!(s.expected("stage1_respond").unwrap().due, d(2026, 12, 14));
        assert_eq!(s.expected("stage1_extension_limit").unwrap().due, d(2026, 12, 30));
        let v = serde_json::to_value(&s).unwrap();
        assert_eq!(v["expected_dates"][0]["due"], "2026-11-30");
        assert_eq!(v["kind"], "complaint");
        assert_eq!(v["submitted_at"], "2026-11-23T10:15:00Z");
        assert_eq!(v["service_request"], Value::Null);
        assert_eq!(v["resident"]["postcode"], "EX1 1AA");
        assert_eq!(Submission::from_json(&s.to_json()).unwrap(), s);
    }

    #[test]
    fn a_clock_at_the_calendars_edge_is_refused_not_a_panic() {
        let config = LandlordConfig::example();
        let at = NaiveDate::MAX.and_hms_opt(12, 0, 0).unwrap().and_utc().fixed_offset();
        for kind in [CaseKind::Complaint, CaseKind::Stage2Escalation] {
            let errors = example_draft(kind).build(&config, ID, at, &words()).unwrap_err();
            assert_eq!(errors.iter().map(|e| e.path.as_str()).collect::<Vec<_>>(), ["submitted_at"], "{kind:?}");
        }
    }

    #[test]
    fn a_resident_abroad_near_midnight_gets_the_uk_date() {
        // The landlord receives it on the UK's date, whatever the resident's
        // clock says. 00:30 on 24 November in +01:00 (Paris) is 23:30 on 23
        // November in the UK (GMT in winter).
        let config = LandlordConfig::example();
        let at = DateTime::parse_from_rfc3339("2026-11-24T00:30:00+01:00").unwrap();
        let s = example_draft(CaseKind::Complaint).build(&config, ID, at, &words()).unwrap();
        assert_eq!(s.received_on(), d(2026, 11, 23));
        assert_eq!(s.expected("stage1_acknowledge").unwrap().due, d(2026, 11, 30));
        assert_eq!(s.submitted_at, at, "the resident's own offset is still sent");
        assert_schema_valid(&s);
        // 21:00 on 23 November in New York is 02:00 on 24 November in the UK.
        let at = DateTime::parse_from_rfc3339("2026-11-23T21:00:00-05:00").unwrap();
        let s = example_draft(CaseKind::Complaint).build(&config, ID, at, &words()).unwrap();
        assert_eq!(s.received_on(), d(2026, 11, 24));
        assert_eq!(s.expected("stage1_acknowledge").unwrap().due, d(2026, 12, 1));
        // In British Summer Time: 23:30 UTC on 31 August is 00:30 on 1 September in the UK.
        let at = DateTime::parse_from_rfc3339("2026-08-31T23:30:00+00:00").unwrap();
        let s = example_draft(CaseKind::Complaint).build(&config, ID, at, &words()).unwrap();
        assert_eq!(s.received_on(), d(2026, 9, 1));
    }

    #[test]
    fn promised_timescales_and_region_flow_through() {
        let mut config = LandlordConfig::example();
        config.timescales.stage1_acknowledge = Some(1);
        config.bank_holiday_region = crate::domain::calendar::Region::Scotland;
        let s = example_draft(CaseKind::Complaint)
            .build(&config, ID, submitted(d(2026, 11, 27)), &words())
            .unwrap();
        // Friday 27 + 1 wd: Monday 30 is St Andrew's Day in Scotland.
        assert_eq!(s.expected("stage1_acknowledge").unwrap().due, d(2026, 12, 1));
        assert!(s.expected("stage1_acknowledge").unwrap().basis.contains("aims to acknowledge your complaint within 1 working day"));
        assert_schema_valid(&s);
    }

    #[test]
    fn old_complaint_warns_but_still_builds() {
        let config = LandlordConfig::example();
        let mut draft = example_draft(CaseKind::Complaint);
        let c = draft.complaint.as_mut().unwrap();
        c.started_on = d(2024, 6, 1);
        c.became_aware_on = None;
        c.court_proceedings_filed = Some(true);
        let s = draft.build(&config, ID, submitted(d(2026, 11, 23)), &words()).unwrap();
        let codes: Vec<_> = s.warnings.iter().map(|w| w.code).collect();
        assert_eq!(codes, vec![WarningCode::Over12Months, WarningCode::CourtProceedings]);
        let v = serde_json::to_value(&s).unwrap();
        assert_eq!(v["warnings"][0]["code"], "over_12_months");
        assert_eq!(v["warnings"][0]["code_section"], "2.3");
        assert!(v["warnings"][0]["ombudsman_right"].as_str().unwrap().contains("Ombudsman"));
        assert_schema_valid(&s);
    }

    #[test]
    fn stage2_gets_window_and_dates() {
        let config = LandlordConfig::example();
        let s = example_draft(CaseKind::Stage2Escalation)
            .build(&config, ID, submitted(d(2026, 11, 23)), &words())
            .unwrap();
        let w = s.escalation.as_ref().unwrap().window.as_ref().unwrap();
        assert!(w.within_window);
        assert_eq!(s.expected("stage2_acknowledge").unwrap().due, d(2026, 11, 30));
        assert_eq!(s.expected("stage2_respond").unwrap().due, d(2026, 12, 30));
        assert_eq!(s.expected("stage2_extension_limit").unwrap().code_section.as_deref(), Some("6.15"));
        assert!(s.warnings.is_empty());
        assert_schema_valid(&s);
        // Two months after the response: outside the one-month window.
        let s = example_draft(CaseKind::Stage2Escalation)
            .build(&config, ID, submitted(d(2027, 1, 20)), &words())
            .unwrap();
        assert_eq!(s.warnings[0].code, WarningCode::OutsideEscalationWindow);
        assert!(!s.escalation.as_ref().unwrap().window.as_ref().unwrap().within_window);
        assert_schema_valid(&s);
    }

    #[test]
    fn hazards_add_awaabs_law_dates() {
        let config = LandlordConfig::example();
        let mut draft = example_draft(CaseKind::ServiceRequest);
        draft.hazard = HazardFlag::from_hazards(&[HazardKind::GasSmell]);
        let s = draft.clone().build(&config, ID, submitted(d(2026, 11, 23)), &words()).unwrap();
        assert_eq!(s.hazard.as_ref().unwrap().level, HazardLevel::Emergency);
        let e = s.expected("hazard_make_safe").unwrap();
        assert_eq!(e.due, d(2026, 11, 24));
        assert_eq!(e.working_days, None);
        assert_eq!(e.code_section, None);
        assert_schema_valid(&s);
        draft.hazard = HazardFlag::from_hazards(&[HazardKind::DampAndMould]);
        let s = draft.clone().build(&config, ID, submitted(d(2026, 11, 23)), &words()).unwrap();
        assert_eq!(s.expected("hazard_investigate").unwrap().due, d(2026, 12, 7));
        assert_schema_valid(&s);
        // Not in England: no Awaab's Law dates.
        let mut wales_like = config.clone();
        wales_like.awaabs_law = false;
        let s = draft.build(&wales_like, ID, submitted(d(2026, 11, 23)), &words()).unwrap();
        assert!(s.expected_dates.is_empty());
        assert_schema_valid(&s);
    }

    #[test]
    fn every_kind_builds_and_validates() {
        let config = LandlordConfig::example();
        for &kind in CaseKind::ALL {
            let s = example_draft(kind)
                .build(&config, &new_id(), submitted(d(2026, 11, 23)), &words())
                .unwrap_or_else(|e| panic!("{kind:?}: {e:?}"));
            assert_eq!(s.kind, kind);
            assert_schema_valid(&s);
        }
    }

    #[test]
    fn validation_errors_block_building() {
        let config = LandlordConfig::example();
        let mut draft = example_draft(CaseKind::Complaint);
        draft.complaint = None;
        draft.resident.email = Some("bad".into());
        let e = draft.build(&config, "not-a-uuid", submitted(d(2026, 11, 23)), &words()).unwrap_err();
        let fields: Vec<_> = e.iter().map(|e| e.path.as_str()).collect();
        assert_eq!(fields, vec!["resident.email", "complaint.what_went_wrong", "id"]);
        // A v1 UUID is not accepted.
        let draft = example_draft(CaseKind::Complaint);
        let e = draft
            .build(&config, "c232ab00-9414-11ec-b3c8-9f6bdeced846", submitted(d(2026, 11, 23)), &words())
            .unwrap_err();
        assert_eq!(e[0].path, "id");
        for &kind in CaseKind::ALL {
            let draft = Draft::new(kind, example_draft(kind).resident);
            let e = draft.validate(d(2026, 11, 23));
            assert!(!e.is_empty(), "{kind:?} needs its section");
        }
    }

    #[test]
    fn irrelevant_sections_are_dropped_and_text_tidied() {
        let config = LandlordConfig::example();
        let mut draft = example_draft(CaseKind::ServiceRequest);
        draft.escalation = Some(Escalation::default());
        draft.ombudsman = Some(OmbudsmanReferral {
            why_still_unhappy: "x".into(),
            outcome_wanted: "y".into(),
            responses_had: ResponsesHad::None,
            landlord_reference: None,
            tell_landlord: true,
        });
        draft.resident.name = "  Sam  ".into();
        draft.resident.postcode = Some("ex11aa".into());
        // Typed on an Urdu keyboard: sent as digits the landlord can dial.
        draft.resident.phone = Some("\u{2066}۰۷۷۰۰ ۹۰۰ ۹۸۲\u{2069}".into());
        draft.resident.preferred_contact = ContactMethod::Phone;
        draft = draft.with_previous_reference("  ", None).with_previous_reference(" R-1 ", Some(" "));
        let s = draft.build(&config, ID, submitted(d(2026, 11, 23)), &words()).unwrap();
        assert_eq!(s.escalation, None);
        assert_eq!(s.ombudsman, None);
        assert_eq!(s.resident.name, "Sam");
        assert_eq!(s.resident.postcode.as_deref(), Some("EX1 1AA"));
        assert_eq!(s.resident.phone.as_deref(), Some("07700 900 982"));
        assert_eq!(s.previous_references.len(), 1);
        assert_eq!(s.previous_references[0].reference, "R-1");
        assert_eq!(s.previous_references[0].description, None);
        assert_schema_valid(&s);
    }

    #[test]
    fn form_encoding() {
        let config = LandlordConfig::example();
        let mut draft = example_draft(CaseKind::Complaint);
        draft.complaint.as_mut().unwrap().outcomes = OutcomeSought {
            compensation: true,
            compensation_amount_pence: Some(25_000),
            ..Default::default()
        };
        let s = draft.build(&config, ID, submitted(d(2026, 11, 23)), &words()).unwrap();
        assert_schema_valid(&s);
        let fields = s.to_form_fields();
        let get = |k: &str| fields.iter().find(|(key, _)| key == k).map(|(_, v)| v.as_str());
        assert_eq!(get("kind"), Some("complaint"));
        assert_eq!(get("resident.address_lines.0"), Some("Flat 2"));
        assert_eq!(get("complaint.outcomes.compensation_amount_pence"), Some("25000"));
        assert_eq!(get("complaint.outcomes.compensation"), Some("true"));
        assert_eq!(get("representative"), None);
        assert_eq!(get("expected_dates.0.event"), Some("stage1_acknowledge"));
        let body = s.to_form_urlencoded();
        assert!(body.contains("resident.name=Sam+Patel"));
        assert!(body.contains("submitted_at=2026-11-23T10%3A15%3A00Z"));
        assert!(!body.contains(' '));
    }

    #[test]
    fn uri_encoding_keeps_unreserved_characters_and_escapes_the_rest() {
        assert_eq!(uri_encode("Flat 2, £5 & ~x*"), "Flat%202%2C%20%C2%A35%20%26%20~x%2A");
        assert_eq!(form_encode("Flat 2, ~x*"), "Flat+2%2C+%7Ex*");
    }

    #[test]
    fn ids_are_fresh_uuids() {
        assert_eq!(new_id().len(), 36);
        assert_ne!(new_id(), new_id());
    }

    #[test]
    fn a_hazard_ticked_first_is_sent_whatever_the_task() {
        // It used to be dropped from stage 2, Ombudsman, representative and adjustments payloads.
        let config = LandlordConfig::example();
        for &kind in CaseKind::ALL {
            let mut draft = example_draft(kind);
            draft.hazard = HazardFlag::from_hazards(&[HazardKind::NoHeating]);
            let s = draft.build(&config, ID, submitted(d(2026, 11, 23)), &words()).unwrap();
            assert_eq!(s.hazard.as_ref().map(|h| h.hazards.clone()), Some(vec![HazardKind::NoHeating]), "{kind:?}");
            assert!(s.expected("hazard_make_safe").is_some(), "{kind:?}");
            assert_schema_valid(&s);
        }
    }

    #[test]
    fn a_payload_without_attachments_has_no_attachments_field() {
        let config = LandlordConfig::example();
        let s = example_draft(CaseKind::Complaint).build(&config, ID, submitted(d(2026, 11, 23)), &words()).unwrap();
        assert!(s.attachments.is_empty());
        let json = s.to_json();
        assert!(!json.contains("attachments"), "{json}");
        assert!(!s.to_form_urlencoded().contains("attachments"));
        // And one sent before attachments existed still reads.
        assert_eq!(Submission::from_json(&json).unwrap(), s);
    }

    #[test]
    fn attachments_are_tidied_checked_and_sent() {
        use crate::domain::examples::example_attachments;
        let config = LandlordConfig::example();
        let mut draft = example_draft(CaseKind::ServiceRequest);
        draft.attachments = example_attachments();
        draft.attachments[0].filename = "C:\\fakepath\\kitchen\u{202e}gpj.jpg".into();
        draft.attachments[1].sha256 = draft.attachments[1].sha256.to_ascii_uppercase();
        let s = draft.clone().build(&config, ID, submitted(d(2026, 11, 23)), &words()).unwrap();
        assert_schema_valid(&s);
        assert_eq!(s.attachments.len(), 2);
        assert_eq!(s.attachments[0].filename, "kitchengpj.jpg");
        assert_eq!(s.attachments[1].sha256, example_attachments()[1].sha256);
        let v = serde_json::to_value(&s).unwrap();
        assert_eq!(v["attachments"][1]["media_type"], "application/pdf");
        assert_eq!(v["attachments"][0]["bytes"], 482_113);
        let fields = s.to_form_fields();
        assert!(fields.contains(&("attachments.1.id".to_owned(), "a2".to_owned())), "{fields:?}");

        // The landlord's limits refuse, by path, before anything is built.
        let mut small = config.clone();
        small.attachments.max_file_bytes = 100_000;
        let e = draft.clone().build(&small, ID, submitted(d(2026, 11, 23)), &words()).unwrap_err();
        let paths: Vec<_> = e.iter().map(|i| i.path.as_str()).collect();
        assert_eq!(paths, ["attachments.0"]);
        let mut none = config.clone();
        none.attachments.max_files = 0;
        let e = draft.build(&none, ID, submitted(d(2026, 11, 23)), &words()).unwrap_err();
        assert_eq!(e[0].path, "attachments");
    }

    #[test]
    fn text_over_its_limit_or_with_hidden_characters_is_refused_by_path() {
        let config = LandlordConfig::example();
        let mut draft = example_draft(CaseKind::Complaint);
        draft.resident.name = "x".repeat(101);
        draft.resident.tenancy_reference = Some("T\u{202e}1".into());
        draft.complaint.as_mut().unwrap().impact = Some("fine\nover two lines".into());
        let e = draft.build(&config, ID, submitted(d(2026, 11, 23)), &words()).unwrap_err();
        let got: Vec<_> = e.iter().map(|e| (e.path.as_str(), e.problem.clone())).collect();
        assert!(got.contains(&("resident.name", Problem::TooLong(100))), "{got:?}");
        assert!(got.contains(&("resident.tenancy_reference", Problem::Hidden)), "{got:?}");
        assert!(got.iter().all(|(p, _)| *p != "complaint.impact"), "long text may hold line breaks: {got:?}");
        assert_eq!(limit_of("resident.address_lines.3"), Some(Limit::Name));
        assert_eq!(limit_of("previous_references.0.reference"), Some(Limit::Reference));
        assert_eq!(limit_of("resident.email"), None);
    }
}

//! Test-only: example drafts of every kind, the JSON Schema check used by
//! every payload test, and the test that keeps `public/examples/*.json` in
//! step with the Rust types.
//!
//! Regenerate the example files with:
//! `UPDATE_EXAMPLES=1 cargo test --lib examples`

use std::path::PathBuf;
use std::sync::OnceLock;

use chrono::{DateTime, FixedOffset, NaiveDate, TimeZone};
use serde_json::Value;

use super::case::*;
use super::choice::Choice;
use super::config::LandlordConfig;
use super::payload::{Attachment, Draft, MediaType, Submission};
use super::hazard::{HazardFlag, HazardKind};
use super::text::{shipped, Arg, Words};

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

/// 10:15 UTC on `date`.
pub(crate) fn submitted(date: NaiveDate) -> DateTime<FixedOffset> {
    FixedOffset::east_opt(0)
        .unwrap()
        .from_local_datetime(&date.and_hms_opt(10, 15, 0).unwrap())
        .unwrap()
}

fn resident() -> Resident {
    Resident {
        name: "Sam Patel".into(),
        address_lines: vec!["Flat 2".into(), "10 Example Road".into(), "Exampletown".into()],
        postcode: Some("ex1 1aa".into()),
        tenancy_reference: Some("T-0012345".into()),
        phone: Some("07700 900 982".into()),
        email: Some("sam.patel@example.com".into()),
        preferred_contact: ContactMethod::Email,
        contact_times: Some("Weekdays after 1pm".into()),
    }
}

/// A complete, valid draft of `kind`.
pub(crate) fn example_draft(kind: CaseKind) -> Draft {
    let mut draft = Draft::new(kind, resident());
    match kind {
        CaseKind::Complaint => {
            let mut c = ComplaintDefinition::new(
                "I reported a leak from the bathroom above the kitchen in August. Two repair \
                 appointments were missed and nobody called to rearrange.",
                d(2026, 8, 3),
                OutcomeSought {
                    apology: true,
                    repair: true,
                    compensation: true,
                    compensation_amount_pence: Some(15_000),
                    ..Default::default()
                },
            );
            c.tried_already = Some("Phoned the repairs line twice.".into());
            c.tried_reference = Some("REP-48213".into());
            c.impact = Some("Water drips through the kitchen light, so we cannot use the kitchen after dark.".into());
            c.court_proceedings_filed = Some(false);
            c.previously_complained = Some(false);
            c.about_service_request = true;
            draft.complaint = Some(c);
            draft.adjustments = Some(Adjustments { formats: vec![Format::LargePrint], extra_time: true, ..Default::default() });
            draft.with_previous_reference("REP-48213", Some("Leak repair job"))
        }
        CaseKind::ServiceRequest => {
            let mut s = ServiceRequest::new("The kitchen tap drips all the time and will not turn off fully.");
            s.location = Some("Kitchen".into());
            s.urgency = Urgency::Routine;
            s.access = Some("Please call 30 minutes before arriving.".into());
            s.availability = Some("Weekdays after 1pm".into());
            s.complaint_offered = true;
            draft.service_request = Some(s);
            draft
        }
        CaseKind::Stage2Escalation => {
            draft.escalation = Some(Escalation {
                stage1_reference: Some("CMP-2026-0412".into()),
                stage1_response_on: Some(d(2026, 11, 10)),
                reasons: Some("The response did not say when the repair will be done.".into()),
                outcome_wanted: Some("A date for the repair and an apology.".into()),
                window: None,
            });
            draft.with_previous_reference("CMP-2026-0412", Some("Stage 1 complaint"))
        }
        CaseKind::OmbudsmanReferral => {
            draft.ombudsman = Some(OmbudsmanReferral {
                why_still_unhappy: "The final response accepted the delays but the leak is still not fixed.".into(),
                outcome_wanted: "The repair done within a month and compensation for the damage.".into(),
                responses_had: ResponsesHad::Stage2,
                landlord_reference: Some("CMP-2026-0412".into()),
                tell_landlord: true,
            });
            draft
        }
        CaseKind::RepresentativeAuthority => {
            let mut rep = Representative::new(
                RepresentativeRole::AdvocateOrSupportWorker,
                "Alex Morgan",
                ConsentEvidence::ResidentConfirms,
            );
            rep.organisation = Some("Exampletown Advice Centre".into());
            rep.phone = Some("01632 960 001".into());
            rep.email = Some("alex.morgan@example.org".into());
            rep.resident_confirmed = true;
            draft.representative = Some(rep);
            draft
        }
        CaseKind::AdjustmentsRequest => {
            draft.adjustments = Some(Adjustments {
            formats: vec![Format::LargePrint, Format::Audio],
            language: None,
            interpreter: Some(Interpreter::BritishSignLanguage),
            contact_method: Some(ContactMethod::Text),
            contact_times: Some("Weekday mornings".into()),
            extra_time: true,
            single_contact: true,
            support_person: true,
            other: None,
            disability: Some(DisabilityDisclosure {
                details: "I am Deaf and have low vision.".into(),
                consent_to_record: true,
            }),
            });
            draft
        }
    }
}

/// English words with the demo landlord's details, as the widget shows them.
pub(crate) fn words() -> Words {
    let c = LandlordConfig::example();
    Words::new(shipped::english())
        .share("landlord", Arg::Text(c.landlord_name.clone()))
        .share("ombudsman", Arg::Text(c.ombudsman.name.clone()))
        .share("phone", Arg::Ltr(c.phone.clone()))
}

/// The submission written to `public/examples/<kind>.json`.
pub(crate) fn example_submission(kind: CaseKind) -> Submission {
    let mut draft = example_draft(kind);
    if kind == CaseKind::ServiceRequest {
        let mut flag = HazardFlag::from_hazards(&[HazardKind::DampAndMould]).unwrap();
        flag.details = Some("Black mould on the bedroom wall behind the wardrobe.".into());
        flag.vulnerable_household = Some(true);
        draft.hazard = Some(flag);
    }
    let n = CaseKind::ALL.iter().position(|k| *k == kind).unwrap_or(0) + 1;
    let id = format!("00000000-0000-4000-8000-{n:012}");
    draft
        .build(&LandlordConfig::example(), &id, submitted(d(2026, 11, 23)), &words())
        .unwrap_or_else(|e| panic!("{kind:?}: {e:?}"))
}

/// A photo and a letter, as the widget describes them.
pub(crate) fn example_attachments() -> Vec<Attachment> {
    vec![
        Attachment {
            id: "a1".into(),
            filename: "kitchen ceiling.jpg".into(),
            media_type: MediaType::Jpeg,
            bytes: 482_113,
            sha256: "9f2c5a1e7b3d4c6f8a0b1c2d3e4f5a6b7c8d9e0f1a2b3c4d5e6f7a8b9c0d1e2f".into(),
        },
        Attachment {
            id: "a2".into(),
            filename: "Letter about missed appointment.pdf".into(),
            media_type: MediaType::Pdf,
            bytes: 81_920,
            sha256: "0d1e2f3a4b5c6d7e8f9a0b1c2d3e4f5a6b7c8d9e0f1a2b3c4d5e6f7a8b9c0d1e".into(),
        },
    ]
}

/// Every published example: `public/examples/<name>.json`, one of each
/// kind and the complaint with a photo and a letter.
pub(crate) fn published_examples() -> Vec<(String, Submission)> {
    let mut all: Vec<(String, Submission)> = CaseKind::ALL.iter().map(|&k| (k.value().to_owned(), example_submission(k))).collect();
    let mut draft = example_draft(CaseKind::Complaint);
    draft.attachments = example_attachments();
    let with_files = draft
        .build(&LandlordConfig::example(), "00000000-0000-4000-8000-000000000007", submitted(d(2026, 11, 23)), &words())
        .unwrap_or_else(|e| panic!("with attachments: {e:?}"));
    all.push(("complaint_with_attachments".to_owned(), with_files));
    all
}

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn validator() -> &'static jsonschema::Validator {
    static V: OnceLock<jsonschema::Validator> = OnceLock::new();
    V.get_or_init(|| {
        let text = std::fs::read_to_string(root().join("public/schema/submission.v1.json"))
            .expect("read public/schema/submission.v1.json");
        let schema: Value = serde_json::from_str(&text).expect("schema is JSON");
        jsonschema::draft202012::options()
            .should_validate_formats(true)
            .build(&schema)
            .expect("schema compiles")
    })
}

/// Schema errors for a JSON value (empty when valid).
pub(crate) fn schema_errors(value: &Value) -> Vec<String> {
    validator()
        .iter_errors(value)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect()
}

/// Panic unless the payload validates against the JSON Schema.
pub(crate) fn assert_schema_valid(s: &Submission) {
    let v = serde_json::to_value(s).expect("serialise");
    let errors = schema_errors(&v);
    assert!(errors.is_empty(), "{:?} payload fails the schema: {errors:#?}", s.kind);
}

#[test]
fn examples_match_public_files() {
    let update = std::env::var_os("UPDATE_EXAMPLES").is_some();
    for (name, s) in published_examples() {
        assert_schema_valid(&s);
        let json = s.to_json_pretty() + "\n";
        let path = root().join(format!("public/examples/{name}.json"));
        if update {
            std::fs::write(&path, &json).expect("write example");
            continue;
        }
        let on_disk = std::fs::read_to_string(&path).unwrap_or_default();
        assert!(
            on_disk == json,
            "{} is out of date; run UPDATE_EXAMPLES=1 cargo test --lib examples",
            path.display()
        );
        // The file on disk parses back to the same payload and validates.
        let parsed: Value = serde_json::from_str(&on_disk).unwrap();
        assert!(schema_errors(&parsed).is_empty());
        assert_eq!(Submission::from_json(&on_disk).unwrap(), s);
    }
}

#[test]
fn schema_rejects_what_the_types_would_never_send() {
    let good = serde_json::to_value(example_submission(CaseKind::Complaint)).unwrap();
    assert!(schema_errors(&good).is_empty());
    type Breakage = Box<dyn Fn(&mut Value)>;
    let broken: Vec<(&str, Breakage)> = vec![
        ("unknown kind", Box::new(|v| v["kind"] = "letter".into())),
        ("wrong schema", Box::new(|v| v["schema"] = "putright.submission/v2".into())),
        ("extra field", Box::new(|v| v["surprise"] = true.into())),
        ("missing id", Box::new(|v| {
            v.as_object_mut().unwrap().remove("id");
        })),
        ("id not v4", Box::new(|v| v["id"] = "c232ab00-9414-11ec-b3c8-9f6bdeced846".into())),
        ("complaint kind without complaint", Box::new(|v| v["complaint"] = Value::Null)),
        ("bad date", Box::new(|v| v["expected_dates"][0]["due"] = "30/11/2026".into())),
        ("impossible date", Box::new(|v| v["complaint"]["started_on"] = "2026-02-30".into())),
        ("bad timestamp", Box::new(|v| v["submitted_at"] = "yesterday".into())),
        ("warning without right", Box::new(|v| {
            v["warnings"] = serde_json::json!([{"code": "over_12_months", "message": "m", "code_section": "2.3"}]);
        })),
        ("lower-case postcode", Box::new(|v| v["resident"]["postcode"] = "ex1 1aa".into())),
        ("empty what went wrong", Box::new(|v| v["complaint"]["what_went_wrong"] = "".into())),
        ("extra resident field", Box::new(|v| v["resident"]["nickname"] = "S".into())),
        ("unknown event", Box::new(|v| v["expected_dates"][0]["event"] = "whenever".into())),
        // Text that is not what it looks like (the widget refuses it too).
        ("a control character in a name", Box::new(|v| v["resident"]["name"] = "Sam\u{1b}[31m".into())),
        ("a direction override in a reference", Box::new(|v| v["resident"]["tenancy_reference"] = "T\u{202e}1".into())),
        ("a name of only a zero-width space", Box::new(|v| v["resident"]["name"] = "\u{200b}".into())),
        ("a line break in a one-line answer", Box::new(|v| v["resident"]["name"] = "Sam\nPatel".into())),
        ("an override before the @", Box::new(|v| v["resident"]["email"] = "sam\u{202e}@example.com".into())),
        ("a zero-width space before the @", Box::new(|v| v["resident"]["email"] = "sam\u{200b}@example.com".into())),
    ];
    // Line breaks in long text, any script and emoji stay valid.
    let mut fine = good.clone();
    fine["complaint"]["what_went_wrong"] = "Mae'r to yn gollwng.\nٹوٹی ہوئی کھڑکی 😟".into();
    fine["resident"]["name"] = "Zoë Łukasz-Ó'Brien".into();
    fine["resident"]["email"] = "zoe.obrien@exämple.com".into();
    assert_eq!(schema_errors(&fine), Vec::<String>::new());
    for (what, breaks) in broken {
        let mut v = good.clone();
        breaks(&mut v);
        assert!(!schema_errors(&v).is_empty(), "schema accepted: {what}");
    }
}

#[test]
fn every_kind_example_has_its_section_and_only_relevant_ones() {
    for &kind in CaseKind::ALL {
        let v = serde_json::to_value(example_submission(kind)).unwrap();
        let section = match kind {
            CaseKind::Complaint => "complaint",
            CaseKind::ServiceRequest => "service_request",
            CaseKind::Stage2Escalation => "escalation",
            CaseKind::OmbudsmanReferral => "ombudsman",
            CaseKind::RepresentativeAuthority => "representative",
            CaseKind::AdjustmentsRequest => "adjustments",
        };
        assert!(v[section].is_object(), "{kind:?}");
        assert_eq!(v["kind"], kind.value());
        assert_eq!(v["landlord_id"], "example-homes");
    }
    let sr = example_submission(CaseKind::ServiceRequest);
    assert!(sr.expected("hazard_investigate").is_some());
    assert!(sr.expected("stage1_acknowledge").is_none());
}

/// The schema place a payload path names (`*` is any array item),
/// following `$ref`s and the non-null branch of a `oneOf`.
fn schema_at<'a>(root: &'a Value, mut node: &'a Value, path: &str) -> &'a Value {
    let resolve = |mut n: &'a Value| loop {
        if let Some(r) = n.get("$ref").and_then(Value::as_str) {
            n = r.trim_start_matches("#/").split('/').fold(root, |v, k| &v[k]);
        } else if let Some(branches) = n.get("oneOf").and_then(Value::as_array) {
            n = branches.iter().find(|b| b.get("type") != Some(&Value::from("null"))).unwrap_or(n);
        } else {
            return n;
        }
    };
    for part in path.split('.') {
        node = resolve(node);
        node = if part == "*" { &node["items"] } else { &node["properties"][part] };
    }
    resolve(node)
}

#[test]
fn the_schema_limits_every_text_field_as_the_widget_does() {
    // One table (payload::LIMITS) for the pages, the builder and the schema.
    let text = std::fs::read_to_string(root().join("public/schema/submission.v1.json")).unwrap();
    let schema: Value = serde_json::from_str(&text).unwrap();
    for (path, limit) in super::payload::LIMITS {
        let place = schema_at(&schema, &schema, path);
        assert_eq!(place["maxLength"].as_u64(), Some(limit.chars() as u64), "{path}: schema {place}");
    }
}

#[test]
fn the_schema_bounds_attachments_as_the_widget_does() {
    let (_, with_files) = published_examples().pop().unwrap();
    let good = serde_json::to_value(&with_files).unwrap();
    assert!(schema_errors(&good).is_empty());
    let mut fine = good.clone();
    fine["attachments"][0]["filename"] = "Llun o'r gegin – ٹوٹی ہوئی کھڑکی.jpeg".into();
    fine["attachments"][0]["bytes"] = 10_000_000.into();
    fine["attachments"][1]["id"] = "0b5d8a0e-4c1f-4f7e-9a51-2f0c6f1d9e11".into();
    assert_eq!(schema_errors(&fine), Vec::<String>::new());
    let eleven: Vec<Value> = (0..11).map(|i| {
        let mut a = good["attachments"][0].clone();
        a["id"] = format!("a{i}").into();
        a
    }).collect();
    type Breakage = Box<dyn Fn(&mut Value)>;
    let broken: Vec<(&str, Breakage)> = vec![
        ("eleven files", Box::new(move |v| v["attachments"] = eleven.clone().into())),
        ("an empty file", Box::new(|v| v["attachments"][0]["bytes"] = 0.into())),
        ("a file over 10 MB", Box::new(|v| v["attachments"][0]["bytes"] = 10_000_001.into())),
        ("a size that is not whole", Box::new(|v| v["attachments"][0]["bytes"] = 1.5.into())),
        ("an upper-case hash", Box::new(|v| v["attachments"][0]["sha256"] = "9F".repeat(32).into())),
        ("a short hash", Box::new(|v| v["attachments"][0]["sha256"] = "9f".repeat(31).into())),
        ("a GIF", Box::new(|v| v["attachments"][0]["media_type"] = "image/gif".into())),
        ("HTML", Box::new(|v| v["attachments"][0]["media_type"] = "text/html".into())),
        ("a line break in a file name", Box::new(|v| v["attachments"][0]["filename"] = "a\nb.jpg".into())),
        ("a direction override in a file name", Box::new(|v| v["attachments"][0]["filename"] = "a\u{202e}gpj.exe".into())),
        ("a blank file name", Box::new(|v| v["attachments"][0]["filename"] = "\u{200b} ".into())),
        ("a file name of 256 characters", Box::new(|v| v["attachments"][0]["filename"] = "x".repeat(256).into())),
        ("an id with a space", Box::new(|v| v["attachments"][0]["id"] = "a 1".into())),
        ("an id of 65 characters", Box::new(|v| v["attachments"][0]["id"] = "a".repeat(65).into())),
        ("an extra field", Box::new(|v| v["attachments"][0]["data"] = "base64".into())),
        ("a missing hash", Box::new(|v| {
            v["attachments"][0].as_object_mut().unwrap().remove("sha256");
        })),
        ("attachments as null", Box::new(|v| v["attachments"] = Value::Null)),
    ];
    for (what, breaks) in broken {
        let mut v = good.clone();
        breaks(&mut v);
        assert!(!schema_errors(&v).is_empty(), "schema accepted: {what}");
    }
    // The widget's own limits stay within the schema's.
    use super::payload::attachments::{MAX_FILENAME_CHARS, MAX_ID_CHARS, MOST_FILES, MOST_FILE_BYTES};
    let text = std::fs::read_to_string(root().join("public/schema/submission.v1.json")).unwrap();
    let schema: Value = serde_json::from_str(&text).unwrap();
    let item = &schema["$defs"]["attachment"]["properties"];
    assert_eq!(schema["properties"]["attachments"]["maxItems"], MOST_FILES);
    assert_eq!(item["bytes"]["maximum"], MOST_FILE_BYTES);
    assert_eq!(item["filename"]["maxLength"], MAX_FILENAME_CHARS);
    assert_eq!(item["id"]["maxLength"], MAX_ID_CHARS);
    let types: Vec<Value> = MediaType::ALL.iter().map(|t| t.as_str().into()).collect();
    assert_eq!(item["media_type"]["enum"], Value::from(types));
}

//! Each scheme end to end: its deadlines on known dates, worked out by
//! hand from its published rule across its own nation's bank holidays;
//! "is my landlord late?"; its ombudsman; its time-limit warning; Awaab's
//! Law or not; a contradicting config refused; and, for England, that a
//! config from before schemes still parses, with a note.

use chrono::NaiveDate;
use serde_json::{json, Value};

use super::*;
use crate::domain::calendar::is_bank_holiday;
use crate::domain::case::CaseKind;
use crate::domain::config::LandlordConfig;
use crate::domain::deadlines::{StageDates, Timescales};
use crate::domain::examples::{assert_schema_valid, example_draft, submitted};
use crate::domain::exclusions::{check_complaint, ExclusionWarning, WarningCode};
use crate::domain::hazard::{HazardAdvice, HazardFlag, HazardKind};
use crate::domain::late::{DeadlineStatus, LateCheck, LateReport};
use crate::domain::payload::Submission;
use crate::domain::text::{shipped, Arg, Render, Words};

const ID: &str = "3f2b8c1e-9a4d-4e6f-8b2a-1c3d5e7f9a0b";

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

/// English, with the landlord's and its ombudsman's names shared.
fn words(c: &LandlordConfig) -> Words {
    Words::new(shipped::english())
        .share("landlord", Arg::Text(c.landlord_name.clone()))
        .share("ombudsman", Arg::Text(c.ombudsman.name.clone()))
        .share("phone", Arg::Ltr(c.phone.clone()))
}

fn config(extra: Value) -> Result<LandlordConfig, String> {
    let mut v = json!({
        "landlord_name": "Example Homes",
        "landlord_id": "example-homes",
        "endpoint": {"url": "https://example.com/submissions"}, "privacy_notice_url": "https://example.com/privacy",
        "phone": "0808 157 0192"
    });
    for (k, x) in extra.as_object().unwrap() {
        v[k] = x.clone();
    }
    LandlordConfig::from_value(v).map_err(|e| e.to_string())
}

fn dates(c: &LandlordConfig, stage: Stage, received: NaiveDate) -> StageDates {
    StageDates::new(stage, received, &c.calendar(), &c.timescales()).unwrap()
}

fn complaint_on(c: &LandlordConfig, received: NaiveDate) -> Submission {
    let s = example_draft(CaseKind::Complaint).build(c, ID, submitted(received), &words(c)).unwrap();
    assert_schema_valid(&s);
    s
}

fn warnings(c: &LandlordConfig, started: NaiveDate, received: NaiveDate) -> Vec<ExclusionWarning> {
    let mut x = example_draft(CaseKind::Complaint).complaint.unwrap();
    x.started_on = started;
    x.became_aware_on = None;
    check_complaint(&x, received, c).iter().map(|e| e.to_payload(&words(c), c)).collect()
}

fn late(c: &LandlordConfig, check: LateCheck, today: NaiveDate) -> LateReport {
    check.check(today, &c.calendar(), &Timescales::of(c.scheme())).unwrap()
}

/// Awaab's Law advice and payload dates, present or not.
fn awaab(c: &LandlordConfig) -> (bool, bool) {
    let advice = HazardAdvice::new(&[HazardKind::GasSmell], c).unwrap();
    let mut draft = example_draft(CaseKind::ServiceRequest);
    draft.hazard = HazardFlag::from_hazards(&[HazardKind::DampAndMould]);
    let s = draft.build(c, ID, submitted(d(2026, 11, 23)), &words(c)).unwrap();
    assert_schema_valid(&s);
    (advice.steps.iter().any(|m| m.key.starts_with("advice.awaab")), s.expected("hazard_investigate").is_some())
}

#[test]
fn england_deadlines_across_easter_and_christmas() {
    let c = LandlordConfig::example_in(Scheme::England);
    // Code 6.2: received Thursday 25 March 2027 (day 0); Good Friday 26 and
    // Easter Monday 29 March are holidays: 30, 31 March, 1, 2, 5 April.
    let s1 = dates(&c, Stage::Stage1, d(2027, 3, 25));
    assert!(is_bank_holiday(d(2027, 3, 26), Region::EnglandAndWales) && is_bank_holiday(d(2027, 3, 29), Region::EnglandAndWales));
    assert_eq!(s1.acknowledge_by, Some(d(2027, 4, 5)));
    // Code 6.3: 10 from Monday 5 April: 6 to 9 (4), 12 to 16 (9), 19 (10).
    assert_eq!(s1.respond_by, d(2027, 4, 19));
    // Code 6.4: 10 more: 20 to 23 (4), 26 to 30 (9); 3 May is the early
    // May bank holiday, so Tuesday 4 May (10).
    assert_eq!(s1.extension_limit, Some(d(2027, 5, 4)));
    // Code 6.11: request Monday 21 December 2026: 22, 23, 24, (25, 28
    // holidays) 29, 30 December.
    let s2 = dates(&c, Stage::Stage2, d(2026, 12, 21));
    assert_eq!(s2.acknowledge_by, Some(d(2026, 12, 30)));
    // Code 6.14: 20 from 30 December: 31 (1), (1 January) 4 to 8 (6), 11 to
    // 15 (11), 18 to 22 (16), 25 to 28 (20).
    assert_eq!(s2.respond_by, d(2027, 1, 28));
    // Code 6.15: 20 more: 29 (1), 1 to 5 February (6), 8 to 12 (11), 15 to
    // 19 (16), 22 to 25 (20).
    assert_eq!(s2.extension_limit, Some(d(2027, 2, 25)));

    let s = complaint_on(&c, d(2027, 3, 25));
    assert_eq!(s.scheme, Some(Scheme::England));
    let ack = s.expected("stage1_acknowledge").unwrap();
    assert_eq!((ack.due, ack.code_section.as_deref(), ack.rule.as_deref()), (d(2027, 4, 5), Some("6.2"), Some("Complaint Handling Code 6.2")));
    assert_eq!(s.expected("stage1_extension_limit").unwrap().rule.as_deref(), Some("Complaint Handling Code 6.4"));
}

#[test]
fn england_ombudsman_time_limit_awaab_and_contradictions() {
    let c = LandlordConfig::example_in(Scheme::England);
    assert_eq!(c.ombudsman.name, "Housing Ombudsman Service");
    assert_eq!(c.ombudsman.phone.as_deref(), Some("0300 111 3000"));
    let w = words(&c);
    assert_eq!(
        w.render(&Scheme::England.ombudsman_time_limit()),
        "The Housing Ombudsman Service normally looks at a complaint only if you bring it within 12 months of getting the final answer (stage 2) from Example Homes."
    );
    assert_eq!(Scheme::England.direct_to_stage2(), None);
    // Code 2.3: 12 months. Started Saturday 22 November 2025, received 23
    // November 2026: the limit passed on Sunday 22 November 2026.
    let x = warnings(&c, d(2025, 11, 22), d(2026, 11, 23));
    assert_eq!(x[0].code, WarningCode::Over12Months);
    assert_eq!((x[0].code_section.as_deref(), x[0].rule.as_deref()), (Some("2.3"), Some("Complaint Handling Code 2.3")));
    assert!(x[0].message.starts_with("This started, or you found out about it, more than 12 months ago: the limit passed on Sunday 22 November 2026."));
    assert!(warnings(&c, d(2025, 11, 23), d(2026, 11, 23)).is_empty());
    assert_eq!(awaab(&c), (true, true));
    // A landlord may allow longer, never shorter (Code 2.3).
    assert_eq!(config(json!({"complaint_time_limit_months": 18})).unwrap().time_limit_months(), 18);
    assert_eq!(
        config(json!({"complaint_time_limit_months": 6})).unwrap_err(),
        "complaint_time_limit_months: must be between 12 and 24 months (Complaint Handling Code 2.3 allows 12 months; you can allow longer, never shorter)"
    );
    assert_eq!(
        config(json!({"scheme": "england-hos", "bank_holiday_region": "scotland"})).unwrap_err(),
        "bank_holiday_region: must be \"england-and-wales\" under scheme \"england-hos\" (or leave it out)"
    );
    assert_eq!(
        config(json!({"scheme": "england-hos", "timescales": {"stage1_extension": 11}})).unwrap_err(),
        "timescales.stage1_extension: must be 10 working days or fewer (Complaint Handling Code 6.4); you can promise shorter times, never longer"
    );
    assert_eq!(config(json!({"scheme": "england"})).unwrap_err(), "scheme: must be \"england-hos\", \"wales-psow\", \"scotland-spso\" or \"northern-ireland-nipso\"");
}

#[test]
fn a_config_from_before_schemes_keeps_working_with_a_note() {
    // Only bank_holiday_region: England's Code with Scottish holidays, as before.
    let c = config(json!({"bank_holiday_region": "scotland"})).unwrap();
    assert_eq!((c.scheme, c.scheme()), (None, Scheme::England));
    assert_eq!(c.calendar().region, Region::Scotland);
    assert!(c.awaabs_law);
    assert_eq!(c.timescales(), Timescales::CODE);
    assert_eq!(c.notes.len(), 1, "{:?}", c.notes);
    assert!(c.notes[0].starts_with("bank_holiday_region set without scheme"), "{}", c.notes[0]);
    assert!(c.notes[0].contains("(\"scotland-spso\" for scotland bank holidays"), "{}", c.notes[0]);
    assert_eq!(LandlordConfig::from_json(&c.to_json()).unwrap(), c);
    // Its complaint is dated by the Code with St Andrew's Day off: received
    // Wednesday 25 November 2026: 26, 27, (30) 1, 2, 3 December.
    let s = complaint_on(&c, d(2026, 11, 25));
    assert_eq!(s.scheme, Some(Scheme::England));
    assert_eq!(s.expected("stage1_acknowledge").unwrap().due, d(2026, 12, 3));
    // Nothing national set: no note; the scheme named: no note.
    assert!(config(json!({})).unwrap().notes.is_empty());
    assert!(config(json!({"scheme": "scotland-spso", "bank_holiday_region": "scotland"})).unwrap().notes.is_empty());
    let wales_by_hand = config(json!({"ombudsman": {"name": "Public Services Ombudsman for Wales", "website": "https://www.ombudsman.wales"}})).unwrap();
    assert!(wales_by_hand.notes[0].contains("\"england-hos\" or \"wales-psow\""), "{:?}", wales_by_hand.notes);
}

#[test]
fn scotland_deadlines_cross_st_andrews_day_christmas_and_2_january() {
    let c = LandlordConfig::example_in(Scheme::Scotland);
    assert_eq!(c.calendar().region, Region::Scotland);
    // SPSO MCHP stage 1: a frontline response within 5 working days of
    // receipt, no acknowledgement step. Received Wednesday 25 November
    // 2026: 26 (1), 27 (2), Monday 30 is St Andrew's Day, 1 (3), 2 (4), 3 (5).
    assert!(is_bank_holiday(d(2026, 11, 30), Region::Scotland));
    let s1 = dates(&c, Stage::Stage1, d(2026, 11, 25));
    assert_eq!(s1.acknowledge_by, None);
    assert_eq!(s1.respond_by, d(2026, 12, 3));
    // Extension in exceptional circumstances (default 5 more, unverified):
    // 4 (1), 7 (2), 8 (3), 9 (4), 10 (5).
    assert_eq!(s1.extension_limit, Some(d(2026, 12, 10)));
    // Stage 2: acknowledge in 3 and answer in 20 working days, both from
    // receipt. Received Thursday 24 December 2026; 25 and 28 December, 1
    // and 4 January (for 2 January) are Scottish holidays.
    assert!(is_bank_holiday(d(2026, 12, 28), Region::Scotland) && is_bank_holiday(d(2027, 1, 4), Region::Scotland));
    let s2 = dates(&c, Stage::Stage2, d(2026, 12, 24));
    // 29 (1), 30 (2), 31 (3).
    assert_eq!(s2.acknowledge_by, Some(d(2026, 12, 31)));
    // 29 to 31 (3), 5 to 8 January (7), 11 to 15 (12), 18 to 22 (17), 25 to 27 (20).
    assert_eq!(s2.respond_by, d(2027, 1, 27));
    assert_eq!(s2.extension_limit, None, "revised time limits are agreed, no fixed cap");

    let s = complaint_on(&c, d(2026, 11, 25));
    assert_eq!(s.scheme, Some(Scheme::Scotland));
    let events: Vec<_> = s.expected_dates.iter().map(|e| e.event.as_str()).collect();
    assert_eq!(events, vec!["stage1_respond", "stage1_extension_limit"]);
    let r = &s.expected_dates[0];
    assert_eq!((r.due, r.working_days, r.code_section.as_deref()), (d(2026, 12, 3), Some(5), None));
    assert_eq!(r.rule.as_deref(), Some("SPSO MCHP Part 3, stage 1: frontline response"));
    assert_eq!(
        r.basis,
        "Example Homes must send you its frontline response (stage 1) within 5 working days of receiving your complaint. \
         This is the limit in the SPSO's model complaints handling procedure."
    );
    let v = serde_json::to_value(&s).unwrap();
    assert_eq!(v["scheme"], "scotland-spso");
}

#[test]
fn scotland_lateness_ombudsman_time_limit_awaab_and_contradictions() {
    let c = LandlordConfig::example_in(Scheme::Scotland);
    let w = words(&c);
    // Stage 1 due Thursday 3 December; on Friday 4 it is 1 day late, and
    // there is no acknowledgement to check.
    let r = late(&c, LateCheck::stage1(d(2026, 11, 25)), d(2026, 12, 4));
    assert_eq!(r.checks.len(), 1);
    assert_eq!(r.checks[0].status, DeadlineStatus::Missed { late_by: 1 });
    assert_eq!(
        w.render(&r.checks[0].msg()),
        "Example Homes should have sent you its frontline response (stage 1) by Thursday 3 December 2026 \
         (the SPSO's model complaints handling procedure). It is 1 working day late."
    );
    // Stage 2: acknowledged Tuesday 5 January, 1 working day after the 31
    // December deadline (1 and 4 January are holidays); the answer still
    // counts from receipt: due 27 January, late by 1 on the 28th.
    let mut s2 = LateCheck::stage2(d(2026, 12, 24));
    s2.acknowledged_on = Some(d(2027, 1, 5));
    let r = late(&c, s2, d(2027, 1, 28));
    assert_eq!(r.checks[0].status, DeadlineStatus::DoneLate { on: d(2027, 1, 5), late_by: 1 });
    assert_eq!(r.checks[1].due, d(2027, 1, 27));
    assert_eq!(r.checks[1].status, DeadlineStatus::Missed { late_by: 1 });
    assert!(w.render(&r.checks[0].msg()).contains("acknowledged your stage 2 complaint on Tuesday 5 January 2027"));
    // A new date agreed at stage 2 is the deadline, with no cap to note.
    s2.extended_to = Some(d(2027, 3, 1));
    let r = late(&c, s2, d(2027, 2, 1));
    assert_eq!((r.checks[1].due, r.notes.len()), (d(2027, 3, 1), 0));

    assert_eq!(c.ombudsman.name, "Scottish Public Services Ombudsman");
    assert_eq!(c.ombudsman.phone.as_deref(), Some("0800 377 7330"));
    assert_eq!(c.ombudsman.website.as_deref(), Some("https://www.spso.org.uk"));
    assert_eq!(c.ombudsman.post, vec!["Freepost SPSO"]);
    assert!(w.render(&Scheme::Scotland.ombudsman_time_limit()).contains("within 12 months of finding out about the problem"));
    assert_eq!(
        w.render(&Scheme::Scotland.direct_to_stage2().unwrap()),
        "You do not have to start at stage 1 (frontline response): you can ask Example Homes to look at your complaint at stage 2 (investigation) straight away."
    );

    // SPSO MCHP: 6 months from the event or finding out. Started Friday 22
    // May 2026, received 23 November: the limit passed on Sunday 22 November.
    let x = warnings(&c, d(2026, 5, 22), d(2026, 11, 23));
    assert_eq!(x[0].code, WarningCode::OutsideTimeLimit);
    assert_eq!(x[0].code_section, None);
    assert_eq!(x[0].rule.as_deref(), Some("SPSO MCHP Part 2, time limit for making complaints"));
    assert!(x[0].message.starts_with("This started, or you found out about it, more than 6 months ago: the time limit passed on Sunday 22 November 2026."));
    assert!(x[0].message.contains("exceptional circumstances"));
    assert!(x[0].ombudsman_right.contains("Scottish Public Services Ombudsman (phone 0800 377 7330)"), "{}", x[0].ombudsman_right);
    assert!(warnings(&c, d(2026, 5, 23), d(2026, 11, 23)).is_empty());

    assert_eq!(awaab(&c), (false, false));
    assert_eq!(
        config(json!({"scheme": "scotland-spso", "awaabs_law": true})).unwrap_err(),
        "awaabs_law: Awaab's Law applies in England only, not under scheme \"scotland-spso\"; remove it"
    );
    assert_eq!(
        config(json!({"scheme": "scotland-spso", "bank_holiday_region": "england-and-wales"})).unwrap_err(),
        "bank_holiday_region: must be \"scotland\" under scheme \"scotland-spso\" (or leave it out)"
    );
    assert_eq!(
        config(json!({"scheme": "scotland-spso", "timescales": {"stage2_respond": 21}})).unwrap_err(),
        "timescales.stage2_respond: must be 20 working days or fewer (SPSO MCHP Part 3, stage 2: investigation); you can promise shorter times, never longer"
    );
    assert_eq!(
        config(json!({"scheme": "scotland-spso", "timescales": {"stage1_acknowledge": 2}})).unwrap_err(),
        "timescales.stage1_acknowledge: scheme \"scotland-spso\" has no separate acknowledgement at this stage (SPSO MCHP); remove it"
    );
    assert!(config(json!({"scheme": "scotland-spso", "complaint_time_limit_months": 3})).unwrap_err().starts_with("complaint_time_limit_months: must be between 6 and 24"));
    // A shorter promise is worded as one.
    let c3 = config(json!({"scheme": "scotland-spso", "timescales": {"stage1_respond": 3}})).unwrap();
    let s = complaint_on(&c3, d(2026, 11, 25));
    assert_eq!(s.expected("stage1_respond").unwrap().due, d(2026, 12, 1));
    assert!(s.expected("stage1_respond").unwrap().basis.ends_with("The SPSO's model complaints handling procedure allows up to 5 working days."));
}

#[test]
fn every_scheme_renders_every_text_it_uses() {
    for &scheme in Scheme::ALL {
        let c = LandlordConfig::example_in(scheme);
        let w = words(&c);
        let mut texts = vec![w.render(&scheme.ombudsman_time_limit())];
        for stage in [Stage::Stage1, Stage::Stage2] {
            texts.push(w.render(&scheme.stage_name(stage)));
            texts.push(w.render(&scheme.answer(stage)));
            // Every date, at the scheme's limits and at shorter promises.
            for ts in [c.timescales(), Timescales { stage1_respond: 1, stage2_respond: 1, stage2_acknowledge: 1, ..c.timescales() }] {
                let dates = StageDates::new(stage, d(2026, 11, 25), &c.calendar(), &ts).unwrap();
                texts.extend(dates.expected(&ts).iter().map(|e| e.to_payload(&w).basis));
            }
            // Every state of every check, and the note on a long extension.
            let mut check = LateCheck { stage, made_on: d(2026, 11, 25), acknowledged_on: None, answered_on: None, extended_to: Some(d(2027, 6, 1)) };
            for (today, answered) in [(d(2026, 11, 25), None), (d(2026, 11, 28), None), (d(2027, 1, 20), None), (d(2027, 1, 20), Some(d(2026, 11, 26))), (d(2027, 9, 1), Some(d(2027, 8, 2)))] {
                check.answered_on = answered;
                let r = late(&c, check, today);
                texts.extend(r.checks.iter().map(|x| w.render(&x.msg())));
                texts.extend(r.notes.iter().map(|n| w.render(n)));
            }
        }
        texts.extend(scheme.direct_to_stage2().map(|m| w.render(&m)));
        for t in texts {
            assert!(!t.contains('{') && !t.contains("scheme.") && !t.contains("basis.") && !t.contains("late.stage") && !t.contains("late.extension"), "{scheme:?}: {t}");
        }
    }
}

#[test]
fn the_response_deadline_is_the_same_in_the_dates_and_the_lateness_check() {
    for &scheme in Scheme::ALL {
        let c = LandlordConfig::example_in(scheme);
        for n in 0..400 {
            let made = d(2026, 1, 1) + chrono::Duration::days(n);
            for stage in [Stage::Stage1, Stage::Stage2] {
                let dates = dates(&c, stage, made);
                let r = late(&c, LateCheck { stage, ..LateCheck::stage1(made) }, made);
                assert_eq!(r.checks.last().unwrap().due, dates.respond_by, "{scheme:?} {stage:?} {made}");
                assert_eq!(r.checks.len(), 1 + usize::from(dates.acknowledge_by.is_some()));
            }
        }
    }
}

#[test]
fn each_schemes_defaults_pass_the_configs_own_checks() {
    for &scheme in Scheme::ALL {
        let c = LandlordConfig::example_in(scheme);
        let back = LandlordConfig::from_json(&c.to_json()).unwrap_or_else(|e| panic!("{scheme:?}: {e}"));
        assert_eq!(back, c, "{scheme:?}");
        assert!(back.notes.is_empty());
        // The ombudsman's details, given as a config would give them.
        let o = &c.ombudsman;
        let own = json!({"scheme": scheme.value(), "ombudsman": {"name": o.name, "phone": o.phone, "email": o.email, "website": o.website, "post": o.post}});
        assert_eq!(config(own).unwrap().ombudsman, *o, "{scheme:?}");
        assert_eq!(scheme.rules().scheme, scheme);
    }
}

#[test]
fn the_demo_configs_name_their_schemes() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("public/config");
    for (file, scheme) in [
        ("example-homes.json", Scheme::England),
        ("example-homes-wales.json", Scheme::Wales),
        ("example-homes-scotland.json", Scheme::Scotland),
        ("example-homes-northern-ireland.json", Scheme::NorthernIreland),
    ] {
        let text = std::fs::read_to_string(dir.join(file)).unwrap_or_else(|e| panic!("{file}: {e}"));
        let c = LandlordConfig::from_json(&text).unwrap_or_else(|e| panic!("{file}: {e}"));
        assert_eq!(c.scheme, Some(scheme), "{file}");
        assert!(c.notes.is_empty(), "{file}: {:?}", c.notes);
        assert_eq!(c.ombudsman, crate::domain::config::Ombudsman::of(scheme), "{file}");
    }
}

mod wales_ni;

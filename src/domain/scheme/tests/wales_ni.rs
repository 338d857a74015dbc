//! Wales (PSOW) and Northern Ireland (NIPSO): deadlines on known dates
//! across their own bank holidays, lateness, ombudsman, time limit,
//! Awaab's Law and contradicting configs.

use super::*;

#[test]
fn wales_deadlines_across_easter() {
    let c = LandlordConfig::example_in(Scheme::Wales);
    assert_eq!(c.calendar().region, Region::EnglandAndWales);
    // PSOW model policy stage 1 (informal resolution): 10 working days
    // from receipt. Received Thursday 25 March 2027; Good Friday and Easter
    // Monday off: 30 March to 2 April (4), 5 to 9 (9), 12 April (10).
    let s1 = dates(&c, Stage::Stage1, d(2027, 3, 25));
    assert_eq!((s1.acknowledge_by, s1.respond_by, s1.extension_limit), (None, d(2027, 4, 12), None));
    // Stage 2 (formal investigation): acknowledge in 5 (unverified default):
    // 30, 31 March, 1, 2, 5 April; answer in 20 from receipt: 12 April
    // (10), 13 to 16 (14), 19 to 23 (19), 26 April (20).
    let s2 = dates(&c, Stage::Stage2, d(2027, 3, 25));
    assert_eq!((s2.acknowledge_by, s2.respond_by, s2.extension_limit), (Some(d(2027, 4, 5)), d(2027, 4, 26), None));

    let s = complaint_on(&c, d(2027, 3, 25));
    assert_eq!(s.expected_dates.len(), 1);
    let r = s.expected("stage1_respond").unwrap();
    assert_eq!((r.due, r.rule.as_deref()), (d(2027, 4, 12), Some("PSOW model complaints policy stage 1 (informal resolution)")));
    assert!(r.basis.contains("its answer at stage 1 (informal resolution) within 10 working days of receiving your complaint"), "{}", r.basis);
    // Answered Tuesday 13 April: 1 working day late.
    let mut check = LateCheck::stage1(d(2027, 3, 25));
    check.answered_on = Some(d(2027, 4, 13));
    let r = late(&c, check, d(2027, 5, 1));
    assert_eq!(r.checks.len(), 1);
    assert_eq!(r.checks[0].status, DeadlineStatus::DoneLate { on: d(2027, 4, 13), late_by: 1 });
    assert!(words(&c).render(&r.checks[0].msg()).ends_with("(the Ombudsman's model complaints policy for Wales)."));
}

#[test]
fn wales_ombudsman_time_limit_awaab_and_contradictions() {
    let c = LandlordConfig::example_in(Scheme::Wales);
    assert_eq!(c.ombudsman.name, "Public Services Ombudsman for Wales");
    assert_eq!(c.ombudsman.phone.as_deref(), Some("0300 790 0203"));
    assert_eq!(c.ombudsman.email.as_deref(), Some("ask@ombudsman.wales"));
    assert_eq!(c.ombudsman.post.last().map(String::as_str), Some("CF35 5LJ"));
    assert!(words(&c).render(&Scheme::Wales.ombudsman_time_limit()).contains("within 12 months of first knowing about the problem"));
    assert_eq!(Scheme::Wales.direct_to_stage2(), None);
    // 6 months: started 22 May 2026, received 23 November 2026.
    let x = warnings(&c, d(2026, 5, 22), d(2026, 11, 23));
    assert_eq!((x[0].code, x[0].rule.as_deref()), (WarningCode::OutsideTimeLimit, Some("PSOW model complaints policy time limit")));
    assert_eq!(awaab(&c), (false, false));
    assert_eq!(
        config(json!({"scheme": "wales-psow", "bank_holiday_region": "scotland"})).unwrap_err(),
        "bank_holiday_region: must be \"england-and-wales\" under scheme \"wales-psow\" (or leave it out)"
    );
    assert!(config(json!({"scheme": "wales-psow", "awaabs_law": true})).unwrap_err().starts_with("awaabs_law: Awaab's Law applies in England only"));
    assert!(config(json!({"scheme": "wales-psow", "timescales": {"stage1_respond": 11}})).unwrap_err().starts_with("timescales.stage1_respond: must be 10 working days or fewer"));
    // The unverified acknowledgement default may be changed either way.
    let c10 = config(json!({"scheme": "wales-psow", "timescales": {"stage2_acknowledge": 10}})).unwrap();
    assert_eq!(c10.timescales().stage2_acknowledge, 10);
    assert!(config(json!({"scheme": "wales-psow", "timescales": {"stage2_acknowledge": 61}})).unwrap_err().contains("60 working days or fewer"));
    // No fixed extension limit, but a landlord may promise one: 10 more
    // after Monday 26 April: 27 to 30 (4), 3 May is a holiday, 4 to 7 (8), 10, 11 (10).
    let e = config(json!({"scheme": "wales-psow", "timescales": {"stage2_extension": 10}})).unwrap();
    assert_eq!(dates(&e, Stage::Stage2, d(2027, 3, 25)).extension_limit, Some(d(2027, 5, 11)));
}

#[test]
fn northern_ireland_deadlines_cross_st_patricks_day_easter_and_12_july() {
    let c = LandlordConfig::example_in(Scheme::NorthernIreland);
    assert_eq!(c.calendar().region, Region::NorthernIreland);
    // NIPSO MCHP stage 1: 5 working days from receipt. Received Monday 15
    // March 2027: 16 (1), Wednesday 17 is St Patrick's Day, 18 (2), 19 (3), 22 (4), 23 (5).
    assert!(is_bank_holiday(d(2027, 3, 17), Region::NorthernIreland));
    let s1 = dates(&c, Stage::Stage1, d(2027, 3, 15));
    assert_eq!((s1.acknowledge_by, s1.respond_by), (None, d(2027, 3, 23)));
    // Extension (default 5 more, unverified): 24 (1), 25 (2), Good Friday
    // and Easter Monday off, 30 (3), 31 (4), 1 April (5).
    assert_eq!(s1.extension_limit, Some(d(2027, 4, 1)));
    // Stage 2: received Thursday 8 July 2027; Monday 12 July is a holiday.
    // Acknowledge in 3: 9 (1), 13 (2), 14 (3). Answer in 20 from receipt: 9,
    // 13 to 16 (5), 19 to 23 (10), 26 to 30 (15), 2 to 6 August (20).
    assert!(is_bank_holiday(d(2027, 7, 12), Region::NorthernIreland));
    let s2 = dates(&c, Stage::Stage2, d(2027, 7, 8));
    assert_eq!((s2.acknowledge_by, s2.respond_by, s2.extension_limit), (Some(d(2027, 7, 14)), d(2027, 8, 6), None));
    let mut esc = example_draft(CaseKind::Stage2Escalation);
    esc.escalation.as_mut().unwrap().stage1_response_on = Some(d(2027, 7, 1));
    let s = esc.build(&c, ID, submitted(d(2027, 7, 8)), &words(&c)).unwrap();
    assert_schema_valid(&s);
    let ack = s.expected("stage2_acknowledge").unwrap();
    assert_eq!((ack.due, ack.rule.as_deref()), (d(2027, 7, 14), Some("NIPSO MCHP stage 2: investigation")));
    let respond = s.expected("stage2_respond").unwrap();
    assert_eq!(respond.due, d(2027, 8, 6));
    assert!(respond.basis.contains("within 20 working days of receiving your request for stage 2"), "{}", respond.basis);
    // On 9 August, 1 working day after the answer was due.
    let r = late(&c, LateCheck::stage2(d(2027, 7, 8)), d(2027, 8, 9));
    assert_eq!(r.checks[1].status, DeadlineStatus::Missed { late_by: 1 });
}

#[test]
fn northern_ireland_ombudsman_time_limit_awaab_and_contradictions() {
    let c = LandlordConfig::example_in(Scheme::NorthernIreland);
    assert_eq!(c.ombudsman.name, "Northern Ireland Public Services Ombudsman");
    assert_eq!(c.ombudsman.phone.as_deref(), Some("0800 343424"));
    assert_eq!(c.ombudsman.email.as_deref(), Some("nipso@nipso.org.uk"));
    assert!(c.ombudsman.post.is_empty(), "no verified postal address");
    assert_eq!(
        words(&c).render(&Scheme::NorthernIreland.ombudsman_time_limit()),
        "The Northern Ireland Public Services Ombudsman normally looks at a complaint only if you bring it within 6 months of the end of the complaints procedure at Example Homes."
    );
    assert!(Scheme::NorthernIreland.direct_to_stage2().is_some());
    let x = warnings(&c, d(2026, 5, 22), d(2026, 11, 23));
    assert_eq!((x[0].code, x[0].code_section.as_deref()), (WarningCode::OutsideTimeLimit, None));
    assert_eq!(awaab(&c), (false, false));
    // The 6-month limit is unverified for a first complaint, so a landlord
    // may set a shorter one; a Scottish landlord may not (above).
    let three = config(json!({"scheme": "northern-ireland-nipso", "complaint_time_limit_months": 3})).unwrap();
    assert_eq!(three.time_limit_months(), 3);
    assert_eq!(warnings(&three, d(2026, 8, 22), d(2026, 11, 23))[0].code, WarningCode::OutsideTimeLimit);
    assert_eq!(
        config(json!({"scheme": "northern-ireland-nipso", "bank_holiday_region": "england-and-wales"})).unwrap_err(),
        "bank_holiday_region: must be \"northern-ireland\" under scheme \"northern-ireland-nipso\" (or leave it out)"
    );
    assert!(config(json!({"scheme": "northern-ireland-nipso", "awaabs_law": true})).unwrap_err().starts_with("awaabs_law:"));
    assert!(config(json!({"scheme": "northern-ireland-nipso", "timescales": {"stage2_respond": 25}})).unwrap_err().starts_with("timescales.stage2_respond: must be 20"));
}

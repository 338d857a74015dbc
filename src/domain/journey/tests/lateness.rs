//! "Is my landlord late?" with real dates: a new date the landlord gave
//! (Code 6.4 at stage 1, 6.15 at stage 2) and a refused stage 2 (Code 5.11).

use chrono::NaiveDate;

use super::super::decl::Ctx;
use super::super::model::Answers;
use super::super::*;
use super::{en, fixtures};
use crate::domain::config::LandlordConfig;
use crate::domain::scheme::Scheme;
use ombudsman::Position;

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

/// What the lateness page lists on `today`: (missed, what has happened, still to come).
fn said(a: &Answers, today: NaiveDate, config: &LandlordConfig) -> (Vec<String>, Vec<String>, Vec<String>) {
    let ctx = Ctx { today, config };
    let r = ombudsman::lateness(a, &ctx);
    let all = |m: Vec<crate::domain::text::Msg>| m.iter().map(en).collect::<Vec<_>>();
    (all(receipt::missed(&r)), all(receipt::other(&r)), all(receipt::upcoming(&r)))
}

/// Received Monday 23 November 2026, acknowledged Monday 30 November.
fn stage1(position: Position) -> Answers {
    let mut a = fixtures::ombudsman();
    ombudsman::POSITION.set(&mut a, position);
    ombudsman::COMPLAINED.set(&mut a, "23", "11", "2026");
    ombudsman::ACKNOWLEDGED.set(&mut a, "30", "11", "2026");
    a
}

#[test]
fn a_stage1_answer_on_the_new_date_the_landlord_gave_is_not_late() {
    let config = LandlordConfig::example();
    let mut a = stage1(Position::Stage1Only);
    ombudsman::ANSWERED.set(&mut a, "21", "12", "2026");
    // Without the new date: due Monday 14 December (Code 6.3), 5 working days late.
    let (missed, _, _) = said(&a, d(2027, 1, 4), &config);
    assert_eq!(missed.len(), 1, "{missed:?}");
    assert!(missed[0].contains("Monday 14 December 2026") && missed[0].contains("5 working days late"), "{missed:?}");
    // Told of Monday 21 December, within the 10 more working days Code 6.4 allows.
    ombudsman::EXTENDED.set(&mut a, "21", "12", "2026");
    let (missed, other, _) = said(&a, d(2027, 1, 4), &config);
    assert!(missed.is_empty(), "{missed:?}");
    assert!(other.iter().any(|m| m.contains("Monday 21 December 2026") && m.contains("on time")), "{other:?}");
    let p = flow::page("omb_dates").unwrap();
    assert!(p.passes(&a, &Ctx { today: d(2027, 1, 4), config: &config }));
}

#[test]
fn the_new_date_may_be_still_to_come_and_moves_the_deadline() {
    let config = LandlordConfig::example();
    let mut a = stage1(Position::WaitingStage1);
    ombudsman::EXTENDED.set(&mut a, "21", "12", "2026");
    let today = d(2026, 12, 16);
    let ctx = Ctx { today, config: &config };
    let p = flow::page("omb_dates").unwrap();
    assert_eq!(p.errors(&a, &ctx), vec![], "a future new date is accepted");
    // Past the first deadline (14 December), not late: the answer is due on the new date.
    let (missed, _, upcoming) = said(&a, today, &config);
    assert!(missed.is_empty(), "{missed:?}");
    assert!(upcoming.iter().any(|m| m.contains("Monday 21 December 2026")), "{upcoming:?}");
    // The other dates still may not be in the future.
    ombudsman::ACKNOWLEDGED.set(&mut a, "17", "12", "2026");
    assert_eq!(p.errors(&a, &ctx).len(), 1);
    // A new date before the complaint is questioned, naming the complaint's date.
    let mut a = stage1(Position::WaitingStage1);
    ombudsman::EXTENDED.set(&mut a, "20", "11", "2026");
    let e = p.errors(&a, &ctx);
    assert_eq!(e[0].field, "omb_extended");
    assert_eq!(en(&e[0].message), "The new date they gave must be on or after the date you complained (Monday 23 November 2026)");
    // A mistyped year: at most a year after the complaint.
    ombudsman::EXTENDED.set(&mut a, "21", "12", "2062");
    let e = p.errors(&a, &ctx);
    assert_eq!(e[0].field, "omb_extended");
    assert_eq!(en(&e[0].message), "The new date they gave must be within a year of the date you complained (Monday 23 November 2026)");
    ombudsman::EXTENDED.set(&mut a, "23", "11", "2027");
    assert!(p.passes(&a, &ctx));
}

#[test]
fn a_new_date_past_the_codes_limit_counts_only_to_the_limit() {
    let config = LandlordConfig::example();
    let mut a = stage1(Position::WaitingStage1);
    ombudsman::EXTENDED.set(&mut a, "1", "2", "2027");
    // 10 working days after 14 December is Wednesday 30 December (Code 6.4).
    let (missed, other, _) = said(&a, d(2027, 1, 6), &config);
    assert_eq!(missed.len(), 1, "{missed:?}");
    assert!(missed[0].contains("Wednesday 30 December 2026"), "{missed:?}");
    assert!(other.iter().any(|m| m.contains("6.4")), "{other:?}");
}

#[test]
fn a_final_answer_on_the_new_stage2_date_is_not_late() {
    let config = LandlordConfig::example();
    let mut a = stage1(Position::FinalResponse);
    ombudsman::ANSWERED.set(&mut a, "4", "12", "2026");
    // Asked Monday 7 December, acknowledged the same day: final answer due
    // 20 working days later, Thursday 7 January 2027 (Code 6.14).
    ombudsman::S2_REQUESTED.set(&mut a, "7", "12", "2026");
    ombudsman::S2_ACKNOWLEDGED.set(&mut a, "7", "12", "2026");
    ombudsman::S2_ANSWERED.set(&mut a, "20", "1", "2027");
    let (missed, _, _) = said(&a, d(2027, 2, 1), &config);
    assert_eq!(missed.len(), 1, "{missed:?}");
    assert!(missed[0].contains("Thursday 7 January 2027"), "{missed:?}");
    // Told of Wednesday 20 January: within 20 more working days (Code 6.15).
    ombudsman::S2_EXTENDED.set(&mut a, "20", "1", "2027");
    let (missed, _, _) = said(&a, d(2027, 2, 1), &config);
    assert!(missed.is_empty(), "{missed:?}");
    let p = flow::page("omb_s2_dates").unwrap();
    let ctx = Ctx { today: d(2027, 2, 1), config: &config };
    assert!(p.passes(&a, &ctx));
    ombudsman::S2_EXTENDED.set(&mut a, "20", "1", "2029");
    let e = p.errors(&a, &ctx);
    assert_eq!((e.len(), e[0].field.as_str()), (1, "omb_s2_extended"));
    assert!(en(&e[0].message).contains("within a year of the date you asked for stage 2 (Monday 7 December 2026)"));
}

#[test]
fn a_refused_stage2_is_said_to_be_refused_not_ever_later() {
    let mut a = stage1(Position::RefusedEscalation);
    ombudsman::ANSWERED.set(&mut a, "4", "12", "2026");
    ombudsman::S2_REQUESTED.set(&mut a, "7", "12", "2026");
    // A new stage 2 date is not asked when stage 2 was refused.
    let p = flow::page("omb_s2_dates").unwrap();
    assert!(p.shown(&a).all(|f| f.key != "omb_s2_extended" && f.key != "omb_s2_acknowledged"));
    let config = LandlordConfig::example();
    for today in [d(2027, 1, 4), d(2027, 6, 1)] {
        let (missed, other, upcoming) = said(&a, today, &config);
        assert!(missed.is_empty() && upcoming.is_empty(), "{missed:?} {upcoming:?}");
        let refused = other.iter().find(|m| m.contains("refused")).expect("the refusal is said");
        assert!(refused.contains("Monday 7 December 2026") && refused.contains("Code 5.11"), "{refused}");
        assert!(refused.contains("Housing Ombudsman Service"), "{refused}");
    }
    assert!(ombudsman::refused_escalation(&a, &Ctx { today: d(2027, 1, 4), config: &config }));
    // The summary for the Ombudsman says so too.
    let ctx = Ctx { today: d(2027, 1, 4), config: &config };
    let summary = receipt::ombudsman_summary(&a, &ctx, &crate::domain::examples::words());
    assert!(summary.contains("Code 5.11"), "{summary}");
    // Outside England, no Code section is cited.
    let ni = LandlordConfig::example_in(Scheme::NorthernIreland);
    let (_, other, _) = said(&a, d(2027, 1, 4), &ni);
    assert!(other.iter().any(|m| m.contains("refused") && !m.contains("Code")), "{other:?}");
}

#[test]
fn a_stage1_closed_by_asking_for_stage2_is_told_as_over() {
    let config = LandlordConfig::example();
    // Acknowledged Monday 30 November: the answer was due Monday 14
    // December (Code 6.3). Stage 2 asked for on Wednesday 16 December,
    // with no stage 1 answer: 2 working days late then, and no later.
    let mut a = stage1(Position::WaitingStage2);
    ombudsman::S2_REQUESTED.set(&mut a, "16", "12", "2026");
    let (missed, _, _) = said(&a, d(2027, 1, 4), &config);
    assert_eq!(
        missed,
        [
            "Example Homes did not send you its stage 1 answer by Monday 14 December 2026 (Code 6.3). \
             It was 2 working days late when this stage closed on Wednesday 16 December 2026.",
            // Stage 2 is open: acknowledgement due Wednesday 23 December (Code 6.11),
            // late on 24 December and (after the holidays) 29, 30, 31 December and 4 January.
            "Example Homes should have acknowledged your stage 2 request by Wednesday 23 December 2026 (Code 6.11). \
             It is 5 working days late.",
        ]
    );
}

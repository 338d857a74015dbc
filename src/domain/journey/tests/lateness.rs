//! "Is my landlord late?" with real dates: a new date the landlord gave
//! (Code 6.4 at stage 1, 6.15 at stage 2) and a refused stage 2 (Code 5.11),
//! with and without the day it was refused.

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
    // The acknowledgement, a new date and the day it was refused are asked
    // when stage 2 was refused (all optional); its answer is not.
    let p = flow::page("omb_s2_dates").unwrap();
    let shown: Vec<&str> = p.shown(&a).map(|f| f.key).collect();
    assert_eq!(shown, ["omb_s2_requested", "omb_s2_acknowledged", "omb_s2_extended", "omb_s2_refused"]);
    // Without the day it was refused, an acknowledgement given changes nothing.
    ombudsman::S2_ACKNOWLEDGED.set(&mut a, "7", "12", "2026");
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

/// Stage 1 answered Friday 4 December 2026, stage 2 asked for Monday 7
/// December and refused.
fn refused() -> Answers {
    let mut a = stage1(Position::RefusedEscalation);
    ombudsman::ANSWERED.set(&mut a, "4", "12", "2026");
    ombudsman::S2_REQUESTED.set(&mut a, "7", "12", "2026");
    a
}

#[test]
fn the_day_stage2_was_refused_is_asked_only_when_it_was_refused() {
    let p = flow::page("omb_s2_dates").unwrap();
    for position in [Position::FinalResponse, Position::WaitingStage2, Position::RefusedEscalation] {
        let mut a = refused();
        ombudsman::POSITION.set(&mut a, position);
        let asked = p.shown(&a).any(|f| f.key == "omb_s2_refused");
        assert_eq!(asked, position == Position::RefusedEscalation, "{position:?}");
        // A refusal date kept from before the answer changed is not read.
        ombudsman::S2_REFUSED.set(&mut a, "21", "12", "2026");
        let (missed, _, _) = said(&a, d(2027, 1, 4), &LandlordConfig::example());
        assert_eq!(missed.iter().any(|m| m.contains("closed")), position == Position::RefusedEscalation, "{position:?} {missed:?}");
    }
}

#[test]
fn a_refusal_before_the_request_or_still_to_come_is_questioned() {
    let config = LandlordConfig::example();
    let ctx = Ctx { today: d(2027, 1, 4), config: &config };
    let p = flow::page("omb_s2_dates").unwrap();
    let mut a = refused();
    ombudsman::S2_REFUSED.set(&mut a, "4", "12", "2026");
    let e = p.errors(&a, &ctx);
    assert_eq!(e.len(), 1, "{e:?}");
    assert_eq!(e[0].field, "omb_s2_refused");
    assert_eq!(
        en(&e[0].message),
        "The date your landlord refused must be on or after the date you asked for stage 2 (Monday 7 December 2026)"
    );
    // The same day as the request is fine; empty is fine (it is optional).
    ombudsman::S2_REFUSED.set(&mut a, "7", "12", "2026");
    assert_eq!(p.errors(&a, &ctx), vec![]);
    ombudsman::S2_REFUSED.set(&mut a, "", "", "");
    assert_eq!(p.errors(&a, &ctx), vec![]);
    // A refusal has happened: not after today.
    ombudsman::S2_REFUSED.set(&mut a, "5", "1", "2027");
    let e = p.errors(&a, &ctx);
    assert_eq!((e.len(), e[0].field.as_str()), (1, "omb_s2_refused"), "{e:?}");
}

#[test]
fn a_refused_stage2_with_its_day_keeps_the_acknowledgement_it_missed() {
    let config = LandlordConfig::example();
    let mut a = refused();
    // Refused Monday 21 December, 10 working days after the request, with
    // no acknowledgement: it was due Monday 14 December (Code 6.11), and
    // was late on 15, 16, 17, 18 and 21 December, and no later.
    ombudsman::S2_REFUSED.set(&mut a, "21", "12", "2026");
    for today in [d(2027, 1, 4), d(2027, 6, 1)] {
        let (missed, other, upcoming) = said(&a, today, &config);
        assert_eq!(
            missed,
            ["Example Homes did not acknowledge your stage 2 request by Monday 14 December 2026 (Code 6.11). \
              It was 5 working days late when this stage closed on Monday 21 December 2026."]
        );
        assert!(upcoming.is_empty(), "nothing of a refused stage 2 is still to come: {upcoming:?}");
        // After stage 1's two on-time steps, the refusal with its day.
        assert_eq!(
            other[2..],
            ["You asked for stage 2 on Monday 7 December 2026 and Example Homes refused on Monday 21 December 2026. \
              Stage 2 ended that day, so nothing at stage 2 can be late after it. It can refuse only for a valid reason, \
              and it must tell you what that reason is (Code 5.11). You can ask the Housing Ombudsman Service for help now, without waiting."]
        );
    }
    // The summary for the Ombudsman has the day and the missed acknowledgement.
    let ctx = Ctx { today: d(2027, 1, 4), config: &config };
    let summary = receipt::ombudsman_summary(&a, &ctx, &crate::domain::examples::words());
    assert!(summary.contains("The date your landlord refused: Monday 21 December 2026"), "{summary}");
    assert!(summary.contains("It was 5 working days late when this stage closed on Monday 21 December 2026."), "{summary}");
    // Acknowledged on time before the refusal: nothing missed.
    ombudsman::S2_ACKNOWLEDGED.set(&mut a, "10", "12", "2026");
    let (missed, other, _) = said(&a, d(2027, 1, 4), &config);
    assert!(missed.is_empty(), "{missed:?}");
    assert!(other.iter().any(|m| m.contains("acknowledged your stage 2 request on Thursday 10 December 2026, on time")), "{other:?}");
    // Refused before the acknowledgement was due: nothing to miss.
    let mut a = refused();
    ombudsman::S2_REFUSED.set(&mut a, "9", "12", "2026");
    let (missed, other, upcoming) = said(&a, d(2027, 1, 4), &config);
    assert!(missed.is_empty() && upcoming.is_empty(), "{missed:?} {upcoming:?}");
    assert_eq!(other.len(), 3, "stage 1's two and the refusal: {other:?}");
    // Outside England, no Code section is cited, and the day is still said.
    let mut a = refused();
    ombudsman::S2_REFUSED.set(&mut a, "21", "12", "2026");
    let (missed, other, _) = said(&a, d(2027, 1, 4), &LandlordConfig::example_in(Scheme::NorthernIreland));
    assert!(missed.iter().any(|m| m.contains("stage 2") && m.contains("closed on Monday 21 December 2026")), "{missed:?}");
    assert!(other.iter().any(|m| m.contains("21 December 2026") && !m.contains("Code")), "{other:?}");
}

#[test]
fn a_refused_stage2_without_its_day_is_told_as_before() {
    let config = LandlordConfig::example();
    let a = refused();
    let (missed, other, upcoming) = said(&a, d(2027, 1, 4), &config);
    assert!(missed.is_empty() && upcoming.is_empty(), "{missed:?} {upcoming:?}");
    assert_eq!(
        other[2..],
        ["You asked for stage 2 on Monday 7 December 2026 and Example Homes refused, so there is no stage 2 time limit \
          for it to miss. It can refuse only for a valid reason, and it must tell you what that reason is (Code 5.11). \
          You can ask the Housing Ombudsman Service for help now, without waiting."]
    );
}

#[test]
fn the_day_stage2_was_refused_is_on_its_page_in_check_your_answers() {
    let config = LandlordConfig::example();
    let ctx = Ctx { today: d(2027, 1, 4), config: &config };
    let mut a = refused();
    ombudsman::S2_REFUSED.set(&mut a, "21", "12", "2026");
    let rows = summary::rows(&a, &ctx, &crate::domain::examples::words());
    let row = rows.iter().find(|r| r.lines.iter().any(|l| l.contains("The date your landlord refused"))).expect("a row has it");
    // Its Change link goes back to the page that asks it.
    assert_eq!(row.page, "omb_s2_dates");
    assert!(row.lines.iter().any(|l| l == "The date your landlord refused: Monday 21 December 2026"), "{:?}", row.lines);
    // The referral's payload has no dates of the landlord's steps (the
    // summary for the Ombudsman does): it builds and is valid as before.
    let words = crate::domain::examples::words();
    let s = to_submission(&a, super::ID, "2027-01-04T10:00:00+00:00", "en-GB", &ctx, &words).unwrap_or_else(|e| panic!("{e:?}"));
    let json = s.to_json();
    assert!(!json.contains("2026-12-21"), "{json}");
    assert!(crate::domain::examples::schema_errors(&serde_json::from_str(&json).unwrap()).is_empty());
}

#[test]
fn a_refusal_inside_a_new_date_missed_no_answer_and_comes_after_the_acknowledgement() {
    let config = LandlordConfig::example();
    let ctx = Ctx { today: d(2027, 3, 1), config: &config };
    let p = flow::page("omb_s2_dates").unwrap();
    let mut a = refused();
    ombudsman::S2_ACKNOWLEDGED.set(&mut a, "8", "12", "2026");
    // Refused Monday 1 February 2027: past the answer's 20 working days
    // from the acknowledgement (Friday 8 January, Code 6.14), so missed
    // by then...
    ombudsman::S2_REFUSED.set(&mut a, "1", "2", "2027");
    let (missed, _, _) = said(&a, ctx.today, &config);
    assert!(missed.iter().any(|m| m.contains("final answer (stage 2) by Friday 8 January 2027")), "{missed:?}");
    // ...unless the landlord had given a new date after it (Code 6.15), as
    // the tracker has it for the same dates.
    ombudsman::S2_EXTENDED.set(&mut a, "3", "2", "2027");
    assert!(p.passes(&a, &ctx));
    let (missed, _, upcoming) = said(&a, ctx.today, &config);
    assert!(missed.is_empty() && upcoming.is_empty(), "{missed:?} {upcoming:?}");
    // An acknowledgement after the refusal cannot be: the error is on the
    // acknowledgement and names the refusal's date.
    ombudsman::S2_REFUSED.set(&mut a, "7", "12", "2026");
    let e = p.errors(&a, &ctx);
    assert_eq!((e.len(), e[0].field.as_str()), (1, "omb_s2_acknowledged"), "{e:?}");
    assert_eq!(
        en(&e[0].message),
        "The date they acknowledged your stage 2 request must be on or before the date they refused it (Monday 7 December 2026)"
    );
}

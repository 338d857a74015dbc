//! Notes walked through time, every date worked out by hand.

use super::*;
use crate::domain::late::DeadlineStatus;

/// England (Complaint Handling Code), sent Monday 23 November 2026, in
/// England and Wales' working days: Christmas Day (Friday 25 December),
/// Boxing Day's substitute (Monday 28 December) and New Year's Day
/// (Friday 1 January 2027) are not working days.
#[test]
fn an_english_complaint_through_stage_1_late_and_stage_2() {
    let config = LandlordConfig::example();
    let mut note = complaint(Scheme::England, d(2026, 11, 23));
    let next_ack = Some("Next: acknowledging your complaint, by Monday 30 November 2026.".to_owned());

    // Day 0. Acknowledge within 5 working days (Code 6.2): 24, 25, 26, 27, 30 November.
    assert_eq!(
        told(&note, d(2026, 11, 23), &config),
        ("We must acknowledge your complaint by Monday 30 November 2026 (5 working days left).".to_owned(), next_ack.clone())
    );
    let s = note.status(d(2026, 11, 23), &config);
    assert!(!s.missed);
    assert_eq!(s.actions, vec![Action::Record], "stage 2 only once stage 1 is answered or late (Code 6.10)");
    assert_eq!(s.can_record, vec![Record::Acknowledged, Record::Answered, Record::Extended]);
    // The deadline day itself: still to come.
    assert_eq!(
        told(&note, d(2026, 11, 30), &config).0,
        "We must acknowledge your complaint by Monday 30 November 2026 (today is the last day)."
    );

    // Acknowledged on the deadline, on time: the answer is due 10 working
    // days later (Code 6.3): 1-4, 7-11, 14 December.
    note.record(Record::Acknowledged, Some(d(2026, 11, 30)), d(2026, 12, 1)).unwrap();
    let next_answer = Some("Next: our stage 1 answer, by Monday 14 December 2026.".to_owned());
    assert_eq!(
        told(&note, d(2026, 12, 1), &config),
        ("We must send you our stage 1 answer by Monday 14 December 2026 (9 working days left).".to_owned(), next_answer.clone())
    );
    assert_eq!(told(&note, d(2026, 12, 11), &config).0, "We must send you our stage 1 answer by Monday 14 December 2026 (1 working day left).");
    let s = note.status(d(2026, 12, 11), &config);
    assert_eq!(s.can_record, vec![Record::Answered, Record::Extended], "acknowledged: no more to record there");
    assert!(!s.missed);

    // No answer by Tuesday 15 December: 1 working day late.
    assert_eq!(
        told(&note, d(2026, 12, 15), &config),
        ("We should have sent you our stage 1 answer by Monday 14 December 2026: we are 1 working day late.".to_owned(), None)
    );
    let s = note.status(d(2026, 12, 15), &config);
    assert!(s.missed);
    assert_eq!(s.actions, vec![Action::AskStage2, Action::Ombudsman, Action::Record]);
    // Over Christmas, Tuesday 29 December: 15-18 (4), 21-24 (8), not 25
    // or 28 (bank holidays), 29 (9).
    assert_eq!(
        told(&note, d(2026, 12, 29), &config).0,
        "We should have sent you our stage 1 answer by Monday 14 December 2026: we are 9 working days late."
    );

    // Answered Monday 4 January 2027: 29, 30, 31 December (11), not 1
    // January, 4 January (12) after the deadline.
    note.record(Record::Answered, Some(d(2027, 1, 4)), d(2027, 1, 5)).unwrap();
    let s = note.status(d(2027, 1, 5), &config);
    assert_eq!(s.reports[0].checks[1].status, DeadlineStatus::DoneLate { on: d(2027, 1, 4), late_by: 12 });
    assert_eq!(told(&note, d(2027, 1, 5), &config), ("We sent you our stage 1 answer on Monday 4 January 2027, 12 working days late.".to_owned(), None));
    assert!(s.missed, "answered late is still a deadline missed");
    assert_eq!(s.actions, vec![Action::AskStage2, Action::Ombudsman, Action::Record]);
    assert_eq!(s.can_record, vec![Record::Stage2Requested]);

    // Stage 2 asked for on Wednesday 6 January: acknowledge within 5
    // working days (Code 6.11): 7, 8, 11, 12, 13 January.
    note.record(Record::Stage2Requested, Some(d(2027, 1, 6)), d(2027, 1, 6)).unwrap();
    assert_eq!(
        told(&note, d(2027, 1, 6), &config),
        (
            "We must acknowledge your stage 2 request by Wednesday 13 January 2027 (5 working days left).".to_owned(),
            Some("Next: acknowledging your stage 2 request, by Wednesday 13 January 2027.".to_owned())
        )
    );
    let s = note.status(d(2027, 1, 6), &config);
    assert_eq!(s.actions, vec![Action::Ombudsman, Action::Record], "stage 2 asked for: not offered again");
    assert_eq!(s.can_record, vec![Record::Stage2Acknowledged, Record::Stage2Answered, Record::Stage2Extended, Record::Stage2Refused]);

    // Acknowledged Monday 11 January: the final answer within 20 working
    // days of it (Code 6.14): 12-15 (4), 18-22 (9), 25-29 (14), 1-5
    // February (19), Monday 8 February (20). From the 12th: 19 left.
    note.record(Record::Stage2Acknowledged, Some(d(2027, 1, 11)), d(2027, 1, 12)).unwrap();
    assert_eq!(
        told(&note, d(2027, 1, 12), &config),
        (
            "We must send you our final answer (stage 2) by Monday 8 February 2027 (19 working days left).".to_owned(),
            Some("Next: our final answer (stage 2), by Monday 8 February 2027.".to_owned())
        )
    );

    // Answered on Friday 5 February, on time: the process is over.
    note.record(Record::Stage2Answered, Some(d(2027, 2, 5)), d(2027, 2, 8)).unwrap();
    let s = note.status(d(2027, 2, 8), &config);
    assert_eq!(told(&note, d(2027, 2, 8), &config), ("We sent you our final answer (stage 2) on Friday 5 February 2027, on time.".to_owned(), None));
    assert_eq!(s.actions, vec![Action::Ombudsman]);
    assert!(s.can_record.is_empty());
    assert_eq!(s.outstanding().count(), 0);

    // Kept 12 months after the last deadline (8 February 2027).
    assert_eq!(note.last_deadline(), d(2027, 2, 8));
    assert!(!note.expired(d(2028, 2, 8), 12));
    assert!(note.expired(d(2028, 2, 9), 12));
    assert!(note.expired(d(2027, 3, 9), 1));
}

/// Scotland (SPSO model procedure), sent Monday 23 November 2026, in
/// Scotland's working days: St Andrew's Day (Monday 30 November),
/// Christmas (Friday 25 December, Monday 28 December for Boxing Day) and
/// New Year (Friday 1 January 2027, Monday 4 January for 2 January).
#[test]
fn a_scottish_complaint_has_no_acknowledgement_and_keeps_st_andrews_day() {
    let config = LandlordConfig::example_in(Scheme::Scotland);
    let mut note = complaint(Scheme::Scotland, d(2026, 11, 23));

    // A frontline response within 5 working days of receipt ([SPSO-CF]
    // 15), no acknowledgement step: 24, 25, 26, 27 November, (not 30), 1 December.
    assert_eq!(
        told(&note, d(2026, 11, 23), &config),
        (
            "We must send you our frontline response (stage 1) by Tuesday 1 December 2026 (5 working days left).".to_owned(),
            Some("Next: our frontline response (stage 1), by Tuesday 1 December 2026.".to_owned())
        )
    );
    let s = note.status(d(2026, 11, 23), &config);
    assert_eq!(s.reports[0].checks.len(), 1, "no acknowledgement deadline");
    assert_eq!(s.can_record, vec![Record::Answered, Record::Extended, Record::Stage2Requested]);
    // Residents may go straight to stage 2 in Scotland ([SPSO-CF] 18).
    assert_eq!(s.actions, vec![Action::AskStage2, Action::Record]);
    // On St Andrew's Day itself, one working day is left.
    assert_eq!(
        told(&note, d(2026, 11, 30), &config).0,
        "We must send you our frontline response (stage 1) by Tuesday 1 December 2026 (1 working day left)."
    );
    assert_eq!(
        told(&note, d(2026, 12, 2), &config),
        ("We should have sent you our frontline response (stage 1) by Tuesday 1 December 2026: we are 1 working day late.".to_owned(), None)
    );

    // Answered Thursday 3 December (2 working days late); stage 2 asked
    // for on Friday 4 December: acknowledge within 3 working days
    // ([SPSO-CF] 19): 7, 8, 9 December.
    note.record(Record::Answered, Some(d(2026, 12, 3)), d(2026, 12, 4)).unwrap();
    note.record(Record::Stage2Requested, Some(d(2026, 12, 4)), d(2026, 12, 4)).unwrap();
    assert_eq!(
        told(&note, d(2026, 12, 7), &config),
        (
            "We must acknowledge your stage 2 complaint by Wednesday 9 December 2026 (2 working days left).".to_owned(),
            Some("Next: acknowledging your stage 2 complaint, by Wednesday 9 December 2026.".to_owned())
        )
    );
    let s = note.status(d(2026, 12, 7), &config);
    assert!(s.missed);
    assert_eq!(s.reports[0].checks[0].status.late_by(), 2);

    // The final answer within 20 working days of the request, not of the
    // acknowledgement ([SPSO-CF] 19): 7-11 (5), 14-18 (10), 21-24 (14),
    // 29-31 (17), 5, 6, 7 January 2027 (20). From 10 December: 11 (1),
    // 14-18 (6), 21-24 (10), 29-31 (13), 5-7 (16).
    note.record(Record::Stage2Acknowledged, Some(d(2026, 12, 8)), d(2026, 12, 10)).unwrap();
    assert_eq!(
        told(&note, d(2026, 12, 10), &config).0,
        "We must send you our final answer after its investigation (stage 2) by Thursday 7 January 2027 (16 working days left)."
    );
    assert_eq!(
        told(&note, d(2027, 1, 8), &config).0,
        "We should have sent you our final answer after its investigation (stage 2) by Thursday 7 January 2027: we are 1 working day late."
    );
}

#[test]
fn a_friday_deadline_on_a_saturday_has_passed_without_being_late() {
    let config = LandlordConfig::example();
    // Sent Friday 20 November: acknowledge by Friday 27 November (Code 6.2).
    let note = complaint(Scheme::England, d(2026, 11, 20));
    let (said, next) = told(&note, d(2026, 11, 28), &config);
    assert_eq!(said, "We should have acknowledged your complaint by Friday 27 November 2026. If we have not, we are late from Monday 30 November 2026.");
    // The answer is still to come: 10 working days from the acknowledgement deadline.
    assert_eq!(next.as_deref(), Some("Next: our stage 1 answer, by Friday 11 December 2026."));
    assert!(!note.status(d(2026, 11, 28), &config).missed);
}

#[test]
fn a_stage_2_request_starts_at_stage_2() {
    let config = LandlordConfig::example();
    let note = Note { kind: CaseKind::Stage2Escalation, ..complaint(Scheme::England, d(2026, 11, 23)) };
    let s = note.status(d(2026, 11, 24), &config);
    assert_eq!(s.reports.len(), 1);
    assert_eq!(english(&config).render(&s.headline), "We must acknowledge your stage 2 request by Monday 30 November 2026 (4 working days left).");
    assert_eq!(s.can_record, vec![Record::Stage2Acknowledged, Record::Stage2Answered, Record::Stage2Extended, Record::Stage2Refused]);
    assert_eq!(s.actions, vec![Action::Record]);
}

#[test]
fn what_has_no_complaint_deadlines_gets_a_plain_status() {
    let config = LandlordConfig::example();
    for kind in [CaseKind::ServiceRequest, CaseKind::AdjustmentsRequest, CaseKind::RepresentativeAuthority, CaseKind::OmbudsmanReferral] {
        let note = Note { kind, reference: "SR-77".into(), ..complaint(Scheme::England, d(2026, 11, 23)) };
        let s = note.status(d(2027, 6, 1), &config);
        assert_eq!(english(&config).render(&s.headline), "Sent on Monday 23 November 2026. Your reference is SR-77.", "{kind:?}");
        assert!(s.reports.is_empty() && s.next.is_none() && !s.missed, "{kind:?}");
        assert!(s.actions.is_empty() && s.can_record.is_empty(), "{kind:?}");
        // Kept a year from when it was sent.
        assert!(!note.expired(d(2027, 11, 23), 12) && note.expired(d(2027, 11, 24), 12));
    }
}

#[test]
fn recording_refuses_dates_that_cannot_be() {
    let mut note = complaint(Scheme::England, d(2026, 11, 23));
    let today = d(2026, 12, 1);
    assert_eq!(note.record(Record::Acknowledged, Some(d(2026, 11, 22)), today), Err(RecordError::Before(d(2026, 11, 23))));
    assert_eq!(note.record(Record::Answered, Some(d(2026, 12, 2)), today), Err(RecordError::Future));
    assert_eq!(note.acknowledged_on, None);
    // A new date for the answer is in the future (Code 6.4).
    note.record(Record::Extended, Some(d(2026, 12, 21)), today).unwrap();
    assert_eq!(note.recorded(Record::Extended), Some(d(2026, 12, 21)));
    note.record(Record::Stage2Requested, Some(d(2026, 11, 30)), today).unwrap();
    assert_eq!(note.record(Record::Stage2Answered, Some(d(2026, 11, 27)), today), Err(RecordError::Before(d(2026, 11, 30))));
    note.record(Record::Stage2Requested, None, today).unwrap();
    assert_eq!(note.stage2_requested_on, None, "a date can be cleared");
    let en = english(&LandlordConfig::example());
    assert_eq!(en.render(&RecordError::Before(d(2026, 11, 30)).msg()), "The date must be on or after Monday 30 November 2026");

    // An answer before the acknowledgement recorded cannot be, at either
    // stage: it would show the acknowledgement as late when the answer
    // (which acknowledges too) came on time.
    let mut note = complaint(Scheme::England, d(2026, 11, 23));
    note.record(Record::Acknowledged, Some(d(2026, 12, 1)), today).unwrap();
    assert_eq!(note.record(Record::Answered, Some(d(2026, 11, 27)), today), Err(RecordError::Before(d(2026, 12, 1))));
    assert_eq!(note.answered_on, None);
    note.record(Record::Answered, Some(d(2026, 12, 1)), today).unwrap();
    let today = d(2026, 12, 10);
    note.record(Record::Stage2Requested, Some(d(2026, 12, 2)), today).unwrap();
    note.record(Record::Stage2Acknowledged, Some(d(2026, 12, 8)), today).unwrap();
    assert_eq!(note.record(Record::Stage2Answered, Some(d(2026, 12, 4)), today), Err(RecordError::Before(d(2026, 12, 8))));
    note.record(Record::Stage2Answered, Some(d(2026, 12, 9)), today).unwrap();

    // A refusal (Code 5.11) is no earlier than the acknowledgement (Code
    // 6.11) either, and an acknowledgement changed later no later than it.
    let mut note = complaint(Scheme::England, d(2026, 11, 23));
    note.record(Record::Answered, Some(d(2026, 12, 1)), today).unwrap();
    note.record(Record::Stage2Requested, Some(d(2026, 12, 2)), today).unwrap();
    note.record(Record::Stage2Acknowledged, Some(d(2026, 12, 8)), today).unwrap();
    assert_eq!(note.record(Record::Stage2Refused, Some(d(2026, 12, 7)), today), Err(RecordError::Before(d(2026, 12, 8))));
    assert_eq!(note.stage2_refused_on, None);
    note.record(Record::Stage2Refused, Some(d(2026, 12, 8)), today).unwrap();
    assert_eq!(note.record(Record::Stage2Acknowledged, Some(d(2026, 12, 9)), today), Err(RecordError::After(d(2026, 12, 8))));
    assert_eq!(note.stage2_acknowledged_on, Some(d(2026, 12, 8)));
    note.record(Record::Stage2Acknowledged, Some(d(2026, 12, 3)), today).unwrap();
}

#[test]
fn an_extension_moves_the_answer_and_the_next_deadline() {
    let config = LandlordConfig::example();
    let mut note = complaint(Scheme::England, d(2026, 11, 23));
    note.record(Record::Acknowledged, Some(d(2026, 11, 30)), d(2026, 11, 30)).unwrap();
    // Extended to Monday 21 December, within 10 more working days (Code 6.4).
    note.record(Record::Extended, Some(d(2026, 12, 21)), d(2026, 12, 10)).unwrap();
    let (said, next) = told(&note, d(2026, 12, 15), &config);
    assert_eq!(said, "We must send you our stage 1 answer by Monday 21 December 2026 (4 working days left).");
    assert_eq!(next.as_deref(), Some("Next: our stage 1 answer, by Monday 21 December 2026."));
}

#[test]
fn labels_use_the_schemes_words() {
    let en = english(&LandlordConfig::example());
    assert_eq!(en.render(&Action::AskStage2.msg(Scheme::England)), "Ask for stage 2");
    assert_eq!(en.render(&Action::AskStage2.msg(Scheme::Scotland)), "Ask for stage 2 (investigation)");
    assert_eq!(en.render(&Action::Ombudsman.msg(Scheme::England)), "Go to the Housing Ombudsman Service");
    assert_eq!(en.render(&Record::Answered.msg(Scheme::Scotland)), "When did we send you our frontline response (stage 1)?");
    assert_eq!(en.render(&Record::Stage2Requested.msg(Scheme::England)), "When did you ask for stage 2?");
    // Every label exists in every language.
    for (locale, _) in shipped::FILES {
        let c = shipped::get(locale);
        for a in Action::ALL {
            assert!(c.has(&a.label()), "{locale}: {}", a.label());
        }
        for r in Record::ALL {
            assert!(c.has(&r.label()), "{locale}: {}", r.label());
        }
    }
}

/// Every sentence the tracker can say, in every shipped language, has
/// each placeholder filled: every state of every deadline, in England and
/// Scotland, the next deadline, the labels and the plain status.
#[test]
fn every_sentence_is_whole_in_every_language() {
    let mut said = Vec::new();
    for scheme in [Scheme::England, Scheme::Scotland] {
        let config = LandlordConfig::example_in(scheme);
        let mut notes = vec![complaint(scheme, d(2026, 11, 20))];
        let mut done = complaint(scheme, d(2026, 11, 20));
        done.acknowledged_on = Some(d(2026, 11, 24));
        done.answered_on = Some(d(2026, 12, 1));
        done.stage2_requested_on = Some(d(2026, 12, 2));
        notes.push(done.clone());
        done.stage2_acknowledged_on = Some(d(2026, 12, 3));
        notes.push(done.clone());
        notes.push(Note { stage2_answered_on: Some(d(2026, 12, 10)), ..done.clone() });
        done.acknowledged_on = Some(d(2026, 12, 10));
        done.answered_on = Some(d(2026, 12, 30));
        done.stage2_acknowledged_on = Some(d(2026, 12, 21));
        done.stage2_answered_on = Some(d(2027, 3, 1));
        notes.push(done.clone());
        // Answered with no acknowledgement recorded, on time and late.
        notes.push(Note { acknowledged_on: None, answered_on: Some(d(2026, 11, 26)), stage2_requested_on: None, ..done.clone() });
        notes.push(Note { acknowledged_on: None, stage2_acknowledged_on: None, stage2_answered_on: Some(d(2026, 12, 8)), ..done.clone() });
        notes.push(Note { acknowledged_on: None, stage2_acknowledged_on: None, ..done });
        notes.push(Note { kind: CaseKind::ServiceRequest, ..complaint(scheme, d(2026, 11, 20)) });
        for locale in ["en-GB", "cy", "ur", "pl"] {
            let w = words(locale, &config);
            for note in &notes {
                for today in [d(2026, 11, 20), d(2026, 11, 27), d(2026, 11, 28), d(2026, 12, 2), d(2026, 12, 4), d(2027, 1, 20), d(2027, 4, 1)] {
                    let s = note.status(today, &config);
                    let mut msgs = vec![s.headline.clone()];
                    msgs.extend(s.next.as_ref().map(NextDeadline::msg));
                    msgs.extend(s.reports.iter().flat_map(|r| r.checks.iter().map(super::super::status::sentence)));
                    msgs.extend(s.actions.iter().map(|a| a.msg(scheme)));
                    msgs.extend(s.can_record.iter().map(|r| r.msg(scheme)));
                    for m in msgs {
                        let text = w.render(&m);
                        assert!(!text.contains('{') && !text.contains("tracker."), "{locale}: {} gave {text}", m.key);
                        said.push((locale, m.key.to_string()));
                    }
                }
            }
        }
    }
    // Every state of every deadline was said.
    for event in ["stage1_acknowledge", "stage1_respond", "stage2_acknowledge", "stage2_respond"] {
        for state in ["due", "passed", "missed", "met", "done_late", "met_by_answer", "done_late_by_answer"] {
            let key = format!("tracker.status.{event}.{state}");
            let by_answer = state.ends_with("by_answer");
            if (event == "stage1_acknowledge" || state != "passed") && (!by_answer || event.ends_with("acknowledge")) {
                assert!(said.iter().any(|(l, k)| *l == "cy" && *k == key), "{key} never said");
            }
        }
    }
}


//! The landlord's own shorter promises against its scheme's limits, a
//! stage closed without its answer, a refused stage 2, and a recorded date
//! changed: every date worked out by hand (England and Wales' working days).

use super::*;
use crate::domain::deadlines::Timescales;
use crate::domain::journey::ombudsman::Position;
use crate::domain::journey::{Answers, Ctx, Value};
use crate::domain::late::{DeadlineCheck, DeadlineStatus};
use crate::domain::text::Msg;
use crate::domain::validate::DateInput;

/// What a landlord's config promised when the complaint was sent: `ack`
/// and `respond` working days at stage 1, the Code's limits otherwise.
fn promised(ack: u32, respond: u32) -> Timescales {
    Timescales { stage1_acknowledge: ack, stage1_respond: respond, ..Timescales::CODE }
}

fn said(config: &LandlordConfig, msgs: &[Msg]) -> Vec<String> {
    let w = english(config);
    msgs.iter().map(|m| w.render(m)).collect()
}

/// Sent Monday 23 November 2026 with 2 working days to acknowledge (by
/// Wednesday 25) and 5 to answer promised; the Code allows 5 (by Monday
/// 30 November) and 10.
#[test]
fn a_broken_promise_is_said_and_which_while_the_rights_follow_the_code() {
    let config = LandlordConfig::example();
    let note = complaint(Scheme::England, d(2026, 11, 23)).promising(&promised(2, 5));
    let w = english(&config);

    let s = note.status(d(2026, 11, 24), &config);
    assert_eq!(
        w.render(&s.next.unwrap().msg()),
        "Next: acknowledging your complaint, by Wednesday 25 November 2026, as our own complaints policy says. \
         Under Code 6.2 we have until Monday 30 November 2026."
    );

    // Friday 27 November: late by its own policy (26, 27), not by the Code.
    let s = note.status(d(2026, 11, 27), &config);
    assert_eq!(
        said(&config, &s.broken),
        ["By our own complaints policy, acknowledging your complaint was due by Wednesday 25 November 2026: we are 2 working days late. \
          Under Code 6.2 we have until Monday 30 November 2026."]
    );
    assert!(!s.missed, "the Code's deadline has not passed");
    assert_eq!(s.actions, vec![Action::Record], "a broken promise alone opens neither stage 2 nor the ombudsman");
    // The Code's date is still the one the landlord must meet.
    assert_eq!(w.render(&s.headline), "We must acknowledge your complaint by Monday 30 November 2026 (1 working day left).");

    // Acknowledged Thursday 26: late by its policy, on time by the Code.
    // Its answer: 5 working days from Wednesday 25 (a late acknowledgement
    // buys no time) is Wednesday 2 December; the Code's 10 from the 26th
    // is Thursday 10 December.
    let mut note = note;
    note.record(Record::Acknowledged, Some(d(2026, 11, 26)), d(2026, 11, 27)).unwrap();
    let s = note.status(d(2026, 12, 3), &config);
    assert_eq!(
        said(&config, &s.broken),
        [
            "By our own complaints policy, acknowledging your complaint was due by Wednesday 25 November 2026: we were 1 working day late \
             (Thursday 26 November 2026). Under Code 6.2 we had until Monday 30 November 2026.",
            "By our own complaints policy, our stage 1 answer was due by Wednesday 2 December 2026: we are 1 working day late. \
             Under Code 6.3 we have until Thursday 10 December 2026.",
        ]
    );
    assert!(!s.missed);
    assert_eq!(s.next.as_ref().map(|n| n.due), Some(d(2026, 12, 10)), "its own date has gone: the Code's is next");

    // Friday 11 December: late by the Code too. The Code's sentence says
    // so; the promise is not said twice; stage 2 and the ombudsman open.
    let s = note.status(d(2026, 12, 11), &config);
    assert!(s.missed);
    assert_eq!(s.broken.len(), 1, "only the acknowledgement, late by its policy alone");
    assert_eq!(s.reports[0].checks[1].status, DeadlineStatus::Missed { late_by: 1 });
    assert_eq!(s.actions, vec![Action::AskStage2, Action::Ombudsman, Action::Record]);
}

#[test]
fn the_promise_kept_is_the_one_made_when_it_was_sent() {
    let note = complaint(Scheme::England, d(2026, 11, 23)).promising(&promised(2, 5));
    let stored = write(std::slice::from_ref(&note));
    assert!(stored.contains(r#""days":[2,5,10,5,20,20]"#), "{stored}");
    let back = read(&stored);
    assert_eq!(back, vec![note.clone()]);

    // The config changed since (1 working day now): the note still holds
    // the landlord to the 2 it promised then, not to today's figure.
    let mut config = LandlordConfig::example();
    config.timescales.stage1_acknowledge = Some(1);
    let s = back[0].status(d(2026, 11, 27), &config);
    assert!(said(&config, &s.broken)[0].contains("due by Wednesday 25 November 2026: we are 2 working days late"));

    // The scheme's own limits are no promise of its own; a note kept
    // before promises were kept, or with figures no config could hold, is
    // judged on the scheme alone.
    assert_eq!(complaint(Scheme::England, d(2026, 11, 23)).promising(&Timescales::CODE).promise, None);
    let plain = complaint(Scheme::England, d(2026, 11, 23));
    assert!(plain.status(d(2026, 11, 27), &config).broken.is_empty());
    for bad in [r#""x""#, "[2,5]", "[0,5,10,5,20,20]", "[2,0,10,5,20,20]", "[2,5,10,5,20,999]"] {
        let json = stored.replace("[2,5,10,5,20,20]", bad);
        let back = read(&json);
        assert_eq!(back.len(), 1, "{bad}: the note is kept");
        assert_eq!(back[0].promise, None, "{bad}");
    }
    // Scotland has no stage 1 acknowledgement: a figure for one is no promise.
    let scot = Timescales { stage1_respond: 3, ..Timescales::of(Scheme::Scotland) };
    let note = complaint(Scheme::Scotland, d(2026, 11, 23)).promising(&scot);
    assert_eq!(note.promise.map(|p| [p[0], p[1]]), Some([0, 3]));
    assert_eq!(read(&write(std::slice::from_ref(&note))), vec![note.clone()]);
    let wrong = write(std::slice::from_ref(&note)).replacen("[0,", "[2,", 1);
    assert_eq!(read(&wrong)[0].promise, None);
}

#[test]
fn a_stage_2_request_sent_from_a_note_brings_its_own_promise() {
    let mut note = complaint(Scheme::England, d(2026, 11, 23)).promising(&promised(2, 5));
    let request = Note { kind: CaseKind::Stage2Escalation, ..complaint(Scheme::England, d(2026, 12, 15)) }
        .promising(&Timescales { stage2_acknowledge: 3, ..Timescales::CODE });
    assert!(note.follow(&request, d(2026, 12, 15)));
    assert_eq!(note.stage2_requested_on, Some(d(2026, 12, 15)));
    assert_eq!(note.promise, Some([2, 5, 10, 3, 20, 20]), "stage 1 as promised then, stage 2 as promised when asked");
    // Asked before the complaint was sent: nothing changes.
    let mut other = complaint(Scheme::England, d(2026, 12, 20));
    assert!(!other.follow(&request, d(2026, 12, 21)));
    assert_eq!(other, complaint(Scheme::England, d(2026, 12, 20)));
}

/// Acknowledged Wednesday 25 November: the answer was due Wednesday 9
/// December (Code 6.3). Stage 2 asked for on Thursday 10 December, the
/// stage 1 answer never recorded.
#[test]
fn asking_for_stage_2_closes_stage_1_answered_or_not() {
    let config = LandlordConfig::example();
    let mut note = complaint(Scheme::England, d(2026, 11, 23));
    note.record(Record::Acknowledged, Some(d(2026, 11, 25)), d(2026, 11, 25)).unwrap();
    note.record(Record::Stage2Requested, Some(d(2026, 12, 10)), d(2026, 12, 10)).unwrap();
    let s = note.status(d(2027, 1, 5), &config);
    assert_eq!(
        said(&config, &s.closed.clone().into_iter().collect::<Vec<_>>()),
        ["You asked for stage 2 on Thursday 10 December 2026, so stage 1 is closed."]
    );
    // What stage 1 had missed by then stays missed, counted to that day.
    assert_eq!(s.reports[0].checks.iter().map(|c| c.status).collect::<Vec<_>>(), [
        DeadlineStatus::Met { on: d(2026, 11, 25) },
        DeadlineStatus::Missed { late_by: 1 },
    ]);
    assert!(s.outstanding().all(|c| c.stage == crate::domain::deadlines::Stage::Stage2), "nothing of stage 1 awaited");
    assert!(!s.can_record.iter().any(|r| matches!(r, Record::Acknowledged | Record::Answered | Record::Extended)));

    // Scotland, stage 2 asked for at once: stage 1's answer is not next.
    let config = LandlordConfig::example_in(Scheme::Scotland);
    let mut note = complaint(Scheme::Scotland, d(2026, 11, 23));
    note.record(Record::Stage2Requested, Some(d(2026, 11, 24)), d(2026, 11, 24)).unwrap();
    let s = note.status(d(2026, 11, 25), &config);
    assert_eq!(s.next.map(|n| n.event), Some("stage2_acknowledge"));
    assert!(s.reports[0].checks.is_empty());
    assert!(!s.missed);

    // Answered, then stage 2: no "closed" line is needed.
    let mut note = complaint(Scheme::England, d(2026, 11, 23));
    note.record(Record::Answered, Some(d(2026, 12, 1)), d(2026, 12, 1)).unwrap();
    note.record(Record::Stage2Requested, Some(d(2026, 12, 2)), d(2026, 12, 2)).unwrap();
    assert_eq!(note.status(d(2026, 12, 3), &LandlordConfig::example()).closed, None);
}

/// Code 5.11: a landlord must not refuse to escalate without valid
/// reasons; a refusal ends its process, and the ombudsman is next, in
/// each nation's words.
#[test]
fn a_refused_stage_2_opens_the_ombudsman_in_each_nation() {
    for scheme in Scheme::ALL.iter().copied() {
        let config = LandlordConfig::example_in(scheme);
        let mut note = complaint(scheme, d(2026, 11, 23));
        note.record(Record::Answered, Some(d(2026, 11, 27)), d(2026, 11, 27)).unwrap();
        note.record(Record::Stage2Requested, Some(d(2026, 11, 30)), d(2026, 11, 30)).unwrap();
        let s = note.status(d(2026, 12, 1), &config);
        assert!(s.can_record.contains(&Record::Stage2Refused), "{scheme:?}");
        assert!(!s.actions.contains(&Action::Ombudsman), "{scheme:?}: nothing missed yet");

        assert_eq!(note.clone().record(Record::Stage2Refused, Some(d(2026, 11, 27)), d(2026, 12, 1)), Err(RecordError::Before(d(2026, 11, 30))));
        assert_eq!(note.clone().record(Record::Stage2Refused, Some(d(2026, 12, 2)), d(2026, 12, 1)), Err(RecordError::Future));
        note.record(Record::Stage2Refused, Some(d(2026, 12, 1)), d(2026, 12, 1)).unwrap();
        let s = note.status(d(2026, 12, 2), &config);
        assert_eq!(s.actions, vec![Action::Ombudsman], "{scheme:?}");
        assert!(s.can_record.is_empty(), "{scheme:?}");
        assert_eq!(s.outstanding().count(), 0, "{scheme:?}: no stage 2 deadline awaited");
        let line = english(&config).render(&s.closed.unwrap());
        let stage2 = english(&config).render(&scheme.stage_name(crate::domain::deadlines::Stage::Stage2));
        assert_eq!(
            line,
            format!(
                "On Tuesday 1 December 2026 we said we would not take your complaint to {stage2}. We must give you our reasons. \
                 You can now go to the {}.",
                config.ombudsman.name
            )
        );
        let a = prefill::go_to_ombudsman(&note, &Answers::default());
        assert_eq!(crate::domain::journey::ombudsman::POSITION.get(&a), Some(Position::RefusedEscalation), "{scheme:?}");
    }
}

#[test]
fn a_recorded_date_can_be_changed_with_the_same_checks() {
    let config = LandlordConfig::example();
    let ctx = Ctx { today: d(2026, 12, 10), config: &config };
    let mut note = complaint(Scheme::England, d(2026, 11, 23));
    note.record(Record::Acknowledged, Some(d(2026, 11, 26)), d(2026, 11, 26)).unwrap();
    note.record(Record::Answered, Some(d(2026, 12, 4)), d(2026, 12, 4)).unwrap();
    assert_eq!(pages::recorded(&note), vec![(Record::Acknowledged, d(2026, 11, 26)), (Record::Answered, d(2026, 12, 4))]);

    // Its page opens with the date recorded.
    let start = pages::starting_answers(&note, Record::Acknowledged);
    assert_eq!(start.date("tracker_acknowledged"), Some(&DateInput::from_date(d(2026, 11, 26))));

    let typed = |day: &str| {
        let mut a = Answers::default();
        a.set("tracker_acknowledged", Value::Date(DateInput::new(day, "11", "2026")));
        a
    };
    let err = |a: &Answers| pages::record(&note, Record::Acknowledged, a, &ctx).unwrap_err().into_iter().map(|e| english(&config).render(&e.message)).collect::<Vec<_>>();
    // Not before it was sent, as the first time.
    assert_eq!(err(&typed("20")), ["The date must be on or after Monday 23 November 2026"]);
    // Not after the answer recorded: the answer acknowledges too.
    let mut a = Answers::default();
    a.set("tracker_acknowledged", Value::Date(DateInput::new("7", "12", "2026")));
    assert_eq!(err(&a), ["The date must be on or before Friday 4 December 2026"]);
    // A right date replaces the wrong one, nothing else changed.
    let changed = pages::record(&note, Record::Acknowledged, &typed("25"), &ctx).unwrap();
    assert_eq!(changed, Note { acknowledged_on: Some(d(2026, 11, 25)), ..note.clone() });

    // The answer can be changed, never to before the acknowledgement.
    assert_eq!(note.clone().record(Record::Answered, Some(d(2026, 11, 25)), d(2026, 12, 10)), Err(RecordError::Before(d(2026, 11, 26))));
    // A stage 2 request cannot be moved after its acknowledgement.
    note.record(Record::Stage2Requested, Some(d(2026, 12, 7)), d(2026, 12, 7)).unwrap();
    note.record(Record::Stage2Acknowledged, Some(d(2026, 12, 8)), d(2026, 12, 8)).unwrap();
    assert_eq!(note.clone().record(Record::Stage2Requested, Some(d(2026, 12, 9)), d(2026, 12, 10)), Err(RecordError::After(d(2026, 12, 8))));
}

/// Acknowledged Wednesday 25 November: the stage 1 answer was due
/// Wednesday 9 December (Code 6.3). A step missed in a stage that closed
/// is told in the past, counted to the day it closed; in an open stage it
/// is still told as late now.
#[test]
fn a_step_missed_in_a_closed_stage_is_told_as_over_on_the_day_it_closed() {
    use crate::domain::journey::receipt::missed;
    let config = LandlordConfig::example();
    let w = english(&config);
    let mut note = complaint(Scheme::England, d(2026, 11, 23));
    note.record(Record::Acknowledged, Some(d(2026, 11, 25)), d(2026, 11, 25)).unwrap();

    // Open: two working days late on Friday 11 December, and counting.
    let s = note.status(d(2026, 12, 11), &config);
    let answer = &s.reports[0].checks[1];
    assert_eq!((answer.status, answer.closed_on), (DeadlineStatus::Missed { late_by: 2 }, None));
    assert_eq!(missed(&s.reports).iter().map(|m| m.key.to_string()).collect::<Vec<_>>(), ["late.stage1_respond.missed"]);
    assert_eq!(
        said(&config, &missed(&s.reports)),
        ["Example Homes should have sent you its stage 1 answer by Wednesday 9 December 2026 (Code 6.3). It is 2 working days late."]
    );
    assert_eq!(w.render(&s.headline), "We should have sent you our stage 1 answer by Wednesday 9 December 2026: we are 2 working days late.");

    // Stage 2 asked for on Thursday 10 December closes stage 1: one
    // working day late then, and still one weeks later.
    note.record(Record::Stage2Requested, Some(d(2026, 12, 10)), d(2026, 12, 10)).unwrap();
    for today in [d(2026, 12, 11), d(2027, 1, 20)] {
        let s = note.status(today, &config);
        let answer = &s.reports[0].checks[1];
        assert_eq!((answer.status, answer.closed_on), (DeadlineStatus::Missed { late_by: 1 }, Some(d(2026, 12, 10))));
        let stage1: Vec<Msg> = missed(&s.reports).into_iter().filter(|m| m.key.starts_with("late.stage1")).collect();
        assert_eq!(stage1.iter().map(|m| m.key.to_string()).collect::<Vec<_>>(), ["late.stage1_respond.missed_closed"]);
        assert_eq!(
            said(&config, &stage1),
            ["Example Homes did not send you its stage 1 answer by Wednesday 9 December 2026 (Code 6.3). \
              It was 1 working day late when this stage closed on Thursday 10 December 2026."]
        );
    }
    // Stage 2, still open, is told in the present: its acknowledgement was
    // due Thursday 17 December (Code 6.11), 2 working days late on the 21st.
    let s = note.status(d(2026, 12, 21), &config);
    let stage2: Vec<String> = missed(&s.reports).iter().filter(|m| m.key.starts_with("late.stage2")).map(|m| w.render(m)).collect();
    assert_eq!(
        stage2,
        ["Example Homes should have acknowledged your stage 2 request by Thursday 17 December 2026 (Code 6.11). It is 2 working days late."]
    );
}

/// Stage 2 asked for on Monday 30 November: acknowledgement due Monday 7
/// December (Code 6.11). Refused on Thursday 10 December, unacknowledged:
/// the card's sentence and its list say it was 3 working days late then.
#[test]
fn a_refused_stage_2_tells_its_missed_acknowledgement_as_over() {
    use crate::domain::journey::receipt::missed;
    let config = LandlordConfig::example();
    let mut note = complaint(Scheme::England, d(2026, 11, 23));
    note.record(Record::Answered, Some(d(2026, 11, 27)), d(2026, 11, 27)).unwrap();
    note.record(Record::Stage2Requested, Some(d(2026, 11, 30)), d(2026, 11, 30)).unwrap();
    note.record(Record::Stage2Refused, Some(d(2026, 12, 10)), d(2026, 12, 10)).unwrap();
    let s = note.status(d(2027, 1, 20), &config);
    assert_eq!(s.over, [crate::domain::deadlines::Stage::Stage2]);
    assert_eq!(s.headline.key, "tracker.status.stage2_acknowledge.missed_closed");
    assert_eq!(
        english(&config).render(&s.headline),
        "We did not acknowledge your stage 2 request by Monday 7 December 2026: we were 3 working days late when this stage closed on Thursday 10 December 2026."
    );
    assert_eq!(
        said(&config, &missed(&s.reports)),
        ["Example Homes did not acknowledge your stage 2 request by Monday 7 December 2026 (Code 6.11). \
          It was 3 working days late when this stage closed on Thursday 10 December 2026."]
    );
    // Whole in every language, stage 1 closed undone too.
    let mut closed1 = complaint(Scheme::England, d(2026, 11, 23));
    // Nothing heard: acknowledgement due 30 November, answer 14 December.
    closed1.record(Record::Stage2Requested, Some(d(2026, 12, 17)), d(2026, 12, 17)).unwrap();
    let s1 = closed1.status(d(2027, 1, 20), &config);
    for locale in ["en-GB", "cy", "ur", "pl"] {
        let w = words(locale, &config);
        let checks = s.reports.iter().chain(&s1.reports).flat_map(|r| r.checks.iter()).filter(|c| c.closed_on.is_some());
        // Each said as the check stands, and as if its stage had closed a day later.
        let said = |c: &DeadlineCheck| [c.msg(), super::super::status::sentence(c)].map(|m| (w.render(&m), m.key));
        let mut n = 0;
        for c in checks {
            let later = DeadlineCheck { closed_on: c.closed_on.map(|d| d.succ_opt().unwrap()), ..c.clone() };
            for ((text, key), (other, _)) in said(c).into_iter().zip(said(&later)) {
                assert!(key.ends_with("missed_closed") && !text.contains('{') && !text.contains("late.") && !text.contains("tracker."), "{locale}: {key} gave {text}");
                assert_ne!(text, other, "{locale}: {key} says the day the stage closed");
                n += 1;
            }
        }
        assert_eq!(n, 6, "stage 1's two steps and stage 2's acknowledgement, each in two sentences");
    }
}

//! The landlord's own shorter promises in a stage that closed before they
//! were kept (stage 1 once stage 2 was asked for, a refused stage 2): told
//! in the past, with the day the stage closed and the lateness counted to
//! then; in a stage still open, told as before. Every date worked out by
//! hand (England and Wales' working days, no bank holidays in the weeks
//! used).

use super::*;
use crate::domain::deadlines::Timescales;
use crate::domain::text::Msg;

/// Sent Monday 23 November 2026, nothing acknowledged. Its own policy:
/// 2 working days to acknowledge (Wednesday 25 November), 5 to answer,
/// counted from that date (Wednesday 2 December), 3 to acknowledge a
/// stage 2 request. The Code: 5 (Monday 30 November), 10 from then
/// (Monday 14 December), 5 for stage 2.
fn note() -> Note {
    let promised = Timescales { stage1_acknowledge: 2, stage1_respond: 5, stage2_acknowledge: 3, ..Timescales::CODE };
    complaint(Scheme::England, d(2026, 11, 23)).promising(&promised)
}

fn said(config: &LandlordConfig, msgs: &[Msg]) -> Vec<String> {
    let w = english(config);
    msgs.iter().map(|m| w.render(m)).collect()
}

fn keys(msgs: &[Msg]) -> Vec<String> {
    msgs.iter().map(|m| m.key.to_string()).collect()
}

/// Stage 2 asked for on Friday 4 December closes stage 1: its own answer
/// date had gone by two working days (3, 4), the Code's was still to
/// come. (The missed acknowledgement is late by the Code too: the Code's
/// sentence says so, not this one.)
#[test]
fn a_promise_missed_in_stage_1_closed_by_a_stage_2_request_is_told_in_the_past() {
    let config = LandlordConfig::example();
    let mut note = note();

    // Open, the same day: as before, late now and the Code's date to come.
    let s = note.status(d(2026, 12, 4), &config);
    assert_eq!(
        said(&config, &s.broken),
        ["By our own complaints policy, our stage 1 answer was due by Wednesday 2 December 2026: we are 2 working days late. \
          Under Code 6.3 we have until Monday 14 December 2026."]
    );

    note.record(Record::Stage2Requested, Some(d(2026, 12, 4)), d(2026, 12, 4)).unwrap();
    let closed = [
        "By our own complaints policy, our stage 1 answer was due by Wednesday 2 December 2026. \
         This stage closed on Friday 4 December 2026 without it: we were 2 working days late by then. \
         Under Code 6.3 we had until Monday 14 December 2026.",
    ];
    // The same on the day, past the Code's date, and weeks later: the count
    // stops on the day the stage closed.
    for today in [d(2026, 12, 4), d(2026, 12, 15), d(2027, 1, 20)] {
        let s = note.status(today, &config);
        assert_eq!(keys(&s.broken), ["tracker.own.missed_closed"], "{today}");
        let text = said(&config, &s.broken);
        assert_eq!(text, closed, "{today}");
        assert!(!text[0].contains("have until") && !text[0].contains("we are"), "{today}: {}", text[0]);
    }
}

/// The same note, stage 2 asked for on Friday 4 December: its own date to
/// acknowledge it is Wednesday 9 December (3 working days), the Code's
/// Friday 11 December (Code 6.11).
#[test]
fn a_stage_still_open_keeps_its_promise_in_the_present_beside_a_closed_one() {
    let config = LandlordConfig::example();
    let mut note = note();
    note.record(Record::Stage2Requested, Some(d(2026, 12, 4)), d(2026, 12, 4)).unwrap();

    // Thursday 10 December: stage 1 closed, stage 2 open and late by its own date.
    let s = note.status(d(2026, 12, 10), &config);
    assert_eq!(keys(&s.broken), ["tracker.own.missed_closed", "tracker.own.missed"]);
    assert_eq!(
        said(&config, &s.broken)[1],
        "By our own complaints policy, acknowledging your stage 2 request was due by Wednesday 9 December 2026: \
         we are 1 working day late. Under Code 6.11 we have until Friday 11 December 2026."
    );

    // Refused that day, unacknowledged: stage 2 closed too, told as over.
    note.record(Record::Stage2Refused, Some(d(2026, 12, 10)), d(2026, 12, 10)).unwrap();
    for today in [d(2026, 12, 10), d(2026, 12, 14), d(2027, 1, 20)] {
        let s = note.status(today, &config);
        assert_eq!(keys(&s.broken), ["tracker.own.missed_closed", "tracker.own.missed_closed"], "{today}");
        assert_eq!(
            said(&config, &s.broken)[1],
            "By our own complaints policy, acknowledging your stage 2 request was due by Wednesday 9 December 2026. \
             This stage closed on Thursday 10 December 2026 without it: we were 1 working day late by then. \
             Under Code 6.11 we had until Friday 11 December 2026.",
            "{today}"
        );
    }
}

/// Stage 1 closed on Friday 4 or Saturday 5 December: two working days
/// late either way, so the closing day alone tells the sentences apart.
#[test]
fn a_closed_stage_s_broken_promise_is_whole_in_every_language() {
    let config = LandlordConfig::example();
    let broken_on = |asked| {
        let mut note = note();
        note.record(Record::Stage2Requested, Some(asked), asked).unwrap();
        note.status(d(2027, 1, 20), &config).broken
    };
    let (friday, saturday) = (broken_on(d(2026, 12, 4)), broken_on(d(2026, 12, 5)));
    assert_eq!(keys(&friday), ["tracker.own.missed_closed"]);
    assert_eq!(keys(&saturday), keys(&friday));
    for locale in ["en-GB", "cy", "ur", "pl"] {
        let w = words(locale, &config);
        let (a, b) = (w.render(&friday[0]), w.render(&saturday[0]));
        assert!(!a.contains('{') && !a.contains("tracker.") && !a.contains("late."), "{locale}: {a}");
        assert_ne!(a, b, "{locale}: the sentence says the day the stage closed");
        // The open sentence, for the same step, is another.
        let open = note().status(d(2026, 12, 4), &config).broken;
        assert_eq!(keys(&open), ["tracker.own.missed"]);
        assert_ne!(w.render(&open[0]), a, "{locale}");
    }
}

/// Answered on Friday 27 November with no acknowledgement recorded: two
/// working days after its own date for acknowledging (Wednesday 25
/// November), within the Code's (Monday 30 November, 6.2). The promise is
/// told as broken by the answer, never as "we acknowledged", in every
/// language; the Code's step is told as done by the answer.
#[test]
fn a_promise_kept_only_by_a_late_answer_is_not_told_as_an_acknowledgement() {
    let config = LandlordConfig::example();
    let mut note = note();
    note.record(Record::Answered, Some(d(2026, 11, 27)), d(2026, 11, 27)).unwrap();
    let s = note.status(d(2026, 12, 1), &config);
    assert_eq!(keys(&s.broken), ["tracker.own.done_late_by_answer"]);
    assert_eq!(
        said(&config, &s.broken),
        ["By our own complaints policy, acknowledging your complaint was due by Wednesday 25 November 2026. \
          No acknowledgement is recorded, and our answer came 2 working days late (Friday 27 November 2026). \
          Under Code 6.2 we had until Monday 30 November 2026."]
    );
    let ack = &s.reports[0].checks[0];
    assert_eq!(super::super::status::sentence(ack).key, "tracker.status.stage1_acknowledge.met_by_answer");
    for locale in ["en-GB", "cy", "ur", "pl"] {
        let w = words(locale, &config);
        for m in s.broken.iter().cloned().chain([super::super::status::sentence(ack), ack.msg()]) {
            let text = w.render(&m);
            assert!(!text.contains('{') && !text.contains("tracker.") && !text.contains("late."), "{locale}: {} gave {text}", m.key);
        }
    }
}

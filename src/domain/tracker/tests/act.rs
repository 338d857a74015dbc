//! The tracker's pages (a date question for each thing recorded) and the
//! one-tap journeys (stage 2 and the ombudsman, filled in from a note).

use super::*;
use crate::domain::examples::schema_errors;
use crate::domain::journey::decl::{Kind, Special};
use crate::domain::journey::{self, about, adjust, escalate, ombudsman, rep, start, Answers, Ctx, Value};
use crate::domain::journey::model::YesNo;
use crate::domain::case::ContactMethod;
use crate::domain::text::Msg;
use crate::domain::validate::DateInput;

/// The words as the widget has them: the landlord's details and its
/// scheme's names for its steps shared with every message.
fn shared(locale: &str, config: &LandlordConfig) -> Words {
    scheme_words(config.scheme()).into_iter().fold(words(locale, config), |w, (n, a)| w.share(n, a))
}

fn typed(r: Record, day: &str, month: &str, year: &str) -> Answers {
    let mut a = Answers::default();
    a.set(pages::page_for(r).key, Value::Date(DateInput::new(day, month, year)));
    a
}

#[test]
fn each_record_has_its_own_date_page_whose_words_are_whole_in_every_language() {
    let mut keys = Vec::new();
    for r in Record::ALL {
        let page = pages::page_for(*r);
        assert_eq!(pages::record_on(page), Some(*r));
        assert_eq!(page.key, format!("tracker_{}", r.value()));
        assert_eq!(page.special, Some(Special::TrackerRecord));
        assert!(!page.titled, "{}: the question is the heading", page.key);
        assert_eq!(page.fields.len(), 1);
        assert_eq!(page.fields[0].key, page.key);
        assert!(matches!(page.fields[0].kind, Kind::Date) && !page.fields[0].optional);
        keys.push(page.key);
    }
    assert_eq!(pages::record_on(&pages::LIST), None);
    assert_eq!(pages::LIST.special, Some(Special::Tracker));
    // None of them is a journey page: nothing recorded goes in a draft or a payload.
    for key in keys.iter().chain([&pages::LIST.key]) {
        assert!(journey::page(key).is_none(), "{key}");
    }
    for scheme in Scheme::ALL {
        let config = LandlordConfig::example_in(*scheme);
        for (locale, _) in shipped::FILES {
            let w = shared(locale, &config);
            for key in &keys {
                for part in ["label", "hint", "name", "missing"] {
                    let k = format!("{key}.{part}");
                    assert!(w.exists(&k), "{locale}: {k}");
                    let said = w.render(&Msg::new(k.clone()));
                    assert!(!said.contains('{') && !said.is_empty(), "{locale} {scheme:?} {k}: {said}");
                }
            }
            for r in Record::ALL {
                let did = w.render(&pages::did(*r, *scheme));
                assert!(!did.contains('{'), "{locale}: {did}");
            }
        }
    }
    let en = shared("en-GB", &LandlordConfig::example_in(Scheme::Scotland));
    assert_eq!(en.render(&Msg::new("tracker_answered.label")), "When did we send you our frontline response (stage 1)?");
    assert_eq!(en.render(&Msg::new("tracker_stage2_requested.label")), "When did you ask for stage 2 (investigation)?");
    assert_eq!(en.render(&pages::did(Record::Answered, Scheme::Scotland)), "We sent you our frontline response (stage 1)");
}

#[test]
fn a_recorded_date_is_checked_like_any_date_then_against_the_note() {
    let config = LandlordConfig::example();
    let today = d(2026, 12, 10);
    let ctx = Ctx { today, config: &config };
    let note = complaint(Scheme::England, d(2026, 11, 23));
    let en = shared("en-GB", &config);
    let err = |r, a: &Answers| {
        let e = pages::record(&note, r, a, &ctx).unwrap_err();
        assert_eq!(e.len(), 1);
        assert_eq!(e[0].field, pages::page_for(r).key);
        en.render(&e[0].message)
    };
    // The same checks and words as every date question.
    assert_eq!(err(Record::Answered, &Answers::default()), "Enter the date we sent you our stage 1 answer");
    assert_eq!(err(Record::Answered, &typed(Record::Answered, "1", "", "2026")), "The date of our answer must include a month");
    assert_eq!(err(Record::Answered, &typed(Record::Answered, "31", "2", "2026")), "Enter a real date");
    assert_eq!(err(Record::Answered, &typed(Record::Answered, "11", "12", "2026")), "The date of our answer must be today or in the past");
    let page = pages::page_for(Record::Answered);
    for a in [Answers::default(), typed(Record::Answered, "1", "", "2026"), typed(Record::Answered, "11", "12", "2026")] {
        assert_eq!(page.errors(&a, &ctx), pages::record(&note, Record::Answered, &a, &ctx).unwrap_err(), "as the generic check says");
    }
    // Then the note's own: not before it was sent.
    assert_eq!(err(Record::Acknowledged, &typed(Record::Acknowledged, "20", "11", "2026")), "The date must be on or after Monday 23 November 2026");
    // A new date for the answer may be in the future (Code 6.4).
    let extended = pages::record(&note, Record::Extended, &typed(Record::Extended, "8", "1", "2027"), &ctx).unwrap();
    assert_eq!(extended.extended_to, Some(d(2027, 1, 8)));
    let answered = pages::record(&note, Record::Answered, &typed(Record::Answered, "9", "Dec", "2026"), &ctx).unwrap();
    assert_eq!(answered.answered_on, Some(d(2026, 12, 9)));
    assert_eq!(Note { answered_on: None, ..answered.clone() }, note, "nothing else changed");
    // The page starts with what was recorded.
    assert_eq!(pages::starting_answers(&answered, Record::Answered).date("tracker_answered"), Some(&DateInput::new("9", "12", "2026")));
    assert!(pages::starting_answers(&note, Record::Answered).date("tracker_answered").is_none());
}

/// Who the resident is, and no representative or support needs: what a
/// resident answers after the one tap.
fn the_rest(a: &mut Answers) {
    about::NAME.set(a, "Sam Resident");
    about::ADDRESS.set(a, "Flat 2, 10 Example Road");
    about::POSTCODE.set(a, "ex1 1aa");
    about::EMAIL.set(a, "sam@example.com");
    about::METHOD.set(a, ContactMethod::Email);
    rep::WANT.set(a, YesNo::No);
    adjust::WANT.set(a, YesNo::No);
}

fn danger_answered() -> Answers {
    let mut a = Answers::default();
    a.set("hazards", Value::Many(vec![start::NO_HAZARD]));
    a
}

#[test]
fn ask_for_stage_2_opens_the_request_with_the_reference_and_answer_date_filled_in() {
    let config = LandlordConfig::example();
    let today = d(2026, 12, 14);
    let ctx = Ctx { today, config: &config };
    let mut note = complaint(Scheme::England, d(2026, 11, 23));
    note.record(Record::Answered, Some(d(2026, 12, 11)), today).unwrap();
    let mut a = prefill::ask_stage2(&note, &danger_answered());
    assert_eq!(journey::case_kind(&a), Some(CaseKind::Stage2Escalation));
    // It opens on the request's first page, already answered, and each of
    // its pages passes as it is: the resident only confirms.
    let first = prefill::first_page(&a, &ctx);
    assert_eq!(first.key, "s2_reference");
    assert_eq!(escalate::REFERENCE.get(&a), "C-1001");
    assert_eq!(escalate::ANSWERED.get(&a, today), Some(d(2026, 12, 11)));
    assert_eq!(escalate::REASONS.opt(&a), None, "reasons are the resident's, and optional (Code 6.12)");
    let mut p = first;
    while p.key != "want_rep" {
        assert!(p.passes(&a, &ctx), "{} passes as filled in", p.key);
        p = journey::next(&a, &ctx, p);
    }
    the_rest(&mut a);
    assert_eq!(journey::first_unfinished(&a, &ctx).key, "check");
    let s = journey::to_submission(&a, "7d8a4c2e-1b3f-4a5d-9e6c-0f1a2b3c4d5e", "2026-12-14T10:00:00+00:00", "en-GB", &ctx, &english(&config)).unwrap();
    let e = s.escalation.as_ref().unwrap();
    assert_eq!(e.stage1_reference.as_deref(), Some("C-1001"));
    assert_eq!(e.stage1_response_on, Some(d(2026, 12, 11)));
    assert_eq!(s.previous_references[0].reference, "C-1001");
    assert!(schema_errors(&serde_json::from_str(&s.to_json()).unwrap()).is_empty());

    // Late and never answered: no answer date to give.
    let late = complaint(Scheme::England, d(2026, 11, 2));
    let a = prefill::ask_stage2(&late, &danger_answered());
    assert!(escalate::ANSWERED.is_blank(&a));
    assert!(prefill::first_page(&a, &ctx).passes(&a, &ctx));
}

#[test]
fn go_to_the_ombudsman_opens_with_where_it_is_up_to_and_the_missed_dates() {
    let config = LandlordConfig::example();
    let today = d(2027, 1, 20);
    let ctx = Ctx { today, config: &config };
    let mut note = complaint(Scheme::England, d(2026, 11, 23));
    note.record(Record::Acknowledged, Some(d(2026, 11, 25)), today).unwrap();
    note.record(Record::Stage2Requested, Some(d(2026, 12, 21)), today).unwrap();
    let mut a = prefill::go_to_ombudsman(&note, &danger_answered());
    assert_eq!(journey::case_kind(&a), Some(CaseKind::OmbudsmanReferral));
    assert_eq!(prefill::first_page(&a, &ctx).key, "omb_position");
    assert_eq!(ombudsman::POSITION.get(&a), Some(ombudsman::Position::WaitingStage2));
    assert_eq!(ombudsman::COMPLAINED.get(&a, today), Some(d(2026, 11, 23)));
    assert_eq!(ombudsman::ACKNOWLEDGED.get(&a, today), Some(d(2026, 11, 25)));
    assert_eq!(ombudsman::S2_REQUESTED.get(&a, today), Some(d(2026, 12, 21)));
    assert_eq!(ombudsman::WHY.get(&a), "The leak in the kitchen ceiling");
    // The landlord's reference, for the Ombudsman: in the payload and in the summary to send them.
    assert_eq!(ombudsman::REFERENCE.get(&a), note.reference);
    assert_eq!(ombudsman::referral(&a).landlord_reference.as_deref(), Some(note.reference.as_str()));
    let summary = journey::receipt::ombudsman_summary(&a, &ctx, &english(&config));
    assert!(summary.contains(&format!("Complaint reference:\n{}\n", note.reference)), "{summary}");
    // The same missed deadlines "Is my landlord late?" shows, as the note's status has them.
    let missed: Vec<String> = journey::receipt::missed(&ombudsman::lateness(&a, &ctx)).iter().map(|m| english(&config).render(m)).collect();
    let status = note.status(today, &config);
    assert!(status.missed && status.actions.contains(&Action::Ombudsman));
    let from_note: Vec<String> = journey::receipt::missed(&status.reports).iter().map(|m| english(&config).render(m)).collect();
    assert!(!missed.is_empty());
    assert_eq!(missed, from_note);
    // Every page up to what only the resident can say passes as filled in.
    let mut p = prefill::first_page(&a, &ctx);
    while p.key != "omb_outcome" {
        assert!(!p.answerable() || p.passes(&a, &ctx), "{} passes as filled in", p.key);
        p = journey::next(&a, &ctx, p);
    }
    // What the resident already wrote is theirs.
    ombudsman::WHY.set(&mut a, "They never came.");
    assert_eq!(ombudsman::WHY.get(&prefill::go_to_ombudsman(&note, &a)), "They never came.");
    // Answered: why they are still unhappy is not what went wrong, so it is left for them.
    let mut answered = note.clone();
    answered.record(Record::Answered, Some(d(2026, 12, 4)), today).unwrap();
    assert_eq!(ombudsman::WHY.get(&prefill::go_to_ombudsman(&answered, &danger_answered())), "");

    // A stage 2 request's note does not know when the complaint was made.
    let s2 = Note { kind: CaseKind::Stage2Escalation, ..complaint(Scheme::England, d(2026, 12, 1)) };
    let a = prefill::go_to_ombudsman(&s2, &danger_answered());
    assert_eq!(ombudsman::POSITION.get(&a), Some(ombudsman::Position::WaitingStage2));
    assert!(ombudsman::COMPLAINED.is_blank(&a));
    assert_eq!(ombudsman::S2_REQUESTED.get(&a, today), Some(d(2026, 12, 1)));
}

#[test]
fn go_to_the_ombudsman_keeps_the_new_date_the_landlord_gave() {
    let config = LandlordConfig::example();
    let today = d(2026, 12, 18);
    let ctx = Ctx { today, config: &config };
    let mut note = complaint(Scheme::England, d(2026, 11, 23));
    note.record(Record::Acknowledged, Some(d(2026, 11, 30)), today).unwrap();
    // Still to come (Code 6.4): the first deadline, 14 December, has passed.
    note.record(Record::Extended, Some(d(2026, 12, 21)), today).unwrap();
    let a = prefill::go_to_ombudsman(&note, &danger_answered());
    assert_eq!(ombudsman::EXTENDED.get_any(&a, today), Some(d(2026, 12, 21)));
    assert!(journey::flow::page("omb_dates").unwrap().passes(&a, &ctx));
    let missed = journey::receipt::missed(&ombudsman::lateness(&a, &ctx));
    assert!(missed.is_empty(), "{:?}", missed.iter().map(|m| english(&config).render(m)).collect::<Vec<_>>());
    assert!(!note.status(today, &config).missed);
}

#[test]
fn go_to_the_ombudsman_after_a_refused_stage2_tells_the_same_missed_acknowledgement() {
    let config = LandlordConfig::example();
    let today = d(2027, 1, 20);
    let ctx = Ctx { today, config: &config };
    let mut note = complaint(Scheme::England, d(2026, 11, 23));
    note.record(Record::Acknowledged, Some(d(2026, 11, 25)), today).unwrap();
    note.record(Record::Answered, Some(d(2026, 12, 4)), today).unwrap();
    note.record(Record::Stage2Requested, Some(d(2026, 12, 7)), today).unwrap();
    // Refused 10 working days after the request, never acknowledged (Code 6.11, 5.11).
    note.record(Record::Stage2Refused, Some(d(2026, 12, 21)), today).unwrap();
    let a = prefill::go_to_ombudsman(&note, &danger_answered());
    assert_eq!(ombudsman::POSITION.get(&a), Some(ombudsman::Position::RefusedEscalation));
    assert_eq!(ombudsman::S2_REFUSED.get(&a, today), Some(d(2026, 12, 21)), "the refusal is not asked again");
    // Up to why they are still unhappy: answered at stage 1, that is theirs to say.
    let mut p = prefill::first_page(&a, &ctx);
    while p.key != "omb_why" {
        assert!(!p.answerable() || p.passes(&a, &ctx), "{} passes as filled in", p.key);
        p = journey::next(&a, &ctx, p);
    }
    let english = english(&config);
    let said = |r: &[crate::domain::late::LateReport]| journey::receipt::missed(r).iter().map(|m| english.render(m)).collect::<Vec<_>>();
    let missed = said(&ombudsman::lateness(&a, &ctx));
    assert_eq!(
        missed,
        ["Example Homes did not acknowledge your stage 2 request by Monday 14 December 2026 (Code 6.11). \
          It was 5 working days late when this stage closed on Monday 21 December 2026."]
    );
    assert_eq!(missed, said(&note.status(today, &config).reports));

    // Acknowledged before it refused: nothing missed, in either.
    note.record(Record::Stage2Acknowledged, Some(d(2026, 12, 9)), today).unwrap();
    let a = prefill::go_to_ombudsman(&note, &danger_answered());
    assert!(said(&ombudsman::lateness(&a, &ctx)).is_empty());
    assert!(said(&note.status(today, &config).reports).is_empty());
}

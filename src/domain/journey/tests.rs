//! The journey's tests: every route, walked as the UI walks it; every
//! question and choice in its own words; the catalogue has each text a
//! declaration names; and the regressions the redesign fixed.

use chrono::NaiveDate;

use super::decl::{Ctx, Kind, On, Page};
use super::model::{Answers, Value, YesNo};
use super::start::{Task, NO_HAZARD};
use super::*;
use crate::domain::case::{ConsentEvidence, ContactMethod, RepresentativeRole, RepresentativeScope, Urgency};
use crate::domain::choice::Choice;
use crate::domain::config::LandlordConfig;
use crate::domain::examples::{schema_errors, words};
use crate::domain::text::{Msg, Render};
use crate::domain::validate::Limit;

pub(crate) const ID: &str = "7d8a4c2e-1b3f-4a5d-9e6c-0f1a2b3c4d5e";
pub(crate) const AT: &str = "2026-11-23T10:15:00+00:00";

pub(crate) fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 23).unwrap()
}

fn with_ctx<R>(f: impl FnOnce(&Ctx) -> R) -> R {
    let config = LandlordConfig::example();
    f(&Ctx { today: today(), config: &config })
}

fn en(m: &Msg) -> String {
    words().render(m)
}

/// Answers that walk each task to "Check your answers".
pub(crate) mod fixtures {
    use super::*;

    pub fn about_you(a: &mut Answers) {
        about::NAME.set(a, "Sam Resident");
        about::ADDRESS.set(a, "Flat 2, 10 Example Road");
        about::POSTCODE.set(a, "ex1 1aa");
        about::EMAIL.set(a, "sam@example.com");
        about::METHOD.set(a, ContactMethod::Email);
    }

    pub fn base(task: Task) -> Answers {
        let mut a = Answers::default();
        a.set("hazards", Value::Many(vec![NO_HAZARD]));
        start::TASK.set(&mut a, task);
        about_you(&mut a);
        if matches!(task, Task::Problem | Task::Request | Task::Escalate) {
            rep::WANT.set(&mut a, YesNo::No);
            adjust::WANT.set(&mut a, YesNo::No);
        }
        a
    }

    pub fn complaint() -> Answers {
        let mut a = base(Task::Problem);
        problem::REPORTED_BEFORE.set(&mut a, problem::ToldBefore::Yes);
        problem::WHAT.set(&mut a, "The boiler repair was booked three times and nobody came.");
        problem::STARTED.set(&mut a, "2", "9", "2026");
        problem::COURT.set(&mut a, YesNo::No);
        problem::IMPACT.set(&mut a, "We have had no hot water for weeks.");
        problem::OUTCOMES.set(&mut a, &[problem::Outcome::Repair, problem::Outcome::Compensation]);
        problem::AMOUNT.set(&mut a, "150");
        a
    }

    pub fn request() -> Answers {
        let mut a = base(Task::Request);
        request::WHAT.set(&mut a, "The kitchen tap leaks.");
        request::WHERE.set(&mut a, "Kitchen");
        request::URGENCY.set(&mut a, Urgency::Routine);
        a
    }

    pub fn representative() -> Answers {
        let mut a = base(Task::Representative);
        rep::FILLER.set(&mut a, rep::Filler::Representative);
        rep::NAME.set(&mut a, "Alex Helper");
        rep::ROLE.set(&mut a, RepresentativeRole::AdvocateOrSupportWorker);
        rep::PHONE.set(&mut a, "07700 900 982");
        rep::SCOPE.set(&mut a, RepresentativeScope::ActForResident);
        rep::CONSENT.set(&mut a, ConsentEvidence::SignedFormToFollow);
        a
    }

    pub fn adjustments() -> Answers {
        let mut a = base(Task::Adjustments);
        adjust::NEEDS.set(&mut a, &[adjust::Need::Interpreter, adjust::Need::LargePrint, adjust::Need::SetTimes]);
        adjust::LANGUAGE.set(&mut a, "British Sign Language");
        adjust::TIMES.set(&mut a, "Weekday afternoons");
        a
    }

    pub fn stage2() -> Answers {
        let mut a = base(Task::Escalate);
        escalate::REFERENCE.set(&mut a, "CMP-1234");
        escalate::ANSWERED.set(&mut a, "10", "11", "2026");
        a
    }

    pub fn ombudsman() -> Answers {
        let mut a = base(Task::Ombudsman);
        ombudsman::POSITION.set(&mut a, ombudsman::Position::WaitingStage1);
        ombudsman::COMPLAINED.set(&mut a, "1", "9", "2026");
        ombudsman::WHY.set(&mut a, "They never answered.");
        ombudsman::OUTCOME.set(&mut a, "A repair and an apology.");
        ombudsman::TELL.set(&mut a, YesNo::Yes);
        a
    }

    pub fn all() -> Vec<(CaseKindName, Answers)> {
        vec![
            ("complaint", complaint()),
            ("service_request", request()),
            ("representative_authority", representative()),
            ("adjustments_request", adjustments()),
            ("stage2_escalation", stage2()),
            ("ombudsman_referral", ombudsman()),
        ]
    }

    pub type CaseKindName = &'static str;
}

/// Walks the route the way the UI does: check each page, then move on.
/// Returns the pages seen; panics if a page fails or the route loops.
fn walk(a: &Answers) -> Vec<&'static str> {
    with_ctx(|ctx| {
        let mut p = first();
        let mut seen = vec![p.key];
        while p.key != CHECK.key && p.special != Some(decl::Special::OmbudsmanSummary) {
            assert_eq!(p.errors(a, ctx), vec![], "answers on {} should pass", p.key);
            p = next(a, ctx, p);
            assert!(!seen.contains(&p.key), "route loops at {}", p.key);
            seen.push(p.key);
        }
        seen
    })
}

fn submit(a: &Answers) -> crate::domain::payload::Submission {
    with_ctx(|ctx| to_submission(a, ID, AT, "en-GB", ctx, &words())).unwrap_or_else(|e| panic!("{e:?}"))
}

fn assert_valid(s: &crate::domain::payload::Submission) {
    let v = serde_json::to_value(s).unwrap();
    let errors = schema_errors(&v);
    assert!(errors.is_empty(), "{:?}: {errors:#?}", s.kind);
}

#[test]
fn every_task_walks_to_check_and_builds_a_payload_the_schema_accepts() {
    for (kind, a) in fixtures::all() {
        let route = walk(&a);
        assert_eq!(*route.last().unwrap(), "check", "{kind}");
        let s = submit(&a);
        assert_eq!(s.kind.value(), kind);
        assert_eq!(s.resident.postcode.as_deref(), Some("EX1 1AA"));
        assert_valid(&s);
    }
}

#[test]
fn danger_comes_first_and_leads_to_advice_when_ticked() {
    let mut a = fixtures::complaint();
    assert_eq!(walk(&a)[..2], ["hazards", "task"]);
    a.set("hazards", Value::Many(vec!["gas_smell"]));
    assert_eq!(walk(&a)[..3], ["hazards", "emergency_advice", "task"]);
    // "None of these" cannot be ticked with a danger.
    a.set("hazards", Value::Many(vec![NO_HAZARD, "no_water"]));
    let e = with_ctx(|c| start::DANGER.errors(&a, c));
    assert_eq!(en(&e[0].message), "Select what is happening, or select only “None of these”");
}

#[test]
fn a_first_report_is_offered_the_choice_and_can_stay_a_service_request() {
    // Code 1.3 to 1.5: never requires the word "complaint".
    let mut a = fixtures::base(Task::Problem);
    problem::REPORTED_BEFORE.set(&mut a, problem::ToldBefore::No);
    problem::FIRST_REPORT.set(&mut a, problem::FirstReport::ServiceRequest);
    request::WHAT.set(&mut a, "A fence panel is down.");
    request::WHERE.set(&mut a, "Garden");
    request::URGENCY.set(&mut a, Urgency::Urgent);
    let route = walk(&a);
    assert!(route.contains(&"first_report_choice") && route.contains(&"request_what") && !route.contains(&"what_went_wrong"), "{route:?}");
    let s = submit(&a);
    assert_eq!(s.kind.value(), "service_request");
    assert!(s.service_request.as_ref().unwrap().complaint_offered);
    assert_valid(&s);
    // Told before and still coming back: a complaint (Code 1.5), with no choice page.
    let a = fixtures::complaint();
    let route = walk(&a);
    assert!(!route.contains(&"first_report_choice") && route.contains(&"what_went_wrong"));
    assert_eq!(case_kind(&a).map(|k| k.value()), Some("complaint"));
}

#[test]
fn the_complaint_route_asks_each_part_of_the_definition_then_about_you_once() {
    let mut a = fixtures::complaint();
    let route = walk(&a);
    for p in ["what_went_wrong", "started", "aware", "court", "tried", "impact", "outcomes", "name", "contact_method"] {
        assert!(route.contains(&p), "{p} missing from {route:?}");
    }
    assert!(!route.contains(&"delay_reason"), "recent problems are not asked why they are late");
    // Given earlier in this visit: not asked, but still on "Check your answers".
    a.carried = true;
    let route = walk(&a);
    assert!(!route.contains(&"name"), "{route:?}");
    let rows = with_ctx(|c| summary::rows(&a, c, &words()));
    let name = rows.iter().find(|r| r.page == "name").expect("a Name row");
    assert_eq!((name.label.as_str(), name.lines[0].as_str()), ("Name", "Sam Resident"));
    // The postcode as it is sent ("ex1 1aa" was typed), not as typed.
    let address = rows.iter().find(|r| r.page == "address").expect("an Address row");
    assert!(address.lines.iter().any(|l| l == "Postcode: EX1 1AA"), "{:?}", address.lines);
}

#[test]
fn change_links_return_to_check_unless_a_new_question_opened() {
    let mut a = fixtures::complaint();
    let trail: Vec<&'static Page> = walk(&a).into_iter().filter_map(page).collect();
    with_ctx(|c| {
        assert_eq!(next_after_change(&a, c, page("impact").unwrap(), &trail).key, "check");
        rep::WANT.set(&mut a, YesNo::Yes);
        assert_eq!(next_after_change(&a, c, page("want_rep").unwrap(), &trail).key, "rep_name");
        // A danger ticked from a Change link shows its advice before going back.
        a.set("hazards", Value::Many(vec!["gas_smell"]));
        assert_eq!(next_after_change(&a, c, page("hazards").unwrap(), &trail).key, "emergency_advice");
    });
}

#[test]
fn the_ombudsman_route_can_end_without_sending() {
    let mut a = fixtures::ombudsman();
    ombudsman::TELL.set(&mut a, YesNo::No);
    assert_eq!(*walk(&a).last().unwrap(), "omb_summary");
    let summary = with_ctx(|c| receipt::ombudsman_summary(&a, c, &words()));
    assert!(summary.contains("Why you are still unhappy\nThey never answered."), "{summary}");
    assert!(summary.contains("Landlord: Example Homes"), "{summary}");
}

#[test]
fn another_task_keeps_who_you_are_and_forgets_the_task() {
    let mut a = fixtures::complaint();
    about::TENANCY.set(&mut a, "T-123");
    adjust::WANT.set(&mut a, YesNo::Yes);
    adjust::NEEDS.set(&mut a, &[adjust::Need::LargePrint]);
    let next = with_ctx(|c| flow::for_another_task(&a, c));
    assert_eq!(about::NAME.get(&next), "Sam Resident");
    assert_eq!(about::TENANCY.get(&next), "T-123");
    assert!(next.carried);
    assert_eq!(adjust::WANT.get(&next), Some(YesNo::Yes), "support needs sent before answer the question");
    assert_eq!(start::TASK.get(&next), None);
    assert!(problem::WHAT.get(&next).is_empty() && start::HAZARDS.get(&next).is_empty());
    // The new task starts with danger, and who you are is not asked again.
    let mut req = next.clone();
    req.set("hazards", Value::Many(vec![NO_HAZARD]));
    start::TASK.set(&mut req, Task::Request);
    request::WHAT.set(&mut req, "The bathroom extractor fan is broken.");
    request::WHERE.set(&mut req, "Bathroom");
    request::URGENCY.set(&mut req, Urgency::Urgent);
    rep::WANT.set(&mut req, YesNo::No);
    let route = walk(&req);
    assert!(!route.contains(&"name"), "about you asked again: {route:?}");
    assert_eq!(route.last(), Some(&"check"));
}

#[test]
fn drafts_restore_only_declared_answers_and_name_what_they_drop() {
    let a = fixtures::representative();
    let (back, dropped) = restore(&to_json(&a));
    assert_eq!(back, a);
    assert!(dropped.is_empty());
    // A draft from the first version: the same keys, some values no longer offered.
    let old = serde_json::json!({
        "hazards": ["none"], "task": "representative", "rep_relationship": "advocate", "rep_consent": "signed_form",
        "adj_needs": ["large_print", "writing_not_phone"], "name": "Sam", "started": {"day": "1", "month": "2", "year": "2026"},
        "want_rep": "", "nickname": "Sammy"
    });
    let (back, mut dropped) = restore(&old);
    dropped.sort();
    assert_eq!(dropped, vec!["adj_needs", "nickname", "rep_consent", "rep_relationship"]);
    assert_eq!(rep::ROLE.get(&back), None, "an unknown value is never mapped to a default");
    assert_eq!(adjust::NEEDS.get(&back), vec![adjust::Need::LargePrint]);
    assert_eq!(about::NAME.get(&back), "Sam");
    assert_eq!(start::TASK.get(&back), Some(Task::Representative));
    assert!(back.get("want_rep").is_none(), "an empty answer is simply unanswered");
    // Never a panic, whatever is stored.
    for junk in [serde_json::json!(null), serde_json::json!([1, 2]), serde_json::json!({"task": 5, "started": "yesterday"})] {
        let _ = restore(&junk);
    }
}

mod change;
mod lateness;
mod property;
mod regressions;
mod wanted;
mod words;

#[test]
fn check_your_answers_keeps_numbers_and_addresses_left_to_right_in_urdu() {
    let mut a = fixtures::complaint();
    about::PHONE.set(&mut a, "07700 900 982");
    about::TENANCY.set(&mut a, "T 123 45");
    let urdu = crate::domain::text::Words::new(crate::domain::text::shipped::get("ur"));
    let lines: Vec<String> = with_ctx(|c| summary::rows(&a, c, &urdu)).into_iter().flat_map(|r| r.lines).collect();
    for typed in ["07700 900 982", "T 123 45", "EX1 1AA", "sam@example.com"] {
        let isolated = format!("\u{2066}{typed}\u{2069}");
        assert!(lines.iter().any(|l| l.contains(&isolated)), "{typed} not isolated in {lines:?}");
    }
    // Free text stays as typed; the page gives each line its own direction.
    assert!(lines.iter().any(|l| l.contains("Sam Resident") && !l.contains('\u{2066}')), "{lines:?}");
    // The saved copy is the same text.
    assert!(with_ctx(|c| summary::plain(&a, c, &urdu)).contains("\u{2066}07700 900 982\u{2069}"));
    // English has no marks to add.
    let english = with_ctx(|c| summary::plain(&a, c, &words()));
    assert!(english.contains("07700 900 982") && !english.contains('\u{2066}'), "{english}");
}

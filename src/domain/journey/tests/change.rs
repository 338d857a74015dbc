//! "Change" links and "Do something else": whatever page a change leads
//! to, an answer a page accepted is never refused at Send.

use super::super::decl::Page;
use super::super::model::{Answers, Value, YesNo};
use super::super::start::{Task, NO_HAZARD};
use super::super::*;
use super::{fixtures, walk, with_ctx, AT, ID};
use crate::domain::case::{ContactMethod, Urgency};
use crate::domain::examples::words;

/// The pages of `keys`, as the UI's trail holds them.
fn trail(keys: &[&str]) -> Vec<&'static Page> {
    keys.iter().filter_map(|k| page(k)).collect()
}

/// Where Continue goes after a Change link on `key`, with the trail of
/// the pages the resident was shown.
fn after_change(a: &Answers, key: &str, seen: &[&'static str]) -> &'static str {
    with_ctx(|c| next_after_change(a, c, page(key).unwrap(), &trail(seen)).key)
}

/// Continues from `key` after a Change link until "Check your answers",
/// the way the UI does (each page Continue leaves joins the trail),
/// returning the pages shown on the way.
fn continue_to_check(a: &Answers, key: &str, seen: &[&'static str]) -> Vec<&'static str> {
    let mut seen = seen.to_vec();
    let mut p = page(key).unwrap();
    let mut shown = Vec::new();
    while p.key != CHECK.key {
        assert!(with_ctx(|c| p.passes(a, c)), "{} should pass", p.key);
        seen.push(p.key);
        p = with_ctx(|c| next_after_change(a, c, p, &trail(&seen)));
        assert!(shown.len() < 40, "loops: {shown:?}");
        shown.push(p.key);
    }
    shown
}

/// A complaint sent with phone and email, contact by email; then "Do
/// something else" and a service request walked to "Check your answers".
fn request_after_complaint() -> Answers {
    let mut a = fixtures::complaint();
    about::PHONE.set(&mut a, "07700 900 982");
    let mut b = with_ctx(|c| flow::for_another_task(&a, c));
    b.set("hazards", Value::Many(vec![NO_HAZARD]));
    start::TASK.set(&mut b, Task::Request);
    request::WHAT.set(&mut b, "The kitchen tap leaks.");
    request::WHERE.set(&mut b, "Kitchen");
    request::URGENCY.set(&mut b, Urgency::Routine);
    rep::WANT.set(&mut b, YesNo::No);
    adjust::WANT.set(&mut b, YesNo::No);
    b
}

#[test]
fn a_change_to_contact_details_known_from_before_rechecks_the_way_to_contact() {
    let mut a = request_after_complaint();
    let seen = walk(&a);
    assert!(!seen.contains(&"contact"), "about you is not asked again: {seen:?}");
    // Change "Contact details": the email cleared, the phone kept.
    about::EMAIL.set(&mut a, "");
    assert!(with_ctx(|c| page("contact").unwrap().passes(&a, c)));
    assert_eq!(after_change(&a, "contact", &seen), "contact_method", "the way chosen needs the email cleared");
    assert_eq!(with_ctx(|c| first_unfinished(&a, c)).key, "contact_method");
    // Once the way to contact passes, back to "Check your answers", and Send takes it.
    about::METHOD.set(&mut a, ContactMethod::Phone);
    assert_eq!(after_change(&a, "contact_method", &seen), "check");
    assert!(with_ctx(|c| to_submission(&a, ID, AT, "en-GB", c, &words())).is_ok());
}

#[test]
fn a_change_that_opens_pages_never_shown_shows_them_before_check() {
    // want_adjustments changed from "no" to "yes", Large print ticked: the
    // optional disability page was never shown, so it is shown now.
    let mut a = fixtures::complaint();
    let mut seen = walk(&a);
    adjust::WANT.set(&mut a, YesNo::Yes);
    assert_eq!(after_change(&a, "want_adjustments", &seen), "adj_needs");
    seen.push("want_adjustments");
    adjust::NEEDS.set(&mut a, &[adjust::Need::LargePrint]);
    assert_eq!(continue_to_check(&a, "adj_needs", &seen), ["adj_disability", "check"]);
    // The task changed to stage 2: its three questions, all optional, are asked.
    let mut a = fixtures::complaint();
    let seen = walk(&a);
    start::TASK.set(&mut a, Task::Escalate);
    assert_eq!(continue_to_check(&a, "task", &seen), ["s2_reference", "s2_response", "s2_reasons", "check"]);
}

#[test]
fn a_change_passes_over_pages_already_shown_or_known_from_before() {
    // Optional pages left blank on the way to Check are not shown again.
    let mut a = fixtures::complaint();
    let seen = walk(&a);
    assert!(seen.contains(&"aware") && seen.contains(&"tried"));
    problem::WHAT.set(&mut a, "The boiler repair was booked four times.");
    assert_eq!(after_change(&a, "what_went_wrong", &seen), "check");
    // Not on the trail (Back was pressed past it), an optional page
    // answered counts as shown; one left blank is shown.
    let lost: Vec<&str> = seen.iter().copied().filter(|k| *k != "tried").collect();
    assert_eq!(after_change(&a, "court", &lost), "tried");
    problem::TRIED.set(&mut a, "I phoned twice.");
    assert_eq!(after_change(&a, "court", &lost), "check");
    // About you, known from a task sent before, is not shown again.
    let a = request_after_complaint();
    let seen = walk(&a);
    assert_eq!(after_change(&a, "request_where", &seen), "check");
}

//! "Change" links and "Do something else": whatever page a change leads
//! to, an answer a page accepted is never refused at Send.

use super::super::model::{Answers, Value, YesNo};
use super::super::start::{Task, NO_HAZARD};
use super::super::*;
use super::{fixtures, walk, with_ctx, AT, ID};
use crate::domain::case::{ContactMethod, Urgency};
use crate::domain::examples::words;

/// Where Continue goes after a Change link on `key`, with the trail of
/// the walk that reached "Check your answers".
fn after_change(a: &Answers, key: &str, _seen: &[&'static str]) -> &'static str {
    with_ctx(|c| next_after_change(a, c, page(key).unwrap()).key)
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

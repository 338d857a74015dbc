//! What is asked is what is sent: a representative or support needs are
//! on the route, on "Check your answers" and in the payload together, or
//! in none of them.

use super::super::model::{Answers, YesNo};
use super::super::start::Task;
use super::super::*;
use super::{fixtures, walk, with_ctx, AT, ID};
use crate::domain::case::{ConsentEvidence, RepresentativeRole, RepresentativeScope};
use crate::domain::examples::words;
use crate::domain::payload::Submission;

fn submit(a: &Answers) -> Submission {
    with_ctx(|c| to_submission(a, ID, AT, "en-GB", c, &words())).unwrap_or_else(|e| panic!("{e:?}"))
}

fn rows(a: &Answers) -> Vec<&'static str> {
    with_ctx(|c| summary::rows(a, c, &words())).into_iter().map(|r| r.page).collect()
}

#[test]
fn support_needs_are_not_asked_for_a_representative_whose_request_does_not_carry_them() {
    // Adjustments are about how the landlord deals with the resident: their
    // own request (or part of a complaint, service request or stage 2), not
    // part of appointing a representative, whose payload has none.
    // Support needs given on a complaint, before the task was changed.
    let mut a = fixtures::representative();
    adjust::WANT.set(&mut a, YesNo::Yes);
    adjust::NEEDS.set(&mut a, &[adjust::Need::LargePrint]);
    let route = walk(&a);
    assert!(!route.iter().any(|p| p.starts_with("adj_") || *p == "want_adjustments"), "{route:?}");
    assert!(!rows(&a).iter().any(|p| p.starts_with("adj_")), "{:?}", rows(&a));
    assert_eq!(submit(&a).adjustments, None);
}

#[test]
fn support_needs_are_asked_on_check_and_sent_together_on_every_task() {
    for (kind, mut a) in fixtures::all() {
        if start::TASK.get(&a) != Some(Task::Adjustments) {
            adjust::WANT.set(&mut a, YesNo::Yes);
        }
        adjust::NEEDS.set(&mut a, &[adjust::Need::LargePrint]);
        let asked = walk(&a).contains(&"adj_needs");
        assert_eq!(rows(&a).contains(&"adj_needs"), asked, "{kind}: on Check but not asked, or the reverse");
        assert_eq!(submit(&a).adjustments.is_some(), asked, "{kind}: asked but not sent, or the reverse");
    }
}

/// A representative given in full on `a`.
fn with_rep(a: &mut Answers) {
    rep::NAME.set(a, "Alex Helper");
    rep::ROLE.set(a, RepresentativeRole::FamilyOrFriend);
    rep::PHONE.set(a, "07700 900 982");
    rep::SCOPE.set(a, RepresentativeScope::ActForResident);
    rep::CONSENT.set(a, ConsentEvidence::SignedFormToFollow);
}

/// "Do something else" after sending `a`, then an Ombudsman referral.
fn ombudsman_after(a: &Answers) -> Answers {
    let mut b = with_ctx(|c| flow::for_another_task(a, c));
    for (k, v) in fixtures::ombudsman().iter() {
        if b.get(k).is_none() {
            b.set(k, v.clone());
        }
    }
    b
}

#[test]
fn a_representative_the_resident_said_no_to_is_not_carried_to_another_task() {
    // want_rep "yes", a name typed, Back, want_rep changed to "no", sent.
    let mut a = fixtures::complaint();
    with_rep(&mut a);
    assert_eq!(rep::WANT.get(&a), Some(YesNo::No));
    assert_eq!(submit(&a).representative, None);
    let next = with_ctx(|c| flow::for_another_task(&a, c));
    assert_eq!(rep::WANT.get(&next), Some(YesNo::No), "the resident's own answer stands");
    assert!(rep::NAME.get(&next).is_empty(), "a representative not sent is not kept");
    let b = ombudsman_after(&a);
    assert!(!walk(&b).contains(&"rep_name"));
    assert_eq!(submit(&b).representative, None);
    // The same for support needs ticked, then "no".
    let mut a = fixtures::complaint();
    adjust::NEEDS.set(&mut a, &[adjust::Need::LargePrint]);
    let next = with_ctx(|c| flow::for_another_task(&a, c));
    assert_eq!(adjust::WANT.get(&next), Some(YesNo::No));
    assert!(adjust::NEEDS.get(&next).is_empty());
}

#[test]
fn a_representative_sent_is_carried_to_another_task_and_not_asked_again() {
    let mut a = fixtures::complaint();
    rep::WANT.set(&mut a, YesNo::Yes);
    with_rep(&mut a);
    assert!(submit(&a).representative.is_some());
    let mut next = with_ctx(|c| flow::for_another_task(&a, c));
    assert_eq!(rep::WANT.get(&next), Some(YesNo::Yes));
    assert_eq!(rep::NAME.get(&next), "Alex Helper");
    // A second complaint sends them again, every page already answered.
    for (k, v) in fixtures::complaint().iter() {
        if next.get(k).is_none() {
            next.set(k, v.clone());
        }
    }
    assert_eq!(submit(&next).representative.map(|r| r.name), Some("Alex Helper".to_owned()));
    // Through an Ombudsman referral, which does not ask, to a third task.
    let third = with_ctx(|c| flow::for_another_task(&ombudsman_after(&next), c));
    assert_eq!((rep::WANT.get(&third), rep::NAME.get(&third)), (Some(YesNo::Yes), "Alex Helper"));
    // Appointed as their own task: "do you want one?" is answered for the next.
    let next = with_ctx(|c| flow::for_another_task(&fixtures::representative(), c));
    assert_eq!(rep::WANT.get(&next), Some(YesNo::Yes));
}

#[test]
fn a_yes_left_from_a_changed_task_does_not_count_where_its_question_is_not_asked() {
    // "Yes" and a representative given on a complaint, then the task changed.
    for task in [Task::Adjustments, Task::Ombudsman] {
        let mut a = if task == Task::Adjustments { fixtures::adjustments() } else { fixtures::ombudsman() };
        rep::WANT.set(&mut a, YesNo::Yes);
        with_rep(&mut a);
        let route = walk(&a);
        assert!(!route.contains(&"rep_name"), "{task:?}: {route:?}");
        assert!(!rows(&a).contains(&"rep_name"), "{task:?}");
        assert_eq!(submit(&a).representative, None, "{task:?}");
    }
}

#[test]
fn who_fills_in_the_form_counts_only_on_the_representative_route() {
    // "I am filling this in for the resident", then the task changed to a complaint.
    let mut a = fixtures::complaint();
    rep::FILLER.set(&mut a, rep::Filler::Representative);
    rep::WANT.set(&mut a, YesNo::Yes);
    with_rep(&mut a);
    assert!(!walk(&a).contains(&"filler"));
    assert!(!rep::by_rep(&a), "no row to change it, so not the representative's wording");
    let s = submit(&a);
    assert!(!s.representative.unwrap().submitted_by_representative);
    let w = words();
    let name = with_ctx(|c| summary::rows(&a, c, &w)).into_iter().find(|r| r.page == "name").unwrap();
    assert_eq!(name.label, "Name");
    // On its own route it does count.
    assert!(rep::by_rep(&fixtures::representative()));
}

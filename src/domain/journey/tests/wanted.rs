//! What is asked is what is sent: a representative or support needs are
//! on the route, on "Check your answers" and in the payload together, or
//! in none of them.

use super::super::model::{Answers, YesNo};
use super::super::start::Task;
use super::super::*;
use super::{fixtures, walk, with_ctx, AT, ID};
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

//! Soak test: many submissions through the real outbox (local storage,
//! gloo-net, backoff, Idempotency-Key) in headless Chromium, against the
//! reference receiver injecting random faults (`--fault-rate`).
//!
//! Run by `scripts/soak` (and by scripts/test), which starts the receiver
//! and passes its address at compile time:
//! `PUTRIGHT_SOAK_URL=http://127.0.0.1:PORT cargo test --target wasm32-unknown-unknown --test soak`,
//! then compares what the widget heard (printed here) with what the receiver
//! stored (`tests/soak_check.mjs`).
#![cfg(target_arch = "wasm32")]

use std::cell::RefCell;
use std::collections::{HashMap, HashSet};
use std::rc::Rc;

use chrono::NaiveDate;
use put_right::domain::config::LandlordConfig;
use put_right::domain::journey::{about, adjust, start, Answers, Ctx, Value};
use put_right::domain::text::{Catalogue, Words};
use put_right::edge::outbox::{self, Entry, Update};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

/// How many submissions to send (at least 500, as the delivery issue asks).
const COUNT: usize = 500;
const PREFIX: &str = "putright:soak:outbox:";

fn receiver_url() -> &'static str {
    option_env!("PUTRIGHT_SOAK_URL").expect("PUTRIGHT_SOAK_URL must name the receiver: run scripts/soak")
}

/// A real, schema-valid adjustments request for resident number `n`.
fn entry(n: usize, config: &LandlordConfig) -> Entry {
    let today = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
    let mut a = Answers::default();
    a.set("hazards", Value::Many(vec![start::NO_HAZARD]));
    start::TASK.set(&mut a, start::Task::Adjustments);
    adjust::NEEDS.set(&mut a, &[adjust::Need::LargePrint]);
    about::NAME.set(&mut a, &format!("Soak Resident {n}"));
    about::ADDRESS.set(&mut a, &format!("{n} Test Street"));
    about::POSTCODE.set(&mut a, "EX1 1AA");
    about::EMAIL.set(&mut a, &format!("soak{n}@example.com"));
    about::METHOD.set(&mut a, put_right::domain::ContactMethod::Email);
    let id = uuid::Uuid::new_v4().to_string();
    let words = Words::new(Catalogue::from_json(include_str!("../public/i18n/en-GB.json")).expect("the English catalogue"));
    let ctx = Ctx { today, config };
    let s = put_right::domain::journey::to_submission(&a, &id, "2026-11-23T10:15:00+00:00", "en-GB", &ctx, &words)
        .expect("a valid submission");
    Entry {
        id,
        url: format!("{}/submissions", receiver_url()),
        content_type: "application/json".into(),
        body: s.to_json(),
        headers: Vec::new(),
        timeout_ms: 3000,
        reference_field: "reference".into(),
        attempts: 0,
        receipt_title: String::new(),
        receipt_lines: Vec::new(),
        told: String::new(),
        json: None,
        form: None,
        created_ms: 0.0,
        give_up_ms: None,
        given_up: false,
        files: Vec::new(),
    }
}

#[derive(Default)]
struct Tally {
    delivered: HashMap<String, String>,
    refused: Vec<String>,
    attempts: u32,
}

#[wasm_bindgen_test]
async fn five_hundred_submissions_through_random_faults_arrive_exactly_once() {
    let config = LandlordConfig::example();
    let tally = Rc::new(RefCell::new(Tally::default()));
    let mut sent = HashSet::new();
    for n in 0..COUNT {
        let e = entry(n, &config);
        sent.insert(e.id.clone());
        let (t, id) = (tally.clone(), e.id.clone());
        wasm_bindgen_futures::spawn_local(outbox::deliver(PREFIX.to_owned(), e, move |u| match u {
            Update::Sending => t.borrow_mut().attempts += 1,
            Update::Delivered { reference } => {
                t.borrow_mut().delivered.insert(id.clone(), reference.unwrap_or_default());
            }
            Update::Refused { message } => t.borrow_mut().refused.push(format!("{id}: {message:?}")),
            Update::GaveUp => t.borrow_mut().refused.push(format!("{id}: gave up")),
            Update::Waiting { .. } | Update::Files { .. } => {}
        }));
    }
    // Wait until every send has finished one way or the other (the runner's
    // own timeout, WASM_BINDGEN_TEST_TIMEOUT, bounds this).
    loop {
        let done = { let t = tally.borrow(); t.delivered.len() + t.refused.len() };
        if done == COUNT {
            break;
        }
        gloo_timers::future::TimeoutFuture::new(250).await;
    }
    let t = tally.borrow();
    assert!(t.refused.is_empty(), "refused: {:?}", t.refused);

    // What the receiver stored is checked by scripts/soak (tests/soak_check.mjs)
    // once this test has passed: the receiver's listing is for staff on its own
    // machine and has no CORS, so this page cannot read it. Hand over what the
    // widget heard, one line per submission.
    for (id, reference) in &t.delivered {
        console_log!("soak-delivered {id} {reference}");
    }
    let left_in_outbox = put_right::edge::storage::keys_with_prefix(PREFIX).len();
    console_log!(
        "soak-sent {} ({} delivered, {} attempts, {} left in the outbox)",
        sent.len(),
        t.delivered.len(),
        t.attempts,
        left_in_outbox
    );
    assert!(t.delivered.keys().all(|id| sent.contains(id)));
    assert_eq!(t.delivered.len(), COUNT);
    assert_eq!(left_in_outbox, 0, "delivered entries leave the outbox");
    assert!(t.attempts as usize > COUNT, "the receiver injected no faults: is --fault-rate set?");
}

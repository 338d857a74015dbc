//! Component tests in headless Chromium (wasm-bindgen-test + chromedriver).
//! Run by scripts/test: `cargo test --target wasm32-unknown-unknown --test browser`.
#![cfg(target_arch = "wasm32")]

use put_right::domain::config::LandlordConfig;
use put_right::edge::{page, storage};
use put_right::domain::text::{Catalogue, Words};
use put_right::ui::{self, wizard::Setup};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{HtmlElement, HtmlInputElement};

wasm_bindgen_test_configure!(run_in_browser);

fn document() -> web_sys::Document {
    web_sys::window().unwrap().document().unwrap()
}

/// Waits until `ready` holds (polling once per task turn), or fails after
/// a generous bound: a test waits for the state it needs, not for a time.
async fn until(what: &str, ready: impl Fn() -> bool) {
    for _ in 0..2000 {
        if ready() {
            return;
        }
        gloo_timers::future::TimeoutFuture::new(5).await;
    }
    panic!("timed out waiting for {what}");
}

fn focused_tag() -> String {
    document().active_element().map(|e| e.tag_name()).unwrap_or_default()
}

fn words() -> Words {
    Words::new(Catalogue::from_json(include_str!("../public/i18n/en-GB.json")).expect("the English catalogue"))
}

/// Mounts a fresh widget with the demo config into a new host element.
fn mount(instance: &str) -> HtmlElement {
    mount_taking_over(instance, None)
}

/// The same, taking over what the loader's plain first question held.
fn mount_taking_over(instance: &str, plain: Option<put_right::edge::embed::Plain>) -> HtmlElement {
    // An earlier test's widget may still have its draft waiting to be written.
    page::run_waiting();
    storage::remove("putright:example-homes:draft");
    let host: HtmlElement = document().create_element("div").unwrap().unchecked_into();
    host.set_id(&format!("host-{instance}"));
    document().body().unwrap().append_child(&host).unwrap();
    ui::mount(host.clone(), Setup { instance: instance.to_owned(), draft_key: "putright:example-homes:draft".into(), config: LandlordConfig::example(), manage_title: false, assets: None, plain }, words());
    host
}

fn query(root: &HtmlElement, selector: &str) -> Option<HtmlElement> {
    root.query_selector(selector).unwrap().map(|e| e.unchecked_into())
}

fn text(root: &HtmlElement, selector: &str) -> String {
    query(root, selector).and_then(|e| e.text_content()).unwrap_or_default().split_whitespace().collect::<Vec<_>>().join(" ")
}

fn click_button(root: &HtmlElement, label: &str) {
    let buttons = root.query_selector_all("button").unwrap();
    for i in 0..buttons.length() {
        let b: HtmlElement = buttons.item(i).unwrap().unchecked_into();
        if b.text_content().unwrap_or_default().trim() == label {
            b.click();
            return;
        }
    }
    panic!("no button labelled {label:?}");
}

#[wasm_bindgen_test]
async fn mounts_into_the_host_element_with_the_emergency_question_first() {
    let host = mount("t-mount");
    until("the first question", || query(&host, "legend h1").is_some()).await;
    assert!(query(&host, ".putright").is_some(), "widget root is inside the host element");
    assert_eq!(text(&host, "legend h1"), "Is any of these happening in your home now?");
    assert_eq!(host.query_selector_all("h1").unwrap().length(), 1, "exactly one h1");
}

#[wasm_bindgen_test]
async fn taking_over_the_plain_first_question_keeps_the_ticks_and_the_focus() {
    use put_right::edge::embed::Plain;
    let plain = Plain { checked: vec!["no_water".into(), "bogus".into()], submitted: false, focus: Some("t-plain-hazards-3".into()) };
    let host = mount_taking_over("t-plain", Some(plain));
    until("the ticked box focused", || document().active_element().is_some_and(|e| e.id() == "t-plain-hazards-3")).await;
    let ticked: Vec<String> = (0..10)
        .filter_map(|i| query(&host, &format!("input[value='{}']", ["gas_smell", "electrical_danger", "no_heating", "no_water", "flooding_or_major_leak", "structural_danger", "fire_safety", "serious_damp_and_mould", "damp_and_mould", "none"][i])))
        .filter(|e| e.unchecked_ref::<HtmlInputElement>().checked())
        .map(|e| e.get_attribute("value").unwrap())
        .collect();
    assert_eq!(ticked, vec!["no_water"]);
    assert_eq!(text(&host, "legend h1"), "Is any of these happening in your home now?", "still the first question");
}

#[wasm_bindgen_test]
async fn a_continue_pressed_on_the_plain_first_question_goes_on_in_the_widget() {
    use put_right::edge::embed::Plain;
    let host = mount_taking_over("t-plain-go", Some(Plain { checked: vec!["gas_smell".into()], submitted: true, focus: None }));
    until("the emergency advice focused", || focused_tag() == "H1" && text(&host, "h1") == "Call us now").await;
    let host = mount_taking_over("t-plain-err", Some(Plain { checked: vec![], submitted: true, focus: Some("t-plain-err-error-summary".into()) }));
    until("the error summary focused", || document().active_element().is_some_and(|e| e.id() == "t-plain-err-error-summary")).await;
    assert!(text(&host, ".pr-error-summary").contains("There is a problem"));
}

#[wasm_bindgen_test]
async fn continue_without_an_answer_shows_a_focused_error_summary_and_a_field_error() {
    let host = mount("t-error");
    until("the first question", || query(&host, "legend h1").is_some()).await;
    click_button(&host, "Continue");
    until("the summary to take focus", || document().active_element().is_some_and(|e| e.id() == "t-error-error-summary")).await;
    let summary = query(&host, ".pr-error-summary").expect("error summary shown");
    assert!(summary.text_content().unwrap().contains("There is a problem"));
    assert!(summary.text_content().unwrap().contains("Select what is happening, or select \u{201c}None of these\u{201d}"));
    let active = document().active_element().expect("something has focus");
    assert_eq!(active.id(), "t-error-error-summary", "the summary takes focus");
    // The field's own message sits beside it and is tied to the group.
    assert_eq!(
        text(&host, "#t-error-hazards-error"),
        "Error: Select what is happening, or select \u{201c}None of these\u{201d}"
    );
    let described = query(&host, "fieldset").unwrap().get_attribute("aria-describedby").unwrap();
    assert!(described.contains("t-error-hazards-error"), "{described}");
}

#[wasm_bindgen_test]
async fn answering_moves_to_the_next_step_and_focuses_its_heading() {
    let host = mount("t-next");
    until("the first question", || query(&host, "legend h1").is_some()).await;
    let none: HtmlInputElement = query(&host, "input[value=none]").unwrap().unchecked_into();
    none.click();
    click_button(&host, "Continue");
    until("the next heading to take focus", || focused_tag() == "H1" && text(&host, "legend h1") == "What do you want to do?").await;
    let active = document().active_element().unwrap();
    assert_eq!(active.tag_name(), "H1", "focus moves to the new heading");
    assert!(query(&host, ".pr-back").is_some(), "a back link is shown");
    click_button(&host, "Back");
    until("the first question again", || text(&host, "legend h1") == "Is any of these happening in your home now?").await;
    let none: HtmlInputElement = query(&host, "input[value=none]").unwrap().unchecked_into();
    assert!(none.checked(), "the earlier answer is kept after going back");
}

#[wasm_bindgen_test]
async fn answers_are_kept_in_the_draft_and_cleared_on_request() {
    let host = mount("t-draft");
    until("the first question", || query(&host, "input[value=gas_smell]").is_some()).await;
    let gas: HtmlInputElement = query(&host, "input[value=gas_smell]").unwrap().unchecked_into();
    gas.click();
    let stored = || web_sys::window().unwrap().local_storage().unwrap().unwrap().get_item("putright:example-homes:draft").unwrap().unwrap_or_default();
    until("the draft to be saved", || stored().contains("gas_smell")).await;
    click_button(&host, "Clear my answers");
    let gas_on = || query(&host, "input[value=gas_smell]").map(|e| e.unchecked_into::<HtmlInputElement>().checked());
    until("the answers to be cleared", || !stored().contains("gas_smell") && gas_on() == Some(false)).await;
    let gas: HtmlInputElement = query(&host, "input[value=gas_smell]").unwrap().unchecked_into();
    assert!(!gas.checked(), "answers cleared from the page");
    let raw = web_sys::window().unwrap().local_storage().unwrap().unwrap().get_item("putright:example-homes:draft").unwrap();
    assert!(!raw.as_deref().unwrap_or("").contains("gas_smell"), "answers cleared from storage: {raw:?}");
}

#[wasm_bindgen_test]
fn storage_round_trips_and_lists_keys_by_prefix() {
    assert!(storage::save("putright:test:outbox:a", &vec![1, 2, 3]));
    assert!(storage::save("putright:test:outbox:b", &"x"));
    assert_eq!(storage::load::<Vec<i32>>("putright:test:outbox:a"), Some(vec![1, 2, 3]));
    let mut keys = storage::keys_with_prefix("putright:test:outbox:");
    keys.sort();
    assert_eq!(keys, vec!["putright:test:outbox:a", "putright:test:outbox:b"]);
    storage::remove("putright:test:outbox:a");
    storage::remove("putright:test:outbox:b");
    assert_eq!(storage::load::<Vec<i32>>("putright:test:outbox:a"), None);
    // Unreadable data is treated as missing, never a panic.
    web_sys::window().unwrap().local_storage().unwrap().unwrap().set_item("putright:test:bad", "{not json").unwrap();
    assert_eq!(storage::load::<Vec<i32>>("putright:test:bad"), None);
}

#[wasm_bindgen_test]
async fn a_kept_note_comes_before_the_task_expired_ones_are_deleted_and_a_note_can_be_forgotten() {
    use put_right::domain::case::CaseKind;
    use put_right::domain::scheme::Scheme;
    use put_right::domain::tracker::Note;
    use put_right::edge::{notes, page};
    // Its own landlord, so no other test meets these notes.
    let config = LandlordConfig { landlord_id: "tracker-test".into(), ..LandlordConfig::example() };
    let today = page::today();
    let note = Note { what: "The leak in the kitchen ceiling".into(), ..Note::new("C-2001", CaseKind::Complaint, today - chrono::Duration::days(40), Scheme::England) };
    let old = Note::new("C-0001", CaseKind::Complaint, today - chrono::Duration::days(3 * 365), Scheme::England);
    assert!(notes::save("tracker-test", &[old, note.clone()]));
    assert_eq!(notes::load("tracker-test", today, 12), vec![note.clone()], "a note kept past its time is deleted");
    assert!(storage::load::<serde_json::Value>(&notes::key("tracker-test")).unwrap().to_string().contains("C-2001"));

    let host: HtmlElement = document().create_element("div").unwrap().unchecked_into();
    document().body().unwrap().append_child(&host).unwrap();
    ui::mount(host.clone(), Setup { instance: "t-tracker".into(), draft_key: "putright:tracker-test:draft".into(), config, manage_title: false, assets: None, plain: None }, words());
    until("the first question", || query(&host, "input[value=none]").is_some()).await;
    query(&host, "input[value=none]").unwrap().click();
    click_button(&host, "Continue");
    until("the notes to take focus", || focused_tag() == "H1" && text(&host, "h1") == "My complaints on this device").await;
    assert_eq!(text(&host, ".pr-card h2"), "Your complaint C-2001");
    assert!(text(&host, ".pr-card").contains("we are"), "late, in words: {}", text(&host, ".pr-card"));
    assert!(query(&host, ".pr-back").is_some(), "a back link is shown");
    assert!(query(&host, "a.pr-calendar").unwrap().get_attribute("href").unwrap().starts_with("data:text/calendar"));
    click_button(&host, "Delete this note");
    until("the note to be deleted", || text(&host, ".putright").contains("There are no notes on this device.")).await;
    assert_eq!(storage::load::<serde_json::Value>(&notes::key("tracker-test")), None, "gone from the device");
    click_button(&host, "Continue");
    until("the task", || text(&host, "legend h1") == "What do you want to do?").await;
    storage::remove("putright:tracker-test:draft");
}

#[wasm_bindgen_test]
async fn put_off_work_runs_once_drawn_the_latest_per_slot_and_at_once_when_the_page_is_left() {
    use std::cell::RefCell;
    use std::rc::Rc;
    let runs = Rc::new(RefCell::new(Vec::<&str>::new()));
    let log = |name: &'static str| {
        let runs = runs.clone();
        move || runs.borrow_mut().push(name)
    };
    page::run_waiting();
    page::after_paint("t-slot", log("first"));
    page::after_paint("t-slot", log("second"));
    page::after_paint("t-other", log("other"));
    assert!(runs.borrow().is_empty(), "nothing runs in the same turn");
    until("the put-off work to run", || runs.borrow().len() == 2).await;
    assert_eq!(*runs.borrow(), vec!["second", "other"], "the latest for each slot, once");
    // Leaving the page (a reload, a closed tab) runs what is waiting there and then.
    page::after_paint("t-slot", log("left"));
    page::after_paint("t-gone", log("dropped"));
    page::drop_waiting("t-gone");
    web_sys::window().unwrap().dispatch_event(&web_sys::Event::new("pagehide").unwrap()).unwrap();
    assert_eq!(*runs.borrow(), vec!["second", "other", "left"]);
    page::after_paint("t-end", log("end"));
    until("the next put-off work", || runs.borrow().contains(&"end")).await;
    assert_eq!(*runs.borrow(), vec!["second", "other", "left", "end"], "nothing ran twice; dropped work never ran");
}

#[wasm_bindgen_test]
fn retry_after_is_read_as_seconds_or_as_an_http_date() {
    use put_right::edge::http::retry_after_secs;
    // Wed, 21 Oct 2026 07:28:00 GMT, and 90 seconds before it.
    let at = 1_792_567_680_000.0;
    assert_eq!(retry_after_secs("120", at), Some(120));
    assert_eq!(retry_after_secs(" Wed, 21 Oct 2026 07:28:00 GMT ", at - 90_000.0), Some(90));
    assert_eq!(retry_after_secs("Wed, 21 Oct 2026 07:28:00 GMT", at + 5_000.0), Some(0), "a date already past");
    // The two obsolete forms a recipient must still read (RFC 9110 5.6.7).
    assert_eq!(retry_after_secs("Wednesday, 21-Oct-26 07:28:00 GMT", at - 90_000.0), Some(90));
    assert_eq!(retry_after_secs("Wed Oct 21 07:28:00 2026", at - 90_000.0), Some(90));
    assert_eq!(retry_after_secs("soon", at), None);
    assert_eq!(retry_after_secs("Wed, 32 Oct 2026 07:28:00 GMT", at), None, "no such day");
}

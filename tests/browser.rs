//! Component tests in headless Chromium (wasm-bindgen-test + chromedriver).
//! Run by scripts/test: `cargo test --target wasm32-unknown-unknown --test browser`.
#![cfg(target_arch = "wasm32")]

use put_right::domain::config::LandlordConfig;
use put_right::edge::storage;
use put_right::ui::{self, wizard::Setup};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{HtmlElement, HtmlInputElement};

wasm_bindgen_test_configure!(run_in_browser);

fn document() -> web_sys::Document {
    web_sys::window().unwrap().document().unwrap()
}

/// Waits for the reactive system and one animation frame to settle.
async fn settle() {
    gloo_timers::future::TimeoutFuture::new(50).await;
}

/// Mounts a fresh widget with the demo config into a new host element.
fn mount(instance: &str) -> HtmlElement {
    storage::remove("putright:example-homes:draft");
    let host: HtmlElement = document().create_element("div").unwrap().unchecked_into();
    host.set_id(&format!("host-{instance}"));
    document().body().unwrap().append_child(&host).unwrap();
    ui::mount(
        host.clone(),
        Setup { instance: instance.to_owned(), config: LandlordConfig::example(), manage_title: false },
    );
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
    settle().await;
    assert!(query(&host, ".putright").is_some(), "widget root is inside the host element");
    assert_eq!(text(&host, "legend h1"), "Is any of these happening in your home now?");
    assert_eq!(host.query_selector_all("h1").unwrap().length(), 1, "exactly one h1");
}

#[wasm_bindgen_test]
async fn continue_without_an_answer_shows_a_focused_error_summary_and_a_field_error() {
    let host = mount("t-error");
    settle().await;
    click_button(&host, "Continue");
    settle().await;
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
    settle().await;
    let none: HtmlInputElement = query(&host, "input[value=none]").unwrap().unchecked_into();
    none.click();
    click_button(&host, "Continue");
    settle().await;
    assert_eq!(text(&host, "legend h1"), "What do you want to do?");
    let active = document().active_element().unwrap();
    assert_eq!(active.tag_name(), "H1", "focus moves to the new heading");
    assert!(query(&host, ".pr-back").is_some(), "a back link is shown");
    click_button(&host, "Back");
    settle().await;
    assert_eq!(text(&host, "legend h1"), "Is any of these happening in your home now?");
    let none: HtmlInputElement = query(&host, "input[value=none]").unwrap().unchecked_into();
    assert!(none.checked(), "the earlier answer is kept after going back");
}

#[wasm_bindgen_test]
async fn answers_are_kept_in_the_draft_and_cleared_on_request() {
    let host = mount("t-draft");
    settle().await;
    let gas: HtmlInputElement = query(&host, "input[value=gas_smell]").unwrap().unchecked_into();
    gas.click();
    settle().await;
    let raw = web_sys::window().unwrap().local_storage().unwrap().unwrap().get_item("putright:example-homes:draft").unwrap();
    assert!(raw.as_deref().unwrap_or("").contains("gas_smell"), "draft saved: {raw:?}");
    click_button(&host, "Clear my answers");
    settle().await;
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

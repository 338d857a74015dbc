//! Page-level effects: focus, title, history and printing.

use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;

use std::cell::RefCell;

fn document() -> Option<web_sys::Document> {
    web_sys::window()?.document()
}

thread_local! {
    /// The shadow roots the widgets live in: the document's getElementById
    /// and querySelector cannot see inside them.
    static ROOTS: RefCell<Vec<web_sys::ShadowRoot>> = const { RefCell::new(Vec::new()) };
}

/// Lets the lookups below find elements inside this widget's shadow root.
pub fn register_root(root: web_sys::ShadowRoot) {
    ROOTS.with(|r| r.borrow_mut().push(root));
}

/// The element with this id, in the page or in any widget's shadow root.
fn by_id(id: &str) -> Option<web_sys::Element> {
    document()
        .and_then(|d| d.get_element_by_id(id))
        .or_else(|| ROOTS.with(|r| r.borrow().iter().find_map(|root| root.get_element_by_id(id))))
}

/// The first element matching `selector`, in the page or in any widget's shadow root.
fn query(selector: &str) -> Option<web_sys::Element> {
    document()
        .and_then(|d| d.query_selector(selector).ok().flatten())
        .or_else(|| ROOTS.with(|r| r.borrow().iter().find_map(|root| root.query_selector(selector).ok().flatten())))
}

/// Moves focus to the element with this id (used for headings and the error
/// summary after a step change). Does nothing if it is not on the page.
pub fn focus_id(id: &str) {
    if let Some(el) = by_id(id).and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok()) {
        let _ = el.focus();
        el.scroll_into_view_with_bool(true);
    }
}

/// Sets the document title. Only called when the landlord opted in.
pub fn set_title(title: &str) {
    if let Some(d) = document() {
        d.set_title(title);
    }
}

/// Adds a history entry for a step change, without changing the URL, so the
/// browser's Back button returns to the previous step and never leaves the
/// host page by surprise. `instance` tells several widgets on a page apart.
///
/// The entry is added once the new step has been drawn ([`after_paint`]):
/// `pushState` is a same-document navigation the browser commits at some
/// cost (about a millisecond on this machine, four with the CPU slowed as on
/// a cheap phone), and nothing the resident sees waits for it. Everything
/// that reads or moves the history adds the waiting entries first.
pub fn push_step(instance: &str, depth: usize) {
    PUSHES.with(|p| p.borrow_mut().push((instance.to_owned(), depth)));
    after_paint("history", add_steps);
}

thread_local! {
    /// Entries [`push_step`] is holding until the step is drawn, oldest first.
    static PUSHES: RefCell<Vec<(String, usize)>> = const { RefCell::new(Vec::new()) };
}

/// Adds the history entries [`push_step`] is holding, now.
fn add_steps() {
    let due = PUSHES.with(|p| std::mem::take(&mut *p.borrow_mut()));
    if due.is_empty() {
        return;
    }
    if let Some(h) = web_sys::window().and_then(|w| w.history().ok()) {
        for (instance, depth) in due {
            let _ = h.push_state_with_url(&step_state(&instance, depth), "", None);
        }
    }
}

/// Labels the browser's current entry as this widget's step `depth` (after
/// starting again, the entry it is on is the first page's, whatever depth a
/// reload or an earlier journey left on it). Only an entry of this widget's
/// own: the host page's (no state, already the start) and another widget's
/// are left as they are. (Reading the current entry adds the entries
/// [`push_step`] holds first, so this labels the right one.)
pub fn mark_step(instance: &str, depth: usize) {
    if current_depth(instance).is_none_or(|d| d == depth) {
        return;
    }
    if let Some(h) = web_sys::window().and_then(|w| w.history().ok()) {
        let _ = h.replace_state_with_url(&step_state(instance, depth), "", None);
    }
}

fn step_state(instance: &str, depth: usize) -> js_sys::Object {
    let state = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&state, &"putright".into(), &instance.into());
    let _ = js_sys::Reflect::set(&state, &"depth".into(), &(depth as f64).into());
    state
}

/// Calls `on_pop(depth)` when the browser's Back or Forward button lands on
/// one of this widget's entries (depth 0 is the entry the host page had).
pub fn on_history_pop(instance: String, on_pop: impl Fn(usize) + 'static) {
    let Some(w) = web_sys::window() else { return };
    let handler = Closure::<dyn Fn(web_sys::PopStateEvent)>::new(move |ev: web_sys::PopStateEvent| {
        // Back or Forward pressed before a step just taken was drawn: its
        // entry was never added, and the browser has moved from the entry
        // before it. Adding it now would put it in the wrong place, so it
        // is dropped and the widget follows the entry the browser is on
        // (history and pages stay in step; such a Back goes one step further).
        PUSHES.with(|p| p.borrow_mut().retain(|(i, _)| *i != instance));
        let state = ev.state();
        let owner = js_sys::Reflect::get(&state, &"putright".into()).ok().and_then(|v| v.as_string());
        let depth = js_sys::Reflect::get(&state, &"depth".into()).ok().and_then(|v| v.as_f64());
        match (owner, depth) {
            (Some(o), Some(d)) if o == instance => on_pop(d as usize),
            // The host page's own entry (no state of ours): back to the start.
            (None, _) if state.is_null() || state.is_undefined() => on_pop(0),
            _ => {}
        }
    });
    let _ = w.add_event_listener_with_callback("popstate", handler.as_ref().unchecked_ref());
    handler.forget();
}

/// Work [`after_paint`] is holding.
type Waiting = Box<dyn FnOnce()>;

thread_local! {
    /// Work put off until the new page has been drawn ([`after_paint`]), by slot.
    static WAITING: RefCell<Vec<(String, Waiting)>> = const { RefCell::new(Vec::new()) };
    /// [`run_waiting`], and "after this frame, run_waiting", as JavaScript
    /// functions made once (each may be called any number of times).
    static RUNNERS: RefCell<Option<(js_sys::Function, js_sys::Function)>> = const { RefCell::new(None) };
}

/// Runs `f` once the browser has drawn what has just changed: after the
/// next animation frame (a timer as well, as frames stop in a hidden tab),
/// so a write that can wait never holds up the new page. A later call for
/// the same `slot` (say, a draft's storage key, so each widget on the page
/// has its own) replaces a waiting one. Anything waiting runs at once
/// when the page is hidden or left (a reload, a closed tab, a switch to
/// another app), so it is never lost.
pub fn after_paint(slot: &str, f: impl FnOnce() + 'static) {
    let Some(w) = web_sys::window() else { return f() };
    let (run, after_frame) = runners(&w);
    let first = WAITING.with(|q| {
        let mut q = q.borrow_mut();
        q.retain(|(s, _)| s != slot);
        q.push((slot.to_owned(), Box::new(f)));
        q.len() == 1
    });
    if !first {
        return; // a run is already on its way
    }
    if w.request_animation_frame(&after_frame).is_err() {
        return run_waiting();
    }
    let _ = w.set_timeout_with_callback_and_timeout_and_arguments_0(&run, 250);
}

/// Drops the work waiting in `slot` (what it would write is gone).
pub fn drop_waiting(slot: &str) {
    WAITING.with(|q| q.borrow_mut().retain(|(s, _)| s != slot));
}

/// Runs everything [`after_paint`] is holding, now.
pub fn run_waiting() {
    let due = WAITING.with(|q| std::mem::take(&mut *q.borrow_mut()));
    for (_, f) in due {
        f();
    }
}

/// The functions [`after_paint`] schedules; made, with the page-hide
/// listeners that run waiting work, the first time they are needed.
fn runners(w: &web_sys::Window) -> (js_sys::Function, js_sys::Function) {
    RUNNERS.with(|r| {
        r.borrow_mut()
            .get_or_insert_with(|| {
                let run: js_sys::Function = Closure::<dyn Fn()>::new(run_waiting).into_js_value().unchecked_into();
                let next = run.clone();
                let after_frame = Closure::<dyn Fn()>::new(move || {
                    if let Some(w) = web_sys::window() {
                        let _ = w.set_timeout_with_callback(&next);
                    }
                });
                let _ = w.add_event_listener_with_callback("pagehide", &run);
                let on_hidden = Closure::<dyn Fn()>::new(|| {
                    if document().is_none_or(|d| d.hidden()) {
                        run_waiting();
                    }
                });
                if let Some(d) = document() {
                    let _ = d.add_event_listener_with_callback("visibilitychange", on_hidden.as_ref().unchecked_ref());
                }
                on_hidden.forget();
                (run, after_frame.into_js_value().unchecked_into())
            })
            .clone()
    })
}

/// Opens the browser's print dialog ("save a copy").
pub fn print() {
    if let Some(w) = web_sys::window() {
        let _ = w.print();
    }
}

/// Runs `f` whenever the browser comes back online.
pub fn on_online(f: impl Fn() + 'static) {
    let Some(w) = web_sys::window() else { return };
    let handler = Closure::<dyn Fn()>::new(f);
    let _ = w.add_event_listener_with_callback("online", handler.as_ref().unchecked_ref());
    handler.forget();
}

/// The page's address without its fragment (the calendar file links back to it).
pub fn url() -> String {
    let href = web_sys::window().and_then(|w| w.location().href().ok()).unwrap_or_default();
    href.split('#').next().unwrap_or_default().to_owned()
}

/// Today's date in the UK, wherever the resident's clock is set: the
/// landlord's deadlines are UK dates.
pub fn today() -> chrono::NaiveDate {
    crate::domain::calendar::uk_date(chrono::Utc::now())
}

/// Now, in milliseconds since 1970 (for how old a draft or a send is).
pub fn now_ms() -> f64 {
    js_sys::Date::now()
}

/// Writes a time in ms since 1970 as a whole number. Stored times are
/// whole milliseconds, and JSON never needs a float from the widget, so the
/// wasm carries no float formatting (its tables are about 14 kB). They read
/// back as `f64` whether written whole or, by an older version, as floats.
pub fn whole_ms<S: serde::Serializer>(ms: &f64, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_u64(ms.max(0.0) as u64)
}

/// [`whole_ms`] for a time that may be missing.
pub fn whole_ms_option<S: serde::Serializer>(ms: &Option<f64>, s: S) -> Result<S::Ok, S::Error> {
    match ms {
        Some(ms) => whole_ms(ms, s),
        None => s.serialize_none(),
    }
}

/// The date in the UK at `ms` since 1970, wherever the resident's clock
/// is set: the same GMT/BST date as every other date the widget shows.
pub fn uk_date_at(ms: f64) -> Option<chrono::NaiveDate> {
    crate::domain::calendar::uk_date_at_ms(ms)
}

/// Now, as RFC 3339 with the local offset.
pub fn now_rfc3339() -> String {
    chrono::Local::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, false)
}

/// Focuses the first `h1` inside the element with id `root_id` and returns its
/// text (for the document title). Call after the new step has rendered.
pub fn focus_heading(root_id: &str) -> Option<String> {
    let h1 = query(&format!("#{root_id} h1"))?
        .dyn_into::<web_sys::HtmlElement>()
        .ok()?;
    if !h1.has_attribute("tabindex") {
        let _ = h1.set_attribute("tabindex", "-1");
    }
    let _ = h1.focus();
    h1.scroll_into_view_with_bool(true);
    h1.text_content().map(|t| t.split_whitespace().collect::<Vec<_>>().join(" "))
}

/// The depth recorded in the current history entry, if the entry is this
/// widget's (with the entries still held added first).
pub fn current_depth(instance: &str) -> Option<usize> {
    add_steps();
    let state = web_sys::window()?.history().ok()?.state().ok()?;
    let owner = js_sys::Reflect::get(&state, &"putright".into()).ok()?.as_string()?;
    if owner != instance {
        return None;
    }
    js_sys::Reflect::get(&state, &"depth".into()).ok()?.as_f64().map(|d| d as usize)
}

/// Goes back one entry in the browser's history (from the last step's entry).
pub fn history_back() {
    add_steps();
    if let Some(h) = web_sys::window().and_then(|w| w.history().ok()) {
        let _ = h.back();
    }
}

/// The text of the first `h1` inside `root_id`, without moving focus.
pub fn focus_heading_text(root_id: &str) -> Option<String> {
    let h1 = query(&format!("#{root_id} h1"))?;
    h1.text_content().map(|t| t.split_whitespace().collect::<Vec<_>>().join(" "))
}

/// The resident's languages, most preferred first (`navigator.languages`).
pub fn preferred_languages() -> Vec<String> {
    let Some(nav) = web_sys::window().map(|w| w.navigator()) else { return Vec::new() };
    nav.languages().iter().filter_map(|v| v.as_string()).collect()
}

//! The outbox: a submission is written to local storage before the first
//! attempt and removed only after the endpoint answers 2xx. Retries back off
//! exponentially with jitter while the page is open, start again at once
//! when the browser comes back online, and resume on the next load of the
//! widget (on this page or another page of the landlord's site).

use std::cell::{Cell, RefCell};
use std::collections::HashSet;
use std::rc::Rc;

use serde::{Deserialize, Serialize};

use super::http::{self, Outcome};
use super::{files, page, storage};
use crate::domain::payload::Attachment;
use crate::domain::tracker::Note;

/// One submission waiting to be delivered, with everything needed to send it.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Entry {
    /// The submission's UUID, sent as `Idempotency-Key`.
    pub id: String,
    pub url: String,
    pub content_type: String,
    pub body: String,
    #[serde(default)]
    pub headers: Vec<(String, String)>,
    pub timeout_ms: u32,
    pub reference_field: String,
    #[serde(default)]
    pub attempts: u32,
    /// What the confirmation page says once it is delivered (title, then
    /// what happens next), so a send resumed on a later visit can still
    /// tell the resident.
    #[serde(default)]
    pub receipt_title: String,
    #[serde(default)]
    pub receipt_lines: Vec<String>,
    /// The language they are in (a BCP 47 tag; empty in older entries).
    #[serde(default)]
    pub receipt_lang: String,
    /// "What you told us" as it was when sent, for the saved copy.
    #[serde(default)]
    pub told: String,
    /// The submission as JSON and as a form, so a later visit can send it
    /// the way the landlord's config says then.
    #[serde(default)]
    pub json: Option<String>,
    #[serde(default)]
    pub form: Option<String>,
    /// When it was sent (ms since 1970).
    #[serde(default, serialize_with = "page::whole_ms")]
    pub created_ms: f64,
    /// After this (ms since 1970) it stops trying and is shown as not sent.
    #[serde(default, serialize_with = "page::whole_ms_option")]
    pub give_up_ms: Option<f64>,
    /// It stopped trying; kept until the resident removes it.
    #[serde(default)]
    pub given_up: bool,
    /// The files listed in its `attachments`, kept in IndexedDB by id
    /// ([`files`](super::files)): with any, it goes as multipart.
    #[serde(default)]
    pub files: Vec<Attachment>,
    /// The note "My complaints" offers once it is delivered, and a stage 2
    /// request's stage 1 reference (whose note then shows stage 2 asked
    /// for), so a send resumed after a reload still does both.
    #[serde(default)]
    pub note: Option<Note>,
    #[serde(default)]
    pub follows: Option<String>,
    /// What the confirmation says, in no language yet (absent in older entries).
    #[serde(default)]
    pub next: Option<crate::domain::journey::receipt::Next>,
}

/// What the resident should be told about a delivery.
#[derive(Clone, Debug, PartialEq)]
pub enum Update {
    Sending,
    /// Files sent so far in this attempt, of all of them.
    Files { done: u32, total: u32 },
    Delivered { reference: Option<String> },
    /// Not sent yet; the next try is in `retry_in_secs`. After a few failed
    /// attempts the UI also shows other ways to reach the landlord.
    Waiting { attempts: u32, retry_in_secs: u32 },
    /// The endpoint refused it (a 4xx). It is kept, marked as not sent, for
    /// the page to remove if the draft still has its answers.
    Refused { message: Option<String> },
    /// Too old to keep trying: kept, marked, for the resident to see.
    GaveUp,
}

thread_local! {
    static IN_FLIGHT: RefCell<HashSet<String>> = RefCell::new(HashSet::new());
    static WAKE: Cell<u32> = const { Cell::new(0) };
    static LISTENING: Cell<bool> = const { Cell::new(false) };
}

fn key(prefix: &str, id: &str) -> String {
    format!("{prefix}{id}")
}

/// The storage prefix of one landlord's outbox.
pub fn prefix(landlord_id: &str) -> String {
    format!("putright:{landlord_id}:outbox:")
}

/// Entries left from earlier visits, oldest first by attempts.
pub fn pending(prefix: &str) -> Vec<Entry> {
    storage::keys_with_prefix(prefix).iter().filter_map(|k| storage::load::<Entry>(k)).collect()
}

/// Removes an entry the resident has seen was not sent.
pub fn remove(prefix: &str, id: &str) {
    storage::remove(&key(prefix, id));
}

/// Delay before attempt `n + 1` (1-based `attempts` made so far): 2, 4, 8 ...
/// seconds up to 5 minutes, with up to 50% random jitter, or the server's
/// Retry-After if it is longer.
pub fn backoff_secs(attempts: u32, retry_after: Option<u32>, jitter: f64) -> u32 {
    let base = 2u32.saturating_pow(attempts.clamp(1, 9)).min(300);
    let jittered = (f64::from(base) * (1.0 + 0.5 * jitter.clamp(0.0, 1.0))).round() as u32;
    jittered.max(retry_after.unwrap_or(0)).min(3600)
}

/// Saves the entry and delivers it, retrying until a 2xx or a 4xx refusal.
/// `on_update` hears every state change. Safe to call for an entry that is
/// already being delivered on this page (it then does nothing).
pub fn deliver(prefix: String, entry: Entry, on_update: impl Fn(Update) + 'static) -> impl std::future::Future<Output = ()> {
    // One delivery loop in the wasm whatever the caller's closure: a copy
    // per caller was about 4.7 kB each before wasm-opt.
    deliver_with(prefix, entry, Rc::new(on_update))
}

async fn deliver_with(prefix: String, mut entry: Entry, on_update: Rc<dyn Fn(Update)>) {
    let k = key(&prefix, &entry.id);
    storage::save(&k, &entry);
    let fresh = IN_FLIGHT.with(|f| f.borrow_mut().insert(entry.id.clone()));
    if !fresh {
        return;
    }
    listen_for_online();
    loop {
        if entry.give_up_ms.is_some_and(|t| page::now_ms() > t) {
            stop(&k, &mut entry);
            on_update(Update::GaveUp);
            return;
        }
        on_update(Update::Sending);
        entry.attempts += 1;
        storage::save(&k, &entry);
        let d = http::Delivery {
            url: &entry.url,
            content_type: &entry.content_type,
            body: entry.body.clone(),
            idempotency_key: &entry.id,
            extra_headers: &entry.headers,
            timeout_ms: entry.timeout_ms,
            reference_field: &entry.reference_field,
        };
        let outcome = if entry.files.is_empty() {
            http::deliver(d).await
        } else if let Some(parts) = parts(&entry.files).await {
            let tell = on_update.clone();
            http::deliver_multipart(d, &parts, move |done, total| tell(Update::Files { done, total })).await
        } else {
            // Its files are gone from this device, so it cannot be sent as it
            // is. Nothing reached the endpoint and the landlord has nothing
            // to fix: a warning, and the resident is told.
            super::console::warn("a waiting submission was not sent: the browser no longer has its files");
            stop(&k, &mut entry);
            on_update(Update::Refused { message: None });
            return;
        };
        match outcome {
            Outcome::Delivered { reference } => {
                // Out of the outbox and the page told (so the draft is
                // forgotten) in one turn: closing the tab cannot come between
                // them. Its files go afterwards; a start-up sweep removes any
                // left by a tab closed meanwhile.
                storage::remove(&k);
                IN_FLIGHT.with(|f| f.borrow_mut().remove(&entry.id));
                on_update(Update::Delivered { reference });
                for f in &entry.files {
                    files::drop_file(&f.id).await;
                }
                return;
            }
            Outcome::Refused { status, message } => {
                super::console::error(&format!("endpoint.url: the endpoint refused a submission with HTTP {status}"));
                stop(&k, &mut entry);
                on_update(Update::Refused { message });
                return;
            }
            Outcome::Retry { retry_after_secs, .. } => {
                let wait = backoff_secs(entry.attempts, retry_after_secs, js_sys::Math::random());
                on_update(Update::Waiting { attempts: entry.attempts, retry_in_secs: wait });
                sleep_or_wake(wait).await;
            }
        }
    }
}

/// Keeps the entry as one that stopped trying. If its answers are no longer
/// in a draft it is the only copy, shown as not sent until the resident
/// removes it; the page removes it at once when the answers are still there
/// to send again.
fn stop(k: &str, entry: &mut Entry) {
    entry.given_up = true;
    storage::save(k, entry);
    IN_FLIGHT.with(|f| f.borrow_mut().remove(&entry.id));
}

/// Each file's part, its bytes read back from where they are kept.
async fn parts(list: &[Attachment]) -> Option<Vec<http::Part>> {
    let mut parts = Vec::new();
    for f in list {
        let blob = files::load(&f.id).await?;
        parts.push(http::Part { id: f.id.clone(), filename: f.filename.clone(), blob });
    }
    Some(parts)
}

/// Sleeps `secs`, or less if the browser comes back online meanwhile.
async fn sleep_or_wake(secs: u32) {
    let start = WAKE.with(Cell::get);
    let mut left_ms = u64::from(secs) * 1000;
    while left_ms > 0 {
        let step = left_ms.min(250);
        gloo_timers::future::TimeoutFuture::new(step as u32).await;
        left_ms -= step;
        if WAKE.with(Cell::get) != start {
            return;
        }
    }
}

fn listen_for_online() {
    if LISTENING.with(|l| l.replace(true)) {
        return;
    }
    page::on_online(|| WAKE.with(|w| w.set(w.get().wrapping_add(1))));
}

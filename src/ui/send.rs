//! Sending: build the payload, put it in the outbox, deliver it, and tell
//! the resident honestly where it is up to.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use super::wizard::Wizard;
use crate::domain::config::EndpointFormat;
use crate::domain::payload::uri_encode;
use crate::domain::journey::{receipt_lines, Step};
use crate::edge::outbox::{self, Update as Progress};
use crate::edge::page;

/// Where the current send is up to.
#[derive(Clone, Debug, Default, PartialEq)]
pub enum SendState {
    #[default]
    Idle,
    Sending,
    /// Not sent yet; we keep trying. `attempts` so far.
    Waiting { attempts: u32, retry_in_secs: u32 },
    /// The landlord's endpoint said no. Answers are kept.
    Refused(Option<String>),
}

/// What the confirmation page shows. Kept in the draft until shown.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Receipt {
    pub title: String,
    pub reference: String,
    /// True when the endpoint gave no reference and we made one up.
    pub local_reference: bool,
    pub next_steps: Vec<String>,
}

/// After this many failed attempts the resident is shown other ways to reach the landlord.
const FALLBACK_AFTER: u32 = 3;

/// Sends the answers. Uses the pending submission id if there is one, so a
/// second press never makes a second submission.
pub fn send(w: Wizard) {
    let today = page::today();
    let id = w.pending_id.get_untracked().unwrap_or_else(|| uuid::Uuid::new_v4().to_string());
    w.pending_id.set(Some(id.clone()));
    let built = w.with_config(|c| {
        w.answers.with_untracked(|a| a.to_submission(&id, &page::now_rfc3339(), today, c))
    });
    let submission = match built {
        Ok(s) => s,
        Err(errors) => {
            w.fail(errors);
            return;
        }
    };
    let receipt_base = w.with_config(|c| receipt_lines(&submission, c));
    let entry = w.with_config(|c| {
        let (content_type, body) = match c.endpoint.format {
            EndpointFormat::Json => ("application/json", submission.to_json()),
            EndpointFormat::Form => ("application/x-www-form-urlencoded", submission.to_form_urlencoded()),
        };
        outbox::Entry {
            id: id.clone(),
            url: c.endpoint.url.clone(),
            content_type: content_type.to_owned(),
            body,
            headers: c.endpoint.headers.iter().map(|(k, v)| (k.clone(), v.clone())).collect(),
            timeout_ms: c.endpoint.timeout_ms,
            reference_field: c.endpoint.reference_field.clone(),
            attempts: 0,
            receipt_title: receipt_base.0.clone(),
            receipt_lines: receipt_base.1.clone(),
        }
    });
    let prefix = w.with_config(|c| outbox::prefix(&c.landlord_id));
    w.send.set(SendState::Sending);
    leptos::task::spawn_local(outbox::deliver(prefix, entry, move |u| on_update(w, &id, &receipt_base, u)));
}

/// On load: delivers anything left in the outbox by an earlier visit (on
/// this page or another page of the landlord's site). The resident's own
/// unfinished send shows its status on the check page as before; anything
/// else is delivered quietly and announced when it arrives.
pub fn resume(w: Wizard) {
    let prefix = w.with_config(|c| outbox::prefix(&c.landlord_id));
    let mine = w.pending_id.get_untracked();
    for entry in outbox::pending(&prefix) {
        let id = entry.id.clone();
        let base = (entry.receipt_title.clone(), entry.receipt_lines.clone());
        if mine.as_deref() == Some(id.as_str()) {
            w.send.set(SendState::Sending);
            leptos::task::spawn_local(outbox::deliver(prefix.clone(), entry, move |u| on_update(w, &id, &base, u)));
        } else {
            leptos::task::spawn_local(outbox::deliver(prefix.clone(), entry, move |u| {
                if let Progress::Delivered { reference } = u {
                    let reference = reference.unwrap_or_else(|| local_reference(&id));
                    w.earlier.update(|e| e.push(Receipt { title: base.0.clone(), reference, local_reference: false, next_steps: base.1.clone() }));
                    w.status.set("Something you sent earlier has now been delivered.".into());
                }
            }));
        }
    }
}

fn on_update(w: Wizard, id: &str, base: &(String, Vec<String>), u: Progress) {
    match u {
        Progress::Sending => {
            w.send.set(SendState::Sending);
            w.status.set("Sending".into());
        }
        Progress::Waiting { attempts, retry_in_secs } => {
            w.send.set(SendState::Waiting { attempts, retry_in_secs });
            w.status.set("Not sent yet. We will keep trying.".into());
        }
        Progress::Refused { message } => {
            w.pending_id.set(None);
            w.send.set(SendState::Refused(message));
            w.status.set("Not sent. Your answers are kept.".into());
        }
        Progress::Delivered { reference } => {
            let local = reference.is_none();
            let reference = reference.unwrap_or_else(|| local_reference(id));
            w.receipt.set(Some(Receipt { title: base.0.clone(), reference, local_reference: local, next_steps: base.1.clone() }));
            w.send.set(SendState::Idle);
            w.pending_id.set(None);
            w.status.set("Sent".into());
            w.forget_draft();
            w.go(Step::Confirmation);
        }
    }
}

/// A readable reference made from the submission id when the endpoint gave none.
pub fn local_reference(id: &str) -> String {
    let hex: String = id.chars().filter(char::is_ascii_hexdigit).take(8).collect();
    format!("PR-{}", hex.to_uppercase())
}

/// The honest status line under the Send button.
#[component]
pub fn SendStatus() -> impl IntoView {
    let w = expect_context::<Wizard>();
    let (phone, email) = w.with_config(|c| (c.phone.clone(), c.email.clone()));
    move || match w.send.get() {
        SendState::Idle => None,
        SendState::Sending => Some(view! { <p class="pr-status"><strong>"Sending..."</strong></p> }.into_any()),
        SendState::Waiting { attempts, .. } => {
            let fallback = (attempts >= FALLBACK_AFTER).then(|| {
                let tel = super::steps::tel_href(&phone);
                let mail = email.clone().map(|e| {
                    let body = w.answers.with_untracked(|a| a.plain_summary(page::today()));
                    let href = format!("mailto:{e}?subject=My%20complaint&body={}", uri_encode(&body));
                    view! { <li><a href=href>"Email us your answers"</a></li> }
                });
                view! {
                    <p>"You can also:"</p>
                    <ul>
                        <li>"call us on " <a href=tel>{phone.clone()}</a></li>
                        {mail}
                        <li><button type="button" class="pr-link-button" on:click=move |_| page::print()>"print or save a copy of your answers"</button></li>
                    </ul>
                }
            });
            Some(
                view! {
                    <div class="pr-warning">
                        <p><strong>"Not sent yet."</strong>" We will keep trying while this page is open, and next time you open it. Your answers are kept."</p>
                        {fallback}
                    </div>
                }
                .into_any(),
            )
        }
        SendState::Refused(message) => Some(
            view! {
                <div class="pr-warning" role="alert">
                    <p><strong>"We could not send this."</strong></p>
                    {message.map(|m| view! { <p>{m}</p> })}
                    <p>"Your answers are kept. Check them and try again, or call us on " {phone.clone()} "."</p>
                </div>
            }
            .into_any(),
        ),
    }
}

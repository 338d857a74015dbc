//! Sending: build the payload, put it in the outbox, deliver it, and tell
//! the resident honestly where it is up to.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use super::wizard::Wizard;
use super::{link_in, tel_href};
use crate::domain::case::CaseKind;
use crate::domain::config::{EndpointFormat, LandlordConfig};
use crate::domain::journey::{self, receipt, summary};
use crate::domain::payload::{form_urlencoded, uri_encode};
use crate::domain::text::{Msg, Render};
use crate::domain::tracker::Note;
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

/// What the confirmation page shows, in the words of the language used at Send.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Receipt {
    pub title: String,
    pub reference: String,
    /// True when the endpoint gave no reference and we made one up.
    pub local_reference: bool,
    pub next_steps: Vec<String>,
    /// The language the title and next steps are in (the one used at
    /// Send), so a screen reader reads them in it after a switch.
    #[serde(default)]
    pub lang: String,
    /// "What you told us", exactly as it was when sent.
    #[serde(default)]
    pub told: String,
    /// A note of it for "My complaints", offered if it has deadlines.
    #[serde(default)]
    pub note: Option<Note>,
    /// The title and next steps in no language yet, so they are worded
    /// again after a switch (absent for sends from before it was kept).
    #[serde(default)]
    pub next: Option<receipt::Next>,
    /// The complaint whose note now shows that stage 2 was asked for.
    #[serde(default)]
    pub updated: Option<String>,
}

/// What an outbox entry carries so a send resumed later can still tell the resident.
#[derive(Clone)]
struct Told {
    title: String,
    lines: Vec<String>,
    lang: String,
    told: String,
    /// The note to offer (its reference comes with delivery).
    note: Option<Note>,
    /// A stage 2 request's stage 1 reference.
    follows: Option<String>,
    next: Option<receipt::Next>,
}

/// After this many failed attempts the resident is shown other ways to reach the landlord.
const FALLBACK_AFTER: u32 = 3;

/// Sends the answers. Uses the pending submission id if there is one, so a
/// second press never makes a second submission.
pub fn send(w: Wizard) {
    let id = w.pending_id.get_untracked().unwrap_or_else(|| uuid::Uuid::new_v4().to_string());
    w.pending_id.set(Some(id.clone()));
    let locale = w.words.with_untracked(|x| x.lang.locale.clone());
    let built = w.answers.with_untracked(|a| {
        w.ctx(|c| w.words.with_untracked(|words| journey::to_submission(a, &id, &page::now_rfc3339(), &locale, c, words)))
    });
    let submission = match built {
        Ok(s) => s,
        Err(errors) => {
            w.pending_id.set(None);
            w.fail(errors);
            return;
        }
    };
    let told = w.words.with_untracked(|words| Told {
        title: words.render(&receipt::title(submission.kind)),
        lines: receipt::next_steps(&submission, words),
        lang: words.lang.locale.clone(),
        told: w.answers.with_untracked(|a| w.ctx(|c| summary::plain(a, c, words))),
        // What the landlord promised, as the payload's dates were worked out.
        note: Some(Note::from_submission(&submission, "").promising(&w.with_config(LandlordConfig::timescales))).filter(Note::has_deadlines),
        follows: submission.escalation.as_ref().and_then(|e| e.stage1_reference.clone()),
        next: Some(receipt::Next::of(&submission)),
    });
    let json = submission.to_json();
    let form = form_urlencoded(&json);
    let mut entry = outbox::Entry {
        id: id.clone(),
        url: String::new(),
        content_type: String::new(),
        body: String::new(),
        headers: Vec::new(),
        timeout_ms: 0,
        reference_field: String::new(),
        attempts: 0,
        receipt_title: told.title.clone(),
        receipt_lines: told.lines.clone(),
        receipt_lang: told.lang.clone(),
        told: told.told.clone(),
        json: Some(json),
        form: Some(form),
        created_ms: page::now_ms(),
        give_up_ms: None,
        given_up: false,
        files: submission.attachments.clone(),
        note: told.note.clone(),
        follows: told.follows.clone(),
        next: told.next.clone(),
    };
    w.with_config(|c| address(&mut entry, c));
    let prefix = outbox_of(w);
    w.send.set(SendState::Sending);
    leptos::task::spawn_local(outbox::deliver(prefix, entry, move |u| on_update(w, &id, &told, u)));
}

/// On load: delivers anything left in the outbox by an earlier visit (on
/// this page or another page of the landlord's site). The resident's own
/// unfinished send shows its status on the check page as before; anything
/// else is delivered quietly and announced when it arrives.
pub fn resume(w: Wizard) {
    let prefix = outbox_of(w);
    let mine = w.pending_id.get_untracked();
    for mut entry in outbox::pending(&prefix) {
        if entry.given_up {
            w.not_sent.update(|n| n.push((entry.id.clone(), entry.created_ms)));
            continue;
        }
        // A later visit sends it where the landlord's config says now.
        w.with_config(|c| address(&mut entry, c));
        let id = entry.id.clone();
        if mine.as_deref() == Some(id.as_str()) {
            w.send.set(SendState::Sending);
        }
        let told = Told {
            title: entry.receipt_title.clone(),
            lines: entry.receipt_lines.clone(),
            lang: entry.receipt_lang.clone(),
            told: entry.told.clone(),
            note: entry.note.clone(),
            follows: entry.follows.clone(),
            next: entry.next.clone(),
        };
        leptos::task::spawn_local(outbox::deliver(prefix.clone(), entry, move |u| on_update(w, &id, &told, u)));
    }
}

/// Where and how an outbox entry is sent: the landlord's endpoint, format,
/// headers and timeout as the config says now (the same landlord: the
/// outbox is kept per landlord), and when it stops trying.
fn address(entry: &mut outbox::Entry, c: &crate::domain::config::LandlordConfig) {
    const DAY_MS: f64 = 86_400_000.0;
    let ep = &c.endpoint;
    entry.url = ep.url.clone();
    entry.headers = ep.headers.iter().map(|(k, v)| (k.clone(), v.clone())).collect();
    entry.timeout_ms = ep.timeout_ms;
    entry.reference_field = ep.reference_field.clone();
    let (content_type, body) = match ep.format {
        EndpointFormat::Json => ("application/json", entry.json.clone()),
        EndpointFormat::Form => ("application/x-www-form-urlencoded", entry.form.clone()),
    };
    // An entry from before both encodings were kept goes as it was made.
    if let Some(body) = body {
        entry.content_type = content_type.to_owned();
        entry.body = body;
    }
    if entry.created_ms == 0.0 {
        entry.created_ms = page::now_ms();
    }
    entry.give_up_ms = Some(entry.created_ms + f64::from(c.storage.outbox_days) * DAY_MS);
}

fn receipt_for(told: &Told, reference: String, local_reference: bool) -> Receipt {
    let note = told.note.clone().map(|n| Note { reference: reference.clone(), ..n });
    Receipt {
        title: told.title.clone(),
        reference,
        local_reference,
        next_steps: told.lines.clone(),
        lang: told.lang.clone(),
        told: told.told.clone(),
        note,
        next: told.next.clone(),
        updated: None,
    }
}

/// Tells the page how send `id` is going. Only the send of the answers in
/// this page's draft moves the page; any other (the draft was cleared, or it
/// is from an earlier visit) is announced quietly when it ends.
fn on_update(w: Wizard, id: &str, told: &Told, u: Progress) {
    if w.pending_id.with_untracked(|p| p.as_deref() != Some(id)) {
        return quietly(w, id, told, u);
    }
    // While "Continue where you left off?" asks, nothing of the draft is
    // shown or said: the device may be shared.
    let shown = w.page.with_untracked(|p| p.key != journey::RESUME.key);
    let say = |key: &'static str| {
        if shown {
            w.status.set(Some(Msg::new(key)));
        }
    };
    match u {
        Progress::Sending => {
            w.send.set(SendState::Sending);
            say("status.sending");
        }
        // Announced politely, a file at a time.
        Progress::Files { done, total } if shown => {
            w.status.set(Some(Msg::new("status.sending_files").text("done", done.to_string()).text("total", total.to_string())));
        }
        Progress::Files { .. } => {}
        Progress::Waiting { attempts, retry_in_secs } => {
            w.send.set(SendState::Waiting { attempts, retry_in_secs });
            say("status.waiting");
        }
        Progress::Refused { message } => {
            // The draft still has the answers to change and send again.
            outbox::remove(&outbox_of(w), id);
            w.pending_id.set(None);
            w.send.set(SendState::Refused(message));
            say("status.refused");
        }
        Progress::GaveUp => {
            w.send.set(SendState::Idle);
            w.pending_id.set(None);
            w.not_sent.update(|n| n.push((id.to_owned(), page::now_ms())));
        }
        Progress::Delivered { reference } => {
            let local = reference.is_none();
            let reference = reference.unwrap_or_else(|| local_reference(id));
            let mut receipt = receipt_for(told, reference, local);
            super::tracker::delivered(w, &mut receipt, told.follows.as_deref());
            w.receipt.set(Some(receipt));
            w.send.set(SendState::Idle);
            w.pending_id.set(None);
            super::draft::forget(&w);
            if shown {
                w.go(&journey::CONFIRMATION);
                w.status.set(Some(Msg::new("status.sent")));
            } else {
                // "Continue" then shows the confirmation; "Start again" drops it.
                w.resume_to(&journey::CONFIRMATION);
            }
        }
    }
}

/// A send that is not this page's draft: a delivery is listed with its
/// reference, and one refused or too old is shown as not sent (never
/// dropped silently).
fn quietly(w: Wizard, id: &str, told: &Told, u: Progress) {
    match u {
        Progress::Delivered { reference } => {
            let reference = reference.unwrap_or_else(|| local_reference(id));
            w.earlier.update(|e| e.push(receipt_for(told, reference, false)));
            w.status.set(Some(Msg::new("status.earlier")));
        }
        Progress::Refused { .. } | Progress::GaveUp => w.not_sent.update(|n| n.push((id.to_owned(), page::now_ms()))),
        _ => {}
    }
}

/// The key prefix of this landlord's outbox.
fn outbox_of(w: Wizard) -> String {
    w.with_config(|c| outbox::prefix(&c.landlord_id))
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
        SendState::Sending => Some(view! { <p class="pr-status"><strong>{w.t("send.sending")}</strong></p> }.into_any()),
        SendState::Waiting { attempts, .. } => {
            let fallback = (attempts >= FALLBACK_AFTER).then(|| {
                let mail = email.clone().map(|e| {
                    let body = w.answers.with_untracked(|a| w.ctx(|c| w.words.with_untracked(|words| summary::plain(a, c, words))));
                    // Named for what is being sent: not "My complaint" for a support request.
                    let kind = w.answers.with_untracked(journey::case_kind).unwrap_or(CaseKind::Complaint);
                    let subject = w.say(&receipt::mail_subject(kind));
                    let href = format!("mailto:{e}?subject={}&body={}", uri_encode(&subject), uri_encode(&body));
                    view! { <li><a href=href>{w.t("send.email_answers")}</a></li> }
                });
                view! {
                    <p>{w.t("send.also")}</p>
                    <ul>
                        <li>{link_in(w, &Msg::new("send.call"), "phone", &phone, &tel_href(&phone))}</li>
                        {mail}
                        <li><button type="button" class="pr-link-button" on:click=move |_| page::print()>{w.t("send.print")}</button></li>
                    </ul>
                }
            });
            Some(
                view! {
                    <div class="pr-warning">
                        <p><strong>{w.t("send.waiting")}</strong>" "{w.t("send.waiting_body")}</p>
                        {fallback}
                    </div>
                }
                .into_any(),
            )
        }
        SendState::Refused(message) => Some(
            view! {
                <div class="pr-warning" role="alert">
                    <p><strong>{w.t("send.refused")}</strong></p>
                    {message.map(|m| view! { <p>{m}</p> })}
                    <p>{link_in(w, &Msg::new("send.refused_body"), "phone", &phone, &tel_href(&phone))}</p>
                </div>
            }
            .into_any(),
        ),
    }
}

/// Sends that stopped trying (older than the landlord's `storage.outbox_days`):
/// never deleted silently. Each says it was not sent and how to reach the
/// landlord instead, until the resident removes it.
#[component]
pub fn NotSent() -> impl IntoView {
    let w = expect_context::<Wizard>();
    let (phone, email) = w.with_config(|c| (c.phone.clone(), c.email.clone()));
    move || {
        let items = w.not_sent.get();
        (!items.is_empty()).then(|| {
            let list = items
                .into_iter()
                .map(|(id, sent_ms)| {
                    let when = page::uk_date_at(sent_ms).map(|d| w.say(&Msg::new("outbox.not_sent").date("date", d)));
                    let (phone, email, gone) = (phone.clone(), email.clone(), id.clone());
                    view! {
                        <li>
                            <p><strong>{when.unwrap_or_else(|| w.t("outbox.not_sent_undated"))}</strong></p>
                            <p>{link_in(w, &Msg::new("outbox.contact"), "phone", &phone, &tel_href(&phone))}</p>
                            {email.map(|e| { let href = format!("mailto:{e}"); view! { <p>{link_in(w, &Msg::new("contact.email_line"), "email", &e, &href)}</p> } })}
                            <button type="button" class="pr-link-button" on:click=move |_| {
                                outbox::remove(&outbox_of(w), &gone);
                                w.not_sent.update(|n| n.retain(|(i, _)| *i != gone));
                                // Its photos and documents too, now.
                                leptos::task::spawn_local(crate::edge::files::sweep());
                            }>{w.t("outbox.remove")}</button>
                        </li>
                    }
                })
                .collect_view();
            view! { <div class="pr-warning" role="alert"><ul class="pr-list">{list}</ul></div> }
        })
    }
}

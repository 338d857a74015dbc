//! "My complaints on this device": the resident's notes as summary cards
//! before "What do you want to do?", recording what happened on a note
//! (a date page each, drawn by the generic question page), one tap to
//! ask for stage 2 or go to the ombudsman, the calendar file, keeping a
//! note from the confirmation page and deleting notes. The rules are in
//! [`crate::domain::tracker`]; storage is [`crate::edge::notes`].

use leptos::prelude::*;

use super::question::NoteView;
use super::send::Receipt;
use super::wizard::Wizard;
use crate::domain::case::CaseKind;
use crate::domain::choice::Choice;
use crate::domain::config::LandlordConfig;
use crate::domain::deadlines::Stage;
use crate::domain::journey::receipt::missed;
use crate::domain::journey::start::{PRIVACY, WHAT_TO_DO};
use crate::domain::journey::{Answers, Page, Value};
use crate::domain::payload::uri_encode;
use crate::domain::text::Msg;
use crate::domain::tracker::{self, pages, prefill, Action, Note, Record};
use crate::edge::{notes, page};

/// The notes kept for this landlord, expired ones deleted.
pub fn load(config: &LandlordConfig) -> Vec<Note> {
    notes::load(&config.landlord_id, page::today(), config.tracker.keep_months)
}

/// Writes the wizard's notes to the device.
fn save(w: Wizard) {
    let id = w.with_config(|c| c.landlord_id.clone());
    w.notes.with_untracked(|n| notes::save(&id, n));
}

/// The page after `next`: the notes come before "What do you want to do?"
/// when there are any.
pub fn before_task(w: Wizard, next: &'static Page) -> &'static Page {
    let show = next.key == WHAT_TO_DO.key && !w.notes.with_untracked(Vec::is_empty) && !w.returning_to_check.get_untracked();
    if show {
        &pages::LIST
    } else {
        next
    }
}

/// Continue on a date page: the date is checked and recorded on the note,
/// then back to the list; or the errors are shown.
pub fn record(w: Wizard) {
    let current = w.page.get_untracked();
    let (Some(r), Some(reference)) = (pages::record_on(current), w.tracking.get_untracked()) else { return };
    let Some(i) = w.notes.with_untracked(|ns| ns.iter().position(|n| n.reference == reference)) else { return };
    let note = w.notes.with_untracked(|ns| ns[i].clone());
    match w.answers.with_untracked(|a| w.ctx(|c| pages::record(&note, r, a, c))) {
        Err(errors) => w.fail(errors),
        Ok(n) => {
            w.notes.update(|ns| ns[i] = n);
            save(w);
            w.answers.update(|a| a.remove(current.key));
            w.tracking.set(None);
            w.back();
            w.announce(Msg::new("tracker.recorded"));
        }
    }
}

/// After a send is delivered: a stage 2 request for a complaint the
/// resident keeps a note of is recorded on that note (it now follows
/// stage 2), instead of offering a second note.
pub fn delivered(w: Wizard, receipt: &mut Receipt, follows: Option<&str>) {
    let Some(request) = receipt.note.clone().filter(|n| n.kind == CaseKind::Stage2Escalation) else { return };
    let Some(follows) = follows.map(str::trim) else { return };
    let found = w.notes.with_untracked(|ns| ns.iter().position(|n| n.kind == CaseKind::Complaint && n.reference == follows));
    let Some(i) = found else { return };
    let mut updated = false;
    w.notes.update(|ns| updated = ns[i].follow(&request, page::today()));
    if updated {
        save(w);
        receipt.updated = Some(follows.to_owned());
        receipt.note = None;
    }
}

/// Opens `r`'s date page for the note `reference`, with what was recorded.
fn open_record(w: Wizard, note: &Note, r: Record) {
    let key = pages::page_for(r).key;
    let start = pages::starting_answers(note, r);
    w.answers.update(|a| match start.date(key) {
        Some(d) => a.set(key, Value::Date(d.clone())),
        None => a.remove(key),
    });
    w.tracking.set(Some(note.reference.clone()));
    w.go(pages::page_for(r));
}

/// Leaves no half-typed date of a record page in the answers (they are
/// never part of a draft or a payload).
fn drop_records(w: Wizard) {
    w.answers.update(|a| Record::ALL.iter().for_each(|r| a.remove(pages::page_for(*r).key)));
}

/// Opens a journey filled in from the note.
fn open_journey(w: Wizard, note: &Note, fill: fn(&Note, &Answers) -> Answers) {
    drop_records(w);
    w.answers.update(|a| *a = fill(note, a));
    let first = w.answers.with_untracked(|a| w.ctx(|c| prefill::first_page(a, c)));
    w.go(first);
}

fn forget(w: Wizard, reference: &str) {
    w.notes.update(|ns| ns.retain(|n| n.reference != reference));
    save(w);
    w.announce(Msg::new("tracker.deleted"));
    let me = w;
    request_animation_frame(move || {
        page::focus_heading(&me.instance());
    });
}

/// The list of notes: a summary card each, then Continue.
#[component]
pub fn List() -> impl IntoView {
    let w = expect_context::<Wizard>();
    let cards = move || {
        let notes = w.notes.get();
        if notes.is_empty() {
            return view! { <p>{w.t("tracker.none")}</p> }.into_any();
        }
        notes.into_iter().map(|n| view! { <Card note=n/> }).collect_view().into_any()
    };
    view! {
        <h1 class="pr-h1" tabindex="-1">{move || w.t("tracker.title")}</h1>
        <p>{move || w.t("tracker.intro")}</p>
        // Its buttons go straight to a stage 2 request or an Ombudsman
        // referral, past "What do you want to do?": the privacy note first.
        <NoteView note=PRIVACY/>
        {cards}
        <Calendar/>
        <div class="pr-button-group">
            <button type="button" class="pr-button" on:click=move |_| {
                drop_records(w);
                w.go(&WHAT_TO_DO);
            }>{move || w.t("button.continue")}</button>
        </div>
    }
}

/// One note: what it is, where it stands today, and what can be done.
#[component]
fn Card(note: Note) -> impl IntoView {
    let w = expect_context::<Wizard>();
    let status = w.ctx(|c| note.status(c.today, c.config));
    let scheme = note.scheme;
    let title = match note.kind {
        CaseKind::Complaint => Msg::new("tracker.card.complaint"),
        CaseKind::Stage2Escalation => Msg::new("tracker.card.stage2_escalation").msg("request", scheme.stage2_request()),
        _ => Msg::new("tracker.card.other"),
    }
    .ltr("reference", note.reference.clone());
    let sent = note.sent_on;
    let what = (!note.what.is_empty()).then(|| {
        let what = note.what.clone();
        view! { <div class="pr-summary-row"><dt>{move || w.t("tracker.row.what")}</dt><dd>{what}</dd></div> }
    });
    let headline = status.headline.clone();
    let next = status.next.as_ref().map(|n| n.msg());
    let closed = status.closed.clone();
    let mut late = missed(&status.reports);
    late.extend(status.broken.iter().cloned());
    let late = (!late.is_empty()).then(|| {
        let items = late.iter().map(|m| view! { <li>{w.say(m)}</li> }).collect_view();
        view! { <div class="pr-summary-row"><dt>{move || w.t("tracker.row.missed")}</dt><dd><ul class="pr-list">{items}</ul></dd></div> }
    });
    let actions = status
        .actions
        .iter()
        .filter(|a| **a != Action::Record)
        .map(|a| {
            let (a, n) = (*a, note.clone());
            let text = a.msg(scheme);
            view! {
                <button type="button" class="pr-button pr-button--secondary" on:click=move |_| match a {
                    Action::AskStage2 => open_journey(w, &n, prefill::ask_stage2),
                    _ => open_journey(w, &n, prefill::go_to_ombudsman),
                }>{w.say(&text)}</button>
            }
        })
        .collect_view();
    let records = status
        .can_record
        .iter()
        .map(|r| {
            let (r, n) = (*r, note.clone());
            let text = pages::did(r, scheme);
            view! { <li><button type="button" class="pr-link-button" on:click=move |_| open_record(w, &n, r)>{w.say(&text)}</button></li> }
        })
        .collect_view();
    let recordable = !status.can_record.is_empty();
    // What the resident recorded, each with a Change link to its page,
    // the date filled in and checked again (GOV.UK summary list).
    let recorded = pages::recorded(&note)
        .into_iter()
        .map(|(r, on)| {
            let n = note.clone();
            let did = w.say(&pages::did(r, scheme));
            view! {
                <div class="pr-summary-row">
                    <dt>{did.clone()}</dt>
                    <dd>{move || w.words.with(|x| x.lang.long_date(on))}</dd>
                    <dd class="pr-summary-action">
                        <button type="button" class="pr-link-button" on:click=move |_| open_record(w, &n, r)>
                            {w.t("check.change")} <span class="pr-visually-hidden">" " {did}</span>
                        </button>
                    </dd>
                </div>
            }
        })
        .collect_view();
    let reference = note.reference.clone();
    view! {
        <section class="pr-card">
            <h2 class="pr-card__title" dir="auto">{move || w.say(&title)}</h2>
            <dl class="pr-summary pr-card__body">
                <div class="pr-summary-row"><dt>{move || w.t("tracker.row.sent")}</dt><dd>{move || w.words.with(|x| x.lang.long_date(sent))}</dd></div>
                {what}
                <div class="pr-summary-row">
                    <dt>{move || w.t("tracker.row.status")}</dt>
                    <dd>
                        <span class="pr-line">{w.say(&headline)}</span>
                        {closed.map(|m| view! { <span class="pr-line">{w.say(&m)}</span> })}
                        {next.map(|m| view! { <span class="pr-line">{w.say(&m)}</span> })}
                    </dd>
                </div>
                {late}
                {recorded}
            </dl>
            <div class="pr-button-group">{actions}</div>
            {recordable.then(|| view! { <h3>{w.t("tracker.action.record")}</h3><ul class="pr-list">{records}</ul> })}
            <p><button type="button" class="pr-link-button" on:click=move |_| forget(w, &reference)>{w.t("tracker.forget")}</button></p>
        </section>
    }
}

/// "Add the dates to my calendar": an iCalendar file of every note's open
/// deadlines, made here as a `data:` link (no server, any content policy).
#[component]
pub fn Calendar() -> impl IntoView {
    let w = expect_context::<Wizard>();
    let hint = w.id("tracker-calendar-hint");
    move || {
        let ics = w.notes.with(|ns| w.ctx(|c| w.words.with(|words| tracker::ics(ns, c.today, c.config, &page::url(), words))));
        ics.contains("BEGIN:VEVENT").then(|| {
            let href = format!("data:text/calendar;charset=utf-8,{}", uri_encode(&ics));
            let name = format!("{}-complaints.ics", w.with_config(|c| c.landlord_id.clone()));
            view! {
                <p><a class="pr-calendar" href=href download=name aria-describedby=hint.clone()>{w.t("tracker.calendar")}</a></p>
                <p class="pr-hint" id=hint.clone()>{w.t("tracker.calendar_hint")}</p>
            }
        })
    }
}

/// On the confirmation page: keep a note of what was sent (the resident's
/// choice), or say that the complaint's note now follows stage 2.
#[component]
pub fn KeepNote(receipt: Receipt) -> impl IntoView {
    let w = expect_context::<Wizard>();
    let kept = RwSignal::new(false);
    let kept_id = w.id("tracker-kept");
    let months = w.with_config(|c| c.tracker.keep_months);
    let updated = receipt.updated.clone().map(|reference| {
        let scheme = w.with_config(LandlordConfig::scheme);
        let msg = Msg::new("tracker.updated").ltr("reference", reference).msg("stage2", scheme.stage_name(Stage::Stage2));
        view! { <h2>{move || w.t("tracker.keep_title")}</h2><p>{move || w.say(&msg)}</p><Calendar/> }
    });
    let offer = receipt.note.clone().map(|note| {
        let keep = move |_| {
            let n = note.clone();
            w.notes.update(|ns| {
                ns.retain(|x| x.reference != n.reference);
                ns.push(n);
            });
            save(w);
            kept.set(true);
            w.announce(Msg::new("tracker.kept"));
            let id = w.id("tracker-kept");
            request_animation_frame(move || page::focus_id(&id));
        };
        view! {
            <h2>{move || w.t("tracker.keep_title")}</h2>
            <Show when=move || kept.get() fallback=move || view! {
                <p class="pr-hint">{move || w.say(&Msg::new("tracker.keep_hint").count(months))}</p>
                <div class="pr-button-group">
                    <button type="button" class="pr-button pr-button--secondary" on:click=keep.clone()>{move || w.t("tracker.keep")}</button>
                </div>
            }>
                <p id=kept_id.clone() tabindex="-1">{move || w.t("tracker.kept")}</p>
                <Calendar/>
            </Show>
        }
    });
    view! { {updated}{offer} }
}

/// After "Clear my answers": the notes are still here; offer to delete them.
#[component]
pub fn ClearOffer() -> impl IntoView {
    let w = expect_context::<Wizard>();
    let clear = move |_| {
        w.notes.set(Vec::new());
        save(w);
        w.offer_clear_notes.set(false);
        w.announce(Msg::new("tracker.notes_cleared"));
        let me = w;
        request_animation_frame(move || {
            page::focus_heading(&me.instance());
        });
    };
    move || {
        w.offer_clear_notes.get().then(|| {
            let n = i64::try_from(w.notes.with(Vec::len)).unwrap_or(0);
            view! {
                <div class="pr-notice">
                    <p>{w.say(&Msg::new("tracker.clear_offer").count(n))}</p>
                    <button type="button" class="pr-button pr-button--secondary" on:click=clear>{w.t("tracker.clear_notes")}</button>
                </div>
            }
        })
    }
}

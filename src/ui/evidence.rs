//! The GOV.UK file upload, for photos and documents: "Take a photo" (the
//! camera) and "Choose files", then the files added, each with a thumbnail
//! (images), its name and size, and a Remove button. Each picked file is
//! checked before and after it is made ready by the payload's own rules
//! (`journey::evidence`), so a file this page takes is never refused at Send.

use std::collections::HashMap;

use leptos::prelude::*;

use super::fields::{legend, Frame};
use super::wizard::{Notice, Wizard};
use crate::domain::journey::{evidence, Field, Value};
use crate::domain::config::AttachmentLimits;
use crate::domain::payload::attachments::{clean_filename, Attachment, MediaType};
use crate::domain::text::Msg;
use crate::domain::validate::FieldError;
use crate::edge::{files, page};

/// What only this page knows about a file: its thumbnail, and whether it
/// went as it was (a photo the browser could not open).
#[derive(Clone, Default)]
struct Shown {
    thumb: Option<String>,
    kept_as_is: bool,
}

pub fn files(w: Wizard, f: &'static Field, heading: bool) -> impl IntoView {
    let fr = Frame::new(&w, f);
    let key = f.key;
    let shown: RwSignal<HashMap<String, Shown>> = RwSignal::new(HashMap::new());
    let busy = w.preparing;
    // Whether files are kept on the device: turns false (and the page says
    // so) as soon as keeping one fails.
    let persistent = RwSignal::new(files::is_persistent());
    let limits_id = format!("{}-limits", fr.id);
    let camera_id = format!("{}-camera", fr.id);
    let input_id = fr.id.clone();
    let (accept, limits_msg) = w.with_config(|c| {
        let l = &c.attachments;
        let max = i64::try_from(l.max_files).unwrap_or(i64::MAX);
        let msg = Msg::new("evidence.limits")
            .count(max)
            .text("types", crate::domain::payload::attachments::type_names(l))
            .msg("size", crate::domain::payload::attachments::size_msg(l.max_file_bytes));
        (l.accept(), msg)
    });
    // Each file on the list is looked at once by this page: its thumbnail,
    // or (gone from the device) taken off the list and the resident told.
    // That covers files kept from an earlier visit, and one that the page
    // drawn before a change of language was still making ready. Files this
    // page adds are shown before they join the list, so are not looked at
    // twice. Thumbnails are held only while they are shown: those of files
    // taken off the list go at once, and all of them when the page goes.
    let looking = StoredValue::new(Vec::<String>::new());
    let limits = w.with_config(|c| c.attachments.clone());
    Effect::new(move |_| {
        let listed: Vec<Attachment> = w.answers.with(|a| a.files(key).to_vec());
        let off: Vec<String> = shown.with_untracked(|m| m.keys().filter(|id| !listed.iter().any(|f| &f.id == *id)).cloned().collect());
        if !off.is_empty() {
            shown.update(|m| off.iter().filter_map(|id| m.remove(id)).filter_map(|s| s.thumb).for_each(|u| files::forget_thumbnail(&u)));
        }
        let new: Vec<Attachment> = listed
            .into_iter()
            .filter(|f| !shown.with_untracked(|m| m.contains_key(&f.id)) && !looking.with_value(|l| l.contains(&f.id)))
            .collect();
        if new.is_empty() {
            return;
        }
        looking.update_value(|l| l.extend(new.iter().map(|f| f.id.clone())));
        let limits = limits.clone();
        leptos::task::spawn_local(async move {
            let mut lost = Vec::new();
            for a in new {
                match files::load(&a.id).await {
                    // Still on the list: it may have been removed meanwhile.
                    Some(blob) if w.answers.try_with_untracked(|x| x.files(key).iter().any(|f| f.id == a.id)) == Some(true) => {
                        let s = look(&a, &blob, &limits).await;
                        show(shown, &a.id, s);
                    }
                    Some(_) => {}
                    None => lost.push(a.id.clone()),
                }
                looking.try_update_value(|l| l.retain(|id| *id != a.id));
            }
            // Said on this page only: if the resident has left it, Send
            // finds the files gone, as it finds any.
            if !looking.is_disposed() {
                forget_lost(w, key, &lost);
            }
        });
    });
    on_cleanup(move || {
        shown.try_update_untracked(|m| m.drain().filter_map(|(_, s)| s.thumb).for_each(|u| files::forget_thumbnail(&u)));
    });
    let pick = move |ev: leptos::ev::Event| {
        let picked = files::picked(&ev);
        if !picked.is_empty() {
            leptos::task::spawn_local(add(w, key, picked, shown, busy, persistent));
        }
    };
    let list_id = fr.id.clone();
    let list = move || {
        let all = w.answers.with(|a| a.files(key).to_vec());
        (!all.is_empty()).then(|| {
            let items = all
                .into_iter()
                .map(|a| {
                    let s = shown.with(|m| m.get(&a.id).cloned()).unwrap_or_default();
                    let item = w.say(&evidence::item(&a));
                    let (id, name) = (a.id.clone(), a.filename.clone());
                    // Why this photo may be one to remove: said with its Remove button.
                    let kept_id = format!("{list_id}-{}-kept", a.id);
                    let described = s.kept_as_is.then(|| kept_id.clone());
                    let remove = move |_| remove(w, key, &id, &name);
                    view! {
                        <li class="pr-file-list__item">
                            {s.thumb.map(|src| view! { <img class="pr-file-list__thumb" src=src alt=""/> })}
                            <div class="pr-file-list__text">
                                <span class="pr-file-list__name" dir="auto">{item}</span>
                                {s.kept_as_is.then(|| view! { <p class="pr-hint" id=kept_id>{w.t("evidence.kept")}</p> })}
                            </div>
                            <button type="button" class="pr-button pr-button--secondary pr-file-list__remove" aria-describedby=described on:click=remove>
                                {w.t("evidence.remove")}
                                <span class="pr-visually-hidden">" " {a.filename.clone()}</span>
                            </button>
                        </li>
                    }
                })
                .collect_view();
            view! {
                <h2>{w.t("evidence.added")}</h2>
                <ul class="pr-file-list">{items}</ul>
            }
        })
    };
    let has_error = fr.has_error();
    let described = fr.described_by(Some(limits_id.clone()));
    let input_class = move || if has_error() { "pr-file-upload__input pr-input--error" } else { "pr-file-upload__input" };
    view! {
        <div class=fr.group_class()>
            <fieldset aria-describedby=described>
                {legend(w, f, heading)}
                {fr.hint(w, key)}
                <p class="pr-hint" id=limits_id>{move || w.say(&limits_msg)}</p>
                {fr.error_message(w)}
                <div class="pr-file-upload">
                    <label class="pr-label pr-label--bold" for=camera_id.clone()>{move || w.t("evidence.camera")}</label>
                    <input type="file" class=input_class id=camera_id.clone() name=camera_id accept="image/*" capture="environment"
                        aria-invalid=move || has_error().then_some("true") on:change=pick/>
                </div>
                <div class="pr-file-upload">
                    <label class="pr-label pr-label--bold" for=input_id.clone()>{move || w.t("evidence.choose")}</label>
                    <input type="file" class=input_class id=input_id.clone() name=input_id multiple=true accept=accept
                        aria-invalid=move || has_error().then_some("true") on:change=pick/>
                </div>
            </fieldset>
            // Heard through the widget's status when a file is picked (see
            // `pick`); shown here, as what is going on, not a hint of the field.
            {move || (busy.get() > 0).then(|| view! { <p class="pr-progress">{w.t("evidence.preparing")}</p> })}
            {list}
            {move || (!persistent.get()).then(|| view! { <div class="pr-inset"><p>{w.t("evidence.not_kept")}</p></div> })}
        </div>
    }
}

/// Before Send: takes off the answers any file to be sent that is no
/// longer on this device (kept in memory by a page since closed), and tells
/// the resident. True if all are here; false if the resident has been told
/// (Send again sends the rest).
pub async fn all_here(w: Wizard) -> bool {
    let listed = w.answers.with_untracked(|a| w.ctx(|c| evidence::attachments(a, c)));
    let mut lost = Vec::new();
    for a in listed {
        if files::load(&a.id).await.is_none() {
            lost.push(a.id);
        }
    }
    if lost.is_empty() {
        // Said when some went: not still said once the rest are sent.
        w.end_notice(Notice::FilesLost);
        return true;
    }
    forget_lost(w, evidence::FILES.0, &lost);
    false
}

/// Takes the files `lost` off the answer `key`, and says so.
fn forget_lost(w: Wizard, key: &'static str, lost: &[String]) {
    if lost.is_empty() {
        return;
    }
    w.answers.update(|a| {
        let kept: Vec<Attachment> = a.files(key).iter().filter(|f| !lost.contains(&f.id)).cloned().collect();
        set(a, key, kept);
    });
    w.tell(Notice::FilesLost);
}

fn set(a: &mut crate::domain::journey::Answers, key: &'static str, list: Vec<Attachment>) {
    if list.is_empty() {
        a.remove(key);
    } else {
        a.set(key, Value::Files(list));
    }
}

/// How a kept file is shown: a thumbnail if it is an image this browser
/// can open, and whether it went as it was (asked of the browser each time,
/// so every visit says the same).
async fn look(a: &Attachment, blob: &files::Blob, limits: &AttachmentLimits) -> Shown {
    let thumb = if a.media_type == MediaType::Pdf { None } else { files::thumbnail(blob).await };
    Shown { kept_as_is: evidence::kept_as_is(a, limits, thumb.is_some()), thumb }
}

/// Shows `s` for the file `id`, unless the page has gone meanwhile.
fn show(shown: RwSignal<HashMap<String, Shown>>, id: &str, s: Shown) {
    let thumb = s.thumb.clone();
    if shown.try_update(|m| m.insert(id.to_owned(), s)).is_none() {
        if let Some(url) = thumb {
            files::forget_thumbnail(&url);
        }
    }
}

/// Makes each picked file ready and adds it, or says why not. If the
/// resident leaves the page meanwhile (Back, "Clear my answers"), it stops
/// and keeps nothing: what it would say belongs to this page, and these
/// files to answers the resident may be changing.
async fn add(
    w: Wizard,
    key: &'static str,
    picked: Vec<files::File>,
    shown: RwSignal<HashMap<String, Shown>>,
    busy: RwSignal<u32>,
    persistent: RwSignal<bool>,
) {
    let limits = w.with_config(|c| c.attachments.clone());
    let visit = w.visits.get_value();
    let left = move || w.visits.try_get_value() != Some(visit);
    let mut errors = Vec::new();
    let mut added = 0i64;
    busy.update(|b| *b += 1);
    w.status.set(Some(Msg::new("evidence.preparing")));
    for file in picked {
        let (name, mime, size) = files::describe(&file);
        let have = w.answers.with_untracked(|a| a.files(key).to_vec());
        if let Some(m) = evidence::refuse_picked(&name, &mime, size, &have, &limits) {
            errors.push(m);
            continue;
        }
        let Some(t) = evidence::media_type(&mime, &name) else { continue };
        let Ok(ready) = files::prepare(&file, t, evidence::plan(t, &limits)).await else {
            errors.push(Msg::new("err.attachments.unreadable").text("file", clean_filename(&name, t)));
            continue;
        };
        if left() {
            break;
        }
        let a = Attachment {
            id: uuid::Uuid::new_v4().simple().to_string(),
            filename: evidence::ready_name(&name, t, ready.media_type),
            media_type: ready.media_type,
            bytes: ready.bytes,
            sha256: ready.sha256.clone(),
        };
        // What is there now: another pick may have added meanwhile.
        let have = w.answers.with_untracked(|x| x.files(key).to_vec());
        let refused = evidence::refuse_ready(&a, &have, &limits);
        if !refused.is_empty() {
            errors.extend(refused);
            continue;
        }
        let mut s = look(&a, &ready.blob, &limits).await;
        s.kept_as_is |= ready.kept_as_is;
        let kept = files::keep(&a.id, &ready.blob).await;
        if left() {
            files::drop_file(&a.id).await;
            if let Some(url) = s.thumb {
                files::forget_thumbnail(&url);
            }
            break;
        }
        if !kept {
            persistent.set(false);
        }
        show(shown, &a.id, s);
        w.answers.update(|x| {
            let mut list = x.files(key).to_vec();
            list.push(a);
            set(x, key, list);
        });
        added += 1;
    }
    busy.update(|b| *b = b.saturating_sub(1));
    if left() {
        // Not still heard as going on.
        if w.status.try_with_untracked(|m| m.as_ref().is_some_and(|m| m.key == "evidence.preparing")) == Some(true) {
            w.status.set(None);
        }
        return;
    }
    if errors.is_empty() {
        w.errors.set(Vec::new());
        w.announce(Msg::new("status.files_added").count(added));
    } else {
        w.fail(errors.into_iter().map(|m| FieldError::new(key, m)).collect());
    }
}

fn remove(w: Wizard, key: &'static str, id: &str, name: &str) {
    w.answers.update(|a| {
        let kept: Vec<Attachment> = a.files(key).iter().filter(|f| f.id != id).cloned().collect();
        set(a, key, kept);
    });
    let id = id.to_owned();
    leptos::task::spawn_local(async move { files::drop_file(&id).await });
    w.errors.set(Vec::new());
    w.announce(Msg::new("status.file_removed").text("file", name.to_owned()));
    // The button has gone: the resident carries on from "Choose files".
    page::focus_id(&w.id(key));
}

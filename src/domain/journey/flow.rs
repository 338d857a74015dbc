//! The route through the pages: which come next given the answers so far,
//! where a "Change" link returns to, and reading a saved draft back.

use serde_json::Value as Json;

use super::decl::{Ctx, Kind, On, Page, Special, Stop};
use super::model::{Answers, Key, Value, YesNo};
use super::{about, adjust, escalate, evidence, ombudsman, problem, rep, request, start};
use crate::domain::payload::Attachment;
use crate::domain::validate::DateInput;

pub static CHECK: Page = Page::special("check", Special::Check).button("button.send");
pub static CONFIRMATION: Page = Page::special("confirmation", Special::Confirmation);
/// Shown first when a saved draft is found, so nothing from it is shown on
/// a shared device until the resident chooses to continue.
pub static RESUME: Page = Page::special("resume", Special::Resume);

/// Every stop, in journey order: danger and the task first, the task's own
/// questions, then a representative, support needs, and who the resident is.
pub fn stops() -> impl Iterator<Item = &'static Stop> {
    start::STOPS
        .iter()
        .chain(&problem::STOPS)
        .chain(&request::STOPS)
        .chain(&escalate::STOPS)
        .chain(&ombudsman::STOPS)
        .chain(&evidence::STOPS)
        .chain(&rep::STOPS)
        .chain(&adjust::STOPS)
        .chain(&about::STOPS)
}

/// Every page.
pub fn pages() -> impl Iterator<Item = &'static Page> {
    stops().map(|s| s.page).chain([&CHECK, &CONFIRMATION])
}

/// The page with this key.
pub fn page(key: &str) -> Option<&'static Page> {
    pages().find(|p| p.key == key)
}

/// The first page of every journey.
pub fn first() -> &'static Page {
    start::STOPS[0].page
}

/// The pages on the resident's route, with how each is on it, ending at
/// "Check your answers" (or at a page that ends the journey).
pub fn route(a: &Answers, ctx: &Ctx) -> Vec<(&'static Page, On)> {
    let mut out = Vec::new();
    for s in stops() {
        match (s.on)(a, ctx) {
            On::No => {}
            On::End => {
                out.push((s.page, On::End));
                return out;
            }
            on => out.push((s.page, on)),
        }
    }
    out.push((&CHECK, On::Ask));
    out
}

/// The first page on the route that still needs an answer, those known
/// from before included: a change may have left one failing.
pub fn first_unfinished(a: &Answers, ctx: &Ctx) -> &'static Page {
    route(a, ctx).into_iter().map(|(p, _)| p).find(|p| p.answerable() && !p.passes(a, ctx)).unwrap_or(&CHECK)
}

/// The page after `current`, given the answers so far: the next one asked,
/// or known from before but no longer passing its checks.
pub fn next(a: &Answers, ctx: &Ctx, current: &Page) -> &'static Page {
    if current.key == CHECK.key {
        return &CONFIRMATION;
    }
    let route = route(a, ctx);
    match route.iter().position(|(p, _)| p.key == current.key) {
        Some(i) => route[i + 1..].iter().find(|(p, on)| *on != On::Known || !p.passes(a, ctx)).map_or(route[i].0, |(p, _)| *p),
        None => first_unfinished(a, ctx),
    }
}

/// After a "Change" link: back to "Check your answers", unless the change
/// opened a question not yet answered, or a page that only informs (the
/// emergency advice, "Is my landlord late?"). Every answerable page on the
/// route is checked again, those known from before included, and the
/// first one failing is shown, so nothing a page took is refused at Send;
/// so is a page the change put on the route that the resident has not
/// been shown (an optional one passes its checks unseen). `trail`: the
/// pages shown before this one (a page answered counts as shown too).
pub fn next_after_change(a: &Answers, ctx: &Ctx, current: &Page, trail: &[&'static Page]) -> &'static Page {
    let route = route(a, ctx);
    let unseen = |p: &Page, on: On| {
        on != On::Known && p.key != current.key && !trail.iter().any(|t| t.key == p.key) && !p.shown(a).any(|f| f.answered(a))
    };
    let stop = |p: &Page, on: On| p.answerable() && (!p.passes(a, ctx) || unseen(p, on));
    let after = route.iter().position(|(p, _)| p.key == current.key).map_or(0, |i| i + 1);
    for (p, on) in &route[after..] {
        if p.key == CHECK.key {
            break;
        }
        if (after > 0 && !p.answerable()) || stop(p, *on) {
            return p;
        }
    }
    // A change may also leave an earlier page failing; else the route's end.
    route.iter().find(|(p, on)| stop(p, *on)).or(route.last()).map_or(&CHECK, |(p, _)| *p)
}

/// The answers as the saved draft writes them: each key with its text,
/// choice, choices, date parts (`day`, `month`, `year`) or files.
/// Serialised straight to text, never through a `serde_json::Value`, so
/// the wasm has no `Value` writer (nor the float formatting it needs).
pub struct Saved<'a>(pub &'a Answers);

impl serde::Serialize for Saved<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut map = s.serialize_map(None)?;
        for (k, v) in self.0.iter() {
            match v {
                Value::Text(t) => map.serialize_entry(k, t)?,
                Value::One(v) => map.serialize_entry(k, v)?,
                Value::Many(vs) => map.serialize_entry(k, vs)?,
                Value::Date(d) => map.serialize_entry(k, &DateParts { day: &d.day, month: &d.month, year: &d.year })?,
                Value::Files(files) => map.serialize_entry(k, files)?,
            }
        }
        map.end()
    }
}

#[derive(serde::Serialize)]
struct DateParts<'a> {
    day: &'a str,
    month: &'a str,
    year: &'a str,
}

/// The answers as JSON, as the saved draft holds them ([`Saved`]): for the
/// tests (the widget writes the draft straight to text).
#[cfg(test)]
pub fn to_json(a: &Answers) -> Json {
    serde_json::to_value(Saved(a)).unwrap_or_default()
}

/// Reads saved answers back. Only what a question declares is kept: an
/// unknown key, or a value a question does not offer, is dropped and the
/// question asked again. The second result names each dropped key (never
/// its value) for the console.
pub fn restore(json: &Json) -> (Answers, Vec<String>) {
    let mut a = Answers::default();
    let mut dropped = Vec::new();
    let Json::Object(map) = json else { return (a, dropped) };
    for (key, v) in map {
        let Some(field) = pages().flat_map(|p| p.fields.iter()).find(|f| f.key == key) else {
            dropped.push(key.clone());
            continue;
        };
        let declared = |s: &str| match field.kind {
            Kind::Radios(_, d) | Kind::Checkboxes(_, d) => d().into_iter().find(|x| *x == s),
            _ => None,
        };
        let value = match (field.kind, v) {
            (Kind::Radios(..), Json::String(s)) if s.is_empty() => continue,
            (Kind::Radios(..), Json::String(s)) => declared(s).map(Value::One),
            (Kind::Checkboxes(..), Json::Array(items)) => {
                let kept: Vec<&'static str> = items.iter().filter_map(|i| i.as_str().and_then(declared)).collect();
                if kept.len() != items.len() {
                    dropped.push(key.clone());
                }
                Some(Value::Many(kept))
            }
            (Kind::Line(_) | Kind::LongText, Json::String(s)) => Some(Value::Text(s.clone())),
            (Kind::Files, Json::Array(items)) => {
                // Only files the widget could have made: anything else is
                // dropped (and its bytes, unreferenced, tidied away).
                let kept: Vec<Attachment> = items
                    .iter()
                    .filter_map(|i| serde_json::from_value::<Attachment>(i.clone()).ok())
                    .filter(|f| Attachment::valid_id(&f.id) && Attachment::valid_sha256(&f.sha256) && f.bytes > 0)
                    .collect();
                if kept.len() != items.len() {
                    dropped.push(key.clone());
                }
                Some(Value::Files(kept))
            }
            (Kind::Date, Json::Object(d)) => {
                let part = |k: &str| d.get(k).and_then(Json::as_str).unwrap_or("");
                Some(Value::Date(DateInput::new(part("day"), part("month"), part("year"))))
            }
            _ => None,
        };
        match value {
            Some(v) => a.set(field.key, v),
            None => {
                if !dropped.contains(key) {
                    dropped.push(key.clone());
                }
            }
        }
    }
    (a, dropped)
}

/// The answers to start another task with: who the resident is, their
/// representative and their support needs are kept, so nothing is asked
/// twice (WCAG 3.3.7); those sent with this task answer "do you want..."
/// for the next. A "no" stands, and what was given before it is not kept.
/// (Given on a task that does not ask for them, they are kept as they
/// were, counting again only where "do you want..." is asked.) The task
/// itself starts afresh, danger first.
pub fn for_another_task(a: &Answers, ctx: &Ctx) -> Answers {
    let mut keep: Vec<Key> = about::keys().collect();
    let sent = [(rep::wanted(a), &rep::WANT, &rep::STOPS[..]), (adjust::wanted(a), &adjust::WANT, &adjust::STOPS[..])];
    for (wanted, want, stops) in sent {
        if wanted || !want.is(a, YesNo::No) {
            keep.extend(stops.iter().flat_map(|s| s.page.fields.iter().map(|f| f.key)));
        } else {
            keep.push(want.0);
        }
    }
    let mut next = a.clone();
    next.keep(&keep);
    for (wanted, want, _) in sent {
        if wanted {
            want.set(&mut next, YesNo::Yes);
        }
    }
    next.carried = about::STOPS.iter().all(|s| s.page.passes(a, ctx));
    next
}

//! Every field kind in the GOV.UK patterns, drawn from a field's
//! declaration: text input, textarea with a character count, radios,
//! checkboxes, date input, and the error summary. Each field shows its own
//! error message above the control, ties hint and error to it with
//! `aria-describedby`, and keeps whatever was typed, valid or not.

use leptos::prelude::*;

use super::wizard::Wizard;
use crate::domain::journey::{Field, Kind, Line, Value};
use crate::domain::text::Msg;
use crate::domain::validate::{is_blank, CharacterCount, DateInput};

/// The ids, texts and error state every field shares.
#[derive(Clone)]
pub(super) struct Frame {
    pub(super) id: String,
    hint_id: Option<String>,
    err_id: String,
    error: Signal<Option<String>>,
}

impl Frame {
    pub(super) fn new(w: &Wizard, f: &Field) -> Frame {
        let id = w.id(f.key);
        Frame {
            hint_id: w.has(&format!("{}.hint", f.key)).then(|| format!("{id}-hint")),
            err_id: format!("{id}-error"),
            error: w.error_for(f.key),
            id,
        }
    }

    pub(super) fn has_error(&self) -> impl Fn() -> bool + Copy + Send + Sync + 'static {
        let e = self.error;
        move || e.with(Option::is_some)
    }

    /// Hint, error and anything else the control should announce.
    pub(super) fn described_by(&self, extra: Option<String>) -> impl Fn() -> Option<String> + Send + Sync + 'static {
        let (hint, err, error) = (self.hint_id.clone(), self.err_id.clone(), self.error);
        move || {
            let ids: Vec<String> = [hint.clone(), error.with(Option::is_some).then(|| err.clone()), extra.clone()].into_iter().flatten().collect();
            (!ids.is_empty()).then(|| ids.join(" "))
        }
    }

    pub(super) fn group_class(&self) -> impl Fn() -> &'static str + Send + Sync + 'static {
        let has = self.has_error();
        move || if has() { "pr-form-group pr-form-group--error" } else { "pr-form-group" }
    }

    pub(super) fn hint(&self, w: Wizard, key: &'static str) -> impl IntoView {
        self.hint_id.clone().map(|id| view! { <div class="pr-hint" id=id>{w.t_now(&format!("{key}.hint"))}</div> })
    }

    pub(super) fn error_message(&self, w: Wizard) -> impl IntoView {
        let (id, error) = (self.err_id.clone(), self.error);
        move || {
            error.get().map(|m| view! {
                <p class="pr-error-message" id=id.clone()><span class="pr-visually-hidden">{w.t("errors.prefix")} " "</span>{m}</p>
            })
        }
    }
}

/// The label (or legend) text, with " (optional)" for optional questions:
/// GOV.UK marks optional, not required.
fn label_text(w: Wizard, f: &'static Field) -> String {
    let label = w.t_now(&format!("{}.label", f.key));
    if f.optional {
        w.say_now(&Msg::new("field.optional").text("label", label))
    } else {
        label
    }
}

/// One field, as its declaration says. `heading`: its label or legend is
/// the page's `h1` (a page that asks one thing).
#[component]
pub fn FieldView(field: &'static Field, heading: bool) -> impl IntoView {
    let w = expect_context::<Wizard>();
    match field.kind {
        Kind::Radios(..) | Kind::Checkboxes(..) => choices(w, field, heading).into_any(),
        Kind::Date => date(w, field, heading).into_any(),
        Kind::Line(line) => text(w, field, heading, Some(line)).into_any(),
        Kind::LongText => text(w, field, heading, None).into_any(),
        Kind::Files => super::lazy::evidence_field(w, field, heading),
    }
}

fn text(w: Wizard, f: &'static Field, heading: bool, line: Option<Line>) -> impl IntoView {
    let fr = Frame::new(&w, f);
    let key = f.key;
    let value = move || w.answers.with(|a| a.text(key).to_owned());
    let set = move |v: String| w.answers.update(|a| a.set(key, Value::Text(v)));
    let label = label_text(w, f);
    let label = if heading {
        view! { <h1 class="pr-h1" tabindex="-1"><label class="pr-label pr-label--bold" for=fr.id.clone()>{label}</label></h1> }.into_any()
    } else {
        view! { <label class="pr-label pr-label--bold" for=fr.id.clone()>{label}</label> }.into_any()
    };
    let has_error = fr.has_error();
    let control = match line {
        Some(line) => {
            let (input_type, inputmode, width, spellcheck) = match line {
                Line::Phone => ("tel", None, "pr-input--w20", None),
                Line::Email => ("email", None, "", Some("false")),
                Line::Postcode => ("text", None, "pr-input--w10", Some("false")),
                Line::Money => ("text", Some("decimal"), "pr-input--w10", None),
                Line::Reference => ("text", None, "pr-input--w20", Some("false")),
                Line::Name => ("text", None, "", Some("false")),
                Line::Plain => ("text", None, "", None),
            };
            // Only when the person filling in the form is the one it is about.
            let autocomplete = move || f.autocomplete.map(|t| if w.by_rep.get() == f.about_rep { t } else { "off" });
            // Phone numbers, postcodes, emails and references read left to right in any language.
            let dir = matches!(line, Line::Phone | Line::Email | Line::Postcode | Line::Reference | Line::Money).then_some("ltr");
            view! {
                <input class=move || format!("{width}{}", if has_error() { " pr-input--error" } else { "" })
                    id=fr.id.clone() name=fr.id.clone() type=input_type inputmode=inputmode dir=dir
                    autocomplete=autocomplete spellcheck=spellcheck
                    aria-describedby=fr.described_by(None) aria-invalid=move || has_error().then_some("true")
                    prop:value=value on:input=move |ev| set(event_target_value(&ev))/>
            }
            .into_any()
        }
        None => {
            let max = f.limit().chars();
            let count_id = format!("{}-count", fr.id);
            let used = move || w.answers.with(|a| CharacterCount::new(a.text(key), max));
            view! {
                <textarea class=move || if has_error() { "pr-input--error" } else { "" } id=fr.id.clone() name=fr.id.clone() rows=5
                    aria-describedby=fr.described_by(Some(count_id.clone())) aria-invalid=move || has_error().then_some("true")
                    prop:value=value on:input=move |ev| set(event_target_value(&ev))></textarea>
                <div id=count_id class=move || if used().is_over() { "pr-count pr-count--over" } else { "pr-count" } aria-live="polite">
                    {move || w.say(&used().msg())}
                </div>
            }
            .into_any()
        }
    };
    view! {
        <div class=fr.group_class()>
            {label}
            {fr.hint(w, key)}
            {fr.error_message(w)}
            {control}
        </div>
    }
}

/// The legend, as the page's `h1` when the question is the whole page.
pub(super) fn legend(w: Wizard, f: &'static Field, heading: bool) -> AnyView {
    let text = label_text(w, f);
    if heading {
        view! { <legend><h1 class="pr-h1" tabindex="-1">{text}</h1></legend> }.into_any()
    } else {
        view! { <legend class="pr-label--bold">{text}</legend> }.into_any()
    }
}

/// Radios (choose one) or checkboxes (choose any). The first input carries
/// the field's id, so the error summary's link lands on it. An exclusive
/// choice ("None of these") unticks the others, and the others untick it.
fn choices(w: Wizard, f: &'static Field, heading: bool) -> impl IntoView {
    let fr = Frame::new(&w, f);
    let key = f.key;
    let (options, many) = match f.kind {
        Kind::Radios(o, _) => (o, false),
        Kind::Checkboxes(o, _) => (o, true),
        _ => unreachable!("choices() draws radios and checkboxes"),
    };
    let opts = w.answers.with_untracked(|a| w.ctx(|c| options(a, c)));
    let exclusive: Vec<&'static str> = opts.iter().filter(|o| o.exclusive).map(|o| o.value).collect();
    let items = opts
        .into_iter()
        .enumerate()
        .map(|(i, o)| {
            let input_id = if i == 0 { fr.id.clone() } else { format!("{}-{i}", fr.id) };
            // Not "{input_id}-hint": the first input carries the field's id, and "{id}-hint" is the group's hint.
            let hint_key = format!("{}.hint", o.label);
            let item_hint_id = w.has(&hint_key).then(|| format!("{}-{i}-item-hint", fr.id));
            let v = o.value;
            let is_exclusive = o.exclusive;
            let exclusive = exclusive.clone();
            let checked = move || w.answers.with(|a| if many { a.many(key).contains(&v) } else { a.one(key) == Some(v) });
            let change = move |ev: leptos::ev::Event| {
                if !many {
                    return w.answers.update(|a| a.set(key, Value::One(v)));
                }
                let on = event_target_checked(&ev);
                w.answers.update(|a| {
                    let mut now: Vec<&'static str> = a.many(key).to_vec();
                    now.retain(|x| *x != v && !(on && (is_exclusive || exclusive.contains(x))));
                    if on {
                        now.push(v);
                    }
                    a.set(key, Value::Many(now));
                });
            };
            let label_key = o.label.clone();
            view! {
                <div class="pr-choice">
                    <input type=if many { "checkbox" } else { "radio" } id=input_id.clone() name=fr.id.clone() value=v
                        aria-describedby=item_hint_id.clone() prop:checked=checked on:change=change/>
                    <div class="pr-choice-text">
                        <label for=input_id>{w.t_now(&label_key)}</label>
                        {item_hint_id.map(|id| view! { <div class="pr-hint" id=id>{w.t_now(&hint_key)}</div> })}
                    </div>
                </div>
            }
        })
        .collect_view();
    view! {
        <div class=fr.group_class()>
            <fieldset aria-describedby=fr.described_by(None)>
                {legend(w, f, heading)}
                {fr.hint(w, key)}
                {fr.error_message(w)}
                <div class="pr-choices">{items}</div>
            </fieldset>
        </div>
    }
}

/// A GOV.UK date input: day, month and year boxes in one fieldset.
fn date(w: Wizard, f: &'static Field, heading: bool) -> impl IntoView {
    let fr = Frame::new(&w, f);
    let key = f.key;
    let has_error = fr.has_error();
    let part = move |suffix: &'static str, get: fn(&DateInput) -> &String, put: fn(&mut DateInput, String)| {
        // The day box carries the field's own id so the error summary lands on it.
        let pid = if suffix == "day" { w.id(key) } else { format!("{}-{suffix}", w.id(key)) };
        let value = move || w.answers.with(|a| a.date(key).map(|d| get(d).clone()).unwrap_or_default());
        let set = move |v: String| {
            w.answers.update(|a| {
                let mut d = a.date(key).cloned().unwrap_or_default();
                put(&mut d, v);
                a.set(key, Value::Date(d));
            })
        };
        let year = suffix == "year";
        // GOV.UK: a part left out is marked alone; an error with the whole date marks all three.
        let marked = move || {
            has_error()
                && w.answers.with(|a| {
                    let d = a.date(key).cloned().unwrap_or_default();
                    let blank = [&d.day, &d.month, &d.year].map(|p| is_blank(p));
                    blank.iter().all(|b| *b) || !blank.iter().any(|b| *b) || is_blank(get(&d))
                })
        };
        view! {
            <div class=if year { "pr-date-item pr-date-item--year" } else { "pr-date-item" }>
                <label class="pr-label" for=pid.clone()>{w.t_now(&format!("date.{suffix}"))}</label>
                <input type="text" inputmode="numeric" id=pid.clone() name=pid dir="ltr"
                    class=move || if marked() { "pr-input--error" } else { "" }
                    aria-invalid=move || marked().then_some("true")
                    prop:value=value on:input=move |ev| set(event_target_value(&ev))/>
            </div>
        }
    };
    view! {
        <div class=fr.group_class()>
            <fieldset role="group" aria-describedby=fr.described_by(None)>
                {legend(w, f, heading)}
                {fr.hint(w, key)}
                {fr.error_message(w)}
                <div class="pr-date">
                    {part("day", |d| &d.day, |d, v| d.day = v)}
                    {part("month", |d| &d.month, |d, v| d.month = v)}
                    {part("year", |d| &d.year, |d, v| d.year = v)}
                </div>
            </fieldset>
        </div>
    }
}

/// "There is a problem": shown above the question when Continue finds
/// errors, focused so screen readers announce it, with a link to each field.
#[component]
pub fn ErrorSummary() -> impl IntoView {
    let w = expect_context::<Wizard>();
    let summary_id = w.id("error-summary");
    move || {
        let errors = w.errors.get();
        (!errors.is_empty()).then(|| {
            let items = errors
                .into_iter()
                .map(|e| {
                    let target = w.id(&e.field);
                    let href = format!("#{target}");
                    view! {
                        <li><a href=href on:click=move |ev| {
                            // Focus the field without touching the host page's URL.
                            ev.prevent_default();
                            crate::edge::page::focus_id(&target);
                        }>{w.say(&e.message)}</a></li>
                    }
                })
                .collect_view();
            view! {
                <div class="pr-error-summary" id=summary_id.clone() tabindex="-1" aria-labelledby=format!("{summary_id}-title")>
                    <div role="alert">
                        <h2 id=format!("{summary_id}-title")>{w.t("errors.title")}</h2>
                        <ul>{items}</ul>
                    </div>
                </div>
            }
        })
    }
}

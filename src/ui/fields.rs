//! Shared field components in the GOV.UK patterns: text input, textarea
//! with a character count, radios, checkboxes, date input and the error
//! summary. Each field shows its own error message above the control, ties
//! hint and error to it with `aria-describedby`, and keeps whatever was
//! typed, valid or not.

use leptos::prelude::*;

use super::wizard::Wizard;

/// Two-way binding between a control and one part of the answers.
pub struct Binding<T: Send + Sync + 'static> {
    pub get: Signal<T>,
    pub set: Callback<T>,
}

impl<T: Send + Sync + 'static> Clone for Binding<T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T: Send + Sync + 'static> Copy for Binding<T> {}

/// `bind!(wizard.answers, field.path)` binds a control to `answers.field.path`.
#[macro_export]
macro_rules! bind {
    ($answers:expr, $($field:ident).+) => {{
        let answers = $answers;
        $crate::ui::fields::Binding {
            get: ::leptos::prelude::Signal::derive(move || {
                ::leptos::prelude::With::with(&answers, |a| a.$($field).+.clone())
            }),
            set: ::leptos::prelude::Callback::new(move |v| {
                ::leptos::prelude::Update::update(&answers, |a| a.$($field).+ = v)
            }),
        }
    }};
}

/// " (optional)" for optional questions: GOV.UK marks optional, not required.
fn optional_suffix(optional: bool) -> &'static str {
    if optional {
        " (optional)"
    } else {
        ""
    }
}

fn described_by(hint: Option<String>, error: Option<String>, extra: Option<String>) -> Option<String> {
    let ids: Vec<String> = [hint, error, extra].into_iter().flatten().collect();
    (!ids.is_empty()).then(|| ids.join(" "))
}

/// The label, as the page's `h1` when the question is the whole page.
#[component]
fn Label(for_id: String, text: String, heading: bool, optional: bool) -> impl IntoView {
    let text = format!("{text}{}", optional_suffix(optional));
    if heading {
        let hid = format!("{for_id}-heading");
        view! { <h1 class="pr-h1" id=hid tabindex="-1"><label class="pr-label pr-label--bold" for=for_id>{text}</label></h1> }.into_any()
    } else {
        view! { <label class="pr-label pr-label--bold" for=for_id>{text}</label> }.into_any()
    }
}

#[component]
fn ErrorMessage(id: String, message: Signal<Option<String>>) -> impl IntoView {
    move || {
        message.get().map(|m| {
            view! { <p class="pr-error-message" id=id.clone()><span class="pr-visually-hidden">"Error: "</span>{m}</p> }
        })
    }
}

/// A one-line text input.
#[component]
pub fn TextField(
    /// The field's key; also the anchor the error summary links to.
    name: &'static str,
    #[prop(into)] label: String,
    #[prop(optional, into)] hint: Option<String>,
    value: Binding<String>,
    #[prop(default = "text")] input_type: &'static str,
    #[prop(optional)] autocomplete: Option<&'static str>,
    #[prop(optional)] inputmode: Option<&'static str>,
    #[prop(optional)] width: Option<&'static str>,
    #[prop(optional)] heading: bool,
    #[prop(optional)] optional: bool,
    #[prop(optional)] spellcheck: Option<bool>,
) -> impl IntoView {
    let w = expect_context::<Wizard>();
    let id = w.id(name);
    let hint_id = hint.as_ref().map(|_| format!("{id}-hint"));
    let err_id = format!("{id}-error");
    let error = w.error_for(name);
    let has_error = move || error.get().is_some();
    let err_id2 = err_id.clone();
    let hint_id2 = hint_id.clone();
    let describedby = move || described_by(hint_id2.clone(), error.get().map(|_| err_id2.clone()), None);
    let class = move || {
        let mut c = String::from(width.unwrap_or(""));
        if has_error() {
            c.push_str(" pr-input--error");
        }
        c
    };
    view! {
        <div class={move || if has_error() { "pr-form-group pr-form-group--error" } else { "pr-form-group" }}>
            <Label for_id=id.clone() text=label heading=heading optional=optional/>
            {hint.map(|h| view! { <div class="pr-hint" id=hint_id.clone()>{h}</div> })}
            <ErrorMessage id=err_id message=error/>
            <input
                class=class
                id=id.clone()
                name=id
                type=input_type
                autocomplete=autocomplete
                inputmode=inputmode
                spellcheck=spellcheck.map(|s| if s { "true" } else { "false" })
                aria-describedby=describedby
                aria-invalid=move || has_error().then_some("true")
                prop:value=move || value.get.get()
                on:input=move |ev| value.set.run(event_target_value(&ev))
            />
        </div>
    }
}

/// A multi-line answer with a GOV.UK-style character count.
#[component]
pub fn TextArea(
    name: &'static str,
    #[prop(into)] label: String,
    #[prop(optional, into)] hint: Option<String>,
    value: Binding<String>,
    max_chars: usize,
    #[prop(optional)] heading: bool,
    #[prop(optional)] optional: bool,
    #[prop(default = 5)] rows: u32,
) -> impl IntoView {
    let w = expect_context::<Wizard>();
    let id = w.id(name);
    let hint_id = hint.as_ref().map(|_| format!("{id}-hint"));
    let err_id = format!("{id}-error");
    let count_id = format!("{id}-count");
    let error = w.error_for(name);
    let has_error = move || error.get().is_some();
    let (err_id2, hint_id2, count_id2) = (err_id.clone(), hint_id.clone(), count_id.clone());
    let describedby =
        move || described_by(hint_id2.clone(), error.get().map(|_| err_id2.clone()), Some(count_id2.clone()));
    let used = move || value.get.with(|v| v.chars().count());
    let count_text = move || {
        let n = used();
        if n > max_chars {
            let over = n - max_chars;
            format!("You have {over} character{} too many", if over == 1 { "" } else { "s" })
        } else {
            let left = max_chars - n;
            format!("You have {left} character{} remaining", if left == 1 { "" } else { "s" })
        }
    };
    view! {
        <div class={move || if has_error() { "pr-form-group pr-form-group--error" } else { "pr-form-group" }}>
            <Label for_id=id.clone() text=label heading=heading optional=optional/>
            {hint.map(|h| view! { <div class="pr-hint" id=hint_id.clone()>{h}</div> })}
            <ErrorMessage id=err_id message=error/>
            <textarea
                class={move || if has_error() { "pr-input--error" } else { "" }}
                id=id.clone()
                name=id
                rows=rows
                aria-describedby=describedby
                aria-invalid=move || has_error().then_some("true")
                prop:value=move || value.get.get()
                on:input=move |ev| value.set.run(event_target_value(&ev))
            ></textarea>
            <div id=count_id class={move || if used() > max_chars { "pr-count pr-count--over" } else { "pr-count" }} aria-live="polite">
                {count_text}
            </div>
        </div>
    }
}

/// One choice in a set of radios or checkboxes.
#[derive(Clone)]
pub struct Choice {
    pub value: &'static str,
    pub label: String,
    pub hint: Option<String>,
}

impl Choice {
    pub fn new(value: &'static str, label: impl Into<String>) -> Self {
        Self { value, label: label.into(), hint: None }
    }
    pub fn hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }
}

/// The legend, as the page's `h1` when the question is the whole page.
fn legend(id: &str, text: String, heading: bool, optional: bool) -> AnyView {
    let text = format!("{text}{}", optional_suffix(optional));
    if heading {
        let hid = format!("{id}-heading");
        view! { <legend><h1 class="pr-h1" id=hid tabindex="-1">{text}</h1></legend> }.into_any()
    } else {
        view! { <legend class="pr-label--bold">{text}</legend> }.into_any()
    }
}

/// Radios: choose one. The first radio carries the field's id, so the error
/// summary's link lands on it.
#[component]
pub fn Radios(
    name: &'static str,
    #[prop(into)] legend_text: String,
    #[prop(optional, into)] hint: Option<String>,
    choices: Vec<Choice>,
    value: Binding<String>,
    #[prop(optional)] heading: bool,
    #[prop(optional)] optional: bool,
) -> impl IntoView {
    choice_group(name, legend_text, hint, choices, heading, optional, ChoiceKind::Radio(value))
}

/// Checkboxes: choose any.
#[component]
pub fn Checkboxes(
    name: &'static str,
    #[prop(into)] legend_text: String,
    #[prop(optional, into)] hint: Option<String>,
    choices: Vec<Choice>,
    value: Binding<Vec<String>>,
    #[prop(optional)] heading: bool,
    #[prop(optional)] optional: bool,
) -> impl IntoView {
    choice_group(name, legend_text, hint, choices, heading, optional, ChoiceKind::Checkbox(value))
}

#[derive(Clone, Copy)]
enum ChoiceKind {
    Radio(Binding<String>),
    Checkbox(Binding<Vec<String>>),
}

fn choice_group(
    name: &'static str,
    legend_text: String,
    hint: Option<String>,
    choices: Vec<Choice>,
    heading: bool,
    optional: bool,
    kind: ChoiceKind,
) -> impl IntoView {
    let w = expect_context::<Wizard>();
    let id = w.id(name);
    let hint_id = hint.as_ref().map(|_| format!("{id}-hint"));
    let err_id = format!("{id}-error");
    let error = w.error_for(name);
    let has_error = move || error.get().is_some();
    let (err_id2, hint_id2) = (err_id.clone(), hint_id.clone());
    let describedby = move || described_by(hint_id2.clone(), error.get().map(|_| err_id2.clone()), None);
    let items = choices
        .into_iter()
        .enumerate()
        .map(|(i, c)| {
            let input_id = if i == 0 { id.clone() } else { format!("{id}-{i}") };
            // Not "{input_id}-hint": the first input carries the field's id, and
            // "{id}-hint" is the whole group's hint.
            let item_hint_id = c.hint.as_ref().map(|_| format!("{id}-{i}-item-hint"));
            let v = c.value;
            let input = match kind {
                ChoiceKind::Radio(b) => view! {
                    <input type="radio" id=input_id.clone() name=id.clone() value=v
                        aria-describedby=item_hint_id.clone()
                        prop:checked=move || b.get.with(|s| s == v)
                        on:change=move |_| b.set.run(v.to_owned())/>
                }
                .into_any(),
                ChoiceKind::Checkbox(b) => view! {
                    <input type="checkbox" id=input_id.clone() name=id.clone() value=v
                        aria-describedby=item_hint_id.clone()
                        prop:checked=move || b.get.with(|s| s.iter().any(|x| x == v))
                        on:change=move |ev| {
                            let on = event_target_checked(&ev);
                            let mut now = b.get.get_untracked();
                            now.retain(|x| x != v);
                            if on {
                                now.push(v.to_owned());
                            }
                            b.set.run(now);
                        }/>
                }
                .into_any(),
            };
            view! {
                <div class="pr-choice">
                    {input}
                    <div class="pr-choice-text">
                        <label for=input_id.clone()>{c.label}</label>
                        {c.hint.map(|h| view! { <div class="pr-hint" id=item_hint_id.clone()>{h}</div> })}
                    </div>
                </div>
            }
        })
        .collect_view();
    view! {
        <div class={move || if has_error() { "pr-form-group pr-form-group--error" } else { "pr-form-group" }}>
            <fieldset aria-describedby=describedby>
                {legend(&id, legend_text, heading, optional)}
                {hint.map(|h| view! { <div class="pr-hint" id=hint_id.clone()>{h}</div> })}
                <ErrorMessage id=err_id message=error/>
                <div class="pr-choices">{items}</div>
            </fieldset>
        </div>
    }
}

/// The parts of a GOV.UK date input, kept exactly as typed.
#[derive(Clone, Copy)]
pub struct DateBinding {
    pub day: Binding<String>,
    pub month: Binding<String>,
    pub year: Binding<String>,
}

/// A GOV.UK date input: day, month and year boxes in one fieldset.
#[component]
pub fn DateField(
    name: &'static str,
    #[prop(into)] legend_text: String,
    #[prop(optional, into)] hint: Option<String>,
    value: DateBinding,
    #[prop(optional)] heading: bool,
    #[prop(optional)] optional: bool,
) -> impl IntoView {
    let w = expect_context::<Wizard>();
    let id = w.id(name);
    let hint_id = hint.as_ref().map(|_| format!("{id}-hint"));
    let err_id = format!("{id}-error");
    let error = w.error_for(name);
    let has_error = move || error.get().is_some();
    let (err_id2, hint_id2) = (err_id.clone(), hint_id.clone());
    let describedby = move || described_by(hint_id2.clone(), error.get().map(|_| err_id2.clone()), None);
    let part = move |suffix: &'static str, label: &'static str, b: Binding<String>, year: bool| {
        // The day box carries the field's own id so the error summary lands on it.
        let pid = if suffix == "day" { id.clone() } else { format!("{id}-{suffix}") };
        view! {
            <div class=if year { "pr-date-item pr-date-item--year" } else { "pr-date-item" }>
                <label class="pr-label" for=pid.clone()>{label}</label>
                <input type="text" inputmode="numeric" id=pid.clone() name=pid
                    class={move || if has_error() { "pr-input--error" } else { "" }}
                    aria-invalid=move || has_error().then_some("true")
                    prop:value=move || b.get.get()
                    on:input=move |ev| b.set.run(event_target_value(&ev))/>
            </div>
        }
    };
    view! {
        <div class={move || if has_error() { "pr-form-group pr-form-group--error" } else { "pr-form-group" }}>
            <fieldset role="group" aria-describedby=describedby>
                {legend(&w.id(name), legend_text, heading, optional)}
                {hint.map(|h| view! { <div class="pr-hint" id=hint_id.clone()>{h}</div> })}
                <ErrorMessage id=err_id message=error/>
                <div class="pr-date">
                    {part("day", "Day", value.day, false)}
                    {part("month", "Month", value.month, false)}
                    {part("year", "Year", value.year, true)}
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
                        }>{e.message}</a></li>
                    }
                })
                .collect_view();
            view! {
                <div class="pr-error-summary" id=summary_id.clone() tabindex="-1" aria-labelledby=format!("{summary_id}-title")>
                    <div role="alert">
                        <h2 id=format!("{summary_id}-title")>"There is a problem"</h2>
                        <ul>{items}</ul>
                    </div>
                </div>
            }
        })
    }
}

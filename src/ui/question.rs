//! A question page drawn from its declaration: notes, the error summary,
//! the heading (the page's own, or its one question's label or legend),
//! each field, and Continue.

use leptos::prelude::*;

use super::fields::{ErrorSummary, FieldView};
use super::wizard::Wizard;
use crate::domain::journey::{Note, Page, Tone};
use crate::domain::text::Msg;

#[component]
pub fn QuestionPage(page: &'static Page) -> impl IntoView {
    let w = expect_context::<Wizard>();
    let title = page.titled.then(|| {
        // A field with the page's own key shows that hint beside itself, tied to it.
        let own_hint = page.fields.iter().all(|f| f.key != page.key);
        let hint_key = format!("{}.hint", page.key);
        let hint_id = w.id(&format!("{}-page-hint", page.key));
        let title_key = format!("{}.title", page.key);
        view! {
            <h1 class="pr-h1" tabindex="-1">{w.t_now(&title_key)}</h1>
            {(own_hint && w.has(&hint_key)).then(|| view! { <p class="pr-hint" id=hint_id>{w.t_now(&hint_key)}</p> })}
        }
    });
    let fields = page
        .fields
        .iter()
        .enumerate()
        .map(|(i, f)| {
            let heading = !page.titled && i == 0;
            match (f.when, f.answered_elsewhere) {
                (None, None) => view! { <FieldView field=f heading=heading/> }.into_any(),
                // A GOV.UK conditional reveal: shown (and checked) only when it applies.
                (Some(_), _) => view! {
                    <Show when=move || w.answers.with(|a| f.visible(a))>
                        <div class="pr-conditional"><FieldView field=f heading=false/></div>
                    </Show>
                }
                .into_any(),
                // Answered on an earlier page: not asked again.
                (None, Some(_)) => view! {
                    <Show when=move || w.answers.with(|a| f.visible(a))>
                        <FieldView field=f heading=heading/>
                    </Show>
                }
                .into_any(),
            }
        })
        .collect_view();
    let button = page.button.unwrap_or("button.continue");
    view! {
        <Notes page=page after=false/>
        <ErrorSummary/>
        <form novalidate on:submit=move |ev| {
            ev.prevent_default();
            w.continue_from();
        }>
            {title}
            {fields}
            <Notes page=page after=true/>
            <div class="pr-button-group">
                <button type="submit" class="pr-button">{w.t_now(button)}</button>
            </div>
        </form>
    }
}

/// The page's notes before (or after) its questions, each shown only while
/// it applies (a warning that follows an answer appears with it).
#[component]
fn Notes(page: &'static Page, after: bool) -> impl IntoView {
    page.notes.iter().filter(|n| n.after == after).map(|n| view! { <NoteView note=*n/> }).collect_view()
}

#[component]
pub fn NoteView(note: Note) -> impl IntoView {
    let w = expect_context::<Wizard>();
    // The landlord's own page, in a new tab so the answers stay where they are.
    let link = note.link.and_then(|l| w.ctx(l)).map(|(key, url)| {
        view! {
            <p class="pr-note-link">
                <a href=url target="_blank" rel="noopener">{w.say_now(&Msg::new("link.new_tab").text("text", w.t_now(key)))}</a>
            </p>
        }
    });
    let text = move || {
        let msg = w.answers.with(|a| w.ctx(|c| (note.text)(a, c)))?;
        Some(note_box(note.tone, &w.say(&msg), w.t("note.warning")))
    };
    view! { {text}{link} }
}

/// GOV.UK inset text, warning text (with its "!" and a hidden "Warning"),
/// or plain paragraphs. Blank lines separate paragraphs.
pub fn note_box(tone: Tone, text: &str, warning: String) -> AnyView {
    let paras = text.split("\n\n").map(|p| view! { <p>{p.to_owned()}</p> }).collect_view();
    match tone {
        Tone::Inset => view! { <div class="pr-inset">{paras}</div> }.into_any(),
        Tone::Plain => view! { <div class="pr-notes">{paras}</div> }.into_any(),
        Tone::Warning => view! {
            <div class="pr-warning-text">
                <span class="pr-warning-text__icon" aria-hidden="true">"!"</span>
                <div class="pr-warning-text__text"><span class="pr-visually-hidden">{warning}</span>{paras}</div>
            </div>
        }
        .into_any(),
    }
}

//! The lazy parts: pages most residents never see, kept out of the wasm a
//! first visit downloads and fetched the first time one is shown. "My
//! complaints", "Is my landlord late?", the Ombudsman summary, Check your
//! answers with the send, the confirmation with the saved copy, and the
//! evidence uploader.
//!
//! Each part is a `wasm_split` function (the `lazy` feature, which the widget
//! build turns on; its post-build step, `scripts/lib/lazy-parts.sh`, splits
//! the wasm at these functions). Without the feature (the wasm test
//! binaries) the same functions are plain calls.
//!
//! While a part is on its way nothing is drawn, and after a moment a short
//! "Loading". If it does not arrive (offline, a network that gave up) the
//! resident is told in plain words, with "Try again"; nothing they entered
//! is touched, and a retry fetches it afresh.

use std::future::Future;

use gloo_timers::future::TimeoutFuture;
use leptos::prelude::*;

use super::wizard::Wizard;
use crate::domain::journey::{self, Field, Kind, Special};

/// How long a part may take before "Loading" is shown, in milliseconds.
const SLOW_MS: u32 = 1000;

/// A lazy part that did not arrive.
pub struct NotLoaded;

#[cfg(feature = "lazy")]
impl From<leptos::wasm_split::SplitLoaderError> for NotLoaded {
    fn from(_: leptos::wasm_split::SplitLoaderError) -> Self {
        NotLoaded
    }
}

/// A function whose code is the lazy part `$part` (and what only it uses),
/// called as `async`. `fallible`: a part that does not arrive is an `Err`,
/// never a panic (which would stop the whole widget). With `preload $p`,
/// also `$p()`, which fetches the part (and the shared pieces it uses)
/// without drawing anything; a part already here is not fetched again, and
/// one that did not arrive is fetched afresh by the next call.
macro_rules! lazy_part {
    ($part:ident => fn $name:ident($($arg:ident: $ty:ty),*) = $body:expr) => {
        #[cfg(feature = "lazy")]
        #[leptos::wasm_split::wasm_split($part, wasm_split_path = leptos::wasm_split, fallible)]
        fn $name($($arg: $ty),*) -> Result<AnyView, NotLoaded> {
            Ok($body)
        }
        #[cfg(not(feature = "lazy"))]
        async fn $name($($arg: $ty),*) -> Result<AnyView, NotLoaded> {
            Ok($body)
        }
    };
    ($part:ident, preload $pre:ident => fn $name:ident($($arg:ident: $ty:ty),*) = $body:expr) => {
        #[cfg(feature = "lazy")]
        #[leptos::wasm_split::wasm_split($part, wasm_split_path = leptos::wasm_split, fallible, preload($pre))]
        fn $name($($arg: $ty),*) -> Result<AnyView, NotLoaded> {
            Ok($body)
        }
        #[cfg(not(feature = "lazy"))]
        async fn $name($($arg: $ty),*) -> Result<AnyView, NotLoaded> {
            Ok($body)
        }
        /// Nothing to fetch: without the `lazy` feature the part is in the one module.
        #[cfg(not(feature = "lazy"))]
        async fn $pre() -> Result<(), NotLoaded> {
            Ok(())
        }
    };
}

lazy_part!(tracker => fn tracker_list() = view! { <super::tracker::List/> }.into_any());
lazy_part!(lateness, preload preload_lateness => fn lateness() = view! { <super::special::Lateness/> }.into_any());
lazy_part!(ombudsman, preload preload_ombudsman => fn ombudsman_summary() = view! { <super::special::OmbudsmanSummary/> }.into_any());
lazy_part!(check, preload preload_check => fn check() = view! { <super::check::Check/> }.into_any());
lazy_part!(confirmation, preload preload_confirmation => fn confirmation() = view! { <super::confirm::Confirmation/> }.into_any());
lazy_part!(evidence, preload preload_evidence => fn evidence(w: Wizard, f: &'static Field, heading: bool) = super::evidence::files(w, f, heading).into_any());

/// Fetches, in the background, the parts still to come on this resident's
/// route to sending, so that a signal lost on the way does not stop them
/// reaching Check your answers, sending (queued on the device until the
/// signal is back) and seeing the confirmation: Check your answers with the
/// send, the confirmation, and those of the evidence uploader, "Is my
/// landlord late?" and the Ombudsman summary that are on their route as
/// answered so far. Called on each Continue (and on continuing a saved
/// draft), never on opening the widget: a first visit fetches none of it.
/// Parts already here cost nothing; one that did not arrive is tried again
/// on the next call, and a failure is not shown (the page that needs the
/// part says so itself, if it is still missing when reached).
///
/// The work waits until the new step is drawn (`after_paint`), so working
/// out the route and starting the fetches never holds up the step; once a
/// part has arrived it is not asked for again.
pub fn preload_route(w: Wizard) {
    crate::edge::page::after_paint(&w.id("preload"), move || preload_now(w));
}

/// One bit per part that preloads, set once it has arrived.
#[derive(Clone, Copy)]
#[repr(u8)]
enum Part {
    Check = 1,
    Confirmation = 2,
    Evidence = 4,
    Lateness = 8,
    Ombudsman = 16,
}

thread_local! {
    static ARRIVED: std::cell::Cell<u8> = const { std::cell::Cell::new(0) };
}

fn arrived(p: Part) -> bool {
    ARRIVED.with(|a| a.get() & p as u8 != 0)
}

fn preload_now(w: Wizard) {
    if [Part::Check, Part::Confirmation, Part::Evidence, Part::Lateness, Part::Ombudsman].into_iter().all(arrived) {
        return;
    }
    // The widget may have gone from the page meanwhile.
    let Some((files, late, summary)) = w.answers.try_with_untracked(|a| {
        w.ctx(|c| {
            let route = journey::route(a, c);
            let has = |s: Special| route.iter().any(|(p, _)| p.special == Some(s));
            let files = route.iter().any(|(p, _)| p.fields.iter().any(|f| matches!(f.kind, Kind::Files)));
            (files, has(Special::Lateness), has(Special::OmbudsmanSummary))
        })
    }) else {
        return;
    };
    fetch_quietly(Part::Check, preload_check());
    fetch_quietly(Part::Confirmation, preload_confirmation());
    if files {
        fetch_quietly(Part::Evidence, preload_evidence());
    }
    if late {
        fetch_quietly(Part::Lateness, preload_lateness());
    }
    if summary {
        fetch_quietly(Part::Ombudsman, preload_ombudsman());
    }
}

/// Runs a preload to its end, whatever comes of it, unless its part is here.
fn fetch_quietly<E>(part: Part, preload: impl Future<Output = Result<(), E>> + 'static) {
    if arrived(part) {
        return;
    }
    leptos::task::spawn_local(async move {
        if preload.await.is_ok() {
            ARRIVED.with(|a| a.set(a.get() | part as u8));
        }
    });
}

/// "My complaints on this device".
pub fn tracker_page() -> AnyView {
    show(true, tracker_list)
}

/// "Is my landlord late?"
pub fn lateness_page() -> AnyView {
    show(true, lateness)
}

/// The summary to take to the Ombudsman.
pub fn ombudsman_page() -> AnyView {
    show(true, ombudsman_summary)
}

/// Check your answers, and the send.
pub fn check_page() -> AnyView {
    show(true, check)
}

/// The confirmation, with the saved copy.
pub fn confirmation_page() -> AnyView {
    show(true, confirmation)
}

/// The photo and document uploader; `heading`: its legend is the page's heading.
pub fn evidence_field(w: Wizard, f: &'static Field, heading: bool) -> AnyView {
    show(heading, move || evidence(w, f, heading))
}

/// `load`'s part once it is here; drawn again from the start by "Try again".
fn show<F, Fut>(heading: bool, load: F) -> AnyView
where
    F: Fn() -> Fut + Copy + Send + Sync + 'static,
    Fut: Future<Output = Result<AnyView, NotLoaded>> + Send + 'static,
{
    let w = expect_context::<Wizard>();
    let tries = RwSignal::new(0u32);
    (move || {
        tries.track();
        attempt(w, heading, load, tries)
    })
    .into_any()
}

/// One try at fetching a part: nothing at first, "Loading" once it is slow,
/// then the part or the message that it did not load.
fn attempt<F, Fut>(w: Wizard, heading: bool, load: F, tries: RwSignal<u32>) -> impl IntoView
where
    F: Fn() -> Fut + Copy + Send + Sync + 'static,
    Fut: Future<Output = Result<AnyView, NotLoaded>> + Send + 'static,
{
    let waiting = RwSignal::new(true);
    let slow = RwSignal::new(false);
    leptos::task::spawn_local(async move {
        TimeoutFuture::new(SLOW_MS).await;
        // The page may have moved on (these signals gone) in the meantime.
        if waiting.try_get_untracked() == Some(true) {
            slow.try_set(true);
        }
    });
    let part = Suspend::new(async move {
        let loaded = load().await;
        waiting.try_set(false);
        slow.try_set(false);
        w.part_arrived();
        match loaded {
            Ok(view) => view,
            Err(NotLoaded) => not_loaded(w, heading, tries),
        }
    });
    view! {
        {move || slow.get().then(|| view! { <p class="pr-hint" role="status">{w.t("lazy.loading")}</p> })}
        {part}
    }
}

/// The part did not arrive: say so plainly, with "Try again".
fn not_loaded(w: Wizard, heading: bool, tries: RwSignal<u32>) -> AnyView {
    let title = move || w.t("lazy.failed_title");
    let title = if heading {
        view! { <h1 class="pr-h1" tabindex="-1">{title}</h1> }.into_any()
    } else {
        view! { <h2>{title}</h2> }.into_any()
    };
    view! {
        <div class="pr-lazy-failed">
            {title}
            <p>{move || w.t("lazy.failed_body")}</p>
            <div class="pr-button-group">
                <button type="button" class="pr-button pr-button--secondary" on:click=move |_| {
                    w.heading_to_come();
                    tries.update(|n| *n += 1);
                }>
                    {move || w.t("lazy.retry")}
                </button>
            </div>
        </div>
    }
    .into_any()
}

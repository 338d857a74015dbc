//! The Leptos components. One module per step or group of steps, plus the
//! shared field components. Browser effects go through [`crate::edge`].

pub mod app;
pub mod fields;
pub mod send;
pub mod steps;
pub mod wizard;

use leptos::prelude::*;

use crate::edge::{console, embed};

/// Mounts one widget into `element` for the lifetime of the page.
pub fn mount(element: web_sys::HtmlElement, setup: wizard::Setup) {
    leptos::mount::mount_to(element, move || view! { <app::Widget setup=setup/> }).forget();
}

/// Finds every host element on the page and mounts a widget into each,
/// inside its own shadow root. `assets` is the public URL the widget's
/// files are served from, ending in `/` (the loader passes its own folder);
/// the stylesheet `putright.css` is loaded from there.
pub fn start(assets: &str) {
    console_error_panic_hook::set_once();
    let stylesheet = format!("{assets}putright.css");
    for host in embed::hosts() {
        let stylesheet = stylesheet.clone();
        // Not leptos's spawner: it is only set up by the first mount.
        wasm_bindgen_futures::spawn_local(async move {
            match embed::load_config(&host).await {
                Ok(config) => {
                    embed::clear(&host);
                    let theme = config.theme.clone();
                    let Some(container) = embed::isolate(&host, &stylesheet, &theme, false) else { return };
                    let setup = wizard::Setup { instance: host.instance.clone(), config, manage_title: host.manage_title };
                    mount(container, setup);
                    embed::mark(&host, "ready");
                }
                Err(problem) => {
                    // The landlord's web team sees which setting is wrong; the
                    // resident sees how to reach the landlord instead.
                    console::error(&problem.to_string());
                    let phone = host.fallback_phone.clone();
                    // Without a phone number on the element, keep the landlord's
                    // own placeholder text (it has their contact details) and add to it.
                    let keep = phone.is_none();
                    if !keep {
                        embed::clear(&host);
                    }
                    let theme = crate::domain::theme::Theme::default();
                    let Some(container) = embed::isolate(&host, &stylesheet, &theme, keep) else { return };
                    leptos::mount::mount_to(container, move || view! { <app::ConfigFallback phone=phone/> }).forget();
                    embed::mark(&host, "failed");
                }
            }
        });
    }
}

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

/// Finds every host element on the page and mounts a widget into each.
pub fn start() {
    console_error_panic_hook::set_once();
    for host in embed::hosts() {
        // Not leptos's spawner: it is only set up by the first mount.
        wasm_bindgen_futures::spawn_local(async move {
            match embed::load_config(&host).await {
                Ok(config) => {
                    embed::clear(&host);
                    let setup = wizard::Setup { instance: host.instance.clone(), config, manage_title: host.manage_title };
                    mount(host.element.clone(), setup);
                }
                Err(problem) => {
                    // The landlord's web team sees which setting is wrong; the
                    // resident sees how to reach the landlord instead.
                    console::error(&problem.to_string());
                    let phone = host.fallback_phone.clone();
                    // Without a phone number on the element, keep the landlord's
                    // own placeholder text (it has their contact details) and add to it.
                    if phone.is_some() {
                        embed::clear(&host);
                    }
                    leptos::mount::mount_to(host.element.clone(), move || view! { <app::ConfigFallback phone=phone/> })
                        .forget();
                }
            }
        });
    }
}

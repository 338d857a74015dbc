//! Finding the landlord's host elements and reading each one's config.
//!
//! A host element is any element with a `data-putright` attribute. Its config
//! comes from `data-config-url` (a JSON file the landlord hosts) or from an
//! inline `data-config` JSON string; the JSON is checked by
//! [`crate::domain::config::LandlordConfig::from_json`].
//!
//! Each widget renders in an open shadow root on its host element
//! ([`isolate`]), with the stylesheet loaded inside it, so the host page's
//! CSS and the widget's CSS cannot reach each other. Leptos attaches its
//! event listeners to the elements themselves, so events work there; the
//! end-to-end tests drive every journey inside the shadow root.

use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use web_sys::{ShadowRootInit, ShadowRootMode};

/// The element a widget is drawn into (the UI names it, never calls it).
pub use web_sys::HtmlElement;

use super::{console, page};
use crate::domain::config::LandlordConfig;
use crate::domain::theme::{check_colours, Rgb, Theme};

/// One place on the page where a widget should appear.
pub struct Host {
    pub element: HtmlElement,
    /// The fallback phone number the landlord wrote on the element
    /// (`data-phone`), shown if the config cannot be used.
    pub fallback_phone: Option<String>,
    /// And an email address (`data-email`).
    pub fallback_email: Option<String>,
    /// Whether the widget may set the document title (`data-manage-title`).
    pub manage_title: bool,
    /// A stable name for this instance on the page (its id, or its position).
    pub instance: String,
    /// Whether no earlier host on the page reads the same config: such a
    /// host keeps the landlord's draft, shared with the landlord's other
    /// pages; a second widget of the same config keeps its own.
    pub first_of_config: bool,
}

thread_local! {
    /// Hosts numbered so far on this page: hosts mounted later number on.
    static NUMBERED: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
    /// The config of every host mounted so far on this page.
    static CONFIGS: std::cell::RefCell<Vec<String>> = const { std::cell::RefCell::new(Vec::new()) };
}

/// Every host element on the page that has no widget in it yet.
pub fn hosts() -> Vec<Host> {
    let Some(doc) = web_sys::window().and_then(|w| w.document()) else { return Vec::new() };
    let Ok(list) = doc.query_selector_all("[data-putright]:not([data-putright-mounted])") else { return Vec::new() };
    // The loader numbers the hosts it first finds as this first call does.
    let base = NUMBERED.with(|n| n.replace(n.get() + list.length() as usize));
    (0..list.length())
        .filter_map(|i| list.item(i)?.dyn_into::<HtmlElement>().ok())
        .enumerate()
        .map(|(i, element)| {
            let _ = element.set_attribute("data-putright-mounted", "");
            let id = element.id();
            let source = element.get_attribute("data-config-url").or_else(|| element.get_attribute("data-config")).unwrap_or_default();
            let first_of_config = CONFIGS.with(|c| {
                let mut c = c.borrow_mut();
                let first = !c.contains(&source);
                c.push(source);
                first
            });
            Host {
                fallback_phone: element.get_attribute("data-phone").filter(|p| !p.trim().is_empty()),
                fallback_email: element.get_attribute("data-email").filter(|e| !e.trim().is_empty()),
                manage_title: element
                    .get_attribute("data-manage-title")
                    .is_some_and(|v| v.is_empty() || v == "true"),
                // The widget root takes this as its id, so it must differ from the host's.
                instance: if id.is_empty() { format!("putright-{}", base + i) } else { format!("{id}-pr") },
                first_of_config,
                element,
            }
        })
        .collect()
}

/// Why a host's config could not be used. `Display` names the setting, for
/// the landlord's web team (it goes to the console, never to residents).
#[derive(Debug)]
pub enum ConfigProblem {
    Missing,
    Unreachable { url: String, detail: String },
    /// With the landlord's phone number and email if the config has valid
    /// ones despite the bad setting.
    Invalid { detail: String, phone: Option<String>, email: Option<String> },
}

impl ConfigProblem {
    /// The landlord's phone number and email the broken config still gives.
    pub fn contact(&self) -> (Option<String>, Option<String>) {
        match self {
            Self::Invalid { phone, email, .. } => (phone.clone(), email.clone()),
            _ => (None, None),
        }
    }
}

impl std::fmt::Display for ConfigProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Missing => write!(f, "data-config-url: the host element needs data-config-url or data-config"),
            Self::Unreachable { url, detail } => write!(f, "data-config-url: could not load {url} ({detail})"),
            Self::Invalid { detail, .. } => write!(f, "config {detail}"),
        }
    }
}

/// Loads and checks the host's config.
pub async fn load_config(host: &Host) -> Result<LandlordConfig, ConfigProblem> {
    let json = if let Some(inline) = host.element.get_attribute("data-config") {
        inline
    } else if let Some(url) = host.element.get_attribute("data-config-url") {
        fetch_text(&url).await.map_err(|detail| ConfigProblem::Unreachable { url: url.clone(), detail })?
    } else {
        return Err(ConfigProblem::Missing);
    };
    LandlordConfig::from_json(&json).map_err(|e| {
        let (phone, email) = crate::domain::config::contact_in_broken(&json);
        ConfigProblem::Invalid { detail: e.to_string(), phone, email }
    })
}

/// Loads a catalogue: one shipped beside the widget (`i18n/<locale>.json`)
/// or a landlord's own. The error names the setting and the URL.
pub async fn load_catalogue(url: &str, setting: &str) -> Result<crate::domain::text::Catalogue, String> {
    let json = fetch_text(url).await.map_err(|detail| format!("{setting}: could not load {url} ({detail})"))?;
    crate::domain::text::Catalogue::from_json(&json).map_err(|e| format!("{setting}: {url}: {}", e.0))
}

async fn fetch_text(url: &str) -> Result<String, String> {
    let resp = gloo_net::http::Request::get(url).send().await.map_err(|_| "network error".to_owned())?;
    if !resp.ok() {
        return Err(format!("HTTP {}", resp.status()));
    }
    resp.text().await.map_err(|_| "unreadable body".to_owned())
}

/// Removes the host's placeholder content just before the widget mounts.
pub fn clear(host: &Host) {
    host.element.set_inner_html("");
}

/// Adds a `data-putright-status` of `ready` or `failed` to the host, for
/// landlords' scripts and the loader's own fallback.
pub fn mark(host: &Host, status: &str) {
    let _ = host.element.set_attribute("data-putright-status", status);
}

/// What the loader's plain first question (`public/putright.js`) held when
/// the widget took it over.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Plain {
    /// The values of the boxes ticked.
    pub checked: Vec<String>,
    /// Continue was pressed and nothing changed since: the widget goes on
    /// from where the plain page went.
    pub submitted: bool,
    /// The id of the element that had focus inside the widget, if any.
    pub focus: Option<String>,
}

/// Gives the widget its own shadow root inside the host element, so the host
/// page's CSS cannot restyle it and its CSS cannot leak out. Returns the
/// element to mount into. The stylesheet is loaded inside the shadow root;
/// the container stays hidden until it has loaded (no flash of unstyled
/// content), then the theme's contrast is checked.
///
/// If the loader already drew the first question in a shadow root there,
/// that root and its loaded stylesheet are kept: the plain page is removed
/// (the caller mounts in the same turn, so nothing blank is painted) and
/// what it held is returned.
///
/// `keep_placeholder` shows the host's own content (the landlord's
/// placeholder) after the widget, through a `<slot>`.
pub fn isolate(host: &Host, stylesheet: &str, theme: &Theme, keep_placeholder: bool) -> Option<(HtmlElement, Option<Plain>)> {
    let doc = web_sys::window()?.document()?;
    let container: HtmlElement = doc.create_element("div").ok()?.dyn_into().ok()?;
    container.set_class_name("pr-root");
    apply_theme(&container, theme);
    // The loader's root if it made one, else a new one.
    let root = match host.element.shadow_root() {
        Some(root) => Ok(root),
        None => host.element.attach_shadow(&ShadowRootInit::new(ShadowRootMode::Open)),
    };
    let Ok(root) = root else {
        // Only some elements can hold a shadow root (div, section, main, ...).
        console::warn("data-putright: this element cannot hold a shadow root, so the host page's CSS may reach the widget; put data-putright on a <div>");
        let link = stylesheet_link(&doc, stylesheet)?;
        container.set_hidden(true);
        on_stylesheet(&link, &container, theme);
        let _ = host.element.class_list().add_1("pr-light-host");
        let _ = host.element.append_child(&link);
        let _ = host.element.append_child(&container);
        return Some((container, None));
    };
    let plain = root.query_selector("[data-pr-plain]").ok().flatten();
    // On a draft to resume the loader draws nothing, but makes the root
    // with its stylesheet adopted (marked on the slot that shows the
    // landlord's placeholder meanwhile).
    let ahead = root.query_selector("slot[data-pr-ahead]").ok().flatten();
    let styled = plain.as_ref().is_some_and(|p| !p.has_attribute("hidden")) || ahead.as_ref().is_some_and(|s| s.has_attribute("data-pr-styled"));
    let taken = plain.as_ref().map(|p| take_over(&root, p));
    let mut link = root.query_selector("link[rel=stylesheet]").ok().flatten();
    if let Some(p) = plain {
        p.remove();
    }
    if let Some(s) = ahead {
        s.remove();
    }
    // A root of our own, or the loader's without its stylesheet: load it.
    if !styled && link.is_none() {
        let l = stylesheet_link(&doc, stylesheet)?;
        let _ = root.append_child(&l);
        link = Some(l);
    }
    let _ = root.append_child(&container);
    if keep_placeholder {
        if let Ok(slot) = doc.create_element("slot") {
            let _ = root.append_child(&slot);
        }
    }
    if styled {
        check_theme(&container, theme);
    } else {
        container.set_hidden(true);
        if let Some(link) = &link {
            on_stylesheet(link, &container, theme);
        }
    }
    page::register_root(root);
    Some((container, taken))
}

fn stylesheet_link(doc: &web_sys::Document, href: &str) -> Option<web_sys::Element> {
    let link = doc.create_element("link").ok()?;
    let _ = link.set_attribute("rel", "stylesheet");
    let _ = link.set_attribute("href", href);
    Some(link)
}

/// Shows the container once the stylesheet has loaded (or failed to).
fn on_stylesheet(link: &web_sys::Element, container: &HtmlElement, theme: &Theme) {
    let shown = container.clone();
    let checked_theme = theme.clone();
    let on_load = Closure::once_into_js(move || {
        shown.set_hidden(false);
        check_theme(&shown, &checked_theme);
    });
    let _ = link.add_event_listener_with_callback("load", on_load.unchecked_ref());
    let shown = container.clone();
    let on_error = Closure::once_into_js(move || {
        console::error("stylesheet: could not load the widget's stylesheet; check the loader's public URL");
        shown.set_hidden(false);
    });
    let _ = link.add_event_listener_with_callback("error", on_error.unchecked_ref());
}

/// Reads the plain page: the boxes ticked, a pending Continue, the focus.
fn take_over(root: &web_sys::ShadowRoot, plain: &web_sys::Element) -> Plain {
    let checked = plain.get_attribute("data-pr-checked").unwrap_or_default().split_whitespace().map(str::to_owned).collect();
    // A page after the question (the advice, or waiting for the next
    // question) is a Continue the widget repeats.
    let stage = plain.get_attribute("data-pr-stage").unwrap_or_default();
    let submitted = stage != "ask" || plain.get_attribute("data-pr-submitted").as_deref() == Some("true");
    let focus = root.active_element().map(|e| e.id()).filter(|id| !id.is_empty());
    Plain { checked, submitted, focus }
}

/// Sets the config's theme as custom properties on the widget's container
/// (CSSOM, which a strict Content-Security-Policy allows).
fn apply_theme(container: &HtmlElement, theme: &Theme) {
    let style = container.style();
    if let Some(brand) = &theme.brand_colour {
        for p in ["--pr-brand", "--pr-link", "--pr-button"] {
            let _ = style.set_property(p, brand);
        }
        let _ = style.set_property("--pr-button-shadow", &format!("color-mix(in srgb, {brand} 55%, #000)"));
    }
    if let Some(font) = &theme.font_family {
        let _ = style.set_property("--pr-font", font);
    }
    if let Some(r) = theme.border_radius {
        let _ = style.set_property("--pr-radius", &format!("{r}px"));
    }
}

/// Checks the colours the widget will really use (from the config or from
/// custom properties the landlord set on the host element) and puts back
/// the safe defaults where contrast fails, with a console warning naming
/// the setting.
fn check_theme(container: &HtmlElement, theme: &Theme) {
    let Some(window) = web_sys::window() else { return };
    let Some(doc) = window.document() else { return };
    let Some(probe) = doc.create_element("span").ok().and_then(|e| e.dyn_into::<HtmlElement>().ok()) else { return };
    let _ = probe.set_attribute("aria-hidden", "true");
    let _ = container.append_child(&probe);
    let colour = |property: &str| -> Option<Rgb> {
        probe.style().set_property("color", &format!("var({property})")).ok()?;
        let computed = window.get_computed_style(&probe).ok()??.get_property_value("color").ok()?;
        Rgb::from_css(&computed)
    };
    let resets = check_colours(colour);
    probe.remove();
    for reset in resets {
        let _ = container.style().set_property(reset.property, &reset.safe.hex());
        // The reason starts with the custom property; name the config setting too when it set the colour.
        let setting = if theme.brand_colour.is_some() && ["--pr-link", "--pr-button"].contains(&reset.property) {
            "theme.brand_colour: "
        } else {
            ""
        };
        console::warn(&format!("{setting}{}; using the safe colour {} for {} instead", reset.reason, reset.safe.hex(), reset.property));
    }
}

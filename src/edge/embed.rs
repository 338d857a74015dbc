//! Finding the landlord's host elements and reading each one's config.
//!
//! A host element is any element with a `data-putright` attribute. Its config
//! comes from `data-config-url` (a JSON file the landlord hosts) or from an
//! inline `data-config` JSON string; the JSON is checked by
//! [`crate::domain::config::LandlordConfig::from_json`].

use wasm_bindgen::JsCast;
use web_sys::HtmlElement;

use crate::domain::config::LandlordConfig;

/// One place on the page where a widget should appear.
pub struct Host {
    pub element: HtmlElement,
    /// The fallback phone number the landlord wrote on the element
    /// (`data-phone`), shown if the config cannot be used.
    pub fallback_phone: Option<String>,
    /// Whether the widget may set the document title (`data-manage-title`).
    pub manage_title: bool,
    /// A stable name for this instance on the page (its id, or its position).
    pub instance: String,
}

/// Every host element on the page that has no widget in it yet.
pub fn hosts() -> Vec<Host> {
    let Some(doc) = web_sys::window().and_then(|w| w.document()) else { return Vec::new() };
    let Ok(list) = doc.query_selector_all("[data-putright]:not([data-putright-mounted])") else { return Vec::new() };
    (0..list.length())
        .filter_map(|i| list.item(i)?.dyn_into::<HtmlElement>().ok())
        .enumerate()
        .map(|(i, element)| {
            let _ = element.set_attribute("data-putright-mounted", "");
            let id = element.id();
            Host {
                fallback_phone: element.get_attribute("data-phone").filter(|p| !p.trim().is_empty()),
                manage_title: element
                    .get_attribute("data-manage-title")
                    .is_some_and(|v| v.is_empty() || v == "true"),
                // The widget root takes this as its id, so it must differ from the host's.
                instance: if id.is_empty() { format!("putright-{i}") } else { format!("{id}-pr") },
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
    Invalid(String),
}

impl std::fmt::Display for ConfigProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Missing => write!(f, "data-config-url: the host element needs data-config-url or data-config"),
            Self::Unreachable { url, detail } => write!(f, "data-config-url: could not load {url} ({detail})"),
            Self::Invalid(msg) => write!(f, "config {msg}"),
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
    LandlordConfig::from_json(&json).map_err(|e| ConfigProblem::Invalid(e.to_string()))
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

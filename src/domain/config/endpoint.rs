//! Where submissions go: `endpoint.url`, `.format`, `.headers`,
//! `.timeout_ms`, `.reference_field`.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::check::{check_header, check_url, Obj};
use super::ConfigError;

/// How the widget posts submissions.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EndpointFormat {
    /// `application/json` body: the payload as is.
    #[default]
    Json,
    /// `application/x-www-form-urlencoded` body.
    Form,
}

/// Where submissions go.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Endpoint {
    /// https URL (http only for localhost).
    pub url: String,
    /// Body format (default json).
    pub format: EndpointFormat,
    /// Extra request headers.
    pub headers: BTreeMap<String, String>,
    /// Request timeout in milliseconds (default 15000; 1000 to 120000).
    pub timeout_ms: u32,
    /// The response JSON field holding the landlord's reference (default
    /// "reference").
    pub reference_field: String,
}

/// Takes `endpoint` out of the config's root object.
pub(super) fn parse(root: &mut Obj) -> Result<Endpoint, ConfigError> {
    let mut ep = root
        .object("endpoint")?
        .ok_or_else(|| ConfigError::new("endpoint.url", "is required"))?;
    let url = ep.required_text("url")?;
    check_url("endpoint.url", &url)?;
    let format = ep.take::<EndpointFormat>("format")?.unwrap_or_default();
    let headers = ep
        .take::<BTreeMap<String, String>>("headers")?
        .unwrap_or_default();
    for (name, value) in &headers {
        check_header("endpoint.headers", name, value)?;
    }
    let timeout_ms = ep.take::<u32>("timeout_ms")?.unwrap_or(15_000);
    if !(1_000..=120_000).contains(&timeout_ms) {
        return Err(ConfigError::new(
            "endpoint.timeout_ms",
            "must be between 1000 and 120000 milliseconds",
        ));
    }
    let reference_field = ep
        .text("reference_field")?
        .unwrap_or_else(|| "reference".into());
    ep.done()?;
    Ok(Endpoint {
        url,
        format,
        headers,
        timeout_ms,
        reference_field,
    })
}

//! Delivering a submission to the landlord's endpoint with gloo-net.
//!
//! One attempt per call: the outbox decides when to try again. The outcome
//! says whether a retry could help, so nothing the resident wrote is dropped
//! on a network fault.

use gloo_net::http::{Request, Response};


/// What one delivery attempt came to.
#[derive(Clone, Debug, PartialEq)]
pub enum Outcome {
    /// Any 2xx. `reference` is the landlord's reference if the response had one.
    Delivered { reference: Option<String> },
    /// A 4xx other than 408/425/429: trying again will not help. `message`
    /// is the endpoint's own explanation, if it sent one as JSON.
    Refused { status: u16, message: Option<String> },
    /// 5xx, 408, 425, 429, a timeout, a CORS failure or no network.
    /// `retry_after_secs` is the server's Retry-After, if it gave one.
    Retry { why: RetryReason, retry_after_secs: Option<u32> },
}

/// Why a retry is needed, in terms the status line can explain.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RetryReason {
    ServerError(u16),
    TooManyRequests,
    Timeout,
    /// The request never got an answer: offline, DNS, refused, or blocked by CORS
    /// (the browser does not say which).
    Network,
}

/// The settings of one delivery.
pub struct Delivery<'a> {
    pub url: &'a str,
    /// `application/json` or `application/x-www-form-urlencoded`.
    pub content_type: &'a str,
    pub body: String,
    /// Sent as the `Idempotency-Key` header: the submission's UUID.
    pub idempotency_key: &'a str,
    pub extra_headers: &'a [(String, String)],
    pub timeout_ms: u32,
    /// The JSON field of a 2xx response that holds the landlord's reference.
    pub reference_field: &'a str,
}

/// Makes one attempt. Never panics; every failure maps to an [`Outcome`].
pub async fn deliver(d: Delivery<'_>) -> Outcome {
    let controller = web_sys::AbortController::new().ok();
    let signal = controller.as_ref().map(|c| c.signal());
    // Abort the fetch when the timeout fires; dropping the timer cancels it.
    let timed_out = std::rc::Rc::new(std::cell::Cell::new(false));
    let _timer = controller.clone().map(|c| {
        let flag = timed_out.clone();
        gloo_timers::callback::Timeout::new(d.timeout_ms, move || {
            flag.set(true);
            c.abort();
        })
    });

    let mut req = Request::post(d.url)
        .header("Content-Type", d.content_type)
        .header("Idempotency-Key", d.idempotency_key)
        .abort_signal(signal.as_ref());
    for (name, value) in d.extra_headers {
        req = req.header(name, value);
    }
    let request = match req.body(d.body) {
        Ok(r) => r,
        Err(_) => return Outcome::Retry { why: RetryReason::Network, retry_after_secs: None },
    };
    match request.send().await {
        Ok(resp) => classify(resp, d.reference_field).await,
        Err(_) if timed_out.get() => Outcome::Retry { why: RetryReason::Timeout, retry_after_secs: None },
        Err(_) => Outcome::Retry { why: RetryReason::Network, retry_after_secs: None },
    }
}

async fn classify(resp: Response, reference_field: &str) -> Outcome {
    let retry_after = resp.headers().get("Retry-After");
    let text = resp.text().await.ok();
    outcome(resp.status(), retry_after.as_deref(), text.as_deref(), reference_field)
}

/// A Retry-After header as seconds from `now_ms`: either a number of
/// seconds or an HTTP date (RFC 9110 10.2.3), such as
/// "Wed, 21 Oct 2026 07:28:00 GMT". A date already past is 0.
pub fn retry_after_secs(value: &str, now_ms: f64) -> Option<u32> {
    let v = value.trim();
    if let Ok(secs) = v.parse::<u32>() {
        return Some(secs);
    }
    // The browser's own date parser reads all three of RFC 9110's forms
    // (5.6.7), and costs the wasm nothing.
    let at = js_sys::Date::parse(v);
    if at.is_nan() {
        return None;
    }
    Some(((at - now_ms) / 1000.0).ceil().clamp(0.0, f64::from(u32::MAX)) as u32)
}

/// What a response (status, Retry-After, body) means for the outbox.
fn outcome(status: u16, retry_after: Option<&str>, text: Option<&str>, reference_field: &str) -> Outcome {
    let retry_after = retry_after.and_then(|v| retry_after_secs(v, super::page::now_ms()));
    let json: Option<serde_json::Value> = text.and_then(|t| serde_json::from_str(t).ok());
    let field = |name: &str| {
        json.as_ref()
            .and_then(|j| j.get(name))
            .and_then(|v| match v {
                serde_json::Value::String(s) => Some(s.trim().to_owned()),
                serde_json::Value::Number(n) => Some(n.to_string()),
                _ => None,
            })
            .filter(|s| !s.is_empty())
    };
    match status {
        200..=299 => Outcome::Delivered { reference: field(reference_field) },
        429 => Outcome::Retry { why: RetryReason::TooManyRequests, retry_after_secs: retry_after },
        408 | 425 => Outcome::Retry { why: RetryReason::ServerError(status), retry_after_secs: retry_after },
        400..=499 => Outcome::Refused { status, message: field("message").or_else(|| field("error")) },
        _ => Outcome::Retry { why: RetryReason::ServerError(status), retry_after_secs: retry_after },
    }
}

/// One file part: its attachment id (the part's name), file name and bytes.
pub struct Part {
    pub id: String,
    pub filename: String,
    pub blob: web_sys::Blob,
}

/// Makes one attempt as `multipart/form-data`: the submission first (a part
/// named `submission` of `d.content_type`), then each file in a part named
/// by its id, with the same `Idempotency-Key`. XHR, not fetch, for its
/// upload progress: `progress(done, total)` hears each file sent.
pub async fn deliver_multipart(d: Delivery<'_>, parts: &[Part], progress: impl Fn(u32, u32) + 'static) -> Outcome {
    use wasm_bindgen::{closure::Closure, JsCast, JsValue};
    let network = Outcome::Retry { why: RetryReason::Network, retry_after_secs: None };
    let Ok(form) = web_sys::FormData::new() else { return network };
    let opts = web_sys::BlobPropertyBag::new();
    opts.set_type(d.content_type);
    let Ok(sub) = web_sys::Blob::new_with_str_sequence_and_options(&js_sys::Array::of1(&JsValue::from_str(&d.body)), &opts) else {
        return network;
    };
    if form.append_with_blob_and_filename("submission", &sub, "submission").is_err() {
        return network;
    }
    // Where each file ends in the body, roughly: the upload's progress
    // passing it means that file is sent.
    let mut ends = Vec::new();
    let mut at = sub.size() + 200.0;
    for p in parts {
        if form.append_with_blob_and_filename(&p.id, &p.blob, &p.filename).is_err() {
            return network;
        }
        at += p.blob.size() + 200.0 + p.filename.len() as f64;
        ends.push(at);
    }
    let total = parts.len() as u32;
    let Ok(xhr) = web_sys::XmlHttpRequest::new() else { return network };
    if xhr.open_with_async("POST", d.url, true).is_err() {
        return network;
    }
    let _ = xhr.set_request_header("Idempotency-Key", d.idempotency_key);
    for (name, value) in d.extra_headers {
        let _ = xhr.set_request_header(name, value);
    }
    xhr.set_timeout(d.timeout_ms.saturating_mul(parts.len() as u32 + 1));
    progress(0, total);
    if let Ok(upload) = xhr.upload() {
        let last = std::cell::Cell::new(0u32);
        let on = Closure::<dyn Fn(web_sys::ProgressEvent)>::new(move |e: web_sys::ProgressEvent| {
            let done = ends.iter().filter(|end| **end <= e.loaded()).count() as u32;
            let done = if e.loaded() >= e.total() && e.length_computable() { total } else { done.min(total) };
            if done > last.get() {
                last.set(done);
                progress(done, total);
            }
        });
        upload.set_onprogress(Some(on.as_ref().unchecked_ref()));
        on.forget();
    }
    let finished = js_sys::Promise::new(&mut |resolve, _| {
        let end = Closure::once_into_js(move |e: web_sys::Event| {
            let _ = resolve.call1(&JsValue::NULL, &JsValue::from_str(&e.type_()));
        });
        xhr.set_onloadend(Some(end.unchecked_ref()));
        let timeout = Closure::<dyn Fn()>::new(|| {});
        xhr.set_ontimeout(Some(timeout.as_ref().unchecked_ref()));
        timeout.forget();
    });
    if xhr.send_with_opt_form_data(Some(&form)).is_err() {
        return network;
    }
    let _ = wasm_bindgen_futures::JsFuture::from(finished).await;
    let status = xhr.status().unwrap_or(0);
    if status == 0 {
        // No answer: offline, refused, blocked by CORS, or timed out.
        return network;
    }
    let retry_after = xhr.get_response_header("Retry-After").ok().flatten();
    let text = xhr.response_text().ok().flatten();
    outcome(status, retry_after.as_deref(), text.as_deref(), d.reference_field)
}

/// True when the browser believes it is online.
pub fn online() -> bool {
    web_sys::window().map(|w| w.navigator().on_line()).unwrap_or(true)
}


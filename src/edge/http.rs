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
    let status = resp.status();
    let retry_after = resp.headers().get("Retry-After").and_then(|v| v.trim().parse::<u32>().ok());
    let json: Option<serde_json::Value> = match resp.text().await {
        Ok(t) => serde_json::from_str(&t).ok(),
        Err(_) => None,
    };
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

/// True when the browser believes it is online.
pub fn online() -> bool {
    web_sys::window().map(|w| w.navigator().on_line()).unwrap_or(true)
}


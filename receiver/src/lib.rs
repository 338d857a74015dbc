//! Reference receiver for Put Right submissions.
//!
//! A small HTTP server that stands in for a landlord's endpoint during
//! development, demos and tests. [`app`] builds the whole router so tests can
//! serve it in-process; `main.rs` only parses flags and serves it.

pub mod config;
mod html;
pub mod store;
pub mod validate;

use std::panic::AssertUnwindSafe;
use std::sync::Arc;

use axum::body::{Body, HttpBody};
use axum::extract::{Path, Request, State};
use axum::http::header::{self, HeaderMap, HeaderName, HeaderValue};
use axum::http::{Method, StatusCode};
use axum::middleware::{self, Next};
use axum::response::{Html, IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use futures_util::{FutureExt, StreamExt};
use serde::Serialize;
use serde_json::value::RawValue;
use serde_json::Value;

use crate::config::AllowedOrigins;
use crate::store::{NewSubmission, Outcome, Store, StoredSubmission};

pub use crate::validate::validate;

/// Largest accepted request body.
pub const MAX_BODY_BYTES: usize = 256 * 1024;

/// An oversized body is drained up to this size before the 413 is sent;
/// beyond it the connection is simply closed after the 413.
pub const DRAIN_LIMIT_BYTES: usize = 8 * 1024 * 1024;

/// Response header set on idempotent replays.
pub const REPLAY_HEADER: &str = "idempotent-replayed";
const IDEMPOTENCY_KEY: &str = "idempotency-key";

#[derive(Clone)]
pub struct AppState {
    pub store: Arc<Store>,
    pub origins: Arc<AllowedOrigins>,
}

impl AppState {
    pub fn new(store: Store, origins: AllowedOrigins) -> AppState {
        AppState {
            store: Arc::new(store),
            origins: Arc::new(origins),
        }
    }
}

/// The whole HTTP surface.
pub fn app(state: AppState) -> Router {
    Router::new()
        .route("/", get(index))
        .route("/health", get(health))
        .route("/submissions", get(list).post(create))
        .route("/submissions/{reference}", get(show))
        .fallback(not_found)
        .method_not_allowed_fallback(method_not_allowed)
        .layer(middleware::from_fn(catch_panic))
        .layer(middleware::from_fn_with_state(state.clone(), cors))
        .with_state(state)
}

/// An error answered as `{"error": "...", "field": "..."}`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiError {
    pub status: StatusCode,
    pub message: String,
    /// JSON path (`$.id`) or header name (`Idempotency-Key`) at fault.
    pub field: Option<&'static str>,
}

impl ApiError {
    pub fn new(status: StatusCode, message: impl Into<String>, field: &'static str) -> ApiError {
        ApiError {
            status,
            message: message.into(),
            field: Some(field),
        }
    }

    fn bare(status: StatusCode, message: impl Into<String>) -> ApiError {
        ApiError {
            status,
            message: message.into(),
            field: None,
        }
    }
}

#[derive(Serialize)]
struct ErrorBody<'a> {
    error: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    field: Option<&'a str>,
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        json_response(
            self.status,
            &ErrorBody {
                error: &self.message,
                field: self.field,
            },
        )
    }
}

fn json_response<T: Serialize>(status: StatusCode, value: &T) -> Response {
    match serde_json::to_vec(value) {
        Ok(bytes) => (status, [(header::CONTENT_TYPE, "application/json")], bytes).into_response(),
        Err(_) => StatusCode::INTERNAL_SERVER_ERROR.into_response(),
    }
}

/// Runs blocking store work off the async threads.
async fn blocking<T, F>(store: &Arc<Store>, work: F) -> Result<T, ApiError>
where
    T: Send + 'static,
    F: FnOnce(&Store) -> rusqlite::Result<T> + Send + 'static,
{
    let store = Arc::clone(store);
    match tokio::task::spawn_blocking(move || work(&store)).await {
        Ok(Ok(value)) => Ok(value),
        Ok(Err(e)) => {
            eprintln!("putright-receiver: storage error: {e}");
            Err(ApiError::bare(
                StatusCode::INTERNAL_SERVER_ERROR,
                "storage error",
            ))
        }
        Err(e) => {
            eprintln!("putright-receiver: storage task failed: {e}");
            Err(ApiError::bare(
                StatusCode::INTERNAL_SERVER_ERROR,
                "storage error",
            ))
        }
    }
}

async fn create(State(state): State<AppState>, req: Request) -> Response {
    match create_inner(state, req).await {
        Ok(response) => response,
        Err(e) => e.into_response(),
    }
}

async fn create_inner(state: AppState, req: Request) -> Result<Response, ApiError> {
    let headers = req.headers().clone();
    check_content_type(&headers)?;

    let bytes = read_body(req.into_body()).await?;
    let text = std::str::from_utf8(&bytes)
        .map_err(|_| ApiError::new(StatusCode::BAD_REQUEST, "body is not valid UTF-8", "$"))?;
    let value: Value = serde_json::from_str(text).map_err(|e| {
        ApiError::new(
            StatusCode::BAD_REQUEST,
            format!("body is not valid JSON: {e}"),
            "$",
        )
    })?;
    validate(&value)?;

    let field = |key: &str| value.get(key).and_then(Value::as_str).unwrap_or_default();
    let id = field("id");
    let idempotency_key = idempotency_key(&headers)?;
    if idempotency_key.is_some_and(|key| key != id) {
        return Err(ApiError::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            "the Idempotency-Key header must equal the body's `id`",
            "Idempotency-Key",
        ));
    }

    let (id, kind, landlord_id) = (
        id.to_owned(),
        field("kind").to_owned(),
        field("landlord_id").to_owned(),
    );
    let body = text.to_owned();
    let key = idempotency_key.map(str::to_owned);
    let outcome = blocking(&state.store, move |store| {
        store.insert(&NewSubmission {
            id: &id,
            kind: &kind,
            landlord_id: &landlord_id,
            body: &body,
            idempotency_key: key.as_deref(),
        })
    })
    .await?;

    Ok(match outcome {
        Outcome::Created(receipt) => json_response(StatusCode::CREATED, &receipt),
        Outcome::Replayed { receipt, same_body } => {
            if !same_body {
                eprintln!(
                    "putright-receiver: id {} re-sent with a different body; answered with the original receipt {}",
                    receipt.id, receipt.reference
                );
            }
            let mut response = json_response(StatusCode::CREATED, &receipt);
            response
                .headers_mut()
                .insert(REPLAY_HEADER, HeaderValue::from_static("true"));
            response
        }
    })
}

/// Reads at most [`MAX_BODY_BYTES`]. A larger body is still read (and
/// discarded) up to [`DRAIN_LIMIT_BYTES`] before answering 413, so the client
/// reliably gets the 413 instead of a reset connection.
async fn read_body(body: Body) -> Result<Vec<u8>, ApiError> {
    let too_large = || {
        ApiError::new(
            StatusCode::PAYLOAD_TOO_LARGE,
            format!("body is larger than {MAX_BODY_BYTES} bytes"),
            "$",
        )
    };
    if body.size_hint().lower() > DRAIN_LIMIT_BYTES as u64 {
        return Err(too_large());
    }
    let mut stream = body.into_data_stream();
    let mut bytes = Vec::new();
    let mut total = 0usize;
    while let Some(chunk) = stream.next().await {
        let chunk = chunk.map_err(|_| {
            ApiError::new(
                StatusCode::BAD_REQUEST,
                "could not read the request body",
                "$",
            )
        })?;
        total = total.saturating_add(chunk.len());
        if total <= MAX_BODY_BYTES {
            bytes.extend_from_slice(&chunk);
        } else if total > DRAIN_LIMIT_BYTES {
            break;
        }
    }
    if total > MAX_BODY_BYTES {
        return Err(too_large());
    }
    Ok(bytes)
}

fn check_content_type(headers: &HeaderMap) -> Result<(), ApiError> {
    let is_json = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split(';').next())
        .is_some_and(|mime| mime.trim().eq_ignore_ascii_case("application/json"));
    if is_json {
        Ok(())
    } else {
        Err(ApiError::new(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "Content-Type must be application/json",
            "Content-Type",
        ))
    }
}

fn idempotency_key(headers: &HeaderMap) -> Result<Option<&str>, ApiError> {
    let mut values = headers.get_all(IDEMPOTENCY_KEY).iter();
    let Some(first) = values.next() else {
        return Ok(None);
    };
    let bad =
        |message: &str| ApiError::new(StatusCode::UNPROCESSABLE_ENTITY, message, "Idempotency-Key");
    if values.next().is_some() {
        return Err(bad("send at most one Idempotency-Key header"));
    }
    first
        .to_str()
        .map(|v| Some(v.trim()))
        .map_err(|_| bad("the Idempotency-Key header must be plain ASCII"))
}

/// One entry of `GET /submissions`; `submission` is the stored body verbatim.
#[derive(Serialize)]
struct Listed<'a> {
    reference: &'a str,
    id: &'a str,
    kind: &'a str,
    landlord_id: &'a str,
    received_at: &'a str,
    submission: Box<RawValue>,
}

fn listed(row: &StoredSubmission) -> Listed<'_> {
    let submission = RawValue::from_string(row.body.clone())
        .or_else(|_| RawValue::from_string(Value::String(row.body.clone()).to_string()))
        .unwrap_or_default();
    Listed {
        reference: &row.reference,
        id: &row.id,
        kind: &row.kind,
        landlord_id: &row.landlord_id,
        received_at: &row.received_at,
        submission,
    }
}

async fn list(State(state): State<AppState>) -> Result<Response, ApiError> {
    let rows = blocking(&state.store, Store::list).await?;
    let listing: Vec<Listed<'_>> = rows.iter().map(listed).collect();
    Ok(json_response(StatusCode::OK, &listing))
}

async fn show(
    State(state): State<AppState>,
    Path(reference): Path<String>,
) -> Result<Response, ApiError> {
    let wanted = reference.clone();
    match blocking(&state.store, move |store| store.get(&wanted)).await? {
        Some(row) => Ok(json_response(StatusCode::OK, &listed(&row))),
        None => Err(ApiError::new(
            StatusCode::NOT_FOUND,
            format!("no submission with reference {reference}"),
            "reference",
        )),
    }
}

async fn health(State(state): State<AppState>) -> Result<Response, ApiError> {
    #[derive(Serialize)]
    struct Health {
        ok: bool,
        count: i64,
    }
    let count = blocking(&state.store, Store::count).await?;
    Ok(json_response(StatusCode::OK, &Health { ok: true, count }))
}

async fn index(State(state): State<AppState>) -> Result<Html<String>, ApiError> {
    let rows = blocking(&state.store, Store::list).await?;
    Ok(Html(html::index_page(&rows)))
}

async fn not_found() -> ApiError {
    ApiError::bare(StatusCode::NOT_FOUND, "not found")
}

async fn method_not_allowed() -> ApiError {
    ApiError::bare(StatusCode::METHOD_NOT_ALLOWED, "method not allowed")
}

/// Turns a panic anywhere below into a 500 JSON answer (belt and braces:
/// handlers do not unwrap input).
async fn catch_panic(req: Request, next: Next) -> Response {
    match AssertUnwindSafe(next.run(req)).catch_unwind().await {
        Ok(response) => response,
        Err(_) => {
            ApiError::bare(StatusCode::INTERNAL_SERVER_ERROR, "internal error").into_response()
        }
    }
}

/// CORS for the configured origins. Preflights from allowed origins are
/// answered here; disallowed origins never get `Access-Control-*` headers.
async fn cors(State(state): State<AppState>, req: Request, next: Next) -> Response {
    let origin = req
        .headers()
        .get(header::ORIGIN)
        .filter(|o| o.to_str().is_ok_and(|o| state.origins.allows(o)))
        .cloned();
    let is_preflight = req.method() == Method::OPTIONS
        && req
            .headers()
            .contains_key(header::ACCESS_CONTROL_REQUEST_METHOD);

    if is_preflight {
        let Some(origin) = origin else {
            let mut response = ApiError::new(
                StatusCode::FORBIDDEN,
                "origin not allowed; see --allow-origin",
                "Origin",
            )
            .into_response();
            add_vary(response.headers_mut(), "Origin");
            return response;
        };
        let mut response = StatusCode::NO_CONTENT.into_response();
        let h = response.headers_mut();
        h.insert(header::ACCESS_CONTROL_ALLOW_ORIGIN, origin);
        h.insert(
            header::ACCESS_CONTROL_ALLOW_METHODS,
            HeaderValue::from_static("GET, POST, OPTIONS"),
        );
        let requested = req
            .headers()
            .get(header::ACCESS_CONTROL_REQUEST_HEADERS)
            .cloned()
            .unwrap_or_else(|| HeaderValue::from_static("content-type, idempotency-key"));
        h.insert(header::ACCESS_CONTROL_ALLOW_HEADERS, requested);
        h.insert(
            header::ACCESS_CONTROL_MAX_AGE,
            HeaderValue::from_static("600"),
        );
        // Chrome's Private Network Access: a public page posting to localhost.
        let pna = HeaderName::from_static("access-control-request-private-network");
        if req.headers().get(pna).is_some_and(|v| v == "true") {
            h.insert(
                HeaderName::from_static("access-control-allow-private-network"),
                HeaderValue::from_static("true"),
            );
        }
        add_vary(
            h,
            "Origin, Access-Control-Request-Method, Access-Control-Request-Headers",
        );
        return response;
    }

    let mut response = next.run(req).await;
    let h = response.headers_mut();
    if let Some(origin) = origin {
        h.insert(header::ACCESS_CONTROL_ALLOW_ORIGIN, origin);
        h.insert(
            header::ACCESS_CONTROL_EXPOSE_HEADERS,
            HeaderValue::from_static("Idempotent-Replayed"),
        );
    }
    add_vary(h, "Origin");
    response
}

fn add_vary(headers: &mut HeaderMap, value: &'static str) {
    headers.append(header::VARY, HeaderValue::from_static(value));
}

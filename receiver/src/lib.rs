//! Reference receiver for Put Right submissions.
//!
//! A small HTTP server that stands in for a landlord's endpoint during
//! development, demos and tests. [`app`] builds the whole router so tests can
//! serve it in-process; `main.rs` only parses flags and serves it.

pub mod config;
pub mod faults;
pub mod form;
mod html;
pub mod serve;
pub mod store;
pub mod validate;

use std::borrow::Cow;
use std::panic::AssertUnwindSafe;
use std::sync::Arc;
use std::time::Duration;

use axum::body::{Body, HttpBody};
use axum::extract::ConnectInfo;
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

use crate::config::{AllowedHeaders, AllowedOrigins, FaultConfig};
use crate::faults::{Fault, Faults, Handling};
use crate::serve::ConnHandle;
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
    pub allow_headers: Arc<AllowedHeaders>,
    /// Present only when fault injection is turned on.
    pub faults: Option<Arc<Faults>>,
}

impl AppState {
    /// Default allowed headers, no fault injection.
    pub fn new(store: Store, origins: AllowedOrigins) -> AppState {
        AppState {
            store: Arc::new(store),
            origins: Arc::new(origins),
            allow_headers: Arc::new(AllowedHeaders::default()),
            faults: None,
        }
    }

    pub fn with_allow_headers(mut self, headers: AllowedHeaders) -> AppState {
        self.allow_headers = Arc::new(headers);
        self
    }

    /// Turns fault injection on if `faults` asks for it.
    pub fn with_faults(mut self, faults: &FaultConfig) -> AppState {
        self.faults = faults
            .enabled()
            .then(|| Arc::new(Faults::new(faults.admin, faults.rate, faults.seed)));
        self
    }
}

/// The whole HTTP surface.
pub fn app(state: AppState) -> Router {
    validate::warm_up();
    let mut router = Router::new()
        .route("/", get(index))
        .route("/health", get(health))
        .route("/submissions", get(list).post(create))
        .route("/submissions/{reference}", get(show));
    if state.faults.as_ref().is_some_and(|f| f.admin) {
        router = router.route(
            "/_faults",
            get(faults_get).post(faults_post).delete(faults_delete),
        );
    }
    router
        .fallback(not_found)
        .method_not_allowed_fallback(method_not_allowed)
        .layer(middleware::from_fn(catch_panic))
        .layer(middleware::from_fn_with_state(state.clone(), cors))
        .layer(middleware::from_fn_with_state(
            state.clone(),
            one_request_per_connection,
        ))
        .with_state(state)
}

/// An error answered as `{"error": "...", "field": "..."}`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiError {
    pub status: StatusCode,
    pub message: String,
    /// JSON path (`$.resident.address_lines[0]`) or header name
    /// (`Idempotency-Key`) at fault.
    pub field: Option<Cow<'static, str>>,
}

impl ApiError {
    pub fn new(
        status: StatusCode,
        message: impl Into<String>,
        field: impl Into<Cow<'static, str>>,
    ) -> ApiError {
        ApiError {
            status,
            message: message.into(),
            field: Some(field.into()),
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
                field: self.field.as_deref(),
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

/// What processing one `POST /submissions` came to.
struct Processed {
    response: Response,
    id: Option<String>,
    handling: Handling,
}

async fn create(State(state): State<AppState>, req: Request) -> Response {
    let Some(faults) = state.faults.clone() else {
        return process(&state, req).await.response;
    };
    let ticket = faults.take();
    let Some((_, fault)) = ticket.fault.clone() else {
        let done = process(&state, req).await;
        faults.finish(&ticket, done.id, done.handling);
        return done.response;
    };
    let conn = req.extensions().get::<ConnectInfo<ConnHandle>>().cloned();
    let (response, id, handling) = inject(&state, req, &fault, conn).await;
    faults.finish(&ticket, id, handling);
    response
}

/// Marks a response that must go out without `Access-Control-Allow-Origin`.
#[derive(Clone, Copy)]
struct NoCors;

async fn inject(
    state: &AppState,
    req: Request,
    fault: &Fault,
    conn: Option<ConnectInfo<ConnHandle>>,
) -> (Response, Option<String>, Handling) {
    if let Some(ms) = fault.hang_ms {
        tokio::time::sleep(Duration::from_millis(ms)).await;
    }
    let (mut response, id, handling) = if fault.processes() {
        let done = process(state, req).await;
        (done.response, done.id, done.handling)
    } else {
        // Read (and discard) the body so the client is not cut off mid-send.
        let _ = read_body(req.into_body()).await;
        (
            StatusCode::NO_CONTENT.into_response(),
            None,
            Handling::Skipped,
        )
    };
    if fault.drop {
        match conn {
            Some(ConnectInfo(handle)) => {
                handle.kill();
                return (response, id, handling);
            }
            None => {
                // Served without the killable listener: the closest
                // stand-in is a long wait and then a 500.
                tokio::time::sleep(Duration::from_secs(1)).await;
                return (
                    ApiError::bare(
                        StatusCode::INTERNAL_SERVER_ERROR,
                        "injected fault: drop (cannot close this connection)",
                    )
                    .into_response(),
                    id,
                    handling,
                );
            }
        }
    }
    if let Some(status) = fault.status {
        let status = StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
        let message = fault
            .message
            .clone()
            .unwrap_or_else(|| format!("injected fault: {}", status.as_u16()));
        response = ApiError::bare(status, message).into_response();
    }
    if let Some(seconds) = fault.retry_after {
        response
            .headers_mut()
            .insert(header::RETRY_AFTER, HeaderValue::from(seconds));
    }
    if fault.cors == Some(false) {
        response.extensions_mut().insert(NoCors);
    }
    (response, id, handling)
}

async fn process(state: &AppState, req: Request) -> Processed {
    match create_inner(state, req).await {
        Ok((response, id, handling)) => Processed {
            response,
            id: Some(id),
            handling,
        },
        Err(e) => Processed {
            response: e.into_response(),
            id: None,
            handling: Handling::Rejected,
        },
    }
}

async fn create_inner(
    state: &AppState,
    req: Request,
) -> Result<(Response, String, Handling), ApiError> {
    let headers = req.headers().clone();
    let body_type = match body_type(&headers) {
        Ok(t) => t,
        Err(e) => {
            // Read the body anyway, so the connection stays usable for the
            // client's next request.
            let _ = read_body(req.into_body()).await;
            return Err(e);
        }
    };

    let bytes = read_body(req.into_body()).await?;
    let (value, text) = match body_type {
        BodyType::Json => {
            let text = String::from_utf8(bytes).map_err(|_| {
                ApiError::new(StatusCode::BAD_REQUEST, "body is not valid UTF-8", "$")
            })?;
            let value: Value = serde_json::from_str(&text).map_err(|e| {
                ApiError::new(
                    StatusCode::BAD_REQUEST,
                    format!("body is not valid JSON: {e}"),
                    "$",
                )
            })?;
            (value, text)
        }
        BodyType::Form => {
            let value = form::decode(&bytes, validate::schema())?;
            let text = value.to_string();
            (value, text)
        }
    };
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
    let key = idempotency_key.map(str::to_owned);
    let stored_id = id.clone();
    let outcome = blocking(&state.store, move |store| {
        store.insert(&NewSubmission {
            id: &id,
            kind: &kind,
            landlord_id: &landlord_id,
            body: &text,
            idempotency_key: key.as_deref(),
        })
    })
    .await?;

    Ok(match outcome {
        Outcome::Created(receipt) => (
            json_response(StatusCode::CREATED, &receipt),
            stored_id,
            Handling::Created,
        ),
        Outcome::Replayed { receipt, same_body } => {
            if !same_body {
                eprintln!(
                    "putright-receiver: id {} re-sent with a different body; answered with the original receipt {}",
                    receipt.id, receipt.reference
                );
            }
            let mut response = json_response(StatusCode::OK, &receipt);
            response
                .headers_mut()
                .insert(REPLAY_HEADER, HeaderValue::from_static("true"));
            (response, stored_id, Handling::Replayed)
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

enum BodyType {
    Json,
    Form,
}

fn body_type(headers: &HeaderMap) -> Result<BodyType, ApiError> {
    let mime = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split(';').next())
        .map(str::trim)
        .unwrap_or_default();
    if mime.eq_ignore_ascii_case("application/json") {
        Ok(BodyType::Json)
    } else if mime.eq_ignore_ascii_case("application/x-www-form-urlencoded") {
        Ok(BodyType::Form)
    } else {
        Err(ApiError::new(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "Content-Type must be application/json or application/x-www-form-urlencoded",
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

async fn faults_get(State(state): State<AppState>) -> Result<Response, ApiError> {
    let faults = admin(&state)?;
    Ok(json_response(StatusCode::OK, &faults.report()))
}

async fn faults_post(State(state): State<AppState>, req: Request) -> Result<Response, ApiError> {
    let faults = admin(&state)?;
    let bytes = read_body(req.into_body()).await?;
    let body: Value = serde_json::from_slice(&bytes).map_err(|e| {
        ApiError::new(
            StatusCode::BAD_REQUEST,
            format!("body is not valid JSON: {e}"),
            "$",
        )
    })?;
    faults
        .enqueue(&body)
        .map_err(|e| ApiError::new(StatusCode::UNPROCESSABLE_ENTITY, e, "$"))?;
    Ok(json_response(StatusCode::OK, &faults.report()))
}

async fn faults_delete(State(state): State<AppState>) -> Result<Response, ApiError> {
    let faults = admin(&state)?;
    faults.clear();
    Ok(json_response(StatusCode::OK, &faults.report()))
}

fn admin(state: &AppState) -> Result<&Arc<Faults>, ApiError> {
    state
        .faults
        .as_ref()
        .filter(|f| f.admin)
        .ok_or_else(|| ApiError::bare(StatusCode::NOT_FOUND, "not found"))
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

/// With fault injection on, every answer closes its connection. Browsers
/// silently re-send a request whose *reused* keep-alive connection closes
/// without an answer, which would hide a `drop` fault (and use up the next
/// queued fault); on fresh connections a drop reaches the page as a network
/// error, every time.
async fn one_request_per_connection(
    State(state): State<AppState>,
    req: Request,
    next: Next,
) -> Response {
    let mut response = next.run(req).await;
    if state.faults.is_some() {
        response
            .headers_mut()
            .insert(header::CONNECTION, HeaderValue::from_static("close"));
    }
    response
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
        if let Some(faults) = &state.faults {
            faults.count_preflight();
        }
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
        let admin = state.faults.as_ref().is_some_and(|f| f.admin);
        h.insert(
            header::ACCESS_CONTROL_ALLOW_METHODS,
            HeaderValue::from_static(if admin {
                "GET, POST, DELETE, OPTIONS"
            } else {
                "GET, POST, OPTIONS"
            }),
        );
        let allowed = match state.allow_headers.as_ref() {
            AllowedHeaders::Any => req
                .headers()
                .get(header::ACCESS_CONTROL_REQUEST_HEADERS)
                .cloned(),
            AllowedHeaders::List(names) => HeaderValue::from_str(&names.join(", ")).ok(),
        };
        if let Some(allowed) = allowed {
            h.insert(header::ACCESS_CONTROL_ALLOW_HEADERS, allowed);
        }
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
    let suppressed = response.extensions().get::<NoCors>().is_some();
    let h = response.headers_mut();
    if let Some(origin) = origin.filter(|_| !suppressed) {
        h.insert(header::ACCESS_CONTROL_ALLOW_ORIGIN, origin);
        // Retry-After is not a CORS-safelisted response header, so without
        // this the widget could not read it.
        h.insert(
            header::ACCESS_CONTROL_EXPOSE_HEADERS,
            HeaderValue::from_static("Idempotent-Replayed, Retry-After"),
        );
    }
    add_vary(h, "Origin");
    response
}

fn add_vary(headers: &mut HeaderMap, value: &'static str) {
    headers.append(header::VARY, HeaderValue::from_static(value));
}

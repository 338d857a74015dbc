//! Reference receiver for Put Right submissions.
//!
//! A small HTTP server that stands in for a landlord's endpoint during
//! development, demos and tests. [`app`] builds the whole router so tests can
//! serve it in-process; `main.rs` only parses flags and serves it.

pub mod access;
pub mod body;
pub mod config;
mod cors;
mod create;
mod error;
pub mod faults;
mod faults_api;
pub mod files;
pub mod form;
mod html;
pub mod listing;
pub mod multipart;
pub mod serve;
pub mod store;
pub mod validate;

use std::panic::AssertUnwindSafe;
use std::sync::Arc;

use axum::extract::{Request, State};
use axum::http::header::{self, HeaderName, HeaderValue};
use axum::http::StatusCode;
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use futures_util::FutureExt;
use serde::Serialize;

use crate::config::{AllowedHeaders, AllowedOrigins, FaultConfig, Timeouts};
use crate::faults::Faults;
use crate::store::Store;

pub use crate::body::{DRAIN_LIMIT_BYTES, MAX_BODY_BYTES};
pub use crate::error::ApiError;
pub use crate::validate::validate;

/// Response header set on idempotent replays.
pub const REPLAY_HEADER: &str = "idempotent-replayed";

#[derive(Clone)]
pub struct AppState {
    pub store: Arc<Store>,
    pub origins: Arc<AllowedOrigins>,
    pub allow_headers: Arc<AllowedHeaders>,
    /// Present only when fault injection is turned on.
    pub faults: Option<Arc<Faults>>,
    /// When set, every read of stored submissions needs it as a bearer
    /// token (see [`access`]).
    pub read_token: Option<Arc<str>>,
    pub timeouts: Timeouts,
}

impl AppState {
    /// Default allowed headers and timeouts, no read token, no faults.
    pub fn new(store: Store, origins: AllowedOrigins) -> AppState {
        AppState {
            store: Arc::new(store),
            origins: Arc::new(origins),
            allow_headers: Arc::new(AllowedHeaders::default()),
            faults: None,
            read_token: None,
            timeouts: Timeouts::default(),
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

    pub fn with_read_token(mut self, token: Option<String>) -> AppState {
        self.read_token = token.map(Arc::from);
        self
    }

    pub fn with_timeouts(mut self, timeouts: Timeouts) -> AppState {
        self.timeouts = timeouts;
        self
    }
}

/// The whole HTTP surface.
pub fn app(state: AppState) -> Router {
    validate::warm_up();
    let staff = middleware::from_fn_with_state(state.clone(), access::staff_only);
    let mut router = Router::new()
        .route("/", get(listing::index).route_layer(staff.clone()))
        .route("/health", get(health))
        .route(
            "/submissions",
            get(listing::list)
                .route_layer(staff.clone())
                .post(create::create),
        )
        .route(
            "/submissions/{reference}",
            get(listing::show).route_layer(staff.clone()),
        )
        .route(
            "/submissions/{reference}/files/{id}",
            get(files::download).route_layer(staff.clone()),
        );
    if state.faults.as_ref().is_some_and(|f| f.admin) {
        router = router.route("/_faults", faults_api::routes().route_layer(staff));
    }
    router
        .fallback(error::not_found)
        .method_not_allowed_fallback(error::method_not_allowed)
        .layer(middleware::from_fn(catch_panic))
        .layer(middleware::from_fn_with_state(state.clone(), cors::cors))
        .layer(middleware::from_fn(security_headers))
        .layer(middleware::from_fn_with_state(
            state.clone(),
            one_request_per_connection,
        ))
        .with_state(state)
}

/// Runs blocking store work off the async threads.
async fn blocking<T, F>(store: &Arc<Store>, work: F) -> Result<T, ApiError>
where
    T: Send + 'static,
    F: FnOnce(&Store) -> rusqlite::Result<T> + Send + 'static,
{
    let store = Arc::clone(store);
    let failed = |what: &dyn std::fmt::Display| {
        eprintln!("putright-receiver: storage failed: {what}");
        ApiError::bare(StatusCode::INTERNAL_SERVER_ERROR, "storage error")
    };
    match tokio::task::spawn_blocking(move || work(&store)).await {
        Ok(Ok(value)) => Ok(value),
        Ok(Err(e)) => Err(failed(&e)),
        Err(e) => Err(failed(&e)),
    }
}

async fn health(State(state): State<AppState>) -> Result<Response, ApiError> {
    #[derive(Serialize)]
    struct Health {
        ok: bool,
        count: i64,
    }
    let count = blocking(&state.store, Store::count).await?;
    Ok(error::json_response(
        StatusCode::OK,
        &Health { ok: true, count },
    ))
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

/// Headers on every answer: nothing is cached, sniffed, framed or sent on
/// as a referrer, and nothing may load (the HTML listing sets its own,
/// slightly wider, Content-Security-Policy).
async fn security_headers(req: Request, next: Next) -> Response {
    let mut response = next.run(req).await;
    let h = response.headers_mut();
    let mut set = |name: HeaderName, value: &'static str| {
        if !h.contains_key(&name) {
            h.insert(name, HeaderValue::from_static(value));
        }
    };
    set(header::CACHE_CONTROL, "no-store");
    set(header::X_CONTENT_TYPE_OPTIONS, "nosniff");
    set(header::REFERRER_POLICY, "no-referrer");
    set(header::X_FRAME_OPTIONS, "DENY");
    set(
        header::CONTENT_SECURITY_POLICY,
        "default-src 'none'; frame-ancestors 'none'",
    );
    response
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

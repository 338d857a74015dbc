//! CORS, for `POST /submissions` and its preflight only: that is all a
//! resident's browser needs. Every other route (the staff reads, health,
//! `/_faults`) gets no `Access-Control-*` header, so no web page can read
//! it, whatever `--allow-origin` says.

use axum::extract::{Request, State};
use axum::http::header::{self, HeaderMap, HeaderName, HeaderValue};
use axum::http::{Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use crate::config::AllowedHeaders;
use crate::create::NoCors;
use crate::{ApiError, AppState};

/// The one path that answers CORS.
pub const CORS_PATH: &str = "/submissions";

pub async fn cors(State(state): State<AppState>, req: Request, next: Next) -> Response {
    if req.uri().path() != CORS_PATH {
        return next.run(req).await;
    }
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
        return preflight(&state, &req, origin);
    }
    if req.method() != Method::POST {
        return next.run(req).await;
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

fn preflight(state: &AppState, req: &Request, origin: Option<HeaderValue>) -> Response {
    let refuse = |message: &str, field: &'static str| {
        let mut response = ApiError::new(StatusCode::FORBIDDEN, message, field).into_response();
        add_vary(response.headers_mut(), "Origin");
        response
    };
    let Some(origin) = origin else {
        return refuse("origin not allowed; see --allow-origin", "Origin");
    };
    if req.headers().get(header::ACCESS_CONTROL_REQUEST_METHOD)
        != Some(&HeaderValue::from_static("POST"))
    {
        return refuse(
            "only POST /submissions may be called from a web page",
            "Access-Control-Request-Method",
        );
    }
    let mut response = StatusCode::NO_CONTENT.into_response();
    let h = response.headers_mut();
    h.insert(header::ACCESS_CONTROL_ALLOW_ORIGIN, origin);
    h.insert(
        header::ACCESS_CONTROL_ALLOW_METHODS,
        HeaderValue::from_static("POST"),
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
    response
}

fn add_vary(headers: &mut HeaderMap, value: &'static str) {
    headers.append(header::VARY, HeaderValue::from_static(value));
}

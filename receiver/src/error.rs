//! Error answers: `{"error": "...", "field": "..."}`.
//!
//! Messages name a place (a JSON path built from the schema's own names, or
//! a header) and a rule; they never repeat what the client sent, so
//! personal data in a bad submission is not echoed back.

use std::borrow::Cow;

use axum::http::header::{self, HeaderValue};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde::Serialize;

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

    /// An error about no field in particular.
    pub fn bare(status: StatusCode, message: impl Into<String>) -> ApiError {
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
        let mut response = json_response(
            self.status,
            &ErrorBody {
                error: &self.message,
                field: self.field.as_deref(),
            },
        );
        if self.status == StatusCode::REQUEST_TIMEOUT {
            // The rest of a slow body may still be on its way: do not read
            // it as the next request.
            response
                .headers_mut()
                .insert(header::CONNECTION, HeaderValue::from_static("close"));
        }
        response
    }
}

/// `value` as a JSON answer.
pub fn json_response<T: Serialize>(status: StatusCode, value: &T) -> Response {
    match serde_json::to_vec(value) {
        Ok(bytes) => (status, [(header::CONTENT_TYPE, "application/json")], bytes).into_response(),
        Err(_) => StatusCode::INTERNAL_SERVER_ERROR.into_response(),
    }
}

pub async fn not_found() -> ApiError {
    ApiError::bare(StatusCode::NOT_FOUND, "not found")
}

pub async fn method_not_allowed() -> ApiError {
    ApiError::bare(StatusCode::METHOD_NOT_ALLOWED, "method not allowed")
}

//! `/_faults` (with `--fault-admin`): queue, report and clear faults.

use std::sync::Arc;

use axum::extract::{Request, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum::routing::{get, MethodRouter};
use serde_json::Value;

use crate::body::{self, json_error};
use crate::error::json_response;
use crate::faults::Faults;
use crate::{ApiError, AppState};

pub fn routes() -> MethodRouter<AppState> {
    get(report).post(enqueue).delete(clear)
}

async fn report(State(state): State<AppState>) -> Result<Response, ApiError> {
    let faults = admin(&state)?;
    Ok(json_response(StatusCode::OK, &faults.report()))
}

async fn enqueue(State(state): State<AppState>, req: Request) -> Result<Response, ApiError> {
    let faults = admin(&state)?;
    let bytes = body::read(req.into_body(), state.timeouts.body).await?;
    let body: Value = serde_json::from_slice(&bytes)
        .map_err(|e| ApiError::new(StatusCode::BAD_REQUEST, json_error(&e), "$"))?;
    faults
        .enqueue(&body)
        .map_err(|e| ApiError::new(StatusCode::UNPROCESSABLE_ENTITY, e, "$"))?;
    Ok(json_response(StatusCode::OK, &faults.report()))
}

async fn clear(State(state): State<AppState>) -> Result<Response, ApiError> {
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

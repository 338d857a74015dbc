//! `POST /submissions`: read, parse, validate, store once per `id` (with
//! its files, for a multipart body); and the fault injection that wraps it
//! when turned on.

use std::time::Duration;

use axum::extract::{ConnectInfo, Request, State};
use axum::http::header::{self, HeaderMap, HeaderValue};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde_json::Value;

use crate::body::{self, BodyType};
use crate::error::json_response;
use crate::faults::{Fault, Handling};
use crate::multipart::{self, ReceivedFile};
use crate::serve::ConnHandle;
use crate::store::{NewFile, NewSubmission, Outcome};
use crate::{blocking, validate, ApiError, AppState, REPLAY_HEADER};

const IDEMPOTENCY_KEY: &str = "idempotency-key";

/// Marks a response that must go out without `Access-Control-Allow-Origin`.
#[derive(Clone, Copy)]
pub struct NoCors;

/// Marks a request whose storing must end the process half-way (the
/// `crash_mid_store` fault).
#[derive(Clone, Copy)]
struct CrashMidStore;

/// What processing one `POST /submissions` came to.
struct Processed {
    response: Response,
    id: Option<String>,
    handling: Handling,
}

pub async fn create(State(state): State<AppState>, req: Request) -> Response {
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
    let done = inject(&state, req, &fault, conn).await;
    faults.finish(&ticket, done.id, done.handling);
    done.response
}

async fn inject(
    state: &AppState,
    mut req: Request,
    fault: &Fault,
    conn: Option<ConnectInfo<ConnHandle>>,
) -> Processed {
    if let Some(ms) = fault.hang_ms {
        tokio::time::sleep(Duration::from_millis(ms)).await;
    }
    if fault.crash_mid_store {
        req.extensions_mut().insert(CrashMidStore);
    }
    let mut done = if fault.processes() {
        process(state, req).await
    } else {
        // Read (and discard) the body so the client is not cut off mid-send.
        let _ = body::read(req.into_body(), state.timeouts.body).await;
        Processed {
            response: StatusCode::NO_CONTENT.into_response(),
            id: None,
            handling: Handling::Skipped,
        }
    };
    if fault.drop {
        match conn {
            Some(ConnectInfo(handle)) => {
                handle.kill();
                return done;
            }
            None => {
                // Served without the killable listener: the closest
                // stand-in is a long wait and then a 500.
                tokio::time::sleep(Duration::from_secs(1)).await;
                done.response = ApiError::bare(
                    StatusCode::INTERNAL_SERVER_ERROR,
                    "injected fault: drop (cannot close this connection)",
                )
                .into_response();
                return done;
            }
        }
    }
    if let Some(status) = fault.status {
        let status = StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
        let message = fault
            .message
            .clone()
            .unwrap_or_else(|| format!("injected fault: {}", status.as_u16()));
        done.response = ApiError::bare(status, message).into_response();
    }
    if let Some(seconds) = fault.retry_after {
        done.response
            .headers_mut()
            .insert(header::RETRY_AFTER, HeaderValue::from(seconds));
    }
    if fault.cors == Some(false) {
        done.response.extensions_mut().insert(NoCors);
    }
    done
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
    let crash = req.extensions().get::<CrashMidStore>().is_some();
    let limit = state.timeouts.body;
    let body_type = match body::body_type(&headers) {
        Ok(t) => t,
        Err(e) => {
            // Read the body anyway, so the connection stays usable for the
            // client's next request.
            let _ = body::read(req.into_body(), limit).await;
            return Err(e);
        }
    };

    let (value, text, files) = match body_type {
        BodyType::Plain(format) => {
            let bytes = body::read(req.into_body(), limit).await?;
            let (value, text) = body::parse_submission(format, bytes)?;
            validate(&value)?;
            multipart::refuse_files_without_parts(&value)?;
            (value, text, Vec::new())
        }
        BodyType::Multipart(boundary) => {
            let upload = state.timeouts.upload;
            let received = multipart::receive(req.into_body(), boundary, upload).await?;
            (received.value, received.text, received.files)
        }
    };

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
        let files: Vec<NewFile<'_>> = files.iter().map(new_file).collect();
        let new = NewSubmission {
            id: &id,
            kind: &kind,
            landlord_id: &landlord_id,
            body: &text,
            idempotency_key: key.as_deref(),
            files: &files,
        };
        store.insert_with(&new, || {
            if crash {
                eprintln!("putright-receiver: injected fault: crashing in the middle of storing");
                std::process::abort();
            }
        })
    })
    .await?;

    match outcome {
        Outcome::Created(receipt) => Ok((
            json_response(StatusCode::CREATED, &receipt),
            stored_id,
            Handling::Created,
        )),
        Outcome::Existing { receipt, body } => {
            // Compared as parsed JSON: key order, spacing and escapes may
            // differ (a JSON and a form post of one submission are equal).
            if serde_json::from_str::<Value>(&body).ok().as_ref() != Some(&value) {
                return Err(ApiError::new(
                    StatusCode::CONFLICT,
                    format!(
                        "a different submission with this `id` is already stored, as {}; \
                         it was kept and this one was not stored (a new submission needs a new `id`)",
                        receipt.reference
                    ),
                    "$.id",
                ));
            }
            let mut response = json_response(StatusCode::OK, &receipt);
            response
                .headers_mut()
                .insert(REPLAY_HEADER, HeaderValue::from_static("true"));
            Ok((response, stored_id, Handling::Replayed))
        }
    }
}

fn new_file(f: &ReceivedFile) -> NewFile<'_> {
    NewFile {
        id: &f.id,
        filename: &f.filename,
        media_type: &f.media_type,
        sha256: &f.sha256,
        content: &f.content,
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

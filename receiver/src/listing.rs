//! The staff reads: `GET /submissions` (JSON), `GET /submissions/{ref}` and
//! `GET /` (HTML), newest first, a page at a time.
//!
//! A page is `?after=<reference>&limit=<n>`: up to `limit` submissions
//! older than the one with that reference (from the newest without
//! `after`). When there may be more, the JSON answer carries
//! `Link: </submissions?after=…&limit=…>; rel="next"` and the HTML page a
//! "next page" link. A submission with files lists them (`files`), each
//! with the link that downloads it (see [`crate::files`]).

use axum::extract::{Path, RawQuery, State};
use axum::http::header::{self, HeaderValue};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Response};
use serde::Serialize;
use serde_json::value::RawValue;
use serde_json::Value;

use crate::error::json_response;
use crate::store::{Store, StoredFile, StoredSubmission};
use crate::{blocking, files, html, ApiError, AppState};

/// Submissions per page unless `limit` says otherwise.
pub const DEFAULT_PAGE: usize = 100;
/// Largest `limit` accepted.
pub const MAX_PAGE: usize = 1000;

/// One entry of `GET /submissions`; `submission` is the stored body verbatim.
#[derive(Serialize)]
struct Listed<'a> {
    reference: &'a str,
    id: &'a str,
    kind: &'a str,
    landlord_id: &'a str,
    received_at: &'a str,
    submission: Box<RawValue>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    files: Vec<ListedFile<'a>>,
}

/// A stored file, and where to download it.
#[derive(Serialize)]
struct ListedFile<'a> {
    id: &'a str,
    filename: &'a str,
    media_type: &'a str,
    bytes: u64,
    sha256: &'a str,
    href: String,
}

fn listed_file<'a>(reference: &str, f: &'a StoredFile) -> ListedFile<'a> {
    ListedFile {
        id: &f.id,
        filename: &f.filename,
        media_type: &f.media_type,
        bytes: f.bytes,
        sha256: &f.sha256,
        href: files::href(reference, &f.id),
    }
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
        files: row
            .files
            .iter()
            .map(|f| listed_file(&row.reference, f))
            .collect(),
    }
}

/// `?after=&limit=`, checked.
#[derive(Debug, PartialEq, Eq)]
pub struct PageQuery {
    pub after: Option<String>,
    pub limit: usize,
}

impl PageQuery {
    /// Parses a query string. Unknown parameters are ignored; messages
    /// never repeat the values given.
    pub fn parse(query: Option<&str>) -> Result<PageQuery, ApiError> {
        let mut page = PageQuery {
            after: None,
            limit: DEFAULT_PAGE,
        };
        let bad = |field: &'static str, message: String| {
            ApiError::new(StatusCode::BAD_REQUEST, message, field)
        };
        for pair in query.unwrap_or_default().split('&') {
            let (name, value) = pair.split_once('=').unwrap_or((pair, ""));
            match name {
                "after" => {
                    let plain = !value.is_empty()
                        && value.len() <= 64
                        && value
                            .bytes()
                            .all(|b| b.is_ascii_alphanumeric() || b == b'-');
                    if !plain {
                        return Err(bad(
                            "after",
                            "`after` must be a reference, e.g. PR-2026-000001".into(),
                        ));
                    }
                    page.after = Some(value.to_owned());
                }
                "limit" => {
                    page.limit = value
                        .parse::<usize>()
                        .ok()
                        .filter(|n| (1..=MAX_PAGE).contains(n))
                        .ok_or_else(|| {
                            bad(
                                "limit",
                                format!("`limit` must be a whole number from 1 to {MAX_PAGE}"),
                            )
                        })?;
                }
                _ => {}
            }
        }
        Ok(page)
    }
}

/// A page of submissions, and the `after` of the next page if there may be one.
pub struct Page {
    pub rows: Vec<StoredSubmission>,
    pub next: Option<String>,
    pub limit: usize,
}

async fn load(state: &AppState, query: Option<&str>) -> Result<Page, ApiError> {
    let PageQuery { after, limit } = PageQuery::parse(query)?;
    let cursor = after.clone();
    // One row more than asked for says whether there is a next page.
    let rows = blocking(&state.store, move |store: &Store| {
        store.page(cursor.as_deref(), limit + 1)
    })
    .await?;
    let Some(mut rows) = rows else {
        return Err(ApiError::new(
            StatusCode::BAD_REQUEST,
            "`after` names no stored submission",
            "after",
        ));
    };
    let next = if rows.len() > limit {
        rows.truncate(limit);
        rows.last().map(|r| r.reference.clone())
    } else {
        None
    };
    Ok(Page { rows, next, limit })
}

/// The query string of the page after `page`, if any.
pub fn next_query(page: &Page) -> Option<String> {
    let next = page.next.as_ref()?;
    Some(format!("after={next}&limit={}", page.limit))
}

pub async fn list(
    State(state): State<AppState>,
    RawQuery(query): RawQuery,
) -> Result<Response, ApiError> {
    let page = load(&state, query.as_deref()).await?;
    let listing: Vec<Listed<'_>> = page.rows.iter().map(listed).collect();
    let mut response = json_response(StatusCode::OK, &listing);
    if let Some(next) = next_query(&page) {
        let link = format!("</submissions?{next}>; rel=\"next\"");
        if let Ok(value) = HeaderValue::from_str(&link) {
            response.headers_mut().insert(header::LINK, value);
        }
    }
    Ok(response)
}

pub async fn show(
    State(state): State<AppState>,
    Path(reference): Path<String>,
) -> Result<Response, ApiError> {
    match blocking(&state.store, move |store| store.get(&reference)).await? {
        Some(row) => Ok(json_response(StatusCode::OK, &listed(&row))),
        None => Err(ApiError::new(
            StatusCode::NOT_FOUND,
            "no submission has that reference",
            "reference",
        )),
    }
}

pub async fn index(
    State(state): State<AppState>,
    RawQuery(query): RawQuery,
) -> Result<Response, ApiError> {
    let page = load(&state, query.as_deref()).await?;
    let total = blocking(&state.store, Store::count).await?;
    let mut response = Html(html::index_page(&page, total, query.is_some())).into_response();
    response.headers_mut().insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(html::CSP),
    );
    Ok(response)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parsed(q: &str) -> Result<PageQuery, (String, String)> {
        PageQuery::parse(Some(q)).map_err(|e| {
            (
                e.field.map(|f| f.into_owned()).unwrap_or_default(),
                e.message,
            )
        })
    }

    #[test]
    fn page_queries() {
        let page = |after: Option<&str>, limit| PageQuery {
            after: after.map(str::to_owned),
            limit,
        };
        assert_eq!(PageQuery::parse(None), Ok(page(None, DEFAULT_PAGE)));
        assert_eq!(parsed(""), Ok(page(None, DEFAULT_PAGE)));
        assert_eq!(parsed("limit=5&x=1"), Ok(page(None, 5)));
        assert_eq!(
            parsed("after=PR-2026-000007&limit=1000"),
            Ok(page(Some("PR-2026-000007"), 1000))
        );
        for bad in [
            "limit=0",
            "limit=1001",
            "limit=-1",
            "limit=MARKER",
            "limit=",
        ] {
            let (field, message) = parsed(bad).expect_err(bad);
            assert_eq!(field, "limit", "{bad}");
            assert!(!message.contains("MARKER"));
        }
        for bad in ["after=", "after=%3Cscript%3E", "after=MARKER<b>"] {
            let (field, message) = parsed(bad).expect_err(bad);
            assert_eq!(field, "after", "{bad}");
            assert!(!message.contains("MARKER") && !message.contains("script"));
        }
    }
}

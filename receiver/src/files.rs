//! `GET /submissions/{reference}/files/{id}`: one stored file, for staff.
//!
//! Guarded like the other reads. A file came from the public, so it is
//! only ever downloaded, never shown: `Content-Disposition: attachment`,
//! its stored media type (one of the schema's five), `nosniff`, and a
//! Content-Security-Policy that sandboxes it should a browser open it.

use axum::extract::{Path, State};
use axum::http::header::{self, HeaderValue};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use percent_encoding::{utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};

use crate::{blocking, ApiError, AppState};

/// Where staff download a file.
pub fn href(reference: &str, id: &str) -> String {
    format!("/submissions/{reference}/files/{id}")
}

/// The Content-Security-Policy of a downloaded file.
pub const FILE_CSP: &str = "default-src 'none'; frame-ancestors 'none'; sandbox";

pub async fn download(
    State(state): State<AppState>,
    Path((reference, id)): Path<(String, String)>,
) -> Result<Response, ApiError> {
    let found = blocking(&state.store, move |store| store.file(&reference, &id)).await?;
    let Some((file, content)) = found else {
        return Err(ApiError::bare(
            StatusCode::NOT_FOUND,
            "no stored file has that reference and id",
        ));
    };
    let media_type = HeaderValue::from_str(&file.media_type)
        .unwrap_or(HeaderValue::from_static("application/octet-stream"));
    let disposition = HeaderValue::from_str(&content_disposition(&file.filename))
        .unwrap_or(HeaderValue::from_static("attachment"));
    let mut response = (StatusCode::OK, content).into_response();
    let h = response.headers_mut();
    h.insert(header::CONTENT_TYPE, media_type);
    h.insert(header::CONTENT_DISPOSITION, disposition);
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    h.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(FILE_CSP),
    );
    Ok(response)
}

/// RFC 6266: `attachment`, a plain-ASCII `filename` for old clients (other
/// characters, quotes, backslashes and `%` as `_`), and the real name as
/// UTF-8 in `filename*` (RFC 8187).
pub fn content_disposition(filename: &str) -> String {
    const ATTR_CHAR: &AsciiSet = &NON_ALPHANUMERIC
        .remove(b'!')
        .remove(b'#')
        .remove(b'$')
        .remove(b'&')
        .remove(b'+')
        .remove(b'-')
        .remove(b'.')
        .remove(b'^')
        .remove(b'_')
        .remove(b'`')
        .remove(b'|')
        .remove(b'~');
    let ascii: String = filename
        .chars()
        .map(|c| match c {
            ' '..='~' if !matches!(c, '"' | '\\' | '%') => c,
            _ => '_',
        })
        .collect();
    format!(
        "attachment; filename=\"{ascii}\"; filename*=UTF-8''{}",
        utf8_percent_encode(filename, ATTR_CHAR)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_safe_in_the_header_and_kept_in_full() {
        assert_eq!(
            content_disposition("kitchen ceiling.jpg"),
            "attachment; filename=\"kitchen ceiling.jpg\"; filename*=UTF-8''kitchen%20ceiling.jpg"
        );
        let tricky = content_disposition("a\"b\\c%d;e=f Llun o'r gegin – ٹوٹی.jpg");
        assert!(
            tricky.starts_with("attachment; filename=\"a_b_c_d;e=f Llun o'r gegin _ ____.jpg\"; "),
            "{tricky}"
        );
        assert!(tricky.ends_with("filename*=UTF-8''a%22b%5Cc%25d%3Be%3Df%20Llun%20o%27r%20gegin%20%E2%80%93%20%D9%B9%D9%88%D9%B9%DB%8C.jpg"), "{tricky}");
        assert!(HeaderValue::from_str(&tricky).is_ok());
    }
}

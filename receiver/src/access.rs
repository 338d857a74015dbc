//! Who may read stored submissions (`GET /`, `GET /submissions`,
//! `GET /submissions/{reference}`, and `/_faults` when it is on).
//!
//! Stored submissions are personal data for landlord staff, never for a
//! web page: these routes get no CORS headers at all. On top of that:
//!
//! - **No read token** (the default, for local development): only clients
//!   on this machine (loopback), and only when the `Host` header names this
//!   server as `127.0.0.1:<port>`, `localhost:<port>` or `[::1]:<port>`.
//!   The `Host` rule stops DNS rebinding: a page on `evil.example` whose
//!   name is re-pointed at 127.0.0.1 is same-origin with this server in
//!   the browser's eyes, but its requests still say `Host: evil.example`.
//! - **A read token** (`--read-token` / `PUTRIGHT_READ_TOKEN`): every read
//!   needs `Authorization: Bearer <token>`, from any address. Browsers
//!   never add that header by themselves, so a page cannot borrow it.

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr};

use axum::extract::{ConnectInfo, Request, State};
use axum::http::header::{self, HeaderValue};
use axum::http::StatusCode;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use crate::serve::ConnHandle;
use crate::{ApiError, AppState};

/// Shortest read token accepted.
pub const MIN_TOKEN_LEN: usize = 16;

/// Checks a read token's shape: at least [`MIN_TOKEN_LEN`] characters of
/// the RFC 6750 token alphabet.
pub fn check_token(token: &str) -> Result<(), String> {
    let alphabet = |b: u8| b.is_ascii_alphanumeric() || b"-._~+/=".contains(&b);
    if token.len() < MIN_TOKEN_LEN || !token.bytes().all(alphabet) {
        return Err(format!(
            "the read token must be at least {MIN_TOKEN_LEN} characters of A-Z a-z 0-9 - . _ ~ + / ="
        ));
    }
    Ok(())
}

/// Middleware for the staff routes.
pub async fn staff_only(State(state): State<AppState>, req: Request, next: Next) -> Response {
    let verdict = match state.read_token.as_deref() {
        Some(token) => bearer_matches(&req, token),
        None => local_request(&req),
    };
    match verdict {
        Ok(()) => next.run(req).await,
        Err(refusal) => {
            let challenge = refusal.status == StatusCode::UNAUTHORIZED;
            let mut response = refusal.into_response();
            if challenge {
                response.headers_mut().insert(
                    header::WWW_AUTHENTICATE,
                    HeaderValue::from_static("Bearer realm=\"putright-receiver\""),
                );
            }
            response
        }
    }
}

fn bearer_matches(req: &Request, token: &str) -> Result<(), ApiError> {
    let presented = req
        .headers()
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split_once(' '))
        .filter(|(scheme, _)| scheme.eq_ignore_ascii_case("bearer"))
        .map(|(_, t)| t.trim());
    if presented.is_some_and(|t| same_secret(t.as_bytes(), token.as_bytes())) {
        return Ok(());
    }
    Err(ApiError::new(
        StatusCode::UNAUTHORIZED,
        "reading submissions needs the header `Authorization: Bearer <read token>`",
        "Authorization",
    ))
}

/// Compares without stopping at the first difference, so the time taken
/// does not tell how much of a guess was right.
fn same_secret(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

fn local_request(req: &Request) -> Result<(), ApiError> {
    // An absolute-form request target carries its own authority; it wins.
    let host = match req.uri().authority() {
        Some(authority) => Some(authority.as_str()),
        None => {
            let mut hosts = req.headers().get_all(header::HOST).iter();
            match (hosts.next(), hosts.next()) {
                (Some(h), None) => h.to_str().ok(),
                _ => None,
            }
        }
    };
    let conn = req.extensions().get::<ConnectInfo<ConnHandle>>();
    check_local(conn.map(|ConnectInfo(c)| (c.remote, c.local)), host)
}

/// The rule without a token: `addrs` is (client, server side) of the
/// connection, `host` the request's one `Host`.
fn check_local(
    addrs: Option<(SocketAddr, SocketAddr)>,
    host: Option<&str>,
) -> Result<(), ApiError> {
    let refuse = |message: &str| Err(ApiError::new(StatusCode::FORBIDDEN, message, "Host"));
    let Some((remote, local)) = addrs else {
        return refuse("reads are answered only on this machine");
    };
    if !remote.ip().to_canonical().is_loopback() {
        return refuse(
            "reads are answered only to this machine (loopback) unless the receiver \
             has a read token (--read-token)",
        );
    }
    if !host.is_some_and(|h| names_this_server(h, local)) {
        return refuse(
            "the Host header must be 127.0.0.1, localhost or [::1] with this server's port",
        );
    }
    Ok(())
}

/// `127.0.0.1:<port>`, `localhost:<port>` or `[::1]:<port>` (any loopback
/// address literal), where `<port>` is the port this connection came in on.
fn names_this_server(host: &str, local: SocketAddr) -> bool {
    let Some((name, port)) = host.rsplit_once(':') else {
        return false;
    };
    if port.parse::<u16>().ok() != Some(local.port()) {
        return false;
    }
    if name.eq_ignore_ascii_case("localhost") {
        return true;
    }
    let ip = match name.strip_prefix('[').and_then(|n| n.strip_suffix(']')) {
        Some(v6) => v6.parse::<Ipv6Addr>().ok().map(IpAddr::V6),
        None => name.parse::<Ipv4Addr>().ok().map(IpAddr::V4),
    };
    ip.is_some_and(|ip| ip.to_canonical().is_loopback())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn host_names_this_server_only() {
        let local: SocketAddr = "127.0.0.1:8787".parse().expect("addr");
        for good in [
            "127.0.0.1:8787",
            "localhost:8787",
            "LocalHost:8787",
            "[::1]:8787",
        ] {
            assert!(names_this_server(good, local), "{good}");
        }
        for bad in [
            "127.0.0.1",
            "localhost",
            "127.0.0.1:8788",
            "evil.example:8787",
            "localhost.evil.example:8787",
            "192.168.1.2:8787",
            "[::1]",
            "::1:8787",
            "127.0.0.1:8787:8787",
            "",
        ] {
            assert!(!names_this_server(bad, local), "{bad}");
        }
    }

    #[test]
    fn only_loopback_clients_naming_this_server() {
        let local: SocketAddr = "127.0.0.1:8787".parse().expect("addr");
        let from = |remote: &str| Some((remote.parse().expect("addr"), local));
        assert!(check_local(from("127.0.0.1:50000"), Some("localhost:8787")).is_ok());
        assert!(check_local(from("[::ffff:127.0.0.1]:50000"), Some("localhost:8787")).is_ok());
        for (remote, host) in [
            ("192.168.1.20:50000", Some("127.0.0.1:8787")),
            ("10.0.0.1:50000", Some("localhost:8787")),
            ("127.0.0.1:50000", Some("evil.example:8787")),
            ("127.0.0.1:50000", None),
        ] {
            let e = check_local(from(remote), host).expect_err(remote);
            assert_eq!((e.status.as_u16(), e.field.as_deref()), (403, Some("Host")));
        }
        assert!(check_local(None, Some("localhost:8787")).is_err());
    }

    #[test]
    fn tokens() {
        assert!(same_secret(b"abc", b"abc"));
        assert!(!same_secret(b"abc", b"abd"));
        assert!(!same_secret(b"abc", b"abcd"));
        assert!(check_token("0123456789abcdef").is_ok());
        assert!(check_token("short").is_err());
        assert!(check_token("0123456789abcdef with space").is_err());
    }
}

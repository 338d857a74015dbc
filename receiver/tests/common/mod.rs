//! Helpers shared by the integration tests.
#![allow(dead_code)]

mod binary;
mod evidence;
mod raw;

#[allow(unused_imports)]
pub use binary::*;
#[allow(unused_imports)]
pub use evidence::*;
#[allow(unused_imports)]
pub use raw::*;

use std::path::{Path, PathBuf};
use std::time::Duration;

use putright_receiver::config::{AllowedOrigins, FaultConfig};
use putright_receiver::serve::serve;
use putright_receiver::store::Store;
use putright_receiver::AppState;
use serde_json::Value;
use ureq::http::{self, HeaderMap, HeaderName, HeaderValue, Method};

pub const DEFAULT_ORIGINS: &str = "http://127.0.0.1:8080,http://localhost:8080";

/// A fully-read HTTP response.
#[derive(Debug, Clone)]
pub struct Reply {
    pub status: u16,
    pub headers: HeaderMap,
    pub body: String,
}

impl Reply {
    pub fn json(&self) -> Value {
        serde_json::from_str(&self.body)
            .unwrap_or_else(|e| panic!("response is not JSON ({e}): {}", self.body))
    }

    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|v| v.to_str().ok())
    }

    pub fn has_cors_headers(&self) -> bool {
        self.headers
            .keys()
            .any(|k| k.as_str().starts_with("access-control-"))
    }

    /// The `field` of a JSON error body.
    pub fn field(&self) -> String {
        self.json()["field"].as_str().unwrap_or("<none>").to_owned()
    }
}

pub fn agent() -> ureq::Agent {
    ureq::Agent::config_builder()
        .http_status_as_error(false)
        .timeout_global(Some(Duration::from_secs(30)))
        .build()
        .into()
}

/// Sends one request; headers are raw bytes so tests can send odd values.
pub fn send(
    agent: &ureq::Agent,
    method: Method,
    url: &str,
    headers: &[(&str, HeaderValue)],
    body: Option<&[u8]>,
) -> Result<Reply, ureq::Error> {
    let (status, headers, bytes) = send_for_bytes(agent, method, url, headers, body)?;
    let body = String::from_utf8(bytes).unwrap_or_else(|e| panic!("answer is not UTF-8: {e}"));
    Ok(Reply {
        status,
        headers,
        body,
    })
}

/// As [`send`], for an answer that is bytes (a downloaded file).
pub fn send_for_bytes(
    agent: &ureq::Agent,
    method: Method,
    url: &str,
    headers: &[(&str, HeaderValue)],
    body: Option<&[u8]>,
) -> Result<(u16, HeaderMap, Vec<u8>), ureq::Error> {
    let mut builder = http::Request::builder().method(method).uri(url);
    for (name, value) in headers {
        builder = builder.header(
            HeaderName::from_bytes(name.as_bytes()).expect("header name"),
            value.clone(),
        );
    }
    let mut response = match body {
        Some(bytes) => agent.run(builder.body(bytes.to_vec()).expect("request"))?,
        None => agent.run(builder.body(()).expect("request"))?,
    };
    let status = response.status().as_u16();
    let headers = response.headers().clone();
    let body = response
        .body_mut()
        .with_config()
        .limit(64 * 1024 * 1024)
        .read_to_vec()?;
    Ok((status, headers, body))
}

pub fn hv(value: &str) -> HeaderValue {
    HeaderValue::from_str(value).expect("header value")
}

pub fn get(agent: &ureq::Agent, url: &str) -> Reply {
    send(agent, Method::GET, url, &[], None).expect("GET")
}

/// POSTs `body` as application/json, with an Idempotency-Key if given.
pub fn post_json(agent: &ureq::Agent, base: &str, body: &str, key: Option<&str>) -> Reply {
    try_post_json(agent, base, body, key).expect("POST")
}

pub fn try_post_json(
    agent: &ureq::Agent,
    base: &str,
    body: &str,
    key: Option<&str>,
) -> Result<Reply, ureq::Error> {
    try_post(agent, base, "application/json", body.as_bytes(), key)
}

/// POSTs `body` as application/x-www-form-urlencoded.
pub fn post_form(agent: &ureq::Agent, base: &str, body: &str, key: Option<&str>) -> Reply {
    try_post(
        agent,
        base,
        "application/x-www-form-urlencoded",
        body.as_bytes(),
        key,
    )
    .expect("POST form")
}

/// POSTs `body` to `/submissions` as `content_type`, with an
/// Idempotency-Key if given.
pub fn try_post(
    agent: &ureq::Agent,
    base: &str,
    content_type: &str,
    body: &[u8],
    key: Option<&str>,
) -> Result<Reply, ureq::Error> {
    let mut headers = vec![("content-type", hv(content_type))];
    if let Some(key) = key {
        headers.push(("idempotency-key", hv(key)));
    }
    send(
        agent,
        Method::POST,
        &format!("{base}/submissions"),
        &headers,
        Some(body),
    )
}

pub fn count(agent: &ureq::Agent, base: &str) -> i64 {
    let reply = get(agent, &format!("{base}/health"));
    assert_eq!(reply.status, 200, "{}", reply.body);
    reply.json()["count"].as_i64().expect("count")
}

/// A deterministic UUID-shaped id; `tag` keeps tests apart.
pub fn uuid(tag: u32, n: u64) -> String {
    format!("{tag:08x}-0000-4000-8000-{n:012x}")
}

/// A published example (`public/examples/<kind>.json`), parsed.
pub fn example(kind: &str) -> Value {
    let path = format!(
        "{}/../public/examples/{kind}.json",
        env!("CARGO_MANIFEST_DIR")
    );
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// A schema-valid submission of `kind` as *exact text*: odd spacing,
/// escapes, markup and non-ASCII, so any re-serialisation would show.
pub fn submission(id: &str, kind: &str) -> String {
    let mut v = example(kind);
    v["id"] = Value::from(id);
    v["landlord_id"] = Value::from("demo-housing");
    v["resident"]["name"] = Value::from("Siân O'Brien");
    v["resident"]["contact_times"] = Value::from("@@CONTACT_TIMES@@");
    let text = serde_json::to_string(&v).expect("serialise");
    let text = text
        .replacen('{', "{ ", 1)
        .replacen(",\"kind\":", " ,\"kind\" :  ", 1)
        .replace(
            "\"@@CONTACT_TIMES@@\"",
            r#""Damp & mould <script>alert(1)</script>\tline2 \u00e9""#,
        );
    debug_assert!(text.contains("\\u00e9"));
    text
}

/// Rows straight from the database file: (id, reference, body), by reference.
pub fn db_rows(db: &Path) -> Vec<(String, String, String)> {
    let conn = rusqlite::Connection::open(db).expect("open db");
    let mut stmt = conn
        .prepare("SELECT id, reference, body FROM submissions ORDER BY reference")
        .expect("prepare");
    let rows = stmt
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .expect("query")
        .collect::<Result<Vec<_>, _>>()
        .expect("rows");
    rows
}

pub fn integrity_check(db: &Path) -> String {
    let conn = rusqlite::Connection::open(db).expect("open db");
    conn.query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .expect("integrity_check")
}

/// The router served in-process on 127.0.0.1:0.
pub struct InProcess {
    pub base: String,
    pub db: PathBuf,
    runtime: tokio::runtime::Runtime,
}

impl InProcess {
    pub fn start(db: &Path, origins: &str) -> InProcess {
        InProcess::start_with(db, origins, |state| state)
    }

    /// Like [`InProcess::start`], with the state adjusted by `configure`.
    pub fn start_with(
        db: &Path,
        origins: &str,
        configure: impl FnOnce(AppState) -> AppState,
    ) -> InProcess {
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .enable_all()
            .build()
            .expect("runtime");
        let store = Store::open(db, "PR").expect("store");
        let origins = AllowedOrigins::parse(origins).expect("origins");
        let listener = runtime
            .block_on(tokio::net::TcpListener::bind("127.0.0.1:0"))
            .expect("bind");
        let addr = listener.local_addr().expect("addr");
        let state = configure(AppState::new(store, origins));
        runtime.spawn(serve(listener, state, std::future::pending()));
        InProcess {
            base: format!("http://{addr}"),
            db: db.to_owned(),
            runtime,
        }
    }

    /// `127.0.0.1:<port>`.
    pub fn addr(&self) -> &str {
        self.base.trim_start_matches("http://")
    }

    /// Stops the server and waits for its tasks (and DB connection) to go.
    pub fn stop(self) {
        self.runtime.shutdown_timeout(Duration::from_secs(5));
    }
}

/// Fault injection with the `/_faults` API on and no random faults.
pub fn fault_admin() -> FaultConfig {
    FaultConfig {
        admin: true,
        rate: 0.0,
        seed: 0,
    }
}

/// A server in-process with a fresh database, and an agent to call it.
pub struct Fixture {
    _dir: tempfile::TempDir,
    pub server: InProcess,
    pub agent: ureq::Agent,
}

impl Fixture {
    pub fn new() -> Fixture {
        Fixture::with_origins(DEFAULT_ORIGINS)
    }

    pub fn with_origins(origins: &str) -> Fixture {
        let dir = tempfile::tempdir().expect("tempdir");
        let server = InProcess::start(&dir.path().join("s.sqlite3"), origins);
        Fixture {
            _dir: dir,
            server,
            agent: agent(),
        }
    }

    pub fn base(&self) -> &str {
        &self.server.base
    }

    pub fn count(&self) -> i64 {
        count(&self.agent, self.base())
    }
}

/// A CORS preflight of `path`, with `headers` besides `Origin`.
pub fn preflight(
    agent: &ureq::Agent,
    base: &str,
    path: &str,
    origin: &str,
    headers: &[(&str, HeaderValue)],
) -> Reply {
    let mut all = vec![("origin", hv(origin))];
    all.extend(headers.iter().cloned());
    send(agent, Method::OPTIONS, &format!("{base}{path}"), &all, None).expect("preflight")
}

/// The preflight a browser sends before POSTing to `/submissions`.
pub fn post_preflight(
    agent: &ureq::Agent,
    base: &str,
    origin: &str,
    request_headers: Option<&str>,
) -> Reply {
    let mut headers = vec![("access-control-request-method", hv("POST"))];
    if let Some(h) = request_headers {
        headers.push(("access-control-request-headers", hv(h)));
    }
    preflight(agent, base, "/submissions", origin, &headers)
}

//! Command-line flags with environment fallbacks.

use std::path::PathBuf;
use std::time::Duration;

use crate::access::check_token;

pub const USAGE: &str = r#"putright-receiver: reference HTTP receiver for Put Right submissions (local dev tool)

USAGE:
    putright-receiver [OPTIONS]

OPTIONS:
    --port <PORT>              Port to listen on; 0 picks a free one
                               [env: PUTRIGHT_RECEIVER_PORT] [default: 8787]
    --host <HOST>              Address to bind [default: 127.0.0.1]
    --db <PATH>                SQLite database file; its directory is created
                               [env: PUTRIGHT_RECEIVER_DB]
                               [default: receiver-data/submissions.sqlite3]
    --allow-origin <ORIGINS>   Comma-separated exact origins allowed by CORS, or *
                               [env: PUTRIGHT_ALLOW_ORIGIN]
                               [default: http://127.0.0.1:8080,http://localhost:8080]
    --reference-prefix <P>     Prefix of submission references, letters/digits
                               [default: PR]
    --allow-headers <NAMES>    Comma-separated request headers CORS preflights
                               allow, added to content-type, idempotency-key
                               (add any header the landlord config sends), or *
                               to allow whatever a preflight asks for
                               [env: PUTRIGHT_ALLOW_HEADERS]
    --read-token <TOKEN>       Let any address read stored submissions (GET /,
                               GET /submissions...) with the header
                               Authorization: Bearer <TOKEN>; at least 16
                               characters. Without it, reads are answered
                               only on this machine, to Host 127.0.0.1:<port>,
                               localhost:<port> or [::1]:<port>
                               [env: PUTRIGHT_READ_TOKEN (better: not visible
                               in the process list)]
    --header-timeout <SECS>    Close a connection whose request line and
                               headers take longer than this (also an idle
                               keep-alive connection) [default: 10]
    --body-timeout <SECS>      Answer 408 and close when a request body takes
                               longer than this to arrive [default: 30]
    --upload-timeout <SECS>    The same for a multipart/form-data body (a
                               submission with files: up to 25 MB, which a
                               phone may send slowly) [default: 300]

FAULT INJECTION (testing only; all off by default):
    --fault-admin              Enable the /_faults API:
                                 POST /_faults    queue faults for the next
                                                  POST /submissions, in order
                                 GET /_faults     queued, injected, counts
                                 DELETE /_faults  clear all of that
                               Fault: {"status":500} | {"status":503,"store":true}
                                 | {"status":429,"retry_after":2}
                                 | {"hang_ms":N[,"status":S]}
                                 | {"status":400,"message":"..."}
                                 | {"cors":false} | {"drop":true[,"store":true]}
                                 | {"crash_mid_store":true} (end the process
                                   half-way through storing; for crash tests)
                                 | {} (let one request through)
    --fault-rate <RATE>        Inject a random fault into this share (0 to 1)
                               of POST /submissions requests (short hangs
                               only; never a plain 400) [default: 0]
    --fault-seed <SEED>        Seed for --fault-rate, so runs repeat exactly
                               [default: 0]

    -h, --help                 Print this help
"#;

pub const DEFAULT_PORT: u16 = 8787;
pub const DEFAULT_HOST: &str = "127.0.0.1";
pub const DEFAULT_DB: &str = "receiver-data/submissions.sqlite3";
pub const DEFAULT_ORIGINS: &str = "http://127.0.0.1:8080,http://localhost:8080";
pub const DEFAULT_PREFIX: &str = "PR";
pub const DEFAULT_HEADER_TIMEOUT: Duration = Duration::from_secs(10);
pub const DEFAULT_BODY_TIMEOUT: Duration = Duration::from_secs(30);
pub const DEFAULT_UPLOAD_TIMEOUT: Duration = Duration::from_secs(300);
/// Longest timeout a flag may set, in seconds.
pub const MAX_TIMEOUT_SECS: u64 = 3600;
/// Request headers every preflight allows.
pub const DEFAULT_ALLOW_HEADERS: [&str; 2] = ["content-type", "idempotency-key"];

/// Which request headers CORS preflights allow.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AllowedHeaders {
    /// Echo whatever the preflight asks for.
    Any,
    /// These lower-case names.
    List(Vec<String>),
}

impl AllowedHeaders {
    /// The defaults plus a comma-separated list of extra names, or `*`.
    pub fn parse(extra: &str) -> Result<AllowedHeaders, String> {
        let mut names: Vec<String> = DEFAULT_ALLOW_HEADERS
            .iter()
            .map(|s| s.to_string())
            .collect();
        for item in extra.split(',').map(str::trim).filter(|s| !s.is_empty()) {
            if item == "*" {
                return Ok(AllowedHeaders::Any);
            }
            let valid = item
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b));
            if !valid {
                return Err(format!("`{item}` is not a valid header name"));
            }
            let name = item.to_ascii_lowercase();
            if !names.contains(&name) {
                names.push(name);
            }
        }
        Ok(AllowedHeaders::List(names))
    }
}

impl Default for AllowedHeaders {
    fn default() -> Self {
        AllowedHeaders::List(
            DEFAULT_ALLOW_HEADERS
                .iter()
                .map(|s| s.to_string())
                .collect(),
        )
    }
}

/// Fault injection settings; all off by default.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct FaultConfig {
    pub admin: bool,
    pub rate: f64,
    pub seed: u64,
}

impl FaultConfig {
    pub fn enabled(&self) -> bool {
        self.admin || self.rate > 0.0
    }
}

/// How long a client may take to send a request (against slow clients
/// holding connections open).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Timeouts {
    /// For the request line and headers, and for an idle keep-alive
    /// connection's next request.
    pub header: Duration,
    /// For the whole body, from when the handler starts reading it.
    pub body: Duration,
    /// The same for a multipart body (a submission with files).
    pub upload: Duration,
}

impl Default for Timeouts {
    fn default() -> Self {
        Timeouts {
            header: DEFAULT_HEADER_TIMEOUT,
            body: DEFAULT_BODY_TIMEOUT,
            upload: DEFAULT_UPLOAD_TIMEOUT,
        }
    }
}

/// Which browser origins get CORS headers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AllowedOrigins {
    any: bool,
    exact: Vec<String>,
}

impl AllowedOrigins {
    /// Parses a comma-separated list of exact origins; `*` allows any.
    pub fn parse(list: &str) -> Result<AllowedOrigins, String> {
        let mut allowed = AllowedOrigins {
            any: false,
            exact: Vec::new(),
        };
        for item in list.split(',').map(str::trim).filter(|s| !s.is_empty()) {
            if item == "*" {
                allowed.any = true;
                continue;
            }
            let rest = item
                .strip_prefix("http://")
                .or_else(|| item.strip_prefix("https://"))
                .ok_or_else(|| format!("origin `{item}` must start with http:// or https://"))?;
            if rest.is_empty() || rest.contains('/') {
                return Err(format!(
                    "origin `{item}` must be scheme://host[:port] with no path or trailing slash"
                ));
            }
            allowed.exact.push(item.to_owned());
        }
        if !allowed.any && allowed.exact.is_empty() {
            return Err("--allow-origin needs at least one origin (or *)".to_owned());
        }
        Ok(allowed)
    }

    pub fn allows(&self, origin: &str) -> bool {
        self.any || self.exact.iter().any(|o| o == origin)
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Config {
    pub host: String,
    pub port: u16,
    pub db: PathBuf,
    pub allow_origins: AllowedOrigins,
    pub reference_prefix: String,
    pub allow_headers: AllowedHeaders,
    pub faults: FaultConfig,
    pub read_token: Option<String>,
    pub timeouts: Timeouts,
}

#[derive(Debug, PartialEq)]
pub enum Command {
    Run(Box<Config>),
    Help,
}

/// Parses `args` (without the program name). `env` looks up an environment
/// variable; flags win over the environment, which wins over defaults.
pub fn parse<I, E>(args: I, env: E) -> Result<Command, String>
where
    I: IntoIterator<Item = String>,
    E: Fn(&str) -> Option<String>,
{
    let mut port = None;
    let mut host = None;
    let mut db = None;
    let mut origins = None;
    let mut prefix = None;
    let mut headers = None;
    let mut fault_rate = None;
    let mut fault_seed = None;
    let mut fault_admin = false;
    let mut read_token = None;
    let mut header_timeout = None;
    let mut body_timeout = None;
    let mut upload_timeout = None;

    let mut args = args.into_iter();
    while let Some(arg) = args.next() {
        if arg == "-h" || arg == "--help" {
            return Ok(Command::Help);
        }
        if arg == "--fault-admin" {
            fault_admin = true;
            continue;
        }
        let (name, inline) = match arg.split_once('=') {
            Some((n, v)) if n.starts_with("--") => (n.to_owned(), Some(v.to_owned())),
            _ => (arg.clone(), None),
        };
        let slot = match name.as_str() {
            "--port" => &mut port,
            "--host" => &mut host,
            "--db" => &mut db,
            "--allow-origin" => &mut origins,
            "--reference-prefix" => &mut prefix,
            "--allow-headers" => &mut headers,
            "--fault-rate" => &mut fault_rate,
            "--fault-seed" => &mut fault_seed,
            "--read-token" => &mut read_token,
            "--header-timeout" => &mut header_timeout,
            "--body-timeout" => &mut body_timeout,
            "--upload-timeout" => &mut upload_timeout,
            _ => return Err(format!("unknown argument `{arg}`")),
        };
        let value = match inline {
            Some(v) => v,
            None => args.next().ok_or_else(|| format!("{name} needs a value"))?,
        };
        *slot = Some(value);
    }

    let port = match port.or_else(|| env("PUTRIGHT_RECEIVER_PORT")) {
        None => DEFAULT_PORT,
        Some(p) => p
            .trim()
            .parse()
            .map_err(|_| format!("port `{p}` is not a number from 0 to 65535"))?,
    };
    let host = host.unwrap_or_else(|| DEFAULT_HOST.to_owned());
    if host.trim().is_empty() {
        return Err("--host must not be empty".to_owned());
    }
    let db = db
        .or_else(|| env("PUTRIGHT_RECEIVER_DB"))
        .unwrap_or_else(|| DEFAULT_DB.to_owned());
    if db.trim().is_empty() {
        return Err("--db must not be empty".to_owned());
    }
    let origins = origins
        .or_else(|| env("PUTRIGHT_ALLOW_ORIGIN"))
        .unwrap_or_else(|| DEFAULT_ORIGINS.to_owned());
    let reference_prefix = prefix.unwrap_or_else(|| DEFAULT_PREFIX.to_owned());
    if reference_prefix.is_empty()
        || reference_prefix.len() > 16
        || !reference_prefix.bytes().all(|b| b.is_ascii_alphanumeric())
    {
        return Err(format!(
            "reference prefix `{reference_prefix}` must be 1-16 ASCII letters or digits"
        ));
    }

    let allow_headers = AllowedHeaders::parse(
        &headers
            .or_else(|| env("PUTRIGHT_ALLOW_HEADERS"))
            .unwrap_or_default(),
    )?;
    let rate = match fault_rate {
        None => 0.0,
        Some(r) => r
            .trim()
            .parse::<f64>()
            .ok()
            .filter(|r| (0.0..=1.0).contains(r))
            .ok_or_else(|| format!("--fault-rate `{r}` must be a number from 0 to 1"))?,
    };
    let seed = match fault_seed {
        None => 0,
        Some(s) => s
            .trim()
            .parse::<u64>()
            .map_err(|_| format!("--fault-seed `{s}` must be a whole number"))?,
    };

    let read_token = read_token.or_else(|| env("PUTRIGHT_READ_TOKEN"));
    if let Some(token) = &read_token {
        check_token(token)?;
    }
    let timeouts = Timeouts {
        header: timeout("--header-timeout", header_timeout, DEFAULT_HEADER_TIMEOUT)?,
        body: timeout("--body-timeout", body_timeout, DEFAULT_BODY_TIMEOUT)?,
        upload: timeout("--upload-timeout", upload_timeout, DEFAULT_UPLOAD_TIMEOUT)?,
    };

    Ok(Command::Run(Box::new(Config {
        host,
        port,
        db: PathBuf::from(db),
        allow_origins: AllowedOrigins::parse(&origins)?,
        reference_prefix,
        allow_headers,
        faults: FaultConfig {
            admin: fault_admin,
            rate,
            seed,
        },
        read_token,
        timeouts,
    })))
}

fn timeout(flag: &str, value: Option<String>, default: Duration) -> Result<Duration, String> {
    match value {
        None => Ok(default),
        Some(v) => v
            .trim()
            .parse::<u64>()
            .ok()
            .filter(|s| (1..=MAX_TIMEOUT_SECS).contains(s))
            .map(Duration::from_secs)
            .ok_or_else(|| {
                format!(
                    "{flag} `{v}` must be a whole number of seconds from 1 to {MAX_TIMEOUT_SECS}"
                )
            }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(args: &[&str], env: &[(&str, &str)]) -> Result<Config, String> {
        let env: Vec<(String, String)> = env
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        let lookup = |k: &str| env.iter().find(|(n, _)| n == k).map(|(_, v)| v.clone());
        match parse(args.iter().map(|s| s.to_string()), lookup)? {
            Command::Run(c) => Ok(*c),
            Command::Help => Err("help".into()),
        }
    }

    #[test]
    fn defaults() {
        let c = run(&[], &[]).expect("defaults parse");
        assert_eq!(c.port, 8787);
        assert_eq!(c.host, "127.0.0.1");
        assert_eq!(c.db, PathBuf::from("receiver-data/submissions.sqlite3"));
        assert_eq!(c.reference_prefix, "PR");
        assert!(c.allow_origins.allows("http://localhost:8080"));
        assert!(c.allow_origins.allows("http://127.0.0.1:8080"));
        assert!(!c.allow_origins.allows("http://localhost:8081"));
        assert!(!c.allow_origins.allows("http://evil.example"));
        assert_eq!(c.allow_headers, AllowedHeaders::default());
        assert!(!c.faults.enabled(), "fault injection is off by default");
        assert_eq!(c.read_token, None);
        assert_eq!(
            c.timeouts,
            Timeouts {
                header: Duration::from_secs(10),
                body: Duration::from_secs(30),
                upload: Duration::from_secs(300),
            }
        );
    }

    #[test]
    fn read_token_and_timeouts() {
        let token = "0123456789abcdef-token";
        let c = run(
            &[
                "--header-timeout",
                "3",
                "--body-timeout=7",
                "--upload-timeout",
                "600",
            ],
            &[("PUTRIGHT_READ_TOKEN", token)],
        )
        .expect("parse");
        assert_eq!(c.read_token.as_deref(), Some(token));
        assert_eq!(
            (c.timeouts.header, c.timeouts.body, c.timeouts.upload),
            (
                Duration::from_secs(3),
                Duration::from_secs(7),
                Duration::from_secs(600)
            )
        );
        assert_eq!(
            run(&[], &[]).expect("parse").timeouts.upload,
            DEFAULT_UPLOAD_TIMEOUT
        );
        let c = run(
            &["--read-token", "fedcba9876543210"],
            &[("PUTRIGHT_READ_TOKEN", token)],
        )
        .expect("parse");
        assert_eq!(
            c.read_token.as_deref(),
            Some("fedcba9876543210"),
            "the flag wins"
        );
        assert!(run(&["--read-token", "short"], &[]).is_err());
        assert!(run(
            &[],
            &[("PUTRIGHT_READ_TOKEN", "has spaces in it, sixteen+")]
        )
        .is_err());
        for bad in ["0", "3601", "1.5", "soon"] {
            assert!(run(&["--header-timeout", bad], &[]).is_err(), "{bad}");
            assert!(run(&["--body-timeout", bad], &[]).is_err(), "{bad}");
            assert!(run(&["--upload-timeout", bad], &[]).is_err(), "{bad}");
        }
    }

    #[test]
    fn headers_and_fault_flags() {
        let c = run(
            &[
                "--allow-headers",
                "X-Landlord-Key, authorization,content-type",
                "--fault-admin",
                "--fault-rate=0.3",
                "--fault-seed",
                "42",
            ],
            &[],
        )
        .expect("parse");
        assert_eq!(
            c.allow_headers,
            AllowedHeaders::List(vec![
                "content-type".into(),
                "idempotency-key".into(),
                "x-landlord-key".into(),
                "authorization".into()
            ])
        );
        assert_eq!(
            c.faults,
            FaultConfig {
                admin: true,
                rate: 0.3,
                seed: 42
            }
        );
        let c = run(&["--fault-rate", "0.5"], &[("PUTRIGHT_ALLOW_HEADERS", "*")]).expect("parse");
        assert!(c.faults.enabled() && !c.faults.admin);
        assert_eq!(c.allow_headers, AllowedHeaders::Any);
        assert!(run(&["--allow-headers", "bad header"], &[]).is_err());
        assert!(run(&["--fault-rate", "1.5"], &[]).is_err());
        assert!(run(&["--fault-rate", "NaN"], &[]).is_err());
        assert!(run(&["--fault-seed", "-1"], &[]).is_err());
    }

    #[test]
    fn flags_beat_env_and_env_beats_defaults() {
        let env = [
            ("PUTRIGHT_RECEIVER_PORT", "9000"),
            ("PUTRIGHT_RECEIVER_DB", "/tmp/x.db"),
            ("PUTRIGHT_ALLOW_ORIGIN", "*"),
        ];
        let c = run(&[], &env).expect("env parse");
        assert_eq!((c.port, c.db.to_str()), (9000, Some("/tmp/x.db")));
        assert!(c.allow_origins.allows("https://anything.example"));

        let c = run(
            &[
                "--port",
                "0",
                "--db=a.db",
                "--allow-origin",
                "https://a.example, https://b.example:8443",
                "--host",
                "::1",
                "--reference-prefix",
                "HX",
            ],
            &env,
        )
        .expect("flag parse");
        assert_eq!(
            (c.port, c.db.to_str(), c.host.as_str()),
            (0, Some("a.db"), "::1")
        );
        assert_eq!(c.reference_prefix, "HX");
        assert!(c.allow_origins.allows("https://b.example:8443"));
        assert!(!c.allow_origins.allows("https://anything.example"));
    }

    #[test]
    fn errors_and_help() {
        assert_eq!(run(&["--help"], &[]), Err("help".into()));
        assert!(run(&["--port", "99999"], &[]).is_err());
        assert!(run(&["--port"], &[]).is_err());
        assert!(run(&["--bogus"], &[]).is_err());
        assert!(run(&["--allow-origin", "localhost:8080"], &[]).is_err());
        assert!(run(&["--allow-origin", "http://localhost:8080/"], &[]).is_err());
        assert!(run(&["--allow-origin", " , "], &[]).is_err());
        assert!(run(&["--reference-prefix", "P-R"], &[]).is_err());
        assert!(run(&[], &[("PUTRIGHT_RECEIVER_PORT", "http")]).is_err());
    }
}

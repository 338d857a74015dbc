//! Command-line flags with environment fallbacks.

use std::path::PathBuf;

pub const USAGE: &str = "\
putright-receiver: reference HTTP receiver for Put Right submissions (local dev tool)

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
    -h, --help                 Print this help
";

pub const DEFAULT_PORT: u16 = 8787;
pub const DEFAULT_HOST: &str = "127.0.0.1";
pub const DEFAULT_DB: &str = "receiver-data/submissions.sqlite3";
pub const DEFAULT_ORIGINS: &str = "http://127.0.0.1:8080,http://localhost:8080";
pub const DEFAULT_PREFIX: &str = "PR";

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

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Config {
    pub host: String,
    pub port: u16,
    pub db: PathBuf,
    pub allow_origins: AllowedOrigins,
    pub reference_prefix: String,
}

#[derive(Debug, PartialEq, Eq)]
pub enum Command {
    Run(Config),
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

    let mut args = args.into_iter();
    while let Some(arg) = args.next() {
        if arg == "-h" || arg == "--help" {
            return Ok(Command::Help);
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

    Ok(Command::Run(Config {
        host,
        port,
        db: PathBuf::from(db),
        allow_origins: AllowedOrigins::parse(&origins)?,
        reference_prefix,
    }))
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
            Command::Run(c) => Ok(c),
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

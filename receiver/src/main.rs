use std::process::ExitCode;

use putright_receiver::config::{self, Command, USAGE};
use putright_receiver::serve::serve;
use putright_receiver::store::Store;
use putright_receiver::AppState;

#[tokio::main]
async fn main() -> ExitCode {
    let args: Result<Vec<String>, _> = std::env::args_os()
        .skip(1)
        .map(|a| a.into_string())
        .collect();
    let Ok(args) = args else {
        eprintln!("putright-receiver: arguments must be valid UTF-8");
        return ExitCode::from(2);
    };
    let cfg = match config::parse(args, |name| std::env::var(name).ok()) {
        Ok(Command::Run(cfg)) => *cfg,
        Ok(Command::Help) => {
            print!("{USAGE}");
            return ExitCode::SUCCESS;
        }
        Err(e) => {
            eprintln!("putright-receiver: {e}\n\n{USAGE}");
            return ExitCode::from(2);
        }
    };

    match run(cfg).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("putright-receiver: {e}");
            ExitCode::FAILURE
        }
    }
}

async fn run(cfg: config::Config) -> Result<(), String> {
    if let Some(dir) = cfg.db.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir)
            .map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    }
    let store = Store::open(&cfg.db, &cfg.reference_prefix)?;
    let shutdown = shutdown_signal();
    let listener = tokio::net::TcpListener::bind((cfg.host.as_str(), cfg.port))
        .await
        .map_err(|e| format!("cannot listen on {}:{}: {e}", cfg.host, cfg.port))?;
    let addr = listener
        .local_addr()
        .map_err(|e| format!("cannot read listening address: {e}"))?;
    println!(
        "putright-receiver listening on http://{addr} (db: {})",
        cfg.db.display()
    );
    if cfg.faults.enabled() {
        eprintln!(
            "putright-receiver: FAULT INJECTION ON (admin API: {}, random rate: {}, seed: {}); for tests only",
            if cfg.faults.admin { "/_faults" } else { "off" },
            cfg.faults.rate,
            cfg.faults.seed
        );
    }

    if cfg.read_token.is_some() {
        eprintln!("putright-receiver: reads of stored submissions need the read token (Authorization: Bearer)");
    } else {
        eprintln!(
            "putright-receiver: stored submissions are readable only from this machine, at http://127.0.0.1:{port}/ or http://localhost:{port}/ (set --read-token for elsewhere)",
            port = addr.port()
        );
    }

    let state = AppState::new(store, cfg.allow_origins)
        .with_allow_headers(cfg.allow_headers)
        .with_faults(&cfg.faults)
        .with_read_token(cfg.read_token)
        .with_timeouts(cfg.timeouts);
    serve(listener, state, shutdown)
        .await
        .map_err(|e| format!("server error: {e}"))
}

/// Ctrl-C or SIGTERM. The handlers are installed when this is *called*
/// (before the "listening" line), not when the future is first polled, so a
/// signal sent the moment the receiver says it is listening still stops it
/// gracefully.
fn shutdown_signal() -> impl std::future::Future<Output = ()> + Send + 'static {
    #[cfg(unix)]
    let (mut interrupt, mut terminate) = {
        use tokio::signal::unix::{signal, SignalKind};
        (
            signal(SignalKind::interrupt()).ok(),
            signal(SignalKind::terminate()).ok(),
        )
    };
    async move {
        #[cfg(unix)]
        {
            let wait = |sig: Option<tokio::signal::unix::Signal>| async move {
                match sig {
                    Some(mut sig) => {
                        sig.recv().await;
                    }
                    None => std::future::pending::<()>().await,
                }
            };
            tokio::select! {
                () = wait(interrupt.take()) => {}
                () = wait(terminate.take()) => {}
            }
        }
        #[cfg(not(unix))]
        if tokio::signal::ctrl_c().await.is_err() {
            std::future::pending::<()>().await;
        }
        eprintln!("putright-receiver: shutting down");
    }
}

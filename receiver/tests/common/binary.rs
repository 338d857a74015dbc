//! The real receiver binary, started on a free port for crash tests.

use std::io::{BufRead, BufReader, Read};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::{Duration, Instant};

pub const BIN: &str = env!("CARGO_BIN_EXE_putright-receiver");

pub struct Binary {
    pub child: Child,
    pub base: String,
    /// What the process wrote to stderr, when started with
    /// [`Binary::start_capturing`].
    stderr: Option<(Arc<Mutex<String>>, thread::JoinHandle<()>)>,
}

impl Binary {
    /// Starts the binary on a free port and waits for its "listening" line.
    pub fn start(db: &Path) -> Binary {
        Binary::start_with(db, &[])
    }

    /// Starts the binary with extra flags.
    pub fn start_with(db: &Path, extra: &[&str]) -> Binary {
        Binary::spawn(db, extra, false)
    }

    /// As [`Binary::start_with`], keeping what it writes to stderr.
    pub fn start_capturing(db: &Path, extra: &[&str]) -> Binary {
        Binary::spawn(db, extra, true)
    }

    fn spawn(db: &Path, extra: &[&str], capture: bool) -> Binary {
        let mut child = Command::new(BIN)
            .args(["--port", "0", "--db"])
            .arg(db)
            .args(extra)
            .env_remove("PUTRIGHT_RECEIVER_PORT")
            .env_remove("PUTRIGHT_RECEIVER_DB")
            .env_remove("PUTRIGHT_ALLOW_ORIGIN")
            .env_remove("PUTRIGHT_ALLOW_HEADERS")
            .env_remove("PUTRIGHT_READ_TOKEN")
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(if capture {
                Stdio::piped()
            } else {
                Stdio::inherit()
            })
            .spawn()
            .expect("spawn receiver");
        let stderr = child.stderr.take().map(|mut pipe| {
            let text = Arc::new(Mutex::new(String::new()));
            let sink = Arc::clone(&text);
            let reader = thread::spawn(move || {
                let mut all = String::new();
                let _ = pipe.read_to_string(&mut all);
                sink.lock().expect("stderr").push_str(&all);
            });
            (text, reader)
        });
        let mut stdout = BufReader::new(child.stdout.take().expect("stdout"));
        let mut line = String::new();
        stdout.read_line(&mut line).expect("read startup line");
        let prefix = "putright-receiver listening on http://127.0.0.1:";
        assert!(
            line.starts_with(prefix),
            "unexpected startup line: {line:?}"
        );
        assert!(
            line.trim_end()
                .ends_with(&format!("(db: {})", db.display())),
            "{line:?}"
        );
        let base = line
            .split_whitespace()
            .find(|w| w.starts_with("http://"))
            .expect("url")
            .to_owned();
        // Keep draining stdout so the child never blocks or hits EPIPE.
        thread::spawn(move || std::io::copy(&mut stdout, &mut std::io::sink()));
        Binary {
            child,
            base,
            stderr,
        }
    }

    pub fn addr(&self) -> &str {
        self.base.trim_start_matches("http://")
    }

    /// Waits for exit, failing after `limit`.
    pub fn wait_exit(&mut self, limit: Duration) -> std::process::ExitStatus {
        let deadline = Instant::now() + limit;
        loop {
            if let Some(status) = self.child.try_wait().expect("try_wait") {
                return status;
            }
            assert!(
                Instant::now() < deadline,
                "receiver did not exit in {limit:?}"
            );
            thread::sleep(Duration::from_millis(20));
        }
    }

    /// Everything the process wrote to stderr; waits for it to close
    /// (call after the process has exited).
    pub fn stderr(&mut self) -> String {
        let (text, reader) = self.stderr.take().expect("started with start_capturing");
        reader.join().expect("stderr reader");
        let text = text.lock().expect("stderr").clone();
        text
    }
}

impl Drop for Binary {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Stops the process with SIGTERM and waits for a clean exit.
pub fn stop(mut server: Binary) {
    let pid = server.child.id().to_string();
    let status = Command::new("kill")
        .args(["-TERM", &pid])
        .status()
        .expect("kill");
    assert!(status.success());
    let exit = server.wait_exit(Duration::from_secs(15));
    assert!(exit.success(), "{exit:?}");
}

//! Raw TCP exchanges: what a slow, odd or malformed client sees, below
//! any HTTP library.

use std::io::{Read, Write};
use std::net::TcpStream;
use std::time::{Duration, Instant};

/// What came back on a raw TCP connection.
#[derive(Debug)]
pub struct Raw {
    /// Everything the server sent before closing (or before `wait`).
    pub text: String,
    /// Whether the server closed the connection (rather than `wait` passing).
    pub closed: bool,
    /// From the connection to the close (or to giving up).
    pub elapsed: Duration,
}

impl Raw {
    pub fn status(&self) -> Option<u16> {
        self.text.split(' ').nth(1).and_then(|s| s.parse().ok())
    }

    /// A response header, by lower-case name.
    pub fn header(&self, name: &str) -> Option<&str> {
        let head = self.text.split("\r\n\r\n").next()?;
        head.lines().skip(1).find_map(|line| {
            let (n, v) = line.split_once(':')?;
            n.eq_ignore_ascii_case(name).then(|| v.trim())
        })
    }

    pub fn body(&self) -> &str {
        self.text.split_once("\r\n\r\n").map_or("", |(_, b)| b)
    }
}

/// Writes `parts` to `addr` (pausing `gap` between them, as a slow client
/// would) while reading, until the server closes the connection or `wait`
/// passes. Writing stops quietly once the server has closed.
pub fn raw_exchange(addr: &str, parts: &[&[u8]], gap: Duration, wait: Duration) -> Raw {
    let stream = TcpStream::connect(addr).expect("connect");
    let mut writer = stream.try_clone().expect("clone");
    let parts: Vec<Vec<u8>> = parts.iter().map(|p| p.to_vec()).collect();
    let writing = std::thread::spawn(move || {
        for (i, part) in parts.iter().enumerate() {
            if i > 0 {
                std::thread::sleep(gap);
            }
            if writer.write_all(part).is_err() {
                return;
            }
        }
    });
    let raw = read_until_closed(stream, wait);
    writing.join().expect("writer");
    raw
}

/// Reads until the peer closes (EOF or reset) or `wait` passes.
pub fn read_until_closed(mut stream: TcpStream, wait: Duration) -> Raw {
    let start = Instant::now();
    let mut bytes = Vec::new();
    let mut buf = [0u8; 8192];
    let closed = loop {
        let left = wait.saturating_sub(start.elapsed());
        if left.is_zero() {
            break false;
        }
        stream.set_read_timeout(Some(left)).expect("read timeout");
        match stream.read(&mut buf) {
            Ok(0) => break true,
            Ok(n) => bytes.extend_from_slice(&buf[..n]),
            Err(e) if e.kind() == std::io::ErrorKind::ConnectionReset => break true,
            Err(e)
                if matches!(
                    e.kind(),
                    std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut
                ) =>
            {
                break false
            }
            Err(e) => panic!("read: {e}"),
        }
    };
    Raw {
        text: String::from_utf8_lossy(&bytes).into_owned(),
        closed,
        elapsed: start.elapsed(),
    }
}

/// `GET path` with exactly the `Host` given (and `extra` header lines),
/// on a connection the server closes after answering.
pub fn get_with_host(addr: &str, host: &str, path: &str, extra: &[&str]) -> Raw {
    let mut request = format!("GET {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n");
    for line in extra {
        request.push_str(line);
        request.push_str("\r\n");
    }
    request.push_str("\r\n");
    let raw = raw_exchange(
        addr,
        &[request.as_bytes()],
        Duration::ZERO,
        Duration::from_secs(10),
    );
    assert!(raw.closed, "no answer to GET {path}: {raw:?}");
    raw
}

//! Serving the router over TCP: connections a handler can cut, and read
//! timeouts against slow clients.
//!
//! The `{"drop":true}` fault must close the connection without sending any
//! response. axum has no API for that, so each accepted stream is wrapped:
//! the handler gets a [`ConnHandle`] (as `ConnectInfo`) and, after
//! [`ConnHandle::kill`], every read is end-of-file and every write fails,
//! so hyper gives up on the connection before a byte of the response is
//! written and the socket is closed.
//!
//! Connections are served by hyper's HTTP/1 server directly (not
//! `axum::serve`), because only its builder can limit how long a client may
//! take to send a request's head: [`AppState::timeouts`]`.header` covers the
//! wait for each request line and headers, including an idle keep-alive
//! connection's wait for its next request; when it runs out the connection
//! is closed without an answer. The body's own limit is applied where the
//! body is read (`body::read`).

use std::future::Future;
use std::io;
use std::net::SocketAddr;
use std::pin::Pin;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::task::{Context, Poll};

use axum::extract::ConnectInfo;
use axum::serve::Listener;
use hyper::body::Incoming;
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::server::graceful::GracefulShutdown;
use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use tokio::net::{TcpListener, TcpStream};
use tower_service::Service;

use crate::{app, AppState};

/// Serves [`app`] on `listener` until `shutdown` resolves; then stops
/// accepting, lets requests in flight finish, and returns.
pub async fn serve<F>(listener: TcpListener, state: AppState, shutdown: F) -> io::Result<()>
where
    F: Future<Output = ()> + Send + 'static,
{
    let header_timeout = state.timeouts.header;
    let router = app(state);
    let mut listener = KillableListener(listener);
    let graceful = GracefulShutdown::new();
    let mut http = hyper::server::conn::http1::Builder::new();
    http.timer(TokioTimer::new())
        .header_read_timeout(header_timeout);
    tokio::pin!(shutdown);
    loop {
        // Shutdown first, so a stream of connections cannot hold it off.
        let (stream, remote) = tokio::select! {
            biased;
            () = &mut shutdown => break,
            accepted = listener.accept() => accepted,
        };
        let Ok(local) = stream.inner.local_addr() else {
            continue; // the socket is already gone
        };
        let handle = ConnHandle {
            killed: Arc::clone(&stream.killed),
            remote,
            local,
        };
        let router = router.clone();
        // `Router` is always ready (its `poll_ready` is `Ready(Ok)`), so it
        // may be called straight away.
        let service = hyper::service::service_fn(move |mut req: hyper::Request<Incoming>| {
            req.extensions_mut().insert(ConnectInfo(handle.clone()));
            router.clone().call(req)
        });
        let conn = graceful.watch(http.serve_connection(TokioIo::new(stream), service));
        tokio::spawn(async move {
            // A client that goes away, sends garbage or is too slow ends its
            // own connection; nothing to report.
            let _ = conn.await;
        });
    }
    drop(listener);
    graceful.shutdown().await;
    Ok(())
}

/// A TCP listener whose streams can be cut by a handler.
pub struct KillableListener(pub TcpListener);

impl Listener for KillableListener {
    type Io = KillableStream;
    type Addr = SocketAddr;

    async fn accept(&mut self) -> (Self::Io, Self::Addr) {
        let (stream, addr) = Listener::accept(&mut self.0).await;
        (
            KillableStream {
                inner: stream,
                killed: Arc::new(AtomicBool::new(false)),
            },
            addr,
        )
    }

    fn local_addr(&self) -> io::Result<Self::Addr> {
        self.0.local_addr()
    }
}

/// A stream that turns dead once its [`ConnHandle`] is killed.
pub struct KillableStream {
    inner: TcpStream,
    killed: Arc<AtomicBool>,
}

impl KillableStream {
    fn dead(&self) -> bool {
        self.killed.load(Ordering::SeqCst)
    }
}

fn aborted() -> io::Error {
    io::Error::new(
        io::ErrorKind::ConnectionAborted,
        "connection dropped on purpose",
    )
}

impl AsyncRead for KillableStream {
    fn poll_read(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        if self.dead() {
            return Poll::Ready(Ok(()));
        }
        Pin::new(&mut self.inner).poll_read(cx, buf)
    }
}

impl AsyncWrite for KillableStream {
    fn poll_write(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<io::Result<usize>> {
        if self.dead() {
            return Poll::Ready(Err(aborted()));
        }
        Pin::new(&mut self.inner).poll_write(cx, buf)
    }

    fn poll_flush(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        if self.dead() {
            return Poll::Ready(Err(aborted()));
        }
        Pin::new(&mut self.inner).poll_flush(cx)
    }

    fn poll_shutdown(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.inner).poll_shutdown(cx)
    }

    fn poll_write_vectored(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        bufs: &[io::IoSlice<'_>],
    ) -> Poll<io::Result<usize>> {
        if self.dead() {
            return Poll::Ready(Err(aborted()));
        }
        Pin::new(&mut self.inner).poll_write_vectored(cx, bufs)
    }

    fn is_write_vectored(&self) -> bool {
        self.inner.is_write_vectored()
    }
}

/// Per-connection handle, available to handlers as
/// `ConnectInfo<ConnHandle>` in the request extensions.
#[derive(Clone, Debug)]
pub struct ConnHandle {
    killed: Arc<AtomicBool>,
    /// The client's address.
    pub remote: SocketAddr,
    /// The address the client connected to (this server's side).
    pub local: SocketAddr,
}

impl ConnHandle {
    /// Cuts the connection: nothing more is read or written on it.
    pub fn kill(&self) {
        self.killed.store(true, Ordering::SeqCst);
    }
}

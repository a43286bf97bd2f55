//! The HTTP side of serve: connections, limits and the live-reload sockets, on hyper and
//! tokio.
//!
//! A dev server still meets whatever a browser tab, a script or a hostile page sends it, so
//! every resource a client can hold is bounded (issue 15; tiny_http, used before, allocated
//! whatever `Content-Length` a request named, and died with its accept thread when file
//! descriptors ran out):
//! - a request may carry no body: one that announces any is refused with 413 before a byte
//!   of it is read, and the connection closed;
//! - a request's head must arrive within [`HEAD_TIMEOUT`] and fit in [`MAX_HEAD`] bytes; a
//!   connection lives at most [`LIFETIME`] (then closes once its request is answered), so
//!   idle connections give their file descriptors back;
//! - connections are tasks, not threads; at most [`MAX_CONNECTIONS`] at once, and at most
//!   [`MAX_SOCKETS`] live-reload sockets, each of which ends, and frees its socket, as soon
//!   as its page closes it;
//! - when the process runs out of file descriptors, the listener keeps listening: it frees a
//!   descriptor it holds in reserve, accepts one connection, answers it 503 and closes it;
//! - `Host` must name this machine (`localhost`, a loopback address or the address bound),
//!   unless `--bind` put the server on another address, so a web page whose domain resolves
//!   to 127.0.0.1 (DNS rebinding) cannot read the site; a live-reload socket must come from
//!   a page of the site (`Origin`).
//!
//! Why hyper and tokio: hyper is the maintained HTTP/1.1 implementation of the Rust
//! ecosystem (its parser bounds heads, it never reads a body nobody asked for, and it
//! handles upgrades), and tokio lets thousands of idle connections cost a few kilobytes each
//! instead of a thread each. File reads go to tokio's blocking pool.

use std::convert::Infallible;
use std::net::{IpAddr, SocketAddr};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::Duration;

use futures_util::{SinkExt, StreamExt};
use http_body_util::Full;
use hyper::body::{Bytes, Incoming};
use hyper::header::{self, HeaderMap, HeaderValue};
use hyper::{Request, Response, StatusCode};
use hyper_util::rt::{TokioIo, TokioTimer};
use tokio::sync::{OwnedSemaphorePermit, Semaphore};
use tokio_tungstenite::tungstenite::protocol::{Message, Role, WebSocketConfig};
use tokio_tungstenite::WebSocketStream;

use super::http::{respond, Reply};
use super::livereload::SOCKET_PATH;
use super::Shared;

/// How long a client may take to send a request's head.
const HEAD_TIMEOUT: Duration = Duration::from_secs(10);
/// The most bytes a request's head may take (hyper's smallest allowed buffer is 8 KiB).
const MAX_HEAD: usize = 16 * 1024;
/// How long one connection serves requests before it is closed (gracefully: a request in
/// progress is answered first). Browsers open a new one when they need it.
const LIFETIME: Duration = Duration::from_secs(30);
/// Connections open at once; beyond, new ones are closed as they come.
const MAX_CONNECTIONS: usize = 2048;
/// Live-reload sockets open at once; beyond, new ones are answered 503.
const MAX_SOCKETS: usize = 256;
/// The largest message a live-reload socket accepts (pages send none; pings are small).
const MAX_MESSAGE: usize = 4 * 1024;
/// How often the accept loop looks at the stop flag.
const STOP_POLL: Duration = Duration::from_millis(50);

/// Which `Host` (and `Origin`) names requests may use.
#[derive(Debug, Clone)]
pub(super) struct Hosts {
    /// Any: serve was bound to an address other machines reach, on purpose (`--bind`).
    any: bool,
    /// The names allowed, lower case, IPv6 addresses without brackets.
    names: Vec<String>,
}

impl Hosts {
    /// The names a server bound to `bind` answers to: this machine's, and the address itself.
    pub(super) fn for_bind(bind: IpAddr) -> Hosts {
        let mut names: Vec<String> = ["localhost", "127.0.0.1", "::1"]
            .into_iter()
            .map(String::from)
            .collect();
        names.push(bind.to_string());
        Hosts {
            any: !bind.is_loopback(),
            names,
        }
    }

    /// Whether a `Host` header's value (a name or address, and maybe a port) is allowed.
    fn allows(&self, host: &str) -> bool {
        if self.any {
            return true;
        }
        let host = host.trim().to_ascii_lowercase();
        // "[::1]:1111", "[::1]", "localhost:1111", "localhost", "localhost." …
        let name = match host.strip_prefix('[') {
            Some(rest) => rest.split(']').next().unwrap_or(""),
            None => host.rsplit_once(':').map_or(host.as_str(), |(name, port)| {
                if port.bytes().all(|b| b.is_ascii_digit()) {
                    name
                } else {
                    ""
                }
            }),
        };
        let name = name.strip_suffix('.').unwrap_or(name);
        self.names.iter().any(|allowed| allowed == name)
    }

    /// Whether an `Origin` header's value is a page of this server's (by its host).
    fn allows_origin(&self, origin: &str) -> bool {
        match url::Url::parse(origin) {
            Ok(url) if matches!(url.scheme(), "http" | "https") => match url.host_str() {
                Some(host) => self.allows(host),
                None => false,
            },
            _ => self.any,
        }
    }
}

/// What every connection's task needs.
struct State {
    shared: Arc<Shared>,
    hosts: Hosts,
    sockets: Arc<Semaphore>,
    /// Set when serve stops: open live-reload sockets close.
    stopping: tokio::sync::watch::Receiver<bool>,
}

/// Binds the listening socket: std's, handed to tokio by [`run`].
pub(super) fn bind(address: SocketAddr) -> std::io::Result<std::net::TcpListener> {
    let listener = std::net::TcpListener::bind(address)?;
    listener.set_nonblocking(true)?;
    Ok(listener)
}

/// Answers requests on `listener` until `stop` is set; returns within about 0.1 s of that,
/// closing every connection.
pub(super) fn run(
    listener: std::net::TcpListener,
    shared: Arc<Shared>,
    hosts: Hosts,
    stop: &AtomicBool,
) -> std::io::Result<()> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .max_blocking_threads(8)
        .thread_name("gazette-http")
        .enable_all()
        .build()?;
    let (stopping, stopped) = tokio::sync::watch::channel(false);
    let state = Arc::new(State {
        shared,
        hosts,
        sockets: Arc::new(Semaphore::new(MAX_SOCKETS)),
        stopping: stopped,
    });
    let result = runtime.block_on(async {
        let listener = tokio::net::TcpListener::from_std(listener)?;
        accept(listener, state, stop).await;
        Ok(())
    });
    let _ = stopping.send(true);
    runtime.shutdown_timeout(Duration::from_millis(100));
    result
}

/// The accept loop.
async fn accept(listener: tokio::net::TcpListener, state: Arc<State>, stop: &AtomicBool) {
    let connections = Arc::new(Semaphore::new(MAX_CONNECTIONS));
    // One descriptor held back for the moment the process has none left (see the module).
    let mut reserve = spare_descriptor();
    let mut warned = false;
    while !stop.load(Ordering::SeqCst) {
        let accepted = match tokio::time::timeout(STOP_POLL, listener.accept()).await {
            Err(_) => continue,
            Ok(accepted) => accepted,
        };
        let stream = match accepted {
            Ok((stream, _)) => stream,
            Err(e) if out_of_descriptors(&e) => {
                if !warned {
                    eprintln!("warning: too many open connections ({e}); new ones are refused until some close");
                    warned = true;
                }
                // The reserve frees one descriptor: enough to take the next waiting
                // connection, answer it and close it. Without one, wait for some to close.
                reserve = None;
                match tokio::time::timeout(STOP_POLL, listener.accept()).await {
                    Ok(Ok((stream, _))) => refuse(stream).await,
                    _ => tokio::time::sleep(STOP_POLL).await,
                }
                reserve = reserve.or_else(spare_descriptor);
                continue;
            }
            // A connection reset before it was accepted, and the like: not the listener's.
            Err(_) => continue,
        };
        let Ok(permit) = Arc::clone(&connections).try_acquire_owned() else {
            continue;
        };
        let _ = stream.set_nodelay(true);
        tokio::spawn(connection(stream, Arc::clone(&state), permit));
    }
    drop(reserve);
}

/// A file descriptor to give back when none is left.
fn spare_descriptor() -> Option<std::fs::File> {
    std::fs::File::open(std::env::current_exe().ok()?).ok()
}

/// Whether an accept failed for want of file descriptors (EMFILE, ENFILE).
fn out_of_descriptors(e: &std::io::Error) -> bool {
    matches!(e.raw_os_error(), Some(23 | 24)) && cfg!(unix)
}

/// Answers a connection 503 and closes it. What the client sent is read (a little, briefly)
/// after the answer: closing a socket with unread data resets it, and the client could lose
/// the answer.
async fn refuse(mut stream: tokio::net::TcpStream) {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let body = "Too many connections: try again in a moment\n";
    let reply = format!(
        "HTTP/1.1 503 Service Unavailable\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: {}\r\nRetry-After: 1\r\nConnection: close\r\n\r\n{body}",
        body.len()
    );
    let _ = tokio::time::timeout(STOP_POLL, async {
        stream.write_all(reply.as_bytes()).await?;
        stream.shutdown().await?;
        let mut sink = [0u8; 4096];
        while stream.read(&mut sink).await? > 0 {}
        Ok::<_, std::io::Error>(())
    })
    .await;
}

/// Serves one connection: its requests, for at most [`LIFETIME`].
async fn connection(
    stream: tokio::net::TcpStream,
    state: Arc<State>,
    permit: OwnedSemaphorePermit,
) {
    let service = hyper::service::service_fn(move |request| {
        let state = Arc::clone(&state);
        async move { Ok::<_, Infallible>(handle(request, state).await) }
    });
    let mut builder = hyper::server::conn::http1::Builder::new();
    builder
        .timer(TokioTimer::new())
        .header_read_timeout(HEAD_TIMEOUT)
        .max_buf_size(MAX_HEAD);
    let connection = builder
        .serve_connection(TokioIo::new(stream), service)
        .with_upgrades();
    tokio::pin!(connection);
    tokio::select! {
        _ = connection.as_mut() => {}
        _ = tokio::time::sleep(LIFETIME) => {
            connection.as_mut().graceful_shutdown();
            let _ = tokio::time::timeout(HEAD_TIMEOUT, connection).await;
        }
    }
    drop(permit);
}

/// Answers one request.
async fn handle(mut request: Request<Incoming>, state: Arc<State>) -> Response<Full<Bytes>> {
    let headers = request.headers();
    let host = headers
        .get(header::HOST)
        .and_then(|h| h.to_str().ok())
        .or_else(|| request.uri().authority().map(|a| a.as_str()));
    if !host.is_some_and(|h| state.hosts.allows(h)) {
        return reply(Reply::text(
            403,
            "This server answers only requests to this machine (localhost); to serve other hosts, start it with --bind",
        ));
    }
    if carries_body(headers) {
        let mut response = reply(Reply::text(
            413,
            "This server only reads files: requests may not carry a body",
        ));
        response
            .headers_mut()
            .insert(header::CONNECTION, HeaderValue::from_static("close"));
        return response;
    }
    let target = request
        .uri()
        .path_and_query()
        .map_or_else(|| "/".to_string(), |p| p.as_str().to_string());
    if target.split(['?', '#']).next() == Some(SOCKET_PATH) {
        return live_reload(&mut request, &state);
    }
    let method = request.method().as_str().to_string();
    let current = match state.shared.current.lock() {
        Ok(current) => current.clone(),
        Err(_) => return reply(Reply::text(500, "The server is stopping")),
    };
    match tokio::task::spawn_blocking(move || respond(&method, &target, &current)).await {
        Ok(answer) => reply(answer),
        Err(_) => reply(Reply::text(500, "The request failed")),
    }
}

/// Whether a request announces a body (any but an empty one).
fn carries_body(headers: &HeaderMap) -> bool {
    headers.contains_key(header::TRANSFER_ENCODING)
        || headers.get(header::CONTENT_LENGTH).is_some_and(|length| {
            length
                .to_str()
                .ok()
                .and_then(|l| l.trim().parse::<u64>().ok())
                != Some(0)
        })
}

/// A [`Reply`] as hyper's response; nothing is cached, since the files change under the
/// browser.
fn reply(answer: Reply) -> Response<Full<Bytes>> {
    let mut response = Response::new(Full::new(Bytes::from(answer.body)));
    *response.status_mut() = StatusCode::from_u16(answer.status).unwrap_or(StatusCode::OK);
    let headers = response.headers_mut();
    for (name, value) in answer.headers {
        if let Ok(value) = HeaderValue::from_str(&value) {
            headers.append(name, value);
        }
    }
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}

/// Upgrades a request to the live-reload WebSocket: it is told the current build's number
/// now and after every build, until the page closes it or serve stops.
fn live_reload(request: &mut Request<Incoming>, state: &Arc<State>) -> Response<Full<Bytes>> {
    let headers = request.headers();
    let origin = headers
        .get(header::ORIGIN)
        .map(|o| o.to_str().unwrap_or(""));
    if origin.is_some_and(|o| !state.hosts.allows_origin(o)) {
        return reply(Reply::text(
            403,
            "Live reload is only for pages of this server",
        ));
    }
    let upgrade = headers
        .get(header::UPGRADE)
        .and_then(|u| u.to_str().ok())
        .is_some_and(|u| u.eq_ignore_ascii_case("websocket"));
    let key = headers.get(header::SEC_WEBSOCKET_KEY);
    let (true, Some(key)) = (upgrade, key) else {
        return reply(Reply::text(400, "Expected a WebSocket request"));
    };
    let Ok(permit) = Arc::clone(&state.sockets).try_acquire_owned() else {
        return reply(Reply::text(503, "Too many live-reload connections"));
    };
    let accept = tokio_tungstenite::tungstenite::handshake::derive_accept_key(key.as_bytes());
    let upgraded = hyper::upgrade::on(request);
    let mut builds = state.shared.builds.subscribe();
    let mut stopping = state.stopping.clone();
    tokio::spawn(async move {
        let Ok(upgraded) = upgraded.await else {
            return;
        };
        let config = WebSocketConfig::default()
            .max_message_size(Some(MAX_MESSAGE))
            .max_frame_size(Some(MAX_MESSAGE));
        let mut socket =
            WebSocketStream::from_raw_socket(TokioIo::new(upgraded), Role::Server, Some(config))
                .await;
        let mut version = *builds.borrow_and_update();
        loop {
            if socket
                .send(Message::text(format!("build {version}")))
                .await
                .is_err()
            {
                break;
            }
            tokio::select! {
                changed = builds.changed() => match changed {
                    Ok(()) => version = *builds.borrow_and_update(),
                    Err(_) => break,
                },
                // Pages send nothing; a close, an error or the end of the stream ends it.
                incoming = socket.next() => match incoming {
                    Some(Ok(Message::Close(_))) | Some(Err(_)) | None => break,
                    Some(Ok(_)) => continue,
                },
                _ = stopping.changed() => {
                    let _ = socket.close(None).await;
                    break;
                }
            }
        }
        drop(permit);
    });
    let mut response = Response::new(Full::new(Bytes::new()));
    *response.status_mut() = StatusCode::SWITCHING_PROTOCOLS;
    let headers = response.headers_mut();
    headers.insert(header::UPGRADE, HeaderValue::from_static("websocket"));
    headers.insert(header::CONNECTION, HeaderValue::from_static("Upgrade"));
    if let Ok(accept) = HeaderValue::from_str(&accept) {
        headers.insert(header::SEC_WEBSOCKET_ACCEPT, accept);
    }
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_this_machines_names_are_allowed_hosts() {
        let hosts = Hosts::for_bind(IpAddr::from([127, 0, 0, 1]));
        for good in [
            "localhost",
            "localhost:1111",
            "LOCALHOST:1111",
            "localhost.:80",
            "127.0.0.1:1111",
            "[::1]:1111",
            "[::1]",
        ] {
            assert!(hosts.allows(good), "{good}");
        }
        for bad in [
            "evil.example:1111",
            "localhost.evil.example",
            "127.0.0.1.nip.io",
            "[::2]:1111",
            "localhost:abc",
            "",
            "127.0.0.2",
        ] {
            assert!(!hosts.allows(bad), "{bad}");
        }
        assert!(hosts.allows_origin("http://localhost:1111"));
        assert!(hosts.allows_origin("http://[::1]:1111"));
        assert!(!hosts.allows_origin("http://evil.example"));
        assert!(!hosts.allows_origin("null"));
        assert!(!hosts.allows_origin("file://"));
        let open = Hosts::for_bind(IpAddr::from([0, 0, 0, 0]));
        assert!(open.allows("news.example:1111"));
    }

    #[test]
    fn a_request_with_any_body_is_refused() {
        let mut headers = HeaderMap::new();
        assert!(!carries_body(&headers));
        headers.insert(header::CONTENT_LENGTH, HeaderValue::from_static("0"));
        assert!(!carries_body(&headers));
        for length in ["1", "100000000000000", "99999999999999999999999", "x"] {
            headers.insert(header::CONTENT_LENGTH, HeaderValue::from_static(length));
            assert!(carries_body(&headers), "{length}");
        }
        let mut chunked = HeaderMap::new();
        chunked.insert(
            header::TRANSFER_ENCODING,
            HeaderValue::from_static("chunked"),
        );
        assert!(carries_body(&chunked));
    }
}

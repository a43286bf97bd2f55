//! `gazette serve` against clients that try to exhaust or misuse it (issue 15): bodies it
//! must not read, more connections than it has file descriptors, live-reload sockets that
//! close, foreign `Host` and `Origin` headers, scheme-relative redirects, and the signals
//! a process manager sends. Only 127.0.0.1 is contacted; every loop is bounded.

use std::io::{Read, Write};
use std::net::TcpStream;
use std::process::Command;
use std::time::{Duration, Instant};

use crate::serve::{fixture, live_reload_socket, next_build, Reply, Server};

/// Sends `request` as it is and reads the reply until the server closes the connection or
/// goes quiet for two seconds.
fn raw(port: u16, request: &[u8]) -> Reply {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).expect("connect");
    stream
        .set_read_timeout(Some(Duration::from_secs(2)))
        .expect("timeout");
    stream.write_all(request).expect("send a request");
    let mut reply = Vec::new();
    let mut buffer = [0u8; 8192];
    loop {
        match stream.read(&mut buffer) {
            Ok(0) | Err(_) => break,
            Ok(n) => reply.extend_from_slice(&buffer[..n]),
        }
    }
    Reply::parse(&reply)
}

/// The server's resident memory in KiB (Linux).
#[cfg(target_os = "linux")]
fn resident_kib(pid: u32) -> u64 {
    std::fs::read_to_string(format!("/proc/{pid}/status"))
        .unwrap()
        .lines()
        .find_map(|l| l.strip_prefix("VmRSS:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .unwrap()
}

/// The server's open file descriptors (Linux).
#[cfg(target_os = "linux")]
fn descriptors(pid: u32) -> usize {
    std::fs::read_dir(format!("/proc/{pid}/fd"))
        .unwrap()
        .count()
}

/// Waits up to `limit` for `done`.
fn eventually(limit: Duration, mut done: impl FnMut() -> bool) -> bool {
    let start = Instant::now();
    while start.elapsed() < limit {
        if done() {
            return true;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    done()
}

#[test]
fn a_request_with_a_body_is_refused_unread_and_the_server_goes_on() {
    let site = fixture();
    let server = Server::start(&site, &[]);
    let port = server.port;
    // tiny_http allocated the whole announced length here, and the process died.
    let huge = format!(
        "POST / HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nContent-Length: 100000000000000\r\n\r\n"
    );
    let reply = raw(port, huge.as_bytes());
    assert_eq!(reply.status, 413, "{}", reply.text());
    let get = format!("GET / HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nContent-Length: 12\r\n\r\n");
    assert_eq!(raw(port, get.as_bytes()).status, 413);
    // A body actually streamed: the server answers and closes without reading it.
    let mut stream = TcpStream::connect(("127.0.0.1", port)).unwrap();
    stream
        .set_write_timeout(Some(Duration::from_secs(5)))
        .unwrap();
    write!(
        stream,
        "PUT /x HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nTransfer-Encoding: chunked\r\n\r\n"
    )
    .unwrap();
    let chunk = vec![b'a'; 1 << 20];
    let mut sent = 0;
    for _ in 0..256 {
        let framed = [format!("{:x}\r\n", chunk.len()).as_bytes(), &chunk, b"\r\n"].concat();
        if stream.write_all(&framed).is_err() {
            break;
        }
        sent += 1;
    }
    assert!(sent < 256, "the server read a 256 MB body it should refuse");
    drop(stream);
    #[cfg(target_os = "linux")]
    {
        let rss = resident_kib(server.child.id());
        assert!(
            rss < 200 * 1024,
            "serve holds {rss} KiB after refusing bodies"
        );
    }
    assert_eq!(server.get("/").status, 200);
    let (code, printed) = server.stop();
    assert_eq!(code, Some(0), "{printed}");
    assert!(!printed.contains("panicked"), "{printed}");
}

#[cfg(target_os = "linux")]
#[test]
fn more_connections_than_descriptors_never_stop_the_listener() {
    let site = fixture();
    let mut server = Server::start_with_descriptors(&site, 1024);
    let port = server.port;
    let pid = server.child.id();
    let connect = |n: usize| -> Vec<TcpStream> {
        (0..n)
            .filter_map(|_| TcpStream::connect(("127.0.0.1", port)).ok())
            .collect()
    };
    // 600 idle connections: the next request is answered.
    let idle = connect(600);
    assert_eq!(idle.len(), 600);
    assert_eq!(server.get("/").status, 200);
    // Past the limit: requests are refused politely (503) or answered, never hang, and the
    // listener survives.
    let more = connect(600);
    let reply = server.get("/");
    assert!(
        [200, 503].contains(&reply.status),
        "{} {}",
        reply.status,
        reply.text()
    );
    drop(idle);
    drop(more);
    assert!(
        // A request may still meet a connection the server closes while it sheds the others
        // (a broken pipe under load): that is a retry, not a failure.
        eventually(Duration::from_secs(20), || {
            server.try_get("/").is_some_and(|r| r.status == 200)
        }),
        "the server did not recover once the connections closed"
    );
    assert!(server.child.try_wait().unwrap().is_none(), "serve exited");
    // Live-reload sockets give their descriptors back as soon as they close. (Counted from
    // when the connections above are all closed on the server's side too.)
    let settled = eventually(Duration::from_secs(30), || descriptors(pid) < 64);
    assert!(settled, "{} descriptors still open", descriptors(pid));
    let before = descriptors(pid);
    let mut sockets: Vec<_> = (0..200).map(|_| live_reload_socket(port)).collect();
    for socket in &mut sockets {
        next_build(socket);
    }
    let open = descriptors(pid);
    assert!(
        open >= before + 190,
        "{open} descriptors with 200 sockets, {before} before"
    );
    for mut socket in sockets {
        let _ = socket.close(None);
        let _ = socket.flush();
    }
    assert!(
        eventually(Duration::from_secs(10), || descriptors(pid) < before + 20),
        "closed sockets still hold {} descriptors (before: {before})",
        descriptors(pid)
    );
    let (code, printed) = server.stop();
    assert_eq!(code, Some(0), "{printed}");
    assert!(!printed.contains("panicked"), "{printed}");
    assert!(
        printed.contains("too many open connections"),
        "no warning when descriptors ran out:\n{printed}"
    );
}

#[test]
fn foreign_hosts_and_origins_are_refused_and_redirects_stay_on_the_site() {
    let site = fixture();
    let server = Server::start(&site, &[]);
    let port = server.port;
    let request = |host: &str| {
        raw(
            port,
            format!("GET / HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n").as_bytes(),
        )
    };
    for good in [
        format!("127.0.0.1:{port}"),
        format!("localhost:{port}"),
        format!("[::1]:{port}"),
    ] {
        assert_eq!(request(&good).status, 200, "{good}");
    }
    // DNS rebinding: a page of another domain that resolves to 127.0.0.1.
    for bad in [
        format!("rebind.example:{port}"),
        "localhost.rebind.example".to_string(),
    ] {
        assert_eq!(request(&bad).status, 403, "{bad}");
    }
    let socket = |origin: &str| {
        raw(
            port,
            format!(
                "GET /__gazette/livereload HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nOrigin: {origin}\r\n\r\n"
            )
            .as_bytes(),
        )
    };
    assert_eq!(socket("http://rebind.example").status, 403);
    assert_eq!(socket("null").status, 403);
    assert_eq!(socket(&format!("http://localhost:{port}")).status, 101);
    // `//2016` once answered `Location: //2016/`: a redirect to the host "2016".
    for (target, location) in [("//2016", "/2016/"), ("///2016?a=b", "/2016/?a=b")] {
        let reply = server.get(target);
        assert_eq!(reply.status, 301, "{target}");
        assert_eq!(reply.header("location"), Some(location), "{target}");
    }
    let head = raw(
        port,
        format!("HEAD / HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nConnection: close\r\n\r\n")
            .as_bytes(),
    );
    assert_eq!((head.status, head.body.len()), (200, 0));
    let (code, printed) = server.stop();
    assert_eq!(code, Some(0), "{printed}");
}

#[cfg(unix)]
#[test]
fn sigterm_and_sighup_stop_the_server_within_a_second_and_clean_up() {
    for signal in ["-TERM", "-HUP"] {
        let site = fixture();
        let mut server = Server::start(&site, &[]);
        let workspace = server.workspace.clone();
        // An open page's socket must not hold the server up.
        let _socket = live_reload_socket(server.port);
        let start = Instant::now();
        Command::new("kill")
            .args([signal, &server.child.id().to_string()])
            .status()
            .unwrap();
        let stopped = eventually(Duration::from_secs(10), || {
            server.child.try_wait().unwrap().is_some()
        });
        let took = start.elapsed();
        assert!(stopped, "{signal} did not stop serve");
        assert!(took < Duration::from_secs(1), "{signal}: {took:?}");
        assert!(!workspace.exists(), "{signal} left {}", workspace.display());
    }
}

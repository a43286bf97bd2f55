//! `gazette serve`: the dev server. Builds the site into a temporary folder of its own, serves
//! it over HTTP, rebuilds when an input changes and tells open pages to reload.
//!
//! It sits on top of [`crate::build`] and never inside it: serve only chooses where the build
//! goes (its own temp folder, so a serve session never replaces the user's `public/`) and the
//! base URL, then serves the files. The live-reload script and the error overlay are added to
//! HTML responses here, as they are sent; nothing of serve reaches a `gazette build`.
//!
//! Builds alternate between two folders, so a request never meets a folder half-swapped: the
//! server switches to the new one only once it is complete. A failed build leaves the last
//! good one in place, and every page carries an overlay with the errors until a build works.

use std::io::Write as _;
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr};
use std::path::{Component, Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use notify::{EventKind, RecursiveMode, Watcher};
use tiny_http::{Header, Method, Request, Response, StatusCode};
use tungstenite::protocol::Role;
use tungstenite::{Message, WebSocket};

use crate::build::{build, BuildOptions};
use crate::config::{Config, CONFIG_FILE};
use crate::error::{Diagnostic, Error, Result};

/// The folders of a site whose changes trigger a rebuild (with `site.toml`).
pub const WATCHED: &[&str] = &["content", "static", "templates", "themes"];

/// The URL path under which serve answers its own requests; no site page can live there
/// because serve's paths start with a name no slug produces.
const INTERNAL: &str = "/__gazette/";
const SCRIPT_PATH: &str = "/__gazette/livereload.js";
const SOCKET_PATH: &str = "/__gazette/livereload";
const LIVERELOAD_JS: &str = include_str!("serve/livereload.js");

/// A burst of saves (an editor writing a temp file, renaming it, touching the folder) is one
/// rebuild: wait until the inputs have been quiet this long…
const QUIET: Duration = Duration::from_millis(60);
/// …but never longer than this after the first change, so a tool that writes for a long
/// time still shows progress.
const MAX_WAIT: Duration = Duration::from_millis(1000);

/// Threads answering HTTP requests. Each request is quick (one file read), and WebSocket
/// connections leave the pool as soon as they are set up.
const WORKERS: usize = 4;

/// What to serve, from the command line.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    /// The site's folder (holding `site.toml`).
    pub root: PathBuf,
    /// The port; 0 picks any free one.
    pub port: u16,
    /// The address to listen on.
    pub bind: IpAddr,
    /// Open the site in the default browser once it is built.
    pub open: bool,
    /// Include drafts.
    pub drafts: bool,
}

impl Default for ServeOptions {
    fn default() -> Self {
        ServeOptions {
            root: PathBuf::from("."),
            port: 1111,
            bind: IpAddr::V4(Ipv4Addr::LOCALHOST),
            open: false,
            drafts: false,
        }
    }
}

/// The build being served, as one value so a response never mixes two builds.
#[derive(Debug, Clone, Default)]
struct Current {
    /// The folder of the last good build, if any build has worked yet.
    dir: Option<PathBuf>,
    /// Counts builds, good and bad; pages compare it with theirs to know when to reload.
    version: u64,
    /// The problems of the last build, when it failed.
    errors: Option<Vec<Diagnostic>>,
}

/// What the request threads and the builder share.
struct Shared {
    current: Mutex<Current>,
    sockets: Mutex<Vec<WebSocket<Box<dyn tiny_http::ReadWrite + Send>>>>,
}

/// Serves the site until `stop` is set (the binary sets it on Ctrl-C), then removes its
/// temporary folder. Prints the address once the first build is done and requests are
/// answered, then one line per rebuild.
pub fn serve(options: &ServeOptions, stop: &AtomicBool) -> Result<()> {
    let root = if options.root.as_os_str().is_empty() {
        PathBuf::from(".")
    } else {
        options.root.clone()
    };
    // Fail before listening if this is not a site at all; a site.toml with mistakes is
    // served like any other failed build, with the overlay, so it can be fixed live.
    if !root.join(CONFIG_FILE).is_file() {
        Config::from_root(&root)?;
    }
    let server =
        tiny_http::Server::http(SocketAddr::new(options.bind, options.port)).map_err(|e| {
            Error::Usage(format!(
                "cannot listen on {}: {e}; choose another --port, or --port 0 for any free port",
                SocketAddr::new(options.bind, options.port)
            ))
        })?;
    let address = server
        .server_addr()
        .to_ip()
        .ok_or_else(|| Error::Usage("the server has no IP address".into()))?;
    let workspace = Workspace::create()?;
    let shared = Arc::new(Shared {
        current: Mutex::new(Current::default()),
        sockets: Mutex::new(Vec::new()),
    });
    let mut builder = Builder {
        root: root.clone(),
        drafts: options.drafts,
        base_url: format!("http://{}/", browsable(address)),
        slots: [workspace.path.join("a"), workspace.path.join("b")],
        next: 0,
    };

    // Watch before the first build, so a save made while it runs is not missed.
    let (events, changes) = mpsc::channel();
    let mut watcher = notify::recommended_watcher(move |event| {
        let _ = events.send(event);
    })
    .map_err(|e| watch_error(&root, e))?;
    watch_inputs(&mut watcher, &root)?;
    builder.rebuild(&shared);
    let url = format!("http://{}/", browsable(address));
    if !address.ip().is_loopback() {
        eprintln!(
            "warning: listening on {address}, not on this machine only: anyone who can reach it can read the site{}",
            if options.drafts { ", drafts included" } else { "" }
        );
    }
    println!(
        "Serving {} at {url} (building into {}); press Ctrl-C to stop",
        shown_root(&root).display(),
        workspace.path.display()
    );
    let _ = std::io::stdout().flush();
    if options.open {
        open_browser(&url);
    }

    let server = Arc::new(server);
    std::thread::scope(|scope| {
        let shared = &shared;
        let builder = &mut builder;
        scope.spawn(move || builder.run(changes, watcher, shared, stop));
        for _ in 0..WORKERS {
            let server = Arc::clone(&server);
            scope.spawn(move || {
                while !stop.load(Ordering::SeqCst) {
                    match server.recv_timeout(Duration::from_millis(100)) {
                        Ok(Some(request)) => respond(request, shared),
                        Ok(None) => {}
                        Err(_) => std::thread::sleep(Duration::from_millis(10)),
                    }
                }
            });
        }
    });
    for mut socket in shared
        .sockets
        .lock()
        .map(|mut s| s.split_off(0))
        .unwrap_or_default()
    {
        let _ = socket.close(None);
        let _ = socket.flush();
    }
    let removed = workspace.path.clone();
    drop(workspace);
    println!("Stopped; removed {}", removed.display());
    Ok(())
}

/// The address to put in URLs: an unspecified bind address (`0.0.0.0`) is not one a browser
/// can open, so use loopback there.
fn browsable(address: SocketAddr) -> SocketAddr {
    match address.ip() {
        IpAddr::V4(ip) if ip.is_unspecified() => {
            SocketAddr::new(Ipv4Addr::LOCALHOST.into(), address.port())
        }
        IpAddr::V6(ip) if ip.is_unspecified() => {
            SocketAddr::new(Ipv6Addr::LOCALHOST.into(), address.port())
        }
        _ => address,
    }
}

fn shown_root(root: &Path) -> &Path {
    if root == Path::new(".") {
        Path::new("the site")
    } else {
        root
    }
}

/// serve's own temporary folder, removed when dropped (on Ctrl-C, on an error, on a panic).
struct Workspace {
    path: PathBuf,
}

impl Workspace {
    fn create() -> Result<Workspace> {
        let base = std::env::temp_dir();
        for attempt in 0..100u32 {
            let nanos = std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map(|d| d.subsec_nanos())
                .unwrap_or(0);
            let path = base.join(format!(
                "gazette-serve-{}-{:x}{attempt}",
                std::process::id(),
                nanos
            ));
            // create_dir, not create_dir_all: a folder that already exists is someone else's.
            match std::fs::create_dir(&path) {
                Ok(()) => return Ok(Workspace { path }),
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => continue,
                Err(e) => return Err(Error::io(path, e)),
            }
        }
        Err(Error::Output {
            path: base,
            message: "could not make a temporary folder for serve here".into(),
        })
    }
}

impl Drop for Workspace {
    fn drop(&mut self) {
        if let Err(e) = std::fs::remove_dir_all(&self.path) {
            eprintln!("warning: could not remove {}: {e}", self.path.display());
        }
    }
}

/// Rebuilds the site into alternating folders.
struct Builder {
    root: PathBuf,
    drafts: bool,
    base_url: String,
    slots: [PathBuf; 2],
    next: usize,
}

impl Builder {
    /// Builds once, publishes the result to the request threads and tells open pages.
    fn rebuild(&mut self, shared: &Shared) {
        let output = self.slots[self.next].clone();
        let options = BuildOptions {
            root: self.root.clone(),
            output: Some(output.clone()),
            drafts: self.drafts,
            base_url: Some(self.base_url.clone()),
            now: None,
            ..BuildOptions::default()
        };
        let result = build(&options);
        let version = {
            let Ok(mut current) = shared.current.lock() else {
                return;
            };
            current.version += 1;
            match &result {
                Ok(_) => {
                    current.dir = Some(output);
                    current.errors = None;
                    self.next = 1 - self.next;
                }
                Err(error) => current.errors = Some(diagnostics(error)),
            }
            current.version
        };
        match result {
            Ok(report) => {
                for warning in &report.warnings {
                    eprintln!("warning: {warning}");
                }
                println!(
                    "Built {} article{}, {} page{} in {} ms",
                    report.articles,
                    if report.articles == 1 { "" } else { "s" },
                    report.pages,
                    if report.pages == 1 { "" } else { "s" },
                    report.elapsed.as_millis()
                );
            }
            Err(error) => {
                match &error {
                    Error::Content(_) => eprintln!("{error}"),
                    _ => eprintln!("error: {error}"),
                }
                eprintln!("The server goes on with the last good build; fix the problem and save to rebuild.");
            }
        }
        let _ = std::io::stdout().flush();
        broadcast(shared, version);
    }

    /// Waits for changes and rebuilds, until `stop`.
    fn run(
        &mut self,
        changes: Receiver<notify::Result<notify::Event>>,
        mut watcher: notify::RecommendedWatcher,
        shared: &Shared,
        stop: &AtomicBool,
    ) {
        while !stop.load(Ordering::SeqCst) {
            match changes.recv_timeout(Duration::from_millis(100)) {
                Ok(event) => {
                    if !self.matters(&event, &mut watcher) {
                        continue;
                    }
                }
                Err(RecvTimeoutError::Timeout) => continue,
                Err(RecvTimeoutError::Disconnected) => return,
            }
            // Debounce: gather the rest of the burst.
            let first = Instant::now();
            loop {
                let left = MAX_WAIT.saturating_sub(first.elapsed());
                if left.is_zero() {
                    break;
                }
                match changes.recv_timeout(QUIET.min(left)) {
                    Ok(event) => {
                        self.matters(&event, &mut watcher);
                    }
                    Err(_) => break,
                }
            }
            if stop.load(Ordering::SeqCst) {
                return;
            }
            self.rebuild(shared);
        }
    }

    /// Whether an event is a change to an input, watching any input folder it created.
    fn matters(
        &self,
        event: &notify::Result<notify::Event>,
        watcher: &mut notify::RecommendedWatcher,
    ) -> bool {
        let event = match event {
            Ok(event) => event,
            Err(e) => {
                eprintln!("warning: watching for changes: {e}");
                return false;
            }
        };
        if matches!(event.kind, EventKind::Access(_)) {
            return false;
        }
        let mut relevant = false;
        for path in &event.paths {
            if is_editor_temp(path) {
                continue;
            }
            let Some(name) = top_level_name(&self.root, path) else {
                continue;
            };
            if name == CONFIG_FILE {
                relevant = true;
            } else if WATCHED.contains(&name.as_str()) {
                relevant = true;
                // A folder made after serve started (say, templates/) is watched from now on.
                if path.parent().is_some_and(|p| same_dir(p, &self.root)) && path.is_dir() {
                    let _ = watcher.watch(path, RecursiveMode::Recursive);
                }
            }
        }
        relevant
    }
}

/// The first component of `path` under `root`, if it is under it.
fn top_level_name(root: &Path, path: &Path) -> Option<String> {
    let absolute_root = root.canonicalize().ok()?;
    let relative = path
        .strip_prefix(&absolute_root)
        .or_else(|_| path.strip_prefix(root))
        .ok()?;
    match relative.components().next()? {
        Component::Normal(name) => Some(name.to_string_lossy().into_owned()),
        _ => None,
    }
}

fn same_dir(a: &Path, b: &Path) -> bool {
    match (a.canonicalize(), b.canonicalize()) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    }
}

/// Files editors write beside the one being edited; they change nothing in the site.
fn is_editor_temp(path: &Path) -> bool {
    let Some(name) = path.file_name().map(|n| n.to_string_lossy()) else {
        return false;
    };
    name.starts_with(".#")
        || name.ends_with('~')
        || name.ends_with(".swp")
        || name.ends_with(".swx")
        || (name.starts_with('#') && name.ends_with('#'))
        // vim checks that it may write a folder by creating this file.
        || name == "4913"
}

/// Watches the site folder itself (for `site.toml`, replaced by a rename when most editors
/// save it, and for input folders created later) and each input folder.
fn watch_inputs(watcher: &mut notify::RecommendedWatcher, root: &Path) -> Result<()> {
    watcher
        .watch(root, RecursiveMode::NonRecursive)
        .map_err(|e| watch_error(root, e))?;
    for name in WATCHED {
        let dir = root.join(name);
        if dir.is_dir() {
            watcher
                .watch(&dir, RecursiveMode::Recursive)
                .map_err(|e| watch_error(&dir, e))?;
        }
    }
    Ok(())
}

fn watch_error(path: &Path, e: notify::Error) -> Error {
    Error::Output {
        path: path.to_path_buf(),
        message: format!(
            "cannot be watched for changes: {e}. On Linux, raise the inotify limit: sysctl fs.inotify.max_user_watches=524288"
        ),
    }
}

/// Every problem of a failed build, as diagnostics for the overlay.
fn diagnostics(error: &Error) -> Vec<Diagnostic> {
    match error {
        Error::Content(list) => list.clone(),
        Error::Io { path, source } => vec![Diagnostic::new(path, source.to_string())],
        Error::Output { path, message } => vec![Diagnostic::new(path, message.clone())],
        Error::Usage(message) => vec![Diagnostic::new(CONFIG_FILE, message.clone())],
    }
}

/// Tells every open page which build is current; pages of another build reload.
fn broadcast(shared: &Shared, version: u64) {
    let Ok(mut sockets) = shared.sockets.lock() else {
        return;
    };
    let message = format!("build {version}");
    sockets.retain_mut(|socket| socket.send(Message::text(message.clone())).is_ok());
}

/// Answers one request.
fn respond(request: Request, shared: &Shared) {
    let current = match shared.current.lock() {
        Ok(current) => current.clone(),
        Err(_) => return,
    };
    let url = request.url().to_string();
    let path = url.split(['?', '#']).next().unwrap_or("");
    if path == SOCKET_PATH {
        return accept_socket(request, shared, current.version);
    }
    let response = if !matches!(request.method(), Method::Get | Method::Head) {
        text(405, "Method not allowed: this server only reads files")
            .with_header(header("Allow", "GET, HEAD"))
    } else if path == SCRIPT_PATH {
        Response::from_data(LIVERELOAD_JS.as_bytes().to_vec())
            .with_header(header("Content-Type", "text/javascript; charset=utf-8"))
    } else if path.starts_with(INTERNAL) {
        text(404, "Not found")
    } else {
        match &current.dir {
            Some(dir) => serve_file(dir, &url, &current),
            None => page(500, "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Build failed</title></head><body></body></html>", &current),
        }
    };
    // A client that went away before its reply is not the server's problem.
    let _ = request.respond(response.with_header(header("Cache-Control", "no-store")));
}

/// Upgrades a request to the live-reload WebSocket and tells it the current build.
fn accept_socket(request: Request, shared: &Shared, version: u64) {
    let key = request
        .headers()
        .iter()
        .find(|h| h.field.equiv("Sec-WebSocket-Key"))
        .map(|h| h.value.as_str().to_string());
    let Some(key) = key else {
        let _ = request.respond(text(400, "Expected a WebSocket request"));
        return;
    };
    let accept = tungstenite::handshake::derive_accept_key(key.as_bytes());
    let stream = request.upgrade(
        "websocket",
        Response::empty(101).with_header(header("Sec-WebSocket-Accept", &accept)),
    );
    let mut socket = WebSocket::from_raw_socket(stream, Role::Server, None);
    if socket
        .send(Message::text(format!("build {version}")))
        .is_ok()
    {
        if let Ok(mut sockets) = shared.sockets.lock() {
            sockets.push(socket);
        }
    }
}

type Reply = Response<std::io::Cursor<Vec<u8>>>;

fn header(name: &str, value: &str) -> Header {
    Header::from_bytes(name.as_bytes(), value.as_bytes())
        .expect("header names and values are ASCII")
}

fn text(status: u16, body: &str) -> Reply {
    Response::from_data(body.as_bytes().to_vec())
        .with_status_code(StatusCode(status))
        .with_header(header("Content-Type", "text/plain; charset=utf-8"))
}

/// An HTML page with the live-reload script, and the error overlay if the last build failed.
fn page(status: u16, html: &str, current: &Current) -> Reply {
    Response::from_data(inject(html, current).into_bytes())
        .with_status_code(StatusCode(status))
        .with_header(header("Content-Type", "text/html; charset=utf-8"))
}

/// Serves the file a URL names in the build folder `dir`, `404.html` if there is none.
fn serve_file(dir: &Path, url: &str, current: &Current) -> Reply {
    match resolve(dir, url) {
        Resolved::File(file) => match std::fs::read(&file) {
            Ok(bytes) => {
                let kind = content_type(&file);
                if kind.starts_with("text/html") {
                    page(200, &String::from_utf8_lossy(&bytes), current)
                } else {
                    Response::from_data(bytes).with_header(header("Content-Type", kind))
                }
            }
            Err(_) => not_found(dir, current),
        },
        Resolved::Redirect(location) => Response::from_data(Vec::new())
            .with_status_code(StatusCode(301))
            .with_header(header("Location", &location)),
        Resolved::NotFound => not_found(dir, current),
    }
}

fn not_found(dir: &Path, current: &Current) -> Reply {
    match std::fs::read_to_string(dir.join("404.html")) {
        Ok(html) => page(404, &html, current),
        Err(_) => text(404, "Not found"),
    }
}

/// Where a request leads in the build folder.
#[derive(Debug, PartialEq, Eq)]
enum Resolved {
    /// A file inside the folder (symlinks resolved).
    File(PathBuf),
    /// A folder asked for without its trailing `/`: the browser must add it, or the page's
    /// relative links would resolve against the parent.
    Redirect(String),
    /// Nothing, or something outside the folder.
    NotFound,
}

/// Maps a request target to a file inside `dir`, refusing anything that leaves it: `..` and
/// `.` segments (also percent-encoded), backslashes, NUL, absolute-form targets, and
/// symlinks whose target is outside `dir`.
fn resolve(dir: &Path, target: &str) -> Resolved {
    let (path, query) = match target.find(['?', '#']) {
        Some(i) => (&target[..i], &target[i..]),
        None => (target, ""),
    };
    if !path.starts_with('/') {
        return Resolved::NotFound;
    }
    let Ok(decoded) = percent_encoding::percent_decode_str(path).decode_utf8() else {
        return Resolved::NotFound;
    };
    let mut file = dir.to_path_buf();
    for segment in decoded.split('/').filter(|s| !s.is_empty()) {
        let mut parts = Path::new(segment).components();
        let plain = matches!(parts.next(), Some(Component::Normal(_))) && parts.next().is_none();
        if !plain
            || segment.contains(['\\', '\0'])
            || segment == crate::writer::MARKER
            || segment == crate::incremental::MANIFEST
        {
            return Resolved::NotFound;
        }
        file.push(segment);
    }
    let Ok(meta) = std::fs::metadata(&file) else {
        return Resolved::NotFound;
    };
    if meta.is_dir() {
        if !decoded.ends_with('/') {
            return Resolved::Redirect(format!("{path}/{query}"));
        }
        file.push("index.html");
    }
    match (file.canonicalize(), dir.canonicalize()) {
        (Ok(real), Ok(real_dir)) if real.starts_with(&real_dir) && real.is_file() => {
            Resolved::File(real)
        }
        _ => Resolved::NotFound,
    }
}

/// The `Content-Type` of a file, by extension.
pub fn content_type(path: &Path) -> &'static str {
    let extension = path
        .extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default();
    match extension.as_str() {
        "html" | "htm" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "json" | "map" => "application/json",
        "webmanifest" => "application/manifest+json",
        "xml" => "application/xml",
        "rss" => "application/rss+xml",
        "atom" => "application/atom+xml",
        "txt" => "text/plain; charset=utf-8",
        "md" | "markdown" => "text/markdown; charset=utf-8",
        "csv" => "text/csv; charset=utf-8",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "avif" => "image/avif",
        "ico" => "image/x-icon",
        "bmp" => "image/bmp",
        "woff" => "font/woff",
        "woff2" => "font/woff2",
        "ttf" => "font/ttf",
        "otf" => "font/otf",
        "pdf" => "application/pdf",
        "zip" => "application/zip",
        "wasm" => "application/wasm",
        "mp3" => "audio/mpeg",
        "ogg" | "oga" => "audio/ogg",
        "wav" => "audio/wav",
        "mp4" => "video/mp4",
        "webm" => "video/webm",
        "vtt" => "text/vtt; charset=utf-8",
        _ => "application/octet-stream",
    }
}

/// Adds the live-reload script (and the overlay, after a failed build) before `</body>`, or
/// at the end of a page without one.
fn inject(html: &str, current: &Current) -> String {
    let mut addition = String::new();
    if let Some(errors) = &current.errors {
        addition.push_str(&overlay(errors));
    }
    addition.push_str(&format!(
        "<script src=\"{SCRIPT_PATH}\" data-gazette-build=\"{}\"></script>",
        current.version
    ));
    let at = last_ascii_case_insensitive(html, "</body>").unwrap_or(html.len());
    let mut out = String::with_capacity(html.len() + addition.len());
    out.push_str(&html[..at]);
    out.push_str(&addition);
    out.push_str(&html[at..]);
    out
}

fn last_ascii_case_insensitive(haystack: &str, needle: &str) -> Option<usize> {
    let hay = haystack.as_bytes();
    let needle = needle.as_bytes();
    (0..=hay.len().checked_sub(needle.len())?)
        .rev()
        .find(|&i| hay[i..i + needle.len()].eq_ignore_ascii_case(needle))
}

/// The error overlay: every problem of the failed build with its file, line and help.
fn overlay(errors: &[Diagnostic]) -> String {
    let escape = crate::html::escape;
    let mut items = String::new();
    for d in errors {
        let mut location = d.path.display().to_string();
        if let Some(line) = d.line {
            location.push_str(&format!(":{line}"));
            if let Some(column) = d.column {
                location.push_str(&format!(":{column}"));
            }
        }
        let help = d
            .help
            .as_ref()
            .map(|h| {
                format!(
                    "<div class=\"gazette-error-help\" style=\"color:#9fd3ff;margin-top:.2em\">help: {}</div>",
                    escape(h)
                )
            })
            .unwrap_or_default();
        items.push_str(&format!(
            "<li class=\"gazette-error\" style=\"margin:0 0 1em\"><code class=\"gazette-error-location\" style=\"color:#ffb4a8;background:none;padding:0;font:inherit;font-weight:bold\">{}</code>: <span class=\"gazette-error-message\">{}</span>{help}</li>",
            escape(&location),
            escape(&d.message)
        ));
    }
    format!(
        "<div id=\"gazette-error-overlay\" role=\"alert\" style=\"position:fixed;inset:0;z-index:2147483647;overflow:auto;box-sizing:border-box;padding:2rem;background:rgba(24,24,27,.95);color:#f4f4f5;font:15px/1.5 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;text-align:left\">\
<p style=\"font-size:1.2em;font-weight:bold;margin:0 0 .5em\">gazette: the build failed ({} problem{})</p>\
<p style=\"margin:0 0 1.5em;color:#d4d4d8\">This page is from the last good build. Fix the problem and save: the page reloads by itself.</p>\
<ol style=\"margin:0;padding-left:1.5em\">{}</ol></div>",
        errors.len(),
        if errors.len() == 1 { "" } else { "s" },
        items
    )
}

/// Opens `url` in the default browser; a failure is only a warning.
fn open_browser(url: &str) {
    let mut command = if cfg!(target_os = "macos") {
        std::process::Command::new("open")
    } else if cfg!(windows) {
        let mut c = std::process::Command::new("cmd");
        c.args(["/C", "start", ""]);
        c
    } else {
        std::process::Command::new("xdg-open")
    };
    command
        .arg(url)
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null());
    if let Err(e) = command.spawn() {
        eprintln!("warning: could not open a browser ({e}); open {url} yourself");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn site() -> tempfile::TempDir {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("out");
        std::fs::create_dir_all(out.join("a")).unwrap();
        std::fs::write(out.join("index.html"), "home").unwrap();
        std::fs::write(out.join("a/index.html"), "a").unwrap();
        std::fs::write(out.join("style.css"), "x").unwrap();
        std::fs::write(tmp.path().join("secret.txt"), "secret").unwrap();
        tmp
    }

    #[test]
    fn requests_resolve_inside_the_folder_only() {
        let tmp = site();
        let out = tmp.path().join("out");
        let real = out.canonicalize().unwrap();
        assert_eq!(resolve(&out, "/"), Resolved::File(real.join("index.html")));
        assert_eq!(
            resolve(&out, "/a/?x=1"),
            Resolved::File(real.join("a/index.html"))
        );
        assert_eq!(
            resolve(&out, "/a?x=1"),
            Resolved::Redirect("/a/?x=1".into())
        );
        assert_eq!(
            resolve(&out, "/style%2Ecss"),
            Resolved::File(real.join("style.css"))
        );
        for bad in [
            "/../secret.txt",
            "/a/../../secret.txt",
            "/%2e%2e/secret.txt",
            "/%2E%2E%2Fsecret.txt",
            "/a/%2e%2e/%2e%2e/secret.txt",
            "/..%5csecret.txt",
            "http://host/../secret.txt",
            "secret.txt",
            "/%00",
            "/.gazette-build",
            "/nothing",
        ] {
            assert_eq!(resolve(&out, bad), Resolved::NotFound, "{bad}");
        }
    }

    #[cfg(unix)]
    #[test]
    fn symlinks_out_of_the_folder_are_not_followed() {
        let tmp = site();
        let out = tmp.path().join("out");
        std::os::unix::fs::symlink(tmp.path().join("secret.txt"), out.join("leak.txt")).unwrap();
        std::os::unix::fs::symlink(tmp.path(), out.join("up")).unwrap();
        std::os::unix::fs::symlink(out.join("style.css"), out.join("inside.css")).unwrap();
        assert_eq!(resolve(&out, "/leak.txt"), Resolved::NotFound);
        assert_eq!(resolve(&out, "/up/secret.txt"), Resolved::NotFound);
        assert!(matches!(resolve(&out, "/inside.css"), Resolved::File(_)));
    }

    #[test]
    fn the_script_goes_before_the_last_body_end() {
        let current = Current {
            dir: None,
            version: 7,
            errors: None,
        };
        let html = inject("<html><body><p>&lt;/body&gt;</p></BODY></html>", &current);
        assert!(
            html.ends_with("data-gazette-build=\"7\"></script></BODY></html>"),
            "{html}"
        );
        assert!(inject("plain", &current).starts_with("plain<script"));
    }

    #[test]
    fn the_overlay_escapes_messages() {
        let html = overlay(&[Diagnostic::new("content/<a>.md", "bad <b>").at_line(3)]);
        assert!(html.contains("content/&lt;a&gt;.md:3"), "{html}");
        assert!(html.contains("bad &lt;b&gt;"));
    }

    #[test]
    fn content_types() {
        for (name, kind) in [
            ("a.html", "text/html; charset=utf-8"),
            ("a.CSS", "text/css; charset=utf-8"),
            ("a.woff2", "font/woff2"),
            ("a.jpeg", "image/jpeg"),
            ("a.unknown", "application/octet-stream"),
        ] {
            assert_eq!(content_type(Path::new(name)), kind);
        }
    }
}

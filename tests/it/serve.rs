//! `gazette serve` end to end: the binary on an ephemeral port of 127.0.0.1, fetched over
//! plain TCP. Every server a test starts is stopped by it (Ctrl-C, then a kill if that fails),
//! and every wait is a bounded poll.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc::{self, Receiver};
use std::time::{Duration, Instant};

use crate::common::*;
use scraper::Html;

/// How long a server may take to start (the first build of a debug binary included).
const START: Duration = Duration::from_secs(30);
/// How long an edit may take to show: the debounce window plus a build, with room for a slow
/// machine. The real figure is printed by `an_edited_article_shows_the_new_text`.
const VISIBLE: Duration = Duration::from_secs(10);

/// A running `gazette serve`.
pub(crate) struct Server {
    pub(crate) child: Child,
    pub(crate) port: u16,
    pub(crate) workspace: PathBuf,
    pub(crate) lines: Receiver<String>,
}

impl Server {
    /// Starts `gazette serve --port 0` in the site's folder and waits for its address.
    pub(crate) fn start(site: &Site, args: &[&str]) -> Server {
        let mut command = Command::new(env!("CARGO_BIN_EXE_gazette"));
        command.args(["serve", "--port", "0"]).args(args);
        Server::launch(site, command)
    }

    /// Starts `gazette serve --port 0` with at most `limit` open file descriptors (through
    /// `sh`'s `ulimit`, which then becomes the server: the same process).
    #[cfg(unix)]
    pub(crate) fn start_with_descriptors(site: &Site, limit: u32) -> Server {
        let mut command = Command::new("sh");
        command.args([
            "-c",
            &format!("ulimit -n {limit} && exec \"$0\" serve --port 0"),
            env!("CARGO_BIN_EXE_gazette"),
        ]);
        Server::launch(site, command)
    }

    fn launch(site: &Site, mut command: Command) -> Server {
        let mut child = command
            .current_dir(site.root())
            .env("RUST_BACKTRACE", "0")
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("start gazette serve");
        let (sender, lines) = mpsc::channel();
        let stdout = child.stdout.take().expect("stdout");
        let stderr = child.stderr.take().expect("stderr");
        for stream in [
            Box::new(stdout) as Box<dyn Read + Send>,
            Box::new(stderr) as Box<dyn Read + Send>,
        ] {
            let sender = sender.clone();
            std::thread::spawn(move || {
                for line in BufReader::new(stream).lines().map_while(Result::ok) {
                    if sender.send(line).is_err() {
                        break;
                    }
                }
            });
        }
        let deadline = Instant::now() + START;
        let mut seen = Vec::new();
        while Instant::now() < deadline {
            let Ok(line) = lines.recv_timeout(Duration::from_millis(100)) else {
                if let Ok(Some(status)) = child.try_wait() {
                    panic!("gazette serve exited with {status}:\n{}", seen.join("\n"));
                }
                continue;
            };
            seen.push(line.clone());
            if let Some(rest) = line.strip_prefix("Serving ") {
                let port = rest
                    .split("http://127.0.0.1:")
                    .nth(1)
                    .and_then(|r| r.split('/').next())
                    .and_then(|p| p.parse().ok())
                    .unwrap_or_else(|| panic!("no port in {line:?}"));
                let workspace = rest
                    .split("(building into ")
                    .nth(1)
                    .and_then(|r| r.split(')').next())
                    .map(PathBuf::from)
                    .unwrap_or_else(|| panic!("no temp folder in {line:?}"));
                return Server {
                    child,
                    port,
                    workspace,
                    lines,
                };
            }
        }
        let _ = child.kill();
        let _ = child.wait();
        panic!("gazette serve did not start in time:\n{}", seen.join("\n"));
    }

    /// [`Server::get`], or None when the connection fails (refused, or closed before the
    /// request was sent): for polling a server that is shedding connections.
    pub(crate) fn try_get(&self, target: &str) -> Option<Reply> {
        let mut stream = TcpStream::connect(("127.0.0.1", self.port)).ok()?;
        stream.set_read_timeout(Some(Duration::from_secs(5))).ok()?;
        write!(
            stream,
            "GET {target} HTTP/1.0\r\nHost: 127.0.0.1:{}\r\n\r\n",
            self.port
        )
        .ok()?;
        let mut raw = Vec::new();
        stream.read_to_end(&mut raw).ok()?;
        Some(Reply::parse(&raw))
    }

    /// Sends one request (HTTP/1.0, so the body is never chunked) with a raw request target.
    pub(crate) fn get(&self, target: &str) -> Reply {
        let mut stream = TcpStream::connect(("127.0.0.1", self.port)).expect("connect");
        stream
            .set_read_timeout(Some(Duration::from_secs(5)))
            .expect("timeout");
        write!(
            stream,
            "GET {target} HTTP/1.0\r\nHost: 127.0.0.1:{}\r\n\r\n",
            self.port
        )
        .expect("send a request");
        let mut raw = Vec::new();
        stream.read_to_end(&mut raw).expect("read a response");
        Reply::parse(&raw)
    }

    /// Polls `url` until `done` holds for its reply, failing after `limit`. Returns the reply
    /// and how long it took.
    fn poll(&self, url: &str, limit: Duration, done: impl Fn(&Reply) -> bool) -> (Reply, Duration) {
        let start = Instant::now();
        loop {
            let reply = self.get(url);
            if done(&reply) {
                return (reply, start.elapsed());
            }
            assert!(
                start.elapsed() < limit,
                "{url} did not change within {limit:?}; last reply: {} {}",
                reply.status,
                excerpt(&reply.text())
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// Stops the server as Ctrl-C does and returns its exit code and everything it printed.
    pub(crate) fn stop(mut self) -> (Option<i32>, String) {
        let code = interrupt(&mut self.child);
        let mut printed = Vec::new();
        while let Ok(line) = self.lines.recv_timeout(Duration::from_millis(200)) {
            printed.push(line);
        }
        (code, printed.join("\n"))
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        if let Ok(None) = self.child.try_wait() {
            interrupt(&mut self.child);
        }
    }
}

/// Sends SIGINT (as Ctrl-C does) and waits up to 10 s; kills the process if it is still there.
pub(crate) fn interrupt(child: &mut Child) -> Option<i32> {
    let _ = Command::new("kill")
        .args(["-INT", &child.id().to_string()])
        .status();
    let deadline = Instant::now() + Duration::from_secs(10);
    while Instant::now() < deadline {
        if let Ok(Some(status)) = child.try_wait() {
            return status.code();
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    let _ = child.kill();
    let _ = child.wait();
    None
}

/// An HTTP response.
pub(crate) struct Reply {
    pub(crate) status: u16,
    pub(crate) headers: Vec<(String, String)>,
    pub(crate) body: Vec<u8>,
}

impl Reply {
    pub(crate) fn parse(raw: &[u8]) -> Reply {
        let split = raw
            .windows(4)
            .position(|w| w == b"\r\n\r\n")
            .expect("a complete response");
        let head = String::from_utf8_lossy(&raw[..split]).into_owned();
        let mut lines = head.lines();
        let status = lines
            .next()
            .and_then(|l| l.split(' ').nth(1))
            .and_then(|s| s.parse().ok())
            .expect("a status line");
        let headers = lines
            .filter_map(|l| l.split_once(':'))
            .map(|(k, v)| (k.trim().to_ascii_lowercase(), v.trim().to_string()))
            .collect();
        Reply {
            status,
            headers,
            body: raw[split + 4..].to_vec(),
        }
    }

    pub(crate) fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }

    fn content_type(&self) -> &str {
        self.header("content-type").unwrap_or("")
    }

    pub(crate) fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }

    pub(crate) fn html(&self) -> Html {
        Html::parse_document(&self.text())
    }
}

/// A site with one article, static files of many kinds and a file outside the site.
pub(crate) fn fixture() -> Site {
    let site = Site::new();
    site.write(
        "content/2016/01/a.md",
        toml_article(
            "First headline",
            "2016-01-19",
            "topics = [\"Canada\"]\n",
            "The original text.",
        ),
    );
    for (name, bytes, _) in static_files() {
        site.write(&format!("static/{name}"), bytes);
    }
    write_file(&site.outside().join("secret.txt"), b"do not serve me");
    site
}

fn static_files() -> Vec<(&'static str, &'static [u8], &'static str)> {
    vec![
        ("site.js", b"console.log(1);", "text/javascript"),
        ("data.json", b"{}", "application/json"),
        ("feed.xml", b"<feed/>", "application/xml"),
        (
            "images/logo.svg",
            b"<svg xmlns=\"http://www.w3.org/2000/svg\"/>",
            "image/svg+xml",
        ),
        ("images/a.png", b"\x89PNG\r\n\x1a\n", "image/png"),
        ("images/a.jpg", b"\xff\xd8\xff", "image/jpeg"),
        ("images/a.gif", b"GIF89a", "image/gif"),
        ("images/a.webp", b"RIFF", "image/webp"),
        ("favicon.ico", b"\0\0\x01\0", "image/x-icon"),
        ("robots.txt", b"User-agent: *", "text/plain"),
        ("fonts/a.woff2", b"wOF2", "font/woff2"),
        ("docs/report.pdf", b"%PDF-1.4", "application/pdf"),
    ]
}

const ARTICLE: &str = "/2016/01/19/first-headline/";

fn live_reload_scripts(doc: &Html) -> Vec<String> {
    attrs(doc, "script[src]", "src")
        .into_iter()
        .filter(|src| src.contains("__gazette"))
        .collect()
}

#[test]
fn pages_and_static_files_are_served_with_their_types() {
    let site = fixture();
    let server = Server::start(&site, &[]);

    let home = server.get("/");
    assert_eq!(home.status, 200);
    assert_eq!(home.content_type(), "text/html; charset=utf-8");
    let doc = home.html();
    assert_eq!(list_titles(&doc), ["First headline"]);
    assert_eq!(live_reload_scripts(&doc), ["/__gazette/livereload.js"]);

    let article = server.get(ARTICLE);
    assert_eq!(article.status, 200);
    assert_eq!(
        texts(&article.html(), "h1"),
        ["First headline"],
        "the article page"
    );
    assert_eq!(server.get("/topics/canada/").status, 200);

    // A folder without its slash is redirected, so relative links keep working.
    let folder = server.get("/topics?x=1");
    assert_eq!(folder.status, 301);
    assert_eq!(folder.header("location"), Some("/topics/?x=1"));

    let css = server.get("/style.css");
    assert_eq!(
        (css.status, css.content_type()),
        (200, "text/css; charset=utf-8")
    );
    for (name, bytes, kind) in static_files() {
        let reply = server.get(&format!("/{name}"));
        assert_eq!(reply.status, 200, "{name}");
        assert!(
            reply.content_type().starts_with(kind),
            "{name}: {}",
            reply.content_type()
        );
        assert_eq!(reply.body, bytes, "{name}");
    }

    let script = server.get("/__gazette/livereload.js");
    assert_eq!(script.status, 200);
    assert!(script.content_type().starts_with("text/javascript"));

    let missing = server.get("/no/such/page/");
    assert_eq!(missing.status, 404);
    assert_eq!(missing.content_type(), "text/html; charset=utf-8");
    assert_eq!(texts(&missing.html(), "h1"), ["Page not found"]);

    let (code, printed) = server.stop();
    assert_eq!(code, Some(0), "{printed}");
}

#[test]
fn nothing_outside_the_output_folder_is_served() {
    let site = fixture();
    #[cfg(unix)]
    std::os::unix::fs::symlink(
        site.outside().join("secret.txt"),
        site.root().join("static/leak.txt"),
    )
    .unwrap();
    let server = Server::start(&site, &[]);
    let root = site.root().to_string_lossy().into_owned();
    let outside = site.outside().to_string_lossy().into_owned();
    let targets = vec![
        "/../secret.txt".to_string(),
        "/../../../../../../etc/passwd".to_string(),
        "/%2e%2e/%2e%2e/%2e%2e/%2e%2e/etc/passwd".to_string(),
        "/%2E%2E%2F%2E%2E%2F%2E%2E%2Fetc%2Fpasswd".to_string(),
        "/..%2f..%2f..%2f..%2fetc%2fpasswd".to_string(),
        "/..%5c..%5c..%5cetc%5cpasswd".to_string(),
        "/static/%2e%2e/site.toml".to_string(),
        format!("/{root}/site.toml"),
        format!("/{outside}/secret.txt"),
        format!("{root}/site.toml"),
        "//etc/passwd".to_string(),
        "http://127.0.0.1/../etc/passwd".to_string(),
        "/leak.txt".to_string(),
        "/.gazette-build".to_string(),
    ];
    for target in targets {
        let reply = server.get(&target);
        assert_eq!(reply.status, 404, "{target}");
        let text = reply.text();
        assert!(!text.contains("do not serve me"), "{target}");
        assert!(!text.contains("root:"), "{target}");
        assert!(!text.contains("base_url"), "{target}");
    }
    let (code, _) = server.stop();
    assert_eq!(code, Some(0));
}

#[test]
fn an_edited_article_shows_the_new_text_and_open_pages_are_told() {
    let site = fixture();
    let server = Server::start(&site, &[]);
    let mut socket = live_reload_socket(server.port);
    assert_eq!(next_build(&mut socket), 1);

    site.write(
        "content/2016/01/a.md",
        toml_article(
            "First headline",
            "2016-01-19",
            "topics = [\"Canada\"]\n",
            "The edited text.",
        ),
    );
    let (reply, took) = server.poll(ARTICLE, VISIBLE, |r| {
        texts(&r.html(), "article p")
            .iter()
            .any(|p| p == "The edited text.")
    });
    println!("an article edit was visible after {} ms", took.as_millis());
    assert_eq!(live_reload_scripts(&reply.html()).len(), 1);
    assert!(next_build(&mut socket) >= 2);

    let (code, printed) = server.stop();
    assert_eq!(code, Some(0), "{printed}");
}

/// What serve printed about one good build: "Built N articles, P pages in T ms (R of F files
/// rendered, W written, D removed)".
#[derive(Debug, PartialEq, Eq)]
struct Built {
    rendered: usize,
    files: usize,
    written: usize,
}

impl Built {
    fn parse(line: &str) -> Option<Built> {
        let counts = line.strip_prefix("Built ")?.split_once(" ms (")?.1;
        let (rendered, rest) = counts.split_once(" of ")?;
        let (files, rest) = rest.split_once(" file")?;
        let written = rest.split_once("rendered, ")?.1.split_once(" written")?.0;
        Some(Built {
            rendered: rendered.parse().ok()?,
            files: files.parse().ok()?,
            written: written.parse().ok()?,
        })
    }
}

impl Server {
    /// The next build serve reports, failing after `limit`.
    fn next_built(&self, limit: Duration) -> Built {
        let deadline = Instant::now() + limit;
        let mut seen = Vec::new();
        while Instant::now() < deadline {
            if let Ok(line) = self.lines.recv_timeout(Duration::from_millis(100)) {
                if let Some(built) = Built::parse(&line) {
                    return built;
                }
                seen.push(line);
            }
        }
        panic!("no build reported within {limit:?}:\n{}", seen.join("\n"));
    }
}

/// Serve once alternated between two output folders, and the first build into the second
/// one rendered every page (24.5 s at 100,000 articles, issue 14): every edit, the first
/// included, must update the one folder in place and render only what it changed.
#[test]
fn the_first_edit_after_startup_renders_only_what_it_changes() {
    let site = Site::new();
    let body = |i: usize, text: &str| {
        toml_article(
            &format!("Headline {i}"),
            &format!("2016-01-{:02}", i % 28 + 1),
            &format!("topics = [\"Topic {}\"]\n", i % 3),
            &format!("First paragraph of article {i}.\n\n{text}"),
        )
    };
    for i in 0..40 {
        site.write(&format!("content/a{i}.md"), body(i, "The original text."));
    }
    let server = Server::start(&site, &[]);
    // The startup build's line comes before the "Serving" line Server::start waited for.
    let mut socket = live_reload_socket(server.port);
    assert_eq!(next_build(&mut socket), 1);

    for (round, text) in ["The first edit.", "The second edit."]
        .into_iter()
        .enumerate()
    {
        site.write("content/a7.md", body(7, text));
        let built = server.next_built(VISIBLE);
        assert!(built.written >= 1, "round {round}: {built:?}");
        assert!(
            built.rendered * 4 < built.files,
            "round {round}: a body edit rendered {} of {} files",
            built.rendered,
            built.files
        );
        let (reply, _) = server.poll("/2016/01/08/headline-7/", VISIBLE, |r| {
            texts(&r.html(), "article p").iter().any(|p| p == text)
        });
        assert_eq!(live_reload_scripts(&reply.html()).len(), 1);
        // Every other article is still served, from the same folder.
        let other = server.get("/2016/01/09/headline-8/");
        assert_eq!(texts(&other.html(), "h1"), ["Headline 8"]);
    }
    let workspace = server.workspace.clone();
    let folders: Vec<_> = std::fs::read_dir(&workspace)
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(folders.len(), 1, "one output folder: {folders:?}");
    let (code, printed) = server.stop();
    assert_eq!(code, Some(0), "{printed}");
    assert!(!workspace.exists());
}

#[test]
fn a_broken_edit_shows_the_error_overlay_and_the_server_keeps_going() {
    let site = fixture();
    let server = Server::start(&site, &[]);
    site.write(
        "content/2016/01/a.md",
        "+++\ntitle = \"First headline\"\ndate = \"Jan 19\"\n+++\n\nThe original text.\n",
    );
    let (broken, _) = server.poll(ARTICLE, VISIBLE, |r| {
        !select(&r.html(), "#gazette-error-overlay").is_empty()
    });
    let doc = broken.html();
    assert_eq!(
        texts(&doc, "#gazette-error-overlay .gazette-error-location"),
        ["content/2016/01/a.md:3"]
    );
    let message = texts(&doc, "#gazette-error-overlay .gazette-error-message").join(" ");
    assert!(message.contains("is not a date"), "{message}");
    // The last good build is still there, under the overlay, with its live-reload script.
    assert_eq!(texts(&doc, "h1"), ["First headline"]);
    assert_eq!(live_reload_scripts(&doc).len(), 1);
    assert_eq!(server.get("/style.css").status, 200);

    // Serve updates the one folder it serves in place: a request made while the fixed build's
    // files move in may see them under the old overlay, but a page reloading when told of a
    // build (as the live-reload script does) sees the build and its status together.
    let mut socket = live_reload_socket(server.port);
    let mut build = next_build(&mut socket);
    site.write(
        "content/2016/01/a.md",
        toml_article("First headline", "2016-01-19", "", "Fixed."),
    );
    let deadline = Instant::now() + VISIBLE;
    loop {
        let told = next_build(&mut socket);
        assert!(told > build, "build {told} after {build}");
        build = told;
        let doc = server.get(ARTICLE).html();
        if texts(&doc, "article p").iter().any(|p| p == "Fixed.") {
            assert!(select(&doc, "#gazette-error-overlay").is_empty());
            break;
        }
        assert!(Instant::now() < deadline, "the fix was not served in time");
    }
    let (code, printed) = server.stop();
    assert_eq!(code, Some(0), "{printed}");
    assert!(printed.contains("is not a date"), "{printed}");
}

#[test]
fn ctrl_c_stops_the_server_and_removes_its_temp_folder() {
    let site = fixture();
    let server = Server::start(&site, &[]);
    let workspace = server.workspace.clone();
    assert!(workspace.is_dir(), "{}", workspace.display());
    assert!(!site.public().exists(), "serve must not write public/");
    let (code, printed) = server.stop();
    assert_eq!(code, Some(0), "{printed}");
    assert!(
        !workspace.exists(),
        "{} is left behind",
        workspace.display()
    );
    assert!(!site.public().exists());
    assert!(!printed.contains("panicked"), "{printed}");
}

#[test]
fn the_live_reload_script_is_never_in_build_output() {
    let site = fixture();
    site.build_ok(&[]);
    let pages = html_pages(&site.public());
    assert!(pages.len() >= 4, "{pages:?}");
    for (url, path) in pages {
        let text = std::fs::read_to_string(&path).unwrap();
        let doc = Html::parse_document(&text);
        assert!(live_reload_scripts(&doc).is_empty(), "{url}");
        assert!(select(&doc, "#gazette-error-overlay").is_empty(), "{url}");
    }
    for file in files_under(&site.public()) {
        let bytes = std::fs::read(site.public().join(&file)).unwrap();
        assert!(
            !String::from_utf8_lossy(&bytes).contains("__gazette"),
            "{}",
            file.display()
        );
    }
}

pub(crate) type Socket = tungstenite::WebSocket<TcpStream>;

pub(crate) fn live_reload_socket(port: u16) -> Socket {
    let stream = TcpStream::connect(("127.0.0.1", port)).expect("connect");
    stream
        .set_read_timeout(Some(VISIBLE))
        .expect("set a timeout");
    let (socket, _) = tungstenite::client(
        format!("ws://127.0.0.1:{port}/__gazette/livereload"),
        stream,
    )
    .expect("a WebSocket handshake");
    socket
}

/// The next `build N` message.
pub(crate) fn next_build(socket: &mut Socket) -> u64 {
    loop {
        let message = socket.read().expect("a live-reload message in time");
        if let tungstenite::Message::Text(text) = message {
            return text
                .strip_prefix("build ")
                .and_then(|n| n.parse().ok())
                .unwrap_or_else(|| panic!("unexpected message {text}"));
        }
    }
}

#[test]
fn a_site_that_does_not_build_yet_is_served_with_the_overlay_until_it_does() {
    let site =
        Site::with_config("title = \"T\"\nbase_url = \"https://example.org/\"\npaginte = 5\n");
    site.article("a.md", "First headline", "2016-01-19", "");
    let server = Server::start(&site, &[]);
    let reply = server.get("/");
    assert_eq!(reply.status, 500);
    let doc = reply.html();
    assert_eq!(
        texts(&doc, "#gazette-error-overlay .gazette-error-location"),
        ["site.toml:3"]
    );
    assert_eq!(live_reload_scripts(&doc).len(), 1);

    site.write("site.toml", BASIC_CONFIG);
    let (fixed, _) = server.poll("/", VISIBLE, |r| r.status == 200);
    assert_eq!(list_titles(&fixed.html()), ["First headline"]);
    let (code, printed) = server.stop();
    assert_eq!(code, Some(0), "{printed}");
}

#[test]
fn a_page_bundle_s_files_are_copied_changed_and_removed_as_they_are_saved() {
    let site = Site::new();
    site.write(
        "content/2016/01/flood/index.md",
        toml_article("Flood", "2016-01-19", "", "[the report](report.txt)"),
    );
    let server = Server::start(&site, &[]);
    let file = "/2016/01/19/flood/report.txt";
    assert_eq!(server.get(file).status, 404);
    for text in ["first version", "second version"] {
        site.write("content/2016/01/flood/report.txt", text);
        server.poll(file, VISIBLE, |r| r.status == 200 && r.text() == text);
    }
    site.remove("content/2016/01/flood/report.txt");
    server.poll(file, VISIBLE, |r| r.status == 404);
    let (code, printed) = server.stop();
    assert_eq!(code, Some(0), "{printed}");
}

//! `gazette serve`: the dev server. Builds the site into a temporary folder of its own, serves
//! it over HTTP, rebuilds when an input changes and tells open pages to reload.
//!
//! It sits on top of [`crate::build`](mod@crate::build) and never inside it: serve only chooses
//! where the build goes (its own temp folder, so a serve session never replaces the user's
//! `public/`) and the base URL, hands it the walk over `content/` it keeps from its watcher
//! (`walk`), is told when the build's files are in, then serves the files. The live-reload script and the error overlay
//! are added to HTML responses here, as they are sent; nothing of serve reaches a `gazette build`.
//!
//! Every build goes into one folder, updated in place as `gazette build` updates `public/`
//! (see `writer`), so each rebuild after the first is incremental: it renders only
//! the pages whose inputs changed and reuses the build snapshot of the build before it. (Serve
//! once alternated between two folders so a request never met a half-made build; but the
//! manifest and the snapshot go with one output folder, so every build then made every page's
//! key, and the first one into the second folder rendered the whole site: 24.5 s at 100,000
//! articles, issue 14.)
//!
//! What a request can see while a build runs: the previous build, unchanged, until every page
//! is rendered and staged beside the folder; then, for the few milliseconds the changes take to
//! apply, each file either as it was or as it is now, never half-written (each is moved in by
//! a rename), and a file the new build no longer makes may already be gone (404); a page of
//! the new build may still carry the previous build's error overlay. Open pages
//! are told to reload only once the whole build is in, so they show it complete. A failed
//! build changes nothing in the folder: the last good site stays served, with every page
//! carrying an overlay with the errors until a build works.

use std::io::Write as _;
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{mpsc, Arc, Mutex};

use crate::config::{Config, CONFIG_FILE};
use crate::error::{Diagnostic, Error, Result};

mod burst;
mod http;
mod livereload;
mod rebuild;
mod server;
mod walk;

pub use http::content_type;

use rebuild::{watch_error, watch_inputs, Builder};

/// The folders of a site whose changes trigger a rebuild (with `site.toml`): its inputs.
pub const WATCHED: &[&str] = crate::config::INPUT_DIRS;

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
    /// Include articles whose publish date is after now (`--future`).
    pub future: bool,
    /// Include articles whose expiry date has passed (`--expired`).
    pub expired: bool,
    /// Serve the site without the content files that cannot be loaded (`--skip-broken`).
    pub skip_broken: bool,
}

impl Default for ServeOptions {
    fn default() -> Self {
        ServeOptions {
            root: PathBuf::from("."),
            port: 1111,
            bind: IpAddr::V4(Ipv4Addr::LOCALHOST),
            open: false,
            drafts: false,
            skip_broken: false,
            future: false,
            expired: false,
        }
    }
}

/// The build being served, as one value so a response never mixes two builds.
#[derive(Debug, Clone, Default)]
pub(super) struct Current {
    /// The folder of the last good build, if any build has worked yet.
    pub(super) dir: Option<PathBuf>,
    /// Counts builds, good and bad; pages compare it with theirs to know when to reload.
    pub(super) version: u64,
    /// The problems of the last build, when it failed.
    pub(super) errors: Option<Vec<Diagnostic>>,
}

/// What the HTTP side (`server`) and the builder share.
pub(super) struct Shared {
    pub(super) current: Mutex<Current>,
    /// The current build's number, which every open live-reload socket waits on.
    pub(super) builds: tokio::sync::watch::Sender<u64>,
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
    let listener = server::bind(SocketAddr::new(options.bind, options.port)).map_err(|e| {
        Error::Usage(format!(
            "cannot listen on {}: {e}; choose another --port, or --port 0 for any free port",
            SocketAddr::new(options.bind, options.port)
        ))
    })?;
    let address = listener
        .local_addr()
        .map_err(|e| Error::Usage(format!("the server has no address: {e}")))?;
    let workspace = Workspace::create()?;
    let shared = Arc::new(Shared {
        current: Mutex::new(Current::default()),
        builds: tokio::sync::watch::channel(0).0,
    });
    let mut builder = Builder::new(
        &root,
        options,
        format!("http://{}/", browsable(address)),
        workspace.path.join("site"),
    );

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

    let hosts = server::Hosts::for_bind(options.bind);
    let served = std::thread::scope(|scope| {
        let builder = &mut builder;
        let building = &shared;
        scope.spawn(move || builder.run(changes, watcher, building, stop));
        let served = server::run(listener, Arc::clone(&shared), hosts, stop);
        // The builder stops with the server, whatever stopped it.
        stop.store(true, Ordering::SeqCst);
        served
    });
    if let Err(e) = served {
        eprintln!("warning: the server stopped: {e}");
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
            match crate::fs::create_dir(&path) {
                Ok(()) => return Ok(Workspace { path }),
                Err(Error::Io { source, .. })
                    if source.kind() == std::io::ErrorKind::AlreadyExists =>
                {
                    continue
                }
                Err(e) => return Err(e),
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
        // The error names the folder: "could not remove /tmp/gazette-serve-…: <reason>".
        if let Err(e) = crate::fs::remove_dir_all(&self.path) {
            eprintln!("warning: could not remove {e}");
        }
    }
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

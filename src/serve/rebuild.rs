//! Watching the site's inputs and rebuilding: a burst of saves becomes one build, into the
//! folder that is not being served.
//!
//! The build itself is [`crate::build::build`], called as `gazette build` would call it but
//! with serve's output folder and base URL; only a complete build is handed to the request
//! threads, and a failed one becomes the error overlay.

use std::io::Write as _;
use std::path::{Component, Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{Receiver, RecvTimeoutError};
use std::time::{Duration, Instant};

use notify::{EventKind, RecursiveMode, Watcher};

use crate::build::{build, BuildOptions};
use crate::config::CONFIG_FILE;
use crate::error::{Diagnostic, Error, Result};
use crate::loader;
use crate::wording::plural;

use super::livereload::broadcast;
use super::{Shared, WATCHED};

/// A burst of saves (an editor writing a temp file, renaming it, touching the folder) is one
/// rebuild: wait until the inputs have been quiet this long…
const QUIET: Duration = Duration::from_millis(60);
/// …but never longer than this after the first change, so a tool that writes for a long
/// time still shows progress.
const MAX_WAIT: Duration = Duration::from_millis(1000);

/// Rebuilds the site into alternating folders.
pub(super) struct Builder {
    pub(super) root: PathBuf,
    pub(super) drafts: bool,
    pub(super) future: bool,
    pub(super) expired: bool,
    pub(super) base_url: String,
    pub(super) slots: [PathBuf; 2],
    pub(super) next: usize,
}

impl Builder {
    /// Builds once, publishes the result to the request threads and tells open pages.
    pub(super) fn rebuild(&mut self, shared: &Shared) {
        let output = self.slots[self.next].clone();
        let options = BuildOptions {
            root: self.root.clone(),
            output: Some(output.clone()),
            drafts: self.drafts,
            future: self.future,
            expired: self.expired,
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
                    plural(report.articles),
                    report.pages,
                    plural(report.pages),
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
    pub(super) fn run(
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
    let absolute_root = crate::fs::canonicalize(root).ok()?;
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
    match (crate::fs::canonicalize(a), crate::fs::canonicalize(b)) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    }
}

/// Files editors write beside the one being edited, and hidden files: the loader's rule
/// ([`loader::is_ignored`]), so that serve and the build agree on what is not an input.
fn is_editor_temp(path: &Path) -> bool {
    let Some(name) = path.file_name().map(|n| n.to_string_lossy()) else {
        return false;
    };
    // vim checks that it may write a folder by creating and deleting this file: it is an
    // event serve sees, never a file a build finds, so the loader has no rule for it.
    loader::is_ignored(&name) || name == "4913"
}

/// Watches the site folder itself (for `site.toml`, replaced by a rename when most editors
/// save it, and for input folders created later) and each input folder.
pub(super) fn watch_inputs(watcher: &mut notify::RecommendedWatcher, root: &Path) -> Result<()> {
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

pub(super) fn watch_error(path: &Path, e: notify::Error) -> Error {
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

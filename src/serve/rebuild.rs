//! Watching the site's inputs and rebuilding: a burst of saves becomes one build, into
//! serve's output folder.
//!
//! The build itself is [`crate::build::build`]'s, called as `gazette build` would call it but
//! with serve's output folder and base URL, and with the walk over `content/` that serve keeps
//! up to date from the watcher's events ([`Walk`]). Open pages are told about a build once its
//! files are in place; a failed one becomes the error overlay.

use std::io::Write as _;
use std::path::{Component, Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{Receiver, RecvTimeoutError};
use std::time::{Duration, Instant};

use notify::event::{AccessKind, AccessMode};
use notify::{EventKind, RecursiveMode, Watcher};

use crate::build::{build_with, BuildOptions, BuildReport, Hooks};
use crate::config::CONFIG_FILE;
use crate::error::{Diagnostic, Error, Result};
use crate::loader;
use crate::wording::plural;

use super::burst::{Burst, QUIET, SETTLED};
use super::livereload::broadcast;
use super::walk::Walk;
use super::{ServeOptions, Shared, WATCHED};

/// A burst of saves is one rebuild (see [`super::burst`]), but never waits longer than this
/// after its first change, so a tool that writes for a long time still shows progress.
const MAX_WAIT: Duration = Duration::from_millis(1000);

/// Rebuilds the site into serve's output folder.
pub(super) struct Builder {
    root: PathBuf,
    /// The site folder as event paths start: absolute as watched, and with symlinks resolved.
    roots: Vec<PathBuf>,
    drafts: bool,
    skip_broken: bool,
    future: bool,
    expired: bool,
    base_url: String,
    /// The folder every build updates, in serve's temporary folder.
    output: PathBuf,
    /// The walk over `content/`, kept up to date between builds.
    walk: Walk,
}

impl Builder {
    /// A builder of the site `root` as `options` say, with pages linking to `base_url`, into
    /// `output`.
    pub(super) fn new(
        root: &Path,
        options: &ServeOptions,
        base_url: String,
        output: PathBuf,
    ) -> Builder {
        let roots = [
            std::path::absolute(root).ok(),
            crate::fs::canonicalize(root).ok(),
        ]
        .into_iter()
        .flatten()
        .collect();
        Builder {
            root: root.to_path_buf(),
            roots,
            drafts: options.drafts,
            skip_broken: options.skip_broken,
            future: options.future,
            expired: options.expired,
            base_url,
            output,
            walk: Walk::default(),
        }
    }

    /// Builds once, publishes the result to the request threads and tells open pages.
    pub(super) fn rebuild(&mut self, shared: &Shared) {
        let options = BuildOptions {
            root: self.root.clone(),
            output: Some(self.output.clone()),
            drafts: self.drafts,
            skip_broken: self.skip_broken,
            future: self.future,
            expired: self.expired,
            base_url: Some(self.base_url.clone()),
            now: None,
            ..BuildOptions::default()
        };
        let output = &self.output;
        let mut published = false;
        // Published as soon as the files are in, before the build writes its caches for next
        // time (tens of ms at 100,000 articles, which a reload need not wait for), and so no
        // request sees the new files with the old build's errors but while they move in.
        let mut committed = || {
            publish(shared, output, None);
            published = true;
        };
        let hooks = Hooks {
            scan: Some(self.walk.current(&self.root)),
            committed: Some(&mut committed),
        };
        let result = build_with(&options, hooks);
        match &result {
            Ok(_) if published => {}
            Ok(_) => publish(shared, output, None),
            Err(error) => publish(shared, output, Some(diagnostics(error))),
        }
        match result {
            Ok(report) => {
                for warning in &report.warnings {
                    eprintln!("warning: {warning}");
                }
                println!("{}", built_line(&report));
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
        // While nothing happens: the next build's copy of the walk.
        self.walk.prepare();
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
            let mut burst = Burst::default();
            match changes.recv_timeout(Duration::from_millis(100)) {
                Ok(event) => {
                    // A close alone ends a write that started a burst already.
                    if !self.note(&event, &mut watcher, &mut burst) || is_close(&event) {
                        continue;
                    }
                }
                Err(RecvTimeoutError::Timeout) => continue,
                Err(RecvTimeoutError::Disconnected) => return,
            }
            // Debounce: gather the rest of the burst. Only events about inputs extend the wait,
            // not a file merely opened or read (by the editor, an indexer, the last build).
            let first = Instant::now();
            let mut last = first;
            loop {
                let quiet = if burst.settled() { SETTLED } else { QUIET };
                let until = (last + quiet).min(first + MAX_WAIT);
                let left = until.saturating_duration_since(Instant::now());
                if left.is_zero() {
                    break;
                }
                match changes.recv_timeout(left) {
                    Ok(event) => {
                        if self.note(&event, &mut watcher, &mut burst) {
                            last = Instant::now();
                        }
                    }
                    Err(RecvTimeoutError::Timeout) => break,
                    Err(RecvTimeoutError::Disconnected) => return,
                }
            }
            if stop.load(Ordering::SeqCst) {
                return;
            }
            self.rebuild(shared);
        }
    }

    /// Whether an event is about an input (a change, or the close of a file written), noting
    /// it in `burst` and in the walk, and watching any input folder it created.
    fn note(
        &mut self,
        event: &notify::Result<notify::Event>,
        watcher: &mut notify::RecommendedWatcher,
        burst: &mut Burst,
    ) -> bool {
        let event = match event {
            Ok(event) => event,
            Err(e) => {
                // Whatever it missed, the next build walks content/ anew.
                self.walk.forget();
                eprintln!("warning: watching for changes: {e}");
                return false;
            }
        };
        if event.need_rescan() {
            // Events were lost (the kernel's queue overflowed): anything may have changed.
            self.walk.forget();
            return true;
        }
        if !matches!(event.kind, EventKind::Access(_)) {
            for path in &event.paths {
                if let Some(relative) = self.relative(path) {
                    self.walk.changed(relative);
                }
            }
        }
        if !self.matters(event, watcher) {
            return false;
        }
        burst.note(event);
        true
    }

    /// `path`, an event's, relative to the site folder; None when it is not under it.
    fn relative<'p>(&self, path: &'p Path) -> Option<&'p Path> {
        self.roots
            .iter()
            .find_map(|root| path.strip_prefix(root).ok())
            .or_else(|| path.strip_prefix(&self.root).ok())
    }

    /// Whether an event is about an input: a change, or the close of a file written.
    fn matters(&self, event: &notify::Event, watcher: &mut notify::RecommendedWatcher) -> bool {
        if matches!(event.kind, EventKind::Access(kind) if kind != AccessKind::Close(AccessMode::Write))
        {
            return false;
        }
        let mut relevant = false;
        for path in &event.paths {
            if is_editor_temp(path) {
                continue;
            }
            let Some(Component::Normal(name)) =
                self.relative(path).and_then(|p| p.components().next())
            else {
                continue;
            };
            let name = name.to_string_lossy();
            if name == CONFIG_FILE {
                relevant = true;
            } else if WATCHED.contains(&name.as_ref()) {
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

/// Makes the build in `output` the one served, with the overlay of `errors` when the build
/// failed (the last good files stay), and tells open pages.
fn publish(shared: &Shared, output: &Path, errors: Option<Vec<Diagnostic>>) {
    let version = {
        let Ok(mut current) = shared.current.lock() else {
            return;
        };
        current.version += 1;
        if errors.is_none() {
            current.dir = Some(output.to_path_buf());
        }
        current.errors = errors;
        current.version
    };
    broadcast(shared, version);
}

/// The line serve prints after a good build: what it looked at and what it did, so one can
/// see that an edit renders only the pages it changes.
fn built_line(report: &BuildReport) -> String {
    let done = if report.up_to_date {
        "nothing changed".to_string()
    } else {
        format!(
            "{} of {} file{} rendered, {} written, {} removed",
            report.rendered,
            report.files,
            plural(report.files),
            report.written,
            report.removed
        )
    };
    format!(
        "Built {} article{}, {} page{} in {} ms ({done}){}",
        report.articles,
        plural(report.articles),
        report.pages,
        plural(report.pages),
        report.elapsed.as_millis(),
        crate::wording::skipped_files(report.skipped.len())
    )
}

/// Whether an event is the close of a file written.
fn is_close(event: &notify::Result<notify::Event>) -> bool {
    matches!(event, Ok(event) if matches!(event.kind, EventKind::Access(_)))
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

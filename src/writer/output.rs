//! Writing a build into an output folder that holds an earlier build, incrementally: only
//! the files whose bytes changed are written, and only files an earlier build listed are
//! removed.
//!
//! A build hashes each file it makes and stages only the ones whose hash differs from the
//! manifest's (see [`super::manifest`]); nothing in the output is touched until every page
//! rendered, so a failed build leaves the previous output exactly as it was. Then the changes
//! are applied: files the new build no longer makes are removed (only if the old manifest
//! lists them), changed files are moved in, and the new manifest is written. Unchanged files
//! keep their modification time, so `rsync` and CDN uploads stay small; and nothing has to
//! delete the whole old tree, which on ext4 with online discard costs about 1 ms a file
//! (issue 7). A folder without a manifest (a first build) is written whole and swapped in.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use xxhash_rust::xxh3::xxh3_128;

use super::manifest::{is_plain, journal, updated, Entry, Hash, Manifest, Summary, MANIFEST};
use super::{check_replaceable, open_staging, Staging, MARKER};
use crate::artifact::Artifact;
use crate::error::{Error, Result};
use crate::theme::{StaticFile, StaticSource};

/// What applying a build changed in the output folder. Only [`Output::commit`] makes one, so
/// holding one means the output is in place.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Applied {
    /// Files written (new or with changed bytes).
    pub written: usize,
    /// Files of the previous build removed because this build no longer makes them.
    pub removed: usize,
    /// The build's number, as its manifest says (see [`Summary::build`]).
    build: u64,
}

impl Applied {
    /// The number of the build now in the output (see [`Summary::build`]).
    pub(crate) fn build(&self) -> u64 {
        self.build
    }
}

/// The build an output holds, when this build may trust its page keys (same render salt, no
/// `--force`); made only by [`Output::previous_build`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct PreviousBuild(u64);

impl PreviousBuild {
    /// Its number (see [`Summary::build`]).
    pub(crate) fn number(self) -> u64 {
        self.0
    }
}

/// A build being written to an output folder, incrementally when the folder holds a manifest.
pub(crate) struct Output {
    /// None once committed.
    mode: Option<Mode>,
    output: PathBuf,
    produced: Mutex<HashMap<String, Entry>>,
    changed: Mutex<Vec<PathBuf>>,
    /// Whether the previous build's page keys may be trusted: same salt, no `--force`.
    keys_trusted: bool,
    /// Whether files of the previous build with a page key that this build does not produce
    /// are kept as they are rather than removed (see [`Output::carry_unrendered`]).
    carry: bool,
}

enum Mode {
    /// No previous build to update: write everything into a staging folder and swap it in.
    Fresh(Staging),
    /// Update the previous build in place: stage only changed files.
    Update {
        old: Manifest,
        staging: PathBuf,
        force: bool,
    },
}

impl Output {
    /// Opens `output` for a build. With a manifest there, the build updates it in place;
    /// without one (a first build, or the output of an older gazette) it is written whole and
    /// swapped in. `force` compares every file with the bytes on disk instead of trusting the
    /// manifest's hashes. `salt` is this build's render salt (see [`Summary::salt`]); pages
    /// of the previous build are kept by key only if it had the same one.
    pub(crate) fn open(output: &Path, force: bool, salt: Option<Hash>) -> Result<Output> {
        let old = if output.join(MARKER).is_file() {
            std::fs::read_to_string(output.join(MANIFEST))
                .ok()
                .and_then(|text| {
                    Manifest::parse(&text).map(|manifest| Manifest { text, ..manifest })
                })
        } else {
            None
        };
        let salt = salt.unwrap_or(0);
        let keys_trusted =
            !force && salt != 0 && old.as_ref().is_some_and(|old| old.summary.salt == salt);
        let mode = match old {
            Some(old) => Mode::Update {
                old,
                staging: open_staging(output)?,
                force,
            },
            None => Mode::Fresh(Staging::begin(output)?),
        };
        Ok(Output {
            mode: Some(mode),
            output: output.to_path_buf(),
            produced: Mutex::new(HashMap::new()),
            changed: Mutex::new(Vec::new()),
            keys_trusted,
            carry: false,
        })
    }

    /// The number of the build this one updates (see [`Summary::build`]), when its page keys
    /// may be trusted (same salt, no `--force`); None otherwise.
    pub(crate) fn previous_build(&self) -> Option<PreviousBuild> {
        match &self.mode {
            Some(Mode::Update { old, .. }) if self.keys_trusted => Some(old.summary.build)
                .filter(|b| *b != 0)
                .map(PreviousBuild),
            _ => None,
        }
    }

    /// Keeps every file of the previous build that has a page key and that this build does
    /// not produce, as it is, instead of removing it. For a build that knows its pages are
    /// the previous build's and renders only those whose inputs changed, skipping the rest
    /// without so much as naming them (see [`crate::incremental::snapshot`]); files without
    /// a key (sitemaps, static files) must still be produced. Takes the build
    /// [`Output::previous_build`] named, so it is called only when there is one.
    pub(crate) fn carry_unrendered(&mut self, previous: PreviousBuild) {
        debug_assert_eq!(self.previous_build(), Some(previous));
        self.carry = true;
    }

    /// Keeps the previous build's file at `path` as it is when it holds the page with `key`:
    /// the page need not be rendered. False when it must be (no previous build, another key,
    /// another salt, `--force`). Safe to call from many threads at once.
    pub(crate) fn keep(&self, path: &Path, key: Hash) -> bool {
        key != 0 && self.keep_if(path, |entry| entry.key == key)
    }

    /// Keeps the previous build's file at `path` as it is, for a page the caller knows shows
    /// what it showed then (see `render::changes`), without its key being made. False when
    /// there is no such file with a key, or its keys may not be trusted (another salt,
    /// `--force`): the page must then be rendered. Safe to call from many threads at once.
    pub(crate) fn keep_as_it_was(&self, path: &Path) -> bool {
        self.keep_if(path, |entry| entry.key != 0)
    }

    /// Keeps the previous build's file at `path` when its keys may be trusted, its hash is
    /// known and `wanted` accepts its manifest entry.
    fn keep_if(&self, path: &Path, wanted: impl Fn(&Entry) -> bool) -> bool {
        let Some(Mode::Update { old, .. }) = &self.mode else {
            return false;
        };
        let Some(name) = path.to_str().filter(|_| self.keys_trusted) else {
            return false;
        };
        match old.files.get(name) {
            Some(entry) if entry.hash != 0 && wanted(entry) => {
                lock(&self.produced).insert(name.to_string(), *entry);
                true
            }
            _ => false,
        }
    }

    /// Records one file of the build, staging it if its bytes changed; `key` is its page key,
    /// if it has one. Safe to call from many threads at once.
    pub(crate) fn write(&self, artifact: &Artifact, key: Option<Hash>) -> Result<()> {
        self.put(&artifact.path, &artifact.bytes, key.unwrap_or(0))
    }

    /// Records one static file.
    pub(crate) fn copy_static(&self, file: &StaticFile) -> Result<()> {
        not_bookkeeping(&file.path)?;
        if let (Some(Mode::Fresh(staging)), StaticSource::Disk(_)) = (&self.mode, &file.source) {
            // A first build copies (the kernel may clone) rather than read into memory; the
            // hash is still needed for the manifest.
            let bytes = file.bytes()?;
            self.record(&file.path, xxh3_128(&bytes), 0);
            return staging.copy_static(file);
        }
        self.put(&file.path, &file.bytes()?, 0)
    }

    fn put(&self, path: &Path, bytes: &[u8], key: Hash) -> Result<()> {
        debug_assert!(is_plain(path));
        not_bookkeeping(path)?;
        let hash = xxh3_128(bytes);
        let listed = self.record(path, hash, key);
        match &self.mode {
            None => Ok(()),
            Some(Mode::Fresh(staging)) => staging.write_bytes(path, bytes),
            Some(Mode::Update {
                old,
                staging,
                force,
            }) => {
                let unchanged = if *force {
                    std::fs::read(self.output.join(path)).is_ok_and(|b| b == bytes)
                } else {
                    listed.is_some_and(|name| old.files.get(&name).map(|e| e.hash) == Some(hash))
                };
                if unchanged {
                    return Ok(());
                }
                crate::fs::write(&staging.join(path), bytes)?;
                lock(&self.changed).push(path.to_path_buf());
                Ok(())
            }
        }
    }

    /// Adds a file to the new manifest; returns its key, or None for a path the manifest
    /// cannot hold (not UTF-8, or with a line break), which is then always written and never
    /// removed.
    fn record(&self, path: &Path, hash: Hash, key: Hash) -> Option<String> {
        let name = path.to_str().filter(|k| !k.contains(['\n', '\r']))?;
        lock(&self.produced).insert(name.to_string(), Entry { hash, key });
        Some(name.to_string())
    }

    /// Applies the build: on an update, removes the files of the previous build this one no
    /// longer makes, moves changed files in and writes the manifest; on a first build, swaps
    /// the staged folder in.
    pub(crate) fn commit(mut self, summary: Summary) -> Result<Applied> {
        let build = summary.build;
        self.apply(summary)
            .map(|applied| Applied { build, ..applied })
    }

    fn apply(&mut self, summary: Summary) -> Result<Applied> {
        let produced = std::mem::take(&mut *lock(&self.produced));
        let changed = std::mem::take(&mut *lock(&self.changed));
        let output = self.output.clone();
        let manifest = Manifest {
            summary,
            files: produced,
            ..Manifest::default()
        };
        match self.mode.take() {
            None => Ok(Applied::default()),
            Some(Mode::Fresh(staging)) => {
                let written = manifest.files.len();
                let path = staging.dir().join(MANIFEST);
                manifest.write_new(&path).map_err(|e| Error::io(&path, e))?;
                staging.commit()?;
                Ok(Applied {
                    written,
                    ..Applied::default()
                })
            }
            Some(Mode::Update { old, staging, .. }) => {
                let result = apply(&output, &staging, &old, &manifest, &changed, self.carry);
                let _ = std::fs::remove_dir_all(&staging);
                result
            }
        }
    }
}

impl Drop for Output {
    /// An uncommitted update leaves the output alone and removes its staging folder (a fresh
    /// build's [`Staging`] does the same for itself).
    fn drop(&mut self) {
        if let Some(Mode::Update { staging, .. }) = &self.mode {
            let _ = std::fs::remove_dir_all(staging);
        }
    }
}

/// The marker and the manifest are gazette's; no page or static file may replace them.
fn not_bookkeeping(path: &Path) -> Result<()> {
    if path == Path::new(MANIFEST) || path == Path::new(MARKER) {
        return Err(Error::Output {
            path: path.to_path_buf(),
            message: "is the name of gazette's own bookkeeping file in the output folder; rename the static file".into(),
        });
    }
    Ok(())
}

fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(|e| e.into_inner())
}

/// Applies an update. First a manifest listing the old and new files together (changed ones
/// with an unknown hash) is written, so an interrupted update is finished by the next build:
/// it rewrites what may be half-applied and can still remove every file either build made.
///
/// With `carry` (see [`Output::carry_unrendered`]), files of the old manifest with a page key
/// that `manifest` does not list are kept, not removed.
fn apply(
    output: &Path,
    staging: &Path,
    old: &Manifest,
    manifest: &Manifest,
    changed: &[PathBuf],
    carry: bool,
) -> Result<Applied> {
    // Checked again: the folder may have changed while the build ran.
    check_replaceable(output)?;
    let stale: Vec<&String> = old
        .files
        .iter()
        .filter(|(p, e)| {
            let carried = carry && e.key != 0;
            !carried && !manifest.files.contains_key(*p)
        })
        .map(|(p, _)| p)
        .collect();
    if changed.is_empty() && stale.is_empty() {
        // Nothing to apply, so nothing can be left half-applied: no journal. The manifest is
        // written only when its summary (the build number, at least) is new.
        if old.summary != manifest.summary {
            write_manifest(output, &updated(old, manifest, carry, true))?;
        }
        return Ok(Applied::default());
    }
    write_manifest(output, &journal(old, manifest, changed))?;

    let mut safe_dirs = HashSet::new();
    let mut emptied = HashSet::new();
    let mut removed = 0;
    for path in &stale {
        let path = Path::new(path.as_str());
        if !inside(output, path, &mut safe_dirs) {
            continue;
        }
        let full = output.join(path);
        match std::fs::symlink_metadata(&full) {
            Ok(meta) if !meta.is_dir() => {
                std::fs::remove_file(&full).map_err(|e| Error::io(&full, e))?;
                removed += 1;
                if let Some(parent) = path.parent() {
                    emptied.insert(parent.to_path_buf());
                }
            }
            _ => {}
        }
    }
    // Folders left empty by the removals go too, deepest first; a folder that still holds
    // anything (remove_dir refuses) stays.
    let mut emptied: Vec<PathBuf> = emptied
        .into_iter()
        .flat_map(|p| p.ancestors().map(Path::to_path_buf).collect::<Vec<_>>())
        .filter(|p| !p.as_os_str().is_empty())
        .collect::<HashSet<_>>()
        .into_iter()
        .collect();
    emptied.sort_by_key(|p| std::cmp::Reverse(p.components().count()));
    for dir in emptied {
        if std::fs::remove_dir(output.join(&dir)).is_ok() {
            safe_dirs.remove(&dir);
        }
    }

    for path in changed {
        let to = output.join(path);
        if !inside(output, path, &mut safe_dirs) {
            return Err(Error::Output {
                path: to,
                message:
                    "is reached through a symlink; gazette never writes outside its output folder"
                        .into(),
            });
        }
        if let Some(parent) = to.parent() {
            crate::fs::create_dir_all(parent)?;
        }
        crate::fs::rename(&staging.join(path), &to)?;
    }
    write_manifest(output, &updated(old, manifest, carry, stale.is_empty()))?;
    Ok(Applied {
        written: changed.len(),
        removed,
        ..Applied::default()
    })
}

/// Whether every folder on the way to `path` inside `output` is a real folder (or missing),
/// not a symlink that leads elsewhere. Checked folders are remembered.
fn inside(output: &Path, path: &Path, checked: &mut HashSet<PathBuf>) -> bool {
    if !is_plain(path) {
        return false;
    }
    let mut dir = PathBuf::new();
    let Some(parent) = path.parent() else {
        return true;
    };
    for component in parent.components() {
        dir.push(component);
        if checked.contains(&dir) {
            continue;
        }
        match std::fs::symlink_metadata(output.join(&dir)) {
            Ok(meta) if meta.file_type().is_symlink() => return false,
            Ok(meta) if !meta.is_dir() => return true, // a file in the way: the write reports it
            Ok(_) => {
                checked.insert(dir.clone());
            }
            Err(_) => return true, // missing: created as a real folder
        }
    }
    true
}

/// Writes the manifest through a temporary file and a rename, so it is never half-written.
fn write_manifest(output: &Path, text: &str) -> Result<()> {
    let path = output.join(MANIFEST);
    crate::fs::replace(&path, &[text.as_bytes()]).map_err(|e| Error::io(&path, e))
}

#[cfg(test)]
mod tests {
    use super::super::manifest::HEADER_1;
    use super::*;

    use crate::artifact::test_artifact as artifact;

    fn build(out: &Path, files: &[(&str, &str)], force: bool) -> Applied {
        let o = Output::open(out, force, None).unwrap();
        for (path, text) in files {
            o.write(&artifact(path, text), None).unwrap();
        }
        o.commit(Summary {
            inputs: 1,
            ..Summary::default()
        })
        .unwrap()
    }

    fn mtime(path: &Path) -> std::time::SystemTime {
        std::fs::metadata(path).unwrap().modified().unwrap()
    }

    #[test]
    fn only_changed_files_are_written_and_only_listed_ones_removed() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("public");
        build(
            &out,
            &[("a/index.html", "a"), ("b/c/index.html", "b")],
            false,
        );
        std::fs::write(out.join("mine.txt"), "not gazette's").unwrap();
        let before = mtime(&out.join("a/index.html"));
        std::thread::sleep(std::time::Duration::from_millis(20));
        let applied = build(&out, &[("a/index.html", "a"), ("d/index.html", "d")], false);
        assert_eq!((applied.written, applied.removed), (1, 1));
        assert_eq!(mtime(&out.join("a/index.html")), before);
        assert!(!out.join("b").exists(), "emptied folders go too");
        assert_eq!(
            std::fs::read_to_string(out.join("d/index.html")).unwrap(),
            "d"
        );
        assert!(
            out.join("mine.txt").is_file(),
            "files the manifest does not list stay"
        );
        let leftovers: Vec<_> = std::fs::read_dir(tmp.path()).unwrap().collect();
        assert_eq!(leftovers.len(), 1, "no staging folder is left");
    }

    #[test]
    fn force_repairs_files_edited_by_hand() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("public");
        build(&out, &[("index.html", "home")], false);
        std::fs::write(out.join("index.html"), "edited").unwrap();
        assert_eq!(build(&out, &[("index.html", "home")], false).written, 0);
        assert_eq!(build(&out, &[("index.html", "home")], true).written, 1);
        assert_eq!(
            std::fs::read_to_string(out.join("index.html")).unwrap(),
            "home"
        );
    }

    #[test]
    fn a_dropped_update_leaves_the_output_alone() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("public");
        build(&out, &[("index.html", "home")], false);
        let o = Output::open(&out, false, None).unwrap();
        o.write(&artifact("index.html", "new"), None).unwrap();
        drop(o);
        assert_eq!(
            std::fs::read_to_string(out.join("index.html")).unwrap(),
            "home"
        );
    }

    #[test]
    fn an_output_of_the_first_manifest_format_is_updated_not_replaced() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("public");
        build(&out, &[("index.html", "home"), ("gone.html", "old")], false);
        // The manifest as the first format wrote it: no salt, no keys.
        let hash = |text: &str| xxh3_128(text.as_bytes());
        let first = format!(
            "{HEADER_1}\n{:032x} 0 0 0 0 0 0 0\n{:032x} gone.html\n{:032x} index.html\n",
            1,
            hash("old"),
            hash("home")
        );
        std::fs::write(out.join(MANIFEST), &first).unwrap();
        let parsed = Manifest::parse(&first).unwrap();
        assert_eq!(parsed.summary.inputs, 1);
        assert_eq!(
            parsed.files["index.html"],
            Entry {
                hash: hash("home"),
                key: 0
            }
        );
        std::fs::write(out.join("CNAME"), "example.org").unwrap();
        let applied = build(&out, &[("index.html", "home")], false);
        assert_eq!((applied.written, applied.removed), (0, 1));
        assert!(!out.join("gone.html").exists());
        assert_eq!(
            std::fs::read_to_string(out.join("CNAME")).unwrap(),
            "example.org",
            "a file the manifest does not list stays"
        );
    }

    #[cfg(unix)]
    #[test]
    fn no_write_through_a_symlinked_folder() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("public");
        let elsewhere = tmp.path().join("elsewhere");
        std::fs::create_dir(&elsewhere).unwrap();
        build(&out, &[("index.html", "home")], false);
        std::os::unix::fs::symlink(&elsewhere, out.join("a")).unwrap();
        let o = Output::open(&out, false, None).unwrap();
        o.write(&artifact("a/index.html", "x"), None).unwrap();
        assert!(o.commit(Summary::default()).is_err());
        assert_eq!(std::fs::read_dir(&elsewhere).unwrap().count(), 0);
    }
}

//! One walk over `content/`: every file a build could read, with its size and modification
//! time.
//!
//! The build's input fingerprint (see [`crate::incremental`]) and the loader both need every
//! file under `content/` and its stamp. Walking and stat-ing 100,000 files once for each
//! cost about 0.3 s of every rebuild (issue 7), so a build walks once and hands the result
//! to both. Folders are read in parallel, and each file is stat-ed through its folder's open
//! handle (`DirEntry::metadata`) rather than by a path the kernel resolves again from the
//! top.

use std::path::{Path, PathBuf};
use std::time::{SystemTime, UNIX_EPOCH};

use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use super::is_ignored;
use crate::config::Config;

/// What a walk over `content/` found.
#[derive(Debug, Default, Clone)]
pub(crate) struct Scan {
    /// Every file (hidden and editor temp files and folders skipped), in walk order: by name
    /// within a folder, a folder's files where its name falls.
    pub files: Vec<Found>,
    /// Folders and entries that could not be read, relative to the site root, with why.
    pub problems: Vec<(PathBuf, String)>,
    /// When the walk started (nanoseconds since 1970): before any file was looked at, so a
    /// file modified later is newer than its stamp.
    pub started: u64,
}

/// One file under `content/`.
#[derive(Debug, Clone)]
pub(crate) struct Found {
    /// Relative to the site root: `content/…`.
    pub path: PathBuf,
    /// Its size and modification time (its target's, for a symlink); None when unknown.
    pub stamp: Option<Stamp>,
    /// Whether it is a symlink.
    pub symlink: bool,
    /// Whether it is a regular file (not a symlink, folder, pipe, …).
    pub regular: bool,
}

/// Walks the site's `content/` folder (finding nothing when there is none: the loader says
/// so).
pub(crate) fn scan(config: &Config) -> Scan {
    scan_root(&config.root)
}

/// Walks `content/` in the site folder `root`, as [`scan`] does (for serve, which has no
/// [`Config`] between builds: `site.toml` may be broken).
pub(crate) fn scan_root(root: &Path) -> Scan {
    let started = now();
    let content = root.join("content");
    if !content.is_dir() {
        return Scan {
            started,
            ..Scan::default()
        };
    }
    let mut problems = Vec::new();
    let mut files = Vec::new();
    walk(&content, Path::new("content"), &mut files, &mut problems);
    Scan {
        files,
        problems,
        started,
    }
}

/// How many folders are read at once: each holds an open handle while its entries are
/// stat-ed, and a wide level of the tree must not run out of file descriptors.
const FOLDERS_AT_ONCE: usize = 256;

/// One entry of a folder, in the folder's name order.
enum Item {
    File(Found),
    /// A subfolder: its index in the walk's list of folders.
    Folder(usize),
    Problem(PathBuf, String),
}

/// Appends the files under `dir` (shown as `relative`) to `files`, in walk order.
///
/// The walk is iterative, level by level, never recursive: a tree 1,600 folders deep (a
/// hostile or generated `content/`) overflowed the stack of a recursive walk and aborted
/// the build (issue 15). Each level's folders are read a chunk at a time and their entries
/// stat-ed in parallel; the folders' items are then put in walk order with an explicit
/// stack.
fn walk(
    dir: &Path,
    relative: &Path,
    files: &mut Vec<Found>,
    problems: &mut Vec<(PathBuf, String)>,
) {
    // folders[i]: the items of the i-th folder found (0 is `dir`).
    let mut folders: Vec<Vec<Item>> = vec![Vec::new()];
    let mut level = vec![(0usize, dir.to_path_buf(), relative.to_path_buf())];
    while !level.is_empty() {
        let mut next = Vec::new();
        for chunk in level.chunks(FOLDERS_AT_ONCE) {
            let read: Vec<(usize, Vec<Item>, Vec<Subfolder>)> = chunk
                .par_iter()
                .map(|(index, dir, relative)| {
                    let (items, subfolders) = read_folder(dir, relative);
                    (*index, items, subfolders)
                })
                .collect();
            for (index, mut items, subfolders) in read {
                // read_folder leaves Folder(k) pointing at the k-th of its subfolders.
                let first = folders.len();
                for item in &mut items {
                    if let Item::Folder(k) = item {
                        *k += first;
                    }
                }
                for (k, (dir, relative)) in subfolders.into_iter().enumerate() {
                    folders.push(Vec::new());
                    next.push((first + k, dir, relative));
                }
                folders[index] = items;
            }
        }
        level = next;
    }

    // Flatten in walk order: a folder's files where its name falls.
    let mut folders: Vec<std::vec::IntoIter<Item>> =
        folders.into_iter().map(Vec::into_iter).collect();
    let mut stack = vec![0usize];
    while let Some(&top) = stack.last() {
        match folders[top].next() {
            None => {
                stack.pop();
            }
            Some(Item::File(found)) => files.push(found),
            Some(Item::Folder(child)) => stack.push(child),
            Some(Item::Problem(path, why)) => problems.push((path, why)),
        }
    }
}

/// What is at one path under `content/`, looked at alone (see [`look`]).
#[derive(Debug)]
pub(crate) enum Look {
    /// A file the walk would list, as it would list it.
    File(Found),
    /// A folder (not a link to one): the walk would go into it.
    Folder,
    /// Nothing.
    Nothing,
    /// Something that cannot be looked at; only a walk can tell what it holds.
    Unknown,
}

/// What the walk would record for `relative` (`content/…`) in the site folder `root`, for a
/// caller that keeps a walk up to date from file-system events (serve) and must agree with
/// the walk entry by entry. Whether the path is one the walk skips ([`is_ignored`]) is the
/// caller's to check.
pub(crate) fn look(root: &Path, relative: &Path) -> Look {
    let path = root.join(relative);
    match crate::fs::symlink_metadata(&path) {
        Ok(meta) if meta.is_dir() => Look::Folder,
        Ok(meta) => Look::File(found(relative.to_path_buf(), meta.file_type(), || {
            crate::fs::metadata(&path)
        })),
        Err(crate::error::Error::Io { source, .. })
            if source.kind() == std::io::ErrorKind::NotFound =>
        {
            Look::Nothing
        }
        Err(_) => Look::Unknown,
    }
}

/// The walk's entry for a file at `path` of type `file_type` (not a folder), whose
/// `metadata` follows a symlink: a link's stamp is its target's, which is what a build reads.
fn found<E>(
    path: PathBuf,
    file_type: std::fs::FileType,
    metadata: impl FnOnce() -> std::result::Result<std::fs::Metadata, E>,
) -> Found {
    Found {
        path,
        stamp: metadata().ok().and_then(|meta| Stamp::of(&meta)),
        symlink: file_type.is_symlink(),
        regular: file_type.is_file(),
    }
}

/// A folder to read: its path and its path relative to the site root.
type Subfolder = (PathBuf, PathBuf);

/// The entries of one folder, sorted by name, with each subfolder as `Item::Folder(k)` for
/// the k-th of the returned subfolders.
fn read_folder(dir: &Path, relative: &Path) -> (Vec<Item>, Vec<Subfolder>) {
    let mut items = Vec::new();
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) => {
            items.push(Item::Problem(relative.to_path_buf(), e.to_string()));
            return (items, Vec::new());
        }
    };
    let mut entries: Vec<std::fs::DirEntry> = entries
        .filter_map(|entry| {
            entry
                .map_err(|e| items.push(Item::Problem(relative.to_path_buf(), e.to_string())))
                .ok()
        })
        .filter(|entry| !is_ignored(&entry.file_name().to_string_lossy()))
        .collect();
    entries.sort_by_key(|entry| entry.file_name());

    /// An entry before its subfolders are numbered.
    enum Seen {
        Item(Item),
        Folder(PathBuf, PathBuf),
    }
    let seen: Vec<Seen> = entries
        .par_iter()
        .map(|entry| {
            let path = relative.join(entry.file_name());
            let file_type = match entry.file_type() {
                Ok(file_type) => file_type,
                Err(e) => return Seen::Item(Item::Problem(path, e.to_string())),
            };
            if file_type.is_dir() {
                return Seen::Folder(entry.path(), path);
            }
            Seen::Item(Item::File(found(path, file_type, || {
                match file_type.is_symlink() {
                    true => std::fs::metadata(entry.path()),
                    // Through the folder's open handle, not the path resolved again.
                    false => entry.metadata(),
                }
            })))
        })
        .collect();
    let mut subfolders = Vec::new();
    for seen in seen {
        match seen {
            Seen::Item(item) => items.push(item),
            Seen::Folder(dir, relative) => {
                items.push(Item::Folder(subfolders.len()));
                subfolders.push((dir, relative));
            }
        }
    }
    (items, subfolders)
}

/// Files modified this many seconds before loading started (or before a build, for the
/// output manifest's input fingerprint) are not trusted to show their next change in their
/// size or modification time: the timestamp granularity of some file systems is coarse, so
/// a second edit right after the first could keep both.
pub(crate) const RACY_SECONDS: u64 = 2;

/// A file's size and modification time (nanoseconds since 1970).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct Stamp {
    /// The size in bytes.
    pub size: u64,
    /// The modification time, in nanoseconds since 1970.
    pub modified: u64,
    /// For a page bundle's article, a hash of the names and stamps of the bundle's other
    /// files (see [`crate::loader::bundle`]), so that its record is made again when one of them
    /// changes; 0 otherwise.
    pub bundle: u64,
}

impl Stamp {
    /// The stamp of a file's metadata; None when the time is unknown or before 1970, and such
    /// a file is never cached.
    pub(crate) fn of(meta: &std::fs::Metadata) -> Option<Stamp> {
        Some(Stamp {
            size: meta.len(),
            modified: nanos(meta.modified().ok()?)?,
            bundle: 0,
        })
    }

    /// Whether the file was last modified long enough before `started` (see [`RACY_SECONDS`]).
    pub(crate) fn settled_before(self, started: u64) -> bool {
        self.modified
            .checked_add(RACY_SECONDS * 1_000_000_000)
            .is_some_and(|t| t < started)
    }
}

/// Nanoseconds since 1970, when it fits.
fn nanos(time: SystemTime) -> Option<u64> {
    u64::try_from(time.duration_since(UNIX_EPOCH).ok()?.as_nanos()).ok()
}

/// The time now, for the start of a load (0 if the clock is before 1970: nothing is trusted).
pub(crate) fn now() -> u64 {
    nanos(SystemTime::now()).unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_file_in_walk_order_with_its_stamp_and_nothing_hidden() {
        let tmp = tempfile::tempdir().unwrap();
        let root = tmp.path();
        for (path, text) in [
            ("content/b.md", "bb"),
            ("content/a/z.md", "z"),
            ("content/a/y.txt", "yyy"),
            ("content/c.md~", "editor"),
            ("content/.hidden/x.md", "x"),
            ("content/.draft.md", "x"),
        ] {
            let path = root.join(path);
            crate::fs::write(&path, text.as_bytes()).unwrap();
        }
        let mut config =
            Config::parse(root, "title = \"T\"\nbase_url = \"https://e.org/\"\n").unwrap();
        config.root = root.to_path_buf();
        let scan = scan(&config);
        assert!(scan.problems.is_empty());
        let paths: Vec<&Path> = scan.files.iter().map(|f| f.path.as_path()).collect();
        assert_eq!(
            paths,
            [
                Path::new("content/a/y.txt"),
                Path::new("content/a/z.md"),
                Path::new("content/b.md")
            ]
        );
        let sizes: Vec<u64> = scan.files.iter().map(|f| f.stamp.unwrap().size).collect();
        assert_eq!(sizes, [3, 1, 2]);
        assert!(scan.files.iter().all(|f| f.regular && !f.symlink));

        crate::fs::remove_dir_all(&root.join("content")).unwrap();
        let scan = super::scan(&config);
        assert!(scan.files.is_empty() && scan.problems.is_empty());
    }
}

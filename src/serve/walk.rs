//! The walk over `content/` kept up to date from the watcher's events, so a rebuild does not
//! walk and stat every article again: at 100,000 articles that walk is 0.16–0.4 s of every
//! rebuild on a 2-core machine, most of an edit's budget (issue 14).
//!
//! After a full walk ([`crate::loader::scan::scan_root`]), each path an event names is looked
//! at again ([`look`]) and its entry replaced, added or removed, so the walk stays what a new
//! walk would find: the same files, stamps and order. Anything an event cannot describe file
//! by file makes the next build walk everything again: a folder created, moved or removed
//! (files may have arrived in it before it was watched), `content/` itself changing, an event
//! queue that overflowed, a watcher error, or a path that cannot be looked at. Symlinks are
//! looked at again before every build: their target may change under another name.
//!
//! Doubt: this trusts the watcher to report every change under `content/`. inotify does, but
//! for files changed through a hard link from outside the site or through a writable
//! memory map, which the old full walk saw (at the next rebuild something else caused).

use std::collections::HashSet;
use std::ffi::OsStr;
use std::path::{Component, Path, PathBuf};

use crate::loader::is_ignored;
use crate::loader::scan::{look, now, scan_root, Found, Look, Scan};

/// The first component of every path the walk holds.
const CONTENT: &str = "content";

/// The walk over `content/` and the paths changed since it was last brought up to date.
#[derive(Debug, Default)]
pub(super) struct Walk {
    /// None: walk everything before the next build.
    scan: Option<Scan>,
    /// A copy of `scan` made while serve was idle, kept up to date with it, for the next
    /// build to take: copying 100,000 entries takes 25–70 ms, which an edit need not wait.
    spare: Option<Scan>,
    /// Paths relative to the site folder, under `content/`, named by events since.
    changed: HashSet<PathBuf>,
}

impl Walk {
    /// Notes that `relative` (a path relative to the site folder that an event named) changed.
    pub(super) fn changed(&mut self, relative: &Path) {
        let mut components = relative.components();
        if components.next() != Some(Component::Normal(OsStr::new(CONTENT))) {
            return;
        }
        if components.next().is_none() {
            // content/ itself: made, moved, removed or its permissions changed.
            self.forget();
        } else if self.scan.is_some() {
            self.changed.insert(relative.to_path_buf());
        }
    }

    /// Makes the next build walk everything: an event was lost or cannot be told file by file.
    pub(super) fn forget(&mut self) {
        self.scan = None;
        self.spare = None;
        self.changed.clear();
    }

    /// The walk as it is now, for a build of the site in `root`: the changed paths looked at
    /// again, or everything walked when that is needed.
    pub(super) fn current(&mut self, root: &Path) -> Scan {
        // Taken before any path is looked at again: a file modified after this is newer than
        // its entry (the walk's own rule, see `Scan::started`).
        let started = now();
        let changed = std::mem::take(&mut self.changed);
        let updated = self.scan.take().and_then(|mut scan| {
            let looks = looks(&scan, root, changed);
            if !apply(&mut scan.files, &looks) {
                return None;
            }
            scan.started = started;
            // The same changes, from the same looks, keep the spare equal to the walk.
            let spare = self.spare.take().and_then(|mut spare| {
                spare.started = started;
                apply(&mut spare.files, &looks).then_some(spare)
            });
            Some((scan, spare))
        });
        match updated {
            Some((scan, spare)) => {
                let given = spare.unwrap_or_else(|| scan.clone());
                self.scan = Some(scan);
                given
            }
            None => {
                self.spare = None;
                let scan = scan_root(root);
                self.scan = Some(scan.clone());
                scan
            }
        }
    }

    /// Copies the walk for the next build, while serve is idle (see [`Walk::spare`]).
    pub(super) fn prepare(&mut self) {
        if self.spare.is_none() {
            self.spare = self.scan.clone();
        }
    }
}

/// What is at each path of `changed` and at each symlink of `scan`, looked at now: links are
/// looked at again every time, as their target may have changed under another name.
fn looks(scan: &Scan, root: &Path, changed: HashSet<PathBuf>) -> Vec<(PathBuf, Look)> {
    let links = scan
        .files
        .iter()
        .filter(|f| f.symlink)
        .map(|f| f.path.clone());
    changed
        .into_iter()
        .chain(links)
        // The walk skips hidden and editor files, and folders with such names with all they
        // hold.
        .filter(|path| {
            !path
                .components()
                .skip(1)
                .any(|c| is_ignored(&c.as_os_str().to_string_lossy()))
        })
        .map(|path| {
            let look = look(root, &path);
            (path, look)
        })
        .collect()
}

/// Applies `looks` to the walk's `files`; false when one needs a full walk.
fn apply(files: &mut Vec<Found>, looks: &[(PathBuf, Look)]) -> bool {
    for (path, look) in looks {
        let at = files.binary_search_by(|f| f.path.cmp(path));
        match look {
            Look::File(found) => {
                let i = match at {
                    Ok(i) => {
                        files[i] = found.clone();
                        i
                    }
                    Err(i) => {
                        files.insert(i, found.clone());
                        i
                    }
                };
                // A file where a folder was: what the folder held is gone.
                remove_under(files, i + 1, path);
            }
            Look::Nothing => {
                let from = match at {
                    Ok(i) => {
                        files.remove(i);
                        i
                    }
                    Err(i) => i,
                };
                // A folder moved away or removed whole may come as one event, for itself.
                remove_under(files, from, path);
            }
            // A folder made or moved here may hold files from before it was watched.
            Look::Folder | Look::Unknown => return false,
        }
    }
    true
}

/// Removes the entries from `from` on that are under the folder `path` (in walk order, they
/// follow one another there).
fn remove_under(files: &mut Vec<Found>, from: usize, path: &Path) {
    let end = from
        + files[from..]
            .iter()
            .take_while(|f| f.path.starts_with(path))
            .count();
    files.drain(from..end);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn write(root: &Path, relative: &str, text: &str) {
        crate::fs::write(&root.join(relative), text.as_bytes()).unwrap();
    }

    /// The walk's entries, comparable: path, stamp, kind.
    fn entries(scan: &Scan) -> Vec<String> {
        scan.files
            .iter()
            .map(|f| {
                format!(
                    "{} {:?} {} {}",
                    f.path.display(),
                    f.stamp,
                    f.symlink,
                    f.regular
                )
            })
            .collect()
    }

    #[test]
    fn a_walk_kept_up_to_date_is_the_walk_made_anew() {
        let tmp = tempfile::tempdir().unwrap();
        let root = tmp.path();
        for name in [
            "content/b.md",
            "content/a/z.md",
            "content/a b.md",
            "content/c/x.md",
        ] {
            write(root, name, "one");
        }
        let mut walk = Walk::default();
        assert_eq!(entries(&walk.current(root)), entries(&scan_root(root)));
        walk.prepare();

        // Files edited, added in place, removed; hidden and editor files; a file named like
        // a folder's prefix, which sorts between it and its files.
        write(root, "content/b.md", "longer text");
        write(root, "content/a/y.md", "new");
        write(root, "content/a.md", "beside a/");
        write(root, "content/.hidden.md", "not an input");
        write(root, "content/a/y.md~", "not an input");
        crate::fs::remove_file(&root.join("content/c/x.md")).unwrap();
        for name in [
            "content/b.md",
            "content/a/y.md",
            "content/a.md",
            "content/.hidden.md",
            "content/a/y.md~",
            "content/c/x.md",
            "content/never-there.md",
            "static/style.css",
        ] {
            walk.changed(Path::new(name));
        }
        let kept = walk.current(root);
        assert_eq!(entries(&kept), entries(&scan_root(root)));
        assert!(walk.scan.is_some(), "no full walk was needed");
        assert!(walk.spare.is_none(), "the spare copy was the one given");
        assert!(!entries(&kept).iter().any(|e| e.contains("hidden")));

        // Without a spare copy the walk is copied; with one, the copy kept is the same.
        write(root, "content/b.md", "short");
        walk.changed(Path::new("content/b.md"));
        assert_eq!(entries(&walk.current(root)), entries(&scan_root(root)));
        walk.prepare();
        write(root, "content/b.md", "longer again");
        walk.changed(Path::new("content/b.md"));
        assert_eq!(entries(&walk.current(root)), entries(&scan_root(root)));
        assert_eq!(
            entries(walk.scan.as_ref().unwrap()),
            entries(&scan_root(root))
        );
    }

    #[test]
    fn what_events_cannot_tell_file_by_file_walks_everything_again() {
        let tmp = tempfile::tempdir().unwrap();
        let root = tmp.path();
        write(root, "content/a/x.md", "one");
        let mut walk = Walk::default();
        walk.current(root);

        // A folder renamed with its files: one event for each name of the folder.
        crate::fs::rename(&root.join("content/a"), &root.join("content/b")).unwrap();
        walk.changed(Path::new("content/a"));
        walk.changed(Path::new("content/b"));
        let scan = walk.current(root);
        assert_eq!(entries(&scan), entries(&scan_root(root)));
        assert!(entries(&scan)[0].starts_with("content/b/x.md"));

        // A folder moved out of content/: its entries go, without a walk.
        crate::fs::rename(&root.join("content/b"), &root.join("elsewhere")).unwrap();
        walk.changed(Path::new("content/b"));
        assert!(walk.current(root).files.is_empty());
        assert!(walk.scan.is_some());

        // A new folder whose files came before its watch: only its own event.
        write(root, "content/n/y.md", "two");
        walk.changed(Path::new("content/n"));
        assert_eq!(entries(&walk.current(root)), entries(&scan_root(root)));

        // content/ itself, and a lost event.
        write(root, "content/z.md", "three");
        walk.changed(Path::new("content"));
        assert!(walk.scan.is_none());
        assert_eq!(entries(&walk.current(root)), entries(&scan_root(root)));
        write(root, "content/zz.md", "four");
        walk.forget();
        assert_eq!(entries(&walk.current(root)), entries(&scan_root(root)));
    }

    #[cfg(unix)]
    #[test]
    fn a_symlink_follows_its_target_without_an_event_for_it() {
        let tmp = tempfile::tempdir().unwrap();
        let root = tmp.path();
        write(root, "content/real.md", "one");
        std::os::unix::fs::symlink(root.join("content/real.md"), root.join("content/link.md"))
            .unwrap();
        let mut walk = Walk::default();
        walk.current(root);
        write(root, "content/real.md", "much longer now");
        // Only the target's event: the link's entry must follow anyway.
        walk.changed(Path::new("content/real.md"));
        assert_eq!(entries(&walk.current(root)), entries(&scan_root(root)));
    }
}

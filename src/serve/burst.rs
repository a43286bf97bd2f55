//! Telling when a burst of saves is over, so that it makes one rebuild, soon after its last
//! change.
//!
//! An editor's save is a few system calls in a row: write a file (or a temp file, then rename
//! it over the old one), maybe rename the old file away first and delete a backup after. A
//! burst is taken as over after a short quiet ([`SETTLED`]) once nothing it wrote is still open
//! and nothing it removed is still missing; otherwise (and after a new folder, which a copy or
//! a checkout may go on filling) serve waits longer ([`QUIET`]) for the rest. Only Linux's
//! watcher reports the close of a file written; elsewhere a write stays open, and every burst
//! waits [`QUIET`], as serve always did.

use std::collections::HashSet;
use std::path::PathBuf;
use std::time::Duration;

use notify::event::{AccessKind, AccessMode, CreateKind, ModifyKind, RenameMode};
use notify::EventKind;

/// The quiet after which a settled burst is over: far longer than the gaps between an
/// editor's system calls, and most of what an edit waits for besides the build (issue 14:
/// an edit shown within 100 ms at 10,000 articles).
pub(super) const SETTLED: Duration = Duration::from_millis(10);
/// The quiet after which a burst with a file still open or missing is over: a tool that
/// writes and closes files slowly, or a watcher that reports no closes.
pub(super) const QUIET: Duration = Duration::from_millis(60);

/// What a burst of changes to the inputs has left unfinished, to tell when it is over.
#[derive(Debug, Default)]
pub(super) struct Burst {
    /// Files created or written in the burst and not closed since.
    open: HashSet<PathBuf>,
    /// Files created in the burst: one renamed away is a temp file moved into place, not a
    /// gap.
    created: HashSet<PathBuf>,
    /// Files that were there before the burst, removed or renamed away in it, and not back.
    gone: HashSet<PathBuf>,
    /// Whether a folder was made: files may be coming into it, and those that come before
    /// the watcher watches it make no event at all.
    folder: bool,
}

impl Burst {
    /// Notes one event about the inputs (a change to one, or the close of one written).
    pub(super) fn note(&mut self, event: &notify::Event) {
        let paths = &event.paths;
        match event.kind {
            EventKind::Create(CreateKind::Folder) => self.folder = true,
            EventKind::Create(_) => {
                for path in paths {
                    self.gone.remove(path);
                    self.created.insert(path.clone());
                    self.open.insert(path.clone());
                }
            }
            EventKind::Modify(ModifyKind::Data(_)) => {
                self.open.extend(paths.iter().cloned());
            }
            EventKind::Access(AccessKind::Close(AccessMode::Write)) => {
                for path in paths {
                    self.open.remove(path);
                }
            }
            EventKind::Modify(ModifyKind::Name(RenameMode::To)) => {
                for path in paths {
                    self.gone.remove(path);
                }
            }
            EventKind::Modify(ModifyKind::Name(RenameMode::From)) | EventKind::Remove(_) => {
                for path in paths {
                    // A file renamed while open is written under its new name, whose events
                    // (a new write, at least its close) come under that name.
                    self.open.remove(path);
                    if !self.created.contains(path) {
                        self.gone.insert(path.clone());
                    }
                }
            }
            // A rename within the watched folders also comes as a From and a To, handled
            // above; metadata (a touch) is complete when reported.
            _ => {}
        }
    }

    /// Whether the burst looks over: nothing written is still open, nothing removed is still
    /// missing and no folder was made.
    pub(super) fn settled(&self) -> bool {
        self.open.is_empty() && self.gone.is_empty() && !self.folder
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    use notify::event::{DataChange, MetadataKind, RemoveKind};
    use notify::Event;

    fn close() -> EventKind {
        EventKind::Access(AccessKind::Close(AccessMode::Write))
    }
    fn write() -> EventKind {
        EventKind::Modify(ModifyKind::Data(DataChange::Any))
    }
    fn create() -> EventKind {
        EventKind::Create(CreateKind::File)
    }
    fn from() -> EventKind {
        EventKind::Modify(ModifyKind::Name(RenameMode::From))
    }
    fn to() -> EventKind {
        EventKind::Modify(ModifyKind::Name(RenameMode::To))
    }

    /// Whether the burst is settled after each event of `events`.
    fn settled_after(events: &[(EventKind, &str)]) -> Vec<bool> {
        let mut burst = Burst::default();
        events
            .iter()
            .map(|(kind, path)| {
                burst.note(&Event::new(*kind).add_path(PathBuf::from(path)));
                burst.settled()
            })
            .collect()
    }

    #[test]
    fn a_file_written_in_place_is_settled_once_closed() {
        // `echo > a.md`, VS Code: truncate, write, close.
        assert_eq!(
            settled_after(&[(write(), "a.md"), (write(), "a.md"), (close(), "a.md")]),
            [false, false, true]
        );
    }

    #[test]
    fn a_temp_file_renamed_into_place_is_settled_once_renamed() {
        // JetBrains' safe write, and most tools: write a temp file, close it, rename it over.
        assert_eq!(
            settled_after(&[
                (create(), "a.md.tmp"),
                (write(), "a.md.tmp"),
                (close(), "a.md.tmp"),
                (from(), "a.md.tmp"),
                (to(), "a.md"),
            ]),
            [false, false, true, true, true]
        );
    }

    #[test]
    fn an_old_file_renamed_away_is_missing_until_the_new_one_is_written() {
        // vim with a backup: rename a.md to a.md~ (an editor file, not an input, so not
        // noted), write a new a.md, close it, then touch its attributes.
        assert_eq!(
            settled_after(&[
                (from(), "a.md"),
                (create(), "a.md"),
                (write(), "a.md"),
                (close(), "a.md"),
                (
                    EventKind::Modify(ModifyKind::Metadata(MetadataKind::Any)),
                    "a.md"
                ),
            ]),
            [false, false, false, true, true]
        );
    }

    #[test]
    fn a_removed_article_waits_the_longer_quiet() {
        assert_eq!(
            settled_after(&[(EventKind::Remove(RemoveKind::File), "a.md")]),
            [false]
        );
        // A folder made (`cp -r`, `git checkout`) may be filled for a while, partly before
        // the watcher watches it: the burst waits the longer quiet to its end.
        assert_eq!(
            settled_after(&[
                (EventKind::Create(CreateKind::Folder), "2016"),
                (create(), "2016/a.md"),
                (close(), "2016/a.md"),
            ]),
            [false, false, false]
        );
    }
}

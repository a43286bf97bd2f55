//! File-system helpers that attach the path to every error.
//!
//! All of gazette's reads and writes go through these so that no I/O error reaches the user
//! without the file it is about.

use std::path::Path;

use crate::error::{Error, Result};

/// Reads a whole file as bytes.
pub(crate) fn read(path: &Path) -> Result<Vec<u8>> {
    std::fs::read(path).map_err(|e| Error::io(path, e))
}

/// Reads a whole file as UTF-8 text.
pub(crate) fn read_to_string(path: &Path) -> Result<String> {
    std::fs::read_to_string(path).map_err(|e| Error::io(path, e))
}

/// Writes `bytes` to `path`, creating missing parent folders.
pub(crate) fn write(path: &Path, bytes: &[u8]) -> Result<()> {
    if let Some(parent) = path.parent() {
        create_dir_all(parent)?;
    }
    std::fs::write(path, bytes).map_err(|e| Error::io(path, e))
}

/// Writes `bytes` to a new file at `path`, creating missing parent folders; fails if the file
/// exists, even when another process creates it in the meantime (`gazette import` never
/// overwrites).
pub(crate) fn write_new(path: &Path, bytes: &[u8]) -> Result<()> {
    use std::io::Write;
    if let Some(parent) = path.parent() {
        create_dir_all(parent)?;
    }
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)
        .map_err(|e| Error::io(path, e))?;
    file.write_all(bytes).map_err(|e| Error::io(path, e))
}

/// Replaces the file at `path` with `parts`, written one after another to a temporary file
/// beside it and renamed over it, so that a reader sees the old file or the new one, never
/// half of one. The temporary file's name carries the process id, so two gazettes (a build
/// and `serve`) never share one; it is removed if anything fails.
pub(crate) fn replace(path: &Path, parts: &[&[u8]]) -> std::io::Result<()> {
    use std::io::Write;
    let mut name = path.file_name().unwrap_or_default().to_os_string();
    name.push(format!(".tmp-{}", std::process::id()));
    let temporary = path.with_file_name(name);
    let written = std::fs::File::create(&temporary)
        .and_then(|mut file| parts.iter().try_for_each(|part| file.write_all(part)));
    let renamed = written.and_then(|()| std::fs::rename(&temporary, path));
    if renamed.is_err() {
        let _ = std::fs::remove_file(&temporary);
    }
    renamed
}

/// Removes the temporary files [`replace`] left in `dir` when a gazette died before its
/// rename (a crash, a kill, a full disk): `NAME.tmp-PID` for a `NAME` that `ours` accepts,
/// made by another process that is no longer running. Nothing else is touched, so a user's
/// `notes.tmp-12` stays. One read of the folder; a folder that cannot be read, or a file
/// that cannot be removed, is left for the next build (a leftover costs only space).
/// Returns how many were removed.
pub(crate) fn remove_stale_temporaries(dir: &Path, ours: impl Fn(&str) -> bool) -> usize {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return 0;
    };
    let mut removed = 0;
    for entry in entries.flatten() {
        let name = entry.file_name();
        let Some((base, pid)) = name.to_str().and_then(temporary_of) else {
            continue;
        };
        let is_file = entry.file_type().is_ok_and(|t| t.is_file());
        if is_file && ours(base) && !in_use(pid, &entry) && remove_file(&entry.path()).is_ok() {
            removed += 1;
        }
    }
    removed
}

/// Splits a [`replace`] temporary file's name `NAME.tmp-PID` into `NAME` and `PID`.
fn temporary_of(name: &str) -> Option<(&str, u32)> {
    let (base, pid) = name.rsplit_once(".tmp-")?;
    if base.is_empty() || pid.is_empty() || !pid.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    Some((base, pid.parse().ok()?))
}

/// Whether the temporary file `entry`, made by process `pid`, may still be being written:
/// it is this process's, or (where `/proc` tells) its process is running. Without `/proc`,
/// a file another process has not touched for a minute is taken for a leftover: [`replace`]
/// holds its temporary file only between one write and a rename.
fn in_use(pid: u32, entry: &std::fs::DirEntry) -> bool {
    if pid == std::process::id() {
        return true;
    }
    let proc = Path::new("/proc");
    if proc.join("self").exists() {
        return proc.join(pid.to_string()).exists();
    }
    let idle = entry
        .metadata()
        .and_then(|meta| meta.modified())
        .ok()
        .and_then(|modified| modified.elapsed().ok());
    idle.is_none_or(|idle| idle.as_secs() < 60)
}

/// Creates one folder; fails if it exists (the error's kind is then `AlreadyExists`), so a
/// caller can claim a fresh name.
pub(crate) fn create_dir(path: &Path) -> Result<()> {
    std::fs::create_dir(path).map_err(|e| Error::io(path, e))
}

/// Creates a folder and its missing parents.
pub(crate) fn create_dir_all(path: &Path) -> Result<()> {
    std::fs::create_dir_all(path).map_err(|e| Error::io(path, e))
}

/// Copies one file, creating missing parent folders of `to`.
pub(crate) fn copy(from: &Path, to: &Path) -> Result<()> {
    if let Some(parent) = to.parent() {
        create_dir_all(parent)?;
    }
    std::fs::copy(from, to)
        .map(|_| ())
        .map_err(|e| Error::io(from, e))
}

/// Renames a file or folder.
pub(crate) fn rename(from: &Path, to: &Path) -> Result<()> {
    std::fs::rename(from, to).map_err(|e| Error::io(from, e))
}

/// Removes a file.
pub(crate) fn remove_file(path: &Path) -> Result<()> {
    std::fs::remove_file(path).map_err(|e| Error::io(path, e))
}

/// Removes a folder and everything in it.
pub(crate) fn remove_dir_all(path: &Path) -> Result<()> {
    std::fs::remove_dir_all(path).map_err(|e| Error::io(path, e))
}

/// The metadata of a file or folder, following symlinks.
pub(crate) fn metadata(path: &Path) -> Result<std::fs::Metadata> {
    std::fs::metadata(path).map_err(|e| Error::io(path, e))
}

/// The metadata of a file, folder or symlink itself, not following a symlink.
pub(crate) fn symlink_metadata(path: &Path) -> Result<std::fs::Metadata> {
    std::fs::symlink_metadata(path).map_err(|e| Error::io(path, e))
}

/// The entries of a folder. An entry that cannot be read later yields a bare I/O error: the
/// caller knows the folder.
pub(crate) fn read_dir(path: &Path) -> Result<std::fs::ReadDir> {
    std::fs::read_dir(path).map_err(|e| Error::io(path, e))
}

/// The absolute path with every symlink resolved.
pub(crate) fn canonicalize(path: &Path) -> Result<std::path::PathBuf> {
    std::fs::canonicalize(path).map_err(|e| Error::io(path, e))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn temporary_file_names_are_read_strictly() {
        assert_eq!(
            temporary_of(".gazette-manifest.tmp-42"),
            Some((".gazette-manifest", 42))
        );
        assert_eq!(temporary_of("05.tmp-7"), Some(("05", 7)));
        for not_ours in [
            "x.tmp-",
            ".tmp-42",
            "x.tmp-42a",
            "x.tmp-+42",
            "x.tmp",
            "x.tmp-99999999999",
        ] {
            assert_eq!(temporary_of(not_ours), None, "{not_ours}");
        }
    }
}

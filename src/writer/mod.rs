//! The only module that writes into the output folder: a build is written all or nothing.
//!
//! A first build is written into a staging folder beside the output and swapped in
//! ([`Staging`]); a build over an earlier one updates it in place, writing only the files
//! whose bytes changed ([`Output`], with the [`manifest`] of what the last build wrote).
//! Either way nothing in the output changes until every page rendered, so a failed build
//! leaves the previous output exactly as it was. The output folder is marked with a
//! [`MARKER`] file; gazette replaces only folders that carry it (or empty ones), never a
//! folder it did not make.

mod manifest;
mod output;

pub(crate) use manifest::{summary, Summary, MANIFEST};
pub(crate) use output::{Applied, Output, PreviousBuild};

use std::path::{Path, PathBuf};

use crate::error::{Error, Result};
use crate::theme::StaticFile;

/// The file that marks a folder as gazette's output.
pub(crate) const MARKER: &str = ".gazette-build";
const MARKER_TEXT: &str = "This folder is written by gazette and replaced on every build.\nDo not keep files of your own here: put them in the site's static/ folder.\n";

/// A build being written. Dropped without [`Staging::commit`], it removes what it wrote and
/// leaves the output folder alone.
#[derive(Debug)]
pub(crate) struct Staging {
    output: PathBuf,
    dir: PathBuf,
    committed: bool,
}

impl Staging {
    /// Checks that `output` may be replaced and opens a staging folder beside it.
    pub(crate) fn begin(output: &Path) -> Result<Staging> {
        let dir = open_staging(output)?;
        Ok(Staging {
            output: output.to_path_buf(),
            dir,
            committed: false,
        })
    }

    /// The staging folder.
    pub(crate) fn dir(&self) -> &Path {
        &self.dir
    }

    /// Writes one artifact. Safe to call from many threads at once.
    #[cfg(test)]
    pub(crate) fn write(&self, artifact: &crate::artifact::Artifact) -> Result<()> {
        self.write_bytes(&artifact.path, &artifact.bytes)
    }

    /// Writes `bytes` to `path` (relative) in the staging folder.
    pub(crate) fn write_bytes(&self, path: &Path, bytes: &[u8]) -> Result<()> {
        debug_assert!(path.is_relative());
        crate::fs::write(&self.dir.join(path), bytes)
    }

    /// Copies one static file.
    pub(crate) fn copy_static(&self, file: &StaticFile) -> Result<()> {
        let to = self.dir.join(&file.path);
        match &file.source {
            crate::theme::StaticSource::Disk(from) => crate::fs::copy(from, &to),
            crate::theme::StaticSource::BuiltIn(_) => crate::fs::write(&to, &file.bytes()?),
        }
    }

    /// Swaps the staged build in for the output folder.
    pub(crate) fn commit(mut self) -> Result<()> {
        // Checked again: the folder may have changed while the build ran.
        check_replaceable(&self.output)?;
        if self.output.exists() {
            let old = sibling(&self.output, "old")?;
            clear_leftover(&old)?;
            crate::fs::rename(&self.output, &old)?;
            if let Err(e) = crate::fs::rename(&self.dir, &self.output) {
                // Put the previous build back rather than leave no output at all.
                let _ = std::fs::rename(&old, &self.output);
                return Err(e);
            }
            self.committed = true;
            // The previous build is gone from view; failing to delete it loses nothing.
            let _ = std::fs::remove_dir_all(&old);
        } else {
            crate::fs::rename(&self.dir, &self.output)?;
            self.committed = true;
        }
        Ok(())
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.committed {
            let _ = std::fs::remove_dir_all(&self.dir);
        }
    }
}

/// Checks that `output` may be changed and makes an empty, marked staging folder beside it
/// (clearing gazette's leftover from an interrupted run); returns the folder.
pub(crate) fn open_staging(output: &Path) -> Result<PathBuf> {
    check_replaceable(output)?;
    let dir = sibling(output, "staging")?;
    clear_leftover(&dir)?;
    crate::fs::create_dir_all(&dir)?;
    crate::fs::write(&dir.join(MARKER), MARKER_TEXT.as_bytes())?;
    Ok(dir)
}

/// The output folder may be replaced if it does not exist, is empty, or carries the marker.
pub(crate) fn check_replaceable(output: &Path) -> Result<()> {
    let refuse = |message: String| Error::Output {
        path: output.to_path_buf(),
        message,
    };
    match std::fs::symlink_metadata(output) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
        Err(e) => Err(Error::io(output, e)),
        Ok(meta) if !meta.is_dir() => Err(refuse(
            "exists and is not a folder; gazette will not replace it. Move it away or choose another output folder with --out".into(),
        )),
        Ok(_) => {
            if output.join(MARKER).is_file() {
                return Ok(());
            }
            let mut entries = std::fs::read_dir(output).map_err(|e| Error::io(output, e))?;
            if entries.next().is_none() {
                return Ok(());
            }
            Err(refuse(format!(
                "exists, is not empty and was not made by gazette (it has no {MARKER} file). \
                 gazette replaces its output folder on every build, so it will not touch this one: \
                 move it away, or choose another output folder with --out or output_dir in site.toml"
            )))
        }
    }
}

/// A hidden folder beside `output` for the staging or previous build, on the same file
/// system so the swap is a rename.
fn sibling(output: &Path, what: &str) -> Result<PathBuf> {
    let path = sibling_path(output, what).ok_or_else(|| Error::Output {
        path: output.to_path_buf(),
        message: "is not a folder name gazette can write to".into(),
    })?;
    if let Some(parent) = path.parent() {
        crate::fs::create_dir_all(parent)?;
    }
    Ok(path)
}

/// Where [`sibling`] puts the `what` folder of `output`: `.NAME.gazette-WHAT` beside it.
fn sibling_path(output: &Path, what: &str) -> Option<PathBuf> {
    let name = output.file_name()?;
    let parent = match output.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    Some(parent.join(format!(".{}.gazette-{what}", name.to_string_lossy())))
}

/// Removes what an interrupted build left around `output` (issue 15), whatever this build
/// goes on to do, even nothing: the staging folder and the previous build's full copy beside
/// it when they carry the [`MARKER`], and in a marked output folder the manifest's
/// temporary file of a gazette that died before its rename (which would otherwise be
/// deployed with the site). Cheap enough for a build with nothing to do: three stats and one
/// read of the output's top level, never a walk. Nothing without gazette's marks is touched,
/// and a failure leaves the leftover for the next build: it costs only space.
pub(crate) fn sweep(output: &Path) {
    for what in ["staging", "old"] {
        if let Some(dir) = sibling_path(output, what) {
            if dir.join(MARKER).is_file() {
                let _ = crate::fs::remove_dir_all(&dir);
            }
        }
    }
    if output.join(MARKER).is_file() {
        crate::fs::remove_stale_temporaries(output, |name| name == MANIFEST);
    }
}

/// Removes a staging or previous-build folder left by an interrupted run, but only if it is
/// gazette's.
fn clear_leftover(dir: &Path) -> Result<()> {
    if !dir.exists() {
        return Ok(());
    }
    if dir.join(MARKER).is_file() {
        return crate::fs::remove_dir_all(dir);
    }
    Err(Error::Output {
        path: dir.to_path_buf(),
        message: format!("is in the way of the build and was not made by gazette (no {MARKER} file); move it away"),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::artifact::test_artifact as artifact;

    #[test]
    fn commit_replaces_a_marked_folder() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("public");
        let s = Staging::begin(&out).unwrap();
        s.write(&artifact("a/index.html", "one")).unwrap();
        s.commit().unwrap();
        assert_eq!(
            std::fs::read_to_string(out.join("a/index.html")).unwrap(),
            "one"
        );
        let s = Staging::begin(&out).unwrap();
        s.write(&artifact("b/index.html", "two")).unwrap();
        s.commit().unwrap();
        assert!(!out.join("a").exists());
        assert!(out.join(MARKER).is_file());
        let leftovers: Vec<_> = std::fs::read_dir(tmp.path()).unwrap().collect();
        assert_eq!(leftovers.len(), 1, "only public/ remains");
    }

    #[test]
    fn dropping_leaves_the_output_alone() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("public");
        Staging::begin(&out).unwrap().commit().unwrap();
        std::fs::write(out.join("keep.html"), "old").unwrap();
        let s = Staging::begin(&out).unwrap();
        s.write(&artifact("index.html", "new")).unwrap();
        drop(s);
        assert_eq!(
            std::fs::read_to_string(out.join("keep.html")).unwrap(),
            "old"
        );
        assert_eq!(std::fs::read_dir(tmp.path()).unwrap().count(), 1);
    }

    #[test]
    fn a_folder_gazette_did_not_make_is_refused() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("mine");
        std::fs::create_dir(&out).unwrap();
        std::fs::write(out.join("thesis.docx"), "precious").unwrap();
        let err = Staging::begin(&out).unwrap_err();
        assert!(err.to_string().contains("was not made by gazette"), "{err}");
        let file = tmp.path().join("file");
        std::fs::write(&file, "x").unwrap();
        assert!(Staging::begin(&file).is_err());
        assert_eq!(
            std::fs::read_to_string(out.join("thesis.docx")).unwrap(),
            "precious"
        );
    }
}

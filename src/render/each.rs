//! Rendering many jobs in parallel: every failure is collected (up to a cap) so one run
//! shows them all, and nothing is kept in memory beyond the page being handed over. A
//! failure of the disk itself (full, over quota, read-only, not permitted) strikes every
//! page alike, so it is reported once, not once a page (issue 15).

use std::io::ErrorKind;
use std::path::PathBuf;

use rayon::prelude::*;

use super::Job;
use crate::artifact::Artifact;
use crate::config::Config;
use crate::error::{Diagnostic, Error, Result};
use crate::progress::Progress;

/// At most this many render errors are listed; the rest are counted. A broken template fails
/// every page, and 100,000 copies of one message help nobody.
const MAX_RENDER_ERRORS: usize = 20;

/// Why one job failed.
#[derive(Debug)]
pub(crate) enum Failure {
    /// The page could not be made: a problem with the site, said in a diagnostic.
    Page(Diagnostic),
    /// The page was made but handing it over failed with an I/O error.
    Io {
        /// The file in the output, as the user knows it.
        shown: PathBuf,
        /// The error, which carries the path the write went to.
        error: Error,
        /// The error's kind.
        kind: ErrorKind,
    },
}

impl From<Diagnostic> for Failure {
    fn from(diagnostic: Diagnostic) -> Failure {
        Failure::Page(diagnostic)
    }
}

/// Runs `each` on every job (with its position in the plan) in parallel, counting them in
/// `progress`, and collects every failure (up to a cap).
pub(crate) fn for_each_job(
    jobs: &[(u32, Job)],
    progress: &Progress,
    each: impl Fn(u32, Job) -> std::result::Result<(), Failure> + Sync,
) -> Result<()> {
    let failures: Vec<Failure> = jobs
        .par_iter()
        .filter_map(|(n, job)| {
            let result = each(*n, *job);
            progress.inc();
            result.err()
        })
        .collect();
    if failures.is_empty() {
        Ok(())
    } else {
        Err(capped(collapsed(failures)))
    }
}

/// Hands a rendered file to `sink`; its failure names the file.
pub(crate) fn hand_over(
    config: &Config,
    artifact: Artifact,
    sink: impl FnOnce(Artifact) -> Result<()>,
) -> std::result::Result<(), Failure> {
    // The path is kept for the error only: made for every page, it cost a join each.
    let path = artifact.path.clone();
    sink(artifact).map_err(|error| {
        let shown = config.output_dir.join(&path);
        match &error {
            Error::Io { source, .. } => Failure::Io {
                kind: source.kind(),
                shown,
                error,
            },
            _ => Failure::Page(Diagnostic::new(shown, error.to_string())),
        }
    })
}

/// What a disk-wide I/O error is called, and what to do about it; None for the errors that
/// are about one file.
fn disk_wide(kind: ErrorKind) -> Option<(&'static str, &'static str)> {
    Some(match kind {
        ErrorKind::StorageFull => ("no space left on device", "free some space"),
        ErrorKind::QuotaExceeded => (
            "disk quota exceeded",
            "free some space or have the quota raised",
        ),
        ErrorKind::ReadOnlyFilesystem => (
            "the file system is read-only",
            "mount it writable or choose another output folder with --out",
        ),
        ErrorKind::PermissionDenied => (
            "permission denied",
            "make the output folder and the folder holding it writable for you",
        ),
        _ => return None,
    })
}

/// The failures as diagnostics: one for every disk-wide error kind however many files it
/// struck (naming the first file in path order and counting the others), one per page for
/// the rest. The disk-wide ones come first, so that [`capped`] keeps them.
fn collapsed(failures: Vec<Failure>) -> Vec<Diagnostic> {
    let mut problems = Vec::new();
    // Per disk-wide kind: what it is called and its fix, the first file struck (in path
    // order) and how many were.
    type Struck = ((&'static str, &'static str), PathBuf, usize);
    let mut struck: Vec<Struck> = Vec::new();
    for failure in failures {
        match failure {
            Failure::Page(diagnostic) => problems.push(diagnostic),
            Failure::Io { shown, kind, error } => match disk_wide(kind) {
                Some(named) => match struck.iter_mut().find(|(n, _, _)| *n == named) {
                    Some((_, first, count)) => {
                        *count += 1;
                        if shown < *first {
                            *first = shown;
                        }
                    }
                    None => struck.push((named, shown, 1)),
                },
                None => problems.push(Diagnostic::new(shown, error.to_string())),
            },
        }
    }
    let mut disk = Vec::with_capacity(struck.len());
    for ((what, fix), first, count) in struck {
        let others = match count {
            1 => String::new(),
            2 => " and 1 other file".to_string(),
            n => format!(" and {} other files", n - 1),
        };
        disk.push(
            Diagnostic::new(&first, format!("{what} while writing this file{others}")).help(
                format!("{fix} and build again; the previous output is unchanged"),
            ),
        );
    }
    disk.extend(problems);
    disk
}

/// At most [`MAX_RENDER_ERRORS`] failures, and a line counting the rest.
fn capped(mut problems: Vec<Diagnostic>) -> Error {
    let total = problems.len();
    problems.truncate(MAX_RENDER_ERRORS);
    if total > MAX_RENDER_ERRORS {
        let last = problems[MAX_RENDER_ERRORS - 1].path.clone();
        problems.push(Diagnostic::new(
            last,
            format!(
                "…and {} more pages failed to render",
                total - MAX_RENDER_ERRORS
            ),
        ));
    }
    Error::sorted(problems)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn io(shown: &str, kind: ErrorKind) -> Failure {
        let error = Error::io(format!(".staging/{shown}"), std::io::Error::from(kind));
        Failure::Io {
            shown: PathBuf::from(shown),
            error,
            kind,
        }
    }

    #[test]
    fn a_full_disk_is_reported_once_not_once_a_page() {
        let mut failures: Vec<Failure> = (0..408)
            .rev()
            .map(|i| io(&format!("public/{i:03}/index.html"), ErrorKind::StorageFull))
            .collect();
        failures.push(io("public/x/index.html", ErrorKind::QuotaExceeded));
        failures.push(io("public/y/index.html", ErrorKind::NotFound));
        failures.push(Diagnostic::new("templates/page.html", "a template error").into());
        let problems = collapsed(failures);
        assert_eq!(problems.len(), 4, "{problems:#?}");
        let full = problems
            .iter()
            .find(|d| d.message.starts_with("no space left on device"))
            .unwrap();
        assert_eq!(full.path, PathBuf::from("public/000/index.html"));
        assert_eq!(
            full.message,
            "no space left on device while writing this file and 407 other files"
        );
        let help = full.help.as_deref().unwrap();
        assert!(
            help.starts_with("free some space and build again"),
            "{help}"
        );
        assert!(help.ends_with("the previous output is unchanged"), "{help}");
        let quota = problems
            .iter()
            .find(|d| d.message.starts_with("disk quota"))
            .unwrap();
        assert_eq!(quota.message, "disk quota exceeded while writing this file");
        // An error about one file is about that file, with the path it was written to.
        let missing = problems
            .iter()
            .find(|d| d.path.ends_with("y/index.html"))
            .unwrap();
        assert!(
            missing
                .message
                .starts_with(".staging/public/y/index.html: "),
            "{missing:?}"
        );
        assert!(problems.iter().any(|d| d.message == "a template error"));
    }

    #[test]
    fn many_page_errors_are_capped() {
        let failures: Vec<Failure> = (0..50)
            .map(|i| Diagnostic::new(format!("public/{i:02}.html"), "bad").into())
            .collect();
        let Error::Content(problems) = capped(collapsed(failures)) else {
            panic!("a content error");
        };
        assert_eq!(problems.len(), MAX_RENDER_ERRORS + 1);
        assert!(problems
            .last()
            .unwrap()
            .message
            .contains("30 more pages failed"));
    }

    #[test]
    fn a_full_disk_is_kept_when_page_errors_are_capped() {
        let mut failures: Vec<Failure> = (0..30)
            .map(|i| Diagnostic::new(format!("content/{i:02}.md"), "a template error").into())
            .collect();
        failures.push(io("public/z/index.html", ErrorKind::StorageFull));
        let Error::Content(problems) = capped(collapsed(failures)) else {
            panic!("a content error");
        };
        assert!(
            problems
                .iter()
                .any(|d| d.message.starts_with("no space left on device")),
            "{problems:#?}"
        );
    }
}

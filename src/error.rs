//! Errors that a user can act on.
//!
//! Every problem gazette reports names the file it is about, and where known the line and
//! column, what is wrong and how to fix it. Content problems are collected as
//! [`Diagnostic`]s so that one run reports every bad file at once; I/O errors always carry
//! the path they happened on (see [`crate::fs`]).

use std::fmt;
use std::path::{Path, PathBuf};

/// One problem with one input file, located as precisely as gazette knows.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Diagnostic {
    /// The file the problem is in, as the user would type it (relative to the site root
    /// when the file is inside it).
    pub path: PathBuf,
    /// 1-based line, when known.
    pub line: Option<usize>,
    /// 1-based column, when known.
    pub column: Option<usize>,
    /// What is wrong.
    pub message: String,
    /// How to fix it, when gazette can tell.
    pub help: Option<String>,
}

impl Diagnostic {
    /// A problem with a whole file.
    pub fn new(path: impl Into<PathBuf>, message: impl Into<String>) -> Self {
        Diagnostic {
            path: path.into(),
            line: None,
            column: None,
            message: message.into(),
            help: None,
        }
    }

    /// Points the diagnostic at a line (1-based).
    pub fn at_line(mut self, line: usize) -> Self {
        self.line = Some(line);
        self
    }

    /// Points the diagnostic at a line and column (both 1-based).
    pub fn at(mut self, line: usize, column: usize) -> Self {
        self.line = Some(line);
        self.column = Some(column);
        self
    }

    /// Adds a suggestion for fixing the problem.
    pub fn help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.path.display())?;
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
            if let Some(column) = self.column {
                write!(f, ":{column}")?;
            }
        }
        write!(f, ": {}", self.message)?;
        if let Some(help) = &self.help {
            write!(f, "\n  help: {help}")?;
        }
        Ok(())
    }
}

/// Everything that can stop a gazette command.
#[derive(Debug)]
pub enum Error {
    /// Reading or writing a file failed.
    Io {
        /// The file or folder the operation was on.
        path: PathBuf,
        /// What the operating system said.
        source: std::io::Error,
    },
    /// The input has problems, each located in its file; all of a run's are reported together.
    Content(Vec<Diagnostic>),
    /// The command line asks for something that cannot be done (exit code 2).
    Usage(String),
    /// The output folder is not safe to replace.
    Output {
        /// The output folder.
        path: PathBuf,
        /// Why gazette will not touch it.
        message: String,
    },
}

impl Error {
    /// The content error of `problems`, in file order, then line order, so output is stable
    /// across runs.
    pub fn sorted(mut problems: Vec<Diagnostic>) -> Self {
        problems.sort_by(|a, b| {
            a.path
                .cmp(&b.path)
                .then(a.line.cmp(&b.line))
                .then(a.column.cmp(&b.column))
        });
        Error::Content(problems)
    }

    /// An I/O error on `path`.
    pub fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        Error::Io {
            path: path.into(),
            source,
        }
    }

    /// A single content problem.
    pub fn content(diagnostic: Diagnostic) -> Self {
        Error::Content(vec![diagnostic])
    }

    /// The process exit code for this error: 2 for usage errors, 1 for everything else.
    pub fn exit_code(&self) -> i32 {
        match self {
            Error::Usage(_) => 2,
            _ => 1,
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Io { path, source } => write!(f, "{}: {source}", path.display()),
            Error::Content(diagnostics) => {
                for (i, d) in diagnostics.iter().enumerate() {
                    if i > 0 {
                        writeln!(f)?;
                    }
                    write!(f, "error: {d}")?;
                }
                let files: std::collections::BTreeSet<&Path> =
                    diagnostics.iter().map(|d| d.path.as_path()).collect();
                write!(
                    f,
                    "\n{} error{} in {} file{}",
                    diagnostics.len(),
                    if diagnostics.len() == 1 { "" } else { "s" },
                    files.len(),
                    if files.len() == 1 { "" } else { "s" },
                )
            }
            Error::Usage(message) => write!(f, "{message}"),
            Error::Output { path, message } => write!(f, "{}: {message}", path.display()),
        }
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Error::Io { source, .. } => Some(source),
            _ => None,
        }
    }
}

/// Shorthand for results in gazette.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Finds the candidate closest to `word`, if any is close enough to be a likely typo.
pub(crate) fn closest<'a>(
    word: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    let word = word.to_lowercase();
    candidates
        .into_iter()
        .map(|c| (strsim::damerau_levenshtein(&word, &c.to_lowercase()), c))
        .filter(|(distance, c)| *distance <= (c.len().max(word.len()) / 3).max(2))
        .min_by_key(|(distance, _)| *distance)
        .map(|(_, c)| c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn diagnostic_display_has_location_and_help() {
        let d = Diagnostic::new("content/a.md", "missing `title`")
            .at(3, 1)
            .help("add `title = \"…\"`");
        assert_eq!(
            d.to_string(),
            "content/a.md:3:1: missing `title`\n  help: add `title = \"…\"`"
        );
    }

    #[test]
    fn closest_suggests_typos_only() {
        assert_eq!(closest("titel", ["title", "date"]), Some("title"));
        assert_eq!(
            closest("paginte", ["paginate", "permalink"]),
            Some("paginate")
        );
        assert_eq!(closest("zzzzzz", ["title", "date"]), None);
    }
}

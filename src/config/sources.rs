//! The rules for reading raw text: `[import] drop_lines` and the `[[sources]]` outlets.
//!
//! Both are lists of user-written regular expressions, compiled here with a size limit and
//! checked entry by entry, so every bad pattern is reported with its line at once.

use std::path::Path;

use crate::error::Diagnostic;
use crate::position::key_line;
use crate::web::is_web_address;

use super::raw::RawSource;

/// The `[import]` rules, compiled.
#[derive(Debug, Clone, Default)]
pub struct ImportRules {
    /// Lines of raw text matching any of these are page furniture, dropped (and reported),
    /// on top of gazette's built-in rules.
    pub drop_lines: Vec<regex::Regex>,
}

/// An outlet raw text can be recognised as coming from (`[[sources]]`).
#[derive(Debug, Clone)]
pub struct SourceRule {
    /// The outlet's name, e.g. "CBC News".
    pub name: String,
    /// Its home page, when given.
    pub url: Option<String>,
    /// Regular expressions searched for in the text; the outlet whose patterns match most
    /// often wins.
    pub patterns: Vec<regex::Regex>,
}

/// Compiles `[import] drop_lines` and the `[[sources]]` tables, reporting every bad entry.
pub(super) fn resolve(
    file: &Path,
    text: &str,
    drop_lines: Option<Vec<String>>,
    sources: Vec<RawSource>,
    problems: &mut Vec<Diagnostic>,
) -> (ImportRules, Vec<SourceRule>) {
    let mut report = |line: Option<usize>, message: String, help: &str| {
        let d = Diagnostic::new(file, message).help(help);
        problems.push(match line {
            Some(line) => d.at_line(line),
            None => d,
        });
    };
    let mut import = ImportRules::default();
    for pattern in drop_lines.unwrap_or_default() {
        match compile_pattern(&pattern) {
            Ok(regex) => import.drop_lines.push(regex),
            Err(why) => report(
                key_line(text, "drop_lines"),
                format!("`import.drop_lines` entry {pattern:?} is not a regular expression: {why}"),
                "write a regular expression matched against each line, e.g. \"^Subscribe now\"; escape ( ) [ ] . * + ? with \\\\",
            ),
        }
    }
    let mut rules = Vec::new();
    for (i, raw) in sources.into_iter().enumerate() {
        let line = table_line(text, "sources", i);
        let RawSource {
            name,
            url,
            patterns,
        } = raw;
        let name = match name.as_deref().map(str::trim) {
            Some(n) if !n.is_empty() => Some(n.to_string()),
            _ => {
                report(
                    line,
                    format!("`[[sources]]` number {} has no `name`", i + 1),
                    "give the outlet a name, e.g. name = \"CBC News\"",
                );
                None
            }
        };
        let url = match url.as_deref().map(str::trim) {
            None => None,
            Some(u) if is_web_address(u) => Some(u.to_string()),
            Some(u) => {
                report(
                    line,
                    format!("`sources.url` = {u:?} is not an http:// or https:// address"),
                    "write the outlet's home page, e.g. url = \"https://www.cbc.ca/news\"",
                );
                None
            }
        };
        let mut compiled = Vec::new();
        for pattern in patterns.clone().unwrap_or_default() {
            match compile_pattern(&pattern) {
                Ok(regex) => compiled.push(regex),
                Err(why) => report(
                    line,
                    format!(
                        "`sources.patterns` entry {pattern:?} is not a regular expression: {why}"
                    ),
                    "write a regular expression searched for in the text, e.g. \"CBC News\"",
                ),
            }
        }
        if patterns.as_ref().is_none_or(|p| p.is_empty()) {
            report(
                line,
                "`[[sources]]` needs `patterns`: the text that shows an article is the outlet's"
                    .into(),
                "add e.g. patterns = [\"CBC News\", \"cbc\\\\.ca\"]",
            );
        }
        if let Some(name) = name {
            rules.push(SourceRule {
                name,
                url,
                patterns: compiled,
            });
        }
    }
    (import, rules)
}

/// Compiles a user's regular expression, with the error cut to its last line (the regex
/// crate's messages repeat the pattern above a caret).
fn compile_pattern(pattern: &str) -> std::result::Result<regex::Regex, String> {
    regex::RegexBuilder::new(pattern)
        .size_limit(1 << 20)
        .build()
        .map_err(|e| {
            let message = e.to_string();
            message
                .lines()
                .rev()
                .find(|l| !l.trim().is_empty())
                .unwrap_or("invalid")
                .trim()
                .trim_start_matches("error: ")
                .to_string()
        })
}

/// The line of the `index`th `[[name]]` table header.
fn table_line(text: &str, name: &str, index: usize) -> Option<usize> {
    let header = format!("[[{name}]]");
    text.lines()
        .enumerate()
        .filter(|(_, l)| l.trim().replace(' ', "") == header)
        .nth(index)
        .map(|(i, _)| i + 1)
        .or_else(|| key_line(text, name))
}

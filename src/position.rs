//! Positions in source text, for diagnostics that point at a line and column.
//!
//! `site.toml`, front matter and Pelican-style headers all report problems at the line that
//! has them; the TOML and YAML parsers give byte offsets or nothing, so the conversions live
//! here, apart from any one format, and depend on nothing else in the crate.

/// The 1-based line on which `key` is set or opened as a table, found by a plain scan: the
/// TOML parser does not keep spans in a `Table`, and a good-enough line beats none.
pub(crate) fn key_line(text: &str, key: &str) -> Option<usize> {
    text.lines()
        .position(|line| {
            let line = line.trim_start();
            let rest = line
                .strip_prefix('[')
                .map(|r| r.trim_start_matches('['))
                .unwrap_or(line);
            let rest = rest.strip_prefix(key).or_else(|| {
                rest.strip_prefix('"')
                    .and_then(|r| r.strip_prefix(key))
                    .and_then(|r| r.strip_prefix('"'))
            });
            rest.is_some_and(|r| {
                let r = r.trim_start();
                r.starts_with('=') || r.starts_with(':') || r.starts_with(']') || r.starts_with('.')
            })
        })
        .map(|i| i + 1)
}

/// The 1-based line and column of byte `offset` in `text`.
pub(crate) fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, column)
}

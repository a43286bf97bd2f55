//! The body of a raw-text article as Markdown that renders exactly as written.
//!
//! Scraped text is not Markdown: an asterisk, a leading `1.` or a `<` in it is text. Each
//! line is escaped so that nothing in it opens emphasis, a list, a heading or HTML.

/// The body as Markdown: one paragraph per block, lines kept as they were (soft breaks).
pub(super) fn markdown_body(paras: &[(Vec<&str>, bool)]) -> String {
    let mut body = String::new();
    for (lines, heading) in paras {
        if !body.is_empty() {
            body.push_str("\n\n");
        }
        if *heading {
            body.push_str("## ");
        }
        let escaped: Vec<String> = lines.iter().map(|l| escape_markdown(l)).collect();
        body.push_str(&escaped.join("\n"));
    }
    if !body.is_empty() {
        body.push('\n');
    }
    body
}

/// Escapes `line` so that Markdown shows it exactly as written: no emphasis, links, HTML,
/// lists, headings or code blocks out of scraped text. Unicode punctuation is left alone.
pub fn escape_markdown(line: &str) -> String {
    let mut out = String::with_capacity(line.len() + 8);
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '~' | '{' | '}' => {
                out.push('\\');
                out.push(c);
            }
            // `&amp;` and `&#38;` are entities; `Power & Politics` is not.
            '&' if chars
                .peek()
                .is_some_and(|n| n.is_ascii_alphanumeric() || *n == '#') =>
            {
                out.push_str("\\&");
            }
            _ => out.push(c),
        }
    }
    // Line starts that open a block: `#`, `-`, `+`, `=` (a setext underline), `1.` and `1)`.
    // None of these characters was escaped above, so byte positions in `line` still hold.
    if line.starts_with(['#', '-', '+', '=']) {
        out.insert(0, '\\');
    } else {
        let digits = line.bytes().take_while(u8::is_ascii_digit).count();
        let after = line.as_bytes().get(digits + 1);
        if (1..=9).contains(&digits)
            && matches!(line.as_bytes().get(digits), Some(b'.' | b')'))
            && after.is_none_or(|b| b.is_ascii_whitespace())
        {
            out.insert(digits, '\\');
        }
    }
    out
}

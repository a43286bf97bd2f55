//! YAML front matter read as Jekyll reads it (Ruby's Psych, on libyaml): a key given twice
//! takes its last value, and a quoted value may continue on lines that are not indented.
//! Issue 20: yaml-rust2 refuses both, and Jekyll sites have them.
//!
//! The document is built from yaml-rust2's parser events here rather than by its loader,
//! which stops at a duplicated key; aliases (`*name`) are refused before they expand.

use yaml_rust2::parser::{Event, Parser};
use yaml_rust2::scanner::{Marker, ScanError, TScalarStyle};
use yaml_rust2::Yaml;

/// A front-matter document: its top value, and each key given again with the line (0-based
/// in the front matter) where it was.
pub(super) struct Loaded {
    pub value: Option<Yaml>,
    pub repeated: Vec<(String, usize)>,
}

/// Why the front matter is not read.
pub(super) enum Refused {
    Syntax(ScanError),
    Alias(Marker),
}

/// Reads `front` leniently: as written when it parses, else with the continuation lines of
/// quoted values indented (see [`indent_quoted`]), which is what libyaml accepts.
pub(super) fn load(front: &str) -> Result<Loaded, Refused> {
    match build(front) {
        Err(Refused::Syntax(e)) if e.info().contains("indentation in quoted scalar") => {
            match indent_quoted(front) {
                Some(fixed) => build(&fixed).map_err(|_| Refused::Syntax(e)),
                None => Err(Refused::Syntax(e)),
            }
        }
        other => other,
    }
}

/// A collection being built, with the key waiting for its value (in a mapping).
enum Open {
    Sequence(Vec<Yaml>),
    Mapping(yaml_rust2::yaml::Hash, Option<(Yaml, Marker)>),
}

fn build(front: &str) -> Result<Loaded, Refused> {
    let mut parser = Parser::new_from_str(front);
    let mut stack: Vec<Open> = Vec::new();
    let mut loaded = Loaded {
        value: None,
        repeated: Vec::new(),
    };
    loop {
        let (event, mark) = parser.next_token().map_err(Refused::Syntax)?;
        let node = match event {
            Event::StreamEnd => break,
            Event::Alias(_) => return Err(Refused::Alias(mark)),
            Event::SequenceStart(..) => {
                stack.push(Open::Sequence(Vec::new()));
                continue;
            }
            Event::MappingStart(..) => {
                stack.push(Open::Mapping(Default::default(), None));
                continue;
            }
            Event::SequenceEnd | Event::MappingEnd => match stack.pop() {
                Some(Open::Sequence(items)) => Yaml::Array(items),
                Some(Open::Mapping(hash, _)) => Yaml::Hash(hash),
                None => continue,
            },
            Event::Scalar(value, style, _, tag) => scalar(value, style, tag.as_ref()),
            _ => continue,
        };
        match stack.last_mut() {
            None => {
                if loaded.value.is_none() {
                    loaded.value = Some(node);
                }
            }
            Some(Open::Sequence(items)) => items.push(node),
            Some(Open::Mapping(hash, key)) => match key.take() {
                None => *key = Some((node, mark)),
                Some((key, at)) => {
                    let shown = match &key {
                        Yaml::String(s) => s.clone(),
                        other => format!("{other:?}"),
                    };
                    // As Psych does: the last value wins.
                    if hash.insert(key, node).is_some() {
                        loaded.repeated.push((shown, at.line()));
                    }
                }
            },
        }
    }
    Ok(loaded)
}

/// A scalar as yaml-rust2's own loader resolves it: quoted ones are text, plain ones may be
/// numbers, booleans or null.
fn scalar(value: String, style: TScalarStyle, tag: Option<&yaml_rust2::parser::Tag>) -> Yaml {
    if style != TScalarStyle::Plain {
        return Yaml::String(value);
    }
    match tag {
        Some(tag) if tag.handle == "tag:yaml.org,2002:" && tag.suffix == "str" => {
            Yaml::String(value)
        }
        _ => Yaml::from_str(&value),
    }
}

/// `front` with every continuation line of a quoted value indented under its key, or None
/// when there is none to indent. libyaml (Jekyll) reads
///
/// ```yaml
/// title: "A headline that
/// goes on"
/// ```
///
/// as `A headline that goes on`; YAML's spec and yaml-rust2 want the second line indented.
fn indent_quoted(front: &str) -> Option<String> {
    let mut out = String::with_capacity(front.len() + 64);
    let mut open: Option<(char, usize)> = None;
    let mut changed = false;
    for line in front.split_inclusive('\n') {
        let rest = match open {
            Some((quote, indent)) => {
                let own = line.len() - line.trim_start_matches(' ').len();
                if own <= indent && !line.trim().is_empty() {
                    out.push_str(&" ".repeat(indent + 2 - own));
                    changed = true;
                }
                out.push_str(line);
                closes(line, quote).map(|after| (quote, after))
            }
            None => {
                out.push_str(line);
                let indent = line.len() - line.trim_start_matches(' ').len();
                let value = line
                    .trim_start()
                    .split_once(": ")
                    .map(|(_, v)| v.trim_start())
                    .filter(|v| v.starts_with(['"', '\'']));
                match value {
                    Some(v) => {
                        let quote = v.chars().next().unwrap_or('"');
                        match closes(&v[1..], quote) {
                            Some(_) => None,
                            None => {
                                open = Some((quote, indent));
                                continue;
                            }
                        }
                    }
                    None => None,
                }
            }
        };
        if rest.is_some() {
            open = None;
        }
    }
    changed.then_some(out)
}

/// Where the quoted text closes in `text`, if it does: after the first `"` not escaped by
/// `\`, or the first `'` not doubled.
fn closes(text: &str, quote: char) -> Option<usize> {
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        match c {
            '\\' if quote == '"' => {
                chars.next();
            }
            '\'' if quote == '\'' => {
                if chars.peek().is_some_and(|(_, n)| *n == '\'') {
                    chars.next();
                } else {
                    return Some(i + 1);
                }
            }
            c if c == quote => return Some(i + 1),
            _ => {}
        }
    }
    None
}

//! Splitting a file into front matter and body, and parsing the front matter.
//!
//! Both TOML (`+++`) and YAML (`---`) become the same map of JSON values, so normalising an
//! article never cares which syntax the author used. Errors carry the line in the whole file,
//! not in the front-matter slice.

use serde_json::{Map, Number, Value};
use yaml_rust2::Yaml;

use super::yaml::{self, Refused};
use crate::article::Note;

/// The front-matter syntax, from its fence.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// `+++` fences.
    Toml,
    /// `---` fences.
    Yaml,
}

/// A file cut at its front-matter fences.
#[derive(Debug, PartialEq, Eq)]
pub struct Split<'a> {
    /// The syntax of the front matter.
    pub format: Format,
    /// The text between the fences.
    pub front: &'a str,
    /// The number of lines above `front` in the file (the opening fence, and a BOM's line).
    pub front_offset: usize,
    /// Everything after the closing fence.
    pub body: &'a str,
}

/// A problem found while splitting or parsing, located in the whole file (1-based).
#[derive(Debug, PartialEq, Eq)]
pub struct Problem {
    /// Line in the file, when known.
    pub line: Option<usize>,
    /// Column, when known.
    pub column: Option<usize>,
    /// What is wrong.
    pub message: String,
    /// How to fix it.
    pub help: String,
}

/// Cuts `text` at its front-matter fences. A byte-order mark and CRLF line ends are accepted.
pub fn split(text: &str) -> Result<Split<'_>, Problem> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let (first, rest) = match text.find('\n') {
        Some(i) => (&text[..i], &text[i + 1..]),
        None => (text, ""),
    };
    let format = match first.trim_end() {
        "+++" => Format::Toml,
        "---" => Format::Yaml,
        _ => {
            return Err(Problem {
                line: Some(1),
                column: None,
                message: "no front matter: the file must start with a `+++` (TOML) or `---` (YAML) line".into(),
                help: "start the file with front matter, e.g.\n  +++\n  title = \"Headline\"\n  date = 2016-01-19\n  +++".into(),
            })
        }
    };
    let fence = if format == Format::Toml { "+++" } else { "---" };
    let mut offset = 0;
    for line in rest.split_inclusive('\n') {
        if line.trim_end() == fence {
            return Ok(Split {
                format,
                front: &rest[..offset],
                front_offset: 1,
                body: &rest[offset + line.len()..],
            });
        }
        offset += line.len();
    }
    Err(Problem {
        line: Some(1),
        column: None,
        message: format!("the front matter opened with `{fence}` on line 1 is never closed"),
        help: format!("add a line with only `{fence}` after the front matter"),
    })
}

/// Parses front matter into a map of values. Dates stay strings; the normaliser reads them.
pub fn parse(split: &Split) -> Result<Map<String, Value>, Problem> {
    parse_noting(split).map(|(fields, _)| fields)
}

/// Parses front matter as [`parse`] does, with the warnings about what was read leniently:
/// a YAML key given twice (Jekyll takes its last value).
pub fn parse_noting(split: &Split) -> Result<(Map<String, Value>, Vec<Note>), Problem> {
    match split.format {
        Format::Toml => Ok((parse_toml(split.front, split.front_offset)?, Vec::new())),
        Format::Yaml => parse_yaml(split.front, split.front_offset),
    }
}

fn parse_toml(front: &str, offset: usize) -> Result<Map<String, Value>, Problem> {
    let table: toml::Table = toml::from_str(front).map_err(|e| {
        let (line, column) = e
            .span()
            .map(|s| crate::position::line_column(front, s.start))
            .map_or((None, None), |(l, c)| (Some(l + offset), Some(c)));
        Problem {
            line,
            column,
            message: format!("invalid TOML front matter: {}", e.message().trim()),
            help: "fix the TOML syntax: strings need quotes (title = \"…\"), dates do not (date = 2016-01-19)".into(),
        }
    })?;
    Ok(table.into_iter().map(|(k, v)| (k, toml_value(v))).collect())
}

fn toml_value(value: toml::Value) -> Value {
    match value {
        toml::Value::String(s) => Value::String(s),
        toml::Value::Integer(i) => Value::Number(i.into()),
        toml::Value::Float(f) => Number::from_f64(f).map_or(Value::Null, Value::Number),
        toml::Value::Boolean(b) => Value::Bool(b),
        toml::Value::Datetime(d) => Value::String(d.to_string()),
        toml::Value::Array(a) => Value::Array(a.into_iter().map(toml_value).collect()),
        toml::Value::Table(t) => {
            Value::Object(t.into_iter().map(|(k, v)| (k, toml_value(v))).collect())
        }
    }
}

fn parse_yaml(front: &str, offset: usize) -> Result<(Map<String, Value>, Vec<Note>), Problem> {
    // Aliases are refused before they expand: a few lines of nested aliases (a "billion
    // laughs") would make gigabytes, and front matter has no need for them.
    let loaded = yaml::load(front).map_err(|refused| match refused {
        Refused::Syntax(e) => Problem {
            line: Some(e.marker().line() + offset),
            column: Some(e.marker().col() + 1),
            message: format!("invalid YAML front matter: {}", e.info()),
            help: "fix the YAML syntax: `key: value`, one per line; quote values that contain `: ` or start with a special character".into(),
        },
        Refused::Alias(mark) => Problem {
            line: Some(mark.line() + offset),
            column: Some(mark.col() + 1),
            message: "YAML aliases (`*name`) are not supported in front matter".into(),
            help: "write the value out in full instead of referring to an anchor".into(),
        },
    })?;
    let notes = loaded
        .repeated
        .into_iter()
        .map(|(key, line)| Note {
            line: Some(line + offset),
            message: format!("`{key}` is given more than once in the front matter; the last value is used, as Jekyll does"),
            help: format!("keep one `{key}` line"),
        })
        .collect();
    match loaded.value {
        None | Some(Yaml::Null) => Ok((Map::new(), notes)),
        Some(Yaml::Hash(hash)) => Ok((
            hash.into_iter()
                .map(|(k, v)| (yaml_key(k), yaml_value(v)))
                .collect(),
            notes,
        )),
        Some(_) => Err(Problem {
            line: Some(offset + 1),
            column: None,
            message: "the YAML front matter is not a set of `key: value` lines".into(),
            help: "write one `key: value` per line, e.g. `title: Headline`".into(),
        }),
    }
}

fn yaml_key(key: Yaml) -> String {
    match yaml_value(key) {
        Value::String(s) => s,
        other => other.to_string(),
    }
}

fn yaml_value(value: Yaml) -> Value {
    match value {
        Yaml::String(s) => Value::String(s),
        Yaml::Integer(i) => Value::Number(i.into()),
        Yaml::Real(r) => r
            .parse::<f64>()
            .ok()
            .and_then(Number::from_f64)
            .map_or(Value::String(r), Value::Number),
        Yaml::Boolean(b) => Value::Bool(b),
        Yaml::Array(a) => Value::Array(a.into_iter().map(yaml_value).collect()),
        Yaml::Hash(h) => Value::Object(
            h.into_iter()
                .map(|(k, v)| (yaml_key(k), yaml_value(v)))
                .collect(),
        ),
        Yaml::Alias(_) | Yaml::Null | Yaml::BadValue => Value::Null,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The same front matter in both syntaxes must give the same map.
    #[test]
    fn toml_and_yaml_agree() {
        let toml = "+++\ntitle = \"Canada's role\"\ndate = 2016-01-19\ntopics = [\"ISIS\", \"Canada\"]\ndraft = false\n[source]\nname = \"CBC News\"\n+++\nBody\n";
        let yaml = "---\ntitle: Canada's role\ndate: 2016-01-19\ntopics: [ISIS, Canada]\ndraft: false\nsource:\n  name: CBC News\n---\nBody\n";
        let a = parse(&split(toml).unwrap()).unwrap();
        let b = parse(&split(yaml).unwrap()).unwrap();
        assert_eq!(a, b);
        assert_eq!(a["date"], "2016-01-19");
        assert_eq!(split(toml).unwrap().body, "Body\n");
    }

    #[test]
    fn bom_and_crlf_are_accepted() {
        for format in [
            "+++\r\ntitle = \"x\"\r\n+++\r\nBody",
            "\u{feff}---\r\ntitle: x\r\n---\r\nBody",
        ] {
            let s = split(format).unwrap();
            assert_eq!(parse(&s).unwrap()["title"], "x");
            assert_eq!(s.body.trim(), "Body");
        }
    }

    #[test]
    fn missing_and_unclosed_fences() {
        assert!(split("# Just markdown")
            .unwrap_err()
            .message
            .contains("no front matter"));
        assert!(split("+++\ntitle = \"x\"\n")
            .unwrap_err()
            .message
            .contains("never closed"));
        assert!(split("").is_err());
    }

    #[test]
    fn errors_point_at_the_line_in_the_file() {
        let toml = "+++\ntitle = \"x\"\ndate = 2016-01-19\nauthor = Jane\n+++\n";
        let e = parse(&split(toml).unwrap()).unwrap_err();
        assert_eq!(e.line, Some(4), "{e:?}");
        let yaml = "---\ntitle: x\ndate: 2016-01-19\n  bad: [\n---\n";
        let e = parse(&split(yaml).unwrap()).unwrap_err();
        assert!(e.line.unwrap() >= 4, "{e:?}");
    }

    #[test]
    fn yaml_aliases_are_refused_before_they_expand() {
        let bomb = "---\na: &a [x, x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\n---\n";
        let e = parse(&split(bomb).unwrap()).unwrap_err();
        assert!(e.message.contains("aliases"), "{e:?}");
        assert_eq!(e.line, Some(3));
    }

    #[test]
    fn yaml_is_read_as_jekyll_reads_it() {
        // A key given twice takes its last value, with a note on the second line.
        let (fields, notes) = parse_noting(
            &split("---\ntitle: First\ndate: 2019-01-01\ntitle: Second\n---\n").unwrap(),
        )
        .unwrap();
        assert_eq!(fields["title"], "Second");
        assert_eq!(notes.len(), 1);
        assert_eq!(notes[0].line, Some(4));
        // A quoted value may go on over lines that are not indented.
        for text in [
            "---\ntitle: \"A headline that\ngoes on\"\ndate: 2019-01-01\n---\n",
            "---\ntitle: 'A headline that\ngoes on'\ndate: 2019-01-01\n---\n",
            "---\ntitle: \"A headline that\n  goes on\"\ndate: 2019-01-01\n---\n",
        ] {
            let fields = parse(&split(text).unwrap()).unwrap();
            assert_eq!(fields["title"], "A headline that goes on", "{text}");
            assert_eq!(fields["date"], "2019-01-01", "{text}");
        }
        // Quoted values stay text; plain ones are typed as before.
        let fields = parse(&split("---\na: \"12\"\nb: 12\nc: true\nd: ~\n---\n").unwrap()).unwrap();
        assert_eq!(fields["a"], "12");
        assert_eq!(fields["b"], 12);
        assert_eq!(fields["c"], true);
        assert!(fields["d"].is_null());
    }

    #[test]
    fn empty_front_matter_is_an_empty_map() {
        assert!(parse(&split("---\n---\nx").unwrap()).unwrap().is_empty());
        assert!(parse(&split("+++\n+++\nx").unwrap()).unwrap().is_empty());
    }
}

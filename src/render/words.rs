//! Tera filters that put the theme's strings ([`crate::i18n`]) together on a page.
//!
//! They take the strings from `site.strings` and the language from the page, never from the
//! site's configuration, so one set of templates renders every language:
//!
//! - `{{ site.strings.n_articles | count(n=topic.count, lang=site.language) }}`: the form of a
//!   counted string for `n` in the language's plural rule, `{n}` filled in.
//! - `{{ site.strings.website | fill(name=source.name) }}`: `{name}`s filled in with text.
//! - `{{ site.strings.not_found_hint | links(latest=[url, text]) | safe }}`: the string escaped
//!   and each `{name}` made a link to `url` reading `text` (escaped too), for `| safe`.

use std::collections::HashMap;

use tera::{Error, Result, Value};

use super::{escape, Job};
use crate::archive::Archive;
use crate::config::Language;
use crate::i18n::{Category, Rule, Strings, Text};

/// The strings search.js writes (status lines, counts), as JSON for the search page's
/// `data-strings`: the script is one file for every language, so its words come from the
/// page.
pub(super) fn search_strings(strings: &Strings) -> String {
    const KEYS: &[&str] = &[
        "n_results",
        "no_results",
        "up_to",
        "results_for",
        "results",
        "n_to_search",
        "search_failed",
    ];
    let texts = strings.texts();
    let picked: std::collections::BTreeMap<&str, &Text> = KEYS
        .iter()
        .filter_map(|k| Some((*k, texts.get(*k)?)))
        .collect();
    serde_json::to_string(&picked).unwrap_or_default()
}

/// A page's plain-text description: an article's summary, a topic's declared description,
/// or words about the list, else the site's description.
pub(super) fn description(
    language: &Language,
    archive: &Archive,
    strings: &Strings,
    job: Job,
) -> String {
    let fallback = || language.description.clone();
    let about =
        |key: &str, name: &str| strings.fill(key, &[("name", name), ("site", &language.title)]);
    match job {
        Job::Article(id) => Some(archive.articles()[id].summary.clone())
            .filter(|s| !s.is_empty())
            .unwrap_or_else(fallback),
        Job::Topic(id, _) => {
            let t = &archive.topics()[id];
            t.description
                .clone()
                .unwrap_or_else(|| about("topic_description", &t.name))
        }
        Job::Author(id, _) => about("author_description", &archive.authors()[id].name),
        Job::Source(id, _) => about("source_description", &archive.outlets()[id].name),
        _ => fallback(),
    }
}

/// A page that sends readers and crawlers from an old URL to an article's new one.
pub(super) fn redirect(
    title: &str,
    path: &str,
    permalink: &str,
    language: &str,
    strings: &Strings,
) -> String {
    let link = format!("<a href=\"{}\">{}</a>", escape(path), escape(title));
    let moved = escape(strings.get("moved_to")).replace("{link}", &link);
    let (title, path, permalink) = (escape(title), escape(path), escape(permalink));
    format!(
        "<!doctype html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n<title>{title}</title>\n\
         <link rel=\"canonical\" href=\"{permalink}\">\n<meta name=\"robots\" content=\"noindex\">\n\
         <meta http-equiv=\"refresh\" content=\"0; url={path}\">\n</head>\n<body>\n\
         <p>{moved}</p>\n</body>\n</html>\n",
        escape(language)
    )
}

/// A template value as text: strings as they are, numbers and booleans written out.
fn as_text(value: &Value) -> String {
    match value {
        Value::String(s) => s.clone(),
        Value::Null => String::new(),
        other => other.to_string(),
    }
}

/// `count(n=…, lang=…)`.
pub(super) fn count(value: &Value, args: &HashMap<String, Value>) -> Result<Value> {
    let n = args
        .get("n")
        .and_then(Value::as_u64)
        .ok_or_else(|| Error::msg("count() needs n=<a whole number of 0 or more>"))?;
    let rule = Rule::for_tag(args.get("lang").and_then(Value::as_str).unwrap_or("en"));
    let form = match value {
        Value::String(text) => text.clone(),
        Value::Object(forms) => {
            let category = rule.category(n);
            forms
                .get(category.as_str())
                .or_else(|| forms.get(Category::Other.as_str()))
                .and_then(Value::as_str)
                .ok_or_else(|| Error::msg("count(): the string has no `other` form"))?
                .to_string()
        }
        _ => return Err(Error::msg("count() applies to a string of site.strings")),
    };
    Ok(Value::String(form.replace("{n}", &n.to_string())))
}

/// `fill(name=value, …)`.
pub(super) fn fill(value: &Value, args: &HashMap<String, Value>) -> Result<Value> {
    let text = value
        .as_str()
        .ok_or_else(|| Error::msg("fill() applies to a text of site.strings"))?;
    let values: Vec<(&str, String)> = args.iter().map(|(k, v)| (k.as_str(), as_text(v))).collect();
    let pairs: Vec<(&str, &str)> = values.iter().map(|(k, v)| (*k, v.as_str())).collect();
    Ok(Value::String(crate::i18n::fill(text, &pairs)))
}

/// `links(name=[url, text], …)`: HTML, for `| safe`.
pub(super) fn links(value: &Value, args: &HashMap<String, Value>) -> Result<Value> {
    let text = value
        .as_str()
        .ok_or_else(|| Error::msg("links() applies to a text of site.strings"))?;
    let mut anchors = Vec::with_capacity(args.len());
    for (name, link) in args {
        let (url, label) = match link.as_array().map(Vec::as_slice) {
            Some([url, label]) => (as_text(url), as_text(label)),
            _ => {
                return Err(Error::msg(format!(
                    "links(): {name} must be [url, text], e.g. {name}=[url(path='topics/'), site.strings.topics]"
                )))
            }
        };
        let a = format!("<a href=\"{}\">{}</a>", escape(&url), escape(&label));
        anchors.push((name.as_str(), a));
    }
    let pairs: Vec<(&str, &str)> = anchors.iter().map(|(k, v)| (*k, v.as_str())).collect();
    Ok(Value::String(crate::i18n::fill(&escape(text), &pairs)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(pairs: &[(&str, Value)]) -> HashMap<String, Value> {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.clone()))
            .collect()
    }

    #[test]
    fn count_picks_the_languages_form() {
        let forms = tera::to_value(Text::Counted(
            [
                (Category::One, "{n} статья".to_string()),
                (Category::Few, "{n} статьи".to_string()),
                (Category::Many, "{n} статей".to_string()),
                (Category::Other, "{n} статьи".to_string()),
            ]
            .into(),
        ))
        .unwrap();
        let ru = |n: u64| count(&forms, &args(&[("n", n.into()), ("lang", "ru".into())])).unwrap();
        assert_eq!(
            (ru(1), ru(3), ru(5)),
            ("1 статья".into(), "3 статьи".into(), "5 статей".into())
        );
        assert!(count(&forms, &args(&[("lang", "ru".into())])).is_err());
    }

    #[test]
    fn links_escapes_the_text_and_the_link() {
        let html = links(
            &Value::String("<b> {x} & {y}".into()),
            &args(&[
                ("x", serde_json::json!(["/a?b=1&c=\"2\"", "A & B"])),
                ("y", serde_json::json!(["/y/", 3])),
            ]),
        )
        .unwrap();
        assert_eq!(
            html,
            "&lt;b&gt; <a href=\"/a?b=1&amp;c=&quot;2&quot;\">A &amp; B</a> &amp; <a href=\"/y/\">3</a>"
        );
        assert!(links(&Value::String("{x}".into()), &args(&[("x", "/".into())])).is_err());
    }
}

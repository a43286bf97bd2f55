//! The `[topics.<slug>]` tables: the site's declared topics, checked and made a [`Vocabulary`].
//!
//! Each table is checked on its own (slug, name, kind), so one run reports every bad topic;
//! the vocabulary then checks what involves several (an alias given to two topics).

use std::collections::BTreeMap;
use std::path::Path;

use crate::error::Diagnostic;
use crate::position::key_line;
use crate::slug::{slugify, Slugs};
use crate::topics::{TopicDecl, TopicKind, Vocabulary};

use super::raw::RawTopic;

/// Checks the declared topics and builds their vocabulary; a bad table is left out of it.
pub(super) fn resolve(
    file: &Path,
    text: &str,
    topics: BTreeMap<String, RawTopic>,
    slugs: Slugs,
    problems: &mut Vec<Diagnostic>,
) -> Vocabulary {
    let mut decls = Vec::with_capacity(topics.len());
    for (slug, topic) in topics {
        let line_of =
            |_: &str| key_line(text, &format!("topics.{slug}")).or_else(|| key_line(text, &slug));
        let mut fail = |message: String, help: &str| {
            let d = Diagnostic::new(file, message).help(help);
            problems.push(match line_of("") {
                Some(line) => d.at_line(line),
                None => d,
            });
        };
        if slugify(&slug, slugs) != slug {
            let fixed = slugify(&slug, slugs);
            // A slug of another script than Latin must be quoted in a TOML table name.
            let fixed = match fixed.is_ascii() {
                true => fixed,
                false => format!("{fixed:?}"),
            };
            fail(
                format!("topic `{slug}`: the table name is the topic's URL slug and must be lowercase words joined by -"),
                &format!("rename it [topics.{fixed}]"),
            );
            continue;
        }
        let RawTopic {
            name,
            kind,
            aliases,
            names,
            description,
            auto,
        } = topic;
        let name = match name {
            Some(n) if !n.trim().is_empty() => n.trim().to_string(),
            Some(_) => {
                fail(
                    format!("topic `{slug}`: `name` is empty"),
                    "give the topic its display name, e.g. name = \"ISIS\"",
                );
                continue;
            }
            None => slug.clone(),
        };
        let kind = match kind.as_deref().map(|k| (k, TopicKind::parse(k))) {
            None => None,
            Some((_, Some(kind))) => Some(kind),
            Some((k, None)) => {
                fail(
                    format!("topic `{slug}`: `kind` = {k:?} is not a kind of topic"),
                    "use one of person, place, organization, subject",
                );
                None
            }
        };
        let names = names
            .into_iter()
            .map(|(tag, n)| (tag, n.trim().to_string()))
            .filter(|(_, n)| !n.is_empty())
            .collect();
        decls.push(TopicDecl {
            slug,
            name,
            kind,
            aliases: aliases.all(),
            names,
            description: description
                .map(|d| d.trim().to_string())
                .filter(|d| !d.is_empty()),
            auto: auto.unwrap_or(false),
        });
    }
    match Vocabulary::new(decls, slugs) {
        Ok(v) => v,
        Err(messages) => {
            for message in messages {
                let d = Diagnostic::new(file, message).help("give each alias to one topic only");
                problems.push(match key_line(text, "topics") {
                    Some(line) => d.at_line(line),
                    None => d,
                });
            }
            Vocabulary::empty(slugs)
        }
    }
}

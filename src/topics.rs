//! Topic identity: the topics a site declares, the names and aliases they go by, and the
//! matcher that finds them in article text.
//!
//! Outlets spell one topic many ways ("ISIS", "Islamic State", "so-called Islamic State").
//! Every spelling is reduced to a [`key`] — its slug without dashes: lowercase, letters and
//! digits only — and a declared topic owns the keys of its name, its aliases and its slug. Topics
//! nobody declared still work; they are merged by key alone.

use std::collections::HashMap;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
use serde::{Deserialize, Serialize};

use crate::slug::{slugify, Slugs};

/// What sort of thing a topic is; `/topics/` groups by it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum TopicKind {
    /// A person.
    Person,
    /// A place.
    Place,
    /// An organisation.
    Organization,
    /// A subject, event or theme.
    Subject,
}

impl TopicKind {
    /// The kinds, in the order `/topics/` shows them.
    pub const ALL: [TopicKind; 4] = [
        TopicKind::Person,
        TopicKind::Place,
        TopicKind::Organization,
        TopicKind::Subject,
    ];

    /// Reads a kind as written in `site.toml`.
    pub fn parse(text: &str) -> Option<TopicKind> {
        match text.trim().to_ascii_lowercase().as_str() {
            "person" => Some(TopicKind::Person),
            "place" => Some(TopicKind::Place),
            "organization" | "organisation" => Some(TopicKind::Organization),
            "subject" => Some(TopicKind::Subject),
            _ => None,
        }
    }

    /// The kind as written in `site.toml`.
    pub fn as_str(self) -> &'static str {
        match self {
            TopicKind::Person => "person",
            TopicKind::Place => "place",
            TopicKind::Organization => "organization",
            TopicKind::Subject => "subject",
        }
    }
}

/// A topic declared in `site.toml` as `[topics.<slug>]`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TopicDecl {
    /// The URL slug: the table's key.
    pub slug: String,
    /// The display name.
    pub name: String,
    /// What it is, if said.
    pub kind: Option<TopicKind>,
    /// Other names that mean this topic.
    pub aliases: Vec<String>,
    /// Its name in other languages, by language tag (`names = { fr = "État islamique" }`):
    /// the name its pages in that language show, and one more alias.
    pub names: std::collections::BTreeMap<String, String>,
    /// A sentence or two for the topic page.
    pub description: Option<String>,
    /// Whether articles that mention it get it automatically.
    pub auto: bool,
}

impl TopicDecl {
    /// The topic's name in the language `tag`: its `names` entry for the tag or the tag's
    /// primary subtag, else its name.
    pub fn name_in(&self, tag: &str) -> &str {
        let primary = tag.split('-').next().unwrap_or(tag);
        self.names
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(tag))
            .or_else(|| {
                self.names
                    .iter()
                    .find(|(k, _)| k.eq_ignore_ascii_case(primary))
            })
            .map_or(&self.name, |(_, v)| v)
    }
}

/// The key two spellings of one topic share: its slug as `slugs` makes it, without the
/// dashes. "Islamic State", "islamic-state" and "ISLAMIC STATE" all give `islamicstate`.
/// Names with one key have one slug, so two topics (or authors, or outlets) never share a
/// page; with `slugs = "unicode"`, "Québec" and "Quebec" are two topics, as in Hugo.
pub fn key(name: &str, slugs: Slugs) -> String {
    slugify(name, slugs).replace('-', "")
}

/// The declared topics, indexed by every key they answer to.
#[derive(Debug, Clone, Default)]
pub struct Vocabulary {
    decls: Vec<TopicDecl>,
    by_key: HashMap<String, usize>,
    tagger: Option<AutoTagger>,
    slugs: Slugs,
}

impl Vocabulary {
    /// No declared topics, with names keyed as `slugs` makes slugs.
    pub fn empty(slugs: Slugs) -> Vocabulary {
        Vocabulary {
            slugs,
            ..Vocabulary::default()
        }
    }

    /// Indexes `decls`, keying names as `slugs` makes slugs. Fails with one message per key
    /// claimed by two topics.
    pub fn new(decls: Vec<TopicDecl>, slugs: Slugs) -> Result<Vocabulary, Vec<String>> {
        let mut by_key: HashMap<String, usize> = HashMap::new();
        let mut problems = Vec::new();
        for (i, decl) in decls.iter().enumerate() {
            let names = std::iter::once(&decl.slug)
                .chain(std::iter::once(&decl.name))
                .chain(&decl.aliases)
                .chain(decl.names.values());
            for name in names {
                let k = key(name, slugs);
                if k.is_empty() {
                    problems.push(format!(
                        "topic `{}`: the name or alias {name:?} has no letters or digits",
                        decl.slug
                    ));
                    continue;
                }
                match by_key.get(&k) {
                    Some(&other) if other != i => problems.push(format!(
                        "topics `{}` and `{}` both answer to {name:?}; an alias may belong to one topic only",
                        decls[other].slug, decl.slug
                    )),
                    _ => {
                        by_key.insert(k, i);
                    }
                }
            }
        }
        if !problems.is_empty() {
            return Err(problems);
        }
        let tagger = AutoTagger::new(&decls);
        Ok(Vocabulary {
            decls,
            by_key,
            tagger,
            slugs,
        })
    }

    /// How the site makes slugs, and so how names are keyed: the archive groups topics,
    /// authors and outlets by the same [`key`].
    pub fn slugs(&self) -> Slugs {
        self.slugs
    }

    /// The key of `name` (see [`key`]).
    pub fn key(&self, name: &str) -> String {
        key(name, self.slugs)
    }

    /// Every declared topic, in `site.toml` order.
    pub fn decls(&self) -> &[TopicDecl] {
        &self.decls
    }

    /// The declared topic `name` means, by name, alias or slug.
    pub fn resolve(&self, name: &str) -> Option<usize> {
        self.by_key.get(&self.key(name)).copied()
    }

    /// The declared topic whose name or alias is closest to `name`, for suggestions.
    pub fn closest(&self, name: &str) -> Option<&TopicDecl> {
        let wanted = self.key(name);
        self.by_key
            .iter()
            .map(|(k, i)| (strsim::damerau_levenshtein(&wanted, k), k, *i))
            .min_by(|a, b| a.0.cmp(&b.0).then_with(|| a.1.cmp(b.1)))
            .map(|(_, _, i)| &self.decls[i])
    }

    /// The auto topics `text` mentions, as indices into [`Vocabulary::decls`], in order of
    /// declaration.
    pub fn mentioned(&self, text: &str) -> Vec<usize> {
        match &self.tagger {
            Some(tagger) => tagger.find(text),
            None => Vec::new(),
        }
    }
}

/// Finds auto topics' names and aliases in text, as whole words, in one pass per text.
#[derive(Debug, Clone)]
struct AutoTagger {
    /// Acronyms ("ISIS", "NATO") match only in capitals, so "Isis" the goddess or "nato" in
    /// another language do not tag an article.
    exact: Option<AhoCorasick>,
    exact_topics: Vec<usize>,
    /// Everything else matches in any case.
    folded: Option<AhoCorasick>,
    folded_topics: Vec<usize>,
}

impl AutoTagger {
    fn new(decls: &[TopicDecl]) -> Option<AutoTagger> {
        let mut exact = (Vec::new(), Vec::new());
        let mut folded = (Vec::new(), Vec::new());
        for (i, decl) in decls.iter().enumerate().filter(|(_, d)| d.auto) {
            for name in std::iter::once(&decl.name)
                .chain(&decl.aliases)
                .chain(decl.names.values())
            {
                let name = name.trim();
                if name.is_empty() {
                    continue;
                }
                let target = if is_acronym(name) {
                    &mut exact
                } else {
                    &mut folded
                };
                target.0.push(name.to_string());
                target.1.push(i);
            }
        }
        if exact.0.is_empty() && folded.0.is_empty() {
            return None;
        }
        let build = |patterns: &[String], fold: bool| {
            (!patterns.is_empty()).then(|| {
                AhoCorasickBuilder::new()
                    .ascii_case_insensitive(fold)
                    .match_kind(MatchKind::Standard)
                    .build(patterns)
                    .expect("plain string patterns always build")
            })
        };
        Some(AutoTagger {
            exact: build(&exact.0, false),
            exact_topics: exact.1,
            folded: build(&folded.0, true),
            folded_topics: folded.1,
        })
    }

    fn find(&self, text: &str) -> Vec<usize> {
        let mut found = Vec::new();
        for (matcher, topics) in [
            (&self.exact, &self.exact_topics),
            (&self.folded, &self.folded_topics),
        ] {
            let Some(matcher) = matcher else { continue };
            for m in matcher.find_overlapping_iter(text) {
                let topic = topics[m.pattern().as_usize()];
                if !found.contains(&topic) && is_whole_word(text, m.start(), m.end()) {
                    found.push(topic);
                }
            }
        }
        found.sort_unstable();
        found
    }
}

/// "ISIS", "NATO", "U.S.": letters all capitals, at least two of them.
fn is_acronym(name: &str) -> bool {
    let letters: Vec<char> = name.chars().filter(|c| c.is_alphabetic()).collect();
    letters.len() >= 2 && letters.iter().all(|c| c.is_uppercase())
}

/// Whether `text[start..end]` stands alone: no letter or digit touches it on either side.
fn is_whole_word(text: &str, start: usize, end: usize) -> bool {
    let before = text[..start].chars().next_back();
    let after = text[end..].chars().next();
    !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn decl(slug: &str, name: &str, aliases: &[&str], auto: bool) -> TopicDecl {
        TopicDecl {
            slug: slug.into(),
            name: name.into(),
            kind: None,
            aliases: aliases.iter().map(|a| a.to_string()).collect(),
            names: Default::default(),
            description: None,
            auto,
        }
    }

    fn vocabulary() -> Vocabulary {
        Vocabulary::new(
            vec![
                decl(
                    "isis",
                    "ISIS",
                    &["Islamic State", "ISIL", "Daesh", "so-called Islamic State"],
                    true,
                ),
                decl("harjit-sajjan", "Harjit Sajjan", &["Sajjan"], true),
                decl("canada", "Canada", &[], false),
            ],
            Slugs::Ascii,
        )
        .unwrap()
    }

    #[test]
    fn spellings_resolve_to_one_topic() {
        let v = vocabulary();
        for name in [
            "ISIS",
            "isis",
            "Islamic State",
            "islamic-state",
            "ISLAMIC STATE",
            "Daesh",
            "so called islamic state",
        ] {
            assert_eq!(v.resolve(name), Some(0), "{name}");
        }
        assert_eq!(v.resolve("harjit-sajjan"), Some(1));
        assert_eq!(v.resolve("Trudeau"), None);
        assert_eq!(v.closest("Harjit Sajan").unwrap().slug, "harjit-sajjan");
    }

    #[test]
    fn auto_tags_match_whole_words_and_acronyms_in_capitals() {
        let v = vocabulary();
        assert_eq!(v.mentioned("The fight against ISIS goes on."), [0]);
        assert_eq!(v.mentioned("anti-ISIS coalition"), [0]);
        assert!(v.mentioned("ISISx and xISIS are not words").is_empty());
        assert!(
            v.mentioned("the goddess Isis").is_empty(),
            "acronyms match in capitals only"
        );
        assert_eq!(v.mentioned("the islamic state group"), [0]);
        assert_eq!(v.mentioned("Minister Sajjan said"), [1]);
        assert!(v.mentioned("Sajjans").is_empty());
        assert!(v.mentioned("Canada").is_empty(), "canada is not auto");
    }

    #[test]
    fn an_alias_belongs_to_one_topic() {
        let err = Vocabulary::new(
            vec![
                decl("a", "A topic", &["Shared"], false),
                decl("b", "B topic", &["shared"], false),
            ],
            Slugs::Ascii,
        )
        .unwrap_err();
        assert_eq!(err.len(), 1);
        assert!(err[0].contains("`a` and `b`"));
    }
}

//! The archive: every article in reading order, and the indexes readers browse by.
//!
//! Built once from the loaded records and read-only afterwards. Articles are ordered newest
//! first (then by title, then by path, so the order never depends on the file system);
//! indexes hold positions into that list, never copies of articles. Building is linear in the
//! number of articles and their topics.

use std::collections::HashMap;

use crate::article::Article;
use crate::error::Diagnostic;
use crate::slug::slugify;

/// A position in [`Archive::articles`].
pub type ArticleId = usize;
/// A position in [`Archive::topics`].
pub type TopicId = usize;

/// One topic: every article that carries it, under one display name and one slug.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Topic {
    /// The display name: the spelling most articles use.
    pub name: String,
    /// The URL slug; two spellings with the same slug are the same topic.
    pub slug: String,
    /// The topic's articles, newest first.
    pub articles: Vec<ArticleId>,
}

/// The loaded site, ordered and indexed.
#[derive(Debug)]
pub struct Archive {
    articles: Vec<Article>,
    topics: Vec<Topic>,
    article_topics: Vec<Vec<TopicId>>,
}

impl Archive {
    /// Orders and indexes `articles`. Fails, naming both files of each pair, when two
    /// articles would be written to the same URL.
    pub fn build(mut articles: Vec<Article>) -> Result<Archive, Vec<Diagnostic>> {
        articles.sort_by(|a, b| {
            b.date
                .cmp(&a.date)
                .then_with(|| a.title.cmp(&b.title))
                .then_with(|| a.path.cmp(&b.path))
        });
        check_unique_urls(&articles)?;

        // Group spellings by slug; the most used spelling names the topic (ties: the first
        // in byte order, so the choice does not depend on load order).
        let mut by_slug: HashMap<String, TopicId> = HashMap::new();
        let mut spellings: Vec<HashMap<&str, usize>> = Vec::new();
        let mut topics: Vec<Topic> = Vec::new();
        let mut article_topics = Vec::with_capacity(articles.len());
        for (id, article) in articles.iter().enumerate() {
            let mut ids = Vec::with_capacity(article.topics.len());
            for name in &article.topics {
                let slug = slugify(name);
                let topic = *by_slug.entry(slug.clone()).or_insert_with(|| {
                    topics.push(Topic {
                        name: String::new(),
                        slug,
                        articles: Vec::new(),
                    });
                    spellings.push(HashMap::new());
                    topics.len() - 1
                });
                *spellings[topic].entry(name.as_str()).or_default() += 1;
                // Articles are visited newest first, so each list comes out in order.
                topics[topic].articles.push(id);
                ids.push(topic);
            }
            article_topics.push(ids);
        }
        for (topic, counts) in topics.iter_mut().zip(&spellings) {
            topic.name = counts
                .iter()
                .max_by(|a, b| a.1.cmp(b.1).then_with(|| b.0.cmp(a.0)))
                .map(|(name, _)| name.to_string())
                .unwrap_or_default();
        }
        // Topics in A–Z order, by a key that ignores case and accents.
        let mut order: Vec<TopicId> = (0..topics.len()).collect();
        order.sort_by(|a, b| {
            sort_key(&topics[*a].name)
                .cmp(&sort_key(&topics[*b].name))
                .then_with(|| topics[*a].slug.cmp(&topics[*b].slug))
        });
        let mut new_id = vec![0; topics.len()];
        for (new, old) in order.iter().enumerate() {
            new_id[*old] = new;
        }
        let mut slots: Vec<Option<Topic>> = topics.into_iter().map(Some).collect();
        let topics: Vec<Topic> = order.iter().filter_map(|old| slots[*old].take()).collect();
        for ids in &mut article_topics {
            for id in ids.iter_mut() {
                *id = new_id[*id];
            }
        }
        Ok(Archive {
            articles,
            topics,
            article_topics,
        })
    }

    /// Every article, newest first.
    pub fn articles(&self) -> &[Article] {
        &self.articles
    }

    /// Every topic, A–Z.
    pub fn topics(&self) -> &[Topic] {
        &self.topics
    }

    /// The topics of one article, in the order its front matter gave them.
    pub fn topics_of(&self, article: ArticleId) -> impl Iterator<Item = &Topic> {
        self.article_topics[article]
            .iter()
            .map(|t| &self.topics[*t])
    }
}

/// A key for A–Z order that ignores case and accents.
fn sort_key(name: &str) -> String {
    deunicode::deunicode(name).to_lowercase()
}

/// Two articles must not share a URL: the second would silently replace the first.
fn check_unique_urls(articles: &[Article]) -> Result<(), Vec<Diagnostic>> {
    let mut seen: HashMap<&str, &Article> = HashMap::with_capacity(articles.len());
    let mut problems = Vec::new();
    for article in articles {
        if let Some(first) = seen.insert(&article.url, article) {
            let (a, b) = if first.path < article.path {
                (first, article)
            } else {
                (article, first)
            };
            problems.push(
                Diagnostic::new(
                    &b.path,
                    format!("has the same URL {} as {}", b.url, a.path.display()),
                )
                .help("give one of them a different `slug` in its front matter"),
            );
        }
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(problems)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::DateTime;
    use std::path::PathBuf;

    fn article(path: &str, date: &str, title: &str, topics: &[&str]) -> Article {
        Article {
            path: PathBuf::from(path),
            title: title.into(),
            date: DateTime::parse_from_rfc3339(date).unwrap(),
            updated: None,
            slug: slugify(title),
            url: format!("/{}/", slugify(title)),
            summary: String::new(),
            topics: topics.iter().map(|t| t.to_string()).collect(),
            authors: vec![],
            source: None,
            original_url: None,
            image: None,
            draft: false,
            extra: Default::default(),
            content: String::new(),
            words: 0,
            standfirst: None,
            byline: None,
            dateline: None,
            related_headlines: vec![],
            media: vec![],
        }
    }

    #[test]
    fn newest_first_then_title_then_path() {
        let archive = Archive::build(vec![
            article("c.md", "2016-01-01T00:00:00Z", "B", &[]),
            article("b.md", "2016-01-02T00:00:00Z", "Z", &[]),
            article("a.md", "2016-01-01T00:00:00Z", "A", &[]),
        ])
        .unwrap();
        let titles: Vec<_> = archive
            .articles()
            .iter()
            .map(|a| a.title.as_str())
            .collect();
        assert_eq!(titles, ["Z", "A", "B"]);
    }

    #[test]
    fn spellings_merge_into_one_topic() {
        let archive = Archive::build(vec![
            article("a.md", "2016-01-01T00:00:00Z", "A", &["isis", "Québec"]),
            article("b.md", "2016-01-02T00:00:00Z", "B", &["ISIS"]),
            article("c.md", "2016-01-03T00:00:00Z", "C", &["ISIS", "Quebec"]),
        ])
        .unwrap();
        let topics: Vec<_> = archive
            .topics()
            .iter()
            .map(|t| (t.name.as_str(), t.slug.as_str(), t.articles.len()))
            .collect();
        assert_eq!(topics, [("ISIS", "isis", 3), ("Quebec", "quebec", 2)]);
        let isis = &archive.topics()[0];
        let titles: Vec<_> = isis
            .articles
            .iter()
            .map(|i| archive.articles()[*i].title.as_str())
            .collect();
        assert_eq!(titles, ["C", "B", "A"]);
        let of_a: Vec<_> = archive.topics_of(2).map(|t| t.slug.as_str()).collect();
        assert_eq!(of_a, ["isis", "quebec"]);
    }

    #[test]
    fn duplicate_urls_name_both_files() {
        let problems = Archive::build(vec![
            article("content/a.md", "2016-01-01T00:00:00Z", "Same", &[]),
            article("content/b.md", "2016-01-02T00:00:00Z", "Same", &[]),
        ])
        .unwrap_err();
        assert_eq!(problems.len(), 1);
        assert_eq!(problems[0].path, PathBuf::from("content/b.md"));
        assert!(problems[0].message.contains("content/a.md"));
    }
}

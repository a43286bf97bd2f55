//! "Read more" headlines that are in the archive: an imported article keeps the headlines
//! its page pointed to (`related_headlines`); those whose article the archive also holds
//! become links to it (issue 19, point 11).
//!
//! Headlines match titles case-, accent-insensitively and whatever the punctuation, as the
//! page printed them ("Canada's role in the coalition" and "Canada’s Role in the
//! Coalition" are one). The map of titles is made only when some article has such
//! headlines, and holds only the titles they name.

use std::collections::HashMap;

use crate::archive::{Archive, ArticleId};

/// For each article, the archive's article for each of its headlines, or None.
#[derive(Debug, Default)]
pub(crate) struct ReadMore {
    /// Indexed by article; empty for an article without headlines, as most are.
    links: Vec<Vec<Option<ArticleId>>>,
    /// The articles with headlines, by the matching form of each headline: those to look
    /// at again when an article's title changes to one of them.
    referrers: HashMap<String, Vec<ArticleId>>,
}

/// A title or headline in the form they are matched in.
pub(crate) fn matching_form(title: &str) -> String {
    let folded = deunicode::deunicode(title).to_lowercase();
    let words: Vec<&str> = folded
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    words.join(" ")
}

impl ReadMore {
    /// Resolves every article's headlines against the archive's titles: the newest article
    /// of a matching title, other than the article itself.
    pub(crate) fn new(archive: &Archive) -> ReadMore {
        let articles = archive.articles();
        let mut referrers: HashMap<String, Vec<ArticleId>> = HashMap::new();
        for (id, a) in articles.iter().enumerate() {
            for headline in &a.related_headlines {
                let form = matching_form(headline);
                if !form.is_empty() {
                    referrers.entry(form).or_default().push(id);
                }
            }
        }
        if referrers.is_empty() {
            return ReadMore::default();
        }
        // Archive order is newest first: the first article of a title is its newest.
        let mut titled: HashMap<&str, Vec<ArticleId>> = HashMap::new();
        for (id, a) in articles.iter().enumerate() {
            if let Some((form, _)) = referrers.get_key_value(matching_form(&a.title).as_str()) {
                let ids = titled.entry(form.as_str()).or_default();
                if ids.len() < 2 {
                    ids.push(id);
                }
            }
        }
        let links = (articles.iter().enumerate())
            .map(|(id, a)| {
                (a.related_headlines.iter())
                    .map(|h| {
                        let ids = titled.get(matching_form(h).as_str())?;
                        ids.iter().copied().find(|other| *other != id)
                    })
                    .collect()
            })
            .collect();
        ReadMore { links, referrers }
    }

    /// The archive's article for each of `id`'s headlines, in order, or None for each.
    pub(crate) fn of(&self, id: ArticleId) -> &[Option<ArticleId>] {
        self.links.get(id).map_or(&[], Vec::as_slice)
    }

    /// The articles one of whose headlines `title` matches.
    pub(crate) fn referrers(&self, title: &str) -> &[ArticleId] {
        if self.referrers.is_empty() {
            return &[];
        }
        self.referrers
            .get(matching_form(title).as_str())
            .map_or(&[], Vec::as_slice)
    }
}

/// One item of `read_more`: a headline, and the address of its article when the archive
/// has it.
#[derive(Debug, serde::Serialize)]
struct ReadMoreView<'a> {
    /// The headline as the page printed it.
    title: &'a str,
    /// The article's path, base path included, or null.
    url: Option<String>,
}

impl super::Renderer<'_> {
    /// `read_more` of article `id`'s page, and in its key the articles it links to.
    pub(super) fn put_read_more<V: super::key::Vars>(&self, vars: &mut V, id: ArticleId) {
        let links = self.read_more.of(id);
        let articles = self.archive.articles();
        // Headlines no title can match (punctuation only) have no links at all.
        let link = |n: usize| links.get(n).copied().flatten();
        let views: Vec<ReadMoreView> = (articles[id].related_headlines.iter().enumerate())
            .map(|(n, title)| ReadMoreView {
                title,
                url: link(n).map(|l| self.urls.path(&articles[l].url)),
            })
            .collect();
        vars.put("read_more", &views);
        // Their titles and addresses are what the links show: the page follows them.
        vars.put_articles(
            self,
            "read_more_articles",
            &mut links.iter().flatten().copied(),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headlines_match_titles_whatever_the_case_accents_and_punctuation() {
        assert_eq!(
            matching_form("Canada’s Role in the Coalition — Québec"),
            matching_form("canada's role in the coalition: quebec")
        );
        assert_ne!(
            matching_form("Canada left out"),
            matching_form("Canada left")
        );
        assert_eq!(matching_form("!!!"), "");
    }
}

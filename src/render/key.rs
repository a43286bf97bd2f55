//! Page keys: a hash of everything a page's template is given, so that a rebuild renders only
//! the pages whose key changed and keeps the rest as they are on disk (issue 7).
//!
//! A page's bytes are a function of its template, the site's settings and the variables the
//! template sees. The first two go into a salt the manifest keeps (a change to either renders
//! everything again); the variables go into the key. Rather than list by hand what each page
//! depends on — the neighbours' titles, a topic's article count, the related articles — the
//! key is made by the same code that fills the template's context ([`Vars`]), so it cannot
//! forget an input. Two shortcuts keep it cheap at 100,000 articles: an article shown in a
//! list stands for the hash of its view, made once per article, and a body for the hash of
//! its packed bytes, which is never unpacked for a key.

use serde::Serialize;
use tera::Context;
use xxhash_rust::xxh3::{xxh3_128, Xxh3};

use super::views::ArticleView;
use super::Renderer;
use crate::archive::ArticleId;
use crate::article::Article;
use crate::hash::Pieces;

/// Where a page's template variables go: into a tera [`Context`] to render the page, or into
/// a [`Key`] to decide whether it needs rendering.
pub(crate) trait Vars {
    /// Whether the variables are for rendering. A key may leave out a value made only from
    /// others it already holds: an article page's JSON-LD is made from the article's view
    /// and site.toml, and making it is a third of the key's cost.
    const RENDERS: bool;

    /// A variable.
    fn put<T: Serialize + ?Sized>(&mut self, name: &str, value: &T);
    /// An article's view with its body, for its own page.
    fn put_article_page(&mut self, renderer: &Renderer, name: &str, id: ArticleId);
    /// An article's view without its body, or null.
    fn put_article(&mut self, renderer: &Renderer, name: &str, id: Option<ArticleId>);
    /// A list of articles' views without their bodies.
    fn put_articles(
        &mut self,
        renderer: &Renderer,
        name: &str,
        ids: &mut dyn Iterator<Item = ArticleId>,
    );
}

/// A page's template context being filled, with the body its article page shows (read by
/// the renderer beforehand, where a failure to read it is reported).
pub(crate) struct Page {
    /// The variables.
    pub(crate) context: Context,
    /// The HTML body of the article whose page this is, taken by `put_article_page`.
    pub(crate) body: Option<String>,
}

impl Vars for Page {
    const RENDERS: bool = true;

    fn put<T: Serialize + ?Sized>(&mut self, name: &str, value: &T) {
        self.context.insert(name, value);
    }

    fn put_article_page(&mut self, renderer: &Renderer, name: &str, id: ArticleId) {
        let mut view = ArticleView::new(renderer.archive, id, &renderer.urls);
        view.content = self.body.take();
        self.context.insert(name, &view);
    }

    fn put_article(&mut self, renderer: &Renderer, name: &str, id: Option<ArticleId>) {
        self.context.insert(
            name,
            &id.map(|id| ArticleView::new(renderer.archive, id, &renderer.urls)),
        );
    }

    fn put_articles(
        &mut self,
        renderer: &Renderer,
        name: &str,
        ids: &mut dyn Iterator<Item = ArticleId>,
    ) {
        let views: Vec<ArticleView> = ids
            .map(|id| ArticleView::new(renderer.archive, id, &renderer.urls))
            .collect();
        self.context.insert(name, &views);
    }
}

/// A page key being computed.
pub(crate) struct Key<'r> {
    hasher: Pieces,
    /// The hash of each article's view without its body (see [`digests`]).
    digests: &'r [u128],
    /// Every article the page shows, in the order added (with repeats): what the build
    /// snapshot keeps as the page's dependencies (see `incremental::snapshot`).
    pub(crate) shown: Vec<ArticleId>,
}

impl<'r> Key<'r> {
    /// A key over `digests`, the articles' view hashes.
    pub(crate) fn new(digests: &'r [u128]) -> Key<'r> {
        Key {
            hasher: Pieces::new(),
            digests,
            shown: Vec::new(),
        }
    }

    /// Adds what the page shows of article `id` besides its view (its title in a redirect,
    /// its text in the search index): the article is one of the page's dependencies.
    pub(crate) fn shows(&mut self, id: ArticleId) {
        self.shown.push(id);
    }

    /// Adds a length-prefixed piece, so that ("ab", "c") and ("a", "bc") differ.
    pub(crate) fn bytes(&mut self, bytes: &[u8]) {
        self.hasher.put(bytes);
    }

    /// Adds one article as listed (its view hash) and, with `body`, its body.
    pub(crate) fn article(&mut self, renderer: &Renderer, id: ArticleId, body: bool) {
        self.shown.push(id);
        self.hasher.raw(&self.digests[id].to_le_bytes());
        if body {
            let digest = renderer.archive.articles()[id].body.digest();
            self.hasher.raw(&digest.to_le_bytes());
        }
    }

    /// The key. Never 0, which the manifest uses for "no key".
    pub(crate) fn finish(&self) -> u128 {
        self.hasher.finish().max(1)
    }
}

impl Vars for Key<'_> {
    const RENDERS: bool = false;

    fn put<T: Serialize + ?Sized>(&mut self, name: &str, value: &T) {
        self.bytes(name.as_bytes());
        let mut writer = HashWriter(self.hasher.inner());
        // Writing into a hasher cannot fail; a value that fails to serialize also fails to
        // render, which reports it.
        let _ = serde_json::to_writer(&mut writer, value);
        self.hasher.raw(b"\0");
    }

    fn put_article_page(&mut self, renderer: &Renderer, name: &str, id: ArticleId) {
        self.bytes(name.as_bytes());
        self.article(renderer, id, true);
    }

    fn put_article(&mut self, renderer: &Renderer, name: &str, id: Option<ArticleId>) {
        self.bytes(name.as_bytes());
        match id {
            Some(id) => self.article(renderer, id, false),
            None => self.hasher.raw(b"null"),
        }
    }

    fn put_articles(
        &mut self,
        renderer: &Renderer,
        name: &str,
        ids: &mut dyn Iterator<Item = ArticleId>,
    ) {
        self.bytes(name.as_bytes());
        let mut count = 0u64;
        for id in ids {
            self.article(renderer, id, false);
            count += 1;
        }
        self.hasher.raw(&count.to_le_bytes());
    }
}

/// The author and outlet names as `article` spells them, for keys of what shows them so (an
/// article's JSON-LD, feed entries): its view has the names as the archive groups them,
/// which one article's respelling does not change.
pub(crate) fn own_names(article: &Article) -> String {
    serde_json::to_string(&(&article.authors, &article.source)).unwrap_or_default()
}

/// Feeds serialized JSON straight into a hasher, without building it in memory.
struct HashWriter<'h>(&'h mut Xxh3);

impl std::io::Write for HashWriter<'_> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.update(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// The hash of every article's view without its body, in archive order: what an article
/// contributes to any page that lists or links it. With `previous` (the last build's
/// digests, and for each article the position in them of a digest known to be its own, or
/// None), only the articles without one are hashed.
pub(crate) fn digests(
    renderer: &Renderer,
    previous: Option<(&[u128], &[Option<ArticleId>])>,
) -> Vec<u128> {
    use rayon::prelude::*;
    let digest = |buffer: &mut Vec<u8>, id: ArticleId| {
        buffer.clear();
        let view = ArticleView::new(renderer.archive, id, &renderer.urls);
        // Serializing a view into a Vec cannot fail.
        let _ = serde_json::to_writer(&mut *buffer, &view);
        xxh3_128(buffer)
    };
    let count = renderer.archive.articles().len();
    let kept = |id: ArticleId| -> Option<u128> {
        let (digests, from) = previous?;
        digests.get(from.get(id).copied().flatten()?).copied()
    };
    (0..count)
        .into_par_iter()
        .map_init(Vec::new, |buffer, id| {
            kept(id).unwrap_or_else(|| digest(buffer, id))
        })
        .collect()
}

#[cfg(test)]
#[path = "key_tests.rs"]
mod tests;

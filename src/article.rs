//! The one normalised article record.
//!
//! Whatever a file looked like on disk — Markdown with TOML or YAML front matter, Pelican
//! headers, raw text saved off a news page or a saved web page — the loader turns it into an
//! [`Article`]. Everything after the loader reads
//! only this type.
//!
//! The records serialize (serde) only for the record cache, `incremental::records`, whose
//! binary format (postcard) needs some fields in a form of their own: see [`cached`].
//! Templates never see these forms; they get view structs.

use std::path::PathBuf;

use chrono::{DateTime, FixedOffset};
use serde::{Deserialize, Serialize};

/// The outlet that published an article.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Source {
    /// The outlet's name, e.g. "CBC News".
    pub name: String,
    /// The outlet's home page, when given.
    pub url: Option<String>,
}

/// One of an article's topics.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ArticleTopic {
    /// The name: the declared topic's name, or the spelling the article used.
    pub name: String,
    /// The declared topic it is, as an index into the site's declared topics.
    pub declared: Option<usize>,
    /// Found by auto-tagging in the text rather than given in the front matter.
    pub inferred: bool,
}

/// One article, normalised.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Article {
    /// The file it came from, relative to the site root (e.g. `content/2016/01/x.md`).
    pub path: PathBuf,
    /// The language it is written in: a tag of the site's languages (see
    /// [`crate::config::Languages`]), or the tag it gives when the site does not configure it.
    pub lang: String,
    /// `path` without its language's folder or file-name suffix (`content/fr/x.md` and
    /// `content/x.fr.md` are `content/x.md`): translations share it.
    pub plain: PathBuf,
    /// The key its translations share (`translation_key`, Hugo's `translationKey`).
    pub translation_key: Option<String>,
    /// The headline.
    pub title: String,
    /// When it was published, in the site's timezone.
    #[serde(with = "cached::date")]
    pub date: DateTime<FixedOffset>,
    /// When it was last updated, in the site's timezone.
    #[serde(with = "cached::updated")]
    pub updated: Option<DateTime<FixedOffset>>,
    /// What the last update changed (`update_note`), shown with `updated`'s date.
    pub update_note: Option<String>,
    /// Corrections, oldest first (`corrections = [{ date, text }]`), each shown with its
    /// date on the article's page and in its JSON-LD.
    pub corrections: Vec<Correction>,
    /// The last part of its URL.
    pub slug: String,
    /// Its site-relative URL, starting with `/` and without the site's base path.
    pub url: String,
    /// A plain-text summary: the front matter's, or the first paragraph shortened.
    pub summary: String,
    /// Topics, one per topic: front-matter ones first, in their order, then inferred ones.
    pub topics: Vec<ArticleTopic>,
    /// Author names as written, one per author.
    pub authors: Vec<String>,
    /// The outlet.
    pub source: Option<Source>,
    /// The address of the original article on the outlet's site.
    pub original_url: Option<String>,
    /// The lead image: `image` (text or table) or the first of `images` in the front matter.
    pub image: Option<Image>,
    /// Drafts are built only with `--drafts`.
    pub draft: bool,
    /// When it may appear (`publishDate`), when that is not `date`: an article is left out
    /// until then, unless `--future` (see [`Article::publish_at`]).
    #[serde(with = "cached::updated")]
    pub publish_date: Option<DateTime<FixedOffset>>,
    /// When it is taken down (`expiryDate`): left out from then on, unless `--expired`.
    #[serde(with = "cached::updated")]
    pub expiry_date: Option<DateTime<FixedOffset>>,
    /// Every other front-matter key, for templates.
    #[serde(with = "cached::extra")]
    pub extra: serde_json::Map<String, serde_json::Value>,
    /// The body as HTML and as plain text (for the search index), packed.
    pub body: Body,
    /// Words in the body.
    pub words: usize,
    /// Whether the body links to other articles by `@/` path, to be resolved once every
    /// article is loaded (see [`crate::links`]); saves unpacking every other body.
    pub links_to_articles: bool,
    /// Old site-relative URLs of the article, each written as a redirect to it.
    pub aliases: Vec<String>,
    /// The standfirst (dek): the sentence under the headline that sums the story up.
    pub standfirst: Option<String>,
    /// The byline as printed ("By Jane Doe, Global News"), when the source had one.
    pub byline: Option<String>,
    /// The line that said when the article appeared, as printed ("Posted: Nov 17, 2015 5:32
    /// PM ET | Last Updated: …"); the parsed dates are `date` and `updated`.
    pub dateline: Option<String>,
    /// Headlines of related stories the page pointed to ("READ MORE: …"), as text: a scraped
    /// page keeps the headline but not the link.
    pub related_headlines: Vec<String>,
    /// Videos (and other media) the page carried, described by their title, caption and length.
    pub media: Vec<Media>,
    /// Front-matter keys gazette does not read and the site did not declare (`[content]
    /// extra_keys`), likely typos: kept in the record so that every build warns about them,
    /// also one that takes the record from the record cache.
    pub unknown_keys: Vec<UnknownKey>,
    /// When the article is a page bundle's `index.md`, every other file of its folder (and
    /// subfolders), copied beside its page (see [`crate::loader::bundle`]); empty otherwise.
    pub bundle: Vec<BundleFile>,
    /// Warnings found while reading the file (a Liquid tag left out, a YAML key given twice),
    /// kept in the record, as `unknown_keys` are, so that every build reports them.
    pub notes: Vec<Note>,
}

/// A correction published on an article: what was wrong, and when it was put right.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Correction {
    /// When the correction was made, in the site's timezone.
    #[serde(with = "cached::date")]
    pub date: DateTime<FixedOffset>,
    /// What it says ("An earlier version misspelled the minister's name."), as plain text.
    pub text: String,
}

/// A warning about an article's file, at a line of it when known.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Note {
    /// The line in the file.
    pub line: Option<usize>,
    /// What was found.
    pub message: String,
    /// What to do about it.
    pub help: String,
}

impl Note {
    /// The warning for the file shown as `shown`.
    pub fn diagnostic(&self, shown: &std::path::Path) -> crate::error::Diagnostic {
        let d = crate::error::Diagnostic::new(shown, self.message.clone()).help(self.help.clone());
        match self.line {
            Some(line) => d.at_line(line),
            None => d,
        }
    }
}

/// An image as data: where it is, and what a reader (or a screen reader) is told about it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Image {
    /// A web address, a site path (`/images/a.jpg`, or a page bundle's file resolved to
    /// `/2016/01/story/photo.jpg`), or a path relative to the article's page.
    pub src: String,
    /// The text that stands for the image (`alt`).
    pub alt: Option<String>,
    /// What the picture shows, as printed under it.
    pub caption: Option<String>,
    /// Who made it ("Photo: Jane Doe/CBC").
    pub credit: Option<String>,
    /// The part of the picture to keep when it is cropped, as written (e.g. "top", "30% 60%"):
    /// kept for templates and for cropping to come.
    pub focal_point: Option<String>,
    /// Its size in pixels, when its file's header gives it (a page bundle's file).
    pub width: Option<u32>,
    /// See `width`.
    pub height: Option<u32>,
    /// The widths of its resized copies, ascending, when it is a page bundle's image that
    /// the build processes (`[images]`); empty otherwise. The copies' names follow from
    /// `src` and their heights from `width` and `height`, the original's (see
    /// `crate::images::Picture`).
    #[serde(default)]
    pub variants: Vec<u32>,
}

/// One file of a page bundle.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BundleFile {
    /// Its path relative to the bundle's folder, with `/` between folders (`files/a.pdf`).
    pub name: String,
    /// Whether the article refers to it (a link, an image, the lead image); `gazette check`
    /// warns about the others.
    pub used: bool,
    /// Its size in pixels as shown, when it is a raster image whose header gives it: the
    /// build's image stage makes its resized copies from this (see `crate::images`).
    #[serde(default)]
    pub size: Option<(u32, u32)>,
}

/// A front-matter key gazette does not read and the site did not declare.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UnknownKey {
    /// The key as written.
    pub key: String,
    /// Its line in the file, when it could be found.
    pub line: Option<usize>,
}

impl Article {
    /// When the article may appear: its `publishDate`, else its `date` (Hugo's rule: an
    /// article dated in the future is scheduled for that date).
    pub fn publish_at(&self) -> DateTime<FixedOffset> {
        self.publish_date.unwrap_or(self.date)
    }

    /// When the article last changed: the latest of its date, its `updated` date and its
    /// corrections' dates. What feeds' `updated`, the sitemap's `lastmod` and JSON-LD's
    /// `dateModified` say.
    pub fn modified(&self) -> DateTime<FixedOffset> {
        self.corrections
            .iter()
            .map(|c| c.date)
            .chain(self.updated)
            .fold(self.date, |latest, d| if d > latest { d } else { latest })
    }

    /// The `updated` date a page shows: none when it falls in the same minute as the
    /// publication date (importers often write both from one timestamp), so "Updated" never
    /// repeats the date above it; but always with an `update_note`, which says what the
    /// update was (a same-day update written as a day falls in the minute of a day's date).
    pub fn shown_update(&self) -> Option<DateTime<FixedOffset>> {
        let minute = |d: DateTime<FixedOffset>| d.timestamp().div_euclid(60);
        (self.updated).filter(|u| self.update_note.is_some() || minute(*u) != minute(self.date))
    }
}

/// A video or other media item that accompanied an article, kept as its description: the
/// archive cannot host the media itself, but should not lose that it was there.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Media {
    /// The media's title, e.g. "French ambassador on Paris attacks".
    pub title: String,
    /// Its caption or description, when the page gave one.
    pub caption: Option<String>,
    /// Its running time as printed, e.g. "10:38".
    pub duration: Option<String>,
}

/// An article's body, as HTML and as plain text, kept compressed (LZ4): a build holds every
/// article for its whole length, and at 100,000 articles the bodies as plain strings were
/// most of 1.7 GB (issue 7). The two are packed together because the text is the HTML's
/// words again, which LZ4 then stores as back-references for a few bytes each; unpacking one
/// body takes microseconds, once per page or feed entry that shows it.
///
/// A body parsed in this run is packed in memory; a build that writes the record cache then
/// moves it to the shard's next file as it goes ([`Body::moved_to`]), so a clean build holds
/// no body in memory (issue 14: at 100,000 articles the bodies were 242 MB of a 660 MB peak). One
/// taken from the record cache stays in the cache's file. Either way a stored body names only
/// its place, so a rebuild that renders a few pages never reads the other bodies at all. Such
/// a body is read through [`Bodies`], the store the record cache hands the build, and a read
/// that fails is an error where it happens.
#[derive(Clone, Default)]
pub struct Body {
    data: Data,
    /// Where the HTML ends in the unpacked bytes.
    html_len: usize,
    /// A hash of `html_len` and the packed bytes (see [`Body::digest`]).
    digest: u128,
}

#[derive(Clone, Default)]
enum Data {
    /// Nothing: both the HTML and the text are empty.
    #[default]
    Empty,
    /// Packed, in memory.
    Packed(Box<[u8]>),
    /// Packed, `len` bytes at `offset` in file `file` of a [`Bodies`] store; a body read from
    /// the record cache's list of records is [`UNPLACED`] until [`Body::place`] gives it its
    /// place, and one parsed in this build is stored by [`Body::moved_to`].
    Stored { file: u32, offset: u64, len: usize },
}

/// The file number of a stored body not yet given its place.
const UNPLACED: u32 = u32::MAX;

/// Why a body could not be had: its bytes in the record cache could not be read, or are not
/// the bytes that were packed (the file was damaged while the build ran).
#[derive(Debug)]
pub struct BodyError {
    /// The record cache's file the body was to be read from, when it has one.
    pub path: Option<PathBuf>,
    /// What went wrong.
    pub error: std::io::Error,
}

impl std::fmt::Display for BodyError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.path {
            Some(path) => write!(
                f,
                "an article body in the record cache ({}) could not be read back: {}",
                path.display(),
                self.error
            ),
            None => write!(f, "an article body could not be read back: {}", self.error),
        }
    }
}

impl BodyError {
    /// The diagnostic for an article whose body could not be read: a build that meets one
    /// stops, and the next one parses the article again (the damaged file is gone).
    pub fn diagnostic(&self, article: &std::path::Path) -> crate::error::Diagnostic {
        crate::error::Diagnostic::new(article, self.to_string()).help(
            "run the build again: it parses those articles again (deleting .gazette-cache is always safe)",
        )
    }
}

/// The files stored bodies are read from, kept open while the build runs: the record cache's
/// files, and the new ones this build fills (see [`Body::moved_to`]). The cache replaces its
/// files by renaming new ones over them, so what this reads is each file as it was opened,
/// whatever a later build writes. Bodies packed in memory need no file: `Bodies::default()`
/// reads those.
#[derive(Debug, Default)]
pub struct Bodies {
    files: Vec<Option<BodyFile>>,
}

/// One open file of the record cache.
#[derive(Debug)]
struct BodyFile {
    file: std::fs::File,
    path: PathBuf,
}

impl Bodies {
    /// Makes file `n` of the store `file`, opened at `path`; bodies placed in file `n` (see
    /// [`Body::place`]) are read from it.
    pub fn insert(&mut self, n: u32, file: std::fs::File, path: PathBuf) {
        let n = n as usize;
        if self.files.len() <= n {
            self.files.resize_with(n + 1, || None);
        }
        self.files[n] = Some(BodyFile { file, path });
    }

    /// The packed bytes of `body`, read from its file if it is stored, and checked against
    /// its digest. A stored body that fails removes every file of the store from the record
    /// cache: one damaged while the build ran says the others may be too, a failed build may
    /// stop before reading them, and the cache is only a cache; the next build parses those
    /// articles again.
    pub fn packed<'b>(&self, body: &'b Body) -> Result<std::borrow::Cow<'b, [u8]>, BodyError> {
        use std::borrow::Cow;
        let (file, offset, len) = match &body.data {
            Data::Empty => return Ok(Cow::Borrowed(&[])),
            Data::Packed(bytes) => return Ok(Cow::Borrowed(bytes)),
            Data::Stored { file, offset, len } => (*file, *offset, *len),
        };
        let Some(Some(stored)) = self.files.get(file as usize) else {
            return Err(BodyError {
                path: None,
                error: std::io::Error::new(
                    std::io::ErrorKind::NotFound,
                    "the body was not given its place in an open file",
                ),
            });
        };
        let read = stored.read(offset, len).and_then(|bytes| {
            if digest(body.html_len, &bytes) == body.digest {
                Ok(bytes)
            } else {
                Err(std::io::Error::new(
                    std::io::ErrorKind::InvalidData,
                    "it is not the body that was written",
                ))
            }
        });
        read.map(Cow::Owned).map_err(|error| {
            for file in self.files.iter().flatten() {
                let _ = crate::fs::remove_file(&file.path);
            }
            BodyError {
                path: Some(stored.path.clone()),
                error,
            }
        })
    }

    /// The body as HTML and as plain text, unpacked once.
    pub fn parts(&self, body: &Body) -> Result<(String, String), BodyError> {
        let mut html = self.unpack(body)?;
        let text = html.split_off(body.html_len);
        Ok((html, text))
    }

    /// The body as HTML.
    pub fn html(&self, body: &Body) -> Result<String, BodyError> {
        let mut both = self.unpack(body)?;
        both.truncate(body.html_len);
        Ok(both)
    }

    /// The body as plain text, for the search index; empty when search or `[search] body` is
    /// off.
    pub fn text(&self, body: &Body) -> Result<String, BodyError> {
        Ok(self.parts(body)?.1)
    }

    /// The HTML and text unpacked together; checked, so `html_len` falls on a character
    /// boundary inside them.
    fn unpack(&self, body: &Body) -> Result<String, BodyError> {
        if matches!(body.data, Data::Empty) {
            return Ok(String::new());
        }
        let packed = self.packed(body)?;
        // Only `Body::new` packs, from two `&str`s joined, and a stored body matched its
        // digest, so this cannot fail but for a hash collision; it is an error regardless,
        // never a panic.
        lz4_flex::decompress_size_prepended(&packed)
            .ok()
            .and_then(|bytes| String::from_utf8(bytes).ok())
            .filter(|both| both.is_char_boundary(body.html_len))
            .ok_or_else(|| BodyError {
                path: None,
                error: std::io::Error::new(
                    std::io::ErrorKind::InvalidData,
                    "the packed body does not unpack",
                ),
            })
    }
}

impl BodyFile {
    fn read(&self, offset: u64, len: usize) -> std::io::Result<Vec<u8>> {
        let mut bytes = vec![0; len];
        #[cfg(unix)]
        std::os::unix::fs::FileExt::read_exact_at(&self.file, &mut bytes, offset)?;
        #[cfg(windows)]
        {
            let mut done = 0;
            while done < len {
                let n = std::os::windows::fs::FileExt::seek_read(
                    &self.file,
                    &mut bytes[done..],
                    offset + done as u64,
                )?;
                if n == 0 {
                    return Err(std::io::ErrorKind::UnexpectedEof.into());
                }
                done += n;
            }
        }
        Ok(bytes)
    }
}

impl Body {
    /// Packs a body's HTML and its plain text (empty when nothing needs it).
    pub fn new(html: &str, text: &str) -> Body {
        if html.is_empty() && text.is_empty() {
            return Body::default();
        }
        let mut both = Vec::with_capacity(html.len() + text.len());
        both.extend_from_slice(html.as_bytes());
        both.extend_from_slice(text.as_bytes());
        let packed = lz4_flex::compress_prepend_size(&both).into_boxed_slice();
        Body {
            digest: digest(html.len(), &packed),
            data: Data::Packed(packed),
            html_len: html.len(),
        }
    }

    /// The HTML of a body packed in memory: one parsed in this run, as `import` and tests
    /// have. A body stored in the record cache is read through [`Bodies::html`], which can
    /// fail; for one, this is empty (a store without files has none to read it from).
    pub fn html(&self) -> String {
        Bodies::default().html(self).unwrap_or_default()
    }

    /// The plain text of a body packed in memory; see [`Body::html`].
    pub fn text(&self) -> String {
        Bodies::default().text(self).unwrap_or_default()
    }

    /// A hash of the body, made when it was packed, so never unpacked for it: what a page
    /// key needs (see `render::key`).
    pub fn digest(&self) -> u128 {
        self.digest
    }

    /// Bytes packed.
    pub fn packed_len(&self) -> usize {
        match &self.data {
            Data::Empty => 0,
            Data::Packed(bytes) => bytes.len(),
            Data::Stored { len, .. } => *len,
        }
    }

    /// The packed bytes of a body held in memory; None for an empty or stored one.
    pub fn in_memory(&self) -> Option<&[u8]> {
        match &self.data {
            Data::Packed(bytes) => Some(bytes),
            _ => None,
        }
    }

    /// Drops the packed bytes of a body held in memory, once the caller has written them
    /// ([`Body::in_memory`]) at `offset` in file `file` of a [`Bodies`] store: from now on
    /// the body names that place, and is read through the store. Returns where the body
    /// ends; a body not in memory is left as it is.
    pub fn moved_to(&mut self, file: u32, offset: u64) -> u64 {
        let Data::Packed(bytes) = &self.data else {
            return offset;
        };
        let len = bytes.len();
        self.data = Data::Stored { file, offset, len };
        offset + len as u64
    }

    /// The file of a [`Bodies`] store a stored body is in, and where; None for one in memory
    /// or empty.
    pub fn stored(&self) -> Option<(u32, u64)> {
        match self.data {
            Data::Stored { file, offset, .. } if file != UNPLACED => Some((file, offset)),
            _ => None,
        }
    }

    /// Gives a body read from the record cache's list of records its place: file `file` of
    /// the [`Bodies`] store, at `offset`. Returns where the body ends.
    pub fn place(&mut self, file: u32, offset: u64) -> u64 {
        match &mut self.data {
            Data::Stored {
                file: at,
                offset: start,
                len,
            } if *at == UNPLACED => {
                *at = file;
                *start = offset;
                offset + *len as u64
            }
            _ => offset,
        }
    }
}

/// The hash of a packed body: its HTML's length and its packed bytes.
fn digest(html_len: usize, packed: &[u8]) -> u128 {
    let mut hasher = xxhash_rust::xxh3::Xxh3::new();
    hasher.update(&(html_len as u64).to_le_bytes());
    hasher.update(packed);
    hasher.digest128()
}

impl PartialEq for Body {
    /// Bodies are equal when their HTML, text and packing are: when their digests are.
    fn eq(&self, other: &Body) -> bool {
        self.html_len == other.html_len
            && self.digest == other.digest
            && self.packed_len() == other.packed_len()
    }
}

impl Eq for Body {}

/// In the record cache a body is its head: the HTML's length, the digest and the number of
/// packed bytes. The bytes themselves are elsewhere in the cache's file, where the record's
/// entry says (see `incremental::records`), and are read only when needed.
#[derive(Serialize, Deserialize)]
struct Head {
    html_len: u64,
    digest: u128,
    len: u64,
}

impl Serialize for Body {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        Head {
            html_len: self.html_len as u64,
            digest: self.digest,
            len: self.packed_len() as u64,
        }
        .serialize(s)
    }
}

impl<'de> Deserialize<'de> for Body {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Body, D::Error> {
        let head = Head::deserialize(d)?;
        let len = usize::try_from(head.len).map_err(serde::de::Error::custom)?;
        Ok(Body {
            data: match len {
                0 => Data::Empty,
                len => Data::Stored {
                    file: UNPLACED,
                    offset: 0,
                    len,
                },
            },
            html_len: usize::try_from(head.html_len).map_err(serde::de::Error::custom)?,
            digest: head.digest,
        })
    }
}

impl std::fmt::Debug for Body {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Body")
            .field("html_len", &self.html_len)
            .field("packed_len", &self.packed_len())
            .field("digest", &self.digest)
            .finish()
    }
}

/// The forms of [`Article`] fields in the record cache that serde's defaults do not give.
#[path = "article_cached.rs"]
pub(crate) mod cached;

#[cfg(test)]
mod tests {
    use super::{Bodies, Body};

    #[test]
    fn a_packed_body_unpacks_to_the_same_html_and_text() {
        let long = "news ".repeat(10_000);
        for (html, text) in [
            ("", ""),
            ("<p>a</p>", ""),
            ("", "a"),
            ("<p>Caf\u{e9} \u{1F600}</p>", "Caf\u{e9} \u{1F600}"),
            (long.as_str(), long.as_str()),
        ] {
            let body = Body::new(html, text);
            assert_eq!(body.html(), html);
            assert_eq!(body.text(), text);
        }
        // The text repeats the HTML's words, so packing both costs little more than the HTML.
        let html = format!("<p>{}</p>", "the minister said on tuesday ".repeat(200));
        let text = html.trim_start_matches("<p>").trim_end_matches("</p>");
        let both = Body::new(&html, text).packed_len();
        assert!(both < html.len() / 4, "{both} bytes");
    }

    #[test]
    fn a_body_moved_to_a_file_reads_back_through_the_store() {
        use std::io::Write;
        let tmp = tempfile::tempdir().unwrap();
        let path = tmp.path().join("bodies");
        let mut file = std::fs::File::create(&path).unwrap();
        file.write_all(b"header").unwrap();
        let made = [
            Body::new("<p>Caf\u{e9}</p>", "Caf\u{e9}"),
            Body::new("<p>b</p>", ""),
            Body::new("", ""),
        ];
        let mut bodies = made.clone();
        let mut offset = 6;
        for body in &mut bodies {
            if let Some(bytes) = body.in_memory() {
                file.write_all(bytes).unwrap();
            }
            offset = body.moved_to(4, offset);
        }
        assert_eq!(offset, std::fs::metadata(&path).unwrap().len());
        assert_eq!(bodies[0].stored(), Some((4, 6)));
        assert_eq!((bodies[0].in_memory(), bodies[2].in_memory()), (None, None));
        assert_eq!(
            bodies[2].stored(),
            None,
            "an empty body has nothing to move"
        );
        let mut store = Bodies::default();
        store.insert(4, std::fs::File::open(&path).unwrap(), path.clone());
        for (body, made) in bodies.iter().zip(&made) {
            assert_eq!(body, made);
            assert_eq!(store.parts(body).unwrap(), (made.html(), made.text()));
        }
        // Moving it again changes nothing: it is stored already.
        assert_eq!(bodies[0].moved_to(5, 0), 0);
        assert_eq!(bodies[0].stored(), Some((4, 6)));
    }
}

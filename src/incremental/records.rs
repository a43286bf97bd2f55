//! The record cache: the articles the loader made, kept on disk between builds so that a
//! rebuild parses only the files that are new or changed (issue 7: at 100,000 articles,
//! parsing every file was about 5.5 s of every build).
//!
//! It lives in `<site>/.gazette-cache/records/`, a folder of gazette's own beside the site's
//! inputs and never in the output folder, which users deploy. The records are split into
//! [`SHARDS`] files by a hash of the file's path, so an edit rewrites one shard (about 5 MB
//! at 100,000 articles) rather than the whole cache, and shards are read and decoded in
//! parallel, a few MB each, without holding the whole cache in memory twice.
//!
//! A shard is `MAGIC`, the key, the time loading started when it was written, a checksum and
//! the length of the list of records, the records themselves in postcard (a compact serde
//! format: varints, strings as they are), and then every record's packed body, in the same
//! order. A record holds its body's length and digest, not the body: a load reads and checks
//! only the list (about a tenth of the file), keeps the file open, and reads a body from it
//! when a page shows that article, checking it against its digest (see
//! [`crate::article::Body`]). So a rebuild that renders a few pages reads a few bodies, not
//! 300 MB (unless search is on: the search index is made from every body on every build).
//! The key is a hash of
//! everything besides the file itself that changes a record: gazette's version and this
//! format's, the bytes of site.toml, the caller's salt (command-line overrides) and the
//! size and modification time of the running executable, so a gazette rebuilt with different
//! parsing code does not trust the records of the old one even at the same version number.
//!
//! An entry is the file's size and modification time and its [`Article`]; it is used only
//! while both match the file and the modification time is
//! [`RACY_SECONDS`](crate::loader::scan::RACY_SECONDS) older than the time loading started
//! when the shard was written, the same "racily clean" rule as the input fingerprint (see
//! [`crate::incremental`]). Files that failed to load are not cached, so their problems are
//! reported by every build.
//!
//! Nothing here fails a build but a body found damaged after its shard was read (see
//! [`crate::article::Bodies::packed`], which then removes the shards): a missing, truncated,
//! corrupt or old shard is read as empty, and a shard that cannot be written is at most a
//! warning. Deleting the folder is always safe.
//!
//! Doubt: like the manifest, this trusts size and modification time rather than hashing every
//! file's bytes (reading 770 MB would cost what parsing does); an edit that keeps both is
//! missed until `--force`.

use std::collections::HashMap;
use std::ffi::OsString;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use xxhash_rust::xxh3::xxh3_64;

use crate::article::{Article, Bodies};
use crate::config::Config;
use crate::loader::scan::Stamp;

/// gazette's own folder in the site, for what it keeps between builds.
pub(crate) const FOLDER: &str = ".gazette-cache";

/// The record cache's folder, in [`FOLDER`].
pub(crate) const RECORDS: &str = "records";

/// How many files the records are split into.
pub(crate) const SHARDS: usize = 64;

/// Whether `name` is a shard's file name (`00` to `63`).
pub(crate) fn is_shard_name(name: &str) -> bool {
    name.len() == 2
        && name.bytes().all(|b| b.is_ascii_digit())
        && name.parse::<usize>().is_ok_and(|n| n < SHARDS)
}

/// Changed whenever the layout of a shard or of [`Article`]'s serde form changes.
const FORMAT: u32 = 2;

const MAGIC: &[u8; 8] = b"gzrecr2\n";

/// Magic, key (u128), time (u64), checksum of the records (u64), length of the records (u64).
const HEADER_LEN: usize = 8 + 16 + 8 + 8 + 8;

/// [The Cache Directory Tagging Specification](https://bford.info/cachedir/): backup tools
/// skip a folder holding this file.
const CACHEDIR_TAG: &str = "Signature: 8a477f597d28d172789f06886806bc55\n\
    # This file is a cache directory tag created by gazette.\n\
    # It is safe to delete this folder: the next build parses every article again.\n";

/// Creates gazette's cache folder `folder` ([`FOLDER`] in the site) with its cache-directory
/// tag, if they are missing.
pub(crate) fn tag(folder: &Path) -> std::io::Result<()> {
    std::fs::create_dir_all(folder)?;
    let tag = folder.join("CACHEDIR.TAG");
    if !tag.is_file() {
        std::fs::write(tag, CACHEDIR_TAG)?;
    }
    Ok(())
}

/// The warning for a record cache that could not be written at `path` (absolute or relative
/// to the working folder): never an error, the next build parses the changed articles again.
pub(crate) fn not_written(
    config: &Config,
    path: &Path,
    e: &std::io::Error,
) -> crate::error::Diagnostic {
    let relative = path.strip_prefix(&config.root).unwrap_or(path);
    crate::error::Diagnostic::new(
        crate::loader::shown(config, relative),
        format!("the record cache could not be written: {e}"),
    )
    .help(format!(
        "the next build parses the changed articles again; check the folder's permissions (deleting {FOLDER} is always safe)"
    ))
}

/// How a load uses the cache.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Use {
    /// Take records from the cache when they are still valid.
    pub read: bool,
    /// Write the shards whose records changed (all of them when not `read`).
    pub write: bool,
    /// A hash of the command-line overrides that change records (the base URL's path), so
    /// that records made with other overrides are not used.
    pub salt: u128,
}

impl Use {
    /// Reading and writing as given, for a site whose configuration (command-line overrides
    /// applied) is `config`.
    pub(crate) fn new(config: &Config, read: bool, write: bool) -> Use {
        Use {
            read,
            write,
            // The base URL's path (site.toml's or `--base-url`'s) is in every internal link
            // the Markdown renderer writes; nothing else from the command line is in records.
            salt: xxhash_rust::xxh3::xxh3_128(config.base_path.as_bytes()),
        }
    }
}

/// The shard a file's records go to, from its path relative to the site root.
pub(crate) fn shard_of(path: &Path) -> usize {
    (key(path) % SHARDS as u64) as usize
}

/// A hash of a path's bytes: `Path`'s own `Hash` walks its components, and at 100,000
/// lookups that showed in profiles.
fn key(path: &Path) -> u64 {
    xxh3_64(path.as_os_str().as_encoded_bytes())
}

/// One cached record, as read.
#[derive(Deserialize)]
struct Entry {
    stamp: Stamp,
    article: Article,
}

/// One record to write; the same serde form as [`Entry`], borrowed.
#[derive(Serialize)]
pub(crate) struct EntryRef<'a> {
    stamp: Stamp,
    article: &'a Article,
}

impl<'a> EntryRef<'a> {
    /// An entry to write, when it is one the next load could trust: its file settled before
    /// loading started, and its path is UTF-8 (serde's form of a path).
    pub(crate) fn new(stamp: Stamp, article: &'a Article, started: u64) -> Option<EntryRef<'a>> {
        (stamp.settled_before(started) && article.path.to_str().is_some())
            .then_some(EntryRef { stamp, article })
    }
}

/// The record cache of one site, for one key.
#[derive(Debug)]
pub(crate) struct Store {
    dir: PathBuf,
    key: u128,
}

impl Store {
    /// The cache of the site `config` is about, for records made with the command-line
    /// overrides whose hash is `salt`.
    pub(crate) fn open(config: &Config, salt: u128) -> Store {
        let executable = std::env::current_exe()
            .and_then(std::fs::metadata)
            .ok()
            .and_then(|meta| Stamp::of(&meta));
        let mut hasher = crate::hash::Pieces::new();
        hasher.put(env!("CARGO_PKG_VERSION").as_bytes());
        hasher.put(&FORMAT.to_le_bytes());
        hasher.put(&config.source_hash.to_le_bytes());
        hasher.put(&salt.to_le_bytes());
        if let Some(Stamp { size, modified }) = executable {
            hasher.put(&size.to_le_bytes());
            hasher.put(&modified.to_le_bytes());
        }
        Store {
            dir: config.root.join(FOLDER).join(RECORDS),
            key: hasher.finish(),
        }
    }

    /// The cache's key: a hash of everything besides a file that its record depends on.
    pub(crate) fn key(&self) -> u128 {
        self.key
    }

    /// The file of shard `n`.
    pub(crate) fn path(&self, n: usize) -> PathBuf {
        self.dir.join(format!("{n:02}"))
    }

    /// Reads shard `n`; an empty shard if it is missing or not valid for this key. Only the
    /// list of records is read: each body stays in the file, which is kept open, until a page
    /// needs it.
    pub(crate) fn read(&self, n: usize) -> Shard {
        match self.read_entries(n) {
            Ok(Some((started, entries, file))) => Shard {
                started,
                entries: entries
                    .into_iter()
                    .map(|e| (key(&e.article.path), e))
                    .collect(),
                changed: false,
                file: Some((file, self.path(n))),
            },
            // Not valid for this key, or damaged: rewritten by the next build that writes.
            Ok(None) => Shard {
                changed: true,
                ..Shard::default()
            },
            Err(_) => Shard::default(),
        }
    }

    /// The time loading started when shard `n` was written and its entries, each body given
    /// its place in the file; None when the file is not a valid shard for this key.
    #[allow(clippy::type_complexity)]
    fn read_entries(&self, n: usize) -> std::io::Result<Option<(u64, Vec<Entry>, std::fs::File)>> {
        use std::io::Read;
        thread_local! {
            /// The list of records being read, kept between shards: allocating it afresh for
            /// each one cost more in page faults than decoding it.
            static BUFFER: std::cell::RefCell<Vec<u8>> = const { std::cell::RefCell::new(Vec::new()) };
        }
        let path = self.path(n);
        let mut file = std::fs::File::open(&path)?;
        let size = file.metadata()?.len();
        let mut head = [0u8; HEADER_LEN];
        if file.read_exact(&mut head).is_err() {
            return Ok(None);
        }
        let number =
            |at: usize| u64::from_le_bytes(head[at..at + 8].try_into().unwrap_or_default());
        let (started, checksum, records_len) = (number(24), number(32), number(40));
        if &head[..8] != MAGIC
            || head[8..24] != self.key.to_le_bytes()
            || records_len > size.saturating_sub(HEADER_LEN as u64)
        {
            return Ok(None);
        }
        BUFFER.with_borrow_mut(|records| {
            records.clear();
            (&mut file).take(records_len).read_to_end(records)?;
            if records.len() as u64 != records_len || xxh3_64(records) != checksum {
                return Ok(None);
            }
            let Ok(mut entries) = postcard::from_bytes::<Vec<Entry>>(records) else {
                return Ok(None);
            };
            // The bodies follow the records, in their order, and fill the rest of the file,
            // which is file `n` of the build's body store.
            let mut offset = HEADER_LEN as u64 + records_len;
            for entry in &mut entries {
                offset = entry.article.body.place(n as u32, offset);
            }
            Ok((offset == size).then_some((started, entries, file)))
        })
    }

    /// Creates the folder (and the cache-directory tag beside it) before shards are written.
    pub(crate) fn prepare(&self) -> std::io::Result<()> {
        std::fs::create_dir_all(&self.dir)?;
        tag(self.dir.parent().unwrap_or(&self.dir))
    }

    /// Replaces shard `n` with `entries` (made when loading started at `started`), through a
    /// temporary file and a rename so that a reader never sees half a shard; removes it when
    /// there are none.
    pub(crate) fn write(
        &self,
        n: usize,
        started: u64,
        entries: &[EntryRef],
        bodies: &Bodies,
    ) -> std::io::Result<()> {
        let path = self.path(n);
        if entries.is_empty() {
            return match std::fs::remove_file(&path) {
                Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(e),
                _ => Ok(()),
            };
        }
        thread_local! {
            /// Reused between shards, as in `read`.
            static BUFFER: std::cell::RefCell<Vec<u8>> = const { std::cell::RefCell::new(Vec::new()) };
        }
        BUFFER.with_borrow_mut(|buffer| {
            buffer.clear();
            buffer.resize(HEADER_LEN, 0);
            let mut bytes = postcard::to_extend(entries, std::mem::take(buffer))
                .map_err(std::io::Error::other)?;
            let records_len = (bytes.len() - HEADER_LEN) as u64;
            let checksum = xxh3_64(&bytes[HEADER_LEN..]);
            // The bodies after the records, in their order (see `read_entries`); a body taken
            // from the cache is read from the file it is in, which stays open.
            let bodies = entries.iter().try_for_each(|entry| {
                let packed = bodies.packed(&entry.article.body).map_err(|e| e.error)?;
                bytes.extend_from_slice(&packed);
                Ok::<_, std::io::Error>(())
            });
            bytes[..8].copy_from_slice(MAGIC);
            bytes[8..24].copy_from_slice(&self.key.to_le_bytes());
            bytes[24..32].copy_from_slice(&started.to_le_bytes());
            bytes[32..40].copy_from_slice(&checksum.to_le_bytes());
            bytes[40..48].copy_from_slice(&records_len.to_le_bytes());
            let written = bodies.and_then(|()| crate::fs::replace(&path, &[&bytes]));
            *buffer = bytes;
            written
        })
    }
}

/// The shards a load changed, to write once the build has succeeded. The records themselves
/// are not kept here: they are the build's, and [`Pending::keep_original`] keeps a copy only
/// of those the build changes after loading.
#[derive(Debug)]
pub(crate) struct Pending {
    store: Store,
    /// When the load started.
    started: u64,
    /// For each shard, whether it is to be written.
    changed: Vec<bool>,
    /// The stamp of each file loaded into a changed shard.
    /// (By the path's bytes: see [`key`].)
    stamps: HashMap<OsString, Stamp>,
    /// Records as loaded, of articles the build changed after loading (see `keep_original`).
    originals: HashMap<OsString, Article>,
}

impl Pending {
    /// The changes of a load that started at `started`: `changed` for each shard, and the
    /// stamp of each file loaded into a changed one. None when no shard changed.
    pub(crate) fn new(
        store: Store,
        started: u64,
        changed: Vec<bool>,
        stamps: Vec<(PathBuf, Stamp)>,
    ) -> Option<Pending> {
        changed.contains(&true).then(|| Pending {
            store,
            started,
            changed,
            stamps: stamps
                .into_iter()
                .map(|(path, stamp)| (path.into_os_string(), stamp))
                .collect(),
            originals: HashMap::new(),
        })
    }

    /// Keeps a copy of `article` as the loader made it, for an article the build is about to
    /// change (links resolved in its body) or drop (a draft), when its shard is to be written:
    /// the cache holds the loader's records, not the build's.
    pub(crate) fn keep_original(&mut self, article: &Article) {
        if self.changed[shard_of(&article.path)] {
            self.originals
                .insert(article.path.as_os_str().to_owned(), article.clone());
        }
    }

    /// Writes every changed shard, with `articles`: the build's records of every article
    /// loaded, except those kept with [`Pending::keep_original`], which are written as kept.
    /// Returns the first failure, with the path it is about.
    pub(crate) fn write<'a>(
        &'a self,
        articles: impl Iterator<Item = &'a Article>,
        bodies: &Bodies,
    ) -> Result<(), (PathBuf, std::io::Error)> {
        use rayon::prelude::*;
        self.store
            .prepare()
            .map_err(|e| (self.store.dir.clone(), e))?;
        let mut shards: Vec<Vec<EntryRef>> = (0..SHARDS).map(|_| Vec::new()).collect();
        let kept = self.originals.values();
        let built = articles.filter(|a| !self.originals.contains_key(a.path.as_os_str()));
        for article in built.chain(kept) {
            let n = shard_of(&article.path);
            if !self.changed[n] {
                continue;
            }
            let entry = self
                .stamps
                .get(article.path.as_os_str())
                .and_then(|stamp| EntryRef::new(*stamp, article, self.started));
            shards[n].extend(entry);
        }
        shards
            .par_iter()
            .enumerate()
            .filter(|(n, _)| self.changed[*n])
            .try_for_each(|(n, entries)| {
                self.store
                    .write(n, self.started, entries, bodies)
                    .map_err(|e| (self.store.path(n), e))
            })
    }
}

/// A shard's valid entries, by path, as read at the start of a load.
#[derive(Default)]
pub(crate) struct Shard {
    /// When the load that wrote it started.
    started: u64,
    /// By [`key`] of the path.
    entries: HashMap<u64, Entry>,
    /// Whether the shard on disk no longer holds exactly the entries to keep: an entry was
    /// dropped, or the file is not valid for this key.
    changed: bool,
    /// The file its records' bodies are read from, open, and its path.
    file: Option<(std::fs::File, PathBuf)>,
}

impl Shard {
    /// The record of the file at `path` (relative to the site root) if the cache still holds
    /// it for the file as it is now (`stamp`), with its stamp.
    pub(crate) fn take(&mut self, path: &Path, stamp: Option<Stamp>) -> Option<(Stamp, Article)> {
        let entry = self.entries.remove(&key(path))?;
        if entry.article.path.as_os_str() != path.as_os_str() {
            // Two paths with one hash: parse both.
            self.changed = true;
            return None;
        }
        let valid = stamp == Some(entry.stamp) && entry.stamp.settled_before(self.started);
        if !valid {
            self.changed = true;
            return None;
        }
        Some((entry.stamp, entry.article))
    }

    /// Whether the shard must be written again to hold only the entries taken, plus any new
    /// ones: true if an entry was dropped, is left over (its file is gone) or the file was
    /// not valid.
    pub(crate) fn changed(&self) -> bool {
        self.changed || !self.entries.is_empty()
    }

    /// The file the bodies of its records are read from (open) and its path, when it was
    /// read: for the build's [`Bodies`] store, as file `n` for shard `n`.
    pub(crate) fn take_file(&mut self) -> Option<(std::fs::File, PathBuf)> {
        self.file.take()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::article::{ArticleTopic, Body, Media, Source};
    use crate::loader::scan::now;

    fn config(root: &Path, site_toml: &str) -> Config {
        std::fs::create_dir_all(root).unwrap();
        std::fs::write(root.join(crate::config::CONFIG_FILE), site_toml).unwrap();
        let mut c = Config::parse(root, site_toml).unwrap();
        c.root = root.to_path_buf();
        c
    }

    const SITE: &str = "title = \"T\"\nbase_url = \"https://e.org/\"\n";

    fn date(text: &str) -> chrono::DateTime<chrono::FixedOffset> {
        chrono::DateTime::parse_from_rfc3339(text).unwrap()
    }

    /// An article with every field set, and values of every kind in `extra`.
    fn full_article(path: &str) -> Article {
        let extra = serde_json::json!({
            "mood": "grim",
            "count": 3,
            "negative": -7,
            "ratio": 0.1 + 0.2,
            "big": u64::MAX,
            "yes": true,
            "none": null,
            "list": [1, "two", [3.5], {"four": 4}],
            "nested": {"a": {"b": ["c", {"d": false}]}},
        });
        Article {
            path: PathBuf::from(path),
            title: "Québec votes \u{1F5F3}".into(),
            // An offset with seconds (Monrovia's until 1972) and nanoseconds.
            date: date("1970-06-01T10:00:00.123456789-00:44")
                .with_timezone(&chrono::FixedOffset::east_opt(-(44 * 60 + 30)).unwrap()),
            updated: Some(date("2016-01-20T08:30:00+05:30")),
            slug: "quebec-votes".into(),
            url: "/2016/01/19/quebec-votes/".into(),
            summary: "A summary.".into(),
            topics: vec![
                ArticleTopic {
                    name: "Canada".into(),
                    declared: Some(2),
                    inferred: false,
                },
                ArticleTopic {
                    name: "ISIS".into(),
                    declared: None,
                    inferred: true,
                },
            ],
            authors: vec!["Jane Doe".into(), "John Roe".into()],
            source: Some(Source {
                name: "CBC News".into(),
                url: Some("https://cbc.ca".into()),
            }),
            original_url: Some("https://cbc.ca/news/1".into()),
            image: Some("/a.jpg".into()),
            draft: true,
            publish_date: Some(date("2016-01-21T08:00:00+01:00")),
            expiry_date: Some(date("2017-01-21T08:00:00Z")),
            extra: extra.as_object().unwrap().clone(),
            body: Body::new("<p>Caf\u{e9} news</p>", "Caf\u{e9} news"),
            words: 2,
            links_to_articles: true,
            aliases: vec!["/old/".into()],
            standfirst: Some("The dek.".into()),
            byline: Some("By Jane Doe".into()),
            dateline: Some("Posted: Jan 19, 2016".into()),
            related_headlines: vec!["Another story".into()],
            media: vec![Media {
                title: "Video".into(),
                caption: Some("A caption".into()),
                duration: Some("10:38".into()),
            }],
            unknown_keys: vec![crate::article::UnknownKey {
                key: "darft".into(),
                line: Some(4),
            }],
        }
    }

    fn old_stamp(size: u64) -> Stamp {
        Stamp {
            size,
            modified: now() - 3_600 * 1_000_000_000,
        }
    }

    #[test]
    fn an_article_with_every_field_set_comes_back_the_same() {
        let tmp = tempfile::tempdir().unwrap();
        let store = Store::open(&config(tmp.path(), SITE), 0);
        store.prepare().unwrap();
        let article = full_article("content/a.md");
        let stamp = old_stamp(10);
        let entries = [EntryRef::new(stamp, &article, now()).unwrap()];
        store.write(3, now(), &entries, &Bodies::default()).unwrap();

        let mut shard = store.read(3);
        let (got_stamp, got) = shard.take(Path::new("content/a.md"), Some(stamp)).unwrap();
        assert_eq!(got_stamp, stamp);
        assert_eq!(got, article);
        assert_eq!(got.date.offset().local_minus_utc(), -(44 * 60 + 30));
        assert_eq!(got.date.timestamp_subsec_nanos(), 123_456_789);
        assert_eq!(got.extra["ratio"].as_f64(), Some(0.1 + 0.2));
        assert_eq!(got.extra["big"].as_u64(), Some(u64::MAX));
        assert_eq!(got.extra["negative"].as_i64(), Some(-7));
        let mut bodies = Bodies::default();
        let (file, path) = shard.take_file().unwrap();
        bodies.insert(3, file, path);
        assert_eq!(bodies.html(&got.body).unwrap(), "<p>Caf\u{e9} news</p>");
        assert_eq!(bodies.text(&got.body).unwrap(), "Caf\u{e9} news");
        assert!(!shard.changed(), "taking a valid entry changes nothing");
    }

    #[test]
    fn a_damaged_shard_reads_as_empty_without_panicking() {
        let tmp = tempfile::tempdir().unwrap();
        let store = Store::open(&config(tmp.path(), SITE), 0);
        store.prepare().unwrap();
        let articles: Vec<Article> = (0..20)
            .map(|i| full_article(&format!("content/{i}.md")))
            .collect();
        let entries: Vec<EntryRef> = articles
            .iter()
            .map(|a| EntryRef::new(old_stamp(10), a, now()).unwrap())
            .collect();
        store.write(0, now(), &entries, &Bodies::default()).unwrap();
        let good = std::fs::read(store.path(0)).unwrap();
        assert_eq!(store.read(0).entries.len(), 20);

        let mut damaged: Vec<Vec<u8>> = vec![
            Vec::new(),
            b"garbage".to_vec(),
            good[..HEADER_LEN].to_vec(),
            good[..good.len() / 2].to_vec(),
            good[..good.len() - 1].to_vec(),
            (0..good.len()).map(|i| (i * 7919 % 251) as u8).collect(),
        ];
        let records_len = u64::from_le_bytes(good[40..48].try_into().unwrap()) as usize;
        let records = HEADER_LEN..HEADER_LEN + records_len;
        for at in [
            0,
            9,
            HEADER_LEN - 1,
            HEADER_LEN + 5,
            HEADER_LEN + records_len / 2,
            HEADER_LEN + records_len - 1,
        ] {
            let mut flipped = good.clone();
            flipped[at] ^= 0x20;
            damaged.push(flipped);
        }
        // Records that decode to nonsense even though the checksum is right.
        let mut nonsense = good.clone();
        for byte in &mut nonsense[records.clone()] {
            *byte = byte.wrapping_mul(31).wrapping_add(7);
        }
        let checksum = xxh3_64(&nonsense[records.clone()]);
        nonsense[32..40].copy_from_slice(&checksum.to_le_bytes());
        damaged.push(nonsense);
        // Bodies that are not where the records say: one byte too many.
        let mut longer = good.clone();
        longer.push(0);
        damaged.push(longer);

        for (i, bytes) in damaged.iter().enumerate() {
            std::fs::write(store.path(0), bytes).unwrap();
            let mut shard = store.read(0);
            assert!(shard.entries.is_empty(), "case {i}");
            assert!(
                shard.changed(),
                "case {i}: a damaged shard is written again"
            );
            assert!(shard
                .take(Path::new("content/0.md"), Some(old_stamp(10)))
                .is_none());
        }
        // A damaged body is found when it is read: the read fails, naming the file, and the
        // file is removed so that the next build parses its articles again.
        let stamp = old_stamp(10);
        let entries: Vec<EntryRef> = articles
            .iter()
            .map(|a| EntryRef::new(stamp, a, now()).unwrap())
            .collect();
        store.write(0, now(), &entries, &Bodies::default()).unwrap();
        let mut flipped = std::fs::read(store.path(0)).unwrap();
        let last = flipped.len() - 1;
        flipped[last] ^= 0x20;
        std::fs::write(store.path(0), &flipped).unwrap();
        let mut shard = store.read(0);
        let (_, first) = shard.take(Path::new("content/0.md"), Some(stamp)).unwrap();
        let (_, last) = shard.take(Path::new("content/19.md"), Some(stamp)).unwrap();
        let mut bodies = Bodies::default();
        let (file, path) = shard.take_file().unwrap();
        bodies.insert(0, file, path);
        assert_eq!(bodies.html(&first.body).unwrap(), "<p>Caf\u{e9} news</p>");
        assert!(store.path(0).exists());
        let failed = bodies.html(&last.body).unwrap_err();
        assert_eq!(failed.path, Some(store.path(0)));
        assert!(!store.path(0).exists(), "the damaged file is removed");
        // Its file was open: the bodies still read as they were, the damaged one still fails.
        assert!(bodies.html(&first.body).is_ok());
        assert!(bodies.html(&last.body).is_err());
        store.write(0, now(), &entries, &Bodies::default()).unwrap();

        // A missing shard is simply empty.
        std::fs::remove_file(store.path(0)).unwrap();
        assert!(!store.read(0).changed());
    }

    #[test]
    fn a_shard_written_with_another_key_is_not_used() {
        let tmp = tempfile::tempdir().unwrap();
        let article = full_article("content/a.md");
        let stamp = old_stamp(10);
        let write = |site: &str, salt: u128| {
            let store = Store::open(&config(tmp.path(), site), salt);
            store.prepare().unwrap();
            let entries = [EntryRef::new(stamp, &article, now()).unwrap()];
            store.write(5, now(), &entries, &Bodies::default()).unwrap();
        };
        let read = |site: &str, salt: u128| {
            let store = Store::open(&config(tmp.path(), site), salt);
            store
                .read(5)
                .take(Path::new("content/a.md"), Some(stamp))
                .is_some()
        };
        write(SITE, 0);
        assert!(read(SITE, 0));
        // Another site.toml (even one that means the same), or another salt.
        assert!(!read(&format!("{SITE}\n"), 0));
        write(SITE, 0);
        assert!(!read(SITE, 1));
        // Another format version or gazette version: the magic and key change; simulate with
        // a shard from a different key.
        write(SITE, 2);
        assert!(!read(SITE, 0));
    }

    #[test]
    fn an_entry_is_used_only_while_its_file_is_unchanged_and_was_settled() {
        let tmp = tempfile::tempdir().unwrap();
        let store = Store::open(&config(tmp.path(), SITE), 0);
        store.prepare().unwrap();
        let article = full_article("content/a.md");
        let started = now();
        let stamp = old_stamp(10);
        // Modified within RACY_SECONDS before the load started: not even written.
        let racy = Stamp {
            size: 10,
            modified: started - 1_000_000_000,
        };
        assert!(EntryRef::new(racy, &article, started).is_none());
        store
            .write(
                1,
                started,
                &[EntryRef::new(stamp, &article, started).unwrap()],
                &Bodies::default(),
            )
            .unwrap();
        let path = Path::new("content/a.md");
        // Another size, another time, or no file: not used, and the shard must be rewritten.
        for now_stamp in [
            Some(Stamp { size: 11, ..stamp }),
            Some(Stamp {
                modified: stamp.modified + 1,
                ..stamp
            }),
            None,
        ] {
            let mut shard = store.read(1);
            assert!(shard.take(path, now_stamp).is_none());
            assert!(shard.changed());
        }
        // An entry no file took (its file is gone) is left over: the shard is rewritten.
        assert!(store.read(1).changed());
        let mut shard = store.read(1);
        assert!(shard.take(path, Some(stamp)).is_some());
        assert!(!shard.changed());

        // A shard whose entry was modified too near the time it was written (say, written by
        // an older gazette with a looser rule, or with the clock set back) is not trusted.
        store
            .write(
                1,
                stamp.modified + 1_000_000_000,
                &[EntryRef {
                    stamp,
                    article: &article,
                }],
                &Bodies::default(),
            )
            .unwrap();
        let mut shard = store.read(1);
        assert!(shard.take(path, Some(stamp)).is_none());
    }
}

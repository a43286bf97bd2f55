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
//! the length of the list of records; then the records' packed bodies; and last the list of
//! records, in postcard (a compact serde format: varints, strings as they are), which fills
//! the end of the file. A record holds its body's length and digest, not the body, and its
//! entry says where the body is: a load reads and checks only the list (about a tenth of the
//! file), keeps the file open, and reads a body from it when a page shows that article,
//! checking it against its digest (see [`crate::article::Body`]). So a rebuild that renders a
//! few pages reads a few bodies, not 300 MB (unless search is on: the search index is made
//! from every body on every build).
//!
//! The bodies come first so that a build can write the bodies it parses to the shard's next
//! file, [`NewShard`], as it goes (a megabyte at a time), and then read them from there,
//! rather than hold every body in memory until the build has succeeded (issue 14: at 100,000 articles that was
//! 242 MB of a 660 MB peak). That file is `NN.tmp-PID` until [`Pending::write`] adds the
//! records and renames it over the shard, once the output is committed; a build that fails
//! removes it, and one that dies leaves it to [`crate::incremental::sweep`].
//!
//! The key is a hash of everything besides the file itself that changes a record: gazette's
//! version and this format's, the bytes of site.toml, the caller's salt (command-line
//! overrides) and the size and modification time of the running executable, so a gazette
//! rebuilt with different parsing code does not trust the records of the old one even at the
//! same version number.
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

use crate::article::{Article, Bodies, Body};
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

/// Changed whenever the layout of a shard or of [`Article`]'s serde form changes (5: `notes`
/// and page bundles; 7: `corrections` and `update_note`; 8: bundle images' processing).
const FORMAT: u32 = 8;

const MAGIC: &[u8; 8] = b"gzrecr5\n";

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
pub(crate) fn key(path: &Path) -> u64 {
    xxh3_64(path.as_os_str().as_encoded_bytes())
}

/// One cached record, as read.
#[derive(Deserialize)]
struct Entry {
    stamp: Stamp,
    article: Article,
    /// Where its body starts in the shard's file.
    at: u64,
}

/// One record to write; the same serde form as [`Entry`], borrowed.
#[derive(Serialize)]
pub(crate) struct EntryRef<'a> {
    stamp: Stamp,
    article: &'a Article,
    /// Where its body starts in the shard's file, found when it is written.
    at: u64,
}

impl<'a> EntryRef<'a> {
    /// An entry to write, when it is one the next load could trust: its file settled before
    /// loading started, and its path is UTF-8 (serde's form of a path).
    pub(crate) fn new(stamp: Stamp, article: &'a Article, started: u64) -> Option<EntryRef<'a>> {
        (stamp.settled_before(started) && article.path.to_str().is_some()).then_some(EntryRef {
            stamp,
            article,
            at: 0,
        })
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
        let executable = super::fingerprint::executable();
        let mut hasher = crate::hash::Pieces::new();
        hasher.put(env!("CARGO_PKG_VERSION").as_bytes());
        hasher.put(&FORMAT.to_le_bytes());
        hasher.put(&config.source_hash.to_le_bytes());
        hasher.put(&salt.to_le_bytes());
        if let Some(Stamp { size, modified, .. }) = executable {
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
        use std::io::{Read, Seek};
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
        // The records fill the end of the file; the bodies are between them and the header.
        let bodies_end = match size.checked_sub(records_len) {
            Some(at) if at >= HEADER_LEN as u64 => at,
            _ => return Ok(None),
        };
        if &head[..8] != MAGIC || head[8..24] != self.key.to_le_bytes() {
            return Ok(None);
        }
        file.seek(std::io::SeekFrom::Start(bodies_end))?;
        BUFFER.with_borrow_mut(|records| {
            records.clear();
            (&mut file).take(records_len).read_to_end(records)?;
            if records.len() as u64 != records_len || xxh3_64(records) != checksum {
                return Ok(None);
            }
            let Ok(mut entries) = postcard::from_bytes::<Vec<Entry>>(records) else {
                return Ok(None);
            };
            // Each body where its entry says, between the header and the records, in file `n`
            // of the build's body store.
            for entry in &mut entries {
                let len = entry.article.body.packed_len() as u64;
                let end = entry.at.checked_add(len);
                if len > 0 && (entry.at < HEADER_LEN as u64 || end.is_none_or(|e| e > bodies_end)) {
                    return Ok(None);
                }
                entry.article.body.place(n as u32, entry.at);
            }
            Ok(Some((started, entries, file)))
        })
    }

    /// Creates the folder (and the cache-directory tag beside it) before shards are written.
    pub(crate) fn prepare(&self) -> std::io::Result<()> {
        std::fs::create_dir_all(&self.dir)?;
        tag(self.dir.parent().unwrap_or(&self.dir))
    }

    /// gazette's cache folder and the record cache's, deepest first, those that do not exist
    /// yet: what a build that makes a [`NewShard`] and then fails removes again (see
    /// [`Pending`]), so that it leaves no cache folder behind.
    pub(crate) fn absent_folders(&self) -> Vec<PathBuf> {
        let parent = self.dir.parent().map(Path::to_path_buf);
        std::iter::once(self.dir.clone())
            .chain(parent)
            .filter(|dir| !dir.exists())
            .collect()
    }

    /// Replaces shard `n` with `entries` (made when loading started at `started`), their bodies
    /// read from `bodies`: fills `new` (the bodies it holds already stay where they are, the
    /// others are added), or a new file when there is none, and renames it over the shard, so
    /// that a reader never sees half a shard. Removes the shard when there are no entries.
    pub(crate) fn write(
        &self,
        n: usize,
        started: u64,
        mut entries: Vec<EntryRef>,
        bodies: &Bodies,
        new: Option<NewShard>,
    ) -> std::io::Result<()> {
        let path = self.path(n);
        if entries.is_empty() {
            return match std::fs::remove_file(&path) {
                Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(e),
                _ => Ok(()),
            };
        }
        let mut new = match new {
            Some(new) => new,
            None => NewShard::create(self, n)?,
        };
        if let Some(e) = new.failed.take() {
            return Err(e);
        }
        thread_local! {
            /// Reused between shards, as in `read`.
            static BUFFER: std::cell::RefCell<Vec<u8>> = const { std::cell::RefCell::new(Vec::new()) };
        }
        BUFFER.with_borrow_mut(|buffer| {
            // The bodies `new` does not hold yet (taken from the cache, or kept in memory)
            // after those it holds, then the records.
            buffer.clear();
            for entry in &mut entries {
                let body = &entry.article.body;
                entry.at = match body.stored() {
                    Some((file, at)) if file == new.number => at,
                    _ if body.packed_len() == 0 => 0,
                    _ => {
                        let at = new.len + buffer.len() as u64;
                        buffer.extend_from_slice(&bodies.packed(body).map_err(|e| e.error)?);
                        at
                    }
                };
            }
            let records_at = buffer.len();
            let bytes = postcard::to_extend(&entries, std::mem::take(buffer))
                .map_err(std::io::Error::other)?;
            let records = &bytes[records_at..];
            let mut head = [0u8; HEADER_LEN];
            head[..8].copy_from_slice(MAGIC);
            head[8..24].copy_from_slice(&self.key.to_le_bytes());
            head[24..32].copy_from_slice(&started.to_le_bytes());
            head[32..40].copy_from_slice(&xxh3_64(records).to_le_bytes());
            head[40..48].copy_from_slice(&(records.len() as u64).to_le_bytes());
            let written = write_at(&new.file, &bytes, new.len)
                .and_then(|()| write_at(&new.file, &head, 0))
                .and_then(|()| std::fs::rename(&new.path, &path));
            *buffer = bytes;
            // Renamed: the file is the shard now, not a temporary file to remove.
            new.kept = written.is_ok();
            written
        })
    }
}

/// The next file of a shard, being filled: `NN.tmp-PID` beside the shard, with room for the
/// header and then bodies, written as the loader makes them; file
/// [`SHARDS`]` + NN` of the build's [`Bodies`] store, which reads them back. [`Store::write`]
/// adds the records and renames it over the shard; dropped before that, it is removed.
#[derive(Debug)]
pub(crate) struct NewShard {
    file: std::fs::File,
    /// A second handle on the file, for the build's [`Bodies`] (see [`NewShard::take_reader`]).
    reader: Option<std::fs::File>,
    path: PathBuf,
    /// Its number in the build's [`Bodies`] store.
    number: u32,
    /// Bytes written: where the next body goes.
    len: u64,
    /// The first write that failed (a full disk, say): the bodies not yet written stay in
    /// memory, and the shard is not written this time, with a warning, as when writing it
    /// at the end of the build fails.
    failed: Option<std::io::Error>,
    /// Renamed over the shard: no longer to be removed.
    kept: bool,
}

impl NewShard {
    /// Creates the next file of shard `n` of `store` (and the folder, when it is missing).
    pub(crate) fn create(store: &Store, n: usize) -> std::io::Result<NewShard> {
        std::fs::create_dir_all(&store.dir)?;
        let shard = store.path(n);
        let mut name = shard.file_name().unwrap_or_default().to_os_string();
        name.push(format!(".tmp-{}", std::process::id()));
        let path = shard.with_file_name(name);
        let file = std::fs::File::options()
            .read(true)
            .write(true)
            .create(true)
            .truncate(true)
            .open(&path)?;
        let mut new = NewShard {
            reader: None,
            file,
            path,
            number: (SHARDS + n) as u32,
            len: HEADER_LEN as u64,
            failed: None,
            kept: false,
        };
        // Made now, so that a body is never written where it cannot be read back. (From
        // here on, a failure drops `new`, which removes the file.)
        new.reader = Some(new.file.try_clone()?);
        // The header is written last, over these zeros: a shard cut short never reads as one.
        write_at(&new.file, &[0; HEADER_LEN], 0)?;
        Ok(new)
    }

    /// Writes those of `bodies` held in memory to this file, in one write, and leaves each
    /// naming its place there; after a failed write they stay in memory, whole.
    pub(crate) fn spill<'b>(&mut self, bodies: impl Iterator<Item = &'b mut Body>) {
        if self.failed.is_some() {
            return;
        }
        let mut bodies: Vec<&mut Body> = bodies.filter(|b| b.in_memory().is_some()).collect();
        let mut bytes = Vec::with_capacity(bodies.iter().map(|b| b.packed_len()).sum());
        for body in &bodies {
            bytes.extend_from_slice(body.in_memory().unwrap_or_default());
        }
        if let Err(e) = write_at(&self.file, &bytes, self.len) {
            self.failed = Some(e);
            return;
        }
        for body in &mut bodies {
            self.len = body.moved_to(self.number, self.len);
        }
    }

    /// A second handle on the file, with its number and path, for the build's [`Bodies`].
    pub(crate) fn take_reader(&mut self) -> Option<(u32, std::fs::File, PathBuf)> {
        let file = self.reader.take()?;
        Some((self.number, file, self.path.clone()))
    }
}

impl Drop for NewShard {
    fn drop(&mut self) {
        if !self.kept {
            let _ = std::fs::remove_file(&self.path);
        }
    }
}

/// Writes all of `bytes` at `offset` in `file`, leaving the file's position alone (the
/// [`Bodies`] store reads the same file through a second handle, which shares it).
fn write_at(file: &std::fs::File, bytes: &[u8], offset: u64) -> std::io::Result<()> {
    #[cfg(unix)]
    return std::os::unix::fs::FileExt::write_all_at(file, bytes, offset);
    #[cfg(windows)]
    {
        let mut done = 0;
        while done < bytes.len() {
            let n = std::os::windows::fs::FileExt::seek_write(
                file,
                &bytes[done..],
                offset + done as u64,
            )?;
            if n == 0 {
                return Err(std::io::ErrorKind::WriteZero.into());
            }
            done += n;
        }
        Ok(())
    }
}

/// The shards a load changed, to write once the build has succeeded. The records themselves
/// are not kept here: they are the build's, and [`Pending::keep_original`] keeps a copy only
/// of those the build changes after loading. Their bodies are, in the changed shards' next
/// files ([`NewShard`]); dropped without [`Pending::write`] (the build failed), it removes
/// those files, and the cache folders the load made for them.
#[derive(Debug)]
pub(crate) struct Pending {
    store: Store,
    /// When the load started.
    started: u64,
    /// For each shard, whether it is to be written.
    changed: Vec<bool>,
    /// The stamp of each file loaded into a changed shard, by [`key`] of its path: not the
    /// path again, which was 12 MB at 100,000 articles. Two paths of one key (a 64-bit hash)
    /// have None, and neither record is written: the next load parses both.
    stamps: HashMap<u64, Option<Stamp>>,
    /// Records as loaded, of articles the build changed after loading (see `keep_original`).
    originals: HashMap<OsString, Article>,
    /// Each shard's next file, when the load made one; taken by `write`.
    new: std::sync::Mutex<Vec<Option<NewShard>>>,
    /// The cache folders that did not exist before the load (see [`Store::absent_folders`]).
    absent: Vec<PathBuf>,
    /// Whether `write` ran: the build succeeded, and the folders are the cache's.
    saved: std::sync::atomic::AtomicBool,
}

impl Drop for Pending {
    fn drop(&mut self) {
        // The new files first (each removes itself), then the folders, when empty.
        drop(std::mem::take(
            self.new.get_mut().unwrap_or_else(|e| e.into_inner()),
        ));
        if !*self.saved.get_mut() {
            for folder in &self.absent {
                let _ = std::fs::remove_dir(folder);
            }
        }
    }
}

impl Pending {
    /// The changes of a load that started at `started`: `changed` for each shard, the stamp
    /// of each file loaded into a changed one, the shards' next files and the cache folders
    /// that were `absent` before the load. None when no shard changed.
    pub(crate) fn new(
        store: Store,
        started: u64,
        changed: Vec<bool>,
        stamps: Vec<(u64, Stamp)>,
        new: Vec<Option<NewShard>>,
        absent: Vec<PathBuf>,
    ) -> Option<Pending> {
        changed.contains(&true).then(|| Pending {
            store,
            started,
            changed,
            stamps: {
                let mut by_key = HashMap::with_capacity(stamps.len());
                for (key, stamp) in stamps {
                    by_key
                        .entry(key)
                        .and_modify(|s| *s = None)
                        .or_insert(Some(stamp));
                }
                by_key
            },
            originals: HashMap::new(),
            new: std::sync::Mutex::new(new),
            absent,
            saved: std::sync::atomic::AtomicBool::new(false),
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
    /// The next file the load made for a shard becomes it (see [`Store::write`]). Returns the
    /// first failure, with the path it is about.
    pub(crate) fn write<'a>(
        &'a self,
        articles: impl Iterator<Item = &'a Article>,
        bodies: &Bodies,
    ) -> Result<(), (PathBuf, std::io::Error)> {
        use rayon::prelude::*;
        self.saved.store(true, std::sync::atomic::Ordering::Relaxed);
        // Taken whole, so that every new file is renamed or removed before this returns (a
        // `serve` build after this one makes files of the same names).
        let mut new = std::mem::take(&mut *self.new.lock().unwrap_or_else(|e| e.into_inner()));
        new.resize_with(SHARDS, || None);
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
                .get(&key(&article.path))
                .copied()
                .flatten()
                .and_then(|stamp| EntryRef::new(stamp, article, self.started));
            shards[n].extend(entry);
        }
        shards
            .into_par_iter()
            .zip(new)
            .enumerate()
            .filter(|(n, _)| self.changed[*n])
            .try_for_each(|(n, (entries, new))| {
                self.store
                    .write(n, self.started, entries, bodies, new)
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
#[path = "records_tests.rs"]
mod tests;

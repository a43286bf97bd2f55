//! Loading `content/` through the record cache: the records of files unchanged since the
//! last build come from [`super::records`], the others are parsed by the loader. Work is
//! split by cache shard, so each shard is read, checked and filled on one thread.

use std::path::{Path, PathBuf};

use rayon::prelude::*;

use super::records::{key, shard_of, NewShard, Pending, Shard, Store, Use, SHARDS};
use crate::article::Article;
use crate::config::Config;
use crate::error::Diagnostic;
use crate::loader::{self, scan::Scan, scan::Stamp, Outcome};

/// What loading `content/` found.
#[derive(Debug, Default)]
pub(crate) struct Loaded {
    /// The articles that loaded, drafts included, in no particular order.
    pub articles: Vec<Article>,
    /// Problems that stop the build: every bad file's, all at once.
    pub errors: Vec<Diagnostic>,
    /// Problems that do not stop the build.
    pub warnings: Vec<Diagnostic>,
    /// The problems of each file that could not be loaded as an article, file by file: they
    /// stop the build, unless it skips broken files (`--skip-broken`).
    pub broken: Vec<Vec<Diagnostic>>,
    /// Files read and parsed (those that failed included).
    pub parsed: usize,
    /// Files whose records came from the record cache.
    pub cached: usize,
    /// The paths of the articles parsed rather than taken from the record cache (relative
    /// to the site root): with the cache, the ones that may have changed since the last
    /// build.
    pub fresh: Vec<PathBuf>,
    /// Where the bodies of the records taken from the record cache are read from.
    pub bodies: crate::article::Bodies,
    /// The record cache's changes, to write once the build has succeeded; None when nothing
    /// changed or the load was not to write the cache.
    pub cache: Option<Pending>,
}

/// Loads every article under the site's `content/` folder, taking the records of unchanged
/// files from the record cache and parsing the others, as `cache` says, from the files of
/// `scan` when the caller has walked `content/` already (a build does, for its input
/// fingerprint). The articles are in the same order either way (that of the walk). The
/// record cache is not written here: see [`Pending`].
pub(super) fn load(config: &Config, cache: Use, scan: Option<Scan>) -> Loaded {
    let content = config.content_dir();
    let mut loaded = Loaded::default();
    if !content.is_dir() {
        loaded.errors.push(
            Diagnostic::new(
                loader::shown(config, Path::new("content")),
                "there is no content/ folder",
            )
            .help("create content/ and add articles to it, one Markdown file each"),
        );
        return loaded;
    }
    let store = (cache.read || cache.write).then(|| Store::open(config, cache.salt));
    // Looked at before a shard's next file makes them: a build that fails removes them again.
    let absent = match &store {
        Some(store) if cache.write => store.absent_folders(),
        _ => Vec::new(),
    };
    let writing = store.as_ref().filter(|_| cache.write);
    // The cache is read while content/ is walked: neither needs the other.
    let (scan, old) = rayon::join(
        || scan.unwrap_or_else(|| loader::scan::scan(config)),
        || -> Vec<Shard> {
            (0..SHARDS)
                .into_par_iter()
                .map(|n| match &store {
                    Some(store) if cache.read => store.read(n),
                    _ => Shard::default(),
                })
                .collect()
        },
    );
    // Taken before any file was looked at: a file modified after this is newer than its stamp.
    let started = scan.started;
    let loader::Articles {
        files,
        stamps,
        bundles,
    } = loader::articles_of(config, scan, &mut loaded.warnings);
    let owners: Vec<usize> = files.iter().map(|f| shard_of(f)).collect();
    let mut shards = vec![Vec::new(); SHARDS];
    for (i, owner) in owners.iter().enumerate() {
        shards[*owner].push(i);
    }
    let shards: Vec<LoadedShard> = shards
        .into_par_iter()
        .zip(old)
        .enumerate()
        .map(|(n, (indices, old))| {
            let new = writing.map(|store| (store, n));
            let walk = Walk {
                files: &files,
                found: &stamps,
                bundles: &bundles,
            };
            load_shard(config, old, new, cache, started, &indices, walk)
        })
        .collect();

    let mut changed = Vec::with_capacity(SHARDS);
    let mut new = Vec::with_capacity(SHARDS);
    let mut stamps = Vec::new();
    let mut results = Vec::with_capacity(SHARDS);
    for (n, shard) in shards.into_iter().enumerate() {
        loaded.parsed += shard.parsed;
        loaded.cached += shard.cached;
        loaded.fresh.extend(shard.fresh);
        // Shard `n`'s bodies are file `n` of the store (see `cache::Store::read`).
        if let Some((file, path)) = shard.file {
            loaded.bodies.insert(n as u32, file, path);
        }
        // The bodies parsed are in the shard's next file, read through a second handle.
        let mut next = shard.new;
        if let Some((number, file, path)) = next.as_mut().and_then(NewShard::take_reader) {
            loaded.bodies.insert(number, file, path);
        }
        new.push(next);
        changed.push(shard.changed);
        stamps.extend(shard.stamps);
        results.push(shard.results.into_iter());
    }
    // Back in the walk's order: each shard's results are in that order, so the next file's
    // is the next of its shard's.
    loaded.articles.reserve(files.len());
    for owner in owners {
        match results[owner].next() {
            Some((_, Outcome::Article(article))) => loaded.articles.push(article),
            Some((_, Outcome::Skipped(warning))) => loaded.warnings.push(warning),
            Some((_, Outcome::Failed(problems))) => loaded.broken.push(problems),
            None => {}
        }
    }
    // Kept in the records, so the ones taken from the cache warn too. (The path is made only
    // for the few articles that have one: this runs over every article of every build.)
    for article in loaded
        .articles
        .iter()
        .filter(|a| !a.unknown_keys.is_empty() || !a.notes.is_empty())
    {
        let shown = loader::shown(config, &article.path);
        for note in &article.notes {
            loaded.warnings.push(note.diagnostic(&shown));
        }
        for key in &article.unknown_keys {
            loaded
                .warnings
                .push(loader::record::unknown_key(&shown, key, config));
        }
    }
    loaded.cache = store
        .filter(|_| cache.write)
        .and_then(|store| Pending::new(store, started, changed, stamps, new, absent));
    loaded
}

/// How many bytes of bodies a shard's loading holds before writing them to the shard's next
/// file in one write: a write per body was 100,000 system calls at 100,000 articles.
const SPILL_BYTES: usize = 1 << 20;

/// The bodies of `results` whose records are to be written (those with a stamp in `stamps`;
/// of those, [`NewShard::spill`] writes the ones in memory, the parsed ones).
fn to_spill<'r>(
    results: &'r mut [(usize, Outcome)],
    stamps: &'r [Option<Stamp>],
) -> impl Iterator<Item = &'r mut crate::article::Body> {
    results
        .iter_mut()
        .zip(stamps)
        .filter_map(|((_, result), stamp)| match (result, stamp) {
            (Outcome::Article(article), Some(_)) => Some(&mut article.body),
            _ => None,
        })
}

/// The article files of the walk, as [`loader::articles_of`] found them.
#[derive(Clone, Copy)]
struct Walk<'w> {
    files: &'w [PathBuf],
    found: &'w [Option<Stamp>],
    bundles: &'w std::collections::HashMap<usize, std::sync::Arc<crate::loader::bundle::Bundle>>,
}

/// The files of one cache shard, loaded.
struct LoadedShard {
    /// Each file's index in the walk, and what it loaded to.
    results: Vec<(usize, Outcome)>,
    parsed: usize,
    cached: usize,
    /// The paths of the articles parsed.
    fresh: Vec<PathBuf>,
    /// The file the cached records' bodies are read from, open, and its path.
    file: Option<(std::fs::File, PathBuf)>,
    /// The shard's next file, holding the bodies parsed, when the cache is to be written.
    new: Option<NewShard>,
    /// Whether the shard's records differ from those on disk.
    changed: bool,
    /// When the shard changed and is to be written, the stamp of each article loaded, by
    /// [`key`](super::records::key) of its path.
    stamps: Vec<(u64, Stamp)>,
}

/// Loads the files of one shard (`indices` into `files`), whose cached records are `old`:
/// each from the cache when it holds the file as it is, else by parsing it. When the cache is
/// to be written, `new` is its store and the shard's number: the bodies parsed go to the
/// shard's next file as loading goes, [`SPILL_BYTES`] at a time (see [`NewShard`]).
fn load_shard(
    config: &Config,
    mut old: Shard,
    new: Option<(&Store, usize)>,
    cache: Use,
    started: u64,
    indices: &[usize],
    walk: Walk,
) -> LoadedShard {
    let Walk {
        files,
        found,
        bundles,
    } = walk;
    let mut shard = LoadedShard {
        results: Vec::with_capacity(indices.len()),
        parsed: 0,
        cached: 0,
        fresh: Vec::new(),
        file: None,
        new: None,
        // Without reading, every shard is written anew (`--force`).
        changed: !cache.read,
        stamps: Vec::new(),
    };
    let mut stamps = Vec::with_capacity(indices.len());
    // Whether the shard's next file could not be made: tried once.
    let mut unmade = false;
    // The results before `spilled` have had their bodies written; those after hold
    // `waiting` bytes of bodies to write.
    let (mut spilled, mut waiting) = (0, 0);
    for &i in indices {
        let relative = &files[i];
        if cache.read {
            if let Some((stamp, article)) = old.take(relative, found[i]) {
                shard.cached += 1;
                stamps.push(Some(stamp));
                shard.results.push((i, Outcome::Article(article)));
                continue;
            }
        }
        let bundle = bundles.get(&i).map(|b| &**b);
        let (result, stamp) = loader::load_file(config, relative, bundle);
        shard.parsed += 1;
        if let Some(article) = result.article() {
            shard.fresh.push(article.path.clone());
        }
        // A record is new in the cache only if it can be trusted next time; otherwise the file
        // is parsed again anyway, and nothing needs writing for it.
        let stamp = stamp.filter(|s| result.article().is_some() && s.settled_before(started));
        shard.changed |= stamp.is_some();
        // Only the bodies of records to be written go to the shard's next file, which becomes
        // the shard. If it cannot be made, they stay in memory and writing the shard fails
        // later, with a warning.
        if let (Some(_), Some((store, n)), Some(article)) = (stamp, new, result.article()) {
            if shard.new.is_none() && !unmade {
                shard.new = NewShard::create(store, n).ok();
                unmade = shard.new.is_none();
            }
            waiting += article.body.packed_len();
        }
        stamps.push(stamp);
        shard.results.push((i, result));
        if waiting >= SPILL_BYTES {
            if let Some(file) = &mut shard.new {
                file.spill(to_spill(&mut shard.results[spilled..], &stamps[spilled..]));
            }
            (spilled, waiting) = (shard.results.len(), 0);
        }
    }
    if let Some(file) = &mut shard.new {
        file.spill(to_spill(&mut shard.results[spilled..], &stamps[spilled..]));
    }
    shard.changed |= old.changed();
    shard.file = old.take_file();
    if shard.changed && cache.write {
        shard.stamps = shard
            .results
            .iter()
            .zip(stamps)
            .filter_map(|((_, result), stamp)| Some((key(&result.article()?.path), stamp?)))
            .collect();
    }
    shard
}

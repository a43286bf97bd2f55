//! The index's memory between builds, in `.gazette-cache/search/`: what each article was
//! indexed as, and the last build's shards, so that an edit re-tokenises only the articles
//! that changed and rewrites only the shards whose keys they touch.
//!
//! - `state`: a [`Header`]: the settings' key, the id slots and cut period, every
//!   article's id, a digest of what was indexed of it and its parts' lengths (for the
//!   averages BM25F needs), and every shard's first key, name and content hashes.
//! - `<name>.s`: a shard's text, as published.
//!
//! The header is replaced last, by rename; a shard file that does not match the header's
//! hash (a crash between the two, a disk error, a hand edit) makes the next build index
//! everything again, as does a missing or unreadable header. Deleting the folder is always
//! safe. An incremental update ends in the same bytes as a clean build: the same cut rule
//! (see `layout.rs`), the same averages (from the stored lengths of the same sample), the
//! same ids.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::PathBuf;

use rayon::prelude::*;
use serde::{Deserialize, Serialize};
use xxhash_rust::xxh3::xxh3_64;

use super::code::{encode, numbers};
use super::layout::{self, Cutter, Entry, Kept, Shard};
use super::terms::Term;

/// Changes whenever the files' meaning does.
pub(super) const FORMAT: u32 = 1;

/// The header's file name.
const HEADER: &str = "state";

/// Where the state lives and whether to read it.
#[derive(Debug, Clone)]
pub struct Cache {
    /// The folder (`.gazette-cache/search`).
    pub dir: PathBuf,
    /// A key over everything the index depends on besides the articles: gazette's
    /// executable, `site.toml`. A state made under another key is not used.
    pub key: u128,
    /// False with `--force`: index everything, then write the state anew.
    pub read: bool,
}

/// One article as last indexed.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub(super) struct Doc {
    pub id: u64,
    /// A hash of everything indexed of it (see `Index::digest`).
    pub digest: u64,
    /// Its parts' lengths in tokens, in `terms::PARTS` order.
    pub lengths: [u32; 7],
}

/// The state's header.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub(super) struct Header {
    pub format: u32,
    pub key: u128,
    /// The index settings' hash: language, fields, folding.
    pub settings: u64,
    pub slots: u64,
    pub period: u64,
    pub averages: [f64; 7],
    pub terms: usize,
    pub postings: usize,
    /// Sorted by id.
    pub docs: Vec<Doc>,
    /// `(first key, name, hash of its text)`, in key order.
    pub shards: Vec<(String, String, u64)>,
}

/// A state read back: its header and shards.
pub(super) struct Loaded {
    pub header: Header,
    pub shards: Vec<Shard>,
}

impl Cache {
    /// The cache of the index of language `lang` (tagged `code`): this one for the default
    /// language, a folder of its own (`lang/<code>`) for each other.
    pub(super) fn scoped(&self, lang: usize, code: &str) -> Cache {
        Cache {
            dir: match lang {
                0 => self.dir.clone(),
                _ => self.dir.join("lang").join(code),
            },
            key: self.key,
            read: self.read,
        }
    }

    /// Reads the state made under `key` with `settings`, or None when there is none (or it
    /// cannot be trusted).
    pub(super) fn load(&self, settings: u64) -> Option<Loaded> {
        if !self.read {
            return None;
        }
        let bytes = crate::fs::read(&self.dir.join(HEADER)).ok()?;
        let header: Header = postcard::from_bytes(&bytes).ok()?;
        if header.format != FORMAT || header.key != self.key || header.settings != settings {
            return None;
        }
        let shards = header
            .shards
            .par_iter()
            .map(|(first, name, hash)| {
                let text = crate::fs::read(&self.dir.join(format!("{name}.s"))).ok()?;
                if xxh3_64(&text) != *hash {
                    return None;
                }
                let text = String::from_utf8(text).ok()?;
                Some(Shard {
                    first: first.clone(),
                    lines: text.lines().count(),
                    text,
                    kept: Some(Kept {
                        name: name.clone(),
                        hash: *hash,
                    }),
                })
            })
            .collect::<Option<Vec<Shard>>>()?;
        Some(Loaded { header, shards })
    }

    /// Writes `header` and the shard files of `files` (`(name, text)`) whose hashes differ
    /// from `previous`'s, and removes the files of shards gone.
    pub(super) fn save(
        &self,
        header: &Header,
        files: &[(&str, &[u8])],
        previous: Option<&Header>,
    ) -> crate::error::Result<()> {
        crate::fs::create_dir_all(&self.dir)?;
        let old: HashMap<&str, u64> = previous
            .into_iter()
            .flat_map(|h| &h.shards)
            .map(|(_, n, hash)| (n.as_str(), *hash))
            .collect();
        let hashes: HashMap<&str, u64> = header
            .shards
            .iter()
            .map(|(_, n, hash)| (n.as_str(), *hash))
            .collect();
        // Written in place: the header, replaced last, vouches for them by hash.
        files.par_iter().try_for_each(|(name, text)| {
            if old.get(name) == hashes.get(name) {
                return Ok(());
            }
            crate::fs::write(&self.dir.join(format!("{name}.s")), text)
        })?;
        let path = self.dir.join(HEADER);
        let bytes = postcard::to_stdvec(header)
            .map_err(|e| crate::error::Error::io(&path, std::io::Error::other(e)))?;
        crate::fs::replace(&path, &[&bytes]).map_err(|e| crate::error::Error::io(&path, e))?;
        for name in old.keys().filter(|n| !hashes.contains_key(*n)) {
            let _ = crate::fs::remove_file(&self.dir.join(format!("{name}.s")));
        }
        Ok(())
    }
}

/// Whether `name` is one of the state's files, for sweeping temporaries.
pub fn is_state_file(name: &str) -> bool {
    name == HEADER
}

/// A shard's new postings, by key.
type Adds = Vec<(String, Vec<Posting>)>;

/// One new posting: an id and its impact.
struct Posting {
    id: u64,
    impact: u64,
}

/// Whether a postings line holds any of `ids` (whose largest is `max`). Reads the line
/// without allocating and stops past `max`.
fn holds_any(postings: &str, ids: &HashSet<u64>, max: u64) -> bool {
    let mut numbers = numbers(postings);
    let mut id = 0;
    while let Some((delta, _)) = numbers.next() {
        id += delta;
        // Most ids are below every removed one (the set's hash is the slow part).
        if id == max || (id < max && ids.contains(&id)) {
            return true;
        }
        if id > max || numbers.next().is_none() {
            return false;
        }
    }
    false
}

fn put(out: &mut String, previous: &mut u64, id: u64, impact: u64) {
    encode(out, id - *previous);
    encode(out, impact);
    *previous = id;
}

/// A key's postings with the ids in `removed` taken out and `adds` (ascending ids) put in,
/// and how many were removed. Copies what does not change as it is (ids are deltas, so
/// everything after the last change is one copy): an edit does not decode and encode a
/// common word's hundred thousand postings. None on a damaged line.
fn splice(
    postings: &str,
    removed: &HashSet<u64>,
    max_removed: u64,
    adds: &[Posting],
) -> Option<(String, usize)> {
    let mut out = String::with_capacity(postings.len() + adds.len() * 4);
    let mut pairs = numbers(postings);
    let (mut id, mut previous, mut next_add, mut gone) = (0u64, 0u64, 0usize, 0);
    while let Some((delta, _)) = pairs.next() {
        let (impact, end) = pairs.next()?;
        id += delta;
        while let Some(add) = adds.get(next_add).filter(|a| a.id < id) {
            put(&mut out, &mut previous, add.id, add.impact);
            next_add += 1;
        }
        if removed.contains(&id) {
            gone += 1;
            continue;
        }
        put(&mut out, &mut previous, id, impact);
        if next_add == adds.len() && id > max_removed {
            // Nothing left to change: the rest stays as it is.
            out.push_str(&postings[end..]);
            return Some((out, gone));
        }
    }
    for add in &adds[next_add..] {
        put(&mut out, &mut previous, add.id, add.impact);
    }
    Some((out, gone))
}

/// The index of the shard whose key range holds `key` (the first shard for a key before
/// every shard's).
fn shard_of(shards: &[Shard], key: &str) -> usize {
    shards
        .partition_point(|s| s.first.as_str() <= key)
        .saturating_sub(1)
}

/// What an update did, for the header's counts.
pub(super) struct Updated {
    pub shards: Vec<Shard>,
    pub period: u64,
    pub terms: usize,
    pub postings: usize,
}

/// Updates the last build's shards: the postings of `removed` ids go, those of `added`
/// (`(id, terms)`, ascending ids) come in, stem groups follow. None when a shard cannot be
/// read back (the caller then indexes everything).
pub(super) fn update(
    loaded: Loaded,
    removed: &HashSet<u64>,
    added: Vec<(u64, Vec<Term>)>,
) -> Option<Updated> {
    let Loaded { header, shards } = loaded;
    let (mut terms, mut postings_count) = (header.terms, header.postings);
    // key -> its new postings, ascending ids; and each new key's stem (first in id order).
    let mut adds: BTreeMap<String, Vec<Posting>> = BTreeMap::new();
    let mut stems: HashMap<String, String> = HashMap::new();
    for (id, list) in added {
        for term in list {
            if let Some(stem) = term.stem {
                stems.entry(term.key.clone()).or_insert(stem);
            }
            adds.entry(term.key).or_default().push(Posting {
                id,
                impact: term.impact as u64,
            });
        }
    }
    if shards.is_empty() {
        return None;
    }
    let max_removed = removed.iter().copied().max().unwrap_or(0);
    let mut touched: Vec<bool> = shards
        .par_iter()
        .map(|shard| {
            !removed.is_empty()
                && shard.text.lines().any(|line| {
                    line.split_once('\t').is_some_and(|(_, rest)| {
                        !rest.starts_with('=') && holds_any(rest, removed, max_removed)
                    })
                })
        })
        .collect();
    // Each touched shard's new postings, by key.
    let mut adds_of: HashMap<usize, Adds> = HashMap::new();
    for (key, list) in std::mem::take(&mut adds) {
        let n = shard_of(&shards, &key);
        touched[n] = true;
        adds_of.entry(n).or_default().push((key, list));
    }
    // Every stem group, inverted: key -> stem, for keys whose stem is not themselves. Group
    // lines are found by their `\t=` without reading every line.
    let groups: HashMap<String, Vec<String>> = shards
        .par_iter()
        .flat_map_iter(|shard| {
            let text = shard.text.as_str();
            text.match_indices("\t=").map(move |(at, _)| {
                let start = text[..at].rfind('\n').map_or(0, |n| n + 1);
                let end = text[at..].find('\n').map_or(text.len(), |n| at + n);
                let keys = text[at + 2..end].split(' ').map(str::to_string).collect();
                (text[start..at].to_string(), keys)
            })
        })
        .collect();
    let mut groups = groups;
    let stem_of: HashMap<String, String> = groups
        .iter()
        .flat_map(|(stem, keys)| keys.iter().map(move |k| (k.clone(), stem.clone())))
        .collect();

    // Patch the touched shards' entries, in parallel.
    struct Patched {
        n: usize,
        entries: Vec<Entry>,
        emptied: Vec<String>,
        created: Vec<String>,
        gone: usize,
        added: usize,
    }
    let work: Vec<(usize, Adds)> = (0..shards.len())
        .filter(|n| touched[*n])
        .map(|n| (n, adds_of.remove(&n).unwrap_or_default()))
        .collect();
    let patched: Vec<Patched> = work
        .into_par_iter()
        .map(|(n, adds)| {
            let mut entries = shards[n].entries()?;
            let mut out = Patched {
                n,
                entries: Vec::new(),
                emptied: Vec::new(),
                created: Vec::new(),
                gone: 0,
                added: 0,
            };
            // Keys new to the index come in as empty entries, in order.
            for (key, _) in &adds {
                let at = entries.partition_point(|e| e.key < *key);
                if at == entries.len() || entries[at].key != *key {
                    entries.insert(
                        at,
                        Entry {
                            key: key.clone(),
                            group: None,
                            postings: None,
                        },
                    );
                }
            }
            let mut adds = adds.into_iter().peekable();
            for entry in &mut entries {
                let new: &[Posting] = match adds.peek() {
                    Some((key, list)) if *key == entry.key => list,
                    _ => &[],
                };
                let had = entry.postings.is_some();
                let line = entry.postings.as_deref().unwrap_or("");
                let hit = !removed.is_empty() && had && holds_any(line, removed, max_removed);
                if hit || !new.is_empty() {
                    let (p, gone) = splice(line, removed, max_removed, new)?;
                    out.gone += gone;
                    out.added += new.len();
                    if p.is_empty() {
                        entry.postings = None;
                        if had {
                            out.emptied.push(entry.key.clone());
                        }
                    } else {
                        if !had {
                            out.created.push(entry.key.clone());
                        }
                        entry.postings = Some(p);
                    }
                }
                if !new.is_empty() {
                    adds.next();
                }
            }
            out.entries = entries;
            Some(out)
        })
        .collect::<Option<_>>()?;
    let mut parsed: HashMap<usize, Vec<Entry>> = HashMap::new();
    let mut emptied: Vec<String> = Vec::new();
    let mut created: Vec<String> = Vec::new();
    for p in patched {
        postings_count = postings_count + p.added - p.gone;
        terms = terms + p.created.len() - p.emptied.len();
        emptied.extend(p.emptied);
        created.extend(p.created);
        parsed.insert(p.n, p.entries);
    }
    // A key emptied and filled again in one update stays in its group.
    let refilled: HashSet<&String> = emptied.iter().filter(|k| created.contains(k)).collect();
    let mut changed_stems: HashSet<String> = HashSet::new();
    for key in emptied.iter().filter(|k| !refilled.contains(k)) {
        let stem = stem_of.get(key).cloned().unwrap_or_else(|| key.clone());
        if let Some(keys) = groups.get_mut(&stem) {
            keys.retain(|k| k != key);
        }
        changed_stems.insert(stem);
    }
    for key in created.iter().filter(|k| !refilled.contains(k)) {
        let stem = stems.get(key).cloned().unwrap_or_else(|| key.clone());
        if stem == *key && !groups.contains_key(&stem) {
            continue;
        }
        let keys = groups.entry(stem.clone()).or_insert_with(|| {
            // A key equal to the stem, with no group of its own, is its own stem: it joins.
            let alone = !stem_of.contains_key(&stem) && key_exists(&shards, &parsed, &stem);
            if alone {
                vec![stem.clone()]
            } else {
                Vec::new()
            }
        });
        let at = keys.partition_point(|k| k < key);
        keys.insert(at, key.clone());
        changed_stems.insert(stem);
    }
    for stem in changed_stems {
        let n = shard_of(&shards, &stem);
        if let std::collections::hash_map::Entry::Vacant(e) = parsed.entry(n) {
            e.insert(shards[n].entries()?);
        }
        let line = groups
            .get(&stem)
            .and_then(|keys| layout::group_line(keys, &stem));
        let entries = parsed.get_mut(&n)?;
        let at = entries.partition_point(|e| e.key < stem);
        if at < entries.len() && entries[at].key == stem {
            entries[at].group = line;
        } else if line.is_some() {
            entries.insert(
                at,
                Entry {
                    key: stem.clone(),
                    group: line,
                    postings: None,
                },
            );
        }
    }
    for entries in parsed.values_mut() {
        entries.retain(|e| e.group.is_some() || e.postings.is_some());
    }

    // Cut again, from the period the updated index gives.
    let mut bytes = 0;
    let mut lines = 0;
    for (n, shard) in shards.iter().enumerate() {
        match parsed.get(&n) {
            Some(entries) => {
                for e in entries {
                    bytes += e.bytes();
                    lines += e.lines();
                }
            }
            None => {
                bytes += shard.text.len();
                lines += shard.lines;
            }
        }
    }
    let period = layout::period(bytes, lines);
    let mut cutter = Cutter::new(period);
    for (n, shard) in shards.into_iter().enumerate() {
        match parsed.remove(&n) {
            None if period == header.period && !cutter.open() => cutter.keep(shard),
            None => shard.entries()?.iter().for_each(|e| cutter.push(e)),
            Some(entries) => entries.iter().for_each(|e| cutter.push(e)),
        }
    }
    Some(Updated {
        shards: cutter.finish(),
        period,
        terms,
        postings: postings_count,
    })
}

/// Whether `key` has postings, in the patched entries or the shards.
fn key_exists(shards: &[Shard], parsed: &HashMap<usize, Vec<Entry>>, key: &str) -> bool {
    let n = shard_of(shards, key);
    if let Some(entries) = parsed.get(&n) {
        return entries.iter().any(|e| e.key == key && e.postings.is_some());
    }
    shards[n].text.lines().any(|line| {
        line.split_once('\t')
            .is_some_and(|(k, rest)| k == key && !rest.starts_with('='))
    })
}

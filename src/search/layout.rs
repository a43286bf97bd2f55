//! The index's lines cut into shards and directories, with names that stay put.
//!
//! A shard ends after a key whose hash is a multiple of a period once it holds
//! [`MIN_BYTES`], after any key once it holds [`MAX_BYTES`], and after a key whose lines alone
//! pass [`BIG_BYTES`] (content-defined cuts, as backup tools cut files). Whether a shard ends
//! depends only on what it holds since the last cut, so where the cuts of an edited index
//! meet the old ones again, everything after is as it was: the incremental index
//! (`state.rs`) re-cuts only from a changed shard to that point and still equals a clean
//! build byte for byte. The period is a power of two chosen from the average line so shards
//! average about [`TARGET_BYTES`]. A shard is named by a hash of its first key.

use std::collections::{HashMap, HashSet};

use rayon::prelude::*;
use xxhash_rust::xxh3::xxh3_64;

use super::code::encode;
use super::ids::DocIds;
use super::{Postings, DATA_DIR};

/// What a shard aims at: a rare word's query loads one shard of about this size.
const TARGET_BYTES: u64 = 8 * 1024;
/// A key whose lines pass this ends its shard: a common word's long postings do not drag
/// the keys after it along.
const BIG_BYTES: usize = 8 * 1024;
/// No cut by hash before a shard holds this much.
const MIN_BYTES: usize = 2 * 1024;
/// A shard ends once it holds this much, whatever the hashes say.
const MAX_BYTES: usize = 24 * 1024;
/// Directories aim at this many shards (a directory of 128 is about 4 KB; 1,000,000 articles
/// make some 500 of them, which the manifest lists).
const DIR_SHARDS: u64 = 128;

/// One key's lines: the stem group it heads, if any, and its postings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Entry {
    pub(super) key: String,
    /// `=key key …`: the keys that share this stem.
    pub(super) group: Option<String>,
    /// (id delta, impact) pairs.
    pub(super) postings: Option<String>,
}

impl Entry {
    /// Its bytes in the shard file.
    pub(super) fn bytes(&self) -> usize {
        self.group
            .as_ref()
            .map_or(0, |g| self.key.len() + g.len() + 2)
            + self
                .postings
                .as_ref()
                .map_or(0, |p| self.key.len() + p.len() + 2)
    }

    /// Its lines in the shard file.
    pub(super) fn lines(&self) -> usize {
        self.group.is_some() as usize + self.postings.is_some() as usize
    }
}

/// Encodes every key's lines, sorted by key (code point order, which the script follows).
pub(super) fn lines(
    vocabulary: HashMap<String, u32>,
    postings: Vec<Postings>,
    ids: &DocIds,
) -> Vec<Entry> {
    let mut keys: Vec<(String, u32)> = vocabulary.into_iter().collect();
    keys.par_sort_unstable_by(|a, b| a.0.cmp(&b.0));
    let mut groups: HashMap<&str, Vec<&str>> = HashMap::new();
    for (key, t) in &keys {
        let stem = postings[*t as usize].stem.as_deref().unwrap_or(key);
        groups.entry(stem).or_default().push(key);
    }
    let mut group_lines: Vec<(String, String)> = groups
        .into_iter()
        .filter_map(|(stem, keys)| Some((stem.to_string(), group_line(&keys, stem)?)))
        .collect();
    group_lines.sort_unstable();
    let posting_entries: Vec<Entry> = keys
        .into_par_iter()
        .map(|(key, t)| {
            let p = &postings[t as usize];
            let mut line = String::with_capacity(p.list.len() * 3);
            let mut previous = 0u64;
            for packed in &p.list {
                let id = ids.ids[ids.order[(packed >> 5) as usize]];
                encode(&mut line, id - previous);
                encode(&mut line, (packed & 31) as u64);
                previous = id;
            }
            Entry {
                key,
                group: None,
                postings: Some(line),
            }
        })
        .collect();
    drop(postings);
    merge(posting_entries, group_lines)
}

/// The line of a stem's group, or None when the group is only the stem itself.
pub(super) fn group_line<S: AsRef<str>>(keys: &[S], stem: &str) -> Option<String> {
    if keys.is_empty() || (keys.len() == 1 && keys[0].as_ref() == stem) {
        return None;
    }
    let mut line = String::from("=");
    for (n, k) in keys.iter().enumerate() {
        if n > 0 {
            line.push(' ');
        }
        line.push_str(k.as_ref());
    }
    Some(line)
}

/// Merges sorted postings entries and sorted (stem, group line) pairs into one sorted list.
pub(super) fn merge(entries: Vec<Entry>, groups: Vec<(String, String)>) -> Vec<Entry> {
    let mut out = Vec::with_capacity(entries.len() + groups.len());
    let mut groups = groups.into_iter().peekable();
    for mut entry in entries {
        while let Some((stem, _)) = groups.peek() {
            if stem.as_str() >= entry.key.as_str() {
                break;
            }
            if let Some((stem, line)) = groups.next() {
                out.push(Entry {
                    key: stem,
                    group: Some(line),
                    postings: None,
                });
            }
        }
        if groups.peek().is_some_and(|(stem, _)| *stem == entry.key) {
            entry.group = groups.next().map(|g| g.1);
        }
        out.push(entry);
    }
    for (stem, line) in groups {
        out.push(Entry {
            key: stem,
            group: Some(line),
            postings: None,
        });
    }
    out
}

/// One shard: its first key and its text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Shard {
    pub(super) first: String,
    pub(super) text: String,
    /// Lines in `text`.
    pub(super) lines: usize,
    /// Unchanged since the last build, whose files are in the cache: their name and hashes.
    pub(super) kept: Option<Kept>,
}

/// A shard the last build made and this one keeps as it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Kept {
    pub(super) name: String,
    pub(super) hash: u64,
}

impl Shard {
    /// Reads the shard back into entries.
    pub(super) fn entries(&self) -> Option<Vec<Entry>> {
        let mut out: Vec<Entry> = Vec::new();
        for line in self.text.lines() {
            let (key, rest) = line.split_once('\t')?;
            if out.last().is_none_or(|e| e.key != key) {
                out.push(Entry {
                    key: key.to_string(),
                    group: None,
                    postings: None,
                });
            }
            let entry = out.last_mut()?;
            if rest.starts_with('=') {
                entry.group = Some(rest.to_string());
            } else {
                entry.postings = Some(rest.to_string());
            }
        }
        Some(out)
    }
}

/// The cut period for an index of `bytes` in `lines`: a power of two.
pub(super) fn period(bytes: usize, lines: usize) -> u64 {
    let average = (bytes as u64 / lines.max(1) as u64).max(1);
    (TARGET_BYTES / average).max(1).next_power_of_two()
}

/// The period of a clean list of entries.
pub(super) fn period_of(entries: &[Entry]) -> u64 {
    let bytes = entries.iter().map(Entry::bytes).sum();
    let lines = entries.iter().map(Entry::lines).sum();
    period(bytes, lines)
}

/// Whether a shard that holds `bytes` with `entry` last ends there.
fn cuts_after(entry: &Entry, bytes: usize, period: u64) -> bool {
    entry.bytes() >= BIG_BYTES
        || bytes >= MAX_BYTES
        || (bytes >= MIN_BYTES && xxh3_64(entry.key.as_bytes()) % period == 0)
}

/// Cuts entries into shards as they come.
pub(super) struct Cutter {
    period: u64,
    current: Option<Shard>,
    pub(super) shards: Vec<Shard>,
}

impl Cutter {
    pub(super) fn new(period: u64) -> Cutter {
        Cutter {
            period,
            current: None,
            shards: Vec::new(),
        }
    }

    /// Whether a shard is open (the last entry did not end one).
    pub(super) fn open(&self) -> bool {
        self.current.is_some()
    }

    pub(super) fn push(&mut self, entry: &Entry) {
        let shard = self.current.get_or_insert_with(|| Shard {
            first: entry.key.clone(),
            text: String::with_capacity(TARGET_BYTES as usize * 2),
            lines: 0,
            kept: None,
        });
        if let Some(group) = &entry.group {
            for part in [entry.key.as_str(), "\t", group, "\n"] {
                shard.text.push_str(part);
            }
            shard.lines += 1;
        }
        if let Some(postings) = &entry.postings {
            for part in [entry.key.as_str(), "\t", postings, "\n"] {
                shard.text.push_str(part);
            }
            shard.lines += 1;
        }
        if cuts_after(entry, shard.text.len(), self.period) {
            self.shards.extend(self.current.take());
        }
    }

    /// Takes a whole shard as it is (the caller knows its cuts are unchanged).
    pub(super) fn keep(&mut self, shard: Shard) {
        debug_assert!(self.current.is_none());
        self.shards.push(shard);
    }

    pub(super) fn finish(mut self) -> Vec<Shard> {
        self.shards.extend(self.current.take());
        self.shards
    }
}

/// The shard and directory files, and the manifest's list of them.
#[derive(Default)]
pub(super) struct Files {
    /// Files made by this build.
    pub(super) files: Vec<(String, Vec<u8>)>,
    /// Files kept from the last build: URL, content hash, and the shard's name in the cache.
    pub(super) kept: Vec<(String, u64, String)>,
    /// `[first key, name, hash]` of every shard.
    pub(super) names: Vec<(String, String, u64)>,
    pub(super) direct: Option<Vec<(String, String)>>,
    pub(super) dirs: Option<Vec<(String, String)>>,
}

/// A name from a key's hash, unique among `taken`.
fn name(key: &str, taken: &mut HashSet<String>) -> String {
    let base = format!("{:010x}", xxh3_64(key.as_bytes()) & 0xff_ffff_ffff);
    let mut name = base.clone();
    let mut n = 1;
    while !taken.insert(name.clone()) {
        name = format!("{base}-{n}");
        n += 1;
    }
    name
}

/// Names the shards and lists them, in directories past `direct` shards. A kept shard
/// whose name changed (another shard's first key now has its hash first) is written anew.
pub(super) fn files(shards: Vec<Shard>, direct: usize) -> Files {
    let mut taken = HashSet::new();
    let pairs: Vec<(String, String)> = shards
        .iter()
        .map(|s| (s.first.clone(), name(&s.first, &mut taken)))
        .collect();
    let mut files: Vec<(String, Vec<u8>)> = Vec::with_capacity(shards.len());
    let mut kept = Vec::new();
    let mut names = Vec::with_capacity(shards.len());
    for (shard, (first, n)) in shards.into_iter().zip(&pairs) {
        let url = format!("{DATA_DIR}shards/{n}.txt");
        match shard.kept {
            Some(k) if k.name == *n => {
                names.push((first.clone(), n.clone(), k.hash));
                kept.push((url, k.hash, k.name));
            }
            _ => {
                let text = shard.text.into_bytes();
                names.push((first.clone(), n.clone(), xxh3_64(&text)));
                files.push((url, text));
            }
        }
    }
    let names_only = pairs;
    if names_only.len() <= direct {
        return Files {
            files,
            kept,
            names,
            direct: Some(names_only),
            dirs: None,
        };
    }
    // Directories: cut after a shard whose name's hash says so, 32–512 shards each.
    let mut dirs = Vec::new();
    let mut taken = HashSet::new();
    let mut run: Vec<&(String, String)> = Vec::new();
    let mut close = |run: &mut Vec<&(String, String)>, files: &mut Vec<(String, Vec<u8>)>| {
        if let Some((key, _)) = run.first() {
            let n = name(key, &mut taken);
            dirs.push((key.clone(), n.clone()));
            files.push((
                format!("{DATA_DIR}dir/{n}.json"),
                serde_json::to_vec(&run).unwrap_or_default(),
            ));
            run.clear();
        }
    };
    for pair in &names_only {
        let cut = xxh3_64(pair.1.as_bytes()) % DIR_SHARDS == 0;
        run.push(pair);
        if run.len() >= 512 || (cut && run.len() >= 32) {
            close(&mut run, &mut files);
        }
    }
    close(&mut run, &mut files);
    Files {
        files,
        kept,
        names,
        direct: None,
        dirs: Some(dirs),
    }
}

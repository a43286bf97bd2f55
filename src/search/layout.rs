//! The index's lines cut into shards and directories, with names that stay put.
//!
//! Cut points are content-defined: a shard ends after a key whose hash is a multiple of a
//! period, once the shard holds [`MIN_BYTES`], or in any case at [`MAX_BYTES`]. The period
//! is a power of two chosen so shards average about [`TARGET_BYTES`]. A shard is named by
//! a hash of its first key, so an edit that changes one shard's postings rewrites that
//! shard (and the manifest), not every shard after it as cutting at fixed sizes would.

use std::collections::{HashMap, HashSet};

use rayon::prelude::*;
use xxhash_rust::xxh3::xxh3_64;

use super::code::encode;
use super::ids::DocIds;
use super::{Postings, DATA_DIR};

/// What a shard aims at: a query of a few words loads well under 100 KB of shards.
const TARGET_BYTES: usize = 16 * 1024;
/// No cut before this.
const MIN_BYTES: usize = 4 * 1024;
/// Always a cut after this (one key's postings can still pass it on their own).
const MAX_BYTES: usize = 64 * 1024;
/// Directories aim at this many shards.
const DIR_SHARDS: u64 = 64;

/// One key's lines: the stem group it heads, if any, and its postings and positions.
pub(super) struct Entry {
    key: String,
    group: Option<String>,
    postings: Option<(String, String)>,
}

/// Encodes every key's lines, sorted by key (code point order, which the script follows).
pub(super) fn lines(
    vocabulary: HashMap<String, u32>,
    postings: Vec<Postings>,
    ids: &DocIds,
) -> Vec<Entry> {
    let mut keys: Vec<(String, u32)> = vocabulary.into_iter().collect();
    keys.par_sort_unstable_by(|a, b| a.0.cmp(&b.0));
    // stem -> the keys that share it
    let mut groups: HashMap<&str, Vec<&str>> = HashMap::new();
    for (key, t) in &keys {
        let stem = postings[*t as usize].stem.as_deref().unwrap_or(key);
        groups.entry(stem).or_default().push(key);
    }
    let mut group_lines: Vec<(String, String)> = groups
        .into_iter()
        .filter(|(stem, keys)| keys.len() > 1 || keys[0] != *stem)
        .map(|(stem, keys)| (stem.to_string(), format!("={}", keys.join(" "))))
        .collect();
    group_lines.sort_unstable();
    let posting_entries: Vec<(String, (String, String))> = keys
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
            (key, (line, p.positions.clone()))
        })
        .collect();
    drop(postings);
    // Merge the two sorted lists.
    let mut out = Vec::with_capacity(posting_entries.len() + group_lines.len());
    let mut groups = group_lines.into_iter().peekable();
    for (key, lines) in posting_entries {
        while let Some((stem, _)) = groups.peek() {
            if stem.as_str() >= key.as_str() {
                break;
            }
            let (stem, line) = groups.next().unwrap_or_default();
            out.push(Entry {
                key: stem,
                group: Some(line),
                postings: None,
            });
        }
        let group = match groups.peek() {
            Some((stem, _)) if *stem == key => groups.next().map(|g| g.1),
            _ => None,
        };
        out.push(Entry {
            key,
            group,
            postings: Some(lines),
        });
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

/// The shard and directory files, and the manifest's list of them.
pub(super) struct Files {
    pub files: Vec<(String, Vec<u8>)>,
    pub shards: usize,
    pub direct: Option<Vec<(String, String)>>,
    pub dirs: Option<Vec<(String, String)>>,
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

/// Cuts `entries` into shards (and, when there are many, directories).
pub(super) fn shards(entries: Vec<Entry>, direct: usize) -> Files {
    let total: usize = entries
        .iter()
        .map(|e| e.key.len() + e.postings.as_ref().map_or(0, |p| p.0.len()) + 2)
        .sum();
    let average = (total / entries.len().max(1)).max(1);
    let period = (TARGET_BYTES / average).max(1).next_power_of_two() as u64;

    let mut files = Vec::new();
    let mut list: Vec<(String, String)> = Vec::new();
    let mut taken = HashSet::new();
    let (mut shard, mut pos, mut first) = (String::new(), String::new(), None::<String>);
    let mut flush = |shard: &mut String, pos: &mut String, first: &mut Option<String>| {
        if let Some(key) = first.take() {
            let n = name(&key, &mut taken);
            files.push((
                format!("{DATA_DIR}shards/{n}.txt"),
                std::mem::take(shard).into_bytes(),
            ));
            files.push((
                format!("{DATA_DIR}pos/{n}.txt"),
                std::mem::take(pos).into_bytes(),
            ));
            list.push((key, n));
        }
    };
    for entry in entries {
        if first.is_none() {
            first = Some(entry.key.clone());
        }
        if let Some(group) = &entry.group {
            shard.push_str(&entry.key);
            shard.push('\t');
            shard.push_str(group);
            shard.push('\n');
        }
        if let Some((line, positions)) = &entry.postings {
            shard.push_str(&entry.key);
            shard.push('\t');
            shard.push_str(line);
            shard.push('\n');
            pos.push_str(&entry.key);
            pos.push('\t');
            pos.push_str(positions);
            pos.push('\n');
        }
        let cut = xxh3_64(entry.key.as_bytes()) % period == 0;
        if shard.len() >= MAX_BYTES || (cut && shard.len() >= MIN_BYTES) {
            flush(&mut shard, &mut pos, &mut first);
        }
    }
    flush(&mut shard, &mut pos, &mut first);
    let shards = list.len();
    if shards <= direct {
        return Files {
            files,
            shards,
            direct: Some(list),
            dirs: None,
        };
    }
    // Directories: cut after a shard whose name's hash says so, 16–256 shards each.
    let mut dirs = Vec::new();
    let mut taken = HashSet::new();
    let mut run: Vec<(String, String)> = Vec::new();
    let mut close = |run: &mut Vec<(String, String)>, files: &mut Vec<(String, Vec<u8>)>| {
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
    for (key, n) in list {
        let cut = xxh3_64(n.as_bytes()) % DIR_SHARDS == 0;
        run.push((key, n));
        if run.len() >= 256 || (cut && run.len() >= 16) {
            close(&mut run, &mut files);
        }
    }
    close(&mut run, &mut files);
    Files {
        files,
        shards,
        direct: None,
        dirs: Some(dirs),
    }
}

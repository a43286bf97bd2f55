//! The image cache, `.gazette-cache/images/`: each variant ever made, named by a hash of the
//! image's content and of everything that shapes the variant (size, encoding, quality, this
//! code's version), and an index from each image's size and modification time to its
//! content hash, so that a build whose images did not change reads none of them.
//!
//! Deleting the folder is always safe: everything is made again. A variant is written to a
//! temporary file and renamed, so a build that dies leaves no half file under a real name.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

use xxhash_rust::xxh3::xxh3_128;

use super::{Encoding, Variant};

/// Changes whenever the pixels a variant gets from the same input and settings change (a new
/// filter, encoder settings, colour handling), so that old variants are not reused.
const CODEC_VERSION: u32 = 2;
/// The index's file name in the folder.
const INDEX: &str = "index";
/// A file modified this recently may change again without its size or time changing (the
/// same "racily clean" rule as the record cache): its hash is not kept.
const RACY_NANOS: u64 = 2_000_000_000;

/// An image's size and modification time in nanoseconds, as the index keys its hash.
pub(super) type Stamp = (u64, u64);

/// The cache folder, and what its index said when the build began.
pub(super) struct Cache {
    dir: PathBuf,
    known: HashMap<PathBuf, (Stamp, u128)>,
}

impl Cache {
    /// The cache in `dir`; an index that is missing or damaged is read as empty.
    pub(super) fn open(dir: &Path) -> Cache {
        let text = crate::fs::read_to_string(&dir.join(INDEX)).unwrap_or_default();
        let known = text
            .lines()
            .filter_map(|line| {
                let mut parts = line.splitn(4, ' ');
                let hash = u128::from_str_radix(parts.next()?, 16).ok()?;
                let size = parts.next()?.parse().ok()?;
                let modified = parts.next()?.parse().ok()?;
                Some((PathBuf::from(parts.next()?), ((size, modified), hash)))
            })
            .collect();
        Cache {
            dir: dir.to_path_buf(),
            known,
        }
    }

    /// The content hash the index holds for `file` with `stamp`, if it holds one.
    pub(super) fn known_hash(&self, file: &Path, stamp: Stamp) -> Option<u128> {
        self.known
            .get(file)
            .filter(|(known, _)| *known == stamp)
            .map(|(_, hash)| *hash)
    }

    /// Where the variant of the image whose content hash is `content` is kept.
    pub(super) fn path(&self, content: u128, variant: &Variant, quality: u8) -> PathBuf {
        let mut key = Vec::with_capacity(48);
        key.extend(CODEC_VERSION.to_le_bytes());
        key.extend(content.to_le_bytes());
        key.extend(variant.width.to_le_bytes());
        key.extend(variant.height.to_le_bytes());
        key.push(variant.encoding as u8);
        // Only lossy encodings depend on the quality: a change of `quality` remakes no PNG.
        if variant.encoding != Encoding::Png {
            key.push(quality);
        }
        self.dir.join(format!(
            "{:032x}.{}",
            xxh3_128(&key),
            variant.encoding.ext()
        ))
    }

    /// Writes a variant's bytes to its place in the cache.
    pub(super) fn put(&self, path: &Path, bytes: &[u8]) -> crate::Result<()> {
        crate::fs::create_dir_all(&self.dir)?;
        crate::fs::replace(path, &[bytes]).map_err(|e| crate::Error::io(path, e))
    }

    /// Writes the index of the images of this build (`hashes`: each file with its stamp and
    /// content hash; recently modified ones left out) and removes the variants this build did
    /// not use (`used`), so the folder holds one build's worth. Failures cost only time in
    /// the next build, so they are ignored.
    pub(super) fn finish(&self, hashes: &[(PathBuf, Stamp, u128)], used: &HashSet<PathBuf>) {
        if hashes.is_empty() && !self.dir.exists() {
            return;
        }
        let now = nanos(std::time::SystemTime::now()).unwrap_or(0);
        let mut text = String::new();
        for (file, (size, modified), hash) in hashes {
            let Some(name) = file.to_str().filter(|n| !n.contains(['\n', '\r'])) else {
                continue;
            };
            if modified.saturating_add(RACY_NANOS) < now {
                text.push_str(&format!("{hash:032x} {size} {modified} {name}\n"));
            }
        }
        if crate::fs::create_dir_all(&self.dir).is_err() {
            return;
        }
        let _ = crate::fs::replace(&self.dir.join(INDEX), &[text.as_bytes()]);
        let Ok(entries) = crate::fs::read_dir(&self.dir) else {
            return;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            let ours = path
                .file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n != INDEX && is_cache_file(n));
            if ours && !used.contains(&path) {
                let _ = crate::fs::remove_file(&path);
            }
        }
    }
}

/// Nanoseconds since 1970, when the time is after it and fits.
pub(super) fn nanos(time: std::time::SystemTime) -> Option<u64> {
    let since = time.duration_since(std::time::UNIX_EPOCH).ok()?;
    u64::try_from(since.as_nanos()).ok()
}

/// Whether a file name in the folder is one the cache writes (a variant, or the index), for
/// the sweep of temporary files a gazette that died left behind.
pub(crate) fn is_cache_file(name: &str) -> bool {
    name == INDEX
        || name.split_once('.').is_some_and(|(stem, ext)| {
            stem.len() == 32
                && stem.bytes().all(|b| b.is_ascii_hexdigit())
                && ["webp", "jpg", "png"].contains(&ext)
        })
}

//! The one job of the image stage: every image of the build, in parallel, each decoded at
//! most once and only when one of its variants is missing from the cache, then dropped
//! before the thread takes the next (so at most one decoded image per thread is in memory).

use std::collections::HashSet;
use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Mutex, MutexGuard};

use rayon::prelude::*;
use xxhash_rust::xxh3::xxh3_128;

use super::cache::{self, Cache, Stamp};
use super::{codec, replaces_original, variants, Source};
use crate::config::images::Settings;
use crate::error::Diagnostic;
use crate::theme::{StaticFile, StaticSource};

/// What the image stage made: the files to publish (variants from the cache, originals),
/// warnings for images that could not be processed, and how many images were decoded and
/// how many came wholly from the cache.
#[derive(Debug, Default)]
pub(crate) struct Processed {
    /// The files to copy into the output, each from the cache or from the image itself.
    pub files: Vec<StaticFile>,
    /// One for each image that could not be decoded or encoded.
    pub warnings: Vec<Diagnostic>,
    /// Images decoded by this build.
    pub decoded: usize,
    /// Images whose variants all came from the cache.
    pub cached: usize,
}

/// What one image became.
struct Done {
    files: Vec<StaticFile>,
    warning: Option<Diagnostic>,
    decoded: bool,
    /// The image's stamp and content hash, for the index.
    hash: Option<(Stamp, u128)>,
    /// The cache files it uses.
    used: Vec<PathBuf>,
}

/// Processes every image of `sources` under `settings`, through the cache in `cache_dir`.
/// Never fails: an image that cannot be read, decoded or encoded is a warning, and its file
/// is published as it is at its own address and at each variant's (browsers read an image
/// by its bytes, not its name, so its pages still show it).
pub(crate) fn process(
    settings: &Settings,
    sources: &[Source],
    cache_dir: &std::path::Path,
) -> Processed {
    let cache = Cache::open(cache_dir);
    let claims = Claims::default();
    let decoded = AtomicUsize::new(0);
    let done: Vec<Done> = sources
        .par_iter()
        .map(|source| {
            let done = one(settings, &cache, &claims, source);
            if done.decoded {
                decoded.fetch_add(1, Ordering::Relaxed);
            }
            done
        })
        .collect();
    let mut processed = Processed {
        decoded: decoded.into_inner(),
        ..Processed::default()
    };
    let mut hashes = Vec::with_capacity(done.len());
    let mut used = HashSet::new();
    let failed = claims
        .failed
        .into_inner()
        .unwrap_or_else(|e| e.into_inner());
    for (source, mut done) in sources.iter().zip(done) {
        // The same picture as one that failed in another bundle fails too.
        if let Some(indexed) = done
            .hash
            .filter(|(_, hash)| done.warning.is_none() && failed.contains(hash))
        {
            let why = "it is the same file as another image that could not be decoded";
            done = failure(source, settings, why, Some(indexed), false);
        }
        if !done.decoded && done.warning.is_none() {
            processed.cached += 1;
        }
        if let Some((stamp, hash)) = done.hash {
            hashes.push((source.file.clone(), stamp, hash));
        }
        used.extend(done.used);
        processed.files.extend(done.files);
        processed.warnings.extend(done.warning);
    }
    cache.finish(&hashes, &used);
    processed
}

/// Which images (by content hash) a thread of this build has taken on to make, and which of
/// them failed: the same picture in two bundles is made once, and never by two threads
/// writing one cache file at once.
#[derive(Default)]
struct Claims {
    taken: Mutex<HashSet<u128>>,
    failed: Mutex<HashSet<u128>>,
}

/// What an image that cannot be processed becomes: a warning, and its file at its own
/// address and at each of its variants'.
fn failure(
    source: &Source,
    settings: &Settings,
    why: &str,
    hash: Option<(Stamp, u128)>,
    decoded: bool,
) -> Done {
    let mut files: Vec<StaticFile> = variants(source, settings)
        .into_iter()
        .map(|v| StaticFile {
            path: v.path,
            source: StaticSource::Disk(source.file.clone()),
        })
        .collect();
    files.push(StaticFile {
        path: source.output.clone(),
        source: StaticSource::Disk(source.file.clone()),
    });
    Done {
        files,
        warning: Some(
            Diagnostic::new(&source.shown, format!("this image could not be processed: {why}; it is published as it is, metadata included, in place of its resized copies"))
                .help("save it again as a JPEG, PNG, WebP or GIF (an image editor's \"export\"), or set `[images] process = false` in site.toml"),
        ),
        decoded,
        hash,
        used: Vec::new(),
    }
}

/// One image: its variants from the cache, or made now.
fn one(settings: &Settings, cache: &Cache, claims: &Claims, source: &Source) -> Done {
    let planned = variants(source, settings);
    let failed = |why: String, hash: Option<(Stamp, u128)>, decoded: bool| {
        failure(source, settings, &why, hash, decoded)
    };
    let stamp = crate::fs::metadata(&source.file)
        .ok()
        .and_then(|m| Some((m.len(), cache::nanos(m.modified().ok()?)?)));
    let mut bytes = None;
    let hash = match stamp.and_then(|s| cache.known_hash(&source.file, s)) {
        Some(hash) => hash,
        None => match crate::fs::read(&source.file) {
            Ok(read) => {
                let hash = xxh3_128(&read);
                bytes = Some(read);
                hash
            }
            Err(e) => return failed(e.to_string(), None, false),
        },
    };
    let indexed = stamp.map(|s| (s, hash));
    let paths: Vec<PathBuf> = planned
        .iter()
        .map(|v| cache.path(hash, v, settings.quality))
        .collect();
    let missing: Vec<usize> = (0..planned.len())
        .filter(|i| !paths[*i].is_file())
        .collect();
    // Another thread making the same picture writes these files.
    let decoded = !missing.is_empty() && lock(&claims.taken).insert(hash);
    if decoded {
        let bytes = match bytes.take() {
            Some(bytes) => bytes,
            None => match crate::fs::read(&source.file) {
                Ok(bytes) => bytes,
                Err(e) => return failed(e.to_string(), None, false),
            },
        };
        // The decoders and encoders are other people's code fed users' files: a panic in one
        // is this image's failure, not the build's.
        let made = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            make(&bytes, &planned, &missing, &paths, settings.quality, cache)
        }))
        .unwrap_or_else(|_| Err("the image decoder failed on it".to_string()));
        if let Err(why) = made {
            lock(&claims.failed).insert(hash);
            return failed(why, indexed, true);
        }
    }
    let mut files: Vec<StaticFile> = planned
        .iter()
        .zip(&paths)
        .map(|(v, path)| StaticFile {
            path: v.path.clone(),
            source: StaticSource::Disk(path.clone()),
        })
        .collect();
    let original = match (replaces_original(&source.output), paths.last()) {
        (true, Some(widest)) => widest.clone(),
        _ => source.file.clone(),
    };
    files.push(StaticFile {
        path: source.output.clone(),
        source: StaticSource::Disk(original),
    });
    Done {
        files,
        warning: None,
        decoded,
        hash: indexed,
        used: paths,
    }
}

/// Decodes `bytes` and writes the variants `missing` (indexes into `planned` and `paths`).
fn make(
    bytes: &[u8],
    planned: &[super::Variant],
    missing: &[usize],
    paths: &[PathBuf],
    quality: u8,
    cache: &Cache,
) -> Result<(), String> {
    let pixels = codec::decode(bytes)?;
    // Each width is resized once, for both of its encodings.
    let mut last: Option<((u32, u32), codec::Pixels)> = None;
    for &i in missing {
        let variant = &planned[i];
        let size = (variant.width, variant.height);
        if last.as_ref().is_none_or(|(s, _)| *s != size) {
            last = Some((size, pixels.resized(size.0, size.1)?));
        }
        let Some((_, resized)) = &last else {
            continue;
        };
        let encoded = resized.encode(variant.encoding, quality)?;
        cache.put(&paths[i], &encoded).map_err(|e| e.to_string())?;
    }
    Ok(())
}

/// The set behind `mutex`, whether or not a thread panicked holding it (a set of hashes
/// cannot be left half-changed).
fn lock(mutex: &Mutex<HashSet<u128>>) -> MutexGuard<'_, HashSet<u128>> {
    mutex.lock().unwrap_or_else(|e| e.into_inner())
}

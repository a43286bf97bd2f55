//! The input fingerprint: a hash of everything a build reads, taken before it is read, so
//! that a build whose inputs are those of the last build (and whose clock is inside the last
//! build's news window) has nothing to do.
//!
//! Doubt: the fingerprint uses size and modification time (as git's index does), not content
//! hashes, so a no-change rebuild need not read 100,000 files. An edit that keeps both (within
//! the same nanosecond, same length) is missed; `--force` ignores the manifest.

use std::path::Path;

use chrono::{DateTime, FixedOffset};
use xxhash_rust::xxh3::xxh3_128;

use crate::config::Config;
use crate::error::Result;
use crate::hash::Pieces;
use crate::loader::scan::Scan;
use crate::theme::{StaticSource, Theme};
use crate::writer::Summary;

use crate::loader::scan::Stamp;

type Hash = u128;

/// A fingerprint of everything a build reads: site.toml and the command line's overrides,
/// gazette's version and executable and its shipped strings (`crate::i18n`), every template's text, and the size and modification time of every
/// file under content/ and of every static file. Computed before loading, so an input changed
/// while the build runs makes the next build start over.
///
/// Also returns the render salt (see [`Summary::salt`]): the same hash taken after the
/// version, the overrides, site.toml and the templates, before the files.
pub(super) fn fingerprint(
    config: &Config,
    theme: &Theme,
    overrides: &str,
    scan: &Scan,
) -> Result<(Hash, Hash)> {
    let mut hasher = Pieces::new();
    hasher.put(env!("CARGO_PKG_VERSION").as_bytes());
    // Another build of gazette may render otherwise under the same version number (a
    // developer's, a distribution's patch): it starts over, as the record cache does.
    if let Some(Stamp { size, modified, .. }) = executable() {
        hasher.put(&size.to_le_bytes());
        hasher.put(&modified.to_le_bytes());
    }
    // The theme's words are part of every page, like its templates.
    hasher.put(&crate::i18n::tables_hash().to_le_bytes());
    hasher.put(overrides.as_bytes());
    let site_toml = config.root.join(crate::config::CONFIG_FILE);
    hasher.put(&config.source_hash.to_le_bytes());
    for template in &theme.templates {
        hasher.put(template.name.as_bytes());
        hasher.put(template.source.as_bytes());
    }
    let salt = hasher.finish().max(1);
    // Zeros for a file whose stamp is unknown: the loader or the theme reports it.
    let put_stamp = |hasher: &mut Pieces, stamp: Option<Stamp>| {
        let (size, modified) = stamp.map_or((0, 0), |s| (s.size, s.modified));
        hasher.put(&size.to_le_bytes());
        hasher.put(&modified.to_le_bytes());
    };
    let stamp_of = |path: &Path| std::fs::metadata(path).ok().and_then(|m| Stamp::of(&m));
    let mut stamps = vec![stamp_of(&site_toml)];
    for file in &theme.static_files {
        hasher.put(file.path.as_os_str().as_encoded_bytes());
        match &file.source {
            StaticSource::Disk(path) => {
                let stamp = stamp_of(path);
                put_stamp(&mut hasher, stamp);
                stamps.push(stamp);
            }
            StaticSource::BuiltIn(_) => hasher.put(&xxh3_128(&file.bytes()?).to_le_bytes()),
        }
    }
    put_stamp(&mut hasher, stamps[0]);
    // Every file under content/ the loader could read (hidden and editor temp files are
    // skipped as the loader skips them; other extensions are kept, to be safe).
    for found in &scan.files {
        hasher.put(found.path.as_os_str().as_encoded_bytes());
        put_stamp(&mut hasher, found.stamp);
    }
    // A file modified in the last seconds may be modified again within the file system's
    // timestamp granularity (a few milliseconds) without changing size or time: "racily
    // clean", as git calls it. Such a build records no fingerprint, so the next one renders.
    let now = crate::loader::scan::now();
    let racy = stamps
        .iter()
        .chain(scan.files.iter().map(|found| &found.stamp))
        .flatten()
        .any(|stamp| !stamp.settled_before(now));
    Ok((if racy { 0 } else { hasher.finish() }, salt))
}

/// The size and modification time of the running executable, when it can be read.
pub(crate) fn executable() -> Option<Stamp> {
    let meta = std::env::current_exe().and_then(std::fs::metadata).ok()?;
    Stamp::of(&meta)
}

/// A build's inputs, fingerprinted before they are read, and what the output's manifest says
/// about the previous build.
#[derive(Debug)]
pub(crate) struct Inputs {
    /// The fingerprint; None when the theme does not load (the build will report why).
    pub hash: Option<Hash>,
    /// The render salt (see [`Summary::salt`]); None as for `hash`.
    pub salt: Option<Hash>,
    /// The output manifest's summary of the previous build.
    previous: Option<Summary>,
    /// The walk over `content/` the fingerprint was made from, for the loader to read (see
    /// [`crate::loader::scan`]).
    pub scan: Scan,
    /// The theme the fingerprint was made from (or why it does not load), for the build to
    /// use rather than read it again.
    pub theme: std::result::Result<Theme, Vec<crate::error::Diagnostic>>,
}

impl Inputs {
    /// Fingerprints the inputs of a build of the site `config` describes, whose command-line
    /// `overrides` (everything besides `--out` and `--now` that changes the output) are given
    /// as text. Walks `content/` (unless the caller gives a walk it kept up to date) and loads
    /// the theme, for the build to use.
    pub(crate) fn read(config: &Config, overrides: &str, scan: Option<Scan>) -> Inputs {
        let (theme, scan) = rayon::join(
            || crate::theme::load(config),
            || scan.unwrap_or_else(|| crate::loader::scan::scan(config)),
        );
        let (hash, salt) = match &theme {
            Ok(theme) => fingerprint(config, theme, overrides, &scan).ok().unzip(),
            Err(_) => (None, None),
        };
        Inputs {
            hash,
            salt,
            previous: crate::writer::summary(&config.output_dir),
            scan,
            theme,
        }
    }

    /// The summary of the previous build, when it is this build: the inputs are that build's
    /// and `now` (default: the clock) is inside its news window. None when the site must be
    /// built.
    pub(crate) fn up_to_date(&self, now: Option<DateTime<FixedOffset>>) -> Option<&Summary> {
        let (hash, previous) = (self.hash?, self.previous.as_ref()?);
        if hash == 0 || previous.inputs != hash {
            return None;
        }
        let now = now
            .map(|n| n.to_utc())
            .unwrap_or_else(chrono::Utc::now)
            .timestamp_nanos_opt()?;
        (previous.now_from < now && now < previous.now_until).then_some(previous)
    }
}

/// The file, in the site's cache folder, that keeps the last build's warnings with the
/// fingerprint they were made under: a build with nothing to do shows them again, so a
/// warning is shown by every build until it is fixed without the site being loaded again.
const WARNINGS: &str = "warnings";

/// The warnings as kept.
#[derive(serde::Serialize, serde::Deserialize)]
struct Kept {
    /// The fingerprint, in hexadecimal.
    inputs: String,
    warnings: Vec<crate::error::Diagnostic>,
}

/// Keeps `warnings`, made by a build whose fingerprint is `inputs`. Like every cache, a
/// failure only costs time: the file is removed, and the next build loads the site again.
pub(crate) fn keep_warnings(config: &Config, inputs: Hash, warnings: &[crate::error::Diagnostic]) {
    let folder = config.root.join(super::FOLDER);
    let path = folder.join(WARNINGS);
    let kept = Kept {
        inputs: format!("{inputs:032x}"),
        warnings: warnings.to_vec(),
    };
    let written = serde_json::to_vec(&kept)
        .map_err(std::io::Error::other)
        .and_then(|bytes| {
            super::records::tag(&folder)?;
            crate::fs::replace(&path, &[&bytes])
        });
    if written.is_err() {
        let _ = crate::fs::remove_file(&path);
    }
}

/// The warnings of the build whose fingerprint is `inputs`; None when they were not kept for
/// it (then the site must be loaded to know them).
pub(crate) fn kept_warnings(
    config: &Config,
    inputs: Hash,
) -> Option<Vec<crate::error::Diagnostic>> {
    let bytes = crate::fs::read(&config.root.join(super::FOLDER).join(WARNINGS)).ok()?;
    let kept: Kept = serde_json::from_slice(&bytes).ok()?;
    (kept.inputs == format!("{inputs:032x}")).then_some(kept.warnings)
}

//! Incremental output: write only the files whose bytes changed, remove only the files an
//! earlier build listed, and skip the build when no input changed.
//!
//! The output folder holds a manifest, [`MANIFEST`], beside the marker: a fingerprint of every
//! input (site.toml, the command line, each template, each content and static file's size and
//! modification time) and, for every file the build wrote, its path and a hash of its bytes.
//! A build renders everything, hashes each artifact and stages only the ones whose hash
//! differs from the manifest's; nothing in the output is touched until every page rendered,
//! so a failed build leaves the previous output exactly as it was. Then the changes are
//! applied: files the new build no longer makes are removed (only if the old manifest lists
//! them), changed files are moved in, and the new manifest is written. Unchanged files keep
//! their modification time, so `rsync` and CDN uploads stay small; and nothing has to delete
//! the whole old tree, which on ext4 with online discard costs about 1 ms a file
//! (issue 7).
//!
//! Doubt: the fingerprint uses size and modification time (as git's index does), not content
//! hashes, so a no-change rebuild need not read 100,000 files. An edit that keeps both (within
//! the same nanosecond, same length) is missed; `--force` ignores the manifest.

use std::collections::{HashMap, HashSet};
use std::io::BufRead;
use std::path::{Component, Path, PathBuf};
use std::sync::Mutex;

use std::time::Instant;

use chrono::{DateTime, FixedOffset};
use xxhash_rust::xxh3::{xxh3_128, Xxh3};

use crate::artifact::Artifact;
use crate::build::{BuildOptions, BuildReport};
use crate::config::Config;
use crate::error::{Error, Result};
use crate::loader::cache::Stamp;
use crate::loader::scan::Scan;
use crate::theme::{StaticFile, StaticSource, Theme};
use crate::writer::{self, Staging, MARKER};

/// The manifest's file name, in the output folder.
pub const MANIFEST: &str = ".gazette-manifest";
const HEADER: &str = "gazette-manifest 2";
/// The first format (before page keys): no salt, no keys. Still read, so that an output made
/// by an older gazette is updated (its files listed, a `CNAME` beside them kept) rather than
/// replaced whole.
const HEADER_1: &str = "gazette-manifest 1";

/// The hash of a file's bytes.
type Hash = u128;

/// What the output folder's manifest says about the last build.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Summary {
    /// The fingerprint of the inputs it was built from (0: unknown, never matches).
    pub inputs: Hash,
    /// The render salt: a hash of what every page depends on besides its own variables
    /// (gazette's version, site.toml, the command line, the templates). Page keys of a build
    /// with another salt are not trusted (0: unknown, never matches).
    pub salt: Hash,
    /// The build's "now" may move inside this open interval (Unix nanoseconds) without
    /// changing the news sitemap.
    pub now_from: i64,
    /// See `now_from`.
    pub now_until: i64,
    /// The counts the build reported: articles, pages, files, topics, static files.
    pub counts: [usize; 5],
    /// A number of this build's own (0: unknown), so that what the build kept elsewhere
    /// (the build snapshot, see [`crate::snapshot`]) is known to go with this output.
    pub build: u64,
}

impl Summary {
    /// A new build's number: never 0, and different from the last build's.
    pub fn new_build_number() -> u64 {
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_nanos());
        let mut bytes = nanos.to_le_bytes().to_vec();
        bytes.extend_from_slice(&std::process::id().to_le_bytes());
        xxhash_rust::xxh3::xxh3_64(&bytes).max(1)
    }
}

/// What the manifest knows of one output file.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
struct Entry {
    /// The hash of its bytes (0 while an update is being applied: unknown).
    hash: Hash,
    /// The key of the page it holds (see `render::key`); 0 for none.
    key: Hash,
}

/// A manifest: the summary line and every file the build wrote, with its hash and key.
#[derive(Debug, Default)]
struct Manifest {
    summary: Summary,
    files: HashMap<String, Entry>,
    /// The text it was read from (empty for one made in memory), for the journal.
    text: String,
    /// How many of the text's file lines a later line for the same path overrides.
    shadowed: usize,
}

impl Manifest {
    fn parse(text: &str) -> Option<Manifest> {
        use rayon::prelude::*;
        let (summary, keyed) = parse_summary(&mut text.lines())?;
        // The file lines are parsed in parallel, in chunks of whole lines (a manifest of
        // 138,000 lines took 0.1 s on one thread), and then gathered in order, a later line
        // for a path replacing an earlier one (see `journal`).
        let mut rest = text.splitn(3, '\n').nth(2).unwrap_or("");
        let mut chunks = Vec::new();
        while !rest.is_empty() {
            let cut = rest
                .get(64 * 1024..)
                .and_then(|tail| tail.find('\n'))
                .map_or(rest.len(), |i| 64 * 1024 + i + 1);
            let (chunk, tail) = rest.split_at(cut);
            chunks.push(chunk);
            rest = tail;
        }
        let parsed: Vec<Option<Vec<(&str, Entry)>>> = chunks
            .par_iter()
            .map(|chunk| chunk.lines().map(|line| parse_line(line, keyed)).collect())
            .collect();
        let count: usize = parsed.iter().flatten().map(Vec::len).sum();
        let mut files = HashMap::with_capacity(count);
        for chunk in parsed {
            for (path, entry) in chunk? {
                files.insert(path.to_string(), entry);
            }
        }
        Some(Manifest {
            summary,
            shadowed: count - files.len(),
            files,
            text: String::new(),
        })
    }

    fn render(&self) -> String {
        render(&self.summary, self.files.iter().collect())
    }

    /// The file lines of the text it was read from, when that is of the current format.
    fn file_lines(&self) -> Option<&str> {
        let mut parts = self.text.splitn(3, '\n');
        let head = parts.next()?;
        parts.next()?;
        (head == HEADER).then(|| parts.next().unwrap_or(""))
    }
}

/// A manifest's text: the summary, then a line for each file, sorted by path.
fn render(summary: &Summary, mut files: Vec<(&String, &Entry)>) -> String {
    let mut out = String::with_capacity(128 + files.len() * 128);
    push_head(&mut out, summary);
    files.sort_unstable_by_key(|(path, _)| *path);
    for (path, entry) in files {
        push_line(&mut out, path, entry);
    }
    out
}

/// The header and summary lines of a manifest.
fn push_head(out: &mut String, s: &Summary) {
    use std::fmt::Write as _;
    out.push_str(HEADER);
    out.push('\n');
    // Writing into a String cannot fail.
    let _ = writeln!(
        out,
        "{:032x} {:032x} {} {} {} {}",
        s.inputs,
        s.salt,
        s.now_from,
        s.now_until,
        s.counts.map(|c| c.to_string()).join(" "),
        s.build
    );
}

/// A file's line of a manifest.
fn push_line(out: &mut String, path: &str, entry: &Entry) {
    use std::fmt::Write as _;
    let _ = writeln!(out, "{:032x} {:032x} {path}", entry.hash, entry.key);
}

/// The journal written before an update is applied (see [`apply`]): the old manifest's file
/// lines as they were read, then a line for each file the new build makes differently,
/// changed ones with an unknown hash and key; read back, a later line wins. So it names every
/// file either build made and trusts none that may be half-applied, without sorting or
/// formatting the 100,000 lines that did not change. Its summary is unknown (inputs 0), so
/// the next build does not take it for an up-to-date output.
fn journal(old: &Manifest, new: &Manifest, changed: &[PathBuf]) -> String {
    let unknown = changed
        .iter()
        .filter_map(|path| path.to_str())
        .map(|name| (name, Entry::default()));
    over_old(old, &Summary::default(), differing(old, new).chain(unknown))
}

/// The files `new` lists otherwise than `old` does.
fn differing<'n>(old: &'n Manifest, new: &'n Manifest) -> impl Iterator<Item = (&'n str, Entry)> {
    new.files
        .iter()
        .filter(|(path, entry)| old.files.get(*path) != Some(*entry))
        .map(|(path, entry)| (path.as_str(), *entry))
}

/// A manifest's text made of `old`'s: `summary`, then the old text's file lines as they were
/// read (every old entry, when the text is of another format), then a line for each of
/// `lines`; read back, a later line for a path wins.
fn over_old<'a>(
    old: &Manifest,
    summary: &Summary,
    lines: impl Iterator<Item = (&'a str, Entry)>,
) -> String {
    let mut out = String::with_capacity(old.text.len() + 4096);
    push_head(&mut out, summary);
    match old.file_lines() {
        Some(lines) => out.push_str(lines),
        None => {
            for (path, entry) in &old.files {
                push_line(&mut out, path, entry);
            }
        }
    }
    if !out.ends_with('\n') {
        out.push('\n');
    }
    for (path, entry) in lines {
        push_line(&mut out, path, &entry);
    }
    out
}

/// The summary, and whether the manifest is of the current format (with salt and keys) rather
/// than the first.
fn parse_summary<'a>(lines: &mut impl Iterator<Item = &'a str>) -> Option<(Summary, bool)> {
    let keyed = match lines.next()? {
        HEADER => true,
        HEADER_1 => false,
        _ => return None,
    };
    let mut fields = lines.next()?.split(' ');
    let inputs = Hash::from_str_radix(fields.next()?, 16).ok()?;
    let salt = match keyed {
        true => Hash::from_str_radix(fields.next()?, 16).ok()?,
        false => 0,
    };
    let now_from = fields.next()?.parse().ok()?;
    let now_until = fields.next()?.parse().ok()?;
    let mut counts = [0; 5];
    for c in &mut counts {
        *c = fields.next()?.parse().ok()?;
    }
    // Added to the second format later: a manifest without it has build 0.
    let build = fields.next().and_then(|f| f.parse().ok()).unwrap_or(0);
    Some((
        Summary {
            inputs,
            salt,
            now_from,
            now_until,
            counts,
            build,
        },
        keyed,
    ))
}

/// Reads only the manifest's summary (two short lines), for the no-change check.
pub fn summary(output: &Path) -> Option<Summary> {
    if !output.join(MARKER).is_file() {
        return None;
    }
    let file = std::fs::File::open(output.join(MANIFEST)).ok()?;
    let mut reader = std::io::BufReader::new(file);
    let mut text = String::new();
    for _ in 0..2 {
        reader.read_line(&mut text).ok()?;
    }
    parse_summary(&mut text.lines()).map(|(summary, _)| summary)
}

/// A file line of a manifest: its path and entry; None when it is not one (a path that is not
/// plain, relative names included: a manifest is only trusted to name files inside).
fn parse_line(line: &str, keyed: bool) -> Option<(&str, Entry)> {
    let (hash, rest) = line.split_once(' ')?;
    let (key, path) = match keyed {
        true => rest.split_once(' ')?,
        false => ("0", rest),
    };
    let plain = if cfg!(unix) {
        // What `is_plain` says of a `/`-separated path, without parsing components.
        !path.is_empty()
            && path
                .split('/')
                .all(|name| !name.is_empty() && name != "." && name != "..")
    } else {
        is_plain(Path::new(path))
    };
    plain.then_some(())?;
    Some((
        path,
        Entry {
            hash: hex(hash)?,
            key: hex(key)?,
        },
    ))
}

/// A hash written in hexadecimal (at most 32 digits).
fn hex(digits: &str) -> Option<Hash> {
    if digits.is_empty() || digits.len() > 32 {
        return None;
    }
    digits.bytes().try_fold(0 as Hash, |value, digit| {
        let d = (digit as char).to_digit(16)?;
        Some(value << 4 | Hash::from(d))
    })
}

/// Whether a path is relative and made only of plain names.
fn is_plain(path: &Path) -> bool {
    !path.as_os_str().is_empty() && path.components().all(|c| matches!(c, Component::Normal(_)))
}

/// A fingerprint of everything a build reads: site.toml and the command line's overrides,
/// gazette's version, every template's text, and the size and modification time of every
/// file under content/ and of every static file. Computed before loading, so an input changed
/// while the build runs makes the next build start over.
///
/// Also returns the render salt (see [`Summary::salt`]): the same hash taken after the
/// version, the overrides, site.toml and the templates, before the files.
pub fn fingerprint(
    config: &Config,
    theme: &Theme,
    overrides: &str,
    scan: &Scan,
) -> Result<(Hash, Hash)> {
    let mut hasher = Xxh3::new();
    let put = |hasher: &mut Xxh3, bytes: &[u8]| {
        hasher.update(&(bytes.len() as u64).to_le_bytes());
        hasher.update(bytes);
    };
    put(&mut hasher, env!("CARGO_PKG_VERSION").as_bytes());
    put(&mut hasher, overrides.as_bytes());
    let site_toml = config.root.join(crate::config::CONFIG_FILE);
    put(&mut hasher, &crate::fs::read(&site_toml)?);
    for template in &theme.templates {
        put(&mut hasher, template.name.as_bytes());
        put(&mut hasher, template.source.as_bytes());
    }
    let salt = hasher.digest128().max(1);
    // Zeros for a file whose stamp is unknown: the loader or the theme reports it.
    let put_stamp = |hasher: &mut Xxh3, stamp: Option<Stamp>| {
        let (size, modified) = stamp.map_or((0, 0), |s| (s.size, s.modified));
        put(hasher, &size.to_le_bytes());
        put(hasher, &modified.to_le_bytes());
    };
    let stamp_of = |path: &Path| std::fs::metadata(path).ok().and_then(|m| Stamp::of(&m));
    let mut stamps = vec![stamp_of(&site_toml)];
    for file in &theme.static_files {
        put(&mut hasher, file.path.as_os_str().as_encoded_bytes());
        match &file.source {
            StaticSource::Disk(path) => {
                let stamp = stamp_of(path);
                put_stamp(&mut hasher, stamp);
                stamps.push(stamp);
            }
            StaticSource::BuiltIn(_) => put(&mut hasher, &xxh3_128(&file.bytes()?).to_le_bytes()),
        }
    }
    put_stamp(&mut hasher, stamps[0]);
    // Every file under content/ the loader could read (hidden and editor temp files are
    // skipped as the loader skips them; other extensions are kept, to be safe).
    for found in &scan.files {
        put(&mut hasher, found.path.as_os_str().as_encoded_bytes());
        put_stamp(&mut hasher, found.stamp);
    }
    // A file modified in the last seconds may be modified again within the file system's
    // timestamp granularity (a few milliseconds) without changing size or time: "racily
    // clean", as git calls it. Such a build records no fingerprint, so the next one renders.
    let now = crate::loader::cache::now();
    let racy = stamps
        .iter()
        .chain(scan.files.iter().map(|found| &found.stamp))
        .flatten()
        .any(|stamp| !stamp.settled_before(now));
    Ok((if racy { 0 } else { hasher.digest128() }, salt))
}

/// A build's inputs, fingerprinted before they are read, and what the output's manifest says
/// about the previous build.
#[derive(Debug)]
pub struct Inputs {
    /// The fingerprint; None when the theme does not load (the build will report why).
    pub hash: Option<Hash>,
    /// The render salt (see [`Summary::salt`]); None as for `hash`.
    pub salt: Option<Hash>,
    output: PathBuf,
    previous: Option<Summary>,
    /// The walk over `content/` the fingerprint was made from, for the loader to read (see
    /// [`crate::loader::scan`]).
    pub scan: Scan,
    /// The theme the fingerprint was made from (or why it does not load), for the build to
    /// use rather than read it again; None once taken.
    pub theme: Option<std::result::Result<Theme, Vec<crate::error::Diagnostic>>>,
}

impl Inputs {
    /// The output folder the build writes.
    pub fn output(&self) -> &Path {
        &self.output
    }
}

/// Fingerprints the inputs of a build with `options`.
pub fn inputs(options: &BuildOptions) -> Result<Inputs> {
    let config = crate::build::configure(options)?;
    // Whatever changes the output must be here; `--now` is not, as the news window is kept
    // in the summary instead, and `--out` is where the manifest lives.
    let overrides = format!("drafts={} base_url={:?}", options.drafts, options.base_url);
    let (theme, scan) = rayon::join(
        || crate::theme::load(&config),
        || crate::loader::scan::scan(&config),
    );
    let (hash, salt) = match &theme {
        Ok(theme) => fingerprint(&config, theme, &overrides, &scan).ok().unzip(),
        Err(_) => (None, None),
    };
    Ok(Inputs {
        hash,
        salt,
        previous: summary(&config.output_dir),
        output: config.output_dir,
        scan,
        theme: Some(theme),
    })
}

/// The report of a build that has nothing to do: the inputs are those of the previous build
/// and `now` is inside its news window. None when the site must be built.
pub fn up_to_date(
    inputs: &Inputs,
    now: Option<DateTime<FixedOffset>>,
    started: Instant,
) -> Option<BuildReport> {
    let (hash, previous) = (inputs.hash?, inputs.previous.as_ref()?);
    if hash == 0 || previous.inputs != hash {
        return None;
    }
    let now = now
        .map(|n| n.to_utc())
        .unwrap_or_else(chrono::Utc::now)
        .timestamp_nanos_opt()?;
    if !(previous.now_from < now && now < previous.now_until) {
        return None;
    }
    let [articles, pages, files, topics, static_files] = previous.counts;
    Some(BuildReport {
        articles,
        pages,
        files,
        topics,
        static_files,
        output: inputs.output.clone(),
        warnings: Vec::new(),
        auto_topics: Vec::new(),
        search_seconds: None,
        elapsed: started.elapsed(),
        written: 0,
        removed: 0,
        rendered: 0,
        looked_at: 0,
        up_to_date: true,
        timings: vec![crate::progress::Phase::since("check", started)],
        parsed: 0,
        cached: 0,
    })
}

/// The open interval (Unix nanoseconds) around `now` in which the news sitemap (articles
/// dated within `days` before now, none after) keeps the same articles: no article's date,
/// nor its date plus `days`, falls inside it. Empty when one falls on `now` itself.
pub fn news_window(
    dates: impl Iterator<Item = DateTime<FixedOffset>>,
    now: DateTime<FixedOffset>,
    days: u32,
) -> (i64, i64) {
    let Some(now) = now.timestamp_nanos_opt() else {
        return (0, 0);
    };
    let span = i64::from(days) * 86_400 * 1_000_000_000;
    let (mut from, mut until) = (i64::MIN, i64::MAX);
    for date in dates {
        let Some(date) = date.timestamp_nanos_opt() else {
            return (now, now);
        };
        for event in [date, date.saturating_add(span)] {
            match event.cmp(&now) {
                std::cmp::Ordering::Less => from = from.max(event),
                std::cmp::Ordering::Greater => until = until.min(event),
                std::cmp::Ordering::Equal => return (now, now),
            }
        }
    }
    (from, until)
}

/// What applying a build changed in the output folder.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Applied {
    /// Files written (new or with changed bytes).
    pub written: usize,
    /// Files of the previous build removed because this build no longer makes them.
    pub removed: usize,
}

/// A build being written to an output folder, incrementally when the folder holds a manifest.
pub struct Output {
    /// None once committed.
    mode: Option<Mode>,
    output: PathBuf,
    produced: Mutex<HashMap<String, Entry>>,
    changed: Mutex<Vec<PathBuf>>,
    /// Whether the previous build's page keys may be trusted: same salt, no `--force`.
    keys_trusted: bool,
    /// Whether files of the previous build with a page key that this build does not produce
    /// are kept as they are rather than removed (see [`Output::carry_unrendered`]).
    carry: bool,
}

enum Mode {
    /// No previous build to update: write everything into a staging folder and swap it in.
    Fresh(Staging),
    /// Update the previous build in place: stage only changed files.
    Update {
        old: Manifest,
        staging: PathBuf,
        force: bool,
    },
}

impl Output {
    /// Opens `output` for a build. With a manifest there, the build updates it in place;
    /// without one (a first build, or the output of an older gazette) it is written whole and
    /// swapped in. `force` compares every file with the bytes on disk instead of trusting the
    /// manifest's hashes. `salt` is this build's render salt (see [`Summary::salt`]); pages
    /// of the previous build are kept by key only if it had the same one.
    pub fn open(output: &Path, force: bool, salt: Option<Hash>) -> Result<Output> {
        let old = if output.join(MARKER).is_file() {
            std::fs::read_to_string(output.join(MANIFEST))
                .ok()
                .and_then(|text| {
                    Manifest::parse(&text).map(|manifest| Manifest { text, ..manifest })
                })
        } else {
            None
        };
        let salt = salt.unwrap_or(0);
        let keys_trusted =
            !force && salt != 0 && old.as_ref().is_some_and(|old| old.summary.salt == salt);
        let mode = match old {
            Some(old) => Mode::Update {
                old,
                staging: writer::open_staging(output)?,
                force,
            },
            None => Mode::Fresh(Staging::begin(output)?),
        };
        Ok(Output {
            mode: Some(mode),
            output: output.to_path_buf(),
            produced: Mutex::new(HashMap::new()),
            changed: Mutex::new(Vec::new()),
            keys_trusted,
            carry: false,
        })
    }

    /// The number of the build this one updates (see [`Summary::build`]), when its page keys
    /// may be trusted (same salt, no `--force`); None otherwise.
    pub fn previous_build(&self) -> Option<u64> {
        match &self.mode {
            Some(Mode::Update { old, .. }) if self.keys_trusted => {
                Some(old.summary.build).filter(|b| *b != 0)
            }
            _ => None,
        }
    }

    /// Keeps every file of the previous build that has a page key and that this build does
    /// not produce, as it is, instead of removing it. For a build that knows its pages are
    /// the previous build's and renders only those whose inputs changed, skipping the rest
    /// without so much as naming them (see [`crate::snapshot`]); files without a key
    /// (sitemaps, static files) must still be produced. Only after [`Output::previous_build`]
    /// gave a number.
    pub fn carry_unrendered(&mut self) {
        self.carry = self.previous_build().is_some();
    }

    /// Keeps the previous build's file at `path` as it is when it holds the page with `key`:
    /// the page need not be rendered. False when it must be (no previous build, another key,
    /// another salt, `--force`). Safe to call from many threads at once.
    pub fn keep(&self, path: &Path, key: Hash) -> bool {
        let Some(Mode::Update { old, .. }) = &self.mode else {
            return false;
        };
        if !self.keys_trusted || key == 0 {
            return false;
        }
        let Some(name) = path.to_str() else {
            return false;
        };
        match old.files.get(name) {
            Some(entry) if entry.key == key && entry.hash != 0 => {
                lock(&self.produced).insert(name.to_string(), *entry);
                true
            }
            _ => false,
        }
    }

    /// Records one file of the build, staging it if its bytes changed; `key` is its page key,
    /// if it has one. Safe to call from many threads at once.
    pub fn write(&self, artifact: &Artifact, key: Option<Hash>) -> Result<()> {
        self.put(&artifact.path, &artifact.bytes, key.unwrap_or(0))
    }

    /// Records one static file.
    pub fn copy_static(&self, file: &StaticFile) -> Result<()> {
        not_bookkeeping(&file.path)?;
        if let (Some(Mode::Fresh(staging)), StaticSource::Disk(_)) = (&self.mode, &file.source) {
            // A first build copies (the kernel may clone) rather than read into memory; the
            // hash is still needed for the manifest.
            let bytes = file.bytes()?;
            self.record(&file.path, xxh3_128(&bytes), 0);
            return staging.copy_static(file);
        }
        self.put(&file.path, &file.bytes()?, 0)
    }

    fn put(&self, path: &Path, bytes: &[u8], key: Hash) -> Result<()> {
        debug_assert!(is_plain(path));
        not_bookkeeping(path)?;
        let hash = xxh3_128(bytes);
        let listed = self.record(path, hash, key);
        match &self.mode {
            None => Ok(()),
            Some(Mode::Fresh(staging)) => staging.write_bytes(path, bytes),
            Some(Mode::Update {
                old,
                staging,
                force,
            }) => {
                let unchanged = if *force {
                    std::fs::read(self.output.join(path)).is_ok_and(|b| b == bytes)
                } else {
                    listed.is_some_and(|name| old.files.get(&name).map(|e| e.hash) == Some(hash))
                };
                if unchanged {
                    return Ok(());
                }
                crate::fs::write(&staging.join(path), bytes)?;
                lock(&self.changed).push(path.to_path_buf());
                Ok(())
            }
        }
    }

    /// Adds a file to the new manifest; returns its key, or None for a path the manifest
    /// cannot hold (not UTF-8, or with a line break), which is then always written and never
    /// removed.
    fn record(&self, path: &Path, hash: Hash, key: Hash) -> Option<String> {
        let name = path.to_str().filter(|k| !k.contains(['\n', '\r']))?;
        lock(&self.produced).insert(name.to_string(), Entry { hash, key });
        Some(name.to_string())
    }

    /// Applies the build: on an update, removes the files of the previous build this one no
    /// longer makes, moves changed files in and writes the manifest; on a first build, swaps
    /// the staged folder in.
    pub fn commit(mut self, summary: Summary) -> Result<Applied> {
        let produced = std::mem::take(&mut *lock(&self.produced));
        let changed = std::mem::take(&mut *lock(&self.changed));
        let output = self.output.clone();
        let manifest = Manifest {
            summary,
            files: produced,
            ..Manifest::default()
        };
        match self.mode.take() {
            None => Ok(Applied::default()),
            Some(Mode::Fresh(staging)) => {
                let written = manifest.files.len();
                crate::fs::write(&staging.dir().join(MANIFEST), manifest.render().as_bytes())?;
                staging.commit()?;
                Ok(Applied {
                    written,
                    removed: 0,
                })
            }
            Some(Mode::Update { old, staging, .. }) => {
                let result = apply(&output, &staging, &old, &manifest, &changed, self.carry);
                let _ = std::fs::remove_dir_all(&staging);
                result
            }
        }
    }
}

impl Drop for Output {
    /// An uncommitted update leaves the output alone and removes its staging folder (a fresh
    /// build's [`Staging`] does the same for itself).
    fn drop(&mut self) {
        if let Some(Mode::Update { staging, .. }) = &self.mode {
            let _ = std::fs::remove_dir_all(staging);
        }
    }
}

/// The marker and the manifest are gazette's; no page or static file may replace them.
fn not_bookkeeping(path: &Path) -> Result<()> {
    if path == Path::new(MANIFEST) || path == Path::new(MARKER) {
        return Err(Error::Output {
            path: path.to_path_buf(),
            message: "is the name of gazette's own bookkeeping file in the output folder; rename the static file".into(),
        });
    }
    Ok(())
}

fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(|e| e.into_inner())
}

/// Applies an update. First a manifest listing the old and new files together (changed ones
/// with an unknown hash) is written, so an interrupted update is finished by the next build:
/// it rewrites what may be half-applied and can still remove every file either build made.
///
/// With `carry` (see [`Output::carry_unrendered`]), files of the old manifest with a page key
/// that `manifest` does not list are kept, not removed.
fn apply(
    output: &Path,
    staging: &Path,
    old: &Manifest,
    manifest: &Manifest,
    changed: &[PathBuf],
    carry: bool,
) -> Result<Applied> {
    // Checked again: the folder may have changed while the build ran.
    writer::check_replaceable(output)?;
    let stale: Vec<&String> = old
        .files
        .iter()
        .filter(|(p, e)| {
            let carried = carry && e.key != 0;
            !carried && !manifest.files.contains_key(*p)
        })
        .map(|(p, _)| p)
        .collect();
    if changed.is_empty() && stale.is_empty() {
        // Nothing to apply, so nothing can be left half-applied: no journal. The manifest is
        // written only when its summary (the build number, at least) is new.
        if old.summary != manifest.summary {
            write_manifest(output, &updated(old, manifest, carry, true))?;
        }
        return Ok(Applied::default());
    }
    write_manifest(output, &journal(old, manifest, changed))?;

    let mut safe_dirs = HashSet::new();
    let mut emptied = HashSet::new();
    let mut removed = 0;
    for path in &stale {
        let path = Path::new(path.as_str());
        if !inside(output, path, &mut safe_dirs) {
            continue;
        }
        let full = output.join(path);
        match std::fs::symlink_metadata(&full) {
            Ok(meta) if !meta.is_dir() => {
                std::fs::remove_file(&full).map_err(|e| Error::io(&full, e))?;
                removed += 1;
                if let Some(parent) = path.parent() {
                    emptied.insert(parent.to_path_buf());
                }
            }
            _ => {}
        }
    }
    // Folders left empty by the removals go too, deepest first; a folder that still holds
    // anything (remove_dir refuses) stays.
    let mut emptied: Vec<PathBuf> = emptied
        .into_iter()
        .flat_map(|p| p.ancestors().map(Path::to_path_buf).collect::<Vec<_>>())
        .filter(|p| !p.as_os_str().is_empty())
        .collect::<HashSet<_>>()
        .into_iter()
        .collect();
    emptied.sort_by_key(|p| std::cmp::Reverse(p.components().count()));
    for dir in emptied {
        if std::fs::remove_dir(output.join(&dir)).is_ok() {
            safe_dirs.remove(&dir);
        }
    }

    for path in changed {
        let to = output.join(path);
        if !inside(output, path, &mut safe_dirs) {
            return Err(Error::Output {
                path: to,
                message:
                    "is reached through a symlink; gazette never writes outside its output folder"
                        .into(),
            });
        }
        if let Some(parent) = to.parent() {
            crate::fs::create_dir_all(parent)?;
        }
        crate::fs::rename(&staging.join(path), &to)?;
    }
    write_manifest(output, &updated(old, manifest, carry, stale.is_empty()))?;
    Ok(Applied {
        written: changed.len(),
        removed,
    })
}

/// The manifest after an update: `new`'s files and, with `carry`, the old files with a page
/// key that `new` does not list. When the old text is of this format, nothing was removed
/// and few lines change, that is the old text under the new summary with a line appended
/// for each file `new` lists otherwise (read back, a later line wins), so that an edit at
/// 100,000 pages neither sorts nor formats the lines that did not change; otherwise, or
/// once overridden lines add up to an eighth of the files, it is written out whole.
fn updated(old: &Manifest, new: &Manifest, carry: bool, nothing_removed: bool) -> String {
    let appendable = carry
        && nothing_removed
        && old.file_lines().is_some()
        && (old.shadowed + differing(old, new).count()) * 8 <= old.files.len();
    if appendable {
        return over_old(old, &new.summary, differing(old, new));
    }
    let mut files: Vec<(&String, &Entry)> = new.files.iter().collect();
    if carry {
        files.extend(
            old.files
                .iter()
                .filter(|(path, entry)| entry.key != 0 && !new.files.contains_key(*path)),
        );
    }
    render(&new.summary, files)
}

/// Whether every folder on the way to `path` inside `output` is a real folder (or missing),
/// not a symlink that leads elsewhere. Checked folders are remembered.
fn inside(output: &Path, path: &Path, checked: &mut HashSet<PathBuf>) -> bool {
    if !is_plain(path) {
        return false;
    }
    let mut dir = PathBuf::new();
    let Some(parent) = path.parent() else {
        return true;
    };
    for component in parent.components() {
        dir.push(component);
        if checked.contains(&dir) {
            continue;
        }
        match std::fs::symlink_metadata(output.join(&dir)) {
            Ok(meta) if meta.file_type().is_symlink() => return false,
            Ok(meta) if !meta.is_dir() => return true, // a file in the way: the write reports it
            Ok(_) => {
                checked.insert(dir.clone());
            }
            Err(_) => return true, // missing: created as a real folder
        }
    }
    true
}

/// Writes the manifest through a temporary file and a rename, so it is never half-written.
fn write_manifest(output: &Path, text: &str) -> Result<()> {
    let path = output.join(MANIFEST);
    crate::fs::replace(&path, &[text.as_bytes()]).map_err(|e| Error::io(&path, e))
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::artifact::test_artifact as artifact;

    fn entry(hash: Hash, key: Hash) -> Entry {
        Entry { hash, key }
    }

    fn build(out: &Path, files: &[(&str, &str)], force: bool) -> Applied {
        let o = Output::open(out, force, None).unwrap();
        for (path, text) in files {
            o.write(&artifact(path, text), None).unwrap();
        }
        o.commit(Summary {
            inputs: 1,
            ..Summary::default()
        })
        .unwrap()
    }

    fn mtime(path: &Path) -> std::time::SystemTime {
        std::fs::metadata(path).unwrap().modified().unwrap()
    }

    #[test]
    fn only_changed_files_are_written_and_only_listed_ones_removed() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("public");
        build(
            &out,
            &[("a/index.html", "a"), ("b/c/index.html", "b")],
            false,
        );
        std::fs::write(out.join("mine.txt"), "not gazette's").unwrap();
        let before = mtime(&out.join("a/index.html"));
        std::thread::sleep(std::time::Duration::from_millis(20));
        let applied = build(&out, &[("a/index.html", "a"), ("d/index.html", "d")], false);
        assert_eq!(
            applied,
            Applied {
                written: 1,
                removed: 1
            }
        );
        assert_eq!(mtime(&out.join("a/index.html")), before);
        assert!(!out.join("b").exists(), "emptied folders go too");
        assert_eq!(
            std::fs::read_to_string(out.join("d/index.html")).unwrap(),
            "d"
        );
        assert!(
            out.join("mine.txt").is_file(),
            "files the manifest does not list stay"
        );
        let leftovers: Vec<_> = std::fs::read_dir(tmp.path()).unwrap().collect();
        assert_eq!(leftovers.len(), 1, "no staging folder is left");
    }

    #[test]
    fn force_repairs_files_edited_by_hand() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("public");
        build(&out, &[("index.html", "home")], false);
        std::fs::write(out.join("index.html"), "edited").unwrap();
        assert_eq!(build(&out, &[("index.html", "home")], false).written, 0);
        assert_eq!(build(&out, &[("index.html", "home")], true).written, 1);
        assert_eq!(
            std::fs::read_to_string(out.join("index.html")).unwrap(),
            "home"
        );
    }

    #[test]
    fn a_dropped_update_leaves_the_output_alone() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("public");
        build(&out, &[("index.html", "home")], false);
        let o = Output::open(&out, false, None).unwrap();
        o.write(&artifact("index.html", "new"), None).unwrap();
        drop(o);
        assert_eq!(
            std::fs::read_to_string(out.join("index.html")).unwrap(),
            "home"
        );
    }

    #[test]
    fn a_manifest_naming_paths_outside_is_not_trusted() {
        for bad in ["../x", "/etc/passwd", "a/../../x"] {
            let text = format!(
                "{HEADER}\n{:032x} {:032x} 0 0 0 0 0 0 0\n{:032x} {:032x} {bad}\n",
                1, 9, 2, 3
            );
            assert!(Manifest::parse(&text).is_none(), "{bad}");
        }
        let good = format!(
            "{HEADER}\n{:032x} {:032x} -5 7 1 2 3 4 5\n{:032x} {:032x} a/b.html\n",
            1, 9, 2, 3
        );
        let manifest = Manifest::parse(&good).unwrap();
        assert_eq!(manifest.summary.counts, [1, 2, 3, 4, 5]);
        assert_eq!(manifest.summary.salt, 9);
        assert_eq!(manifest.files["a/b.html"], Entry { hash: 2, key: 3 });
        assert_eq!(
            Manifest::parse(&manifest.render()).unwrap().files,
            manifest.files
        );
    }

    #[test]
    fn an_output_of_the_first_manifest_format_is_updated_not_replaced() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("public");
        build(&out, &[("index.html", "home"), ("gone.html", "old")], false);
        // The manifest as the first format wrote it: no salt, no keys.
        let hash = |text: &str| xxh3_128(text.as_bytes());
        let first = format!(
            "{HEADER_1}\n{:032x} 0 0 0 0 0 0 0\n{:032x} gone.html\n{:032x} index.html\n",
            1,
            hash("old"),
            hash("home")
        );
        std::fs::write(out.join(MANIFEST), &first).unwrap();
        let parsed = Manifest::parse(&first).unwrap();
        assert_eq!(parsed.summary.inputs, 1);
        assert_eq!(
            parsed.files["index.html"],
            Entry {
                hash: hash("home"),
                key: 0
            }
        );
        std::fs::write(out.join("CNAME"), "example.org").unwrap();
        let applied = build(&out, &[("index.html", "home")], false);
        assert_eq!((applied.written, applied.removed), (0, 1));
        assert!(!out.join("gone.html").exists());
        assert_eq!(
            std::fs::read_to_string(out.join("CNAME")).unwrap(),
            "example.org",
            "a file the manifest does not list stays"
        );
    }

    #[test]
    fn the_journal_names_every_file_of_both_builds_and_trusts_no_changed_one() {
        let old_files: HashMap<String, Entry> = [
            ("kept.html", entry(1, 11)),
            ("changed.html", entry(2, 12)),
            ("stale.html", entry(3, 13)),
        ]
        .into_iter()
        .map(|(p, e)| (p.to_string(), e))
        .collect();
        let summary = Summary {
            inputs: 7,
            salt: 8,
            ..Summary::default()
        };
        let rendered = Manifest {
            summary: summary.clone(),
            files: old_files.clone(),
            ..Manifest::default()
        }
        .render();
        let old = Manifest {
            text: rendered.clone(),
            ..Manifest::parse(&rendered).unwrap()
        };
        let new = Manifest {
            summary,
            files: [
                ("kept.html", entry(1, 11)),
                ("changed.html", entry(4, 14)),
                ("added.html", entry(5, 15)),
            ]
            .into_iter()
            .map(|(p, e)| (p.to_string(), e))
            .collect(),
            ..Manifest::default()
        };
        let changed = [PathBuf::from("changed.html"), PathBuf::from("added.html")];
        // From the text read, and from a manifest made in memory: the same files.
        for old in [
            &old,
            &Manifest {
                text: String::new(),
                ..Manifest::parse(&rendered).unwrap()
            },
        ] {
            let journal = Manifest::parse(&journal(old, &new, &changed)).unwrap();
            assert_eq!(journal.summary, Summary::default(), "never up to date");
            assert_eq!(journal.files["kept.html"], entry(1, 11));
            assert_eq!(
                journal.files["stale.html"],
                entry(3, 13),
                "can still be removed"
            );
            assert_eq!(journal.files["changed.html"], Entry::default());
            assert_eq!(journal.files["added.html"], Entry::default());
            assert_eq!(journal.files.len(), 4);
        }
    }

    #[test]
    fn an_update_that_carries_pages_over_appends_to_the_manifest_until_it_is_compacted() {
        let manifest = |files: &[(&str, Entry)], summary: u64| Manifest {
            summary: Summary {
                build: summary,
                ..Summary::default()
            },
            files: files.iter().map(|(p, e)| (p.to_string(), *e)).collect(),
            ..Manifest::default()
        };
        let read = |text: String| Manifest {
            text: text.clone(),
            ..Manifest::parse(&text).unwrap()
        };
        // 16 pages with keys and a sitemap without one.
        let mut files: Vec<(String, Entry)> = (0..16)
            .map(|i| (format!("p{i:02}.html"), entry(i + 1, 100 + i)))
            .collect();
        files.push(("sitemap.xml".into(), entry(50, 0)));
        let named: Vec<(&str, Entry)> = files.iter().map(|(p, e)| (p.as_str(), *e)).collect();
        let old = read(manifest(&named, 1).render());

        // A build that rendered one page and the sitemap, carrying the rest over.
        let new = manifest(
            &[("p03.html", entry(9, 9)), ("sitemap.xml", entry(51, 0))],
            2,
        );
        let text = updated(&old, &new, true, true);
        let old_lines = old.file_lines().unwrap();
        assert!(text.contains(old_lines), "the old lines, as they were");
        let back = read(text);
        assert_eq!(back.summary.build, 2);
        assert_eq!(back.files.len(), 17, "every page carried over");
        assert_eq!(back.files["p03.html"], entry(9, 9));
        assert_eq!(back.files["p04.html"], entry(5, 104));
        assert_eq!(back.files["sitemap.xml"], entry(51, 0));
        assert_eq!(back.shadowed, 2, "two lines appended over older ones");

        // Past an eighth of the files overridden, the manifest is written whole again.
        let next = manifest(
            &[("p05.html", entry(7, 7)), ("sitemap.xml", entry(52, 0))],
            3,
        );
        let whole = read(updated(&back, &next, true, true));
        assert_eq!((whole.shadowed, whole.files.len()), (0, 17));
        assert_eq!(whole.files["p03.html"], entry(9, 9));
        assert_eq!(whole.files["p05.html"], entry(7, 7));

        // Without carrying over, only what the build made is listed.
        let alone = read(updated(&back, &next, false, true));
        assert_eq!(alone.files.len(), 2);
    }

    #[test]
    fn a_long_manifest_is_read_whole_a_later_line_winning() {
        let files: HashMap<String, Entry> = (0..5000u128)
            .map(|i| (format!("p/{i:05}/index.html"), entry(i + 1, i + 2)))
            .collect();
        let mut text = Manifest {
            files,
            ..Manifest::default()
        }
        .render();
        assert!(text.len() > 4 * 64 * 1024, "several chunks");
        push_line(&mut text, "p/00007/index.html", &entry(9, 9));
        let read = Manifest::parse(&text).unwrap();
        assert_eq!((read.files.len(), read.shadowed), (5000, 1));
        assert_eq!(read.files["p/00007/index.html"], entry(9, 9));
        assert_eq!(read.files["p/04999/index.html"], entry(5000, 5001));
        for bad in ["p/../x", "/p/x", "p//x", "./p", ""] {
            let mut with_bad = text.clone();
            push_line(&mut with_bad, bad, &entry(1, 1));
            assert!(Manifest::parse(&with_bad).is_none(), "{bad:?}");
        }
        assert!(hex("g").is_none() && hex(&"f".repeat(33)).is_none());
        assert_eq!(hex("ff"), Some(255));
    }

    #[cfg(unix)]
    #[test]
    fn no_write_through_a_symlinked_folder() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("public");
        let elsewhere = tmp.path().join("elsewhere");
        std::fs::create_dir(&elsewhere).unwrap();
        build(&out, &[("index.html", "home")], false);
        std::os::unix::fs::symlink(&elsewhere, out.join("a")).unwrap();
        let o = Output::open(&out, false, None).unwrap();
        o.write(&artifact("a/index.html", "x"), None).unwrap();
        assert!(o.commit(Summary::default()).is_err());
        assert_eq!(std::fs::read_dir(&elsewhere).unwrap().count(), 0);
    }
}

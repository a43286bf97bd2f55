//! The output folder's manifest: what the last build wrote there, and from what.
//!
//! The manifest, [`MANIFEST`], sits beside the marker in the output folder. Its summary line
//! holds a fingerprint of every input of the build (see [`crate::incremental`]), the render
//! salt, the news sitemap's window, the build's counts and its number; then a line for every
//! file the build wrote: a hash of its bytes, its page key (see `render::key`) and its path.
//! The writer reads it to write only the files whose bytes changed and to remove only files
//! an earlier build listed; [`summary`] alone decides whether a build has anything to do.
//! This module owns the format: parsing, and the texts written (whole, appended to, or as
//! the journal an update writes first).

use std::collections::HashMap;
use std::io::BufRead;
use std::path::{Component, Path, PathBuf};

use super::MARKER;

pub(crate) const MANIFEST: &str = ".gazette-manifest";
const HEADER: &str = "gazette-manifest 2";
/// The first format (before page keys): no salt, no keys. Still read, so that an output made
/// by an older gazette is updated (its files listed, a `CNAME` beside them kept) rather than
/// replaced whole.
pub(super) const HEADER_1: &str = "gazette-manifest 1";

/// The hash of a file's bytes.
pub(super) type Hash = u128;

/// What the output folder's manifest says about the last build.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Summary {
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
    /// (the build snapshot, see `incremental::snapshot`) is known to go with this output.
    pub build: u64,
}

impl Summary {
    /// A new build's number: never 0, and different from the last build's.
    pub(crate) fn new_build_number() -> u64 {
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
pub(super) struct Entry {
    /// The hash of its bytes (0 while an update is being applied: unknown).
    pub(super) hash: Hash,
    /// The key of the page it holds (see `render::key`); 0 for none.
    pub(super) key: Hash,
}

/// A manifest: the summary line and every file the build wrote, with its hash and key.
#[derive(Debug, Default)]
pub(super) struct Manifest {
    pub(super) summary: Summary,
    pub(super) files: HashMap<String, Entry>,
    /// The text it was read from (empty for one made in memory), for the journal.
    pub(super) text: String,
    /// How many of the text's file lines a later line for the same path overrides.
    pub(super) shadowed: usize,
}

impl Manifest {
    pub(super) fn parse(text: &str) -> Option<Manifest> {
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

    /// The manifest's text (a build writes it with [`Manifest::write_new`]).
    #[cfg(test)]
    pub(super) fn render(&self) -> String {
        render(&self.summary, self.files.iter().collect())
    }

    /// Writes [`Manifest::render`]'s text to a new file at `path` a line at a time, rather
    /// than make it whole first: at 100,000 articles the text is 20 MB, held at the peak of a
    /// first build (issue 14).
    pub(super) fn write_new(&self, path: &Path) -> std::io::Result<()> {
        use std::io::Write;
        let mut out = std::io::BufWriter::new(std::fs::File::create(path)?);
        let mut line = String::with_capacity(256);
        push_head(&mut line, &self.summary);
        out.write_all(line.as_bytes())?;
        for (path, entry) in sorted(self.files.iter().collect()) {
            line.clear();
            push_line(&mut line, path, entry);
            out.write_all(line.as_bytes())?;
        }
        out.flush()
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
fn render(summary: &Summary, files: Vec<(&String, &Entry)>) -> String {
    // Made to measure: a line is two hashes of 32 digits, two spaces, the path and a line
    // break. (A guess of 128 bytes a line was short, and doubled a 20 MB text.)
    let length = files
        .iter()
        .map(|(path, _)| LINE + path.len())
        .sum::<usize>();
    let mut out = String::with_capacity(256 + length);
    push_head(&mut out, summary);
    for (path, entry) in sorted(files) {
        push_line(&mut out, path, entry);
    }
    out
}

/// The bytes of a file's line besides its path (see [`push_line`]).
const LINE: usize = 32 + 1 + 32 + 1 + 1;

/// The files in a manifest's order: by path.
fn sorted<'a>(mut files: Vec<(&'a String, &'a Entry)>) -> Vec<(&'a String, &'a Entry)> {
    files.sort_unstable_by_key(|(path, _)| *path);
    files
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
pub(super) fn journal(old: &Manifest, new: &Manifest, changed: &[PathBuf]) -> String {
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
pub(crate) fn summary(output: &Path) -> Option<Summary> {
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
pub(super) fn is_plain(path: &Path) -> bool {
    !path.as_os_str().is_empty() && path.components().all(|c| matches!(c, Component::Normal(_)))
}

/// The manifest after an update: `new`'s files and, with `carry`, the old files with a page
/// key that `new` does not list. When the old text is of this format, nothing was removed
/// and few lines change, that is the old text under the new summary with a line appended
/// for each file `new` lists otherwise (read back, a later line wins), so that an edit at
/// 100,000 pages neither sorts nor formats the lines that did not change; otherwise, or
/// once overridden lines add up to an eighth of the files, it is written out whole.
pub(super) fn updated(
    old: &Manifest,
    new: &Manifest,
    carry: bool,
    nothing_removed: bool,
) -> String {
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

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(hash: Hash, key: Hash) -> Entry {
        Entry { hash, key }
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
    fn a_manifest_written_a_line_at_a_time_is_the_text_rendered_whole() {
        let tmp = tempfile::tempdir().unwrap();
        let mut manifest = Manifest {
            summary: Summary {
                inputs: 7,
                salt: 9,
                counts: [1, 2, 3, 4, 5],
                build: 11,
                ..Summary::default()
            },
            ..Manifest::default()
        };
        for i in 0..5_000u128 {
            let path = format!("{}/caf\u{e9}-{i}/index.html", i % 7);
            manifest.files.insert(path, entry(i, i * 3));
        }
        let path = tmp.path().join(MANIFEST);
        manifest.write_new(&path).unwrap();
        let text = std::fs::read_to_string(&path).unwrap();
        assert_eq!(text, manifest.render());
        let read = Manifest::parse(&text).unwrap();
        assert_eq!(
            (read.summary, read.files),
            (manifest.summary, manifest.files)
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
}

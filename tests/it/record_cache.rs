//! The record cache (`.gazette-cache/records/`): a rebuild parses only the files that changed,
//! and its output equals a build that parsed everything; a damaged cache is ignored; a build
//! that fails, and `gazette check`, write no cache.

use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use crate::common::{
    attrs, fixed_now, one, output_tree as tree, page_in, text_of, toml_article, Site,
};
use gazette::BuildOptions;

const CONFIG: &str =
    "title = \"Test Archive\"\nbase_url = \"https://example.org/\"\npaginate = 2\n\
    timezone = \"UTC\"\n\n[topics.canada]\nname = \"Canada\"\nkind = \"place\"\n";

const CACHE: &str = ".gazette-cache";

/// Sets a file's modification time to `ago` before now. The cache trusts only files modified
/// a few seconds before a build (an edit within the file system's timestamp granularity could
/// keep the same time), so the fixtures are aged.
fn age(path: &Path, ago: Duration) {
    std::fs::File::options()
        .write(true)
        .open(path)
        .unwrap()
        .set_modified(SystemTime::now() - ago)
        .unwrap();
}

fn age_content(site: &Site, ago: Duration) {
    for entry in std::fs::read_dir(site.root().join("content")).unwrap() {
        age(&entry.unwrap().path(), ago);
    }
}

const HOUR: Duration = Duration::from_secs(3600);

/// Six articles (one links to another by `@/` path, one is a draft), all an hour old.
fn fixture() -> Site {
    let site = Site::with_config(CONFIG);
    for i in 0..4 {
        site.article(
            &format!("a{i}.md"),
            &format!("Story {i}"),
            &format!("2016-01-{:02}T10:00:00Z", 10 + i),
            "topics = [\"Canada\"]\n",
        );
    }
    site.write(
        "content/linker.md",
        toml_article(
            "The linker",
            "2016-01-20T10:00:00Z",
            "",
            "See [story zero](@/a0.md) for more.",
        ),
    );
    site.article(
        "draft.md",
        "A draft",
        "2016-01-21T10:00:00Z",
        "draft = true\n",
    );
    age_content(&site, HOUR);
    site
}

/// The output in `out` equals that of a build that parses every file (`--force`, into a new
/// folder).
fn assert_equals_a_full_parse(site: &Site, out: &Path, step: &str) {
    let clean = site.outside().join(format!("clean-{step}"));
    let report = site
        .build_into(&clean, true)
        .unwrap_or_else(|e| panic!("{step} (clean): {e}"));
    assert_eq!(report.cached, 0, "{step}: --force reads no cache");
    let (built, clean_tree) = (tree(out), tree(&clean));
    assert_eq!(
        built.keys().collect::<Vec<_>>(),
        clean_tree.keys().collect::<Vec<_>>(),
        "{step}: the same files"
    );
    for (path, bytes) in &clean_tree {
        assert!(
            built[path] == *bytes,
            "{step}: {} differs from a build that parsed every file",
            path.display()
        );
    }
    std::fs::remove_dir_all(&clean).unwrap();
}

#[test]
fn a_rebuild_after_one_edit_parses_only_that_file() {
    let site = fixture();
    let first = site.build_into(&site.public(), false).unwrap();
    assert_eq!((first.parsed, first.cached), (6, 0));
    assert!(site.root().join(CACHE).join("records").is_dir());
    let old_url = attrs(
        &page_in(&site.public(), "/2016/01/20/the-linker/"),
        ".article-body a",
        "href",
    );
    assert_eq!(old_url, ["/2016/01/10/story-0/"]);

    // A new title (so a new URL, which the cached linker's link must follow) and a new body.
    site.write(
        "content/a0.md",
        toml_article(
            "Story zero, retitled",
            "2016-01-10T10:00:00Z",
            "topics = [\"Canada\"]\n",
            "A new body.",
        ),
    );
    age(&site.root().join("content/a0.md"), HOUR / 2);
    let second = site.build_into(&site.public(), false).unwrap();
    assert_eq!((second.parsed, second.cached), (1, 5), "{second:?}");

    let page = page_in(&site.public(), "/2016/01/10/story-zero-retitled/");
    assert_eq!(
        text_of(one(&page, "h1.article-title")),
        "Story zero, retitled"
    );
    assert_eq!(text_of(one(&page, ".article-body")), "A new body.");
    let linker = page_in(&site.public(), "/2016/01/20/the-linker/");
    assert_eq!(
        attrs(&linker, ".article-body a", "href"),
        ["/2016/01/10/story-zero-retitled/"]
    );
    assert_equals_a_full_parse(&site, &site.public(), "edit");

    // Drafts came from the cache too, and build with `--drafts`.
    let drafts = gazette::build(&BuildOptions {
        root: site.root().to_path_buf(),
        output: Some(site.outside().join("with-drafts")),
        now: Some(fixed_now()),
        drafts: true,
        ..BuildOptions::default()
    })
    .unwrap();
    assert_eq!((drafts.parsed, drafts.cached), (0, 6));
    let draft = page_in(&site.outside().join("with-drafts"), "/2016/01/21/a-draft/");
    assert_eq!(text_of(one(&draft, "h1.article-title")), "A draft");

    // A deleted file's record goes, and the rest stay.
    site.remove("content/a3.md");
    let third = site.build_into(&site.public(), false).unwrap();
    assert_eq!((third.parsed, third.cached), (0, 5));
    assert_equals_a_full_parse(&site, &site.public(), "delete");
}

#[test]
fn a_damaged_cache_is_ignored_and_replaced() {
    let site = fixture();
    site.build_into(&site.public(), false).unwrap();
    let records = site.root().join(CACHE).join("records");
    let shards: Vec<PathBuf> = std::fs::read_dir(&records)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    assert!(!shards.is_empty());
    for (i, shard) in shards.iter().enumerate() {
        let bytes = std::fs::read(shard).unwrap();
        let damaged = match i % 3 {
            0 => bytes[..bytes.len() / 2].to_vec(),
            1 => b"not a shard at all".to_vec(),
            _ => bytes.iter().map(|b| b ^ 0x55).collect(),
        };
        std::fs::write(shard, damaged).unwrap();
    }
    // Another output folder, so the build does not stop at "nothing changed".
    let out = site.outside().join("out");
    let report = site.build_into(&out, false).unwrap();
    assert_eq!((report.parsed, report.cached), (6, 0));
    assert!(report.warnings.is_empty(), "{:?}", report.warnings);
    assert_equals_a_full_parse(&site, &out, "damaged");

    // The damaged shards were written again.
    let again = site
        .build_into(&site.outside().join("again"), false)
        .unwrap();
    assert_eq!((again.parsed, again.cached), (0, 6));
}

/// Bodies are read from the cache only when a page shows them, after the list of records
/// was checked: one damaged in between fails the build rather than show an empty article,
/// and the next build parses its articles again.
#[test]
fn a_body_damaged_in_the_cache_fails_the_build_and_the_next_one_recovers() {
    let site = fixture();
    site.build_into(&site.public(), false).unwrap();
    let records = site.root().join(CACHE).join("records");
    for entry in std::fs::read_dir(&records).unwrap() {
        // The records fill the end of a shard (their length is the header's last number);
        // the byte before them is the end of its last body.
        let path = entry.unwrap().path();
        let mut bytes = std::fs::read(&path).unwrap();
        let records = u64::from_le_bytes(bytes[40..48].try_into().unwrap()) as usize;
        let last = bytes.len() - records - 1;
        bytes[last] ^= 0x20;
        std::fs::write(&path, bytes).unwrap();
    }
    let before = tree(&site.public());
    // Every page renders into another folder: every body is read.
    let out = site.outside().join("out");
    let error = site.build_into(&out, false).unwrap_err().to_string();
    assert!(
        error.contains("could not be read back") && error.contains("build again"),
        "{error}"
    );
    assert!(!out.exists(), "a failed build writes nothing");
    assert_eq!(tree(&site.public()), before);

    let report = site.build_into(&out, false).unwrap();
    assert!(report.parsed > 0, "{report:?}");
    assert_equals_a_full_parse(&site, &out, "body damaged");
}

#[test]
fn force_parses_every_file_and_verbose_says_so() {
    let site = fixture();
    // Each build's `--verbose` line on what was parsed.
    let says = |args: &[&str], line: &str| {
        let run = site.build_ok(args);
        assert!(run.stdout.lines().any(|l| l == line), "{}", run.stdout);
    };
    says(&["--verbose"], "6 files parsed, 0 from the cache");
    says(
        &["--verbose", "--out", "elsewhere"],
        "0 files parsed, 6 from the cache",
    );
    says(
        &["--verbose", "--force"],
        "6 files parsed, 0 from the cache",
    );
}

#[test]
fn files_modified_just_before_a_build_are_not_cached() {
    // Not aged: written this instant, within the racily-clean window.
    let site = Site::with_config(CONFIG);
    site.article("a.md", "Fresh", "2016-01-10T10:00:00Z", "");
    let first = site.build_into(&site.public(), false).unwrap();
    assert_eq!((first.parsed, first.cached), (1, 0));
    let second = site.build_into(&site.outside().join("out"), false).unwrap();
    assert_eq!((second.parsed, second.cached), (1, 0));
}

#[test]
fn a_failed_build_and_check_write_no_cache() {
    let site = fixture();
    site.write("content/broken.md", "+++\ntitle = \"No date\"\n+++\nText");
    age_content(&site, HOUR);
    assert!(site.build_into(&site.public(), false).is_err());
    assert!(!site.root().join(CACHE).exists());

    site.remove("content/broken.md");
    let report = gazette::check(&gazette::CheckOptions {
        root: site.root().to_path_buf(),
        drafts: false,
        external: false,
        ..gazette::CheckOptions::default()
    })
    .unwrap();
    assert!(report.errors.is_empty(), "{:?}", report.errors);
    assert!(!site.root().join(CACHE).exists());

    // A file with errors is never cached, so every build reports them.
    site.build_into(&site.public(), false).unwrap();
    site.write("content/broken.md", "+++\ntitle = \"No date\"\n+++\nText");
    age_content(&site, HOUR);
    for _ in 0..2 {
        let Err(gazette::Error::Content(problems)) = site.build_into(&site.public(), false) else {
            panic!("the broken file fails the build");
        };
        assert!(
            problems.iter().any(|p| p.path.ends_with("broken.md")),
            "{problems:?}"
        );
    }
}

/// A different gazette executable (a new build of it, a patched package) may render
/// otherwise under the same version number: its first build parses and renders everything,
/// where the same executable finds nothing changed.
#[test]
fn another_gazette_executable_starts_over() {
    let site = fixture();
    age(&site.root().join("site.toml"), HOUR);
    site.build_ok(&[]);
    let run = site.build_ok(&["--verbose"]);
    assert!(run.stdout.contains("nothing changed"), "{}", run.stdout);

    // A copy is another file, with its own modification time.
    let elsewhere = tempfile::tempdir().unwrap();
    let copy = elsewhere.path().join("gazette");
    std::fs::copy(env!("CARGO_BIN_EXE_gazette"), &copy).unwrap();
    age(&copy, 2 * HOUR);
    let run_copy = || {
        let output = std::process::Command::new(&copy)
            .args(["build", "--verbose"])
            .current_dir(site.root())
            .output()
            .unwrap();
        assert!(output.status.success());
        String::from_utf8_lossy(&output.stdout).into_owned()
    };
    let said = run_copy();
    assert!(!said.contains("nothing changed"), "{said}");
    assert!(
        said.lines()
            .any(|l| l == "6 files parsed, 0 from the cache"),
        "{said}"
    );
    let said = run_copy();
    assert!(said.contains("nothing changed"), "{said}");
}

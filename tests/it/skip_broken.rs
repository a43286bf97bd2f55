//! `--skip-broken` and `[build] skip_broken` (issue 20): broken files are reported as they
//! are without it (as warnings then), left out, and the rest of the site is built; the run
//! fails unless site.toml accepts skipped files; the default stays strict; and an
//! incremental build still equals a clean one when a broken file is fixed or breaks.

use std::path::Path;
use std::time::{Duration, SystemTime};

use crate::common::*;

/// Two good articles and two broken ones: a date that is not one, and TOML that does not
/// parse.
fn archive(config: &str) -> Site {
    let site = Site::with_config(config);
    site.article("2016/good-one.md", "Good one", "2016-01-19", "");
    site.article("2016/good-two.md", "Good two", "2016-01-20", "");
    site.article("2016/bad-date.md", "Bad date", "yesterday", "");
    site.write(
        "content/2016/bad-toml.md",
        "+++\ntitle = \"Bad TOML\ndate = 2016-01-21\n+++\nText.\n",
    );
    for path in files_under(&site.root().join("content")) {
        settle(&site, &Path::new("content").join(path).to_string_lossy());
    }
    settle(&site, "site.toml");
    site
}

const NOW: &str = "2016-02-01T12:00:00Z";

const BROKEN: [&str; 2] = ["content/2016/bad-date.md", "content/2016/bad-toml.md"];

/// The files named by the warnings that say a file was left out.
fn skipped(run: &Run) -> Vec<String> {
    let mut paths: Vec<String> = run
        .warnings()
        .into_iter()
        .filter(|w| w.message.starts_with("skipped: this file is left out"))
        .map(|w| w.path)
        .collect();
    paths.sort();
    paths
}

#[test]
fn the_default_stays_strict() {
    let site = archive(BASIC_CONFIG);
    let run = site.build(&[]);
    run.assert_code(1);
    for path in BROKEN {
        assert!(
            !run.diagnostics_for(path).is_empty(),
            "{path}: {}",
            run.stderr
        );
    }
    assert!(!site.public().exists());
}

#[test]
fn skip_broken_builds_the_rest_names_each_broken_file_and_fails_the_run() {
    let site = archive(BASIC_CONFIG);
    let strict = site.build(&[]);
    let run = site.build(&["--skip-broken"]);
    run.assert_code(1);
    assert_eq!(skipped(&run), BROKEN);
    // Each file's own problems are reported as without the flag, as warnings.
    for path in BROKEN {
        let errors: Vec<(Option<usize>, String)> = strict
            .diagnostics_for(path)
            .into_iter()
            .map(|d| (d.line, d.message))
            .collect();
        let warnings: Vec<(Option<usize>, String)> = run
            .warnings()
            .into_iter()
            .filter(|d| d.path == path && !d.message.starts_with("skipped:"))
            .map(|d| (d.line, d.message))
            .collect();
        assert_eq!(errors, warnings, "{path}");
    }
    assert!(run.diagnostics().is_empty(), "{}", run.stderr);
    assert!(
        run.stdout.contains("; 2 broken files skipped"),
        "{}",
        run.stdout
    );
    assert!(
        run.stderr.contains("[build] skip_broken = true"),
        "{}",
        run.stderr
    );
    let home = site.page("/");
    assert_eq!(list_titles(&home), ["Good two", "Good one"]);
    assert!(site.has_page("/2016/01/19/good-one/"));
    assert!(!site.has_page("/2016/01/21/bad-toml/"));

    // Nothing changed: the build has nothing to do, and says the same.
    site.build(&["--skip-broken", "--now", NOW]).assert_code(1);
    let again = site.build(&["--skip-broken", "--now", NOW]);
    again.assert_code(1);
    assert!(again.stdout.contains("nothing changed"), "{}", again.stdout);
    assert_eq!(skipped(&again), BROKEN);
    // A strict build after it fails as ever, and leaves the output as it was.
    let before = snapshot(&site.public());
    site.build(&[]).assert_code(1);
    assert_same_tree(&before, &snapshot(&site.public()), "public/");
}

#[test]
fn site_toml_accepts_skipped_files_and_check_and_quiet_agree() {
    let site = archive(&format!("{BASIC_CONFIG}\n[build]\nskip_broken = true\n"));
    let run = site.build_ok(&[]);
    assert_eq!(skipped(&run), BROKEN);
    assert!(
        run.stdout.contains("2 broken files skipped"),
        "{}",
        run.stdout
    );
    site.build_ok(&["--quiet", "--force"]);

    let check = run_in(site.root(), &["check"]);
    check.assert_code(0);
    assert!(
        check.stdout.contains("2 broken files skipped"),
        "{}",
        check.stdout
    );

    let strict = archive(BASIC_CONFIG);
    let check = run_in(strict.root(), &["check", "--skip-broken"]);
    check.assert_code(1);
    assert!(
        check.stderr.contains("skip_broken = true"),
        "{}",
        check.stderr
    );
    run_in(strict.root(), &["check"]).assert_code(1);
    strict.build(&["--skip-broken", "--quiet"]).assert_code(1);
}

#[test]
fn an_unknown_build_key_is_an_error() {
    let site = Site::with_config(&format!("{BASIC_CONFIG}\n[build]\nskip_brokn = true\n"));
    let run = site.build(&[]);
    run.assert_code(1);
    assert!(run.stderr.contains("skip_broken"), "{}", run.stderr);
}

/// Dates a file an hour back, so the record cache trusts its record.
fn settle(site: &Site, relative: &str) {
    std::fs::File::options()
        .write(true)
        .open(site.root().join(relative))
        .unwrap()
        .set_modified(SystemTime::now() - Duration::from_secs(3600))
        .unwrap();
}

/// Builds `site` incrementally into `public/`, and its inputs from scratch elsewhere, and
/// asserts the two outputs are the same bytes.
pub(crate) fn assert_equals_clean(site: &Site, step: &str) {
    site.build_into(&site.public(), false)
        .unwrap_or_else(|e| panic!("{step}: {e}"));
    let clean = site.outside().join("clean");
    let _ = std::fs::remove_dir_all(&clean);
    for relative in files_under(site.root()) {
        let text = relative.to_string_lossy();
        if text.starts_with("public") || text.starts_with(".gazette-cache") {
            continue;
        }
        let to = clean.join(&relative);
        std::fs::create_dir_all(to.parent().unwrap()).unwrap();
        std::fs::copy(site.root().join(&relative), to).unwrap();
    }
    let out = clean.join("public");
    gazette::build(&gazette::BuildOptions {
        root: clean.clone(),
        output: Some(out.clone()),
        now: Some(fixed_now()),
        ..Default::default()
    })
    .unwrap_or_else(|e| panic!("{step} (clean): {e}"));
    assert_eq!(
        output_tree(&site.public()),
        output_tree(&out),
        "{step}: the incremental build differs from a clean one"
    );
    std::fs::remove_dir_all(&clean).unwrap();
}

#[test]
fn a_broken_file_fixed_later_appears_and_one_that_breaks_goes() {
    let site = archive(&format!("{BASIC_CONFIG}\n[build]\nskip_broken = true\n"));
    assert_equals_clean(&site, "first");
    assert!(!site.has_page("/2016/01/21/bad-toml/"));

    site.write(
        "content/2016/bad-toml.md",
        "+++\ntitle = \"Bad TOML\"\ndate = 2016-01-21\n+++\nText.\n",
    );
    settle(&site, "content/2016/bad-toml.md");
    assert_equals_clean(&site, "fixed");
    assert!(site.has_page("/2016/01/21/bad-toml/"));
    assert_eq!(
        list_titles(&site.page("/")),
        ["Bad TOML", "Good two", "Good one"]
    );

    site.article("2016/good-two.md", "Good two", "not a date", "");
    settle(&site, "content/2016/good-two.md");
    assert_equals_clean(&site, "broken");
    assert!(!site.has_page("/2016/01/20/good-two/"));
    let report = site.build_into(&site.public(), false).unwrap();
    assert_eq!(report.skipped.len(), 2);
    assert!(!report.failed());
}

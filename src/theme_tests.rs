//! Resolving a theme: the built-in default under everything, a theme folder over it, the
//! site's own `templates/` and `static/` over both. Sites are temporary folders.

use std::path::Path;

use super::*;

/// A site in a temporary folder with `site.toml` (plus `extra`) and the given files.
fn site(extra: &str, files: &[(&str, &str)]) -> (tempfile::TempDir, Config) {
    let dir = tempfile::tempdir().unwrap();
    for (path, text) in files {
        let path = dir.path().join(path);
        crate::fs::write(&path, text.as_bytes()).unwrap();
    }
    let config = Config::parse(
        dir.path(),
        &format!("title = \"T\"\nbase_url = \"https://example.org/\"\n{extra}"),
    )
    .unwrap();
    (dir, config)
}

fn template<'t>(theme: &'t Theme, name: &str) -> &'t Template {
    theme
        .templates
        .iter()
        .find(|t| t.name == name)
        .unwrap_or_else(|| panic!("no template {name}"))
}

fn static_paths(theme: &Theme) -> Vec<String> {
    theme
        .static_files
        .iter()
        .map(|f| f.path.to_string_lossy().replace('\\', "/"))
        .collect()
}

fn static_text(theme: &Theme, path: &str) -> String {
    let file = theme
        .static_files
        .iter()
        .find(|f| f.path == Path::new(path))
        .unwrap_or_else(|| panic!("no static file {path}"));
    String::from_utf8(file.bytes().unwrap().into_owned()).unwrap()
}

#[test]
fn a_site_without_themes_gets_the_built_in_default() {
    let (_dir, config) = site("", &[]);
    let theme = load(&config).unwrap();
    for name in crate::render::REQUIRED_TEMPLATES {
        let t = template(&theme, name);
        assert!(t.origin.starts_with("<built-in default theme>"), "{t:?}");
        assert!(!t.source.is_empty(), "{name}");
    }
    assert!(template(&theme, "partials/pagination.html")
        .source
        .contains('{'));
    let names: Vec<_> = theme.templates.iter().map(|t| t.name.as_str()).collect();
    let mut sorted = names.clone();
    sorted.sort();
    assert_eq!(names, sorted, "templates are sorted by name");
    assert_eq!(static_paths(&theme), ["embeds.js", "style.css"]);
    assert!(matches!(
        theme.static_files[0].source,
        StaticSource::BuiltIn(_)
    ));
    assert!(!theme.static_files[0].bytes().unwrap().is_empty());
    // Archetypes are files of the theme but neither templates nor static files.
    assert!(builtin("archetypes/article.md").is_some());
    assert!(!names.iter().any(|n| n.contains("archetypes")));
    assert!(builtin("no/such/file").is_none());
}

#[test]
fn site_templates_and_static_files_override_the_themes() {
    let (dir, config) = site(
        "",
        &[
            ("templates/article.html", "site article"),
            ("templates/partials/extra.html", "site partial"),
            ("static/style.css", "site css"),
            ("static/img/logo.svg", "<svg/>"),
        ],
    );
    let theme = load(&config).unwrap();
    let article = template(&theme, "article.html");
    assert_eq!(article.source, "site article");
    assert_eq!(article.origin, dir.path().join("templates/article.html"));
    assert_eq!(
        template(&theme, "partials/extra.html").source,
        "site partial"
    );
    // The others are still the default's.
    assert!(template(&theme, "index.html")
        .origin
        .starts_with("<built-in default theme>"));
    assert_eq!(
        static_paths(&theme),
        ["embeds.js", "img/logo.svg", "style.css"]
    );
    assert_eq!(static_text(&theme, "style.css"), "site css");
}

#[test]
fn a_theme_folder_is_layered_over_the_default_and_under_the_site() {
    let (dir, config) = site(
        "theme = \"paper\"\n",
        &[
            ("themes/paper/templates/index.html", "paper index"),
            ("themes/paper/templates/article.html", "paper article"),
            ("themes/paper/static/paper.css", "paper css"),
            ("themes/paper/static/shared.css", "paper shared"),
            ("templates/article.html", "site article"),
            ("static/shared.css", "site shared"),
        ],
    );
    let theme = load(&config).unwrap();
    let index = template(&theme, "index.html");
    assert_eq!(index.source, "paper index");
    assert_eq!(
        index.origin,
        dir.path().join("themes/paper/templates/index.html")
    );
    assert_eq!(template(&theme, "article.html").source, "site article");
    // A template the theme lacks comes from the default.
    assert!(template(&theme, "topic.html")
        .origin
        .starts_with("<built-in default theme>"));
    // A theme folder brings its own static files: the default's are not added.
    assert_eq!(static_paths(&theme), ["paper.css", "shared.css"]);
    assert_eq!(static_text(&theme, "shared.css"), "site shared");
    assert_eq!(static_text(&theme, "paper.css"), "paper css");
}

#[test]
fn a_default_folder_in_the_site_replaces_the_built_in_static_files() {
    let (_dir, config) = site("", &[("themes/default/static/own.css", "own")]);
    let theme = load(&config).unwrap();
    assert_eq!(static_paths(&theme), ["own.css"]);
    assert!(template(&theme, "index.html")
        .origin
        .starts_with("<built-in default theme>"));
}

#[test]
fn a_missing_theme_is_a_diagnostic_on_site_toml_naming_the_folder() {
    let (dir, config) = site("theme = \"nope\"\n", &[]);
    let problems = load(&config).unwrap_err();
    assert_eq!(problems.len(), 1, "{problems:?}");
    let d = &problems[0];
    assert_eq!(d.path, dir.path().join("site.toml"));
    assert!(d.message.contains("theme `nope` not found"), "{d}");
    let folder = dir.path().join("themes").join("nope");
    assert!(d.message.contains(&folder.display().to_string()), "{d}");
    assert!(
        d.help.as_deref().unwrap().contains("theme = \"default\""),
        "{d}"
    );

    // With other themes present, the help lists them.
    let (_dir, config) = site(
        "theme = \"nope\"\n",
        &[
            ("themes/paper/templates/index.html", ""),
            ("themes/ink/static/a.css", ""),
        ],
    );
    let problems = load(&config).unwrap_err();
    let help = problems[0].help.as_deref().unwrap();
    assert!(help.contains("paper") && help.contains("ink"), "{help}");
    assert!(help.contains("\"default\""), "{help}");
}

#[test]
fn editor_files_and_hidden_clutter_are_skipped() {
    let (_dir, config) = site(
        "",
        &[
            ("static/a.css", "a"),
            ("static/a.css~", "backup"),
            ("static/.a.css.swp", "swap"),
            ("static/.#a.css", "lock"),
            ("static/.DS_Store", "finder"),
            ("static/.git/HEAD", "git"),
            ("static/.well-known/security.txt", "kept"),
            ("templates/index.html~", "backup"),
        ],
    );
    let theme = load(&config).unwrap();
    assert_eq!(
        static_paths(&theme),
        [
            ".well-known/security.txt",
            "a.css",
            "embeds.js",
            "style.css"
        ]
    );
    assert!(!theme.templates.iter().any(|t| t.name.ends_with('~')));
}

#[cfg(unix)]
#[test]
fn symlinks_are_followed_only_inside_their_folder() {
    let (dir, config) = site(
        "",
        &[("static/real.css", "real"), ("secret.txt", "outside")],
    );
    let root = dir.path();
    std::os::unix::fs::symlink(root.join("static/real.css"), root.join("static/alias.css"))
        .unwrap();
    std::os::unix::fs::symlink(root.join("secret.txt"), root.join("static/leak.txt")).unwrap();
    std::os::unix::fs::symlink("/nonexistent", root.join("static/dangling.css")).unwrap();
    let theme = load(&config).unwrap();
    assert_eq!(
        static_paths(&theme),
        ["alias.css", "embeds.js", "real.css", "style.css"]
    );
    assert_eq!(static_text(&theme, "alias.css"), "real");
}

#[test]
fn a_static_file_that_disappears_is_an_error_naming_it() {
    let (dir, config) = site("", &[("static/gone.css", "x")]);
    let theme = load(&config).unwrap();
    crate::fs::remove_file(&dir.path().join("static/gone.css")).unwrap();
    let file = theme
        .static_files
        .iter()
        .find(|f| f.path == Path::new("gone.css"))
        .unwrap();
    let error = file.bytes().unwrap_err().to_string();
    assert!(error.contains("gone.css"), "{error}");
}

#[cfg(unix)]
#[test]
fn a_template_that_is_not_utf8_is_a_diagnostic_naming_it() {
    let (dir, config) = site("", &[]);
    let path = dir.path().join("templates/index.html");
    crate::fs::write(&path, b"\xff\xfe not text").unwrap();
    let problems = load(&config).unwrap_err();
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert_eq!(problems[0].path, path);
}

//! `site.toml` parsed end to end: defaults, every kind of problem, and each table.

use super::*;
use crate::topics::TopicKind;

fn parse(text: &str) -> Result<Config> {
    Config::parse(Path::new("/site"), text)
}

fn diagnostics(text: &str) -> Vec<Diagnostic> {
    match parse(text) {
        Err(Error::Content(d)) => d,
        other => panic!("expected content errors, got {other:?}"),
    }
}

#[test]
fn defaults_are_filled_in() {
    let c = parse("title = \"T\"\nbase_url = \"https://example.org/archive\"\n").unwrap();
    assert_eq!(c.base_url.as_str(), "https://example.org/archive/");
    assert_eq!(c.base_path, "/archive/");
    assert_eq!(c.language, "en");
    assert_eq!(c.timezone, Tz::UTC);
    assert_eq!(c.theme, "default");
    assert_eq!(c.permalink.as_str(), Permalink::DEFAULT);
    assert_eq!(c.paginate, 20);
    assert_eq!(c.output_dir, Path::new("/site/public"));
    assert!(!c.unsafe_html);
    assert_eq!(c.slugs, Slugs::Ascii);
}

#[test]
fn slugs_are_ascii_or_unicode() {
    let base = "title = \"T\"\nbase_url = \"https://e.org/\"\n";
    for (value, slugs) in [("ascii", Slugs::Ascii), ("unicode", Slugs::Unicode)] {
        let c = parse(&format!("{base}slugs = \"{value}\"\n")).unwrap();
        assert_eq!(c.slugs, slugs);
    }
    for bad in ["\"Unicode\"", "\"\"", "\"latin\""] {
        let d = diagnostics(&format!("{base}slugs = {bad}\n"));
        assert_eq!(d.len(), 1, "{d:?}");
        assert!(d[0].message.contains("`slugs`"), "{}", d[0]);
        assert_eq!(d[0].line, Some(3));
        let help = d[0].help.as_deref().unwrap();
        assert!(
            help.contains("\"ascii\"") && help.contains("\"unicode\""),
            "{help}"
        );
    }
    // A misspelt key is caught with the nearest known one.
    let d = diagnostics(&format!("{base}slug = \"unicode\"\n"));
    assert!(
        d[0].help.as_deref().unwrap().contains("`slugs`"),
        "{}",
        d[0]
    );
}

#[test]
fn declared_topic_slugs_follow_the_slugs_setting() {
    let base = "title = \"T\"\nbase_url = \"https://e.org/\"\n";
    // A topic in another script is its own slug in either setting.
    let c = parse(&format!("{base}[topics.\"日本\"]\nname = \"日本\"\n")).unwrap();
    assert_eq!(c.topics.decls()[0].slug, "日本");
    // `québec` is a slug only when Latin accents are kept.
    let d = diagnostics(&format!("{base}[topics.\"québec\"]\nname = \"Québec\"\n"));
    assert!(
        d[0].help.as_deref().unwrap().contains("[topics.quebec]"),
        "{}",
        d[0]
    );
    let c = parse(&format!(
        "{base}slugs = \"unicode\"\n[topics.\"québec\"]\nname = \"Québec\"\n"
    ))
    .unwrap();
    assert_eq!(c.topics.resolve("QUÉBEC"), Some(0));
    let d = diagnostics(&format!("{base}slugs = \"unicode\"\n[topics.\"Québec\"]\n"));
    assert!(
        d[0].help
            .as_deref()
            .unwrap()
            .contains("[topics.\"québec\"]"),
        "{}",
        d[0]
    );
}

#[test]
fn unknown_key_names_the_nearest_valid_one() {
    let d = diagnostics("title = \"T\"\nbase_url = \"https://e.org/\"\npaginte = 3\n[markdown]\nunsafe_htm = true\n");
    assert_eq!(d.len(), 2);
    assert_eq!(d[0].line, Some(3));
    assert!(d[0].message.contains("`paginte`"));
    assert!(d[0]
        .help
        .as_deref()
        .unwrap()
        .contains("did you mean `paginate`"));
    assert!(d[1].message.contains("`markdown.unsafe_htm`"));
    assert!(d[1].help.as_deref().unwrap().contains("`unsafe_html`"));
}

#[test]
fn bad_values_are_all_reported() {
    let d = diagnostics(
        "title = \"\"\nbase_url = \"ftp://x\"\ntimezone = \"America/Toronot\"\npaginate = 0\npermalink = \"/:year/:titel/\"\noutput_dir = \"content\"\n",
    );
    let messages: Vec<_> = d.iter().map(|d| d.message.as_str()).collect();
    assert_eq!(d.len(), 6, "{messages:?}");
    let tz = d.iter().find(|d| d.message.contains("timezone")).unwrap();
    assert!(tz.help.as_deref().unwrap().contains("America/Toronto"));
    assert_eq!(tz.line, Some(3));
}

#[test]
fn topics_are_declared_with_aliases_and_kinds() {
    let c = parse("title = \"T\"\nbase_url = \"https://e.org/\"\n[topics.isis]\nname = \"ISIS\"\nkind = \"organization\"\naliases = [\"Islamic State\"]\nauto = true\n[topics_config]\nstrict = true\n").unwrap();
    assert!(c.strict_topics);
    assert_eq!(c.related_articles, 5);
    assert_eq!(c.topics.decls()[0].kind, Some(TopicKind::Organization));
    assert_eq!(c.topics.resolve("islamic state"), Some(0));
    let d = diagnostics(
        "title = \"T\"\nbase_url = \"https://e.org/\"\n[topics.isis]\nnam = \"ISIS\"\n",
    );
    assert!(d[0].message.contains("`topics.isis.nam`"), "{d:?}");
    assert!(d[0].help.as_deref().unwrap().contains("`name`"));
    let d = diagnostics("title = \"T\"\nbase_url = \"https://e.org/\"\n[topics.ISIS]\nkind = \"group\"\n[topics.b]\nkind = \"gang\"\n");
    assert_eq!(d.len(), 2, "{d:?}");
}

#[test]
fn syntax_errors_have_line_and_column() {
    let d = diagnostics("title = \"T\"\nbase_url = https://e.org\n");
    assert_eq!(d[0].line, Some(2));
    assert!(d[0].column.is_some());
}

#[test]
fn import_rules_and_sources_are_compiled_and_checked() {
    let c = parse("title = \"T\"\nbase_url = \"https://e.org/\"\n[import]\ndrop_lines = [\"^Subscribe\"]\n[[sources]]\nname = \"Planet\"\npatterns = [\"(?i)planet\"]\n").unwrap();
    assert!(c.import.drop_lines[0].is_match("Subscribe now"));
    assert_eq!(c.sources[0].name, "Planet");
    assert_eq!(c.sources[0].url, None);

    let d = diagnostics("title = \"T\"\nbase_url = \"https://e.org/\"\n[import]\ndrop_lines = [\"(oops\"]\n[[sources]]\nname = \"A\"\npatterns = [\"a\"]\n[[sources]]\nname = \"\"\nurl = \"ftp://x\"\npatern = 1\n");
    let messages: Vec<_> = d.iter().map(|d| d.message.as_str()).collect();
    assert_eq!(d.len(), 1, "{messages:?}");
    assert!(d[0].message.contains("sources.patern"), "{messages:?}");
    let d = diagnostics("title = \"T\"\nbase_url = \"https://e.org/\"\n[import]\ndrop_lines = [\"(oops\"]\n[[sources]]\nname = \"A\"\npatterns = [\"a\"]\n[[sources]]\nname = \"\"\nurl = \"ftp://x\"\n");
    let messages: Vec<_> = d.iter().map(|d| d.message.as_str()).collect();
    assert_eq!(d.len(), 4, "{messages:?}");
    assert_eq!(d[0].line, Some(4), "{messages:?}");
    assert!(d[0].message.contains("not a regular expression"));
    assert!(
        d.iter().all(|p| p.line.is_some_and(|l| l == 4 || l == 8)),
        "{d:?}"
    );
}

#[test]
fn search_settings_are_read_and_checked() {
    use super::search::Field;
    let base = "title = \"T\"\nbase_url = \"https://e.org/\"\n";
    let c = parse(base).unwrap();
    assert_eq!(c.search, super::search::Settings::default());
    assert!(c.search.enabled && c.search.body);
    let c = parse(&format!(
        "{base}[search]\nenabled = false\nbody = false\nfields = [\"title\", \"topics\"]\n"
    ))
    .unwrap();
    assert!(!c.search.enabled && !c.search.body);
    assert_eq!(c.search.fields, vec![Field::Title, Field::Topics]);
    let d = diagnostics(&format!("{base}[search]\nenabeld = true\n"));
    assert_eq!(d.len(), 1, "{d:?}");
    assert!(d[0].message.contains("`search.enabeld`"), "{d:?}");
    assert!(d[0].help.as_deref().unwrap().contains("`enabled`"));
    assert_eq!(d[0].line, Some(4));
    let d = diagnostics(&format!("{base}[search]\nfields = [\"titel\", \"body\"]\n"));
    assert_eq!(d.len(), 2, "{d:?}");
    assert!(d[0].help.as_deref().unwrap().contains("\"title\""), "{d:?}");
    assert!(
        d[1].help.as_deref().unwrap().contains("body = true"),
        "{d:?}"
    );
    assert_eq!(d[0].line, Some(4));
    // Ranking and folding.
    let c = parse(&format!(
        "{base}[search]\nranking = \"news\"\nhalf_life = 7\nfold_accents = false\n"
    ))
    .unwrap();
    assert_eq!(c.search.ranking, super::search::Ranking::News);
    assert_eq!(c.search.half_life, 7);
    assert!(!c.search.fold_accents);
    let d = diagnostics(&format!(
        "{base}[search]\nranking = \"newest\"\nhalf_life = 0\n"
    ));
    assert_eq!(d.len(), 2, "{d:?}");
    assert!(d[0].message.contains("\"newest\""), "{d:?}");
    assert!(
        d[0].help.as_deref().unwrap().contains("ranking = \"news\""),
        "{d:?}"
    );
    assert_eq!(d[0].line, Some(4));
    assert!(d[1].message.contains("`search.half_life` 0"), "{d:?}");
    assert_eq!(d[1].line, Some(5));
}

#[test]
fn output_dir_must_be_its_own_folder() {
    assert!(check_output_dir("public").is_ok());
    assert!(check_output_dir("build/site").is_ok());
    for bad in [
        ".", "", "..", "../x", "/tmp/x", "content", "static/x", "a/../..",
    ] {
        assert!(check_output_dir(bad).is_err(), "{bad}");
    }
}

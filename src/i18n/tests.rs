use std::path::Path;

use super::*;
use crate::error::Diagnostic;

#[test]
fn a_tag_finds_its_table_by_language_script_then_language_then_english() {
    let cases = [
        ("fr", "fr"),
        ("FR", "fr"),
        ("fr-CA", "fr"),
        ("pt-BR", "pt"),
        ("pt_PT", "pt"),
        ("zh", "zh-Hans"),
        ("zh-CN", "zh-Hans"),
        ("zh-SG", "zh-Hans"),
        ("zh-TW", "zh-Hant"),
        ("zh-HK", "zh-Hant"),
        ("zh-MO", "zh-Hant"),
        ("zh-Hant", "zh-Hant"),
        ("zh-hant-TW", "zh-Hant"),
        ("zh-Hans-HK", "zh-Hans"),
        ("ar-EG", "ar"),
        ("ja-JP", "ja"),
        ("en-GB", "en"),
        ("sv", "en"),
        ("x-private", "en"),
    ];
    for (tag, table) in cases {
        assert_eq!(table_for(tag), table, "{tag}");
    }
}

/// Every shipped table parses, has every key English has and no other, gives counted
/// strings a form for each category its language uses (and none it does not), fills in the
/// same `{name}`s as English, and has date formats chrono reads.
#[test]
fn every_table_has_every_key_in_the_right_shape() {
    for (tag, text) in TABLES {
        let raw: toml::Table = toml::from_str(text).unwrap_or_else(|e| panic!("{tag}: {e}"));
        let table = parse_table(text);
        assert_eq!(
            table.len(),
            raw.len(),
            "{tag}: a value is neither text nor forms"
        );
        for key in keys().keys() {
            assert!(table.contains_key(key), "{tag} has no `{key}`");
        }
        let rule = Rule::for_tag(tag);
        for (key, text) in &table {
            let english = keys()
                .get(key)
                .unwrap_or_else(|| panic!("{tag} has `{key}`, which English has not"));
            match (english, text) {
                (Text::Plain(_), Text::Plain(t)) => assert!(!t.trim().is_empty(), "{tag} {key}"),
                (Text::Counted(_), Text::Counted(forms)) => {
                    let have: Vec<Category> = forms.keys().copied().collect();
                    assert_eq!(have, rule.categories(), "{tag} {key}: plural forms");
                }
                _ => panic!("{tag} `{key}` is counted in one table and not the other"),
            }
            let wanted = {
                let mut p = placeholders(english.form(Category::Other));
                p.sort_unstable();
                p
            };
            for category in rule.categories() {
                let mut have = placeholders(text.form(*category));
                have.sort_unstable();
                // A counted form may spell its number out ("مقالان", two articles); the
                // `other` form and plain texts fill in all English does.
                let fits = match (text, category) {
                    (Text::Counted(_), c) if *c != Category::Other => {
                        have.iter().all(|p| wanted.contains(p))
                    }
                    _ => have == wanted,
                };
                assert!(
                    fits,
                    "{tag} `{key}` ({category:?}) fills {have:?}, English {wanted:?}"
                );
            }
            if FORMAT_KEYS.contains(&key.as_str()) {
                assert!(
                    !chrono::format::StrftimeItems::new(text.form(Category::Other))
                        .any(|i| matches!(i, chrono::format::Item::Error)),
                    "{tag} `{key}` is not a date format"
                );
            }
        }
    }
}

#[test]
fn counts_take_the_form_of_their_category() {
    let none = Overrides::default();
    let en = Strings::for_language("en", &none);
    assert_eq!(en.count("n_articles", 0), "0 articles");
    assert_eq!(en.count("n_articles", 1), "1 article");
    assert_eq!(en.count("n_articles", 2), "2 articles");
    let fr = Strings::for_language("fr-FR", &none);
    assert_eq!(fr.count("n_articles", 0), "0 article");
    assert_eq!(fr.count("n_articles", 1), "1 article");
    assert_eq!(fr.count("n_articles", 2), "2 articles");
    assert_eq!(fr.count("n_articles", 1_000_000), "1000000 d’articles");
    let ru = Strings::for_language("ru", &none);
    assert_eq!(ru.count("n_articles", 1), "1 статья");
    assert_eq!(ru.count("n_articles", 3), "3 статьи");
    assert_eq!(ru.count("n_articles", 5), "5 статей");
    assert_eq!(ru.count("n_articles", 21), "21 статья");
    assert_eq!(ru.count("n_articles", 11), "11 статей");
    let ar = Strings::for_language("ar", &none);
    assert_eq!(ar.count("n_articles", 0), "لا مقالات");
    assert_eq!(ar.count("n_articles", 1), "مقال واحد");
    assert_eq!(ar.count("n_articles", 2), "مقالان");
    assert_eq!(ar.count("n_articles", 3), "3 مقالات");
    assert_eq!(ar.count("n_articles", 11), "11 مقالًا");
    assert_eq!(ar.count("n_articles", 100), "100 مقال");
    let ja = Strings::for_language("ja", &none);
    assert_eq!(ja.count("n_articles", 1), "1件の記事");
}

#[test]
fn a_table_falls_back_to_english_and_strings_fill_in_names() {
    let sv = Strings::for_language("sv", &Overrides::default());
    assert_eq!(sv.table(), "en");
    assert_eq!(sv.get("latest"), "Latest");
    assert_eq!(
        sv.fill("topic_description", &[("name", "Syria"), ("site", "Wire")]),
        "Articles about Syria in Wire"
    );
    let zh = Strings::for_language("zh-TW", &Overrides::default());
    assert_eq!((zh.table(), zh.locale()), ("zh-Hant", "zh_TW"));
    assert_eq!(zh.month_title(2016, 1), "2016年1月");
    let fr = Strings::for_language("fr", &Overrides::default());
    assert_eq!(fr.month_title(2016, 2), "Février 2016");
    assert_eq!(fr.month_name(8), "Août");
    let ru = Strings::for_language("ru", &Overrides::default());
    assert_eq!(ru.month_title(2016, 1), "Январь 2016");
    assert_eq!(ru.month_in_text(2016, 1), "январь 2016");
    assert_eq!(fr.month_in_text(2016, 2), "février 2016");
}

#[test]
fn fill_replaces_names_once_and_leaves_the_rest() {
    assert_eq!(
        fill(
            "{name} in {site}, {other} {",
            &[("name", "{site}"), ("site", "Wire")]
        ),
        "{site} in Wire, {other} {"
    );
    assert_eq!(fill("", &[("n", "1")]), "");
    assert_eq!(fill("{n}{n}", &[("n", "é")]), "éé");
}

fn resolve(toml_text: &str) -> (Overrides, Vec<Diagnostic>) {
    let table: toml::Table = toml::from_str(toml_text).expect("test TOML");
    let strings = table
        .get("strings")
        .and_then(toml::Value::as_table)
        .cloned()
        .unwrap_or_default();
    let mut problems = Vec::new();
    let overrides = Overrides::resolve(
        Path::new("site.toml"),
        toml_text,
        "strings",
        &strings,
        &mut problems,
    );
    (overrides, problems)
}

#[test]
fn overrides_replace_strings_for_the_sites_language() {
    let (overrides, problems) = resolve(
        "title = \"x\"\n[strings]\nlatest = \"À la une\"\nn_articles = { one = \"{n} papier\", other = \"{n} papiers\" }\n",
    );
    assert_eq!(problems, []);
    let fr = Strings::for_language("fr", &overrides);
    assert_eq!(fr.get("latest"), "À la une");
    assert_eq!(fr.count("n_articles", 0), "0 papier");
    assert_eq!(fr.count("n_articles", 2_000_000), "2000000 papiers");
    assert_eq!(fr.get("topics"), "Thèmes");
    // A plain text for a counted string serves every number.
    let (overrides, problems) = resolve("[strings]\nreading_time = \"{n}′\"\n");
    assert_eq!(problems, []);
    let en = Strings::for_language("en", &overrides);
    assert_eq!(
        (en.count("reading_time", 1), en.count("reading_time", 4)),
        ("1′".into(), "4′".into())
    );
}

#[test]
fn an_unknown_key_is_reported_at_its_line_with_the_known_keys() {
    let (overrides, problems) =
        resolve("title = \"x\"\n\n[search]\nenabled = true\n\n[strings]\nlatest = \"Neu\"\nlatst_articles = \"Neueste\"\n");
    assert_eq!(problems.len(), 1, "{problems:?}");
    let d = &problems[0];
    assert_eq!(d.line, Some(8));
    assert!(
        d.message.contains("`strings.latst_articles`"),
        "{}",
        d.message
    );
    let help = d.help.as_deref().unwrap_or_default();
    assert!(help.contains("did you mean `latest_articles`?"), "{help}");
    assert!(
        help.contains("n_articles") && help.contains("date_long"),
        "{help}"
    );
    assert_eq!(Strings::for_language("de", &overrides).get("latest"), "Neu");
}

#[test]
fn every_wrong_value_is_reported_at_once() {
    let (_, problems) = resolve(concat!(
        "[strings]\n",
        "latest = { one = \"a\", other = \"b\" }\n",
        "n_articles = { one = \"{n} x\", several = \"{n} y\", other = \"{n} z\" }\n",
        "n_years = { one = \"{n} year\" }\n",
        "topics = \"\"\n",
        "by = \"By {author}\"\n",
        "date_long = \"%-d %Q\"\n",
        "search = 3\n",
    ));
    let lines: Vec<Option<usize>> = problems.iter().map(|d| d.line).collect();
    let mut sorted = lines.clone();
    sorted.sort();
    assert_eq!(
        sorted,
        (2..=8).map(Some).collect::<Vec<_>>(),
        "{problems:#?}"
    );
    let text = |line: usize| {
        let d = problems
            .iter()
            .find(|d| d.line == Some(line))
            .expect("a problem");
        format!("{} | {}", d.message, d.help.as_deref().unwrap_or_default())
    };
    assert!(text(2).contains("is not counted"), "{}", text(2));
    assert!(
        text(3).contains("`several` is not a plural category"),
        "{}",
        text(3)
    );
    assert!(text(4).contains("no `other` form"), "{}", text(4));
    assert!(text(5).contains("is empty"), "{}", text(5));
    assert!(
        text(6).contains("{author}") && text(6).contains("{authors}"),
        "{}",
        text(6)
    );
    assert!(text(7).contains("not a date format"), "{}", text(7));
    assert!(text(8).contains("neither a text"), "{}", text(8));
}

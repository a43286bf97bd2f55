//! A deterministic synthetic news archive, written twice: as a gazette site and as a Hugo
//! site with equivalent templates, so `bench/run.sh` times both generators on the same work.
//!
//! ```sh
//! cargo run --release --example synth -- 10000 /tmp/bench/10000   # -> gazette/ and hugo/
//! cargo run --release --example synth -- 10000 /tmp/bench/10000 --seed 7
//! ```
//!
//! N articles of 500–800 words of Markdown (paragraphs, an occasional quote, list and link),
//! dated over 25 years with a time and an offset, 1–4 topics each drawn Zipf-like from 2,000,
//! 1–2 authors of 300 and one outlet of 40. Every article but one in ten has its `slug` in
//! its front matter; the tenth (`i % 10 == 5`) has none, so its URL comes from its title, as
//! for an article written by hand (bench/cases.py edits one of each kind). The same seed
//! always gives the same bytes.
//!
//! Articles are written one by one as they are made, never held together: 1,000,000 of them
//! take a few megabytes of memory (and about 8 GB of disk for each of the two sites).
//! `--without-hugo` writes the gazette sites only (bench/compare.py needs no Hugo site).
//! `OUT_DIR/synth-format` says which version of this generator wrote the archive
//! ([`FORMAT`]); the benchmark scripts make again an archive whose format is not theirs.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use gazette::testing::Rng;

const TOPICS: usize = 2_000;
const AUTHORS: usize = 300;
const OUTLETS: usize = 40;

const WORDS: &[&str] = &[
    "the",
    "government",
    "minister",
    "said",
    "on",
    "tuesday",
    "that",
    "council",
    "would",
    "review",
    "budget",
    "after",
    "protests",
    "in",
    "city",
    "officials",
    "announced",
    "new",
    "plan",
    "for",
    "housing",
    "transit",
    "and",
    "schools",
    "while",
    "opposition",
    "leaders",
    "called",
    "it",
    "a",
    "step",
    "toward",
    "accountability",
    "residents",
    "told",
    "reporters",
    "they",
    "were",
    "worried",
    "about",
    "rising",
    "costs",
    "police",
    "confirmed",
    "investigation",
    "into",
    "fire",
    "downtown",
    "warehouse",
    "company",
    "shares",
    "fell",
    "sharply",
    "as",
    "investors",
    "weighed",
    "report",
    "election",
    "campaign",
    "voters",
    "poll",
    "showed",
    "support",
    "for",
    "candidate",
    "hospital",
    "staff",
    "strike",
    "negotiations",
    "union",
    "agreement",
    "reached",
    "late",
    "monday",
    "night",
    "storm",
    "flooding",
    "roads",
    "closed",
    "emergency",
    "crews",
    "worked",
    "through",
    "weekend",
    "court",
    "ruled",
    "appeal",
    "judge",
    "decision",
    "province",
    "federal",
    "funding",
    "announcement",
    "border",
    "trade",
    "talks",
    "summit",
    "leaders",
    "agreed",
    "climate",
    "targets",
    "researchers",
    "found",
    "study",
    "university",
    "students",
    "teachers",
    "district",
    "board",
    "meeting",
    "vote",
    "delayed",
];

const TOPIC_A: &[&str] = &[
    "Northern",
    "Southern",
    "Eastern",
    "Western",
    "Central",
    "Coastal",
    "Rural",
    "Urban",
    "Federal",
    "Provincial",
    "Municipal",
    "National",
    "Regional",
    "Global",
    "Local",
    "Pacific",
    "Atlantic",
    "Arctic",
    "Prairie",
    "Metro",
];
const TOPIC_B: &[&str] = &[
    "Housing",
    "Transit",
    "Elections",
    "Health",
    "Schools",
    "Budget",
    "Policing",
    "Courts",
    "Energy",
    "Mining",
    "Fisheries",
    "Forestry",
    "Trade",
    "Tourism",
    "Wildfires",
    "Floods",
    "Labour",
    "Pensions",
    "Immigration",
    "Defence",
    "Agriculture",
    "Water",
    "Broadband",
    "Hospitals",
    "Universities",
    "Arts",
    "Sports",
    "Taxes",
    "Roads",
    "Ports",
    "Airports",
    "Railways",
    "Parks",
    "Libraries",
    "Elders",
    "Youth",
    "Climate",
    "Oil",
    "Gas",
    "Hydro",
    "Wind",
    "Solar",
    "Banking",
    "Insurance",
    "Retail",
    "Shipping",
    "Media",
    "Science",
    "Space",
    "Technology",
];
const FIRST: &[&str] = &[
    "Anna", "Ben", "Chloe", "David", "Emma", "Farid", "Grace", "Hugo", "Isla", "Jamal", "Kate",
    "Liam", "Maya", "Noah", "Olga", "Priya", "Quinn", "Ravi", "Sara", "Tom",
];
const LAST: &[&str] = &[
    "Martin", "Roy", "Tremblay", "Singh", "Chen", "Nguyen", "Smith", "Brown", "Wilson", "Lee",
    "Gagnon", "Cote", "Khan", "Patel",
];
const OFFSETS: &[&str] = &["-05:00", "-04:00", "+00:00", "+01:00", "-08:00"];

/// The archive's format, written to `OUT_DIR/synth-format` and checked by bench/cases.py
/// (`SYNTH_FORMAT`): raise both together whenever what this writes changes. 2: one article in
/// ten without a `slug` (1 was every article with one, and no `synth-format` file).
const FORMAT: u32 = 2;

/// Which articles have no `slug` in their front matter: one in ten, spread over the archive.
fn slug_in_front_matter(i: usize) -> bool {
    i % 10 != 5
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let usage = "usage: synth N OUT_DIR [--seed S] [--without-hugo]";
    let (Some(n), Some(out)) = (args.first(), args.get(1)) else {
        eprintln!("{usage}");
        std::process::exit(2);
    };
    let Ok(n) = n.replace(['_', ','], "").parse::<usize>() else {
        eprintln!("{usage}: N must be a number");
        std::process::exit(2);
    };
    let seed = match args.iter().position(|a| a == "--seed") {
        Some(i) => args.get(i + 1).and_then(|s| s.parse().ok()).unwrap_or(42),
        None => 42,
    };
    let hugo = !args.iter().any(|a| a == "--without-hugo");
    if let Err(e) = generate(n, Path::new(out), seed, hugo) {
        eprintln!("error: {e}");
        std::process::exit(1);
    }
}

/// One synthetic article, in a form both sites are written from.
struct Synthetic {
    slug: String,
    title: String,
    date: String,
    year: String,
    month: String,
    topics: Vec<String>,
    authors: Vec<String>,
    outlet: String,
    body: String,
    /// Whether the front matter has `slug` (else gazette and Hugo make it from the title).
    fixed_slug: bool,
}

pub(crate) fn generate(n: usize, out: &Path, seed: u64, with_hugo: bool) -> std::io::Result<()> {
    let topics = topic_names();
    let authors: Vec<String> = (0..AUTHORS)
        .map(|i| {
            format!(
                "{} {} {}",
                FIRST[i % FIRST.len()],
                LAST[(i / FIRST.len()) % LAST.len()],
                i
            )
        })
        .collect();
    let outlets: Vec<String> = (0..OUTLETS).map(|i| format!("Outlet {i} News")).collect();
    let mut rng = Rng::new(seed);
    let gazette = out.join("gazette");
    let hugo = with_hugo.then(|| out.join("hugo"));
    write_gazette_config(&gazette)?;
    if let Some(hugo) = &hugo {
        write_hugo_config(hugo)?;
    }
    let start = chrono::NaiveDate::from_ymd_opt(2000, 1, 1)
        .and_then(|d| d.and_hms_opt(0, 0, 0))
        .expect("a valid date");
    let span = 25 * 365 * 24 * 60;
    for i in 0..n {
        let offset = OFFSETS[rng.below(OFFSETS.len())];
        // A local time in the article's offset.
        let when = start + chrono::Duration::minutes(rng.below(span) as i64);
        let mut names: Vec<String> = Vec::new();
        for _ in 0..1 + rng.below(4) {
            let t = &topics[rng.zipf(TOPICS)];
            if !names.contains(t) {
                names.push(t.clone());
            }
        }
        let mut by: Vec<String> = Vec::new();
        for _ in 0..1 + rng.below(2) {
            let a = &authors[rng.below(AUTHORS)];
            if !by.contains(a) {
                by.push(a.clone());
            }
        }
        let outlet = outlets[rng.below(OUTLETS)].clone();
        let title_words: Vec<&str> = (0..5 + rng.below(6))
            .map(|_| WORDS[rng.below(WORDS.len())])
            .collect();
        let mut title = capitalise(&title_words.join(" "));
        write!(title, " {i}").ok();
        let slug = format!("{}-{i}", title_words.join("-"));
        let body = body(&mut rng, &names);
        let a = Synthetic {
            slug,
            title,
            date: format!("{}{offset}", when.format("%Y-%m-%dT%H:%M:%S")),
            year: when.format("%Y").to_string(),
            month: when.format("%m").to_string(),
            topics: names,
            authors: by,
            outlet,
            body,
            fixed_slug: slug_in_front_matter(i),
        };
        write_article(&gazette, hugo.as_deref(), &a)?;
    }
    // Last: an archive cut short by an error or a kill has no format and is made again.
    write(
        &out.join("synth-format"),
        &format!("{FORMAT}\n{n} articles, seed {seed}\n"),
    )
}

/// 2,000 distinct topic names, the first ones the most used.
fn topic_names() -> Vec<String> {
    (0..TOPICS)
        .map(|i| {
            let a = TOPIC_A[i % TOPIC_A.len()];
            let b = TOPIC_B[(i / TOPIC_A.len()) % TOPIC_B.len()];
            let round = i / (TOPIC_A.len() * TOPIC_B.len());
            if round == 0 {
                format!("{a} {b}")
            } else {
                format!("{a} {b} {round}")
            }
        })
        .collect()
}

fn capitalise(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(c) => c.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// 500–800 words: paragraphs, sometimes a quote, a list, a link.
fn body(rng: &mut Rng, topics: &[String]) -> String {
    let target = 500 + rng.below(301);
    let mut words = 0;
    let mut out = String::with_capacity(target * 8);
    let mut paragraph = 0;
    while words < target {
        let len = (40 + rng.below(80)).min(target - words).max(1);
        let mut sentence_left = 0;
        let mut text = String::new();
        for w in 0..len {
            let word = WORDS[rng.below(WORDS.len())];
            if sentence_left == 0 {
                if w > 0 {
                    text.push_str(". ");
                }
                text.push_str(&capitalise(word));
                sentence_left = 8 + rng.below(14);
            } else {
                text.push(' ');
                text.push_str(word);
            }
            sentence_left -= 1;
        }
        text.push('.');
        words += len;
        paragraph += 1;
        match rng.below(12) {
            0 => writeln!(out, "> \u{201c}{text}\u{201d}\n").ok(),
            1 => {
                for item in text.split(". ").take(4) {
                    writeln!(out, "- {}", item.trim_end_matches('.')).ok();
                }
                writeln!(out).ok()
            }
            2 => {
                let topic = &topics[paragraph % topics.len()];
                writeln!(
                    out,
                    "{text} More on [{topic}](https://example.com/search?q={}).\n",
                    topic.replace(' ', "+")
                )
                .ok()
            }
            _ => writeln!(out, "{text}\n").ok(),
        };
    }
    out
}

fn toml_list(items: &[String]) -> String {
    let quoted: Vec<String> = items.iter().map(|s| format!("{s:?}")).collect();
    format!("[{}]", quoted.join(", "))
}

fn write_article(gazette: &Path, hugo: Option<&Path>, a: &Synthetic) -> std::io::Result<()> {
    let slug = if a.fixed_slug {
        format!("slug = {:?}\n", a.slug)
    } else {
        String::new()
    };
    let front = format!(
        "title = {:?}\n{slug}date = {}\ntopics = {}\nauthors = {}\n",
        a.title,
        a.date,
        toml_list(&a.topics),
        toml_list(&a.authors)
    );
    let path = |root: &Path| -> PathBuf {
        root.join(&a.year)
            .join(&a.month)
            .join(format!("{}.md", a.slug))
    };
    write(
        &path(&gazette.join("content")),
        &format!("+++\n{front}source = {:?}\n+++\n\n{}", a.outlet, a.body),
    )?;
    match hugo {
        Some(hugo) => write(
            &path(&hugo.join("content/posts")),
            &format!("+++\n{front}outlets = [{:?}]\n+++\n\n{}", a.outlet, a.body),
        ),
        None => Ok(()),
    }
}

fn write(path: &Path, text: &str) -> std::io::Result<()> {
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent)?;
    }
    std::fs::write(path, text)
}

/// gazette's site, twice: `gazette/` without the search index, doing the same work as the
/// Hugo site (Hugo has no search), and `gazette-search/` with it (gazette's default), whose
/// `content` is a symlink to `gazette/content`.
fn write_gazette_config(root: &Path) -> std::io::Result<()> {
    let config = "title = \"Synthetic Gazette\"\ndescription = \"A synthetic news archive for benchmarks.\"\n\
         base_url = \"https://example.org/\"\nlanguage = \"en\"\ntimezone = \"UTC\"\n\
         permalink = \"/:year/:month/:day/:slug/\"\npaginate = 20\noutput_dir = \"public\"\n\
         related_articles = 5\n\n[feeds]\nlimit = 20\n";
    write(
        &root.join("site.toml"),
        &format!(
            "{config}\n# Hugo has no search index: like for like.\n[search]\nenabled = false\n"
        ),
    )?;
    let with_search = root.with_file_name("gazette-search");
    write(&with_search.join("site.toml"), config)?;
    let link = with_search.join("content");
    if std::fs::symlink_metadata(&link).is_err() {
        std::fs::create_dir_all(root.join("content"))?;
        symlink_dir(Path::new("../gazette/content"), &link)?;
    }
    Ok(())
}

#[cfg(unix)]
fn symlink_dir(target: &Path, link: &Path) -> std::io::Result<()> {
    std::os::unix::fs::symlink(target, link)
}

#[cfg(not(unix))]
fn symlink_dir(_target: &Path, _link: &Path) -> std::io::Result<()> {
    Err(std::io::Error::other(
        "bench/synth needs symlinks (Linux or macOS)",
    ))
}

/// Hugo's site: the same pages as gazette's default theme where Hugo has them — article pages
/// with prev/next and five related articles, the home list and each topic's, author's and
/// outlet's list paginated by 20, the topic list, the sitemap, the site feed and a feed per
/// topic and outlet.
fn write_hugo_config(root: &Path) -> std::io::Result<()> {
    write(
        &root.join("hugo.toml"),
        "baseURL = \"https://example.org/\"\nlanguageCode = \"en\"\ntitle = \"Synthetic Gazette\"\n\
         timeZone = \"UTC\"\ndisableKinds = [\"section\"]\n\n\
         [pagination]\npagerSize = 20\n\n[services.rss]\nlimit = 20\n\n\
         [permalinks.page]\nposts = \"/:year/:month/:day/:slug/\"\n\n\
         [taxonomies]\ntopic = \"topics\"\nauthor = \"authors\"\noutlet = \"outlets\"\n\n\
         [outputs]\nhome = [\"html\", \"rss\"]\npage = [\"html\"]\nterm = [\"html\", \"rss\"]\ntaxonomy = [\"html\"]\n\n\
         [related]\nincludeNewer = true\nthreshold = 0\ntoLower = false\n\
         [[related.indices]]\nname = \"topics\"\nweight = 100\n",
    )?;
    let layouts = root.join("layouts");
    write(
        &layouts.join("baseof.html"),
        r#"<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>{{ if .IsHome }}{{ site.Title }}{{ else }}{{ .Title }} · {{ site.Title }}{{ end }}</title>
<meta name="description" content="{{ with .Description }}{{ . }}{{ else }}{{ site.Params.description }}{{ end }}">
<link rel="canonical" href="{{ .Permalink }}">
<link rel="alternate" type="application/rss+xml" href="{{ "index.xml" | absURL }}" title="{{ site.Title }}">
<link rel="stylesheet" href="{{ "style.css" | relURL }}">
</head>
<body>
<header><a href="{{ "/" | relURL }}">{{ site.Title }}</a> <nav><a href="{{ "topics/" | relURL }}">Topics</a> <a href="{{ "authors/" | relURL }}">Authors</a> <a href="{{ "outlets/" | relURL }}">Sources</a></nav></header>
<main>{{ block "main" . }}{{ end }}</main>
<footer>Generated by Hugo</footer>
</body>
</html>
"#,
    )?;
    let list = r#"{{ define "main" }}
<h1>{{ if .IsHome }}{{ site.Title }}{{ else }}{{ .Title }}{{ end }}</h1>
{{ $pager := .Paginate (cond .IsHome (where site.RegularPages "Type" "posts") .Pages) }}
<ul class="article-list">
{{ range $pager.Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a> <time datetime="{{ .Date.Format "2006-01-02T15:04:05Z07:00" }}">{{ .Date.Format "January 2, 2006" }}</time>
 {{ with .Params.outlets }}<span class="source">{{ index . 0 }}</span>{{ end }}
 <p class="summary">{{ .Summary | plainify | truncate 200 }}</p>
 <ul class="topics">{{ range .GetTerms "topics" }}<li><a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a></li>{{ end }}</ul></li>
{{ end }}
</ul>
<nav class="pagination">
{{ with $pager.Prev }}<a rel="prev" href="{{ .URL }}">Newer</a>{{ end }}
Page {{ $pager.PageNumber }} of {{ $pager.TotalPages }}
{{ with $pager.Next }}<a rel="next" href="{{ .URL }}">Older</a>{{ end }}
</nav>
{{ end }}
"#;
    write(&layouts.join("home.html"), list)?;
    write(&layouts.join("term.html"), list)?;
    write(
        &layouts.join("taxonomy.html"),
        r#"{{ define "main" }}
<h1>{{ .Title }}</h1>
<ul class="topic-list">
{{ range .Data.Terms.Alphabetical }}<li><a href="{{ .Page.RelPermalink }}">{{ .Page.LinkTitle }}</a> <span class="count">{{ .Count }}</span></li>
{{ end }}
</ul>
{{ end }}
"#,
    )?;
    write(
        &layouts.join("page.html"),
        r#"{{ define "main" }}
<article>
<h1>{{ .Title }}</h1>
<p class="byline">By {{ range $i, $a := .GetTerms "authors" }}{{ if $i }}, {{ end }}<a href="{{ $a.RelPermalink }}">{{ $a.LinkTitle }}</a>{{ end }}</p>
<p class="meta"><time datetime="{{ .Date.Format "2006-01-02T15:04:05Z07:00" }}">{{ .Date.Format "Monday, January 2, 2006" }}</time>
{{ range .GetTerms "outlets" }}<a class="source" href="{{ .RelPermalink }}">{{ .LinkTitle }}</a>{{ end }}
<span class="reading-time">{{ .ReadingTime }} min read</span></p>
<div class="article-body">
{{ .Content }}
</div>
<ul class="topics">{{ range .GetTerms "topics" }}<li><a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a></li>{{ end }}</ul>
</article>
<nav class="article-nav">
{{ with .NextInSection }}<a rel="prev" href="{{ .RelPermalink }}">{{ .Title }}</a>{{ end }}
{{ with .PrevInSection }}<a rel="next" href="{{ .RelPermalink }}">{{ .Title }}</a>{{ end }}
</nav>
{{ with site.RegularPages.Related . | first 5 }}
<section class="related"><h2>Related articles</h2><ul>
{{ range . }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a> <time>{{ .Date.Format "January 2, 2006" }}</time></li>{{ end }}
</ul></section>
{{ end }}
{{ end }}
"#,
    )?;
    write(
        &root.join("static/style.css"),
        "body { font-family: Georgia, serif; max-width: 40em; margin: auto; }\n",
    )
}

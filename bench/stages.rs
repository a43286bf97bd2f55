//! The hot stages of a build, one item at a time, on articles of the synthetic archive
//! (bench/synth.rs): front-matter parsing, Markdown, a whole article file loaded, and one
//! page rendered (article, topic, home). Run with `cargo bench --bench stages`; the archive
//! indexes are in bench/archive.rs, whole builds in bench/run.sh.

use std::path::{Path, PathBuf};

use criterion::{criterion_group, criterion_main, Criterion};
use gazette::render::{Job, ListPage};

#[path = "synth.rs"]
#[allow(dead_code)]
mod synth;

fn first_article(dir: &Path) -> PathBuf {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
        .expect("a folder of the synthetic archive")
        .map(|e| e.expect("an entry").path())
        .collect();
    entries.sort();
    let first = entries.into_iter().next().expect("a file");
    if first.is_dir() {
        first_article(&first)
    } else {
        first
    }
}

fn stages(c: &mut Criterion) {
    let tmp = tempfile::tempdir().expect("a temporary folder");
    synth::generate(2_000, tmp.path(), 42, false).expect("the synthetic archive");
    let root = tmp.path().join("gazette");
    let file = first_article(&root.join("content"));
    let text = std::fs::read_to_string(&file).expect("an article");
    let relative = file
        .strip_prefix(&root)
        .expect("under the root")
        .to_path_buf();
    let config = gazette::config::Config::from_root(&root).expect("site.toml");

    let mut group = c.benchmark_group("stages");
    group.bench_function("front_matter_parse", |b| {
        b.iter(|| {
            let split = gazette::loader::frontmatter::split(&text).expect("front matter");
            gazette::loader::frontmatter::parse(&split).expect("fields")
        })
    });
    let body = gazette::loader::frontmatter::split(&text)
        .expect("front matter")
        .body
        .to_string();
    group.bench_function("markdown", |b| {
        b.iter(|| {
            gazette::markdown::render(
                &body,
                gazette::markdown::Options {
                    unsafe_html: false,
                    base_path: "/",
                    bundle: None,
                    slugs: gazette::config::Slugs::Ascii,
                },
            )
        })
    });
    group.bench_function("article_file_to_record", |b| {
        b.iter(|| gazette::loader::parse_article(&config, &relative, &relative, &text))
    });

    let site = gazette::Prepared::load(&gazette::BuildOptions {
        root: root.clone(),
        ..Default::default()
    })
    .expect("the synthetic archive loads");
    let renderer = site.renderer().expect("renderer");
    for (name, job) in [
        ("render_article_page", Job::Article(1_000)),
        ("render_topic_page", Job::Topic(0, ListPage::Latest)),
        ("render_home_page", Job::Home(0, ListPage::Numbered(1))),
    ] {
        group.bench_function(name, |b| b.iter(|| renderer.render(job).expect("renders")));
    }
    group.finish();
}

criterion_group!(benches, stages);
criterion_main!(benches);

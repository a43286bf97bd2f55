//! Building the archive's indexes (topics, dates, authors, outlets, related articles) for
//! synthetic archives of 20,000 and 100,000 articles with 2,000 Zipf-distributed topics.
//! Run with `cargo bench --bench archive`.

use criterion::{criterion_group, criterion_main, BatchSize, Criterion};
use gazette::archive::Archive;
use gazette::topics::Vocabulary;

fn archive_indexes(c: &mut Criterion) {
    let mut group = c.benchmark_group("archive_build");
    group.sample_size(10);
    for count in [20_000, 100_000] {
        let articles = gazette::testing::articles(count, 2_000, 42);
        group.bench_function(format!("{count}_articles"), |b| {
            b.iter_batched(
                || articles.clone(),
                |articles| Archive::build(articles, &Vocabulary::default(), 5).unwrap(),
                BatchSize::LargeInput,
            )
        });
    }
    group.finish();
}

criterion_group!(benches, archive_indexes);
criterion_main!(benches);

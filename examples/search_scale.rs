//! Measures the search index at archive scale (docs/search.md has the results):
//! `cargo run --release --example search_scale -- 100000 500` under `/usr/bin/time -v`.
//!
//! Generates N articles with B-word bodies, builds the index, and works out what one query
//! downloads, following the same steps as the search page's script: the manifest and
//! facets, the shard of each word (up to 3 for the last word, a prefix), and the metadata
//! chunk and text of each of the first 20 results.

use std::collections::HashMap;
use std::time::Instant;

use gazette::search::{decode, Index, Settings};

fn main() {
    let mut args = std::env::args().skip(1);
    let n: usize = args.next().and_then(|a| a.parse().ok()).unwrap_or(20_000);
    let words: usize = args.next().and_then(|a| a.parse().ok()).unwrap_or(500);
    let mut articles = gazette::testing::articles(n, 2000, 6);
    gazette::testing::add_bodies(&mut articles, words, 6);
    let archive = gazette::archive::Archive::build(articles, &Default::default(), 0).unwrap();
    let started = Instant::now();
    let bodies = gazette::article::Bodies::default();
    let index = match Index::build(&archive, &bodies, &Settings::default(), "en") {
        Ok(index) => index,
        Err(problem) => {
            eprintln!("{problem}");
            std::process::exit(1);
        }
    };
    let seconds = started.elapsed().as_secs_f64();
    let texts: usize = archive
        .articles()
        .iter()
        .map(|a| gazette::search::text_file(a, &bodies).map_or(0, |t| t.len()))
        .sum();
    println!(
        "{n} articles x {words} words: index built in {seconds:.2} s; {} terms, {} postings, {} shards; \
         index {:.1} MB in {} files, plus {:.1} MB of snippet texts in {n} files",
        index.terms,
        index.postings,
        index.shards,
        index.bytes() as f64 / 1e6,
        index.files.len(),
        texts as f64 / 1e6
    );
    let files: HashMap<&str, &[u8]> = index
        .files
        .iter()
        .map(|(u, b)| (u.as_str(), b.as_slice()))
        .collect();
    let manifest: serde_json::Value =
        serde_json::from_slice(files["/search/data/manifest.json"]).unwrap();
    let firsts: Vec<&str> = manifest["shards"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|s| s.as_str())
        .collect();
    let common = gazette::testing::word(3);
    let rare = gazette::testing::word(20_000);
    let mid = gazette::testing::word(400);
    for query in [
        vec![rare.clone()],
        vec![mid.clone(), rare[..rare.len() - 1].to_string()],
        vec![common.clone(), mid.clone()],
        vec!["article".to_string(), "1234".to_string()],
    ] {
        let mut bytes =
            files["/search/data/manifest.json"].len() + files["/search/data/facets.json"].len();
        let mut lists: Vec<HashMap<u32, u32>> = Vec::new();
        for (i, word) in query.iter().enumerate() {
            let prefix = i == query.len() - 1;
            let first = firsts
                .partition_point(|f| *f <= word.as_str())
                .saturating_sub(1);
            let mut shards = vec![first];
            while prefix && shards.len() < 3 {
                let next = shards[shards.len() - 1] + 1;
                if next >= firsts.len() || !firsts[next].starts_with(word.as_str()) {
                    break;
                }
                shards.push(next);
            }
            let mut docs = HashMap::new();
            for s in shards {
                let text =
                    std::str::from_utf8(files[format!("/search/data/shards/{s}.txt").as_str()])
                        .unwrap();
                bytes += text.len();
                for line in text.lines() {
                    let (term, enc) = line.split_once('\t').unwrap();
                    if term == word || (prefix && term.starts_with(word.as_str())) {
                        let nums = decode(enc).unwrap();
                        let mut id = 0;
                        for pair in nums.chunks(2) {
                            id += pair[0];
                            let e = docs.entry(id).or_insert(0);
                            *e = (*e).max(pair[1]);
                        }
                    }
                }
            }
            lists.push(docs);
        }
        let mut hits: Vec<(u32, u32)> = lists[0]
            .iter()
            .filter_map(|(id, s)| {
                lists[1..]
                    .iter()
                    .try_fold(*s, |t, l| l.get(id).map(|o| t + o))
                    .map(|t| (*id, t))
            })
            .collect();
        hits.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        let shown: Vec<u32> = hits.iter().take(20).map(|h| h.0).collect();
        let mut chunks: Vec<u32> = shown.iter().map(|id| *id / 64).collect();
        chunks.sort();
        chunks.dedup();
        for c in chunks {
            bytes += files[format!("/search/data/meta/{c}.json").as_str()].len();
        }
        for id in &shown {
            bytes += gazette::search::text_file(&archive.articles()[*id as usize], &bodies)
                .map_or(0, |t| t.len());
        }
        println!(
            "query {:?}: {} results, {:.1} KB downloaded",
            query.join(" "),
            hits.len(),
            bytes as f64 / 1e3
        );
    }
}

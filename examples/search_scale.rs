//! Measures the search index at archive scale (docs/search.md has the results):
//! `cargo run --release --example search_scale -- 100000 500` under `/usr/bin/time -v`.
//!
//! Generates N articles with B-word bodies, builds the index, and works out what one query
//! downloads, following the search page's script: the manifest, the directory and shard of
//! each word, and the file of each of the first 10
//! results. (Stem forms and prefixes, which can add a shard, are left out: the synthetic
//! words have none.)

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
    let docs: Vec<usize> = (0..archive.articles().len())
        .map(|id| gazette::search::doc_file(&archive, id, &bodies).map_or(0, |t| t.len()))
        .collect();
    println!(
        "{n} articles x {words} words: index built in {seconds:.2} s; {} terms, {} postings, {} shards; \
         index {:.1} MB in {} files, plus {:.1} MB of article files in {n} files",
        index.terms,
        index.postings,
        index.shards,
        index.bytes() as f64 / 1e6,
        index.files.len(),
        docs.iter().sum::<usize>() as f64 / 1e6
    );
    let files: HashMap<&str, &[u8]> = index
        .files
        .iter()
        .map(|(u, b)| (u.as_str(), b.as_slice()))
        .collect();
    let by_id: HashMap<u64, usize> = index
        .ids
        .iter()
        .enumerate()
        .map(|(a, id)| (*id, a))
        .collect();
    let manifest: serde_json::Value =
        serde_json::from_slice(files["/search/data/manifest.json"]).unwrap();
    let pairs = |v: &serde_json::Value| -> Vec<(String, String)> {
        serde_json::from_value(v.clone()).unwrap_or_default()
    };
    // The files a key's lookup reads: a directory (when there are many shards) and a shard.
    let locate = |key: &str| -> Vec<String> {
        let pick = |list: &[(String, String)]| {
            let at = list
                .partition_point(|(f, _)| f.as_str() <= key)
                .saturating_sub(1);
            list[at].1.clone()
        };
        match manifest.get("shards") {
            Some(direct) => vec![format!("/search/data/shards/{}.txt", pick(&pairs(direct)))],
            None => {
                let dir = pick(&pairs(&manifest["dirs"]));
                let url = format!("/search/data/dir/{dir}.json");
                let list: Vec<(String, String)> =
                    serde_json::from_slice(files[url.as_str()]).unwrap();
                vec![url, format!("/search/data/shards/{}.txt", pick(&list))]
            }
        }
    };
    let common = gazette::testing::word(3);
    let rare = gazette::testing::word(20_000);
    let mid = gazette::testing::word(400);
    for (query, phrase) in [
        (vec![rare.clone()], false),
        (vec![mid.clone(), rare[..rare.len() - 1].to_string()], false),
        (vec![common.clone()], false),
        (vec![common.clone(), mid.clone()], false),
        (vec![common.clone(), gazette::testing::word(4)], true),
        (vec!["article".to_string(), "1234".to_string()], false),
    ] {
        let mut fetched: Vec<String> = vec!["/search/data/manifest.json".to_string()];
        let mut lists: Vec<HashMap<u64, u64>> = Vec::new();
        // A phrase looks up its words, then checks them side by side in the text of the
        // candidates it shows (their files, counted below like any result's).
        for word in &query {
            let urls = locate(word);
            let shard = urls.last().unwrap().clone();
            fetched.extend(urls);
            let text = std::str::from_utf8(files[shard.as_str()]).unwrap();
            let mut docs = HashMap::new();
            for line in text.lines() {
                let (term, enc) = line.split_once('\t').unwrap();
                if term == word && !enc.starts_with('=') {
                    let mut id = 0;
                    for pair in decode(enc).unwrap().chunks(2) {
                        id += pair[0];
                        docs.insert(id, pair[1]);
                    }
                }
            }
            lists.push(docs);
        }
        let mut hits: Vec<(u64, u64)> = lists[0]
            .iter()
            .filter_map(|(id, s)| {
                lists[1..]
                    .iter()
                    .try_fold(*s, |t, l| l.get(id).map(|o| t + o))
                    .map(|t| (*id, t))
            })
            .collect();
        hits.sort_by(|a, b| b.1.cmp(&a.1).then(b.0.cmp(&a.0)));
        fetched.sort();
        fetched.dedup();
        let mut bytes: usize = fetched.iter().map(|u| files[u.as_str()].len()).sum();
        let mut gzipped: usize = fetched.iter().map(|u| gzip(files[u.as_str()])).sum();
        for h in hits.iter().take(10) {
            bytes += docs[by_id[&h.0]];
            gzipped += gzip(&gazette::search::doc_file(&archive, by_id[&h.0], &bodies).unwrap());
        }
        println!(
            "query {:?}{}: {} results, {:.1} KB downloaded ({:.1} KB gzipped)",
            query.join(" "),
            if phrase { " (as a phrase)" } else { "" },
            hits.len(),
            bytes as f64 / 1e3,
            gzipped as f64 / 1e3
        );
    }
}

/// The size of `bytes` gzipped at level 6 (nginx's `gzip_comp_level` is 1 by default, CDNs
/// use more; brotli is smaller still).
fn gzip(bytes: &[u8]) -> usize {
    use std::io::Write;
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::new(6));
    encoder.write_all(bytes).unwrap();
    encoder.finish().unwrap().len()
}

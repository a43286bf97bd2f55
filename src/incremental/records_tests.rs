//! Tests of the record cache (`records.rs`).

use super::*;
use crate::article::{ArticleTopic, Body, Media, Source};
use crate::loader::scan::now;

fn config(root: &Path, site_toml: &str) -> Config {
    std::fs::create_dir_all(root).unwrap();
    std::fs::write(root.join(crate::config::CONFIG_FILE), site_toml).unwrap();
    let mut c = Config::parse(root, site_toml).unwrap();
    c.root = root.to_path_buf();
    c
}

const SITE: &str = "title = \"T\"\nbase_url = \"https://e.org/\"\n";

fn date(text: &str) -> chrono::DateTime<chrono::FixedOffset> {
    chrono::DateTime::parse_from_rfc3339(text).unwrap()
}

/// An article with every field set, and values of every kind in `extra`.
fn full_article(path: &str) -> Article {
    let extra = serde_json::json!({
        "mood": "grim",
        "count": 3,
        "negative": -7,
        "ratio": 0.1 + 0.2,
        "big": u64::MAX,
        "yes": true,
        "none": null,
        "list": [1, "two", [3.5], {"four": 4}],
        "nested": {"a": {"b": ["c", {"d": false}]}},
    });
    Article {
        lang: "en".into(),
        plain: PathBuf::from("content/x.md"),
        translation_key: None,
        path: PathBuf::from(path),
        title: "Québec votes \u{1F5F3}".into(),
        // An offset with seconds (Monrovia's until 1972) and nanoseconds.
        date: date("1970-06-01T10:00:00.123456789-00:44")
            .with_timezone(&chrono::FixedOffset::east_opt(-(44 * 60 + 30)).unwrap()),
        updated: Some(date("2016-01-20T08:30:00+05:30")),
        update_note: Some("Adds the minister's reply.".into()),
        corrections: vec![crate::article::Correction {
            date: date("2016-01-21T09:00:00-05:00"),
            text: "An earlier version misspelled Québec.".into(),
        }],
        slug: "quebec-votes".into(),
        url: "/2016/01/19/quebec-votes/".into(),
        summary: "A summary.".into(),
        topics: vec![
            ArticleTopic {
                name: "Canada".into(),
                declared: Some(2),
                inferred: false,
            },
            ArticleTopic {
                name: "ISIS".into(),
                declared: None,
                inferred: true,
            },
        ],
        authors: vec!["Jane Doe".into(), "John Roe".into()],
        source: Some(Source {
            name: "CBC News".into(),
            url: Some("https://cbc.ca".into()),
        }),
        original_url: Some("https://cbc.ca/news/1".into()),
        image: Some(crate::article::Image {
            src: "/a.jpg".into(),
            alt: Some("A".into()),
            caption: Some("C".into()),
            credit: Some("P".into()),
            focal_point: Some("top".into()),
            width: Some(4),
            height: Some(3),
            variants: vec![2, 4],
        }),
        draft: true,
        publish_date: Some(date("2016-01-21T08:00:00+01:00")),
        expiry_date: Some(date("2017-01-21T08:00:00Z")),
        extra: extra.as_object().unwrap().clone(),
        body: Body::new("<p>Caf\u{e9} news</p>", "Caf\u{e9} news"),
        words: 2,
        links_to_articles: true,
        aliases: vec!["/old/".into()],
        standfirst: Some("The dek.".into()),
        byline: Some("By Jane Doe".into()),
        dateline: Some("Posted: Jan 19, 2016".into()),
        related_headlines: vec!["Another story".into()],
        media: vec![Media {
            title: "Video".into(),
            caption: Some("A caption".into()),
            duration: Some("10:38".into()),
        }],
        unknown_keys: vec![crate::article::UnknownKey {
            key: "darft".into(),
            line: Some(4),
        }],
        bundle: vec![crate::article::BundleFile {
            name: "files/a.pdf".into(),
            used: true,
            size: Some((3, 4)),
        }],
        notes: vec![crate::article::Note {
            line: Some(7),
            message: "the Liquid tag `{% include x %}` cannot be translated; it is left out".into(),
            help: "replace it".into(),
        }],
    }
}

fn old_stamp(size: u64) -> Stamp {
    Stamp {
        size,
        modified: now() - 3_600 * 1_000_000_000,
        bundle: 0,
    }
}

#[test]
fn an_article_with_every_field_set_comes_back_the_same() {
    let tmp = tempfile::tempdir().unwrap();
    let store = Store::open(&config(tmp.path(), SITE), 0);
    store.prepare().unwrap();
    let article = full_article("content/a.md");
    let stamp = old_stamp(10);
    let entries = vec![EntryRef::new(stamp, &article, now()).unwrap()];
    store
        .write(3, now(), entries, &Bodies::default(), None)
        .unwrap();

    let mut shard = store.read(3);
    let (got_stamp, got) = shard.take(Path::new("content/a.md"), Some(stamp)).unwrap();
    assert_eq!(got_stamp, stamp);
    assert_eq!(got, article);
    assert_eq!(got.date.offset().local_minus_utc(), -(44 * 60 + 30));
    assert_eq!(got.date.timestamp_subsec_nanos(), 123_456_789);
    assert_eq!(got.extra["ratio"].as_f64(), Some(0.1 + 0.2));
    assert_eq!(got.extra["big"].as_u64(), Some(u64::MAX));
    assert_eq!(got.extra["negative"].as_i64(), Some(-7));
    let mut bodies = Bodies::default();
    let (file, path) = shard.take_file().unwrap();
    bodies.insert(3, file, path);
    assert_eq!(bodies.html(&got.body).unwrap(), "<p>Caf\u{e9} news</p>");
    assert_eq!(bodies.text(&got.body).unwrap(), "Caf\u{e9} news");
    assert!(!shard.changed(), "taking a valid entry changes nothing");
}

#[test]
fn a_damaged_shard_reads_as_empty_without_panicking() {
    let tmp = tempfile::tempdir().unwrap();
    let store = Store::open(&config(tmp.path(), SITE), 0);
    store.prepare().unwrap();
    let articles: Vec<Article> = (0..20)
        .map(|i| full_article(&format!("content/{i}.md")))
        .collect();
    let entries: Vec<EntryRef> = articles
        .iter()
        .map(|a| EntryRef::new(old_stamp(10), a, now()).unwrap())
        .collect();
    store
        .write(0, now(), entries, &Bodies::default(), None)
        .unwrap();
    let good = std::fs::read(store.path(0)).unwrap();
    assert_eq!(store.read(0).entries.len(), 20);

    let mut damaged: Vec<Vec<u8>> = vec![
        Vec::new(),
        b"garbage".to_vec(),
        good[..HEADER_LEN].to_vec(),
        good[..good.len() / 2].to_vec(),
        good[..good.len() - 1].to_vec(),
        (0..good.len()).map(|i| (i * 7919 % 251) as u8).collect(),
    ];
    // The records fill the end of the file.
    let records_len = u64::from_le_bytes(good[40..48].try_into().unwrap()) as usize;
    let records = good.len() - records_len..good.len();
    for at in [
        0,
        9,
        HEADER_LEN - 1,
        records.start,
        records.start + records_len / 2,
        records.end - 1,
    ] {
        let mut flipped = good.clone();
        flipped[at] ^= 0x20;
        damaged.push(flipped);
    }
    // Records that decode to nonsense even though the checksum is right.
    let mut nonsense = good.clone();
    for byte in &mut nonsense[records.clone()] {
        *byte = byte.wrapping_mul(31).wrapping_add(7);
    }
    let checksum = xxh3_64(&nonsense[records.clone()]);
    nonsense[32..40].copy_from_slice(&checksum.to_le_bytes());
    damaged.push(nonsense);
    // Records that are not where the header says: one byte too many.
    let mut longer = good.clone();
    longer.push(0);
    damaged.push(longer);

    for (i, bytes) in damaged.iter().enumerate() {
        std::fs::write(store.path(0), bytes).unwrap();
        let mut shard = store.read(0);
        assert!(shard.entries.is_empty(), "case {i}");
        assert!(
            shard.changed(),
            "case {i}: a damaged shard is written again"
        );
        assert!(shard
            .take(Path::new("content/0.md"), Some(old_stamp(10)))
            .is_none());
    }
    // A damaged body is found when it is read: the read fails, naming the file, and the
    // file is removed so that the next build parses its articles again.
    let stamp = old_stamp(10);
    let entries: Vec<EntryRef> = articles
        .iter()
        .map(|a| EntryRef::new(stamp, a, now()).unwrap())
        .collect();
    store
        .write(0, now(), entries, &Bodies::default(), None)
        .unwrap();
    // The last byte of the last body, just before the records.
    let mut flipped = std::fs::read(store.path(0)).unwrap();
    flipped[records.start - 1] ^= 0x20;
    std::fs::write(store.path(0), &flipped).unwrap();
    let mut shard = store.read(0);
    let (_, first) = shard.take(Path::new("content/0.md"), Some(stamp)).unwrap();
    let (_, last) = shard.take(Path::new("content/19.md"), Some(stamp)).unwrap();
    let mut bodies = Bodies::default();
    let (file, path) = shard.take_file().unwrap();
    bodies.insert(0, file, path);
    assert_eq!(bodies.html(&first.body).unwrap(), "<p>Caf\u{e9} news</p>");
    assert!(store.path(0).exists());
    let failed = bodies.html(&last.body).unwrap_err();
    assert_eq!(failed.path, Some(store.path(0)));
    assert!(!store.path(0).exists(), "the damaged file is removed");
    // Its file was open: the bodies still read as they were, the damaged one still fails.
    assert!(bodies.html(&first.body).is_ok());
    assert!(bodies.html(&last.body).is_err());

    // A missing shard (as the damaged one now is) is simply empty.
    assert!(!store.read(0).changed());
}

#[test]
fn a_shard_written_with_another_key_is_not_used() {
    let tmp = tempfile::tempdir().unwrap();
    let article = full_article("content/a.md");
    let stamp = old_stamp(10);
    let write = |site: &str, salt: u128| {
        let store = Store::open(&config(tmp.path(), site), salt);
        store.prepare().unwrap();
        let entries = vec![EntryRef::new(stamp, &article, now()).unwrap()];
        store
            .write(5, now(), entries, &Bodies::default(), None)
            .unwrap();
    };
    let read = |site: &str, salt: u128| {
        let store = Store::open(&config(tmp.path(), site), salt);
        store
            .read(5)
            .take(Path::new("content/a.md"), Some(stamp))
            .is_some()
    };
    write(SITE, 0);
    assert!(read(SITE, 0));
    // Another site.toml (even one that means the same), or another salt.
    assert!(!read(&format!("{SITE}\n"), 0));
    write(SITE, 0);
    assert!(!read(SITE, 1));
    // Another format version or gazette version: the magic and key change; simulate with
    // a shard from a different key.
    write(SITE, 2);
    assert!(!read(SITE, 0));
}

#[test]
fn an_entry_is_used_only_while_its_file_is_unchanged_and_was_settled() {
    let tmp = tempfile::tempdir().unwrap();
    let store = Store::open(&config(tmp.path(), SITE), 0);
    store.prepare().unwrap();
    let article = full_article("content/a.md");
    let started = now();
    let stamp = old_stamp(10);
    // Modified within RACY_SECONDS before the load started: not even written.
    let racy = Stamp {
        size: 10,
        modified: started - 1_000_000_000,
        bundle: 0,
    };
    assert!(EntryRef::new(racy, &article, started).is_none());
    store
        .write(
            1,
            started,
            vec![EntryRef::new(stamp, &article, started).unwrap()],
            &Bodies::default(),
            None,
        )
        .unwrap();
    let path = Path::new("content/a.md");
    // Another size, another time, or no file: not used, and the shard must be rewritten.
    for now_stamp in [
        Some(Stamp { size: 11, ..stamp }),
        Some(Stamp {
            modified: stamp.modified + 1,
            ..stamp
        }),
        Some(Stamp { bundle: 1, ..stamp }),
        None,
    ] {
        let mut shard = store.read(1);
        assert!(shard.take(path, now_stamp).is_none());
        assert!(shard.changed());
    }
    // An entry no file took (its file is gone) is left over: the shard is rewritten.
    assert!(store.read(1).changed());
    let mut shard = store.read(1);
    assert!(shard.take(path, Some(stamp)).is_some());
    assert!(!shard.changed());

    // A shard whose entry was modified too near the time it was written (say, written by
    // an older gazette with a looser rule, or with the clock set back) is not trusted.
    store
        .write(
            1,
            stamp.modified + 1_000_000_000,
            vec![EntryRef {
                stamp,
                article: &article,
                at: 0,
            }],
            &Bodies::default(),
            None,
        )
        .unwrap();
    let mut shard = store.read(1);
    assert!(shard.take(path, Some(stamp)).is_none());
}

/// An article at `path` whose body is `html` and `text`, packed in memory.
fn with_body(path: &str, html: &str, text: &str) -> Article {
    let mut article = full_article(path);
    article.body = Body::new(html, text);
    article
}

#[test]
fn bodies_written_while_loading_read_back_as_parsed_and_become_the_shard() {
    let tmp = tempfile::tempdir().unwrap();
    let store = Store::open(&config(tmp.path(), SITE), 0);
    store.prepare().unwrap();
    let stamp = old_stamp(10);
    // The last build's shard holds `a`, whose body is read from it.
    let a = with_body("content/a.md", "<p>Old news</p>", "Old news");
    let entries = vec![EntryRef::new(stamp, &a, now()).unwrap()];
    store
        .write(7, now(), entries, &Bodies::default(), None)
        .unwrap();
    let mut old = store.read(7);
    let (_, a) = old.take(Path::new("content/a.md"), Some(stamp)).unwrap();
    let mut bodies = Bodies::default();
    let (file, path) = old.take_file().unwrap();
    bodies.insert(7, file, path);

    // `b` and `c` are parsed: their bodies go to the shard's next file as they are made.
    let long = "the minister said on tuesday ".repeat(500);
    let mut b = with_body("content/b.md", &format!("<p>{long}</p>"), &long);
    let mut c = with_body("content/c.md", "<p>Caf\u{e9} \u{1F600}</p>", "");
    let mut empty = with_body("content/e.md", "", "");
    let parsed = [b.clone(), c.clone(), empty.clone()];
    let mut new = NewShard::create(&store, 7).unwrap();
    new.spill(
        [&mut b, &mut c, &mut empty]
            .into_iter()
            .map(|a| &mut a.body),
    );
    assert!(b.body.stored().is_some() && c.body.stored().is_some());
    assert_eq!(
        empty.body.stored(),
        None,
        "an empty body has nothing to write"
    );
    let (number, file, new_path) = new.take_reader().unwrap();
    assert!(new_path.is_file());
    bodies.insert(number, file, new_path.clone());
    for (article, parsed) in [&b, &c, &empty].into_iter().zip(&parsed) {
        assert_eq!(article.body, parsed.body);
        assert_eq!(
            bodies.parts(&article.body).unwrap(),
            (parsed.body.html(), parsed.body.text())
        );
    }

    // `d` stays in memory (say, its file changed while loading). The next file gets `a`'s
    // body from the old shard and `d`'s from memory, and the records, and is the shard.
    let d = with_body("content/d.md", "<p>Kept</p>", "Kept");
    let entries = [&a, &b, &c, &empty, &d]
        .into_iter()
        .map(|article| EntryRef::new(stamp, article, now()).unwrap())
        .collect();
    store.write(7, now(), entries, &bodies, Some(new)).unwrap();
    assert!(!new_path.exists(), "renamed over the shard");
    let mut shard = store.read(7);
    let mut read = Bodies::default();
    let taken: Vec<Article> = ["a", "b", "c", "e", "d"]
        .iter()
        .map(|name| {
            let path = format!("content/{name}.md");
            shard.take(Path::new(&path), Some(stamp)).unwrap().1
        })
        .collect();
    let (file, path) = shard.take_file().unwrap();
    read.insert(7, file, path);
    let expected = [
        ("<p>Old news</p>".to_string(), "Old news".to_string()),
        (format!("<p>{long}</p>"), long.clone()),
        ("<p>Caf\u{e9} \u{1F600}</p>".to_string(), String::new()),
        (String::new(), String::new()),
        ("<p>Kept</p>".to_string(), "Kept".to_string()),
    ];
    for (article, expected) in taken.iter().zip(expected) {
        assert_eq!(read.parts(&article.body).unwrap(), expected, "{article:?}");
    }
}

#[test]
fn a_failed_load_leaves_neither_its_new_files_nor_the_folders_made_for_them() {
    let tmp = tempfile::tempdir().unwrap();
    let store = Store::open(&config(tmp.path(), SITE), 0);
    let cache = tmp.path().join(FOLDER);
    let absent = store.absent_folders();
    assert_eq!(absent, [cache.join(RECORDS), cache.clone()]);
    let n = shard_of(Path::new("content/a.md"));
    let pending = |store: Store| {
        let mut new = NewShard::create(&store, n).unwrap();
        let mut article = with_body("content/a.md", "<p>A</p>", "A");
        new.spill(std::iter::once(&mut article.body));
        let (_, _, path) = new.take_reader().unwrap();
        let mut shards: Vec<Option<NewShard>> = (0..SHARDS).map(|_| None).collect();
        shards[n] = Some(new);
        let mut changed = vec![false; SHARDS];
        changed[n] = true;
        let stamps = vec![(key(&article.path), old_stamp(10))];
        let pending = Pending::new(store, now(), changed, stamps, shards, absent.clone());
        (pending.unwrap(), article, path)
    };
    // Dropped unwritten, as a failed build drops it.
    let (unwritten, _, path) = pending(Store::open(&config(tmp.path(), SITE), 0));
    assert!(path.is_file());
    drop(unwritten);
    assert!(!path.exists() && !cache.exists(), "nothing is left");

    // Written, its file is the shard and the folders stay.
    let (written, article, path) = pending(store);
    written
        .write(std::iter::once(&article), &Bodies::default())
        .unwrap();
    drop(written);
    assert!(!path.exists());
    assert!(cache.join(RECORDS).join(format!("{n:02}")).is_file());
    assert!(cache.join("CACHEDIR.TAG").is_file());
}

#[test]
fn records_whose_paths_share_a_key_are_not_written() {
    let tmp = tempfile::tempdir().unwrap();
    let store = Store::open(&config(tmp.path(), SITE), 0);
    let a = with_body("content/a.md", "<p>A</p>", "A");
    let n = shard_of(&a.path);
    let mut changed = vec![false; SHARDS];
    changed[n] = true;
    let pending = |stamps: Vec<(u64, Stamp)>| {
        let store = Store::open(&config(tmp.path(), SITE), 0);
        let shards = (0..SHARDS).map(|_| None).collect();
        Pending::new(store, now(), changed.clone(), stamps, shards, Vec::new()).unwrap()
    };
    let stamp = old_stamp(10);
    // Stamps are kept by a hash of the path; a second path with the same hash (made up here:
    // 64-bit hashes of 100,000 paths have never collided) leaves neither record trusted.
    let collided = pending(vec![(key(&a.path), stamp), (key(&a.path), old_stamp(11))]);
    collided
        .write(std::iter::once(&a), &Bodies::default())
        .unwrap();
    assert!(!store.path(n).exists(), "nothing to write");
    let single = pending(vec![(key(&a.path), stamp)]);
    single
        .write(std::iter::once(&a), &Bodies::default())
        .unwrap();
    let mut shard = store.read(n);
    assert_eq!(shard.take(&a.path, Some(stamp)).unwrap().1, a);
}

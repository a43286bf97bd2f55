//! The build snapshot: what the last build worked out from the archive's structure, kept so
//! that an edit which leaves the structure alone renders only the pages showing the edited
//! articles without revisiting the other 100,000 (issue 7).
//!
//! A page's key (see `render::key`) is made from the site's structure (which pages there
//! are, which articles each lists, topic names, counts), the render salt, and the views of
//! the articles it shows. So when a build finds the structure ([`crate::archive::Archive::structure`]) and
//! the salt of the last build, every page shows the same articles as then, and only the
//! pages showing an article that was parsed again (not taken from the record cache) can
//! have another key. The snapshot keeps what that needs: the archive's [`Index`] (so it is
//! not computed again), each article's view hash, and for each article the pages that show
//! it, recorded while the last full set of keys was made.
//!
//! It lives in `.gazette-cache/snapshot` beside the record cache and goes with one output:
//! it names the number of the build that wrote it ([`Summary::build`]), and is used only
//! with the output whose manifest has the same number. Like the record cache it never fails
//! a build: a missing, old or damaged snapshot means every key is made again.
//!
//! [`Summary::build`]: crate::incremental::Summary::build

use std::path::PathBuf;

use serde::{Deserialize, Serialize};
use xxhash_rust::xxh3::xxh3_64;

use super::records as cache;
use crate::archive::{ArticleId, Index};
use crate::render::Job;

/// The snapshot's file, in the cache folder.
pub(crate) const FILE: &str = "snapshot";

const MAGIC: &[u8; 8] = b"gzsnap4\n";

/// Magic, key (u128), checksum (u64).
const HEADER_LEN: usize = 8 + 16 + 8;

/// What the last build worked out from the archive's structure.
#[derive(Debug, Default, Deserialize)]
pub(crate) struct Snapshot {
    /// The build that wrote it (see [`crate::incremental::Summary::build`]).
    pub build: u64,
    /// That build's render salt.
    pub salt: u128,
    /// That build's [`crate::archive::Archive::structure`].
    pub structure: u128,
    /// A hash of that build's plan (see [`plan_hash`]): the dependants are positions in it.
    pub plan: u128,
    /// The archive's indexes (taken out by [`Snapshot::take_index`] when the structure is the
    /// same; compared with the new ones when it is not, see [`super::diff`]).
    pub index: Index,
    /// Each article's view hash, in archive order.
    pub digests: Vec<u128>,
    /// A hash of each article's path, in archive order: which article was where.
    pub paths: Vec<u128>,
    /// Each article's body digest (see [`crate::article::Body::digest`]), in archive order:
    /// a body may change with no change to its file (a link to an article whose URL moved).
    pub bodies: Vec<u128>,
    /// The jobs that show each article.
    pub dependants: Dependants,
}

/// A snapshot to write, borrowed from the build; the same serde form as [`Snapshot`].
#[derive(Serialize)]
pub(crate) struct SnapshotRef<'a> {
    /// See [`Snapshot`].
    pub build: u64,
    /// See [`Snapshot`].
    pub salt: u128,
    /// See [`Snapshot`].
    pub structure: u128,
    /// See [`Snapshot`].
    pub plan: u128,
    /// See [`Snapshot`].
    pub index: &'a Index,
    /// See [`Snapshot`].
    pub digests: &'a [u128],
    /// See [`Snapshot`].
    pub paths: &'a [u128],
    /// See [`Snapshot`].
    pub bodies: &'a [u128],
    /// See [`Snapshot`].
    pub dependants: &'a Dependants,
}

impl Snapshot {
    /// The structure hash and the indexes, for [`crate::archive::Archive::build_reusing`],
    /// which takes them (leaving an empty index) only for an archive of that structure.
    pub(crate) fn take_index(&mut self) -> (u128, &mut Index) {
        (self.structure, &mut self.index)
    }

    /// Whether the snapshot holds what a build of `articles` articles whose plan has the hash
    /// `plan` (see [`plan_hash`]) needs: the same jobs in the same order (their positions are
    /// what it keeps).
    pub(crate) fn covers(&self, articles: usize, plan: u128) -> bool {
        self.plan == plan && self.describes(articles)
    }

    /// Whether the snapshot is whole: a digest, a path and dependants for each of the
    /// `articles` articles of the build that wrote it.
    pub(crate) fn describes(&self, articles: usize) -> bool {
        self.digests.len() == articles
            && self.paths.len() == articles
            && self.bodies.len() == articles
            && self.dependants.offsets.len() == articles + 1
    }
}

/// A hash of a build's plan, its jobs in order, and of the paths of its static files. Two
/// builds of one structure and one render salt can still differ in a few jobs (the news
/// sitemap comes and goes with the clock, the search index's files with its size), which
/// would move every later job's position; and a new static file may take a page's place,
/// which the build must report.
pub(crate) fn plan_hash<'p>(
    jobs: &[Job],
    statics: impl Iterator<Item = &'p std::path::Path>,
) -> u128 {
    use std::hash::Hash;
    let mut hasher = crate::hash::Pieces::new();
    jobs.hash(hasher.inner());
    for path in statics {
        hasher.put(path.as_os_str().as_encoded_bytes());
    }
    hasher.finish()
}

/// For each article, the jobs (positions in the plan) that show it.
#[derive(Debug, Default, Serialize, Deserialize)]
pub(crate) struct Dependants {
    /// The jobs showing article `i` are `jobs[offsets[i]..offsets[i + 1]]`.
    offsets: Vec<u32>,
    jobs: Vec<u32>,
}

impl Dependants {
    /// The dependants of `articles` articles from what each job shows: its position in the
    /// plan and the articles (repeats allowed).
    pub(crate) fn new(articles: usize, shown: &[(u32, Vec<ArticleId>)]) -> Dependants {
        // A counting sort by article: linear in the number of (job, article) pairs.
        let mut offsets = vec![0u32; articles + 1];
        for (_, ids) in shown {
            for id in ids.iter().filter(|id| **id < articles) {
                offsets[*id + 1] += 1;
            }
        }
        for i in 1..offsets.len() {
            offsets[i] += offsets[i - 1];
        }
        let mut next = offsets.clone();
        let mut jobs = vec![0u32; offsets[articles] as usize];
        for (job, ids) in shown {
            for id in ids.iter().filter(|id| **id < articles) {
                jobs[next[*id] as usize] = *job;
                next[*id] += 1;
            }
        }
        Dependants { offsets, jobs }
    }

    /// The jobs that show article `id`, with repeats.
    pub(crate) fn of(&self, id: ArticleId) -> &[u32] {
        let (Some(start), Some(end)) = (self.offsets.get(id), self.offsets.get(id + 1)) else {
            return &[];
        };
        self.jobs.get(*start as usize..*end as usize).unwrap_or(&[])
    }
}

/// Where the snapshot of a site is kept, and the key it must carry (the record cache's: see
/// [`cache::Store`]).
pub(crate) struct Place {
    path: PathBuf,
    key: u128,
}

impl Place {
    /// The snapshot's place for the site of `store`.
    pub(crate) fn of(store: &cache::Store, config: &crate::config::Config) -> Place {
        Place {
            path: config.root.join(cache::FOLDER).join(FILE),
            key: store.key(),
        }
    }

    /// Reads the snapshot; None if it is missing, damaged or made for another key.
    pub(crate) fn read(&self) -> Option<Snapshot> {
        let bytes = std::fs::read(&self.path).ok()?;
        let (head, payload) = bytes.split_at_checked(HEADER_LEN)?;
        let (magic, rest) = head.split_at(8);
        let (key, checksum) = rest.split_at(16);
        if magic != MAGIC
            || u128::from_le_bytes(key.try_into().ok()?) != self.key
            || u64::from_le_bytes(checksum.try_into().ok()?) != xxh3_64(payload)
        {
            return None;
        }
        postcard::from_bytes(payload).ok()
    }

    /// Replaces the snapshot (through a temporary file and a rename).
    pub(crate) fn write(&self, snapshot: &SnapshotRef) -> std::io::Result<()> {
        let payload = postcard::to_allocvec(snapshot).map_err(std::io::Error::other)?;
        let mut head = Vec::with_capacity(HEADER_LEN);
        head.extend_from_slice(MAGIC);
        head.extend_from_slice(&self.key.to_le_bytes());
        head.extend_from_slice(&xxh3_64(&payload).to_le_bytes());
        if let Some(folder) = self.path.parent() {
            cache::tag(folder)?;
        }
        crate::fs::replace(&self.path, &[&head, &payload])
    }

    /// Removes the snapshot, for a build that leaves none that would be valid.
    pub(crate) fn remove(&self) {
        let _ = std::fs::remove_file(&self.path);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dependants_list_each_job_under_every_article_it_shows() {
        let shown = vec![(0, vec![2, 0]), (1, vec![0, 0]), (4, vec![1]), (5, vec![9])];
        let d = Dependants::new(3, &shown);
        assert_eq!(d.of(0), &[0, 1, 1]);
        assert_eq!(d.of(1), &[4]);
        assert_eq!(d.of(2), &[0]);
        // Out of range, in either the list or the question: nothing, never a panic.
        assert!(d.of(3).is_empty() && d.of(9).is_empty());
    }

    #[test]
    fn a_snapshot_is_read_back_only_with_its_key_and_intact() {
        let dir = tempfile::tempdir().unwrap();
        let place = |key| Place {
            path: dir.path().join(FILE),
            key,
        };
        let dependants = Dependants::new(2, &[(7, vec![1])]);
        let index = Index::default();
        let written = SnapshotRef {
            build: 42,
            salt: 7,
            structure: 9,
            plan: plan_hash(&[Job::Robots, Job::NoJekyll], std::iter::empty()),
            index: &index,
            digests: &[1, 2],
            paths: &[3, 4],
            bodies: &[5, 6],
            dependants: &dependants,
        };
        place(1).write(&written).unwrap();
        let read = place(1).read().expect("read back");
        assert_eq!((read.build, read.salt, read.structure), (42, 7, 9));
        let plan = |jobs: &[Job], statics: &[&str]| {
            plan_hash(jobs, statics.iter().map(std::path::Path::new))
        };
        let same = plan(&[Job::Robots, Job::NoJekyll], &[]);
        assert!(read.covers(2, same));
        assert!(!read.covers(3, same), "another number of articles");
        let swapped = plan(&[Job::NoJekyll, Job::Robots], &[]);
        assert!(!read.covers(2, swapped), "the same jobs in another order");
        let with_static = plan(&[Job::Robots, Job::NoJekyll], &["index.html"]);
        assert!(!read.covers(2, with_static), "a new static file");
        assert_eq!(read.dependants.of(1), &[7]);
        assert!(place(2).read().is_none(), "another key");

        let path = dir.path().join(FILE);
        let mut bytes = std::fs::read(&path).unwrap();
        let last = bytes.len() - 1;
        bytes[last] ^= 1;
        std::fs::write(&path, &bytes).unwrap();
        assert!(place(1).read().is_none(), "a damaged snapshot");
        place(1).remove();
        assert!(!path.exists());
    }
}

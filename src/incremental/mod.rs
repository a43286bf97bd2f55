//! Everything a build keeps between builds and every decision about what to redo.
//!
//! A build asks this module four things, in this order, and each answer is a value the next
//! question needs, so the order cannot be got wrong:
//!
//! 1. **Has anything changed?** [`Inputs::read`] fingerprints every input (site.toml, the
//!    command line, templates, the size and time of every content and static file) before
//!    anything is read; [`Inputs::up_to_date`] compares it with the output's manifest (see
//!    [`crate::writer`]). Nothing changed: the build is done.
//! 2. **Which records can be reused?** [`Caches::load`] takes the records of unchanged files
//!    from the record cache ([`records`]) and has the loader parse the rest; it also reads
//!    the build snapshot ([`snapshot`]), and [`Caches::loaded`] notes whether the archive's
//!    structure is the last build's.
//! 3. **Which pages must be rendered?** [`Caches::reuse`] matches the snapshot with the
//!    output's previous build ([`crate::writer::PreviousBuild`]) and the plan, and
//!    [`render_changed`] renders only the pages whose key (see `render::key`) changed. It
//!    looks only at the pages that show a changed article when the structure and plan are
//!    the snapshot's, and only at the pages that may show something else when they are not
//!    ([`diff`] compares the archives); without a snapshot, at every page.
//! 4. **What to keep for next time?** [`Caches::save`] takes the [`crate::writer::Applied`]
//!    that only a committed output gives, so the caches are written only once the output is
//!    in place; it removes the old snapshot, writes the record cache's changed shards and
//!    then the new snapshot, in one place.
//!
//! Like every cache, these only save time: a missing, old or damaged one means more work,
//! never a wrong page, and deleting `.gazette-cache/` is always safe.

mod diff;
mod fingerprint;
mod load;
pub(crate) mod records;
pub(crate) mod snapshot;

use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};

pub(crate) use fingerprint::{keep_warnings, kept_warnings, Inputs};
pub(crate) use load::Loaded;
pub(crate) use records::FOLDER;

use crate::archive::{Archive, ArticleId, Index};
use crate::article::{Article, Bodies};
use crate::config::Config;
use crate::error::{Diagnostic, Result};
use crate::progress::Progress;
use crate::render::{each, Changes, Job, Renderer};
use crate::writer::{Applied, Output, PreviousBuild};
use snapshot::{Dependants, Place, Snapshot};

/// The caches of one load: how it uses the record cache, the changes to write to it, and the
/// last build's snapshot.
pub(crate) struct Caches {
    /// How the load uses the record cache.
    records: records::Use,
    /// The record cache's changes, when this load is to write them.
    pending: Option<records::Pending>,
    /// Where the build snapshot is kept, when this load is for a build.
    place: Option<Place>,
    /// Where the search index keeps its state, when this load is for a build.
    search: Option<crate::search::Cache>,
    /// The last build's snapshot, as read.
    snapshot: Option<Snapshot>,
    /// A hash of each article's path, in archive order (see [`diff::paths`]), once loaded.
    paths: Vec<u128>,
    /// For each article, in archive order, whether it was parsed rather than taken from the
    /// record cache: whether it may differ from the last build's.
    fresh: Vec<bool>,
    /// The archive's structure (see [`Archive::structure`]), once loaded: a hash over every
    /// article, made once per build for both the snapshot's check and the new snapshot.
    structure: u128,
}

impl Caches {
    /// The caches of the site `config` describes: read unless `force`, and kept for writing
    /// when the load is `for_build` (only a build writes them, and only a build keeps a
    /// snapshot: it goes with the output the build writes).
    pub(crate) fn open(config: &Config, force: bool, for_build: bool) -> Caches {
        let records = records::Use::new(config, !force, for_build);
        let store = for_build.then(|| records::Store::open(config, records.salt));
        let place = store.as_ref().map(|store| Place::of(store, config));
        // The search index's state goes with the records: the same key, read unless `force`.
        let search = store.map(|store| crate::search::Cache {
            dir: config.root.join(FOLDER).join("search"),
            key: store.key(),
            read: records.read,
        });
        Caches {
            records,
            pending: None,
            place,
            search,
            snapshot: None,
            paths: Vec::new(),
            fresh: Vec::new(),
            structure: 0,
        }
    }

    /// Loads `content/` (from `scan`, when the caller walked it already) through the record
    /// cache, reading the last build's snapshot meanwhile.
    pub(crate) fn load(
        &mut self,
        config: &Config,
        scan: Option<crate::loader::scan::Scan>,
    ) -> Loaded {
        let read = self.records.read;
        let (mut loaded, snapshot) = rayon::join(
            || load::load(config, self.records, scan),
            || self.place.as_ref().filter(|_| read).and_then(Place::read),
        );
        self.pending = loaded.cache.take();
        self.snapshot = snapshot;
        loaded
    }

    /// Where the search index keeps its state between builds (see `search::Cache`), for a
    /// build; None for `check`, which writes nothing.
    pub(crate) fn search_cache(&self) -> Option<&crate::search::Cache> {
        self.search.as_ref()
    }

    /// Keeps the search index for the next build (see `search::Cache`); a warning when it
    /// cannot be written (the next build then indexes every article).
    pub(crate) fn save_search(
        &self,
        indexes: &[crate::search::Index],
    ) -> Option<crate::error::Diagnostic> {
        let cache = self.search.as_ref()?;
        let error = indexes.iter().find_map(|index| index.save(cache).err())?;
        Some(
            crate::error::Diagnostic::new(
                &cache.dir,
                format!("the search index's cache was not written: {error}"),
            )
            .help("the next build indexes every article again; deleting .gazette-cache is always safe"),
        )
    }

    /// Keeps a copy of `article` as the loader made it, for an article the build is about to
    /// change (links resolved in its body) or drop (a draft): the record cache holds the
    /// loader's records, not the build's.
    pub(crate) fn keep_original(&mut self, article: &Article) {
        if let Some(pending) = &mut self.pending {
            pending.keep_original(article);
        }
    }

    /// The last build's archive indexes with the structure they were made for, for
    /// [`Archive::build_reusing`], which takes them only for an archive of that structure.
    pub(crate) fn take_index(&mut self) -> Option<(u128, &mut Index)> {
        self.snapshot.as_mut().map(Snapshot::take_index)
    }

    /// Records which articles of `archive` were parsed (`fresh`, paths relative to the site
    /// root) rather than taken from the record cache, and whether the archive has the last
    /// build's structure.
    pub(crate) fn loaded(&mut self, archive: &Archive, fresh: &[PathBuf]) {
        let fresh: std::collections::HashSet<&std::ffi::OsStr> =
            fresh.iter().map(|p| p.as_os_str()).collect();
        self.fresh = archive
            .articles()
            .iter()
            .map(|a| fresh.contains(a.path.as_os_str()))
            .collect();
        self.structure = archive.structure();
        self.paths = diff::paths(archive);
    }

    /// What of the last build's snapshot this build can use: it was made by `previous` (the
    /// output's last build, same render salt, no `--force`) with this build's `salt`. With
    /// the same structure and a plan with the hash `plan` (see [`snapshot::plan_hash`]), its
    /// dependants name the pages to look at; otherwise the archives are compared (see
    /// [`diff`]).
    pub(crate) fn reuse(
        &self,
        previous: Option<PreviousBuild>,
        salt: Option<u128>,
        articles: usize,
        plan: u128,
    ) -> Option<Reuse<'_>> {
        let previous = previous?;
        let snapshot = self.snapshot.as_ref().filter(|s| {
            salt == Some(s.salt) && previous.number() == s.build && s.describes(s.paths.len())
        })?;
        let same = snapshot.structure == self.structure && snapshot.covers(articles, plan);
        Some(Reuse {
            snapshot,
            previous,
            fresh: &self.fresh,
            paths: &self.paths,
            same,
        })
    }

    /// Writes what the next build reuses, once `applied` shows the output is in place (so a
    /// failed build writes nothing anywhere): the record cache's changed shards, then the
    /// snapshot of this build. Returns a warning when the record cache cannot be written;
    /// the snapshot is only ever left out.
    pub(crate) fn save(&self, applied: &Applied, site: &SaveSite) -> Option<Diagnostic> {
        // The snapshot's articles are those of the records it was made with: with other
        // records it would take an article from the cache for unchanged when it is not. So
        // it goes first, and a build that stops before writing its own leaves none.
        if let Some(place) = &self.place {
            place.remove();
        }
        let warning = self.pending.as_ref().and_then(|pending| {
            let (path, e) = pending
                .write(site.archive.articles().iter(), site.bodies)
                .err()?;
            Some(records::not_written(site.config, &path, &e))
        });
        let (Some(place), Some(salt)) = (&self.place, site.salt) else {
            return warning;
        };
        // Without dependants of its own, the build had the last build's plan (see
        // `render_changed`), whose dependants still hold.
        let dependants = match (&site.dependants, &self.snapshot) {
            (Some(made), _) => made,
            (None, Some(snapshot)) => &snapshot.dependants,
            (None, None) => return warning,
        };
        let snapshot = snapshot::SnapshotRef {
            build: applied.build(),
            salt,
            structure: self.structure,
            plan: site.plan,
            index: site.archive.index(),
            digests: site.digests,
            paths: &self.paths,
            bodies: &site
                .archive
                .articles()
                .iter()
                .map(|a| a.body.digest())
                .collect::<Vec<_>>(),
            dependants,
        };
        // Like the record cache, the snapshot only saves time: without one, the next build
        // makes every page key again.
        if place.write(&snapshot).is_err() {
            place.remove();
        }
        warning
    }
}

/// What [`Caches::save`] keeps of a build.
pub(crate) struct SaveSite<'a> {
    /// The site's configuration.
    pub config: &'a Config,
    /// The archive built.
    pub archive: &'a Archive,
    /// Where its bodies are read from (for the record cache's unchanged ones).
    pub bodies: &'a Bodies,
    /// The render salt.
    pub salt: Option<u128>,
    /// The hash of the plan rendered.
    pub plan: u128,
    /// Each article's view hash.
    pub digests: &'a [u128],
    /// The jobs that show each article, when the plan is not the last build's (see
    /// [`Rendered::dependants`]).
    pub dependants: Option<Dependants>,
}

/// The last build's snapshot, matched with this build (see [`Caches::reuse`]).
pub(crate) struct Reuse<'c> {
    snapshot: &'c Snapshot,
    previous: PreviousBuild,
    fresh: &'c [bool],
    paths: &'c [u128],
    /// The archive's structure and the plan are the snapshot's.
    same: bool,
}

impl Reuse<'_> {
    /// Whether the plan is the last build's (so it needs no checking again).
    pub(crate) fn same_plan(&self) -> bool {
        self.same
    }
}

/// What [`render_changed`] did.
pub(crate) struct Rendered {
    /// Jobs rendered (the others were kept as they are).
    pub count: usize,
    /// Jobs whose key was made.
    pub looked_at: usize,
    /// The jobs that show each article, for the next snapshot; None when the plan is the
    /// last build's and so are its dependants.
    pub dependants: Option<Dependants>,
}

/// Renders the jobs whose page key changed since the build in `output` (all of them on a
/// first build, after a template or site.toml change, or with `--force`) and hands each to
/// `output`.
///
/// With `reuse`, the snapshot of the build in `output`: when the archive's structure is the
/// snapshot's, only the jobs that show an article parsed again are looked at (and the jobs
/// without keys), and `output` keeps every other page as it is (see [`snapshot`]); when it
/// changed, the archives are compared ([`diff`]) and only the jobs that may show something
/// else have their keys made (see [`Renderer::must_key`]). Without it, every job's key is
/// made.
pub(crate) fn render_changed(
    renderer: &Renderer,
    jobs: &[Job],
    paths: Option<&[std::result::Result<PathBuf, String>]>,
    progress: &Progress,
    output: &mut Output,
    reuse: Option<&Reuse>,
) -> Result<Rendered> {
    use rayon::prelude::*;
    // Per job: Some(true) to make its key, Some(false) to keep its file as the last build
    // left it (made only when it has one), None to leave it out (the snapshot's plan is this
    // build's, so the output carries it over).
    let (todo, changes): (Vec<(u32, Job)>, Option<Changes>) = match reuse {
        Some(reuse) if reuse.same => {
            let keep: Vec<Option<ArticleId>> = (0..reuse.fresh.len())
                .map(|id| (!reuse.fresh[id]).then_some(id))
                .collect();
            renderer.prepare_keys(Some((&reuse.snapshot.digests, &keep)));
            let mut look = vec![false; jobs.len()];
            for (id, _) in reuse.fresh.iter().enumerate().filter(|(_, f)| **f) {
                for job in reuse.snapshot.dependants.of(id) {
                    if let Some(slot) = look.get_mut(*job as usize) {
                        *slot = true;
                    }
                }
            }
            // An article whose title changed may now be, or no longer be, the one another
            // article's "Read more" headline names: that article's page is looked at too.
            let mut referrers = std::collections::HashSet::new();
            for (id, _) in reuse.fresh.iter().enumerate().filter(|(_, f)| **f) {
                let title = &renderer.archive().articles()[id].title;
                referrers.extend(renderer.read_more_referrers(title).iter().copied());
            }
            if !referrers.is_empty() {
                for (n, job) in jobs.iter().enumerate() {
                    if matches!(job, Job::Article(a) if referrers.contains(a)) {
                        look[n] = true;
                    }
                }
            }
            output.carry_unrendered(reuse.previous);
            let todo = (0u32..)
                .zip(jobs.iter().copied())
                .filter(|(n, job)| {
                    let kind = job.kind();
                    look[*n as usize] || !kind.keyed || kind.depends_on_all
                })
                .collect();
            (todo, None)
        }
        Some(reuse) => {
            let (keep, changes) =
                diff::compare(reuse.snapshot, renderer.archive(), reuse.paths, reuse.fresh);
            renderer.prepare_keys(Some((&reuse.snapshot.digests, &keep)));
            ((0u32..).zip(jobs.iter().copied()).collect(), Some(changes))
        }
        None => {
            renderer.prepare_keys(None);
            ((0u32..).zip(jobs.iter().copied()).collect(), None)
        }
    };
    let rendered = AtomicUsize::new(0);
    let looked_at = AtomicUsize::new(0);
    let output = &*output;
    each::for_each_job(&todo, progress, |n, job| {
        let kind = job.kind();
        let made;
        let path = match paths.and_then(|p| p.get(n as usize)) {
            Some(path) => path.as_deref().ok(),
            None => {
                made = renderer.output_path(job);
                made.as_deref().ok()
            }
        };
        if let (Some(changes), Some(path)) = (&changes, path) {
            // Known to show what it showed: its file stays, if the last build made one.
            if kind.keyed && !renderer.must_key(job, changes) && output.keep_as_it_was(path) {
                return Ok(());
            }
        }
        looked_at.fetch_add(1, Ordering::Relaxed);
        let key = renderer.key(job);
        if let (Some(key), Some(path)) = (key, path) {
            if output.keep(path, key) {
                return Ok(());
            }
        }
        let artifact = renderer.render(job)?;
        rendered.fetch_add(1, Ordering::Relaxed);
        each::hand_over(renderer.config(), artifact, |artifact| {
            output.write(&artifact, key)
        })
    })?;
    let dependants = match reuse {
        Some(reuse) if reuse.same => None,
        _ => {
            let shown: Vec<(u32, Vec<ArticleId>)> = jobs
                .par_iter()
                .enumerate()
                .filter(|(_, job)| job.kind().keyed)
                .filter_map(|(n, job)| {
                    let mut ids = Vec::new();
                    renderer.shown(*job, &mut |id| ids.push(id));
                    (!ids.is_empty()).then_some((n as u32, ids))
                })
                .collect();
            Some(Dependants::new(renderer.archive().articles().len(), &shown))
        }
    };
    Ok(Rendered {
        count: rendered.into_inner(),
        looked_at: looked_at.into_inner(),
        dependants,
    })
}

/// Removes the temporary files of a gazette that died while writing the caches (issue 15):
/// `records/NN.tmp-PID` and `snapshot.tmp-PID` in [`FOLDER`], whose process is gone. Two
/// reads of small folders, so a build with nothing to do does it too.
pub(crate) fn sweep(config: &Config) {
    let folder = config.root.join(FOLDER);
    crate::fs::remove_stale_temporaries(&folder, |name| name == snapshot::FILE);
    crate::fs::remove_stale_temporaries(&folder.join(records::RECORDS), records::is_shard_name);
    crate::fs::remove_stale_temporaries(&folder.join("search"), crate::search::is_state_file);
    crate::fs::remove_stale_temporaries(&folder.join("images"), crate::images::is_cache_file);
}

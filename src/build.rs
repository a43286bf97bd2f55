//! `gazette build`: the whole pipeline, from `site.toml` to a written output folder.
//!
//! [`build`] reads as the pipeline: config → fingerprint (nothing changed: done) → load and
//! archive ([`Prepared`]) → plan → render what changed ([`incremental::render_changed`]) →
//! write ([`Output`]) → save the caches for next time. Every stage reports all of its
//! problems; the build stops before writing anything if any stage found one, and the writer
//! leaves the previous output as it was when a build fails.

use std::path::PathBuf;
use std::time::{Duration, Instant};

use rayon::prelude::*;

use crate::config::Config;
use crate::error::{Diagnostic, Result};
use crate::incremental::{self, snapshot, Inputs, SaveSite};
use crate::loader::scan::Scan;
use crate::progress::{Phase, Progress};
use crate::render::sitemap;
pub use crate::site::BuildOptions;
use crate::site::Prepared;
use crate::writer::{Output, Summary};

/// What a build did.
#[derive(Debug)]
pub struct BuildReport {
    /// Articles published.
    pub articles: usize,
    /// HTML pages rendered (articles, listings, topic pages, 404; not redirects).
    pub pages: usize,
    /// Files written: pages, feeds, sitemaps, redirects, static files.
    pub files: usize,
    /// Topics.
    pub topics: usize,
    /// Static files and page-bundle files copied.
    pub static_files: usize,
    /// The folder written.
    pub output: PathBuf,
    /// Problems that did not stop the build.
    pub warnings: Vec<Diagnostic>,
    /// Each auto topic (`auto = true` in site.toml) with the number of articles that got it
    /// by auto-tagging, in slug order; topics that gained none are listed with 0.
    pub auto_topics: Vec<(String, usize)>,
    /// Wall-clock time of the build.
    pub elapsed: Duration,
    /// Seconds spent building the search index, when search is enabled.
    pub search_seconds: Option<f64>,
    /// Files written because they were new or their bytes changed (all of them on a first
    /// build); the others were left as they were.
    pub written: usize,
    /// Files of the previous build removed because this build no longer makes them.
    pub removed: usize,
    /// Pages and files rendered; the others were kept from the previous build because their
    /// page key (everything their template is given) had not changed.
    pub rendered: usize,
    /// Pages and files whose key was made; with the build snapshot, only those showing an
    /// article that changed (see `incremental::snapshot`).
    pub looked_at: usize,
    /// Whether no input had changed since the last build, so nothing was rendered.
    pub up_to_date: bool,
    /// The time of each phase, in order: load, index, render, write.
    pub timings: Vec<Phase>,
    /// Content files read and parsed; the others' records came from the record cache (see
    /// `incremental::records`).
    pub parsed: usize,
    /// Content files whose records came from the record cache.
    pub cached: usize,
    /// Bundle images decoded, and those whose resized copies all came from the image cache.
    pub images: (usize, usize),
    /// The content files left out because they could not be loaded (`--skip-broken` or
    /// `[build] skip_broken`); their problems are among `warnings`.
    pub skipped: Vec<PathBuf>,
    /// Whether site.toml's `[build] skip_broken = true` accepts skipped files, so that they
    /// do not fail the run (see [`BuildReport::failed`]).
    pub skip_accepted: bool,
}

/// Builds the site at `options.root`, updating the output folder incrementally: only files
/// whose bytes changed are written, and nothing is rendered when no input changed (see
/// [`crate::incremental`]).
pub fn build(options: &BuildOptions) -> Result<BuildReport> {
    build_with(options, Hooks::default())
}

/// What a caller that builds again and again (`gazette serve`) adds to a build.
#[derive(Default)]
pub(crate) struct Hooks<'h> {
    /// The walk over `content/`, when the caller keeps one up to date (serve does, from its
    /// watcher's events), so the build need not walk and stat every file again.
    pub scan: Option<Scan>,
    /// Called once the output folder holds the new build, before the caches for the next
    /// build are written: serve tells open pages then.
    pub committed: Option<&'h mut dyn FnMut()>,
}

/// Builds as [`build`] does, with `hooks`.
pub(crate) fn build_with(options: &BuildOptions, hooks: Hooks) -> Result<BuildReport> {
    let started = Instant::now();
    let config = Config::load(&options.root, &options.overrides())?;
    // What an interrupted build left goes first, whatever this one has to do (issue 15).
    crate::writer::sweep(&config.output_dir);
    incremental::sweep(&config);
    // The inputs are fingerprinted before they are read, so an edit made during the build
    // makes the next build start over rather than be missed.
    let inputs = Inputs::read(&config, &options.fingerprinted(), hooks.scan);
    if let Some(previous) = inputs.up_to_date(options.now).filter(|_| !options.force) {
        // The last build's warnings are shown again: nothing changed, so they still hold.
        if let Some(warnings) = incremental::kept_warnings(&config, previous.inputs) {
            return Ok(BuildReport::up_to_date(
                previous, warnings, &config, started,
            ));
        }
    }
    let (hash, salt) = (inputs.hash, inputs.salt);
    // The output's manifest is read while the site loads; neither needs the other. A load
    // that fails drops the output unchanged.
    let output_dir = config.output_dir.clone();
    let (site, output) = rayon::join(
        || Prepared::load_with(config, options, Some((inputs.scan, inputs.theme))),
        || Output::open(&output_dir, options.force, salt),
    );
    let mut site = site?;
    let mut output = output?;
    let images = site.process_images();
    let mut timings = site.timings.clone();
    let phase = Instant::now();
    let renderer = site.renderer()?;
    timings.push(Phase::since("prepare", phase));

    let phase = Instant::now();
    let jobs = site.jobs(&renderer);
    let statics = &site.theme.static_files;
    let bundled = &site.bundle_files;
    let progress = Progress::new(
        options.progress,
        jobs.len() + statics.len() + bundled.len(),
        started,
    );
    let articles = site.archive.articles().len();
    let copied = statics.iter().chain(bundled);
    let plan = snapshot::plan_hash(&jobs, copied.map(|f| f.path.as_path()));
    let reuse = site
        .caches
        .reuse(output.previous_build(), salt, articles, plan);
    // The files of a plan the last build checked, with the same URLs (the same structure and
    // site.toml) and static files, need no checking again: at 100,000 articles that is 0.15 s.
    let paths = (!reuse.as_ref().is_some_and(incremental::Reuse::same_plan))
        .then(|| renderer.output_paths(&jobs));
    // Kept with the build's other warnings (below).
    let plan_warnings = match &paths {
        Some(paths) => site.check_plan(&renderer, &jobs, paths)?,
        None => Vec::new(),
    };
    let rendered = incremental::render_changed(
        &renderer,
        &jobs,
        paths.as_deref(),
        &progress,
        &mut output,
        reuse.as_ref(),
    )?;
    statics.par_iter().chain(bundled).try_for_each(|file| {
        progress.inc();
        output.copy_static(file)
    })?;
    timings.push(Phase::since("render", phase));

    let phase = Instant::now();
    progress.set_message("Writing");
    let counts = [
        articles,
        renderer.page_count(),
        jobs.len() + statics.len() + bundled.len(),
        site.archive.topics().len(),
        statics.len() + bundled.len(),
    ];
    let dates = site.archive.articles().iter().map(|a| a.date);
    let (now_from, now_until) =
        sitemap::news_span(dates, &site.scheduled, site.now, site.config.news_days);
    let applied = output.commit(Summary {
        inputs: hash.unwrap_or(0),
        salt: salt.unwrap_or(0),
        now_from,
        now_until,
        counts,
        build: Summary::new_build_number(),
    })?;
    if let Some(committed) = hooks.committed {
        committed();
    }
    progress.finish();
    timings.push(Phase::since("write", phase));

    let phase = Instant::now();
    let search_warning = site.caches.save_search(renderer.search_indexes());
    let cache_warning = site.caches.save(
        &applied,
        &SaveSite {
            config: &site.config,
            archive: &site.archive,
            bodies: &site.bodies,
            salt,
            plan,
            digests: renderer.digests(),
            dependants: rendered.dependants,
        },
    );
    // Kept so that a build with nothing to do shows them again (see `up_to_date` above).
    if let Some(inputs) = hash.filter(|h| *h != 0) {
        let all: Vec<Diagnostic> = site
            .warnings
            .iter()
            .chain(&plan_warnings)
            .cloned()
            .collect();
        incremental::keep_warnings(&site.config, inputs, &all);
    }
    timings.push(Phase::since("cache", phase));

    let indexes = renderer.search_indexes();
    let search_seconds =
        (!indexes.is_empty()).then(|| indexes.iter().map(|i| i.elapsed.as_secs_f64()).sum());
    drop(renderer);
    let report = BuildReport {
        articles: counts[0],
        pages: counts[1],
        files: counts[2],
        topics: counts[3],
        static_files: counts[4],
        output: site.config.output_dir.clone(),
        auto_topics: site.auto_topics(),
        warnings: std::mem::take(&mut site.warnings)
            .into_iter()
            .chain(plan_warnings)
            .chain(cache_warning)
            .chain(search_warning)
            .collect(),
        elapsed: started.elapsed(),
        search_seconds,
        written: applied.written,
        removed: applied.removed,
        rendered: rendered.count,
        looked_at: rendered.looked_at,
        up_to_date: false,
        timings,
        parsed: site.parsed,
        cached: site.cached,
        images,
        skipped: std::mem::take(&mut site.skipped),
        skip_accepted: site.config.skip_broken,
    };
    // Freeing 100,000 records is a noticeable part of a small rebuild; nothing waits for it
    // (a command-line build exits first). If no thread can be made, it happens here.
    let _ = std::thread::Builder::new().spawn(move || drop(site));
    Ok(report)
}

impl BuildReport {
    /// Whether the run fails although the site was built: `--skip-broken` left files out
    /// and site.toml does not accept that (`[build] skip_broken`), so that CI notices.
    pub fn failed(&self) -> bool {
        !self.skipped.is_empty() && !self.skip_accepted
    }

    /// The report of a build with nothing to do: the counts of the `previous` build.
    fn up_to_date(
        previous: &Summary,
        warnings: Vec<Diagnostic>,
        config: &Config,
        started: Instant,
    ) -> BuildReport {
        let [articles, pages, files, topics, static_files] = previous.counts;
        let skipped = crate::site::skipped_in(&warnings);
        BuildReport {
            articles,
            pages,
            files,
            topics,
            static_files,
            output: config.output_dir.clone(),
            warnings,
            auto_topics: Vec::new(),
            search_seconds: None,
            elapsed: started.elapsed(),
            written: 0,
            removed: 0,
            rendered: 0,
            looked_at: 0,
            up_to_date: true,
            timings: vec![Phase::since("check", started)],
            parsed: 0,
            cached: 0,
            images: (0, 0),
            skipped,
            skip_accepted: config.skip_broken,
        }
    }
}

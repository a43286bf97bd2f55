//! `gazette build`: the whole pipeline, from `site.toml` to a written output folder.
//!
//! Every stage reports all of its problems; the build stops before writing anything if any
//! stage found one, and writes through [`Staging`] so the previous output survives a failure.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use rayon::prelude::*;

use crate::archive::{Archive, ArticleId};
use crate::artifact::Artifact;
use crate::config::Config;
use crate::error::{Diagnostic, Error, Result};
use crate::incremental::{self, Output};
use crate::links;
use crate::loader;
use crate::progress::{Phase, Progress};
use crate::render::{Job, Renderer, Templates};
use crate::snapshot::{self, Dependants, Snapshot};
use crate::theme;

/// At most this many render errors are listed; the rest are counted. A broken template fails
/// every page, and 100,000 copies of one message help nobody.
const MAX_RENDER_ERRORS: usize = 20;

/// What to build, from the command line.
#[derive(Debug, Clone, Default)]
pub struct BuildOptions {
    /// The site's folder (holding `site.toml`).
    pub root: PathBuf,
    /// Write here instead of `output_dir` from `site.toml`.
    pub output: Option<PathBuf>,
    /// Include drafts.
    pub drafts: bool,
    /// Use this base URL instead of `site.toml`'s.
    pub base_url: Option<String>,
    /// The build's "now", for the news sitemap's window (default: the clock).
    pub now: Option<chrono::DateTime<chrono::FixedOffset>>,
    /// Ignore the output's manifest: render everything and compare every file with the bytes
    /// on disk (see [`crate::incremental`]).
    pub force: bool,
    /// Show a progress bar on a terminal when the build takes more than about a second.
    pub progress: bool,
}

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
    /// Static files copied.
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
    /// article that changed (see [`crate::snapshot`]).
    pub looked_at: usize,
    /// Whether no input had changed since the last build, so nothing was rendered.
    pub up_to_date: bool,
    /// The time of each phase, in order: load, index, render, write.
    pub timings: Vec<Phase>,
    /// Content files read and parsed; the others' records came from the record cache (see
    /// [`crate::loader::cache`]).
    pub parsed: usize,
    /// Content files whose records came from the record cache.
    pub cached: usize,
}

/// A site loaded, checked and ready to render: the part of the pipeline `build`, `check` and
/// `serve` share. Holding one means every input parsed, every template compiled, and every
/// `@/` link resolved; rendering can still fail per page.
pub struct Prepared {
    /// The resolved configuration, command-line overrides applied.
    pub config: Config,
    /// The theme's templates and static files, with the site's overrides.
    pub theme: theme::Theme,
    templates: Templates,
    /// The published articles, ordered and indexed.
    pub archive: Archive,
    /// Problems that did not stop loading.
    pub warnings: Vec<Diagnostic>,
    /// The build's "now", for the news sitemap.
    now: chrono::DateTime<chrono::FixedOffset>,
    /// How long loading (parsing every file) and indexing took.
    pub(crate) timings: Vec<Phase>,
    /// Content files parsed, and taken from the record cache.
    pub(crate) parsed: usize,
    pub(crate) cached: usize,
    /// The record cache's changes, when this load is to write them.
    records: Option<loader::cache::Pending>,
    /// Where the build snapshot is kept, when this load is for a build.
    place: Option<snapshot::Place>,
    /// The last build's snapshot, when the archive's structure is still that build's.
    snapshot: Option<Snapshot>,
    /// For each article, in archive order, whether it was parsed rather than taken from the
    /// record cache: whether it may differ from the last build's.
    fresh: Vec<bool>,
    /// Where the bodies of articles taken from the record cache are read from.
    bodies: crate::article::Bodies,
}

impl Prepared {
    /// Loads and checks the site at `options.root`, reporting every problem at once. Records
    /// of unchanged files come from the record cache (unless `options.force`), which this
    /// does not write.
    pub fn load(options: &BuildOptions) -> Result<Prepared> {
        Prepared::load_with(options, None, None)
    }

    /// Loads as [`Prepared::load`] does, for a build: from `scan`, the walk over `content/`
    /// the build's fingerprint was made from (and its `theme`, when given), keeping what the
    /// record cache needs to be written by [`Prepared::write_cache`] and the last build
    /// snapshot. Without `scan`, as [`Prepared::load`].
    fn load_with(
        options: &BuildOptions,
        scan: Option<loader::scan::Scan>,
        theme: Option<std::result::Result<theme::Theme, Vec<Diagnostic>>>,
    ) -> Result<Prepared> {
        let write_cache = scan.is_some();
        let started = Instant::now();
        let config = configure(options)?;
        let cache = loader::cache::Use::new(&config, !options.force, write_cache);
        // Only a build keeps a snapshot: it goes with the output the build writes.
        let place = write_cache
            .then(|| loader::cache::Store::open(&config, cache.salt))
            .flatten()
            .map(|store| snapshot::Place::of(&store, &config));

        // Templates and content are checked together so one run shows every problem, and
        // templates compile while content loads.
        let ((theme, templates), (loaded, mut previous)) = rayon::join(
            || {
                let theme = theme.unwrap_or_else(|| theme::load(&config));
                let templates = theme.as_ref().ok().map(|t| Templates::load(&config, t));
                (theme, templates)
            },
            || {
                rayon::join(
                    || loader::load_scanned(&config, cache, scan),
                    || place.as_ref().filter(|_| cache.read).and_then(|p| p.read()),
                )
            },
        );
        let load = Phase::since("load", started);
        let loaded_at = Instant::now();
        let mut errors = loaded.errors;
        let templates = match (&theme, templates) {
            (_, Some(Ok(templates))) => Some(templates),
            (_, Some(Err(problems))) => {
                errors.extend(problems);
                None
            }
            (Err(problems), _) => {
                errors.extend(problems.iter().cloned());
                None
            }
            (Ok(_), None) => None,
        };
        let mut articles = loaded.articles;
        // The cache holds records as loaded: keep a copy of the few the build changes or drops.
        let mut records = loaded.cache;
        if let Some(records) = &mut records {
            for article in &articles {
                if article.links_to_articles || (article.draft && !options.drafts) {
                    records.keep_original(article);
                }
            }
        }
        errors.extend(links::resolve(
            &config,
            &mut articles,
            &loaded.bodies,
            options.drafts,
        ));
        articles.retain(|a| options.drafts || !a.draft);
        let reuse = previous.as_mut().map(Snapshot::take_index);
        let built =
            Archive::build_reusing(articles, &config.topics, config.related_articles, reuse);
        let archive = match built {
            Ok(archive) => Some(archive),
            Err(problems) => {
                errors.extend(problems.into_iter().map(|mut d| {
                    d.path = loader::shown(&config, &d.path);
                    d
                }));
                None
            }
        };
        let timings = vec![load, Phase::since("index", loaded_at)];
        let (Ok(theme), Some(templates), Some(archive), true) =
            (theme, templates, archive, errors.is_empty())
        else {
            return Err(sorted(errors));
        };
        let now = options.now.unwrap_or_else(|| {
            chrono::Utc::now()
                .with_timezone(&config.timezone)
                .fixed_offset()
        });
        let fresh: std::collections::HashSet<&std::ffi::OsStr> =
            loaded.fresh.iter().map(|p| p.as_os_str()).collect();
        let fresh = archive
            .articles()
            .iter()
            .map(|a| fresh.contains(a.path.as_os_str()))
            .collect();
        let snapshot = previous.filter(|s| s.structure == archive.structure());
        Ok(Prepared {
            config,
            theme,
            templates,
            archive,
            warnings: loaded.warnings,
            now,
            timings,
            parsed: loaded.parsed,
            cached: loaded.cached,
            records,
            place,
            snapshot,
            fresh,
            bodies: loaded.bodies,
        })
    }

    /// Writes the shards of the record cache that loading changed. Called only once the
    /// output is in place, so a failed build writes nothing anywhere (which is also why the
    /// cache is not written as soon as files are loaded); a cache that cannot be written is a
    /// warning, never an error.
    fn write_cache(&self) -> Option<Diagnostic> {
        let records = self.records.as_ref()?;
        // The snapshot's articles are those of the records it was made with: with other
        // records it would take an article from the cache for unchanged when it is not. So it
        // goes first, and a build that stops before writing its own leaves none.
        if let Some(place) = &self.place {
            place.remove();
        }
        let (path, e) = records
            .write(self.archive.articles().iter(), &self.bodies)
            .err()?;
        let relative = path.strip_prefix(&self.config.root).unwrap_or(&path);
        Some(
            Diagnostic::new(
                loader::shown(&self.config, relative),
                format!("the record cache could not be written: {e}"),
            )
            .help(format!(
                "the next build parses the changed articles again; check the folder's permissions (deleting {} is always safe)",
                loader::cache::FOLDER
            )),
        )
    }

    /// A renderer of this site; fails when the search index cannot be made (a body could
    /// not be read).
    pub fn renderer(&self) -> Result<Renderer<'_>> {
        Renderer::new(
            &self.config,
            &self.archive,
            &self.bodies,
            &self.templates,
            self.now,
        )
        .map_err(|d| Error::Content(vec![d]))
    }

    /// Each auto topic (`auto = true`) with the number of articles it gained by auto-tagging.
    pub fn auto_topics(&self) -> Vec<(String, usize)> {
        self.config
            .topics
            .decls()
            .iter()
            .filter(|d| d.auto)
            .map(|d| {
                let gained = self
                    .archive
                    .topics()
                    .iter()
                    .find(|t| t.declared && t.slug == d.slug)
                    .map_or(0, |t| t.inferred);
                (d.name.clone(), gained)
            })
            .collect()
    }

    /// Every file to render, after checking that no two outputs share a file.
    pub fn plan(&self, renderer: &Renderer) -> Result<Vec<Job>> {
        let jobs = self.jobs(renderer);
        self.check_plan(renderer, &jobs)?;
        Ok(jobs)
    }

    /// Every file to render, not yet checked (see [`Prepared::check_plan`]).
    fn jobs(&self, renderer: &Renderer) -> Vec<Job> {
        // A static file replaces a generated file (robots.txt, a feed, a sitemap) at the same
        // path: the user wrote it on purpose. Pages are not replaced; that is an error below.
        let statics: std::collections::HashSet<&Path> = self
            .theme
            .static_files
            .iter()
            .map(|f| f.path.as_path())
            .collect();
        renderer
            .plan()
            .into_iter()
            .filter(|job| {
                job.is_page()
                    || renderer
                        .output_path(*job)
                        .map_or(true, |p| !statics.contains(p.as_path()))
            })
            .collect()
    }

    /// Checks that no two of `jobs`, nor a job and a static file, are written to one file.
    fn check_plan(&self, renderer: &Renderer, jobs: &[Job]) -> Result<()> {
        check_output_paths(
            &self.config,
            &self.archive,
            renderer,
            jobs,
            &self.theme.static_files,
        )
    }

    /// A hash of the plan `jobs` and of the static files' paths (see [`snapshot::plan_hash`]).
    fn plan_hash(&self, jobs: &[Job]) -> u128 {
        snapshot::plan_hash(
            jobs,
            self.theme.static_files.iter().map(|f| f.path.as_path()),
        )
    }

    /// Renders every job in parallel and hands each page to `sink`, which may be called from
    /// many threads at once. Every failure is collected (up to a cap); nothing is kept in
    /// memory beyond the page being handed over.
    pub fn render_each(
        &self,
        renderer: &Renderer,
        jobs: &[Job],
        sink: impl Fn(Artifact) -> Result<()> + Sync,
    ) -> Result<()> {
        let progress = Progress::new(false, 0, Instant::now());
        let jobs: Vec<(u32, Job)> = (0u32..).zip(jobs.iter().copied()).collect();
        self.for_each_job(&jobs, &progress, |_, job| {
            let artifact = renderer.render(job)?;
            self.hand_over(artifact, &sink)
        })
    }

    /// Renders the jobs whose page key changed since the build in `output` (all of them on a
    /// first build, after a template or site.toml change, or with `--force`) and hands each
    /// to `output`.
    ///
    /// With `previous`, the snapshot of the build in `output` when that build had this one's
    /// structure and render salt, only the jobs that show an article parsed again are looked
    /// at (and the jobs without keys); `output` keeps every other page as it is (see
    /// [`crate::snapshot`]). Without it, every job's key is made, and what each job shows is
    /// returned for the next snapshot.
    fn render_changed(
        &self,
        renderer: &Renderer,
        jobs: &[Job],
        progress: &Progress,
        output: &mut Output,
        previous: Option<&Snapshot>,
    ) -> Result<Rendered> {
        renderer.prepare_keys(previous.map(|s| (s.digests.as_slice(), self.fresh.as_slice())));
        let todo: Vec<(u32, Job)> = match previous {
            Some(snapshot) => {
                let mut look = vec![false; jobs.len()];
                for (id, _) in self.fresh.iter().enumerate().filter(|(_, f)| **f) {
                    for job in snapshot.dependants.of(id) {
                        if let Some(slot) = look.get_mut(*job as usize) {
                            *slot = true;
                        }
                    }
                }
                output.carry_unrendered();
                (0u32..)
                    .zip(jobs.iter().copied())
                    .filter(|(n, job)| {
                        look[*n as usize]
                            || !Renderer::has_key(*job)
                            || renderer.depends_on_all(*job)
                    })
                    .collect()
            }
            None => (0u32..).zip(jobs.iter().copied()).collect(),
        };
        let rendered = std::sync::atomic::AtomicUsize::new(0);
        let shown = std::sync::Mutex::new(Vec::with_capacity(match previous {
            Some(_) => 0,
            None => jobs.len(),
        }));
        let output = &*output;
        self.for_each_job(&todo, progress, |n, job| {
            let (key, articles) = renderer.key_and_shown(job);
            if previous.is_none() && !articles.is_empty() {
                shown
                    .lock()
                    .unwrap_or_else(|e| e.into_inner())
                    .push((n, articles));
            }
            if let (Some(key), Ok(path)) = (key, renderer.output_path(job)) {
                if output.keep(&path, key) {
                    return Ok(());
                }
            }
            let artifact = renderer.render(job)?;
            rendered.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            self.hand_over(artifact, |artifact| output.write(&artifact, key))
        })?;
        Ok(Rendered {
            count: rendered.into_inner(),
            looked_at: todo.len(),
            shown: previous
                .is_none()
                .then(|| shown.into_inner().unwrap_or_else(|e| e.into_inner())),
        })
    }

    /// Runs `each` on every job in parallel, counting them in `progress`, and collects every
    /// failure (up to a cap).
    fn for_each_job(
        &self,
        jobs: &[(u32, Job)],
        progress: &Progress,
        each: impl Fn(u32, Job) -> std::result::Result<(), Diagnostic> + Sync,
    ) -> Result<()> {
        let failures: Vec<Diagnostic> = jobs
            .par_iter()
            .filter_map(|(n, job)| {
                let result = each(*n, *job);
                progress.inc();
                result.err()
            })
            .collect();
        if failures.is_empty() {
            Ok(())
        } else {
            Err(capped(failures))
        }
    }

    /// Hands a rendered file to `sink`; its failure becomes a diagnostic naming the file.
    fn hand_over(
        &self,
        artifact: Artifact,
        sink: impl FnOnce(Artifact) -> Result<()>,
    ) -> std::result::Result<(), Diagnostic> {
        let path = self.config.output_dir.join(&artifact.path);
        sink(artifact).map_err(|e| Diagnostic::new(path, e.to_string()))
    }
}

/// What [`Prepared::render_changed`] did.
struct Rendered {
    /// Jobs rendered (the others were kept as they are).
    count: usize,
    /// Jobs whose key was made.
    looked_at: usize,
    /// For every job with a key that shows articles, its position in the plan and those
    /// articles; None when the snapshot's were used.
    shown: Option<Vec<(u32, Vec<ArticleId>)>>,
}

/// Builds the site at `options.root`, updating the output folder incrementally: only files
/// whose bytes changed are written, and nothing is rendered when no input changed (see
/// [`crate::incremental`]).
pub fn build(options: &BuildOptions) -> Result<BuildReport> {
    let started = Instant::now();
    // The inputs are fingerprinted before they are read, so an edit made during the build
    // makes the next build start over rather than be missed.
    let mut inputs = incremental::inputs(options)?;
    if !options.force {
        if let Some(report) = incremental::up_to_date(&inputs, options.now, started) {
            return Ok(report);
        }
    }
    let scan = std::mem::take(&mut inputs.scan);
    let theme = inputs.theme.take();
    // The output's manifest is read while the site loads; neither needs the other. A load
    // that fails drops the output unchanged.
    let (site, output) = rayon::join(
        || Prepared::load_with(options, Some(scan), theme),
        || Output::open(inputs.output(), options.force, inputs.salt),
    );
    let mut site = site?;
    let mut output = output?;
    let mut timings = site.timings.clone();
    let phase = Instant::now();
    let renderer = site.renderer()?;
    timings.push(Phase::since("prepare", phase));
    let jobs = site.jobs(&renderer);

    let phase = Instant::now();
    let progress = Progress::new(
        options.progress,
        jobs.len() + site.theme.static_files.len(),
        started,
    );
    let articles = site.archive.articles().len();
    let plan = site.plan_hash(&jobs);
    let previous = site.snapshot.as_ref().filter(|s| {
        inputs.salt == Some(s.salt)
            && output.previous_build() == Some(s.build)
            && s.covers(articles, plan)
    });
    // The files of a plan the last build checked, with the same URLs (the same structure and
    // site.toml) and static files, need no checking again: at 100,000 articles that is 0.15 s.
    if previous.is_none() {
        site.check_plan(&renderer, &jobs)?;
    }
    let rendered = site.render_changed(&renderer, &jobs, &progress, &mut output, previous)?;
    site.theme.static_files.par_iter().try_for_each(|file| {
        progress.inc();
        output.copy_static(file)
    })?;
    timings.push(Phase::since("render", phase));

    let phase = Instant::now();
    progress.set_message("Writing");
    let counts = [
        site.archive.articles().len(),
        renderer.page_count(),
        jobs.len() + site.theme.static_files.len(),
        site.archive.topics().len(),
        site.theme.static_files.len(),
    ];
    let (now_from, now_until) = incremental::news_window(
        site.archive.articles().iter().map(|a| a.date),
        site.now,
        site.config.news_days,
    );
    let build = incremental::Summary::new_build_number();
    let applied = output.commit(incremental::Summary {
        inputs: inputs.hash.unwrap_or(0),
        salt: inputs.salt.unwrap_or(0),
        now_from,
        now_until,
        counts,
        build,
    })?;
    progress.finish();
    timings.push(Phase::since("write", phase));

    let phase = Instant::now();
    let cache_warning = site.write_cache();
    let made = rendered
        .shown
        .map(|shown| Dependants::new(articles, &shown));
    let dependants = made.as_ref().or(previous.map(|s| &s.dependants));
    if let Some(place) = &site.place {
        let snapshot =
            inputs
                .salt
                .zip(dependants)
                .map(|(salt, dependants)| snapshot::SnapshotRef {
                    build,
                    salt,
                    structure: site.archive.structure(),
                    plan,
                    index: site.archive.index(),
                    digests: renderer.digests(),
                    dependants,
                });
        // Like the record cache, the snapshot only saves time: without one, the next build
        // makes every page key again.
        if snapshot.is_none_or(|s| place.write(&s).is_err()) {
            place.remove();
        }
    }
    timings.push(Phase::since("cache", phase));

    let search_seconds = renderer
        .search_index()
        .map(|index| index.elapsed.as_secs_f64());
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
            .chain(cache_warning)
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
    };
    // Freeing 100,000 records is a noticeable part of a small rebuild; nothing waits for it
    // (a command-line build exits first). If no thread can be made, it happens here.
    let _ = std::thread::Builder::new().spawn(move || drop(site));
    Ok(report)
}

/// Reads `site.toml` and applies the command line's overrides.
pub(crate) fn configure(options: &BuildOptions) -> Result<Config> {
    let root = if options.root.as_os_str().is_empty() {
        Path::new(".")
    } else {
        &options.root
    };
    let mut config = Config::from_root(root)?;
    if let Some(url) = &options.base_url {
        config.set_base_url(url)?;
    }
    if let Some(output) = &options.output {
        config.set_output_dir(output.clone());
    }
    check_output_is_not_an_input(&config)?;
    Ok(config)
}

/// The output folder must not be the site, hold the site, or sit among its inputs; the marker
/// check in the writer would refuse such a folder too, but this says why.
fn check_output_is_not_an_input(config: &Config) -> Result<()> {
    // The site root is `""` when gazette runs in the site's folder; absolute("") is an error,
    // so resolve against the current folder explicitly.
    let cwd = std::env::current_dir().map_err(|e| Error::io(".", e))?;
    let absolute = |p: &Path| normalise(&cwd.join(p));
    let output = absolute(&config.output_dir);
    let root = absolute(&config.root);
    let inputs = ["content", "static", "templates", "themes"].map(|d| root.join(d));
    if root.starts_with(&output) || inputs.iter().any(|i| output.starts_with(i)) {
        return Err(Error::Output {
            path: config.output_dir.clone(),
            message: "is the site folder, holds it, or is one of its input folders; choose a folder of its own, e.g. public".into(),
        });
    }
    Ok(())
}

/// Resolves `.` and `..` without touching the disk: the output folder may not exist yet.
fn normalise(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for component in path.components() {
        match component {
            std::path::Component::CurDir => {}
            std::path::Component::ParentDir => {
                out.pop();
            }
            other => out.push(other),
        }
    }
    out
}

/// Two pages, or a page and a static file, must not be written to the same file.
fn check_output_paths(
    config: &Config,
    archive: &Archive,
    renderer: &Renderer,
    jobs: &[Job],
    static_files: &[theme::StaticFile],
) -> Result<()> {
    let mut owners: HashMap<PathBuf, Job> = HashMap::with_capacity(jobs.len());
    let mut problems = Vec::new();
    let describe = |job: Job| match job {
        Job::Article(id) => format!(
            "the article {}",
            loader::shown(config, &archive.articles()[id].path).display()
        ),
        Job::Home(1) => "the home page".to_string(),
        Job::Home(n) => format!("page {n} of the home page"),
        Job::Topics => "the topic index".to_string(),
        Job::Topic(id, _) => format!("the page of topic \"{}\"", archive.topics()[id].name),
        Job::NotFound => "the 404 page".to_string(),
        Job::Alias(id, n) => format!(
            "the alias {} of {}",
            archive.articles()[id].aliases[n],
            loader::shown(config, &archive.articles()[id].path).display()
        ),
        other => format!("the generated page {}", renderer.url(other)),
    };
    for job in jobs {
        let path = match renderer.output_path(*job) {
            Ok(path) => path,
            Err(why) => {
                problems.push(Diagnostic::new(&config.output_dir, why));
                continue;
            }
        };
        if let Some(first) = owners.insert(path.clone(), *job) {
            // Prefer to blame an alias, then an article: those the user can change.
            let rank = |j: &Job| match j {
                Job::Alias(..) => 0,
                Job::Article(_) => 1,
                _ => 2,
            };
            let (blamed, other) = if rank(job) <= rank(&first) {
                (*job, first)
            } else {
                (first, *job)
            };
            let file = match blamed {
                Job::Article(id) | Job::Alias(id, _) => {
                    loader::shown(config, &archive.articles()[id].path)
                }
                _ => config.root.join(crate::config::CONFIG_FILE),
            };
            problems.push(
                Diagnostic::new(
                    file,
                    format!(
                        "{} and {} would both be written to {}",
                        describe(blamed),
                        describe(other),
                        path.display()
                    ),
                )
                .help("give the article a different `slug`, or change `permalink` in site.toml"),
            );
        }
    }
    for file in static_files {
        if let Some(job) = owners.get(&file.path) {
            let origin = match &file.source {
                theme::StaticSource::Disk(path) => path.clone(),
                theme::StaticSource::BuiltIn(name) => PathBuf::from(name),
            };
            problems.push(
                Diagnostic::new(
                    origin,
                    format!(
                        "this static file and {} would both be written to {}",
                        describe(*job),
                        file.path.display()
                    ),
                )
                .help("rename or remove the static file"),
            );
        }
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(sorted(problems))
    }
}

/// Diagnostics in file order, then line order, so output is stable across runs.
fn sorted(mut problems: Vec<Diagnostic>) -> Error {
    problems.sort_by(|a, b| {
        a.path
            .cmp(&b.path)
            .then(a.line.cmp(&b.line))
            .then(a.column.cmp(&b.column))
    });
    Error::Content(problems)
}

fn capped(mut problems: Vec<Diagnostic>) -> Error {
    let total = problems.len();
    problems.truncate(MAX_RENDER_ERRORS);
    if total > MAX_RENDER_ERRORS {
        let last = problems[MAX_RENDER_ERRORS - 1].path.clone();
        problems.push(Diagnostic::new(
            last,
            format!(
                "…and {} more pages failed to render",
                total - MAX_RENDER_ERRORS
            ),
        ));
    }
    sorted(problems)
}

//! A site loaded, checked and ready to render: the part of the pipeline `build`, `check` and
//! `serve` share.
//!
//! [`Prepared::load`] reads the theme and compiles its templates while `content/` loads
//! (through the record cache: see [`crate::incremental`]), resolves `@/` links and builds the
//! [`Archive`]; every problem of every stage is reported at once. What it holds renders in
//! memory ([`Prepared::render_each`]); only `build` writes, through the writer.

use std::path::PathBuf;
use std::time::Instant;

use crate::archive::Archive;
use crate::article::{Article, Bodies};
use crate::artifact::Artifact;
use crate::config::{Config, Overrides};
use crate::error::{Diagnostic, Error, Result};
use crate::incremental::Caches;
use crate::links;
use crate::loader;
use crate::progress::{Phase, Progress};
use crate::render::{each, Job, Renderer, Templates};
use crate::schedule::Schedule;
use crate::theme::{self, Theme};

/// A theme as loaded, or every problem that stopped it.
type ThemeResult = std::result::Result<Theme, Vec<Diagnostic>>;

/// A site loaded, checked and ready to render. Holding one means every input parsed, every
/// template compiled, and every `@/` link resolved; rendering can still fail per page.
pub struct Prepared {
    /// The resolved configuration, command-line overrides applied.
    pub config: Config,
    /// The theme's templates and static files, with the site's overrides.
    pub theme: Theme,
    templates: Templates,
    /// The published articles, ordered and indexed.
    pub archive: Archive,
    /// Where the bodies of articles taken from the record cache are read from.
    pub(crate) bodies: Bodies,
    /// The files of the published articles' page bundles, copied beside their pages (see
    /// [`crate::loader::bundle`]).
    pub(crate) bundle_files: Vec<theme::StaticFile>,
    /// The images of the published articles' page bundles that the build processes (see
    /// [`crate::images`]); with `[images] process = false`, none: they are `bundle_files`.
    pub(crate) images: Vec<crate::images::Source>,
    /// Problems that did not stop loading.
    pub warnings: Vec<Diagnostic>,
    /// The build's "now", for the news sitemap and scheduled articles.
    pub(crate) now: chrono::DateTime<chrono::FixedOffset>,
    /// The instants nearest `now` at which the clock changes which articles are shown (see
    /// [`Schedule::nearest`]), for the build's manifest.
    pub(crate) scheduled: Vec<chrono::DateTime<chrono::FixedOffset>>,
    /// How long loading (parsing every file) and indexing took.
    pub(crate) timings: Vec<Phase>,
    /// The content files left out because they could not be loaded (`--skip-broken` or
    /// `[build] skip_broken`), as shown in messages; their problems are among `warnings`.
    pub skipped: Vec<PathBuf>,
    /// Content files parsed, and taken from the record cache.
    pub(crate) parsed: usize,
    pub(crate) cached: usize,
    /// What a build keeps between builds (record cache, snapshot), for a load made to write
    /// them.
    pub(crate) caches: Caches,
}

/// What to build, from the command line.
#[derive(Debug, Clone, Default)]
pub struct BuildOptions {
    /// The site's folder (holding `site.toml`).
    pub root: PathBuf,
    /// Write here instead of `output_dir` from `site.toml`.
    pub output: Option<PathBuf>,
    /// Include drafts.
    pub drafts: bool,
    /// Include articles whose publish date is after now (`--future`).
    pub future: bool,
    /// Include articles whose expiry date has passed (`--expired`).
    pub expired: bool,
    /// Use this base URL instead of `site.toml`'s.
    pub base_url: Option<String>,
    /// The build's "now", for the news sitemap's window and scheduled articles (default: the
    /// clock).
    pub now: Option<chrono::DateTime<chrono::FixedOffset>>,
    /// Ignore the output's manifest: render everything and compare every file with the bytes
    /// on disk (see [`crate::incremental`]).
    pub force: bool,
    /// Show a progress bar on a terminal when the build takes more than about a second.
    pub progress: bool,
    /// Leave out the content files that cannot be loaded, reporting their problems as
    /// warnings, and build the rest (`--skip-broken`; `[build] skip_broken` in site.toml does
    /// the same). See [`BuildReport::failed`](crate::BuildReport::failed) for the exit code.
    pub skip_broken: bool,
}

impl BuildOptions {
    /// The options that change a build's output, as the input fingerprint takes them.
    /// `--now` is not among them (the news window and the scheduled articles' nearest dates
    /// are kept in the output's summary instead), nor `--out` (where the manifest lives).
    pub(crate) fn fingerprinted(&self) -> String {
        format!(
            "drafts={} future={} expired={} base_url={:?} skip_broken={}",
            self.drafts, self.future, self.expired, self.base_url, self.skip_broken
        )
    }

    /// The command line's changes to `site.toml`.
    pub(crate) fn overrides(&self) -> Overrides {
        Overrides {
            base_url: self.base_url.clone(),
            output: self.output.clone(),
        }
    }
}

/// What the build says of a file it left out, after the file's own problems.
pub(crate) const SKIPPED: &str = "skipped: this file is left out of the site (skip_broken)";

/// The files a build skipped, named by its warnings: a build with nothing to do has only the
/// last build's warnings to go by (nothing changed, so they are skipped still).
pub(crate) fn skipped_in(warnings: &[Diagnostic]) -> Vec<PathBuf> {
    warnings
        .iter()
        .filter(|w| w.message == SKIPPED)
        .map(|w| w.path.clone())
        .collect()
}

/// Sorts the problems of the files that could not be loaded (`broken`, file by file): errors
/// that stop the build, or, when `skip` is set, warnings, each file's followed by a note that
/// it was left out. Returns the files left out. Issue 20: one broken file among thousands
/// should not keep the rest of an imported archive from being published, but only when the
/// user asks, so the default stays strict.
fn skip_broken(
    skip: bool,
    broken: Vec<Vec<Diagnostic>>,
    errors: &mut Vec<Diagnostic>,
    warnings: &mut Vec<Diagnostic>,
) -> Vec<PathBuf> {
    if !skip {
        errors.extend(broken.into_iter().flatten());
        return Vec::new();
    }
    let mut skipped = Vec::with_capacity(broken.len());
    for problems in broken {
        let Some(path) = problems.first().map(|d| d.path.clone()) else {
            continue;
        };
        warnings.extend(problems);
        warnings.push(Diagnostic::new(&path, SKIPPED).help(
            "fix the problems above and build again: the file is read again on every build until it loads",
        ));
        skipped.push(path);
    }
    skipped.sort();
    skipped
}

/// A warning for each language articles are written in that site.toml does not configure:
/// its pages are made with the defaults (the site's title, `/<code>/` in front of its URLs),
/// which is likely not what the site wants for good.
fn unconfigured_languages(config: &Config, archive: &Archive) -> Vec<Diagnostic> {
    archive
        .languages()
        .iter()
        .filter(|l| config.languages.find(&l.code).is_none())
        .map(|l| {
            let example = l
                .articles
                .first()
                .map(|a| loader::shown(config, &archive.articles()[*a].path));
            let example = example.map_or_else(String::new, |p| format!(", e.g. {}", p.display()));
            Diagnostic::new(
                config.root.join(crate::config::CONFIG_FILE),
                format!(
                    "{} article{} in language `{}`{example}, which site.toml does not configure: its pages are under /{}/ with the site's title",
                    l.articles.len(),
                    if l.articles.len() == 1 { " is" } else { "s are" },
                    l.code,
                    l.code
                ),
            )
            .help(format!(
                "add [languages.{}] with its title (and description) to site.toml, or give the articles another `lang`",
                l.code
            ))
        })
        .collect()
}

impl Prepared {
    /// Loads and checks the site at `options.root`, reporting every problem at once. Records
    /// of unchanged files come from the record cache (unless `options.force`), which this
    /// does not write.
    pub fn load(options: &BuildOptions) -> Result<Prepared> {
        let config = Config::load(&options.root, &options.overrides())?;
        Prepared::load_with(config, options, None)
    }

    /// Loads as [`Prepared::load`] does, with `options`; for a build, `inputs` is what its
    /// fingerprint read already (the walk over `content/` and the theme), and the load keeps
    /// what the build needs to write its caches (see [`Caches`]).
    pub(crate) fn load_with(
        config: Config,
        options: &BuildOptions,
        inputs: Option<(loader::scan::Scan, ThemeResult)>,
    ) -> Result<Prepared> {
        Prepared::load_links(config, options, inputs, false).map(|(site, _)| site)
    }

    /// Loads as [`Prepared::load`] does, but a `@/` link to no published article does not
    /// stop it: those problems are returned beside the site (their links left as written),
    /// so that `check` goes on to check every other link (issue 19).
    pub(crate) fn load_for_check(options: &BuildOptions) -> Result<(Prepared, Vec<Diagnostic>)> {
        let config = Config::load(&options.root, &options.overrides())?;
        Prepared::load_links(config, options, None, true)
    }

    /// The load itself; with `defer_links`, broken `@/` links are returned rather than
    /// failing it.
    fn load_links(
        config: Config,
        options: &BuildOptions,
        inputs: Option<(loader::scan::Scan, ThemeResult)>,
        defer_links: bool,
    ) -> Result<(Prepared, Vec<Diagnostic>)> {
        let started = Instant::now();
        let for_build = inputs.is_some();
        let (scan, theme) = inputs.unzip();
        let mut caches = Caches::open(&config, options.force, for_build);
        // Templates and content are checked together so one run shows every problem, and
        // templates compile while content loads.
        let ((theme, templates), loaded) = rayon::join(
            || {
                let theme = theme.unwrap_or_else(|| theme::load(&config));
                let templates = theme.as_ref().ok().map(|t| Templates::load(&config, t));
                (theme, templates)
            },
            || caches.load(&config, scan),
        );
        let load_phase = Phase::since("load", started);
        let loaded_at = Instant::now();
        let mut errors = loaded.errors;
        let mut warnings = loaded.warnings;
        let skipped = skip_broken(
            options.skip_broken || config.skip_broken,
            loaded.broken,
            &mut errors,
            &mut warnings,
        );
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
        let now = options.now.unwrap_or_else(|| {
            chrono::Utc::now()
                .with_timezone(&config.timezone)
                .fixed_offset()
        });
        let schedule = Schedule {
            now,
            future: options.future,
            expired: options.expired,
        };
        let left_out = |a: &Article| (a.draft && !options.drafts) || !schedule.shows(a);
        // The cache holds records as loaded: keep a copy of the few the build changes or drops.
        for article in &articles {
            if article.links_to_articles || left_out(article) {
                caches.keep_original(article);
            }
        }
        let scheduled = schedule.nearest(articles.iter().filter(|a| options.drafts || !a.draft));
        let broken_links = links::resolve(&config, &mut articles, &loaded.bodies, options.drafts);
        let deferred = match defer_links {
            true => broken_links,
            false => {
                errors.extend(broken_links);
                Vec::new()
            }
        };
        articles.retain(|a| !left_out(a));
        let codes: Vec<String> = config
            .languages
            .all()
            .iter()
            .map(|l| l.code.clone())
            .collect();
        let built = Archive::build_reusing(
            articles,
            &config.topics,
            config.related_articles,
            &codes,
            caches.take_index(),
        );
        let archive = match built {
            Ok(archive) => {
                let outputs = crate::loader::bundle::outputs(&config, archive.articles());
                errors.extend(outputs.problems);
                Some((archive, outputs.files, outputs.images))
            }
            Err(problems) => {
                errors.extend(problems.into_iter().map(|mut d| {
                    d.path = loader::shown(&config, &d.path);
                    d
                }));
                None
            }
        };
        let timings = vec![load_phase, Phase::since("index", loaded_at)];
        let (Ok(theme), Some(templates), Some((archive, bundle_files, images)), true) =
            (theme, templates, archive, errors.is_empty())
        else {
            errors.extend(deferred);
            return Err(Error::sorted(errors));
        };
        caches.loaded(&archive, &loaded.fresh);
        warnings.extend(unconfigured_languages(&config, &archive));
        let site = Prepared {
            config,
            theme,
            templates,
            archive,
            bodies: loaded.bodies,
            bundle_files,
            images,
            warnings,
            skipped,
            now,
            scheduled,
            timings,
            parsed: loaded.parsed,
            cached: loaded.cached,
            caches,
        };
        Ok((site, deferred))
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
            self.caches.search_cache(),
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

    /// Every file to render, after checking that no two outputs share a file, with the
    /// warnings of that check (see [`Prepared::check_plan`]).
    pub fn plan(&self, renderer: &Renderer) -> Result<(Vec<Job>, Vec<Diagnostic>)> {
        let jobs = self.jobs(renderer);
        let warnings = self.check_plan(renderer, &jobs, &renderer.output_paths(&jobs))?;
        Ok((jobs, warnings))
    }

    /// Every file to render, not yet checked (see [`Prepared::check_plan`]). A static file
    /// replaces a generated file (robots.txt, a feed, a sitemap) at the same path: the user
    /// wrote it on purpose. Pages are not replaced; that is an error of the check.
    pub(crate) fn jobs(&self, renderer: &Renderer) -> Vec<Job> {
        let statics: std::collections::HashSet<&std::path::Path> = self
            .theme
            .static_files
            .iter()
            .map(|f| f.path.as_path())
            .collect();
        // A file's name first: at 100,000 articles most of the feeds' and search texts'
        // paths need not be made on every build to learn that no static file has them.
        let names: std::collections::HashSet<&str> = (statics.iter())
            .filter_map(|path| path.file_name()?.to_str())
            .collect();
        renderer
            .plan()
            .into_iter()
            .filter(|job| {
                match job {
                    _ if job.kind().html => return true,
                    Job::Feed(_, format) if !names.contains(format.file_name()) => return true,
                    _ => {}
                }
                let url = renderer.url(*job);
                let name = url.rsplit('/').next().unwrap_or_default();
                !names.contains(name)
                    || crate::artifact::output_path(&url)
                        .map_or(true, |p| !statics.contains(p.as_path()))
            })
            .collect()
    }

    /// Checks that no two of `jobs` (written to `paths`, see [`Renderer::output_paths`]), nor
    /// a job and a static file, are written to one file, and that every name can be copied to
    /// any host ([`Renderer::unportable_names`]): those are warnings, returned, unless
    /// `[build] portable_names` makes them errors.
    pub(crate) fn check_plan(
        &self,
        renderer: &Renderer,
        jobs: &[Job],
        paths: &[std::result::Result<std::path::PathBuf, String>],
    ) -> Result<Vec<Diagnostic>> {
        let shown = |path: &std::path::Path| loader::shown(&self.config, path);
        // Bundle files are written beside their articles' pages as static files are, and so
        // are the resized copies of their images (named here by their originals).
        let images = self.image_outputs();
        let statics: Vec<&theme::StaticFile> = (self.theme.static_files.iter())
            .chain(&self.bundle_files)
            .chain(&images)
            .collect();
        let mut problems = renderer.collisions(jobs, paths, &statics, shown);
        let unportable = renderer.unportable_names(jobs, paths, &statics, shown);
        let warnings = match self.config.portable_names {
            true => {
                problems.extend(unportable);
                Vec::new()
            }
            false => unportable,
        };
        match problems.is_empty() {
            true => Ok(warnings),
            false => Err(Error::sorted(problems)),
        }
    }

    /// Processes the images of the published articles' bundles (see [`crate::images`])
    /// through the cache in `.gazette-cache/images/`: their files join the bundle files to
    /// copy, their problems the warnings. Returns how many images were decoded and how many
    /// came wholly from the cache.
    pub(crate) fn process_images(&mut self) -> (usize, usize) {
        let started = Instant::now();
        let folder = self.config.root.join(crate::incremental::FOLDER);
        let processed =
            crate::images::process(&self.config.images, &self.images, &folder.join("images"));
        self.bundle_files.extend(processed.files);
        self.warnings.extend(processed.warnings);
        self.timings.push(Phase::since("images", started));
        (processed.decoded, processed.cached)
    }

    /// Every file the image stage will write, each named by the image it comes from: what
    /// the plan's checks need, without processing any image.
    pub(crate) fn image_outputs(&self) -> Vec<theme::StaticFile> {
        let mut files = Vec::new();
        for source in &self.images {
            let variants = crate::images::variants(source, &self.config.images);
            let paths = variants
                .into_iter()
                .map(|v| v.path)
                .chain([source.output.clone()]);
            files.extend(paths.map(|path| theme::StaticFile {
                path,
                source: theme::StaticSource::Disk(source.file.clone()),
            }));
        }
        files
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
        each::for_each_job(&jobs, &progress, |_, job| {
            let artifact = renderer.render(job)?;
            each::hand_over(&self.config, artifact, &sink)
        })
    }
}

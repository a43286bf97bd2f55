//! The `gazette` command: parses arguments, calls the library, sets the exit code.

use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::atomic::{AtomicBool, Ordering};

use clap::{Parser, Subcommand};
use gazette::wording::plural;

// glibc's malloc took about a third of a build's CPU time (many small strings per page, across
// threads); mimalloc halves that and keeps peak memory lower (issue 7).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// A static site generator for news archives.
#[derive(Parser)]
#[command(name = "gazette", version, about, long_about = None)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Build the site into its output folder (public/ by default).
    Build {
        /// The site's folder, holding site.toml.
        #[arg(long, default_value = ".", value_name = "DIR")]
        root: PathBuf,
        /// Write the site here instead of output_dir from site.toml.
        #[arg(long, value_name = "DIR")]
        out: Option<PathBuf>,
        /// Include articles marked draft = true.
        #[arg(long)]
        drafts: bool,
        /// Include articles dated in the future (their publishDate, else their date, after now).
        #[arg(long)]
        future: bool,
        /// Include articles whose expiryDate has passed.
        #[arg(long)]
        expired: bool,
        /// Use this base URL instead of base_url from site.toml (for preview deploys).
        #[arg(long, value_name = "URL")]
        base_url: Option<String>,
        /// Build as if it were this time (RFC 3339 or YYYY-MM-DD), for the news sitemap's
        /// window of recent articles and which scheduled articles are published.
        #[arg(long, value_name = "DATE", value_parser = parse_now)]
        now: Option<chrono::DateTime<chrono::FixedOffset>>,
        /// Also report how many articles each auto topic gained.
        #[arg(long, short)]
        verbose: bool,
        /// Ignore the output's manifest: render every page and compare every file with the
        /// bytes on disk (repairs files edited or deleted by hand).
        #[arg(long)]
        force: bool,
        /// Print nothing but errors and warnings: no progress bar, no summary line.
        #[arg(long, short, conflicts_with = "verbose")]
        quiet: bool,
        /// Print the time each phase took: load, index, render, write.
        #[arg(long)]
        timings: bool,
        /// Leave out content files that cannot be loaded (reported as warnings) and build
        /// the rest; exits with 1 when files were skipped, unless site.toml has [build]
        /// skip_broken = true.
        #[arg(long)]
        skip_broken: bool,
    },
    /// Import articles (Markdown, raw text saved from news pages, saved web pages) into
    /// content/ as normalised Markdown files, content/YYYY/MM/<slug>.md.
    Import {
        /// Files or folders to import (.md, .markdown, .txt, .html, .htm).
        #[arg(required = true, value_name = "PATH")]
        paths: Vec<PathBuf>,
        /// The site's folder, holding site.toml.
        #[arg(long, default_value = ".", value_name = "DIR")]
        root: PathBuf,
        /// Publication date for every file, e.g. 2015-11-17 (overrides dates found in them).
        #[arg(long, value_name = "DATE")]
        date: Option<String>,
        /// The outlet for every file, e.g. "CBC News" (overrides the one recognised).
        #[arg(long, value_name = "NAME")]
        source: Option<String>,
        /// Topics to add to every file, comma-separated: --topics "Canada, ISIS".
        #[arg(long, value_name = "A,B")]
        topics: Vec<String>,
        /// Show what would be written, write nothing.
        #[arg(long)]
        dry_run: bool,
        /// Write under DIR instead of the site's content/ folder.
        #[arg(long, value_name = "DIR")]
        to: Option<PathBuf>,
        /// The language of every file (fr, pt-BR…), overriding what the files say; another
        /// language's article is written as <slug>.<lang>.md.
        #[arg(long, value_name = "TAG")]
        lang: Option<String>,
    },
    /// Build the site into a temporary folder, serve it, and rebuild and reload on every change.
    Serve {
        /// The site's folder, holding site.toml.
        #[arg(long, default_value = ".", value_name = "DIR")]
        root: PathBuf,
        /// The port to listen on; 0 picks any free port (the real one is printed).
        #[arg(long, default_value_t = 1111)]
        port: u16,
        /// The address to listen on. Anything but 127.0.0.1 or ::1 makes the site readable by
        /// other machines.
        #[arg(long, default_value = "127.0.0.1", value_name = "ADDRESS")]
        bind: std::net::IpAddr,
        /// Open the site in the default browser.
        #[arg(long)]
        open: bool,
        /// Include articles marked draft = true.
        #[arg(long)]
        drafts: bool,
        /// Include articles dated in the future (their publishDate, else their date, after now).
        #[arg(long)]
        future: bool,
        /// Include articles whose expiryDate has passed.
        #[arg(long)]
        expired: bool,
        /// Serve the site without the content files that cannot be loaded (reported as
        /// warnings).
        #[arg(long)]
        skip_broken: bool,
    },
    /// Start a draft article from the archetype: content/YYYY/MM/<slug>.md.
    New {
        /// The headline, in quotes.
        #[arg(value_name = "HEADLINE")]
        title: String,
        /// The site's folder, holding site.toml.
        #[arg(long, default_value = ".", value_name = "DIR")]
        root: PathBuf,
        /// Topics, separated by commas: --topics "Canada,ISIS".
        #[arg(long, value_delimiter = ',', value_name = "A,B")]
        topics: Vec<String>,
        /// The outlet that published it.
        #[arg(long, value_name = "NAME")]
        source: Option<String>,
        /// The author's name.
        #[arg(long, value_name = "NAME")]
        author: Option<String>,
        /// The publication date (2016-01-19 or 2016-01-19 10:30); now, in the site's
        /// timezone, when left out.
        #[arg(long, value_name = "DATE")]
        date: Option<String>,
        /// The article's language (fr, pt-BR…); the site's when left out. Another language's
        /// article is written as <slug>.<lang>.md.
        #[arg(long, value_name = "TAG")]
        lang: Option<String>,
    },
    /// Load and render the whole site in memory, without writing, and report every problem:
    /// content errors, duplicate URLs, links and images that point nowhere.
    Check {
        /// The site's folder, holding site.toml.
        #[arg(long, default_value = ".", value_name = "DIR")]
        root: PathBuf,
        /// Include articles marked draft = true.
        #[arg(long)]
        drafts: bool,
        /// Include articles dated in the future (their publishDate, else their date, after now).
        #[arg(long)]
        future: bool,
        /// Include articles whose expiryDate has passed.
        #[arg(long)]
        expired: bool,
        /// Fail (exit 1) on warnings too.
        #[arg(long)]
        deny_warnings: bool,
        /// Also request every outbound link (HEAD, then GET); dead ones are warnings.
        #[arg(long)]
        external: bool,
        /// Check the site without the content files that cannot be loaded (reported as
        /// warnings); exits with 1 when files were skipped, unless site.toml has [build]
        /// skip_broken = true.
        #[arg(long)]
        skip_broken: bool,
    },
    /// Create a new archive: site.toml, content/ with an example, archetypes/article.md.
    Init {
        /// The folder to create (or an empty one to fill); default: the current folder.
        #[arg(default_value = ".", value_name = "DIR")]
        dir: PathBuf,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::New {
            title,
            root,
            topics,
            source,
            author,
            date,
            lang,
        } => {
            let options = gazette::scaffold::NewOptions {
                root,
                title,
                topics,
                source,
                author,
                date,
                lang,
            };
            match gazette::new_article(&options) {
                Ok(path) => {
                    println!("{}", path.display());
                    ExitCode::SUCCESS
                }
                Err(error) => fail(error),
            }
        }
        Command::Check {
            root,
            drafts,
            future,
            expired,
            deny_warnings,
            external,
            skip_broken,
        } => {
            let options = gazette::check::CheckOptions {
                root,
                drafts,
                future,
                expired,
                external,
                skip_broken,
            };
            match gazette::check(&options) {
                Ok(report) => {
                    for error in &report.errors {
                        eprintln!("error: {error}");
                    }
                    for warning in &report.warnings {
                        eprintln!("warning: {warning}");
                    }
                    if let Some(summary) = &report.external {
                        let counts: Vec<String> =
                            summary.iter().map(|(k, n)| format!("{k}: {n}")).collect();
                        println!(
                            "Outbound links by status: {}",
                            if counts.is_empty() {
                                "none".to_string()
                            } else {
                                counts.join(", ")
                            }
                        );
                    }
                    println!(
                        "Checked {} article{}, {} page{}, {} internal link{}: {} error{}, {} warning{}{}",
                        report.articles,
                        plural(report.articles),
                        report.pages,
                        plural(report.pages),
                        report.internal_links,
                        plural(report.internal_links),
                        report.errors.len(),
                        plural(report.errors.len()),
                        report.warnings.len(),
                        plural(report.warnings.len()),
                        gazette::wording::skipped_files(report.skipped.len()),
                    );
                    if report.failed(deny_warnings) {
                        if report.errors.is_empty()
                            && !report.skipped.is_empty()
                            && !report.skip_accepted
                        {
                            eprintln!("{}", skipped_failure(report.skipped.len()));
                        } else if report.errors.is_empty() {
                            eprintln!("failed: warnings are denied (--deny-warnings)");
                        }
                        ExitCode::from(1)
                    } else {
                        ExitCode::SUCCESS
                    }
                }
                Err(error) => fail(error),
            }
        }
        Command::Init { dir } => match gazette::init(&dir) {
            Ok(report) => {
                let shown = report.root.display().to_string();
                println!("Created a new archive in {shown}:");
                for file in &report.files {
                    println!("  {}", file.display());
                }
                let cd = if shown == "." {
                    String::new()
                } else {
                    format!("cd {shown} && ")
                };
                println!("Next: {cd}gazette serve   (then edit site.toml, and add articles with gazette new \"Headline\")");
                ExitCode::SUCCESS
            }
            Err(error) => fail(error),
        },
        Command::Serve {
            root,
            port,
            bind,
            open,
            drafts,
            future,
            expired,
            skip_broken,
        } => {
            static STOP: AtomicBool = AtomicBool::new(false);
            if let Err(e) = ctrlc::set_handler(|| STOP.store(true, Ordering::SeqCst)) {
                eprintln!("warning: Ctrl-C will not stop the server cleanly: {e}");
            }
            let options = gazette::serve::ServeOptions {
                root,
                port,
                bind,
                open,
                drafts,
                future,
                expired,
                skip_broken,
            };
            finish(gazette::serve(&options, &STOP))
        }
        Command::Build {
            root,
            out,
            drafts,
            future,
            expired,
            base_url,
            now,
            verbose,
            force,
            quiet,
            timings,
            skip_broken,
        } => {
            let options = gazette::BuildOptions {
                root,
                output: out,
                drafts,
                future,
                expired,
                base_url,
                now,
                force,
                progress: !quiet,
                skip_broken,
            };
            match gazette::build(&options) {
                Ok(report) => {
                    for warning in &report.warnings {
                        eprintln!("warning: {warning}");
                    }
                    if verbose {
                        if !report.up_to_date {
                            println!(
                                "{} file{} parsed, {} from the cache",
                                report.parsed,
                                plural(report.parsed),
                                report.cached
                            );
                            println!(
                                "{} of {} files looked at, {} rendered",
                                report.looked_at, report.files, report.rendered
                            );
                            let (decoded, cached) = report.images;
                            if decoded + cached > 0 {
                                println!(
                                    "{decoded} image{} decoded, {cached} from the image cache",
                                    plural(decoded)
                                );
                            }
                        }
                        for (topic, gained) in &report.auto_topics {
                            println!(
                                "auto topic {topic}: {gained} article{} tagged from the text",
                                plural(*gained)
                            );
                        }
                    }
                    if timings {
                        for phase in &report.timings {
                            let memory = phase
                                .resident_mb
                                .map(|mb| format!(" ({mb} MB resident)"))
                                .unwrap_or_default();
                            println!(
                                "{:>8}: {:>8.3} s{memory}",
                                phase.name,
                                phase.time.as_secs_f64()
                            );
                        }
                    }
                    // The site is built either way; skipping files fails the run unless
                    // site.toml accepts it (see `BuildReport::failed`).
                    let code = if report.failed() {
                        eprintln!("{}", skipped_failure(report.skipped.len()));
                        ExitCode::from(1)
                    } else {
                        ExitCode::SUCCESS
                    };
                    if quiet {
                        return code;
                    }
                    let changes = if report.up_to_date {
                        "nothing changed".to_string()
                    } else {
                        format!("{} written, {} removed", report.written, report.removed)
                    };
                    let search = report
                        .search_seconds
                        .map(|s| format!(" (search index {s:.2} s)"))
                        .unwrap_or_default();
                    println!(
                        "Built {} article{}, {} page{}, {} topic{} ({} files: {changes}) into {} in {:.2} s{search}{}",
                        report.articles,
                        plural(report.articles),
                        report.pages,
                        plural(report.pages),
                        report.topics,
                        plural(report.topics),
                        report.files,
                        report.output.display(),
                        report.elapsed.as_secs_f64(),
                        gazette::wording::skipped_files(report.skipped.len()),
                    );
                    code
                }
                Err(error) => {
                    let code = fail(error);
                    eprintln!("nothing was written: the output folder is as it was");
                    code
                }
            }
        }
        Command::Import {
            paths,
            root,
            date,
            source,
            topics,
            dry_run,
            to,
            lang,
        } => import(gazette::ImportOptions {
            root,
            paths,
            date,
            source,
            topics,
            dry_run,
            to,
            lang,
        }),
    }
}

/// Reads `--now`: RFC 3339, or a date taken as midnight UTC.
fn parse_now(text: &str) -> Result<chrono::DateTime<chrono::FixedOffset>, String> {
    chrono::DateTime::parse_from_rfc3339(text)
        .ok()
        .or_else(|| {
            chrono::NaiveDate::parse_from_str(text, "%Y-%m-%d")
                .ok()
                .and_then(|d| d.and_hms_opt(0, 0, 0))
                .map(|d| d.and_utc().fixed_offset())
        })
        .ok_or_else(|| {
            format!("{text:?} is not a date: use 2016-01-20 or 2016-01-20T08:00:00-05:00")
        })
}

/// Runs `gazette import` and prints what it did for each file.
fn import(options: gazette::ImportOptions) -> ExitCode {
    match gazette::import(&options) {
        Ok(report) => {
            for file in &report.files {
                match file.outcome {
                    gazette::import::Outcome::Failed(_) => eprintln!("{file}"),
                    _ => print!("{file}"),
                }
            }
            let failed = report.failed();
            let done = report.files.len() - failed;
            let verb = if options.dry_run {
                "would import"
            } else {
                "imported"
            };
            println!("{} file{} {verb}, {failed} failed", done, plural(done));
            if failed > 0 {
                ExitCode::FAILURE
            } else {
                ExitCode::SUCCESS
            }
        }
        Err(error) => fail(error),
    }
}

/// Why a run that skipped broken files exits with 1.
fn skipped_failure(skipped: usize) -> String {
    format!(
        "failed: {skipped} broken file{} skipped (--skip-broken); the rest of the site was built. Fix them, or accept skipped files with [build] skip_broken = true in site.toml",
        plural(skipped)
    )
}

/// The exit code of a command that prints nothing more on success.
fn finish(result: gazette::Result<()>) -> ExitCode {
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => fail(error),
    }
}

/// Prints an error and gives its exit code.
fn fail(error: gazette::Error) -> ExitCode {
    match &error {
        gazette::Error::Content(_) => eprintln!("{error}"),
        _ => eprintln!("error: {error}"),
    }
    ExitCode::from(error.exit_code() as u8)
}

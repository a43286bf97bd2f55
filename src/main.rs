//! The `gazette` command: parses arguments, calls the library, sets the exit code.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

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
        /// Use this base URL instead of base_url from site.toml (for preview deploys).
        #[arg(long, value_name = "URL")]
        base_url: Option<String>,
        /// Build as if it were this time (RFC 3339 or YYYY-MM-DD), for the news sitemap's
        /// window of recent articles.
        #[arg(long, value_name = "DATE", value_parser = parse_now)]
        now: Option<chrono::DateTime<chrono::FixedOffset>>,
        /// Also report how many articles each auto topic gained.
        #[arg(long, short)]
        verbose: bool,
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
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Build {
            root,
            out,
            drafts,
            base_url,
            now,
            verbose,
        } => {
            let options = gazette::BuildOptions {
                root,
                output: out,
                drafts,
                base_url,
                now,
            };
            match gazette::build(&options) {
                Ok(report) => {
                    for warning in &report.warnings {
                        eprintln!("warning: {warning}");
                    }
                    if verbose {
                        for (topic, gained) in &report.auto_topics {
                            println!(
                                "auto topic {topic}: {gained} article{} tagged from the text",
                                plural(*gained)
                            );
                        }
                    }
                    println!(
                        "Built {} article{}, {} page{}, {} topic{} ({} files) into {} in {:.2} s",
                        report.articles,
                        plural(report.articles),
                        report.pages,
                        plural(report.pages),
                        report.topics,
                        plural(report.topics),
                        report.files,
                        report.output.display(),
                        report.elapsed.as_secs_f64()
                    );
                    ExitCode::SUCCESS
                }
                Err(error) => report_error(&error),
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
        } => import(gazette::ImportOptions {
            root,
            paths,
            date,
            source,
            topics,
            dry_run,
            to,
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
        Err(error) => report_error(&error),
    }
}

fn report_error(error: &gazette::Error) -> ExitCode {
    match error {
        gazette::Error::Content(_) => eprintln!("{error}"),
        _ => eprintln!("error: {error}"),
    }
    ExitCode::from(error.exit_code() as u8)
}

fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

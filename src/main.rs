//! The `gazette` command: parses arguments, calls the library, sets the exit code.

use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::atomic::{AtomicBool, Ordering};

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
        /// Fail (exit 1) on warnings too.
        #[arg(long)]
        deny_warnings: bool,
        /// Also request every outbound link (HEAD, then GET); dead ones are warnings.
        #[arg(long)]
        external: bool,
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
        } => {
            let options = gazette::scaffold::NewOptions {
                root,
                title,
                topics,
                source,
                author,
                date,
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
            deny_warnings,
            external,
        } => {
            let options = gazette::check::CheckOptions {
                root,
                drafts,
                external,
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
                        "Checked {} article{}, {} page{}, {} internal link{}: {} error{}, {} warning{}",
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
                    );
                    if report.failed(deny_warnings) {
                        if report.errors.is_empty() {
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
            };
            finish(gazette::serve(&options, &STOP))
        }
        Command::Build {
            root,
            out,
            drafts,
            base_url,
        } => {
            let options = gazette::BuildOptions {
                root,
                output: out,
                drafts,
                base_url,
            };
            match gazette::build(&options) {
                Ok(report) => {
                    for warning in &report.warnings {
                        eprintln!("warning: {warning}");
                    }
                    println!(
                        "Built {} article{}, {} page{}, {} topic{} into {} in {:.2} s",
                        report.articles,
                        plural(report.articles),
                        report.pages,
                        plural(report.pages),
                        report.topics,
                        plural(report.topics),
                        report.output.display(),
                        report.elapsed.as_secs_f64()
                    );
                    ExitCode::SUCCESS
                }
                Err(error) => fail(error),
            }
        }
    }
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

fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

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
        /// Also report how many articles each auto topic gained.
        #[arg(long, short)]
        verbose: bool,
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
            verbose,
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
                    if verbose {
                        for (topic, gained) in &report.auto_topics {
                            println!(
                                "auto topic {topic}: {gained} article{} tagged from the text",
                                plural(*gained)
                            );
                        }
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
                Err(error) => {
                    match &error {
                        gazette::Error::Content(_) => eprintln!("{error}"),
                        _ => eprintln!("error: {error}"),
                    }
                    ExitCode::from(error.exit_code() as u8)
                }
            }
        }
    }
}

fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

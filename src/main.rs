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
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
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

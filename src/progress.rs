//! A progress bar for long builds: on a terminal only, never on a pipe or in CI, and only
//! once a build has taken about a second, so quick rebuilds print nothing extra.

use std::io::IsTerminal;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

/// How long a build runs before its bar appears.
const DELAY: Duration = Duration::from_secs(1);

/// Counts rendered files; safe to share between threads.
pub(crate) struct Progress {
    bar: Option<ProgressBar>,
    started: Instant,
    shown: AtomicBool,
}

impl Progress {
    /// A bar for `total` files of a build that began at `started`; inert unless `wanted`,
    /// stderr is a terminal and `CI` is not set.
    pub(crate) fn new(wanted: bool, total: usize, started: Instant) -> Progress {
        let on = wanted && std::io::stderr().is_terminal() && std::env::var_os("CI").is_none();
        let bar = on.then(|| {
            let bar =
                ProgressBar::with_draw_target(Some(total as u64), ProgressDrawTarget::hidden());
            if let Ok(style) =
                ProgressStyle::with_template("{msg} [{bar:40}] {pos}/{len} files ({eta} left)")
            {
                bar.set_style(style.progress_chars("=> "));
            }
            bar.set_message("Rendering");
            bar
        });
        Progress {
            bar,
            started,
            shown: AtomicBool::new(false),
        }
    }

    /// One more file done.
    pub(crate) fn inc(&self) {
        let Some(bar) = &self.bar else { return };
        bar.inc(1);
        if !self.shown.load(Ordering::Relaxed)
            && self.started.elapsed() >= DELAY
            && !self.shown.swap(true, Ordering::Relaxed)
        {
            bar.set_draw_target(ProgressDrawTarget::stderr());
        }
    }

    /// Changes the label (e.g. "Writing").
    pub(crate) fn set_message(&self, message: &'static str) {
        if let Some(bar) = &self.bar {
            bar.set_message(message);
        }
    }

    /// Removes the bar from the terminal.
    pub(crate) fn finish(&self) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
    }
}

/// One phase of a build, for `--timings`: how long it took and how much memory the process
/// held when it ended (the resident set, in MB; None where /proc is not available).
#[derive(Debug, Clone, Copy)]
pub struct Phase {
    /// load, index, render, search, write, …
    pub name: &'static str,
    /// Wall-clock time of the phase.
    pub time: Duration,
    /// Resident memory at the end of the phase, in MB.
    pub resident_mb: Option<u64>,
}

impl Phase {
    /// The phase `name`, begun at `started` and ending now.
    pub fn since(name: &'static str, started: Instant) -> Phase {
        Phase::new(name, started.elapsed())
    }

    /// The phase `name`, which took `time` and ends now.
    pub fn new(name: &'static str, time: Duration) -> Phase {
        Phase {
            name,
            time,
            resident_mb: resident_mb(),
        }
    }
}

/// The process's resident memory in MB, from /proc/self/status (Linux only). Phases report
/// it because peak memory at 100,000 articles is one of the numbers issue 7 asks for.
fn resident_mb() -> Option<u64> {
    let status = crate::fs::read_to_string(std::path::Path::new("/proc/self/status")).ok()?;
    let line = status.lines().find(|l| l.starts_with("VmRSS:"))?;
    let kb: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1024)
}

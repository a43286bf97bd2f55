//! Rendering many jobs in parallel: every failure is collected (up to a cap) so one run
//! shows them all, and nothing is kept in memory beyond the page being handed over.

use rayon::prelude::*;

use super::Job;
use crate::artifact::Artifact;
use crate::config::Config;
use crate::error::{Diagnostic, Error, Result};
use crate::progress::Progress;

/// At most this many render errors are listed; the rest are counted. A broken template fails
/// every page, and 100,000 copies of one message help nobody.
const MAX_RENDER_ERRORS: usize = 20;

/// Runs `each` on every job (with its position in the plan) in parallel, counting them in
/// `progress`, and collects every failure (up to a cap).
pub(crate) fn for_each_job(
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
pub(crate) fn hand_over(
    config: &Config,
    artifact: Artifact,
    sink: impl FnOnce(Artifact) -> Result<()>,
) -> std::result::Result<(), Diagnostic> {
    let path = config.output_dir.join(&artifact.path);
    sink(artifact).map_err(|e| Diagnostic::new(path, e.to_string()))
}

/// At most [`MAX_RENDER_ERRORS`] failures, and a line counting the rest.
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
    Error::sorted(problems)
}

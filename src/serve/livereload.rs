//! Live reload: the script pages load, the WebSocket that tells them a new build is ready,
//! and the overlay that shows a failed build's errors on every page.
//!
//! Pages carry the number of the build they came from; each build's number is sent to every
//! open socket, and a page from another build reloads itself (see `livereload.js`).

use crate::error::Diagnostic;
use crate::wording::plural;

use super::Current;
use super::Shared;

/// Where pages load the live-reload script from (under serve's own URL path).
pub(super) const SCRIPT_PATH: &str = "/__gazette/livereload.js";
/// The WebSocket the script connects to (see `server`).
pub(super) const SOCKET_PATH: &str = "/__gazette/livereload";
/// The script itself, built into the binary.
pub(super) const LIVERELOAD_JS: &str = include_str!("livereload.js");

/// Tells every open page which build is current; pages of another build reload. Each open
/// socket's task waits on this value (see `server`), so a socket that closed costs nothing
/// here.
pub(super) fn broadcast(shared: &Shared, version: u64) {
    shared.builds.send_replace(version);
}

/// Adds the live-reload script (and the overlay, after a failed build) before `</body>`, or
/// at the end of a page without one.
pub(super) fn inject(html: &str, current: &Current) -> String {
    let mut addition = String::new();
    if let Some(errors) = &current.errors {
        addition.push_str(&overlay(errors));
    }
    addition.push_str(&format!(
        "<script src=\"{SCRIPT_PATH}\" data-gazette-build=\"{}\"></script>",
        current.version
    ));
    let at = last_ascii_case_insensitive(html, "</body>").unwrap_or(html.len());
    let mut out = String::with_capacity(html.len() + addition.len());
    out.push_str(&html[..at]);
    out.push_str(&addition);
    out.push_str(&html[at..]);
    out
}

fn last_ascii_case_insensitive(haystack: &str, needle: &str) -> Option<usize> {
    let hay = haystack.as_bytes();
    let needle = needle.as_bytes();
    (0..=hay.len().checked_sub(needle.len())?)
        .rev()
        .find(|&i| hay[i..i + needle.len()].eq_ignore_ascii_case(needle))
}

/// The error overlay: every problem of the failed build with its file, line and help.
fn overlay(errors: &[Diagnostic]) -> String {
    let escape = crate::html::escape;
    let mut items = String::new();
    for d in errors {
        let mut location = d.path.display().to_string();
        if let Some(line) = d.line {
            location.push_str(&format!(":{line}"));
            if let Some(column) = d.column {
                location.push_str(&format!(":{column}"));
            }
        }
        let help = d
            .help
            .as_ref()
            .map(|h| {
                format!(
                    "<div class=\"gazette-error-help\" style=\"color:#9fd3ff;margin-top:.2em\">help: {}</div>",
                    escape(h)
                )
            })
            .unwrap_or_default();
        items.push_str(&format!(
            "<li class=\"gazette-error\" style=\"margin:0 0 1em\"><code class=\"gazette-error-location\" style=\"color:#ffb4a8;background:none;padding:0;font:inherit;font-weight:bold\">{}</code>: <span class=\"gazette-error-message\">{}</span>{help}</li>",
            escape(&location),
            escape(&d.message)
        ));
    }
    format!(
        "<div id=\"gazette-error-overlay\" role=\"alert\" style=\"position:fixed;inset:0;z-index:2147483647;overflow:auto;box-sizing:border-box;padding:2rem;background:rgba(24,24,27,.95);color:#f4f4f5;font:15px/1.5 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;text-align:left\">\
<p style=\"font-size:1.2em;font-weight:bold;margin:0 0 .5em\">gazette: the build failed ({} problem{})</p>\
<p style=\"margin:0 0 1.5em;color:#d4d4d8\">This page is from the last good build. Fix the problem and save: the page reloads by itself.</p>\
<ol style=\"margin:0;padding-left:1.5em\">{}</ol></div>",
        errors.len(),
        plural(errors.len()),
        items
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_script_goes_before_the_last_body_end() {
        let current = Current {
            dir: None,
            version: 7,
            errors: None,
        };
        let html = inject("<html><body><p>&lt;/body&gt;</p></BODY></html>", &current);
        assert!(
            html.ends_with("data-gazette-build=\"7\"></script></BODY></html>"),
            "{html}"
        );
        assert!(inject("plain", &current).starts_with("plain<script"));
    }

    #[test]
    fn the_overlay_escapes_messages() {
        let html = overlay(&[Diagnostic::new("content/<a>.md", "bad <b>").at_line(3)]);
        assert!(html.contains("content/&lt;a&gt;.md:3"), "{html}");
        assert!(html.contains("bad &lt;b&gt;"));
    }
}

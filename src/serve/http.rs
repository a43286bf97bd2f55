//! Answering HTTP requests from the build folder being served.
//!
//! A request target is mapped to a file strictly inside the folder (no `..`, no symlinks
//! out of it, no build bookkeeping files); HTML goes out with the live-reload script added,
//! and every response is `no-store`, since the files change under the browser.

use std::path::{Component, Path, PathBuf};

use super::livereload::{inject, LIVERELOAD_JS, SCRIPT_PATH};
use super::Current;

/// The URL path under which serve answers its own requests; no site page can live there
/// because serve's paths start with a name no slug produces.
pub(super) const INTERNAL: &str = "/__gazette/";

/// A response, before it meets the HTTP stack (see `server`): plain data, so that what
/// serve answers is decided and tested here, apart from how it is sent.
#[derive(Debug)]
pub(super) struct Reply {
    pub(super) status: u16,
    pub(super) headers: Vec<(&'static str, String)>,
    pub(super) body: Vec<u8>,
}

impl Reply {
    /// A plain-text reply.
    pub(super) fn text(status: u16, body: &str) -> Reply {
        Reply {
            status,
            headers: vec![("Content-Type", "text/plain; charset=utf-8".into())],
            body: body.as_bytes().to_vec(),
        }
    }

    fn with(mut self, name: &'static str, value: impl Into<String>) -> Reply {
        self.headers.push((name, value.into()));
        self
    }
}

/// Answers a GET or HEAD of `target` (the request's path and query) from the build being
/// served; any other method is refused. The caller has checked the request's `Host` and
/// that it carries no body, and handles the live-reload socket.
pub(super) fn respond(method: &str, target: &str, current: &Current) -> Reply {
    let path = target.split(['?', '#']).next().unwrap_or("");
    if method != "GET" && method != "HEAD" {
        Reply::text(405, "Method not allowed: this server only reads files")
            .with("Allow", "GET, HEAD")
    } else if path == SCRIPT_PATH {
        Reply {
            status: 200,
            headers: vec![("Content-Type", "text/javascript; charset=utf-8".into())],
            body: LIVERELOAD_JS.as_bytes().to_vec(),
        }
    } else if path.starts_with(INTERNAL) {
        Reply::text(404, "Not found")
    } else {
        match &current.dir {
            Some(dir) => serve_file(dir, target, current),
            None => page(500, "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Build failed</title></head><body></body></html>", current),
        }
    }
}

/// An HTML page with the live-reload script, and the error overlay if the last build failed.
fn page(status: u16, html: &str, current: &Current) -> Reply {
    Reply {
        status,
        headers: vec![("Content-Type", "text/html; charset=utf-8".into())],
        body: inject(html, current).into_bytes(),
    }
}

/// Serves the file a URL names in the build folder `dir`, `404.html` if there is none.
fn serve_file(dir: &Path, url: &str, current: &Current) -> Reply {
    match resolve(dir, url) {
        Resolved::File(file) => match crate::fs::read(&file) {
            Ok(bytes) => {
                let kind = content_type(&file);
                if kind.starts_with("text/html") {
                    page(200, &String::from_utf8_lossy(&bytes), current)
                } else {
                    Reply {
                        status: 200,
                        headers: vec![("Content-Type", kind.into())],
                        body: bytes,
                    }
                }
            }
            Err(_) => not_found(dir, url, current),
        },
        Resolved::Redirect(location) => Reply {
            status: 301,
            headers: vec![("Location", location)],
            body: Vec::new(),
        },
        Resolved::NotFound => not_found(dir, url, current),
    }
}

/// The not-found page for `url`: the one of its language (`/fr/…` gets `fr/404.html`, issue
/// 17) when the site has one, else `404.html`. The first segment is used only when it reads
/// as a language tag, so no request can name another file.
fn not_found(dir: &Path, url: &str, current: &Current) -> Reply {
    let first = url.trim_start_matches('/').split('/').next().unwrap_or("");
    let tag = !first.is_empty()
        && first.len() <= 16
        && first
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-');
    if tag {
        if let Ok(html) = crate::fs::read_to_string(&dir.join(first).join("404.html")) {
            return page(404, &html, current);
        }
    }
    match crate::fs::read_to_string(&dir.join("404.html")) {
        Ok(html) => page(404, &html, current),
        Err(_) => Reply::text(404, "Not found"),
    }
}

/// Where a request leads in the build folder.
#[derive(Debug, PartialEq, Eq)]
enum Resolved {
    /// A file inside the folder (symlinks resolved).
    File(PathBuf),
    /// A folder asked for without its trailing `/`: the browser must add it, or the page's
    /// relative links would resolve against the parent.
    Redirect(String),
    /// Nothing, or something outside the folder.
    NotFound,
}

/// Maps a request target to a file inside `dir`, refusing anything that leaves it: `..` and
/// `.` segments (also percent-encoded), backslashes, NUL, absolute-form targets, and
/// symlinks whose target is outside `dir`.
fn resolve(dir: &Path, target: &str) -> Resolved {
    let (path, query) = match target.find(['?', '#']) {
        Some(i) => (&target[..i], &target[i..]),
        None => (target, ""),
    };
    if !path.starts_with('/') {
        return Resolved::NotFound;
    }
    let Ok(decoded) = percent_encoding::percent_decode_str(path).decode_utf8() else {
        return Resolved::NotFound;
    };
    let mut file = dir.to_path_buf();
    for segment in decoded.split('/').filter(|s| !s.is_empty()) {
        let mut parts = Path::new(segment).components();
        let plain = matches!(parts.next(), Some(Component::Normal(_))) && parts.next().is_none();
        if !plain
            || segment.contains(['\\', '\0'])
            || segment == crate::writer::MARKER
            || segment == crate::writer::MANIFEST
        {
            return Resolved::NotFound;
        }
        file.push(segment);
    }
    let Ok(meta) = crate::fs::metadata(&file) else {
        return Resolved::NotFound;
    };
    if meta.is_dir() {
        if !decoded.ends_with('/') {
            // One leading slash only: `//2016/` would be a scheme-relative URL, a redirect
            // to the host "2016" (issue 15).
            let path = path.trim_start_matches('/');
            return Resolved::Redirect(format!("/{path}/{query}"));
        }
        file.push("index.html");
    }
    match (crate::fs::canonicalize(&file), crate::fs::canonicalize(dir)) {
        (Ok(real), Ok(real_dir)) if real.starts_with(&real_dir) && real.is_file() => {
            Resolved::File(real)
        }
        _ => Resolved::NotFound,
    }
}

/// The `Content-Type` of a file, by extension.
pub fn content_type(path: &Path) -> &'static str {
    let extension = path
        .extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default();
    match extension.as_str() {
        "html" | "htm" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "json" | "map" => "application/json",
        "webmanifest" => "application/manifest+json",
        "xml" => "application/xml",
        "rss" => "application/rss+xml",
        "atom" => "application/atom+xml",
        "txt" => "text/plain; charset=utf-8",
        "md" | "markdown" => "text/markdown; charset=utf-8",
        "csv" => "text/csv; charset=utf-8",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "avif" => "image/avif",
        "ico" => "image/x-icon",
        "bmp" => "image/bmp",
        "woff" => "font/woff",
        "woff2" => "font/woff2",
        "ttf" => "font/ttf",
        "otf" => "font/otf",
        "pdf" => "application/pdf",
        "zip" => "application/zip",
        "wasm" => "application/wasm",
        "mp3" => "audio/mpeg",
        "ogg" | "oga" => "audio/ogg",
        "wav" => "audio/wav",
        "mp4" => "video/mp4",
        "webm" => "video/webm",
        "vtt" => "text/vtt; charset=utf-8",
        _ => "application/octet-stream",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn site() -> tempfile::TempDir {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("out");
        for (path, text) in [
            (out.join("index.html"), "home"),
            (out.join("a/index.html"), "a"),
            (out.join("style.css"), "x"),
            (tmp.path().join("secret.txt"), "secret"),
        ] {
            crate::fs::write(&path, text.as_bytes()).unwrap();
        }
        tmp
    }

    #[test]
    fn requests_resolve_inside_the_folder_only() {
        let tmp = site();
        let out = tmp.path().join("out");
        let real = out.canonicalize().unwrap();
        assert_eq!(resolve(&out, "/"), Resolved::File(real.join("index.html")));
        assert_eq!(
            resolve(&out, "/a/?x=1"),
            Resolved::File(real.join("a/index.html"))
        );
        assert_eq!(
            resolve(&out, "/a?x=1"),
            Resolved::Redirect("/a/?x=1".into())
        );
        assert_eq!(resolve(&out, "//a"), Resolved::Redirect("/a/".into()));
        assert_eq!(
            resolve(&out, "///a?x=//y"),
            Resolved::Redirect("/a/?x=//y".into())
        );
        assert_eq!(
            resolve(&out, "/style%2Ecss"),
            Resolved::File(real.join("style.css"))
        );
        for bad in [
            "/../secret.txt",
            "/a/../../secret.txt",
            "/%2e%2e/secret.txt",
            "/%2E%2E%2Fsecret.txt",
            "/a/%2e%2e/%2e%2e/secret.txt",
            "/..%5csecret.txt",
            "http://host/../secret.txt",
            "secret.txt",
            "/%00",
            "/.gazette-build",
            "/nothing",
        ] {
            assert_eq!(resolve(&out, bad), Resolved::NotFound, "{bad}");
        }
    }

    #[cfg(unix)]
    #[test]
    fn symlinks_out_of_the_folder_are_not_followed() {
        let tmp = site();
        let out = tmp.path().join("out");
        std::os::unix::fs::symlink(tmp.path().join("secret.txt"), out.join("leak.txt")).unwrap();
        std::os::unix::fs::symlink(tmp.path(), out.join("up")).unwrap();
        std::os::unix::fs::symlink(out.join("style.css"), out.join("inside.css")).unwrap();
        assert_eq!(resolve(&out, "/leak.txt"), Resolved::NotFound);
        assert_eq!(resolve(&out, "/up/secret.txt"), Resolved::NotFound);
        assert!(matches!(resolve(&out, "/inside.css"), Resolved::File(_)));
    }

    #[test]
    fn content_types() {
        for (name, kind) in [
            ("a.html", "text/html; charset=utf-8"),
            ("a.CSS", "text/css; charset=utf-8"),
            ("a.woff2", "font/woff2"),
            ("a.jpeg", "image/jpeg"),
            ("a.unknown", "application/octet-stream"),
        ] {
            assert_eq!(content_type(Path::new(name)), kind);
        }
    }
}

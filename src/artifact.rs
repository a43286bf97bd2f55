//! What a build produces: files as values, each knowing where it goes in the output folder.
//!
//! Render makes [`Artifact`]s and the writer saves them; neither trusts a URL to be a safe
//! path, so [`output_path`] is the one gate every generated path goes through.

use std::path::{Component, Path, PathBuf};

/// One generated file: its path relative to the output folder, and its bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Artifact {
    /// Where the file goes, relative to the output folder; always made by [`output_path`].
    pub path: PathBuf,
    /// The file's content.
    pub bytes: Vec<u8>,
}

/// An artifact of `text` at `path`, for tests; `path` is taken as it is, not checked.
#[cfg(test)]
pub(crate) fn test_artifact(path: &str, text: &str) -> Artifact {
    Artifact {
        path: PathBuf::from(path),
        bytes: text.as_bytes().to_vec(),
    }
}

/// The longest file name most file systems accept, in bytes.
pub(crate) const MAX_NAME: usize = 255;

/// The file a site-relative URL is written to: `/a/b/` -> `a/b/index.html`, `/a/b.xml` ->
/// `a/b.xml`. Fails for any URL whose file would not be inside the output folder.
pub(crate) fn output_path(url: &str) -> Result<PathBuf, String> {
    let Some(rest) = url.strip_prefix('/') else {
        return Err(format!("URL {url:?} does not start with /"));
    };
    let mut path = PathBuf::new();
    for segment in rest.split('/') {
        if segment.is_empty() {
            continue;
        }
        if segment == "." || segment == ".." {
            return Err(format!(
                "URL {url:?} has a `{segment}` segment, which would leave the output folder"
            ));
        }
        if segment.len() > MAX_NAME {
            return Err(format!(
                "URL {url:?} has a part {} bytes long; file systems allow at most {MAX_NAME}",
                segment.len()
            ));
        }
        // Web servers and CDNs decode `%2e%2e%2f` and the like before they look for a file,
        // each in its own way: a folder named so is a different page on every host.
        if segment.contains('%') {
            return Err(format!(
                "URL {url:?} has a percent sign; write the characters themselves (`café`, not `caf%C3%A9`), since web servers decode percent-escapes before looking for the file"
            ));
        }
        if segment.contains(['\\', '\0']) || segment.chars().any(char::is_control) {
            return Err(format!("URL {url:?} has a backslash or control character"));
        }
        if Path::new(segment).components().count() != 1
            || !matches!(
                Path::new(segment).components().next(),
                Some(Component::Normal(_))
            )
        {
            return Err(format!(
                "URL {url:?} has a segment that is not a plain name"
            ));
        }
        path.push(segment);
    }
    if url.ends_with('/') || path.as_os_str().is_empty() {
        path.push("index.html");
    }
    Ok(path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_map_to_files() {
        assert_eq!(output_path("/").unwrap(), Path::new("index.html"));
        assert_eq!(
            output_path("/2016/01/19/x/").unwrap(),
            Path::new("2016/01/19/x/index.html")
        );
        assert_eq!(output_path("/feed.xml").unwrap(), Path::new("feed.xml"));
    }

    #[test]
    fn escaping_urls_are_refused() {
        for bad in [
            "/../x/",
            "/a/../../x/",
            "x/",
            "/a\\..\\b/",
            "/./x/",
            "/a/\0/",
        ] {
            assert!(output_path(bad).is_err(), "{bad}");
        }
    }
}

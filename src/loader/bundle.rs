//! Page bundles: an article written as `index.md` (or `index.markdown`) in a folder of its
//! own owns every other file of that folder and of its subfolders, as Hugo's leaf bundles do
//! (issue 18). Those files are not articles; they are copied beside the article's page, and
//! the article's links and images that name them are resolved to the copies.
//!
//! This module owns the rules: which files a bundle holds ([`Finder`], from the walk over
//! `content/`), how a bundle's files enter its article's record-cache stamp
//! ([`Bundle::stamp`]), where its files go in the output ([`page_folder`], [`outputs`]) and
//! how a reference in the article names one of them ([`resolve`]).

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

use crate::article::{Article, BundleFile, Image};
use crate::config::Config;
use crate::error::Diagnostic;
use crate::loader::scan::{Found, Stamp};
use crate::theme::{StaticFile, StaticSource};

/// The file names that make their folder a page bundle, in the order one is preferred when a
/// folder has several: `index` with each extension the loader reads, Markdown first (the
/// others then are files of the bundle).
const LEADERS: &[&str] = &[
    "index.md",
    "index.markdown",
    "index.txt",
    "index.html",
    "index.htm",
];

/// Extensions whose size `imagesize` reads from the file's first bytes.
const RASTER: &[&str] = &["jpg", "jpeg", "png", "gif", "webp", "avif"];

/// A page bundle as the walk found it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Bundle {
    /// Its folder, relative to the site root (`content/2016/01/story`).
    pub dir: PathBuf,
    /// Every file of the bundle but its article: the name relative to `dir` with `/` between
    /// folders, and its stamp. In walk order.
    pub files: Vec<(String, Option<Stamp>)>,
}

impl Bundle {
    /// The record-cache stamp of the bundle's article, whose own stamp is `index`: the
    /// bundle's files are inputs of its record (its links, the sizes of its images), so their
    /// names and stamps are hashed into it, and the newest of their times is its time (a file
    /// modified a moment ago makes the record untrusted, as the article's own file would).
    /// None when a stamp is unknown: such a record is never cached.
    pub(crate) fn stamp(&self, index: Option<Stamp>) -> Option<Stamp> {
        let mut stamp = index?;
        let mut hasher = crate::hash::Pieces::new();
        for (name, file) in &self.files {
            let file = (*file)?;
            hasher.put(name.as_bytes());
            hasher.raw(&file.size.to_le_bytes());
            hasher.raw(&file.modified.to_le_bytes());
            stamp.modified = stamp.modified.max(file.modified);
        }
        // Never 0, which is "not a bundle".
        stamp.bundle = (hasher.finish() as u64).max(1);
        Some(stamp)
    }

    /// The size in pixels of each raster image of the bundle whose header gives it, read
    /// from the first bytes of the file (`root` is the site folder), as shown (see
    /// [`super::image_size`]). No image is decoded.
    pub(crate) fn sizes(&self, root: &Path) -> HashMap<String, (u32, u32)> {
        let folder = root.join(&self.dir);
        self.files
            .iter()
            .filter(|(name, _)| {
                Path::new(name)
                    .extension()
                    .and_then(|e| e.to_str())
                    .is_some_and(|e| RASTER.contains(&e.to_ascii_lowercase().as_str()))
            })
            .filter_map(|(name, _)| {
                Some((
                    name.clone(),
                    super::image_size::displayed(&folder.join(name))?,
                ))
            })
            .collect()
    }
}

/// A page bundle as its article's record is made: the names of its files, the sizes of its
/// images, and where their copies are.
pub(crate) struct Local<'b> {
    bundle: &'b Bundle,
    names: HashSet<String>,
    sizes: HashMap<String, (u32, u32)>,
    /// The path of the copies, with the base path (`/archive/2016/01/story/`).
    folder: String,
    /// The site's `[images]` settings.
    images: &'b crate::config::images::Settings,
}

impl<'b> Local<'b> {
    /// The bundle `bundle` of the article whose URL is `url`, in the site `config`.
    pub(crate) fn new(bundle: &'b Bundle, config: &'b Config, url: &str) -> Local<'b> {
        Local {
            bundle,
            names: bundle.files.iter().map(|(name, _)| name.clone()).collect(),
            sizes: bundle.sizes(&config.root),
            folder: format!(
                "{}{}",
                config.base_path,
                crate::permalink::encode(page_folder(url).trim_start_matches('/'))
            ),
            images: &config.images,
        }
    }

    /// The bundle file an address in the article's Markdown names, as the Markdown renderer
    /// needs it (see [`crate::markdown::Bundled`]).
    pub(crate) fn named(&self, dest: &str) -> Option<crate::markdown::BundleFile> {
        let name = resolve(dest, &self.names)?;
        let path = format!("{}{}", self.folder, escape_name(name));
        let size = self.sizes.get(name).copied();
        Some(crate::markdown::BundleFile {
            name: name.to_string(),
            picture: self
                .widths(name)
                .and_then(|widths| crate::images::Picture::new(&path, size?, &widths)),
            url: format!("{path}{}", suffix(dest)),
            size,
        })
    }

    /// The widths of the resized copies of bundle file `name`, when the build makes them: it
    /// is a raster image whose size is known and the site processes images.
    fn widths(&self, name: &str) -> Option<Vec<u32>> {
        let size = self.sizes.get(name)?;
        (self.images.process && crate::images::Format::of(name).is_some())
            .then(|| crate::images::widths(size.0, self.images))
    }

    /// The article's lead image with a bundle file's `src` made the site path of its copy
    /// (and given its size), and the bundle's files, each marked used when the lead image or
    /// the body (`body_used`) refers to it. Fails, saying why, when a file would be written
    /// over the article's own page.
    pub(crate) fn settle(
        &self,
        mut image: Option<Image>,
        url: &str,
        body_used: &[String],
    ) -> Result<(Option<Image>, Vec<BundleFile>), String> {
        if let Ok(page) = crate::artifact::output_path(url) {
            let clash = self
                .bundle
                .files
                .iter()
                .find(|(name, _)| output_path(url, name).is_ok_and(|p| p == page));
            if let Some((name, _)) = clash {
                return Err(format!(
                    "its bundle file {} would be written over its own page, {}",
                    self.bundle.dir.join(name).display(),
                    page.display()
                ));
            }
        }
        let mut lead = None;
        if let Some(image) = &mut image {
            if let Some(name) = resolve(&image.src, &self.names) {
                image.src = format!("{}{}", file_url(url, name), suffix(&image.src));
                if let Some(size) = self.sizes.get(name) {
                    (image.width, image.height) = (Some(size.0), Some(size.1));
                    image.variants = self.widths(name).unwrap_or_default();
                }
                lead = Some(name);
            }
        }
        let files = self
            .bundle
            .files
            .iter()
            .map(|(name, _)| BundleFile {
                used: lead == Some(name.as_str()) || body_used.binary_search(name).is_ok(),
                name: name.clone(),
                size: self.sizes.get(name).copied(),
            })
            .collect();
        Ok((image, files))
    }
}

/// Which files of the walk are in a page bundle, and whose.
pub(crate) struct Finder {
    /// Each bundle's folder with its article's path.
    leaders: HashMap<PathBuf, PathBuf>,
}

/// What a file of the walk is, as far as bundles go.
pub(crate) enum Role<'f> {
    /// Not in a bundle.
    Alone,
    /// The article of the bundle in this folder.
    Leader(&'f Path),
    /// Another file of the bundle in this folder, whose article is the second path.
    Member(&'f Path, &'f Path),
}

impl Finder {
    /// The bundles among the files of a walk over `content/` (paths relative to the site
    /// root). A folder holding several `index` files is led by the one first in [`LEADERS`];
    /// the others are files of its bundle. `content/` itself is never a bundle: its
    /// `index.md` would swallow the whole site.
    pub(crate) fn new(files: &[Found]) -> Finder {
        let mut ranked: HashMap<PathBuf, (usize, PathBuf)> = HashMap::new();
        for found in files {
            let Some(name) = found.path.file_name().and_then(|n| n.to_str()) else {
                continue;
            };
            let name = name.to_ascii_lowercase();
            let Some(rank) = LEADERS.iter().position(|l| *l == name) else {
                continue;
            };
            let Some(dir) = found.path.parent() else {
                continue;
            };
            if dir.parent().is_none_or(|p| p.as_os_str().is_empty()) {
                continue;
            }
            let best = ranked
                .entry(dir.to_path_buf())
                .or_insert_with(|| (rank, found.path.clone()));
            if rank < best.0 {
                *best = (rank, found.path.clone());
            }
        }
        let leaders = ranked
            .into_iter()
            .map(|(dir, (_, leader))| (dir, leader))
            .collect();
        Finder { leaders }
    }

    /// What `path` is. A bundle inside another one's folder is not a bundle: the outer one
    /// owns all of it, as in Hugo.
    pub(crate) fn role<'f>(&'f self, path: &Path) -> Role<'f> {
        if self.leaders.is_empty() {
            return Role::Alone;
        }
        // The outermost: the last bundle folder found going up.
        let owner = path
            .ancestors()
            .skip(1)
            .filter_map(|dir| self.leaders.get_key_value(dir))
            .last();
        match owner {
            None => Role::Alone,
            Some((dir, leader)) if leader == path => Role::Leader(dir),
            Some((dir, leader)) => Role::Member(dir, leader),
        }
    }
}

/// The name of `path` (a file of the bundle in `dir`) relative to `dir`, with `/` between
/// folders; None when it is not UTF-8 (no URL in an article can name it).
pub(crate) fn name_in(dir: &Path, path: &Path) -> Option<String> {
    let relative = path.strip_prefix(dir).ok()?;
    let parts: Option<Vec<&str>> = relative.iter().map(|p| p.to_str()).collect();
    Some(parts?.join("/"))
}

/// The site path of the folder an article's page is in, ending with `/`: the page itself for
/// `/2016/01/story/`, its folder for `/2016/01/story.html`. Its bundle's files go there.
pub(crate) fn page_folder(url: &str) -> &str {
    match url.rfind('/') {
        Some(i) => &url[..=i],
        None => "/",
    }
}

/// The bundle file a reference in an article (a link, an image, the lead image's `src`)
/// names, relative to the page: `photo.jpg`, `./files/a.pdf`, `my%20photo.jpg?x#y`. None
/// for addresses, site paths and fragments, and for paths that leave the bundle's folder.
pub(crate) fn resolve<'n>(dest: &str, names: &'n HashSet<String>) -> Option<&'n str> {
    if dest.is_empty()
        || dest.starts_with(['/', '#', '?'])
        || dest
            .split(['/', '?', '#'])
            .next()
            .is_some_and(|first| first.contains(':'))
    {
        return None;
    }
    let path = dest.split(['?', '#']).next().unwrap_or("");
    let path = percent_encoding::percent_decode_str(path)
        .decode_utf8()
        .ok()?;
    let mut parts: Vec<&str> = Vec::new();
    for part in path.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            part => parts.push(part),
        }
    }
    names.get(&parts.join("/")).map(String::as_str)
}

/// What is after the path of a reference: its query and fragment, kept as written.
pub(crate) fn suffix(dest: &str) -> &str {
    dest.find(['?', '#']).map_or("", |i| &dest[i..])
}

/// The site path of the copy of bundle file `name` of the article at `url`, with its name's
/// characters escaped as a URL path needs.
pub(crate) fn file_url(url: &str, name: &str) -> String {
    format!("{}{}", page_folder(url), escape_name(name))
}

/// A bundle file's name as a URL path: each part percent-escaped where URLs need it.
pub(crate) fn escape_name(name: &str) -> String {
    /// What a path segment escapes: controls, space and the characters URLs reserve.
    const SEGMENT: &percent_encoding::AsciiSet = &percent_encoding::CONTROLS
        .add(b' ')
        .add(b'"')
        .add(b'#')
        .add(b'%')
        .add(b'<')
        .add(b'>')
        .add(b'?')
        .add(b'`')
        .add(b'{')
        .add(b'}')
        .add(b'\\')
        .add(b'^')
        .add(b'|');
    let escaped: Vec<String> = name
        .split('/')
        .map(|part| percent_encoding::utf8_percent_encode(part, SEGMENT).to_string())
        .collect();
    escaped.join("/")
}

/// The file bundle file `name` of the article at `url` is copied to, relative to the output
/// folder, or why it cannot be written there.
pub(crate) fn output_path(url: &str, name: &str) -> Result<PathBuf, String> {
    crate::artifact::output_path(&format!("{}{name}", page_folder(url)))
}

/// Every bundle file of the published `articles`, as a static file to copy or, when the
/// site processes images, as an image to process (see [`crate::images`]), and a problem for
/// each that cannot be written or would be written where another bundle's file goes.
///
/// Doubt: like the theme's static files, each is read and hashed by every build that renders
/// (the writer compares the hash with the manifest's), so a site with gigabytes of photos
/// reads them all after any edit. The image cache the rest of issue 18 needs (by content
/// hash, in `.gazette-cache/`) is the place to keep their stamps and skip that.
pub(crate) fn outputs(config: &Config, articles: &[Article]) -> Outputs {
    let mut files = Vec::new();
    let mut images = Vec::new();
    let mut problems = Vec::new();
    let mut owners: HashMap<PathBuf, &Path> = HashMap::new();
    for article in articles.iter().filter(|a| !a.bundle.is_empty()) {
        let dir = article.path.parent().unwrap_or(Path::new(""));
        let shown = crate::loader::shown(config, &article.path);
        for file in &article.bundle {
            let path = match output_path(&article.url, &file.name) {
                Ok(path) => path,
                Err(why) => {
                    problems.push(
                        Diagnostic::new(&shown, format!("its bundle file {}: {why}", file.name))
                            .help("rename the file"),
                    );
                    continue;
                }
            };
            if let Some(other) = owners.insert(path.clone(), &article.path) {
                problems.push(
                    Diagnostic::new(
                        &shown,
                        format!(
                            "its bundle file {} and a file of the bundle of {} would both be written to {}",
                            file.name,
                            crate::loader::shown(config, other).display(),
                            path.display()
                        ),
                    )
                    .help("give each bundle's article a permalink of its own folder (ending with /), or rename one of the files"),
                );
                continue;
            }
            let source = config.root.join(dir).join(&file.name);
            match file.size {
                Some(size)
                    if config.images.process && crate::images::Format::of(&file.name).is_some() =>
                {
                    images.push(crate::images::Source {
                        file: source,
                        shown: shown.parent().unwrap_or(Path::new("")).join(&file.name),
                        output: path,
                        size,
                    });
                }
                _ => files.push(StaticFile {
                    path,
                    source: StaticSource::Disk(source),
                }),
            }
        }
    }
    Outputs {
        files,
        images,
        problems,
    }
}

/// What the bundles of a build publish.
pub(crate) struct Outputs {
    /// Files copied as they are.
    pub files: Vec<StaticFile>,
    /// Images the image stage processes.
    pub images: Vec<crate::images::Source>,
    /// Files that cannot be published.
    pub problems: Vec<Diagnostic>,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(path: &str) -> Found {
        Found {
            path: PathBuf::from(path),
            stamp: None,
            symlink: false,
            regular: true,
        }
    }

    #[test]
    fn a_bundle_owns_its_folder_and_subfolders_but_content_is_never_one() {
        let files: Vec<Found> = [
            "content/index.md",
            "content/a.md",
            "content/2016/story/a.jpg",
            "content/2016/story/index.md",
            "content/2016/story/files/r.pdf",
            "content/2016/story/inner/index.md",
            "content/2016/story/index.html",
            "content/2016/other.md",
            "content/2016/saved/index.html",
            "content/2016/saved/index_files/a.png",
        ]
        .into_iter()
        .map(found)
        .collect();
        let finder = Finder::new(&files);
        let dir = Path::new("content/2016/story");
        for (path, expected) in [
            ("content/index.md", None),
            ("content/a.md", None),
            ("content/2016/other.md", None),
            ("content/2016/story/index.md", Some(true)),
            ("content/2016/story/a.jpg", Some(false)),
            ("content/2016/story/files/r.pdf", Some(false)),
            ("content/2016/story/inner/index.md", Some(false)),
            ("content/2016/story/index.html", Some(false)),
            ("content/2016/saved/index.html", Some(true)),
            ("content/2016/saved/index_files/a.png", Some(false)),
        ] {
            let role = match finder.role(Path::new(path)) {
                Role::Alone => None,
                Role::Leader(d) => Some((true, d)),
                Role::Member(d, _) => Some((false, d)),
            };
            assert_eq!(role.map(|r| r.0), expected, "{path}");
            if let Some((_, d)) = role.filter(|_| path.contains("story")) {
                assert_eq!(d, dir);
            }
        }
        assert_eq!(
            name_in(dir, Path::new("content/2016/story/files/r.pdf")).as_deref(),
            Some("files/r.pdf")
        );
    }

    #[test]
    fn references_name_bundle_files_only_inside_the_folder() {
        let names: HashSet<String> = ["photo.jpg", "files/a b.pdf"]
            .into_iter()
            .map(String::from)
            .collect();
        for (dest, expected) in [
            ("photo.jpg", Some("photo.jpg")),
            ("./photo.jpg?w=1#x", Some("photo.jpg")),
            ("files/a%20b.pdf", Some("files/a b.pdf")),
            ("files/../photo.jpg", Some("photo.jpg")),
            ("../story/photo.jpg", None),
            ("/photo.jpg", None),
            ("https://e.org/photo.jpg", None),
            ("javascript:photo.jpg", None),
            ("#photo.jpg", None),
            ("other.jpg", None),
        ] {
            assert_eq!(resolve(dest, &names), expected, "{dest}");
        }
        assert_eq!(suffix("a.jpg?x#y"), "?x#y");
        assert_eq!(
            file_url("/2016/story/", "files/a b.pdf"),
            "/2016/story/files/a%20b.pdf"
        );
        assert_eq!(file_url("/2016/story.html", "a.jpg"), "/2016/a.jpg");
        assert_eq!(
            output_path("/2016/story/", "files/a.pdf").unwrap(),
            Path::new("2016/story/files/a.pdf")
        );
    }

    #[test]
    fn a_bundle_file_changes_its_articles_stamp() {
        let stamp = Stamp {
            size: 10,
            modified: 100,
            bundle: 0,
        };
        let file = Stamp {
            size: 5,
            modified: 200,
            bundle: 0,
        };
        let bundle = |files: &[(&str, Stamp)]| Bundle {
            dir: PathBuf::from("content/x"),
            files: files
                .iter()
                .map(|(n, s)| (n.to_string(), Some(*s)))
                .collect(),
        };
        let one = bundle(&[("a.jpg", file)]).stamp(Some(stamp)).unwrap();
        assert_eq!(one.modified, 200);
        assert_ne!(one.bundle, 0);
        for other in [
            bundle(&[]),
            bundle(&[("b.jpg", file)]),
            bundle(&[("a.jpg", Stamp { size: 6, ..file })]),
            bundle(&[("a.jpg", file), ("b.jpg", file)]),
        ] {
            assert_ne!(other.stamp(Some(stamp)), Some(one), "{other:?}");
        }
        let mut unknown = bundle(&[("a.jpg", file)]);
        unknown.files[0].1 = None;
        assert_eq!(unknown.stamp(Some(stamp)), None);
    }
}

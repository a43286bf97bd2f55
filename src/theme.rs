//! Finding a theme's templates and static files, with the site's own overrides.
//!
//! A theme is `themes/<name>/templates/` and `themes/<name>/static/` in the site. The default
//! theme is also built into the binary, so a site without a `themes/` folder still builds, and
//! its templates sit under every theme: a theme only needs the templates it changes. A
//! site's `templates/` replaces theme templates of the same name, and its `static/` files
//! replace theme static files at the same path.

use std::borrow::Cow;
use std::path::{Path, PathBuf};

use rust_embed::RustEmbed;
use walkdir::WalkDir;

use crate::config::Config;
use crate::error::Diagnostic;

/// The default theme, compiled in.
#[derive(RustEmbed)]
#[folder = "themes/default/"]
struct DefaultTheme;

/// One template: its name as templates refer to it, its text, and where it came from.
#[derive(Debug, Clone)]
pub struct Template {
    /// The name, e.g. `article.html` or `partials/nav.html`.
    pub name: String,
    /// The template text.
    pub source: String,
    /// The file it was read from (or `<built-in>/…` for the embedded theme), for messages.
    pub origin: PathBuf,
}

/// Where a static file's bytes come from.
#[derive(Debug, Clone)]
pub enum StaticSource {
    /// A file on disk.
    Disk(PathBuf),
    /// A file of the built-in default theme.
    BuiltIn(String),
}

/// One static file to copy into the output as is.
#[derive(Debug, Clone)]
pub struct StaticFile {
    /// Where it goes, relative to the output folder.
    pub path: PathBuf,
    /// Where it comes from.
    pub source: StaticSource,
}

impl StaticFile {
    /// The file's bytes.
    pub fn bytes(&self) -> crate::Result<Cow<'static, [u8]>> {
        match &self.source {
            StaticSource::Disk(path) => crate::fs::read(path).map(Cow::Owned),
            StaticSource::BuiltIn(name) => DefaultTheme::get(name)
                .map(|f| f.data)
                .ok_or_else(|| crate::Error::io(name, std::io::ErrorKind::NotFound.into())),
        }
    }
}

/// A file of the built-in default theme by its path in the theme (`archetypes/article.md`).
pub(crate) fn builtin(name: &str) -> Option<Cow<'static, [u8]>> {
    DefaultTheme::get(name).map(|f| f.data)
}

/// A theme with the site's overrides applied.
#[derive(Debug, Clone, Default)]
pub struct Theme {
    /// Every template, overrides included, sorted by name.
    pub templates: Vec<Template>,
    /// Every static file, overrides included, sorted by path.
    pub static_files: Vec<StaticFile>,
}

/// Resolves the site's theme and overrides.
pub(crate) fn load(config: &Config) -> Result<Theme, Vec<Diagnostic>> {
    let themes = config.root.join("themes");
    let folder = themes.join(&config.theme);
    let mut problems = Vec::new();
    let mut templates = std::collections::BTreeMap::new();
    let mut statics = std::collections::BTreeMap::new();
    // The built-in default theme is the bottom layer: a theme that lacks a page template
    // (say a theme written before date archives existed) still builds with the default's.
    for name in DefaultTheme::iter() {
        if let Some(template) = name.strip_prefix("templates/") {
            let file = DefaultTheme::get(&name).expect("listed by iter");
            let source = String::from_utf8_lossy(&file.data).into_owned();
            templates.insert(
                template.to_string(),
                Template {
                    name: template.to_string(),
                    source,
                    origin: PathBuf::from("<built-in default theme>").join(name.as_ref()),
                },
            );
        } else if let Some(file) = name.strip_prefix("static/") {
            if config.theme == "default" && !folder.is_dir() {
                statics.insert(
                    file.to_string(),
                    StaticFile {
                        path: PathBuf::from(file),
                        source: StaticSource::BuiltIn(name.to_string()),
                    },
                );
            }
        }
    }
    if folder.is_dir() {
        for (name, path) in files(&folder.join("templates"), &mut problems) {
            match crate::fs::read_to_string(&path) {
                Ok(source) => {
                    templates.insert(
                        name.clone(),
                        Template {
                            name,
                            source,
                            origin: path,
                        },
                    );
                }
                Err(e) => problems.push(Diagnostic::new(&path, e.to_string())),
            }
        }
        for (name, path) in files(&folder.join("static"), &mut problems) {
            statics.insert(
                name.clone(),
                StaticFile {
                    path: PathBuf::from(name),
                    source: StaticSource::Disk(path),
                },
            );
        }
    } else if config.theme != "default" {
        let available: Vec<String> = crate::fs::read_dir(&themes)
            .map(|entries| {
                entries
                    .filter_map(|e| e.ok())
                    .filter(|e| e.path().is_dir())
                    .map(|e| e.file_name().to_string_lossy().into_owned())
                    .collect()
            })
            .unwrap_or_default();
        let help = if available.is_empty() {
            "set theme = \"default\" in site.toml, or add the theme's folder under themes/"
                .to_string()
        } else {
            format!(
                "themes in this site: {}; or use the built-in \"default\"",
                available.join(", ")
            )
        };
        problems.push(
            Diagnostic::new(
                config.root.join(crate::config::CONFIG_FILE),
                format!(
                    "theme `{}` not found: there is no folder {}",
                    config.theme,
                    folder.display()
                ),
            )
            .help(help),
        );
        return Err(problems);
    }
    for (name, path) in files(&config.root.join("templates"), &mut problems) {
        match crate::fs::read_to_string(&path) {
            Ok(source) => {
                templates.insert(
                    name.clone(),
                    Template {
                        name,
                        source,
                        origin: path,
                    },
                );
            }
            Err(e) => problems.push(Diagnostic::new(&path, e.to_string())),
        }
    }
    for (name, path) in files(&config.root.join("static"), &mut problems) {
        statics.insert(
            name.clone(),
            StaticFile {
                path: PathBuf::from(name),
                source: StaticSource::Disk(path),
            },
        );
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    Ok(Theme {
        templates: templates.into_values().collect(),
        static_files: statics.into_values().collect(),
    })
}

/// The files under `dir` as (name with `/` separators, path), skipping editor temp files and
/// symlinks that lead out of `dir`. A missing folder has no files.
fn files(dir: &Path, problems: &mut Vec<Diagnostic>) -> Vec<(String, PathBuf)> {
    if !dir.is_dir() {
        return Vec::new();
    }
    let real_dir = crate::fs::canonicalize(dir).unwrap_or_else(|_| dir.to_path_buf());
    let mut found = Vec::new();
    let walker = WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| {
            let name = e.file_name().to_string_lossy();
            e.depth() == 0
                || !(name.ends_with('~')
                    || name.ends_with(".swp")
                    || name.starts_with(".#")
                    || name == ".DS_Store"
                    || name == ".git")
        });
    for entry in walker {
        let entry = match entry {
            Ok(e) => e,
            Err(e) => {
                problems.push(Diagnostic::new(
                    e.path().unwrap_or(dir),
                    format!("could not be read: {e}"),
                ));
                continue;
            }
        };
        if entry.path_is_symlink() {
            match crate::fs::canonicalize(entry.path()) {
                Ok(target) if target.starts_with(&real_dir) && target.is_file() => {}
                _ => continue,
            }
        } else if !entry.file_type().is_file() {
            continue;
        }
        let Ok(relative) = entry.path().strip_prefix(dir) else {
            continue;
        };
        let name = relative
            .iter()
            .map(|p| p.to_string_lossy())
            .collect::<Vec<_>>()
            .join("/");
        found.push((name, entry.path().to_path_buf()));
    }
    found
}

#[cfg(test)]
#[path = "theme_tests.rs"]
mod tests;

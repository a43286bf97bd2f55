//! A theme's templates, compiled with tera and checked up front: every syntax error of every
//! template, and every missing required template, is reported at once, then inheritance and
//! includes are checked by compiling them together.

use std::collections::HashMap;
use std::path::PathBuf;

use tera::Tera;

use super::{escape, words};
use crate::config::Config;
use crate::error::Diagnostic;
use crate::theme::Theme;

/// The templates every theme must have.
pub const REQUIRED_TEMPLATES: &[&str] = &[
    "index.html",
    "article.html",
    "topics.html",
    "topic.html",
    "archive.html",
    "year.html",
    "month.html",
    "authors.html",
    "author.html",
    "sources.html",
    "source.html",
    "404.html",
];

/// A theme's templates, compiled and checked.
pub struct Templates {
    pub(super) tera: Tera,
    pub(super) origins: HashMap<String, PathBuf>,
}

impl Templates {
    /// Compiles every template of `theme`, reporting every error at once.
    pub fn load(config: &Config, theme: &Theme) -> Result<Templates, Vec<Diagnostic>> {
        Ok(Templates {
            tera: compile(config, theme)?,
            origins: theme
                .templates
                .iter()
                .map(|t| (t.name.clone(), t.origin.clone()))
                .collect(),
        })
    }
}

/// Compiles every template: each alone first, so every syntax error is reported, then all
/// together, which checks inheritance and includes.
fn compile(config: &Config, theme: &Theme) -> Result<Tera, Vec<Diagnostic>> {
    let mut problems = Vec::new();
    for template in &theme.templates {
        if let Err(e) = tera::Template::new(&template.name, None, &template.source) {
            problems.push(
                Diagnostic::new(
                    &template.origin,
                    format!("template does not parse: {}", error_chain(&e)),
                )
                .help("fix the tera syntax: {{ variable }}, {% tag %}, {# comment #}"),
            );
        }
    }
    let names: Vec<&str> = theme.templates.iter().map(|t| t.name.as_str()).collect();
    for required in REQUIRED_TEMPLATES {
        if !names.contains(required) {
            problems.push(
                Diagnostic::new(config.root.join("templates").join(required), format!("the theme `{}` has no {required} template", config.theme))
                    .help(format!("add templates/{required} to the site or themes/{}/templates/{required} to the theme", config.theme)),
            );
        }
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    let mut tera = Tera::default();
    tera.autoescape_on(vec![".html", ".htm", ".xml"]);
    tera.set_escape_fn(escape);
    register_functions(&mut tera, config);
    tera.add_raw_templates(
        theme
            .templates
            .iter()
            .map(|t| (t.name.as_str(), t.source.as_str())),
    )
    .map_err(|e| {
        vec![Diagnostic::new(
            config.root.join("templates"),
            format!("templates do not fit together: {}", error_chain(&e)),
        )
        .help("check {% extends %} and {% include %} names against the template files")]
    })?;
    Ok(tera)
}

/// Functions templates can call: `url(path="style.css")` gives a path under the base path,
/// percent-encoded as every link gazette writes; and the filters that put the theme's
/// strings together (see [`words`]).
fn register_functions(tera: &mut Tera, config: &Config) {
    tera.register_filter("count", words::count);
    tera.register_filter("fill", words::fill);
    tera.register_filter("links", words::links);
    let base_path = config.base_path.clone();
    tera.register_function("url", move |args: &HashMap<String, tera::Value>| {
        let path = args
            .get("path")
            .and_then(|p| p.as_str())
            .ok_or_else(|| tera::Error::msg("url() needs path=\"…\""))?;
        Ok(tera::Value::String(format!(
            "{base_path}{}",
            crate::permalink::encode(path.trim_start_matches('/'))
        )))
    });
}

/// Tera nests the real cause several errors deep; show the whole chain on one line.
pub(super) fn error_chain(error: &tera::Error) -> String {
    let mut parts = vec![error.to_string()];
    let mut source = std::error::Error::source(error);
    while let Some(e) = source {
        parts.push(e.to_string());
        source = e.source();
    }
    parts.join(": ")
}

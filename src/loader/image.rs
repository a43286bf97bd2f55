//! The lead image in front matter, read into an [`Image`]: `image` as an address
//! (`image = "photo.jpg"`) or as a table (`image = { src = "…", alt = "…", caption = "…",
//! credit = "…", focal_point = "…" }`, in TOML or YAML), or else the first of Hugo's
//! `images = ["…"]` (issue 18). Kept apart from the other keys' reader so that the rules of
//! one front-matter form are in one place.

use serde_json::{Map, Value};

use crate::article::Image;
use crate::web::is_web_address;

/// The keys an image table may have.
const TABLE_KEYS: &[&str] = &["src", "alt", "caption", "credit", "focal_point"];

/// What is wrong with an image in front matter: the key to point at, what, and how to fix it.
#[derive(Debug)]
pub(crate) struct Problem {
    pub key: &'static str,
    pub message: String,
    pub help: String,
}

impl Problem {
    fn new(key: &'static str, message: String, help: impl Into<String>) -> Problem {
        Problem {
            key,
            message,
            help: help.into(),
        }
    }
}

/// The lead image the front matter gives: `image`, else the first of `images`; every problem
/// of either key.
pub(crate) fn lead_image(fields: &Map<String, Value>) -> (Option<Image>, Vec<Problem>) {
    let mut problems = Vec::new();
    let mut read = |key: &'static str, value: &Value| match image(key, value) {
        Ok(image) => Some(image),
        Err(problem) => {
            problems.push(problem);
            None
        }
    };
    let lead = match (
        fields.get("image").filter(|v| !v.is_null()),
        fields.get("images").filter(|v| !v.is_null()),
    ) {
        (Some(value), _) => read("image", value),
        (None, Some(Value::Array(items))) => items.first().and_then(|v| read("images", v)),
        (None, Some(Value::String(_))) => {
            problems.push(Problem::new(
                "images",
                "`images` must be a list".into(),
                "write images = [\"photo.jpg\"], or image = \"photo.jpg\" for one",
            ));
            None
        }
        (None, Some(other)) => read("images", other),
        (None, None) => None,
    };
    (lead, problems)
}

/// One image: an address as text, or a table with `src`.
fn image(key: &'static str, value: &Value) -> Result<Image, Problem> {
    let example = "image = { src = \"photo.jpg\", alt = \"What it shows\", caption = \"…\", credit = \"Photo: …\" }";
    let image = match value {
        Value::String(src) => Image {
            src: src.trim().to_string(),
            ..Image::default()
        },
        Value::Object(table) => {
            if let Some(unknown) = table.keys().find(|k| !TABLE_KEYS.contains(&k.as_str())) {
                return Err(Problem::new(
                    key,
                    format!("`{key}` has an unknown key `{unknown}`"),
                    format!(
                        "an image table has src, alt, caption, credit and focal_point: {example}"
                    ),
                ));
            }
            let text = |name: &str| -> Result<Option<String>, Problem> {
                match table.get(name) {
                    None | Some(Value::Null) => Ok(None),
                    Some(Value::String(s)) if !s.trim().is_empty() => {
                        Ok(Some(s.trim().to_string()))
                    }
                    Some(Value::String(_)) => Err(Problem::new(
                        key,
                        format!("`{key}`'s `{name}` is empty"),
                        format!("give `{name}` a value or leave it out"),
                    )),
                    Some(other) => Err(Problem::new(
                        key,
                        format!("`{key}`'s `{name}` must be text, not {other}"),
                        format!("put the value in quotes: {name} = \"…\""),
                    )),
                }
            };
            let Some(src) = text("src")? else {
                return Err(Problem::new(
                    key,
                    format!("`{key}` has no `src`"),
                    format!("say where the image is: {example}"),
                ));
            };
            Image {
                src,
                alt: text("alt")?,
                caption: text("caption")?,
                credit: text("credit")?,
                focal_point: text("focal_point")?,
                width: None,
                height: None,
                variants: Vec::new(),
            }
        }
        other => {
            return Err(Problem::new(
                key,
                format!("`{key}` must be text or a table, not {other}"),
                format!("write image = \"photo.jpg\", or {example}"),
            ))
        }
    };
    if image.src.is_empty() {
        return Err(Problem::new(
            key,
            format!("`{key}` is empty"),
            format!("give `{key}` a value or remove the line"),
        ));
    }
    if !is_web_address(&image.src) && !is_relative(&image.src) {
        return Err(Problem::new(
            key,
            format!(
                "`{key}` = {:?} is neither a web address nor a path in the site",
                image.src
            ),
            "use an http(s):// address, a path such as \"/images/lead.jpg\", or the name of a file beside index.md",
        ));
    }
    Ok(image)
}

/// A path with no scheme: `/images/a.jpg` or `images/a.jpg`, not `javascript:…` or `//host`.
pub(super) fn is_relative(text: &str) -> bool {
    let before_slash = text.split(['/', '?', '#']).next().unwrap_or("");
    !before_slash.contains(':') && !text.starts_with("//") && !text.contains(char::is_whitespace)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The fields of TOML front matter and of the same in YAML.
    fn both(toml: &str, yaml: &str) -> [Map<String, Value>; 2] {
        let parse = |text: String| {
            let split = crate::loader::frontmatter::split(&text).unwrap();
            crate::loader::frontmatter::parse(&split).unwrap()
        };
        [
            parse(format!("+++\n{toml}\n+++\n")),
            parse(format!("---\n{yaml}\n---\n")),
        ]
    }

    #[test]
    fn an_image_table_gives_every_field_in_toml_and_yaml() {
        for fields in both(
            "image = { src = \"photo.jpg\", alt = \"A flood\", caption = \"Water\", credit = \"Photo: J\", focal_point = \"top\" }",
            "image:\n  src: photo.jpg\n  alt: A flood\n  caption: Water\n  credit: \"Photo: J\"\n  focal_point: top",
        ) {
            let (image, problems) = lead_image(&fields);
            assert!(problems.is_empty(), "{problems:?}");
            assert_eq!(
                image.unwrap(),
                Image {
                    src: "photo.jpg".into(),
                    alt: Some("A flood".into()),
                    caption: Some("Water".into()),
                    credit: Some("Photo: J".into()),
                    focal_point: Some("top".into()),
                    width: None,
                    height: None,
                    variants: Vec::new(),
                }
            );
        }
    }

    #[test]
    fn the_first_of_images_is_the_lead_and_image_comes_first() {
        for fields in both("images = [\"a.jpg\", \"b.jpg\"]", "images: [a.jpg, b.jpg]") {
            assert_eq!(lead_image(&fields).0.unwrap().src, "a.jpg");
        }
        for fields in both(
            "image = \"lead.jpg\"\nimages = [\"a.jpg\"]",
            "image: lead.jpg\nimages: [a.jpg]",
        ) {
            assert_eq!(lead_image(&fields).0.unwrap().src, "lead.jpg");
        }
    }

    #[test]
    fn bad_images_are_problems_on_their_key() {
        for (toml, yaml, key, says) in [
            (
                "image = { alt = \"x\" }",
                "image: {alt: x}",
                "image",
                "no `src`",
            ),
            (
                "image = { src = \"a.jpg\", credits = \"x\" }",
                "image: {src: a.jpg, credits: x}",
                "image",
                "unknown key `credits`",
            ),
            (
                "image = { src = \"a.jpg\", alt = \"\" }",
                "image: {src: a.jpg, alt: \"\"}",
                "image",
                "empty",
            ),
            ("image = 3", "image: 3", "image", "text or a table"),
            (
                "image = \"javascript:alert(1)\"",
                "image: \"javascript:alert(1)\"",
                "image",
                "neither",
            ),
            ("images = \"a.jpg\"", "images: a.jpg", "images", "a list"),
            (
                "images = [{ src = \"//evil.example/x\" }]",
                "images: [{src: //evil.example/x}]",
                "images",
                "neither",
            ),
        ] {
            for fields in both(toml, yaml) {
                let (image, problems) = lead_image(&fields);
                assert!(image.is_none(), "{toml}");
                assert_eq!(problems.len(), 1, "{toml}: {problems:?}");
                assert_eq!(problems[0].key, key);
                assert!(problems[0].message.contains(says), "{toml}: {problems:?}");
            }
        }
    }
}

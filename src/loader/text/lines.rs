//! What one line of raw text is: blank, furniture, a "READ MORE" pointer, part of a video
//! block, a date line, a byline, or text.
//!
//! Lines are classified one by one, before any structure is read, so the rules stay small
//! regular expressions that can be tested line by line.

use std::sync::OnceLock;

use regex::Regex;

use super::dates::news_date;
use super::{unquoted, Rules};

/// What one line is.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum Kind {
    Blank,
    Header,
    Furniture(String),
    ReadMore(String),
    ClickToPlay(String),
    Watch(String),
    Duration(String),
    Dated {
        date: Option<String>,
        updated: Option<String>,
    },
    Byline(String),
    Text,
}

/// Classifies one trimmed line.
pub(super) fn classify(line: &str, rules: &Rules) -> Kind {
    if line.is_empty() {
        return Kind::Blank;
    }
    if let Some(rule) = rules.furniture(line) {
        return Kind::Furniture(rule.to_string());
    }
    let re = patterns();
    if let Some(c) = re.read_more.captures(line) {
        return Kind::ReadMore(c[1].trim().to_string());
    }
    if let Some(c) = re.click_to_play.captures(line) {
        let title = unquoted(c[1].trim());
        if !title.is_empty() {
            return Kind::ClickToPlay(title.to_string());
        }
    }
    if let Some(c) = re.watch.captures(line) {
        return Kind::Watch(c[1].trim().to_string());
    }
    if let Some(c) = re.duration.captures(line) {
        return Kind::Duration(c[1].to_string());
    }
    if let Some(kind) = dated(line) {
        return kind;
    }
    if let Some(c) = re.byline.captures(line) {
        let names = c[1].trim();
        if names.split_whitespace().count() <= 12
            && !names.ends_with('.')
            && names.starts_with(|c: char| c.is_uppercase())
        {
            return Kind::Byline(names.to_string());
        }
    }
    Kind::Text
}

pub(super) struct Patterns {
    pub(super) read_more: Regex,
    click_to_play: Regex,
    watch: Regex,
    duration: Regex,
    byline: Regex,
    label: Regex,
}

pub(super) fn patterns() -> &'static Patterns {
    static PATTERNS: OnceLock<Patterns> = OnceLock::new();
    PATTERNS.get_or_init(|| Patterns {
        read_more: Regex::new(r"(?i)^(?:read more|related|more on this)\s*:\s*(\S.*)$").expect("regex"),
        click_to_play: Regex::new(r"(?i)^click to play video\s*:\s*(\S.*)$").expect("regex"),
        watch: Regex::new(r"(?i)^watch(?: above| below| here)?\s*:\s*(\S.*)$").expect("regex"),
        duration: Regex::new(r"(?i)^duration\s*:?\s*(\d{1,2}(?::\d{2}){1,2})$").expect("regex"),
        byline: Regex::new(r"^By\s+(\S.{0,99})$").expect("regex"),
        label: Regex::new(
            r"(?i)^(posted|published|first published|date|last updated|updated|modified)(?:\s+on)?\s*:?\s*(.*)$",
        )
        .expect("regex"),
    })
}

/// A date line: "Jan 19, 2016", "Posted: Nov 17, 2015 5:32 PM ET | Last Updated: Nov 18,
/// 2015", "Kristy Kirkup · The Canadian Press · Posted: …". Relative phrases never count.
pub(super) fn dated(line: &str) -> Option<Kind> {
    if line.chars().count() > 200 {
        return None;
    }
    let mut date = None;
    let mut updated = None;
    let mut other = 0;
    for part in line
        .split(['|', '·', '•'])
        .map(str::trim)
        .filter(|p| !p.is_empty())
    {
        let (label, rest) = match patterns().label.captures(part) {
            Some(c) => (
                Some(c[1].to_ascii_lowercase()),
                c.get(2).map_or("", |m| m.as_str()),
            ),
            None => (None, part),
        };
        match news_date(rest) {
            Some(d) => match label.as_deref() {
                Some("last updated" | "updated" | "modified") => updated = updated.or(Some(d)),
                _ => date = date.or(Some(d)),
            },
            None if part.chars().count() <= 60 => other += 1,
            None => return None,
        }
    }
    let found = date.is_some() || updated.is_some();
    // "Jan 19, 2016" alone is a date line; so is one with a byline beside the date, but a
    // line of several unlabelled bits with one date is more likely text.
    (found && other <= 3).then_some(Kind::Dated { date, updated })
}

//! Raw text saved off a news page -> front-matter fields and a Markdown body.
//!
//! A pure function of the text and the [`Rules`]: no disk, no clock. Each line is classified
//! (page furniture, "READ MORE" pointer, video block line, date line, byline, text), then the
//! text lines are read as a headline, an optional standfirst and the body's paragraphs.
//! Nothing of value is dropped silently: furniture is listed in [`Normalised::dropped`],
//! "READ MORE" headlines and video descriptions are kept as lists, and every other line ends
//! up, in order and with its punctuation untouched, in a field or in the body. The seeds in
//! `shared/seeds/` are the reference cases (issue 8).

use serde_json::{Map, Value};

use crate::article::{Media, Source};
use crate::loader::pelican;

mod body;
mod dates;
mod lines;
mod rules;
#[cfg(test)]
mod tests;

pub use body::escape_markdown;
pub use dates::news_date;
pub use rules::Rules;

use body::markdown_body;
use lines::{classify, patterns, Kind};

/// A line dropped as page furniture.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Dropped {
    /// 1-based line in the file.
    pub line: usize,
    /// The line, trimmed.
    pub text: String,
    /// The rule that matched, e.g. "advertisement" or `site.toml rule "^Subscribe"`.
    pub rule: String,
}

/// A date found in the text, in a form [`crate::date::parse`] reads.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FoundDate {
    /// `2016-01-19`, `2015-11-17 17:32` or RFC 3339 with an offset.
    pub value: String,
    /// Where it was found, for the import report: "the video caption on line 7".
    pub found: String,
}

/// What the normaliser read out of a raw-text article.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Normalised {
    /// `Key: value` lines at the top of the file (`Date: 2015-11-17`), as front-matter fields;
    /// they take precedence over what was read from the text.
    pub headers: Map<String, Value>,
    /// The header lines, one per line, for locating a bad header's line.
    pub header_front: String,
    /// The headline: the first meaningful line.
    pub title: Option<String>,
    /// The publication date.
    pub date: Option<FoundDate>,
    /// The last update ("Updated: …").
    pub updated: Option<FoundDate>,
    /// The standfirst (dek): the paragraph under the headline, set apart from the body by a
    /// video, a byline or a date line.
    pub standfirst: Option<String>,
    /// The byline as printed, without "By ".
    pub byline: Option<String>,
    /// Author names read from the byline.
    pub authors: Vec<String>,
    /// The date line(s) as printed.
    pub dateline: Option<String>,
    /// The outlet, recognised by its signatures.
    pub source: Option<Source>,
    /// "READ MORE: …" headlines, in order.
    pub related_headlines: Vec<String>,
    /// Video blocks, in order.
    pub media: Vec<Media>,
    /// The body as Markdown: paragraphs in order, text escaped so it renders as written.
    pub body: String,
    /// Lines dropped as page furniture.
    pub dropped: Vec<Dropped>,
}

impl Normalised {
    /// The article as front-matter fields, for the shared normaliser (`record`). Header lines
    /// win over what was read from the text.
    pub fn fields(&self) -> Map<String, Value> {
        let mut fields = Map::new();
        let mut put = |key: &str, value: Value| {
            fields.insert(key.to_string(), value);
        };
        if let Some(title) = &self.title {
            put("title", Value::String(title.clone()));
        }
        if let Some(date) = &self.date {
            put("date", Value::String(date.value.clone()));
        }
        if let Some(updated) = &self.updated {
            put("updated", Value::String(updated.value.clone()));
        }
        if let Some(source) = &self.source {
            let mut table = Map::new();
            table.insert("name".into(), Value::String(source.name.clone()));
            if let Some(url) = &source.url {
                table.insert("url".into(), Value::String(url.clone()));
            }
            put("source", Value::Object(table));
        }
        if !self.authors.is_empty() {
            put("authors", strings(&self.authors));
        }
        for (key, value) in [
            ("standfirst", &self.standfirst),
            ("byline", &self.byline),
            ("dateline", &self.dateline),
        ] {
            if let Some(value) = value {
                put(key, Value::String(value.clone()));
            }
        }
        if !self.related_headlines.is_empty() {
            put("related_headlines", strings(&self.related_headlines));
        }
        if !self.media.is_empty() {
            put("media", media_value(&self.media));
        }
        for (key, value) in &self.headers {
            // `updated` from the text would shadow a header's `modified`.
            if key == "modified" {
                fields.remove("updated");
            }
            fields.insert(key.clone(), value.clone());
        }
        fields
    }
}

fn strings(items: &[String]) -> Value {
    Value::Array(items.iter().cloned().map(Value::String).collect())
}

/// `media` as front matter: a list of `{title, caption, duration}` tables.
pub(crate) fn media_value(media: &[Media]) -> Value {
    Value::Array(
        media
            .iter()
            .map(|m| {
                let mut t = Map::new();
                t.insert("title".into(), Value::String(m.title.clone()));
                if let Some(c) = &m.caption {
                    t.insert("caption".into(), Value::String(c.clone()));
                }
                if let Some(d) = &m.duration {
                    t.insert("duration".into(), Value::String(d.clone()));
                }
                Value::Object(t)
            })
            .collect(),
    )
}

/// One line of the file.
#[derive(Debug, Clone)]
struct Line<'a> {
    /// 1-based.
    no: usize,
    text: &'a str,
    kind: Kind,
}

/// A paragraph of text lines, or a marker that separates the headline zone from the body.
#[derive(Debug)]
enum Item<'a> {
    Para(Vec<&'a str>),
    /// A video, a byline or a date line: these sit between a standfirst and the body.
    Marker,
}

/// Normalises raw text. Never panics, whatever the text.
pub fn normalise(text: &str, rules: &Rules) -> Normalised {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut out = Normalised::default();
    let header_lines = match pelican::split(text, true) {
        Some(h) => {
            out.headers = h.fields;
            out.header_front = h.front;
            h.lines
        }
        None => 0,
    };
    read_header_dates(&mut out);
    let lines: Vec<Line> = text
        .split('\n')
        .enumerate()
        .map(|(i, raw)| {
            let trimmed = raw.trim();
            let kind = if i < header_lines {
                Kind::Header
            } else {
                classify(trimmed, rules)
            };
            Line {
                no: i + 1,
                text: trimmed,
                kind,
            }
        })
        .collect();
    out.source = rules.source_of(text);

    let mut items: Vec<Item> = Vec::new();
    let mut posted: Option<FoundDate> = None;
    let mut caption_date: Option<FoundDate> = None;
    let mut updated: Option<FoundDate> = None;
    let mut datelines: Vec<&str> = Vec::new();
    let mut body_started = false;

    // Blocks: runs of lines between blank lines; furniture is dropped without ending a block.
    let mut blocks: Vec<Vec<&Line>> = vec![Vec::new()];
    for line in &lines {
        match &line.kind {
            Kind::Blank | Kind::Header => {
                if !blocks.last().is_some_and(Vec::is_empty) {
                    blocks.push(Vec::new());
                }
            }
            Kind::Furniture(rule) => out.dropped.push(Dropped {
                line: line.no,
                text: line.text.to_string(),
                rule: rule.clone(),
            }),
            _ => blocks.last_mut().expect("one block").push(line),
        }
    }

    for block in blocks.iter().filter(|b| !b.is_empty()) {
        let mut para: Vec<&str> = Vec::new();
        let mut i = 0;
        while i < block.len() {
            let line = block[i];
            match &line.kind {
                Kind::ReadMore(headline) => {
                    flush(&mut items, &mut para);
                    out.related_headlines.push(headline.clone());
                }
                Kind::ClickToPlay(title) => {
                    flush(&mut items, &mut para);
                    let mut media = Media {
                        title: title.clone(),
                        caption: None,
                        duration: None,
                    };
                    // The player repeats the title on the next line.
                    if block
                        .get(i + 1)
                        .is_some_and(|next| next.kind == Kind::Text && unquoted(next.text) == title)
                    {
                        i += 1;
                    }
                    i = media_tail(block, i, &mut media, &mut caption_date);
                    out.media.push(media);
                    items.push(Item::Marker);
                }
                Kind::Watch(caption) => {
                    // A caption with no title line: the last text line of the block, if it is
                    // short, is the video's title.
                    let title = take_title(&mut para, &mut items);
                    flush(&mut items, &mut para);
                    if caption_date.is_none() {
                        caption_date = trailing_date(caption, line.no);
                    }
                    let mut media = Media {
                        title: title.unwrap_or_else(|| caption.clone()),
                        caption: None,
                        duration: None,
                    };
                    if media.title != *caption {
                        media.caption = Some(caption.clone());
                    }
                    i = media_tail(block, i, &mut media, &mut caption_date);
                    out.media.push(media);
                    items.push(Item::Marker);
                }
                Kind::Duration(duration) => {
                    let title = take_title(&mut para, &mut items);
                    flush(&mut items, &mut para);
                    // The description follows the duration, to the end of the block.
                    let mut caption: Vec<&str> = Vec::new();
                    while block.get(i + 1).is_some_and(|l| l.kind == Kind::Text) {
                        i += 1;
                        caption.push(block[i].text);
                    }
                    let caption = (!caption.is_empty()).then(|| caption.join(" "));
                    let (title, caption) = match (title, caption) {
                        (Some(t), c) => (t, c),
                        (None, Some(c)) => (c, None),
                        (None, None) => ("Video".to_string(), None),
                    };
                    out.media.push(Media {
                        title,
                        caption,
                        duration: Some(duration.clone()),
                    });
                    items.push(Item::Marker);
                }
                Kind::Dated { date, updated: u } => {
                    flush(&mut items, &mut para);
                    datelines.push(line.text);
                    if let (None, Some(d)) = (&posted, date) {
                        posted = Some(FoundDate {
                            value: d.clone(),
                            found: format!("the date line on line {}", line.no),
                        });
                    }
                    if let (None, Some(d)) = (&updated, u) {
                        updated = Some(FoundDate {
                            value: d.clone(),
                            found: format!("the \"Updated\" line on line {}", line.no),
                        });
                    }
                    items.push(Item::Marker);
                }
                Kind::Byline(names) if out.byline.is_none() && !body_started => {
                    flush(&mut items, &mut para);
                    out.byline = Some(names.clone());
                    items.push(Item::Marker);
                }
                _ => {
                    para.push(line.text);
                }
            }
            i += 1;
        }
        flush(&mut items, &mut para);
        // The body has started once two paragraphs follow the headline; bylines after
        // that are sentences ("By the end of the year, …"), not bylines.
        body_started = items.iter().filter(|i| matches!(i, Item::Para(_))).count() >= 3;
    }

    out.date = posted.or(caption_date);
    out.updated = updated;
    if !datelines.is_empty() {
        out.dateline = Some(datelines.join(" | "));
    }
    if let Some(byline) = &out.byline {
        out.authors = authors_of(byline, rules);
    }
    let headline_and_body = split_headline(items, &mut out);
    out.body = markdown_body(&headline_and_body);
    out
}

/// Drops furniture lines from Markdown taken out of a web page and keeps its "READ MORE"
/// headlines: the line rules of raw text, without reading structure into the text. Returns
/// the cleaned Markdown, the dropped lines (numbered within `markdown`) and the headlines.
pub(crate) fn clean_lines(markdown: &str, rules: &Rules) -> (String, Vec<Dropped>, Vec<String>) {
    let mut kept = Vec::new();
    let mut dropped = Vec::new();
    let mut related = Vec::new();
    for (i, line) in markdown.lines().enumerate() {
        let trimmed = line.trim();
        if let Some(rule) = rules.furniture(trimmed) {
            dropped.push(Dropped {
                line: i + 1,
                text: trimmed.to_string(),
                rule: rule.to_string(),
            });
        } else if let Some(c) = patterns().read_more.captures(trimmed) {
            related.push(c[1].trim().to_string());
        } else {
            kept.push(line);
        }
    }
    let mut body = kept.join("\n").trim().to_string();
    if !body.is_empty() {
        body.push('\n');
    }
    (body, dropped, related)
}

/// Reads header dates written in news forms (`Date: Jan 19, 2016`) into accepted forms.
fn read_header_dates(out: &mut Normalised) {
    for key in ["date", "modified", "updated"] {
        if let Some(Value::String(text)) = out.headers.get(key) {
            if !crate::date::is_written_date(text) {
                if let Some(date) = news_date(text) {
                    out.headers.insert(key.into(), Value::String(date));
                }
            }
        }
    }
}

/// Moves the text lines collected so far into a paragraph.
fn flush<'a>(items: &mut Vec<Item<'a>>, para: &mut Vec<&'a str>) {
    if !para.is_empty() {
        items.push(Item::Para(std::mem::take(para)));
    }
}

/// The title of a video block whose first line is its caption or duration: the text line just
/// above it in the same block, or else the paragraph before it if that is one short line
/// without closing punctuation ("Refugee security screening").
fn take_title(para: &mut Vec<&str>, items: &mut Vec<Item>) -> Option<String> {
    if let Some(last) = para.last() {
        if is_title_like(last) {
            return para.pop().map(str::to_string);
        }
        return None;
    }
    if let Some(Item::Para(lines)) = items.last() {
        if lines.len() == 1 && is_title_like(lines[0]) && items.len() > 1 {
            let title = lines[0].to_string();
            items.pop();
            return Some(title);
        }
    }
    None
}

/// After a video's first line: a "WATCH" caption and a duration, if they follow in the block.
fn media_tail(
    block: &[&Line],
    mut i: usize,
    media: &mut Media,
    date: &mut Option<FoundDate>,
) -> usize {
    loop {
        match block.get(i + 1).map(|l| &l.kind) {
            Some(Kind::Watch(caption)) if media.caption.is_none() => {
                if date.is_none() {
                    *date = trailing_date(caption, block[i + 1].no);
                }
                media.caption = Some(caption.clone());
            }
            Some(Kind::Duration(d)) if media.duration.is_none() => {
                media.duration = Some(d.clone());
            }
            _ => return i,
        }
        i += 1;
    }
}

/// A date at the end of a video caption: "… the so-called Islamic State – Jan 19, 2016".
fn trailing_date(caption: &str, line: usize) -> Option<FoundDate> {
    let (_, tail) = caption.rsplit_once(['–', '—', '-'])?;
    news_date(tail).map(|value| FoundDate {
        value,
        found: format!("the video caption on line {line}"),
    })
}

/// Takes the headline (the first paragraph's first line) and the standfirst out of the items,
/// and returns what is left: the body's paragraphs, with `true` for those read as subheadings.
fn split_headline<'a>(items: Vec<Item<'a>>, out: &mut Normalised) -> Vec<(Vec<&'a str>, bool)> {
    let mut items: Vec<Item> = items;
    if let Some(first) = items.iter().position(|i| matches!(i, Item::Para(_))) {
        if let Item::Para(lines) = &mut items[first] {
            out.title = Some(lines.remove(0).to_string());
            if lines.is_empty() {
                items.remove(first);
            }
        }
        // The standfirst: the first paragraph after the headline, when a video, byline or date
        // line sets it apart from the next sentence-like paragraph.
        let candidate = items
            .iter()
            .enumerate()
            .skip(first)
            .find(|(_, i)| matches!(i, Item::Para(_)))
            .map(|(n, _)| n);
        if let Some(n) = candidate {
            let Item::Para(lines) = &items[n] else {
                unreachable!("found as a paragraph")
            };
            let sentence = lines.len() == 1 && is_sentence(lines[0]);
            let mut set_apart = false;
            for item in &items[n + 1..] {
                match item {
                    Item::Marker => {
                        set_apart = true;
                        break;
                    }
                    Item::Para(p) if p.iter().any(|l| is_sentence(l)) => break,
                    Item::Para(_) => {}
                }
            }
            if sentence && set_apart {
                out.standfirst = Some(lines[0].to_string());
                items.remove(n);
            }
        }
    }
    let paras: Vec<Vec<&str>> = items
        .into_iter()
        .filter_map(|i| match i {
            Item::Para(lines) => Some(lines),
            Item::Marker => None,
        })
        .collect();
    let count = paras.len();
    paras
        .iter()
        .enumerate()
        .map(|(n, lines)| {
            let heading = n > 0 && n + 1 < count && lines.len() == 1 && is_subheading(lines[0]);
            (lines.clone(), heading)
        })
        .collect()
}

/// Author names in a byline: "Jane Doe and John Roe, Global News" -> Jane Doe, John Roe.
fn authors_of(byline: &str, rules: &Rules) -> Vec<String> {
    byline
        .split([',', '&', '·', '|'])
        .flat_map(|part| part.split(" and "))
        .map(str::trim)
        .filter(|name| !name.is_empty())
        .filter(|name| {
            !rules
                .sources
                .iter()
                .any(|s| s.name.eq_ignore_ascii_case(name))
                && !name.to_ascii_lowercase().starts_with("the ")
        })
        .map(str::to_string)
        .collect()
}

/// Ends like a sentence, or is too long to be anything else.
fn is_sentence(line: &str) -> bool {
    line.chars().count() > 100
        || line
            .trim_end()
            .ends_with(['.', '!', '?', '…', '"', '”', '’', '\'', ')', '»', ':'])
}

/// A short line without closing punctuation: a video title or a subheading.
fn is_title_like(line: &str) -> bool {
    line.chars().count() <= 120 && !is_sentence(line)
}

/// A subheading: a short, capitalised line of a few words without closing punctuation.
fn is_subheading(line: &str) -> bool {
    line.chars().count() <= 80
        && line.split_whitespace().count() <= 12
        && line.starts_with(|c: char| c.is_uppercase())
        && !line.ends_with([',', ';', '-', '–', '—'])
        && !is_sentence(line)
}

/// A line without the quotes around it.
fn unquoted(line: &str) -> &str {
    line.trim_matches(['\'', '"', '‘', '’', '“', '”']).trim()
}

//! Raw text saved off a news page -> front-matter fields and a Markdown body.
//!
//! A pure function of the text and the [`Rules`]: no disk, no clock. Each line is classified
//! (page furniture, "READ MORE" pointer, video block line, date line, byline, text), then the
//! text lines are read as a headline, an optional standfirst and the body's paragraphs.
//! Nothing of value is dropped silently: furniture is listed in [`Normalised::dropped`],
//! "READ MORE" headlines and video descriptions are kept as lists, and every other line ends
//! up, in order and with its punctuation untouched, in a field or in the body. The seeds in
//! `shared/seeds/` are the reference cases (issue 8).

use std::sync::OnceLock;

use chrono::{NaiveDate, NaiveTime, TimeZone};
use regex::Regex;
use serde_json::{Map, Value};

use crate::article::{Media, Source};
use crate::config::{Config, SourceRule};
use crate::loader::pelican;

/// Built-in furniture rules: (what it is, pattern matched against the trimmed line).
const FURNITURE: &[(&str, &str)] = &[
    ("advertisement", r"(?i)^advertisement$"),
    (
        "advertisement",
        r"(?i)^story continues below( this)? advertisement$",
    ),
    (
        "advertisement",
        r"(?i)^(sponsored content|adchoices|ad choices)$",
    ),
    (
        "newsletter promo",
        r"(?i)^.{0,120}\bsent (straight )?to your (e-?mail|inbox)\b.{0,40}$",
    ),
    (
        "newsletter promo",
        r"(?i)^sign up for (our|the) .{0,60}newsletter.{0,40}$",
    ),
    (
        "comment policy",
        r"(?i)^to encourage thoughtful and respectful conversations\b",
    ),
    (
        "comment policy",
        r"(?i)^by submitting a comment, you accept\b",
    ),
    ("account prompt", r"(?i)^become a \w+ account holder$"),
    ("account prompt", r"(?i)^join the conversation\b.{0,40}$"),
    ("account prompt", r"(?i)^already have an account\?.{0,30}$"),
    (
        "relative time",
        r"(?i)^(\d+|an?|one)\s+(second|minute|hour|day|week|month|year)s?\s+ago$",
    ),
];

/// Outlets gazette recognises without configuration: name, home page, signatures.
const BUILT_IN_SOURCES: &[(&str, &str, &[&str])] = &[
    (
        "Global News",
        "https://globalnews.ca/",
        &[
            r"\bGlobal News\b",
            r"globalnews\.ca",
            r"(?m)^\s*Click to play video:",
            r"(?m)^\s*WATCH ABOVE:",
        ],
    ),
    (
        "CBC News",
        "https://www.cbc.ca/news",
        &[
            r"\bCBC News\b",
            r"\bcbc\.ca\b",
            r"CBC/Radio-Canada",
            r"(?m)^\s*Become a CBC Account Holder",
        ],
    ),
];

/// What decides furniture and outlets: the site's rules first, then gazette's own.
#[derive(Debug, Clone)]
pub struct Rules {
    drop_lines: Vec<(String, Regex)>,
    sources: Vec<SourceRule>,
}

impl Rules {
    /// No rules at all, for formats that do not use them (Markdown): making the built-in
    /// ones clones a dozen regexes, too much to do for each of 100,000 files.
    pub(crate) fn none() -> Rules {
        Rules {
            drop_lines: Vec::new(),
            sources: Vec::new(),
        }
    }

    /// The built-in rules only.
    pub fn built_in() -> Rules {
        Rules::with(&[], &[])
    }

    /// The site's `[import] drop_lines` and `[[sources]]` on top of the built-in rules.
    pub fn from_config(config: &Config) -> Rules {
        Rules::with(&config.import.drop_lines, &config.sources)
    }

    /// `drop_lines` and `sources` on top of the built-in rules. A site source with the name
    /// of a built-in one replaces it.
    pub fn with(drop_lines: &[Regex], sources: &[SourceRule]) -> Rules {
        let mut rules = Rules {
            drop_lines: drop_lines
                .iter()
                .map(|r| (format!("site.toml rule {:?}", r.as_str()), r.clone()))
                .collect(),
            sources: sources.to_vec(),
        };
        for (name, regex) in built_in_furniture() {
            rules.drop_lines.push((name.to_string(), regex.clone()));
        }
        for source in built_in_sources() {
            if !rules
                .sources
                .iter()
                .any(|s| s.name.eq_ignore_ascii_case(&source.name))
            {
                rules.sources.push(source.clone());
            }
        }
        rules
    }

    /// The rule a line (trimmed) is furniture by, if any.
    pub fn furniture(&self, line: &str) -> Option<&str> {
        let line = line.trim();
        self.drop_lines
            .iter()
            .find(|(_, r)| r.is_match(line))
            .map(|(name, _)| name.as_str())
    }

    /// The outlet whose signatures the text matches most (by number of distinct patterns
    /// found); the first listed wins a tie.
    pub fn source_of(&self, text: &str) -> Option<Source> {
        let mut best: Option<(usize, &SourceRule)> = None;
        for source in &self.sources {
            let score = source.patterns.iter().filter(|p| p.is_match(text)).count();
            if score > 0 && best.is_none_or(|(b, _)| score > b) {
                best = Some((score, source));
            }
        }
        best.map(|(_, s)| Source {
            name: s.name.clone(),
            url: s.url.clone(),
        })
    }
}

fn built_in_furniture() -> &'static [(&'static str, Regex)] {
    static RULES: OnceLock<Vec<(&'static str, Regex)>> = OnceLock::new();
    RULES.get_or_init(|| {
        FURNITURE
            .iter()
            .map(|(name, pattern)| (*name, Regex::new(pattern).expect("built-in rule")))
            .collect()
    })
}

fn built_in_sources() -> &'static [SourceRule] {
    static SOURCES: OnceLock<Vec<SourceRule>> = OnceLock::new();
    SOURCES.get_or_init(|| {
        BUILT_IN_SOURCES
            .iter()
            .map(|(name, url, patterns)| SourceRule {
                name: name.to_string(),
                url: Some(url.to_string()),
                patterns: patterns
                    .iter()
                    .map(|p| Regex::new(p).expect("built-in signature"))
                    .collect(),
            })
            .collect()
    })
}

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

/// What one line is.
#[derive(Debug, Clone, PartialEq)]
enum Kind {
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
            if crate::date::parse(text, chrono_tz::Tz::UTC).is_none() {
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

/// The body as Markdown: one paragraph per block, lines kept as they were (soft breaks).
fn markdown_body(paras: &[(Vec<&str>, bool)]) -> String {
    let mut body = String::new();
    for (lines, heading) in paras {
        if !body.is_empty() {
            body.push_str("\n\n");
        }
        if *heading {
            body.push_str("## ");
        }
        let escaped: Vec<String> = lines.iter().map(|l| escape_markdown(l)).collect();
        body.push_str(&escaped.join("\n"));
    }
    if !body.is_empty() {
        body.push('\n');
    }
    body
}

/// Escapes `line` so that Markdown shows it exactly as written: no emphasis, links, HTML,
/// lists, headings or code blocks out of scraped text. Unicode punctuation is left alone.
pub fn escape_markdown(line: &str) -> String {
    let mut out = String::with_capacity(line.len() + 8);
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '~' | '{' | '}' => {
                out.push('\\');
                out.push(c);
            }
            // `&amp;` and `&#38;` are entities; `Power & Politics` is not.
            '&' if chars
                .peek()
                .is_some_and(|n| n.is_ascii_alphanumeric() || *n == '#') =>
            {
                out.push_str("\\&");
            }
            _ => out.push(c),
        }
    }
    // Line starts that open a block: `#`, `-`, `+`, `=` (a setext underline), `1.` and `1)`.
    // None of these characters was escaped above, so byte positions in `line` still hold.
    if line.starts_with(['#', '-', '+', '=']) {
        out.insert(0, '\\');
    } else {
        let digits = line.bytes().take_while(u8::is_ascii_digit).count();
        let after = line.as_bytes().get(digits + 1);
        if (1..=9).contains(&digits)
            && matches!(line.as_bytes().get(digits), Some(b'.' | b')'))
            && after.is_none_or(|b| b.is_ascii_whitespace())
        {
            out.insert(digits, '\\');
        }
    }
    out
}

/// Classifies one trimmed line.
fn classify(line: &str, rules: &Rules) -> Kind {
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

struct Patterns {
    read_more: Regex,
    click_to_play: Regex,
    watch: Regex,
    duration: Regex,
    byline: Regex,
    label: Regex,
}

fn patterns() -> &'static Patterns {
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
fn dated(line: &str) -> Option<Kind> {
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

/// Reads a date as news sites print it, into a form [`crate::date::parse`] accepts:
/// "Jan 19, 2016", "January 19, 2016", "Jan. 19, 2016", "19 January 2016", "Tuesday, January
/// 19, 2016", "2016-01-19", "Nov 17, 2015 5:32 PM ET". Relative phrases ("7 years ago") and
/// dates without a year are not dates.
pub fn news_date(text: &str) -> Option<String> {
    static FORMS: OnceLock<[Regex; 2]> = OnceLock::new();
    let text = text.trim().trim_end_matches('.').trim();
    if text.is_empty() || text.len() > 80 {
        return None;
    }
    if crate::date::parse(text, chrono_tz::Tz::UTC).is_some() {
        return Some(text.to_string());
    }
    let time = r"(?:,?\s+(?:at\s+)?(?P<h>\d{1,2})(?::(?P<m>\d{2}))?\s*(?P<ampm>[AaPp]\.?\s?[Mm]\.?)?(?:\s+(?P<tz>[A-Z]{2,4}))?)?";
    let forms = FORMS.get_or_init(|| {
        let weekday = r"(?:(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)[a-z]*\.?,?\s+)?";
        [
            Regex::new(&format!(
                r"(?i)^{weekday}(?P<mon>[a-z]{{3,9}})\.?\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<year>\d{{4}}){time}$"
            ))
            .expect("regex"),
            Regex::new(&format!(
                r"(?i)^{weekday}(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<mon>[a-z]{{3,9}})\.?,?\s+(?P<year>\d{{4}}){time}$"
            ))
            .expect("regex"),
        ]
    });
    let c = forms.iter().find_map(|r| r.captures(text))?;
    let month = month_number(&c["mon"])?;
    let day: u32 = c["day"].parse().ok()?;
    let year: i32 = c["year"].parse().ok()?;
    let date = NaiveDate::from_ymd_opt(year, month, day)?;
    let Some(hour) = c.name("h") else {
        return Some(date.format("%Y-%m-%d").to_string());
    };
    let mut hour: u32 = hour.as_str().parse().ok()?;
    let minute: u32 = c.name("m").map_or(Some(0), |m| m.as_str().parse().ok())?;
    if let Some(ampm) = c.name("ampm") {
        let pm = ampm.as_str().to_ascii_lowercase().starts_with('p');
        if !(1..=12).contains(&hour) {
            return None;
        }
        hour = match (hour, pm) {
            (12, false) => 0,
            (12, true) => 12,
            (h, true) => h + 12,
            (h, false) => h,
        };
    }
    let naive = date.and_time(NaiveTime::from_hms_opt(hour, minute, 0)?);
    let zone = c.name("tz").and_then(|tz| zone_of(tz.as_str()));
    match zone {
        Some(tz) => tz
            .from_local_datetime(&naive)
            .earliest()
            .map(|d| d.fixed_offset().to_rfc3339()),
        None => Some(naive.format("%Y-%m-%d %H:%M").to_string()),
    }
}

fn month_number(name: &str) -> Option<u32> {
    let name = name.to_ascii_lowercase();
    let index = match name.len() {
        3 => crate::date::MONTH_NAMES
            .iter()
            .position(|m| m[..3].eq_ignore_ascii_case(&name)),
        4 if name == "sept" => Some(8),
        _ => crate::date::MONTH_NAMES
            .iter()
            .position(|m| m.eq_ignore_ascii_case(&name)),
    }?;
    Some(index as u32 + 1)
}

/// North American and a few European zone abbreviations as news sites print them; the
/// region's rules decide standard or daylight time for the date.
fn zone_of(abbreviation: &str) -> Option<chrono_tz::Tz> {
    use chrono_tz::{America, Europe, Tz};
    Some(match abbreviation {
        "ET" | "EST" | "EDT" => America::Toronto,
        "CT" | "CST" | "CDT" => America::Winnipeg,
        "MT" | "MST" | "MDT" => America::Edmonton,
        "PT" | "PST" | "PDT" => America::Vancouver,
        "AT" | "AST" | "ADT" => America::Halifax,
        "NT" | "NST" | "NDT" => America::St_Johns,
        "UTC" | "GMT" => Tz::UTC,
        "BST" => Europe::London,
        "CET" | "CEST" => Europe::Paris,
        _ => return None,
    })
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

#[cfg(test)]
mod tests {
    use super::*;

    fn run(text: &str) -> Normalised {
        normalise(text, &Rules::built_in())
    }

    #[test]
    fn news_dates() {
        for (input, expected) in [
            ("Jan 19, 2016", "2016-01-19"),
            ("Jan. 19, 2016", "2016-01-19"),
            ("January 19, 2016", "2016-01-19"),
            ("19 January 2016", "2016-01-19"),
            ("Tuesday, January 19, 2016", "2016-01-19"),
            ("2016-01-19", "2016-01-19"),
            ("Sept 3, 2015", "2015-09-03"),
            ("Nov 17, 2015 5:32 PM ET", "2015-11-17T17:32:00-05:00"),
            ("Jul 1, 2016 9:05 a.m. ET", "2016-07-01T09:05:00-04:00"),
            ("Nov 17, 2015 5:32 PM", "2015-11-17 17:32"),
        ] {
            assert_eq!(news_date(input).as_deref(), Some(expected), "{input}");
        }
        for bad in [
            "7 years ago",
            "an hour ago",
            "Feb. 11",
            "yesterday",
            "Jan 32, 2016",
            "Foo 19, 2016",
            "",
        ] {
            assert_eq!(news_date(bad), None, "{bad}");
        }
    }

    #[test]
    fn date_lines() {
        let n = run("Headline\n\nPosted: Nov 17, 2015 5:32 PM ET | Last Updated: November 18, 2015\n\nBody text here.\n");
        assert_eq!(n.date.unwrap().value, "2015-11-17T17:32:00-05:00");
        assert_eq!(n.updated.unwrap().value, "2015-11-18");
        assert!(n.dateline.unwrap().starts_with("Posted:"));
        assert!(!n.body.contains("Posted"));
        let n = run("Headline\n\n7 years ago\n\nText.\n");
        assert_eq!(n.date, None);
        assert_eq!(n.dropped[0].rule, "relative time");
    }

    #[test]
    fn byline_and_standfirst() {
        let n = run("Big news today\n\nA dek that sums it all up.\n\nBy Jane Doe and John Roe, Global News\n\nFirst paragraph.\n\nBy the end of the year, more.\n");
        assert_eq!(n.title.as_deref(), Some("Big news today"));
        assert_eq!(n.standfirst.as_deref(), Some("A dek that sums it all up."));
        assert_eq!(
            n.byline.as_deref(),
            Some("Jane Doe and John Roe, Global News")
        );
        assert_eq!(n.authors, ["Jane Doe", "John Roe"]);
        assert_eq!(n.source.unwrap().name, "Global News");
        assert!(n.body.starts_with("First paragraph."));
        assert!(n.body.contains("By the end of the year, more."));
    }

    #[test]
    fn no_standfirst_without_a_marker() {
        let n = run("Title\n\nFirst paragraph of the story.\n\nSecond paragraph.\n");
        assert_eq!(n.standfirst, None);
        assert!(n.body.starts_with("First paragraph"));
    }

    #[test]
    fn escaping_keeps_text_as_written() {
        assert_eq!(escape_markdown("# not a heading"), "\\# not a heading");
        assert_eq!(escape_markdown("1. not a list"), "1\\. not a list");
        assert_eq!(escape_markdown("2016. A year"), "2016\\. A year");
        assert_eq!(escape_markdown("- dash"), "\\- dash");
        assert_eq!(
            escape_markdown("a *b* [c](d) <e> &amp;"),
            "a \\*b\\* \\[c\\](d) \\<e\\> \\&amp;"
        );
        assert_eq!(
            escape_markdown("“Curly” — and … kept"),
            "“Curly” — and … kept"
        );
        assert_eq!(escape_markdown("Power & Politics"), "Power & Politics");
        let rendered = crate::markdown::render(
            &escape_markdown("1. *a* <b>x</b> [l](javascript:x) ## \\"),
            crate::markdown::Options {
                unsafe_html: false,
                base_path: "/",
            },
        );
        assert_eq!(
            rendered.html.trim(),
            "<p>1. *a* &lt;b&gt;x&lt;/b&gt; [l](javascript:x) ## \\</p>"
        );
    }

    #[test]
    fn site_rules_drop_lines_and_name_sources() {
        let source = SourceRule {
            name: "Daily Planet".into(),
            url: None,
            patterns: vec![Regex::new("(?i)daily planet").unwrap()],
        };
        let rules = Rules::with(&[Regex::new("^Subscribe").unwrap()], &[source]);
        let n = normalise(
            "Headline\n\nSubscribe to the Daily Planet\n\nText.\n",
            &rules,
        );
        assert_eq!(n.dropped.len(), 1);
        assert!(n.dropped[0].rule.contains("^Subscribe"));
        assert_eq!(n.source.unwrap().name, "Daily Planet");
    }

    #[test]
    fn header_lines_date_a_scraped_file() {
        let n = run("Date: Jan 19, 2016\nSource: Somewhere\n\nHeadline\n\nText.\n");
        assert_eq!(n.fields()["date"], "2016-01-19");
        assert_eq!(n.fields()["source"], "Somewhere");
        assert_eq!(n.title.as_deref(), Some("Headline"));
    }

    #[test]
    fn empty_and_furniture_only_texts() {
        for text in ["", "\n\n", "Advertisement\n\nAdChoices", "\u{feff}"] {
            let n = run(text);
            assert_eq!(n.title, None, "{text:?}");
            assert_eq!(n.body, "");
        }
    }
}

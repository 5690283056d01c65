//! Input formats: plain-text pages, header blocks, Markdown front matter,
//! JSON, JSON Lines and their gzip versions.
//!
//! Each format gets the decoded text of one file (or one JSON line) and
//! returns [`Article`]s with their layout fields filled; dates are resolved
//! here because only the format knows which hints it has (a crawl stamp, a
//! header, a dateline, the file name). Entities are left to `entities`.

pub mod decode;
pub mod json;
pub mod markdown;
pub mod text;

use crate::article::Article;
use crate::dateline;
use crate::dates::{self, NewsDate};
use chrono::NaiveDate;
use std::collections::HashMap;

/// How a file's content is laid out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Text,
    Markdown,
    Json,
    JsonLines,
}

impl Format {
    /// Pick the format from a file name (with any `.gz` already removed).
    /// `None` means the extension says this is not an article file.
    pub fn from_name(name: &str) -> Option<Format> {
        let lower = name.to_ascii_lowercase();
        let ext = match lower.rsplit_once('.') {
            Some((_, ext)) if !ext.contains('/') => ext,
            _ => return Some(Format::Text),
        };
        Some(match ext {
            "txt" | "text" => Format::Text,
            "md" | "markdown" => Format::Markdown,
            "json" => Format::Json,
            "jsonl" | "ndjson" => Format::JsonLines,
            // Dots inside extension-less names ("story.v2", "report.2025")
            _ if ext.len() > 8 || ext.bytes().any(|b| b.is_ascii_digit()) => Format::Text,
            _ => return None,
        })
    }

    /// Refine an extension guess with the content: a `.txt` export that is
    /// really JSON Lines, or a `.json` that holds one object per line.
    pub fn sniff(self, head: &str) -> Format {
        let t = head.trim_start();
        match self {
            Format::Text if t.starts_with('{') => {
                if t.lines()
                    .next()
                    .is_some_and(|l| l.trim_end().ends_with('}'))
                {
                    Format::JsonLines
                } else {
                    Format::Json
                }
            }
            Format::Text if t.starts_with("---") => Format::Markdown,
            Format::Json if is_json_lines(t) => Format::JsonLines,
            f => f,
        }
    }
}

fn is_json_lines(t: &str) -> bool {
    let mut lines = t.lines().filter(|l| !l.trim().is_empty());
    match (lines.next(), lines.next()) {
        (Some(a), Some(b)) => {
            a.trim().starts_with('{') && a.trim_end().ends_with('}') && b.trim().starts_with('{')
        }
        _ => false,
    }
}

/// The article fields that source field names can map to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Slot {
    Title,
    Body,
    Date,
    Section,
    Source,
    Url,
    Id,
    Lede,
    Author,
    Tags,
}

impl Slot {
    pub const ALL: [Slot; 10] = [
        Slot::Title,
        Slot::Body,
        Slot::Date,
        Slot::Section,
        Slot::Source,
        Slot::Url,
        Slot::Id,
        Slot::Lede,
        Slot::Author,
        Slot::Tags,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Slot::Title => "title",
            Slot::Body => "body",
            Slot::Date => "date",
            Slot::Section => "section",
            Slot::Source => "source",
            Slot::Url => "url",
            Slot::Id => "id",
            Slot::Lede => "lede",
            Slot::Author => "author",
            Slot::Tags => "tags",
        }
    }

    pub fn parse(name: &str) -> Option<Slot> {
        Slot::ALL.into_iter().find(|s| s.name() == name)
    }
}

/// Source field names to article fields, from `schema/input-fields.tsv`
/// plus the user's `--field slot=name` overrides.
#[derive(Debug, Clone)]
pub struct FieldMap {
    /// Lower-cased source name to slot.
    by_name: HashMap<String, (Slot, usize)>,
}

const INPUT_FIELDS: &str = include_str!("../../schema/input-fields.tsv");

#[derive(Debug, thiserror::Error)]
pub enum FieldMapError {
    #[error("bad --field `{0}`: expected SLOT=NAME, e.g. body=story")]
    Syntax(String),
    #[error("bad --field `{0}`: unknown field `{1}`; fields are: title, body, date, section, source, url, id, lede, author, tags")]
    UnknownSlot(String, String),
}

impl FieldMap {
    /// A digest of the mapping, the same for the same mapping in any
    /// process (the map's own order is not).
    pub fn digest(&self) -> u64 {
        let mut entries: Vec<(&String, &(Slot, usize))> = self.by_name.iter().collect();
        entries.sort_unstable_by(|a, b| a.0.cmp(b.0));
        let mut h = xxhash_rust::xxh3::Xxh3::new();
        for (name, (slot, rank)) in entries {
            h.update(name.as_bytes());
            h.update(&[0]);
            h.update(slot.name().as_bytes());
            h.update(&(*rank as u64).to_le_bytes());
        }
        h.digest()
    }

    pub fn new(overrides: &[String]) -> Result<FieldMap, FieldMapError> {
        let mut by_name = HashMap::new();
        for line in INPUT_FIELDS.lines() {
            if line.starts_with('#') || line.trim().is_empty() {
                continue;
            }
            let Some((slot, names)) = line.split_once('\t') else {
                continue;
            };
            let slot =
                Slot::parse(slot.trim()).expect("schema/input-fields.tsv names a known slot");
            for (rank, name) in names.split('|').enumerate() {
                by_name
                    .entry(name.trim().to_ascii_lowercase())
                    .or_insert((slot, rank + 1));
            }
        }
        for o in overrides {
            let (slot, name) = o
                .split_once('=')
                .ok_or_else(|| FieldMapError::Syntax(o.clone()))?;
            let slot_v = Slot::parse(slot.trim())
                .ok_or_else(|| FieldMapError::UnknownSlot(o.clone(), slot.to_string()))?;
            if name.trim().is_empty() {
                return Err(FieldMapError::Syntax(o.clone()));
            }
            // Rank 0 beats every built-in name for that slot.
            by_name.insert(name.trim().to_ascii_lowercase(), (slot_v, 0));
        }
        Ok(FieldMap { by_name })
    }

    /// The slot a source field feeds and its priority (lower wins).
    pub fn slot_of(&self, name: &str) -> Option<(Slot, usize)> {
        if let Some(v) = self.by_name.get(name) {
            return Some(*v);
        }
        self.by_name.get(&name.to_ascii_lowercase()).copied()
    }
}

/// What a parser knows about the file it reads.
#[derive(Debug, Clone)]
pub struct SourceInfo<'a> {
    /// Path relative to the walked root: the id of a file article.
    pub rel_path: &'a str,
    /// File name, for a date written into it.
    pub file_name: &'a str,
    /// The date of the previous record of the same file (JSON Lines are
    /// usually in order), a better year for a bare dateline than the mtime.
    pub neighbour: Option<NaiveDate>,
    /// The file's modification day, a last resort for a dateline's year.
    pub mtime: Option<NaiveDate>,
    pub fields: &'a FieldMap,
}

/// Layout hints a parser collected, resolved into one date by [`resolve_date`].
#[derive(Debug, Default)]
pub struct DateHints {
    /// A date the article states (header, date line, JSON field).
    pub explicit: Option<NewsDate>,
    /// The crawl stamp of a saved page ("Today : Nov 10, 2025").
    pub crawl: Option<NewsDate>,
}

/// A date problem to report while the article is still indexed.
pub type DateProblem = dates::DateError;

/// Fill `article.date` and `article.dateline` from what the layout offered.
///
/// Order: a stated date; a dateline's full date; a dateline's month and day
/// with the year from the crawl stamp, the file name, the previous record
/// or the file's mtime; the
/// crawl stamp alone; a date in the file name.
pub fn resolve_date(article: &mut Article, hints: DateHints, info: &SourceInfo<'_>) {
    article.dateline = dateline::detect(&article.lede)
        .or_else(|| dateline::detect(&article.body))
        .or_else(|| dateline::detect_after_title(&article.body, &article.title))
        .or_else(|| dateline::from_correction(&article.title, &article.body));
    let name_date = dates::from_file_name(info.file_name);
    article.date = hints.explicit.or_else(|| {
        let dl = article.dateline.as_ref();
        if let Some(d) = dl.and_then(|d| d.date) {
            return Some(d);
        }
        if let Some((m, d)) = dl.and_then(|d| d.month_day) {
            let anchor = hints
                .crawl
                .map(|c| c.date())
                .or(name_date.map(|n| n.date()))
                .or(info.neighbour)
                .or(info.mtime);
            if let Some(date) = anchor.and_then(|a| dates::resolve_month_day(m, d, a)) {
                return Some(date);
            }
        }
        hints.crawl.or(name_date)
    });
}

/// Put one source field's value into an article: `first` is the value (or
/// the first of a list), `list` all of them for the list slots (authors,
/// tags). A date that does not parse is pushed to `problems` and dropped.
pub(crate) fn apply_slot(
    article: &mut Article,
    hints: &mut DateHints,
    problems: &mut Vec<dates::DateError>,
    slot: Slot,
    first: &str,
    list: impl FnOnce() -> Vec<String>,
) {
    match slot {
        Slot::Author => article.authors = list(),
        Slot::Tags => article.tags = list(),
        Slot::Date => match dates::parse(first) {
            Ok(d) => hints.explicit = Some(d),
            Err(e) => problems.push(e),
        },
        _ => set_text(article, slot, first.to_string()),
    }
}

/// Put a value into one of the article's single-text slots (title, body,
/// lede, section, source, url, id); the list and date slots, which need
/// more than a string, are left to the caller.
pub(crate) fn set_text(article: &mut Article, slot: Slot, v: String) {
    match slot {
        Slot::Title => article.title = v,
        Slot::Body => article.body = v,
        Slot::Lede => article.lede = v,
        Slot::Section => article.section = Some(v),
        Slot::Source => article.source = Some(v),
        Slot::Url => article.url = Some(v),
        Slot::Id => article.id = v,
        Slot::Date | Slot::Author | Slot::Tags => {}
    }
}

/// Split text into paragraphs: runs of non-blank lines, trimmed.
pub fn paragraphs(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    let mut end = 0;
    let mut pos = 0;
    for line in text.split_inclusive('\n') {
        let blank = line.trim().is_empty();
        if blank {
            if let Some(s) = start.take() {
                out.push(text[s..end].trim());
            }
        } else {
            if start.is_none() {
                start = Some(pos);
            }
            end = pos + line.len();
        }
        pos += line.len();
    }
    if let Some(s) = start {
        out.push(text[s..end].trim());
    }
    out
}

/// The fallback title: the first line of the text, cut at a word boundary.
pub fn first_line_title(text: &str) -> String {
    let line = text
        .lines()
        .map(str::trim)
        .find(|l| !l.is_empty())
        .unwrap_or("");
    if line.len() <= 160 {
        return line.to_string();
    }
    let mut cut = 160;
    while !line.is_char_boundary(cut) {
        cut -= 1;
    }
    let cut = line[..cut].rfind(' ').unwrap_or(cut);
    format!("{}…", &line[..cut])
}

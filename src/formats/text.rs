//! Plain-text articles: saved pages, `Key: value` exports and bare wire copy.
//!
//! Three layouts share the `.txt` extension and are told apart by their
//! first paragraph:
//! - a saved page: a header group (crawl stamp, section, date line), then the
//!   title, a standfirst and the body;
//! - a header block (`Title:`, `Date:`, `Section:`, ...), then the body;
//! - a title line and a body, often opening with a wire dateline.

use super::{
    apply_slot, first_line_title, paragraphs, resolve_date, DateHints, FieldMap, Slot, SourceInfo,
};
use crate::article::Article;
use crate::dates::{self, DateError, NewsDate};

/// Parse one text article. Date problems are returned beside the article,
/// which is kept without that date.
pub fn parse(text: &str, info: &SourceInfo<'_>) -> (Article, Vec<DateError>) {
    let text = text.trim_start_matches('\u{feff}');
    let normalized;
    let text = if text.contains('\r') {
        normalized = text.replace("\r\n", "\n").replace('\r', "\n");
        normalized.as_str()
    } else {
        text
    };
    let mut article = Article {
        id: info.rel_path.to_string(),
        path: info.rel_path.to_string(),
        ..Article::default()
    };
    let mut hints = DateHints::default();
    let mut problems = Vec::new();
    let paras = paragraphs(text);
    if paras.is_empty() {
        return (article, problems);
    }

    if let Some(header) = header_block(paras[0], info.fields) {
        apply_header(&mut article, &header, &mut hints, &mut problems);
        let rest = &paras[1..];
        take_lede_and_body(&mut article, rest);
    } else {
        let mut rest: &[&str] = &paras;
        if let Some(group) = page_header(paras[0]) {
            hints.crawl = group.crawl;
            hints.explicit = group.date;
            article.section = group.section;
            rest = &paras[1..];
        }
        // Title: the first line of the next paragraph; anything after it in
        // the same paragraph is body text.
        let mut body_parts: Vec<&str> = Vec::new();
        if let Some((first, tail)) = rest.split_first() {
            let (title, more) = first.split_once('\n').unwrap_or((first, ""));
            article.title = title.trim().to_string();
            if !more.trim().is_empty() {
                body_parts.push(more.trim());
            }
            rest = tail;
        }
        // A saved page has a standfirst between title and body; bare wire
        // copy goes straight into a dateline.
        let saved_page = page_header(paras[0]).is_some();
        if saved_page && body_parts.is_empty() && rest.len() >= 2 {
            article.lede = rest[0].to_string();
            rest = &rest[1..];
        }
        body_parts.extend_from_slice(rest);
        article.body = body_parts.join("\n\n");
    }
    if article.title.is_empty() {
        article.title = first_line_title(if article.lede.is_empty() {
            &article.body
        } else {
            &article.lede
        });
    }
    resolve_date(&mut article, hints, info);
    (article, problems)
}

/// Header-block and Markdown articles take the first body paragraph as the
/// lede when the source gave none.
pub(crate) fn take_lede_and_body(article: &mut Article, paras: &[&str]) {
    if article.lede.is_empty() && paras.len() >= 2 {
        article.lede = paras[0].to_string();
        article.body = paras[1..].join("\n\n");
    } else {
        article.body = paras.join("\n\n");
    }
}

/// The `Key: value` lines of a header block, if the paragraph is one. Every
/// line must be `Key: value` and at least one key must be a known field.
fn header_block<'a>(para: &'a str, fields: &FieldMap) -> Option<Vec<(Slot, &'a str)>> {
    let mut out = Vec::new();
    let mut known = 0;
    for line in para.lines() {
        let (key, value) = line.split_once(':')?;
        let key = key.trim();
        if key.is_empty()
            || key.len() > 24
            || !key
                .chars()
                .all(|c| c.is_alphanumeric() || c == '_' || c == '-' || c == ' ')
        {
            return None;
        }
        if let Some((slot, _)) = fields.slot_of(key) {
            known += 1;
            out.push((slot, value.trim()));
        }
    }
    (known > 0 && (known >= 2 || out.iter().any(|(s, _)| *s == Slot::Title))).then_some(out)
}

fn apply_header(
    article: &mut Article,
    header: &[(Slot, &str)],
    hints: &mut DateHints,
    problems: &mut Vec<DateError>,
) {
    for (slot, value) in header {
        let value = value.trim().trim_matches('"');
        if value.is_empty() {
            continue;
        }
        apply_slot(article, hints, problems, *slot, value, || split_list(value));
    }
}

pub(crate) fn split_list(value: &str) -> Vec<String> {
    value
        .trim_matches(|c| c == '[' || c == ']')
        .split([',', ';'])
        .map(|s| s.trim().trim_matches('"').trim_matches('\'').to_string())
        .filter(|s| !s.is_empty())
        .collect()
}

struct PageHeader {
    crawl: Option<NewsDate>,
    date: Option<NewsDate>,
    section: Option<String>,
}

/// A saved page's header group: each line a crawl stamp ("Today : Nov 10,
/// 2025"), a date line or a short section label, with at least one date.
fn page_header(para: &str) -> Option<PageHeader> {
    let lines: Vec<&str> = para.lines().map(str::trim).collect();
    if lines.len() > 4 {
        return None;
    }
    let mut h = PageHeader {
        crawl: None,
        date: None,
        section: None,
    };
    for line in &lines {
        if let Some(stamp) = crawl_stamp(line) {
            h.crawl = Some(dates::parse(stamp).ok()?);
        } else if let Ok(d) = dates::parse(line) {
            h.date = Some(d);
        } else if is_label(line) && h.section.is_none() {
            h.section = Some(line.to_string());
        } else {
            return None;
        }
    }
    (h.crawl.is_some() || h.date.is_some()).then_some(h)
}

fn crawl_stamp(line: &str) -> Option<&str> {
    let (key, value) = line.split_once(':')?;
    let key = key.trim().to_ascii_lowercase();
    matches!(
        key.as_str(),
        "today" | "crawled" | "retrieved" | "saved" | "accessed"
    )
    .then_some(value.trim())
}

/// A section label: a few capitalised words, no sentence punctuation.
fn is_label(line: &str) -> bool {
    let words = line.split_whitespace().count();
    (1..=5).contains(&words)
        && line.len() <= 40
        && !line.ends_with(['.', '?', '!', ':', ','])
        && line.chars().next().is_some_and(char::is_uppercase)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn info(fields: &FieldMap) -> SourceInfo<'_> {
        SourceInfo {
            rel_path: "a/story.txt",
            file_name: "story.txt",
            neighbour: None,
            mtime: None,
            fields,
        }
    }

    #[test]
    fn saved_page_layout() {
        let f = FieldMap::new(&[]).unwrap();
        let text = "Today : Mar 3, 2024\nBusiness\n2 March 2024\n\nHarbour deal signed\n\nThe port will double.\n\nFirst body para.\n\nSecond.";
        let (a, p) = parse(text, &info(&f));
        assert!(p.is_empty());
        assert_eq!(a.title, "Harbour deal signed");
        assert_eq!(a.section.as_deref(), Some("Business"));
        assert_eq!(a.lede, "The port will double.");
        assert_eq!(a.body, "First body para.\n\nSecond.");
        assert_eq!(a.date.unwrap().display(), "2024-03-02");
    }

    #[test]
    fn crawl_stamp_only() {
        let f = FieldMap::new(&[]).unwrap();
        let (a, _) = parse(
            "Today : Nov 10, 2025\n\nTitle here\n\nLede.\n\nBody.",
            &info(&f),
        );
        assert_eq!(a.date.unwrap().display(), "2025-11-10");
        assert_eq!(a.title, "Title here");
    }

    #[test]
    fn header_block_layout() {
        let f = FieldMap::new(&[]).unwrap();
        let text = "Title: Rates held\nDate: Tue, 04 Mar 2025 09:12:00 +0100\nSection: Business\nSource: Gazette\nURL: https://x.org/a\nAuthor: A. Writer, B. Writer\n\nFirst para.\n\nSecond para.";
        let (a, _) = parse(text, &info(&f));
        assert_eq!(a.title, "Rates held");
        assert_eq!(a.date.unwrap().display(), "2025-03-04T08:12:00Z");
        assert_eq!(a.source.as_deref(), Some("Gazette"));
        assert_eq!(a.url.as_deref(), Some("https://x.org/a"));
        assert_eq!(a.authors, vec!["A. Writer", "B. Writer"]);
        assert_eq!(a.lede, "First para.");
        assert_eq!(a.body, "Second para.");
    }

    #[test]
    fn bad_header_date_is_reported_and_dropped() {
        let f = FieldMap::new(&[]).unwrap();
        let (a, p) = parse("Title: X\nDate: 2023-02-31\n\nBody.", &info(&f));
        assert!(a.date.is_none());
        assert_eq!(p.len(), 1);
    }

    #[test]
    fn wire_copy_with_dateline_and_dated_name() {
        let f = FieldMap::new(&[]).unwrap();
        let i = SourceInfo {
            file_name: "2019-03-05-floods.txt",
            ..info(&f)
        };
        let (a, _) = parse(
            "Floods hit coast\n\nNAIROBI, March 3 (Reuters) - Rains fell.\n\nMore.",
            &i,
        );
        assert_eq!(a.title, "Floods hit coast");
        assert_eq!(a.lede, "");
        assert_eq!(a.dateline.as_ref().unwrap().city, "NAIROBI");
        assert_eq!(a.date.unwrap().display(), "2019-03-03");
    }

    #[test]
    fn no_title_falls_back_to_first_line() {
        let f = FieldMap::new(&[]).unwrap();
        let (a, _) = parse("just one paragraph of text\nthat runs on", &info(&f));
        assert_eq!(a.title, "just one paragraph of text");
        assert_eq!(a.body, "that runs on");
    }
}

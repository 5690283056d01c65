//! JSON and JSON Lines records from scrapers, feeds and CMS exports.
//!
//! Field names differ between every tool (`maintext`, `content`, `body`...),
//! so each record's keys are looked up in the [`FieldMap`]; the best-ranked
//! name present wins. Wrong types get a fallback instead of losing the
//! record: arrays are joined, numbers become text or Unix time, and a body
//! that is an object contributes its string leaves.

use super::{first_line_title, resolve_date, DateHints, Slot, SourceInfo};
use crate::article::Article;
use crate::dates;
use serde_json::{Map, Value};

/// A record that could not become an article, or a repair made to one:
/// `category: detail`, where the category ("invalid JSON", "bad date",
/// "wrong type") is what the run's summary counts.
pub type RecordProblem = String;

/// Parse the whole text of a `.json` file: one object or an array of them.
/// Array elements without an id get `path:N`, N counting from 1.
///
/// An array cut off part-way (an interrupted download or a truncated gzip)
/// still yields its complete elements; the cut element comes last as an
/// `invalid JSON` error, so the break is reported at its record number.
pub fn parse_document(
    text: &str,
    info: &SourceInfo<'_>,
) -> Result<Vec<(Result<Article, RecordProblem>, Vec<RecordProblem>)>, RecordProblem> {
    let value: Value = match serde_json::from_str(text) {
        Ok(v) => v,
        Err(e) if e.is_eof() && text.trim_start().starts_with('[') => {
            let items = complete_elements(text);
            let cut = items.len() + 1;
            let mut out: Vec<_> = items
                .into_iter()
                .enumerate()
                .map(|(i, v)| parse_record(v, info, i + 1))
                .collect();
            out.push((
                Err(format!("invalid JSON: record {cut} cut off: {e}")),
                Vec::new(),
            ));
            return Ok(out);
        }
        Err(e) => return Err(format!("invalid JSON: {e}")),
    };
    Ok(match value {
        Value::Array(items) => items
            .into_iter()
            .enumerate()
            .map(|(i, v)| parse_record(v, info, i + 1))
            .collect(),
        v => vec![parse_record(v, info, 0)],
    })
}

/// Parse one JSON Lines line. `line_no` counts from 1.
pub fn parse_line(
    line: &str,
    info: &SourceInfo<'_>,
    line_no: usize,
) -> (Result<Article, RecordProblem>, Vec<RecordProblem>) {
    match serde_json::from_str::<Value>(line) {
        Ok(v) => parse_record(v, info, line_no),
        Err(e) => (Err(format!("invalid JSON: {e}")), Vec::new()),
    }
}

/// Turn one JSON value into an article. `ordinal` is the line or record
/// number used for an id when the record has none (0: the file is the record).
pub fn parse_record(
    value: Value,
    info: &SourceInfo<'_>,
    ordinal: usize,
) -> (Result<Article, RecordProblem>, Vec<RecordProblem>) {
    let Value::Object(map) = value else {
        return (Err("not a JSON object".into()), Vec::new());
    };
    let mut problems = Vec::new();
    let picked = pick_fields(&map, info);
    let mut article = Article {
        path: info.rel_path.to_string(),
        ..Article::default()
    };
    let mut hints = DateHints::default();
    for (slot, (key, value)) in picked {
        match slot {
            Slot::Date => match value {
                Value::Number(n) => match n.as_f64().map(dates::from_unix) {
                    Some(Ok(d)) => hints.explicit = Some(d),
                    Some(Err(e)) => problems.push(format!("bad date: {e} in `{key}`")),
                    None => {}
                },
                Value::String(s) if !s.trim().is_empty() => match dates::parse(s) {
                    Ok(d) => hints.explicit = Some(d),
                    Err(e) => problems.push(format!("bad date: {e} in `{key}`")),
                },
                Value::Null => {}
                Value::String(_) => {}
                other => problems.push(format!(
                    "wrong type: {key}: expected a date, found {}",
                    kind(other)
                )),
            },
            Slot::Author | Slot::Tags => {
                let list = string_list(value);
                if slot == Slot::Author {
                    article.authors = list;
                } else {
                    article.tags = list;
                }
            }
            _ => {
                let sep = if slot == Slot::Body { "\n\n" } else { " " };
                let Some(text) = flatten(value, sep) else {
                    problems.push(format!("wrong type: {key}: {} ignored", kind(value)));
                    continue;
                };
                if text.is_empty() {
                    continue;
                }
                super::set_text(&mut article, slot, text);
            }
        }
    }
    let no_text = article.title.is_empty() && article.body.is_empty() && article.lede.is_empty();
    if no_text && article.id.is_empty() && article.url.is_none() {
        return (Err("no title, text, id or url".into()), problems);
    }
    if no_text {
        // A record with metadata but no text is still an article of the
        // archive; keep it, titled by its id, and say so.
        problems.push("no title or text".into());
    }
    if article.id.is_empty() {
        article.id = if ordinal == 0 {
            info.rel_path.to_string()
        } else {
            format!("{}:{}", info.rel_path, ordinal)
        };
    }
    if article.title.is_empty() {
        article.title = first_line_title(if article.lede.is_empty() {
            &article.body
        } else {
            &article.lede
        });
    }
    if article.title.is_empty() {
        article.title = article.url.clone().unwrap_or_else(|| article.id.clone());
    }
    resolve_date(&mut article, hints, info);
    (Ok(article), problems)
}

/// The complete elements at the start of a JSON array whose end is missing.
fn complete_elements(text: &str) -> Vec<Value> {
    let mut out = Vec::new();
    let Some(mut rest) = text.trim_start().strip_prefix('[') else {
        return out;
    };
    loop {
        rest = rest.trim_start();
        let mut values = serde_json::Deserializer::from_str(rest).into_iter::<Value>();
        match values.next() {
            Some(Ok(v)) => out.push(v),
            _ => return out,
        }
        rest = rest[values.byte_offset()..].trim_start();
        match rest.strip_prefix(',') {
            Some(r) => rest = r,
            None => return out,
        }
    }
}

/// For each slot, the present key with the best rank.
fn pick_fields<'m>(
    map: &'m Map<String, Value>,
    info: &SourceInfo<'_>,
) -> Vec<(Slot, (&'m str, &'m Value))> {
    let mut best: Vec<(Slot, usize, &'m str, &'m Value)> = Vec::new();
    for (key, value) in map {
        if value.is_null() {
            continue;
        }
        let Some((slot, rank)) = info.fields.slot_of(key) else {
            continue;
        };
        match best.iter_mut().find(|b| b.0 == slot) {
            Some(b) if rank < b.1 => *b = (slot, rank, key, value),
            Some(_) => {}
            None => best.push((slot, rank, key, value)),
        }
    }
    best.into_iter().map(|(s, _, k, v)| (s, (k, v))).collect()
}

fn kind(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// Text from any JSON value: strings as they are, numbers printed, arrays and
/// objects as their string leaves joined by `sep`. `None` for booleans.
fn flatten(v: &Value, sep: &str) -> Option<String> {
    match v {
        Value::String(s) => Some(s.trim().to_string()),
        Value::Number(n) => Some(n.to_string()),
        Value::Array(_) | Value::Object(_) => {
            let mut parts = Vec::new();
            collect_strings(v, &mut parts);
            Some(parts.join(sep))
        }
        _ => None,
    }
}

fn collect_strings<'a>(v: &'a Value, out: &mut Vec<&'a str>) {
    match v {
        Value::String(s) if !s.trim().is_empty() => out.push(s.trim()),
        Value::Array(a) => a.iter().for_each(|x| collect_strings(x, out)),
        Value::Object(o) => o.values().for_each(|x| collect_strings(x, out)),
        _ => {}
    }
}

/// Authors and tags: a list, or one string with commas; objects such as
/// `{"name": "..."}` give their string leaves.
fn string_list(v: &Value) -> Vec<String> {
    match v {
        Value::String(s) => super::text::split_list(s),
        other => {
            let mut parts = Vec::new();
            collect_strings(other, &mut parts);
            parts.into_iter().map(str::to_string).collect()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::formats::FieldMap;

    fn info(f: &FieldMap) -> SourceInfo<'_> {
        SourceInfo {
            rel_path: "feeds/a.jsonl",
            file_name: "a.jsonl",
            neighbour: None,
            mtime: None,
            fields: f,
        }
    }

    #[test]
    fn news_please_record() {
        let f = FieldMap::new(&[]).unwrap();
        let line = r#"{"id":"r-1","title":"COCOA REVIEW","date_publish":"1987-02-26 15:01:01","source_domain":"reuters.com","maintext":"SALVADOR, Feb 26 - Showers fell."}"#;
        let (a, p) = parse_line(line, &info(&f), 1);
        let a = a.unwrap();
        assert!(p.is_empty());
        assert_eq!(a.id, "r-1");
        assert_eq!(a.source.as_deref(), Some("reuters.com"));
        assert_eq!(a.date.unwrap().display(), "1987-02-26T15:01:01Z");
        assert_eq!(a.dateline.unwrap().city, "SALVADOR");
    }

    #[test]
    fn wrong_types_fall_back() {
        let f = FieldMap::new(&[]).unwrap();
        let line = r#"{"title":["Part one","part two"],"date":1700000000,"body":{"p1":"Hello","p2":"world"}}"#;
        let (a, _) = parse_line(line, &info(&f), 7);
        let a = a.unwrap();
        assert_eq!(a.title, "Part one part two");
        assert_eq!(a.body, "Hello\n\nworld");
        assert_eq!(a.id, "feeds/a.jsonl:7");
        assert_eq!(a.date.unwrap().display(), "2023-11-14T22:13:20Z");
    }

    #[test]
    fn cut_array_keeps_complete_records() {
        let f = FieldMap::new(&[]).unwrap();
        let text = r#"[{"id":"a","title":"One"}, {"id":"b","title":"Two"},{"id":"c","tit"#;
        let recs = parse_document(text, &info(&f)).unwrap();
        assert_eq!(recs.len(), 3);
        assert_eq!(recs[1].0.as_ref().unwrap().id, "b");
        let cut = recs[2].0.as_ref().unwrap_err();
        assert!(cut.starts_with("invalid JSON: record 3 cut off"), "{cut}");
        // Broken in the middle, not cut off: the whole document is invalid.
        assert!(parse_document(r#"[{"id":"a"} {"id":"b"}]"#, &info(&f)).is_err());
    }

    #[test]
    fn field_override_wins() {
        let f = FieldMap::new(&["body=story".to_string()]).unwrap();
        let (a, _) = parse_line(
            r#"{"title":"t","text":"short","story":"long story"}"#,
            &info(&f),
            1,
        );
        assert_eq!(a.unwrap().body, "long story");
    }

    #[test]
    fn broken_and_empty_records() {
        let f = FieldMap::new(&[]).unwrap();
        assert!(parse_line("{not json", &info(&f), 1).0.is_err());
        assert!(parse_line("[1,2]", &info(&f), 1).0.is_err());
        assert!(parse_line(r#"{"date":"2020-01-01"}"#, &info(&f), 1)
            .0
            .is_err());
        let (a, p) = parse_line(r#"{"id":"r-9","title":""}"#, &info(&f), 1);
        assert_eq!(a.unwrap().title, "r-9");
        assert_eq!(p, vec!["no title or text"]);
        let (a, p) = parse_line(r#"{"title":"t","date":"0000-01-01"}"#, &info(&f), 1);
        assert!(a.unwrap().date.is_none());
        assert_eq!(p.len(), 1);
    }
}

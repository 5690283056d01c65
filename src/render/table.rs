//! Hits as rows: the fields a user may pick with `--fields`, and CSV.
//!
//! One list of hit fields serves `--fields` validation, the CSV header and
//! the JSON keys, so the three cannot drift apart. CSV follows RFC 4180
//! (the `csv` crate quotes fields holding commas, quotes or line breaks);
//! list fields are joined with "; ".

use crate::search::{Hit, SearchError};
use serde_json::{json, Value};
use std::io::{self, Write};

/// Every field a hit can print, in default JSON order.
pub const HIT_FIELDS: &[&str] = &[
    "id",
    "path",
    "title",
    "lede",
    "date",
    "section",
    "source",
    "url",
    "authors",
    "countries",
    "persons",
    "orgs",
    "score",
    "snippet",
    "highlights",
    "group",
    "group_size",
];

/// Fields printed by `--format csv` when `--fields` is not given.
pub const CSV_DEFAULT: &[&str] = &[
    "id",
    "date",
    "title",
    "section",
    "source",
    "countries",
    "persons",
    "orgs",
    "score",
    "group",
    "group_size",
    "url",
];

/// Check a `--fields` list (comma-separated, repeatable) against [`HIT_FIELDS`].
pub fn parse_fields(list: &[String]) -> Result<Vec<String>, SearchError> {
    let mut out: Vec<String> = Vec::new();
    for name in list
        .iter()
        .flat_map(|s| s.split(','))
        .map(str::trim)
        .filter(|s| !s.is_empty())
    {
        if !HIT_FIELDS.contains(&name) {
            return Err(SearchError::Usage(format!(
                "unknown field `{name}` in --fields; fields are: {}",
                HIT_FIELDS.join(", ")
            )));
        }
        if !out.iter().any(|o| o == name) {
            out.push(name.to_string());
        }
    }
    Ok(out)
}

/// One field of a hit as JSON.
pub fn value(h: &Hit, field: &str) -> Value {
    let a = &h.article;
    match field {
        "id" => json!(a.id),
        "path" => json!(a.path),
        "title" => json!(a.title),
        "lede" => json!(a.lede),
        "date" => json!(a.date),
        "section" => json!(a.section),
        "source" => json!(a.source),
        "url" => json!(a.url),
        "authors" => json!(a.authors),
        "countries" => json!(a.countries),
        "persons" => json!(a.persons),
        "orgs" => json!(a.orgs),
        "score" => json!(h.score),
        "snippet" => json!(h.snippet.text),
        "highlights" => json!(h.snippet.highlights),
        "group" => json!(h.group),
        "group_size" => json!(h.group_size),
        other => unreachable!("field `{other}` was validated"),
    }
}

/// One field of a hit as flat text: lists joined by "; ", null as empty.
pub fn text(h: &Hit, field: &str) -> String {
    match value(h, field) {
        Value::Null => String::new(),
        Value::String(s) => s.replace(['\n', '\r'], " "),
        Value::Array(items) => items
            .iter()
            .map(|v| match v {
                Value::String(s) => s.clone(),
                other => other.to_string(),
            })
            .collect::<Vec<_>>()
            .join("; "),
        other => other.to_string(),
    }
}

/// A header row and one row per hit.
pub fn csv(out: &mut impl Write, hits: &[Hit], fields: &[String]) -> io::Result<()> {
    let mut w = csv::Writer::from_writer(out);
    w.write_record(fields)?;
    for h in hits {
        w.write_record(fields.iter().map(|f| text(h, f)))?;
    }
    w.flush()
}

/// One tab-separated line per hit, for `--fields` in the human view.
pub fn lines(out: &mut impl Write, hits: &[Hit], fields: &[String]) -> io::Result<()> {
    for h in hits {
        let row: Vec<String> = fields
            .iter()
            .map(|f| text(h, f).replace('\t', " "))
            .collect();
        writeln!(out, "{}", row.join("\t"))?;
    }
    Ok(())
}

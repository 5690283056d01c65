//! Output: search results for people (colour on a terminal) and for
//! programs (the `--json` contract), plus the indexing summary.
//!
//! Everything writes to `impl Write`; nothing here prints directly, so tests
//! render into a `Vec<u8>` and the binaries decide where output goes.

mod reports;
mod table;

pub use reports::{
    chart, facet_list, facet_prefix_json, histogram, show, show_json, stats, stats_json,
};
pub use table::{csv, parse_fields, CSV_DEFAULT, HIT_FIELDS};

use crate::index::Summary;
use crate::search::{SearchResults, Snippet};
use serde_json::Value;
use std::io::{self, Write};

/// ANSI styling, or none.
#[derive(Debug, Clone, Copy)]
pub struct Style {
    pub color: bool,
}

impl Style {
    pub(crate) fn paint(&self, code: &str, s: &str) -> String {
        if self.color {
            format!("\x1b[{code}m{s}\x1b[0m")
        } else {
            s.to_string()
        }
    }
}

/// The human view: a header line, one block per hit, then facet counts.
/// `fields`, when not empty, replaces each hit block with one
/// tab-separated line of those fields.
pub fn human(
    out: &mut impl Write,
    r: &SearchResults,
    offset: usize,
    fields: &[String],
    style: Style,
) -> io::Result<()> {
    let q = if r.query.trim().is_empty() {
        "*".to_string()
    } else {
        r.query.clone()
    };
    writeln!(
        out,
        "{} match {} ({:.1} ms)",
        counted(r.total as u64, "article"),
        style.paint("1", &format!("'{q}'")),
        r.took_ms
    )?;
    if r.collapsed && !r.hits.is_empty() {
        writeln!(out, "(one article per near-duplicate group)")?;
    }
    if !fields.is_empty() {
        writeln!(out)?;
        table::lines(out, &r.hits, fields)?;
    }
    for (i, hit) in r.hits.iter().enumerate().filter(|_| fields.is_empty()) {
        let a = &hit.article;
        writeln!(out)?;
        let date = a
            .date
            .as_deref()
            .map(|d| &d[..d.len().min(10)])
            .unwrap_or("----------");
        writeln!(
            out,
            "{:>3}. {}  {}",
            offset + i + 1,
            style.paint("2", date),
            style.paint("1;36", &a.title)
        )?;
        let mut meta = Vec::new();
        if let Some(s) = &a.section {
            meta.push(s.clone());
        }
        if !a.countries.is_empty() {
            meta.push(a.countries.join(", "));
        }
        if !a.persons.is_empty() {
            meta.push(a.persons.join(", "));
        }
        if !meta.is_empty() {
            writeln!(out, "     {}", style.paint("33", &meta.join(" · ")))?;
        }
        if !hit.snippet.text.is_empty() {
            writeln!(out, "     {}", highlight(&hit.snippet, style))?;
        }
        if hit.group_size > 1 {
            let similar = format!("+{} similar", hit.group_size - 1);
            writeln!(
                out,
                "     {}  {}",
                style.paint("2", &a.id),
                style.paint("35", &similar)
            )?;
        } else {
            writeln!(out, "     {}", style.paint("2", &a.id))?;
        }
    }
    if let Some(h) = &r.histogram {
        writeln!(out)?;
        histogram(out, h, style)?;
    }
    for (name, values) in &r.facets {
        writeln!(out)?;
        writeln!(out, "{}", style.paint("1", name))?;
        facet_list(out, values)?;
    }
    Ok(())
}

fn highlight(s: &Snippet, style: Style) -> String {
    let text = s.text.replace('\n', " ");
    if !style.color {
        return text;
    }
    let mut out = String::with_capacity(text.len() + s.highlights.len() * 10);
    let mut pos = 0;
    for &(a, b) in &s.highlights {
        if a < pos || b > text.len() {
            continue;
        }
        out.push_str(&text[pos..a]);
        out.push_str(&style.paint("1;31", &text[a..b]));
        pos = b;
    }
    out.push_str(&text[pos..]);
    out
}

/// The `--json` contract: one object with query, total, took_ms, hits,
/// the requested facets and, when asked for, the histogram. `fields`, when
/// not empty, limits the keys of each hit.
pub fn json(out: &mut impl Write, r: &SearchResults, fields: &[String]) -> io::Result<()> {
    let keys: Vec<&str> = if fields.is_empty() {
        HIT_FIELDS.to_vec()
    } else {
        fields.iter().map(String::as_str).collect()
    };
    let hits: Vec<Value> = r
        .hits
        .iter()
        .map(|h| {
            let mut m = serde_json::Map::new();
            for k in &keys {
                m.insert(k.to_string(), table::value(h, k));
            }
            Value::Object(m)
        })
        .collect();
    let mut facets = serde_json::Map::new();
    for (name, values) in &r.facets {
        facets.insert(
            name.clone(),
            serde_json::to_value(values).expect("facet counts serialize"),
        );
    }
    let mut doc = serde_json::Map::new();
    doc.insert("query".into(), r.query.clone().into());
    doc.insert("total".into(), r.total.into());
    doc.insert(
        "took_ms".into(),
        ((r.took_ms * 1000.0).round() / 1000.0).into(),
    );
    if r.collapsed {
        doc.insert("collapsed".into(), true.into());
    }
    doc.insert("hits".into(), Value::Array(hits));
    doc.insert("facets".into(), Value::Object(facets));
    if let Some(h) = &r.histogram {
        doc.insert("histogram".into(), reports::histogram_json(h));
    }
    if !r.notes.is_empty() {
        doc.insert("notes".into(), r.notes.clone().into());
    }
    serde_json::to_writer(&mut *out, &Value::Object(doc))?;
    writeln!(out)
}

/// "1 article", "3 articles": a count and its noun.
pub fn counted(n: impl Into<u64>, noun: &str) -> String {
    let n = n.into();
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{n} {noun}s")
    }
}

/// The end-of-run summary of `newsdex-index`.
pub fn summary(out: &mut impl Write, s: &Summary, export: bool) -> io::Result<()> {
    let secs = s.elapsed.as_secs_f64().max(1e-9);
    writeln!(
        out,
        "{} files seen, {} read, {} unchanged, {} removed; {} articles {} in {:.2}s ({:.0} articles/s, {:.1} MB/s)",
        s.files_seen,
        s.files_read,
        s.files_unchanged,
        s.files_removed,
        s.articles,
        if export { "exported" } else { "indexed" },
        secs,
        s.articles as f64 / secs,
        s.bytes as f64 / 1e6 / secs
    )?;
    if !s.skipped.is_empty() {
        let parts: Vec<String> = s.skipped.iter().map(|(r, n)| format!("{r}: {n}")).collect();
        writeln!(out, "skipped: {}", parts.join(", "))?;
    }
    for (reason, paths) in &s.failed {
        writeln!(out, "failed ({reason}): {}", paths.len())?;
        for p in paths.iter().take(20) {
            writeln!(out, "  {p}")?;
        }
        if paths.len() > 20 {
            writeln!(out, "  … and {} more", paths.len() - 20)?;
        }
    }
    if !s.warnings.is_empty() {
        let parts: Vec<String> = s
            .warnings
            .iter()
            .map(|(r, n)| format!("{r}: {n}"))
            .collect();
        writeln!(out, "warnings (articles kept): {}", parts.join(", "))?;
    }
    Ok(())
}

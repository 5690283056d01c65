//! Views that are not a hit list: the timeline chart, one article in full,
//! the index overview and facet values found by prefix, for people and as
//! JSON.

use super::Style;
use crate::search::histogram::Bucket;
use crate::search::{FacetCount, Histogram, Shown, Stats};
use serde_json::{json, Value};
use std::io::{self, Write};

/// Width the bar charts fill, counts and labels included.
pub const CHART_WIDTH: usize = 80;

/// One row per bucket: label, a bar scaled to the largest bucket, count.
pub fn chart(out: &mut impl Write, buckets: &[Bucket], style: Style) -> io::Result<()> {
    let label_w = buckets.iter().map(|b| b.bucket.len()).max().unwrap_or(0);
    let max = buckets.iter().map(|b| b.count).max().unwrap_or(0);
    let count_w = max.to_string().len();
    let bar_w = CHART_WIDTH.saturating_sub(label_w + count_w + 6).max(10);
    for b in buckets {
        let len = if max == 0 {
            0
        } else {
            ((b.count as f64 / max as f64) * bar_w as f64).round() as usize
        };
        let len = if b.count > 0 { len.max(1) } else { 0 };
        writeln!(
            out,
            "  {:<label_w$}  {}{}  {:>count_w$}",
            b.bucket,
            style.paint("34", &"█".repeat(len)),
            " ".repeat(bar_w - len.min(bar_w)),
            b.count,
        )?;
    }
    Ok(())
}

pub fn histogram(out: &mut impl Write, h: &Histogram, style: Style) -> io::Result<()> {
    writeln!(
        out,
        "{}",
        style.paint("1", &format!("matches per {}", interval_name(h)))
    )?;
    chart(out, &h.buckets, style)?;
    if h.undated > 0 {
        writeln!(out, "  ({} without a date)", h.undated)?;
    }
    Ok(())
}

fn interval_name(h: &Histogram) -> &'static str {
    use crate::search::Interval::*;
    match h.interval {
        Year => "year",
        Month => "month",
        Week => "ISO week",
        Day => "day",
    }
}

pub fn histogram_json(h: &Histogram) -> Value {
    serde_json::to_value(&h.buckets).expect("buckets serialize")
}

/// `--show`: metadata, entities, then the text.
pub fn show(out: &mut impl Write, s: &Shown, style: Style) -> io::Result<()> {
    let a = &s.article;
    writeln!(out, "{}", style.paint("1;36", &a.title))?;
    let rows: [(&str, String); 11] = [
        ("id", a.id.clone()),
        ("path", a.path.clone()),
        ("date", a.date.clone().unwrap_or_default()),
        ("section", a.section.clone().unwrap_or_default()),
        ("source", a.source.clone().unwrap_or_default()),
        ("url", a.url.clone().unwrap_or_default()),
        ("authors", a.authors.join(", ")),
        ("countries", a.countries.join(", ")),
        ("persons", a.persons.join(", ")),
        ("orgs", a.orgs.join(", ")),
        (
            "similar",
            if s.similar.is_empty() {
                String::new()
            } else {
                format!("{} ({})", s.similar.len(), s.similar.join(", "))
            },
        ),
    ];
    for (k, v) in rows.iter().filter(|(_, v)| !v.is_empty()) {
        writeln!(out, "{:<10} {}", style.paint("2", &format!("{k}:")), v)?;
    }
    writeln!(out)?;
    if !a.lede.is_empty() && !a.body.starts_with(&a.lede) {
        writeln!(out, "{}", style.paint("1", &a.lede))?;
        writeln!(out)?;
    }
    writeln!(out, "{}", a.body.trim_end())
}

/// `--show --json`: the full stored record plus its group.
pub fn show_json(out: &mut impl Write, s: &Shown) -> io::Result<()> {
    let mut v = serde_json::to_value(&s.article).expect("articles serialize");
    v["group"] = json!(s.group);
    v["group_size"] = json!(s.similar.len() + 1);
    v["similar"] = json!(s.similar);
    serde_json::to_writer(&mut *out, &v)?;
    writeln!(out)
}

/// `--stats` for people.
pub fn stats(out: &mut impl Write, s: &Stats, style: Style) -> io::Result<()> {
    writeln!(out, "{}", style.paint("1", &format!("index {}", s.index)))?;
    writeln!(out, "  articles        {}", s.articles)?;
    let range = match (&s.first_date, &s.last_date) {
        (Some(a), Some(b)) => format!("{a} to {b}"),
        _ => "(no dates)".to_string(),
    };
    writeln!(out, "  dates           {range}")?;
    if s.undated > 0 {
        writeln!(out, "  without a date  {}", s.undated)?;
    }
    writeln!(
        out,
        "  on disk         {} in {} segment{}",
        human_bytes(s.bytes_on_disk),
        s.segments,
        if s.segments == 1 { "" } else { "s" }
    )?;
    writeln!(out, "  schema version  {}", s.schema_version)?;
    if !s.per_year.is_empty() {
        writeln!(out)?;
        writeln!(out, "{}", style.paint("1", "articles per year"))?;
        chart(out, &s.per_year, style)?;
    }
    for (dim, values) in &s.top {
        writeln!(out)?;
        writeln!(out, "{}", style.paint("1", &format!("top {dim}")))?;
        facet_list(out, values)?;
    }
    Ok(())
}

pub fn stats_json(out: &mut impl Write, s: &Stats) -> io::Result<()> {
    let mut top = serde_json::Map::new();
    for (dim, values) in &s.top {
        top.insert(dim.clone(), json!(values));
    }
    let v = json!({
        "index": s.index, "articles": s.articles, "undated": s.undated,
        "first_date": s.first_date, "last_date": s.last_date,
        "per_year": s.per_year, "top": top, "segments": s.segments,
        "bytes_on_disk": s.bytes_on_disk, "schema_version": s.schema_version,
    });
    serde_json::to_writer(&mut *out, &v)?;
    writeln!(out)
}

/// Value and count, aligned.
pub fn facet_list(out: &mut impl Write, values: &[FacetCount]) -> io::Result<()> {
    if values.is_empty() {
        return writeln!(out, "  (none)");
    }
    let width = values
        .iter()
        .map(|v| v.value.chars().count())
        .max()
        .unwrap_or(0)
        .min(40);
    for v in values {
        writeln!(out, "  {:<width$}  {:>6}", v.value, v.count)?;
    }
    Ok(())
}

pub fn facet_prefix_json(
    out: &mut impl Write,
    dim: &str,
    prefix: &str,
    values: &[FacetCount],
) -> io::Result<()> {
    let v = json!({"facet": dim, "prefix": prefix, "values": values});
    serde_json::to_writer(&mut *out, &v)?;
    writeln!(out)
}

fn human_bytes(n: u64) -> String {
    match n {
        n if n >= 1 << 30 => format!("{:.1} GB", n as f64 / (1u64 << 30) as f64),
        n if n >= 1 << 20 => format!("{:.1} MB", n as f64 / (1u64 << 20) as f64),
        n if n >= 1 << 10 => format!("{:.1} KB", n as f64 / (1u64 << 10) as f64),
        n => format!("{n} B"),
    }
}

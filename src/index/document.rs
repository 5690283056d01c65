//! An [`Article`] as a tantivy document, and back.
//!
//! Facets go under one facet field as `/country/Pakistan`, `/date/2025/11/10`;
//! the keyed dimensions are also written folded into the `keys` field so
//! that `--person erdogan` style filters ignore case and accents.

use super::schema::{facet_key, Fields};
use crate::article::Article;
use chrono::Datelike;
use tantivy::schema::{Facet, Value};
use tantivy::{DateTime, TantivyDocument};

/// The tantivy document for an article; `signature` adds the near-duplicate
/// bands (off only to measure what they cost).
pub fn to_document(f: &Fields, a: &Article, signature: bool) -> TantivyDocument {
    let mut doc = TantivyDocument::new();
    doc.add_text(f.id, &a.id);
    doc.add_text(f.path, &a.path);
    doc.add_text(f.title, &a.title);
    if !a.lede.is_empty() {
        doc.add_text(f.lede, &a.lede);
    }
    doc.add_text(f.body, &a.body);
    if let Some(url) = &a.url {
        doc.add_text(f.url, url);
    }
    for author in &a.authors {
        doc.add_text(f.authors, author);
    }
    if signature {
        if let Some(sig) = crate::dedup::Signature::of(&a.body) {
            for band in sig.bands() {
                doc.add_u64(f.dup, band);
            }
        }
    }
    let mut facet = |dim: &str, value: &str| {
        let value = value.trim();
        if value.is_empty() {
            return;
        }
        doc.add_facet(f.facets, Facet::from_path([dim, value]));
        if f.facet_dims.iter().any(|d| d.name == dim && d.keyed) {
            doc.add_text(f.keys, facet_key(dim, value));
        }
    };
    for c in &a.countries {
        facet("country", c);
    }
    for p in &a.persons {
        facet("person", p);
    }
    for o in &a.orgs {
        facet("org", o);
    }
    if let Some(s) = &a.section {
        facet("section", s);
    }
    if let Some(s) = &a.source {
        facet("source", s);
    }
    if let Some(d) = a.date {
        doc.add_date(f.date, DateTime::from_timestamp_secs(d.utc.timestamp()));
        let day = d.date();
        doc.add_facet(
            f.facets,
            Facet::from_path([
                "date".to_string(),
                format!("{:04}", day.year()),
                format!("{:02}", day.month()),
                format!("{:02}", day.day()),
            ]),
        );
    }
    doc
}

/// The stored parts of a hit, read back for display.
#[derive(Debug, Clone, Default, serde::Serialize)]
pub struct StoredArticle {
    pub id: String,
    pub path: String,
    pub title: String,
    pub lede: String,
    pub body: String,
    pub date: Option<String>,
    pub section: Option<String>,
    pub source: Option<String>,
    pub url: Option<String>,
    pub authors: Vec<String>,
    pub countries: Vec<String>,
    pub persons: Vec<String>,
    pub orgs: Vec<String>,
}

pub fn from_document(f: &Fields, doc: &TantivyDocument) -> StoredArticle {
    let text = |field| {
        doc.get_first(field)
            .and_then(|v| v.as_str().map(str::to_string))
    };
    let mut a = StoredArticle {
        id: text(f.id).unwrap_or_default(),
        path: text(f.path).unwrap_or_default(),
        title: text(f.title).unwrap_or_default(),
        lede: text(f.lede).unwrap_or_default(),
        body: text(f.body).unwrap_or_default(),
        url: text(f.url),
        authors: doc
            .get_all(f.authors)
            .filter_map(|v| v.as_str().map(str::to_string))
            .collect(),
        ..StoredArticle::default()
    };
    let mut has_time = false;
    let mut when = None;
    if let Some(d) = doc.get_first(f.date).and_then(|v| v.as_datetime()) {
        let secs = d.into_timestamp_secs();
        has_time = secs % 86_400 != 0;
        when = chrono::DateTime::from_timestamp(secs, 0);
    }
    a.date = when.map(|w| crate::dates::NewsDate { utc: w, has_time }.display());
    for v in doc.get_all(f.facets) {
        let Some(path) = v.as_facet() else { continue };
        let Ok(facet) = Facet::from_encoded(path.as_bytes().to_vec()) else {
            continue;
        };
        let parts: Vec<String> = facet.to_path().into_iter().map(str::to_string).collect();
        let [dim, value] = parts.as_slice() else {
            continue;
        };
        match dim.as_str() {
            "country" => a.countries.push(value.clone()),
            "person" => a.persons.push(value.clone()),
            "org" => a.orgs.push(value.clone()),
            "section" => a.section = Some(value.clone()),
            "source" => a.source = Some(value.clone()),
            _ => {}
        }
    }
    a
}

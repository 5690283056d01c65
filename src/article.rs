//! The article record that flows through the pipeline.
//!
//! Every input format produces an [`Article`]; extraction fills its entity
//! lists; the indexer turns it into a tantivy document and `--export` prints
//! it as one JSON line. Keeping one record means the export contract and the
//! index can never disagree about what an article is.

use crate::dates::NewsDate;
use serde::ser::{Serialize, SerializeMap, Serializer};

#[derive(Debug, Clone, Default)]
pub struct Article {
    /// Unique id: the path relative to the walked root for file articles, the
    /// record's own id (or `file:line`) for JSON records.
    pub id: String,
    /// The file the article came from, relative to the walked root.
    pub path: String,
    pub title: String,
    pub lede: String,
    pub body: String,
    pub date: Option<NewsDate>,
    pub section: Option<String>,
    pub source: Option<String>,
    pub url: Option<String>,
    pub authors: Vec<String>,
    pub tags: Vec<String>,
    /// Raw dateline at the head of the body ("KABUL, Nov 10 (Reuters) -"),
    /// kept so that entity extraction can place the story.
    pub dateline: Option<crate::dateline::Dateline>,
    pub countries: Vec<String>,
    pub persons: Vec<String>,
    pub orgs: Vec<String>,
}

impl Article {
    /// Every text part in reading order, for extraction and near-duplicate work.
    pub fn text_parts(&self) -> [&str; 3] {
        [&self.title, &self.lede, &self.body]
    }
}

/// The `--export` contract: one flat object, keys in a fixed order.
impl Serialize for Article {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(None)?;
        m.serialize_entry("id", &self.id)?;
        m.serialize_entry("path", &self.path)?;
        m.serialize_entry("title", &self.title)?;
        m.serialize_entry("lede", &self.lede)?;
        m.serialize_entry("body", &self.body)?;
        m.serialize_entry("date", &self.date.map(|d| d.display()))?;
        m.serialize_entry("section", &self.section)?;
        m.serialize_entry("source", &self.source)?;
        m.serialize_entry("url", &self.url)?;
        m.serialize_entry("authors", &self.authors)?;
        m.serialize_entry("tags", &self.tags)?;
        m.serialize_entry("countries", &self.countries)?;
        m.serialize_entry("persons", &self.persons)?;
        m.serialize_entry("orgs", &self.orgs)?;
        m.end()
    }
}

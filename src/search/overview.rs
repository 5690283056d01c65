//! Reading around a search: one article in full, its near-duplicates,
//! articles like it, facet values by prefix, and an overview of the index.
//!
//! These answer the questions that follow a ranked list ("what else was
//! written about this?", "is this the same wire story?", "what is in this
//! archive at all?") from the same index and field list as [`super::search`].

use super::groups;
use super::histogram::{self, Bucket, DayCounts, Interval};
use super::tally::FacetTally;
use super::{
    facet_top, full_query, FacetCount, Hit, SearchError, SearchRequest, SearchResults, Snippet,
};
use crate::index::document::{from_document, StoredArticle};
use crate::index::schema::{Fields, FACET_FIELD, SCHEMA_VERSION};
use crate::index::{self, state::Meta};
use crate::lexicon::fold;
use std::path::Path;
use std::time::Instant;
use tantivy::collector::TopDocs;
use tantivy::query::{AllQuery, MoreLikeThisQuery, Query, TermQuery};
use tantivy::schema::{IndexRecordOption, OwnedValue};
use tantivy::{DocAddress, Searcher, TantivyDocument, Term};

/// An exact match on the article id.
pub(super) fn id_query(f: &Fields, id: &str) -> Box<dyn Query> {
    Box::new(TermQuery::new(
        Term::from_field_text(f.id, id),
        IndexRecordOption::Basic,
    ))
}

/// The live article with this id.
fn find(searcher: &Searcher, f: &Fields, id: &str) -> Result<DocAddress, SearchError> {
    let found = searcher.search(&*id_query(f, id), &TopDocs::with_limit(1).order_by_score())?;
    found
        .first()
        .map(|(_, a)| *a)
        .ok_or_else(|| SearchError::NotFound(id.to_string()))
}

/// More-like-this over the title and body of the article `id`: its most
/// distinctive words (by tf-idf) become a weighted OR query.
pub(super) fn like_query(
    searcher: &Searcher,
    f: &Fields,
    id: &str,
) -> Result<Box<dyn Query>, SearchError> {
    let doc: TantivyDocument = searcher.doc(find(searcher, f, id)?)?;
    let a = from_document(f, &doc);
    let q = MoreLikeThisQuery::builder()
        .with_min_doc_frequency(2)
        .with_min_term_frequency(1)
        .with_min_word_length(3)
        .with_max_query_terms(30)
        .with_document_fields(vec![
            (f.title, vec![OwnedValue::Str(a.title)]),
            (f.body, vec![OwnedValue::Str(a.body)]),
        ]);
    Ok(Box::new(q))
}

/// One article in full, with its near-duplicate group.
#[derive(Debug, Clone)]
pub struct Shown {
    pub article: StoredArticle,
    pub group: String,
    /// Ids of the other members of its group, earliest first.
    pub similar: Vec<String>,
}

pub fn show(index_dir: &Path, id: &str) -> Result<Shown, SearchError> {
    let archive = super::Archive::open(index_dir)?;
    let (searcher, fields) = (&archive.searcher, &archive.fields);
    let addr = find(searcher, fields, id)?;
    let doc: TantivyDocument = searcher.doc(addr)?;
    let article = from_document(fields, &doc);
    let group = groups::of(archive.groups()?, searcher, fields, addr)?;
    let mut similar = Vec::new();
    for m in group.members.iter().filter(|m| **m != addr) {
        let d: TantivyDocument = searcher.doc(*m)?;
        similar.push(from_document(fields, &d).id);
    }
    Ok(Shown {
        article,
        group: group.key.clone(),
        similar,
    })
}

/// The near-duplicate group of `id`, earliest first, as search results.
pub fn dupes(
    index_dir: &Path,
    id: &str,
    snippet_chars: usize,
) -> Result<SearchResults, SearchError> {
    let started = Instant::now();
    let archive = super::Archive::open(index_dir)?;
    let (searcher, fields) = (&archive.searcher, &archive.fields);
    let addr = find(searcher, fields, id)?;
    let group = groups::of(archive.groups()?, searcher, fields, addr)?;
    let mut hits = Vec::new();
    for m in &group.members {
        let doc: TantivyDocument = searcher.doc(*m)?;
        let mut article = from_document(fields, &doc);
        let snippet = Snippet {
            text: super::make_snippet_start(&article, snippet_chars),
            highlights: Vec::new(),
        };
        article.body.clear();
        hits.push(Hit {
            article,
            score: None,
            snippet,
            group: group.key.clone(),
            group_size: group.members.len(),
        });
    }
    Ok(SearchResults {
        query: format!("near-duplicates of {id}"),
        total: hits.len(),
        took_ms: started.elapsed().as_secs_f64() * 1000.0,
        hits,
        facets: Vec::new(),
        histogram: None,
        collapsed: false,
        notes: Vec::new(),
    })
}

/// Facet values of `dim` among the matches of `req` whose folded value, or
/// one of its words, starts with the folded `prefix`; most frequent first.
pub fn facet_prefix(
    req: &SearchRequest,
    dim: &str,
    prefix: &str,
) -> Result<Vec<FacetCount>, SearchError> {
    let fields = Fields::new();
    if !fields.has_facet(dim) {
        return Err(SearchError::Usage(format!(
            "unknown facet `{dim}` in --facet-prefix; facets are: {}",
            fields.facet_names().join(", ")
        )));
    }
    let (idx, fields) = index::open(&req.index_dir)?;
    let searcher = index::searcher(&idx)?;
    let (_, query) = full_query(&idx, &searcher, &fields, None, req)?;
    let collector = FacetTally::new(FACET_FIELD, &[dim.to_string()]);
    let counts = searcher.search(&*query, &collector)?;
    let want = fold(prefix.trim());
    // Merged as a search's facet is, most frequent first.
    let mut out: Vec<FacetCount> = facet_top(&counts, dim, usize::MAX)
        .into_iter()
        .filter(|f| {
            let folded = fold(&f.value);
            folded.starts_with(&want)
                || folded
                    .split([' ', '-'])
                    .any(|w| w.starts_with(want.as_str()))
        })
        .collect();
    out.truncate(req.facet_limit);
    Ok(out)
}

/// An overview of the index.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Stats {
    pub index: String,
    pub articles: u64,
    pub undated: u64,
    pub first_date: Option<String>,
    pub last_date: Option<String>,
    pub per_year: Vec<Bucket>,
    /// Top values of each entity, section and source facet.
    pub top: Vec<(String, Vec<FacetCount>)>,
    pub segments: usize,
    pub bytes_on_disk: u64,
    pub schema_version: u32,
}

pub fn stats(index_dir: &Path, top_n: usize) -> Result<Stats, SearchError> {
    let (idx, fields) = index::open(index_dir)?;
    let searcher = index::searcher(&idx)?;
    let dims: Vec<&str> = fields
        .facet_names()
        .into_iter()
        .filter(|d| *d != "date")
        .collect();
    let names: Vec<String> = dims.iter().map(|d| d.to_string()).collect();
    let collector = FacetTally::new(FACET_FIELD, &names);
    let ((days, undated), counts) = searcher.search(&AllQuery, &(DayCounts, collector))?;
    let per_year = histogram::build(Interval::Year, &days, undated, None, None)?.buckets;
    let first = days.keys().min().map(|d| histogram::day_of(*d).to_string());
    let last = days.keys().max().map(|d| histogram::day_of(*d).to_string());
    let top = dims
        .iter()
        .map(|d| (d.to_string(), facet_top(&counts, d, top_n)))
        .collect();
    let schema_version = Meta::load(index_dir)
        .ok()
        .flatten()
        .map(|m| m.schema_version)
        .unwrap_or(SCHEMA_VERSION);
    Ok(Stats {
        index: index_dir.display().to_string(),
        articles: searcher.num_docs(),
        undated,
        first_date: first,
        last_date: last,
        per_year,
        top,
        segments: searcher.segment_readers().len(),
        bytes_on_disk: dir_size(index_dir),
        schema_version,
    })
}

fn dir_size(dir: &Path) -> u64 {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter_map(|e| e.metadata().ok())
        .filter(|m| m.is_file())
        .map(|m| m.len())
        .sum()
}

//! Searching: BM25 over title, lede and body, entity and date filters,
//! facet counts over every match, and snippets.
//!
//! A [`SearchRequest`] is validated when it is built (facet names, sort
//! keys, dates, country names), so [`search`] only fails on a bad query or
//! a bad index. Facet counts always cover all matching articles, not just
//! the page shown.

mod filters;

use crate::entities::countries::Countries;
use crate::index::document::{from_document, StoredArticle};
use crate::index::schema::Fields;
use crate::index::{self, IndexError};
use chrono::NaiveDate;
use std::path::PathBuf;
use std::time::Instant;
use tantivy::collector::{Count, FacetCollector, TopDocs};
use tantivy::query::{AllQuery, BooleanQuery, Occur, Query, QueryParser};
use tantivy::schema::Facet;
use tantivy::snippet::SnippetGenerator;
use tantivy::{DateTime, DocAddress, Order, Searcher, TantivyDocument};

pub use filters::Filters;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sort {
    Relevance,
    Newest,
    Oldest,
}

impl std::str::FromStr for Sort {
    type Err = SearchError;
    fn from_str(s: &str) -> Result<Sort, SearchError> {
        match s {
            "relevance" | "score" => Ok(Sort::Relevance),
            "newest" | "date" => Ok(Sort::Newest),
            "oldest" => Ok(Sort::Oldest),
            other => Err(SearchError::Usage(format!(
                "unknown sort `{other}`; sorts are: relevance, newest, oldest"
            ))),
        }
    }
}

/// A validated search, built by `newsdex-search` from its flags.
#[derive(Debug, Clone)]
pub struct SearchRequest {
    pub index_dir: PathBuf,
    pub query: String,
    pub filters: Filters,
    pub limit: usize,
    pub offset: usize,
    pub sort: Sort,
    pub facets: Vec<String>,
    pub facet_limit: usize,
    pub snippet_chars: usize,
}

#[derive(Debug, thiserror::Error)]
pub enum SearchError {
    /// A flag's value is wrong; the message says what is allowed.
    #[error("{0}")]
    Usage(String),
    #[error("invalid query `{query}`: {reason}")]
    Query { query: String, reason: String },
    #[error(transparent)]
    Index(#[from] IndexError),
    #[error("search failed: {0}")]
    Tantivy(#[from] tantivy::TantivyError),
    #[error("reading the index failed: {0}")]
    Io(#[from] std::io::Error),
}

impl SearchError {
    pub fn is_usage(&self) -> bool {
        matches!(self, SearchError::Usage(_) | SearchError::Query { .. })
    }
}

/// Check `--facets` names against the field list.
pub fn parse_facets(list: &[String]) -> Result<Vec<String>, SearchError> {
    let fields = Fields::new();
    let mut out = Vec::new();
    for name in list
        .iter()
        .flat_map(|s| s.split(','))
        .map(str::trim)
        .filter(|s| !s.is_empty())
    {
        if !fields.has_facet(name) {
            return Err(SearchError::Usage(format!(
                "unknown facet `{name}`; facets are: {}",
                fields.facet_names().join(", ")
            )));
        }
        if !out.iter().any(|o| o == name) {
            out.push(name.to_string());
        }
    }
    Ok(out)
}

/// Parse a `--from`/`--to` value.
pub fn parse_date_bound(flag: &str, value: &str, end: bool) -> Result<NaiveDate, SearchError> {
    crate::dates::parse_bound(value, end).map_err(|e| {
        SearchError::Usage(format!(
            "bad {flag} `{value}`: {e}; use YYYY, YYYY-MM or YYYY-MM-DD"
        ))
    })
}

/// Resolve a `--country` value (name, alias, demonym or ISO code).
pub fn resolve_country(value: &str) -> Result<String, SearchError> {
    static COUNTRIES: std::sync::OnceLock<Countries> = std::sync::OnceLock::new();
    let c = COUNTRIES.get_or_init(Countries::load);
    c.resolve(value)
        .map(str::to_string)
        .ok_or_else(|| SearchError::Usage(format!("unknown country `{value}`; use a name, alias, demonym or ISO code (Pakistan, UK, Turkish, PK)")))
}

#[derive(Debug, Clone, serde::Serialize)]
pub struct FacetCount {
    pub value: String,
    pub count: u64,
}

#[derive(Debug, Clone, serde::Serialize)]
pub struct Snippet {
    pub text: String,
    /// Byte ranges of `text` that matched the query.
    pub highlights: Vec<(usize, usize)>,
}

#[derive(Debug, Clone)]
pub struct Hit {
    pub article: StoredArticle,
    /// BM25 score; `None` when sorted by date.
    pub score: Option<f32>,
    pub snippet: Snippet,
}

#[derive(Debug, Clone)]
pub struct SearchResults {
    pub query: String,
    pub total: usize,
    pub took_ms: f64,
    pub hits: Vec<Hit>,
    /// Requested facets in request order.
    pub facets: Vec<(String, Vec<FacetCount>)>,
}

/// Run a search.
pub fn search(req: &SearchRequest) -> Result<SearchResults, SearchError> {
    let started = Instant::now();
    let (idx, fields) = index::open(&req.index_dir)?;
    let reader = idx.reader()?;
    let searcher = reader.searcher();
    let text_query = parse_query(&idx, &fields, &req.query)?;
    let mut clauses: Vec<(Occur, Box<dyn Query>)> = vec![(Occur::Must, text_query.box_clone())];
    clauses.extend(req.filters.clauses(&fields, &searcher)?);
    let query: Box<dyn Query> = if clauses.len() == 1 {
        text_query.box_clone()
    } else {
        Box::new(BooleanQuery::new(clauses))
    };

    let mut facet_collector = FacetCollector::for_field(index::schema::FACET_FIELD);
    for f in &req.facets {
        facet_collector.add_facet(Facet::from_path([f.as_str()]));
    }
    let (total, facet_counts, docs) = collect(&searcher, &*query, req, facet_collector)?;

    let mut snippets = SnippetGenerator::create(&searcher, &*text_query, fields.body)?;
    snippets.set_max_num_chars(req.snippet_chars.max(40));
    let mut lede_snippets = SnippetGenerator::create(&searcher, &*text_query, fields.lede)?;
    lede_snippets.set_max_num_chars(req.snippet_chars.max(40));
    let mut hits = Vec::with_capacity(docs.len());
    for (score, addr) in docs {
        let doc: TantivyDocument = searcher.doc(addr)?;
        let mut article = from_document(&fields, &doc);
        let snippet = make_snippet(&snippets, &lede_snippets, &article, req.snippet_chars);
        article.body.clear();
        hits.push(Hit {
            article,
            score,
            snippet,
        });
    }
    let facets = req
        .facets
        .iter()
        .map(|f| {
            let root = format!("/{f}");
            let values = facet_counts
                .top_k(root.as_str(), req.facet_limit)
                .into_iter()
                .map(|(facet, count)| FacetCount {
                    value: facet
                        .to_path()
                        .last()
                        .map(|s| s.to_string())
                        .unwrap_or_default(),
                    count,
                })
                .collect();
            (f.clone(), values)
        })
        .collect();
    Ok(SearchResults {
        query: req.query.clone(),
        total,
        took_ms: started.elapsed().as_secs_f64() * 1000.0,
        hits,
        facets,
    })
}

type Collected = (
    usize,
    tantivy::collector::FacetCounts,
    Vec<(Option<f32>, DocAddress)>,
);

fn collect(
    searcher: &Searcher,
    query: &dyn Query,
    req: &SearchRequest,
    facets: FacetCollector,
) -> Result<Collected, SearchError> {
    if req.limit == 0 {
        let (total, counts) = searcher.search(query, &(Count, facets))?;
        return Ok((total, counts, Vec::new()));
    }
    let top = TopDocs::with_limit(req.limit).and_offset(req.offset);
    Ok(match req.sort {
        Sort::Relevance => {
            let (total, counts, docs) =
                searcher.search(query, &(Count, facets, top.order_by_score()))?;
            (
                total,
                counts,
                docs.into_iter().map(|(s, a)| (Some(s), a)).collect(),
            )
        }
        Sort::Newest | Sort::Oldest => {
            let order = if req.sort == Sort::Newest {
                Order::Desc
            } else {
                Order::Asc
            };
            let by_date = top.order_by_fast_field::<DateTime>("date", order);
            let (total, counts, docs) = searcher.search(query, &(Count, facets, by_date))?;
            (
                total,
                counts,
                docs.into_iter().map(|(_, a)| (None, a)).collect(),
            )
        }
    })
}

/// Parse the user's query; an empty query or `*` matches everything. A
/// malformed query is a [`SearchError::Query`] that names the problem.
pub fn parse_query(
    idx: &tantivy::Index,
    fields: &Fields,
    q: &str,
) -> Result<Box<dyn Query>, SearchError> {
    let trimmed = q.trim();
    if trimmed.is_empty() || trimmed == "*" {
        return Ok(Box::new(AllQuery));
    }
    let default_fields: Vec<_> = fields.text_fields.iter().map(|(f, _)| *f).collect();
    let mut parser = QueryParser::for_index(idx, default_fields);
    parser.set_conjunction_by_default();
    parser.allow_regexes();
    for (f, boost) in &fields.text_fields {
        if *boost != 1.0 {
            parser.set_field_boost(*f, *boost);
        }
    }
    // tantivy's grammar has no NOT; treat it as the `-` it means.
    let rewritten = trimmed.replace(" NOT ", " -");
    let parsed = parser
        .parse_query(&rewritten)
        .map_err(|e| SearchError::Query {
            query: q.to_string(),
            reason: explain(&e),
        })?;
    // Some queries parse but cannot run (`nosuchfield:*`): build the weight
    // now so they are a query error, not a failed search.
    let schema = idx.schema();
    if let Err(e) = parsed.weight(tantivy::query::EnableScoring::disabled_from_schema(&schema)) {
        return Err(SearchError::Query {
            query: q.to_string(),
            reason: match e {
                tantivy::TantivyError::FieldNotFound(f) => {
                    format!("unknown field `{f}`; fields are: title, lede, body")
                }
                other => other.to_string(),
            },
        });
    }
    Ok(parsed)
}

fn explain(e: &tantivy::query::QueryParserError) -> String {
    use tantivy::query::QueryParserError as E;
    match e {
        E::SyntaxError(s) => {
            format!("syntax error ({s}); check quotes and parentheses, or quote the whole phrase")
        }
        E::FieldDoesNotExist(f) => format!("unknown field `{f}`; fields are: title, lede, body"),
        E::FieldNotIndexed(f) => {
            format!("field `{f}` is not searchable; fields are: title, lede, body")
        }
        other => other.to_string(),
    }
}

fn make_snippet(
    body: &SnippetGenerator,
    lede: &SnippetGenerator,
    a: &StoredArticle,
    chars: usize,
) -> Snippet {
    for (gen, text) in [(body, &a.body), (lede, &a.lede)] {
        let s = gen.snippet(text);
        if !s.is_empty() && !s.highlighted().is_empty() {
            return Snippet {
                text: s.fragment().to_string(),
                highlights: s.highlighted().iter().map(|r| (r.start, r.end)).collect(),
            };
        }
    }
    // No match in the text (a title match, or a filter-only search): the start.
    let source = if a.lede.is_empty() { &a.body } else { &a.lede };
    let mut end = source.len().min(chars);
    while !source.is_char_boundary(end) {
        end -= 1;
    }
    let end = if end < source.len() {
        source[..end].rfind(' ').unwrap_or(end)
    } else {
        end
    };
    Snippet {
        text: source[..end].to_string(),
        highlights: Vec::new(),
    }
}

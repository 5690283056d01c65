//! Searching: BM25 over title, lede and body, entity and date filters,
//! facet counts over every match, and snippets.
//!
//! A [`SearchRequest`] is validated when it is built (facet names, sort
//! keys, dates, country names), so [`search`] only fails on a bad query or
//! a bad index. Facet counts always cover all matching articles, not just
//! the page shown.

mod filters;
pub mod groups;
pub mod histogram;
mod overview;
mod people;
mod tally;
mod variants;

use crate::entities::countries::{CountryNames, Succession};
use crate::index::document::{from_document, StoredArticle};
use crate::index::group_table::GroupTable;
use crate::index::schema::Fields;
use crate::index::value_list::ValueList;
use crate::index::{self, IndexError};
use crate::lexicon::fold;
use crate::render::counted;
use chrono::NaiveDate;
use std::path::PathBuf;
use std::time::Instant;
use tantivy::collector::{Count, TopDocs};
use tantivy::query::{AllQuery, BooleanQuery, Occur, Query, QueryParser, TermQuery};
use tantivy::snippet::SnippetGenerator;
use tantivy::{DateTime, DocAddress, Order, Searcher, TantivyDocument};

pub use filters::Filters;
pub use histogram::{Histogram, Interval};
pub use overview::{dupes, facet_prefix, show, stats, Shown, Stats};

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
    /// Articles like this one (by id), instead of or as well as the query.
    pub like: Option<String>,
    /// One hit per near-duplicate group.
    pub collapse: bool,
    /// Count matches per calendar bucket.
    pub histogram: Option<Interval>,
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
    /// `--show`, `--like` or `--dupes` named an id the index does not hold.
    #[error("no article with id `{0}` in the index; ids are printed under each hit and in --json as \"id\"")]
    NotFound(String),
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

/// The country names, loaded once per process and only when a filter
/// needs them.
pub(crate) fn country_names() -> &'static CountryNames {
    static COUNTRIES: std::sync::OnceLock<CountryNames> = std::sync::OnceLock::new();
    COUNTRIES.get_or_init(CountryNames::load)
}

/// Resolve a `--country` value (name, alias, demonym or ISO code).
pub fn resolve_country(value: &str) -> Result<String, SearchError> {
    let c = country_names();
    c.resolve(value).map(str::to_string).ok_or_else(|| {
        let hint = match c.suggest(value).as_slice() {
            [] => String::new(),
            [one] => format!(" (did you mean {one}?)"),
            [some @ .., last] if some.len() < 3 => {
                format!(" (did you mean {} or {last}?)", some.join(", "))
            }
            _ => String::new(),
        };
        SearchError::Usage(format!("unknown country `{value}`{hint}; use a name, alias, demonym or ISO code (Pakistan, UK, Turkish, PK)"))
    })
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
    /// Id of the earliest article of its near-duplicate group.
    pub group: String,
    /// Articles in the group, this one included.
    pub group_size: usize,
}

#[derive(Debug, Clone)]
pub struct SearchResults {
    pub query: String,
    pub total: usize,
    pub took_ms: f64,
    pub hits: Vec<Hit>,
    /// Requested facets in request order.
    pub facets: Vec<(String, Vec<FacetCount>)>,
    pub histogram: Option<Histogram>,
    /// Hits are one per near-duplicate group.
    pub collapsed: bool,
    /// Things the user should know about the answer, such as articles
    /// filed under a country's predecessor ([`Archive::search`]).
    pub notes: Vec<String>,
}

/// Run one search: open the index named by the request, search, close.
pub fn search(req: &SearchRequest) -> Result<SearchResults, SearchError> {
    Archive::open(&req.index_dir)?.search(req)
}

/// An index opened for searching: open once, then run any number of
/// searches against the same snapshot. Dropping it unmaps the index files,
/// which over many segments takes a few milliseconds; a one-shot program
/// that exits right after its output can skip that.
pub struct Archive {
    index: tantivy::Index,
    fields: Fields,
    searcher: Searcher,
    /// Near-duplicate groups: the table written at index time when it
    /// matches the segments, else one computed on first use.
    table: std::sync::OnceLock<GroupTable>,
    /// Person and org values listed at index time, read when a filter
    /// needs them.
    values: std::sync::OnceLock<Option<ValueList>>,
    dir: std::path::PathBuf,
}

impl Archive {
    pub fn open(dir: &std::path::Path) -> Result<Archive, SearchError> {
        let (mut index, fields) = index::open(dir)?;
        // Segments are searched in parallel, one thread per core.
        if std::thread::available_parallelism().map_or(1, |n| n.get()) > 1 {
            index.set_default_multithread_executor()?;
        }
        let searcher = index::searcher(&index)?;
        let table = std::sync::OnceLock::new();
        if let Some(t) = GroupTable::load(dir, &searcher) {
            let _ = table.set(t);
        }
        Ok(Archive {
            index,
            fields,
            searcher,
            table,
            values: std::sync::OnceLock::new(),
            dir: dir.to_path_buf(),
        })
    }

    /// The near-duplicate groups: the table `newsdex-index` wrote, or, when
    /// it is missing or describes other segments, the same table computed
    /// now (about a second per 200,000 articles).
    pub fn groups(&self) -> Result<&GroupTable, SearchError> {
        if let Some(t) = self.table.get() {
            return Ok(t);
        }
        let t = GroupTable::compute(&self.searcher, &self.fields)?;
        Ok(self.table.get_or_init(|| t))
    }

    /// Run a search; `req.index_dir` is not consulted.
    pub fn search(&self, req: &SearchRequest) -> Result<SearchResults, SearchError> {
        let f = &req.filters;
        let values = if f.persons.is_empty() && f.orgs.is_empty() {
            None
        } else {
            self.values
                .get_or_init(|| ValueList::load(&self.dir, &self.searcher))
                .as_ref()
        };
        let mut results = run(
            &self.index,
            &self.fields,
            &self.searcher,
            &|| self.groups(),
            values,
            req,
        )?;
        if !f.countries.is_empty() {
            results.notes = self.succession_notes(req, values)?;
        }
        if results.total == 0 {
            results.notes.extend(self.spelling_notes(req, values)?);
        }
        Ok(results)
    }

    /// For a search that found nothing: each `--person` or `--org` value
    /// that matches no indexed value at all, with the closest values
    /// ("Volker": Paul Volcker), spelt as the articles spell them.
    fn spelling_notes(
        &self,
        req: &SearchRequest,
        values: Option<&ValueList>,
    ) -> Result<Vec<String>, SearchError> {
        let (f, searcher) = (&self.fields, &self.searcher);
        let mut notes = Vec::new();
        for (dim, flag, wanted) in [
            ("person", "--person", &req.filters.persons),
            ("org", "--org", &req.filters.orgs),
        ] {
            for value in wanted {
                if filters::matches_any(f, searcher, values, dim, value)? {
                    continue;
                }
                let close = filters::close_values(f, searcher, values, dim, value, 3)?;
                let shown: Vec<String> = close
                    .iter()
                    .map(|(key, n)| {
                        let name = self.spelling(dim, key)?;
                        Ok(format!("{name} ({})", counted(*n, "article")))
                    })
                    .collect::<Result<_, SearchError>>()?;
                let close = if shown.is_empty() {
                    String::new()
                } else {
                    format!("; close: {}", shown.join(", "))
                };
                notes.push(format!(
                    "no {dim} in the index matches {flag} `{value}`{close}"
                ));
            }
        }
        Ok(notes)
    }

    /// A `dim:` key's value as an article that has it spells it.
    fn spelling(&self, dim: &str, key: &str) -> Result<String, SearchError> {
        let folded = &key[dim.len() + 1..];
        let query = TermQuery::new(
            tantivy::Term::from_field_text(self.fields.keys, key),
            tantivy::schema::IndexRecordOption::Basic,
        );
        let top = self
            .searcher
            .search(&query, &TopDocs::with_limit(1).order_by_score())?;
        if let Some((_, addr)) = top.first() {
            let doc: TantivyDocument = self.searcher.doc(*addr)?;
            let a = from_document(&self.fields, &doc);
            let list = if dim == "person" { a.persons } else { a.orgs };
            if let Some(v) = list.into_iter().find(|v| fold(v) == folded) {
                return Ok(v);
            }
        }
        Ok(folded.to_string())
    }

    /// Mentions are filed under the state of the article's day, so
    /// `--country Germany` leaves out 1987's West Germany. For each country
    /// filter that has a predecessor or successor in
    /// `schema/state-succession.tsv`, count the same search with the other
    /// state over the days that state covers, and say so when it finds
    /// articles.
    fn succession_notes(
        &self,
        req: &SearchRequest,
        values: Option<&ValueList>,
    ) -> Result<Vec<String>, SearchError> {
        static SUCCESSIONS: std::sync::OnceLock<Vec<Succession>> = std::sync::OnceLock::new();
        let successions = SUCCESSIONS.get_or_init(Succession::load);
        let mut notes = Vec::new();
        for (i, country) in req.filters.countries.iter().enumerate() {
            for s in successions {
                let mut other = req.clone();
                let (state, days) = if &s.successor == country {
                    let until = s.from.pred_opt().expect("a day before");
                    other.filters.to = Some(other.filters.to.map_or(until, |t| t.min(until)));
                    (&s.predecessor, "before")
                } else if &s.predecessor == country {
                    other.filters.from = Some(other.filters.from.map_or(s.from, |d| d.max(s.from)));
                    (&s.successor, "from")
                } else {
                    continue;
                };
                let empty = other
                    .filters
                    .from
                    .zip(other.filters.to)
                    .is_some_and(|(a, b)| a > b);
                if empty || req.filters.countries.contains(state) {
                    continue;
                }
                other.filters.countries[i] = state.clone();
                let (_, query) =
                    full_query(&self.index, &self.searcher, &self.fields, values, &other)?;
                let n = self.searcher.search(&*query, &Count)?;
                if n > 0 {
                    let flag = if state.contains(' ') {
                        format!("--country \"{state}\"")
                    } else {
                        format!("--country {state}")
                    };
                    notes.push(format!(
                        "{state}, {days} {}, is a country of its own: {flag} finds {} for this search",
                        s.from,
                        counted(n as u64, "article")
                    ));
                }
            }
        }
        Ok(notes)
    }
}

/// The `limit` most frequent values of facet `dim` (all with
/// `usize::MAX`). Names are one value however they are spelt (persons by
/// `people`, orgs, sections and sources by `variants`); countries are
/// canonical already and dates are dates. Every view of a facet (search,
/// `--stats`, `--facet-prefix`) counts through here, so they agree.
fn facet_top(counts: &tally::Tally, dim: &str, limit: usize) -> Vec<FacetCount> {
    if !matches!(dim, "person" | "org" | "section" | "source") {
        return counts.top_k(dim, limit);
    }
    let all = counts
        .values(dim)
        .map(|(v, c)| (v.to_string(), c))
        .collect();
    if dim == "person" {
        people::merge(all, limit)
    } else {
        variants::merge(dim, all, limit)
    }
}

fn run<'a>(
    idx: &tantivy::Index,
    fields: &Fields,
    searcher: &Searcher,
    groups: &dyn Fn() -> Result<&'a GroupTable, SearchError>,
    values: Option<&ValueList>,
    req: &SearchRequest,
) -> Result<SearchResults, SearchError> {
    let started = Instant::now();
    let (text_query, query) = full_query(idx, searcher, fields, values, req)?;

    let (total, facet_counts, days, docs) = if req.collapse {
        let table = groups()?;
        collapse(searcher, &*query, req, &mut |addr| {
            Ok(table.of(addr).map(|(key, _)| key.to_string()))
        })?
    } else {
        top(searcher, &*query, req, req.limit, req.offset)?
    };
    let histogram = match (req.histogram, days) {
        (Some(interval), Some((days, undated))) => Some(histogram::build(
            interval,
            &days,
            undated,
            req.filters.from,
            req.filters.to,
        )?),
        _ => None,
    };

    let mut snippets = SnippetGenerator::create(searcher, &*text_query, fields.body)?;
    snippets.set_max_num_chars(req.snippet_chars.max(40));
    let mut lede_snippets = SnippetGenerator::create(searcher, &*text_query, fields.lede)?;
    lede_snippets.set_max_num_chars(req.snippet_chars.max(40));
    let addrs: Vec<DocAddress> = docs.iter().map(|(_, a)| *a).collect();
    // Group key and size per hit (`None`: alone, its own group).
    let group_of: Vec<Option<(String, usize)>> = if addrs.is_empty() {
        Vec::new()
    } else {
        let table = groups()?;
        addrs
            .iter()
            .map(|a| table.of(*a).map(|(k, n)| (k.to_string(), n)))
            .collect()
    };
    let mut hits = Vec::with_capacity(docs.len());
    for ((score, addr), group_of) in docs.into_iter().zip(group_of) {
        let doc: TantivyDocument = searcher.doc(addr)?;
        let mut article = from_document(fields, &doc);
        let snippet = make_snippet(&snippets, &lede_snippets, &article, req.snippet_chars);
        article.body.clear();
        let (group, group_size) = group_of.unwrap_or_else(|| (article.id.clone(), 1));
        hits.push(Hit {
            article,
            score,
            snippet,
            group,
            group_size,
        });
    }
    let facets = req
        .facets
        .iter()
        .map(|f| (f.clone(), facet_top(&facet_counts, f, req.facet_limit)))
        .collect();
    let shown_query = match &req.like {
        Some(id) if req.query.trim().is_empty() => format!("like {id}"),
        Some(id) => format!("{} (like {id})", req.query),
        None => req.query.clone(),
    };
    Ok(SearchResults {
        query: shown_query,
        total,
        took_ms: started.elapsed().as_secs_f64() * 1000.0,
        hits,
        facets,
        histogram,
        collapsed: req.collapse,
        notes: Vec::new(),
    })
}

type TextAndFull = (Box<dyn Query>, Box<dyn Query>);

/// The user's text query alone (for snippets) and combined with `--like`
/// and the filters (for matching).
fn full_query(
    idx: &tantivy::Index,
    searcher: &Searcher,
    fields: &Fields,
    values: Option<&ValueList>,
    req: &SearchRequest,
) -> Result<TextAndFull, SearchError> {
    let text_query = parse_query(idx, searcher, fields, &req.query)?;
    let mut clauses: Vec<(Occur, Box<dyn Query>)> = vec![(Occur::Must, text_query.box_clone())];
    if let Some(id) = &req.like {
        clauses.push((Occur::Must, overview::like_query(searcher, fields, id)?));
        clauses.push((Occur::MustNot, overview::id_query(fields, id)));
    }
    clauses.extend(req.filters.clauses(fields, searcher, values)?);
    let query: Box<dyn Query> = if clauses.len() == 1 {
        text_query.box_clone()
    } else {
        Box::new(BooleanQuery::new(clauses))
    };
    Ok((text_query, query))
}

type DayCountsFruit = Option<(std::collections::HashMap<i64, u64>, u64)>;
type Collected = (
    usize,
    tally::Tally,
    DayCountsFruit,
    Vec<(Option<f32>, DocAddress)>,
);

fn day_counts(req: &SearchRequest) -> Option<histogram::DayCounts> {
    req.histogram.map(|_| histogram::DayCounts)
}

/// Count, facets, the optional timeline and the best `limit` hits after
/// `offset` in the requested order, all in one pass.
fn top(
    searcher: &Searcher,
    query: &dyn Query,
    req: &SearchRequest,
    limit: usize,
    offset: usize,
) -> Result<Collected, SearchError> {
    let days = day_counts(req);
    let facets = tally::FacetTally::new(index::schema::FACET_FIELD, &req.facets);
    if limit == 0 {
        let (total, counts, days) = searcher.search(query, &(Count, facets, days))?;
        return Ok((total, counts, days, Vec::new()));
    }
    let top = TopDocs::with_limit(limit).and_offset(offset);
    Ok(match req.sort {
        Sort::Relevance => {
            let (total, counts, days, docs) =
                searcher.search(query, &(Count, facets, days, top.order_by_score()))?;
            let docs = docs.into_iter().map(|(s, a)| (Some(s), a)).collect();
            (total, counts, days, docs)
        }
        Sort::Newest | Sort::Oldest => {
            let order = if req.sort == Sort::Newest {
                Order::Desc
            } else {
                Order::Asc
            };
            let by_date = top.order_by_fast_field::<DateTime>("date", order);
            let (total, counts, days, docs) =
                searcher.search(query, &(Count, facets, days, by_date))?;
            let docs = docs.into_iter().map(|(_, a)| (None, a)).collect();
            (total, counts, days, docs)
        }
    })
}

/// One hit per near-duplicate group: the best-ranked member in the
/// requested order. Fetches a growing window of ranked hits until the page
/// of groups is full or the matches run out; `offset` counts groups.
fn collapse(
    searcher: &Searcher,
    query: &dyn Query,
    req: &SearchRequest,
    // The group key of a hit; `None` when it is alone.
    group_key: &mut dyn FnMut(DocAddress) -> Result<Option<String>, SearchError>,
) -> Result<Collected, SearchError> {
    let wanted = req.offset + req.limit;
    let mut window = (wanted * 3).max(50);
    loop {
        let (total, counts, days, docs) = top(searcher, query, req, window, 0)?;
        let exhausted = docs.len() < window;
        let mut seen = std::collections::HashSet::new();
        let mut page = Vec::new();
        for (score, addr) in docs {
            if page.len() == wanted {
                break;
            }
            if group_key(addr)?.is_none_or(|key| seen.insert(key)) {
                page.push((score, addr));
            }
        }
        if page.len() == wanted || exhausted {
            let page = page.into_iter().skip(req.offset).collect();
            return Ok((total, counts, days, page));
        }
        window *= 4;
    }
}

/// The fields of `candidates` that some segment holds postings for, read
/// from each segment's table of postings files (one pass, without opening
/// any term dictionary). A segment whose table cannot be read counts as
/// holding every field.
fn fields_with_postings(
    searcher: &Searcher,
    candidates: &[tantivy::schema::Field],
) -> Vec<tantivy::schema::Field> {
    use tantivy::directory::CompositeFile;
    use tantivy::index::SegmentComponent;
    let Ok(segments) = searcher.index().searchable_segments() else {
        return candidates.to_vec();
    };
    let mut held = vec![false; candidates.len()];
    for s in &segments {
        let table = s
            .open_read(SegmentComponent::Postings)
            .ok()
            .and_then(|file| CompositeFile::open(&file).ok());
        for (h, &f) in held.iter_mut().zip(candidates) {
            *h |= table.as_ref().is_none_or(|c| c.open_read(f).is_some());
        }
        if held.iter().all(|&h| h) {
            break;
        }
    }
    candidates
        .iter()
        .zip(held)
        .filter_map(|(&f, h)| h.then_some(f))
        .collect()
}

/// Parse the user's query; an empty query or `*` matches everything. A
/// malformed query is a [`SearchError::Query`] that names the problem.
pub fn parse_query(
    idx: &tantivy::Index,
    searcher: &Searcher,
    fields: &Fields,
    q: &str,
) -> Result<Box<dyn Query>, SearchError> {
    let trimmed = q.trim();
    if trimmed.is_empty() || trimmed == "*" {
        return Ok(Box::new(AllQuery));
    }
    // Unqualified words search the text fields that hold any words: a field
    // no article fills (wire copy has no lede) matches nothing, and asking
    // tantivy for its terms costs a fresh process about a millisecond.
    let all: Vec<_> = fields.text_fields.iter().map(|(f, _)| *f).collect();
    let mut default_fields = fields_with_postings(searcher, &all);
    if default_fields.is_empty() {
        default_fields = all;
    }
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
    Snippet {
        text: make_snippet_start(a, chars),
        highlights: Vec::new(),
    }
}

/// The first `chars` bytes of the lede (else the body), cut at a word.
fn make_snippet_start(a: &StoredArticle, chars: usize) -> String {
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
    source[..end].to_string()
}

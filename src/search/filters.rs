//! Filters: entity, section, source and date restrictions on a search.
//!
//! Facet filters match the folded `keys` terms, so case and accents do not
//! matter. A person, org, section or source value that is not an exact
//! facet value matches every value containing all its words, so
//! `--person erdogan` finds "Recep Tayyip Erdogan"; a person or org value
//! always matches its exact value and every longer value containing it.
//! Words are cut at spaces, hyphens and periods, in values and filters
//! alike ([`words`]). An org value also matches the bodies of
//! `schema/orgs.tsv` it is a name or alias of ("--org BOJ" is the Bank of
//! Japan). Repeated flags must all match.

use super::SearchError;
use crate::entities::orgs::OrgNames;
use crate::index::schema::{facet_key, Fields};
use crate::index::value_list::{self, ValueList};
use crate::lexicon::fold;
use chrono::NaiveDate;
use std::collections::BTreeSet;
use std::ops::Bound;
use tantivy::query::{BooleanQuery, Occur, Query, RangeQuery, TermQuery};
use tantivy::schema::IndexRecordOption;
use tantivy::{DateTime, Searcher, Term};

#[derive(Debug, Clone, Default)]
pub struct Filters {
    /// Canonical country names (already resolved from aliases).
    pub countries: Vec<String>,
    pub persons: Vec<String>,
    pub orgs: Vec<String>,
    pub sections: Vec<String>,
    pub sources: Vec<String>,
    /// Inclusive first day.
    pub from: Option<NaiveDate>,
    /// Inclusive last day.
    pub to: Option<NaiveDate>,
}

impl Filters {
    /// The filter clauses; `values` (see [`ValueList`]) spares partial
    /// person and org values a pass over every segment.
    pub fn clauses(
        &self,
        f: &Fields,
        searcher: &Searcher,
        values: Option<&ValueList>,
    ) -> Result<Vec<(Occur, Box<dyn Query>)>, SearchError> {
        let mut out: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        for c in &self.countries {
            out.push((Occur::Must, term(f, &facet_key("country", c))));
        }
        for (dim, wanted) in [
            ("person", &self.persons),
            ("org", &self.orgs),
            ("section", &self.sections),
            ("source", &self.sources),
        ] {
            for v in wanted {
                out.push((Occur::Must, keyed(f, searcher, values, dim, v)?));
            }
        }
        if self.from.is_some() || self.to.is_some() {
            let lower = match self.from {
                Some(d) => Bound::Included(Term::from_field_date(f.date, day_start(d))),
                None => Bound::Unbounded,
            };
            let upper = match self.to.and_then(|d| d.succ_opt()) {
                Some(d) => Bound::Excluded(Term::from_field_date(f.date, day_start(d))),
                None => Bound::Unbounded,
            };
            out.push((Occur::Must, Box::new(RangeQuery::new(lower, upper))));
        }
        Ok(out)
    }
}

fn day_start(d: NaiveDate) -> DateTime {
    let secs = d
        .and_hms_opt(0, 0, 0)
        .expect("midnight exists")
        .and_utc()
        .timestamp();
    DateTime::from_timestamp_secs(secs)
}

fn term(f: &Fields, key: &str) -> Box<dyn Query> {
    Box::new(TermQuery::new(
        Term::from_field_text(f.keys, key),
        IndexRecordOption::Basic,
    ))
}

/// The words of a folded filter value or indexed value: cut at spaces,
/// hyphens and periods, so that "al-Mannai" and "Woong-bae" find "Khalid
/// al-Mannai" and "Rha Woong Bae" as their unhyphenated forms do, and
/// "reuters" finds the source "reuters.com".
fn words(folded: &str) -> impl Iterator<Item = &str> {
    folded
        .split(|c: char| c.is_whitespace() || c == '-' || c == '.')
        .filter(|w| !w.is_empty())
}

/// An exact folded value, or every value of `dim` containing all the words.
fn keyed(
    f: &Fields,
    searcher: &Searcher,
    values: Option<&ValueList>,
    dim: &str,
    value: &str,
) -> Result<Box<dyn Query>, SearchError> {
    let key = facet_key(dim, value);
    let exact = Term::from_field_text(f.keys, &key);
    // Sections and sources are exact names; a person or org may be given in
    // part ("--person reagan" also finds "Ronald Reagan").
    let partial = matches!(dim, "person" | "org");
    if !partial && searcher.doc_freq(&exact)? > 0 {
        return Ok(term(f, &key));
    }
    // The value as given, and for an organisation also every listed body it
    // is a name or alias of ("--org BOJ" is the Bank of Japan): each counts
    // exactly and with every longer value holding all its words.
    let mut names: Vec<&str> = vec![value];
    if dim == "org" {
        static ORGS: std::sync::OnceLock<OrgNames> = std::sync::OnceLock::new();
        let listed = ORGS.get_or_init(OrgNames::load).resolve(value);
        names.extend(listed.iter().map(String::as_str));
    }
    let word_sets: Vec<Vec<String>> = names
        .iter()
        .map(|n| words(&fold(n)).map(str::to_string).collect())
        .collect();
    let prefix = format!("{dim}:");
    let mut matches = BTreeSet::new();
    for name in &names {
        let k = facet_key(dim, name);
        if searcher.doc_freq(&Term::from_field_text(f.keys, &k))? > 0 {
            matches.insert(k);
        }
    }
    let mut consider = |k: &str| {
        let rest = &k[prefix.len()..];
        let parts: Vec<&str> = words(rest).collect();
        let holds = |words: &Vec<String>| {
            !words.is_empty() && words.iter().all(|w| parts.contains(&w.as_str()))
        };
        if word_sets.iter().any(holds) {
            matches.insert(k.to_string());
        }
    };
    match values.filter(|_| value_list::DIMS.contains(&dim)) {
        // Written by newsdex-index for exactly these segments.
        Some(list) => list.with_prefix(&prefix).for_each(&mut consider),
        None => value_list::stream_keys(searcher, f.keys, &prefix, &mut consider)?,
    }
    if matches.is_empty() {
        return Ok(term(f, &key));
    }
    let should: Vec<(Occur, Box<dyn Query>)> = matches
        .iter()
        .map(|k| (Occur::Should, term(f, k)))
        .collect();
    Ok(Box::new(BooleanQuery::new(should)))
}

//! Filters: entity, section, source and date restrictions on a search.
//!
//! Facet filters match the folded `keys` terms, so case and accents do not
//! matter. A person, org, section or source value that is not an exact
//! facet value matches every value containing all its words, so
//! `--person erdogan` finds "Recep Tayyip Erdogan"; a person or org value
//! always matches its exact value and every longer value containing it.
//! Words are cut at spaces, hyphens and periods, in values and filters
//! alike ([`words`]); a person's initials must agree when both sides give
//! them ([`NameParts::fit`]), and a full name also matches what the person
//! facet folds into it ([`PersonFilter`]). An org value also matches its
//! other spellings (`super::variants::org_key`), as the org facet merges
//! them, and the bodies of `schema/orgs.tsv` it is a name or alias of
//! ("--org BOJ" is the Bank of Japan). Repeated flags must all match.

use super::variants::org_key;
use super::SearchError;
use crate::entities::orgs::{front_and_body, split_country, with_country, OrgNames};
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
pub(super) fn words(folded: &str) -> impl Iterator<Item = &str> {
    folded
        .split(|c: char| c.is_whitespace() || matches!(c, '-' | '.' | '(' | ')'))
        .filter(|w| !w.is_empty())
}

/// A person's name words split into names and initials (one-letter words,
/// in order): "martin t. sosnoff" is `[martin, sosnoff]` and `[t]`,
/// "h.onno ruding" `[onno, ruding]` and `[h]`.
pub(super) struct NameParts<'a> {
    pub names: Vec<&'a str>,
    pub initials: Vec<&'a str>,
}

impl<'a> NameParts<'a> {
    pub(super) fn of(folded: &'a str) -> NameParts<'a> {
        let (initials, names) = words(folded).partition(|w| w.chars().nth(1).is_none());
        NameParts { names, initials }
    }

    /// How a person value (`self`) fits a person filter (`wanted`). Every
    /// name word of the filter must be in the value. Initials count when
    /// both sides have them, and must then be the same: "George W. Bush"
    /// does not find "George H.W. Bush". A value without initials whose
    /// name words are exactly the filter's is [`Fit::Bare`]: "Paul Volcker"
    /// for "Paul A. Volcker" (but not "John Smith" for "A. Smith"). A
    /// filter of initials alone needs them all.
    pub(super) fn fit(&self, wanted: &NameParts<'_>) -> Fit {
        let yes = |b: bool| if b { Fit::Yes } else { Fit::No };
        if wanted.names.is_empty() {
            return yes(!wanted.initials.is_empty()
                && wanted.initials.iter().all(|w| self.initials.contains(w)));
        }
        if !wanted.names.iter().all(|w| self.names.contains(w)) {
            return Fit::No;
        }
        if wanted.initials.is_empty() || self.initials == wanted.initials {
            return Fit::Yes;
        }
        if self.names != wanted.names {
            return Fit::No;
        }
        if self.initials.is_empty() {
            Fit::Bare
        } else {
            Fit::Rival
        }
    }
}

/// How a person value fits a filter; see [`NameParts::fit`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Fit {
    Yes,
    No,
    /// The filter's names without its initials: the same person unless
    /// the archive also has a [`Fit::Rival`].
    Bare,
    /// The filter's names with other initials ("George H.W. Bush" for
    /// "George W. Bush"): a second person of that name.
    Rival,
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
    // "Japanese Finance Ministry", "Soviet Communist Party": the body with
    // its country, as extraction writes it ("Finance Ministry (Japan)").
    let placed = (dim == "org").then(|| country_in_front(value)).flatten();
    names.extend(placed.as_deref());
    // "Export-Import Bank of Japan", "Central Bank of the Philippines": the
    // body with its country after "of", as extraction writes it, matched
    // whole or spelt another way, not by its words ("Bank (Japan)" is in no
    // value that the Bank of Japan is).
    let of_country = (dim == "org").then(|| country_after_of(value)).flatten();
    let folded: Vec<String> = names.iter().map(|n| fold(n)).collect();
    let prefix = format!("{dim}:");
    let mut matches = BTreeSet::new();
    for name in names.iter().chain(&of_country.as_deref()) {
        let k = facet_key(dim, name);
        if searcher.doc_freq(&Term::from_field_text(f.keys, &k))? > 0 {
            matches.insert(k);
        }
    }
    // Only a person filter has one name (no gazetteer aliases).
    let mut person = (dim == "person").then(|| PersonFilter::new(&folded[0]));
    // An org spelt another way ("Swiss Bank Corporation" for "Swiss Bank
    // Corp"), as the org facet merges them.
    let spellings: Vec<String> = if dim == "org" {
        folded
            .iter()
            .map(|n| org_key(n))
            .chain(of_country.as_deref().map(|n| org_key(&fold(n))))
            .collect()
    } else {
        Vec::new()
    };
    let mut consider = |k: &str| {
        let rest = &k[prefix.len()..];
        let holds = match person.as_mut() {
            Some(p) => p.consider(rest),
            None => {
                let parts: Vec<&str> = words(rest).collect();
                folded.iter().any(|n| {
                    let mut ws = words(n).peekable();
                    ws.peek().is_some() && ws.all(|w| parts.contains(&w))
                }) || !spellings.is_empty() && {
                    let key = org_key(rest);
                    let body = split_country(&key).0;
                    spellings.iter().any(|s| *s == key || s == body)
                }
            }
        };
        if holds {
            matches.insert(k.to_string());
        }
    };
    each_value(f, searcher, values, dim, &mut consider)?;
    if let Some(p) = person {
        p.finish(f, searcher, &mut matches)?;
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

/// An organisation named with its country in front ("Japanese Finance
/// Ministry", "West German Social Democratic Party") as its value with the
/// country after ([`with_country`]), read as extraction reads it
/// ([`front_and_body`]).
fn country_in_front(value: &str) -> Option<String> {
    let value = value.trim();
    // (A shorter name is no country and a body: spare loading the names.)
    if value.split_whitespace().count() < 3 {
        return None;
    }
    front_and_body(value).find_map(|(front, body)| placed_in(body, front))
}

/// An organisation named with its country after "of" ("Export-Import Bank
/// of Japan", "Communist Party of China", "Central Bank of the
/// Philippines") as its value with the country after ([`with_country`]),
/// as extraction writes a body that needs its country.
fn country_after_of(value: &str) -> Option<String> {
    let (body, object) = value.trim().rsplit_once(" of ")?;
    let object = object.strip_prefix("the ").unwrap_or(object);
    if body.split_whitespace().count() < 2 {
        return None;
    }
    placed_in(body, object)
}

/// `body` with the country `place` names after it ([`with_country`]), if
/// `place` names one.
fn placed_in(body: &str, place: &str) -> Option<String> {
    let country = super::country_names().resolve(place)?;
    Some(with_country(body.trim(), country))
}

/// Every indexed key of `dim` (`dim:` and the folded value), in order.
fn each_value(
    f: &Fields,
    searcher: &Searcher,
    values: Option<&ValueList>,
    dim: &str,
    each: &mut dyn FnMut(&str),
) -> Result<(), SearchError> {
    let prefix = format!("{dim}:");
    match values.filter(|_| value_list::DIMS.contains(&dim)) {
        // Written by newsdex-index for exactly these segments.
        Some(list) => list.with_prefix(&prefix).for_each(each),
        None => value_list::stream_keys(searcher, f.keys, &prefix, each)?,
    }
    Ok(())
}

/// Whether a filter value of `dim` matches any indexed value.
pub(super) fn matches_any(
    f: &Fields,
    searcher: &Searcher,
    values: Option<&ValueList>,
    dim: &str,
    value: &str,
) -> Result<bool, SearchError> {
    let query = keyed(f, searcher, values, dim, value)?;
    Ok(searcher.search(&*query, &tantivy::collector::Count)? > 0)
}

/// Indexed keys of `dim` close to a value that matches none ("Volker":
/// "person:paul volcker"), best first, with their article counts: every
/// word of three letters or more of the value is within one edit in five
/// letters (at least one) of a word of the key.
pub(super) fn close_values(
    f: &Fields,
    searcher: &Searcher,
    values: Option<&ValueList>,
    dim: &str,
    value: &str,
    limit: usize,
) -> Result<Vec<(String, u64)>, SearchError> {
    let folded = fold(value);
    let wanted: Vec<(&str, usize)> = words(&folded)
        .map(|w| (w, w.chars().count()))
        .filter(|&(_, n)| n >= 3)
        .collect();
    if wanted.is_empty() {
        return Ok(Vec::new());
    }
    let mut found: Vec<(usize, String)> = Vec::new();
    each_value(f, searcher, values, dim, &mut |k: &str| {
        let parts: Vec<&str> = words(&k[dim.len() + 1..]).collect();
        let mut total = 0;
        for &(w, n) in &wanted {
            let allowed = (n / 5).max(1);
            let best = parts
                .iter()
                .filter(|p| p.len().abs_diff(w.len()) <= allowed + 1)
                .map(|p| strsim::damerau_levenshtein(w, p))
                .min();
            match best {
                Some(d) if d <= allowed => total += d,
                _ => return,
            }
        }
        found.push((total, k.to_string()));
    })?;
    let mut counted = Vec::with_capacity(found.len());
    for (distance, key) in found {
        let n = searcher.doc_freq(&Term::from_field_text(f.keys, &key))?;
        counted.push((distance, std::cmp::Reverse(n), key));
    }
    counted.sort_unstable();
    counted.truncate(limit);
    Ok(counted.into_iter().map(|(_, n, k)| (k, n.0)).collect())
}

/// What a `--person` filter answers besides the values holding its words,
/// so that it counts what the person facet shows (`super::people`): the
/// form without initials when no rival initials are about, and the lone
/// surname ("Reagan") when the filter's full name has at least 80% of the
/// articles of the full names with that surname.
struct PersonFilter<'a> {
    wanted: NameParts<'a>,
    /// The filter's longest name word: a value without it fits not at all,
    /// known without taking the value apart.
    telling: Option<&'a str>,
    /// The filter's last word, when it has more than one.
    surname: Option<&'a str>,
    /// Values that are the filter's names without its initials.
    bare: Vec<String>,
    /// A value with the filter's names and other initials exists.
    rival: bool,
    /// The lone surname value, if the index has it.
    lone: Option<String>,
    /// Every value of two or more words ending in the surname, and whether
    /// it answers the filter (bare values are settled in `finish`).
    fulls: Vec<(String, Fit)>,
}

impl<'a> PersonFilter<'a> {
    fn new(folded: &'a str) -> PersonFilter<'a> {
        let wanted = NameParts::of(folded);
        PersonFilter {
            telling: wanted.names.iter().copied().max_by_key(|w| w.len()),
            wanted,
            surname: folded.rsplit_once(' ').map(|(_, last)| last),
            bare: Vec::new(),
            rival: false,
            lone: None,
            fulls: Vec::new(),
        }
    }

    /// Whether the value `rest` (a folded key without its `person:`
    /// prefix) answers the filter outright.
    fn consider(&mut self, rest: &str) -> bool {
        let fit = match self.telling {
            Some(w) if !rest.contains(w) => Fit::No,
            _ => NameParts::of(rest).fit(&self.wanted),
        };
        match fit {
            Fit::Bare => self.bare.push(rest.to_string()),
            Fit::Rival => self.rival = true,
            Fit::Yes | Fit::No => {}
        }
        if let Some(surname) = self.surname {
            match rest.rsplit_once(' ') {
                Some((_, last)) if last == surname => self.fulls.push((rest.to_string(), fit)),
                None if rest == surname => self.lone = Some(rest.to_string()),
                _ => {}
            }
        }
        fit == Fit::Yes
    }

    fn finish(
        self,
        f: &Fields,
        searcher: &Searcher,
        matches: &mut BTreeSet<String>,
    ) -> Result<(), SearchError> {
        let key = |rest: &str| format!("person:{rest}");
        // "Paul Volcker" is Paul A. Volcker unless a Paul B. Volcker is about.
        let bare_too = !self.rival;
        if bare_too {
            matches.extend(self.bare.iter().map(|r| key(r)));
        }
        let Some(lone) = self.lone else {
            return Ok(());
        };
        let (mut answering, mut all) = (0u64, 0u64);
        for (rest, fit) in &self.fulls {
            let df = searcher.doc_freq(&Term::from_field_text(f.keys, &key(rest)))?;
            all += df;
            if *fit == Fit::Yes || *fit == Fit::Bare && bare_too {
                answering += df;
            }
        }
        if answering > 0 && answering * 5 >= all * 4 {
            matches.insert(key(&lone));
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fit(value: &str, filter: &str) -> Fit {
        let (v, f) = (fold(value), fold(filter));
        NameParts::of(&v).fit(&NameParts::of(&f))
    }

    #[test]
    fn initials_agree_or_are_missing() {
        assert_eq!(fit("Paul A. Volcker", "paul volcker"), Fit::Yes);
        assert_eq!(fit("Paul A. Volcker", "Volcker"), Fit::Yes);
        assert_eq!(fit("Paul A. Volcker", "Paul A. Volcker"), Fit::Yes);
        assert_eq!(fit("H.Onno Ruding", "H. Onno Ruding"), Fit::Yes);
        assert_eq!(fit("Paul Volcker", "Paul A. Volcker"), Fit::Bare);
        assert_eq!(fit("George H.W. Bush", "George W. Bush"), Fit::Rival);
        assert_eq!(fit("George W. Bush", "George H.W. Bush"), Fit::Rival);
        assert_eq!(fit("John Smith", "A. Smith"), Fit::No);
        assert_eq!(fit("John A. Smith", "A. Smith"), Fit::Yes);
        assert_eq!(fit("Rha Woong Bae", "rha woong-bae"), Fit::Yes);
        assert_eq!(fit("Paul Volcker", "Paula Volcker"), Fit::No);
    }
}

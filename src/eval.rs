//! Scoring extraction against labelled articles.
//!
//! The labelled sets in `tests/labels/` and `tests/eval/` record, for each
//! article id, the date, countries, persons and organisations a careful
//! human indexer would give. This module compares extracted articles with
//! them and reports document-level precision, recall and F1 per entity kind,
//! date accuracy, and every single error, so that a change in the rules
//! shows up as numbers and as concrete cases.

use crate::lexicon::fold;
use serde::Deserialize;
use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;

#[derive(Debug, Clone, Deserialize)]
pub struct Label {
    pub id: String,
    pub date: Option<String>,
    #[serde(default)]
    pub countries: Vec<String>,
    #[serde(default)]
    pub persons: Vec<String>,
    /// `None` when the set does not label organisations.
    pub orgs: Option<Vec<String>>,
}

/// Parse a JSON Lines label file (or `--export` output).
pub fn parse_labels(text: &str) -> Result<Vec<Label>, String> {
    text.lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
        .map(|(i, l)| serde_json::from_str(l).map_err(|e| format!("line {}: {e}", i + 1)))
        .collect()
}

#[derive(Debug, Default, Clone, Copy)]
pub struct Counts {
    pub tp: usize,
    pub fp: usize,
    pub fn_: usize,
}

impl Counts {
    pub fn precision(&self) -> f64 {
        ratio(self.tp, self.tp + self.fp)
    }
    pub fn recall(&self) -> f64 {
        ratio(self.tp, self.tp + self.fn_)
    }
    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        1.0
    } else {
        a as f64 / b as f64
    }
}

#[derive(Debug, Default)]
pub struct Report {
    pub articles: usize,
    pub missing: Vec<String>,
    pub kinds: BTreeMap<&'static str, Counts>,
    pub dates_right: usize,
    pub dates_total: usize,
    /// "id: kind +extra / -missing" lines.
    pub errors: Vec<String>,
}

impl Report {
    pub fn date_accuracy(&self) -> f64 {
        ratio(self.dates_right, self.dates_total)
    }

    pub fn kind(&self, k: &str) -> Counts {
        self.kinds.get(k).copied().unwrap_or_default()
    }

    /// The score table without the error list.
    pub fn table(&self) -> String {
        let mut s = String::new();
        let _ = writeln!(
            s,
            "articles scored: {}  (labelled but not found: {})",
            self.articles,
            self.missing.len()
        );
        let _ = writeln!(
            s,
            "{:<10} {:>9} {:>9} {:>9} {:>6} {:>6} {:>6}",
            "entity", "precision", "recall", "F1", "tp", "fp", "fn"
        );
        for (k, c) in &self.kinds {
            let _ = writeln!(
                s,
                "{:<10} {:>9.3} {:>9.3} {:>9.3} {:>6} {:>6} {:>6}",
                k,
                c.precision(),
                c.recall(),
                c.f1(),
                c.tp,
                c.fp,
                c.fn_
            );
        }
        let _ = writeln!(
            s,
            "dates      {:>9.3} accuracy ({} of {})",
            self.date_accuracy(),
            self.dates_right,
            self.dates_total
        );
        s
    }

    /// The table, then every article not found and every disagreement.
    pub fn render(&self) -> String {
        let mut s = self.table();
        for m in &self.missing {
            let _ = writeln!(s, "not found: {m}");
        }
        for e in &self.errors {
            let _ = writeln!(s, "{e}");
        }
        s
    }
}

/// What extraction produced for one article, as `newsdex-index --export`
/// prints it: the same shape as a label, with `orgs` always present.
pub type Extracted = Label;

/// Parse `--export` output.
pub fn parse_export(text: &str) -> Result<Vec<Extracted>, String> {
    parse_labels(text)
}

/// Score `articles` against `labels`.
pub fn score(labels: &[Label], articles: &[Extracted]) -> Report {
    let by_id: BTreeMap<&str, &Extracted> = articles.iter().map(|a| (a.id.as_str(), a)).collect();
    let mut r = Report::default();
    for l in labels {
        let Some(a) = by_id.get(l.id.as_str()) else {
            r.missing.push(l.id.clone());
            continue;
        };
        r.articles += 1;
        compare(&mut r, &l.id, "countries", &l.countries, &a.countries);
        compare(&mut r, &l.id, "persons", &l.persons, &a.persons);
        if let Some(orgs) = &l.orgs {
            compare(
                &mut r,
                &l.id,
                "orgs",
                orgs,
                a.orgs.as_deref().unwrap_or_default(),
            );
        }
        r.dates_total += 1;
        let got = a.date.as_ref().map(|d| d[..d.len().min(10)].to_string());
        if got == l.date {
            r.dates_right += 1;
        } else {
            r.errors
                .push(format!("{}: date: want {:?}, got {:?}", l.id, l.date, got));
        }
    }
    r
}

fn compare(r: &mut Report, id: &str, kind: &'static str, want: &[String], got: &[String]) {
    let w: BTreeSet<String> = want.iter().map(|s| fold(s)).collect();
    let g: BTreeSet<String> = got.iter().map(|s| fold(s)).collect();
    let c = r.kinds.entry(kind).or_default();
    c.tp += w.intersection(&g).count();
    let extra: Vec<&String> = g.difference(&w).collect();
    let missing: Vec<&String> = w.difference(&g).collect();
    c.fp += extra.len();
    c.fn_ += missing.len();
    if !extra.is_empty() || !missing.is_empty() {
        r.errors
            .push(format!("{id}: {kind}: extra {extra:?} missing {missing:?}"));
    }
}

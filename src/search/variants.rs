//! One facet value per name, however the articles spell it.
//!
//! The facet field keeps values as the articles wrote them, so one body
//! can arrive as "Swiss Bank Corp" and "Swiss Bank Corporation",
//! "Inter-American Development Bank" and "InterAmerican Development Bank",
//! "Dai-Ichi Kangyo Bank" and "Dai-ichi Kangyo Bank", and a section as
//! "Business" and "business". At search time such values become one, shown
//! in the most frequent spelling. Filters already match case and accents
//! alike; `--org` also matches by [`org_key`] (`super::filters`), so it
//! finds what a merged value counts. Persons have more rules of their own
//! (`super::people`), on top of [`spellings`].

use super::FacetCount;
pub use crate::entities::orgs::spelling_key as org_key;
use crate::lexicon::fold;
use rustc_hash::FxHashMap;

/// One merged value.
pub(super) struct Entry {
    /// The spelling shown: the most frequent one.
    pub shown: String,
    /// Articles counted for every spelling (and any value merged in).
    pub total: u64,
    /// Articles of the shown spelling.
    pub best: u64,
    /// Merged into another entry.
    pub merged: bool,
}

/// Values with equal `key`s as one entry each, the most frequent spelling
/// shown (on a tie, one with accents); and the entry of each key.
pub(super) fn spellings(
    values: Vec<(String, u64)>,
    key: impl Fn(&str) -> String,
) -> (FxHashMap<String, usize>, Vec<Entry>) {
    let mut index: FxHashMap<String, usize> = FxHashMap::default();
    index.reserve(values.len());
    let mut entries: Vec<Entry> = Vec::with_capacity(values.len());
    for (value, count) in values {
        let k = key(&value);
        if let Some(&i) = index.get(&k) {
            let e = &mut entries[i];
            e.total += count;
            if count > e.best || (count == e.best && !value.is_ascii()) {
                e.shown = value;
                e.best = count;
            }
        } else {
            index.insert(k, entries.len());
            entries.push(Entry {
                shown: value,
                total: count,
                best: count,
                merged: false,
            });
        }
    }
    (index, entries)
}

/// The `limit` largest entries not merged into others, by count, ties in
/// value order.
pub(super) fn top(entries: Vec<Entry>, limit: usize) -> Vec<FacetCount> {
    let by_count =
        |a: &FacetCount, b: &FacetCount| b.count.cmp(&a.count).then_with(|| a.value.cmp(&b.value));
    let mut out: Vec<FacetCount> = entries
        .into_iter()
        .filter(|e| !e.merged)
        .map(|e| FacetCount {
            value: e.shown,
            count: e.total,
        })
        .collect();
    if limit > 0 && out.len() > limit {
        out.select_nth_unstable_by(limit - 1, by_count);
        out.truncate(limit);
    }
    out.sort_by(by_count);
    out.truncate(limit);
    out
}

/// Merge the counts of a facet whose values are names (org, section,
/// source); returns the top `limit` after merging.
pub fn merge(dim: &str, values: Vec<(String, u64)>, limit: usize) -> Vec<FacetCount> {
    let (_, entries) = if dim == "org" {
        spellings(values, org_key)
    } else {
        spellings(values, fold)
    };
    top(entries, limit)
}

/// Facet counts from literals, for the tests of this module and `people`.
#[cfg(test)]
pub(super) fn v(list: &[(&str, u64)]) -> Vec<(String, u64)> {
    list.iter().map(|(s, c)| (s.to_string(), *c)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn org_spellings_merge() {
        let m = merge(
            "org",
            v(&[
                ("Swiss Bank Corp", 49),
                ("Swiss Bank Corporation", 11),
                ("Inter-American Development Bank", 50),
                ("InterAmerican Development Bank", 2),
                ("Gulf Co-operation Council", 1),
                ("Gulf Cooperation Council", 15),
                ("Bank of Tokyo", 25),
                ("Bank of Tokyo International", 15),
                ("Economic Ministry (Taiwan)", 5),
                ("Ministry of Economic Affairs (Taiwan)", 1),
                ("Economy Ministry (Taiwan)", 1),
                ("Finance Ministry (Taiwan)", 4),
            ]),
            10,
        );
        let got: Vec<(&str, u64)> = m.iter().map(|f| (f.value.as_str(), f.count)).collect();
        assert_eq!(
            got,
            [
                ("Swiss Bank Corp", 60),
                ("Inter-American Development Bank", 52),
                ("Bank of Tokyo", 25),
                ("Gulf Cooperation Council", 16),
                ("Bank of Tokyo International", 15),
                ("Economic Ministry (Taiwan)", 7),
                ("Finance Ministry (Taiwan)", 4),
            ]
        );
    }

    #[test]
    fn sections_merge_by_case() {
        let m = merge("section", v(&[("Business", 5), ("business", 2)]), 10);
        assert_eq!((m[0].value.as_str(), m[0].count), ("Business", 7));
    }
}

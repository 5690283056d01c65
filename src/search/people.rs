//! One person, one facet value, across the whole archive.
//!
//! Within an article extraction already merges "Erdogan" into "Recep Tayyip
//! Erdogan". Across articles the index can still hold variants: the same
//! name with and without accents ("Erdoğan", "Erdogan"), and a surname that
//! some articles only give with a title ("President Reagan"). At search
//! time the person facet folds these together: values equal after case and
//! accent folding become one, shown in their most frequent spelling; a lone
//! surname joins the full name it belongs to when one full name clearly
//! dominates that surname (at least 80% of the full-name counts), and stays
//! apart when the surname is shared (two Bakers).

use super::FacetCount;
use crate::lexicon::fold;
use rustc_hash::FxHashMap;

/// One folded person value while merging.
struct Entry {
    /// The spelling shown: the most frequent one.
    shown: String,
    /// Articles counted for every spelling (and any merged surname).
    total: u64,
    /// Articles of the shown spelling.
    best: u64,
    /// Folded into a full name.
    merged: bool,
}

/// Merge person facet counts; returns the top `limit` after merging.
///
/// A common word matches most of the archive and brings tens of thousands
/// of person values, so each value is folded once and every later step
/// works on indices into one list.
pub fn merge(values: Vec<(String, u64)>, limit: usize) -> Vec<FacetCount> {
    // 1. Fold case and accents; keep the most frequent spelling.
    let mut index: FxHashMap<String, usize> = FxHashMap::default();
    index.reserve(values.len());
    let mut entries: Vec<Entry> = Vec::with_capacity(values.len());
    for (value, count) in values {
        let key = fold(&value);
        if let Some(&i) = index.get(&key) {
            let e = &mut entries[i];
            e.total += count;
            if count > e.best || (count == e.best && !value.is_ascii()) {
                e.shown = value;
                e.best = count;
            }
        } else {
            index.insert(key, entries.len());
            entries.push(Entry {
                shown: value,
                total: count,
                best: count,
                merged: false,
            });
        }
    }
    // 2. Lone surnames join a dominant full name ending in that surname.
    let mut by_surname: FxHashMap<&str, Vec<usize>> = FxHashMap::default();
    for (key, &i) in &index {
        if let Some((_, last)) = key.rsplit_once(' ') {
            by_surname.entry(last).or_default().push(i);
        }
    }
    for (key, &single) in &index {
        if key.contains(' ') {
            continue;
        }
        let Some(fulls) = by_surname.get(key.as_str()) else {
            continue;
        };
        let total: u64 = fulls.iter().map(|&f| entries[f].total).sum();
        let Some(&best) = fulls.iter().max_by_key(|&&f| entries[f].total) else {
            continue;
        };
        if entries[best].total * 5 >= total * 4 {
            entries[best].total += entries[single].total;
            entries[single].merged = true;
        }
    }
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

#[cfg(test)]
mod tests {
    use super::*;

    fn v(list: &[(&str, u64)]) -> Vec<(String, u64)> {
        list.iter().map(|(s, c)| (s.to_string(), *c)).collect()
    }

    #[test]
    fn accents_and_surnames_merge() {
        let m = merge(
            v(&[
                ("Recep Tayyip Erdoğan", 5),
                ("Recep Tayyip Erdogan", 3),
                ("Erdogan", 4),
                ("Reagan", 11),
                ("Ronald Reagan", 2),
            ]),
            10,
        );
        assert_eq!(m[0].value, "Ronald Reagan");
        assert_eq!(m[0].count, 13);
        assert_eq!(m[1].value, "Recep Tayyip Erdoğan");
        assert_eq!(m[1].count, 12);
    }

    #[test]
    fn shared_surnames_stay_apart() {
        let m = merge(
            v(&[("Baker", 10), ("James Baker", 5), ("Howard Baker", 4)]),
            10,
        );
        assert!(m.iter().any(|f| f.value == "Baker" && f.count == 10));
    }
}

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

/// Merge person facet counts; returns the top `limit` after merging.
pub fn merge(values: Vec<(String, u64)>, limit: usize) -> Vec<FacetCount> {
    // 1. Fold case and accents; keep the most frequent spelling.
    let mut by_key: FxHashMap<String, (String, u64, u64)> = FxHashMap::default();
    for (value, count) in values {
        let e = by_key
            .entry(fold(&value))
            .or_insert_with(|| (value.clone(), 0, 0));
        e.1 += count;
        if count > e.2 || (count == e.2 && !value.is_ascii()) {
            e.0 = value;
            e.2 = count;
        }
    }
    // 2. Lone surnames join a dominant full name ending in that surname.
    let mut by_surname: FxHashMap<String, Vec<String>> = FxHashMap::default();
    for key in by_key.keys() {
        if let Some((_, last)) = key.rsplit_once(' ') {
            by_surname
                .entry(last.to_string())
                .or_default()
                .push(key.clone());
        }
    }
    let singles: Vec<String> = by_key
        .keys()
        .filter(|k| !k.contains(' '))
        .cloned()
        .collect();
    for single in singles {
        let Some(fulls) = by_surname.get(&single) else {
            continue;
        };
        let total: u64 = fulls.iter().map(|f| by_key[f].1).sum();
        let Some(best) = fulls.iter().max_by_key(|f| by_key[*f].1) else {
            continue;
        };
        if by_key[best].1 * 5 >= total * 4 {
            let moved = by_key.remove(&single).map(|e| e.1).unwrap_or(0);
            if let Some(e) = by_key.get_mut(best) {
                e.1 += moved;
            }
        }
    }
    let mut out: Vec<FacetCount> = by_key
        .into_values()
        .map(|(value, count, _)| FacetCount { value, count })
        .collect();
    out.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.value.cmp(&b.value)));
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

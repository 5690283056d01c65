//! One person, one facet value, across the whole archive.
//!
//! Within an article extraction already merges "Erdogan" into "Recep Tayyip
//! Erdogan". Across articles the index can still hold variants: the same
//! name with and without accents ("Erdoğan", "Erdogan"), and a surname that
//! some articles only give with a title ("President Reagan"). At search
//! time the person facet folds these together: values equal after case and
//! accent folding become one, shown in their most frequent spelling; a
//! name with and without initials becomes one, shown with them, unless two
//! sets of initials are about (two George Bushes); a lone surname joins the
//! full name it belongs to when one full name clearly dominates that surname
//! (at least 80% of the full-name counts), and stays apart when the surname
//! is shared (two Bakers). `--person` (`super::filters`) finds what each
//! merged value counts.

use super::variants::{spellings, top, Entry};
use super::FacetCount;
use crate::lexicon::fold;
use rustc_hash::FxHashMap;

/// Merge person facet counts; returns the top `limit` after merging.
///
/// A common word matches most of the archive and brings tens of thousands
/// of person values, so each value is folded once and every later step
/// works on indices into one list.
pub fn merge(values: Vec<(String, u64)>, limit: usize) -> Vec<FacetCount> {
    // 1. Fold case and accents; keep the most frequent spelling.
    let (index, mut entries) = spellings(values, fold);
    // 2. Forms of one name with and without initials join.
    merge_initials(&index, &mut entries);
    // 3. Lone surnames join a dominant full name ending in that surname.
    let mut by_surname: FxHashMap<&str, Vec<usize>> = FxHashMap::default();
    for (key, &i) in &index {
        if entries[i].merged {
            continue;
        }
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
    top(entries, limit)
}

/// Merge entry `from` into entry `into`; the shown spelling stays
/// `into`'s unless `keep_shown` is false and `from`'s is more frequent.
fn absorb(entries: &mut [Entry], into: usize, from: usize, keep_shown: bool) {
    let (total, best) = (entries[from].total, entries[from].best);
    let shown = std::mem::take(&mut entries[from].shown);
    entries[from].merged = true;
    let e = &mut entries[into];
    e.total += total;
    if !keep_shown && best > e.best {
        e.shown = shown;
        e.best = best;
    }
}

/// Whether a folded value is plain words joined by spaces: no hyphen, no
/// period and no word of one letter. One pass over the bytes.
fn plain(key: &str) -> bool {
    // Letters in the current word (UTF-8 continuation bytes not counted);
    // every word, empty ones between two spaces included, needs two.
    let mut letters = 0usize;
    for &b in key.as_bytes() {
        match b {
            b'-' | b'.' => return false,
            b' ' if letters < 2 => return false,
            b' ' => letters = 0,
            b if b & 0xC0 == 0x80 => {}
            _ => letters += 1,
        }
    }
    letters >= 2
}

/// Step 2 of [`merge`]: values with the same name words (two or more) join
/// when their initials agree ("H.Onno Ruding", "H. Onno Ruding"), and the
/// form without initials ("Martin Sosnoff") joins the form with them
/// ("Martin T. Sosnoff", the most complete form, which is shown) when it is
/// the only initialled form. Two forms with different initials ("George W.
/// Bush", "George H.W. Bush") never join, and a bare form between them
/// stays apart. `--person` draws the same line (`NameParts::fit`).
fn merge_initials(index: &FxHashMap<String, usize>, entries: &mut [Entry]) {
    // Most values are plain words joined by spaces: their own name words,
    // with no initials. Only the others are taken apart, into hashes of
    // their name words and of their initials, without allocating (a common
    // word brings hundreds of thousands of values); the plain form of a
    // group, if any, is then the value its name words spell.
    let mut forms: Vec<(u64, u64, usize, &str)> = Vec::new();
    for (key, &i) in index {
        if plain(key) {
            continue;
        }
        let (names, initials, count) = name_hashes(key);
        if count >= 2 {
            forms.push((names, initials, i, key));
        }
    }
    // By name words, then initials (none first: an empty hash is 0), then
    // entry (the first spelling seen).
    forms.sort_unstable();
    let mut bare_key = String::new();
    let mut members: Vec<(u64, usize)> = Vec::new();
    for group in forms.chunk_by(|a, b| a.0 == b.0) {
        // Equal hashes almost surely mean equal words; make sure.
        let names = || name_words(group[0].3);
        members.clear();
        members.extend(
            group
                .iter()
                .filter(|f| name_words(f.3).eq(names()))
                .map(|f| (f.1, f.2)),
        );
        // The plain form, the name words joined by spaces, has no initials.
        bare_key.clear();
        for w in names() {
            if !bare_key.is_empty() {
                bare_key.push(' ');
            }
            bare_key.push_str(w);
        }
        if let Some(&bare) = index.get(bare_key.as_str()) {
            members.push((0, bare));
            members.sort_unstable();
        }
        // One entry per initials, the most frequent spelling shown.
        let mut kept: Vec<(u64, usize)> = Vec::with_capacity(members.len());
        for &(initials, i) in &members {
            match kept.last() {
                Some(&(last, into)) if last == initials => absorb(entries, into, i, false),
                _ => kept.push((initials, i)),
            }
        }
        // Sorted, so the forms without initials come first; they join the
        // one initialled form, and stay apart between two.
        if let [(0, bare), (_, full)] = kept[..] {
            absorb(entries, full, bare, true);
        }
    }
}

/// A folded name's words other than its initials.
fn name_words(key: &str) -> impl Iterator<Item = &str> {
    super::filters::words(key).filter(|w| w.chars().nth(1).is_some())
}

/// Hashes of a folded name's name words and of its initials (see
/// `super::filters::NameParts`), and how many name words it has: equal
/// words, equal hashes (and different words almost never share one); no
/// initials hash to 0.
fn name_hashes(key: &str) -> (u64, u64, usize) {
    use std::hash::Hasher;
    let mut names = rustc_hash::FxHasher::default();
    let mut initials = rustc_hash::FxHasher::default();
    let (mut count, mut any_initial) = (0, false);
    for w in super::filters::words(key) {
        let h = if w.chars().nth(1).is_none() {
            any_initial = true;
            &mut initials
        } else {
            count += 1;
            &mut names
        };
        // 0xff is no byte of UTF-8: words cannot run together.
        h.write(w.as_bytes());
        h.write_u8(0xff);
    }
    let initials = if any_initial { initials.finish() } else { 0 };
    (names.finish(), initials, count)
}

#[cfg(test)]
mod tests {
    use super::super::variants::v;
    use super::*;

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
    fn initials_join_the_one_initialled_form() {
        let m = merge(
            v(&[
                ("Martin Sosnoff", 11),
                ("Martin T. Sosnoff", 8),
                ("H.Onno Ruding", 1),
                ("H. Onno Ruding", 2),
                ("Onno Ruding", 7),
                ("Sosnoff", 3),
            ]),
            10,
        );
        let got: Vec<(&str, u64)> = m.iter().map(|f| (f.value.as_str(), f.count)).collect();
        // The most complete form is shown; the lone surname follows it.
        assert_eq!(got, [("Martin T. Sosnoff", 22), ("H. Onno Ruding", 10)]);
    }

    #[test]
    fn rival_initials_stay_apart() {
        let m = merge(
            v(&[
                ("George W. Pell", 4),
                ("George H.W. Pell", 3),
                ("George Pell", 2),
                ("Pell", 1),
            ]),
            10,
        );
        let got: Vec<(&str, u64)> = m.iter().map(|f| (f.value.as_str(), f.count)).collect();
        assert_eq!(
            got,
            [
                ("George W. Pell", 4),
                ("George H.W. Pell", 3),
                ("George Pell", 2),
                ("Pell", 1)
            ]
        );
    }

    proptest::proptest! {
        /// The byte scan is the definition: no hyphen, no period, and every
        /// word (cut at single spaces) two letters or more.
        #[test]
        fn plain_is_its_definition(key in "[abé .-]{0,10}") {
            let want = !key.contains(['-', '.'])
                && key.split(' ').all(|w| w.chars().nth(1).is_some());
            proptest::prop_assert_eq!(plain(&key), want);
        }
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

//! The data files in `schema/`, embedded at build time.
//!
//! Gazetteers and name lists are data, not code: they live in `schema/`
//! with their sources and licences, are compiled into the binaries so that
//! newsdex works from any directory, and can be overridden without a rebuild
//! by pointing `NEWSDEX_SCHEMA_DIR` at a directory holding files of the same
//! names.

use std::borrow::Cow;
use unicode_normalization::char::is_combining_mark;
use unicode_normalization::UnicodeNormalization;

/// Environment variable naming a directory whose files replace the
/// embedded ones of the same name.
pub const OVERRIDE_ENV: &str = "NEWSDEX_SCHEMA_DIR";

macro_rules! embedded {
    ($($name:literal),* $(,)?) => {
        const EMBEDDED: &[(&str, &str)] = &[
            $(($name, include_str!(concat!("../schema/", $name))),)*
        ];
    };
}

embedded!(
    "fields.tsv",
    "input-fields.tsv",
    "countries.tsv",
    "country-blockers.txt",
    "cities.tsv",
    "not-headline-cities.txt",
    "regions.tsv",
    "given-names.txt",
    "given-names-world.txt",
    "family-names.tsv",
    "romanised-syllables.txt",
    "titles.tsv",
    "org-words.tsv",
    "not-person.txt",
    "name-particles.txt",
    "attribution.txt",
    "vessels.txt",
    "orgs.tsv",
    "person-aliases.tsv",
    "state-succession.tsv",
    "no-ministries.txt",
    "central-bank-names.tsv",
    "central-banks.tsv",
    "portfolio-words.tsv",
    "party-words.txt",
);

/// The text of a schema file: the user's override if one exists, else the
/// embedded copy.
pub fn file(name: &str) -> Cow<'static, str> {
    if let Some(dir) = std::env::var_os(OVERRIDE_ENV) {
        let path = std::path::Path::new(&dir).join(name);
        if let Ok(text) = std::fs::read_to_string(&path) {
            return Cow::Owned(text);
        }
    }
    let (_, text) = EMBEDDED
        .iter()
        .find(|(n, _)| *n == name)
        .unwrap_or_else(|| panic!("schema file {name} is not embedded"));
    Cow::Borrowed(text)
}

/// A digest of every schema file as this process reads it (the user's
/// overrides included): when it changes, so may what extraction finds.
pub fn digest() -> u64 {
    let mut h = xxhash_rust::xxh3::Xxh3::new();
    for (name, _) in EMBEDDED {
        let text = file(name);
        h.update(name.as_bytes());
        h.update(&(text.len() as u64).to_le_bytes());
        h.update(text.as_bytes());
    }
    h.digest()
}

/// Whether one letter substituted, inserted, deleted or two neighbours
/// swapped turn `a` into `b` (the Damerau–Levenshtein distance is 1).
pub fn one_edit_apart(a: &[u8], b: &[u8]) -> bool {
    if a.len().abs_diff(b.len()) > 1 {
        return false;
    }
    let i = a.iter().zip(b).take_while(|(x, y)| x == y).count();
    match a.len() as isize - b.len() as isize {
        0 if i == a.len() => false,
        0 => a[i + 1..] == b[i + 1..] || swapped_at(a, b, i),
        1 => a[i + 1..] == b[i..],
        -1 => a[i..] == b[i + 1..],
        _ => false,
    }
}

/// Whether two words of one length differ only by two neighbouring letters
/// swapped ("maimi", "miami").
pub fn swapped(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && swapped_at(a, b, a.iter().zip(b).take_while(|(x, y)| x == y).count())
}

/// Whether equal-length `a` and `b`, alike before byte `i`, are alike after
/// swapping bytes `i` and `i + 1` of one of them.
fn swapped_at(a: &[u8], b: &[u8], i: usize) -> bool {
    i + 1 < a.len() && a[i] == b[i + 1] && a[i + 1] == b[i] && a[i + 2..] == b[i + 2..]
}

/// The one value all items share, if there are any and they agree: the
/// body or country every near spelling of a misspelt name points to.
pub fn only<T: PartialEq>(items: impl IntoIterator<Item = T>) -> Option<T> {
    let mut items = items.into_iter();
    let first = items.next()?;
    items.all(|x| x == first).then_some(first)
}

/// Data lines of a schema file: comments and blank lines dropped.
pub fn rows(text: &str) -> impl Iterator<Item = &str> {
    text.lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
}

/// Split a `|`-separated cell, dropping empty items.
pub fn items(cell: &str) -> impl Iterator<Item = &str> {
    cell.split('|').map(str::trim).filter(|s| !s.is_empty())
}

/// The matching key of a name: lower case without diacritics or curly
/// quotes, so that "Erdoğan" and "ERDOGAN" meet.
pub fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    fold_into(s, &mut out);
    out
}

/// [`fold`] appended to `out`, for callers folding many words into one
/// buffer.
pub fn fold_into(s: &str, out: &mut String) {
    if s.is_ascii() {
        let from = out.len();
        out.push_str(s);
        // Lower-casing ASCII letters keeps the string valid UTF-8.
        out[from..].make_ascii_lowercase();
        return;
    }
    for c in s.nfd() {
        if is_combining_mark(c) {
            continue;
        }
        match c {
            '’' | '‘' | 'ʼ' => out.push('\''),
            'ı' => out.push('i'),
            'ø' | 'Ø' => out.push('o'),
            'ł' | 'Ł' => out.push('l'),
            'đ' | 'Đ' => out.push('d'),
            'ß' => out.push_str("ss"),
            _ => out.extend(c.to_lowercase()),
        }
    }
}

/// A short word held inline: up to [`Key::MAX`] bytes and its length.
/// Looking one up hashes and compares bytes on the stack, with no pointer
/// to follow to a heap string, which is what name finding's many lookups
/// per capitalised word spend their time on otherwise.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
struct Key([u64; 2]);

impl Key {
    /// Most words are shorter; longer ones go to an ordinary map. Sixteen
    /// bytes a key keeps the tables small enough to stay in cache.
    const MAX: usize = 15;

    /// Pack the bytes (at most [`Key::MAX`]) eight to a lane, with the
    /// length in the top byte.
    #[inline]
    fn lanes(bytes: &[u8]) -> [u64; 2] {
        let mut buf = [0u8; 16];
        buf[..bytes.len()].copy_from_slice(bytes);
        buf[15] = bytes.len() as u8;
        let lane = |i: usize| u64::from_le_bytes(buf[i..i + 8].try_into().expect("eight bytes"));
        [lane(0), lane(8)]
    }

    fn new(bytes: &[u8]) -> Option<Key> {
        (bytes.len() <= Key::MAX).then(|| Key(Key::lanes(bytes)))
    }

    /// The folded key of a short ASCII word, built without allocating: its
    /// upper-case letters are lowered eight at a time (each gets bit 5).
    #[inline]
    fn ascii_folded(word: &str) -> Option<Key> {
        const HIGH: u64 = 0x8080_8080_8080_8080;
        if word.len() > Key::MAX {
            return None;
        }
        let [a, b] = Key::lanes(word.as_bytes());
        // The length byte is below 0x80 and no letter, so it stays as it is.
        if (a | b) & HIGH != 0 {
            return None;
        }
        Some(Key([lower_ascii8(a), lower_ascii8(b)]))
    }
}

/// Eight bytes (first byte lowest) with their ASCII capitals lowered, all
/// at once: each upper-case letter gets bit 5. A byte of 0x80 or more may
/// carry into the bytes after it, never into those before it, so every
/// byte before the first such byte comes out exact. Used wherever words are
/// lower-cased eight bytes at a time: word-table keys here, the stem
/// cache's keys (`index::analyzer`) and the words of near-duplicate
/// signatures (`dedup`).
#[inline]
pub(crate) fn lower_ascii8(v: u64) -> u64 {
    const fn splat(b: u8) -> u64 {
        b as u64 * 0x0101_0101_0101_0101
    }
    let upper =
        v.wrapping_add(splat(0x80 - b'A')) & !v.wrapping_add(splat(0x7f - b'Z')) & splat(0x80);
    v | (upper >> 2)
}

/// A table keyed by words, looked up either exactly or folded (see
/// [`fold`]). Short keys live inline; longer ones in an ordinary map.
pub struct WordTable<V> {
    short: rustc_hash::FxHashMap<Key, V>,
    long: rustc_hash::FxHashMap<String, V>,
}

impl<V> Default for WordTable<V> {
    fn default() -> Self {
        WordTable {
            short: Default::default(),
            long: Default::default(),
        }
    }
}

impl<V> WordTable<V> {
    /// The value stored under `key` exactly as given (fold it first for a
    /// table looked up with [`WordTable::get_folded`]), inserting `V::default()`.
    pub fn entry(&mut self, key: &str) -> &mut V
    where
        V: Default,
    {
        match Key::new(key.as_bytes()) {
            Some(k) => self.short.entry(k).or_default(),
            None => self.long.entry(key.to_string()).or_default(),
        }
    }

    /// Store `value` under exactly `key` unless the key is taken.
    pub fn insert_new(&mut self, key: &str, value: V) {
        match Key::new(key.as_bytes()) {
            Some(k) => {
                self.short.entry(k).or_insert(value);
            }
            None => {
                self.long.entry(key.to_string()).or_insert(value);
            }
        }
    }

    /// The value stored under exactly `key`.
    pub fn get(&self, key: &str) -> Option<&V> {
        match Key::new(key.as_bytes()) {
            Some(k) => self.short.get(&k),
            None => self.long.get(key),
        }
    }

    /// The value stored under the folded form of `word`.
    pub fn get_folded(&self, word: &str) -> Option<&V> {
        match Key::ascii_folded(word) {
            Some(k) => self.short.get(&k),
            None => self.get(&fold(word)),
        }
    }

    pub fn values_mut(&mut self) -> impl Iterator<Item = &mut V> {
        self.short.values_mut().chain(self.long.values_mut())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        /// The packed folded key of an ASCII word is the key of its
        /// lower-cased bytes.
        #[test]
        fn ascii_folded_keys(word in "[ -~]{0,17}") {
            let lowered = word.to_ascii_lowercase();
            proptest::prop_assert!(
                Key::ascii_folded(&word) == Key::new(lowered.as_bytes()),
                "{word:?}"
            );
        }
    }

    #[test]
    fn folding() {
        assert_eq!(fold("Erdoğan"), "erdogan");
        assert_eq!(fold("SÃO PAULO"), "sao paulo");
        assert_eq!(fold("Türkiye"), "turkiye");
        assert_eq!(fold("O’Brien"), "o'brien");
    }

    #[test]
    fn word_tables_fold_like_fold() {
        let mut t: WordTable<u8> = WordTable::default();
        let long = "a-name-much-longer-than-sixteen-bytes";
        for w in ["erdogan", "sao paulo", long] {
            *t.entry(&fold(w)) = 1;
        }
        for w in [
            "Erdoğan",
            "ERDOGAN",
            "SÃO PAULO",
            "São Paulo",
            &long.to_uppercase(),
        ] {
            assert_eq!(t.get_folded(w), Some(&1), "{w}");
        }
        assert_eq!(t.get("ERDOGAN"), None);
        assert_eq!(t.get("erdogan"), Some(&1));
        assert_eq!(t.get_folded("erdoga"), None);
    }

    #[test]
    fn every_embedded_file_has_rows() {
        for (name, text) in EMBEDDED {
            assert!(rows(text).next().is_some(), "{name} is empty");
        }
    }
}

#[cfg(test)]
mod one_edit_tests {
    use super::one_edit_apart;

    proptest::proptest! {
        /// Any two short words over a small alphabet (so that near misses
        /// are common): one edit apart exactly when Damerau–Levenshtein
        /// says 1.
        #[test]
        fn agrees_with_damerau_levenshtein_on_any_words(a in "[abc]{0,7}", b in "[abc]{0,7}") {
            let want = strsim::damerau_levenshtein(&a, &b) == 1;
            proptest::prop_assert_eq!(one_edit_apart(a.as_bytes(), b.as_bytes()), want);
        }
    }

    #[test]
    fn agrees_with_damerau_levenshtein() {
        let words = [
            "secretary",
            "secertary",
            "secretar",
            "secretaryy",
            "ssecretary",
            "ecretary",
            "director",
            "dirctor",
            "dircetor",
            "minister",
            "minster",
            "miniister",
            "minsiter",
            "mister",
            "a",
            "ab",
            "ba",
            "abc",
            "acb",
            "",
            "president",
            "prersident",
        ];
        for a in words {
            for b in words {
                let want = strsim::damerau_levenshtein(a, b) == 1;
                assert_eq!(one_edit_apart(a.as_bytes(), b.as_bytes()), want, "{a} {b}");
            }
        }
    }
}

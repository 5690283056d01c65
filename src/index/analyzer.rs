//! The English text analyzer, with a stem cache.
//!
//! Stemming was the largest single cost of indexing: about a sixth of all
//! CPU time on the benchmark archive went to tantivy's `en_stem` running the
//! Snowball stemmer on every token, while news text repeats a small
//! vocabulary. This is the same analyzer (simple tokenizer, tokens over 40
//! bytes dropped, lower case, English Snowball) with a per-thread cache from
//! word to stem, so a thread stems a frequent word about once. The chain's
//! four stages run as one pass ([`EnStem`]) that reads plain ASCII words
//! eight bytes at a time. It is registered under tantivy's name `en_stem`
//! and gives exactly its tokens (text, offsets and positions; the tests
//! below hold it to tantivy's on any text), so indexes and queries do not
//! change; an index opened without it is read the same way.
//! `examples/stem_speed.rs` measures the two side by side.

use crate::entities::tokens::alnum_end;
use crate::lexicon::lower_ascii8;
use std::cell::RefCell;
use tantivy::tokenizer::{TextAnalyzer, Token, TokenStream, Tokenizer};
use tantivy::Index;

/// The analyzer name the schema uses for text fields.
pub const NAME: &str = "en_stem";

/// Words up to this many bytes are cached; longer ones (rare) are stemmed
/// every time.
const WORD_BYTES: usize = 23;
/// Cache slots per thread (a power of two): 32,768 slots of 48 bytes.
const SLOTS: usize = 1 << 15;

/// A word padded to a fixed size, its length in the last byte: comparing
/// two is comparing three machine words, with no pointer to a heap string.
type Key = [u8; WORD_BYTES + 1];

/// One cache entry: a word and its stem, both inline.
#[derive(Clone, Copy)]
struct Slot {
    word: Key,
    stem: Key,
}

/// A direct-mapped cache: each word has one slot, chosen by its hash, and
/// a new word evicts what was there. A lookup touches one slot (one cache
/// line) instead of a hash table's control bytes, bucket and key string.
/// An all-zero key has length 0 and matches no token, so a new cache needs
/// no flags.
struct StemCache {
    slots: Box<[Slot]>,
}

impl StemCache {
    fn new() -> StemCache {
        let empty = Slot {
            word: [0; WORD_BYTES + 1],
            stem: [0; WORD_BYTES + 1],
        };
        StemCache {
            slots: vec![empty; SLOTS].into_boxed_slice(),
        }
    }
}

fn key(word: &str) -> Option<Key> {
    let bytes = word.as_bytes();
    if bytes.is_empty() || bytes.len() > WORD_BYTES {
        return None;
    }
    let mut k = [0u8; WORD_BYTES + 1];
    k[..bytes.len()].copy_from_slice(bytes);
    k[WORD_BYTES] = bytes.len() as u8;
    Some(k)
}

fn slot_of(k: &Key) -> usize {
    let mut h = 0u64;
    for chunk in k.chunks_exact(8) {
        let w = u64::from_le_bytes(chunk.try_into().expect("8-byte chunk"));
        h = (h ^ w).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    }
    (h >> (64 - SLOTS.trailing_zeros())) as usize
}

fn text_of(k: &Key) -> &str {
    std::str::from_utf8(&k[..k[WORD_BYTES] as usize]).expect("a cached word is UTF-8")
}

thread_local! {
    static STEMS: RefCell<StemCache> = RefCell::new(StemCache::new());
}

/// Use the cached analyzer for this index's text fields.
pub fn register(index: &Index) {
    index.tokenizers().register(NAME, analyzer());
}

pub fn analyzer() -> TextAnalyzer {
    TextAnalyzer::builder(EnStem::default()).build()
}

/// tantivy's `en_stem` chain (simple tokenizer, tokens of 40 bytes or more
/// dropped, lower case, English Snowball) in one pass: plain ASCII words
/// are measured eight bytes at a time and lower-cased as they are copied,
/// and only a word with other characters is decoded char by char. The
/// chain's filters each handled every token again (the tokenizer decoded
/// every character, the lower-caser checked every token for non-ASCII,
/// the cache key was padded and copied by calls to memset and memcpy), and
/// in `perf` the chain was about a fifth of `--no-entities` indexing CPU.
#[derive(Clone, Default)]
pub struct EnStem {
    token: Token,
}

impl Tokenizer for EnStem {
    type TokenStream<'a> = EnStemStream<'a>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> EnStemStream<'a> {
        self.token.reset();
        EnStemStream {
            text,
            at: 0,
            token: &mut self.token,
            stemmer: frostem::Stemmer::new(frostem::Algorithm::English),
        }
    }
}

pub struct EnStemStream<'a> {
    text: &'a str,
    /// Where the search for the next word starts.
    at: usize,
    token: &'a mut Token,
    stemmer: frostem::Stemmer,
}

/// Tokens of this many bytes or more are dropped, as tantivy's
/// `RemoveLongFilter::limit(40)` in `en_stem` drops them (after they took
/// their position).
const LONG: usize = 40;

impl EnStemStream<'_> {
    /// The next word's byte span (a maximal run of alphanumeric
    /// characters, as `SimpleTokenizer` splits) and whether it is ASCII.
    fn next_word(&mut self) -> Option<(usize, usize, bool)> {
        let text = self.text;
        let bytes = text.as_bytes();
        let mut i = self.at;
        let start = loop {
            let b = *bytes.get(i)?;
            if b < 0x80 {
                if b.is_ascii_alphanumeric() {
                    break i;
                }
                i += 1;
                continue;
            }
            let c = text[i..].chars().next()?;
            if c.is_alphanumeric() {
                break i;
            }
            i += c.len_utf8();
        };
        let mut ascii = true;
        let mut end = start;
        loop {
            end = alnum_end(bytes, end);
            match bytes.get(end) {
                Some(&b) if b >= 0x80 => {
                    let c = text[end..].chars().next()?;
                    if !c.is_alphanumeric() {
                        break;
                    }
                    ascii = false;
                    end += c.len_utf8();
                }
                _ => break,
            }
        }
        self.at = end;
        Some((start, end, ascii))
    }
}

impl TokenStream for EnStemStream<'_> {
    fn advance(&mut self) -> bool {
        let (start, end, ascii) = loop {
            let Some(word) = self.next_word() else {
                return false;
            };
            self.token.position = self.token.position.wrapping_add(1);
            if word.1 - word.0 < LONG {
                break word;
            }
        };
        let token = &mut *self.token;
        token.offset_from = start;
        token.offset_to = end;
        token.text.clear();
        let word = &self.text[start..end];
        if ascii && word.len() <= WORD_BYTES {
            // The common case, with the cache key made from the text
            // eight bytes at a time.
            token.text.push_str(word);
            token.text.make_ascii_lowercase();
            if !stem_keeps(&token.text) {
                let k = ascii_key(self.text.as_bytes(), start, word.len());
                stem_ascii(&k, &self.stemmer, &mut token.text);
            }
            return true;
        }
        if ascii {
            token.text.push_str(word);
            token.text.make_ascii_lowercase();
        } else {
            token.text.extend(word.chars().flat_map(char::to_lowercase));
        }
        stem(&mut token.text, &self.stemmer);
        true
    }

    fn token(&self) -> &Token {
        self.token
    }

    fn token_mut(&mut self) -> &mut Token {
        self.token
    }
}

/// Replace a lower-case word by its English Snowball stem, through the
/// per-thread cache.
fn stem(text: &mut String, stemmer: &frostem::Stemmer) {
    if stem_keeps(text) {
        return;
    }
    let Some(k) = key(text) else {
        *text = stemmer.stem(text).into_owned();
        return;
    };
    if let Some(stem) = cached_stem(&k, stemmer, text) {
        if stem != k {
            text.clear();
            text.push_str(text_of(&stem));
        }
    }
}

/// Turn `text`, the ASCII word `k` holds, into its stem through the cache.
/// A stem differs from its word in a few bytes at the end ("talks",
/// "agreed", "happy"), so the text is cut where they part and only the
/// stem's own ending is written.
fn stem_ascii(k: &Key, stemmer: &frostem::Stemmer, text: &mut String) {
    let Some(stem) = cached_stem(k, stemmer, text) else {
        return;
    };
    let stem_len = stem[WORD_BYTES] as usize;
    // The bytes word and stem share from the start, eight at a time (the
    // length byte differs when anything does).
    let lane = |k: &Key, i: usize| {
        u64::from_le_bytes(k[i * 8..i * 8 + 8].try_into().expect("eight bytes"))
    };
    let same = (0..3)
        .find_map(|i| {
            let diff = lane(k, i) ^ lane(&stem, i);
            (diff != 0).then(|| i * 8 + diff.trailing_zeros() as usize / 8)
        })
        .unwrap_or(WORD_BYTES)
        .min(stem_len);
    if same < text.len() || same < stem_len {
        text.truncate(same);
        // (The stem of an ASCII word is ASCII.)
        text.extend(stem[same..stem_len].iter().map(|&b| char::from(b)));
    }
}

/// The stem of the word `k` holds (`text`), from the per-thread cache,
/// stemming the word on a miss; `None` when the stem cannot be cached,
/// and then `text` is the stem already.
fn cached_stem(k: &Key, stemmer: &frostem::Stemmer, text: &mut String) -> Option<Key> {
    STEMS.with(|cell| {
        let mut cache = cell.borrow_mut();
        let slot = &mut cache.slots[slot_of(k)];
        if slot.word != *k {
            let stem = stemmer.stem(text);
            let Some(s) = key(&stem) else {
                // Never in English Snowball (a stem is no longer than its
                // word), but then it is simply not cached.
                *text = stem.into_owned();
                return None;
            };
            *slot = Slot { word: *k, stem: s };
        }
        Some(slot.stem)
    })
}

/// The cache key of the ASCII word of `len` bytes (at most [`WORD_BYTES`])
/// at `start` of `bytes`, lower-cased on the way: eight bytes at a time
/// when 24 bytes can be read there, the bytes after the word masked off.
fn ascii_key(bytes: &[u8], start: usize, len: usize) -> Key {
    let mut k = [0u8; WORD_BYTES + 1];
    match bytes.get(start..start + WORD_BYTES + 1) {
        Some(window) => {
            for lane in 0..3 {
                let at = lane * 8;
                let v = u64::from_le_bytes(window[at..at + 8].try_into().expect("eight bytes"));
                // The word's bytes come out lower-cased and exact; the
                // bytes after it are masked off.
                let keep = len.saturating_sub(at).min(8);
                let mask = if keep == 8 {
                    u64::MAX
                } else {
                    (1u64 << (keep * 8)) - 1
                };
                k[at..at + 8].copy_from_slice(&(lower_ascii8(v) & mask).to_le_bytes());
            }
        }
        None => {
            for (d, s) in k.iter_mut().zip(&bytes[start..start + len]) {
                *d = s.to_ascii_lowercase();
            }
        }
    }
    k[WORD_BYTES] = len as u8;
    k
}

/// Words the English Snowball stemmer returns unchanged, known without
/// running it or probing the cache: words of one or two letters (the
/// algorithm leaves them as they are), and words with none of its vowels
/// a, e, i, o, u and y ("1987", "mln"), which have no R1 region and no
/// suffix its rules could remove. About a third of news tokens are one or
/// the other ("of", "to", "in", figures).
fn stem_keeps(word: &str) -> bool {
    let b = word.as_bytes();
    b.len() <= 2 || (b.is_ascii() && !b.iter().any(|&c| VOWELS[c as usize]))
}

/// The letters [`stem_keeps`] looks for.
static VOWELS: [bool; 256] = {
    let mut t = [false; 256];
    let vowels = *b"aeiouy";
    let mut i = 0;
    while i < vowels.len() {
        t[vowels[i] as usize] = true;
        i += 1;
    }
    t
};

#[cfg(test)]
mod tests {
    use super::*;
    use tantivy::tokenizer::TokenizerManager;

    fn tokens(mut a: TextAnalyzer, text: &str) -> Vec<(String, usize, usize, usize)> {
        let mut out = Vec::new();
        let mut s = a.token_stream(text);
        while s.advance() {
            let t = s.token();
            out.push((t.text.clone(), t.offset_from, t.offset_to, t.position));
        }
        out
    }

    /// Same tokens, offsets and positions as tantivy's own `en_stem`, on the
    /// first and on repeated (cached) sight of each word.
    #[test]
    fn same_tokens_as_tantivy_en_stem() {
        let text = "The ministers were negotiating; negotiations continued. Running runners ran \
                    RUNNING, generously generous generalizations! Erdoğan's talks — Pakistan's \
                    cease-fire 1987 a-very-long-token-that-is-much-longer-than-forty-bytes-long ";
        let theirs = TokenizerManager::default().get("en_stem").unwrap();
        for _ in 0..3 {
            assert_eq!(tokens(analyzer(), text), tokens(theirs.clone(), text));
        }
    }

    proptest::proptest! {
        #[test]
        fn same_tokens_on_any_text(text in "[a-zA-Z0-9 ,.'’ğéÉßİΣ٣ǅ\u{301}-]{0,200}") {
            let theirs = TokenizerManager::default().get("en_stem").unwrap();
            proptest::prop_assert_eq!(tokens(analyzer(), &text), tokens(theirs, &text));
        }

        /// Any characters at all, and words around the cache's 23 bytes
        /// and the 40-byte limit.
        #[test]
        fn same_tokens_on_any_characters(
            text in "\\PC{0,120}",
            long in "[a-zA-Z]{20,45}( [A-Z]?[a-z]{1,30}){0,3}",
        ) {
            let theirs = TokenizerManager::default().get("en_stem").unwrap();
            // Twice each: the second time every word is in the cache.
            for _ in 0..2 {
                proptest::prop_assert_eq!(tokens(analyzer(), &text), tokens(theirs.clone(), &text));
                proptest::prop_assert_eq!(tokens(analyzer(), &long), tokens(theirs.clone(), &long));
            }
        }

        /// The key made from the text eight bytes at a time is the key of
        /// the lower-cased word, wherever the word sits and whatever
        /// follows it.
        #[test]
        fn ascii_key_is_the_lower_cased_word_key(
            before in "\\PC{0,10}",
            word in "[a-zA-Z0-9]{1,23}",
            after in "\\PC{0,30}",
        ) {
            let text = format!("{before}{word}{after}");
            let k = ascii_key(text.as_bytes(), before.len(), word.len());
            proptest::prop_assert_eq!(Some(k), key(&word.to_ascii_lowercase()));
        }

        /// The words `stem_keeps` passes by are the stemmer's fixed points.
        #[test]
        fn kept_words_are_their_own_stems(word in "[a-z0-9]{1,12}|[bcdfghjklmnpqrstvwxz0-9]{1,12}|[a-zé]{1,2}") {
            let stemmer = frostem::Stemmer::new(frostem::Algorithm::English);
            if stem_keeps(&word) {
                let stem = stemmer.stem(&word);
                proptest::prop_assert_eq!(stem.as_ref(), word.as_str());
            }
        }
    }

    /// Far more words than the cache holds, each seen twice in a different
    /// order: evictions and hits still give the stemmer's own answer.
    #[test]
    fn a_full_cache_stays_exact() {
        let stemmer = frostem::Stemmer::new(frostem::Algorithm::English);
        let endings = ["ing", "ed", "s", "ation", "ness", "ly", "er", "ies"];
        let words: Vec<String> = (0..4 * SLOTS)
            .map(|i| format!("w{}{}", i * 7919 % 100_003, endings[i % endings.len()]))
            .collect();
        for pass in 0..2 {
            for (i, w) in words.iter().enumerate() {
                let w = if pass == 0 {
                    w
                } else {
                    &words[(i * 31) % words.len()]
                };
                let mut text = w.clone();
                stem(&mut text, &stemmer);
                assert_eq!(text, stemmer.stem(w).as_ref(), "{w}");
            }
        }
    }

    #[test]
    fn short_and_vowelless_words_are_kept() {
        let stemmer = frostem::Stemmer::new(frostem::Algorithm::English);
        for w in [
            "a", "of", "is", "as", "1987", "mln", "dlrs", "pct", "rs", "é", "ss", "tv", "nth",
        ] {
            assert!(stem_keeps(w), "{w}");
            assert_eq!(stemmer.stem(w).as_ref(), w);
        }
        for w in ["was", "ties", "says", "running", "dry"] {
            assert!(!stem_keeps(w), "{w}");
        }
    }
}

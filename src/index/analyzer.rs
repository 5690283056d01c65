//! The English text analyzer, with a stem cache.
//!
//! Stemming was the largest single cost of indexing: about a sixth of all
//! CPU time on the benchmark archive went to tantivy's `en_stem` running the
//! Snowball stemmer on every token, while news text repeats a small
//! vocabulary. This is the same analyzer (simple tokenizer, tokens over 40
//! bytes dropped, lower case, English Snowball) with a per-thread cache from
//! word to stem, so a thread stems a frequent word about once. It is registered
//! under tantivy's name `en_stem` and gives exactly its tokens, so indexes and
//! queries do not change; an index opened without it is read the same way.

use std::cell::RefCell;
use tantivy::tokenizer::{
    LowerCaser, RemoveLongFilter, SimpleTokenizer, TextAnalyzer, Token, TokenFilter, TokenStream,
    Tokenizer,
};
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
    TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(RemoveLongFilter::limit(40))
        .filter(LowerCaser)
        .filter(CachedStemmer)
        .build()
}

/// English Snowball stemming through the per-thread cache.
#[derive(Clone, Copy, Debug, Default)]
pub struct CachedStemmer;

impl TokenFilter for CachedStemmer {
    type Tokenizer<T: Tokenizer> = CachedStemmerFilter<T>;

    fn transform<T: Tokenizer>(self, tokenizer: T) -> CachedStemmerFilter<T> {
        CachedStemmerFilter { inner: tokenizer }
    }
}

#[derive(Clone)]
pub struct CachedStemmerFilter<T> {
    inner: T,
}

impl<T: Tokenizer> Tokenizer for CachedStemmerFilter<T> {
    type TokenStream<'a> = CachedStemmerStream<T::TokenStream<'a>>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> Self::TokenStream<'a> {
        CachedStemmerStream {
            tail: self.inner.token_stream(text),
            stemmer: frostem::Stemmer::new(frostem::Algorithm::English),
        }
    }
}

pub struct CachedStemmerStream<T> {
    tail: T,
    stemmer: frostem::Stemmer,
}

impl<T: TokenStream> TokenStream for CachedStemmerStream<T> {
    fn advance(&mut self) -> bool {
        if !self.tail.advance() {
            return false;
        }
        let token = self.tail.token_mut();
        if stem_keeps(&token.text) {
            return true;
        }
        let Some(k) = key(&token.text) else {
            token.text = self.stemmer.stem(&token.text).into_owned();
            return true;
        };
        STEMS.with(|cell| {
            let mut cache = cell.borrow_mut();
            let slot = &mut cache.slots[slot_of(&k)];
            if slot.word != k {
                let stem = self.stemmer.stem(&token.text);
                let Some(s) = key(&stem) else {
                    // Never in English Snowball (a stem is no longer than
                    // its word), but then it is simply not cached.
                    token.text = stem.into_owned();
                    return;
                };
                *slot = Slot { word: k, stem: s };
            }
            if slot.stem != slot.word {
                token.text.clear();
                token.text.push_str(text_of(&slot.stem));
            }
        });
        true
    }

    fn token(&self) -> &Token {
        self.tail.token()
    }

    fn token_mut(&mut self) -> &mut Token {
        self.tail.token_mut()
    }
}

/// Words the English Snowball stemmer returns unchanged, known without
/// running it or probing the cache: words of one or two letters (the
/// algorithm leaves them as they are), and words with none of its vowels
/// a, e, i, o, u and y ("1987", "mln"), which have no R1 region and no
/// suffix its rules could remove. About a third of news tokens are one or
/// the other ("of", "to", "in", figures).
fn stem_keeps(word: &str) -> bool {
    let b = word.as_bytes();
    b.len() <= 2 || (b.is_ascii() && !b.iter().any(|c| b"aeiouy".contains(c)))
}

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
        fn same_tokens_on_any_text(text in "[a-zA-Z0-9 ,.'’ğéÉß-]{0,200}") {
            let theirs = TokenizerManager::default().get("en_stem").unwrap();
            proptest::prop_assert_eq!(tokens(analyzer(), &text), tokens(theirs, &text));
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

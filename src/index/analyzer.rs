//! The English text analyzer, with a stem cache.
//!
//! Stemming was the largest single cost of indexing: about a sixth of all
//! CPU time on the benchmark archive went to tantivy's `en_stem` running the
//! Snowball stemmer on every token, while news text repeats a small
//! vocabulary. This is the same analyzer (simple tokenizer, tokens over 40
//! bytes dropped, lower case, English Snowball) with a per-thread cache from
//! word to stem, so a thread stems each distinct word once. It is registered
//! under tantivy's name `en_stem` and gives exactly its tokens, so indexes and
//! queries do not change; an index opened without it is read the same way.

use rustc_hash::FxHashMap;
use std::cell::RefCell;
use tantivy::tokenizer::{
    LowerCaser, RemoveLongFilter, SimpleTokenizer, TextAnalyzer, Token, TokenFilter, TokenStream,
    Tokenizer,
};
use tantivy::Index;

/// The analyzer name the schema uses for text fields.
pub const NAME: &str = "en_stem";

/// Distinct words cached per thread before the cache starts over (a few MB).
const CACHE_WORDS: usize = 100_000;

thread_local! {
    static STEMS: RefCell<FxHashMap<Box<str>, Box<str>>> = RefCell::new(FxHashMap::default());
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
        STEMS.with(|cell| {
            let mut stems = cell.borrow_mut();
            if let Some(stem) = stems.get(token.text.as_str()) {
                if **stem != *token.text {
                    token.text.clear();
                    token.text.push_str(stem);
                }
                return;
            }
            let stem: Box<str> = self.stemmer.stem(&token.text).into();
            if stems.len() >= CACHE_WORDS {
                stems.clear();
            }
            stems.insert(token.text.as_str().into(), stem.clone());
            token.text.clear();
            token.text.push_str(&stem);
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
        for w in ["a", "of", "is", "as", "1987", "mln", "dlrs", "pct", "rs", "é", "ss", "tv", "nth"] {
            assert!(stem_keeps(w), "{w}");
            assert_eq!(stemmer.stem(w).as_ref(), w);
        }
        for w in ["was", "ties", "says", "running", "dry"] {
            assert!(!stem_keeps(w), "{w}");
        }
    }
}

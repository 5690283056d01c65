//! Word tokens with the facts name finding needs: capitalisation, sentence
//! starts and the punctuation around them.
//!
//! Tokens borrow from the text; no per-token allocation happens here.

/// One word or punctuation mark.
#[derive(Debug, Clone, Copy)]
pub struct Tok<'a> {
    pub text: &'a str,
    pub start: usize,
    /// A word (letters/digits with inner `-`, `'`, `’`, `.`); otherwise a
    /// single punctuation character.
    pub word: bool,
    /// First word of a sentence or paragraph: its capital proves nothing.
    pub sent_start: bool,
    /// Facts about the word's letters, worked out once by [`tokenize`]
    /// because name finding asks for them again and again.
    shape: u8,
}

/// An emptied token buffer, with its allocation, for text of another
/// lifetime. (Collecting an empty vector's iterator into a vector of a
/// type with the same layout reuses the allocation.)
pub fn recycle<'a, 'b>(mut toks: Vec<Tok<'a>>) -> Vec<Tok<'b>> {
    toks.clear();
    toks.into_iter().map(|_| unreachable!("emptied")).collect()
}

/// Upper-case first letter and some lower-case letter ("Erdogan").
const CAPITALISED: u8 = 1;
/// Lower-case first letter.
const LOWER: u8 = 2;
/// Upper-case letter or ASCII digit first: where a gazetteer name can start.
const UPPER_START: u8 = 4;
/// A hyphen after the first character ("Pakistan-Afghanistan").
const HYPHEN: u8 = 8;
/// An initial or dotted initials ("W", "A.W."): see [`Tok::is_initials`].
const INITIALS: u8 = 16;
/// The top bits hold the length of the word's possessive ending (0 to 4
/// bytes), so that [`Tok::stem`], asked for again and again, is one cut.
const STEM_CUT_SHIFT: u8 = 5;

impl<'a> Tok<'a> {
    /// Byte offset just past the token.
    pub fn end(&self) -> usize {
        self.start + self.text.len()
    }

    pub fn is(&self, c: char) -> bool {
        !self.word && self.text.starts_with(c)
    }

    /// Capitalised word: an upper-case first letter followed by at least one
    /// lower-case letter ("Erdogan", "McDonald", "al-Mansouri" is not).
    pub fn is_capitalised(&self) -> bool {
        self.shape & CAPITALISED != 0
    }

    /// Upper-case letter or digit first: the cheap test in front of
    /// [`Tok::is_capitalised`] and [`Tok::is_initials`] when most words fail
    /// both.
    pub fn starts_upper(&self) -> bool {
        self.shape & UPPER_START != 0
    }

    /// A single capital letter, as in an initial ("W").
    pub fn is_initial(&self) -> bool {
        self.word && self.text.len() == 1 && self.text.as_bytes()[0].is_ascii_uppercase()
    }

    /// An initial or dotted initials, as in "A.W." (without the last
    /// period): their period does not end a sentence.
    pub fn is_initials(&self) -> bool {
        self.shape & INITIALS != 0
    }

    /// A word with a hyphen inside ("Leigh-Pemberton", "Post-Dispatch").
    pub fn has_hyphen(&self) -> bool {
        self.shape & HYPHEN != 0
    }

    pub fn is_lower(&self) -> bool {
        self.shape & LOWER != 0
    }

    /// A word with a possessive ending: "Volcker's", "Brothers'".
    pub fn is_possessive(&self) -> bool {
        self.word && self.stem().len() < self.text.len()
    }

    /// The word without a possessive ending ("Erdogan’s" -> "Erdogan"),
    /// cut where [`tokenize`] found the ending.
    pub fn stem(&self) -> &'a str {
        &self.text[..self.text.len() - (self.shape >> STEM_CUT_SHIFT) as usize]
    }
}

/// Whether a word is an initial or dotted initials: capitals alternating
/// with periods, a capital first and last.
fn initials(text: &str) -> bool {
    let b = text.as_bytes();
    b.len() % 2 == 1
        && b.iter().enumerate().all(|(i, &c)| {
            if i % 2 == 0 {
                c.is_ascii_uppercase()
            } else {
                c == b'.'
            }
        })
}

/// The bytes of a word's possessive ending ("'s", "’s", "'", "’"), if it
/// has one and something before it.
fn possessive_len(text: &str) -> u8 {
    for suffix in ["'s", "’s", "'", "’"] {
        if let Some(s) = text.strip_suffix(suffix) {
            if !s.is_empty() {
                return suffix.len() as u8;
            }
        }
    }
    0
}

/// Endings that make a hyphenated word an adjective, never part of a
/// person's or a body's name: "Nobel Prize-winning", "Tokyo-based",
/// "State-owned Bank of China".
const HYPHEN_ADJECTIVES: [&str; 13] = [
    "-based",
    "-winning",
    "-owned",
    "-led",
    "-backed",
    "-controlled",
    "-made",
    "-funded",
    "-sponsored",
    "-linked",
    "-related",
    "-listed",
    "-registered",
];

/// Whether a word is a hyphenated adjective ([`HYPHEN_ADJECTIVES`]).
pub fn is_hyphen_adjective(word: &str) -> bool {
    word.contains('-') && HYPHEN_ADJECTIVES.iter().any(|a| word.ends_with(a))
}

#[inline]
fn is_word_char(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphanumeric()
    } else {
        c.is_alphanumeric()
    }
}

#[inline]
fn is_inner(c: char) -> bool {
    matches!(c, '-' | '\'' | '’' | '.' | '‑')
}

/// The character at byte `i` of `text` and its length, ASCII without
/// decoding.
#[inline]
fn char_at(text: &str, i: usize) -> Option<(char, usize)> {
    let b = *text.as_bytes().get(i)?;
    if b < 0x80 {
        return Some((b as char, 1));
    }
    text[i..].chars().next().map(|c| (c, c.len_utf8()))
}

/// The shape flags of a word, from its first character and whether any
/// character is lower-case.
fn shape(first: char, any_lower: bool, hyphen: bool) -> u8 {
    let (upper, lower) = if first.is_ascii() {
        (first.is_ascii_uppercase(), first.is_ascii_lowercase())
    } else {
        (first.is_uppercase(), first.is_lowercase())
    };
    let mut s = 0;
    if upper && any_lower {
        s |= CAPITALISED;
    }
    if lower {
        s |= LOWER;
    }
    if upper || first.is_ascii_digit() {
        s |= UPPER_START;
    }
    if hyphen {
        s |= HYPHEN;
    }
    s
}

/// Tokenize `text`, marking sentence starts. Abbreviations ending in a period
/// ("Mr.", "W.") do not end a sentence when `keeps_sentence` says so.
pub fn tokenize<'a>(text: &'a str, keeps_sentence: &dyn Fn(&str) -> bool) -> Vec<Tok<'a>> {
    tokenize_into(text, keeps_sentence, Vec::with_capacity(text.len() / 5))
}

/// [`tokenize`] into a buffer the caller already has (emptied first), so
/// an indexing thread reuses one allocation for every article: a fresh one
/// per article came from fresh pages, and their faults cost about half as
/// much as tokenizing itself.
pub fn tokenize_into<'a>(
    text: &'a str,
    keeps_sentence: &dyn Fn(&str) -> bool,
    toks: Vec<Tok<'a>>,
) -> Vec<Tok<'a>> {
    tokenize_with(text, keeps_sentence, toks, true)
}

/// The tokenizer, with or without its ASCII fast path (`fast`), so that a
/// test can hold the fast path to the general one.
fn tokenize_with<'a>(
    text: &'a str,
    keeps_sentence: &dyn Fn(&str) -> bool,
    mut toks: Vec<Tok<'a>>,
    fast: bool,
) -> Vec<Tok<'a>> {
    toks.clear();
    let mut sent_start = true;
    let mut newline_run = 0;
    let mut i = 0;
    let bytes = text.as_bytes();
    while let Some(&b) = bytes.get(i) {
        // ASCII spaces and plain lower-case ASCII words, the bulk of news text,
        // classified by one table lookup per byte.
        let class = ASCII_CLASS[b as usize];
        if fast && class & SPACE != 0 {
            i += 1;
            continue;
        }
        if fast && class & LOWER_START != 0 {
            newline_run = 0;
            let end = alnum_end(bytes, i + 1);
            if bytes
                .get(end)
                .is_none_or(|&b| ASCII_CLASS[b as usize] & WORD_END != 0)
            {
                toks.push(Tok {
                    text: &text[i..end],
                    start: i,
                    word: true,
                    sent_start,
                    shape: LOWER,
                });
                sent_start = false;
                i = end;
                continue;
            }
            // Something else follows (an inner mark, a non-ASCII letter):
            // the general path below handles the word from its start.
        } else if fast && class & ALNUM != 0 {
            // The same for a plain ASCII word opening with a capital or a
            // digit ("Reagan", "1987"), names and figures being the next
            // most common tokens.
            let end = alnum_end(bytes, i + 1);
            if bytes
                .get(end)
                .is_none_or(|&b| ASCII_CLASS[b as usize] & WORD_END != 0)
            {
                newline_run = 0;
                let upper = b.is_ascii_uppercase();
                let mut shape = UPPER_START;
                if upper && bytes[i + 1..end].iter().any(u8::is_ascii_lowercase) {
                    shape |= CAPITALISED;
                }
                if upper && end == i + 1 {
                    shape |= INITIALS;
                }
                toks.push(Tok {
                    text: &text[i..end],
                    start: i,
                    word: true,
                    sent_start,
                    shape,
                });
                sent_start = false;
                i = end;
                continue;
            }
        }
        if fast && class & PUNCT != 0 {
            // An ASCII punctuation mark, a token of its own (as below).
            newline_run = 0;
            if matches!(b, b'.' | b'!' | b'?') && !prev_keeps_sentence(&toks, keeps_sentence) {
                sent_start = true;
            }
            toks.push(Tok {
                text: &text[i..i + 1],
                start: i,
                word: false,
                sent_start: false,
                shape: 0,
            });
            i += 1;
            continue;
        }
        let Some((c, len)) = char_at(text, i) else {
            break;
        };
        if c == '\n' {
            newline_run += 1;
            if newline_run >= 2 {
                sent_start = true;
            }
            i += len;
            continue;
        }
        if c.is_whitespace() {
            i += len;
            continue;
        }
        newline_run = 0;
        if is_word_char(c) {
            let mut end = i + len;
            let mut any_lower = if c.is_ascii() {
                c.is_ascii_lowercase()
            } else {
                c.is_lowercase()
            };
            let mut hyphen = false;
            let bytes = text.as_bytes();
            loop {
                // ASCII letters and digits, the common case, without decoding.
                let run_end = alnum_end(bytes, end);
                any_lower |= !any_lower && bytes[end..run_end].iter().any(u8::is_ascii_lowercase);
                end = run_end;
                let Some((d, dlen)) = char_at(text, end) else {
                    break;
                };
                if is_word_char(d) {
                    any_lower |= if d.is_ascii() {
                        d.is_ascii_lowercase()
                    } else {
                        d.is_lowercase()
                    };
                    end += dlen;
                } else if is_inner(d) {
                    // inner mark only when a word character follows
                    if char_at(text, end + dlen).is_some_and(|(a, _)| is_word_char(a)) {
                        hyphen |= d == '-';
                        end += dlen;
                    } else {
                        // trailing possessive apostrophe: "Reuters'"
                        if (d == '\'' || d == '’') && text.as_bytes()[end - 1] == b's' {
                            end += dlen;
                        }
                        break;
                    }
                } else {
                    break;
                }
            }
            toks.push(Tok {
                text: &text[i..end],
                start: i,
                word: true,
                sent_start,
                shape: shape(c, any_lower, hyphen)
                    | if initials(&text[i..end]) { INITIALS } else { 0 }
                    | possessive_len(&text[i..end]) << STEM_CUT_SHIFT,
            });
            sent_start = false;
            i = end;
        } else {
            let end = i + len;
            if matches!(c, '.' | '!' | '?') && !prev_keeps_sentence(&toks, keeps_sentence) {
                sent_start = true;
            }
            // An opening quote or bracket keeps the sentence-start state.
            toks.push(Tok {
                text: &text[i..end],
                start: i,
                word: false,
                sent_start: false,
                shape: 0,
            });
            i = end;
        }
    }
    toks
}

/// Whether the word before a full stop keeps the sentence going: an
/// initial ("W."), or an abbreviation that `keeps_sentence` names ("Mr.").
#[inline]
fn prev_keeps_sentence(toks: &[Tok<'_>], keeps_sentence: &dyn Fn(&str) -> bool) -> bool {
    toks.last()
        .is_some_and(|t| t.word && (t.is_initials() || keeps_sentence(t.text)))
}

/// The end of the run of ASCII letters and digits from `i`: eight bytes at
/// a time while eight remain, then byte by byte.
#[inline]
pub(crate) fn alnum_end(bytes: &[u8], mut i: usize) -> usize {
    while let Some(chunk) = bytes.get(i..i + 8) {
        let n = alnum_prefix(u64::from_le_bytes(chunk.try_into().expect("eight bytes")));
        i += n;
        if n < 8 {
            return i;
        }
    }
    while bytes
        .get(i)
        .is_some_and(|&b| ASCII_CLASS[b as usize] & ALNUM != 0)
    {
        i += 1;
    }
    i
}

/// How many of the eight bytes of `x` (first byte lowest) are ASCII letters
/// or digits before the first that is not. Each byte is range-checked in
/// parallel: its high bit is cleared first, so no addition carries into the
/// next byte, and bytes of 0x80 and up are ruled out by their own high bit.
#[inline]
fn alnum_prefix(x: u64) -> usize {
    const fn splat(b: u8) -> u64 {
        b as u64 * 0x0101_0101_0101_0101
    }
    const HIGH: u64 = splat(0x80);
    let low7 = x & !HIGH;
    // In [lo, hi]: adding 0x80 - lo sets the high bit from lo up, adding
    // 0x7f - hi sets it above hi.
    let within = |v: u64, lo: u8, hi: u8| (v + splat(0x80 - lo)) & !(v + splat(0x7f - hi));
    // Upper case folds onto lower case by setting bit 5, which digits have.
    let letter = within(low7 | splat(0x20), b'a', b'z');
    let digit = within(low7, b'0', b'9');
    let stop = !((letter | digit) & !x) & HIGH;
    (stop.trailing_zeros() / 8) as usize
}

/// [`ASCII_CLASS`] bits.
const SPACE: u8 = 1; // ASCII whitespace other than '\n'
const ALNUM: u8 = 2;
const LOWER_START: u8 = 4; // a-z
/// A byte that surely ends a word with nothing special about the end:
/// ASCII whitespace and punctuation other than the inner marks - ' . and
/// the possessive's apostrophe. (Non-ASCII bytes and the inner marks take
/// the general path.)
const WORD_END: u8 = 8;
/// Any other ASCII character that is not a letter, a digit or whitespace
/// (`char::is_whitespace`): a punctuation token of one byte.
const PUNCT: u8 = 16;

static ASCII_CLASS: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut b = 0;
    while b < 128 {
        let c = b as u8;
        let mut v = 0;
        if c.is_ascii_whitespace() && c != b'\n' || c == 0x0b {
            v |= SPACE;
        }
        if c.is_ascii_alphanumeric() {
            v |= ALNUM;
        }
        if c.is_ascii_lowercase() {
            v |= LOWER_START;
        }
        if (c.is_ascii_whitespace() || c.is_ascii_punctuation() || c == 0x0b)
            && !matches!(c, b'-' | b'\'' | b'.')
        {
            v |= WORD_END;
        }
        // (ASCII whitespace by `char::is_whitespace`: tab, line feed,
        // vertical tab, form feed, carriage return and space.)
        if !c.is_ascii_alphanumeric() && !matches!(c, b'\t' | b'\n' | 0x0b | 0x0c | b'\r' | b' ') {
            v |= PUNCT;
        }
        t[b] = v;
        b += 1;
    }
    t
};

/// A gazetteer automaton with a cheap filter on the first bytes of its
/// patterns, so that most words are rejected without running the automaton.
pub struct Gazetteer {
    ac: aho_corasick::AhoCorasick,
    /// A bit for every pattern's first three bytes (hashed), or first one or
    /// two for shorter patterns ("UK"): a clear bit rules a start out
    /// without a hash-set probe.
    prefixes: Box<[u64; PREFIX_WORDS]>,
    /// Whether any pattern is one or two bytes long.
    short: [bool; 2],
}

/// Bits in the prefix filter: 2^16, so a few thousand patterns set about
/// one bit in twenty.
const PREFIX_BITS: usize = 1 << 16;
const PREFIX_WORDS: usize = PREFIX_BITS / 64;

/// The filter bit of a pattern start: its first three bytes or fewer.
#[inline]
fn prefix_bit(p: &[u8]) -> usize {
    let mut h: u32 = p.len().min(3) as u32;
    for &b in &p[..p.len().min(3)] {
        h = h.wrapping_mul(0x9E37_79B1).rotate_left(5) ^ b as u32;
    }
    (h.wrapping_mul(0x9E37_79B1) >> 16) as usize
}

impl Gazetteer {
    /// Build a leftmost-longest, case-sensitive, anchored automaton over
    /// `patterns`.
    pub fn new<P: AsRef<[u8]>>(patterns: &[P]) -> Gazetteer {
        use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind, StartKind};
        let ac = AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostLongest)
            // The contiguous NFA: 0.5 MB for both gazetteers where the DFA
            // took 11 MB. Anchored searches stop within a few bytes, so its
            // extra steps cost less than the DFA's cache misses (extraction
            // 6% faster, same matches).
            .kind(Some(AhoCorasickKind::ContiguousNFA))
            .start_kind(StartKind::Anchored)
            .build(patterns)
            .expect("gazetteer patterns build an automaton");
        let mut prefixes = Box::new([0u64; PREFIX_WORDS]);
        let mut short = [false; 2];
        for p in patterns {
            let p = p.as_ref();
            let bit = prefix_bit(p);
            prefixes[bit / 64] |= 1 << (bit % 64);
            if (1..=2).contains(&p.len()) {
                short[p.len() - 1] = true;
            }
        }
        Gazetteer {
            ac,
            prefixes,
            short,
        }
    }

    #[inline]
    fn may_start(&self, rest: &[u8]) -> bool {
        let set = |n: usize| {
            let bit = prefix_bit(&rest[..n]);
            self.prefixes[bit / 64] & (1 << (bit % 64)) != 0
        };
        (rest.len() >= 3 && set(3))
            || (self.short[0] && set(1))
            || (self.short[1] && rest.len() >= 2 && set(2))
    }

    /// Matches that start where a name can start: at a word whose first
    /// character is upper-case or a digit, or after a hyphen inside a word
    /// ("Afghanistan-Pakistan", "anti-American"). Anchored searches there
    /// replace a scan of every byte. Matches do not overlap; each is the
    /// longest pattern at its start.
    pub fn matches(&self, text: &str, toks: &[Tok<'_>]) -> Vec<aho_corasick::Match> {
        use aho_corasick::{Anchored, Input};
        let bytes = text.as_bytes();
        let mut out = Vec::new();
        let mut covered = 0;
        let mut try_at = |pos: usize, out: &mut Vec<aho_corasick::Match>| {
            if pos < covered || !self.may_start(&bytes[pos..]) {
                return;
            }
            let input = Input::new(text).range(pos..).anchored(Anchored::Yes);
            if let Some(m) = self.ac.find(input) {
                covered = m.end();
                out.push(m);
            }
        };
        for t in toks
            .iter()
            .filter(|t| t.shape & (UPPER_START | HYPHEN) != 0)
        {
            if t.shape & UPPER_START != 0 {
                try_at(t.start, &mut out);
            }
            if t.shape & HYPHEN != 0 {
                for (i, _) in t.text.match_indices('-') {
                    if t.text[i + 1..]
                        .chars()
                        .next()
                        .is_some_and(char::is_uppercase)
                    {
                        try_at(t.start + i + 1, &mut out);
                    }
                }
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn facts(toks: &[Tok<'_>]) -> Vec<(usize, String, bool, bool, u8)> {
        toks.iter()
            .map(|t| (t.start, t.text.to_string(), t.word, t.sent_start, t.shape))
            .collect()
    }

    proptest::proptest! {
        /// The ASCII fast path gives exactly the tokens of the general one.
        #[test]
        fn fast_path_matches_the_general_tokenizer(
            text in r#"([a-zA-Z0-9]{1,19}|[ .,'’\-\n\t\x0b\x0c\r\x00\x1c!?()@\[`{/:;\"~]|é|Ö|—){0,40}"#
        ) {
            let keeps = |w: &str| w == "Mr";
            let fast = tokenize_with(&text, &keeps, Vec::new(), true);
            let general = tokenize_with(&text, &keeps, Vec::new(), false);
            proptest::prop_assert_eq!(facts(&fast), facts(&general));
        }
    }

    proptest::proptest! {
        /// Eight bytes at a time, the same run end as byte by byte.
        #[test]
        fn alnum_runs_eight_bytes_at_a_time(bytes in proptest::collection::vec(proptest::num::u8::ANY, 0..40), from in 0usize..40) {
            let from = from.min(bytes.len());
            let mut slow = from;
            while bytes.get(slow).is_some_and(u8::is_ascii_alphanumeric) {
                slow += 1;
            }
            proptest::prop_assert_eq!(alnum_end(&bytes, from), slow);
        }
    }

    #[test]
    fn a_reused_buffer_gives_the_same_tokens_and_keeps_its_allocation() {
        let first = String::from("Mr. Erdogan met Khawaja Asif in Doha on Sunday.");
        let fresh = tokenize(&first, &|w| w == "Mr");
        let buf = recycle(fresh.clone());
        let cap = buf.capacity();
        let second = String::from("Talks resumed. Zabihullah Mujahid said nothing.");
        let reused = tokenize_into(&second, &|w| w == "Mr", buf);
        assert!(reused.capacity() >= cap);
        let words = |t: &[Tok<'_>]| -> Vec<(String, usize, bool)> {
            t.iter()
                .map(|t| (t.text.to_string(), t.start, t.sent_start))
                .collect()
        };
        assert_eq!(words(&reused), words(&tokenize(&second, &|w| w == "Mr")));
        let again = tokenize_into(&first, &|w| w == "Mr", recycle(reused));
        assert_eq!(words(&again), words(&fresh));
    }

    #[test]
    fn words_and_sentences() {
        let t = tokenize(
            "Mr. Erdogan’s plan. Pakistan-Afghanistan talks, “Yes”",
            &|w| w == "Mr",
        );
        let words: Vec<&str> = t.iter().filter(|t| t.word).map(|t| t.text).collect();
        assert_eq!(
            words,
            [
                "Mr",
                "Erdogan’s",
                "plan",
                "Pakistan-Afghanistan",
                "talks",
                "Yes"
            ]
        );
        let erd = t.iter().find(|t| t.text == "Erdogan’s").unwrap();
        assert!(!erd.sent_start);
        assert_eq!(erd.stem(), "Erdogan");
        let pk = t.iter().find(|t| t.text.starts_with("Pakistan")).unwrap();
        assert!(pk.sent_start);
        let yes = t.iter().find(|t| t.text == "Yes").unwrap();
        assert!(!yes.sent_start);
    }

    #[test]
    fn initials_do_not_end_sentences() {
        let t = tokenize("George W. Bush said", &|_| false);
        let bush = t.iter().find(|t| t.text == "Bush").unwrap();
        assert!(!bush.sent_start);
    }
}

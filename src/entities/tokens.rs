//! Word tokens with the facts name finding needs: capitalisation, sentence
//! starts and the punctuation around them.
//!
//! Tokens borrow from the text; no per-token allocation happens here.

/// One word or punctuation mark.
#[derive(Debug, Clone, Copy)]
pub struct Tok<'a> {
    pub text: &'a str,
    pub start: usize,
    pub end: usize,
    /// A word (letters/digits with inner `-`, `'`, `’`, `.`); otherwise a
    /// single punctuation character.
    pub word: bool,
    /// First word of a sentence or paragraph: its capital proves nothing.
    pub sent_start: bool,
}

impl<'a> Tok<'a> {
    pub fn is(&self, c: char) -> bool {
        !self.word && self.text.starts_with(c)
    }

    /// Capitalised word: an upper-case first letter followed by at least one
    /// lower-case letter ("Erdogan", "McDonald", "al-Mansouri" is not).
    pub fn is_capitalised(&self) -> bool {
        if !self.word {
            return false;
        }
        let b = self.text.as_bytes();
        if b[0].is_ascii() {
            // ASCII first letter: upper-case, then any lower-case letter.
            return b[0].is_ascii_uppercase()
                && (b.iter().any(u8::is_ascii_lowercase)
                    || self.text.chars().any(char::is_lowercase));
        }
        let mut chars = self.text.chars();
        chars.next().is_some_and(char::is_uppercase) && self.text.chars().any(char::is_lowercase)
    }

    /// A single capital letter, as in an initial ("W").
    pub fn is_initial(&self) -> bool {
        self.word && self.text.len() == 1 && self.text.chars().all(|c| c.is_ascii_uppercase())
    }

    pub fn is_lower(&self) -> bool {
        self.word && self.text.chars().next().is_some_and(char::is_lowercase)
    }

    /// The word without a possessive ending ("Erdogan’s" -> "Erdogan").
    pub fn stem(&self) -> &'a str {
        for suffix in ["'s", "’s", "'", "’"] {
            if let Some(s) = self.text.strip_suffix(suffix) {
                if !s.is_empty() {
                    return s;
                }
            }
        }
        self.text
    }
}

#[inline]
fn is_word_char(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphanumeric()
    } else {
        c.is_alphanumeric()
    }
}

fn is_inner(c: char) -> bool {
    matches!(c, '-' | '\'' | '’' | '.' | '‑')
}

/// Tokenize `text`, marking sentence starts. Abbreviations ending in a period
/// ("Mr.", "W.") do not end a sentence when `keeps_sentence` says so.
pub fn tokenize<'a>(text: &'a str, keeps_sentence: &dyn Fn(&str) -> bool) -> Vec<Tok<'a>> {
    let mut toks: Vec<Tok<'a>> = Vec::with_capacity(text.len() / 5);
    let mut sent_start = true;
    let mut iter = text.char_indices().peekable();
    let mut newline_run = 0;
    while let Some((i, c)) = iter.next() {
        if c == '\n' {
            newline_run += 1;
            if newline_run >= 2 {
                sent_start = true;
            }
            continue;
        }
        if c.is_whitespace() {
            continue;
        }
        newline_run = 0;
        if is_word_char(c) {
            let mut end = i + c.len_utf8();
            while let Some(&(j, d)) = iter.peek() {
                if is_word_char(d) {
                    end = j + d.len_utf8();
                    iter.next();
                } else if is_inner(d) {
                    // inner mark only when a word character follows
                    let after = text[j + d.len_utf8()..].chars().next();
                    if after.is_some_and(is_word_char) {
                        iter.next();
                        end = j + d.len_utf8();
                    } else if d == '\'' || d == '’' {
                        // trailing possessive apostrophe: "Reuters'"
                        let prev = text[..j].chars().next_back();
                        if prev == Some('s') {
                            iter.next();
                            end = j + d.len_utf8();
                        }
                        break;
                    } else {
                        break;
                    }
                } else {
                    break;
                }
            }
            toks.push(Tok {
                text: &text[i..end],
                start: i,
                end,
                word: true,
                sent_start,
            });
            sent_start = false;
        } else {
            let end = i + c.len_utf8();
            match c {
                '.' | '!' | '?' => {
                    let prev_keeps = toks
                        .last()
                        .is_some_and(|t| t.word && (t.is_initial() || keeps_sentence(t.text)));
                    if !prev_keeps {
                        sent_start = true;
                    }
                }
                ':' | ';' => {}
                // An opening quote or bracket keeps the sentence-start state.
                _ => {}
            }
            toks.push(Tok {
                text: &text[i..end],
                start: i,
                end,
                word: false,
                sent_start: false,
            });
        }
    }
    toks
}

/// A gazetteer automaton with a cheap filter on the first bytes of its
/// patterns, so that most words are rejected without running the automaton.
pub struct Gazetteer {
    ac: aho_corasick::AhoCorasick,
    /// First three bytes of every pattern of three bytes or more.
    prefix3: rustc_hash::FxHashSet<[u8; 3]>,
    /// Patterns of one or two bytes ("UK", "US").
    short: rustc_hash::FxHashSet<Vec<u8>>,
}

impl Gazetteer {
    /// Build a leftmost-longest, case-sensitive, anchored DFA over `patterns`.
    pub fn new<P: AsRef<[u8]>>(patterns: &[P]) -> Gazetteer {
        use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind, StartKind};
        let ac = AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostLongest)
            .kind(Some(AhoCorasickKind::DFA))
            .start_kind(StartKind::Anchored)
            .build(patterns)
            .expect("gazetteer patterns build an automaton");
        let mut prefix3 = rustc_hash::FxHashSet::default();
        let mut short = rustc_hash::FxHashSet::default();
        for p in patterns {
            let p = p.as_ref();
            if p.len() >= 3 {
                prefix3.insert([p[0], p[1], p[2]]);
            } else {
                short.insert(p.to_vec());
            }
        }
        Gazetteer { ac, prefix3, short }
    }

    fn may_start(&self, rest: &[u8]) -> bool {
        (rest.len() >= 3 && self.prefix3.contains(&[rest[0], rest[1], rest[2]]))
            || (!self.short.is_empty()
                && (1..=2.min(rest.len())).any(|n| self.short.contains(&rest[..n])))
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
        for t in toks.iter().filter(|t| t.word) {
            let first = t.text.as_bytes()[0];
            let starts_upper = if first.is_ascii() {
                first.is_ascii_uppercase() || first.is_ascii_digit()
            } else {
                t.text.chars().next().is_some_and(char::is_uppercase)
            };
            if starts_upper {
                try_at(t.start, &mut out);
            }
            if t.text.len() > 2 && t.text.as_bytes()[1..].contains(&b'-') {
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

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
        let mut chars = self.text.chars();
        self.word
            && chars.next().is_some_and(char::is_uppercase)
            && self.text.chars().any(char::is_lowercase)
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

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
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

//! Organisations, tuned for precision: only names stated explicitly.
//!
//! Three sources, in order of trust: the gazetteer of well-known bodies in
//! `schema/orgs.tsv` (NATO, IMF, OPEC), acronyms the article defines
//! ("Tehreek-e-Taliban Pakistan (TTP)"), and capitalised names headed by
//! Ministry, Party or Bank ("Interior Ministry", "Ministry of Finance",
//! "Awami League Party"). Ordinary capitalised phrases are never guessed.

use super::tokens::{Gazetteer, Tok};
use crate::lexicon::{self, items, rows};

pub struct Orgs {
    automaton: Gazetteer,
    canonical: Vec<u16>,
    names: Vec<String>,
    /// Every name and alias, folded: a person run that spells one is the
    /// organisation ("J.P. Morgan Chase said").
    folded_forms: rustc_hash::FxHashSet<String>,
}

/// Head words that make "X <head>" or "<head> of X" an organisation name.
const HEADS: [&str; 3] = ["Ministry", "Party", "Bank"];

impl Orgs {
    pub fn load() -> Orgs {
        let text = lexicon::file("orgs.tsv");
        let mut forms = Vec::new();
        let mut canonical = Vec::new();
        let mut names = Vec::new();
        let mut capitals = Vec::new();
        for row in rows(&text) {
            let mut cols = row.split('\t');
            let name = cols.next().unwrap_or("").trim();
            if name.is_empty() {
                continue;
            }
            let idx = names.len() as u16;
            names.push(name.to_string());
            let row_forms: Vec<&str> = std::iter::once(name)
                .chain(cols.next().map(items).into_iter().flatten())
                .collect();
            // A national body (one with a home) in a headline set in
            // capitals: "FEDERAL RESERVE WEEKLY REPORT", "BUNDESBANK SEES".
            // Forms of four or more letters only, and not for other rows:
            // "REUTER" in capitals is the wire's sign-off, not a mention.
            let national = cols.next().is_some_and(|home| !home.trim().is_empty());
            for form in row_forms {
                forms.push(form.to_string());
                canonical.push(idx);
                if national && form.chars().count() >= 4 {
                    capitals.push((form.to_uppercase(), idx));
                }
            }
        }
        for (upper, idx) in capitals {
            if !forms.contains(&upper) {
                forms.push(upper);
                canonical.push(idx);
            }
        }
        let automaton = Gazetteer::new(&forms);
        Orgs {
            folded_forms: forms.iter().map(|f| lexicon::fold(f)).collect(),
            automaton,
            canonical,
            names,
        }
    }

    /// Whether a folded name is the name or an alias of a listed body.
    pub fn is_listed_folded(&self, folded: &str) -> bool {
        self.folded_forms.contains(folded)
    }

    /// Organisations named in `text`, appended to `out` without repeats.
    pub fn extract(&self, text: &str, toks: &[Tok<'_>], out: &mut Vec<String>) {
        let mut push = |name: &str| {
            if !out.iter().any(|o| o == name) {
                out.push(name.to_string());
            }
        };
        for m in self.automaton.matches(text, toks) {
            let before = text[..m.start()].chars().next_back();
            let after = text[m.end()..].chars().next();
            if before.is_some_and(char::is_alphanumeric) || after.is_some_and(char::is_alphanumeric)
            {
                continue;
            }
            push(&self.names[self.canonical[m.pattern().as_usize()] as usize]);
        }
        for name in defined_acronyms(toks).into_iter().chain(headed_names(toks)) {
            push(&name);
        }
    }
}

/// The capitalised run (with connectors) that ends just before `end`.
fn run_before<'a>(toks: &[Tok<'a>], end: usize) -> usize {
    let mut s = end;
    while s > 0 {
        let t = &toks[s - 1];
        let joins = t.is_lower()
            && matches!(t.text, "of" | "for" | "de" | "e")
            && s >= 2
            && toks[s - 2].is_capitalised()
            && !HEADS.contains(&toks[s - 2].text);
        if (t.is_capitalised() && !HEADS.contains(&t.stem())) || joins {
            s -= 1;
        } else {
            break;
        }
    }
    // never start on a connector or a sentence-initial article
    while s < end && (toks[s].is_lower() || matches!(toks[s].text, "The" | "A" | "An")) {
        s += 1;
    }
    s
}

fn join(toks: &[Tok<'_>], text_of: impl Fn(&Tok<'_>) -> String) -> String {
    toks.iter().map(text_of).collect::<Vec<_>>().join(" ")
}

/// "Long Name (LN)": the acronym's letters are the initials of the name's
/// capitalised parts (hyphenated parts count: Tehreek-e-Taliban Pakistan).
fn defined_acronyms(toks: &[Tok<'_>]) -> Vec<String> {
    let mut out = Vec::new();
    for i in 1..toks.len().saturating_sub(2) {
        if !(toks[i].is('(') && toks[i + 2].is(')')) {
            continue;
        }
        let acr = toks[i + 1].text;
        if !(2..=8).contains(&acr.len()) || !acr.chars().all(|c| c.is_ascii_uppercase()) {
            continue;
        }
        let start = run_before(toks, i);
        let run = &toks[start..i];
        // Drop leading words until the initials line up.
        for s in 0..run.len() {
            let initials: String = run[s..]
                .iter()
                .flat_map(|t| t.text.split('-'))
                .filter_map(|p| p.chars().next().filter(|c| c.is_uppercase()))
                .collect();
            if initials == acr {
                let name = join(&run[s..], |t| t.stem().to_string());
                if run[s..].len() >= 2 {
                    out.push(name);
                }
                break;
            }
        }
    }
    out
}

/// "Interior Ministry", "Ministry of Finance", "Pakistan Peoples Party",
/// "State Bank of Pakistan".
fn headed_names(toks: &[Tok<'_>]) -> Vec<String> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        let t = &toks[i];
        let maybe_head = t.word && matches!(t.text.as_bytes()[0], b'M' | b'P' | b'B');
        if !(maybe_head && HEADS.contains(&t.stem())) {
            i += 1;
            continue;
        }
        let start = run_before(toks, i);
        let mut end = i + 1;
        // "... of Finance", "... of the Interior"
        if toks.get(end).is_some_and(|t| t.text == "of") {
            let mut k = end + 1;
            if toks.get(k).is_some_and(|t| t.text == "the") {
                k += 1;
            }
            let obj_start = k;
            while toks.get(k).is_some_and(|t| t.is_capitalised()) {
                k += 1;
            }
            if k > obj_start {
                end = k;
            }
        }
        if end - start >= 2 && !toks[start].sent_start || end - start >= 3 {
            out.push(join(&toks[start..end], |t| t.stem().to_string()));
        }
        i = end;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::entities::tokens::tokenize;

    fn orgs(text: &str) -> Vec<String> {
        let mut out = Vec::new();
        let toks = tokenize(text, &|_| false);
        Orgs::load().extract(text, &toks, &mut out);
        out
    }

    #[test]
    fn acronyms_gazetteer_and_heads() {
        let o = orgs("the presence of the Tehreek-e-Taliban Pakistan (TTP), a group. A 2025 United Nations report.");
        assert!(
            o.contains(&"Tehreek-e-Taliban Pakistan".to_string()),
            "{o:?}"
        );
        assert!(o.contains(&"United Nations".to_string()), "{o:?}");
        let o = orgs("officials at the Interior Ministry and the Ministry of Finance met the State Bank of Pakistan.");
        assert!(o.contains(&"Interior Ministry".to_string()), "{o:?}");
        assert!(o.contains(&"Ministry of Finance".to_string()), "{o:?}");
        assert!(o.contains(&"State Bank of Pakistan".to_string()), "{o:?}");
    }

    #[test]
    fn ordinary_phrases_are_not_orgs() {
        assert!(orgs("The party was over and the bank was shut.").is_empty());
    }
}

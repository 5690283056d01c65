//! Organisations, tuned for precision: only names stated explicitly.
//!
//! Three sources, in order of trust: the gazetteer of well-known bodies in
//! `schema/orgs.tsv` (NATO, IMF, OPEC), acronyms the article defines
//! ("Tehreek-e-Taliban Pakistan (TTP)"), and capitalised names headed by
//! Ministry, Party or Bank ("Interior Ministry", "Ministry of Finance",
//! "Awami League Party"). Ordinary capitalised phrases are never guessed.

use super::tokens::{Gazetteer, Tok};
use crate::dates::NewsDate;
use crate::lexicon::{self, items, rows};
use chrono::NaiveDate;

pub struct Orgs {
    automaton: Gazetteer,
    /// The bodies each pattern may name, in file order: one, or several
    /// when a form changed hands ("GAO" is the General Accounting Office
    /// until 2004, the Government Accountability Office after).
    candidates: Vec<Vec<u16>>,
    names: Vec<String>,
    /// The days each body's name is used from (inclusive) and until
    /// (exclusive): `since` and `until` in `schema/orgs.tsv`.
    spans: Vec<(Option<NaiveDate>, Option<NaiveDate>)>,
    /// Every name and alias, folded: a person run that spells one is the
    /// organisation ("J.P. Morgan Chase said").
    folded_forms: rustc_hash::FxHashSet<String>,
    /// Folded ASCII forms of [`MISSPELT_ORG_LEN`] letters or more and their
    /// patterns, for names misspelt by one letter ("Bank of Toyko"),
    /// shortest first: a slip changes the length by one at most, so only
    /// the forms of three lengths are compared.
    long_forms: Vec<(String, usize)>,
    /// The words of party names that many countries share
    /// (`schema/party-words.txt`).
    party_words: rustc_hash::FxHashSet<String>,
    /// The spelling keys of [`SHARED_NAMES`].
    shared_keys: Vec<String>,
    /// Per body, the ISO codes of the countries one of which an article
    /// must name for the body's acronym to count (`context` in
    /// `schema/orgs.tsv`); empty for most.
    contexts: Vec<Vec<String>>,
}

/// The shortest listed form a misspelling is recognised of.
const MISSPELT_ORG_LEN: usize = 12;

/// A listed body named in a text: the byte span of the form found and the
/// body's index.
#[derive(Debug, Clone, Copy)]
pub struct Listed {
    pub start: usize,
    pub end: usize,
    name: u16,
    /// Named by an acronym that names this body only in an article that
    /// names its country too (`context` in `schema/orgs.tsv`).
    gated: bool,
}

/// Legal forms that close a firm's name and are left out of it.
const LEGAL_FORMS: [&str; 14] = [
    "Ltd", "Limited", "Inc", "Plc", "AG", "SA", "NV", "Co", "Cos", "GmbH", "Bhd", "BV", "SpA",
    "Pty",
];

/// Words after a bank's name that make a unit of the bank ("Chemical Bank
/// International Ltd"), whose parent is named too.
const SUBSIDIARY_WORDS: [&str; 9] = [
    "International",
    "Finance",
    "Capital",
    "Securities",
    "Trust",
    "Holdings",
    "National",
    "Investment",
    "Investments",
];

/// Whether a word is one of [`LEGAL_FORMS`], in any case, with or without
/// periods ("Ag", "PLC", "Ltd.", "N.V.").
fn is_legal_form(word: &str) -> bool {
    LEGAL_FORMS.iter().any(|f| {
        let mut letters = word.bytes().filter(|&b| b != b'.');
        f.bytes()
            .all(|c| letters.next().is_some_and(|b| b.eq_ignore_ascii_case(&c)))
            && letters.next().is_none()
    })
}

/// The key under which organisation names are one body spelt two ways
/// ("Swiss Bank Corp", "Swiss Bank Corporation"): folded, without
/// hyphens, periods and apostrophes, "&" as "and", "-isation" as
/// "-ization", and a closing "Corporation" or "Company" as "Corp" or "Co".
pub fn spelling_key(value: &str) -> String {
    // One pass into one buffer: a facet of a common word holds tens of
    // thousands of values.
    let folded = lexicon::fold(value);
    let mut out = String::with_capacity(folded.len() + 4);
    // Where the last word starts, and whether a space comes before the next.
    let mut word = 0;
    let mut gap = false;
    let start_word = |out: &mut String, word: &mut usize| {
        if !out.is_empty() {
            out.push(' ');
        }
        *word = out.len();
    };
    for c in folded.chars() {
        match c {
            '-' | '.' | '\'' | '\u{2019}' => {}
            '&' => {
                start_word(&mut out, &mut word);
                out.push_str("and");
                gap = true;
            }
            c if c.is_whitespace() => gap = true,
            c => {
                if gap || out.is_empty() {
                    start_word(&mut out, &mut word);
                    gap = false;
                }
                out.push(c);
            }
        }
    }
    // British and American spellings are one: "organisation" is
    // "organization".
    if out.contains("isation") {
        out = out.replace("isation", "ization");
    }
    let short = match &out[word..] {
        "corporation" => "corp",
        "company" => "co",
        _ => return ministry_last(out),
    };
    out.truncate(word);
    out.push_str(short);
    out
}

/// A ministry's key with its portfolio first, as English news writes it
/// more often: "ministry of the interior" is "interior ministry", and
/// "ministry of finance (japan)" "finance ministry (japan)". The portfolio's
/// words are read through `schema/portfolio-words.tsv` ("economic affairs
/// ministry" is "economy ministry").
fn ministry_last(key: String) -> String {
    let Some(rest) = key.strip_prefix("ministry of ") else {
        return portfolio_words(key);
    };
    let rest = rest.strip_prefix("the ").unwrap_or(rest);
    let (object, country) = match rest.find(" (") {
        Some(i) if rest.ends_with(')') => rest.split_at(i),
        _ => (rest, ""),
    };
    if object.is_empty() {
        return key;
    }
    portfolio_words(format!("{object} ministry{country}"))
}

/// A ministry's key ("... ministry" or "... ministry (country)") with the
/// words of its portfolio read through `schema/portfolio-words.tsv`; any
/// other key as it is.
fn portfolio_words(key: String) -> String {
    static WORDS: std::sync::OnceLock<rustc_hash::FxHashMap<String, String>> =
        std::sync::OnceLock::new();
    let Some(at) = key.find(" ministry") else {
        return key;
    };
    let (portfolio, rest) = key.split_at(at);
    if !(rest == " ministry" || rest.starts_with(" ministry (")) {
        return key;
    }
    let words = WORDS.get_or_init(|| {
        rows(&lexicon::file("portfolio-words.tsv"))
            .filter_map(|r| {
                let (word, as_) = r.split_once('\t')?;
                Some((word.trim().to_string(), as_.trim().to_string()))
            })
            .collect()
    });
    if !portfolio.split(' ').any(|w| words.contains_key(w)) {
        return key;
    }
    let read: Vec<&str> = portfolio
        .split(' ')
        .map(|w| words.get(w).map_or(w, String::as_str))
        .filter(|w| !w.is_empty())
        .collect();
    if read.is_empty() {
        return key;
    }
    format!("{}{rest}", read.join(" "))
}

/// What a country's central bank is called in many countries: named only
/// as that, it is a government body ("National Bank" is Switzerland's,
/// Belgium's, Austria's, Hungary's, ...). ("State Bank" is not: on its own
/// it was the Soviet Union's in stories from Rome and Osaka.)
const NATIONAL_BANKS: [&str; 3] = ["Central Bank", "Reserve Bank", "National Bank"];

/// A ministry, or a central, reserve or national bank named only as that
/// ([`NATIONAL_BANKS`]): every government has
/// one, so the name says whose only with its country, which extraction
/// adds ("Finance Ministry (Japan)"; README, Entities).
pub fn is_government_body(name: &str) -> bool {
    is_national_bank(name) || name.contains(' ') && name.split(' ').any(|w| w == "Ministry")
}

/// Whether a name is only what a country's central bank is called
/// ([`NATIONAL_BANKS`]: "Central Bank", "Reserve Bank", "National Bank").
pub fn is_national_bank(name: &str) -> bool {
    NATIONAL_BANKS.contains(&name)
}

/// Bodies that many governments give one name, the United States' too
/// (its Export-Import Bank; no ministries or central bank by that name):
/// named only as that, they carry their country like a party of shared
/// words, of any country. Compared by spelling key ("Export Import Bank").
const SHARED_NAMES: [&str; 1] = ["Export-Import Bank"];

/// The value of a government body of a country: "Finance Ministry (Japan)".
pub fn with_country(body: &str, country: &str) -> String {
    format!("{body} ({country})")
}

/// Give the bodies of an article's organisations that say whose they are
/// only with their country ([`Orgs::needs_country`]) and were named without
/// it one: the country of the same body named with it elsewhere in the
/// article (then the bare value goes), else `home` of the name (a
/// ministry's may differ from a party's). Without either the bare name
/// stays, as does a name that opens with a place or nationality no country
/// was found for ("Korean Finance Ministry", "Ontario Finance Ministry"):
/// `is_place` tells.
pub fn place_bare_bodies<'h>(
    orgs: &mut Vec<String>,
    needs_country: &dyn Fn(&str) -> bool,
    home: &dyn Fn(&str) -> Option<&'h str>,
    is_place: &dyn Fn(&str) -> bool,
) {
    // The spelling key of a body named with its country.
    let placed_key = |o: &str| match split_country(o) {
        (body, Some(_)) if needs_country(body) => Some(spelling_key(body)),
        _ => None,
    };
    let placed: Vec<String> = orgs.iter().filter_map(|o| placed_key(o)).collect();
    let (mut out, mut keys) = (Vec::with_capacity(orgs.len()), Vec::new());
    for o in orgs.drain(..) {
        let first = o.split(' ').next().unwrap_or_default();
        let bare = split_country(&o).1.is_none() && needs_country(&o) && !is_place(first);
        if bare && placed.contains(&spelling_key(&o)) {
            continue;
        }
        match bare.then(|| home(&o)).flatten() {
            Some(c) => push_distinct(&mut out, &mut keys, &with_country(&o, c)),
            None => push_distinct(&mut out, &mut keys, &o),
        }
    }
    *orgs = out;
}

/// A value's body and country: "Finance Ministry" and "Japan" for
/// "Finance Ministry (Japan)" ([`with_country`]); the value itself and
/// none for any other.
pub fn split_country(value: &str) -> (&str, Option<&str>) {
    value
        .strip_suffix(')')
        .and_then(|v| v.rsplit_once(" ("))
        .map_or((value, None), |(body, country)| (body, Some(country)))
}

/// Add `name` to an article's organisations unless a value with the same
/// spelling key is there already: one value per body however the article
/// spells it. `keys` holds the spelling keys of `out`, in step with it.
fn push_distinct(out: &mut Vec<String>, keys: &mut Vec<String>, name: &str) {
    if out.iter().any(|o| o == name) {
        return;
    }
    let key = spelling_key(name);
    if !keys.contains(&key) {
        out.push(name.to_string());
        keys.push(key);
    }
}

/// An article's organisations with one value per spelling key
/// ([`push_distinct`]), the first kept.
pub fn distinct(orgs: &mut Vec<String>) {
    let (mut out, mut keys) = (Vec::with_capacity(orgs.len()), Vec::new());
    for o in orgs.drain(..) {
        push_distinct(&mut out, &mut keys, &o);
    }
    *orgs = out;
}

/// A body that needs its country ([`Orgs::needs_country`]) named with it
/// in front, as a country's name or adjective or its seat of government:
/// "Japanese Finance Ministry", "West German Ministry of Agriculture",
/// "Ivory Coast Agriculture Ministry", "Bonn Finance Ministry", "Soviet
/// Communist Party". Gives the body and the country; at most three words
/// are a country, and the body keeps two.
fn country_in_front<'n>(
    name: &'n str,
    needs_country: &dyn Fn(&str) -> bool,
    clues: &Clues<'_>,
) -> Option<(&'n str, String)> {
    front_and_body(name).find_map(|(front, body)| {
        if !(body.starts_with(char::is_uppercase) && needs_country(body)) {
            return None;
        }
        // "Pittsburgh National Bank", "American National Bank": a country
        // without government bodies of that name has none.
        let country = (clues.country_of)(front)
            .filter(|c| !is_government_body(body) || (clues.has_government_bodies)(c, body))?;
        Some((body, country))
    })
}

/// The ways to read a name as a country in front of a body: cut after
/// its first, second or third word, the longest front first, where the
/// body keeps two words or more ("West German" and "Social Democratic
/// Party" of "West German Social Democratic Party"). Extraction and the
/// `--org` filter read names the same way.
pub fn front_and_body(name: &str) -> impl Iterator<Item = (&str, &str)> {
    let mut cuts = [0usize; 3];
    let mut n = 0;
    for (i, _) in name.match_indices(' ').take(3) {
        cuts[n] = i;
        n += 1;
    }
    (0..n)
        .rev()
        .map(move |k| (&name[..cuts[k]], &name[cuts[k] + 1..]))
        .filter(|(_, body)| body.contains(' '))
}

/// Head words that make "X <head>" or "<head> of X" an organisation name.
const HEADS: [&str; 3] = ["Ministry", "Party", "Bank"];

/// A row of `schema/orgs.tsv`: the canonical name, every surface form
/// (the name, then its aliases, each with its [`variants`]) and all the
/// row's columns; `None` for a row without a name.
fn body_row(row: &str) -> Option<(&str, Vec<String>, Vec<&str>)> {
    let cols: Vec<&str> = row.split('\t').collect();
    let name = cols[0].trim();
    if name.is_empty() {
        return None;
    }
    let mut forms: Vec<String> = Vec::new();
    for form in std::iter::once(name).chain(cols.get(1).map(|a| items(a)).into_iter().flatten()) {
        for v in variants(form) {
            if !forms.contains(&v) {
                forms.push(v);
            }
        }
    }
    Some((name, forms, cols))
}

/// A listed form and the ways copy writes it that the file need not list:
/// without "the" after "of" ("Organization of Petroleum Exporting
/// Countries" for "... of the Petroleum ..."), and with British or American
/// "-isation"/"-ization" ("International Coffee Organisation").
fn variants(form: &str) -> Vec<String> {
    let mut out = vec![form.to_string()];
    if form.contains(" of the ") {
        out.push(form.replace(" of the ", " of "));
    }
    for i in 0..out.len() {
        let swapped = if out[i].contains("ization") {
            out[i].replace("ization", "isation")
        } else {
            out[i].replace("isation", "ization")
        };
        if swapped != out[i] {
            out.push(swapped);
        }
    }
    out
}

/// Organisation names for resolving `--org` values: every name and alias
/// of `schema/orgs.tsv`, in any case, to the canonical names it stands for
/// ("BOJ" to "Bank of Japan", "Fed" to "Federal Reserve"), without the
/// automaton, so a search process does not pay for building it.
pub struct OrgNames {
    lookup: std::collections::HashMap<String, Vec<String>>,
}

impl OrgNames {
    pub fn load() -> OrgNames {
        let text = lexicon::file("orgs.tsv");
        let mut lookup: std::collections::HashMap<String, Vec<String>> = Default::default();
        for (name, forms, _) in rows(&text).filter_map(body_row) {
            for form in &forms {
                let names = lookup.entry(lexicon::fold(form)).or_default();
                if !names.iter().any(|n| n == name) {
                    names.push(name.to_string());
                }
            }
        }
        OrgNames { lookup }
    }

    /// The canonical names a name or alias stands for (several when a form
    /// names different bodies in different years, as "GAO" does); none for
    /// a name the gazetteer does not list.
    pub fn resolve(&self, query: &str) -> &[String] {
        self.lookup
            .get(&lexicon::fold(query.trim()))
            .map_or(&[], Vec::as_slice)
    }
}

impl Orgs {
    pub fn load() -> Orgs {
        let text = lexicon::file("orgs.tsv");
        // (form, body) in file order, then the capitalised forms.
        let mut pairs: Vec<(String, u16)> = Vec::new();
        let mut names = Vec::new();
        let mut spans = Vec::new();
        let mut contexts = Vec::new();
        let mut capitals = Vec::new();
        for (name, row_forms, cols) in rows(&text).filter_map(body_row) {
            let idx = names.len() as u16;
            names.push(name.to_string());
            contexts.push(
                cols.get(6)
                    .map(|c| items(c).map(str::to_string).collect())
                    .unwrap_or_default(),
            );
            let day = |i: usize| {
                cols.get(i)
                    .and_then(|d| NaiveDate::parse_from_str(d.trim(), "%Y-%m-%d").ok())
            };
            spans.push((day(4), day(5)));
            // A national body (one with a home) in a headline set in
            // capitals: "FEDERAL RESERVE WEEKLY REPORT", "BUNDESBANK SEES".
            // Forms of four or more letters only, and not for other rows:
            // "REUTER" in capitals is the wire's sign-off, not a mention.
            let national = cols.get(2).is_some_and(|home| !home.trim().is_empty());
            for form in row_forms {
                if national && form.chars().count() >= 4 {
                    capitals.push((form.to_uppercase(), idx));
                }
                pairs.push((form, idx));
            }
        }
        let written: std::collections::HashSet<&str> = pairs.iter().map(|p| p.0.as_str()).collect();
        let capitals: Vec<(String, u16)> = capitals
            .into_iter()
            .filter(|(upper, _)| !written.contains(upper.as_str()))
            .collect();
        let mut forms: Vec<String> = Vec::new();
        let mut pattern_of: std::collections::HashMap<String, usize> = Default::default();
        let mut candidates: Vec<Vec<u16>> = Vec::new();
        for (form, idx) in pairs.into_iter().chain(capitals) {
            let p = *pattern_of.entry(form.clone()).or_insert_with(|| {
                forms.push(form);
                candidates.push(Vec::new());
                forms.len() - 1
            });
            if !candidates[p].contains(&idx) {
                candidates[p].push(idx);
            }
        }
        let automaton = Gazetteer::new(&forms);
        let party_words = rows(&lexicon::file("party-words.txt"))
            .map(|w| w.trim().to_string())
            .collect();
        let mut long_forms: Vec<(String, usize)> = forms
            .iter()
            .enumerate()
            .map(|(p, f)| (lexicon::fold(f), p))
            .filter(|(f, _)| f.len() >= MISSPELT_ORG_LEN && f.is_ascii())
            .collect();
        long_forms.sort_by_key(|(f, _)| f.len());
        Orgs {
            folded_forms: forms.iter().map(|f| lexicon::fold(f)).collect(),
            long_forms,
            automaton,
            candidates,
            names,
            spans,
            party_words,
            shared_keys: SHARED_NAMES.iter().map(|n| spelling_key(n)).collect(),
            contexts,
        }
    }

    /// The bodies of `listed` named only by gated acronyms ([`Listed`]),
    /// with the ISO codes of the countries that let them count.
    pub fn gated_only<'s>(&'s self, listed: &[Vec<Listed>]) -> Vec<(&'s str, &'s [String])> {
        let all = || listed.iter().flatten();
        let mut out: Vec<(&str, &[String])> = Vec::new();
        for l in all().filter(|l| l.gated) {
            let name = self.names[l.name as usize].as_str();
            if !out.iter().any(|(n, _)| *n == name) && !all().any(|m| !m.gated && m.name == l.name)
            {
                out.push((name, &self.contexts[l.name as usize]));
            }
        }
        out
    }

    /// A party named only with words that many countries' parties share
    /// (`schema/party-words.txt`): "Communist Party", "Labour Party",
    /// "Justice and Development Party"; not "Bharatiya Janata Party".
    pub fn is_generic_party(&self, name: &str) -> bool {
        let Some(words) = name.strip_suffix(" Party") else {
            return false;
        };
        let mut words = words.split(' ');
        words.next().is_some_and(|w| self.party_words.contains(w))
            && words.all(|w| matches!(w, "and" | "for" | "the") || self.party_words.contains(w))
    }

    /// A body whose name says whose it is only with its country: a
    /// government body ([`is_government_body`]), a party of shared words
    /// ([`Orgs::is_generic_party`]) or a body of a shared name
    /// ([`SHARED_NAMES`]). Its value carries the country: "Finance Ministry
    /// (Japan)", "Labour Party (United Kingdom)", "Export-Import Bank
    /// (United States)".
    pub fn needs_country(&self, name: &str) -> bool {
        is_government_body(name)
            || self.is_generic_party(name)
            || name.ends_with(" Bank") && self.shared_keys.contains(&spelling_key(name))
    }

    /// The listed body a dateline names instead of a place: "UNITED
    /// NATIONS, March 6 -" puts the story at the United Nations, the way
    /// a city dateline puts it in a country. Only a name of two or more
    /// words, spelt in full (in any case), and in use on `date`.
    pub fn dateline_body(&self, place: &str, date: Option<NewsDate>) -> Option<&str> {
        let place = place.trim();
        if !place.contains(' ') {
            return None;
        }
        // (Every such name is long enough to be among the long forms.)
        let folded = lexicon::fold(place);
        let from = self
            .long_forms
            .partition_point(|(f, _)| f.len() < folded.len());
        let (_, pattern) = self.long_forms[from..]
            .iter()
            .take_while(|(f, _)| f.len() == folded.len())
            .find(|(f, _)| *f == folded)?;
        self.named(*pattern, date)
            .map(|b| self.names[b as usize].as_str())
    }

    /// The body a pattern names in an article of `date`: the first of its
    /// candidates whose name is in use that day (for an undated article,
    /// one whose name is still in use).
    fn named(&self, pattern: usize, date: Option<NewsDate>) -> Option<u16> {
        let day = date.map(|d| d.date());
        self.candidates[pattern].iter().copied().find(|&c| {
            let (since, until) = self.spans[c as usize];
            match day {
                Some(day) => since.is_none_or(|s| day >= s) && until.is_none_or(|u| day < u),
                None => until.is_none(),
            }
        })
    }

    /// The listed bodies named in `text`, as whole words, in order, as of
    /// the article's `date` (a body founded later, or renamed earlier, is
    /// not what its form meant that day: "IOM" in 1987, "ICC" in 1990).
    /// A form that is one of the article's `tickers` ([`ticker_roots`]) is
    /// the ticker's company there, in the tag and out of it: "CPC
    /// International Inc <CPC> ... CPC said" is no Chinese Communist Party,
    /// "UNILEVER'S <UN>" no United Nations.
    pub fn listed(
        &self,
        text: &str,
        toks: &[Tok<'_>],
        date: Option<NewsDate>,
        tickers: &[&str],
    ) -> Vec<Listed> {
        self.automaton
            .matches(text, toks)
            .into_iter()
            .filter(|m| !tickers.contains(&&text[m.start()..m.end()]))
            .filter(|m| {
                let before = text[..m.start()].chars().next_back();
                let after = text[m.end()..].chars().next();
                // Inside a hyphenated word is no mention: "PORT-AU-PRINCE"
                // (but "TRADE-USDA--APRIL 7" is).
                let inside = hyphen_joins(text[..m.start()].chars().rev())
                    && hyphen_joins(text[m.end()..].chars());
                // Nor the head of a dotted code: "UN" of the ticker "<UN.AS>".
                let dotted = text[m.end()..].strip_prefix('.').is_some_and(|rest| {
                    rest.chars()
                        .next()
                        .is_some_and(|c| c.is_ascii_alphanumeric())
                });
                !before.is_some_and(char::is_alphanumeric)
                    && !after.is_some_and(char::is_alphanumeric)
                    && !inside
                    && !dotted
            })
            .filter_map(|m| {
                let name = self.named(m.pattern().as_usize(), date)?;
                let form = &text[m.start()..m.end()];
                Some(Listed {
                    start: m.start(),
                    end: m.end(),
                    name,
                    gated: !self.contexts[name as usize].is_empty()
                        && form.len() <= 6
                        && form
                            .bytes()
                            .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit() || b == b'-'),
                })
            })
            .collect()
    }

    /// Whether a folded name is the name or an alias of a listed body.
    pub fn is_listed_folded(&self, folded: &str) -> bool {
        self.folded_forms.contains(folded)
    }

    /// The listed body a name misspelt by one letter stands for ("Bank of
    /// Toyko", "Commodity Futures Trading Commmission"): the forms of
    /// [`MISSPELT_ORG_LEN`] letters or more one edit away must all name the
    /// same body on the article's date.
    fn misspelt(&self, folded: &str, date: Option<NewsDate>) -> Option<u16> {
        if folded.len() + 1 < MISSPELT_ORG_LEN {
            return None;
        }
        let by_len = |n: usize| self.long_forms.partition_point(|(f, _)| f.len() < n);
        let near = self.long_forms[by_len(folded.len() - 1)..by_len(folded.len() + 2)]
            .iter()
            .filter(|(form, _)| lexicon::one_edit_apart(folded.as_bytes(), form.as_bytes()));
        lexicon::only(near.map(|(_, p)| self.named(*p, date))).flatten()
    }

    /// Organisations named in `text`, appended to `out` without repeats.
    /// `is_owner` tells whether a name is a place or a person named in the
    /// article, so that "Japan's Finance Ministry" gives "Finance Ministry
    /// (Japan)" ([`Clues::country_of`] names the country)
    /// and "Tamura's Ministry of International Trade" the Ministry of
    /// International Trade.
    /// `listed` is what [`Orgs::listed`] found in `text`.
    pub fn extract(
        &self,
        text: &str,
        toks: &[Tok<'_>],
        listed: &[Listed],
        clues: &Clues<'_>,
        date: Option<NewsDate>,
        out: &mut Vec<String>,
    ) {
        // One value per body however the article spells it: the spelling
        // keys of what the article has so far, kept beside it.
        let mut keys: Vec<String> = out.iter().map(|o| spelling_key(o)).collect();
        let mut push = |name: &str| push_distinct(out, &mut keys, name);
        let ctx = Context {
            clues,
            is_listed: &|w| self.is_listed_folded(&lexicon::fold(w)),
        };
        // An acronym the article defines for a body the gazetteer does not
        // list is that body's here, not the gazetteer's: "Rapid Support
        // Forces (RSF)" ... "the RSF" is no Reporters Without Borders.
        let defined = defined_acronyms(text, toks, &ctx);
        // (Spelt another way it is the listed body: "Federal Deposit
        // Insurance Corp (FDIC)".)
        let taken = |m: &Listed| {
            defined.iter().any(|(acr, name)| {
                text[m.start..m.end] == **acr
                    && !self.is_listed_folded(&lexicon::fold(name))
                    && spelling_key(name) != spelling_key(&self.names[m.name as usize])
            })
        };
        for m in listed.iter().filter(|m| !taken(m)) {
            // "Royal Bank of Canada" is not the Bank of Canada, nor the
            // "National Security Council" the UN's: a capitalised word right
            // before a listed form makes it part of a longer name, unless it
            // opens the sentence or qualifies the body (a place or a
            // nationality, "West German Bundesbank", "Kansas City Federal
            // Reserve Bank"; a title, "Governor"), owns it ("Zambia's IMF")
            // or is a hyphenated adjective or a month ("London-based Salomon
            // Brothers", "the July United Nations Conference"). An acronym
            // after a name is the name's ("the Iranian News Agency IRNA").
            // A place in front of a body named "Bank of ..." names another
            // bank ("Union Bank of Finland", "Hongkong Bank of Canada").
            let bank_of = text[m.start..].starts_with("Bank of ");
            let qualifies = |w: &str| !bank_of && (clues.qualifies_body)(w);
            let k = toks.partition_point(|t| t.start < m.start);
            let longer = k > 0
                && toks
                    .get(k)
                    .is_some_and(|t| t.start == m.start && !t.sent_start && t.is_capitalised())
                && {
                    let w = &toks[k - 1];
                    w.is_capitalised()
                        && !w.sent_start
                        && w.end() + 1 == m.start
                        && !w.is_possessive()
                        && !matches!(w.text, "The" | "A" | "An")
                        // Any hyphenated adjective: "London-based",
                        // "Newly-nominated".
                        && !w
                            .text
                            .rsplit('-')
                            .next()
                            .is_some_and(|p| p.starts_with(char::is_lowercase))
                        && crate::dates::month_from_name(w.text).is_none()
                        && !qualifies(w.text)
                        && !(k >= 2 && qualifies(&text[toks[k - 2].start..w.end()]))
                        && !(clues.opens_title)(w.text, Some(toks[k].text))
                };
            if !longer {
                push(&self.names[m.name as usize]);
            }
        }
        // A headline in Title Case capitalises every word, so its runs say
        // nothing about where a name starts.
        let title_case =
            super::persons::capitalised_words(text).is_some_and(|(caps, words)| caps == words);
        // A headed name inside a listed body's name is that body: "Bank of
        // Credit" of "the Bank of Credit and Commerce". So is one that is a
        // listed body with a number or a place in front ("Two World Bank
        // officials", "the Washington World Bank"), which the listed body
        // counts already; but a place in front of a body named "Bank of
        // ..." names another bank ("Hongkong Bank of Canada").
        let qualified = |s: usize, m: &Listed| {
            let front = text[s..m.start].trim_end();
            let headed_form = HEADS.iter().any(|h| text[m.start..].starts_with(h));
            SENTENCE_OPENERS.contains(&front) || !headed_form && (clues.qualifies_body)(front)
        };
        let headed = if title_case {
            Vec::new()
        } else {
            headed_names(toks, &ctx)
                .into_iter()
                .filter(|&((s, e), _)| {
                    !listed
                        .iter()
                        .any(|m| m.start <= s && e <= m.end || m.end == e && qualified(s, m))
                })
                .map(|((s, e), mut name)| {
                    let bare = without_titles(&name, &|w| (clues.opens_title)(w, None));
                    if bare.len() < name.len() {
                        name = bare.to_string();
                    }
                    // A "National Bank" is a central bank only in some
                    // countries (`Clues::has_government_bodies`).
                    let may_have = |body: &str, country: &String| {
                        !is_government_body(body) || (clues.has_government_bodies)(country, body)
                    };
                    // "Communist Party of China", "Central Bank of Kenya"
                    // (but "National Bank of Canada" is a firm's name)
                    if let Some((body, country)) = name
                        .rsplit_once(" of ")
                        .filter(|(body, _)| self.needs_country(body))
                        .and_then(|(body, object)| Some((body, (clues.country_of)(object)?)))
                    {
                        return match may_have(body, &country) {
                            true => with_country(body, &country),
                            false => name,
                        };
                    }
                    if !self.needs_country(&name) {
                        return name;
                    }
                    let country = government_owner(toks, s, clues)
                        .or_else(|| government_seat(toks, e, clues))
                        .or_else(|| roundup_dateline(text, s, clues))
                        .filter(|c| may_have(&name, c));
                    match country {
                        Some(country) => with_country(&name, &country),
                        None => name,
                    }
                })
                .collect()
        };
        // "International Tin Agreement (ITA)" and "Value Added Tax (VAT)"
        // are defined like bodies but are none; nor is a post ("Buffer
        // Stock Manager (BSM)").
        let body = |name: &String| {
            name.rsplit(' ')
                .next()
                .is_none_or(|last| !(clues.names_thing)(last) && !(clues.opens_title)(last, None))
        };
        let defined = defined
            .into_iter()
            .map(|(_, name)| name)
            .filter(body)
            .map(|n| (n, true));
        for (name, is_defined) in defined.chain(headed.into_iter().map(|n| (n, false))) {
            let folded = lexicon::fold(&name);
            // A defined name the gazetteer lists is already counted under
            // the body's canonical name ("Organisation of Petroleum
            // Exporting Countries (OPEC)" is OPEC).
            if is_defined && self.is_listed_folded(&folded) {
                continue;
            }
            // A listed body misspelt is that body.
            match self.misspelt(&folded, date) {
                Some(b) => push(&self.names[b as usize]),
                None => match country_in_front(&name, &|b| self.needs_country(b), clues) {
                    Some((body, country)) => push(&with_country(body, &country)),
                    None => push(&name),
                },
            }
        }
    }
}

/// The spans of a text's angle brackets, `<` to `>`, one line and at most
/// 200 bytes each. Wire copy marks a company with them ("talks with <Nevada
/// Packard> on a venture") and follows a listed company's name with its
/// ticker in them ("KENNER PARKER <KPT>").
pub fn angle_tags(text: &str) -> Vec<(usize, usize)> {
    let b = text.as_bytes();
    let mut out = Vec::new();
    let mut from = 0;
    // `str::find` of one ASCII byte is a memchr, many bytes a step.
    while let Some(k) = text[from..].find('<') {
        let open = from + k;
        from = open + 1;
        let inside = b[open + 1..].iter().take(200);
        if let Some(len) = inside
            .take_while(|&&c| c != b'<' && c != b'\n')
            .position(|&c| c == b'>')
        {
            out.push((open, open + 1 + len));
            from = open + 1 + len;
        }
    }
    out
}

/// Whether the inside of angle brackets is a ticker: at most eight
/// capitals and periods, a capital first ("KPT", "OLIV.MI").
fn is_ticker(tag: &[u8]) -> bool {
    tag.len() <= 8
        && tag.first().is_some_and(u8::is_ascii_uppercase)
        && tag.iter().all(|c| c.is_ascii_uppercase() || *c == b'.')
}

/// Whether a ticker tag opens right before byte `at`: "<UK>", "<UK.N>".
pub(crate) fn ticker_opens_at(text: &str, at: usize) -> bool {
    let b = text.as_bytes();
    at > 0
        && b[at - 1] == b'<'
        && b[at..]
            .iter()
            .take(9)
            .position(|&c| c == b'>')
            .is_some_and(|len| is_ticker(&b[at..at + len]))
}

/// The ticker tags of a text among its angle-bracket `tags`
/// ([`angle_tags`]): those holding a ticker ([`is_ticker`]: "<KPT>",
/// "<OLIV.MI>").
fn ticker_tags<'t>(
    text: &'t str,
    tags: &'t [(usize, usize)],
) -> impl Iterator<Item = (usize, usize)> + 't {
    let b = text.as_bytes();
    tags.iter()
        .copied()
        .filter(|&(open, close)| is_ticker(&b[open + 1..close]))
}

/// Each ticker of a text without its exchange suffix: "KPT" of "<KPT>",
/// "OLIV" of "<OLIV.MI>". `tags` are the text's [`angle_tags`].
pub fn ticker_roots<'t>(
    text: &'t str,
    tags: &'t [(usize, usize)],
) -> impl Iterator<Item = &'t str> {
    ticker_tags(text, tags).map(|(open, close)| {
        let tag = &text[open + 1..close];
        tag.split('.').next().unwrap_or(tag)
    })
}

/// Whether a listed body's form, found at `start..end` of `text`, is an
/// acronym that names a firm there: followed by a legal form ("BBC AG Brown
/// Boveri", "NSA Inc said"). Like a ticker, such an acronym is the firm's
/// throughout the article, not the listed body it spells.
pub fn firm_acronym_at(text: &str, start: usize, end: usize) -> bool {
    let form = &text[start..end];
    let Some(rest) = text[end..].strip_prefix(' ') else {
        return false;
    };
    let word = &rest[..rest
        .find(|c: char| !c.is_ascii_alphanumeric())
        .unwrap_or(rest.len())];
    (2..=6).contains(&form.len())
        && form.bytes().all(|c| c.is_ascii_uppercase())
        && (LEGAL_FORMS.contains(&word) || matches!(word, "Corp" | "Corporation"))
}

/// Whether a word closes a firm's name as its legal form, in any case:
/// one of [`LEGAL_FORMS`] or "Corp" ("SANTOS LTD", "Chicago Pacific Corp").
pub fn closes_firm_name(word: &str) -> bool {
    is_legal_form(word)
        || word.eq_ignore_ascii_case("Corp")
        || word.eq_ignore_ascii_case("Corporation")
}

/// The words right before each ticker tag of a text, folded ("KENNER
/// PARKER <KPT> CONCLUDES TWO SUITS", "said Lone Star <LCE>"): up to four
/// words, on the tag's line.
pub fn before_tickers(text: &str, tags: &[(usize, usize)]) -> Vec<String> {
    let b = text.as_bytes();
    let mut out = Vec::new();
    for (open, _) in ticker_tags(text, tags) {
        let line = b[..open]
            .iter()
            .rposition(|&c| c == b'\n')
            .map_or(0, |p| p + 1);
        let words: Vec<&str> = text[line..open].split_whitespace().collect();
        if !words.is_empty() {
            out.push(lexicon::fold(
                &words[words.len().saturating_sub(4)..].join(" "),
            ));
        }
    }
    out
}

/// Whether characters, read away from a word, start with a hyphen and a
/// letter or digit: the word is part of a hyphenated one.
fn hyphen_joins(mut chars: impl Iterator<Item = char>) -> bool {
    chars.next() == Some('-') && chars.next().is_some_and(char::is_alphanumeric)
}

/// What the name patterns ask of the rest of extraction about words they
/// meet.
pub struct Clues<'c> {
    /// A place or a person ("Japan", "Tokyo", "Tamura"): its possessive is
    /// an owner.
    pub is_owner: &'c dyn Fn(&str) -> bool,
    /// A word of a person's name found in the article ("Leeds").
    pub is_person: &'c dyn Fn(&str) -> bool,
    /// A word and the next that open a person's title ("Governor", "Prime
    /// Minister"): a title ends a name ("Bank of Japan Governor Satoshi
    /// Sumita" is the Bank of Japan).
    pub opens_title: &'c dyn Fn(&str, Option<&str>) -> bool,
    /// A word that ends the name of a thing rather than a body: an
    /// agreement, a programme, an index, a tax
    /// ([`crate::entities::persons::PersonLexicon::names_thing`]).
    pub names_thing: &'c dyn Fn(&str) -> bool,
    /// A word that marks a body ("Corp", "Inc", "Group"): its possessive
    /// is an owner ("BankAmerica Corp's Bank of America").
    pub names_body: &'c dyn Fn(&str) -> bool,
    /// A place or a nationality as written ("Dallas", "Kansas City",
    /// "German"): before a listed body it qualifies the body ("West German
    /// Bundesbank") rather than naming another.
    pub qualifies_body: &'c dyn Fn(&str) -> bool,
    /// The country a place or nationality as written names on the
    /// article's day ("Japanese", "West German", "Bonn"), in front of or
    /// owning a government body ([`is_government_body`]).
    pub country_of: &'c dyn Fn(&str) -> Option<String>,
    /// Whether a country (by its name) has a government body of this name:
    /// a ministry or a central bank (not the United States:
    /// `schema/no-ministries.txt`), a "National Bank" only where it is the
    /// central bank (`schema/central-bank-names.tsv`).
    pub has_government_bodies: &'c dyn Fn(&str, &str) -> bool,
}

/// The clues, and the gazetteer's own question.
struct Context<'c> {
    clues: &'c Clues<'c>,
    /// A listed body ("Bundesbank"): not the first half of "X and Y Bank".
    is_listed: &'c dyn Fn(&str) -> bool,
}

impl Context<'_> {
    /// "Japan's", "Saudi Arabia's", "Commerzbank's": the possessive at `k`
    /// of a place, a person or a listed body, owning what follows. With
    /// `body_owns`, a word that marks a body owns too ("BankAmerica Corp's
    /// Bank of America"); not where the possessive closes the name itself
    /// ("the Australian Wheat Board's (AWB) program"), nor a plural's
    /// ("Workers' Party").
    fn owner_at(&self, toks: &[Tok<'_>], k: usize, body_owns: bool) -> bool {
        let t = &toks[k];
        let stem = t.stem();
        let singular = !t.text.ends_with(['\'', '’']);
        t.is_possessive()
            && ((self.clues.is_owner)(stem)
                || (self.is_listed)(stem)
                || body_owns && singular && (self.clues.names_body)(stem)
                || k > 0
                    && toks[k - 1].is_capitalised()
                    && (self.clues.is_owner)(&format!("{} {stem}", toks[k - 1].text)))
    }
}

/// The country that owns the name starting at byte `start`, written as a
/// possessive before it ("Japan's Finance Ministry", "South Korea's
/// Ministry of Finance", "Britain's opposition Labour Party"), or as the
/// seat of government the sentence opens with ("In Beijing, Foreign
/// Ministry spokesman ...").
fn government_owner(toks: &[Tok<'_>], start: usize, clues: &Clues<'_>) -> Option<String> {
    let k = toks.partition_point(|t| t.start < start);
    // "In Beijing, Foreign Ministry spokesman Wang Haoran said", "Meanwhile,
    // in Seoul, ...": the seat opens the sentence or a clause (not "the pact
    // reached in Paris, Finance Ministry sources said").
    let opens_clause = |i: usize| {
        toks[i].sent_start
            || i > 0 && (toks[i - 1].is(',') || matches!(toks[i - 1].text, "and" | "but"))
    };
    if k >= 3
        && toks[k - 1].is(',')
        && matches!(toks[k - 3].text, "In" | "in")
        && opens_clause(k - 3)
    {
        if let Some(country) = (clues.country_of)(toks[k - 2].text) {
            return Some(country);
        }
    }
    // "the U.K. Ministry of Agriculture": a country's dotted abbreviation in
    // front, which the name stops short of at its period.
    if k >= 2 && toks[k - 1].is('.') && toks[k - 2].word && toks[k - 2].text.contains('.') {
        if let Some(country) = (clues.country_of)(&format!("{}.", toks[k - 2].text)) {
            return Some(country);
        }
    }
    // "Japan's ruling Liberal Democratic Party", "Britain's main
    // opposition Labour Party"
    let named_at = k;
    let mut k = k;
    while k > 0 && OWNED_AS.contains(&toks[k - 1].text) {
        k -= 1;
    }
    // The country the word before those words names, alone or with a
    // capitalised word before it ("West German").
    let country_of = |word: &str| {
        let before = (k >= 2 && toks[k - 2].is_capitalised()).then(|| toks[k - 2].text);
        longest_country(clues, before.map(|b| format!("{b} {word}")), word)
    };
    // "the Japanese ruling Liberal Democratic Party": a nationality in
    // front of those words, which the name stops short of.
    if k < named_at {
        if let Some(adj) = toks[..k]
            .last()
            .filter(|t| t.is_capitalised() && !t.is_possessive())
        {
            if let Some(country) = country_of(adj.text) {
                return Some(country);
            }
        }
    }
    let owner = toks[..k].last().filter(|t| t.is_possessive())?;
    country_of(owner.stem())
}

/// Words between an owner's possessive and the body it owns: "Japan's
/// ruling Liberal Democratic Party", "Japan's state Export-Import Bank".
const OWNED_AS: [&str; 7] = [
    "ruling",
    "opposition",
    "governing",
    "main",
    "former",
    "state",
    "governmental",
];

/// A government body's name without the role or honorific in front of it
/// ("Deputy Central Bank Governor X" names the Central Bank); any other
/// name as it is.
fn without_titles<'n>(name: &'n str, is_title: &dyn Fn(&str) -> bool) -> &'n str {
    let mut rest = name;
    while let Some((first, tail)) = rest.split_once(' ') {
        if !is_title(first) || !is_government_body(tail) {
            break;
        }
        rest = tail;
    }
    rest
}

/// The country of the dateline that opens the paragraph holding byte `at`,
/// when that is not the story's first: a news roundup gives each item its
/// own ("CAIRO - ... President Hosni Mubarak's ruling National Democratic
/// Party ...").
fn roundup_dateline(text: &str, at: usize, clues: &Clues<'_>) -> Option<String> {
    let line = text[..at].rfind('\n').map_or(0, |i| i + 1);
    if text[..line].trim().is_empty() {
        return None;
    }
    (clues.country_of)(&crate::dateline::detect(&text[line..])?.city)
}

/// The country of a two-word place ("South Korea"), if there is one and it
/// names a country, else of the one-word place.
fn longest_country(clues: &Clues<'_>, two: Option<String>, one: &str) -> Option<String> {
    two.and_then(|t| (clues.country_of)(&t))
        .or_else(|| (clues.country_of)(one))
}

/// The country of the seat of government named right after the name
/// ending at byte `end`, or after its spokesman: "the Defence Ministry in
/// Moscow", "the Transport Ministry in Muscat", "a Foreign Ministry
/// official in Tokyo".
fn government_seat(toks: &[Tok<'_>], end: usize, clues: &Clues<'_>) -> Option<String> {
    let mut k = toks.partition_point(|t| t.start < end);
    if toks.get(k).is_some_and(|t| SPEAKERS.contains(&t.text)) {
        k += 1;
    }
    if toks.get(k).is_none_or(|t| t.text != "in") {
        return None;
    }
    let city = toks.get(k + 1).filter(|t| t.is_capitalised())?;
    let after = toks
        .get(k + 2)
        .filter(|t| t.is_capitalised() && t.start == city.end() + 1);
    longest_country(
        clues,
        after.map(|t| format!("{} {}", city.text, t.stem())),
        city.stem(),
    )
}

/// Who speaks for a body, between its name and where it sits ("a Foreign
/// Ministry official in Tokyo").
const SPEAKERS: [&str; 7] = [
    "official",
    "officials",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "source",
    "sources",
];

/// The capitalised run (with connectors) that ends just before `end`.
/// A possessive is part of the name only right before `end` and not a
/// place ("People's Party"); otherwise it is the owner ("China's Commerce
/// Ministry", "Japan's Ministry of Finance"). "and" joins two capitalised
/// words only after "the" ("the Mines and Energy Ministry", not "Mr Smith
/// and Finance Ministry officials" or "the Bundesbank and Bank of Japan").
fn run_before<'a>(toks: &[Tok<'a>], end: usize, ctx: &Context<'_>, headed: bool) -> usize {
    let mut s = end;
    while s > 0 {
        let t = &toks[s - 1];
        // "Jeffrey Leeds of Chemical Bank", "Chairman of Abu Dhabi
        // Commercial Bank": a person named in the article or a title before
        // "of" is not part of a headed name ("First of America Bank" is).
        let joins = t.is_lower()
            && matches!(t.text, "of" | "for" | "de" | "e")
            // A head right after "of" opens a name of its own: "Keiichi
            // Udagawa of Bank of Tokyo" (but "First of America Bank").
            && s < end
            && s >= 2
            && toks[s - 2].is_capitalised()
            && !HEADS.contains(&toks[s - 2].text)
            && !(headed
                && ((ctx.clues.is_person)(toks[s - 2].stem())
                    || (ctx.clues.opens_title)(toks[s - 2].text, Some(t.text))));
        let and_joins = t.text == "and"
            && s >= 3
            && toks[s - 2].is_capitalised()
            && !toks[s - 2].is_possessive()
            && !(ctx.is_listed)(toks[s - 2].text)
            && matches!(toks[s - 3].text, "the" | "The");
        let owner = t.is_possessive() && (s < end || ctx.owner_at(toks, s - 1, headed));
        let named = (t.is_capitalised() || headed && is_acronym(t)) && !HEADS.contains(&t.stem());
        if (named && !owner) || joins || and_joins {
            s -= 1;
        } else {
            break;
        }
    }
    // never start on a connector, or on a sentence-initial article,
    // conjunction, preposition, number or qualifier ("But Bank of Japan",
    // "At Amro Bank", "Although Bank of Japan", "Two World Bank officials",
    // "Ruling Liberal Democratic Party officials"), nor on a qualifier
    // anywhere ("ahead of the Opposition Labour Party")
    while s < end
        && (toks[s].is_lower()
            || matches!(toks[s].text, "The" | "A" | "An")
            || super::tokens::is_hyphen_adjective(toks[s].text)
            || toks[s].sent_start && SENTENCE_OPENERS.contains(&toks[s].text)
            || QUALIFIERS.contains(&toks[s].text))
    {
        s += 1;
    }
    s
}

/// Capitalised only because they open the sentence, never the first word of
/// a body's name.
const SENTENCE_OPENERS: [&str; 27] = [
    "But", "And", "Or", "At", "In", "On", "For", "With", "As", "If", "By", "Although", "Though",
    "While", "When", "After", "Before", "Since", "Because", "Unless", "Until", "Two", "Three",
    "Four", "Five", "Several", "Both",
];

/// Capitalised in front of a body's name to say what it is now or was,
/// never its first word: "the Opposition Labour Party", "Former Chinese
/// Communist Party chief", "Senior Interior Ministry officials".
const QUALIFIERS: [&str; 5] = ["Former", "Ruling", "Opposition", "Governing", "Senior"];

/// An acronym in capitals, of any alphabet, that may open a bank's or a
/// party's name: "ING Bank", "VTB Bank", "İYİ Party".
fn is_acronym(t: &Tok<'_>) -> bool {
    t.word && (2..=5).contains(&t.text.chars().count()) && t.text.chars().all(char::is_uppercase)
}

fn join(toks: &[Tok<'_>], text_of: impl Fn(&Tok<'_>) -> String) -> String {
    toks.iter().map(text_of).collect::<Vec<_>>().join(" ")
}

/// "Long Name (LN)": the acronym's letters are the initials of the name's
/// capitalised parts (hyphenated parts count: Tehreek-e-Taliban Pakistan).
/// Gives each acronym with its name.
fn defined_acronyms<'t>(
    text: &'t str,
    toks: &[Tok<'t>],
    ctx: &Context<'_>,
) -> Vec<(&'t str, String)> {
    let mut out = Vec::new();
    // Only at the text's opening brackets, found by a byte search rather
    // than by visiting every token.
    for (at, _) in text.match_indices('(') {
        let i = toks.partition_point(|t| t.start < at);
        let bracketed = (1..toks.len().saturating_sub(2)).contains(&i)
            && toks[i].is('(')
            && toks[i + 2].is(')');
        if !bracketed {
            continue;
        }
        let acr = toks[i + 1].text;
        if !(2..=8).contains(&acr.len()) || !acr.chars().all(|c| c.is_ascii_uppercase()) {
            continue;
        }
        let start = run_before(toks, i, ctx, false);
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
                // "the United Arab Emirates (UAE)" is a country.
                if run[s..].len() >= 2 && !(ctx.clues.is_owner)(&name) {
                    out.push((acr, name));
                }
                break;
            }
        }
    }
    out
}

/// "Interior Ministry", "Ministry of Finance", "Pakistan Peoples Party",
/// "State Bank of Pakistan": each name with the byte span of its words.
fn headed_names(toks: &[Tok<'_>], ctx: &Context<'_>) -> Vec<((usize, usize), String)> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        let t = &toks[i];
        // (Every head is capitalised: the shape bit spares reading the
        // text of the other words.)
        let maybe_head = t.starts_upper() && matches!(t.text.as_bytes()[0], b'M' | b'P' | b'B');
        if !(maybe_head && HEADS.contains(&t.stem())) {
            i += 1;
            continue;
        }
        let start = run_before(toks, i, ctx, true);
        let mut end = i + 1;
        // "... of Finance", "... of the Interior"
        // "... Party for Freedom and Democracy"
        let party_for = toks[i].stem() == "Party" && toks.get(end).is_some_and(|t| t.text == "for");
        if party_for || toks.get(end).is_some_and(|t| t.text == "of") {
            let mut k = end + 1;
            if toks.get(k).is_some_and(|t| t.text == "the") {
                k += 1;
            }
            let obj_start = k;
            // A place's possessive ends the object: "Bank of Tokyo's
            // Kimura" is the Bank of Tokyo.
            // A person named in the article ends it too: "Bank of England
            // Robin Leigh-Pemberton".
            while toks.get(k).is_some_and(|t| {
                t.is_capitalised()
                    && !(ctx.clues.opens_title)(t.text, toks.get(k + 1).map(|n| n.text))
                    && !(k > obj_start && (ctx.clues.is_person)(t.stem()))
            }) {
                // "Federal Reserve Bank of St. Louis": the period of "St."
                // is inside the name.
                if toks[k].text == "St"
                    && toks.get(k + 1).is_some_and(|t| t.is('.'))
                    && toks.get(k + 2).is_some_and(Tok::is_capitalised)
                {
                    k += 2;
                }
                k += 1;
                if ctx.owner_at(toks, k - 1, true) {
                    break;
                }
            }
            if k > obj_start {
                end = k;
                // "Ministry of Water and Irrigation": one more capitalised
                // word after "and", alone (not "... and Prime Minister X"),
                // and not a body, place or person of its own. Only for
                // ministries and a party's "for": "Bank of Tokyo and
                // Citibank" are two banks.
                let second = toks.get(k + 1).filter(|t| {
                    (toks[i].stem() == "Ministry" || party_for)
                        && toks[k].text == "and"
                        && t.is_capitalised()
                        && !t.is_possessive()
                        && !(ctx.is_listed)(t.text)
                        && !(ctx.clues.is_owner)(t.text)
                });
                if second.is_some() && !toks.get(k + 2).is_some_and(|t| t.is_capitalised()) {
                    end = k + 2;
                }
            }
        }
        // "Central Bank and Trust Co" is a bank's whole name.
        if end == i + 1
            && toks[i].text == "Bank"
            && toks.get(end).is_some_and(|t| t.text == "and")
            && toks.get(end + 1).is_some_and(|t| t.text == "Trust")
        {
            end += 2;
        }
        // "Algemene Bank Nederland NV": one word between the head and a
        // legal form is the name's last word.
        if end == i + 1
            && toks.get(end).is_some_and(|t| {
                t.is_capitalised()
                    && !t.is_possessive()
                    && !is_legal_form(t.text)
                    && !(ctx.clues.names_body)(t.text)
                    && !(ctx.clues.opens_title)(t.text, toks.get(end + 1).map(|n| n.text))
            })
            && toks.get(end + 1).is_some_and(|t| is_legal_form(t.text))
        {
            end += 1;
        }
        // "Swiss Bank Corp" is a firm's name, not a Swiss bank; "Bank of
        // Tokyo Ltd" is the Bank of Tokyo.
        // "the Association of Bank Holding Companies", "the Federal Home
        // Loan Bank Board": a head followed by another body word is no head
        // (but "Deutsche Bank Capital Corp" names Deutsche Bank's unit).
        let modifies = end == i + 1
            && !toks[i].is_possessive()
            && toks.get(end).is_some_and(|t| {
                t.is_capitalised()
                    && !matches!(t.text, "Corp" | "Corporation")
                    && !is_legal_form(t.text)
                    && !SUBSIDIARY_WORDS.contains(&t.text)
                    && !(ctx.clues.opens_title)(t.text, toks.get(end + 1).map(|n| n.text))
                    && (ctx.clues.names_body)(t.text)
            });
        if modifies {
            i = end;
            continue;
        }
        if end == i + 1
            && toks
                .get(end)
                .is_some_and(|t| matches!(t.text, "Corp" | "Corporation"))
        {
            end += 1;
        } else {
            while end > i + 2 && is_legal_form(toks[end - 1].text) {
                end -= 1;
            }
        }
        // Two words at a sentence's start only when the first is
        // capitalised wherever it stands: "Bangladesh Bank, the central
        // bank, said", "VTB Bank said" (not "Local Bank officials").
        let proper = |t: &Tok<'_>| is_acronym(t) || (ctx.clues.qualifies_body)(t.text);
        if end - start >= 2 && (!toks[start].sent_start || proper(&toks[start])) || end - start >= 3
        {
            // Possessives inside the name stay ("People's Party", "Ministry
            // of Women's Affairs"); the last word loses one.
            let last = end - 1;
            out.push((
                (toks[start].start, toks[last].end()),
                toks[start..end]
                    .iter()
                    .enumerate()
                    .map(|(k, t)| if start + k == last { t.stem() } else { t.text })
                    .collect::<Vec<_>>()
                    .join(" ")
                    .replace(" . ", ". "),
            ));
        }
        i = end;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A gazetteer match starts only at a capital, a digit or a hyphen
    /// (`tokens::Gazetteer::matches`), so a form that opens in lower case
    /// ("al-Qaeda") is found in text only through a form of the same row
    /// that is its capitalised rest ("Qaeda"): every such form has one.
    #[test]
    fn every_lower_case_form_has_its_capitalised_rest() {
        let text = lexicon::file("orgs.tsv");
        for (name, forms, _) in rows(&text).filter_map(body_row) {
            for f in forms.iter().filter(|f| f.starts_with(char::is_lowercase)) {
                let found = forms.iter().any(|g| {
                    g.starts_with(char::is_uppercase)
                        && f.strip_suffix(g.as_str())
                            .is_some_and(|head| head.ends_with([' ', '-']))
                });
                assert!(found, "{name}: no alias finds {f:?} in lower case");
            }
        }
    }

    #[test]
    fn misspelt_listed_bodies() {
        let o = Orgs::load();
        let named = |n: &str| {
            o.misspelt(&lexicon::fold(n), None)
                .map(|b| o.names[b as usize].clone())
        };
        assert_eq!(named("Bank of Enlgand").as_deref(), Some("Bank of England"));
        assert_eq!(
            named("Commodity Futures Trading Commmission").as_deref(),
            Some("Commodity Futures Trading Commission")
        );
        // Too short to tell a slip from another name; and two edits.
        assert_eq!(named("Bundesbnak"), None);
        assert_eq!(named("Bank of Englund Group"), None);
    }

    proptest::proptest! {
        /// The one-pass key is the plain definition: fold, "&" as " and ",
        /// drop hyphens, periods and apostrophes, read "isation" as
        /// "ization", split at white space, shorten a closing "corporation"
        /// or "company", join with spaces.
        #[test]
        fn spelling_key_is_its_definition(
            v in "(Co|Corp|Company|Corporation|[A-Za-zé]{1,4}|[ &.'-]{1,2}){0,6}"
        ) {
            let folded = lexicon::fold(&v).replace('&', " and ");
            let kept: String = folded
                .chars()
                .filter(|c| !matches!(c, '-' | '.' | '\'' | '\u{2019}'))
                .collect();
            let kept = kept.replace("isation", "ization");
            let mut words: Vec<&str> = kept.split_whitespace().collect();
            if let Some(last) = words.last_mut() {
                *last = match *last {
                    "corporation" => "corp",
                    "company" => "co",
                    w => w,
                };
            }
            proptest::prop_assert_eq!(spelling_key(&v), ministry_last(words.join(" ")));
        }
    }

    #[test]
    fn spelling_keys() {
        for (a, b) in [
            ("Swiss Bank Corp", "swiss bank corp"),
            ("Swiss Bank Corporation", "swiss bank corp"),
            (
                "Inter-American Development Bank",
                "interamerican development bank",
            ),
            ("Gulf Co-operation Council", "gulf cooperation council"),
            (
                "International Coffee Organisation",
                "international coffee organization",
            ),
            ("AT&T", "at and t"),
            ("Procter & Gamble Company", "procter and gamble co"),
            ("  Lloyd's   Bank ", "lloyds bank"),
            ("Ministry of the Interior", "interior ministry"),
            ("Ministry of Finance (Japan)", "finance ministry (japan)"),
            (
                "Ministry of Economic Affairs (Taiwan)",
                "economy ministry (taiwan)",
            ),
            ("Economics Ministry", "economy ministry"),
            (
                "Posts and Telecommunications Ministry (Japan)",
                "post and telecommunications ministry (japan)",
            ),
            ("Foreign Affairs Ministry", "foreign ministry"),
            ("Defense Ministry (Greece)", "defence ministry (greece)"),
            ("Economic Development Bank", "economic development bank"),
            ("Ministry of ", "ministry of"),
            ("Dai-Ichi Kangyo Bank", "daiichi kangyo bank"),
            ("Crédit Lyonnais", "credit lyonnais"),
            ("Corporation", "corp"),
            ("- & -", "and"),
            ("", ""),
        ] {
            assert_eq!(spelling_key(a), b, "{a}");
        }
    }
    use crate::entities::tokens::tokenize;

    fn orgs(text: &str) -> Vec<String> {
        let mut out = Vec::new();
        let toks = tokenize(text, &|_| false);
        let owners = |w: &str| {
            matches!(
                w,
                "Japan" | "Tokyo" | "Saudi Arabia" | "United Arab Emirates"
            )
        };
        let titles = |w: &str, next: Option<&str>| {
            matches!(w, "Governor" | "Chairman" | "Deputy")
                || w == "Prime" && next == Some("Minister")
        };
        let o = Orgs::load();
        let lex = crate::entities::persons::PersonLexicon::load();
        o.extract(
            text,
            &toks,
            &o.listed(
                text,
                &toks,
                None,
                &ticker_roots(text, &angle_tags(text)).collect::<Vec<_>>(),
            ),
            &Clues {
                is_owner: &owners,
                is_person: &|w| w == "Leeds",
                opens_title: &titles,
                names_thing: &|w| lex.names_thing(w),
                names_body: &|w| lex.is_org_word(w),
                qualifies_body: &|w| matches!(w, "Japan" | "Tokyo" | "German" | "Dallas"),
                country_of: &|w| match w {
                    "Japan" | "Japanese" | "Tokyo" | "TOKYO" => Some("Japan".to_string()),
                    "Saudi Arabia" => Some("Saudi Arabia".to_string()),
                    "West German" => Some("West Germany".to_string()),
                    "American" => Some("United States".to_string()),
                    "U.K." => Some("United Kingdom".to_string()),
                    _ => None,
                },
                has_government_bodies: &|c, _| c != "United States",
            },
            None,
            &mut out,
        );
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
    fn a_title_ends_a_name_and_a_country_is_no_body() {
        let o = orgs(
            "He met Prime Minister Taro Ikeda and Bank of Japan Governor Kenji Mori on Friday.",
        );
        assert_eq!(o, ["Bank of Japan"]);
        let o =
            orgs("It was a defeat for the Social Democratic Party of Prime Minister Sami Koski.");
        assert_eq!(o, ["Social Democratic Party"]);
        let o =
            orgs("Trade between Oman, Qatar and the United Arab Emirates (UAE) grew last year.");
        assert!(o.is_empty(), "{o:?}");
    }

    #[test]
    fn government_bodies_get_their_country_where_the_text_gives_it() {
        for (text, want) in [
            (
                "the Japanese Finance Ministry said",
                "Finance Ministry (Japan)",
            ),
            (
                "the West German Ministry of Agriculture said",
                "Ministry of Agriculture (West Germany)",
            ),
            (
                "officials of the Tokyo Transport Ministry",
                "Transport Ministry (Japan)",
            ),
            (
                "a spokeswoman for the Defence Ministry in Tokyo said",
                "Defence Ministry (Japan)",
            ),
            (
                "He met them. In Tokyo, Foreign Ministry spokesman Ito said",
                "Foreign Ministry (Japan)",
            ),
            (
                "A Foreign Ministry official in Tokyo said it would help",
                "Foreign Ministry (Japan)",
            ),
            (
                "an official of the Japanese ruling Liberal Democratic Party said",
                "Liberal Democratic Party (Japan)",
            ),
            (
                "the U.K. Ministry of Agriculture said",
                "Ministry of Agriculture (United Kingdom)",
            ),
            ("the Japanese Central Bank said", "Central Bank (Japan)"),
            ("the Japanese Reserve Bank said", "Reserve Bank (Japan)"),
            ("the Japanese National Bank said", "National Bank (Japan)"),
            ("the National Bank of Japan said", "National Bank (Japan)"),
            // Not in a country without such bodies: a commercial bank.
            ("the American National Bank said", "American National Bank"),
            (
                "Japan's Deputy Central Bank Governor Ito said",
                "Central Bank (Japan)",
            ),
            // A party of shared words likewise.
            (
                "the Japanese Communist Party said",
                "Communist Party (Japan)",
            ),
            (
                "Japan's ruling Liberal Democratic Party said",
                "Liberal Democratic Party (Japan)",
            ),
            (
                "the Social Democratic Party of Japan said",
                "Social Democratic Party (Japan)",
            ),
            (
                "the American Communist Party said",
                "Communist Party (United States)",
            ),
            // A roundup item's own dateline.
            (
                "Roundup.\n\nTOKYO - The Labour Party said",
                "Labour Party (Japan)",
            ),
            // No country given: left for the article's (below). A seat
            // that closes the clause before gives none.
            ("the Interior Ministry said", "Interior Ministry"),
            (
                "the pact reached in Tokyo, Finance Ministry sources said",
                "Finance Ministry",
            ),
            ("the Labour Party said", "Labour Party"),
            // Not a government body nor a party of shared words: no country.
            ("the Japanese Farmers Party said", "Japanese Farmers Party"),
            ("the Japan Harbour Party said", "Japan Harbour Party"),
        ] {
            assert_eq!(orgs(text), [want], "{text}");
        }
    }

    #[test]
    fn bare_government_bodies_take_the_articles_country() {
        let no_place = |_: &str| false;
        let mut o: Vec<String> = [
            "Finance Ministry",
            "Ministry of Finance (Japan)",
            "Foreign Ministry",
            "Central Bank of Kenya",
        ]
        .map(String::from)
        .to_vec();
        let peru = |_: &str| Some("Peru");
        let nowhere = |_: &str| None;
        let needs_country = |o: &str| Orgs::load().needs_country(o);
        place_bare_bodies(&mut o, &needs_country, &peru, &no_place);
        // The finance ministry is Japan's, named so elsewhere: counted once.
        assert_eq!(
            o,
            [
                "Ministry of Finance (Japan)",
                "Foreign Ministry (Peru)",
                "Central Bank of Kenya"
            ]
        );
        let mut o = vec![
            "Foreign Ministry".to_string(),
            "Korean Finance Ministry".to_string(),
        ];
        place_bare_bodies(&mut o, &needs_country, &nowhere, &no_place);
        assert_eq!(o, ["Foreign Ministry", "Korean Finance Ministry"]);
        place_bare_bodies(&mut o, &needs_country, &peru, &|w| w == "Korean");
        assert_eq!(o, ["Foreign Ministry (Peru)", "Korean Finance Ministry"]);
        // A party's home may differ from a ministry's (a Washington story's
        // ministries are foreign, its parties American).
        let mut o = vec![
            "Finance Ministry".to_string(),
            "Democratic Party".to_string(),
            "Workers Party of Kent".to_string(),
        ];
        let home = |o: &str| (!is_government_body(o)).then_some("United States");
        place_bare_bodies(&mut o, &needs_country, &home, &no_place);
        assert_eq!(
            o,
            [
                "Finance Ministry",
                "Democratic Party (United States)",
                "Workers Party of Kent"
            ]
        );
    }

    #[test]
    fn possessives_and_joined_names() {
        let o = orgs("Japan's Finance Ministry and the People's Party met officials of the Bank of Tokyo's branch and the Mines and Energy Ministry.");
        for name in [
            "Finance Ministry (Japan)",
            "People's Party",
            "Bank of Tokyo",
            "Mines and Energy Ministry",
        ] {
            assert!(o.contains(&name.to_string()), "{name}: {o:?}");
        }
        assert_eq!(o.len(), 4, "{o:?}");
        let o = orgs("a meeting of the Bundesbank and Bank of Japan officials.");
        assert_eq!(o, ["Bundesbank", "Bank of Japan"]);
        let o = orgs("a loan from Saudi Arabia's Ministry of Finance and Economy.");
        assert_eq!(o, ["Ministry of Finance and Economy (Saudi Arabia)"]);
        // A firm's possessive owns what follows; a body's own possessive
        // before its acronym does not.
        let o = orgs("Harlan Corp's Bank of Lakeland unit sold loans to Bank of Westmark Corp's leasing arm, and the Prairie Grain Board's (PGB) sales rose, said the Farm Workers' Party.");
        assert_eq!(
            o,
            [
                "Prairie Grain Board",
                "Bank of Lakeland",
                "Bank of Westmark Corp",
                "Farm Workers' Party"
            ]
        );
    }

    #[test]
    fn saint_keeps_its_period_inside_a_name() {
        let o = orgs("The First Farmers Bank of St. Clement said rates rose.");
        assert_eq!(o, ["First Farmers Bank of St. Clement"]);
    }

    #[test]
    fn legal_forms_close_a_name() {
        let o = orgs("shares of Alpine Bank Corp rose, and the Bank of Lakeland Co Ltd said so.");
        assert_eq!(o, ["Alpine Bank Corp", "Bank of Lakeland"]);
    }

    #[test]
    fn a_head_before_another_body_word_is_no_head() {
        let o = orgs("the Association of Bank Holding Companies and the Veldt Bank Board met, Harlan Bank International Ltd rose, and so did Marden Bank GmbH.");
        assert_eq!(o, ["Harlan Bank", "Marden Bank"]);
    }

    #[test]
    fn a_person_ends_the_object_of_a_name() {
        // "Leeds" is a person of the article in these tests.
        let o = orgs("the governor of the Bank of Calder Leeds said on Monday.");
        assert_eq!(o, ["Bank of Calder"]);
    }

    #[test]
    fn a_defined_agreement_or_tax_is_no_body() {
        let o = orgs("The Northern Grain Accord (NGA) was signed by the Northern Grain Council (NGC), which opposes the Harbour Levy Tax (HLT), the Coastal Fisheries Policy (CFP) and the Rural Export Assistance (REA) payments.");
        assert_eq!(o, ["Northern Grain Council"]);
    }

    #[test]
    fn a_person_title_or_opening_word_is_no_part_of_a_name() {
        let o = orgs("Prices held, said Jeffrey Leeds of Chemical Bank. But Crown Bank of Perth disagreed, and the Chairman of Sutter Valley Bank and the First of Ohio Bank agreed. Toshiro Kanemura of Bank of Harbour City expects a rise.");
        assert_eq!(
            o,
            [
                "Chemical Bank",
                "Crown Bank of Perth",
                "Sutter Valley Bank",
                "First of Ohio Bank",
                "Bank of Harbour City"
            ]
        );
    }

    #[test]
    fn one_word_between_the_head_and_a_legal_form_ends_the_name() {
        let o = orgs("Veldhoven Bank Nederland N.V. led the loan, with Kessel Bank Zurich AG and Greenway Bank Holdings Ltd.");
        // (A body word there names the bank's unit: "Greenway Bank".)
        assert_eq!(
            o,
            [
                "Veldhoven Bank Nederland",
                "Kessel Bank Zurich",
                "Greenway Bank"
            ]
        );
    }

    #[test]
    fn a_qualifier_in_front_is_no_part_of_a_name() {
        let o = orgs("Polls put the Greens ahead of the Opposition Unity Party, Former Harbour Party chief Ann Lowe said, while Senior Water Ministry officials kept quiet.");
        assert_eq!(o, ["Unity Party", "Harbour Party", "Water Ministry"]);
    }

    #[test]
    fn a_listed_body_with_a_place_or_number_in_front_is_that_body() {
        // (But a place in front of "Bank of ..." names another bank, not the
        // listed one as well.)
        let o = orgs("Two World Bank officials met the Dallas World Bank team at the Dallas Bank of England office.");
        assert_eq!(o, ["World Bank", "Dallas Bank of England"]);
    }

    #[test]
    fn an_acronym_the_article_defines_is_its_body() {
        let o = orgs("Envoys of the Rapid Support Forces (RSF) met. An RSF adviser said so.");
        assert_eq!(o, ["Rapid Support Forces"]);
        // Defined for the listed body, or spelt another way: the listed body.
        let o = orgs("The Federal Deposit Insurance Corp (FDIC) said the FDIC would pay.");
        assert_eq!(o, ["Federal Deposit Insurance Corporation"]);
    }

    #[test]
    fn a_party_for_something_is_one_name() {
        let o = orgs("Votes for the Harbour Party for Freedom and Democracy rose, and the Party for Fisheries gained.");
        assert_eq!(
            o,
            [
                "Harbour Party for Freedom and Democracy",
                "Party for Fisheries"
            ]
        );
        // Only a party's: "the Bank for Crafts" stops at its head.
        let o = orgs("a loan from the Veldt Bank for Crafts and Trades");
        assert_eq!(o, ["Veldt Bank"]);
    }

    #[test]
    fn ordinary_phrases_are_not_orgs() {
        assert!(orgs("The party was over and the bank was shut.").is_empty());
    }
}

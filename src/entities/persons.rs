//! Persons: names found from several kinds of evidence at once.
//!
//! A candidate is a run of capitalised words, joined by name particles
//! (al-, bin, van, de; "Ben" and "Abdul" also open a name), initials ("W.",
//! "A.W.") and suffixes ("Jr."). Leading titles and nationalities are
//! peeled off ("Pakistani Defence Minister Khawaja Asif" -> "Khawaja
//! Asif") and remembered as evidence. A run is a person
//! when it has two or more name words and at least one of: a known given
//! name, a title or role before it (also in lower case: "Taliban spokesman
//! Zabihullah Mujahid"), an apposition ("Attaullah Tarar, the information
//! minister," or "The Information Minister, Attaullah Tarar,"), or a verb of
//! attribution ("said", "according to"). Runs that hold an organisation,
//! place or event word, a country, a month or another never-a-name word are
//! rejected. Single words are mentions: they resolve to a full name in the
//! same article ("Erdogan" -> "Recep Tayyip Erdogan"), and stand alone only
//! with a title ("Mr Haddad").

use super::countries::Countries;
use super::orgs::Listed;
use super::tokens::Tok;
use crate::lexicon::{self, fold, items, rows, WordTable};
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum TitleKind {
    /// Mr, Dr, Sheikh: a name follows.
    Honorific,
    /// President, Minister, spokesman: an office.
    Role,
    /// Prime, Deputy, Foreign: qualifies a role.
    Modifier,
    /// Major, Prince, Father: a title at the head of a run, an ordinary
    /// name word inside one ("John Major").
    Weak,
}

/// Word lists from `schema/`, folded for lookup.
pub struct PersonLexicon {
    /// Folded word to what the lists say about it ([`GIVEN`], [`ROLE`], …):
    /// one probe answers every question name finding asks about a word.
    words: WordTable<u16>,
    /// Case-sensitive words that make a run an organisation, place or event.
    org_words: HashSet<String>,
    /// Folded organisation words that also close a longer word as an
    /// organisation ("Microsystems"): `compound` in `schema/org-words.tsv`.
    compound_heads: Vec<String>,
    /// Folded variant to canonical name, from `schema/person-aliases.tsv`.
    aliases: HashMap<String, String>,
    /// Syllables of romanised Chinese, Korean and Vietnamese given names
    /// (`schema/romanised-syllables.txt`).
    syllables: WordTable<()>,
    /// Folded words of kind `media` or `concept` in `schema/org-words.tsv`
    /// (so all of them [`ORG_HEAD`] too): in lower case right after a name
    /// ("the Business Day newspaper", "Bonny Light crude") they make it a
    /// paper's or a product's. The value is true for a publication noun
    /// (`publication` there), which also does so right before a name or in
    /// its apposition ("the daily Les Echos", "Wen Wei Po, a Hong Kong
    /// daily,"). (Not `event`: a person makes a statement or a plan, "OPEC
    /// President Rilwanu Lukman statement".)
    thing_nouns: WordTable<bool>,
    /// Folded firm nouns (`before-name` in `schema/org-words.tsv`): in lower
    /// case right before a name they make it the firm's ("its subsidiary
    /// Volvo Flygmotor", "the unit Quest Blood Substitute").
    firm_nouns: WordTable<()>,
    /// Units of a ship's size after its name and a number ("Majestic Pride
    /// 45,000 tons"): rows marked `after` in `schema/vessels.txt`.
    tonnage: WordTable<()>,
    /// Folded name prefixes without their hyphen or apostrophe ("al" of
    /// "al-", "d" of "d'"): `schema/name-particles.txt` entries ending so.
    prefixes: WordTable<()>,
    /// Weak titles that are mostly given names before a lone surname
    /// ("Dean Rusk"): `given-title` rows of `schema/titles.tsv`.
    given_titles: WordTable<()>,
    /// Folded roles and honorifics of [`MISSPELT_TITLE_LEN`] letters or
    /// more, for [`PersonLexicon::misspelt_title`].
    long_titles: Vec<String>,
}

/// The shortest title a misspelling is recognised of: one edit turns many
/// shorter words into titles ("Bowler" is one from "Fowler").
const MISSPELT_TITLE_LEN: usize = 7;

/// A given name (and not on the never-a-name list).
const GIVEN: u16 = 1;
/// Never part of a person's name.
const NOT_PERSON: u16 = 1 << 1;
/// A name particle: al, bin, van, de.
const PARTICLE: u16 = 1 << 2;
/// A name suffix: Jr, III.
const SUFFIX: u16 = 1 << 3;
/// A verb of attribution: said, told.
const ATTRIBUTION: u16 = 1 << 4;
/// An organisation, place or event word, as a lower-case head after a name
/// ("Haqqani network").
const ORG_HEAD: u16 = 1 << 5;
const HONORIFIC: u16 = 1 << 6;
const ROLE: u16 = 1 << 7;
const MODIFIER: u16 = 1 << 8;
const WEAK: u16 = 1 << 9;
/// A family name of a tradition that writes it first: Wang, Kim, Nguyen.
const FAMILY: u16 = 1 << 10;
/// A family name that is also a word or opens a place name (Park, Sun,
/// Hong): only a hyphenated or several-word given name may follow.
const FAMILY_WORD: u16 = 1 << 11;
/// A particle that is also a given name ("Ben", "Al"): the first name word
/// when it opens a capitalised run.
const GIVEN_PARTICLE: u16 = 1 << 12;
/// A given particle that confirms nothing by itself ("Al Jazeera").
const WEAK_GIVEN: u16 = 1 << 13;
/// A noun for a ship: the name after it is the ship's ("the freighter
/// Nikolay Kuznetsov").
const VESSEL: u16 = 1 << 14;
/// An organisation word that names a thing, not a body: an agreement, an
/// index, a tax (kinds `event` and `concept`).
const THING: u16 = 1 << 15;
const TITLE: u16 = HONORIFIC | ROLE | MODIFIER | WEAK;

/// The title kind of a word's title bits.
fn title_kind(bits: u16) -> Option<TitleKind> {
    match bits & TITLE {
        HONORIFIC => Some(TitleKind::Honorific),
        ROLE => Some(TitleKind::Role),
        MODIFIER => Some(TitleKind::Modifier),
        WEAK => Some(TitleKind::Weak),
        _ => None,
    }
}

impl PersonLexicon {
    pub fn load() -> PersonLexicon {
        let mut words: WordTable<u16> = WordTable::default();
        let mut given_titles = WordTable::default();
        let first_col = |name: &str| -> Vec<String> {
            rows(&lexicon::file(name))
                .map(|l| fold(l.split('\t').next().unwrap_or("").trim()))
                .collect()
        };
        for row in rows(&lexicon::file("titles.tsv")) {
            let mut cols = row.split('\t');
            let (Some(word), Some(kind)) = (cols.next(), cols.next()) else {
                continue;
            };
            let kind = match kind.trim() {
                "honorific" => HONORIFIC,
                "role" => ROLE,
                "modifier" => MODIFIER,
                "weak-honorific" | "weak-role" => WEAK,
                "given-title" => {
                    *given_titles.entry(&fold(word.trim())) = ();
                    WEAK
                }
                _ => continue,
            };
            // A later row for the same word replaces the kind.
            let bits = words.entry(&fold(word.trim()));
            *bits = (*bits & !TITLE) | kind;
            // "Vice-Premier", "Deputy-Governor", "Co-Chairman",
            // "Chairman-elect": a role written with a hyphenated prefix or
            // suffix is the same role.
            if kind == ROLE && !word.contains('-') {
                let word = word.trim();
                let prefixed = ROLE_PREFIXES.iter().map(|p| format!("{p}-{word}"));
                let suffixed = ROLE_SUFFIXES.iter().map(|s| format!("{word}-{s}"));
                for form in prefixed.chain(suffixed) {
                    let bits = words.entry(&fold(&form));
                    if *bits & TITLE == 0 {
                        *bits |= ROLE;
                    }
                }
            }
        }
        let mut org_words = HashSet::default();
        let mut org_heads = Vec::new();
        let mut compound_heads = Vec::new();
        let mut things = Vec::new();
        let mut thing_nouns = WordTable::default();
        let mut firm_nouns = WordTable::default();
        let (mut vessels, mut tonnage) = (Vec::new(), WordTable::default());
        for row in rows(&lexicon::file("vessels.txt")) {
            match row.split_once('\t') {
                Some((unit, "after")) => *tonnage.entry(&fold(unit.trim())) = (),
                _ => vessels.push(fold(row.trim())),
            }
        }
        for row in rows(&lexicon::file("org-words.tsv")) {
            let mut cols = row.split('\t');
            let word = cols.next().unwrap_or("").trim();
            let kind = cols.next().unwrap_or("").trim();
            if kind == "weak" || word.is_empty() {
                continue;
            }
            org_words.insert(word.to_string());
            org_heads.push(fold(word));
            if matches!(kind, "event" | "concept") {
                things.push(fold(word));
            }
            if matches!(kind, "media" | "concept") {
                thing_nouns.entry(&fold(word));
            }
            match cols.next().map(str::trim) {
                Some("compound") => compound_heads.push(fold(word)),
                Some("publication") => *thing_nouns.entry(&fold(word)) = true,
                Some("before-name") => *firm_nouns.entry(&fold(word)) = (),
                _ => {}
            }
        }
        let mut particles = Vec::new();
        let mut prefixes = WordTable::default();
        let mut given_particles = Vec::new();
        let mut weak_given_particles = Vec::new();
        let mut suffixes = Vec::new();
        let mut section = "# particles";
        for line in lexicon::file("name-particles.txt").lines() {
            let l = line.trim();
            if l.starts_with('#') {
                if matches!(l, "# particles" | "# given particles" | "# suffixes") {
                    section = l;
                }
                continue;
            }
            if l.is_empty() {
                continue;
            }
            match section {
                "# suffixes" => suffixes.push(fold(l).trim_end_matches('.').to_string()),
                "# given particles" => {
                    let (word, flag) = l.split_once('\t').unwrap_or((l, ""));
                    let word = fold(word.trim());
                    if flag.trim() == "evidence" {
                        weak_given_particles.push(word.clone());
                    }
                    given_particles.push(word);
                }
                // A prefix ("at-", "d'") joins only as a prefix: "at" and
                // "as" alone are English words ("the Court of Justice at The
                // Hague"), unless listed as words too ("al", "bin").
                _ if l.ends_with(['-', '\'']) => {
                    *prefixes.entry(&fold(l.trim_end_matches(['-', '\'']))) = ();
                }
                _ => particles.push(fold(l)),
            }
        }
        for (list, bit) in [
            (org_heads, ORG_HEAD),
            (things, THING),
            (particles, PARTICLE),
            (given_particles, GIVEN_PARTICLE),
            (weak_given_particles, WEAK_GIVEN),
            (suffixes, SUFFIX),
            (first_col("attribution.txt"), ATTRIBUTION),
            (vessels, VESSEL),
            (first_col("not-person.txt"), NOT_PERSON),
            (first_col("given-names.txt"), GIVEN),
            (first_col("given-names-world.txt"), GIVEN),
            (first_col("family-names.tsv"), FAMILY),
        ] {
            for w in list {
                *words.entry(&w) |= bit;
            }
        }
        // A word on the never-a-name list is no given name either.
        for bits in words.values_mut() {
            if *bits & NOT_PERSON != 0 {
                *bits &= !GIVEN;
            }
        }
        let mut aliases = HashMap::default();
        for row in rows(&lexicon::file("person-aliases.tsv")) {
            let mut cols = row.split('\t');
            let canonical = cols.next().unwrap_or("").trim();
            for v in cols
                .next()
                .map(|c| items(c).collect::<Vec<_>>())
                .unwrap_or_default()
            {
                aliases.insert(fold(v), canonical.to_string());
            }
        }
        for row in rows(&lexicon::file("family-names.tsv")) {
            if let Some((name, "word")) = row.split_once('\t').map(|(n, w)| (n, w.trim())) {
                *words.entry(&fold(name.trim())) |= FAMILY_WORD;
            }
        }
        let mut syllables = WordTable::default();
        for s in first_col("romanised-syllables.txt") {
            syllables.entry(&s);
        }
        let long_titles = rows(&lexicon::file("titles.tsv"))
            .filter_map(|r| {
                let (word, kind) = r.split_once('\t')?;
                let word = fold(word.trim());
                let kind = kind.split('\t').next()?.trim();
                (matches!(kind, "role" | "honorific")
                    && word.chars().count() >= MISSPELT_TITLE_LEN
                    && word.chars().all(char::is_alphabetic))
                .then_some(word)
            })
            .collect();
        PersonLexicon {
            words,
            org_words,
            compound_heads,
            aliases,
            syllables,
            thing_nouns,
            firm_nouns,
            tonnage,
            prefixes,
            given_titles,
            long_titles,
        }
    }

    /// Whether a word that no list knows is a role or honorific of seven
    /// letters or more with one letter wrong, missing, extra or swapped:
    /// wire copy has "Secertary", "Represenative", "Dirctor", "Miniister".
    fn misspelt_title(&self, word: &str) -> bool {
        // ASCII only, lower-cased on the stack: no allocation on the way.
        let mut buf = [0u8; 32];
        let b = word.as_bytes();
        if b.len() + 1 < MISSPELT_TITLE_LEN || b.len() > buf.len() || !word.is_ascii() {
            return false;
        }
        let w = &mut buf[..b.len()];
        w.copy_from_slice(b);
        w.make_ascii_lowercase();
        self.long_titles
            .iter()
            .any(|t| lexicon::one_edit_apart(w, t.as_bytes()))
    }

    /// What the word lists say about a word, in any case.
    fn info(&self, word: &str) -> u16 {
        self.words.get_folded(word).copied().unwrap_or(0)
    }

    /// Whether a word opens a hyphenated or elided name word ("al" of
    /// "al-Mansouri", "d" of "d'Estaing"): a prefix, or a particle.
    fn is_prefix(&self, word: &str) -> bool {
        self.prefixes.get_folded(word).is_some() || self.is(PARTICLE, word)
    }

    /// Whether the word lists give a word any of `bits`.
    fn is(&self, bits: u16, word: &str) -> bool {
        self.info(word) & bits != 0
    }

    /// Whether a word opens a person's title: an office or an honorific
    /// ("Governor", "Mr"), or a word that qualifies the office after it
    /// ("Prime Minister"; "Foreign" alone, as in "Ministry of Foreign
    /// Affairs", does not).
    pub fn opens_title(&self, word: &str, next: Option<&str>) -> bool {
        let office =
            |w: &str| matches!(self.title(w), Some(TitleKind::Role | TitleKind::Honorific));
        match self.title(word) {
            Some(TitleKind::Role | TitleKind::Honorific) => true,
            Some(TitleKind::Modifier) => {
                next.is_some_and(|n| n.starts_with(char::is_uppercase) && office(n))
            }
            _ => false,
        }
    }

    fn title(&self, word: &str) -> Option<TitleKind> {
        let trimmed = word.trim_end_matches('.');
        let mut bits = self.info(trimmed) & TITLE;
        if bits == 0 && trimmed.len() != word.len() {
            bits = self.info(word) & TITLE;
        }
        title_kind(bits)
    }

    /// Whether the words after a family name make a romanised given name:
    /// one word of two or three syllables ("Chenxi", "Ziyang"), a
    /// hyphenated pair ("Hyun-woo"), or two or three words of one syllable
    /// each ("Jong Un", "Thi Thu Ha"). See `schema/romanised-syllables.txt`.
    /// After a family name that is also a word (`word_family`: "Park",
    /// "Sun"), a single unhyphenated word never counts ("Park Lane").
    fn romanised_given(&self, words: &[&str], word_family: bool) -> bool {
        let one = |w: &str| self.syllables.get_folded(w).is_some();
        match words {
            [w] => match w.split_once('-') {
                Some((a, b)) => one(a) && one(b),
                None => !word_family && (2..=3).contains(&self.syllable_count(w).unwrap_or(0)),
            },
            ws if (2..=3).contains(&ws.len()) => ws.iter().all(|w| one(w)),
            _ => false,
        }
    }

    /// The fewest syllables `word` splits into, if it splits at all. A
    /// syllable that opens with a vowel may only open the word (pinyin
    /// writes "Xi'an" for xi + an), so "Asia" is not a + si + a.
    fn syllable_count(&self, word: &str) -> Option<usize> {
        let w = fold(word);
        let b = w.as_bytes();
        if !w.is_ascii() || b.len() > 18 {
            return None;
        }
        // best[i]: fewest syllables covering b[..i].
        let mut best = vec![usize::MAX; b.len() + 1];
        best[0] = 0;
        for i in 0..b.len() {
            if best[i] == usize::MAX || (i > 0 && b"aeiou".contains(&b[i])) {
                continue;
            }
            for j in i + 1..=b.len().min(i + 6) {
                if best[i] + 1 < best[j] && self.syllables.get(&w[i..j]).is_some() {
                    best[j] = best[i] + 1;
                }
            }
        }
        (best[b.len()] != usize::MAX).then_some(best[b.len()])
    }

    /// Whether a word, in any case, marks a body, not a thing such as an
    /// agreement or an index (`schema/org-words.tsv`: "Ltd", "CORP", "Bank";
    /// not "Agreement", "INDEX").
    pub fn is_org_word(&self, word: &str) -> bool {
        self.words
            .get_folded(word)
            .is_some_and(|&bits| bits & (ORG_HEAD | THING) == ORG_HEAD)
    }

    /// Whether a word ends the name of a thing, not a body: an agreement,
    /// an index, a tax (kinds `event` and `concept` of
    /// `schema/org-words.tsv`).
    pub fn names_thing(&self, word: &str) -> bool {
        self.is(THING, word)
    }

    /// A word closed by an organisation word after a lower-case letter:
    /// "Microsystems", "Petrochemicals".
    fn is_compound_org(&self, word: &str) -> bool {
        let b = word.as_bytes();
        b.len() >= 8
            && self.compound_heads.iter().any(|h| {
                b.len() > h.len() + 1
                    && b[b.len() - h.len() - 1].is_ascii_lowercase()
                    && b[b.len() - h.len()..].eq_ignore_ascii_case(h.as_bytes())
            })
    }

    /// Abbreviations whose period does not end a sentence.
    pub fn keeps_sentence(&self, word: &str) -> bool {
        // One lookup serves the title and the suffix (the tokenizer asks
        // at every period); only a word with its own period needs `title`'s
        // second look.
        let bits = self.info(word);
        let title = match word.ends_with('.') {
            true => self.title(word),
            false => title_kind(bits & TITLE),
        };
        matches!(title, Some(TitleKind::Honorific | TitleKind::Role))
            || bits & SUFFIX != 0
            || matches!(
                word,
                "St" | "U.S"
                    | "U.N"
                    | "Gov"
                    | "Sen"
                    | "Rep"
                    | "Gen"
                    | "Lt"
                    | "Col"
                    | "No"
                    | "Jan"
                    | "Feb"
                    | "Aug"
                    | "Sept"
                    | "Oct"
                    | "Nov"
                    | "Dec"
            )
    }

    /// Canonical form of a name from the alias file, if it has one.
    pub fn canonical(&self, name: &str) -> Option<&str> {
        self.aliases.get(&fold(name)).map(String::as_str)
    }
}

/// Evidence that a run of capitalised words is a person.
#[derive(Debug, Default, Clone, Copy)]
struct Evidence {
    title: bool,
    /// A capitalised title or honorific inside the run ("Mr Asif"), strong
    /// enough to keep a lone surname.
    title_inline: bool,
    attribution: bool,
    apposition: bool,
}

/// A name found in the text, before within-article resolution.
#[derive(Debug)]
struct Found<'a> {
    words: Vec<&'a str>,
    evidence: Evidence,
    span: (usize, usize),
    /// A full-looking name with no evidence of its own yet; it becomes a
    /// person when a mention elsewhere in the article has evidence
    /// ("Priya Raghunathan ... Ms Raghunathan said").
    confirmed: bool,
    /// The name part of a firm ("Caesars World" of "Caesars World Inc"):
    /// the same words elsewhere in the article are the firm, not a person.
    org_stem: bool,
    /// A ship's name ("the tanker Brazil Glory"): no mention of a country.
    vessel: bool,
}

impl<'a> Found<'a> {
    /// The first `n` words of a run as a firm's name: "Caesars World" of
    /// "Caesars World Inc", a company tag's opening words, a ship's name.
    fn firm(words: &[&'a str], run: &[&Tok<'_>], n: usize, evidence: Evidence) -> Found<'a> {
        Found {
            words: words[..n].to_vec(),
            evidence,
            span: (run[0].start, run[n - 1].end()),
            confirmed: false,
            org_stem: true,
            vessel: false,
        }
    }

    /// A ship's name: a firm's name whose words name no country either.
    fn vessel(words: &[&'a str], run: &[&Tok<'_>], evidence: Evidence) -> Found<'a> {
        Found {
            vessel: true,
            ..Found::firm(words, run, words.len(), evidence)
        }
    }
}

/// Whether a word ends like a noun for someone's job ("Financier",
/// "columnist", "owner", "correspondent").
fn looks_like_job_noun(w: &str) -> bool {
    ["ist", "er", "or", "ian", "ant", "ent", "ee", "ier"]
        .iter()
        .any(|s| w.ends_with(s))
}

/// Prefixes that make a role into another ("Vice-Premier").
const ROLE_PREFIXES: [&str; 4] = ["Vice", "Deputy", "Co", "Ex"];
/// Suffixes that make a role into another ("Chairman-elect").
const ROLE_SUFFIXES: [&str; 2] = ["elect", "designate"];

/// A role in the plural ("Presidents", "Congressmen"): a title before a
/// name, never a name word.
fn is_plural_role(lex: &PersonLexicon, w: &str) -> bool {
    let role = |singular: &str| matches!(title_kind(lex.info(singular)), Some(TitleKind::Role));
    if w.len() <= 4 {
        false
    } else if let Some(stem) = w.strip_suffix('s') {
        role(stem)
    } else if let Some(stem) = w.strip_suffix("men") {
        // Rare enough ("Congressmen", "Chairmen") to build the singular.
        role(&format!("{stem}man"))
    } else {
        false
    }
}

/// Persons in one article, in order of first mention, with the byte spans
/// of their mentions and of ships' names (used to keep "Jordan" the person
/// and the tanker "Brazil Glory" from counting as the country). Segments
/// are (text, headline) pairs; headline-case segments only contribute
/// mentions of names found elsewhere.
/// `listed` holds each segment's listed bodies
/// ([`crate::entities::orgs::Orgs::listed`]); see [`listed_inside`]. `tags`
/// holds each segment's angle-bracket tags
/// ([`crate::entities::orgs::angle_tags`]), wire copy's company tags.
pub fn extract<'a>(
    lex: &PersonLexicon,
    countries: &Countries,
    segments: &[&'a str],
    toks: &[Vec<Tok<'a>>],
    tags: &[Vec<(usize, usize)>],
    listed: &[Vec<Listed>],
) -> (Vec<String>, Vec<Vec<(usize, usize)>>) {
    // (segment, token where the run starts, what it names)
    let mut found: Vec<(usize, usize, Found<'_>)> = Vec::new();
    let mut later: Vec<(usize, Deferred<'_, 'a>)> = Vec::new();
    for (seg_i, seg) in segments.iter().enumerate() {
        if is_headline_case(seg) {
            continue;
        }
        let listed = listed.get(seg_i).map_or(&[][..], Vec::as_slice);
        let mut deferred = Vec::new();
        scan(
            lex,
            countries,
            seg,
            &toks[seg_i],
            listed,
            tags.get(seg_i).map_or(&[][..], Vec::as_slice),
            &mut |at, f| found.push((seg_i, at, f)),
            &mut deferred,
        );
        later.extend(deferred.into_iter().map(|d| (seg_i, d)));
    }
    // A lone word without a title is only ever a mention of a name of two
    // or more words, or of a titled one, in the same article ("Volcker"
    // after "Paul Volcker"; see `resolve`): only those whose word such a
    // name holds are judged, and the rest, most of them, never are.
    if !later.is_empty() {
        let mut folded = String::new();
        let mut name_words: Vec<(usize, usize)> = Vec::new();
        for (_, _, f) in &found {
            if f.words.len() >= 2 || f.evidence.title_inline {
                for w in &f.words {
                    let from = folded.len();
                    lexicon::fold_into(w, &mut folded);
                    name_words.push((from, folded.len()));
                }
            }
        }
        let mut key = String::new();
        for (seg_i, (peeled, tok)) in later {
            let seg = segments[seg_i];
            key.clear();
            lexicon::fold_into(display_word(seg, tok), &mut key);
            if !name_words.iter().any(|&(s, e)| folded[s..e] == key) {
                continue;
            }
            // A run of one word that peeling would have taken whole (a
            // title, a country word, a never-a-name word) names no one.
            let facts = WordFacts::look_up(lex, countries, seg, tok);
            if title_kind(facts.bits).is_some() || facts.country || facts.bits & NOT_PERSON != 0 {
                continue;
            }
            let toks = &toks[seg_i];
            let ctx = Context {
                lex,
                countries,
                seg,
                toks,
                listed: listed.get(seg_i).map_or(&[][..], Vec::as_slice),
                tags: tags.get(seg_i).map_or(&[][..], Vec::as_slice),
                bits_at: &|k| lex.info(toks[k].text),
            };
            judge(&ctx, peeled, &[tok], &[facts], &mut |f| {
                found.push((seg_i, peeled.start, f))
            });
        }
        // Back in reading order, as `resolve` expects.
        found.sort_by_key(|&(seg, at, _)| (seg, at));
    }
    let mut found: Vec<(usize, Found<'_>)> =
        found.into_iter().map(|(seg, _, f)| (seg, f)).collect();
    confirm_lists(segments, &mut found);
    let vessels: Vec<(usize, (usize, usize))> = found
        .iter()
        .filter(|(_, f)| f.vessel)
        .map(|&(seg, ref f)| (seg, f.span))
        .collect();
    let (persons, mut spans) = resolve(lex, found, segments.len());
    for (seg, span) in vessels {
        spans[seg].push(span);
    }
    (persons, spans)
}

/// Names listed together are names of one kind: in a list of three or more
/// names of two or more words, separated by commas, semicolons or "and"
/// (a team sheet, "goals from X, Y and Z", "directors A, B and C"), two or
/// more names that have evidence of their own, a third of the list at
/// least, confirm the others, which have none ("Mohamed Abou Elela;
/// Ahmed Fathy Soliman, Islam Mounir"). `found` is in reading order.
fn confirm_lists(segments: &[&str], found: &mut [(usize, Found<'_>)]) {
    let is_item = |f: &Found<'_>| f.words.len() >= 2 && !f.org_stem && !f.vessel;
    let mut i = 0;
    while i < found.len() {
        if !is_item(&found[i].1) {
            i += 1;
            continue;
        }
        // The list from `i`: items in a row with a list separator between.
        let mut j = i + 1;
        while j < found.len() && is_item(&found[j].1) && found[j].0 == found[i].0 {
            // (`get`: spans that overlap or touch have no separator.)
            let between = segments[found[i].0].get(found[j - 1].1.span.1..found[j].1.span.0);
            if !between.is_some_and(|b| matches!(b.trim(), "," | ";" | "and" | ", and" | "&")) {
                break;
            }
            j += 1;
        }
        let list = &mut found[i..j];
        let confirmed = list.iter().filter(|(_, f)| f.confirmed).count();
        if list.len() >= 3 && confirmed >= 2 && confirmed * 3 >= list.len() {
            for (_, f) in list.iter_mut() {
                f.confirmed = true;
            }
        }
        i = j;
    }
}

/// A headline in Title Case proves nothing by its capitals.
fn is_headline_case(s: &str) -> bool {
    capitalised_words(s).is_some_and(|(caps, words)| caps * 10 >= words * 7)
}

/// Of a headline-length text's words longer than three letters, how many
/// are capitalised and how many there are (None for longer texts, or
/// fewer than three such words).
pub(super) fn capitalised_words(s: &str) -> Option<(usize, usize)> {
    if s.contains('\n') || s.len() > 200 {
        return None;
    }
    let words: Vec<&str> = s.split_whitespace().filter(|w| w.len() > 3).collect();
    if words.len() < 3 {
        return None;
    }
    let caps = words
        .iter()
        .filter(|w| w.chars().next().is_some_and(char::is_uppercase))
        .count();
    Some((caps, words.len()))
}

/// Whether a listed body makes a capitalised run an organisation: one of
/// several words anywhere in it ("Dean Witter Reynolds"), a one-word body
/// opening it ("Bundesbank Schlesinger", "FDIC Seidman") or closing it after
/// a word that is not a given name ("New York Fed"; "Yoshihiro Ito" would
/// stay a name if "Ito" were a body).
fn listed_inside(
    seg: &str,
    rest: &[&Tok<'_>],
    rest_facts: &[WordFacts],
    listed: &[Listed],
) -> bool {
    let (s, e) = (rest[0].start, rest[rest.len() - 1].end());
    listed.iter().filter(|l| l.start < e && l.end > s).any(|l| {
        if seg[l.start..l.end].contains(' ') {
            return true;
        }
        match rest.iter().position(|t| t.start == l.start) {
            Some(0) => true,
            Some(i) if i + 1 == rest.len() => rest_facts[i - 1].bits & GIVEN == 0,
            _ => false,
        }
    })
}

/// "Tokyo Kimura", "Toronto Star": a city of 300,000 or more that is not a
/// given name or a family name, then one more word, names the city's firm,
/// paper or office, not a person ("Paris Hilton" stays: Paris is a given
/// name). So does such a city after a word that is not a given name
/// or a family name ("Real Madrid", "Inter Milan"; "Miguel Madrid" and
/// "Zhao Ziyang" stay). A state or province that is no given name, opening
/// a run of two or more words, names a firm too ("Oregon Steel Mills",
/// "Iowa Beef"; "Virginia Knauer" stays). A country read as a given name
/// (`country_first`: "Jordan Pereira") counts as one.
fn place_firm(
    countries: &Countries,
    rest: &[&Tok<'_>],
    rest_facts: &[WordFacts],
    country_first: bool,
) -> bool {
    let unnamed =
        |i: usize| rest_facts[i].bits & (GIVEN | FAMILY) == 0 && !(i == 0 && country_first);
    let city = |i: usize| unnamed(i) && countries.is_big_city(rest[i].stem());
    let state = rest.len() >= 2
        && unnamed(0)
        && rest[0].is_capitalised()
        && countries.is_text_region(rest[0].stem());
    state || rest.len() == 2 && (city(0) || (city(1) && unnamed(0)))
}

/// Find the capitalised runs of a segment, peel their titles, and judge
/// each ([`judge`]); `emit` gets what each names, with the token where its
/// run starts. A lone word without a title of its own goes to `deferred`
/// instead, for [`extract`] to judge only if a name elsewhere in the
/// article holds it.
// One segment's text, tokens, listed bodies and tags, the word lists, and
// the two outputs: bundling them would only move the list elsewhere.
#[allow(clippy::too_many_arguments)]
fn scan<'t, 'a>(
    lex: &PersonLexicon,
    countries: &Countries,
    seg: &'a str,
    toks: &'t [Tok<'a>],
    listed: &[Listed],
    tags: &[(usize, usize)],
    emit: &mut dyn FnMut(usize, Found<'a>),
    deferred: &mut Vec<Deferred<'t, 'a>>,
) {
    let mut i = 0;
    // A title-only run followed by a comma: "The Information Minister, X,"
    let mut pending_apposition_until = 0usize;
    // The words of the current capitalised run, reused from run to run.
    let mut run: Vec<&'t Tok<'a>> = Vec::new();
    // What the word lists say about each word of the run, looked up once.
    let mut facts: Vec<WordFacts> = Vec::new();
    // What the word lists say about each token, looked up the first time
    // it is asked for: a run's words are asked for as the run grows, again
    // for their facts, and the words around it by the rules after.
    const UNSEEN: u32 = u32::MAX;
    let seen: Vec<std::cell::Cell<u32>> = vec![std::cell::Cell::new(UNSEEN); toks.len()];
    let bits_at = |k: usize| {
        let bits = seen[k].get();
        if bits != UNSEEN {
            return bits as u16;
        }
        let bits = lex.info(toks[k].text);
        seen[k].set(bits.into());
        bits
    };
    while i < toks.len() {
        let t = &toks[i];
        let initial_start = || {
            t.is_initials()
                && toks.get(i + 1).is_some_and(|d| d.is('.'))
                && toks.get(i + 2).is_some_and(|n| {
                    n.is_capitalised()
                        || n.is_initials() && toks.get(i + 3).is_some_and(|d| d.is('.'))
                })
        };
        if !t.starts_upper() || !t.is_capitalised() && !initial_start() {
            i += 1;
            continue;
        }
        let start = i;
        // Past the period of an opening initial ("J.R. Smith").
        let mut j = if t.is_capitalised() { i + 1 } else { i + 2 };
        while j < toks.len() {
            let n = &toks[j];
            // A possessive ends a name: "Paul Volcker's Congressional
            // testimony", "Merrill's McCarthy" (see `owner` below).
            if toks[j - 1].is_possessive() {
                break;
            }
            if n.is_capitalised() && !n.sent_start {
                j += 1;
            } else if n.is_initials() && toks.get(j + 1).is_some_and(|d| d.is('.')) {
                j += 2;
            } else if n.is_initial()
                && n.text != "I"
                && bits_at(j - 1) & GIVEN != 0
                && toks
                    .get(j + 1)
                    .is_some_and(|s| s.is_capitalised() && !s.sent_start)
            {
                // "Gerald F Cox": an initial without its period, between a
                // given name and a surname.
                j += 1;
            } else if let Some(after) = particles_then_name(toks, j, &bits_at) {
                // "van der Berg", "de la Vega", "bin Hashim"
                j = after;
            } else if n.word
                && n.text.contains(['-', '\''])
                && lex.is_prefix(n.text.split(['-', '\'']).next().unwrap_or(""))
            {
                // "al-Mansouri", "d'Estaing"
                j += 1;
            } else if n.word && bits_at(j) & SUFFIX != 0 {
                j += 1;
                if toks.get(j).is_some_and(|d| d.is('.')) {
                    j += 1;
                }
                break;
            } else if bracketed_given_name(toks, start, j, &bits_at) {
                // "(Prime Minister Yasuhiro) Nakasone": an editor's
                // bracket closing on the given name; the surname follows.
                j += 1;
            } else {
                break;
            }
        }
        // A run of one word, not before a comma, is put off whole: peeling
        // it leaves nothing, or the lone word (see `extract`).
        if j == start + 1 && !toks.get(j).is_some_and(|t| t.is(',')) {
            let peeled = Peeled {
                start,
                end: j,
                ev: Evidence::default(),
                country_first: false,
                pending_apposition_until,
            };
            deferred.push((peeled, &toks[start]));
            i = j;
            continue;
        }
        run.clear();
        facts.clear();
        for (k, t) in toks.iter().enumerate().take(j).skip(start) {
            if !t.word {
                continue;
            }
            run.push(t);
            let bits = match t.stem().len() == t.text.len() {
                true => bits_at(k),
                false => lex.info(t.stem()),
            };
            facts.push(WordFacts::with_stem_bits(bits, countries, seg, t));
        }
        let end = j;
        i = j;

        // Peel titles, nationalities and sentence-initial function words.
        let mut ev = Evidence::default();
        let mut country_first = false;
        let mut k = 0;
        while k < run.len() {
            let w = run[k].stem();
            let f = facts[k];
            // "Salomon Brothers Henry Kaufman", "Director of the Office of
            // Management and Budget James Miller": a listed body opening the
            // run, or ending in it, with a given name after it, is peeled off
            // like a title.
            if let Some(le) = listed
                .iter()
                .find(|l| {
                    l.start <= run[k].start
                        && run[k].start < l.end
                        && l.end < run[run.len() - 1].end()
                })
                .map(|l| l.end)
            {
                let after = (k..run.len()).find(|&j| run[j].start >= le);
                if let Some(j) = after.filter(|&j| facts[j].bits & GIVEN != 0) {
                    k = j;
                    continue;
                }
            }
            // "U.N. Chief", "E.C. Commissioner": an abbreviation before a
            // title names the body, not the person.
            if k == 0
                && run[0].is_initials()
                && run[0].text.len() >= 3
                && facts.get(1).is_some_and(|n| title_kind(n.bits).is_some())
            {
                k += 1;
                continue;
            }
            // "Presidents Ibrahim Babangida and ...": a role in the plural,
            // before a given name and more.
            if run.len() >= k + 3 && facts[k + 1].bits & GIVEN != 0 && is_plural_role(lex, w) {
                ev.title = true;
                k += 1;
                continue;
            }
            // "said Dean Kleckner", "Earl Butz": a weak title that is
            // mostly a given name, before one surname and nothing else, is
            // the given name.
            if run.len() == k + 2
                && f.bits & TITLE == WEAK
                && facts[k + 1].bits & TITLE == 0
                && run[k + 1].is_capitalised()
                && lex.given_titles.get_folded(w).is_some()
            {
                break;
            }
            match title_kind(f.bits) {
                Some(TitleKind::Honorific | TitleKind::Role | TitleKind::Weak) => {
                    ev.title = true;
                    ev.title_inline = true;
                    k += 1;
                    continue;
                }
                Some(TitleKind::Modifier) => {
                    k += 1;
                    continue;
                }
                None => {}
            }
            // "New Zealander Bruce Judge", "Sri Lankan ...": a country word of
            // two words.
            if run.len() > k + 2
                && countries
                    .is_country_word(&seg[run[k].start..run[k + 1].start + run[k + 1].stem().len()])
            {
                k += 2;
                continue;
            }
            if f.country {
                // "Jordan Pereira", "India Okafor": a country name used as a
                // given name, unless a title or another country word follows
                // ("Pakistan Defence Minister ..."), or a given name and more
                // ("Ambassador to Thailand William Brown"). Demonyms and
                // possessives ("Kenya's Brian Rotich") always go.
                let full_name_follows =
                    run.len() > k + 2 && facts.get(k + 1).is_some_and(|n| n.bits & GIVEN != 0);
                let next_plain = !full_name_follows
                    && facts
                        .get(k + 1)
                        .is_some_and(|n| n.bits & (TITLE | NOT_PERSON) == 0 && !n.country_stem);
                // An abbreviation ("U.S.") is never a given name. Only
                // titles may come before it ("Co-author Jordan Pereira"): a
                // country that qualifies a title stands before the title.
                if facts[..k].iter().all(|f| title_kind(f.bits).is_some())
                    && next_plain
                    && !countries.is_demonym(w)
                    && run[k].text == w
                    && !run[k].is_initials()
                {
                    country_first = true;
                    break;
                }
                k += 1;
                continue;
            }
            if f.bits & NOT_PERSON != 0 {
                k += 1;
                continue;
            }
            // "U.S. Attorney in Manhattan Rudolph Giuliani": a big city that
            // is no given name, before a given name and more.
            if run.len() >= k + 3
                && f.bits & GIVEN == 0
                && facts[k + 1].bits & GIVEN != 0
                && countries.is_big_city(w)
            {
                k += 1;
                continue;
            }
            // "Secertary James Baker", "Represenative Clayton Yeutter": a
            // word no list knows, one edit from a long title, before a given
            // name and more, is that title misspelt.
            let misspelt_title_at = |j: usize| {
                run.len() >= j + 3
                    && facts[j].bits == 0
                    && !facts[j].country
                    && facts[j + 1].bits & GIVEN != 0
                    && lex.misspelt_title(run[j].stem())
            };
            if misspelt_title_at(k) {
                ev.title = true;
                k += 1;
                continue;
            }
            // "Unification Minister Lee Hyun-woo", "Veterans Affairs Minister
            // X": words that no list knows, right before a role, name its
            // portfolio, unless one of them is a given name or a possessive
            // ("IBM's General Technology Division"). A full name must follow:
            // a given name, or two or more capitalised words that mark no
            // organisation ("Media General Class A" is a share class,
            // "Burger King Investors L.P." a partnership).
            // The role may be misspelt ("Harbour Secertary Tomas
            // Lindqvist"); the rule above then peels it.
            if let Some(role) = (k + 1..run.len().min(k + 4)).find(|&j| {
                matches!(title_kind(facts[j].bits), Some(TitleKind::Role)) || misspelt_title_at(j)
            }) {
                // A state or city before the role is its constituency:
                // "North Carolina Democrat Terry Sanford".
                let portfolio = run[k..role]
                    .iter()
                    .zip(&facts[k..role])
                    .all(|(t, f)| f.bits & GIVEN == 0 && !t.is_possessive())
                    || countries.is_place(&seg[run[k].start..run[role - 1].end()]);
                // The name after the role, past further titles ("Minister
                // Datuk Seri Ahmad Faizal bin Hashim").
                let name: Vec<(&Tok<'_>, &WordFacts)> = run[role + 1..]
                    .iter()
                    .copied()
                    .zip(&facts[role + 1..])
                    .filter(|(_, f)| title_kind(f.bits).is_none())
                    .collect();
                let full_name = name.len() >= 2
                    && (name[0].1.bits & GIVEN != 0
                        || name.iter().all(|(t, f)| {
                            (t.is_capitalised() || t.is_initials() || f.bits & PARTICLE != 0)
                                && !lex.org_words.contains(t.stem())
                        }));
                if portfolio && full_name {
                    k = role;
                    continue;
                }
            }
            // "Ethnomusicologist Nino Beridze", "Financier Carl Lindner": a
            // job noun opening the sentence.
            if k == 0
                && run[0].sent_start
                && run.len() >= 3
                && f.bits & GIVEN == 0
                && looks_like_job_noun(w)
            {
                k += 1;
                continue;
            }
            // "Echoing Gaviria, ...", "Replacing Greeniaus is ...",
            // "Previously Redstone ...": a participle or an adverb opening
            // the sentence.
            if k == 0
                && run[0].sent_start
                && run.len() >= 2
                && w.len() > 5
                && (w.ends_with("ing") || w.ends_with("ly"))
                && f.bits & (GIVEN | FAMILY) == 0
            {
                k += 1;
                continue;
            }
            break;
        }
        // "Senate Armed Services Committee Chairman Sam Nunn", "White House
        // Budget Chief James Miller", "Chairman of General Motors Roger
        // Smith": a body's name and a title before a full name, where the
        // peeling above stops. With a title in the run or before it (also
        // "chairman of" right before it), the words after its last title or
        // body word are the name when they open with a given name and hold
        // no title, body, place or never-a-name word.
        let body_or_title = |p: usize| {
            title_kind(facts[p].bits).is_some()
                || (facts[p].bits & ORG_HEAD != 0 && lex.org_words.contains(run[p].stem()))
        };
        // ("Comptroller of the Currency Robert Bench"; the role may be
        // misspelt, "Comptoller".)
        let of_at = match start.checked_sub(1).map(|b| toks[b].text) {
            Some("the") if start >= 2 && toks[start - 2].text == "of" => Some(start - 2),
            Some("of") => Some(start - 1),
            _ => None,
        };
        let title_of = of_at
            .filter(|&o| o >= 1)
            .is_some_and(|o| match bits_at(o - 1) {
                0 => toks[o - 1].word && lex.misspelt_title(toks[o - 1].text),
                bits => bits & (ROLE | HONORIFIC) != 0,
            });
        if let Some(p) = (k..run.len().saturating_sub(2))
            .rev()
            .find(|&p| body_or_title(p))
        {
            let titled =
                ev.title || title_of || (k..=p).any(|j| title_kind(facts[j].bits).is_some());
            let name = &facts[p + 1..];
            let plain = |f: &WordFacts| f.bits & (NOT_PERSON | TITLE | ORG_HEAD) == 0 && !f.country;
            if titled
                && !run[p].is_possessive()
                && name[0].bits & GIVEN != 0
                && name.iter().all(plain)
            {
                ev.title = true;
                ev.title_inline = true;
                k = p + 1;
            }
        }
        // "Professor of Medicine Carl Leier", "Director of Research Mark
        // Luftig": after a role and "of", up to three words before a given
        // name and more name the role's field.
        if title_of {
            let field = |i: usize| {
                facts[i].bits & (GIVEN | NOT_PERSON) == 0
                    && !facts[i].country
                    && run[i].is_capitalised()
                    && !run[i].is_possessive()
            };
            if let Some(j) = (k + 1..run.len().saturating_sub(1).min(k + 4))
                .find(|&j| facts[j].bits & GIVEN != 0)
                .filter(|&j| (k..j).all(field))
            {
                ev.title = true;
                ev.title_inline = true;
                k = j;
            }
        }
        // "Sheikh Sultan bin Mohammed al-Qassimi", "Prince Sultan bin
        // Abdulaziz": a weak title that is also a given name, after another
        // title and right before a name particle
        // (`schema/name-particles.txt`), is the given name.
        if k >= 2
            && k < run.len()
            && facts[k].bits & PARTICLE != 0
            && facts[k - 1].bits & TITLE == WEAK
            && facts[k - 1].bits & GIVEN != 0
            && matches!(
                title_kind(facts[k - 2].bits),
                Some(TitleKind::Honorific | TitleKind::Role | TitleKind::Weak)
            )
        {
            k -= 1;
        }
        let rest = &run[k..];
        let rest_facts = &facts[k..];
        let after_comma = toks.get(end).is_some_and(|t| t.is(','));
        if rest.is_empty() {
            if ev.title && after_comma {
                pending_apposition_until = end + 2;
            }
            continue;
        }
        let peeled = Peeled {
            start,
            end,
            ev,
            country_first,
            pending_apposition_until,
        };
        // A lone word with no title of its own counts only as a mention of a
        // name found elsewhere in the article: judged later, if at all.
        if rest.len() == 1 && !ev.title_inline {
            deferred.push((peeled, rest[0]));
            continue;
        }
        let ctx = Context {
            lex,
            countries,
            seg,
            toks,
            listed,
            tags,
            bits_at: &bits_at,
        };
        judge(&ctx, peeled, rest, rest_facts, &mut |f| emit(start, f));
    }
}

/// Whether `toks[j]` closes an editor's bracket in a quotation right after
/// a given name, with the surname after it: "(Prime Minister Yasuhiro)
/// Nakasone", "(Trade and Industry Secretary Paul) Channon". The bracket
/// must open in the same sentence, at most eight tokens before the run, and
/// the name before it be a given name or have a title.
fn bracketed_given_name(
    toks: &[Tok<'_>],
    start: usize,
    j: usize,
    bits_at: &dyn Fn(usize) -> u16,
) -> bool {
    let close = |t: &Tok<'_>| t.is(')') || t.is(']');
    if !close(&toks[j]) || j <= start || !toks[j - 1].word {
        return false;
    }
    let surname = toks.get(j + 1).is_some_and(|n| {
        n.is_capitalised() && !n.sent_start && bits_at(j + 1) & (NOT_PERSON | TITLE) == 0
    });
    let open = |t: &Tok<'_>| t.is('(') || t.is('[');
    let from = start.saturating_sub(8);
    let Some(o) = (from..start)
        .rev()
        .find(|&o| open(&toks[o]) || close(&toks[o]) || toks[o].sent_start)
        .filter(|&o| open(&toks[o]))
    else {
        return false;
    };
    // A given name the lexicon knows, or a title inside the bracket
    // ("(Prime Minister Toshiaki) Murabe").
    surname
        && (bits_at(j - 1) & GIVEN != 0
            || (o + 1..j - 1).any(|k| toks[k].word && bits_at(k) & (ROLE | HONORIFIC) != 0))
}

/// What [`judge`] reads besides the run: the segment, its tokens, and the
/// word lists.
struct Context<'c, 'a> {
    lex: &'c PersonLexicon,
    countries: &'c Countries,
    seg: &'a str,
    toks: &'c [Tok<'a>],
    listed: &'c [Listed],
    /// Wire copy's company tags in the segment ("<Nevada Packard>").
    tags: &'c [(usize, usize)],
    bits_at: &'c dyn Fn(usize) -> u16,
}

/// A capitalised run with its titles peeled off: where it is and what the
/// peeling found.
#[derive(Debug, Clone, Copy)]
struct Peeled {
    /// The run's tokens: `start..end`.
    start: usize,
    end: usize,
    ev: Evidence,
    /// The run opened with a country word kept as a given name.
    country_first: bool,
    /// A title-only run ending with a comma before it extends apposition
    /// evidence up to this token.
    pending_apposition_until: usize,
}

/// A lone word put off by [`scan`]: its run and the word.
type Deferred<'t, 'a> = (Peeled, &'t Tok<'a>);

/// Judge what is left of a run once its titles are peeled (`rest`, with
/// its words' facts): gather the evidence around it, reject organisations,
/// places, ships and papers, and emit what it names.
fn judge<'a>(
    ctx: &Context<'_, 'a>,
    peeled: Peeled,
    rest: &[&Tok<'a>],
    rest_facts: &[WordFacts],
    emit: &mut dyn FnMut(Found<'a>),
) {
    let Context {
        lex,
        countries,
        seg,
        toks,
        listed,
        tags,
        bits_at,
    } = *ctx;
    let Peeled {
        start,
        end,
        mut ev,
        country_first,
        pending_apposition_until,
    } = peeled;
    let after_comma = toks.get(end).is_some_and(|t| t.is(','));
    // Lower-case evidence before the run: "Taliban spokesman X", "said X",
    // "according to X".
    let before = &toks[..start];
    let prev = before.last().filter(|p| p.word);
    let prev_bits = if prev.is_some() {
        bits_at(start - 1)
    } else {
        0
    };
    if prev.is_some_and(|p| p.is_lower()) && prev_bits & (ROLE | HONORIFIC) != 0 {
        ev.title = true;
    }
    if prev_bits & ATTRIBUTION != 0 {
        ev.attribution = true;
    }
    if before.len() >= 2
        && before[before.len() - 2]
            .text
            .eq_ignore_ascii_case("according")
        && before[before.len() - 1].text == "to"
    {
        ev.attribution = true;
    }
    if start <= pending_apposition_until && start > 0 && toks[start - 1].is(',') {
        ev.apposition = true;
    }
    // "Its chief executive, Andika Pratama, said": a lower-case role, a
    // comma, the name, and the comma that closes the apposition.
    if after_comma
        && start >= 2
        && toks[start - 1].is(',')
        && toks[start - 2].is_lower()
        && bits_at(start - 2) & (ROLE | HONORIFIC) != 0
    {
        ev.apposition = true;
    }
    // After the run: "X said", "X, the ... minister,"
    let next = toks.get(end);
    let next_bits = if next.is_some_and(|n| n.word) {
        bits_at(end)
    } else {
        0
    };
    if next_bits & ATTRIBUTION != 0 {
        ev.attribution = true;
    }
    // "Keiichi Udagawa of Bank of Tokyo said", "X of Nikko Securities Co
    // in Tokyo told Reuters": the speaker's body between the name and the
    // verb.
    if next.is_some_and(|n| n.text == "of") && speaks_for_body(ctx, end + 1) {
        ev.attribution = true;
    }
    // "X, the Wisconsin Democrat, said", "X, chairman of Y": a role in
    // apposition, not the subject of a new clause ("In the
    // Congressional Record, the Wisconsin Democrat said").
    if after_comma {
        for (k, t) in toks.iter().enumerate().skip(end + 1).take(7) {
            if t.is(',') || t.is('.') {
                break;
            }
            if t.word && matches!(lex.title(t.text), Some(TitleKind::Role)) {
                ev.apposition = !toks
                    .get(k + 1)
                    .is_some_and(|n| n.word && bits_at(k + 1) & ATTRIBUTION != 0);
                break;
            }
        }
    }
    // Rejections: organisation/place/event words inside or as the head
    // after the run ("Haqqani network"), titles or countries inside,
    // never-a-name words, acronyms.
    let words: Vec<&'a str> = rest.iter().map(|t| display_word(seg, t)).collect();
    let inner_bad = rest.iter().zip(rest_facts).enumerate().any(|(i, (t, f))| {
        (f.country && !(i == 0 && country_first))
            || f.bits & (NOT_PERSON | ROLE | HONORIFIC) != 0
            || (f.bits & ORG_HEAD != 0 && lex.org_words.contains(t.stem()))
            || (!f.display_is_stem && lex.org_words.contains(words[i]))
            || (t.has_hyphen() && t.stem().split('-').any(|p| lex.org_words.contains(p)))
            || t.stem().bytes().any(|c| c.is_ascii_digit())
            || super::tokens::is_hyphen_adjective(t.text)
            || is_plural_role(lex, t.stem())
    }) || lex.is_compound_org(rest[rest.len() - 1].stem())
        || listed_inside(seg, rest, rest_facts, listed)
        || place_firm(countries, rest, rest_facts, country_first);
    let org_word = |(w, f): (&&str, &WordFacts)| {
        (f.bits & ORG_HEAD != 0 || !f.display_is_stem) && lex.org_words.contains(*w)
    };
    // A company tag names a firm, and its opening words name the same
    // firm elsewhere in the article: "<Dairy Farm International
    // Holdings Ltd>" ... "Dairy Farm said".
    let (s, e) = (rest[0].start, rest[rest.len() - 1].end());
    let tagged = tags.iter().any(|&(open, close)| open < s && e <= close);
    if tagged {
        let upto = words
            .iter()
            .zip(rest_facts)
            .position(org_word)
            .unwrap_or(words.len());
        for n in 2..=upto {
            emit(Found::firm(&words, rest, n, ev));
        }
    }
    // "Caesars World Inc", "America West Airlines Inc": the words
    // before the firm words that close the run name the firm.
    if let Some(k) = words.iter().zip(rest_facts).position(org_word) {
        if k > 0 && words.iter().zip(rest_facts).skip(k).all(org_word) {
            emit(Found::firm(&words, rest, k, ev));
        }
    }
    // "U.S. Treasury", "Bank Governor": a person's name never ends in a title.
    let ends_in_title = words.last().zip(rest_facts.last()).is_some_and(|(w, f)| {
        let kind = if f.display_is_stem {
            title_kind(f.bits)
        } else {
            lex.title(w)
        };
        matches!(
            kind,
            Some(TitleKind::Role | TitleKind::Modifier | TitleKind::Honorific)
        )
    });
    // (After a possessive the noun is the person's: "Michael Wilson's
    // statement", "James Baker's plan".)
    let owned = rest[rest.len() - 1].is_possessive();
    let head_after = ends_in_title
        || (!owned && next.is_some_and(|n| n.is_lower()) && next_bits & ORG_HEAD != 0);
    // "Merrill Lynch and Co", "Kapadia & Sons": a firm.
    let firm_after = next.is_some_and(|n| n.text == "and" || n.text == "&")
        && toks
            .get(end + 1)
            .is_some_and(|t| t.word && lex.org_words.contains(t.stem()));
    // The firm's name elsewhere in the article too ("Louisiana Land and
    // Exploration Co" ... "Louisiana Land said"), unless it opens with
    // a given name: eponymous firms ("Mario Gabelli and Co") share the
    // founder's name.
    if firm_after && words.len() >= 2 && rest_facts[0].bits & GIVEN == 0 {
        emit(Found::firm(&words, rest, words.len(), ev));
    }
    // "Blue Arrow PLC said": a firm word in capitals right after the
    // run, which the run stops short of, makes it a firm, here and in
    // the article's later "Blue Arrow said".
    let firm_caps_after = next.is_some_and(|n| {
        n.word
            && n.text.len() >= 2
            && n.text.bytes().all(|c| c.is_ascii_uppercase() || c == b'.')
            && lex.org_words.contains(n.text)
    });
    if firm_caps_after {
        emit(Found::firm(&words, rest, words.len(), ev));
    }
    // "the authoritative Business Day newspaper", "Bonny Light crude": a
    // name of two or more words, with no title, before a lower-case
    // media or concept noun names a paper or a product, here and in the
    // article's later "Business Day said".
    let thing_after = words.len() >= 2
        && !owned
        && !ev.title
        && next_bits & ORG_HEAD != 0
        && next.is_some_and(|n| n.is_lower() && lex.thing_nouns.get(n.text).is_some());
    // "the daily Les Echos", "Wen Wei Po, a Hong Kong daily, said": a
    // publication noun right before the name or heading its apposition
    // (not "Mario Vazquez-Rana, a Mexican newspaper owner,").
    let publication = |k: usize| {
        toks[k].is_lower()
            && !toks
                .get(k + 1)
                .is_some_and(|n| n.is_lower() && looks_like_job_noun(n.text))
            && bits_at(k) & ORG_HEAD != 0
            && lex.thing_nouns.get(toks[k].text) == Some(&true)
    };
    let apposition_np = after_comma
        && toks
            .get(end + 1)
            .is_some_and(|t| matches!(t.text, "a" | "an" | "the"));
    // "its subsidiary Volvo Flygmotor": a firm noun right before a name
    // that opens with no given name (not "the investment firm Mario Gabelli
    // and Co", "Chairman of the firm Gordon Wu said").
    let firm_noun = |k: usize| {
        toks[k].is_lower()
            && rest_facts[0].bits & GIVEN == 0
            && lex.firm_nouns.get(toks[k].text).is_some()
    };
    let paper = words.len() >= 2
        && !ev.title
        && (start > 0 && (publication(start - 1) || firm_noun(start - 1))
            || apposition_np
                && (end + 2..toks.len().min(end + 8))
                    .take_while(|&k| !toks[k].is(',') && !toks[k].is('.'))
                    .any(publication));
    if thing_after || paper {
        emit(Found::firm(&words, rest, words.len(), ev));
    }
    // "the freighter Nikolay Kuznetsov", "the bulk carrier, Trave Ore,
    // 106,490 dwt": a ship ("a U.S.-flagged ship, U.S. Defense Secretary
    // Caspar Weinberger said" is not: a title, and no closing comma).
    let vessel = !ev.title
        && [1, 2].into_iter().any(|back| {
            let Some(w) = start.checked_sub(back).map(|k| &toks[k]) else {
                return false;
            };
            let between = back == 1 || (toks[start - 1].is(',') && after_comma);
            between && w.is_lower() && bits_at(start - back) & VESSEL != 0
        });
    // "Exxon took Majestic Pride 45,000 tons dirty": a size after the name.
    // (A number's groups are tokens of their own: "45", ",", "000".)
    let digits = |k: usize| {
        toks.get(k)
            .is_some_and(|t| t.word && t.text.bytes().all(|c| c.is_ascii_digit()))
    };
    let mut unit = end + 1;
    while toks.get(unit).is_some_and(|t| t.is(',')) && digits(unit + 1) {
        unit += 2;
    }
    // ("in West Germany 1,000 tonnes" is a place's share.)
    let whole = &seg[rest[0].start..rest[rest.len() - 1].end()];
    let sized = digits(end)
        && !countries.is_country_word(whole)
        && !countries.is_place(whole)
        && toks
            .get(unit)
            .is_some_and(|u| u.word && lex.tonnage.get(u.text).is_some());
    let vessel = vessel || sized;
    if vessel && words.len() >= 2 {
        // The ship's name is the ship's throughout the article ("the
        // carrier Kitty Hawk" ... "The Kitty Hawk and its force").
        emit(Found::vessel(&words, rest, ev));
    }
    // "an analyst at Morgan Stanley": people are rarely "at" a name.
    let after_at = !ev.title && before.last().is_some_and(|p| p.text == "at");
    if inner_bad
        || tagged
        || vessel
        || head_after
        || firm_after
        || firm_caps_after
        || thing_after
        || paper
        || after_at
        || (words.len() <= 4 && {
            let last = rest[rest.len() - 1];
            let span = &seg[rest[0].start..last.start + last.stem().len()];
            countries.is_place(span)
        })
        // "New York May" (a futures month), "New York Real estate": no
        // person's name opens with a place of two or three words.
        || (2..rest.len().min(4)).any(|k| {
            countries.is_place(&seg[rest[0].start..rest[k - 1].end()])
        })
    {
        return;
    }
    // "X, who ...", "X, 34, ...", "X, a teacher who ...": only people
    // take these.
    let who_in_apposition = || {
        toks.iter()
            .skip(end + 1)
            .take(6)
            .take_while(|t| !t.is(',') && !t.is('.'))
            .any(|t| t.text == "who")
    };
    // An age is a number of years a person can have, and no unit follows
    // it ("Baker, 57, said", not "New York May, 753 dlrs").
    let age = toks.get(end + 1).is_some_and(|t| {
        t.word && t.text.len() <= 3 && t.text.parse::<u16>().is_ok_and(|n| (1..=120).contains(&n))
    }) && toks.get(end + 2).is_none_or(|t| !t.word);
    if after_comma && (age || who_in_apposition()) {
        ev.apposition = true;
    }
    // "Anders Holm of Norway"
    if next.is_some_and(|n| n.text == "of")
        && toks
            .get(end + 1)
            .is_some_and(|c| c.word && countries.is_country_word(c.text))
    {
        ev.apposition = true;
    }
    // "Amina Chebet (Kenya)", "Tsepo Mokoena (South Africa)", "Luka
    // Barisic (CRO)": a result list.
    let close = || (end + 2..toks.len().min(end + 5)).find(|&c| toks[c].is(')'));
    if let Some(close) = next.filter(|n| n.is('(')).and_then(|_| close()) {
        let inside = &seg[toks[end + 1].start..toks[close - 1].end()];
        let code =
            close == end + 2 && inside.len() == 3 && inside.bytes().all(|c| c.is_ascii_uppercase());
        if code || countries.is_country_word(inside) {
            ev.apposition = true;
        }
    }
    let span = (rest[0].start, rest[rest.len() - 1].end());
    let name_words = words
        .iter()
        .zip(rest_facts)
        .filter(|(w, f)| {
            let particle = if f.display_is_stem {
                f.bits & PARTICLE != 0
            } else {
                lex.is(PARTICLE, w)
            };
            !particle && f.bits & SUFFIX == 0 && w.len() > 1
        })
        .count();
    // "Ben Bernanke", "Abdul Ghani": a particle that is also a given
    // name, opening the run, is its first name word. One marked
    // `evidence` confirms nothing by itself ("Al Jazeera").
    let particle_given =
        rest.len() >= 2 && rest[0].is_capitalised() && rest_facts[0].bits & GIVEN_PARTICLE != 0;
    // "E.F. Hutton said", "S.G. Warburg said": two or more initials and
    // one surname name a firm as often as a person ("Chairman A.W.
    // Clausen"), so only a title or an apposition makes them a name.
    let initials_and_surname = rest.len() == 2 && rest[0].is_initials() && rest[0].text.len() >= 3;
    // A name ends in a name word, not an initial ("Alex I.", "C. J.")
    // nor a cut-off "St." ("Fernand St. Germain" read as two sentences).
    let ends_in_word = rest
        .iter()
        .zip(rest_facts)
        .rev()
        .find(|(_, f)| f.bits & SUFFIX == 0)
        .is_some_and(|(t, _)| {
            let cut_saint = t.text == "St" && seg.as_bytes().get(t.end()) == Some(&b'.');
            !(t.is_initials() || cut_saint)
        });
    if (initials_and_surname && !(ev.title || ev.apposition)) || !ends_in_word {
        return;
    }
    if name_words + usize::from(particle_given) >= 2 {
        // The word whose given name confirms the run: the first that is
        // not an initial ("V. Jerome Kaplan"), past a given particle that
        // confirms nothing by itself ("Al Gore").
        let weak_opener = particle_given && rest_facts[0].bits & WEAK_GIVEN != 0;
        let first = (usize::from(weak_opener)
            + rest[usize::from(weak_opener)..]
                .iter()
                .take_while(|t| t.is_initials())
                .count())
        .min(rest.len() - 1);
        let f = rest_facts[first];
        let given = if f.display_is_stem {
            f.bits & GIVEN != 0
        } else {
            lex.is(GIVEN, words[first])
        };
        // "Wang Chenxi", "Kim Jong Un": a family name first, then a
        // romanised given name.
        let family_first = rest_facts[0].bits & FAMILY != 0
            && rest_facts[0].display_is_stem
            && lex.romanised_given(&words[1..], rest_facts[0].bits & FAMILY_WORD != 0);
        // "Nynex Corp's New York Telephone said", "Walt Disney Co's Buena
        // Vista": what an organisation or a person owns is rarely a
        // person, unless a given name or a title says so ("Chase
        // Econometrics' Scott Jones"). A country's is ("Kenya's Brian
        // Rotich", "Afghanistan's Zabihullah Mujahid").
        let owned = start > 0
            && toks[start - 1].is_possessive()
            && !countries.is_country_word(toks[start - 1].stem());
        if owned && !(given || family_first || ev.title) {
            return;
        }
        // "Martin Marietta's Titan III", "Chase Econometrics' Scott
        // Jones": a name owning the capitalised words after it is as
        // often a firm as a person, so its given name proves nothing
        // alone; with a title it does ("Fed chairman Paul Volcker's
        // Congressional testimony"), as does a mention elsewhere in the
        // article.
        let owner = rest[rest.len() - 1].is_possessive()
            && toks.get(end).is_some_and(|n| n.is_capitalised());
        // An attribution before it is the owned person's ("said Touche
        // Ross's Collander"); a title alone may be a word of a firm's
        // name ("General Public Utilities' Pennsylvania Electric").
        let confirmed = if owner {
            ev.title && (given || family_first)
        } else {
            given || family_first || ev.title || ev.attribution || ev.apposition
        };
        emit(Found {
            words,
            evidence: ev,
            span,
            confirmed,
            org_stem: false,
            vessel: false,
        });
    } else if words.len() == 1
        && !countries.is_city(words[0])
        // "Deputy U.S. Comptoller of the Currency": a title misspelt is
        // no surname.
        && !(rest_facts[0].bits == 0 && lex.misspelt_title(rest[0].stem()))
    {
        emit(Found {
            words,
            evidence: ev,
            span,
            confirmed: true,
            org_stem: false,
            vessel: false,
        });
    }
}

/// Whether the words from `k` (after a name and "of") are a body's name
/// and then a verb of attribution, past a place the body is in: "Bank of
/// Tokyo said", "the Sanwa Bank in New York told". The body is a listed
/// one or capitalised words that hold a body word ("Bank", "Securities",
/// "Inc"), and opens with no place ("of South Africa Ltd said" is a firm's
/// own name).
fn speaks_for_body(ctx: &Context<'_, '_>, mut k: usize) -> bool {
    let Context {
        lex,
        countries,
        seg,
        toks,
        listed,
        bits_at,
        ..
    } = *ctx;
    if toks.get(k).is_some_and(|t| t.text == "the") {
        k += 1;
    }
    let Some(first) = toks
        .get(k)
        .filter(|t| t.is_capitalised() || t.is_initials())
    else {
        return false;
    };
    let end = match listed.iter().find(|l| l.start == first.start) {
        Some(l) => toks[k..]
            .iter()
            .position(|t| t.start >= l.end)
            .map_or(toks.len(), |p| k + p),
        None => {
            // "South Africa", "Hong Kong", "Japanese" first: a place's.
            let place = (k..toks.len().min(k + 3)).any(|j| {
                let span = &seg[first.start..toks[j].end()];
                countries.is_place_or_nationality(span) || countries.is_country_word(span)
            });
            if place {
                return false;
            }
            // The capitalised words, "of" between two of them ("Bank of
            // Tokyo"), at most eight tokens.
            let mut j = k;
            while j < toks.len().min(k + 8)
                && (toks[j].is_capitalised()
                    || toks[j].is_initials()
                    || toks[j].text == "of" && toks.get(j + 1).is_some_and(Tok::is_capitalised))
            {
                j += 1;
            }
            let body = toks[k..j]
                .iter()
                .any(|t| t.is_capitalised() && lex.is_org_word(t.stem()));
            if !body {
                return false;
            }
            j
        }
    };
    // Past the legal form's period and "in <Place>".
    let mut v = end;
    if toks.get(v).is_some_and(|t| t.is('.')) && toks.get(v + 1).is_some_and(Tok::is_lower) {
        v += 1;
    }
    if toks.get(v).is_some_and(|t| t.text == "in") {
        v += 1;
        while toks.get(v).is_some_and(Tok::is_capitalised) {
            v += 1;
        }
    }
    toks.get(v)
        .is_some_and(|t| t.word && bits_at(v) & ATTRIBUTION != 0)
}

/// Lower-case name particles from `j` that a capitalised word follows
/// ("van der Berg", "de la Vega", "bin Hashim"): the index of that word.
/// Up to three particles in a row.
fn particles_then_name(
    toks: &[Tok<'_>],
    j: usize,
    bits_at: &dyn Fn(usize) -> u16,
) -> Option<usize> {
    // Shape checks first: the lexicon only for words before a capital.
    let k = (j..toks.len().min(j + 4))
        .find(|&k| !toks[k].is_lower())
        .filter(|&k| k > j && toks[k].is_capitalised())?;
    (j..k).all(|i| bits_at(i) & PARTICLE != 0).then_some(k)
}

/// What the word lists say about one word of a capitalised run.
#[derive(Debug, Clone, Copy)]
struct WordFacts {
    /// Lexicon bits of the word without a possessive ending.
    bits: u16,
    /// That form is a country word as written.
    country_stem: bool,
    /// It, or the word as shown ("U.S."), is a country word.
    country: bool,
    /// The word as shown is that form (no period of an initial or suffix).
    display_is_stem: bool,
}

impl WordFacts {
    /// The facts of a word of a run.
    fn look_up(lex: &PersonLexicon, countries: &Countries, seg: &str, t: &Tok<'_>) -> WordFacts {
        WordFacts::with_stem_bits(lex.info(t.stem()), countries, seg, t)
    }

    /// [`WordFacts::look_up`] with the lexicon bits of the word's stem
    /// already at hand.
    fn with_stem_bits(mut bits: u16, countries: &Countries, seg: &str, t: &Tok<'_>) -> WordFacts {
        // An initial is a name word, even one that spells a word ("James
        // A. Baker").
        if t.is_initial() && seg.as_bytes().get(t.end()) == Some(&b'.') {
            bits &= !NOT_PERSON;
        }
        WordFacts::of(bits, countries, seg, t)
    }

    /// `bits`: the lexicon bits of the word without a possessive ending.
    fn of(bits: u16, countries: &Countries, seg: &str, t: &Tok<'_>) -> WordFacts {
        let stem = t.stem();
        let display = display_word(seg, t);
        let display_is_stem = display.len() == stem.len();
        let country_stem = countries.is_country_word(stem);
        WordFacts {
            bits,
            country_stem,
            country: country_stem || (!display_is_stem && countries.is_country_word(display)),
            display_is_stem,
        }
    }
}

/// A name word as it should be shown: without a possessive, and with the
/// period of an initial or suffix ("J.", "Jr.").
fn display_word<'a>(seg: &'a str, t: &Tok<'a>) -> &'a str {
    let stem = t.stem();
    if stem.len() == t.text.len()
        && seg.as_bytes().get(t.end()) == Some(&b'.')
        && (t.is_initials() || matches!(t.text, "Jr" | "Sr" | "Jnr" | "Snr"))
    {
        return &seg[t.start..t.end() + 1];
    }
    stem
}

/// Merge mentions into persons: partial names resolve to the most complete
/// name that contains them; lone surnames stay only with a title.
///
/// Every mention's words are folded once into one buffer; names, firms and
/// the word index all borrow from it, so an article costs a handful of
/// allocations however many mentions it has.
fn resolve(
    lex: &PersonLexicon,
    found: Vec<(usize, Found<'_>)>,
    n_segments: usize,
) -> (Vec<String>, Vec<Vec<(usize, usize)>>) {
    // The folded words of every mention: `keys[i]` is mention i's.
    let mut folded = String::new();
    let mut bounds: Vec<(usize, usize)> = Vec::new();
    let mut per_mention: Vec<std::ops::Range<usize>> = Vec::with_capacity(found.len());
    for (_, f) in &found {
        let first = bounds.len();
        for w in &f.words {
            let s = folded.len();
            lexicon::fold_into(w, &mut folded);
            bounds.push((s, folded.len()));
        }
        per_mention.push(first..bounds.len());
    }
    let words: Vec<&str> = bounds.iter().map(|&(s, e)| &folded[s..e]).collect();
    let keys: Vec<&[&str]> = per_mention.into_iter().map(|r| &words[r]).collect();
    // Firms' names ("Caesars World" of "Caesars World Inc") are no person
    // anywhere in the article.
    let firms: HashSet<&[&str]> = found
        .iter()
        .zip(&keys)
        .filter(|((_, f), _)| f.org_stem)
        .map(|(_, k)| *k)
        .collect();
    // So are two or more words in a row of a firm's name, unless they open
    // with a given name: "Quest Blood" of "Quest Blood Substitute Inc",
    // "Loving Care" of "Tender Loving Care Health Care Services Inc" (not
    // "Ronald Reagan" of "Ronald Reagan Presidential Library Inc").
    let firm_part = |k: &[&str]| {
        k.len() >= 2
            && !lex.is(GIVEN, k[0])
            && firms
                .iter()
                .any(|f| f.len() > k.len() && f.windows(k.len()).any(|w| w == k))
    };
    let kept: Vec<usize> = (0..found.len())
        .filter(|&i| {
            !found[i].1.org_stem
                && (firms.is_empty() || !firms.contains(keys[i]) && !firm_part(keys[i]))
        })
        .collect();
    let contains = |big: &[&str], small: &[&str]| small.iter().all(|s| big.contains(s));
    // The full names, each one mention's folded words.
    let mut fulls: Vec<&[&str]> = Vec::new();
    // The mention that made each full name: its words are the name as shown.
    let mut creator: Vec<usize> = Vec::new();
    // The ids of the full names holding each word, in id order, as a chain
    // through `links` ((id, next link)) from the word's (first, last) link,
    // so finding the first full name that contains a mention looks only at
    // names sharing its first word: linear in the mentions, not quadratic
    // (a results list can name thousands).
    let mut by_word: HashMap<&str, (usize, usize)> = HashMap::default();
    let mut links: Vec<(usize, usize)> = Vec::new();
    let first_containing = |fulls: &[&[&str]],
                            by_word: &HashMap<&str, (usize, usize)>,
                            links: &[(usize, usize)],
                            k: &[&str]| {
        let mut link = by_word.get(k.first()?)?.0;
        while link != usize::MAX {
            let (id, next) = links[link];
            if contains(fulls[id], k) {
                return Some(id);
            }
            link = next;
        }
        None
    };
    // Full names first, longest first, so partial forms fold into them.
    let mut order = kept.clone();
    order.sort_by_key(|&i| std::cmp::Reverse(found[i].1.words.len()));
    // Words with evidence of their own: a title or attribution on a mention.
    let evidenced: HashSet<&str> = kept
        .iter()
        .filter(|&&i| {
            let f = &found[i].1;
            f.confirmed && (f.evidence.title || f.evidence.attribution || f.evidence.apposition)
        })
        .flat_map(|&i| keys[i].iter().copied())
        .collect();
    let mut assigned: Vec<Option<usize>> = vec![None; found.len()];
    for &i in &order {
        let f = &found[i].1;
        let k = keys[i];
        let existing = first_containing(&fulls, &by_word, &links, k);
        if !f.confirmed {
            let backed = f
                .words
                .iter()
                .zip(k)
                .any(|(w, k)| !lex.is(PARTICLE, w) && evidenced.contains(k));
            if !backed && existing.is_none() {
                continue;
            }
        }
        let id = match existing {
            Some(id) => id,
            None if f.words.len() >= 2 || f.evidence.title_inline => {
                let id = fulls.len();
                for (j, &w) in k.iter().enumerate() {
                    if k[..j].contains(&w) {
                        continue;
                    }
                    let link = links.len();
                    links.push((id, usize::MAX));
                    match by_word.get_mut(w) {
                        Some((_, last)) => {
                            links[*last].1 = link;
                            *last = link;
                        }
                        None => {
                            by_word.insert(w, (link, link));
                        }
                    }
                }
                fulls.push(k);
                creator.push(i);
                id
            }
            None => continue,
        };
        assigned[i] = Some(id);
    }
    // Each name's first mention: (segment, offset).
    let mut first = vec![(usize::MAX, 0); fulls.len()];
    let mut all_spans = vec![Vec::new(); n_segments];
    for (i, (seg, f)) in found.iter().enumerate() {
        if let Some(id) = assigned[i] {
            all_spans[*seg].push(f.span);
            first[id] = first[id].min((*seg, f.span.0));
        }
    }
    // In order of first mention, as its first mention wrote it, or as the
    // alias file names it.
    let mut ids: Vec<usize> = (0..fulls.len()).collect();
    ids.sort_by_key(|&id| first[id]);
    let mut names: Vec<String> = Vec::with_capacity(ids.len());
    let mut key = String::new();
    let mut aliased = false;
    for id in ids {
        key.clear();
        for (j, w) in fulls[id].iter().enumerate() {
            if j > 0 {
                key.push(' ');
            }
            key.push_str(w);
        }
        names.push(match lex.aliases.get(key.as_str()) {
            Some(canonical) => {
                aliased = true;
                canonical.clone()
            }
            None => found[creator[id]].1.words.join(" "),
        });
    }
    // Two names can only meet under an alias.
    if aliased {
        let mut seen = HashSet::default();
        names.retain(|n| seen.insert(n.clone()));
    }
    (names, all_spans)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn romanised_given_names() {
        let lex = PersonLexicon::load();
        assert_eq!(lex.syllable_count("Chenxi"), Some(2));
        assert_eq!(lex.syllable_count("Ziyang"), Some(2));
        // A syllable that opens with a vowel only opens the word.
        assert_eq!(lex.syllable_count("Asia"), None);
        assert_eq!(lex.syllable_count("Microsystems"), None);
        assert!(lex.romanised_given(&["Jong", "Un"], false));
        assert!(lex.romanised_given(&["Hyun-woo"], true));
        assert!(lex.romanised_given(&["Jinping"], false));
        // After a family name that is also a word, one plain word is not enough.
        assert!(!lex.romanised_given(&["Lane"], true));
        assert!(!lex.romanised_given(&["Jinping"], true));
        // One syllable alone is too weak ("Wang Yi" needs other evidence).
        assert!(!lex.romanised_given(&["Yi"], false));
    }
}

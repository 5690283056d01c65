//! Entity extraction: the countries, persons and organisations an article
//! names. These facets are why newsdex exists, so the rules favour
//! precision, and every list they use is data in `schema/`.
//!
//! Order matters: persons come first, so that a country form inside a
//! person's name ("Jordan" in "Jordan Henderson") is not counted; the
//! dateline's country is added to the countries named in the text.

pub mod countries;
pub mod orgs;
pub mod persons;
pub mod tokens;

use crate::article::Article;
use countries::Countries;
use orgs::Orgs;
use persons::PersonLexicon;
use std::sync::OnceLock;

/// Everything extraction needs, loaded once per process.
pub struct Extractor {
    pub countries: Countries,
    pub persons: PersonLexicon,
    pub orgs: Orgs,
}

static EXTRACTOR: OnceLock<Extractor> = OnceLock::new();

impl Extractor {
    /// The process-wide extractor, built on first use (a few milliseconds).
    pub fn get() -> &'static Extractor {
        EXTRACTOR.get_or_init(|| Extractor {
            countries: Countries::load(),
            persons: PersonLexicon::load(),
            orgs: Orgs::load(),
        })
    }

    /// A country's canonical name.
    fn country_name(&self, c: u16) -> Option<String> {
        self.countries
            .countries
            .get(c as usize)
            .map(|c| c.name.clone())
    }

    /// Fill `countries`, `persons` and `orgs` of an article.
    pub fn extract(&self, a: &mut Article) {
        let segments: [&str; 3] = a.text_parts();
        // Tokenize each part once; persons and organisations share the tokens.
        let mut spare = TOKEN_BUFFERS.with(|b| std::mem::take(&mut *b.borrow_mut()));
        let toks: Vec<Vec<tokens::Tok<'_>>> = segments
            .iter()
            .map(|s| {
                let buf = tokens::recycle(spare.pop().unwrap_or_default());
                tokens::tokenize_into(s, &|w| self.persons.keeps_sentence(w), buf)
            })
            .collect();
        // Listed bodies first: a person's name is never one of them
        // ("Dean Witter", "New York Fed"). A ticker anywhere in the article
        // is its company's in every part ("CPC <CPC>" in the headline).
        // Each part's angle-bracket tags ("<Nevada Packard>", "<KPT>"),
        // found once for every use below.
        let tags: Vec<Vec<(usize, usize)>> = segments.iter().map(|s| orgs::angle_tags(s)).collect();
        let tickers: Vec<&str> = segments
            .iter()
            .zip(&tags)
            .flat_map(|(s, t)| orgs::ticker_roots(s, t))
            .collect();
        let mut listed: Vec<Vec<orgs::Listed>> = segments
            .iter()
            .zip(&toks)
            .map(|(text, toks)| self.orgs.listed(text, toks, a.date, &tickers))
            .collect();
        // So is an acronym followed by a legal form ("BBC AG").
        let firms: Vec<&str> = segments
            .iter()
            .zip(&listed)
            .flat_map(|(text, ls)| {
                ls.iter()
                    .filter(|l| orgs::firm_acronym_at(text, l.start, l.end))
                    .map(|l| &text[l.start..l.end])
            })
            .collect();
        if !firms.is_empty() {
            for (text, ls) in segments.iter().zip(&mut listed) {
                ls.retain(|l| !firms.contains(&&text[l.start..l.end]));
            }
        }
        // Acronyms that name a national body only in its country's news
        // ("PCB" is the Pakistan Cricket Board in a Lahore story, a
        // chemical in a Houston one): the bodies named by nothing else
        // count only if the article names the country, and never place it.
        let gated = self.orgs.gated_only(&listed);
        let (mut persons, spans) = persons::extract(
            &self.persons,
            &self.countries,
            &segments,
            &toks,
            &tags,
            &listed,
        );
        let mut found: Vec<u16> = Vec::new();
        let dateline = a
            .dateline
            .as_ref()
            .and_then(|dl| self.countries.from_dateline(dl, a.date));
        found.extend(dateline);
        // A country word that is a word of a person's name in this article
        // is the person ("Jordan just got healthy" after "Jordan Ellis").
        let person_words: std::collections::HashSet<&str> =
            persons.iter().flat_map(|p| p.split(' ')).collect();
        let mut pending = Vec::new();
        // Countries in the order the text first names them (the dateline's
        // first), for the government bodies below.
        let mut order: Vec<u16> = dateline.into_iter().collect();
        for (seg, text) in segments.iter().enumerate() {
            let in_name = |s: usize, e: usize| {
                spans[seg].iter().any(|&(ps, pe)| s >= ps && e <= pe)
                    || person_words.contains(&text[s..e])
            };
            self.countries.mentions(
                text,
                &toks[seg],
                &mut found,
                &mut pending,
                &mut order,
                &in_name,
            );
        }
        for c in pending {
            if !found.contains(&c) && toks.iter().any(|t| self.countries.corroborated(c, t)) {
                found.push(c);
            }
        }
        let mut orgs = Vec::new();
        for ((text, toks), listed) in segments.iter().zip(&toks).zip(&listed) {
            let is_owner = |w: &str| person_words.contains(w) || self.countries.is_place(w);
            let clues = orgs::Clues {
                is_owner: &is_owner,
                is_person: &|w| person_words.contains(w),
                opens_title: &|w, next| self.persons.opens_title(w, next),
                names_thing: &|w| self.persons.names_thing(w),
                names_body: &|w| self.persons.is_org_word(w),
                qualifies_body: &|w| self.countries.is_place_or_nationality(w),
                country_of: &|w| self.country_name(self.countries.of_qualifier(w, a.date)?),
                has_government_bodies: &|c, body| self.countries.may_have_body(c, body),
            };
            self.orgs
                .extract(text, toks, listed, &clues, a.date, &mut orgs);
        }
        // A dateline that names a listed body instead of a place places the
        // story as firmly as a city's does, so the fallbacks below, which
        // guess a place for stories that have none, leave it unplaced
        // ("... rather than in New York").
        let body_dateline = match dateline {
            Some(_) => None,
            None => a
                .dateline
                .as_ref()
                .and_then(|dl| self.orgs.dateline_body(&dl.city, a.date)),
        };
        let unplaced = |found: &[u16]| found.is_empty() && body_dateline.is_none();
        // Nothing names a country, but a national body does: a Fed weekly
        // report or a CBT price table is a US story (README, Entities).
        if unplaced(&found) {
            for org in orgs.iter().filter(|o| !gated.iter().any(|(g, _)| g == o)) {
                if let Some(c) = self.countries.home_of(org, a.date) {
                    if !found.contains(&c) {
                        found.push(c);
                    }
                }
            }
        }
        // Nor a national body, but a state or province does: "GM to idle
        // Michigan truck line" is a US story (README, Entities).
        if unplaced(&found) {
            found.extend(segments.iter().enumerate().find_map(|(seg, text)| {
                let in_name =
                    |s: usize, e: usize| spans[seg].iter().any(|&(ps, pe)| s >= ps && e <= pe);
                self.countries.region_in_text(text, &toks[seg], &in_name)
            }));
        }
        // Nor a region, but the headline opens with a city, as a wire
        // market slug does: "LONDON GOLD CLOSING" (README, Entities).
        if unplaced(&found) {
            let title = segments[0];
            let in_name = |s: usize, e: usize| {
                spans[0].iter().any(|&(ps, pe)| s >= ps && e <= pe)
                    || title[s..e]
                        .split(' ')
                        .any(|w| person_words.iter().any(|p| p.eq_ignore_ascii_case(w)))
            };
            found.extend(self.countries.headline_city(
                title,
                &toks[0],
                a.date,
                &orgs::closes_firm_name,
                &in_name,
            ));
        }
        // Each mention as the state of the article's day ("Germany" in 1987
        // is West Germany), once.
        let mut states: Vec<u16> = Vec::with_capacity(found.len());
        for c in found {
            let c = self.countries.as_of(c, a.date);
            if !states.contains(&c) {
                states.push(c);
            }
        }
        // A ministry or central bank named without its country is the one
        // the same body is named with elsewhere in the article, else the
        // dateline's country's, as wire copy names a foreign one's
        // country, else that of the country the article names first
        // (the headline's, most often); never of a country without such
        // bodies. A party of shared words ("Labour Party") likewise, of any
        // country (README, Entities).
        let needs_country = |o: &str| self.orgs.needs_country(o);
        if orgs.iter().any(|o| needs_country(o)) {
            // "the Swiss National Bank ... the National Bank": a bare body
            // whose words a listed national body of the article holds is
            // that body.
            let national: Vec<String> = orgs
                .iter()
                .filter(|o| self.countries.home_of(o, a.date).is_some())
                .cloned()
                .collect();
            orgs.retain(|o| {
                !(needs_country(o)
                    && orgs::split_country(o).1.is_none()
                    && national
                        .iter()
                        .any(|n| n != o && countries::holds_words(n, o)))
            });
            let first_state = |keep: &dyn Fn(u16) -> bool| {
                order
                    .iter()
                    .map(|&c| self.countries.as_of(c, a.date))
                    .find(|&c| states.contains(&c) && keep(c))
                    .and_then(|c| self.country_name(c))
            };
            let body_home = first_state(&|c| self.countries.has_ministries(c));
            let party_home = first_state(&|_| true);
            orgs::place_bare_bodies(
                &mut orgs,
                &needs_country,
                &|o| match orgs::is_government_body(o) {
                    true => body_home
                        .as_deref()
                        .filter(|c| self.countries.may_have_body(c, o)),
                    false => party_home.as_deref(),
                },
                &|w| self.countries.names_a_nation(w),
            );
            orgs::distinct(&mut orgs);
        }
        // A body placed in a country that lists it by its own name is that
        // body: "National Bank (Switzerland)" is the Swiss National Bank,
        // "Central Bank (Japan)" the Bank of Japan, whether the article or
        // the name's own qualifier placed it ("the Australian Reserve Bank").
        let mut renamed = false;
        for o in orgs.iter_mut() {
            if let (body, Some(c)) = orgs::split_country(o) {
                if let Some(listed) = self.countries.national_body(body, c, a.date) {
                    *o = listed.to_string();
                    renamed = true;
                }
            }
        }
        if renamed {
            orgs::distinct(&mut orgs);
        }
        // A dateline that names a listed body rather than a place ("UNITED
        // NATIONS, March 6 -") is that body's story (README, Entities).
        if let Some(body) = body_dateline.filter(|b| !orgs.iter().any(|o| o == b)) {
            orgs.insert(0, body.to_string());
        }
        let countries: Vec<String> = states
            .into_iter()
            .map(|i| self.countries.countries[i as usize].name.clone())
            .collect();
        if !gated.is_empty() {
            let named = |code: &String| {
                self.countries
                    .resolve(code)
                    .is_some_and(|c| countries.iter().any(|n| n == c))
            };
            orgs.retain(|o| {
                gated
                    .iter()
                    .find(|(g, _)| g == o)
                    .is_none_or(|(_, codes)| codes.iter().any(named))
            });
        }
        // A firm named after people ("Morgan Stanley") is the organisation.
        // So is a run that spells a listed body's name or alias ("J.P. Morgan
        // Chase said", found as "JPMorgan Chase"), or its plural ("Fannie
        // Maes", the securities).
        // A name right before a ticker tag is the company's too ("KENNER
        // PARKER <KPT>" ... "Kenner Parker said"), in the headline or the text.
        if !persons.is_empty() {
            let tickers: Vec<String> = segments
                .iter()
                .zip(&tags)
                .flat_map(|(s, t)| orgs::before_tickers(s, t))
                .collect();
            let folded: Vec<String> = orgs.iter().map(|o| crate::lexicon::fold(o)).collect();
            persons.retain(|p| {
                let p = crate::lexicon::fold(p);
                let singular = p.strip_suffix('s').unwrap_or(&p);
                let ticker_named = |t: &String| {
                    t.strip_suffix(p.as_str())
                        .is_some_and(|rest| rest.is_empty() || rest.ends_with(' '))
                };
                let named_org = folded.contains(&p)
                    || self.orgs.is_listed_folded(&p)
                    || self.orgs.is_listed_folded(singular);
                !named_org && !tickers.iter().any(ticker_named)
            });
        }
        // Keep the token buffers for this thread's next article, unless an
        // outsized article made one huge.
        spare.extend(
            toks.into_iter()
                .filter(|t| t.capacity() <= MAX_KEPT_TOKENS)
                .map(tokens::recycle),
        );
        a.countries = countries;
        a.persons = persons;
        a.orgs = orgs;
        TOKEN_BUFFERS.with(|b| *b.borrow_mut() = spare);
    }
}

/// Token buffers larger than this are freed rather than kept.
const MAX_KEPT_TOKENS: usize = 1 << 18;

thread_local! {
    /// Each thread's token buffers, one per text part, kept between articles.
    static TOKEN_BUFFERS: std::cell::RefCell<Vec<Vec<tokens::Tok<'static>>>> =
        const { std::cell::RefCell::new(Vec::new()) };
}

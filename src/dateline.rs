//! Wire datelines: "KABUL, Nov 10 (Reuters) -", "CHARLOTTE, N.C., March 20 -",
//! "ROME 1996-12-06 -".
//!
//! A dateline is often the only thing in wire copy that says where a story
//! happened and, with the archive's year, when. This module only finds and
//! splits it; `entities` maps the city to a country and `formats` turns the
//! month and day into a date.

use crate::dates::{self, NewsDate};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Dateline {
    /// The city as written ("NEW YORK", "Halifax").
    pub city: String,
    /// A state, province or country after the city ("N.C.", "Nova Scotia").
    pub region: Option<String>,
    /// Month and day when the dateline carries them.
    pub month_day: Option<(u32, u32)>,
    /// A full date when the dateline carries a year.
    pub date: Option<NewsDate>,
}

const DASHES: [&str; 5] = [" -- ", " — ", " – ", " - ", "—"];

/// Find a dateline at the start of `body`.
pub fn detect(body: &str) -> Option<Dateline> {
    let body = body.trim_start();
    let window_end = floor_char_boundary(body, 160);
    let window = &body[..window_end];
    let line_end = window.find('\n').unwrap_or(window.len());
    let line = &window[..line_end];

    // "CORRECTION - ACME CORP": a flagged headline repeated, not a place.
    if after_wire_flag(line).is_some() {
        return None;
    }
    let head = match find_dash(line) {
        Some(pos) => &line[..pos],
        // "ROME 1996-12-06" alone on its first line.
        None if line.len() < 60 && line_end < window.len() => line,
        None => return without_date(line),
    };
    let head = strip_agency(head.trim());
    if head.is_empty() || head.len() > 90 {
        return None;
    }
    let parts: Vec<&str> = head.split(',').map(str::trim).collect();
    let (place_parts, month_day, date) = split_date(&parts)?;
    let mut city = place_parts.first()?.trim();
    let mut region = place_parts.get(1).map(|r| r.trim());
    // "FARMINGTON Conn., March 9 -": an abbreviated state in lower case
    // after a city in capitals, the comma between them left out.
    if region.is_none() {
        if let Some((c, r)) = city.rsplit_once(' ') {
            let caps = |w: &str| !w.chars().any(char::is_lowercase);
            if r.len() <= 6
                && r.ends_with('.')
                && !caps(r)
                && c.chars().any(char::is_alphabetic)
                && caps(c)
            {
                (city, region) = (c.trim_end(), Some(r));
            }
        }
    }
    // Some wire feeds lower-cased whole stories ("peoria, april 7 - ..."),
    // some all but the first letter ("San jose, march 18 - ...").
    let lower_case_copy = !head.chars().skip(1).any(char::is_uppercase);
    if !looks_like_city(city, month_day.is_some() || date.is_some(), lower_case_copy) {
        return None;
    }
    let region = region
        .map(str::to_string)
        .filter(|r| !r.is_empty() && r.len() < 30);
    Some(Dateline {
        city: city.to_string(),
        region,
        month_day,
        date,
    })
}

/// A dateline of city and abbreviated state with no date and no dash,
/// the story running on after a comma: "RENO, Nev., Porsche Cars North
/// America Inc said ...". The city in capitals, the state one to six
/// letters and periods ending in a period, not all capitals unless dotted
/// ("Conn.", "N.Y.", not "INC.").
fn without_date(line: &str) -> Option<Dateline> {
    let mut parts = line.splitn(3, ", ");
    let (city, region, rest) = (parts.next()?, parts.next()?, parts.next()?);
    let letters = region.trim_end_matches('.');
    let state = (2..=7).contains(&region.len())
        && region.ends_with('.')
        && letters.starts_with(|c: char| c.is_ascii_uppercase())
        && letters.chars().all(|c| c.is_ascii_alphabetic() || c == '.')
        && (letters.chars().any(|c| c.is_ascii_lowercase()) || letters.contains('.'));
    (state && !rest.is_empty() && looks_like_city(city, false, false)).then(|| Dateline {
        city: city.to_string(),
        region: Some(region.to_string()),
        month_day: None,
        date: None,
    })
}

/// Find a dateline in `body` after a first paragraph that repeats the
/// headline: wire services often print "UNILEVER PLC 1986 4TH QTR\n\n
/// LONDON, March 3\n\nUnilever Plc share ...".
pub fn detect_after_title(body: &str, title: &str) -> Option<Dateline> {
    let body = body.trim_start();
    let (first, rest) = body.split_once("\n\n")?;
    let same = first.split_whitespace().eq(title.split_whitespace()) && !title.trim().is_empty();
    if same {
        detect(rest)
    } else {
        None
    }
}

/// Words that flag a wire item as a correction or a repeat of an earlier
/// one: "CORRECTION - LONDON - CITIBANK ...", "RPT- LONDON EURO DEPOSITS".
const WIRE_FLAGS: [&str; 6] = [
    "CORRECTION",
    "CORRECTED",
    "RPT",
    "REPEAT",
    "REFILE",
    "UPDATE",
];

/// Where a headline goes on after its leading wire flags ("CORRECTED
/// REPEAT-", "(CORRECTION) - ", "UPDATE 2-"), and whether one of them
/// marks a correction. `None` when the headline opens with no flag, or a
/// flag word without its dash or brackets ("UPDATE ON TALKS").
pub fn after_wire_flag(title: &str) -> Option<(usize, bool)> {
    let mut rest = title.trim_start_matches(['(', ' ', '*']);
    let mut correction = false;
    let mut flagged = false;
    loop {
        let word_len = rest
            .find(|c: char| !c.is_ascii_alphabetic())
            .unwrap_or(rest.len());
        let word = &rest[..word_len];
        if !WIRE_FLAGS.iter().any(|f| f.eq_ignore_ascii_case(word)) {
            break;
        }
        flagged = true;
        correction |= word.to_ascii_uppercase().starts_with("CORRECT");
        rest = rest[word_len..].trim_start_matches(|c: char| c == ' ' || c.is_ascii_digit());
    }
    let after = rest.trim_start_matches([')', '-', ':', ' ', '–', '—']);
    let separated =
        after.len() < rest.len() && rest.trim_start().starts_with([')', '-', ':', '–', '—']);
    (flagged && separated && !after.is_empty()).then(|| (title.len() - after.len(), correction))
}

/// The dateline of the story a correction corrects, which the correction
/// names instead of carrying one: "CORRECTION - ACME CORP\n\nIn the
/// CINCINNATI item headlined ...", "In Torrance, Calif., item ...".
pub fn from_correction(title: &str, body: &str) -> Option<Dateline> {
    if !after_wire_flag(title)?.1 {
        return None;
    }
    let window = &body[..floor_char_boundary(body, 400)];
    let para = window.split("\n\n").find_map(|p| {
        let p = p.trim_start();
        p.strip_prefix("In ").or_else(|| p.strip_prefix("IN "))
    })?;
    let end = ["item", "story", "ITEM", "STORY"]
        .iter()
        .filter_map(|w| para.find(&format!(" {w}")))
        .min()?;
    let head = para[..end].trim_end_matches([',', ' ']);
    let head = ["the ", "today's ", "a "]
        .iter()
        .fold(head, |h, p| h.strip_prefix(p).unwrap_or(h));
    let mut parts = head.split(',').map(str::trim);
    let city = parts.next()?;
    if !looks_like_city(city, true, false) {
        return None;
    }
    let region = parts.next().filter(|r| !r.is_empty() && r.len() < 30);
    Some(Dateline {
        city: city.to_string(),
        region: region.map(str::to_string),
        month_day: None,
        date: None,
    })
}

fn floor_char_boundary(s: &str, mut i: usize) -> usize {
    if i >= s.len() {
        return s.len();
    }
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

fn find_dash(line: &str) -> Option<usize> {
    let mut best: Option<usize> = None;
    for d in DASHES {
        if let Some(p) = line.find(d) {
            best = Some(best.map_or(p, |b| b.min(p)));
        }
    }
    // "March 5- " : a dash glued to the day.
    if let Some(p) = line.find("- ") {
        if p > 0 && line.as_bytes()[p - 1].is_ascii_digit() {
            best = Some(best.map_or(p, |b| b.min(p)));
        }
    }
    best
}

/// Drop a trailing "(Reuters)", "(AP)" and similar credit.
fn strip_agency(head: &str) -> &str {
    if head.ends_with(')') {
        if let Some(open) = head.rfind('(') {
            let inner = &head[open + 1..head.len() - 1];
            if !inner.is_empty() && inner.len() <= 20 && !inner.contains(',') {
                return head[..open].trim_end();
            }
        }
    }
    head
}

type Split<'a> = (Vec<&'a str>, Option<(u32, u32)>, Option<NewsDate>);

/// Separate the trailing date ("Nov 10", "1996-12-06", "March 20, 1987")
/// from the place parts. A dateline needs a date or an all-caps city.
fn split_date<'a>(parts: &[&'a str]) -> Option<Split<'a>> {
    let last = *parts.last()?;
    // "ROME 1996-12-06": date after the city with no comma.
    if parts.len() == 1 {
        if let Some((city, tail)) = last.rsplit_once(' ') {
            if let Ok(d) = dates::parse(tail) {
                return Some((vec![city], None, Some(d)));
            }
            if let Some(md) = month_day(tail) {
                return Some((vec![city], Some(md), None));
            }
            // "SAO PAULO, APRIL 7" handled below; "NEW YORK APRIL 7"
            let words: Vec<&str> = last.split_whitespace().collect();
            if words.len() >= 3 {
                let n = words.len();
                let tail2 = format!("{} {}", words[n - 2], words[n - 1]);
                if let Some(md) = month_day(&tail2) {
                    let cut = last.len() - tail2.len();
                    return Some((vec![last[..cut].trim_end()], Some(md), None));
                }
            }
        }
        return Some((vec![last], None, None));
    }
    // "..., March 20, 1987"
    if parts.len() >= 3 && last.len() == 4 && last.bytes().all(|b| b.is_ascii_digit()) {
        let joined = format!("{}, {}", parts[parts.len() - 2], last);
        if let Ok(d) = dates::parse(&joined) {
            return Some((parts[..parts.len() - 2].to_vec(), None, Some(d)));
        }
    }
    if let Some(md) = month_day(last) {
        return Some((parts[..parts.len() - 1].to_vec(), Some(md), None));
    }
    // "ANGLETON, Tex. March 3": the region and the date share a part.
    let words: Vec<&str> = last.split_whitespace().collect();
    if words.len() >= 3 {
        let n = words.len();
        if let Some(md) = month_day(&format!("{} {}", words[n - 2], words[n - 1])) {
            let cut = last.rfind(words[n - 2]).unwrap_or(last.len());
            let mut place = parts[..parts.len() - 1].to_vec();
            place.push(last[..cut].trim_end());
            return Some((place, Some(md), None));
        }
    }
    if let Ok(d) = dates::parse(last) {
        return Some((parts[..parts.len() - 1].to_vec(), None, Some(d)));
    }
    Some((parts.to_vec(), None, None))
}

/// "Nov 10", "APril 28", "10 November".
fn month_day(s: &str) -> Option<(u32, u32)> {
    let mut it = s.split_whitespace();
    let a = it.next()?;
    let b = it.next()?;
    if it.next().is_some() {
        return None;
    }
    let day = |t: &str| -> Option<u32> {
        let n: u32 = t.trim_end_matches('.').parse().ok()?;
        (1..=31).contains(&n).then_some(n)
    };
    if let (Some(m), Some(d)) = (dates::month_from_name(a), day(b)) {
        return Some((m, d));
    }
    if let (Some(d), Some(m)) = (day(a), dates::month_from_name(b)) {
        return Some((m, d));
    }
    None
}

/// A dateline city is one to five capitalised words (or, in copy with no
/// capitals at all, lower-case words followed by a date). Without a date it must
/// be in capitals, as wire copy writes it, so that an ordinary sentence with
/// a dash is not mistaken for a dateline.
fn looks_like_city(city: &str, has_date: bool, lower_case_copy: bool) -> bool {
    let words: Vec<&str> = city.split_whitespace().collect();
    if words.is_empty() || words.len() > 5 || city.len() > 40 {
        return false;
    }
    if lower_case_copy {
        let plain = city.starts_with(char::is_alphabetic)
            && city
                .chars()
                .skip(1)
                .all(|c| c.is_lowercase() || matches!(c, ' ' | '.' | '\'' | '-'));
        return has_date && plain && words.iter().all(|w| w.len() > 1);
    }
    let all_caps =
        city.chars().any(|c| c.is_alphabetic()) && !city.chars().any(|c| c.is_lowercase());
    let capitalised = words.iter().all(|w| {
        w.chars()
            .next()
            .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())
    });
    let plain = city
        .chars()
        .all(|c| c.is_alphabetic() || matches!(c, ' ' | '.' | '\'' | '-'));
    plain && capitalised && (all_caps || has_date)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dl(s: &str) -> Dateline {
        detect(s).unwrap_or_else(|| panic!("no dateline in {s:?}"))
    }

    #[test]
    fn state_abbreviation_without_its_comma() {
        let d = dl("FARMINGTON Conn., March 9 - National Distillers said");
        assert_eq!(
            (d.city.as_str(), d.region.as_deref(), d.month_day),
            ("FARMINGTON", Some("Conn."), Some((3, 9)))
        );
        // Capitals throughout are the city's own words.
        let d = dl("SALT LAKE CITY, March 9 - Prices rose");
        assert_eq!((d.city.as_str(), d.region), ("SALT LAKE CITY", None));
    }

    #[test]
    fn city_and_state_without_a_date() {
        let d = dl("RENO, Nev., Porsche Cars North America Inc said its sales fell");
        assert_eq!(
            (d.city.as_str(), d.region.as_deref(), d.month_day),
            ("RENO", Some("Nev."), None)
        );
        let d = dl("LEVITTOWN, N.Y., Quantech said it would merge");
        assert_eq!(d.region.as_deref(), Some("N.Y."));
        // A firm's legal form, a lower-case word or a plain sentence is no state.
        assert!(detect("ACME HOLDINGS, INC., said on Monday it would merge").is_none());
        assert!(detect("RENO, nev., it said").is_none());
        assert!(detect("Reno, Nev., is where the firm said it would move").is_none());
    }

    #[test]
    fn lower_case_wire_copy() {
        let d = dl("sioux falls, april 7 - slaughter cattle rose 0.50 dlr");
        assert_eq!(
            (d.city.as_str(), d.month_day),
            ("sioux falls", Some((4, 7)))
        );
        let d = dl("evanston, ill., march 5 - grain prices");
        assert_eq!(
            (d.city.as_str(), d.region.as_deref()),
            ("evanston", Some("ill."))
        );
        // Lower-cased but for the first letter.
        let d = dl("San jose, march 18 - The 25-nation body");
        assert_eq!((d.city.as_str(), d.month_day), ("San jose", Some((3, 18))));
        // Without a date, lower-case text before a dash is no dateline.
        assert!(detect("prices rose - and fell").is_none());
        assert!(detect("Prices rose - and fell").is_none());
        // Capitals elsewhere in the head: ordinary rules.
        assert!(detect("meanwhile, March 5 - the talks").is_none());
    }

    #[test]
    fn real_shapes() {
        let d = dl("KABUL, Nov 10 (Reuters) - The talks...");
        assert_eq!((d.city.as_str(), d.month_day), ("KABUL", Some((11, 10))));
        let d = dl("SALVADOR, Feb 26 - Showers continued");
        assert_eq!((d.city.as_str(), d.month_day), ("SALVADOR", Some((2, 26))));
        let d = dl("ROME 1996-12-06 - Italy's");
        assert_eq!(d.city, "ROME");
        assert_eq!(d.date.unwrap().display(), "1996-12-06");
        let d = dl("CHARLOTTE, N.C., March 20 - Duke Power");
        assert_eq!(
            (d.city.as_str(), d.region.as_deref()),
            ("CHARLOTTE", Some("N.C."))
        );
        let d = dl("HALIFAX, Nova Scotia, March 24 - A");
        assert_eq!(d.region.as_deref(), Some("Nova Scotia"));
        let d = dl("NEW YORK, APril 28 - Shares");
        assert_eq!((d.city.as_str(), d.month_day), ("NEW YORK", Some((4, 28))));
        let d = dl("SAO PAULO, APRIL 7 - Brazil");
        assert_eq!(d.month_day, Some((4, 7)));
        let d = dl("EVANSTON, ILL., March 5- The");
        assert_eq!(
            (d.city.as_str(), d.region.as_deref()),
            ("EVANSTON", Some("ILL."))
        );
        let d = dl("LAGOS, June 3 (AP) — Fuel");
        assert_eq!(d.city, "LAGOS");
        let d = dl("MEXICO CITY, May 9 - The");
        assert_eq!(d.city, "MEXICO CITY");
        let d = dl("ANGLETON, Tex. March 3 - Oper shr");
        assert_eq!(
            (d.region.as_deref(), d.month_day),
            (Some("Tex."), Some((3, 3)))
        );
        let d = dl("WASHINGTON - The Senate");
        assert_eq!((d.city.as_str(), d.month_day), ("WASHINGTON", None));
    }

    #[test]
    fn dateline_after_a_repeated_headline() {
        let body = "ACME CORP 1ST QTR NET\n\nHARTFORD, Conn., April 2\n\nShr 10 cts vs 8 cts";
        let d = detect_after_title(body, "ACME CORP 1ST QTR\nNET").unwrap();
        assert_eq!(d.city, "HARTFORD");
        assert_eq!(d.region.as_deref(), Some("Conn."));
        assert_eq!(d.month_day, Some((4, 2)));
        // A first paragraph that is not the headline is left alone.
        assert!(detect_after_title(body, "ACME CORP RESULTS").is_none());
    }

    #[test]
    fn wire_flags_and_corrections() {
        let t = "CORRECTION - LONDON - ACME LAUNCHES WARRANTS";
        assert_eq!(after_wire_flag(t), Some((13, true)));
        assert_eq!(after_wire_flag("RPT- ZURICH GOLD"), Some((5, false)));
        assert_eq!(after_wire_flag("(CORRECTED) - ACME"), Some((14, true)));
        assert_eq!(
            after_wire_flag("CORRECTED REPEAT-N.Y. COTTON"),
            Some((17, true))
        );
        assert_eq!(after_wire_flag("UPDATE ON TALKS"), None);
        assert_eq!(after_wire_flag("LONDON GOLD"), None);
        let body =
            "CORRECTION - ACME\n\nIn the CINCINNATI item headlined \"ACME\", please read ...";
        let d = from_correction("CORRECTION - ACME", body).unwrap();
        assert_eq!(d.city, "CINCINNATI");
        assert!(
            detect(body).is_none(),
            "the flagged headline is no dateline"
        );
        let d = from_correction(
            "CORRECTION - ACME",
            "In Torrance, Calif., item ACME, read ...",
        )
        .unwrap();
        assert_eq!(
            (d.city.as_str(), d.region.as_deref()),
            ("Torrance", Some("Calif."))
        );
        assert!(from_correction("CORRECTION - ACME", "In item headlined \"ACME\" read").is_none());
        // Only a correction names the corrected story's dateline.
        assert!(from_correction("ACME RESULTS", "In London item ACME").is_none());
    }

    #[test]
    fn ordinary_sentences_are_not_datelines() {
        assert!(detect("The minister said - and repeated - that").is_none());
        assert!(detect("Despite the collapse of the talks, Mujahid insisted").is_none());
        assert!(detect("In March - a cold month - prices rose").is_none());
    }
}

//! Dates as news actually writes them.
//!
//! Archives mix ISO 8601 stamps from CMS exports, RFC 2822 from RSS feeds,
//! "10 November 2025" from web pages, "26-FEB-1987 15:01:01.79" from old
//! wire systems and bare "Feb 26" datelines. Everything here turns such text
//! into one UTC instant, remembering whether the source gave a time of day,
//! and rejects impossible dates (year 0, 31 February) with a reason instead
//! of guessing.

use chrono::{DateTime, Datelike, Duration, NaiveDate, NaiveDateTime, NaiveTime, TimeZone, Utc};
use std::fmt;

/// The earliest and latest years an article date may carry. Anything outside
/// is a typo or a placeholder (0000-01-01, 9999-12-31), not a publication date.
pub const MIN_YEAR: i32 = 1800;
pub const MAX_YEAR: i32 = 2100;

/// A publication date in UTC.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct NewsDate {
    pub utc: DateTime<Utc>,
    /// Whether the source gave a time of day; display drops it otherwise.
    pub has_time: bool,
}

impl NewsDate {
    pub fn from_ymd(y: i32, m: u32, d: u32) -> Result<NewsDate, DateError> {
        let date = checked_ymd(y, m, d)?;
        Ok(NewsDate {
            utc: Utc.from_utc_datetime(&date.and_time(NaiveTime::MIN)),
            has_time: false,
        })
    }

    pub fn date(&self) -> NaiveDate {
        self.utc.date_naive()
    }

    /// `YYYY-MM-DD`, or RFC 3339 (`2025-11-10T08:15:00Z`) when a time is known.
    pub fn display(&self) -> String {
        if self.has_time {
            self.utc.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
        } else {
            self.utc.format("%Y-%m-%d").to_string()
        }
    }
}

impl fmt::Display for NewsDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.display())
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DateError {
    #[error("unrecognised date `{0}`")]
    Unrecognised(String),
    #[error("impossible date `{0}`")]
    Impossible(String),
    #[error("date `{0}` is outside {MIN_YEAR}..={MAX_YEAR}")]
    OutOfRange(String),
}

fn checked_ymd(y: i32, m: u32, d: u32) -> Result<NaiveDate, DateError> {
    if !(MIN_YEAR..=MAX_YEAR).contains(&y) {
        return Err(DateError::OutOfRange(format!("{y:04}-{m:02}-{d:02}")));
    }
    NaiveDate::from_ymd_opt(y, m, d)
        .ok_or_else(|| DateError::Impossible(format!("{y:04}-{m:02}-{d:02}")))
}

/// Month number for an English month name or abbreviation ("Nov", "Sept.",
/// "NOVEMBER", "APril").
pub fn month_from_name(word: &str) -> Option<u32> {
    let w = word.trim_end_matches('.');
    if w.len() < 3 || w.len() > 9 || !w.is_ascii() {
        return None;
    }
    let lower = w.to_ascii_lowercase();
    const MONTHS: [&str; 12] = [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ];
    for (i, name) in MONTHS.iter().enumerate() {
        if *name == lower || (lower.len() == 3 && name.starts_with(&lower)) {
            return Some(i as u32 + 1);
        }
    }
    if lower == "sept" {
        return Some(9);
    }
    None
}

fn is_weekday(word: &str) -> bool {
    let w = word.trim_end_matches('.').to_ascii_lowercase();
    const DAYS: [&str; 7] = [
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
    ];
    DAYS.iter()
        .any(|d| *d == w || (w.len() >= 3 && w.len() <= 4 && d.starts_with(&w)))
}

/// Offset in minutes east of UTC for a zone name found in news dates.
fn zone_offset(word: &str) -> Option<i32> {
    Some(match word.to_ascii_uppercase().as_str() {
        "Z" | "UTC" | "GMT" | "UT" => 0,
        "EST" => -5 * 60,
        "EDT" => -4 * 60,
        "CST" => -6 * 60,
        "CDT" => -5 * 60,
        "MST" => -7 * 60,
        "MDT" => -6 * 60,
        "PST" => -8 * 60,
        "PDT" => -7 * 60,
        "BST" => 60,
        "CET" => 60,
        "CEST" => 120,
        "IST" => 330,
        "JST" => 540,
        _ => return None,
    })
}

/// Parse a date as it appears in an article header, a feed or a dateline.
pub fn parse(input: &str) -> Result<NewsDate, DateError> {
    let s = input.trim();
    if s.is_empty() || s.len() > 80 {
        return Err(DateError::Unrecognised(truncate(s)));
    }
    if let Ok(dt) = DateTime::parse_from_rfc3339(s) {
        return finish(dt.with_timezone(&Utc), true, s);
    }
    if let Ok(dt) = DateTime::parse_from_rfc2822(s) {
        return finish(dt.with_timezone(&Utc), true, s);
    }
    parse_tokens(s)
}

/// Unix time from a JSON number: seconds, or milliseconds when the number is
/// too large to be seconds of a plausible year.
pub fn from_unix(value: f64) -> Result<NewsDate, DateError> {
    let secs = if value.abs() > 1e11 {
        value / 1000.0
    } else {
        value
    };
    if !secs.is_finite() {
        return Err(DateError::Unrecognised(value.to_string()));
    }
    let dt = DateTime::<Utc>::from_timestamp(secs as i64, 0)
        .ok_or_else(|| DateError::OutOfRange(value.to_string()))?;
    finish(dt, true, &value.to_string())
}

fn finish(utc: DateTime<Utc>, has_time: bool, src: &str) -> Result<NewsDate, DateError> {
    if !(MIN_YEAR..=MAX_YEAR).contains(&utc.year()) {
        return Err(DateError::OutOfRange(truncate(src)));
    }
    Ok(NewsDate { utc, has_time })
}

fn truncate(s: &str) -> String {
    s.chars().take(40).collect()
}

#[derive(Debug)]
enum Tok<'a> {
    Num(&'a str),
    Word(&'a str),
    Time(u32, u32, u32),
    Offset(i32),
}

/// Split a date string into numbers, words, a time and an offset. Separators
/// (space, comma, '-', '/', '.') only split.
fn tokenize(s: &str) -> Option<Vec<Tok<'_>>> {
    let b = s.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    let mut seen_date_digits = false;
    while i < b.len() {
        let c = b[i];
        if c.is_ascii_digit() {
            let start = i;
            while i < b.len() && b[i].is_ascii_digit() {
                i += 1;
            }
            if i < b.len() && b[i] == b':' {
                // hh:mm[:ss[.frac]]
                let h: u32 = s[start..i].parse().ok()?;
                i += 1;
                let ms = i;
                while i < b.len() && b[i].is_ascii_digit() {
                    i += 1;
                }
                let m: u32 = s[ms..i].parse().ok()?;
                let mut sec = 0;
                if i < b.len() && b[i] == b':' {
                    i += 1;
                    let ss = i;
                    while i < b.len() && b[i].is_ascii_digit() {
                        i += 1;
                    }
                    sec = s[ss..i].parse().ok()?;
                    if i < b.len() && (b[i] == b'.' || b[i] == b',') {
                        i += 1;
                        while i < b.len() && b[i].is_ascii_digit() {
                            i += 1;
                        }
                    }
                }
                out.push(Tok::Time(h, m, sec));
                continue;
            }
            let digits = &s[start..i];
            // "10th", "1st"
            // Compare bytes: the next character may be multi-byte ("20R˦").
            if i + 1 < b.len() {
                let suf = [b[i].to_ascii_lowercase(), b[i + 1].to_ascii_lowercase()];
                if matches!(&suf, b"st" | b"nd" | b"rd" | b"th") {
                    i += 2;
                }
            }
            seen_date_digits = true;
            out.push(Tok::Num(digits));
        } else if (c == b'+' || c == b'-') && matches!(out.last(), Some(Tok::Time(..))) {
            // +05:30, -0500 after a time
            let sign = if c == b'-' { -1 } else { 1 };
            i += 1;
            let start = i;
            while i < b.len() && (b[i].is_ascii_digit() || b[i] == b':') {
                i += 1;
            }
            let raw: String = s[start..i].chars().filter(|c| *c != ':').collect();
            let (h, m) = match raw.len() {
                2 => (raw.parse::<i32>().ok()?, 0),
                4 => (raw[..2].parse::<i32>().ok()?, raw[2..].parse::<i32>().ok()?),
                _ => return None,
            };
            out.push(Tok::Offset(sign * (h * 60 + m)));
        } else if c.is_ascii_alphabetic() {
            let start = i;
            while i < b.len() && b[i].is_ascii_alphabetic() {
                i += 1;
            }
            let word = &s[start..i];
            // ISO "T" separator between date and time
            if word == "T" && seen_date_digits {
                continue;
            }
            out.push(Tok::Word(word));
        } else if c.is_ascii() {
            i += 1;
        } else {
            // Non-ASCII (a stray symbol or a non-English month): not ours.
            return None;
        }
    }
    Some(out)
}

fn parse_tokens(s: &str) -> Result<NewsDate, DateError> {
    let bad = || DateError::Unrecognised(truncate(s));
    let toks = tokenize(s).ok_or_else(bad)?;
    let mut nums: Vec<&str> = Vec::new();
    let mut month_word: Option<u32> = None;
    let mut month_pos = 0usize;
    let mut time: Option<(u32, u32, u32)> = None;
    let mut offset_min: i32 = 0;
    let mut pm: Option<bool> = None;
    for t in &toks {
        match t {
            Tok::Num(n) => nums.push(n),
            Tok::Time(h, m, sec) => time = Some((*h, *m, *sec)),
            Tok::Offset(o) => offset_min = *o,
            Tok::Word(w) => {
                if let Some(m) = month_from_name(w) {
                    if month_word.is_some() {
                        return Err(bad());
                    }
                    month_word = Some(m);
                    month_pos = nums.len();
                } else if is_weekday(w) {
                } else if let Some(o) = zone_offset(w) {
                    offset_min = o;
                } else if w.eq_ignore_ascii_case("am") || w.eq_ignore_ascii_case("pm") {
                    pm = Some(w.eq_ignore_ascii_case("pm"));
                } else if w.eq_ignore_ascii_case("of") || w.eq_ignore_ascii_case("at") {
                } else {
                    return Err(bad());
                }
            }
        }
    }
    let (y, m, d) = match (month_word, nums.as_slice()) {
        // "10 November 2025", "November 10, 2025", "10-Nov-2025", "26-FEB-87"
        (Some(m), [a, b]) => {
            let (day, year) = if a.len() == 4 || month_pos == 0 && b.len() != 4 {
                (*b, *a)
            } else {
                (*a, *b)
            };
            (
                year_of(year).ok_or_else(bad)?,
                m,
                day.parse().map_err(|_| bad())?,
            )
        }
        // "2025 Nov 10"
        (None, [a, b, c]) if a.len() == 4 => (
            a.parse().map_err(|_| bad())?,
            b.parse().map_err(|_| bad())?,
            c.parse().map_err(|_| bad())?,
        ),
        // "10/11/2025": day-first when the first cannot be a month,
        // month-first otherwise (the US CMS convention).
        (None, [a, b, c]) if c.len() == 4 => {
            let (a, b): (u32, u32) = (a.parse().map_err(|_| bad())?, b.parse().map_err(|_| bad())?);
            let (m, d) = if a > 12 { (b, a) } else { (a, b) };
            (c.parse().map_err(|_| bad())?, m, d)
        }
        // "20251110"
        (None, [a]) if a.len() == 8 => (
            a[..4].parse().map_err(|_| bad())?,
            a[4..6].parse().map_err(|_| bad())?,
            a[6..].parse().map_err(|_| bad())?,
        ),
        _ => return Err(bad()),
    };
    let date = checked_ymd(y, m, d)?;
    let Some((mut h, mi, sec)) = time else {
        return NewsDate::from_ymd(y, m, d);
    };
    if let Some(is_pm) = pm {
        if h == 12 {
            h = 0;
        }
        if is_pm {
            h += 12;
        }
    }
    let t =
        NaiveTime::from_hms_opt(h, mi, sec).ok_or_else(|| DateError::Impossible(truncate(s)))?;
    let local = NaiveDateTime::new(date, t);
    let utc = Utc.from_utc_datetime(&(local - Duration::minutes(offset_min as i64)));
    finish(utc, true, s)
}

fn year_of(s: &str) -> Option<i32> {
    let y: i32 = s.parse().ok()?;
    match s.len() {
        4 => Some(y),
        2 => Some(if y < 50 { 2000 + y } else { 1900 + y }),
        _ => None,
    }
}

/// The year for a month and day that carry none (a dateline's "Feb 26"),
/// taken from an anchor date known to be on or shortly after publication
/// (a crawl stamp, a date in the file name, the file's mtime). A month and
/// day that would fall more than a week after the anchor belong to the
/// previous year.
pub fn resolve_month_day(month: u32, day: u32, anchor: NaiveDate) -> Option<NewsDate> {
    let candidate = NaiveDate::from_ymd_opt(anchor.year(), month, day)?;
    let date = if candidate > anchor + Duration::days(7) {
        NaiveDate::from_ymd_opt(anchor.year() - 1, month, day)?
    } else {
        candidate
    };
    NewsDate::from_ymd(date.year(), date.month(), date.day()).ok()
}

/// A date written into a file name: `world-news-2025-11-10.txt`,
/// `20251110-story.txt`, `2019_03_03_floods.md`.
pub fn from_file_name(name: &str) -> Option<NewsDate> {
    let b = name.as_bytes();
    let mut i = 0;
    while i + 8 <= b.len() {
        if b[i].is_ascii_digit() && (i == 0 || !b[i - 1].is_ascii_digit()) {
            let rest = &name[i..];
            let digits: Vec<&str> = rest.split(|c: char| !c.is_ascii_digit()).take(3).collect();
            let found = if digits.len() == 3
                && digits[0].len() == 4
                && digits[1].len() == 2
                && digits[2].len() == 2
            {
                Some((digits[0], digits[1], digits[2]))
            } else if digits[0].len() == 8 {
                Some((&digits[0][..4], &digits[0][4..6], &digits[0][6..]))
            } else {
                None
            };
            if let Some((y, m, d)) = found {
                if let (Ok(y), Ok(m), Ok(d)) = (y.parse(), m.parse(), d.parse()) {
                    if let Ok(date) = NewsDate::from_ymd(y, m, d) {
                        return Some(date);
                    }
                }
            }
        }
        i += 1;
    }
    None
}

/// One end of a `--from`/`--to` filter: `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
/// `end` picks the last day of the year or month, so both ends are inclusive.
pub fn parse_bound(s: &str, end: bool) -> Result<NaiveDate, DateError> {
    let bad = || DateError::Unrecognised(s.to_string());
    let parts: Vec<&str> = s.trim().split('-').collect();
    let num = |p: &str, len: usize| -> Result<u32, DateError> {
        if p.len() != len || !p.bytes().all(|b| b.is_ascii_digit()) {
            return Err(bad());
        }
        p.parse().map_err(|_| bad())
    };
    let (y, m, d) = match parts.as_slice() {
        [y] => {
            let y = num(y, 4)? as i32;
            if end {
                (y, 12, 31)
            } else {
                (y, 1, 1)
            }
        }
        [y, m] => {
            let (y, m) = (num(y, 4)? as i32, num(m, 2)?);
            if !(1..=12).contains(&m) {
                return Err(DateError::Impossible(s.to_string()));
            }
            let d = if end { days_in_month(y, m) } else { 1 };
            (y, m, d)
        }
        [y, m, d] => (num(y, 4)? as i32, num(m, 2)?, num(d, 2)?),
        _ => return Err(bad()),
    };
    checked_ymd(y, m, d)
}

pub fn days_in_month(y: i32, m: u32) -> u32 {
    let (ny, nm) = if m == 12 { (y + 1, 1) } else { (y, m + 1) };
    NaiveDate::from_ymd_opt(ny, nm, 1)
        .and_then(|d| d.pred_opt())
        .map(|d| d.day())
        .unwrap_or(28)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Found by `cargo fuzz run date_parser`: an ordinal suffix check sliced
    /// through a multi-byte character.
    #[test]
    fn fuzz_multibyte_after_digits() {
        assert!(parse("20R\u{2e6}").is_err());
        assert!(parse("3r\u{e9} May 2020").is_err());
        assert_eq!(parse("3rd May 2020").unwrap().display(), "2020-05-03");
    }

    fn ok(s: &str) -> String {
        parse(s).unwrap_or_else(|e| panic!("{s}: {e}")).display()
    }

    #[test]
    fn formats_news_uses() {
        assert_eq!(ok("2025-11-10"), "2025-11-10");
        assert_eq!(ok("2025-11-10T08:15:00Z"), "2025-11-10T08:15:00Z");
        assert_eq!(ok("2024-06-30T23:30:00-05:00"), "2024-07-01T04:30:00Z");
        assert_eq!(ok("2024-05-02 14:03:11"), "2024-05-02T14:03:11Z");
        assert_eq!(
            ok("Tue, 04 Mar 2025 09:12:00 +0100"),
            "2025-03-04T08:12:00Z"
        );
        assert_eq!(ok("Thu, 05 Sep 2024 10:00:00 GMT"), "2024-09-05T10:00:00Z");
        assert_eq!(ok("10 November 2025"), "2025-11-10");
        assert_eq!(ok("Nov 10, 2025"), "2025-11-10");
        assert_eq!(ok("November 10, 2025"), "2025-11-10");
        assert_eq!(ok("Monday, November 10th, 2025"), "2025-11-10");
        assert_eq!(ok("10-Nov-2025"), "2025-11-10");
        assert_eq!(ok("2025/11/10"), "2025-11-10");
        assert_eq!(ok("26-FEB-1987 15:01:01.79"), "1987-02-26T15:01:01Z");
        assert_eq!(ok("Nov. 10, 2025 3:45 pm EST"), "2025-11-10T20:45:00Z");
        assert_eq!(ok("2025-11-10T08:15"), "2025-11-10T08:15:00Z");
        assert_eq!(ok("2025-11-10T08:15:00+05:30"), "2025-11-10T02:45:00Z");
    }

    #[test]
    fn rejects_absurd_dates() {
        assert!(matches!(parse("0000-01-01"), Err(DateError::OutOfRange(_))));
        assert!(matches!(parse("9999-12-31"), Err(DateError::OutOfRange(_))));
        assert!(matches!(parse("2023-02-31"), Err(DateError::Impossible(_))));
        assert!(matches!(
            parse("31 February 2023"),
            Err(DateError::Impossible(_))
        ));
        assert!(parse("yesterday").is_err());
        assert!(parse("").is_err());
        assert!(parse("10 Brumaire 2025").is_err());
    }

    #[test]
    fn month_day_takes_year_from_anchor() {
        let anchor = NaiveDate::from_ymd_opt(2025, 11, 10).unwrap();
        assert_eq!(
            resolve_month_day(11, 10, anchor).unwrap().display(),
            "2025-11-10"
        );
        assert_eq!(
            resolve_month_day(12, 30, anchor).unwrap().display(),
            "2024-12-30"
        );
    }

    #[test]
    fn file_names() {
        assert_eq!(
            from_file_name("world-news-2025-11-10.txt")
                .unwrap()
                .display(),
            "2025-11-10"
        );
        assert_eq!(
            from_file_name("20190303-floods.txt").unwrap().display(),
            "2019-03-03"
        );
        assert!(from_file_name("report-12345.txt").is_none());
    }

    #[test]
    fn bounds() {
        assert_eq!(
            parse_bound("2025", false).unwrap().to_string(),
            "2025-01-01"
        );
        assert_eq!(
            parse_bound("2024-02", true).unwrap().to_string(),
            "2024-02-29"
        );
        assert_eq!(
            parse_bound("2025-10-03", true).unwrap().to_string(),
            "2025-10-03"
        );
        assert!(parse_bound("2025-13", false).is_err());
        assert!(parse_bound("25-10", false).is_err());
        assert!(parse_bound("2025-02-30", false).is_err());
    }

    #[test]
    fn unix_time() {
        assert_eq!(
            from_unix(1_700_000_000.0).unwrap().display(),
            "2023-11-14T22:13:20Z"
        );
        assert_eq!(
            from_unix(1_700_000_000_000.0).unwrap().display(),
            "2023-11-14T22:13:20Z"
        );
    }
}

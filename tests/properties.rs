//! Property tests for the parsers that read user files: a date written in
//! any supported format parses back to itself, and an article laid out as a
//! saved page or a header block parses back to the fields it was built from.

use chrono::{Datelike, NaiveDate, Timelike};
use newsdex::dates::{self, MAX_YEAR, MIN_YEAR};
use newsdex::formats::{text, FieldMap, SourceInfo};
use proptest::prelude::*;

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];
const DAYS: [&str; 7] = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];

/// A valid calendar day in the supported range.
fn day() -> impl Strategy<Value = NaiveDate> {
    (MIN_YEAR..=MAX_YEAR, 1u32..=12, 1u32..=31)
        .prop_filter_map("real day", |(y, m, d)| NaiveDate::from_ymd_opt(y, m, d))
}

fn short(m: u32) -> &'static str {
    &MONTHS[m as usize - 1][..3]
}

fn long(m: u32) -> &'static str {
    MONTHS[m as usize - 1]
}

/// The date-only formats of the README, with a function that writes each.
fn date_only(d: NaiveDate, which: usize) -> String {
    let (y, m, dd) = (d.year(), d.month(), d.day());
    match which {
        0 => format!("{y:04}-{m:02}-{dd:02}"),
        1 => format!("{dd} {} {y:04}", long(m)),
        2 => format!("{} {dd}, {y:04}", short(m)),
        3 => format!("{} {dd}, {y:04}", long(m)),
        4 => format!("{dd:02}-{}-{y:04}", short(m)),
        5 => format!("{y:04}/{m:02}/{dd:02}"),
        _ => unreachable!(),
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    #[test]
    fn date_only_formats_round_trip(d in day(), which in 0usize..6) {
        let s = date_only(d, which);
        let parsed = dates::parse(&s).map_err(|e| TestCaseError::fail(format!("{s}: {e}")))?;
        prop_assert_eq!(parsed.date(), d, "{}", s);
        prop_assert!(!parsed.has_time, "{}", s);
        // Display is YYYY-MM-DD and reads back the same.
        prop_assert_eq!(dates::parse(&parsed.display()).unwrap(), parsed);
    }

    #[test]
    fn dates_with_times_round_trip(
        d in day(),
        h in 0u32..24, mi in 0u32..60, s in 0u32..60,
        offset_min in -12i32 * 60..=14 * 60,
        which in 0usize..4,
    ) {
        // Keep the UTC instant inside the supported range.
        prop_assume!(d.year() > MIN_YEAR && d.year() < MAX_YEAR);
        let (y, m, dd) = (d.year(), d.month(), d.day());
        let (sign, off) = if offset_min < 0 { ('-', -offset_min) } else { ('+', offset_min) };
        let text = match which {
            // RFC 3339 with an offset.
            0 => format!("{y:04}-{m:02}-{dd:02}T{h:02}:{mi:02}:{s:02}{sign}{:02}:{:02}", off / 60, off % 60),
            // RFC 2822.
            1 => format!(
                "{}, {dd} {} {y:04} {h:02}:{mi:02}:{s:02} {sign}{:02}{:02}",
                DAYS[d.weekday().num_days_from_monday() as usize], short(m), off / 60, off % 60
            ),
            // ISO with a space, no zone: UTC.
            2 => format!("{y:04}-{m:02}-{dd:02} {h:02}:{mi:02}:{s:02}"),
            // Old wire stamps: 26-FEB-1987 15:01:01.79, UTC.
            3 => format!("{dd:02}-{}-{y:04} {h:02}:{mi:02}:{s:02}.79", short(m).to_uppercase()),
            _ => unreachable!(),
        };
        let local = d.and_hms_opt(h, mi, s).unwrap();
        let expect = if which <= 1 {
            local - chrono::Duration::minutes(offset_min.into())
        } else {
            local
        };
        let parsed = dates::parse(&text).map_err(|e| TestCaseError::fail(format!("{text}: {e}")))?;
        prop_assert!(parsed.has_time, "{}", text);
        let got = parsed.utc.naive_utc();
        prop_assert_eq!(
            (got.date(), got.hour(), got.minute(), got.second()),
            (expect.date(), expect.hour(), expect.minute(), expect.second()),
            "{}", text
        );
        prop_assert_eq!(dates::parse(&parsed.display()).unwrap().utc, parsed.utc);
    }

    #[test]
    fn out_of_range_years_are_rejected(y in prop_oneof![0i32..MIN_YEAR, MAX_YEAR + 1..10_000], which in 0usize..6) {
        let d = NaiveDate::from_ymd_opt(y, 3, 14).unwrap();
        let s = date_only(d, which);
        prop_assert!(dates::parse(&s).is_err(), "{}", s);
    }

    #[test]
    fn impossible_days_are_rejected(
        y in MIN_YEAR..=MAX_YEAR,
        m in prop::sample::select(vec![2u32, 4, 6, 9, 11]),
        extra in 1u32..=3,
    ) {
        let last = dates::days_in_month(y, m);
        let s = format!("{y:04}-{m:02}-{:02}", (last + extra).min(31));
        prop_assert!(matches!(dates::parse(&s), Err(dates::DateError::Impossible(_))), "{}", s);
    }
}

/// One line of plain words: no layout characters, not a date, not `Key:`.
fn words(min: usize, max: usize) -> impl Strategy<Value = String> {
    prop::collection::vec("[a-z]{2,9}", min..=max).prop_map(|w| w.join(" "))
}

fn capitalised(min: usize, max: usize) -> impl Strategy<Value = String> {
    words(min, max).prop_map(|s| {
        let mut c = s.chars();
        match c.next() {
            Some(f) => f.to_uppercase().chain(c).collect(),
            None => s,
        }
    })
}

/// A paragraph: a few sentences, possibly over several lines.
fn paragraph() -> impl Strategy<Value = String> {
    prop::collection::vec(capitalised(3, 12).prop_map(|s| format!("{s}.")), 1..4)
        .prop_map(|s| s.join("\n"))
}

#[derive(Debug, Clone)]
struct Fields {
    title: String,
    date: NaiveDate,
    date_format: usize,
    section: String,
    source: String,
    url: String,
    authors: Vec<String>,
    paras: Vec<String>,
}

fn fields() -> impl Strategy<Value = Fields> {
    (
        capitalised(2, 10),
        day(),
        0usize..6,
        capitalised(1, 3),
        "[a-z]{3,10}\\.(com|org|net)",
        "[a-z]{3,10}",
        prop::collection::vec(
            (capitalised(1, 1), capitalised(1, 1)).prop_map(|(a, b)| format!("{a} {b}")),
            0..3,
        ),
        prop::collection::vec(paragraph(), 2..5),
    )
        .prop_map(
            |(title, date, date_format, section, source, slug, authors, paras)| Fields {
                title,
                date,
                date_format,
                section,
                url: format!("https://{source}/news/{slug}"),
                source,
                authors,
                paras,
            },
        )
}

fn parse_text(s: &str) -> newsdex::Article {
    let map = FieldMap::new(&[]).unwrap();
    let info = SourceInfo {
        rel_path: "prop/story.txt",
        file_name: "story.txt",
        neighbour: None,
        mtime: None,
        fields: &map,
    };
    let (a, problems) = text::parse(s, &info);
    assert!(problems.is_empty(), "{problems:?}");
    a
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn header_block_round_trips(f in fields()) {
        let mut s = format!(
            "Title: {}\nDate: {}\nSection: {}\nSource: {}\nURL: {}\n",
            f.title, date_only(f.date, f.date_format), f.section, f.source, f.url
        );
        if !f.authors.is_empty() {
            s.push_str(&format!("Author: {}\n", f.authors.join(", ")));
        }
        s.push('\n');
        s.push_str(&f.paras.join("\n\n"));
        let a = parse_text(&s);
        prop_assert_eq!(&a.title, &f.title);
        prop_assert_eq!(a.date.map(|d| d.date()), Some(f.date));
        prop_assert_eq!(a.section.as_deref(), Some(f.section.as_str()));
        prop_assert_eq!(a.source.as_deref(), Some(f.source.as_str()));
        prop_assert_eq!(a.url.as_deref(), Some(f.url.as_str()));
        prop_assert_eq!(&a.authors, &f.authors);
        prop_assert_eq!(&a.lede, &f.paras[0]);
        prop_assert_eq!(a.body, f.paras[1..].join("\n\n"));
    }

    #[test]
    fn saved_page_round_trips(f in fields(), crawl in day(), with_crawl in any::<bool>()) {
        let mut s = String::new();
        if with_crawl {
            s.push_str(&format!("Today : {} {}, {}\n", short(crawl.month()), crawl.day(), crawl.year()));
        }
        s.push_str(&format!("{}\n{}\n\n{}\n\n", f.section, date_only(f.date, f.date_format), f.title));
        s.push_str(&f.paras.join("\n\n"));
        let a = parse_text(&s);
        prop_assert_eq!(&a.title, &f.title);
        prop_assert_eq!(a.date.map(|d| d.date()), Some(f.date));
        prop_assert_eq!(a.section.as_deref(), Some(f.section.as_str()));
        prop_assert_eq!(&a.lede, &f.paras[0]);
        prop_assert_eq!(a.body, f.paras[1..].join("\n\n"));
    }
}

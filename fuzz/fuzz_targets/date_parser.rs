//! The date parser, `--from`/`--to` bounds, dates in file names and wire
//! datelines: any accepted date lies in the supported year range.
#![no_main]

use chrono::Datelike;
use libfuzzer_sys::fuzz_target;
use newsdex::dates::{self, MAX_YEAR, MIN_YEAR};

fuzz_target!(|s: &str| {
    let in_range = |y: i32| (MIN_YEAR..=MAX_YEAR).contains(&y);
    if let Ok(d) = dates::parse(s) {
        assert!(in_range(d.date().year()), "{s:?} -> {d}");
        // What we display, we can read back (display keeps whole seconds).
        let back = dates::parse(&d.display()).map(|e| e.utc.timestamp());
        assert_eq!(back, Ok(d.utc.timestamp()), "{s:?}");
    }
    for end in [false, true] {
        if let Ok(d) = dates::parse_bound(s, end) {
            assert!(in_range(d.year()), "{s:?}");
        }
    }
    if let Some(d) = dates::from_file_name(s) {
        assert!(in_range(d.date().year()), "{s:?}");
    }
    if let Some(dl) = newsdex::dateline::detect(s) {
        if let Some(d) = dl.date {
            assert!(in_range(d.date().year()), "{s:?}");
        }
    }
    if let Some(&b) = s.as_bytes().first() {
        let anchor = chrono::NaiveDate::from_ymd_opt(1800 + i32::from(b), 1 + u32::from(b % 12), 1)
            .expect("valid anchor");
        if let Some(d) = dates::resolve_month_day(1 + u32::from(b % 12), 1 + u32::from(b % 31), anchor) {
            assert!(in_range(d.date().year()));
        }
    }
});

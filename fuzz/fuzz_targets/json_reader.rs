//! JSON documents and JSON Lines records through the field mapping, with
//! the wrong-type fallbacks (arrays, numbers, objects where text belongs).
#![no_main]

use chrono::Datelike;
use libfuzzer_sys::fuzz_target;
use newsdex::dates::{MAX_YEAR, MIN_YEAR};
use newsdex::formats::{json, FieldMap, SourceInfo};

fuzz_target!(|text: &str| {
    let fields = FieldMap::new(&["body=story".to_string()]).expect("field map");
    let info = SourceInfo {
        rel_path: "fuzz/feed.jsonl",
        file_name: "feed.jsonl",
        neighbour: chrono::NaiveDate::from_ymd_opt(2001, 9, 11),
        mtime: None,
        fields: &fields,
    };
    let check = |a: &newsdex::Article| {
        assert_eq!(a.path, "fuzz/feed.jsonl");
        assert!(!a.id.is_empty(), "every record gets an id");
        if let Some(d) = a.date {
            assert!((MIN_YEAR..=MAX_YEAR).contains(&d.date().year()), "{d}");
        }
    };
    if let Ok(records) = json::parse_document(text, &info) {
        for (a, _) in &records {
            if let Ok(a) = a {
                check(a);
            }
        }
    }
    for (i, line) in text.lines().enumerate() {
        if let (Ok(a), _) = json::parse_line(line, &info, i + 1) {
            check(&a);
        }
    }
});

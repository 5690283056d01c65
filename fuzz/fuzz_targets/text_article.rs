//! Raw file bytes through decoding and the plain-text article parser
//! (saved pages, header blocks, wire copy), as `newsdex-index` reads a
//! `.txt` file.
#![no_main]

use chrono::Datelike;
use libfuzzer_sys::fuzz_target;
use newsdex::dates::{MAX_YEAR, MIN_YEAR};
use newsdex::formats::{decode, text, FieldMap, SourceInfo};

fuzz_target!(|data: &[u8]| {
    let Ok(decoded) = decode::decode(data) else {
        return;
    };
    assert!(!decoded.text.trim().is_empty(), "empty text is a skip");
    let fields = FieldMap::new(&[]).expect("built-in field map");
    let info = SourceInfo {
        rel_path: "fuzz/story.txt",
        file_name: "story.txt",
        neighbour: None,
        mtime: chrono::NaiveDate::from_ymd_opt(2020, 6, 1),
        fields: &fields,
    };
    let (article, _problems) = text::parse(&decoded.text, &info);
    assert_eq!(article.path, "fuzz/story.txt");
    if let Some(d) = article.date {
        assert!((MIN_YEAR..=MAX_YEAR).contains(&d.date().year()), "{d}");
    }
});

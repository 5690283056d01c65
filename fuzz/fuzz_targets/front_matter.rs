//! Markdown with YAML front matter: the splitter and the article parser.
#![no_main]

use chrono::Datelike;
use libfuzzer_sys::fuzz_target;
use newsdex::dates::{MAX_YEAR, MIN_YEAR};
use newsdex::formats::{markdown, FieldMap, SourceInfo};

fuzz_target!(|text: &str| {
    let (pairs, body) = markdown::split_front_matter(text);
    // The body is a tail of the input, never invented text.
    assert!(text.ends_with(body));
    for (key, _) in &pairs {
        assert!(!key.contains('\n'));
    }
    let fields = FieldMap::new(&[]).expect("built-in field map");
    let info = SourceInfo {
        rel_path: "fuzz/post.md",
        file_name: "post.md",
        neighbour: None,
        mtime: None,
        fields: &fields,
    };
    let (article, _problems) = markdown::parse(text, &info);
    if let Some(d) = article.date {
        assert!((MIN_YEAR..=MAX_YEAR).contains(&d.date().year()), "{d}");
    }
});

//! Replays every input the fuzzers ever crashed on (`fuzz/regressions/TARGET/`)
//! and every corpus entry (`fuzz/corpus/TARGET/`) through the same library
//! calls as the fuzz target, on stable Rust and in CI.

use newsdex::formats::{decode, json, markdown, text, FieldMap, SourceInfo};
use newsdex::index::document::to_document;
use newsdex::index::schema::Fields;
use newsdex::search::{self, SearchError};
use std::path::PathBuf;
use tantivy::collector::{Count, TopDocs};

fn inputs(target: &str) -> Vec<(PathBuf, Vec<u8>)> {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("fuzz");
    let mut out = Vec::new();
    for kind in ["regressions", "corpus"] {
        let Ok(dir) = std::fs::read_dir(root.join(kind).join(target)) else {
            continue;
        };
        for e in dir {
            let p = e.unwrap().path();
            out.push((p.clone(), std::fs::read(&p).unwrap()));
        }
    }
    out.sort();
    out
}

fn info(fields: &FieldMap) -> SourceInfo<'_> {
    SourceInfo {
        rel_path: "fuzz/story.txt",
        file_name: "story.txt",
        neighbour: chrono::NaiveDate::from_ymd_opt(2001, 9, 11),
        mtime: chrono::NaiveDate::from_ymd_opt(2020, 6, 1),
        fields,
    }
}

#[test]
fn date_parser_inputs() {
    let all = inputs("date_parser");
    assert!(!all.is_empty(), "fuzz/corpus/date_parser is committed");
    for (path, bytes) in all {
        let Ok(s) = std::str::from_utf8(&bytes) else {
            continue;
        };
        if let Ok(d) = newsdex::dates::parse(s) {
            // Display keeps whole seconds.
            let back = newsdex::dates::parse(&d.display()).unwrap();
            assert_eq!(back.utc.timestamp(), d.utc.timestamp(), "{path:?}");
        }
        let _ = newsdex::dates::parse_bound(s, true);
        let _ = newsdex::dates::from_file_name(s);
        let _ = newsdex::dateline::detect(s);
    }
}

#[test]
fn text_and_front_matter_inputs() {
    let fields = FieldMap::new(&[]).unwrap();
    for (_, bytes) in inputs("text_article") {
        if let Ok(d) = decode::decode(&bytes) {
            let _ = text::parse(&d.text, &info(&fields));
        }
    }
    for (path, bytes) in inputs("front_matter") {
        let Ok(s) = std::str::from_utf8(&bytes) else {
            continue;
        };
        let (_, body) = markdown::split_front_matter(s);
        assert!(s.ends_with(body), "{path:?}");
        let _ = markdown::parse(s, &info(&fields));
    }
}

#[test]
fn json_reader_inputs() {
    let fields = FieldMap::new(&["body=story".to_string()]).unwrap();
    for (_, bytes) in inputs("json_reader") {
        let Ok(s) = std::str::from_utf8(&bytes) else {
            continue;
        };
        let _ = json::parse_document(s, &info(&fields));
        for (i, line) in s.lines().enumerate() {
            let _ = json::parse_line(line, &info(&fields), i + 1);
        }
    }
}

#[test]
fn query_parser_inputs() {
    let fields = Fields::new();
    let index = tantivy::Index::create_in_ram(fields.schema.clone());
    let mut w = index.writer_with_num_threads(1, 15_000_000).unwrap();
    let a = newsdex::Article {
        id: "a".into(),
        path: "a.txt".into(),
        title: "Coffee exporters meet".into(),
        body: "Brazilian coffee exporters met in Santos.".into(),
        ..Default::default()
    };
    w.add_document(to_document(&fields, &a, true)).unwrap();
    w.commit().unwrap();
    let searcher = index.reader().unwrap().searcher();
    for (path, bytes) in inputs("query_parser") {
        let Ok(q) = std::str::from_utf8(&bytes) else {
            continue;
        };
        match search::parse_query(&index, &searcher, &fields, q) {
            Ok(query) => {
                searcher
                    .search(&*query, &(Count, TopDocs::with_limit(5).order_by_score()))
                    .unwrap_or_else(|e| panic!("{path:?}: {e}"));
            }
            Err(SearchError::Query { .. }) => {}
            Err(e) => panic!("{path:?}: {e}"),
        }
    }
}

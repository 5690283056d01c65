//! Any query string is parsed into a query or rejected with a message,
//! then run against a small in-memory index with snippets, as
//! `newsdex-search` does: never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use newsdex::index::document::to_document;
use newsdex::index::schema::Fields;
use newsdex::search::{self, SearchError};
use std::sync::OnceLock;
use tantivy::collector::{Count, TopDocs};
use tantivy::snippet::SnippetGenerator;
use tantivy::{Index, IndexReader};

struct Scratch {
    index: Index,
    fields: Fields,
    reader: IndexReader,
}

fn scratch() -> Scratch {
    let fields = Fields::new();
    let index = Index::create_in_ram(fields.schema.clone());
    let mut w = index.writer_with_num_threads(1, 15_000_000).unwrap();
    for (i, (title, body)) in [
        ("Coffee exporters meet", "Brazilian coffee exporters met in Santos on Monday."),
        ("Ceasefire talks resume", "DOHA, Nov 10 - Talks resumed, officials said."),
        ("Café culture", "The café opened in Zürich; prices rose 3.5%."),
    ]
    .into_iter()
    .enumerate()
    {
        let a = newsdex::Article {
            id: format!("a{i}"),
            path: format!("a{i}.txt"),
            title: title.into(),
            body: body.into(),
            date: newsdex::dates::parse("2024-05-06").ok(),
            ..Default::default()
        };
        w.add_document(to_document(&fields, &a, true)).unwrap();
    }
    w.commit().unwrap();
    let reader = index.reader().unwrap();
    Scratch { index, fields, reader }
}

static SCRATCH: OnceLock<Scratch> = OnceLock::new();

fuzz_target!(|q: &str| {
    let s = SCRATCH.get_or_init(scratch);
    let searcher = s.reader.searcher();
    match search::parse_query(&s.index, &searcher, &s.fields, q) {
        Ok(query) => {
            let (n, top) = searcher
                .search(&*query, &(Count, TopDocs::with_limit(5).order_by_score()))
                .unwrap_or_else(|e| panic!("{q:?}: {e}"));
            assert!(n >= top.len());
            if let Ok(gen) = SnippetGenerator::create(&searcher, &*query, s.fields.body) {
                let _ = gen.snippet("Brazilian coffee exporters met in Santos on Monday.");
            }
        }
        Err(SearchError::Query { reason, .. }) => assert!(!reason.is_empty()),
        Err(e) => panic!("{q:?}: not a query error: {e}"),
    }
});

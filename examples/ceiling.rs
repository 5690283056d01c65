//! The ceiling for `scripts/bench`: bare tantivy indexing the same documents
//! into the same schema with the same threads and heap as `newsdex-index`.
//!
//!     cargo run --release --example ceiling -- ARCHIVE.jsonl INDEX_DIR \
//!         [--threads N] [--memory MB] [--no-entities]
//!
//! Phase 1 (not timed) reads the JSON Lines with newsdex's own parser, runs
//! the same entity extraction, and builds every tantivy document with
//! newsdex's `to_document`, all in memory. Phase 2 (timed) is what no
//! tantivy-based tool can beat: hand those documents to an `IndexWriter`
//! with the same thread count and heap as `newsdex-index` and commit. Prints one JSON object: documents, indexing seconds, and the
//! CPU seconds of the timed phase (from /proc/self/stat).
#![allow(clippy::print_stdout)]

use newsdex::entities::Extractor;
use newsdex::formats::{json, FieldMap, SourceInfo};
use newsdex::index::document::to_document;
use newsdex::index::schema::Fields;
use std::path::PathBuf;
use std::time::Instant;
use tantivy::TantivyDocument;

/// User + system CPU seconds of this process so far (Linux).
fn cpu_secs() -> f64 {
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    // Fields after the parenthesised command name; utime and stime are 14 and 15.
    let rest = stat.rsplit_once(')').map(|(_, r)| r).unwrap_or("");
    let f: Vec<&str> = rest.split_whitespace().collect();
    let ticks = |i: usize| f.get(i).and_then(|v| v.parse::<f64>().ok()).unwrap_or(0.0);
    // /proc counts in clock ticks, 100 per second on Linux.
    (ticks(11) + ticks(12)) / 100.0
}

fn main() {
    let mut args = std::env::args().skip(1);
    let mut pos = Vec::new();
    let mut threads = 2usize;
    let mut memory_mb = 512usize;
    let mut entities = true;
    while let Some(a) = args.next() {
        match a.as_str() {
            "--threads" => threads = args.next().and_then(|v| v.parse().ok()).unwrap_or(2),
            "--memory" => memory_mb = args.next().and_then(|v| v.parse().ok()).unwrap_or(512),
            "--no-entities" => entities = false,
            _ => pos.push(PathBuf::from(a)),
        }
    }
    let [archive, dir] = pos.as_slice() else {
        eprintln!(
            "usage: ceiling ARCHIVE.jsonl INDEX_DIR [--threads N] [--memory MB] [--no-entities]"
        );
        std::process::exit(2);
    };
    let prep_started = Instant::now();
    let text = std::fs::read_to_string(archive).unwrap_or_else(|e| {
        eprintln!("ceiling: {}: {e}", archive.display());
        std::process::exit(2)
    });
    let lines: Vec<&str> = text.lines().collect();
    let fields = Fields::new();
    let fmap = FieldMap::new(&[]).expect("default field map");
    let rel = archive
        .file_name()
        .map(|n| n.to_string_lossy().to_string())
        .unwrap_or_default();
    let chunk = lines.len().div_ceil(threads.max(1)).max(1);
    let docs: Vec<TantivyDocument> = std::thread::scope(|s| {
        let handles: Vec<_> = lines
            .chunks(chunk)
            .enumerate()
            .map(|(c, part)| {
                let (fields, fmap, rel) = (&fields, &fmap, &rel);
                s.spawn(move || {
                    let info = SourceInfo {
                        rel_path: rel,
                        file_name: rel,
                        neighbour: None,
                        mtime: None,
                        fields: fmap,
                    };
                    let mut out = Vec::with_capacity(part.len());
                    for (i, line) in part.iter().enumerate() {
                        let (a, _) = json::parse_line(line, &info, c * chunk + i + 1);
                        let Ok(mut a) = a else { continue };
                        a.path = rel.clone();
                        if entities {
                            Extractor::get().extract(&mut a);
                        }
                        out.push(to_document(fields, &a, true));
                    }
                    out
                })
            })
            .collect();
        handles
            .into_iter()
            .flat_map(|h| h.join().expect("parser thread"))
            .collect()
    });
    drop(lines);
    drop(text);
    let prep_secs = prep_started.elapsed().as_secs_f64();

    let _ = std::fs::remove_dir_all(dir);
    std::fs::create_dir_all(dir).expect("index dir");
    let n = docs.len();
    let cpu0 = cpu_secs();
    let started = Instant::now();
    let index = newsdex::index::pipeline::create_index(dir, &fields.schema).expect("create index");
    // The same analyzers as newsdex-index (its stem cache included).
    newsdex::index::analyzer::register(&index);
    // The same writer as newsdex-index: threads, heap, merge threads and
    // merge policy.
    let mut writer =
        newsdex::index::pipeline::open_writer(&index, threads, memory_mb).expect("writer");
    for d in docs {
        writer.add_document(d).expect("add");
    }
    writer.commit().expect("commit");
    // newsdex-index lets merges its policy started finish; so does this.
    writer.wait_merging_threads().expect("merges");
    let secs = started.elapsed().as_secs_f64();
    let cpu = cpu_secs() - cpu0;
    println!(
        "{{\"docs\": {n}, \"prepare_secs\": {prep_secs:.3}, \"index_secs\": {secs:.3}, \"index_cpu_secs\": {cpu:.3}}}"
    );
}

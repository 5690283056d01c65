//! The text analyzer alone, on one thread: tokenizing and stemming every
//! title, lede and body of an archive the way an indexing thread does.
//!
//!     cargo run --release --example stem_speed -- ARCHIVE.jsonl[.gz] [ROUNDS] [--ours-only]
//!
//! Runs newsdex's analyzer (`index::analyzer`) and tantivy's own `en_stem`
//! over the same texts, alternating, ROUNDS times (default 3), and prints
//! each one's best time and a digest of the tokens (text, position and
//! offset); the digests must be equal. The number to watch when changing
//! the analyzer: its speed against the analyzer it stands for, measured in
//! the same run. `--ours-only` skips tantivy's, for a profiler.
#![allow(clippy::print_stdout)]

use std::time::Instant;
use tantivy::tokenizer::{TextAnalyzer, TokenizerManager};
use xxhash_rust::xxh3::xxh3_64;

mod common;

fn run(analyzer: &mut TextAnalyzer, texts: &[String]) -> (f64, u64, usize) {
    // A cheap digest, so that the loop measures the analyzers.
    let mut h = 0u64;
    let mut n = 0;
    let started = Instant::now();
    for t in texts {
        let mut s = analyzer.token_stream(t);
        while s.advance() {
            let tok = s.token();
            h = (h.rotate_left(7) ^ xxh3_64(tok.text.as_bytes()))
                .wrapping_add(tok.position as u64 ^ (tok.offset_from as u64) << 32);
            n += 1;
        }
    }
    (started.elapsed().as_secs_f64(), h, n)
}

fn main() {
    let (path, rounds, [ours_only]) = common::command_line(
        "stem_speed ARCHIVE.jsonl[.gz] [ROUNDS] [--ours-only]",
        ["--ours-only"],
    );
    let texts: Vec<String> = common::articles(&path, "stem_speed")
        .iter()
        .flat_map(|a| a.text_parts().map(str::to_string))
        .collect();
    let mut ours = newsdex::index::analyzer::analyzer();
    let mut theirs = TokenizerManager::default()
        .get("en_stem")
        .expect("tantivy's en_stem");
    let (mut best_ours, mut best_theirs) = (f64::MAX, f64::MAX);
    let (mut digests, mut tokens) = ((0, 0), 0);
    for _ in 0..rounds {
        let (t, d, n) = run(&mut ours, &texts);
        best_ours = best_ours.min(t);
        (digests.0, tokens) = (d, n);
        if ours_only {
            continue;
        }
        let (u, e, _) = run(&mut theirs, &texts);
        best_theirs = best_theirs.min(u);
        digests.1 = e;
    }
    if ours_only {
        println!(
            "{tokens} tokens: newsdex {best_ours:.3} s, digest {:016x}",
            digests.0
        );
        return;
    }
    println!(
        "{tokens} tokens: newsdex {best_ours:.3} s, tantivy en_stem {best_theirs:.3} s, ratio {:.2}; digests {:016x} {:016x}{}",
        best_theirs / best_ours,
        digests.0,
        digests.1,
        if digests.0 == digests.1 { "" } else { " DIFFER" }
    );
}

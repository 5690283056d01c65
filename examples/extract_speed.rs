//! Entity extraction alone, on one thread: the number to watch when making
//! extraction cheaper, without tantivy, reading or other threads in the way.
//!
//!     cargo run --release --example extract_speed -- ARCHIVE.jsonl [ROUNDS] [--no-stages]
//!
//! Parses the JSON Lines (plain or gzipped) with newsdex's own parser, then
//! runs `Extractor::extract` over every article ROUNDS times (default 3) and
//! prints the best round's time per article and MB/s of article text, plus
//! a digest of every extracted entity list. The digest is the check that a
//! speed-up changed nothing: it must stay the same (compare digests from
//! builds with the same Rust toolchain; std's hasher may change between them).
//! `--no-stages` skips the stage-by-stage timings, so that a profiler or
//! `perf stat` sees whole extractions only.

use newsdex::article::Article;
use newsdex::entities::tokens::{tokenize, Tok};
use newsdex::entities::{orgs, persons, Extractor};
use std::hash::{Hash, Hasher};
use std::time::Instant;

mod common;

/// The allocator of `newsdex-index`, so that allocation costs what it costs
/// there.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// One line to stdout; a closed pipe (`| head -1`) ends the program quietly.
fn say(line: String) {
    use std::io::Write;
    if writeln!(std::io::stdout(), "{line}").is_err() {
        std::process::exit(0);
    }
}

fn main() {
    let (path, rounds, [no_stages]) = common::command_line(
        "extract_speed ARCHIVE.jsonl[.gz] [ROUNDS] [--no-stages]",
        ["--no-stages"],
    );
    let stages_too = !no_stages;
    let articles: Vec<Article> = common::articles(&path, "extract_speed");
    let text_mb: f64 = articles
        .iter()
        .map(|a| a.text_parts().iter().map(|p| p.len()).sum::<usize>())
        .sum::<usize>() as f64
        / 1e6;
    let ex = Extractor::get();
    let mut best = f64::MAX;
    let mut digest = 0u64;
    for _ in 0..rounds {
        let mut work = articles.clone();
        let started = Instant::now();
        for a in &mut work {
            ex.extract(a);
        }
        best = best.min(started.elapsed().as_secs_f64());
        let mut h = std::collections::hash_map::DefaultHasher::new();
        for a in &work {
            (&a.countries, &a.persons, &a.orgs).hash(&mut h);
        }
        digest = h.finish();
    }
    say(format!(
        "{} articles, {text_mb:.1} MB of text: best of {rounds} {best:.3} s, {:.1} µs/article, {:.1} MB/s, digest {digest:016x}",
        articles.len(),
        best * 1e6 / articles.len().max(1) as f64,
        text_mb / best,
    ));
    if !stages_too {
        return;
    }
    // Stage by stage, each on its own, to see where the time goes.
    fn tokens<'a>(ex: &Extractor, a: &'a Article) -> [Vec<Tok<'a>>; 3] {
        a.text_parts()
            .map(|s| tokenize(s, &|w| ex.persons.keeps_sentence(w)))
    }
    type Stage<'a> = (&'a str, &'a dyn Fn(&Article));
    let stages: [Stage; 4] = [
        ("tokenize", &|a| {
            std::hint::black_box(tokens(ex, a));
        }),
        ("tokenize+persons", &|a| {
            let t = tokens(ex, a);
            let parts = a.text_parts();
            let tags: Vec<_> = parts.iter().map(|s| orgs::angle_tags(s)).collect();
            std::hint::black_box(persons::extract(
                &ex.persons,
                &ex.countries,
                &parts,
                &t,
                &tags,
                &[],
            ));
        }),
        ("tokenize+countries", &|a| {
            let t = tokens(ex, a);
            let (mut found, mut pending) = (Vec::new(), Vec::new());
            for (s, t) in a.text_parts().iter().zip(&t) {
                ex.countries
                    .mentions(s, t, &mut found, &mut pending, &mut Vec::new(), &|_, _| {
                        false
                    });
            }
            std::hint::black_box(found);
        }),
        ("tokenize+orgs", &|a| {
            let t = tokens(ex, a);
            let mut out = Vec::new();
            for (s, t) in a.text_parts().iter().zip(&t) {
                let tags = orgs::angle_tags(s);
                let tickers: Vec<&str> = orgs::ticker_roots(s, &tags).collect();
                let listed = ex.orgs.listed(s, t, a.date, &tickers);
                let clues = orgs::Clues {
                    is_owner: &|w| ex.countries.is_place(w),
                    is_person: &|_| false,
                    opens_title: &|w, next| ex.persons.opens_title(w, next),
                    names_thing: &|w| ex.persons.names_thing(w),
                    names_body: &|w| ex.persons.is_org_word(w),
                    qualifies_body: &|w| ex.countries.is_place_or_nationality(w),
                    country_of: &|w| {
                        let c = ex.countries.of_qualifier(w, a.date)?;
                        Some(ex.countries.countries[c as usize].name.clone())
                    },
                    has_government_bodies: &|c, body| ex.countries.may_have_body(c, body),
                };
                ex.orgs.extract(s, t, &listed, &clues, a.date, &mut out);
            }
            std::hint::black_box(out);
        }),
    ];
    for (name, stage) in stages {
        let started = Instant::now();
        for a in &articles {
            stage(a);
        }
        say(format!(
            "  {name:<20} {:.3} s",
            started.elapsed().as_secs_f64()
        ));
    }
}

//! In-process search latency for `scripts/bench`.
//!
//!     cargo run --release --example bench_search -- INDEX_DIR QUERIES.jsonl [--runs N]
//!
//! Runs every query of the benchmark set (`scripts/bench-queries.jsonl`)
//! through the library's `search::search`, exactly what `newsdex-search`
//! does minus process start-up and rendering: top 10, the total, and the
//! country and person facets (plus the facets the query asks for). Each query
//! runs once to warm up and then `--runs` times (default 5). The index is
//! opened once ([`search::Archive`]), as a long-running program would;
//! `scripts/bench` times fresh `newsdex-search` processes separately. Prints
//! one JSON object with p50, p95 and max over all timed runs, and each
//! query's median and total.
#![allow(clippy::print_stdout)]

use newsdex::search::{self, Filters, SearchRequest, Sort};
use std::path::PathBuf;
use std::time::Instant;

/// The few `newsdex-search` flags the query set uses.
fn request(index_dir: &std::path::Path, args: &[String]) -> Result<SearchRequest, String> {
    let mut it = args.iter();
    let query = it.next().cloned().unwrap_or_default();
    let mut filters = Filters::default();
    let mut facets = vec!["country,person".to_string()];
    while let Some(flag) = it.next() {
        let value = it.next().ok_or(format!("{flag} needs a value"))?;
        let e = |e: search::SearchError| e.to_string();
        match flag.as_str() {
            "--country" => filters
                .countries
                .push(search::resolve_country(value).map_err(e)?),
            "--person" => filters.persons.push(value.clone()),
            "--org" => filters.orgs.push(value.clone()),
            "--from" => {
                filters.from = Some(search::parse_date_bound(flag, value, false).map_err(e)?)
            }
            "--to" => filters.to = Some(search::parse_date_bound(flag, value, true).map_err(e)?),
            "--facets" => facets.push(value.clone()),
            other => return Err(format!("flag {other} is not supported by bench_search")),
        }
    }
    Ok(SearchRequest {
        index_dir: index_dir.to_path_buf(),
        query,
        filters,
        limit: 10,
        offset: 0,
        sort: Sort::Relevance,
        facets: search::parse_facets(&facets).map_err(|e| e.to_string())?,
        facet_limit: 10,
        snippet_chars: 180,
        like: None,
        collapse: false,
        histogram: None,
    })
}

fn percentile(sorted: &[f64], p: f64) -> f64 {
    if sorted.is_empty() {
        return 0.0;
    }
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i.min(sorted.len() - 1)]
}

fn main() {
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    let mut runs = 5usize;
    if let Some(i) = args.iter().position(|a| a == "--runs") {
        runs = args.get(i + 1).and_then(|v| v.parse().ok()).unwrap_or(5);
        args.drain(i..(i + 2).min(args.len()));
    }
    let [index_dir, queries] = args.as_slice() else {
        eprintln!("usage: bench_search INDEX_DIR QUERIES.jsonl [--runs N]");
        std::process::exit(2);
    };
    let index_dir = PathBuf::from(index_dir);
    let archive = search::Archive::open(&index_dir).unwrap_or_else(|e| {
        eprintln!("bench_search: {}: {e}", index_dir.display());
        std::process::exit(2)
    });
    let text = std::fs::read_to_string(queries).unwrap_or_else(|e| {
        eprintln!("bench_search: {queries}: {e}");
        std::process::exit(2)
    });
    let mut all = Vec::new();
    let mut per_query = Vec::new();
    for line in text.lines().filter(|l| !l.trim().is_empty()) {
        let q: serde_json::Value = serde_json::from_str(line).expect("query line is JSON");
        let qargs: Vec<String> = q["args"]
            .as_array()
            .map(|a| {
                a.iter()
                    .filter_map(|v| v.as_str().map(String::from))
                    .collect()
            })
            .unwrap_or_default();
        let req = request(&index_dir, &qargs).unwrap_or_else(|e| {
            eprintln!("bench_search: {qargs:?}: {e}");
            std::process::exit(2)
        });
        let mut total = 0;
        let mut times = Vec::with_capacity(runs);
        for i in 0..=runs {
            let t = Instant::now();
            let r = archive.search(&req).unwrap_or_else(|e| {
                eprintln!("bench_search: {qargs:?}: {e}");
                std::process::exit(2)
            });
            let ms = t.elapsed().as_secs_f64() * 1000.0;
            total = r.total;
            if i > 0 {
                times.push(ms);
            }
        }
        times.sort_by(f64::total_cmp);
        per_query.push(serde_json::json!({
            "args": qargs, "total": total, "median_ms": percentile(&times, 0.5)
        }));
        all.extend(times);
    }
    all.sort_by(f64::total_cmp);
    let out = serde_json::json!({
        "runs_per_query": runs,
        "p50_ms": percentile(&all, 0.5),
        "p95_ms": percentile(&all, 0.95),
        "max_ms": all.last().copied().unwrap_or(0.0),
        "queries": per_query,
    });
    println!("{out}");
}

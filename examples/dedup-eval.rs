//! Measure near-duplicate grouping against exact shingle Jaccard, and what
//! the signatures cost at index time.
//!
//!     cargo run --release --example dedup-eval -- [ARCHIVE] [RUNS]
//!
//! ARCHIVE defaults to ../shared/corpora/reuters21578.jsonl.gz. The archive
//! is indexed RUNS times (default 3) with signatures and RUNS times without,
//! alternating, and the median wall times are compared. Then, on the signed
//! index:
//!
//! - truth: every pair of articles whose word 3-shingle sets (the same
//!   normalisation the signature uses) have exact Jaccard similarity of at
//!   least 0.5, found with an exact prefix-filtering similarity join;
//! - prediction: every pair of articles in the same group under the rule
//!   `newsdex-search` applies (shared band, estimated similarity >= 0.5,
//!   connected components);
//!
//! and prints pair precision and recall, recall by similarity band, and a
//! check that the groups searches read agree with the in-memory grouping.
#![allow(clippy::print_stdout)]

use newsdex::dedup::{self, Signature};
use newsdex::formats::FieldMap;
use newsdex::index::{self, IndexRequest, Problem, Reporter};
use newsdex::search::groups;
use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::time::Instant;
use tantivy::schema::Value;
use tantivy::{DocAddress, TantivyDocument};

struct Quiet;
impl Reporter for Quiet {
    fn problem(&self, _: &Problem) {}
}

const TRUTH: f64 = 0.5;

fn index_once(archive: &Path, dir: &Path, signatures: bool) -> f64 {
    let req = IndexRequest {
        paths: vec![archive.to_path_buf()],
        index_dir: dir.to_path_buf(),
        follow: false,
        threads: std::thread::available_parallelism().map_or(2, |n| n.get()),
        memory_mb: 512,
        commit_every: 50_000,
        rebuild: true,
        entities: true,
        signatures,
        fields: FieldMap::new(&[]).expect("default field map"),
        export: false,
        optimize: false,
    };
    let t = Instant::now();
    index::run(&req, &Quiet, None).expect("indexing runs");
    t.elapsed().as_secs_f64()
}

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(|a, b| a.partial_cmp(b).expect("times are numbers"));
    v[v.len() / 2]
}

/// Exact similarity join: all pairs with Jaccard >= t (prefix filtering).
fn truth_pairs(sets: &[Vec<u64>], t: f64) -> HashMap<(usize, usize), f64> {
    let mut freq: HashMap<u64, u32> = HashMap::new();
    for s in sets {
        for x in s {
            *freq.entry(*x).or_insert(0) += 1;
        }
    }
    // Rarest shingles first, so prefixes are short lists.
    let ordered: Vec<Vec<u64>> = sets
        .iter()
        .map(|s| {
            let mut o = s.clone();
            o.sort_by_key(|x| (freq[x], *x));
            o
        })
        .collect();
    let mut postings: HashMap<u64, Vec<usize>> = HashMap::new();
    for (i, o) in ordered.iter().enumerate() {
        if o.len() < dedup::MIN_SHINGLES {
            continue;
        }
        let p = o.len() - (t * o.len() as f64).ceil() as usize + 1;
        for x in &o[..p.min(o.len())] {
            postings.entry(*x).or_default().push(i);
        }
    }
    let mut out = HashMap::new();
    let mut tried = HashSet::new();
    for list in postings.values() {
        for (k, &i) in list.iter().enumerate() {
            for &j in &list[k + 1..] {
                let key = (i.min(j), i.max(j));
                let (a, b) = (sets[i].len() as f64, sets[j].len() as f64);
                if a.min(b) / a.max(b) < t || !tried.insert(key) {
                    continue;
                }
                let jac = dedup::jaccard(&sets[i], &sets[j]);
                if jac >= t {
                    out.insert(key, jac);
                }
            }
        }
    }
    out
}

fn main() {
    let mut args = std::env::args().skip(1);
    let archive = args
        .next()
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("../shared/corpora/reuters21578.jsonl.gz"));
    let runs: usize = args.next().and_then(|r| r.parse().ok()).unwrap_or(3);
    let tmp = tempfile::tempdir().expect("temp dir");
    let (with_dir, without_dir) = (tmp.path().join("with"), tmp.path().join("without"));
    let (mut with, mut without) = (Vec::new(), Vec::new());
    for _ in 0..runs {
        with.push(index_once(&archive, &with_dir, true));
        without.push(index_once(&archive, &without_dir, false));
    }
    let (mw, mo) = (median(with), median(without));
    println!(
        "archive: {} ({runs} runs each, alternating)",
        archive.display()
    );
    println!("index with signatures   : {mw:.2}s");
    println!("index without signatures: {mo:.2}s");
    println!("ratio                   : {:.3}", mw / mo);

    let (idx, fields) = index::open(&with_dir).expect("index opens");
    let searcher = idx.reader().expect("reader").searcher();
    let mut addrs = Vec::new();
    let mut sets = Vec::new();
    let mut sigs = Vec::new();
    for (ord, seg) in searcher.segment_readers().iter().enumerate() {
        let col = seg
            .fast_fields()
            .column_opt::<u64>("dup")
            .expect("dup column");
        for doc in 0..seg.max_doc() {
            if seg.is_deleted(doc) {
                continue;
            }
            let addr = DocAddress::new(ord as u32, doc);
            let stored: TantivyDocument = searcher.doc(addr).expect("stored doc");
            let body = stored
                .get_first(fields.body)
                .and_then(|v| v.as_str())
                .unwrap_or("");
            addrs.push(addr);
            sets.push(dedup::shingles(body));
            sigs.push(
                col.as_ref()
                    .and_then(|c| Signature::from_bands(c.values_for_doc(doc))),
            );
        }
    }
    let signed = sigs.iter().filter(|s| s.is_some()).count();
    println!(
        "articles: {} ({} with a signature, {} too short)",
        sets.len(),
        signed,
        sets.len() - signed
    );

    let t = Instant::now();
    let mut n = 0;
    for a in &addrs {
        let stored: TantivyDocument = searcher.doc(*a).expect("stored doc");
        let body = stored
            .get_first(fields.body)
            .and_then(|v| v.as_str())
            .unwrap_or("");
        n += usize::from(Signature::of(body).is_some());
    }
    let read = t.elapsed().as_secs_f64();
    let t = Instant::now();
    for a in &addrs {
        let stored: TantivyDocument = searcher.doc(*a).expect("stored doc");
        std::hint::black_box(stored.get_first(fields.body));
    }
    println!(
        "signatures alone: {:.2}s of CPU for {n} articles (one thread, stored-text reads subtracted)",
        read - t.elapsed().as_secs_f64()
    );

    let t = Instant::now();
    let truth = truth_pairs(&sets, TRUTH);
    println!(
        "truth: {} pairs with exact Jaccard >= {TRUTH} ({:.1}s)",
        truth.len(),
        t.elapsed().as_secs_f64()
    );

    let t = Instant::now();
    let groups = dedup::cluster(&sigs);
    let mut members: HashMap<usize, Vec<usize>> = HashMap::new();
    for (i, g) in groups.iter().enumerate() {
        members.entry(*g).or_default().push(i);
    }
    let mut predicted = HashSet::new();
    for m in members.values() {
        for (k, &i) in m.iter().enumerate() {
            for &j in &m[k + 1..] {
                predicted.insert((i.min(j), i.max(j)));
            }
        }
    }
    let multi = members.values().filter(|m| m.len() > 1).count();
    let largest = members.values().map(Vec::len).max().unwrap_or(0);
    println!(
        "groups: {multi} with 2 or more articles, largest {largest}; {} pairs grouped ({:.2}s)",
        predicted.len(),
        t.elapsed().as_secs_f64()
    );
    let hit = predicted.iter().filter(|p| truth.contains_key(p)).count();
    let precision = hit as f64 / predicted.len().max(1) as f64;
    let recall = hit as f64 / truth.len().max(1) as f64;
    println!("pair precision {precision:.3}, recall {recall:.3}");
    for (lo, hi) in [(0.5, 0.6), (0.6, 0.7), (0.7, 0.8), (0.8, 0.9), (0.9, 1.01)] {
        let band: Vec<_> = truth
            .iter()
            .filter(|(_, j)| **j >= lo && **j < hi)
            .collect();
        let found = band.iter().filter(|(p, _)| predicted.contains(p)).count();
        println!(
            "  recall for Jaccard {lo:.1}-{:.1}: {found}/{} = {:.3}",
            hi.min(1.0),
            band.len(),
            found as f64 / band.len().max(1) as f64
        );
    }
    // What wrongly grouped pairs look like.
    let mut false_j: Vec<f64> = predicted
        .iter()
        .filter(|p| !truth.contains_key(p))
        .map(|&(i, j)| dedup::jaccard(&sets[i], &sets[j]))
        .collect();
    false_j.sort_by(|a, b| a.partial_cmp(b).expect("numbers"));
    if !false_j.is_empty() {
        println!(
            "  wrongly grouped pairs: exact Jaccard min {:.2}, median {:.2}",
            false_j[0],
            false_j[false_j.len() / 2]
        );
    }

    // The groups searches read (the table newsdex-index wrote) must agree
    // with the in-memory grouping.
    let table = newsdex::index::group_table::GroupTable::load(&with_dir, &searcher)
        .expect("newsdex-index wrote a current group table");
    let (mut agree, mut checked) = (0, 0);
    for (i, addr) in addrs.iter().enumerate().step_by(37) {
        let g = groups::of(&table, &searcher, &fields, *addr).expect("group");
        checked += 1;
        if g.members.len() == members[&groups[i]].len() {
            agree += 1;
        }
    }
    println!("search-time groups agree with the evaluation on {agree}/{checked} sampled articles");
}

//! Score newsdex's extraction against the labelled articles.
//!
//!     cargo run --release --example eval
//!     cargo run --release --example eval -- --errors
//!
//! Runs `newsdex-index --export` logic over `sample-corpus/` and `tests/eval/`,
//! compares with `tests/labels/sample-*.jsonl` and `tests/labels/eval-*.jsonl`, and
//! prints precision, recall and F1 per entity kind, date accuracy and, with
//! `--errors`, every disagreement.
#![allow(clippy::print_stdout)]

use newsdex::eval::{parse_export, parse_labels, score};
use newsdex::formats::FieldMap;
use newsdex::index::{self, IndexRequest, Problem, Reporter};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

struct Quiet;
impl Reporter for Quiet {
    fn problem(&self, _: &Problem) {}
}

fn export(root: &Path) -> String {
    let req = IndexRequest {
        paths: vec![root.to_path_buf()],
        index_dir: PathBuf::new(),
        follow: false,
        threads: 2,
        memory_mb: 256,
        commit_every: u64::MAX,
        rebuild: false,
        entities: true,
        signatures: false,
        fields: FieldMap::new(&[]).expect("default field map"),
        export: true,
        optimize: false,
    };
    let out: Mutex<Vec<u8>> = Mutex::new(Vec::new());
    index::run(&req, &Quiet, Some(&out)).expect("export runs");
    String::from_utf8(out.into_inner().expect("buffer")).expect("utf-8 export")
}

fn labels_in(dir: &Path, prefix: &str) -> String {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .expect("label dir")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            p.extension().is_some_and(|e| e == "jsonl")
                && p.file_name()
                    .is_some_and(|n| n.to_string_lossy().starts_with(prefix))
        })
        .collect();
    files.sort();
    files
        .iter()
        .map(|f| std::fs::read_to_string(f).expect("labels"))
        .collect::<Vec<_>>()
        .join("\n")
}

fn main() {
    let show_errors = std::env::args().any(|a| a == "--errors");
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let sets = [
        (
            "sample-corpus",
            root.join("sample-corpus"),
            labels_in(&root.join("tests/labels"), "sample-"),
        ),
        (
            "evaluation set",
            root.join("tests/eval"),
            labels_in(&root.join("tests/labels"), "eval-"),
        ),
    ];
    let mut all_labels = Vec::new();
    let mut all_articles = Vec::new();
    for (name, dir, labels) in &sets {
        let labels = parse_labels(labels).expect("labels parse");
        let articles = parse_export(&export(dir)).expect("export parses");
        let report = score(&labels, &articles);
        println!("== {name}: {} labelled articles", labels.len());
        print!(
            "{}",
            if show_errors {
                report.render()
            } else {
                report.table()
            }
        );
        all_labels.extend(labels);
        all_articles.extend(articles);
    }
    println!("== all {} labelled articles", all_labels.len());
    let report = score(&all_labels, &all_articles);
    print!("{}", report.table());
}

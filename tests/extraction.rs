//! Extraction quality on the labelled sets, as a regression gate.
//!
//! Runs the same scoring as `cargo run --release --example eval` over
//! `sample-corpus/` and `tests/eval/` through the real `newsdex-index
//! --export`, and fails when quality falls below the floors below. The
//! floors are today's measured levels rounded down, not issue 3's targets;
//! README's Entities section has the current numbers.
#![allow(clippy::print_stdout)]

use assert_cmd::Command;
use newsdex::eval::{parse_export, parse_labels, score, Label};
use std::path::Path;

fn export(dir: &Path) -> String {
    let out = Command::cargo_bin("newsdex-index")
        .unwrap()
        .env_clear()
        .arg("--export")
        .arg(dir)
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    String::from_utf8(out).unwrap()
}

fn labels(dir: &Path, prefix: &str) -> Vec<Label> {
    let mut out = Vec::new();
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect();
    files.sort();
    for f in files {
        let name = f.file_name().unwrap().to_string_lossy().to_string();
        if name.starts_with(prefix) && name.ends_with(".jsonl") {
            out.extend(parse_labels(&std::fs::read_to_string(&f).unwrap()).unwrap());
        }
    }
    out
}

#[test]
fn extraction_meets_floors() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut all_labels = labels(&root.join("tests/labels"), "sample-");
    let mut articles = parse_export(&export(&root.join("sample-corpus"))).unwrap();
    assert!(
        all_labels.len() >= 40,
        "sample-corpus has at least 40 labelled articles"
    );
    all_labels.extend(labels(&root.join("tests/labels"), "eval-"));
    articles.extend(parse_export(&export(&root.join("tests/eval"))).unwrap());
    assert!(all_labels.len() >= 190);
    let r = score(&all_labels, &articles);
    println!("{}", r.render());
    assert!(
        r.missing.is_empty(),
        "labelled articles not extracted: {:?}",
        r.missing
    );
    assert_eq!(r.date_accuracy(), 1.0, "every labelled date is right");
    let (c, p, o) = (r.kind("countries"), r.kind("persons"), r.kind("orgs"));
    assert!(
        c.precision() >= 0.99 && c.recall() >= 0.98,
        "countries {:.3}/{:.3}",
        c.precision(),
        c.recall()
    );
    assert!(
        p.precision() >= 0.97 && p.recall() >= 0.92,
        "persons {:.3}/{:.3}",
        p.precision(),
        p.recall()
    );
    assert!(o.precision() >= 0.90, "orgs {:.3}", o.precision());
}

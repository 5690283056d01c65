//! Queries, flags and index versions: any input is answered or rejected
//! with exit 2 and a message that points at the problem, never a panic; an
//! index from another version is explained, never misread.

mod common;
use common::{bin, repo};
use newsdex::search::{self, Filters, SearchError, SearchRequest, Sort};
use proptest::prelude::*;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

/// One small index shared by the tests of this file (read-only use).
fn shared_index() -> &'static Path {
    static DIR: OnceLock<(tempfile::TempDir, PathBuf)> = OnceLock::new();
    &DIR.get_or_init(|| {
        let tmp = tempfile::tempdir().unwrap();
        let idx = tmp.path().join("index");
        bin("newsdex-index")
            .arg("--index")
            .arg(&idx)
            .arg(repo().join("tests/compat/archive"))
            .assert()
            .code(0);
        (tmp, idx)
    })
    .1
}

fn search_cmd(index: &Path, args: &[&str]) -> std::process::Output {
    bin("newsdex-search")
        .arg("--index")
        .arg(index)
        .args(args)
        .output()
        .unwrap()
}

/// Exit 0/1 with results, or exit 2 with one `newsdex-search: ...` message.
fn assert_answered_or_explained(q: &str, out: &std::process::Output) {
    let err = String::from_utf8_lossy(&out.stderr);
    match out.status.code() {
        Some(0 | 1) => {}
        Some(2) => {
            assert!(err.starts_with("newsdex-search: "), "{q:?}: {err}");
            assert!(!err.contains("panicked"), "{q:?}: {err}");
        }
        other => panic!("{q:?}: exit {other:?}: {err}"),
    }
}

#[test]
fn hostile_queries_are_answered_or_explained() {
    let idx = shared_index();
    let long_word = "x".repeat(20_000);
    let long_query = "harbour ".repeat(2_500);
    let deep = format!("{}harbour{}", "(".repeat(5_000), ")".repeat(5_000));
    let many_or = vec!["harbour"; 3_000].join(" OR ");
    let queries: Vec<&str> = vec![
        "\"unbalanced",
        "unbalanced\"",
        "(open",
        "close)",
        "((a)",
        "AND",
        "OR",
        "NOT",
        "AND OR NOT",
        "harbour AND",
        "OR harbour",
        "-",
        "+",
        "-harbour",
        "title:",
        ":harbour",
        "title:\"\"",
        "nosuchfield:harbour",
        "date:2024",
        "id:*",
        "a\\",
        "\\",
        "\\\\\\",
        "har\\bour",
        "*",
        "**",
        "har*",
        "*bour",
        "title:/[/",
        "title:/.*/",
        "title:/(a+)+$/",
        "[a TO z]",
        "title:[a TO",
        "date:[2020-01-01T00:00:00Z TO 2030-01-01T00:00:00Z]",
        "harbour^",
        "harbour^abc",
        "harbour^1e40",
        "harbour~",
        "\"harbour lights\"~99999999",
        "title:IN [a b]",
        // (NUL cannot be passed in argv; the property test below covers it.)
        "\u{feff}harbour",
        "emoji 🚢 harbour",
        "'",
        "`",
        "{}",
        "\t\n ",
        &long_word,
        &long_query,
        &deep,
        &many_or,
    ];
    for q in queries {
        let out = search_cmd(idx, &["--json", q]);
        assert_answered_or_explained(q, &out);
    }
    // An error points at the problem.
    let out = search_cmd(idx, &["\"unbalanced"]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("invalid query `\"unbalanced`"), "{err}");
    assert!(err.contains("check quotes and parentheses"), "{err}");
    // `field:*` parses but names no field: found by the query fuzzer.
    for q in ["nosuchfield:harbour", "nosuchfield:*"] {
        let out = search_cmd(idx, &[q]);
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(
            out.status.code() == Some(2) && err.contains("unknown field `nosuchfield`"),
            "{q}: {err}"
        );
    }
}

#[test]
fn bad_flags_are_usage_errors() {
    let idx = shared_index();
    for (args, needle) in [
        (&["", "--from", "2024-02-30"][..], "bad --from `2024-02-30`"),
        (
            &["", "--from", "yesterday"],
            "use YYYY, YYYY-MM or YYYY-MM-DD",
        ),
        (&["", "--to", "0000"], "bad --to `0000`"),
        (&["", "--to", "99999"], "bad --to `99999`"),
        (&["", "--from", "2025", "--to", "2024"], "is after --to"),
        (
            &["", "--facets", "perosn"],
            "unknown facet `perosn`; facets are:",
        ),
        (&["", "--facets", ","], ""),
        (&["", "--sort", "sideways"], "unknown sort `sideways`"),
        (&["", "--limit", "-1"], "unexpected argument '-1'"),
        (&["", "--limit", "lots"], "--limit"),
        (&["", "--country", ""], "unknown country"),
        (&["", "--color", "purple"], "--color"),
    ] {
        let out = search_cmd(idx, args);
        let err = String::from_utf8_lossy(&out.stderr);
        if args[1..] == ["--facets", ","] {
            // An empty list is no facets, not an error.
            assert_eq!(out.status.code(), Some(0), "{args:?}: {err}");
            continue;
        }
        assert_eq!(out.status.code(), Some(2), "{args:?}: {err}");
        assert!(err.contains(needle), "{args:?}: {err}");
        assert!(!err.contains("panicked"), "{args:?}: {err}");
    }
}

fn request(index: &Path, query: &str) -> SearchRequest {
    SearchRequest {
        index_dir: index.to_path_buf(),
        query: query.to_string(),
        filters: Filters::default(),
        limit: 5,
        offset: 0,
        sort: Sort::Relevance,
        facets: vec!["country".into(), "person".into()],
        facet_limit: 5,
        snippet_chars: 120,
        like: None,
        collapse: false,
        histogram: None,
    }
}

/// Query text drawn from the characters the grammar cares about, words of
/// the index and anything else.
fn query_text() -> impl Strategy<Value = String> {
    let token = prop_oneof![
        Just("\"".to_string()),
        Just("(".to_string()),
        Just(")".to_string()),
        Just("\\".to_string()),
        Just(":".to_string()),
        Just("*".to_string()),
        Just("-".to_string()),
        Just("+".to_string()),
        Just("^".to_string()),
        Just("~".to_string()),
        Just("/".to_string()),
        Just("[".to_string()),
        Just("]".to_string()),
        Just("{".to_string()),
        Just("}".to_string()),
        Just(" AND ".to_string()),
        Just(" OR ".to_string()),
        Just(" NOT ".to_string()),
        Just(" TO ".to_string()),
        Just("title:".to_string()),
        Just("body:".to_string()),
        Just("date:".to_string()),
        Just("harbour".to_string()),
        Just("café".to_string()),
        Just(" ".to_string()),
        "[0-9]{1,4}".prop_map(|s| s),
        any::<char>().prop_map(|c| c.to_string()),
        ".{0,6}".prop_map(|s| s),
    ];
    prop::collection::vec(token, 0..24).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]

    /// Through the library: a result or a query error, never a panic and
    /// never another kind of failure.
    #[test]
    fn any_query_is_answered_or_rejected(q in query_text()) {
        match search::search(&request(shared_index(), &q)) {
            Ok(r) => prop_assert!(r.hits.len() <= r.total),
            Err(SearchError::Query { reason, .. }) => prop_assert!(!reason.is_empty()),
            Err(e) => prop_assert!(false, "{q:?}: {e}"),
        }
    }
}

fn copy_tree(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap() {
        let e = e.unwrap();
        if e.file_type().unwrap().is_dir() {
            copy_tree(&e.path(), &to.join(e.file_name()));
        } else {
            std::fs::copy(e.path(), to.join(e.file_name())).unwrap();
        }
    }
}

#[test]
fn missing_and_incompatible_indexes_are_explained() {
    let tmp = tempfile::tempdir().unwrap();
    let archive = repo().join("tests/compat/archive");
    // Missing: the exact command to build one.
    let missing = tmp.path().join("nothing-here");
    let out = search_cmd(&missing, &["harbour"]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        err.contains(&format!("no index at {}", missing.display()))
            && err.contains(&format!("newsdex-index --index {} PATH", missing.display())),
        "{err}"
    );
    // Another schema version: refused by search and by index, with the fix.
    let other = tmp.path().join("other-version");
    copy_tree(shared_index(), &other);
    let meta = other.join("newsdex-meta.json");
    let text = std::fs::read_to_string(&meta).unwrap();
    let v: serde_json::Value = serde_json::from_str(&text).unwrap();
    let bumped = v["schema_version"].as_u64().unwrap() + 1;
    std::fs::write(
        &meta,
        text.replace(
            &format!("\"schema_version\": {}", v["schema_version"]),
            &format!("\"schema_version\": {bumped}"),
        ),
    )
    .unwrap();
    let rebuild = format!("newsdex-index --rebuild --index {} PATH", other.display());
    let out = search_cmd(&other, &["harbour"]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(err.contains(&format!("schema version {bumped}")), "{err}");
    assert!(err.contains(&rebuild), "{err}");
    let out = bin("newsdex-index")
        .arg("--index")
        .arg(&other)
        .arg(&archive)
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(err.contains(&rebuild), "{err}");
    // The suggested command works.
    bin("newsdex-index")
        .arg("--rebuild")
        .arg("--index")
        .arg(&other)
        .arg(&archive)
        .assert()
        .code(0);
    assert_eq!(search_cmd(&other, &["harbour"]).status.code(), Some(0));

    // Same version number, different field list: detected, not misread.
    let fields = tmp.path().join("other-fields");
    std::fs::create_dir_all(&fields).unwrap();
    let mut b = tantivy::schema::Schema::builder();
    b.add_text_field("title", tantivy::schema::TEXT | tantivy::schema::STORED);
    tantivy::Index::create_in_dir(&fields, b.build()).unwrap();
    std::fs::copy(
        shared_index().join("newsdex-meta.json"),
        fields.join("newsdex-meta.json"),
    )
    .unwrap();
    let out = search_cmd(&fields, &["harbour"]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(err.contains("with a different field list"), "{err}");

    // A tantivy index that newsdex did not write.
    std::fs::remove_file(fields.join("newsdex-meta.json")).unwrap();
    let out = search_cmd(&fields, &["harbour"]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(err.contains("not a newsdex index"), "{err}");

    // A damaged version file is an error that names it.
    std::fs::write(fields.join("newsdex-meta.json"), "{ not json").unwrap();
    let out = search_cmd(&fields, &["harbour"]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(err.contains("newsdex-meta.json"), "{err}");
}

/// The committed indexes under `tests/compat/`: the one built by this
/// schema version must open and answer exactly as when it was built; older
/// ones must be refused with the rebuild command, never misread. When the
/// schema version changes, add an index for it with
/// `scripts/gen-compat-index` and keep the old ones.
#[test]
fn committed_compat_indexes() {
    let current = newsdex::index::schema::SCHEMA_VERSION;
    let mut found_current = false;
    for e in std::fs::read_dir(repo().join("tests/compat")).unwrap() {
        let dir = e.unwrap().path();
        let Some(v) = dir
            .file_name()
            .and_then(|n| n.to_str())
            .and_then(|n| n.strip_prefix("index-v"))
            .and_then(|n| n.parse::<u32>().ok())
        else {
            continue;
        };
        // Opening must not write: work on a copy.
        let tmp = tempfile::tempdir().unwrap();
        let copy = tmp.path().join("index");
        copy_tree(&dir, &copy);
        let out = search_cmd(&copy, &["--json", "harbour", "--facets", "country"]);
        let err = String::from_utf8_lossy(&out.stderr);
        if v == current {
            found_current = true;
            assert_eq!(out.status.code(), Some(0), "{err}");
            let r: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
            let expect: serde_json::Value = serde_json::from_str(
                &std::fs::read_to_string(dir.with_extension("expected.json")).unwrap(),
            )
            .unwrap();
            // What the index stores, not how search ranks or renders it.
            let stored = |v: &serde_json::Value| -> Vec<String> {
                let mut out: Vec<String> = v["hits"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|h| {
                        format!(
                            "{} | {} | {} | {}",
                            h["id"], h["title"], h["date"], h["countries"]
                        )
                    })
                    .collect();
                out.sort();
                out
            };
            assert_eq!(r["total"], expect["total"]);
            assert_eq!(stored(&r), stored(&expect));
            assert_eq!(r["facets"], expect["facets"]);
        } else {
            assert_eq!(out.status.code(), Some(2), "v{v}: {err}");
            assert!(err.contains("newsdex-index --rebuild"), "v{v}: {err}");
        }
    }
    assert!(
        found_current,
        "no tests/compat/index-v{current}: run scripts/gen-compat-index"
    );
}

/// Unqualified words search only the text fields some article fills (a
/// field no article fills is skipped for speed). A word that sits only in a
/// lede is still found, and in an archive without ledes a `lede:` query is
/// answered with no match, not an error.
#[test]
fn lede_words_are_found_and_an_index_without_ledes_still_answers() {
    let tmp = tempfile::tempdir().unwrap();
    let index_of = |name: &str, records: &str| -> PathBuf {
        let archive = tmp.path().join(name);
        std::fs::create_dir(&archive).unwrap();
        std::fs::write(archive.join("news.jsonl"), records).unwrap();
        let idx = tmp.path().join(format!("{name}-index"));
        bin("newsdex-index")
            .arg("-q")
            .arg("--index")
            .arg(&idx)
            .arg(&archive)
            .assert()
            .code(0);
        idx
    };
    let with_lede = index_of(
        "with",
        concat!(
            r#"{"id": "a", "title": "Harbour report", "description": "A zephyrine tide rose.", "maintext": "Boats stayed in port all week."}"#,
            "\n",
            r#"{"id": "b", "title": "Market report", "maintext": "Traders sold grain."}"#,
            "\n"
        ),
    );
    let out = search_cmd(&with_lede, &["--json", "zephyrine"]);
    assert_eq!(out.status.code(), Some(0));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(common::ids(&v), ["a"]);

    let without = index_of(
        "without",
        concat!(
            r#"{"id": "c", "title": "Harbour report", "maintext": "A zephyrine tide rose."}"#,
            "\n"
        ),
    );
    let out = search_cmd(&without, &["--json", "zephyrine"]);
    assert_eq!(out.status.code(), Some(0));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(common::ids(&v), ["c"]);
    let out = search_cmd(&without, &["lede:zephyrine"]);
    assert_eq!(out.status.code(), Some(1), "{out:?}");
}

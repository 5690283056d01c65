//! Hostile input: the committed archive in `tests/fixtures/hostile/` plus
//! files too big, too deep or too odd to commit, generated here.
//!
//! The promise under test: every good article is indexed, every bad file or
//! line is one stderr line `path[:line]: reason`, the summary counts the
//! problems by reason, and the exit code says whether anything was skipped.

mod common;
use common::bin;
use serde_json::Value;
use std::collections::BTreeSet;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

fn fixtures() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/hostile")
}

fn copy_tree(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap() {
        let e = e.unwrap();
        let dest = to.join(e.file_name());
        if e.file_type().unwrap().is_dir() {
            copy_tree(&e.path(), &dest);
        } else {
            std::fs::copy(e.path(), dest).unwrap();
        }
    }
}

fn gzip(data: &[u8]) -> Vec<u8> {
    let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    enc.write_all(data).unwrap();
    enc.finish().unwrap()
}

/// Whether permission bits stop this process from reading (not as root).
fn permissions_apply(dir: &Path) -> bool {
    let probe = dir.join("probe");
    std::fs::write(&probe, "x").unwrap();
    set_mode(&probe, 0o000);
    let denied = std::fs::read(&probe).is_err();
    set_mode(&probe, 0o644);
    std::fs::remove_file(&probe).unwrap();
    denied
}

fn set_mode(p: &Path, mode: u32) {
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(p, std::fs::Permissions::from_mode(mode)).unwrap();
}

struct Run {
    code: i32,
    stderr: String,
    /// Problem lines: everything before the summary.
    problems: Vec<String>,
    /// Summary lines.
    summary: Vec<String>,
}

fn index(index_dir: &Path, extra: &[&str], paths: &[&Path]) -> Run {
    let mut c = bin("newsdex-index");
    c.arg("--index").arg(index_dir).args(extra).args(paths);
    let out = c.output().unwrap();
    let stderr = String::from_utf8(out.stderr).expect("stderr is UTF-8");
    let lines: Vec<String> = stderr.lines().map(str::to_string).collect();
    let split = lines
        .iter()
        .position(|l| l.contains(" files seen, "))
        .unwrap_or(lines.len());
    Run {
        code: out.status.code().expect("exited, not killed"),
        problems: lines[..split].to_vec(),
        summary: lines[split..].to_vec(),
        stderr,
    }
}

fn search(index_dir: &Path, args: &[&str]) -> Value {
    let out = bin("newsdex-search")
        .arg("--index")
        .arg(index_dir)
        .arg("--json")
        .args(args)
        .output()
        .unwrap();
    assert!(
        matches!(out.status.code(), Some(0 | 1)),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

fn ids(v: &Value) -> BTreeSet<String> {
    common::ids(v).into_iter().collect()
}

/// `path[:line]: reason` with a path under the archive.
fn assert_problem_shape(run: &Run) {
    for l in &run.problems {
        let (head, reason) = l.split_once(": ").unwrap_or_else(|| panic!("shape: {l}"));
        assert!(!reason.trim().is_empty(), "no reason: {l}");
        let path = match head.rsplit_once(':') {
            Some((p, n)) if n.bytes().all(|b| b.is_ascii_digit()) => p,
            _ => head,
        };
        assert!(!path.is_empty() && !path.contains('\n'), "path: {l}");
    }
}

fn has(run: &Run, needle: &str) -> bool {
    run.problems.iter().any(|l| l.contains(needle))
}

#[test]
fn committed_hostile_archive() {
    let tmp = tempfile::tempdir().unwrap();
    let archive = tmp.path().join("hostile");
    copy_tree(&fixtures(), &archive);
    let idx = tmp.path().join("index");
    let run = index(&idx, &[], &[&archive]);
    assert_eq!(
        run.code, 1,
        "skipped files make exit code 1:\n{}",
        run.stderr
    );
    assert_problem_shape(&run);
    let expect = [
        "empty/empty.txt: empty",
        "empty/whitespace.txt: empty",
        "binary/photo.txt: binary",
        "binary/report.txt: binary",
        "binary/noise.txt: binary",
        "binary/noise.md: binary",
        "encodings/cp1252-cafe.txt: decoded from windows-1252",
        "encodings/latin1-zurich.txt: decoded from windows-1252",
        "encodings/utf16le-bom.txt: decoded from UTF-16LE",
        "encodings/utf16be-bom.txt: decoded from UTF-16BE",
        "encodings/mixed-bytes.txt: invalid UTF-8 bytes replaced",
        "feeds/broken.jsonl:2: invalid JSON",
        "feeds/broken.jsonl:5: not a JSON object",
        "feeds/broken.jsonl:6: bad date: date `0000-01-01` is outside",
        "feeds/broken.jsonl:7: invalid JSON",
        "feeds/broken.jsonl:8: bad date: date `9999-12-31` is outside",
        "feeds/broken.jsonl:9: bad date: impossible date `2023-02-31`",
        "feeds/broken.jsonl:10: wrong type: title: a boolean ignored",
        "feeds/broken.jsonl:10: wrong type: date: expected a date, found an object",
        "feeds/broken.jsonl:11: no title, text, id or url",
        "feeds/broken.jsonl:12: invalid JSON",
        "dates/year-zero.txt: bad date: date `0000-01-01` is outside",
        "dates/year-9999.txt: bad date: date `9999-12-31` is outside",
        "dates/feb-31.md: bad date: impossible date `2023-02-31`",
    ];
    for e in expect {
        assert!(has(&run, e), "missing `{e}` in:\n{}", run.stderr);
    }
    // Every problem line names a file of the archive, once per problem.
    assert_eq!(run.problems.len(), expect.len(), "{}", run.stderr);
    let summary = run.summary.join("\n");
    assert!(
        summary.contains("skipped: binary: 4, empty: 2"),
        "{summary}"
    );
    assert!(
        summary.contains("failed (invalid JSON): 3")
            && summary.contains("failed (not a JSON object): 1")
            && summary.contains("failed (no title, text, id or url): 1"),
        "{summary}"
    );
    assert!(
        summary.contains("warnings (articles kept): bad date: 6, decoded from UTF-16BE: 1"),
        "{summary}"
    );

    // 5 encodings + 3 dates + 2 fallbacks + 7 good JSON lines.
    let all = search(&idx, &["", "--limit", "100"]);
    assert_eq!(all["total"], 17, "{all:#}");
    // Decoded, not dropped: "Café" stays "Café", UTF-16 and damaged text kept.
    let v = search(&idx, &["café"]);
    assert_eq!(ids(&v), ["encodings/cp1252-cafe.txt".to_string()].into());
    assert_eq!(v["hits"][0]["title"], "Café owners protest rent rise");
    assert_eq!(
        ids(&search(&idx, &["zürich"])),
        ["encodings/latin1-zurich.txt".to_string()].into()
    );
    assert_eq!(
        search(&idx, &["gdańsk"])["hits"][0]["title"],
        "Gdańsk shipyard reopens"
    );
    assert_eq!(search(&idx, &["malmö"])["total"], 1);
    assert_eq!(
        search(&idx, &["districts"])["hits"][0]["title"],
        "São Paulo floods displace thousands"
    );
    // Wrong types fall back: an array title is joined, Unix time is a date,
    // an object body gives its strings; a boolean title falls back to the text.
    let v = search(&idx, &["wheat"]);
    assert_eq!(v["hits"][0]["title"], "Grain prices rise again");
    assert_eq!(v["hits"][0]["date"], "2024-03-05T12:00:00Z");
    let v = search(&idx, &["boolean"]);
    assert_eq!(v["hits"][0]["title"], "A boolean title and an object date.");
    assert_eq!(v["hits"][0]["date"], Value::Null);
    assert_eq!(search(&idx, &["broken"])["hits"][0]["id"], "feed-9");
    // Absurd dates: article kept, date left out, so date filters exclude it.
    for (q, id) in [
        ("placeholder", "dates/year-zero.txt"),
        ("sentinel", "dates/year-9999.txt"),
        ("council", "dates/feb-31.md"),
        ("placeholder date", "feed-4"),
    ] {
        let v = search(&idx, &[q]);
        let hit = v["hits"]
            .as_array()
            .unwrap()
            .iter()
            .find(|h| h["id"] == id)
            .unwrap_or_else(|| panic!("{id} lost: {v:#}"));
        assert_eq!(hit["date"], Value::Null, "{id}");
    }
    // Fallbacks: no title takes the first line; no date means no date facet.
    let v = search(&idx, &["parish"]);
    assert_eq!(
        v["hits"][0]["title"],
        "the minutes of the parish council were read and approved without amendment"
    );
    let v = search(&idx, &["harbour", "--from", "1800", "--to", "2100"]);
    assert_eq!(
        v["total"], 0,
        "an undated article is outside any date range"
    );
    assert_eq!(search(&idx, &["harbour"])["hits"][0]["date"], Value::Null);
}

#[test]
fn truncated_gzip_keeps_what_came_before() {
    let tmp = tempfile::tempdir().unwrap();
    let archive = tmp.path().join("archive");
    std::fs::create_dir_all(&archive).unwrap();
    let mut lines = String::new();
    for i in 1..=400 {
        lines.push_str(&format!(
            "{{\"id\":\"g-{i}\",\"title\":\"Record {i}\",\"text\":\"Body of record number {i}, with some text so the stream is long enough to cut.\"}}\n"
        ));
    }
    let gz = gzip(lines.as_bytes());
    // Cut the compressed stream in the middle: the decoder yields a prefix.
    std::fs::write(archive.join("stream.jsonl.gz"), &gz[..gz.len() / 2]).unwrap();
    // Whole-file formats: the text up to the break is still an article.
    // Long and varied enough to span several deflate blocks.
    let story = format!(
        "Dam inspection finds cracks\n\n{}",
        (0..20_000)
            .map(|i| format!(
                "Engineers found crack {} in spillway section {i}. ",
                i * 7919 % 10007
            ))
            .collect::<String>()
    );
    let gz = gzip(story.as_bytes());
    std::fs::write(archive.join("story.txt.gz"), &gz[..gz.len() / 2]).unwrap();
    let array = format!(
        "[{}]",
        (1..=200)
            .map(|i| format!("{{\"id\":\"arr-{i}\",\"title\":\"Array record {i}\",\"text\":\"Text {i} of the array export.\"}}"))
            .collect::<Vec<_>>()
            .join(",")
    );
    let gz = gzip(array.as_bytes());
    std::fs::write(archive.join("export.json.gz"), &gz[..gz.len() / 2]).unwrap();
    // A header that is not gzip at all.
    std::fs::write(archive.join("fake.txt.gz"), "plain text with a .gz name\n").unwrap();

    let idx = tmp.path().join("index");
    let run = index(&idx, &[], &[&archive]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert_problem_shape(&run);
    // JSON Lines: reported at the line where the stream broke.
    let line = run
        .problems
        .iter()
        .find(|l| l.starts_with("stream.jsonl.gz:") && l.contains("truncated gzip"))
        .unwrap_or_else(|| panic!("{}", run.stderr));
    let broken_at: usize = line["stream.jsonl.gz:".len()..]
        .split(':')
        .next()
        .unwrap()
        .parse()
        .unwrap();
    assert!((50..400).contains(&broken_at), "{line}");
    let all = ids(&search(&idx, &["", "--limit", "10000"]));
    // Every complete line before the break, and nothing invented.
    let kept: BTreeSet<String> = all
        .iter()
        .filter(|i| i.starts_with("g-"))
        .cloned()
        .collect();
    let expect: BTreeSet<String> = (1..broken_at).map(|i| format!("g-{i}")).collect();
    assert_eq!(kept, expect, "{}", run.stderr);
    // The partial line at the break is not indexed as garbage.
    assert!(has(&run, "story.txt.gz: truncated gzip"), "{}", run.stderr);
    let v = search(&idx, &["spillway"]);
    assert_eq!(v["hits"][0]["title"], "Dam inspection finds cracks");
    // A cut JSON array keeps its complete records; the cut one is reported.
    assert!(
        has(&run, "export.json.gz: truncated gzip"),
        "{}",
        run.stderr
    );
    let arr: BTreeSet<String> = all
        .iter()
        .filter(|i| i.starts_with("arr-"))
        .cloned()
        .collect();
    let n = arr.len();
    assert!((50..200).contains(&n), "{n} array records kept");
    assert_eq!(arr, (1..=n).map(|i| format!("arr-{i}")).collect());
    let cut = format!(
        "export.json.gz:{}: invalid JSON: record {} cut off",
        n + 1,
        n + 1
    );
    assert!(has(&run, &cut), "{cut}: {}", run.stderr);
    assert!(has(&run, "fake.txt.gz: not gzip"), "{}", run.stderr);
}

#[test]
fn huge_inputs_stay_bounded() {
    let tmp = tempfile::tempdir().unwrap();
    let archive = tmp.path().join("archive");
    std::fs::create_dir_all(&archive).unwrap();
    // A single 20 MB line in JSON Lines, between two good records.
    {
        let mut f = std::fs::File::create(archive.join("dump.jsonl")).unwrap();
        writeln!(
            f,
            "{{\"id\":\"before\",\"title\":\"Before the giant\",\"text\":\"Small record.\"}}"
        )
        .unwrap();
        let words = "lorem ipsum dolor sit amet ".repeat(20 * 1024 * 1024 / 27);
        writeln!(
            f,
            "{{\"id\":\"giant\",\"title\":\"Giant line\",\"text\":\"{words}\"}}"
        )
        .unwrap();
        writeln!(
            f,
            "{{\"id\":\"after\",\"title\":\"After the giant\",\"text\":\"Small record.\"}}"
        )
        .unwrap();
    }
    // A single 20 MB line of text with no newline at all.
    std::fs::write(
        archive.join("oneline.txt"),
        "quarry blast shook windows ".repeat(20 * 1024 * 1024 / 27),
    )
    .unwrap();
    // A 300 KB "word".
    std::fs::write(
        archive.join("word.txt"),
        format!(
            "Long word story\n\nBefore {} after.\n",
            "x".repeat(300 * 1024)
        ),
    )
    .unwrap();
    // An article naming thousands of people (a results list).
    let mut names = String::from("Marathon results in full\n\nThe full field of finishers:\n\n");
    for i in 0..5000 {
        let given = [
            "Amina", "John", "Maria", "Kenji", "Fatima", "Pedro", "Olga", "David",
        ][i % 8];
        names.push_str(&format!("{given} Runner{i} (Kenya) finished; "));
    }
    std::fs::write(archive.join("results.txt"), names).unwrap();

    let idx = tmp.path().join("index");
    let started = Instant::now();
    let run = index(&idx, &[], &[&archive]);
    let took = started.elapsed();
    assert_eq!(run.code, 0, "{}", run.stderr);
    // Generous bound: only catches runaway (quadratic) behaviour.
    assert!(took < Duration::from_secs(60), "took {took:?}");
    let v = search(&idx, &["", "--limit", "10"]);
    assert_eq!(v["total"], 6, "{v:#}");
    assert_eq!(search(&idx, &["quarry"])["total"], 1);
    assert_eq!(search(&idx, &["giant"])["total"], 3);
    let v = search(
        &idx,
        &["marathon", "--facets", "person", "--facet-limit", "3"],
    );
    assert_eq!(v["total"], 1);
}

#[test]
fn deep_trees_symlink_loops_and_unreadable_entries() {
    let tmp = tempfile::tempdir().unwrap();
    let archive = tmp.path().join("archive");
    // 200 levels deep.
    let mut deep = archive.join("deep");
    for i in 0..200 {
        deep = deep.join(format!("d{i}"));
    }
    std::fs::create_dir_all(&deep).unwrap();
    std::fs::write(
        deep.join("bottom.txt"),
        "Found at the bottom\n\nA story two hundred folders down.\n",
    )
    .unwrap();
    // A symlink loop.
    let loop_dir = archive.join("loop");
    std::fs::create_dir_all(&loop_dir).unwrap();
    std::fs::write(
        loop_dir.join("story.txt"),
        "Loop story\n\nIndexed once, not forever.\n",
    )
    .unwrap();
    std::os::unix::fs::symlink("..", loop_dir.join("back")).unwrap();
    // Unreadable file and directory.
    let locked = archive.join("locked");
    std::fs::create_dir_all(&locked).unwrap();
    std::fs::write(
        locked.join("inside.txt"),
        "Locked in\n\nA story in a closed folder.\n",
    )
    .unwrap();
    std::fs::write(
        archive.join("secret.txt"),
        "Secret\n\nA story nobody may read.\n",
    )
    .unwrap();
    let enforce = permissions_apply(tmp.path());
    set_mode(&locked, 0o000);
    set_mode(&archive.join("secret.txt"), 0o000);

    let idx = tmp.path().join("index");
    let run = index(&idx, &["--follow"], &[&archive]);
    set_mode(&locked, 0o755);
    set_mode(&archive.join("secret.txt"), 0o644);
    assert_problem_shape(&run);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(has(&run, "loop/back: symlink loop"), "{}", run.stderr);
    assert_eq!(search(&idx, &["loop"])["total"], 1, "indexed once");
    assert_eq!(search(&idx, &["bottom"])["total"], 1);
    if enforce {
        assert!(has(&run, "locked: permission denied"), "{}", run.stderr);
        assert!(has(&run, "secret.txt: permission denied"), "{}", run.stderr);
        assert!(run
            .summary
            .join("\n")
            .contains("failed (permission denied): 2"));
    } else {
        // Running as root (as CI does): permission bits do not stop reads, so
        // there is nothing to report; the stories are simply indexed.
        assert_eq!(search(&idx, &["secret"])["total"], 1);
    }
    // Without --follow the link is reported and skipped, not walked.
    let idx2 = tmp.path().join("index2");
    let run = index(&idx2, &[], &[&archive]);
    assert!(
        has(&run, "loop/back: symlink (use --follow)"),
        "{}",
        run.stderr
    );
}

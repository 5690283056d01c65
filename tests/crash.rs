//! Crashes and concurrent use: `kill -9` during indexing, searching while
//! an indexer runs, a read-only index directory and a full disk.
//!
//! The promise under test: the index always opens and answers from its last
//! commit, and re-running completes it with every article exactly once.
//! `scripts/crash-test` runs the kill loop for longer, at random moments.

mod common;
use common::bin;
use serde_json::Value;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::{Child, Stdio};
use std::time::{Duration, Instant};

fn bin_path(name: &str) -> PathBuf {
    assert_cmd::cargo::cargo_bin(name)
}

/// `files` JSON Lines files of `per_file` articles each, plus `texts` text
/// files: ids `f{file}-{line}` and `t{n}.txt`.
fn archive(root: &Path, files: usize, per_file: usize, texts: usize) -> usize {
    std::fs::create_dir_all(root.join("feeds")).unwrap();
    std::fs::create_dir_all(root.join("pages")).unwrap();
    let countries = ["Kenya", "Brazil", "Japan", "Norway", "Chile", "Ghana"];
    for f in 0..files {
        let mut out = String::new();
        for l in 0..per_file {
            let c = countries[(f + l) % countries.len()];
            out.push_str(&format!(
                "{{\"id\":\"f{f}-{l}\",\"title\":\"Harvest report {f} {l} from {c}\",\"date\":\"2024-{:02}-{:02}\",\"text\":\"Farmers in {c} said on Monday that the harvest of record {l} in file {f} was larger than expected, the agriculture minister told reporters.\"}}\n",
                1 + l % 12,
                1 + l % 28
            ));
        }
        std::fs::write(root.join(format!("feeds/feed-{f:03}.jsonl")), out).unwrap();
    }
    for t in 0..texts {
        std::fs::write(
            root.join(format!("pages/t{t}.txt")),
            format!("Page story {t}\n\nA page about port traffic number {t} in Chile.\n"),
        )
        .unwrap();
    }
    files * per_file + texts
}

/// All ids the index holds, and its total; `None` when it cannot be opened.
fn contents(index: &Path) -> Result<(usize, BTreeSet<String>), String> {
    let out = bin("newsdex-search")
        .arg("--index")
        .arg(index)
        .args(["--json", "--limit", "100000", ""])
        .output()
        .unwrap();
    if !matches!(out.status.code(), Some(0 | 1)) {
        return Err(String::from_utf8_lossy(&out.stderr).into_owned());
    }
    let v: Value = serde_json::from_slice(&out.stdout).map_err(|e| e.to_string())?;
    let ids = v["hits"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["id"].as_str().unwrap().to_string())
        .collect();
    Ok((v["total"].as_u64().unwrap() as usize, ids))
}

fn spawn_index(index: &Path, archive: &Path, commit_every: u32) -> Child {
    std::process::Command::new(bin_path("newsdex-index"))
        .env_clear()
        .arg("--index")
        .arg(index)
        .args(["--threads", "2", "--quiet"])
        .arg("--commit-every")
        .arg(commit_every.to_string())
        .arg(archive)
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap()
}

/// Wait until the index shows more than `seen` articles (a new commit) or
/// the indexer exits; returns the new total.
fn wait_for_commit(child: &mut Child, index: &Path, seen: usize) -> Option<usize> {
    let deadline = Instant::now() + Duration::from_secs(20);
    while Instant::now() < deadline {
        if child.try_wait().unwrap().is_some() {
            return None;
        }
        if let Ok((total, _)) = contents(index) {
            if total > seen {
                return Some(total);
            }
        }
        std::thread::sleep(Duration::from_millis(5));
    }
    None
}

#[test]
fn kill_9_during_indexing_loses_nothing_committed() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("archive");
    let expected = archive(&root, 30, 100, 300);
    let index = tmp.path().join("index");
    let mut killed_mid_run = 0;
    let mut last_total = 0;
    for delay_ms in [0u64, 7, 23, 41] {
        let mut child = spawn_index(&index, &root, 40);
        // Kill just after a commit became visible, at varying offsets.
        let Some(_) = wait_for_commit(&mut child, &index, last_total) else {
            break;
        };
        std::thread::sleep(Duration::from_millis(delay_ms));
        if child.try_wait().unwrap().is_none() {
            child.kill().unwrap(); // SIGKILL
            killed_mid_run += 1;
        }
        child.wait().unwrap();
        // Opens, answers from the last commit, holds no duplicate.
        let (total, ids) = contents(&index).expect("index opens after kill -9");
        assert!(total >= last_total && total <= expected, "{total}");
        assert_eq!(ids.len(), total, "an article appears twice");
        last_total = total;
    }
    assert!(
        killed_mid_run >= 2,
        "only {killed_mid_run} kills landed mid-run"
    );
    // Re-running completes it, every article exactly once.
    let out = bin("newsdex-index")
        .arg("--index")
        .arg(&index)
        .arg(&root)
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let (total, ids) = contents(&index).unwrap();
    assert_eq!(total, expected);
    assert_eq!(ids.len(), expected);
    // And a further run finds nothing to do.
    bin("newsdex-index")
        .arg("--index")
        .arg(&index)
        .arg(&root)
        .assert()
        .code(0)
        .stderr(predicates::str::contains("0 read, 330 unchanged"));
}

#[test]
fn search_works_while_indexing_and_sees_commits() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("archive");
    let expected = archive(&root, 40, 100, 0);
    let index = tmp.path().join("index");
    let mut child = spawn_index(&index, &root, 100);
    let mut totals = Vec::new();
    while child.try_wait().unwrap().is_none() {
        match contents(&index) {
            Ok((total, ids)) => {
                assert_eq!(ids.len(), total);
                totals.push(total);
            }
            // Before the indexer has created the index.
            Err(e) => assert!(e.contains("no index at") && totals.is_empty(), "{e}"),
        }
    }
    let status = child.wait().unwrap();
    assert!(status.success());
    assert!(
        totals.windows(2).all(|w| w[0] <= w[1]),
        "commits only add: {totals:?}"
    );
    assert!(
        totals.iter().any(|&t| t > 0 && t < expected),
        "no search saw a partial commit: {totals:?}"
    );
    assert_eq!(contents(&index).unwrap().0, expected);
}

/// Run `cmd` as a shell command; false when it fails (not root, no mounts).
/// Run `newsdex-index` on `archive` into `index` (plus `extra` flags),
/// expecting exit code 2; its stderr.
fn index_fails(index: &Path, archive: &Path, extra: &[&str]) -> String {
    let out = bin("newsdex-index")
        .arg("--index")
        .arg(index)
        .args(extra)
        .arg(archive)
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr).into_owned();
    assert_eq!(out.status.code(), Some(2), "{err}");
    err
}

fn sh(cmd: &str) -> bool {
    std::process::Command::new("sh")
        .args(["-c", cmd])
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
}

struct Unmount(PathBuf);

impl Drop for Unmount {
    fn drop(&mut self) {
        sh(&format!("umount '{}'", self.0.display()));
    }
}

#[test]
fn read_only_index_is_a_clean_error() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("archive");
    archive(&root, 2, 50, 0);
    let index = tmp.path().join("index");
    bin("newsdex-index")
        .arg("--index")
        .arg(&index)
        .arg(&root)
        .assert()
        .code(0);
    std::fs::write(
        root.join("feeds/late.jsonl"),
        "{\"id\":\"late\",\"title\":\"Late\",\"text\":\"Late story.\"}\n",
    )
    .unwrap();
    // Root ignores permission bits, so use a read-only bind mount there.
    let _guard;
    if sh("[ \"$(id -u)\" = 0 ]") {
        let i = index.display();
        if !sh(&format!(
            "mount --bind '{i}' '{i}' && mount -o remount,ro,bind '{i}' '{i}'"
        )) {
            eprintln!("skipped: cannot make a read-only bind mount here");
            return;
        }
        _guard = Unmount(index.clone());
    } else {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&index, std::fs::Permissions::from_mode(0o555)).unwrap();
    }
    let err = index_fails(&index, &root, &[]);
    assert!(
        err.starts_with("newsdex-index: ") && err.lines().count() == 1,
        "one clean line: {err}"
    );
    assert!(
        err.contains("read-only file system") || err.contains("permission denied"),
        "{err}"
    );
    assert!(!err.contains("panicked"), "{err}");
    // The last commit still answers.
    assert_eq!(contents(&index).unwrap().0, 100);
    use std::os::unix::fs::PermissionsExt;
    let _ = std::fs::set_permissions(&index, std::fs::Permissions::from_mode(0o755));
}

#[test]
fn full_disk_is_a_clean_error_and_keeps_the_last_commit() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("archive");
    archive(&root, 1, 50, 0);
    let mnt = tmp.path().join("small-disk");
    std::fs::create_dir_all(&mnt).unwrap();
    if !sh(&format!(
        "mount -t tmpfs -o size=3m tmpfs '{}'",
        mnt.display()
    )) {
        eprintln!("skipped: cannot mount a small tmpfs (needs root)");
        return;
    }
    let _guard = Unmount(mnt.clone());
    let index = mnt.join("index");
    bin("newsdex-index")
        .arg("--index")
        .arg(&index)
        .arg(&root)
        .assert()
        .code(0);
    assert_eq!(contents(&index).unwrap().0, 50);
    // About 8 MB of new, incompressible-enough text: cannot fit in 3 MB.
    let mut big = String::new();
    for i in 0..20_000 {
        big.push_str(&format!(
            "{{\"id\":\"big-{i}\",\"title\":\"Filler {i} {:x}\",\"text\":\"{}\"}}\n",
            i * 7919,
            (0..40)
                .map(|k| format!("w{:x}", (i * 31 + k) * 2654435761u64 as usize % 1_000_003))
                .collect::<Vec<_>>()
                .join(" ")
        ));
    }
    std::fs::write(root.join("feeds/big.jsonl"), big).unwrap();
    let err = index_fails(&index, &root, &["--commit-every", "1000000"]);
    assert!(err.contains("no space left on device"), "{err}");
    assert!(!err.contains("panicked"), "{err}");
    // The last commit still answers, without the half-written articles.
    assert_eq!(contents(&index).unwrap().0, 50);
}

#[test]
fn second_indexer_is_refused_while_one_runs() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("archive");
    let expected = archive(&root, 40, 100, 0);
    let index = tmp.path().join("index");
    let mut first = spawn_index(&index, &root, 100);
    if wait_for_commit(&mut first, &index, 0).is_none() {
        panic!("the first indexer finished before a second could start");
    }
    let started = Instant::now();
    let err = index_fails(&index, &root, &[]);
    assert!(
        started.elapsed() < Duration::from_secs(5),
        "refused at once"
    );
    assert!(err.contains("locked by another newsdex-index"), "{err}");
    assert!(
        err.contains(".tantivy-writer.lock"),
        "names the lock: {err}"
    );
    // No damage: the first run completes with every article once.
    assert!(first.wait().unwrap().success());
    let (total, ids) = contents(&index).unwrap();
    assert_eq!((total, ids.len()), (expected, expected));
}

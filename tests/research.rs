//! End-to-end tests of the research tools: timelines, near-duplicate groups,
//! more-like-this, reading one article, the index overview, CSV and field
//! selection, facet lookup by prefix, and generated completions and man pages.
//!
//! Each test builds its own temporary archive and index and runs the real
//! binaries, as in `tests/cli.rs`.

mod common;
use common::{bin, ids, repo};
use serde_json::Value;
use std::path::PathBuf;
use tempfile::TempDir;

struct Env {
    dir: TempDir,
}

impl Env {
    fn new() -> Env {
        Env {
            dir: tempfile::tempdir().expect("temp dir"),
        }
    }
    fn archive(&self) -> PathBuf {
        self.dir.path().join("archive")
    }
    fn index_dir(&self) -> PathBuf {
        self.dir.path().join("index")
    }
    fn write(&self, rel: &str, content: impl AsRef<[u8]>) {
        let p = self.archive().join(rel);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(&p, content).unwrap();
    }
    fn index_path(&self, path: &std::path::Path) {
        let mut c = bin("newsdex-index");
        c.arg("--index").arg(self.index_dir()).arg(path);
        c.assert().success();
    }
    fn index(&self) {
        self.index_path(&self.archive());
    }
    fn search(&self, args: &[&str]) -> assert_cmd::assert::Assert {
        let mut c = bin("newsdex-search");
        c.arg("--index").arg(self.index_dir()).args(args);
        c.assert()
    }
    fn stdout(&self, args: &[&str]) -> String {
        String::from_utf8(self.search(args).get_output().stdout.clone()).unwrap()
    }
    fn json(&self, args: &[&str]) -> Value {
        let mut all = vec!["--json"];
        all.extend_from_slice(args);
        let out = self.search(&all).get_output().stdout.clone();
        serde_json::from_slice(&out)
            .unwrap_or_else(|e| panic!("bad JSON ({e}): {}", String::from_utf8_lossy(&out)))
    }
}

fn article(title: &str, date: &str, body: &str) -> String {
    format!("Title: {title}\nDate: {date}\nSection: Economy\n\n{body}\n")
}

// ---------------------------------------------------------------- timeline

#[test]
fn histogram_counts_calendar_buckets_and_keeps_empty_ones() {
    let env = Env::new();
    for (name, date) in [
        ("a.txt", "2025-01-15"),
        ("b.txt", "2025-01-31"),
        ("c.txt", "2025-03-02"),
        ("d.txt", "2024-12-30"),
    ] {
        env.write(
            name,
            article(
                "Harbour strike",
                date,
                "Dock workers walked out at the harbour.",
            ),
        );
    }
    env.write(
        "e.txt",
        "Title: Harbour strike undated\n\nDock workers at the harbour again.\n",
    );
    env.index();

    let v = env.json(&["harbour", "--histogram", "month", "-n", "0"]);
    let buckets: Vec<(String, u64)> = v["histogram"]
        .as_array()
        .unwrap()
        .iter()
        .map(|b| {
            (
                b["bucket"].as_str().unwrap().into(),
                b["count"].as_u64().unwrap(),
            )
        })
        .collect();
    let want = [
        ("2024-12", 1),
        ("2025-01", 2),
        ("2025-02", 0),
        ("2025-03", 1),
    ];
    assert_eq!(buckets, want.map(|(b, c)| (b.to_string(), c)));

    // ISO weeks: 2024-12-30 is Monday of 2025-W01; Jan 15 is W03, Jan 31 W05.
    let v = env.json(&["", "--histogram", "week", "-n", "0"]);
    let weeks: Vec<&str> = v["histogram"]
        .as_array()
        .unwrap()
        .iter()
        .map(|b| b["bucket"].as_str().unwrap())
        .collect();
    assert_eq!(weeks.first(), Some(&"2025-W01"));
    assert_eq!(weeks.last(), Some(&"2025-W09"));
    assert_eq!(weeks.len(), 9);

    // Filters apply: --from drops December.
    let v = env.json(&["", "--histogram", "year", "--from", "2025-01", "-n", "0"]);
    assert_eq!(v["histogram"][0]["bucket"], "2025");
    assert_eq!(v["histogram"][0]["count"], 3);
    assert_eq!(v["histogram"].as_array().unwrap().len(), 1);
    // `--timeline` is the same flag.
    let t = env.json(&["", "--timeline", "year", "--from", "2025-01", "-n", "0"]);
    assert_eq!(t["histogram"], v["histogram"]);

    // The human view draws one bar row per bucket, within 80 columns.
    let text = env.stdout(&["harbour", "--histogram", "month", "-n", "0"]);
    let rows: Vec<&str> = text.lines().filter(|l| l.starts_with("  202")).collect();
    assert_eq!(rows.len(), 4, "{text}");
    assert!(
        rows[1].contains('█') && rows[1].trim_end().ends_with('2'),
        "{text}"
    );
    assert!(!rows[2].contains('█'), "an empty bucket has no bar: {text}");
    assert!(rows.iter().all(|r| r.chars().count() <= 80), "{text}");
    assert!(text.contains("(1 without a date)"), "{text}");

    env.search(&["", "--histogram", "fortnight"])
        .code(2)
        .stderr(predicates::str::contains(
            "intervals are: year, month, week, day",
        ));
}

#[test]
fn histogram_on_sample_corpus_covers_every_dated_article() {
    let env = Env::new();
    env.index_path(&repo().join("sample-corpus"));
    let v = env.json(&["", "--histogram", "day", "-n", "0"]);
    let sum: u64 = v["histogram"]
        .as_array()
        .unwrap()
        .iter()
        .map(|b| b["count"].as_u64().unwrap())
        .sum();
    let dated = env.json(&["", "--facets", "date", "-n", "0"])["facets"]["date"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["count"].as_u64().unwrap())
        .sum::<u64>();
    assert_eq!(sum, dated);
    assert!(sum > 0);
}

// ---------------------------------------------------------------- duplicates

/// Three stories on the same topic (central bank decisions), written for
/// this test; they share vocabulary but are different stories.
const STORIES: [&str; 3] = [
    "The central bank of Norland raised its main interest rate by a quarter of a point on Thursday, the fourth increase this year, saying that prices for food and rent were still climbing faster than it had forecast in the spring. Governor Elsa Brandvik told reporters in the capital that the board had considered a larger move but judged that the economy needed time to absorb the earlier increases. Two of the seven board members voted to leave the rate unchanged. Exporters warned that a stronger currency would hurt timber and fish sales abroad, while the association of savings banks said mortgage holders would see their monthly payments rise again from January. Economists polled before the meeting had been split, with a narrow majority expecting the bank to wait until the new year before acting again.",
    "Norland's finance ministry cut its growth forecast for next year to one per cent on Monday, blaming weaker demand in neighbouring countries and the lingering effect of high borrowing costs set by the central bank. Minister Jonas Aalberg said the government would not raise spending to offset the slowdown because doing so could push inflation up and force the bank to keep interest rates higher for longer. The ministry now expects unemployment to rise to five per cent by the autumn, the highest level in six years. Opposition parties called the budget plan timid and demanded support for households struggling with energy bills. Business groups welcomed the restraint but asked for faster approval of new wind farms, which they said would bring down power prices over time.",
    "Mortgage lending in Norland fell for a sixth straight month in October as higher interest rates kept first-time buyers out of the housing market, figures from the statistics office showed on Wednesday. New loans were a fifth lower than a year earlier, and the average deposit paid by buyers under thirty five rose above forty thousand crowns for the first time. Estate agents in the western ports reported that homes were taking twice as long to sell as they did last year, and that sellers were cutting asking prices to attract offers. The central bank has said it expects house prices to stabilise next year once inflation slows. Builders, however, said that starts on new flats had dropped so sharply that a shortage of homes was likely to return within three years.",
];

/// A syndicated copy: about one word in ten changed, in short runs, as an
/// editor would (a new word for a phrase, a number spelt out).
fn edited(text: &str) -> String {
    let words: Vec<&str> = text.split(' ').collect();
    let mut out = Vec::new();
    for (i, w) in words.iter().enumerate() {
        if i % 20 == 7 || i % 20 == 8 {
            out.push("edited");
        } else {
            out.push(w);
        }
    }
    out.join(" ")
}

/// A reissue: a new first sentence and a correction appended.
fn reissued(text: &str) -> String {
    let rest = text.split_once(". ").map(|(_, r)| r).unwrap_or(text);
    format!(
        "Corrected version of a story first issued earlier today. {rest} This story corrects the spelling of a name in the second paragraph."
    )
}

fn dup_archive(env: &Env) {
    for (i, s) in STORIES.iter().enumerate() {
        env.write(
            &format!("desk/story-{i}.txt"),
            article(&format!("Story {i}"), &format!("2025-0{}-10", i + 1), s),
        );
        env.write(
            &format!("wire/story-{i}-copy.txt"),
            article(
                &format!("Story {i} (syndicated)"),
                &format!("2025-0{}-11", i + 1),
                &edited(s),
            ),
        );
        env.write(
            &format!("wire/story-{i}-reissue.txt"),
            article(
                &format!("Story {i} (corrected)"),
                &format!("2025-0{}-12", i + 1),
                &reissued(s),
            ),
        );
    }
}

#[test]
fn fixture_pairs_are_about_ninety_percent_identical() {
    // The fixture is what the issue asks for: ~90% of words shared.
    for s in STORIES {
        let (a, b) = (
            s.split(' ').collect::<Vec<_>>(),
            edited(s).split(' ').map(str::to_string).collect::<Vec<_>>(),
        );
        let same = a.iter().zip(&b).filter(|(x, y)| **x == y.as_str()).count();
        let share = same as f64 / a.len() as f64;
        assert!((0.88..=0.92).contains(&share), "{share}");
    }
}

#[test]
fn near_duplicates_group_and_same_topic_stories_do_not() {
    let env = Env::new();
    dup_archive(&env);
    env.index();
    let all = env.json(&["", "-n", "50", "--sort", "oldest"]);
    assert_eq!(all["total"], 9);
    for h in all["hits"].as_array().unwrap() {
        let id = h["id"].as_str().unwrap();
        let n = id
            .split("story-")
            .nth(1)
            .and_then(|r| r.chars().next())
            .unwrap();
        assert_eq!(h["group_size"], 3, "{id}: {h}");
        // The group is named after its earliest member, the desk original.
        assert_eq!(h["group"], format!("desk/story-{n}.txt"), "{id}");
    }

    // --dupes lists the group, earliest first.
    let v = env.json(&["--dupes", "wire/story-1-copy.txt"]);
    assert_eq!(
        ids(&v),
        [
            "desk/story-1.txt",
            "wire/story-1-copy.txt",
            "wire/story-1-reissue.txt"
        ]
    );

    // --collapse: one per group, with "+2 similar".
    let v = env.json(&["norland", "--collapse", "-n", "10"]);
    assert_eq!(v["hits"].as_array().unwrap().len(), 3, "{v}");
    let mut groups: Vec<&str> = v["hits"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["group"].as_str().unwrap())
        .collect();
    groups.sort();
    groups.dedup();
    assert_eq!(groups.len(), 3);
    let text = env.stdout(&["norland", "--collapse"]);
    assert_eq!(text.matches("+2 similar").count(), 3, "{text}");

    // Paging counts groups.
    let v = env.json(&["norland", "--collapse", "-n", "2", "--offset", "2"]);
    assert_eq!(v["hits"].as_array().unwrap().len(), 1);

    // Without signatures nothing groups (the switch only measures cost).
    let plain = Env::new();
    dup_archive(&plain);
    let mut c = bin("newsdex-index");
    c.arg("--index")
        .arg(plain.index_dir())
        .arg("--no-signatures")
        .arg(plain.archive());
    c.assert().success();
    let v = plain.json(&["", "-n", "50"]);
    assert!(v["hits"]
        .as_array()
        .unwrap()
        .iter()
        .all(|h| h["group_size"] == 1));
}

/// Groups come from the table `newsdex-index` writes at the end of a run;
/// without it searches compute the same table from the index. Both must give
/// the same answer, members included, and a run that changes the archive
/// must rewrite the table.
#[test]
fn group_table_agrees_with_a_computed_one_and_follows_changes() {
    let env = Env::new();
    dup_archive(&env);
    env.index();
    let table = env.index_dir().join("newsdex-groups.bin");
    assert!(table.exists());
    let groups = |env: &Env, args: &[&str]| -> Vec<(String, String, u64)> {
        env.json(args)["hits"]
            .as_array()
            .unwrap()
            .iter()
            .map(|h| {
                (
                    h["id"].as_str().unwrap().to_string(),
                    h["group"].as_str().unwrap().to_string(),
                    h["group_size"].as_u64().unwrap(),
                )
            })
            .collect()
    };
    let queries: [&[&str]; 3] = [
        &["", "-n", "50", "--sort", "oldest"],
        &["norland", "--collapse", "-n", "10"],
        &["norland", "--collapse", "-n", "2", "--offset", "2"],
    ];
    let dupes = |env: &Env| env.json(&["--dupes", "wire/story-2-reissue.txt"])["hits"].clone();
    let from_table: Vec<_> = queries.iter().map(|q| groups(&env, q)).collect();
    let members = dupes(&env);
    assert_eq!(members.as_array().unwrap().len(), 3, "{members}");
    let saved = std::fs::read(&table).unwrap();
    std::fs::remove_file(&table).unwrap();
    let computed: Vec<_> = queries.iter().map(|q| groups(&env, q)).collect();
    assert_eq!(from_table, computed);
    assert_eq!(dupes(&env), members);
    // A damaged table (cut short) is not read either.
    std::fs::write(&table, &saved[..saved.len() - 3]).unwrap();
    assert_eq!(groups(&env, queries[0]), from_table[0]);
    assert_eq!(dupes(&env), members);

    // The reissue of story 1 goes away: its group shrinks to two, and the
    // re-run writes a table that says so (the old one no longer matches).
    std::fs::write(&table, saved).unwrap();
    std::fs::remove_file(env.archive().join("wire/story-1-reissue.txt")).unwrap();
    env.index();
    let after = groups(&env, &["", "-n", "50", "--sort", "oldest"]);
    let story1: Vec<_> = after.iter().filter(|h| h.1 == "desk/story-1.txt").collect();
    assert_eq!(story1.len(), 2, "{after:?}");
    assert!(story1.iter().all(|h| h.2 == 2), "{after:?}");
    std::fs::remove_file(&table).unwrap();
    assert_eq!(groups(&env, &["", "-n", "50", "--sort", "oldest"]), after);
}

#[test]
fn unknown_id_is_reported() {
    let env = Env::new();
    dup_archive(&env);
    env.index();
    for flag in ["--dupes", "--show", "--like"] {
        env.search(&[flag, "no/such/id"])
            .code(1)
            .stderr(predicates::str::contains("no article with id `no/such/id`"));
    }
}

// ---------------------------------------------------------------- reading

#[test]
fn like_finds_related_articles_and_applies_filters() {
    let env = Env::new();
    env.index_path(&repo().join("sample-corpus"));
    let target = "world/world-news-2025-12-02-ceasefire-extension.txt";
    let v = env.json(&["--like", target, "-n", "5"]);
    let got = ids(&v);
    assert!(
        !got.contains(&target.to_string()),
        "the article itself is left out"
    );
    assert_eq!(
        got.first().map(String::as_str),
        Some("world/world-news-2025-11-24-doha-ceasefire-round.txt"),
        "{got:?}"
    );
    // Filters apply.
    let v = env.json(&["--like", target, "--section", "business", "-n", "50"]);
    for h in v["hits"].as_array().unwrap() {
        assert_eq!(h["section"], "Business", "{h}");
    }
    // --like and --show are different modes.
    env.search(&["--like", target, "--show", target]).code(2);
}

#[test]
fn show_prints_one_article_in_full() {
    let env = Env::new();
    env.index_path(&repo().join("sample-corpus"));
    let id = "world/world-news-2025-12-02-ceasefire-extension.txt";
    let text = env.stdout(&["--show", id]);
    assert!(
        text.starts_with("Ceasefire Extended for 90 Days as Doha Talks Close\n"),
        "{text}"
    );
    assert!(
        text.contains("countries: Pakistan, Afghanistan, Qatar, Turkey"),
        "{text}"
    );
    assert!(text.contains("date:      2025-12-02"), "{text}");
    // The whole text, to its last paragraph.
    assert!(
        text.contains("two Turkish officers would sit in as observers"),
        "{text}"
    );
    let v = env.json(&["--show", id]);
    assert_eq!(v["id"], id);
    assert!(v["body"].as_str().unwrap().len() > 500);
    assert_eq!(v["group_size"], 1);
    assert!(v["persons"]
        .as_array()
        .unwrap()
        .iter()
        .any(|p| p == "Selin Aydoğan"));
    env.search(&["--show", id, "--format", "csv"]).code(2);
}

#[test]
fn stats_give_an_overview() {
    let env = Env::new();
    env.index_path(&repo().join("sample-corpus"));
    let v = env.json(&["--stats"]);
    assert_eq!(v["articles"], 49);
    assert_eq!(v["first_date"], "2022-03-24");
    assert_eq!(v["last_date"], "2025-12-02");
    let years: u64 = v["per_year"]
        .as_array()
        .unwrap()
        .iter()
        .map(|b| b["count"].as_u64().unwrap())
        .sum();
    assert_eq!(years + v["undated"].as_u64().unwrap(), 49);
    for dim in ["country", "person", "org", "section", "source"] {
        assert!(v["top"][dim].is_array(), "{dim}: {v}");
    }
    assert_eq!(v["top"]["country"][0]["value"], "China");
    assert!(v["bytes_on_disk"].as_u64().unwrap() > 10_000);
    assert!(v["schema_version"].as_u64().unwrap() >= 2);
    let text = env.stdout(&["--stats"]);
    for want in [
        "articles        49",
        "articles per year",
        "top person",
        "schema version",
    ] {
        assert!(text.contains(want), "{want}: {text}");
    }
}

// ---------------------------------------------------------------- shell

#[test]
fn csv_quotes_per_rfc4180_and_fields_choose_columns() {
    let env = Env::new();
    env.write(
        "a.txt",
        article(
            "Ports, \"strikes\" and tariffs",
            "2025-02-01",
            "Dock workers walked out, union leader Mara Quist said.\nA second line.",
        ),
    );
    env.index();
    let out = env.stdout(&[
        "dock",
        "--format",
        "csv",
        "--fields",
        "id,title,date,snippet",
    ]);
    let mut r = csv::Reader::from_reader(out.as_bytes());
    assert_eq!(r.headers().unwrap(), vec!["id", "title", "date", "snippet"]);
    let rows: Vec<csv::StringRecord> = r.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 1);
    assert_eq!(&rows[0][1], "Ports, \"strikes\" and tariffs");
    assert!(
        out.contains("\"Ports, \"\"strikes\"\" and tariffs\""),
        "{out}"
    );

    // Default CSV columns include the group.
    let out = env.stdout(&["dock", "--format", "csv"]);
    assert!(out.starts_with("id,date,title,"), "{out}");
    assert!(out.lines().next().unwrap().contains("group_size"));

    // --fields in JSON and in the human view.
    let v = env.json(&["dock", "--fields", "id,score"]);
    let keys: Vec<&String> = v["hits"][0].as_object().unwrap().keys().collect();
    assert_eq!(keys, ["id", "score"]);
    let text = env.stdout(&["dock", "--fields", "date,id"]);
    assert!(text.contains("2025-02-01\ta.txt"), "{text}");

    env.search(&["dock", "--fields", "id,headline"])
        .code(2)
        .stderr(predicates::str::contains("unknown field `headline`"))
        .stderr(predicates::str::contains("fields are: id, path, title"));
    env.search(&["dock", "--json", "--format", "csv"]).code(2);
}

#[test]
fn facet_prefix_ignores_case_and_accents_and_counts_matches() {
    let env = Env::new();
    env.write(
        "a.txt",
        article(
            "Talks",
            "2025-02-01",
            "President Recep Tayyip Erdoğan said the talks would go on.",
        ),
    );
    env.write(
        "b.txt",
        article(
            "More talks",
            "2025-02-02",
            "President Recep Tayyip Erdoğan said he was hopeful.",
        ),
    );
    env.write(
        "c.txt",
        article(
            "Trade",
            "2025-02-03",
            "Trade Minister Erdem Kaya said exports rose.",
        ),
    );
    env.index();
    let v = env.json(&["", "--facet-prefix", "person:ERD"]);
    let values: Vec<(String, u64)> = v["values"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["value"].as_str().unwrap().into(),
                f["count"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        values,
        [
            ("Recep Tayyip Erdoğan".to_string(), 2),
            ("Erdem Kaya".to_string(), 1)
        ]
    );
    // The query and filters narrow the counts.
    let text = env.stdout(&["exports", "--facet-prefix", "person:erd"]);
    assert!(
        text.contains("Erdem Kaya") && !text.contains("Erdoğan"),
        "{text}"
    );
    env.search(&["", "--facet-prefix", "person:zzz"]).code(1);
    env.search(&["", "--facet-prefix", "persn:erd"])
        .code(2)
        .stderr(predicates::str::contains("facets are: country, person"));
    env.search(&["", "--facet-prefix", "erd"]).code(2);
}

#[test]
fn completions_and_man_pages_are_generated() {
    for name in ["newsdex-search", "newsdex-index"] {
        let out = bin(name).args(["--generate", "bash"]).assert().success();
        let text = String::from_utf8(out.get_output().stdout.clone()).unwrap();
        assert!(
            text.contains(&format!("_{name}()")) || text.contains(name),
            "{text}"
        );
        assert!(text.contains("--index"), "{name}");
        let out = bin(name).args(["--generate", "man"]).assert().success();
        let text = String::from_utf8(out.get_output().stdout.clone()).unwrap();
        assert!(text.starts_with(".ie") || text.contains(".TH"), "{text}");
        assert!(text.contains(&name.replace('-', "\\-")), "{name}");
        bin(name).args(["--generate", "tcsh"]).assert().code(2);
    }
    let out = bin("newsdex-search")
        .args(["--generate", "zsh"])
        .assert()
        .success();
    assert!(String::from_utf8_lossy(&out.get_output().stdout).contains("--histogram"));
}

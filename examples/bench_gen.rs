//! Build the deterministic synthetic archive that `scripts/bench` measures.
//!
//!     cargo run --release --example bench_gen -- --out bench-out/archive-200000 \
//!         --articles 200000 [--seed 42] [--txt] [--source PATH]
//!
//! Every article remixes real sentences from a source corpus (by default
//! `../shared/corpora/reuters21578.jsonl.gz`, else the bundled `sample-corpus/`):
//! a real title, a real opening sentence (with its dateline when it has one),
//! then sentences drawn at random, grouped into paragraphs, and a date drawn
//! uniformly from 1987–2025. The same seed and count always give the same
//! bytes. Writes `articles.jsonl` and, with `--txt`, one header-block `.txt`
//! file per article under `txt/` (1,000 per folder).
#![allow(clippy::print_stdout)]

use std::io::{BufRead, BufReader, BufWriter, Read, Write};
use std::path::{Path, PathBuf};

/// splitmix64: tiny, seeded, stable across platforms and versions.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

struct Source {
    titles: Vec<String>,
    openers: Vec<String>,
    sentences: Vec<String>,
}

fn split_sentences(text: &str, out: &mut Vec<String>) {
    for para in text.split("\n\n") {
        let para = para.split_whitespace().collect::<Vec<_>>().join(" ");
        let mut start = 0;
        let b = para.as_bytes();
        for i in 0..b.len() {
            // ". " followed by a capital ends a sentence; good enough for remixing.
            if b[i] == b'.' && i + 2 < b.len() && b[i + 1] == b' ' && b[i + 2].is_ascii_uppercase()
            {
                push_sentence(&para[start..=i], out);
                start = i + 2;
            }
        }
        push_sentence(&para[start..], out);
    }
}

fn push_sentence(s: &str, out: &mut Vec<String>) {
    let s = s.trim();
    if s.len() >= 30 && s.len() <= 600 {
        out.push(s.to_string());
    }
}

fn title_case(t: &str) -> String {
    // Reuters titles are upper case; keep them readable.
    if t.chars().any(|c| c.is_lowercase()) {
        return t.to_string();
    }
    t.split_whitespace()
        .map(|w| {
            let mut c = w.chars();
            match c.next() {
                Some(f) => f.to_string() + &c.as_str().to_lowercase(),
                None => String::new(),
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

fn add_article(title: &str, body: &str, src: &mut Source) {
    let title = title.trim();
    if !title.is_empty() && title.len() < 200 {
        src.titles.push(title_case(title));
    }
    let mut sents = Vec::new();
    split_sentences(body, &mut sents);
    let mut it = sents.into_iter();
    if let Some(first) = it.next() {
        src.openers.push(first);
    }
    src.sentences.extend(it);
}

fn load_jsonl(path: &Path, src: &mut Source) -> std::io::Result<()> {
    let f = std::fs::File::open(path)?;
    let r: Box<dyn Read> = if path.extension().is_some_and(|e| e == "gz") {
        Box::new(flate2::read::MultiGzDecoder::new(f))
    } else {
        Box::new(f)
    };
    for line in BufReader::new(r).lines() {
        let line = line?;
        let Ok(v) = serde_json::from_str::<serde_json::Value>(&line) else {
            continue;
        };
        let get = |k: &str| v.get(k).and_then(|x| x.as_str()).unwrap_or("");
        let body = [get("maintext"), get("body"), get("text")].concat();
        add_article(get("title"), &body, src);
    }
    Ok(())
}

fn load_dir(dir: &Path, src: &mut Source) {
    for e in walkdir::WalkDir::new(dir).sort_by_file_name() {
        let Ok(e) = e else { continue };
        let p = e.path();
        let name = p.to_string_lossy();
        if name.ends_with(".jsonl") || name.ends_with(".jsonl.gz") {
            let _ = load_jsonl(p, src);
        } else if name.ends_with(".txt") || name.ends_with(".md") {
            if let Ok(t) = std::fs::read_to_string(p) {
                let mut lines = t
                    .lines()
                    .filter(|l| !l.trim().is_empty() && !l.starts_with("---"));
                let title = lines.next().unwrap_or("").to_string();
                let body: Vec<&str> = lines.collect();
                add_article(&title, &body.join("\n\n"), src);
            }
        }
    }
}

fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let doy = (153 * (m + if m > 2 { -3 } else { 9 }) + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

fn civil_from_days(z: i64) -> (i64, i64, i64) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    (if m <= 2 { y + 1 } else { y }, m, d)
}

struct Opts {
    out: PathBuf,
    articles: usize,
    seed: u64,
    txt: bool,
    source: Option<PathBuf>,
}

fn parse_args() -> Result<Opts, String> {
    let mut o = Opts {
        out: PathBuf::from("bench-out/archive"),
        articles: 200_000,
        seed: 42,
        txt: false,
        source: None,
    };
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        let mut val = || args.next().ok_or(format!("{a} needs a value"));
        match a.as_str() {
            "--out" => o.out = PathBuf::from(val()?),
            "--articles" => o.articles = val()?.parse().map_err(|e| format!("--articles: {e}"))?,
            "--seed" => o.seed = val()?.parse().map_err(|e| format!("--seed: {e}"))?,
            "--source" => o.source = Some(PathBuf::from(val()?)),
            "--txt" => o.txt = true,
            other => return Err(format!("unknown argument {other}")),
        }
    }
    Ok(o)
}

fn main() {
    let o = match parse_args() {
        Ok(o) => o,
        Err(e) => {
            eprintln!("bench_gen: {e}");
            std::process::exit(2);
        }
    };
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let source = o.source.clone().unwrap_or_else(|| {
        let shared = root.join("../shared/corpora/reuters21578.jsonl.gz");
        if shared.exists() {
            shared
        } else {
            root.join("sample-corpus")
        }
    });
    let mut src = Source {
        titles: Vec::new(),
        openers: Vec::new(),
        sentences: Vec::new(),
    };
    if source.is_dir() {
        load_dir(&source, &mut src);
    } else if let Err(e) = load_jsonl(&source, &mut src) {
        eprintln!("bench_gen: {}: {e}", source.display());
        std::process::exit(2);
    }
    if src.titles.is_empty() || src.openers.is_empty() || src.sentences.is_empty() {
        eprintln!("bench_gen: {}: no usable articles", source.display());
        std::process::exit(2);
    }
    if let Err(e) = write(&o, &src) {
        eprintln!("bench_gen: {}: {e}", o.out.display());
        std::process::exit(2);
    }
    println!(
        "{{\"source\": {:?}, \"titles\": {}, \"sentences\": {}}}",
        source.display().to_string(),
        src.titles.len(),
        src.sentences.len() + src.openers.len()
    );
}

fn write(o: &Opts, src: &Source) -> std::io::Result<()> {
    std::fs::create_dir_all(&o.out)?;
    let mut jsonl = BufWriter::with_capacity(
        1 << 20,
        std::fs::File::create(o.out.join("articles.jsonl"))?,
    );
    let mut rng = Rng(o.seed);
    let first_day = days_from_civil(1987, 1, 1);
    let span = days_from_civil(2026, 1, 1) - first_day;
    let sources = [
        "reuters.com",
        "wire.example",
        "herald.example",
        "gazette.example",
    ];
    let sections = ["World", "Business", "Markets", "Politics", "Commodities"];
    let mut body = String::new();
    for i in 0..o.articles {
        let title = &src.titles[rng.below(src.titles.len())];
        let (y, m, d) = civil_from_days(first_day + rng.below(span as usize) as i64);
        let secs = rng.below(86_400);
        let date = format!(
            "{y:04}-{m:02}-{d:02} {:02}:{:02}:{:02}",
            secs / 3600,
            secs / 60 % 60,
            secs % 60
        );
        // Body length: 600–5,800 bytes, about 3,200 on average.
        let target = 600 + rng.below(5_200);
        body.clear();
        body.push_str(&src.openers[rng.below(src.openers.len())]);
        let mut in_para = 1;
        while body.len() < target {
            let s = &src.sentences[rng.below(src.sentences.len())];
            if in_para > rng.below(3) {
                body.push_str("\n\n");
                in_para = 0;
            } else {
                body.push(' ');
            }
            body.push_str(s);
            in_para += 1;
        }
        let id = format!("bench-{i:07}");
        let source = sources[rng.below(sources.len())];
        let section = sections[rng.below(sections.len())];
        let rec = serde_json::json!({
            "id": id,
            "title": title,
            "date_publish": date,
            "source_domain": source,
            "section": section,
            "maintext": body,
        });
        serde_json::to_writer(&mut jsonl, &rec)?;
        jsonl.write_all(b"\n")?;
        if o.txt {
            let dir = o.out.join("txt").join(format!("{:04}", i / 1000));
            if i % 1000 == 0 {
                std::fs::create_dir_all(&dir)?;
            }
            let mut f = BufWriter::new(std::fs::File::create(dir.join(format!("{id}.txt")))?);
            write!(
                f,
                "Title: {title}\nDate: {date}\nSection: {section}\nSource: {source}\n\n{body}\n"
            )?;
            f.flush()?;
        }
    }
    jsonl.flush()
}

//! `newsdex-index`: read a news archive and build (or update) the index.
//!
//! Parses flags into an [`IndexRequest`], runs it, and reports: one stderr
//! line per problem (`path[:line]: reason`), a progress line on a terminal,
//! and a summary at the end. Exit codes: 0 everything indexed, 1 finished
//! with files or lines skipped, 2 nothing committed.

use clap::{CommandFactory, Parser};
use newsdex::formats::FieldMap;
use newsdex::index::{self, IndexRequest, Problem, Progress, Reporter};
use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::sync::Mutex;

#[path = "shared/generate.rs"]
mod generate;

/// Index a folder of news articles for newsdex-search.
///
/// Reads plain-text pages, `Key: value` exports, Markdown with front matter,
/// JSON, JSON Lines and their .gz versions; extracts title, lede, section,
/// date, body, countries, persons and organisations.
#[derive(Parser, Debug)]
#[command(
    name = "newsdex-index",
    version,
    after_help = "Exit status: 0 all indexed, 1 some files or lines skipped, 2 error (nothing committed)."
)]
struct Args {
    /// Directories or files to index.
    #[arg(required_unless_present = "generate", value_name = "PATH")]
    paths: Vec<PathBuf>,

    /// Print shell completions (bash, zsh, fish, elvish, powershell) or the man page (man) and exit.
    #[arg(long, value_name = "WHAT", hide = true, value_parser = generate::TARGETS)]
    generate: Option<String>,

    /// Index directory [default: $NEWSDEX_INDEX, else ~/.local/share/newsdex/index]
    #[arg(long, value_name = "DIR")]
    index: Option<PathBuf>,

    /// Print the extracted articles as JSON Lines instead of indexing.
    #[arg(long)]
    export: bool,

    /// Follow symbolic links (loops are detected and reported).
    #[arg(long, short = 'L')]
    follow: bool,

    /// Worker threads [default: number of cores].
    #[arg(long, short = 'j', value_name = "N")]
    threads: Option<usize>,

    /// Memory budget in MB.
    #[arg(long, value_name = "MB", default_value_t = 512, value_parser = clap::value_parser!(u64).range(64..))]
    memory: u64,

    /// Commit after this many articles, so a killed run loses at most these.
    #[arg(long, value_name = "N", default_value_t = 50_000, value_parser = clap::value_parser!(u64).range(1..))]
    commit_every: u64,

    /// Delete the index and build it again from scratch.
    #[arg(long)]
    rebuild: bool,

    /// Skip entity extraction (to measure its cost; facets stay empty).
    #[arg(long)]
    no_entities: bool,

    /// Skip near-duplicate signatures (to measure their cost; --collapse and --dupes then see no duplicates).
    #[arg(long)]
    no_signatures: bool,

    /// Map a source field name to an article field, e.g. body=story (repeatable).
    #[arg(long = "field", value_name = "FIELD=NAME")]
    fields: Vec<String>,

    /// Merge segments after indexing, for archives that are built once.
    #[arg(long)]
    optimize: bool,

    /// No progress line and no summary.
    #[arg(long, short)]
    quiet: bool,
}

/// Turn flags into a validated request; the only place flags are read.
fn request(args: &Args) -> anyhow::Result<IndexRequest> {
    let fields = FieldMap::new(&args.fields)?;
    let threads = args
        .threads
        .unwrap_or_else(|| {
            std::thread::available_parallelism()
                .map(|n| n.get())
                .unwrap_or(2)
        })
        .clamp(1, 64);
    Ok(IndexRequest {
        paths: args.paths.clone(),
        index_dir: args.index.clone().unwrap_or_else(index::default_index_dir),
        follow: args.follow,
        // Export keeps archive order unless threads are asked for.
        threads: if args.export && args.threads.is_none() {
            1
        } else {
            threads
        },
        memory_mb: args.memory as usize,
        commit_every: args.commit_every,
        rebuild: args.rebuild,
        entities: !args.no_entities,
        signatures: !args.no_signatures,
        fields,
        export: args.export,
        optimize: args.optimize,
    })
}

struct Stderr {
    progress: bool,
    shown: Mutex<bool>,
}

impl Reporter for Stderr {
    fn problem(&self, p: &Problem) {
        let mut shown = self.shown.lock().expect("stderr lock");
        let mut err = std::io::stderr().lock();
        if *shown {
            let _ = write!(err, "\r\x1b[2K");
            *shown = false;
        }
        let _ = writeln!(err, "{p}");
    }

    fn progress(&self, p: &Progress) {
        if !self.progress {
            return;
        }
        let secs = p.elapsed.as_secs_f64().max(1e-3);
        let rate = p.bytes as f64 / 1e6 / secs;
        let eta = if p.bytes > 0 && p.bytes_total > p.bytes {
            format!(
                "  ETA {:.0}s",
                (p.bytes_total - p.bytes) as f64 / (p.bytes as f64 / secs)
            )
        } else {
            String::new()
        };
        let mut err = std::io::stderr().lock();
        let _ = write!(
            err,
            "\r\x1b[2K{}/{} files  {} articles  {:.1} MB/s{}",
            p.files_done, p.files_total, p.articles, rate, eta
        );
        *self.shown.lock().expect("stderr lock") = true;
    }
}

fn main() {
    let args = Args::parse();
    let code = match run(&args) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("newsdex-index: {e:#}");
            2
        }
    };
    std::process::exit(code);
}

fn run(args: &Args) -> anyhow::Result<i32> {
    if let Some(target) = &args.generate {
        let mut out = std::io::stdout().lock();
        generate::generate(Args::command(), target, &mut out)?;
        return Ok(0);
    }
    let req = request(args)?;
    let reporter = Stderr {
        progress: !args.quiet && std::io::stderr().is_terminal(),
        shown: Mutex::new(false),
    };
    let summary = if req.export {
        let out: Mutex<std::io::BufWriter<std::io::Stdout>> =
            Mutex::new(std::io::BufWriter::new(std::io::stdout()));
        let s = index::run(&req, &reporter, Some(&out))?;
        let _ = out.lock().expect("stdout lock").flush();
        s
    } else {
        index::run(&req, &reporter, None)?
    };
    if reporter.progress && *reporter.shown.lock().expect("stderr lock") {
        eprint!("\r\x1b[2K");
    }
    if !args.quiet {
        let mut err = std::io::stderr().lock();
        newsdex::render::summary(&mut err, &summary, req.export)?;
        if !req.export {
            writeln!(err, "index: {}", req.index_dir.display())?;
        }
    }
    Ok(summary.exit_code())
}

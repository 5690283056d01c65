//! `newsdex-index`: read a news archive and build (or update) the index.
//!
//! Parses flags into an [`IndexRequest`], runs it, and reports: one stderr
//! line per problem (`path[:line]: reason`), a progress bar on a terminal,
//! and a summary at the end. Exit codes: 0 everything indexed, 1 finished
//! with files or lines skipped, 2 nothing committed.

use clap::{CommandFactory, Parser};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use mimalloc::MiMalloc;
use newsdex::formats::FieldMap;
use newsdex::index::{self, IndexRequest, Problem, Progress, Reporter};

/// mimalloc returns the memory of flushed segments to the system; with the
/// system allocator, per-thread arenas kept it and peak RSS grew with the
/// archive (README, Performance).
#[global_allocator]
static GLOBAL: MiMalloc = MiMalloc;
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

    /// Print the extracted articles as JSON Lines instead of indexing, in
    /// archive order at any thread count.
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
    #[arg(long, value_name = "N", default_value_t = 100_000, value_parser = clap::value_parser!(u64).range(1..))]
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

    /// No progress bar and no summary.
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
        threads,
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

/// Problems as lines on stderr; on a terminal, a progress bar above them.
struct Stderr {
    bar: Option<ProgressBar>,
}

impl Stderr {
    fn new(show: bool) -> Stderr {
        let bar = show.then(|| {
            let bar = ProgressBar::with_draw_target(Some(0), ProgressDrawTarget::stderr());
            bar.set_style(
                ProgressStyle::with_template(
                    "{bar:24.cyan/blue} {bytes}/{total_bytes} {bytes_per_sec} ETA {eta}  {msg}",
                )
                .expect("progress template")
                .progress_chars("=> "),
            );
            bar
        });
        Stderr { bar }
    }
}

impl Reporter for Stderr {
    fn problem(&self, p: &Problem) {
        let line = |p: &Problem| {
            let _ = writeln!(std::io::stderr().lock(), "{p}");
        };
        match &self.bar {
            Some(bar) => bar.suspend(|| line(p)),
            None => line(p),
        }
    }

    fn progress(&self, p: &Progress) {
        let Some(bar) = &self.bar else { return };
        bar.set_length(p.bytes_total.max(p.bytes));
        bar.set_position(p.bytes);
        bar.set_message(format!(
            "{}/{} files  {} articles",
            p.files_done, p.files_total, p.articles
        ));
    }
}

fn main() {
    // Transparent huge pages off for this process: with them, every 2 MB
    // that mimalloc or tantivy's buffers touch is resident in full, and peak
    // RSS on the 200,000-article benchmark was 12% higher for the same
    // speed (README, Performance). Best effort: an old kernel just says no.
    #[cfg(target_os = "linux")]
    let _ = rustix::thread::disable_transparent_huge_pages(true);
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
    let reporter = Stderr::new(!args.quiet && std::io::stderr().is_terminal());
    let summary = if req.export {
        let out: Mutex<std::io::BufWriter<std::io::Stdout>> =
            Mutex::new(std::io::BufWriter::new(std::io::stdout()));
        let s = index::run(&req, &reporter, Some(&out))?;
        let _ = out.lock().expect("stdout lock").flush();
        s
    } else {
        index::run(&req, &reporter, None)?
    };
    if let Some(bar) = &reporter.bar {
        bar.finish_and_clear();
    }
    if !args.quiet {
        let mut err = std::io::stderr().lock();
        for note in &summary.notes {
            writeln!(err, "newsdex-index: note: {note}")?;
        }
        newsdex::render::summary(&mut err, &summary, req.export)?;
        if !req.export {
            writeln!(err, "index: {}", req.index_dir.display())?;
        }
    }
    Ok(summary.exit_code())
}

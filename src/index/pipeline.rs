//! The indexing run: walk, read, parse, extract, write, commit.
//!
//! One reader thread walks the archive and decides per file whether it is
//! new, changed or unchanged (size, mtime, then content hash). Whole files
//! go to the workers as paths; JSON Lines files are streamed by the reader
//! in batches of lines, so one huge dump still keeps every core busy and
//! memory flat. Workers decode, parse and extract, then hand documents to
//! tantivy's own indexing threads. Commits happen every `commit_every`
//! articles and at the end; the per-file state is saved after each commit,
//! so a killed run loses at most the articles since the last commit and a
//! re-run completes it with every article exactly once (old articles of a
//! re-read file are deleted by path before it is read again).

use super::document::to_document;
use super::schema::Fields;
use super::state::{mtime_ns, FileState, Meta, State};
use super::IndexError;
use crate::article::Article;
use crate::entities::Extractor;
use crate::formats::decode::{self, read_lossy};
use crate::formats::{json, markdown, text, FieldMap, Format, SourceInfo};
use crate::walk::{self, io_reason, SourceFile};
use crossbeam_channel::{bounded, Receiver, Sender};
use std::collections::{BTreeMap, HashSet};
use std::io::{BufRead, BufReader, Read, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, RwLock};
use std::time::{Duration, Instant};
use tantivy::{Index, IndexWriter, TantivyDocument, Term};
use xxhash_rust::xxh3::Xxh3;

/// A validated indexing request, built by `newsdex-index` from its flags.
#[derive(Debug, Clone)]
pub struct IndexRequest {
    pub paths: Vec<PathBuf>,
    pub index_dir: PathBuf,
    pub follow: bool,
    /// Worker threads for reading and extraction; tantivy gets as many.
    pub threads: usize,
    /// Memory budget in MB for the whole run.
    pub memory_mb: usize,
    pub commit_every: u64,
    pub rebuild: bool,
    /// Run entity extraction (off only to measure what it costs).
    pub entities: bool,
    /// Compute near-duplicate signatures (off only to measure what they cost).
    pub signatures: bool,
    pub fields: FieldMap,
    /// Print articles as JSON Lines instead of indexing.
    pub export: bool,
    /// Merge segments after indexing.
    pub optimize: bool,
}

/// Files larger than this are not read whole (JSON Lines are streamed).
const MAX_FILE_BYTES: u64 = 256 << 20;
/// A JSON line longer than this is reported and skipped.
const MAX_LINE_BYTES: usize = 64 << 20;
const BATCH_BYTES: usize = 1 << 20;
const BATCH_LINES: usize = 512;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ProblemKind {
    /// The file or line was left out on purpose (empty, binary).
    Skipped,
    /// The file or line could not be read or parsed.
    Failed,
    /// The article was indexed, with a repair or a dropped value.
    Warning,
}

/// One problem, reported as `path[:line]: reason`.
#[derive(Debug, Clone)]
pub struct Problem {
    pub path: String,
    pub line: Option<usize>,
    /// Short category used for counting ("binary", "invalid JSON").
    pub category: String,
    pub detail: Option<String>,
    pub kind: ProblemKind,
}

impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}", self.path)?;
        if let Some(l) = self.line {
            write!(f, ":{l}")?;
        }
        write!(f, ": {}", self.category)?;
        if let Some(d) = &self.detail {
            write!(f, ": {d}")?;
        }
        Ok(())
    }
}

/// Counters shown while the run goes.
#[derive(Debug, Clone, Copy, Default)]
pub struct Progress {
    pub files_done: u64,
    pub files_total: u64,
    pub articles: u64,
    pub bytes: u64,
    pub bytes_total: u64,
    pub elapsed: Duration,
}

/// Where the run reports problems and progress; the binary decides how.
pub trait Reporter: Sync {
    fn problem(&self, p: &Problem);
    fn progress(&self, _p: &Progress) {}
}

/// What a run did.
#[derive(Debug, Default, Clone)]
pub struct Summary {
    pub files_seen: u64,
    pub files_read: u64,
    pub files_unchanged: u64,
    pub files_removed: u64,
    pub articles: u64,
    pub bytes: u64,
    /// Files or records left out, by reason.
    pub skipped: BTreeMap<String, u64>,
    /// Files or records that failed, by reason, with their paths.
    pub failed: BTreeMap<String, Vec<String>>,
    /// Repairs made to articles that were still indexed, by reason.
    pub warnings: BTreeMap<String, u64>,
    /// What the user should know: the run re-read files because the
    /// extraction rules changed, or could not do something that costs
    /// search speed, never articles (a search table that could not be
    /// written).
    pub notes: Vec<String>,
    pub elapsed: Duration,
    pub committed: bool,
}

impl Summary {
    /// 0: everything indexed; 1: finished, but something was skipped or failed.
    pub fn exit_code(&self) -> i32 {
        if self.skipped.is_empty() && self.failed.is_empty() {
            0
        } else {
            1
        }
    }
}

impl Shared<'_> {
    /// A number for the next unit the reader sends.
    fn unit_seq(&self) -> u64 {
        self.next_unit.fetch_add(1, Ordering::Relaxed)
    }
}

struct Shared<'a> {
    req: &'a IndexRequest,
    reporter: &'a dyn Reporter,
    sink: Sink<'a>,
    fresh: bool,
    files_done: AtomicU64,
    files_total: AtomicU64,
    bytes_total: AtomicU64,
    articles: AtomicU64,
    bytes: AtomicU64,
    last_commit_at: AtomicU64,
    summary: Mutex<Summary>,
    state: Mutex<State>,
    started: Instant,
    last_progress: Mutex<Instant>,
    fatal: Mutex<Option<IndexError>>,
    stop: AtomicBool,
    /// The number the reader gives the next unit it sends.
    next_unit: AtomicU64,
}

enum Sink<'a> {
    Index {
        writer: RwLock<IndexWriter<TantivyDocument>>,
        fields: Fields,
        dir: PathBuf,
    },
    Export(Exporter<'a>),
}

/// `--export` output in archive order from any number of workers. Each
/// worker gathers a unit's lines (`UNIT_LINES`) and hands them over when
/// the unit is done; they are written once every earlier unit's are, so
/// the output is the same at every thread count.
struct Exporter<'a> {
    out: &'a Mutex<dyn Write + Send>,
    /// The next unit to write, and finished units waiting for it.
    order: Mutex<(u64, BTreeMap<u64, Vec<u8>>)>,
}

thread_local! {
    /// The exported lines of the unit this worker is on.
    static UNIT_LINES: std::cell::RefCell<Vec<u8>> = const { std::cell::RefCell::new(Vec::new()) };
}

impl Exporter<'_> {
    /// Unit `seq` is done: write it, and the waiting units after it, if
    /// every earlier unit has been written. Returns false once the output
    /// is closed (`| head`).
    fn finish(&self, seq: u64) -> bool {
        let lines = UNIT_LINES.with(|b| std::mem::take(&mut *b.borrow_mut()));
        let mut order = self.order.lock().expect("export order");
        if order.0 != seq {
            order.1.insert(seq, lines);
            return true;
        }
        let mut out = self.out.lock().expect("export lock");
        let mut ok = out.write_all(&lines).is_ok();
        order.0 += 1;
        loop {
            let next = order.0;
            let Some(lines) = order.1.remove(&next) else {
                break;
            };
            ok = ok && out.write_all(&lines).is_ok();
            order.0 += 1;
        }
        ok
    }
}

/// A file being read; JSON Lines files finish when their last batch does.
struct FileJob {
    src: SourceFile,
    /// Batches in flight plus one for the reader until it reaches the end.
    pending: AtomicUsize,
    hash: AtomicU64,
    articles: AtomicU64,
}

/// A unit of work, numbered by the reader in archive order.
enum Unit {
    File(u64, Arc<FileJob>),
    Lines {
        seq: u64,
        job: Arc<FileJob>,
        first_line: usize,
        lines: Vec<Vec<u8>>,
    },
}

/// Run an indexing (or export) request. Problems with single files are
/// reported and counted; only a problem with the index itself is an error.
pub fn run(
    req: &IndexRequest,
    reporter: &dyn Reporter,
    export: Option<&Mutex<dyn Write + Send>>,
) -> Result<Summary, IndexError> {
    let started = Instant::now();
    let (sink, fresh, state, stale) = match export {
        Some(out) => (
            Sink::Export(Exporter {
                out,
                order: Mutex::new((0, BTreeMap::new())),
            }),
            true,
            State::default(),
            0,
        ),
        None => open_for_writing(req)?,
    };
    let shared = Shared {
        req,
        reporter,
        sink,
        fresh,
        files_done: AtomicU64::new(0),
        files_total: AtomicU64::new(0),
        bytes_total: AtomicU64::new(0),
        articles: AtomicU64::new(0),
        bytes: AtomicU64::new(0),
        last_commit_at: AtomicU64::new(0),
        summary: Mutex::new(Summary {
            notes: if stale > 0 {
                vec![format!(
                    "the extraction rules changed since this index was built (another newsdex version, edited schema files, other --field names or extraction flags); the {} it holds are read again",
                    crate::render::counted(stale as u64, "file")
                )]
            } else {
                Vec::new()
            },
            ..Summary::default()
        }),
        state: Mutex::new(state),
        started,
        last_progress: Mutex::new(started),
        fatal: Mutex::new(None),
        stop: AtomicBool::new(false),
        next_unit: AtomicU64::new(0),
    };
    let workers = req.threads.max(1);
    let (tx, rx) = bounded::<Unit>(workers * 4);
    std::thread::scope(|s| {
        for _ in 0..workers {
            let rx = rx.clone();
            let shared = &shared;
            s.spawn(move || worker(shared, rx));
        }
        drop(rx);
        read_archive(&shared, tx);
    });
    if let Some(e) = shared.fatal.lock().expect("fatal lock").take() {
        return Err(e);
    }
    let mut summary = finish(shared)?;
    summary.elapsed = started.elapsed();
    Ok(summary)
}

/// The index's sink, whether it starts empty, its per-file state, and how
/// many files that state marks stale because the extraction rules changed.
fn open_for_writing(req: &IndexRequest) -> Result<(Sink<'static>, bool, State, usize), IndexError> {
    let dir = &req.index_dir;
    if req.rebuild && dir.join("meta.json").exists() {
        // Refuse to wipe an index another process is writing.
        if let Ok(index) = Index::open_in_dir(dir) {
            if let Err(e) = index.writer_with_num_threads::<TantivyDocument>(1, 15_000_000) {
                return Err(writer_error(dir, e));
            }
        }
        for entry in std::fs::read_dir(dir).map_err(|e| IndexError::io(dir, &e))? {
            let entry = entry.map_err(|e| IndexError::io(dir, &e))?;
            let p = entry.path();
            let res = if p.is_dir() {
                std::fs::remove_dir_all(&p)
            } else {
                std::fs::remove_file(&p)
            };
            res.map_err(|e| IndexError::io(&p, &e))?;
        }
    }
    std::fs::create_dir_all(dir).map_err(|e| IndexError::io(dir, &e))?;
    let fields = Fields::new();
    let exists = dir.join("meta.json").exists();
    let index = if exists {
        super::check_meta(dir)?;
        let index = Index::open_in_dir(dir)?;
        if index.schema() != fields.schema {
            return Err(IndexError::Incompatible {
                dir: dir.display().to_string(),
                found: format!("{} (with a different field list)", super::SCHEMA_VERSION),
                version: env!("CARGO_PKG_VERSION"),
            });
        }
        index
    } else {
        // Version first: a run killed between the two leaves a directory
        // that the next run simply creates again, never an index without one.
        Meta::current()
            .save(dir)
            .map_err(|e| IndexError::io(dir, &e))?;
        create_index(dir, &fields.schema)?
    };
    super::analyzer::register(&index);
    let writer =
        open_writer(&index, req.threads, req.memory_mb).map_err(|e| writer_error(dir, e))?;
    let mut state =
        State::load(dir).map_err(|e| IndexError::io(&dir.join(super::state::STATE_FILE), &e))?;
    let stale = state.adopt_rules(rules_digest(req));
    let fresh = !exists
        || index
            .reader()
            .map(|r| r.searcher().num_docs() == 0)
            .unwrap_or(false)
            && state.files.is_empty();
    Ok((
        Sink::Index {
            writer: RwLock::new(writer),
            fields,
            dir: dir.clone(),
        },
        fresh,
        state,
        stale,
    ))
}

/// The extraction rules of a run: what, besides a file's bytes, decides
/// the articles it gives (see `State::rules`).
fn rules_digest(req: &IndexRequest) -> u64 {
    let mut h = Xxh3::new();
    h.update(env!("CARGO_PKG_VERSION").as_bytes());
    h.update(&super::schema::SCHEMA_VERSION.to_le_bytes());
    h.update(&[u8::from(req.entities), u8::from(req.signatures)]);
    h.update(&crate::lexicon::digest().to_le_bytes());
    h.update(&req.fields.digest().to_le_bytes());
    h.digest()
}

/// A new index in `dir`, with the settings every newsdex index (and the
/// benchmark's ceiling) is written with: the document store's blocks are
/// compressed by the indexing thread that fills them. tantivy's default
/// hands each 16 KB block to a compressor thread of its own, one per
/// segment writer; on two cores that thread woke for every block and
/// preempted an indexing or extraction thread, 27,000 context switches in
/// an indexing run of 40,000 articles against 2,500 this way, and 3% of
/// its wall time (README, Performance).
pub fn create_index(dir: &Path, schema: &tantivy::schema::Schema) -> tantivy::Result<Index> {
    let settings = tantivy::IndexSettings {
        docstore_compress_dedicated_thread: false,
        ..Default::default()
    };
    Index::builder()
        .schema(schema.clone())
        .settings(settings)
        .create_in_dir(dir)
}

/// The index writer for a run with `threads` threads and a budget of
/// `memory_mb`. Tantivy's buffers get two fifths of the budget (at least the
/// 15 MB per thread it requires); documents in flight, extraction, merges,
/// the per-file state (tens of MB with one file per article) and the
/// segments being written at a commit live in the rest. Merges run one at a
/// time and only over small segments (`SmallSegments`), so the memory a
/// merge needs does not grow with the archive: 1M articles peak within a
/// few percent of 200k (README, Performance).
pub fn open_writer(
    index: &Index,
    threads: usize,
    memory_mb: usize,
) -> tantivy::Result<IndexWriter<TantivyDocument>> {
    let threads = threads.clamp(1, 8);
    let heap = ((memory_mb * 1_000_000) * 2 / 5).max(threads * 15_000_000);
    let options = tantivy::indexer::IndexWriterOptions::builder()
        .num_worker_threads(threads)
        .memory_budget_per_thread(heap / threads)
        .num_merge_threads(1)
        .build();
    let writer = index.writer_with_options(options)?;
    writer.set_merge_policy(Box::new(SmallSegments));
    Ok(writer)
}

/// The merge policy while indexing: merge only the small segments that
/// commits leave behind (each commit flushes every thread's partly filled
/// buffer), eight or more at a time, and never the full segments a thread
/// writes when its buffer fills. A merge maps every segment it reads, and
/// those pages count as resident memory; merging full segments would make
/// peak memory grow with the archive. `--optimize` merges everything into
/// one segment at the end.
#[derive(Debug)]
struct SmallSegments;

/// A segment is small below this share of the largest one.
const SMALL_SHARE: u32 = 8;
/// Small segments merged together at once (at least).
const SMALL_MERGE: usize = 8;

impl tantivy::merge_policy::MergePolicy for SmallSegments {
    fn compute_merge_candidates(
        &self,
        segments: &[tantivy::SegmentMeta],
    ) -> Vec<tantivy::merge_policy::MergeCandidate> {
        let largest = segments.iter().map(|s| s.num_docs()).max().unwrap_or(0);
        let small: Vec<tantivy::index::SegmentId> = segments
            .iter()
            .filter(|s| s.num_docs() * SMALL_SHARE < largest)
            .map(|s| s.id())
            .collect();
        if small.len() >= SMALL_MERGE {
            vec![tantivy::merge_policy::MergeCandidate(small)]
        } else {
            Vec::new()
        }
    }
}

/// Why the writer could not be opened: another indexer holds the lock, or
/// the lock file cannot be created (a read-only directory, a full disk).
fn writer_error(dir: &Path, e: tantivy::TantivyError) -> IndexError {
    use tantivy::directory::error::LockError;
    let lock = dir.join(".tantivy-writer.lock");
    match e {
        tantivy::TantivyError::LockFailure(LockError::LockBusy, _) => IndexError::Locked {
            dir: dir.display().to_string(),
            lock: lock.display().to_string(),
        },
        tantivy::TantivyError::LockFailure(LockError::IoError(io), _) => IndexError::Write {
            path: lock.display().to_string(),
            reason: crate::walk::io_reason(&io),
        },
        other => other.into(),
    }
}

fn report(shared: &Shared<'_>, p: Problem) {
    shared.reporter.problem(&p);
    let mut s = shared.summary.lock().expect("summary lock");
    match p.kind {
        ProblemKind::Skipped => *s.skipped.entry(p.category.clone()).or_default() += 1,
        ProblemKind::Failed => {
            let shown = match p.line {
                Some(l) => format!("{}:{l}", p.path),
                None => p.path.clone(),
            };
            s.failed.entry(p.category.clone()).or_default().push(shown);
        }
        ProblemKind::Warning => *s.warnings.entry(p.category.clone()).or_default() += 1,
    }
}

fn problem(
    path: &str,
    line: Option<usize>,
    category: &str,
    detail: Option<String>,
    kind: ProblemKind,
) -> Problem {
    Problem {
        path: path.to_string(),
        line,
        category: category.to_string(),
        detail,
        kind,
    }
}

/// The reader thread: walk, decide what to read, stream JSON Lines.
fn read_archive(shared: &Shared<'_>, tx: Sender<Unit>) {
    let mut seen: HashSet<PathBuf> = HashSet::new();
    let mut sources = Vec::new();
    walk::walk(
        &shared.req.paths,
        shared.req.follow,
        &mut |entry| match entry {
            Ok(src) => sources.push(src),
            Err(p) => {
                let kind = if p.skipped {
                    ProblemKind::Skipped
                } else {
                    ProblemKind::Failed
                };
                shared.summary.lock().expect("summary").files_seen += 1;
                report(
                    shared,
                    problem(&p.path.display().to_string(), None, &p.reason, None, kind),
                );
            }
        },
    );
    shared
        .files_total
        .store(sources.len() as u64, Ordering::Relaxed);
    shared
        .bytes_total
        .store(sources.iter().map(|s| s.size).sum(), Ordering::Relaxed);
    shared.summary.lock().expect("summary").files_seen += sources.len() as u64;
    for src in sources {
        if shared.stop.load(Ordering::Relaxed) {
            break;
        }
        let abs = std::fs::canonicalize(&src.path).unwrap_or_else(|_| src.path.clone());
        seen.insert(abs.clone());
        if !shared.fresh && is_unchanged(shared, &abs, &src) {
            shared.summary.lock().expect("summary").files_unchanged += 1;
            shared.files_done.fetch_add(1, Ordering::Relaxed);
            continue;
        }
        // Forget the old state and articles of a file about to be re-read.
        shared.state.lock().expect("state").files.remove(&abs);
        if !shared.fresh {
            if let Sink::Index { writer, fields, .. } = &shared.sink {
                let _ = writer
                    .read()
                    .expect("writer")
                    .delete_term(Term::from_field_text(fields.path, &src.rel));
            }
        }
        let job = Arc::new(FileJob {
            src,
            pending: AtomicUsize::new(1),
            hash: AtomicU64::new(0),
            articles: AtomicU64::new(0),
        });
        let inner = job.src.path.to_string_lossy().to_ascii_lowercase();
        let inner = inner.trim_end_matches(".gz");
        if Format::from_name(inner) == Some(Format::JsonLines) {
            stream_lines(shared, &job, &tx);
            finish_file(shared, &job);
        } else if tx.send(Unit::File(shared.unit_seq(), job)).is_err() {
            break;
        }
    }
    // Articles of files that vanished from the walked roots.
    if !shared.fresh {
        remove_vanished(shared, &seen);
    }
}

fn is_unchanged(shared: &Shared<'_>, abs: &Path, src: &SourceFile) -> bool {
    let old = match shared.state.lock().expect("state").files.get(abs) {
        Some(o) => o.clone(),
        None => return false,
    };
    if old.stale || old.size != src.size || old.rel != src.rel {
        return false;
    }
    if old.mtime_ns == mtime_ns(src.mtime) {
        return true;
    }
    // Touched but maybe not changed: compare content.
    match std::fs::read(&src.path) {
        Ok(bytes) if xxhash_rust::xxh3::xxh3_64(&bytes) == old.hash => {
            let mut st = shared.state.lock().expect("state");
            if let Some(e) = st.files.get_mut(abs) {
                e.mtime_ns = mtime_ns(src.mtime);
            }
            true
        }
        _ => false,
    }
}

fn remove_vanished(shared: &Shared<'_>, seen: &HashSet<PathBuf>) {
    let roots: Vec<PathBuf> = shared
        .req
        .paths
        .iter()
        .map(|p| std::fs::canonicalize(p).unwrap_or_else(|_| p.clone()))
        .collect();
    let Sink::Index { writer, fields, .. } = &shared.sink else {
        return;
    };
    let mut st = shared.state.lock().expect("state");
    let gone: Vec<PathBuf> = st
        .files
        .keys()
        .filter(|k| !seen.contains(*k) && roots.iter().any(|r| k.starts_with(r)))
        .cloned()
        .collect();
    for k in gone {
        if let Some(old) = st.files.remove(&k) {
            let _ = writer
                .read()
                .expect("writer")
                .delete_term(Term::from_field_text(fields.path, &old.rel));
            shared.summary.lock().expect("summary").files_removed += 1;
        }
    }
}

/// A reader that hashes the raw bytes passing through it.
struct Hashing<R> {
    inner: R,
    hasher: Arc<Mutex<Xxh3>>,
}

impl<R: Read> Read for Hashing<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.hasher.lock().expect("hasher").update(&buf[..n]);
        Ok(n)
    }
}

/// Stream a JSON Lines file in batches to the workers.
fn stream_lines(shared: &Shared<'_>, job: &Arc<FileJob>, tx: &Sender<Unit>) {
    let rel = &job.src.rel;
    let file = match std::fs::File::open(&job.src.path) {
        Ok(f) => f,
        Err(e) => {
            report(
                shared,
                problem(rel, None, &io_reason(&e), None, ProblemKind::Failed),
            );
            return;
        }
    };
    let hasher = Arc::new(Mutex::new(Xxh3::new()));
    let mut raw = BufReader::new(Hashing {
        inner: file,
        hasher: hasher.clone(),
    });
    let inner: Box<dyn Read> = if job.src.gzip {
        if !raw.fill_buf().is_ok_and(decode::is_gzip) {
            return report(shared, not_gzip(rel));
        }
        Box::new(flate2::bufread::MultiGzDecoder::new(raw))
    } else {
        Box::new(raw)
    };
    let mut reader = BufReader::with_capacity(256 * 1024, inner);
    let mut line_no = 0usize;
    let mut batch: Vec<Vec<u8>> = Vec::new();
    let mut batch_bytes = 0;
    let mut first_line = 1;
    loop {
        let mut buf = Vec::new();
        match read_line_capped(&mut reader, &mut buf, MAX_LINE_BYTES) {
            Ok(0) => break,
            Ok(n) => {
                line_no += 1;
                shared.bytes.fetch_add(n as u64, Ordering::Relaxed);
                if buf.len() > MAX_LINE_BYTES {
                    report(
                        shared,
                        problem(
                            rel,
                            Some(line_no),
                            "line too long",
                            Some(format!("over {} MB", MAX_LINE_BYTES >> 20)),
                            ProblemKind::Failed,
                        ),
                    );
                    continue;
                }
                if batch.is_empty() {
                    first_line = line_no;
                }
                batch_bytes += buf.len();
                batch.push(buf);
                if batch.len() >= BATCH_LINES || batch_bytes >= BATCH_BYTES {
                    job.pending.fetch_add(1, Ordering::AcqRel);
                    let unit = Unit::Lines {
                        seq: shared.unit_seq(),
                        job: job.clone(),
                        first_line,
                        lines: std::mem::take(&mut batch),
                    };
                    batch_bytes = 0;
                    if tx.send(unit).is_err() {
                        return;
                    }
                }
            }
            Err(e) => {
                // The lines before this one are complete and already sent.
                let category = if job.src.gzip {
                    decode::gzip_reason(&e)
                } else {
                    "read error"
                };
                report(
                    shared,
                    problem(
                        rel,
                        Some(line_no + 1),
                        category,
                        Some(io_reason(&e)),
                        ProblemKind::Failed,
                    ),
                );
                break;
            }
        }
    }
    if !batch.is_empty() {
        job.pending.fetch_add(1, Ordering::AcqRel);
        let _ = tx.send(Unit::Lines {
            seq: shared.unit_seq(),
            job: job.clone(),
            first_line,
            lines: batch,
        });
    }
    job.hash
        .store(hasher.lock().expect("hasher").digest(), Ordering::Relaxed);
}

/// Read one line into `buf`; past `cap` bytes the rest of the line is read
/// and dropped, and `buf` is left longer than `cap` to signal it.
fn read_line_capped<R: BufRead>(
    r: &mut R,
    buf: &mut Vec<u8>,
    cap: usize,
) -> std::io::Result<usize> {
    let mut total = 0;
    loop {
        let (done, used) = {
            let available = match r.fill_buf() {
                Ok(b) => b,
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
                Err(e) => return Err(e),
            };
            if available.is_empty() {
                return Ok(total);
            }
            match available.iter().position(|&b| b == b'\n') {
                Some(i) => {
                    if buf.len() <= cap {
                        buf.extend_from_slice(&available[..i]);
                    }
                    (true, i + 1)
                }
                None => {
                    if buf.len() <= cap {
                        buf.extend_from_slice(available);
                    }
                    (false, available.len())
                }
            }
        };
        r.consume(used);
        total += used;
        if done {
            return Ok(total);
        }
    }
}

fn worker(shared: &Shared<'_>, rx: Receiver<Unit>) {
    for unit in rx {
        if shared.stop.load(Ordering::Relaxed) {
            continue;
        }
        let seq = match unit {
            Unit::File(seq, job) => {
                read_file(shared, &job);
                finish_file(shared, &job);
                seq
            }
            Unit::Lines {
                seq,
                job,
                first_line,
                lines,
            } => {
                let mut neighbour = None;
                for (i, line) in lines.iter().enumerate() {
                    neighbour = parse_jsonl_line(shared, &job, first_line + i, line, neighbour)
                        .or(neighbour);
                }
                finish_file(shared, &job);
                seq
            }
        };
        if let Sink::Export(exporter) = &shared.sink {
            if !exporter.finish(seq) {
                // stdout closed (| head): stop quietly.
                shared.stop.store(true, Ordering::Relaxed);
            }
        }
    }
}

fn info<'a>(job: &'a FileJob, fields: &'a FieldMap) -> SourceInfo<'a> {
    SourceInfo {
        rel_path: &job.src.rel,
        file_name: job
            .src
            .path
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or(""),
        neighbour: None,
        mtime: job
            .src
            .mtime
            .map(|t| chrono::DateTime::<chrono::Utc>::from(t).date_naive()),
        fields,
    }
}

/// Parse and emit one JSON line; returns the article's date, the anchor
/// for the next line's bare dateline.
fn parse_jsonl_line(
    shared: &Shared<'_>,
    job: &FileJob,
    line_no: usize,
    raw: &[u8],
    neighbour: Option<chrono::NaiveDate>,
) -> Option<chrono::NaiveDate> {
    let rel = &job.src.rel;
    if raw.iter().all(u8::is_ascii_whitespace) {
        return None;
    }
    let text = match std::str::from_utf8(raw) {
        Ok(s) => std::borrow::Cow::Borrowed(s),
        Err(_) => {
            report(
                shared,
                problem(
                    rel,
                    Some(line_no),
                    "invalid UTF-8 replaced",
                    None,
                    ProblemKind::Warning,
                ),
            );
            String::from_utf8_lossy(raw)
        }
    };
    let info = SourceInfo {
        neighbour,
        ..info(job, &shared.req.fields)
    };
    let (article, problems) = json::parse_line(text.trim_start_matches('\u{feff}'), &info, line_no);
    for p in problems {
        let (category, detail) = split_reason(&p);
        report(
            shared,
            problem(rel, Some(line_no), category, detail, ProblemKind::Warning),
        );
    }
    match article {
        Ok(a) => {
            let date = a.date.map(|d| d.date());
            emit(shared, job, a);
            date
        }
        Err(reason) => {
            let (category, detail) = split_reason(&reason);
            report(
                shared,
                problem(rel, Some(line_no), category, detail, ProblemKind::Failed),
            );
            None
        }
    }
}

fn not_gzip(rel: &str) -> Problem {
    problem(
        rel,
        None,
        "not gzip",
        Some("no gzip header".into()),
        ProblemKind::Failed,
    )
}

fn split_reason(reason: &str) -> (&str, Option<String>) {
    match reason.split_once(": ") {
        Some((c, d)) => (c, Some(d.to_string())),
        None => (reason, None),
    }
}

/// Read, decode and parse a whole file.
fn read_file(shared: &Shared<'_>, job: &FileJob) {
    let rel = job.src.rel.as_str();
    let file = match std::fs::File::open(&job.src.path) {
        Ok(f) => f,
        Err(e) => {
            return report(
                shared,
                problem(rel, None, &io_reason(&e), None, ProblemKind::Failed),
            )
        }
    };
    if job.src.size > MAX_FILE_BYTES && !job.src.gzip {
        return report(
            shared,
            problem(
                rel,
                None,
                "too large",
                Some(format!("over {} MB", MAX_FILE_BYTES >> 20)),
                ProblemKind::Skipped,
            ),
        );
    }
    let (raw, err) = read_lossy(file, MAX_FILE_BYTES);
    if let Some(e) = err {
        return report(
            shared,
            problem(rel, None, &io_reason(&e), None, ProblemKind::Failed),
        );
    }
    job.hash
        .store(xxhash_rust::xxh3::xxh3_64(&raw), Ordering::Relaxed);
    shared.bytes.fetch_add(raw.len() as u64, Ordering::Relaxed);
    let bytes = if job.src.gzip {
        if !decode::is_gzip(&raw) {
            return report(shared, not_gzip(rel));
        }
        let (bytes, err) = read_lossy(flate2::read::MultiGzDecoder::new(&raw[..]), MAX_FILE_BYTES);
        if let Some(e) = err {
            // What came before the break is still parsed below.
            report(
                shared,
                problem(
                    rel,
                    None,
                    decode::gzip_reason(&e),
                    Some(io_reason(&e)),
                    ProblemKind::Failed,
                ),
            );
        }
        bytes
    } else {
        raw
    };
    let decoded = match decode::decode(&bytes) {
        Ok(d) => d,
        Err(skip) => {
            return report(
                shared,
                problem(rel, None, &skip.to_string(), None, ProblemKind::Skipped),
            )
        }
    };
    for note in &decoded.notes {
        report(shared, problem(rel, None, note, None, ProblemKind::Warning));
    }
    let name = job.src.path.to_string_lossy().to_ascii_lowercase();
    let format = Format::from_name(name.trim_end_matches(".gz"))
        .unwrap_or(Format::Text)
        .sniff(&decoded.text[..decoded.text.len().min(4096).min(floor(&decoded.text, 4096))]);
    let info = info(job, &shared.req.fields);
    let date_warnings = |shared: &Shared<'_>, problems: Vec<crate::dates::DateError>| {
        for p in problems {
            report(
                shared,
                problem(
                    rel,
                    None,
                    "bad date",
                    Some(p.to_string()),
                    ProblemKind::Warning,
                ),
            );
        }
    };
    match format {
        Format::Text => {
            let (a, p) = text::parse(&decoded.text, &info);
            date_warnings(shared, p);
            emit(shared, job, a);
        }
        Format::Markdown => {
            let (a, p) = markdown::parse(&decoded.text, &info);
            date_warnings(shared, p);
            emit(shared, job, a);
        }
        Format::Json => match json::parse_document(&decoded.text, &info) {
            Ok(records) => {
                for (i, (a, problems)) in records.into_iter().enumerate() {
                    let line = Some(i + 1);
                    for p in problems {
                        let (c, d) = split_reason(&p);
                        report(shared, problem(rel, line, c, d, ProblemKind::Warning));
                    }
                    match a {
                        Ok(a) => emit(shared, job, a),
                        Err(reason) => {
                            let (c, d) = split_reason(&reason);
                            report(shared, problem(rel, line, c, d, ProblemKind::Failed));
                        }
                    }
                }
            }
            Err(reason) => {
                let (c, d) = split_reason(&reason);
                report(shared, problem(rel, None, c, d, ProblemKind::Failed));
            }
        },
        Format::JsonLines => {
            let mut neighbour = None;
            for (i, line) in decoded.text.lines().enumerate() {
                neighbour =
                    parse_jsonl_line(shared, job, i + 1, line.as_bytes(), neighbour).or(neighbour);
            }
        }
    }
}

fn floor(s: &str, mut i: usize) -> usize {
    if i >= s.len() {
        return s.len();
    }
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// Extract entities and hand the article to the sink.
fn emit(shared: &Shared<'_>, job: &FileJob, mut a: Article) {
    if shared.req.entities {
        Extractor::get().extract(&mut a);
    }
    match &shared.sink {
        Sink::Export(_) => UNIT_LINES.with(|b| {
            let mut b = b.borrow_mut();
            serde_json::to_writer(&mut *b, &a).expect("articles serialize");
            b.push(b'\n');
        }),
        Sink::Index { writer, fields, .. } => {
            let doc = to_document(fields, &a, shared.req.signatures);
            let w = writer.read().expect("writer");
            if !shared.fresh {
                w.delete_term(Term::from_field_text(fields.id, &a.id));
            }
            if let Err(e) = w.add_document(doc) {
                drop(w);
                let dir = match &shared.sink {
                    Sink::Index { dir, .. } => dir.as_path(),
                    Sink::Export(_) => Path::new(""),
                };
                fail(shared, IndexError::writing(dir, worker_cause(writer, e)));
                return;
            }
        }
    }
    job.articles.fetch_add(1, Ordering::Relaxed);
    let n = shared.articles.fetch_add(1, Ordering::Relaxed) + 1;
    if n.is_multiple_of(256) {
        progress(shared);
    }
    let last = shared.last_commit_at.load(Ordering::Relaxed);
    if n - last >= shared.req.commit_every
        && shared
            .last_commit_at
            .compare_exchange(last, n, Ordering::AcqRel, Ordering::Relaxed)
            .is_ok()
    {
        if let Err(e) = commit(shared) {
            fail(shared, e);
        }
    }
}

/// Why an indexing worker died, when `add_document` only says that one
/// did ("An index writer was killed"): joining the workers, as preparing a
/// commit does, hands back the error that killed them (a full disk, say).
/// Nothing is committed: a prepared commit that is dropped writes nothing,
/// and the run stops with this error.
fn worker_cause(
    writer: &RwLock<IndexWriter<TantivyDocument>>,
    e: tantivy::TantivyError,
) -> tantivy::TantivyError {
    if !matches!(e, tantivy::TantivyError::ErrorInThread(_)) {
        return e;
    }
    let Ok(mut w) = writer.write() else {
        return e;
    };
    match w.prepare_commit() {
        Err(cause) => cause,
        Ok(_prepared) => e,
    }
}

fn fail(shared: &Shared<'_>, e: IndexError) {
    shared.stop.store(true, Ordering::Relaxed);
    let mut f = shared.fatal.lock().expect("fatal lock");
    // The operating system's reason beats tantivy's report that a worker
    // died of it, whichever thread got here first.
    let better =
        matches!(*f, Some(IndexError::Tantivy(_))) && matches!(e, IndexError::Write { .. });
    if f.is_none() || better {
        *f = Some(e);
    }
}

fn progress(shared: &Shared<'_>) {
    let mut last = match shared.last_progress.try_lock() {
        Ok(l) => l,
        Err(_) => return,
    };
    if last.elapsed() < Duration::from_millis(100) {
        return;
    }
    *last = Instant::now();
    shared.reporter.progress(&Progress {
        files_done: shared.files_done.load(Ordering::Relaxed),
        files_total: shared.files_total.load(Ordering::Relaxed),
        articles: shared.articles.load(Ordering::Relaxed),
        bytes: shared.bytes.load(Ordering::Relaxed),
        bytes_total: shared.bytes_total.load(Ordering::Relaxed),
        elapsed: shared.started.elapsed(),
    });
}

/// Called once per batch and once by the reader; the last call records the
/// file as complete.
fn finish_file(shared: &Shared<'_>, job: &Arc<FileJob>) {
    if job.pending.fetch_sub(1, Ordering::AcqRel) != 1 {
        return;
    }
    shared.files_done.fetch_add(1, Ordering::Relaxed);
    {
        let mut s = shared.summary.lock().expect("summary");
        s.files_read += 1;
    }
    let abs = std::fs::canonicalize(&job.src.path).unwrap_or_else(|_| job.src.path.clone());
    shared.state.lock().expect("state").files.insert(
        abs,
        FileState {
            rel: job.src.rel.clone(),
            size: job.src.size,
            mtime_ns: mtime_ns(job.src.mtime),
            hash: job.hash.load(Ordering::Relaxed),
            stale: false,
        },
    );
    progress(shared);
}

/// Commit what has been added and save the state of completed files.
fn commit(shared: &Shared<'_>) -> Result<(), IndexError> {
    let Sink::Index { writer, dir, .. } = &shared.sink else {
        return Ok(());
    };
    let mut w = writer.write().expect("writer");
    // Snapshot under the write lock: no add is in flight, so every file
    // recorded complete has all its articles in this commit. It is written
    // to disk now and put in place once the commit has succeeded. A state
    // that cannot be written does not hold the commit back: without it the
    // next run reads those files again, replacing their articles.
    let staged = shared.state.lock().expect("state").stage(dir);
    w.commit().map_err(|e| IndexError::writing(dir, e))?;
    staged
        .and_then(|s| s.install())
        .map_err(|e| IndexError::io(dir, &e))
}

fn finish(shared: Shared<'_>) -> Result<Summary, IndexError> {
    let mut committed = false;
    if matches!(shared.sink, Sink::Index { .. }) {
        commit(&shared)?;
        committed = true;
    }
    let mut s = shared.summary.lock().expect("summary").clone();
    s.articles = shared.articles.load(Ordering::Relaxed);
    s.bytes = shared.bytes.load(Ordering::Relaxed);
    s.committed = committed;
    if let Sink::Index {
        writer,
        dir,
        fields,
    } = shared.sink
    {
        let writer = writer.into_inner().expect("writer");
        let index = writer.index().clone();
        let done = if shared.req.optimize {
            optimize(writer, shared.req)
        } else {
            // A merge of small segments the last commit started finishes
            // rather than being abandoned half-way.
            writer.wait_merging_threads()
        };
        done.map_err(|e| IndexError::writing(&dir, e))?;
        // The group table and value list are caches: when one cannot be
        // written, searches see that it does not match the index and read
        // the index instead.
        let current = |is_current: fn(&Path, &tantivy::Searcher) -> bool| {
            super::searcher(&index).is_ok_and(|s| is_current(&dir, &s))
        };
        let mut note = |what: &str, r: Result<(), IndexError>| {
            if let Err(e) = r {
                s.notes.push(format!(
                    "{what} not written ({e}); searches compute it from the index instead"
                ));
            }
        };
        if !current(super::group_table::is_current) {
            note(
                "near-duplicate group table",
                super::group_table::write(&dir, &index, &fields),
            );
        }
        if !current(super::value_list::is_current) {
            let written = super::searcher(&index)
                .and_then(|searcher| super::value_list::write(&dir, &searcher, &fields));
            note("person and org value list", written);
        }
    }
    Ok(s)
}

/// Merge every segment into one. Merges the policy started in the
/// background must finish first: a merge asked for segments that another
/// merge is consuming fails.
fn optimize(writer: IndexWriter<TantivyDocument>, req: &IndexRequest) -> tantivy::Result<()> {
    let index = writer.index().clone();
    writer.wait_merging_threads()?;
    let mut writer = open_writer(&index, req.threads, req.memory_mb)?;
    writer.set_merge_policy(Box::new(tantivy::merge_policy::NoMergePolicy));
    let ids = index.searchable_segment_ids()?;
    if ids.len() > 1 {
        writer.merge(&ids).wait()?;
    }
    writer.garbage_collect_files().wait()?;
    writer.wait_merging_threads()
}

//! The index: its schema, where it lives, how it is opened, and the run
//! that fills it.
//!
//! Opening checks the schema version newsdex wrote beside tantivy's files,
//! so an index from an incompatible build is explained, never misread.
//! Errors here are typed; the binaries print them and pick exit codes.

pub mod analyzer;
pub mod document;
pub mod group_table;
pub mod pipeline;
pub mod read_only;
pub mod schema;
pub mod state;
pub mod value_list;

use schema::{Fields, SCHEMA_VERSION};
use state::Meta;
use std::path::{Path, PathBuf};
use tantivy::Index;

pub use pipeline::{run, IndexRequest, Problem, ProblemKind, Progress, Reporter, Summary};

/// Environment variable both binaries read for the index location.
pub const INDEX_ENV: &str = "NEWSDEX_INDEX";

/// The default index: `$NEWSDEX_INDEX`, else `$XDG_DATA_HOME/newsdex/index`,
/// else `~/.local/share/newsdex/index`, else `./.newsdex-index`.
pub fn default_index_dir() -> PathBuf {
    if let Some(d) = std::env::var_os(INDEX_ENV).filter(|d| !d.is_empty()) {
        return PathBuf::from(d);
    }
    if let Some(d) = std::env::var_os("XDG_DATA_HOME").filter(|d| !d.is_empty()) {
        return PathBuf::from(d).join("newsdex").join("index");
    }
    if let Some(h) = std::env::var_os("HOME").filter(|d| !d.is_empty()) {
        return PathBuf::from(h).join(".local/share/newsdex/index");
    }
    PathBuf::from(".newsdex-index")
}

#[derive(Debug, thiserror::Error)]
pub enum IndexError {
    #[error("no index at {dir}\n  build one with: newsdex-index --index {dir} PATH...")]
    Missing { dir: String },
    #[error("the index at {dir} was built with schema version {found}; this newsdex {version} reads version {SCHEMA_VERSION}\n  rebuild it with: newsdex-index --rebuild --index {dir} PATH...")]
    Incompatible {
        dir: String,
        found: String,
        version: &'static str,
    },
    #[error("the index at {dir} is locked by another newsdex-index (lock file {lock}); wait for it to finish")]
    Locked { dir: String, lock: String },
    #[error("{path}: {reason}")]
    Io { path: String, reason: String },
    /// Writing failed (a full disk, a read-only directory); tantivy never
    /// replaced its last commit, so searches still answer from it.
    #[error("cannot write the index: {path}: {reason}; it still answers from its last commit")]
    Write { path: String, reason: String },
    #[error("index error: {0}")]
    Tantivy(#[from] tantivy::TantivyError),
}

impl IndexError {
    pub fn io(path: &Path, e: &std::io::Error) -> IndexError {
        IndexError::Io {
            path: path.display().to_string(),
            reason: crate::walk::io_reason(e),
        }
    }

    /// A tantivy error while writing the index in `dir`. When it comes from
    /// the operating system (a full disk, a read-only directory), say so in
    /// its words rather than as an internal error.
    pub fn writing(dir: &Path, e: tantivy::TantivyError) -> IndexError {
        let write = |io: &std::io::Error| IndexError::Write {
            path: dir.display().to_string(),
            reason: crate::walk::io_reason(io),
        };
        if let tantivy::TantivyError::IoError(io) = &e {
            return write(io);
        }
        let text = e.to_string();
        let code = text
            .split("(os error ")
            .nth(1)
            .and_then(|rest| rest.split(')').next())
            .and_then(|n| n.parse::<i32>().ok());
        match code {
            Some(code) => write(&std::io::Error::from_raw_os_error(code)),
            None => IndexError::Tantivy(e),
        }
    }
}

/// Open an existing index for reading, checking that this build can read it.
pub fn open(dir: &Path) -> Result<(Index, Fields), IndexError> {
    let shown = dir.display().to_string();
    if !dir.join("meta.json").exists() {
        return Err(IndexError::Missing { dir: shown });
    }
    check_meta(dir)?;
    let directory = read_only::SearchDirectory::open(dir).map_err(|e| IndexError::Io {
        path: shown.clone(),
        reason: e.to_string(),
    })?;
    let index = Index::open(directory)?;
    analyzer::register(&index);
    let fields = Fields::new();
    if index.schema() != fields.schema {
        return Err(IndexError::Incompatible {
            dir: shown,
            found: format!("{SCHEMA_VERSION} (with a different field list)"),
            version: env!("CARGO_PKG_VERSION"),
        });
    }
    Ok((index, fields))
}

/// A searcher over the index as it is now. Searches are one-shot, so the
/// reader does not watch for new commits (that would start a thread).
pub fn searcher(index: &Index) -> Result<tantivy::Searcher, IndexError> {
    let reader: tantivy::IndexReader = index
        .reader_builder()
        .reload_policy(tantivy::ReloadPolicy::Manual)
        .try_into()?;
    Ok(reader.searcher())
}

fn check_meta(dir: &Path) -> Result<(), IndexError> {
    let shown = dir.display().to_string();
    match Meta::load(dir) {
        Ok(Some(m)) if m.schema_version == SCHEMA_VERSION => Ok(()),
        Ok(Some(m)) => Err(IndexError::Incompatible {
            dir: shown,
            found: m.schema_version.to_string(),
            version: env!("CARGO_PKG_VERSION"),
        }),
        Ok(None) => Err(IndexError::Incompatible {
            dir: shown,
            found: "unknown (not a newsdex index)".into(),
            version: env!("CARGO_PKG_VERSION"),
        }),
        Err(e) => Err(IndexError::io(&dir.join(state::META_FILE), &e)),
    }
}

//! What the index already holds, file by file, for incremental runs.
//!
//! `newsdex-state.json` in the index directory records, for every file whose
//! articles are committed, its size, modification time and content hash. It
//! is written (atomically: temp file, fsync, rename) only after a tantivy
//! commit, so it never claims more than the index holds; a file missing
//! from it is simply read again, after its old articles are deleted by path.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::{SystemTime, UNIX_EPOCH};

pub const STATE_FILE: &str = "newsdex-state.json";
pub const META_FILE: &str = "newsdex-meta.json";

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FileState {
    /// The value of the `path` field its articles carry.
    pub rel: String,
    pub size: u64,
    /// Modification time in nanoseconds since the epoch.
    pub mtime_ns: u128,
    /// xxh3-64 of the raw file bytes.
    pub hash: u64,
    /// Its articles were extracted under rules other than the index's
    /// current ones ([`State::rules`]): read it again.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub stale: bool,
}

#[derive(Debug, Default, Clone, Serialize, Deserialize)]
pub struct State {
    /// Keyed by absolute path.
    pub files: BTreeMap<PathBuf, FileState>,
    /// The extraction rules the files not marked stale were read under:
    /// a digest of the newsdex version, the schema files (with the user's
    /// overrides), the input field names and the extraction flags. 0 in
    /// a state written before it was recorded.
    #[serde(default)]
    pub rules: u64,
}

pub fn mtime_ns(t: Option<SystemTime>) -> u128 {
    t.and_then(|t| t.duration_since(UNIX_EPOCH).ok())
        .map(|d| d.as_nanos())
        .unwrap_or(0)
}

impl State {
    /// Adopt `rules` as the index's rules; every file read under others is
    /// marked stale. Returns how many files that marks.
    pub fn adopt_rules(&mut self, rules: u64) -> usize {
        if self.rules == rules {
            return 0;
        }
        self.rules = rules;
        let mut marked = 0;
        for f in self.files.values_mut() {
            if !f.stale {
                f.stale = true;
                marked += 1;
            }
        }
        marked
    }

    pub fn load(dir: &Path) -> std::io::Result<State> {
        match std::fs::read(dir.join(STATE_FILE)) {
            Ok(bytes) => serde_json::from_slice(&bytes).map_err(std::io::Error::other),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(State::default()),
            Err(e) => Err(e),
        }
    }

    pub fn save(&self, dir: &Path) -> std::io::Result<()> {
        self.stage(dir)?.install()
    }

    /// Write the state beside the current one without replacing it yet,
    /// streamed to disk: with one file per article it runs to tens of MB,
    /// which neither a copy nor a buffer in memory should cost.
    pub fn stage(&self, dir: &Path) -> std::io::Result<Staged> {
        let tmp = dir.join(format!(".{STATE_FILE}.tmp"));
        let f = std::fs::File::create(&tmp)?;
        let mut w = std::io::BufWriter::with_capacity(1 << 16, f);
        serde_json::to_writer(&mut w, self).map_err(std::io::Error::other)?;
        w.into_inner().map_err(|e| e.into_error())?.sync_all()?;
        Ok(Staged {
            tmp,
            dir: dir.to_path_buf(),
        })
    }
}

/// A state file written but not yet in place.
#[must_use]
pub struct Staged {
    tmp: std::path::PathBuf,
    dir: std::path::PathBuf,
}

impl Staged {
    /// Put the staged state in place (atomically).
    pub fn install(self) -> std::io::Result<()> {
        std::fs::rename(&self.tmp, self.dir.join(STATE_FILE))?;
        if let Ok(d) = std::fs::File::open(&self.dir) {
            let _ = d.sync_all();
        }
        Ok(())
    }
}

/// Index-level facts checked before anyone reads or writes the index.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Meta {
    pub schema_version: u32,
    pub newsdex_version: String,
}

impl Meta {
    pub fn current() -> Meta {
        Meta {
            schema_version: super::schema::SCHEMA_VERSION,
            newsdex_version: env!("CARGO_PKG_VERSION").to_string(),
        }
    }

    pub fn load(dir: &Path) -> std::io::Result<Option<Meta>> {
        match std::fs::read(dir.join(META_FILE)) {
            Ok(bytes) => serde_json::from_slice(&bytes)
                .map(Some)
                .map_err(std::io::Error::other),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
            Err(e) => Err(e),
        }
    }

    pub fn save(&self, dir: &Path) -> std::io::Result<()> {
        write_atomic(
            dir,
            META_FILE,
            &serde_json::to_vec_pretty(self).map_err(std::io::Error::other)?,
        )
    }
}

/// Write `name` in `dir` so that a crash leaves the old or the new content,
/// never a mix.
fn write_atomic(dir: &Path, name: &str, bytes: &[u8]) -> std::io::Result<()> {
    let tmp = dir.join(format!(".{name}.tmp"));
    {
        let mut f = std::fs::File::create(&tmp)?;
        f.write_all(bytes)?;
        f.sync_all()?;
    }
    std::fs::rename(&tmp, dir.join(name))?;
    if let Ok(d) = std::fs::File::open(dir) {
        let _ = d.sync_all();
    }
    Ok(())
}

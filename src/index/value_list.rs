//! Every person and organisation value in the index, for partial-name filters.
//!
//! `--person reagan` matches every person value containing that word, so the
//! filter has to look at all person values. Streaming them from every
//! segment's term dictionary on each search took a third of a filtered search
//! over 200,000 articles, and grows with the number of segments. The values
//! only change when articles do, so `newsdex-index` writes them once per run
//! beside the index, like the group table, and a search scans one sorted
//! list. A list that does not name the index's current segments is ignored,
//! and the filter streams the segments as before.

use super::group_table::{header, push_string, save, Reader};
use super::schema::Fields;
use super::IndexError;
use std::collections::BTreeSet;
use std::path::Path;
use tantivy::schema::Field;
use tantivy::Searcher;

pub const FILE: &str = "newsdex-values.bin";
const MAGIC: &[u8; 8] = b"NXVALUE1";
/// The dimensions whose filters match parts of values.
pub const DIMS: [&str; 2] = ["person", "org"];

/// Folded `keys` terms ("person:ronald reagan") of [`DIMS`], sorted.
#[derive(Debug)]
pub struct ValueList {
    keys: Vec<String>,
}

impl ValueList {
    pub fn load(dir: &Path, searcher: &Searcher) -> Option<ValueList> {
        let bytes = std::fs::read(dir.join(FILE)).ok()?;
        let mut r = Reader { b: &bytes, at: 0 };
        r.header(MAGIC, searcher)?;
        let n = r.u32()? as usize;
        let mut keys = Vec::with_capacity(n.min(1 << 22));
        for _ in 0..n {
            keys.push(r.string()?);
        }
        keys.is_sorted().then_some(ValueList { keys })
    }

    /// Every key starting with `prefix` ("person:"), in order.
    pub fn with_prefix<'a>(&'a self, prefix: &'a str) -> impl Iterator<Item = &'a str> + 'a {
        let from = self.keys.partition_point(|k| k.as_str() < prefix);
        self.keys[from..]
            .iter()
            .map(String::as_str)
            .take_while(move |k| k.starts_with(prefix))
    }
}

/// Whether `dir` holds a list that describes `searcher`'s segments.
pub fn is_current(dir: &Path, searcher: &Searcher) -> bool {
    std::fs::read(dir.join(FILE))
        .ok()
        .is_some_and(|b| Reader { b: &b, at: 0 }.header(MAGIC, searcher).is_some())
}

/// Call `each` with every term of the `keys` field that starts with
/// `prefix` ("person:"), read from every segment's term dictionary (a term
/// held by several segments comes once per segment). This is what the list
/// saves a search from doing.
pub fn stream_keys(
    searcher: &Searcher,
    keys: Field,
    prefix: &str,
    each: &mut dyn FnMut(&str),
) -> tantivy::Result<()> {
    for seg in searcher.segment_readers() {
        let inv = seg.inverted_index(keys)?;
        let mut stream = inv.terms().range().ge(prefix.as_bytes()).into_stream()?;
        while stream.advance() {
            let Ok(k) = std::str::from_utf8(stream.key()) else {
                continue;
            };
            if !k.starts_with(prefix) {
                break;
            }
            each(k);
        }
    }
    Ok(())
}

/// Collect the values from every segment and write the list.
pub fn write(dir: &Path, searcher: &Searcher, fields: &Fields) -> Result<(), IndexError> {
    let mut keys: BTreeSet<String> = BTreeSet::new();
    for dim in DIMS {
        stream_keys(searcher, fields.keys, &format!("{dim}:"), &mut |k| {
            if !keys.contains(k) {
                keys.insert(k.to_string());
            }
        })?;
    }
    let list = super::group_table::segments(searcher);
    let mut out = header(MAGIC, &list, keys.iter().map(|k| k.len() + 4).sum());
    out.extend_from_slice(&(keys.len() as u32).to_le_bytes());
    for k in &keys {
        push_string(&mut out, k);
    }
    save(dir, FILE, &out)
}

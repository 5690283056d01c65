//! The near-duplicate group of every article, computed once per indexing run.
//!
//! Walking a group from the index at search time takes 32 band-key lookups
//! per article in every segment; on a fresh 200,000-article search that was
//! half of the time to show ten hits. Groups only change when articles do,
//! so `newsdex-index` computes them at the end of each run that changed
//! something (the rule of [`crate::dedup::link`]: a shared band value and an
//! estimated Jaccard similarity of at least one half) and writes this table
//! beside the index. A search reads it in one go and looks hits up by
//! address. The table names the segments it describes (id, size, deletions);
//! when they differ from what a search sees (a run killed before the table
//! was written, an index copied without it), searches fall back to the walk.

use super::schema::Fields;
use super::IndexError;
use crate::dedup::{self, Signature, BANDS};
use std::path::Path;
use tantivy::columnar::Column;
use tantivy::schema::Value;
use tantivy::{DateTime, DocAddress, Searcher, TantivyDocument};

pub const FILE: &str = "newsdex-groups.bin";
const MAGIC: &[u8; 8] = b"NXGROUP1";

/// Groups of the articles of one searcher's segments.
#[derive(Debug)]
pub struct GroupTable {
    /// First global number of each segment, by segment ordinal.
    offsets: Vec<usize>,
    /// Per article (global number): 0 alone, else 1 + index into `groups`.
    of: Vec<u32>,
    /// Size and key (id of the earliest member) of each group.
    groups: Vec<(u32, String)>,
}

/// The segment list a table describes: id, size and deleted articles.
pub(crate) fn segments(searcher: &Searcher) -> Vec<(String, u32, u32)> {
    searcher
        .segment_readers()
        .iter()
        .map(|s| {
            (
                s.segment_id().uuid_string(),
                s.max_doc(),
                s.num_deleted_docs(),
            )
        })
        .collect()
}

impl GroupTable {
    /// The key and size of an article's group; `None` when it is alone.
    pub fn of(&self, a: DocAddress) -> Option<(&str, usize)> {
        let i = self.offsets.get(a.segment_ord as usize)? + a.doc_id as usize;
        match *self.of.get(i)? {
            0 => None,
            g => self
                .groups
                .get(g as usize - 1)
                .map(|(size, key)| (key.as_str(), *size as usize)),
        }
    }

    /// The table for `searcher`, if the index has one that describes exactly
    /// its segments.
    pub fn load(dir: &Path, searcher: &Searcher) -> Option<GroupTable> {
        let bytes = std::fs::read(dir.join(FILE)).ok()?;
        let mut r = Reader { b: &bytes, at: 0 };
        let stored = r.header(MAGIC, searcher)?;
        let total: usize = stored.iter().map(|s| s.1 as usize).sum();
        let mut offsets = Vec::with_capacity(stored.len());
        let mut at = 0;
        for s in &stored {
            offsets.push(at);
            at += s.1 as usize;
        }
        let mut of = Vec::with_capacity(total);
        for _ in 0..total {
            of.push(r.u32()?);
        }
        let g = r.u32()? as usize;
        let mut groups = Vec::with_capacity(g.min(1 << 20));
        for _ in 0..g {
            let size = r.u32()?;
            groups.push((size, r.string()?));
        }
        if of.iter().any(|&x| x as usize > groups.len()) {
            return None;
        }
        Some(GroupTable {
            offsets,
            of,
            groups,
        })
    }
}

/// Reads the little-endian tables written beside the index.
pub(crate) struct Reader<'a> {
    pub b: &'a [u8],
    pub at: usize,
}

impl<'a> Reader<'a> {
    /// Check the magic and that the segment list is `searcher`'s; the list.
    pub fn header(
        &mut self,
        magic: &[u8; 8],
        searcher: &Searcher,
    ) -> Option<Vec<(String, u32, u32)>> {
        if self.take(8)? != magic {
            return None;
        }
        let n = self.u32()? as usize;
        let mut stored = Vec::with_capacity(n.min(1 << 16));
        for _ in 0..n {
            let id = std::str::from_utf8(self.take(32)?).ok()?.to_string();
            stored.push((id, self.u32()?, self.u32()?));
        }
        (stored == segments(searcher)).then_some(stored)
    }
    pub fn string(&mut self) -> Option<String> {
        let len = self.u32()? as usize;
        std::str::from_utf8(self.take(len)?)
            .ok()
            .map(str::to_string)
    }
    pub fn take(&mut self, n: usize) -> Option<&'a [u8]> {
        let s = self.b.get(self.at..self.at.checked_add(n)?)?;
        self.at += n;
        Some(s)
    }
    pub fn u32(&mut self) -> Option<u32> {
        self.take(4)
            .map(|s| u32::from_le_bytes([s[0], s[1], s[2], s[3]]))
    }
}

/// Whether `dir` holds a table that describes `searcher`'s segments.
pub fn is_current(dir: &Path, searcher: &Searcher) -> bool {
    GroupTable::load(dir, searcher).is_some()
}

/// Compute the groups of every live article and write the table
/// (atomically: a reader sees the old table or the new one).
pub fn write(dir: &Path, searcher: &Searcher, fields: &Fields) -> Result<(), IndexError> {
    let segs = searcher.segment_readers();
    let mut dup: Vec<Option<Column<u64>>> = Vec::with_capacity(segs.len());
    let mut dates: Vec<Option<Column<DateTime>>> = Vec::with_capacity(segs.len());
    let mut addrs: Vec<DocAddress> = Vec::new();
    let mut live: Vec<bool> = Vec::new();
    for (ord, seg) in segs.iter().enumerate() {
        dup.push(seg.fast_fields().column_opt::<u64>("dup")?);
        dates.push(seg.fast_fields().column_opt::<DateTime>("date")?);
        for doc in 0..seg.max_doc() {
            addrs.push(DocAddress::new(ord as u32, doc));
            live.push(!seg.is_deleted(doc));
        }
    }
    let values = |i: usize| -> Vec<u64> {
        let a = addrs[i];
        match (&dup[a.segment_ord as usize], live[i]) {
            (Some(col), true) => col.values_for_doc(a.doc_id).collect(),
            _ => Vec::new(),
        }
    };
    // Band values are stored in band order; anything else has no signature.
    let band = |i: usize, b: usize| -> Option<u64> {
        let a = addrs[i];
        let col = dup[a.segment_ord as usize].as_ref()?;
        if !live[i] {
            return None;
        }
        let rows = col.index.value_row_ids(a.doc_id);
        if rows.len() != BANDS {
            return None;
        }
        let v = col.values.get_val(rows.start + b as u32);
        ((v >> 48) as usize == b).then_some(v)
    };
    let roots = dedup::link(addrs.len(), band, |i| Signature::from_bands(values(i)));

    // Members of every group of two or more, in article order.
    let mut size = vec![0u32; roots.len()];
    for &r in &roots {
        size[r] += 1;
    }
    let mut members: std::collections::BTreeMap<usize, Vec<usize>> = Default::default();
    for (i, &r) in roots.iter().enumerate() {
        if size[r] > 1 {
            members.entry(r).or_default().push(i);
        }
    }
    let date = |i: usize| -> i64 {
        let a = addrs[i];
        dates[a.segment_ord as usize]
            .as_ref()
            .and_then(|c| c.first(a.doc_id))
            .map(|d| d.into_timestamp_secs())
            .unwrap_or(i64::MAX)
    };
    let id = |i: usize| -> Result<String, IndexError> {
        let doc: TantivyDocument = searcher.doc(addrs[i])?;
        Ok(doc
            .get_first(fields.id)
            .and_then(|v| v.as_str().map(str::to_string))
            .unwrap_or_default())
    };
    let mut of = vec![0u32; addrs.len()];
    let mut groups: Vec<(u32, String)> = Vec::with_capacity(members.len());
    for m in members.values() {
        // The key is the earliest member, ties broken by the smaller id
        // (the rule of the search-time walk).
        let earliest = m.iter().map(|&i| date(i)).min().unwrap_or(i64::MAX);
        let mut key: Option<String> = None;
        for &i in m.iter().filter(|&&i| date(i) == earliest) {
            let this = id(i)?;
            if key.as_ref().is_none_or(|k| this < *k) {
                key = Some(this);
            }
        }
        groups.push((m.len() as u32, key.unwrap_or_default()));
        for &i in m {
            of[i] = groups.len() as u32;
        }
    }

    let mut out = header(MAGIC, searcher, of.len() * 4);
    for g in &of {
        out.extend_from_slice(&g.to_le_bytes());
    }
    out.extend_from_slice(&(groups.len() as u32).to_le_bytes());
    for (size, key) in &groups {
        out.extend_from_slice(&size.to_le_bytes());
        push_string(&mut out, key);
    }
    save(dir, FILE, &out)
}

/// The start of a table: magic and the segment list it describes.
pub(crate) fn header(magic: &[u8; 8], searcher: &Searcher, more: usize) -> Vec<u8> {
    let segments = segments(searcher);
    let mut out = Vec::with_capacity(12 + segments.len() * 40 + more);
    out.extend_from_slice(magic);
    out.extend_from_slice(&(segments.len() as u32).to_le_bytes());
    for (sid, max_doc, deleted) in &segments {
        out.extend_from_slice(sid.as_bytes());
        out.extend_from_slice(&max_doc.to_le_bytes());
        out.extend_from_slice(&deleted.to_le_bytes());
    }
    out
}

pub(crate) fn push_string(out: &mut Vec<u8>, s: &str) {
    out.extend_from_slice(&(s.len() as u32).to_le_bytes());
    out.extend_from_slice(s.as_bytes());
}

/// Write a table atomically: a reader sees the old one or the new one.
pub(crate) fn save(dir: &Path, name: &str, bytes: &[u8]) -> Result<(), IndexError> {
    let tmp = dir.join(format!("{name}.tmp"));
    std::fs::write(&tmp, bytes).map_err(|e| IndexError::io(&tmp, &e))?;
    std::fs::rename(&tmp, dir.join(name)).map_err(|e| IndexError::io(&dir.join(name), &e))
}

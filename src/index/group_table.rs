//! The near-duplicate group of every article, computed once per indexing run.
//!
//! Groups only change when articles do, so `newsdex-index` computes them at
//! the end of each run that changed something (the rule of
//! [`crate::dedup::link`]: a shared band value and an estimated Jaccard
//! similarity of at least one half) and writes this table beside the index:
//! each article's group, each group's key and size, and its members. A
//! search maps it and looks hits up by address; `--dupes` and `--show` read
//! a group's members from it. The table names the segments it describes
//! (id, size, deletions); when they differ from what a search sees (a run
//! killed before the table was written, an index copied without it), the
//! search computes the same table in memory from the `dup` band values,
//! about a second per 200,000 articles, until the next `newsdex-index` run
//! writes it.

use super::schema::Fields;
use super::IndexError;
use crate::dedup::{self, Signature, BANDS};
use std::collections::HashMap;
use std::path::Path;
use tantivy::directory::{MmapDirectory, OwnedBytes};
use tantivy::schema::Value;
use tantivy::Directory;
use tantivy::{DateTime, DocAddress, Index, Searcher, SegmentReader, TantivyDocument};

/// Opens segment `i` of the list a table is computed for.
type Open<'o> = dyn Fn(usize) -> tantivy::Result<SegmentReader> + 'o;

pub const FILE: &str = "newsdex-groups.bin";
const MAGIC: &[u8; 8] = b"NXGROUP2";

/// Groups of the articles of one searcher's segments.
pub struct GroupTable {
    /// First global number of each segment, by segment ordinal.
    offsets: Vec<usize>,
    /// The table file, mapped by a search, so a fresh process does not pay
    /// for reading it into memory and decoding one entry per article.
    bytes: OwnedBytes,
    /// Where the per-article entries start in `bytes`, and how many there
    /// are. Entry (global number): 0 alone, else 1 + index into `groups`.
    of_at: usize,
    articles: usize,
    /// Size and key (id of the earliest member) of each group.
    groups: Vec<(u32, String)>,
    /// Where each group's members (global numbers, earliest first) start
    /// in `bytes`.
    members_at: Vec<usize>,
    /// First global number of each segment with its ordinal, by number.
    starts: Vec<(usize, u32)>,
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
        match self.entry(i)? {
            0 => None,
            g => self
                .groups
                .get(g as usize - 1)
                .map(|(size, key)| (key.as_str(), *size as usize)),
        }
    }

    /// The key of an article's group and its members, earliest first;
    /// `None` when it is alone.
    pub fn members(&self, a: DocAddress) -> Option<(&str, Vec<DocAddress>)> {
        let i = self.offsets.get(a.segment_ord as usize)? + a.doc_id as usize;
        let g = self.entry(i)?.checked_sub(1)? as usize;
        let (size, key) = self.groups.get(g)?;
        let at = self.members_at[g];
        let bytes = self.bytes.as_slice().get(at..at + 4 * *size as usize)?;
        let members = bytes
            .chunks_exact(4)
            .map(|b| {
                let n = u32::from_le_bytes([b[0], b[1], b[2], b[3]]) as usize;
                let (start, ord) = self.starts[self.starts.partition_point(|s| s.0 <= n) - 1];
                DocAddress::new(ord, (n - start) as u32)
            })
            .collect();
        Some((key.as_str(), members))
    }

    /// The table for `searcher` computed in memory, for an index whose
    /// written table is missing or stale.
    pub fn compute(searcher: &Searcher, fields: &Fields) -> Result<GroupTable, IndexError> {
        let list = segments(searcher);
        let readers = searcher.segment_readers();
        let bytes = compute(fields, &list, &|i| Ok(readers[i].clone()))?;
        GroupTable::parse(OwnedBytes::new(bytes), searcher).ok_or_else(|| {
            IndexError::Tantivy(tantivy::TantivyError::InternalError(
                "a computed group table did not parse".into(),
            ))
        })
    }

    /// The entry of article `i` (global number).
    fn entry(&self, i: usize) -> Option<u32> {
        if i >= self.articles {
            return None;
        }
        let at = self.of_at + 4 * i;
        let b = self.bytes.as_slice().get(at..at + 4)?;
        Some(u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
    }

    /// The table in `dir` for `searcher`, if there is one that describes
    /// exactly its segments. The file is mapped, not read.
    pub fn load(dir: &Path, searcher: &Searcher) -> Option<GroupTable> {
        let file = MmapDirectory::open(dir)
            .ok()?
            .open_read(Path::new(FILE))
            .ok()?;
        GroupTable::parse(file.read_bytes().ok()?, searcher)
    }

    /// The table in `dir` for `searcher`, read into memory (for the indexer,
    /// which replaces the file and must not see a stale mapping).
    fn read(dir: &Path, searcher: &Searcher) -> Option<GroupTable> {
        let bytes = std::fs::read(dir.join(FILE)).ok()?;
        GroupTable::parse(OwnedBytes::new(bytes), searcher)
    }

    fn parse(bytes: OwnedBytes, searcher: &Searcher) -> Option<GroupTable> {
        let mut r = Reader {
            b: bytes.as_slice(),
            at: 0,
        };
        let stored = r.header(MAGIC, searcher)?;
        let total: usize = stored.iter().map(|s| s.1 as usize).sum();
        // Articles are numbered in the table's segment order; a searcher may
        // list the same segments in another order.
        let mut first: HashMap<&str, usize> = HashMap::new();
        let mut at = 0;
        for s in &stored {
            first.insert(s.0.as_str(), at);
            at += s.1 as usize;
        }
        let offsets = searcher
            .segment_readers()
            .iter()
            .map(|seg| first.get(seg.segment_id().uuid_string().as_str()).copied())
            .collect::<Option<Vec<usize>>>()?;
        let of_at = r.at;
        r.take(total.checked_mul(4)?)?;
        let g = r.u32()? as usize;
        let mut groups = Vec::with_capacity(g.min(1 << 20));
        for _ in 0..g {
            let size = r.u32()?;
            groups.push((size, r.string()?));
        }
        let mut members_at = Vec::with_capacity(groups.len());
        for (size, _) in &groups {
            members_at.push(r.at);
            let list = r.take((*size as usize).checked_mul(4)?)?;
            if list
                .chunks_exact(4)
                .any(|b| u32::from_le_bytes([b[0], b[1], b[2], b[3]]) as usize >= total)
            {
                return None;
            }
        }
        // Empty segments own no number (and would share a start).
        let mut starts: Vec<(usize, u32)> = offsets
            .iter()
            .zip(searcher.segment_readers())
            .enumerate()
            .filter(|(_, (_, seg))| seg.max_doc() > 0)
            .map(|(ord, (&o, _))| (o, ord as u32))
            .collect();
        starts.sort_unstable();
        // A damaged table (an entry naming a group it does not hold) is not
        // used at all: the search computes groups from the index instead. One
        // pass over the mapped entries, no decoding into memory.
        let entries = &bytes.as_slice()[of_at..of_at + 4 * total];
        if entries
            .chunks_exact(4)
            .any(|e| u32::from_le_bytes([e[0], e[1], e[2], e[3]]) as usize > groups.len())
        {
            return None;
        }
        Some(GroupTable {
            offsets,
            bytes,
            of_at,
            articles: total,
            groups,
            members_at,
            starts,
        })
    }
}

/// Reads the little-endian tables written beside the index.
pub(crate) struct Reader<'a> {
    pub b: &'a [u8],
    pub at: usize,
}

impl<'a> Reader<'a> {
    /// Check the magic and that the table describes exactly `searcher`'s
    /// segments (in any order); the list in the table's order.
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
        let (mut a, mut b) = (stored.clone(), segments(searcher));
        a.sort_unstable();
        b.sort_unstable();
        (a == b).then_some(stored)
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
    GroupTable::read(dir, searcher).is_some()
}

/// Compute the groups of every live article and write the table
/// (atomically: a reader sees the old table or the new one).
pub fn write(dir: &Path, index: &Index, fields: &Fields) -> Result<(), IndexError> {
    let segments = index.searchable_segments()?;
    let list: Vec<(String, u32, u32)> = segments
        .iter()
        .map(|s| {
            (
                s.id().uuid_string(),
                s.meta().max_doc(),
                s.meta().num_deleted_docs(),
            )
        })
        .collect();
    let bytes = compute(fields, &list, &|i| SegmentReader::open(&segments[i]))?;
    save(dir, FILE, &bytes)
}

/// The table of the segments in `list` (id, size, deletions), opened by
/// `open`, as the bytes of the file.
///
/// Memory stays flat as the archive grows: one segment is open at a time (a
/// segment reader maps its files, and every page it reads counts as resident
/// until it is dropped), and per band only the band values of all articles
/// are held (16 bytes each), plus the signatures of the articles that share
/// that band's value with another.
fn compute(
    fields: &Fields,
    list: &[(String, u32, u32)],
    open: &Open<'_>,
) -> Result<Vec<u8>, IndexError> {
    let mut offsets = Vec::with_capacity(list.len());
    let mut n = 0usize;
    for s in list {
        offsets.push(n);
        n += s.1 as usize;
    }
    let global = |seg: usize, doc: u32| (offsets[seg] + doc as usize) as u32;
    let locate = |g: u32| -> (usize, u32) {
        let seg = offsets.partition_point(|&o| o <= g as usize) - 1;
        (seg, g - offsets[seg] as u32)
    };
    let mut components = dedup::Components::new(n);
    let mut pairs: Vec<(u64, u32)> = Vec::with_capacity(n);
    for b in 0..BANDS {
        pairs.clear();
        for si in 0..list.len() {
            let reader = open(si)?;
            let Some(col) = reader.fast_fields().column_opt::<u64>("dup")? else {
                continue;
            };
            for doc in 0..reader.max_doc() {
                let rows = col.index.value_row_ids(doc);
                if reader.is_deleted(doc) || rows.len() != BANDS {
                    continue;
                }
                // Bands are stored in band order; anything else is no signature.
                let v = col.values.get_val(rows.start + b as u32);
                if (v >> 48) as usize == b {
                    pairs.push((v, global(si, doc)));
                }
            }
        }
        pairs.sort_unstable();
        let runs: Vec<&[(u64, u32)]> = pairs
            .chunk_by(|x, y| x.0 == y.0)
            .filter(|r| r.len() > 1)
            .collect();
        // Signatures of this band's candidates only: most articles share
        // some band value with another at some point, so keeping them all
        // would hold nearly every signature in memory.
        let mut wanted: Vec<u32> = runs.iter().flat_map(|r| r.iter().map(|p| p.1)).collect();
        wanted.sort_unstable();
        wanted.dedup();
        let mut signatures: Vec<(u32, Option<Signature>)> = Vec::with_capacity(wanted.len());
        for chunk in wanted.chunk_by(|x, y| locate(*x).0 == locate(*y).0) {
            let reader = open(locate(chunk[0]).0)?;
            let col = reader.fast_fields().column_opt::<u64>("dup")?;
            for &g in chunk {
                let sig = col
                    .as_ref()
                    .and_then(|c| Signature::from_bands(c.values_for_doc(locate(g).1)));
                signatures.push((g, sig));
            }
        }
        let signature = |g: u32| {
            signatures
                .binary_search_by_key(&g, |s| s.0)
                .ok()
                .and_then(|i| signatures[i].1)
        };
        for run in runs {
            components.link_run(run.iter().map(|p| p.1), signature);
        }
    }
    drop(pairs);

    // Members of every group of two or more, in article order.
    let roots: Vec<u32> = (0..n as u32).map(|g| components.root(g)).collect();
    let mut size = vec![0u32; n];
    for &r in &roots {
        size[r as usize] += 1;
    }
    let mut members: std::collections::BTreeMap<u32, Vec<u32>> = Default::default();
    for (g, &r) in roots.iter().enumerate() {
        if size[r as usize] > 1 {
            members.entry(r).or_default().push(g as u32);
        }
    }
    drop(size);
    // Date and id of every grouped article, one segment at a time.
    let mut grouped: Vec<u32> = members.values().flatten().copied().collect();
    grouped.sort_unstable();
    let mut when: HashMap<u32, (i64, String)> = HashMap::new();
    for chunk in grouped.chunk_by(|x, y| locate(*x).0 == locate(*y).0) {
        let reader = open(locate(chunk[0]).0)?;
        let dates = reader.fast_fields().column_opt::<DateTime>("date")?;
        let store = reader
            .get_store_reader(16)
            .map_err(tantivy::TantivyError::from)?;
        for &g in chunk {
            let doc = locate(g).1;
            let date = dates
                .as_ref()
                .and_then(|c| c.first(doc))
                .map(|d| d.into_timestamp_secs())
                .unwrap_or(i64::MAX);
            let stored: TantivyDocument = store.get(doc)?;
            let id = stored
                .get_first(fields.id)
                .and_then(|v| v.as_str().map(str::to_string))
                .unwrap_or_default();
            when.insert(g, (date, id));
        }
    }
    let mut of = vec![0u32; n];
    let mut groups: Vec<(u32, String)> = Vec::with_capacity(members.len());
    let mut ordered: Vec<Vec<u32>> = Vec::with_capacity(members.len());
    for m in members.into_values() {
        // Earliest first: by date, ties broken by the smaller id (so the
        // key, the first member, is the rule of [`crate::dedup`]).
        let mut m: Vec<(Option<&(i64, String)>, u32)> =
            m.into_iter().map(|g| (when.get(&g), g)).collect();
        m.sort_by(|a, b| match (a.0, b.0) {
            (Some(x), Some(y)) => x.cmp(y),
            (Some(_), None) => std::cmp::Ordering::Less,
            (None, Some(_)) => std::cmp::Ordering::Greater,
            (None, None) => a.1.cmp(&b.1),
        });
        let key = m[0].0.map(|(_, id)| id.clone()).unwrap_or_default();
        groups.push((m.len() as u32, key));
        for &(_, g) in &m {
            of[g as usize] = groups.len() as u32;
        }
        ordered.push(m.into_iter().map(|(_, g)| g).collect());
    }

    let mut out = header(MAGIC, list, of.len() * 4 + n * 4);
    for g in &of {
        out.extend_from_slice(&g.to_le_bytes());
    }
    out.extend_from_slice(&(groups.len() as u32).to_le_bytes());
    for (size, key) in &groups {
        out.extend_from_slice(&size.to_le_bytes());
        push_string(&mut out, key);
    }
    for m in &ordered {
        for g in m {
            out.extend_from_slice(&g.to_le_bytes());
        }
    }
    Ok(out)
}

/// The start of a table: magic and the segment list it describes.
pub(crate) fn header(magic: &[u8; 8], segments: &[(String, u32, u32)], more: usize) -> Vec<u8> {
    let mut out = Vec::with_capacity(12 + segments.len() * 40 + more);
    out.extend_from_slice(magic);
    out.extend_from_slice(&(segments.len() as u32).to_le_bytes());
    for (sid, max_doc, deleted) in segments {
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

//! Near-duplicate groups, walked from the index at search time.
//!
//! `newsdex-index` stores every article's group key and size in a table at
//! the end of each run (`crate::index::group_table`). This walk is for what
//! the table does not hold, the members of a group (`--dupes`, `--show`), and
//! for indexes whose table is missing or stale. It follows the near-duplicate
//! relation of [`crate::dedup`]: look up the articles sharing one of its 32
//! band keys (32 term lookups), keep those that hold the whole band and whose
//! signature is similar enough, and repeat from each new member. A group is
//! named after its earliest member (by date, then id), so every member reports
//! the same `group`.

use super::SearchError;
use crate::dedup::Signature;
use crate::index::schema::Fields;
use std::collections::{HashMap, HashSet};
use std::rc::Rc;
use tantivy::columnar::Column;
use tantivy::schema::{IndexRecordOption, Value};
use tantivy::{DateTime, DocAddress, DocSet, Searcher, TantivyDocument, Term, TERMINATED};

/// The most members one group walk collects; beyond this the group is
/// reported as this large (it is boilerplate, not a story).
pub const MAX_GROUP: usize = 5_000;

#[derive(Debug, Clone)]
pub struct Group {
    /// Id of the earliest member.
    pub key: String,
    /// Members, earliest first.
    pub members: Vec<DocAddress>,
}

/// Finds and caches groups for the articles of one searcher.
pub struct Groups<'a> {
    searcher: &'a Searcher,
    fields: &'a Fields,
    dup: Vec<Option<Column<u64>>>,
    dates: Vec<Option<Column<DateTime>>>,
    known: HashMap<DocAddress, Rc<Group>>,
}

impl<'a> Groups<'a> {
    pub fn new(searcher: &'a Searcher, fields: &'a Fields) -> Result<Groups<'a>, SearchError> {
        let mut dup = Vec::new();
        let mut dates = Vec::new();
        for seg in searcher.segment_readers() {
            dup.push(seg.fast_fields().column_opt::<u64>("dup")?);
            dates.push(seg.fast_fields().column_opt::<DateTime>("date")?);
        }
        Ok(Groups {
            searcher,
            fields,
            dup,
            dates,
            known: HashMap::new(),
        })
    }

    fn signature(&self, a: DocAddress) -> Option<Signature> {
        let col = self.dup[a.segment_ord as usize].as_ref()?;
        Signature::from_bands(col.values_for_doc(a.doc_id))
    }

    /// The stored value of band `band` of an article, read without
    /// rebuilding its whole signature. Bands are stored in band order, so
    /// the value at position `band` is tried first.
    fn band_value(&self, a: DocAddress, band: usize) -> Option<u64> {
        let col = self.dup[a.segment_ord as usize].as_ref()?;
        let rows = col.index.value_row_ids(a.doc_id);
        let is_band = |v: u64| (v >> 48) as usize == band;
        let guess = rows.start + band as u32;
        if rows.contains(&guess) {
            let v = col.values.get_val(guess);
            if is_band(v) {
                return Some(v);
            }
        }
        rows.map(|r| col.values.get_val(r)).find(|v| is_band(*v))
    }

    fn date(&self, a: DocAddress) -> i64 {
        self.dates[a.segment_ord as usize]
            .as_ref()
            .and_then(|c| c.first(a.doc_id))
            .map(|d| d.into_timestamp_secs())
            .unwrap_or(i64::MAX)
    }

    fn id(&self, a: DocAddress) -> Result<String, SearchError> {
        let doc: TantivyDocument = self.searcher.doc(a)?;
        Ok(doc
            .get_first(self.fields.id)
            .and_then(|v| v.as_str().map(str::to_string))
            .unwrap_or_default())
    }

    /// Live articles holding a band key.
    fn sharing(&self, key: u64) -> Result<Vec<DocAddress>, SearchError> {
        let term = Term::from_field_u64(self.fields.dup_key, key);
        let mut out = Vec::new();
        for (ord, seg) in self.searcher.segment_readers().iter().enumerate() {
            let inv = seg.inverted_index(self.fields.dup_key)?;
            let Some(mut postings) = inv.read_postings(&term, IndexRecordOption::Basic)? else {
                continue;
            };
            let mut doc = postings.doc();
            while doc != TERMINATED {
                if !seg.is_deleted(doc) {
                    out.push(DocAddress::new(ord as u32, doc));
                }
                doc = postings.advance();
            }
        }
        Ok(out)
    }

    /// The group of an article (just itself when it has no near-duplicate).
    pub fn of(&mut self, a: DocAddress) -> Result<Rc<Group>, SearchError> {
        if let Some(g) = self.known.get(&a) {
            return Ok(g.clone());
        }
        let mut members = vec![a];
        let mut seen: HashSet<DocAddress> = HashSet::from([a]);
        let mut i = 0;
        while i < members.len() && members.len() < MAX_GROUP {
            let m = members[i];
            i += 1;
            let Some(sig) = self.signature(m) else {
                continue;
            };
            let bands = sig.bands();
            for (band, key) in sig.keys().into_iter().enumerate() {
                for other in self.sharing(key)? {
                    // A key holds only a few bits of its band: most articles
                    // under it share the key, not the band. Standard LSH
                    // candidates share a whole band; only those are compared.
                    if seen.contains(&other) || self.band_value(other, band) != Some(bands[band]) {
                        continue;
                    }
                    if self
                        .signature(other)
                        .is_some_and(|s| s.is_near_duplicate(&sig))
                    {
                        seen.insert(other);
                        members.push(other);
                    }
                }
            }
        }
        let mut keyed: Vec<(i64, DocAddress)> =
            members.iter().map(|&m| (self.date(m), m)).collect();
        keyed.sort();
        // Ties on the earliest date are broken by id, so the key is stable.
        let earliest = keyed[0].0;
        let mut first: Option<(String, DocAddress)> = None;
        for &(_, m) in keyed.iter().take_while(|(d, _)| *d == earliest) {
            let id = self.id(m)?;
            if first.as_ref().is_none_or(|(f, _)| id < *f) {
                first = Some((id, m));
            }
        }
        let (key, lead) = first.expect("a group has a member");
        let mut ordered = vec![lead];
        ordered.extend(keyed.iter().map(|(_, m)| *m).filter(|m| *m != lead));
        let group = Rc::new(Group {
            key,
            members: ordered,
        });
        for m in &group.members {
            self.known.insert(*m, group.clone());
        }
        Ok(group)
    }
}

/// Group key and size of the article at an index of the input.
type Walked = Result<Vec<(usize, String, usize)>, SearchError>;

/// The group key and size of each article, in order. A fresh search spends
/// most of this walk waiting on index pages, so the articles are shared out
/// over one thread per core, each with its own [`Groups`].
pub fn keys_and_sizes(
    searcher: &Searcher,
    fields: &Fields,
    addrs: &[DocAddress],
) -> Result<Vec<(String, usize)>, SearchError> {
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(addrs.len());
    let walk = |part: usize, step: usize| -> Walked {
        let mut groups = Groups::new(searcher, fields)?;
        let mut out = Vec::new();
        for i in (part..addrs.len()).step_by(step) {
            let g = groups.of(addrs[i])?;
            out.push((i, g.key.clone(), g.members.len()));
        }
        Ok(out)
    };
    let parts: Vec<Walked> = if threads <= 1 {
        vec![walk(0, 1)]
    } else {
        std::thread::scope(|s| {
            let handles: Vec<_> = (0..threads)
                .map(|t| s.spawn(move || walk(t, threads)))
                .collect();
            handles
                .into_iter()
                .map(|h| h.join().expect("group walk thread"))
                .collect()
        })
    };
    let mut out = vec![(String::new(), 1); addrs.len()];
    for part in parts {
        for (i, key, size) in part? {
            out[i] = (key, size);
        }
    }
    Ok(out)
}

//! Near-duplicate groups at search time: an article's group and members.
//!
//! `newsdex-index` computes every group once per run and writes them beside
//! the index ([`crate::index::group_table`]); a search reads them from there,
//! or computes the same table in memory when the written one is missing or
//! stale. A group is named after its earliest member (by date, then id), so
//! every member reports the same `group`; an article with no near-duplicate
//! is a group of its own, named after itself.

use super::SearchError;
use crate::index::group_table::GroupTable;
use crate::index::schema::Fields;
use tantivy::schema::Value;
use tantivy::{DocAddress, Searcher, TantivyDocument};

#[derive(Debug, Clone)]
pub struct Group {
    /// Id of the earliest member.
    pub key: String,
    /// Members, earliest first.
    pub members: Vec<DocAddress>,
}

/// The group of the article at `a`.
pub fn of(
    table: &GroupTable,
    searcher: &Searcher,
    fields: &Fields,
    a: DocAddress,
) -> Result<Group, SearchError> {
    if let Some((key, members)) = table.members(a) {
        return Ok(Group {
            key: key.to_string(),
            members,
        });
    }
    let doc: TantivyDocument = searcher.doc(a)?;
    let key = doc
        .get_first(fields.id)
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default();
    Ok(Group {
        key,
        members: vec![a],
    })
}

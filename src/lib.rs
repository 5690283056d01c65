//! newsdex: a search engine for news archives, with entity facets.
//!
//! The pipeline, top to bottom:
//! - [`walk`]: which files of an archive to read, and which to skip;
//! - [`formats`]: text pages, header blocks, Markdown, JSON, JSON Lines, gzip;
//! - [`dates`] and [`dateline`]: when and where a story was filed;
//! - [`entities`]: the countries, persons and organisations it names;
//! - [`dedup`]: near-duplicate signatures, for syndicated and reissued stories;
//! - [`index`]: the tantivy schema (from `schema/fields.tsv`), the parallel
//!   writer and the incremental state;
//! - [`search`]: queries, filters, facets, snippets;
//! - [`render`]: human and JSON output.
//!
//! The binaries only parse flags into an [`index::IndexRequest`] or a
//! [`search::SearchRequest`] and render what comes back.

pub mod article;
pub mod dateline;
pub mod dates;
pub mod dedup;
pub mod entities;
pub mod eval;
pub mod formats;
pub mod index;
pub mod lexicon;
pub mod render;
pub mod search;
pub mod walk;

pub use article::Article;

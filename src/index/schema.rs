//! The tantivy schema, built from `schema/fields.tsv`.
//!
//! The field list lives in one data file; this module turns it into a
//! tantivy [`Schema`], the handles the writer and searcher use, the facet
//! dimensions `--facets` accepts and the query boosts. A field the code
//! needs but the file lacks is a build-time bug, caught by a unit test.

use crate::lexicon;
use tantivy::schema::{
    DateOptions, DateTimePrecision, FacetOptions, Field, IndexRecordOption, NumericOptions, Schema,
    TextFieldIndexing, TextOptions, STORED, STRING,
};

/// Bumped whenever `schema/fields.tsv` or the meaning of a field changes;
/// an index with another version is refused, never misread.
pub const SCHEMA_VERSION: u32 = 5;

/// The tantivy facet field that holds every facet dimension.
pub const FACET_FIELD: &str = "facets";
/// The untokenized field holding folded `dim:value` keys for filters.
pub const KEYS_FIELD: &str = "keys";

/// Apply the `stored`, `indexed` and `fast` flags to date and numeric
/// options, which share those setters but no trait.
macro_rules! with_flags {
    ($opts:expr, $has:expr) => {{
        let mut o = $opts;
        if $has("stored") {
            o = o.set_stored();
        }
        if $has("indexed") {
            o = o.set_indexed();
        }
        if $has("fast") {
            o = o.set_fast();
        }
        o
    }};
}

/// One facet dimension from the field list.
#[derive(Debug, Clone)]
pub struct FacetDim {
    pub name: String,
    /// Also indexed folded, so filters ignore case and accents.
    pub keyed: bool,
    pub description: String,
}

/// Field handles and derived facts for one schema.
#[derive(Debug, Clone)]
pub struct Fields {
    pub schema: Schema,
    pub id: Field,
    pub path: Field,
    pub title: Field,
    pub lede: Field,
    pub body: Field,
    pub date: Field,
    pub url: Field,
    pub authors: Field,
    /// Near-duplicate band values ([`crate::dedup`]).
    pub dup: Field,
    pub facets: Field,
    pub keys: Field,
    /// Text fields with their query boosts, in file order.
    pub text_fields: Vec<(Field, f32)>,
    pub facet_dims: Vec<FacetDim>,
}

impl Fields {
    /// Build the schema from the embedded (or overridden) `fields.tsv`.
    pub fn new() -> Fields {
        let text = lexicon::file("fields.tsv");
        let mut b = Schema::builder();
        let mut text_fields_named = Vec::new();
        let mut facet_dims = Vec::new();
        for row in lexicon::rows(&text) {
            let cols: Vec<&str> = row.split('\t').collect();
            let (name, kind, flags) = (
                cols[0].trim(),
                cols[1].trim(),
                cols.get(2).copied().unwrap_or(""),
            );
            let flags: Vec<&str> = flags.split(',').map(str::trim).collect();
            let has = |f: &str| flags.contains(&f);
            let boost = flags
                .iter()
                .find_map(|f| f.strip_prefix("boost="))
                .and_then(|b| b.parse::<f32>().ok())
                .unwrap_or(1.0);
            match kind {
                "text" => {
                    let mut opts = TextOptions::default();
                    if has("indexed") {
                        opts = opts.set_indexing_options(
                            TextFieldIndexing::default()
                                .set_tokenizer("en_stem")
                                .set_index_option(IndexRecordOption::WithFreqsAndPositions),
                        );
                    }
                    if has("stored") {
                        opts = opts.set_stored();
                    }
                    b.add_text_field(name, opts);
                    text_fields_named.push((name.to_string(), boost));
                }
                "string" => {
                    let opts = match (has("indexed"), has("stored")) {
                        (true, true) => STRING | STORED,
                        (true, false) => STRING,
                        (false, _) => TextOptions::default().set_stored(),
                    };
                    b.add_text_field(name, opts);
                }
                "date" => {
                    let opts = DateOptions::default().set_precision(DateTimePrecision::Seconds);
                    b.add_date_field(name, with_flags!(opts, has));
                }
                "u64" => {
                    b.add_u64_field(name, with_flags!(NumericOptions::default(), has));
                }
                "facet" => facet_dims.push(FacetDim {
                    name: name.to_string(),
                    keyed: has("keyed"),
                    description: cols.get(3).unwrap_or(&"").trim().to_string(),
                }),
                other => panic!("schema/fields.tsv: unknown kind `{other}` for `{name}`"),
            }
        }
        b.add_facet_field(FACET_FIELD, FacetOptions::default().set_stored());
        b.add_text_field(KEYS_FIELD, STRING);
        let schema = b.build();
        let f = |n: &str| {
            schema
                .get_field(n)
                .unwrap_or_else(|_| panic!("schema/fields.tsv must define `{n}`"))
        };
        Fields {
            id: f("id"),
            path: f("path"),
            title: f("title"),
            lede: f("lede"),
            body: f("body"),
            date: f("date"),
            url: f("url"),
            authors: f("authors"),
            dup: f("dup"),
            facets: f(FACET_FIELD),
            keys: f(KEYS_FIELD),
            text_fields: text_fields_named.iter().map(|(n, b)| (f(n), *b)).collect(),
            facet_dims,
            schema,
        }
    }

    pub fn facet_names(&self) -> Vec<&str> {
        self.facet_dims.iter().map(|d| d.name.as_str()).collect()
    }

    pub fn has_facet(&self, name: &str) -> bool {
        self.facet_dims.iter().any(|d| d.name == name)
    }
}

impl Default for Fields {
    fn default() -> Self {
        Fields::new()
    }
}

/// The folded filter key for a facet value: `person:recep tayyip erdogan`.
pub fn facet_key(dim: &str, value: &str) -> String {
    format!("{dim}:{}", lexicon::fold(value.trim()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn field_list_builds() {
        let f = Fields::new();
        assert_eq!(
            f.facet_names(),
            ["country", "person", "org", "section", "source", "date"]
        );
        assert!(f
            .text_fields
            .iter()
            .any(|(field, boost)| *field == f.title && *boost > 1.0));
    }
}

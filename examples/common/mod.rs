//! What the speed examples share: the articles of one JSON Lines archive,
//! read with newsdex's own parser, so that each example times only the
//! stage it is about.

use newsdex::article::Article;
use newsdex::formats::{json, FieldMap, SourceInfo};
use std::io::Read;

/// Every article of the JSON Lines archive at `path` (plain or gzipped);
/// lines that are no article are left out. On a read error, `tool` names
/// the example in the message and the process exits with 2.
pub fn articles(path: &str, tool: &str) -> Vec<Article> {
    let bytes = std::fs::read(path).unwrap_or_else(|e| {
        eprintln!("{tool}: {path}: {e}");
        std::process::exit(2)
    });
    let text = if newsdex::formats::decode::is_gzip(&bytes) {
        let mut s = String::new();
        flate2::read::MultiGzDecoder::new(&bytes[..])
            .read_to_string(&mut s)
            .expect("gzip");
        s
    } else {
        String::from_utf8_lossy(&bytes).into_owned()
    };
    let fmap = FieldMap::new(&[]).expect("default field map");
    let info = SourceInfo {
        rel_path: path,
        file_name: path,
        neighbour: None,
        mtime: None,
        fields: &fmap,
    };
    text.lines()
        .enumerate()
        .filter_map(|(i, l)| json::parse_line(l, &info, i + 1).0.ok())
        .collect()
}

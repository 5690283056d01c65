//! What the speed examples share: their command line (an archive, a
//! number of rounds, flags) and the articles of one JSON Lines archive,
//! read with newsdex's own parser, so that each example times only the
//! stage it is about.

use newsdex::article::Article;
use newsdex::formats::{json, FieldMap, SourceInfo};
use std::io::Read;

/// The command line `ARCHIVE [ROUNDS] [FLAGS...]`: the archive's path, the
/// rounds (default 3) and whether each of `flags` was given. Without an
/// archive, prints `usage` and exits with 2.
pub fn command_line<const N: usize>(usage: &str, flags: [&str; N]) -> (String, usize, [bool; N]) {
    let mut args = std::env::args().skip(1);
    let Some(path) = args.next() else {
        eprintln!("usage: {usage}");
        std::process::exit(2);
    };
    let rest: Vec<String> = args.collect();
    let rounds = rest.iter().find_map(|r| r.parse().ok()).unwrap_or(3);
    (path, rounds, flags.map(|f| rest.iter().any(|a| a == f)))
}

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

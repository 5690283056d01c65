//! `newsdex-search`: ranked, filtered, faceted search of a newsdex index.
//!
//! Parses flags into a [`SearchRequest`], runs it and renders the results
//! for a person or, with `--json`, for a program. Exit codes follow grep:
//! 0 with hits, 1 with none, 2 on error.

use clap::Parser;
use newsdex::index;
use newsdex::render::{self, Style};
use newsdex::search::{self, Filters, SearchRequest, Sort};
use std::io::{IsTerminal, Write};
use std::path::PathBuf;

/// Search a news archive indexed by newsdex-index.
///
/// QUERY uses BM25 ranking with AND between words. It supports "phrases",
/// title:word and body:word, prefixes (ceasefir*), OR, -word (or NOT word)
/// and parentheses. An empty query or * matches every article.
#[derive(Parser, Debug)]
#[command(
    name = "newsdex-search",
    version,
    after_help = "Exit status: 0 hits found, 1 no hits, 2 error."
)]
struct Args {
    /// The query; empty or * matches every article.
    #[arg(value_name = "QUERY", default_value = "")]
    query: String,

    /// Index directory [default: $NEWSDEX_INDEX, else ~/.local/share/newsdex/index]
    #[arg(long, value_name = "DIR")]
    index: Option<PathBuf>,

    /// Only articles about this country: name, alias, demonym or ISO code (repeatable; all must match).
    #[arg(long, value_name = "NAME")]
    country: Vec<String>,

    /// Only articles naming this person; part of a name matches (repeatable).
    #[arg(long, value_name = "NAME")]
    person: Vec<String>,

    /// Only articles naming this organisation (repeatable).
    #[arg(long, value_name = "NAME")]
    org: Vec<String>,

    /// Only articles from this section (repeatable).
    #[arg(long, value_name = "NAME")]
    section: Vec<String>,

    /// Only articles from this source (repeatable).
    #[arg(long, value_name = "NAME")]
    source: Vec<String>,

    /// First day, inclusive: YYYY, YYYY-MM or YYYY-MM-DD.
    #[arg(long, value_name = "DATE")]
    from: Option<String>,

    /// Last day, inclusive: YYYY, YYYY-MM or YYYY-MM-DD.
    #[arg(long, value_name = "DATE")]
    to: Option<String>,

    /// Number of hits to show.
    #[arg(long, short = 'n', default_value_t = 10)]
    limit: usize,

    /// Hits to skip, for paging.
    #[arg(long, default_value_t = 0)]
    offset: usize,

    /// Order: relevance, newest or oldest.
    #[arg(long, default_value = "relevance")]
    sort: String,

    /// Facet counts over all matches: country, person, org, date, section, source (comma-separated).
    #[arg(long, value_name = "LIST")]
    facets: Vec<String>,

    /// Values shown per facet.
    #[arg(long, value_name = "N", default_value_t = 10)]
    facet_limit: usize,

    /// Print one JSON object instead of text.
    #[arg(long)]
    json: bool,

    /// Colour: auto, always or never.
    #[arg(long, default_value = "auto", value_parser = ["auto", "always", "never"])]
    color: String,
}

/// Turn flags into a validated request; the only place flags are read.
fn request(args: &Args) -> Result<SearchRequest, search::SearchError> {
    let from = args
        .from
        .as_deref()
        .map(|d| search::parse_date_bound("--from", d, false))
        .transpose()?;
    let to = args
        .to
        .as_deref()
        .map(|d| search::parse_date_bound("--to", d, true))
        .transpose()?;
    if let (Some(f), Some(t)) = (from, to) {
        if f > t {
            return Err(search::SearchError::Usage(format!(
                "--from {f} is after --to {t}"
            )));
        }
    }
    let countries = args
        .country
        .iter()
        .map(|c| search::resolve_country(c))
        .collect::<Result<_, _>>()?;
    Ok(SearchRequest {
        index_dir: args.index.clone().unwrap_or_else(index::default_index_dir),
        query: args.query.clone(),
        filters: Filters {
            countries,
            persons: args.person.clone(),
            orgs: args.org.clone(),
            sections: args.section.clone(),
            sources: args.source.clone(),
            from,
            to,
        },
        limit: args.limit,
        offset: args.offset,
        sort: args.sort.parse::<Sort>()?,
        facets: search::parse_facets(&args.facets)?,
        facet_limit: args.facet_limit.max(1),
        snippet_chars: 180,
    })
}

fn main() {
    let args = Args::parse();
    let code = match run(&args) {
        Ok(code) => code,
        Err(e) => {
            if let Some(io) = e.downcast_ref::<std::io::Error>() {
                if io.kind() == std::io::ErrorKind::BrokenPipe {
                    std::process::exit(0);
                }
            }
            eprintln!("newsdex-search: {e:#}");
            2
        }
    };
    std::process::exit(code);
}

fn run(args: &Args) -> anyhow::Result<i32> {
    let req = request(args)?;
    let results = search::search(&req)?;
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    if args.json {
        render::json(&mut out, &results)?;
    } else {
        let color = match args.color.as_str() {
            "always" => true,
            "never" => false,
            _ => {
                std::io::stdout().is_terminal()
                    && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
            }
        };
        render::human(&mut out, &results, req.offset, Style { color })?;
    }
    out.flush()?;
    Ok(if results.total > 0 { 0 } else { 1 })
}

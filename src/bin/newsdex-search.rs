//! `newsdex-search`: ranked, filtered, faceted search of a newsdex index.
//!
//! Parses flags into a [`SearchRequest`], runs it and renders the results
//! for a person or, with `--json`, for a program. Exit codes follow grep:
//! 0 with hits, 1 with none, 2 on error.

use clap::{CommandFactory, Parser};
use newsdex::index;
use newsdex::render::{self, Style};
use newsdex::search::{self, Filters, Interval, SearchError, SearchRequest, Sort};
use std::io::{IsTerminal, Write};
use std::path::PathBuf;

#[path = "shared/generate.rs"]
mod generate;

/// Search a news archive indexed by newsdex-index.
///
/// QUERY uses BM25 ranking with AND between words. It supports "phrases",
/// title:word and body:word, prefixes (ceasefir*), OR, -word (or NOT word)
/// and parentheses. An empty query or * matches every article.
#[derive(Parser, Debug)]
#[command(
    name = "newsdex-search",
    version,
    after_help = "Exit status: 0 hits found, 1 no hits (or no such id), 2 error.",
    group = clap::ArgGroup::new("mode").multiple(false).args(["like", "show", "dupes", "stats", "facet_prefix"])
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

    /// Only articles naming this organisation: a name, an alias (IMF, Fed) or part of a name (repeatable).
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

    /// Print one JSON object instead of text (same as --format json).
    #[arg(long)]
    json: bool,

    /// Output: human, json, or csv (hits only, RFC 4180, with a header row).
    #[arg(long, value_name = "FORMAT", value_parser = ["human", "json", "csv"])]
    format: Option<String>,

    /// Hit fields to print, comma-separated (id, path, title, lede, date, section, source, url, authors, countries, persons, orgs, score, snippet, highlights, group, group_size).
    #[arg(long, value_name = "LIST")]
    fields: Vec<String>,

    /// Count matches per calendar bucket (year, month, ISO week or day), empty buckets kept.
    #[arg(long, visible_alias = "timeline", value_name = "INTERVAL")]
    histogram: Option<String>,

    /// One hit per near-duplicate group (the best-ranked), with "+N similar".
    #[arg(long)]
    collapse: bool,

    /// List the near-duplicate group of the article with this id, earliest first.
    #[arg(long, value_name = "ID")]
    dupes: Option<String>,

    /// Articles like the one with this id (more-like-this over title and body); filters apply.
    #[arg(long, value_name = "ID")]
    like: Option<String>,

    /// Print the article with this id in full: metadata, entities and text.
    #[arg(long, value_name = "ID")]
    show: Option<String>,

    /// An overview of the index: counts, dates, articles per year, top entities, size.
    #[arg(long)]
    stats: bool,

    /// Facet values starting with a prefix, with counts over the matches: person:Erd (case and accents ignored).
    #[arg(long, value_name = "FACET:PREFIX")]
    facet_prefix: Option<String>,

    /// Print shell completions (bash, zsh, fish, elvish, powershell) or the man page (man) and exit.
    #[arg(long, value_name = "WHAT", hide = true, value_parser = generate::TARGETS)]
    generate: Option<String>,

    /// Colour: auto, always or never.
    #[arg(long, default_value = "auto", value_parser = ["auto", "always", "never"])]
    color: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Format {
    Human,
    Json,
    Csv,
}

/// What the flags ask for.
#[derive(Debug)]
enum Action {
    Search(SearchRequest),
    FacetPrefix {
        search: SearchRequest,
        dim: String,
        prefix: String,
    },
    Show(String),
    Dupes(String),
    Stats,
}

#[derive(Debug)]
struct Request {
    action: Action,
    index_dir: PathBuf,
    format: Format,
    /// Hit fields to print; empty means the default view.
    fields: Vec<String>,
    facet_limit: usize,
}

/// Turn flags into a validated request; the only place flags are read.
fn request(args: &Args) -> Result<Request, SearchError> {
    let usage = |m: String| SearchError::Usage(m);
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
            return Err(usage(format!("--from {f} is after --to {t}")));
        }
    }
    for (flag, values) in [
        ("--person", &args.person),
        ("--org", &args.org),
        ("--section", &args.section),
        ("--source", &args.source),
    ] {
        if values.iter().any(|v| v.trim().is_empty()) {
            return Err(usage(format!("{flag} needs a name, not an empty value")));
        }
    }
    let countries = args
        .country
        .iter()
        .map(|c| search::resolve_country(c))
        .collect::<Result<_, _>>()?;
    let format = match (args.format.as_deref(), args.json) {
        (Some("csv"), true) => {
            return Err(usage("--json and --format csv disagree; pick one".into()))
        }
        (Some("json"), _) | (None, true) => Format::Json,
        (Some("csv"), false) => Format::Csv,
        (Some("human"), true) => {
            return Err(usage("--json and --format human disagree; pick one".into()))
        }
        _ => Format::Human,
    };
    let mut fields = render::parse_fields(&args.fields)?;
    if format == Format::Csv && fields.is_empty() {
        fields = render::CSV_DEFAULT.iter().map(|f| f.to_string()).collect();
    }
    let index_dir = args.index.clone().unwrap_or_else(index::default_index_dir);
    let search = SearchRequest {
        index_dir: index_dir.clone(),
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
        like: args.like.clone(),
        collapse: args.collapse,
        histogram: args
            .histogram
            .as_deref()
            .map(str::parse::<Interval>)
            .transpose()?,
    };
    let hitless = |flag: &str| -> Result<(), SearchError> {
        if format == Format::Csv || !args.fields.is_empty() {
            return Err(usage(format!(
                "{flag} prints no hit list, so --format csv and --fields do not apply"
            )));
        }
        Ok(())
    };
    let action = if let Some(id) = &args.show {
        hitless("--show")?;
        Action::Show(id.clone())
    } else if let Some(id) = &args.dupes {
        Action::Dupes(id.clone())
    } else if args.stats {
        hitless("--stats")?;
        Action::Stats
    } else if let Some(spec) = &args.facet_prefix {
        hitless("--facet-prefix")?;
        let Some((dim, prefix)) = spec.split_once(':') else {
            return Err(usage(format!(
                "bad --facet-prefix `{spec}`; use FACET:PREFIX, e.g. person:Erd"
            )));
        };
        Action::FacetPrefix {
            search,
            dim: dim.trim().to_string(),
            prefix: prefix.to_string(),
        }
    } else {
        Action::Search(search)
    };
    Ok(Request {
        action,
        index_dir,
        format,
        fields,
        facet_limit: args.facet_limit.max(1),
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
    if let Some(target) = &args.generate {
        let mut out = std::io::stdout().lock();
        generate::generate(Args::command(), target, &mut out)?;
        return Ok(0);
    }
    let req = request(args)?;
    let color = match args.color.as_str() {
        "always" => true,
        "never" => false,
        _ => {
            std::io::stdout().is_terminal()
                && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
        }
    };
    let style = Style { color };
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let found = match &req.action {
        Action::Search(s) => {
            let archive = search::Archive::open(&s.index_dir)?;
            let found = match archive.search(s) {
                Ok(results) => {
                    hits(&mut out, &req, &results, s.offset, style)?;
                    // After the hits, so that a note is the last thing seen.
                    out.flush()?;
                    for note in &results.notes {
                        eprintln!("newsdex-search: note: {note}");
                    }
                    results.total > 0
                }
                Err(e @ SearchError::NotFound(_)) => return not_found(e),
                Err(e) => return Err(e.into()),
            };
            // The process ends right after this; unmapping every segment
            // file first would only add to the wait (README, Performance).
            std::mem::forget(archive);
            found
        }
        Action::Dupes(id) => match search::dupes(&req.index_dir, id, 180) {
            Ok(results) => {
                hits(&mut out, &req, &results, 0, style)?;
                true
            }
            Err(e @ SearchError::NotFound(_)) => return not_found(e),
            Err(e) => return Err(e.into()),
        },
        Action::Show(id) => match search::show(&req.index_dir, id) {
            Ok(shown) if req.format == Format::Json => {
                render::show_json(&mut out, &shown)?;
                true
            }
            Ok(shown) => {
                render::show(&mut out, &shown, style)?;
                true
            }
            Err(e @ SearchError::NotFound(_)) => return not_found(e),
            Err(e) => return Err(e.into()),
        },
        Action::Stats => {
            let stats = search::stats(&req.index_dir, req.facet_limit)?;
            if req.format == Format::Json {
                render::stats_json(&mut out, &stats)?;
            } else {
                render::stats(&mut out, &stats, style)?;
            }
            stats.articles > 0
        }
        Action::FacetPrefix {
            search: s,
            dim,
            prefix,
        } => {
            let values = search::facet_prefix(s, dim, prefix)?;
            if req.format == Format::Json {
                render::facet_prefix_json(&mut out, dim, prefix, &values)?;
            } else {
                render::facet_list(&mut out, &values)?;
            }
            !values.is_empty()
        }
    };
    out.flush()?;
    Ok(if found { 0 } else { 1 })
}

/// A hit list in the requested format.
fn hits(
    out: &mut impl Write,
    req: &Request,
    results: &search::SearchResults,
    offset: usize,
    style: Style,
) -> std::io::Result<()> {
    match req.format {
        Format::Json => render::json(out, results, &req.fields),
        Format::Csv => render::csv(out, &results.hits, &req.fields),
        Format::Human => render::human(out, results, offset, &req.fields, style),
    }
}

/// An unknown id is "nothing found" (exit 1), explained on stderr.
fn not_found(e: SearchError) -> anyhow::Result<i32> {
    eprintln!("newsdex-search: {e}");
    Ok(1)
}

//! Which files of an archive to read.
//!
//! Walks each PATH recursively in a stable order, skips hidden entries and
//! files whose extension says they are not articles (images, PDFs, office
//! files), and reports every entry it cannot visit instead of stopping.
//! Symlinks are followed only when asked, and then walkdir's loop detection
//! turns a cycle into a reported problem.

use std::path::{Path, PathBuf};
use std::time::SystemTime;

/// A file to read.
#[derive(Debug, Clone)]
pub struct SourceFile {
    pub path: PathBuf,
    /// Path relative to the PATH argument it was found under (the file name
    /// when the argument is the file itself), with `/` separators.
    pub rel: String,
    pub size: u64,
    pub mtime: Option<SystemTime>,
    /// Whether the content is gzip-compressed (by extension).
    pub gzip: bool,
}

/// An entry the walk could not use.
#[derive(Debug, Clone)]
pub struct WalkProblem {
    pub path: PathBuf,
    pub reason: String,
    /// Counted as skipped (by choice) rather than failed (an error).
    pub skipped: bool,
}

/// Extensions that are never articles; skipped quietly and counted.
const NOT_ARTICLES: &[&str] = &[
    "png", "jpg", "jpeg", "gif", "webp", "svg", "ico", "bmp", "tif", "tiff", "pdf", "doc", "docx",
    "xls", "xlsx", "ppt", "pptx", "zip", "tar", "tgz", "bz2", "xz", "7z", "rar", "mp3", "mp4",
    "wav", "avi", "mov", "exe", "dll", "so", "bin", "db", "sqlite", "css", "js", "lock",
];

fn is_hidden(name: &str) -> bool {
    name.starts_with('.') && name != "." && name != ".."
}

/// Walk `roots` and call `visit` with each file or problem, in path order.
pub fn walk(
    roots: &[PathBuf],
    follow: bool,
    visit: &mut dyn FnMut(Result<SourceFile, WalkProblem>),
) {
    for root in roots {
        let meta = if follow {
            std::fs::metadata(root)
        } else {
            std::fs::symlink_metadata(root)
        };
        if let Err(e) = meta {
            visit(Err(WalkProblem {
                path: root.clone(),
                reason: io_reason(&e),
                skipped: false,
            }));
            continue;
        }
        let base: &Path = if root.is_dir() {
            root
        } else {
            root.parent().unwrap_or(Path::new(""))
        };
        let walker = walkdir::WalkDir::new(root)
            .follow_links(follow)
            .sort_by_file_name()
            .into_iter()
            .filter_entry(|e| e.depth() == 0 || !is_hidden(&e.file_name().to_string_lossy()));
        for entry in walker {
            let entry = match entry {
                Ok(e) => e,
                Err(e) => {
                    let path = e
                        .path()
                        .map(Path::to_path_buf)
                        .unwrap_or_else(|| root.clone());
                    let reason = if e.loop_ancestor().is_some() {
                        "symlink loop".to_string()
                    } else if let Some(io) = e.io_error() {
                        io_reason(io)
                    } else {
                        e.to_string()
                    };
                    visit(Err(WalkProblem {
                        path,
                        reason,
                        skipped: false,
                    }));
                    continue;
                }
            };
            let ft = entry.file_type();
            if ft.is_dir() {
                continue;
            }
            if ft.is_symlink() {
                visit(Err(WalkProblem {
                    path: entry.path().to_path_buf(),
                    reason: "symlink (use --follow)".into(),
                    skipped: true,
                }));
                continue;
            }
            if !ft.is_file() {
                continue;
            }
            let name = entry.file_name().to_string_lossy();
            let lower = name.to_ascii_lowercase();
            let gzip = lower.ends_with(".gz");
            let inner = lower.trim_end_matches(".gz");
            let ext = inner.rsplit_once('.').map(|(_, e)| e).unwrap_or("");
            if NOT_ARTICLES.contains(&ext) {
                visit(Err(WalkProblem {
                    path: entry.path().to_path_buf(),
                    reason: "binary".into(),
                    skipped: true,
                }));
                continue;
            }
            if crate::formats::Format::from_name(inner).is_none() {
                visit(Err(WalkProblem {
                    path: entry.path().to_path_buf(),
                    reason: format!("unsupported extension .{ext}"),
                    skipped: true,
                }));
                continue;
            }
            let meta = match entry.metadata() {
                Ok(m) => m,
                Err(e) => {
                    visit(Err(WalkProblem {
                        path: entry.path().to_path_buf(),
                        reason: e.io_error().map(io_reason).unwrap_or_else(|| e.to_string()),
                        skipped: false,
                    }));
                    continue;
                }
            };
            let rel = entry
                .path()
                .strip_prefix(base)
                .unwrap_or(entry.path())
                .to_string_lossy()
                .replace('\\', "/");
            visit(Ok(SourceFile {
                path: entry.path().to_path_buf(),
                rel,
                size: meta.len(),
                mtime: meta.modified().ok(),
                gzip,
            }));
        }
    }
}

/// A short, stable reason for an I/O error ("permission denied").
pub fn io_reason(e: &std::io::Error) -> String {
    use std::io::ErrorKind::*;
    match e.kind() {
        NotFound => "no such file or directory".into(),
        PermissionDenied => "permission denied".into(),
        _ => {
            let s = e.to_string();
            // drop " (os error N)"
            match s.find(" (os error") {
                Some(p) => s[..p].to_lowercase(),
                None => s,
            }
        }
    }
}

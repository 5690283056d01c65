//! Markdown with YAML front matter, as static-site generators and CMS
//! exports write it.
//!
//! Only the flat part of YAML that front matter uses is read: `key: value`,
//! quoted strings, inline `[a, b]` lists and `- item` block lists. Nested
//! maps are skipped rather than misread.

use super::text::{split_list, take_lede_and_body};
use super::{apply_slot, first_line_title, paragraphs, resolve_date, DateHints, Slot, SourceInfo};
use crate::article::Article;
use crate::dates::DateError;

/// Front matter as key/value pairs, plus the Markdown body after it.
pub fn split_front_matter(text: &str) -> (Vec<(String, Vec<String>)>, &str) {
    let t = text.trim_start_matches('\u{feff}');
    let Some(rest) = t.strip_prefix("---") else {
        return (Vec::new(), t);
    };
    let rest = rest.trim_start_matches([' ', '\t']);
    let Some(rest) = rest
        .strip_prefix('\n')
        .or_else(|| rest.strip_prefix("\r\n"))
    else {
        return (Vec::new(), t);
    };
    let mut end = None;
    let mut pos = 0;
    for line in rest.split_inclusive('\n') {
        let l = line.trim_end();
        if l == "---" || l == "..." {
            end = Some((pos, pos + line.len()));
            break;
        }
        pos += line.len();
    }
    let Some((yaml_end, body_start)) = end else {
        return (Vec::new(), t);
    };
    (parse_yaml(&rest[..yaml_end]), &rest[body_start..])
}

fn parse_yaml(yaml: &str) -> Vec<(String, Vec<String>)> {
    let mut out: Vec<(String, Vec<String>)> = Vec::new();
    for line in yaml.lines() {
        if line.trim().is_empty() || line.trim_start().starts_with('#') {
            continue;
        }
        let indented = line.starts_with([' ', '\t']);
        let trimmed = line.trim();
        if indented || trimmed.starts_with("- ") {
            // Block list item under the previous key.
            if let (Some(item), Some(last)) = (trimmed.strip_prefix("- "), out.last_mut()) {
                last.1.push(unquote(item).to_string());
            }
            continue;
        }
        let Some((key, value)) = trimmed.split_once(':') else {
            continue;
        };
        let value = value.trim();
        let values = if value.starts_with('[') {
            split_list(value)
        } else if value.is_empty() || value == "|" || value == ">" {
            Vec::new()
        } else {
            vec![unquote(value).to_string()]
        };
        out.push((key.trim().to_string(), values));
    }
    out
}

fn unquote(s: &str) -> &str {
    let s = s.trim();
    for q in ['"', '\''] {
        if s.len() >= 2 && s.starts_with(q) && s.ends_with(q) {
            return &s[1..s.len() - 1];
        }
    }
    s
}

pub fn parse(text: &str, info: &SourceInfo<'_>) -> (Article, Vec<DateError>) {
    let (front, body) = split_front_matter(text);
    let mut article = Article {
        id: info.rel_path.to_string(),
        path: info.rel_path.to_string(),
        ..Article::default()
    };
    let mut hints = DateHints::default();
    let mut problems = Vec::new();
    for (key, values) in &front {
        let Some((slot, _)) = info.fields.slot_of(key) else {
            continue;
        };
        let Some(first) = values.first().cloned().filter(|v| !v.is_empty()) else {
            continue;
        };
        // The body comes after the front matter, never from it.
        if slot != Slot::Body {
            apply_slot(
                &mut article,
                &mut hints,
                &mut problems,
                slot,
                &first,
                || values.clone(),
            );
        }
    }
    let clean = strip_markup(body);
    let mut paras = paragraphs(&clean);
    // A leading "# Heading" is the title when front matter gave none.
    if let Some(first) = paras.first() {
        if let Some(h) = first.strip_prefix("# ") {
            if article.title.is_empty() {
                article.title = h.trim().to_string();
            }
            paras.remove(0);
        }
    }
    take_lede_and_body(&mut article, &paras);
    if article.title.is_empty() {
        article.title = first_line_title(&clean);
    }
    resolve_date(&mut article, hints, info);
    (article, problems)
}

/// Drop the Markdown that would pollute search and snippets: emphasis
/// markers, link targets and image lines. Headings keep their text.
fn strip_markup(body: &str) -> String {
    let mut out = String::with_capacity(body.len());
    for line in body.lines() {
        let l = line.trim_start();
        if l.starts_with("![") {
            continue;
        }
        let l = if l.starts_with("## ") || l.starts_with("### ") || l.starts_with("#### ") {
            l.trim_start_matches('#').trim_start()
        } else {
            line
        };
        let mut chars = l.chars().peekable();
        while let Some(c) = chars.next() {
            match c {
                '*' | '_' if chars.peek() == Some(&c) => {
                    chars.next();
                }
                '*' => {}
                ']' if chars.peek() == Some(&'(') => {
                    // skip "(target)"
                    for c2 in chars.by_ref() {
                        if c2 == ')' {
                            break;
                        }
                    }
                }
                '[' => {}
                _ => out.push(c),
            }
        }
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::formats::FieldMap;

    #[test]
    fn front_matter_article() {
        let f = FieldMap::new(&[]).unwrap();
        let info = SourceInfo {
            rel_path: "blog/a.md",
            file_name: "a.md",
            neighbour: None,
            mtime: None,
            fields: &f,
        };
        let text = "---\ntitle: \"Grid upgrade\"\ndate: 2023-05-04T10:00:00+02:00\ncategories: [Science, Energy]\ntags:\n  - grid\n  - solar\nauthor: Jane Roe\nurl: https://e.org/x\n---\n\nThe grid is **ageing** and [needs](http://x) work.\n\nSecond paragraph.\n";
        let (a, p) = parse(text, &info);
        assert!(p.is_empty());
        assert_eq!(a.title, "Grid upgrade");
        assert_eq!(a.date.unwrap().display(), "2023-05-04T08:00:00Z");
        assert_eq!(a.section.as_deref(), Some("Science"));
        assert_eq!(a.tags, vec!["grid", "solar"]);
        assert_eq!(a.authors, vec!["Jane Roe"]);
        assert_eq!(a.lede, "The grid is ageing and needs work.");
        assert_eq!(a.body, "Second paragraph.");
    }

    #[test]
    fn unterminated_front_matter_is_body() {
        let (front, body) = split_front_matter("---\ntitle: x\nno end");
        assert!(front.is_empty());
        assert!(body.starts_with("---"));
    }
}

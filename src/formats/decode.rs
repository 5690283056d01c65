//! Bytes to text: gzip, byte-order marks, legacy encodings and binary sniffing.
//!
//! Old CMS exports are Windows-1252, some tools write UTF-16, downloads get
//! cut off mid-gzip, and archives hold PDFs and images under `.txt` names.
//! This module turns whatever bytes a file holds into UTF-8 text, or says
//! precisely why it cannot, and notes any repair it made so the run can
//! report it.

use std::io::Read;

/// Text recovered from a file, with a note when it needed repair.
#[derive(Debug)]
pub struct Decoded {
    pub text: String,
    pub notes: Vec<String>,
}

/// Why a file's bytes were not turned into text.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DecodeSkip {
    #[error("empty")]
    Empty,
    #[error("binary")]
    Binary,
}

/// Read a whole stream, keeping what arrived before an error. Returns the
/// bytes and the error that cut them short, if any (a truncated gzip).
pub fn read_lossy<R: Read>(mut r: R, limit: u64) -> (Vec<u8>, Option<std::io::Error>) {
    let mut buf = Vec::new();
    let mut chunk = vec![0u8; 64 * 1024];
    loop {
        match r.read(&mut chunk) {
            Ok(0) => return (buf, None),
            Ok(n) => {
                buf.extend_from_slice(&chunk[..n]);
                if buf.len() as u64 > limit {
                    let err = std::io::Error::other(format!("larger than {} MB", limit >> 20));
                    return (buf, Some(err));
                }
            }
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(e) => return (buf, Some(e)),
        }
    }
}

/// Whether bytes start with the gzip signature.
pub fn is_gzip(bytes: &[u8]) -> bool {
    bytes.starts_with(b"\x1F\x8B")
}

/// The reason to report for an error while inflating gzip: a download cut
/// short, damaged data, or a stream past the size limit of [`read_lossy`].
pub fn gzip_reason(e: &std::io::Error) -> &'static str {
    match e.kind() {
        std::io::ErrorKind::UnexpectedEof => "truncated gzip",
        std::io::ErrorKind::Other => "too large",
        _ => "corrupt gzip",
    }
}

const MAGIC: [&[u8]; 8] = [
    b"%PDF",
    b"\x89PNG",
    b"\xFF\xD8\xFF",
    b"GIF8",
    b"PK\x03\x04",
    b"\x7FELF",
    b"\x1F\x8B",
    b"RIFF",
];

/// True when the bytes are clearly not text: a known binary signature, or
/// NUL bytes or many control characters near the start.
pub fn looks_binary(bytes: &[u8]) -> bool {
    if MAGIC.iter().any(|m| bytes.starts_with(m)) {
        return true;
    }
    let head = &bytes[..bytes.len().min(8192)];
    if head.contains(&0) {
        return true;
    }
    let controls = head
        .iter()
        .filter(|&&b| b < 0x20 && !matches!(b, b'\n' | b'\r' | b'\t' | 0x0C))
        .count();
    controls * 20 > head.len().max(1)
}

/// Turn file bytes into text. UTF-8 (with or without BOM) passes through;
/// UTF-16 needs its BOM; other non-UTF-8 text is read as Windows-1252 (a
/// superset of Latin-1) unless it also holds valid multi-byte UTF-8, in which
/// case it is mixed and bad bytes become U+FFFD.
pub fn decode(bytes: &[u8]) -> Result<Decoded, DecodeSkip> {
    let mut notes = Vec::new();
    if let Some((enc, bom_len)) = encoding_rs::Encoding::for_bom(bytes) {
        let (text, had_errors) = enc.decode_without_bom_handling(&bytes[bom_len..]);
        if enc != encoding_rs::UTF_8 {
            notes.push(format!("decoded from {}", enc.name()));
        }
        if had_errors {
            notes.push("invalid bytes replaced".into());
        }
        return finish(text.into_owned(), notes);
    }
    if looks_binary(bytes) {
        return Err(DecodeSkip::Binary);
    }
    match std::str::from_utf8(bytes) {
        Ok(s) => finish(s.to_string(), notes),
        Err(_) => {
            if has_utf8_multibyte(bytes) {
                notes.push("invalid UTF-8 bytes replaced".into());
                finish(String::from_utf8_lossy(bytes).into_owned(), notes)
            } else {
                let (text, _, _) = encoding_rs::WINDOWS_1252.decode(bytes);
                notes.push("decoded from windows-1252".into());
                finish(text.into_owned(), notes)
            }
        }
    }
}

fn finish(text: String, notes: Vec<String>) -> Result<Decoded, DecodeSkip> {
    if text.trim().is_empty() {
        return Err(DecodeSkip::Empty);
    }
    Ok(Decoded { text, notes })
}

/// Whether the bytes contain at least one well-formed UTF-8 multi-byte
/// sequence: evidence the file is UTF-8 with some damage, not Latin-1.
fn has_utf8_multibyte(bytes: &[u8]) -> bool {
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        let len = match b {
            0xC2..=0xDF => 2,
            0xE0..=0xEF => 3,
            0xF0..=0xF4 => 4,
            _ => {
                i += 1;
                continue;
            }
        };
        if i + len <= bytes.len() && std::str::from_utf8(&bytes[i..i + len]).is_ok() {
            return true;
        }
        i += 1;
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn latin1_is_decoded_not_dropped() {
        let d = decode(b"Caf\xe9 society").unwrap();
        assert_eq!(d.text, "Café society");
        assert_eq!(d.notes, vec!["decoded from windows-1252"]);
    }

    #[test]
    fn utf16_with_bom() {
        let mut bytes = vec![0xFF, 0xFE];
        for u in "Café".encode_utf16() {
            bytes.extend_from_slice(&u.to_le_bytes());
        }
        assert_eq!(decode(&bytes).unwrap().text, "Café");
    }

    #[test]
    fn mixed_bytes_are_replaced() {
        let d = decode(
            "Café \u{2014} "
                .as_bytes()
                .iter()
                .chain(b"\xff ok")
                .copied()
                .collect::<Vec<_>>()
                .as_slice(),
        )
        .unwrap();
        assert!(d.text.contains('\u{FFFD}'));
        assert!(d.text.starts_with("Café"));
    }

    #[test]
    fn binary_and_empty() {
        assert_eq!(decode(b"%PDF-1.4\n...").unwrap_err(), DecodeSkip::Binary);
        assert_eq!(decode(b"abc\0def").unwrap_err(), DecodeSkip::Binary);
        assert_eq!(decode(b"  \n\t ").unwrap_err(), DecodeSkip::Empty);
    }
}

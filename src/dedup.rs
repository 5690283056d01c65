//! Near-duplicate signatures: how syndicated and reissued stories are found.
//!
//! Wire stories are reprinted with light edits and corrections reissue the
//! same text, so "the same story" means "most word 3-shingles in common",
//! not "same bytes". Each article's body is folded (lower case, no accents),
//! split into words, and its set of word 3-shingles is summarised by a
//! 96-value MinHash. Two articles are near-duplicates when the estimated
//! Jaccard similarity of their shingle sets (the share of equal MinHash
//! values) is at least [`THRESHOLD`].
//!
//! The 96 values are kept as 16-bit b-bit MinHashes, three per band, and
//! each band is packed with its band number into one `u64`. Those 32
//! numbers are the `dup` fast field, so the full signature of a candidate is
//! read back without touching the stored text. Articles that share a band
//! value are the candidates (locality-sensitive hashing), found by sorting
//! each band's values over the whole index. With 32 bands of 3 rows a pair at
//! Jaccard 0.5 shares a band with
//! probability 0.986, at 0.4 with 0.89, and at 0.2 with 0.23 (candidates
//! are then checked against the threshold). 96 values estimate a
//! similarity of 0.5 within ±0.05 (one standard deviation).
//!
//! A group is a connected component of the near-duplicate relation.
//! [`Components`] links candidates that share a band value;
//! `crate::index::group_table` uses it to store every group at the end of
//! each indexing run (a search computes the same table when that one is
//! missing), and [`cluster`] (through [`link`]) applies the same rule to
//! signatures in memory for the evaluation.

use crate::entities::tokens::alnum_end;
use crate::lexicon::{fold, lower_ascii8};
use xxhash_rust::xxh3::xxh3_64;

/// Number of bands (LSH buckets per article).
pub const BANDS: usize = 32;
/// MinHash values per band.
pub const ROWS: usize = 3;
/// MinHash values per signature.
pub const HASHES: usize = BANDS * ROWS;
/// Estimated Jaccard similarity at or above which two articles are
/// near-duplicates.
pub const THRESHOLD: f64 = 0.5;
/// Articles with fewer distinct shingles than this get no signature: a
/// dozen words are too few to call two texts the same story.
pub const MIN_SHINGLES: usize = 8;

/// The MinHash signature of one article.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Signature(pub [u16; HASHES]);

const fn splitmix(mut x: u64) -> u64 {
    x = x.wrapping_add(0x9E37_79B9_7F4A_7C15);
    x = (x ^ (x >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    x = (x ^ (x >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    x ^ (x >> 31)
}

/// One odd multiplier and one mask per MinHash function, fixed forever:
/// changing them changes every signature (and needs a schema version bump).
/// Shingle hashes are already uniformly random, so `(x ^ mask) * mult` on
/// their low 32 bits (a bijection) is enough of a permutation; 32-bit
/// lanes let the compiler run several functions per instruction.
const MULTS: [u32; HASHES] = {
    let mut p = [0u32; HASHES];
    let mut i = 0;
    while i < HASHES {
        p[i] = (splitmix(0x6E65_7773_6465_7800 + i as u64) as u32) | 1;
        i += 1;
    }
    p
};
const MASKS: [u32; HASHES] = {
    let mut p = [0u32; HASHES];
    let mut i = 0;
    while i < HASHES {
        p[i] = (splitmix(0x6E65_7773_6465_7900 + i as u64) >> 32) as u32;
        i += 1;
    }
    p
};

/// The distinct word 3-shingles of a text, hashed, sorted. Words are the
/// alphanumeric runs of the folded text (lower case, no accents).
pub fn shingles(text: &str) -> Vec<u64> {
    let mut out: Vec<u64> = Vec::with_capacity(text.len() / 5);
    each_shingle(text, |s| out.push(s));
    out.sort_unstable();
    out.dedup();
    out
}

/// The hash of one word 3-shingle from its words' hashes.
#[inline]
fn shingle(a: u64, b: u64, c: u64) -> u64 {
    splitmix(a ^ b.rotate_left(21) ^ c.rotate_left(42))
}

/// Every word 3-shingle of a text in order, repeats included.
#[inline(always)]
fn each_shingle(text: &str, mut f: impl FnMut(u64)) {
    let (mut a, mut b, mut seen) = (0u64, 0u64, 0usize);
    each_word_hash(text, |c| {
        if seen >= 2 {
            f(shingle(a, b, c));
        }
        (a, b) = (b, c);
        seen += 1;
    });
}

/// The hash of every word of `fold(text)`, in order, without folding the
/// whole text. An ASCII character other than a letter or digit separates
/// words before and after folding (folding maps it to itself, and canonical
/// reordering never moves a mark across it), so the text is cut at those
/// bytes first; a piece of plain ASCII is lower-cased on the stack, and only
/// a piece with other characters goes through [`fold`]. Runs of ASCII
/// letters and digits are measured eight bytes at a time.
#[inline(always)]
fn each_word_hash(text: &str, mut f: impl FnMut(u64)) {
    let bytes = text.as_bytes();
    let mut buf = [0u8; 32];
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b.is_ascii() && !b.is_ascii_alphanumeric() {
            i += 1;
            continue;
        }
        let start = i;
        let mut ascii = true;
        let mut end = alnum_end(bytes, i);
        while end < bytes.len() && !bytes[end].is_ascii() {
            ascii = false;
            end = alnum_end(bytes, end + 1);
        }
        i = end;
        let piece = &bytes[start..end];
        if ascii {
            if piece.len() <= buf.len() {
                lower_ascii_into(&mut buf, bytes, start, piece.len());
                f(xxh3_64(&buf[..piece.len()]));
            } else {
                f(xxh3_64(&piece.to_ascii_lowercase()));
            }
            continue;
        }
        // Cut at ASCII bytes only, so the piece is whole UTF-8.
        let piece = std::str::from_utf8(piece).expect("cut at ASCII bytes");
        fold(piece)
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .for_each(|w| f(xxh3_64(w.as_bytes())));
    }
}

/// The `len` (at most 32) ASCII bytes of `bytes` from `start`, lower-cased,
/// into the front of `buf`: eight bytes at a time, each upper-case letter
/// getting bit 5, without a branch per byte. Bytes of `buf` past `len` are
/// garbage.
#[inline(always)]
fn lower_ascii_into(buf: &mut [u8; 32], bytes: &[u8], start: usize, len: usize) {
    match bytes.get(start..start + 32) {
        Some(window) => {
            // The common case: 32 bytes to read, whatever follows the word.
            // Bytes past the word may be anything, and a byte of 0x80 or
            // more may carry into the bytes after it, but never into those
            // before it: the word's own bytes, all ASCII, come out exact.
            for (lane, src) in buf.chunks_exact_mut(8).zip(window.chunks_exact(8)) {
                let v = u64::from_le_bytes(src.try_into().expect("eight bytes"));
                lane.copy_from_slice(&lower_ascii8(v).to_le_bytes());
            }
        }
        None => {
            for (d, s) in buf.iter_mut().zip(&bytes[start..start + len]) {
                *d = s.to_ascii_lowercase();
            }
        }
    }
}

/// Exact Jaccard similarity of two sorted shingle sets.
pub fn jaccard(a: &[u64], b: &[u64]) -> f64 {
    if a.is_empty() && b.is_empty() {
        return 1.0;
    }
    let (mut i, mut j, mut inter) = (0, 0, 0usize);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                inter += 1;
                i += 1;
                j += 1;
            }
        }
    }
    inter as f64 / (a.len() + b.len() - inter) as f64
}

/// MinHash lanes taken together in one pass over a text's shingles: 32
/// lanes are four AVX2 registers of running minima, plus four of masks and
/// four of multipliers, within the sixteen there are.
const BLOCK: usize = 32;

thread_local! {
    /// The shingle hashes of the text being signed, kept between texts for
    /// their allocation.
    static SHINGLE_BUF: std::cell::RefCell<Vec<u32>> = const { std::cell::RefCell::new(Vec::new()) };
}

/// The minimum of [`BLOCK`] MinHash functions over a list of shingle hashes.
#[inline(always)]
fn block_mins(hashes: &[u32], masks: &[u32; BLOCK], mults: &[u32; BLOCK]) -> [u32; BLOCK] {
    let mut acc = [u32::MAX; BLOCK];
    for &s in hashes {
        for i in 0..BLOCK {
            acc[i] = acc[i].min((s ^ masks[i]).wrapping_mul(mults[i]));
        }
    }
    acc
}

/// One shingle into the running minimum of every MinHash function.
#[inline(always)]
fn min_hash(mins: &mut [u32; HASHES], s: u64) {
    let s = s as u32;
    for i in 0..HASHES {
        mins[i] = mins[i].min((s ^ MASKS[i]).wrapping_mul(MULTS[i]));
    }
}

impl Signature {
    /// The signature of an article body, or `None` when it is too short.
    /// The minimum over a set is the minimum over any list of its members,
    /// so the shingles are hashed as they come, repeats and all, with no
    /// list and no sort; only the first [`MIN_SHINGLES`] distinct ones are
    /// kept, to tell a long enough text. Equal to
    /// `Signature::of_shingles(&shingles(text))`.
    ///
    /// The same code is compiled three times, for AVX-512, AVX2 and the
    /// x86-64-v2 baseline, and the processor picks at run time (the check
    /// is a cached flag): the 96 MinHash lanes take 6 vector multiplies per
    /// shingle with AVX-512 and 24 with SSE4.1, and the whole signature
    /// costs about a quarter less. Every path gives the same signature; the
    /// proptest below compares this one with the portable [`Signature::of_shingles`].
    pub fn of(text: &str) -> Option<Signature> {
        SHINGLE_BUF.with(|cell| {
            let hashes = &mut cell.borrow_mut();
            #[cfg(target_arch = "x86_64")]
            {
                if std::arch::is_x86_feature_detected!("avx512f") {
                    // SAFETY: the processor supports AVX-512F, checked just now.
                    #[allow(unsafe_code)]
                    return unsafe { Signature::of_avx512(text, hashes) };
                }
                if std::arch::is_x86_feature_detected!("avx2") {
                    // SAFETY: the processor supports AVX2, checked just now.
                    #[allow(unsafe_code)]
                    return unsafe { Signature::of_avx2(text, hashes) };
                }
            }
            Signature::of_portable(text, hashes)
        })
    }

    #[cfg(target_arch = "x86_64")]
    #[target_feature(enable = "avx512f")]
    fn of_avx512(text: &str, hashes: &mut Vec<u32>) -> Option<Signature> {
        Signature::of_portable(text, hashes)
    }

    #[cfg(target_arch = "x86_64")]
    #[target_feature(enable = "avx2")]
    fn of_avx2(text: &str, hashes: &mut Vec<u32>) -> Option<Signature> {
        Signature::of_portable(text, hashes)
    }

    /// Everything it calls is inlined, so that each compiled copy uses its
    /// own instructions throughout. The shingle hashes are gathered first
    /// (in a per-thread buffer) and the minima taken afterwards, a block of
    /// lanes at a time ([`block_mins`]), so that a block's running minima
    /// and its constants stay in vector registers over the whole list
    /// instead of going through memory for every shingle.
    #[inline(always)]
    fn of_portable(text: &str, hashes: &mut Vec<u32>) -> Option<Signature> {
        hashes.clear();
        let mut first = [0u64; MIN_SHINGLES];
        let mut distinct = 0;
        each_shingle(text, |s| {
            if distinct < MIN_SHINGLES && !first[..distinct].contains(&s) {
                first[distinct] = s;
                distinct += 1;
            }
            hashes.push(s as u32);
        });
        if distinct < MIN_SHINGLES {
            return None;
        }
        let mut mins = [u32::MAX; HASHES];
        for ((m, masks), mults) in mins
            .chunks_exact_mut(BLOCK)
            .zip(MASKS.chunks_exact(BLOCK))
            .zip(MULTS.chunks_exact(BLOCK))
        {
            let (masks, mults) = (
                masks.try_into().expect("block"),
                mults.try_into().expect("block"),
            );
            m.copy_from_slice(&block_mins(hashes, masks, mults));
        }
        Some(Signature::of_mins(mins))
    }

    /// The signature of a set of shingles ([`shingles`]), or `None` when it
    /// has fewer than [`MIN_SHINGLES`].
    pub fn of_shingles(shingles: &[u64]) -> Option<Signature> {
        if shingles.len() < MIN_SHINGLES {
            return None;
        }
        let mut mins = [u32::MAX; HASHES];
        for &s in shingles {
            min_hash(&mut mins, s);
        }
        Some(Signature::of_mins(mins))
    }

    fn of_mins(mins: [u32; HASHES]) -> Signature {
        let mut out = [0u16; HASHES];
        for (o, m) in out.iter_mut().zip(mins) {
            *o = (m >> 16) as u16;
        }
        Signature(out)
    }

    /// The band values stored in the index: band number in the top 16 bits,
    /// then the band's three 16-bit MinHashes.
    pub fn bands(&self) -> [u64; BANDS] {
        let mut out = [0u64; BANDS];
        for (b, o) in out.iter_mut().enumerate() {
            let r = &self.0[b * ROWS..(b + 1) * ROWS];
            *o = ((b as u64) << 48) | ((r[0] as u64) << 32) | ((r[1] as u64) << 16) | r[2] as u64;
        }
        out
    }

    /// Rebuild a signature from its band values (in any order); `None`
    /// unless every band is present exactly once.
    pub fn from_bands(values: impl IntoIterator<Item = u64>) -> Option<Signature> {
        let mut out = [0u16; HASHES];
        let mut seen = [false; BANDS];
        for v in values {
            let b = (v >> 48) as usize;
            if b >= BANDS || seen[b] {
                return None;
            }
            seen[b] = true;
            for r in 0..ROWS {
                out[b * ROWS + r] = (v >> (16 * (ROWS - 1 - r))) as u16;
            }
        }
        seen.iter().all(|s| *s).then_some(Signature(out))
    }

    /// Estimated Jaccard similarity: the share of equal MinHash values.
    pub fn similarity(&self, other: &Signature) -> f64 {
        let same = self
            .0
            .iter()
            .zip(other.0.iter())
            .filter(|(a, b)| a == b)
            .count();
        same as f64 / HASHES as f64
    }

    pub fn is_near_duplicate(&self, other: &Signature) -> bool {
        self.similarity(other) >= THRESHOLD
    }
}

/// Group signatures in memory by the rule the index uses: candidates share
/// a whole band, pairs at or above [`THRESHOLD`] are linked, groups are
/// connected components. Returns a group number per input (the index of its
/// first member); `None` signatures stay alone.
pub fn cluster(sigs: &[Option<Signature>]) -> Vec<usize> {
    let bands: Vec<Option<[u64; BANDS]>> = sigs.iter().map(|s| s.map(|s| s.bands())).collect();
    link(sigs.len(), |i, b| bands[i].map(|v| v[b]), |i| sigs[i])
}

/// The connected components of the near-duplicate relation over `n` items,
/// given each item's value for a band (`None`: no signature) and its
/// signature. For each band the items are sorted by that band's value; items
/// with equal values are candidates ([`Components::link_run`]). Returns the
/// smallest member index of each item's group.
pub fn link(
    n: usize,
    band: impl Fn(usize, usize) -> Option<u64>,
    signature: impl Fn(usize) -> Option<Signature>,
) -> Vec<usize> {
    let mut c = Components::new(n);
    let mut pairs: Vec<(u64, u32)> = Vec::new();
    for b in 0..BANDS {
        pairs.clear();
        pairs.extend((0..n).filter_map(|i| band(i, b).map(|v| (v, i as u32))));
        pairs.sort_unstable();
        for run in pairs.chunk_by(|x, y| x.0 == y.0).filter(|r| r.len() > 1) {
            c.link_run(run.iter().map(|p| p.1), |i| signature(i as usize));
        }
    }
    (0..n).map(|i| c.root(i as u32) as usize).collect()
}

/// Union-find over item numbers: the groups found so far.
pub struct Components {
    parent: Vec<u32>,
}

impl Components {
    pub fn new(n: usize) -> Components {
        Components {
            parent: (0..n as u32).collect(),
        }
    }

    /// The smallest item of `i`'s group.
    pub fn root(&mut self, mut i: u32) -> u32 {
        while self.parent[i as usize] != i {
            let up = self.parent[self.parent[i as usize] as usize];
            self.parent[i as usize] = up;
            i = up;
        }
        i
    }

    /// Link the near-duplicates among items that share a band value:
    /// every pair is compared while its two items are in different groups.
    pub fn link_run(
        &mut self,
        run: impl Iterator<Item = u32> + Clone,
        signature: impl Fn(u32) -> Option<Signature>,
    ) {
        for (k, i) in run.clone().enumerate() {
            for j in run.clone().skip(k + 1) {
                let (ri, rj) = (self.root(i), self.root(j));
                if ri == rj {
                    continue;
                }
                if let (Some(a), Some(b)) = (signature(i), signature(j)) {
                    if a.is_near_duplicate(&b) {
                        self.parent[ri.max(rj) as usize] = ri.min(rj);
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The definition [`word_hashes`] must match: fold the whole text, then
    /// split it into alphanumeric runs.
    fn word_hashes_by_definition(text: &str) -> Vec<u64> {
        fold(text)
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(|w| xxh3_64(w.as_bytes()))
            .collect()
    }

    fn fast_word_hashes(text: &str) -> Vec<u64> {
        let mut out = Vec::new();
        each_word_hash(text, |h| out.push(h));
        out
    }

    #[test]
    fn word_hashes_match_the_folded_text() {
        for text in [
            "Erdoğan’s talks—in Zürich, Straße 5; e\u{301}lan .\u{301}x ı ø",
            "A-very-long-ASCII-word-that-is-longer-than-thirty-two-bytes-for-sure here",
            "Ünïcödé-heavy words beside plain ones, and 1987's figures",
            "",
            "  ,,  ",
        ] {
            assert_eq!(
                fast_word_hashes(text),
                word_hashes_by_definition(text),
                "{text:?}"
            );
        }
    }

    proptest::proptest! {
        #[test]
        fn word_hashes_match_on_any_text(text in "\\PC{0,120}") {
            proptest::prop_assert_eq!(fast_word_hashes(&text), word_hashes_by_definition(&text));
        }

        #[test]
        fn streamed_signature_is_the_set_signature(
            text in "([a-zA-Z]{1,3}|é|ß|Ü)([ ,.]([a-zA-Z]{1,3}|é|ß|Ü)){0,60}"
        ) {
            proptest::prop_assert_eq!(Signature::of(&text), Signature::of_shingles(&shingles(&text)));
        }

        #[test]
        fn word_hashes_match_on_news_like_text(
            text in "[a-zA-Z0-9 ,.'’“”—éüğßıøÉ\u{301}\u{308}-]{0,200}"
        ) {
            proptest::prop_assert_eq!(fast_word_hashes(&text), word_hashes_by_definition(&text));
        }
    }

    const STORY: &str =
        "The central bank raised its benchmark rate by a quarter point on Tuesday, \
        citing stubborn inflation in services and a tight labour market. The governor said further \
        increases were possible if wage growth did not slow, while two members of the committee \
        voted to hold rates steady, warning that the economy was already cooling. Markets had \
        expected the move and the currency barely changed after the announcement.";

    #[test]
    fn bands_round_trip() {
        let s = Signature::of(STORY).unwrap();
        let mut bands = s.bands().to_vec();
        bands.reverse();
        assert_eq!(Signature::from_bands(bands), Some(s));
        assert_eq!(Signature::from_bands(s.bands()[..3].to_vec()), None);
    }

    #[test]
    fn light_edit_is_near_duplicate_and_other_story_is_not() {
        let a = Signature::of(STORY).unwrap();
        let edited = STORY
            .replace("Tuesday", "Wednesday")
            .replace("Markets had expected", "Investors had widely expected");
        let b = Signature::of(&edited).unwrap();
        assert!(a.is_near_duplicate(&b), "similarity {}", a.similarity(&b));
        let other = Signature::of(
            "The central bank held its benchmark rate on Thursday after inflation eased for a \
             third month, and the governor said the committee would watch wage growth closely \
             before deciding whether the next move would be a cut later in the year.",
        )
        .unwrap();
        assert!(
            !a.is_near_duplicate(&other),
            "similarity {}",
            a.similarity(&other)
        );
    }

    #[test]
    fn case_accents_and_punctuation_do_not_matter() {
        let a = shingles("Erdoğan met the PRIME minister, in Ankara.");
        let b = shingles("erdogan met the prime minister in ankara");
        assert_eq!(a, b);
        assert_eq!(jaccard(&a, &b), 1.0);
    }

    #[test]
    fn short_texts_have_no_signature() {
        assert_eq!(Signature::of("Shr 10 cts vs 5 cts"), None);
    }

    #[test]
    fn cluster_links_through_chains() {
        let a = Signature::of(STORY);
        let b = Signature::of(&STORY.replace("Tuesday", "Monday"));
        let c = Signature::of("A completely different report about football results in the northern league this weekend, with three draws and an away win for the leaders.");
        let g = cluster(&[a, b, c, None]);
        assert_eq!(g[0], g[1]);
        assert_ne!(g[0], g[2]);
        assert_eq!(g[3], 3);
    }
}

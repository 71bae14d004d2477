//! Match-key normalization with an offset map back to the original text.
//!
//! [`normalize`] turns a string into the key that lexicons, gazetteers and the matcher compare
//! on. The original text is never altered: [`Normalized::to_original`] maps any byte range of
//! the key back to the byte range of the original characters it came from.
//!
//! Rules, applied character by character (std only, no Unicode tables beyond the small
//! generated presentation-form table):
//!
//! - alef forms أ إ آ ٱ (and the rare U+0672, U+0673, U+0675) → ا;
//! - ى, ئ and Persian ی → ي; ة, ۀ and ە → ه; ؤ → و; Persian ک → ك;
//! - diacritics (U+064B–U+065F, U+0670), Quranic annotation marks (U+0610–U+061A,
//!   U+06D6–U+06ED combining marks) and tatweel (U+0640) are removed; in the offset map they
//!   belong to the letter before them, so a word maps back *with* its diacritics;
//! - an asterisk splitting a word between tatweels to dodge filters (الفـ*ـرقة, قسـ*ـد) is
//!   removed like a diacritic;
//! - zero-width and bidi controls (U+200B–U+200F, U+202A–U+202E, U+2066–U+2069, U+FEFF,
//!   U+061C) and the soft hyphen (U+00AD) are removed;
//! - Arabic presentation forms (U+FB50–U+FDFF, U+FE70–U+FEFE) are folded to their NFKC
//!   decomposition (so lam-alef ligatures become two letters, ﷲ becomes الله), which is then
//!   normalized by the same rules;
//! - Arabic-Indic (٠–٩) and Persian (۰–۹) digits → ASCII digits; ٫ → `.`, ٬ → `,`, ٪ → `%`;
//! - runs of three or more identical Arabic letters (after folding) collapse to one
//!   (جداااا → جدا); runs of two are kept (they occur in real words);
//! - everything else (ASCII, Latin, whitespace, punctuation) is kept as is. ASCII is copied
//!   on a byte-level fast path.
//!
//! [`normalize_word`] applies exactly the same rules without building the map, and is
//! guaranteed to return `normalize(s).text`.

use crate::presentation::PRESENTATION;
use std::ops::Range;

/// What one input character becomes.
#[derive(Clone, Copy)]
pub(crate) enum Fold {
    /// Kept unchanged.
    Keep,
    /// Replaced by one character.
    One(char),
    /// Removed; belongs to the previous output character in the map (diacritics, tatweel).
    Mark,
    /// Removed and not attached to anything (controls).
    Drop,
    /// Replaced by the normalization of this string (presentation forms).
    Many(&'static str),
}

/// How one character folds. Public inside the crate so the tokenizer can share the tables.
#[inline]
pub(crate) fn fold(c: char) -> Fold {
    let cp = c as u32;
    if cp >> 8 == 0x06 {
        // The Arabic block, from a table built at compile time from `fold_slow`.
        return match ARABIC_BLOCK[(cp & 0xFF) as usize] {
            KEEP => Fold::Keep,
            MARK => Fold::Mark,
            DROP => Fold::Drop,
            to => Fold::One(char::from_u32(u32::from(to)).unwrap_or(c)),
        };
    }
    fold_slow(c)
}

const KEEP: u16 = 0;
const MARK: u16 = 0xFFFF;
const DROP: u16 = 0xFFFE;

/// [`fold_slow`] for U+0600–U+06FF: `KEEP`, `MARK`, `DROP` or the replacement code point.
static ARABIC_BLOCK: [u16; 256] = {
    let mut t = [KEEP; 256];
    let mut i = 0;
    while i < 256 {
        let c = match char::from_u32(0x600 + i as u32) {
            Some(c) => c,
            None => '\0',
        };
        t[i] = match fold_slow(c) {
            Fold::Keep | Fold::Many(_) => KEEP,
            Fold::Mark => MARK,
            Fold::Drop => DROP,
            Fold::One(d) => d as u16,
        };
        i += 1;
    }
    t
};

/// How one character folds, by rule (the reference for the Arabic-block table).
const fn fold_slow(c: char) -> Fold {
    match c {
        '\u{0622}' | '\u{0623}' | '\u{0625}' | '\u{0671}' | '\u{0672}' | '\u{0673}'
        | '\u{0675}' => Fold::One('\u{0627}'),
        '\u{0649}' | '\u{0626}' | '\u{06CC}' => Fold::One('\u{064A}'),
        '\u{0629}' | '\u{06C0}' | '\u{06D5}' => Fold::One('\u{0647}'),
        '\u{0624}' => Fold::One('\u{0648}'),
        '\u{06A9}' => Fold::One('\u{0643}'),
        '\u{0660}'..='\u{0669}' => Fold::One((b'0' + (c as u32 - 0x0660) as u8) as char),
        '\u{06F0}'..='\u{06F9}' => Fold::One((b'0' + (c as u32 - 0x06F0) as u8) as char),
        '\u{066B}' => Fold::One('.'),
        '\u{066C}' => Fold::One(','),
        '\u{066A}' => Fold::One('%'),
        c if is_mark(c) => Fold::Mark,
        '\u{200B}'..='\u{200F}'
        | '\u{202A}'..='\u{202E}'
        | '\u{2066}'..='\u{2069}'
        | '\u{FEFF}'
        | '\u{061C}'
        | '\u{00AD}' => Fold::Drop,
        '\u{FB50}'..='\u{FDFF}' | '\u{FE70}'..='\u{FEFE}' => presentation(c),
        _ => Fold::Keep,
    }
}

/// The NFKC decomposition of a presentation form (binary search, const-compatible).
const fn presentation(c: char) -> Fold {
    let (mut lo, mut hi) = (0usize, PRESENTATION.len());
    while lo < hi {
        let mid = (lo + hi) / 2;
        let k = PRESENTATION[mid].0 as u32;
        if k == c as u32 {
            return Fold::Many(PRESENTATION[mid].1);
        }
        if k < c as u32 {
            lo = mid + 1;
        } else {
            hi = mid;
        }
    }
    Fold::Keep
}

/// Diacritics, Quranic marks and tatweel: removed by normalization, part of a word.
#[inline]
pub(crate) const fn is_mark(c: char) -> bool {
    matches!(c,
        '\u{064B}'..='\u{065F}'
        | '\u{0670}'
        | '\u{0640}'
        | '\u{0610}'..='\u{061A}'
        | '\u{06D6}'..='\u{06DC}'
        | '\u{06DF}'..='\u{06E4}'
        | '\u{06E7}'
        | '\u{06E8}'
        | '\u{06EA}'..='\u{06ED}')
}

/// Whether the `*` at byte `i` splits an Arabic word to dodge filters ("الفـ*ـرقة"): it
/// follows a tatweel and precedes a tatweel or an Arabic letter.
#[inline]
pub(crate) fn is_obfuscation_star(s: &str, i: usize) -> bool {
    s.get(..i).and_then(|b| b.chars().next_back()) == Some('\u{0640}')
        && s.get(i + 1..)
            .and_then(|a| a.chars().next())
            .is_some_and(|c| matches!(c, '\u{0640}' | '\u{0621}'..='\u{064A}'))
}

/// Arabic letters whose runs collapse (U+0621–U+064A and the extended letters).
#[inline]
fn collapses(c: char) -> bool {
    matches!(c, '\u{0621}'..='\u{063F}' | '\u{0641}'..='\u{064A}' | '\u{066E}'..='\u{06D3}')
}

/// Receives the offset map while normalizing.
trait Sink {
    /// `n` output bytes were appended, produced by original bytes `src`.
    fn push(&mut self, n: usize, src: Range<u32>);
    /// The output was truncated to `len` bytes.
    fn truncate(&mut self, len: usize);
    /// The last output character now also covers original bytes up to `end`.
    fn extend_last(&mut self, end: u32);
}

struct NoMap;

impl Sink for NoMap {
    #[inline]
    fn push(&mut self, _: usize, _: Range<u32>) {}
    #[inline]
    fn truncate(&mut self, _: usize) {}
    #[inline]
    fn extend_last(&mut self, _: u32) {}
}

struct Map {
    starts: Vec<u32>,
    ends: Vec<u32>,
}

impl Sink for Map {
    #[inline]
    fn push(&mut self, n: usize, src: Range<u32>) {
        for _ in 0..n {
            self.starts.push(src.start);
            self.ends.push(src.end);
        }
    }
    #[inline]
    fn truncate(&mut self, len: usize) {
        self.starts.truncate(len);
        self.ends.truncate(len);
    }
    #[inline]
    fn extend_last(&mut self, end: u32) {
        if let Some(e) = self.ends.last_mut() {
            if *e < end {
                *e = end;
            }
        }
    }
}

/// Run-collapsing state.
struct Run {
    ch: char,
    len: usize,
    /// Output byte offset of the run's first character.
    first_at: usize,
}

#[inline]
fn emit<S: Sink>(c: char, src: Range<u32>, out: &mut String, sink: &mut S, run: &mut Run) {
    if collapses(c) {
        if run.ch == c {
            run.len += 1;
            if run.len == 3 {
                // Drop the second copy; the first now covers the whole run.
                let keep = run.first_at + c.len_utf8();
                out.truncate(keep);
                sink.truncate(keep);
                sink.extend_last(src.end);
                return;
            }
            if run.len > 3 {
                sink.extend_last(src.end);
                return;
            }
        } else {
            run.ch = c;
            run.len = 1;
            run.first_at = out.len();
        }
    } else {
        run.ch = '\0';
        run.len = 0;
    }
    out.push(c);
    sink.push(c.len_utf8(), src);
}

fn normalize_core<S: Sink>(s: &str, out: &mut String, sink: &mut S) {
    let bytes = s.as_bytes();
    let mut run = Run {
        ch: '\0',
        len: 0,
        first_at: 0,
    };
    let mut i = 0;
    while i < bytes.len() {
        // ASCII fast path: copy the whole ASCII chunk.
        if bytes[i] < 0x80 {
            if bytes[i] == b'*' && is_obfuscation_star(s, i) {
                sink.extend_last(i as u32 + 1);
                i += 1;
                continue;
            }
            let start = i;
            while i < bytes.len() && bytes[i] < 0x80 && bytes[i] != b'*' {
                sink.push(1, i as u32..i as u32 + 1);
                i += 1;
            }
            if i == start {
                // A literal '*'.
                sink.push(1, i as u32..i as u32 + 1);
                i += 1;
            }
            out.push_str(&s[start..i]);
            run.ch = '\0';
            run.len = 0;
            continue;
        }
        let Some(c) = s[i..].chars().next() else {
            break;
        };
        let src = i as u32..(i + c.len_utf8()) as u32;
        i += c.len_utf8();
        match fold(c) {
            Fold::Keep => emit(c, src, out, sink, &mut run),
            Fold::One(d) => emit(d, src, out, sink, &mut run),
            Fold::Mark => sink.extend_last(src.end),
            Fold::Drop => {}
            Fold::Many(d) => {
                for dc in d.chars() {
                    match fold(dc) {
                        Fold::Keep | Fold::Many(_) => emit(dc, src.clone(), out, sink, &mut run),
                        Fold::One(e) => emit(e, src.clone(), out, sink, &mut run),
                        Fold::Mark => sink.extend_last(src.end),
                        Fold::Drop => {}
                    }
                }
            }
        }
    }
}

/// A normalized string with its map back to the original.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Normalized {
    /// The normalized text (the match key).
    pub text: String,
    /// For every byte of `text`: the original byte offset where the producing character starts.
    starts: Vec<u32>,
    /// For every byte of `text`: the original byte offset where the producing character (and
    /// its trailing diacritics) ends.
    ends: Vec<u32>,
    /// Length of the original string.
    orig_len: usize,
}

impl Normalized {
    /// Maps a byte range of [`Normalized::text`] to the byte range of the original characters
    /// it came from: whole original characters, including diacritics and tatweel that were
    /// removed inside or right after the range. An empty range maps to an empty range at the
    /// corresponding original position. Out-of-range or mid-character offsets are clamped
    /// and widened to character boundaries; never panics.
    pub fn to_original(&self, r: Range<usize>) -> Range<usize> {
        let len = self.text.len();
        let mut a = r.start.min(len);
        let mut b = r.end.min(len).max(a);
        while a > 0 && !self.text.is_char_boundary(a) {
            a -= 1;
        }
        while b < len && !self.text.is_char_boundary(b) {
            b += 1;
        }
        if a == b {
            let p = if a < len {
                self.starts[a] as usize
            } else {
                self.orig_len
            };
            return p..p;
        }
        self.starts[a] as usize..self.ends[b - 1] as usize
    }

    /// Length in bytes of the original text.
    pub fn original_len(&self) -> usize {
        self.orig_len
    }
}

/// Normalizes `s` into its match key, keeping a map back to `s` (see the module docs for the
/// rules).
///
/// ```
/// let n = marsad_text::normalize("الرَّقَّة");
/// assert_eq!(n.text, "الرقه");
/// assert_eq!(n.to_original(0..n.text.len()), 0.."الرَّقَّة".len());
/// ```
pub fn normalize(s: &str) -> Normalized {
    let mut out = String::with_capacity(s.len());
    let mut map = Map {
        starts: Vec::with_capacity(s.len()),
        ends: Vec::with_capacity(s.len()),
    };
    normalize_core(s, &mut out, &mut map);
    Normalized {
        text: out,
        starts: map.starts,
        ends: map.ends,
        orig_len: s.len(),
    }
}

/// Normalizes `s` without an offset map (for lexicon keys). Always equals `normalize(s).text`.
///
/// ```
/// assert_eq!(marsad_text::normalize_word("إبريل"), "ابريل");
/// ```
pub fn normalize_word(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    normalize_core(s, &mut out, &mut NoMap);
    out
}

/// Appends the normalization of `s` to `out` (no map), reusing the caller's buffer. Runs
/// collapse only within `s`.
pub fn normalize_into(s: &str, out: &mut String) {
    normalize_core(s, out, &mut NoMap);
}

/// Whether normalization would change `s` at all (cheap pre-check for callers that want to
/// avoid allocating).
pub fn is_normalized(s: &str) -> bool {
    let mut prev = '\0';
    let mut n = 0usize;
    for c in s.chars() {
        if !c.is_ascii() && !matches!(fold(c), Fold::Keep) {
            return false;
        }
        if c == prev && collapses(c) {
            n += 1;
            if n >= 2 {
                return false;
            }
        } else {
            n = 0;
        }
        prev = c;
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    fn n(s: &str) -> String {
        let a = normalize(s).text;
        assert_eq!(
            a,
            normalize_word(s),
            "normalize_word must equal normalize().text"
        );
        a
    }

    #[test]
    fn alef_forms_fold_to_bare_alef() {
        assert_eq!(n("أحمد إدلب آذار ٱلله"), "احمد ادلب اذار الله");
    }

    #[test]
    fn alef_maqsura_ta_marbuta_hamza_seats() {
        assert_eq!(n("مستشفى"), "مستشفي");
        assert_eq!(n("الرقة"), "الرقه");
        assert_eq!(n("مؤسسة"), "موسسه");
        assert_eq!(n("عائلة"), "عايله");
        assert_eq!(n("ء"), "ء");
    }

    #[test]
    fn diacritics_and_tatweel_removed() {
        assert_eq!(n("يُنهي الحِصَارَ"), "ينهي الحصار");
        assert_eq!(n("طناً"), "طنا");
        assert_eq!(n("لـ\"وكالة"), "ل\"وكاله");
        assert_eq!(n("الرَّحْمٰنِ"), "الرحمن");
        assert_eq!(n("حـــلـــب"), "حلب");
    }

    #[test]
    fn runs_of_three_or_more_collapse() {
        assert_eq!(n("جداااا"), "جدا");
        assert_eq!(n("ههههه"), "ه");
        assert_eq!(n("الله"), "الله"); // a run of two stays
        assert_eq!(n("أاا"), "ا"); // collapse after folding
        assert_eq!(n("1000 www"), "1000 www"); // digits and Latin never collapse
    }

    #[test]
    fn presentation_forms_fold() {
        assert_eq!(n("\u{FEFB}"), "لا"); // lam-alef ligature
        assert_eq!(n("\u{FEF7}"), "لا"); // lam-alef with hamza above
        assert_eq!(n("\u{FDF2}"), "الله");
        assert_eq!(
            n("\u{FE8D}\u{FEDF}\u{FEA3}\u{FEB4}\u{FED8}\u{FE94}"),
            "الحسقه"
        );
        assert_eq!(n("\u{FE70}"), ""); // isolated fathatan: a diacritic
        assert_eq!(n("\u{FB8E}"), "ك"); // keheh → kaf
    }

    #[test]
    fn obfuscation_asterisk_inside_words_dropped() {
        assert_eq!(n("الفـ*ـرقة الرابـ*ـعة"), "الفرقه الرابعه");
        assert_eq!(n("قسـ*د"), "قسد");
        assert_eq!(n("5 * 3 و*"), "5 * 3 و*");
        let s = "الفـ*ـرقة";
        let m = normalize(s);
        assert_eq!(&s[m.to_original(0..m.text.len())], s);
    }

    #[test]
    fn arabic_block_table_matches_the_rules() {
        for cp in 0x600..0x700u32 {
            let c = char::from_u32(cp).unwrap();
            let (a, b) = (fold(c), fold_slow(c));
            let same = match (a, b) {
                (Fold::Keep, Fold::Keep) | (Fold::Mark, Fold::Mark) | (Fold::Drop, Fold::Drop) => {
                    true
                }
                (Fold::One(x), Fold::One(y)) => x == y,
                _ => false,
            };
            assert!(same, "U+{cp:04X}");
        }
    }

    #[test]
    fn controls_dropped() {
        assert_eq!(
            n("\u{200F}حلب\u{200B}\u{202B}\u{2066}\u{FEFF}\u{061C}\u{200D}"),
            "حلب"
        );
    }

    #[test]
    fn digits_and_separators() {
        assert_eq!(n("٣٫٥ و١٢٬٠٠٠ و۱۲۳ و٪"), "3.5 و12,000 و123 و%");
    }

    #[test]
    fn to_original_covers_diacritics_inside_and_after() {
        let s = "قَتَلَ خَمْسَةٌ";
        let m = normalize(s);
        assert_eq!(m.text, "قتل خمسه");
        let w = m.text.find("خمسه").unwrap();
        let r = m.to_original(w..m.text.len());
        assert_eq!(&s[r], "خَمْسَةٌ");
        assert_eq!(&s[m.to_original(0..m.text.find(' ').unwrap())], "قَتَلَ");
    }

    #[test]
    fn to_original_through_ligature_collapse_and_controls() {
        let s = "\u{200F}\u{FEFB}جدااااً!";
        let m = normalize(s);
        assert_eq!(m.text, "لاجدا!");
        // Only the lam of the ligature still maps to the whole ligature.
        assert_eq!(&s[m.to_original(0..2)], "\u{FEFB}");
        assert_eq!(&s[m.to_original(0..4)], "\u{FEFB}");
        // The collapsed run maps to every copy plus the tanween.
        let j = m.text.find('ا').unwrap() + 2 + 4; // the last alef
        assert_eq!(&s[m.to_original(j..j + 2)], "ااااً");
        // An empty range maps to a position; out of range is clamped.
        assert_eq!(m.to_original(0..0), 3..3);
        let end = m.to_original(100..200);
        assert_eq!(end, s.len()..s.len());
        // A mid-char range is widened.
        assert_eq!(&s[m.to_original(1..1)], "\u{FEFB}");
        assert_eq!(&s[m.to_original(1..3)], "\u{FEFB}");
    }

    #[test]
    fn ascii_fast_path_maps_identity() {
        let s = "SDF 2018-03-12";
        let m = normalize(s);
        assert_eq!(m.text, s);
        assert_eq!(m.to_original(4..8), 4..8);
        assert_eq!(m.original_len(), s.len());
    }

    #[test]
    fn is_normalized_agrees() {
        for s in ["حلب", "الرقة", "جدااا", "abc", "٣", "جداا"] {
            assert_eq!(is_normalized(s), normalize_word(s) == s, "{s}");
        }
    }

    #[test]
    fn normalize_into_appends() {
        let mut buf = String::from("x ");
        normalize_into("أمسِ", &mut buf);
        assert_eq!(buf, "x امس");
    }
}

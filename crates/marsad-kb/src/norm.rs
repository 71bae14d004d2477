//! Match-key normalization with a map back to the original text.
//!
//! This follows the text core's match-key rules (alef forms → ا, ى → ي, ة → ه, ؤ → و, ئ → ي,
//! diacritics and tatweel dropped, presentation forms folded, zero-width and bidi controls
//! dropped, Arabic-Indic and Persian digits → ASCII, Latin lower-cased). Keys and documents are
//! normalized by the same function, so they always agree. Runs of identical letters are kept
//! (names such as "ممر" need their doubled letters).

use std::ops::Range;

/// A normalized text and, per normalized byte, the original byte range of the character it
/// came from.
#[derive(Debug, Clone, Default)]
pub struct Norm {
    /// The normalized text.
    pub text: String,
    /// Original start byte of the character that produced each normalized byte, plus one
    /// trailing entry (the original length).
    start: Vec<u32>,
    /// Original end byte (exclusive, including dropped marks that followed) per normalized byte.
    end: Vec<u32>,
}

impl Norm {
    /// Maps a normalized byte range back to the original byte range.
    pub fn to_original(&self, r: Range<usize>) -> Range<usize> {
        if self.text.is_empty() {
            return 0..0;
        }
        let s = self.start.get(r.start).copied().unwrap_or(0) as usize;
        let e = if r.end == 0 {
            s
        } else {
            self.end
                .get(r.end - 1)
                .copied()
                .unwrap_or_else(|| self.end.last().copied().unwrap_or(0)) as usize
        };
        s..e.max(s)
    }
}

/// Folds one character; `None` drops it.
#[inline]
pub fn fold_char(c: char) -> Option<char> {
    Some(match c {
        'أ' | 'إ' | 'آ' | 'ٱ' | 'ٲ' | 'ٳ' => 'ا',
        'ى' | 'ئ' | 'ی' | 'ې' => 'ي',
        'ة' | 'ۀ' | 'ە' => 'ه',
        'ؤ' => 'و',
        'ک' => 'ك',
        '\u{064B}'..='\u{065F}' | '\u{0670}' | '\u{0640}' | '\u{06D6}'..='\u{06ED}' => return None,
        '\u{200B}'..='\u{200F}'
        | '\u{202A}'..='\u{202E}'
        | '\u{2066}'..='\u{2069}'
        | '\u{FEFF}' => return None,
        '٠'..='٩' => char::from(b'0' + (c as u32 - '٠' as u32) as u8),
        '۰'..='۹' => char::from(b'0' + (c as u32 - '۰' as u32) as u8),
        '\u{00A0}' | '\u{2000}'..='\u{200A}' | '\u{202F}' => ' ',
        'A'..='Z' => c.to_ascii_lowercase(),
        '\u{FB50}'..='\u{FDFF}' | '\u{FE70}'..='\u{FEFF}' => return fold_presentation(c),
        _ => c,
    })
}

/// The common Arabic presentation forms (isolated/final/initial/medial) folded to base letters.
fn fold_presentation(c: char) -> Option<char> {
    let u = c as u32;
    // FE80-FEFC: contiguous blocks of the basic letters.
    const BASE: [(u32, u32, char); 28] = [
        (0xFE80, 0xFE80, 'ء'),
        (0xFE81, 0xFE88, 'ا'),
        (0xFE89, 0xFE8C, 'ي'),
        (0xFE8D, 0xFE8E, 'ا'),
        (0xFE8F, 0xFE92, 'ب'),
        (0xFE93, 0xFE94, 'ه'),
        (0xFE95, 0xFE98, 'ت'),
        (0xFE99, 0xFE9C, 'ث'),
        (0xFE9D, 0xFEA0, 'ج'),
        (0xFEA1, 0xFEA4, 'ح'),
        (0xFEA5, 0xFEA8, 'خ'),
        (0xFEA9, 0xFEAA, 'د'),
        (0xFEAB, 0xFEAC, 'ذ'),
        (0xFEAD, 0xFEAE, 'ر'),
        (0xFEAF, 0xFEB0, 'ز'),
        (0xFEB1, 0xFEB4, 'س'),
        (0xFEB5, 0xFEB8, 'ش'),
        (0xFEB9, 0xFEBC, 'ص'),
        (0xFEBD, 0xFEC0, 'ض'),
        (0xFEC1, 0xFEC4, 'ط'),
        (0xFEC5, 0xFEC8, 'ظ'),
        (0xFEC9, 0xFECC, 'ع'),
        (0xFECD, 0xFED0, 'غ'),
        (0xFED1, 0xFED4, 'ف'),
        (0xFED5, 0xFED8, 'ق'),
        (0xFED9, 0xFEDC, 'ك'),
        (0xFEDD, 0xFEE0, 'ل'),
        (0xFEE1, 0xFEE4, 'م'),
    ];
    for (a, b, ch) in BASE {
        if (a..=b).contains(&u) {
            return Some(ch);
        }
    }
    Some(match u {
        0xFEE5..=0xFEE8 => 'ن',
        0xFEE9..=0xFEEC => 'ه',
        0xFEED..=0xFEEE => 'و',
        0xFEEF..=0xFEF4 => 'ي',
        0xFE70..=0xFE7F => return None,
        _ => c,
    })
}

/// Normalizes `s` for matching, keeping the map back to the original bytes.
pub fn normalize(s: &str) -> Norm {
    let mut text = String::with_capacity(s.len());
    let mut start = Vec::with_capacity(s.len() + 1);
    let mut end = Vec::with_capacity(s.len() + 1);
    for (i, c) in s.char_indices() {
        let ce = (i + c.len_utf8()) as u32;
        // Lam-alef ligatures expand to two letters.
        let lam_alef = matches!(c as u32, 0xFEF5..=0xFEFC);
        match if lam_alef { Some('ل') } else { fold_char(c) } {
            Some(f) => {
                let n = f.len_utf8();
                for _ in 0..n {
                    start.push(i as u32);
                    end.push(ce);
                }
                text.push(f);
                if lam_alef {
                    text.push('ا');
                    for _ in 0..'ا'.len_utf8() {
                        start.push(i as u32);
                        end.push(ce);
                    }
                }
            }
            None => {
                // A dropped mark belongs to the letter before it.
                if let Some(last_start) = start.last().copied() {
                    let mut k = end.len();
                    while k > 0 && start[k - 1] == last_start {
                        end[k - 1] = ce;
                        k -= 1;
                    }
                }
            }
        }
    }
    start.push(s.len() as u32);
    end.push(s.len() as u32);
    Norm { text, start, end }
}

/// Normalizes a knowledge-base name into a match key: normalized, whitespace collapsed to
/// single spaces, punctuation that joins words (`-`, `_`) read as a space.
pub fn key(s: &str) -> String {
    let n = normalize(s).text;
    let mut out = String::with_capacity(n.len());
    for w in n.split(|c: char| c.is_whitespace() || c == '-' || c == '_' || c == '–') {
        if w.is_empty() {
            continue;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(w);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_hamza_taa_marbuta_and_diacritics() {
        assert_eq!(normalize("إدلبُ").text, "ادلب");
        assert_eq!(normalize("الحسكة").text, "الحسكه");
        assert_eq!(normalize("حماة").text, "حماه");
        assert_eq!(normalize("لـقسد").text, "لقسد");
        assert_eq!(normalize("٢٠١٨").text, "2018");
        assert_eq!(key("  قوات   سوريا-الديمقراطية "), "قوات سوريا الديمقراطيه");
    }

    #[test]
    fn maps_back_to_original_bytes() {
        let s = "في إدلبَ اليوم";
        let n = normalize(s);
        let i = n.text.find("ادلب").unwrap();
        let r = n.to_original(i..i + "ادلب".len());
        assert_eq!(&s[r], "إدلبَ");
    }

    #[test]
    fn presentation_forms_fold() {
        assert_eq!(normalize("\u{FEA3}\u{FEE0}\u{FE8F}").text, "حلب");
        assert_eq!(normalize("\u{FEFB}").text, "لا");
    }
}

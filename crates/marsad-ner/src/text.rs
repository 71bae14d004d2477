//! Token-level text helpers of the tagger: tokenization into byte ranges, the normalized
//! form used for features, proclitic stripping and word shape.
//!
//! Tokenization follows ANERcorp's conventions (whitespace and punctuation split, clitics
//! stay attached), which is what the model was trained on.

use std::ops::Range;

/// `char::is_alphanumeric` with fast paths for ASCII and the common Arabic letters and
/// digits (same result for every character).
#[inline]
pub fn is_alnum(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphanumeric();
    }
    match c as u32 {
        0x0621..=0x063A | 0x0641..=0x064A | 0x0660..=0x0669 => true,
        _ => c.is_alphanumeric(),
    }
}

/// `char::is_numeric` with fast paths (same result for every character).
#[inline]
pub fn is_num(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_digit();
    }
    match c as u32 {
        0x0621..=0x063A | 0x0641..=0x064A => false,
        0x0660..=0x0669 => true,
        _ => c.is_numeric(),
    }
}

/// Whether `c` belongs inside a word: letters, digits and Arabic combining marks/tatweel.
fn is_word_char(c: char) -> bool {
    if c.is_alphanumeric() {
        return true;
    }
    matches!(c as u32,
        0x0610..=0x061A | 0x064B..=0x065F | 0x0670 | 0x06D6..=0x06ED | 0x0640 | 0x200C | 0x200D)
}

/// Whether `c` separates tokens without being one (whitespace, bidi and zero-width marks).
fn is_space(c: char) -> bool {
    c.is_whitespace()
        || matches!(c as u32, 0x200B | 0x200E | 0x200F | 0xFEFF | 0x202A..=0x202E | 0x2066..=0x2069)
}

/// Splits `text` into tokens (byte ranges): words, numbers (with inner `.`/`,`/`٫`/`٬`) and
/// runs of one punctuation character.
pub fn tokenize(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut it = text.char_indices().peekable();
    while let Some((start, c)) = it.next() {
        if is_space(c) {
            continue;
        }
        let mut end = start + c.len_utf8();
        if is_word_char(c) {
            while let Some(&(i, d)) = it.peek() {
                let numeric_sep = matches!(d, '.' | ',' | '٫' | '٬')
                    && text[start..end]
                        .chars()
                        .last()
                        .is_some_and(|l| l.is_numeric())
                    && text[i + d.len_utf8()..]
                        .chars()
                        .next()
                        .is_some_and(|n| n.is_numeric());
                if is_word_char(d) || numeric_sep {
                    end = i + d.len_utf8();
                    it.next();
                } else {
                    break;
                }
            }
        } else {
            while let Some(&(i, d)) = it.peek() {
                if d == c {
                    end = i + d.len_utf8();
                    it.next();
                } else {
                    break;
                }
            }
        }
        out.push(start..end);
    }
    out
}

/// Whether a token ends a sentence (`.`, `؟`, `?`, `!`, `؛`, `…`).
pub fn is_sentence_end(tok: &str) -> bool {
    tok.chars()
        .next()
        .is_some_and(|c| matches!(c, '.' | '؟' | '?' | '!' | '؛' | '…'))
        && tok
            .chars()
            .all(|c| matches!(c, '.' | '؟' | '?' | '!' | '؛' | '…'))
}

/// Splits token ranges of `text` into sentences (ranges over the token list): after a
/// sentence-final token, or where a line break separates two tokens.
pub fn sentences(text: &str, toks: &[Range<usize>]) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0;
    for i in 0..toks.len() {
        let end_here = is_sentence_end(&text[toks[i].clone()])
            || (i + 1 < toks.len() && text[toks[i].end..toks[i + 1].start].contains('\n'));
        if end_here {
            out.push(start..i + 1);
            start = i + 1;
        }
    }
    if start < toks.len() {
        out.push(start..toks.len());
    }
    out
}

/// The normalized form used for features, cluster and gazetteer look-up: the text core's
/// `normalize_word` (alef forms → ا, ى → ي, ة → ه, ؤ → و, ئ → ي, diacritics and tatweel dropped,
/// digits to ASCII, ...), Latin lower-cased, and punctuation glued to a word's edges (as in
/// `كابول؛`) trimmed.
pub fn normalize(word: &str) -> String {
    let mut s = String::with_capacity(word.len());
    normalize_to(word, &mut s);
    s
}

/// [`normalize`] into a reused buffer (cleared first).
pub fn normalize_to(word: &str, s: &mut String) {
    s.clear();
    marsad_text::normalize_into(word, s);
    s.make_ascii_lowercase();
    let is_edge = |c: char| !is_alnum(c);
    if s.chars().any(is_alnum) {
        let (a, b) = {
            let t = s.trim_matches(is_edge);
            let a = t.as_ptr() as usize - s.as_ptr() as usize;
            (a, a + t.len())
        };
        s.truncate(b);
        s.drain(..a);
    }
    if s.is_empty() {
        // a token made only of marks or controls: keep it distinguishable from nothing
        s.push_str(word);
    }
}

/// Whether a token carries punctuation glued to a word (`كابول؛`, `(حلب`).
pub fn has_edge_punct(word: &str) -> bool {
    let mut cs = word.chars();
    let first = cs.next();
    let last = word.chars().last();
    word.chars().any(is_alnum)
        && [first, last]
            .into_iter()
            .flatten()
            .any(|c| !is_alnum(c) && !matches!(c as u32, 0x064B..=0x065F | 0x0670 | 0x0640))
}

/// Splits proclitics off a normalized word: conjunction و/ف, preposition ب/ل/ك, article ال
/// (or لل). Returns (proclitic string, stem); the stem keeps at least two letters.
pub fn strip_proclitics(norm: &str) -> (&str, &str) {
    let mut rest = norm;
    let nchars = |s: &str| s.chars().count();
    if let Some(r) = rest.strip_prefix('و').or_else(|| rest.strip_prefix('ف')) {
        if nchars(r) >= 3 {
            rest = r;
        }
    }
    if let Some(r) = rest.strip_prefix("لل") {
        if nchars(r) >= 2 {
            rest = r;
        }
    } else if let Some(r) = rest
        .strip_prefix('ب')
        .or_else(|| rest.strip_prefix('ل'))
        .or_else(|| rest.strip_prefix('ك'))
    {
        if r.starts_with("ال") && nchars(r) >= 4 {
            rest = r;
        }
    }
    if let Some(r) = rest.strip_prefix("ال") {
        if nchars(r) >= 2 {
            rest = r;
        }
    }
    let cut = norm.len() - rest.len();
    (&norm[..cut], rest)
}

/// A coarse word shape: digits, punctuation, Latin, Arabic, mixed; with a length bucket.
pub fn shape(word: &str) -> u8 {
    let (mut dig, mut lat, mut ara, mut other) = (false, false, false, false);
    let mut n = 0usize;
    for c in word.chars() {
        n += 1;
        if is_num(c) {
            dig = true;
        } else if c.is_ascii_alphabetic() {
            lat = true;
        } else if matches!(c as u32, 0x0621..=0x063A | 0x0641..=0x064A)
            || (('\u{0600}'..='\u{06FF}').contains(&c) && c.is_alphabetic())
        {
            ara = true;
        } else {
            other = true;
        }
    }
    let class = match (dig, lat, ara, other) {
        (true, false, false, false) => 1,
        (true, _, _, _) => 2,
        (false, true, false, _) => 3,
        (false, false, true, false) => 4,
        (false, false, false, true) => 5,
        _ => 6,
    };
    let len = match n {
        0..=1 => 0,
        2 => 1,
        3 => 2,
        4..=5 => 3,
        6..=8 => 4,
        _ => 5,
    };
    class * 8 + len
}

#[cfg(test)]
mod tests {
    use super::*;

    fn toks(s: &str) -> Vec<&str> {
        tokenize(s).into_iter().map(|r| &s[r]).collect()
    }

    #[test]
    fn tokenize_arabic_with_punct_and_numbers() {
        assert_eq!(
            toks("قال الرئيس بشار الأسد، في دمشق: 3.5 مليون!"),
            vec![
                "قال",
                "الرئيس",
                "بشار",
                "الأسد",
                "،",
                "في",
                "دمشق",
                ":",
                "3.5",
                "مليون",
                "!"
            ]
        );
        assert_eq!(toks("«حلب»..."), vec!["«", "حلب", "»", "..."]);
        assert_eq!(toks("\u{200F}  \n"), Vec::<&str>::new());
        assert_eq!(toks("١٢٫٥ كم"), vec!["١٢٫٥", "كم"]);
    }

    #[test]
    fn sentences_split_on_final_punct_and_newlines() {
        let t = "وصل الوفد إلى حلب. ثم غادر\nالرقة اليوم";
        let tk = tokenize(t);
        let s = sentences(t, &tk);
        assert_eq!(s, vec![0..5, 5..7, 7..9]);
    }

    #[test]
    fn normalize_folds_letters_and_digits() {
        assert_eq!(normalize("أحمد"), "احمد");
        assert_eq!(normalize("إسرائيل"), "اسراييل");
        assert_eq!(normalize("مدرسةٌ"), "مدرسه");
        assert_eq!(normalize("مصطفى"), "مصطفي");
        assert_eq!(normalize("٢٠١٨"), "2018");
        assert_eq!(normalize("ISIS"), "isis");
        assert_eq!(normalize("ـــ"), "ـــ");
        assert_eq!(normalize("كابول؛"), "كابول");
        assert_eq!(normalize("«حلب»"), "حلب");
        assert_eq!(normalize("؛"), "؛");
        assert!(has_edge_punct("كابول؛"));
        assert!(!has_edge_punct("كابول"));
        assert!(!has_edge_punct("؛"));
    }

    #[test]
    fn proclitics_strip_but_keep_short_words() {
        assert_eq!(strip_proclitics("والسوريه"), ("وال", "سوريه"));
        assert_eq!(strip_proclitics("بالعراق"), ("بال", "عراق"));
        assert_eq!(strip_proclitics("للامم"), ("لل", "امم"));
        assert_eq!(strip_proclitics("وزير"), ("و", "زير"));
        assert_eq!(strip_proclitics("دمشق"), ("", "دمشق"));
        assert_eq!(strip_proclitics("بغداد"), ("", "بغداد"));
        assert_eq!(strip_proclitics("ول"), ("", "ول"));
    }

    #[test]
    fn fast_char_classes_match_std() {
        for cp in 0..0x3_0000u32 {
            if let Some(c) = char::from_u32(cp) {
                assert_eq!(is_alnum(c), c.is_alphanumeric(), "{cp:x}");
                assert_eq!(is_num(c), c.is_numeric(), "{cp:x}");
            }
        }
    }

    #[test]
    fn shape_classes() {
        assert_ne!(shape("2018"), shape("دمشق"));
        assert_ne!(shape("UN"), shape("دمشق"));
        assert_eq!(shape("،") / 8, 5);
    }
}

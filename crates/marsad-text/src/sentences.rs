//! Sentence splitting.
//!
//! A sentence ends after `.` `؟` `?` `!` `؛` `…` or `۔` (with any run of further
//! terminators and closing brackets right after it) and at every line break (`\n`, `\r`,
//! U+0085, U+2028, U+2029). It does **not** end:
//! - at a `.` directly followed by a letter or digit (3.5, U.S, www.example.com);
//! - at a `.` after a single-letter abbreviation (د. محمد، م. أحمد، J. Smith) or a short
//!   Latin title (Dr. Mr. Mrs. Ms. St. No. vs.);
//! - inside quotes: «...», "...", “...” (each kind opens and closes alternately, so reversed
//!   pairs such as »...« work too); a line break always ends the sentence and closes quotes.
//!
//! Ranges exclude surrounding whitespace (and invisible controls); every other character
//! belongs to exactly one sentence.

use crate::tokens::is_invisible;
use std::ops::Range;

#[inline]
fn is_line_break(c: char) -> bool {
    matches!(
        c,
        '\n' | '\r' | '\u{0085}' | '\u{2028}' | '\u{2029}' | '\u{000B}' | '\u{000C}'
    )
}

#[inline]
fn is_terminator(c: char) -> bool {
    matches!(
        c,
        '.' | '\u{061F}' | '?' | '!' | '\u{061B}' | '\u{2026}' | '\u{06D4}'
    )
}

#[inline]
fn is_space(c: char) -> bool {
    c.is_whitespace() || is_invisible(c)
}

/// Latin titles that end in a period without ending the sentence.
const LATIN_ABBREVIATIONS: &[&str] = &[
    "Dr", "Mr", "Mrs", "Ms", "St", "No", "vs", "Prof", "Gen", "Col", "Lt",
];

/// Whether the `.` at byte `i` follows an abbreviation.
fn after_abbreviation(text: &str, i: usize) -> bool {
    let before = &text[..i];
    let word_start = before
        .char_indices()
        .rev()
        .find(|&(_, c)| !(c.is_alphabetic() || crate::normalize::is_mark(c)))
        .map_or(0, |(j, c)| j + c.len_utf8());
    let word = &before[word_start..];
    if word.is_empty() {
        return false;
    }
    let letters = word.chars().filter(|c| c.is_alphabetic()).count();
    // A single letter, possibly after the conjunction و (وم. أحمد).
    letters == 1
        || (letters == 2 && word.starts_with('\u{0648}'))
        || LATIN_ABBREVIATIONS.contains(&word)
}

/// Splits `text` into sentences (see the module docs). Returns byte ranges into `text`,
/// trimmed of whitespace, in order and non-overlapping.
///
/// ```
/// let s = "قال د. أحمد إن 3.5 طن وصلت. ثم غادر!";
/// let r = marsad_text::sentences(s);
/// assert_eq!(&s[r[0].clone()], "قال د. أحمد إن 3.5 طن وصلت.");
/// assert_eq!(&s[r[1].clone()], "ثم غادر!");
/// ```
pub fn sentences(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    let mut last_end = 0usize;
    let (mut guillemet, mut curly, mut ascii) = (false, false, false);
    let mut it = text.char_indices().peekable();
    while let Some((i, c)) = it.next() {
        if is_line_break(c) {
            if let Some(s) = start.take() {
                out.push(s..last_end);
            }
            guillemet = false;
            curly = false;
            ascii = false;
            continue;
        }
        if is_space(c) {
            continue;
        }
        if start.is_none() {
            start = Some(i);
        }
        last_end = i + c.len_utf8();
        match c {
            '\u{00AB}' | '\u{00BB}' => guillemet = !guillemet,
            '\u{201C}' | '\u{201D}' => curly = !curly,
            '"' => ascii = !ascii,
            _ => {}
        }
        if !is_terminator(c) || guillemet || curly || ascii {
            continue;
        }
        if c == '.' {
            if let Some(&(_, n)) = it.peek() {
                if n.is_alphanumeric() {
                    continue;
                }
            }
            if after_abbreviation(text, i) {
                continue;
            }
        }
        // Swallow further terminators and closing brackets.
        while let Some(&(j, n)) = it.peek() {
            if is_terminator(n) || matches!(n, ')' | ']' | '}') {
                last_end = j + n.len_utf8();
                it.next();
            } else {
                break;
            }
        }
        if let Some(s) = start.take() {
            out.push(s..last_end);
        }
    }
    if let Some(s) = start {
        out.push(s..last_end);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(s: &str) -> Vec<&str> {
        sentences(s).into_iter().map(|r| &s[r]).collect()
    }

    #[test]
    fn splits_on_arabic_and_latin_terminators() {
        assert_eq!(
            split("وصلت القافلة. هل انتهى الحصار؟ نعم! لكن التوتر مستمر؛ والمفاوضات جارية"),
            vec![
                "وصلت القافلة.",
                "هل انتهى الحصار؟",
                "نعم!",
                "لكن التوتر مستمر؛",
                "والمفاوضات جارية"
            ]
        );
    }

    #[test]
    fn splits_on_line_breaks_and_trims() {
        assert_eq!(
            split("  عنوان الخبر\r\n\nالسطر الأول  \n"),
            vec!["عنوان الخبر", "السطر الأول"]
        );
    }

    #[test]
    fn not_inside_numbers() {
        assert_eq!(
            split("وصل 3.5 طن و٣٫٥ طن. انتهى"),
            vec!["وصل 3.5 طن و٣٫٥ طن.", "انتهى"]
        );
    }

    #[test]
    fn not_inside_quotes() {
        assert_eq!(
            split("قال «انتهى الحصار. عادت الحياة» ثم غادر. وقالت \"لا. أبداً\" أمس. و“نعم. لا” هنا."),
            vec![
                "قال «انتهى الحصار. عادت الحياة» ثم غادر.",
                "وقالت \"لا. أبداً\" أمس.",
                "و“نعم. لا” هنا."
            ]
        );
    }

    #[test]
    fn line_break_ends_unclosed_quote() {
        assert_eq!(
            split("قال «لا نهاية\nسطر آخر. ثم"),
            vec!["قال «لا نهاية", "سطر آخر.", "ثم"]
        );
    }

    #[test]
    fn not_after_abbreviations() {
        assert_eq!(
            split("التقى د. محمد وم. أحمد مع Dr. Smith. ثم انتهى."),
            vec!["التقى د. محمد وم. أحمد مع Dr. Smith.", "ثم انتهى."]
        );
    }

    #[test]
    fn ellipsis_and_multiple_terminators_stay_together() {
        assert_eq!(
            split("ماذا؟! لا أعرف... ربما"),
            vec!["ماذا؟!", "لا أعرف...", "ربما"]
        );
    }

    #[test]
    fn every_non_space_char_in_exactly_one_sentence() {
        let s = "أ. ب؟ «ج. د» \u{200F}هـ!\n\nو";
        let r = sentences(s);
        let mut covered = vec![0u8; s.len()];
        for x in &r {
            for b in x.clone() {
                covered[b] += 1;
            }
        }
        for (i, c) in s.char_indices() {
            if is_space(c) {
                assert!(covered[i] <= 1);
            } else {
                assert_eq!(covered[i], 1, "char {c:?} at {i}");
            }
        }
    }
}

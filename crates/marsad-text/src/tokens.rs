//! Tokenization with byte offsets into the original text.
//!
//! Rules:
//! - a **word** is a run of Arabic letters (including presentation forms), diacritics,
//!   tatweel and ZWNJ/ZWJ, starting with a letter (a stray diacritic or tatweel is
//!   [`TokenKind::Other`]); a **Latin** token is a run of other alphabetic characters;
//! - a **number** is a run of digits in any of the three scripts (ASCII, Arabic-Indic ٠-٩,
//!   Persian ۰-۹), with the separators `.` `,` ٫ ٬ allowed *between* digits (3.5, ٣٫٥,
//!   12,000, ١٢٬٠٠٠); a trailing separator is punctuation;
//! - every other non-space character is its own token: [`TokenKind::Punct`] for punctuation
//!   (ASCII and Arabic punctuation, quotes, dashes), [`TokenKind::Other`] for symbols;
//! - an asterisk splitting a word between tatweels (الفـ*ـرقة) stays inside the word;
//! - whitespace and invisible controls (zero-width, bidi) separate tokens and are not tokens.
//!
//! Each token carries its normalized form ([`crate::normalize_word`]), so ٣٫٥ has the norm
//! `3.5` and الرَّقَّة has the norm `الرقه`.

use crate::normalize::{fold, is_mark, is_obfuscation_star, normalize_word, Fold};
use std::ops::Range;

/// What a token is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TokenKind {
    /// An Arabic word (letters, diacritics, tatweel).
    Word,
    /// A run of non-Arabic letters (Latin, Cyrillic, ...).
    Latin,
    /// A number in any of the three digit scripts, with internal separators.
    Number,
    /// One punctuation character.
    Punct,
    /// One other character (symbols, emoji, ...).
    Other,
}

/// A token: its byte span in the original text, its kind and its normalized form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    /// Byte range in the original text.
    pub span: Range<usize>,
    /// The token's kind.
    pub kind: TokenKind,
    /// The normalized form (`normalize_word` of the span's text; digits are ASCII).
    pub norm: String,
}

/// Whether `c` belongs inside an Arabic word.
#[inline]
pub(crate) fn is_arabic_word_char(c: char) -> bool {
    matches!(c,
        '\u{0620}'..='\u{064A}'
        | '\u{066E}'..='\u{066F}'
        | '\u{0671}'..='\u{06D3}'
        | '\u{06D5}'
        | '\u{06EE}'..='\u{06EF}'
        | '\u{06FA}'..='\u{06FC}'
        | '\u{06FF}'
        | '\u{0750}'..='\u{077F}'
        | '\u{08A0}'..='\u{08C9}'
        | '\u{FB50}'..='\u{FD3D}'
        | '\u{FD50}'..='\u{FDC7}'
        | '\u{FDF0}'..='\u{FDFB}'
        | '\u{FE70}'..='\u{FEFC}'
        | '\u{200C}'
        | '\u{200D}')
        || is_mark(c)
}

/// Whether `c` is a decimal digit in one of the three scripts.
#[inline]
pub(crate) fn is_digit(c: char) -> bool {
    c.is_ascii_digit() || matches!(c, '\u{0660}'..='\u{0669}' | '\u{06F0}'..='\u{06F9}')
}

/// Whether `c` separates groups or decimals inside a number.
#[inline]
fn is_num_sep(c: char) -> bool {
    matches!(c, '.' | ',' | '\u{066B}' | '\u{066C}')
}

/// Whether `c` is an invisible control that tokenization skips like whitespace.
#[inline]
pub(crate) fn is_invisible(c: char) -> bool {
    matches!(fold(c), Fold::Drop)
}

/// Whether `c` is punctuation (as opposed to a symbol).
#[inline]
pub(crate) fn is_punct(c: char) -> bool {
    c.is_ascii_punctuation()
        || matches!(c,
            '\u{060C}' | '\u{060D}' | '\u{061B}' | '\u{061E}' | '\u{061F}'
            | '\u{066A}'..='\u{066D}' | '\u{06D4}'
            | '\u{00A1}' | '\u{00A7}' | '\u{00AB}' | '\u{00B6}' | '\u{00B7}' | '\u{00BB}' | '\u{00BF}'
            | '\u{2010}'..='\u{2027}' | '\u{2030}'..='\u{205E}'
            | '\u{FD3E}' | '\u{FD3F}' | '\u{3001}' | '\u{3002}')
}

/// Splits `text` into tokens (see the module docs). Offsets are byte ranges into `text`.
///
/// ```
/// use marsad_text::{tokenize, TokenKind};
/// let t = tokenize("وصل 40 طناً، أي ٣٫٥");
/// assert_eq!(t[1].kind, TokenKind::Number);
/// assert_eq!(t[2].norm, "طنا");
/// assert_eq!(t[3].kind, TokenKind::Punct);
/// assert_eq!(t[5].norm, "3.5");
/// ```
pub fn tokenize(text: &str) -> Vec<Token> {
    let mut out = Vec::with_capacity(text.len() / 6 + 1);
    for_each_token(text, |span, kind| {
        let slice = &text[span.clone()];
        let norm = if slice.is_ascii() {
            slice.to_string()
        } else {
            normalize_word(slice)
        };
        out.push(Token { span, kind, norm });
    });
    out
}

/// Calls `f(span, kind)` for every token of `text` without allocating (the same tokens as
/// [`tokenize`]).
pub fn for_each_token(text: &str, mut f: impl FnMut(Range<usize>, TokenKind)) {
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        // ASCII fast paths.
        if b < 0x80 {
            if b.is_ascii_whitespace() || b.is_ascii_control() {
                i += 1;
                continue;
            }
            if b.is_ascii_digit() {
                let end = scan_number(text, i);
                f(i..end, TokenKind::Number);
                i = end;
                continue;
            }
            if b.is_ascii_alphabetic() {
                let end = scan_latin(text, i);
                f(i..end, TokenKind::Latin);
                i = end;
                continue;
            }
            f(i..i + 1, TokenKind::Punct);
            i += 1;
            continue;
        }
        let Some(c) = text[i..].chars().next() else {
            break;
        };
        let n = c.len_utf8();
        if is_arabic_word_char(c) && !is_mark(c) && !matches!(c, '\u{200C}' | '\u{200D}') {
            let end = scan_word(text, i);
            f(i..end, TokenKind::Word);
            i = end;
        } else if is_digit(c) {
            let end = scan_number(text, i);
            f(i..end, TokenKind::Number);
            i = end;
        } else if is_mark(c) {
            f(i..i + n, TokenKind::Other);
            i += n;
        } else if c.is_whitespace() || is_invisible(c) || c.is_control() {
            i += n;
        } else if c.is_alphabetic() {
            let end = scan_latin(text, i);
            f(i..end, TokenKind::Latin);
            i = end;
        } else if is_punct(c) {
            f(i..i + n, TokenKind::Punct);
            i += n;
        } else {
            f(i..i + n, TokenKind::Other);
            i += n;
        }
    }
}

/// The byte offset after the first letter (and its diacritics) of the word starting at
/// `start`: where a one-letter clitic ends.
pub(crate) fn after_first_letter(text: &str, start: usize) -> usize {
    let mut it = text.get(start..).unwrap_or("").char_indices();
    let Some((_, c)) = it.next() else {
        return start;
    };
    let mut end = start + c.len_utf8();
    for (j, c) in it {
        if is_mark(c) {
            end = start + j + c.len_utf8();
        } else {
            break;
        }
    }
    end
}

fn scan_word(text: &str, start: usize) -> usize {
    let mut end = start;
    for (j, c) in text[start..].char_indices() {
        if is_arabic_word_char(c) || (c == '*' && is_obfuscation_star(text, start + j)) {
            end = start + j + c.len_utf8();
        } else {
            break;
        }
    }
    // A trailing ZWNJ/ZWJ is not part of the word.
    while text[..end].ends_with(['\u{200C}', '\u{200D}']) && end > start + 3 {
        end -= 3;
    }
    end
}

fn scan_latin(text: &str, start: usize) -> usize {
    let mut end = start;
    for (j, c) in text[start..].char_indices() {
        if (c.is_alphabetic() && !is_arabic_word_char(c)) || (end > start && is_combining_latin(c))
        {
            end = start + j + c.len_utf8();
        } else {
            break;
        }
    }
    end.max(start + text[start..].chars().next().map_or(0, char::len_utf8))
}

#[inline]
fn is_combining_latin(c: char) -> bool {
    matches!(c, '\u{0300}'..='\u{036F}')
}

fn scan_number(text: &str, start: usize) -> usize {
    let mut end = start;
    let mut it = text[start..].char_indices().peekable();
    while let Some((j, c)) = it.next() {
        if is_digit(c) {
            end = start + j + c.len_utf8();
        } else if is_num_sep(c) && end == start + j {
            match it.peek() {
                Some(&(_, d)) if is_digit(d) => {}
                _ => break,
            }
        } else {
            break;
        }
    }
    end
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(s: &str) -> Vec<(&str, TokenKind)> {
        tokenize(s)
            .into_iter()
            .map(|t| (&s[t.span], t.kind))
            .collect()
    }

    #[test]
    fn arabic_words_numbers_and_punctuation() {
        use TokenKind::*;
        assert_eq!(
            kinds("حصار دام 46 يوماً، «قسد»!"),
            vec![
                ("حصار", Word),
                ("دام", Word),
                ("46", Number),
                ("يوماً", Word),
                ("،", Punct),
                ("«", Punct),
                ("قسد", Word),
                ("»", Punct),
                ("!", Punct)
            ]
        );
    }

    #[test]
    fn numbers_in_three_scripts_with_separators() {
        let t = tokenize("12,000 و١٢٬٠٠٠ و۱۲ و٣٫٥ و3.5. ثم 7,");
        let nums: Vec<&str> = t
            .iter()
            .filter(|t| t.kind == TokenKind::Number)
            .map(|t| t.norm.as_str())
            .collect();
        assert_eq!(nums, vec!["12,000", "12,000", "12", "3.5", "3.5", "7"]);
    }

    #[test]
    fn clitic_lam_with_tatweel_and_quote() {
        let s = "لـ\"وكالة المجس\"";
        let k = kinds(s);
        assert_eq!(k[0], ("لـ", TokenKind::Word));
        assert_eq!(tokenize(s)[0].norm, "ل");
        assert_eq!(k[1], ("\"", TokenKind::Punct));
        assert_eq!(k[2], ("وكالة", TokenKind::Word));
    }

    #[test]
    fn digits_then_letters_split() {
        use TokenKind::*;
        assert_eq!(
            kinds("2018م SDF's"),
            vec![
                ("2018", Number),
                ("م", Word),
                ("SDF", Latin),
                ("'", Punct),
                ("s", Latin)
            ]
        );
    }

    #[test]
    fn obfuscated_words_are_one_token() {
        let s = "حصار الفـ*ـرقة الرابـ*ـعة";
        let t = tokenize(s);
        assert_eq!(t.len(), 3);
        assert_eq!(&s[t[1].span.clone()], "الفـ*ـرقة");
        assert_eq!(t[1].norm, "الفرقه");
        assert_eq!(kinds("ـ* 3*4")[0], ("ـ", TokenKind::Other));
    }

    #[test]
    fn for_each_token_matches_tokenize() {
        let s = "قال د. أحمد: وصل ٣٫٥ طن إلى «الحسكة» 😀 SDF";
        let mut spans = Vec::new();
        for_each_token(s, |r, k| spans.push((r, k)));
        let toks: Vec<_> = tokenize(s).into_iter().map(|t| (t.span, t.kind)).collect();
        assert_eq!(spans, toks);
        assert_eq!(toks.last().map(|t| t.1), Some(TokenKind::Latin));
        assert!(toks.iter().any(|t| t.1 == TokenKind::Other)); // the emoji
    }

    #[test]
    fn invisible_controls_are_skipped() {
        let s = "\u{200F}حلب\u{202B} 5\u{FEFF}";
        let k = kinds(s);
        assert_eq!(k, vec![("حلب", TokenKind::Word), ("5", TokenKind::Number)]);
    }

    #[test]
    fn zwnj_inside_word_kept_not_trailing() {
        let s = "می\u{200C}شود\u{200C} x";
        let k = kinds(s);
        assert_eq!(k[0].0, "می\u{200C}شود");
    }
}

//! A small private tokenizer for trigger matching: words with byte spans and match keys,
//! punctuation kept as tokens so clause boundaries stay visible, sentences as token ranges.
//!
//! This is deliberately self-contained (the text core's richer API is used for numbers and
//! dates); its match key is the guideline's: alef forms → ا, ى → ي, ة → ه, ؤ → و, ئ → ي,
//! diacritics and tatweel removed.

use std::ops::Range;

/// What a token is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Letters (Arabic or Latin).
    Word,
    /// Digits (any script), possibly with a decimal separator.
    Number,
    /// A clause-internal punctuation mark (، , : " « » ( ) - ...).
    Punct,
    /// A sentence end (. ؟ ? ! ؛ newline).
    End,
}

/// One token of the document.
#[derive(Debug, Clone)]
pub struct Tok {
    /// Byte range in the full text.
    pub span: Range<usize>,
    /// Match key (normalised word; the mark itself for punctuation).
    pub norm: String,
    /// Kind.
    pub kind: Kind,
}

fn is_diacritic(c: char) -> bool {
    matches!(c, '\u{064B}'..='\u{065F}' | '\u{0670}' | '\u{0640}' | '\u{06D6}'..='\u{06ED}')
}

fn is_word_char(c: char) -> bool {
    // (ASCII and the Arabic letters first: the common case needs no Unicode table look-up)
    if c.is_ascii() {
        return c.is_ascii_alphabetic();
    }
    if matches!(c, '\u{0621}'..='\u{063A}' | '\u{0641}'..='\u{064A}') {
        return true;
    }
    c.is_alphabetic() || is_diacritic(c) || matches!(c, '\u{200C}' | '\u{200D}')
}

fn is_digit(c: char) -> bool {
    c.is_ascii_digit() || matches!(c, '\u{0660}'..='\u{0669}' | '\u{06F0}'..='\u{06F9}')
}

/// Match key of one character (None = dropped).
pub fn fold_char(c: char) -> Option<char> {
    if is_diacritic(c) || matches!(c, '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}') {
        return None;
    }
    Some(match c {
        'أ' | 'إ' | 'آ' | 'ٱ' => 'ا',
        'ى' => 'ي',
        'ة' => 'ه',
        'ؤ' => 'و',
        'ئ' => 'ي',
        'ک' => 'ك',
        'ی' => 'ي',
        _ => c.to_lowercase().next().unwrap_or(c),
    })
}

/// Match key of a word.
pub fn norm_word(s: &str) -> String {
    s.chars().filter_map(fold_char).collect()
}

fn is_end(c: char) -> bool {
    matches!(c, '.' | '؟' | '?' | '!' | '؛' | '\n')
}

/// Tokenizes `text` into words, numbers and punctuation.
pub fn tokenize(text: &str) -> Vec<Tok> {
    let mut out = Vec::new();
    let mut it = text.char_indices().peekable();
    while let Some((i, c)) = it.next() {
        if is_word_char(c) && !is_digit(c) {
            let mut end = i + c.len_utf8();
            while let Some(&(j, d)) = it.peek() {
                if is_word_char(d) && !is_digit(d) {
                    end = j + d.len_utf8();
                    it.next();
                } else {
                    break;
                }
            }
            let norm = norm_word(&text[i..end]);
            if !norm.is_empty() {
                out.push(Tok {
                    span: i..end,
                    norm,
                    kind: Kind::Word,
                });
            }
        } else if is_digit(c) {
            let mut end = i + c.len_utf8();
            loop {
                match it.peek() {
                    Some(&(j, d)) if is_digit(d) => {
                        end = j + d.len_utf8();
                        it.next();
                    }
                    Some(&(j, d)) if matches!(d, '.' | ',' | '٫' | '٬') => {
                        // a separator inside a number
                        let next = text[j + d.len_utf8()..].chars().next();
                        if next.is_some_and(is_digit) {
                            end = j + d.len_utf8();
                            it.next();
                        } else {
                            break;
                        }
                    }
                    _ => break,
                }
            }
            out.push(Tok {
                span: i..end,
                norm: text[i..end].to_string(),
                kind: Kind::Number,
            });
        } else if is_end(c) {
            out.push(Tok {
                span: i..i + c.len_utf8(),
                norm: c.to_string(),
                kind: Kind::End,
            });
        } else if !c.is_whitespace() {
            out.push(Tok {
                span: i..i + c.len_utf8(),
                norm: c.to_string(),
                kind: Kind::Punct,
            });
        }
    }
    out
}

/// Sentences as token index ranges (the End token belongs to its sentence).
pub fn sentences(toks: &[Tok]) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0;
    for (i, t) in toks.iter().enumerate() {
        if t.kind == Kind::End {
            if i + 1 > start {
                out.push(start..i + 1);
            }
            start = i + 1;
        }
    }
    if start < toks.len() {
        out.push(start..toks.len());
    }
    out
}

/// One clitic reading of a word: its stem and what was stripped.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reading {
    /// The stem.
    pub stem: String,
    /// Conjunction و/ف stripped.
    pub conj: bool,
    /// Preposition or particle stripped (ب ل ك س), as the letter.
    pub prep: Option<char>,
    /// Article ال stripped.
    pub art: bool,
    /// A pronoun suffix stripped.
    pub suffix: bool,
}

const SUFFIXES: [&str; 7] = ["هما", "ها", "هم", "هن", "كم", "نا", "ه"];

/// All clitic readings of a normalised word, the unstripped one first.
pub fn readings(w: &str) -> Vec<Reading> {
    let mut out: Vec<Reading> = Vec::with_capacity(8);
    let push = |out: &mut Vec<Reading>, r: Reading| {
        if r.stem.chars().count() >= 2 && !out.contains(&r) {
            out.push(r);
        }
    };
    let mut heads: Vec<(String, bool, Option<char>, bool)> =
        vec![(w.to_string(), false, None, false)];
    // conjunction
    for c in ['و', 'ف'] {
        if let Some(rest) = w.strip_prefix(c) {
            heads.push((rest.to_string(), true, None, false));
        }
    }
    let mut more = Vec::new();
    for (h, conj, _, _) in &heads {
        for p in ['ب', 'ل', 'ك', 'س'] {
            if let Some(rest) = h.strip_prefix(p) {
                more.push((rest.to_string(), *conj, Some(p), false));
            }
        }
        // ل + ال → لل
        if let Some(rest) = h.strip_prefix("لل") {
            more.push((rest.to_string(), *conj, Some('ل'), true));
        }
    }
    heads.extend(more);
    let mut arts = Vec::new();
    for (h, conj, prep, art) in &heads {
        if !*art {
            if let Some(rest) = h.strip_prefix("ال") {
                arts.push((rest.to_string(), *conj, *prep, true));
            }
        }
    }
    heads.extend(arts);
    // accusative tanween alef: "هجوماً" → هجوم, "اجتماعاً" → اجتماع
    let mut tanween = Vec::new();
    for (h, conj, prep, art) in &heads {
        if h.chars().count() >= 4 {
            if let Some(r) = h.strip_suffix('ا') {
                tanween.push((r.to_string(), *conj, *prep, *art));
            }
        }
    }
    heads.extend(tanween);
    for (h, conj, prep, art) in heads {
        let n = h.chars().count();
        push(
            &mut out,
            Reading {
                stem: h.clone(),
                conj,
                prep,
                art,
                suffix: false,
            },
        );
        // a definite noun takes no pronoun suffix
        for s in SUFFIXES.iter().filter(|_| !art) {
            if let Some(stem) = h.strip_suffix(s) {
                if n - s.chars().count() < 2 {
                    continue;
                }
                push(
                    &mut out,
                    Reading {
                        stem: stem.to_string(),
                        conj,
                        prep,
                        art,
                        suffix: true,
                    },
                );
                if let Some(t) = stem.strip_suffix('ت') {
                    push(
                        &mut out,
                        Reading {
                            stem: format!("{t}ه"),
                            conj,
                            prep,
                            art,
                            suffix: true,
                        },
                    );
                }
            }
        }
    }
    out
}

/// Whether word `w` (normalised) is `target` up to clitics.
pub fn word_is(w: &str, target: &str) -> bool {
    w == target || readings(w).iter().any(|r| r.stem == target)
}

/// Whether word `w` is `target` up to a conjunction only (for particles: لم, ولم).
pub fn particle_is(w: &str, target: &str) -> bool {
    w == target
        || w.strip_prefix('و').is_some_and(|r| r == target)
        || w.strip_prefix('ف').is_some_and(|r| r == target)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokenizes_arabic_with_punctuation() {
        let t = tokenize("وقالت مصادر خاصة لـ\"وكالة المجس\"، إن 46 يوماً.");
        let n: Vec<&str> = t.iter().map(|t| t.norm.as_str()).collect();
        assert_eq!(
            n,
            [
                "وقالت",
                "مصادر",
                "خاصه",
                "ل",
                "\"",
                "وكاله",
                "المجس",
                "\"",
                "،",
                "ان",
                "46",
                "يوما",
                "."
            ]
        );
        assert_eq!(sentences(&t).len(), 1);
    }

    #[test]
    fn readings_strip_clitics_and_restore_ta_marbuta() {
        assert!(word_is("سيطرتها", "سيطره"));
        assert!(word_is("وسمحت", "سمحت"));
        assert!(word_is("لفك", "فك"));
        assert!(word_is("بالحصار", "حصار"));
        assert!(word_is("للسماح", "سماح"));
        assert!(!word_is("الحسكه", "حسك"));
        assert!(particle_is("ولم", "لم"));
        assert!(word_is("هجوما", "هجوم"));
        assert!(word_is("اجتماعا", "اجتماع"));
        assert!(!particle_is("سلم", "لم"));
    }

    #[test]
    fn number_keeps_decimal_separator() {
        let t = tokenize("قتل 1.5 ألف.");
        assert_eq!(t[1].norm, "1.5");
        assert_eq!(t.last().map(|t| t.kind), Some(Kind::End));
    }

    #[test]
    fn no_panic_on_odd_input() {
        for s in ["", "\u{feff}", "ـــ", "٣٫٥", "a.b", "\r\n\r\n", "ً"] {
            let t = tokenize(s);
            let _ = sentences(&t);
            for tok in &t {
                assert!(s.is_char_boundary(tok.span.start) && s.is_char_boundary(tok.span.end));
            }
        }
    }
}

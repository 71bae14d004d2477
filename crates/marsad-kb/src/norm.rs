//! Match keys: the text core's normalization ([`marsad_text::normalize()`]) plus whitespace
//! handling for multi-word names. Keys and documents go through the same function, so they
//! always agree.

pub use marsad_text::{normalize, Normalized};

/// Normalizes a knowledge-base name into a match key: normalized by the text core, whitespace
/// runs (and `-`, `_`, `–`, no-break spaces) collapsed to single spaces.
pub fn key(s: &str) -> String {
    let n = marsad_text::normalize_word(s);
    let mut out = String::with_capacity(n.len());
    for w in n.split(|c: char| c.is_whitespace() || matches!(c, '-' | '_' | '–' | '\u{a0}')) {
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
    fn keys_fold_hamza_taa_marbuta_diacritics_and_spaces() {
        assert_eq!(key("إدلبُ"), "ادلب");
        assert_eq!(key("الحسكة"), "الحسكه");
        assert_eq!(key("لـقسد"), "لقسد");
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
}

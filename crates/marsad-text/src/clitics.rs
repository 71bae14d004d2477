//! Clitic segmentation of normalized Arabic words.
//!
//! An Arabic orthographic word may carry proclitics and a pronoun suffix:
//! `conjunction? preposition? article? STEM pronoun?`, where the conjunction is و or ف, the
//! preposition ب, ل or ك, the article ال, and the pronoun one of ه ها هم هما هن ك كم كما كن
//! نا ي. The preposition ل before the article swallows its alef (ل + الحسكة → للحسكة); such a
//! stem is reported with [`Segmentation::restored_article`] and its key gets the ا back.
//! After a pronoun suffix a stem-final ت is the ة of the bare word (قواته → قوات, حكومته →
//! حكومه); [`Segmentation::restored_ta`] records that.
//!
//! [`segment`] splits **only** when the remaining stem is a known word or name (the caller's
//! `is_known`), trying the word itself first and then the smallest split. So الحسكة and الرقة
//! keep their lexical ال, لبنان is not ل + بنان, and بحلب is ب + حلب when حلب is known.
//! [`strip_prefixes`] and [`strip_suffixes`] list candidate cuts without a lexicon, for
//! matchers that look candidates up themselves.
//!
//! All functions take *normalized* words (see [`crate::normalize_word`]) and return byte
//! offsets into them.

use std::borrow::Cow;
use std::ops::Range;

/// Prefix sequences: (surface, restored_article), in the order they are tried (shortest
/// first). A restored-article entry means: after this surface, the stem starts with the
/// article's ل whose ا was swallowed.
const PREFIXES: &[(&str, bool)] = &[
    ("\u{0648}", false),                         // و
    ("\u{0641}", false),                         // ف
    ("\u{0628}", false),                         // ب
    ("\u{0644}", false),                         // ل
    ("\u{0643}", false),                         // ك
    ("\u{0644}", true),                          // ل + (ا)ل…
    ("\u{0648}\u{0628}", false),                 // وب
    ("\u{0648}\u{0644}", false),                 // ول
    ("\u{0648}\u{0643}", false),                 // وك
    ("\u{0641}\u{0628}", false),                 // فب
    ("\u{0641}\u{0644}", false),                 // فل
    ("\u{0641}\u{0643}", false),                 // فك
    ("\u{0627}\u{0644}", false),                 // ال
    ("\u{0648}\u{0644}", true),                  // ول + (ا)ل…
    ("\u{0641}\u{0644}", true),                  // فل + (ا)ل…
    ("\u{0648}\u{0627}\u{0644}", false),         // وال
    ("\u{0641}\u{0627}\u{0644}", false),         // فال
    ("\u{0628}\u{0627}\u{0644}", false),         // بال
    ("\u{0643}\u{0627}\u{0644}", false),         // كال
    ("\u{0644}\u{0644}", false),                 // لل (ل + ال, stem without article)
    ("\u{0648}\u{0628}\u{0627}\u{0644}", false), // وبال
    ("\u{0648}\u{0643}\u{0627}\u{0644}", false), // وكال
    ("\u{0648}\u{0644}\u{0644}", false),         // ولل
    ("\u{0641}\u{0628}\u{0627}\u{0644}", false), // فبال
    ("\u{0641}\u{0643}\u{0627}\u{0644}", false), // فكال
    ("\u{0641}\u{0644}\u{0644}", false),         // فلل
];

/// Pronoun suffixes, longest first.
const SUFFIXES: &[&str] = &[
    "\u{0647}\u{0645}\u{0627}", // هما
    "\u{0643}\u{0645}\u{0627}", // كما
    "\u{0647}\u{0627}",         // ها
    "\u{0647}\u{0645}",         // هم
    "\u{0647}\u{0646}",         // هن
    "\u{0643}\u{0645}",         // كم
    "\u{0643}\u{0646}",         // كن
    "\u{0646}\u{0627}",         // نا
    "\u{0647}",                 // ه
    "\u{0643}",                 // ك
    "\u{064A}",                 // ي
];

/// The minimum stem length, in characters.
const MIN_STEM_CHARS: usize = 2;

/// A word split into proclitics, stem and pronoun suffix. All ranges are byte ranges into
/// the (normalized) word and together cover it: `prefix.end == stem.start`,
/// `stem.end == suffix.start`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Segmentation {
    /// The proclitics (و ف ب ل ك ال and their combinations); empty when none.
    pub prefix: Range<usize>,
    /// The stem.
    pub stem: Range<usize>,
    /// The pronoun suffix; empty when none.
    pub suffix: Range<usize>,
    /// The stem lost the ا of its article after ل (للحسكة): its key is ا + stem.
    pub restored_article: bool,
    /// The stem's final ت stands for ة before a suffix (قواته): its key ends in ه.
    pub restored_ta: bool,
}

impl Segmentation {
    /// The whole word as a single stem.
    pub fn whole(word: &str) -> Segmentation {
        Segmentation {
            prefix: 0..0,
            stem: 0..word.len(),
            suffix: word.len()..word.len(),
            restored_article: false,
            restored_ta: false,
        }
    }

    /// Whether anything was split off.
    pub fn is_split(&self) -> bool {
        !self.prefix.is_empty() || !self.suffix.is_empty()
    }

    /// The stem's lookup key: the stem text, with a restored article alef and/or final ة
    /// (as ه) where the segmentation says so. `word` must be the word that was segmented.
    pub fn key<'a>(&self, word: &'a str) -> Cow<'a, str> {
        let stem = word.get(self.stem.clone()).unwrap_or("");
        make_key(stem, self.restored_article, self.restored_ta)
    }
}

fn make_key(stem: &str, restored_article: bool, restored_ta: bool) -> Cow<'_, str> {
    if !restored_article && !restored_ta {
        return Cow::Borrowed(stem);
    }
    let mut k = String::with_capacity(stem.len() + 2);
    if restored_article {
        k.push('\u{0627}');
    }
    match (restored_ta, stem.strip_suffix('\u{062A}')) {
        (true, Some(head)) => {
            k.push_str(head);
            k.push('\u{0647}');
        }
        _ => k.push_str(stem),
    }
    Cow::Owned(k)
}

/// A candidate stem start produced by [`strip_prefixes`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StemStart {
    /// Byte offset in the word where the stem starts.
    pub start: usize,
    /// The stem lost its article's ا after ل: look it up as ا + stem.
    pub restored_article: bool,
}

impl StemStart {
    /// The lookup key of the stem from here to the end of `word`.
    pub fn key<'a>(&self, word: &'a str) -> Cow<'a, str> {
        make_key(
            word.get(self.start..).unwrap_or(""),
            self.restored_article,
            false,
        )
    }
}

fn long_enough(stem: &str) -> bool {
    stem.chars().take(MIN_STEM_CHARS).count() >= MIN_STEM_CHARS
}

/// Candidate stem starts of a normalized word, without a lexicon: first the whole word
/// (offset 0), then every proclitic sequence the word begins with, shortest first, as long
/// as at least two characters remain.
///
/// ```
/// use marsad_text::strip_prefixes;
/// let w = "وبالحسكه";
/// let keys: Vec<String> = strip_prefixes(w).map(|s| s.key(w).into_owned()).collect();
/// assert_eq!(keys, ["وبالحسكه", "بالحسكه", "الحسكه", "حسكه"]);
/// ```
pub fn strip_prefixes(word_norm: &str) -> impl Iterator<Item = StemStart> + '_ {
    std::iter::once(StemStart {
        start: 0,
        restored_article: false,
    })
    .chain(PREFIXES.iter().filter_map(move |&(p, restored)| {
        let rest = word_norm.strip_prefix(p)?;
        if restored && !rest.starts_with('\u{0644}') {
            return None;
        }
        if !long_enough(rest) {
            return None;
        }
        Some(StemStart {
            start: p.len(),
            restored_article: restored,
        })
    }))
}

/// Candidate stem ends of a normalized stem, without a lexicon: first the whole stem, then
/// the end before each pronoun suffix it carries (longest suffix first), as long as at least
/// two characters remain.
pub fn strip_suffixes(stem_norm: &str) -> impl Iterator<Item = usize> + '_ {
    std::iter::once(stem_norm.len()).chain(SUFFIXES.iter().filter_map(move |s| {
        let head = stem_norm.strip_suffix(s)?;
        long_enough(head).then_some(head.len())
    }))
}

/// Splits a normalized word into proclitics, stem and pronoun suffix, but only when the
/// resulting stem key is known (`is_known`); otherwise the whole word is the stem. The word
/// itself is tried first, then prefixes shortest first, each without and then with a
/// suffix.
///
/// ```
/// use marsad_text::segment;
/// let known = |w: &str| ["الحسكه", "حلب", "لبنان"].contains(&w);
/// assert!(!segment("الحسكه", known).is_split());
/// assert!(!segment("لبنان", known).is_split());
/// let s = segment("بحلب", known);
/// assert_eq!(&"بحلب"[s.stem.clone()], "حلب");
/// let s = segment("للحسكه", known);
/// assert_eq!(s.key("للحسكه"), "الحسكه");
/// ```
pub fn segment(word_norm: &str, is_known: impl Fn(&str) -> bool) -> Segmentation {
    let len = word_norm.len();
    if is_known(word_norm) {
        return Segmentation::whole(word_norm);
    }
    for cand in strip_prefixes(word_norm) {
        let rest = &word_norm[cand.start..];
        for end in strip_suffixes(rest) {
            let has_suffix = end < rest.len();
            if cand.start == 0 && !has_suffix {
                continue; // the whole word, already tried
            }
            let stem = &rest[..end];
            let ta_options: &[bool] = if has_suffix && stem.ends_with('\u{062A}') {
                &[false, true]
            } else {
                &[false]
            };
            for &ta in ta_options {
                if is_known(&make_key(stem, cand.restored_article, ta)) {
                    return Segmentation {
                        prefix: 0..cand.start,
                        stem: cand.start..cand.start + end,
                        suffix: cand.start + end..len,
                        restored_article: cand.restored_article,
                        restored_ta: ta,
                    };
                }
            }
        }
    }
    Segmentation::whole(word_norm)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::normalize_word;

    const KNOWN: &[&str] = &[
        "الحسكة",
        "الرقة",
        "حلب",
        "لبنان",
        "القامشلي",
        "قوات",
        "حكومة",
        "النظام",
        "كتاب",
        "بيت",
        "الاحياء",
        "حصار",
    ];

    fn known(w: &str) -> bool {
        KNOWN.iter().any(|k| normalize_word(k) == w)
    }

    fn seg(word: &str) -> (String, String, String, String) {
        let w = normalize_word(word);
        let s = segment(&w, known);
        (
            w[s.prefix.clone()].to_string(),
            w[s.stem.clone()].to_string(),
            w[s.suffix.clone()].to_string(),
            s.key(&w).into_owned(),
        )
    }

    fn n(s: &str) -> String {
        normalize_word(s)
    }

    #[test]
    fn lexical_article_is_kept() {
        assert_eq!(seg("الحسكة"), (n(""), n("الحسكة"), n(""), n("الحسكة")));
        assert_eq!(seg("الرقة"), (n(""), n("الرقة"), n(""), n("الرقة")));
    }

    #[test]
    fn lebanon_is_not_lam_plus_stem() {
        assert_eq!(seg("لبنان").1, n("لبنان"));
        assert!(!segment(&n("لبنان"), |w| w == n("بنان") || w == n("لبنان")).is_split());
    }

    #[test]
    fn conjunctions_prepositions_and_article() {
        assert_eq!(seg("والحسكة"), (n("و"), n("الحسكة"), n(""), n("الحسكة")));
        assert_eq!(seg("بالرقة"), (n("ب"), n("الرقة"), n(""), n("الرقة")));
        assert_eq!(seg("وبحلب"), (n("وب"), n("حلب"), n(""), n("حلب")));
        assert_eq!(seg("فحلب"), (n("ف"), n("حلب"), n(""), n("حلب")));
        assert_eq!(seg("كحلب").1, n("حلب"));
        assert_eq!(
            seg("وبالقامشلي"),
            (n("وب"), n("القامشلي"), n(""), n("القامشلي"))
        );
    }

    #[test]
    fn lam_swallows_article_alef() {
        assert_eq!(seg("للحسكة"), (n("ل"), n("لحسكة"), n(""), n("الحسكة")));
        assert_eq!(seg("وللرقة").3, n("الرقة"));
        assert_eq!(seg("للنظام").3, n("النظام"));
    }

    #[test]
    fn pronoun_suffixes_and_restored_ta() {
        assert_eq!(seg("بيتهم"), (n(""), n("بيت"), n("هم"), n("بيت")));
        assert_eq!(seg("وقواته"), (n("و"), n("قوات"), n("ه"), n("قوات")));
        assert_eq!(seg("حكومتها"), (n(""), n("حكومت"), n("ها"), n("حكومة")));
        assert_eq!(seg("حصارنا").1, n("حصار"));
    }

    #[test]
    fn unknown_words_stay_whole() {
        assert!(!segment(&n("وصلت"), known).is_split());
        assert_eq!(seg("ومجهول").1, n("ومجهول"));
    }

    #[test]
    fn strip_prefixes_lists_candidates() {
        let w = n("وللحسكة");
        let keys: Vec<String> = strip_prefixes(&w).map(|s| s.key(&w).into_owned()).collect();
        assert_eq!(
            keys,
            vec![
                n("وللحسكة"),
                n("للحسكة"),
                n("لحسكة"),
                n("الحسكة"),
                n("حسكة")
            ]
        );
        // at least two characters remain
        assert_eq!(strip_prefixes(&n("وب")).count(), 1);
    }

    #[test]
    fn strip_suffixes_lists_candidates() {
        let w = n("بيتهما");
        let stems: Vec<&str> = strip_suffixes(&w).map(|e| &w[..e]).collect();
        assert_eq!(stems, vec![w.as_str(), "بيت"]);
        let w = n("بيتها");
        let stems: Vec<&str> = strip_suffixes(&w).map(|e| &w[..e]).collect();
        assert_eq!(stems, vec![w.as_str(), "بيت"]);
    }
}

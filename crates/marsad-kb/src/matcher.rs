//! The one-pass matcher: leftmost-longest whole-word matches on normalized keys, through
//! proclitics, with original byte offsets.

use crate::model::EntryRef;
use crate::norm::Normalized as Norm;
use crate::{Kb, KeyEntry};
use serde::Serialize;
use std::ops::Range;

/// A word right before a place name that says what kind of place it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Cue {
    /// مدينة
    City,
    /// محافظة
    Governorate,
    /// منطقة
    Area,
    /// ناحية
    Subdistrict,
    /// حي، أحياء
    Neighbourhood,
    /// بلدة، قرية
    Settlement,
    /// مخيم
    Camp,
    /// ريف، قرب، محيط، أطراف، ضواحي، شمال/جنوب/شرق/غرب: precision 2.
    Near,
    /// دولة
    Country,
}

/// Whether a matched name is a common word, and for which readings (internal).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(crate) enum Common {
    /// A name.
    #[default]
    No,
    /// Its Syrian readings are common words outside Syrian news (الباب).
    Syrian,
    /// Every reading is a common word (بورصة).
    Any,
}

/// One knowledge-base mention in a document.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Mention {
    /// Original byte range of the name (a stripped proclitic such as و/ب/ل is outside, a
    /// lexical ال inside).
    pub span: Range<usize>,
    /// Original byte range of the whole word group, proclitic included.
    pub outer: Range<usize>,
    /// Every entry the words can name.
    pub candidates: Vec<EntryRef>,
    /// The entry chosen from context: the place when the words name a place, else the actor.
    pub chosen: Option<EntryRef>,
    /// The best place reading, when there is one.
    pub place: Option<u32>,
    /// The best actor reading, when there is one.
    pub actor: Option<u32>,
    /// ACLED geo-precision of the place reading (context-adjusted: بريف حلب → 2).
    pub precision: Option<u8>,
    /// The cue word before the mention, when any.
    pub cue: Option<Cue>,
    /// Whether the matched key is an adjective form (الروسية).
    pub adjective: bool,
    /// The matched name is a common word outside Syrian news (الباب، التضامن): its Syrian
    /// readings need a cue, an adjacent parent or sibling, or a locative preposition in a
    /// document that names their governorate (internal).
    #[serde(skip)]
    pub(crate) common: Common,
    /// Normalized byte range (internal: used by resolution).
    #[serde(skip)]
    pub(crate) nspan: Range<usize>,
    /// The matched key's id (internal).
    #[serde(skip)]
    pub(crate) key: u32,
    /// Candidates reached only through a back-reference (التنظيم): kept only when the actor
    /// was named earlier in the document (internal).
    #[serde(skip)]
    pub(crate) anaphors: Vec<EntryRef>,
}

/// Letters and digits (a fast path for ASCII and Arabic; Unicode tables otherwise).
#[inline]
fn is_word(c: char) -> bool {
    match c as u32 {
        0x30..=0x39 | 0x41..=0x5A | 0x61..=0x7A => true,
        0..=0x7F => false,
        0x0621..=0x064A | 0x0660..=0x0669 | 0x066E..=0x066F | 0x0671..=0x06D3 | 0x06D5 => true,
        0x06EE..=0x06FF => true,
        0x0600..=0x0620 | 0x064B..=0x065F | 0x066A..=0x066D | 0x0670 => false,
        _ => c.is_alphanumeric(),
    }
}

#[inline]
fn char_at(t: &str, i: usize) -> Option<char> {
    t.get(i..).and_then(|s| s.chars().next())
}

/// Length of the horizontal space at `j` (space, tab, no-break space), 0 if none.
#[inline]
fn space_len(b: &[u8], j: usize) -> usize {
    match b[j] {
        b' ' | b'\t' => 1,
        0xC2 if b.get(j + 1) == Some(&0xA0) => 2,
        _ => 0,
    }
}

const WAW: &str = "و";
const FA: &str = "ف";

fn is_prep(c: char) -> bool {
    matches!(c, 'ب' | 'ل' | 'ك')
}

impl Kb {
    /// Raw matches over a normalized text, unresolved (candidates only).
    pub(crate) fn find_normalized(&self, orig: &str, norm: &Norm) -> Vec<Mention> {
        let t = norm.text.as_str();
        let b = t.as_bytes();
        let mut out: Vec<Mention> = Vec::new();
        let mut i = 0;
        let mut prev_word = false;
        while i < b.len() {
            let Some(c) = char_at(t, i) else { break };
            let cl = c.len_utf8();
            if !is_word(c) {
                prev_word = false;
                i += cl;
                continue;
            }
            if prev_word {
                i += cl;
                continue;
            }
            // Word start at i.
            if let Some((s, e, key, prefix)) = self.match_at(t, i) {
                let _ = prefix;
                let entries = &self.keys[key as usize];
                let needs_l_ok = s > i && t[..s].ends_with('ل');
                let span = norm.to_original(s..e);
                let mut cue = cue_before(t, i);
                // "محافظتي حلب والحسكة": a coordinated name shares the cue of the one before.
                if cue.is_none() && s > i && t[i..].starts_with(WAW) {
                    if let Some(prev) = out.last() {
                        let gap = t.get(prev.nspan.end..i).unwrap_or("x");
                        if gap.chars().all(|c| c == ' ' || c == '\t') {
                            cue = prev.cue;
                        }
                    }
                }
                // Names never carry tanween: دوماً / دومًا is "always", مديراً "as director" —
                // unless a cue word says "place" (قرية ...).
                let tanween = has_tanween(orig, span.clone()) && !crate::resolve::cue_licenses(cue);
                let mut candidates: Vec<EntryRef> = Vec::with_capacity(entries.len());
                let mut adjective = false;
                let mut anaphors: Vec<EntryRef> = Vec::new();
                for en in entries {
                    if (en.needs_l && !needs_l_ok)
                        || (tanween && matches!(en.target, EntryRef::Place(_)))
                    {
                        continue;
                    }
                    if !candidates.contains(&en.target) {
                        candidates.push(en.target);
                        if en.anaphor {
                            anaphors.push(en.target);
                        }
                    } else if !en.anaphor {
                        anaphors.retain(|a| *a != en.target);
                    }
                    adjective |= en.adjective;
                }
                if candidates.is_empty() {
                    prev_word = true;
                    i += cl;
                    continue;
                }
                out.push(Mention {
                    span,
                    outer: norm.to_original(i..e),
                    candidates,
                    chosen: None,
                    place: None,
                    actor: None,
                    precision: None,
                    cue,
                    adjective,
                    common: t.get(s..e).map_or(Common::No, |w| {
                        if self.common_any.contains(w) {
                            Common::Any
                        } else if self.common.contains(w) {
                            Common::Syrian
                        } else {
                            Common::No
                        }
                    }),
                    nspan: s..e,
                    key,
                    anaphors,
                });
                i = e;
                prev_word = false;
                continue;
            }
            prev_word = true;
            i += cl;
        }
        out
    }

    /// The longest valid match starting at word start `w`, trying the proclitic splits:
    /// (start, end, key id, proclitic length).
    fn match_at(&self, t: &str, w: usize) -> Option<(usize, usize, u32, usize)> {
        let mut starts: [usize; 3] = [w, usize::MAX, usize::MAX];
        let rest = &t[w..];
        let mut chars = rest.char_indices();
        if let Some((_, c0)) = chars.next() {
            let c0l = c0.len_utf8();
            if rest.starts_with(WAW) || rest.starts_with(FA) || is_prep(c0) {
                starts[1] = w + c0l;
                if (rest.starts_with(WAW) || rest.starts_with(FA))
                    && rest[c0l..].chars().next().is_some_and(is_prep)
                {
                    starts[2] = w + c0l + 2;
                }
            }
        }
        // A whole word more frequent than the name inside it (فاطمة, لبنان, ورقة) or a first
        // name is never that proclitic + that name.
        let whole_end = w + rest
            .char_indices()
            .find(|(_, c)| !is_word(*c))
            .map_or(rest.len(), |(j, _)| j);
        let mut best: Option<(usize, usize, u32, usize)> = None;
        for &s in starts.iter().filter(|&&s| s != usize::MAX) {
            if s > w
                && !self.no_split.is_empty()
                && t.get(w..s)
                    .zip(t.get(s..whole_end))
                    .is_some_and(|(p, n)| self.no_split.contains(&format!("{p}+{n}")))
            {
                continue;
            }
            // A proclitic must leave at least two letters.
            if s > w && t[s..].chars().take_while(|c| is_word(*c)).count() < 2 {
                continue;
            }
            if let Some((e, k)) = self.walk(t, s, s > w && t[..s].ends_with('ل')) {
                if best.is_none_or(|b| e > b.1) {
                    best = Some((s, e, k, s - w));
                }
            }
        }
        best
    }

    /// Walks the trie from `s`; returns the end and key of the longest key ending on a word
    /// boundary with at least one usable entry.
    fn walk(&self, t: &str, s: usize, after_l: bool) -> Option<(usize, u32)> {
        let b = t.as_bytes();
        let mut node = 0u32;
        let mut j = s;
        let mut best = None;
        while j < b.len() {
            if space_len(b, j) > 0 {
                // A run of spaces in the text matches one space of a key.
                node = match self.trie.step(node, b' ') {
                    Some(n) => n,
                    None => break,
                };
                while j < b.len() {
                    match space_len(b, j) {
                        0 => break,
                        n => j += n,
                    }
                }
                continue;
            }
            let byte = b[j];
            node = match self.trie.step(node, byte) {
                Some(n) => n,
                None => break,
            };
            j += 1;
            if j < b.len() && (b[j] & 0xC0) == 0x80 {
                continue; // inside a character
            }
            if let Some(k) = self.trie.value(node) {
                let boundary = char_at(t, j).is_none_or(|c| !is_word(c));
                if boundary && self.usable(k, after_l) {
                    best = Some((j, k));
                }
            }
        }
        best
    }

    fn usable(&self, k: u32, after_l: bool) -> bool {
        self.keys
            .get(k as usize)
            .is_some_and(|es: &Vec<KeyEntry>| es.iter().any(|e| !e.needs_l || after_l))
    }
}

/// Whether the original text of a name carries tanween (ـًا ـٌ ـٍ, or اً), inside the span or
/// right after it.
fn has_tanween(orig: &str, span: Range<usize>) -> bool {
    let is_tw = |c: char| matches!(c, '\u{064B}' | '\u{064C}' | '\u{064D}');
    orig.get(span.clone()).is_some_and(|x| x.chars().any(is_tw))
        || orig
            .get(span.end..)
            .and_then(|x| x.chars().next())
            .is_some_and(is_tw)
}

/// Strips و/ف then ب/ل from a normalized token.
fn strip_proclitics(tok: &str) -> impl Iterator<Item = &str> {
    let mut v = vec![tok];
    let mut t = tok;
    if let Some(r) = t.strip_prefix(WAW).or_else(|| t.strip_prefix(FA)) {
        v.push(r);
        t = r;
    }
    if let Some(r) = t
        .strip_prefix('ب')
        .or_else(|| t.strip_prefix('ل'))
        .or_else(|| t.strip_prefix('ك'))
    {
        v.push(r);
        if let Some(r2) = r.strip_prefix('ا') {
            // بال / لل : the article of the cue noun (بالمدينة) — keep as is.
            let _ = r2;
        }
    }
    v.into_iter()
}

fn cue_word(w: &str) -> Option<Cue> {
    Some(match w {
        "مدينه" | "مدينتي" | "مدن" | "المدينه" => Cue::City,
        "محافظه" | "محافظتي" | "محافظات" => Cue::Governorate,
        "منطقه" | "منطقتي" | "مناطق" | "منطقتا" => Cue::Area,
        "ناحيه" => Cue::Subdistrict,
        "حي" | "حيي" | "احياء" | "حيا" => Cue::Neighbourhood,
        "بلده" | "بلدات" | "بلدتي" | "بلدتا" | "قريه" | "قري" | "قريتي" | "قريتا" => {
            Cue::Settlement
        }
        "مخيم" | "مخيمي" | "مخيمات" => Cue::Camp,
        "ريف" | "ارياف" | "قرب" | "محيط" | "اطراف" | "ضواحي" | "ضاحيه" | "شمال" | "جنوب"
        | "شرق" | "غرب" | "شمالي" | "جنوبي" | "شرقي" | "غربي" | "القرب" | "مشارف" | "تخوم" => {
            Cue::Near
        }
        "دوله" => Cue::Country,
        _ => return None,
    })
}

/// The cue a normalized token stands for (after stripping و/ف/ب/ل), if any.
pub(crate) fn cue_of_token(tok: &str) -> Option<Cue> {
    strip_proclitics(tok).find_map(cue_word)
}

/// The cue word right before normalized position `w`, if any (not across punctuation).
pub(crate) fn cue_before(t: &str, w: usize) -> Option<Cue> {
    let before = t.get(..w)?;
    let trimmed = before.trim_end_matches([' ', '\t']);
    if trimmed.len() == before.len() && !before.is_empty() {
        return None;
    }
    let start = trimmed
        .char_indices()
        .rev()
        .find(|(_, c)| !is_word(*c))
        .map(|(i, c)| i + c.len_utf8())
        .unwrap_or(0);
    let tok = &trimmed[start..];
    if tok.is_empty() {
        return None;
    }
    if let Some(c) = strip_proclitics(tok).find_map(cue_word) {
        // "أطراف المدينة الشمالية": a definite head before a definite word is a noun and its
        // adjective, not a cue and a name
        if c == Cue::City && tok.ends_with("المدينه") && t[w..].starts_with("ال") {
            return None;
        }
        return Some(c);
    }
    // بالقرب من X، على مقربة من X
    if tok == "من" {
        let t2 = trimmed[..start].trim_end_matches([' ', '\t']);
        let s2 = t2
            .char_indices()
            .rev()
            .find(|(_, c)| !is_word(*c))
            .map(|(i, c)| i + c.len_utf8())
            .unwrap_or(0);
        let tok2 = &t2[s2..];
        if matches!(tok2, "بالقرب" | "مقربه" | "القرب" | "قريب" | "قريبا")
        {
            return Some(Cue::Near);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Kb;

    fn tiny() -> Kb {
        let places = "id\tkind\tname_en\tname_ar\tnames\tlat\tlon\n\
                      t:aleppo\tcity\tAleppo\tحلب\t\t36.2\t37.15\n\
                      t:hasakah\tcity\tHasakah\tالحسكة\t\t36.5\t40.75\n\
                      t:sm\tneighbourhood\tSheikh Maqsoud\tالشيخ مقصود\t\t36.22\t37.15\n\
                      t:bab\tcity\tAl-Bab\tالباب\t\t36.37\t37.51\n";
        let actors = "id\tname\tkind\tsector\taliases\tadjectives\n\
                      a:sdf\tSyrian Democratic Forces\tarmed_group\tREB\tقسد|قوات سوريا الديمقراطية\t\n\
                      a:gov\tSyrian government\tstate\tGOV\tالنظام\t\n\
                      a:ru\tRussia\tstate\tGOV\tروسيا\tروسي\n";
        Kb::from_sources(&[("p.tsv", places), ("a.tsv", actors)]).expect("tiny kb")
    }

    fn spans(kb: &Kb, t: &str) -> Vec<String> {
        kb.find(t)
            .iter()
            .map(|m| t[m.span.clone()].to_string())
            .collect()
    }

    #[test]
    fn proclitics_are_stripped_from_the_span() {
        let kb = tiny();
        assert_eq!(spans(&kb, "وبحلب"), ["حلب"]);
        assert_eq!(spans(&kb, "فلقسد"), ["قسد"]);
        assert_eq!(spans(&kb, "للنظام"), ["لنظام"]);
        assert_eq!(spans(&kb, "والحسكة"), ["الحسكة"]);
        assert_eq!(spans(&kb, "بالحسكة"), ["الحسكة"]);
        // a lexical ال stays: الباب is a name, not ال + باب (bare, it is "the door")
        assert_eq!(spans(&kb, "مدينة الباب"), ["الباب"]);
        assert!(spans(&kb, "فتح الباب أمام الحوار").is_empty());
    }

    #[test]
    fn whole_words_only_and_longest_match() {
        let kb = tiny();
        assert!(spans(&kb, "حلبي وحلبية").is_empty());
        assert_eq!(
            spans(&kb, "قوات سوريا الديمقراطية"),
            ["قوات سوريا الديمقراطية"]
        );
        assert_eq!(
            spans(&kb, "قوات  سوريا\u{a0}الديموقراطية"),
            ["قوات  سوريا\u{a0}الديموقراطية"]
        );
        // no match across a line break
        assert!(spans(&kb, "قوات سوريا\nالديمقراطية").is_empty());
    }

    #[test]
    fn diacritics_tatweel_and_adjectives() {
        let kb = tiny();
        assert_eq!(spans(&kb, "حَلَبُ"), ["حَلَبُ"]);
        assert_eq!(spans(&kb, "لـقسد"), ["قسد"]);
        assert_eq!(spans(&kb, "بوساطة روسية والروسيين"), ["روسية", "الروسيين"]);
    }

    #[test]
    fn cue_words_before_names() {
        let t = normalize_for_test("في مدينة حلب وبريف الحسكة بالقرب من الباب");
        let at = |w: &str| t.find(w).expect("word");
        assert_eq!(cue_before(&t, at("حلب")), Some(Cue::City));
        assert_eq!(cue_before(&t, at("الحسكه")), Some(Cue::Near));
        assert_eq!(cue_before(&t, at("الباب")), Some(Cue::Near));
        assert_eq!(cue_before(&t, at("مدينه")), None);
    }

    fn normalize_for_test(s: &str) -> String {
        crate::norm::normalize(s).text
    }

    #[test]
    fn spans_map_to_char_boundaries_on_any_input() {
        let kb = tiny();
        for t in [
            "",
            "ـ",
            "\u{feff}حلب",
            "x\u{0301}حلب",
            "😀حلب😀",
            "ﺣﻠﺐ",
            "ل",
            "وو",
            "لل",
        ] {
            for m in kb.find(t) {
                assert!(
                    t.is_char_boundary(m.span.start) && t.is_char_boundary(m.span.end),
                    "{t:?}"
                );
            }
        }
    }
}

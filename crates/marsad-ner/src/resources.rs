//! Run-time resources of the feature extractor: the gazetteer (from ANERGazet, shipped under
//! `data/ner/gazetteer/`) and the word clusters (induced from the news corpus, shipped as
//! `data/ner/clusters.tsv`).

use crate::features::FastMap;
use crate::text::{normalize, strip_proclitics};
use crate::EntityKind;

/// Bundled ANERGazet-derived lists (normalized, one entry a line, words separated by spaces).
pub const BUNDLED_GAZ_PERS: &str = include_str!("../../../data/ner/gazetteer/pers.txt");
/// Bundled location list.
pub const BUNDLED_GAZ_LOC: &str = include_str!("../../../data/ner/gazetteer/loc.txt");
/// Bundled organisation list.
pub const BUNDLED_GAZ_ORG: &str = include_str!("../../../data/ner/gazetteer/org.txt");
/// Bundled word clusters (`word<TAB>bits`, normalized words).
pub const BUNDLED_CLUSTERS: &str = include_str!("../../../data/ner/clusters.tsv");

/// Multi-word name lists by kind, matched greedily (longest first) over normalized tokens.
#[derive(Debug, Clone, Default)]
pub struct Gazetteer {
    /// first word → (remaining words, kind bit mask)
    entries: FastMap<String, Vec<(Vec<String>, u8)>>,
    len: usize,
}

fn kind_bit(k: EntityKind) -> u8 {
    match k {
        EntityKind::Pers => 1,
        EntityKind::Loc => 2,
        EntityKind::Org => 4,
        EntityKind::Misc => 8,
    }
}

impl Gazetteer {
    /// An empty gazetteer.
    pub fn new() -> Gazetteer {
        Gazetteer::default()
    }

    /// The bundled ANERGazet lists.
    pub fn bundled() -> Gazetteer {
        let mut g = Gazetteer::new();
        g.add_list(EntityKind::Pers, BUNDLED_GAZ_PERS);
        g.add_list(EntityKind::Loc, BUNDLED_GAZ_LOC);
        g.add_list(EntityKind::Org, BUNDLED_GAZ_ORG);
        g
    }

    /// Adds one name per line (lines starting with `#` and blank lines skipped).
    pub fn add_list(&mut self, kind: EntityKind, text: &str) {
        for line in text.lines() {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            self.add(kind, line);
        }
    }

    /// Adds one (possibly multi-word) name.
    pub fn add(&mut self, kind: EntityKind, name: &str) {
        let words: Vec<String> = crate::text::tokenize(name)
            .into_iter()
            .map(|r| normalize(&name[r]))
            .collect();
        let Some((first, rest)) = words.split_first() else {
            return;
        };
        let list = self.entries.entry(first.clone()).or_default();
        if let Some(e) = list.iter_mut().find(|e| e.0 == rest) {
            e.1 |= kind_bit(kind);
        } else {
            list.push((rest.to_vec(), kind_bit(kind)));
            list.sort_by_key(|e| std::cmp::Reverse(e.0.len()));
            self.len += 1;
        }
    }

    /// Number of distinct names.
    pub fn len(&self) -> usize {
        self.len
    }

    /// Whether the gazetteer is empty.
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    fn lookup_first(&self, norm: &str) -> Option<&Vec<(Vec<String>, u8)>> {
        if let Some(v) = self.entries.get(norm) {
            return Some(v);
        }
        // one proclitic letter (و ف ب ل ك) off, then the full proclitic string
        let mut cs = norm.chars();
        if let Some(c) = cs.next() {
            if matches!(c, 'و' | 'ف' | 'ب' | 'ل' | 'ك') && cs.clone().count() >= 3 {
                if let Some(v) = self.entries.get(cs.as_str()) {
                    return Some(v);
                }
            }
        }
        let (pc, stem) = strip_proclitics(norm);
        if !pc.is_empty() {
            if let Some(v) = self.entries.get(stem) {
                return Some(v);
            }
            if pc.ends_with("ال") || pc.ends_with("لل") {
                let mut with_al = String::with_capacity(stem.len() + 4);
                with_al.push_str("ال");
                with_al.push_str(stem);
                return self.entries.get(&with_al);
            }
        }
        None
    }

    /// Marks matches over a sentence of normalized tokens: per token, bits 0-3 = begins a
    /// match of PERS/LOC/ORG/MISC, bits 4-7 = continues one.
    pub fn mark(&self, norms: &[String], out: &mut Vec<u8>) {
        out.clear();
        out.resize(norms.len(), 0);
        if self.entries.is_empty() {
            return;
        }
        for i in 0..norms.len() {
            let Some(cands) = self.lookup_first(&norms[i]) else {
                continue;
            };
            for (rest, mask) in cands {
                if i + 1 + rest.len() > norms.len() {
                    continue;
                }
                if rest.iter().zip(&norms[i + 1..]).all(|(a, b)| a == b) {
                    out[i] |= mask;
                    for o in &mut out[i + 1..i + 1 + rest.len()] {
                        *o |= mask << 4;
                    }
                }
            }
        }
    }
}

/// Hierarchical word clusters: normalized word → bit path (as a `u64`, first bit highest)
/// and its length.
#[derive(Debug, Clone, Default)]
pub struct Clusters {
    map: FastMap<String, (u64, u8)>,
    rank: FastMap<String, u32>,
}

impl Clusters {
    /// No clusters.
    pub fn new() -> Clusters {
        Clusters::default()
    }

    /// The bundled clusters.
    pub fn bundled() -> Clusters {
        Clusters::parse(BUNDLED_CLUSTERS)
    }

    /// Parses `word<TAB>bits` lines (bits: a string of `0`/`1`, at most 63); bad lines are
    /// skipped.
    pub fn parse(text: &str) -> Clusters {
        let mut map = FastMap::default();
        let mut rank = FastMap::default();
        for line in text.lines() {
            let Some((w, bits)) = line.split_once('\t') else {
                continue;
            };
            let r = rank.len() as u32;
            rank.entry(w.to_string()).or_insert(r);
            let bits = bits.trim();
            if bits.len() > 63 || !bits.bytes().all(|b| b == b'0' || b == b'1') {
                continue;
            }
            let mut path = 0u64;
            for b in bits.bytes() {
                path = (path << 1) | u64::from(b == b'1');
            }
            map.insert(w.to_string(), (path, bits.len() as u8));
        }
        Clusters { map, rank }
    }

    /// Frequency rank of a normalized word in the clustering corpus (0 = most frequent;
    /// the file is sorted by frequency), exact form only.
    pub fn rank(&self, norm: &str) -> Option<u32> {
        self.rank.get(norm).copied()
    }

    /// Number of words.
    pub fn len(&self) -> usize {
        self.map.len()
    }

    /// Whether there are no clusters.
    pub fn is_empty(&self) -> bool {
        self.map.is_empty()
    }

    /// The path of a normalized word, trying the word, then without one proclitic letter, then
    /// its stem with and without the article.
    pub fn get(&self, norm: &str) -> Option<(u64, u8)> {
        if self.map.is_empty() {
            return None;
        }
        if let Some(&p) = self.map.get(norm) {
            return Some(p);
        }
        let mut cs = norm.chars();
        if let Some(c) = cs.next() {
            if matches!(c, 'و' | 'ف' | 'ب' | 'ل' | 'ك') && cs.clone().count() >= 3 {
                if let Some(&p) = self.map.get(cs.as_str()) {
                    return Some(p);
                }
            }
        }
        let (pc, stem) = strip_proclitics(norm);
        if pc.is_empty() {
            return None;
        }
        if pc.ends_with("ال") || pc.ends_with("لل") {
            let mut with_al = String::with_capacity(stem.len() + 4);
            with_al.push_str("ال");
            with_al.push_str(stem);
            if let Some(&p) = self.map.get(&with_al) {
                return Some(p);
            }
        }
        self.map.get(stem).copied()
    }
}

/// Everything the feature extractor looks up.
#[derive(Debug, Clone, Default)]
pub struct Resources {
    /// Name lists.
    pub gazetteer: Gazetteer,
    /// Word clusters.
    pub clusters: Clusters,
    /// Self-trained name lexicon (comes with a model; empty for a first-stage model).
    pub lexicon: crate::lexicon::AutoLex,
}

impl Resources {
    /// The bundled gazetteer and clusters.
    pub fn bundled() -> Resources {
        Resources {
            gazetteer: Gazetteer::bundled(),
            clusters: Clusters::bundled(),
            lexicon: Default::default(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn norms(s: &str) -> Vec<String> {
        crate::text::tokenize(s)
            .into_iter()
            .map(|r| normalize(&s[r]))
            .collect()
    }

    #[test]
    fn gazetteer_marks_multiword_and_clitic_forms() {
        let mut g = Gazetteer::new();
        g.add(EntityKind::Loc, "دمشق");
        g.add(EntityKind::Org, "الأمم المتحدة");
        g.add(EntityKind::Loc, "العراق");
        let mut out = Vec::new();
        g.mark(&norms("وصل وفد الامم المتحدة إلى دمشق وبالعراق"), &mut out);
        assert_eq!(out, vec![0, 0, 4, 4 << 4, 0, 2, 2]);
    }

    #[test]
    fn clusters_parse_and_fallbacks() {
        let c = Clusters::parse("العراق\t0110\nدمشق\t10\nbad line\nx\t012\n");
        assert_eq!(c.len(), 2);
        assert_eq!(c.get("العراق"), Some((0b0110, 4)));
        assert_eq!(c.get("بالعراق"), Some((0b0110, 4)));
        assert_eq!(c.get("ودمشق"), Some((0b10, 2)));
        assert_eq!(c.get("حلب"), None);
    }
}

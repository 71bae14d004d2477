//! A self-trained name lexicon: how often a tagger labelled each word of a large unlabelled
//! corpus (the news corpus) with each BIO label. For a word never seen in the annotated
//! training data, the labels the tagger gave it across thousands of news contexts are strong
//! evidence of its kind.
//!
//! Text format, one word a line: `word<TAB>count<TAB>p1 p2 ... p8`, where `p_l` is the
//! percentage of occurrences tagged with label `l` (1 = B-PERS ... 8 = I-MISC; `O` implied).

use crate::features::FastMap;
use crate::tags::NUM_LABELS;

/// Label distribution of one word.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LexEntry {
    /// Occurrences in the corpus.
    pub count: u32,
    /// Percentage per entity label (index 0 = label 1, B-PERS).
    pub pct: [u8; NUM_LABELS - 1],
}

/// Word → label distribution.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct AutoLex {
    map: FastMap<String, LexEntry>,
}

impl AutoLex {
    /// An empty lexicon.
    pub fn new() -> AutoLex {
        AutoLex::default()
    }

    /// Number of words.
    pub fn len(&self) -> usize {
        self.map.len()
    }

    /// Whether there are no words.
    pub fn is_empty(&self) -> bool {
        self.map.is_empty()
    }

    /// Builds from per-word label counts (`counts[l]` for each of the [`NUM_LABELS`] labels),
    /// keeping words seen at least `min_count` times whose entity labels reach `min_pct`
    /// percent.
    pub fn from_counts(
        counts: impl IntoIterator<Item = (String, [u32; NUM_LABELS])>,
        min_count: u32,
        min_pct: u8,
    ) -> AutoLex {
        let mut map = FastMap::default();
        for (w, c) in counts {
            let total: u32 = c.iter().sum();
            if total < min_count.max(1) {
                continue;
            }
            let mut pct = [0u8; NUM_LABELS - 1];
            for l in 1..NUM_LABELS {
                pct[l - 1] =
                    ((u64::from(c[l]) * 100 + u64::from(total) / 2) / u64::from(total)) as u8;
            }
            let ent: u32 = pct.iter().map(|&p| u32::from(p)).sum();
            if ent < u32::from(min_pct) {
                continue;
            }
            map.insert(w, LexEntry { count: total, pct });
        }
        AutoLex { map }
    }

    /// Parses the text format (bad lines skipped).
    pub fn parse(text: &str) -> AutoLex {
        let mut map = FastMap::default();
        for line in text.lines() {
            let mut cols = line.split('\t');
            let (Some(w), Some(n), Some(ps)) = (cols.next(), cols.next(), cols.next()) else {
                continue;
            };
            let Ok(count) = n.parse::<u32>() else {
                continue;
            };
            let mut pct = [0u8; NUM_LABELS - 1];
            let mut ok = true;
            let mut k = 0;
            for p in ps.split(' ') {
                match (p.parse::<u8>(), pct.get_mut(k)) {
                    (Ok(v), Some(slot)) if v <= 100 => *slot = v,
                    _ => ok = false,
                }
                k += 1;
            }
            if ok && k == NUM_LABELS - 1 {
                map.insert(w.to_string(), LexEntry { count, pct });
            }
        }
        AutoLex { map }
    }

    /// The text format, sorted by word (deterministic).
    pub fn to_text(&self) -> String {
        let mut words: Vec<&String> = self.map.keys().collect();
        words.sort();
        let mut s = String::new();
        for w in words {
            let e = &self.map[w];
            s.push_str(w);
            s.push('\t');
            s.push_str(&e.count.to_string());
            s.push('\t');
            let ps: Vec<String> = e.pct.iter().map(u8::to_string).collect();
            s.push_str(&ps.join(" "));
            s.push('\n');
        }
        s
    }

    /// The entry of a normalized word, trying the word, then without one proclitic letter,
    /// then its stem with the article.
    pub fn get(&self, norm: &str) -> Option<&LexEntry> {
        crate::resources::get_with_proclitics(&self.map, norm, crate::resources::BareStem::Never)
    }
}

/// Counts labels per normalized word while tagging a corpus.
#[derive(Debug, Default)]
pub struct LexCounter {
    counts: FastMap<String, [u32; NUM_LABELS]>,
}

impl LexCounter {
    /// An empty counter.
    pub fn new() -> LexCounter {
        LexCounter::default()
    }

    /// Adds one tagged token.
    pub fn add(&mut self, norm: &str, label: usize) {
        if label >= NUM_LABELS {
            return;
        }
        if let Some(c) = self.counts.get_mut(norm) {
            c[label] += 1;
        } else {
            let mut c = [0u32; NUM_LABELS];
            c[label] = 1;
            self.counts.insert(norm.to_string(), c);
        }
    }

    /// The lexicon (see [`AutoLex::from_counts`]).
    pub fn finish(self, min_count: u32, min_pct: u8) -> AutoLex {
        AutoLex::from_counts(self.counts, min_count, min_pct)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_to_lexicon_and_text_round_trip() {
        let mut c = LexCounter::new();
        for _ in 0..8 {
            c.add("دمشق", 3); // B-LOC
        }
        c.add("دمشق", 0);
        c.add("دمشق", 0);
        for _ in 0..10 {
            c.add("قال", 0);
        }
        c.add("نادر", 1);
        let lex = c.finish(2, 5);
        assert_eq!(lex.len(), 1);
        let e = lex.get("دمشق").copied().expect("دمشق");
        assert_eq!(e.count, 10);
        assert_eq!(e.pct[2], 80);
        assert_eq!(lex.get("ودمشق"), Some(&e));
        assert!(lex.get("قال").is_none());
        let back = AutoLex::parse(&lex.to_text());
        assert_eq!(back, lex);
        assert!(AutoLex::parse("x\t1\t1 2\nبلا\tعدد\t0 0 0 0 0 0 0 0\n").is_empty());
    }
}

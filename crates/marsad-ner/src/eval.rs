//! Reading CoNLL-style NER files (ANERcorp, AQMAR, Wojood's nested format) and entity-level
//! (CoNLL) scoring.

use crate::tags::{spans, EntityKind, Tag};
use crate::train::Sentence;
use crate::NerError;
use std::collections::BTreeMap;
use std::fmt;
use std::ops::Range;
use std::path::Path;

/// A sentence with gold entity spans (token ranges).
#[derive(Debug, Clone, PartialEq)]
pub struct GoldSentence {
    /// Tokens.
    pub tokens: Vec<String>,
    /// Gold entities as token ranges.
    pub entities: Vec<(Range<usize>, EntityKind)>,
}

/// The annotation scheme of a file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// ANERcorp: `token TAG`, tags B-/I- PERS LOC ORG MISC.
    Anercorp,
    /// AQMAR: PER/LOC/ORG kept, MIS* and noise ignored.
    Aqmar,
    /// Wojood (nested, several tags a token): PERS, ORG, LOC and GPE (as LOC) kept, outermost
    /// spans only.
    Wojood,
    /// Wojood with the PERS/ORG/LOC/GPE spans of every nesting level as gold (a flat tagger
    /// cannot find them all: recall is a lower bound).
    WojoodAllLevels,
}

impl Format {
    /// The entity kinds scored for this format.
    pub fn kinds(self) -> &'static [EntityKind] {
        match self {
            Format::Anercorp => &EntityKind::ALL,
            Format::Aqmar | Format::Wojood | Format::WojoodAllLevels => {
                &[EntityKind::Pers, EntityKind::Loc, EntityKind::Org]
            }
        }
    }
}

/// Guesses the format from the tags used.
pub fn detect_format(text: &str) -> Format {
    let mut aqmar = false;
    for line in text.lines() {
        let cols: Vec<&str> = line.split_whitespace().collect();
        if cols.len() > 2 || cols.iter().skip(1).any(|t| t.ends_with("-GPE")) {
            return Format::Wojood;
        }
        if let Some(t) = cols.get(1) {
            if t.ends_with("-PER") || t.contains("-MIS") && !t.ends_with("-MISC") {
                aqmar = true;
            }
        }
    }
    if aqmar {
        Format::Aqmar
    } else {
        Format::Anercorp
    }
}

fn blocks(text: &str) -> impl Iterator<Item = Vec<Vec<&str>>> {
    let mut cur: Vec<Vec<&str>> = Vec::new();
    let mut out = Vec::new();
    for line in text.lines() {
        let cols: Vec<&str> = line.split_whitespace().collect();
        if cols.is_empty() {
            if !cur.is_empty() {
                out.push(std::mem::take(&mut cur));
            }
        } else {
            cur.push(cols);
        }
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    out.into_iter()
}

fn map_tag(t: &str, format: Format) -> Tag {
    let Some((bi, kind)) = t.split_once('-') else {
        return Tag::O;
    };
    let kind = kind.trim_start_matches('-');
    let k = match (format, kind) {
        (Format::Anercorp, k) => EntityKind::parse(k),
        (Format::Aqmar, "PER") => Some(EntityKind::Pers),
        (Format::Aqmar, "LOC") => Some(EntityKind::Loc),
        (Format::Aqmar, "ORG") => Some(EntityKind::Org),
        _ => None,
    };
    match (bi, k) {
        ("B", Some(k)) => Tag::B(k),
        ("I", Some(k)) => Tag::I(k),
        _ => Tag::O,
    }
}

/// Parses the text of a flat (ANERcorp/AQMAR) file into training sentences.
pub fn parse_flat(text: &str, format: Format) -> Vec<Sentence> {
    blocks(text)
        .map(|b| Sentence {
            tokens: b.iter().map(|c| c[0].to_string()).collect(),
            tags: b
                .iter()
                .map(|c| c.get(1).map_or(Tag::O, |t| map_tag(t, format)))
                .collect(),
        })
        .collect()
}

fn wojood_kind(k: &str) -> Option<EntityKind> {
    match k {
        "PERS" => Some(EntityKind::Pers),
        "LOC" | "GPE" => Some(EntityKind::Loc),
        "ORG" => Some(EntityKind::Org),
        _ => None,
    }
}

/// Parses a Wojood nested block: per original type, spans are read IOB2-style (a `B-` while
/// one is open starts an inner span, dropped later); mapped kinds are kept; a span inside
/// another kept span is dropped (outermost only).
fn parse_wojood_block(b: &[Vec<&str>], all_levels: bool) -> GoldSentence {
    let tokens: Vec<String> = b.iter().map(|c| c[0].to_string()).collect();
    let mut all: Vec<(Range<usize>, EntityKind)> = Vec::new();
    let mut open: BTreeMap<&str, usize> = BTreeMap::new();
    for (i, cols) in b.iter().enumerate() {
        let tags = &cols[1..];
        let types: Vec<&str> = open.keys().copied().collect();
        for ty in types {
            let cont = tags.iter().any(|t| t.strip_prefix("I-") == Some(ty));
            if !cont {
                if let (Some(s), Some(k)) = (open.remove(ty), wojood_kind(ty)) {
                    all.push((s..i, k));
                }
            }
        }
        for t in tags {
            if let Some(ty) = t.strip_prefix("B-").or_else(|| t.strip_prefix("I-")) {
                open.entry(ty).or_insert(i);
            }
        }
    }
    for (ty, s) in open {
        if let Some(k) = wojood_kind(ty) {
            all.push((s..b.len(), k));
        }
    }
    all.sort_by(|a, b| a.0.start.cmp(&b.0.start).then(b.0.end.cmp(&a.0.end)));
    let mut kept: Vec<(Range<usize>, EntityKind)> = Vec::new();
    for (r, k) in all {
        if kept.iter().any(|(q, qk)| {
            q.start <= r.start && r.end <= q.end && (!all_levels || (q == &r && *qk == k))
        }) {
            continue;
        }
        kept.push((r, k));
    }
    GoldSentence {
        tokens,
        entities: kept,
    }
}

/// Parses an evaluation file's text.
pub fn parse_gold(text: &str, format: Format) -> Vec<GoldSentence> {
    match format {
        Format::Wojood => blocks(text)
            .map(|b| parse_wojood_block(&b, false))
            .collect(),
        Format::WojoodAllLevels => blocks(text).map(|b| parse_wojood_block(&b, true)).collect(),
        _ => parse_flat(text, format)
            .into_iter()
            .map(|s| GoldSentence {
                entities: spans(&s.tags),
                tokens: s.tokens,
            })
            .collect(),
    }
}

/// Reads a file, or every `*.txt` file of a directory (sorted by name; `SOURCE*` and
/// `LICENSE*` skipped), as one text.
pub fn read_text(path: &Path) -> Result<String, NerError> {
    let io = |e: std::io::Error| NerError::Io(format!("{}: {e}", path.display()));
    if path.is_dir() {
        let mut files: Vec<_> = std::fs::read_dir(path)
            .map_err(io)?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| x == "txt"))
            .filter(|p| {
                let name = p.file_name().map(|n| n.to_string_lossy().to_uppercase());
                !name.is_some_and(|n| n.starts_with("SOURCE") || n.starts_with("LICENSE"))
            })
            .collect();
        files.sort();
        let mut all = String::new();
        for f in files {
            let t = std::fs::read_to_string(&f)
                .map_err(|e| NerError::Io(format!("{}: {e}", f.display())))?;
            all.push_str(&t);
            all.push_str("\n\n");
        }
        Ok(all)
    } else {
        std::fs::read_to_string(path).map_err(io)
    }
}

/// True positive, false positive and false negative counts.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    /// Predicted entities that match a gold one exactly (span and kind).
    pub tp: usize,
    /// Predicted entities that match none.
    pub fp: usize,
    /// Gold entities not predicted.
    pub fn_: usize,
}

impl Counts {
    /// Precision in percent.
    pub fn precision(&self) -> f64 {
        pct(self.tp, self.tp + self.fp)
    }
    /// Recall in percent.
    pub fn recall(&self) -> f64 {
        pct(self.tp, self.tp + self.fn_)
    }
    /// F1 in percent.
    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }
}

fn pct(a: usize, b: usize) -> f64 {
    if b == 0 {
        0.0
    } else {
        100.0 * a as f64 / b as f64
    }
}

/// Entity-level (CoNLL) evaluation: exact span and kind, micro-averaged over the scored
/// kinds, and per kind.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct EvalReport {
    /// Micro counts over the scored kinds.
    pub overall: Counts,
    /// Counts per scored kind.
    pub per_kind: BTreeMap<EntityKind, Counts>,
    /// Sentences scored.
    pub sentences: usize,
    /// Tokens scored.
    pub tokens: usize,
}

impl EvalReport {
    /// Micro F1 in percent.
    pub fn micro_f1(&self) -> f64 {
        self.overall.f1()
    }

    /// Adds one sentence's gold and predicted entities, counting only `kinds`.
    pub fn add(
        &mut self,
        gold: &[(Range<usize>, EntityKind)],
        pred: &[(Range<usize>, EntityKind)],
        kinds: &[EntityKind],
    ) {
        self.sentences += 1;
        for k in kinds {
            self.per_kind.entry(*k).or_default();
        }
        let gold: Vec<_> = gold.iter().filter(|g| kinds.contains(&g.1)).collect();
        let pred: Vec<_> = pred.iter().filter(|p| kinds.contains(&p.1)).collect();
        for p in &pred {
            let c = self.per_kind.entry(p.1).or_default();
            if gold.contains(p) {
                c.tp += 1;
                self.overall.tp += 1;
            } else {
                c.fp += 1;
                self.overall.fp += 1;
            }
        }
        for g in &gold {
            if !pred.contains(g) {
                self.per_kind.entry(g.1).or_default().fn_ += 1;
                self.overall.fn_ += 1;
            }
        }
    }
}

impl fmt::Display for EvalReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "{} sentences, {} tokens, {} gold entities, {} predicted",
            self.sentences,
            self.tokens,
            self.overall.tp + self.overall.fn_,
            self.overall.tp + self.overall.fp
        )?;
        writeln!(
            f,
            "{:<6} {:>6} {:>6} {:>6} {:>6}",
            "kind", "P", "R", "F1", "gold"
        )?;
        for (k, c) in &self.per_kind {
            writeln!(
                f,
                "{:<6} {:>6.1} {:>6.1} {:>6.1} {:>6}",
                k.as_str(),
                c.precision(),
                c.recall(),
                c.f1(),
                c.tp + c.fn_
            )?;
        }
        writeln!(
            f,
            "micro P {:.1} R {:.1}",
            self.overall.precision(),
            self.overall.recall()
        )?;
        write!(f, "micro F1 {:.1}", self.micro_f1())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use EntityKind::*;

    #[test]
    fn conll_scoring_on_hand_made_example() {
        let mut r = EvalReport::default();
        let kinds = EntityKind::ALL;
        // gold: [بشار الأسد] PERS, [دمشق] LOC ; pred: [بشار] PERS (wrong span), [دمشق] LOC
        r.add(
            &[(0..2, Pers), (4..5, Loc)],
            &[(0..1, Pers), (4..5, Loc)],
            &kinds,
        );
        // gold: [الأمم المتحدة] ORG ; pred: same span as LOC (wrong kind)
        r.add(&[(1..3, Org)], &[(1..3, Loc)], &kinds);
        assert_eq!(
            r.overall,
            Counts {
                tp: 1,
                fp: 2,
                fn_: 2
            }
        );
        assert!((r.overall.precision() - 100.0 / 3.0).abs() < 1e-9);
        assert!((r.overall.f1() - 100.0 / 3.0).abs() < 1e-9);
        assert_eq!(
            r.per_kind[&Loc],
            Counts {
                tp: 1,
                fp: 1,
                fn_: 0
            }
        );
        assert_eq!(r.per_kind[&Org].f1(), 0.0);
        let s = r.to_string();
        assert!(
            s.lines().last().is_some_and(|l| l == "micro F1 33.3"),
            "{s}"
        );
    }

    #[test]
    fn kinds_outside_the_scored_set_are_ignored() {
        let mut r = EvalReport::default();
        r.add(
            &[(0..1, Pers)],
            &[(0..1, Pers), (2..3, Misc)],
            &[Pers, Loc, Org],
        );
        assert_eq!(
            r.overall,
            Counts {
                tp: 1,
                fp: 0,
                fn_: 0
            }
        );
        assert!(!r.per_kind.contains_key(&Misc));
    }

    #[test]
    fn aqmar_tags_map_and_misc_is_dropped() {
        let t = "دمشق B-LOC\nهي O\nمدينة B-MIS1\nقديمة I-MIS1\n\nأحمد B-PER\nزويل I-PER\n";
        assert_eq!(detect_format(t), Format::Aqmar);
        let g = parse_gold(t, Format::Aqmar);
        assert_eq!(g.len(), 2);
        assert_eq!(g[0].entities, vec![(0..1, Loc)]);
        assert_eq!(g[1].entities, vec![(0..2, Pers)]);
    }

    #[test]
    fn wojood_nested_keeps_outermost_and_maps_gpe() {
        let t =
            "جامعة B-ORG\nبيرزيت I-ORG B-GPE\nفي O\nرام B-GPE\nالله I-GPE\nقال O\nأحمد B-PERS\n";
        assert_eq!(detect_format(t), Format::Wojood);
        let g = parse_gold(t, Format::Wojood);
        assert_eq!(g[0].entities, vec![(0..2, Org), (3..5, Loc), (6..7, Pers)]);
        let g = parse_gold(t, Format::WojoodAllLevels);
        assert_eq!(
            g[0].entities,
            vec![(0..2, Org), (1..2, Loc), (3..5, Loc), (6..7, Pers)]
        );
    }

    #[test]
    fn anercorp_format_detected() {
        let t = "أعلن O\nاتحاد B-ORG\nصناعة I-ORG\n\nألمانيا B-LOC\n";
        assert_eq!(detect_format(t), Format::Anercorp);
        let s = parse_flat(t, Format::Anercorp);
        assert_eq!(s[0].tags[1], Tag::B(Org));
        assert_eq!(
            parse_gold(t, Format::Anercorp)[1].entities,
            vec![(0..1, Loc)]
        );
    }
}

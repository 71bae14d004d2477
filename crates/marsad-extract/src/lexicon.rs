//! The data-driven part: trigger, mode-context, status-cue and attribution lexicons, parsed
//! from the TSV files under `data/lexicon/` (embedded at compile time).

use crate::text::norm_word;
use crate::ExtractError;
use marsad_types::{EventType, Mode, Status};
use std::collections::HashMap;

/// The bundled trigger lexicon.
pub const TRIGGERS_TSV: &str = include_str!("../../../data/lexicon/triggers.tsv");
/// The bundled ASSAULT mode context words.
pub const MODES_TSV: &str = include_str!("../../../data/lexicon/modes.tsv");
/// The bundled status cues.
pub const CUES_TSV: &str = include_str!("../../../data/lexicon/cues.tsv");
/// The bundled attribution lexicon.
pub const SOURCES_TSV: &str = include_str!("../../../data/lexicon/sources.tsv");

/// One word slot of a pattern.
#[derive(Debug, Clone)]
pub enum Slot {
    /// One of these stems.
    Word(Vec<String>),
    /// Up to N other words.
    Gap(usize),
    /// Up to N other words, across commas ("~N,": a subject set off by commas, "يمنع
    /// عناصر الفرقة، ضمن قوات الحكومة، دخول").
    CommaGap(usize),
}

/// A word list with a window.
#[derive(Debug, Clone)]
pub struct Window {
    /// Stems.
    pub words: Vec<String>,
    /// Window in words.
    pub n: usize,
}

/// The entry's mode rule.
#[derive(Debug, Clone)]
pub enum ModeRule {
    /// No mode.
    None,
    /// A fixed mode.
    Fixed(Mode),
    /// Chosen from context words (modes.tsv).
    Context,
}

/// One trigger lexicon entry.
#[derive(Debug, Clone)]
pub struct Entry {
    /// Entry id (the event's `rule`).
    pub id: String,
    /// Event type.
    pub etype: EventType,
    /// Mode rule.
    pub mode: ModeRule,
    /// Patterns.
    pub patterns: Vec<Vec<Slot>>,
    /// Required words after.
    pub next: Option<Window>,
    /// Required words before.
    pub prev: Option<Window>,
    /// Forbidden words before (each window checked).
    pub noprev: Vec<Window>,
    /// Required words on either side.
    pub near: Option<Window>,
    /// Forbidden words after (repeatable, each with its own window).
    pub nonext: Vec<Window>,
    /// Forbidden proclitic (ل or ب).
    pub noclitic: Option<char>,
    /// Suppressed by a non-weak trigger of the same type in the clause.
    pub weak: bool,
    /// The span covers the whole pattern.
    pub span_all: bool,
    /// Mode overrides from context words.
    pub mode_words: Vec<(Mode, Vec<String>)>,
    /// The next word must carry this proclitic.
    pub next_clitic: Option<char>,
    /// The last word of the pattern may not carry ب or ل.
    pub obj_no_clitic: bool,
    /// The trigger word may not carry the article (الفجر "dawn" is no فجر "detonated").
    pub no_art: bool,
    /// The trigger word may not carry the accusative tanween alif (فجراً "at dawn" is no فجر
    /// "detonated").
    pub no_tanween: bool,
}

/// A status cue.
#[derive(Debug, Clone)]
pub struct Cue {
    /// Cue id.
    pub id: String,
    /// Status it gives.
    pub status: Status,
    /// Scope.
    pub scope: Scope,
    /// Patterns: word sequences.
    pub patterns: Vec<Vec<String>>,
    /// The event types the cue applies to (empty: every type).
    pub types: Vec<EventType>,
}

/// Scope of a status cue.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// At most N words before the trigger.
    Before(usize),
    /// From the cue to the end of the sentence.
    After,
    /// The whole sentence.
    Sentence,
}

/// Kinds of attribution words.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SrcKind {
    /// Reporting verb.
    Verb,
    /// نقل عن.
    Conduit,
    /// بحسب.
    Prep,
    /// Back-reference (المصادر).
    Carry,
    /// Continuation participle.
    Participle,
    /// Inner reporting verb (أبلغت).
    Inner,
    /// Anonymous source head.
    Anon,
    /// Media outlet head.
    Media,
}

/// All lexicons.
#[derive(Debug, Clone)]
pub struct Lexicon {
    /// Trigger entries.
    pub entries: Vec<Entry>,
    /// Index: first stem of a pattern → (entry, pattern).
    pub index: HashMap<String, Vec<(usize, usize)>>,
    /// ASSAULT context modes, in priority order.
    pub modes: Vec<(Mode, Vec<Vec<String>>)>,
    /// Status cues.
    pub cues: Vec<Cue>,
    /// Attribution word lists.
    pub sources: HashMap<SrcKind, Vec<Vec<String>>>,
}

fn words_of(s: &str) -> Vec<String> {
    s.split_whitespace().map(norm_word).collect()
}

fn window(v: &str, line: usize) -> Result<Window, ExtractError> {
    let (w, n) = v
        .rsplit_once('/')
        .ok_or_else(|| ExtractError::Lexicon(format!("line {line}: window needs /N: {v}")))?;
    let n = n
        .trim()
        .parse()
        .map_err(|_| ExtractError::Lexicon(format!("line {line}: bad window {v}")))?;
    Ok(Window {
        words: w
            .split(',')
            .map(|x| norm_word(x.trim()))
            .filter(|x| !x.is_empty())
            .collect(),
        n,
    })
}

fn data_lines(src: &str) -> impl Iterator<Item = (usize, Vec<&str>)> {
    src.lines().enumerate().filter_map(|(i, l)| {
        let t = l.trim_end_matches('\r');
        if t.trim().is_empty() || t.trim_start().starts_with('#') {
            None
        } else {
            Some((i + 1, t.split('\t').collect()))
        }
    })
}

impl Lexicon {
    /// Parses the four lexicon files.
    pub fn parse(
        triggers: &str,
        modes: &str,
        cues: &str,
        sources: &str,
    ) -> Result<Lexicon, ExtractError> {
        let mut entries = Vec::new();
        for (line, cols) in data_lines(triggers) {
            if cols.len() < 4 {
                return Err(ExtractError::Lexicon(format!(
                    "triggers line {line}: need 4 columns"
                )));
            }
            let etype = EventType::parse(cols[1]).ok_or_else(|| {
                ExtractError::Lexicon(format!("triggers line {line}: type {}", cols[1]))
            })?;
            let mode = match cols[2].trim() {
                "-" | "" => ModeRule::None,
                "ctx" => ModeRule::Context,
                m => ModeRule::Fixed(Mode::parse(m).ok_or_else(|| {
                    ExtractError::Lexicon(format!("triggers line {line}: mode {m}"))
                })?),
            };
            let mut patterns = Vec::new();
            for p in cols[3].split('|') {
                let mut slots = Vec::new();
                for w in p.split_whitespace() {
                    if let Some(n) = w.strip_prefix('~') {
                        let (n, commas) = match n.strip_suffix(',') {
                            Some(n) => (n, true),
                            None => (n, false),
                        };
                        let n = n.parse().map_err(|_| {
                            ExtractError::Lexicon(format!("triggers line {line}: gap {w}"))
                        })?;
                        slots.push(if commas {
                            Slot::CommaGap(n)
                        } else {
                            Slot::Gap(n)
                        });
                    } else {
                        slots.push(Slot::Word(w.split('/').map(norm_word).collect()));
                    }
                }
                if matches!(slots.first(), Some(Slot::Word(_))) {
                    patterns.push(slots);
                }
            }
            let mut e = Entry {
                id: cols[0].trim().to_string(),
                etype,
                mode,
                patterns,
                next: None,
                prev: None,
                noprev: Vec::new(),
                near: None,
                nonext: Vec::new(),
                noclitic: None,
                weak: false,
                span_all: false,
                mode_words: Vec::new(),
                next_clitic: None,
                obj_no_clitic: false,
                no_art: false,
                no_tanween: false,
            };
            if let Some(conds) = cols.get(4) {
                for c in conds.split(';').map(str::trim).filter(|c| !c.is_empty()) {
                    let (k, v) = c.split_once('=').unwrap_or((c, ""));
                    match k {
                        "next" => e.next = Some(window(v, line)?),
                        "prev" => e.prev = Some(window(v, line)?),
                        "noprev" => e.noprev.push(window(v, line)?),
                        "near" => e.near = Some(window(v, line)?),
                        "nonext" => e.nonext.push(window(v, line)?),
                        "noclitic" => {
                            e.noclitic = match v {
                                "l" => Some('ل'),
                                "b" => Some('ب'),
                                _ => None,
                            }
                        }
                        "weak" => e.weak = true,
                        "objnoclitic" => e.obj_no_clitic = true,
                        "noart" => e.no_art = true,
                        "notanween" => e.no_tanween = true,
                        "nextclitic" => {
                            e.next_clitic = match v {
                                "b" => Some('ب'),
                                "l" => Some('ل'),
                                _ => None,
                            }
                        }
                        "span" => e.span_all = v == "all",
                        "mode" => {
                            let (m, ws) = v.split_once(':').unwrap_or((v, ""));
                            let m = Mode::parse(m).ok_or_else(|| {
                                ExtractError::Lexicon(format!("triggers line {line}: mode {m}"))
                            })?;
                            e.mode_words
                                .push((m, ws.split(',').map(norm_word).collect()));
                        }
                        other => {
                            return Err(ExtractError::Lexicon(format!(
                                "triggers line {line}: unknown condition {other}"
                            )))
                        }
                    }
                }
            }
            entries.push(e);
        }
        let mut index: HashMap<String, Vec<(usize, usize)>> = HashMap::new();
        for (ei, e) in entries.iter().enumerate() {
            for (pi, p) in e.patterns.iter().enumerate() {
                if let Some(Slot::Word(ws)) = p.first() {
                    for w in ws {
                        index.entry(w.clone()).or_default().push((ei, pi));
                    }
                }
            }
        }
        let mut mode_list = Vec::new();
        for (line, cols) in data_lines(modes) {
            let m = Mode::parse(cols[0])
                .ok_or_else(|| ExtractError::Lexicon(format!("modes line {line}: {}", cols[0])))?;
            mode_list.push((
                m,
                cols[1..]
                    .iter()
                    .map(|w| words_of(w))
                    .filter(|w| !w.is_empty())
                    .collect(),
            ));
        }
        let mut cue_list = Vec::new();
        for (line, cols) in data_lines(cues) {
            if cols.len() < 4 {
                return Err(ExtractError::Lexicon(format!(
                    "cues line {line}: need 4 columns"
                )));
            }
            let status = Status::parse(cols[1]).ok_or_else(|| {
                ExtractError::Lexicon(format!("cues line {line}: status {}", cols[1]))
            })?;
            let scope = match cols[2].trim() {
                "after" => Scope::After,
                "sentence" => Scope::Sentence,
                s => match s.strip_prefix("before:").and_then(|n| n.parse().ok()) {
                    Some(n) => Scope::Before(n),
                    None => {
                        return Err(ExtractError::Lexicon(format!(
                            "cues line {line}: scope {s}"
                        )))
                    }
                },
            };
            let mut types = Vec::new();
            for t in cols.get(4).map_or("", |c| c.trim()).split(',') {
                let t = t.trim();
                if t.is_empty() {
                    continue;
                }
                types.push(EventType::parse(t).ok_or_else(|| {
                    ExtractError::Lexicon(format!("cues line {line}: event type {t}"))
                })?);
            }
            cue_list.push(Cue {
                id: cols[0].trim().to_string(),
                status,
                scope,
                patterns: cols[3]
                    .split('|')
                    .map(words_of)
                    .filter(|w| !w.is_empty())
                    .collect(),
                types,
            });
        }
        let mut src = HashMap::new();
        for (line, cols) in data_lines(sources) {
            if cols.len() < 3 {
                return Err(ExtractError::Lexicon(format!(
                    "sources line {line}: need 3 columns"
                )));
            }
            let kind = match cols[1].trim() {
                "verb" => SrcKind::Verb,
                "conduit" => SrcKind::Conduit,
                "prep" => SrcKind::Prep,
                "carry" => SrcKind::Carry,
                "participle" => SrcKind::Participle,
                "inner" => SrcKind::Inner,
                "anon" => SrcKind::Anon,
                "media" => SrcKind::Media,
                k => {
                    return Err(ExtractError::Lexicon(format!(
                        "sources line {line}: kind {k}"
                    )))
                }
            };
            src.entry(kind)
                .or_insert_with(Vec::new)
                .extend(cols[2].split('|').map(words_of).filter(|w| !w.is_empty()));
        }
        Ok(Lexicon {
            entries,
            index,
            modes: mode_list,
            cues: cue_list,
            sources: src,
        })
    }

    /// The bundled lexicons.
    pub fn bundled() -> Result<Lexicon, ExtractError> {
        Lexicon::parse(TRIGGERS_TSV, MODES_TSV, CUES_TSV, SOURCES_TSV)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bundled_lexicon_parses_and_covers_all_types() {
        let l = Lexicon::bundled().expect("bundled lexicon");
        for t in EventType::ALL {
            assert!(l.entries.iter().any(|e| e.etype == t), "no entry for {t}");
        }
        assert!(l.index.contains_key("حصار"));
        assert!(l.cues.iter().any(|c| c.status == Status::Habitual));
    }

    #[test]
    fn bad_lexicon_line_is_an_error() {
        assert!(Lexicon::parse("x\tNOPE\t-\tحصار", "", "", "").is_err());
        assert!(Lexicon::parse("x\tCOERCE\tnope\tحصار", "", "", "").is_err());
    }
}

//! Rule-based Arabic event extraction to the marsad guideline: triggers, status, attribution,
//! arguments.
//!
//! The pipeline, per document:
//! 1. tokens and sentences ([`text`]), knowledge-base mentions (places, actors) from `marsad-kb`;
//! 2. triggers from the data-driven lexicon (`data/lexicon/triggers.tsv`), matched through
//!    clitics, with context conditions; overlapping matches resolved longest-first;
//! 3. status from cue lexicons (`cues.tsv`) with scope rules;
//! 4. attribution chains from reporting verbs, conduits and back-references (`sources.tsv`);
//! 5. arguments (actors, recipients, mediators, locations) from clause structure, quantities,
//!    durations and times from the text core, coreference clusters.
//!
//! Every event names the lexicon entry that produced it in `rule`.
//!
//! ```
//! let ex = marsad_extract::Extractor::bundled().unwrap();
//! let doc = marsad_types::Document {
//!     id: "d1".into(),
//!     title: None,
//!     text: "وقالت مصادر محلية إن الفرقة الرابعة سمحت بإدخال الطحين إلى حي الشيخ مقصود بعد حصار دام 46 يوماً".into(),
//!     published: None,
//!     source: None,
//!     url: None,
//! };
//! let events = ex.extract(&doc);
//! assert!(events.iter().any(|e| e.event_type == marsad_types::EventType::Retreat));
//! let siege = events.iter().find(|e| e.event_type == marsad_types::EventType::Coerce).unwrap();
//! assert_eq!(siege.duration.as_ref().map(|d| d.days), Some(46.0));
//! assert_eq!(siege.attribution[0].text, "مصادر محلية");
//! ```
//!
//! Seams: tokens for trigger matching come from this crate's small [`text`] module (a
//! match-key tokenizer with clitic readings); quantities and times come from
//! `marsad_text::find_quantities` / `find_times` through a private adapter that adds the
//! counted item (killed, injured, evacuated, flour, ...); places and actors come from
//! `marsad_kb::Kb::find`; optionally ([`Extractor::with_ner`]) organisations and places the
//! knowledge base does not know come from `marsad_ner::Tagger::tag` (no id, no coordinates).
//! The lexicon wins where both speak: a model name overlapping a knowledge-base name, or a
//! knowledge-base name a rule turned down ("شارع فلسطين"), is dropped, and so is a model
//! name after a street or media word ("موقع يوتيوب"), a lone generic word ("حزب") or a
//! Latin-script name other than an acronym.

#![forbid(unsafe_code)]
#![warn(missing_docs)]

mod engine;
pub mod lexicon;
mod quant;
pub mod text;

use std::fmt;
use std::sync::Arc;

pub use lexicon::Lexicon;

/// Why an extractor could not be built.
#[derive(Debug)]
pub enum ExtractError {
    /// A lexicon file is malformed.
    Lexicon(String),
    /// The knowledge base failed to load.
    Kb(String),
    /// The NER model failed to load.
    Ner(String),
    /// A bug: the engine panicked on a document (the message says where).
    Internal(String),
}

impl fmt::Display for ExtractError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ExtractError::Lexicon(m) => write!(f, "lexicon: {m}"),
            ExtractError::Kb(m) => write!(f, "knowledge base: {m}"),
            ExtractError::Ner(m) => write!(f, "NER model: {m}"),
            ExtractError::Internal(m) => write!(f, "internal error (a bug, please report): {m}"),
        }
    }
}

impl std::error::Error for ExtractError {}

/// The event extractor: a knowledge base plus the bundled lexicons. `Send + Sync`: share it
/// across threads to process documents in parallel.
pub struct Extractor {
    kb: Arc<marsad_kb::Kb>,
    lex: Lexicon,
    ner: Option<&'static marsad_ner::Tagger>,
}

impl Extractor {
    /// An extractor over `kb` with the bundled lexicons.
    pub fn new(kb: Arc<marsad_kb::Kb>) -> Result<Extractor, ExtractError> {
        Ok(Extractor {
            kb,
            lex: Lexicon::bundled()?,
            ner: None,
        })
    }

    /// The bundled knowledge base and lexicons.
    pub fn bundled() -> Result<Extractor, ExtractError> {
        let kb = marsad_kb::Kb::bundled().map_err(|e| ExtractError::Kb(e.to_string()))?;
        Extractor::new(Arc::new(kb))
    }

    /// An extractor with explicit lexicons (tests, experiments).
    pub fn with_lexicon(kb: Arc<marsad_kb::Kb>, lex: Lexicon) -> Extractor {
        Extractor { kb, lex, ner: None }
    }

    /// Also take actors and places the knowledge base does not know from the bundled NER
    /// model (`marsad-ner`, loaded once per process): they get no id and no coordinates; the
    /// knowledge base wins where both name a span. Off by default.
    pub fn with_ner(mut self) -> Result<Extractor, ExtractError> {
        self.ner =
            Some(marsad_ner::Tagger::shared().map_err(|e| ExtractError::Ner(e.to_string()))?);
        Ok(self)
    }

    /// Every event mention of `doc`, in text order. Never panics: a bug in the engine gives
    /// no events for that document (use [`Extractor::try_extract`] to see it).
    pub fn extract(&self, doc: &marsad_types::Document) -> Vec<marsad_types::Event> {
        self.try_extract(doc).unwrap_or_default()
    }

    /// Every event mention of `doc`, in text order, or [`ExtractError::Internal`] with the
    /// panic message if the engine hit a bug on this document, so that callers can report the
    /// document instead of silently storing it without events.
    pub fn try_extract(
        &self,
        doc: &marsad_types::Document,
    ) -> Result<Vec<marsad_types::Event>, ExtractError> {
        std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            let mut events = engine::extract(&self.kb, &self.lex, self.ner, doc);
            for e in &mut events {
                e.acled = marsad_types::acled::classify(e).map(Into::into);
            }
            events
        }))
        .map_err(|p| {
            let msg = p
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| p.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "panic".to_string());
            ExtractError::Internal(msg)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn assert_send_sync<T: Send + Sync>() {}

    #[test]
    fn extractor_is_send_sync() {
        assert_send_sync::<Extractor>();
    }
}

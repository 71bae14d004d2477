//! Learned Arabic named-entity recogniser (averaged structured perceptron) for CPU.
//!
//! A first-order linear-chain model over hashed features (word forms, normalized forms,
//! affixes, proclitic-stripped stems, shape, a ±2 word window, ANERGazet gazetteer matches
//! and word clusters induced from the news corpus), trained with the averaged structured
//! perceptron and decoded with Viterbi under BIO constraints.
//!
//! ```no_run
//! let tagger = marsad_ner::Tagger::bundled()?;
//! for e in tagger.tag("زار الرئيس بشار الأسد مدينة حلب.") {
//!     println!("{} {:?} {:.2}", e.kind, e.span, e.score);
//! }
//! # Ok::<(), marsad_ner::NerError>(())
//! ```

#![forbid(unsafe_code)]
#![warn(missing_docs)]

pub mod clusters;
pub mod eval;
pub mod features;
pub mod lexicon;
pub mod model;
pub mod resources;
pub mod tagger;
pub mod tags;
pub mod text;
pub mod train;

pub use eval::{EvalReport, Format};
pub use lexicon::AutoLex;
pub use model::Model;
pub use resources::{Clusters, Gazetteer, Resources};
pub use tagger::{eval_file, train_file, Entity, Tagger};
pub use tags::{EntityKind, Tag};
pub use train::{train, train_with, Sentence, TrainOptions};

use std::fmt;

/// Errors of the NER crate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NerError {
    /// A model file could not be read.
    BadModel(String),
    /// A file could not be read.
    Io(String),
    /// A data file had no usable content.
    Data(String),
}

impl fmt::Display for NerError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            NerError::BadModel(m) => write!(f, "bad NER model: {m}"),
            NerError::Io(m) => write!(f, "{m}"),
            NerError::Data(m) => write!(f, "bad NER data: {m}"),
        }
    }
}

impl std::error::Error for NerError {}

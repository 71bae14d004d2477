//! Learned Arabic named-entity recogniser (averaged structured perceptron with a window
//! network over word embeddings) for CPU.
//!
//! A first-order linear-chain model over hashed features (word forms, normalized forms,
//! affixes, proclitic-stripped stems, character trigrams, shape, a ±2 word window, ANERGazet
//! gazetteer matches, word clusters induced from the news corpus, and a self-trained name
//! lexicon), trained with the averaged structured perceptron (word dropout, averaged over
//! several seeds) and decoded with Viterbi under BIO constraints. Confidences are posterior
//! probabilities (forward-backward at a calibrated temperature).
//!
//! Training has two stages ([`train::train_self_lex`]): first-stage models tag the unlabelled
//! news corpus and count, per word, the labels they gave it; the second stage uses those
//! counts as features. Beside the linear model a small window network ([`nn`]) over skip-gram
//! vectors of the news corpus ([`embed`]) scores every token's labels; its log-probabilities,
//! weighted, join the linear model's emission scores before Viterbi (a product of two
//! experts: the linear model memorises, the network generalises to names the annotated data
//! never showed). [`Tagger::tag`] and [`Tagger::tag_document`] then make names consistent
//! within blocks of sentences of a document ([`consistency`]). The bundled model (`data/ner/model/anercorp.bin`, CC BY-SA 4.0) carries its
//! lexicon and its network inside the model file.
//!
//! For the extractor: [`Tagger::shared`] loads the bundled model once; [`Tagger::tag`] gives
//! [`Entity`] values (byte span into the text, [`EntityKind`], score in [0, 1]);
//! [`Tagger::tag_tokens`] and [`Tagger::tag_document`] work on pre-tokenized sentences.
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
pub mod consistency;
pub mod embed;
pub mod eval;
pub mod features;
pub mod lexicon;
pub mod model;
pub mod nn;
pub mod resources;
mod rnn;
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

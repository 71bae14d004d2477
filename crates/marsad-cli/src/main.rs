//! `marsad`: Arabic conflict news in, structured, geocoded, source-attributed events out.
//!
//! A thin wiring of the libraries: reading is `marsad-io`, extraction `marsad-extract`,
//! the knowledge base `marsad-kb`. Exit codes: 0 all documents succeeded, 1 some documents
//! failed (each named on stderr), 2 usage or fatal error.

#![forbid(unsafe_code)]

mod extract_cmd;
mod kb_cmd;
mod ner_cmd;
mod pretty;
mod store_cmd;

use clap::{Parser, Subcommand, ValueEnum};
use std::path::PathBuf;
use std::process::ExitCode;

/// marsad (مرصد): Arabic conflict news → structured, geocoded, source-attributed events.
#[derive(Parser, Debug)]
#[command(
    name = "marsad",
    version,
    about = "marsad (مرصد): Arabic conflict news in; structured, geocoded, source-attributed events out",
    long_about = None
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Extract events from documents and print them (JSON Lines, one line per document).
    Extract(ExtractArgs),
    /// Inspect the knowledge base: its counts, and the mentions it finds in documents.
    #[command(subcommand)]
    Kb(KbCommand),
    /// Train and evaluate the learned named-entity tagger.
    #[command(subcommand)]
    Ner(NerCommand),
    /// Store documents in the archive (files, directories): extract, fuse incidents, track situations.
    Ingest(store_cmd::IngestArgs),
    /// Re-run extraction over the stored documents and rebuild incidents and situations.
    Reextract(store_cmd::ReextractArgs),
    /// Query the archive's fused incidents (JSON Lines, ACLED CSV, POLECAT TSV, GeoJSON).
    Incidents(store_cmd::QueryArgs),
    /// Query the archive's event mentions (JSON Lines, ACLED CSV, POLECAT TSV, GeoJSON).
    Events(store_cmd::QueryArgs),
    /// A place's timeline of states (sieges, access, supplies, control) from the archive.
    Situation(store_cmd::SituationArgs),
}

/// `marsad kb ...`
#[derive(Subcommand, Debug)]
pub enum KbCommand {
    /// Print the knowledge base's counts (places, actors, aliases) as JSON.
    Stats {
        /// Directory of extra knowledge-base files merged at start-up.
        #[arg(long)]
        kb_extra: Option<PathBuf>,
    },
    /// Print every knowledge-base mention found in each document as JSON Lines
    /// ({doc, text, start, end, kind, id, name, lat, lon, precision, ...}).
    Match(InputArgs),
}

/// `marsad ner ...`
#[derive(Subcommand, Debug)]
pub enum NerCommand {
    /// Train a tagger on an ANERcorp-format file (`token TAG` a line, blank line between
    /// sentences) and write the model; deterministic for the same data, options and seed.
    Train {
        /// Training file (e.g. ANERcorp_CamelLabRules_train.reproduced.txt).
        train: PathBuf,
        /// Where to write the model.
        #[arg(long, default_value = "data/ner/model/anercorp.bin")]
        out: PathBuf,
        /// News folder (gzip JSON Lines) for the self-trained lexicon stage (the bundled
        /// model uses ../shared/data/news); without it, one stage.
        #[arg(long)]
        news: Option<PathBuf>,
        /// Training epochs.
        #[arg(long, default_value_t = marsad_ner::train::DEFAULT_EPOCHS)]
        epochs: usize,
        /// Random seed (shuffling, word dropout).
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// Self-training (needs --news): add up to N confidently tagged news sentences to the
        /// training data for a second round (0 = off, the default: no reliable held-out gain).
        #[arg(long, default_value_t = marsad_ner::train::DEFAULT_SELF_TRAIN)]
        self_train: usize,
        /// Word vectors for the window network (word2vec text format, as `ner-embed
        /// --vectors` writes them); without it, with --news, they are trained on the news
        /// corpus first (about 4 minutes, deterministic).
        #[arg(long)]
        vectors: Option<PathBuf>,
        /// Weight of the window network in the tagger; 0 trains the linear model alone. The
        /// network needs --news.
        #[arg(long, default_value_t = marsad_ner::train::DEFAULT_NET_WEIGHT)]
        net_weight: f32,
    },
    /// Entity-level (CoNLL) precision, recall and F1, overall and per type, ending with a line
    /// `micro F1 NN.N`; reads ANERcorp, AQMAR (a folder) and Wojood formats.
    Eval {
        /// Annotated files or folders.
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// Model to evaluate (default: the bundled one).
        #[arg(long)]
        model: Option<PathBuf>,
        /// Nested (Wojood) gold at every level, not only the outermost spans.
        #[arg(long)]
        all_levels: bool,
    },
}

/// Where documents come from (shared by commands that read documents).
#[derive(clap::Args, Debug)]
pub struct InputArgs {
    /// Input files: .txt (one document), .jsonl, .jsonl.gz; `-` reads standard input.
    #[arg(required = true)]
    pub inputs: Vec<PathBuf>,
    /// Force the input kind (default: from the file extension; standard input is text).
    #[arg(long, value_enum)]
    pub input: Option<InputArg>,
    /// Document id for a single plain-text input (default: the file name without extension).
    #[arg(long)]
    pub id: Option<String>,
    /// Publication date (YYYY-MM-DD) for plain-text inputs; anchors relative dates.
    #[arg(long)]
    pub published: Option<String>,
    /// Directory of extra knowledge-base files (places, actors) merged at start-up.
    #[arg(long)]
    pub kb_extra: Option<PathBuf>,
}

/// How inputs are read.
#[derive(Copy, Clone, Debug, PartialEq, Eq, ValueEnum)]
pub enum InputArg {
    /// The whole input is one document (no title).
    Text,
    /// JSON Lines of {id, title, text, published, source, url} (gzip when named .gz).
    Jsonl,
}

/// Output format of `extract`.
#[derive(Copy, Clone, Debug, PartialEq, Eq, ValueEnum)]
pub enum FormatArg {
    /// One marsad/1 JSON object per document.
    Jsonl,
    /// A readable, right-to-left-safe summary per event.
    Pretty,
    /// ACLED-style CSV (ACLED's 31 columns), one row per event ACLED would code.
    AcledCsv,
}

/// Arguments of `marsad extract`.
#[derive(clap::Args, Debug)]
pub struct ExtractArgs {
    #[command(flatten)]
    pub io: InputArgs,
    /// Output format.
    #[arg(long, value_enum, default_value = "jsonl")]
    pub format: FormatArg,
    /// Worker threads (default: all cores).
    #[arg(long)]
    pub threads: Option<usize>,
    /// Print throughput figures (documents, words, events, time, words/s) to stderr at the end.
    #[arg(long)]
    pub stats: bool,
    /// Also take actors and places the knowledge base does not know from the learned NER
    /// tagger (no id, lower confidence; a place's coordinates only from a known place that
    /// situates it; about twice as slow on one thread).
    #[arg(long)]
    pub ner: bool,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Extract(args) => extract_cmd::run(&args),
        Command::Kb(cmd) => kb_cmd::run(&cmd),
        Command::Ner(cmd) => ner_cmd::run(&cmd),
        Command::Ingest(args) => store_cmd::run_ingest(&args),
        Command::Reextract(args) => store_cmd::run_reextract(&args),
        Command::Incidents(args) => store_cmd::run_query(&args, false),
        Command::Events(args) => store_cmd::run_query(&args, true),
        Command::Situation(args) => store_cmd::run_situation(&args),
    };
    match result {
        Ok(0) => ExitCode::SUCCESS,
        Ok(_) => ExitCode::from(1),
        Err(e) => {
            eprintln!("marsad: error: {e}");
            ExitCode::from(2)
        }
    }
}

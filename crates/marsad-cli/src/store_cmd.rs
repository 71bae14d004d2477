//! The archive commands: `ingest`, `reextract`, `incidents`, `events`, `situation`.

use crate::InputArg;
use marsad_extract::Extractor;
use marsad_io::{InputKind, TextOptions};
use marsad_kb::{EntryRef, Kb};
use marsad_store::fuse::Thresholds;
use marsad_store::ingest::{self, IngestOptions};
use marsad_store::{export, query, rebuild, situation, Store};
use marsad_types::{Date, EventType, Status};
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Instant;

/// Where the store is.
#[derive(clap::Args, Debug)]
pub struct DbArgs {
    /// The store file (created when missing).
    #[arg(long, default_value = marsad_store::DEFAULT_DB)]
    pub db: PathBuf,
    /// Directory of extra knowledge-base files (places, actors) merged at start-up.
    #[arg(long)]
    pub kb_extra: Option<PathBuf>,
}

/// Fusion thresholds (see `marsad_store::fuse::Thresholds`).
#[derive(clap::Args, Debug)]
pub struct FuseArgs {
    /// Day-precision dates fuse within this many days.
    #[arg(long, default_value_t = 1)]
    pub day_window: i64,
    /// Week-precision dates fuse within this many days.
    #[arg(long, default_value_t = 3)]
    pub week_window: i64,
    /// Fuse year-precision dates (same year) across documents.
    #[arg(long)]
    pub fuse_year: bool,
    /// Fuse reports without a resolved place across documents.
    #[arg(long)]
    pub fuse_without_place: bool,
    /// Fuse reports placed only at country level across documents.
    #[arg(long)]
    pub fuse_country_level: bool,
    /// At month or year precision, fuse even when one side names no actor.
    #[arg(long)]
    pub coarse_without_actors: bool,
    /// Keep every extractor cluster of a document apart (no merging of split clusters that
    /// name the same actors and places).
    #[arg(long)]
    pub keep_clusters: bool,
}

impl FuseArgs {
    fn thresholds(&self) -> Thresholds {
        Thresholds {
            day_window: self.day_window,
            week_window: self.week_window,
            fuse_year: self.fuse_year,
            fuse_without_place: self.fuse_without_place,
            fuse_country_level: self.fuse_country_level,
            coarse_needs_actors: !self.coarse_without_actors,
            merge_in_document: !self.keep_clusters,
            ..Thresholds::default()
        }
    }
}

/// Arguments of `marsad ingest`.
#[derive(clap::Args, Debug)]
pub struct IngestArgs {
    /// Files (.txt, .jsonl, .jsonl.gz) and directories (read recursively).
    #[arg(required = true)]
    pub inputs: Vec<PathBuf>,
    #[command(flatten)]
    pub db: DbArgs,
    #[command(flatten)]
    pub fuse: FuseArgs,
    /// Force the input kind (default: from the file extension).
    #[arg(long, value_enum)]
    pub input: Option<InputArg>,
    /// Publication date (YYYY-MM-DD) for plain-text inputs.
    #[arg(long)]
    pub published: Option<String>,
    /// Publishing outlet for documents that name none (plain-text inputs): the source of
    /// what the outlet says in its own voice.
    #[arg(long)]
    pub source: Option<String>,
    /// Extraction threads (default: all cores).
    #[arg(long)]
    pub threads: Option<usize>,
    /// Also take actors and places the knowledge base does not know from the learned NER
    /// tagger, as `extract --ner` (recorded in the engine version: `reextract` without it
    /// re-extracts these documents).
    #[arg(long)]
    pub ner: bool,
    /// Documents per extraction batch.
    #[arg(long, default_value_t = 128)]
    pub batch: usize,
    /// Print the run's figures as JSON on stdout (throughput, time by stage, peak memory).
    #[arg(long)]
    pub stats: bool,
    /// Pause after each committed batch, in milliseconds (for crash tests).
    #[arg(long, hide = true)]
    pub throttle_ms: Option<u64>,
}

/// Arguments of `marsad reextract`.
#[derive(clap::Args, Debug)]
pub struct ReextractArgs {
    #[command(flatten)]
    pub db: DbArgs,
    #[command(flatten)]
    pub fuse: FuseArgs,
    /// Re-extract every document, not only those of another engine or KB version.
    #[arg(long)]
    pub all: bool,
    /// Extraction threads (default: all cores).
    #[arg(long)]
    pub threads: Option<usize>,
    /// Extract with the learned NER tagger too (see `ingest --ner`).
    #[arg(long)]
    pub ner: bool,
}

/// Output format of `incidents` and `events`.
#[derive(Copy, Clone, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum ExportFormat {
    /// One JSON object per line.
    Jsonl,
    /// ACLED's 31 columns.
    AcledCsv,
    /// POLECAT-style tab-separated values.
    PolecatTsv,
    /// A GeoJSON FeatureCollection of points.
    Geojson,
}

/// Filters and format of `incidents` and `events`.
#[derive(clap::Args, Debug)]
pub struct QueryArgs {
    #[command(flatten)]
    pub db: DbArgs,
    /// Event type (AGREE ... ASSAULT); repeatable.
    #[arg(long = "type")]
    pub types: Vec<String>,
    /// Status (occurred, denied, ...); repeatable.
    #[arg(long = "status")]
    pub statuses: Vec<String>,
    /// Place (KB id, English or Arabic name), including the places inside it.
    #[arg(long)]
    pub place: Option<String>,
    /// Actor (KB id, English or Arabic name), including its units.
    #[arg(long)]
    pub actor: Option<String>,
    /// From this date (YYYY-MM-DD).
    #[arg(long)]
    pub from: Option<String>,
    /// Up to this date (YYYY-MM-DD).
    #[arg(long)]
    pub to: Option<String>,
    /// Source name (case-insensitive substring).
    #[arg(long)]
    pub source: Option<String>,
    /// Output format.
    #[arg(long, value_enum, default_value = "jsonl")]
    pub format: ExportFormat,
}

/// Output format of `situation`.
#[derive(Copy, Clone, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum SituationFormat {
    /// A readable timeline.
    Text,
    /// One JSON object per state.
    Jsonl,
}

/// Arguments of `marsad situation`.
#[derive(clap::Args, Debug)]
pub struct SituationArgs {
    /// The place: knowledge-base id, English or Arabic name.
    pub place: String,
    #[command(flatten)]
    pub db: DbArgs,
    /// Only states dated on or before this date (undated states are left out).
    #[arg(long)]
    pub at: Option<String>,
    /// Output format.
    #[arg(long, value_enum, default_value = "text")]
    pub format: SituationFormat,
}

fn load_kb(db: &DbArgs) -> Result<Kb, String> {
    Kb::load(db.kb_extra.as_deref()).map_err(|e| e.to_string())
}

/// The engine version recorded with each mention: the crate version and the lexicons' hash,
/// and with `--ner` the NER model's hash.
fn engine_version(ner: bool) -> String {
    use marsad_extract::lexicon::{CUES_TSV, MODES_TSV, SOURCES_TSV, TRIGGERS_TSV};
    let mut v = format!(
        "{} {}",
        marsad_types::ENGINE,
        ingest::version_of("lex", &[TRIGGERS_TSV, MODES_TSV, CUES_TSV, SOURCES_TSV])
    );
    if ner {
        let h = marsad_store::hash::body_hash(marsad_ner::tagger::BUNDLED_MODEL);
        v.push_str(&format!(" ner-{}", &h[..16]));
    }
    v
}

/// The extractor of `extract`, `ingest` and `reextract`, with the NER tagger when asked.
pub(crate) fn extractor(kb: &Arc<Kb>, ner: bool) -> Result<Extractor, String> {
    let e = Extractor::new(Arc::clone(kb)).map_err(|e| e.to_string())?;
    if ner {
        e.with_ner().map_err(|e| e.to_string())
    } else {
        Ok(e)
    }
}

/// The knowledge-base version: a hash of the bundled files and the extra directory's files.
fn kb_version(extra: Option<&Path>) -> String {
    let mut contents: Vec<String> = marsad_kb::BUNDLED
        .iter()
        .map(|(_, t)| t.to_string())
        .collect();
    if let Some(dir) = extra {
        if let Ok(rd) = std::fs::read_dir(dir) {
            let mut ps: Vec<PathBuf> = rd.filter_map(|e| e.ok().map(|e| e.path())).collect();
            ps.sort();
            for p in ps {
                if let Ok(t) = std::fs::read_to_string(&p) {
                    contents.push(t);
                }
            }
        }
    }
    let refs: Vec<&str> = contents.iter().map(String::as_str).collect();
    ingest::version_of("kb", &refs)
}

fn open(db: &Path) -> Result<Store, String> {
    Store::open(db).map_err(|e| format!("{}: {e}", db.display()))
}

fn peak_rss_mb() -> Option<f64> {
    let s = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = s.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1024.0)
}

/// `marsad ingest`.
pub fn run_ingest(args: &IngestArgs) -> Result<usize, String> {
    let started = Instant::now();
    let kb = Arc::new(load_kb(&args.db)?);
    let extractor = extractor(&kb, args.ner)?;
    let published = match &args.published {
        Some(s) => Some(
            s.parse::<Date>()
                .map_err(|_| format!("--published must be YYYY-MM-DD, got {s:?}"))?,
        ),
        None => None,
    };
    let opts = IngestOptions {
        threads: args
            .threads
            .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get())),
        batch: args.batch,
        engine: engine_version(args.ner),
        kb_version: kb_version(args.db.kb_extra.as_deref()),
        progress: ingest::stderr_is_terminal(),
        kind: args.input.map(|k| match k {
            InputArg::Text => InputKind::Text,
            InputArg::Jsonl => InputKind::Jsonl,
        }),
        text: TextOptions {
            id: None,
            published,
        },
        source: args.source.clone(),
        throttle: args.throttle_ms.map(std::time::Duration::from_millis),
    };
    let inputs = marsad_io::expand_inputs(&args.inputs);
    if inputs.is_empty() {
        return Err("no .txt, .jsonl or .jsonl.gz inputs found".into());
    }
    let mut store = open(&args.db.db)?;
    let startup = started.elapsed().as_secs_f64();
    let extract = |d: &marsad_types::Document| extractor.try_extract(d).map_err(|e| e.to_string());
    let rep = ingest::ingest(&mut store, &inputs, &opts, &extract).map_err(|e| e.to_string())?;
    let rss_after_ingest = peak_rss_mb();
    let rebuild_cpu0 = ingest::thread_cpu_secs();
    let rb = rebuild::rebuild_if_needed(&mut store, &kb, &args.fuse.thresholds(), &opts.kb_version)
        .map_err(|e| e.to_string())?
        .unwrap_or_default();
    let counts = store.counts().map_err(|e| e.to_string())?;
    let wall = started.elapsed().as_secs_f64();
    eprintln!(
        "marsad: ingest: {} records read: {} new documents, {} repeats linked, {} already stored, {} errors; {} events; store: {} documents, {} records, {} mentions, {} incidents, {} errors; {:.1} s (ingest {:.1} s: {:.0} docs/s, {:.0} words/s; incidents rebuilt in {:.1} s)",
        rep.records_read,
        rep.stored,
        rep.linked,
        rep.skipped,
        rep.errors,
        rep.events,
        counts.documents,
        counts.records,
        counts.mentions,
        counts.incidents,
        counts.errors,
        wall,
        rep.wall_secs,
        rep.stored as f64 / rep.wall_secs.max(1e-9),
        rep.words as f64 / rep.wall_secs.max(1e-9),
        rb.load_secs + rb.fuse_secs + rb.write_secs,
    );
    if args.stats {
        let j = serde_json::json!({
            "ingest": rep, "rebuild": rb, "store": counts,
            "startup_secs": startup, "wall_secs": wall, "threads": opts.threads,
            "docs_per_sec": rep.stored as f64 / rep.wall_secs.max(1e-9),
            "words_per_sec": rep.words as f64 / rep.wall_secs.max(1e-9),
            "peak_rss_mb": peak_rss_mb(),
            "peak_rss_mb_after_ingest": rss_after_ingest,
            "rebuild_cpu_secs": ingest::thread_cpu_secs() - rebuild_cpu0,
        });
        println!("{j}");
    }
    Ok(rep.errors as usize)
}

/// `marsad reextract`.
pub fn run_reextract(args: &ReextractArgs) -> Result<usize, String> {
    let kb = Arc::new(load_kb(&args.db)?);
    let extractor = extractor(&kb, args.ner)?;
    let opts = IngestOptions {
        threads: args
            .threads
            .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get())),
        engine: engine_version(args.ner),
        kb_version: kb_version(args.db.kb_extra.as_deref()),
        ..IngestOptions::default()
    };
    let mut store = open(&args.db.db)?;
    let extract = |d: &marsad_types::Document| extractor.try_extract(d).map_err(|e| e.to_string());
    let rep =
        ingest::reextract(&mut store, &opts, &extract, args.all).map_err(|e| e.to_string())?;
    let rb = rebuild::rebuild_if_needed(&mut store, &kb, &args.fuse.thresholds(), &opts.kb_version)
        .map_err(|e| e.to_string())?;
    let counts = store.counts().map_err(|e| e.to_string())?;
    let rb = rb.unwrap_or(rebuild::RebuildReport {
        incidents: counts.incidents as usize,
        states: counts.states as usize,
        ..Default::default()
    });
    eprintln!(
        "marsad: reextract: {} documents re-extracted ({} → {} mentions), {} incidents, {} states; engine {}, {}; {:.1} s",
        rep.documents,
        rep.mentions_before,
        rep.mentions_after,
        rb.incidents,
        rb.states,
        opts.engine,
        opts.kb_version,
        rep.wall_secs
    );
    Ok(0)
}

fn resolve_actor(kb: &Kb, q: &str) -> Option<u32> {
    if let Some(EntryRef::Actor(a)) = kb.by_id(q.trim()) {
        return Some(a);
    }
    let ql = q.trim().to_lowercase();
    if let Some(i) = kb.actors().iter().position(|a| {
        a.name.to_lowercase() == ql || a.aliases.iter().any(|x| x.to_lowercase() == ql)
    }) {
        return Some(i as u32);
    }
    kb.find(q).into_iter().find_map(|m| match m.chosen {
        Some(EntryRef::Actor(a)) => Some(a),
        _ => None,
    })
}

fn parse_date(s: &Option<String>, flag: &str) -> Result<Option<Date>, String> {
    s.as_ref()
        .map(|d| {
            d.parse::<Date>()
                .map_err(|_| format!("{flag} must be YYYY-MM-DD, got {d:?}"))
        })
        .transpose()
}

fn filter(args: &QueryArgs, kb: &Kb) -> Result<query::Filter, String> {
    let types = args
        .types
        .iter()
        .map(|t| EventType::parse(t).ok_or_else(|| format!("unknown --type {t:?}")))
        .collect::<Result<Vec<_>, _>>()?;
    let statuses = args
        .statuses
        .iter()
        .map(|t| Status::parse(&t.to_lowercase()).ok_or_else(|| format!("unknown --status {t:?}")))
        .collect::<Result<Vec<_>, _>>()?;
    let place = match &args.place {
        Some(p) => Some(
            situation::resolve_place(kb, p)
                .ok_or_else(|| format!("--place {p:?}: no such place in the knowledge base"))?,
        ),
        None => None,
    };
    let actor = match &args.actor {
        Some(a) => Some(
            resolve_actor(kb, a)
                .ok_or_else(|| format!("--actor {a:?}: no such actor in the knowledge base"))?,
        ),
        None => None,
    };
    Ok(query::Filter {
        types,
        statuses,
        place,
        actor,
        from: parse_date(&args.from, "--from")?,
        to: parse_date(&args.to, "--to")?,
        source: args.source.clone(),
    })
}

fn existing(db: &Path) -> Result<Store, String> {
    if !db.exists() {
        return Err(format!(
            "{}: no store here (run `marsad ingest` first, or give --db)",
            db.display()
        ));
    }
    open(db)
}

/// `marsad incidents` (events = false) and `marsad events` (events = true).
pub fn run_query(args: &QueryArgs, events: bool) -> Result<usize, String> {
    let kb = load_kb(&args.db)?;
    let store = existing(&args.db.db)?;
    let f = filter(args, &kb)?;
    let stdout = io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    let mut features: Vec<serde_json::Value> = Vec::new();
    let fmt = args.format;
    let res = (|| -> io::Result<()> {
        match fmt {
            ExportFormat::AcledCsv => export::acled_header(&mut out)?,
            ExportFormat::PolecatTsv => export::polecat_header(&mut out)?,
            _ => {}
        }
        let mut each = |v: serde_json::Value| -> io::Result<()> {
            if fmt == ExportFormat::Jsonl {
                serde_json::to_writer(&mut out, &v)?;
                return out.write_all(b"\n");
            }
            let v = if events {
                query::event_as_incident(&v)
            } else {
                v
            };
            match fmt {
                ExportFormat::AcledCsv => export::acled_row(&mut out, &kb, &v),
                ExportFormat::PolecatTsv => export::polecat_row(&mut out, &v),
                _ => {
                    if let Some(feat) = export::geojson_feature(&v) {
                        features.push(feat);
                    }
                    Ok(())
                }
            }
        };
        let r = if events {
            query::events(&store, &kb, &f, &mut each)
        } else {
            query::incidents(&store, &kb, &f, &mut each)
        };
        r.map_err(|e| io::Error::other(e.to_string()))?;
        if fmt == ExportFormat::Geojson {
            let fc = serde_json::json!({"type": "FeatureCollection", "features": features});
            serde_json::to_writer(&mut out, &fc)?;
            out.write_all(b"\n")?;
        }
        out.flush()
    })();
    match res {
        Ok(()) => Ok(0),
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => Ok(0),
        Err(e) => Err(e.to_string()),
    }
}

/// `marsad situation`.
pub fn run_situation(args: &SituationArgs) -> Result<usize, String> {
    let kb = load_kb(&args.db)?;
    let store = existing(&args.db.db)?;
    let place = situation::resolve_place(&kb, &args.place)
        .ok_or_else(|| format!("{:?}: no such place in the knowledge base", args.place))?;
    let at = parse_date(&args.at, "--at")?;
    let states = situation::timeline(&store, &kb, place, at).map_err(|e| e.to_string())?;
    let stdout = io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    let res = match args.format {
        SituationFormat::Text => {
            out.write_all(situation::render(&kb, place, at, &states).as_bytes())
        }
        SituationFormat::Jsonl => states.iter().try_for_each(|s| {
            serde_json::to_writer(&mut out, s)?;
            out.write_all(b"\n")
        }),
    }
    .and_then(|_| out.flush());
    match res {
        Ok(()) => Ok(0),
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => Ok(0),
        Err(e) => Err(e.to_string()),
    }
}

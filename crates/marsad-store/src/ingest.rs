//! `marsad ingest`: read records, extract in parallel, write with one writer thread.
//!
//! The pipeline: the calling thread reads records in input order and decides, for each, whether
//! it is already stored (its record id is known: skipped), repeats a body already stored or in
//! flight (content hash known: linked), or is new (sent to the extraction workers). Workers
//! (one per core) extract batches; one writer thread commits each batch's documents, records,
//! mentions and errors in one transaction, so a crash never leaves half a document. After a
//! crash, records linked to a body that never got committed are dropped at start-up and read
//! again, so a rerun completes the archive exactly as an uninterrupted run would.

use crate::hash::body_hash;
use crate::{Result, Store, StoreError};
use marsad_io::{InputKind, Reader, TextOptions};
use marsad_types::{Document, Event};
use rusqlite::params;
use std::collections::HashSet;
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::sync::mpsc::{sync_channel, Receiver, SyncSender};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// The extraction function: a document's events, or why extraction failed on it (the
/// extractor's `try_extract`); a failure is recorded as that document's error.
pub type ExtractFn<'a> = &'a (dyn Fn(&Document) -> std::result::Result<Vec<Event>, String> + Sync);

/// Options of an ingest run.
#[derive(Debug, Clone)]
pub struct IngestOptions {
    /// Extraction worker threads (at least 1).
    pub threads: usize,
    /// Documents per extraction batch (and per write transaction).
    pub batch: usize,
    /// Engine version recorded with each mention.
    pub engine: String,
    /// Knowledge-base version recorded with each mention.
    pub kb_version: String,
    /// Print a progress line on stderr (use when stderr is a terminal).
    pub progress: bool,
    /// Input kind override (default: from the file extension).
    pub kind: Option<InputKind>,
    /// Options for plain-text inputs.
    pub text: TextOptions,
    /// Publishing outlet given to documents that name none (plain-text files).
    pub source: Option<String>,
    /// Test hook: pause this long after each committed batch (to kill a run part-way).
    pub throttle: Option<Duration>,
}

impl Default for IngestOptions {
    fn default() -> Self {
        IngestOptions {
            threads: std::thread::available_parallelism().map_or(1, |n| n.get()),
            batch: 128,
            engine: marsad_types::ENGINE.to_string(),
            kb_version: String::new(),
            progress: false,
            kind: None,
            text: TextOptions::default(),
            source: None,
            throttle: None,
        }
    }
}

/// What an ingest run did. `records_read = stored + linked + skipped + errors`.
#[derive(Debug, Clone, Default, serde::Serialize)]
pub struct IngestReport {
    /// Records read from the inputs (good and bad).
    pub records_read: u64,
    /// New distinct bodies stored.
    pub stored: u64,
    /// Records whose body was already stored (or stored earlier in this run): linked.
    pub linked: u64,
    /// Records already in the store: skipped.
    pub skipped: u64,
    /// Bad records (recorded in `errors`).
    pub errors: u64,
    /// Inputs that could not be opened at all (also recorded in `errors`).
    pub unopened_inputs: u64,
    /// Event mentions stored.
    pub events: u64,
    /// Words (whitespace-separated) of the stored documents.
    pub words: u64,
    /// Wall-clock seconds of the whole run.
    pub wall_secs: f64,
    /// Seconds the reader spent reading, decoding and hashing (excluding waits).
    pub read_secs: f64,
    /// Wall seconds spent in extraction, summed over workers (includes waiting for a core).
    pub extract_secs: f64,
    /// Seconds the writer spent writing (excluding waits).
    pub write_secs: f64,
    /// CPU seconds of the reader thread (reading, gunzip, JSON, hashing).
    pub read_cpu_secs: f64,
    /// CPU seconds of extraction, summed over workers.
    pub extract_cpu_secs: f64,
    /// CPU seconds of the writer thread (SQLite inserts, JSON of events).
    pub write_cpu_secs: f64,
}

/// CPU seconds used so far by the calling thread (Linux `/proc/thread-self/stat`; 0 elsewhere).
pub fn thread_cpu_secs() -> f64 {
    let Ok(s) = std::fs::read_to_string("/proc/thread-self/stat") else {
        return 0.0;
    };
    // Fields after the command name (which may hold spaces) closing with ')'.
    let Some(rest) = s.rfind(')').and_then(|i| s.get(i + 2..)) else {
        return 0.0;
    };
    let f: Vec<&str> = rest.split_whitespace().collect();
    // utime and stime are fields 14 and 15 of stat, i.e. 11 and 12 after the name.
    let tick = |i: usize| f.get(i).and_then(|x| x.parse::<f64>().ok()).unwrap_or(0.0);
    (tick(11) + tick(12)) / 100.0
}

struct Job {
    doc: Document,
    hash: String,
    input: String,
    words: u64,
}

enum Msg {
    /// Extracted documents, with the wall and CPU seconds their extraction took.
    Docs(Vec<(Job, Vec<Event>)>, f64, f64),
    Link {
        record: String,
        hash: String,
        input: String,
        published: Option<String>,
        source: Option<String>,
    },
    Error {
        record: String,
        input: String,
        reason: String,
    },
}

fn words(doc: &Document) -> u64 {
    (doc.title
        .as_deref()
        .map_or(0, |t| t.split_whitespace().count())
        + doc.text.split_whitespace().count()) as u64
}

/// Ingests `inputs` (already expanded: see `marsad_io::expand_inputs`) into `store`.
/// Incidents are not rebuilt here: call [`crate::rebuild::rebuild`] afterwards.
pub fn ingest(
    store: &mut Store,
    inputs: &[PathBuf],
    opts: &IngestOptions,
    extract: ExtractFn<'_>,
) -> Result<IngestReport> {
    let started = Instant::now();
    // Records linked to a body that never got committed (a crash between the two): drop them
    // so the rerun reads them again.
    store.conn().execute(
        "DELETE FROM records WHERE hash NOT IN (SELECT hash FROM documents)",
        [],
    )?;
    let mut known_hashes: HashSet<String> = HashSet::new();
    {
        let mut st = store.conn().prepare("SELECT hash FROM documents")?;
        let rows = st.query_map([], |r| r.get::<_, String>(0))?;
        for h in rows {
            known_hashes.insert(h?);
        }
    }
    let mut known_records: HashSet<String> = HashSet::new();
    {
        let mut st = store.conn().prepare("SELECT record FROM records")?;
        let rows = st.query_map([], |r| r.get::<_, String>(0))?;
        for h in rows {
            known_records.insert(h?);
        }
    }

    let threads = opts.threads.max(1);
    let batch = opts.batch.max(1);
    let mut report = IngestReport::default();
    let (work_tx, work_rx) = sync_channel::<Vec<Job>>(threads * 2);
    let work_rx = Arc::new(Mutex::new(work_rx));
    let (msg_tx, msg_rx) = sync_channel::<Msg>(threads * 4 + 64);
    let expected_total = Arc::new(Mutex::new(None::<u64>));

    let writer_result: Result<WriterTotals> = std::thread::scope(|s| {
        // Extraction workers.
        for _ in 0..threads {
            let rx = Arc::clone(&work_rx);
            let tx = msg_tx.clone();
            s.spawn(move || worker(&rx, &tx, extract));
        }
        // Progress needs a total for the ETA: count records in a side thread.
        if opts.progress {
            let total = Arc::clone(&expected_total);
            let inputs = inputs.to_vec();
            s.spawn(move || {
                let n = count_records(&inputs);
                if let Ok(mut t) = total.lock() {
                    *t = Some(n);
                }
            });
        }
        let writer = {
            let opts = opts.clone();
            let total = Arc::clone(&expected_total);
            let store = &mut *store;
            s.spawn(move || writer(store, msg_rx, &opts, started, &total))
        };

        // The reader: this thread.
        let read_cpu0 = thread_cpu_secs();
        let mut reader = Reader::new();
        let mut pending: Vec<Job> = Vec::with_capacity(batch);
        let mut read_time = Duration::ZERO;
        let mut t0 = Instant::now();
        for path in inputs {
            let input = path.display().to_string();
            let mut send_failed = false;
            let res = reader.read(path, opts.kind, &opts.text, &mut |item| {
                if send_failed {
                    return;
                }
                report.records_read += 1;
                let msg = match item {
                    Err(e) => {
                        report.errors += 1;
                        Some(Msg::Error {
                            record: e.doc,
                            input: input.clone(),
                            reason: e.reason,
                        })
                    }
                    Ok(mut doc) => {
                        if doc.source.is_none() {
                            doc.source.clone_from(&opts.source);
                        }
                        if known_records.contains(&doc.id) {
                            report.skipped += 1;
                            None
                        } else {
                            let hash = body_hash(doc.text.as_bytes());
                            known_records.insert(doc.id.clone());
                            if known_hashes.contains(&hash) {
                                report.linked += 1;
                                Some(Msg::Link {
                                    record: doc.id,
                                    hash,
                                    input: input.clone(),
                                    published: doc.published.map(|d| d.to_string()),
                                    source: doc.source,
                                })
                            } else {
                                known_hashes.insert(hash.clone());
                                report.stored += 1;
                                let words = words(&doc);
                                report.words += words;
                                pending.push(Job {
                                    doc,
                                    hash,
                                    input: input.clone(),
                                    words,
                                });
                                None
                            }
                        }
                    }
                };
                let full = pending.len() >= batch;
                if msg.is_some() || full {
                    read_time += t0.elapsed();
                    if let Some(m) = msg {
                        send_failed |= msg_tx.send(m).is_err();
                    }
                    if full {
                        send_failed |= work_tx.send(std::mem::take(&mut pending)).is_err();
                    }
                    t0 = Instant::now();
                }
            });
            if let Err(e) = res {
                report.unopened_inputs += 1;
                report.records_read += 1;
                report.errors += 1;
                let _ = msg_tx.send(Msg::Error {
                    record: input.clone(),
                    input: input.clone(),
                    reason: format!("cannot open: {}", e.source),
                });
            }
        }
        read_time += t0.elapsed();
        if !pending.is_empty() {
            let _ = work_tx.send(pending);
        }
        drop(work_tx);
        drop(msg_tx);
        report.read_secs = read_time.as_secs_f64();
        report.read_cpu_secs = thread_cpu_secs() - read_cpu0;
        writer
            .join()
            .unwrap_or_else(|_| Err(StoreError("the writer thread panicked".into())))
    });
    let totals = writer_result?;
    report.events = totals.events;
    report.extract_secs = totals.extract_secs;
    report.write_secs = totals.write_secs;
    report.extract_cpu_secs = totals.extract_cpu_secs;
    report.write_cpu_secs = totals.write_cpu_secs;
    report.wall_secs = started.elapsed().as_secs_f64();
    if opts.progress {
        eprint!("\r\x1b[2K");
    }
    Ok(report)
}

fn worker(rx: &Mutex<Receiver<Vec<Job>>>, tx: &SyncSender<Msg>, extract: ExtractFn<'_>) {
    loop {
        let jobs = {
            let Ok(guard) = rx.lock() else { return };
            match guard.recv() {
                Ok(j) => j,
                Err(_) => return,
            }
        };
        let t = Instant::now();
        let cpu0 = thread_cpu_secs();
        let mut out = Vec::with_capacity(jobs.len());
        let mut errors = Vec::new();
        for job in jobs {
            let run = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| extract(&job.doc)));
            match run {
                Ok(Ok(events)) => out.push((job, events)),
                Ok(Err(reason)) => errors.push(Msg::Error {
                    record: job.doc.id.clone(),
                    input: job.input.clone(),
                    reason,
                }),
                Err(_) => errors.push(Msg::Error {
                    record: job.doc.id.clone(),
                    input: job.input.clone(),
                    reason: "internal error during extraction (a bug: please report it)".into(),
                }),
            }
        }
        let secs = t.elapsed().as_secs_f64();
        let cpu = thread_cpu_secs() - cpu0;
        for e in errors {
            if tx.send(e).is_err() {
                return;
            }
        }
        if tx.send(Msg::Docs(out, secs, cpu)).is_err() {
            return;
        }
    }
}

struct WriterTotals {
    events: u64,
    extract_secs: f64,
    extract_cpu_secs: f64,
    write_secs: f64,
    write_cpu_secs: f64,
}

fn writer(
    store: &mut Store,
    rx: Receiver<Msg>,
    opts: &IngestOptions,
    started: Instant,
    total: &Mutex<Option<u64>>,
) -> Result<WriterTotals> {
    let cpu0 = thread_cpu_secs();
    let mut totals = WriterTotals {
        events: 0,
        extract_secs: 0.0,
        extract_cpu_secs: 0.0,
        write_secs: 0.0,
        write_cpu_secs: 0.0,
    };
    let mut docs_done = 0u64;
    let mut records_done = 0u64;
    let mut last_progress = Instant::now();
    let mut buf: Vec<Msg> = Vec::new();
    // Block for one message, then take what else is queued (up to a bound): one transaction.
    // Throttled runs (crash tests) commit one extraction batch at a time.
    let max_doc_msgs = if opts.throttle.is_some() { 1 } else { 8 };
    while let Ok(first) = rx.recv() {
        let mut doc_msgs = usize::from(matches!(first, Msg::Docs(..)));
        buf.push(first);
        while doc_msgs < max_doc_msgs && buf.len() < 4096 {
            let Ok(m) = rx.try_recv() else { break };
            doc_msgs += usize::from(matches!(m, Msg::Docs(..)));
            buf.push(m);
        }
        let t = Instant::now();
        let (d, r, e, x, xc) = write_batch(store, &mut buf, opts)?;
        totals.write_secs += t.elapsed().as_secs_f64();
        totals.extract_cpu_secs += xc;
        docs_done += d;
        records_done += r;
        totals.events += e;
        totals.extract_secs += x;
        if let Some(pause) = opts.throttle {
            std::thread::sleep(pause);
        }
        if opts.progress && last_progress.elapsed() >= Duration::from_millis(250) {
            last_progress = Instant::now();
            let secs = started.elapsed().as_secs_f64().max(1e-6);
            let rate = records_done as f64 / secs;
            let eta = match total.lock().ok().and_then(|t| *t) {
                Some(t) if rate > 0.0 && t >= records_done => {
                    let left = (t - records_done) as f64 / rate;
                    format!("ETA {}:{:02}", (left / 60.0) as u64, (left as u64) % 60)
                }
                _ => "ETA …".into(),
            };
            let mut err = std::io::stderr().lock();
            let _ = write!(
                err,
                "\r\x1b[2K{records_done} records, {docs_done} documents, {} events, {:.0} docs/s, {eta}",
                totals.events,
                docs_done as f64 / secs
            );
            let _ = err.flush();
        }
    }
    totals.write_cpu_secs = thread_cpu_secs() - cpu0;
    Ok(totals)
}

/// Writes one batch in one transaction; returns (documents, records, events, extract wall
/// secs, extract CPU secs).
fn write_batch(
    store: &mut Store,
    buf: &mut Vec<Msg>,
    opts: &IngestOptions,
) -> Result<(u64, u64, u64, f64, f64)> {
    let tx = store.conn_mut().transaction()?;
    let (mut docs, mut records, mut events, mut secs, mut cpu) = (0u64, 0u64, 0u64, 0f64, 0f64);
    {
        let mut ins_doc = tx.prepare_cached(
            "INSERT OR IGNORE INTO documents
             (hash, id, title, text, published, source, url, input, words, engine, kb_version)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
        )?;
        let mut ins_rec = tx.prepare_cached(
            "INSERT OR IGNORE INTO records (record, hash, input, repeat, published, source)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        )?;
        let mut ins_err = tx.prepare_cached(
            "INSERT OR IGNORE INTO errors (record, input, reason) VALUES (?1, ?2, ?3)",
        )?;
        for msg in buf.drain(..) {
            match msg {
                Msg::Docs(items, x, xc) => {
                    secs += x;
                    cpu += xc;
                    for (job, evs) in items {
                        let d = &job.doc;
                        let published = d.published.map(|p| p.to_string());
                        let inserted = ins_doc.execute(params![
                            job.hash,
                            d.id,
                            d.title,
                            d.text,
                            published,
                            d.source,
                            d.url,
                            job.input,
                            job.words as i64,
                            opts.engine,
                            opts.kb_version
                        ])?;
                        let doc_key: i64 = if inserted == 1 {
                            tx.last_insert_rowid()
                        } else {
                            tx.query_row(
                                "SELECT doc FROM documents WHERE hash = ?1",
                                [&job.hash],
                                |r| r.get(0),
                            )?
                        };
                        ins_rec
                            .execute(params![d.id, job.hash, job.input, 0, published, d.source])?;
                        events += insert_mentions(&tx, doc_key, &evs, opts)? as u64;
                        docs += 1;
                        records += 1;
                    }
                }
                Msg::Link {
                    record,
                    hash,
                    input,
                    published,
                    source,
                } => {
                    ins_rec.execute(params![record, hash, input, 1, published, source])?;
                    records += 1;
                }
                Msg::Error {
                    record,
                    input,
                    reason,
                } => {
                    ins_err.execute(params![record, input, reason])?;
                    records += 1;
                }
            }
        }
    }
    tx.commit()?;
    Ok((docs, records, events, secs, cpu))
}

/// Inserts a document's mentions; returns how many.
pub(crate) fn insert_mentions(
    tx: &rusqlite::Transaction<'_>,
    doc_key: i64,
    events: &[Event],
    opts: &IngestOptions,
) -> Result<usize> {
    let mut st = tx.prepare_cached(
        "INSERT OR IGNORE INTO mentions
         (doc, event_id, type, mode, status, cluster, date, precision, place, json, engine, kb_version)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
    )?;
    let mut n = 0;
    for ev in events {
        let json =
            serde_json::to_string(ev).map_err(|e| StoreError(format!("event to JSON: {e}")))?;
        let date = ev.time.as_ref().and_then(|t| t.date).map(|d| d.to_string());
        let precision = ev
            .time
            .as_ref()
            .and_then(|t| t.precision)
            .map(|p| precision_str(p).to_string());
        let place = ev.locations.iter().find_map(|l| l.id.clone());
        n += st.execute(params![
            doc_key,
            ev.id,
            ev.event_type.as_str(),
            ev.mode.map(|m| m.as_str()),
            ev.status.as_str(),
            ev.cluster,
            date,
            precision,
            place,
            json,
            opts.engine,
            opts.kb_version
        ])?;
    }
    Ok(n)
}

/// The spelling of a date precision.
pub fn precision_str(p: marsad_types::Precision) -> &'static str {
    match p {
        marsad_types::Precision::Day => "day",
        marsad_types::Precision::Week => "week",
        marsad_types::Precision::Month => "month",
        marsad_types::Precision::Year => "year",
    }
}

/// Counts the records of `inputs` (lines of JSON Lines files, one per text file) without
/// parsing them: the total behind the progress line's ETA.
pub fn count_records(inputs: &[PathBuf]) -> u64 {
    use std::io::{BufRead, BufReader, Read};
    let mut n = 0u64;
    for p in inputs {
        if p.as_os_str() == "-" {
            continue;
        }
        if InputKind::from_path(p) == InputKind::Text {
            n += 1;
            continue;
        }
        let Ok(f) = std::fs::File::open(p) else {
            n += 1;
            continue;
        };
        let raw: Box<dyn Read> = if is_gz(p) {
            Box::new(flate2_reader(f))
        } else {
            Box::new(f)
        };
        let mut r = BufReader::with_capacity(1 << 16, raw);
        let mut line = Vec::new();
        loop {
            line.clear();
            match r.read_until(b'\n', &mut line) {
                Ok(0) | Err(_) => break,
                Ok(_) => {
                    if !line.iter().all(u8::is_ascii_whitespace) {
                        n += 1;
                    }
                }
            }
        }
    }
    n
}

fn is_gz(p: &Path) -> bool {
    p.extension().is_some_and(|e| e.eq_ignore_ascii_case("gz"))
}

fn flate2_reader(f: std::fs::File) -> impl std::io::Read {
    flate2::read::MultiGzDecoder::new(f)
}

/// Whether a progress line should be shown: stderr is a terminal.
pub fn stderr_is_terminal() -> bool {
    std::io::stderr().is_terminal()
}

/// What `reextract` did.
#[derive(Debug, Clone, Default, serde::Serialize)]
pub struct ReextractReport {
    /// Documents re-extracted.
    pub documents: u64,
    /// Mentions before.
    pub mentions_before: u64,
    /// Mentions after.
    pub mentions_after: u64,
    /// Wall-clock seconds.
    pub wall_secs: f64,
}

/// Re-runs extraction over stored documents and replaces their mentions (each batch in one
/// transaction). With `all` false, only documents whose engine or knowledge-base version
/// differs from `opts`' are redone. Incidents are not rebuilt here: call
/// [`crate::rebuild::rebuild`] afterwards.
pub fn reextract(
    store: &mut Store,
    opts: &IngestOptions,
    extract: ExtractFn<'_>,
    all: bool,
) -> Result<ReextractReport> {
    let started = Instant::now();
    let mut report = ReextractReport {
        mentions_before: store.counts()?.mentions,
        ..Default::default()
    };
    let keys: Vec<i64> = {
        let mut st = store.conn().prepare(
            "SELECT doc FROM documents WHERE ?1 OR engine != ?2 OR kb_version != ?3 ORDER BY doc",
        )?;
        let rows = st.query_map(params![all, opts.engine, opts.kb_version], |r| r.get(0))?;
        rows.collect::<std::result::Result<_, _>>()?
    };
    let threads = opts.threads.max(1);
    for chunk in keys.chunks(opts.batch.max(1) * threads) {
        let mut docs: Vec<(i64, Document)> = Vec::with_capacity(chunk.len());
        {
            let mut st = store.conn().prepare_cached(
                "SELECT id, title, text, published, source, url FROM documents WHERE doc = ?1",
            )?;
            for &k in chunk {
                let d = st.query_row([k], |r| {
                    let published: Option<String> = r.get(3)?;
                    Ok(Document {
                        id: r.get(0)?,
                        title: r.get(1)?,
                        text: r.get(2)?,
                        published: published.and_then(|p| p.parse().ok()),
                        source: r.get(4)?,
                        url: r.get(5)?,
                    })
                })?;
                docs.push((k, d));
            }
        }
        let per = docs.len().div_ceil(threads).max(1);
        let results: Vec<Vec<Event>> = std::thread::scope(|s| {
            let hs: Vec<_> = docs
                .chunks(per)
                .map(|part| {
                    s.spawn(move || {
                        part.iter()
                            .map(|(_, d)| {
                                std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                                    extract(d)
                                }))
                                .ok()
                                .and_then(std::result::Result::ok)
                                .unwrap_or_default()
                            })
                            .collect::<Vec<_>>()
                    })
                })
                .collect();
            hs.into_iter()
                .flat_map(|h| h.join().unwrap_or_default())
                .collect()
        });
        let tx = store.conn_mut().transaction()?;
        for ((k, _), evs) in docs.iter().zip(&results) {
            tx.execute("DELETE FROM mentions WHERE doc = ?1", [k])?;
            insert_mentions(&tx, *k, evs, opts)?;
            tx.execute(
                "UPDATE documents SET engine = ?1, kb_version = ?2 WHERE doc = ?3",
                params![opts.engine, opts.kb_version, k],
            )?;
            report.documents += 1;
        }
        tx.commit()?;
    }
    report.mentions_after = store.counts()?.mentions;
    report.wall_secs = started.elapsed().as_secs_f64();
    Ok(report)
}

/// A version string for a set of data files: a hash of their contents.
pub fn version_of(label: &str, contents: &[&str]) -> String {
    format!("{label}-{}", crate::hash::id_hash(contents))
}

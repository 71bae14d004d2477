//! `marsad extract`: read documents, extract in parallel, print in input order.

use crate::{ExtractArgs, FormatArg, InputArg, InputArgs};
use marsad_extract::Extractor;
use marsad_io::{DocError, InputKind, Reader, TextOptions};
use marsad_types::{Date, DocOutput, Document};
use std::io::{self, BufWriter, Write};
use std::sync::Arc;
use std::time::Instant;

/// Documents extracted per parallel batch.
const BATCH: usize = 256;

/// Runs `extract`; returns the number of failed documents, or a fatal error.
pub fn run(args: &ExtractArgs) -> Result<usize, String> {
    let kb = marsad_kb::Kb::load(args.io.kb_extra.as_deref()).map_err(|e| e.to_string())?;
    let extractor = crate::store_cmd::extractor(&Arc::new(kb), args.ner)?;
    let threads = args
        .threads
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()))
        .max(1);
    let (kind, text_opts) = input_options(&args.io)?;

    let started = Instant::now();
    let mut stats = Stats::default();
    let stdout = io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    let mut failed = 0usize;
    let mut fatal: Option<String> = None;
    let mut batch: Vec<Document> = Vec::with_capacity(BATCH);
    if args.format == FormatArg::AcledCsv {
        if let Err(e) = marsad_io::acled::write_record(&mut out, &marsad_io::acled::HEADER) {
            return write_failure(e);
        }
    }
    let mut reader = Reader::new();
    for path in &args.io.inputs {
        let mut write_err: Option<io::Error> = None;
        let res = reader.read(path, kind, &text_opts, &mut |item| {
            if write_err.is_some() {
                return;
            }
            match item {
                Ok(doc) => {
                    batch.push(doc);
                    if batch.len() >= BATCH {
                        if let Err(e) = flush(
                            &extractor,
                            &mut batch,
                            threads,
                            args.format,
                            &mut out,
                            &mut failed,
                            &mut stats,
                        ) {
                            write_err = Some(e);
                        }
                    }
                }
                Err(e) => {
                    failed += 1;
                    report(&e);
                }
            }
        });
        if let Some(e) = write_err {
            return write_failure(e);
        }
        if let Err(e) = res {
            // An input that cannot be opened fails its documents, not the run.
            eprintln!("marsad: {e}");
            failed += 1;
            if args.io.inputs.len() == 1 {
                fatal = Some(e.to_string());
            }
        }
    }
    if let Err(e) = flush(
        &extractor,
        &mut batch,
        threads,
        args.format,
        &mut out,
        &mut failed,
        &mut stats,
    ) {
        return write_failure(e);
    }
    if let Err(e) = out.flush() {
        return write_failure(e);
    }
    if args.stats {
        let secs = started.elapsed().as_secs_f64().max(1e-9);
        eprintln!(
            "marsad: {} documents ({} failed), {} words, {} events in {:.2} s: {:.0} docs/s, {:.0} words/s on {} threads",
            stats.docs,
            failed,
            stats.words,
            stats.events,
            secs,
            stats.docs as f64 / secs,
            stats.words as f64 / secs,
            threads
        );
    }
    match fatal {
        Some(e) => Err(e),
        None => Ok(failed),
    }
}

/// The input kind and plain-text options implied by the command line.
pub fn input_options(io: &InputArgs) -> Result<(Option<InputKind>, TextOptions), String> {
    let published = match &io.published {
        Some(s) => Some(
            s.parse::<Date>()
                .map_err(|_| format!("--published must be YYYY-MM-DD, got {s:?}"))?,
        ),
        None => None,
    };
    if io.id.is_some() && io.inputs.len() > 1 {
        return Err("--id needs exactly one input".into());
    }
    let kind = io.input.map(|k| match k {
        InputArg::Text => InputKind::Text,
        InputArg::Jsonl => InputKind::Jsonl,
    });
    Ok((
        kind,
        TextOptions {
            id: io.id.clone(),
            published,
        },
    ))
}

/// Running totals for `--stats`.
#[derive(Default)]
struct Stats {
    docs: usize,
    words: usize,
    events: usize,
}

/// Whitespace-separated words, the unit of the throughput figures.
fn count_words(s: &str) -> usize {
    s.split_whitespace().count()
}

pub fn report(e: &DocError) {
    eprintln!("marsad: document {}: {}", e.doc, e.reason);
}

/// A closed pipe (`| head`) ends the run quietly; other write errors are fatal.
fn write_failure(e: io::Error) -> Result<usize, String> {
    if e.kind() == io::ErrorKind::BrokenPipe {
        Ok(0)
    } else {
        Err(format!("writing output: {e}"))
    }
}

/// Extracts a batch on `threads` workers and writes it in input order.
fn flush(
    extractor: &Extractor,
    batch: &mut Vec<Document>,
    threads: usize,
    format: FormatArg,
    out: &mut impl Write,
    failed: &mut usize,
    stats: &mut Stats,
) -> io::Result<()> {
    if batch.is_empty() {
        return Ok(());
    }
    let docs = std::mem::take(batch);
    let chunk = docs.len().div_ceil(threads);
    let results: Vec<Result<DocOutput, String>> = std::thread::scope(|s| {
        let handles: Vec<_> = docs
            .chunks(chunk)
            .map(|part| {
                s.spawn(move || {
                    part.iter()
                        .map(|d| {
                            // The extractor must never fail; if it does, only this document
                            // fails, and the run goes on.
                            extractor
                                .try_extract(d)
                                .map(|events| DocOutput::new(d.meta(), events))
                                .map_err(|e| e.to_string())
                        })
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        handles
            .into_iter()
            .flat_map(|h| h.join().unwrap_or_default())
            .collect()
    });
    for (output, doc) in results.into_iter().zip(docs.iter()) {
        let output = match output {
            Ok(o) => o,
            Err(reason) => {
                *failed += 1;
                report(&DocError {
                    doc: doc.id.clone(),
                    reason,
                });
                continue;
            }
        };
        stats.docs += 1;
        stats.events += output.events.len();
        stats.words += doc.title.as_deref().map_or(0, count_words) + count_words(&doc.text);
        match format {
            FormatArg::Jsonl => {
                serde_json::to_writer(&mut *out, &output)?;
                out.write_all(b"\n")?;
            }
            FormatArg::Pretty => crate::pretty::write_doc(out, doc, &output)?,
            FormatArg::AcledCsv => {
                let text = doc.full_text();
                for e in &output.events {
                    if let Some(row) = marsad_io::acled::row(&output.doc, &text, e) {
                        marsad_io::acled::write_record(out, &row)?;
                    }
                }
            }
        }
    }
    Ok(())
}

//! Benchmarks of the store: fusion of synthetic mentions (always), and ingest of real news
//! with the bundled extractor, split by stage (skips without `../shared`).
//!
//! `cargo bench -p marsad-store`. The whole-corpus figures come from
//! `marsad ingest ../shared/data/news --db /tmp/news.db --stats` (JSON on stdout: docs/s,
//! words/s, seconds per stage, peak memory).

use marsad_store::fuse::{fuse, FuseMention, Hierarchy, Thresholds};
use marsad_types::{ActorRef, Event, EventType, LocationRef, SentenceSpan, Status, TextSpan};
use std::path::PathBuf;
use std::sync::Arc;

fn main() {
    divan::main();
}

struct Flat;

impl Hierarchy for Flat {
    fn place_parents(&self, id: &str) -> Vec<String> {
        vec![format!("gov-{}", &id[id.len() - 1..]), "syria".into()]
    }
    fn is_country(&self, id: &str) -> bool {
        id == "syria"
    }
    fn actor_parents(&self, _id: &str) -> Vec<String> {
        Vec::new()
    }
}

fn synthetic(n: usize) -> Vec<FuseMention> {
    (0..n)
        .map(|i| {
            let t = EventType::ALL[i % 16];
            let place = format!("place-{}", i % 97);
            let day = 1 + (i * 7) % 28;
            let published = format!("2018-{:02}-{day:02}", 1 + (i / 1000) % 12);
            FuseMention {
                doc_hash: format!("{:032x}", i / 3),
                doc_id: format!("d{}", i / 3),
                published: published.parse().ok(),
                outlet: Some(format!("outlet-{}", i % 5)),
                event: Event {
                    id: format!("ev-{i:016x}"),
                    event_type: t,
                    mode: None,
                    status: if i % 11 == 0 {
                        Status::Denied
                    } else {
                        Status::Occurred
                    },
                    trigger: TextSpan {
                        text: "قصف".into(),
                        start: (i % 3) as u32 * 50,
                        end: (i % 3) as u32 * 50 + 3,
                    },
                    sentence: SentenceSpan { start: 0, end: 10 },
                    actors: vec![ActorRef {
                        text: "x".into(),
                        start: 0,
                        end: 1,
                        name: None,
                        id: Some(format!("actor-{}", i % 7)),
                        sector: None,
                        country: None,
                    }],
                    recipients: vec![],
                    mediators: vec![],
                    locations: vec![LocationRef {
                        text: "x".into(),
                        start: 0,
                        end: 1,
                        name: None,
                        name_ar: None,
                        id: Some(place),
                        lat: None,
                        lon: None,
                        admin1: None,
                        feature: None,
                        precision: Some(1),
                    }],
                    time: None,
                    quantities: vec![],
                    duration: None,
                    attribution: vec![],
                    confidence: 0.5,
                    rule: "bench".into(),
                    cluster: None,
                    country: None,
                    acled: None,
                },
            }
        })
        .collect()
}

/// Fusion of 50,000 synthetic mentions (the news corpus has about 300,000).
#[divan::bench(sample_count = 5)]
fn fuse_50k(bencher: divan::Bencher) {
    let ms = synthetic(50_000);
    bencher.bench(|| fuse(divan::black_box(&ms), &Flat, &Thresholds::default()).len());
}

fn news_file() -> Option<PathBuf> {
    let p = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/data/news/web-2021-2023.jsonl.gz");
    if p.is_file() {
        Some(p)
    } else {
        eprintln!("note: ../shared is absent: skipping the ingest benchmark");
        None
    }
}

/// Ingest (read, extract, write) and rebuild of the 20 web reports of the news corpus into a
/// fresh store; prints the stage split once.
#[divan::bench(sample_count = 3)]
fn ingest_web_reports(bencher: divan::Bencher) {
    let Some(file) = news_file() else { return };
    let kb = Arc::new(marsad_kb::Kb::bundled().expect("kb"));
    let ex = marsad_extract::Extractor::new(Arc::clone(&kb)).expect("extractor");
    let extract = |d: &marsad_types::Document| ex.try_extract(d).map_err(|e| e.to_string());
    let dir = std::env::temp_dir().join(format!("marsad-store-bench-{}", std::process::id()));
    let _ = std::fs::create_dir_all(&dir);
    let mut printed = false;
    bencher.bench_local(|| {
        let db = dir.join("bench.db");
        for suffix in ["", "-wal", "-shm"] {
            let _ = std::fs::remove_file(format!("{}{suffix}", db.display()));
        }
        let mut store = marsad_store::Store::open(&db).expect("store");
        let opts = marsad_store::ingest::IngestOptions::default();
        let rep = marsad_store::ingest::ingest(&mut store, std::slice::from_ref(&file), &opts, &extract)
            .expect("ingest");
        let rb = marsad_store::rebuild::rebuild(&mut store, &kb, &Thresholds::default())
            .expect("rebuild");
        if !printed {
            printed = true;
            eprintln!(
                "ingest: {} docs, {} words, {} events; CPU: read {:.3} s, extract {:.3} s, write {:.3} s; fuse {:.3} s, rebuild write {:.3} s; wall {:.3} s",
                rep.stored, rep.words, rep.events, rep.read_cpu_secs, rep.extract_cpu_secs,
                rep.write_cpu_secs, rb.fuse_secs, rb.write_secs, rep.wall_secs
            );
        }
        rep.stored
    });
}

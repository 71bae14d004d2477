//! Shared helpers of the store's integration tests: a generated sample of short Arabic
//! documents written for these tests (no article text), and an ingest with the real extractor.

#![allow(dead_code)]

use marsad_store::fuse::Thresholds;
use marsad_store::ingest::{ingest, IngestOptions, IngestReport};
use marsad_store::{rebuild, Store};
use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};

/// The bundled knowledge base and extractor, built once per test binary.
pub fn engine() -> &'static (Arc<marsad_kb::Kb>, marsad_extract::Extractor) {
    static E: OnceLock<(Arc<marsad_kb::Kb>, marsad_extract::Extractor)> = OnceLock::new();
    E.get_or_init(|| {
        let kb = Arc::new(marsad_kb::Kb::bundled().expect("bundled KB"));
        let ex = marsad_extract::Extractor::new(Arc::clone(&kb)).expect("extractor");
        (kb, ex)
    })
}

/// A fresh temporary directory.
pub fn tmpdir(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("marsad-store-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).expect("tmp dir");
    d
}

const PLACES: [&str; 6] = [
    "حي الشيخ مقصود في حلب",
    "مدينة القامشلي",
    "مدينة الحسكة",
    "حي الأشرفية في حلب",
    "مدينة دير الزور",
    "بلدة تل رفعت",
];
const ACTORS: [&str; 4] = [
    "قوات النظام السوري",
    "الفرقة الرابعة",
    "قوات سوريا الديمقراطية",
    "الفصائل المسلحة",
];
const OUTLETS: [&str; 4] = [
    "وكالة المجس",
    "قناة الميادين",
    "المرصد المحلي",
    "شبكة الخابور",
];

/// One generated document body.
fn body(i: usize) -> String {
    let place = PLACES[i % PLACES.len()];
    let actor = ACTORS[(i / 2) % ACTORS.len()];
    let outlet = OUTLETS[(i / 3) % OUTLETS.len()];
    let days = 10 + (i % 40);
    match i % 5 {
        0 => format!(
            "قالت {outlet} إن {actor} فرضت حصاراً على {place} منذ {days} يوماً، ومنعت إدخال الطحين والأدوية."
        ),
        1 => format!(
            "سمحت {actor} بإدخال الطحين إلى {place} بعد حصار دام {days} يوماً، بحسب {outlet}."
        ),
        2 => format!(
            "توصل {actor} و{} إلى اتفاق برعاية روسية يقضي بفك الحصار عن {place}.",
            ACTORS[(i + 1) % ACTORS.len()]
        ),
        3 => format!(
            "قصفت {actor} بالمدفعية الثقيلة أطراف {place}، ما أدى إلى مقتل {} مدنيين، وفق {outlet}.",
            3 + i % 7
        ),
        _ => format!(
            "سيطرت {actor} على مواقع في {place} بعد اشتباكات عنيفة، ونفت {} ذلك.",
            ACTORS[(i + 2) % ACTORS.len()]
        ),
    }
}

/// Writes the sample: `n` documents as JSON Lines (with dates and outlets), every seventh
/// record repeating an earlier body under a new id, and three bad records; plus one plain-text
/// file in a subdirectory. Returns the input directory and the number of records in it.
pub fn write_sample(dir: &Path, n: usize) -> (PathBuf, usize) {
    let input = dir.join("input");
    std::fs::create_dir_all(input.join("sub")).expect("input dir");
    let mut lines = Vec::new();
    for i in 0..n {
        let text = if i % 7 == 6 { body(i - 3) } else { body(i) };
        let day = 1 + (i % 27);
        let v = serde_json::json!({
            "id": format!("gen-{i:04}"),
            "title": format!("خبر رقم {i}"),
            "text": text,
            "published": format!("2021-04-{day:02}"),
            "source": OUTLETS[i % OUTLETS.len()],
            "url": null,
        });
        lines.push(v.to_string());
    }
    lines.push("{\"id\": \"bad-json\", \"text\": ".to_string());
    lines.push("{\"id\": \"empty\", \"text\": \"   \"}".to_string());
    lines.push("{\"title\": \"بلا معرف\", \"text\": \"نص\"}".to_string());
    std::fs::write(input.join("sample.jsonl"), lines.join("\n") + "\n").expect("write sample");
    std::fs::write(
        input.join("sub/plain.txt"),
        "حاصرت قوات النظام السوري مدينة القامشلي منذ عشرين يوماً.",
    )
    .expect("write txt");
    (input, n + 3 + 1)
}

/// Ingests `input` into the store at `db` with the real extractor, then rebuilds incidents.
pub fn run_ingest(db: &Path, input: &Path, throttle_ms: Option<u64>) -> IngestReport {
    let (kb, ex) = engine();
    let mut store = Store::open(db).expect("open store");
    let opts = IngestOptions {
        threads: 2,
        batch: 4,
        kb_version: "kb-test".into(),
        throttle: throttle_ms.map(std::time::Duration::from_millis),
        ..IngestOptions::default()
    };
    let inputs = marsad_io::expand_inputs(&[input.to_path_buf()]);
    let extract = |d: &marsad_types::Document| ex.try_extract(d).map_err(|e| e.to_string());
    let rep = ingest(&mut store, &inputs, &opts, &extract).expect("ingest");
    rebuild::rebuild(&mut store, kb, &Thresholds::default()).expect("rebuild");
    rep
}

/// Sorted incident ids with their sorted member event ids: the fused result.
pub fn incident_fingerprint(db: &Path) -> Vec<(String, Vec<String>)> {
    let store = Store::open(db).expect("open");
    let mut st = store
        .conn()
        .prepare(
            "SELECT i.incident, m.event_id FROM incident_mentions i
             JOIN mentions m ON m.mention = i.mention ORDER BY i.incident, m.event_id",
        )
        .expect("prepare");
    let rows: Vec<(String, String)> = st
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .expect("query")
        .map(|r| r.expect("row"))
        .collect();
    let mut out: Vec<(String, Vec<String>)> = Vec::new();
    for (inc, ev) in rows {
        match out.last_mut() {
            Some((i, evs)) if *i == inc => evs.push(ev),
            _ => out.push((inc, vec![ev])),
        }
    }
    out
}

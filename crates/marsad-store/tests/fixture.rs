//! The store file of each schema version is kept under `tests/fixtures/` and must open (and
//! migrate) with this version. `store-v1.db` was written by schema version 1 from a generated
//! sample (`cargo test -p marsad-store --test fixture -- --ignored make_fixture_v1` rewrites it;
//! never rewrite an old version's fixture once a newer schema exists).

mod common;

use common::*;
use marsad_store::{query, rebuild, Store, SCHEMA_VERSION};
use std::path::PathBuf;

fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

#[test]
#[ignore]
fn make_fixture_v1() {
    assert_eq!(
        SCHEMA_VERSION, 1,
        "only schema version 1 writes store-v1.db"
    );
    let dir = tmpdir("fixture");
    let (input, _) = write_sample(&dir, 14);
    let db = dir.join("store-v1.db");
    run_ingest(&db, &input, None);
    let store = Store::open(&db).unwrap();
    let counts = store.counts().unwrap();
    store
        .conn()
        .execute_batch("PRAGMA wal_checkpoint(TRUNCATE);")
        .unwrap();
    let _mode: String = store
        .conn()
        .query_row("PRAGMA journal_mode=DELETE", [], |r| r.get(0))
        .unwrap();
    // Small pages keep the committed file small.
    store
        .conn()
        .execute_batch("PRAGMA page_size = 1024; VACUUM;")
        .unwrap();
    drop(store);
    std::fs::copy(&db, fixture("store-v1.db")).unwrap();
    std::fs::write(
        fixture("store-v1.counts.json"),
        serde_json::to_string_pretty(&counts).unwrap() + "\n",
    )
    .unwrap();
}

#[test]
fn store_v1_fixture_opens_migrates_and_answers_queries() {
    let src = fixture("store-v1.db");
    let size = std::fs::metadata(&src).expect("fixture present").len();
    assert!(size < 200_000, "the fixture must stay small ({size} bytes)");
    let dir = tmpdir("fixture-open");
    let db = dir.join("copy.db");
    std::fs::copy(&src, &db).unwrap();
    let mut store = Store::open(&db).expect("a v1 store opens");
    assert_eq!(store.schema_version().unwrap(), SCHEMA_VERSION);
    let counts = store.counts().unwrap();
    let want: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(fixture("store-v1.counts.json")).unwrap())
            .unwrap();
    assert_eq!(serde_json::to_value(counts).unwrap(), want);
    // Its stored mentions still read and fuse, and queries answer.
    let (kb, _) = engine();
    let rb = rebuild::rebuild(&mut store, kb, &Default::default()).unwrap();
    assert_eq!(rb.unreadable, 0);
    assert_eq!(rb.mentions as u64, counts.mentions);
    let mut n = 0;
    query::incidents(&store, kb, &query::Filter::default(), &mut |v| {
        assert!(v["type"].is_string() && v["sources"].is_array());
        n += 1;
        Ok(())
    })
    .unwrap();
    assert!(n > 0);
}

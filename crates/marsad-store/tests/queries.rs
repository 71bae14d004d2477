//! Queries, exports and re-extraction over the generated sample.

mod common;

use common::*;
use marsad_kb::EntryRef;
use marsad_store::export;
use marsad_store::fuse::Thresholds;
use marsad_store::ingest::{reextract, IngestOptions};
use marsad_store::query::{self, Filter};
use marsad_store::{rebuild, situation, Store};
use serde_json::Value;
use std::collections::BTreeSet;

fn sample_store(name: &str) -> (std::path::PathBuf, Store) {
    let dir = tmpdir(name);
    let (input, _) = write_sample(&dir, 40);
    let db = dir.join("marsad.db");
    run_ingest(&db, &input, None);
    let store = Store::open(&db).unwrap();
    (db, store)
}

fn incident_ids(store: &Store, f: &Filter) -> BTreeSet<String> {
    let (kb, _) = engine();
    let mut out = BTreeSet::new();
    query::incidents(store, kb, f, &mut |v| {
        out.insert(v["id"].as_str().unwrap_or("").to_string());
        Ok(())
    })
    .unwrap();
    out
}

#[test]
fn place_filter_includes_children_and_actor_filter_includes_units() {
    let (_, store) = sample_store("filters");
    let (kb, _) = engine();
    let sm = situation::resolve_place(kb, "الشيخ مقصود").unwrap();
    let aleppo = kb.place_ancestors(sm).next().expect("a parent");
    let in_sm = incident_ids(
        &store,
        &Filter {
            place: Some(sm),
            ..Default::default()
        },
    );
    let in_aleppo = incident_ids(
        &store,
        &Filter {
            place: Some(aleppo),
            ..Default::default()
        },
    );
    assert!(!in_sm.is_empty());
    assert!(
        in_sm.is_subset(&in_aleppo),
        "a neighbourhood's incidents are its city's"
    );

    let Some(EntryRef::Actor(div)) = kb.by_id("actor:syr-4th-div").or_else(|| {
        kb.actors()
            .iter()
            .position(|a| a.name.contains("4th"))
            .map(|i| EntryRef::Actor(i as u32))
    }) else {
        panic!("the 4th Division is in the KB");
    };
    let Some(parent) = kb.actor_ancestors(div).next() else {
        return;
    };
    let by_div = incident_ids(
        &store,
        &Filter {
            actor: Some(div),
            ..Default::default()
        },
    );
    let by_parent = incident_ids(
        &store,
        &Filter {
            actor: Some(parent),
            ..Default::default()
        },
    );
    assert!(!by_div.is_empty(), "the sample names the 4th Division");
    assert!(
        by_div.is_subset(&by_parent),
        "an actor's incidents include its units'"
    );

    // Type, status, date and source filters narrow.
    let all = incident_ids(&store, &Filter::default());
    let coerce = incident_ids(
        &store,
        &Filter {
            types: vec![marsad_types::EventType::Coerce],
            statuses: vec![marsad_types::Status::Occurred],
            from: "2021-04-01".parse().ok(),
            to: "2021-04-30".parse().ok(),
            ..Default::default()
        },
    );
    assert!(!coerce.is_empty() && coerce.is_subset(&all) && coerce.len() < all.len());
    let none = incident_ids(
        &store,
        &Filter {
            source: Some("no such outlet".into()),
            ..Default::default()
        },
    );
    assert!(none.is_empty());
}

#[test]
fn exports_have_their_columns() {
    let (_, store) = sample_store("exports");
    let (kb, _) = engine();
    let mut rows: Vec<Value> = Vec::new();
    query::incidents(&store, kb, &Filter::default(), &mut |v| {
        rows.push(v);
        Ok(())
    })
    .unwrap();
    assert!(!rows.is_empty());
    let mut csv = Vec::new();
    export::acled_header(&mut csv).unwrap();
    let mut tsv = Vec::new();
    export::polecat_header(&mut tsv).unwrap();
    for v in &rows {
        assert!(v["type"].is_string() && v["sources"].is_array());
        export::acled_row(&mut csv, kb, v).unwrap();
        export::polecat_row(&mut tsv, v).unwrap();
    }
    // Every CSV line has 31 fields (fields here never hold newlines; commas are quoted).
    for line in String::from_utf8(csv).unwrap().lines() {
        let mut fields = 1;
        let mut quoted = false;
        for c in line.chars() {
            match c {
                '"' => quoted = !quoted,
                ',' if !quoted => fields += 1,
                _ => {}
            }
        }
        assert_eq!(fields, 31, "{line}");
    }
    for line in String::from_utf8(tsv).unwrap().lines() {
        assert_eq!(
            line.split('\t').count(),
            export::POLECAT_COLUMNS.len(),
            "{line}"
        );
    }
    let located = rows
        .iter()
        .filter_map(export::geojson_feature)
        .collect::<Vec<_>>();
    assert!(!located.is_empty());
    assert_eq!(located[0]["geometry"]["type"], "Point");
}

#[test]
fn reextract_replaces_mentions_and_rebuilds_the_same_incidents() {
    let (db, mut store) = sample_store("reextract");
    let before = store.counts().unwrap();
    let fp = incident_fingerprint(&db);
    let (kb, ex) = engine();
    let extract = |d: &marsad_types::Document| ex.try_extract(d).map_err(|e| e.to_string());
    // Same versions: nothing is stale.
    let same = IngestOptions {
        kb_version: "kb-test".into(),
        ..IngestOptions::default()
    };
    assert_eq!(
        reextract(&mut store, &same, &extract, false)
            .unwrap()
            .documents,
        0
    );
    // A new KB version: every document is redone, mentions carry the new version.
    let newer = IngestOptions {
        kb_version: "kb-test-2".into(),
        ..IngestOptions::default()
    };
    let rep = reextract(&mut store, &newer, &extract, false).unwrap();
    assert_eq!(rep.documents, before.documents);
    rebuild::rebuild(&mut store, kb, &Thresholds::default()).unwrap();
    let stale: i64 = store
        .conn()
        .query_row(
            "SELECT count(*) FROM mentions WHERE kb_version != 'kb-test-2'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(stale, 0);
    assert_eq!(store.counts().unwrap(), before);
    drop(store);
    assert_eq!(incident_fingerprint(&db), fp);
}

#[test]
fn rebuild_is_skipped_when_nothing_changed() {
    let (_, mut store) = sample_store("skip-rebuild");
    let (kb, _) = engine();
    let t = Thresholds::default();
    assert!(rebuild::rebuild_if_needed(&mut store, kb, &t, "kb-test")
        .unwrap()
        .is_some());
    assert!(rebuild::rebuild_if_needed(&mut store, kb, &t, "kb-test")
        .unwrap()
        .is_none());
    // Other thresholds or another KB version rebuild.
    let wide = Thresholds {
        day_window: 2,
        ..Thresholds::default()
    };
    assert!(rebuild::rebuild_if_needed(&mut store, kb, &wide, "kb-test")
        .unwrap()
        .is_some());
    assert!(
        rebuild::rebuild_if_needed(&mut store, kb, &wide, "kb-other")
            .unwrap()
            .is_some()
    );
    // A plain rebuild forgets the signature.
    rebuild::rebuild(&mut store, kb, &wide).unwrap();
    assert!(
        rebuild::rebuild_if_needed(&mut store, kb, &wide, "kb-other")
            .unwrap()
            .is_some()
    );
}

#[test]
fn a_subset_of_the_dead_was_taken_for_the_fatality_count() {
    // "قتل 7 مدنيين بينهم طفلان": 7 killed, 2 of them children; ACLED fatalities are 7
    let dir = tmpdir("subset");
    let input = dir.join("in");
    std::fs::create_dir_all(&input).unwrap();
    std::fs::write(
        input.join("raid.jsonl"),
        "{\"id\": \"raid\", \"published\": \"2018-02-20\", \"text\": \"قتل 7 مدنيين بينهم طفلان في غارات جوية على مدينة دوما.\"}\n",
    )
    .unwrap();
    let db = dir.join("marsad.db");
    run_ingest(&db, &input, None);
    let store = Store::open(&db).unwrap();
    let (kb, _) = engine();
    let mut fatalities = Vec::new();
    query::incidents(&store, kb, &Filter::default(), &mut |v| {
        fatalities.push(v["fatalities"].clone());
        Ok(())
    })
    .unwrap();
    assert_eq!(fatalities, [serde_json::json!(7.0)]);
}

//! The done-when on the showcase article (needs ../shared; skips without it): one
//! incident for the agreement with at least three sources, and a 46-day siege of Sheikh
//! Maqsoud by the 4th Division / government forces, lifted, with flour let in.

mod common;

use common::*;
use marsad_store::{query, situation, Store};
use std::path::PathBuf;

fn seed() -> Option<PathBuf> {
    let p = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/seed/000_267a097c15187146.txt");
    if p.is_file() {
        Some(p)
    } else {
        eprintln!("note: ../shared is absent: skipping a test that needs the seed article");
        None
    }
}

#[test]
fn seed_gives_one_agreement_incident_and_the_sheikh_maqsoud_siege() {
    let Some(seed) = seed() else { return };
    let dir = tmpdir("seed");
    let input = dir.join("input");
    std::fs::create_dir_all(&input).unwrap();
    std::fs::copy(&seed, input.join("000_267a097c15187146.txt")).unwrap();
    let db = dir.join("seed.db");
    let (kb, _) = engine();
    // The article's own date, as `marsad ingest --published 2021-04-26` gives it.
    {
        let mut store = Store::open(&db).unwrap();
        let opts = marsad_store::ingest::IngestOptions {
            threads: 1,
            text: marsad_io::TextOptions {
                id: None,
                published: "2021-04-26".parse().ok(),
            },
            ..Default::default()
        };
        let (_, ex) = engine();
        let extract = |d: &marsad_types::Document| ex.try_extract(d).map_err(|e| e.to_string());
        let inputs = marsad_io::expand_inputs(std::slice::from_ref(&input));
        marsad_store::ingest::ingest(&mut store, &inputs, &opts, &extract).unwrap();
        marsad_store::rebuild::rebuild(&mut store, kb, &Default::default()).unwrap();
    }
    let store = Store::open(&db).unwrap();
    let filter = query::Filter {
        types: vec![marsad_types::EventType::Agree],
        ..Default::default()
    };
    let mut agreements = Vec::new();
    query::incidents(&store, kb, &filter, &mut |v| {
        agreements.push(v);
        Ok(())
    })
    .unwrap();
    assert_eq!(agreements.len(), 1, "one incident for the agreement");
    let sources: Vec<String> = agreements[0]["sources"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s.as_str().unwrap_or("").to_lowercase())
        .collect();
    assert!(sources.len() >= 3, "{sources:?}");
    assert!(
        sources.iter().any(|s| s.contains("mayadeen")),
        "{sources:?}"
    );

    let place = situation::resolve_place(kb, "الشيخ مقصود").expect("Sheikh Maqsoud in the KB");
    let states = situation::timeline(&store, kb, place, None).unwrap();
    let siege = states
        .iter()
        .find(|s| s["kind"] == "besieged" && s["duration_days"].as_f64() == Some(46.0))
        .expect("a 46-day siege");
    let by = siege["by"].to_string();
    assert!(
        by.contains("4th") || by.contains("government"),
        "besieged by {by}"
    );
    assert!(siege["lifted"].is_string(), "the siege is lifted: {siege}");
    assert!(
        states.iter().any(|s| s["items"]
            .as_array()
            .is_some_and(|i| i.iter().any(|x| x == "flour"))),
        "flour let in"
    );
    // Children roll up: the siege shows under Aleppo.
    let aleppo = situation::resolve_place(kb, "حلب").unwrap();
    let up = situation::timeline(&store, kb, aleppo, None).unwrap();
    assert!(up.iter().any(|s| s["incident"] == siege["incident"]));
    // Out of --at before the siege started.
    let before = situation::timeline(&store, kb, place, "2021-01-01".parse().ok()).unwrap();
    assert!(before.iter().all(|s| s["incident"] != siege["incident"]));
}

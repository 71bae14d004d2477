//! Whole-document snapshots: documents written for the tests (`tests/snapshots/*.json`,
//! never article texts) run through the extractor and compared exactly with the expected
//! `*.expected.json`. Regenerate after an intended change with
//! `UPDATE_SNAPSHOTS=1 cargo test -p marsad-extract --test snapshots` and review the diff.

use marsad_extract::Extractor;
use marsad_types::Document;
use std::path::Path;

#[test]
fn document_snapshots() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/snapshots");
    let ex = Extractor::bundled().expect("bundled extractor");
    let update = std::env::var_os("UPDATE_SNAPSHOTS").is_some();
    let mut names: Vec<_> = std::fs::read_dir(&dir)
        .expect("snapshot dir")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            p.extension().is_some_and(|x| x == "json")
                && !p.to_string_lossy().ends_with(".expected.json")
        })
        .collect();
    names.sort();
    assert!(names.len() >= 3, "at least three snapshot documents");
    let mut failed = Vec::new();
    for path in names {
        let doc: Document =
            serde_json::from_str(&std::fs::read_to_string(&path).expect("read")).expect("document");
        let events = ex.extract(&doc);
        let got = serde_json::to_string_pretty(&events).expect("serialise") + "\n";
        let exp_path = path.with_extension("expected.json");
        if update {
            std::fs::write(&exp_path, &got).expect("write snapshot");
            continue;
        }
        let want = std::fs::read_to_string(&exp_path).unwrap_or_default();
        if want != got {
            failed.push(format!("{} differs from {}", doc.id, exp_path.display()));
            eprintln!("--- {}\n{}", doc.id, got);
        }
    }
    assert!(
        failed.is_empty(),
        "{}\n(regenerate with UPDATE_SNAPSHOTS=1 after checking)",
        failed.join("\n")
    );
}

//! Training on (part of) ANERcorp is deterministic and learns something. Needs
//! `../shared/data/anercorp`; skips when it is absent.

use marsad_ner::eval::{parse_flat, Format};
use marsad_ner::{Resources, Tagger, TrainOptions};
use std::path::PathBuf;

#[test]
fn training_is_deterministic_and_learns() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data/anercorp");
    let (Ok(train), Ok(test)) = (
        std::fs::read_to_string(dir.join("ANERcorp_CamelLabRules_train.reproduced.txt")),
        std::fs::read_to_string(dir.join("ANERcorp_CamelLabRules_test.reproduced.txt")),
    ) else {
        eprintln!("note: ../shared/data/anercorp absent, skipping");
        return;
    };
    let sents = parse_flat(&train, Format::Anercorp);
    assert_eq!(sents.len(), 3963);
    let part = &sents[..800];
    let opts = TrainOptions {
        epochs: 3,
        seed: 5,
        bits: 18,
        ensemble: 2,
        ..TrainOptions::default()
    };
    let res = Resources::bundled();
    let a = marsad_ner::train_with(&res, part, &opts, |_, _| {});
    let b = marsad_ner::train_with(&res, part, &opts, |_, _| {});
    assert_eq!(a.to_bytes(), b.to_bytes());
    let test: String = test
        .split("\n\n")
        .take(200)
        .collect::<Vec<_>>()
        .join("\n\n");
    let rep = Tagger::new(a, res).eval_text(&test, Format::Anercorp);
    eprintln!("{rep}");
    assert!(rep.micro_f1() > 30.0, "{rep}");
}

//! Runs the extractor over a JSON Lines file of `{id, title, text, published, ...}` documents
//! or a plain text file (the whole file is one document, id = file name without extension),
//! printing one `marsad/1` line per document.
//!
//! `cargo run --release -p marsad-extract --example extract_jsonl -- FILE [--published YYYY-MM-DD] [--ner]`

use marsad_extract::Extractor;
use marsad_types::{DocOutput, Document};
use std::io::{BufRead, Write};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(path) = args.first() else {
        eprintln!("usage: extract_jsonl FILE [--published YYYY-MM-DD] [--ner]");
        std::process::exit(2);
    };
    let published = args
        .iter()
        .position(|a| a == "--published")
        .and_then(|i| args.get(i + 1))
        .and_then(|s| s.parse().ok());
    let ner = args.iter().any(|a| a == "--ner");
    let ex = match Extractor::bundled().and_then(|x| if ner { x.with_ner() } else { Ok(x) }) {
        Ok(x) => x,
        Err(e) => {
            eprintln!("error: {e}");
            std::process::exit(2);
        }
    };
    let out = std::io::stdout();
    let mut out = out.lock();
    let mut emit = |doc: &Document| {
        let events = ex.extract(doc);
        let line = serde_json::to_string(&DocOutput::new(doc.meta(), events)).unwrap_or_default();
        let _ = writeln!(out, "{line}");
    };
    if path.ends_with(".jsonl") {
        let f = std::fs::File::open(path).unwrap_or_else(|e| {
            eprintln!("{path}: {e}");
            std::process::exit(2)
        });
        for (n, line) in std::io::BufReader::new(f).lines().enumerate() {
            let Ok(line) = line else { continue };
            if line.trim().is_empty() {
                continue;
            }
            match serde_json::from_str::<Document>(&line) {
                Ok(d) => emit(&d),
                Err(e) => eprintln!("{path}:{}: {e}", n + 1),
            }
        }
    } else {
        let text = std::fs::read_to_string(path).unwrap_or_else(|e| {
            eprintln!("{path}: {e}");
            std::process::exit(2)
        });
        let id = std::path::Path::new(path)
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        emit(&Document {
            id,
            title: None,
            text,
            published,
            source: None,
            url: None,
        });
    }
}

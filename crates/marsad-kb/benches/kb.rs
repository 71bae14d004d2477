//! Knowledge-base build/load time and matcher throughput on the real news corpus
//! (`../shared/data/news/*.jsonl.gz`; the throughput benchmark skips cleanly without it).
//!
//! ```text
//! cargo bench -p marsad-kb --bench kb
//! ```

use divan::counter::{BytesCount, ItemsCount};
use divan::{black_box, Bencher};
use marsad_kb::Kb;
use std::io::{BufRead, BufReader};
use std::path::PathBuf;
use std::sync::OnceLock;

fn main() {
    divan::main();
}

/// Up to `limit` article texts (title + body) from the news corpus, or none.
fn news(limit: usize) -> &'static [String] {
    static DOCS: OnceLock<Vec<String>> = OnceLock::new();
    DOCS.get_or_init(|| {
        let dir = std::env::var("MARSAD_SHARED")
            .map(PathBuf::from)
            .unwrap_or_else(|_| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared"))
            .join("data/news");
        let mut out = Vec::new();
        for f in ["ant-2015-2018.jsonl.gz", "saudinewsnet-2015.jsonl.gz"] {
            let Ok(file) = std::fs::File::open(dir.join(f)) else {
                continue;
            };
            let rd = BufReader::new(flate2::read::GzDecoder::new(file));
            for line in rd.lines().map_while(Result::ok).take(limit / 2) {
                let Ok(v) = serde_json::from_str::<serde_json::Value>(&line) else {
                    continue;
                };
                let title = v["title"].as_str().unwrap_or("");
                let text = v["text"].as_str().unwrap_or("");
                out.push(format!("{title}\n{text}"));
            }
        }
        if out.is_empty() {
            eprintln!("note: ../shared/data/news not found; matcher throughput benchmark skipped");
        }
        out
    })
}

/// Parsing the embedded TSV files, linking, key generation and the trie.
#[divan::bench(sample_count = 20)]
fn build_bundled_kb(bencher: Bencher) {
    bencher.bench(|| black_box(Kb::bundled().expect("bundled kb")));
}

/// `Kb::find` (normalize + match + resolve) over 4,000 real articles.
#[divan::bench(sample_count = 10)]
fn find_news(bencher: Bencher) {
    let docs = news(4000);
    if docs.is_empty() {
        return;
    }
    let kb = Kb::bundled().expect("bundled kb");
    let bytes: usize = docs.iter().map(String::len).sum();
    let words: usize = docs.iter().map(|d| d.split_whitespace().count()).sum();
    bencher
        .counter(BytesCount::new(bytes))
        .counter(ItemsCount::new(words))
        .bench(|| {
            let mut n = 0;
            for d in docs {
                n += kb.find(d).len();
            }
            black_box(n)
        });
}

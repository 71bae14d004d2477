//! Extraction throughput on the real news corpus (`../shared/data/news`, the first 1,000
//! articles of the ANT corpus): words per second on one core. Skipped (no benchmark
//! registered work) when the corpus is absent.
//!
//! `cargo bench -p marsad-extract --bench extract`

use marsad_extract::Extractor;
use marsad_types::Document;
use std::io::BufRead;
use std::sync::OnceLock;

fn corpus() -> &'static (Vec<Document>, usize) {
    static DOCS: OnceLock<(Vec<Document>, usize)> = OnceLock::new();
    DOCS.get_or_init(|| {
        let path = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../../shared/data/news/ant-2015-2018.jsonl.gz"
        );
        let Ok(f) = std::fs::File::open(path) else {
            eprintln!("note: {path} absent, benchmark runs on nothing");
            return (Vec::new(), 0);
        };
        let r = std::io::BufReader::new(flate2::read::GzDecoder::new(f));
        let docs: Vec<Document> = r
            .lines()
            .map_while(Result::ok)
            .filter_map(|l| serde_json::from_str(&l).ok())
            .take(1000)
            .collect();
        let words = docs
            .iter()
            .map(|d| d.full_text().split_whitespace().count())
            .sum();
        (docs, words)
    })
}

#[divan::bench(sample_count = 5, sample_size = 1)]
fn extract_news(bencher: divan::Bencher) {
    let ex = Extractor::bundled().expect("bundled extractor");
    let (docs, words) = corpus();
    bencher
        .counter(divan::counter::ItemsCount::new(*words))
        .bench_local(|| {
            let mut n = 0;
            for d in docs {
                n += ex.extract(d).len();
            }
            divan::black_box(n)
        });
}

fn main() {
    divan::main();
}

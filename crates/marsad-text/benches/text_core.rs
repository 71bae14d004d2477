//! Throughput of the text core on real Arabic news (`../shared/data/news/*.jsonl.gz`, the
//! first 1,500 articles of each file). Skips with a note when `../shared` is absent.
//!
//! Run: `cargo bench -p marsad-text --bench text_core`. Before divan's table it prints one
//! timed pass per function in words per second (words = Arabic and Latin word tokens).

use std::io::{BufRead, BufReader};
use std::path::PathBuf;
use std::sync::OnceLock;
use std::time::Instant;

use divan::counter::{BytesCount, ItemsCount};
use divan::Bencher;
use marsad_types::Date;

/// Articles per file.
const PER_FILE: usize = 1_500;

struct Corpus {
    texts: Vec<String>,
    published: Vec<Option<Date>>,
    words: usize,
    bytes: usize,
}

fn news_dir() -> PathBuf {
    std::env::var_os("MARSAD_SHARED")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared"))
        .join("data/news")
}

fn load() -> Option<Corpus> {
    let dir = news_dir();
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .ok()?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.to_string_lossy().ends_with(".jsonl.gz"))
        .collect();
    files.sort();
    let mut texts = Vec::new();
    let mut published = Vec::new();
    for f in files {
        let Ok(file) = std::fs::File::open(&f) else {
            continue;
        };
        let reader = BufReader::new(flate2::read::GzDecoder::new(file));
        for line in reader.lines().map_while(Result::ok).take(PER_FILE) {
            let Ok(v) = serde_json::from_str::<serde_json::Value>(&line) else {
                continue;
            };
            let title = v["title"].as_str().unwrap_or("").trim();
            let body = v["text"].as_str().unwrap_or("");
            texts.push(if title.is_empty() {
                body.to_string()
            } else {
                format!("{title}\n{body}")
            });
            published.push(v["published"].as_str().and_then(|s| s.parse().ok()));
        }
    }
    if texts.is_empty() {
        return None;
    }
    let mut words = 0;
    for t in &texts {
        marsad_text::for_each_token(t, |_, k| {
            if matches!(
                k,
                marsad_text::TokenKind::Word | marsad_text::TokenKind::Latin
            ) {
                words += 1;
            }
        });
    }
    let bytes = texts.iter().map(String::len).sum();
    Some(Corpus {
        texts,
        published,
        words,
        bytes,
    })
}

fn corpus() -> &'static Corpus {
    static C: OnceLock<Option<Corpus>> = OnceLock::new();
    C.get_or_init(load).as_ref().expect("checked in main")
}

fn main() {
    let Some(c) = load() else {
        println!(
            "note: {} not found; skipping the text-core benchmark",
            news_dir().display()
        );
        return;
    };
    println!(
        "corpus: {} articles, {} words, {:.1} MB",
        c.texts.len(),
        c.words,
        c.bytes as f64 / 1e6
    );
    let pass = |name: &str, f: &dyn Fn(&str, Option<Date>) -> usize| {
        let t0 = Instant::now();
        let mut n = 0usize;
        for (t, p) in c.texts.iter().zip(&c.published) {
            n = n.wrapping_add(f(t, *p));
        }
        let secs = t0.elapsed().as_secs_f64();
        println!(
            "{name:<16} {:>12.0} words/s  ({:.1} MB/s, {secs:.3} s, checksum {n})",
            c.words as f64 / secs,
            c.bytes as f64 / secs / 1e6
        );
    };
    pass("normalize", &|t, _| marsad_text::normalize(t).text.len());
    pass("normalize_word", &|t, _| {
        marsad_text::normalize_word(t).len()
    });
    pass("tokenize", &|t, _| marsad_text::tokenize(t).len());
    pass("for_each_token", &|t, _| {
        let mut n = 0;
        marsad_text::for_each_token(t, |_, _| n += 1);
        n
    });
    pass("sentences", &|t, _| marsad_text::sentences(t).len());
    pass("find_quantities", &|t, _| {
        marsad_text::find_quantities(t).len()
    });
    pass("find_times", &|t, p| marsad_text::find_times(t, p).len());
    pass("all (shared tokens)", &|t, p| {
        let toks = marsad_text::tokenize(t);
        let times = marsad_text::find_times_in(t, &toks, p);
        let spans: Vec<_> = times.iter().map(|m| m.span.clone()).collect();
        marsad_text::find_quantities_in(t, &toks, &spans).len()
            + marsad_text::sentences(t).len()
            + marsad_text::normalize(t).text.len()
    });
    let _ = corpus();
    divan::main();
}

fn run(bencher: Bencher, f: impl Fn(&str, Option<Date>) -> usize + Sync) {
    let c = corpus();
    bencher
        .counter(ItemsCount::new(c.words))
        .counter(BytesCount::new(c.bytes))
        .bench(|| {
            let mut n = 0usize;
            for (t, p) in c.texts.iter().zip(&c.published) {
                n = n.wrapping_add(f(divan::black_box(t), *p));
            }
            n
        });
}

#[divan::bench(sample_count = 5, sample_size = 1)]
fn normalize(b: Bencher) {
    run(b, |t, _| marsad_text::normalize(t).text.len());
}

#[divan::bench(sample_count = 5, sample_size = 1)]
fn tokenize(b: Bencher) {
    run(b, |t, _| marsad_text::tokenize(t).len());
}

#[divan::bench(sample_count = 5, sample_size = 1)]
fn sentences(b: Bencher) {
    run(b, |t, _| marsad_text::sentences(t).len());
}

#[divan::bench(sample_count = 5, sample_size = 1)]
fn numbers(b: Bencher) {
    run(b, |t, _| marsad_text::find_quantities(t).len());
}

#[divan::bench(sample_count = 5, sample_size = 1)]
fn dates(b: Bencher) {
    run(b, |t, p| marsad_text::find_times(t, p).len());
}

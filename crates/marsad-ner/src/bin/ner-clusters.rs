//! Induces the word clusters shipped as `data/ner/clusters.tsv` from the news corpus.
//!
//! `cargo run --release -p marsad-ner --bin ner-clusters -- /work/shared/data/news data/ner/clusters.tsv`

use flate2::read::MultiGzDecoder;
use marsad_ner::clusters::{induce, ClusterOptions, Corpus};
use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::time::Instant;

#[derive(serde::Deserialize)]
struct Doc {
    title: Option<String>,
    text: Option<String>,
}

fn usage() -> ! {
    eprintln!(
        "usage: ner-clusters NEWS_DIR OUT.tsv [--vocab N] [--contexts N] [--max-tokens N] [--depth N] [--min-count N]"
    );
    std::process::exit(2)
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.len() < 2 {
        usage();
    }
    let dir = PathBuf::from(&args[0]);
    let out = PathBuf::from(&args[1]);
    let mut opts = ClusterOptions::default();
    let mut i = 2;
    while i < args.len() {
        let val = args.get(i + 1).and_then(|v| v.parse::<usize>().ok());
        let Some(val) = val else { usage() };
        match args[i].as_str() {
            "--vocab" => opts.vocab = val,
            "--contexts" => opts.contexts = val,
            "--max-tokens" => opts.max_tokens = val,
            "--depth" => opts.depth = val.min(63) as u8,
            "--min-count" => opts.min_count = val as u32,
            _ => usage(),
        }
        i += 2;
    }
    let t0 = Instant::now();
    let corpus = match read_news(&dir, opts.max_tokens) {
        Ok(c) => c,
        Err(e) => {
            eprintln!("ner-clusters: {e}");
            std::process::exit(1);
        }
    };
    eprintln!(
        "read {} tokens in {:.1}s",
        corpus.tokens(),
        t0.elapsed().as_secs_f64()
    );
    let t1 = Instant::now();
    let clusters = induce(&corpus, &opts);
    eprintln!(
        "clustered {} words in {:.1}s ({:?})",
        clusters.len(),
        t1.elapsed().as_secs_f64(),
        opts
    );
    let mut s = String::new();
    for (w, b, _) in &clusters {
        s.push_str(w);
        s.push('\t');
        s.push_str(b);
        s.push('\n');
    }
    if let Err(e) = std::fs::File::create(&out).and_then(|mut f| f.write_all(s.as_bytes())) {
        eprintln!("ner-clusters: {}: {e}", out.display());
        std::process::exit(1);
    }
}

/// Reads `*.jsonl.gz` files of `dir` in name order, title and text of each document, until
/// `max_tokens`. Duplicate bodies are skipped.
fn read_news(dir: &Path, max_tokens: usize) -> Result<Corpus, String> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(|e| format!("{}: {e}", dir.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.to_string_lossy().ends_with(".jsonl.gz"))
        .collect();
    files.sort();
    let mut corpus = Corpus::new();
    let mut seen = std::collections::HashSet::new();
    for f in files {
        let file = std::fs::File::open(&f).map_err(|e| format!("{}: {e}", f.display()))?;
        let rd = BufReader::new(MultiGzDecoder::new(file));
        for line in rd.lines() {
            let Ok(line) = line else { break };
            let Ok(doc) = serde_json::from_str::<Doc>(&line) else {
                continue;
            };
            let text = doc.text.unwrap_or_default();
            if !seen.insert(marsad_ner::features::hash_bytes(text.as_bytes())) {
                continue;
            }
            if let Some(t) = doc.title {
                corpus.add_text(&t);
            }
            corpus.add_text(&text);
            if corpus.tokens() >= max_tokens {
                return Ok(corpus);
            }
        }
    }
    Ok(corpus)
}

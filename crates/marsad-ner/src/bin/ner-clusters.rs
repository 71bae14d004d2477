//! Induces the word clusters shipped as `data/ner/clusters.tsv` from the news corpus.
//!
//! `cargo run --release -p marsad-ner --bin ner-clusters -- ../shared/data/news data/ner/clusters.tsv`

use marsad_ner::clusters::{induce, read_news, ClusterOptions};
use std::io::Write;
use std::path::PathBuf;
use std::time::Instant;

fn usage() -> ! {
    eprintln!(
        "usage: ner-clusters NEWS_DIR OUT.tsv [--vocab N] [--contexts N] [--max-tokens N] [--depth N] [--min-count N] [--offsets -2,-1,1,2]"
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
        if args[i] == "--offsets" {
            let Some(v) = args.get(i + 1) else { usage() };
            opts.offsets = v
                .split(',')
                .map(|x| x.parse::<isize>().unwrap_or_else(|_| usage()))
                .collect();
            i += 2;
            continue;
        }
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

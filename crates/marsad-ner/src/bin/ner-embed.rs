//! Trains skip-gram word vectors on the news corpus and writes their k-means clusters at
//! several granularities, shipped as `data/ner/embclusters.tsv`.
//!
//! `cargo run --release -p marsad-ner --bin ner-embed -- ../shared/data/news data/ner/embclusters.tsv`

use marsad_ner::clusters::read_news;
use marsad_ner::embed::{cluster_words, to_tsv, train_sgns, EmbedOptions};
use std::io::Write;
use std::path::PathBuf;
use std::time::Instant;

fn usage() -> ! {
    eprintln!(
        "usage: ner-embed NEWS_DIR OUT.tsv [--dim N] [--window N] [--negative N] [--epochs N] [--min-count N] [--vocab N] [--out-vocab N] [--max-tokens N] [--sample F] [--alpha F] [--seed N] [--k 64,256,1024] [--iters N] [--vectors OUT.vec]"
    );
    std::process::exit(2)
}

fn fail(msg: impl std::fmt::Display) -> ! {
    eprintln!("ner-embed: {msg}");
    std::process::exit(1)
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.len() < 2 {
        usage();
    }
    let dir = PathBuf::from(&args[0]);
    let out = PathBuf::from(&args[1]);
    let mut opts = EmbedOptions::default();
    let mut ks: Vec<usize> = vec![64, 256, 1024];
    let mut iters = 12usize;
    let mut out_vocab = 150_000usize;
    let mut max_tokens = 30_000_000usize;
    let mut vectors_out: Option<PathBuf> = None;
    let mut i = 2;
    while i < args.len() {
        let Some(v) = args.get(i + 1) else { usage() };
        let int = || v.parse::<usize>().unwrap_or_else(|_| usage());
        let float = || v.parse::<f64>().unwrap_or_else(|_| usage());
        match args[i].as_str() {
            "--dim" => opts.dim = int(),
            "--window" => opts.window = int(),
            "--negative" => opts.negative = int(),
            "--epochs" => opts.epochs = int(),
            "--min-count" => opts.min_count = int() as u64,
            "--vocab" => opts.vocab = int(),
            "--out-vocab" => out_vocab = int(),
            "--max-tokens" => max_tokens = int(),
            "--sample" => opts.sample = float(),
            "--alpha" => opts.alpha = float() as f32,
            "--seed" => opts.seed = int() as u64,
            "--iters" => iters = int(),
            "--vectors" => vectors_out = Some(PathBuf::from(v)),
            "--k" => {
                ks = v
                    .split(',')
                    .map(|x| x.parse::<usize>().unwrap_or_else(|_| usage()))
                    .collect()
            }
            _ => usage(),
        }
        i += 2;
    }
    if ks.is_empty() || ks.contains(&0) || ks.len() > marsad_ner::resources::EMB_LEVELS {
        fail(format!(
            "--k needs 1 to {} positive sizes",
            marsad_ner::resources::EMB_LEVELS
        ));
    }
    let t0 = Instant::now();
    let corpus = read_news(&dir, max_tokens).unwrap_or_else(|e| fail(e));
    eprintln!(
        "read {} tokens in {:.1}s",
        corpus.tokens(),
        t0.elapsed().as_secs_f64()
    );
    let t1 = Instant::now();
    let emb = train_sgns(&corpus, &opts, |ep, seen| {
        eprintln!(
            "  epoch {ep}: {seen} words, {:.1}s",
            t1.elapsed().as_secs_f64()
        )
    });
    drop(corpus);
    eprintln!(
        "trained {} vectors in {:.1}s ({opts:?})",
        emb.len(),
        t1.elapsed().as_secs_f64()
    );
    if let Some(p) = &vectors_out {
        let bytes = marsad_ner::embed::to_vec_text(&emb, out_vocab);
        if let Err(e) = std::fs::write(p, bytes) {
            fail(format!("{}: {e}", p.display()));
        }
    }
    let t2 = Instant::now();
    let ids = cluster_words(&emb, out_vocab, &ks, iters, opts.seed, |k| {
        eprintln!("  k={k}: {:.1}s", t2.elapsed().as_secs_f64())
    });
    eprintln!(
        "clustered {} words at k={ks:?} in {:.1}s; total {:.1}s",
        ids.len(),
        t2.elapsed().as_secs_f64(),
        t0.elapsed().as_secs_f64()
    );
    let s = to_tsv(&emb, &ks, &ids);
    if let Err(e) = std::fs::File::create(&out).and_then(|mut f| f.write_all(s.as_bytes())) {
        fail(format!("{}: {e}", out.display()));
    }
}

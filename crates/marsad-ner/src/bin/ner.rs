//! Train, evaluate and run the NER tagger until the `marsad ner` commands exist.
//!
//! ```text
//! ner train TRAIN.txt OUT.bin [--epochs N] [--seed N] [--bits N] [--doc-window N] [--word-dropout P] [--dev FILE] [--without clusters|emb|gazetteer|kb] [--news DIR [--news-tokens N] [--folds K] [--self-train N [--self-train-conf P]] [--vectors FILE] [--net-weight W] [--net-inputs N] [--net-hidden N] [--net-epochs N] [--net-seed N] [--net-rnn N] [--net-rnn-dropout F] [--net-rnn-epochs N] [--net-lr F] [--net-clip F]]
//! ner eval [--model MODEL.bin] [--all-levels] [--net-weight W] FILE_OR_DIR...
//! ner tag [--model MODEL.bin] < text
//! ner calibrate [--model MODEL.bin] HELDOUT.txt [OUT.bin]
//! ner predict [--model MODEL.bin] FILE   (token, gold, predicted per line)
//! ner features [--model MODEL.bin] FILE  (gold tag and hashed feature rows per token, for external learners)
//! ```

use marsad_ner::clusters::read_news;
use marsad_ner::eval::{detect_format, parse_flat, read_text};
use marsad_ner::train::{train_semi, LexOptions};
use marsad_ner::{Model, Resources, Tagger, TrainOptions};
use std::io::Read;
use std::path::{Path, PathBuf};
use std::time::Instant;

fn usage() -> ! {
    eprintln!(
        "usage:\n  ner train TRAIN.txt OUT.bin [--epochs N] [--seed N] [--bits N] [--doc-window N] [--word-dropout P] [--dev FILE] [--without clusters|emb|gazetteer|kb] [--news DIR [--news-tokens N] [--folds K] [--self-train N [--self-train-conf P]] [--vectors FILE] [--net-weight W] [--net-inputs N] [--net-hidden N] [--net-epochs N] [--net-seed N] [--net-rnn N] [--net-rnn-dropout F] [--net-rnn-epochs N] [--net-lr F] [--net-clip F]]\n  ner eval [--model MODEL.bin] [--all-levels] [--net-weight W] FILE_OR_DIR...\n  ner tag [--model MODEL.bin] < text"
    );
    std::process::exit(2)
}

fn fail(msg: impl std::fmt::Display) -> ! {
    eprintln!("ner: {msg}");
    std::process::exit(1)
}

/// Switches off the resources named by `--without` (clusters, emb, gazetteer, kb, orgctx).
fn ablate_all(res: &mut Resources, ablate: &[String]) {
    for a in ablate {
        match a.as_str() {
            "clusters" => res.clusters = Default::default(),
            "gazetteer" => res.gazetteer = Default::default(),
            "kb" => res.kb = Default::default(),
            "emb" => res.emb = Default::default(),
            "orgctx" => res.org_context = false,
            _ => usage(),
        }
    }
}

fn tagger(model: Option<&PathBuf>, ablate: &[String]) -> Tagger {
    let t = match model {
        Some(p) => Tagger::load(p),
        None => Tagger::bundled(),
    }
    .unwrap_or_else(|e| fail(e));
    if ablate.is_empty() {
        return t;
    }
    let mut res = t.resources().clone();
    ablate_all(&mut res, ablate);
    Tagger::new(t.model().clone(), res)
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(cmd) = args.first() else { usage() };
    let mut pos = Vec::new();
    let mut model: Option<PathBuf> = None;
    let mut dev: Option<PathBuf> = None;
    let mut ablate: Vec<String> = Vec::new();
    let mut o_bias: f32 = 0.0;
    let mut all_levels = false;
    let mut eval_net_weight: Option<f32> = None;
    let mut lex_opts = LexOptions::default();
    let mut opts = TrainOptions {
        verbose: true,
        ..TrainOptions::default()
    };
    let mut i = 1;
    while i < args.len() {
        let a = args[i].as_str();
        let val = || args.get(i + 1).cloned().unwrap_or_else(|| usage());
        let num = || val().parse::<u64>().unwrap_or_else(|_| usage());
        match a {
            "--model" => model = Some(PathBuf::from(val())),
            "--dev" => dev = Some(PathBuf::from(val())),
            "--without" => ablate.push(val()),
            "--all-levels" => {
                all_levels = true;
                i += 1;
                continue;
            }
            "--news" => opts.news = Some(PathBuf::from(val())),
            "--news-tokens" => opts.news_tokens = num() as usize,
            "--folds" => lex_opts.folds = num() as usize,
            "--self-train" => opts.self_train = num() as usize,
            "--self-train-conf" => opts.self_train_conf = val().parse().unwrap_or_else(|_| usage()),
            "--ensemble" => opts.ensemble = num() as usize,
            "--pa" => opts.pa_c = val().parse().unwrap_or_else(|_| usage()),
            "--o-bias" => o_bias = val().parse().unwrap_or_else(|_| usage()),
            "--epochs" => opts.epochs = num() as usize,
            "--seed" => opts.seed = num(),
            "--bits" => opts.bits = num() as u32,
            "--doc-window" => opts.doc_window = num() as usize,
            "--word-dropout" => opts.word_dropout = val().parse().unwrap_or_else(|_| usage()),
            "--vectors" => opts.vectors = Some(PathBuf::from(val())),
            "--net-weight" => {
                opts.net_weight = val().parse().unwrap_or_else(|_| usage());
                eval_net_weight = Some(opts.net_weight);
            }
            "--net-inputs" => opts.net.inputs = num() as u8,
            "--net-hidden" => opts.net.hidden = num() as usize,
            "--net-epochs" => opts.net.epochs = num() as usize,
            "--net-seed" => opts.net.seed = num(),
            "--net-rnn" => opts.net.rnn = num() as usize,
            "--net-lr" => opts.net.lr = val().parse().unwrap_or_else(|_| usage()),
            "--net-clip" => opts.net.rnn_clip = val().parse().unwrap_or_else(|_| usage()),
            "--net-rnn-dropout" => opts.net.rnn_dropout = val().parse().unwrap_or_else(|_| usage()),
            "--net-rnn-epochs" => opts.net.rnn_epochs = num() as usize,
            _ if a.starts_with("--") => usage(),
            _ => {
                pos.push(PathBuf::from(a));
                i += 1;
                continue;
            }
        }
        i += 2;
    }
    match cmd.as_str() {
        "train" => {
            if pos.len() != 2 {
                usage()
            }
            train(&pos[0], &pos[1], &opts, &lex_opts, dev.as_deref(), &ablate)
        }
        "eval" => {
            if pos.is_empty() {
                usage()
            }
            let mut t = tagger(model.as_ref(), &ablate);
            if o_bias != 0.0 {
                let mut m = t.model().clone();
                m.shift_outside(o_bias);
                t = Tagger::new(m, t.resources().clone());
            }
            if let Some(w) = eval_net_weight {
                let net = t.model().net.clone();
                t = t.with_net(net.filter(|_| w > 0.0).map(|n| (n, w)));
            }
            for p in &pos {
                let t0 = Instant::now();
                let rep = if all_levels {
                    t.eval_file_all_levels(p)
                } else {
                    t.eval_file(p)
                }
                .unwrap_or_else(|e| fail(e));
                println!("== {} ({:.2}s)", p.display(), t0.elapsed().as_secs_f64());
                println!("{rep}");
            }
        }
        "predict" => {
            let t = tagger(model.as_ref(), &ablate);
            for p in &pos {
                let text = read_text(p).unwrap_or_else(|e| fail(e));
                let sents = parse_flat(&text, detect_format(&text));
                let toks: Vec<&[String]> = sents.iter().map(|s| s.tokens.as_slice()).collect();
                for (s, pred) in sents.iter().zip(t.tag_document(&toks)) {
                    for ((w, g), p) in s.tokens.iter().zip(&s.tags).zip(&pred) {
                        println!("{w}\t{g}\t{p}");
                    }
                    println!();
                }
            }
        }
        "features" => {
            // dumps hashed feature rows per token (gold tag first) for external learners
            let t = tagger(model.as_ref(), &ablate);
            let mut sc = marsad_ner::features::Scratch::default();
            let mut rows = marsad_ner::features::FeatureRows::default();
            for p in &pos {
                let text = read_text(p).unwrap_or_else(|e| fail(e));
                for s in parse_flat(&text, detect_format(&text)) {
                    marsad_ner::features::extract(
                        t.resources(),
                        &s.tokens,
                        t.model().bits,
                        &mut sc,
                        &mut rows,
                    );
                    for (i, g) in s.tags.iter().enumerate() {
                        let fs: Vec<String> =
                            rows.token(i).iter().map(|f| format!("f{f}")).collect();
                        println!("{g}\t{}", fs.join("\t"));
                    }
                    println!();
                }
            }
        }
        "calibrate" => {
            // prints the temperature that best fits held-out gold labels; with --out, writes
            // the model with it
            if pos.is_empty() {
                usage()
            }
            let t = tagger(model.as_ref(), &ablate);
            let text = read_text(&pos[0]).unwrap_or_else(|e| fail(e));
            let sents = parse_flat(&text, detect_format(&text));
            let mut best = (f64::INFINITY, 1.0f32);
            for k in 0..40 {
                let temp = 0.002 * 1.2f32.powi(k);
                let nll = t.gold_nll(&sents, temp);
                if nll < best.0 {
                    best = (nll, temp);
                }
            }
            println!("temperature {} (mean NLL {:.4})", best.1, best.0);
            if let Some(out) = pos.get(1) {
                let mut m = t.model().clone();
                m.temperature = best.1;
                std::fs::write(out, m.to_bytes()).unwrap_or_else(|e| fail(e));
            }
        }
        "tag" => {
            let t = tagger(model.as_ref(), &ablate);
            let mut text = String::new();
            std::io::stdin()
                .read_to_string(&mut text)
                .unwrap_or_else(|e| fail(e));
            for e in t.tag(&text) {
                println!(
                    "{}\t{}\t{}\t{:.3}\t{}",
                    e.span.start,
                    e.span.end,
                    e.kind,
                    e.score,
                    &text[e.span.clone()]
                );
            }
        }
        _ => usage(),
    }
}

fn train(
    src: &Path,
    out: &Path,
    opts: &TrainOptions,
    lex_opts: &LexOptions,
    dev: Option<&Path>,
    ablate: &[String],
) {
    let text = read_text(src).unwrap_or_else(|e| fail(e));
    let sents = parse_flat(&text, detect_format(&text));
    let dev_text = dev.map(|d| {
        let t = read_text(d).unwrap_or_else(|e| fail(e));
        let f = detect_format(&t);
        (t, f)
    });
    let mut res = Resources::bundled();
    ablate_all(&mut res, ablate);
    eprintln!(
        "training on {} sentences, {} epochs, seed {}, 2^{} rows; {} gazetteer names, {} cluster words",
        sents.len(),
        opts.epochs,
        opts.seed,
        opts.bits,
        res.gazetteer.len(),
        res.clusters.len()
    );
    let t0 = Instant::now();
    let dev_eval = |ep: usize, m: &Model| {
        if let Some((t, f)) = &dev_text {
            let rep = Tagger::new(m.clone(), res.clone()).eval_text(t, *f);
            eprintln!("  epoch {ep}: dev micro F1 {:.2}", rep.micro_f1());
        }
    };
    let m = match &opts.news {
        Some(dir) => {
            let corpus = read_news(dir, opts.news_tokens).unwrap_or_else(|e| fail(e));
            eprintln!(
                "read {} news tokens ({:.1}s)",
                corpus.tokens(),
                t0.elapsed().as_secs_f64()
            );
            train_semi(&res, &sents, &corpus, opts, lex_opts, dev_eval)
        }
        None => marsad_ner::train_with(&res, &sents, opts, dev_eval),
    }
    .quantized();
    let secs = t0.elapsed().as_secs_f64();
    let bytes = m.to_bytes();
    std::fs::write(out, &bytes).unwrap_or_else(|e| fail(format!("{}: {e}", out.display())));
    eprintln!(
        "trained in {secs:.1}s; wrote {} ({} bytes)",
        out.display(),
        bytes.len()
    );
}

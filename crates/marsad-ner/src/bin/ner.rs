//! Train, evaluate and run the NER tagger until the `marsad ner` commands exist.
//!
//! ```text
//! ner train TRAIN.txt OUT.bin [--epochs N] [--seed N] [--bits N] [--dev FILE] [--without clusters|gazetteer]
//! ner eval [--model MODEL.bin] FILE_OR_DIR...
//! ner tag [--model MODEL.bin] < text
//! ner predict [--model MODEL.bin] FILE   (token, gold, predicted per line)
//! ```

use marsad_ner::eval::{detect_format, parse_flat, read_text};
use marsad_ner::{Model, Resources, Tagger, TrainOptions};
use std::io::Read;
use std::path::{Path, PathBuf};
use std::time::Instant;

fn usage() -> ! {
    eprintln!(
        "usage:\n  ner train TRAIN.txt OUT.bin [--epochs N] [--seed N] [--bits N] [--dev FILE] [--without clusters|gazetteer]\n  ner eval [--model MODEL.bin] FILE_OR_DIR...\n  ner tag [--model MODEL.bin] < text"
    );
    std::process::exit(2)
}

fn fail(msg: impl std::fmt::Display) -> ! {
    eprintln!("ner: {msg}");
    std::process::exit(1)
}

fn tagger(model: Option<&PathBuf>) -> Tagger {
    match model {
        Some(p) => Tagger::load(p),
        None => Tagger::bundled(),
    }
    .unwrap_or_else(|e| fail(e))
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(cmd) = args.first() else { usage() };
    let mut pos = Vec::new();
    let mut model: Option<PathBuf> = None;
    let mut dev: Option<PathBuf> = None;
    let mut ablate: Vec<String> = Vec::new();
    let mut o_bias: f32 = 0.0;
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
            "--o-bias" => o_bias = val().parse().unwrap_or_else(|_| usage()),
            "--epochs" => opts.epochs = num() as usize,
            "--seed" => opts.seed = num(),
            "--bits" => opts.bits = num() as u32,
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
            train(&pos[0], &pos[1], &opts, dev.as_deref(), &ablate)
        }
        "eval" => {
            if pos.is_empty() {
                usage()
            }
            let mut t = tagger(model.as_ref());
            if o_bias != 0.0 {
                let mut m = t.model().clone();
                m.shift_outside(o_bias);
                t = Tagger::new(m, t.resources().clone());
            }
            for p in &pos {
                let t0 = Instant::now();
                let rep = t.eval_file(p).unwrap_or_else(|e| fail(e));
                println!("== {} ({:.2}s)", p.display(), t0.elapsed().as_secs_f64());
                println!("{rep}");
            }
        }
        "predict" => {
            let t = tagger(model.as_ref());
            for p in &pos {
                let text = read_text(p).unwrap_or_else(|e| fail(e));
                for s in parse_flat(&text, detect_format(&text)) {
                    let pred = t.tag_tokens(&s.tokens);
                    for ((w, g), p) in s.tokens.iter().zip(&s.tags).zip(&pred) {
                        println!("{w}\t{g}\t{p}");
                    }
                    println!();
                }
            }
        }
        "tag" => {
            let t = tagger(model.as_ref());
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

fn train(src: &Path, out: &Path, opts: &TrainOptions, dev: Option<&Path>, ablate: &[String]) {
    let text = read_text(src).unwrap_or_else(|e| fail(e));
    let sents = parse_flat(&text, detect_format(&text));
    let dev_text = dev.map(|d| {
        let t = read_text(d).unwrap_or_else(|e| fail(e));
        let f = detect_format(&t);
        (t, f)
    });
    let mut res = Resources::bundled();
    for a in ablate {
        match a.as_str() {
            "clusters" => res.clusters = Default::default(),
            "gazetteer" => res.gazetteer = Default::default(),
            _ => usage(),
        }
    }
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
    let m = marsad_ner::train_with(&res, &sents, opts, |ep, m: &Model| {
        if let Some((t, f)) = &dev_text {
            let rep = Tagger::new(m.clone(), res.clone()).eval_text(t, *f);
            eprintln!("  epoch {ep}: dev micro F1 {:.2}", rep.micro_f1());
        }
    });
    let secs = t0.elapsed().as_secs_f64();
    let bytes = m.to_bytes();
    std::fs::write(out, &bytes).unwrap_or_else(|e| fail(format!("{}: {e}", out.display())));
    eprintln!(
        "trained in {secs:.1}s; wrote {} ({} bytes)",
        out.display(),
        bytes.len()
    );
}

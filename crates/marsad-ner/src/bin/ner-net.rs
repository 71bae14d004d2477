//! Quick experiments with the window network alone: train it over a fixed linear model's
//! resources and score the combination at several weights. (`ner train` and `marsad ner
//! train` train both parts of the shipped model in one run.)
//!
//! ```text
//! ner-net train TRAIN.txt VECTORS.vec OUT.net [--lex-model MODEL.bin] [--hidden N] [--rep N] [--epochs N] [--lr F] [--dropout F] [--word-dropout F] [--seed N] [--bits N] [--inputs N] [--average 0|1] [--rnn N] [--clip F] [--rnn-epochs N] [--rnn-lr F] [--rnn-dropout F]
//! ner-net eval MODEL.bin NET.net FILE [--weights 0,4,8,12]
//! ```

use marsad_ner::eval::{detect_format, parse_flat, read_text};
use marsad_ner::nn::{train_net, NetOptions, WindowNet, WordVectors};
use marsad_ner::{Resources, Tagger};
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Instant;

fn usage() -> ! {
    eprintln!("usage:\n  ner-net train TRAIN.txt VECTORS.vec OUT.net [--lex-model MODEL.bin] [--hidden N] [--rep N] [--epochs N] [--lr F] [--dropout F] [--word-dropout F] [--seed N] [--bits N] [--inputs N] [--average 0|1] [--rnn N] [--clip F] [--rnn-epochs N] [--rnn-lr F] [--rnn-dropout F]\n  ner-net eval MODEL.bin NET.net FILE [--weights 0,4,8,12]");
    std::process::exit(2)
}

fn fail(msg: impl std::fmt::Display) -> ! {
    eprintln!("ner-net: {msg}");
    std::process::exit(1)
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(cmd) = args.first() else { usage() };
    let mut pos = Vec::new();
    let mut opts = NetOptions {
        verbose: true,
        ..NetOptions::default()
    };
    let mut lex_model: Option<String> = None;
    let mut weights: Vec<f32> = vec![0.0, 4.0, 8.0, 12.0];
    let mut i = 1;
    while i < args.len() {
        let a = args[i].as_str();
        if !a.starts_with("--") {
            pos.push(args[i].clone());
            i += 1;
            continue;
        }
        let v = args.get(i + 1).cloned().unwrap_or_else(|| usage());
        let f = || v.parse::<f32>().unwrap_or_else(|_| usage());
        let n = || v.parse::<usize>().unwrap_or_else(|_| usage());
        match a {
            "--hidden" => opts.hidden = n(),
            "--rep" => opts.rep = n(),
            "--epochs" => opts.epochs = n(),
            "--lr" => opts.lr = f(),
            "--dropout" => opts.dropout = f(),
            "--word-dropout" => opts.word_dropout = f(),
            "--seed" => opts.seed = n() as u64,
            "--bits" => opts.feat_bits = n() as u32,
            "--inputs" => opts.inputs = n() as u8,
            "--average" => opts.average = n() != 0,
            "--rnn" => opts.rnn = n(),
            "--clip" => opts.rnn_clip = f(),
            "--rnn-epochs" => opts.rnn_epochs = n(),
            "--rnn-lr" => opts.rnn_lr = f(),
            "--rnn-dropout" => opts.rnn_dropout = f(),
            "--lex-model" => lex_model = Some(v.clone()),
            "--weights" => {
                weights = v
                    .split(',')
                    .map(|x| x.parse().unwrap_or_else(|_| usage()))
                    .collect()
            }
            _ => usage(),
        }
        i += 2;
    }
    match (cmd.as_str(), pos.as_slice()) {
        ("train", [train, vecs, out]) => {
            let text = read_text(&PathBuf::from(train)).unwrap_or_else(|e| fail(e));
            let sents = parse_flat(&text, detect_format(&text));
            let t0 = Instant::now();
            let vtext =
                std::fs::read_to_string(vecs).unwrap_or_else(|e| fail(format!("{vecs}: {e}")));
            let vecs = WordVectors::parse(&vtext).unwrap_or_else(|e| fail(e));
            eprintln!(
                "{} vectors of {} dims ({:.1}s)",
                vecs.words.len(),
                vecs.dim,
                t0.elapsed().as_secs_f64()
            );
            // the lexicon (for --inputs with bit 2) comes with a model
            let res = match &lex_model {
                Some(m) => Tagger::load(&PathBuf::from(m))
                    .unwrap_or_else(|e| fail(e))
                    .resources()
                    .clone(),
                None => Resources::bundled(),
            };
            let all_first = vec![0usize; sents.len()];
            let t1 = Instant::now();
            let net = train_net(
                &sents,
                Some((std::slice::from_ref(&res), &all_first)),
                &vecs,
                &opts,
            );
            eprintln!(
                "trained on {} sentences in {:.1}s ({opts:?})",
                sents.len(),
                t1.elapsed().as_secs_f64()
            );
            std::fs::write(out, net.to_bytes()).unwrap_or_else(|e| fail(format!("{out}: {e}")));
        }
        ("eval", [model, net, file]) => {
            let b = std::fs::read(net).unwrap_or_else(|e| fail(format!("{net}: {e}")));
            let net = Arc::new(WindowNet::from_bytes(&b).unwrap_or_else(|e| fail(e)));
            let base = Tagger::load(&PathBuf::from(model)).unwrap_or_else(|e| fail(e));
            for &w in &weights {
                let t = base.clone().with_net((w > 0.0).then(|| (net.clone(), w)));
                let rep = t
                    .eval_file(&PathBuf::from(file))
                    .unwrap_or_else(|e| fail(e));
                println!("weight {w}: micro F1 {:.1}", rep.micro_f1());
            }
        }
        _ => usage(),
    }
}

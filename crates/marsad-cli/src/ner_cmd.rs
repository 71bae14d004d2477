//! `marsad ner train` and `marsad ner eval`: the learned tagger (crates/marsad-ner).

use crate::NerCommand;
use marsad_ner::{Tagger, TrainOptions};
use std::time::Instant;

/// Runs a `ner` subcommand.
pub fn run(cmd: &NerCommand) -> Result<usize, String> {
    match cmd {
        NerCommand::Train {
            train,
            out,
            news,
            epochs,
            seed,
            self_train,
            vectors,
            net_weight,
        } => {
            if *self_train > 0 && news.is_none() {
                return Err("ner train: --self-train needs --news".into());
            }
            if vectors.is_some() && news.is_none() {
                return Err("ner train: --vectors needs --news (the window network is trained in the two-stage training)".into());
            }
            if let Some(v) = vectors {
                check_vectors_header(v)?;
            }
            if !(net_weight.is_finite() && *net_weight >= 0.0) {
                return Err(format!(
                    "ner train: --net-weight {net_weight} is not a weight ≥ 0"
                ));
            }
            let opts = TrainOptions {
                epochs: *epochs,
                seed: *seed,
                news: news.clone(),
                self_train: *self_train,
                vectors: vectors.clone(),
                net_weight: *net_weight,
                ..TrainOptions::default()
            };
            let t0 = Instant::now();
            let model = marsad_ner::train_file(train, &opts).map_err(|e| e.to_string())?;
            let bytes = model.to_bytes();
            std::fs::write(out, &bytes).map_err(|e| format!("{}: {e}", out.display()))?;
            eprintln!(
                "marsad: trained in {:.1} s; wrote {} ({} bytes)",
                t0.elapsed().as_secs_f64(),
                out.display(),
                bytes.len()
            );
            Ok(0)
        }
        NerCommand::Eval {
            files,
            model,
            all_levels,
        } => {
            let tagger = match model {
                Some(p) => Tagger::load(p),
                None => Tagger::bundled(),
            }
            .map_err(|e| e.to_string())?;
            for f in files {
                let rep = if *all_levels {
                    tagger.eval_file_all_levels(f)
                } else {
                    tagger.eval_file(f)
                }
                .map_err(|e| e.to_string())?;
                println!("== {}", f.display());
                println!("{rep}");
            }
            Ok(0)
        }
    }
}

/// Fails early (before minutes of training) when the vector file is missing or has no
/// word2vec header (`count dim`).
fn check_vectors_header(path: &std::path::Path) -> Result<(), String> {
    use std::io::BufRead;
    let f = std::fs::File::open(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let mut line = String::new();
    std::io::BufReader::new(f)
        .read_line(&mut line)
        .map_err(|e| format!("{}: {e}", path.display()))?;
    let nums: Vec<Option<usize>> = line.split_whitespace().map(|x| x.parse().ok()).collect();
    match nums.as_slice() {
        [Some(n), Some(d)] if *n > 0 && *d > 0 => Ok(()),
        _ => Err(format!(
            "{}: not a word2vec text file (first line {:?}, expected `count dim`)",
            path.display(),
            line.trim_end()
        )),
    }
}

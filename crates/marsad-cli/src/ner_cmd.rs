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
        } => {
            if *self_train > 0 && news.is_none() {
                return Err("ner train: --self-train needs --news".into());
            }
            let opts = TrainOptions {
                epochs: *epochs,
                seed: *seed,
                news: news.clone(),
                self_train: *self_train,
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

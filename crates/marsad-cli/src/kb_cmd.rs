//! `marsad kb stats` and `marsad kb match`.

use crate::extract_cmd::{input_options, report};
use crate::KbCommand;
use marsad_io::Reader;
use std::io::{self, BufWriter, Write};

/// Runs a `kb` subcommand; returns the number of failed documents.
pub fn run(cmd: &KbCommand) -> Result<usize, String> {
    match cmd {
        KbCommand::Stats { kb_extra } => {
            let kb = marsad_kb::Kb::load(kb_extra.as_deref()).map_err(|e| e.to_string())?;
            let json = serde_json::to_string_pretty(&kb.stats()).map_err(|e| e.to_string())?;
            println!("{json}");
            Ok(0)
        }
        KbCommand::Match(io_args) => {
            let kb = marsad_kb::Kb::load(io_args.kb_extra.as_deref()).map_err(|e| e.to_string())?;
            let (kind, text_opts) = input_options(io_args)?;
            let stdout = io::stdout();
            let mut out = BufWriter::new(stdout.lock());
            let mut reader = Reader::new();
            let mut failed = 0usize;
            let mut write_err: Option<io::Error> = None;
            for path in &io_args.inputs {
                let res = reader.read(path, kind, &text_opts, &mut |item| match item {
                    Ok(doc) if write_err.is_none() => {
                        let text = doc.full_text();
                        let mentions = kb.find(&text);
                        for rec in kb.records(&doc.id, &text, &mentions) {
                            let written = serde_json::to_writer(&mut out, &rec)
                                .map_err(io::Error::from)
                                .and_then(|()| out.write_all(b"\n"));
                            if let Err(e) = written {
                                write_err = Some(e);
                                return;
                            }
                        }
                    }
                    Ok(_) => {}
                    Err(e) => {
                        failed += 1;
                        report(&e);
                    }
                });
                if let Err(e) = res {
                    if io_args.inputs.len() == 1 {
                        return Err(e.to_string());
                    }
                    eprintln!("marsad: {e}");
                    failed += 1;
                }
            }
            match write_err.map_or_else(|| out.flush(), Err) {
                Err(e) if e.kind() != io::ErrorKind::BrokenPipe => {
                    Err(format!("writing output: {e}"))
                }
                _ => Ok(failed),
            }
        }
    }
}

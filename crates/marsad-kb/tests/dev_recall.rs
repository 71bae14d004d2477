//! Linking recall on the dev set (needs `../shared`; skips cleanly without it).
//!
//! For every gold location text, is there a mention overlapping that text inside the event's
//! sentence, resolved to a place with coordinates? For every gold actor text (actors,
//! recipients, mediators), a mention resolved to an actor? Targets: 90 % and 85 %.

use marsad_kb::Kb;
use marsad_types::{CharOffsets, Document};
use serde_json::Value;
use std::collections::HashMap;
use std::path::PathBuf;

fn shared() -> Option<PathBuf> {
    let p = std::env::var("MARSAD_SHARED")
        .map(PathBuf::from)
        .unwrap_or_else(|_| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared"));
    (p.join("eval/dev/gold.jsonl").exists() && p.join("eval/dev/docs.jsonl").exists()).then_some(p)
}

/// Byte range of the sentence around byte `at`.
fn sentence(text: &str, at: usize) -> std::ops::Range<usize> {
    let is_end = |c: char| matches!(c, '.' | '؟' | '?' | '!' | '؛' | '\n');
    let start = text[..at]
        .char_indices()
        .rev()
        .find(|(_, c)| is_end(*c))
        .map(|(i, c)| i + c.len_utf8())
        .unwrap_or(0);
    let end = text[at..]
        .char_indices()
        .find(|(_, c)| is_end(*c))
        .map(|(i, _)| at + i)
        .unwrap_or(text.len());
    start..end
}

#[test]
fn dev_linking_recall() {
    let Some(sh) = shared() else {
        eprintln!("note: ../shared not found; skipping the dev-set linking recall");
        return;
    };
    let kb = Kb::bundled().expect("bundled kb loads");
    let docs: HashMap<String, String> = std::fs::read_to_string(sh.join("eval/dev/docs.jsonl"))
        .expect("docs")
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| {
            let d: Document = serde_json::from_str(l).expect("doc json");
            (d.id.clone(), d.full_text())
        })
        .collect();
    let (mut loc_n, mut loc_ok, mut act_n, mut act_ok) = (0, 0, 0, 0);
    let (mut loc_name, mut act_name) = (0, 0);
    let mut loc_miss: HashMap<String, usize> = HashMap::new();
    let mut act_miss: HashMap<String, usize> = HashMap::new();
    for line in std::fs::read_to_string(sh.join("eval/dev/gold.jsonl"))
        .expect("gold")
        .lines()
        .filter(|l| !l.trim().is_empty())
    {
        let g: Value = serde_json::from_str(line).expect("gold json");
        let id = g["doc_id"].as_str().unwrap_or("");
        let Some(text) = docs.get(id) else { continue };
        let offs = CharOffsets::new(text);
        let mentions = kb.find(text);
        for ev in g["events"].as_array().into_iter().flatten() {
            let tstart = offs.byte_of(ev["trigger"]["start"].as_u64().unwrap_or(0) as u32);
            let sent = sentence(text, tstart);
            // the canonical name of the entry linked at `surface` (for the name-agreement figure)
            let linked_name = |surface: &str, want_place: bool| -> Option<String> {
                let occ: Vec<usize> = text.match_indices(surface).map(|(i, _)| i).collect();
                occ.iter().find_map(|&s| {
                    let e = s + surface.len();
                    mentions.iter().find_map(|m| {
                        if !(m.span.start < e && s < m.span.end) {
                            return None;
                        }
                        if want_place {
                            m.place.map(|p| kb.place(p).name_en.clone())
                        } else {
                            m.actor.map(|a| kb.actor(a).name.clone())
                        }
                    })
                })
            };
            let check = |surface: &str, want_place: bool| -> bool {
                if surface.is_empty() {
                    return false;
                }
                // every occurrence of the surface in the sentence, else in the document
                let mut occ: Vec<usize> = text[sent.clone()]
                    .match_indices(surface)
                    .map(|(i, _)| sent.start + i)
                    .collect();
                if occ.is_empty() {
                    occ = text.match_indices(surface).map(|(i, _)| i).collect();
                }
                occ.iter().any(|&s| {
                    let e = s + surface.len();
                    mentions.iter().any(|m| {
                        m.span.start < e
                            && s < m.span.end
                            && if want_place {
                                m.place.is_some_and(|p| kb.place(p).lat.is_some())
                            } else {
                                m.actor.is_some()
                            }
                    })
                })
            };
            for l in ev["locations"].as_array().into_iter().flatten() {
                let t = l["text"].as_str().unwrap_or("");
                if linked_name(t, true).as_deref() == l["name"].as_str() {
                    loc_name += 1;
                }
                loc_n += 1;
                if check(t, true) {
                    loc_ok += 1;
                } else {
                    *loc_miss.entry(t.to_string()).or_insert(0) += 1;
                }
            }
            for role in ["actors", "recipients", "mediators"] {
                for a in ev[role].as_array().into_iter().flatten() {
                    let t = a["text"].as_str().unwrap_or("");
                    if linked_name(t, false).as_deref() == a["name"].as_str() {
                        act_name += 1;
                    }
                    act_n += 1;
                    if check(t, false) {
                        act_ok += 1;
                    } else {
                        *act_miss.entry(t.to_string()).or_insert(0) += 1;
                    }
                }
            }
        }
    }
    let lr = loc_ok as f64 / loc_n.max(1) as f64;
    let ar = act_ok as f64 / act_n.max(1) as f64;
    let mut lm: Vec<_> = loc_miss.into_iter().collect();
    lm.sort_by_key(|b| std::cmp::Reverse(b.1));
    let mut am: Vec<_> = act_miss.into_iter().collect();
    am.sort_by_key(|b| std::cmp::Reverse(b.1));
    eprintln!(
        "location linking recall: {loc_ok}/{loc_n} = {:.1}%",
        lr * 100.0
    );
    eprintln!(
        "actor linking recall:    {act_ok}/{act_n} = {:.1}%",
        ar * 100.0
    );
    eprintln!(
        "canonical name equal to the gold name: locations {loc_name}/{loc_n}, actors {act_name}/{act_n}"
    );
    eprintln!("missed locations: {lm:?}");
    eprintln!("missed actors: {am:?}");
    assert!(lr >= 0.90, "location linking recall {lr:.3} < 0.90");
    assert!(ar >= 0.85, "actor linking recall {ar:.3} < 0.85");
}

//! The situation tracker: per place, a timeline of states derived from incidents.
//!
//! Rules (general, from the incident's type, mode, status, trigger and sentence):
//!
//! | incident | state |
//! |---|---|
//! | COERCE restrict, occurred | `besieged` (`partially_besieged` when the sentence says جزئي), by its actors, since its date minus its duration |
//! | RETREAT access, occurred, trigger lifting (فك، رفع، إنهاء) | `siege_lifted` |
//! | RETREAT access, occurred, other | `access_granted` (items named in the sentence: flour, food, medicine, fuel ...) |
//! | RETREAT access negated or denied; COERCE withhold occurred; REJECT of an entry | `access_refused` |
//! | AID, occurred | `supplies_delivered` (item, amount) |
//! | COERCE seize, occurred | `seized` (control changed, by its actors) |
//! | RETREAT withdraw, occurred | `handed_over` (trigger سلّم/تسليم, to its recipients) or `withdrawn` |
//!
//! A state applies to every resolved place of the incident's mentions; a place's situation
//! rolls up its descendants' states (a neighbourhood's siege shows under Aleppo). States without
//! a date (no publication date and no date in the text) are kept as undated and left out of
//! `--at`.

use crate::fuse::{Incident, Role};
use crate::rebuild::{DocTexts, Loaded};
use crate::{Result, Store};
use marsad_kb::{EntryRef, Kb};
use marsad_types::{CharOffsets, Date, EventType, Mode, Status};
use serde_json::{json, Value};
use std::fmt::Write as _;

/// Match key: diacritics and tatweel dropped, alef forms, ة, ى folded.
pub fn fold(s: &str) -> String {
    s.chars()
        .filter(|c| !matches!(c, '\u{064B}'..='\u{065F}' | '\u{0670}' | '\u{0640}'))
        .map(|c| match c {
            'أ' | 'إ' | 'آ' | 'ٱ' => 'ا',
            'ة' => 'ه',
            'ى' => 'ي',
            c => c,
        })
        .collect()
}

/// Supply items named in a sentence (stems after [`fold`]) and their English names.
const ITEMS: [(&str, &str); 13] = [
    ("طحين", "flour"),
    ("خبز", "bread"),
    ("مواد غذائيه", "food"),
    ("المواد الغذائيه", "food"),
    ("غذاء", "food"),
    ("ادويه", "medicine"),
    ("الادويه", "medicine"),
    ("مواد طبيه", "medicine"),
    ("وقود", "fuel"),
    ("محروقات", "fuel"),
    ("مازوت", "fuel"),
    ("مياه", "water"),
    ("مساعدات", "aid"),
];

/// Supply items named in `text`, in a stable order, deduplicated.
pub fn items_in(text: &str) -> Vec<&'static str> {
    let f = fold(text);
    let mut out: Vec<&'static str> = Vec::new();
    for (stem, name) in ITEMS {
        if f.contains(stem) && !out.contains(&name) {
            out.push(name);
        }
    }
    out
}

fn any_stem(text: &str, stems: &[&str]) -> bool {
    let f = fold(text);
    stems.iter().any(|s| f.contains(s))
}

/// The states an incident gives its places (JSON objects with `place`, `kind`, `date`, ...).
pub fn derive_states(
    inc: &Incident,
    inc_json: &Value,
    loaded: &Loaded,
    texts: &DocTexts,
    kb: &Kb,
) -> Vec<Value> {
    let ms = &loaded.mentions;
    let reports: Vec<usize> = inc
        .members
        .iter()
        .filter(|m| m.1 == Role::Mention)
        .map(|m| m.0)
        .collect();
    if reports.is_empty() {
        return Vec::new();
    }
    let triggers: String = reports
        .iter()
        .map(|&i| ms[i].event.trigger.text.as_str())
        .collect::<Vec<_>>()
        .join(" ");
    // Sentences of the reports, read from the stored document text.
    let sentence_text = || -> String {
        let mut out = String::new();
        for &i in &reports {
            let m = &ms[i];
            if let Some(full) = texts.full_text(&m.doc_hash) {
                let offs = CharOffsets::new(&full);
                let (a, b) = (
                    offs.byte_of(m.event.sentence.start),
                    offs.byte_of(m.event.sentence.end),
                );
                if let Some(s) = full.get(a..b) {
                    out.push_str(s);
                    out.push('\n');
                }
            }
        }
        out
    };
    // "بعد حصار دام 46 يوماً" (after a siege that lasted ...): the siege is over by the report.
    let siege_over = || -> bool {
        reports.iter().any(|&i| {
            let m = &ms[i];
            let Some(full) = texts.full_text(&m.doc_hash) else {
                return false;
            };
            let offs = CharOffsets::new(&full);
            let end = offs.byte_of(m.event.trigger.start);
            let begin = offs.byte_of(m.event.trigger.start.saturating_sub(12));
            let before = fold(full.get(begin..end).unwrap_or(""));
            let last: Vec<&str> = before.split_whitespace().rev().take(2).collect();
            last.iter()
                .any(|w| matches!(*w, "بعد" | "وبعد" | "عقب" | "اثر"))
        })
    };
    let kind: Option<&str> = match (inc.event_type, inc.mode, inc.status) {
        (EventType::Coerce, Some(Mode::Restrict), Status::Occurred) => {
            if any_stem(&sentence_text(), &["جزيي", "جزءي", "جزئي"]) {
                Some("partially_besieged")
            } else {
                Some("besieged")
            }
        }
        (EventType::Retreat, Some(Mode::Access), Status::Occurred) => {
            if any_stem(&triggers, &["فك", "رفع", "انهاء", "ينهي", "انهي"]) {
                Some("siege_lifted")
            } else {
                Some("access_granted")
            }
        }
        (EventType::Retreat, Some(Mode::Access), Status::Negated | Status::Denied)
        | (EventType::Coerce, Some(Mode::Withhold), Status::Occurred) => Some("access_refused"),
        (EventType::Reject, _, Status::Occurred)
            if any_stem(&sentence_text(), &["ادخال", "دخول", "عبور"]) =>
        {
            Some("access_refused")
        }
        (EventType::Aid, _, Status::Occurred) => Some("supplies_delivered"),
        (EventType::Coerce, Some(Mode::Seize), Status::Occurred) => Some("seized"),
        (EventType::Retreat, Some(Mode::Withdraw), Status::Occurred) => {
            if any_stem(&triggers, &["سلم", "تسليم"]) {
                Some("handed_over")
            } else {
                Some("withdrawn")
            }
        }
        _ => None,
    };
    let Some(kind) = kind else {
        return Vec::new();
    };
    let mut items: Vec<String> = Vec::new();
    let mut amounts: Vec<Value> = Vec::new();
    if matches!(
        kind,
        "access_granted" | "siege_lifted" | "supplies_delivered" | "access_refused"
    ) {
        for name in items_in(&sentence_text()) {
            items.push(name.to_string());
        }
        for &i in &reports {
            for q in &ms[i].event.quantities {
                if let Some(it) = &q.item {
                    if !items.contains(it) {
                        items.push(it.clone());
                    }
                }
                let v = json!({"value": q.value, "unit": q.unit, "item": q.item});
                if !amounts.contains(&v) {
                    amounts.push(v);
                }
            }
        }
    }
    let names = |key: &str| -> Vec<Value> {
        inc_json[key]
            .as_array()
            .map(|a| a.iter().map(|x| x["name"].clone()).collect())
            .unwrap_or_default()
    };
    let date = inc.date;
    let duration = inc_json["duration_days"].as_f64();
    let since = match (date, duration) {
        (Some(d), Some(days)) if kind.contains("besieged") => {
            Some(d.add_days(-(days.round() as i64)).to_string())
        }
        _ => None,
    };
    let places: Vec<String> = inc_json["places"]
        .as_array()
        .map(|a| {
            a.iter()
                .filter_map(|p| p.as_str().map(str::to_string))
                .collect()
        })
        .unwrap_or_default();
    let over = kind.contains("besieged") && siege_over();
    let mut kinds = vec![kind];
    if over {
        kinds.push("siege_lifted");
    }
    let mut out = Vec::new();
    for kind in kinds {
        out.extend(places.iter().map(|p| {
            let p = p.clone();
            let (name, name_ar) = match kb.by_id(&p) {
                Some(EntryRef::Place(i)) => {
                    (kb.place(i).name_en.clone(), kb.place(i).name_ar.clone())
                }
                _ => (p.clone(), String::new()),
            };
            json!({
                "place": p, "place_name": name, "place_name_ar": name_ar,
                "kind": kind, "incident": inc.id,
                "type": inc.event_type.as_str(), "mode": inc.mode.map(|m| m.as_str()),
                "date": date.map(|d| d.to_string()),
                "precision": inc.precision.map(crate::ingest::precision_str),
                "since": if kind.contains("besieged") { since.clone() } else { None },
                "duration_days": if kind.contains("besieged") { duration } else { None },
                "by": names("actors"), "to": names("recipients"),
                "items": items, "amounts": amounts,
                "sources": inc.sources, "corroboration": inc.corroboration(),
                "ended": over && kind.contains("besieged"),
                "inferred": over && kind == "siege_lifted",
            })
        }));
    }
    out
}

/// Order of kinds on the same day: a siege before its lifting before what got in.
fn kind_rank(k: &str) -> u8 {
    match k {
        "besieged" | "partially_besieged" => 0,
        "seized" | "access_refused" => 1,
        "siege_lifted" => 2,
        "access_granted" => 3,
        "supplies_delivered" => 4,
        _ => 5,
    }
}

/// Resolves a place given by knowledge-base id, English or Arabic name.
pub fn resolve_place(kb: &Kb, q: &str) -> Option<u32> {
    let q = q.trim();
    if let Some(EntryRef::Place(p)) = kb.by_id(q) {
        return Some(p);
    }
    let fq = fold(q).to_lowercase();
    let fq = fq.strip_prefix("حي ").unwrap_or(&fq).to_string();
    let mut best: Option<(u8, u32)> = None;
    for (i, p) in kb.places().iter().enumerate() {
        let canonical = fold(&p.name_en).to_lowercase() == fq || fold(&p.name_ar) == fq;
        let variant = p.names.iter().any(|n| fold(n).to_lowercase() == fq);
        if canonical || variant {
            // Prefer a canonical name, Syrian places, then settlements, neighbourhoods and
            // regions over admin units.
            let score = u8::from(canonical) * 20
                + u8::from(p.country == "SYR") * 10
                + match p.kind {
                    marsad_kb::PlaceKind::Region => 3,
                    marsad_kb::PlaceKind::City => 5,
                    marsad_kb::PlaceKind::Neighbourhood => 4,
                    marsad_kb::PlaceKind::Town => 3,
                    marsad_kb::PlaceKind::Governorate => 2,
                    _ => 1,
                };
            if best.is_none_or(|(s, _)| score > s) {
                best = Some((score, i as u32));
            }
        }
    }
    if let Some((_, i)) = best {
        return Some(i);
    }
    kb.find(q).into_iter().find_map(|m| match m.chosen {
        Some(EntryRef::Place(p)) => Some(p),
        _ => None,
    })
}

/// The states of `place` and its descendants, in timeline order (dated first by date, then
/// undated). With `at`, only states dated on or before it.
pub fn timeline(store: &Store, kb: &Kb, place: u32, at: Option<Date>) -> Result<Vec<Value>> {
    let target = kb.place(place).id.clone();
    let mut st = store
        .conn()
        .prepare("SELECT place, json FROM states ORDER BY date IS NULL, date, state")?;
    let mut rows = st.query([])?;
    let mut out = Vec::new();
    while let Some(r) = rows.next()? {
        let p: String = r.get(0)?;
        let inside = p == target
            || match kb.by_id(&p) {
                Some(EntryRef::Place(i)) => kb.place_ancestors(i).any(|a| a == place),
                _ => false,
            };
        if !inside {
            continue;
        }
        let j: String = r.get(1)?;
        let Ok(v) = serde_json::from_str::<Value>(&j) else {
            continue;
        };
        if let Some(at) = at {
            // A siege counts from its start (`since`).
            let d = v["since"]
                .as_str()
                .or(v["date"].as_str())
                .and_then(|d| d.parse::<Date>().ok());
            match d {
                Some(d) if d <= at => {}
                _ => continue,
            }
        }
        out.push(v);
    }
    // One line per (incident, kind) at this level: a state on several children is shown once,
    // naming them.
    let mut merged: Vec<Value> = Vec::new();
    for v in out {
        if let Some(m) = merged
            .iter_mut()
            .find(|m| m["incident"] == v["incident"] && m["kind"] == v["kind"])
        {
            if let Some(a) = m["places"].as_array_mut() {
                a.push(v["place_name"].clone());
            }
            continue;
        }
        let mut v = v;
        v["places"] = json!([v["place_name"].clone()]);
        merged.push(v);
    }
    // Timeline order: by start (a siege's start is its `since`), then kind, then incident.
    let start = |v: &Value| -> Option<String> {
        v["since"]
            .as_str()
            .or(v["date"].as_str())
            .map(str::to_string)
    };
    merged.sort_by(|a, b| {
        let (sa, sb) = (start(a), start(b));
        (
            sa.is_none(),
            sa,
            kind_rank(a["kind"].as_str().unwrap_or("")),
        )
            .cmp(&(
                sb.is_none(),
                sb,
                kind_rank(b["kind"].as_str().unwrap_or("")),
            ))
            .then_with(|| a["incident"].as_str().cmp(&b["incident"].as_str()))
    });
    // A siege followed by a lifting in the same timeline is marked lifted.
    let lifts: Vec<Option<String>> = merged
        .iter()
        .filter(|v| v["kind"] == "siege_lifted")
        .map(|v| v["date"].as_str().map(str::to_string))
        .collect();
    for v in merged.iter_mut() {
        if v["kind"].as_str().is_some_and(|k| k.contains("besieged")) {
            let from = v["date"].as_str().map(str::to_string);
            if let Some(l) = lifts
                .iter()
                .flatten()
                .filter(|l| from.as_ref().is_none_or(|f| *l >= f))
                .min()
            {
                v["lifted"] = json!(l);
            }
        }
    }
    Ok(merged)
}

fn list(v: &Value) -> String {
    v.as_array()
        .map(|a| {
            a.iter()
                .filter_map(|x| x.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        })
        .unwrap_or_default()
}

/// A readable timeline.
pub fn render(kb: &Kb, place: u32, at: Option<Date>, states: &[Value]) -> String {
    let p = kb.place(place);
    let mut s = String::new();
    let _ = writeln!(
        s,
        "{} ({}) [{}]{}",
        p.name_en,
        p.name_ar,
        p.id,
        at.map(|d| format!(" as of {d}")).unwrap_or_default()
    );
    if states.is_empty() {
        let _ = writeln!(s, "  no recorded states");
        return s;
    }
    for v in states {
        let date = v["date"].as_str().unwrap_or("undated");
        let kind = v["kind"].as_str().unwrap_or("").replace('_', " ");
        let start = v["since"].as_str().unwrap_or(date);
        let mut line = format!("  {start:<10}  {kind}");
        if let Some(since) = v["since"].as_str() {
            let _ = write!(line, " since {since} (reported {date})");
        }
        if let Some(d) = v["duration_days"].as_f64() {
            if kind.contains("besieged") {
                let _ = write!(line, " ({} days)", d.round());
            }
        }
        if let Some(l) = v["lifted"].as_str() {
            let _ = write!(line, ", lifted {l}");
        }
        if v["inferred"] == true {
            line.push_str(" (the siege is reported as over)");
        }
        let by = list(&v["by"]);
        if !by.is_empty() {
            let _ = write!(line, " by {by}");
        }
        let to = list(&v["to"]);
        if !to.is_empty() && kind == "handed over" {
            let _ = write!(line, " to {to}");
        }
        let items = list(&v["items"]);
        if !items.is_empty() {
            let _ = write!(line, "; items: {items}");
        }
        if let Some(a) = v["amounts"].as_array() {
            let am: Vec<String> = a
                .iter()
                .map(|q| {
                    format!(
                        "{} {} {}",
                        q["value"],
                        q["unit"].as_str().unwrap_or(""),
                        q["item"].as_str().unwrap_or("")
                    )
                    .trim()
                    .to_string()
                })
                .collect();
            if !am.is_empty() {
                let _ = write!(line, "; amounts: {}", am.join(", "));
            }
        }
        let _ = write!(line, " — in {}", list(&v["places"]));
        let _ = write!(
            line,
            " — sources ({}): {} [{}]",
            v["corroboration"],
            list(&v["sources"]),
            v["incident"].as_str().unwrap_or("")
        );
        let _ = writeln!(s, "{line}");
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fold_and_items() {
        assert_eq!(fold("إدخالُ الطّحين"), "ادخال الطحين");
        assert_eq!(
            items_in("سمحت بإدخال الطحين والمواد الغذائية"),
            ["flour", "food"]
        );
        assert!(items_in("اشتباكات عنيفة").is_empty());
    }
}

//! Linking rows into entries and generating match keys.

use crate::load::{ActorRow, KbError, PlaceRow, Rows};
use crate::model::{Actor, ActorKind, EntryRef, Place, PlaceKind};
use crate::norm::key;
use crate::trie::Trie;
use crate::{Kb, KeyEntry};
use std::collections::HashMap;

/// Spelling variants applied to every key, in both directions (normalized forms).
const VARIANTS: [(&str, &str); 7] = [
    ("ديمقراط", "ديموقراط"),
    ("مليشي", "ميليشي"),
    ("امريك", "اميرك"),
    ("الاسد", "الاسد"),
    ("سوريا ", "سوريه "),
    (" سوريا", " سوريه"),
    ("داعش", "داعش"),
];

fn dup_err(r_file: &str, r_line: usize, id: &str, prev_line: usize) -> KbError {
    KbError::Entry {
        file: r_file.to_string(),
        line: r_line,
        msg: format!("duplicate id `{id}` (first defined on line {prev_line})"),
    }
}

/// Keeps the last row per id across files; a duplicate inside one file is an error.
fn dedup_places(rows: Vec<PlaceRow>) -> Result<Vec<PlaceRow>, KbError> {
    let mut pos: HashMap<String, usize> = HashMap::new();
    let mut out: Vec<PlaceRow> = Vec::with_capacity(rows.len());
    for r in rows {
        if let Some(&i) = pos.get(&r.id) {
            if out[i].file == r.file {
                return Err(dup_err(&r.file, r.line, &r.id, out[i].line));
            }
            out[i] = r;
        } else {
            pos.insert(r.id.clone(), out.len());
            out.push(r);
        }
    }
    Ok(out)
}

fn dedup_actors(rows: Vec<ActorRow>) -> Result<Vec<ActorRow>, KbError> {
    let mut pos: HashMap<String, usize> = HashMap::new();
    let mut out: Vec<ActorRow> = Vec::with_capacity(rows.len());
    for r in rows {
        if let Some(&i) = pos.get(&r.id) {
            if out[i].file == r.file {
                return Err(dup_err(&r.file, r.line, &r.id, out[i].line));
            }
            out[i] = r;
        } else {
            pos.insert(r.id.clone(), out.len());
            out.push(r);
        }
    }
    Ok(out)
}

fn has_arabic(s: &str) -> bool {
    s.chars().any(|c| ('\u{0621}'..='\u{064A}').contains(&c))
}

/// All keys for one written name (the name itself and its spelling variants).
fn variants(k: &str, out: &mut Vec<String>) {
    out.push(k.to_string());
    for (a, b) in VARIANTS {
        if a == b {
            continue;
        }
        let padded = format!(" {k} ");
        for (x, y) in [(a, b), (b, a)] {
            if padded.contains(x) {
                let v = padded.replace(x, y);
                out.push(v.trim().to_string());
            }
        }
    }
}

/// The adjective forms of a nisba stem (روسي → روسي، روسيه، روسيين، روسيون، روسيتين ... and
/// the same with ال).
fn adjective_forms(stem: &str, out: &mut Vec<String>) {
    let stem = stem.strip_prefix("ال").unwrap_or(stem);
    for suf in ["", "ه", "ين", "ون", "تين", "تان", "ان", "يين", "يون"] {
        let f = format!("{stem}{suf}");
        out.push(f.clone());
        out.push(format!("ال{f}"));
    }
}

pub(crate) fn build(rows: Rows) -> Result<Kb, KbError> {
    let prows = dedup_places(rows.places)?;
    let arows = dedup_actors(rows.actors)?;

    // ---- places ----
    let mut by_id: HashMap<String, EntryRef> = HashMap::with_capacity(prows.len() * 2);
    for (i, r) in prows.iter().enumerate() {
        by_id.insert(r.id.clone(), EntryRef::Place(i as u32));
    }
    for (i, r) in prows.iter().enumerate() {
        for other in &r.ids {
            by_id
                .entry(other.clone())
                .or_insert(EntryRef::Place(i as u32));
        }
    }
    // Country places by ISO code.
    let mut country_place: HashMap<String, u32> = HashMap::new();
    for (i, r) in prows.iter().enumerate() {
        if r.kind == PlaceKind::Country {
            country_place.insert(r.country.clone(), i as u32);
        }
    }
    let mut places: Vec<Place> = Vec::with_capacity(prows.len());
    for (i, r) in prows.iter().enumerate() {
        let parent = match &r.parent {
            Some(pid) => match by_id.get(pid) {
                Some(EntryRef::Place(p)) if *p as usize != i => Some(*p),
                _ => {
                    return Err(KbError::Entry {
                        file: r.file.clone(),
                        line: r.line,
                        msg: format!("parent `{pid}` of `{}` is not a known place id", r.id),
                    })
                }
            },
            None if r.kind != PlaceKind::Country => country_place.get(&r.country).copied(),
            None => None,
        };
        let mut names = vec![r.name_ar.clone()];
        if !r.name_en.is_empty() {
            names.push(r.name_en.clone());
        }
        for n in &r.names {
            if !names.contains(n) {
                names.push(n.clone());
            }
        }
        let kind = r.kind;
        places.push(Place {
            id: r.id.clone(),
            other_ids: r.ids.clone(),
            name_en: if r.name_en.is_empty() {
                r.name_ar.clone()
            } else {
                r.name_en.clone()
            },
            name_ar: r.name_ar.clone(),
            names,
            kind,
            parent,
            lat: r.lat,
            lon: r.lon,
            country: r.country.clone(),
            admin1: r.admin1.clone(),
            source: r.source.clone(),
            approximate: r.approx,
            precision: r.precision.unwrap_or(kind.default_precision()),
            needs_cue: r.cue,
            population: r.pop,
            prominent: r.prominent,
        });
    }
    // Parent cycles would loop the ancestor walk (it is bounded anyway); reject them.
    for i in 0..places.len() {
        let mut cur = places[i].parent;
        let mut n = 0;
        while let Some(c) = cur {
            n += 1;
            if c as usize == i || n > 16 {
                let r = &prows[i];
                return Err(KbError::Entry {
                    file: r.file.clone(),
                    line: r.line,
                    msg: format!("parent chain of `{}` loops", r.id),
                });
            }
            cur = places[c as usize].parent;
        }
    }
    // Fill admin1 from the governorate ancestor; coordinates from the nearest located ancestor.
    for i in 0..places.len() {
        if places[i].admin1.is_none() || places[i].lat.is_none() {
            let mut cur = places[i].parent;
            let mut guard = 0;
            while let Some(c) = cur {
                guard += 1;
                if guard > 16 {
                    break;
                }
                let (pkind, pname, plat, plon) = {
                    let p = &places[c as usize];
                    (p.kind, p.name_en.clone(), p.lat, p.lon)
                };
                if places[i].admin1.is_none() && pkind == PlaceKind::Governorate {
                    places[i].admin1 = Some(pname);
                }
                if places[i].lat.is_none() && plat.is_some() && pkind != PlaceKind::Country {
                    places[i].lat = plat;
                    places[i].lon = plon;
                    places[i].approximate = true;
                    if places[i].precision == 1 {
                        places[i].precision = 2;
                    }
                }
                cur = places[c as usize].parent;
            }
        }
        if places[i].kind == PlaceKind::Governorate && places[i].admin1.is_none() {
            places[i].admin1 = Some(places[i].name_en.clone());
        }
    }

    // ---- actors ----
    let base = 0u32;
    let mut actor_index: HashMap<String, u32> = HashMap::new();
    for (i, r) in arows.iter().enumerate() {
        actor_index.insert(r.id.clone(), base + i as u32);
    }
    let mut actors: Vec<Actor> = Vec::with_capacity(arows.len() + 200);
    for r in arows.iter() {
        let parent = match &r.parent {
            Some(pid) => Some(*actor_index.get(pid).ok_or_else(|| KbError::Entry {
                file: r.file.clone(),
                line: r.line,
                msg: format!("parent `{pid}` of `{}` is not a known actor id", r.id),
            })?),
            None => None,
        };
        for a in &r.allies {
            if !actor_index.contains_key(a) {
                return Err(KbError::Entry {
                    file: r.file.clone(),
                    line: r.line,
                    msg: format!("ally `{a}` of `{}` is not a known actor id", r.id),
                });
            }
        }
        actors.push(Actor {
            id: r.id.clone(),
            name: r.name.clone(),
            kind: r.kind,
            sector: r.sector.clone(),
            country: r.country.clone(),
            parent,
            allies: r.allies.clone(),
            aliases: r.aliases.clone(),
            adjectives: r.adjectives.clone(),
            anaphors: r.anaphors.clone(),
            source: r.source.clone(),
        });
    }
    // Every country is also a state actor; curated state rows (with adjectives) win.
    let states: std::collections::HashSet<String> = actors
        .iter()
        .filter(|a| a.kind == ActorKind::State)
        .filter_map(|a| a.country.clone())
        .collect();
    for p in &places {
        if p.kind == PlaceKind::Country && !states.contains(&p.country) {
            actors.push(Actor {
                id: format!("state:{}", p.country),
                name: p.name_en.clone(),
                kind: ActorKind::State,
                sector: "GOV".into(),
                country: Some(p.country.clone()),
                parent: None,
                allies: vec![],
                aliases: p.names.iter().filter(|n| has_arabic(n)).cloned().collect(),
                adjectives: vec![],
                anaphors: vec![],
                source: "country-table".into(),
            });
        }
    }
    for (i, a) in actors.iter().enumerate() {
        if by_id.contains_key(&a.id) {
            let r = arows.get(i);
            return Err(KbError::Entry {
                file: r.map(|r| r.file.clone()).unwrap_or_default(),
                line: r.map(|r| r.line).unwrap_or(0),
                msg: format!("actor id `{}` is also a place id", a.id),
            });
        }
        by_id.insert(a.id.clone(), EntryRef::Actor(i as u32));
    }

    // ---- keys ----
    let mut key_ids: HashMap<String, u32> = HashMap::with_capacity(places.len() * 4);
    let mut keys: Vec<Vec<KeyEntry>> = Vec::with_capacity(places.len() * 4);
    let mut add = |k: &str, e: KeyEntry| {
        if k.chars().count() < 2 {
            return;
        }
        let id = *key_ids.entry(k.to_string()).or_insert_with(|| {
            keys.push(Vec::new());
            (keys.len() - 1) as u32
        });
        let list = &mut keys[id as usize];
        if !list
            .iter()
            .any(|x| x.target == e.target && x.needs_l == e.needs_l && x.anaphor == e.anaphor)
        {
            list.push(e);
        }
    };
    let mut forms: Vec<String> = Vec::new();
    let mut emit = |written: &str,
                    target: EntryRef,
                    (adjective, anaphor): (bool, bool),
                    add: &mut dyn FnMut(&str, KeyEntry)| {
        let k = key(written);
        if k.is_empty() {
            return;
        }
        forms.clear();
        if adjective {
            adjective_forms(&k, &mut forms);
        } else {
            forms.push(k);
        }
        let base_forms: Vec<String> = std::mem::take(&mut forms);
        let mut all = Vec::new();
        for f in &base_forms {
            variants(f, &mut all);
        }
        for f in all {
            add(
                &f,
                KeyEntry {
                    target,
                    needs_l: false,
                    adjective,
                    anaphor,
                },
            );
            if let Some(rest) = f.strip_prefix("ال") {
                if rest.chars().count() >= 2 {
                    add(
                        &format!("ل{rest}"),
                        KeyEntry {
                            target,
                            needs_l: true,
                            adjective,
                            anaphor,
                        },
                    );
                    // ل + اللاذقية is written للاذقية: the article's lam merges too.
                    if rest.starts_with('ل') {
                        add(
                            rest,
                            KeyEntry {
                                target,
                                needs_l: true,
                                adjective,
                                anaphor,
                            },
                        );
                    }
                }
            }
        }
    };
    for (i, p) in places.iter().enumerate() {
        for n in &p.names {
            if has_arabic(n) {
                emit(n, EntryRef::Place(i as u32), (false, false), &mut add);
            }
        }
    }
    let mut actor_alias_count = 0;
    for (i, a) in actors.iter().enumerate() {
        for n in &a.aliases {
            actor_alias_count += 1;
            emit(n, EntryRef::Actor(i as u32), (false, false), &mut add);
        }
        for n in &a.adjectives {
            actor_alias_count += 1;
            emit(n, EntryRef::Actor(i as u32), (true, false), &mut add);
        }
        for n in &a.anaphors {
            emit(n, EntryRef::Actor(i as u32), (false, true), &mut add);
        }
    }
    let trie = Trie::build(
        key_ids
            .iter()
            .map(|(k, v)| (k.as_bytes().to_vec(), *v))
            .collect(),
    );
    Ok(Kb {
        places,
        actors,
        by_id,
        trie,
        keys,
        actor_alias_count,
        common: crate::word_list(crate::WORD_LISTS[0].1, false),
        common_any: crate::word_list(crate::WORD_LISTS[0].1, true),
        no_split: crate::word_list(crate::WORD_LISTS[1].1, false),
    })
}

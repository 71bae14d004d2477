//! Disambiguation: choosing among same-name candidates from context.
//!
//! Per mention, every place candidate gets a score: a prior by kind and population (a city
//! before a governorate, a country before a village), a bonus for the cue word before it
//! (مدينة → city, محافظة → governorate, حي → neighbourhood, بلدة/قرية → settlement), a bonus when
//! one of its ancestors, a sibling or a child is named nearby (الأشرفية … الشيخ مقصود … حلب), and
//! a document-level bonus for the governorates, countries and coordinates of the document's
//! unambiguous places (its main area). The best wins; ties keep the data order.

use crate::matcher::{Common, Cue, Mention};
use crate::model::{EntryRef, PlaceKind};
use crate::norm::Normalized as Norm;
use crate::Kb;
use std::collections::HashMap;

/// Window (normalized bytes) within which other names count as "nearby".
const NEAR: usize = 400;

/// Window (normalized bytes between two names) for "right next to each other".
const ADJACENT: usize = 24;

fn cue_fits(cue: Option<Cue>, kind: PlaceKind) -> f32 {
    use PlaceKind as K;
    match (cue, kind) {
        (Some(Cue::City), K::City | K::Town) => 5.0,
        (Some(Cue::City), K::Village) => 3.0,
        (Some(Cue::Governorate), K::Governorate) => 6.0,
        (Some(Cue::Area), K::District | K::Region) => 4.0,
        (Some(Cue::Area), K::Subdistrict) => 2.0,
        (Some(Cue::Subdistrict), K::Subdistrict) => 6.0,
        (Some(Cue::Neighbourhood), K::Neighbourhood) => 6.0,
        (Some(Cue::Settlement), K::Town | K::Village) => 4.0,
        (Some(Cue::Settlement), K::City) => 2.0,
        (Some(Cue::Camp), K::Neighbourhood | K::Facility) => 4.0,
        (Some(Cue::Near), K::City | K::Town) => 1.5,
        (Some(Cue::Near), K::Governorate) => 1.0,
        (Some(Cue::Country), K::Country) => 6.0,
        _ => 0.0,
    }
}

/// Whether a common-word place name may match after this cue.
pub(crate) fn cue_licenses(cue: Option<Cue>) -> bool {
    matches!(
        cue,
        Some(
            Cue::City
                | Cue::Settlement
                | Cue::Neighbourhood
                | Cue::Camp
                | Cue::Subdistrict
                | Cue::Area
        )
    )
}

/// Whether the cue word says the name is a place of this kind (حي الشعار, مدينة الباب, منطقة
/// القصير): what a common-word name needs. "حي الجزيرة" is no licence for the region.
fn cue_names_kind(cue: Option<Cue>, kind: PlaceKind) -> bool {
    use PlaceKind as K;
    match cue {
        Some(Cue::City) => matches!(
            kind,
            K::City | K::Town | K::Village | K::District | K::Subdistrict
        ),
        Some(Cue::Settlement) => matches!(kind, K::City | K::Town | K::Village | K::Subdistrict),
        Some(Cue::Neighbourhood) => matches!(kind, K::Neighbourhood | K::Town | K::Village),
        Some(Cue::Camp) => matches!(kind, K::Neighbourhood | K::Facility | K::Town),
        Some(Cue::Subdistrict) => kind == K::Subdistrict,
        // (منطقة صغيرة is "a small area", not the village صغيرة)
        Some(Cue::Area) => matches!(kind, K::District | K::Region | K::Subdistrict),
        _ => false,
    }
}

/// The text between two mentions (empty when they touch or overlap).
fn gap_between(
    me: &std::ops::Range<usize>,
    other: &std::ops::Range<usize>,
) -> std::ops::Range<usize> {
    if other.start >= me.end {
        me.end..other.start
    } else {
        other.end.min(me.start)..me.start
    }
}

pub(crate) fn resolve_with_offsets(kb: &Kb, norm: &Norm, mentions: &mut [Mention]) {
    resolve(kb, &norm.text, mentions);
}

pub(crate) fn resolve(kb: &Kb, t: &str, mentions: &mut [Mention]) {
    // 00. back-references (التنظيم) name an actor only after it was named in full; the most
    // recently named one wins.
    let mut last_named: HashMap<EntryRef, usize> = HashMap::new();
    for (i, m) in mentions.iter_mut().enumerate() {
        if !m.anaphors.is_empty() {
            let anaphors = std::mem::take(&mut m.anaphors);
            m.candidates
                .retain(|c| !anaphors.contains(c) || last_named.contains_key(c));
            m.candidates.sort_by_key(|c| {
                std::cmp::Reverse(if anaphors.contains(c) {
                    last_named.get(c).copied()
                } else {
                    None
                })
            });
            m.anaphors = anaphors;
        }
        for c in &m.candidates {
            if !m.anaphors.contains(c) {
                last_named.insert(*c, i);
            }
        }
    }
    // 0. a cue word inside the name itself (حي صلاح الدين, مخيم درعا) counts too
    for m in mentions.iter_mut() {
        if m.cue.is_none() {
            m.cue = t
                .get(m.nspan.clone())
                .and_then(|s| s.split_once(' '))
                .and_then(|(first, _)| crate::matcher::cue_of_token(first));
        }
    }
    // 1. usable place candidates per mention; Syrian readings of a common word (الباب،
    // التضامن) are set aside in `weak` until licensed below.
    let mut pc: Vec<Vec<u32>> = Vec::with_capacity(mentions.len());
    let mut weak: Vec<Vec<u32>> = Vec::with_capacity(mentions.len());
    for m in mentions.iter() {
        let mut v = Vec::new();
        let mut w = Vec::new();
        for c in &m.candidates {
            if let EntryRef::Place(p) = *c {
                let pl = kb.place(p);
                if pl.needs_cue && !cue_licenses(m.cue) {
                    continue;
                }
                let common = match m.common {
                    Common::No => false,
                    Common::Syrian => pl.country == "SYR",
                    Common::Any => true,
                };
                if common && pl.kind != PlaceKind::Country && !cue_names_kind(m.cue, pl.kind) {
                    w.push(p);
                } else {
                    v.push(p);
                }
            }
        }
        pc.push(v);
        weak.push(w);
    }
    // 1a. a common-word reading is licensed by its parent or a sibling right next to it
    // (الباب بريف حلب، نبل والزهراء) ...
    let syria_country = |q: u32| {
        let qp = kb.place(q);
        qp.kind == PlaceKind::Country && qp.country == "SYR"
    };
    for i in 0..mentions.len() {
        if weak[i].is_empty() {
            continue;
        }
        let mut neighbours: Vec<u32> = Vec::new();
        let mut coordinated = false;
        for j in [i.wrapping_sub(1), i + 1] {
            let Some(m2) = mentions.get(j) else { continue };
            let gap = gap_between(&mentions[i].nspan, &m2.nspan);
            let close = gap.len() <= ADJACENT
                // (a list of places may use commas: حرستا، مديرا، عربين)
                && t.get(gap.clone())
                    .is_some_and(|g| !g.contains(['.', '؛', '\n', '؟', '!', ':']));
            if close {
                coordinated |= t.get(gap.clone()).is_some_and(|g| {
                    let g = g.trim();
                    matches!(g, "و" | "،" | "," | "، و" | ", و")
                });
                neighbours.extend(pc[j].iter().copied().filter(|&q| !syria_country(q)));
            }
        }
        let licensed: Vec<u32> = weak[i]
            .iter()
            .copied()
            .filter(|&c| {
                let par = kb.place(c).parent;
                neighbours.iter().any(|&q| {
                    let qp = kb.place(q);
                    kb.place_ancestors(c).any(|a| a == q)
                        || (par.is_some() && qp.parent == par)
                        // a list of Syrian towns (كإدلب وأريحا وتدمر)
                        || (coordinated
                            && qp.country == "SYR"
                            && matches!(
                                qp.kind,
                                PlaceKind::City | PlaceKind::Town | PlaceKind::Governorate
                            ))
                })
            })
            .collect();
        if !licensed.is_empty() {
            weak[i].retain(|c| !licensed.contains(c));
            pc[i].extend(licensed);
        }
    }
    // 1b. the document's areas: (country, governorate) of every "strong" reading (a country,
    // governorate, district, city, crossing, a prominent or big place).
    // A small village or town named without a cue must lie in one of them: a Saudi article
    // saying الزكاة or رفيعة is not about the Syrian villages of those names.
    // (Even after a cue word: "مدينة الملك عبد الله" in a Saudi article is not the Syrian
    // village الملك.)
    let strong = |p: &crate::Place| {
        !matches!(
            p.kind,
            PlaceKind::Village | PlaceKind::Town | PlaceKind::Subdistrict
        ) || p.prominent
            || p.population >= 100_000
    };
    let self_standing = |p: &crate::Place| {
        matches!(
            p.kind,
            PlaceKind::Country
                | PlaceKind::Governorate
                | PlaceKind::District
                | PlaceKind::Region
                | PlaceKind::City
        ) || p.population >= 50_000
    };
    // (mention, place, country, governorate) of the strong readings
    let mut area_of: Vec<(usize, u32, &str, Option<&str>)> = Vec::new();
    for (i, v) in pc.iter().enumerate() {
        for &c in v {
            let p = kb.place(c);
            if strong(p) {
                area_of.push((i, c, p.country.as_str(), p.admin1.as_deref()));
            }
        }
    }
    // A document mostly about other countries (its distinct unambiguous places are mostly
    // cities and places outside Syria: a Saudi, Iraqi or Lebanese report): a Syrian place below a governorate or
    // a big city must have its governorate named by another mention (الكرمة in an Anbar report
    // is not the Syrian town, السيدة زينب in Cairo not the Damascus suburb).
    let mut syr_anchors: Vec<u32> = Vec::new();
    let mut other_anchors: Vec<u32> = Vec::new();
    for v in &pc {
        if let [c] = v.as_slice() {
            let p = kb.place(*c);
            // (foreign countries are named in every Syrian report: only their places count)
            if p.country != "SYR" {
                if p.kind != PlaceKind::Country && !other_anchors.contains(c) {
                    other_anchors.push(*c);
                }
            } else if self_standing(p) && !syr_anchors.contains(c) {
                syr_anchors.push(*c);
            }
        }
    }
    let foreign_doc = other_anchors.len() >= 2 && other_anchors.len() > 2 * syr_anchors.len();
    if foreign_doc {
        let pc_snapshot = pc.clone();
        for (i, v) in pc.iter_mut().enumerate() {
            v.retain(|&c| {
                let p = kb.place(c);
                p.country != "SYR"
                    || self_standing(p)
                    || area_of.iter().any(|&(j, q, co, a1)| {
                        j != i
                            && q != c
                            && !pc_snapshot[j].contains(&c)
                            && co == "SYR"
                            // (شمال سوريا: Syria named elsewhere suffices)
                            && (p.admin1.is_none() || a1 == p.admin1.as_deref())
                    })
            });
        }
    }
    let mut areas: Vec<(&str, Option<&str>)> = Vec::new();
    for v in &pc {
        for &c in v {
            let p = kb.place(c);
            if strong(p) {
                areas.push((p.country.as_str(), p.admin1.as_deref()));
            }
        }
    }
    for (i, v) in pc.iter_mut().enumerate() {
        let cue = mentions[i].cue;
        v.retain(|&c| {
            let p = kb.place(c);
            let kind_cued = matches!(
                (p.kind, cue),
                (
                    PlaceKind::Neighbourhood,
                    Some(Cue::Neighbourhood | Cue::Camp)
                )
            );
            strong(p)
                || areas.iter().any(|&(co, a1)| {
                    co == p.country
                        && match p.admin1.as_deref() {
                            // (a town read as a neighbourhood after حي: its country suffices)
                            _ if kind_cued => true,
                            // a Syrian village: its governorate must be named (or implied)
                            Some(own) => a1 == Some(own),
                            // a foreign place without admin units: its country suffices
                            None => true,
                        }
                })
        });
    }
    // 1c. ... or by a locative preposition (في الباب، بالباب) in a document that names its
    // governorate through another place.
    for i in 0..mentions.len() {
        if weak[i].is_empty() {
            continue;
        }
        let outer_start = mentions[i].nspan.start;
        let before = t.get(..outer_start).unwrap_or("");
        // the word group's own proclitic ب (بالباب) or a preposition word before it
        let word_start = before
            .char_indices()
            .rev()
            .find(|(_, c)| c.is_whitespace() || !c.is_alphanumeric())
            .map_or(0, |(j, c)| j + c.len_utf8());
        let clitic = &before[word_start..];
        let prev_word = before[..word_start]
            .trim_end_matches([' ', '\t'])
            .rsplit(|c: char| !c.is_alphanumeric())
            .next()
            .unwrap_or("");
        let locative = clitic.ends_with('ب')
            || (clitic.is_empty()
                && matches!(
                    prev_word,
                    "في" | "وفي" | "ففي" | "الى" | "والى" | "داخل" | "بين" | "على"
                ));
        if !locative {
            continue;
        }
        let own: Vec<u32> = weak[i]
            .iter()
            .copied()
            .filter(|&c| {
                let p = kb.place(c);
                areas
                    .iter()
                    .any(|&(co, a1)| co == p.country && a1.is_some() && a1 == p.admin1.as_deref())
            })
            .collect();
        pc[i].extend(own);
    }
    // 2. document anchors: unambiguous places
    let mut admin1: HashMap<&str, f32> = HashMap::new();
    let mut countries: HashMap<&str, f32> = HashMap::new();
    let mut coords: Vec<(f64, f64)> = Vec::new();
    let mut n_anchor = 0f32;
    for v in &pc {
        if v.len() == 1 {
            let p = kb.place(v[0]);
            if let Some(a) = p.admin1.as_deref() {
                *admin1.entry(a).or_insert(0.0) += 1.0;
            }
            *countries.entry(p.country.as_str()).or_insert(0.0) += 1.0;
            if let (Some(la), Some(lo)) = (p.lat, p.lon) {
                if p.kind != PlaceKind::Country && p.kind != PlaceKind::Governorate {
                    coords.push((la, lo));
                }
            }
            n_anchor += 1.0;
        }
    }
    // 3. score
    for i in 0..mentions.len() {
        let m_pos = mentions[i].nspan.start;
        let mut best: Option<(u32, f32)> = None;
        if pc[i].len() == 1 {
            best = Some((pc[i][0], 0.0));
        } else if pc[i].len() > 1 {
            // nearby candidates
            let mut near: Vec<(u32, bool)> = Vec::new();
            // candidates of the names right next to this one (نبل والزهراء, الأشرفية بحلب)
            let mut adjacent: Vec<u32> = Vec::new();
            // candidates of the names in the same sentence (no sentence end between)
            let mut same_sentence: Vec<u32> = Vec::new();
            for (j, m2) in mentions.iter().enumerate() {
                if j == i || m2.nspan.start.abs_diff(m_pos) > NEAR {
                    continue;
                }
                let me = &mentions[i].nspan;
                let gap = gap_between(me, &m2.nspan);
                let between = t.get(gap.clone());
                let close = gap.len() <= ADJACENT
                    && between.is_some_and(|g| !g.contains(['.', '،', '؛', ',', '\n', '؟', '!']));
                let disjoint = m2.nspan.end <= me.start || m2.nspan.start >= me.end;
                let in_sentence =
                    disjoint && between.is_some_and(|g| !g.contains(['.', '\n', '؟', '!', '؛']));
                for &p in &pc[j] {
                    near.push((p, pc[j].len() == 1));
                    if close {
                        adjacent.push(p);
                    }
                    // a countryside or area of a governorate ("بريف إدلب") situates a village
                    // as its governorate does
                    let pp = kb.place(p);
                    if pp.kind == PlaceKind::Region && pc[j].len() == 1 {
                        if let Some(par) = pp
                            .parent
                            .filter(|&q| kb.place(q).kind == PlaceKind::Governorate)
                        {
                            near.push((par, false));
                            if close {
                                adjacent.push(par);
                            }
                        }
                    }
                    if in_sentence {
                        same_sentence.push(p);
                    }
                }
            }
            for &c in &pc[i] {
                let p = kb.place(c);
                let mut s = p.kind.prior() + cue_fits(mentions[i].cue, p.kind);
                s += (p.population as f32 + 1.0).log10() * 0.3;
                if p.country == "SYR" {
                    s += 0.5;
                }
                if p.prominent {
                    s += 1.5;
                }
                // ancestor named nearby
                let anc: Vec<u32> = kb.place_ancestors(c).collect();
                // a governorate's own name is the governorate or its capital, not one of the
                // villages elsewhere that share it ("اجلاؤها من القنيطرة إلى إدلب" is not the
                // Quneitra of Idlib because Idlib is named next to it), unless the text calls
                // it a village ("قرية القنيطرة في ريف إدلب")
                if mentions[i].cue != Some(Cue::Settlement)
                    && (p.kind == PlaceKind::Governorate
                        || anc.iter().any(|&a| {
                            let ap = kb.place(a);
                            ap.kind == PlaceKind::Governorate && ap.name_ar == p.name_ar
                        }))
                {
                    s += 4.0;
                }
                // (Syria itself is everyone's ancestor here: it says nothing.)
                if near.iter().any(|(q, _)| {
                    anc.contains(q)
                        && !(kb.place(*q).kind == PlaceKind::Country
                            && kb.place(*q).country == "SYR")
                }) {
                    s += 4.0;
                }
                // the direct parent (the city of a neighbourhood) named in the same sentence:
                // "شهدت مدينة الحسكة احتجاجات أمام المربع الأمني" is Hasakah's square even
                // when Qamishli is named a sentence earlier (points inside a city only: an
                // admin unit is no "part" of the unit it shares a name with)
                if p.parent.is_some_and(|par| {
                    matches!(p.kind, PlaceKind::Neighbourhood | PlaceKind::Facility)
                        && same_sentence.contains(&par)
                }) {
                    s += 4.0;
                }
                // sibling (same parent) or child named nearby
                if let Some(par) = p.parent {
                    if near.iter().any(|(q, unamb)| {
                        *unamb
                            && kb.place(*q).parent == Some(par)
                            && kb.place(par).kind != PlaceKind::Country
                    }) {
                        s += 2.5;
                    }
                }
                if near.iter().any(|(q, _)| kb.place(*q).parent == Some(c)) {
                    s += 2.0;
                }
                // ... and stronger when the related name is right next to it
                if adjacent.iter().any(|q| {
                    let qp = kb.place(*q);
                    qp.kind != PlaceKind::Country
                        && (anc.contains(q) || (p.parent.is_some() && qp.parent == p.parent))
                }) {
                    s += 3.0;
                }
                // document main area
                if n_anchor > 0.0 {
                    if let Some(a) = p.admin1.as_deref() {
                        s += 1.5 * admin1.get(a).copied().unwrap_or(0.0) / n_anchor;
                    }
                    if p.country != "SYR" {
                        s += countries.get(p.country.as_str()).copied().unwrap_or(0.0) / n_anchor;
                    }
                    if let (Some(la), Some(lo)) = (p.lat, p.lon) {
                        if coords.iter().any(|&q| crate::dist_km((la, lo), q) < 30.0) {
                            s += 1.0;
                        }
                    }
                }
                if best.is_none_or(|(_, bs)| s > bs) {
                    best = Some((c, s));
                }
            }
        }
        let m = &mut mentions[i];
        m.place = best.map(|b| b.0);
        m.precision = m.place.map(|p| {
            let pl = kb.place(p);
            let mut prec = pl.precision;
            if m.cue == Some(Cue::Near) && prec < 2 {
                prec = 2;
            }
            prec
        });
        m.actor = m.candidates.iter().find_map(|c| match *c {
            EntryRef::Actor(a) => Some(a),
            _ => None,
        });
        m.chosen = match (m.place, m.actor) {
            (Some(p), Some(a)) => {
                let pl = kb.place(p);
                // An actor word that is also a village name reads as the actor unless a cue
                // says "place"; adjective forms always read as the actor.
                if m.adjective
                    || (matches!(pl.kind, PlaceKind::Village | PlaceKind::Town)
                        && !cue_licenses(m.cue))
                {
                    Some(EntryRef::Actor(a))
                } else {
                    Some(EntryRef::Place(p))
                }
            }
            (Some(p), None) => Some(EntryRef::Place(p)),
            (None, Some(a)) => Some(EntryRef::Actor(a)),
            (None, None) => None,
        };
    }
}

//! marsad's knowledge base: Syria gazetteer, actor lexicon and the one-pass clitic-aware matcher.
//!
//! ```
//! let kb = marsad_kb::Kb::bundled().unwrap();
//! let text = "اشتباكات بين قسد والفرقة الرابعة في حي الشيخ مقصود بحلب";
//! let mentions = kb.find(text);
//! let names: Vec<&str> = mentions.iter().map(|m| kb.display_name(m)).collect();
//! assert!(names.contains(&"Syrian Democratic Forces"));
//! assert!(names.contains(&"4th Armoured Division"));
//! assert!(names.contains(&"Sheikh Maqsoud"));
//! assert!(names.contains(&"Aleppo"));
//! ```
//!
//! The data files (TSV under `data/kb/`, described in `data/README.md` and [`load`]-module
//! docs) are embedded at compile time; [`Kb::load`] adds an analyst's directory on top
//! (`--kb-extra DIR`).
//!
//! **Matching** ([`Kb::find`]): the document is normalized once by the text core
//! ([`marsad_text::normalize()`]); a compact byte trie over the normalized names of every place
//! and actor (with generated forms: `لل…` for `ال…` names after ل, adjective forms of nisba
//! stems, spelling variants such as الديمقراطية/الديموقراطية) is walked from every word start
//! and after the proclitics و ف ب ل ك (and their pairs). The longest match ending on a word
//! boundary wins (leftmost-longest); spans map back to the original bytes, without the
//! stripped proclitic but with a lexical ال. Tanween forms (دوماً) are never place names.
//!
//! **Resolution** (inside `find`; [`Kb::resolve`] re-runs it): names that are also common
//! words (flag `cue`) need a cue word (قرية، بلدة، حي، مدينة ...); a small village or town must
//! lie in a governorate the document names (or, after a cue, in a country it names); among
//! same-name candidates the score combines the cue (مدينة → city, محافظة → governorate, ريف →
//! countryside), related names nearby (an ancestor, a sibling, a child; more when adjacent),
//! the document's main area (governorates, countries, 30 km of its unambiguous places) and a
//! prior (country > city > governorate > region > town > ... ; population; curated prominence).
//! [`Mention::precision`] is ACLED's geo-precision (1 town/neighbourhood/site, 2 district,
//! region, countryside or "near", 3 governorate/country). Words that name both a place and an
//! actor (دمشق، روسيا) carry both readings ([`Mention::place`], [`Mention::actor`]);
//! [`Mention::chosen`] prefers the place unless the words are an adjective (الروسية) or an
//! actor alias that is only a village name.

#![forbid(unsafe_code)]
#![warn(missing_docs)]

pub mod load;
mod matcher;
mod model;
pub mod norm;
mod resolve;
mod trie;

pub use load::KbError;
pub use matcher::{Cue, Mention};
pub use model::{Actor, ActorKind, EntryRef, Place, PlaceKind};

use load::{parse_file, Rows};
use marsad_types::CharOffsets;
use serde::Serialize;
use std::collections::{BTreeMap, HashMap};
use std::path::Path;
use trie::Trie;

/// The bundled data files, embedded at compile time: (name, contents).
pub const BUNDLED: [(&str, &str); 4] = [
    (
        "data/kb/places.tsv",
        include_str!("../../../data/kb/places.tsv"),
    ),
    (
        "data/kb/countries.tsv",
        include_str!("../../../data/kb/countries.tsv"),
    ),
    (
        "data/kb/curated_places.tsv",
        include_str!("../../../data/kb/curated_places.tsv"),
    ),
    (
        "data/kb/actors.tsv",
        include_str!("../../../data/kb/actors.tsv"),
    ),
];

/// One key's target with how it may match.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct KeyEntry {
    pub target: EntryRef,
    /// The key is an `ال…` name with its alef dropped after a ل proclitic (للنظام): it only
    /// matches right after ل.
    pub needs_l: bool,
    /// The key came from an adjective stem (الروسية → Russia).
    pub adjective: bool,
    /// The key is a back-reference (التنظيم): valid only after the actor was named.
    pub anaphor: bool,
}

/// The loaded knowledge base: places, actors and the matcher built over their names.
#[derive(Debug, Clone)]
pub struct Kb {
    places: Vec<Place>,
    actors: Vec<Actor>,
    by_id: HashMap<String, EntryRef>,
    trie: Trie,
    keys: Vec<Vec<KeyEntry>>,
    actor_alias_count: usize,
}

/// Counts for `marsad kb stats`.
#[derive(Debug, Clone, Serialize)]
pub struct KbStats {
    /// All places.
    pub places: usize,
    /// Places in Syria.
    pub syrian_places: usize,
    /// Places by kind.
    pub places_by_kind: BTreeMap<String, usize>,
    /// Places by source (`geonames`, `ocha`, `opensyria`, `curated`, ...).
    pub places_by_source: BTreeMap<String, usize>,
    /// Curated neighbourhoods (and camps).
    pub curated_neighbourhoods: usize,
    /// Place names and variants (Arabic and Latin).
    pub place_names: usize,
    /// Countries.
    pub countries: usize,
    /// All actors.
    pub actors: usize,
    /// Actors by kind.
    pub actors_by_kind: BTreeMap<String, usize>,
    /// Actors by source (`curated`, `country-table` for the state actors made from the
    /// country table, `user` for `--kb-extra`).
    pub actors_by_source: BTreeMap<String, usize>,
    /// Actor aliases as written in the data (adjective stems included).
    pub actor_aliases: usize,
    /// Distinct actor match keys after alias generation (definite forms, adjective forms,
    /// spelling variants).
    pub actor_match_keys: usize,
    /// Distinct normalized match keys in the matcher.
    pub match_keys: usize,
    /// Trie nodes.
    pub trie_nodes: usize,
}

/// A mention as printed by `marsad kb match`, with code point offsets.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MatchRecord {
    /// Document id.
    pub doc: String,
    /// The mention as written.
    pub text: String,
    /// First code point.
    pub start: u32,
    /// One past the last code point.
    pub end: u32,
    /// `place` or `actor`.
    pub kind: String,
    /// Entry id.
    pub id: String,
    /// Canonical English name.
    pub name: String,
    /// Latitude (places).
    pub lat: Option<f64>,
    /// Longitude (places).
    pub lon: Option<f64>,
    /// ACLED geo-precision (places).
    pub precision: Option<u8>,
    /// Place kind or actor kind.
    pub feature: String,
    /// ISO alpha-3 country.
    pub country: Option<String>,
    /// Sector code (actors).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sector: Option<String>,
    /// The other resolution of the same words, when they name both a place and an actor
    /// (دمشق, روسيا): its id.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub also: Option<String>,
}

impl Kb {
    /// The knowledge base from the bundled data only.
    pub fn bundled() -> Result<Kb, KbError> {
        Kb::load(None)
    }

    /// The bundled data plus, when given, every `.tsv` file of the directory `extra` (same
    /// formats; the header row says which). An extra entry whose id already exists replaces
    /// the bundled one. A malformed entry is an error naming file, line and problem.
    pub fn load(extra: Option<&Path>) -> Result<Kb, KbError> {
        let mut files: Vec<(String, String)> = BUNDLED
            .iter()
            .map(|(n, t)| (n.to_string(), t.to_string()))
            .collect();
        if let Some(dir) = extra {
            let io = |e: std::io::Error| KbError::Io {
                file: dir.display().to_string(),
                msg: e.to_string(),
            };
            let mut paths: Vec<_> = std::fs::read_dir(dir)
                .map_err(io)?
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.extension().is_some_and(|x| x == "tsv"))
                .collect();
            paths.sort();
            if paths.is_empty() {
                return Err(KbError::Entry {
                    file: dir.display().to_string(),
                    line: 0,
                    msg: "no .tsv files in the --kb-extra directory".into(),
                });
            }
            for p in paths {
                let text = std::fs::read_to_string(&p).map_err(|e| KbError::Io {
                    file: p.display().to_string(),
                    msg: e.to_string(),
                })?;
                files.push((p.display().to_string(), text));
            }
        }
        let refs: Vec<(&str, &str)> = files
            .iter()
            .map(|(a, b)| (a.as_str(), b.as_str()))
            .collect();
        Kb::from_sources(&refs)
    }

    /// Builds a knowledge base from in-memory files `(name, contents)` (the name is used in
    /// error messages and as the default `source` of user files).
    pub fn from_sources(files: &[(&str, &str)]) -> Result<Kb, KbError> {
        let mut rows = Rows::default();
        for (name, text) in files {
            let default_source = if name.starts_with("data/kb/") {
                "curated"
            } else {
                "user"
            };
            parse_file(name, text, default_source, &mut rows)?;
        }
        build::build(rows)
    }

    /// All places.
    pub fn places(&self) -> &[Place] {
        &self.places
    }

    /// All actors.
    pub fn actors(&self) -> &[Actor] {
        &self.actors
    }

    /// The place with index `id` (from [`EntryRef::Place`]).
    ///
    /// # Panics
    /// When `id` is not an index this knowledge base returned.
    pub fn place(&self, id: u32) -> &Place {
        &self.places[id as usize]
    }

    /// The actor with index `id` (from [`EntryRef::Actor`]).
    ///
    /// # Panics
    /// When `id` is not an index this knowledge base returned.
    pub fn actor(&self, id: u32) -> &Actor {
        &self.actors[id as usize]
    }

    /// Looks an entry up by its string id (`pcode:SY02`, `actor:sdf`, an alternative id).
    pub fn by_id(&self, id: &str) -> Option<EntryRef> {
        self.by_id.get(id).copied()
    }

    /// The parent chain of a place, nearest first (city, sub-district, ..., country).
    pub fn place_ancestors(&self, id: u32) -> impl Iterator<Item = u32> + '_ {
        let mut cur = self.places.get(id as usize).and_then(|p| p.parent);
        let mut guard = 0;
        std::iter::from_fn(move || {
            let c = cur?;
            guard += 1;
            if guard > 16 {
                return None;
            }
            cur = self.places.get(c as usize).and_then(|p| p.parent);
            Some(c)
        })
    }

    /// The parent chain of an actor, nearest first (4th Division → Syrian Arab Army → ...).
    pub fn actor_ancestors(&self, id: u32) -> impl Iterator<Item = u32> + '_ {
        let mut cur = self.actors.get(id as usize).and_then(|p| p.parent);
        let mut guard = 0;
        std::iter::from_fn(move || {
            let c = cur?;
            guard += 1;
            if guard > 16 {
                return None;
            }
            cur = self.actors.get(c as usize).and_then(|p| p.parent);
            Some(c)
        })
    }

    /// Every knowledge-base mention in `text`, leftmost-longest, resolved from context.
    pub fn find(&self, text: &str) -> Vec<Mention> {
        let norm = norm::normalize(text);
        let mut mentions = self.find_normalized(text, &norm);
        resolve::resolve(self, &norm.text, &mut mentions);
        mentions.retain(|m| m.chosen.is_some());
        mentions
    }

    /// Like [`Kb::find`] when the caller has already normalized `text` with
    /// [`marsad_text::normalize()`] (spans are still original byte offsets into `text`).
    pub fn find_in(&self, text: &str, norm: &marsad_text::Normalized) -> Vec<Mention> {
        let mut mentions = self.find_normalized(text, norm);
        resolve::resolve(self, &norm.text, &mut mentions);
        mentions.retain(|m| m.chosen.is_some());
        mentions
    }

    /// Re-runs disambiguation over `mentions` of `text` (after the caller added or removed
    /// mentions).
    pub fn resolve(&self, text: &str, mentions: &mut [Mention]) {
        let norm = norm::normalize(text);
        resolve::resolve_with_offsets(self, &norm, mentions);
    }

    /// The matched entries' canonical English name (the chosen entry's).
    pub fn display_name(&self, m: &Mention) -> &str {
        match m.chosen {
            Some(EntryRef::Place(p)) => &self.place(p).name_en,
            Some(EntryRef::Actor(a)) => &self.actor(a).name,
            None => "",
        }
    }

    /// Turns one document's mentions into `marsad kb match` records (code point offsets).
    pub fn records(&self, doc_id: &str, text: &str, mentions: &[Mention]) -> Vec<MatchRecord> {
        let offs = CharOffsets::new(text);
        let mut out = Vec::with_capacity(mentions.len());
        for m in mentions {
            let Some(chosen) = m.chosen else { continue };
            let surface = text.get(m.span.clone()).unwrap_or("").to_string();
            let (start, end) = (offs.char_of(m.span.start), offs.char_of(m.span.end));
            let also = match chosen {
                EntryRef::Place(_) => m.actor.map(|a| self.actor(a).id.clone()),
                EntryRef::Actor(_) => m.place.map(|p| self.place(p).id.clone()),
            };
            let rec = match chosen {
                EntryRef::Place(p) => {
                    let pl = self.place(p);
                    MatchRecord {
                        doc: doc_id.to_string(),
                        text: surface,
                        start,
                        end,
                        kind: "place".into(),
                        id: pl.id.clone(),
                        name: pl.name_en.clone(),
                        lat: pl.lat,
                        lon: pl.lon,
                        precision: m.precision.or(Some(pl.precision)),
                        feature: pl.kind.as_str().into(),
                        country: Some(pl.country.clone()),
                        sector: None,
                        also,
                    }
                }
                EntryRef::Actor(a) => {
                    let ac = self.actor(a);
                    MatchRecord {
                        doc: doc_id.to_string(),
                        text: surface,
                        start,
                        end,
                        kind: "actor".into(),
                        id: ac.id.clone(),
                        name: ac.name.clone(),
                        lat: None,
                        lon: None,
                        precision: None,
                        feature: ac.kind.as_str().into(),
                        country: ac.country.clone(),
                        sector: Some(ac.sector.clone()),
                        also,
                    }
                }
            };
            out.push(rec);
        }
        out
    }

    /// Counts for `marsad kb stats`.
    pub fn stats(&self) -> KbStats {
        let mut places_by_kind = BTreeMap::new();
        let mut places_by_source = BTreeMap::new();
        let mut curated_neighbourhoods = 0;
        let mut place_names = 0;
        for p in &self.places {
            *places_by_kind
                .entry(p.kind.as_str().to_string())
                .or_insert(0) += 1;
            let src = p
                .source
                .split([':', ' ', '+'])
                .next()
                .unwrap_or("")
                .to_string();
            *places_by_source.entry(src).or_insert(0) += 1;
            if p.kind == PlaceKind::Neighbourhood && p.id.starts_with("curated:") {
                curated_neighbourhoods += 1;
            }
            place_names += p.names.len();
        }
        let mut actors_by_kind = BTreeMap::new();
        let mut actors_by_source = BTreeMap::new();
        for a in &self.actors {
            *actors_by_source.entry(a.source.clone()).or_insert(0) += 1;
            *actors_by_kind
                .entry(a.kind.as_str().to_string())
                .or_insert(0) += 1;
        }
        let actor_match_keys = self
            .keys
            .iter()
            .filter(|k| k.iter().any(|e| matches!(e.target, EntryRef::Actor(_))))
            .count();
        KbStats {
            places: self.places.len(),
            syrian_places: self.places.iter().filter(|p| p.country == "SYR").count(),
            places_by_kind,
            places_by_source,
            curated_neighbourhoods,
            place_names,
            countries: self
                .places
                .iter()
                .filter(|p| p.kind == PlaceKind::Country)
                .count(),
            actors: self.actors.len(),
            actors_by_kind,
            actors_by_source,
            actor_aliases: self.actor_alias_count,
            actor_match_keys,
            match_keys: self.keys.len(),
            trie_nodes: self.trie.len(),
        }
    }
}

mod build;

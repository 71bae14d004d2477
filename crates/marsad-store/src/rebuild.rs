//! Rebuilding the derived tables (incidents, their links, situation states, referenced places
//! and actors) from the stored mentions, in one transaction.

use crate::fuse::{fuse, FuseMention, Hierarchy, Incident, Role, Thresholds};
use crate::ingest::precision_str;
use crate::situation::derive_states;
use crate::{Result, Store};
use marsad_kb::{EntryRef, Kb, PlaceKind};
use marsad_types::{Date, Event};
use rusqlite::params;
use serde_json::{json, Value};
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::time::Instant;

/// The knowledge base as a fusion [`Hierarchy`].
pub struct KbHierarchy<'a>(pub &'a Kb);

impl Hierarchy for KbHierarchy<'_> {
    fn place_parents(&self, id: &str) -> Vec<String> {
        match self.0.by_id(id) {
            Some(EntryRef::Place(p)) => self
                .0
                .place_ancestors(p)
                .map(|q| self.0.place(q).id.clone())
                .collect(),
            _ => Vec::new(),
        }
    }
    fn is_country(&self, id: &str) -> bool {
        matches!(self.0.by_id(id), Some(EntryRef::Place(p)) if self.0.place(p).kind == PlaceKind::Country)
    }
    fn actor_parents(&self, id: &str) -> Vec<String> {
        match self.0.by_id(id) {
            Some(EntryRef::Actor(a)) => self
                .0
                .actor_ancestors(a)
                .map(|q| self.0.actor(q).id.clone())
                .collect(),
            _ => Vec::new(),
        }
    }
}

/// A stored mention as loaded for fusion, with its row key and document text access.
pub struct Loaded {
    /// `mentions.mention` of each fusion input.
    pub keys: Vec<i64>,
    /// The fusion inputs.
    pub mentions: Vec<FuseMention>,
    /// Document key of each mention.
    pub docs: Vec<i64>,
    /// Stored mentions that could not be read back as events (left out of fusion).
    pub unreadable: usize,
}

/// Drops what fusion, incidents and states never read (the whole event stays in `mentions`):
/// the archive's 270,000 mentions must fit in memory at once.
fn slim(e: &mut Event) {
    e.attribution.truncate(1);
    e.attribution.shrink_to_fit();
    e.rule = String::new();
    e.locations.retain(|l| l.id.is_some());
    for l in &mut e.locations {
        l.text = String::new();
        l.name = None;
        l.name_ar = None;
        l.admin1 = None;
        l.feature = None;
    }
    e.locations.shrink_to_fit();
    for list in [&mut e.actors, &mut e.recipients, &mut e.mediators] {
        for a in list.iter_mut() {
            if a.name.is_some() {
                a.text = String::new();
            }
        }
        list.shrink_to_fit();
    }
    for q in &mut e.quantities {
        q.text = String::new();
    }
    if let Some(t) = &mut e.time {
        t.text = None;
    }
}

/// Reads a stored event. A value the schema types reject (an out-of-range date) is repaired
/// by dropping the offending date (the time expression is kept, unresolved); `None` when the
/// JSON is beyond repair.
pub fn parse_event(json: &str) -> Option<Event> {
    if let Ok(e) = serde_json::from_str::<Event>(json) {
        return Some(e);
    }
    let mut v: Value = serde_json::from_str(json).ok()?;
    if let Some(t) = v.get_mut("time").filter(|t| t.is_object()) {
        if t["date"]
            .as_str()
            .is_some_and(|d| d.parse::<Date>().is_err())
        {
            t["date"] = Value::Null;
            t["precision"] = Value::Null;
            t["basis"] = json!("unresolved");
        }
    }
    serde_json::from_value(v).ok()
}

/// Loads every stored mention (with its document's hash, id, date and outlet).
pub fn load_mentions(store: &Store) -> Result<Loaded> {
    let mut st = store.conn().prepare(
        "SELECT m.mention, m.doc, m.json, d.hash, d.id, d.published, d.source
         FROM mentions m JOIN documents d ON d.doc = m.doc ORDER BY m.mention",
    )?;
    let mut out = Loaded {
        keys: Vec::new(),
        mentions: Vec::new(),
        docs: Vec::new(),
        unreadable: 0,
    };
    let mut rows = st.query([])?;
    while let Some(r) = rows.next()? {
        let json: String = r.get(2)?;
        let Some(mut event) = parse_event(&json) else {
            out.unreadable += 1;
            continue;
        };
        slim(&mut event);
        let published: Option<String> = r.get(5)?;
        out.keys.push(r.get(0)?);
        out.docs.push(r.get(1)?);
        out.mentions.push(FuseMention {
            doc_hash: r.get(3)?,
            doc_id: r.get(4)?,
            published: published.and_then(|p| p.parse::<Date>().ok()),
            outlet: r.get(6)?,
            event,
        });
    }
    Ok(out)
}

/// What a rebuild produced.
#[derive(Debug, Clone, Default, serde::Serialize)]
pub struct RebuildReport {
    /// Mentions read.
    pub mentions: usize,
    /// Incidents written.
    pub incidents: usize,
    /// Situation states written.
    pub states: usize,
    /// Stored mentions that could not be read back (left out).
    pub unreadable: usize,
    /// Resident memory (MB) after loading the mentions (Linux; 0 elsewhere).
    pub rss_after_load_mb: f64,
    /// Resident memory (MB) after fusing.
    pub rss_after_fuse_mb: f64,
    /// Seconds to load mentions.
    pub load_secs: f64,
    /// Seconds to fuse.
    pub fuse_secs: f64,
    /// Seconds to write incidents and states.
    pub write_secs: f64,
}

/// Rebuilds incidents, links, states, places and actors from the stored mentions.
pub fn rebuild(store: &mut Store, kb: &Kb, t: &Thresholds) -> Result<RebuildReport> {
    rebuild_inner(store, kb, t, None)
}

/// What the derived tables were built from: the mentions (count and highest row id), the
/// thresholds, the knowledge-base version and this crate's version.
pub fn signature(store: &Store, t: &Thresholds, kb_version: &str) -> Result<String> {
    let (n, max): (i64, i64) = store.conn().query_row(
        "SELECT count(*), coalesce(max(mention), 0) FROM mentions",
        [],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    Ok(format!(
        "{n}:{max}:{t:?}:{kb_version}:{}",
        env!("CARGO_PKG_VERSION")
    ))
}

/// Rebuilds only when the mentions, thresholds or knowledge base changed since the last
/// rebuild (a rerun that stored nothing new returns at once): `None` when up to date.
pub fn rebuild_if_needed(
    store: &mut Store,
    kb: &Kb,
    t: &Thresholds,
    kb_version: &str,
) -> Result<Option<RebuildReport>> {
    let sig = signature(store, t, kb_version)?;
    if store.meta("rebuilt_from")?.as_deref() == Some(sig.as_str()) {
        return Ok(None);
    }
    rebuild_inner(store, kb, t, Some(&sig)).map(Some)
}

fn rebuild_inner(
    store: &mut Store,
    kb: &Kb,
    t: &Thresholds,
    sig: Option<&str>,
) -> Result<RebuildReport> {
    let t0 = Instant::now();
    let loaded = load_mentions(store)?;
    let load_secs = t0.elapsed().as_secs_f64();
    let rss_after_load_mb = rss_mb();
    let t1 = Instant::now();
    let h = KbHierarchy(kb);
    let incidents = fuse(&loaded.mentions, &h, t);
    let fuse_secs = t1.elapsed().as_secs_f64();
    let rss_after_fuse_mb = rss_mb();
    let t2 = Instant::now();
    let texts = DocTexts::new(store);
    let mut n_states = 0usize;
    let tx = store.conn_mut().transaction()?;
    tx.execute_batch(
        "DELETE FROM incident_links; DELETE FROM incident_mentions; DELETE FROM states;
         DELETE FROM incidents; DELETE FROM places; DELETE FROM actors;",
    )?;
    let mut place_ids: BTreeSet<String> = BTreeSet::new();
    let mut actor_ids: BTreeSet<String> = BTreeSet::new();
    for m in &loaded.mentions {
        for l in &m.event.locations {
            if let Some(id) = &l.id {
                place_ids.insert(id.clone());
            }
        }
        for a in m
            .event
            .actors
            .iter()
            .chain(&m.event.recipients)
            .chain(&m.event.mediators)
        {
            if let Some(id) = &a.id {
                actor_ids.insert(id.clone());
            }
        }
    }
    {
        let mut ins_inc = tx.prepare(
            "INSERT INTO incidents (incident, type, mode, status, date, precision, place,
             first_report, last_report, mentions, documents, corroboration, json)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
        )?;
        let mut ins_mem = tx.prepare(
            "INSERT OR IGNORE INTO incident_mentions (incident, mention, role) VALUES (?1, ?2, ?3)",
        )?;
        let mut ins_link = tx.prepare(
            "INSERT OR IGNORE INTO incident_links (incident, other, kind) VALUES (?1, ?2, ?3)",
        )?;
        let mut ins_state = tx.prepare(
            "INSERT INTO states (place, kind, incident, date, json) VALUES (?1, ?2, ?3, ?4, ?5)",
        )?;
        for inc in &incidents {
            let j = incident_json(inc, &loaded, kb);
            let n_mentions = inc.members.iter().filter(|m| m.1 == Role::Mention).count();
            ins_inc.execute(params![
                inc.id,
                inc.event_type.as_str(),
                inc.mode.map(|m| m.as_str()),
                inc.status.as_str(),
                inc.date.map(|d| d.to_string()),
                inc.precision.map(precision_str),
                inc.place,
                inc.first_report.map(|d| d.to_string()),
                inc.last_report.map(|d| d.to_string()),
                n_mentions as i64,
                inc.documents as i64,
                inc.corroboration() as i64,
                j.to_string(),
            ])?;
            for (i, role) in &inc.members {
                ins_mem.execute(params![inc.id, loaded.keys[*i], role.as_str()])?;
            }
            for d in &inc.denies {
                ins_link.execute(params![inc.id, d, "denies"])?;
            }
            for d in &inc.denied_by {
                ins_link.execute(params![inc.id, d, "denied_by"])?;
            }
            for s in derive_states(inc, &j, &loaded, &texts, kb) {
                ins_state.execute(params![
                    s["place"].as_str().unwrap_or(""),
                    s["kind"].as_str().unwrap_or(""),
                    inc.id,
                    s["date"].as_str(),
                    s.to_string()
                ])?;
                n_states += 1;
            }
        }
        // Referenced places and actors, with their ancestors.
        let mut places_out: BTreeMap<String, u32> = BTreeMap::new();
        for id in &place_ids {
            if let Some(EntryRef::Place(p)) = kb.by_id(id) {
                places_out.insert(kb.place(p).id.clone(), p);
                for q in kb.place_ancestors(p) {
                    places_out.insert(kb.place(q).id.clone(), q);
                }
            }
        }
        let mut ins_place = tx.prepare(
            "INSERT OR IGNORE INTO places (id, name_en, name_ar, kind, parent, lat, lon, admin1, country)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
        )?;
        for (id, p) in &places_out {
            let pl = kb.place(*p);
            ins_place.execute(params![
                id,
                pl.name_en,
                pl.name_ar,
                pl.kind.as_str(),
                pl.parent.map(|q| kb.place(q).id.clone()),
                pl.lat,
                pl.lon,
                pl.admin1,
                pl.country
            ])?;
        }
        let mut actors_out: BTreeMap<String, u32> = BTreeMap::new();
        for id in &actor_ids {
            if let Some(EntryRef::Actor(a)) = kb.by_id(id) {
                actors_out.insert(kb.actor(a).id.clone(), a);
                for q in kb.actor_ancestors(a) {
                    actors_out.insert(kb.actor(q).id.clone(), q);
                }
            }
        }
        let mut ins_actor = tx.prepare(
            "INSERT OR IGNORE INTO actors (id, name, kind, sector, country, parent)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        )?;
        for (id, a) in &actors_out {
            let ac = kb.actor(*a);
            ins_actor.execute(params![
                id,
                ac.name,
                ac.kind.as_str(),
                ac.sector,
                ac.country,
                ac.parent.map(|q| kb.actor(q).id.clone())
            ])?;
        }
    }
    // Recorded in the same transaction: a crash never leaves a stale signature.
    match sig {
        Some(sig) => tx.execute(
            "INSERT INTO meta(key, value) VALUES ('rebuilt_from', ?1)
             ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            [sig],
        )?,
        None => tx.execute("DELETE FROM meta WHERE key = 'rebuilt_from'", [])?,
    };
    tx.commit()?;
    Ok(RebuildReport {
        mentions: loaded.mentions.len(),
        incidents: incidents.len(),
        states: n_states,
        unreadable: loaded.unreadable,
        rss_after_load_mb,
        rss_after_fuse_mb,
        load_secs,
        fuse_secs,
        write_secs: t2.elapsed().as_secs_f64(),
    })
}

/// Current resident memory in MB (Linux `/proc/self/status`; 0 elsewhere).
pub fn rss_mb() -> f64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmRSS:"))
                .and_then(|l| l.split_whitespace().nth(1))
                .and_then(|k| k.parse::<f64>().ok())
        })
        .map_or(0.0, |kb| kb / 1024.0)
}

/// Lazy access to stored document texts (situation rules read a mention's sentence).
pub struct DocTexts {
    cache: std::cell::RefCell<HashMap<String, Option<String>>>,
    conn_path: Option<std::path::PathBuf>,
    mem: std::cell::RefCell<Option<rusqlite::Connection>>,
}

impl DocTexts {
    fn new(store: &Store) -> DocTexts {
        let path = store
            .conn()
            .path()
            .filter(|p| !p.is_empty())
            .map(std::path::PathBuf::from);
        DocTexts {
            cache: Default::default(),
            conn_path: path,
            mem: Default::default(),
        }
    }

    /// The full text of the document with body hash `hash`, if it can be read.
    pub fn full_text(&self, hash: &str) -> Option<String> {
        if let Some(t) = self.cache.borrow().get(hash) {
            return t.clone();
        }
        let path = self.conn_path.as_ref()?;
        let mut mem = self.mem.borrow_mut();
        if mem.is_none() {
            *mem = rusqlite::Connection::open_with_flags(
                path,
                rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY,
            )
            .ok();
        }
        let conn = mem.as_ref()?;
        let t: Option<String> = conn
            .query_row(
                "SELECT title, text FROM documents WHERE hash = ?1",
                [hash],
                |r| {
                    let title: Option<String> = r.get(0)?;
                    let text: String = r.get(1)?;
                    Ok(marsad_types::Document {
                        id: String::new(),
                        title,
                        text,
                        published: None,
                        source: None,
                        url: None,
                    }
                    .full_text())
                },
            )
            .ok();
        let mut c = self.cache.borrow_mut();
        if c.len() > 256 {
            c.clear();
        }
        c.insert(hash.to_string(), t.clone());
        t
    }
}

fn place_json(kb: &Kb, id: &str) -> Value {
    match kb.by_id(id) {
        Some(EntryRef::Place(p)) => {
            let pl = kb.place(p);
            json!({"id": pl.id, "name": pl.name_en, "name_ar": pl.name_ar, "kind": pl.kind.as_str(),
                   "lat": pl.lat, "lon": pl.lon, "admin1": pl.admin1, "country": pl.country,
                   "precision": pl.precision})
        }
        _ => json!({"id": id}),
    }
}

/// The JSON object of an incident (`marsad incidents --format jsonl`).
pub fn incident_json(inc: &Incident, loaded: &Loaded, kb: &Kb) -> Value {
    let ms = &loaded.mentions;
    let mut places: Vec<String> = Vec::new();
    let mut actors: BTreeMap<String, Value> = BTreeMap::new();
    let mut recipients: BTreeMap<String, Value> = BTreeMap::new();
    let mut mediators: BTreeMap<String, Value> = BTreeMap::new();
    let mut quantities: Vec<Value> = Vec::new();
    let mut duration: Option<f64> = None;
    let mut fatalities: Option<f64> = None;
    let mut reports = Vec::new();
    for (i, role) in &inc.members {
        let m = &ms[*i];
        let e = &m.event;
        reports.push(json!({
            "event_id": e.id, "doc": m.doc_id, "role": role.as_str(), "status": e.status.as_str(),
            "trigger": e.trigger.text, "source": crate::fuse::source_of(m),
            "published": m.published.map(|d| d.to_string()), "outlet": m.outlet,
            "date": e.time.as_ref().and_then(|t| t.date).map(|d| d.to_string()),
        }));
        if *role != Role::Mention {
            continue;
        }
        for l in &e.locations {
            if let Some(id) = &l.id {
                if !places.contains(id) {
                    places.push(id.clone());
                }
            }
        }
        let add = |map: &mut BTreeMap<String, Value>, list: &[marsad_types::ActorRef]| {
            for a in list {
                let key = a.id.clone().unwrap_or_else(|| a.text.clone());
                map.entry(key).or_insert_with(|| {
                    json!({"id": a.id, "name": a.name.clone().unwrap_or_else(|| a.text.clone()),
                           "sector": a.sector, "country": a.country})
                });
            }
        };
        add(&mut actors, &e.actors);
        add(&mut recipients, &e.recipients);
        add(&mut mediators, &e.mediators);
        for q in &e.quantities {
            let mut v = json!({"value": q.value, "unit": q.unit, "item": q.item});
            if q.qualifier.as_deref() == Some("subset") {
                v["qualifier"] = json!("subset");
            }
            if !quantities.contains(&v) {
                quantities.push(v);
            }
            if q.is_fatality_count() {
                // ACLED counts the lowest figure reported (a subset, "بينهم أربعة أطفال", is
                // part of another figure)
                fatalities = Some(fatalities.map_or(q.value, |f: f64| f.min(q.value)));
            }
        }
        if let Some(d) = &e.duration {
            duration = Some(duration.map_or(d.days, |x: f64| x.max(d.days)));
        }
    }
    json!({
        "id": inc.id,
        "type": inc.event_type.as_str(),
        "mode": inc.mode.map(|m| m.as_str()),
        "status": inc.status.as_str(),
        "date": inc.date.map(|d| d.to_string()),
        "precision": inc.precision.map(precision_str),
        "date_last": inc.date_last.map(|d| d.to_string()),
        "place": inc.place.as_deref().map(|p| place_json(kb, p)),
        "places": places,
        "actors": actors.into_values().collect::<Vec<_>>(),
        "recipients": recipients.into_values().collect::<Vec<_>>(),
        "mediators": mediators.into_values().collect::<Vec<_>>(),
        "quantities": quantities,
        "duration_days": duration,
        "fatalities": fatalities,
        "sources": inc.sources,
        "corroboration": inc.corroboration(),
        "documents": inc.documents,
        "mentions": inc.members.iter().filter(|m| m.1 == Role::Mention).count(),
        "first_report": inc.first_report.map(|d| d.to_string()),
        "last_report": inc.last_report.map(|d| d.to_string()),
        "denies": inc.denies,
        "denied_by": inc.denied_by,
        "reports": reports,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn out_of_range_stored_date_is_repaired_not_fatal() {
        // Regression: the extractor once resolved a date to year -1185, which serialises but
        // does not parse back; the rebuild of the whole archive failed on it.
        let json = r#"{"id":"ev-1","type":"ASSAULT","mode":null,"status":"occurred",
            "trigger":{"text":"قصف","start":0,"end":3},"sentence":{"start":0,"end":10},
            "actors":[],"recipients":[],"mediators":[],"locations":[],
            "time":{"text":"عام","start":4,"end":7,"date":"-1185-01-01","precision":"year","basis":"explicit"},
            "quantities":[],"duration":null,"attribution":[],"confidence":0.5,"rule":"r"}"#;
        let e = parse_event(json).expect("repaired");
        let t = e.time.unwrap();
        assert_eq!((t.date, t.basis.as_str()), (None, "unresolved"));
        assert_eq!(t.text.as_deref(), Some("عام"));
        assert!(parse_event("{not json").is_none());
    }
}

//! Queries over the store: incidents and event mentions with filters (type, status, place with
//! its children, actor with its units, date range, source).

use crate::{Result, Store};
use marsad_kb::{EntryRef, Kb};
use marsad_types::{Date, EventType, Status};
use serde_json::{json, Value};

/// Filters of `marsad events` / `marsad incidents`. Empty lists and `None` match everything.
#[derive(Debug, Clone, Default)]
pub struct Filter {
    /// Event types to keep.
    pub types: Vec<EventType>,
    /// Statuses to keep.
    pub statuses: Vec<Status>,
    /// A place (knowledge-base index): keeps items at it or inside it.
    pub place: Option<u32>,
    /// An actor (knowledge-base index): keeps items whose actors or recipients are it or its units.
    pub actor: Option<u32>,
    /// Earliest date (inclusive); undated items are dropped when set.
    pub from: Option<Date>,
    /// Latest date (inclusive); undated items are dropped when set.
    pub to: Option<Date>,
    /// Case-insensitive substring of a source name.
    pub source: Option<String>,
}

impl Filter {
    fn place_ok(&self, kb: &Kb, ids: &[&str]) -> bool {
        let Some(target) = self.place else {
            return true;
        };
        ids.iter().any(|id| match kb.by_id(id) {
            Some(EntryRef::Place(p)) => p == target || kb.place_ancestors(p).any(|a| a == target),
            _ => false,
        })
    }

    fn actor_ok(&self, kb: &Kb, ids: &[&str]) -> bool {
        let Some(target) = self.actor else {
            return true;
        };
        ids.iter().any(|id| match kb.by_id(id) {
            Some(EntryRef::Actor(a)) => a == target || kb.actor_ancestors(a).any(|x| x == target),
            _ => false,
        })
    }

    fn date_ok(&self, d: Option<Date>) -> bool {
        if self.from.is_none() && self.to.is_none() {
            return true;
        }
        let Some(d) = d else { return false };
        self.from.is_none_or(|f| d >= f) && self.to.is_none_or(|t| d <= t)
    }

    fn source_ok(&self, sources: &[&str]) -> bool {
        let Some(q) = &self.source else { return true };
        let q = q.to_lowercase();
        sources.iter().any(|s| s.to_lowercase().contains(&q))
    }

    fn type_status_ok(&self, t: &str, s: &str) -> bool {
        (self.types.is_empty() || self.types.iter().any(|x| x.as_str() == t))
            && (self.statuses.is_empty() || self.statuses.iter().any(|x| x.as_str() == s))
    }
}

fn strs<'a>(v: &'a Value, key: &str, field: Option<&str>) -> Vec<&'a str> {
    v[key]
        .as_array()
        .map(|a| {
            a.iter()
                .filter_map(|x| match field {
                    Some(f) => x[f].as_str(),
                    None => x.as_str(),
                })
                .collect()
        })
        .unwrap_or_default()
}

/// Calls `f` with every incident (its JSON object) passing `filter`, by date then id.
pub fn incidents(
    store: &Store,
    kb: &Kb,
    filter: &Filter,
    f: &mut dyn FnMut(Value) -> std::io::Result<()>,
) -> Result<usize> {
    let mut st = store
        .conn()
        .prepare("SELECT json FROM incidents ORDER BY date IS NULL, date, incident")?;
    let mut rows = st.query([])?;
    let mut n = 0;
    while let Some(r) = rows.next()? {
        let j: String = r.get(0)?;
        let Ok(v) = serde_json::from_str::<Value>(&j) else {
            continue;
        };
        if !filter.type_status_ok(
            v["type"].as_str().unwrap_or(""),
            v["status"].as_str().unwrap_or(""),
        ) {
            continue;
        }
        let places = strs(&v, "places", None);
        let mut actors = strs(&v, "actors", Some("id"));
        actors.extend(strs(&v, "recipients", Some("id")));
        let date = v["date"].as_str().and_then(|d| d.parse::<Date>().ok());
        if filter.place_ok(kb, &places)
            && filter.actor_ok(kb, &actors)
            && filter.date_ok(date)
            && filter.source_ok(&strs(&v, "sources", None))
        {
            f(v)?;
            n += 1;
        }
    }
    Ok(n)
}

/// Calls `f` with every stored mention passing `filter`: the `marsad/1` event with a `doc`
/// object ({id, title, published, source, url}) and its `source`, in store order.
pub fn events(
    store: &Store,
    kb: &Kb,
    filter: &Filter,
    f: &mut dyn FnMut(Value) -> std::io::Result<()>,
) -> Result<usize> {
    let mut st = store.conn().prepare(
        "SELECT m.json, d.id, d.title, d.published, d.source, d.url, m.engine, m.kb_version
         FROM mentions m JOIN documents d ON d.doc = m.doc ORDER BY m.doc, m.mention",
    )?;
    let mut rows = st.query([])?;
    let mut n = 0;
    while let Some(r) = rows.next()? {
        let j: String = r.get(0)?;
        let Some(ev) = crate::rebuild::parse_event(&j) else {
            continue;
        };
        if !filter.type_status_ok(ev.event_type.as_str(), ev.status.as_str()) {
            continue;
        }
        let doc_id: String = r.get(1)?;
        let published: Option<String> = r.get(3)?;
        let outlet: Option<String> = r.get(4)?;
        let fm = crate::fuse::FuseMention {
            doc_hash: String::new(),
            doc_id: doc_id.clone(),
            published: published.as_deref().and_then(|p| p.parse().ok()),
            outlet: outlet.clone(),
            event: ev,
        };
        let source = crate::fuse::source_of(&fm);
        let ev = fm.event;
        let places: Vec<&str> = ev
            .locations
            .iter()
            .filter_map(|l| l.id.as_deref())
            .collect();
        let actors: Vec<&str> = ev
            .actors
            .iter()
            .chain(&ev.recipients)
            .filter_map(|a| a.id.as_deref())
            .collect();
        let date = ev.time.as_ref().and_then(|t| t.date).or(fm.published);
        if !(filter.place_ok(kb, &places)
            && filter.actor_ok(kb, &actors)
            && filter.date_ok(date)
            && filter.source_ok(&[source.as_str()]))
        {
            continue;
        }
        let mut v = serde_json::to_value(&ev).unwrap_or(Value::Null);
        v["doc"] = json!({"id": doc_id, "title": r.get::<_, Option<String>>(2)?,
                          "published": published, "source": outlet, "url": r.get::<_, Option<String>>(5)?});
        v["source"] = json!(source);
        v["engine"] = json!(r.get::<_, String>(6)?);
        v["kb_version"] = json!(r.get::<_, String>(7)?);
        f(v)?;
        n += 1;
    }
    Ok(n)
}

/// An event (as [`events`] gives it) in the shape of an incident, for the shared exports.
pub fn event_as_incident(v: &Value) -> Value {
    let loc = v["locations"]
        .as_array()
        .and_then(|a| a.first())
        .map(|l| {
            json!({"id": l["id"], "name": l["name"].as_str().unwrap_or(l["text"].as_str().unwrap_or("")),
                   "name_ar": l["name_ar"], "lat": l["lat"], "lon": l["lon"], "admin1": l["admin1"],
                   "precision": l["precision"]})
        });
    let actors = |k: &str| -> Value {
        Value::Array(
            v[k].as_array()
                .map(|a| {
                    a.iter()
                        .map(|x| {
                            json!({"id": x["id"], "name": x["name"].as_str().unwrap_or(x["text"].as_str().unwrap_or("")),
                                   "sector": x["sector"], "country": x["country"]})
                        })
                        .collect()
                })
                .unwrap_or_default(),
        )
    };
    let fatalities = v["quantities"].as_array().and_then(|a| {
        a.iter()
            .filter(|q| q["item"] == "killed" && q["qualifier"] != "subset")
            .filter_map(|q| q["value"].as_f64())
            .reduce(f64::min)
    });
    let date_from_doc = !v["time"]["date"].is_string() && v["doc"]["published"].is_string();
    let date = v["time"]["date"]
        .as_str()
        .map(str::to_string)
        .or_else(|| v["doc"]["published"].as_str().map(str::to_string));
    json!({
        "id": v["id"], "type": v["type"], "mode": v["mode"], "status": v["status"],
        "date": date,
        "precision": if v["time"]["date"].is_string() { v["time"]["precision"].clone() } else if date_from_doc { json!("week") } else { Value::Null },
        "mentions": 1,
        "place": loc, "actors": actors("actors"), "recipients": actors("recipients"),
        "sources": [v["source"]], "corroboration": 1, "documents": 1,
        "first_report": v["doc"]["published"], "fatalities": fatalities,
        "headline": v["doc"]["title"], "notes": v["trigger"]["text"], "doc": v["doc"]["id"],
    })
}

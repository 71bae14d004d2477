//! Export formats for incidents (and events in incident shape, see
//! [`crate::query::event_as_incident`]): ACLED-style CSV (the 31 ACLED columns, filled where
//! possible), POLECAT-style TSV, and GeoJSON points.

use marsad_io::acled::write_record;
use marsad_kb::{EntryRef, Kb, PlaceKind};
use marsad_types::acled::{classify_parts, country_info, inter_of_sector, interaction, AcledClass};
use marsad_types::{EventType, Mode, Status};
use serde_json::{json, Value};
use std::io::{self, Write};

/// The 31 ACLED columns, in ACLED's order.
pub use marsad_io::acled::HEADER as ACLED_COLUMNS;

/// POLECAT-style columns.
pub const POLECAT_COLUMNS: [&str; 20] = [
    "Event ID",
    "Event Date",
    "Event Type",
    "Event Mode",
    "Status",
    "Actor Name",
    "Actor Country",
    "Actor Sector",
    "Recipient Name",
    "Recipient Country",
    "Recipient Sector",
    "Placename",
    "Admin1",
    "Country",
    "Latitude",
    "Longitude",
    "Source",
    "Publication Date",
    "Corroboration",
    "Incident Reports",
];

/// ACLED's classification of an incident: `None` where ACLED would not code it (denied or
/// negated incidents, types ACLED has no category for).
fn acled_class(v: &Value) -> Option<AcledClass> {
    let t = EventType::parse(v["type"].as_str()?)?;
    let mode = v["mode"].as_str().and_then(Mode::parse);
    let status = Status::parse(v["status"].as_str()?)?;
    let against_civilians = v["recipients"]
        .as_array()
        .is_some_and(|a| !a.is_empty() && a.iter().all(|x| x["sector"] == "CVL"));
    classify_parts(t, mode, status, against_civilians)
}

fn tsv_field(s: &str) -> String {
    s.replace(['\t', '\n', '\r'], " ")
}

fn s(v: &Value) -> String {
    match v {
        Value::Null => String::new(),
        Value::String(x) => x.clone(),
        other => other.to_string(),
    }
}

fn names(v: &Value) -> Vec<String> {
    v.as_array()
        .map(|a| a.iter().map(|x| s(&x["name"])).collect())
        .unwrap_or_default()
}

/// Admin-2 and admin-3 names of a place from the knowledge-base hierarchy.
fn admins(kb: &Kb, place: &Value) -> (String, String) {
    let Some(Some(EntryRef::Place(p))) = place["id"].as_str().map(|id| kb.by_id(id)) else {
        return (String::new(), String::new());
    };
    let mut a2 = String::new();
    let mut a3 = String::new();
    for q in std::iter::once(p).chain(kb.place_ancestors(p)) {
        let pl = kb.place(q);
        match pl.kind {
            PlaceKind::District if a2.is_empty() => a2 = pl.name_en.clone(),
            PlaceKind::Subdistrict if a3.is_empty() => a3 = pl.name_en.clone(),
            _ => {}
        }
    }
    (a2, a3)
}

/// Writes the ACLED CSV header.
pub fn acled_header(out: &mut dyn Write) -> io::Result<()> {
    write_record(out, &ACLED_COLUMNS)
}

/// Writes one incident as an ACLED CSV row; writes nothing for an incident ACLED would not
/// code (see [`marsad_types::acled::classify_parts`]).
pub fn acled_row(out: &mut dyn Write, kb: &Kb, v: &Value) -> io::Result<()> {
    let t = v["type"].as_str().unwrap_or("");
    let Some(class) = acled_class(v) else {
        return Ok(());
    };
    let place = &v["place"];
    let country3 = place["country"]
        .as_str()
        .map(str::to_string)
        .or_else(|| {
            place["id"].as_str().and_then(|id| match kb.by_id(id) {
                Some(EntryRef::Place(p)) => Some(kb.place(p).country.clone()),
                _ => None,
            })
        })
        .unwrap_or_default();
    let (iso, cname, region) = country_info(&country3).unwrap_or(("", "", ""));
    let (a2, a3) = admins(kb, place);
    let actors = names(&v["actors"]);
    let recips = names(&v["recipients"]);
    let inter = |k: &str| {
        v[k].as_array().and_then(|a| a.first()).map_or(0, |x| {
            let foreign = x["country"].as_str().is_some_and(|c| c != country3);
            inter_of_sector(x["sector"].as_str().unwrap_or(""), foreign)
        })
    };
    let (i1, i2) = (inter("actors"), inter("recipients"));
    let code = |i: u8| if i == 0 { String::new() } else { i.to_string() };
    let date = s(&v["date"]);
    let precision = match v["precision"].as_str() {
        Some("day") => "1",
        Some("week") => "2",
        Some(_) => "3",
        None => "",
    };
    let civilian = if class.event_type == "Violence against civilians" {
        "Civilian targeting"
    } else {
        ""
    };
    let row: Vec<String> = vec![
        s(&v["id"]),
        date.clone(),
        date.get(..4).unwrap_or("").to_string(),
        precision.into(),
        class.disorder_type.into(),
        class.event_type.into(),
        class.sub_event_type.into(),
        actors.first().cloned().unwrap_or_default(),
        actors.get(1..).map(|a| a.join("; ")).unwrap_or_default(),
        code(i1),
        recips.first().cloned().unwrap_or_default(),
        recips.get(1..).map(|a| a.join("; ")).unwrap_or_default(),
        code(i2),
        interaction(i1, i2),
        civilian.into(),
        iso.into(),
        region.into(),
        if cname.is_empty() {
            country3.clone()
        } else {
            cname.into()
        },
        s(&place["admin1"]),
        a2,
        a3,
        s(&place["name"]),
        s(&place["lat"]),
        s(&place["lon"]),
        s(&place["precision"]).replace("null", ""),
        v["sources"]
            .as_array()
            .map(|a| a.iter().map(s).collect::<Vec<_>>().join("; "))
            .unwrap_or_default(),
        String::new(),
        {
            let mode = v["mode"]
                .as_str()
                .map(|m| format!(" {m}"))
                .unwrap_or_default();
            let notes = v["notes"]
                .as_str()
                .map(|n| format!("; {n}"))
                .unwrap_or_default();
            format!(
                "{t}{mode} ({}); {} report(s), {} document(s){notes}",
                s(&v["status"]),
                v["mentions"].as_u64().unwrap_or(1),
                v["documents"].as_u64().unwrap_or(1),
            )
        },
        v["fatalities"]
            .as_f64()
            .map(|f| format!("{}", f as i64))
            .unwrap_or_else(|| "0".into()),
        format!(
            "status={}; corroboration={}",
            s(&v["status"]),
            s(&v["corroboration"])
        ),
        String::new(),
    ];
    write_record(out, &row)
}

/// Writes the POLECAT TSV header.
pub fn polecat_header(out: &mut dyn Write) -> io::Result<()> {
    writeln!(out, "{}", POLECAT_COLUMNS.join("\t"))
}

/// Writes one incident as a POLECAT-style TSV row.
pub fn polecat_row(out: &mut dyn Write, v: &Value) -> io::Result<()> {
    let first = |k: &str, f: &str| -> String {
        v[k].as_array()
            .and_then(|a| a.first())
            .map(|x| s(&x[f]))
            .unwrap_or_default()
    };
    let place = &v["place"];
    let row = [
        s(&v["id"]),
        s(&v["date"]),
        s(&v["type"]).to_lowercase(),
        s(&v["mode"]),
        s(&v["status"]),
        first("actors", "name"),
        first("actors", "country"),
        first("actors", "sector"),
        first("recipients", "name"),
        first("recipients", "country"),
        first("recipients", "sector"),
        s(&place["name"]),
        s(&place["admin1"]),
        s(&place["country"]),
        s(&place["lat"]),
        s(&place["lon"]),
        v["sources"]
            .as_array()
            .map(|a| a.iter().map(s).collect::<Vec<_>>().join("; "))
            .unwrap_or_default(),
        s(&v["first_report"]),
        s(&v["corroboration"]),
        s(&v["mentions"]),
    ];
    let line: Vec<String> = row.iter().map(|f| tsv_field(f)).collect();
    writeln!(out, "{}", line.join("\t"))
}

/// A GeoJSON point feature of an incident, when its place has coordinates.
pub fn geojson_feature(v: &Value) -> Option<Value> {
    let lat = v["place"]["lat"].as_f64()?;
    let lon = v["place"]["lon"].as_f64()?;
    Some(json!({
        "type": "Feature",
        "geometry": {"type": "Point", "coordinates": [lon, lat]},
        "properties": {
            "id": v["id"], "type": v["type"], "mode": v["mode"], "status": v["status"],
            "date": v["date"], "precision": v["precision"],
            "place": v["place"]["name"], "place_ar": v["place"]["name_ar"], "place_id": v["place"]["id"],
            "actors": names(&v["actors"]), "recipients": names(&v["recipients"]),
            "sources": v["sources"], "corroboration": v["corroboration"],
            "first_report": v["first_report"], "last_report": v["last_report"],
            "fatalities": v["fatalities"],
        }
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn acled_has_31_columns_and_quotes() {
        assert_eq!(ACLED_COLUMNS.len(), 31);
        let class = |t: &str, m: Option<&str>, st: &str| {
            acled_class(&json!({"type": t, "mode": m, "status": st, "recipients": []}))
        };
        assert_eq!(
            class("ASSAULT", Some("aerial"), "occurred")
                .unwrap()
                .sub_event_type,
            "Air/drone strike"
        );
        assert_eq!(
            class("AGREE", None, "occurred").unwrap().sub_event_type,
            "Agreement"
        );
        assert!(class("ASSAULT", None, "denied").is_none());
    }

    #[test]
    fn geojson_needs_coordinates() {
        let v = json!({"id": "inc-1", "place": {"name": "Aleppo", "lat": 36.2, "lon": 37.1}});
        let f = geojson_feature(&v).unwrap();
        assert_eq!(f["geometry"]["coordinates"], json!([37.1, 36.2]));
        assert!(geojson_feature(&json!({"id": "x", "place": null})).is_none());
    }
}

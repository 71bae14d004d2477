//! Export formats for incidents (and events in incident shape, see
//! [`crate::query::event_as_incident`]): ACLED-style CSV (the 31 ACLED columns, filled where
//! possible), POLECAT-style TSV, and GeoJSON points.

use marsad_kb::{EntryRef, Kb, PlaceKind};
use serde_json::{json, Value};
use std::io::{self, Write};

/// The 31 ACLED columns, in ACLED's order.
pub const ACLED_COLUMNS: [&str; 31] = [
    "event_id_cnty",
    "event_date",
    "year",
    "time_precision",
    "disorder_type",
    "event_type",
    "sub_event_type",
    "actor1",
    "assoc_actor_1",
    "inter1",
    "actor2",
    "assoc_actor_2",
    "inter2",
    "interaction",
    "civilian_targeting",
    "iso",
    "region",
    "country",
    "admin1",
    "admin2",
    "admin3",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "source",
    "source_scale",
    "notes",
    "fatalities",
    "tags",
    "timestamp",
];

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

/// ACLED disorder type, event type and sub-event type of a PLOVER type and mode.
pub fn acled_types(t: &str, mode: Option<&str>) -> (&'static str, &'static str, &'static str) {
    const PV: &str = "Political violence";
    const SD: &str = "Strategic developments";
    match (t, mode) {
        ("ASSAULT", Some("aerial" | "drone")) => {
            (PV, "Explosions/Remote violence", "Air/drone strike")
        }
        ("ASSAULT", Some("heavy-weapons")) => (
            PV,
            "Explosions/Remote violence",
            "Shelling/artillery/missile attack",
        ),
        ("ASSAULT", Some("explosives")) => (
            PV,
            "Explosions/Remote violence",
            "Remote explosive/landmine/IED",
        ),
        ("ASSAULT", Some("abduct")) => (
            PV,
            "Violence against civilians",
            "Abduction/forced disappearance",
        ),
        ("ASSAULT", Some("targeted")) => (PV, "Violence against civilians", "Attack"),
        ("ASSAULT", _) => (PV, "Battles", "Armed clash"),
        ("PROTEST", _) => ("Demonstrations", "Protests", "Peaceful protest"),
        ("AGREE", _) => (SD, SD, "Agreement"),
        ("COERCE", Some("arrest")) => (SD, SD, "Arrests"),
        ("COERCE", Some("seize")) | ("RETREAT", Some("withdraw")) => {
            (SD, SD, "Non-violent transfer of territory")
        }
        ("MOBILIZE", _) => (SD, SD, "Other"),
        _ => (SD, SD, "Other"),
    }
}

/// ISO 3166 numeric code and English name of a few countries of the region.
fn country(alpha3: &str) -> (&'static str, &'static str) {
    match alpha3 {
        "SYR" => ("760", "Syria"),
        "IRQ" => ("368", "Iraq"),
        "TUR" => ("792", "Turkey"),
        "LBN" => ("422", "Lebanon"),
        "JOR" => ("400", "Jordan"),
        "ISR" => ("376", "Israel"),
        "PSE" => ("275", "Palestine"),
        "SAU" => ("682", "Saudi Arabia"),
        "YEM" => ("887", "Yemen"),
        "EGY" => ("818", "Egypt"),
        "IRN" => ("364", "Iran"),
        "LBY" => ("434", "Libya"),
        "TUN" => ("788", "Tunisia"),
        _ => ("", ""),
    }
}

/// ACLED interaction code of a sector (1 state forces, 2 rebels, 3 political militias,
/// 6 protesters, 7 civilians, 8 external/other forces).
fn inter(sector: &str) -> &'static str {
    match sector {
        "GOV" | "MIL" | "COP" | "SPY" => "1",
        "REB" | "INS" => "2",
        "PTY" => "3",
        "CVL" | "REF" => "7",
        "IGO" | "NGO" => "8",
        "" => "",
        _ => "8",
    }
}

fn csv_field(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
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
    writeln!(out, "{}", ACLED_COLUMNS.join(","))
}

/// Writes one incident as an ACLED CSV row.
pub fn acled_row(out: &mut dyn Write, kb: &Kb, v: &Value) -> io::Result<()> {
    let t = v["type"].as_str().unwrap_or("");
    let (disorder, etype, sub) = acled_types(t, v["mode"].as_str());
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
    let (iso, cname) = country(&country3);
    let (a2, a3) = admins(kb, place);
    let actors = names(&v["actors"]);
    let recips = names(&v["recipients"]);
    let sector = |k: &str| {
        v[k].as_array()
            .and_then(|a| a.first())
            .map(|x| inter(x["sector"].as_str().unwrap_or("")).to_string())
            .unwrap_or_default()
    };
    let (i1, i2) = (sector("actors"), sector("recipients"));
    let interaction = if i1.is_empty() {
        String::new()
    } else if i2.is_empty() {
        format!("{i1}0")
    } else {
        let (a, b) = if i1 <= i2 { (&i1, &i2) } else { (&i2, &i1) };
        format!("{a}{b}")
    };
    let date = s(&v["date"]);
    let precision = match v["precision"].as_str() {
        Some("day") => "1",
        Some("week") => "2",
        Some(_) => "3",
        None => "",
    };
    let civilian = if v["recipients"]
        .as_array()
        .is_some_and(|a| a.iter().any(|x| x["sector"] == "CVL"))
        && t == "ASSAULT"
    {
        "Civilian targeting"
    } else {
        ""
    };
    let row: Vec<String> = vec![
        s(&v["id"]),
        date.clone(),
        date.get(..4).unwrap_or("").to_string(),
        precision.into(),
        disorder.into(),
        etype.into(),
        sub.into(),
        actors.first().cloned().unwrap_or_default(),
        actors.get(1..).map(|a| a.join("; ")).unwrap_or_default(),
        i1,
        recips.first().cloned().unwrap_or_default(),
        recips.get(1..).map(|a| a.join("; ")).unwrap_or_default(),
        i2,
        interaction,
        civilian.into(),
        iso.into(),
        if iso.is_empty() { "" } else { "Middle East" }.into(),
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
    let line: Vec<String> = row.iter().map(|f| csv_field(f)).collect();
    writeln!(out, "{}", line.join(","))
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
        assert_eq!(csv_field("a,b"), "\"a,b\"");
        assert_eq!(csv_field("قال \"x\""), "\"قال \"\"x\"\"\"");
        assert_eq!(csv_field("حلب"), "حلب");
        assert_eq!(acled_types("ASSAULT", Some("aerial")).2, "Air/drone strike");
        assert_eq!(acled_types("AGREE", None).2, "Agreement");
    }

    #[test]
    fn geojson_needs_coordinates() {
        let v = json!({"id": "inc-1", "place": {"name": "Aleppo", "lat": 36.2, "lon": 37.1}});
        let f = geojson_feature(&v).unwrap();
        assert_eq!(f["geometry"]["coordinates"], json!([37.1, 36.2]));
        assert!(geojson_feature(&json!({"id": "x", "place": null})).is_none());
    }
}

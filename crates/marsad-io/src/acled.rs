//! ACLED-style CSV rows for events (`--format acled-csv`): ACLED's 31 export columns, filled
//! where marsad knows the value and left empty where it does not (admin2, admin3,
//! source_scale, timestamp). Only events with an ACLED view
//! ([`marsad_types::acled::classify`]) get a row.

use marsad_types::acled::{classify, country_info, inter_code, interaction};
use marsad_types::{ActorRef, CharOffsets, DocMeta, Event, Precision};
use std::io::{self, Write};

/// ACLED's export columns, in order.
pub const HEADER: [&str; 31] = [
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

fn actor_name(a: &ActorRef) -> String {
    a.name.clone().unwrap_or_else(|| a.text.clone())
}

/// The CSV row of `e` (from document `doc`, whose full text is `full_text`), or `None` when
/// ACLED would not code the event.
pub fn row(doc: &DocMeta, full_text: &str, e: &Event) -> Option<Vec<String>> {
    let class = classify(e)?;
    let (date, time_precision) = match e.time.as_ref().and_then(|t| t.date.map(|d| (d, t))) {
        Some((d, t)) => (
            Some(d),
            match t.precision {
                Some(Precision::Day) => "1",
                Some(Precision::Week) => "2",
                _ => "3",
            },
        ),
        None => (doc.published, "2"),
    };
    let country = e.country.clone().unwrap_or_default();
    let (iso, country_name, region) = match country_info(&country) {
        Some((iso, name, region)) => (iso, name.to_string(), region),
        None => ("", country.clone(), ""),
    };
    let inter = |a: Option<&ActorRef>| a.map_or(0, |a| inter_code(a, e.country.as_deref()));
    let (i1, i2) = (inter(e.actors.first()), inter(e.recipients.first()));
    let interaction = interaction(i1, i2);
    let joined = |v: &[ActorRef]| v.iter().map(actor_name).collect::<Vec<_>>().join("; ");
    let loc = e.locations.first();
    let mut sources: Vec<String> = e
        .attribution
        .iter()
        .map(|a| a.name.clone().unwrap_or_else(|| a.text.clone()))
        .collect();
    if let Some(s) = &doc.source {
        sources.insert(0, s.clone());
    }
    let offs = CharOffsets::new(full_text);
    let notes = full_text
        .get(offs.byte_of(e.sentence.start)..offs.byte_of(e.sentence.end))
        .unwrap_or("")
        .trim()
        .to_string();
    let fatalities = e
        .quantities
        .iter()
        .filter(|q| q.is_fatality_count())
        .map(|q| q.value)
        .fold(None, |m: Option<f64>, v| Some(m.map_or(v, |m| m.min(v))))
        .unwrap_or(0.0);
    let opt = |v: Option<f64>| v.map(|x| x.to_string()).unwrap_or_default();
    Some(vec![
        e.id.clone(),
        date.map(|d| d.to_string()).unwrap_or_default(),
        date.map(|d| d.year().to_string()).unwrap_or_default(),
        time_precision.to_string(),
        class.disorder_type.to_string(),
        class.event_type.to_string(),
        class.sub_event_type.to_string(),
        e.actors.first().map(actor_name).unwrap_or_default(),
        joined(e.actors.get(1..).unwrap_or(&[])),
        if i1 == 0 {
            String::new()
        } else {
            i1.to_string()
        },
        e.recipients.first().map(actor_name).unwrap_or_default(),
        joined(e.recipients.get(1..).unwrap_or(&[])),
        if i2 == 0 {
            String::new()
        } else {
            i2.to_string()
        },
        interaction,
        if class.event_type == "Violence against civilians" {
            "Civilian targeting".to_string()
        } else {
            String::new()
        },
        iso.to_string(),
        region.to_string(),
        country_name,
        loc.and_then(|l| l.admin1.clone()).unwrap_or_default(),
        String::new(),
        String::new(),
        loc.map(|l| l.name.clone().unwrap_or_else(|| l.text.clone()))
            .unwrap_or_default(),
        opt(loc.and_then(|l| l.lat)),
        opt(loc.and_then(|l| l.lon)),
        loc.and_then(|l| l.precision)
            .map(|p| p.to_string())
            .unwrap_or_default(),
        sources.join("; "),
        String::new(),
        notes,
        format!("{fatalities}"),
        format!("marsad rule={}; doc={}", e.rule, doc.id),
        String::new(),
    ])
}

/// Writes one CSV record (RFC 4180 quoting: fields with a comma, quote or line break are
/// quoted, quotes doubled).
pub fn write_record<W: Write + ?Sized, S: AsRef<str>>(w: &mut W, fields: &[S]) -> io::Result<()> {
    for (i, f) in fields.iter().enumerate() {
        if i > 0 {
            w.write_all(b",")?;
        }
        let f = f.as_ref();
        if f.contains([',', '"', '\n', '\r']) {
            w.write_all(b"\"")?;
            w.write_all(f.replace('"', "\"\"").as_bytes())?;
            w.write_all(b"\"")?;
        } else {
            w.write_all(f.as_bytes())?;
        }
    }
    w.write_all(b"\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_quoting() {
        let mut out = Vec::new();
        write_record(&mut out, &["a", "b,c", "say \"x\"", "l1\nl2"]).unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "a,\"b,c\",\"say \"\"x\"\"\",\"l1\nl2\"\n"
        );
    }

    #[test]
    fn header_has_31_columns() {
        assert_eq!(HEADER.len(), 31);
    }
}

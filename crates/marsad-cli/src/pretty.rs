//! `--format pretty`: a readable summary per event that stays legible in terminals that do
//! not implement the bidirectional algorithm well. Every Arabic span is wrapped in Unicode
//! first-strong isolates (U+2068 … U+2069) so it cannot reorder the Latin text around it.

use marsad_types::{ActorRef, DocOutput, Document, Event, LocationRef};
use std::io::{self, Write};

const FSI: char = '\u{2068}';
const PDI: char = '\u{2069}';

/// Wraps `s` in a first-strong isolate, and flattens line breaks.
fn iso(s: &str) -> String {
    let flat: String = s
        .chars()
        .map(|c| if c == '\n' || c == '\r' { ' ' } else { c })
        .collect();
    format!("{FSI}{flat}{PDI}")
}

fn actor(a: &ActorRef) -> String {
    match &a.name {
        Some(n) => format!("{} ({n})", iso(&a.text)),
        None => iso(&a.text),
    }
}

fn place(l: &LocationRef) -> String {
    let mut s = iso(&l.text);
    if let Some(n) = &l.name {
        s.push_str(&format!(" ({n}"));
        if let (Some(lat), Some(lon)) = (l.lat, l.lon) {
            s.push_str(&format!(" {lat:.4},{lon:.4}"));
        }
        if let Some(p) = l.precision {
            s.push_str(&format!(" p{p}"));
        }
        s.push(')');
    }
    s
}

fn list<T>(items: &[T], f: impl Fn(&T) -> String) -> String {
    items.iter().map(f).collect::<Vec<_>>().join("; ")
}

/// Writes one document's summary.
pub fn write_doc(out: &mut impl Write, doc: &Document, output: &DocOutput) -> io::Result<()> {
    let title = doc.title.as_deref().map(iso).unwrap_or_default();
    writeln!(
        out,
        "== {} {} [{} event{}]",
        doc.id,
        title,
        output.events.len(),
        if output.events.len() == 1 { "" } else { "s" }
    )?;
    for (i, e) in output.events.iter().enumerate() {
        write_event(out, i + 1, e)?;
    }
    writeln!(out)
}

fn write_event(out: &mut impl Write, n: usize, e: &Event) -> io::Result<()> {
    let mode = e.mode.map(|m| format!("/{m}")).unwrap_or_default();
    writeln!(
        out,
        "{n:>3}. {}{mode} {} {} @{}-{}  conf {:.2}  rule {}",
        e.event_type,
        e.status,
        iso(&e.trigger.text),
        e.trigger.start,
        e.trigger.end,
        e.confidence,
        e.rule
    )?;
    let rows: [(&str, String); 4] = [
        ("actors", list(&e.actors, actor)),
        ("recipients", list(&e.recipients, actor)),
        ("mediators", list(&e.mediators, actor)),
        ("where", list(&e.locations, place)),
    ];
    for (label, value) in rows {
        if !value.is_empty() {
            writeln!(out, "     {label:<11} {value}")?;
        }
    }
    if let Some(t) = &e.time {
        if let Some(d) = t.date {
            let prec = t.precision.map(|p| format!("{p:?}").to_lowercase());
            let text = t.text.as_deref().map(iso).unwrap_or_default();
            writeln!(
                out,
                "     {:<11} {d} ({}, {}) {text}",
                "when",
                prec.unwrap_or_default(),
                t.basis
            )?;
        }
    }
    if !e.quantities.is_empty() {
        let q = list(&e.quantities, |q| {
            let mut s = format!("{}", q.value);
            for part in [&q.unit, &q.item].into_iter().flatten() {
                s.push(' ');
                s.push_str(part);
            }
            if let Some(ql) = &q.qualifier {
                s.push_str(&format!(" [{ql}]"));
            }
            format!("{s} {}", iso(&q.text))
        });
        writeln!(out, "     {:<11} {q}", "amounts")?;
    }
    if let Some(d) = &e.duration {
        writeln!(out, "     {:<11} {} days", "lasting", d.days)?;
    }
    if !e.attribution.is_empty() {
        let chain = e
            .attribution
            .iter()
            .map(|a| format!("{} [{}]", iso(&a.text), a.kind))
            .collect::<Vec<_>>()
            .join(" → ");
        writeln!(out, "     {:<11} {chain}", "according to")?;
    }
    Ok(())
}

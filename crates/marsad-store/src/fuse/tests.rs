//! The fusion test set: pairs that must fuse and pairs that must not, with hand-built events.

use super::*;
use marsad_types::{ActorRef, Attribution, LocationRef, SentenceSpan, TextSpan, TimeRef};

/// A small hierarchy: Syria ⊃ Aleppo governorate ⊃ Aleppo city ⊃ {Sheikh Maqsoud,
/// Ashrafiyah}; Hasakah governorate ⊃ Qamishli; government ⊃ army ⊃ 4th Division; SDF.
struct TestHierarchy;

impl Hierarchy for TestHierarchy {
    fn place_parents(&self, id: &str) -> Vec<String> {
        let chain: &[&str] = match id {
            "p:sheikh-maqsoud" | "p:ashrafiyah" => &["p:aleppo", "p:aleppo-gov", "p:syria"],
            "p:aleppo" => &["p:aleppo-gov", "p:syria"],
            "p:aleppo-gov" | "p:hasakah-gov" => &["p:syria"],
            "p:qamishli" => &["p:hasakah-gov", "p:syria"],
            _ => &[],
        };
        chain.iter().map(|s| s.to_string()).collect()
    }
    fn is_country(&self, id: &str) -> bool {
        id == "p:syria"
    }
    fn actor_parents(&self, id: &str) -> Vec<String> {
        let chain: &[&str] = match id {
            "a:4div" => &["a:army", "a:gov"],
            "a:army" => &["a:gov"],
            "a:asayish" => &["a:aa"],
            _ => &[],
        };
        chain.iter().map(|s| s.to_string()).collect()
    }
}

#[derive(Clone)]
struct Spec {
    doc: &'static str,
    etype: EventType,
    mode: Option<Mode>,
    status: Status,
    start: u32,
    cluster: Option<&'static str>,
    date: Option<(&'static str, Precision)>,
    published: Option<&'static str>,
    place: Option<&'static str>,
    actors: Vec<&'static str>,
    source: Option<&'static str>,
}

fn spec(doc: &'static str) -> Spec {
    Spec {
        doc,
        etype: EventType::Coerce,
        mode: Some(Mode::Restrict),
        status: Status::Occurred,
        start: 10,
        cluster: None,
        date: Some(("2021-04-20", Precision::Day)),
        published: Some("2021-04-21"),
        place: Some("p:sheikh-maqsoud"),
        actors: vec!["a:4div"],
        source: None,
    }
}

fn actor(id: &str) -> ActorRef {
    ActorRef {
        text: id.into(),
        start: 0,
        end: 1,
        name: Some(id.into()),
        id: Some(id.into()),
        sector: None,
        country: None,
    }
}

fn mention(s: &Spec) -> FuseMention {
    let event = Event {
        id: Event::make_id(s.doc, s.start, s.start + 4, s.etype),
        event_type: s.etype,
        mode: s.mode,
        status: s.status,
        trigger: TextSpan {
            text: "حصار".into(),
            start: s.start,
            end: s.start + 4,
        },
        sentence: SentenceSpan {
            start: s.start,
            end: s.start + 20,
        },
        actors: s.actors.iter().map(|a| actor(a)).collect(),
        recipients: vec![],
        mediators: vec![],
        locations: s
            .place
            .map(|p| LocationRef {
                text: p.into(),
                start: 0,
                end: 1,
                name: Some(p.into()),
                name_ar: None,
                id: Some(p.into()),
                lat: None,
                lon: None,
                admin1: None,
                feature: None,
                precision: Some(1),
            })
            .into_iter()
            .collect(),
        time: s.date.map(|(d, p)| TimeRef {
            text: Some("أمس".into()),
            start: Some(0),
            end: Some(3),
            date: d.parse().ok(),
            precision: Some(p),
            basis: "explicit".into(),
        }),
        quantities: vec![],
        duration: None,
        attribution: s
            .source
            .map(|n| Attribution {
                text: n.into(),
                start: 0,
                end: 1,
                name: Some(n.into()),
                kind: "media".into(),
            })
            .into_iter()
            .collect(),
        confidence: 0.9,
        rule: "test".into(),
        cluster: s.cluster.map(Into::into),
        country: None,
        acled: None,
    };
    FuseMention {
        doc_hash: crate::hash::body_hash(s.doc.as_bytes()),
        doc_id: s.doc.into(),
        published: s.published.and_then(|d| d.parse().ok()),
        outlet: Some(format!("outlet-{}", s.doc)),
        event,
    }
}

fn run(specs: &[Spec]) -> Vec<Incident> {
    let ms: Vec<FuseMention> = specs.iter().map(mention).collect();
    fuse(&ms, &TestHierarchy, &Thresholds::default())
}

/// Number of incidents formed by two mentions.
fn pair(a: Spec, b: Spec) -> usize {
    run(&[a, b]).len()
}

// ---- pairs that must fuse ----

#[test]
fn fuses_same_siege_nested_place_and_ancestor_actor() {
    let mut b = spec("doc-b");
    b.place = Some("p:aleppo");
    b.actors = vec!["a:gov"];
    assert_eq!(pair(spec("doc-a"), b), 1);
}

#[test]
fn fuses_day_precision_one_day_apart() {
    let mut b = spec("doc-b");
    b.date = Some(("2021-04-21", Precision::Day));
    assert_eq!(pair(spec("doc-a"), b), 1);
}

#[test]
fn fuses_week_precision_three_days_apart() {
    let mut b = spec("doc-b");
    b.date = Some(("2021-04-23", Precision::Week));
    assert_eq!(pair(spec("doc-a"), b), 1);
}

#[test]
fn fuses_month_precision_same_month() {
    let mut b = spec("doc-b");
    b.date = Some(("2021-04-15", Precision::Month));
    let mut a = spec("doc-a");
    a.date = Some(("2021-04-02", Precision::Day));
    assert_eq!(pair(a, b), 1);
}

#[test]
fn fuses_when_one_side_has_no_actor() {
    let mut b = spec("doc-b");
    b.actors = vec![];
    assert_eq!(pair(spec("doc-a"), b), 1);
}

#[test]
fn fuses_when_mode_unknown_on_one_side() {
    let mut b = spec("doc-b");
    b.mode = None;
    assert_eq!(pair(spec("doc-a"), b), 1);
}

#[test]
fn fuses_publication_dated_reports_within_a_week_window() {
    let mut a = spec("doc-a");
    a.date = None;
    a.published = Some("2021-04-20");
    let mut b = spec("doc-b");
    b.date = None;
    b.published = Some("2021-04-22");
    assert_eq!(pair(a, b), 1);
}

#[test]
fn in_document_cluster_is_one_incident_with_its_sources() {
    let mut a = spec("doc-a");
    a.cluster = Some("c1");
    let mut b = a.clone();
    b.start = 100;
    b.source = Some("al-Mayadeen");
    let mut c = a.clone();
    c.start = 200;
    c.source = Some("Hasakah press office");
    let incs = run(&[a, b, c]);
    assert_eq!(incs.len(), 1);
    assert_eq!(incs[0].members.len(), 3);
    assert_eq!(
        incs[0].sources,
        ["Hasakah press office", "al-Mayadeen", "outlet-doc-a"]
    );
    assert_eq!(incs[0].corroboration(), 3);
}

#[test]
fn planned_term_attaches_to_its_agreement() {
    let mut agree = spec("doc-a");
    agree.etype = EventType::Agree;
    agree.mode = None;
    agree.cluster = Some("c-agree");
    let mut term = spec("doc-a");
    term.etype = EventType::Retreat;
    term.mode = Some(Mode::Access);
    term.status = Status::Planned;
    term.start = 50;
    term.cluster = Some("c-term");
    let incs = run(&[agree, term]);
    assert_eq!(incs.len(), 1);
    assert_eq!(incs[0].event_type, EventType::Agree);
    assert!(incs[0].members.iter().any(|m| m.1 == Role::Term));
}

#[test]
fn three_outlets_one_incident_first_and_last_report() {
    let a = spec("doc-a");
    let mut b = spec("doc-b");
    b.published = Some("2021-04-22");
    let mut c = spec("doc-c");
    c.published = Some("2021-04-25");
    c.date = Some(("2021-04-19", Precision::Day));
    let incs = run(&[a, b, c]);
    assert_eq!(incs.len(), 1);
    assert_eq!(incs[0].documents, 3);
    assert_eq!(incs[0].first_report.unwrap().to_string(), "2021-04-21");
    assert_eq!(incs[0].last_report.unwrap().to_string(), "2021-04-25");
}

// ---- pairs that must not fuse ----

#[test]
fn month_precision_without_actors_does_not_fuse() {
    let mut a = spec("doc-a");
    a.date = Some(("2021-04-15", Precision::Month));
    a.actors = vec![];
    let mut b = spec("doc-b");
    b.date = Some(("2021-04-03", Precision::Day));
    assert_eq!(pair(a.clone(), b.clone()), 2);
    let loose = Thresholds {
        coarse_needs_actors: false,
        ..Thresholds::default()
    };
    let ms = vec![mention(&a), mention(&b)];
    assert_eq!(fuse(&ms, &TestHierarchy, &loose).len(), 1);
}

#[test]
fn different_types_do_not_fuse() {
    let mut b = spec("doc-b");
    b.etype = EventType::Assault;
    b.mode = None;
    assert_eq!(pair(spec("doc-a"), b), 2);
}

#[test]
fn different_modes_do_not_fuse() {
    let mut b = spec("doc-b");
    b.mode = Some(Mode::Seize);
    assert_eq!(pair(spec("doc-a"), b), 2);
}

#[test]
fn unrelated_places_do_not_fuse() {
    let mut b = spec("doc-b");
    b.place = Some("p:qamishli");
    assert_eq!(pair(spec("doc-a"), b), 2);
}

#[test]
fn sibling_neighbourhoods_do_not_fuse() {
    let mut b = spec("doc-b");
    b.place = Some("p:ashrafiyah");
    assert_eq!(pair(spec("doc-a"), b), 2);
}

#[test]
fn incompatible_actors_do_not_fuse() {
    let mut b = spec("doc-b");
    b.actors = vec!["a:sdf"];
    assert_eq!(pair(spec("doc-a"), b), 2);
}

#[test]
fn day_precision_two_days_apart_do_not_fuse() {
    let mut b = spec("doc-b");
    b.date = Some(("2021-04-22", Precision::Day));
    assert_eq!(pair(spec("doc-a"), b), 2);
}

#[test]
fn month_precision_different_months_do_not_fuse() {
    let mut a = spec("doc-a");
    a.date = Some(("2021-04-30", Precision::Month));
    let mut b = spec("doc-b");
    b.date = Some(("2021-05-01", Precision::Month));
    assert_eq!(pair(a, b), 2);
}

#[test]
fn year_precision_does_not_fuse_by_default() {
    let mut a = spec("doc-a");
    a.date = Some(("2021-06-15", Precision::Year));
    let mut b = spec("doc-b");
    b.date = Some(("2021-06-15", Precision::Year));
    assert_eq!(pair(a, b), 2);
}

#[test]
fn undated_reports_do_not_fuse_across_documents() {
    let mut a = spec("doc-a");
    a.date = None;
    a.published = None;
    let mut b = a.clone();
    b.doc = "doc-b";
    assert_eq!(pair(a, b), 2);
}

#[test]
fn unplaced_reports_do_not_fuse_across_documents() {
    let mut a = spec("doc-a");
    a.place = None;
    let mut b = a.clone();
    b.doc = "doc-b";
    assert_eq!(pair(a, b), 2);
}

#[test]
fn country_level_reports_do_not_fuse() {
    let mut a = spec("doc-a");
    a.place = Some("p:syria");
    let mut b = a.clone();
    b.doc = "doc-b";
    assert_eq!(pair(a.clone(), b), 2);
    // ... nor with a report placed inside the country.
    assert_eq!(pair(spec("doc-c"), a), 2);
}

#[test]
fn two_clusters_of_one_document_with_other_actors_stay_apart() {
    let mut a = spec("doc-a");
    a.cluster = Some("c1");
    let mut b = spec("doc-a");
    b.cluster = Some("c2");
    b.start = 300;
    b.actors = vec!["a:army"];
    assert_eq!(pair(a, b), 2);
}

#[test]
fn clusters_of_one_document_in_other_places_stay_apart() {
    let mut a = spec("doc-a");
    a.cluster = Some("c1");
    let mut b = spec("doc-a");
    b.cluster = Some("c2");
    b.start = 300;
    b.place = Some("p:ashrafiyah");
    assert_eq!(pair(a, b), 2);
}

#[test]
fn split_clusters_of_one_document_with_the_same_parties_merge() {
    // A headline and the body report one agreement; the extractor gave them two clusters.
    let mut head = spec("doc-a");
    head.etype = EventType::Agree;
    head.mode = None;
    head.cluster = Some("c-head");
    head.date = None;
    head.place = Some("p:aleppo");
    head.actors = vec!["a:gov", "a:sdf"];
    let mut body = head.clone();
    body.cluster = Some("c-body");
    body.start = 200;
    body.date = Some(("2021-04-24", Precision::Day));
    body.place = Some("p:sheikh-maqsoud");
    body.actors = vec!["a:sdf", "a:gov"];
    assert_eq!(pair(head.clone(), body.clone()), 1);
    let off = Thresholds {
        merge_in_document: false,
        ..Thresholds::default()
    };
    let ms = vec![mention(&head), mention(&body)];
    assert_eq!(fuse(&ms, &TestHierarchy, &off).len(), 2);
}

#[test]
fn claim_and_denial_stay_distinct_but_linked() {
    let mut denial = spec("doc-b");
    denial.status = Status::Denied;
    denial.source = Some("Asayish");
    let incs = run(&[spec("doc-a"), denial]);
    assert_eq!(incs.len(), 2);
    let occ = incs.iter().find(|i| i.status == Status::Occurred).unwrap();
    let den = incs.iter().find(|i| i.status == Status::Denied).unwrap();
    assert_eq!(den.denies, std::slice::from_ref(&occ.id));
    assert_eq!(occ.denied_by, std::slice::from_ref(&den.id));
}

#[test]
fn habitual_future_hypothetical_never_form_incidents() {
    let specs: Vec<Spec> = [Status::Habitual, Status::Future, Status::Hypothetical]
        .into_iter()
        .enumerate()
        .map(|(i, st)| {
            let mut s = spec("doc-a");
            s.status = st;
            s.start = 10 + 50 * i as u32;
            s
        })
        .collect();
    assert!(run(&specs).is_empty());
}

#[test]
fn planned_without_agreement_forms_nothing() {
    let mut p = spec("doc-a");
    p.status = Status::Planned;
    assert!(run(&[p]).is_empty());
}

#[test]
fn fusion_is_independent_of_input_order() {
    let mut specs = vec![spec("doc-a")];
    for (i, d) in ["doc-b", "doc-c", "doc-d", "doc-e"].into_iter().enumerate() {
        let mut s = spec(d);
        s.date = Some((
            ["2021-04-19", "2021-04-21", "2021-04-20", "2021-04-22"][i],
            Precision::Day,
        ));
        s.place = Some(["p:aleppo", "p:sheikh-maqsoud", "p:ashrafiyah", "p:aleppo"][i]);
        specs.push(s);
    }
    let ms: Vec<FuseMention> = specs.iter().map(mention).collect();
    let canon = |incs: Vec<Incident>, ms: &[FuseMention]| -> Vec<(String, Vec<String>)> {
        incs.into_iter()
            .map(|i| {
                let mut ev: Vec<String> =
                    i.members.iter().map(|m| ms[m.0].event.id.clone()).collect();
                ev.sort();
                (i.id, ev)
            })
            .collect()
    };
    let a = canon(fuse(&ms, &TestHierarchy, &Thresholds::default()), &ms);
    let mut rev = ms.clone();
    rev.reverse();
    let b = canon(fuse(&rev, &TestHierarchy, &Thresholds::default()), &rev);
    assert_eq!(a, b);
    let mut rot = ms.clone();
    rot.rotate_left(2);
    let c = canon(fuse(&rot, &TestHierarchy, &Thresholds::default()), &rot);
    assert_eq!(a, c);
}

#[test]
fn thresholds_are_tunable() {
    let mut b = spec("doc-b");
    b.date = Some(("2021-04-22", Precision::Day));
    let ms = vec![mention(&spec("doc-a")), mention(&b)];
    let wide = Thresholds {
        day_window: 2,
        ..Thresholds::default()
    };
    assert_eq!(fuse(&ms, &TestHierarchy, &wide).len(), 1);
    assert_eq!(fuse(&ms, &TestHierarchy, &Thresholds::default()).len(), 2);
}

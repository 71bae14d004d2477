//! Fusion of event mentions into incidents.
//!
//! 1. **In-document groups.** Mentions of one document that share the extractor's `cluster`
//!    (and type and status) form a group; a mention without cluster is its own group. Only
//!    `occurred`, `denied` and `negated` mentions form groups; a claim and its denial are
//!    different groups (status is part of the key). Clusters of one document that the
//!    extractor split but that name the same actors and a shared or nested place (a headline
//!    and its body) are merged.
//! 2. **Across documents.** Groups are sorted by a stable, content-derived key (date, body
//!    hash, trigger offset) and swept in date order within blocks of the same type, status and
//!    top-level place (the governorate, or the place itself when it is not under a country). A
//!    group joins the first open incident whose seed group is compatible: same type and status,
//!    same or unknown mode, dates within the precision window ([`Thresholds`]), same or nested
//!    place, compatible actors and recipients (the same actor, an ancestor or a unit of it in the
//!    knowledge base, or one side unknown), and no group of the same document in it already (the
//!    extractor's own in-document decision stands). Groups without a date or a place stay
//!    incidents of their own document.
//! 3. **Planned terms** attach to the incident of their own cluster, else to the nearest
//!    agreement (`AGREE`, occurred) of their document, preferring one before them.
//!    `future`, `hypothetical` and `habitual` mentions never form or join an incident.
//! 4. **Denials** (`denied`, `negated`) are linked to the occurred incidents they contradict
//!    (same type; same document, or compatible place, date and actors).
//!
//! The result is a deterministic function of the set of mentions: ingest order does not matter.

use crate::hash::id_hash;
use marsad_types::{Date, Event, EventType, Mode, Precision, Status};
use std::collections::{BTreeMap, HashMap, HashSet};

/// Tunable fusion thresholds.
#[derive(Debug, Clone, PartialEq)]
pub struct Thresholds {
    /// Day-precision dates fuse within this many days.
    pub day_window: i64,
    /// Week-precision dates fuse within this many days.
    pub week_window: i64,
    /// Month-precision dates fuse within the same calendar month (else within `month_window`).
    pub month_same_month: bool,
    /// Month-precision window in days when `month_same_month` is false.
    pub month_window: i64,
    /// Whether year-precision dates fuse across documents (same year).
    pub fuse_year: bool,
    /// Precision given to a group dated only by its document's publication date.
    pub publication_precision: Precision,
    /// Whether groups without a resolved place may fuse across documents.
    pub fuse_without_place: bool,
    /// Whether groups placed only at country level may fuse across documents.
    pub fuse_country_level: bool,
    /// At month (or year) precision, fuse only when both sides name compatible actors (a
    /// month holds many attacks on one town; "one side unknown" is too weak there).
    pub coarse_needs_actors: bool,
    /// Merge clusters of one document that name the same actors and places (an event the
    /// extractor split, e.g. a headline and the body).
    pub merge_in_document: bool,
}

impl Default for Thresholds {
    fn default() -> Self {
        Thresholds {
            day_window: 1,
            week_window: 3,
            month_same_month: true,
            month_window: 15,
            fuse_year: false,
            publication_precision: Precision::Week,
            fuse_without_place: false,
            fuse_country_level: false,
            coarse_needs_actors: true,
            merge_in_document: true,
        }
    }
}

/// The place and actor hierarchy fusion needs (implemented for the knowledge base in
/// [`crate::rebuild`], and by maps in tests).
pub trait Hierarchy {
    /// The parent chain of a place id, nearest first (empty when unknown).
    fn place_parents(&self, id: &str) -> Vec<String>;
    /// Whether the place id is a country.
    fn is_country(&self, id: &str) -> bool;
    /// The parent chain of an actor id, nearest first (unit → army → government).
    fn actor_parents(&self, id: &str) -> Vec<String>;
}

/// One stored mention with what fusion needs of its document.
#[derive(Debug, Clone)]
pub struct FuseMention {
    /// Content hash of the document body (the stable document key).
    pub doc_hash: String,
    /// The document's id (first record).
    pub doc_id: String,
    /// Publication date of the document.
    pub published: Option<Date>,
    /// Publishing outlet.
    pub outlet: Option<String>,
    /// The mention.
    pub event: Event,
}

/// How a mention belongs to an incident.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Role {
    /// A report of the incident.
    Mention,
    /// A planned term of an agreement.
    Term,
}

impl Role {
    /// `mention` or `term`.
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Mention => "mention",
            Role::Term => "term",
        }
    }
}

/// A fused incident.
#[derive(Debug, Clone, PartialEq)]
pub struct Incident {
    /// Deterministic id (`inc-` + 16 hex digits), from the seed group's content.
    pub id: String,
    /// PLOVER type.
    pub event_type: EventType,
    /// Mode of the seed group.
    pub mode: Option<Mode>,
    /// `occurred`, `denied` or `negated`.
    pub status: Status,
    /// Date of the seed group (event date, else publication date).
    pub date: Option<Date>,
    /// Its precision.
    pub precision: Option<Precision>,
    /// Latest member date.
    pub date_last: Option<Date>,
    /// Primary place id of the seed group.
    pub place: Option<String>,
    /// Members: index into the input mentions and role, sorted.
    pub members: Vec<(usize, Role)>,
    /// Distinct sources (outlet for own-voice mentions, else the outermost attribution), sorted.
    pub sources: Vec<String>,
    /// Distinct documents reporting it.
    pub documents: usize,
    /// Earliest publication date among its reports.
    pub first_report: Option<Date>,
    /// Latest publication date among its reports.
    pub last_report: Option<Date>,
    /// Incidents this one denies (for denied/negated incidents).
    pub denies: Vec<String>,
    /// Incidents denying this one.
    pub denied_by: Vec<String>,
}

impl Incident {
    /// Corroboration: the number of distinct sources.
    pub fn corroboration(&self) -> usize {
        self.sources.len()
    }
}

/// The source a mention speaks for: its outlet when the outlet speaks in its own voice (no
/// attribution), else the outermost attributed source by canonical name, else its text.
pub fn source_of(m: &FuseMention) -> String {
    match m.event.attribution.first() {
        None => m
            .outlet
            .clone()
            .filter(|s| !s.trim().is_empty())
            .unwrap_or_else(|| format!("publisher of {}", m.doc_id)),
        Some(a) => a
            .name
            .clone()
            .filter(|n| !n.trim().is_empty())
            .unwrap_or_else(|| {
                a.text
                    .trim_matches(|c: char| c.is_whitespace() || "\"'«»“”".contains(c))
                    .split_whitespace()
                    .collect::<Vec<_>>()
                    .join(" ")
            }),
    }
}

/// The date of a mention and its precision: its own resolved time, else none.
fn own_date(ev: &Event) -> Option<(Date, Precision)> {
    let t = ev.time.as_ref()?;
    if t.basis == "unresolved" {
        return None;
    }
    Some((t.date?, t.precision.unwrap_or(Precision::Day)))
}

struct Group {
    members: Vec<usize>,
    key: String,
    doc_hash: String,
    etype: EventType,
    status: Status,
    mode: Option<Mode>,
    date: Option<(Date, Precision)>,
    place: Option<String>,
    /// The place and its ancestors, shared between groups of the same place.
    chain: std::rc::Rc<Vec<String>>,
    block: Option<String>,
    actors: Vec<String>,
    recipients: Vec<String>,
    first_start: u32,
}

fn forms_incident(s: Status) -> bool {
    matches!(s, Status::Occurred | Status::Denied | Status::Negated)
}

/// In-document groups: (body hash, cluster, type, status) → mention indices.
type GroupMap = BTreeMap<(String, String, EventType, Status), Vec<usize>>;

/// Merges clusters of one document that the extractor split but that name the same parties:
/// same type and status, compatible modes, identical (non-empty) sets of resolved actors, a
/// shared or nested place below country level, and compatible own dates (or one undated).
/// Greedy in key order, each cluster compared with the first cluster of its merged set.
fn merge_in_document(
    by_key: GroupMap,
    mentions: &[FuseMention],
    h: &dyn Hierarchy,
    t: &Thresholds,
) -> GroupMap {
    struct Feat {
        mode: Option<Mode>,
        actors: Vec<String>,
        places: Vec<Vec<String>>,
        date: Option<(Date, Precision)>,
    }
    let feat = |members: &[usize]| -> Feat {
        let mut actors: Vec<String> = members
            .iter()
            .flat_map(|&i| mentions[i].event.actors.iter().filter_map(|a| a.id.clone()))
            .collect();
        actors.sort();
        actors.dedup();
        let mut ids: Vec<String> = members
            .iter()
            .flat_map(|&i| {
                mentions[i]
                    .event
                    .locations
                    .iter()
                    .filter_map(|l| l.id.clone())
            })
            .filter(|p| !h.is_country(p))
            .collect();
        ids.sort();
        ids.dedup();
        let places = ids
            .into_iter()
            .map(|p| {
                let mut c = vec![p.clone()];
                c.extend(h.place_parents(&p));
                c
            })
            .collect();
        Feat {
            mode: members.iter().find_map(|&i| mentions[i].event.mode),
            actors,
            places,
            date: members.iter().find_map(|&i| own_date(&mentions[i].event)),
        }
    };
    let same = |a: &Feat, b: &Feat| -> bool {
        let mode_ok = a.mode.is_none() || b.mode.is_none() || a.mode == b.mode;
        let place_ok = a.places.iter().any(|x| {
            b.places
                .iter()
                .any(|y| x[0] == y[0] || x.contains(&y[0]) || y.contains(&x[0]))
        });
        let date_ok = match (a.date, b.date) {
            (Some(x), Some(y)) => dates_compatible(x, y, t),
            _ => true,
        };
        mode_ok && !a.actors.is_empty() && a.actors == b.actors && place_ok && date_ok
    };
    // Buckets: the clusters of one document with one type and status, in key order.
    type Buckets = BTreeMap<(String, EventType, Status), Vec<(String, Vec<usize>)>>;
    let mut buckets: Buckets = BTreeMap::new();
    for ((doc, c, ty, st), members) in by_key {
        buckets.entry((doc, ty, st)).or_default().push((c, members));
    }
    let mut out: GroupMap = BTreeMap::new();
    for ((doc, ty, st), clusters) in buckets {
        if clusters.len() == 1 {
            for (c, members) in clusters {
                out.insert((doc.clone(), c, ty, st), members);
            }
            continue;
        }
        let feats: Vec<Feat> = clusters.iter().map(|(_, m)| feat(m)).collect();
        let mut roots: Vec<usize> = Vec::new();
        let mut root_of: Vec<usize> = Vec::with_capacity(clusters.len());
        for b in 0..clusters.len() {
            match roots.iter().find(|&&r| same(&feats[r], &feats[b])) {
                Some(&r) => root_of.push(r),
                None => {
                    roots.push(b);
                    root_of.push(b);
                }
            }
        }
        for (b, (_, members)) in clusters.iter().enumerate() {
            let key = (doc.clone(), clusters[root_of[b]].0.clone(), ty, st);
            out.entry(key).or_default().extend(members.iter().copied());
        }
    }
    out
}

/// Fuses `mentions` into incidents.
pub fn fuse(mentions: &[FuseMention], h: &dyn Hierarchy, t: &Thresholds) -> Vec<Incident> {
    // 1. In-document groups.
    let mut by_key: GroupMap = BTreeMap::new();
    for (i, m) in mentions.iter().enumerate() {
        if !forms_incident(m.event.status) {
            continue;
        }
        let c = m
            .event
            .cluster
            .clone()
            .unwrap_or_else(|| m.event.id.clone());
        by_key
            .entry((m.doc_hash.clone(), c, m.event.event_type, m.event.status))
            .or_default()
            .push(i);
    }
    if t.merge_in_document {
        by_key = merge_in_document(by_key, mentions, h, t);
    }
    let mut actor_cache: HashMap<String, Vec<String>> = HashMap::new();
    let mut chains: HashMap<String, std::rc::Rc<Vec<String>>> = HashMap::new();
    let mut groups: Vec<Group> = Vec::with_capacity(by_key.len());
    for ((doc_hash, c, etype, status), mut members) in by_key {
        members.sort_by_key(|&i| {
            (
                mentions[i].event.trigger.start,
                mentions[i].event.id.clone(),
            )
        });
        let first = &mentions[members[0]];
        let mode = members.iter().find_map(|&i| mentions[i].event.mode);
        let date = members
            .iter()
            .find_map(|&i| own_date(&mentions[i].event))
            .or_else(|| first.published.map(|d| (d, t.publication_precision)));
        // Primary place: the most frequent first resolved location; ties to the earliest.
        let mut counts: Vec<(String, usize)> = Vec::new();
        for &i in &members {
            if let Some(p) = mentions[i]
                .event
                .locations
                .iter()
                .find_map(|l| l.id.clone())
            {
                match counts.iter_mut().find(|(q, _)| *q == p) {
                    Some(e) => e.1 += 1,
                    None => counts.push((p, 1)),
                }
            }
        }
        let place = counts
            .iter()
            .enumerate()
            .max_by_key(|(k, (_, n))| (*n, std::cmp::Reverse(*k)))
            .map(|(_, (p, _))| p.clone());
        let chain = match &place {
            Some(p) => chains
                .entry(p.clone())
                .or_insert_with(|| {
                    let mut c = vec![p.clone()];
                    c.extend(h.place_parents(p));
                    std::rc::Rc::new(c)
                })
                .clone(),
            None => std::rc::Rc::default(),
        };
        let block = place.as_ref().map(|p| {
            if h.is_country(p) {
                p.clone()
            } else {
                chain
                    .iter()
                    .rev()
                    .find(|q| !h.is_country(q))
                    .cloned()
                    .unwrap_or_else(|| p.clone())
            }
        });
        let ids = |f: fn(&Event) -> &Vec<marsad_types::ActorRef>| -> Vec<String> {
            let mut v: Vec<String> = members
                .iter()
                .flat_map(|&i| f(&mentions[i].event).iter().filter_map(|a| a.id.clone()))
                .collect();
            v.sort();
            v.dedup();
            v
        };
        let actors = ids(|e| &e.actors);
        let recipients = ids(|e| &e.recipients);
        for a in actors.iter().chain(&recipients) {
            if !actor_cache.contains_key(a) {
                actor_cache.insert(a.clone(), h.actor_parents(a));
            }
        }
        groups.push(Group {
            first_start: first.event.trigger.start,
            members,
            key: c,
            doc_hash,
            etype,
            status,
            mode,
            date,
            place,
            chain,
            block,
            actors,
            recipients,
        });
    }
    // Stable processing order: date, body hash, position.
    let order_key = |g: &Group| {
        (
            g.date.map_or(i64::MAX, |(d, _)| d.to_days()),
            g.doc_hash.clone(),
            g.first_start,
            g.key.clone(),
            g.etype,
            g.status,
        )
    };
    let mut order: Vec<usize> = (0..groups.len()).collect();
    order.sort_by_key(|&i| order_key(&groups[i]));

    // 2. Cross-document sweep per block.
    let max_window = [
        t.day_window,
        t.week_window,
        31,
        if t.fuse_year { 366 } else { 0 },
    ]
    .into_iter()
    .max()
    .unwrap_or(31)
        + 1;
    struct Inc<'m> {
        seed: usize,
        groups: Vec<usize>,
        /// Body hashes of the documents in the incident (few: a linear scan is fastest).
        docs: Vec<&'m str>,
    }
    let mut incs: Vec<Inc> = Vec::new();
    let mut active: HashMap<(EventType, Status, String), Vec<usize>> = HashMap::new();
    for &gi in &order {
        let g = &groups[gi];
        let dated = g
            .date
            .is_some_and(|(_, p)| t.fuse_year || p != Precision::Year);
        let placed = match g.place.as_deref() {
            Some(p) => t.fuse_country_level || !h.is_country(p),
            None => t.fuse_without_place,
        };
        let fusable = dated && placed;
        if fusable {
            let bkey = (g.etype, g.status, g.block.clone().unwrap_or_default());
            let list = active.entry(bkey).or_default();
            let day = g.date.map_or(0, |(d, _)| d.to_days());
            list.retain(|&k| {
                groups[incs[k].seed]
                    .date
                    .is_some_and(|(d, _)| d.to_days() >= day - max_window)
            });
            let mut joined = false;
            for &k in list.iter() {
                let seed = &groups[incs[k].seed];
                if !incs[k].docs.contains(&g.doc_hash.as_str())
                    && compatible(seed, g, t, &actor_cache)
                {
                    incs[k].groups.push(gi);
                    incs[k].docs.push(g.doc_hash.as_str());
                    joined = true;
                    break;
                }
            }
            if !joined {
                list.push(incs.len());
                incs.push(Inc {
                    seed: gi,
                    groups: vec![gi],
                    docs: vec![g.doc_hash.as_str()],
                });
            }
        } else {
            incs.push(Inc {
                seed: gi,
                groups: vec![gi],
                docs: vec![g.doc_hash.as_str()],
            });
        }
    }

    // 3. Planned terms.
    let mut group_inc: Vec<usize> = vec![0; groups.len()];
    for (k, inc) in incs.iter().enumerate() {
        for &g in &inc.groups {
            group_inc[g] = k;
        }
    }
    let mut by_doc_cluster: HashMap<(&str, &str), usize> = HashMap::new();
    let mut agrees_by_doc: HashMap<&str, Vec<(u32, usize)>> = HashMap::new();
    for (gi, g) in groups.iter().enumerate() {
        // The first group (in order) of a cluster wins, deterministically.
        by_doc_cluster
            .entry((g.doc_hash.as_str(), g.key.as_str()))
            .or_insert(gi);
        if g.etype == EventType::Agree && g.status == Status::Occurred {
            for &i in &g.members {
                agrees_by_doc
                    .entry(g.doc_hash.as_str())
                    .or_default()
                    .push((mentions[i].event.trigger.start, gi));
            }
        }
    }
    for v in agrees_by_doc.values_mut() {
        v.sort();
    }
    let mut terms: Vec<Vec<usize>> = vec![Vec::new(); incs.len()];
    for (i, m) in mentions.iter().enumerate() {
        if m.event.status != Status::Planned {
            continue;
        }
        let own = m
            .event
            .cluster
            .as_deref()
            .and_then(|c| by_doc_cluster.get(&(m.doc_hash.as_str(), c)).copied());
        let target = own.or_else(|| {
            let v = agrees_by_doc.get(m.doc_hash.as_str())?;
            let s = m.event.trigger.start;
            v.iter()
                .rev()
                .find(|(p, _)| *p <= s)
                .or_else(|| v.first())
                .map(|(_, g)| *g)
        });
        if let Some(g) = target {
            terms[group_inc[g]].push(i);
        }
    }

    // Build the incidents.
    let mut out: Vec<Incident> = incs
        .iter()
        .zip(terms)
        .map(|(inc, terms)| build(inc.seed, &inc.groups, terms, &groups, mentions))
        .collect();

    // 4. Denial links: candidates from the same documents, or from the same block within the
    // date window (indexed, so linking stays linear in practice).
    let mut occ_by_doc: HashMap<&str, Vec<usize>> = HashMap::new();
    let mut occ_by_block: HashMap<(EventType, &str), Vec<(i64, usize)>> = HashMap::new();
    for (k, inc) in incs.iter().enumerate() {
        let seed = &groups[inc.seed];
        if seed.status != Status::Occurred {
            continue;
        }
        for &g in &inc.groups {
            occ_by_doc
                .entry(groups[g].doc_hash.as_str())
                .or_default()
                .push(k);
        }
        if let (Some((d, _)), Some(b)) = (seed.date, seed.block.as_deref()) {
            occ_by_block
                .entry((seed.etype, b))
                .or_default()
                .push((d.to_days(), k));
        }
    }
    for v in occ_by_block.values_mut() {
        v.sort_unstable();
    }
    let mut links: Vec<(usize, usize)> = Vec::new();
    for (k, inc) in incs.iter().enumerate() {
        let d = &groups[inc.seed];
        if d.status == Status::Occurred {
            continue;
        }
        let mut cands: Vec<usize> = Vec::new();
        for &g in &inc.groups {
            for &o in occ_by_doc
                .get(groups[g].doc_hash.as_str())
                .map_or(&[][..], |v| v)
            {
                if groups[incs[o].seed].etype == d.etype {
                    cands.push(o);
                }
            }
        }
        if let (Some((date, _)), Some(b)) = (d.date, d.block.as_deref()) {
            if let Some(v) = occ_by_block.get(&(d.etype, b)) {
                let day = date.to_days();
                let lo = v.partition_point(|(x, _)| *x < day - max_window);
                for &(x, o) in &v[lo..] {
                    if x > day + max_window {
                        break;
                    }
                    let seed = &groups[incs[o].seed];
                    if seed.place.is_some()
                        && d.place.is_some()
                        && compatible_ignoring_status(seed, d, t, &actor_cache)
                    {
                        cands.push(o);
                    }
                }
            }
        }
        cands.sort_unstable();
        cands.dedup();
        links.extend(cands.into_iter().map(|o| (k, o)));
    }
    for (k, o) in links {
        let (dk, ok) = (out[k].id.clone(), out[o].id.clone());
        out[k].denies.push(ok);
        out[o].denied_by.push(dk);
    }
    for inc in &mut out {
        inc.denies.sort();
        inc.denies.dedup();
        inc.denied_by.sort();
        inc.denied_by.dedup();
    }
    out.sort_by(|a, b| a.id.cmp(&b.id));
    out
}

fn build(
    seed: usize,
    gs: &[usize],
    terms: Vec<usize>,
    groups: &[Group],
    mentions: &[FuseMention],
) -> Incident {
    let s = &groups[seed];
    let mut members: Vec<(usize, Role)> = gs
        .iter()
        .flat_map(|&g| groups[g].members.iter().map(|&i| (i, Role::Mention)))
        .chain(terms.into_iter().map(|i| (i, Role::Term)))
        .collect();
    members.sort_by(|a, b| {
        let (ma, mb) = (&mentions[a.0], &mentions[b.0]);
        (&ma.doc_hash, ma.event.trigger.start, &ma.event.id, a.1).cmp(&(
            &mb.doc_hash,
            mb.event.trigger.start,
            &mb.event.id,
            b.1,
        ))
    });
    members.dedup_by_key(|m| m.0);
    let mut sources: Vec<String> = members
        .iter()
        .filter(|m| m.1 == Role::Mention)
        .map(|m| source_of(&mentions[m.0]))
        .collect();
    sources.sort();
    sources.dedup_by(|a, b| a.to_lowercase() == b.to_lowercase());
    let docs: HashSet<&str> = members
        .iter()
        .map(|m| mentions[m.0].doc_hash.as_str())
        .collect();
    let reports: Vec<Date> = members
        .iter()
        .filter_map(|m| mentions[m.0].published)
        .collect();
    let date_last = gs.iter().filter_map(|&g| groups[g].date.map(|d| d.0)).max();
    Incident {
        id: format!(
            "inc-{}",
            id_hash(&[&s.doc_hash, &s.key, s.etype.as_str(), s.status.as_str()])
        ),
        event_type: s.etype,
        mode: s.mode,
        status: s.status,
        date: s.date.map(|d| d.0),
        precision: s.date.map(|d| d.1),
        date_last,
        place: s.place.clone(),
        members,
        sources,
        documents: docs.len(),
        first_report: reports.iter().min().copied(),
        last_report: reports.iter().max().copied(),
        denies: Vec::new(),
        denied_by: Vec::new(),
    }
}

fn compatible(a: &Group, b: &Group, t: &Thresholds, actors: &HashMap<String, Vec<String>>) -> bool {
    a.etype == b.etype && a.status == b.status && compatible_ignoring_status(a, b, t, actors)
}

fn compatible_ignoring_status(
    a: &Group,
    b: &Group,
    t: &Thresholds,
    actors: &HashMap<String, Vec<String>>,
) -> bool {
    let mode_ok = match (a.mode, b.mode) {
        (Some(x), Some(y)) => x == y,
        _ => true,
    };
    let place_ok = match (&a.place, &b.place) {
        (Some(x), Some(y)) => x == y || a.chain.contains(y) || b.chain.contains(x),
        (None, None) => t.fuse_without_place,
        _ => t.fuse_without_place,
    };
    let date_ok = match (a.date, b.date) {
        (Some(x), Some(y)) => dates_compatible(x, y, t),
        _ => false,
    };
    let coarse = match (a.date, b.date) {
        (Some(x), Some(y)) => x.1.max(y.1) >= Precision::Month,
        _ => false,
    };
    let named = !t.coarse_needs_actors || !coarse || (!a.actors.is_empty() && !b.actors.is_empty());
    mode_ok
        && place_ok
        && date_ok
        && named
        && actors_compatible(&a.actors, &b.actors, actors)
        && actors_compatible(&a.recipients, &b.recipients, actors)
}

/// Whether two dated reports can describe the same event: the coarser precision decides the
/// window (day ±`day_window`, week ±`week_window`, month: same calendar month, year: same
/// year when allowed).
pub fn dates_compatible(a: (Date, Precision), b: (Date, Precision), t: &Thresholds) -> bool {
    let gap = (a.0.to_days() - b.0.to_days()).abs();
    match a.1.max(b.1) {
        Precision::Day => gap <= t.day_window,
        Precision::Week => gap <= t.week_window,
        Precision::Month => {
            if t.month_same_month {
                a.0.year() == b.0.year() && a.0.month() == b.0.month()
            } else {
                gap <= t.month_window
            }
        }
        Precision::Year => t.fuse_year && a.0.year() == b.0.year(),
    }
}

/// Actors are compatible when either side is unknown, or some actor of one side is the same
/// as, an ancestor of, or a unit of some actor of the other.
fn actors_compatible(a: &[String], b: &[String], parents: &HashMap<String, Vec<String>>) -> bool {
    if a.is_empty() || b.is_empty() {
        return true;
    }
    let related = |x: &String, y: &String| {
        x == y
            || parents.get(x).is_some_and(|p| p.contains(y))
            || parents.get(y).is_some_and(|p| p.contains(x))
    };
    a.iter().any(|x| b.iter().any(|y| related(x, y)))
}

#[cfg(test)]
mod tests;

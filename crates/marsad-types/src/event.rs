//! Events and the `marsad/1` output line. See `docs/schema.md` for the field-by-field contract.

use crate::{Date, DocMeta, Precision};
use serde::{Deserialize, Serialize};
use std::fmt;

/// The 16 PLOVER event types.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum EventType {
    /// Agreements reached or signed, deals, settlements, pledges.
    Agree,
    /// Meetings, talks, negotiations, visits, calls.
    Consult,
    /// Verbal support, praise, endorsement.
    Support,
    /// Verbal concessions, amnesties, apologies.
    Concede,
    /// Mutual material cooperation, joint operations.
    Cooperate,
    /// Material aid: food, fuel, medicine, convoys, money, arms.
    Aid,
    /// Implemented concessions: withdrawal, handover, release, lifting a siege, access.
    Retreat,
    /// Demands, calls, appeals.
    Request,
    /// Condemnation, accusation, criticism, investigation.
    Accuse,
    /// Refusal of a request, order or proposal.
    Reject,
    /// Threats and ultimatums.
    Threaten,
    /// Demonstrations, strikes, sit-ins.
    Protest,
    /// Sanctions, expulsions, cutting ties, forced displacement.
    Sanction,
    /// Deployments, reinforcements, build-ups.
    Mobilize,
    /// Sieges, blockades, seizures, arrests, curfews.
    Coerce,
    /// Attacks, shelling, air strikes, clashes, killings, bombings.
    Assault,
}

impl EventType {
    /// All 16 types, in PLOVER order.
    pub const ALL: [EventType; 16] = [
        EventType::Agree,
        EventType::Consult,
        EventType::Support,
        EventType::Concede,
        EventType::Cooperate,
        EventType::Aid,
        EventType::Retreat,
        EventType::Request,
        EventType::Accuse,
        EventType::Reject,
        EventType::Threaten,
        EventType::Protest,
        EventType::Sanction,
        EventType::Mobilize,
        EventType::Coerce,
        EventType::Assault,
    ];

    /// The type as spelled in the guideline and the output (`"COERCE"`).
    pub fn as_str(self) -> &'static str {
        match self {
            EventType::Agree => "AGREE",
            EventType::Consult => "CONSULT",
            EventType::Support => "SUPPORT",
            EventType::Concede => "CONCEDE",
            EventType::Cooperate => "COOPERATE",
            EventType::Aid => "AID",
            EventType::Retreat => "RETREAT",
            EventType::Request => "REQUEST",
            EventType::Accuse => "ACCUSE",
            EventType::Reject => "REJECT",
            EventType::Threaten => "THREATEN",
            EventType::Protest => "PROTEST",
            EventType::Sanction => "SANCTION",
            EventType::Mobilize => "MOBILIZE",
            EventType::Coerce => "COERCE",
            EventType::Assault => "ASSAULT",
        }
    }

    /// Parses the guideline spelling (case-insensitive).
    pub fn parse(s: &str) -> Option<EventType> {
        EventType::ALL
            .into_iter()
            .find(|t| t.as_str().eq_ignore_ascii_case(s.trim()))
    }
}

impl fmt::Display for EventType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// PLOVER modes used by the guideline, spelled as there (`"heavy-weapons"`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
#[allow(missing_docs)]
pub enum Mode {
    // RETREAT
    Withdraw,
    Release,
    Ceasefire,
    Access,
    Disarm,
    Resign,
    // COERCE
    Seize,
    Restrict,
    Withhold,
    Arrest,
    Curfew,
    Deport,
    // ASSAULT
    Aerial,
    Drone,
    HeavyWeapons,
    Firearms,
    Explosives,
    Targeted,
    Abduct,
    // CONSULT
    Visit,
    ThirdParty,
    Multilateral,
    Phone,
    // ACCUSE
    Disapprove,
    Allege,
    Investigate,
    // SANCTION
    Expel,
    Discontinue,
}

impl Mode {
    /// Every mode with its spelling and the type it belongs to.
    pub const ALL: [(Mode, &'static str, EventType); 28] = [
        (Mode::Withdraw, "withdraw", EventType::Retreat),
        (Mode::Release, "release", EventType::Retreat),
        (Mode::Ceasefire, "ceasefire", EventType::Retreat),
        (Mode::Access, "access", EventType::Retreat),
        (Mode::Disarm, "disarm", EventType::Retreat),
        (Mode::Resign, "resign", EventType::Retreat),
        (Mode::Seize, "seize", EventType::Coerce),
        (Mode::Restrict, "restrict", EventType::Coerce),
        (Mode::Withhold, "withhold", EventType::Coerce),
        (Mode::Arrest, "arrest", EventType::Coerce),
        (Mode::Curfew, "curfew", EventType::Coerce),
        (Mode::Deport, "deport", EventType::Coerce),
        (Mode::Aerial, "aerial", EventType::Assault),
        (Mode::Drone, "drone", EventType::Assault),
        (Mode::HeavyWeapons, "heavy-weapons", EventType::Assault),
        (Mode::Firearms, "firearms", EventType::Assault),
        (Mode::Explosives, "explosives", EventType::Assault),
        (Mode::Targeted, "targeted", EventType::Assault),
        (Mode::Abduct, "abduct", EventType::Assault),
        (Mode::Visit, "visit", EventType::Consult),
        (Mode::ThirdParty, "third-party", EventType::Consult),
        (Mode::Multilateral, "multilateral", EventType::Consult),
        (Mode::Phone, "phone", EventType::Consult),
        (Mode::Disapprove, "disapprove", EventType::Accuse),
        (Mode::Allege, "allege", EventType::Accuse),
        (Mode::Investigate, "investigate", EventType::Accuse),
        (Mode::Expel, "expel", EventType::Sanction),
        (Mode::Discontinue, "discontinue", EventType::Sanction),
    ];

    /// The guideline spelling.
    pub fn as_str(self) -> &'static str {
        Mode::ALL
            .iter()
            .find(|m| m.0 == self)
            .map(|m| m.1)
            .unwrap_or("")
    }

    /// The event type this mode refines.
    pub fn event_type(self) -> EventType {
        Mode::ALL
            .iter()
            .find(|m| m.0 == self)
            .map(|m| m.2)
            .unwrap_or(EventType::Assault)
    }

    /// Parses the guideline spelling.
    pub fn parse(s: &str) -> Option<Mode> {
        Mode::ALL.iter().find(|m| m.1 == s.trim()).map(|m| m.0)
    }
}

impl fmt::Display for Mode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Whether and how the event happened (the guideline's `status`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    /// Reported as having happened or going on.
    Occurred,
    /// The text says it did not happen.
    Negated,
    /// A party denies the reported event.
    Denied,
    /// Agreed, ordered, stipulated or promised, not yet reported done.
    Planned,
    /// Announced or predicted for the future.
    Future,
    /// Conditional.
    Hypothetical,
    /// Generic or recurring, not one event.
    Habitual,
}

impl Status {
    /// All statuses.
    pub const ALL: [Status; 7] = [
        Status::Occurred,
        Status::Negated,
        Status::Denied,
        Status::Planned,
        Status::Future,
        Status::Hypothetical,
        Status::Habitual,
    ];

    /// The guideline spelling.
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Occurred => "occurred",
            Status::Negated => "negated",
            Status::Denied => "denied",
            Status::Planned => "planned",
            Status::Future => "future",
            Status::Hypothetical => "hypothetical",
            Status::Habitual => "habitual",
        }
    }

    /// Parses the guideline spelling.
    pub fn parse(s: &str) -> Option<Status> {
        Status::ALL.into_iter().find(|t| t.as_str() == s.trim())
    }
}

impl fmt::Display for Status {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A piece of the document: its text and code point offsets `[start, end)`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TextSpan {
    /// The characters as written.
    pub text: String,
    /// First code point.
    pub start: u32,
    /// One past the last code point.
    pub end: u32,
}

/// An actor, recipient or mediator of an event.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ActorRef {
    /// Surface form as written.
    pub text: String,
    /// First code point.
    pub start: u32,
    /// One past the last code point.
    pub end: u32,
    /// Canonical English name ("Syrian Democratic Forces"), when resolved.
    pub name: Option<String>,
    /// Knowledge-base id ("actor:sdf"), when resolved.
    pub id: Option<String>,
    /// PLOVER/CAMEO sector code (GOV, MIL, REB, ...), when known.
    pub sector: Option<String>,
    /// ISO 3166 alpha-3 country, when known.
    pub country: Option<String>,
}

/// A place where an event happened.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LocationRef {
    /// Surface form as written.
    pub text: String,
    /// First code point.
    pub start: u32,
    /// One past the last code point.
    pub end: u32,
    /// Canonical English name, when resolved.
    pub name: Option<String>,
    /// Canonical Arabic name, when resolved.
    pub name_ar: Option<String>,
    /// Gazetteer id, when resolved.
    pub id: Option<String>,
    /// Latitude (WGS84), when known.
    pub lat: Option<f64>,
    /// Longitude (WGS84), when known.
    pub lon: Option<f64>,
    /// First-level administrative unit (governorate) name.
    pub admin1: Option<String>,
    /// Kind of place (city, neighbourhood, facility, ...).
    pub feature: Option<String>,
    /// ACLED geo-precision: 1 named town/neighbourhood, 2 near/part of a region, 3 larger region.
    pub precision: Option<u8>,
}

/// When an event happened.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TimeRef {
    /// The time expression as written (none when the text gives no time).
    pub text: Option<String>,
    /// First code point of the expression.
    pub start: Option<u32>,
    /// One past its last code point.
    pub end: Option<u32>,
    /// Resolved date (`YYYY-MM-DD`); for month/year precision the first day (or the 15th for
    /// "mid-month").
    pub date: Option<Date>,
    /// How precise `date` is.
    pub precision: Option<Precision>,
    /// How it was resolved: `explicit`, `relative` (to the publication date), `unresolved`
    /// (an expression the document's missing publication date could not anchor), or
    /// `publication` (the text gives no time; the event is dated only by the report, whose
    /// publication date is in `doc.published`; `date` stays null, as the guideline dates only
    /// what the text fixes).
    pub basis: String,
}

/// An amount belonging to an event (40 tons of flour, 12 killed).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Quantity {
    /// The number.
    pub value: f64,
    /// Unit (`ton`, `person`, `day`, `vehicle`, ...), when given.
    pub unit: Option<String>,
    /// What is counted (`flour`, `killed`, `injured`, `evacuated`, ...), when given.
    pub item: Option<String>,
    /// `at_least`, `about`, `at_most`, `vague` (عشرات), or `subset` (part of another count of
    /// the event), when qualified.
    pub qualifier: Option<String>,
    /// The expression as written.
    pub text: String,
    /// First code point.
    pub start: u32,
    /// One past the last code point.
    pub end: u32,
}

impl Quantity {
    /// Whether this is a count of the dead that fatality figures take: killed, and not a
    /// `subset` of another count ("قتل 7 مدنيين بينهم طفلان": the 2 are among the 7).
    pub fn is_fatality_count(&self) -> bool {
        self.item.as_deref() == Some("killed") && self.qualifier.as_deref() != Some("subset")
    }
}

/// The length of a lasting state (a 46-day siege).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Duration {
    /// Length in days.
    pub days: f64,
    /// Qualifier (`at_least`, `about`, ...), when given.
    pub qualifier: Option<String>,
}

/// One link of an attribution chain (who said it).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Attribution {
    /// The source as written ("مصادر خاصة").
    pub text: String,
    /// First code point.
    pub start: u32,
    /// One past the last code point.
    pub end: u32,
    /// Canonical name, when resolved.
    pub name: Option<String>,
    /// `media`, `official`, `anonymous`, `party`, `report`, `person`, `social_media`, `other`.
    pub kind: String,
}

/// One event mention (see `docs/schema.md`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Event {
    /// Deterministic id: from the document id, the trigger span and the type.
    pub id: String,
    /// PLOVER type.
    #[serde(rename = "type")]
    pub event_type: EventType,
    /// PLOVER mode, if one fits.
    pub mode: Option<Mode>,
    /// Status.
    pub status: Status,
    /// The words that express the event.
    pub trigger: TextSpan,
    /// The sentence holding the trigger (code points).
    pub sentence: SentenceSpan,
    /// Who does it.
    pub actors: Vec<ActorRef>,
    /// To whom, against whom, who receives it.
    pub recipients: Vec<ActorRef>,
    /// Third parties that broker or sponsor it.
    pub mediators: Vec<ActorRef>,
    /// Where, most specific first.
    pub locations: Vec<LocationRef>,
    /// When.
    pub time: Option<TimeRef>,
    /// Amounts.
    pub quantities: Vec<Quantity>,
    /// Length of a lasting state.
    pub duration: Option<Duration>,
    /// Sources, outermost first; empty when the outlet speaks in its own voice.
    pub attribution: Vec<Attribution>,
    /// Confidence in [0, 1].
    pub confidence: f32,
    /// Id of the rule or lexicon entry that produced the event.
    pub rule: String,
    /// In-document coreference cluster: mentions of one real-world event share it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cluster: Option<String>,
    /// ISO 3166 alpha-3 country of the event, when known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub country: Option<String>,
    /// ACLED's event type and sub-event type, where ACLED would code the event
    /// (see [`crate::acled::classify`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub acled: Option<crate::acled::AcledView>,
}

/// A sentence's code point range.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct SentenceSpan {
    /// First code point.
    pub start: u32,
    /// One past the last code point.
    pub end: u32,
}

impl Event {
    /// The deterministic event id: a 64-bit FNV-1a hash of document id, trigger code point
    /// span and type, as 16 hex digits, prefixed by `ev-`.
    pub fn make_id(doc_id: &str, start: u32, end: u32, event_type: EventType) -> String {
        let mut h: u64 = 0xcbf2_9ce4_8422_2325;
        let mut eat = |bytes: &[u8]| {
            for b in bytes {
                h ^= u64::from(*b);
                h = h.wrapping_mul(0x0100_0000_01b3);
            }
        };
        eat(doc_id.as_bytes());
        eat(&[0]);
        eat(&start.to_le_bytes());
        eat(&end.to_le_bytes());
        eat(event_type.as_str().as_bytes());
        format!("ev-{h:016x}")
    }
}

/// One output line: a document and its events.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DocOutput {
    /// Always [`crate::SCHEMA`].
    pub schema: String,
    /// The engine that produced it ([`crate::ENGINE`]).
    pub engine: String,
    /// The document.
    pub doc: DocMeta,
    /// Its events, in text order.
    pub events: Vec<Event>,
}

impl DocOutput {
    /// An output line for `doc` with `events`, stamped with the schema and engine.
    pub fn new(doc: DocMeta, events: Vec<Event>) -> Self {
        DocOutput {
            schema: crate::SCHEMA.to_string(),
            engine: crate::ENGINE.to_string(),
            doc,
            events,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spellings_round_trip() {
        for t in EventType::ALL {
            assert_eq!(EventType::parse(t.as_str()), Some(t));
            let j = serde_json::to_string(&t).unwrap();
            assert_eq!(j, format!("\"{}\"", t.as_str()));
        }
        for (m, s, _) in Mode::ALL {
            assert_eq!(serde_json::to_string(&m).unwrap(), format!("\"{s}\""));
            assert_eq!(Mode::parse(s), Some(m));
        }
        for s in Status::ALL {
            assert_eq!(
                serde_json::to_string(&s).unwrap(),
                format!("\"{}\"", s.as_str())
            );
        }
    }

    #[test]
    fn event_ids_are_deterministic_and_distinct() {
        let a = Event::make_id("doc", 0, 5, EventType::Agree);
        assert_eq!(a, Event::make_id("doc", 0, 5, EventType::Agree));
        assert_ne!(a, Event::make_id("doc", 0, 5, EventType::Retreat));
        assert_ne!(a, Event::make_id("doc", 1, 5, EventType::Agree));
        assert_ne!(a, Event::make_id("doc2", 0, 5, EventType::Agree));
        assert_eq!(a.len(), 19);
    }
}

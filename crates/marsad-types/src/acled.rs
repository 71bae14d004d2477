//! The ACLED view of an event: ACLED's `disorder_type`, `event_type` and `sub_event_type`
//! where one applies, and the `inter` actor codes.
//!
//! ACLED codes political violence, protests and strategic developments that happened; it
//! has no category for talks, aid or verbal acts, and does not code planned, future,
//! hypothetical, habitual, negated or denied events. So only `occurred` events of the types
//! below get a view. Sieges and blockades have no ACLED event type of their own; they are
//! coded as strategic developments ("Other").

use crate::{ActorRef, Event, EventType, Mode, Status};
use serde::{Deserialize, Serialize};

/// ACLED's classification of one event.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct AcledClass {
    /// `Political violence`, `Demonstrations`, `Strategic developments`, or
    /// `Political violence; Demonstrations`.
    pub disorder_type: &'static str,
    /// `Battles`, `Explosions/Remote violence`, `Violence against civilians`, `Protests`,
    /// `Strategic developments`.
    pub event_type: &'static str,
    /// ACLED sub-event type (`Armed clash`, `Air/drone strike`, `Agreement`, ...).
    pub sub_event_type: &'static str,
}

/// The ACLED view as carried on an event in the output (`acled` field).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AcledView {
    /// ACLED `disorder_type`.
    pub disorder_type: String,
    /// ACLED `event_type`.
    pub event_type: String,
    /// ACLED `sub_event_type`.
    pub sub_event_type: String,
}

impl From<AcledClass> for AcledView {
    fn from(c: AcledClass) -> Self {
        AcledView {
            disorder_type: c.disorder_type.to_string(),
            event_type: c.event_type.to_string(),
            sub_event_type: c.sub_event_type.to_string(),
        }
    }
}

const PV: &str = "Political violence";
const SD: &str = "Strategic developments";

fn class(disorder_type: &'static str, event_type: &'static str, sub: &'static str) -> AcledClass {
    AcledClass {
        disorder_type,
        event_type,
        sub_event_type: sub,
    }
}

fn is_civilian(a: &ActorRef) -> bool {
    a.sector.as_deref() == Some("CVL")
}

/// ACLED's classification of `e`, or `None` where ACLED has no category or would not code
/// the event (anything not `occurred`).
pub fn classify(e: &Event) -> Option<AcledClass> {
    let against_civilians = !e.recipients.is_empty() && e.recipients.iter().all(is_civilian);
    classify_parts(e.event_type, e.mode, e.status, against_civilians)
}

/// [`classify`] from an event's parts: its type, mode, status, and whether all its
/// recipients are civilians. A seizure is a non-violent transfer of territory: the fighting
/// around it, if any, is its own ASSAULT event (coded as a battle), so it is not counted twice.
pub fn classify_parts(
    event_type: EventType,
    mode: Option<Mode>,
    status: Status,
    against_civilians: bool,
) -> Option<AcledClass> {
    if status != Status::Occurred {
        return None;
    }
    Some(match (event_type, mode) {
        (EventType::Assault, Some(Mode::Aerial | Mode::Drone)) => {
            class(PV, "Explosions/Remote violence", "Air/drone strike")
        }
        (EventType::Assault, Some(Mode::HeavyWeapons)) => class(
            PV,
            "Explosions/Remote violence",
            "Shelling/artillery/missile attack",
        ),
        (EventType::Assault, Some(Mode::Explosives)) => class(
            PV,
            "Explosions/Remote violence",
            "Remote explosive/landmine/IED",
        ),
        (EventType::Assault, Some(Mode::Abduct)) => class(
            PV,
            "Violence against civilians",
            "Abduction/forced disappearance",
        ),
        (EventType::Assault, Some(Mode::Targeted)) => {
            class(PV, "Violence against civilians", "Attack")
        }
        (EventType::Assault, _) if against_civilians => {
            class(PV, "Violence against civilians", "Attack")
        }
        (EventType::Assault, _) => class(PV, "Battles", "Armed clash"),
        (EventType::Coerce, Some(Mode::Seize)) | (EventType::Retreat, Some(Mode::Withdraw)) => {
            class(SD, SD, "Non-violent transfer of territory")
        }
        (EventType::Coerce, Some(Mode::Arrest)) => class(SD, SD, "Arrests"),
        (EventType::Coerce | EventType::Retreat | EventType::Mobilize, _) => class(SD, SD, "Other"),
        (EventType::Sanction, Some(Mode::Expel)) => class(SD, SD, "Other"),
        (EventType::Agree, _) => class(SD, SD, "Agreement"),
        (EventType::Protest, _) => class("Demonstrations", "Protests", "Peaceful protest"),
        _ => return None,
    })
}

/// ACLED's `inter` code of an actor from its sector and country: 1 state forces, 2 rebel
/// groups, 3 political militias, 4 identity militias, 6 protesters, 7 civilians (media
/// included), 8 external or other forces; 0 when unknown. `event_country` is where the event
/// happened (state forces of another country are external forces, 8).
pub fn inter_code(a: &ActorRef, event_country: Option<&str>) -> u8 {
    let foreign = match (a.country.as_deref(), event_country) {
        (Some(c), Some(ec)) => c != ec,
        _ => false,
    };
    inter_of_sector(a.sector.as_deref().unwrap_or(""), foreign)
}

/// ACLED's `inter` code of a sector (CAMEO codes as the knowledge base writes them: GOV, MIL,
/// COP, SPY, LEG, REB, OPP, UAF, CVL, REF, MED, IGO, NGO, ...); `foreign` state forces are
/// external forces (8). 0 when the sector is unknown.
pub fn inter_of_sector(sector: &str, foreign: bool) -> u8 {
    match sector {
        "GOV" | "MIL" | "COP" | "SPY" | "LEG" if foreign => 8,
        "GOV" | "MIL" | "COP" | "SPY" | "LEG" => 1,
        "REB" | "INS" | "JIH" | "OPP" => 2,
        "PTY" | "UAF" | "PRM" => 3,
        "ETH" | "REL" | "TRB" => 4,
        "PRO" => 6,
        "CVL" | "REF" | "EDU" | "MED" | "HLH" | "LAB" | "BUS" => 7,
        "IGO" | "NGO" => 8,
        _ => 0,
    }
}

/// ACLED's `interaction`: the two inter codes, the smaller first, or one code followed by 0.
pub fn interaction(inter1: u8, inter2: u8) -> String {
    match (inter1, inter2) {
        (0, 0) => String::new(),
        (a, 0) | (0, a) => format!("{a}0"),
        (a, b) => format!("{}{}", a.min(b), a.max(b)),
    }
}

/// ISO 3166 numeric code, English name and ACLED region of the countries marsad reports on
/// most, from their alpha-3 code.
pub fn country_info(alpha3: &str) -> Option<(&'static str, &'static str, &'static str)> {
    Some(match alpha3 {
        "SYR" => ("760", "Syria", "Middle East"),
        "IRQ" => ("368", "Iraq", "Middle East"),
        "TUR" => ("792", "Turkey", "Middle East"),
        "LBN" => ("422", "Lebanon", "Middle East"),
        "JOR" => ("400", "Jordan", "Middle East"),
        "ISR" => ("376", "Israel", "Middle East"),
        "PSE" => ("275", "Palestine", "Middle East"),
        "YEM" => ("887", "Yemen", "Middle East"),
        "SAU" => ("682", "Saudi Arabia", "Middle East"),
        "IRN" => ("364", "Iran", "Middle East"),
        "EGY" => ("818", "Egypt", "Northern Africa"),
        "LBY" => ("434", "Libya", "Northern Africa"),
        "TUN" => ("788", "Tunisia", "Northern Africa"),
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{SentenceSpan, TextSpan};

    fn ev(t: EventType, m: Option<Mode>, s: Status) -> Event {
        Event {
            id: "ev".into(),
            event_type: t,
            mode: m,
            status: s,
            trigger: TextSpan {
                text: "قصف".into(),
                start: 0,
                end: 3,
            },
            sentence: SentenceSpan { start: 0, end: 3 },
            actors: vec![],
            recipients: vec![],
            mediators: vec![],
            locations: vec![],
            time: None,
            quantities: vec![],
            duration: None,
            attribution: vec![],
            confidence: 1.0,
            rule: "t".into(),
            cluster: None,
            country: None,
            acled: None,
        }
    }

    fn actor(sector: &str, country: &str) -> ActorRef {
        ActorRef {
            text: "x".into(),
            start: 0,
            end: 1,
            name: None,
            id: None,
            sector: Some(sector.into()),
            country: Some(country.into()),
        }
    }

    #[test]
    fn assault_modes_map_to_acled_sub_events() {
        let c = classify(&ev(
            EventType::Assault,
            Some(Mode::Aerial),
            Status::Occurred,
        ))
        .unwrap();
        assert_eq!(c.sub_event_type, "Air/drone strike");
        let c = classify(&ev(
            EventType::Assault,
            Some(Mode::HeavyWeapons),
            Status::Occurred,
        ));
        assert_eq!(
            c.unwrap().sub_event_type,
            "Shelling/artillery/missile attack"
        );
        let mut e = ev(EventType::Assault, None, Status::Occurred);
        assert_eq!(classify(&e).unwrap().sub_event_type, "Armed clash");
        e.recipients.push(actor("CVL", "SYR"));
        assert_eq!(
            classify(&e).unwrap().event_type,
            "Violence against civilians"
        );
    }

    #[test]
    fn only_occurred_events_have_a_view() {
        for s in Status::ALL {
            let c = classify(&ev(EventType::Agree, None, s));
            assert_eq!(c.is_some(), s == Status::Occurred, "{s}");
        }
        assert!(classify(&ev(EventType::Consult, None, Status::Occurred)).is_none());
        assert_eq!(
            classify(&ev(EventType::Agree, None, Status::Occurred))
                .unwrap()
                .sub_event_type,
            "Agreement"
        );
    }

    #[test]
    fn inter_codes() {
        assert_eq!(inter_code(&actor("MIL", "SYR"), Some("SYR")), 1);
        assert_eq!(inter_code(&actor("MIL", "RUS"), Some("SYR")), 8);
        assert_eq!(inter_code(&actor("REB", "SYR"), Some("SYR")), 2);
        assert_eq!(inter_code(&actor("CVL", "SYR"), Some("SYR")), 7);
    }
}

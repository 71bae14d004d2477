//! The knowledge base's entries: places, actors, and references to them.

use serde::Serialize;
use std::fmt;

/// What kind of place an entry is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum PlaceKind {
    /// A sovereign country (or territory).
    Country,
    /// Syrian governorate (muhafaza), admin 1.
    Governorate,
    /// District (mantiqa), admin 2.
    District,
    /// Sub-district (nahiya), admin 3.
    Subdistrict,
    /// City.
    City,
    /// Town.
    Town,
    /// Village.
    Village,
    /// Neighbourhood, quarter or camp inside a city.
    Neighbourhood,
    /// A region used as a place (الغوطة الشرقية, ريف حلب, شمال سوريا).
    Region,
    /// A facility: bakery, hospital, airport, air base, prison, dam, oil field, roundabout.
    Facility,
    /// A border crossing.
    Crossing,
}

impl PlaceKind {
    /// All kinds.
    pub const ALL: [PlaceKind; 11] = [
        PlaceKind::Country,
        PlaceKind::Governorate,
        PlaceKind::District,
        PlaceKind::Subdistrict,
        PlaceKind::City,
        PlaceKind::Town,
        PlaceKind::Village,
        PlaceKind::Neighbourhood,
        PlaceKind::Region,
        PlaceKind::Facility,
        PlaceKind::Crossing,
    ];

    /// The spelling in data files and output (`"subdistrict"`).
    pub fn as_str(self) -> &'static str {
        match self {
            PlaceKind::Country => "country",
            PlaceKind::Governorate => "governorate",
            PlaceKind::District => "district",
            PlaceKind::Subdistrict => "subdistrict",
            PlaceKind::City => "city",
            PlaceKind::Town => "town",
            PlaceKind::Village => "village",
            PlaceKind::Neighbourhood => "neighbourhood",
            PlaceKind::Region => "region",
            PlaceKind::Facility => "facility",
            PlaceKind::Crossing => "crossing",
        }
    }

    /// Parses a data-file spelling (a few synonyms accepted).
    pub fn parse(s: &str) -> Option<PlaceKind> {
        Some(match s.trim().to_ascii_lowercase().as_str() {
            "country" => PlaceKind::Country,
            "governorate" | "admin1" | "province" => PlaceKind::Governorate,
            "district" | "admin2" => PlaceKind::District,
            "subdistrict" | "sub-district" | "admin3" | "nahiya" => PlaceKind::Subdistrict,
            "city" => PlaceKind::City,
            "town" => PlaceKind::Town,
            "village" => PlaceKind::Village,
            "neighbourhood" | "neighborhood" | "camp" | "quarter" => PlaceKind::Neighbourhood,
            "region" => PlaceKind::Region,
            "facility" => PlaceKind::Facility,
            "crossing" | "border crossing" => PlaceKind::Crossing,
            _ => return None,
        })
    }

    /// ACLED geo-precision of a plain mention of a place of this kind: 1 for a named town,
    /// neighbourhood or site, 2 for districts and sub-districts, 3 for governorates and countries.
    pub fn default_precision(self) -> u8 {
        match self {
            PlaceKind::Country | PlaceKind::Governorate => 3,
            PlaceKind::District | PlaceKind::Subdistrict | PlaceKind::Region => 2,
            _ => 1,
        }
    }

    /// Prior preference when a name is ambiguous and context says nothing (higher wins).
    pub(crate) fn prior(self) -> f32 {
        match self {
            PlaceKind::Country => 6.0,
            PlaceKind::City => 4.0,
            PlaceKind::Governorate => 3.5,
            PlaceKind::Region => 3.0,
            PlaceKind::Town => 2.6,
            PlaceKind::Crossing | PlaceKind::Facility => 2.5,
            PlaceKind::Neighbourhood => 2.2,
            PlaceKind::Village => 2.0,
            PlaceKind::District => 1.5,
            PlaceKind::Subdistrict => 1.0,
        }
    }

    /// Whether the kind is a settlement (city, town, village).
    pub fn is_settlement(self) -> bool {
        matches!(self, PlaceKind::City | PlaceKind::Town | PlaceKind::Village)
    }
}

impl fmt::Display for PlaceKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One place of the gazetteer.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Place {
    /// Stable id: `geonames:170063`, `ocha:C1007`, `pcode:SY0200`, `curated:sheikh-maqsoud`.
    pub id: String,
    /// Other ids of the same place (a GeoNames id of an OCHA community, ...).
    pub other_ids: Vec<String>,
    /// Canonical English name.
    pub name_en: String,
    /// Canonical Arabic name.
    pub name_ar: String,
    /// All names and spelling variants (Arabic and Latin), canonical ones included.
    pub names: Vec<String>,
    /// Kind of place.
    pub kind: PlaceKind,
    /// Index of the parent place (neighbourhood → city → sub-district → district →
    /// governorate → country), when known.
    pub parent: Option<u32>,
    /// Latitude (WGS84).
    pub lat: Option<f64>,
    /// Longitude (WGS84).
    pub lon: Option<f64>,
    /// ISO 3166 alpha-3 country code.
    pub country: String,
    /// First-level administrative unit (governorate / province) English name.
    pub admin1: Option<String>,
    /// Where the entry comes from (`geonames`, `ocha`, `opensyria`, `curated`, a user file).
    pub source: String,
    /// Coordinates are an approximation (a parent's centroid or a rough placement).
    pub approximate: bool,
    /// ACLED geo-precision of a plain mention of this place.
    pub precision: u8,
    /// The name is also a common word: matched only after a cue (قرية، بلدة، حي ...).
    pub needs_cue: bool,
    /// Population, when known (a prior for ambiguous names).
    pub population: u32,
    /// Curated: the best-known place of its name (Madaya near Damascus, not the village in
    /// Idlib); a small prior when context says nothing.
    pub prominent: bool,
}

/// What kind of actor an entry is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ActorKind {
    /// A state or its government as a whole.
    State,
    /// A government body, ministry, agency or council.
    Agency,
    /// An armed group, faction or militia.
    ArmedGroup,
    /// A military or security unit (a division, a branch).
    Unit,
    /// A political party or movement.
    Party,
    /// An official designated by title (محافظ الحسكة) or a named person.
    Person,
    /// An international or non-governmental organisation.
    Organization,
    /// A media outlet or news agency.
    Media,
    /// An anonymous or generic source (مصادر محلية، ناشطون).
    Source,
    /// A collective (civilians, residents, tribes, refugees).
    Collective,
}

impl ActorKind {
    /// All kinds.
    pub const ALL: [ActorKind; 10] = [
        ActorKind::State,
        ActorKind::Agency,
        ActorKind::ArmedGroup,
        ActorKind::Unit,
        ActorKind::Party,
        ActorKind::Person,
        ActorKind::Organization,
        ActorKind::Media,
        ActorKind::Source,
        ActorKind::Collective,
    ];

    /// The spelling in data files (`"armed_group"`).
    pub fn as_str(self) -> &'static str {
        match self {
            ActorKind::State => "state",
            ActorKind::Agency => "agency",
            ActorKind::ArmedGroup => "armed_group",
            ActorKind::Unit => "unit",
            ActorKind::Party => "party",
            ActorKind::Person => "person",
            ActorKind::Organization => "organization",
            ActorKind::Media => "media",
            ActorKind::Source => "source",
            ActorKind::Collective => "collective",
        }
    }

    /// Parses a data-file spelling.
    pub fn parse(s: &str) -> Option<ActorKind> {
        let s = s.trim().to_ascii_lowercase().replace([' ', '-'], "_");
        ActorKind::ALL
            .into_iter()
            .find(|k| k.as_str() == s)
            .or(match s.as_str() {
                "official" => Some(ActorKind::Person),
                "group" | "militia" => Some(ActorKind::ArmedGroup),
                "igo" | "ngo" | "org" => Some(ActorKind::Organization),
                "anonymous" | "anonymous_source" => Some(ActorKind::Source),
                "media_outlet" | "outlet" => Some(ActorKind::Media),
                _ => None,
            })
    }
}

impl fmt::Display for ActorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One actor of the lexicon.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Actor {
    /// Stable id (`actor:sdf`, `actor:syr-gov-forces`, `state:RUS`).
    pub id: String,
    /// Canonical English name as the guideline spells it ("Syrian Democratic Forces").
    pub name: String,
    /// Kind of actor.
    pub kind: ActorKind,
    /// PLOVER/CAMEO sector code (GOV, MIL, REB, PTY, CVL, MED, IGO, NGO, ...).
    pub sector: String,
    /// ISO 3166 alpha-3 country, when the actor belongs to one.
    pub country: Option<String>,
    /// Index of the parent actor (4th Division → Syrian Arab Army → Syrian government).
    pub parent: Option<u32>,
    /// Ids of allied actors (Asayish ↔ SDF).
    pub allies: Vec<String>,
    /// Arabic (and Latin) aliases as written in the data, canonical first.
    pub aliases: Vec<String>,
    /// Adjective stems (روسي → روسية، الروسي، روس ...) expanded at load time.
    pub adjectives: Vec<String>,
    /// Back-references (التنظيم، الهيئة، الفرقة) that name this actor only after it was named
    /// earlier in the same document.
    pub anaphors: Vec<String>,
    /// Where the entry comes from (`curated`, `country-table`, a user file).
    pub source: String,
}

/// A reference to a knowledge-base entry: an index into the places or the actors.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub enum EntryRef {
    /// A place ([`crate::Kb::place`]).
    Place(u32),
    /// An actor ([`crate::Kb::actor`]).
    Actor(u32),
}

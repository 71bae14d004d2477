//! Entity kinds, BIO labels, transition constraints and BIO-to-span decoding.

use std::fmt;
use std::ops::Range;

/// The four ANERcorp entity kinds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum EntityKind {
    /// A person.
    Pers,
    /// A location (GPEs included).
    Loc,
    /// An organisation.
    Org,
    /// Anything else named (events, products, nationalities...).
    Misc,
}

impl EntityKind {
    /// All kinds, in label order.
    pub const ALL: [EntityKind; 4] = [
        EntityKind::Pers,
        EntityKind::Loc,
        EntityKind::Org,
        EntityKind::Misc,
    ];

    /// The ANERcorp spelling (`PERS`, `LOC`, `ORG`, `MISC`).
    pub fn as_str(self) -> &'static str {
        match self {
            EntityKind::Pers => "PERS",
            EntityKind::Loc => "LOC",
            EntityKind::Org => "ORG",
            EntityKind::Misc => "MISC",
        }
    }

    /// Parses `PERS`/`PER`, `LOC`, `ORG`, `MISC`/`MIS`.
    pub fn parse(s: &str) -> Option<EntityKind> {
        match s {
            "PERS" | "PER" => Some(EntityKind::Pers),
            "LOC" => Some(EntityKind::Loc),
            "ORG" => Some(EntityKind::Org),
            "MISC" | "MIS" => Some(EntityKind::Misc),
            _ => None,
        }
    }

    /// The kind's position in [`EntityKind::ALL`].
    pub(crate) fn index(self) -> usize {
        match self {
            EntityKind::Pers => 0,
            EntityKind::Loc => 1,
            EntityKind::Org => 2,
            EntityKind::Misc => 3,
        }
    }
}

impl fmt::Display for EntityKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Number of BIO labels (O + B/I for each of the four kinds).
pub const NUM_LABELS: usize = 9;

/// A BIO label: `O`, `B-kind` or `I-kind`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Tag {
    /// Outside any entity.
    O,
    /// First token of an entity.
    B(EntityKind),
    /// Continuation of an entity.
    I(EntityKind),
}

impl Tag {
    /// The label index in `0..NUM_LABELS`.
    pub fn index(self) -> usize {
        match self {
            Tag::O => 0,
            Tag::B(k) => 1 + 2 * k.index(),
            Tag::I(k) => 2 + 2 * k.index(),
        }
    }

    /// The tag of a label index (out-of-range indices give `O`).
    pub fn from_index(i: usize) -> Tag {
        if i == 0 || i >= NUM_LABELS {
            return Tag::O;
        }
        let k = EntityKind::ALL[(i - 1) / 2];
        if (i - 1).is_multiple_of(2) {
            Tag::B(k)
        } else {
            Tag::I(k)
        }
    }

    /// Parses `O`, `B-PERS`, `I-LOC`, ...; unknown kinds give `None`.
    pub fn parse(s: &str) -> Option<Tag> {
        if s == "O" {
            return Some(Tag::O);
        }
        let (bi, kind) = s.split_once('-')?;
        let k = EntityKind::parse(kind)?;
        match bi {
            "B" => Some(Tag::B(k)),
            "I" => Some(Tag::I(k)),
            _ => None,
        }
    }

    /// The entity kind, if any.
    pub fn kind(self) -> Option<EntityKind> {
        match self {
            Tag::O => None,
            Tag::B(k) | Tag::I(k) => Some(k),
        }
    }
}

impl fmt::Display for Tag {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Tag::O => f.write_str("O"),
            Tag::B(k) => write!(f, "B-{k}"),
            Tag::I(k) => write!(f, "I-{k}"),
        }
    }
}

/// Whether label `cur` may follow label `prev` (`None` = sentence start) under BIO:
/// `I-X` only after `B-X` or `I-X`.
pub fn allowed(prev: Option<usize>, cur: usize) -> bool {
    match Tag::from_index(cur) {
        Tag::I(k) => match prev {
            Some(p) => Tag::from_index(p).kind() == Some(k) && p != 0,
            None => false,
        },
        _ => true,
    }
}

/// Token-index spans of the entities in a BIO sequence, CoNLL (conlleval) style: an `I-X`
/// that does not continue an `X` entity starts a new one.
pub fn spans(tags: &[Tag]) -> Vec<(Range<usize>, EntityKind)> {
    let mut out = Vec::new();
    let mut open: Option<(usize, EntityKind)> = None;
    for (i, t) in tags.iter().enumerate() {
        match *t {
            Tag::O => {
                if let Some((s, k)) = open.take() {
                    out.push((s..i, k));
                }
            }
            Tag::B(k) => {
                if let Some((s, pk)) = open.take() {
                    out.push((s..i, pk));
                }
                open = Some((i, k));
            }
            Tag::I(k) => match open {
                Some((_, pk)) if pk == k => {}
                _ => {
                    if let Some((s, pk)) = open.take() {
                        out.push((s..i, pk));
                    }
                    open = Some((i, k));
                }
            },
        }
    }
    if let Some((s, k)) = open {
        out.push((s..tags.len(), k));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn label_index_round_trip() {
        for i in 0..NUM_LABELS {
            assert_eq!(Tag::from_index(i).index(), i);
        }
        assert_eq!(Tag::parse("B-PERS"), Some(Tag::B(EntityKind::Pers)));
        assert_eq!(Tag::parse("I-MISC"), Some(Tag::I(EntityKind::Misc)));
        assert_eq!(Tag::parse("B-GPE"), None);
        assert_eq!(Tag::B(EntityKind::Loc).to_string(), "B-LOC");
    }

    #[test]
    fn bio_constraints() {
        let b_loc = Tag::B(EntityKind::Loc).index();
        let i_loc = Tag::I(EntityKind::Loc).index();
        let i_org = Tag::I(EntityKind::Org).index();
        assert!(!allowed(None, i_loc));
        assert!(allowed(None, b_loc));
        assert!(allowed(Some(b_loc), i_loc));
        assert!(allowed(Some(i_loc), i_loc));
        assert!(!allowed(Some(b_loc), i_org));
        assert!(!allowed(Some(0), i_loc));
        assert!(allowed(Some(i_org), 0));
    }

    #[test]
    fn bio_to_spans_conlleval_style() {
        use EntityKind::*;
        // محمد علي في دمشق ، وزارة الخارجية
        let tags = [
            Tag::B(Pers),
            Tag::I(Pers),
            Tag::O,
            Tag::B(Loc),
            Tag::O,
            Tag::I(Org), // stray I starts an entity
            Tag::I(Org),
            Tag::B(Org),
        ];
        assert_eq!(
            spans(&tags),
            vec![(0..2, Pers), (3..4, Loc), (5..7, Org), (7..8, Org)]
        );
        assert_eq!(
            spans(&[Tag::B(Loc), Tag::I(Pers)]),
            vec![(0..1, Loc), (1..2, Pers)]
        );
        assert!(spans(&[]).is_empty());
    }
}

//! The shared vocabulary of marsad: documents, spans, dates, events and the `marsad/1`
//! output schema (documented in `docs/schema.md`).
//!
//! This crate is deliberately tiny and I/O-free: every other crate depends on it, and it
//! depends only on serde.
//!
//! Offsets: inside the engine all spans are **byte** ranges into a document's full text
//! (see [`Document::full_text`]). In the output (`marsad/1`) every `start`/`end` is a
//! **Unicode code point** offset; [`CharOffsets`] converts between the two.

#![forbid(unsafe_code)]
#![warn(missing_docs)]

pub mod acled;
mod date;
mod document;
mod event;
mod offsets;

pub use date::{Date, DateError, Precision};
pub use document::{DocMeta, Document};
pub use event::{
    ActorRef, Attribution, DocOutput, Duration, Event, EventType, LocationRef, Mode, Quantity,
    SentenceSpan, Status, TextSpan, TimeRef,
};
pub use offsets::CharOffsets;

/// The schema identifier written on every output line.
pub const SCHEMA: &str = "marsad/1";

/// The engine identifier written on every output line (`marsad <crate version>`).
pub const ENGINE: &str = concat!("marsad ", env!("CARGO_PKG_VERSION"));

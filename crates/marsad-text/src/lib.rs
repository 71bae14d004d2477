//! I/O-free Arabic text core: normalization with offset maps, sentences, tokens, clitics,
//! numbers and dates.
//!
//! Everything here is infallible (no panics on any input), std-only apart from
//! `marsad-types`, and works on **byte** ranges into the caller's original text, always on
//! character boundaries. The original text is never altered: [`normalize()`] keeps a map back
//! to it ([`Normalized::to_original`]).
//!
//! | module | entry points |
//! |---|---|
//! | [`normalize`](mod@normalize) | [`normalize()`], [`normalize_word`], [`Normalized::to_original`] |
//! | [`sentences`](mod@sentences) | [`sentences()`] |
//! | [`tokens`] | [`tokenize`], [`for_each_token`], [`Token`], [`TokenKind`] |
//! | [`clitics`] | [`segment`], [`strip_prefixes`], [`strip_suffixes`] |
//! | [`numbers`] | [`find_quantities`], [`parse_number`], [`QuantityMention`], [`Unit`], [`Qualifier`] |
//! | [`dates`] | [`find_times`], [`hijri_to_gregorian`], [`TimeMention`], [`Basis`] |

#![forbid(unsafe_code)]
#![warn(missing_docs)]

pub mod clitics;
pub mod dates;
mod fastmap;
pub mod normalize;
pub mod numbers;
mod presentation;
pub mod sentences;
pub mod tokens;

pub use clitics::{segment, strip_prefixes, strip_suffixes, Segmentation, StemStart};
pub use dates::{
    find_times, find_times_in, gregorian_to_hijri, hijri_to_gregorian, Basis, TimeMention,
};
pub use normalize::{is_normalized, normalize, normalize_into, normalize_word, Normalized};
pub use numbers::{
    find_quantities, find_quantities_in, parse_number, unit_of_word, GrammaticalNumber, Qualifier,
    QuantityMention, Unit,
};
pub use sentences::sentences;
pub use tokens::{for_each_token, tokenize, Token, TokenKind};

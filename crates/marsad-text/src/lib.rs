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

//!
//! For a whole document, tokenize once and share the tokens:
//!
//! ```
//! use marsad_text::{find_quantities_in, find_times_in, sentences, tokenize};
//! let text = "قالت مصادر أول أمس إن 40 طناً من الطحين وصلت بعد حصار دام 46 يوماً.";
//! let published = "2018-04-03".parse().ok();
//! let toks = tokenize(text);
//! let times = find_times_in(text, &toks, published);
//! let spans: Vec<_> = times.iter().filter(|t| !t.since).map(|t| t.span.clone()).collect();
//! let amounts = find_quantities_in(text, &toks, &spans);
//! assert_eq!(times[0].date.unwrap().to_string(), "2018-04-01");
//! assert_eq!(amounts.iter().map(|q| q.value).collect::<Vec<_>>(), [40.0, 46.0]);
//! assert_eq!(sentences(text).len(), 1);
//! ```
//!
//! Checks: `cargo test -p marsad-text` (unit tests with Arabic cases, property tests in
//! `tests/properties.rs`, large inputs in `tests/large_inputs.rs`); throughput on real news:
//! `cargo bench -p marsad-text --bench text_core` (needs `../shared`, skips otherwise);
//! fuzzing: `fuzz/README.md` at the repository root.

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

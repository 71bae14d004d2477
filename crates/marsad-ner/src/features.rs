//! Hashed feature extraction: each token gets a list of row indices into the weight table.

use crate::lexicon::LexEntry;
use crate::resources::{Resources, EMB_LEVELS};
use crate::text::{has_edge_punct, normalize, normalize_to, shape, strip_proclitics};
use std::collections::HashMap;

const K1: u64 = 0x9E37_79B9_7F4A_7C15;
const K2: u64 = 0xC2B2_AE3D_27D4_EB4F;

/// A fast, stable 64-bit hash of bytes (same value on every platform and run).
pub fn hash_bytes(b: &[u8]) -> u64 {
    let mut h: u64 = 0xCBF2_9CE4_8422_2325 ^ (b.len() as u64).wrapping_mul(K2);
    let mut chunks = b.chunks_exact(8);
    for c in &mut chunks {
        let mut a = [0u8; 8];
        a.copy_from_slice(c);
        h = (h ^ u64::from_le_bytes(a)).wrapping_mul(K1).rotate_left(29);
    }
    let rem = chunks.remainder();
    if !rem.is_empty() {
        let mut a = [0u8; 8];
        a[..rem.len()].copy_from_slice(rem);
        h = (h ^ u64::from_le_bytes(a)).wrapping_mul(K1).rotate_left(29);
    }
    fmix(h)
}

#[inline]
fn fmix(mut h: u64) -> u64 {
    h ^= h >> 33;
    h = h.wrapping_mul(0xFF51_AFD7_ED55_8CCD);
    h ^= h >> 33;
    h = h.wrapping_mul(0xC4CE_B9FE_1A85_EC53);
    h ^ (h >> 33)
}

/// A fast, deterministic hasher for the string-keyed tables (SipHash is the bottleneck of
/// the look-ups otherwise; the keys are not attacker-chosen in a way that matters here).
#[derive(Debug, Default, Clone, Copy)]
pub struct FastHasher(u64);

impl std::hash::Hasher for FastHasher {
    fn finish(&self) -> u64 {
        fmix(self.0)
    }
    fn write(&mut self, bytes: &[u8]) {
        self.0 = (self.0.rotate_left(23) ^ hash_bytes(bytes)).wrapping_mul(K1);
    }
    fn write_u8(&mut self, i: u8) {
        self.0 = (self.0.rotate_left(23) ^ u64::from(i)).wrapping_mul(K1);
    }
    fn write_u64(&mut self, i: u64) {
        self.0 = (self.0.rotate_left(23) ^ i).wrapping_mul(K1);
    }
    fn write_usize(&mut self, i: usize) {
        self.write_u64(i as u64)
    }
}

/// A `HashMap` with [`FastHasher`].
pub type FastMap<K, V> = HashMap<K, V, std::hash::BuildHasherDefault<FastHasher>>;

/// Combines two hashes (order-sensitive).
#[inline]
pub fn mix(a: u64, b: u64) -> u64 {
    fmix(a.wrapping_mul(K1) ^ b.rotate_left(17).wrapping_add(K2))
}

/// The row of the always-on bias feature for a `bits`-bit table.
pub fn bias_row(bits: u32) -> usize {
    (mix(1, 0) >> (64 - bits)) as usize
}

const PAD_L: u64 = 0x1111;
/// Embedding-cluster value of a position outside the sentence.
const EMB_PAD: u64 = 0x1_0000;
/// Embedding-cluster value of a word without a cluster.
const EMB_UNKNOWN: u64 = 0x1_0001;
const PAD_R: u64 = 0x2222;

/// Per-token information computed once per sentence.
#[derive(Debug, Clone, Default)]
struct TokInfo {
    raw: u64,
    norm: u64,
    stem: u64,
    pc: u64,
    pre: [u64; 4],
    suf: [u64; 4],
    shape: u64,
    cluster: Option<(u64, u8)>,
    emb: Option<[u16; EMB_LEVELS]>,
    gaz: u8,
    kb: u8,
    edge: bool,
    lex: Option<LexEntry>,
}

/// Reusable buffers for feature extraction.
#[derive(Debug, Default)]
pub struct Scratch {
    norms: Vec<String>,
    info: Vec<TokInfo>,
    gaz: Vec<u8>,
    kbgaz: Vec<u8>,
    quote: Vec<bool>,
}

/// Organisation head words (وزارة، حزب، جبهة ...): normalized stems, hashed.
fn org_heads() -> &'static [u64] {
    static HEADS: std::sync::OnceLock<Vec<u64>> = std::sync::OnceLock::new();
    HEADS.get_or_init(|| {
        [
            "وزارة",
            "حزب",
            "جبهة",
            "حركة",
            "منظمة",
            "شركة",
            "جامعة",
            "وكالة",
            "مجلس",
            "هيئة",
            "اتحاد",
            "جمعية",
            "بنك",
            "صحيفة",
            "قناة",
        ]
        .iter()
        .map(|w| {
            let n = normalize(w);
            hash_bytes(strip_proclitics(&n).1.as_bytes())
        })
        .collect()
    })
}

fn is_quote(c: char) -> bool {
    matches!(c, '"' | '«' | '»' | '“' | '”' | '„')
}

/// Marks the tokens between a pair of quotes in the sentence (the quote tokens themselves
/// and words with a quote glued to them count as inside).
fn mark_quotes<S: AsRef<str>>(tokens: &[S], out: &mut Vec<bool>) {
    out.clear();
    out.resize(tokens.len(), false);
    let mut open: Option<usize> = None;
    for (i, t) in tokens.iter().enumerate() {
        let t = t.as_ref();
        let starts = t.chars().next().is_some_and(is_quote);
        let ends = t.chars().last().is_some_and(is_quote);
        match open {
            None if starts => {
                if ends && t.chars().count() > 2 {
                    out[i] = true;
                } else {
                    open = Some(i);
                }
            }
            Some(o) if ends || starts => {
                if i - o <= 12 {
                    for q in &mut out[o..=i] {
                        *q = true;
                    }
                }
                open = None;
            }
            _ => {}
        }
    }
}

impl Scratch {
    /// The normalized tokens and the ANERgazet and knowledge-base marks of the last
    /// sentence of `n` tokens [`extract`] saw (empty marks when a list is empty).
    pub fn prepared(&self, n: usize) -> (&[String], &[u8], &[u8]) {
        let n = n.min(self.norms.len());
        (
            &self.norms[..n],
            self.gaz.get(..n).unwrap_or(&[]),
            self.kbgaz.get(..n).unwrap_or(&[]),
        )
    }
}

/// Features of a sentence in compressed rows: token `i` has `feats[offs[i]..offs[i+1]]`.
#[derive(Debug, Default, Clone)]
pub struct FeatureRows {
    /// Row indices into the weight table.
    pub feats: Vec<u32>,
    /// Token offsets into `feats` (`len() == tokens + 1`).
    pub offs: Vec<u32>,
    /// Per token, how many of its first features identify the word itself.
    pub nid: Vec<u16>,
}

impl FeatureRows {
    /// Number of tokens.
    pub fn len(&self) -> usize {
        self.offs.len().saturating_sub(1)
    }

    /// Whether there are no tokens.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The feature rows of token `i`.
    pub fn token(&self, i: usize) -> &[u32] {
        &self.feats[self.offs[i] as usize..self.offs[i + 1] as usize]
    }
}

fn pct_bucket(p: u32) -> u64 {
    match p {
        0..=4 => 0,
        5..=14 => 1,
        15..=34 => 2,
        35..=64 => 3,
        65..=89 => 4,
        _ => 5,
    }
}

const CLUSTER_W0: [u8; 6] = [4, 6, 8, 10, 13, 63];
const CLUSTER_W1: [u8; 3] = [4, 8, 63];
const CLUSTER_W2: [u8; 1] = [6];

fn prefix_hashes(s: &str) -> ([u64; 4], [u64; 4]) {
    let mut pre = [0u64; 4];
    let mut suf = [0u64; 4];
    for (k, (i, c)) in s.char_indices().take(4).enumerate() {
        pre[k] = hash_bytes(&s.as_bytes()[..i + c.len_utf8()]);
    }
    for (k, (b, _)) in s.char_indices().rev().take(4).enumerate() {
        suf[k] = hash_bytes(&s.as_bytes()[b..]);
    }
    (pre, suf)
}

/// Document-level context: for each content word (three letters or more), the words
/// around each of its occurrences, by sentence (context aggregation: a name met after
/// "السيد" once is a name everywhere in the article).
#[derive(Debug, Default, Clone)]
pub struct DocAgg {
    occ: FastMap<u64, Vec<(u32, u64, u64)>>,
}

fn is_content(norm: &str) -> bool {
    norm.chars().count() >= 3 && norm.chars().all(char::is_alphabetic)
}

impl DocAgg {
    /// Indexes the sentences of a document (in order).
    pub fn build<S: AsRef<str>>(sentences: &[Vec<S>]) -> DocAgg {
        let mut occ: FastMap<u64, Vec<(u32, u64, u64)>> = FastMap::default();
        let mut hs: Vec<(u64, bool)> = Vec::new();
        for (si, sent) in sentences.iter().enumerate() {
            hs.clear();
            for t in sent {
                let n = normalize(t.as_ref());
                hs.push((hash_bytes(n.as_bytes()), is_content(&n)));
            }
            for i in 0..hs.len() {
                if !hs[i].1 {
                    continue;
                }
                let prev = if i == 0 { PAD_L } else { hs[i - 1].0 };
                let next = hs.get(i + 1).map_or(PAD_R, |h| h.0);
                occ.entry(hs[i].0)
                    .or_default()
                    .push((si as u32, prev, next));
            }
        }
        DocAgg { occ }
    }
}

/// Where a sentence sits in its document, for context aggregation.
#[derive(Debug, Clone, Copy)]
pub struct DocCtx<'a> {
    /// The document index.
    pub agg: &'a DocAgg,
    /// This sentence's index in the document.
    pub sentence: usize,
    /// Sentences on each side that count as context.
    pub window: usize,
}

/// Computes the hashed features of a sentence of tokens into `rows`, with `bits`-bit row
/// indices.
pub fn extract<S: AsRef<str>>(
    res: &Resources,
    tokens: &[S],
    bits: u32,
    scratch: &mut Scratch,
    rows: &mut FeatureRows,
) {
    extract_in_doc(res, tokens, bits, scratch, rows, None)
}

/// [`extract`] with document-level context aggregation features when `doc` is given.
pub fn extract_in_doc<S: AsRef<str>>(
    res: &Resources,
    tokens: &[S],
    bits: u32,
    scratch: &mut Scratch,
    rows: &mut FeatureRows,
    doc: Option<DocCtx<'_>>,
) {
    let n = tokens.len();
    scratch.info.clear();
    if scratch.norms.len() < n {
        scratch.norms.resize(n, String::new());
    }
    for (t, buf) in tokens.iter().zip(scratch.norms.iter_mut()) {
        normalize_to(t.as_ref(), buf);
    }
    let norms = &scratch.norms[..n];
    res.gazetteer.mark(norms, &mut scratch.gaz);
    res.kb.mark(norms, &mut scratch.kbgaz);
    if res.org_context {
        mark_quotes(tokens, &mut scratch.quote);
    }
    for (i, t) in tokens.iter().enumerate() {
        let norm = &scratch.norms[i];
        let (pc, stem) = strip_proclitics(norm);
        let (pre, suf) = prefix_hashes(norm);
        scratch.info.push(TokInfo {
            raw: hash_bytes(t.as_ref().as_bytes()),
            norm: hash_bytes(norm.as_bytes()),
            stem: hash_bytes(stem.as_bytes()),
            pc: hash_bytes(pc.as_bytes()),
            pre,
            suf,
            shape: u64::from(shape(norm)),
            cluster: res.clusters.get(norm),
            emb: res.emb.get(norm),
            gaz: scratch.gaz[i],
            kb: scratch.kbgaz[i],
            edge: has_edge_punct(t.as_ref()),
            lex: res.lexicon.get(norm).copied(),
        });
    }
    rows.feats.clear();
    rows.offs.clear();
    rows.nid.clear();
    rows.offs.push(0);
    let shift = 64 - bits;
    let info = &scratch.info;
    let norm_at = |j: isize| -> u64 {
        if j < 0 {
            PAD_L
        } else if j as usize >= n {
            PAD_R
        } else {
            info[j as usize].norm
        }
    };
    let stem_at = |j: isize| -> u64 {
        if j < 0 {
            PAD_L
        } else if j as usize >= n {
            PAD_R
        } else {
            info[j as usize].stem
        }
    };
    for i in 0..n {
        let ii = i as isize;
        let t = &info[i];
        // word-identity features first: training drops them now and then (word dropout) so
        // that the context, cluster and lexicon features learn to stand on their own
        {
            let f = &mut rows.feats;
            let mut push = |tmpl: u64, v: u64| {
                f.push((mix(tmpl, v) >> shift) as u32);
            };
            push(2, t.raw);
            push(3, t.norm);
            push(30, t.stem);
            for k in 2..4 {
                if t.pre[k] != 0 {
                    push(10 + k as u64, t.pre[k]);
                }
                if t.suf[k] != 0 {
                    push(20 + k as u64, t.suf[k]);
                }
            }
            push(50, mix(norm_at(ii - 1), t.norm));
            push(51, mix(t.norm, norm_at(ii + 1)));
            push(54, mix(stem_at(ii - 1), t.stem));
            // character trigrams of the normalized word
            let w = scratch.norms[i].as_bytes();
            let mut cb = [0usize; 4];
            let ends = scratch.norms[i]
                .char_indices()
                .map(|(p, _)| p)
                .chain(std::iter::once(w.len()));
            for (k, pos) in ends.enumerate() {
                cb[k % 4] = pos;
                if k >= 3 {
                    push(250, hash_bytes(&w[cb[(k - 3) % 4]..pos]));
                }
            }
        }
        rows.nid
            .push((rows.feats.len() - rows.offs[i] as usize) as u16);
        let f = &mut rows.feats;
        let mut push = |tmpl: u64, v: u64| {
            f.push((mix(tmpl, v) >> shift) as u32);
        };
        push(1, 0);
        for k in 0..2 {
            if t.pre[k] != 0 {
                push(10 + k as u64, t.pre[k]);
            }
            if t.suf[k] != 0 {
                push(20 + k as u64, t.suf[k]);
            }
        }
        push(31, t.pc);
        push(32, mix(t.pc, t.shape));
        push(33, t.shape);
        push(34, mix(t.shape, norm_at(ii - 1)));
        let sh = |j: isize| -> u64 {
            if j < 0 || j as usize >= n {
                99
            } else {
                info[j as usize].shape
            }
        };
        push(35, sh(ii - 1));
        push(36, sh(ii + 1));
        push(40, norm_at(ii - 1));
        push(41, norm_at(ii - 2));
        push(42, norm_at(ii + 1));
        push(43, norm_at(ii + 2));
        push(44, stem_at(ii - 1));
        push(45, stem_at(ii + 1));
        push(46, stem_at(ii - 2));
        push(47, stem_at(ii + 2));
        push(52, mix(norm_at(ii - 2), norm_at(ii - 1)));
        push(53, mix(norm_at(ii + 1), norm_at(ii + 2)));
        push(55, mix(t.suf[1], norm_at(ii - 1)));
        // word clusters
        let cl = |j: isize| -> Option<(u64, u8)> {
            if j < 0 || j as usize >= n {
                None
            } else {
                info[j as usize].cluster
            }
        };
        let mut cluster_feats = |tmpl: u64, c: Option<(u64, u8)>, lens: &[u8]| match c {
            None => push(tmpl, 7),
            Some((path, len)) => {
                for (k, &l) in lens.iter().enumerate() {
                    let l = l.min(len);
                    let p = if l == 0 { 0 } else { path >> (len - l) };
                    push(tmpl + k as u64, mix(u64::from(l), p));
                    if l == len {
                        break;
                    }
                }
            }
        };
        cluster_feats(100, t.cluster, &CLUSTER_W0);
        cluster_feats(110, cl(ii - 1), &CLUSTER_W1);
        cluster_feats(120, cl(ii + 1), &CLUSTER_W1);
        cluster_feats(130, cl(ii - 2), &CLUSTER_W2);
        cluster_feats(140, cl(ii + 2), &CLUSTER_W2);
        // word-embedding clusters (coarse to fine): the word at every granularity, the
        // neighbours at the two coarsest, ±2 at the coarsest, and the word's second
        // granularity with each neighbour's coarsest and with the previous word
        if !res.emb.is_empty() {
            let last = res.emb.levels().max(1) - 1;
            let em = |j: isize, l: usize| -> u64 {
                if j < 0 || j as usize >= n {
                    EMB_PAD
                } else {
                    info[j as usize]
                        .emb
                        .map_or(EMB_UNKNOWN, |a| u64::from(a[l.min(last)]))
                }
            };
            for l in 0..=last {
                push(500 + l as u64, em(ii, l));
            }
            for l in 0..=last.min(1) {
                push(510 + l as u64, em(ii - 1, l));
                push(520 + l as u64, em(ii + 1, l));
            }
            push(530, em(ii - 2, 0));
            push(531, em(ii + 2, 0));
            let own = em(ii, 1);
            push(540, mix(own, em(ii - 1, 0)));
            push(541, mix(own, em(ii + 1, 0)));
            push(542, mix(em(ii, 0), norm_at(ii - 1)));
        }
        // gazetteer
        let classes = |j: isize, f: fn(&TokInfo) -> u8| -> u8 {
            usize::try_from(j)
                .ok()
                .and_then(|j| info.get(j))
                .map_or(0, f)
        };
        for (tmpl, g) in [
            (200u64, t.gaz),
            (210, classes(ii - 1, |x| x.gaz)),
            (220, classes(ii + 1, |x| x.gaz)),
        ] {
            push_bits(&mut push, tmpl, g);
        }
        if t.gaz != 0 {
            push(230, mix(u64::from(t.gaz), norm_at(ii - 1)));
        }
        // knowledge-base names (B/I by class), own and neighbours
        if !res.kb.is_empty() {
            for (tmpl, g) in [
                (260u64, t.kb),
                (262, classes(ii - 1, |x| x.kb)),
                (264, classes(ii + 1, |x| x.kb)),
            ] {
                push_bits(&mut push, tmpl, g);
            }
            if t.kb != 0 {
                push(266, mix(u64::from(t.kb), u64::from(t.gaz)));
                push(267, mix(u64::from(t.kb), norm_at(ii - 1)));
            }
        }
        // organisation context: inside quotes, after an organisation head, Latin script
        if res.org_context {
            if scratch.quote[i] {
                push(270, 0);
                push(271, t.shape);
            }
            let heads = org_heads();
            for d in 1..=3isize {
                let j = ii - d;
                if j < 0 {
                    break;
                }
                if heads.contains(&info[j as usize].stem) {
                    push(272, d as u64);
                    push(273, mix(d as u64, info[j as usize].stem));
                    break;
                }
            }
            if heads.contains(&t.stem) {
                push(274, 0);
            }
            let latin = |j: isize| -> bool {
                j >= 0
                    && (j as usize) < n
                    && scratch.norms[j as usize]
                        .chars()
                        .any(|c| c.is_ascii_alphabetic())
            };
            if latin(ii) {
                push(275, mix(u64::from(latin(ii - 1)), u64::from(latin(ii + 1))));
            }
        }
        if i == 0 {
            push(240, 0);
        }
        if t.edge {
            push(241, 0);
        }
        // context aggregation over the document
        if let Some(d) = doc {
            if is_content(&scratch.norms[i]) {
                if let Some(list) = d.agg.occ.get(&t.norm) {
                    let lo = d.sentence.saturating_sub(d.window) as u32;
                    let hi = d.sentence.saturating_add(d.window) as u32;
                    let own = (d.sentence as u32, norm_at(ii - 1), norm_at(ii + 1));
                    let first = list.partition_point(|o| o.0 < lo);
                    let mut skipped_self = false;
                    let mut k = 0u64;
                    for o in list[first..].iter().take_while(|o| o.0 <= hi) {
                        if !skipped_self && *o == own {
                            skipped_self = true;
                            continue;
                        }
                        push(400, o.1);
                        push(401, o.2);
                        k += 1;
                        if k >= 12 {
                            break;
                        }
                    }
                    push(402, k.min(4));
                }
            }
        }
        // self-trained lexicon
        match &t.lex {
            None => push(300, 99),
            Some(e) => {
                push(300, u64::from(32 - e.count.leading_zeros()));
                let (mut best, mut bp, mut tot) = (0usize, 0u8, 0u32);
                for (l, &p) in e.pct.iter().enumerate() {
                    tot += u32::from(p);
                    if p > bp {
                        best = l;
                        bp = p;
                    }
                    if p >= 5 {
                        push(301, mix(l as u64, pct_bucket(u32::from(p))));
                    }
                }
                push(302, pct_bucket(tot));
                push(303, mix(best as u64, pct_bucket(u32::from(bp))));
            }
        }
        for (tmpl, j) in [(310u64, ii - 1), (320, ii + 1)] {
            let e = if j < 0 || j as usize >= n {
                None
            } else {
                info[j as usize].lex.as_ref()
            };
            match e {
                None => push(tmpl, 99),
                Some(e) => {
                    let (mut best, mut bp, mut tot) = (0usize, 0u8, 0u32);
                    for (l, &p) in e.pct.iter().enumerate() {
                        tot += u32::from(p);
                        if p > bp {
                            best = l;
                            bp = p;
                        }
                    }
                    push(tmpl + 1, mix(best as u64, pct_bucket(u32::from(bp))));
                    push(tmpl + 2, pct_bucket(tot));
                }
            }
        }
        rows.offs.push(rows.feats.len() as u32);
    }
}

/// Bit-set features of a token's gazetteer classes: one feature (`tmpl + 1`, bit) per set bit,
/// or a "no class" feature (`tmpl`, 0).
fn push_bits(push: &mut impl FnMut(u64, u64), tmpl: u64, g: u8) {
    if g == 0 {
        push(tmpl, 0);
    }
    for b in 0..8 {
        if g & (1 << b) != 0 {
            push(tmpl + 1, b);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hash_is_stable_and_spreads() {
        assert_eq!(hash_bytes(b"abc"), hash_bytes(b"abc"));
        assert_ne!(hash_bytes(b"abc"), hash_bytes(b"abd"));
        assert_ne!(hash_bytes(b""), hash_bytes(b"\0"));
        assert_ne!(mix(1, 2), mix(2, 1));
    }

    #[test]
    fn features_are_in_range_and_deterministic() {
        let res = Resources::default();
        let toks = ["قال", "الرئيس", "السوري", "بشار", "الأسد", "."];
        let mut sc = Scratch::default();
        let mut a = FeatureRows::default();
        let mut b = FeatureRows::default();
        extract(&res, &toks, 16, &mut sc, &mut a);
        extract(&res, &toks, 16, &mut sc, &mut b);
        assert_eq!(a.len(), toks.len());
        assert_eq!(a.feats, b.feats);
        assert!(a.feats.iter().all(|&f| f < (1 << 16)));
        assert!(!a.token(3).is_empty());
        // same word in the same context gives the same features; a different word does not
        let mut c = FeatureRows::default();
        extract(
            &res,
            &["قال", "الرئيس", "السوري", "حافظ", "الأسد", "."],
            16,
            &mut sc,
            &mut c,
        );
        assert_ne!(a.token(3), c.token(3));
        assert_eq!(a.token(0).len(), c.token(0).len());
    }

    #[test]
    fn quotes_mark_the_quoted_name() {
        let mut q = Vec::new();
        mark_quotes(&["قالت", "صحيفة", "«", "الوطن", "»", "امس"], &mut q);
        assert_eq!(q, vec![false, false, true, true, true, false]);
        mark_quotes(&["\"", "حماس", "\"", "و", "\"", "فتح"], &mut q);
        assert_eq!(q, vec![true, true, true, false, false, false]);
        mark_quotes(&["جريدة", "«الحياة»", "اللندنية"], &mut q);
        assert_eq!(q, vec![false, true, false]);
    }

    #[test]
    fn org_head_and_kb_features_fire() {
        let mut res = Resources::bundled();
        res.org_context = true;
        let mut sc = Scratch::default();
        let mut with = FeatureRows::default();
        extract(
            &res,
            &["قالت", "وزارة", "الخارجية", "السورية"],
            20,
            &mut sc,
            &mut with,
        );
        let mut plain = res.clone();
        plain.org_context = false;
        plain.kb = Default::default();
        let mut without = FeatureRows::default();
        extract(
            &plain,
            &["قالت", "وزارة", "الخارجية", "السورية"],
            20,
            &mut sc,
            &mut without,
        );
        assert!(with.token(2).len() > without.token(2).len());
    }

    #[test]
    fn embedding_cluster_features_fire_only_with_the_resource() {
        let toks = ["قال", "السيد", "محمد", "العلي", "في", "دمشق"];
        let mut sc = Scratch::default();
        let plain = Resources::default();
        let res = Resources {
            emb: crate::resources::EmbClusters::parse(
                "قال\t0\t0\t0\nالسيد\t1\t1\t1\nمحمد\t2\t2\t2\nدمشق\t3\t4\t5\n",
            ),
            ..Resources::default()
        };
        let mut a = FeatureRows::default();
        let mut b = FeatureRows::default();
        let mut c = FeatureRows::default();
        extract(&plain, &toks, 18, &mut sc, &mut a);
        extract(&res, &toks, 18, &mut sc, &mut b);
        extract(&res, &toks, 18, &mut sc, &mut c);
        assert_eq!(b.feats, c.feats, "deterministic");
        assert!(b.feats.iter().all(|&f| f < (1 << 18)));
        for i in 0..toks.len() {
            // three levels, two neighbour levels each side, ±2, three conjunctions
            assert_eq!(b.token(i).len(), a.token(i).len() + 12, "token {i}");
            assert!(a.token(i).iter().all(|f| b.token(i).contains(f)));
        }
        // a word with the proclitic و finds its cluster: same features as the bare word
        // (unknown ones would differ)
        let mut d = FeatureRows::default();
        extract(&res, &["قال", "السيد", "ومحمد"], 18, &mut sc, &mut d);
        let mut e = FeatureRows::default();
        extract(&res, &["قال", "السيد", "محمد"], 18, &mut sc, &mut e);
        let emb_part = |r: &FeatureRows, i: usize| r.token(i)[r.token(i).len() - 12..].to_vec();
        assert_eq!(emb_part(&d, 2), emb_part(&e, 2));
        assert_ne!(emb_part(&b, 2), emb_part(&b, 5));
    }

    #[test]
    fn empty_sentence_has_no_rows() {
        let mut sc = Scratch::default();
        let mut r = FeatureRows::default();
        extract::<&str>(&Resources::default(), &[], 18, &mut sc, &mut r);
        assert!(r.is_empty());
    }
}

//! The linear model: hashed emission weights, label transitions, Viterbi decoding with BIO
//! constraints, posterior confidences, and a compact binary format.

use crate::features::FeatureRows;
use crate::lexicon::AutoLex;
use crate::nn::WindowNet;
use crate::tags::{allowed, NUM_LABELS};
use crate::NerError;
use std::sync::Arc;

const L: usize = NUM_LABELS;
const MAGIC: &[u8; 8] = b"MRSDNER1";
const NEG: f32 = -1.0e30;

/// A trained sequence-labelling model.
#[derive(Debug, Clone, PartialEq)]
pub struct Model {
    /// Bits of the feature hash (the table has `2^bits` rows of [`NUM_LABELS`] weights).
    pub bits: u32,
    /// Emission weights, row-major: `weights[row * NUM_LABELS + label]`.
    pub weights: Vec<f32>,
    /// `trans[prev][cur]`.
    pub trans: [[f32; L]; L],
    /// Score of each label at sentence start.
    pub start: [f32; L],
    /// The self-trained lexicon the model's features were trained with (may be empty).
    pub lexicon: AutoLex,
    /// Sentences on each side used for context aggregation (0 = none).
    pub doc_window: u32,
    /// Scale applied to scores before computing posteriors (calibrates confidences).
    pub temperature: f32,
    /// The window network whose log-probabilities join the emission scores (see
    /// [`crate::nn`]), when the model has one.
    pub net: Option<Arc<WindowNet>>,
    /// Weight of the window network's log-probabilities.
    pub net_weight: f32,
}

impl Model {
    /// An all-zero model with a `2^bits`-row table.
    pub fn zeros(bits: u32) -> Model {
        Model {
            bits,
            weights: vec![0.0; (1usize << bits) * L],
            trans: [[0.0; L]; L],
            start: [0.0; L],
            lexicon: AutoLex::new(),
            doc_window: 0,
            temperature: 1.0,
            net: None,
            net_weight: 0.0,
        }
    }

    /// Lowers the score of `O` on every token by `delta` (raises recall, lowers precision):
    /// adjusts the always-on bias feature's row.
    pub fn shift_outside(&mut self, delta: f32) {
        let row = crate::features::bias_row(self.bits);
        if let Some(w) = self.weights.get_mut(row * L) {
            *w -= delta;
        }
    }

    /// Emission scores of every token (`out[i * L + label]`).
    pub fn emissions(&self, rows: &FeatureRows, out: &mut Vec<f32>) {
        let n = rows.len();
        out.clear();
        out.resize(n * L, 0.0);
        for i in 0..n {
            let mut acc = [0.0f32; L];
            for &f in rows.token(i) {
                let base = f as usize * L;
                if let Some(w) = self.weights.get(base..base + L) {
                    for l in 0..L {
                        acc[l] += w[l];
                    }
                }
            }
            out[i * L..i * L + L].copy_from_slice(&acc);
        }
    }

    /// Best label sequence under the BIO constraints for emission scores `em` (n × L).
    pub fn viterbi(&self, em: &[f32], out: &mut Vec<usize>) {
        viterbi(&self.trans, &self.start, em, out)
    }

    /// Per-token posterior probability of each label (n × L), treating the scores as
    /// log-potentials of a linear-chain model with the BIO constraints.
    pub fn posteriors(&self, em: &[f32]) -> Vec<f32> {
        let t = self.temperature;
        if t == 1.0 {
            return posteriors(&self.trans, &self.start, em);
        }
        let mut trans = self.trans;
        trans.iter_mut().flatten().for_each(|x| *x *= t);
        let start = self.start.map(|x| x * t);
        let em: Vec<f32> = em.iter().map(|x| x * t).collect();
        posteriors(&trans, &start, &em)
    }

    /// Serialises the model: magic, bits, scale, document window, temperature, transitions
    /// and start (f32), then the non-zero weight rows as (varint row delta, [`NUM_LABELS`] ×
    /// i16 quantized by `scale`), then the lexicon (u32 length + its text format), then,
    /// when the model has a window network, its weight (f32), length (u64) and bytes.
    pub fn to_bytes(&self) -> Vec<u8> {
        let maxw = self.weights.iter().fold(0.0f32, |m, w| m.max(w.abs()));
        let scale = if maxw > 0.0 { maxw / 32767.0 } else { 1.0 };
        let mut out = Vec::new();
        out.extend_from_slice(MAGIC);
        out.extend_from_slice(&self.bits.to_le_bytes());
        out.extend_from_slice(&scale.to_le_bytes());
        out.extend_from_slice(&self.doc_window.to_le_bytes());
        out.extend_from_slice(&self.temperature.to_le_bytes());
        for row in &self.trans {
            for w in row {
                out.extend_from_slice(&w.to_le_bytes());
            }
        }
        for w in &self.start {
            out.extend_from_slice(&w.to_le_bytes());
        }
        let mut body = Vec::new();
        let mut count: u32 = 0;
        let mut last: u64 = 0;
        let mut q = [0i16; L];
        for (r, row) in self.weights.chunks_exact(L).enumerate() {
            let mut nz = false;
            for l in 0..L {
                q[l] = (row[l] / scale).round().clamp(-32767.0, 32767.0) as i16;
                nz |= q[l] != 0;
            }
            if !nz {
                continue;
            }
            write_varint(&mut body, r as u64 - last);
            last = r as u64;
            for v in q {
                body.extend_from_slice(&v.to_le_bytes());
            }
            count += 1;
        }
        out.extend_from_slice(&count.to_le_bytes());
        out.extend_from_slice(&body);
        let lex = self.lexicon.to_text();
        out.extend_from_slice(&(lex.len() as u32).to_le_bytes());
        out.extend_from_slice(lex.as_bytes());
        if let Some(net) = &self.net {
            let nb = net.to_bytes();
            out.extend_from_slice(&self.net_weight.to_le_bytes());
            out.extend_from_slice(&(nb.len() as u64).to_le_bytes());
            out.extend_from_slice(&nb);
        }
        out
    }

    /// Reads a model written by [`Model::to_bytes`].
    pub fn from_bytes(b: &[u8]) -> Result<Model, NerError> {
        let bad = |m: &str| NerError::BadModel(m.to_string());
        let mut r = Reader { b, pos: 0 };
        if r.take(8)? != MAGIC {
            return Err(bad("not a marsad NER model (magic)"));
        }
        let bits = r.u32()?;
        if !(8..=26).contains(&bits) {
            return Err(bad("hash bits out of range"));
        }
        let scale = r.f32()?;
        let mut m = Model::zeros(bits);
        m.doc_window = r.u32()?;
        m.temperature = r.f32()?;
        if !(m.temperature.is_finite() && m.temperature > 0.0) {
            return Err(bad("bad temperature"));
        }
        for p in 0..L {
            for c in 0..L {
                m.trans[p][c] = r.f32()?;
            }
        }
        for l in 0..L {
            m.start[l] = r.f32()?;
        }
        let count = r.u32()?;
        let rows = 1u64 << bits;
        let mut row: u64 = 0;
        for k in 0..count {
            let d = r.varint()?;
            row = if k == 0 { d } else { row.saturating_add(d) };
            if row >= rows {
                return Err(bad("row index out of range"));
            }
            let base = row as usize * L;
            for l in 0..L {
                let v = i16::from_le_bytes([r.u8()?, r.u8()?]);
                m.weights[base + l] = f32::from(v) * scale;
            }
        }
        let lex_len = r.u32()? as usize;
        let lex = std::str::from_utf8(r.take(lex_len)?).map_err(|_| bad("lexicon not UTF-8"))?;
        m.lexicon = AutoLex::parse(lex);
        if r.pos < b.len() {
            m.net_weight = r.f32()?;
            if !(m.net_weight.is_finite() && m.net_weight >= 0.0) {
                return Err(bad("bad network weight"));
            }
            let lo = r.u32()?;
            let hi = r.u32()?;
            let len = usize::try_from(u64::from(lo) | u64::from(hi) << 32)
                .map_err(|_| bad("network too large"))?;
            if len > b.len() - r.pos {
                return Err(bad("truncated"));
            }
            m.net = Some(Arc::new(WindowNet::from_bytes(r.take(len)?)?));
        }
        if r.pos != b.len() {
            return Err(bad("trailing bytes"));
        }
        Ok(m)
    }

    /// The model with its emission weights quantized as they would be after a save/load
    /// round trip.
    pub fn quantized(&self) -> Model {
        Model::from_bytes(&self.to_bytes()).unwrap_or_else(|_| self.clone())
    }
}

fn write_varint(out: &mut Vec<u8>, mut v: u64) {
    loop {
        let b = (v & 0x7F) as u8;
        v >>= 7;
        if v == 0 {
            out.push(b);
            return;
        }
        out.push(b | 0x80);
    }
}

struct Reader<'a> {
    b: &'a [u8],
    pos: usize,
}

impl Reader<'_> {
    fn take(&mut self, n: usize) -> Result<&[u8], NerError> {
        let s = self
            .b
            .get(self.pos..self.pos + n)
            .ok_or_else(|| NerError::BadModel("truncated".into()))?;
        self.pos += n;
        Ok(s)
    }
    fn u8(&mut self) -> Result<u8, NerError> {
        Ok(self.take(1)?[0])
    }
    fn u32(&mut self) -> Result<u32, NerError> {
        let s = self.take(4)?;
        Ok(u32::from_le_bytes([s[0], s[1], s[2], s[3]]))
    }
    fn f32(&mut self) -> Result<f32, NerError> {
        Ok(f32::from_bits(self.u32()?))
    }
    fn varint(&mut self) -> Result<u64, NerError> {
        let mut v = 0u64;
        for shift in (0..64).step_by(7) {
            let b = self.u8()?;
            v |= u64::from(b & 0x7F) << shift;
            if b & 0x80 == 0 {
                return Ok(v);
            }
        }
        Err(NerError::BadModel("bad varint".into()))
    }
}

/// Constrained Viterbi over emission scores `em` (n × L) with transitions and start scores.
pub fn viterbi(trans: &[[f32; L]; L], start: &[f32; L], em: &[f32], out: &mut Vec<usize>) {
    let n = em.len() / L;
    out.clear();
    if n == 0 {
        return;
    }
    let mut delta = [NEG; L];
    for c in 0..L {
        if allowed(None, c) {
            delta[c] = start[c] + em[c];
        }
    }
    let mut back = vec![0u8; n * L];
    for i in 1..n {
        let mut nd = [NEG; L];
        for c in 0..L {
            let mut best = NEG;
            let mut arg = 0u8;
            for p in 0..L {
                if delta[p] <= NEG || !allowed(Some(p), c) {
                    continue;
                }
                let s = delta[p] + trans[p][c];
                if s > best {
                    best = s;
                    arg = p as u8;
                }
            }
            if best > NEG {
                nd[c] = best + em[i * L + c];
            }
            back[i * L + c] = arg;
        }
        delta = nd;
    }
    let mut best = 0;
    for c in 1..L {
        if delta[c] > delta[best] {
            best = c;
        }
    }
    out.resize(n, 0);
    out[n - 1] = best;
    for i in (1..n).rev() {
        best = back[i * L + best] as usize;
        out[i - 1] = best;
    }
}

fn logsumexp(xs: &[f32]) -> f32 {
    let m = xs.iter().copied().fold(NEG, f32::max);
    if m <= NEG {
        return NEG;
    }
    m + xs.iter().map(|&x| (x - m).exp()).sum::<f32>().ln()
}

/// Forward-backward posteriors (n × L) with the BIO constraints: in probability space with
/// per-position scaling (9 `exp` a token); falls back to log space if that under- or
/// overflows.
pub fn posteriors(trans: &[[f32; L]; L], start: &[f32; L], em: &[f32]) -> Vec<f32> {
    posteriors_scaled(trans, start, em).unwrap_or_else(|| posteriors_log(trans, start, em))
}

fn normalize_row(v: &mut [f32]) -> bool {
    let s: f32 = v.iter().sum();
    if !(s.is_finite() && s > 0.0) {
        return false;
    }
    v.iter_mut().for_each(|x| *x /= s);
    true
}

fn posteriors_scaled(trans: &[[f32; L]; L], start: &[f32; L], em: &[f32]) -> Option<Vec<f32>> {
    let n = em.len() / L;
    if n == 0 {
        return Some(Vec::new());
    }
    let tmax = trans.iter().flatten().fold(NEG, |m, &x| m.max(x));
    let smax = start.iter().fold(NEG, |m, &x| m.max(x));
    let mut t = [[0.0f32; L]; L];
    let mut s0 = [0.0f32; L];
    for c in 0..L {
        if allowed(None, c) {
            s0[c] = (start[c] - smax).exp();
        }
        for p in 0..L {
            if allowed(Some(p), c) {
                t[p][c] = (trans[p][c] - tmax).exp();
            }
        }
    }
    // e[i][c] = exp(em - max of the row)
    let mut e = vec![0.0f32; n * L];
    for i in 0..n {
        let row = &em[i * L..i * L + L];
        let m = row.iter().fold(NEG, |a, &x| a.max(x));
        for c in 0..L {
            e[i * L + c] = (row[c] - m).exp();
        }
    }
    let mut alpha = vec![0.0f32; n * L];
    for c in 0..L {
        alpha[c] = s0[c] * e[c];
    }
    if !normalize_row(&mut alpha[..L]) {
        return None;
    }
    for i in 1..n {
        let (prev, cur) = alpha.split_at_mut(i * L);
        let prev = &prev[(i - 1) * L..];
        for c in 0..L {
            let mut acc = 0.0;
            for p in 0..L {
                acc += prev[p] * t[p][c];
            }
            cur[c] = acc * e[i * L + c];
        }
        if !normalize_row(&mut cur[..L]) {
            return None;
        }
    }
    let mut beta = vec![0.0f32; n * L];
    beta[(n - 1) * L..].iter_mut().for_each(|x| *x = 1.0);
    for i in (0..n - 1).rev() {
        let (cur, next) = beta.split_at_mut((i + 1) * L);
        let next = &next[..L];
        let cur = &mut cur[i * L..];
        for p in 0..L {
            let mut acc = 0.0;
            for c in 0..L {
                acc += t[p][c] * e[(i + 1) * L + c] * next[c];
            }
            cur[p] = acc;
        }
        if !normalize_row(cur) {
            return None;
        }
    }
    let mut post = alpha;
    for (k, b) in beta.iter().enumerate() {
        post[k] *= b;
    }
    for i in 0..n {
        if !normalize_row(&mut post[i * L..i * L + L]) {
            return None;
        }
    }
    Some(post)
}

/// Forward-backward posteriors in log space (reference implementation).
pub fn posteriors_log(trans: &[[f32; L]; L], start: &[f32; L], em: &[f32]) -> Vec<f32> {
    let n = em.len() / L;
    let mut alpha = vec![NEG; n * L];
    let mut beta = vec![NEG; n * L];
    if n == 0 {
        return Vec::new();
    }
    for c in 0..L {
        if allowed(None, c) {
            alpha[c] = start[c] + em[c];
        }
    }
    let mut tmp = [NEG; L];
    for i in 1..n {
        for c in 0..L {
            for p in 0..L {
                tmp[p] = if allowed(Some(p), c) && alpha[(i - 1) * L + p] > NEG {
                    alpha[(i - 1) * L + p] + trans[p][c]
                } else {
                    NEG
                };
            }
            let s = logsumexp(&tmp);
            alpha[i * L + c] = if s > NEG { s + em[i * L + c] } else { NEG };
        }
    }
    for c in 0..L {
        beta[(n - 1) * L + c] = 0.0;
    }
    for i in (0..n - 1).rev() {
        for p in 0..L {
            for c in 0..L {
                tmp[c] = if allowed(Some(p), c) && beta[(i + 1) * L + c] > NEG {
                    trans[p][c] + em[(i + 1) * L + c] + beta[(i + 1) * L + c]
                } else {
                    NEG
                };
            }
            beta[i * L + p] = logsumexp(&tmp);
        }
    }
    let z = logsumexp(&alpha[(n - 1) * L..n * L]);
    let mut post = vec![0.0; n * L];
    for k in 0..n * L {
        if alpha[k] > NEG && beta[k] > NEG {
            post[k] = (alpha[k] + beta[k] - z).exp().clamp(0.0, 1.0);
        }
    }
    post
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tags::{EntityKind, Tag};

    fn idx(t: Tag) -> usize {
        t.index()
    }

    #[test]
    fn viterbi_respects_bio_constraints() {
        // emissions favour I-LOC at the start and I-ORG after B-LOC: both are forbidden
        let trans = [[0.0; L]; L];
        let start = [0.0; L];
        let mut em = vec![0.0; 2 * L];
        em[idx(Tag::I(EntityKind::Loc))] = 5.0;
        em[idx(Tag::B(EntityKind::Loc))] = 1.0;
        em[idx(Tag::B(EntityKind::Org))] = -10.0;
        em[L + idx(Tag::I(EntityKind::Org))] = 5.0;
        em[L + idx(Tag::I(EntityKind::Loc))] = 2.0;
        let mut out = Vec::new();
        viterbi(&trans, &start, &em, &mut out);
        assert_eq!(
            out,
            vec![idx(Tag::B(EntityKind::Loc)), idx(Tag::I(EntityKind::Loc))]
        );
    }

    #[test]
    fn viterbi_uses_transitions() {
        let mut trans = [[0.0; L]; L];
        let start = [0.0; L];
        let b_p = idx(Tag::B(EntityKind::Pers));
        let i_p = idx(Tag::I(EntityKind::Pers));
        trans[b_p][i_p] = 3.0;
        let mut em = vec![0.0; 2 * L];
        em[b_p] = 1.0;
        em[L] = 1.0; // O slightly preferred for token 2 by emissions alone
        let mut out = Vec::new();
        viterbi(&trans, &start, &em, &mut out);
        assert_eq!(out, vec![b_p, i_p]);
        viterbi(&trans, &start, &[], &mut out);
        assert!(out.is_empty());
    }

    #[test]
    fn posteriors_sum_to_one_and_forbid_invalid() {
        let trans = [[0.1; L]; L];
        let start = [0.0; L];
        let em: Vec<f32> = (0..3 * L).map(|k| (k % 7) as f32 * 0.3).collect();
        let p = posteriors(&trans, &start, &em);
        for i in 0..3 {
            let s: f32 = p[i * L..i * L + L].iter().sum();
            assert!((s - 1.0).abs() < 1e-3, "{s}");
        }
        assert_eq!(p[idx(Tag::I(EntityKind::Misc))], 0.0);
        // the scaled version agrees with the log-space one
        let q = posteriors_log(&trans, &start, &em);
        for (a, b) in p.iter().zip(&q) {
            assert!((a - b).abs() < 1e-4, "{a} {b}");
        }
        // extreme scores fall back instead of producing NaN
        let big: Vec<f32> = (0..2 * L)
            .map(|k| if k % 3 == 0 { 500.0 } else { -500.0 })
            .collect();
        assert!(posteriors(&trans, &start, &big)
            .iter()
            .all(|x| x.is_finite()));
    }

    #[test]
    fn save_load_round_trip() {
        let mut m = Model::zeros(10);
        m.weights[5 * L + 2] = 1.5;
        m.weights[1000 * L + 8] = -0.25;
        m.weights[1023 * L] = 3.0;
        m.trans[1][2] = 0.5;
        m.start[3] = -1.0;
        m.doc_window = 7;
        m.lexicon = AutoLex::parse("دمشق\t10\t0 0 80 0 0 0 0 0\n");
        let b = m.to_bytes();
        let back = Model::from_bytes(&b).expect("round trip");
        assert_eq!(back.bits, 10);
        assert_eq!(back.trans, m.trans);
        assert_eq!(back.start, m.start);
        assert_eq!(back.lexicon, m.lexicon);
        assert_eq!(back.doc_window, 7);
        for (a, b) in m.weights.iter().zip(&back.weights) {
            assert!((a - b).abs() < 3.0 / 32767.0 + 1e-6);
        }
        // saving again is byte-identical
        assert_eq!(back.to_bytes(), b);
        assert!(Model::from_bytes(&b[..b.len() - 1]).is_err());
        assert!(Model::from_bytes(b"garbage!").is_err());
    }
}

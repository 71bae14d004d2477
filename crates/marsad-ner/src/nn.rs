//! A window network over word embeddings (Collobert et al. 2011, "window approach"): the
//! second expert beside the linear model, for the names the training data never showed.
//!
//! Each token gets a score per label from a one-hidden-layer network over the ±2 word window:
//! every word is a learned low-dimensional projection of its skip-gram vector (trained on the
//! news corpus, [`crate::embed`]); affixes, proclitics and shapes of the word and its
//! neighbours add hashed sparse inputs. The embeddings stay frozen during training, so a
//! name the annotated data never showed still lands near the names it resembles in the news.
//! The tagger adds `weight × log p(label)` to the linear model's emission scores before
//! Viterbi decoding (a product of experts); the linear model keeps what it memorised.
//!
//! A bidirectional GRU (`rnn.rs`) then reads the hidden layers of the whole sentence
//! in both directions and adds its own scores to each token's (sentence context beyond the
//! window). It is trained in a second stage over the frozen, quantized window layer.
//!
//! Training is plain SGD with inverted dropout on the hidden layer, seeded, single-threaded
//! and deterministic. After training the projections of all vocabulary words are computed
//! once and stored (quantized to i8), so tagging costs one `5·rep × hidden` product a token,
//! plus the GRU's two `3g × (hidden + g)` products.

use crate::embed::{axpy, Rng};
use crate::features::{hash_bytes, mix, FastMap};
use crate::lexicon::AutoLex;
use crate::resources::Resources;
use crate::rnn::{BiGru, DirCache};
use crate::tags::{Tag, NUM_LABELS};
use crate::text::{normalize, normalize_to, shape, strip_proclitics};
use crate::train::Sentence;
use crate::NerError;

const L: usize = NUM_LABELS;
/// Words on each side of the window.
const WIN: usize = 2;
/// Positions in the window.
const NPOS: usize = 2 * WIN + 1;
/// Positions (−1, 0, +1) whose affixes feed the sparse inputs.
const FEAT_WIN: isize = 1;
const MAGIC: &[u8; 8] = b"MRSDWIN1";
/// A window network with a sentence GRU (the same layout, then the GRU's size and weights).
const MAGIC2: &[u8; 8] = b"MRSDWIN2";
/// Words the network knows: the most frequent of the news corpus (as the shipped
/// embedding clusters).
pub const NET_VOCAB: usize = 150_000;
/// Feature slots per token.
const NSLOT: usize = 12;
/// Input flag: gazetteer and knowledge-base name marks.
pub const USE_GAZ: u8 = 1;
/// Input flag: the self-trained lexicon's best label.
pub const USE_LEX: u8 = 2;

/// Pre-trained word vectors (word2vec text format), the frozen input of training.
#[derive(Debug, Clone, Default)]
pub struct WordVectors {
    /// Word → row.
    pub index: FastMap<String, u32>,
    /// The words, by row.
    pub words: Vec<String>,
    /// Vector dimension.
    pub dim: usize,
    /// Row-major vectors.
    pub data: Vec<f32>,
}

impl WordVectors {
    /// Parses word2vec's text format (`count dim` header, then `word v1 v2 ...`).
    pub fn parse(text: &str) -> Result<WordVectors, NerError> {
        let mut lines = text.lines();
        let header = lines
            .next()
            .ok_or_else(|| NerError::Data("empty vector file".into()))?;
        let mut h = header.split_whitespace();
        let (Some(_), Some(dim)) = (h.next(), h.next().and_then(|d| d.parse::<usize>().ok()))
        else {
            return Err(NerError::Data(format!("bad vector header {header:?}")));
        };
        let mut v = WordVectors {
            dim,
            ..Default::default()
        };
        for (ln, line) in lines.enumerate() {
            // the word may hold a space: the numbers are the last `dim` fields
            let mut parts: Vec<&str> = line.rsplitn(dim + 1, ' ').collect();
            if parts.len() != dim + 1 {
                return Err(NerError::Data(format!(
                    "vector line {}: {} fields, expected {}",
                    ln + 2,
                    parts.len(),
                    dim + 1
                )));
            }
            let w = parts.pop().unwrap_or_default();
            parts.reverse();
            let start = v.data.len();
            for p in parts {
                let x = p.parse::<f32>().map_err(|_| {
                    NerError::Data(format!("vector line {}: bad number {p:?}", ln + 2))
                })?;
                v.data.push(x);
            }
            if v.data.len() - start != dim {
                return Err(NerError::Data(format!(
                    "vector line {}: {} numbers, expected {dim}",
                    ln + 2,
                    v.data.len() - start
                )));
            }
            v.index.insert(w.to_string(), v.words.len() as u32);
            v.words.push(w.to_string());
        }
        Ok(v)
    }

    /// The first `max_words` vectors of trained embeddings.
    pub fn from_embeddings(emb: &crate::embed::Embeddings, max_words: usize) -> WordVectors {
        let n = emb.len().min(max_words);
        let mut v = WordVectors {
            dim: emb.dim,
            data: emb.vectors[..n * emb.dim].to_vec(),
            ..Default::default()
        };
        for w in &emb.words[..n] {
            v.index.insert(w.clone(), v.words.len() as u32);
            v.words.push(w.clone());
        }
        v
    }

    /// The vector of row `i`.
    pub fn row(&self, i: usize) -> &[f32] {
        &self.data[i * self.dim..(i + 1) * self.dim]
    }
}

/// Training parameters of the window network.
#[derive(Debug, Clone)]
pub struct NetOptions {
    /// Hidden units.
    pub hidden: usize,
    /// Dimension of the learned word projection.
    pub rep: usize,
    /// Bits of the hashed sparse-feature table.
    pub feat_bits: u32,
    /// Passes over the data.
    pub epochs: usize,
    /// Initial learning rate (decays linearly to a tenth).
    pub lr: f32,
    /// Dropout rate of the hidden layer.
    pub dropout: f32,
    /// Probability of replacing a window word by the unknown word (teaches the context).
    pub word_dropout: f32,
    /// Seed of initialisation, shuffles and dropout.
    pub seed: u64,
    /// Print a line per epoch on stderr.
    pub verbose: bool,
    /// Average the parameters over the ends of the second half of the epochs.
    pub average: bool,
    /// Which resources the network reads ([`USE_GAZ`], [`USE_LEX`]).
    pub inputs: u8,
    /// State size of each direction of the sentence GRU over the hidden layer (0: none).
    /// The default 16: on the two held-out splits of the training file, three seeds each,
    /// the whole tagger averaged 76.3 and 81.0 against 75.9 and 81.0 without the GRU; 32
    /// states or dropout on its inputs did no better.
    pub rnn: usize,
    /// Largest norm of the GRU's gradient over one sentence.
    pub rnn_clip: f32,
    /// Passes of the GRU's training (after the window layer's).
    pub rnn_epochs: usize,
    /// Initial learning rate of the GRU (decays linearly to a tenth).
    pub rnn_lr: f32,
    /// Dropout rate of the GRU's inputs.
    pub rnn_dropout: f32,
}

impl Default for NetOptions {
    fn default() -> Self {
        NetOptions {
            hidden: 64,
            rep: 16,
            feat_bits: 14,
            epochs: 12,
            lr: 0.02,
            dropout: 0.3,
            word_dropout: 0.1,
            seed: 1,
            verbose: false,
            average: true,
            inputs: USE_GAZ,
            rnn: 16,
            rnn_clip: 5.0,
            rnn_epochs: 8,
            rnn_lr: 0.02,
            rnn_dropout: 0.0,
        }
    }
}

/// The trained window network (inference form: projected word vectors, quantized).
#[derive(Debug, Clone, PartialEq)]
pub struct WindowNet {
    /// Dimension of the word projections.
    pub rep: usize,
    /// Hidden units.
    pub hidden: usize,
    /// Bits of the sparse-feature table.
    pub feat_bits: u32,
    /// Which resources the network reads ([`USE_GAZ`], [`USE_LEX`]).
    pub inputs: u8,
    vocab: FastMap<String, u32>,
    /// `(V + 2) × rep` projections; row V is the unknown word, V + 1 the padding.
    reps: I8Rows,
    /// `2^feat_bits × hidden` sparse-feature rows.
    feat: I8Rows,
    /// `NPOS × hidden × rep`.
    w1: Vec<f32>,
    /// `w1` transposed per position (`NPOS × rep × hidden`), for tagging.
    w1t: Vec<f32>,
    b1: Vec<f32>,
    /// `L × hidden`.
    w2: Vec<f32>,
    b2: [f32; L],
    /// The sentence GRU over the hidden layer, if trained with one.
    gru: Option<BiGru>,
}

/// Per-sentence inputs: word rows and sparse feature rows per token.
#[derive(Debug, Default)]
pub struct NetScratch {
    norms: Vec<String>,
    per_tok: Vec<[u64; NSLOT]>,
    gaz: Vec<u8>,
    kb: Vec<u8>,
    rows: Vec<u32>,
    feats: Vec<u32>,
    offs: Vec<usize>,
    h: Vec<f32>,
    /// Hidden layers of the whole sentence (`n × hidden`, after the ReLU), for the GRU.
    hs: Vec<f32>,
    /// The GRU's caches of both directions.
    gru: [DirCache; 2],
}

fn vocab_row(vocab: &FastMap<String, u32>, norm: &str) -> Option<(u32, bool)> {
    if let Some(&r) = vocab.get(norm) {
        return Some((r, false));
    }
    let (pc, stem) = strip_proclitics(norm);
    if pc.is_empty() {
        return None;
    }
    if pc.ends_with("ال") || pc.ends_with("لل") {
        // "ال" + stem in a stack buffer (no allocation per token)
        const AL: &[u8] = "ال".as_bytes();
        let mut buf = [0u8; 96];
        let n = AL.len() + stem.len();
        if n <= buf.len() {
            buf[..AL.len()].copy_from_slice(AL);
            buf[AL.len()..n].copy_from_slice(stem.as_bytes());
            if let Some(&r) = std::str::from_utf8(&buf[..n])
                .ok()
                .and_then(|w| vocab.get(w))
            {
                return Some((r, true));
            }
        }
    }
    vocab.get(stem).map(|&r| (r, true))
}

/// Name marks of a sentence (per token, as [`crate::Gazetteer::mark`] gives them): the
/// ANERGazet lists and the knowledge base.
#[derive(Debug, Clone, Copy)]
pub struct Marks<'a> {
    /// ANERGazet marks.
    pub gaz: &'a [u8],
    /// Knowledge-base marks.
    pub kb: &'a [u8],
}

/// What [`inputs`] needs of a network (or of one being trained).
#[derive(Clone, Copy)]
struct InputCfg<'a> {
    vocab: &'a FastMap<String, u32>,
    unk: u32,
    bits: u32,
    flags: u8,
}

/// Computes word rows (`unk` for unknown words) and hashed sparse features of a sentence of
/// normalized tokens.
fn inputs(
    cfg: InputCfg<'_>,
    norms: &[String],
    marks: Option<Marks<'_>>,
    lexicon: Option<&AutoLex>,
    s: &mut NetScratch,
) {
    let InputCfg {
        vocab,
        unk,
        bits,
        flags,
    } = cfg;
    s.rows.clear();
    let mut per_tok = std::mem::take(&mut s.per_tok);
    per_tok.clear();
    for (ti, norm) in norms.iter().enumerate() {
        let norm = norm.as_str();
        let found = vocab_row(vocab, norm);
        s.rows.push(found.map_or(unk, |f| f.0));
        let (pc, stem) = strip_proclitics(norm);
        let mut f = [0u64; NSLOT];
        // prefixes and suffixes of 1-3 letters, when the stem is longer than them
        let mut starts = [0usize; 4];
        let mut nch = 0usize;
        for (k, (b, _)) in stem.char_indices().take(4).enumerate() {
            starts[k] = b;
            nch = k + 1;
        }
        let mut ends = [0usize; 4];
        for (k, (b, _)) in stem.char_indices().rev().take(4).enumerate() {
            ends[k] = b;
        }
        for k in 1..=3usize {
            if nch > k {
                let end = starts[k];
                f[k - 1] = mix(k as u64, hash_bytes(&stem.as_bytes()[..end]));
                let b = ends[k - 1];
                f[2 + k] = mix(10 + k as u64, hash_bytes(&stem.as_bytes()[b..]));
            } else {
                f[k - 1] = mix(k as u64, 1);
                f[2 + k] = mix(10 + k as u64, 1);
            }
        }
        f[6] = mix(20, hash_bytes(pc.as_bytes()));
        f[7] = mix(21, u64::from(shape(norm)));
        f[8] = mix(
            22,
            match found {
                None => 0,
                Some((_, false)) => 1,
                Some((_, true)) => 2,
            },
        );
        if let Some(m) = marks.filter(|_| flags & USE_GAZ != 0) {
            f[9] = mix(23, u64::from(m.gaz.get(ti).copied().unwrap_or(0)));
            f[10] = mix(24, u64::from(m.kb.get(ti).copied().unwrap_or(0)));
        }
        if let Some(lex) = lexicon.filter(|_| flags & USE_LEX != 0) {
            {
                f[11] = match lex.get(norm) {
                    None => mix(25, 99),
                    Some(e) => {
                        let (mut best, mut bp) = (0usize, 0u8);
                        for (l, &p) in e.pct.iter().enumerate() {
                            if p > bp {
                                best = l;
                                bp = p;
                            }
                        }
                        mix(26, (best as u64) << 8 | u64::from(bp / 20))
                    }
                };
            }
        }
        per_tok.push(f);
    }
    s.feats.clear();
    s.offs.clear();
    s.offs.push(0);
    let n = norms.len() as isize;
    let shift = 64 - bits;
    for i in 0..n {
        s.feats.push((mix(99, 0) >> shift) as u32);
        for o in -FEAT_WIN..=FEAT_WIN {
            let j = i + o;
            if j < 0 || j >= n {
                s.feats.push((mix(98, o as u64) >> shift) as u32);
                continue;
            }
            for &f in per_tok[j as usize].iter().filter(|&&f| f != 0) {
                s.feats.push((mix(f, o as u64) >> shift) as u32);
            }
        }
        s.offs.push(s.feats.len());
    }
    s.per_tok = per_tok;
}

/// Hidden units computed together in [`WindowNet::log_probs`].
const CH: usize = 16;

/// `acc[..row.len()] += a * row` (a full block is unrolled by the compiler).
#[inline(always)]
fn add_block(acc: &mut [f32; CH], a: f32, row: &[f32]) {
    if let Ok(row) = <&[f32; CH]>::try_from(row) {
        for t in 0..CH {
            acc[t] += a * row[t];
        }
    } else {
        for (x, y) in acc.iter_mut().zip(row) {
            *x += a * y;
        }
    }
}

/// `acc[..row.len()] += scale * row` over i8 values.
#[inline(always)]
fn add_block_i8(acc: &mut [f32; CH], scale: f32, row: &[i8]) {
    if let Ok(row) = <&[i8; CH]>::try_from(row) {
        for t in 0..CH {
            acc[t] += scale * f32::from(row[t]);
        }
    } else {
        for (x, &y) in acc.iter_mut().zip(row) {
            *x += scale * f32::from(y);
        }
    }
}

/// Dot product of the network's training (and its GRU's). Not [`crate::embed::dot`]: that
/// one sums its accumulators pairwise, and the shipped network was trained with this order
/// (a different rounding would change the model's bytes).
#[inline]
pub(crate) fn dot(a: &[f32], b: &[f32]) -> f32 {
    let mut acc = [0f32; 8];
    let ca = a.chunks_exact(8);
    let cb = b.chunks_exact(8);
    let (ra, rb) = (ca.remainder(), cb.remainder());
    for (x, y) in ca.zip(cb) {
        for k in 0..8 {
            acc[k] += x[k] * y[k];
        }
    }
    let mut s: f32 = acc.iter().sum();
    for (x, y) in ra.iter().zip(rb) {
        s += x * y;
    }
    s
}

fn log_softmax(o: &mut [f32]) {
    let m = o.iter().fold(f32::NEG_INFINITY, |m, &x| m.max(x));
    let z: f32 = o.iter().map(|&x| (x - m).exp()).sum::<f32>().ln() + m;
    for x in o.iter_mut() {
        *x -= z;
    }
}

impl WindowNet {
    fn unk(&self) -> u32 {
        (self.reps.rows() - 2) as u32
    }

    /// Number of vocabulary words.
    pub fn vocab_len(&self) -> usize {
        self.vocab.len()
    }

    /// State size of each direction of the sentence GRU (0 without one).
    pub fn rnn_states(&self) -> usize {
        self.gru.as_ref().map_or(0, |g| g.g)
    }

    /// Log-probabilities of every label for every token (`out[i * L + label]`); the name
    /// marks and the lexicon come from `res` when given.
    pub fn log_probs<S: AsRef<str>>(
        &self,
        tokens: &[S],
        res: Option<&Resources>,
        s: &mut NetScratch,
        out: &mut Vec<f32>,
    ) {
        let mut norms = std::mem::take(&mut s.norms);
        norms.resize(tokens.len().max(norms.len()), String::new());
        for (t, buf) in tokens.iter().zip(norms.iter_mut()) {
            normalize_to(t.as_ref(), buf);
        }
        let norms_now = &norms[..tokens.len()];
        let (mut gaz, mut kb) = (std::mem::take(&mut s.gaz), std::mem::take(&mut s.kb));
        if let Some(r) = res {
            r.gazetteer.mark(norms_now, &mut gaz);
            r.kb.mark(norms_now, &mut kb);
        }
        let marks = res.map(|_| Marks { gaz: &gaz, kb: &kb });
        self.log_probs_normalized(norms_now, marks, res.map(|r| &r.lexicon), s, out);
        s.norms = norms;
        s.gaz = gaz;
        s.kb = kb;
    }

    /// [`WindowNet::log_probs`] over already normalized tokens with their name marks (what
    /// the linear model's feature extraction computed).
    pub fn log_probs_normalized(
        &self,
        norms: &[String],
        marks: Option<Marks<'_>>,
        lexicon: Option<&AutoLex>,
        s: &mut NetScratch,
        out: &mut Vec<f32>,
    ) {
        let n = norms.len();
        out.clear();
        out.resize(n * L, 0.0);
        if n == 0 {
            return;
        }
        let cfg = InputCfg {
            vocab: &self.vocab,
            unk: self.unk(),
            bits: self.feat_bits,
            flags: self.inputs,
        };
        inputs(cfg, norms, marks, lexicon, s);
        self.window_pass(s, n, out, self.gru.is_some());
        if let Some(gru) = &self.gru {
            for (d, c) in s.gru.iter_mut().enumerate() {
                gru.run(d, &s.hs, n, c);
            }
            gru.add_scores(&s.gru, n, L, out);
        }
        out.chunks_exact_mut(L).for_each(log_softmax);
    }

    /// The window layer over the inputs in `s` (as [`inputs`] left them): raw label scores
    /// into `out` (`n × L`), and the hidden layers (after the ReLU) into `s.hs` when
    /// `keep_hidden`.
    fn window_pass(&self, s: &mut NetScratch, n: usize, out: &mut [f32], keep_hidden: bool) {
        let (h, r) = (self.hidden, self.rep);
        let pad = self.unk() + 1;
        s.h.resize(h, 0.0);
        s.hs.clear();
        let mut xrows = [0usize; NPOS];
        for i in 0..n {
            for (p, xr) in xrows.iter_mut().enumerate() {
                let j = i as isize + p as isize - WIN as isize;
                *xr = if j < 0 || j >= n as isize {
                    pad
                } else {
                    s.rows[j as usize]
                } as usize;
            }
            let feats = &s.feats[s.offs[i]..s.offs[i + 1]];
            let hv = &mut s.h;
            // the hidden layer in blocks of CH units kept in registers: bias, sparse rows,
            // then the window words' projections times the position weights
            let mut c = 0;
            while c < h {
                let w = CH.min(h - c);
                let mut acc = [0f32; CH];
                acc[..w].copy_from_slice(&self.b1[c..c + w]);
                for &f in feats {
                    let (scale, q) = self.feat.part(f as usize, c, w);
                    add_block_i8(&mut acc, scale, q);
                }
                for (p, &row) in xrows.iter().enumerate() {
                    let (scale, x) = self.reps.part(row, 0, r);
                    let wp = &self.w1t[p * h * r..(p + 1) * h * r];
                    for (k, &xk) in x.iter().enumerate() {
                        let o = k * h + c;
                        add_block(&mut acc, scale * f32::from(xk), &wp[o..o + w]);
                    }
                }
                hv[c..c + w].copy_from_slice(&acc[..w]);
                c += w;
            }
            let mut o = self.b2;
            for (l, ol) in o.iter_mut().enumerate() {
                let w = &self.w2[l * h..l * h + h];
                let mut acc = 0.0;
                for (wk, hk) in w.iter().zip(hv.iter()) {
                    acc += wk * hk.max(0.0);
                }
                *ol += acc;
            }
            if keep_hidden {
                s.hs.extend(hv.iter().map(|x| x.max(0.0)));
            }
            out[i * L..i * L + L].copy_from_slice(&o);
        }
    }

    /// Serialises the network: magic, sizes, then the word list, and the weights (the word
    /// projections and sparse rows as i8 with one scale per row, the dense layers as f32).
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = Vec::new();
        out.extend_from_slice(if self.gru.is_some() { MAGIC2 } else { MAGIC });
        for v in [
            self.rep,
            self.hidden,
            self.feat_bits as usize,
            self.inputs as usize,
            self.vocab.len(),
        ] {
            out.extend_from_slice(&(v as u32).to_le_bytes());
        }
        let mut words: Vec<(&String, &u32)> = self.vocab.iter().collect();
        words.sort_by_key(|(_, &r)| r);
        let mut text = String::new();
        for (w, _) in words {
            text.push_str(w);
            text.push('\n');
        }
        out.extend_from_slice(&(text.len() as u32).to_le_bytes());
        out.extend_from_slice(text.as_bytes());
        self.reps.write(&mut out);
        self.feat.write(&mut out);
        for x in self
            .w1
            .iter()
            .chain(&self.b1)
            .chain(&self.w2)
            .chain(&self.b2)
        {
            out.extend_from_slice(&x.to_le_bytes());
        }
        if let Some(gru) = &self.gru {
            out.extend_from_slice(&(gru.g as u32).to_le_bytes());
            for x in gru.params().into_iter().flatten() {
                out.extend_from_slice(&x.to_le_bytes());
            }
        }
        out
    }

    /// Reads [`WindowNet::to_bytes`] output.
    pub fn from_bytes(b: &[u8]) -> Result<WindowNet, NerError> {
        let bad = |m: &str| NerError::BadModel(format!("window network: {m}"));
        let mut r = Reader { b, pos: 0 };
        let magic = r.take(8).ok_or_else(|| bad("truncated"))?;
        let with_gru = magic == MAGIC2;
        if magic != MAGIC && !with_gru {
            return Err(bad("not a window-network file"));
        }
        let mut u = || r.u32().ok_or_else(|| bad("truncated"));
        let (rep, hidden, feat_bits, inputs, nvocab) = (
            u()? as usize,
            u()? as usize,
            u()?,
            u()? as u8,
            u()? as usize,
        );
        if rep == 0 || hidden == 0 || !(8..=24).contains(&feat_bits) || rep > 1024 || hidden > 4096
        {
            return Err(bad("implausible sizes"));
        }
        let tlen = r.u32().ok_or_else(|| bad("truncated"))? as usize;
        let text = std::str::from_utf8(r.take(tlen).ok_or_else(|| bad("truncated"))?)
            .map_err(|_| bad("word list is not UTF-8"))?;
        let mut vocab = FastMap::default();
        for (i, w) in text.lines().enumerate() {
            vocab.insert(w.to_string(), i as u32);
        }
        if vocab.len() != nvocab {
            return Err(bad("word list length"));
        }
        let reps = I8Rows::read(&mut r, nvocab + 2, rep).ok_or_else(|| bad("truncated"))?;
        let feat = I8Rows::read(&mut r, 1 << feat_bits, hidden).ok_or_else(|| bad("truncated"))?;
        let mut f32s = |n: usize| -> Result<Vec<f32>, NerError> {
            let raw = r.take(n * 4).ok_or_else(|| bad("truncated"))?;
            Ok(raw
                .chunks_exact(4)
                .map(|c| f32::from_le_bytes([c[0], c[1], c[2], c[3]]))
                .collect())
        };
        let w1 = f32s(NPOS * hidden * rep)?;
        let b1 = f32s(hidden)?;
        let w2 = f32s(L * hidden)?;
        let b2v = f32s(L)?;
        let gru = if with_gru {
            let raw = r.take(4).ok_or_else(|| bad("truncated"))?;
            let g = u32::from_le_bytes([raw[0], raw[1], raw[2], raw[3]]) as usize;
            if g == 0 || g > 1024 {
                return Err(bad("implausible GRU size"));
            }
            let mut parts = Vec::new();
            for len in BiGru::param_lens(g, hidden, L) {
                let raw = r.take(len * 4).ok_or_else(|| bad("truncated"))?;
                let v: Vec<f32> = raw
                    .chunks_exact(4)
                    .map(|c| f32::from_le_bytes([c[0], c[1], c[2], c[3]]))
                    .collect();
                if v.iter().any(|x| !x.is_finite()) {
                    return Err(bad("non-finite weight"));
                }
                parts.push(v);
            }
            Some(BiGru::from_params(g, hidden, parts).ok_or_else(|| bad("GRU weights"))?)
        } else {
            None
        };
        if r.pos != b.len() {
            return Err(bad("trailing bytes"));
        }
        let mut b2 = [0f32; L];
        b2.copy_from_slice(&b2v);
        if w1
            .iter()
            .chain(&b1)
            .chain(&w2)
            .chain(&b2)
            .any(|x| !x.is_finite())
        {
            return Err(bad("non-finite weight"));
        }
        Ok(WindowNet {
            rep,
            hidden,
            feat_bits,
            inputs,
            vocab,
            reps,
            feat,
            w1t: transpose_w1(&w1, hidden, rep),
            w1,
            b1,
            w2,
            b2,
            gru,
        })
    }

    /// The same network with its word projections and sparse rows rounded to i8 (what
    /// [`WindowNet::to_bytes`] stores), so a freshly trained network tags as its file does.
    pub fn quantized(&self) -> WindowNet {
        WindowNet::from_bytes(&self.to_bytes()).unwrap_or_else(|_| self.clone())
    }
}

struct Reader<'a> {
    b: &'a [u8],
    pos: usize,
}

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Option<&'a [u8]> {
        let end = self.pos.checked_add(n)?;
        let s = self.b.get(self.pos..end)?;
        self.pos = end;
        Some(s)
    }
    fn u32(&mut self) -> Option<u32> {
        self.take(4)
            .map(|c| u32::from_le_bytes([c[0], c[1], c[2], c[3]]))
    }
}

/// Rows of weights stored as i8 with one f32 scale per row (a quarter of the memory of f32:
/// the sparse rows and word projections stay in cache while tagging).
#[derive(Debug, Clone, PartialEq, Default)]
struct I8Rows {
    width: usize,
    scale: Vec<f32>,
    q: Vec<i8>,
}

impl I8Rows {
    /// Quantizes row-major `data` (`width` columns): each row's largest magnitude maps to 127.
    fn from_f32(data: &[f32], width: usize) -> I8Rows {
        let mut out = I8Rows {
            width,
            ..Default::default()
        };
        for row in data.chunks_exact(width.max(1)) {
            let m = row.iter().fold(0f32, |m, x| m.max(x.abs()));
            let scale = if m > 0.0 { m / 127.0 } else { 0.0 };
            out.scale.push(scale);
            for &x in row {
                out.q.push(if scale > 0.0 {
                    (x / scale).round().clamp(-127.0, 127.0) as i8
                } else {
                    0
                });
            }
        }
        out
    }

    fn rows(&self) -> usize {
        self.scale.len()
    }

    /// The scale of row `i` and its `len` values from column `col`.
    #[inline]
    fn part(&self, i: usize, col: usize, len: usize) -> (f32, &[i8]) {
        let o = i * self.width + col;
        (self.scale[i], &self.q[o..o + len])
    }

    /// Per row: the scale (f32), then the values (i8).
    fn write(&self, out: &mut Vec<u8>) {
        for (i, s) in self.scale.iter().enumerate() {
            out.extend_from_slice(&s.to_le_bytes());
            out.extend(
                self.q[i * self.width..(i + 1) * self.width]
                    .iter()
                    .map(|&q| q as u8),
            );
        }
    }

    fn read(r: &mut Reader<'_>, rows: usize, width: usize) -> Option<I8Rows> {
        // check the size against the bytes left before allocating
        let need = rows.checked_mul(width.checked_add(4)?)?;
        if need > r.b.len().saturating_sub(r.pos) {
            return None;
        }
        let mut out = I8Rows {
            width,
            scale: Vec::with_capacity(rows),
            q: Vec::with_capacity(rows * width),
        };
        for _ in 0..rows {
            let s = r.take(4)?;
            let scale = f32::from_le_bytes([s[0], s[1], s[2], s[3]]);
            if !scale.is_finite() {
                return None;
            }
            out.scale.push(scale);
            out.q.extend(r.take(width)?.iter().map(|&b| b as i8));
        }
        Some(out)
    }
}

/// Trains the window network on gold sentences over frozen word vectors; the projection of
/// the vectors is learned.
/// `res` gives the resources each sentence's inputs are read with (a list and, per
/// sentence, its index in the list).
pub fn train_net(
    sentences: &[Sentence],
    res: Option<(&[Resources], &[usize])>,
    vecs: &WordVectors,
    opts: &NetOptions,
) -> WindowNet {
    let mut opts = opts.clone();
    opts.feat_bits = opts.feat_bits.clamp(8, 24);
    let opts = &opts;
    let (h, r, d) = (opts.hidden.max(1), opts.rep.max(1), vecs.dim);
    let nv = vecs.words.len();
    let unk = nv as u32;
    let pad = unk + 1;
    let mut rng = Rng::new(opts.seed);
    let mut uni = |n: usize, fan: f32| -> Vec<f32> {
        (0..n)
            .map(|_| (rng.unit() as f32 * 2.0 - 1.0) * fan)
            .collect()
    };
    // projection A (r × d), learned vectors of the unknown word and the padding
    let mut a = uni(r * d, (6.0 / (r + d) as f32).sqrt());
    let mut special = uni(2 * r, 0.1);
    let mut w1 = uni(NPOS * h * r, (6.0 / (NPOS * r + h) as f32).sqrt());
    let mut b1 = vec![0f32; h];
    let mut feat = vec![0f32; (1usize << opts.feat_bits) * h];
    let mut w2 = uni(L * h, (6.0 / (h + L) as f32).sqrt());
    let mut b2 = [0f32; L];
    // the inputs of every sentence, computed once
    let cfg = InputCfg {
        vocab: &vecs.index,
        unk,
        bits: opts.feat_bits,
        flags: opts.inputs,
    };
    let mut s = NetScratch::default();
    let mut prepared: Vec<(Vec<u32>, Vec<u32>, Vec<usize>)> = Vec::with_capacity(sentences.len());
    for (si, sent) in sentences.iter().enumerate() {
        let r = res.and_then(|(list, of)| list.get(*of.get(si)?));
        let norms: Vec<String> = sent.tokens.iter().map(|t| normalize(t)).collect();
        let (mut gaz, mut kb) = (Vec::new(), Vec::new());
        if let Some(r) = r {
            r.gazetteer.mark(&norms, &mut gaz);
            r.kb.mark(&norms, &mut kb);
        }
        let marks = r.map(|_| Marks { gaz: &gaz, kb: &kb });
        inputs(cfg, &norms, marks, r.map(|r| &r.lexicon), &mut s);
        prepared.push((s.rows.clone(), s.feats.clone(), s.offs.clone()));
    }
    let mut order: Vec<usize> = (0..sentences.len()).collect();
    let total_steps =
        (opts.epochs * sentences.iter().map(|s| s.tokens.len()).sum::<usize>()).max(1) as f32;
    let mut step = 0f32;
    let mut xs: Vec<f32> = Vec::new();
    let mut hv = vec![0f32; h];
    let mut mask = vec![0f32; h];
    let mut gh = vec![0f32; h];
    let mut gx = vec![0f32; r];
    let mut rows_used = [0u32; NPOS];
    let keep = 1.0 - opts.dropout.clamp(0.0, 0.9);
    let (mut avg_a, mut avg_special, mut avg_w1, mut avg_b1, mut avg_feat, mut avg_w2) = (
        Vec::new(),
        Vec::new(),
        Vec::new(),
        Vec::new(),
        Vec::new(),
        Vec::new(),
    );
    let mut avg_b2 = [0f32; L];
    for ep in 0..opts.epochs {
        // Fisher-Yates with the seeded generator
        for i in (1..order.len()).rev() {
            let j = rng.below(i + 1);
            order.swap(i, j);
        }
        let mut loss = 0f64;
        let mut ntok = 0usize;
        for &si in &order {
            let sent = &sentences[si];
            let n = sent.tokens.len();
            if n == 0 {
                continue;
            }
            let (rows, feats, offs) = &prepared[si];
            s.rows.clone_from(rows);
            s.feats.clone_from(feats);
            s.offs.clone_from(offs);
            // project the sentence's words once (rows ≥ nv are the special vectors)
            xs.clear();
            for &row in &s.rows {
                if row < unk {
                    let e = vecs.row(row as usize);
                    for k in 0..r {
                        xs.push(dot(&a[k * d..k * d + d], e));
                    }
                } else {
                    xs.extend_from_slice(&special[..r]);
                }
            }
            for i in 0..n {
                let lr = opts.lr * (1.0 - 0.9 * step / total_steps);
                step += 1.0;
                // forward
                hv.copy_from_slice(&b1);
                for &f in &s.feats[s.offs[i]..s.offs[i + 1]] {
                    let base = f as usize * h;
                    axpy(&mut hv, 1.0, &feat[base..base + h]);
                }
                for p in 0..NPOS {
                    let j = i as isize + p as isize - WIN as isize;
                    let row = if j < 0 || j >= n as isize {
                        pad
                    } else if opts.word_dropout > 0.0 && (rng.unit() as f32) < opts.word_dropout {
                        unk
                    } else {
                        s.rows[j as usize]
                    };
                    rows_used[p] = row;
                    let x: &[f32] = if row >= unk {
                        let o = (row - unk) as usize * r;
                        &special[o..o + r]
                    } else {
                        let j = j as usize;
                        &xs[j * r..j * r + r]
                    };
                    let w = &w1[p * h * r..(p + 1) * h * r];
                    for (k, hk) in hv.iter_mut().enumerate() {
                        *hk += dot(&w[k * r..k * r + r], x);
                    }
                }
                for k in 0..h {
                    mask[k] = if hv[k] > 0.0 && (rng.unit() as f32) < keep {
                        1.0 / keep
                    } else {
                        0.0
                    };
                    hv[k] = hv[k].max(0.0) * mask[k];
                }
                let mut o = b2;
                for (l, ol) in o.iter_mut().enumerate() {
                    *ol += dot(&w2[l * h..l * h + h], &hv);
                }
                log_softmax(&mut o);
                let gold = sent.tags[i].index();
                loss -= f64::from(o[gold]);
                ntok += 1;
                // backward: g_o = p − onehot
                let mut go = [0f32; L];
                for l in 0..L {
                    go[l] = o[l].exp() - if l == gold { 1.0 } else { 0.0 };
                }
                gh.iter_mut().for_each(|g| *g = 0.0);
                for l in 0..L {
                    axpy(&mut gh, go[l], &w2[l * h..l * h + h]);
                }
                for l in 0..L {
                    axpy(&mut w2[l * h..l * h + h], -lr * go[l], &hv);
                    b2[l] -= lr * go[l];
                }
                for k in 0..h {
                    gh[k] *= mask[k];
                }
                axpy(&mut b1, -lr, &gh);
                for &f in &s.feats[s.offs[i]..s.offs[i + 1]] {
                    let base = f as usize * h;
                    axpy(&mut feat[base..base + h], -lr, &gh);
                }
                for p in 0..NPOS {
                    let row = rows_used[p];
                    let j = (i as isize + p as isize - WIN as isize) as usize;
                    let x: Vec<f32> = if row >= unk {
                        let o = (row - unk) as usize * r;
                        special[o..o + r].to_vec()
                    } else {
                        xs[j * r..j * r + r].to_vec()
                    };
                    gx.iter_mut().for_each(|g| *g = 0.0);
                    let w = &mut w1[p * h * r..(p + 1) * h * r];
                    for k in 0..h {
                        if gh[k] != 0.0 {
                            let wk = &mut w[k * r..k * r + r];
                            axpy(&mut gx, gh[k], wk);
                            axpy(wk, -lr * gh[k], &x);
                        }
                    }
                    if row >= unk {
                        let o = (row - unk) as usize * r;
                        axpy(&mut special[o..o + r], -lr, &gx);
                    } else {
                        let e = vecs.row(row as usize);
                        for k in 0..r {
                            if gx[k] != 0.0 {
                                axpy(&mut a[k * d..k * d + d], -lr * gx[k], e);
                            }
                        }
                    }
                }
            }
        }
        // average the parameters over the snapshots at the ends of the second half of the
        // epochs (steadies plain SGD)
        if opts.average && 2 * (ep + 1) > opts.epochs {
            let k = (ep + 1 - opts.epochs / 2) as f32;
            for (avg, cur) in [
                (&mut avg_a, &a),
                (&mut avg_special, &special),
                (&mut avg_w1, &w1),
                (&mut avg_b1, &b1),
                (&mut avg_feat, &feat),
                (&mut avg_w2, &w2),
            ] {
                avg.resize(cur.len(), 0.0);
                for (x, y) in avg.iter_mut().zip(cur.iter()) {
                    *x += (y - *x) / k;
                }
            }
            for l in 0..L {
                avg_b2[l] += (b2[l] - avg_b2[l]) / k;
            }
        }
        if opts.verbose {
            eprintln!(
                "  net epoch {}: mean loss {:.4}",
                ep + 1,
                loss / ntok.max(1) as f64
            );
        }
    }
    if opts.average && opts.epochs > 0 {
        a = avg_a;
        special = avg_special;
        w1 = avg_w1;
        b1 = avg_b1;
        feat = avg_feat;
        w2 = avg_w2;
        b2 = avg_b2;
    }
    // materialise the projections of every vocabulary word
    let mut reps = Vec::with_capacity((nv + 2) * r);
    for i in 0..nv {
        let e = vecs.row(i);
        for k in 0..r {
            reps.push(dot(&a[k * d..k * d + d], e));
        }
    }
    reps.extend_from_slice(&special);
    let net = WindowNet {
        rep: r,
        hidden: h,
        feat_bits: opts.feat_bits,
        inputs: if res.is_some() { opts.inputs } else { 0 },
        vocab: vecs.index.clone(),
        reps: I8Rows::from_f32(&reps, r),
        feat: I8Rows::from_f32(&feat, h),
        w1t: transpose_w1(&w1, h, r),
        w1,
        b1,
        w2,
        b2,
        gru: None,
    };
    if opts.rnn == 0 || opts.rnn_epochs == 0 {
        return net;
    }
    // the GRU learns on top of the finished (quantized, as tagging sees it) window layer
    let mut net = net.quantized();
    let inputs_of = prepared
        .iter()
        .map(|(rows, feats, offs)| (rows.as_slice(), feats.as_slice(), offs.as_slice()));
    net.gru = Some(train_gru(&net, inputs_of, sentences, opts, &mut rng));
    net
}

/// Trains the sentence GRU over the frozen window layer of `net`: plain SGD on the summed
/// loss of each sentence, the gradient clipped to `opts.rnn_clip`, parameters averaged over
/// the second half of the epochs.
fn train_gru<'a>(
    net: &WindowNet,
    inputs: impl Iterator<Item = (&'a [u32], &'a [u32], &'a [usize])>,
    sentences: &[Sentence],
    opts: &NetOptions,
    rng: &mut Rng,
) -> BiGru {
    let h = net.hidden;
    // hidden layers and window scores of every sentence, computed once
    let mut s = NetScratch::default();
    let mut cached: Vec<(Vec<f32>, Vec<f32>)> = Vec::with_capacity(sentences.len());
    for ((rows, feats, offs), sent) in inputs.zip(sentences) {
        let n = sent.tokens.len();
        s.rows.clear();
        s.rows.extend_from_slice(rows);
        s.feats.clear();
        s.feats.extend_from_slice(feats);
        s.offs.clear();
        s.offs.extend_from_slice(offs);
        let mut out = vec![0f32; n * L];
        net.window_pass(&mut s, n, &mut out, true);
        cached.push((std::mem::take(&mut s.hs), out));
    }
    let mut gru = BiGru::random(opts.rnn, h, L, rng);
    let mut grad = gru.zeros_like();
    let mut avg: Option<BiGru> = None;
    let mut caches = [DirCache::default(), DirCache::default()];
    let mut order: Vec<usize> = (0..sentences.len()).collect();
    let epochs = opts.rnn_epochs;
    let total = (epochs * sentences.len()).max(1) as f32;
    let mut step = 0f32;
    let mut xin: Vec<f32> = Vec::new();
    let keep = 1.0 - opts.rnn_dropout.clamp(0.0, 0.9);
    for ep in 0..epochs {
        for i in (1..order.len()).rev() {
            let j = rng.below(i + 1);
            order.swap(i, j);
        }
        let (mut loss, mut ntok) = (0f64, 0usize);
        for &si in &order {
            let n = sentences[si].tokens.len();
            if n == 0 {
                continue;
            }
            let lr = opts.rnn_lr * (1.0 - 0.9 * step / total);
            step += 1.0;
            let (hs, base) = &cached[si];
            xin.clear();
            xin.extend(hs.iter().map(|&x| {
                if keep < 1.0 {
                    if (rng.unit() as f32) < keep {
                        x / keep
                    } else {
                        0.0
                    }
                } else {
                    x
                }
            }));
            for (d, c) in caches.iter_mut().enumerate() {
                gru.run(d, &xin, n, c);
            }
            let mut logits = base.clone();
            gru.add_scores(&caches, n, L, &mut logits);
            let mut go = vec![0f32; n * L];
            for i in 0..n {
                let o = &mut logits[i * L..i * L + L];
                log_softmax(o);
                let gold = sentences[si].tags[i].index();
                loss -= f64::from(o[gold]);
                ntok += 1;
                for l in 0..L {
                    go[i * L + l] = o[l].exp() - if l == gold { 1.0 } else { 0.0 };
                }
            }
            for v in grad.params_mut() {
                v.iter_mut().for_each(|x| *x = 0.0);
            }
            // the window layer is frozen: no input gradients
            gru.backward(&xin, n, &caches, &go, L, &mut grad, None);
            gru.step(&grad, lr, opts.rnn_clip);
        }
        if 2 * (ep + 1) > epochs {
            let k = (ep + 1 - epochs / 2) as f32;
            avg.get_or_insert_with(|| gru.zeros_like())
                .average_towards(&gru, k);
        }
        if opts.verbose {
            eprintln!(
                "  gru epoch {}: mean loss {:.4}",
                ep + 1,
                loss / ntok.max(1) as f64
            );
        }
    }
    avg.unwrap_or(gru)
}

/// Per position, `hidden × rep` → `rep × hidden`.
fn transpose_w1(w1: &[f32], hidden: usize, rep: usize) -> Vec<f32> {
    let mut t = vec![0f32; w1.len()];
    for p in 0..w1.len() / (hidden * rep).max(1) {
        let o = p * hidden * rep;
        for k in 0..hidden {
            for j in 0..rep {
                t[o + j * hidden + k] = w1[o + k * rep + j];
            }
        }
    }
    t
}

/// The most probable label of every token by the network alone (no transitions).
pub fn argmax_tags<S: AsRef<str>>(net: &WindowNet, tokens: &[S]) -> Vec<Tag> {
    let mut s = NetScratch::default();
    let mut lp = Vec::new();
    net.log_probs(tokens, None, &mut s, &mut lp);
    lp.chunks_exact(L)
        .map(|c| {
            let best = (0..L).max_by(|&x, &y| c[x].total_cmp(&c[y])).unwrap_or(0);
            Tag::from_index(best)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tags::EntityKind;

    /// Names point one way, other words another: a toy embedding space.
    fn toy_vectors() -> WordVectors {
        let names = ["محمد", "احمد", "علي", "خالد", "سمير"];
        let others = [
            "قال",
            "اليوم",
            "ان",
            "في",
            "الوزير",
            "المدينة",
            "زار",
            "امس",
        ];
        let mut text = format!("{} 4\n", names.len() + others.len());
        for (i, w) in names.iter().enumerate() {
            text.push_str(&format!("{w} 1.0 0.{i} 0.0 0.1\n"));
        }
        for (i, w) in others.iter().enumerate() {
            text.push_str(&format!("{w} 0.0 0.1 1.0 0.{i}\n"));
        }
        WordVectors::parse(&text).expect("toy vectors parse")
    }

    fn sent(words: &[&str], tags: &[Tag]) -> Sentence {
        Sentence {
            tokens: words.iter().map(|w| w.to_string()).collect(),
            tags: tags.to_vec(),
        }
    }

    fn toy_training() -> Vec<Sentence> {
        let p = Tag::B(EntityKind::Pers);
        let mut v = Vec::new();
        for _ in 0..30 {
            for name in ["محمد", "احمد", "علي"] {
                v.push(sent(&["قال", name, "اليوم"], &[Tag::O, p, Tag::O]));
                v.push(sent(&["زار", "الوزير", "المدينة", "امس"], &[Tag::O; 4]));
                v.push(sent(
                    &["ان", name, "في", "المدينة"],
                    &[Tag::O, p, Tag::O, Tag::O],
                ));
            }
        }
        v
    }

    fn small_opts() -> NetOptions {
        NetOptions {
            hidden: 16,
            rep: 4,
            feat_bits: 10,
            epochs: 8,
            lr: 0.05,
            dropout: 0.0,
            word_dropout: 0.0,
            ..NetOptions::default()
        }
    }

    #[test]
    fn vector_words_may_hold_spaces() {
        let v = WordVectors::parse("2 2\nصلى الله 0.5 1\nحلب 1 2\n").expect("parses");
        assert_eq!(v.words, vec!["صلى الله", "حلب"]);
        assert_eq!(v.row(0), &[0.5, 1.0]);
        assert!(WordVectors::parse("1 2\nحلب 1\n").is_err());
        assert!(WordVectors::parse("1 2\nحلب 1 x\n").is_err());
        assert!(WordVectors::parse("").is_err());
    }

    /// The point of the network: a name never seen in training, whose vector lies with the
    /// names of the training data, is tagged as one.
    #[test]
    fn unseen_name_with_a_name_vector_is_tagged() {
        let net = train_net(&toy_training(), None, &toy_vectors(), &small_opts());
        let tags = argmax_tags(&net, &["قال", "خالد", "اليوم"]);
        assert_eq!(tags, vec![Tag::O, Tag::B(EntityKind::Pers), Tag::O]);
        // and a known non-name in the same slot is not
        let tags = argmax_tags(&net, &["قال", "الوزير", "اليوم"]);
        assert_eq!(tags[1], Tag::O);
    }

    #[test]
    fn a_network_with_a_sentence_gru_learns_and_round_trips() {
        let opts = NetOptions {
            rnn: 4,
            verbose: true,
            ..small_opts()
        };
        let net = train_net(&toy_training(), None, &toy_vectors(), &opts);
        let tags = argmax_tags(&net, &["قال", "خالد", "اليوم"]);
        assert_eq!(tags, vec![Tag::O, Tag::B(EntityKind::Pers), Tag::O]);
        let back = WindowNet::from_bytes(&net.to_bytes()).expect("round trip");
        assert_eq!(back.to_bytes(), net.to_bytes());
        assert_eq!(argmax_tags(&back, &["قال", "خالد", "اليوم"]), tags);
    }

    /// The averaged GRU came back from training with stale transposed copies of its weights
    /// (all zero), so a freshly trained network scored differently from its own file.
    #[test]
    fn averaged_gru_keeps_its_transposed_weights_fresh() {
        let opts = NetOptions {
            rnn: 4,
            ..small_opts()
        };
        let net = train_net(&toy_training(), None, &toy_vectors(), &opts);
        let back = WindowNet::from_bytes(&net.to_bytes()).expect("round trip");
        let words = ["قال", "خالد", "اليوم"];
        let (mut s, mut a, mut b) = (NetScratch::default(), Vec::new(), Vec::new());
        net.log_probs(&words, None, &mut s, &mut a);
        back.log_probs(&words, None, &mut s, &mut b);
        assert_eq!(a, b);
    }

    #[test]
    fn training_is_deterministic_and_round_trips() {
        let a = train_net(&toy_training(), None, &toy_vectors(), &small_opts());
        let b = train_net(&toy_training(), None, &toy_vectors(), &small_opts());
        assert_eq!(a.to_bytes(), b.to_bytes());
        let q = a.quantized();
        assert_eq!(WindowNet::from_bytes(&q.to_bytes()).expect("reads back"), q);
        assert_eq!(q.vocab_len(), 13);
    }

    #[test]
    fn bad_bytes_are_errors_not_panics() {
        let net = train_net(&toy_training(), None, &toy_vectors(), &small_opts());
        let bytes = net.to_bytes();
        for cut in [0, 7, 8, 20, 40, bytes.len() / 2, bytes.len() - 1] {
            assert!(
                WindowNet::from_bytes(&bytes[..cut]).is_err(),
                "cut at {cut}"
            );
        }
        let mut longer = bytes.clone();
        longer.push(0);
        assert!(WindowNet::from_bytes(&longer).is_err());
        // a header that claims huge tables over a few bytes: an error, no huge allocation
        let mut huge = MAGIC.to_vec();
        for v in [1024u32, 4096, 24, 0, 0, 0, 0] {
            huge.extend_from_slice(&v.to_le_bytes());
        }
        huge.extend_from_slice(&[0; 64]);
        assert!(WindowNet::from_bytes(&huge).is_err());
        let mut seed = 0x1234_5678_u64;
        for len in 0..200usize {
            let mut junk = MAGIC.to_vec();
            for _ in 0..len {
                seed = seed
                    .wrapping_mul(6364136223846793005)
                    .wrapping_add(1442695040888963407);
                junk.push((seed >> 56) as u8);
            }
            let _ = WindowNet::from_bytes(&junk);
        }
    }

    #[test]
    fn empty_and_odd_sentences_do_not_panic() {
        let net = train_net(&toy_training(), None, &toy_vectors(), &small_opts());
        assert!(argmax_tags::<&str>(&net, &[]).is_empty());
        let odd = ["", " ", "\u{200f}", "ـــ", "123", "x"];
        assert_eq!(argmax_tags(&net, &odd).len(), odd.len());
    }
}

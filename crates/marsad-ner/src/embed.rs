//! Word embeddings and their clusters: skip-gram with negative sampling (word2vec SGNS,
//! Mikolov et al. 2013) trained single-threaded with a seeded generator (so a rerun gives the
//! same vectors), then spherical k-means (cosine, k-means++ seeding) at several granularities.
//! The cluster ids serve as features beside the bit-string clusters of [`crate::clusters`]
//! (Turian et al. 2010; Guo et al. 2014).

use crate::clusters::Corpus;
use crate::features::FastMap;

/// Training and clustering parameters (see `data/README.md` for the shipped values).
#[derive(Debug, Clone)]
pub struct EmbedOptions {
    /// Vector dimension.
    pub dim: usize,
    /// Maximum context window on each side (each position draws a smaller one at random).
    /// 2 gives clusters of words of one kind (first names, countries, parties); 5 gives more
    /// topical ones and was no better on held-out NER data.
    pub window: usize,
    /// Negative samples per (word, context) pair.
    pub negative: usize,
    /// Subsampling threshold of frequent words (0 = off).
    pub sample: f64,
    /// Minimum count of a vocabulary word.
    pub min_count: u64,
    /// Maximum vocabulary (most frequent first).
    pub vocab: usize,
    /// Passes over the corpus.
    pub epochs: usize,
    /// Initial learning rate (decays linearly to ~0).
    pub alpha: f32,
    /// Seed of the random generator (initial vectors, window sizes, subsampling, negatives).
    pub seed: u64,
}

impl Default for EmbedOptions {
    fn default() -> Self {
        EmbedOptions {
            dim: 100,
            window: 2,
            negative: 5,
            sample: 1e-4,
            min_count: 3,
            vocab: 200_000,
            epochs: 3,
            alpha: 0.025,
            seed: 1,
        }
    }
}

/// Word vectors, most frequent word first.
#[derive(Debug, Clone, Default)]
pub struct Embeddings {
    /// The words (normalized, as in the corpus).
    pub words: Vec<String>,
    /// Corpus counts of the words.
    pub counts: Vec<u64>,
    /// Vector dimension.
    pub dim: usize,
    /// Row-major vectors (`words.len() × dim`).
    pub vectors: Vec<f32>,
}

impl Embeddings {
    /// Number of words.
    pub fn len(&self) -> usize {
        self.words.len()
    }

    /// Whether there are no words.
    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }

    /// The vector of word `i`.
    pub fn vector(&self, i: usize) -> &[f32] {
        &self.vectors[i * self.dim..(i + 1) * self.dim]
    }

    /// The index of a word (linear scan; for tests and inspection).
    pub fn index(&self, w: &str) -> Option<usize> {
        self.words.iter().position(|x| x == w)
    }

    /// Cosine similarity of words `a` and `b` (0 when either vector is zero).
    pub fn cosine(&self, a: usize, b: usize) -> f32 {
        let (x, y) = (self.vector(a), self.vector(b));
        let n = (dot(x, x) * dot(y, y)).sqrt();
        if n > 0.0 {
            dot(x, y) / n
        } else {
            0.0
        }
    }

    /// The vectors scaled to unit length (zero vectors stay zero).
    pub fn normalized(&self) -> Vec<f32> {
        let mut v = self.vectors.clone();
        if self.dim > 0 {
            for row in v.chunks_exact_mut(self.dim) {
                normalize_row(row);
            }
        }
        v
    }
}

/// A small deterministic generator (SplitMix64).
#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    /// A generator from a seed.
    pub fn new(seed: u64) -> Rng {
        Rng(seed ^ 0x5DEE_CE66_D1CE_4E5B)
    }

    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A uniform integer in `0..n` (`n > 0`).
    pub fn below(&mut self, n: usize) -> usize {
        ((u128::from(self.next_u64()) * n as u128) >> 64) as usize
    }

    /// A uniform float in `[0, 1)`.
    pub fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }
}

/// Dot product with eight independent accumulators (vectorizes; fixed summation order, so
/// deterministic).
#[inline]
pub fn dot(a: &[f32], b: &[f32]) -> f32 {
    let n = a.len().min(b.len());
    let (a, b) = (&a[..n], &b[..n]);
    let mut acc = [0f32; 8];
    let ca = a.chunks_exact(8);
    let cb = b.chunks_exact(8);
    let (ra, rb) = (ca.remainder(), cb.remainder());
    for (x, y) in ca.zip(cb) {
        for k in 0..8 {
            acc[k] += x[k] * y[k];
        }
    }
    let mut s = ((acc[0] + acc[4]) + (acc[1] + acc[5])) + ((acc[2] + acc[6]) + (acc[3] + acc[7]));
    for (x, y) in ra.iter().zip(rb) {
        s += x * y;
    }
    s
}

/// `y += g · x`.
#[inline]
pub(crate) fn axpy(y: &mut [f32], g: f32, x: &[f32]) {
    for (a, b) in y.iter_mut().zip(x) {
        *a += g * b;
    }
}

fn normalize_row(row: &mut [f32]) {
    let n = dot(row, row).sqrt();
    if n > 0.0 {
        row.iter_mut().for_each(|x| *x /= n);
    }
}

const BREAK: u32 = u32::MAX;
const MAX_EXP: f32 = 6.0;
const EXP_TABLE: usize = 1000;
const UNIGRAM_TABLE: usize = 10_000_000;

/// The vocabulary (ids by count descending, ties by word) and the corpus as a stream of
/// vocabulary ids with sentence breaks; out-of-vocabulary words are dropped.
fn vocab_and_stream(corpus: &Corpus, opts: &EmbedOptions) -> (Vec<String>, Vec<u64>, Vec<u32>) {
    let mut counts: FastMap<String, u64> = FastMap::default();
    corpus.for_each_sentence(|ws| {
        for &w in ws {
            match counts.get_mut(w) {
                Some(c) => *c += 1,
                None => {
                    counts.insert(w.to_string(), 1);
                }
            }
        }
    });
    let mut vocab: Vec<(String, u64)> = counts
        .into_iter()
        .filter(|&(_, c)| c >= opts.min_count.max(1))
        .collect();
    vocab.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    vocab.truncate(opts.vocab);
    let ids: FastMap<&str, u32> = vocab
        .iter()
        .enumerate()
        .map(|(i, (w, _))| (w.as_str(), i as u32))
        .collect();
    let mut stream = Vec::with_capacity(corpus.tokens());
    corpus.for_each_sentence(|ws| {
        let before = stream.len();
        stream.extend(ws.iter().filter_map(|w| ids.get(w).copied()));
        if stream.len() > before {
            stream.push(BREAK);
        }
    });
    drop(ids);
    let counts = vocab.iter().map(|&(_, c)| c).collect();
    let words = vocab.into_iter().map(|(w, _)| w).collect();
    (words, counts, stream)
}

/// Trains skip-gram vectors with negative sampling over the corpus (single thread,
/// deterministic for `opts.seed`); `progress` is called after each epoch with (epoch, words
/// seen so far).
pub fn train_sgns(
    corpus: &Corpus,
    opts: &EmbedOptions,
    mut progress: impl FnMut(usize, u64),
) -> Embeddings {
    let (words, counts, stream) = vocab_and_stream(corpus, opts);
    let v = words.len();
    let dim = opts.dim.max(1);
    if v == 0 {
        return Embeddings {
            words,
            counts,
            dim,
            vectors: Vec::new(),
        };
    }
    let mut rng = Rng::new(opts.seed);
    let mut syn0: Vec<f32> = (0..v * dim)
        .map(|_| (rng.unit() as f32 - 0.5) / dim as f32)
        .collect();
    let mut syn1 = vec![0f32; v * dim];
    // unigram^0.75 table for negatives
    let table_len = UNIGRAM_TABLE.min(v * 100).max(v);
    let mut table = Vec::with_capacity(table_len);
    {
        let pow: Vec<f64> = counts.iter().map(|&c| (c as f64).powf(0.75)).collect();
        let total: f64 = pow.iter().sum();
        let mut w = 0usize;
        let mut cum = pow[0] / total;
        for i in 0..table_len {
            table.push(w as u32);
            if (i + 1) as f64 / table_len as f64 > cum && w + 1 < v {
                w += 1;
                cum += pow[w] / total;
            }
        }
    }
    // sigmoid table over [-MAX_EXP, MAX_EXP]
    let exp_table: Vec<f32> = (0..EXP_TABLE)
        .map(|i| {
            let x = (i as f32 / EXP_TABLE as f32 * 2.0 - 1.0) * MAX_EXP;
            let e = x.exp();
            e / (e + 1.0)
        })
        .collect();
    let train_words: u64 = counts.iter().sum();
    let total = (train_words as f64) * opts.epochs as f64 + 1.0;
    let thr = opts.sample * train_words as f64;
    let keep: Vec<f64> = counts
        .iter()
        .map(|&c| {
            if opts.sample <= 0.0 {
                1.0
            } else {
                let f = c as f64;
                ((f / thr).sqrt() + 1.0) * thr / f
            }
        })
        .collect();
    let window = opts.window.max(1);
    let mut sen: Vec<u32> = Vec::new();
    let mut neu1e = vec![0f32; dim];
    let mut seen: u64 = 0;
    for epoch in 0..opts.epochs {
        for sentence in stream.split(|&w| w == BREAK) {
            sen.clear();
            for &w in sentence {
                seen += 1;
                let k = keep[w as usize];
                if k < 1.0 && k < rng.unit() {
                    continue;
                }
                sen.push(w);
            }
            let alpha = (opts.alpha * (1.0 - (seen as f64 / total) as f32)).max(opts.alpha * 1e-4);
            for pos in 0..sen.len() {
                let word = sen[pos] as usize;
                let b = rng.below(window);
                let reach = window - b;
                let lo = pos.saturating_sub(reach);
                let hi = (pos + reach + 1).min(sen.len());
                for (c, &ctx) in sen.iter().enumerate().take(hi).skip(lo) {
                    if c == pos {
                        continue;
                    }
                    let l1 = ctx as usize * dim;
                    neu1e.iter_mut().for_each(|x| *x = 0.0);
                    for d in 0..=opts.negative {
                        let (target, label) = if d == 0 {
                            (word, 1.0f32)
                        } else {
                            let t = table[rng.below(table.len())] as usize;
                            if t == word {
                                continue;
                            }
                            (t, 0.0)
                        };
                        let l2 = target * dim;
                        let h = &syn0[l1..l1 + dim];
                        let o = &mut syn1[l2..l2 + dim];
                        let f = dot(h, o);
                        let g = if f > MAX_EXP {
                            label - 1.0
                        } else if f < -MAX_EXP {
                            label
                        } else {
                            let i = ((f + MAX_EXP) * (EXP_TABLE as f32 / MAX_EXP / 2.0)) as usize;
                            label - exp_table[i.min(EXP_TABLE - 1)]
                        } * alpha;
                        axpy(&mut neu1e, g, o);
                        axpy(o, g, h);
                    }
                    axpy(&mut syn0[l1..l1 + dim], 1.0, &neu1e);
                }
            }
        }
        progress(epoch + 1, seen);
    }
    Embeddings {
        words,
        counts,
        dim,
        vectors: syn0,
    }
}

/// Spherical k-means over unit-length rows of `x` (`dim` columns): k-means++ seeding with a
/// generator seeded by `seed`, then up to `iters` rounds of assigning each row to the
/// centroid of highest cosine and renormalizing the centroids (an emptied cluster keeps its
/// centroid). Returns each row's cluster, renumbered by first occurrence (row 0 is in
/// cluster 0). Deterministic.
pub fn spherical_kmeans(x: &[f32], dim: usize, k: usize, iters: usize, seed: u64) -> Vec<u32> {
    let n = x.len().checked_div(dim).unwrap_or(0);
    if n == 0 {
        return Vec::new();
    }
    let k = k.clamp(1, n);
    let row = |i: usize| &x[i * dim..(i + 1) * dim];
    let mut rng = Rng::new(seed);
    // k-means++: next seed drawn in proportion to 1 − cos to the nearest seed so far
    let mut cents: Vec<f32> = Vec::with_capacity(k * dim);
    let first = rng.below(n);
    cents.extend_from_slice(row(first));
    let mut dist: Vec<f64> = (0..n)
        .map(|i| f64::from((1.0 - dot(row(i), row(first))).max(0.0)))
        .collect();
    while cents.len() < k * dim {
        let total: f64 = dist.iter().sum();
        let pick = if total <= 0.0 {
            rng.below(n)
        } else {
            let mut r = rng.unit() * total;
            let mut p = n - 1;
            for (i, &d) in dist.iter().enumerate() {
                if r < d {
                    p = i;
                    break;
                }
                r -= d;
            }
            p
        };
        let c = row(pick).to_vec();
        for (i, d) in dist.iter_mut().enumerate() {
            let e = f64::from((1.0 - dot(row(i), &c)).max(0.0));
            if e < *d {
                *d = e;
            }
        }
        cents.extend_from_slice(&c);
    }
    let mut assign = vec![u32::MAX; n];
    let mut sums = vec![0f32; k * dim];
    let mut sizes = vec![0usize; k];
    for _ in 0..iters.max(1) {
        let mut changed = 0usize;
        for (i, a) in assign.iter_mut().enumerate() {
            let r = row(i);
            let mut best = 0usize;
            let mut bs = f32::NEG_INFINITY;
            for (j, c) in cents.chunks_exact(dim).enumerate() {
                let s = dot(r, c);
                if s > bs {
                    bs = s;
                    best = j;
                }
            }
            if *a != best as u32 {
                *a = best as u32;
                changed += 1;
            }
        }
        if changed == 0 {
            break;
        }
        sums.iter_mut().for_each(|s| *s = 0.0);
        sizes.iter_mut().for_each(|s| *s = 0);
        for (i, &a) in assign.iter().enumerate() {
            let a = a as usize;
            axpy(&mut sums[a * dim..(a + 1) * dim], 1.0, row(i));
            sizes[a] += 1;
        }
        for j in 0..k {
            if sizes[j] == 0 {
                continue;
            }
            let c = &mut cents[j * dim..(j + 1) * dim];
            c.copy_from_slice(&sums[j * dim..(j + 1) * dim]);
            normalize_row(c);
        }
    }
    // renumber by first occurrence
    let mut new_id = vec![u32::MAX; k];
    let mut next = 0u32;
    for a in &mut assign {
        let m = &mut new_id[*a as usize];
        if *m == u32::MAX {
            *m = next;
            next += 1;
        }
        *a = *m;
    }
    assign
}

/// Clusters the first `out_vocab` words of `emb` (cosine) at each `k`: per word, its cluster
/// id at each granularity (seed `seed + index of k`).
pub fn cluster_words(
    emb: &Embeddings,
    out_vocab: usize,
    ks: &[usize],
    iters: usize,
    seed: u64,
    mut progress: impl FnMut(usize),
) -> Vec<Vec<u32>> {
    let n = emb.len().min(out_vocab);
    let x = emb.normalized();
    let x = &x[..n * emb.dim];
    let mut per_k = Vec::with_capacity(ks.len());
    for (s, &k) in ks.iter().enumerate() {
        per_k.push(spherical_kmeans(
            x,
            emb.dim,
            k,
            iters,
            seed.wrapping_add(s as u64),
        ));
        progress(k);
    }
    (0..n)
        .map(|i| per_k.iter().map(|a| a[i]).collect())
        .collect()
}

/// The `word<TAB>id<TAB>id…` lines of the clusters (one column per granularity), after a
/// `#` header line naming the granularities.
pub fn to_tsv(emb: &Embeddings, ks: &[usize], ids: &[Vec<u32>]) -> String {
    let mut s = String::from("#word");
    for k in ks {
        s.push_str(&format!("\tk{k}"));
    }
    s.push('\n');
    for (w, row) in emb.words.iter().zip(ids) {
        s.push_str(w);
        for id in row {
            s.push('\t');
            s.push_str(&id.to_string());
        }
        s.push('\n');
    }
    s
}

/// The first `max_words` vectors in word2vec's text format (`count dim` header, then
/// `word v1 v2 ...` a line), for the window network and outside tools.
pub fn to_vec_text(emb: &Embeddings, max_words: usize) -> String {
    let n = emb.len().min(max_words);
    let mut s = format!("{n} {}\n", emb.dim);
    for i in 0..n {
        s.push_str(&emb.words[i]);
        for x in emb.vector(i) {
            s.push(' ');
            // shortest text that reads back to the same f32: a file and the vectors
            // trained in-process give the same network
            s.push_str(&format!("{x}"));
        }
        s.push('\n');
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::normalize;

    /// Cities occur after "to" and "in", people after "said" and "minister"; the two groups
    /// never share a context.
    fn toy_corpus() -> Corpus {
        let mut c = Corpus::new();
        let cities = ["دمشق", "حلب", "حمص", "حماة"];
        let people = ["محمد", "احمد", "علي", "خالد"];
        for r in 0..40 {
            for (i, city) in cities.iter().enumerate() {
                let other = cities[(i + r) % 4];
                c.add_text(&format!("وصل الوفد إلى {city} قادما من {other} اليوم ."));
                c.add_text(&format!("قصف الطيران مدينة {city} في ريف {other} امس ."));
            }
            for (i, p) in people.iter().enumerate() {
                let other = people[(i + r) % 4];
                c.add_text(&format!("قال السيد {p} في بيان مع {other} ."));
                c.add_text(&format!("صرح الوزير {p} للصحفيين بعد لقاء {other} ."));
            }
        }
        c
    }

    fn opts() -> EmbedOptions {
        EmbedOptions {
            dim: 16,
            window: 2,
            min_count: 1,
            sample: 0.0,
            epochs: 20,
            ..EmbedOptions::default()
        }
    }

    #[test]
    fn sgns_puts_words_of_shared_contexts_closer() {
        let c = toy_corpus();
        let e = train_sgns(&c, &opts(), |_, _| {});
        let id = |w: &str| e.index(&normalize(w)).unwrap_or(0);
        let (dam, alep, hama) = (id("دمشق"), id("حلب"), id("حماة"));
        let (muh, ahm, kha) = (id("محمد"), id("احمد"), id("خالد"));
        assert!(
            e.cosine(dam, alep) > e.cosine(dam, muh),
            "city/city vs city/person"
        );
        assert!(e.cosine(hama, alep) > e.cosine(hama, kha));
        assert!(
            e.cosine(muh, ahm) > e.cosine(muh, alep),
            "person/person vs person/city"
        );
        // deterministic for a seed, different for another
        let again = train_sgns(&c, &opts(), |_, _| {});
        assert_eq!(e.vectors, again.vectors);
        let other = train_sgns(&c, &EmbedOptions { seed: 7, ..opts() }, |_, _| {});
        assert_ne!(e.vectors, other.vectors);
    }

    #[test]
    fn sgns_on_an_empty_corpus_gives_no_vectors() {
        let e = train_sgns(&Corpus::new(), &opts(), |_, _| {});
        assert!(e.is_empty());
        assert!(cluster_words(&e, 10, &[4], 5, 1, |_| {}).is_empty());
    }

    #[test]
    fn kmeans_separates_groups_and_is_deterministic() {
        // two tight groups around orthogonal directions
        let mut x = Vec::new();
        for i in 0..20 {
            let eps = i as f32 * 0.01;
            if i % 2 == 0 {
                x.extend_from_slice(&[1.0, eps, 0.0]);
            } else {
                x.extend_from_slice(&[eps, 0.0, 1.0]);
            }
        }
        for r in x.chunks_exact_mut(3) {
            normalize_row(r);
        }
        let a = spherical_kmeans(&x, 3, 2, 10, 3);
        assert_eq!(a.len(), 20);
        assert_eq!(a[0], 0);
        for i in 0..20 {
            assert_eq!(a[i], (i % 2) as u32, "{a:?}");
        }
        assert_eq!(a, spherical_kmeans(&x, 3, 2, 10, 3));
        // more clusters than rows: every row its own cluster at most
        let b = spherical_kmeans(&x[..6], 3, 10, 5, 3);
        assert_eq!(b.len(), 2);
        assert!(spherical_kmeans(&[], 3, 4, 5, 1).is_empty());
    }

    #[test]
    fn clusters_of_the_toy_corpus_group_cities_and_people() {
        let c = toy_corpus();
        let e = train_sgns(&c, &opts(), |_, _| {});
        let ids = cluster_words(&e, e.len(), &[2, 4], 10, 1, |_| {});
        assert_eq!(ids.len(), e.len());
        let cl = |w: &str| ids[e.index(&normalize(w)).unwrap_or(0)][0];
        assert_eq!(cl("دمشق"), cl("حلب"));
        assert_eq!(cl("محمد"), cl("خالد"));
        let tsv = to_tsv(&e, &[2, 4], &ids);
        assert!(tsv.starts_with("#word\tk2\tk4\n"));
        assert_eq!(tsv.lines().count(), e.len() + 1);
        assert_eq!(
            tsv,
            to_tsv(
                &e,
                &[2, 4],
                &cluster_words(&e, e.len(), &[2, 4], 10, 1, |_| {})
            )
        );
    }
}

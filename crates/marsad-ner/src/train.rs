//! Averaged structured perceptron training (Collins 2002), deterministic for a given seed.

use crate::features::{extract, FeatureRows, Scratch};
use crate::model::{viterbi, Model};
use crate::resources::Resources;
use crate::tags::{Tag, NUM_LABELS};

const L: usize = NUM_LABELS;

/// A training sentence: tokens and their gold BIO tags (same length).
#[derive(Debug, Clone, PartialEq)]
pub struct Sentence {
    /// Surface tokens.
    pub tokens: Vec<String>,
    /// Gold tags.
    pub tags: Vec<Tag>,
}

/// Training options.
#[derive(Debug, Clone)]
pub struct TrainOptions {
    /// Passes over the data.
    pub epochs: usize,
    /// Seed of the per-epoch shuffle.
    pub seed: u64,
    /// Bits of the feature hash.
    pub bits: u32,
    /// Print one progress line per epoch on stderr.
    pub verbose: bool,
}

impl Default for TrainOptions {
    fn default() -> Self {
        TrainOptions {
            epochs: DEFAULT_EPOCHS,
            seed: 1,
            bits: DEFAULT_BITS,
            verbose: false,
        }
    }
}

/// Default number of epochs.
pub const DEFAULT_EPOCHS: usize = 12;
/// Default feature-hash bits (2^20 rows × 9 labels).
pub const DEFAULT_BITS: u32 = 20;

/// A small deterministic PRNG (splitmix64).
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

/// Trains with the bundled resources and default hash size.
pub fn train(sentences: &[Sentence], epochs: usize, seed: u64) -> Model {
    let opts = TrainOptions {
        epochs,
        seed,
        ..TrainOptions::default()
    };
    train_with(&Resources::bundled(), sentences, &opts, |_, _| {})
}

/// Trains an averaged perceptron; `on_epoch(epoch, averaged_model)` is called after each
/// epoch (pass `|_, _| {}` when not needed).
pub fn train_with(
    res: &Resources,
    sentences: &[Sentence],
    opts: &TrainOptions,
    mut on_epoch: impl FnMut(usize, &Model),
) -> Model {
    let bits = opts.bits.clamp(8, 26);
    let mut scratch = Scratch::default();
    let data: Vec<(FeatureRows, Vec<usize>)> = sentences
        .iter()
        .filter(|s| !s.tokens.is_empty() && s.tokens.len() == s.tags.len())
        .map(|s| {
            let mut rows = FeatureRows::default();
            extract(res, &s.tokens, bits, &mut scratch, &mut rows);
            (rows, s.tags.iter().map(|t| t.index()).collect())
        })
        .collect();
    let mut w = Model::zeros(bits);
    // accumulated c * update, for averaging: avg = w - acc / c
    let mut acc = Model::zeros(bits);
    let mut c: f32 = 1.0;
    let mut order: Vec<usize> = (0..data.len()).collect();
    let mut rng = Rng(opts.seed ^ 0x6D61_7273_6164);
    let mut em = Vec::new();
    let mut pred = Vec::new();
    for epoch in 0..opts.epochs {
        for i in (1..order.len()).rev() {
            let j = rng.below(i + 1);
            order.swap(i, j);
        }
        let mut errors = 0usize;
        for &k in &order {
            let (rows, gold) = &data[k];
            w.emissions(rows, &mut em);
            w.viterbi(&em, &mut pred);
            if pred == *gold {
                c += 1.0;
                continue;
            }
            let n = gold.len();
            for i in 0..n {
                let (g, p) = (gold[i], pred[i]);
                if g != p {
                    errors += 1;
                    for &f in rows.token(i) {
                        let base = f as usize * L;
                        w.weights[base + g] += 1.0;
                        w.weights[base + p] -= 1.0;
                        acc.weights[base + g] += c;
                        acc.weights[base + p] -= c;
                    }
                }
                let (gp, pp) = if i == 0 {
                    (None, None)
                } else {
                    (Some(gold[i - 1]), Some(pred[i - 1]))
                };
                if gp != pp || g != p {
                    match (gp, pp) {
                        (None, None) => {
                            w.start[g] += 1.0;
                            w.start[p] -= 1.0;
                            acc.start[g] += c;
                            acc.start[p] -= c;
                        }
                        (Some(gp), Some(pp)) => {
                            w.trans[gp][g] += 1.0;
                            w.trans[pp][p] -= 1.0;
                            acc.trans[gp][g] += c;
                            acc.trans[pp][p] -= c;
                        }
                        _ => {}
                    }
                }
            }
            c += 1.0;
        }
        let avg = average(&w, &acc, c);
        if opts.verbose {
            eprintln!(
                "epoch {:>2}: {} token errors in {} sentences",
                epoch + 1,
                errors,
                data.len()
            );
        }
        on_epoch(epoch + 1, &avg);
        if epoch + 1 == opts.epochs {
            return avg;
        }
    }
    average(&w, &acc, c)
}

fn average(w: &Model, acc: &Model, c: f32) -> Model {
    let mut m = w.clone();
    for (x, a) in m.weights.iter_mut().zip(&acc.weights) {
        *x -= a / c;
    }
    for p in 0..L {
        for q in 0..L {
            m.trans[p][q] -= acc.trans[p][q] / c;
        }
        m.start[p] -= acc.start[p] / c;
    }
    m
}

/// Decodes `tokens` with a model (for tests and tools).
pub fn decode(model: &Model, res: &Resources, tokens: &[String]) -> Vec<Tag> {
    let mut scratch = Scratch::default();
    let mut rows = FeatureRows::default();
    extract(res, tokens, model.bits, &mut scratch, &mut rows);
    let mut em = Vec::new();
    let mut out = Vec::new();
    model.emissions(&rows, &mut em);
    viterbi(&model.trans, &model.start, &em, &mut out);
    out.into_iter().map(Tag::from_index).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tags::EntityKind::*;

    fn sent(words: &str, tags: &[Tag]) -> Sentence {
        Sentence {
            tokens: words.split(' ').map(str::to_string).collect(),
            tags: tags.to_vec(),
        }
    }

    fn toy() -> Vec<Sentence> {
        use Tag::*;
        vec![
            sent("زار محمد دمشق", &[O, B(Pers), B(Loc)]),
            sent("وصل علي إلى حلب", &[O, B(Pers), O, B(Loc)]),
            sent("قال محمد علي", &[O, B(Pers), I(Pers)]),
            sent("غادر علي حلب", &[O, B(Pers), B(Loc)]),
            sent("انسحب الجيش من دمشق", &[O, O, O, B(Loc)]),
        ]
    }

    #[test]
    fn perceptron_update_moves_weights_towards_gold() {
        // one epoch on one sentence: after the first mistake the gold features gain weight
        let data = vec![sent("محمد", &[Tag::B(Pers)])];
        let opts = TrainOptions {
            epochs: 1,
            seed: 0,
            bits: 12,
            verbose: false,
        };
        let res = Resources::default();
        let m = train_with(&res, &data, &opts, |_, _| {});
        let mut sc = Scratch::default();
        let mut rows = FeatureRows::default();
        extract(&res, &data[0].tokens, 12, &mut sc, &mut rows);
        let f = rows.token(0)[1] as usize; // raw-form feature
        let b = Tag::B(Pers).index();
        // initial prediction is O (index 0, ties go to the lowest label): gold +1, O -1,
        // averaged over c = 2 → +0.5 / -0.5
        assert!(m.weights[f * L + b] > 0.0);
        assert!(m.weights[f * L] < 0.0);
    }

    #[test]
    fn learns_toy_data_and_is_deterministic() {
        let data = toy();
        let opts = TrainOptions {
            epochs: 5,
            seed: 7,
            bits: 14,
            verbose: false,
        };
        let res = Resources::default();
        let m1 = train_with(&res, &data, &opts, |_, _| {});
        let m2 = train_with(&res, &data, &opts, |_, _| {});
        assert_eq!(m1, m2);
        for s in &data {
            assert_eq!(decode(&m1, &res, &s.tokens), s.tags, "{:?}", s.tokens);
        }
    }
}

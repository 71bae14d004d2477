//! Averaged structured perceptron training (Collins 2002), deterministic for a given seed.

use crate::clusters::Corpus;
use crate::features::{extract, extract_in_doc, DocAgg, DocCtx, FeatureRows, Scratch};
use crate::lexicon::{AutoLex, LexCounter};
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
    /// Unlabelled news directory (`*.jsonl.gz`) for the self-trained lexicon: when set,
    /// [`crate::train_file`] trains in two stages ([`train_self_lex`]).
    pub news: Option<std::path::PathBuf>,
    /// Tokens of the news corpus to read at most.
    pub news_tokens: usize,
    /// Sentences on each side used for context aggregation (0 = none); training sentences
    /// are taken in file order, as documents run on in ANERcorp.
    pub doc_window: usize,
    /// Probability of hiding a training token's word-identity features (word dropout).
    pub word_dropout: f32,
    /// Temperature stored in the model for its confidences (see [`DEFAULT_TEMPERATURE`]).
    pub temperature: f32,
    /// Passive-aggressive (PA-I) step cap; 0 = plain perceptron steps of 1.
    pub pa_c: f32,
    /// Number of runs (different shuffles and dropout masks) whose weights are averaged.
    pub ensemble: usize,
    /// Self-training: at most this many confidently tagged news sentences are added to the
    /// gold sentences for a second round of training (0 = off; needs `news`).
    pub self_train: usize,
    /// Self-training: every token of a chosen sentence has at least this posterior.
    pub self_train_conf: f32,
    /// Weight of the window network's log-probabilities in the tagger (0 = no network). The
    /// network is trained in the two-stage training only (it needs the news corpus or
    /// `vectors`).
    pub net_weight: f32,
    /// Training parameters of the window network.
    pub net: crate::nn::NetOptions,
    /// Word vectors for the window network (word2vec text format, as `ner-embed --vectors`
    /// writes them); when absent they are trained on the news corpus here.
    pub vectors: Option<std::path::PathBuf>,
}

impl Default for TrainOptions {
    fn default() -> Self {
        TrainOptions {
            epochs: DEFAULT_EPOCHS,
            seed: 1,
            bits: DEFAULT_BITS,
            verbose: false,
            news: None,
            news_tokens: 30_000_000,
            doc_window: DEFAULT_DOC_WINDOW,
            word_dropout: DEFAULT_WORD_DROPOUT,
            temperature: DEFAULT_TEMPERATURE,
            pa_c: 0.0,
            ensemble: DEFAULT_ENSEMBLE,
            self_train: DEFAULT_SELF_TRAIN,
            self_train_conf: DEFAULT_SELF_TRAIN_CONF,
            net_weight: DEFAULT_NET_WEIGHT,
            net: crate::nn::NetOptions::default(),
            vectors: None,
        }
    }
}

/// Default number of epochs.
pub const DEFAULT_EPOCHS: usize = 10;
/// Default context-aggregation window (sentences on each side): off, as it did not help on
/// held-out ANERcorp data.
pub const DEFAULT_DOC_WINDOW: usize = 0;
/// Default temperature of the confidences: fitted (`ner calibrate`) on the last 15 % of the
/// ANERcorp training file with a model trained on the first 85 %.
pub const DEFAULT_TEMPERATURE: f32 = 0.037;
/// Default number of averaged runs (different seeds): 4 (+0.4 F1 on held-out data and less
/// seed variance than one run).
pub const DEFAULT_ENSEMBLE: usize = 4;
/// Default number of self-training sentences (see [`train_semi`]): off. On the two
/// held-out splits 5,000 sentences at confidence 0.9 gave +0.8 / +0.6 F1 in one run and
/// ±0.0 in a rerun of the same recipe, 13,000 sentences −0.5, confidence 0.95 −0.5: within
/// the noise of the training, so not switched on.
pub const DEFAULT_SELF_TRAIN: usize = 0;
/// Default minimum token posterior of a self-training sentence.
pub const DEFAULT_SELF_TRAIN_CONF: f32 = 0.9;
/// Self-training looks at every this-many-th news sentence (spreads the choice over the
/// whole corpus instead of its first files).
const SELF_TRAIN_STRIDE: usize = 7;

/// Default weight of the window network's log-probabilities: tuned on the two held-out
/// splits of the training file (4, 8 and 12 gave 75.5 / 76.1 / 75.9 and 80.4 / 80.3 / 80.2
/// against 74.4 and 80.1 without the network).
pub const DEFAULT_NET_WEIGHT: f32 = 8.0;

/// Default word-dropout probability.
pub const DEFAULT_WORD_DROPOUT: f32 = 0.2;
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
    on_epoch: impl FnMut(usize, &Model),
) -> Model {
    let bits = opts.bits.clamp(8, 26);
    let sents: Vec<&Sentence> = sentences
        .iter()
        .filter(|s| !s.tokens.is_empty() && s.tokens.len() == s.tags.len())
        .collect();
    let agg = doc_agg(&sents, opts.doc_window);
    let mut scratch = Scratch::default();
    let data: Vec<(FeatureRows, Vec<usize>)> = sents
        .iter()
        .enumerate()
        .map(|(i, s)| featurize(res, s, bits, &mut scratch, ctx(&agg, i, opts.doc_window)))
        .collect();
    let mut m = train_rows(&data, opts, on_epoch);
    m.doc_window = opts.doc_window as u32;
    m
}

fn doc_agg(sents: &[&Sentence], window: usize) -> DocAgg {
    if window == 0 {
        return DocAgg::default();
    }
    let toks: Vec<Vec<&str>> = sents
        .iter()
        .map(|s| s.tokens.iter().map(String::as_str).collect())
        .collect();
    DocAgg::build(&toks)
}

fn ctx(agg: &DocAgg, sentence: usize, window: usize) -> Option<DocCtx<'_>> {
    (window > 0).then_some(DocCtx {
        agg,
        sentence,
        window,
    })
}

fn featurize(
    res: &Resources,
    s: &Sentence,
    bits: u32,
    scratch: &mut Scratch,
    doc: Option<DocCtx<'_>>,
) -> (FeatureRows, Vec<usize>) {
    let mut rows = FeatureRows::default();
    extract_in_doc(res, &s.tokens, bits, scratch, &mut rows, doc);
    (rows, s.tags.iter().map(|t| t.index()).collect())
}

/// Tags every sentence of `corpus` with `model` and counts the labels of each word.
pub fn tag_corpus(model: &Model, res: &Resources, corpus: &Corpus, opts: &LexOptions) -> AutoLex {
    let mut scratch = Scratch::default();
    let mut rows = FeatureRows::default();
    let mut em = Vec::new();
    let mut path = Vec::new();
    let mut counter = LexCounter::new();
    corpus.for_each_sentence(|words| {
        extract(res, words, model.bits, &mut scratch, &mut rows);
        model.emissions(&rows, &mut em);
        model.viterbi(&em, &mut path);
        for (w, &l) in words.iter().zip(&path) {
            counter.add(w, l);
        }
    });
    counter.finish(opts.min_count, opts.min_pct)
}

/// Parameters of the self-trained lexicon.
#[derive(Debug, Clone)]
pub struct LexOptions {
    /// Minimum occurrences of a word in the corpus.
    pub min_count: u32,
    /// Minimum percentage of entity labels.
    pub min_pct: u8,
    /// Folds: the lexicon features of each fold of the training data come from a model
    /// trained on the other folds.
    pub folds: usize,
}

impl Default for LexOptions {
    fn default() -> Self {
        LexOptions {
            min_count: 3,
            min_pct: 5,
            folds: 2,
        }
    }
}

/// Two-stage training with a self-trained lexicon: first-stage models trained on all folds
/// of the data but one tag the unlabelled `corpus`; the second stage learns from lexicon features built
/// by the model that did *not* see a sentence (so the features are as reliable in training
/// as on new text), and ships with the lexicon of a first-stage model trained on all data.
pub fn train_self_lex(
    res: &Resources,
    sentences: &[Sentence],
    corpus: &Corpus,
    opts: &TrainOptions,
    lex_opts: &LexOptions,
    on_epoch: impl FnMut(usize, &Model),
) -> Model {
    let mut base = res.clone();
    base.lexicon = AutoLex::new();
    let sents: Vec<&Sentence> = sentences
        .iter()
        .filter(|s| !s.tokens.is_empty() && s.tokens.len() == s.tags.len())
        .collect();
    let k = lex_opts.folds.clamp(2, 10).min(sents.len().max(1));
    let bounds: Vec<usize> = (0..=k).map(|f| f * sents.len() / k).collect();
    // first-stage models tag news sentence by sentence: no document context
    let quiet = TrainOptions {
        verbose: false,
        doc_window: 0,
        ..opts.clone()
    };
    let t0 = std::time::Instant::now();
    let lex_of = |skip: Option<usize>| {
        let part: Vec<Sentence> = sents
            .iter()
            .enumerate()
            .filter(|(i, _)| skip.is_none_or(|f| *i < bounds[f] || *i >= bounds[f + 1]))
            .map(|(_, s)| (*s).clone())
            .collect();
        let m = train_with(&base, &part, &quiet, |_, _| {});
        tag_corpus(&m, &base, corpus, lex_opts)
    };
    let fold_lex: Vec<AutoLex> = (0..k).map(|f| lex_of(Some(f))).collect();
    let lex_all = lex_of(None);
    if opts.verbose {
        let sizes: Vec<String> = fold_lex.iter().map(|l| l.len().to_string()).collect();
        eprintln!(
            "self-trained lexicons: folds {} / all {} words ({:.1}s)",
            sizes.join(", "),
            lex_all.len(),
            t0.elapsed().as_secs_f64()
        );
    }
    let bits = opts.bits.clamp(8, 26);
    let mut scratch = Scratch::default();
    let agg = doc_agg(&sents, opts.doc_window);
    let mut data = Vec::with_capacity(sents.len());
    // each fold's resources carry the lexicon of the model that did not see the fold: the
    // linear model's features and the network's inputs read them
    let fold_res: Vec<Resources> = fold_lex
        .into_iter()
        .map(|lex| {
            let mut r = base.clone();
            r.lexicon = lex;
            r
        })
        .collect();
    for (f, r) in fold_res.iter().enumerate() {
        for (i, s) in sents.iter().enumerate().take(bounds[f + 1]).skip(bounds[f]) {
            let c = ctx(&agg, i, opts.doc_window);
            data.push(featurize(r, s, bits, &mut scratch, c));
        }
    }
    let mut on_epoch = on_epoch;
    let window = opts.doc_window as u32;
    let mut m = train_rows(&data, opts, |ep, m| {
        let mut m = m.clone();
        m.lexicon = lex_all.clone();
        m.doc_window = window;
        on_epoch(ep, &m)
    });
    m.lexicon = lex_all;
    m.doc_window = window;
    if opts.net_weight > 0.0 {
        let t1 = std::time::Instant::now();
        let vecs = word_vectors(opts, corpus);
        let res_of: Vec<usize> = (0..k)
            .flat_map(|f| std::iter::repeat_n(f, bounds[f + 1] - bounds[f]))
            .collect();
        let owned: Vec<Sentence> = sents.iter().map(|s| (*s).clone()).collect();
        let net = crate::nn::train_net(&owned, Some((&fold_res, &res_of)), &vecs, &opts.net);
        m.net = Some(std::sync::Arc::new(net.quantized()));
        m.net_weight = opts.net_weight;
        if opts.verbose {
            eprintln!(
                "window network: {} words, {} hidden units ({:.1}s)",
                vecs.words.len(),
                opts.net.hidden,
                t1.elapsed().as_secs_f64()
            );
        }
    }
    m
}

/// The word vectors of the window network: read from `opts.vectors`, or trained on the
/// news corpus (skip-gram, the defaults of [`crate::embed::EmbedOptions`], the 150,000 most
/// frequent words; deterministic).
fn word_vectors(opts: &TrainOptions, corpus: &Corpus) -> crate::nn::WordVectors {
    if let Some(p) = &opts.vectors {
        match std::fs::read_to_string(p)
            .map_err(|e| crate::NerError::Io(format!("{}: {e}", p.display())))
            .and_then(|t| crate::nn::WordVectors::parse(&t))
        {
            Ok(v) => return v,
            Err(e) => eprintln!("{e}; training word vectors on the news corpus instead"),
        }
    }
    let emb = crate::embed::train_sgns(corpus, &crate::embed::EmbedOptions::default(), |_, _| {});
    crate::nn::WordVectors::from_embeddings(&emb, crate::nn::NET_VOCAB)
}

/// Self-training on top of [`train_self_lex`]: a first model trained on the gold sentences
/// tags the news corpus; up to `opts.self_train` sentences it tags with confidence (6 to 50
/// tokens, at least one entity, every token's posterior at least `opts.self_train_conf`,
/// every seventh sentence looked at) join the gold sentences, and the whole two-stage
/// training runs again on the union. With `opts.self_train == 0` this is
/// [`train_self_lex`].
pub fn train_semi(
    res: &Resources,
    sentences: &[Sentence],
    corpus: &Corpus,
    opts: &TrainOptions,
    lex_opts: &LexOptions,
    on_epoch: impl FnMut(usize, &Model),
) -> Model {
    if opts.self_train == 0 {
        return train_self_lex(res, sentences, corpus, opts, lex_opts, on_epoch);
    }
    let quiet = TrainOptions {
        verbose: false,
        ..opts.clone()
    };
    let t0 = std::time::Instant::now();
    let first = train_self_lex(res, sentences, corpus, &quiet, lex_opts, |_, _| {});
    let auto = self_label(&first, res, corpus, opts);
    if opts.verbose {
        eprintln!(
            "self-training: {} news sentences tagged with confidence ≥ {} ({:.1}s)",
            auto.len(),
            opts.self_train_conf,
            t0.elapsed().as_secs_f64()
        );
    }
    let mut all: Vec<Sentence> = sentences.to_vec();
    all.extend(auto);
    train_self_lex(res, &all, corpus, opts, lex_opts, on_epoch)
}

/// The confidently tagged news sentences of [`train_semi`], in corpus order.
pub fn self_label(
    model: &Model,
    res: &Resources,
    corpus: &Corpus,
    opts: &TrainOptions,
) -> Vec<Sentence> {
    let tagger = crate::Tagger::new(model.clone(), res.clone());
    let mut out = Vec::new();
    let mut seen = 0usize;
    corpus.for_each_sentence(|words| {
        if out.len() >= opts.self_train || words.len() < 6 || words.len() > 50 {
            return;
        }
        seen += 1;
        if !seen.is_multiple_of(SELF_TRAIN_STRIDE) {
            return;
        }
        let tagged = tagger.tag_tokens_scored(words);
        if !tagged.iter().any(|(t, _)| matches!(t, Tag::B(_)))
            || tagged.iter().any(|(_, p)| *p < opts.self_train_conf)
        {
            return;
        }
        out.push(Sentence {
            tokens: words.iter().map(|w| (*w).to_string()).collect(),
            tags: tagged.into_iter().map(|(t, _)| t).collect(),
        });
    });
    out
}

/// The perceptron over precomputed feature rows and gold label indices; with
/// `opts.ensemble > 1`, the average of that many runs with seeds `seed, seed + 1, ...`
/// (`on_epoch` then sees only the first run's epochs).
fn train_rows(
    data: &[(FeatureRows, Vec<usize>)],
    opts: &TrainOptions,
    mut on_epoch: impl FnMut(usize, &Model),
) -> Model {
    let k = opts.ensemble.max(1);
    let mut m = train_rows_one(data, opts, &mut on_epoch);
    if k == 1 {
        return m;
    }
    for r in 1..k {
        let o = TrainOptions {
            seed: opts.seed.wrapping_add(r as u64),
            verbose: false,
            ..opts.clone()
        };
        let x = train_rows_one(data, &o, |_, _| {});
        for (a, b) in m.weights.iter_mut().zip(&x.weights) {
            *a += b;
        }
        for p in 0..L {
            for q in 0..L {
                m.trans[p][q] += x.trans[p][q];
            }
            m.start[p] += x.start[p];
        }
    }
    let inv = 1.0 / k as f32;
    m.weights.iter_mut().for_each(|x| *x *= inv);
    for p in 0..L {
        for q in 0..L {
            m.trans[p][q] *= inv;
        }
        m.start[p] *= inv;
    }
    m
}

fn train_rows_one(
    data: &[(FeatureRows, Vec<usize>)],
    opts: &TrainOptions,
    mut on_epoch: impl FnMut(usize, &Model),
) -> Model {
    let bits = opts.bits.clamp(8, 26);
    let mut w = Model::zeros(bits);
    // accumulated c * update, for averaging: avg = w - acc / c
    let mut acc = Model::zeros(bits);
    let mut c: f32 = 1.0;
    let mut order: Vec<usize> = (0..data.len()).collect();
    let mut rng = Rng(opts.seed ^ 0x6D61_7273_6164);
    let mut em = Vec::new();
    let mut pred = Vec::new();
    let mut skip: Vec<usize> = Vec::new();
    for epoch in 0..opts.epochs {
        for i in (1..order.len()).rev() {
            let j = rng.below(i + 1);
            order.swap(i, j);
        }
        let mut errors = 0usize;
        for &k in &order {
            let (rows, gold) = &data[k];
            let n = gold.len();
            // word dropout: some tokens are shown without their word-identity features
            skip.clear();
            for i in 0..n {
                let drop = opts.word_dropout > 0.0
                    && ((rng.next() >> 40) as f32 / 16_777_216.0) < opts.word_dropout;
                skip.push(if drop { rows.nid[i] as usize } else { 0 });
            }
            em.clear();
            em.resize(n * L, 0.0);
            for i in 0..n {
                let e = &mut em[i * L..i * L + L];
                for &f in &rows.token(i)[skip[i]..] {
                    let base = f as usize * L;
                    for (x, wt) in e.iter_mut().zip(&w.weights[base..base + L]) {
                        *x += wt;
                    }
                }
            }
            w.viterbi(&em, &mut pred);
            if pred == *gold {
                c += 1.0;
                continue;
            }
            // step: 1 (perceptron) or the passive-aggressive (PA-I) step
            let step = if opts.pa_c > 0.0 {
                let score = |y: &[usize]| -> f32 {
                    let mut sc = w.start[y[0]] + em[y[0]];
                    for i in 1..n {
                        sc += w.trans[y[i - 1]][y[i]] + em[i * L + y[i]];
                    }
                    sc
                };
                let mut loss = 0.0f32;
                let mut norm2 = 0.0f32;
                for i in 0..n {
                    if gold[i] != pred[i] {
                        loss += 1.0;
                        norm2 += 2.0 * (rows.token(i).len() - skip[i]) as f32;
                    }
                    let prev_differs = i > 0 && (gold[i - 1] != pred[i - 1]);
                    if gold[i] != pred[i] || prev_differs {
                        norm2 += 2.0;
                    }
                }
                let delta = score(&pred) - score(gold) + loss;
                if norm2 > 0.0 {
                    (delta / norm2).clamp(0.0, opts.pa_c)
                } else {
                    0.0
                }
            } else {
                1.0
            };
            let cs = c * step;
            for i in 0..n {
                let (g, p) = (gold[i], pred[i]);
                if g != p {
                    errors += 1;
                    for &f in &rows.token(i)[skip[i]..] {
                        let base = f as usize * L;
                        w.weights[base + g] += step;
                        w.weights[base + p] -= step;
                        acc.weights[base + g] += cs;
                        acc.weights[base + p] -= cs;
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
                            w.start[g] += step;
                            w.start[p] -= step;
                            acc.start[g] += cs;
                            acc.start[p] -= cs;
                        }
                        (Some(gp), Some(pp)) => {
                            w.trans[gp][g] += step;
                            w.trans[pp][p] -= step;
                            acc.trans[gp][g] += cs;
                            acc.trans[pp][p] -= cs;
                        }
                        _ => {}
                    }
                }
            }
            c += 1.0;
        }
        let mut avg = average(&w, &acc, c);
        avg.doc_window = opts.doc_window as u32;
        avg.temperature = opts.temperature;
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
    let mut avg = average(&w, &acc, c);
    avg.doc_window = opts.doc_window as u32;
    avg.temperature = opts.temperature;
    avg
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
            ..TrainOptions::default()
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

    /// Options for the toy data: 5 epochs, seed 7, 2^14 rows.
    fn toy_opts() -> TrainOptions {
        TrainOptions {
            epochs: 5,
            seed: 7,
            bits: 14,
            ..TrainOptions::default()
        }
    }

    #[test]
    fn learns_toy_data_and_is_deterministic() {
        let data = toy();
        let opts = toy_opts();
        let res = Resources::default();
        let m1 = train_with(&res, &data, &opts, |_, _| {});
        let m2 = train_with(&res, &data, &opts, |_, _| {});
        assert_eq!(m1, m2);
        for s in &data {
            assert_eq!(decode(&m1, &res, &s.tokens), s.tags, "{:?}", s.tokens);
        }
    }

    #[test]
    fn self_label_keeps_only_confident_sentences_with_entities() {
        let data = toy();
        let opts = TrainOptions {
            ensemble: 1,
            self_train: 100,
            self_train_conf: 0.0,
            ..toy_opts()
        };
        let res = Resources::default();
        let m = train_with(&res, &data, &opts, |_, _| {});
        let mut corpus = Corpus::new();
        for _ in 0..20 {
            corpus.add_text(
                "زار محمد دمشق أمس مع وفد كبير.\nانسحب الجيش من المدينة بعد قتال طويل مع المسلحين.",
            );
        }
        let auto = self_label(&m, &res, &corpus, &opts);
        // every seventh sentence is looked at; only those with an entity are kept
        assert!(!auto.is_empty());
        assert!(auto.len() <= 40 / SELF_TRAIN_STRIDE + 1);
        for s in &auto {
            assert_eq!(s.tokens.len(), s.tags.len());
            assert!(
                s.tags.iter().any(|t| matches!(t, Tag::B(_))),
                "{:?}",
                s.tokens
            );
        }
        // an impossible confidence keeps nothing; the cap is respected
        let strict = TrainOptions {
            self_train_conf: 1.01,
            ..opts.clone()
        };
        assert!(self_label(&m, &res, &corpus, &strict).is_empty());
        let one = TrainOptions {
            self_train: 1,
            ..opts
        };
        assert_eq!(self_label(&m, &res, &corpus, &one).len(), 1);
    }
}

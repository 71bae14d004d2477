//! The run-time tagger: text in, entity spans (byte ranges) with kinds and confidences out.

use crate::eval::{detect_format, parse_flat, parse_gold, read_text, EvalReport, Format};
use crate::features::{extract_in_doc, DocAgg, DocCtx, FeatureRows, Scratch};
use crate::model::Model;
use crate::nn::{NetScratch, WindowNet};
use crate::resources::Resources;
use crate::tags::{spans, EntityKind, Tag, NUM_LABELS};
use crate::train::{train_with, TrainOptions};
use crate::NerError;
use std::cell::RefCell;
use std::collections::HashMap;
use std::ops::Range;
use std::path::Path;
use std::sync::OnceLock;

/// The bundled model trained on ANERcorp (CC BY-SA 4.0, see `data/ner/NOTICE`).
pub const BUNDLED_MODEL: &[u8] = include_bytes!("../../../data/ner/model/anercorp.bin");

/// A named entity found in a text.
#[derive(Debug, Clone, PartialEq)]
pub struct Entity {
    /// Byte range into the tagged text (on character boundaries).
    pub span: Range<usize>,
    /// The entity kind.
    pub kind: EntityKind,
    /// Confidence in [0, 1]: the mean posterior probability of the entity's labels.
    pub score: f32,
}

/// A model with the resources its features look up.
#[derive(Debug, Clone)]
pub struct Tagger {
    model: Model,
    res: Resources,
}

#[derive(Default)]
struct Buffers {
    scratch: Scratch,
    rows: FeatureRows,
    em: Vec<f32>,
    path: Vec<usize>,
    net: NetScratch,
    lp: Vec<f32>,
}

/// Sentences in a block of a document within which names are made consistent
/// ([`crate::consistency::propagate`]): on the two held-out splits of the training file,
/// blocks of 5 / 10 / 20 / 40 sentences gave 75.7 / 75.8 / 75.7 / 75.6 and 80.8 / 80.8 / 80.9 /
/// 80.9 against 75.5 and 80.3 without.
pub const DOC_BLOCK: usize = 20;

/// A propagated name's score: this times the best score the model gave the same name in the
/// block.
pub const PROPAGATED_SCORE: f32 = 0.9;

fn mean(p: &[f32]) -> f32 {
    if p.is_empty() {
        0.0
    } else {
        p.iter().sum::<f32>() / p.len() as f32
    }
}

fn norm_key(words: &[&str]) -> Vec<String> {
    words.iter().map(|w| crate::text::normalize(w)).collect()
}

/// The key without a one-letter proclitic on its first word, as
/// [`crate::consistency::propagate`] matches it.
fn without_proclitic_letter(key: &[String]) -> Option<Vec<String>> {
    let bare = crate::consistency::without_proclitic_letter(key.first()?)?;
    let mut k = key.to_vec();
    k[0] = bare.to_string();
    Some(k)
}

thread_local! {
    static BUFFERS: RefCell<Buffers> = RefCell::new(Buffers::default());
}

static SHARED: OnceLock<Result<Tagger, NerError>> = OnceLock::new();

impl Tagger {
    /// The bundled ANERcorp model with the bundled gazetteer and clusters.
    pub fn bundled() -> Result<Tagger, NerError> {
        Ok(Tagger::new(
            Model::from_bytes(BUNDLED_MODEL)?,
            Resources::bundled(),
        ))
    }

    /// A process-wide bundled tagger, loaded once.
    pub fn shared() -> Result<&'static Tagger, NerError> {
        SHARED
            .get_or_init(Tagger::bundled)
            .as_ref()
            .map_err(Clone::clone)
    }

    /// A model file (see [`Model::to_bytes`]) with the bundled resources.
    pub fn load(path: &Path) -> Result<Tagger, NerError> {
        let b =
            std::fs::read(path).map_err(|e| NerError::Io(format!("{}: {e}", path.display())))?;
        Ok(Tagger::new(Model::from_bytes(&b)?, Resources::bundled()))
    }

    /// A tagger from parts; the model's own lexicon replaces the resources' one.
    pub fn new(model: Model, mut res: Resources) -> Tagger {
        res.lexicon = model.lexicon.clone();
        Tagger { model, res }
    }

    /// The same tagger with the model's window network replaced (`None` removes it): its
    /// log-probabilities, times `weight`, join the linear model's emission scores.
    pub fn with_net(mut self, net: Option<(std::sync::Arc<WindowNet>, f32)>) -> Tagger {
        match net {
            Some((n, w)) => {
                self.model.net = Some(n);
                self.model.net_weight = w;
            }
            None => {
                self.model.net = None;
                self.model.net_weight = 0.0;
            }
        }
        self
    }

    /// The model.
    pub fn model(&self) -> &Model {
        &self.model
    }

    /// The resources.
    pub fn resources(&self) -> &Resources {
        &self.res
    }

    fn decode<S: AsRef<str>>(&self, tokens: &[S], doc: Option<DocCtx<'_>>, b: &mut Buffers) {
        extract_in_doc(
            &self.res,
            tokens,
            self.model.bits,
            &mut b.scratch,
            &mut b.rows,
            doc,
        );
        self.model.emissions(&b.rows, &mut b.em);
        if let Some(net) = &self.model.net {
            let w = self.model.net_weight;
            let b = &mut *b;
            let (norms, gaz, kb) = b.scratch.prepared(tokens.len());
            let marks = crate::nn::Marks { gaz, kb };
            net.log_probs_normalized(
                norms,
                Some(marks),
                Some(&self.res.lexicon),
                &mut b.net,
                &mut b.lp,
            );
            for (e, lp) in b.em.iter_mut().zip(&b.lp) {
                *e += w * lp;
            }
        }
        self.model.viterbi(&b.em, &mut b.path);
    }

    fn doc_agg<T: AsRef<[S]>, S: AsRef<str>>(&self, sentences: &[T]) -> DocAgg {
        if self.model.doc_window == 0 {
            return DocAgg::default();
        }
        let v: Vec<Vec<&str>> = sentences
            .iter()
            .map(|s| s.as_ref().iter().map(AsRef::as_ref).collect())
            .collect();
        DocAgg::build(&v)
    }

    fn ctx<'a>(&self, agg: &'a DocAgg, sentence: usize) -> Option<DocCtx<'a>> {
        (self.model.doc_window > 0).then_some(DocCtx {
            agg,
            sentence,
            window: self.model.doc_window as usize,
        })
    }

    /// Tags the sentences of one document (in order), with document-level context; a name
    /// tagged in one sentence is tagged at its other occurrences in the same block of
    /// [`DOC_BLOCK`] sentences ([`crate::consistency`]).
    pub fn tag_document<T: AsRef<[S]>, S: AsRef<str>>(&self, sentences: &[T]) -> Vec<Vec<Tag>> {
        let mut tags = self.tag_document_raw(sentences);
        for (ss, ts) in sentences.chunks(DOC_BLOCK).zip(tags.chunks_mut(DOC_BLOCK)) {
            crate::consistency::make_consistent(ss, ts);
        }
        tags
    }

    fn tag_document_raw<T: AsRef<[S]>, S: AsRef<str>>(&self, sentences: &[T]) -> Vec<Vec<Tag>> {
        let agg = self.doc_agg(sentences);
        BUFFERS.with(|b| {
            let mut b = b.borrow_mut();
            sentences
                .iter()
                .enumerate()
                .map(|(i, s)| {
                    self.decode(s.as_ref(), self.ctx(&agg, i), &mut b);
                    b.path.iter().map(|&l| Tag::from_index(l)).collect()
                })
                .collect()
        })
    }

    /// Tags one sentence of tokens (ANERcorp tokenization: clitics attached, punctuation
    /// separate).
    pub fn tag_tokens<S: AsRef<str>>(&self, tokens: &[S]) -> Vec<Tag> {
        let agg = self.doc_agg(std::slice::from_ref(&tokens));
        BUFFERS.with(|b| {
            let mut b = b.borrow_mut();
            self.decode(tokens, self.ctx(&agg, 0), &mut b);
            b.path.iter().map(|&l| Tag::from_index(l)).collect()
        })
    }

    /// Tags one sentence of tokens; each tag with its posterior probability.
    pub fn tag_tokens_scored<S: AsRef<str>>(&self, tokens: &[S]) -> Vec<(Tag, f32)> {
        let agg = self.doc_agg(std::slice::from_ref(&tokens));
        BUFFERS.with(|b| {
            let mut b = b.borrow_mut();
            self.decode(tokens, self.ctx(&agg, 0), &mut b);
            let post = self.model.posteriors(&b.em);
            b.path
                .iter()
                .enumerate()
                .map(|(i, &l)| (Tag::from_index(l), post[i * NUM_LABELS + l]))
                .collect()
        })
    }

    /// Finds the entities of a text (tokenized and sentence-split here); spans are byte
    /// ranges into `text`.
    pub fn tag(&self, text: &str) -> Vec<Entity> {
        self.tag_where(text, None)
    }

    /// [`Tagger::tag`] over only the sentences of `text` that overlap one of the byte ranges
    /// `keep` (sorted or not): the document, for context and consistency, is those sentences.
    /// What a caller that needs names only where something happens tags (a fraction of
    /// the cost).
    pub fn tag_sentences(&self, text: &str, keep: &[Range<usize>]) -> Vec<Entity> {
        self.tag_where(text, Some(keep))
    }

    fn tag_where(&self, text: &str, keep: Option<&[Range<usize>]>) -> Vec<Entity> {
        let mut toks: Vec<Range<usize>> = Vec::with_capacity(text.len() / 6 + 1);
        marsad_text::for_each_token(text, |span, _| toks.push(span));
        let mut sents: Vec<&[Range<usize>]> = Vec::new();
        let mut k = 0usize;
        for sent in marsad_text::sentences(text) {
            let first = k;
            while k < toks.len() && toks[k].start < sent.end {
                k += 1;
            }
            if k > first {
                sents.push(&toks[first..k]);
            }
        }
        if k < toks.len() {
            sents.push(&toks[k..]);
        }
        if let Some(keep) = keep {
            sents.retain(|s| {
                let (a, b) = (s[0].start, s[s.len() - 1].end);
                keep.iter().any(|r| r.start < b && a < r.end)
            });
        }
        let words: Vec<Vec<&str>> = sents
            .iter()
            .map(|s| s.iter().map(|r| &text[r.clone()]).collect())
            .collect();
        let agg = self.doc_agg(&words);
        // decode every sentence (tags and the posterior of each tag), then make the names
        // consistent within blocks of sentences, then read the entities
        let mut tags: Vec<Vec<Tag>> = Vec::with_capacity(words.len());
        let mut post: Vec<Vec<f32>> = Vec::with_capacity(words.len());
        BUFFERS.with(|b| {
            let mut b = b.borrow_mut();
            for (i, w) in words.iter().enumerate() {
                self.decode(w, self.ctx(&agg, i), &mut b);
                if b.path.iter().all(|&l| l == 0) {
                    tags.push(vec![Tag::O; w.len()]);
                    post.push(Vec::new());
                    continue;
                }
                let p = self.model.posteriors(&b.em);
                post.push(
                    b.path
                        .iter()
                        .enumerate()
                        .map(|(i, &l)| p[i * NUM_LABELS + l])
                        .collect(),
                );
                tags.push(b.path.iter().map(|&l| Tag::from_index(l)).collect());
            }
        });
        let mut out = Vec::new();
        for (bi, (block_w, (block_t, block_p))) in words
            .chunks(DOC_BLOCK)
            .zip(tags.chunks_mut(DOC_BLOCK).zip(post.chunks(DOC_BLOCK)))
            .enumerate()
        {
            let before: Vec<Vec<Tag>> = block_t.to_vec();
            crate::consistency::make_consistent(block_w, block_t);
            // the best score of each name the model found itself, by normalized tokens
            let mut best: HashMap<Vec<String>, f32> = HashMap::new();
            for ((w, t), p) in block_w.iter().zip(&before).zip(block_p) {
                for (r, _) in spans(t) {
                    let score = mean(&p[r.clone()]);
                    let e = best.entry(norm_key(&w[r])).or_insert(0.0);
                    *e = e.max(score);
                }
            }
            for (k, ((t, old), p)) in block_t.iter().zip(&before).zip(block_p).enumerate() {
                let toks = sents[bi * DOC_BLOCK + k];
                for (r, kind) in spans(t) {
                    let score = if old[r.clone()] == t[r.clone()] {
                        mean(&p[r.clone()])
                    } else {
                        // a propagated name: a little under the best score the same name got
                        let key = norm_key(&block_w[k][r.clone()]);
                        let alt = without_proclitic_letter(&key);
                        let src = best
                            .get(&key)
                            .or_else(|| alt.as_ref().and_then(|a| best.get(a)))
                            .copied()
                            .unwrap_or(0.0);
                        PROPAGATED_SCORE * src
                    };
                    out.push(Entity {
                        span: toks[r.start].start..toks[r.end - 1].end,
                        kind,
                        score,
                    });
                }
            }
        }
        out
    }

    /// Mean negative log-likelihood of the gold labels under the posteriors at temperature
    /// `t` (for calibrating confidences on held-out data).
    pub fn gold_nll(&self, sentences: &[crate::train::Sentence], t: f32) -> f64 {
        let mut m = self.model.clone();
        m.temperature = t;
        let mut sum = 0.0f64;
        let mut n = 0usize;
        BUFFERS.with(|b| {
            let mut b = b.borrow_mut();
            for s in sentences {
                self.decode(&s.tokens, None, &mut b);
                let post = m.posteriors(&b.em);
                for (i, g) in s.tags.iter().enumerate() {
                    let p = post.get(i * NUM_LABELS + g.index()).copied().unwrap_or(0.0);
                    sum -= f64::from(p.max(1e-6)).ln();
                    n += 1;
                }
            }
        });
        if n == 0 {
            0.0
        } else {
            sum / n as f64
        }
    }

    /// The entity's span without a leading one-letter proclitic (و ف ب ل ك) that ANERcorp-style
    /// tokens keep attached (`والحسكة` → `الحسكة`, `بدمشق` → `دمشق`): stripped only when the
    /// rest is a more frequent word of the news corpus than the whole (so `بغداد` stays).
    pub fn core_span(&self, text: &str, e: &Entity) -> Range<usize> {
        let mut span = e.span.clone();
        // at most two letters: conjunction then preposition (وبدمشق → دمشق)
        for _ in 0..2 {
            match self.strip_one(text, &span) {
                Some(next) => span = next,
                None => break,
            }
        }
        span
    }

    fn strip_one(&self, text: &str, span: &Range<usize>) -> Option<Range<usize>> {
        let s = text.get(span.clone())?;
        let c = s.chars().next()?;
        if !matches!(c, 'و' | 'ف' | 'ب' | 'ل' | 'ك') {
            return None;
        }
        let first_word = s.split(char::is_whitespace).next().unwrap_or(s);
        let rest = &first_word[c.len_utf8()..];
        if rest.chars().count() < 3 {
            return None;
        }
        let cl = &self.res.clusters;
        let whole = cl.rank(&crate::text::normalize(first_word));
        let part = cl.rank(&crate::text::normalize(rest))?;
        match whole {
            Some(w) if w <= part => None,
            _ => Some(span.start + c.len_utf8()..span.end),
        }
    }

    /// Scores the tagger on a file (format detected from its tags; a directory is read as
    /// the concatenation of its `*.txt` files, as AQMAR ships).
    pub fn eval_file(&self, path: &Path) -> Result<EvalReport, NerError> {
        let text = read_text(path)?;
        let format = detect_format(&text);
        Ok(self.eval_text(&text, format))
    }

    /// [`Tagger::eval_file`] with nested (Wojood) gold taken at every nesting level.
    pub fn eval_file_all_levels(&self, path: &Path) -> Result<EvalReport, NerError> {
        let text = read_text(path)?;
        let format = match detect_format(&text) {
            Format::Wojood => Format::WojoodAllLevels,
            f => f,
        };
        Ok(self.eval_text(&text, format))
    }

    /// Scores the tagger on the text of an annotated file in `format`.
    pub fn eval_text(&self, text: &str, format: Format) -> EvalReport {
        let mut rep = EvalReport::default();
        let gold = parse_gold(text, format);
        let toks: Vec<&[String]> = gold.iter().map(|g| g.tokens.as_slice()).collect();
        let tags = self.tag_document(&toks);
        for (g, t) in gold.iter().zip(tags) {
            rep.tokens += g.tokens.len();
            rep.add(&g.entities, &spans(&t), format.kinds());
        }
        rep
    }
}

/// Trains a model on an ANERcorp-format file with the bundled resources (in two stages with
/// a self-trained lexicon when `opts.news` is set).
pub fn train_file(path: &Path, opts: &TrainOptions) -> Result<Model, NerError> {
    let text = read_text(path)?;
    let format = detect_format(&text);
    if format == Format::Wojood {
        return Err(NerError::Data(format!(
            "{}: nested (Wojood) files are for evaluation only",
            path.display()
        )));
    }
    let sents = parse_flat(&text, format);
    if sents.is_empty() {
        return Err(NerError::Data(format!("{}: no sentences", path.display())));
    }
    let res = Resources::bundled();
    let model = match &opts.news {
        Some(dir) => {
            let corpus = crate::clusters::read_news(dir, opts.news_tokens)?;
            crate::train::train_semi(
                &res,
                &sents,
                &corpus,
                opts,
                &crate::train::LexOptions::default(),
                |_, _| {},
            )
        }
        None => train_with(&res, &sents, opts, |_, _| {}),
    };
    Ok(model.quantized())
}

/// Scores a model (with the bundled resources) on an annotated file.
pub fn eval_file(model: &Model, path: &Path) -> Result<EvalReport, NerError> {
    Tagger::new(model.clone(), Resources::bundled()).eval_file(path)
}

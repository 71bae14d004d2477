//! Word-cluster induction from raw text: positive-PMI context vectors (words at offsets
//! −2, −1, +1, +2 among the most frequent context words), clustered top-down by bisecting
//! spherical 2-means; each word's cluster is its path of left/right choices as a bit string
//! (prefixes give coarser clusters, as with Brown clusters).

use crate::text::{normalize, sentences, tokenize};
use std::collections::HashMap;

/// Induction parameters (see `data/README.md` for the values the shipped clusters used).
#[derive(Debug, Clone)]
pub struct ClusterOptions {
    /// Number of words to cluster (most frequent first).
    pub vocab: usize,
    /// Number of context words per offset.
    pub contexts: usize,
    /// Minimum count of a clustered word.
    pub min_count: u32,
    /// Stop reading after this many tokens.
    pub max_tokens: usize,
    /// Maximum depth of the cluster tree (bit-string length).
    pub depth: u8,
    /// Clusters smaller than this are not split further.
    pub min_leaf: usize,
    /// 2-means iterations per split.
    pub iters: usize,
    /// Context offsets (each gets its own block of context columns).
    pub offsets: Vec<isize>,
}

impl Default for ClusterOptions {
    fn default() -> Self {
        ClusterOptions {
            vocab: 100_000,
            contexts: 500,
            min_count: 3,
            max_tokens: 30_000_000,
            depth: 16,
            min_leaf: 4,
            iters: 8,
            offsets: vec![-2, -1, 1, 2],
        }
    }
}

/// A token stream: normalized words interned as ids, with sentence breaks as `u32::MAX`.
#[derive(Debug, Default)]
pub struct Corpus {
    ids: HashMap<String, u32>,
    words: Vec<String>,
    counts: Vec<u64>,
    stream: Vec<u32>,
}

const BREAK: u32 = u32::MAX;

impl Corpus {
    /// An empty corpus.
    pub fn new() -> Corpus {
        Corpus::default()
    }

    /// Number of tokens read.
    pub fn tokens(&self) -> usize {
        self.stream.len()
    }

    /// Adds a document's text (tokenized, sentence-split, normalized).
    pub fn add_text(&mut self, text: &str) {
        let toks = tokenize(text);
        for s in sentences(text, &toks) {
            for r in &toks[s] {
                let w = normalize(&text[r.clone()]);
                let id = match self.ids.get(&w) {
                    Some(&id) => id,
                    None => {
                        let id = self.words.len() as u32;
                        self.ids.insert(w.clone(), id);
                        self.words.push(w);
                        self.counts.push(0);
                        id
                    }
                };
                self.counts[id as usize] += 1;
                self.stream.push(id);
            }
            self.stream.push(BREAK);
        }
    }
}

impl Corpus {
    /// Calls `f` with the words (normalized) of each sentence, in order.
    pub fn for_each_sentence(&self, mut f: impl FnMut(&[&str])) {
        let mut words: Vec<&str> = Vec::new();
        for &id in &self.stream {
            if id == BREAK {
                if !words.is_empty() {
                    f(&words);
                    words.clear();
                }
            } else {
                words.push(&self.words[id as usize]);
            }
        }
        if !words.is_empty() {
            f(&words);
        }
    }
}

#[derive(serde::Deserialize)]
struct NewsDoc {
    title: Option<String>,
    text: Option<String>,
}

/// Reads the `*.jsonl.gz` files of a directory (gzip JSON Lines with `title` and `text`) in
/// name order into a corpus, skipping repeated bodies, until `max_tokens`.
pub fn read_news(dir: &std::path::Path, max_tokens: usize) -> Result<Corpus, crate::NerError> {
    use std::io::BufRead;
    let err = |p: &std::path::Path, e: std::io::Error| {
        crate::NerError::Io(format!("{}: {e}", p.display()))
    };
    let mut files: Vec<std::path::PathBuf> = std::fs::read_dir(dir)
        .map_err(|e| err(dir, e))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.to_string_lossy().ends_with(".jsonl.gz"))
        .collect();
    files.sort();
    if files.is_empty() {
        return Err(crate::NerError::Data(format!(
            "{}: no *.jsonl.gz files",
            dir.display()
        )));
    }
    let mut corpus = Corpus::new();
    let mut seen = std::collections::HashSet::new();
    for f in files {
        let file = std::fs::File::open(&f).map_err(|e| err(&f, e))?;
        let rd = std::io::BufReader::new(flate2::read::MultiGzDecoder::new(file));
        for line in rd.lines() {
            let Ok(line) = line else { break };
            let Ok(doc) = serde_json::from_str::<NewsDoc>(&line) else {
                continue;
            };
            let text = doc.text.unwrap_or_default();
            if !seen.insert(crate::features::hash_bytes(text.as_bytes())) {
                continue;
            }
            if let Some(t) = doc.title {
                corpus.add_text(&t);
            }
            corpus.add_text(&text);
            if corpus.tokens() >= max_tokens {
                return Ok(corpus);
            }
        }
    }
    Ok(corpus)
}

/// Ids sorted by count (descending), ties by word: deterministic.
fn by_frequency(c: &Corpus) -> Vec<u32> {
    let mut ids: Vec<u32> = (0..c.words.len() as u32).collect();
    ids.sort_by(|&a, &b| {
        c.counts[b as usize]
            .cmp(&c.counts[a as usize])
            .then_with(|| c.words[a as usize].cmp(&c.words[b as usize]))
    });
    ids
}

/// Induces clusters; returns (word, bit string, count), most frequent first.
pub fn induce(c: &Corpus, opts: &ClusterOptions) -> Vec<(String, String, u64)> {
    let order = by_frequency(c);
    let targets: Vec<u32> = order
        .iter()
        .copied()
        .filter(|&id| c.counts[id as usize] >= u64::from(opts.min_count))
        .take(opts.vocab)
        .collect();
    let v = targets.len();
    if v == 0 {
        return Vec::new();
    }
    let nctx = opts.contexts.min(order.len());
    let mut row_of = vec![u32::MAX; c.words.len()];
    for (i, &id) in targets.iter().enumerate() {
        row_of[id as usize] = i as u32;
    }
    let mut ctx_of = vec![u32::MAX; c.words.len()];
    for (i, &id) in order.iter().take(nctx).enumerate() {
        ctx_of[id as usize] = i as u32;
    }
    // context slots, one per offset; each has nctx + 1 columns (last = sentence edge)
    let offs: &[isize] = &opts.offsets;
    let width = nctx + 1;
    let dim = offs.len() * width;
    let mut m = vec![0f32; v * dim];
    let s = &c.stream;
    for i in 0..s.len() {
        let w = s[i];
        if w == BREAK {
            continue;
        }
        let row = row_of[w as usize];
        if row == u32::MAX {
            continue;
        }
        let base = row as usize * dim;
        for (k, &o) in offs.iter().enumerate() {
            // walk to the context position, stopping at sentence edges
            let mut j = i as isize;
            let mut edge = false;
            let step = o.signum();
            for _ in 0..o.abs() {
                j += step;
                if j < 0 || j as usize >= s.len() || s[j as usize] == BREAK {
                    edge = true;
                    break;
                }
            }
            let col = if edge {
                nctx
            } else {
                let cid = ctx_of[s[j as usize] as usize];
                if cid == u32::MAX {
                    continue;
                }
                cid as usize
            };
            m[base + k * width + col] += 1.0;
        }
    }
    ppmi_normalize(&mut m, v, dim, width);
    let mut bits = vec![String::new(); v];
    let all: Vec<usize> = (0..v).collect();
    split(&m, dim, all, String::new(), opts, &mut bits);
    targets
        .iter()
        .zip(bits)
        .map(|(&id, b)| {
            let b = if b.is_empty() { "0".to_string() } else { b };
            (c.words[id as usize].clone(), b, c.counts[id as usize])
        })
        .collect()
}

/// Positive PMI per context slot with context-distribution smoothing (α = 0.75), then L2
/// row normalization.
fn ppmi_normalize(m: &mut [f32], v: usize, dim: usize, width: usize) {
    let slots = dim / width;
    for sl in 0..slots {
        let mut col = vec![0f64; width];
        let mut rowsum = vec![0f64; v];
        for r in 0..v {
            for k in 0..width {
                let x = f64::from(m[r * dim + sl * width + k]);
                col[k] += x;
                rowsum[r] += x;
            }
        }
        let colp: Vec<f64> = col.iter().map(|x| x.powf(0.75)).collect();
        let colp_sum: f64 = colp.iter().sum();
        let total: f64 = rowsum.iter().sum();
        if total == 0.0 || colp_sum == 0.0 {
            continue;
        }
        for r in 0..v {
            if rowsum[r] == 0.0 {
                continue;
            }
            for k in 0..width {
                let x = &mut m[r * dim + sl * width + k];
                if *x > 0.0 {
                    let pmi = (f64::from(*x) / total).ln()
                        - (rowsum[r] / total).ln()
                        - (colp[k] / colp_sum).ln();
                    *x = pmi.max(0.0) as f32;
                }
            }
        }
    }
    for r in 0..v {
        let row = &mut m[r * dim..(r + 1) * dim];
        let n = row.iter().map(|x| x * x).sum::<f32>().sqrt();
        if n > 0.0 {
            row.iter_mut().for_each(|x| *x /= n);
        }
    }
}

fn dot(a: &[f32], b: &[f32]) -> f32 {
    a.iter().zip(b).map(|(x, y)| x * y).sum()
}

fn centroid(m: &[f32], dim: usize, members: &[usize]) -> Vec<f32> {
    let mut c = vec![0f32; dim];
    for &r in members {
        for (a, b) in c.iter_mut().zip(&m[r * dim..(r + 1) * dim]) {
            *a += b;
        }
    }
    let n = c.iter().map(|x| x * x).sum::<f32>().sqrt();
    if n > 0.0 {
        c.iter_mut().for_each(|x| *x /= n);
    }
    c
}

/// Splits `members` by spherical 2-means and recurses, appending 0/1 to the paths.
fn split(
    m: &[f32],
    dim: usize,
    members: Vec<usize>,
    path: String,
    opts: &ClusterOptions,
    bits: &mut [String],
) {
    if members.len() < opts.min_leaf.max(2) || path.len() >= opts.depth as usize {
        for &r in &members {
            bits[r] = path.clone();
        }
        return;
    }
    // deterministic seeds: the member least similar to the centroid, then the one least
    // similar to that
    let mean = centroid(m, dim, &members);
    let row = |r: usize| &m[r * dim..(r + 1) * dim];
    let far = |c: &[f32]| {
        members
            .iter()
            .copied()
            .min_by(|&a, &b| {
                dot(row(a), c)
                    .partial_cmp(&dot(row(b), c))
                    .unwrap_or(std::cmp::Ordering::Equal)
                    .then(a.cmp(&b))
            })
            .unwrap_or(members[0])
    };
    let a0 = far(&mean);
    let b0 = far(row(a0));
    let mut ca = row(a0).to_vec();
    let mut cb = row(b0).to_vec();
    let mut left = Vec::new();
    let mut right = Vec::new();
    for _ in 0..opts.iters.max(1) {
        left.clear();
        right.clear();
        for &r in &members {
            if dot(row(r), &ca) >= dot(row(r), &cb) {
                left.push(r);
            } else {
                right.push(r);
            }
        }
        if left.is_empty() || right.is_empty() {
            break;
        }
        ca = centroid(m, dim, &left);
        cb = centroid(m, dim, &right);
    }
    if left.is_empty() || right.is_empty() {
        for &r in &members {
            bits[r] = path.clone();
        }
        return;
    }
    drop(members);
    split(m, dim, left, format!("{path}0"), opts, bits);
    split(m, dim, right, format!("{path}1"), opts, bits);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn similar_contexts_share_cluster_prefixes() {
        let mut c = Corpus::new();
        let cities = ["دمشق", "حلب", "حمص", "حماة"];
        let people = ["محمد", "احمد", "علي", "خالد"];
        for _ in 0..20 {
            for city in cities {
                c.add_text(&format!("وصل الوفد إلى {city} اليوم ."));
                c.add_text(&format!("قصف الطيران مدينة {city} امس ."));
            }
            for p in people {
                c.add_text(&format!("قال السيد {p} في بيان ."));
                c.add_text(&format!("صرح الوزير {p} للصحفيين ."));
            }
        }
        let opts = ClusterOptions {
            min_count: 1,
            depth: 6,
            min_leaf: 2,
            ..ClusterOptions::default()
        };
        let out = induce(&c, &opts);
        let get = |w: &str| {
            out.iter()
                .find(|(x, _, _)| x == &normalize(w))
                .map(|(_, b, _)| b.clone())
                .unwrap_or_default()
        };
        let common =
            |a: &str, b: &str| a.chars().zip(b.chars()).take_while(|(x, y)| x == y).count();
        let (d, h, m, a) = (get("دمشق"), get("حلب"), get("محمد"), get("احمد"));
        assert!(!d.is_empty() && !m.is_empty());
        assert!(common(&d, &h) > common(&d, &m), "{d} {h} {m}");
        assert!(common(&m, &a) > common(&m, &h), "{m} {a} {h}");
        // deterministic
        assert_eq!(out, induce(&c, &opts));
    }
}

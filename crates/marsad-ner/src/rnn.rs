//! A bidirectional GRU over the window network's hidden layer: sentence context for the
//! window network's scores (Cho et al. 2014 gates; forward and backward passes written out by
//! hand, single-threaded and deterministic).
//!
//! The window network sees ±2 words; the GRU reads the whole sentence in both directions
//! and adds `V · [forward state; backward state]` to each token's label scores. Its weights
//! are small (a few tens of thousands of floats) and stay f32.

use crate::embed::{axpy, Rng};
use crate::nn::dot;

/// The weights of one direction.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct GruDir {
    /// `3g × input`: rows of the update gate, the reset gate and the candidate.
    pub wx: Vec<f32>,
    /// `3g × g`, the same three blocks over the previous state.
    pub u: Vec<f32>,
    /// `3g` biases of the input side.
    pub b: Vec<f32>,
    /// `g` biases of the candidate's recurrent side (inside the reset gate).
    pub bun: Vec<f32>,
    /// `wx` transposed (`input × 3g`) and `u` transposed (`g × 3g`): the forward pass adds
    /// whole columns (vectorizes, and skips the zero inputs the ReLU leaves). Derived.
    wxt: Vec<f32>,
    ut: Vec<f32>,
}

impl GruDir {
    fn zeros(g: usize, input: usize) -> GruDir {
        GruDir {
            wx: vec![0.0; 3 * g * input],
            u: vec![0.0; 3 * g * g],
            b: vec![0.0; 3 * g],
            bun: vec![0.0; g],
            wxt: vec![0.0; 3 * g * input],
            ut: vec![0.0; 3 * g * g],
        }
    }

    /// Recomputes the transposed copies after the weights changed.
    fn refresh(&mut self) {
        let rows = self.b.len();
        for (src, dst) in [(&self.wx, &mut self.wxt), (&self.u, &mut self.ut)] {
            let cols = src.len() / rows.max(1);
            dst.resize(src.len(), 0.0);
            for r in 0..rows {
                for c in 0..cols {
                    dst[c * rows + r] = src[r * cols + c];
                }
            }
        }
    }

    fn random(g: usize, input: usize, rng: &mut Rng) -> GruDir {
        let mut d = GruDir::zeros(g, input);
        let fx = (6.0 / (g + input) as f32).sqrt();
        let fu = (6.0 / (2 * g) as f32).sqrt();
        for x in d.wx.iter_mut() {
            *x = (rng.unit() as f32 * 2.0 - 1.0) * fx;
        }
        for x in d.u.iter_mut() {
            *x = (rng.unit() as f32 * 2.0 - 1.0) * fu;
        }
        d.refresh();
        d
    }

    fn slices_mut(&mut self) -> [&mut Vec<f32>; 4] {
        [&mut self.wx, &mut self.u, &mut self.b, &mut self.bun]
    }

    fn slices(&self) -> [&Vec<f32>; 4] {
        [&self.wx, &self.u, &self.b, &self.bun]
    }
}

/// A bidirectional GRU and its output layer.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct BiGru {
    /// State size of each direction.
    pub g: usize,
    /// Input size (the window network's hidden units).
    pub input: usize,
    /// Forward (left to right) and backward directions.
    pub dirs: [GruDir; 2],
    /// `labels × 2g` output weights.
    pub v: Vec<f32>,
}

/// What a pass over a sentence keeps for the backward pass, per direction.
#[derive(Debug, Default, Clone)]
pub(crate) struct DirCache {
    /// `n × g` each: gates, candidate, the candidate's recurrent part, and the states.
    z: Vec<f32>,
    r: Vec<f32>,
    c: Vec<f32>,
    un: Vec<f32>,
    /// State after reading each position.
    pub s: Vec<f32>,
    /// The previous state, and the input and recurrent pre-activations (scratch).
    sp: Vec<f32>,
    pre: Vec<f32>,
    rec: Vec<f32>,
}

/// `e^x` to about 3e-6 relative error, in plain arithmetic (no library call), so that loops
/// over the gates vectorize; the GRU's cost is otherwise its `exp` calls.
#[inline(always)]
fn fast_exp(x: f32) -> f32 {
    const MAGIC: f32 = 12_582_912.0; // 1.5·2^23: adding it rounds to an integer
    let x = x.clamp(-87.0, 87.0);
    let t = x * std::f32::consts::LOG2_E;
    let y = t + MAGIC;
    // the rounded integer sits in the low mantissa bits of y (vectorizes, unlike `round`
    // or a float-to-int cast)
    let i = (y.to_bits() as i32).wrapping_sub(0x4B40_0000);
    let f = t - (y - MAGIC);
    // 2^f on [-0.5, 0.5]
    let p = 1.0
        + f * (std::f32::consts::LN_2
            + f * (0.240_226_5 + f * (0.055_504_11 + f * (0.009_618_129 + f * 0.001_333_355))));
    p * f32::from_bits((i.wrapping_add(127) as u32) << 23)
}

#[inline(always)]
fn sigmoid(x: f32) -> f32 {
    1.0 / (1.0 + fast_exp(-x))
}

#[inline(always)]
fn tanh(x: f32) -> f32 {
    2.0 / (1.0 + fast_exp(-2.0 * x)) - 1.0
}

/// Positions in reading order for direction `d` (0: left to right).
fn order(d: usize, n: usize) -> impl Iterator<Item = usize> {
    (0..n).map(move |k| if d == 0 { k } else { n - 1 - k })
}

/// The position read before `t` in direction `d`, if any.
fn prev(d: usize, t: usize, n: usize) -> Option<usize> {
    if d == 0 {
        t.checked_sub(1)
    } else {
        (t + 1 < n).then_some(t + 1)
    }
}

impl BiGru {
    /// A randomly initialised GRU (output weights zero: training starts from the window
    /// network's own scores).
    pub fn random(g: usize, input: usize, labels: usize, rng: &mut Rng) -> BiGru {
        let f = GruDir::random(g, input, rng);
        let b = GruDir::random(g, input, rng);
        BiGru {
            g,
            input,
            dirs: [f, b],
            v: vec![0.0; labels * 2 * g],
        }
    }

    /// The same shapes with every weight zero (gradient accumulators).
    pub fn zeros_like(&self) -> BiGru {
        BiGru {
            g: self.g,
            input: self.input,
            dirs: [
                GruDir::zeros(self.g, self.input),
                GruDir::zeros(self.g, self.input),
            ],
            v: vec![0.0; self.v.len()],
        }
    }

    /// All weights, in a fixed order (serialisation, averaging, updates).
    pub fn params(&self) -> Vec<&Vec<f32>> {
        let mut p: Vec<&Vec<f32>> = Vec::with_capacity(9);
        for d in &self.dirs {
            p.extend(d.slices());
        }
        p.push(&self.v);
        p
    }

    /// All weights, mutable, in the order of [`BiGru::params`].
    pub fn params_mut(&mut self) -> Vec<&mut Vec<f32>> {
        let mut p: Vec<&mut Vec<f32>> = Vec::with_capacity(9);
        let [d0, d1] = &mut self.dirs;
        p.extend(d0.slices_mut());
        p.extend(d1.slices_mut());
        p.push(&mut self.v);
        p
    }

    /// Lengths of the weight vectors of a `g`-state GRU over `input` values, in the order of
    /// [`BiGru::params`].
    pub fn param_lens(g: usize, input: usize, labels: usize) -> [usize; 9] {
        let d = [3 * g * input, 3 * g * g, 3 * g, g];
        [
            d[0],
            d[1],
            d[2],
            d[3],
            d[0],
            d[1],
            d[2],
            d[3],
            labels * 2 * g,
        ]
    }

    /// Rebuilds a GRU from weight vectors in the order of [`BiGru::params`].
    pub fn from_params(g: usize, input: usize, mut p: Vec<Vec<f32>>) -> Option<BiGru> {
        if p.len() != 9 {
            return None;
        }
        let v = p.pop()?;
        let dir = |p: &mut Vec<Vec<f32>>| -> Option<GruDir> {
            let bun = p.pop()?;
            let b = p.pop()?;
            let u = p.pop()?;
            let wx = p.pop()?;
            let (g3, m3) = (3 * g, 3 * g * input);
            if wx.len() != m3 || u.len() != g3 * g || b.len() != g3 || bun.len() != g {
                return None;
            }
            let mut d = GruDir {
                wx,
                u,
                b,
                bun,
                wxt: Vec::new(),
                ut: Vec::new(),
            };
            d.refresh();
            Some(d)
        };
        let d1 = dir(&mut p)?;
        let d0 = dir(&mut p)?;
        Some(BiGru {
            g,
            input,
            dirs: [d0, d1],
            v,
        })
    }

    /// Runs direction `d` over `xs` (`n × input`), filling `cache`.
    pub fn run(&self, d: usize, xs: &[f32], n: usize, cache: &mut DirCache) {
        let (g, m) = (self.g, self.input);
        let w = &self.dirs[d];
        for v in [
            &mut cache.z,
            &mut cache.r,
            &mut cache.c,
            &mut cache.un,
            &mut cache.s,
        ] {
            v.clear();
            v.resize(n * g, 0.0);
        }
        cache.sp.clear();
        cache.sp.resize(g, 0.0);
        let g3 = 3 * g;
        cache.pre.resize(g3, 0.0);
        cache.rec.resize(g3, 0.0);
        for t in order(d, n) {
            let x = &xs[t * m..t * m + m];
            let sp = &mut cache.sp;
            match prev(d, t, n) {
                Some(p) => sp.copy_from_slice(&cache.s[p * g..p * g + g]),
                None => sp.iter_mut().for_each(|v| *v = 0.0),
            }
            let at = t * g;
            // pre-activations by columns (skipping zero inputs), then the nonlinearities over
            // whole rows (vectorized)
            let (pre, rec) = (&mut cache.pre, &mut cache.rec);
            pre.copy_from_slice(&w.b);
            for (j, &xj) in x.iter().enumerate() {
                if xj != 0.0 {
                    axpy(pre, xj, &w.wxt[j * g3..j * g3 + g3]);
                }
            }
            rec.iter_mut().for_each(|v| *v = 0.0);
            for (j, &sj) in sp.iter().enumerate() {
                axpy(rec, sj, &w.ut[j * g3..j * g3 + g3]);
            }
            let z = &mut cache.z[at..at + g];
            let r = &mut cache.r[at..at + g];
            let un = &mut cache.un[at..at + g];
            let c = &mut cache.c[at..at + g];
            let (pz, rest) = pre.split_at(g);
            let (pr, pn) = rest.split_at(g);
            let (qz, rest) = rec.split_at(g);
            let (qr, qn) = rest.split_at(g);
            for ((zk, &a), &b) in z.iter_mut().zip(pz).zip(qz) {
                *zk = sigmoid(a + b);
            }
            for ((rk, &a), &b) in r.iter_mut().zip(pr).zip(qr) {
                *rk = sigmoid(a + b);
            }
            for ((uk, &a), &b) in un.iter_mut().zip(qn).zip(&w.bun) {
                *uk = a + b;
            }
            for (((ck, &a), &rk), &uk) in c.iter_mut().zip(pn).zip(r.iter()).zip(un.iter()) {
                *ck = tanh(a + rk * uk);
            }
            let st = &mut cache.s[at..at + g];
            for (((sk, &zk), &ck), &pk) in st.iter_mut().zip(z.iter()).zip(c.iter()).zip(sp.iter())
            {
                *sk = (1.0 - zk) * ck + zk * pk;
            }
        }
    }

    /// Adds `V · [forward; backward]` of every position to `out` (`n × labels`).
    pub fn add_scores(&self, caches: &[DirCache; 2], n: usize, labels: usize, out: &mut [f32]) {
        let g = self.g;
        for t in 0..n {
            for l in 0..labels {
                let v = &self.v[l * 2 * g..(l + 1) * 2 * g];
                out[t * labels + l] += dot(&v[..g], &caches[0].s[t * g..t * g + g])
                    + dot(&v[g..], &caches[1].s[t * g..t * g + g]);
            }
        }
    }

    /// Back-propagates the label-score gradients `go` (`n × labels`) through the output
    /// layer and both directions: accumulates the weight gradients into `grad` and, when
    /// given, the input gradients into `dx` (`n × input`).
    #[allow(clippy::too_many_arguments)]
    pub fn backward(
        &self,
        xs: &[f32],
        n: usize,
        caches: &[DirCache; 2],
        go: &[f32],
        labels: usize,
        grad: &mut BiGru,
        mut dx: Option<&mut [f32]>,
    ) {
        let (g, m) = (self.g, self.input);
        // output layer: dV and the gradient of each state
        let mut ds_out = [vec![0f32; n * g], vec![0f32; n * g]];
        for t in 0..n {
            for l in 0..labels {
                let gl = go[t * labels + l];
                if gl == 0.0 {
                    continue;
                }
                let v = &self.v[l * 2 * g..(l + 1) * 2 * g];
                let dv = &mut grad.v[l * 2 * g..(l + 1) * 2 * g];
                for d in 0..2 {
                    let s = &caches[d].s[t * g..t * g + g];
                    axpy(&mut dv[d * g..d * g + g], gl, s);
                    axpy(&mut ds_out[d][t * g..t * g + g], gl, &v[d * g..d * g + g]);
                }
            }
        }
        let mut ds = vec![0f32; g];
        let mut daz = vec![0f32; g];
        let mut dar = vec![0f32; g];
        let mut dan = vec![0f32; g];
        let mut dun = vec![0f32; g];
        let zero = vec![0f32; g];
        let mut ds_prev = vec![0f32; g];
        for d in 0..2 {
            let w = &self.dirs[d];
            let gw = &mut grad.dirs[d];
            let c = &caches[d];
            ds.iter_mut().for_each(|x| *x = 0.0);
            // reverse reading order: the last position read first
            let seq: Vec<usize> = order(d, n).collect();
            for &t in seq.iter().rev() {
                let x = &xs[t * m..t * m + m];
                let sp: &[f32] = match prev(d, t, n) {
                    Some(p) => &c.s[p * g..p * g + g],
                    None => &zero,
                };
                for k in 0..g {
                    ds[k] += ds_out[d][t * g + k];
                }
                for k in 0..g {
                    let i = t * g + k;
                    let (z, r, cc, un) = (c.z[i], c.r[i], c.c[i], c.un[i]);
                    let dcn = ds[k] * (1.0 - z);
                    let dz = ds[k] * (sp[k] - cc);
                    ds_prev[k] = ds[k] * z;
                    dan[k] = dcn * (1.0 - cc * cc);
                    dun[k] = dan[k] * r;
                    dar[k] = dan[k] * un * r * (1.0 - r);
                    daz[k] = dz * z * (1.0 - z);
                }
                for k in 0..g {
                    let blocks = [(0, daz[k]), (1, dar[k]), (2, dan[k])];
                    for (blk, a) in blocks {
                        if a == 0.0 {
                            continue;
                        }
                        let row = blk * g + k;
                        gw.b[row] += a;
                        axpy(&mut gw.wx[row * m..row * m + m], a, x);
                        if let Some(dx) = dx.as_deref_mut() {
                            axpy(&mut dx[t * m..t * m + m], a, &w.wx[row * m..row * m + m]);
                        }
                    }
                    // recurrent side: the candidate's goes through the reset gate
                    let rec = [(0, daz[k]), (1, dar[k]), (2, dun[k])];
                    for (blk, a) in rec {
                        if a == 0.0 {
                            continue;
                        }
                        let row = blk * g + k;
                        axpy(&mut gw.u[row * g..row * g + g], a, sp);
                        axpy(&mut ds_prev, a, &w.u[row * g..row * g + g]);
                    }
                    gw.bun[k] += dun[k];
                }
                ds.copy_from_slice(&ds_prev);
            }
        }
    }

    /// Moves every weight `1/k` of the way towards `cur`'s (a running mean over `k`
    /// snapshots).
    pub fn average_towards(&mut self, cur: &BiGru, k: f32) {
        for (x, y) in self.params_mut().into_iter().zip(cur.params()) {
            for (x, y) in x.iter_mut().zip(y) {
                *x += (y - *x) / k;
            }
        }
        for d in self.dirs.iter_mut() {
            d.refresh();
        }
    }

    /// `self −= lr · grad`, after scaling the gradient down to a norm of at most `clip`.
    pub fn step(&mut self, grad: &BiGru, lr: f32, clip: f32) {
        let norm: f32 = grad
            .params()
            .iter()
            .flat_map(|v| v.iter())
            .map(|x| x * x)
            .sum::<f32>()
            .sqrt();
        let scale = if norm > clip { clip / norm } else { 1.0 };
        for (p, g) in self.params_mut().into_iter().zip(grad.params()) {
            axpy(p, -lr * scale, g);
        }
        for d in self.dirs.iter_mut() {
            d.refresh();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fast_exp_is_close() {
        let mut x = -30.0f32;
        while x < 30.0 {
            let (a, b) = (fast_exp(x), x.exp());
            assert!((a - b).abs() <= 1e-5 * b, "{x}: {a} vs {b}");
            x += 0.0137;
        }
        assert!(fast_exp(-1000.0) >= 0.0 && fast_exp(-1000.0) < 1e-37);
        assert!(fast_exp(1000.0).is_finite());
        assert!((tanh(0.3) - 0.3f32.tanh()).abs() < 1e-5);
        assert!((sigmoid(-2.0) - 1.0 / (1.0 + 2f32.exp())).abs() < 1e-6);
    }

    /// Loss = Σ weights · scores; its numeric gradient must match the hand-written one.
    #[test]
    fn gradients_match_finite_differences() {
        let (g, m, labels, n) = (3, 4, 2, 5);
        let mut rng = Rng::new(7);
        let mut net = BiGru::random(g, m, labels, &mut rng);
        for x in net.v.iter_mut() {
            *x = rng.unit() as f32 - 0.5;
        }
        for d in net.dirs.iter_mut() {
            for x in d.b.iter_mut().chain(d.bun.iter_mut()) {
                *x = rng.unit() as f32 - 0.5;
            }
        }
        let xs: Vec<f32> = (0..n * m).map(|_| rng.unit() as f32 - 0.5).collect();
        let go: Vec<f32> = (0..n * labels).map(|_| rng.unit() as f32 - 0.5).collect();
        let loss = |net: &BiGru, xs: &[f32]| -> f64 {
            let mut caches = [DirCache::default(), DirCache::default()];
            for (d, c) in caches.iter_mut().enumerate() {
                net.run(d, xs, n, c);
            }
            let mut out = vec![0f32; n * labels];
            net.add_scores(&caches, n, labels, &mut out);
            out.iter().zip(&go).map(|(a, b)| f64::from(a * b)).sum()
        };
        let mut caches = [DirCache::default(), DirCache::default()];
        for (d, c) in caches.iter_mut().enumerate() {
            net.run(d, &xs, n, c);
        }
        let mut grad = net.zeros_like();
        let mut dx = vec![0f32; n * m];
        net.backward(&xs, n, &caches, &go, labels, &mut grad, Some(&mut dx));
        let eps = 1e-2f32;
        let grads: Vec<Vec<f32>> = grad.params().into_iter().cloned().collect();
        for (pi, gvec) in grads.iter().enumerate() {
            for (j, &an) in gvec.iter().enumerate().step_by(5) {
                let mut p = net.clone();
                p.params_mut()[pi][j] += eps;
                p.dirs.iter_mut().for_each(GruDir::refresh);
                let up = loss(&p, &xs);
                p.params_mut()[pi][j] -= 2.0 * eps;
                p.dirs.iter_mut().for_each(GruDir::refresh);
                let down = loss(&p, &xs);
                let num = ((up - down) / (2.0 * f64::from(eps))) as f32;
                assert!(
                    (num - an).abs() < 2e-2 * (1.0 + num.abs()),
                    "param {pi}[{j}]: numeric {num} analytic {an}"
                );
            }
        }
        for j in 0..xs.len() {
            let mut x2 = xs.clone();
            x2[j] += eps;
            let up = loss(&net, &x2);
            x2[j] -= 2.0 * eps;
            let down = loss(&net, &x2);
            let num = ((up - down) / (2.0 * f64::from(eps))) as f32;
            assert!(
                (num - dx[j]).abs() < 2e-2 * (1.0 + num.abs()),
                "x[{j}]: numeric {num} analytic {}",
                dx[j]
            );
        }
    }
}

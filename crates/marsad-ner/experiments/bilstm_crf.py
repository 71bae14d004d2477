"""BiLSTM-CRF reference experiment for the NER issue (#5): how far the standard non-transformer
neural recipe (Lample et al. 2016; the 81.7 system the issue cites is of this kind) gets with
the word vectors marsad can make from its own news corpus.

Not part of the build or the tests; needs `pip install "jax[cpu]" optax` (CPU only).
Model: word vectors from `ner-embed --vectors` (frozen, unit length times --vscale; unknown
words, also after a proclitic, get one learned vector) + a learned 50-number vector for each
training word seen twice + a character CNN (30-number characters, width 3, 50 filters, max
pooled) -> dropout 0.5 -> BiLSTM (--hidden states a direction) -> dropout -> linear-chain CRF;
Adam (lr 1e-3, gradient norm clipped at 5), batches of 16 sentences, --epochs epochs.
Prints the held-out CoNLL micro F1 (and per type) after each epoch; the last line is the
result reported in data/README.md.

Usage: python3 bilstm_crf.py TRAIN HELDOUT --vec VECTORS.txt [--vscale 5] [--epochs 25]
"""
import sys, time, re, unicodedata, argparse
import numpy as np
import jax, jax.numpy as jnp
import optax

ap = argparse.ArgumentParser()
ap.add_argument("train"); ap.add_argument("test")
ap.add_argument("--vec", required=True)
ap.add_argument("--epochs", type=int, default=25)
ap.add_argument("--hidden", type=int, default=100)
ap.add_argument("--vscale", type=float, default=5.0)
ap.add_argument("--seed", type=int, default=1)
ap.add_argument("--lr", type=float, default=1e-3)
ap.add_argument("--drop", type=float, default=0.5)
ap.add_argument("--batch", type=int, default=16)
ap.add_argument("--pred", default=None)
args = ap.parse_args()

ALEF = dict.fromkeys(map(ord, "أإآٱ"), "ا")
TR = {**ALEF, ord("ى"): "ي", ord("ة"): "ه", ord("ؤ"): "و", ord("ئ"): "ي"}
for i, d in enumerate("٠١٢٣٤٥٦٧٨٩"):
    TR[ord(d)] = str(i)
def norm(w):
    s = "".join(c for c in w if not (0x064B <= ord(c) <= 0x065F or ord(c) in (0x0670, 0x0640)))
    s = s.translate(TR).lower()
    if any(c.isalnum() for c in s):
        s2 = re.sub(r"^[^\w]+|[^\w]+$", "", s)
        s = s2 or s
    return s or w

def read(path):
    sents, cur = [], []
    for line in open(path, encoding="utf-8"):
        line = line.rstrip("\n")
        if not line.strip():
            if cur: sents.append(cur); cur = []
            continue
        parts = line.split()
        if len(parts) < 2: continue
        cur.append((parts[0], parts[-1]))
    if cur: sents.append(cur)
    return sents

tr, te = read(args.train), read(args.test)
LABELS = ["O"] + [f"{p}-{t}" for t in ["PERS", "LOC", "ORG", "MISC"] for p in "BI"]
L = len(LABELS); lid = {l: i for i, l in enumerate(LABELS)}

# vectors
t0 = time.time()
with open(args.vec, encoding="utf-8") as f:
    n, d = map(int, f.readline().split())
    vocab = {}; E = np.zeros((n + 2, d), np.float32)
    for i, line in enumerate(f):
        p = line.rstrip("\n").split(" ")
        if p[0] in vocab: continue
        vocab[p[0]] = i + 2
        E[i + 2] = np.asarray(p[1:], np.float32)
E /= (np.linalg.norm(E, axis=1, keepdims=True) + 1e-6)
E *= args.vscale
print(f"vectors {n}x{d} in {time.time()-t0:.0f}s", file=sys.stderr)

def strip(w):
    for p in ["وال", "بال", "كال", "فال", "لل", "ال", "و", "ف", "ب", "ل"]:
        if w.startswith(p) and len(w) - len(p) >= 2: return w[len(p):]
    return w
def vid(w):
    nw = norm(w)
    if nw in vocab: return vocab[nw]
    s = strip(nw)
    if s in vocab: return vocab[s]
    return 1  # unknown

from collections import Counter
wc = Counter(norm(w) for s in tr for w, _ in s)
tvocab = {w: i + 1 for i, w in enumerate(sorted(w for w, c in wc.items() if c >= 2))}
chars = Counter(c for s in tr for w, _ in s for c in norm(w))
cvocab = {c: i + 2 for i, c in enumerate(sorted(c for c, k in chars.items() if k >= 2))}
MAXC = 16

def encode(sents):
    out = []
    for s in sents:
        ws = [w for w, _ in s]
        out.append(dict(
            v=np.array([vid(w) for w in ws], np.int32),
            t=np.array([tvocab.get(norm(w), 0) for w in ws], np.int32),
            c=np.array([[cvocab.get(ch, 1) for ch in norm(w)[:MAXC]] + [0] * (MAXC - len(norm(w)[:MAXC])) for w in ws], np.int32),
            y=np.array([lid.get(l, 0) for _, l in s], np.int32)))
    return out
Dtr, Dte = encode(tr), encode(te)

H = args.hidden; CE = 30; CF = 50; TD = 50
rng = np.random.default_rng(args.seed)
def init(shape, scale=None):
    scale = scale or np.sqrt(1.0 / shape[0])
    return jnp.asarray(rng.uniform(-scale, scale, shape).astype(np.float32) * np.sqrt(3))
IN = d + CF + TD
params = dict(
    unk=jnp.zeros((d,)),
    temb=init((len(tvocab) + 1, TD), 0.1),
    cemb=init((len(cvocab) + 2, CE), 0.1),
    conv=init((3 * CE, CF)), convb=jnp.zeros((CF,)),
    fw=init((IN + H, 4 * H)), fb=jnp.zeros((4 * H,)).at[H:2 * H].set(1.0),
    bw=init((IN + H, 4 * H)), bb=jnp.zeros((4 * H,)).at[H:2 * H].set(1.0),
    out=init((2 * H, L)), outb=jnp.zeros((L,)),
    trans=jnp.zeros((L, L)), start=jnp.zeros((L,)), end=jnp.zeros((L,)),
)
Ej = jnp.asarray(E)

def lstm(W, b, xs, mask, reverse):
    B = xs.shape[1]
    def step(carry, inp):
        h, c = carry
        x, m = inp
        z = jnp.concatenate([x, h], -1) @ W + b
        i, f, g, o = jnp.split(z, 4, -1)
        c2 = jax.nn.sigmoid(f) * c + jax.nn.sigmoid(i) * jnp.tanh(g)
        h2 = jax.nn.sigmoid(o) * jnp.tanh(c2)
        m = m[:, None]
        c2 = m * c2 + (1 - m) * c; h2 = m * h2 + (1 - m) * h
        return (h2, c2), h2
    init_c = (jnp.zeros((B, H)), jnp.zeros((B, H)))
    _, hs = jax.lax.scan(step, init_c, (xs, mask), reverse=reverse)
    return hs

def emissions(p, v, t, c, x, mask, key, train):
    wv = Ej[v]
    wv = jnp.where((v == 1)[..., None], p["unk"], wv)
    te = p["temb"][t] * (t > 0)[..., None]
    ce = p["cemb"][c]  # B T C CE
    cpad = jnp.pad(ce, ((0, 0), (0, 0), (1, 1), (0, 0)))
    win = jnp.concatenate([cpad[:, :, :-2], cpad[:, :, 1:-1], cpad[:, :, 2:]], -1)
    cf = jnp.tanh(win @ p["conv"] + p["convb"])
    cf = jnp.where((c > 0)[..., None], cf, -1e4).max(2)
    cf = jnp.maximum(cf, -1.0)
    h = jnp.concatenate([wv, cf, te], -1)
    if train:
        k1, k2, key = jax.random.split(key, 3)
        h = h * jax.random.bernoulli(k1, 1 - args.drop, h.shape) / (1 - args.drop)
    hT = jnp.swapaxes(h, 0, 1); mT = jnp.swapaxes(mask, 0, 1)
    f = lstm(p["fw"], p["fb"], hT, mT, False)
    b = lstm(p["bw"], p["bb"], hT, mT, True)
    o = jnp.swapaxes(jnp.concatenate([f, b], -1), 0, 1)
    if train:
        o = o * jax.random.bernoulli(k2, 1 - args.drop, o.shape) / (1 - args.drop)
    return o @ p["out"] + p["outb"]

def crf_nll(p, em, y, mask):
    B, T, _ = em.shape
    # gold score
    idx = jnp.arange(T)
    gold_em = jnp.take_along_axis(em, y[..., None], -1)[..., 0]
    gs = (gold_em * mask).sum(1) + p["start"][y[:, 0]]
    tr_s = p["trans"][y[:, :-1], y[:, 1:]] * mask[:, 1:]
    gs = gs + tr_s.sum(1)
    lens = mask.sum(1).astype(jnp.int32)
    last = jnp.take_along_axis(y, (lens - 1)[:, None], 1)[:, 0]
    gs = gs + p["end"][last]
    # partition
    a0 = p["start"] + em[:, 0]
    def step(a, inp):
        e, m = inp
        na = jax.nn.logsumexp(a[:, :, None] + p["trans"][None], 1) + e
        return jnp.where(m[:, None] > 0, na, a), None
    a, _ = jax.lax.scan(step, a0, (jnp.swapaxes(em[:, 1:], 0, 1), jnp.swapaxes(mask[:, 1:], 0, 1)))
    Z = jax.nn.logsumexp(a + p["end"], -1)
    return (Z - gs).sum()

def loss(p, batch, key):
    v, t, c, x, y, mask = batch
    em = emissions(p, v, t, c, x, mask, key, True)
    return crf_nll(p, em, y, mask) / mask.sum()

opt = optax.chain(optax.clip_by_global_norm(5.0), optax.adam(args.lr))
ost = opt.init(params)

@jax.jit
def train_step(p, ost, batch, key):
    l, g = jax.value_and_grad(loss)(p, batch, key)
    upd, ost = opt.update(g, ost, p)
    return optax.apply_updates(p, upd), ost, l

@jax.jit
def predict_em(p, batch):
    v, t, c, x, y, mask = batch
    return emissions(p, v, t, c, x, mask, None, False)

def pad(exs):
    T = max(len(e["y"]) for e in exs)
    T = ((T + 7) // 8) * 8
    B = len(exs)
    v = np.zeros((B, T), np.int32); t = np.zeros((B, T), np.int32); c = np.zeros((B, T, MAXC), np.int32)
    y = np.zeros((B, T), np.int32); m = np.zeros((B, T), np.float32); x = np.zeros((B, T, 1), np.float32)
    for i, e in enumerate(exs):
        n = len(e["y"])
        v[i, :n] = e["v"]; t[i, :n] = e["t"]; c[i, :n] = e["c"]; y[i, :n] = e["y"]; m[i, :n] = 1
    return tuple(map(jnp.asarray, (v, t, c, x, y, m)))

def viterbi(em, n, p):
    trans = np.asarray(p["trans"]); st = np.asarray(p["start"]); en = np.asarray(p["end"])
    sc = st + em[0]; bp = []
    for i in range(1, n):
        s = sc[:, None] + trans
        bp.append(s.argmax(0)); sc = s.max(0) + em[i]
    sc = sc + en
    best = [int(sc.argmax())]
    for b in reversed(bp): best.append(int(b[best[-1]]))
    return best[::-1]

def chunks(tags):
    out = set(); start = None; typ = None
    for i, tg in enumerate(tags + ["O"]):
        if tg == "O" or tg.startswith("B-") or (tg.startswith("I-") and tg[2:] != typ):
            if start is not None: out.add((start, i, typ)); start = None; typ = None
            if tg != "O": start, typ = i, tg[2:]
    return out

def evaluate(p, D, sents, dump=None):
    tp = fp = fn = 0; per = {}
    order = sorted(range(len(D)), key=lambda i: len(D[i]["y"]))
    preds = [None] * len(D)
    for k in range(0, len(order), 64):
        ids = order[k:k + 64]
        em = np.asarray(predict_em(p, pad([D[i] for i in ids])))
        for j, i in enumerate(ids):
            preds[i] = viterbi(em[j], len(D[i]["y"]), p)
    for i, s in enumerate(sents):
        g = chunks([l if l in lid else "O" for _, l in s]); pr = chunks([LABELS[z] for z in preds[i]])
        for ty in ["PERS", "LOC", "ORG", "MISC"]:
            gg = {c for c in g if c[2] == ty}; pp = {c for c in pr if c[2] == ty}
            a = per.setdefault(ty, [0, 0, 0]); a[0] += len(gg & pp); a[1] += len(pp - gg); a[2] += len(gg - pp)
        tp += len(g & pr); fp += len(pr - g); fn += len(g - pr)
    f = lambda a, b, c: 200 * a / max(1, 2 * a + b + c)
    if dump:
        with open(dump, "w") as fo:
            for i, s in enumerate(sents):
                for (w, l), z in zip(s, preds[i]): fo.write(f"{w} {l} {LABELS[z]}\n")
                fo.write("\n")
    return f(tp, fp, fn), {k: round(f(*v), 1) for k, v in per.items()}, preds

key = jax.random.PRNGKey(args.seed)
best = None
for ep in range(args.epochs):
    t0 = time.time()
    order = rng.permutation(len(Dtr))
    # bucket by length within chunks for efficiency
    chunks_ = [order[i:i + args.batch * 20] for i in range(0, len(order), args.batch * 20)]
    tot = 0.0; nb = 0
    for ch in chunks_:
        ch = sorted(ch, key=lambda i: len(Dtr[i]["y"]))
        for k in range(0, len(ch), args.batch):
            key, sk = jax.random.split(key)
            params, ost, l = train_step(params, ost, pad([Dtr[i] for i in ch[k:k + args.batch]]), sk)
            tot += float(l); nb += 1
    f1, per, _ = evaluate(params, Dte, te)
    print(f"epoch {ep+1} loss {tot/nb:.4f} heldout F1 {f1:.2f} {per} ({time.time()-t0:.0f}s)", flush=True)
f1, per, _ = evaluate(params, Dte, te, args.pred)
print(f"final F1 {f1:.2f} {per}")

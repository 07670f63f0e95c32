#!/usr/bin/env bash
# How far apart the two events of each ECB+ topic are, for word vectors and for sentence
# embeddings, beside how far apart two random halves of one story are. Each topic holds two
# different events of one kind (`<N>ecb`, `<N>ecbplus`); the articles carry no dates. For each
# topic the script prints the separability ratio of its two gold events: the mean cosine between
# an article of one event and an article of the other, over the geometric mean of the mean
# cosines within each event: the lower, the further apart. The reference is what a clusterer
# must not cut: the two most separate parts of one story, found by 2-means (10 restarts, at
# least 3 articles a side) in every gold story of 6 articles or more. A topic whose two events
# are less separate (a higher ratio) than the parts of a typical story cannot be cut in two by a
# threshold on this ratio without cutting such stories too. Topics that triangulate's clusterer
# (`triangulate eval stories`, default options) leaves mixed are marked with `*`.
#
# Vectors: scikit-learn TF-IDF over title + text (the peer of bench/stories-vs-sklearn.sh), and
# the sentence model of triangulate-embed (MiniLM, when scripts/fetch-model.sh has installed it;
# the text is cut to the model's 256 tokens). Not run by CI (needs network access for pip).
# Usage: bench/stories-separability.sh [DATA_DIR]
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
data="${1:-$root/../shared/data}"
work="${BENCH_WORK:-$root/target/bench-sklearn}"
source "$root/bench/venv.sh"
peer_venv "$work" sklearn scikit-learn

cd "$root"
cargo build --release --quiet -p triangulate
# The mixed stories, as the gold folders they mix (the dump names gold folders, which the
# clusterer itself never sees).
STORIES_DUMP=1 target/release/triangulate eval stories --data "$data" 2>"$work/dump.txt" >/dev/null

"$work/venv/bin/python" - "$data/ecbplus-stories" "$work/texts.tsv" <<'PY'
import json, pathlib, sys
root, out = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2])
with out.open("w") as f:
    for story in sorted(p for p in root.iterdir() if p.is_dir()):
        for doc in sorted(story.glob("*.json")):
            d = json.loads(doc.read_text())
            text = ((d.get("title") or "") + ". " + (d.get("text") or "")).split()
            f.write(f"{story.name}/{doc.name}\t{' '.join(text)}\n")
PY

model="${TRIANGULATE_MODEL_DIR:-$root/models/all-minilm-l6-v2}"
if [[ -s "$model/model.safetensors" ]]; then
  cargo run --release --quiet -p triangulate-embed --example embed_lines "$model" \
    < "$work/texts.tsv" > "$work/vectors.tsv"
else
  echo "no sentence model in $model (scripts/fetch-model.sh installs it): word vectors only"
  : > "$work/vectors.tsv"
fi

"$work/venv/bin/python" - "$work/texts.tsv" "$work/vectors.tsv" "$work/dump.txt" <<'PY'
import json, re, sys
from collections import Counter
import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer

keys, texts, gold = [], [], []
for line in open(sys.argv[1]):
    key, text = line.rstrip("\n").split("\t", 1)
    keys.append(key)
    gold.append(key.split("/")[0])
    texts.append(text)
gold = np.array(gold)

mixed = set()
for line in open(sys.argv[3]):
    m = re.match(r"story \d+: (\{.*\})", line)
    if m:
        folders = json.loads(m.group(1))
        if len(folders) > 1:
            mixed.update(folders)

def topic(folder):
    return re.match(r"\d+", folder).group(0)

def pairwise_f1(pred):
    pairs = lambda counts: sum(k * (k - 1) // 2 for k in counts.values())
    tp = pairs(Counter(zip(pred, gold)))
    p, r = tp / pairs(Counter(pred)), tp / pairs(Counter(gold))
    return 2 * p * r / (p + r)

def unit(x):
    n = np.linalg.norm(x, axis=1, keepdims=True)
    n[n == 0] = 1
    return x / n

spaces = {"TF-IDF": unit(TfidfVectorizer(sublinear_tf=True, stop_words="english")
                         .fit_transform(texts).toarray())}
vectors = {}
for line in open(sys.argv[2]):
    key, values = line.rstrip("\n").split("\t")
    vectors[key] = [float(v) for v in values.split()]
if len(vectors) == len(texts):
    spaces["sentence model"] = unit(np.array([vectors[k] for k in keys]))

def ratio(sim, a, b):
    def within(i):
        m = sim[np.ix_(i, i)]
        return (m.sum() - np.trace(m)) / (len(i) * (len(i) - 1))
    return sim[np.ix_(a, b)].mean() / np.sqrt(within(a) * within(b))

from sklearn.cluster import KMeans

def best_parts(x, idx):
    """The 2-means parts of one story with at least 3 articles a side, as index lists."""
    best = None
    for seed in range(10):
        labels = KMeans(n_clusters=2, n_init=1, random_state=seed).fit_predict(x[idx])
        a = [i for i, l in zip(idx, labels) if l == 0]
        b = [i for i, l in zip(idx, labels) if l == 1]
        if min(len(a), len(b)) < 3:
            continue
        inertia = sum(np.linalg.norm(x[p] - x[p].mean(0), axis=1).__pow__(2).sum() for p in (a, b))
        if best is None or inertia < best[0]:
            best = (inertia, a, b)
    return best and best[1:]

folders = sorted(set(gold))
topics = sorted({topic(f) for f in folders}, key=int)
for name, x in spaces.items():
    sim = x @ x.T
    reference = []
    for f in folders:
        idx = list(np.where(gold == f)[0])
        parts = best_parts(x, idx) if len(idx) >= 6 else None
        if parts:
            reference.append(ratio(sim, *parts))
    reference.sort()
    median = reference[len(reference) // 2]
    rows = []
    for t in topics:
        a = np.where(gold == f"{t}ecb")[0]
        b = np.where(gold == f"{t}ecbplus")[0]
        if len(a) >= 2 and len(b) >= 2:
            rows.append((ratio(sim, a, b), t, f"{t}ecb" in mixed or f"{t}ecbplus" in mixed))
    rows.sort()
    print(f"{name}: the two most separate parts of one story (2-means): min {reference[0]:.3f}, "
          f"median {median:.3f}, max {reference[-1]:.3f} ({len(reference)} stories)")
    print("  the two events of each topic, least separate last (* = left mixed by triangulate):")
    print("  " + "  ".join(f"{t}{'*' if m else ''} {r:.3f}" for r, t, m in rows))
    alike = [f"{t}{'*' if m else ''}" for r, t, m in rows if r >= median]
    print(f"  topics whose two events are less separate than the parts of the median story: "
          f"{len(alike)} of {len(rows)} ({' '.join(alike)})")
    # The best a clusterer can do that keeps those events together: every other article in
    # its gold story.
    joined = {t.rstrip("*") for t in alike}
    ceiling = [f"{topic(g)}*" if topic(g) in joined else g for g in gold]
    print(f"  pairwise F1 of the gold stories with those events joined: {pairwise_f1(ceiling):.4f}")
PY

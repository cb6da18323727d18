#!/usr/bin/env bash
# Set up, ingest the bundled sample corpus into ./sitrep.db and serve it at http://127.0.0.1:8000
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
export SITREP_DB=${SITREP_DB:-sqlite:///sitrep.db}
.venv/bin/sitrep ingest src/sitrep/samples/syria-2024-12 || status=$?
if [ "${status:-0}" -ne 0 ] && [ "${status:-0}" -ne 2 ]; then exit "$status"; fi
exec .venv/bin/sitrep serve --host 127.0.0.1 --port "${PORT:-8000}"

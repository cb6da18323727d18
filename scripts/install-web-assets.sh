#!/usr/bin/env bash
# Install the dashboard's browser packages from the npm registry (package-lock.json) and copy
# Leaflet into src/sitrep/web/static/vendor/leaflet (git-ignored). Run from anywhere.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
npm ci --no-audit --no-fund --loglevel=error
PYTHONPATH="$root/src${PYTHONPATH:+:$PYTHONPATH}" "${PYTHON:-python}" -m sitrep.web.assets "$root/node_modules"

#!/usr/bin/env bash
# Set up, install and start what the tests need (Debian chromium and PostgreSQL when run as
# root), then run the linters and the whole test suite. Exits non-zero when anything fails.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
if [ "$(id -u)" = 0 ]; then
  need=()
  [ -x /usr/bin/chromium ] || need+=(chromium)
  [ -d /usr/lib/postgresql ] || need+=(postgresql)
  if [ ${#need[@]} -gt 0 ]; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
  fi
fi
if [ -z "${SITREP_TEST_PG:-}" ] && [ "$(id -u)" = 0 ] && command -v pg_lsclusters >/dev/null 2>&1; then
  cluster=$(pg_lsclusters -h | awk 'NR==1 {print $1" "$2}')
  if [ -z "$cluster" ]; then
    pg_createcluster 15 main >/dev/null
    cluster="15 main"
  fi
  pg_ctlcluster $cluster start 2>/dev/null || true
  port=$(pg_lsclusters -h | awk 'NR==1 {print $3}')
  su postgres -c "psql -q -p $port -c \"ALTER USER postgres PASSWORD 'sitrep'\"" >/dev/null
  export SITREP_TEST_PG="postgresql+psycopg://postgres:sitrep@127.0.0.1:$port/postgres"
fi
.venv/bin/ruff check src tests
.venv/bin/mypy
.venv/bin/python -m pytest -q -n 2 --dist loadfile

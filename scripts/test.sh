#!/usr/bin/env bash
# The whole test suite on a fresh machine: installs Node 22 and the
# dependencies, starts the local Neo4j (and PostgreSQL when available),
# then runs every package's tests against them.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
bash scripts/setup.sh
# A Neo4j of the tests' own (they wipe it), not the demo's on 7687, and one
# that tests kill and restart.
export SENTRY_GRAPH_TEST_NEO4J_PORT="${SENTRY_GRAPH_TEST_NEO4J_PORT:-7689}"
export SENTRY_GRAPH_TEST_SPARE_NEO4J_PORT="${SENTRY_GRAPH_TEST_SPARE_NEO4J_PORT:-7690}"
neo4j() { NEO4J_BOLT_PORT="$1" scripts/node22.sh node tools/neo4j/neo4j.mjs "$2"; }

# The servers this run starts are stopped when it ends (a 2 GB Java process
# and a PostgreSQL are not left behind), unless asked to keep them for a
# faster next run; servers that were already running are left as they were.
started_neo4j=0
stop_servers() {
  if [ "${SENTRY_GRAPH_KEEP_TEST_SERVERS:-}" = 1 ]; then
    echo "[test] keeping the test servers (SENTRY_GRAPH_KEEP_TEST_SERVERS=1)" >&2
    return
  fi
  # The spare is only ever the tests' own; stopping one that is not running is fine.
  neo4j "$SENTRY_GRAPH_TEST_SPARE_NEO4J_PORT" stop >&2 || true
  if [ "$started_neo4j" = 1 ]; then neo4j "$SENTRY_GRAPH_TEST_NEO4J_PORT" stop >&2 || true; fi
  if [ "${SENTRY_GRAPH_TEST_PG_STARTED:-0}" = 1 ]; then bash scripts/postgres.sh stop || true; fi
}
trap stop_servers EXIT

started="$(neo4j "$SENTRY_GRAPH_TEST_NEO4J_PORT" start)"
echo "$started"
case "$started" in "neo4j started:"*) started_neo4j=1 ;; esac
if [ -f scripts/postgres.sh ]; then
  eval "$(bash scripts/postgres.sh start)"
fi
# Debian's Chromium for the browser tests (not optional: they are part of the suite).
CHROMIUM_PATH="$(bash scripts/chromium.sh)"
export CHROMIUM_PATH
# Tests share one Neo4j (Community has one user database) and wipe it
# between cases, so test files run one at a time.
mkdir -p .cache
results=.cache/test-results.json
e2e_results=.cache/e2e-results.json
fuzz_results=.cache/fuzz-results.xml
install_results=.cache/install-results.json
rm -f "$results" "$e2e_results" "$fuzz_results" "$install_results"
status=0
CI=true BACKSTAGE_TEST_DISABLE_DOCKER=1 scripts/node22.sh node_modules/.bin/backstage-cli repo test \
  --runInBand --json --outputFile="$root/$results" "$@" || status=$?
# The browser tests drive the demo stack (e2e/stack.ts) on ports of their own;
# run them only for the whole suite, not when Jest was asked for a subset.
# So are the proof in a fresh app (packages/install-test: npm run pack,
# create-app, the app's own Yarn, tsc, build, a sync and the card in
# Chromium) and the API fuzzer (Schemathesis, scripts/fuzz.sh), bounded in time.
if [ $# -eq 0 ]; then
  CI=true scripts/node22.sh node_modules/.bin/playwright test \
    -c plugins/sentry-graph/e2e/playwright.config.ts || status=$?
  scripts/node22.sh node_modules/.bin/tsx packages/install-test/src/run.ts || status=$?
  bash scripts/fuzz.sh || status=$?
fi
# One plain closing line that any CI can read, whatever the runners print.
scripts/node22.sh node scripts/testSummary.mjs "$results" "$e2e_results" "$fuzz_results" "$install_results"
exit "$status"

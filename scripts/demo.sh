#!/usr/bin/env bash
# The demo on a fresh machine: installs what it needs, starts the local Neo4j
# and the Sentry sample server (size M), then a standalone Backstage backend
# with the plugin on port 7007, whose first sync starts at once. Ctrl-C stops
# the backend and the sample server; `npm run neo4j:stop` stops Neo4j.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
bash scripts/setup.sh

export NEO4J_BOLT_PORT="${NEO4J_BOLT_PORT:-7687}"
export NEO4J_PASSWORD="${NEO4J_PASSWORD:-sentry-graph-dev}"
export NEO4J_URI="bolt://127.0.0.1:$NEO4J_BOLT_PORT"
scripts/node22.sh node tools/neo4j/neo4j.mjs start

export SENTRY_TOKEN="${SENTRY_TOKEN:-sample-token}"
export SENTRY_GRAPH_DEMO_API_TOKEN="${SENTRY_GRAPH_DEMO_API_TOKEN:-$(head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n')}"
sample_port="${SENTRY_SAMPLE_PORT:-9100}"
mkdir -p .cache
scripts/node22.sh node_modules/.bin/tsx packages/sentry-sample-server/src/cli.ts \
  --preset M --port "$sample_port" >.cache/sample-server.log 2>&1 &
sample_pid=$!
backend_pid=""
cleanup() {
  [ -n "$backend_pid" ] && kill "$backend_pid" 2>/dev/null || true
  kill "$sample_pid" 2>/dev/null || true
  wait 2>/dev/null || true
  echo "Stopped the backend and the sample server (Neo4j keeps running: npm run neo4j:stop)."
}
trap cleanup EXIT INT TERM
until grep -q "listening on" .cache/sample-server.log; do
  kill -0 "$sample_pid" 2>/dev/null || { cat .cache/sample-server.log; exit 1; }
  sleep 0.5
done
export SENTRY_BASE_URL="http://127.0.0.1:$sample_port"
grep "listening on" .cache/sample-server.log

api="http://localhost:7007/api/sentry-graph"
auth="Authorization: Bearer $SENTRY_GRAPH_DEMO_API_TOKEN"
(cd plugins/sentry-graph-backend && exec ../../scripts/node22.sh ../../node_modules/.bin/backstage-cli package start \
  --config ../../app-config.yaml) >.cache/backend.log 2>&1 &
backend_pid=$!
echo "Starting the Backstage backend (log: .cache/backend.log) ..."
until curl -sf "$api/health" >/dev/null; do
  kill -0 "$backend_pid" 2>/dev/null || { tail -50 .cache/backend.log; exit 1; }
  sleep 1
done
echo "Backend up. Waiting for the first sync ..."
until curl -sf -H "$auth" "$api/status" | grep -q '"lastRun"'; do sleep 2; done
curl -sf -H "$auth" "$api/status" | scripts/node22.sh node -e '
  const s = JSON.parse(require("fs").readFileSync(0, "utf8"));
  const r = s.lastRun;
  console.log(`First sync: ${r.status}, ${r.totals ? `${r.totals.fetched} items fetched, ${r.totals.written} written` : ""} (${r.startedAt} to ${r.finishedAt})`);'

cat <<MSG

The sentry-graph API is at $api (every route but /health needs the token):
  curl $api/health
  curl -H "$auth" $api/status
  curl -H "$auth" $api/summary
  curl -H "$auth" "$api/runs?limit=5"
  curl -X POST -H "$auth" $api/sync          # a sync now (202; 409 while one runs)
Neo4j: $NEO4J_URI (user neo4j, password from NEO4J_PASSWORD), e.g.
  MATCH (u:SentryUser {has_2fa: false})-[:ADMIN_OF]->(t:SentryTeam) RETURN u.email, t.slug LIMIT 10
Press Ctrl-C to stop the backend and the sample server; npm run neo4j:stop stops Neo4j.
MSG
wait "$backend_pid"

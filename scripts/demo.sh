#!/usr/bin/env bash
# The demo on a fresh machine: installs what it needs, starts the local Neo4j
# and the Sentry sample server (size M), a standalone Backstage backend with
# the plugin on port 7007, whose first sync starts at once, and the plugin's
# dev app on http://localhost:3000/sentry-graph. Ctrl-C stops the backend,
# the dev app and the sample server; `npm run neo4j:stop` stops Neo4j.
#
#   npm run demo                          # or: bash scripts/demo.sh
#   SENTRY_SAMPLE_PORT=9200 npm run demo  # when 9100 is taken
#   SENTRY_GRAPH_DEMO_API_TOKEN=... npm run demo   # a token of your own (8+ characters)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
bash scripts/setup.sh

# Everything below runs on the project's pinned Node 22, not the system's.
# TypeScript runs through tsx as a loader in the same process (not the tsx
# CLI, which forks a child), and node22.sh execs node: so `$!` of a
# backgrounded "${ts_node[@]}" is the server itself, and signals reach it.
node22=(scripts/node22.sh node)
ts_node=(scripts/node22.sh node --import tsx)

backend_port=7007 # fixed in app-config.yaml (backend.listen.port)
app_port=3000     # fixed in app-config.yaml (app.baseUrl)
sample_port="${SENTRY_SAMPLE_PORT:-9100}"
# Fail before starting anything rather than half-way with a stack trace.
"${ts_node[@]}" plugins/sentry-graph-backend/dev/demo.ts check-ports \
  "the Backstage backend=$backend_port" "the Sentry sample server=$sample_port" \
  "the dev app=$app_port"

export SENTRY_TOKEN="${SENTRY_TOKEN:-sample-token}"
# A fresh random token per demo unless one is given, because it opens the API.
export SENTRY_GRAPH_DEMO_API_TOKEN="${SENTRY_GRAPH_DEMO_API_TOKEN:-$(od -An -N24 -tx1 /dev/urandom | tr -d ' \n')}"
if [[ ! "$SENTRY_GRAPH_DEMO_API_TOKEN" =~ ^[^[:space:]]{8,}$ ]]; then
  echo "SENTRY_GRAPH_DEMO_API_TOKEN must have at least 8 characters and no spaces (Backstage's rule for static tokens)." >&2
  exit 1
fi

# Neo4j outlives the demo (the tests use it too), so it is not ours to stop;
# neo4j.mjs reuses one already running on the port.
export NEO4J_BOLT_PORT="${NEO4J_BOLT_PORT:-7687}"
export NEO4J_PASSWORD="${NEO4J_PASSWORD:-sentry-graph-dev}"
export NEO4J_URI="bolt://127.0.0.1:$NEO4J_BOLT_PORT"
echo "Starting Neo4j ..."
"${node22[@]}" tools/neo4j/neo4j.mjs start

# From here on, whatever we started is stopped on every way out: Ctrl-C,
# kill, a failed step. (INT/TERM just exit; the EXIT trap does the work once.)
mkdir -p .cache
pids=()
app_pid=
cleanup() {
  trap - EXIT INT TERM
  # The dev app's bundler has children of its own: stop its whole group.
  [ -z "$app_pid" ] || kill -TERM -- "-$app_pid" 2>/dev/null || true
  [ ${#pids[@]} -gt 0 ] || return 0
  kill -TERM "${pids[@]}" 2>/dev/null || true
  # The backend closes its Neo4j driver and database first; give it a while.
  for _ in $(seq 50); do
    kill -0 "${pids[@]}" 2>/dev/null || break
    sleep 0.2
  done
  kill -KILL "${pids[@]}" 2>/dev/null || true
  wait 2>/dev/null || true
  [ -z "$app_pid" ] || kill -KILL -- "-$app_pid" 2>/dev/null || true
  echo "Stopped the backend, the dev app and the sample server. Neo4j keeps running (npm run neo4j:stop stops it)."
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

echo "Starting the Sentry sample server (preset M) ..."
# Emptied here, not by the redirection below: that happens in the child, and
# the wait loop could read the last demo's "listening on" line first.
: >.cache/sample-server.log
"${ts_node[@]}" packages/sentry-sample-server/src/cli.ts --preset M --port "$sample_port" \
  >.cache/sample-server.log 2>&1 &
pids+=($!)
until grep -q "listening on" .cache/sample-server.log; do
  kill -0 "${pids[0]}" 2>/dev/null || { cat .cache/sample-server.log >&2; exit 1; }
  sleep 0.2
done
sed 's/^sentry-sample-server //' .cache/sample-server.log
export SENTRY_BASE_URL="http://127.0.0.1:$sample_port"

# The demo's catalog: entities for the sample organization the server serves.
export DEMO_CATALOG_FILE="$root/.cache/demo-catalog.yaml"
"${ts_node[@]}" plugins/sentry-graph-backend/dev/demoCatalog.ts "$DEMO_CATALOG_FILE" --preset M

# The run history lives on in the SQLite file, but the scheduler's memory of
# the last demo would delay (or, after a Ctrl-C mid-sync, block) the first
# sync; dev/demo.ts explains. The backend is not running, so this is safe.
"${ts_node[@]}" plugins/sentry-graph-backend/dev/demo.ts reset-schedule .cache/demo-database/sentry-graph.sqlite

# A plain node run, not `backstage-cli package start`: that one watches the
# source tree and restarts the backend (cancelling a running sync) whenever
# a file changes.
echo "Starting the Backstage backend (log: .cache/backend.log) ..."
"${ts_node[@]}" plugins/sentry-graph-backend/dev/index.ts --config app-config.yaml \
  >.cache/backend.log 2>&1 &
backend_pid=$!
pids+=("$backend_pid")

# The dev app builds while the backend syncs. `backstage-cli package start`
# serves the plugin's dev/ app with the same app-config.yaml; setsid gives it
# a process group of its own, which cleanup stops as a whole.
echo "Starting the dev app (log: .cache/app.log) ..."
app_started=$(date +%s%N)
(cd plugins/sentry-graph && BROWSER=none exec setsid "$root/scripts/node22.sh" \
  "$root/node_modules/.bin/backstage-cli" package start --config "$root/app-config.yaml") \
  >.cache/app.log 2>&1 &
app_pid=$!
# In the background plus `wait`, so that a signal to this script alone
# (kill, not Ctrl-C) stops the demo at once instead of after the sync.
"${ts_node[@]}" plugins/sentry-graph-backend/dev/demo.ts first-sync \
  --api "http://127.0.0.1:$backend_port/api/sentry-graph" --pid "$backend_pid" &
pids+=($!)
wait "${pids[-1]}" || { grep -v incomingRequest .cache/backend.log | tail -15 >&2; exit 1; }
unset 'pids[-1]'

app_url="http://localhost:$app_port/sentry-graph"
until curl -sf -o /dev/null "$app_url"; do
  kill -0 "$app_pid" 2>/dev/null || { tail -20 .cache/app.log >&2; echo "The dev app did not start; see .cache/app.log." >&2; exit 1; }
  sleep 0.5
done
app_seconds=$(( ($(date +%s%N) - app_started) / 100000000 ))
echo "The dev app is built (first build took $((app_seconds / 10)).$((app_seconds % 10)) s)."

api="http://localhost:$backend_port/api/sentry-graph"
auth="Authorization: Bearer $SENTRY_GRAPH_DEMO_API_TOKEN"
cat <<MSG

Open $app_url in a browser.
You are signed in as user:development/guest (Backstage's guest provider); the
demo's permission policy lets that user press "Sync now".
MSG
cat <<MSG

The sentry-graph API is at $api. Every route but /health needs the demo token:
  curl $api/health
  curl -H "$auth" $api/status
  curl -H "$auth" $api/summary
  curl -H "$auth" "$api/runs?limit=5"
  curl -H "$auth" $api/runs/<id>
  curl -H "$auth" "$api/changes?limit=20"   # what runs changed, newest first; /changes/highlights: since yesterday
  curl -X POST -H "$auth" $api/sync   # a sync now: 202; 409 while one runs, 429 within 30 s of the last
The schedule syncs every 30 minutes. Backend log: tail -f .cache/backend.log

Neo4j: $NEO4J_URI (user neo4j, password $NEO4J_PASSWORD). A read-only query, e.g. team admins without 2FA:
  scripts/node22.sh node --import tsx plugins/sentry-graph-backend/dev/cypher.ts \\
    'MATCH (u:SentryUser {has_2fa: false})-[:ADMIN_OF]->(t:SentryTeam) RETURN u.email, u.role, count(t) AS teams ORDER BY teams DESC LIMIT 5'

One sync from the command line, without the backend:
  SENTRY_BASE_URL=$SENTRY_BASE_URL SENTRY_TOKEN=$SENTRY_TOKEN NEO4J_URI=$NEO4J_URI NEO4J_PASSWORD=$NEO4J_PASSWORD \\
    npm run sync -- --config app-config.yaml

Press Ctrl-C to stop the backend, the dev app and the sample server; npm run neo4j:stop stops Neo4j.
MSG
# Runs until Ctrl-C. If the backend dies on its own, say so instead of
# leaving a sample server behind.
status=0
wait -n "$backend_pid" "$app_pid" || status=$?
if kill -0 "$backend_pid" 2>/dev/null; then
  echo "The dev app exited (status $status); see .cache/app.log." >&2
else
  echo "The backend exited (status $status); see .cache/backend.log." >&2
fi
exit 1

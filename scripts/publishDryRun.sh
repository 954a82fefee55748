#!/usr/bin/env bash
# npm publish --dry-run of the three published packages in dependency order
# (common, backend, frontend), after a build: what a release would upload,
# without uploading it. Run as `npm run publish:dry-run`.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
bash scripts/node22.sh npm run build --silent
for workspace in plugins/sentry-graph-common plugins/sentry-graph-backend plugins/sentry-graph; do
  bash scripts/node22.sh npm publish --dry-run --workspace "$workspace" 2>&1 |
    grep -E 'npm notice (name|version|package size|total files)|Publishing'
done

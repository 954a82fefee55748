#!/usr/bin/env bash
# Builds the three published packages and packs them into packs/, as an
# operator would install them before they are on the npm registry. Packed in
# dependency order (common, backend, frontend); each tarball carries its
# version in its name. Run as `npm run pack`.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
out="$root/packs"
bash scripts/node22.sh npm run build --silent
rm -rf "$out"
mkdir -p "$out"
for workspace in plugins/sentry-graph-common plugins/sentry-graph-backend plugins/sentry-graph; do
  # npm pack runs the package's prepack (backstage-cli points main, types and
  # exports at dist/) and postpack (puts the sources' package.json back).
  bash scripts/node22.sh npm pack --silent --workspace "$workspace" --pack-destination "$out" >/dev/null
done
ls -1 "$out"

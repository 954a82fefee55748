#!/usr/bin/env bash
# Refreshes the README's screenshots (docs/images/) from the ones the last
# `npm test` took: its browser tests and the fresh-app step write them to
# .cache/screenshots/ (or SENTRY_GRAPH_SCREENSHOT_DIR), so that a test run
# leaves the working tree as it found it. Run as `npm run screenshots`.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
from="${SENTRY_GRAPH_SCREENSHOT_DIR:-$root/.cache/screenshots}"
shopt -s nullglob
shots=("$from"/*.png)
if [ ${#shots[@]} -eq 0 ]; then
  echo "No screenshots in $from: run npm test first (its browser tests take them)." >&2
  exit 1
fi
cp "${shots[@]}" "$root/docs/images/"
for shot in "${shots[@]}"; do echo "docs/images/$(basename "$shot")"; done

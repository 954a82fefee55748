#!/usr/bin/env bash
# Installs what the project needs on a fresh machine: the pinned Node 22
# (scripts/node22.sh) and the npm dependencies. Safe to run again: it only
# installs when package-lock.json changed since the last install.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
marker=node_modules/.package-lock.json
if [ ! -f "$marker" ] || [ package-lock.json -nt "$marker" ]; then
  echo "[setup] installing npm dependencies (first time: a few minutes)" >&2
  scripts/node22.sh npm ci --no-audit --no-fund --loglevel=error >&2
fi

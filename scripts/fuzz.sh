#!/usr/bin/env bash
# Fuzzes the REST API with Schemathesis (scripts/fuzzApi.ts says what passes).
# Schemathesis comes from PyPI into a virtualenv of the project's own
# (.cache/fuzz-venv), installed once; it needs python3 with venv.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
version=4.32.5
venv=.cache/fuzz-venv
if ! "$venv/bin/schemathesis" --version 2>/dev/null | grep -q "version $version\$"; then
  echo "[fuzz] installing Schemathesis $version into $venv" >&2
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet --disable-pip-version-check "schemathesis==$version"
fi
scripts/node22.sh node --import tsx scripts/fuzzApi.ts "$root/$venv/bin/schemathesis"

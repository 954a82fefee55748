#!/usr/bin/env bash
# The published packages' API reports (report.api.md beside each
# package.json), as Backstage's own packages keep them: tsc writes
# dist-types/, then API Extractor compares the public API with the report.
# The whole repository is type-checked first; the declarations the reports
# read come from a program of the published sources alone
# (tsconfig.apiReports.json), written afresh: the order in which one program
# meets the types decides the order of an inferred union's members in a
# report, so a new test file or a stale dist-types/ must not move them.
# `npm run build:api-reports` rewrites the reports; with --ci it fails when
# they are out of date instead (the test suite runs it that way).
#
# Two messages are left out, as Backstage's own repository leaves them out.
# ae-undocumented: not every field of the REST API's types has a comment.
# ae-wrong-input-file-type: inside this repository a package's
# types point at its sources (src/index.ts), so API Extractor meets .ts
# files where it expects .d.ts when one package imports another. Published,
# the types point at dist/*.d.ts and the message does not apply.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
bash scripts/node22.sh node_modules/.bin/tsc -p . --noEmit
rm -rf dist-types
bash scripts/node22.sh node_modules/.bin/tsc -p tsconfig.apiReports.json
bash scripts/node22.sh node_modules/.bin/backstage-repo-tools api-reports "$@" \
  -o ae-wrong-input-file-type,ae-undocumented --validate-release-tags \
  plugins/sentry-graph-common plugins/sentry-graph-backend plugins/sentry-graph

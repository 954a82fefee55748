/*
 * "Proven in a fresh app": the packed plugins installed into an app that
 * the pinned create-app writes, the way an operator installs them, after
 * the approach of Backstage's own packages/e2e-test: create the app with
 * resolutions pointing at the packed packages, install, type-check, build,
 * start the backend and wait for "Plugin initialization complete" with a
 * clean stderr; then a sync, and the card in Chromium.
 *
 *   scripts/node22.sh node_modules/.bin/tsx packages/install-test/src/run.ts [--skip-pack] [--reuse-app]
 *
 *   --skip-pack   take the newest tarballs in packs/ instead of running `npm run pack`
 *   --reuse-app   keep the previous run's app and its node_modules (no create-app; the
 *                 install runs over them): for working on the later checks only; the
 *                 report marks create-app skipped
 *
 * Writes .cache/install-results.json (Jest-like, see checks.ts), logs in
 * .cache/install-test/logs/, the screenshot in
 * ${SENTRY_GRAPH_SCREENSHOT_DIR:-.cache/screenshots}/installed.png. Stops
 * every process it started when it ends, also on a failure or Ctrl-C.
 * Exits 1 when a check failed.
 *
 * This file is the entry: the options, the cleanup, the order of the
 * phases and the report. The checks themselves are in
 * steps/preparationChecks.ts (the app packed, installed, configured and
 * built), steps/runningAppChecks.ts (its backend: bad configs, a start, a
 * sync) and browser/browserChecks.ts (the Playwright spec), sharing one
 * RunState (runState.ts).
 */
import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import { deleteOldApps } from './app';
import { browserChecks } from './browser/browserChecks';
import { Checks } from './checks';
import { killAllNow, stop, stopAll } from './processes';
import type { RunState } from './runState';
import { stopTestNeo4j } from './servers';
import { seconds } from './settings';
import { preparationChecks } from './steps/preparationChecks';
import { runningAppChecks } from './steps/runningAppChecks';

const { values: options } = parseArgs({
  options: {
    'skip-pack': { type: 'boolean', default: false },
    'reuse-app': { type: 'boolean', default: false },
  },
});

const checks = new Checks();
/** Module-wide so that the cleanup, also on a signal, stops what the checks started. */
const state: RunState = {
  options: { skipPack: options['skip-pack'], reuseApp: options['reuse-app'] },
  checks,
  token: randomBytes(24).toString('hex'),
  neo4jStartedHere: false,
};
/** The previous run's app, moved aside and deleted in the background once the heavy work is done. */
let oldAppsDeleted: Promise<void> | undefined;

function startDeletingOldApps(): void {
  if (oldAppsDeleted) return;
  const started = Date.now();
  oldAppsDeleted = deleteOldApps().then(
    deleted => {
      if (deleted)
        process.stdout.write(
          `[install-test] the previous app was deleted in the background in ${seconds(Date.now() - started)}\n`,
        );
    },
    error => {
      process.stdout.write(
        `[install-test] the previous app could not be deleted: ${error}\n`,
      );
    },
  );
}

async function cleanUp(): Promise<void> {
  if (state.backend) await stop(state.backend);
  if (state.sampleServer) await stop(state.sampleServer.process);
  await stopAll();
  if (state.neo4jStartedHere) await stopTestNeo4j().catch(() => undefined);
  startDeletingOldApps();
  await oldAppsDeleted;
}

process.on('exit', killAllNow);
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    process.stdout.write(
      `[install-test] ${signal}: stopping what the step started\n`,
    );
    cleanUp().finally(() => process.exit(signal === 'SIGINT' ? 130 : 143));
  });
}

async function main(): Promise<number> {
  await preparationChecks(state);

  // The install and the build are done: the rest mostly waits, and can
  // share the machine with deleting the previous run's app.
  startDeletingOldApps();

  await runningAppChecks(state);
  await browserChecks(state);

  return checks.results.some(r => r.status === 'failed') ? 1 : 0;
}

main()
  .catch(error => {
    process.stdout.write(
      `[install-test] ${error instanceof Error ? error.stack : error}\n`,
    );
    return 1;
  })
  .then(async code => {
    await cleanUp();
    checks.write();
    process.stdout.write(
      `[install-test] proven in a fresh app:\n${checks.summary()}\n`,
    );
    process.exit(code);
  });

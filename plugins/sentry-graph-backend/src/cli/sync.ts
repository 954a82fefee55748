/*
 * `npm run sync -- --config app-config.yaml [--mode full|routine] [--json] [--allow-mass-deletion] [--wait [--wait-timeout <s>]]`
 * One sync run from the command line, configured by the `sentryGraph`
 * section of Backstage-style YAML (with ${ENV} substitution). It takes the
 * graph's lease like the plugin's runs: while another writer holds it, it
 * exits at once naming the holder, or with --wait waits for it. --mode
 * routine asks for a routine run (docs/routine-runs.md); the default is a
 * full run.
 * Exit codes: 0 succeeded, 2 partial, 1 failed or aborted.
 */
import { loadConfig } from '@backstage/config-loader';
import { ConfigReader } from '@backstage/config';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { parseArgs } from 'node:util';
import {
  SYNC_RUN_KINDS,
  type SyncRunKind,
} from '@sentry-graph/plugin-sentry-graph-common';
import { readSentryGraphConfig } from '../config/readSentryGraphConfig';
import { withConfigSource } from '../config/configSource';
import { runSyncInWorker } from '../worker/runSyncInWorker';
import { createConsoleLogger } from './consoleLogger';
import { formatResult } from './formatResult';

const EXIT_CODES = { succeeded: 0, partial: 2, failed: 1, aborted: 1 } as const;
/**
 * How long --wait waits for another writer's lease by default: longer than
 * the plugin's default run timeout (20 minutes) and the lease's expiry.
 */
const DEFAULT_WAIT_SECONDS = 30 * 60;

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      config: { type: 'string', multiple: true },
      json: { type: 'boolean', default: false },
      'allow-mass-deletion': { type: 'boolean', default: false },
      verbose: { type: 'boolean', default: false },
      wait: { type: 'boolean', default: false },
      'wait-timeout': { type: 'string' },
      mode: { type: 'string' },
    },
  });
  const waitSeconds = Number(values['wait-timeout'] ?? DEFAULT_WAIT_SECONDS);
  const kind: SyncRunKind | undefined = SYNC_RUN_KINDS.find(
    k => k === (values.mode ?? 'full'),
  );
  if (
    !values.config?.length ||
    !Number.isInteger(waitSeconds) ||
    waitSeconds < 0 ||
    !kind
  ) {
    process.stderr.write(
      'usage: npm run sync -- --config <app-config.yaml> [--mode full|routine (default full)] [--json] [--allow-mass-deletion] ' +
        '[--wait [--wait-timeout <whole seconds, default 1800>]] [--verbose]\n',
    );
    return 1;
  }
  const logger = createConsoleLogger(values.verbose ? 'debug' : 'info');
  const { appConfigs } = await loadConfig({
    configRoot: process.cwd(),
    configTargets: values.config.map(file => ({ path: path.resolve(file) })),
  });
  const config = withConfigSource(
    ConfigReader.fromConfigs(appConfigs),
    readSentryGraphConfig,
  );
  const controller = new AbortController();
  const abort = () => {
    logger.warn(
      'Interrupted: aborting the run (no further listing or cleanup)',
    );
    controller.abort();
  };
  process.once('SIGINT', abort);
  process.once('SIGTERM', abort);
  // In a worker thread, as the plugin runs it: the same code path, heap cap included.
  const result = await runSyncInWorker(
    {
      sentry: config.sentry,
      engine: {
        ...config.sync,
        allowMassDeletion:
          values['allow-mass-deletion'] || config.sync.allowMassDeletion,
      },
      neo4j: config.neo4j,
      maxHeapMb: config.worker.maxHeapMb,
      logger,
      writer: { kind: 'cli', runId: randomUUID() },
      kind,
      // A timeout alone asks to wait too.
      waitForLeaseMs:
        values.wait || values['wait-timeout'] !== undefined
          ? waitSeconds * 1000
          : 0,
    },
    controller.signal,
  );
  // The engine says why a routine run became full; the command line why it asked.
  if (result.kind !== undefined && result.kindReason === undefined)
    result.kindReason =
      values.mode === undefined
        ? "a full run, the command line's default (--mode routine asks for a routine run)"
        : `a ${kind} run, as --mode ${kind} asked`;
  process.stdout.write(
    `${values.json ? JSON.stringify(result, null, 2) : formatResult(result)}\n`,
  );
  return EXIT_CODES[result.status];
}

main().then(
  code => process.exit(code),
  error => {
    // Config and load errors name the key; they carry no secret values.
    process.stderr.write(
      `sentry-graph sync failed: ${error instanceof Error ? error.message : String(error)}\n`,
    );
    process.exit(1);
  },
);

/*
 * `npm run bench -- [--size S|M|L|XL] [--rate-limit 40/1|none] [--catalog]
 *   [--latency MS] [--neo4j-latency MS] [--skip-api-latency] [--tsx]
 *   [--sync-heap-mb MB]
 *   [--api-load [--api-load-interval MS]] [--routine [--without-audit-log] [--team-rotation N]] [--changes]`
 * Generates a size preset, starts the Sentry sample server and a Neo4j of
 * the benchmark's own (port 7688 unless NEO4J_BENCH_PORT; it is wiped),
 * runs a full sync into the empty graph and again into the full one, and
 * prints wall time, the run's rate floor and the ratio of the two, items
 * per second, the sync's peak RSS and requests (the sync runs compiled, in
 * a process of its own and there in its worker thread, as the plugin runs
 * it: bundle.ts; `--tsx` runs it under tsx, `--sync-heap-mb` sets the
 * worker's heap cap, sentryGraph.sync.maxHeapMb), the main thread's
 * event-loop delay meanwhile; then the latency of /status and
 * /summary on that graph (apiLatency.ts; `--skip-api-latency` leaves that
 * out, and the third sync it runs). `--latency` makes the
 * sample server answer as sentry.io does across a network (round trip,
 * with jitter); `--neo4j-latency` puts that round trip between the sync and
 * Neo4j. With --api-load it measures the API under load during a sync
 * instead (apiLoad.ts); with --routine, a routine run after a day of
 * changes against a full run (routineRuns.ts; `--without-audit-log` gives
 * the sample server's token no org:write); with --changes, what the
 * change history adds to full and routine runs and GET /changes' latency
 * on 90 days of it (changeHistory.ts). It prints figures; it asserts
 * nothing.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import readline from 'node:readline';
import { parseArgs } from 'node:util';
import { measureApiLatency } from './apiLatency';
import { bundleForBench } from './bundle';
import { startLatencyProxy } from './latencyProxy';
import type { RateLimitSetting } from './rateFloor';
import { measureApiLoad } from './apiLoad';
import { measureRoutineRuns } from './routineRuns';
import { measureChangeHistory } from './changeHistory';
import {
  loadAverage,
  report,
  runSyncProcess,
  type SyncCommand,
} from './syncProcess';
import { ALL_SCOPES } from '@sentry-graph/sentry-sample-server';
import { SentryGraphStore } from '../plugins/sentry-graph-backend/src/graph/SentryGraphStore';
import { wipeDatabase } from '../plugins/sentry-graph-backend/src/__testUtils__/testGraph';

const ROOT = path.resolve(__dirname, '..');
const TSX = path.join(ROOT, 'node_modules/.bin/tsx');

async function startSampleServer(
  size: string,
  rateLimit: string,
  latencyMs: number,
  scopes?: readonly string[],
): Promise<{ url: string; child: ChildProcess }> {
  const args = [
    'packages/sentry-sample-server/src/cli.ts',
    '--preset',
    size,
    '--port',
    '0',
    '--token',
    'bench-token',
  ];
  args.push(
    ...(rateLimit === 'none'
      ? ['--no-rate-limit']
      : ['--rate-limit', rateLimit]),
    ...(latencyMs > 0 ? ['--latency', String(latencyMs)] : []),
    ...(scopes ? ['--scopes', scopes.join(',')] : []),
  );
  // The server has a process of its own, so its memory is not the sync's.
  const child = spawn(TSX, args, {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const lines = readline.createInterface({ input: child.stdout! });
  for await (const line of lines) {
    const match = /listening on (\S+)/.exec(line);
    if (match) {
      process.stdout.write(`${line}\n`);
      return { url: match[1], child };
    }
  }
  throw new Error('the sample server exited before listening');
}

async function main() {
  const { values } = parseArgs({
    options: {
      size: { type: 'string', default: 'M' },
      'rate-limit': { type: 'string', default: '40/1' },
      // Join a catalog of 2,000 components, 500 groups and 5,000 users.
      catalog: { type: 'boolean', default: false },
      latency: { type: 'string', default: '0' },
      'neo4j-latency': { type: 'string', default: '0' },
      'skip-api-latency': { type: 'boolean', default: false },
      // Run the sync under tsx instead of compiled (tsx adds ~40 MB of RSS).
      tsx: { type: 'boolean', default: false },
      // The worker's heap cap (sentryGraph.sync.maxHeapMb), as an operator may set it.
      'sync-heap-mb': { type: 'string' },
      'api-load': { type: 'boolean', default: false },
      // A routine run after a day of changes, against a full run.
      routine: { type: 'boolean', default: false },
      // What the change history costs: runs with and without it, and GET /changes on 90 days of it.
      changes: { type: 'boolean', default: false },
      // With --routine: a token without org:write, so no audit log is read.
      'without-audit-log': { type: 'boolean', default: false },
      // With --routine: sentryGraph.sync.routine.teamRotation (default 8).
      'team-rotation': { type: 'string' },
      // Each load client's pause between polls: the card's 2 s; 0 for a stress test.
      'api-load-interval': { type: 'string', default: '2000' },
    },
  });
  const size = values.size!.toUpperCase();
  const rateLimit = parseRateLimit(values['rate-limit']!);
  const latencyMs = wholeNumber('--latency', values.latency!, 'milliseconds');
  // Checked here, before anything starts.
  const maxHeapMb =
    values['sync-heap-mb'] === undefined
      ? undefined
      : wholeNumber('--sync-heap-mb', values['sync-heap-mb'], 'megabytes');
  const neo4jLatencyMs = wholeNumber(
    '--neo4j-latency',
    values['neo4j-latency']!,
    'milliseconds',
  );
  // A plain ESM script (it also runs before npm install); typed here by hand.
  const neo4jTool = (await import('../tools/neo4j/neo4j.mjs')) as unknown as {
    ensureNeo4j(
      o: object,
    ): Promise<{ uri: string; user: string; password: string }>;
  };
  const neo4jPort = Number(process.env.NEO4J_BENCH_PORT ?? 7688);
  const neo4j = await neo4jTool.ensureNeo4j({ port: neo4jPort });
  const direct = {
    uri: neo4j.uri,
    username: neo4j.user,
    password: neo4j.password,
  };

  const driver = SentryGraphStore.createDriver(direct);
  await wipeDatabase(driver);
  await driver.close();

  // In this process, so its work does not count in the sync's memory.
  const proxy =
    neo4jLatencyMs > 0
      ? await startLatencyProxy(neo4jPort, neo4jLatencyMs)
      : undefined;
  const connection = proxy
    ? { ...direct, uri: `bolt://127.0.0.1:${proxy.port}` }
    : direct;
  const withoutAuditLog = values['without-audit-log'] === true;
  const teamRotation =
    values['team-rotation'] === undefined
      ? undefined
      : wholeNumber('--team-rotation', values['team-rotation'], 'runs');
  if (withoutAuditLog && !values.routine)
    throw new Error('--without-audit-log goes with --routine');
  const sentry = await startSampleServer(
    size,
    values['rate-limit']!,
    latencyMs,
    withoutAuditLog
      ? ALL_SCOPES.filter(
          scope => scope !== 'org:write' && scope !== 'org:admin',
        )
      : undefined,
  );
  try {
    process.stdout.write(
      `size ${size}, Sentry rate limit ${values['rate-limit']} per endpoint, ` +
        `Sentry ${latencyMs} ms away, Neo4j ${neo4j.uri} ${neo4jLatencyMs} ms away ` +
        `(load ${loadAverage()})\n`,
    );
    const settings = {
      sentryUrl: sentry.url,
      token: 'bench-token',
      neo4j: connection,
      ...(maxHeapMb === undefined ? {} : { maxHeapMb }),
      ...(values.catalog
        ? {
            catalog: {
              preset: size,
              components: 2_000,
              groups: 500,
              users: 5_000,
            },
          }
        : {}),
    };
    if (values['api-load']) {
      await measureApiLoad(
        settings,
        wholeNumber(
          '--api-load-interval',
          values['api-load-interval']!,
          'milliseconds',
        ),
      );
      return;
    }
    const syncCommand: SyncCommand = values.tsx
      ? [TSX, path.join(__dirname, 'syncOnce.ts')]
      : [
          process.execPath,
          (await bundleForBench({ syncOnce: 'bench/syncOnce.ts' })).syncOnce,
        ];
    if (values.changes) {
      await measureChangeHistory({ settings, syncCommand, rateLimit });
      return;
    }
    if (values.routine) {
      await measureRoutineRuns({
        settings: {
          ...settings,
          ...(teamRotation === undefined ? {} : { teamRotation }),
        },
        syncCommand,
        rateLimit,
        auditLog: !withoutAuditLog,
      });
      return;
    }
    for (const label of ['empty graph', 'full graph']) {
      const started = Date.now();
      const figures = await runSyncProcess(settings, syncCommand);
      report(label, Date.now() - started, figures, rateLimit);
    }
    if (values['skip-api-latency']) return;
    process.stdout.write(
      'API latency (the dev backend on this graph, after a sync of its own; 20 calls each, one at a time):\n',
    );
    for (const r of await measureApiLatency(settings)) {
      process.stdout.write(
        `  GET ${r.route.padEnd(9)} p50 ${r.p50Ms.toFixed(1)} ms | p95 ${r.p95Ms.toFixed(1)} ms | ` +
          `max ${r.maxMs.toFixed(1)} ms | first (cold) call ${r.firstMs.toFixed(1)} ms\n`,
      );
    }
  } finally {
    sentry.child.kill('SIGTERM');
    await proxy?.close();
  }
}

function parseRateLimit(text: string): RateLimitSetting {
  if (text === 'none') return 'none';
  const match = /^(\d+)\/(\d+)$/.exec(text);
  if (!match) throw new Error('--rate-limit takes LIMIT/SECONDS or none');
  return { limit: Number(match[1]), windowSeconds: Number(match[2]) };
}

function wholeNumber(flag: string, text: string, unit: string): number {
  if (!/^\d+$/.test(text)) throw new Error(`${flag} takes whole ${unit}`);
  return Number(text);
}

main().catch(error => {
  process.stderr.write(
    `${error instanceof Error ? error.stack : String(error)}\n`,
  );
  process.exit(1);
});

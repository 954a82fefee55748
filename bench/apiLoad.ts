/*
 * The backend as a neighbour: the dev backend syncs the graph once (filling
 * it), once more unloaded, and once more while 50 clients poll /status (and
 * read /summary when a run ended) for as long as that sync runs, as 50 open
 * portal cards do. For
 * each sync it prints the backend's event-loop delay (watched from inside
 * its process, loopProbe.ts) next to an idle canary process's over the
 * same window (the machine's own noise), and the backend's peak RSS; then
 * p50/p95/max per route and the error count. It ends with the targets
 * against the loaded sync, each PASS or FAIL; it asserts nothing.
 */
import os from 'node:os';
import type { SyncStatus } from '@sentry-graph/plugin-sentry-graph-common';
import {
  startDevBackend,
  type DevBackend,
  type DevBackendSettings,
} from '../plugins/sentry-graph-backend/dev/startDevBackend';
import { formatLoopDelay, LOOP_RESOLUTION_MS } from './loopDelay';
import { bundleForBench } from './bundle';
import {
  startIdleCanary,
  watchedProcess,
  type ProbeReading,
  type WatchedProcess,
} from './loopProbeClient';
import { percentile } from './percentile';

const CLIENTS = 50;
const ROUTES = ['/status', '/summary'] as const;
/** The targets of a good neighbour (issue 19): against the idle canary, and absolute. */
const TARGETS = {
  p99AgainstCanary: 1.5,
  maxAgainstCanary: 2,
  statusP95Ms: 50,
};

interface Samples {
  latencies: Record<(typeof ROUTES)[number], number[]>;
  /** The largest body each route answered, uncompressed. */
  largestBody: Record<(typeof ROUTES)[number], number>;
  errors: string[];
}

const sleep = (ms: number) => new Promise(resolve => setTimeout(resolve, ms));

/** One answer's latency and size, or its error, into the samples. */
async function timedGet(
  backend: DevBackend,
  route: (typeof ROUTES)[number],
  samples: Samples,
): Promise<unknown> {
  const started = performance.now();
  try {
    const response = await fetch(`${backend.baseUrl}${route}`, {
      headers: { Authorization: `Bearer ${backend.apiToken}` },
    });
    const body = await response.arrayBuffer();
    samples.largestBody[route] = Math.max(
      samples.largestBody[route],
      body.byteLength,
    );
    if (!response.ok) {
      samples.errors.push(`${route}: HTTP ${response.status}`);
      return undefined;
    }
    samples.latencies[route].push(performance.now() - started);
    return JSON.parse(new TextDecoder().decode(body));
  } catch (error) {
    samples.errors.push(`${route}: ${String(error)}`);
    return undefined;
  }
}

/**
 * One client, as the portal card polls (useSyncStatus, useSummary): /status,
 * then /summary when the status names a last run this client has not read
 * the summary of (its first poll included), then a pause of `intervalMs`
 * (the card's poll while a run is in progress is 2 s; 0 sends the next
 * request as soon as an answer lands, a stress test), until the sync ends.
 * Clients start spread over one interval, as cards opened at different
 * moments do.
 */
async function poll(
  backend: DevBackend,
  syncEnded: AbortSignal,
  samples: Samples,
  intervalMs: number,
) {
  await sleep(Math.random() * intervalMs);
  let summaryOfRun: string | undefined | null = null;
  while (!syncEnded.aborted) {
    const status = (await timedGet(backend, '/status', samples)) as
      SyncStatus | undefined;
    const lastRunId = status?.lastRun?.id;
    if (status && lastRunId !== summaryOfRun) {
      await timedGet(backend, '/summary', samples);
      summaryOfRun = lastRunId;
    }
    await sleep(intervalMs);
  }
}

interface WatchedSync {
  status: SyncStatus;
  durationMs: number;
  backend: Omit<ProbeReading, 'probe'>;
  canary: Omit<ProbeReading, 'probe'>;
}

/** Runs one sync with both processes' delay windows around it. */
async function watchedSync(
  label: string,
  sync: () => Promise<SyncStatus>,
  backend: WatchedProcess,
  canary: WatchedProcess,
): Promise<WatchedSync> {
  backend.reset();
  canary.reset();
  const status = await sync();
  const [backendReading, canaryReading] = await Promise.all([
    backend.read(),
    canary.read(),
  ]);
  const run = status.lastRun!;
  const watched = {
    status,
    durationMs: Date.parse(run.finishedAt!) - Date.parse(run.startedAt!),
    backend: backendReading,
    canary: canaryReading,
  };
  process.stdout.write(
    `${label.padEnd(26)} ${run.status} in ${(watched.durationMs / 1000).toFixed(1)} s | ` +
      `backend's main thread ${formatLoopDelay(backendReading.delayMs)} | ` +
      `idle canary ${formatLoopDelay(canaryReading.delayMs)} | ` +
      `backend's peak RSS so far ${backendReading.peakRssMb} MB | load ${loadAverage()}\n` +
      stallLine("backend's", backendReading) +
      stallLine("canary's", canaryReading),
  );
  return watched;
}

/** Where the window's longest stalls fell, when any passed 100 ms. */
function stallLine(whose: string, reading: Omit<ProbeReading, 'probe'>) {
  if (reading.stalls.length === 0) return '';
  const at = reading.stalls
    .map(s => `${s.ms} ms at ${(s.atMs / 1000).toFixed(1)} s`)
    .join(', ');
  return `${''.padEnd(27)}${whose} longest stalls in the ${(reading.windowMs / 1000).toFixed(1)} s window: ${at}\n`;
}

const loadAverage = () =>
  os
    .loadavg()
    .map(l => l.toFixed(2))
    .join(' ');

export async function measureApiLoad(
  settings: DevBackendSettings,
  intervalMs: number,
) {
  const say = (line: string) => process.stdout.write(`${line}\n`);
  // Compiled, as a production backend runs (bundle.ts); the canary too, so
  // that neither process carries tsx.
  const compiled = await bundleForBench({
    devBackend: 'plugins/sentry-graph-backend/dev/index.ts',
    loopProbe: 'bench/loopProbe.ts',
    idleCanary: 'bench/idleCanary.ts',
  });
  const canary = startIdleCanary(compiled.idleCanary);
  const backend = await startDevBackend(settings, {
    script: compiled.devBackend,
    preload: [compiled.loopProbe],
  });
  const backendProbe = watchedProcess(backend.child);
  try {
    say(
      `event-loop delay above the ${LOOP_RESOLUTION_MS} ms resolution, over each sync:`,
    );
    const syncOnce = () => backend.syncOnce();
    await watchedSync(
      'first sync (empty graph)',
      syncOnce,
      backendProbe,
      canary,
    );
    const unloaded = await watchedSync(
      'unloaded sync',
      syncOnce,
      backendProbe,
      canary,
    );

    const samples: Samples = {
      latencies: { '/status': [], '/summary': [] },
      largestBody: { '/status': 0, '/summary': 0 },
      errors: [],
    };
    const syncEnded = new AbortController();
    let load: Promise<unknown> = Promise.resolve();
    const loaded = await watchedSync(
      `loaded sync (${CLIENTS} clients)`,
      async () => {
        load = Promise.all(
          Array.from({ length: CLIENTS }, () =>
            poll(backend, syncEnded.signal, samples, intervalMs),
          ),
        );
        try {
          return await backend.syncOnce();
        } finally {
          syncEnded.abort();
        }
      },
      backendProbe,
      canary,
    );
    await load;

    say(
      `${CLIENTS} clients polling /status every ${intervalMs / 1000} s during the loaded sync, reading /summary per run ended:`,
    );
    const p95 = new Map<string, number>();
    for (const route of ROUTES) {
      const sorted = samples.latencies[route].sort((a, b) => a - b);
      p95.set(route, percentile(sorted, 95));
      say(
        `  GET ${route.padEnd(9)} ${sorted.length} answers | p50 ${percentile(sorted, 50).toFixed(1)} ms | ` +
          `p95 ${percentile(sorted, 95).toFixed(1)} ms | max ${sorted[sorted.length - 1].toFixed(1)} ms | ` +
          `body up to ${(samples.largestBody[route] / 1024).toFixed(1)} KB`,
      );
    }
    say(`  errors: ${samples.errors.length}`);
    for (const error of new Set(samples.errors.slice(0, 5)))
      say(`    ! ${error}`);
    const slowdown = loaded.durationMs / unloaded.durationMs - 1;
    say(
      `loaded sync against the unloaded one: ${(slowdown * 100).toFixed(1)}%; ` +
        `the backend's peak RSS ${loaded.backend.peakRssMb} MB`,
    );

    const own = loaded.backend.delayMs;
    const noise = loaded.canary.delayMs;
    const verdicts: Array<[string, boolean]> = [
      [
        `the main thread's p99 ${own.p99} ms within ${TARGETS.p99AgainstCanary}x the canary's ${noise.p99} ms`,
        own.p99 <= TARGETS.p99AgainstCanary * noise.p99,
      ],
      [
        `its max ${own.max} ms within ${TARGETS.maxAgainstCanary}x the canary's ${noise.max} ms`,
        own.max <= TARGETS.maxAgainstCanary * noise.max,
      ],
      [
        `/status p95 ${p95.get('/status')!.toFixed(1)} ms at most ${TARGETS.statusP95Ms} ms`,
        p95.get('/status')! <= TARGETS.statusP95Ms,
      ],
      [
        `no error (${samples.errors.length})`,
        samples.errors.length === 0 &&
          loaded.status.lastRun?.status === 'succeeded',
      ],
    ];
    say('targets during the loaded sync:');
    for (const [target, met] of verdicts)
      say(`  ${met ? 'PASS' : 'FAIL'}: ${target}`);
    say(
      '  (the sync no slower and the peak RSS no higher than before: compare these figures with docs/benchmarks.md)',
    );
  } finally {
    await backend.stop();
    canary.stop();
  }
}

/*
 * The API under load while a sync runs: the dev backend syncs the graph
 * once (filling it), once more unloaded, and once more while 50 clients
 * poll /status and /summary for 60 s, as many portal cards would. Prints
 * p50/p95 per route, the error count, and the loaded sync's duration against
 * the unloaded one. Passes (it says so; it asserts nothing) with no error
 * and a loaded sync within 10% of the unloaded one.
 */
import os from 'node:os';
import type { SyncStatus } from '@sentry-graph/plugin-sentry-graph-common';
import {
  startDevBackend,
  type DevBackend,
  type DevBackendSettings,
} from '../plugins/sentry-graph-backend/dev/startDevBackend';
import { percentile } from './percentile';

const CLIENTS = 50;
const LOAD_MS = 60_000;
const ROUTES = ['/status', '/summary'] as const;
/** How much slower the loaded sync may be. */
const ALLOWED_SLOWDOWN = 0.1;

interface Samples {
  latencies: Record<(typeof ROUTES)[number], number[]>;
  errors: string[];
}

const sleep = (ms: number) => new Promise(resolve => setTimeout(resolve, ms));

/**
 * One client: both routes, one request at a time, then a pause of
 * `intervalMs` (the card's poll while a run is in progress is 2 s; 0 sends
 * the next request as soon as an answer lands, a stress test), until the
 * deadline. Clients start spread over one interval, as cards opened at
 * different moments do.
 */
async function poll(
  backend: DevBackend,
  deadline: number,
  samples: Samples,
  intervalMs: number,
) {
  await sleep(Math.random() * intervalMs);
  for (let i = 0; Date.now() < deadline; i++) {
    const route = ROUTES[i % ROUTES.length];
    if (i > 0 && route === ROUTES[0]) await sleep(intervalMs);
    const started = performance.now();
    try {
      const response = await fetch(`${backend.baseUrl}${route}`, {
        headers: { Authorization: `Bearer ${backend.apiToken}` },
      });
      await response.arrayBuffer();
      if (!response.ok)
        samples.errors.push(`${route}: HTTP ${response.status}`);
      else samples.latencies[route].push(performance.now() - started);
    } catch (error) {
      samples.errors.push(`${route}: ${String(error)}`);
    }
  }
}

const durationMs = (status: SyncStatus) =>
  Date.parse(status.lastRun!.finishedAt!) -
  Date.parse(status.lastRun!.startedAt!);

export async function measureApiLoad(
  settings: DevBackendSettings,
  intervalMs: number,
) {
  const backend = await startDevBackend(settings);
  const say = (line: string) => process.stdout.write(`${line}\n`);
  try {
    say('filling the graph with a first sync ...');
    await backend.syncOnce();
    const unloaded = await backend.syncOnce();
    say(
      `unloaded sync: ${unloaded.lastRun?.status} in ${(durationMs(unloaded) / 1000).toFixed(1)} s`,
    );

    const samples: Samples = {
      latencies: { '/status': [], '/summary': [] },
      errors: [],
    };
    const deadline = Date.now() + LOAD_MS;
    const load = Promise.all(
      Array.from({ length: CLIENTS }, () =>
        poll(backend, deadline, samples, intervalMs),
      ),
    );
    const loaded = await backend.syncOnce();
    await load;
    const loadAverage = os
      .loadavg()
      .map(l => l.toFixed(2))
      .join(' ');

    say(
      `${CLIENTS} clients polling ${ROUTES.join(' and ')} every ${intervalMs / 1000} s for ${LOAD_MS / 1000} s ` +
        `(load average at the end: ${loadAverage}):`,
    );
    for (const route of ROUTES) {
      const sorted = samples.latencies[route].sort((a, b) => a - b);
      say(
        `  GET ${route.padEnd(9)} ${sorted.length} answers | p50 ${percentile(sorted, 50).toFixed(1)} ms | ` +
          `p95 ${percentile(sorted, 95).toFixed(1)} ms | max ${sorted[sorted.length - 1].toFixed(1)} ms`,
      );
    }
    say(`  errors: ${samples.errors.length}`);
    for (const error of new Set(samples.errors.slice(0, 5)))
      say(`    ! ${error}`);
    const slowdown = durationMs(loaded) / durationMs(unloaded) - 1;
    say(
      `loaded sync: ${loaded.lastRun?.status} in ${(durationMs(loaded) / 1000).toFixed(1)} s, ` +
        `${(slowdown * 100).toFixed(1)}% against the unloaded one`,
    );
    const pass = samples.errors.length === 0 && slowdown <= ALLOWED_SLOWDOWN;
    say(
      `${pass ? 'PASS' : 'FAIL'}: no error and a sync within ${ALLOWED_SLOWDOWN * 100}% of the unloaded one`,
    );
  } finally {
    await backend.stop();
  }
}

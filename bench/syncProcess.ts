/*
 * One sync in a process of its own (syncOnce.ts), and the lines the
 * benchmark prints for it.
 */
import { spawn } from 'node:child_process';
import type { SyncRunKind } from '@sentry-graph/plugin-sentry-graph-common';
import os from 'node:os';
import path from 'node:path';
import {
  formatLoopDelay,
  LOOP_RESOLUTION_MS,
  type LoopDelayFigures,
} from './loopDelay';
import { rateFloorSeconds, type RateLimitSetting } from './rateFloor';

const ROOT = path.resolve(__dirname, '..');

export interface RunFigures {
  /** The kind the run was, and what a routine run left out. */
  kind: SyncRunKind;
  skipped: string[];
  /** In how many organizations a routine run read the audit log. */
  auditLogRead: 'all' | 'some' | 'none';
  status: string;
  errors: string[];
  durationMs: number;
  fetched: number;
  written: number;
  deleted: number;
  requests: {
    requests: number;
    retries: number;
    rateLimited: number;
    budgetWaitMs: number;
    byEndpoint?: Record<string, number>;
  };
  peakRssMb: number;
  /** With a change history: the changes stored, and why some were not. */
  changesRecorded?: number;
  changesError?: string;
  /** The process before the sync started (Node, tsx, the code). */
  startRssMb: number;
  /** The worker's heap: used at most, memory outside it at most, its limit. */
  peakHeapUsedMb: number;
  peakExternalMb: number;
  heapLimitMb: number;
  /** The main thread's event loop while the worker synced (above the 10 ms resolution). */
  mainLoopDelayMs: LoopDelayFigures;
  kindSeconds: Record<string, number>;
  /** e.g. 'releases concurrent 4 listings, 1,004 pages'. */
  reads: string[];
}

/** How to start the one-sync script: compiled (the default) or under tsx. */
export type SyncCommand = [command: string, ...args: string[]];

export function runSyncProcess(
  settings: object,
  [command, ...args]: SyncCommand,
): Promise<RunFigures> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd: ROOT,
      env: { ...process.env, SENTRY_GRAPH_BENCH: JSON.stringify(settings) },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let output = '';
    child.stdout.on('data', chunk => (output += chunk));
    child.on('error', reject);
    child.on('exit', code =>
      code === 0
        ? resolve(JSON.parse(output.trim().split('\n').pop()!))
        : reject(new Error(`sync exited with ${code}`)),
    );
  });
}

export function report(
  label: string,
  wallMs: number,
  figures: RunFigures,
  rateLimit: RateLimitSetting,
): void {
  const seconds = wallMs / 1000;
  const r = figures.requests;
  const floor = rateFloorSeconds(r.byEndpoint ?? {}, rateLimit);
  const againstFloor =
    floor === undefined
      ? 'no rate floor (no rate limit)'
      : `rate floor ${floor.toFixed(1)} s, ratio ${(seconds / floor).toFixed(2)}`;
  process.stdout.write(
    `${label.padEnd(12)} ${figures.status.padEnd(9)} wall ${seconds.toFixed(1)} s (the sync's own ${(figures.durationMs / 1000).toFixed(1)} s) | ${againstFloor} | ` +
      `${figures.fetched} items, ${Math.round(figures.fetched / seconds)} items/s | written ${figures.written} | ` +
      `deleted ${figures.deleted} | peak RSS ${figures.peakRssMb} MB (${figures.startRssMb} MB before the sync; ` +
      `the worker's heap used at most ${figures.peakHeapUsedMb} MB of ${figures.heapLimitMb} MB, outside the heap ${figures.peakExternalMb} MB) | ` +
      `${r.requests} requests, ${r.retries} retries, ${r.rateLimited} rate-limited (429), ` +
      `${(r.budgetWaitMs / 1000).toFixed(1)} s waiting for the budget | load ${loadAverage()}\n`,
  );
  process.stdout.write(
    `             main thread's event-loop delay above the ${LOOP_RESOLUTION_MS} ms resolution: ${formatLoopDelay(figures.mainLoopDelayMs)}\n`,
  );
  process.stdout.write(
    `             seconds per kind (slowest organization): ${Object.entries(
      figures.kindSeconds,
    )
      .map(([k, v]) => `${k} ${v}`)
      .join(', ')}\n`,
  );
  process.stdout.write(
    `             requests per endpoint: ${Object.entries(r.byEndpoint ?? {})
      .sort(([, a], [, b]) => b - a)
      .map(([endpoint, count]) => `${endpoint} ${count}`)
      .join(', ')}\n`,
  );
  process.stdout.write(
    `             listings read: ${figures.reads.join('; ')}\n`,
  );
  for (const error of figures.errors)
    process.stdout.write(`             ! ${error}\n`);
}

/** The machine's 1-minute load average: benchmark figures depend on it. */
export function loadAverage(): string {
  return `${os.loadavg()[0].toFixed(2)} on ${os.cpus().length} cores`;
}

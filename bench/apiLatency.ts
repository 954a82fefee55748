/*
 * /status and /summary latency, as the card sees them: the dev backend (the
 * plugin with its real router, auth and database) is started on the graph a
 * benchmark just synced, runs one sync of its own so its history holds a
 * run, then answers 20 calls of each route, one after another. Prints
 * p50/p95 (and the first, cold call apart); asserts nothing.
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { SyncStatus } from '@sentry-graph/plugin-sentry-graph-common';

const ROOT = path.resolve(__dirname, '..');
const CALLS = 20;

export interface LatencySettings {
  sentryUrl: string;
  token: string;
  neo4j: { uri: string; username: string; password: string };
}

export interface RouteLatency {
  route: string;
  firstMs: number;
  p50Ms: number;
  p95Ms: number;
  maxMs: number;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** Nearest-rank percentile of sorted samples. */
function percentile(sorted: number[], p: number): number {
  return sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)];
}

const sleep = (ms: number) => new Promise(resolve => setTimeout(resolve, ms));

export async function measureApiLatency(
  settings: LatencySettings,
): Promise<RouteLatency[]> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sentry-graph-bench-'));
  const port = await freePort();
  const apiToken = randomBytes(16).toString('hex');
  const base = `http://127.0.0.1:${port}/api/sentry-graph`;
  // JSON is YAML: the backend reads it as a config file.
  fs.writeFileSync(
    path.join(dir, 'app-config.yaml'),
    JSON.stringify({
      // The auth plugin of the dev backend needs an app URL, even unused.
      app: { baseUrl: 'http://127.0.0.1:3000' },
      backend: {
        baseUrl: `http://127.0.0.1:${port}`,
        listen: { port, host: '127.0.0.1' },
        database: { client: 'better-sqlite3', connection: { directory: dir } },
        auth: {
          externalAccess: [
            { type: 'static', options: { token: apiToken, subject: 'bench' } },
          ],
        },
      },
      auth: { providers: { guest: {} } },
      sentryGraph: {
        sentry: { baseUrl: settings.sentryUrl, token: settings.token },
        neo4j: settings.neo4j,
        schedule: { frequency: { trigger: 'manual' }, timeout: { hours: 2 } },
        manualRunMinimumInterval: { seconds: 0 },
        catalog: { enabled: false },
      },
    }),
  );
  const backend = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      'plugins/sentry-graph-backend/dev/index.ts',
      '--config',
      path.join(dir, 'app-config.yaml'),
    ],
    {
      cwd: ROOT,
      stdio: [
        'ignore',
        fs.openSync(path.join(dir, 'backend.log'), 'w'),
        'inherit',
      ],
    },
  );
  const call = async (route: string, init: RequestInit = {}) => {
    const response = await fetch(`${base}${route}`, {
      ...init,
      headers: { Authorization: `Bearer ${apiToken}` },
    });
    if (!response.ok)
      throw new Error(
        `${route}: HTTP ${response.status} ${await response.text()}`,
      );
    return response.json();
  };
  try {
    for (let i = 0; ; i++) {
      if (backend.exitCode !== null)
        throw new Error(`the backend exited; see ${dir}/backend.log`);
      if (
        await fetch(`${base}/health`).then(
          r => r.ok,
          () => false,
        )
      )
        break;
      if (i > 240) throw new Error('the backend did not start in 2 minutes');
      await sleep(500);
    }
    await call('/sync', { method: 'POST' });
    for (;;) {
      const status = (await call('/status')) as SyncStatus;
      if (!status.currentRun && status.lastRun) break;
      await sleep(1000);
    }
    const results: RouteLatency[] = [];
    for (const route of ['/status', '/summary']) {
      const timed = async () => {
        const started = performance.now();
        await call(route);
        return performance.now() - started;
      };
      const firstMs = await timed();
      const samples: number[] = [];
      for (let i = 0; i < CALLS; i++) samples.push(await timed());
      samples.sort((a, b) => a - b);
      results.push({
        route,
        firstMs,
        p50Ms: percentile(samples, 50),
        p95Ms: percentile(samples, 95),
        maxMs: samples[samples.length - 1],
      });
    }
    return results;
  } finally {
    backend.kill('SIGTERM');
    await new Promise(resolve => backend.once('exit', resolve));
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

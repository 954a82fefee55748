/*
 * The dev backend (dev/index.ts: the plugin with its real router, auth,
 * permissions and database) started in a process of its own on a free port,
 * with a static API token: what the benchmarks and the API fuzzer talk to.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { SyncStatus } from '@sentry-graph/plugin-sentry-graph-common';

const ROOT = path.resolve(__dirname, '../../..');

export interface DevBackendSettings {
  sentryUrl: string;
  token: string;
  neo4j: { uri: string; username: string; password: string };
  /** sentryGraph.sync.maxHeapMb; the plugin's default when absent. */
  maxHeapMb?: number;
}

export interface DevBackendProcessOptions {
  /**
   * The dev backend compiled to one file (as a benchmark bundles it), run
   * with plain node as a production backend runs; by default dev/index.ts
   * runs under tsx.
   */
  script?: string;
  /**
   * Modules the backend's process loads before its own code (node --import),
   * given an IPC channel to this process: how a benchmark watches the
   * backend's event loop from inside it.
   */
  preload?: string[];
}

export interface DevBackend {
  /** e.g. http://127.0.0.1:40123/api/sentry-graph */
  baseUrl: string;
  /** The static token (a service principal) every route but /health needs. */
  apiToken: string;
  /** GET or POST a route with the token; throws on a status other than 2xx. */
  call<T = unknown>(route: string, init?: RequestInit): Promise<T>;
  /** Starts a sync and resolves once it ended. */
  syncOnce(): Promise<SyncStatus>;
  /** The backend's process (with an IPC channel when modules were preloaded). */
  child: ChildProcess;
  stop(): Promise<void>;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

const sleep = (ms: number) => new Promise(resolve => setTimeout(resolve, ms));

/** Starts the dev backend on `settings` and resolves once /health answers. */
export async function startDevBackend(
  settings: DevBackendSettings,
  { script, preload = [] }: DevBackendProcessOptions = {},
): Promise<DevBackend> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sentry-graph-backend-'));
  const port = await freePort();
  const apiToken = randomBytes(16).toString('hex');
  const baseUrl = `http://127.0.0.1:${port}/api/sentry-graph`;
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
            { type: 'static', options: { token: apiToken, subject: 'tools' } },
          ],
        },
      },
      auth: { providers: { guest: {} } },
      sentryGraph: {
        sentry: { baseUrl: settings.sentryUrl, token: settings.token },
        neo4j: settings.neo4j,
        schedule: { frequency: { trigger: 'manual' }, timeout: { hours: 2 } },
        manualRunMinimumInterval: { seconds: 0 },
        ...(settings.maxHeapMb === undefined
          ? {}
          : { sync: { maxHeapMb: settings.maxHeapMb } }),
        // The API's own latency, on the Sentry graph alone.
        catalog: { enabled: false },
      },
    }),
  );
  const backend = spawn(
    process.execPath,
    [
      ...(script ? [] : ['--import', 'tsx']),
      ...preload.flatMap(module => ['--import', module]),
      script ?? 'plugins/sentry-graph-backend/dev/index.ts',
      '--config',
      path.join(dir, 'app-config.yaml'),
    ],
    {
      cwd: ROOT,
      stdio: [
        'ignore',
        fs.openSync(path.join(dir, 'backend.log'), 'w'),
        'inherit',
        ...(preload.length > 0 ? ['ipc' as const] : []),
      ],
    },
  );
  const stop = async () => {
    if (backend.exitCode === null) {
      backend.kill('SIGTERM');
      await new Promise(resolve => backend.once('exit', resolve));
    }
    fs.rmSync(dir, { recursive: true, force: true });
  };
  const call = async <T>(route: string, init: RequestInit = {}) => {
    const response = await fetch(`${baseUrl}${route}`, {
      ...init,
      headers: { Authorization: `Bearer ${apiToken}` },
    });
    if (!response.ok)
      throw new Error(
        `${route}: HTTP ${response.status} ${await response.text()}`,
      );
    return (await response.json()) as T;
  };
  try {
    for (let i = 0; ; i++) {
      if (backend.exitCode !== null)
        throw new Error(`the backend exited; see ${dir}/backend.log`);
      if (
        await fetch(`${baseUrl}/health`).then(
          r => r.ok,
          () => false,
        )
      )
        break;
      if (i > 240) throw new Error('the backend did not start in 2 minutes');
      await sleep(500);
    }
  } catch (error) {
    await stop();
    throw error;
  }
  return {
    baseUrl,
    apiToken,
    call,
    child: backend,
    async syncOnce() {
      await call('/sync', { method: 'POST' });
      for (;;) {
        const status = await call<SyncStatus>('/status');
        if (!status.currentRun && status.lastRun) return status;
        await sleep(1000);
      }
    },
    stop,
  };
}

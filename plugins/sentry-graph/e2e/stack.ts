/*
 * The demo stack, started for the browser tests: the Sentry sample server,
 * the dev backend (plugin, auth with the guest provider, permission backend
 * and the demo policy) and the plugin's dev app, with the demo's
 * app-config.yaml and, over it, ports and a history database of their own,
 * against the tests' Neo4j that `npm test` runs.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type {
  RunRecord,
  SyncRequestResponse,
  SyncStatus,
} from '@sentry-graph/plugin-sentry-graph-common';
import type { SampleChange } from '@sentry-graph/sentry-sample-server';
import { testNeo4j, wipeTestNeo4j } from '../src/__testUtils__/testNeo4j';

export const ROOT = path.resolve(__dirname, '../../..');
const PLUGIN = path.resolve(__dirname, '..');
const LOGS = path.join(ROOT, '.cache/e2e');

// Away from the demo's 3000, 7007 and 9100; movable, for two checkouts'
// suites on one machine.
const port = (name: string, fallback: number) =>
  Number(process.env[`SENTRY_GRAPH_E2E_${name}_PORT`] ?? fallback);
const APP_PORT = port('APP', 3100);
const BACKEND_PORT = port('BACKEND', 7107);
const SAMPLE_PORT = port('SAMPLE', 9110);
export const APP_URL = `http://localhost:${APP_PORT}`;
export const API_URL = `http://localhost:${BACKEND_PORT}/api/sentry-graph`;
const SAMPLE_URL = `http://127.0.0.1:${SAMPLE_PORT}`;
const DATABASE_DIR = path.join(ROOT, '.cache/e2e-database');
/** The demo's catalog, for the sample organization the tests' sample server serves. */
const CATALOG_FILE = path.join(LOGS, 'demo-catalog.yaml');

/** The demo's configuration with the tests' ports and database over it. */
function writeConfig(): string[] {
  const file = path.join(LOGS, 'app-config.e2e.yaml');
  fs.mkdirSync(LOGS, { recursive: true });
  // JSON is YAML: Backstage reads it as a config file.
  fs.writeFileSync(
    file,
    JSON.stringify({
      app: { baseUrl: APP_URL },
      backend: {
        baseUrl: `http://localhost:${BACKEND_PORT}`,
        listen: { port: BACKEND_PORT, host: '127.0.0.1' },
        cors: { origin: APP_URL },
        database: { connection: { directory: DATABASE_DIR } },
      },
      // "Sync now" twice in a row is part of the tests.
      sentryGraph: { manualRunMinimumInterval: { seconds: 0 } },
    }),
  );
  return ['--config', path.join(ROOT, 'app-config.yaml'), '--config', file];
}

const sleep = (ms: number) => new Promise(resolve => setTimeout(resolve, ms));

/** Runs `check` until it returns a value, or fails after `timeoutMs` saying what it waited for. */
export async function waitUntil<T>(
  what: string,
  check: () => Promise<T | undefined>,
  timeoutMs: number,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  while (Date.now() < deadline) {
    try {
      const value = await check();
      if (value !== undefined) return value;
    } catch (error) {
      lastError = error;
    }
    await sleep(500);
  }
  throw new Error(
    `Timed out waiting for ${what}${lastError ? `: ${lastError}` : ''}`,
  );
}

function start(
  name: string,
  command: string,
  args: string[],
  options: { cwd: string; env: NodeJS.ProcessEnv },
): ChildProcess {
  fs.mkdirSync(LOGS, { recursive: true });
  const log = fs.openSync(path.join(LOGS, `${name}.log`), 'w');
  // Its own process group, so that stopping it stops the bundler's children too.
  return spawn(command, args, {
    ...options,
    stdio: ['ignore', log, log],
    detached: true,
  });
}

async function stop(child: ChildProcess | undefined): Promise<void> {
  if (!child?.pid || child.exitCode !== null) return;
  const exited = new Promise(resolve => child.once('exit', resolve));
  try {
    process.kill(-child.pid, 'SIGTERM');
  } catch {
    return;
  }
  await Promise.race([exited, sleep(10_000)]);
  try {
    process.kill(-child.pid, 'SIGKILL');
  } catch {
    // already gone
  }
}

export class DemoStack {
  /** The static token scripts call the API with (a service principal). */
  readonly apiToken = randomBytes(24).toString('hex');
  private sampleServer?: ChildProcess;
  private backend?: ChildProcess;
  private app?: ChildProcess;
  /** How long the dev app's first build took, for the README. */
  appBuildMs = 0;
  /** The demo's catalog, as written for this stack. */
  readonly catalogFile = CATALOG_FILE;
  private configArgs: string[] = [];

  private env(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
    return {
      ...process.env,
      DEMO_CATALOG_FILE: CATALOG_FILE,
      SENTRY_BASE_URL: `http://127.0.0.1:${SAMPLE_PORT}`,
      SENTRY_TOKEN: 'sample-token',
      NEO4J_URI: testNeo4j.uri,
      NEO4J_PASSWORD: testNeo4j.password,
      SENTRY_GRAPH_DEMO_API_TOKEN: this.apiToken,
      ...extra,
    };
  }

  /** An API call as the static token's service principal. */
  async api<T>(route: string, init: RequestInit = {}): Promise<T> {
    const response = await fetch(`${API_URL}${route}`, {
      ...init,
      headers: { Authorization: `Bearer ${this.apiToken}` },
    });
    if (!response.ok)
      throw new Error(
        `${route}: HTTP ${response.status} ${await response.text()}`,
      );
    return (await response.json()) as T;
  }

  /**
   * Switches the sample server to its day after (POST /__sample/day-after):
   * a member made owner, 2FA lost, a member invited and one removed, a rule
   * disabled and one deleted, a project left without a team. Answers with
   * the changes made.
   */
  async dayAfter(organization: string): Promise<SampleChange[]> {
    const response = await fetch(`${SAMPLE_URL}/__sample/day-after`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ organization }),
    });
    if (!response.ok)
      throw new Error(
        `the day after: HTTP ${response.status} ${await response.text()}`,
      );
    return ((await response.json()) as { changes: SampleChange[] }).changes;
  }

  /**
   * A full sync through the API, once no run is on (the schedule may have
   * started one), waited for until it ended.
   */
  async syncAndWait(): Promise<RunRecord> {
    const runId = await waitUntil(
      'a sync to be accepted',
      async () => {
        const status = await this.api<SyncStatus>('/status');
        if (status.currentRun) return undefined;
        return (
          await this.api<SyncRequestResponse>('/sync', { method: 'POST' })
        ).runId;
      },
      300_000,
    );
    return waitUntil(
      `run ${runId} to end`,
      async () => {
        const run = await this.api<RunRecord>(`/runs/${runId}`);
        return run.status === 'queued' || run.status === 'running'
          ? undefined
          : run;
      },
      300_000,
    );
  }

  async start(): Promise<void> {
    // Never test against whatever else listens on these ports: the demo's
    // own check says which one is taken, and fails the run.
    execFileSync(
      process.execPath,
      [
        '--import',
        'tsx',
        'plugins/sentry-graph-backend/dev/demo.ts',
        'check-ports',
        `the browser tests' dev app=${APP_PORT}`,
        `the browser tests' backend=${BACKEND_PORT}`,
        `the browser tests' sample server=${SAMPLE_PORT}`,
      ],
      { cwd: ROOT, stdio: 'inherit' },
    );
    // The tests' Neo4j holds what the Jest tests left: start from an empty graph.
    await wipeTestNeo4j();
    execFileSync(
      process.execPath,
      [
        '--import',
        'tsx',
        'plugins/sentry-graph-backend/dev/demoCatalog.ts',
        CATALOG_FILE,
        '--preset',
        'M',
      ],
      { cwd: ROOT, stdio: 'inherit' },
    );
    this.configArgs = writeConfig();
    fs.rmSync(DATABASE_DIR, {
      recursive: true,
      force: true,
    });
    this.sampleServer = start(
      'sample-server',
      process.execPath,
      [
        '--import',
        'tsx',
        'packages/sentry-sample-server/src/cli.ts',
        '--preset',
        'M',
        '--port',
        String(SAMPLE_PORT),
      ],
      { cwd: ROOT, env: this.env() },
    );
    const appStarted = Date.now();
    this.app = start(
      'app',
      path.join(ROOT, 'node_modules/.bin/backstage-cli'),
      ['package', 'start', ...this.configArgs],
      { cwd: PLUGIN, env: this.env({ BROWSER: 'none' }) },
    );
    await this.startBackend();
    await waitUntil(
      'the dev app to build',
      async () =>
        (await fetch(`${APP_URL}/sentry-graph`)).ok ? true : undefined,
      300_000,
    );
    this.appBuildMs = Date.now() - appStarted;
  }

  /** Starts the backend (again), e.g. with a different guest user in `env` (APP_CONFIG_… variables). */
  async startBackend(env: NodeJS.ProcessEnv = {}): Promise<void> {
    await stop(this.backend);
    this.backend = start(
      'backend',
      process.execPath,
      [
        '--import',
        'tsx',
        'plugins/sentry-graph-backend/dev/index.ts',
        ...this.configArgs,
      ],
      { cwd: ROOT, env: this.env(env) },
    );
    await waitUntil(
      'the backend to answer',
      async () => ((await fetch(`${API_URL}/health`)).ok ? true : undefined),
      120_000,
    );
  }

  async stop(): Promise<void> {
    await Promise.all([
      stop(this.app),
      stop(this.backend),
      stop(this.sampleServer),
    ]);
  }
}

/*
 * The app's backend, started the way the app's scripts start it
 * (`yarn workspace backend start`), as Backstage's own e2e test does: up
 * once it logs "Plugin initialization complete", with nothing on stderr
 * but Node's known deprecation notices.
 */
import fs from 'node:fs';
import { LOCAL_CONFIG } from './app';
import { start, stop, tail, type Started } from './processes';
import { APP_DIR } from './settings';
import { sleep, waitFor } from './wait';

/** Lines on stderr that say nothing about the app (Node's own notices). */
const HARMLESS_STDERR = [
  /DeprecationWarning: The `punycode` module is deprecated/,
  /\(Use `node --trace-deprecation \.\.\.` to show where the warning was created\)/,
  /\(Use `node --trace-warnings \.\.\.` to show where the warning was created\)/,
];

// eslint-disable-next-line no-control-regex
const plain = (text: string) => text.replace(/\u001b\[[0-9;]*m/g, '');

export function unexpectedStderr(stderr: string): string[] {
  return plain(stderr)
    .split('\n')
    .map(line => line.trimEnd())
    .filter(
      line => line && !HARMLESS_STDERR.some(pattern => pattern.test(line)),
    );
}

/**
 * The backend's error log lines. Its logger writes to stdout, and a plugin
 * that fails at startup is logged there (after "Plugin initialization
 * complete, newly initialized: ..." for the others), with nothing on stderr.
 */
export function errorLines(stdout: string): string[] {
  return plain(stdout)
    .split('\n')
    .filter(
      line =>
        /^\S+ \S+ error /.test(line) || line.includes('Backend startup failed'),
    );
}

/** What the plugin logged at startup (its own log lines), for the report. */
export function pluginLines(stdout: string): string[] {
  return plain(stdout)
    .split('\n')
    .filter(
      line =>
        /^\S+ sentry-graph (info|warn) /.test(line) &&
        !line.includes('isAuditEvent'),
    )
    .map(line => line.replace(/^\S+ /, ''));
}

const READY = 'Plugin initialization complete';

export async function startBackend(
  env: NodeJS.ProcessEnv,
  baseUrl: string,
): Promise<Started> {
  const p = start('backend', 'yarn', ['workspace', 'backend', 'start'], {
    cwd: APP_DIR,
    env,
  });
  try {
    const failure = () => {
      const lines = unexpectedStderr(p.stderr());
      if (lines.length > 0)
        return `stderr is not clean:\n${lines.slice(0, 40).join('\n')}`;
      const errors = errorLines(p.stdout());
      if (errors.length > 0)
        return `the backend logged errors:\n${errors
          .slice(0, 20)
          .map(l => l.slice(0, 600))
          .join('\n')}`;
      if (p.done()) return `the backend exited:\n${tail(p)}`;
      return undefined;
    };
    await waitFor(
      `"${READY}"`,
      () => (p.stdout().includes(READY) ? true : undefined),
      { timeoutMs: 5 * 60_000, failure },
    );
    // Whatever it prints right after.
    await sleep(2000);
    const late = failure();
    if (late) throw new Error(late);
    const health = await fetch(`${baseUrl}/api/sentry-graph/health`);
    if (!health.ok)
      throw new Error(
        `GET /api/sentry-graph/health: HTTP ${health.status} ${await health.text()}`,
      );
    return p;
  } catch (error) {
    await stop(p);
    throw error;
  }
}

/** What the backend's output said about a config key: the lines naming it. */
export interface StartupFailure {
  lines: string[];
  output: string;
}

/**
 * Starts the backend with `badConfig` as app-config.local.yaml (the good
 * one is put back afterwards), expects it not to come up, and returns the
 * lines of its output that name `key`. In development the backend's
 * process stays alive after a failed start (it waits for a change), so it
 * is stopped once the failure is logged.
 */
export async function startWithBadConfig(
  env: NodeJS.ProcessEnv,
  baseUrl: string,
  badConfig: string,
  key: string,
): Promise<StartupFailure> {
  const good = fs.readFileSync(LOCAL_CONFIG, 'utf8');
  fs.writeFileSync(LOCAL_CONFIG, badConfig);
  const p = start(
    'backend-bad-config',
    'yarn',
    ['workspace', 'backend', 'start'],
    {
      cwd: APP_DIR,
      env,
    },
  );
  try {
    const output = () => plain(p.stdout() + p.stderr());
    const outcome = await waitFor(
      `the backend to fail on ${key}`,
      async () => {
        if (
          output().includes(key) ||
          output().includes('Backend startup failed') ||
          p.done()
        )
          return 'failed';
        // Up despite the bad value: the plugin answers.
        const health = await fetch(`${baseUrl}/api/sentry-graph/health`).catch(
          () => undefined,
        );
        return health?.ok ? 'started' : undefined;
      },
      { timeoutMs: 4 * 60_000, intervalMs: 1000 },
    );
    if (outcome === 'started')
      throw new Error(`the backend started despite the bad ${key}`);
    // The rest of the error (the cause, the stack) a moment later.
    await sleep(1500);
    const text = output();
    return {
      output: text,
      lines: text.split('\n').filter(line => line.includes(key)),
    };
  } finally {
    await stop(p);
    fs.writeFileSync(LOCAL_CONFIG, good);
  }
}

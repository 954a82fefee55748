/*
 * Yarn for the fresh app. The machine has none on PATH (create-app refuses
 * to run without one), so the npm package @yarnpkg/cli-dist, pinned, is
 * installed once under .cache/install-test/yarn/ and put on PATH as `yarn`
 * by a shim. In the app, its .yarnrc.yml's yarnPath (the Yarn release that
 * create-app ships) then takes over, as it would for an operator.
 */
import fs from 'node:fs';
import path from 'node:path';
import { run } from './processes';
import { NODE_DIR, YARN_CLI, YARN_DIR, YARN_GLOBAL_FOLDER } from './settings';

const CLI_PACKAGE = path.join(YARN_DIR, 'node_modules/@yarnpkg/cli-dist');
const SHIM_DIR = path.join(YARN_DIR, 'bin');

/** Installs the pinned cli-dist when missing and writes the `yarn` shim; returns the shim's folder. */
export async function ensureYarn(): Promise<string> {
  const version = YARN_CLI.slice(YARN_CLI.lastIndexOf('@') + 1);
  const installed = (() => {
    try {
      return JSON.parse(
        fs.readFileSync(path.join(CLI_PACKAGE, 'package.json'), 'utf8'),
      ).version as string;
    } catch {
      return undefined;
    }
  })();
  if (installed !== version) {
    fs.mkdirSync(YARN_DIR, { recursive: true });
    await run(
      'yarn-cli-install',
      'npm',
      [
        'install',
        '--prefix',
        YARN_DIR,
        '--no-save',
        '--no-audit',
        '--no-fund',
        '--loglevel=error',
        YARN_CLI,
      ],
      { cwd: YARN_DIR, env: cleanEnv(), timeoutMs: 180_000 },
    );
  }
  fs.mkdirSync(SHIM_DIR, { recursive: true });
  const shim = path.join(SHIM_DIR, 'yarn');
  // The project's Node 22 runs it, whatever node comes first on PATH.
  fs.writeFileSync(
    shim,
    `#!/bin/sh\nexec "${process.execPath}" "${path.join(CLI_PACKAGE, 'bin/yarn.js')}" "$@"\n`,
    { mode: 0o755 },
  );
  return SHIM_DIR;
}

/**
 * The environment of a plain shell: without the npm_* variables that
 * `npm test` passes down (the CLI tools read some of them, e.g. to tell which
 * package manager runs them).
 */
export function cleanEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (/^npm_/i.test(key) || key === 'INIT_CWD') continue;
    env[key] = value;
  }
  return { ...env, ...extra };
}

/** What every command in the app runs with: the shim and Node 22 first on PATH, Yarn's cache under .cache/. */
export function appEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  return cleanEnv({
    PATH: [SHIM_DIR, path.dirname(process.execPath), process.env.PATH].join(
      path.delimiter,
    ),
    // One cache for every run (enableGlobalCache is Yarn 4's default; said here so it stays).
    YARN_GLOBAL_FOLDER,
    YARN_ENABLE_GLOBAL_CACHE: 'true',
    // There is no lockfile to keep: the app is fresh (CI=true would make installs immutable).
    YARN_ENABLE_IMMUTABLE_INSTALLS: 'false',
    YARN_ENABLE_TELEMETRY: '0',
    YARN_ENABLE_PROGRESS_BARS: 'false',
    // better-sqlite3 has no prebuilt binary reachable here; node-gyp builds it
    // against Node 22's own headers instead of downloading them.
    npm_config_nodedir: NODE_DIR,
    ...extra,
  });
}

/**
 * Drops the Yarn cache's entries of earlier @sentry-graph tarballs before
 * the tarballs are added. (Yarn keys a file: tarball by a hash of its
 * content, so a rebuilt one is read again anyway; without this the cache
 * would keep one copy of each build.)
 */
export function forgetCachedTarballs(): string[] {
  const cache = path.join(YARN_GLOBAL_FOLDER, 'cache');
  if (!fs.existsSync(cache)) return [];
  const removed = fs
    .readdirSync(cache)
    .filter(file => file.startsWith('@sentry-graph-'));
  for (const file of removed)
    fs.rmSync(path.join(cache, file), { force: true });
  return removed;
}

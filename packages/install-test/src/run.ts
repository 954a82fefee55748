/*
 * "Proven in a fresh app": the packed plugins installed into an app that
 * the pinned create-app writes, the way an operator installs them, after
 * the approach of Backstage's own packages/e2e-test: create the app with
 * resolutions pointing at the packed packages, install, type-check, build,
 * start the backend and wait for "Plugin initialization complete" with a
 * clean stderr; then a sync, and the card in Chromium.
 *
 *   scripts/node22.sh node_modules/.bin/tsx packages/install-test/src/run.ts [--skip-pack] [--reuse-app]
 *
 *   --skip-pack   take the newest tarballs in packs/ instead of running `npm run pack`
 *   --reuse-app   keep the previous run's app and its node_modules (no create-app; the
 *                 install runs over them): for working on the later checks only; the
 *                 report marks create-app skipped
 *
 * Writes .cache/install-results.json (Jest-like, see checks.ts), logs in
 * .cache/install-test/logs/, the screenshot in
 * ${SENTRY_GRAPH_SCREENSHOT_DIR:-.cache/screenshots}/installed.png. Stops
 * every process it started when it ends, also on a failure or Ctrl-C.
 * Exits 1 when a check failed.
 */
import { randomBytes } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import {
  BackendApi,
  syncAndWait,
  waitForExampleComponent,
  type SyncOutcome,
} from './api';
import {
  addTarballs,
  BACKEND_LINE,
  configureApp,
  createApp,
  installedBackstageVersions,
  localConfig,
  moveOldAppAside,
  deleteOldApps,
  TOKEN_VARIABLE,
  yarn,
  type AppSettings,
} from './app';
import { pluginLines, startBackend, startWithBadConfig } from './backend';
import { Checks } from './checks';
import { backstageImports, findCopies } from './duplicates';
import { pinForTheRelease } from './pins';
import { killAllNow, run, stop, stopAll, type Started } from './processes';
import {
  ensureTestNeo4j,
  firstProject,
  freePort,
  startSampleServer,
  stopTestNeo4j,
  wipeTestNeo4j,
  type SampleServer,
} from './servers';
import {
  APP_DIR,
  BROWSER_RESULTS_FILE,
  CREATE_APP,
  EXAMPLE_COMPONENT,
  EXAMPLE_ORGANIZATION,
  NEO4J,
  RESULTS_FILE,
  ROOT,
  SCREENSHOT_DIR,
  SENTRY_TOKEN,
  YARN_CLI,
  seconds,
} from './settings';
import { findTarballs, pack, type Tarballs } from './tarballs';
import { appEnv, ensureYarn, forgetCachedTarballs } from './yarn';

const { values: options } = parseArgs({
  options: {
    'skip-pack': { type: 'boolean', default: false },
    'reuse-app': { type: 'boolean', default: false },
  },
});

const checks = new Checks();
const token = randomBytes(24).toString('hex');
let sampleServer: SampleServer | undefined;
let backend: Started | undefined;
let neo4jStartedHere = false;
/** The previous run's app, moved aside and deleted in the background once the heavy work is done. */
let oldAppsDeleted: Promise<void> | undefined;

function startDeletingOldApps(): void {
  if (oldAppsDeleted) return;
  const started = Date.now();
  oldAppsDeleted = deleteOldApps().then(
    deleted => {
      if (deleted)
        process.stdout.write(
          `[install-test] the previous app was deleted in the background in ${seconds(Date.now() - started)}\n`,
        );
    },
    error => {
      process.stdout.write(
        `[install-test] the previous app could not be deleted: ${error}\n`,
      );
    },
  );
}

async function cleanUp(): Promise<void> {
  if (backend) await stop(backend);
  if (sampleServer) await stop(sampleServer.process);
  await stopAll();
  if (neo4jStartedHere) await stopTestNeo4j().catch(() => undefined);
  startDeletingOldApps();
  await oldAppsDeleted;
}

process.on('exit', killAllNow);
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    process.stdout.write(
      `[install-test] ${signal}: stopping what the step started\n`,
    );
    cleanUp().finally(() => process.exit(signal === 'SIGINT' ? 130 : 143));
  });
}

async function main(): Promise<number> {
  let tarballs: Tarballs | undefined;
  let settings: AppSettings | undefined;
  let sync: SyncOutcome | undefined;
  const env = () =>
    appEnv({
      [TOKEN_VARIABLE]: token,
      SENTRY_TOKEN,
      NEO4J_PASSWORD: NEO4J.password,
    });

  await checks.run(
    'pack',
    '`npm run pack` writes the three tarballs into packs/',
    [],
    async () => {
      tarballs = options['skip-pack'] ? findTarballs() : await pack();
      return Object.values(tarballs).map(
        t =>
          `${path.relative(ROOT, t.file)}: ${t.manifest.name}@${t.manifest.version}`,
      );
    },
  );

  await checks.run(
    'yarn',
    `yarn on PATH: ${YARN_CLI} through a shim`,
    [],
    async () => {
      await ensureYarn();
    },
  );

  const reuse =
    options['reuse-app'] && fs.existsSync(path.join(APP_DIR, 'node_modules'));
  if (reuse) {
    checks.add({
      id: 'create',
      title: `create-app (${CREATE_APP})`,
      status: 'pending',
      duration: 0,
      failureMessages: [],
      details: ["--reuse-app: the previous run's app"],
    });
  } else {
    await checks.run(
      'create',
      `create-app: npx ${CREATE_APP} --skip-install (no yarn.lock seed)`,
      ['yarn'],
      async () => {
        moveOldAppAside();
        return createApp();
      },
    );
  }

  await checks.run(
    'install',
    `the app's \`yarn install\` (its own Yarn, cache in .cache/)${reuse ? ", over the previous run's node_modules" : ''}`,
    [reuse ? 'yarn' : 'create'],
    async () => {
      const pins = pinForTheRelease();
      checks.facts.pins = pins;
      await yarn('yarn-install', ['install'], { timeoutMs: 20 * 60_000 });
      return pins.map(
        pin =>
          `pinned ${pin.name} ${pin.from} -> ${pin.to} in ${pin.workspace}: ${pin.why}`,
      );
    },
  );

  await checks.run(
    'add',
    '`yarn --cwd packages/backend add` and `yarn --cwd packages/app add` the tarballs, with root resolutions',
    ['pack', 'install'],
    async () => {
      const forgotten = forgetCachedTarballs();
      await addTarballs(tarballs!);
      const versions = installedBackstageVersions();
      checks.facts.backstageVersions = versions;
      const release = JSON.parse(
        fs.readFileSync(path.join(APP_DIR, 'backstage.json'), 'utf8'),
      ).version;
      const shown = [
        'backend-defaults',
        'backend-plugin-api',
        'cli',
        'frontend-defaults',
        'frontend-plugin-api',
        'plugin-catalog',
        'plugin-catalog-react',
        'plugin-catalog-node',
        'core-compat-api',
        'ui',
      ];
      return [
        ...(forgotten.length
          ? [
              `dropped ${forgotten.length} earlier @sentry-graph tarball(s) from Yarn's cache`,
            ]
          : []),
        `the app's backstage.json says ${release}; it runs ${Object.keys(versions).length} @backstage packages, among them ` +
          shown
            .map(name => `${name} ${versions[`@backstage/${name}`] ?? '-'}`)
            .join(', ') +
          ` (all in ${path.relative(ROOT, RESULTS_FILE)}, facts.backstageVersions)`,
      ];
    },
  );

  await checks.run(
    'copies',
    'one copy of each @backstage package the three plugins depend on',
    ['add'],
    async () => {
      const wanted = backstageImports(tarballs!);
      const copies = findCopies(APP_DIR, new Set(wanted.keys()));
      const absent = [...wanted.keys()].filter(name => !copies.has(name));
      const doubled = [...copies].filter(([, found]) => found.length > 1);
      if (absent.length > 0 || doubled.length > 0) {
        throw new Error(
          [
            ...absent.map(
              name =>
                `${name}: not installed (asked for by ${wanted.get(name)!.join(', ')})`,
            ),
            ...doubled.map(
              ([name, found]) =>
                `${name}: ${found.length} copies: ${found.map(c => `${c.version} in ${c.where}`).join('; ')} ` +
                `(the plugins ask for ${wanted.get(name)!.join(', ')})`,
            ),
          ].join('\n'),
        );
      }
      return [
        `${wanted.size} packages, one copy each: ${[...copies].map(([n, [c]]) => `${n.slice('@backstage/'.length)} ${c.version}`).join(', ')}`,
      ];
    },
  );

  await checks.run(
    'servers',
    "the sample server (preset S) on a free port, and the tests' Neo4j",
    [],
    async () => {
      const neo4j = await ensureTestNeo4j();
      neo4jStartedHere = neo4j.startedHere;
      await wipeTestNeo4j(neo4j.uri);
      sampleServer = await startSampleServer();
      return [
        `Neo4j ${neo4j.uri} (${neo4j.startedHere ? 'started by this step' : 'already running'}), emptied`,
        `sample server ${sampleServer.url}`,
      ];
    },
  );

  await checks.run(
    'configure',
    `the app configured: ${BACKEND_LINE} in packages/backend/src/index.ts, sentryGraph in app-config.local.yaml, ${EXAMPLE_COMPONENT} annotated`,
    ['add', 'servers'],
    async () => {
      const project = await firstProject(
        sampleServer!.url,
        EXAMPLE_ORGANIZATION,
      );
      settings = {
        backendPort: await freePort(),
        sampleServerUrl: sampleServer!.url,
        projectRef: `${EXAMPLE_ORGANIZATION}/${project}`,
      };
      configureApp(settings);
      return [
        `backend on http://127.0.0.1:${settings.backendPort}, ${EXAMPLE_COMPONENT} -> sentry.io/project-slug: ${settings.projectRef}`,
      ];
    },
  );

  await checks.run(
    'tsc',
    "the app's `yarn tsc` passes",
    ['configure'],
    async () => {
      await yarn('yarn-tsc', ['tsc'], { timeoutMs: 10 * 60_000, env: env() });
    },
  );

  await checks.run(
    'build',
    "the app's `yarn workspace app build` (the card with it)",
    ['configure'],
    async () => {
      await yarn('yarn-build-app', ['workspace', 'app', 'build'], {
        timeoutMs: 10 * 60_000,
        env: env(),
      });
      if (!fs.existsSync(path.join(APP_DIR, 'packages/app/dist/index.html')))
        throw new Error('the build wrote no packages/app/dist/index.html');
    },
  );

  // The install and the build are done: the rest mostly waits, and can
  // share the machine with deleting the previous run's app.
  startDeletingOldApps();

  // A backend that does not start must say what to fix: the key, and the file.
  for (const bad of [
    {
      id: 'no-section',
      title:
        'without a sentryGraph section the backend does not start, and names the key and a config file',
      variant: 'no-section' as const,
      // Backstage's own message for a missing value: "Missing required config value at 'sentryGraph' in '<file>'".
      key: "'sentryGraph'",
      file: /app-config(\.local)?\.yaml/,
    },
    {
      id: 'bad-uri',
      title:
        'with a bad sentryGraph.neo4j.uri in app-config.local.yaml the backend does not start, and names the key and the file',
      variant: 'bad-neo4j-uri' as const,
      key: 'sentryGraph.neo4j.uri',
      file: /app-config\.local\.yaml/,
    },
  ]) {
    await checks.run(bad.id, bad.title, ['configure'], async () => {
      const failure = await startWithBadConfig(
        env(),
        `http://127.0.0.1:${settings!.backendPort}`,
        localConfig(settings!, bad.variant),
        bad.key,
      );
      if (failure.lines.length === 0)
        throw new Error(
          `the backend's output never names ${bad.key}; its end:\n${failure.output.split('\n').slice(-20).join('\n')}`,
        );
      const named = failure.lines.find(line => bad.file.test(line));
      if (!named) {
        throw new Error(
          `the backend's message names ${bad.key} but no file (${bad.file.source}):\n` +
            failure.lines.map(line => line.trim().slice(0, 400)).join('\n'),
        );
      }
      return [named.trim().slice(0, 400)];
    });
  }

  await checks.run(
    'backend',
    'the backend starts (`yarn workspace backend start`): "Plugin initialization complete", stderr clean',
    ['configure'],
    async () => {
      const baseUrl = `http://127.0.0.1:${settings!.backendPort}`;
      const started = Date.now();
      backend = await startBackend(env(), baseUrl);
      // app-backend looks for the built app once, when it starts (in
      // development it serves nothing, silently, if there is none): hence
      // the build first.
      const serving = backend
        .stdout()
        .includes('Serving static app content from');
      if (checks.passed('build') && !serving)
        throw new Error(
          'app-backend does not serve the built app (no "Serving static app content from" in its log)',
        );
      return [
        ...(serving
          ? ['app-backend serves the built app (packages/app/dist)']
          : []),
        `up ${seconds(Date.now() - started)} after \`yarn workspace backend start\`; the plugin logged:`,
        ...pluginLines(backend.stdout()).map(line => `  ${line.slice(0, 200)}`),
      ];
    },
  );

  await checks.run(
    'sync',
    'a sync through POST /api/sentry-graph/sync; /status says succeeded',
    ['backend'],
    async () => {
      const api = new BackendApi(
        `http://127.0.0.1:${settings!.backendPort}`,
        token,
      );
      await waitForExampleComponent(api);
      sync = await syncAndWait(api);
      const totals = sync.run.totals;
      return [
        `run ${sync.run.id}: ${sync.run.status}${totals ? `, ${JSON.stringify(totals)}` : ''}`,
        ...sync.summary.organizations.map(
          o =>
            `${o.organization.slug}: ${Object.entries(o.nodes)
              .map(([label, n]) => `${label} ${n}`)
              .join(', ')}`,
        ),
      ];
    },
  );

  await browserChecks(settings, sync);

  return checks.results.some(r => r.status === 'failed') ? 1 : 0;
}

/** The Playwright spec (src/browser/installed.spec.ts); each of its tests is one check. */
async function browserChecks(
  settings: AppSettings | undefined,
  sync: SyncOutcome | undefined,
): Promise<void> {
  const titles = [
    "the app's /sentry-graph page shows the sync's counts",
    `${EXAMPLE_COMPONENT}'s entity page shows the Sentry project card`,
  ];
  const blocked = ['build', 'sync'].filter(id => !checks.passed(id));
  if (blocked.length > 0 || !settings || !sync) {
    for (const title of titles)
      checks.add({
        id: 'browser',
        title: `browser: ${title}`,
        status: 'pending',
        duration: 0,
        failureMessages: [],
        details: [`skipped: needs ${blocked.join(', ')}`],
      });
    process.stdout.write(
      `[install-test] - browser checks: skipped (needs ${blocked.join(', ')})\n`,
    );
    return;
  }
  const chromium =
    process.env.CHROMIUM_PATH ||
    execFileSync('bash', [path.join(ROOT, 'scripts/chromium.sh')], {
      encoding: 'utf8',
    }).trim();
  fs.rmSync(BROWSER_RESULTS_FILE, { force: true });
  const started = Date.now();
  process.stdout.write(
    '[install-test] browser checks (Playwright, Chromium) ...\n',
  );
  let runError: unknown;
  try {
    await run(
      'playwright',
      path.join(ROOT, 'node_modules/.bin/playwright'),
      ['test', '-c', 'packages/install-test/playwright.config.ts'],
      {
        cwd: ROOT,
        timeoutMs: 10 * 60_000,
        env: {
          ...process.env,
          CI: 'true',
          CHROMIUM_PATH: chromium,
          INSTALL_TEST_APP_URL: `http://127.0.0.1:${settings.backendPort}`,
          INSTALL_TEST_RUN_ID: sync.run.id,
          INSTALL_TEST_COMPONENT: EXAMPLE_COMPONENT,
          INSTALL_TEST_PROJECT: settings.projectRef,
          INSTALL_TEST_SCREENSHOT: path.join(SCREENSHOT_DIR, 'installed.png'),
          [TOKEN_VARIABLE]: token,
        },
      },
    );
  } catch (error) {
    runError = error;
  }
  process.stdout.write(
    `[install-test] the Playwright run took ${seconds(Date.now() - started)} in all\n`,
  );
  const tests = readPlaywrightTests();
  for (const test of tests) {
    checks.add({
      id: 'browser',
      title: `browser: ${test.title}`,
      status: test.status,
      duration: test.duration,
      failureMessages: test.errors,
      details: [],
    });
    const mark =
      test.status === 'passed' ? '✔' : test.status === 'failed' ? '✘' : '-';
    process.stdout.write(
      `[install-test] ${mark} browser: ${test.title}: ${seconds(test.duration)}\n`,
    );
    for (const error of test.errors)
      process.stdout.write(`${error.replace(/^/gm, '    ')}\n`);
  }
  if (tests.length === 0) {
    const message =
      runError instanceof Error
        ? runError.message
        : 'Playwright wrote no report';
    checks.add({
      id: 'browser',
      title: 'browser: the Playwright run',
      status: 'failed',
      duration: Date.now() - started,
      failureMessages: [message],
      details: [],
    });
    process.stdout.write(
      `[install-test] ✘ browser: the Playwright run failed\n${message.replace(/^/gm, '    ')}\n`,
    );
  }
}

interface PlaywrightTest {
  title: string;
  status: 'passed' | 'failed' | 'pending';
  duration: number;
  errors: string[];
}

/** The tests of Playwright's JSON report, flattened. */
function readPlaywrightTests(): PlaywrightTest[] {
  let report: any;
  try {
    report = JSON.parse(fs.readFileSync(BROWSER_RESULTS_FILE, 'utf8'));
  } catch {
    return [];
  }
  const tests: PlaywrightTest[] = [];
  const visit = (suite: any) => {
    for (const spec of suite.specs ?? []) {
      for (const test of spec.tests ?? []) {
        const results: any[] = test.results ?? [];
        const status =
          test.status === 'expected' || test.status === 'flaky'
            ? 'passed'
            : test.status === 'skipped'
              ? 'pending'
              : 'failed';
        tests.push({
          title: spec.title,
          status,
          duration: results.reduce((sum, r) => sum + (r.duration ?? 0), 0),
          // eslint-disable-next-line no-control-regex
          errors: results.flatMap(r =>
            (r.errors ?? []).map((e: any) =>
              String(e.message ?? e).replace(/\u001b\[[0-9;]*m/g, ''),
            ),
          ),
        });
      }
    }
    for (const child of suite.suites ?? []) visit(child);
  };
  for (const suite of report.suites ?? []) visit(suite);
  return tests;
}

main()
  .catch(error => {
    process.stdout.write(
      `[install-test] ${error instanceof Error ? error.stack : error}\n`,
    );
    return 1;
  })
  .then(async code => {
    await cleanUp();
    checks.write();
    process.stdout.write(
      `[install-test] proven in a fresh app:\n${checks.summary()}\n`,
    );
    process.exit(code);
  });

/*
 * The first phase of the step, one check each: the app prepared the way an
 * operator prepares one. The tarballs packed, Yarn on PATH, the app created
 * and installed, the tarballs added, one copy of each @backstage package,
 * the sample server and Neo4j up, the app configured, type-checked and
 * built. What a check finds for a later one goes into the run's state.
 */
import fs from 'node:fs';
import path from 'node:path';
import {
  addTarballs,
  BACKEND_LINE,
  configureApp,
  createApp,
  installedBackstageVersions,
  moveOldAppAside,
  yarn,
  type AppSettings,
} from '../app';
import { backstageImports, findCopies } from '../duplicates';
import { pinForTheRelease } from '../pins';
import { appConfigEnv, type RunState } from '../runState';
import {
  ensureTestNeo4j,
  firstProject,
  freePort,
  startSampleServer,
  wipeTestNeo4j,
} from '../servers';
import {
  APP_DIR,
  CREATE_APP,
  EXAMPLE_COMPONENT,
  EXAMPLE_ORGANIZATION,
  RESULTS_FILE,
  ROOT,
  YARN_CLI,
} from '../settings';
import { findTarballs, pack } from '../tarballs';
import { ensureYarn, forgetCachedTarballs } from '../yarn';

export async function preparationChecks(state: RunState): Promise<void> {
  const { checks, options } = state;

  await checks.run(
    'pack',
    '`npm run pack` writes the three tarballs into packs/',
    [],
    async () => {
      state.tarballs = options.skipPack ? findTarballs() : await pack();
      return Object.values(state.tarballs).map(
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
    options.reuseApp && fs.existsSync(path.join(APP_DIR, 'node_modules'));
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
      await addTarballs(state.tarballs!);
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
        `the app's backstage.json says ${release}; it runs ${
          Object.keys(versions).length
        } @backstage packages, among them ${shown
          .map(name => `${name} ${versions[`@backstage/${name}`] ?? '-'}`)
          .join(', ')} (all in ${path.relative(
          ROOT,
          RESULTS_FILE,
        )}, facts.backstageVersions)`,
      ];
    },
  );

  await checks.run(
    'copies',
    'one copy of each @backstage package the three plugins depend on',
    ['add'],
    async () => {
      const wanted = backstageImports(state.tarballs!);
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
      state.neo4jStartedHere = neo4j.startedHere;
      await wipeTestNeo4j(neo4j.uri);
      state.sampleServer = await startSampleServer();
      return [
        `Neo4j ${neo4j.uri} (${neo4j.startedHere ? 'started by this step' : 'already running'}), emptied`,
        `sample server ${state.sampleServer.url}`,
      ];
    },
  );

  await checks.run(
    'configure',
    `the app configured: ${BACKEND_LINE} in packages/backend/src/index.ts, sentryGraph in app-config.local.yaml, ${EXAMPLE_COMPONENT} annotated`,
    ['add', 'servers'],
    async () => {
      const sampleServer = state.sampleServer!;
      const project = await firstProject(
        sampleServer.url,
        EXAMPLE_ORGANIZATION,
      );
      const settings: AppSettings = {
        backendPort: await freePort(),
        sampleServerUrl: sampleServer.url,
        projectRef: `${EXAMPLE_ORGANIZATION}/${project}`,
      };
      state.settings = settings;
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
      await yarn('yarn-tsc', ['tsc'], {
        timeoutMs: 10 * 60_000,
        env: appConfigEnv(state),
      });
    },
  );

  await checks.run(
    'build',
    "the app's `yarn workspace app build` (the card with it)",
    ['configure'],
    async () => {
      await yarn('yarn-build-app', ['workspace', 'app', 'build'], {
        timeoutMs: 10 * 60_000,
        env: appConfigEnv(state),
      });
      if (!fs.existsSync(path.join(APP_DIR, 'packages/app/dist/index.html')))
        throw new Error('the build wrote no packages/app/dist/index.html');
    },
  );
}

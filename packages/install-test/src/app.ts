/*
 * The fresh app: created by the pinned create-app, installed with its own
 * Yarn, the tarballs added as an operator would, and configured: the
 * backend plugin in packages/backend/src/index.ts, the sentryGraph section
 * and the ports in app-config.local.yaml, and the example component joined
 * to a Sentry project of the sample server.
 */
import fs from 'node:fs';
import path from 'node:path';
import { run, type Started } from './processes';
import {
  APP_DIR,
  APP_NAME,
  CREATE_APP,
  EXAMPLE_COMPONENT,
  NEO4J,
  PACKAGES,
  WORK,
  type PackageKey,
} from './settings';
import type { Tarballs } from './tarballs';
import { appEnv } from './yarn';

const appFile = (...parts: string[]) => path.join(APP_DIR, ...parts);
const readJson = (file: string) => JSON.parse(fs.readFileSync(file, 'utf8'));
const writeJson = (file: string, value: unknown) =>
  fs.writeFileSync(file, `${JSON.stringify(value, null, 2)}\n`);

/** Moves the previous run's app aside (a rename: instant), for deleteOldApps(). */
export function moveOldAppAside(): void {
  if (fs.existsSync(APP_DIR))
    fs.renameSync(APP_DIR, path.join(WORK, `old-app-${Date.now()}`));
}

/**
 * Deletes the apps moved aside, in this process, in the background: a
 * node_modules of 2 GB takes half a minute or more to delete on this
 * machine, time that the step's lighter waits (the backend, the sync, the
 * browser) can overlap. Resolves to whether there was any.
 */
export function deleteOldApps(): Promise<boolean> {
  if (!fs.existsSync(WORK)) return Promise.resolve(false);
  const old = fs.readdirSync(WORK).filter(name => name.startsWith('old-app-'));
  return Promise.all(
    old.map(name =>
      fs.promises.rm(path.join(WORK, name), { recursive: true, force: true }),
    ),
  ).then(() => old.length > 0);
}

/** `npx @backstage/create-app@<pinned> --skip-install`, named by BACKSTAGE_APP_NAME (no prompt). */
export async function createApp(): Promise<string[]> {
  fs.mkdirSync(WORK, { recursive: true });
  const p = await run(
    'create-app',
    'npx',
    ['--yes', CREATE_APP, '--skip-install'],
    {
      cwd: WORK,
      env: appEnv({ BACKSTAGE_APP_NAME: APP_NAME }),
      timeoutMs: 5 * 60_000,
    },
  );
  for (const file of [
    'package.json',
    '.yarnrc.yml',
    'packages/backend/src/index.ts',
  ]) {
    if (!fs.existsSync(appFile(file)))
      throw new Error(`create-app wrote no ${file} in ${APP_DIR}`);
  }
  const notes: string[] = [];
  // Without GitHub, the yarn.lock seed is not fetched; creation goes on without it.
  if (
    /✖.*yarn\.lock seed|yarn\.lock seed.*✖|fetching\s+yarn\.lock seed.*(fail|error)/i.test(
      p.stdout() + p.stderr(),
    )
  )
    notes.push(
      'yarn.lock seed not fetched (no GitHub); the app resolves without it',
    );
  const yarnPath = /^yarnPath:\s*(.+)$/m.exec(
    fs.readFileSync(appFile('.yarnrc.yml'), 'utf8'),
  )?.[1];
  notes.push(`the app's yarnPath: ${yarnPath ?? 'none'}`);
  return notes;
}

export function yarn(
  name: string,
  args: string[],
  options: { timeoutMs: number; env?: NodeJS.ProcessEnv; cwd?: string },
): Promise<Started> {
  return run(name, 'yarn', args, {
    cwd: options.cwd ?? APP_DIR,
    env: options.env ?? appEnv(),
    timeoutMs: options.timeoutMs,
  });
}

/**
 * The tarballs, copied into the app's packs/, added as an operator would:
 * root `resolutions` point each @sentry-graph name at its tarball (they are
 * not on the registry, and Yarn must find the common package, which the
 * others depend on, by name), then `yarn add` in the backend and the app.
 */
export async function addTarballs(tarballs: Tarballs): Promise<void> {
  const packs = appFile('packs');
  fs.mkdirSync(packs, { recursive: true });
  const local = {} as Record<PackageKey, string>;
  for (const key of Object.keys(tarballs) as PackageKey[]) {
    const base = path.basename(tarballs[key].file);
    fs.copyFileSync(tarballs[key].file, path.join(packs, base));
    local[key] = `packs/${base}`;
  }
  const rootPackage = readJson(appFile('package.json'));
  rootPackage.resolutions = {
    ...rootPackage.resolutions,
    ...Object.fromEntries(
      (Object.keys(local) as PackageKey[]).map(key => [
        PACKAGES[key],
        `file:./${local[key]}`,
      ]),
    ),
  };
  writeJson(appFile('package.json'), rootPackage);
  await yarn(
    'yarn-add-backend',
    ['--cwd', 'packages/backend', 'add', `../../${local.backend}`],
    {
      timeoutMs: 10 * 60_000,
    },
  );
  await yarn(
    'yarn-add-app',
    ['--cwd', 'packages/app', 'add', `../../${local.frontend}`],
    {
      timeoutMs: 10 * 60_000,
    },
  );
  for (const [workspace, key] of [
    ['backend', 'backend'],
    ['app', 'frontend'],
  ] as const) {
    const deps =
      readJson(appFile('packages', workspace, 'package.json')).dependencies ??
      {};
    if (!deps[PACKAGES[key]])
      throw new Error(
        `yarn add left ${PACKAGES[key]} out of packages/${workspace}/package.json`,
      );
  }
}

/** The settings the step's backend runs with. */
export interface AppSettings {
  backendPort: number;
  sampleServerUrl: string;
  /** The sample server's project that the example component names, as organization/project. */
  projectRef: string;
}

export const TOKEN_VARIABLE = 'SENTRY_GRAPH_INSTALL_TEST_TOKEN';

/**
 * The app-config.local.yaml of the step (YAML as an operator writes it;
 * secrets from the environment). `variant` makes the bad ones of the
 * startup-failure checks: the sentryGraph section left out, or a Neo4j URI
 * without its scheme.
 */
export function localConfig(
  settings: AppSettings,
  variant: 'good' | 'no-section' | 'bad-neo4j-uri' = 'good',
): string {
  const url = `http://127.0.0.1:${settings.backendPort}`;
  const neo4jUri =
    variant === 'bad-neo4j-uri'
      ? `127.0.0.1:${NEO4J.port}`
      : `bolt://127.0.0.1:${NEO4J.port}`;
  const head = `# Written by the sentry-graph install test (packages/install-test).
app:
  # The backend serves the built app (app-backend).
  baseUrl: ${url}
backend:
  baseUrl: ${url}
  listen:
    port: ${settings.backendPort}
    host: 127.0.0.1
  cors:
    origin: ${url}
  auth:
    # The install test calls the API with this token (a service principal).
    externalAccess:
      - type: static
        options:
          token: \${${TOKEN_VARIABLE}}
          subject: sentry-graph-install-test
`;
  if (variant === 'no-section') return head;
  return `${head}sentryGraph:
  sentry:
    baseUrl: ${settings.sampleServerUrl}
    token: \${SENTRY_TOKEN}
  neo4j:
    uri: ${neo4jUri}
    username: ${NEO4J.username}
    password: \${NEO4J_PASSWORD}
  # The step starts its sync itself (POST /sync), and no scheduled run
  # meanwhile. (An initialDelay would hold manual runs back too: the
  # scheduler's worker waits it out before it takes any run.)
  schedule:
    frequency: { trigger: manual }
    timeout: { minutes: 10 }
`;
}

export const LOCAL_CONFIG = appFile('app-config.local.yaml');
const BACKEND_INDEX = appFile('packages/backend/src/index.ts');
const ENTITIES = appFile('examples/entities.yaml');
export const BACKEND_LINE = `backend.add(import('${PACKAGES.backend}'));`;

export function configureApp(settings: AppSettings): void {
  // The backend plugin, before the backend starts.
  const index = fs.readFileSync(BACKEND_INDEX, 'utf8');
  if (!index.includes(BACKEND_LINE)) {
    const start = /^backend\.start\(\);$/m;
    if (!start.test(index))
      throw new Error(
        `packages/backend/src/index.ts has no "backend.start();" line to add the plugin before`,
      );
    fs.writeFileSync(
      BACKEND_INDEX,
      index.replace(
        start,
        `// sentry-graph\n${BACKEND_LINE}\n\nbackend.start();`,
      ),
    );
  }
  fs.writeFileSync(LOCAL_CONFIG, localConfig(settings));
  // The example component names a project of the sample server (docs/catalog.md).
  const entities = fs.readFileSync(ENTITIES, 'utf8');
  const nameLine = `  name: ${EXAMPLE_COMPONENT}\n`;
  if (!entities.includes(nameLine))
    throw new Error(
      `examples/entities.yaml has no component named ${EXAMPLE_COMPONENT}`,
    );
  if (!entities.includes('sentry.io/project-slug')) {
    fs.writeFileSync(
      ENTITIES,
      entities.replace(
        nameLine,
        `${nameLine}  annotations:\n    sentry.io/project-slug: ${settings.projectRef}\n`,
      ),
    );
  }
}

/** The versions of the app's @backstage packages, as installed in its root node_modules. */
export function installedBackstageVersions(): Record<string, string> {
  const scope = appFile('node_modules/@backstage');
  const versions: Record<string, string> = {};
  if (!fs.existsSync(scope)) return versions;
  for (const name of fs.readdirSync(scope).sort()) {
    try {
      versions[`@backstage/${name}`] = readJson(
        path.join(scope, name, 'package.json'),
      ).version;
    } catch {
      // not a package
    }
  }
  return versions;
}

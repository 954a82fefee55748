/*
 * What a release of the three published packages relies on, checked on the
 * sources as they are: the publish fields Backstage's CLI keeps, the
 * committed API reports, and that every package the public types import is
 * a declared dependency (else an app's tsc meets TS2742 or a missing
 * module), and what `npm publish` would upload. The fresh-app step (run.ts)
 * then proves the packed result in an app.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const root = path.resolve(__dirname, '../../..');
const published = [
  'plugins/sentry-graph-common',
  'plugins/sentry-graph-backend',
  'plugins/sentry-graph',
];

async function inRoot(command: string, args: string[]) {
  return run(command, args, {
    cwd: root,
    env: process.env,
    maxBuffer: 16 * 1024 * 1024,
  }).catch((error: { stdout?: string; stderr?: string; message: string }) => {
    throw new Error(
      `${command} ${args.join(' ')} failed:\n${error.stdout ?? ''}\n${
        error.stderr ?? error.message
      }`,
    );
  });
}

interface PackageJson {
  name: string;
  dependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
}

function readPackage(dir: string): PackageJson {
  return JSON.parse(
    fs.readFileSync(path.join(root, dir, 'package.json'), 'utf8'),
  );
}

/** The packages a report's import lines name, without subpaths. */
function importedPackages(report: string): string[] {
  const names = [...report.matchAll(/^import .* from '([^']+)';$/gm)].map(
    ([, specifier]) => {
      const parts = specifier.split('/');
      return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
    },
  );
  return [...new Set(names)].sort();
}

describe('the published packages', () => {
  it('have the publish fields that backstage-cli repo fix --publish writes', async () => {
    // Fails, naming the packages, when the command would change one.
    await expect(
      inRoot('node_modules/.bin/backstage-cli', [
        'repo',
        'fix',
        '--check',
        '--publish',
      ]),
    ).resolves.toBeDefined();
  });

  it('have API reports that match their public API', async () => {
    // Rebuilds dist-types/ and fails, naming the package, when a report is stale.
    await expect(
      inRoot('bash', ['scripts/apiReports.sh', '--ci']),
    ).resolves.toBeDefined();
  }, 180_000);

  it.each(published)(
    'declare every package that the public types of %s import',
    dir => {
      const pkg = readPackage(dir);
      const report = fs.readFileSync(
        path.join(root, dir, 'report.api.md'),
        'utf8',
      );
      const declared = new Set([
        ...Object.keys(pkg.dependencies ?? {}),
        ...Object.keys(pkg.peerDependencies ?? {}),
      ]);
      const imported = importedPackages(report);
      expect(imported.length).toBeGreaterThan(0);
      expect(imported.filter(name => !declared.has(name))).toEqual([]);
    },
  );

  it('publish (dry run) in dependency order, each with what an app loads at run time', async () => {
    await inRoot('bash', [
      'scripts/node22.sh',
      'npm',
      'run',
      'build',
      '--silent',
    ]);
    const uploads: Record<string, string[]> = {};
    for (const dir of published) {
      const { stdout } = await inRoot('bash', [
        'scripts/node22.sh',
        'npm',
        'publish',
        '--dry-run',
        '--json',
        '--workspace',
        dir,
      ]);
      const [result] = Object.values(
        JSON.parse(stdout) as Record<string, { files: { path: string }[] }>,
      );
      uploads[readPackage(dir).name] = result.files.map(file => file.path);
    }
    const files = (name: string) => uploads[`@sentry-graph/${name}`];
    for (const name of Object.keys(uploads)) {
      expect(uploads[name]).toEqual(
        expect.arrayContaining([
          'package.json',
          'README.md',
          'CHANGELOG.md',
          'dist/index.d.ts',
        ]),
      );
    }
    expect(files('plugin-sentry-graph-backend')).toEqual(
      expect.arrayContaining([
        'dist/index.cjs.js',
        // The catalog join, which the sync's worker loads only to read the catalog.
        'dist/catalog/syncCatalog.cjs.js',
        // The worker each run executes in, started by its file's path.
        'dist/worker/syncWorker.cjs.js',
        'config.schema.json',
        'openapi.yaml',
        'migrations/20261126000000_sync_runs.js',
      ]),
    );
    expect(files('plugin-sentry-graph')).toContain('dist/index.esm.js');
    expect(files('plugin-sentry-graph-common')).toEqual(
      expect.arrayContaining(['dist/index.cjs.js', 'dist/index.esm.js']),
    );
  }, 300_000);
});

import path from 'node:path';
import { build, type Plugin } from 'esbuild';

const ROOT = path.resolve(__dirname, '..');

/**
 * Our workspace packages point at TypeScript sources, so they are compiled
 * into the bundle; every other package stays a require() of node_modules,
 * as in a backend built for production.
 */
const externalDependencies: Plugin = {
  name: 'external-dependencies',
  setup(pluginBuild) {
    pluginBuild.onResolve({ filter: /^[^./]/ }, ({ path: spec }) =>
      spec.startsWith('@sentry-graph/') ? undefined : { external: true },
    );
  },
};

/**
 * Compiles the one-sync script (syncOnce.ts) to a plain CommonJS file, so
 * the measured process runs compiled code as a production backend does,
 * not under tsx: tsx keeps esbuild's compiler service and every module's
 * source map in the process, about 40 MB of RSS that is not the sync's.
 * The sync's worker is compiled beside it, as syncWorker.cjs: the script
 * starts its worker on the file named so beside its own (workerEntry.ts),
 * as the plugin's dist does. Returns the script's path.
 */
export async function buildSyncScript(): Promise<string> {
  const outdir = path.join(ROOT, '.cache/bench');
  await build({
    entryPoints: [
      { in: path.join(__dirname, 'syncOnce.ts'), out: 'syncOnce' },
      {
        in: path.join(
          ROOT,
          'plugins/sentry-graph-backend/src/worker/syncWorker.ts',
        ),
        out: 'syncWorker',
      },
    ],
    outdir,
    outExtension: { '.js': '.cjs' },
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node22',
    plugins: [externalDependencies],
    logLevel: 'warning',
  });
  return path.join(outdir, 'syncOnce.cjs');
}

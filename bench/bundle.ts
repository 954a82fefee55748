import path from 'node:path';
import { build, type Plugin } from 'esbuild';

const ROOT = path.resolve(__dirname, '..');
const OUTDIR = path.join(ROOT, '.cache/bench');

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

/** The sync's worker, which every measured process starts beside its own file. */
const SYNC_WORKER = 'plugins/sentry-graph-backend/src/worker/syncWorker.ts';

/**
 * Compiles the benchmark's entry points (paths from the repository's
 * root, by the name each gets) to plain CommonJS files in .cache/bench, so
 * the measured processes run compiled code as a production backend does,
 * not under tsx: tsx keeps esbuild's compiler service and every module's
 * source map in the process, about 40 MB of RSS, and compiles the worker's
 * code again in each run's worker. The sync's worker is compiled beside
 * them, as syncWorker.cjs: a process starts its worker on the file named
 * so beside its own (workerEntry.ts), as the plugin's dist does. Returns
 * each entry's compiled path.
 */
export async function bundleForBench<Name extends string>(
  entries: Record<Name, string>,
): Promise<Record<Name, string>> {
  const named = Object.entries<string>({ ...entries, syncWorker: SYNC_WORKER });
  await build({
    entryPoints: named.map(([out, file]) => ({
      in: path.join(ROOT, file),
      out,
    })),
    outdir: OUTDIR,
    outExtension: { '.js': '.cjs' },
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node22',
    plugins: [externalDependencies],
    logLevel: 'warning',
  });
  return Object.fromEntries(
    named.map(([out]) => [out, path.join(OUTDIR, `${out}.cjs`)]),
  ) as Record<Name, string>;
}

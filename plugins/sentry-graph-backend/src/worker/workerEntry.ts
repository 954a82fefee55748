import path from 'node:path';
import { pathToFileURL } from 'node:url';

/** The worker module's name beside this one (syncWorker.ts, in dist syncWorker.cjs.js). */
const WORKER_MODULE = 'syncWorker';

export interface WorkerEntry {
  file: string;
  /** Node options for the worker; undefined inherits the process's own. */
  execArgv?: string[];
}

/**
 * Where the worker's module is, for the main-side module at `mainFile`
 * (its `__filename`): beside it, with the same file ending. That is
 * `dist/worker/syncWorker.cjs.js` in the built package (the package build
 * emits the worker's module because the main side imports it), the
 * TypeScript source when running from sources (Jest, tsx), and
 * `syncWorker.cjs` beside the benchmark's bundles (bench/bundle.ts
 * bundles the worker as such). A TypeScript worker is compiled by tsx:
 * worker threads do not go through Jest's transform, nor inherit its.
 */
export function workerEntry(mainFile: string): WorkerEntry {
  const base = path.basename(mainFile);
  const ending = base.slice(base.indexOf('.'));
  const file = path.join(path.dirname(mainFile), `${WORKER_MODULE}${ending}`);
  if (ending !== '.ts') return { file };
  return { file, execArgv: ['--import', tsxLoader()] };
}

function tsxLoader(): string {
  try {
    return pathToFileURL(require.resolve('tsx')).href;
  } catch {
    // Node resolves it from the working directory then.
    return 'tsx';
  }
}

/**
 * The old generation's cap given to the whole process
 * (`--max-old-space-size`, on the command line or in NODE_OPTIONS), if
 * any. V8 applies that flag to every isolate, so it takes the place of the
 * worker's own cap (resourceLimits), larger or smaller.
 */
export function processHeapCapMb(
  execArgv: readonly string[] = process.execArgv,
  nodeOptions: string | undefined = process.env.NODE_OPTIONS,
): number | undefined {
  const options = [...(nodeOptions?.split(/\s+/) ?? []), ...execArgv];
  let cap: number | undefined;
  options.forEach((option, index) => {
    const match = /^--max[-_]old[-_]space[-_]size(?:=(\d+))?$/.exec(option);
    if (!match) return;
    const value = Number(match[1] ?? options[index + 1]);
    if (Number.isFinite(value) && value > 0) cap = value;
  });
  return cap;
}

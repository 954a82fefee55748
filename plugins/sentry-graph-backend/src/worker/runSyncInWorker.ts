import type { LoggerService } from '@backstage/backend-plugin-api';
import { Worker } from 'node:worker_threads';
import type { CatalogOptions } from '../catalog/catalogOptions';
import type { CatalogReader } from '../catalog/syncCatalog';
import type { Neo4jConnectionOptions } from '../graph/SentryGraphStore';
import type { SentryRequestTallies } from '../sentry/requestTally';
import { describeError } from '../sync/describeError';
import type { SyncProgress, SyncRunResult } from '../sync/types';
import type { RecordedChange } from '../sync/changes/RunChanges';
import { CatalogPages } from './catalogPages';
import type { WorkerMemory, WorkerMessage, WorkerRunOptions } from './protocol';
import { redactSecrets } from './redactSecrets';
// The worker's own module, imported so that the package build emits it
// (a file named only in `new Worker(path)` is missing from dist).
import { syncWorkerData } from './syncWorker';
import { testOnlyWorkerFault } from './testOnlyWorkerFault';
import { processHeapCapMb, workerEntry } from './workerEntry';
import { resultWithoutWorker, type WorkerEnd } from './workerFailures';
import { replayLog } from './workerLogger';

/** How long an aborted worker has to stop on its own before it is terminated. */
export const ABORT_GRACE_MS = 2_000;
/** How long a worker that gave its result has to close its connections and end. */
const EXIT_GRACE_MS = 5_000;

/**
 * runSync's options, but a Neo4j connection instead of a store: the worker
 * opens its own driver. runSync's plain options (`sentry`, `engine`, …)
 * cross as they are; the token (in `sentry`) and the password cross at the
 * worker's start, and never back.
 */
export interface WorkerSyncOptions extends WorkerRunOptions {
  neo4j: Neo4jConnectionOptions;
  /** Receives the worker's log records, with their fields. */
  logger: LoggerService;
  onProgress?: (progress: SyncProgress) => void;
  /** Receives what the run changed in the graph, as the worker hands it on. */
  onChanges?: (changes: RecordedChange[]) => void;
  /** The catalog to join: read here, on the plugin's thread, page by page as the worker asks. */
  catalog?: { read: CatalogReader; options: CatalogOptions };
  /** The worker's old-generation cap (sentryGraph.sync.maxHeapMb). */
  maxHeapMb: number;
  /**
   * When the run's time is up (the schedule's timeout), and how to name
   * that limit: the worker is aborted then, and terminated if it does not
   * stop within ABORT_GRACE_MS, as hung.
   */
  deadline?: { at: number; description: string };
  /** The worker's memory over the run, when it ended with a result. */
  onMemory?: (memory: WorkerMemory) => void;
  /** The run's Sentry requests by answer and its waits, when it ended with a result. */
  onRequests?: (requests: SentryRequestTallies) => void;
}

/**
 * One sync run in a worker thread of its own: the Sentry client, the
 * Neo4j writes, the catalog join and the findings all run there, so the
 * backend's event loop stays free for every other plugin, and a run that
 * runs out of memory or crashes takes only its worker down. Resolves with
 * the run's result as runSync gives it, or one that says how the worker
 * ended without one; never rejects.
 *
 * Aborting `signal` asks the worker to stop (runSync's own abort: no
 * further listing or cleanup); one that has not stopped within
 * ABORT_GRACE_MS is terminated.
 */
export function runSyncInWorker(
  options: WorkerSyncOptions,
  signal?: AbortSignal,
): Promise<SyncRunResult> {
  const startedAt = Date.now();
  const {
    neo4j,
    logger,
    onProgress,
    catalog: catalogRead,
    maxHeapMb,
    deadline,
    onMemory,
    onRequests,
    onChanges,
    ...run
  } = options;
  const secrets = [run.sentry.token, neo4j.password];
  const redact = (text: string) => redactSecrets(text, secrets);
  const data = syncWorkerData({
    run,
    neo4j,
    catalog: catalogRead?.options,
    recordChanges: onChanges !== undefined,
    testOnlyFault: testOnlyWorkerFault(),
  });
  const entry = workerEntry(__filename);

  return new Promise(resolve => {
    let worker: Worker;
    try {
      worker = new Worker(entry.file, {
        name: 'sentry-graph-sync',
        workerData: data,
        execArgv: entry.execArgv,
        resourceLimits: { maxOldGenerationSizeMb: maxHeapMb },
      });
    } catch (error) {
      resolve(
        resultWithoutWorker(
          { kind: 'did-not-start', error: redact(describeError(error)) },
          startedAt,
        ),
      );
      return;
    }
    let result: SyncRunResult | undefined;
    let end: WorkerEnd | undefined;
    const timers: NodeJS.Timeout[] = [];
    const catalog =
      catalogRead &&
      new CatalogPages(
        catalogRead.read,
        message => worker.postMessage(message),
        redact,
      );

    const stop = () => {
      if (timers.length > 0) return;
      worker.postMessage({ type: 'abort' });
      timers.push(
        setTimeout(() => {
          if (!result) {
            const graceMs = ABORT_GRACE_MS;
            end =
              deadline && Date.now() >= deadline.at
                ? {
                    kind: 'timed-out',
                    timeout: deadline.description,
                    graceMs,
                  }
                : { kind: 'not-stopped-after-abort', graceMs };
          }
          void worker.terminate();
        }, ABORT_GRACE_MS),
      );
    };
    const onAbort = () => stop();
    signal?.addEventListener('abort', onAbort, { once: true });
    if (signal?.aborted) stop();
    const deadlineTimer = deadline
      ? setTimeout(stop, Math.max(0, deadline.at - Date.now()))
      : undefined;

    worker.on('message', (message: WorkerMessage) => {
      if (message.type === 'log') replayLog(logger, message);
      else if (message.type === 'progress') onProgress?.(message.progress);
      else if (message.type === 'changes') onChanges?.(message.changes);
      else if (message.type === 'result') {
        result = message.result;
        onMemory?.(message.memory);
        onRequests?.(message.requests);
        logger.debug(
          `The sync's worker used at most ${message.memory.peakHeapUsedMb} MB of its heap ` +
            `(limit ${message.memory.heapLimitMb} MB, sentryGraph.sync.maxHeapMb ${maxHeapMb})`,
          { ...message.memory },
        );
        // Its connections close next; a worker stuck at that is not kept.
        timers.push(
          setTimeout(() => void worker.terminate(), EXIT_GRACE_MS).unref(),
        );
      } else catalog?.handle(message);
    });
    worker.on('error', error => {
      end ??= isOutOfMemory(error)
        ? {
            kind: 'out-of-memory',
            maxHeapMb,
            processHeapCapMb: processHeapCapMb(),
          }
        : { kind: 'crashed', error: redact(describeWorkerError(error)) };
    });
    worker.on('exit', exitCode => {
      timers.forEach(clearTimeout);
      clearTimeout(deadlineTimer);
      signal?.removeEventListener('abort', onAbort);
      catalog?.closeAll();
      resolve(
        result ??
          resultWithoutWorker(end ?? { kind: 'exited', exitCode }, startedAt),
      );
    });
  });
}

/*
 * What a worker's 'error' event carries is an Error of this thread's
 * making, but not always of this realm's (under Jest it is not), so it is
 * read by its fields rather than by instanceof.
 */
function isOutOfMemory(error: unknown): boolean {
  return fieldOf(error, 'code') === 'ERR_WORKER_OUT_OF_MEMORY';
}

/** e.g. 'TypeError: x is not a function'; one line, as describeError gives. */
function describeWorkerError(error: unknown): string {
  const message = fieldOf(error, 'message');
  if (typeof message !== 'string') return describeError(error);
  const name = fieldOf(error, 'name');
  const line = message.split('\n')[0];
  return typeof name === 'string' && name !== 'Error'
    ? `${name}: ${line}`
    : line;
}

function fieldOf(value: unknown, field: string): unknown {
  return typeof value === 'object' && value !== null
    ? (value as Record<string, unknown>)[field]
    : undefined;
}

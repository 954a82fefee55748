/*
 * The sync's worker thread: one run of the engine, off the plugin's
 * thread, with its own Neo4j driver and Sentry client, rebuilt from the
 * start-up data (runSyncInWorker.ts starts it). Imported on any other
 * thread, or in a worker that is not ours, this module does nothing: the
 * main side imports it only so that the package build emits it. So the
 * engine itself is imported dynamically, in the worker only: the backend's
 * thread never loads the Sentry client or the sync's code at all.
 */
import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import type { MessagePort } from 'node:worker_threads';
import type { CatalogJoinOptions } from '../catalog/syncCatalog';
import { SentryRequestTally } from '../sentry/requestTally';
import type { SyncProgress } from '../sync/types';
import { CatalogProxy } from './catalogProxy';
import { MemorySampler } from './memorySampler';
import {
  SYNC_WORKER_KIND,
  type MainMessage,
  type SyncWorkerData,
  type WorkerMessage,
} from './protocol';
import { redactSecrets } from './redactSecrets';
import { postingLogger } from './workerLogger';

/** The worker's start-up data (its workerData), marked as a sync's. */
export function syncWorkerData(
  fields: Omit<SyncWorkerData, 'kind'>,
): SyncWorkerData {
  return { kind: SYNC_WORKER_KIND, ...fields };
}

/** Whether `data` is the start-up data of a sync worker. */
function isSyncWorkerData(data: unknown): data is SyncWorkerData {
  return (
    typeof data === 'object' &&
    data !== null &&
    (data as { kind?: unknown }).kind === SYNC_WORKER_KIND
  );
}

async function work(port: MessagePort, data: SyncWorkerData): Promise<void> {
  const secrets = [data.run.sentry.token, data.neo4j.password];
  // Everything the worker says goes through here, scrubbed of the secrets.
  const post = (message: WorkerMessage) =>
    port.postMessage(redactSecrets(message, secrets));
  const abort = new AbortController();
  const catalog = new CatalogProxy(post);
  port.on('message', (message: MainMessage) => {
    if (message.type === 'abort') abort.abort();
    else catalog.handle(message);
  });

  const memory = new MemorySampler();
  const requests = new SentryRequestTally();
  const [{ SentryGraphStore }, { runSync }] = await Promise.all([
    import('../graph/SentryGraphStore'),
    import('../sync/runSync'),
  ]);
  const { driver, store } = SentryGraphStore.open(data.neo4j);
  try {
    const result = await runSync({
      ...data.run,
      sentry: { ...data.run.sentry, observer: requests },
      store,
      logger: postingLogger(post),
      signal: abort.signal,
      onProgress: withTestOnlyFault(data, progress =>
        post({ type: 'progress', progress }),
      ),
      catalog: data.catalog && (await catalogJoin(catalog, data)),
      onChanges: data.recordChanges
        ? changes => post({ type: 'changes', changes })
        : undefined,
    });
    post({
      type: 'result',
      result,
      memory: memory.stop(),
      requests: requests.tallies(),
    });
  } finally {
    memory.stop();
    await driver.close();
    // Nothing else keeps the thread alive: it ends.
    port.close();
  }
}

/**
 * The join's code (and the catalog's libraries it loads, some 20 MB) only
 * when the catalog is read: a sync of Sentry alone, as the command line
 * runs, never loads it.
 */
async function catalogJoin(
  catalog: CatalogProxy,
  data: SyncWorkerData,
): Promise<CatalogJoinOptions | undefined> {
  if (!data.catalog) return undefined;
  const { syncCatalog } = await import('../catalog/syncCatalog');
  return { read: catalog.read, join: syncCatalog, options: data.catalog };
}

/** The test-only fault, if a test set one (testOnlyWorkerFault.ts). */
function withTestOnlyFault(
  data: SyncWorkerData,
  onProgress: (progress: SyncProgress) => void,
): (progress: SyncProgress) => void {
  const fault = data.testOnlyFault;
  if (!fault) return onProgress;
  let struck = false;
  return progress => {
    onProgress(progress);
    if (struck) return;
    struck = true;
    if (fault === 'throw-at-first-page') {
      setImmediate(() => {
        throw new Error('test-only fault: thrown inside the worker');
      });
    } else {
      for (;;) {
        // Busy for good: no message, abort included, is read again.
      }
    }
  };
}

if (!isMainThread && parentPort && isSyncWorkerData(workerData)) {
  // A failure here is the worker's 'error' event on the plugin's side.
  void work(parentPort, workerData).catch(error =>
    setImmediate(() => {
      throw error;
    }),
  );
}

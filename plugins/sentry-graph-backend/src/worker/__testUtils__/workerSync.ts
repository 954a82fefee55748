import type { SampleServer } from '@sentry-graph/sentry-sample-server';
import { CapturedLogs } from '../../__testUtils__/capturedLogs';
import { testNeo4jConnection } from '../../__testUtils__/testGraph';
import { DEFAULT_MAX_HEAP_MB } from '../../config/syncWorkerOptions';
import { DEFAULT_SYNC_ENGINE_OPTIONS } from '../../sync/context';
import type { SyncRunResult } from '../../sync/types';
import { runSyncInWorker, type WorkerSyncOptions } from '../runSyncInWorker';

export interface WorkerTestSync {
  result: SyncRunResult;
  /** What the worker logged, replayed here. */
  logs: CapturedLogs;
  /** From the call to the result. */
  elapsedMs: number;
}

/**
 * One real sync in a worker, from a sample server into the tests' Neo4j,
 * with quick retries, the worker's log records captured under `runId: test`.
 */
export async function workerTestSync(
  server: SampleServer,
  options: Partial<WorkerSyncOptions> = {},
  signal?: AbortSignal,
): Promise<WorkerTestSync> {
  const logs = new CapturedLogs();
  const started = Date.now();
  const result = await runSyncInWorker(
    {
      sentry: {
        baseUrl: server.url,
        token: 'sample-token',
        retryBaseDelayMs: 20,
        timeoutMs: 5_000,
      },
      engine: DEFAULT_SYNC_ENGINE_OPTIONS,
      neo4j: testNeo4jConnection(),
      maxHeapMb: DEFAULT_MAX_HEAP_MB,
      logger: logs.logger({ runId: 'test' }),
      ...options,
    },
    signal,
  );
  return { result, logs, elapsedMs: Date.now() - started };
}

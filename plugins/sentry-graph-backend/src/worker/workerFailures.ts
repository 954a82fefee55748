import type { RunStatus, SyncRunResult } from '../sync/types';

/** The config key whose value caps the worker's heap. */
export const MAX_HEAP_KEY = 'sentryGraph.sync.maxHeapMb';

/** How a run whose worker gave no result ended, in the words of its report. */
export type WorkerEnd =
  | { kind: 'out-of-memory'; maxHeapMb: number; processHeapCapMb?: number }
  | { kind: 'crashed'; error: string }
  | { kind: 'exited'; exitCode: number }
  | { kind: 'did-not-start'; error: string }
  | { kind: 'not-stopped-after-abort'; graceMs: number }
  | { kind: 'timed-out'; timeout: string; graceMs: number };

const NOTHING_DELETED =
  'It started no deletion after that, and the next run starts as usual.';

/** One line that says what happened and what to do about it. */
export function describeWorkerEnd(end: WorkerEnd): string {
  switch (end.kind) {
    case 'out-of-memory': {
      const remedy =
        end.processHeapCapMb === undefined
          ? `Raise ${MAX_HEAP_KEY} (now ${end.maxHeapMb}).`
          : `That cap is the backend's --max-old-space-size=${end.processHeapCapMb}, which V8 applies to the worker ` +
            `in place of ${MAX_HEAP_KEY} (${end.maxHeapMb}): raise the flag, or remove it and set ${MAX_HEAP_KEY}.`;
      return `The sync ran out of memory: its worker reached its heap cap of ${end.processHeapCapMb ?? end.maxHeapMb} MB and was stopped. ${remedy} ${NOTHING_DELETED}`;
    }
    case 'crashed':
      return `The sync's worker failed: ${end.error}. ${NOTHING_DELETED}`;
    case 'exited':
      return `The sync's worker exited (code ${end.exitCode}) without a result. ${NOTHING_DELETED}`;
    case 'did-not-start':
      return `The sync's worker could not start: ${end.error}`;
    case 'not-stopped-after-abort':
      return `The sync did not stop within ${end.graceMs / 1000} s of being aborted, so its worker was terminated. ${NOTHING_DELETED}`;
    case 'timed-out':
      return (
        `The sync did not finish within ${end.timeout} and did not stop within ${end.graceMs / 1000} s of being aborted then, ` +
        `so its worker was terminated: it was waiting on something that never answered (Neo4j or Sentry) or kept its thread busy. ${NOTHING_DELETED}`
      );
    default:
      return assertNever(end);
  }
}

/** The status a run whose worker ended so is recorded with. */
export function statusOf(end: WorkerEnd): RunStatus {
  return end.kind === 'not-stopped-after-abort' ? 'aborted' : 'failed';
}

/** The result of a run whose worker gave none: nothing synced, and why. */
export function resultWithoutWorker(
  end: WorkerEnd,
  startedAt: number,
): SyncRunResult {
  const finished = Date.now();
  return {
    status: statusOf(end),
    // The tag such a run would have taken (runSync may have taken the next).
    updateTag: Math.floor(startedAt / 1000),
    startedAt: new Date(startedAt).toISOString(),
    finishedAt: new Date(finished).toISOString(),
    durationMs: finished - startedAt,
    organizations: [],
    requests: {
      requests: 0,
      retries: 0,
      rateLimited: 0,
      budgetWaitMs: 0,
      failedRequests: 0,
    },
    errors: [describeWorkerEnd(end)],
  };
}

function assertNever(value: never): never {
  throw new Error(`unexpected ${JSON.stringify(value)}`);
}

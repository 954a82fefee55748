import type { SentryGraphStore } from '../../graph/SentryGraphStore';
import type { OrganizationResult, RunStatus, SyncRunResult } from '../types';
import {
  acquireGraphLease,
  type Acquisition,
  type LeaseRequest,
} from './acquireGraphLease';
import { abortedWaitMessage, busyMessage, lostMessage } from './leaseMessages';

/** What taking the lease asks for, and the graph to take it in. */
export interface UnderLeaseOptions extends LeaseRequest {
  store: SentryGraphStore;
}

type Finish = (
  status: RunStatus,
  organizations: OrganizationResult[],
  errors: string[],
) => SyncRunResult;

/**
 * Runs `body` holding the graph's lease, so that no other writer (another
 * deployment, the command line, the benchmark) writes the graph meanwhile.
 * Without the lease the run ends at once, having written nothing, and says
 * who holds it. `body` gets a signal that also fires when the lease is lost
 * (or may soon be), which stops the run before any further write or
 * deletion; the run is then `failed` and says why. The lease is released
 * however the run ends.
 */
export async function underGraphLease(
  options: UnderLeaseOptions,
  finish: Finish,
  body: (signal: AbortSignal) => Promise<SyncRunResult>,
): Promise<SyncRunResult> {
  let acquisition: Acquisition;
  try {
    acquisition = await acquireGraphLease(options.store, options);
  } catch (error) {
    return finish(
      'failed',
      [],
      [
        `Neo4j is not usable: taking the graph's lease failed: ${options.store.describeError(error)}`,
      ],
    );
  }
  if (!acquisition.held) {
    const message = acquisition.aborted
      ? abortedWaitMessage(acquisition.lease)
      : busyMessage(
          acquisition.lease,
          options.waitMs > 0 ? acquisition.waitedMs : undefined,
        );
    options.logger.warn(message);
    return finish(acquisition.aborted ? 'aborted' : 'failed', [], [message]);
  }
  const { keeper } = acquisition;
  try {
    const result = await body(
      options.signal
        ? AbortSignal.any([options.signal, keeper.signal])
        : keeper.signal,
    );
    const loss = keeper.lost;
    if (!loss) return result;
    const message = lostMessage(loss);
    return {
      ...result,
      status: 'failed',
      // What failed the run first stays first.
      errors:
        result.status === 'failed'
          ? [...result.errors, message]
          : [message, ...result.errors],
    };
  } finally {
    await keeper.release();
  }
}

import type { LoggerService } from '@backstage/backend-plugin-api';
import { randomUUID } from 'node:crypto';
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import type {
  LeaseOwner,
  LeaseState,
  LeaseWriterKind,
} from '../../graph/leaseSchema';
import type { SentryGraphStore } from '../../graph/SentryGraphStore';
import { LeaseKeeper } from './LeaseKeeper';
import { describeHolder } from './leaseMessages';

/** Who runs a sync, as the graph's lease names it. */
export interface LeaseWriter {
  kind: LeaseWriterKind;
  /** The run's id: the plugin's run history, the command line's own. */
  runId?: string;
}

export interface LeaseRequest {
  writer: LeaseWriter;
  ttlMs: number;
  /** How long to wait for another writer's lease to end or expire; 0 gives up at once. */
  waitMs: number;
  /**
   * Runs the writer's own history says have ended: a lease one of them
   * still holds, not released at its end, is taken over at once.
   */
  endedRunIds?: readonly string[];
  signal?: AbortSignal;
  logger: LoggerService;
}

export type Acquisition =
  | { held: true; keeper: LeaseKeeper }
  | {
      held: false;
      /** The other writer's lease, as last seen. */
      lease?: LeaseState;
      waitedMs: number;
      aborted: boolean;
    };

/** While waiting, the lease is asked for again this often, or at its expiry if sooner. */
const POLL_MS = 1_000;

/**
 * Takes the graph's lease in one transaction, or, while another writer
 * holds it, waits up to `waitMs` for it to be released or to expire,
 * saying who holds it.
 */
export async function acquireGraphLease(
  store: SentryGraphStore,
  request: LeaseRequest,
): Promise<Acquisition> {
  const holder = randomUUID();
  const owner: LeaseOwner = {
    kind: request.writer.kind,
    host: os.hostname(),
    pid: process.pid,
    ...(request.writer.runId ? { runId: request.writer.runId } : {}),
  };
  const started = performance.now();
  let reported: string | undefined;
  for (;;) {
    const sentAt = performance.now();
    const answer = await store.lease.acquire(
      holder,
      owner,
      request.ttlMs,
      request.endedRunIds,
    );
    if (answer.done) {
      const before = answer.before;
      if (before?.holder && (before.expiresAt ?? 0) > before.now) {
        request.logger.info(
          `Took over the graph's lease from run ${before.owner?.runId}, which ended without releasing it`,
        );
      }
      return {
        held: true,
        keeper: new LeaseKeeper(
          store,
          holder,
          request.ttlMs,
          sentAt,
          request.logger,
        ),
      };
    }
    const waitedMs = performance.now() - started;
    const leftMs = request.waitMs - waitedMs;
    const aborted = request.signal?.aborted ?? false;
    if (leftMs <= 0 || aborted) {
      return { held: false, lease: answer.lease, waitedMs, aborted };
    }
    // Once per holder, not once per poll.
    if (answer.lease?.holder !== reported) {
      reported = answer.lease?.holder;
      request.logger.info(
        `Waiting up to ${Math.round(leftMs / 1000)} s for the graph's lease, held by ` +
          `${answer.lease ? describeHolder(answer.lease) : 'an unknown writer'}`,
      );
    }
    const untilExpiryMs = answer.lease?.expiresAt
      ? answer.lease.expiresAt - answer.lease.now + 50
      : POLL_MS;
    await sleep(Math.min(POLL_MS, leftMs, untilExpiryMs), request.signal);
    if (request.signal?.aborted) {
      const waited = performance.now() - started;
      return {
        held: false,
        lease: answer.lease,
        waitedMs: waited,
        aborted: true,
      };
    }
  }
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise(resolve => {
    let timer: NodeJS.Timeout | undefined = undefined;
    const done = () => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    };
    timer = setTimeout(done, Math.max(0, ms));
    signal?.addEventListener('abort', done, { once: true });
  });
}

import type { LoggerService } from '@backstage/backend-plugin-api';
import { performance } from 'node:perf_hooks';
import type { SentryGraphStore } from '../../graph/SentryGraphStore';
import { lostMessage, type LeaseLoss } from './leaseMessages';

/** The longest a run's end waits for its release; an unreleased lease expires anyway. */
const RELEASE_WAIT_MS = 5_000;

/**
 * Keeps a held lease alive for the run: renews it every third of its TTL,
 * and stops the run (`signal`) once it cannot be sure it still holds it:
 *
 * - at once when a renewal finds another holder, or no lease;
 * - when no renewal succeeded for five sixths of the TTL since the last
 *   good one was sent. Neo4j's expiry is at least a whole TTL after that
 *   send, so the run stops a sixth of the TTL before another writer could
 *   take over. A failed renewal is tried again after a twelfth.
 *
 * Local times are monotonic (performance.now), immune to clock changes.
 */
export class LeaseKeeper {
  private readonly controller = new AbortController();
  private loss: LeaseLoss | undefined;
  private stopped = false;
  private released = false;
  private renewTimer: NodeJS.Timeout | undefined;
  private deadlineTimer: NodeJS.Timeout | undefined;
  /** When the last good renewal (or the acquisition) was sent. */
  private confirmedAt: number;
  private lastError: string | undefined;
  /** When the renewal still waiting for its answer was sent. */
  private renewingSince: number | undefined;

  constructor(
    private readonly store: SentryGraphStore,
    private readonly holder: string,
    private readonly ttlMs: number,
    /** When the acquisition that took the lease was sent (performance.now). */
    acquiredSentAt: number,
    private readonly logger: LoggerService,
  ) {
    this.confirmedAt = acquiredSentAt;
    this.armDeadline();
    this.scheduleRenewal(ttlMs / 3);
  }

  /** Fires when the run must stop: the lease is lost, or may soon be. */
  get signal(): AbortSignal {
    return this.controller.signal;
  }

  /** Why the lease was lost, once it was. */
  get lost(): LeaseLoss | undefined {
    return this.loss;
  }

  /**
   * Stops renewing and frees the lease for the next writer, on every end of
   * a run (success, failure, abort). Never throws: a lease that could not
   * be released expires within its TTL.
   */
  async release(): Promise<void> {
    if (this.released) return;
    this.released = true;
    this.stop();
    // Taken or gone: not ours to release. Unrenewed, it may still be ours,
    // and releasing it spares the next writer the wait for its expiry.
    if (this.loss && this.loss.reason !== 'unrenewed') return;
    const released = this.store.lease.release(this.holder).then(
      answer =>
        answer.done || this.loss ? undefined : 'another writer held it',
      (error: unknown) => this.store.describeError(error),
    );
    const problem = await Promise.race([
      released,
      new Promise<string>(resolve =>
        setTimeout(
          () => resolve(`no answer within ${RELEASE_WAIT_MS / 1000} s`),
          RELEASE_WAIT_MS,
        ).unref(),
      ),
    ]);
    if (problem) {
      this.logger.warn(
        `Releasing the graph's lease failed (${problem}); it expires within ${Math.round(this.ttlMs / 1000)} s`,
      );
    }
  }

  private stop(): void {
    this.stopped = true;
    clearTimeout(this.renewTimer);
    clearTimeout(this.deadlineTimer);
  }

  private scheduleRenewal(delayMs: number): void {
    if (this.stopped) return;
    this.renewTimer = setTimeout(() => void this.renew(), delayMs);
    // A run keeps its process alive; a keeper left over must not.
    this.renewTimer.unref();
  }

  private armDeadline(): void {
    clearTimeout(this.deadlineTimer);
    const deadline = this.confirmedAt + (this.ttlMs * 5) / 6;
    this.deadlineTimer = setTimeout(
      () =>
        this.lose({
          reason: 'unrenewed',
          error:
            this.renewingSince !== undefined
              ? `no answer to the renewal sent ${Math.round((performance.now() - this.renewingSince) / 1000)} s ago`
              : this.lastError,
          forMs: performance.now() - this.confirmedAt,
        }),
      Math.max(0, deadline - performance.now()),
    );
    this.deadlineTimer.unref();
  }

  private async renew(): Promise<void> {
    const sentAt = performance.now();
    this.renewingSince = sentAt;
    try {
      const answer = await this.store.lease.renew(this.holder, this.ttlMs);
      this.renewingSince = undefined;
      if (this.stopped) return;
      if (answer.done) {
        this.confirmedAt = sentAt;
        this.lastError = undefined;
        this.armDeadline();
        this.scheduleRenewal(this.ttlMs / 3);
      } else if (answer.lease?.holder) {
        this.lose({ reason: 'taken', lease: answer.lease });
      } else {
        this.lose({ reason: 'gone' });
      }
    } catch (error) {
      this.renewingSince = undefined;
      if (this.stopped) return;
      this.lastError = this.store.describeError(error);
      this.logger.warn(
        `Renewing the graph's lease failed; trying again: ${this.lastError}`,
      );
      this.scheduleRenewal(this.ttlMs / 12);
    }
  }

  private lose(loss: LeaseLoss): void {
    if (this.stopped) return;
    this.stop();
    this.loss = loss;
    const message = lostMessage(loss);
    this.logger.error(message);
    this.controller.abort(new Error(message));
  }
}

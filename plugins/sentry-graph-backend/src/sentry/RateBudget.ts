import { listenForAbort, sleep, throwIfAborted } from './abort';
import { SentryRateLimitError } from './errors';
import {
  estimateClockSkewMs,
  hasRateLimitInfo,
  readRateLimitHeaders,
} from './rateLimitHeaders';
import { RateWindow, type BudgetReservation } from './rateWindow';
import type { AnnouncedLimit } from './requestConcurrency';
import type { SentryEndpoint } from './types';

/** What one bucket (one Sentry endpoint) is known to allow right now. */
interface BucketState {
  inFlight: Set<BudgetReservation>;
  /**
   * Ours that ended without an answer (cancelled, cut off) since the window
   * opened. Sentry may still have counted one, and counts a request when it
   * arrives: possibly after the reset, in the next window.
   */
  unanswered: BudgetReservation[];
  /** Until the first answer nothing is known, so only one request probes. */
  answered: boolean;
  limit?: number;
  /** The window our requests go to now; undefined until Sentry announces a count. */
  window?: RateWindow;
  /** Reset of the window we last rolled past; later answers from it are stale. */
  closedResetS?: number;
  concurrentCap?: number;
  /** Set after a 429 that gave no usable reset (Retry-After or backoff). */
  blockedUntilMs?: number;
  wakers: Set<() => void>;
}

export interface BudgetAnswer {
  headers: Headers;
  receivedAt: number;
  rateLimited?: { retryAfterMs?: number; backoffMs: number };
}

export interface RateBudgetOptions {
  /** Longest single wait before the request fails with SentryRateLimitError. */
  maxWaitMs: number;
  /** Called with the time a request spent waiting for its bucket. */
  onWait?: (ms: number, bucket: SentryEndpoint) => void;
  now?: () => number;
  /** Sent this long after a reset so the request lands in the new window. */
  resetMarginMs?: number;
}

/**
 * Keeps each endpoint bucket inside the window Sentry announces in its
 * X-Sentry-Rate-Limit-* headers, so the sync waits for a reset instead of
 * collecting 429s. Self-hosted Sentry sends no headers; then nothing here
 * limits and only the client's concurrency cap applies.
 */
export class RateBudget {
  readonly #buckets = new Map<SentryEndpoint, BucketState>();
  readonly #maxWaitMs: number;
  readonly #onWait: (ms: number, bucket: SentryEndpoint) => void;
  readonly #now: () => number;
  readonly #marginMs: number;
  #skewMs = 0;

  constructor(options: RateBudgetOptions) {
    this.#maxWaitMs = options.maxWaitMs;
    this.#onWait = options.onWait ?? (() => {});
    this.#now = options.now ?? Date.now;
    this.#marginMs = options.resetMarginMs ?? 50;
  }

  /** Waits until the bucket may send one more request, then reserves it. */
  async acquire(
    bucket: SentryEndpoint,
    context: { path: string; signal?: AbortSignal },
  ): Promise<BudgetReservation> {
    const started = this.#now();
    let waited = false;
    try {
      for (;;) {
        throwIfAborted(context.signal);
        const state = this.#state(bucket);
        const now = this.#now();
        this.#rollWindow(state, now);
        const wait = this.#waitNeeded(state, now);
        if (wait === 0) {
          const reservation = { sentAtMs: now };
          state.inFlight.add(reservation);
          state.window?.send(reservation);
          return reservation;
        }
        waited = true;
        if (wait === 'answer') {
          await this.#nextChange(state, context.signal);
        } else if (wait > this.#maxWaitMs) {
          throw new SentryRateLimitError(
            `Sentry's rate limit for ${bucket} requires a wait of ${seconds(wait)} ` +
              `(until ${new Date(now + wait).toISOString()}), longer than the allowed ` +
              `${seconds(this.#maxWaitMs)}; the request to ${context.path} was not sent. ` +
              'Try again later or allow a longer maxRateLimitWaitMs.',
            { endpoint: bucket, path: context.path },
          );
        } else {
          await sleep(wait, context.signal);
        }
      }
    } finally {
      if (waited) this.#onWait(this.#now() - started, bucket);
    }
  }

  /**
   * The limit Sentry announced for the bucket in its last answer, or
   * undefined when it announced none (self-hosted) or has not answered yet.
   */
  announced(bucket: SentryEndpoint): AnnouncedLimit | undefined {
    const state = this.#buckets.get(bucket);
    if (state?.limit === undefined) return undefined;
    return { limit: state.limit, concurrentCap: state.concurrentCap };
  }

  /**
   * Ends a reservation. `answer` carries the response headers when Sentry
   * answered, and for a 429 how long to hold the bucket when the headers
   * give no reset in the future.
   */
  release(
    bucket: SentryEndpoint,
    reservation: BudgetReservation,
    answer?: BudgetAnswer,
  ): void {
    const state = this.#state(bucket);
    state.inFlight.delete(reservation);
    if (answer) {
      this.#learn(state, reservation, answer);
      if (answer.rateLimited) this.#holdAfter429(state, answer.rateLimited);
    } else {
      state.unanswered.push(reservation);
    }
    for (const wake of [...state.wakers]) wake();
  }

  /** Holds the whole bucket until Retry-After, else the announced reset, else for backoffMs. */
  #holdAfter429(
    state: BucketState,
    { retryAfterMs, backoffMs }: { retryAfterMs?: number; backoffMs: number },
  ): void {
    const now = this.#now();
    if (retryAfterMs !== undefined) {
      state.blockedUntilMs = now + retryAfterMs;
    } else if (
      state.window?.resetS !== undefined &&
      this.#resetAtMs(state.window.resetS) > now
    ) {
      state.window.spend();
    } else {
      // No reset in the future by our clock (none sent, or clocks disagree):
      // without a floor the retry would go out at once and meet another 429.
      state.blockedUntilMs = now + backoffMs;
    }
  }

  #learn(
    state: BucketState,
    reservation: BudgetReservation,
    { headers, receivedAt }: BudgetAnswer,
  ): void {
    state.answered = true;
    const info = readRateLimitHeaders(headers);
    if (!hasRateLimitInfo(info)) return;
    this.#skewMs = estimateClockSkewMs(headers, receivedAt);
    if (info.limit !== undefined) state.limit = info.limit;
    if (info.concurrentLimit !== undefined) {
      // ConcurrentRemaining was measured while this request ran, alongside
      // `ours` of our own; the rest of the limit is used by other clients
      // of the same token.
      const ours = state.inFlight.size + 1;
      state.concurrentCap = Math.max(
        1,
        info.concurrentRemaining === undefined
          ? info.concurrentLimit
          : Math.min(info.concurrentLimit, info.concurrentRemaining + ours),
      );
    }
    if (info.remaining === undefined || state.limit === undefined) return;
    const resetS =
      info.resetEpochSeconds ??
      Math.floor((receivedAt + this.#skewMs) / 1000) + 1; // Sentry's usual 1 s window
    if (state.closedResetS !== undefined && resetS <= state.closedResetS) {
      state.window?.forget(reservation);
      return;
    }
    const current = state.window?.resetS;
    if (!state.window || (current !== undefined && resetS > current)) {
      // The first count, or Sentry has moved on to a window our clock has
      // not reached: this request, and what may land in the next window, count in it.
      if (current !== undefined) state.closedResetS = current;
      state.window = new RateWindow(resetS, [
        reservation,
        ...this.#mayLandInNextWindow(state),
      ]);
    } else if (current === undefined) {
      state.window.resetS = resetS;
    } else if (resetS < current) {
      return; // an answer from a window an earlier answer moved past
    }
    state.window.learn(state.limit - info.remaining, reservation, receivedAt);
  }

  /** At the reset, a new window: ours still in flight, or cut off just before, may land in it. */
  #rollWindow(state: BucketState, now: number): void {
    const resetS = state.window?.resetS;
    if (resetS === undefined || now < this.#resetAtMs(resetS)) return;
    state.closedResetS = resetS;
    state.window = new RateWindow(undefined, this.#mayLandInNextWindow(state));
  }

  /** Ours in flight, and those that ended unanswered in the window now closing. */
  #mayLandInNextWindow(state: BucketState): BudgetReservation[] {
    const carried = [...state.inFlight, ...state.unanswered];
    state.unanswered = [];
    return carried;
  }

  /** 0: send now; a number: sleep that long; 'answer': wait for an in-flight request to end. */
  #waitNeeded(state: BucketState, now: number): number | 'answer' {
    if (state.blockedUntilMs !== undefined) {
      if (now < state.blockedUntilMs) return state.blockedUntilMs - now;
      state.blockedUntilMs = undefined;
    }
    const cap = state.answered ? state.concurrentCap : 1;
    if (cap !== undefined && state.inFlight.size >= cap) return 'answer';
    const { window, limit } = state;
    if (window && limit !== undefined && window.remaining(limit) <= 0) {
      if (window.resetS !== undefined) {
        return this.#resetAtMs(window.resetS) - now;
      }
      // The new window is used up by requests still in flight; their
      // answers will say when it resets. With none in flight, probe.
      if (state.inFlight.size > 0) return 'answer';
    }
    return 0;
  }

  /** When a window opens on our clock, margin included. */
  #resetAtMs(resetS: number): number {
    return resetS * 1000 - this.#skewMs + this.#marginMs;
  }

  #nextChange(state: BucketState, signal?: AbortSignal): Promise<void> {
    return new Promise((resolve, reject) => {
      let stopListening = () => {};
      const wake = () => {
        state.wakers.delete(wake);
        stopListening();
        resolve();
      };
      state.wakers.add(wake);
      stopListening = listenForAbort(signal, error => {
        state.wakers.delete(wake);
        reject(error);
      });
    });
  }

  #state(bucket: SentryEndpoint): BucketState {
    let state = this.#buckets.get(bucket);
    if (!state) {
      state = {
        inFlight: new Set(),
        unanswered: [],
        answered: false,
        wakers: new Set(),
      };
      this.#buckets.set(bucket, state);
    }
    return state;
  }
}

function seconds(ms: number): string {
  return `${Math.ceil(ms / 100) / 10} s`;
}

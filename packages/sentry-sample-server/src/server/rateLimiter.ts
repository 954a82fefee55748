import type { RateLimitOptions } from '../types/serverOptions';

/** What the limiter decided for one request; becomes the X-Sentry-Rate-Limit-* headers. */
export interface RateLimitDecision {
  limited: boolean;
  reason?: 'window' | 'concurrent';
  limit: number;
  remaining: number;
  /** Epoch seconds at which the current window ends. */
  resetEpochSeconds: number;
  windowSeconds: number;
  concurrentLimit: number;
  concurrentRemaining: number;
}

const DEFAULT_CONCURRENT_LIMIT = 25;

/**
 * Sentry's API rate limiter (middleware/ratelimit.py + ratelimits/redis.py): a fixed window aligned
 * to multiples of the window length, per caller and endpoint, counting every request (the
 * limited ones too), and a concurrent in-flight counter per the same key that is only reported
 * unless enforcement is switched on.
 */
export class RateLimiter {
  private readonly windows = new Map<
    string,
    { windowStart: number; count: number }
  >();
  private readonly inFlight = new Map<string, number>();
  /** Per endpoint: the highest count any one caller reached within one window. */
  readonly maxInWindow = new Map<string, number>();

  constructor(private readonly options: RateLimitOptions) {}

  get enabled(): boolean {
    return this.options.enabled !== false;
  }

  /** Counts a request into its window and in-flight counter; call release() when it ends. */
  admit(
    callerKey: string,
    endpointKey: string,
    nowMs: number,
  ): RateLimitDecision {
    const { limit, windowSeconds } = this.options;
    const concurrentLimit =
      this.options.concurrentLimit ?? DEFAULT_CONCURRENT_LIMIT;
    const key = `${endpointKey}\u0000${callerKey}`;

    const concurrent = (this.inFlight.get(key) ?? 0) + 1;
    this.inFlight.set(key, concurrent);

    const windowStart =
      Math.floor(nowMs / 1000 / windowSeconds) * windowSeconds;
    const window = this.windows.get(key);
    const count =
      window && window.windowStart === windowStart ? window.count + 1 : 1;
    this.windows.set(key, { windowStart, count });
    this.maxInWindow.set(
      endpointKey,
      Math.max(this.maxInWindow.get(endpointKey) ?? 0, count),
    );

    const overConcurrent =
      this.options.enforceConcurrent === true && concurrent > concurrentLimit;
    const overWindow = count > limit;
    const limited = this.enabled && (overConcurrent || overWindow);
    let reason: RateLimitDecision['reason'];
    if (limited) reason = overConcurrent ? 'concurrent' : 'window';
    return {
      limited,
      reason,
      limit,
      remaining: overWindow ? 0 : limit - count,
      resetEpochSeconds: windowStart + windowSeconds,
      windowSeconds,
      concurrentLimit,
      concurrentRemaining: Math.max(0, concurrentLimit - concurrent),
    };
  }

  release(callerKey: string, endpointKey: string): void {
    const key = `${endpointKey}\u0000${callerKey}`;
    const concurrent = (this.inFlight.get(key) ?? 1) - 1;
    if (concurrent <= 0) this.inFlight.delete(key);
    else this.inFlight.set(key, concurrent);
  }

  /**
   * The decision a 'rate-limit' fault fakes: the window is spent, and resets
   * at its end or `resetInSeconds` from now.
   */
  exhausted(nowMs: number, resetInSeconds?: number): RateLimitDecision {
    const { limit, windowSeconds } = this.options;
    const concurrentLimit =
      this.options.concurrentLimit ?? DEFAULT_CONCURRENT_LIMIT;
    const windowStart =
      Math.floor(nowMs / 1000 / windowSeconds) * windowSeconds;
    return {
      limited: true,
      reason: 'window',
      limit,
      remaining: 0,
      resetEpochSeconds:
        resetInSeconds === undefined
          ? windowStart + windowSeconds
          : Math.ceil(nowMs / 1000) + resetInSeconds,
      windowSeconds,
      concurrentLimit,
      concurrentRemaining: concurrentLimit - 1,
    };
  }

  resetStats(): void {
    this.maxInWindow.clear();
  }
}

/** The five headers Sentry sets on every rate-limited endpoint's response, 429 included. */
export function rateLimitHeaders(
  decision: RateLimitDecision,
): Record<string, string> {
  return {
    'X-Sentry-Rate-Limit-Remaining': String(decision.remaining),
    'X-Sentry-Rate-Limit-Limit': String(decision.limit),
    'X-Sentry-Rate-Limit-Reset': String(decision.resetEpochSeconds),
    'X-Sentry-Rate-Limit-ConcurrentRemaining': String(
      decision.concurrentRemaining,
    ),
    'X-Sentry-Rate-Limit-ConcurrentLimit': String(decision.concurrentLimit),
  };
}

/** The 429 body: a JSON *string*, not an object (DEFAULT_ERROR_MESSAGE / DEFAULT_CONCURRENT_ERROR_MESSAGE). */
export function rateLimitedBody(decision: RateLimitDecision): string {
  return decision.reason === 'concurrent'
    ? `You are attempting to go above the allowed concurrency for this endpoint. Concurrency limit is ${decision.concurrentLimit}`
    : `You are attempting to use this endpoint too frequently. Limit is ${decision.limit} requests in ${decision.windowSeconds} seconds`;
}

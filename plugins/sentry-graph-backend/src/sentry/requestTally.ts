import type { SentryEndpoint, SentryRequestObserver } from './types';

/** The answer of a request that got none: a network error, a timeout, an abort. */
export const NO_ANSWER = 'none';

/**
 * A run's requests by endpoint and answer, and its rate-limit waits by
 * endpoint. Plain data: the sync's worker hands it to the plugin's thread,
 * which records the metrics.
 */
export interface SentryRequestTallies {
  /** Requests sent, by endpoint, then by HTTP status ('200', '429', …) or NO_ANSWER. */
  answers: Partial<Record<SentryEndpoint, Record<string, number>>>;
  /** Requests that waited for their rate-limit window, by endpoint: how many, and how long in all. */
  waits: Partial<Record<SentryEndpoint, { count: number; totalMs: number }>>;
}

/** Counts what a SentryClient tells its observer. */
export class SentryRequestTally implements SentryRequestObserver {
  readonly #tallies: SentryRequestTallies = { answers: {}, waits: {} };

  answered(endpoint: SentryEndpoint, status: number | undefined): void {
    const byStatus = (this.#tallies.answers[endpoint] ??= {});
    const key = status === undefined ? NO_ANSWER : String(status);
    byStatus[key] = (byStatus[key] ?? 0) + 1;
  }

  waited(endpoint: SentryEndpoint, ms: number): void {
    const wait = (this.#tallies.waits[endpoint] ??= { count: 0, totalMs: 0 });
    wait.count++;
    wait.totalMs += ms;
  }

  /** A copy, so that what was handed over does not change after. */
  tallies(): SentryRequestTallies {
    return structuredClone(this.#tallies);
  }
}

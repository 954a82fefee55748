import type { LoggerService } from '@backstage/backend-plugin-api';
import { sleep } from './abort';
import { SentryRateLimitError } from './errors';
import { sendAttempt, type AttemptOutcome } from './httpAttempt';
import type { BudgetAnswer, RateBudget } from './RateBudget';
import type { BudgetReservation } from './rateWindow';
import { readRetryAfterMs } from './rateLimitHeaders';
import type { ResponseTimes } from './ResponseTimes';
import { backoffDelayMs, isRetryable } from './retry';
import type { Semaphore } from './Semaphore';
import type { WindowShares } from './WindowShares';
import type {
  SentryEndpoint,
  SentryRequestObserver,
  SentryRequestStats,
} from './types';

const USER_AGENT = 'sentry-graph/0.1';
/** 429s do not use the retry budget, but a server that never lets us in must not hold a run forever. */
export const MAX_RATE_LIMITED_IN_A_ROW = 10;

/** What a client shares with the clients forRegion derives from it. */
export interface SharedState {
  token: string;
  stats: SentryRequestStats;
  /** maxConcurrency: bounds the requests of endpoints for which Sentry announces no rate limit. */
  semaphore: Semaphore;
  /** The page windows of the listings read concurrently, split per endpoint. */
  windows: WindowShares;
  budget: RateBudget;
  responseTimes: ResponseTimes;
  timeoutMs: number;
  maxRetries: number;
  retryBaseDelayMs: number;
  retryMaxDelayMs: number;
  logger?: LoggerService;
  observer?: SentryRequestObserver;
  /** Removes the token from any text that may leave the client. */
  redact(text: string): string;
}

/**
 * Sends one GET until it succeeds, fails for good, or the retry and 429
 * bounds run out. Each send first waits for its rate-limit bucket, then,
 * where Sentry announces no limit (self-hosted, or before its first
 * answer), for a concurrency slot; both are given back as soon as the
 * answer is read. Where Sentry announces its limits, they bound the
 * requests: its rate and its concurrent limit, in the rate budget.
 */
export async function sendWithRetries(
  shared: SharedState,
  url: URL,
  endpoint: SentryEndpoint,
  signal: AbortSignal | undefined,
): Promise<{ body: unknown; headers: Headers }> {
  const { stats, budget } = shared;
  const path = url.pathname;
  let attempts = 0;
  let failures = 0;
  let rateLimitedInARow = 0;
  for (;;) {
    const reservation = await budget.acquire(endpoint, { path, signal });
    attempts++;
    const outcome = await sendOnce(
      shared,
      url,
      endpoint,
      reservation,
      attempts,
      signal,
      rateLimitedInARow,
    );

    if (outcome.kind === 'ok') return outcome;
    if (outcome.kind === 'rate-limited') {
      stats.rateLimited++;
      rateLimitedInARow++;
      if (rateLimitedInARow >= MAX_RATE_LIMITED_IN_A_ROW) {
        throw new SentryRateLimitError(
          `Sentry kept answering 429 Too Many Requests for GET ${path} ` +
            `(${rateLimitedInARow} times in a row${outcome.detail ? `: ${outcome.detail}` : ''}). ` +
            'Another client may be using the same rate limit; try again later.',
          { endpoint, path, attempts, status: 429 },
        );
      }
      shared.logger?.debug(
        `Sentry rate-limited GET ${path}; waiting for the window to reset`,
        { endpoint, attempt: attempts },
      );
      stats.retries++;
      continue;
    }

    rateLimitedInARow = 0;
    const error = outcome.error;
    if (!isRetryable(error) || failures >= shared.maxRetries) throw error;
    failures++;
    const delayMs = backoffDelayMs(
      failures,
      shared.retryBaseDelayMs,
      shared.retryMaxDelayMs,
    );
    shared.logger?.debug(
      `Retrying GET ${path} in ${delayMs} ms: ${shared.redact(error.message)}`,
      { endpoint, attempt: attempts },
    );
    await sleep(delayMs, signal);
    stats.retries++;
  }
}

/** One send inside the bucket reservation the caller holds; always ends it. */
async function sendOnce(
  shared: SharedState,
  url: URL,
  endpoint: SentryEndpoint,
  reservation: BudgetReservation,
  attempts: number,
  signal: AbortSignal | undefined,
  rateLimitedInARow: number,
): Promise<AttemptOutcome> {
  let outcome: AttemptOutcome | undefined;
  const unannounced = shared.budget.announced(endpoint) === undefined;
  try {
    if (unannounced) await shared.semaphore.acquire(signal);
    try {
      countRequest(shared.stats, endpoint);
      const sentAt = Date.now();
      outcome = await sendAttempt(url, {
        endpoint,
        path: url.pathname,
        attempts,
        signal,
        timeoutMs: shared.timeoutMs,
        headers: {
          Authorization: `Bearer ${shared.token}`,
          Accept: 'application/json',
          'User-Agent': USER_AGENT,
        },
      });
      if (outcome.kind === 'ok') {
        shared.responseTimes.record(endpoint, Date.now() - sentAt);
      }
      return outcome;
    } finally {
      // Each request countRequest counted, answered or not (aborted too).
      shared.observer?.answered(endpoint, outcome?.status);
      if (unannounced) shared.semaphore.release();
    }
  } finally {
    shared.budget.release(
      endpoint,
      reservation,
      budgetAnswer(shared, outcome, rateLimitedInARow),
    );
  }
}

function countRequest(
  stats: SentryRequestStats,
  endpoint: SentryEndpoint,
): void {
  stats.requests++;
  const byEndpoint = (stats.byEndpoint ??= {});
  byEndpoint[endpoint] = (byEndpoint[endpoint] ?? 0) + 1;
}

/** What the rate budget learns from an answer; nothing when Sentry did not answer. */
function budgetAnswer(
  shared: SharedState,
  outcome: AttemptOutcome | undefined,
  rateLimitedInARow: number,
): BudgetAnswer | undefined {
  if (!outcome?.headers || outcome.receivedAt === undefined) return undefined;
  const answer: BudgetAnswer = {
    headers: outcome.headers,
    receivedAt: outcome.receivedAt,
  };
  if (outcome.kind === 'rate-limited') {
    const { retryBaseDelayMs, retryMaxDelayMs } = shared;
    answer.rateLimited = {
      retryAfterMs: readRetryAfterMs(outcome.headers, Date.now()),
      // Used only when there is no reset to wait for: never retry a 429 at once.
      backoffMs: Math.max(
        retryBaseDelayMs,
        backoffDelayMs(
          rateLimitedInARow + 1,
          retryBaseDelayMs,
          retryMaxDelayMs,
        ),
      ),
    };
  }
  return answer;
}

/**
 * What one response says about its rate-limit window (sentry-api.md §5).
 * Every field is optional: self-hosted Sentry sends none of these headers.
 */
export interface RateLimitInfo {
  limit?: number;
  remaining?: number;
  /** Epoch seconds (server clock) at which the window resets. */
  resetEpochSeconds?: number;
  concurrentLimit?: number;
  concurrentRemaining?: number;
}

export function readRateLimitHeaders(headers: Headers): RateLimitInfo {
  return {
    limit: readNumber(headers, 'x-sentry-rate-limit-limit'),
    remaining: readNumber(headers, 'x-sentry-rate-limit-remaining'),
    resetEpochSeconds: readNumber(headers, 'x-sentry-rate-limit-reset'),
    concurrentLimit: readNumber(headers, 'x-sentry-rate-limit-concurrentlimit'),
    concurrentRemaining: readNumber(
      headers,
      'x-sentry-rate-limit-concurrentremaining',
    ),
  };
}

export function hasRateLimitInfo(info: RateLimitInfo): boolean {
  return Object.values(info).some(value => value !== undefined);
}

/**
 * Retry-After as milliseconds from `now`. Sentry's API sends none, but a
 * proxy in front of a self-hosted Sentry may; both the delay-seconds and
 * the HTTP-date form are valid.
 */
export function readRetryAfterMs(
  headers: Headers,
  now: number,
): number | undefined {
  const value = headers.get('retry-after')?.trim();
  if (!value) return undefined;
  if (/^\d+(\.\d+)?$/.test(value)) return Number(value) * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

const SKEW_NOISE_MS = 1500;

/**
 * How far the server clock is ahead of ours, in ms; 0 unless the difference
 * is gross. Reset is in server epoch seconds, so a local clock that is off
 * by minutes would make every window look long closed (429 storms) or far
 * away (needless waits). The Date header has one-second resolution and
 * arrives after some latency, so only differences beyond that noise count.
 */
export function estimateClockSkewMs(
  headers: Headers,
  receivedAt: number,
): number {
  const date = headers.get('date');
  if (!date) return 0;
  const serverMs = Date.parse(date);
  if (Number.isNaN(serverMs)) return 0;
  // Date is truncated to the second: the server's "now" was up to 1 s later.
  const skew = serverMs + 500 - receivedAt;
  return Math.abs(skew) > SKEW_NOISE_MS ? skew : 0;
}

function readNumber(headers: Headers, name: string): number | undefined {
  const raw = headers.get(name);
  if (raw === null || raw.trim() === '') return undefined;
  const value = Number(raw);
  return Number.isFinite(value) ? value : undefined;
}

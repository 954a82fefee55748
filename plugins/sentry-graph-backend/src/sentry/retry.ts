import {
  SentryNetworkError,
  SentryRequestError,
  SentryResponseError,
  SentryTimeoutError,
} from './errors';

/**
 * Whether sending the same request again may succeed: Sentry or the network
 * had a transient problem. 4xx answers (other than 429, handled by the rate
 * budget) will not change on retry, nor will a well-formed body of the wrong
 * shape.
 */
export function isRetryable(error: unknown): boolean {
  if (
    error instanceof SentryNetworkError ||
    error instanceof SentryTimeoutError
  ) {
    return true;
  }
  if (error instanceof SentryResponseError) {
    return error.problem === 'malformed-json';
  }
  return (
    error instanceof SentryRequestError &&
    error.constructor === SentryRequestError &&
    error.status !== undefined &&
    error.status >= 500
  );
}

/**
 * Exponential backoff with full jitter (a random delay up to the exponential
 * ceiling), so many clients that failed together do not retry together.
 * `retry` is 1 for the first retry.
 */
export function backoffDelayMs(
  retry: number,
  baseMs: number,
  maxMs: number,
  random: () => number = Math.random,
): number {
  const ceiling = Math.min(maxMs, baseMs * 2 ** Math.max(0, retry - 1));
  return Math.round(random() * ceiling);
}

import { isError, ResponseError } from '@backstage/errors';

/**
 * Whether an error means the sentry-graph backend cannot be reached at all:
 * the request never got an answer (the fetch itself failed), a proxy or
 * gateway answered for it, or no plugin is mounted at its path.
 */
export function isBackendUnreachable(error: unknown): boolean {
  if (ResponseError.is(error)) {
    return [404, 502, 503, 504].includes(error.statusCode);
  }
  // fetch fails with a TypeError; checked by name, which holds across realms.
  return isError(error) && error.name === 'TypeError';
}

/**
 * The message to show: the server's own words for an error in Backstage's
 * shape (never its stack), else the error's message.
 */
export function errorMessage(error: unknown): string {
  if (ResponseError.is(error)) {
    const serverMessage = error.body?.error?.message;
    return serverMessage
      ? `${serverMessage} (HTTP ${error.statusCode})`
      : `HTTP ${error.statusCode} ${error.statusText}`.trim();
  }
  return isError(error) ? error.message : String(error);
}

/** An HTTP status of a ResponseError, else undefined. */
export function statusOf(error: unknown): number | undefined {
  return ResponseError.is(error) ? error.statusCode : undefined;
}

/** Seconds from a 429's Retry-After header, when it has a number of them. */
export function retryAfterSeconds(error: unknown): number | undefined {
  if (!ResponseError.is(error)) return undefined;
  const value = Number(error.response.headers.get('Retry-After'));
  return Number.isFinite(value) && value > 0 ? Math.ceil(value) : undefined;
}

import { abortErrorFor } from './abort';
import {
  SentryNetworkError,
  SentryRequestError,
  SentryResponseError,
  SentryTimeoutError,
} from './errors';
import {
  errorForStatus,
  sentryDetail,
  type ResponseContext,
} from './responseErrors';

export interface AttemptOptions extends ResponseContext {
  headers: Record<string, string>;
  timeoutMs: number;
  signal?: AbortSignal;
}

/**
 * How one send of a request ended; the client decides whether to retry.
 * `status` is the HTTP status whenever Sentry answered.
 */
export type AttemptOutcome =
  | {
      kind: 'ok';
      body: unknown;
      status: number;
      headers: Headers;
      receivedAt: number;
    }
  | {
      kind: 'rate-limited';
      status: 429;
      headers: Headers;
      receivedAt: number;
      /** Sentry's words, e.g. 'Limit is 40 requests in 1 seconds'. */
      detail?: string;
    }
  | {
      kind: 'failed';
      error: SentryRequestError;
      /** Present when Sentry answered, so the rate budget can still learn from it. */
      status?: number;
      headers?: Headers;
      receivedAt?: number;
    };

/**
 * Sends one GET and reads the whole body under one timeout (a server that
 * sends headers and then stalls is as stuck as one that never answers).
 * Rejects only when the caller's signal aborts; every other ending is an
 * outcome.
 */
export async function sendAttempt(
  url: URL,
  options: AttemptOptions,
): Promise<AttemptOutcome> {
  const { signal, timeoutMs, path } = options;
  const context: ResponseContext = {
    endpoint: options.endpoint,
    path,
    attempts: options.attempts,
  };
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, timeoutMs);
  const onAbort = () => controller.abort();
  signal?.addEventListener('abort', onAbort, { once: true });

  let response: Response | undefined;
  let text: string;
  let receivedAt = 0;
  try {
    response = await fetch(url, {
      method: 'GET',
      headers: options.headers,
      signal: controller.signal,
      // A redirect to another host would carry the token along.
      redirect: 'manual',
    });
    receivedAt = Date.now();
    text = await response.text();
  } catch (error) {
    if (signal?.aborted) throw abortErrorFor(signal);
    const answered = response
      ? { status: response.status, headers: response.headers, receivedAt }
      : {};
    if (timedOut) {
      return {
        kind: 'failed',
        ...answered,
        error: new SentryTimeoutError(
          `Sentry did not answer GET ${path} within ${timeoutMs} ms; it may be ` +
            'overloaded, or the network is slow: try again later or raise timeoutMs.',
          { ...context, cause: error },
        ),
      };
    }
    return {
      kind: 'failed',
      ...answered,
      error: new SentryNetworkError(
        response
          ? `Sentry's answer to GET ${path} (${response.status}) broke off before its end ` +
              `(${describeNetworkError(error)}): the connection was reset or dropped.`
          : `Could not get an answer from Sentry for GET ${path} (${describeNetworkError(error)}); ` +
              'check the base URL and that this host can reach Sentry.',
        { ...context, cause: error },
      ),
    };
  } finally {
    clearTimeout(timer);
    signal?.removeEventListener('abort', onAbort);
  }

  const { status, headers } = response;
  if (status === 429) {
    return {
      kind: 'rate-limited',
      status,
      headers,
      receivedAt,
      detail: sentryDetail(text),
    };
  }
  if (status < 200 || status >= 300) {
    return {
      kind: 'failed',
      status,
      headers,
      receivedAt,
      error: errorForStatus(context, status, text, headers),
    };
  }
  try {
    return { kind: 'ok', body: JSON.parse(text), status, headers, receivedAt };
  } catch (error) {
    const html = /text\/html/i.test(headers.get('content-type') ?? '');
    return {
      kind: 'failed',
      status,
      headers,
      receivedAt,
      error: new SentryResponseError(
        `Sentry's answer to GET ${path} (${status}) is not valid JSON; ${
          html
            ? 'it is an HTML page: check that the base URL points at Sentry itself.'
            : 'it may have been cut off.'
        }`,
        { ...context, status, problem: 'malformed-json', cause: error },
      ),
    };
  }
}

/**
 * e.g. 'fetch failed: ECONNRESET', 'terminated: other side closed'. Duck-typed:
 * fetch's errors come from Node's own realm, where `instanceof Error` can
 * fail (as under Jest).
 */
function describeNetworkError(error: unknown): string {
  const { message, cause } = asErrorLike(error);
  const inner = asErrorLike(cause);
  const detail = inner.code ?? inner.message;
  return detail ? `${message}: ${detail}` : message;
}

function asErrorLike(value: unknown): {
  message: string;
  code?: string;
  cause?: unknown;
} {
  if (typeof value !== 'object' || value === null) {
    return { message: value === undefined ? '' : String(value) };
  }
  const record = value as Record<string, unknown>;
  return {
    message:
      typeof record.message === 'string' ? record.message : String(value),
    code: typeof record.code === 'string' ? record.code : undefined,
    cause: record.cause,
  };
}

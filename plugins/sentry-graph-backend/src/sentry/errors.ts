import type { SentryEndpoint } from './types';

export interface SentryRequestErrorOptions {
  endpoint: SentryEndpoint;
  /** URL path of the request, without query string and never with the token. */
  path: string;
  status?: number;
  /** How many times the request was sent before giving up. */
  attempts?: number;
  cause?: unknown;
}

/**
 * A Sentry request that failed for good. Subclasses say why; `status` is the
 * HTTP status when Sentry answered at all.
 */
export class SentryRequestError extends Error {
  readonly endpoint: SentryEndpoint;
  readonly path: string;
  readonly status?: number;
  readonly attempts: number;

  constructor(message: string, options: SentryRequestErrorOptions) {
    super(withAttempts(message, options.attempts), { cause: options.cause });
    this.name = 'SentryRequestError';
    this.endpoint = options.endpoint;
    this.path = options.path;
    this.status = options.status;
    this.attempts = options.attempts ?? 1;
  }
}

/** 401 (token invalid/expired) or 403 (token lacks a scope or belongs to another org). */
export class SentryPermissionError extends SentryRequestError {
  /** Any one of these scopes would have been accepted. */
  readonly requiredScopes: readonly string[];

  constructor(
    message: string,
    options: SentryRequestErrorOptions & { requiredScopes: readonly string[] },
  ) {
    super(message, options);
    this.name = 'SentryPermissionError';
    this.requiredScopes = options.requiredScopes;
  }
}

/** 404: unknown organization/team/project, wrong region host, or an endpoint this Sentry lacks. */
export class SentryNotFoundError extends SentryRequestError {
  constructor(message: string, options: SentryRequestErrorOptions) {
    super(message, options);
    this.name = 'SentryNotFoundError';
  }
}

/** 410: a deprecated endpoint during a brownout, or after its removal. */
export class SentryGoneError extends SentryRequestError {
  readonly deprecationDate?: string;
  readonly replacementEndpoint?: string;

  constructor(
    message: string,
    options: SentryRequestErrorOptions & {
      deprecationDate?: string;
      replacementEndpoint?: string;
    },
  ) {
    super(message, options);
    this.name = 'SentryGoneError';
    this.deprecationDate = options.deprecationDate;
    this.replacementEndpoint = options.replacementEndpoint;
  }
}

export type SentryResponseProblem =
  | 'malformed-json'
  | 'not-an-array'
  | 'invalid-body'
  | 'bad-link-header'
  | 'empty-page';

/** Sentry answered, but the answer cannot be used as it is. */
export class SentryResponseError extends SentryRequestError {
  readonly problem: SentryResponseProblem;

  constructor(
    message: string,
    options: SentryRequestErrorOptions & { problem: SentryResponseProblem },
  ) {
    super(message, options);
    this.name = 'SentryResponseError';
    this.problem = options.problem;
  }
}

/** Still rate limited: the reset is further away than allowed, or too many 429s in a row. */
export class SentryRateLimitError extends SentryRequestError {
  constructor(message: string, options: SentryRequestErrorOptions) {
    super(message, options);
    this.name = 'SentryRateLimitError';
  }
}

/** No answer: connection refused, reset or dropped, DNS failure. */
export class SentryNetworkError extends SentryRequestError {
  constructor(message: string, options: SentryRequestErrorOptions) {
    super(message, options);
    this.name = 'SentryNetworkError';
  }
}

/** No complete answer within the per-request timeout. */
export class SentryTimeoutError extends SentryRequestError {
  constructor(message: string, options: SentryRequestErrorOptions) {
    super(message, options);
    this.name = 'SentryTimeoutError';
  }
}

/**
 * The caller's AbortSignal fired. Its name is 'AbortError' (the convention
 * fetch and Node use) so callers can tell a cancelled run from a failure
 * with `error.name === 'AbortError'`.
 */
export class SentryAbortError extends Error {
  constructor(message = 'The Sentry request was aborted', cause?: unknown) {
    super(message, { cause });
    this.name = 'AbortError';
  }
}

function withAttempts(message: string, attempts: number | undefined): string {
  return attempts !== undefined && attempts > 1
    ? `${message} (gave up after ${attempts} attempts)`
    : message;
}

import { randomBytes } from 'node:crypto';

/** Error bodies exactly as Sentry (DRF) writes them; see sentry-api.md §6. */
export const ERROR_BODIES = {
  notAuthenticated: { detail: 'Authentication credentials were not provided.' },
  invalidToken: { detail: 'Invalid token' },
  invalidOrgToken: { detail: 'Invalid org token' },
  permissionDenied: {
    detail: 'You do not have permission to perform this action.',
  },
  notFound: { detail: 'The requested resource does not exist' },
  gone: { message: 'This API no longer exists.' },
} as const;

/** A 500 body carries the id of the event Sentry captured for it: 32 hex digits. */
export function internalErrorBody(): { detail: string; errorId: string } {
  return { detail: 'Internal Error', errorId: randomBytes(16).toString('hex') };
}

/** A failure that ends the request with a Sentry-shaped error response. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly body: unknown,
  ) {
    super(`HTTP ${status}`);
  }

  static badRequest(detail: string): ApiError {
    return new ApiError(400, { detail });
  }

  static notFound(): ApiError {
    return new ApiError(404, ERROR_BODIES.notFound);
  }

  static forbidden(): ApiError {
    return new ApiError(403, ERROR_BODIES.permissionDenied);
  }
}

import { ResponseError } from '@backstage/errors';

/** The names Backstage's error handler gives the errors the backend throws for these statuses. */
const ERROR_NAMES: Record<number, string> = {
  409: 'ConflictError',
  503: 'ServiceUnavailableError',
};

/**
 * The error the client throws for an answer in Backstage's error shape,
 * built the way the client builds it (ResponseError.fromResponse).
 */
export async function responseError(
  status: number,
  message: string,
  headers: Record<string, string> = {},
): Promise<ResponseError> {
  const body = JSON.stringify({
    error: {
      name: ERROR_NAMES[status] ?? 'Error',
      message,
      stack: `Error: ${message}\n    at secretInternals (/app/src/router.ts:42:7)`,
    },
    request: { method: 'GET', url: '/api/sentry-graph/status' },
    response: { statusCode: status },
  });
  return ResponseError.fromResponse({
    ok: false,
    redirected: false,
    type: 'cors',
    status,
    statusText: `Status ${status}`,
    url: 'http://localhost:7007/api/sentry-graph/status',
    headers: new Headers({ 'Content-Type': 'application/json', ...headers }),
    text: async () => body,
  });
}

import type { ServerResponse } from 'node:http';
import { STATUS_CODES } from 'node:http';
import { ERROR_BODIES, internalErrorBody } from './apiError';

export interface OutgoingResponse {
  status: number;
  body: unknown;
  headers: Record<string, string>;
  /**
   * The rate limiter's 429 is a Django HttpResponse: its JSON-string body goes out with Django's
   * default text/html content type, not application/json.
   */
  contentType?: string;
  /** 'malformed-json' fault: send only the first part of the serialized body. */
  truncateBody?: boolean;
  /**
   * 'reset' fault: announce the whole body, send the first part, then reset
   * the connection, as when Sentry's worker or a proxy dies mid-answer.
   */
  resetMidBody?: boolean;
  /** Sent as it is instead of serialized as JSON (a proxy's HTML error page). */
  rawBody?: string;
}

export function writeResponse(
  res: ServerResponse,
  response: OutgoingResponse,
): void {
  if (res.destroyed || res.headersSent) return;
  let text = response.rawBody ?? JSON.stringify(response.body);
  if (response.truncateBody) text = truncateJson(text);
  res.writeHead(response.status, {
    'Content-Type': response.contentType ?? 'application/json',
    'Content-Length': String(Buffer.byteLength(text)),
    ...response.headers,
  });
  if (!response.resetMidBody) {
    res.end(text);
    return;
  }
  // The headers and part of the body reach the client before the reset.
  res.write(text.slice(0, Math.floor(text.length / 2)), () =>
    res.socket?.resetAndDestroy(),
  );
}

/** Cuts a JSON text so that it can no longer be parsed (even "[]" becomes "["). */
function truncateJson(text: string): string {
  return text.length <= 2
    ? text.slice(0, 1)
    : text.slice(0, Math.max(1, Math.floor(text.length / 2)));
}

/** The body Sentry sends with a given status, for 'status' faults. */
export function bodyForStatus(status: number): unknown {
  if (status >= 500) return internalErrorBody();
  switch (status) {
    case 400:
      return { detail: 'Invalid request' };
    case 401:
      return ERROR_BODIES.invalidToken;
    case 403:
      return ERROR_BODIES.permissionDenied;
    case 404:
      return ERROR_BODIES.notFound;
    case 410:
      return ERROR_BODIES.gone;
    default:
      return { detail: STATUS_CODES[status] ?? `HTTP ${status}` };
  }
}

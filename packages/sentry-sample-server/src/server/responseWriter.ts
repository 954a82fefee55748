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

/** A response serialized, so its size is known before it is sent. */
export interface EncodedResponse {
  status: number;
  headers: Record<string, string>;
  text: string;
  resetMidBody?: boolean;
}

export function encodeResponse(response: OutgoingResponse): EncodedResponse {
  let text = response.rawBody ?? JSON.stringify(response.body);
  if (response.truncateBody) text = truncateJson(text);
  return {
    status: response.status,
    headers: {
      'Content-Type': response.contentType ?? 'application/json',
      'Content-Length': String(Buffer.byteLength(text)),
      ...response.headers,
    },
    text,
    resetMidBody: response.resetMidBody,
  };
}

export function sendEncoded(
  res: ServerResponse,
  encoded: EncodedResponse,
): void {
  if (res.destroyed || res.headersSent) return;
  res.writeHead(encoded.status, encoded.headers);
  if (!encoded.resetMidBody) {
    res.end(encoded.text);
    return;
  }
  // The headers and part of the body reach the client before the reset.
  res.write(encoded.text.slice(0, Math.floor(encoded.text.length / 2)), () =>
    res.socket?.resetAndDestroy(),
  );
}

export function writeResponse(
  res: ServerResponse,
  response: OutgoingResponse,
): void {
  sendEncoded(res, encodeResponse(response));
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

import { STATUS_CODES } from 'node:http';
import type { HandlerResponse } from './handlers/handlerContext';

/*
 * Faults that bend a real answer rather than replace it: what a client sees
 * when Sentry's pagination misbehaves, or when the proxy in front of Sentry
 * answers instead of Sentry.
 */

/**
 * The page a load balancer or reverse proxy (nginx, an ALB) serves for a 502
 * or 503 while Sentry's web workers are down: HTML, not Sentry's JSON.
 */
export function proxyErrorPage(status: number): string {
  const title = `${status} ${STATUS_CODES[status] ?? 'Error'}`;
  return (
    `<html>\r\n<head><title>${title}</title></head>\r\n<body>\r\n` +
    `<center><h1>${title}</h1></center>\r\n<hr><center>nginx</center>\r\n` +
    '</body>\r\n</html>\r\n'
  );
}

/**
 * 'empty-page': the page comes back with no rows while its Link header still
 * says results="true" for the next page, as a paginator that filters rows
 * after its query can answer. The rows of this page are not in it.
 */
export function asEmptyPage(response: HandlerResponse): HandlerResponse {
  if (!Array.isArray(response.body)) return response;
  return {
    ...response,
    body: [],
    headers: rewriteNextLink(response.headers, next => next),
  };
}

/**
 * 'cursor-loop': the Link header's next entry says results="true" and repeats
 * the cursor this page was asked with (the one the previous page named as
 * next), so a client that follows it blindly asks for this page forever. A
 * first page, asked without a cursor, names its usual next cursor: the loop
 * closes on the page after it.
 */
export function withLoopingCursor(
  response: HandlerResponse,
  requestCursor: string | null,
): HandlerResponse {
  return {
    ...response,
    headers: rewriteNextLink(response.headers, next => requestCursor || next),
  };
}

/** Sets the next entry's cursor (in its URL and its `cursor` parameter) and results="true". */
function rewriteNextLink(
  headers: Record<string, string> | undefined,
  cursorOf: (next: string) => string,
): Record<string, string> | undefined {
  const link = headers?.Link;
  if (!link) return headers;
  const entries = link.split(', <');
  const last = entries.length - 1;
  const match = /&cursor=([^>]*)>; rel="next"/.exec(entries[last]);
  if (!match) return headers;
  const cursor = cursorOf(match[1]);
  entries[last] = entries[last]
    .replace(/&cursor=[^>]*>/, `&cursor=${cursor}>`)
    .replace(/results="(true|false)"/, 'results="true"')
    .replace(/cursor="[^"]*"$/, `cursor="${cursor}"`);
  return { ...headers, Link: entries.join(', <') };
}

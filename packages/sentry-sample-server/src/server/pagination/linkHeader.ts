import { type Cursor, formatCursor } from './cursor';

/**
 * Endpoint.build_cursor_link + CURSOR_LINK_HEADER (src/sentry/api/base.py):
 * `<{uri}&cursor={cursor}>; rel="{name}"; results="{true|false}"; cursor="{cursor}"`, where uri is
 * the absolute path, "?", and the other query parameters without `cursor` — so with none left the
 * URL reads `…/?&cursor=…`.
 */
export function cursorLink(
  baseUrl: string,
  pathname: string,
  query: URLSearchParams,
  name: string,
  cursor: Cursor,
): string {
  const kept = new URLSearchParams();
  for (const [key, value] of query) {
    if (key !== 'cursor') kept.append(key, value);
  }
  const querystring = kept.toString();
  const uri = querystring
    ? `${baseUrl}${pathname}?${querystring}`
    : `${baseUrl}${pathname}?`;
  const text = formatCursor(cursor);
  return `<${uri}&cursor=${text}>; rel="${name}"; results="${cursor.hasResults ? 'true' : 'false'}"; cursor="${text}"`;
}

/** The Link header: always two entries, previous first, then next. */
export function linkHeader(
  baseUrl: string,
  pathname: string,
  query: URLSearchParams,
  prev: Cursor,
  next: Cursor,
): string {
  return [
    cursorLink(baseUrl, pathname, query, 'previous', prev),
    cursorLink(baseUrl, pathname, query, 'next', next),
  ].join(', ');
}

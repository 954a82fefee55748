import { ApiError } from '../apiError';

/**
 * Sentry's cursor: "{value}:{offset}:{is_prev}" (src/sentry/utils/cursors.py). `hasResults` is
 * not part of the string; it becomes the `results="…"` attribute of the Link header.
 */
export interface Cursor {
  value: number;
  offset: number;
  isPrev: boolean;
  hasResults?: boolean;
}

export const SENTRY_MAX_PER_PAGE = 100;

export function formatCursor(cursor: Cursor): string {
  return `${cursor.value}:${cursor.offset}:${cursor.isPrev ? 1 : 0}`;
}

// Python's int() accepts surrounding whitespace, a sign and digit-group underscores.
const PYTHON_INT = /^\s*[+-]?\d+(?:_\d+)*\s*$/;

function parsePythonInt(text: string): number | undefined {
  return PYTHON_INT.test(text)
    ? Number(text.trim().replace(/_/g, ''))
    : undefined;
}

/** Cursor.from_string: an int value (a float if it contains "."), an int offset, an int is_prev. */
export function parseCursor(text: string): Cursor {
  const bits = text.split(':');
  if (bits.length !== 3) throw invalidCursor();
  const value = bits[0].includes('.')
    ? parseFloatStrict(bits[0])
    : parsePythonInt(bits[0]);
  const offset = parsePythonInt(bits[1]);
  const isPrev = parsePythonInt(bits[2]);
  if (value === undefined || offset === undefined || isPrev === undefined)
    throw invalidCursor();
  return { value, offset, isPrev: isPrev !== 0 };
}

function parseFloatStrict(text: string): number | undefined {
  const trimmed = text.trim();
  return /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(trimmed)
    ? Number(trimmed)
    : undefined;
}

function invalidCursor(): ApiError {
  return ApiError.badRequest('Invalid cursor parameter.');
}

/** The `cursor` query parameter; an empty value counts as absent, as in Sentry's get_cursor. */
export function cursorFromQuery(query: URLSearchParams): Cursor | undefined {
  const text = query.get('cursor');
  return text ? parseCursor(text) : undefined;
}

/**
 * Endpoint.get_per_page: non-integers and values above the maximum are 400s. Values below 1 are
 * rejected with the newer source's message (older Sentry let them through and misbehaved).
 */
export function perPageFromQuery(
  query: URLSearchParams,
  defaultPerPage: number,
): number {
  const text = query.get('per_page');
  if (text === null) return defaultPerPage;
  const perPage = parsePythonInt(text);
  if (perPage === undefined)
    throw ApiError.badRequest('Invalid per_page parameter.');
  const max = Math.max(SENTRY_MAX_PER_PAGE, defaultPerPage);
  if (perPage > max)
    throw ApiError.badRequest(`Invalid per_page value. Cannot exceed ${max}.`);
  if (perPage < 1)
    throw ApiError.badRequest(
      `Invalid per_page value. Must be between 1 and ${max}.`,
    );
  return perPage;
}

import { InputError } from '@backstage/errors';
import type { SentryQuery } from './types';

/**
 * Accepts the forms people paste (trailing slash, with or without /api/0)
 * and keeps any path prefix, for a self-hosted Sentry served under a
 * sub-path. The result always ends with '/'.
 */
export function normalizeBaseUrl(baseUrl: string): URL {
  let url: URL;
  try {
    url = new URL(baseUrl.trim());
  } catch {
    throw new InputError(
      `The Sentry base URL '${baseUrl}' is not a valid URL; use e.g. https://sentry.io`,
    );
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new InputError(
      `The Sentry base URL must use http or https, got '${url.protocol}'`,
    );
  }
  if (url.username || url.password) {
    throw new InputError(
      'The Sentry base URL must not contain credentials; configure the token separately',
    );
  }
  url.search = '';
  url.hash = '';
  url.pathname = `${url.pathname.replace(/\/+$/, '').replace(/\/api\/0$/, '')}/`;
  return url;
}

/** `path` is relative to /api/0/, e.g. 'organizations/acme/members/'. */
export function buildApiUrl(base: URL, path: string, query?: SentryQuery): URL {
  if (/^[a-z][a-z0-9+.-]*:/i.test(path) || path.startsWith('//')) {
    // An absolute URL here would send the token to whatever host it names.
    throw new InputError(
      `Sentry API paths are relative to /api/0/, got an absolute URL`,
    );
  }
  const url = new URL(`api/0/${path.replace(/^\/+/, '')}`, base);
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value === undefined) continue;
    for (const item of Array.isArray(value) ? value : [value]) {
      url.searchParams.append(key, item);
    }
  }
  return url;
}

/**
 * Builds an API path with every interpolated value URL-encoded, so a slug
 * or release version can never change the path:
 * apiPath`organizations/${org}/members/`.
 */
export function apiPath(
  strings: TemplateStringsArray,
  ...values: Array<string | number>
): string {
  return strings.reduce(
    (path, part, index) =>
      index === 0
        ? part
        : `${path}${encodeURIComponent(String(values[index - 1]))}${part}`,
    '',
  );
}

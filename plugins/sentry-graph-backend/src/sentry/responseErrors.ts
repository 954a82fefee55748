import {
  SentryGoneError,
  SentryNotFoundError,
  SentryPermissionError,
  SentryRequestError,
} from './errors';
import { requiredScopes, tokenKindHints } from './requiredScopes';
import type { SentryEndpoint } from './types';

export interface ResponseContext {
  endpoint: SentryEndpoint;
  /** URL path, without the query string. */
  path: string;
  attempts: number;
}

/**
 * The error for a non-2xx answer other than 429 (which the rate budget
 * handles). Messages say what happened and what the operator can do.
 */
export function errorForStatus(
  context: ResponseContext,
  status: number,
  bodyText: string,
  headers: Headers,
): SentryRequestError {
  const { endpoint, path } = context;
  const options = { ...context, status };
  const detail = sentryDetail(bodyText);
  const html = /text\/html/i.test(headers.get('content-type') ?? '');
  let said = '';
  if (detail) said = `: ${detail}`;
  else if (html)
    said =
      ', an HTML page, likely from a proxy or load balancer in front of Sentry';
  const scopes = requiredScopes[endpoint];
  const hint = tokenKindHints[endpoint] ? ` ${tokenKindHints[endpoint]}` : '';

  if (status === 401) {
    return new SentryPermissionError(
      `Sentry rejected the token for GET ${path} (401${said}): it is invalid, expired ` +
        `or revoked, or the organization requires 2FA/SSO for it. Create a new token ` +
        `with one of these scopes: ${scopes.join(', ')}.`,
      { ...options, requiredScopes: scopes },
    );
  }
  if (status === 403) {
    return new SentryPermissionError(
      `The token may not read ${endpoint} (GET ${path}, 403${said}). It needs one of ` +
        `these scopes: ${scopes.join(', ')}, and must belong to this organization.${hint}`,
      { ...options, requiredScopes: scopes },
    );
  }
  if (status === 404) {
    return new SentryNotFoundError(
      `Sentry has no ${path} (404${said}). Check the organization, team or project ` +
        'slug; for a data-residency organization use its region URL (links.regionUrl); ' +
        'an older self-hosted Sentry may lack this endpoint.',
      options,
    );
  }
  if (status === 410) {
    const deprecationDate =
      headers.get('x-sentry-deprecation-date') ?? undefined;
    const replacementEndpoint =
      headers.get('x-sentry-replacement-endpoint') ?? undefined;
    return new SentryGoneError(
      `Sentry no longer serves GET ${path} (410 Gone${said}): the endpoint is ` +
        `deprecated${deprecationDate ? ` since ${deprecationDate}` : ''} and this may ` +
        `be a brownout of a few minutes or its removal. ${
          replacementEndpoint
            ? `Use ${replacementEndpoint} instead.`
            : 'Use its replacement endpoint.'
        }`,
      { ...options, deprecationDate, replacementEndpoint },
    );
  }
  if (status >= 500) {
    return new SentryRequestError(
      `Sentry answered ${status} for GET ${path}${said}; Sentry seems to be having ` +
        'trouble, try again later.',
      options,
    );
  }
  if (status >= 300 && status < 400) {
    const location = locationPath(headers.get('location'));
    return new SentryRequestError(
      `Sentry redirected GET ${path} (${status})${location ? ` to ${location}` : ''}. ` +
        'Redirects are not followed, so the token only goes to the configured host: ' +
        'update the base URL, or the slug if it was renamed.',
      options,
    );
  }
  return new SentryRequestError(
    `Sentry refused GET ${path} (${status}${said}). The request is not what this ` +
      'Sentry accepts; please report this with the Sentry version.',
    options,
  );
}

/**
 * Sentry's own words from an error body, one line: DRF `{"detail": "..."}`,
 * Sentry's `{"detail": {"code", "message"}}`, the 410 `{"message": ...}`,
 * or a bare JSON string (429). Non-JSON bodies (a proxy's HTML page) are left out.
 */
export function sentryDetail(bodyText: string): string | undefined {
  let body: unknown;
  try {
    body = JSON.parse(bodyText);
  } catch {
    return undefined;
  }
  const text = pickText(body);
  if (!text) return undefined;
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > 200 ? `${line.slice(0, 197)}...` : line;
}

function pickText(body: unknown): string | undefined {
  if (typeof body === 'string') return body;
  if (!isRecord(body)) return undefined;
  const { detail, message } = body;
  if (typeof detail === 'string') return detail;
  if (isRecord(detail) && typeof detail.message === 'string') {
    return typeof detail.code === 'string'
      ? `${detail.message} (${detail.code})`
      : detail.message;
  }
  return typeof message === 'string' ? message : undefined;
}

function locationPath(location: string | null): string | undefined {
  if (!location) return undefined;
  try {
    // Only the path: the host is the point of refusing, and a query could hold anything.
    return new URL(location, 'http://placeholder').pathname;
  } catch {
    return undefined;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

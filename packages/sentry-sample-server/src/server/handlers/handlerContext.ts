import type { Listing } from '../../collection';
import type { Caller, OrganizationAccess } from '../auth';
import type { OrganizationView } from '../organizationView';
import { cursorFromQuery, perPageFromQuery } from '../pagination/cursor';
import { linkHeader } from '../pagination/linkHeader';
import { offsetPage } from '../pagination/offsetPaginator';
import type { SampleStore } from '../sampleStore';

/** Everything a handler needs to answer one request. */
export interface RequestContext {
  pathname: string;
  query: URLSearchParams;
  /** Decoded path parameters by template name (org, team, project, member). */
  params: Record<string, string>;
  /**
   * Sentry's URL prefix: the scheme and Host of the request, or the configured urlPrefix. Link
   * URLs and the default regionUrl are built from it.
   */
  baseUrl: string;
  store: SampleStore;
  perPageDefault: number;
  caller: Caller;
}

/** A request under /organizations/{org}/…, /teams/{org}/… or /projects/{org}/…. */
export interface OrganizationRequest extends RequestContext {
  view: OrganizationView;
  access: OrganizationAccess;
}

/** What a route may look at to tell which page a request asks for (before auth has run). */
export interface PageIndexInput {
  query: URLSearchParams;
  params: Record<string, string>;
  store: SampleStore;
  perPageDefault: number;
  /** Undefined when the request does not authenticate. */
  caller?: Caller;
}

export interface HandlerResponse {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

/** Sentry's paginated list answer: a bare JSON array plus the Link header (and X-Hits if counted). */
export function offsetPaginated<T, U>(
  context: RequestContext,
  listing: Listing<T>,
  serialize: (item: T) => U,
  options: { countHits?: boolean } = {},
): HandlerResponse {
  const limit = perPageFromQuery(context.query, context.perPageDefault);
  const cursor = cursorFromQuery(context.query);
  const page = offsetPage(listing.count, cursor, limit);
  const items: U[] = [];
  for (let index = page.start; index < page.end; index++)
    items.push(serialize(listing.get(index)));
  const headers: Record<string, string> = {
    Link: linkHeader(
      context.baseUrl,
      context.pathname,
      context.query,
      page.prev,
      page.next,
    ),
  };
  if (options.countHits) Object.assign(headers, hitsHeaders(listing.count));
  return { status: 200, body: items, headers };
}

// Paginator.count_hits counts at most MAX_HITS_LIMIT rows, so X-Hits never exceeds 1000:
// a client must not read it as the size of a bigger listing.
const MAX_HITS_LIMIT = 1000;

export function hitsHeaders(total: number): Record<string, string> {
  return {
    'X-Hits': String(Math.min(total, MAX_HITS_LIMIT)),
    'X-Max-Hits': String(MAX_HITS_LIMIT),
  };
}

export function ok(
  body: unknown,
  headers?: Record<string, string>,
): HandlerResponse {
  return { status: 200, body, headers };
}

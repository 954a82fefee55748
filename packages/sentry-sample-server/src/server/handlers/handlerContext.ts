import type { Listing } from '../../collection';
import type { Caller, OrganizationAccess } from '../auth';
import type { OrganizationView } from '../organizationView';
import {
  type Cursor,
  cursorFromQuery,
  perPageFromQuery,
} from '../pagination/cursor';
import { linkHeader } from '../pagination/linkHeader';
import { keysetPageDescending } from '../pagination/keysetPaginator';
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
  const headers = pageLinks(context, page);
  if (options.countHits) Object.assign(headers, hitsHeaders(listing.count));
  return { status: 200, body: items, headers };
}

/** The Link header of a page: its previous and next cursors. */
function pageLinks(
  context: RequestContext,
  page: { prev: Cursor; next: Cursor },
): Record<string, string> {
  return {
    Link: linkHeader(
      context.baseUrl,
      context.pathname,
      context.query,
      page.prev,
      page.next,
    ),
  };
}

/**
 * A keyset-paginated answer (Paginator, DateTimePaginator) over rows whose keys descend:
 * `bodyOf` turns the page's row indices into the body; the Link header is added.
 */
export function keysetPaginated(
  context: RequestContext,
  keys: readonly number[],
  bodyOf: (indices: number[]) => unknown,
): HandlerResponse {
  const limit = perPageFromQuery(context.query, context.perPageDefault);
  const page = keysetPageDescending(
    keys,
    cursorFromQuery(context.query),
    limit,
  );
  return {
    status: 200,
    body: bodyOf(page.indices),
    headers: pageLinks(context, page),
  };
}

/** Which page a keyset request asks for (its first row's position / page size), for fault rules. */
export function keysetPageIndex(
  input: Pick<PageIndexInput, 'query' | 'perPageDefault'>,
  keys: readonly number[],
): number {
  const limit = perPageFromQuery(input.query, input.perPageDefault);
  const first = keysetPageDescending(keys, cursorFromQuery(input.query), limit)
    .indices[0];
  return first === undefined ? 0 : Math.floor(first / limit);
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

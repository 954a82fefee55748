import type { Listing } from '../../collection';
import { isoToEpochMs } from '../../isoTime';
import type { ReleaseJson } from '../../types/sentryJson';
import { ApiError } from '../apiError';
import {
  type DateRange,
  InvalidDateParams,
  optionalDateRange,
} from '../dateRange';
import {
  type HandlerResponse,
  offsetPaginated,
  type OrganizationRequest,
} from './handlerContext';
import { filteredListing, projectScopeOf, scopeCacheKey } from './projectScope';

/**
 * The `status` filter as the organization releases endpoint reads it
 * (src/sentry/releases/endpoints/organization_releases.py): `open` when the
 * parameter is missing, which also matches releases with no status; an
 * empty value skips the filter; anything but open or archived is a 400.
 */
function statusFilter(
  query: URLSearchParams,
): ((release: ReleaseJson) => boolean) | undefined {
  const status = query.get('status') ?? 'open';
  if (status === '') return undefined;
  if (status === 'open')
    return release => release.status === 'open' || release.status === null;
  if (status === 'archived') return release => release.status === 'archived';
  throw ApiError.badRequest('invalid value for status');
}

const SESSION_SORTS = [
  'crash_free_sessions',
  'crash_free_users',
  'sessions',
  'users',
  'sessions_24h',
  'users_24h',
];
const OTHER_SORTS = ['date', 'build', 'semver', 'adoption'];

/**
 * `sort` (default `date`, date_added newest first). The release-health sorts need
 * `flatten=1`; an unknown sort is a 400. The sample server orders every valid sort by date.
 */
function checkSort(query: URLSearchParams): void {
  const sort = query.get('sort') || 'date';
  if (SESSION_SORTS.includes(sort)) {
    if (query.get('flatten') !== '1')
      throw ApiError.badRequest(
        'sorting by crash statistics requires flattening (flatten=1)',
      );
    return;
  }
  if (!OTHER_SORTS.includes(sort)) throw ApiError.badRequest('invalid sort');
}

/**
 * get_filter_params(date_filter_optional=True): `start`/`end`, `statsPeriod` or
 * `statsPeriodStart`/`statsPeriodEnd`; a bad range is a 400 "Invalid date range: …".
 */
function dateRangeOf(query: URLSearchParams): DateRange | undefined {
  try {
    return optionalDateRange(query, Date.now());
  } catch (error) {
    if (error instanceof InvalidDateParams)
      throw ApiError.badRequest(`Invalid date range: ${error.message}`);
    throw error;
  }
}

/**
 * The releases created inside the range (date_added between start and end, both included),
 * found by binary search: the listing is newest first, so they are one run of it, and a
 * routine run's "since yesterday" costs a few reads even of XL's 500,000 releases.
 */
function createdWithin(
  listing: Listing<ReleaseJson>,
  range: DateRange,
): { listing: Listing<ReleaseJson>; from: number; to: number } {
  const firstIndex = (test: (createdMs: number) => boolean) => {
    let low = 0;
    let high = listing.count;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (test(isoToEpochMs(listing.get(middle).dateCreated))) high = middle;
      else low = middle + 1;
    }
    return low;
  };
  const from = firstIndex(createdMs => createdMs <= range.endMs);
  const to = Math.max(
    from,
    firstIndex(createdMs => createdMs < range.startMs),
  );
  return {
    listing: { count: to - from, get: index => listing.get(from + index) },
    from,
    to,
  };
}

/**
 * GET /organizations/{org}/releases/: OffsetPaginator, date_added newest first. `project`
 * (with Sentry's member-projects fallback when it is missing), `status`, the date range and
 * `sort` are honoured; `query` and `environment` are not implemented by the sample server.
 */
export function listReleases(context: OrganizationRequest): HandlerResponse {
  const { view, query } = context;
  checkSort(query);
  const scope = projectScopeOf(context, 'member-projects');
  const status = statusFilter(query);
  const range = dateRangeOf(query);
  const window = range
    ? createdWithin(view.releases, range)
    : { listing: view.releases, from: 0, to: view.releases.count };
  const inScope = (release: ReleaseJson) =>
    scope.kind === 'all' ||
    (Array.isArray(release.projects) &&
      release.projects.some(project => scope.ids.has(String(project.id))));
  if (scope.kind === 'all' && !status)
    return offsetPaginated(context, window.listing, release => release);
  const listing = filteredListing(
    view,
    `${scopeCacheKey('releases', scope)}:status=${query.get('status') ?? 'open'}:rows=${window.from}-${window.to}`,
    window.listing,
    release => inScope(release) && (!status || status(release)),
  );
  return offsetPaginated(context, listing, release => release);
}

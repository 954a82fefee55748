import type { ReleaseJson } from '../../types/sentryJson';
import { ApiError } from '../apiError';
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

/**
 * GET /organizations/{org}/releases/: OffsetPaginator, newest first. The `project` parameter is
 * honoured (with Sentry's member-projects fallback when it is missing), and so is `status`;
 * `query`, `environment` and other sorts are not implemented by the sample server.
 */
export function listReleases(context: OrganizationRequest): HandlerResponse {
  const { view, query } = context;
  const scope = projectScopeOf(context, 'member-projects');
  const status = statusFilter(query);
  const inScope = (release: ReleaseJson) =>
    scope.kind === 'all' ||
    (Array.isArray(release.projects) &&
      release.projects.some(project => scope.ids.has(String(project.id))));
  if (scope.kind === 'all' && !status)
    return offsetPaginated(context, view.releases, release => release);
  const listing = filteredListing(
    view,
    `${scopeCacheKey('releases', scope)}:status=${query.get('status') ?? 'open'}`,
    view.releases,
    release => inScope(release) && (!status || status(release)),
  );
  return offsetPaginated(context, listing, release => release);
}

import {
  type HandlerResponse,
  offsetPaginated,
  type OrganizationRequest,
} from './handlerContext';
import { filteredListing, projectScopeOf, scopeCacheKey } from './projectScope';

/**
 * GET /organizations/{org}/releases/: OffsetPaginator, newest first. The `project` parameter is
 * honoured (with Sentry's member-projects fallback when it is missing); `query`, `status`,
 * `environment` and other sorts are not implemented by the sample server.
 */
export function listReleases(context: OrganizationRequest): HandlerResponse {
  const { view } = context;
  const scope = projectScopeOf(context, 'member-projects');
  if (scope.kind === 'all')
    return offsetPaginated(context, view.releases, release => release);
  const listing = filteredListing(
    view,
    scopeCacheKey('releases', scope),
    view.releases,
    release =>
      Array.isArray(release.projects) &&
      release.projects.some(project => scope.ids.has(String(project.id))),
  );
  return offsetPaginated(context, listing, release => release);
}

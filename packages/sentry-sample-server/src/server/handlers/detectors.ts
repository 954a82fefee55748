import type { Listing } from '../../collection';
import type { DetectorJson } from '../../types/alertJson';
import { ApiError } from '../apiError';
import {
  allProjectsDetectorShown,
  isAllProjectsDetector,
} from './allProjectsDetector';
import {
  type HandlerResponse,
  offsetPaginated,
  ok,
  type OrganizationRequest,
} from './handlerContext';
import {
  accessibleProjectIds,
  filteredListing,
  projectScopeOf,
  scopeCacheKey,
} from './projectScope';
import { orderedBySortParam, type SortFields } from './sortBy';

/** The detector listing's sortBy fields; the sample server serves them all in id order. */
const DETECTOR_SORTS: SortFields<DetectorJson> = {
  name: null,
  id: null,
  type: null,
  connectedWorkflows: null,
  latestGroup: null,
  openIssues: null,
};

/**
 * GET /organizations/{org}/detectors/: OffsetPaginator by id with X-Hits; only detectors of the
 * requested (or, by default, the caller's member) projects. Sentry filters `project_id__in`, so
 * the organization-wide detector, which has no project, is never listed.
 */
export function listDetectors(context: OrganizationRequest): HandlerResponse {
  const { view } = context;
  const scope = projectScopeOf(context, 'member-projects');
  const listing: Listing<DetectorJson> = filteredListing(
    view,
    scopeCacheKey('detectors', scope),
    view.detectors,
    detector =>
      !isAllProjectsDetector(detector) &&
      (scope.kind === 'all' || scope.ids.has(detector.projectId)),
  );
  return offsetPaginated(
    context,
    orderedBySortParam(context, listing, DETECTOR_SORTS, 'detectors'),
    detector => detector,
    { countHits: true },
  );
}

/**
 * GET /organizations/{org}/detectors/{detector_id}/ (organization_detector_details.py): any
 * detector of the organization by numeric id, 404 otherwise; 403 when the caller cannot access
 * its project. The organization-wide detector is served only with its feature.
 */
export function detectorDetail(context: OrganizationRequest): HandlerResponse {
  const { view } = context;
  const detector = view.detectorById(context.params.detector);
  if (!detector) throw ApiError.notFound();
  if (isAllProjectsDetector(detector)) {
    if (!allProjectsDetectorShown(view)) throw ApiError.notFound();
    return ok(detector);
  }
  const accessible = accessibleProjectIds(view, context.access);
  if (accessible !== 'all' && !accessible.has(detector.projectId))
    throw ApiError.forbidden();
  return ok(detector);
}

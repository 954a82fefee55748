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
 * requested (or, by default, the caller's member) projects, or with `id` those ids among every
 * accessible project's. Sentry filters `project_id__in`, so the organization-wide detector,
 * which has no project, is never listed.
 */
export function listDetectors(context: OrganizationRequest): HandlerResponse {
  const { view } = context;
  const ids = detectorIdFilter(context.query);
  // Filtering by id searches every accessible project (include_all_accessible=True).
  const scope = projectScopeOf(context, ids ? 'accessible' : 'member-projects');
  // get_projects lists active projects only: a removed project's detectors
  // leave the listing at once, before their deletion runs.
  const listed = (detector: DetectorJson) =>
    !isAllProjectsDetector(detector) &&
    view.projectIndex(detector.projectId) !== undefined &&
    (scope.kind === 'all' || scope.ids.has(detector.projectId));
  const listing: Listing<DetectorJson> = ids
    ? detectorsById(view, ids, listed)
    : filteredListing(
        view,
        scopeCacheKey('detectors', scope),
        view.detectors,
        listed,
      );
  return offsetPaginated(
    context,
    orderedBySortParam(context, listing, DETECTOR_SORTS, 'detectors'),
    detector => detector,
    { countHits: true },
  );
}

/** The listed detectors among these ids, in id order (not cached: each id set is asked once). */
function detectorsById(
  view: OrganizationRequest['view'],
  ids: ReadonlySet<string>,
  listed: (detector: DetectorJson) => boolean,
): Listing<DetectorJson> {
  const found = [...ids]
    .map(id => view.detectorById(id))
    .filter(
      (detector): detector is DetectorJson => !!detector && listed(detector),
    )
    .sort((a, b) => (BigInt(a.id) < BigInt(b.id) ? -1 : 1));
  return { count: found.length, get: index => found[index] };
}

/**
 * `id` (repeatable): filter_detectors reads `int(id)` of each, answering 400
 * {"id": ["Invalid ID format"]} for any that is not an integer.
 */
function detectorIdFilter(query: URLSearchParams): Set<string> | undefined {
  const raw = query.getAll('id');
  if (raw.length === 0) return undefined;
  const ids = new Set<string>();
  for (const value of raw) {
    // Python's int() takes surrounding spaces and a sign.
    const match = /^\s*([+-]?\d+)\s*$/.exec(value);
    if (!match) throw new ApiError(400, { id: ['Invalid ID format'] });
    ids.add(String(BigInt(match[1])));
  }
  return ids;
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

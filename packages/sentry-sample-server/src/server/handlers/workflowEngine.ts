import type { Listing } from '../../collection';
import type { DetectorJson, WorkflowJson } from '../../types/alertJson';
import { ApiError } from '../apiError';
import type { OrganizationView } from '../organizationView';
import {
  type HandlerResponse,
  offsetPaginated,
  type OrganizationRequest,
} from './handlerContext';
import { filteredListing, projectScopeOf, scopeCacheKey } from './projectScope';

const WORKFLOW_SORTS = [
  'name',
  'id',
  'dateCreated',
  'dateUpdated',
  'connectedDetectors',
  'actions',
  'lastTriggered',
];
const DETECTOR_SORTS = [
  'name',
  'id',
  'type',
  'connectedWorkflows',
  'latestGroup',
  'openIssues',
];

/**
 * `sortBy` as the workflow-engine endpoints validate it (a bad field is a 400 with a field error).
 * The sample server orders by id only: `-id` reverses; other valid fields are served in id order.
 */
function orderedBySortParam<T>(
  context: OrganizationRequest,
  listing: Listing<T>,
  valid: readonly string[],
): Listing<T> {
  const sortBy = context.query.get('sortBy');
  if (sortBy === null) return listing;
  if (!valid.includes(sortBy.replace(/^-/, '')))
    throw new ApiError(400, { sortBy: ['Invalid sort field'] });
  if (sortBy !== '-id') return listing;
  return {
    count: listing.count,
    get: index => listing.get(listing.count - 1 - index),
  };
}

const detectorProjects = new WeakMap<OrganizationView, Map<string, string>>();

/** Detector id → project id, built once per organization to place workflows in projects. */
function projectOfDetector(view: OrganizationView): Map<string, string> {
  let map = detectorProjects.get(view);
  if (!map) {
    map = new Map();
    for (let index = 0; index < view.detectors.count; index++) {
      const detector = view.detectors.get(index);
      map.set(detector.id, detector.projectId);
    }
    detectorProjects.set(view, map);
  }
  return map;
}

/**
 * GET /organizations/{org}/workflows/: OffsetPaginator by id with X-Hits. All workflows are
 * listed, disabled ones too. A project filter keeps workflows connected (through detectors) to
 * those projects; detached workflows are kept unless specific projects were asked for.
 */
export function listWorkflows(context: OrganizationRequest): HandlerResponse {
  const { view } = context;
  const scope = projectScopeOf(context, 'all');
  let listing: Listing<WorkflowJson> = view.workflows;
  if (scope.kind === 'projects') {
    const projectOf = projectOfDetector(view);
    listing = filteredListing(
      view,
      scopeCacheKey('workflows', scope),
      view.workflows,
      workflow => {
        const detectorIds = Array.isArray(workflow.detectorIds)
          ? workflow.detectorIds
          : [];
        if (detectorIds.length === 0) return !scope.explicit;
        return detectorIds.some(id => scope.ids.has(projectOf.get(id) ?? ''));
      },
    );
  }
  return offsetPaginated(
    context,
    orderedBySortParam(context, listing, WORKFLOW_SORTS),
    workflow => workflow,
    {
      countHits: true,
    },
  );
}

/**
 * GET /organizations/{org}/detectors/: OffsetPaginator by id with X-Hits; only detectors of the
 * requested (or, by default, the caller's member) projects.
 */
export function listDetectors(context: OrganizationRequest): HandlerResponse {
  const { view } = context;
  const scope = projectScopeOf(context, 'member-projects');
  let listing: Listing<DetectorJson> = view.detectors;
  if (scope.kind === 'projects') {
    listing = filteredListing(
      view,
      scopeCacheKey('detectors', scope),
      view.detectors,
      detector => scope.ids.has(detector.projectId),
    );
  }
  return offsetPaginated(
    context,
    orderedBySortParam(context, listing, DETECTOR_SORTS),
    detector => detector,
    {
      countHits: true,
    },
  );
}

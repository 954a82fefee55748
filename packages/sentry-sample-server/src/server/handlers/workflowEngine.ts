import type { WorkflowJson } from '../../types/alertJson';
import { compareNumericIds } from '../../collection';
import { isoToEpochMs } from '../../isoTime';
import type { OrganizationView } from '../organizationView';
import {
  allProjectsDetectorShown,
  isAllProjectsDetector,
} from './allProjectsDetector';
import {
  type HandlerResponse,
  offsetPaginated,
  type OrganizationRequest,
} from './handlerContext';
import { filteredListing, projectScopeOf, scopeCacheKey } from './projectScope';
import { orderedBySortParam, type SortFields } from './sortBy';

/** SORT_COL_MAP of organization_workflow_index.py, with what each field sorts by. */
const WORKFLOW_SORTS: SortFields<WorkflowJson> = {
  name: workflow => workflow.name,
  id: null,
  dateCreated: workflow => isoToEpochMs(workflow.dateCreated),
  dateUpdated: workflow => isoToEpochMs(workflow.dateUpdated),
  connectedDetectors: workflow =>
    Array.isArray(workflow.detectorIds) ? workflow.detectorIds.length : 0,
  // Count of the actions of the workflow's action filter groups.
  actions: workflow =>
    (Array.isArray(workflow.actionFilters) ? workflow.actionFilters : [])
      .map(group => (Array.isArray(group.actions) ? group.actions.length : 0))
      .reduce((sum, count) => sum + count, 0),
  // The latest fire, or the epoch when the workflow never fired.
  lastTriggered: workflow =>
    workflow.lastTriggered ? isoToEpochMs(workflow.lastTriggered) : 0,
};

/** Where each detector leads: a project id, or 'all' for the organization-wide detector. */
const detectorTargets = new WeakMap<OrganizationView, Map<string, string>>();

function targetOfDetector(view: OrganizationView): Map<string, string> {
  let map = detectorTargets.get(view);
  if (!map) {
    map = new Map();
    for (let index = 0; index < view.detectors.count; index++) {
      const detector = view.detectors.get(index);
      map.set(
        detector.id,
        isAllProjectsDetector(detector) ? 'all' : detector.projectId,
      );
    }
    detectorTargets.set(view, map);
  }
  return map;
}

/**
 * Sentry reads a workflow's action filters with an unordered query (workflow_serializer.py), so
 * their order is arbitrary; the sample server serves them newest first so that no client comes to
 * rely on the order it happens to see.
 */
function serializeWorkflow(workflow: WorkflowJson): WorkflowJson {
  if (
    !Array.isArray(workflow.actionFilters) ||
    workflow.actionFilters.length < 2
  )
    return workflow;
  return {
    ...workflow,
    actionFilters: [...workflow.actionFilters].sort((a, b) =>
      compareNumericIds(b.id, a.id),
    ),
  };
}

/**
 * GET /organizations/{org}/workflows/: OffsetPaginator with X-Hits, disabled workflows too, by
 * id or by `sortBy` (`-dateUpdated` lists the workflows edited last first).
 * As `filter_workflows` does, it keeps the workflows connected (through detectors) to the
 * requested projects, or by default to every project the caller can access; detached workflows
 * unless specific projects were asked for; and, with the feature, those on the
 * organization-wide detector.
 */
export function listWorkflows(context: OrganizationRequest): HandlerResponse {
  const { view } = context;
  const scope = projectScopeOf(context, 'accessible');
  const allProjectsShown = allProjectsDetectorShown(view);
  const targetOf = targetOfDetector(view);
  const cacheKey = `${scopeCacheKey('workflows', scope)}:allProjects=${allProjectsShown}`;
  const listing = filteredListing(view, cacheKey, view.workflows, workflow => {
    const detectorIds = Array.isArray(workflow.detectorIds)
      ? workflow.detectorIds
      : [];
    if (detectorIds.length === 0)
      return scope.kind === 'all' || !scope.explicit;
    return detectorIds.some(id => {
      const target = targetOf.get(id);
      if (target === 'all') return allProjectsShown;
      return scope.kind === 'all' || scope.ids.has(target ?? '');
    });
  });
  return offsetPaginated(
    context,
    orderedBySortParam(context, listing, WORKFLOW_SORTS, cacheKey),
    serializeWorkflow,
    { countHits: true },
  );
}

import {
  SentryDetectorSchema,
  SentryNotFoundError,
  SentryWorkflowSchema,
  type SentryWorkflow,
} from '../../sentry';
import { orgPath, type OrganizationContext } from '../context';
import { STOP_LISTING, type KindTally } from '../KindTally';
import { fromWorkflow } from './alertRuleRecords';
import type { RuleWriter } from './alertRuleWriter';
import { IssueDetectors } from './issueDetectors';

export type WorkflowsOutcome =
  /** This Sentry has no workflows API (404 on the workflows or detectors listing). */
  | { api: 'absent' }
  /** Listed; `issueRules` is how many workflows were issue alert rules. */
  | { api: 'present'; issueRules: number };

/**
 * Issue alert rules from the workflows API: the workflows connected to an
 * issue-stream or error detector, linked to those detectors' projects, or
 * to every project for Sentry's organization-wide issue detector.
 */
export async function syncFromWorkflows(
  context: OrganizationContext,
  tally: KindTally,
  writer: RuleWriter,
  projectSlugs: ReadonlyMap<string, string>,
  /**
   * A routine run: epoch ms before which no workflow can have changed since
   * the last complete listing. The workflows are then read newest-updated
   * first up to the first page older than that, and their detectors looked
   * up one by one instead of listed.
   */
  updatedSince?: number,
): Promise<WorkflowsOutcome> {
  const detectors = new IssueDetectors(context);
  let issueRules = 0;
  try {
    if (updatedSince === undefined) {
      await tally.consume(
        {
          path: orgPath(context, 'detectors/'),
          endpoint: 'detectors',
          itemSchema: SentryDetectorSchema,
          query: { project: '-1' },
        },
        async page => page.forEach(detector => detectors.learn(detector)),
      );
    }
    await tally.consume(
      {
        path: orgPath(context, 'workflows/'),
        endpoint: 'workflows',
        itemSchema: SentryWorkflowSchema,
        ...(updatedSince === undefined
          ? {}
          : { query: { sortBy: '-dateUpdated' }, sequential: true }),
      },
      async page => {
        // A routine read writes only what changed since the last listing,
        // and learns those workflows' detectors together.
        const workflows =
          updatedSince === undefined
            ? page
            : page.filter(workflow => !olderThan(workflow, updatedSince));
        if (updatedSince !== undefined)
          await detectors.prefetch(workflows.flatMap(w => w.detectorIds));
        for (const workflow of workflows) {
          const target = await detectors.targetOf(workflow.detectorIds);
          // Metric, uptime and cron workflows, and detached ones, are other kinds of alert.
          if (!target) continue;
          const projectIds = target.allProjects
            ? [...projectSlugs.keys()]
            : target.projectIds;
          issueRules++;
          await writer.add([
            {
              record: fromWorkflow(
                workflow,
                { ...target, projectIds },
                projectSlugs,
              ),
              projectIds,
            },
          ]);
        }
        if (updatedSince !== undefined && workflows.length === 0)
          return STOP_LISTING;
        return undefined;
      },
    );
  } catch (error) {
    if (error instanceof SentryNotFoundError && isListing(error.endpoint))
      return { api: 'absent' };
    throw error;
  }
  return { api: 'present', issueRules };
}

/** Last updated before `since`; one without a date may be newer. */
function olderThan(workflow: SentryWorkflow, since: number): boolean {
  const updated = Date.parse(workflow.dateUpdated ?? '');
  return Number.isFinite(updated) && updated < since;
}

function isListing(endpoint: string): boolean {
  return endpoint === 'workflows' || endpoint === 'detectors';
}

import {
  SentryDetectorSchema,
  SentryNotFoundError,
  SentryWorkflowSchema,
} from '../../sentry';
import { orgPath, type OrganizationContext } from '../context';
import type { KindTally } from '../KindTally';
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
): Promise<WorkflowsOutcome> {
  const detectors = new IssueDetectors(context);
  let issueRules = 0;
  try {
    await tally.consume(
      {
        path: orgPath(context, 'detectors/'),
        endpoint: 'detectors',
        itemSchema: SentryDetectorSchema,
        query: { project: '-1' },
      },
      async page => page.forEach(detector => detectors.learn(detector)),
    );
    await tally.consume(
      {
        path: orgPath(context, 'workflows/'),
        endpoint: 'workflows',
        itemSchema: SentryWorkflowSchema,
      },
      async workflows => {
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
      },
    );
  } catch (error) {
    if (error instanceof SentryNotFoundError && isListing(error.endpoint))
      return { api: 'absent' };
    throw error;
  }
  return { api: 'present', issueRules };
}

function isListing(endpoint: string): boolean {
  return endpoint === 'workflows' || endpoint === 'detectors';
}

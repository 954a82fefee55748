import { BatchWriter } from '../../graph/BatchWriter';
import {
  alertRuleNode,
  hasRuleRelationship,
  type AlertRuleRecord,
  type Link,
} from '../../graph/schema';
import {
  apiPath,
  SentryDetectorSchema,
  SentryLegacyRuleSchema,
  SentryNotFoundError,
  SentryWorkflowSchema,
} from '../../sentry';
import { orgPath, type OrganizationContext } from '../context';
import { forEachConcurrently } from '../forEachConcurrently';
import { KindTally } from '../KindTally';
import {
  fromLegacyRule,
  fromWorkflow,
  ISSUE_DETECTOR_TYPES,
} from './alertRuleRecords';

interface RuleWithProjects {
  record: AlertRuleRecord;
  projectIds: string[];
}

/**
 * Issue alert rules from the workflows API, linked to projects through their
 * issue-stream and error detectors; the deprecated per-project rules API is
 * read only where the workflows API does not exist (404, older self-hosted).
 */
export async function syncAlertRules(
  context: OrganizationContext,
): Promise<KindTally> {
  const tally = new KindTally('alert-rules', context);
  const { store, scope, options } = context;
  const writer = new BatchWriter<RuleWithProjects>(async batch => {
    const links: Link[] = batch.flatMap(rule =>
      rule.projectIds.map(projectId => ({
        from: projectId,
        to: rule.record.id,
      })),
    );
    return (
      (await store.mergeNodes(
        alertRuleNode,
        batch.map(rule => rule.record),
        scope,
      )) + (await store.mergeRelationships(hasRuleRelationship, links, scope))
    );
  }, options.batchSize);

  try {
    const projectSlugs = await readProjectSlugs(context);
    const workflowsExist = await syncFromWorkflows(
      context,
      tally,
      writer,
      projectSlugs,
    );
    if (!workflowsExist)
      await syncFromLegacyRules(context, tally, writer, projectSlugs);
  } catch (error) {
    tally.fail(error, tally.result.source ?? 'workflows');
  }
  try {
    tally.result.written += await writer.close();
  } catch (error) {
    tally.fail(error, 'writing to Neo4j');
  }
  return tally;
}

/** Returns false when this Sentry has no workflows API. */
async function syncFromWorkflows(
  context: OrganizationContext,
  tally: KindTally,
  writer: BatchWriter<RuleWithProjects>,
  projectSlugs: ReadonlyMap<string, string>,
): Promise<boolean> {
  tally.result.source = 'workflows';
  // Only the detectors that stand for a project's issue stream make a workflow an issue alert.
  const issueDetectorProjects = new Map<string, string>();
  try {
    await tally.consume(
      {
        path: orgPath(context, 'detectors/'),
        endpoint: 'detectors',
        itemSchema: SentryDetectorSchema,
        query: { project: '-1' },
      },
      async detectors => {
        for (const detector of detectors) {
          if (ISSUE_DETECTOR_TYPES.has(detector.type)) {
            issueDetectorProjects.set(detector.id, detector.projectId);
          }
        }
      },
    );
    await tally.consume(
      {
        path: orgPath(context, 'workflows/'),
        endpoint: 'workflows',
        itemSchema: SentryWorkflowSchema,
      },
      async workflows => {
        const rules = workflows.flatMap(workflow => {
          const projectIds = [
            ...new Set(
              workflow.detectorIds.flatMap(id => {
                const projectId = issueDetectorProjects.get(id);
                return projectId ? [projectId] : [];
              }),
            ),
          ];
          // Metric, uptime and cron workflows, and detached ones, are other kinds of alert.
          if (projectIds.length === 0) return [];
          return [
            {
              record: fromWorkflow(workflow, projectIds, projectSlugs),
              projectIds,
            },
          ];
        });
        await writer.add(rules);
      },
    );
  } catch (error) {
    if (error instanceof SentryNotFoundError) return false;
    throw error;
  }
  return true;
}

async function syncFromLegacyRules(
  context: OrganizationContext,
  tally: KindTally,
  writer: BatchWriter<RuleWithProjects>,
  projectSlugs: ReadonlyMap<string, string>,
): Promise<void> {
  tally.result.source = 'rules';
  context.logger.info(
    `Organization ${context.organization.slug} has no workflows API; reading the deprecated per-project rules API`,
  );
  await forEachConcurrently(
    [...projectSlugs],
    context.options.listingConcurrency,
    async ([projectId, slug]) => {
      if (context.signal?.aborted) return;
      try {
        await tally.consume(
          {
            path: apiPath`projects/${context.organization.slug}/${slug}/rules/`,
            endpoint: 'legacy-rules',
            itemSchema: SentryLegacyRuleSchema,
          },
          rules =>
            writer.add(
              rules.map(rule => ({
                record: fromLegacyRule(rule, slug),
                projectIds: [projectId],
              })),
            ),
        );
      } catch (error) {
        tally.fail(error, `rules of project ${slug}`);
      }
    },
  );
}

/** Project id → slug for the organization's projects, as the graph has them now. */
async function readProjectSlugs(
  context: OrganizationContext,
): Promise<Map<string, string>> {
  const result = await context.store.read(
    'MATCH (:SentryOrganization {id: $organizationId})-[:RESOURCE]->(p:SentryProject) ' +
      'RETURN p.id AS id, p.slug AS slug',
    { organizationId: context.organization.id },
  );
  const slugs = new Map<string, string>();
  for (const record of result.records) {
    const id: unknown = record.get('id');
    const slug: unknown = record.get('slug');
    if (typeof id === 'string' && typeof slug === 'string') slugs.set(id, slug);
  }
  return slugs;
}

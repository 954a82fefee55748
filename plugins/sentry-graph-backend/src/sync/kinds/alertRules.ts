import type { AlertRuleSource } from '../../graph/schema';
import type { AlertRuleSourceSetting, OrganizationContext } from '../context';
import { KindTally } from '../KindTally';
import { createRuleWriter, type RuleWriter } from './alertRuleWriter';
import { syncFromLegacyRules } from './legacyRules';
import { syncFromWorkflows, type WorkflowsOutcome } from './workflowRules';

/**
 * Issue alert rules. Under `auto` the workflows API is read, and the legacy
 * rules API instead where the workflows API does not exist (404, older
 * self-hosted) or where an organization with projects has no issue-alert
 * workflow at all: self-hosted Sentry copies rules to workflows only with
 * `organizations:workflow-engine-issue-alert-dual-write`, off by default, so
 * its workflows can lack rules that the legacy API still lists.
 */
export async function syncAlertRules(
  context: OrganizationContext,
  /** This run's projects, when their listing completed; else the graph's are used. */
  listedProjectSlugs?: ReadonlyMap<string, string>,
): Promise<KindTally> {
  const tally = new KindTally('alert-rules', context);
  const writer = createRuleWriter(context);
  const routine = routineReadOf(context);
  try {
    if (routine === 'skip') {
      context.skip(
        'alert rules: they come from the deprecated per-project rules API here, read at full runs',
      );
    } else {
      await readAlertRules(
        context,
        tally,
        writer,
        listedProjectSlugs ?? (await readProjectSlugs(context)),
        routine?.updatedSince,
      );
    }
  } catch (error) {
    tally.fail(error, tally.result.source ?? 'workflows');
  }
  try {
    tally.result.written += await writer.close();
    if (tally.complete && tally.result.source && routine !== 'skip')
      await context.store.routine.markAlertRulesListed(
        context.scope,
        tally.result.source,
      );
  } catch (error) {
    tally.fail(error, 'writing to Neo4j');
  }
  return tally;
}

/**
 * How much a workflow's dateUpdated (Sentry's clock) may lag behind the
 * update tag (this machine's) and still be read by the next routine run.
 */
const CLOCK_MARGIN_MS = 15 * 60_000;

/**
 * A routine run reads the workflows changed since the last complete
 * listing, when the last one read workflows; the per-project rules API has
 * no such order, so its rules wait for the full run. Undefined: read all.
 */
function routineReadOf(
  context: OrganizationContext,
): { updatedSince: number } | 'skip' | undefined {
  const state = context.routine?.state;
  if (!state || state.alertRulesListed === undefined) return undefined;
  if (state.alertRulesSource === 'rules') return 'skip';
  return { updatedSince: state.alertRulesListed * 1000 - CLOCK_MARGIN_MS };
}

async function readAlertRules(
  context: OrganizationContext,
  tally: KindTally,
  writer: RuleWriter,
  projectSlugs: ReadonlyMap<string, string>,
  updatedSince: number | undefined,
) {
  const setting = context.options.alertRuleSource;
  let legacyBecause: string | undefined = 'the configured source is rules';
  if (setting !== 'rules') {
    tally.result.source = 'workflows';
    const outcome = await syncFromWorkflows(
      context,
      tally,
      writer,
      projectSlugs,
      updatedSince,
    );
    // A routine read is a part of the workflows: it cannot tell that none is an issue rule.
    legacyBecause =
      updatedSince === undefined || outcome.api === 'absent'
        ? whyLegacy(outcome, setting, tally, projectSlugs.size)
        : undefined;
    if (legacyBecause && setting === 'workflows') {
      tally.fail(
        new Error(
          `${legacyBecause}, and sentryGraph.sentry.alertRules.source is workflows`,
        ),
        'workflows',
      );
      legacyBecause = undefined;
    }
  }
  if (legacyBecause) {
    tally.result.source = 'rules';
    context.logger.info(
      `Reading the issue alert rules of ${context.organization.slug} from the deprecated per-project rules API: ${legacyBecause}`,
    );
    await syncFromLegacyRules(context, tally, writer, projectSlugs);
  }
}

/** Why the legacy rules API must be read after the workflows API, if it must. */
function whyLegacy(
  outcome: WorkflowsOutcome,
  setting: AlertRuleSourceSetting,
  tally: KindTally,
  projects: number,
): string | undefined {
  if (outcome.api === 'absent') return 'this Sentry has no workflows API (404)';
  const noIssueWorkflow =
    tally.complete && projects > 0 && outcome.issueRules === 0;
  if (setting === 'auto' && noIssueWorkflow)
    return 'it has projects but no issue-alert workflow';
  return undefined;
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

/** The `source` this run's alert rule nodes carry, for cleanup to spot a change of source. */
export function alertRuleSourceOf(
  tally: KindTally,
): { property: string; value: AlertRuleSource } | undefined {
  const source = tally.result.source;
  if (source === undefined) return undefined;
  return {
    property: 'source',
    value: source === 'rules' ? 'rule' : 'workflow',
  };
}

/*
 * Issue alert rules normalized from their two sources (graph-schema.md,
 * "Alert rules"): the workflows API and the deprecated per-project rules API.
 */
import type { AlertRuleRecord } from '../../graph/schema';
import type { SentryLegacyRule, SentryWorkflow } from '../../sentry';

/** Detector types that stand for a project's issue stream. */
export const ISSUE_DETECTOR_TYPES: ReadonlySet<string> = new Set([
  'issue_stream',
  'error',
]);

/** Sentry's workflow engine spells the legacy "any" as "any-short". */
function logicType(value: string | null | undefined): string | undefined {
  if (value === null || value === undefined) return undefined;
  return value === 'any-short' ? 'any' : value;
}

/** Sentry states frequencies in minutes; the graph stores seconds. */
function minutesToSeconds(
  minutes: number | null | undefined,
): number | undefined {
  return minutes === null || minutes === undefined ? undefined : minutes * 60;
}

export function fromWorkflow(
  workflow: SentryWorkflow,
  projectIds: readonly string[],
  projectSlugs: ReadonlyMap<string, string>,
): AlertRuleRecord {
  const slugs = projectIds
    .map(id => projectSlugs.get(id))
    .filter((slug): slug is string => slug !== undefined)
    .sort();
  return {
    id: workflow.id,
    name: workflow.name,
    dateCreated: workflow.dateCreated,
    actionMatch: logicType(workflow.triggers?.logicType),
    filterMatch: logicType(workflow.actionFilters[0]?.logicType),
    frequencySeconds: minutesToSeconds(workflow.config?.frequency),
    environment: workflow.environment,
    status: workflow.enabled ? 'active' : 'disabled',
    // With several projects, the first in slug order.
    projectSlug: slugs[0],
  };
}

export function fromLegacyRule(
  rule: SentryLegacyRule,
  projectSlug: string,
): AlertRuleRecord {
  return {
    id: rule.id,
    name: rule.name,
    dateCreated: rule.dateCreated,
    actionMatch: rule.actionMatch ?? 'all',
    filterMatch: rule.filterMatch ?? 'all',
    frequencySeconds: minutesToSeconds(rule.frequency),
    environment: rule.environment,
    status: rule.status ?? 'active',
    projectSlug,
  };
}

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

/**
 * Minutes, when a rule stores none: `Workflow.DEFAULT_FREQUENCY`
 * (src/sentry/workflow_engine/models/workflow.py) and
 * `Rule.DEFAULT_FREQUENCY`, which the legacy rule serializer sends as
 * `frequency or 30`.
 */
const DEFAULT_FREQUENCY_MINUTES = 30;

/** The projects a workflow alerts on. */
export interface RuleTarget {
  projectIds: readonly string[];
  /** On the organization-wide issue detector: every project of the organization. */
  allProjects: boolean;
}

/** Sentry's workflow engine spells the legacy "any" as "any-short". */
function logicType(value: string | null | undefined): string | undefined {
  if (value === null || value === undefined) return undefined;
  return value === 'any-short' ? 'any' : value;
}

/** Sentry states frequencies in minutes; the graph stores seconds. */
function frequencySeconds(minutes: number | null | undefined): number {
  return (minutes ?? DEFAULT_FREQUENCY_MINUTES) * 60;
}

/** Orders numeric id strings without converting them (they may pass 2^53). */
function compareNumericIds(a: string, b: string): number {
  return a.length - b.length || a.localeCompare(b, 'en');
}

/**
 * The action filter whose logic becomes `filter_match`: the one with the
 * lowest id, the oldest. Sentry serves a workflow's action filters from an
 * unordered query, so "the first one listed" would change between runs;
 * migrated rules have exactly one.
 */
export function primaryActionFilter<T extends { id?: string }>(
  filters: readonly T[],
): T | undefined {
  return [...filters].sort((a, b) =>
    a.id === undefined || b.id === undefined
      ? 0
      : compareNumericIds(a.id, b.id),
  )[0];
}

export function fromWorkflow(
  workflow: SentryWorkflow,
  target: RuleTarget,
  projectSlugs: ReadonlyMap<string, string>,
): AlertRuleRecord {
  const slugs = target.projectIds
    .map(id => projectSlugs.get(id))
    .filter((slug): slug is string => slug !== undefined)
    .sort();
  return {
    id: workflow.id,
    source: 'workflow',
    allProjects: target.allProjects,
    name: workflow.name,
    dateCreated: workflow.dateCreated,
    actionMatch: logicType(workflow.triggers?.logicType),
    filterMatch: logicType(
      primaryActionFilter(workflow.actionFilters)?.logicType,
    ),
    frequencySeconds: frequencySeconds(workflow.config?.frequency),
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
    source: 'rule',
    allProjects: false,
    name: rule.name,
    dateCreated: rule.dateCreated,
    actionMatch: rule.actionMatch ?? 'all',
    filterMatch: rule.filterMatch ?? 'all',
    // `frequency or 30`: Sentry serves a stored 0 as the default too.
    frequencySeconds: frequencySeconds(rule.frequency || null),
    environment: rule.environment,
    status: rule.status ?? 'active',
    projectSlug,
  };
}

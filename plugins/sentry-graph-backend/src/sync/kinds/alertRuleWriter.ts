import { BatchWriter } from '../../graph/BatchWriter';
import {
  alertRuleNode,
  hasRuleRelationship,
  type AlertRuleRecord,
  type Link,
} from '../../graph/schema';
import type { OrganizationContext } from '../context';

export interface RuleWithProjects {
  record: AlertRuleRecord;
  projectIds: readonly string[];
}

export type RuleWriter = BatchWriter<RuleWithProjects>;

/** Writes SentryAlertRule nodes and a HAS_RULE from each of their projects. */
export function createRuleWriter(context: OrganizationContext): RuleWriter {
  const { store, scope, options } = context;
  return new BatchWriter<RuleWithProjects>(async batch => {
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
}

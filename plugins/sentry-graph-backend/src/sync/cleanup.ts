import type { StaleCount } from '../graph/SentryGraphStore';
import type { RelationshipSpec } from '../graph/spec';
import type { OrganizationContext } from './context';
import type { KindTally } from './KindTally';

/** What one kind refreshes, and so may clean up when its listing completed. */
export interface CleanupTarget {
  /** The label of the kind's nodes (owned through RESOURCE). */
  nodeLabel?: string;
  /** Relationships the kind writes from nodes the organization owns. */
  relationships: ReadonlyArray<RelationshipSpec<never>>;
}

interface StaleItems {
  what: string;
  count(protectedIds: readonly string[]): Promise<StaleCount>;
  deleteBatch(protectedIds: readonly string[], limit: number): Promise<number>;
}

/**
 * Deletes what this run's complete listings no longer returned, scoped to
 * the organization and in bounded transactions. A kind whose listing did not
 * complete, or that would lose an implausible share of its items, is kept
 * and the reason recorded.
 */
export async function cleanupKind(
  context: OrganizationContext,
  tally: KindTally,
  target: CleanupTarget,
  /** Kinds whose complete listing this kind's cleanup also relies on. */
  dependsOn: readonly KindTally[] = [],
): Promise<void> {
  const items = staleItemsOf(context, target);
  const incompleteDependency = dependsOn.find(
    dependency => !dependency.complete,
  );
  const blocker =
    tally.cleanupBlocker() ??
    (incompleteDependency &&
      `the ${incompleteDependency.kind} listing did not complete`);
  if (blocker) {
    for (const item of items) tally.keep({ what: item.what, reason: blocker });
    return;
  }
  const protectedIds = tally.protectedIds;
  // Relationships first: deleting stale nodes removes theirs anyway, and the
  // guard should judge each set on its own.
  for (const item of items) {
    if (context.signal?.aborted) {
      tally.keep({ what: item.what, reason: 'the run was aborted' });
      continue;
    }
    const { total, stale } = await item.count(protectedIds);
    if (stale === 0) continue;
    const share = stale / total;
    if (
      share > context.options.maxDeletionShare &&
      !context.options.allowMassDeletion
    ) {
      tally.keep({
        what: item.what,
        count: stale,
        reason:
          `mass-deletion guard: would delete ${stale} of ${total} (${percent(share)}), ` +
          `more than the allowed ${percent(context.options.maxDeletionShare)}; ` +
          'run again with mass deletion allowed if Sentry really lost them',
      });
      continue;
    }
    tally.result.deleted += await deleteAll(context, item, protectedIds);
  }
}

async function deleteAll(
  context: OrganizationContext,
  item: StaleItems,
  protectedIds: readonly string[],
): Promise<number> {
  let deleted = 0;
  for (;;) {
    if (context.signal?.aborted) return deleted;
    const batch = await item.deleteBatch(
      protectedIds,
      context.options.deleteBatchSize,
    );
    deleted += batch;
    if (batch < context.options.deleteBatchSize) return deleted;
  }
}

function staleItemsOf(
  context: OrganizationContext,
  target: CleanupTarget,
): StaleItems[] {
  const { store, scope } = context;
  const items: StaleItems[] = target.relationships.map(spec => ({
    what: spec.type,
    count: ids => store.countStaleRelationships(spec, scope, ids),
    deleteBatch: (ids, limit) =>
      store.deleteStaleRelationships(spec, scope, ids, limit),
  }));
  const label = target.nodeLabel;
  if (label) {
    items.push({
      what: label,
      count: ids => store.countStaleNodes(label, scope, ids),
      deleteBatch: (ids, limit) =>
        store.deleteStaleNodes(label, scope, ids, limit),
    });
  }
  return items;
}

function percent(share: number): string {
  return `${Math.round(share * 100)}%`;
}

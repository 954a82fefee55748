import type { StaleCount } from '../graph/CleanupQueries';
import type { RelationshipSpec } from '../graph/spec';
import type { OrganizationContext, SyncEngineOptions } from './context';
import type { KindTally } from './KindTally';

/** What one kind refreshes, and so may clean up when its listing completed. */
export interface CleanupTarget {
  /** The label of the kind's nodes (owned through RESOURCE). */
  nodeLabel?: string;
  /** Relationships the kind writes from nodes the organization owns. */
  relationships: ReadonlyArray<RelationshipSpec<never>>;
  /**
   * The node property naming where this run read the kind from, and its
   * value this run. Stale nodes with another value came from another
   * source, whose ids all differ: see `sourceSwitchShare`.
   */
  source?: { property: string; value: string };
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
  const { relationships, node } = staleItemsOf(context, target);
  const items = node ? [...relationships, node] : relationships;
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
  if (node && (await sourceSwitched(context, target, protectedIds))) {
    // After a change of source the old nodes go first, their relationships
    // with them; while they are held back, so are their relationships.
    const kept = await cleanupItem(context, tally, node, protectedIds, true);
    const rest = kept
      ? `kept with the ${node.what} nodes of the previous source`
      : undefined;
    for (const item of relationships) {
      if (rest) tally.keep({ what: item.what, reason: rest });
      else await cleanupItem(context, tally, item, protectedIds, false);
    }
    return;
  }
  // Relationships first: deleting stale nodes removes theirs anyway, and the
  // guard should judge each set on its own.
  for (const item of items)
    await cleanupItem(context, tally, item, protectedIds, false);
}

/** Deletes one set of stale items unless the guard holds it; returns whether it held. */
async function cleanupItem(
  context: OrganizationContext,
  tally: KindTally,
  item: StaleItems,
  protectedIds: readonly string[],
  byCounts: boolean,
): Promise<boolean> {
  if (context.signal?.aborted) {
    tally.keep({ what: item.what, reason: 'the run was aborted' });
    return true;
  }
  const counts = await item.count(protectedIds);
  if (counts.stale === 0) return false;
  const share = byCounts
    ? sourceSwitchShare(counts)
    : counts.stale / counts.total;
  if (guardHolds(context.options, share)) {
    tally.keep({
      what: item.what,
      count: counts.stale,
      reason: guardReason(context, counts, share, byCounts),
    });
    return true;
  }
  tally.result.deleted += await deleteAll(context, item, protectedIds);
  return false;
}

const GUARD_OVERRIDE =
  'run again with mass deletion allowed if Sentry really lost them';

/** The guard's settings (`sync.maxDeletionShare`, `allowMassDeletion`). */
export type GuardOptions = Pick<
  SyncEngineOptions,
  'maxDeletionShare' | 'allowMassDeletion'
>;

/** The mass-deletion guard: losing more than this share in one run is implausible. */
export function guardHolds(options: GuardOptions, share: number): boolean {
  return share > options.maxDeletionShare && !options.allowMassDeletion;
}

/** Why the guard kept `stale` of `total` items. */
export function massDeletionReason(
  options: GuardOptions,
  { total, stale }: StaleCount,
  share: number,
): string {
  return (
    `mass-deletion guard: would delete ${stale} of ${total} (${percent(share)}), ` +
    `more than the allowed ${percent(options.maxDeletionShare)}; ${GUARD_OVERRIDE}`
  );
}

/** Whether stale nodes of another source are waiting to be replaced. */
async function sourceSwitched(
  context: OrganizationContext,
  target: CleanupTarget,
  protectedIds: readonly string[],
): Promise<boolean> {
  if (!target.source || !target.nodeLabel) return false;
  const replaced = await context.store.cleanup.countReplacedNodes(
    target.nodeLabel,
    context.scope,
    protectedIds,
    target.source,
  );
  return replaced > 0;
}

/**
 * A change of source changes every id, so the ids of the old and the new
 * items do not meet: the guard compares how many there were with how many
 * there are now, and holds back only a switch that loses too many.
 */
function sourceSwitchShare({ total, stale }: StaleCount): number {
  const now = total - stale;
  return Math.max(0, stale - now) / stale;
}

function guardReason(
  context: OrganizationContext,
  counts: StaleCount,
  share: number,
  byCounts: boolean,
): string {
  if (!byCounts) return massDeletionReason(context.options, counts, share);
  const { total, stale } = counts;
  return (
    `mass-deletion guard: the change of source would replace ${stale} with ${total - stale} ` +
    `(${percent(share)} fewer), more than the allowed ${percent(context.options.maxDeletionShare)}; ${GUARD_OVERRIDE}`
  );
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
): { relationships: StaleItems[]; node?: StaleItems } {
  const { scope } = context;
  const store = context.store.cleanup;
  const relationships: StaleItems[] = target.relationships.map(spec => ({
    what: spec.type,
    count: ids => store.countStaleRelationships(spec, scope, ids),
    deleteBatch: (ids, limit) =>
      store.deleteStaleRelationships(spec, scope, ids, limit),
  }));
  const label = target.nodeLabel;
  if (!label) return { relationships };
  return {
    relationships,
    node: {
      what: label,
      count: ids => store.countStaleNodes(label, scope, ids),
      deleteBatch: (ids, limit) =>
        store.deleteStaleNodes(label, scope, ids, limit),
    },
  };
}

function percent(share: number): string {
  return `${Math.round(share * 100)}%`;
}

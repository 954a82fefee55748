import type { ZodType } from 'zod';
import { SentryNotFoundError, type SentryEndpoint } from '../sentry';
import { guardHolds } from './cleanup';
import { listingConcurrencyOf, type OrganizationContext } from './context';
import { forEachConcurrently } from './forEachConcurrently';
import type { KindTally } from './KindTally';

/** How to ask Sentry whether a node a complete listing did not show still exists. */
export interface DeletionCheck<T> {
  tally: KindTally;
  label: string;
  /** The node property its detail request is addressed by. */
  key: 'id' | 'version';
  endpoint: SentryEndpoint;
  schema: ZodType<T>;
  /** The detail path, or undefined when Sentry cannot be asked about this key. */
  detailPath(key: string): string | undefined;
  /** Writes what Sentry still has, with its relationships; returns what it wrote. */
  refresh(items: T[]): Promise<number>;
}

/**
 * Offset pagination skips a row when an earlier one is deleted while a
 * listing runs, so a complete listing can miss an item that still exists.
 * Before cleanup, up to `confirmDeletions` stale nodes of the kind are each
 * looked up: a 404 confirms the deletion; a 200 keeps the node and refreshes
 * it. The others (beyond the cap, or whose lookup failed) are set aside and
 * deleted only if a later complete run misses them too. Returns the ids of
 * the nodes Sentry still has, whose relationships other kinds must keep.
 */
export async function confirmDeletions<T>(
  context: OrganizationContext,
  check: DeletionCheck<T>,
): Promise<string[]> {
  const { tally, label } = check;
  const { scope, options } = context;
  const store = context.store.cleanup;
  // Nothing will be deleted: no need to ask (cleanup says why).
  if (tally.cleanupBlocker()) return [];
  const protectedIds = tally.protectedIds;
  const counts = await store.countStaleNodes(label, scope, protectedIds);
  if (
    counts.stale === 0 ||
    guardHolds(context.options, counts.stale / counts.total)
  )
    return [];

  const candidates = await store.nodesToConfirm(
    label,
    scope,
    protectedIds,
    check.key,
    options.confirmDeletions,
  );
  const gone: string[] = [];
  const stillInSentry: Array<{ id: string; item: T }> = [];
  await forEachConcurrently(
    candidates,
    listingConcurrencyOf(context, check.endpoint),
    async ({ id, key }) => {
      const path = key === undefined ? undefined : check.detailPath(key);
      if (!path || context.signal?.aborted) return;
      try {
        const item = await context.client.getJson(path, {
          endpoint: check.endpoint,
          schema: check.schema,
          signal: context.signal,
        });
        stillInSentry.push({ id, item });
      } catch (error) {
        if (error instanceof SentryNotFoundError) gone.push(id);
        // Anything else proves nothing either way: the node waits.
      }
    },
  );
  if (context.signal?.aborted) return [];

  for (let i = 0; i < stillInSentry.length; i += options.batchSize) {
    const batch = stillInSentry.slice(i, i + options.batchSize);
    tally.result.written += await check.refresh(batch.map(s => s.item));
  }
  let setAside = 0;
  for (;;) {
    const marked = await store.setAside(
      label,
      scope,
      protectedIds,
      gone,
      options.deleteBatchSize,
    );
    setAside += marked;
    if (marked < options.deleteBatchSize) break;
  }
  tally.result.deletionChecks = {
    confirmed: gone.length,
    stillInSentry: stillInSentry.length,
    awaitingNextRun: setAside,
  };
  return stillInSentry.map(s => s.id);
}

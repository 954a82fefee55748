import { BatchWriter } from '../../graph/BatchWriter';
import type { OrganizationContext } from '../context';
import { STOP_LISTING, type KindTally, type Listing } from '../KindTally';

export interface WriteListingOptions<T> {
  /** Sees every valid item as it is listed. */
  onItem?: (item: T) => void;
  /** The writes wait for this (the nodes they link to); the listing does not. */
  after?: Promise<unknown>;
  /**
   * A routine run's read of a newest-first listing: the page's items worth
   * writing, and whether to read on; a page with nothing new ends it.
   */
  changedOnly?: (items: T[]) => Promise<{ changed: T[]; readOn: boolean }>;
}

/**
 * The common shape of a kind: page through its listings, all at once (one
 * listing's last pages would otherwise leave the rate budget idle while the
 * next one's first page answers), write each page's items in batches as
 * they arrive, and record a listing that did not finish. `writeBatch`
 * returns how many nodes and relationships it wrote.
 */
export async function writeListing<T>(
  context: OrganizationContext,
  tally: KindTally,
  listings: ReadonlyArray<Listing<T>>,
  writeBatch: (items: T[]) => Promise<number>,
  { onItem, after, changedOnly }: WriteListingOptions<T> = {},
): Promise<void> {
  const writer = new BatchWriter(writeBatch, context.options.batchSize, {
    after,
  });
  await Promise.all(
    listings.map(async listing => {
      try {
        await tally.consume(listing, async items => {
          if (onItem) items.forEach(onItem);
          if (!changedOnly) return writer.add(items);
          const { changed, readOn } = await changedOnly(items);
          await writer.add(changed);
          return readOn ? undefined : STOP_LISTING;
        });
      } catch (error) {
        tally.fail(error, listing.endpoint);
      }
    }),
  );
  try {
    tally.result.written += await writer.close();
  } catch (error) {
    // A failed write leaves the kind partly written: treat it as incomplete.
    tally.fail(error, 'writing to Neo4j');
  }
}

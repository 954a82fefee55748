import { BatchWriter } from '../../graph/BatchWriter';
import type { OrganizationContext } from '../context';
import type { KindTally, Listing } from '../KindTally';

/**
 * The common shape of a kind: page through its listings, one after the
 * other, write each page's items in batches as they arrive, and record a
 * listing that did not finish. `writeBatch` returns how many nodes and
 * relationships it wrote.
 */
export async function writeListing<T>(
  context: OrganizationContext,
  tally: KindTally,
  listings: ReadonlyArray<Listing<T>>,
  writeBatch: (items: T[]) => Promise<number>,
  onItem?: (item: T) => void,
): Promise<void> {
  const writer = new BatchWriter(writeBatch, context.options.batchSize);
  for (const listing of listings) {
    try {
      await tally.consume(listing, async items => {
        if (onItem) items.forEach(onItem);
        await writer.add(items);
      });
    } catch (error) {
      tally.fail(error, listing.endpoint);
    }
  }
  try {
    tally.result.written += await writer.close();
  } catch (error) {
    // A failed write leaves the kind partly written: treat it as incomplete.
    tally.fail(error, 'writing to Neo4j');
  }
}

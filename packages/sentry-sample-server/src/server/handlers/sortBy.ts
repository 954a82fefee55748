import {
  compareNumericIds,
  compareStrings,
  type Listing,
} from '../../collection';
import { ApiError } from '../apiError';
import type { OrganizationRequest } from './handlerContext';
import { viewCache } from './viewCache';

/** A sort field's value for one item: numbers and strings compare as such. */
export type SortKey<T> = (item: T) => number | string;

/** The fields an endpoint accepts; those with a key are really sorted by, the rest by id. */
export type SortFields<T> = Readonly<Record<string, SortKey<T> | null>>;

/** Sorting a lazy listing reads all of it: the order (indices) is kept per organization view. */
const cachedOrder = viewCache<number[]>(8);

/**
 * `sortBy` as the workflow-engine endpoints read it (SortByParam.parse,
 * workflow_engine/endpoints/utils/sortby.py): "[-]field", a bad field is a 400 with a field
 * error, and `id` breaks ties in the same direction. The listing comes in id order; fields
 * given no key here are served in id order (`-` reversing it).
 */
export function orderedBySortParam<T extends { id: string }>(
  context: OrganizationRequest,
  listing: Listing<T>,
  fields: SortFields<T>,
  cacheKey: string,
): Listing<T> {
  const sortBy = context.query.get('sortBy');
  if (sortBy === null) return listing;
  const descending = sortBy.startsWith('-');
  const field = descending ? sortBy.slice(1) : sortBy;
  if (!Object.hasOwn(fields, field))
    throw new ApiError(400, { sortBy: ['Invalid sort field'] });
  const keyOf = fields[field];
  if (!keyOf) {
    if (!descending) return listing;
    return {
      count: listing.count,
      get: index => listing.get(listing.count - 1 - index),
    };
  }
  const order = cachedOrder(context.view, `${cacheKey}:${sortBy}`, () => {
    const keys: Array<{ index: number; key: number | string; id: string }> = [];
    for (let index = 0; index < listing.count; index++) {
      const item = listing.get(index);
      keys.push({ index, key: keyOf(item), id: item.id });
    }
    const direction = descending ? -1 : 1;
    keys.sort(
      (a, b) =>
        direction *
        (compareKeys(a.key, b.key) || compareNumericIds(a.id, b.id)),
    );
    return keys.map(entry => entry.index);
  });
  return { count: order.length, get: index => listing.get(order[index]) };
}

function compareKeys(a: number | string, b: number | string): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return compareStrings(String(a), String(b));
}

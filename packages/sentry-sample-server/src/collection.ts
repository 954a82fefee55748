import type { Collection } from './types/sampleData';

/** A read-only, indexable listing in serving order: what the server pages through. */
export interface Listing<T> {
  readonly count: number;
  get(index: number): T;
}

export function isArrayCollection<T>(
  collection: Collection<T>,
): collection is readonly T[] {
  return Array.isArray(collection);
}

export function collectionCount<T>(collection: Collection<T>): number {
  return isArrayCollection(collection) ? collection.length : collection.count;
}

/**
 * The server's view of a collection: arrays are copied and sorted into Sentry's order once;
 * lazy collections are trusted to be in serving order and are never materialized.
 */
export function toListing<T>(
  collection: Collection<T>,
  compare: (a: T, b: T) => number,
): Listing<T> {
  if (isArrayCollection(collection)) {
    const sorted = [...collection].sort(compare);
    return { count: sorted.length, get: index => sorted[index] };
  }
  return collection;
}

export function listingFromArray<T>(items: readonly T[]): Listing<T> {
  return { count: items.length, get: index => items[index] };
}

/**
 * A lazy collection whose items are built on demand by `build(index)`. It also serializes to a
 * JSON array (materializing it then, on purpose) so generated data can be written to a file.
 */
export function lazyCollection<T>(
  count: number,
  build: (index: number) => T,
): Listing<T> & { toJSON(): T[] } {
  return {
    count,
    get(index: number): T {
      if (!Number.isInteger(index) || index < 0 || index >= count) {
        throw new RangeError(`index ${index} is outside 0..${count - 1}`);
      }
      return build(index);
    },
    toJSON(): T[] {
      return Array.from({ length: count }, (_, index) => build(index));
    },
  };
}

/** Compares non-negative integer strings numerically without overflowing (ids can exceed 2^53). */
export function compareNumericIds(a: string, b: string): number {
  const aNumeric = /^\d+$/.test(a);
  const bNumeric = /^\d+$/.test(b);
  if (aNumeric && bNumeric) {
    const aTrimmed = a.replace(/^0+(?=\d)/, '');
    const bTrimmed = b.replace(/^0+(?=\d)/, '');
    if (aTrimmed.length !== bTrimmed.length)
      return aTrimmed.length - bTrimmed.length;
    return compareStrings(aTrimmed, bTrimmed);
  }
  return compareStrings(a, b);
}

/** Plain code-unit order, like Postgres' "C" collation for ASCII slugs. */
export function compareStrings(a: string, b: string): number {
  if (a < b) return -1;
  if (a > b) return 1;
  return 0;
}

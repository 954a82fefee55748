import type { Listing } from '../collection';

/** What a batch of changes does to one listing, in the base listing's serving positions. */
export interface ListingPatch<T> {
  /** Base index → the item that now stands there. */
  replaced: Map<number, T>;
  /** Base indices of rows that are gone. */
  removed: Set<number>;
  /** New rows, each before the base row at `before` (`before` = count: at the end). */
  inserted: Array<{ before: number; item: T }>;
}

export function emptyPatch<T>(): ListingPatch<T> {
  return { replaced: new Map(), removed: new Set(), inserted: [] };
}

export function isEmptyPatch<T>(patch: ListingPatch<T>): boolean {
  return (
    patch.replaced.size === 0 &&
    patch.removed.size === 0 &&
    patch.inserted.length === 0
  );
}

type Piece<T> =
  { kind: 'base'; start: number; end: number } | { kind: 'item'; item: T };

/**
 * The base listing with a patch applied, without copying it: the result is a list of pieces
 * (runs of base rows and single new rows), so a patch of 50 releases on XL's 500,000 costs
 * a few dozen pieces, never 500,000 items.
 */
export function patchedListing<T>(
  base: Listing<T>,
  patch: ListingPatch<T>,
): Listing<T> {
  if (isEmptyPatch(patch)) return base;
  const byPosition = new Map<number, T[]>();
  for (const { before, item } of patch.inserted) {
    const list = byPosition.get(before) ?? [];
    list.push(item);
    byPosition.set(before, list);
  }
  const cuts = [...new Set([...byPosition.keys(), ...patch.removed])].sort(
    (a, b) => a - b,
  );
  const pieces: Array<Piece<T>> = [];
  let cursor = 0;
  for (const cut of cuts) {
    if (cut > cursor) pieces.push({ kind: 'base', start: cursor, end: cut });
    if (cut > cursor) cursor = cut;
    for (const item of byPosition.get(cut) ?? [])
      pieces.push({ kind: 'item', item });
    if (patch.removed.has(cut)) cursor = cut + 1;
  }
  if (cursor < base.count)
    pieces.push({ kind: 'base', start: cursor, end: base.count });

  const offsets: number[] = [];
  let count = 0;
  for (const piece of pieces) {
    offsets.push(count);
    count += piece.kind === 'item' ? 1 : piece.end - piece.start;
  }
  const baseItem = (index: number) =>
    patch.replaced.get(index) ?? base.get(index);
  return {
    count,
    get(index: number): T {
      if (!Number.isInteger(index) || index < 0 || index >= count)
        throw new RangeError(`index ${index} is outside 0..${count - 1}`);
      let low = 0;
      let high = pieces.length - 1;
      while (low < high) {
        const middle = (low + high + 1) >>> 1;
        if (offsets[middle] <= index) low = middle;
        else high = middle - 1;
      }
      const piece = pieces[low];
      return piece.kind === 'item'
        ? piece.item
        : baseItem(piece.start + index - offsets[low]);
    },
  };
}

/**
 * Where an item goes in a listing sorted by `compare`: the first base index whose row sorts
 * after it (a binary search: a few reads of a lazy listing, not a scan).
 */
export function insertionIndex<T>(
  base: Listing<T>,
  item: T,
  compare: (a: T, b: T) => number,
): number {
  let low = 0;
  let high = base.count;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (compare(base.get(middle), item) <= 0) low = middle + 1;
    else high = middle;
  }
  return low;
}

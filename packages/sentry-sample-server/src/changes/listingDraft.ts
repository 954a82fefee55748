import type { Listing } from '../collection';
import type { Collection } from '../types/sampleData';
import {
  emptyPatch,
  insertionIndex,
  isEmptyPatch,
  patchedListing,
} from './patchedListing';

/**
 * One listing while a batch is applied: reads see the batch's earlier changes, nothing is
 * copied, and `commit` yields the listing in serving order (or the original when untouched).
 */
export class ListingDraft<T> {
  private readonly patch = emptyPatch<T>();
  private readonly added = new Map<string, T>();

  constructor(
    private readonly source: Collection<T>,
    /** The listing in serving order. */
    readonly base: Listing<T>,
    /** The base row with this key, by the view's lookup. */
    private readonly indexOf: (key: string) => number | undefined,
    private readonly keyOf: (item: T) => string,
    private readonly compare: (a: T, b: T) => number,
  ) {}

  get(key: string): T | undefined {
    const added = this.added.get(key);
    if (added) return added;
    const index = this.indexOf(key);
    if (index === undefined || this.patch.removed.has(index)) return undefined;
    return this.patch.replaced.get(index) ?? this.base.get(index);
  }

  /** Replaces the row with the same key (which must exist). */
  set(item: T): void {
    const key = this.keyOf(item);
    if (this.added.has(key)) {
      this.added.set(key, item);
      return;
    }
    const index = this.indexOf(key);
    if (index === undefined) throw new Error(`no row ${key} to replace`);
    this.patch.replaced.set(index, item);
  }

  add(item: T): void {
    this.added.set(this.keyOf(item), item);
  }

  remove(key: string): void {
    if (this.added.delete(key)) return;
    const index = this.indexOf(key);
    if (index !== undefined) this.patch.removed.add(index);
  }

  /** Rows added by this batch, in the order they were added. */
  addedItems(): T[] {
    return [...this.added.values()];
  }

  commit(): Collection<T> {
    const sorted = [...this.added.values()].sort(this.compare);
    this.patch.inserted = sorted.map(item => ({
      before: insertionIndex(this.base, item, this.compare),
      item,
    }));
    if (isEmptyPatch(this.patch)) return this.source;
    return patchedListing(this.base, this.patch);
  }
}

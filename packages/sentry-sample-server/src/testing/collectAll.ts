import type { Collection } from '../types/sampleData';

/** Every item of a collection, in order (tests only: this materializes lazy collections). */
export function collectAll<T>(collection: Collection<T>): T[] {
  if (Array.isArray(collection)) return [...(collection as readonly T[])];
  const lazy = collection as { count: number; get(index: number): T };
  return Array.from({ length: lazy.count }, (_, index) => lazy.get(index));
}

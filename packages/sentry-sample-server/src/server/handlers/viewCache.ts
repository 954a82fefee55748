import type { OrganizationView } from '../organizationView';

/**
 * A cache of values worked out from one organization view (filtered or sorted row indices):
 * it goes with the view when the data changes, and keeps the `limit` newest keys per view.
 */
export function viewCache<T>(
  limit: number,
): (view: OrganizationView, key: string, build: () => T) => T {
  const byView = new WeakMap<OrganizationView, Map<string, T>>();
  return (view, key, build) => {
    let cache = byView.get(view);
    if (!cache) {
      cache = new Map();
      byView.set(view, cache);
    }
    let value = cache.get(key);
    if (value === undefined) {
      value = build();
      if (cache.size >= limit) {
        const oldest = cache.keys().next().value;
        if (oldest !== undefined) cache.delete(oldest);
      }
      cache.set(key, value);
    }
    return value;
  };
}

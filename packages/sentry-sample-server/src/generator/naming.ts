/**
 * Django's slugify (allow_unicode=False): decompose, drop what is not ASCII, lowercase, and turn
 * runs of other characters into single hyphens. Names in non-Latin scripts slugify to nothing,
 * so callers give those a fallback slug.
 */
export function slugify(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/[^\p{ASCII}]/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

/**
 * Names and unique slugs for `count` items, then their serving order by slug. `candidate(k)` names
 * item k; the result lists candidate indices sorted by slug, with their names and slugs.
 */
export function namesSortedBySlug(
  count: number,
  candidate: (index: number) => { name: string; slug?: string },
  fallbackSlug: (index: number) => string,
): { order: number[]; names: string[]; slugs: string[] } {
  const used = new Set<string>();
  const names: string[] = [];
  const slugs: string[] = [];
  for (let index = 0; index < count; index++) {
    const { name, slug } = candidate(index);
    const base = slug ?? (slugify(name) || fallbackSlug(index));
    let unique = base;
    for (let suffix = 2; used.has(unique); suffix++)
      unique = `${base}-${suffix}`;
    used.add(unique);
    names.push(name);
    slugs.push(unique);
  }
  const order = Array.from({ length: count }, (_, index) => index).sort(
    (a, b) => {
      if (slugs[a] < slugs[b]) return -1;
      if (slugs[a] > slugs[b]) return 1;
      return 0;
    },
  );
  return {
    order,
    names: order.map(index => names[index]),
    slugs: order.map(index => slugs[index]),
  };
}

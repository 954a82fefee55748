import type { FaultRule, ItemCorruption } from '../types/serverOptions';

/**
 * Chooses the fault (if any) for a request. Rules are tried in order; a rule with `times` stops
 * matching after it has been applied that many times. Page-specific rules need the page index,
 * which is computed only when such a rule could match (it may cost a data lookup).
 */
export class FaultInjector {
  private rules: readonly FaultRule[] = [];
  private readonly applied = new Map<FaultRule, number>();

  constructor(rules: readonly FaultRule[] = []) {
    this.set(rules);
  }

  set(rules: readonly FaultRule[]): void {
    this.rules = [...rules];
    this.applied.clear();
  }

  take(
    pathname: string,
    pageIndex: () => number | undefined,
  ): FaultRule | undefined {
    let page: number | undefined | null = null; // null = not computed yet
    for (const rule of this.rules) {
      if (
        rule.times !== undefined &&
        (this.applied.get(rule) ?? 0) >= rule.times
      )
        continue;
      if (!pathMatches(rule.path, pathname)) continue;
      if (rule.page !== undefined) {
        if (page === null) page = pageIndex();
        if (page !== rule.page) continue;
      }
      this.applied.set(rule, (this.applied.get(rule) ?? 0) + 1);
      return rule;
    }
    return undefined;
  }
}

function pathMatches(path: string | RegExp, pathname: string): boolean {
  if (typeof path === 'string') return pathname.includes(path);
  path.lastIndex = 0; // a /g or /y RegExp keeps state between test() calls
  return path.test(pathname);
}

const CORRUPTIONS: readonly ItemCorruption[] = [
  'missing-id',
  'wrong-id-type',
  'null-name',
  'wrong-field-type',
];

/**
 * 'invalid-items': breaks some items of a page the way a validating client must survive —
 * a missing id, an id of the wrong type, a null name, and a list field that is not a list —
 * each in turn, or all one way (`corruption`).
 */
export function corruptItems(
  body: unknown,
  rule: Pick<FaultRule, 'items' | 'corruption'> = {},
): unknown {
  const how = (which: number) =>
    rule.corruption ?? CORRUPTIONS[which % CORRUPTIONS.length];
  if (!Array.isArray(body)) {
    // A page whose items sit under `rows` (the audit log): break those.
    if (isRecord(body) && Array.isArray(body.rows))
      return { ...body, rows: corruptItems(body.rows, rule) };
    return isRecord(body) ? corruptItem(body, how(0)) : body;
  }
  const corrupted: unknown[] = body.map(item => item);
  const positions = [1, 3, 5, 7]
    .slice(0, rule.items ?? 4)
    .filter(position => position < corrupted.length);
  if (positions.length === 0 && corrupted.length > 0) positions.push(0);
  positions.forEach((position, which) => {
    const item = corrupted[position];
    if (isRecord(item)) corrupted[position] = corruptItem(item, how(which));
  });
  return corrupted;
}

/** The list fields the graph reads most: breaking these is what a client must notice. */
const PREFERRED_LIST_KEYS = [
  'teams',
  'projects',
  'detectorIds',
  'workflowIds',
  'actionFilters',
];

function corruptItem(
  item: Record<string, unknown>,
  how: ItemCorruption,
): Record<string, unknown> {
  const copy: Record<string, unknown> = { ...item };
  switch (how) {
    case 'missing-id':
      delete copy.id;
      break;
    case 'wrong-id-type':
      // The same id in the wrong type: ids are strings except release ids, which are integers.
      copy.id = typeof item.id === 'number' ? String(item.id) : Number(item.id);
      break;
    case 'null-name':
      if ('name' in copy) copy.name = null;
      else copy.version = null;
      break;
    case 'wrong-field-type': {
      const listKey = [...PREFERRED_LIST_KEYS, ...Object.keys(copy)].find(key =>
        Array.isArray(copy[key]),
      );
      const objectKey = ['user', ...Object.keys(copy)].find(key =>
        isRecord(copy[key]),
      );
      if (listKey) copy[listKey] = 'not-a-list';
      else if (objectKey) copy[objectKey] = 12345;
      else copy.id = null;
      break;
    }
    default: {
      const unknown: never = how;
      throw new Error(`Unknown item corruption: ${String(unknown)}`);
    }
  }
  return copy;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/*
 * A run's report: the errors and warnings its result lists, one line each,
 * gathered from its organizations, their kinds and the catalog.
 */
import type { CatalogResult } from '@sentry-graph/plugin-sentry-graph-common';
import type { InvalidItem, OrganizationResult, SyncRunKind } from './types';

/** Whether the catalog was read and cleaned up completely. */
export function catalogClean(catalog: CatalogResult): boolean {
  return catalog.status === 'complete' && catalog.kept.length === 0;
}

export function catalogErrors(catalog: CatalogResult): string[] {
  return [
    ...(catalog.error ? [`catalog: ${catalog.error}`] : []),
    ...catalog.kept
      .filter(kept => kept.count !== undefined)
      .map(
        kept =>
          `catalog: kept ${kept.count} stale ${kept.what}: ${kept.reason}`,
      ),
  ];
}

export function collectWarnings(organizations: OrganizationResult[]): string[] {
  return organizations.flatMap(org =>
    Object.entries(org.kinds).flatMap(([kind, result]) =>
      (result.warnings ?? []).map(warning => `${org.slug} ${kind}: ${warning}`),
    ),
  );
}

export function collectErrors(organizations: OrganizationResult[]): string[] {
  const errors: string[] = [];
  for (const org of organizations) {
    if (org.error) {
      // Its one kind, `organization`, carries the same message.
      errors.push(`${org.slug} organization: ${org.error}`);
      continue;
    }
    for (const [kind, result] of Object.entries(org.kinds)) {
      if (result.error) errors.push(`${org.slug} ${kind}: ${result.error}`);
      if (result.invalid > 0) {
        errors.push(
          `${org.slug} ${kind}: ${describeInvalidItems(result.invalid, result.invalidItems)}`,
        );
      }
      for (const kept of result.kept) {
        if (kept.count !== undefined) {
          errors.push(
            `${org.slug} ${kind}: kept ${kept.count} stale ${kept.what}: ${kept.reason}`,
          );
        }
      }
    }
  }
  return errors;
}

/** What each organization's routine run left out, one line each, named by organization. */
export function collectSkipped(organizations: OrganizationResult[]): string[] {
  return organizations.flatMap(org =>
    (org.skipped ?? []).map(line => `${org.slug}: ${line}`),
  );
}

/**
 * The run's kind: full when asked for, or when every organization had to
 * run full (say why); else routine, since some organization's deletions
 * wait for a full run.
 */
export function runKindOf(
  asked: SyncRunKind,
  organizations: OrganizationResult[],
): { kind: SyncRunKind; kindReason?: string } {
  if (asked === 'full') return { kind: 'full' };
  const full = organizations.filter(org => org.kind === 'full');
  const reasons = full.map(org => `${org.slug}: ${org.kindReason}`).join('; ');
  if (full.length > 0 && full.length === organizations.length)
    return {
      kind: 'full',
      kindReason: `a routine run became full (${reasons})`,
    };
  if (full.length > 0)
    return {
      kind: 'routine',
      kindReason: `some organizations ran full (${reasons})`,
    };
  return { kind: 'routine' };
}

/** e.g. '2 invalid item(s) skipped (first: teams 3002: name: expected string)'. */
export function describeInvalidItems(
  count: number,
  items: InvalidItem[],
): string {
  const [first] = items;
  const example = first
    ? ` (first: ${first.endpoint} ${first.id ?? 'without an id'}: ${first.reason})`
    : '';
  return `${count} invalid item(s) skipped${example}`;
}

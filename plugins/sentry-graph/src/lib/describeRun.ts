/*
 * A finished run's outcome in plain words, for people who do not read run
 * results: what went wrong where, and that nothing was lost because of it.
 */
import type {
  KindResult,
  SyncKind,
  SyncRunResult,
} from '@sentry-graph/plugin-sentry-graph-common';
import { KIND_LABELS } from './labels';
import { formatCount } from './time';

/** One line per problem: the organization, the kind, what happened and why. */
export function describeProblems(result: SyncRunResult): string[] {
  const lines: string[] = [];
  for (const organization of result.organizations) {
    const where = organization.slug;
    if (organization.error && Object.keys(organization.kinds).length <= 1) {
      lines.push(
        `${where}: could not be read (${organization.error}); its graph was kept as it was.`,
      );
      continue;
    }
    for (const [kind, kindResult] of Object.entries(
      organization.kinds,
    ) as Array<[SyncKind, KindResult | undefined]>) {
      if (kindResult) lines.push(...describeKind(where, kind, kindResult));
    }
  }
  const { catalog } = result;
  if (catalog?.status === 'incomplete') {
    lines.push(
      `The Backstage catalog was not read completely (${catalog.error ?? 'unknown error'}); the catalog's part of the graph was kept.`,
    );
  } else if (catalog) {
    for (const kept of catalog.kept) {
      const count =
        kept.count === undefined ? '' : `${formatCount(kept.count)} `;
      lines.push(
        `The Backstage catalog: ${count}${kept.what} kept: ${kept.reason}.`,
      );
    }
  }
  return lines;
}

function describeKind(
  organization: string,
  kind: SyncKind,
  result: KindResult,
): string[] {
  const lines: string[] = [];
  const what = `${organization}, ${KIND_LABELS[kind]}`;
  if (result.status === 'incomplete') {
    lines.push(
      `${what}: the listing did not complete (${result.error ?? 'unknown error'}); the data from earlier runs was kept.`,
    );
  } else {
    for (const kept of result.kept) {
      const count =
        kept.count === undefined ? '' : `${formatCount(kept.count)} `;
      lines.push(`${what}: ${count}${kept.what} kept: ${kept.reason}.`);
    }
  }
  if (result.invalid > 0) {
    const example = result.invalidItems[0]?.reason;
    lines.push(
      `${what}: ${formatCount(result.invalid)} invalid item(s) skipped${example ? ` (e.g. ${example})` : ''}.`,
    );
  }
  return lines;
}

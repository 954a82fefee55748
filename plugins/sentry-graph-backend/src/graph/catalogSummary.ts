import {
  CATALOG_FINDINGS,
  type CatalogSummary,
  type Finding,
} from '@sentry-graph/plugin-sentry-graph-common';
import { CATALOG_COUNTS, CATALOG_FINDINGS_QUERY } from './catalogSummaryCypher';
import type { GraphReader } from './Neo4jSessions';
import { numberField } from './recordFields';
import type { SentryLinks } from './sentryLinks';
import { finding } from './summary';

/**
 * The catalog joined to Sentry, for /summary: how many entities found their
 * counterpart, and the findings. Undefined while the graph holds no catalog.
 */
export async function readCatalogSummary(
  store: GraphReader,
  options: { componentTypes: string[]; links: SentryLinks; runId?: string },
): Promise<CatalogSummary | undefined> {
  const counts = (await store.read(CATALOG_COUNTS)).records[0];
  if (numberField(counts, 'entities') === 0) return undefined;
  const findings = (
    await store.read(CATALOG_FINDINGS_QUERY, {
      componentTypes: options.componentTypes,
    })
  ).records[0];
  return {
    computedAt: new Date().toISOString(),
    ...(options.runId ? { runId: options.runId } : {}),
    entities: {
      components: numberField(counts, 'components'),
      componentsWithSentryProject: numberField(
        counts,
        'componentsWithSentryProject',
      ),
      groups: numberField(counts, 'groups'),
      groupsWithSentryTeam: numberField(counts, 'groupsWithSentryTeam'),
      users: numberField(counts, 'users'),
      usersWithSentryAccount: numberField(counts, 'usersWithSentryAccount'),
    },
    findings: Object.fromEntries(
      CATALOG_FINDINGS.map(key => [
        key,
        finding(findings?.get(key), target =>
          // Only the Sentry projects no entity claims link into Sentry.
          key === 'projectsWithoutEntity' && target.organization
            ? options.links.node(target.organization, 'SentryProject', target)
            : undefined,
        ),
      ]),
    ) as Record<(typeof CATALOG_FINDINGS)[number], Finding>,
  };
}

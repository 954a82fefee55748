import {
  LISTED_FINDINGS,
  type Finding,
  type ListedFinding,
  type OrganizationSummary,
} from '@sentry-graph/plugin-sentry-graph-common';
import { createTestDatabases } from '../__testUtils__/testDatabases';
import { SummaryStore } from './SummaryStore';

const databases = createTestDatabases();

function summary(id: string, slug: string, teams: number): OrganizationSummary {
  return {
    computedAt: '2026-11-29T10:00:00.000Z',
    runId: '00000000-0000-4000-8000-000000000001',
    organization: {
      id,
      slug,
      url: `https://sentry.io/organizations/${slug}/`,
      require2fa: false,
    },
    nodes: { SentryOrganization: 1, SentryTeam: teams },
    relationships: {},
    findings: {
      ...(Object.fromEntries(
        LISTED_FINDINGS.map(key => [key, { count: 0, items: [] } as Finding]),
      ) as Record<ListedFinding, Finding>),
      membersWithout2fa: { count: 0, items: [], flagged: false },
    },
  };
}

describe('SummaryStore', () => {
  it.each(databases.eachSupportedId())(
    'knows when nothing was stored yet, then serves what was stored, by slug, on %p',
    async id => {
      const knex = await databases.init(id);
      const store = await SummaryStore.create({
        database: { getClient: async () => knex },
      });
      expect(await store.list()).toBeUndefined();

      await store.replaceAll([
        summary('2', 'globex', 3),
        summary('1', 'acme', 4),
      ]);
      expect(await store.list()).toEqual([
        summary('1', 'acme', 4),
        summary('2', 'globex', 3),
      ]);
      expect(await store.list('globex')).toEqual([summary('2', 'globex', 3)]);
      expect(await store.list('initech')).toEqual([]);

      // A refresh replaces every row: an organization no longer in the graph goes.
      await store.replaceAll([summary('1', 'acme', 5)]);
      expect(await store.list()).toEqual([summary('1', 'acme', 5)]);
    },
  );
});

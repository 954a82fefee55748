import type { GraphChange } from '@sentry-graph/plugin-sentry-graph-common';
import { acmeCatalog } from '../__testUtils__/catalogFixture';
import { useAcmeEnvironment } from '../__testUtils__/acmeEnvironment';
import { runTestSync } from '../__testUtils__/syncHarness';
import { withLinks } from './changeLinks';
import { SentryLinks } from './sentryLinks';

const env = useAcmeEnvironment();

const change = (
  kind: GraphChange['kind'],
  id: string,
  related?: GraphChange['related'],
): GraphChange => ({
  id: '1',
  runId: '00000000-0000-4000-8000-000000000000',
  recordedAt: '2026-12-08T00:00:00.000Z',
  organization: { id: '1001', slug: 'acme' },
  kind,
  entity: { id },
  change: 'added',
  ...(related ? { related } : {}),
});

describe('the links of a change', () => {
  it('points each entity the graph still has at its Sentry page and at the catalog entity linked to it', async () => {
    await runTestSync(env.sentry, env.graph, {
      catalog: { entities: acmeCatalog() },
    });
    const linked = await withLinks(
      env.graph.store.requestReads,
      new SentryLinks('https://sentry.example'),
      [
        // Claimed by an API and a component: the component is the service.
        change('project', '4001'),
        change('member', '2002', { kind: 'team', id: '3001' }),
        change('alertRule', '6001'),
        change('project', '9999'),
        change('organization', '1001'),
      ],
    );
    expect(linked.map(c => [c.entity, c.related])).toEqual([
      [
        {
          id: '4001',
          url: 'https://sentry.example/settings/acme/projects/api/',
          entityRef: 'component:default/checkout-api',
        },
        undefined,
      ],
      [
        {
          id: '2002',
          url: 'https://sentry.example/settings/acme/members/2002/',
          entityRef: 'user:default/bob',
        },
        {
          kind: 'team',
          id: '3001',
          url: 'https://sentry.example/settings/acme/teams/backend/',
          entityRef: 'group:default/backend',
        },
      ],
      [
        {
          id: '6001',
          url: expect.stringMatching(
            /^https:\/\/sentry\.example\/organizations\/acme\/(monitors\/alerts\/6001|alerts\/rules\/\w+\/6001\/details)\/$/,
          ),
        },
        undefined,
      ],
      // Gone, or never there: nothing to follow.
      [{ id: '9999' }, undefined],
      [
        { id: '1001', url: 'https://sentry.example/organizations/acme/' },
        undefined,
      ],
    ]);
  });
});

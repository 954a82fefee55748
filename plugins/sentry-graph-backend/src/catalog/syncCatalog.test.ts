import { acmeCatalog } from '../__testUtils__/catalogFixture';
import { useAcmeEnvironment } from '../__testUtils__/acmeEnvironment';
import { dumpGraph } from '../__testUtils__/dumpGraph';
import { runTestSync } from '../__testUtils__/syncHarness';
import { SentryLinks } from '../graph/sentryLinks';
import { readCatalogSummary } from '../graph/catalogSummary';

const env = useAcmeEnvironment();

/** Pairs (start id, end id) of one relationship type, sorted. */
async function links(type: string): Promise<string[]> {
  const rows = await env.graph.query<{ pair: string }>(
    `MATCH (a)-[:${type}]->(b) RETURN a.id + ' -> ' + b.id AS pair ORDER BY pair`,
  );
  return rows.map(row => row.pair);
}

const summaryOf = () =>
  readCatalogSummary(env.graph.store, {
    componentTypes: ['service', 'website'],
    links: new SentryLinks('https://sentry.example'),
  });

describe('joining the catalog to Sentry', () => {
  it('writes every entity with its kind label and links it to its Sentry project, team and account', async () => {
    const result = await runTestSync(env.sentry, env.graph, {
      catalog: { entities: acmeCatalog() },
    });
    expect(result.status).toBe('succeeded');
    expect(result.catalog).toMatchObject({
      status: 'complete',
      fetched: 15,
      deleted: 0,
      kept: [],
    });
    const labels = await env.graph.query<{ id: string; labels: string[] }>(
      'MATCH (e:BackstageEntity) RETURN e.id AS id, labels(e) AS labels ORDER BY id',
    );
    expect(
      labels.find(e => e.id === 'api:default/orders-api')?.labels.sort(),
    ).toEqual(['BackstageAPI', 'BackstageEntity']);
    expect(labels.filter(e => e.labels.includes('BackstageUser'))).toHaveLength(
      5,
    );

    // The annotation's `project` or `organization/project`, of any kind.
    expect(await links('HAS_SENTRY_PROJECT')).toEqual([
      'api:default/orders-api -> 4001',
      'component:default/checkout-api -> 4001',
      'component:default/storefront -> 4002',
    ]);
    // By name (backend) or by annotation (web-team -> frontend).
    expect(await links('HAS_SENTRY_TEAM')).toEqual([
      'group:default/backend -> 3001',
      'group:default/web-team -> 3002',
    ]);
    // By email, whatever its case; zed has no Sentry account.
    expect(await links('HAS_SENTRY_ACCOUNT')).toEqual([
      'user:default/bob -> 2002',
      'user:default/carol -> 2003',
      'user:default/dave -> 2004',
      'user:default/frank -> 2006',
    ]);
    expect(await links('OWNED_BY')).toEqual([
      'api:default/orders-api -> user:default/dave',
      'component:default/checkout-api -> group:default/backend',
      'component:default/storefront -> group:default/platform',
    ]);
    expect(await links('MEMBER_OF_GROUP')).toEqual([
      'user:default/bob -> group:default/backend',
      'user:default/carol -> group:default/backend',
      'user:default/dave -> group:default/backend',
      'user:default/frank -> group:default/web-team',
    ]);
    // Annotations that point nowhere are reported with their entity.
    expect(result.catalog?.unmatchedCount).toBe(2);
    expect(result.catalog?.unmatched).toEqual([
      {
        entityRef: 'component:default/ghost',
        annotation: 'sentry.io/project-slug',
        value: 'ghost',
      },
      {
        entityRef: 'group:default/lost',
        annotation: 'sentry.io/team-slug',
        value: 'no-such-team',
      },
    ]);
  });

  it('matches groups to teams only by annotation when teamMatch is annotation', async () => {
    await runTestSync(env.sentry, env.graph, {
      catalog: {
        entities: acmeCatalog(),
        options: { teamMatch: 'annotation' },
      },
    });
    expect(await links('HAS_SENTRY_TEAM')).toEqual([
      'group:default/web-team -> 3002',
    ]);
  });

  it('gives the findings only the catalog and Sentry together answer, exactly', async () => {
    await runTestSync(env.sentry, env.graph, {
      catalog: { entities: acmeCatalog() },
    });
    const summary = await summaryOf();
    expect(summary?.entities).toEqual({
      components: 5,
      componentsWithSentryProject: 2,
      groups: 4,
      groupsWithSentryTeam: 2,
      users: 5,
      usersWithSentryAccount: 4,
    });
    const ids = (key: keyof NonNullable<typeof summary>['findings']) =>
      summary?.findings[key].items.map(item => item.id);
    // Services and websites only: docs-lib is a library.
    expect(ids('componentsWithoutSentryProject')).toEqual([
      'component:default/billing',
      'component:default/ghost',
    ]);
    expect(summary?.findings.projectsWithoutEntity).toEqual({
      count: 1,
      items: [
        {
          id: '4003',
          name: 'Orphan',
          slug: 'orphan',
          organization: 'acme',
          url: 'https://sentry.example/settings/acme/projects/orphan/',
        },
      ],
    });
    expect(summary?.findings.annotationsPointingNowhere.items).toEqual([
      {
        id: 'component:default/ghost',
        entityRef: 'component:default/ghost',
        name: 'ghost',
        slug: 'ghost',
      },
    ]);
    // platform has no Sentry team; dave is a user, not a group.
    expect(ids('componentsWhoseOwnerLacksTheTeam')).toEqual([
      'api:default/orders-api',
      'component:default/storefront',
    ]);
    // bob: a manager (admin of every team) without 2FA, in backend, which has a team.
    // carol (team admin) has 2FA; dave has no admin rights.
    expect(summary?.findings.groupMembersAdminWithout2fa.items).toEqual([
      {
        id: 'user:default/bob',
        entityRef: 'user:default/bob',
        name: 'bob',
        email: 'bob@acme.test',
      },
    ]);
  });

  it('deletes the link when an annotation is removed, and an entity the catalog no longer has', async () => {
    await runTestSync(env.sentry, env.graph, {
      catalog: { entities: acmeCatalog() },
    });
    const before = await env.graph.query<{ firstseen: number }>(
      "MATCH (e:BackstageEntity {id: 'component:default/checkout-api'}) RETURN e.firstseen AS firstseen",
    );
    const second = await runTestSync(env.sentry, env.graph, {
      catalog: {
        entities: acmeCatalog({
          withoutCheckoutAnnotation: true,
          without: ['zed'],
        }),
      },
    });
    expect(second.catalog).toMatchObject({
      status: 'complete',
      deleted: 2,
      kept: [],
    });
    expect(await links('HAS_SENTRY_PROJECT')).toEqual([
      'api:default/orders-api -> 4001',
      'component:default/storefront -> 4002',
    ]);
    const after = await env.graph.query<{
      id: string;
      firstseen: number;
      project: unknown;
    }>(
      "MATCH (e:BackstageEntity) WHERE e.id IN ['component:default/checkout-api', 'user:default/zed'] RETURN e.id AS id, e.firstseen AS firstseen, e.sentry_project AS project",
    );
    expect(after).toEqual([
      {
        id: 'component:default/checkout-api',
        firstseen: before[0].firstseen,
        project: null,
      },
    ]);
  });

  it('deletes nothing when the catalog was not read to its end, and says why', async () => {
    await runTestSync(env.sentry, env.graph, {
      catalog: { entities: acmeCatalog() },
    });
    const graphBefore = await dumpGraph(env.graph);
    const result = await runTestSync(env.sentry, env.graph, {
      catalog: {
        read: () => ({
          async *[Symbol.asyncIterator]() {
            yield acmeCatalog().slice(0, 3);
            throw new Error('connect ECONNREFUSED 127.0.0.1:7007');
          },
        }),
      },
    });
    expect(result.status).toBe('partial');
    expect(result.catalog).toMatchObject({
      status: 'incomplete',
      fetched: 3,
      deleted: 0,
      error: expect.stringContaining('ECONNREFUSED'),
    });
    expect(result.catalog?.kept[0].reason).toMatch(
      /the catalog was not read completely/,
    );
    expect(result.errors).toContainEqual(
      expect.stringMatching(/^catalog: Reading the catalog failed/),
    );
    // Every node and relationship, properties included, is still there.
    const graphAfter = await dumpGraph(env.graph);
    expect(graphAfter.nodes).toEqual(graphBefore.nodes);
    expect(graphAfter.relationships).toEqual(graphBefore.relationships);
  });

  it('keeps the entities when most of the catalog vanishes at once (the mass-deletion guard)', async () => {
    await runTestSync(env.sentry, env.graph, {
      catalog: { entities: acmeCatalog() },
    });
    const result = await runTestSync(env.sentry, env.graph, {
      catalog: { entities: acmeCatalog().slice(0, 2) },
    });
    expect(result.status).toBe('partial');
    expect(result.catalog?.kept).toContainEqual({
      what: 'BackstageEntity',
      count: 13,
      reason: expect.stringMatching(
        /^mass-deletion guard: would delete 13 of 15/,
      ),
    });
    const count = await env.graph.query<{ n: number }>(
      'MATCH (e:BackstageEntity) RETURN count(e) AS n',
    );
    expect(count[0].n).toBe(15);
  });
});

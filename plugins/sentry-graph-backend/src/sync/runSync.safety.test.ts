import {
  startSampleServer,
  type FaultRule,
} from '@sentry-graph/sentry-sample-server';
import { SentryGraphStore } from '../graph/SentryGraphStore';
import {
  acmeOrganization,
  emptyOrganization,
  type FixtureOrganization,
} from '../__testUtils__/acmeFixture';
import { useAcmeEnvironment } from '../__testUtils__/acmeEnvironment';
import { legacyRuleJson } from '../__testUtils__/sentryJson';
import { runTestSync } from '../__testUtils__/syncHarness';
import { DEFAULT_SYNC_ENGINE_OPTIONS } from './context';
import { runSync } from './runSync';
import { mockServices } from '@backstage/backend-test-utils';

const env = useAcmeEnvironment();
const { graph } = env;

/** Acme with one item of every kind gone, so a cleanup that ran would show. */
function shrunkAcme(): FixtureOrganization {
  const acme = acmeOrganization();
  return {
    ...acme,
    members: acme.members.filter(m => m.id !== '2008'),
    teams: acme.teams.filter(t => t.id !== '3003'),
    teamMembers: { ...acme.teamMembers, ops: [] },
    projects: acme.projects.filter(p => p.id !== '4003'),
    releases: acme.releases.filter(r => r.version !== 'shared@1.0.0'),
    workflows: acme.workflows.filter(w => w.id !== '6006'),
  };
}

async function counts() {
  const [row] = await graph.query<Record<string, number>>(`
    MATCH (o:SentryOrganization {id: '1001'})
    RETURN COUNT { (o)-[:RESOURCE]->(:SentryUser) } AS users,
           COUNT { (o)-[:RESOURCE]->(:SentryTeam) } AS teams,
           COUNT { (o)-[:RESOURCE]->(:SentryProject) } AS projects,
           COUNT { (o)-[:RESOURCE]->(:SentryRelease) } AS releases,
           COUNT { (o)-[:RESOURCE]->(:SentryAlertRule) } AS rules,
           COUNT { ()-[:MEMBER_OF]->() } AS memberships,
           COUNT { ()-[:HAS_RULE]->() } AS hasRule`);
  return row;
}

const FULL = {
  users: 8,
  teams: 4,
  projects: 3,
  releases: 3,
  rules: 3,
  memberships: 6,
  hasRule: 4,
};

describe('a kind whose listing does not complete', () => {
  const cases: Array<[string, FaultRule, string, keyof typeof FULL]> = [
    [
      'members after retries',
      {
        path: /\/organizations\/acme\/members\/$/,
        kind: 'status',
        status: 502,
      },
      'members',
      'users',
    ],
    [
      'teams after retries',
      { path: /\/organizations\/acme\/teams\/$/, kind: 'status', status: 500 },
      'teams',
      'teams',
    ],
    [
      'projects on a dropped connection',
      { path: '/organizations/acme/projects/', kind: 'drop' },
      'projects',
      'projects',
    ],
    [
      'releases on malformed JSON',
      { path: '/organizations/acme/releases/', kind: 'malformed-json' },
      'releases',
      'releases',
    ],
    [
      'alert rules when workflows fail',
      { path: '/organizations/acme/workflows/', kind: 'status', status: 503 },
      'alert-rules',
      'rules',
    ],
    [
      'team memberships when one team fails',
      { path: '/teams/acme/ops/members/', kind: 'status', status: 500 },
      'team-memberships',
      'memberships',
    ],
  ];

  it.each(cases)('keeps its data: %s', async (_name, fault, kind, count) => {
    await runTestSync(env.sentry, graph);
    expect(await counts()).toEqual(FULL);

    env.sentry.setData({ organizations: [shrunkAcme()] });
    env.sentry.setFaults([fault]);
    const result = await runTestSync(env.sentry, graph, {
      sentry: { maxRetries: 2 },
    });

    expect(result.status).toBe('partial');
    const kinds = result.organizations[0].kinds;
    const failed = kinds[kind as keyof typeof kinds];
    expect(failed?.status).toBe('incomplete');
    expect(failed?.deleted).toBe(0);
    expect(failed?.kept.length).toBeGreaterThan(0);
    expect(result.errors.join('\n')).toContain(kind);
    const after = await counts();
    expect(after[count]).toBe(FULL[count]);
    // The other kinds synced and cleaned up.
    const others = Object.entries(kinds).filter(
      ([k]) => k !== kind && k !== 'organization',
    );
    for (const [, other] of others) {
      if (kind === 'teams' || kind === 'members') continue; // memberships rely on both
      expect(other?.status).toBe('complete');
    }
    expect(result.requests.retries).toBeGreaterThan(0);
  });
});

describe('permissions and deprecations', () => {
  it('fails only the kind a 403 forbids and names the missing scope', async () => {
    await runTestSync(env.sentry, graph);
    const withoutMemberScope = await startSampleServer({
      data: { organizations: [shrunkAcme()] },
      tokens: [
        {
          token: 'sample-token',
          scopes: ['org:read', 'team:read', 'project:read', 'alerts:read'],
        },
      ],
    });
    const result = await runTestSync(withoutMemberScope, graph).finally(() =>
      withoutMemberScope.close(),
    );
    const members = result.organizations[0].kinds.members;
    expect(members?.status).toBe('incomplete');
    expect(members?.error).toContain('member:read');
    expect((await counts()).users).toBe(8);
    expect(result.organizations[0].kinds.projects?.status).toBe('complete');
    expect(result.status).toBe('partial');
  });

  it('falls back to the legacy rules API without workflows, and keeps rules through a 410 brownout', async () => {
    const selfHosted = {
      ...acmeOrganization(),
      workflowsApi: false,
      legacyRules: {
        api: [
          legacyRuleJson({ id: '11', name: 'Old rule', project: 'api' }),
          legacyRuleJson({ id: '12', name: 'Other', project: 'api' }),
        ],
        web: [legacyRuleJson({ id: '13', name: 'Web rule', project: 'web' })],
      },
    };
    env.sentry.setData({ organizations: [selfHosted] });
    const first = await runTestSync(env.sentry, graph);
    expect(first.organizations[0].kinds['alert-rules']).toMatchObject({
      status: 'complete',
      source: 'rules',
    });
    const rules = await graph.query<{
      id: string;
      slug: string;
      frequency: number;
      p: string;
    }>(
      'MATCH (p:SentryProject)-[:HAS_RULE]->(r:SentryAlertRule) RETURN r.id AS id, r.project_slug AS slug, r.frequency AS frequency, p.slug AS p ORDER BY id',
    );
    expect(rules).toEqual([
      { id: '11', slug: 'api', frequency: 3600, p: 'api' },
      { id: '12', slug: 'api', frequency: 3600, p: 'api' },
      { id: '13', slug: 'web', frequency: 3600, p: 'web' },
    ]);

    env.sentry.setData({
      organizations: [{ ...selfHosted, legacyRules: { api: [], web: [] } }],
    });
    env.sentry.setFaults([{ path: '/projects/acme/web/rules/', kind: 'gone' }]);
    const second = await runTestSync(env.sentry, graph);
    const kind = second.organizations[0].kinds['alert-rules'];
    expect(kind?.status).toBe('incomplete');
    expect(kind?.error).toMatch(/410|brownout|no longer exists/i);
    expect((await counts()).rules).toBe(3);
  });
});

describe('items Sentry sends in a shape we cannot read', () => {
  it('skips and reports them, keeps the rest, and does not delete the node they stand for', async () => {
    await runTestSync(env.sentry, graph);
    env.sentry.setFaults([
      { path: /\/organizations\/acme\/members\/$/, kind: 'invalid-items' },
    ]);
    const result = await runTestSync(env.sentry, graph);
    const members = result.organizations[0].kinds.members!;
    expect(members.invalid).toBeGreaterThan(0);
    expect(members.invalidItems[0].reason.length).toBeGreaterThan(0);
    expect(members.written).toBe(8 - members.invalid);
    expect(result.status).toBe('partial');
    expect((await counts()).users).toBe(8);
  });
});

describe('the mass-deletion guard', () => {
  const mostMembersGone = () => {
    const acme = acmeOrganization();
    return {
      ...acme,
      members: acme.members.filter(m =>
        ['2001', '2002', '2003'].includes(m.id),
      ),
    };
  };

  it('keeps a kind that would lose more than half its nodes, and reports it', async () => {
    await runTestSync(env.sentry, graph);
    env.sentry.setData({ organizations: [mostMembersGone()] });
    const result = await runTestSync(env.sentry, graph);
    const members = result.organizations[0].kinds.members!;
    expect(members.deleted).toBe(0);
    expect(members.kept).toEqual([
      expect.objectContaining({
        what: 'SentryUser',
        count: 5,
        reason: expect.stringContaining('mass-deletion guard'),
      }),
    ]);
    expect(result.status).toBe('partial');
    expect((await counts()).users).toBe(8);
  });

  it('deletes them when the run is told to', async () => {
    await runTestSync(env.sentry, graph);
    env.sentry.setData({ organizations: [mostMembersGone()] });
    const result = await runTestSync(env.sentry, graph, {
      engine: { allowMassDeletion: true },
    });
    expect(result.organizations[0].kinds.members?.deleted).toBe(5);
    expect((await counts()).users).toBe(3);
  });
});

describe('Neo4j unreachable', () => {
  it('fails clearly without asking Sentry or deleting anything', async () => {
    const { driver, store } = SentryGraphStore.open({
      uri: 'bolt://127.0.0.1:1',
      username: 'neo4j',
      password: 'not-this-secret',
    });
    try {
      const result = await runSync({
        sentry: { baseUrl: env.sentry.url, token: 'sample-token' },
        engine: DEFAULT_SYNC_ENGINE_OPTIONS,
        store,
        logger: mockServices.logger.mock(),
      });
      expect(result.status).toBe('failed');
      expect(result.errors[0]).toMatch(/^Neo4j is not usable: /);
      expect(JSON.stringify(result)).not.toContain('not-this-secret');
      expect(env.sentry.stats().requests).toBe(0);
    } finally {
      await driver.close();
    }
  });
});

describe('two organizations with the same release versions', () => {
  const globex = { id: '1002', slug: 'globex', name: 'Globex' };

  it('keeps their releases apart', async () => {
    const acme = acmeOrganization();
    // One project with a release of the same version as acme's api@1.0.0.
    const globexWithRelease = {
      ...emptyOrganization(globex),
      projects: [
        {
          ...acme.projects[0],
          id: '4101',
          slug: 'globex-api',
          teams: [],
          team: null,
        },
      ],
      releases: [
        {
          ...acme.releases[0],
          id: 8001,
          projects: [
            { ...acme.releases[0].projects[0], id: 4101, slug: 'globex-api' },
          ],
        },
      ],
    };
    env.sentry.setData({ organizations: [acme, globexWithRelease] });
    const result = await runTestSync(env.sentry, graph, {
      engine: { organizations: ['acme', 'globex'] },
    });
    expect(result.status).toBe('succeeded');
    const releases = await graph.query<{
      org: string;
      id: string;
      project: string;
    }>(`
      MATCH (o:SentryOrganization)-[:RESOURCE]->(r:SentryRelease {version: 'api@1.0.0'})<-[:HAS_RELEASE]-(p:SentryProject)
      RETURN o.slug AS org, r.id AS id, p.slug AS project ORDER BY org`);
    expect(releases).toEqual([
      { org: 'acme', id: '1001/api@1.0.0', project: 'api' },
      { org: 'globex', id: '1002/api@1.0.0', project: 'globex-api' },
    ]);
  });

  it('lists every organization the token can see when none are configured', async () => {
    env.sentry.setData({
      organizations: [acmeOrganization(), emptyOrganization(globex)],
    });
    const result = await runTestSync(env.sentry, graph);
    expect(result.organizations.map(o => o.slug).sort()).toEqual([
      'acme',
      'globex',
    ]);
  });
});

import { dumpGraph, edges } from '../__testUtils__/dumpGraph';
import { useAcmeEnvironment } from '../__testUtils__/acmeEnvironment';
import { runTestSync } from '../__testUtils__/syncHarness';

const env = useAcmeEnvironment();
const { graph } = env;

const user = (props: Record<string, unknown>) => ({
  labels: ['SentryUser', 'UserAccount'],
  props,
});
const team = (props: Record<string, unknown>) => ({
  labels: ['SentryTeam', 'UserGroup'],
  props,
});
const project = (props: Record<string, unknown>) => ({
  labels: ['SentryProject'],
  props,
});
const release = (props: Record<string, unknown>) => ({
  labels: ['SentryRelease'],
  props,
});
const rule = (props: Record<string, unknown>) => ({
  labels: ['SentryAlertRule'],
  props,
});

describe('a sync of the fixture organization', () => {
  it('writes exactly the graph of the contract', async () => {
    const result = await runTestSync(env.sentry, graph);
    expect(result.errors).toEqual([]);
    expect(result.status).toBe('succeeded');

    const dump = await dumpGraph(graph, result.updateTag);
    expect(dump.badStamps).toEqual([]);
    expect(dump.nodes).toEqual([
      rule({
        id: '6001',
        source: 'workflow',
        all_projects: false,
        name: 'Notify on new issues',
        date_created: '2025-03-18T20:48:55.495059Z',
        action_match: 'any',
        filter_match: 'all',
        frequency: 1800,
        environment: 'production',
        status: 'active',
        project_slug: 'api',
      }),
      rule({
        id: '6002',
        source: 'workflow',
        all_projects: false,
        name: 'Errors everywhere',
        date_created: '2025-03-18T20:48:55.495059Z',
        action_match: 'all',
        frequency: 0,
        status: 'disabled',
        project_slug: 'api',
      }),
      rule({
        id: '6006',
        source: 'workflow',
        all_projects: false,
        name: 'Web only',
        date_created: '2025-03-18T20:48:55.495059Z',
        action_match: 'none',
        filter_match: 'any',
        frequency: 86400,
        environment: 'staging',
        status: 'active',
        project_slug: 'web',
      }),
      {
        labels: ['SentryOrganization', 'Tenant'],
        props: {
          id: '1001',
          name: 'Acme',
          slug: 'acme',
          status: 'active',
          date_created: '2018-11-06T21:19:55.101Z',
          require_2fa: true,
          is_early_adopter: false,
        },
      },
      project({
        id: '4001',
        name: 'API',
        slug: 'api',
        platform: 'python',
        date_created: '2020-01-01T00:00:00.000Z',
        first_event: '2020-03-01T10:00:00Z',
      }),
      project({
        id: '4002',
        name: 'Web',
        slug: 'web',
        platform: 'javascript',
        date_created: '2020-01-01T00:00:00.000Z',
      }),
      project({
        id: '4003',
        name: 'Orphan',
        slug: 'orphan',
        date_created: '2020-01-01T00:00:00.000Z',
      }),
      release({
        id: '1001/api@1.0.0',
        version: 'api@1.0.0',
        status: 'open',
        short_version: '1.0.0',
        date_created: '2024-01-01T00:00:00Z',
        date_released: '2024-01-02T00:00:00Z',
        commit_count: 3,
        deploy_count: 1,
        new_groups: 2,
        ref: 'abc123',
        url: 'https://example.invalid/releases/api-1.0.0',
      }),
      release({
        id: '1001/shared@1.0.0',
        version: 'shared@1.0.0',
        status: 'open',
        short_version: 'shared@1.0.0',
        date_created: '2023-12-01T00:00:00Z',
        commit_count: 0,
        deploy_count: 0,
        new_groups: 0,
      }),
      release({
        id: '1001/web@2.0.0',
        version: 'web@2.0.0',
        status: 'open',
        short_version: 'web@2.0.0',
        date_created: '2024-02-01T00:00:00Z',
        commit_count: 0,
        deploy_count: 0,
        new_groups: 0,
      }),
      team({
        id: '3001',
        name: 'Backend',
        slug: 'backend',
        date_created: '2019-01-01T00:00:00.000Z',
        member_count: 3,
      }),
      team({
        id: '3002',
        name: 'Frontend',
        slug: 'frontend',
        date_created: '2019-01-01T00:00:00.000Z',
        member_count: 2,
      }),
      team({
        id: '3003',
        name: 'Équipe Ünïcode 🚀',
        slug: 'equipe',
        date_created: '2019-01-01T00:00:00.000Z',
        member_count: 0,
      }),
      team({
        id: '3004',
        name: 'Ops',
        slug: 'ops',
        date_created: '2020-02-02T00:00:00.000Z',
        member_count: 1,
      }),
      user({
        id: '2001',
        email: 'alice@acme.test',
        name: 'Alice',
        role: 'owner',
        date_created: '2021-07-06T21:13:01.120263Z',
        pending: false,
        expired: false,
        has_2fa: true,
        sso_linked: false,
      }),
      user({
        id: '2002',
        email: 'bob@acme.test',
        name: 'Bob',
        role: 'manager',
        date_created: '2021-07-06T21:13:01.120263Z',
        pending: false,
        expired: false,
        has_2fa: false,
        sso_linked: false,
      }),
      user({
        id: '2003',
        email: 'carol@acme.test',
        name: 'Carol',
        role: 'member',
        date_created: '2021-07-06T21:13:01.120263Z',
        pending: false,
        expired: false,
        has_2fa: true,
        sso_linked: false,
      }),
      user({
        id: '2004',
        email: 'dave@acme.test',
        name: 'Dave',
        role: 'member',
        date_created: '2021-07-06T21:13:01.120263Z',
        pending: false,
        expired: false,
        has_2fa: false,
        sso_linked: false,
      }),
      user({
        id: '2005',
        email: 'erin@acme.test',
        name: 'Erin',
        role: 'admin',
        date_created: '2021-07-06T21:13:01.120263Z',
        pending: false,
        expired: false,
        has_2fa: true,
        sso_linked: false,
      }),
      user({
        id: '2006',
        email: 'frank@acme.test',
        name: 'Frank',
        role: 'billing',
        date_created: '2021-07-06T21:13:01.120263Z',
        pending: false,
        expired: false,
        has_2fa: false,
        sso_linked: false,
      }),
      user({
        id: '2007',
        email: 'grace@acme.test',
        name: 'grace@acme.test',
        role: 'member',
        date_created: '2021-07-06T21:13:01.120263Z',
        pending: true,
        expired: false,
        sso_linked: false,
      }),
      user({
        id: '2008',
        email: 'heidi@acme.test',
        name: 'heidi@acme.test',
        role: 'owner',
        date_created: '2021-07-06T21:13:01.120263Z',
        pending: true,
        expired: true,
        sso_linked: false,
      }),
    ]);

    expect(edges(dump, 'RESOURCE')).toEqual(
      [
        '3001',
        '3002',
        '3003',
        '3004',
        '2001',
        '2002',
        '2003',
        '2004',
        '2005',
        '2006',
        '2007',
        '2008',
        '4001',
        '4002',
        '4003',
        '1001/api@1.0.0',
        '1001/web@2.0.0',
        '1001/shared@1.0.0',
        '6001',
        '6002',
        '6006',
      ]
        .map(id => `1001->${id}`)
        .sort(),
    );
    // Effective team roles: stored role, or the org role's minimum when null.
    expect(edges(dump, 'MEMBER_OF')).toEqual([
      '2001->3001 admin', // owner, joined with a null team role
      '2003->3001 admin', // member with a stored admin team role
      '2004->3001 contributor',
      '2004->3004 contributor', // known only by the deprecated role field
      '2005->3002 admin', // the retired org role admin
      '2006->3002 contributor', // billing
    ]);
    // Owners and managers administer every team; pending invites administer nothing.
    expect(edges(dump, 'ADMIN_OF')).toEqual([
      '2001->3001',
      '2001->3002',
      '2001->3003',
      '2001->3004',
      '2002->3001',
      '2002->3002',
      '2002->3003',
      '2002->3004',
      '2003->3001',
      '2005->3002',
    ]);
    expect(edges(dump, 'HAS_TEAM')).toEqual([
      '4001->3001',
      '4002->3001',
      '4002->3002',
    ]);
    expect(edges(dump, 'HAS_RELEASE')).toEqual([
      '4001->1001/api@1.0.0',
      '4001->1001/web@2.0.0',
      '4002->1001/web@2.0.0',
    ]);
    // Only workflows on issue-stream or error detectors are issue alert rules.
    expect(edges(dump, 'HAS_RULE')).toEqual([
      '4001->6001',
      '4001->6002',
      '4002->6002',
      '4002->6006',
    ]);
    expect(
      dump.relationships
        .map(r => r.type)
        .filter(
          t =>
            ![
              'RESOURCE',
              'MEMBER_OF',
              'ADMIN_OF',
              'HAS_TEAM',
              'HAS_RELEASE',
              'HAS_RULE',
            ].includes(t),
        ),
    ).toEqual([]);
  });

  it('reports per kind what it fetched and wrote', async () => {
    const result = await runTestSync(env.sentry, graph);
    const kinds = result.organizations[0].kinds;
    expect(result.organizations.map(o => [o.slug, o.id, o.status])).toEqual([
      ['acme', '1001', 'succeeded'],
    ]);
    expect(kinds.teams).toMatchObject({
      status: 'complete',
      fetched: 4,
      written: 4,
      invalid: 0,
      deleted: 0,
    });
    expect(kinds.members).toMatchObject({
      status: 'complete',
      fetched: 8,
      written: 8,
    });
    // 6 MEMBER_OF, 2 ADMIN_OF from team roles (Carol, Erin) and 8 owner and
    // manager ADMIN_OF, Alice's edge to the backend team she joined among them.
    expect(kinds['team-memberships']).toMatchObject({
      status: 'complete',
      fetched: 6,
      written: 16,
    });
    expect(kinds.projects).toMatchObject({
      status: 'complete',
      fetched: 3,
      written: 6,
    });
    expect(kinds.releases).toMatchObject({
      status: 'complete',
      fetched: 3,
      written: 6,
    });
    expect(kinds['alert-rules']).toMatchObject({
      status: 'complete',
      fetched: 12,
      written: 7,
      source: 'workflows',
    });
    expect(result.requests.requests).toBeGreaterThanOrEqual(11);
    expect(result.requests.rateLimited).toBe(0);
  });
});

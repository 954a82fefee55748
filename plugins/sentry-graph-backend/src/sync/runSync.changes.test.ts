import {
  acmeOrganization,
  type FixtureOrganization,
} from '../__testUtils__/acmeFixture';
import { dumpGraph, edges } from '../__testUtils__/dumpGraph';
import { acmeNewRelease } from '../__testUtils__/acmeDayAfter';
import { useAcmeEnvironment } from '../__testUtils__/acmeEnvironment';
import { runTestSync } from '../__testUtils__/syncHarness';

const env = useAcmeEnvironment();
const { graph } = env;

function changedAcme(): FixtureOrganization {
  const acme = acmeOrganization();
  return {
    ...acme,
    // Frank leaves the organization (and so the frontend team).
    members: acme.members.filter(m => m.id !== '2006'),
    teamMembers: {
      ...acme.teamMembers,
      frontend: [{ memberId: '2005', teamRole: null }],
    },
    teams: acme.teams.map(t => {
      if (t.id === '3004') return { ...t, name: 'Operations' };
      if (t.id === '3002') return { ...t, memberCount: 1 };
      return t;
    }),
    // The web project drops the backend team.
    projects: acme.projects.map(p =>
      p.id === '4002'
        ? { ...p, teams: [{ id: '3002', slug: 'frontend', name: 'Frontend' }] }
        : p,
    ),
    // The "Web only" alert is deleted.
    workflows: acme.workflows.filter(w => w.id !== '6006'),
    releases: [acmeNewRelease(), ...acme.releases],
  };
}

describe('a second run after changes in Sentry', () => {
  it('gives exactly the new graph and keeps firstseen', async () => {
    const first = await runTestSync(env.sentry, graph);
    expect(first.status).toBe('succeeded');
    const firstSeen = await graph.query<{ id: string; firstseen: number }>(
      'MATCH (n) WHERE n.id IN ["2003", "3001", "4002", "1001"] RETURN n.id AS id, n.firstseen AS firstseen ORDER BY id',
    );

    env.sentry.setData({ organizations: [changedAcme()] });
    const second = await runTestSync(env.sentry, graph);
    expect(second.errors).toEqual([]);
    expect(second.status).toBe('succeeded');
    expect(second.updateTag).toBeGreaterThan(first.updateTag);

    const dump = await dumpGraph(graph, second.updateTag);
    expect(dump.badStamps).toEqual([]);
    expect(
      dump.nodes
        .filter(n => n.labels.includes('SentryUser'))
        .map(n => n.props.id),
    ).toEqual(['2001', '2002', '2003', '2004', '2005', '2007', '2008']);
    expect(dump.nodes.find(n => n.props.id === '3004')?.props.name).toBe(
      'Operations',
    );
    expect(
      dump.nodes
        .filter(n => n.labels.includes('SentryAlertRule'))
        .map(n => n.props.id),
    ).toEqual(['6001', '6002']);
    expect(
      dump.nodes
        .filter(n => n.labels.includes('SentryRelease'))
        .map(n => n.props.id),
    ).toEqual([
      '1001/api@1.0.0',
      '1001/api@1.1.0',
      '1001/shared@1.0.0',
      '1001/web@2.0.0',
    ]);
    expect(edges(dump, 'MEMBER_OF')).toEqual([
      '2001->3001 admin',
      '2003->3001 admin',
      '2004->3001 contributor',
      '2004->3004 contributor',
      '2005->3002 admin',
    ]);
    expect(edges(dump, 'HAS_TEAM')).toEqual(['4001->3001', '4002->3002']);
    expect(edges(dump, 'HAS_RULE')).toEqual([
      '4001->6001',
      '4001->6002',
      '4002->6002',
    ]);
    expect(edges(dump, 'HAS_RELEASE')).toEqual([
      '4001->1001/api@1.0.0',
      '4001->1001/api@1.1.0',
      '4001->1001/web@2.0.0',
      '4002->1001/web@2.0.0',
    ]);
    expect(edges(dump, 'RESOURCE')).not.toContain('1001->2006');
    expect(edges(dump, 'RESOURCE')).not.toContain('1001->6006');

    const org = second.organizations[0].kinds;
    expect(org.members?.deleted).toBe(1);
    expect(org['alert-rules']?.deleted).toBe(2); // the rule and its HAS_RULE
    expect(org.projects?.deleted).toBe(1); // HAS_TEAM web -> backend
    // Frank's MEMBER_OF: relationships are cleaned up before their nodes.
    expect(org['team-memberships']?.deleted).toBe(1);

    const firstSeenAfter = await graph.query<{ id: string; firstseen: number }>(
      'MATCH (n) WHERE n.id IN ["2003", "3001", "4002", "1001"] RETURN n.id AS id, n.firstseen AS firstseen ORDER BY id',
    );
    expect(firstSeenAfter).toEqual(firstSeen);
    expect(firstSeen).toHaveLength(4);
  });

  it('removes a property that Sentry no longer sends', async () => {
    await runTestSync(env.sentry, graph);
    const acme = acmeOrganization();
    const projects = acme.projects.map(p =>
      p.id === '4001' ? { ...p, platform: null } : p,
    );
    env.sentry.setData({ organizations: [{ ...acme, projects }] });
    await runTestSync(env.sentry, graph);
    const [api] = await graph.query<{ props: Record<string, unknown> }>(
      'MATCH (p:SentryProject {id: "4001"}) RETURN properties(p) AS props',
    );
    expect(api.props).not.toHaveProperty('platform');
    expect(api.props.slug).toBe('api');
  });
});

import { acmeOrganization } from '../__testUtils__/acmeFixture';
import { useAcmeEnvironment } from '../__testUtils__/acmeEnvironment';
import { dumpGraph, edges } from '../__testUtils__/dumpGraph';
import { runTestSync } from '../__testUtils__/syncHarness';

const env = useAcmeEnvironment();
const { graph } = env;

describe('team roles', () => {
  it('ignores a stored admin team role when the organization lacks the team-roles feature', async () => {
    const acme = acmeOrganization();
    acme.organization.features = acme.organization.features.filter(
      feature => feature !== 'team-roles',
    );
    env.sentry.setData({ organizations: [acme] });

    const result = await runTestSync(env.sentry, graph);

    expect(result.status).toBe('succeeded');
    const dump = await dumpGraph(graph, result.updateTag);
    // Carol (org role member) stored `admin` on backend: without the
    // feature she has her org role's minimum, contributor.
    expect(edges(dump, 'MEMBER_OF')).toContain('2003->3001 contributor');
    expect(edges(dump, 'ADMIN_OF')).not.toContain('2003->3001');
    // The org roles' own minimums still hold: the retired admin role, and
    // owners and managers on every team.
    expect(edges(dump, 'MEMBER_OF')).toContain('2005->3002 admin');
    expect(edges(dump, 'ADMIN_OF')).toEqual(
      expect.arrayContaining(['2001->3003', '2002->3003', '2005->3002']),
    );
  });

  it('counts an unknown stored team role as contributor and reports it, keeping the membership', async () => {
    const acme = acmeOrganization();
    acme.teamMembers.ops = [{ memberId: '2004', teamRole: 'lead' }];
    env.sentry.setData({ organizations: [acme] });

    const result = await runTestSync(env.sentry, graph);

    const memberships = result.organizations[0].kinds['team-memberships']!;
    expect(memberships.invalid).toBe(0);
    expect(memberships.warnings).toEqual([
      expect.stringMatching(
        /1 team membership.*unknown team role "lead".*contributor/,
      ),
    ]);
    const dump = await dumpGraph(graph, result.updateTag);
    expect(edges(dump, 'MEMBER_OF')).toContain('2004->3004 contributor');
    expect(edges(dump, 'ADMIN_OF')).not.toContain('2004->3004');
  });
});

/*
 * The acme fixture a day later, with one of each change the change history
 * records (and the routine-run and full-run tests expect): a role, 2FA
 * lost, SSO linked, an invite accepted and one re-sent, a member added and
 * one gone, a team joined, a team role raised, a team added and one
 * removed, a project's team added and one removed, a rule enabled, one
 * edited and one deleted, a release added and one archived.
 */
import { acmeOrganization, type FixtureOrganization } from './acmeFixture';
import { memberJson, releaseJson, teamJson } from './sentryJson';

/** The release the day after brings: api@1.1.0. */
export function acmeNewRelease() {
  return releaseJson({
    id: 7004,
    version: 'api@1.1.0',
    dateCreated: '2024-03-01T00:00:00Z',
    projectRefs: [{ id: 4001, slug: 'api' }],
  });
}

export function acmeDayAfter(): FixtureOrganization {
  const acme = acmeOrganization();
  const member = (id: string) => {
    const found = acme.members.find(m => m.id === id);
    if (!found) throw new Error(`no member ${id}`);
    return found;
  };
  const carol = member('2003');
  const alice = member('2001');
  const erin = member('2005');
  const grace = member('2007');
  const heidi = member('2008');
  return {
    ...acme,
    members: [
      { ...alice, user: alice.user && { ...alice.user, has2fa: false } },
      member('2002'),
      { ...carol, orgRole: 'owner', role: 'owner' },
      member('2004'),
      { ...erin, flags: { ...erin.flags, 'sso:linked': true } },
      // Frank (2006) leaves the organization, and so the frontend team.
      memberJson({
        id: '2007',
        email: grace.email ?? '',
        orgRole: 'member',
        has2fa: true,
      }),
      { ...heidi, expired: false },
      memberJson({
        id: '2009',
        email: 'ivan@acme.test',
        orgRole: 'member',
        has2fa: true,
      }),
    ],
    teams: [
      ...acme.teams.filter(t => t.slug !== 'equipe'),
      teamJson({
        id: '3005',
        slug: 'platform',
        name: 'Platform',
        memberCount: 0,
      }),
    ],
    teamMembers: {
      backend: [
        { memberId: '2003', teamRole: 'admin' },
        { memberId: '2004', teamRole: 'admin' },
        { memberId: '2001', teamRole: null },
      ],
      frontend: [
        { memberId: '2005', teamRole: null },
        { memberId: '2004', teamRole: null },
      ],
      ops: [{ memberId: '2004', teamRole: null }],
      platform: [],
    },
    projects: acme.projects.map(p => {
      if (p.slug === 'web')
        return { ...p, teams: p.teams.filter(t => t.slug !== 'backend') };
      if (p.slug === 'orphan')
        return { ...p, teams: [{ id: '3004', slug: 'ops', name: 'Ops' }] };
      return p;
    }),
    workflows: acme.workflows
      .filter(w => w.id !== '6006')
      .map(w => {
        if (w.id === '6002') return { ...w, enabled: true };
        if (w.id === '6001')
          return { ...w, name: 'New issues', environment: 'staging' };
        return w;
      }),
    releases: [
      acmeNewRelease(),
      ...acme.releases.map(r =>
        r.version === 'web@2.0.0' ? { ...r, status: 'archived' as const } : r,
      ),
    ],
  };
}

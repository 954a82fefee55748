import { generateSampleData } from '../generator/generateSampleData';
import { get, walkAllPages, withServer } from '../testing/httpTestHelpers';
import type { TeamJson, TeamMemberJson } from '../index';

describe('team members', () => {
  const data = generateSampleData({
    preset: 'S',
    sizes: { members: 300, teams: 4 },
  });

  it('lists joined members with teamRole and teamSlug, no pending invites, ordered by (email, id)', async () => {
    await withServer({ data }, async server => {
      const teams = await walkAllPages<TeamJson>(
        server,
        '/api/0/organizations/acme/teams/?detailed=0',
      );
      let storedRoles = new Set<string | null>();
      for (const team of teams.items) {
        const { items } = await walkAllPages<TeamMemberJson>(
          server,
          `/api/0/teams/acme/${team.slug}/members/?per_page=25`,
        );
        expect(items).toHaveLength(team.memberCount);
        expect(items.every(member => member.teamSlug === team.slug)).toBe(true);
        expect(
          items.every(member => !member.pending && member.user !== null),
        ).toBe(true);
        const order = items.map(
          member => `${member.email}\u0000${member.id.padStart(20, '0')}`,
        );
        expect(order).toEqual([...order].sort());
        const stored = new Map(
          data.organizations[0].teamMembers[team.slug].map(membership => [
            membership.memberId,
            membership.teamRole,
          ]),
        );
        for (const member of items)
          expect(member.teamRole).toBe(stored.get(member.id));
        storedRoles = new Set([
          ...storedRoles,
          ...items.map(member => member.teamRole),
        ]);
      }
      expect(storedRoles).toEqual(new Set([null, 'admin', 'contributor']));
    });
  });

  it('accepts the team by numeric id as well as by slug', async () => {
    await withServer({ data }, async server => {
      const [team] = (await (
        await get(server, '/api/0/organizations/acme/teams/')
      ).json()) as TeamJson[];
      const bySlug = await (
        await get(server, `/api/0/teams/acme/${team.slug}/members/`)
      ).json();
      const byId = await (
        await get(server, `/api/0/teams/acme/${team.id}/members/`)
      ).json();
      expect(byId).toEqual(bySlug);
    });
  });

  it('adds the projects a team owns unless detailed=0', async () => {
    await withServer({ data }, async server => {
      const detailed = (await (
        await get(server, '/api/0/organizations/acme/teams/')
      ).json()) as TeamJson[];
      expect(
        detailed.every(
          team =>
            Array.isArray(team.projects) && Array.isArray(team.externalTeams),
        ),
      ).toBe(true);
      expect(detailed.some(team => (team.projects ?? []).length > 0)).toBe(
        true,
      );
      const summary = (await (
        await get(server, '/api/0/organizations/acme/teams/?detailed=0')
      ).json()) as TeamJson[];
      expect(summary.every(team => team.projects === undefined)).toBe(true);
    });
  });
});

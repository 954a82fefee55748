import { generateSampleData } from '../generator/generateSampleData';
import { get, withServer } from '../testing/httpTestHelpers';
import type { MemberJson, SampleToken, TeamJson } from '../index';

const data = generateSampleData({ preset: 'S' });
const owner = (
  data.organizations[0].members as { get(index: number): MemberJson }
).get(0);
const plainMember = (
  data.organizations[0].members as { get(index: number): MemberJson }
).get(7); // role 'member'

const tokens: SampleToken[] = [
  {
    token: 'sample-token',
    scopes: [
      'org:admin',
      'member:admin',
      'team:admin',
      'project:admin',
      'alerts:write',
    ],
  },
  { token: 'read-only-org', scopes: ['org:read'] },
  {
    token: 'writer',
    scopes: ['org:write', 'member:write', 'team:write', 'project:write'],
  },
  {
    token: 'integration',
    scopes: [
      'org:read',
      'member:read',
      'team:read',
      'project:read',
      'alerts:read',
    ],
    kind: 'integration',
    organization: 'acme',
  },
  { token: 'sntrys_ci', scopes: ['org:ci'], kind: 'org', organization: 'acme' },
  {
    token: 'as-owner',
    scopes: [
      'org:read',
      'member:read',
      'team:read',
      'project:read',
      'alerts:read',
    ],
    memberId: owner.id,
  },
  {
    token: 'as-member',
    scopes: ['org:admin', 'member:admin', 'team:read', 'project:read'],
    memberId: plainMember.id,
  },
];

describe('authentication and scopes', () => {
  it('answers 401 without credentials and for an unknown token, with DRF/Sentry bodies', async () => {
    await withServer({ data, tokens }, async server => {
      const none = await get(
        server,
        '/api/0/organizations/acme/members/',
        null,
      );
      expect(none.status).toBe(401);
      expect(await none.json()).toEqual({
        detail: 'Authentication credentials were not provided.',
      });

      const unknown = await get(
        server,
        '/api/0/organizations/acme/members/',
        'nope',
      );
      expect(unknown.status).toBe(401);
      expect(await unknown.json()).toEqual({ detail: 'Invalid token' });

      const unknownOrgToken = await get(
        server,
        '/api/0/organizations/acme/members/',
        'sntrys_unknown',
      );
      expect(await unknownOrgToken.json()).toEqual({
        detail: 'Invalid org token',
      });

      const basic = await fetch(
        `${server.url}/api/0/organizations/acme/members/`,
        { headers: { Authorization: 'Basic abc' } },
      );
      expect(await basic.json()).toEqual({
        detail: 'Authentication credentials were not provided.',
      });
    });
  });

  it('answers 403 when no accepted scope is held, and applies the write/admin hierarchy', async () => {
    await withServer({ data, tokens }, async server => {
      const forbidden = await get(
        server,
        '/api/0/organizations/acme/members/',
        'read-only-org',
      );
      expect(forbidden.status).toBe(403);
      expect(await forbidden.json()).toEqual({
        detail: 'You do not have permission to perform this action.',
      });
      expect(
        (await get(server, '/api/0/organizations/acme/teams/', 'read-only-org'))
          .status,
      ).toBe(200);

      // X:write implies X:read; X:admin implies both.
      for (const path of [
        'members/',
        'teams/',
        'projects/',
        'releases/?project=-1',
      ]) {
        expect(
          (await get(server, `/api/0/organizations/acme/${path}`, 'writer'))
            .status,
        ).toBe(200);
        expect(
          (
            await get(
              server,
              `/api/0/organizations/acme/${path}`,
              'sample-token',
            )
          ).status,
        ).toBe(200);
      }
      // The legacy rules accept project:* or alerts:*; workflows accept org:* or alerts:read.
      expect(
        (
          await get(
            server,
            '/api/0/projects/acme/backend/rules/',
            'read-only-org',
          )
        ).status,
      ).toBe(403);
      expect(
        (
          await get(
            server,
            '/api/0/organizations/acme/workflows/',
            'read-only-org',
          )
        ).status,
      ).toBe(200);
    });
  });

  it('lets an org auth token (org:ci) read releases of its own organization only', async () => {
    await withServer({ data, tokens }, async server => {
      expect(
        (
          await get(
            server,
            '/api/0/organizations/acme/releases/?project=-1',
            'sntrys_ci',
          )
        ).status,
      ).toBe(200);
      expect(
        (await get(server, '/api/0/organizations/acme/members/', 'sntrys_ci'))
          .status,
      ).toBe(403);
      expect(
        (
          await get(
            server,
            '/api/0/organizations/globex/releases/?project=-1',
            'sntrys_ci',
          )
        ).status,
      ).toBe(403);
    });
  });

  it('looks the organization up before checking scopes: an unknown organization is a 404', async () => {
    await withServer({ data, tokens }, async server => {
      const missing = await get(
        server,
        '/api/0/organizations/nope/members/',
        'read-only-org',
      );
      expect(missing.status).toBe(404);
      expect(await missing.json()).toEqual({
        detail: 'The requested resource does not exist',
      });
    });
  });

  it('treats an integration token as a non-member bound to one organization', async () => {
    await withServer({ data, tokens }, async server => {
      const organizations = await get(
        server,
        '/api/0/organizations/',
        'integration',
      );
      expect(await organizations.json()).toEqual([]);
      const teams = (await (
        await get(server, '/api/0/organizations/acme/teams/', 'integration')
      ).json()) as TeamJson[];
      expect(
        teams.every(team => team.isMember === false && team.teamRole === null),
      ).toBe(true);
      expect(
        (await get(server, '/api/0/organizations/globex/teams/', 'integration'))
          .status,
      ).toBe(403);
    });
  });

  it("limits a user token by its user's role and makes team fields relative to that user", async () => {
    await withServer({ data, tokens }, async server => {
      // A plain member holding an org:admin-scoped token still cannot do more than a member.
      const detail = (await (
        await get(server, '/api/0/organizations/acme/?detailed=0', 'as-member')
      ).json()) as { access: string[]; orgRole: string };
      expect(detail.access).not.toContain('org:admin');
      expect(detail.access).toContain('org:read');

      const teams = (await (
        await get(server, '/api/0/organizations/acme/teams/', 'as-owner')
      ).json()) as TeamJson[];
      const joined = new Set(
        Object.entries(data.organizations[0].teamMembers)
          .filter(([, memberships]) =>
            memberships.some(membership => membership.memberId === owner.id),
          )
          .map(([slug]) => slug),
      );
      expect(joined.size).toBeGreaterThan(0);
      for (const team of teams) {
        expect(team.isMember).toBe(joined.has(team.slug));
        // An owner is Team Admin wherever they joined, and has access everywhere.
        expect(team.teamRole).toBe(joined.has(team.slug) ? 'admin' : null);
        expect(team.hasAccess).toBe(true);
      }
      expect(
        (await (
          await get(server, '/api/0/organizations/', 'as-owner')
        ).json()) as unknown[],
      ).toHaveLength(1);
    });
  });
});

import { generateSampleData } from '../generator/generateSampleData';
import { get, parseLinkHeader, withServer } from '../testing/httpTestHelpers';
import type { SentryOrganizationJson } from '../index';

describe('organizations', () => {
  it('finds an organization by slug and by numeric id, with links pointing at this server', async () => {
    await withServer({}, async server => {
      const bySlug = (await (
        await get(server, '/api/0/organizations/acme/')
      ).json()) as SentryOrganizationJson & { teams?: unknown[] };
      const byId = (await (
        await get(server, `/api/0/organizations/${bySlug.id}/`)
      ).json()) as SentryOrganizationJson;
      expect(byId.slug).toBe('acme');
      expect(bySlug.links).toEqual({
        organizationUrl: server.url,
        regionUrl: server.url,
      });
      expect(bySlug.status).toEqual({ id: 'active', name: 'active' });
      // Detailed by default: teams and projects come along.
      expect(bySlug.teams).toHaveLength(6);
    });
  });

  it('leaves teams and projects out with detailed=0', async () => {
    await withServer({}, async server => {
      const organization = (await (
        await get(server, '/api/0/organizations/acme/?detailed=0')
      ).json()) as Record<string, unknown>;
      expect(organization.teams).toBeUndefined();
      expect(organization.projects).toBeUndefined();
      expect(organization.require2FA).toBe(false);
    });
  });

  it("reports another region's URL for an organization placed there", async () => {
    const data = generateSampleData({ preset: 'S' });
    data.organizations[1].regionUrl = 'http://127.0.0.1:1/';
    await withServer({ data }, async server => {
      const globex = (await (
        await get(server, '/api/0/organizations/globex/')
      ).json()) as SentryOrganizationJson;
      expect(globex.links?.regionUrl).toBe('http://127.0.0.1:1');
      const list = (await (
        await get(server, '/api/0/organizations/')
      ).json()) as SentryOrganizationJson[];
      expect(
        list.find(organization => organization.slug === 'globex')?.links
          ?.regionUrl,
      ).toBe('http://127.0.0.1:1');
    });
  });

  it('lists organizations newest first with a DateTimePaginator cursor (epoch milliseconds)', async () => {
    await withServer(
      {
        data: generateSampleData({
          preset: 'S',
          organizations: 5,
          sizes: { members: 10, releases: 5, rules: 2 },
        }),
      },
      async server => {
        const first = await get(server, '/api/0/organizations/?per_page=2');
        const page = (await first.json()) as SentryOrganizationJson[];
        expect(page).toHaveLength(2);
        expect(Date.parse(page[0].dateCreated)).toBeGreaterThan(
          Date.parse(page[1].dateCreated),
        );
        const { previous, next } = parseLinkHeader(first.headers.get('link'));
        expect(previous.results).toBe(false);
        expect(next.results).toBe(true);
        expect(next.cursor).toMatch(/^\d{13}:0:0$/);

        const seen = page.map(organization => organization.slug);
        let url: string | undefined = next.url;
        while (url) {
          const response: Response = await fetch(url, {
            headers: { Authorization: 'Bearer sample-token' },
          });
          seen.push(
            ...((await response.json()) as SentryOrganizationJson[]).map(
              organization => organization.slug,
            ),
          );
          const link = parseLinkHeader(response.headers.get('link'));
          url = link.next.results ? link.next.url : undefined;
        }
        expect([...seen].sort()).toEqual([
          'acme',
          'globex',
          'hooli',
          'initech',
          'umbrella',
        ]);
      },
    );
  });

  it("answers 404 with Sentry's body for unknown routes, paths without the trailing slash and unknown resources", async () => {
    await withServer({}, async server => {
      for (const path of [
        '/api/0/nothing/',
        '/api/0/organizations/acme/members',
        '/api/0/teams/acme/no-such-team/members/',
        '/api/0/projects/acme/nope/rules/',
      ]) {
        const response = await get(server, path);
        expect({
          path,
          status: response.status,
          body: await response.json(),
        }).toEqual({
          path,
          status: 404,
          body: { detail: 'The requested resource does not exist' },
        });
      }
    });
  });

  it('serves a member detail with deprecated teams and teamRoles', async () => {
    const data = generateSampleData({ preset: 'S' });
    const [teamSlug, memberships] = Object.entries(
      data.organizations[0].teamMembers,
    ).find(([, list]) => list.length > 0)!;
    await withServer({ data }, async server => {
      const member = (await (
        await get(
          server,
          `/api/0/organizations/acme/members/${memberships[0].memberId}/`,
        )
      ).json()) as {
        teams: string[];
        teamRoles: Array<{ teamSlug: string; role: string | null }>;
      };
      expect(member.teams).toContain(teamSlug);
      expect(member.teamRoles).toContainEqual({
        teamSlug,
        role: memberships[0].teamRole,
      });
    });
  });
});

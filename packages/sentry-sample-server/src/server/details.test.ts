import { generateSampleData } from '../generator/generateSampleData';
import type { MemberJson, ProjectJson, ReleaseJson, TeamJson } from '../index';
import { collectAll } from '../testing/collectAll';
import { get, walkAllPages, withServer } from '../testing/httpTestHelpers';

const data = () => generateSampleData({ preset: 'S', sizes: { members: 25 } });

describe('detail endpoints', () => {
  it('serve a team, a project, a release (archived ones too) and a member by id or version, and 404 for what does not exist', async () => {
    const sample = data();
    const [organization] = sample.organizations;
    const team = collectAll<TeamJson>(organization.teams)[0];
    const project = collectAll<ProjectJson>(organization.projects)[0];
    const archived = collectAll<ReleaseJson>(organization.releases).find(
      release => release.status === 'archived',
    )!;
    const member = collectAll<MemberJson>(organization.members)[0];
    await withServer({ data: sample }, async server => {
      const found: Array<[string, Record<string, unknown>]> = [
        [`/api/0/teams/acme/${team.id}/`, { id: team.id, slug: team.slug }],
        [
          `/api/0/projects/acme/${project.id}/`,
          { id: project.id, teams: project.teams },
        ],
        [
          `/api/0/organizations/acme/releases/${encodeURIComponent(archived.version)}/`,
          { version: archived.version, status: 'archived' },
        ],
        [`/api/0/organizations/acme/members/${member.id}/`, { id: member.id }],
      ];
      for (const [path, fields] of found) {
        const response = await get(server, path);
        expect({ path, status: response.status }).toEqual({
          path,
          status: 200,
        });
        expect(await response.json()).toMatchObject(fields);
      }
      for (const path of [
        '/api/0/teams/acme/999999/',
        '/api/0/projects/acme/no-such-project/',
        '/api/0/organizations/acme/releases/no-such-version/',
        '/api/0/organizations/acme/members/999999/',
      ])
        expect((await get(server, path)).status).toBe(404);
    });
  });
});

describe("the 'delete-row' fault", () => {
  it('deletes a row between two pages: the next page shifts, one row goes unseen, and the deleted one is gone', async () => {
    const sample = data();
    const members = collectAll<MemberJson>(sample.organizations[0].members);
    await withServer(
      {
        data: sample,
        faults: [
          {
            path: '/organizations/acme/members/',
            page: 1,
            kind: 'delete-row',
            times: 1,
          },
        ],
      },
      async server => {
        const seen = await walkAllPages<MemberJson>(
          server,
          '/api/0/organizations/acme/members/?per_page=10',
        );
        const ids = seen.items.map(member => member.id);
        // Row 0 deleted before page 1: page 1 starts at what was row 11.
        expect(ids).toEqual([
          ...members.slice(0, 10).map(m => m.id),
          ...members.slice(11).map(m => m.id),
        ]);
        expect(
          (
            await get(
              server,
              `/api/0/organizations/acme/members/${members[0].id}/`,
            )
          ).status,
        ).toBe(404);
        expect(
          (
            await get(
              server,
              `/api/0/organizations/acme/members/${members[10].id}/`,
            )
          ).status,
        ).toBe(200);
      },
    );
  });
});

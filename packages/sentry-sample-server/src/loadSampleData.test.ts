import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateSampleData } from './generator/generateSampleData';
import { loadSampleData } from './loadSampleData';
import { get, withServer } from './testing/httpTestHelpers';
import type { MemberJson, ReleaseJson, TeamJson } from './index';

describe('loadSampleData', () => {
  const directory = mkdtempSync(join(tmpdir(), 'sentry-sample-'));
  afterAll(() => rmSync(directory, { recursive: true, force: true }));

  it('reads a JSON file of arrays that the server then serves in Sentry order', async () => {
    const generated = JSON.parse(
      JSON.stringify(generateSampleData({ preset: 'S', organizations: 1 })),
    ) as {
      organizations: Array<{
        members: MemberJson[];
        teams: TeamJson[];
        releases: ReleaseJson[];
      }>;
    };
    const [organization] = generated.organizations;
    // Scramble the arrays and give two members ids whose string order differs from their numeric order.
    organization.members.reverse();
    organization.members[0].id = '9';
    organization.members[1].id = '10';
    organization.teams.reverse();
    organization.releases.reverse();
    const file = join(directory, 'data.json');
    writeFileSync(file, JSON.stringify(generated));

    const data = loadSampleData(file);
    expect(Array.isArray(data.organizations[0].members)).toBe(true);
    await withServer({ data }, async server => {
      const members = (await (
        await get(server, '/api/0/organizations/acme/members/')
      ).json()) as MemberJson[];
      expect(members.slice(0, 2).map(member => member.id)).toEqual(['9', '10']);
      const teams = (await (
        await get(server, '/api/0/organizations/acme/teams/')
      ).json()) as TeamJson[];
      expect(teams.map(team => team.slug)).toEqual(
        teams.map(team => team.slug).sort(),
      );
      const releases = (await (
        await get(server, '/api/0/organizations/acme/releases/?project=-1')
      ).json()) as ReleaseJson[];
      const created = releases.map(release => Date.parse(release.dateCreated));
      expect(created).toEqual([...created].sort((a, b) => b - a));
    });
  });

  it('rejects a file without an organizations array', () => {
    const file = join(directory, 'broken.json');
    writeFileSync(file, JSON.stringify({ orgs: [] }));
    expect(() => loadSampleData(file)).toThrow(/organizations/);
  });
});

import { generateSampleData } from '../generator/generateSampleData';
import type { ReleaseJson } from '../index';
import { collectAll } from '../testing/collectAll';
import { get, walkAllPages, withServer } from '../testing/httpTestHelpers';

describe('the releases listing filters by status as Sentry does', () => {
  const data = generateSampleData({ preset: 'S', organizations: 1 });
  const all = collectAll<ReleaseJson>(data.organizations[0].releases);
  const versions = (releases: ReleaseJson[]) =>
    releases.map(release => release.version);

  it('lists open releases when no status is sent, archived ones with status=archived, all with an empty status', async () => {
    const archived = all.filter(release => release.status === 'archived');
    expect(archived.length).toBeGreaterThan(0);
    await withServer({ data }, async server => {
      const path = '/api/0/organizations/acme/releases/?project=-1&per_page=10';
      const byDefault = await walkAllPages<ReleaseJson>(server, path);
      const open = await walkAllPages<ReleaseJson>(
        server,
        `${path}&status=open`,
      );
      const onlyArchived = await walkAllPages<ReleaseJson>(
        server,
        `${path}&status=archived`,
      );
      const unfiltered = await walkAllPages<ReleaseJson>(
        server,
        `${path}&status=`,
      );

      expect(versions(byDefault.items)).toEqual(
        versions(all.filter(release => release.status !== 'archived')),
      );
      expect(versions(open.items)).toEqual(versions(byDefault.items));
      expect(versions(onlyArchived.items)).toEqual(versions(archived));
      expect(versions(unfiltered.items)).toEqual(versions(all));
    });
  });

  it('answers 400 to any other status', async () => {
    await withServer({ data }, async server => {
      const response = await get(
        server,
        '/api/0/organizations/acme/releases/?project=-1&status=closed',
      );
      expect(response.status).toBe(400);
      expect(await response.json()).toEqual({
        detail: 'invalid value for status',
      });
    });
  });
});

import { collectionCount } from '../collection';
import type { Collection, ReleaseJson } from '../index';
import { collectAll } from '../testing/collectAll';
import { generateSampleData } from './generateSampleData';
import { PRESETS } from './presets';

const ISSUE_DETECTORS = new Set(['issue_stream', 'error']);

describe('generateSampleData', () => {
  it('is deterministic: the same seed gives the same data, another seed other data', () => {
    const first = JSON.stringify(generateSampleData({ preset: 'S', seed: 7 }));
    const second = JSON.stringify(generateSampleData({ preset: 'S', seed: 7 }));
    const other = JSON.stringify(generateSampleData({ preset: 'S', seed: 8 }));
    expect(second).toBe(first);
    expect(other).not.toBe(first);
  });

  it('builds an item the same way whether it is read first or last (lazy collections are pure)', () => {
    const data = generateSampleData({ preset: 'S', seed: 3 });
    const releases = data.organizations[0].releases as {
      count: number;
      get(index: number): ReleaseJson;
    };
    const last = JSON.stringify(releases.get(releases.count - 1));
    collectAll(data.organizations[0].releases);
    expect(JSON.stringify(releases.get(releases.count - 1))).toBe(last);
  });

  it.each(['S', 'M', 'L'] as const)(
    'honours the sizes of preset %s',
    preset => {
      const data = generateSampleData({ preset });
      const { organizations, sizes } = PRESETS[preset];
      expect(data.organizations).toHaveLength(organizations);
      for (const organization of data.organizations) {
        expect(collectionCount(organization.members)).toBe(sizes.members);
        expect(collectionCount(organization.teams)).toBe(sizes.teams);
        expect(collectionCount(organization.projects)).toBe(sizes.projects);
        expect(collectionCount(organization.releases)).toBe(sizes.releases);
        const workflows = collectAll(organization.workflows);
        const detectors = new Map(
          collectAll(organization.detectors).map(detector => [
            detector.id,
            detector,
          ]),
        );
        const issueAlerts = workflows.filter(workflow =>
          workflow.detectorIds.some(id =>
            ISSUE_DETECTORS.has(detectors.get(id)?.type ?? ''),
          ),
        );
        expect(issueAlerts).toHaveLength(sizes.rules);
        expect(workflows.length - sizes.rules).toBeGreaterThanOrEqual(
          Math.round(sizes.rules / 10),
        );
      }
    },
  );

  it('accepts size overrides and an organization count', () => {
    const data = generateSampleData({
      preset: 'M',
      organizations: 3,
      sizes: { members: 12, releases: 3 },
    });
    expect(
      data.organizations.map(organization => organization.organization.slug),
    ).toEqual(['acme', 'globex', 'initech']);
    expect(
      data.organizations.every(
        organization => collectionCount(organization.members) === 12,
      ),
    ).toBe(true);
    expect(collectionCount(data.organizations[0].projects)).toBe(
      PRESETS.M.sizes.projects,
    );
  });

  it('keeps ids numeric and unique across the whole data set, release ids integers', () => {
    const data = generateSampleData({ preset: 'S' });
    const ids: string[] = [];
    for (const organization of data.organizations) {
      ids.push(organization.organization.id);
      for (const kind of [
        'members',
        'teams',
        'projects',
        'detectors',
        'workflows',
      ] as const) {
        ids.push(
          ...collectAll<{ id: string }>(
            organization[kind] as Collection<{ id: string }>,
          ).map(item => item.id),
        );
      }
      for (const release of collectAll(organization.releases)) {
        expect(Number.isInteger(release.id)).toBe(true);
        ids.push(String(release.id));
      }
    }
    expect(ids.every(id => /^\d+$/.test(id))).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('serves lazy collections in Sentry order: members and workflows by id, teams and projects by slug, releases newest first', () => {
    const organization = generateSampleData({ preset: 'S' }).organizations[0];
    const byNumber = (ids: string[]) =>
      expect(ids).toEqual([...ids].sort((a, b) => Number(a) - Number(b)));
    byNumber(collectAll(organization.members).map(member => member.id));
    byNumber(collectAll(organization.workflows).map(workflow => workflow.id));
    byNumber(collectAll(organization.detectors).map(detector => detector.id));
    const slugs = (items: Array<{ slug: string }>) =>
      expect(items.map(item => item.slug)).toEqual(
        items.map(item => item.slug).sort(),
      );
    slugs(collectAll(organization.teams));
    slugs(collectAll(organization.projects));
    const created = collectAll(organization.releases).map(
      release => release.dateCreated,
    );
    expect(created).toEqual([...created].sort().reverse());
  });
});

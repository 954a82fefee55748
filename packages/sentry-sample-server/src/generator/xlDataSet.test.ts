import { collectionCount } from '../collection';
import type { ReleaseJson } from '../index';
import { generateSampleData } from './generateSampleData';

describe('the XL data set', () => {
  it('is generated without materializing its 500,000 releases', () => {
    global.gc?.();
    const before = process.memoryUsage().heapUsed;
    const started = Date.now();
    const data = generateSampleData({ preset: 'XL' });
    const elapsedMs = Date.now() - started;
    const grownMb = (process.memoryUsage().heapUsed - before) / 1e6;

    const [organization] = data.organizations;
    expect(collectionCount(organization.releases)).toBe(500_000);
    expect(Array.isArray(organization.releases)).toBe(false);
    // 500,000 release objects would take well over a gigabyte; the plan takes tens of megabytes.
    expect(grownMb).toBeLessThan(250);
    expect(elapsedMs).toBeLessThan(20_000);

    const releases = organization.releases as {
      count: number;
      get(index: number): ReleaseJson;
    };
    const newest = releases.get(0);
    const oldest = releases.get(releases.count - 1);
    expect(Date.parse(newest.dateCreated)).toBeGreaterThan(
      Date.parse(oldest.dateCreated),
    );
    expect(oldest.version).toMatch(/@1\.0\.0$/);
    expect(collectionCount(organization.members)).toBe(20_000);
    expect(collectionCount(organization.projects)).toBe(10_000);
  });
});

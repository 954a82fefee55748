import {
  generateSampleData,
  type ReleaseJson,
  type SampleOrganization,
} from '@sentry-graph/sentry-sample-server';

/** Characters in each release's `ref`: a page of 100 releases is some 2 MB. */
const REF_LENGTH = 20_000;

/**
 * An organization whose release listing no small heap holds: 10,000
 * releases (preset M) with a 20 kB `ref` each, which the sync keeps until
 * it writes them. The pages the sync reads at once then come to tens of
 * megabytes, where acme's whole sync needs some 25 MB of heap.
 */
export function heavyOrganization(): SampleOrganization {
  const [organization] = generateSampleData({
    preset: 'M',
    seed: 5,
  }).organizations;
  const releases = organization.releases;
  const release = (index: number): ReleaseJson =>
    Array.isArray(releases)
      ? (releases as readonly ReleaseJson[])[index]
      : (releases as { get(index: number): ReleaseJson }).get(index);
  const count = Array.isArray(releases)
    ? releases.length
    : (releases as { count: number }).count;
  return {
    ...organization,
    releases: {
      count,
      get: index => ({
        ...release(index),
        ref: `${index}:`.padEnd(REF_LENGTH, 'x'),
      }),
    },
  };
}

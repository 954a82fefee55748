import {
  collectionCount,
  generateSampleData,
} from '@sentry-graph/sentry-sample-server';
import { useSampleServerEnvironment } from '../__testUtils__/sampleServerEnvironment';
import { runTestSync } from '../__testUtils__/syncHarness';

const env = useSampleServerEnvironment();
const { graph } = env;

describe('a Sentry whose Link headers name another host than the one called', () => {
  it('completes every listing by following the cursor on the origin it called', async () => {
    // More than one page (100) of members and releases.
    const data = generateSampleData({
      preset: 'S',
      organizations: 1,
      sizes: { members: 130, releases: 140 },
    });
    // Self-hosted behind a proxy: system.url-prefix is a host this
    // client cannot even resolve.
    const sentry = await env.start({
      data,
      urlPrefix: 'https://sentry.behind-a-proxy.invalid',
    });

    const result = await runTestSync(sentry, graph);

    expect(result.errors).toEqual([]);
    expect(result.status).toBe('succeeded');
    const [counts] = await graph.query<{ users: number; releases: number }>(`
      RETURN COUNT { (:SentryUser) } AS users, COUNT { (:SentryRelease) } AS releases`);
    const organization = data.organizations[0];
    expect(counts).toEqual({
      users: collectionCount(organization.members),
      releases: collectionCount(organization.releases),
    });
  });
});

import {
  generateSampleData,
  type ReleaseJson,
} from '@sentry-graph/sentry-sample-server';
import { MOST_IN_FLIGHT_PER_ENDPOINT } from '../sentry/requestConcurrency';
import { useSampleServerEnvironment } from '../__testUtils__/sampleServerEnvironment';
import { runTestSync } from '../__testUtils__/syncHarness';

const env = useSampleServerEnvironment();
const { graph } = env;

async function countLabel(label: string): Promise<number> {
  const [row] = await graph.query<{ n: number }>(
    `MATCH (n:${label}) RETURN count(n) AS n`,
  );
  return row.n;
}

describe('Sentry rate limits', () => {
  it('completes within a small window without a single 429 and never exceeds it', async () => {
    const server = await env.start({
      data: generateSampleData({ preset: 'S', seed: 7 }),
      rateLimit: { limit: 4, windowSeconds: 1 },
    });
    const result = await runTestSync(server, graph, {
      sentry: { maxConcurrency: 8 },
    });
    expect(result.errors).toEqual([]);
    expect(result.status).toBe('succeeded');
    const stats = server.stats();
    expect(stats.rateLimited).toBe(0);
    expect(result.requests.rateLimited).toBe(0);
    expect(Math.max(...Object.values(stats.maxInWindow))).toBeLessThanOrEqual(
      4,
    );
    // Per-team member listings outnumber the window: the client had to wait.
    expect(result.requests.budgetWaitMs).toBeGreaterThan(0);
  });

  it('waits for the reset after a 429 and loses nothing', async () => {
    const server = await env.start({
      data: generateSampleData({ preset: 'S', seed: 7 }),
    });
    server.setFaults([{ path: /\/members\/$/, kind: 'rate-limit', times: 3 }]);
    const result = await runTestSync(server, graph);
    expect(result.status).toBe('succeeded');
    expect(result.requests.rateLimited).toBe(3);
  });
});

describe('long listings', () => {
  const manyReleases = () =>
    generateSampleData({
      preset: 'S',
      seed: 3,
      organizations: 1,
      sizes: { releases: 30_000 },
    });
  /** Open and archived releases among the first `count`: they are listed apart. */
  const statuses = (count: number) => {
    const releases = manyReleases().organizations[0].releases as {
      get(index: number): ReleaseJson;
    };
    let archived = 0;
    for (let index = 0; index < count; index++)
      if (releases.get(index).status === 'archived') archived++;
    return { open: count - archived, archived };
  };

  it('reads every one of hundreds of pages', async () => {
    const server = await env.start({ data: manyReleases() });
    const result = await runTestSync(server, graph);
    expect(result.status).toBe('succeeded');
    const releases = result.organizations[0].kinds.releases!;
    expect(releases.fetched).toBe(30_000);
    expect(await countLabel('SentryRelease')).toBe(30_000);
    const { open, archived } = statuses(30_000);
    expect(archived).toBeGreaterThan(0);
    const pages = Math.ceil(open / 100) + Math.ceil(archived / 100);
    expect(releases.listingReads).toEqual([
      { endpoint: 'releases', mode: 'concurrent', listings: 2, pages },
    ]);
    // Each of the two listings may ask for less than a window of pages
    // beyond its end before its last page answers.
    const requests =
      server.stats().byEndpoint['GET /api/0/organizations/{org}/releases/'];
    expect(requests).toBeGreaterThanOrEqual(pages);
    expect(requests).toBeLessThan(pages + 2 * MOST_IN_FLIGHT_PER_ENDPOINT);
  });

  it('keeps every release when a page in the middle of the listing is malformed', async () => {
    const server = await env.start({ data: manyReleases() });
    await runTestSync(server, graph);
    // Ten thousand releases gone, and page 150 of the rest unreadable.
    const [organization] = manyReleases().organizations;
    const releases = organization.releases as {
      count: number;
      get(index: number): unknown;
    };
    server.setData({
      organizations: [
        {
          ...organization,
          releases: { count: 20_000, get: i => releases.get(i) },
        } as typeof organization,
      ],
    });
    server.setFaults([
      { path: '/releases/', page: 150, kind: 'malformed-json' },
    ]);
    const result = await runTestSync(server, graph, {
      sentry: { maxRetries: 1 },
    });

    const kind = result.organizations[0].kinds.releases!;
    expect(kind.status).toBe('incomplete');
    expect(kind.error).toMatch(/JSON/i);
    // 150 pages of open releases, then the archived listing, read all the
    // same; pages after the bad one may have come in meanwhile (the window
    // reads ahead), and were written too.
    expect(kind.fetched).toBeGreaterThanOrEqual(
      15_000 + statuses(20_000).archived,
    );
    expect(kind.deleted).toBe(0);
    expect(result.status).toBe('partial');
    expect(await countLabel('SentryRelease')).toBe(30_000);
  });

  it('stops promptly when aborted in the middle, deleting nothing', async () => {
    const server = await env.start({ data: manyReleases() });
    await runTestSync(server, graph);
    const before = await countLabel('SentryRelease');
    const [organization] = generateSampleData({
      preset: 'S',
      seed: 3,
      organizations: 1,
      sizes: { releases: 30_000 },
    }).organizations;
    server.setData({
      organizations: [{ ...organization, releases: [], members: [] }],
    });

    const controller = new AbortController();
    let abortedAt = 0;
    const result = await runTestSync(server, graph, {
      // Not the guard but the abort must be what keeps the data.
      engine: { allowMassDeletion: true },
      signal: controller.signal,
      onProgress: progress => {
        if (progress.items > 50 && !controller.signal.aborted) {
          abortedAt = Date.now();
          controller.abort();
        }
      },
    });
    expect(Date.now() - abortedAt).toBeLessThan(2_000);
    expect(result.status).toBe('aborted');
    expect(await countLabel('SentryRelease')).toBe(before);
    expect(await countLabel('SentryUser')).toBeGreaterThan(0);
    for (const kind of Object.values(result.organizations[0].kinds))
      expect(kind?.deleted ?? 0).toBe(0);
  });
});

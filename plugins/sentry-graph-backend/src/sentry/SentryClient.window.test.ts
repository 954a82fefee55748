import {
  generateSampleData,
  startSampleServer,
  type FaultRule,
  type SampleServer,
  type SampleServerOptions,
} from '@sentry-graph/sentry-sample-server';
import type { ZodType } from 'zod';
import {
  SentryLegacyRuleSchema,
  SentryMemberSchema,
  SentryReleaseSchema,
} from './schemas';
import { SentryClient } from './SentryClient';
import type {
  SentryClientOptions,
  SentryEndpoint,
  SentryPage,
  SentryQuery,
} from './types';
import { apiPath } from './url';
import { unexpected } from './__testUtils__/tinyServer';

/*
 * Pages of an offset-paginated listing read several at a time, against the
 * sample server answering as sentry.io does across a network.
 */

const RELEASES = 'GET /api/0/organizations/{org}/releases/';
/** 2,050 releases: 21 pages of 100. */
const data = generateSampleData({
  preset: 'S',
  seed: 11,
  organizations: 1,
  sizes: { releases: 2_050, members: 150, rules: 120 },
});
const org = data.organizations[0].organization.slug;

interface Listing<T> {
  path: string;
  endpoint: SentryEndpoint;
  itemSchema: ZodType<T>;
  query?: SentryQuery;
  perPage?: number;
  expectedItems?: number;
}

const releases: Listing<{ version: string }> = {
  path: apiPath`organizations/${org}/releases/`,
  endpoint: 'releases',
  itemSchema: SentryReleaseSchema,
  // An empty status lists open and archived releases alike.
  query: { project: '-1', status: '' },
};

/** Collects a listing; fine in tests, which is exactly what the sync must not do. */
async function read<T>(
  client: SentryClient,
  listing: Listing<T>,
  signal?: AbortSignal,
): Promise<SentryPage<T>[]> {
  const pages: SentryPage<T>[] = [];
  for await (const page of client.paginate(listing.path, {
    ...listing,
    signal,
  })) {
    pages.push(page);
  }
  return pages;
}

const versionsOf = (pages: SentryPage<{ version: string }>[]) =>
  pages.flatMap(page => page.items.map(release => release.version));
const pageIndices = (pages: SentryPage<unknown>[]) =>
  pages.map(page => page.pageIndex).sort((a, b) => a - b);
const range = (length: number) => Array.from({ length }, (_, i) => i);

describe('SentryClient reading pages concurrently', () => {
  let server: SampleServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  async function start(options: Partial<SampleServerOptions> = {}) {
    server = await startSampleServer({
      data,
      latency: { ms: 100 },
      ...options,
    });
    return server;
  }

  const clientOf = (
    sample: SampleServer,
    options: Partial<SentryClientOptions> = {},
  ) =>
    new SentryClient({
      baseUrl: sample.url,
      token: 'sample-token',
      retryBaseDelayMs: 5,
      ...options,
    });

  it('returns exactly the items of a sequential read, each page once, within the rate limit', async () => {
    const sample = await start();

    const sequential = await read(
      clientOf(sample, { maxPagesInFlight: 1 }),
      releases,
    );
    const sequentialStats = sample.stats();
    sample.resetStats();
    const windowed = await read(clientOf(sample), releases);
    const windowedStats = sample.stats();

    expect(versionsOf(windowed).sort()).toEqual(versionsOf(sequential).sort());
    expect(new Set(versionsOf(windowed)).size).toBe(2_050);
    expect(pageIndices(windowed)).toEqual(range(21));
    expect(windowed.map(page => page.mode)).toEqual(
      range(21).map(() => 'concurrent'),
    );
    expect(sequential.map(page => page.mode)).toEqual(
      range(21).map(() => 'sequential'),
    );
    // Several pages were in flight at once, never more than Sentry allows.
    expect(windowedStats.maxConcurrent).toBeGreaterThan(2);
    expect(sequentialStats.maxConcurrent).toBe(1);
    expect(windowedStats.rateLimited).toBe(0);
    expect(windowedStats.maxInWindow[RELEASES]).toBeLessThanOrEqual(40);
  });

  it('stops at the first page whose Link says there are no more results', async () => {
    const sample = await start();
    const members: Listing<unknown> = {
      path: apiPath`organizations/${org}/members/`,
      endpoint: 'members',
      itemSchema: SentryMemberSchema,
    };

    const pages = await read(clientOf(sample), members);

    // 150 members: two pages; the window opens gradually, so at most one
    // page beyond the end is asked for.
    expect(pageIndices(pages)).toEqual([0, 1]);
    expect(pages.map(page => page.mode)).toEqual(['concurrent', 'concurrent']);
    expect(pages.flatMap(page => page.items)).toHaveLength(150);
    expect(
      sample.stats().byEndpoint['GET /api/0/organizations/{org}/members/'],
    ).toBeLessThanOrEqual(3);
  });

  const readWithExpectedSize = async (expectedItems: number) => {
    const sample = await start();
    const pages = await read(clientOf(sample), { ...releases, expectedItems });
    expect(new Set(versionsOf(pages)).size).toBe(2_050);
    expect(pageIndices(pages)).toEqual(range(21));
    return sample.stats().byEndpoint[RELEASES];
  };

  it.each([
    // As large as the graph expects (21 pages), or ending within its last page.
    ['of the expected size', 2_050],
    ['that ends within its expected last page', 2_099],
  ])(
    'with an expected size, reads a listing %s whole and asks for no page past its end',
    async (_, expectedItems) => {
      expect(await readWithExpectedSize(expectedItems)).toBe(21);
    },
  );

  it.each([
    ['much shorter than expected', 3_000],
    ['much longer than expected', 1_000],
  ])(
    'with an expected size, reads a listing %s whole',
    async (_, expectedItems) => {
      expect(await readWithExpectedSize(expectedItems)).toBeGreaterThanOrEqual(
        21,
      );
    },
  );

  it('without an expected size, asks for pages past the end of a listing as its window opens', async () => {
    const sample = await start();
    await read(clientOf(sample), releases);
    // The figure the expected size saves: the window's pages past page 21.
    expect(sample.stats().byEndpoint[RELEASES]).toBeGreaterThan(21);
  });

  it('reads a keyset-paginated listing page after page', async () => {
    const [slug, rules] = Object.entries(data.organizations[0].legacyRules!)
      .map(([project, list]) => [project, list.length] as const)
      .sort((a, b) => b[1] - a[1])[0];
    expect(rules).toBeGreaterThanOrEqual(4);
    const sample = await start();
    const rulesOf = (perPage: number): Listing<{ id: string }> => ({
      path: apiPath`projects/${org}/${slug}/rules/`,
      endpoint: 'legacy-rules',
      itemSchema: SentryLegacyRuleSchema,
      perPage,
    });

    const onePage = await read(clientOf(sample), rulesOf(100));
    sample.resetStats();
    const byTwo = await read(clientOf(sample), rulesOf(2));

    expect(onePage.map(page => page.mode)).toEqual(['single-page']);
    expect(byTwo.length).toBeGreaterThanOrEqual(2);
    expect(byTwo.every(page => page.mode === 'sequential')).toBe(true);
    expect(pageIndices(byTwo)).toEqual(range(byTwo.length));
    expect(byTwo.flatMap(page => page.items.map(rule => rule.id))).toEqual(
      onePage[0].items.map(rule => rule.id),
    );
    expect(sample.stats().maxConcurrent).toBe(1);
  });

  it('stops within 200 ms of an abort in the middle of a window, and sends nothing after it', async () => {
    const sample = await start({ latency: { ms: 300 } });
    const client = clientOf(sample);
    const controller = new AbortController();
    const abort = { scheduled: false, at: 0, requestsSent: 0, pagesRead: 0 };
    let pagesRead = 0;
    // Abort while the next pages are on their way.
    const abortSoon = () => {
      abort.scheduled = true;
      setTimeout(() => {
        abort.at = Date.now();
        abort.requestsSent = client.stats.requests;
        abort.pagesRead = pagesRead;
        controller.abort();
      }, 50);
    };

    const error = await (async () => {
      for await (const page of client.paginate(releases.path, {
        ...releases,
        signal: controller.signal,
      })) {
        pagesRead += 1;
        if (page.pageIndex > 0 && !abort.scheduled) abortSoon();
      }
    })().then(unexpected, (e: Error) => e);
    const lateMs = Date.now() - abort.at;
    await new Promise(resolve => setTimeout(resolve, 500));

    expect(error).toMatchObject({ name: 'AbortError' });
    expect(abort.at).toBeGreaterThan(0);
    expect(lateMs).toBeLessThan(200);
    // More than one page was on its way when the abort came.
    expect(abort.requestsSent).toBeGreaterThan(abort.pagesRead + 1);
    expect(client.stats.requests).toBe(abort.requestsSent);
    expect(client.stats.failedRequests).toBe(0);
  });

  it('retries a 429 and 5xx answers in the middle of a window without losing or duplicating a page', async () => {
    const faults: FaultRule[] = [
      { path: '/releases/', page: 3, kind: 'rate-limit', times: 1 },
      { path: '/releases/', page: 5, kind: 'status', status: 502, times: 2 },
      { path: '/releases/', page: 6, kind: 'drop', times: 1 },
    ];
    const sample = await start({ faults });
    const client = clientOf(sample);

    const pages = await read(client, releases);

    const sequential = await read(
      clientOf(sample, { maxPagesInFlight: 1 }),
      releases,
    );
    expect(pageIndices(pages)).toEqual(range(21));
    expect(versionsOf(pages)).toHaveLength(2_050);
    expect(versionsOf(pages).sort()).toEqual(versionsOf(sequential).sort());
    expect(pages.every(page => page.mode === 'concurrent')).toBe(true);
    expect(client.stats).toMatchObject({ rateLimited: 1, failedRequests: 0 });
    expect(client.stats.retries).toBe(4);
  });

  it('fails the listing for a page within it that fails for good, after the pages before it', async () => {
    const sample = await start({
      faults: [{ path: '/releases/', page: 4, kind: 'status', status: 500 }],
    });
    const seen: number[] = [];
    const modes = new Set<string>();

    const error = await (async () => {
      for await (const page of clientOf(sample, {
        maxRetries: 1,
      }).paginate(releases.path, releases)) {
        seen.push(page.pageIndex);
        modes.add(page.mode);
      }
    })().then(unexpected, (e: Error) => e);

    expect(error).toMatchObject({ name: 'SentryRequestError', status: 500 });
    expect(seen).toEqual(expect.arrayContaining([0, 1, 2, 3]));
    expect(seen).not.toContain(4);
    expect([...modes]).toEqual(['concurrent']);
  });

  it('ignores a failed page beyond the end of the listing', async () => {
    const members: Listing<unknown> = {
      path: apiPath`organizations/${org}/members/`,
      endpoint: 'members',
      itemSchema: SentryMemberSchema,
      perPage: 50,
    };
    // Pages 0-2 hold the 150 members. Page 2, the last, answers late, so
    // pages 3 and 4 are asked for and page 3 fails before the end is known.
    const sample = await start({
      faults: [
        { path: '/members/', page: 2, kind: 'slow', delayMs: 700 },
        { path: '/members/', page: 3, kind: 'status', status: 500 },
      ],
    });
    const client = clientOf(sample, { maxRetries: 0 });

    const pages = await read(client, members);

    expect(pageIndices(pages)).toEqual([0, 1, 2]);
    expect(pages.flatMap(page => page.items)).toHaveLength(150);
    expect(
      sample.stats().byEndpoint['GET /api/0/organizations/{org}/members/'],
    ).toBeGreaterThanOrEqual(4);
  });
});

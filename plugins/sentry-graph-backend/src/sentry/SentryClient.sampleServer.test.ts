import {
  generateSampleData,
  startSampleServer,
  type SampleServer,
  type SampleServerOptions,
} from '@sentry-graph/sentry-sample-server';
import {
  SentryGoneError,
  SentryPermissionError,
  SentryRequestError,
  SentryResponseError,
} from './errors';
import {
  SentryMemberSchema,
  SentryOrganizationSchema,
  SentryReleaseSchema,
  SentryTeamMemberSchema,
  SentryTeamSchema,
} from './schemas';
import { SentryClient } from './SentryClient';
import type { SentryClientOptions, SentryPage } from './types';
import { apiPath } from './url';
import { unexpected } from './__testUtils__/tinyServer';

const TOKEN = 'sample-token';

/** Collects a listing; fine in tests, which is exactly what the sync must not do. */
async function collect<T>(
  pages: AsyncIterable<SentryPage<T>>,
): Promise<SentryPage<T>[]> {
  const all: SentryPage<T>[] = [];
  for await (const page of pages) all.push(page);
  return all;
}

describe('SentryClient against the sample server', () => {
  let server: SampleServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  async function start(
    options: Partial<SampleServerOptions> = {},
    clientOptions: Partial<SentryClientOptions> = {},
  ) {
    server = await startSampleServer({
      data: generateSampleData({ preset: 'S', seed: 7, organizations: 1 }),
      ...options,
    });
    const client = new SentryClient({
      baseUrl: server.url,
      token: TOKEN,
      retryBaseDelayMs: 5,
      ...clientOptions,
    });
    const [org] = (
      await collect(
        client.paginate('organizations/', {
          endpoint: 'organizations',
          itemSchema: SentryOrganizationSchema,
        }),
      )
    )[0].items;
    return { server, client, org };
  }

  it('pages through hundreds of pages, 100 items each, returning every item once', async () => {
    const { client, org } = await start({
      data: generateSampleData({
        preset: 'S',
        seed: 7,
        organizations: 1,
        sizes: { releases: 20_050 },
      }),
      rateLimit: { limit: 1000, windowSeconds: 1 },
    });
    const versions = new Set<string>();
    const sizes: number[] = [];
    let invalid = 0;
    for await (const page of client.paginate(
      apiPath`organizations/${org.slug}/releases/`,
      {
        endpoint: 'releases',
        itemSchema: SentryReleaseSchema,
        // An empty status lists open and archived releases alike.
        query: { project: '-1', status: '' },
      },
    )) {
      // Offset-paginated pages are read several at a time, in any order.
      expect(sizes[page.pageIndex]).toBeUndefined();
      sizes[page.pageIndex] = page.items.length;
      invalid += page.invalid.length;
      for (const release of page.items) versions.add(release.version);
    }

    expect(sizes).toHaveLength(201);
    expect(sizes).not.toContain(undefined);
    expect(sizes.slice(0, -1).every(size => size === 100)).toBe(true);
    expect(sizes[200]).toBe(50);
    expect(versions.size).toBe(20_050);
    expect(invalid).toBe(0);
  });

  it('stays inside a small rate-limit window: no 429, never more than the limit per window', async () => {
    const {
      server: sample,
      client,
      org,
    } = await start({
      rateLimit: { limit: 5, windowSeconds: 1 },
    });
    const teams = (
      await collect(
        client.paginate(apiPath`organizations/${org.slug}/teams/`, {
          endpoint: 'teams',
          itemSchema: SentryTeamSchema,
        }),
      )
    ).flatMap(page => page.items);

    const memberships = await Promise.all(
      teams.map(async team => {
        let count = 0;
        for await (const page of client.paginate(
          apiPath`teams/${org.slug}/${team.slug}/members/`,
          {
            endpoint: 'team-members',
            itemSchema: SentryTeamMemberSchema,
            perPage: 4,
          },
        )) {
          count += page.items.length;
        }
        return count;
      }),
    );

    const stats = sample.stats();
    expect(memberships.reduce((a, b) => a + b, 0)).toBeGreaterThan(
      teams.length,
    );
    expect(stats.rateLimited).toBe(0);
    expect(client.stats.rateLimited).toBe(0);
    expect(
      stats.byEndpoint['GET /api/0/teams/{org}/{team}/members/'],
    ).toBeGreaterThan(5);
    expect(
      stats.maxInWindow['GET /api/0/teams/{org}/{team}/members/'],
    ).toBeLessThanOrEqual(5);
    expect(client.stats.budgetWaitMs).toBeGreaterThan(0);
  });

  it('waits out a 429 and counts it', async () => {
    const { client, org } = await start({
      faults: [{ path: '/members/', kind: 'rate-limit', times: 1 }],
    });
    const pages = await collect(
      client.paginate(apiPath`organizations/${org.slug}/members/`, {
        endpoint: 'members',
        itemSchema: SentryMemberSchema,
      }),
    );
    expect(pages.flatMap(p => p.items)).toHaveLength(40);
    expect(client.stats).toMatchObject({ rateLimited: 1, failedRequests: 0 });
  });

  it('retries 5xx answers, dropped connections and slow answers, then completes', async () => {
    const { client, org } = await start(
      {
        faults: [
          { path: '/members/', kind: 'status', status: 503, times: 2 },
          { path: '/members/', kind: 'drop', times: 1 },
          { path: '/members/', kind: 'slow', delayMs: 5_000, times: 1 },
        ],
      },
      { timeoutMs: 300 },
    );
    const pages = await collect(
      client.paginate(apiPath`organizations/${org.slug}/members/`, {
        endpoint: 'members',
        itemSchema: SentryMemberSchema,
        perPage: 10,
      }),
    );
    expect(pages.flatMap(p => p.items)).toHaveLength(40);
    expect(client.stats.retries).toBe(4);
  });

  it('fails with SentryResponseError when a later page stays malformed, after the good pages', async () => {
    const { client, org } = await start(
      { faults: [{ path: '/members/', page: 2, kind: 'malformed-json' }] },
      { maxRetries: 2 },
    );
    const seen: number[] = [];
    const error = await (async () => {
      for await (const page of client.paginate(
        apiPath`organizations/${org.slug}/members/`,
        {
          endpoint: 'members',
          itemSchema: SentryMemberSchema,
          perPage: 10,
        },
      )) {
        seen.push(page.pageIndex);
      }
    })().then(unexpected, (e: SentryRequestError) => e);
    // Pages after the failing one may have come in meanwhile (the window
    // reads ahead); the listing fails all the same.
    expect(seen).toEqual(expect.arrayContaining([0, 1]));
    expect(seen).not.toContain(2);
    expect(error).toBeInstanceOf(SentryResponseError);
    expect(error).toMatchObject({ problem: 'malformed-json', attempts: 3 });
  });

  it('reports corrupted items with reasons and keeps the rest of the page', async () => {
    const { client, org } = await start({
      faults: [{ path: '/members/', page: 0, kind: 'invalid-items' }],
    });
    const [page] = await collect(
      client.paginate(apiPath`organizations/${org.slug}/members/`, {
        endpoint: 'members',
        itemSchema: SentryMemberSchema,
      }),
    );
    // The sample server breaks items 1, 3, 5 and 7; a null name is valid for a member.
    expect(page.items).toHaveLength(37);
    expect(page.items.map(m => m.id)).not.toContain(undefined);
    expect(page.invalid).toEqual([
      {
        endpoint: 'members',
        reason: 'id: expected string, received undefined',
      },
      {
        endpoint: 'members',
        // The fourth member's own id, sent as a number.
        id: '20010000004',
        reason: 'id: expected string, received number',
      },
      {
        endpoint: 'members',
        id: expect.any(String),
        reason: 'user: expected object, received number',
      },
    ]);
  });

  it('answers a brownout with SentryGoneError', async () => {
    const { client, org } = await start({
      faults: [{ path: '/rules/', kind: 'gone' }],
    });
    const error = await collect(
      client.paginate(apiPath`projects/${org.slug}/any/rules/`, {
        endpoint: 'legacy-rules',
        itemSchema: SentryTeamSchema,
      }),
    ).then(unexpected, (e: SentryRequestError) => e);
    expect(error).toBeInstanceOf(SentryGoneError);
  });

  it('names the missing scopes on 403 and explains an unknown token on 401', async () => {
    const { server: sample, org } = await start({
      tokens: [
        { token: TOKEN, scopes: ['org:read'] },
        { token: 'sntrys_ci-only-token', scopes: ['org:ci'], kind: 'org' },
      ],
    });
    const limited = new SentryClient({ baseUrl: sample.url, token: TOKEN });
    const forbidden = await collect(
      limited.paginate(apiPath`organizations/${org.slug}/members/`, {
        endpoint: 'members',
        itemSchema: SentryMemberSchema,
      }),
    ).then(unexpected, (e: SentryRequestError) => e);
    expect(forbidden).toBeInstanceOf(SentryPermissionError);
    expect(forbidden.status).toBe(403);
    expect(forbidden.message).toContain(
      'member:read, member:write, member:admin',
    );

    const stranger = new SentryClient({
      baseUrl: sample.url,
      token: 'sntryu_not-a-real-token',
    });
    const unauthorized = await stranger
      .getJson(apiPath`organizations/${org.slug}/`, {
        endpoint: 'organization',
        schema: SentryOrganizationSchema,
      })
      .then(unexpected, (e: SentryRequestError) => e);
    expect(unauthorized).toBeInstanceOf(SentryPermissionError);
    expect(unauthorized.status).toBe(401);
    expect(unauthorized.message).toContain('Invalid token');
    expect(unauthorized.message).not.toContain('sntryu_not-a-real-token');
  });
});

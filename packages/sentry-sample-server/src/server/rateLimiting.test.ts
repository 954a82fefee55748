import { get, withServer } from '../testing/httpTestHelpers';

const RATE_HEADERS = [
  'x-sentry-rate-limit-limit',
  'x-sentry-rate-limit-remaining',
  'x-sentry-rate-limit-reset',
  'x-sentry-rate-limit-concurrentlimit',
  'x-sentry-rate-limit-concurrentremaining',
];

/** Waits until just after a window boundary so a burst of requests lands in one window. */
async function startOfFreshWindow(windowSeconds: number): Promise<void> {
  const windowMs = windowSeconds * 1000;
  await new Promise(resolve =>
    setTimeout(resolve, windowMs - (Date.now() % windowMs) + 15),
  );
}

describe("rate limiting like Sentry's API middleware", () => {
  it('sends all five X-Sentry-Rate-Limit-* headers on every response, errors included', async () => {
    await withServer({}, async server => {
      const ok = await get(server, '/api/0/organizations/acme/members/');
      for (const header of RATE_HEADERS)
        expect(ok.headers.get(header)).toMatch(/^\d+$/);
      expect(ok.headers.get('x-sentry-rate-limit-limit')).toBe('40');
      const reset = Number(ok.headers.get('x-sentry-rate-limit-reset'));
      expect(reset).toBeGreaterThan(Date.now() / 1000 - 1);
      expect(reset).toBeLessThanOrEqual(Math.ceil(Date.now() / 1000) + 1);

      const unauthorized = await get(
        server,
        '/api/0/organizations/acme/members/',
        null,
      );
      expect(unauthorized.status).toBe(401);
      for (const header of RATE_HEADERS)
        expect(unauthorized.headers.get(header)).not.toBeNull();
    });
  });

  it('answers a real 429 with a JSON-string body and no Retry-After past the limit, and resets with the window', async () => {
    await withServer(
      { rateLimit: { limit: 3, windowSeconds: 1 } },
      async server => {
        await startOfFreshWindow(1);
        const statuses: number[] = [];
        const remaining: Array<string | null> = [];
        let limited: Response | undefined;
        for (let attempt = 0; attempt < 4; attempt++) {
          const response = await get(
            server,
            '/api/0/organizations/acme/teams/',
          );
          statuses.push(response.status);
          remaining.push(response.headers.get('x-sentry-rate-limit-remaining'));
          if (response.status === 429) limited = response;
          else await response.arrayBuffer();
        }
        expect(statuses).toEqual([200, 200, 200, 429]);
        expect(remaining).toEqual(['2', '1', '0', '0']);
        expect(limited).toBeDefined();
        const body: unknown = await limited!.json();
        expect(body).toBe(
          'You are attempting to use this endpoint too frequently. Limit is 3 requests in 1 seconds',
        );
        expect(limited!.headers.get('retry-after')).toBeNull();
        for (const header of RATE_HEADERS)
          expect(limited!.headers.get(header)).not.toBeNull();

        // Another endpoint has its own window.
        expect(
          (await get(server, '/api/0/organizations/acme/members/')).status,
        ).toBe(200);

        const resetMs =
          Number(limited!.headers.get('x-sentry-rate-limit-reset')) * 1000;
        await new Promise(resolve =>
          setTimeout(resolve, Math.max(0, resetMs - Date.now()) + 15),
        );
        const afterReset = await get(
          server,
          '/api/0/organizations/acme/teams/',
        );
        expect(afterReset.status).toBe(200);
        expect(afterReset.headers.get('x-sentry-rate-limit-remaining')).toBe(
          '2',
        );

        const stats = server.stats();
        expect(stats.rateLimited).toBe(1);
        expect(stats.maxInWindow['GET /api/0/organizations/{org}/teams/']).toBe(
          4,
        );
        expect(stats.byEndpoint['GET /api/0/organizations/{org}/teams/']).toBe(
          5,
        );
      },
    );
  });

  it("counts windows per token: another token is not limited by the first one's burst", async () => {
    const tokens = [
      { token: 'first', scopes: ['org:read'] },
      { token: 'second', scopes: ['org:read'] },
    ];
    await withServer(
      { tokens, rateLimit: { limit: 2, windowSeconds: 1 } },
      async server => {
        await startOfFreshWindow(1);
        const first = [];
        for (let attempt = 0; attempt < 3; attempt++)
          first.push(
            (await get(server, '/api/0/organizations/acme/teams/', 'first'))
              .status,
          );
        expect(first).toEqual([200, 200, 429]);
        expect(
          (await get(server, '/api/0/organizations/acme/teams/', 'second'))
            .status,
        ).toBe(200);
      },
    );
  });

  it('sends no rate-limit headers and never limits when disabled (self-hosted)', async () => {
    await withServer(
      { rateLimit: { limit: 1, windowSeconds: 60, enabled: false } },
      async server => {
        for (let attempt = 0; attempt < 5; attempt++) {
          const response = await get(
            server,
            '/api/0/organizations/acme/teams/?detailed=0',
          );
          expect(response.status).toBe(200);
          for (const header of RATE_HEADERS)
            expect(response.headers.get(header)).toBeNull();
          await response.arrayBuffer();
        }
        expect(
          server.stats().maxInWindow['GET /api/0/organizations/{org}/teams/'],
        ).toBe(5);
      },
    );
  });

  it('records the most requests in flight at once', async () => {
    await withServer(
      { rateLimit: { limit: 1000, windowSeconds: 1 } },
      async server => {
        await Promise.all(
          Array.from({ length: 8 }, () =>
            get(server, '/api/0/organizations/acme/members/').then(response =>
              response.arrayBuffer(),
            ),
          ),
        );
        const stats = server.stats();
        expect(stats.requests).toBe(8);
        expect(stats.maxConcurrent).toBeGreaterThanOrEqual(1);
        server.resetStats();
        expect(server.stats()).toEqual({
          requests: 0,
          byEndpoint: {},
          rateLimited: 0,
          maxInWindow: {},
          maxConcurrent: 0,
        });
      },
    );
  });
});

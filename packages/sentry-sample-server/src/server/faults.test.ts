import { get, parseLinkHeader, withServer } from '../testing/httpTestHelpers';

const MEMBERS = '/api/0/organizations/acme/members/';

describe('fault injection', () => {
  it("status: answers the status with Sentry's body (500 carries an errorId), then recovers after `times`", async () => {
    await withServer(
      { faults: [{ path: '/members/', kind: 'status', times: 1 }] },
      async server => {
        const failed = await get(server, MEMBERS);
        expect(failed.status).toBe(500);
        const body = (await failed.json()) as {
          detail: string;
          errorId: string;
        };
        expect(body.detail).toBe('Internal Error');
        expect(body.errorId).toMatch(/^[0-9a-f]{32}$/);
        expect(failed.headers.get('x-sentry-rate-limit-limit')).toBe('40');
        expect((await get(server, MEMBERS)).status).toBe(200);

        server.setFaults([{ path: /\/teams\/$/, kind: 'status', status: 503 }]);
        expect(
          (await get(server, '/api/0/organizations/acme/teams/')).status,
        ).toBe(503);
        expect(
          (await get(server, '/api/0/organizations/acme/teams/')).status,
        ).toBe(503);
      },
    );
  });

  it('gone: answers 410 {"message":"This API no longer exists."} with the deprecation headers on the rules route', async () => {
    await withServer(
      { faults: [{ path: '/rules/', kind: 'gone' }] },
      async server => {
        const response = await get(
          server,
          '/api/0/projects/acme/backend/rules/',
        );
        expect(response.status).toBe(410);
        expect(await response.json()).toEqual({
          message: 'This API no longer exists.',
        });
        expect(response.headers.get('x-sentry-deprecation-date')).toBe(
          '2026-05-14T00:00:00+00:00',
        );
      },
    );
  });

  it('only hits the requested page of a listing when `page` is set', async () => {
    await withServer(
      { faults: [{ path: '/members/', page: 1, kind: 'status', status: 502 }] },
      async server => {
        const first = await get(server, `${MEMBERS}?per_page=10`);
        expect(first.status).toBe(200);
        const second = await fetch(
          parseLinkHeader(first.headers.get('link')).next.url,
          { headers: { Authorization: 'Bearer sample-token' } },
        );
        expect(second.status).toBe(502);
        expect(
          (await get(server, `${MEMBERS}?per_page=10&cursor=10:2:0`)).status,
        ).toBe(200);
      },
    );
  });

  it('slow: delays the answer by delayMs, so a client timeout fires', async () => {
    await withServer(
      { faults: [{ path: '/teams/', kind: 'slow', delayMs: 2_000 }] },
      async server => {
        const started = Date.now();
        await expect(
          fetch(`${server.url}/api/0/organizations/acme/teams/`, {
            headers: { Authorization: 'Bearer sample-token' },
            signal: AbortSignal.timeout(300),
          }),
        ).rejects.toThrow();
        expect(Date.now() - started).toBeLessThan(1_500);

        server.setFaults([{ path: '/teams/', kind: 'slow', delayMs: 200 }]);
        const slowStart = Date.now();
        const response = await get(server, '/api/0/organizations/acme/teams/');
        expect(response.status).toBe(200);
        expect(Date.now() - slowStart).toBeGreaterThanOrEqual(190);
      },
    );
  });

  it('drop: closes the connection without any response', async () => {
    await withServer(
      { faults: [{ path: '/members/', kind: 'drop', times: 1 }] },
      async server => {
        await expect(get(server, MEMBERS)).rejects.toThrow();
        expect((await get(server, MEMBERS)).status).toBe(200);
      },
    );
  });

  it('malformed-json: answers 200 with the normal headers and a body that is not valid JSON', async () => {
    await withServer(
      { faults: [{ path: '/members/', kind: 'malformed-json' }] },
      async server => {
        const response = await get(server, `${MEMBERS}?per_page=10`);
        expect(response.status).toBe(200);
        expect(response.headers.get('content-type')).toBe('application/json');
        expect(parseLinkHeader(response.headers.get('link')).next.results).toBe(
          true,
        );
        const text = await response.text();
        expect(text.startsWith('[{')).toBe(true);
        expect(() => JSON.parse(text)).toThrow();
      },
    );
  });

  it('invalid-items: answers 200 with some items missing ids or with wrongly typed fields', async () => {
    await withServer(
      { faults: [{ path: '/projects/', kind: 'invalid-items' }] },
      async server => {
        const projects = (await (
          await get(server, '/api/0/organizations/acme/projects/')
        ).json()) as Array<Record<string, unknown>>;
        expect(projects).toHaveLength(12);
        expect(projects.some(project => !('id' in project))).toBe(true);
        expect(projects.some(project => typeof project.id === 'number')).toBe(
          true,
        );
        expect(projects.some(project => project.name === null)).toBe(true);
        expect(
          projects.some(
            project => 'teams' in project && !Array.isArray(project.teams),
          ),
        ).toBe(true);
        expect(
          projects.filter(
            project =>
              typeof project.id === 'string' && Array.isArray(project.teams),
          ).length,
        ).toBeGreaterThan(6);
      },
    );
  });

  it('rate-limit: answers a 429 exactly as the limiter would', async () => {
    await withServer(
      { faults: [{ path: '/releases/', kind: 'rate-limit', times: 1 }] },
      async server => {
        const limited = await get(
          server,
          '/api/0/organizations/acme/releases/?project=-1',
        );
        expect(limited.status).toBe(429);
        expect(await limited.json()).toBe(
          'You are attempting to use this endpoint too frequently. Limit is 40 requests in 1 seconds',
        );
        expect(limited.headers.get('x-sentry-rate-limit-remaining')).toBe('0');
        expect(limited.headers.get('retry-after')).toBeNull();
        expect(server.stats().rateLimited).toBe(1);
        expect(
          (await get(server, '/api/0/organizations/acme/releases/?project=-1'))
            .status,
        ).toBe(200);
      },
    );
  });

  it("status with html: a proxy's HTML page for a 502, without Sentry's headers", async () => {
    await withServer(
      {
        faults: [
          { path: '/members/', kind: 'status', status: 502, html: true },
        ],
      },
      async server => {
        const response = await get(server, MEMBERS);
        expect(response.status).toBe(502);
        expect(response.headers.get('content-type')).toBe('text/html');
        expect(response.headers.get('x-sentry-rate-limit-limit')).toBeNull();
        expect(await response.text()).toContain('<h1>502 Bad Gateway</h1>');
      },
    );
  });

  it('reset: sends the status and part of the body, then resets the connection', async () => {
    await withServer(
      { faults: [{ path: '/members/', kind: 'reset', times: 1 }] },
      async server => {
        const response = await get(server, MEMBERS);
        expect(response.status).toBe(200);
        await expect(response.text()).rejects.toThrow();
        expect((await get(server, MEMBERS)).status).toBe(200);
      },
    );
  });

  it('rate-limit with resetInSeconds: announces a reset that far ahead', async () => {
    await withServer(
      {
        faults: [
          { path: '/members/', kind: 'rate-limit', resetInSeconds: 3600 },
        ],
      },
      async server => {
        const response = await get(server, MEMBERS);
        expect(response.status).toBe(429);
        const reset = Number(response.headers.get('x-sentry-rate-limit-reset'));
        expect(reset - Date.now() / 1000).toBeGreaterThan(3590);
      },
    );
  });

  it('invalid-items with items and corruption: breaks that many items, all one way', async () => {
    await withServer(
      {
        faults: [
          {
            path: '/projects/',
            kind: 'invalid-items',
            items: 1,
            corruption: 'wrong-id-type',
          },
        ],
      },
      async server => {
        const projects = (await (
          await get(server, '/api/0/organizations/acme/projects/')
        ).json()) as Array<Record<string, unknown>>;
        const broken = projects.filter(
          project => typeof project.id !== 'string',
        );
        expect(broken).toHaveLength(1);
        // The same id, as a number.
        expect(typeof broken[0].id).toBe('number');
        expect(projects.indexOf(broken[0])).toBe(1);
      },
    );
  });

  it('empty-page: no rows, while the Link header still says more results follow', async () => {
    await withServer(
      { faults: [{ path: '/members/', kind: 'empty-page', page: 0 }] },
      async server => {
        const response = await get(server, MEMBERS);
        expect(await response.json()).toEqual([]);
        const { next } = parseLinkHeader(response.headers.get('link'));
        expect(next).toMatchObject({ results: true, cursor: '100:1:0' });
      },
    );
  });

  it('cursor-loop: the next link repeats the cursor the page was asked with', async () => {
    await withServer(
      { faults: [{ path: '/teams/', kind: 'cursor-loop' }] },
      async server => {
        const first = await get(server, '/api/0/organizations/acme/teams/');
        const { next } = parseLinkHeader(first.headers.get('link'));
        expect(next).toMatchObject({ results: true, cursor: '100:1:0' });
        const second = await fetch(next.url, {
          headers: { Authorization: 'Bearer sample-token' },
        });
        expect(parseLinkHeader(second.headers.get('link')).next).toMatchObject({
          results: true,
          cursor: '100:1:0',
        });
      },
    );
  });
});

import { z } from 'zod';
import {
  SentryNetworkError,
  SentryNotFoundError,
  SentryRequestError,
  SentryResponseError,
  SentryTimeoutError,
} from './errors';
import { SentryClient } from './SentryClient';
import type { SentryClientOptions } from './types';
import {
  sendJson,
  startTinyServer,
  type TinyServer,
  unexpected,
} from './__testUtils__/tinyServer';

const anything = z.unknown();
const item = z.object({ id: z.string() });

describe('SentryClient retries', () => {
  let server: TinyServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  const clientFor = (url: string, options: Partial<SentryClientOptions> = {}) =>
    new SentryClient({
      baseUrl: url,
      token: 't0ken-123',
      retryBaseDelayMs: 5,
      ...options,
    });

  it('retries a 5xx and counts the retry', async () => {
    server = await startTinyServer((_req, res, index) =>
      index < 2
        ? sendJson(res, 502, { detail: 'Bad gateway' })
        : sendJson(res, 200, { id: '1' }),
    );
    const client = clientFor(server.url);

    await expect(
      client.getJson('organizations/acme/', {
        endpoint: 'organization',
        schema: item,
      }),
    ).resolves.toEqual({ id: '1' });
    expect(client.stats).toMatchObject({
      requests: 3,
      retries: 2,
      failedRequests: 0,
    });
  });

  it('gives up after maxRetries with the status and the attempt count', async () => {
    server = await startTinyServer((_req, res) =>
      sendJson(res, 503, { detail: 'Internal Error', errorId: 'abc' }),
    );
    const client = clientFor(server.url, { maxRetries: 2 });

    const error = await client
      .getJson('organizations/acme/', {
        endpoint: 'organization',
        schema: anything,
      })
      .then(unexpected, (e: SentryRequestError) => e);

    expect(error).toBeInstanceOf(SentryRequestError);
    expect(error).toMatchObject({
      status: 503,
      attempts: 3,
      endpoint: 'organization',
    });
    expect(error.message).toMatch(
      /^Sentry answered 503 for GET \/api\/0\/organizations\/acme\/: Internal Error/,
    );
    expect(error.message).toMatch(/gave up after 3 attempts/);
    expect(client.stats).toMatchObject({
      requests: 3,
      retries: 2,
      failedRequests: 1,
    });
  });

  it.each([
    [400, SentryRequestError],
    [404, SentryNotFoundError],
  ])('does not retry a %s', async (status, errorClass) => {
    server = await startTinyServer((_req, res) =>
      sendJson(res, status, { detail: 'no' }),
    );
    const client = clientFor(server.url);

    await expect(
      client.getJson('organizations/acme/', {
        endpoint: 'organization',
        schema: anything,
      }),
    ).rejects.toBeInstanceOf(errorClass);
    expect(server.requests).toHaveLength(1);
  });

  it('times out a response that never comes, retries, then fails clearly', async () => {
    server = await startTinyServer(() => {
      /* never answers */
    });
    const client = clientFor(server.url, { timeoutMs: 150, maxRetries: 1 });
    const started = Date.now();

    const error = await client
      .getJson('organizations/acme/', {
        endpoint: 'organization',
        schema: anything,
      })
      .then(unexpected, (e: SentryRequestError) => e);

    expect(error).toBeInstanceOf(SentryTimeoutError);
    expect(error.message).toMatch(
      /did not answer GET \/api\/0\/organizations\/acme\/ within 150 ms.*gave up after 2 attempts/,
    );
    expect(server.requests).toHaveLength(2);
    expect(Date.now() - started).toBeLessThan(1500);
  });

  it('times out a body that stalls after the headers', async () => {
    server = await startTinyServer((_req, res, index) => {
      if (index === 0) {
        res.writeHead(200, { 'Content-Type': 'application/json' });
        res.write('[{"id":'); // and then nothing
      } else {
        sendJson(res, 200, [{ id: '1' }]);
      }
    });
    const client = clientFor(server.url, { timeoutMs: 150 });

    const pages = [];
    for await (const page of client.paginate('organizations/acme/teams/', {
      endpoint: 'teams',
      itemSchema: item,
    })) {
      pages.push(page);
    }
    expect(pages).toEqual([
      { items: [{ id: '1' }], invalid: [], pageIndex: 0, mode: 'single-page' },
    ]);
    expect(client.stats.retries).toBe(1);
  });

  it('retries a dropped connection', async () => {
    server = await startTinyServer((req, res, index) => {
      if (index === 0) req.socket.destroy();
      else sendJson(res, 200, { id: '7' });
    });
    const client = clientFor(server.url);

    await expect(
      client.getJson('organizations/acme/', {
        endpoint: 'organization',
        schema: item,
      }),
    ).resolves.toEqual({ id: '7' });
    expect(client.stats.retries).toBe(1);
  });

  it('fails with SentryNetworkError when nothing listens', async () => {
    const gone = await startTinyServer(() => {});
    await gone.close();
    const client = clientFor(gone.url, { maxRetries: 1 });

    const error = await client
      .getJson('organizations/acme/', {
        endpoint: 'organization',
        schema: anything,
      })
      .then(unexpected, (e: SentryRequestError) => e);
    expect(error).toBeInstanceOf(SentryNetworkError);
    expect(error.message).toMatch(/ECONNREFUSED.*gave up after 2 attempts/);
  });

  it('retries malformed JSON mid-pagination, then fails with SentryResponseError after the good pages', async () => {
    server = await startTinyServer((req, res) => {
      if (!req.url?.includes('cursor=')) {
        const next = `http://${req.headers.host}/api/0/organizations/acme/teams/?&cursor=100:1:0`;
        sendJson(res, 200, [{ id: '1' }], {
          Link: `<${next}>; rel="next"; results="true"; cursor="100:1:0"`,
        });
      } else {
        res.writeHead(200, { 'Content-Type': 'application/json' });
        res.end('[{"id": "2"},');
      }
    });
    const client = clientFor(server.url, { maxRetries: 2 });
    const seen: string[] = [];

    const error = await (async () => {
      for await (const page of client.paginate('organizations/acme/teams/', {
        endpoint: 'teams',
        itemSchema: item,
      })) {
        seen.push(...page.items.map(i => i.id));
      }
    })().then(unexpected, (e: SentryRequestError) => e);

    expect(seen).toEqual(['1']);
    expect(error).toBeInstanceOf(SentryResponseError);
    expect(error).toMatchObject({
      problem: 'malformed-json',
      status: 200,
      attempts: 3,
    });
    expect(error.message).toMatch(/not valid JSON/);
    // The second page was sent three times; the window may have asked for
    // the third meanwhile.
    expect(
      server.requests.filter(r =>
        decodeURIComponent(r.url).includes('cursor=100:1:0'),
      ),
    ).toHaveLength(3);
  });

  it('does not retry a well-formed body that is not a list', async () => {
    server = await startTinyServer((_req, res) =>
      sendJson(res, 200, { detail: 'surprise' }),
    );
    const client = clientFor(server.url);

    const listing = client.paginate('organizations/acme/teams/', {
      endpoint: 'teams',
      itemSchema: item,
    });
    await expect(listing.next()).rejects.toMatchObject({
      name: 'SentryResponseError',
      problem: 'not-an-array',
    });
    expect(server.requests).toHaveLength(1);
  });
});

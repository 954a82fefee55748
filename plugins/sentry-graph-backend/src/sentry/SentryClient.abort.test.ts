import { z } from 'zod';
import { SentryClient } from './SentryClient';
import type { SentryClientOptions } from './types';
import {
  rateHeaders,
  sendJson,
  startTinyServer,
  type TinyServer,
} from './__testUtils__/tinyServer';

const anything = z.unknown();
const nowSeconds = () => Math.floor(Date.now() / 1000);

/** Starts `request` with a signal, aborts it after `afterMs`; resolves with the error and how long the rejection took. */
async function abortAfter(
  afterMs: number,
  request: (signal: AbortSignal) => Promise<unknown>,
): Promise<{ error: unknown; lateMs: number }> {
  const controller = new AbortController();
  let abortedAt = 0;
  setTimeout(() => {
    abortedAt = Date.now();
    controller.abort();
  }, afterMs);
  const error = await request(controller.signal).then(
    () => new Error('expected the request to be aborted'),
    e => e,
  );
  return { error, lateMs: Date.now() - abortedAt };
}

describe('SentryClient abort', () => {
  let server: TinyServer | undefined;
  afterEach(async () => {
    jest.restoreAllMocks();
    await server?.close();
    server = undefined;
  });

  const clientFor = (url: string, options: Partial<SentryClientOptions> = {}) =>
    new SentryClient({ baseUrl: url, token: 't0ken-123', ...options });

  it('stops an in-flight request', async () => {
    server = await startTinyServer(() => {
      /* never answers */
    });
    const client = clientFor(server.url);

    const { error, lateMs } = await abortAfter(100, signal =>
      client.getJson('organizations/acme/', {
        endpoint: 'organization',
        schema: anything,
        signal,
      }),
    );

    expect(error).toMatchObject({ name: 'AbortError' });
    expect(lateMs).toBeLessThan(200);
    expect(client.stats.failedRequests).toBe(0);
  });

  it('stops a backoff sleep between retries', async () => {
    jest.spyOn(Math, 'random').mockReturnValue(1); // the full 10 s backoff
    server = await startTinyServer((_req, res) =>
      sendJson(res, 500, { detail: 'Internal Error' }),
    );
    const client = clientFor(server.url, { retryBaseDelayMs: 10_000 });

    const { error, lateMs } = await abortAfter(100, signal =>
      client.getJson('organizations/acme/', {
        endpoint: 'organization',
        schema: anything,
        signal,
      }),
    );

    expect(error).toMatchObject({ name: 'AbortError' });
    expect(lateMs).toBeLessThan(200);
    expect(server.requests).toHaveLength(1);
  });

  it('stops a wait for a rate-limit window', async () => {
    server = await startTinyServer((_req, res) =>
      sendJson(res, 200, {}, rateHeaders(1, 0, nowSeconds() + 30)),
    );
    const client = clientFor(server.url);
    await client.getJson('organizations/acme/', {
      endpoint: 'organization',
      schema: anything,
    });

    const { error, lateMs } = await abortAfter(100, signal =>
      client.getJson('organizations/acme/', {
        endpoint: 'organization',
        schema: anything,
        signal,
      }),
    );

    expect(error).toMatchObject({ name: 'AbortError' });
    expect(lateMs).toBeLessThan(200);
    expect(server.requests).toHaveLength(1);
  });

  it('stops a wait for a concurrency slot', async () => {
    server = await startTinyServer(() => {
      /* never answers */
    });
    const client = clientFor(server.url, { maxConcurrency: 1 });
    const holder = new AbortController();
    const holding = client
      .getJson('organizations/a/', {
        endpoint: 'organization',
        schema: anything,
        signal: holder.signal,
      })
      .catch(e => e);

    const { error, lateMs } = await abortAfter(100, signal =>
      client.getJson('organizations/b/', {
        endpoint: 'teams',
        schema: anything,
        signal,
      }),
    );
    holder.abort();

    expect(error).toMatchObject({ name: 'AbortError' });
    expect(lateMs).toBeLessThan(200);
    expect(await holding).toMatchObject({ name: 'AbortError' });
  });

  it('stops a listing whose first page is on its way', async () => {
    server = await startTinyServer(() => {
      /* never answers */
    });
    const client = clientFor(server.url);

    const { error, lateMs } = await abortAfter(100, async signal => {
      for await (const _page of client.paginate('organizations/acme/teams/', {
        endpoint: 'teams',
        itemSchema: anything,
        signal,
      }));
    });

    expect(error).toMatchObject({ name: 'AbortError' });
    expect(lateMs).toBeLessThan(200);
  });

  it('stops a listing between pages', async () => {
    // A keyset cursor: the listing is read page after page (the concurrent
    // read's abort is in SentryClient.window.test.ts).
    server = await startTinyServer((req, res, index) => {
      const next = `http://${req.headers.host}/api/0/organizations/acme/teams/?&cursor=${1000 - index}:0:0`;
      sendJson(res, 200, [{ id: '1' }], {
        Link: `<${next}>; rel="next"; results="true"`,
      });
    });
    const client = clientFor(server.url);
    const controller = new AbortController();
    let pages = 0;

    const error = await (async () => {
      for await (const _page of client.paginate('organizations/acme/teams/', {
        endpoint: 'teams',
        itemSchema: anything,
        signal: controller.signal,
      })) {
        if (++pages === 3) controller.abort();
      }
    })().catch(e => e);

    expect(error).toMatchObject({ name: 'AbortError' });
    expect(pages).toBe(3);
    expect(server.requests).toHaveLength(3);
  });
});

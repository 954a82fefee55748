import { z } from 'zod';
import { SentryRateLimitError, SentryRequestError } from './errors';
import { SentryClient } from './SentryClient';
import {
  delay,
  rateHeaders,
  sendJson,
  startTinyServer,
  type TinyServer,
  unexpected,
} from './__testUtils__/tinyServer';

const anything = z.unknown();
const nowSeconds = () => Math.floor(Date.now() / 1000);
const TOO_MANY =
  'You are attempting to use this endpoint too frequently. Limit is 5 requests in 1 seconds';

describe('SentryClient rate limiting', () => {
  let server: TinyServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  it('waits for X-Sentry-Rate-Limit-Reset after a 429, then succeeds, and counts it', async () => {
    let resetS = 0;
    server = await startTinyServer((_req, res, index) => {
      if (index === 0) {
        resetS = nowSeconds() + 1;
        sendJson(res, 429, TOO_MANY, rateHeaders(5, 0, resetS));
      } else {
        sendJson(res, 200, { ok: true }, rateHeaders(5, 4, nowSeconds() + 1));
      }
    });
    const client = new SentryClient({
      baseUrl: server.url,
      token: 't0ken-123',
    });

    await expect(
      client.getJson('organizations/acme/', {
        endpoint: 'organization',
        schema: anything,
      }),
    ).resolves.toEqual({ ok: true });

    expect(server.requests).toHaveLength(2);
    expect(server.requests[1].at).toBeGreaterThanOrEqual(resetS * 1000);
    expect(client.stats).toMatchObject({
      requests: 2,
      rateLimited: 1,
      retries: 1,
      failedRequests: 0,
    });
    expect(client.stats.budgetWaitMs).toBeGreaterThan(0);
  });

  it('honours Retry-After when a proxy sends one instead of Sentry headers', async () => {
    server = await startTinyServer((_req, res, index) => {
      if (index === 0) sendJson(res, 429, 'slow down', { 'Retry-After': '1' });
      else sendJson(res, 200, []);
    });
    const client = new SentryClient({
      baseUrl: server.url,
      token: 't0ken-123',
      retryBaseDelayMs: 1,
    });

    await client.getJson('organizations/', {
      endpoint: 'organizations',
      schema: anything,
    });

    expect(
      server.requests[1].at - server.requests[0].at,
    ).toBeGreaterThanOrEqual(950);
  });

  it('backs off when a 429 carries neither a reset nor Retry-After', async () => {
    server = await startTinyServer((_req, res, index) => {
      if (index < 2) sendJson(res, 429, 'slow down');
      else sendJson(res, 200, []);
    });
    const client = new SentryClient({
      baseUrl: server.url,
      token: 't0ken-123',
      retryBaseDelayMs: 80,
    });

    await client.getJson('organizations/', {
      endpoint: 'organizations',
      schema: anything,
    });

    expect(
      server.requests[1].at - server.requests[0].at,
    ).toBeGreaterThanOrEqual(75);
    expect(
      server.requests[2].at - server.requests[1].at,
    ).toBeGreaterThanOrEqual(75);
    expect(client.stats.rateLimited).toBe(2);
  });

  it('gives up after 10 rate-limited answers in a row, without using the 5xx retries', async () => {
    server = await startTinyServer((_req, res) => sendJson(res, 429, TOO_MANY));
    const client = new SentryClient({
      baseUrl: server.url,
      token: 't0ken-123',
      maxRetries: 0,
      retryBaseDelayMs: 1,
      retryMaxDelayMs: 2,
    });

    const error = await client
      .getJson('organizations/acme/members/', {
        endpoint: 'members',
        schema: anything,
      })
      .then(unexpected, (e: SentryRequestError) => e);

    expect(error).toBeInstanceOf(SentryRateLimitError);
    expect(error.message).toMatch(/10 times in a row: You are attempting/);
    expect(server.requests).toHaveLength(10);
    expect(client.stats).toMatchObject({ rateLimited: 10, failedRequests: 1 });
  });

  it('fails at once when the reset is further away than maxRateLimitWaitMs', async () => {
    server = await startTinyServer((_req, res) =>
      sendJson(res, 429, TOO_MANY, rateHeaders(5, 0, nowSeconds() + 3600)),
    );
    const client = new SentryClient({
      baseUrl: server.url,
      token: 't0ken-123',
      maxRateLimitWaitMs: 5_000,
    });
    const started = Date.now();

    const error = await client
      .getJson('organizations/acme/releases/', {
        endpoint: 'releases',
        schema: anything,
      })
      .then(unexpected, (e: SentryRequestError) => e);

    expect(error).toBeInstanceOf(SentryRateLimitError);
    expect(error.message).toMatch(/rate limit for releases requires a wait of/);
    expect(Date.now() - started).toBeLessThan(1000);
    expect(server.requests).toHaveLength(1);
  });

  it('never sends into an exhausted window, even with requests in parallel', async () => {
    const limit = 3;
    const windows = new Map<number, number>();
    let rateLimited = 0;
    server = await startTinyServer(async (_req, res) => {
      const window = nowSeconds();
      const count = (windows.get(window) ?? 0) + 1;
      windows.set(window, count);
      await delay(20);
      const headers = rateHeaders(
        limit,
        Math.max(0, limit - count),
        window + 1,
      );
      if (count > limit) {
        rateLimited++;
        sendJson(res, 429, TOO_MANY, headers);
      } else {
        sendJson(res, 200, [], headers);
      }
    });
    const client = new SentryClient({
      baseUrl: server.url,
      token: 't0ken-123',
      maxConcurrency: 4,
    });

    await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        client.getJson(`teams/acme/team-${i}/members/`, {
          endpoint: 'team-members',
          schema: anything,
        }),
      ),
    );

    expect(rateLimited).toBe(0);
    expect(client.stats.rateLimited).toBe(0);
    expect(Math.max(...windows.values())).toBeLessThanOrEqual(limit);
    expect(client.stats.budgetWaitMs).toBeGreaterThan(0);
  });

  it('corrects for a server clock far ahead of ours, using the Date header', async () => {
    const aheadMs = 3_600_000;
    server = await startTinyServer((_req, res, index) => {
      const serverNow = Date.now() + aheadMs;
      const window = Math.floor(serverNow / 1000);
      sendJson(res, 200, [], {
        Date: new Date(serverNow).toUTCString(),
        ...rateHeaders(2, index === 0 ? 0 : 1, window + 1),
      });
    });
    const client = new SentryClient({
      baseUrl: server.url,
      token: 't0ken-123',
      maxRateLimitWaitMs: 5_000,
    });
    const started = Date.now();

    await client.getJson('organizations/acme/', {
      endpoint: 'organization',
      schema: anything,
    });
    await client.getJson('organizations/acme/', {
      endpoint: 'organization',
      schema: anything,
    });

    // Without the correction the reset would look an hour away and fail the request.
    expect(Date.now() - started).toBeLessThan(2_500);
  });

  it('applies only the concurrency limit when Sentry sends no rate-limit headers (self-hosted)', async () => {
    server = await startTinyServer(async (_req, res) => {
      await delay(30);
      sendJson(res, 200, []);
    });
    const client = new SentryClient({
      baseUrl: server.url,
      token: 't0ken-123',
      maxConcurrency: 3,
    });

    await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        client.getJson(`teams/acme/t${i}/members/`, {
          endpoint: 'team-members',
          schema: anything,
        }),
      ),
    );

    expect(server.maxConcurrent()).toBe(3);
    expect(client.stats).toMatchObject({ requests: 12, rateLimited: 0 });
  });

  it('sends a single probe on a bucket until Sentry first answers', async () => {
    server = await startTinyServer(async (_req, res) => {
      await delay(80);
      sendJson(res, 200, [], rateHeaders(40, 39, nowSeconds() + 1));
    });
    const client = new SentryClient({
      baseUrl: server.url,
      token: 't0ken-123',
      maxConcurrency: 4,
    });

    await Promise.all(
      Array.from({ length: 3 }, () =>
        client.getJson('organizations/acme/projects/', {
          endpoint: 'projects',
          schema: anything,
        }),
      ),
    );

    expect(
      server.requests[1].at - server.requests[0].at,
    ).toBeGreaterThanOrEqual(70);
    expect(
      Math.abs(server.requests[2].at - server.requests[1].at),
    ).toBeLessThan(60);
  });
});

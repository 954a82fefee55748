import { z } from 'zod';
import { SentryClient } from './SentryClient';
import {
  delay,
  sendJson,
  startTinyServer,
  type TinyServer,
} from './__testUtils__/tinyServer';

const anything = z.unknown();

describe('SentryClient.forRegion', () => {
  const servers: TinyServer[] = [];
  afterEach(async () => {
    await Promise.all(servers.splice(0).map(s => s.close()));
  });

  it('sends to the region host with the same token, stats and concurrency limit', async () => {
    let inFlight = 0;
    let maxInFlight = 0;
    const handler = async (
      _req: unknown,
      res: Parameters<typeof sendJson>[0],
    ) => {
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      await delay(30);
      inFlight--;
      sendJson(res, 200, []);
    };
    const control = await startTinyServer(handler);
    const region = await startTinyServer(handler);
    servers.push(control, region);
    const client = new SentryClient({
      baseUrl: control.url,
      token: 't0ken-123',
      maxConcurrency: 2,
    });
    const regional = client.forRegion(`${region.url}/`);

    await Promise.all([
      ...Array.from({ length: 4 }, () =>
        client.getJson('organizations/', {
          endpoint: 'organizations',
          schema: anything,
        }),
      ),
      ...Array.from({ length: 4 }, (_, i) =>
        regional.getJson(`teams/acme/t${i}/members/`, {
          endpoint: 'team-members',
          schema: anything,
        }),
      ),
    ]);

    expect(regional.stats).toBe(client.stats);
    expect(client.stats.requests).toBe(8);
    expect(maxInFlight).toBe(2);
    expect(region.requests).toHaveLength(4);
    expect(region.requests[0].headers.authorization).toBe('Bearer t0ken-123');
    expect(regional.baseUrl).toBe(`${region.url}/`);
  });

  it('refuses a region URL that would send the token unencrypted', () => {
    const client = new SentryClient({
      baseUrl: 'https://sentry.io',
      token: 't0ken-123',
    });
    expect(() => client.forRegion('http://us.sentry.io')).toThrow(/not https/);
    expect(client.forRegion('https://de.sentry.io').baseUrl).toBe(
      'https://de.sentry.io/',
    );
  });

  it('accepts base URLs with a trailing slash, /api/0 or a path prefix', async () => {
    const server = await startTinyServer((_req, res) => sendJson(res, 200, {}));
    servers.push(server);
    for (const baseUrl of [
      `${server.url}/`,
      `${server.url}/api/0/`,
      `${server.url}/sentry`,
    ]) {
      await new SentryClient({ baseUrl, token: 't0ken-123' }).getJson(
        'organizations/a%20b/',
        {
          endpoint: 'organization',
          schema: anything,
        },
      );
    }
    expect(server.requests.map(r => r.url)).toEqual([
      '/api/0/organizations/a%20b/',
      '/api/0/organizations/a%20b/',
      '/sentry/api/0/organizations/a%20b/',
    ]);
  });
});

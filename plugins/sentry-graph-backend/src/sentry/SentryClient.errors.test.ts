import { z } from 'zod';
import {
  SentryGoneError,
  SentryPermissionError,
  SentryRequestError,
} from './errors';
import { SentryMemberSchema } from './schemas';
import { SentryClient } from './SentryClient';
import type { SentryEndpoint } from './types';
import {
  sendJson,
  startTinyServer,
  type TinyServer,
  unexpected,
} from './__testUtils__/tinyServer';

const anything = z.unknown();
const TOKEN = 'sntryu_0123456789abcdef';

describe('SentryClient errors', () => {
  const servers: TinyServer[] = [];
  const start = async (...args: Parameters<typeof startTinyServer>) => {
    const server = await startTinyServer(...args);
    servers.push(server);
    return server;
  };
  afterEach(async () => {
    await Promise.all(servers.splice(0).map(s => s.close()));
  });

  it('sends the bearer token, Accept and User-Agent', async () => {
    const server = await start((_req, res) => sendJson(res, 200, {}));
    await new SentryClient({ baseUrl: `${server.url}/`, token: TOKEN }).getJson(
      'organizations/acme/',
      {
        endpoint: 'organization',
        schema: anything,
        query: { detailed: '0', project: ['1', '2'], skip: undefined },
      },
    );
    expect(server.requests[0].url).toBe(
      '/api/0/organizations/acme/?detailed=0&project=1&project=2',
    );
    expect(server.requests[0].headers).toMatchObject({
      authorization: `Bearer ${TOKEN}`,
      accept: 'application/json',
      'user-agent': expect.stringMatching(/^sentry-graph\//),
    });
  });

  it("explains a 401 with Sentry's words and the scopes to create a token with", async () => {
    const server = await start((_req, res) =>
      sendJson(res, 401, { detail: 'Invalid token' }),
    );
    const error = await new SentryClient({ baseUrl: server.url, token: TOKEN })
      .getJson('organizations/acme/members/', {
        endpoint: 'members',
        schema: anything,
      })
      .then(unexpected, (e: SentryRequestError) => e);

    expect(error).toBeInstanceOf(SentryPermissionError);
    expect(error).toMatchObject({
      status: 401,
      requiredScopes: ['member:read', 'member:write', 'member:admin'],
    });
    expect(error.message).toMatch(
      /\(401: Invalid token\): it is invalid, expired/,
    );
    expect(error.message).toMatch(/member:read, member:write, member:admin/);
    expect(server.requests).toHaveLength(1);
  });

  it.each<[SentryEndpoint, string]>([
    [
      'releases',
      'project:read, project:write, project:admin, project:releases, org:ci',
    ],
    ['workflows', 'org:read, org:write, org:admin, alerts:read'],
    [
      'legacy-rules',
      'project:read, project:write, project:admin, alerts:read, alerts:write',
    ],
    ['team-members', 'team:read, team:write, team:admin'],
  ])('names the scopes %s needs on a 403', async (endpoint, scopes) => {
    const server = await start((_req, res) =>
      sendJson(res, 403, {
        detail: 'You do not have permission to perform this action.',
      }),
    );
    const error = await new SentryClient({ baseUrl: server.url, token: TOKEN })
      .getJson('x/', { endpoint, schema: anything })
      .then(unexpected, (e: SentryRequestError) => e);

    expect(error).toBeInstanceOf(SentryPermissionError);
    expect(error.status).toBe(403);
    expect(error.message).toContain(`needs one of these scopes: ${scopes}`);
  });

  it('reports a 410 brownout as SentryGoneError with the replacement', async () => {
    const server = await start((_req, res) =>
      sendJson(
        res,
        410,
        { message: 'This API no longer exists.' },
        {
          'X-Sentry-Deprecation-Date': '2026-05-14T00:00:00+00:00',
          'X-Sentry-Replacement-Endpoint':
            '/api/0/organizations/acme/workflows/',
        },
      ),
    );
    const client = new SentryClient({ baseUrl: server.url, token: TOKEN });
    const listing = client.paginate('projects/acme/web/rules/', {
      endpoint: 'legacy-rules',
      itemSchema: anything,
    });
    const error = await listing
      .next()
      .then(unexpected, (e: SentryRequestError) => e);

    expect(error).toBeInstanceOf(SentryGoneError);
    expect(error).toMatchObject({
      status: 410,
      replacementEndpoint: '/api/0/organizations/acme/workflows/',
    });
    expect(error.message).toMatch(
      /This API no longer exists.*since 2026-05-14.*Use \/api\/0\/organizations\/acme\/workflows\/ instead/,
    );
    expect(server.requests).toHaveLength(1);
    expect(client.stats.failedRequests).toBe(1);
  });

  it('skips invalid items with a reason and keeps the rest of the page', async () => {
    const server = await start((_req, res) =>
      sendJson(res, 200, [
        { id: '1', email: 'a@x.io', user: { id: '10', has2fa: true } },
        { id: 2, email: 'b@x.io' },
        { id: '3', email: null, user: null, pending: true },
        { email: 'nobody@x.io' },
      ]),
    );
    const client = new SentryClient({ baseUrl: server.url, token: TOKEN });
    const pages = [];
    for await (const page of client.paginate('organizations/acme/members/', {
      endpoint: 'members',
      itemSchema: SentryMemberSchema,
    })) {
      pages.push(page);
    }

    expect(pages).toHaveLength(1);
    expect(pages[0].items.map(m => m.id)).toEqual(['1', '3']);
    expect(pages[0].invalid).toEqual([
      {
        endpoint: 'members',
        id: '2',
        reason: 'id: expected string, received number',
      },
      {
        endpoint: 'members',
        reason: 'id: expected string, received undefined',
      },
    ]);
  });

  it('asks for the next page of a link naming another origin on the origin it called, so the token goes nowhere else', async () => {
    const elsewhere = await start((_req, res) => sendJson(res, 200, []));
    const server = await start((req, res) =>
      req.url?.includes('cursor=')
        ? sendJson(res, 200, [{ id: '2' }])
        : sendJson(res, 200, [{ id: '1' }], {
            Link: `<${elsewhere.url}/api/0/organizations/acme/teams/?&cursor=100:1:0>; rel="next"; results="true"; cursor="100:1:0"`,
          }),
    );
    const client = new SentryClient({ baseUrl: server.url, token: TOKEN });
    const ids: unknown[] = [];
    for await (const page of client.paginate('organizations/acme/teams/', {
      endpoint: 'teams',
      itemSchema: anything,
    })) {
      ids.push(...page.items);
    }

    expect(ids).toEqual([{ id: '1' }, { id: '2' }]);
    expect(server.requests.map(r => r.url)).toEqual([
      '/api/0/organizations/acme/teams/?per_page=100',
      '/api/0/organizations/acme/teams/?per_page=100&cursor=100%3A1%3A0',
    ]);
    expect(elsewhere.requests).toHaveLength(0);
  });

  it('does not follow a redirect, so the token only goes to the configured host', async () => {
    const elsewhere = await start((_req, res) => sendJson(res, 200, {}));
    const server = await start((_req, res) => {
      res.writeHead(302, {
        Location: `${elsewhere.url}/api/0/projects/acme/renamed/`,
      });
      res.end();
    });
    const error = await new SentryClient({ baseUrl: server.url, token: TOKEN })
      .getJson('projects/acme/old/', {
        endpoint: 'legacy-rules',
        schema: anything,
      })
      .then(unexpected, (e: SentryRequestError) => e);

    expect(error).toMatchObject({ name: 'SentryRequestError', status: 302 });
    expect(error.message).toMatch(
      /redirected .* to \/api\/0\/projects\/acme\/renamed\//,
    );
    expect(elsewhere.requests).toHaveLength(0);
  });

  it('never puts the token in an error message, even when Sentry echoes it', async () => {
    const statuses = [400, 401, 403, 404, 410, 500, 429];
    const server = await start((req, res) => {
      const status = Number(
        new URL(req.url!, 'http://x').searchParams.get('status'),
      );
      const echoed = `bad credentials: ${req.headers.authorization}`;
      sendJson(
        res,
        status,
        status === 410 ? { message: echoed } : { detail: echoed },
      );
    });
    const client = new SentryClient({
      baseUrl: server.url,
      token: TOKEN,
      maxRetries: 1,
      retryBaseDelayMs: 1,
      retryMaxDelayMs: 1,
    });

    for (const status of statuses) {
      const error = await client
        .getJson('organizations/acme/', {
          endpoint: 'organization',
          schema: anything,
          query: { status: String(status) },
        })
        .then(unexpected, (e: SentryRequestError) => e);
      expect(error).toBeInstanceOf(SentryRequestError);
      expect(error.message).not.toContain(TOKEN);
      expect(String(error.stack)).not.toContain(TOKEN);
      expect(error.path).not.toContain(TOKEN);
    }
  });
});

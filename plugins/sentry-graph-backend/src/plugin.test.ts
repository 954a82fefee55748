import {
  mockCredentials,
  mockServices,
  startTestBackend,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { schedulerServiceFactory } from '@backstage/backend-defaults/scheduler';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  startSampleServer,
  type SampleServer,
} from '@sentry-graph/sentry-sample-server';
import type { JsonObject } from '@backstage/types';
import type { Knex } from 'knex';
import request from 'supertest';
import { sentryGraphPlugin } from './plugin';
import { RunHistoryStore } from './service/RunHistoryStore';
import { SentryLinks } from './graph/sentryLinks';
import { readGraphSummary } from './graph/summary';
import { acmeOrganization } from './__testUtils__/acmeFixture';
import { openApiMismatches } from './__testUtils__/openApi';
import { openTestGraph, testNeo4jConnection } from './__testUtils__/testGraph';
import { pluginTestConfig } from './__testUtils__/pluginTestConfig';
import { createTcpProxy } from './__testUtils__/tcpProxy';
import { waitFor } from './__testUtils__/waitFor';

const graph = openTestGraph();
const databases = TestDatabases.create({ ids: ['SQLITE_3'] });
let sentry: SampleServer;
let knex: Knex;

beforeEach(async () => {
  await graph.wipe();
  sentry = await startSampleServer({
    data: { organizations: [acmeOrganization()] },
  });
  knex = await databases.init('SQLITE_3');
});
afterEach(() => sentry.close());
afterAll(() => graph.close());

function pluginConfig(overrides: JsonObject = {}) {
  return pluginTestConfig(sentry.url, overrides);
}

function startBackend(
  options: { config?: JsonObject; deny?: boolean; db?: Knex } = {},
) {
  return startTestBackend({
    features: [
      sentryGraphPlugin,
      schedulerServiceFactory,
      mockServices.database.factory({ knex: options.db ?? knex }),
      mockServices.rootConfig.factory({
        data: options.config ?? pluginConfig(),
      }),
      ...(options.deny
        ? [mockServices.permissions.factory({ result: AuthorizeResult.DENY })]
        : []),
    ],
  });
}

async function conforming(
  pending: request.Test,
  method: string,
  route: string,
): Promise<request.Response> {
  const response = await pending;
  expect(openApiMismatches(method, route, response)).toEqual([]);
  return response;
}

async function waitForRunEnd(
  server: Parameters<typeof request>[0],
  runId: string,
) {
  return waitFor(async () => {
    const res = await request(server).get(`/api/sentry-graph/runs/${runId}`);
    return ['queued', 'running'].includes(res.body.status) ? undefined : res;
  });
}

describe('the REST API', () => {
  it('answers /health without credentials and everything else only with them', async () => {
    const { server } = await startBackend();
    const health = await conforming(
      request(server)
        .get('/api/sentry-graph/health')
        .set('Authorization', mockCredentials.none.header()),
      'GET',
      '/health',
    );
    expect(health.status).toBe(200);
    expect(health.body).toEqual({
      status: 'ok',
      neo4j: { reachable: true },
      database: { reachable: true },
    });
    // Nothing has run yet: the data is stale.
    const status = await conforming(
      request(server).get('/api/sentry-graph/status'),
      'GET',
      '/status',
    );
    expect(status.body).toEqual({ state: 'idle', stale: true });

    for (const [method, path, route] of [
      ['GET', '/status', '/status'],
      ['GET', '/runs', '/runs'],
      ['GET', '/runs/00000000-0000-4000-8000-000000000000', '/runs/{id}'],
      ['GET', '/summary', '/summary'],
      ['POST', '/sync', '/sync'],
    ] as const) {
      const req =
        method === 'GET'
          ? request(server).get(`/api/sentry-graph${path}`)
          : request(server).post(`/api/sentry-graph${path}`);
      const res = await conforming(
        req.set('Authorization', mockCredentials.none.header()),
        method,
        route,
      );
      expect([method, path, res.status]).toEqual([method, path, 401]);
    }
  });

  it('refuses POST /sync to a user the policy denies', async () => {
    const { server } = await startBackend({ deny: true });
    const res = await conforming(
      request(server).post('/api/sentry-graph/sync'),
      'POST',
      '/sync',
    );
    expect(res.status).toBe(403);
    expect(await knex('sentry_graph_sync_runs').count({ n: '*' })).toEqual([
      { n: 0 },
    ]);
  });

  it('starts a run on POST /sync, records who asked, and the run really syncs', async () => {
    const { server } = await startBackend();
    const accepted = await conforming(
      request(server)
        .post('/api/sentry-graph/sync')
        .set(
          'Authorization',
          mockCredentials.user.header('user:default/alice'),
        ),
      'POST',
      '/sync',
    );
    expect(accepted.status).toBe(202);
    const finished = await waitForRunEnd(server, accepted.body.runId);
    expect(openApiMismatches('GET', '/runs/{id}', finished)).toEqual([]);
    expect(finished.body).toMatchObject({
      id: accepted.body.runId,
      trigger: 'manual',
      requestedBy: 'user:default/alice',
      status: 'succeeded',
    });
    expect(finished.body.result.organizations[0].kinds.members.written).toBe(8);
    const [row] = await graph.query<{ n: number }>(
      'MATCH (u:SentryUser) RETURN count(u) AS n',
    );
    expect(row.n).toBe(8);

    const runs = await conforming(
      request(server).get('/api/sentry-graph/runs?limit=5'),
      'GET',
      '/runs',
    );
    expect(runs.body.runs.map((r: { id: string }) => r.id)).toEqual([
      accepted.body.runId,
    ]);
    const status = await conforming(
      request(server).get('/api/sentry-graph/status'),
      'GET',
      '/status',
    );
    expect(status.body).toMatchObject({
      state: 'idle',
      stale: false,
      lastRun: { id: accepted.body.runId },
      lastSuccessfulRun: { id: accepted.body.runId },
    });
    const summary = await conforming(
      request(server).get('/api/sentry-graph/summary?organization=acme'),
      'GET',
      '/summary',
    );
    expect(summary.body.organizations[0].organization.slug).toBe('acme');
    // Computed once the run ended, before it was recorded as finished.
    expect(summary.body.organizations[0].runId).toBe(accepted.body.runId);
    const finishedAt = status.body.lastRun.finishedAt;
    expect(
      Date.parse(summary.body.organizations[0].computedAt),
    ).toBeLessThanOrEqual(Date.parse(finishedAt));
  });

  it('serves /summary from the figures the last run stored, not from Neo4j at request time', async () => {
    const { server } = await startBackend();
    // Before any run stored figures, /summary reads the graph (empty here).
    const before = await request(server).get('/api/sentry-graph/summary');
    expect(before.body).toEqual({ organizations: [] });

    const accepted = await request(server).post('/api/sentry-graph/sync');
    await waitForRunEnd(server, accepted.body.runId);
    const stored = await request(server).get('/api/sentry-graph/summary');
    const live = await readGraphSummary(graph.store, {
      links: new SentryLinks(sentry.url),
    });
    const withoutTime = ({
      computedAt: _c,
      runId: _r,
      ...rest
    }: Record<string, unknown>) => rest;
    expect(stored.body.organizations.map(withoutTime)).toEqual(
      live.map(summary => withoutTime({ ...summary })),
    );

    // A change in Neo4j after the run shows only after the next run.
    await graph.driver.executeQuery(
      "MATCH (:SentryOrganization {slug: 'acme'})-[:RESOURCE]->(t:SentryTeam) DETACH DELETE t",
    );
    const [liveNow] = await readGraphSummary(graph.store, {
      links: new SentryLinks(sentry.url),
    });
    expect(liveNow.nodes.SentryTeam).toBe(0);
    const unchanged = await request(server).get('/api/sentry-graph/summary');
    expect(unchanged.body).toEqual(stored.body);
    expect(unchanged.body.organizations[0].nodes.SentryTeam).toBeGreaterThan(0);
    const second = await request(server).post('/api/sentry-graph/sync');
    await waitForRunEnd(server, second.body.runId);
    const after = await conforming(
      request(server).get('/api/sentry-graph/summary?organization=acme'),
      'GET',
      '/summary',
    );
    expect(after.body.organizations[0].runId).toBe(second.body.runId);
    expect(after.body.organizations[0].nodes.SentryTeam).toBe(
      stored.body.organizations[0].nodes.SentryTeam,
    );
  });

  it('answers 409 while a run is in progress and shows its progress in /status', async () => {
    sentry.setFaults([
      { path: '/organizations/acme/releases/', kind: 'slow', delayMs: 3_000 },
    ]);
    const { server } = await startBackend();
    const first = await request(server).post('/api/sentry-graph/sync');
    expect(first.status).toBe(202);
    const running = await waitFor(async () => {
      const res = await request(server).get('/api/sentry-graph/status');
      return res.body.state === 'running' && res.body.progress?.items > 0
        ? res
        : undefined;
    });
    expect(openApiMismatches('GET', '/status', running)).toEqual([]);
    expect(running.body.progress).toEqual(
      expect.objectContaining({ organization: 'acme' }),
    );
    const second = await conforming(
      request(server).post('/api/sentry-graph/sync'),
      'POST',
      '/sync',
    );
    expect(second.status).toBe(409);
    await waitForRunEnd(server, first.body.runId);
  });

  it('answers 429 with Retry-After inside the minimum interval between manual runs', async () => {
    const { server } = await startBackend({
      config: pluginConfig({ manualRunMinimumInterval: { minutes: 10 } }),
    });
    const first = await request(server).post('/api/sentry-graph/sync');
    await waitForRunEnd(server, first.body.runId);
    const second = await conforming(
      request(server).post('/api/sentry-graph/sync'),
      'POST',
      '/sync',
    );
    expect(second.status).toBe(429);
    expect(Number(second.headers['retry-after'])).toBeGreaterThan(500);
  });

  it('validates inputs and answers 404 for unknown ids', async () => {
    const { server } = await startBackend();
    for (const [path, route, status] of [
      ['/runs?limit=0', '/runs', 400],
      ['/runs?limit=abc', '/runs', 400],
      ['/runs?before=not-a-uuid', '/runs', 400],
      ['/runs?before=00000000-0000-4000-8000-000000000000', '/runs', 404],
      ['/runs/not-a-uuid', '/runs/{id}', 400],
      ['/runs/00000000-0000-4000-8000-000000000000', '/runs/{id}', 404],
      ['/summary?organization=Not%20A%20Slug', '/summary', 400],
      ['/summary?organization=nope', '/summary', 404],
    ] as const) {
      const res = await conforming(
        request(server).get(`/api/sentry-graph${path}`),
        'GET',
        route,
      );
      expect([path, res.status]).toEqual([path, status]);
      expect(res.body.error.message.length).toBeGreaterThan(0);
    }
  });

  it('answers a method a route does not have with 405 and Allow', async () => {
    const { server } = await startBackend();
    for (const [method, path, allow] of [
      ['delete', '/status', 'GET, HEAD'],
      ['put', '/runs/00000000-0000-4000-8000-000000000000', 'GET, HEAD'],
      ['get', '/sync', 'POST'],
      ['post', '/entities/component/default/example-website', 'GET, HEAD'],
    ] as const) {
      const res = await request(server)[method](`/api/sentry-graph${path}`);
      expect([path, res.status, res.headers.allow]).toEqual([path, 405, allow]);
      expect(res.body.error.name).toBe('MethodNotAllowedError');
    }
  });

  it('answers a POST /sync body that is not JSON, or not empty, with a 400 that does not echo it', async () => {
    const { server } = await startBackend();
    const bodies = [
      '{"token": "do-not-echo-this", ',
      '"do-not-echo-this"',
      '{"do-not-echo-this": true}',
      '["do-not-echo-this"]',
    ];
    for (const body of bodies) {
      const res = await conforming(
        request(server)
          .post('/api/sentry-graph/sync')
          .set('Content-Type', 'application/json')
          .send(body),
        'POST',
        '/sync',
      );
      expect([body, res.status]).toEqual([body, 400]);
      expect(res.body.error.name).toBe('InputError');
      expect(JSON.stringify(res.body)).not.toContain('do-not-echo-this');
    }
    expect(await knex('sentry_graph_sync_runs').count({ n: '*' })).toEqual([
      { n: 0 },
    ]);
  });
});

describe('Neo4j availability', () => {
  it('starts without Neo4j, records a failed run, and the next run recovers', async () => {
    const proxy = await createTcpProxy(
      Number(new URL(testNeo4jConnection().uri.replace('bolt', 'http')).port),
    );
    try {
      const config = pluginConfig();
      config.sentryGraph.neo4j = {
        ...(config.sentryGraph.neo4j as JsonObject),
        uri: `bolt://127.0.0.1:${proxy.port}`,
      };
      const { server } = await startBackend({ config });
      const health = await request(server).get('/api/sentry-graph/health');
      expect(health.body.neo4j.reachable).toBe(false);

      const first = await request(server)
        .post('/api/sentry-graph/sync')
        .expect(202);
      const failed = await waitForRunEnd(server, first.body.runId);
      expect(failed.body.status).toBe('failed');
      expect(failed.body.errorSummary).toMatch(/^Neo4j is not usable/);

      await proxy.open();
      const second = await request(server)
        .post('/api/sentry-graph/sync')
        .expect(202);
      const recovered = await waitForRunEnd(server, second.body.runId);
      expect(recovered.body.status).toBe('succeeded');
      expect(
        (await request(server).get('/api/sentry-graph/health')).body.neo4j
          .reachable,
      ).toBe(true);
    } finally {
      await proxy.close();
    }
  });
});

describe('run history', () => {
  it('survives a backend restart, and a run left running by a killed process is marked failed', async () => {
    const first = await startBackend();
    const accepted = await request(first.server).post('/api/sentry-graph/sync');
    await waitForRunEnd(first.server, accepted.body.runId);
    await first.stop();

    // What a process killed mid-run leaves behind.
    const history = await RunHistoryStore.create({
      database: { getClient: async () => knex },
    });
    const orphan = await history.claimRun('scheduled');

    const second = await startBackend();
    const runs = await request(second.server).get('/api/sentry-graph/runs');
    expect(
      runs.body.runs.map((r: { id: string; status: string }) => [
        r.id,
        r.status,
      ]),
    ).toEqual([
      [orphan.id, 'failed'],
      [accepted.body.runId, 'succeeded'],
    ]);
    const orphanRun = await request(second.server).get(
      `/api/sentry-graph/runs/${orphan.id}`,
    );
    expect(orphanRun.body.errorSummary).toMatch(
      /stopped while this run was in progress/,
    );
  });
});

describe('configuration', () => {
  const cases: Array<[string, JsonObject, RegExp]> = [
    [
      'a missing token',
      { sentry: { baseUrl: 'https://sentry.io' } },
      /sentryGraph\.sentry\.token/,
    ],
    [
      'a bad base URL',
      { sentry: { baseUrl: 'sentry.io', token: 't' } },
      /sentryGraph\.sentry\.baseUrl/,
    ],
    [
      'a bad Neo4j URI',
      {
        neo4j: {
          uri: 'http://localhost:7474',
          username: 'neo4j',
          password: 'p',
        },
      },
      /sentryGraph\.neo4j\.uri/,
    ],
    [
      'an empty password',
      {
        neo4j: {
          uri: 'bolt://localhost:7687',
          username: 'neo4j',
          password: '',
        },
      },
      /sentryGraph\.neo4j\.password/,
    ],
    [
      'a bad organization slug',
      {
        sentry: {
          baseUrl: 'https://sentry.io',
          token: 't',
          organizations: ['Bad Slug'],
        },
      },
      /sentryGraph\.sentry\.organizations/,
    ],
    [
      'a bad Sentry web URL',
      {
        sentry: {
          baseUrl: 'https://sentry.io',
          token: 't',
          webUrl: 'ftp://sentry.example',
        },
      },
      /sentryGraph\.sentry\.webUrl/,
    ],
    [
      'a bad batch size',
      { sync: { batchSize: 0 } },
      /sentryGraph\.sync\.batchSize/,
    ],
    [
      'a bad deletion share',
      { sync: { maxDeletionShare: 2 } },
      /sentryGraph\.sync\.maxDeletionShare/,
    ],
    [
      'a worker heap cap too small to load the sync',
      { sync: { maxHeapMb: 8 } },
      /sentryGraph\.sync\.maxHeapMb/,
    ],
    [
      'an unknown alert rule source',
      {
        sentry: {
          baseUrl: 'https://sentry.io',
          token: 't',
          alertRules: { source: 'both' },
        },
      },
      /sentryGraph\.sentry\.alertRules\.source/,
    ],
    [
      'a bad number of deletions to confirm',
      { cleanup: { confirmDeletions: -1 } },
      /sentryGraph\.cleanup\.confirmDeletions/,
    ],
    [
      'a bad schedule',
      { schedule: { frequency: { lightyears: 1 }, timeout: { minutes: 1 } } },
      /sentryGraph\.schedule/,
    ],
    [
      'a bad manual interval',
      { manualRunMinimumInterval: 'soon' },
      /sentryGraph\.manualRunMinimumInterval/,
    ],
    [
      'a bad history length',
      { history: { maxRuns: -1 } },
      /sentryGraph\.history\.maxRuns/,
    ],
  ];

  it.each(cases)(
    'stops the plugin with a clear error for %s',
    async (_name, override, message) => {
      const base = pluginConfig().sentryGraph;
      const merged = {
        sentryGraph: {
          ...base,
          ...override,
          sentry: (override.sentry ?? base.sentry) as JsonObject,
        },
      };
      await expect(startBackend({ config: merged })).rejects.toThrow(message);
    },
  );

  it('never puts the secrets in a startup error', async () => {
    const config = pluginConfig({
      neo4j: {
        uri: 'http://nope',
        username: 'neo4j',
        password: 'hunter2-secret',
      },
    });
    await expect(startBackend({ config })).rejects.toThrow(
      expect.objectContaining({
        message: expect.not.stringContaining('hunter2-secret'),
      }),
    );
  });
});

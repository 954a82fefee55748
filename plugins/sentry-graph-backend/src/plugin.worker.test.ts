/*
 * The plugin's runs execute in a worker thread: when that worker runs out
 * of memory, throws, hangs or will not stop, the run is recorded as what
 * happened, the backend goes on answering every route, and the next run
 * starts as usual.
 */
import type { JsonObject } from '@backstage/types';
import request from 'supertest';
import { acmeOrganization } from './__testUtils__/acmeFixture';
import { useAcmeEnvironment } from './__testUtils__/acmeEnvironment';
import { usePluginBackends } from './__testUtils__/pluginBackends';
import { runToTheEnd, type Server } from './__testUtils__/pluginRuns';
import { createTcpProxy } from './__testUtils__/tcpProxy';
import {
  testNeo4jConnection,
  TEST_NEO4J_PORT,
} from './__testUtils__/testGraph';
import { waitFor } from './__testUtils__/waitFor';
import { setTestOnlyWorkerFault } from './worker/testOnlyWorkerFault';
import { heavyOrganization } from './worker/__testUtils__/heavyOrganization';

const environment = useAcmeEnvironment();
const backends = usePluginBackends();

const startBackend = (overrides: JsonObject = {}) =>
  backends.start(environment.sentry.url, overrides);

const api = (server: Server, path: string) =>
  request(server).get(`/api/sentry-graph${path}`);

/** Until the run has listed something: its worker is at work. */
const underWay = (server: Server, runId: string) =>
  waitFor(async () => {
    const res = await api(server, `/runs/${runId}`);
    return res.body.progress?.items > 0 ? true : undefined;
  });

/** Every route but POST /sync answers, none with a 5xx of its own making. */
async function expectEveryRouteToAnswer(server: Server, runId: string) {
  for (const path of [
    '/health',
    '/status',
    '/runs',
    `/runs/${runId}`,
    '/summary',
    '/summary?organization=acme',
    '/entities/component/default/checkout',
    '/.backstage/scheduler/v1/tasks',
  ]) {
    const res = await api(server, path);
    // 404 for an entity the graph does not have.
    expect({ path, ok: [200, 404].includes(res.status) }).toEqual({
      path,
      ok: true,
    });
  }
}

describe('a run whose worker breaks', () => {
  it('fails when the worker runs out of memory, naming sentryGraph.sync.maxHeapMb; the backend answers; the next run succeeds', async () => {
    environment.sentry.setData({ organizations: [heavyOrganization()] });
    const { server } = await startBackend({
      // Every organization the token lists: the big one now, acme next.
      sentry: { baseUrl: environment.sentry.url, token: 'sample-token' },
      sync: { maxHeapMb: 48 },
    });
    const run = await runToTheEnd(server);
    expect(run.status).toBe('failed');
    expect(run.errorSummary).toBe(
      'The sync ran out of memory: its worker reached its heap cap of 48 MB and was stopped. ' +
        'Raise sentryGraph.sync.maxHeapMb (now 48). ' +
        'It started no deletion after that, and the next run starts as usual.',
    );
    await expectEveryRouteToAnswer(server, run.id);

    // The same cap holds acme: the next run is a run like any other.
    environment.sentry.setData({ organizations: [acmeOrganization()] });
    const next = await runToTheEnd(server);
    expect(next.errorSummary).toBeUndefined();
    expect(next.status).toBe('succeeded');
  });

  it('fails when the worker throws, saying so; the backend answers; the next run succeeds', async () => {
    const { server } = await startBackend();
    setTestOnlyWorkerFault('throw-at-first-page');
    const run = await runToTheEnd(server);
    expect(run.status).toBe('failed');
    expect(run.errorSummary).toBe(
      "The sync's worker failed: test-only fault: thrown inside the worker. " +
        'It started no deletion after that, and the next run starts as usual.',
    );
    await expectEveryRouteToAnswer(server, run.id);

    setTestOnlyWorkerFault(undefined);
    const next = await runToTheEnd(server);
    expect(next.status).toBe('succeeded');
  });
});

describe('a run whose worker does not stop', () => {
  it("is terminated at the schedule's timeout when a Neo4j call never returns, and recorded failed", async () => {
    const proxy = await createTcpProxy(Number(TEST_NEO4J_PORT));
    await proxy.open();
    try {
      const { server } = await startBackend({
        neo4j: {
          ...testNeo4jConnection(),
          uri: `bolt://127.0.0.1:${proxy.port}`,
        },
        schedule: {
          frequency: { trigger: 'manual' },
          timeout: { seconds: 4 },
        },
      });
      const accepted = await request(server)
        .post('/api/sentry-graph/sync')
        .expect(202);
      // Neo4j stops answering once the run is under way.
      await underWay(server, accepted.body.runId);
      proxy.freeze();
      const run = await waitFor(async () => {
        const res = await api(server, `/runs/${accepted.body.runId}`);
        return res.body.status === 'running' ? undefined : res.body;
      });
      expect(run.status).toBe('failed');
      expect(run.errorSummary).toMatch(
        /^The sync did not finish within the schedule's timeout \(sentryGraph\.schedule\.timeout, 4 s\) and did not stop within 2 s of being aborted then, so its worker was terminated/,
      );
      // The timeout, the 2 s the worker had to stop, and the record.
      expect(
        Date.parse(run.finishedAt) - Date.parse(run.startedAt),
      ).toBeLessThan(4_000 + 2_000 + 1_500);
      expect((await api(server, '/health')).status).toBe(200);
    } finally {
      await proxy.close();
    }
  });

  it('is terminated within 2 s when the backend stops, and recorded aborted', async () => {
    const { backend, server, knex } = await startBackend();
    setTestOnlyWorkerFault('spin-at-first-page');
    const accepted = await request(server)
      .post('/api/sentry-graph/sync')
      .expect(202);
    await underWay(server, accepted.body.runId);
    const stopping = Date.now();
    await backend.stop();
    expect(Date.now() - stopping).toBeLessThan(2_000 + 1_500);
    const [row] = await knex('sentry_graph_sync_runs').where({
      id: accepted.body.runId,
    });
    expect(row.status).toBe('aborted');
    expect(row.error_summary).toBe(
      'The sync did not stop within 2 s of being aborted, so its worker was terminated. ' +
        'It started no deletion after that, and the next run starts as usual.',
    );
  });
});

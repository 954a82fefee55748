/*
 * Neo4j killed in the middle of a run, restarted between runs, with a wrong
 * password, or out of reach, under a real backend: each run says what
 * happened in its history, the backend's own driver recovers without a
 * restart of the backend, and the graph a good run leaves is a clean one.
 * The Neo4j that is killed is one of this test's own (SpareNeo4j).
 */
import { schedulerServiceFactory } from '@backstage/backend-defaults/scheduler';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import type { JsonObject } from '@backstage/types';
import {
  startSampleServer,
  type SampleServer,
} from '@sentry-graph/sentry-sample-server';
import request from 'supertest';
import { sentryGraphPlugin } from './plugin';
import { SentryGraphStore } from './graph/SentryGraphStore';
import { acmeOrganization } from './__testUtils__/acmeFixture';
import { CapturedLogs } from './__testUtils__/capturedLogs';
import { dumpGraph } from './__testUtils__/dumpGraph';
import { runToTheEnd } from './__testUtils__/pluginRuns';
import { pluginTestConfig } from './__testUtils__/pluginTestConfig';
import { SpareNeo4j } from './__testUtils__/spareNeo4j';
import { wipeDatabase, type TestGraph } from './__testUtils__/testGraph';
import { waitFor } from './__testUtils__/waitFor';

const neo4j = new SpareNeo4j();
let sentry: SampleServer;

beforeAll(async () => {
  await neo4j.start();
  await withSpareGraph(graph => graph.wipe());
  sentry = await startSampleServer({
    data: { organizations: [acmeOrganization()] },
  });
}, 600_000);
afterAll(async () => {
  await sentry?.close();
  await neo4j.stop();
}, 120_000);

async function startBackend(logs: CapturedLogs, neo4jConfig: JsonObject) {
  const config = pluginTestConfig(sentry.url, { neo4j: neo4jConfig });
  const { server } = await startTestBackend({
    features: [
      sentryGraphPlugin,
      schedulerServiceFactory,
      logs.factory(),
      mockServices.rootConfig.factory({ data: config }),
    ],
  });
  const runToEnd = () => runToTheEnd(server, 300_000);
  return { server, runToEnd };
}

/** Works on the spare Neo4j's graph with a driver of the test's own. */
async function withSpareGraph<T>(work: (graph: TestGraph) => Promise<T>) {
  const { driver, store } = SentryGraphStore.open(neo4j.connection);
  try {
    return await work({
      driver,
      store,
      wipe: () => wipeDatabase(driver),
      query: async (cypher, params = {}) =>
        (await store.read(cypher, params)).records.map(r => r.toObject()),
      close: () => driver.close(),
    });
  } finally {
    await driver.close();
  }
}

/** The spare Neo4j's graph, without run stamps: what two clean runs both write. */
const spareGraph = () => withSpareGraph(graph => dumpGraph(graph));

it('fails a run whose Neo4j is killed during the release writes, says why, and once Neo4j is restarted the same backend heals the graph', async () => {
  const logs = new CapturedLogs();
  const { server, runToEnd } = await startBackend(logs, {
    uri: neo4j.connection.uri,
    username: neo4j.connection.username,
    password: neo4j.connection.password,
    // The driver waits out a restart this long before the write fails
    // (a cold Neo4j on a busy machine needs a few seconds for a batch).
    transactionTimeout: { seconds: 10 },
  });
  const clean = await runToEnd();
  expect([clean.status, clean.errorSummary]).toEqual(['succeeded', undefined]);
  const cleanGraph = await spareGraph();

  // Killed once the releases are asked for: their page, held back a few
  // seconds, arrives to be written into a Neo4j that is gone.
  sentry.resetStats();
  sentry.setFaults([
    { path: '/releases/', kind: 'slow', delayMs: 5_000, times: 1 },
  ]);
  const releases = 'GET /api/0/organizations/{org}/releases/';
  const killed = waitFor(async () => {
    if (!sentry.stats().byEndpoint[releases]) return undefined;
    await neo4j.kill();
    return true;
  });
  const failed = await runToEnd();
  await killed;
  expect(failed.status).toBe('failed');
  expect(failed.errorSummary).toMatch(
    /^Neo4j could not be used any more during the run: Neo4j at bolt:\/\/127\.0\.0\.1:\d+ cannot be reached .*The run stopped there, and deleted nothing after that/,
  );
  expect(
    (await request(server).get('/api/sentry-graph/health')).body.neo4j,
  ).toEqual({ reachable: false, error: 'Neo4jError' });

  // Restarted (recovering its store) before the next run: the backend's
  // own driver finds it again.
  await neo4j.start();
  const healed = await runToEnd();
  expect([healed.status, healed.errorSummary]).toEqual([
    'succeeded',
    undefined,
  ]);
  expect(await spareGraph()).toEqual(cleanGraph);
  expect(
    (await request(server).get('/api/sentry-graph/health')).body.neo4j,
  ).toEqual({ reachable: true });
}, 900_000);

it.each([
  [
    'a wrong password',
    { password: 'not-the-password' },
    /Neo4j at bolt:\/\/127\.0\.0\.1:\d+ refused the login of user 'neo4j' \(.*\); check sentryGraph\.neo4j\.username and sentryGraph\.neo4j\.password/,
  ],
  [
    'an unreachable host',
    { uri: 'bolt://sentry-graph-neo4j.invalid:7687' },
    /Neo4j at bolt:\/\/sentry-graph-neo4j\.invalid:7687 cannot be reached \(.*\); check sentryGraph\.neo4j\.uri and that this host can reach it/,
  ],
])(
  'says so at startup and in the run, for %s',
  async (_name, wrong, message) => {
    const logs = new CapturedLogs();
    const { runToEnd } = await startBackend(logs, {
      uri: neo4j.connection.uri,
      username: neo4j.connection.username,
      password: neo4j.connection.password,
      ...wrong,
    });
    await logs.waitFor(
      new RegExp(`^warn ${message.source}; until it can be used, runs fail`),
    );
    const run = await runToEnd();
    expect(run.status).toBe('failed');
    expect(run.errorSummary).toMatch(
      new RegExp(`^Neo4j is not usable: ${message.source}`),
    );
  },
);

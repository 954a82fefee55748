/*
 * The plugin's own database (PostgreSQL) going away and coming back, under
 * a real backend: Backstage's database service and scheduler on a real
 * PostgreSQL, reached through a TCP proxy that can refuse connections and
 * reset the open ones, as a PostgreSQL that crashed or is restarting does.
 * Runs only where `npm test` has a PostgreSQL (scripts/postgres.sh).
 */
import { databaseServiceFactory } from '@backstage/backend-defaults/database';
import { schedulerServiceFactory } from '@backstage/backend-defaults/scheduler';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import {
  startSampleServer,
  type SampleServer,
} from '@sentry-graph/sentry-sample-server';
import { randomBytes } from 'node:crypto';
import knexFactory from 'knex';
import request from 'supertest';
import { sentryGraphPlugin } from './plugin';
import { acmeOrganization } from './__testUtils__/acmeFixture';
import { CapturedLogs } from './__testUtils__/capturedLogs';
import { openApiMismatches } from './__testUtils__/openApi';
import { pluginTestConfig } from './__testUtils__/pluginTestConfig';
import { createTcpProxy, type TcpProxy } from './__testUtils__/tcpProxy';
import { exportedPostgresIds } from './__testUtils__/testDatabases';
import { openTestGraph } from './__testUtils__/testGraph';
import { waitFor } from './__testUtils__/waitFor';
import { schedulerIdle } from './__testUtils__/pluginRuns';

const graph = openTestGraph();
afterAll(() => graph.close());

describe.each(exportedPostgresIds)('the plugin on %s', postgresId => {
  const server = new URL(
    process.env[
      `BACKSTAGE_TEST_DATABASE_${postgresId.replace('_', '')}_CONNECTION_STRING`
    ]!,
  );
  // A database of this test's own, created beforehand: with
  // `ensureExists: false` Backstage's database service does not connect at
  // start, and so does not keep a failed first connection for good.
  const prefix = `sentry_graph_outage_${randomBytes(4).toString('hex')}_`;
  const database = `${prefix}sentry-graph`;
  const credentials = {
    user: decodeURIComponent(server.username),
    password: decodeURIComponent(server.password),
  };
  const admin = knexFactory({
    client: 'pg',
    connection: {
      host: server.hostname,
      port: Number(server.port),
      ...credentials,
      database: 'postgres',
    },
  });
  let proxy: TcpProxy;
  let sentry: SampleServer;

  beforeAll(async () => {
    await admin.raw('CREATE DATABASE ??', [database]);
  });
  afterAll(async () => {
    await admin.raw('DROP DATABASE IF EXISTS ?? WITH (FORCE)', [database]);
    await admin.destroy();
  });
  beforeEach(async () => {
    await graph.wipe();
    sentry = await startSampleServer({
      data: { organizations: [acmeOrganization()] },
    });
    proxy = await createTcpProxy(Number(server.port));
  });
  afterEach(async () => {
    await proxy?.close();
    await sentry?.close();
  });

  async function startBackend(logs: CapturedLogs, ensureExists = false) {
    const config = pluginTestConfig(sentry.url);
    return startTestBackend({
      features: [
        sentryGraphPlugin,
        schedulerServiceFactory,
        databaseServiceFactory,
        logs.factory(),
        mockServices.rootConfig.factory({
          data: {
            ...config,
            backend: {
              database: {
                client: 'pg',
                connection: {
                  host: '127.0.0.1',
                  port: proxy.port,
                  ...credentials,
                },
                prefix,
                ensureExists,
              },
            },
          },
        }),
      ],
    });
  }

  const api = (backend: Awaited<ReturnType<typeof startBackend>>) => ({
    get: (path: string) =>
      request(backend.server).get(`/api/sentry-graph${path}`),
    post: (path: string) =>
      request(backend.server).post(`/api/sentry-graph${path}`),
  });

  it('starts while PostgreSQL is down: /health answers, the rest says why, and all comes up once it answers', async () => {
    const logs = new CapturedLogs();
    const backend = await startBackend(logs);
    const { get, post } = api(backend);

    const health = await get('/health');
    expect(openApiMismatches('GET', '/health', health)).toEqual([]);
    expect(health.status).toBe(200);
    expect(health.body.database).toEqual({ reachable: false, error: 'Error' });
    const status = await get('/status');
    expect(openApiMismatches('GET', '/status', status)).toEqual([]);
    expect(status.status).toBe(503);
    expect(status.body.error.message).toMatch(
      /^The plugin's database does not answer \(.*ECONNREFUSED/,
    );
    await logs.waitFor(
      /^warn The plugin's database does not answer: .*ECONNREFUSED/,
    );

    await proxy.open();
    await waitFor(async () =>
      (await get('/status')).status === 200 ? true : undefined,
    );
    expect((await get('/health')).body.database).toEqual({ reachable: true });
    const accepted = await post('/sync').expect(202);
    const run = await waitFor(async () => {
      const res = await get(`/runs/${accepted.body.runId}`);
      return ['queued', 'running'].includes(res.body.status) ? undefined : res;
    });
    expect(run.body.status).toBe('succeeded');
    // The next test's backend shares this database, and the scheduler's lock.
    await schedulerIdle(backend.server);
    await backend.stop();
  });

  it('keeps serving /health when PostgreSQL goes down mid-run, logs the outcome, and records it once PostgreSQL is back', async () => {
    await proxy.open();
    const logs = new CapturedLogs();
    const backend = await startBackend(logs);
    const { get, post } = api(backend);
    // Releases answer slowly: the run is still going when PostgreSQL goes.
    sentry.setFaults([
      { path: '/releases/', kind: 'slow', delayMs: 3_000, times: 1 },
    ]);
    const accepted = await post('/sync').expect(202);
    const runId: string = accepted.body.runId;
    await waitFor(async () =>
      (await get(`/runs/${runId}`)).body.status === 'running'
        ? true
        : undefined,
    );

    await proxy.close();
    const health = await get('/health');
    expect(health.status).toBe(200);
    expect(health.body.database.reachable).toBe(false);
    const runs = await get('/runs');
    expect(openApiMismatches('GET', '/runs', runs)).toEqual([]);
    expect(runs.status).toBe(503);
    // The run ends while the database is away: its outcome is in the log.
    await logs.waitFor(
      /^error Sentry sync succeeded, but the plugin's database did not take the record .*it is recorded once the database answers again/,
    );

    await proxy.open();
    const recorded = await waitFor(async () => {
      const res = await get(`/runs/${runId}`);
      return res.status === 200 && res.body.status !== 'running'
        ? res
        : undefined;
    });
    expect(recorded.body.status).toBe('succeeded');
    expect(recorded.body.result.organizations[0].slug).toBe('acme');
    await logs.waitFor(
      new RegExp(`^info Recorded the succeeded run ${runId} now that`),
    );
    expect((await get('/health')).body.database).toEqual({ reachable: true });
    await backend.stop();
  });

  it("says that a restart is needed where Backstage's database service will not connect again", async () => {
    const logs = new CapturedLogs();
    // Backstage's default: it checks the database exists, and keeps that first failure.
    const backend = await startBackend(logs, true);
    const { get } = api(backend);
    await logs.waitFor(
      /^error The plugin's database cannot come up: .*restart the backend .*ensureExists/,
    );
    expect((await get('/health')).body.database.reachable).toBe(false);
    const status = await get('/status');
    expect(status.status).toBe(503);
    expect(status.body.error.message).toMatch(/restart the backend/);
    await backend.stop();
  });
});

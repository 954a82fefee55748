/*
 * No secret leaves the plugin: through a full sync, syncs that fail
 * (Sentry refusing the token, a wrong Neo4j password, Sentry out of reach)
 * and every route of the API with its error paths, not one log line,
 * response, run-history row or error message holds the Sentry token, the
 * Neo4j password or the caller's Authorization header.
 */
import { schedulerServiceFactory } from '@backstage/backend-defaults/scheduler';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
  TestDatabases,
} from '@backstage/backend-test-utils';
import type { JsonObject } from '@backstage/types';
import {
  ALL_SCOPES,
  startSampleServer,
  type FaultRule,
  type SampleServer,
} from '@sentry-graph/sentry-sample-server';
import type { Knex } from 'knex';
import { randomBytes } from 'node:crypto';
import request from 'supertest';
import { sentryGraphPlugin } from './plugin';
import { acmeOrganization } from './__testUtils__/acmeFixture';
import { CapturedLogs } from './__testUtils__/capturedLogs';
import { pluginTestConfig } from './__testUtils__/pluginTestConfig';
import { openTestGraph, testNeo4jConnection } from './__testUtils__/testGraph';
import { waitFor } from './__testUtils__/waitFor';

const secret = (what: string) => `${what}-${randomBytes(8).toString('hex')}`;
const SENTRY_TOKEN = secret('sntryu_sentry-token');
const WRONG_NEO4J_PASSWORD = secret('wrong-neo4j-password');
const CALLER = `user:default/${secret('caller')}`;
const AUTHORIZATION = mockCredentials.user.header(CALLER);

const graph = openTestGraph();
const databases = TestDatabases.create({ ids: ['SQLITE_3'] });
let sentry: SampleServer;

beforeAll(async () => {
  sentry = await startSampleServer({
    data: { organizations: [acmeOrganization()] },
    tokens: [{ token: SENTRY_TOKEN, scopes: [...ALL_SCOPES] }],
  });
});
afterAll(async () => {
  await sentry.close();
  await graph.close();
  // Neo4j refuses user neo4j for 5 s after 3 failed logins (the wrong
  // password above): the next test file must not meet that lock.
  await new Promise(resolve => setTimeout(resolve, 6_000));
});

interface Scenario {
  name: string;
  /** What the run ends as. */
  status: string;
  faults?: FaultRule[];
  config?(base: JsonObject & { sentryGraph: JsonObject }): void;
}

const SCENARIOS: Scenario[] = [
  { name: 'a full sync', status: 'succeeded' },
  {
    name: 'Sentry refusing the token',
    status: 'failed',
    faults: [{ path: /./, kind: 'status', status: 401 }],
  },
  {
    name: 'Sentry out of reach',
    status: 'failed',
    config: base => {
      // A port nothing listens on: the connection is refused.
      base.sentryGraph.sentry = {
        ...(base.sentryGraph.sentry as JsonObject),
        baseUrl: 'http://127.0.0.1:9',
      };
    },
  },
  // Last: Neo4j locks the user out for 5 s after 3 failed logins.
  {
    name: 'a wrong Neo4j password',
    status: 'failed',
    config: base => {
      base.sentryGraph.neo4j = {
        ...(base.sentryGraph.neo4j as JsonObject),
        password: WRONG_NEO4J_PASSWORD,
      };
    },
  },
];

/** Every route, its error paths included; `runId` is a run that exists. */
function routes(runId: string): Array<[method: 'get' | 'post', path: string]> {
  return [
    ['get', '/health'],
    ['get', '/status'],
    ['get', '/runs'],
    ['get', '/runs?limit=0'],
    ['get', '/runs?before=00000000-0000-4000-8000-000000000000'],
    ['get', `/runs/${runId}`],
    ['get', '/runs/not-a-uuid'],
    ['get', '/runs/00000000-0000-4000-8000-000000000000'],
    ['get', '/summary'],
    ['get', '/summary?organization=acme'],
    ['get', '/summary?organization=Not%20A%20Slug'],
    ['get', '/summary?organization=nope'],
    ['get', '/entities/component/default/checkout'],
    ['get', '/entities/component/default/not%20a%20name'],
    ['post', '/sync'],
    ['get', '/.backstage/scheduler/v1/tasks'],
  ];
}

describe.each(SCENARIOS)('$name', scenario => {
  it('leaks no secret into logs, responses, run history or errors', async () => {
    await graph.wipe();
    sentry.setFaults(scenario.faults ?? []);
    const knex: Knex = await databases.init('SQLITE_3');
    const logs = new CapturedLogs();
    const config = pluginTestConfig(sentry.url);
    config.sentryGraph.sentry = {
      ...(config.sentryGraph.sentry as JsonObject),
      token: SENTRY_TOKEN,
    };
    scenario.config?.(config);
    const { server } = await startTestBackend({
      features: [
        sentryGraphPlugin,
        schedulerServiceFactory,
        logs.factory(),
        mockServices.database.factory({ knex }),
        mockServices.rootConfig.factory({ data: config }),
      ],
    });
    const call = (method: 'get' | 'post', path: string) =>
      request(server)
        [method](`/api/sentry-graph${path}`)
        .set('Authorization', AUTHORIZATION);

    const texts: string[] = [];
    const answered = (response: request.Response) => {
      texts.push(response.text, JSON.stringify(response.headers));
      return response;
    };
    const accepted = answered(await call('post', '/sync'));
    expect(accepted.status).toBe(202);
    const run = await waitFor(async () => {
      const res = await call('get', `/runs/${accepted.body.runId}`);
      return ['queued', 'running'].includes(res.body.status)
        ? undefined
        : answered(res);
    });
    expect(run.body.status).toBe(scenario.status);
    for (const [method, path] of routes(accepted.body.runId))
      answered(await call(method, path));
    answered(
      await call('post', '/sync')
        .set('Content-Type', 'application/json')
        .send(`{"token": "${SENTRY_TOKEN}", `),
    );
    answered(
      await request(server)
        .get('/api/sentry-graph/status')
        .set('Authorization', mockCredentials.user.invalidHeader()),
    );
    texts.push(...logs.texts());
    for (const table of ['sentry_graph_sync_runs', 'sentry_graph_summaries'])
      texts.push(JSON.stringify(await knex(table).select()));

    // What is searched for was really there to leak: the token went to
    // Sentry, the password to Neo4j, the header into the plugin.
    expect(texts.join('\n')).toContain(accepted.body.runId);
    expect(testNeo4jConnection().password.length).toBeGreaterThan(0);
    const leaks = texts.flatMap(text =>
      [
        SENTRY_TOKEN,
        testNeo4jConnection().password,
        WRONG_NEO4J_PASSWORD,
        AUTHORIZATION,
        AUTHORIZATION.replace(/^Bearer /, ''),
      ]
        .filter(value => text.includes(value))
        .map(value => {
          const at = text.indexOf(value);
          const around = text.slice(Math.max(0, at - 150), at + 150);
          return `${value.slice(0, 8)}… in …${around.split(value).join('«secret»')}…`;
        }),
    );
    expect(leaks).toEqual([]);
  });
});

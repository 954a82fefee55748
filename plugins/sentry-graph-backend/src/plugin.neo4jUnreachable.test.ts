/*
 * The REST API under a real backend whose Neo4j cannot be reached: nothing
 * listens on its port, or a server takes the connection and never answers.
 * Every route answers within 5 s; the routes that read the graph answer 503
 * in Backstage's error shape, saying that Neo4j cannot be reached, and they
 * answer again once it can, on the same backend and driver. Neo4j is
 * reached through a TCP proxy in front of the tests' Neo4j, which can
 * refuse connections (and reset the open ones, as a crash does) or hold
 * them without an answer.
 */
import {
  createMockDirectory,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { schedulerServiceFactory } from '@backstage/backend-defaults/scheduler';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import {
  startSampleServer,
  type SampleServer,
} from '@sentry-graph/sentry-sample-server';
import request from 'supertest';
import { sentryGraphPlugin } from './plugin';
import { acmeOrganization } from './__testUtils__/acmeFixture';
import { openApiMismatches } from './__testUtils__/openApi';
import { pluginTestConfig } from './__testUtils__/pluginTestConfig';
import { createTcpProxy, type TcpProxy } from './__testUtils__/tcpProxy';
import {
  openTestGraph,
  TEST_NEO4J_PORT,
  testNeo4jConnection,
} from './__testUtils__/testGraph';
import { waitFor } from './__testUtils__/waitFor';

/** What the issue asks of every route while Neo4j cannot be reached. */
const ANSWER_WITHIN_MS = 5_000;
const ENTITY_ROUTE = '/entities/{kind}/{namespace}/{name}';
const ENTITY_PATH = '/entities/component/default/example-website';
const PASSWORD = testNeo4jConnection().password;

const graph = openTestGraph();
const directory = createMockDirectory();
directory.setContent({
  'catalog-info.yaml': `
apiVersion: backstage.io/v1alpha1
kind: Component
metadata: { name: example-website }
spec: { type: website, lifecycle: production, owner: web }
`,
});
let sentry: SampleServer;
let proxy: TcpProxy;

beforeAll(async () => {
  sentry = await startSampleServer({
    data: { organizations: [acmeOrganization()] },
  });
});
afterAll(async () => {
  await sentry?.close();
  await graph.close();
});
beforeEach(async () => {
  await graph.wipe();
  proxy = await createTcpProxy(Number(TEST_NEO4J_PORT));
});
afterEach(() => proxy?.close());

/** A backend with the plugin and the catalog, its Neo4j behind the proxy. */
async function startBackend() {
  const neo4j = testNeo4jConnection();
  const { server } = await startTestBackend({
    features: [
      sentryGraphPlugin,
      catalogPlugin,
      schedulerServiceFactory,
      mockServices.rootConfig.factory({
        data: {
          ...pluginTestConfig(sentry.url, {
            neo4j: { ...neo4j, uri: `bolt://127.0.0.1:${proxy.port}` },
            catalog: { enabled: true },
          }),
          catalog: {
            locations: [
              { type: 'file', target: directory.resolve('catalog-info.yaml') },
            ],
            rules: [{ allow: ['Component', 'Location'] }],
          },
        },
      }),
    ],
  });
  // The catalog reads its location in the background: the entity route
  // reaches Neo4j only for an entity the catalog has.
  await waitFor(async () =>
    (
      await request(server).get(
        '/api/catalog/entities/by-name/component/default/example-website',
      )
    ).status === 200
      ? true
      : undefined,
  );
  const timed = async (method: 'GET' | 'POST', path: string) => {
    const started = performance.now();
    const res = await (method === 'GET'
      ? request(server).get(`/api/sentry-graph${path}`)
      : request(server).post(`/api/sentry-graph${path}`));
    return { res, elapsedMs: Math.round(performance.now() - started) };
  };
  return { timed };
}

type Timed = Awaited<ReturnType<typeof startBackend>>['timed'];

/** The graph routes' answer while Neo4j cannot be reached: a prompt 503 in Backstage's shape. */
async function expectNeo4jUnavailable(
  timed: Timed,
  route: string,
  path: string,
) {
  const { res, elapsedMs } = await timed('GET', path);
  expect({ path, status: res.status }).toEqual({ path, status: 503 });
  expect(elapsedMs).toBeLessThan(ANSWER_WITHIN_MS);
  expect(res.body).toMatchObject({
    error: {
      name: 'ServiceUnavailableError',
      message: expect.stringMatching(
        /^Neo4j at bolt:\/\/127\.0\.0\.1:\d+ cannot be reached \(.+\); check sentryGraph\.neo4j\.uri and that this host can reach it/,
      ),
    },
    request: { method: 'GET', url: path },
    response: { statusCode: 503 },
  });
  expect(openApiMismatches('GET', route, res)).toEqual([]);
  expect(JSON.stringify(res.body)).not.toContain(PASSWORD);
}

it.each([
  ['nothing listens on its port', async () => undefined],
  [
    'a server takes the connection and never answers',
    async () => {
      proxy.freeze();
      await proxy.open();
    },
  ],
])(
  'answers every route within 5 s when %s, the graph routes with a 503 that says Neo4j cannot be reached',
  async (_situation, breakNeo4j) => {
    await breakNeo4j();
    const { timed } = await startBackend();

    await expectNeo4jUnavailable(timed, '/summary', '/summary');
    await expectNeo4jUnavailable(timed, ENTITY_ROUTE, ENTITY_PATH);
    for (const [method, path, status] of [
      ['GET', '/health', 200],
      ['GET', '/status', 200],
      ['GET', '/runs', 200],
      ['POST', '/sync', 202],
    ] as const) {
      const { res, elapsedMs } = await timed(method, path);
      expect({ path, status: res.status }).toEqual({ path, status });
      expect(elapsedMs).toBeLessThan(ANSWER_WITHIN_MS);
    }
    expect((await timed('GET', '/health')).res.body.neo4j.reachable).toBe(
      false,
    );
  },
);

it('answers the graph routes again once Neo4j can be reached, and 503 again within 5 s once it goes away', async () => {
  const { timed } = await startBackend();
  await expectNeo4jUnavailable(timed, ENTITY_ROUTE, ENTITY_PATH);

  await proxy.open();
  const entity = await timed('GET', ENTITY_PATH);
  expect(entity.res.status).toBe(200);
  expect(entity.res.body).toMatchObject({
    entityRef: 'component:default/example-website',
    synced: false,
  });
  expect((await timed('GET', '/summary')).res.status).toBe(200);
  expect((await timed('GET', '/health')).res.body.neo4j).toEqual({
    reachable: true,
  });

  // Gone with the driver's connections open, as when Neo4j crashes.
  await proxy.close();
  await expectNeo4jUnavailable(timed, ENTITY_ROUTE, ENTITY_PATH);
  await proxy.open();
  expect((await timed('GET', ENTITY_PATH)).res.status).toBe(200);
});

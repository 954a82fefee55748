/*
 * Neo4j that stalls: a write waiting on a lock past the transaction
 * timeout, and a server that stops answering altogether. Either way the run
 * ends soon after the timeout, failed, saying why, and deletes nothing.
 */
import { mockServices } from '@backstage/backend-test-utils';
import { SentryGraphStore } from '../graph/SentryGraphStore';
import { useAcmeEnvironment } from '../__testUtils__/acmeEnvironment';
import { dumpGraph } from '../__testUtils__/dumpGraph';
import { graphDifferences } from '../__testUtils__/faultMatrix/graphDifferences';
import { runTestSync } from '../__testUtils__/syncHarness';
import { createTcpProxy } from '../__testUtils__/tcpProxy';
import {
  testNeo4jConnection,
  TEST_NEO4J_PORT,
} from '../__testUtils__/testGraph';
import { DEFAULT_SYNC_ENGINE_OPTIONS } from './context';
import { runSync } from './runSync';

const env = useAcmeEnvironment();
const { graph } = env;
const TIMEOUT_MS = 2_000;
/** How long a write may take, its retries included, before the client gives up (Neo4jSessions). */
const CLIENT_LIMIT_MS = 2 * TIMEOUT_MS + 5_000;

/** Every node and relationship with its properties, firstseen included. */
const graphAsItIs = () => dumpGraph(graph, undefined, { keepFirstseen: true });

function syncWith(store: SentryGraphStore, onReleases?: () => void) {
  return runSync({
    sentry: { baseUrl: env.sentry.url, token: 'sample-token' },
    engine: DEFAULT_SYNC_ENGINE_OPTIONS,
    store,
    logger: mockServices.logger.mock(),
    onProgress: progress => {
      if (progress.kind === 'releases') onReleases?.();
    },
  });
}

it('fails a run whose write waits on a lock past the transaction timeout, and says so', async () => {
  await runTestSync(env.sentry, graph);
  const before = await graphAsItIs();
  // Another client holds the organization node's write lock and does not let go.
  const holder = graph.driver.session();
  const tx = holder.beginTransaction();
  await tx.run(
    "MATCH (o:SentryOrganization {id: '1001'}) SET o.held = true RETURN o",
  );
  const { driver, store } = SentryGraphStore.open({
    ...testNeo4jConnection(),
    transactionTimeoutMs: TIMEOUT_MS,
  });
  try {
    const result = await syncWith(store);
    expect(result.status).toBe('failed');
    expect(result.errors[0]).toMatch(
      /^Neo4j could not be used any more during the run: Neo4j at bolt:\/\/\S+ did not finish a transaction within 2 s .*transactionTimeout/,
    );
    expect(result.durationMs).toBeLessThan(CLIENT_LIMIT_MS);
  } finally {
    await tx.rollback();
    await holder.close();
    await driver.close();
  }
  expect(graphDifferences(before, await graphAsItIs())).toEqual([]);
});

it('fails a run whose Neo4j freezes during the release writes, soon after its timeout, and says so', async () => {
  await runTestSync(env.sentry, graph);
  const before = await graphAsItIs();
  const proxy = await createTcpProxy(Number(TEST_NEO4J_PORT));
  await proxy.open();
  const { driver, store } = SentryGraphStore.open({
    ...testNeo4jConnection(),
    uri: `bolt://127.0.0.1:${proxy.port}`,
    transactionTimeoutMs: TIMEOUT_MS,
  });
  try {
    // Releases answer slowly, so the freeze comes while they are in flight.
    env.sentry.setFaults([
      { path: '/releases/', kind: 'slow', delayMs: 500, times: 1 },
    ]);
    const result = await syncWith(store, () => proxy.freeze());
    expect(result.status).toBe('failed');
    expect(result.errors[0]).toMatch(
      /^Neo4j could not be used any more during the run: Neo4j at bolt:\/\/\S+ did not finish a transaction within 2 s \(Neo4jStallError: no answer within 9 s\)/,
    );
    expect(result.durationMs).toBeLessThan(CLIENT_LIMIT_MS + 5_000);
  } finally {
    await proxy.close();
    await driver.close();
  }
  expect(graphDifferences(before, await graphAsItIs())).toEqual([]);
});

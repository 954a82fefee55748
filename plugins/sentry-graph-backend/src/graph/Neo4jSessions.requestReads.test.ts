/*
 * The graph's reads for API requests against a Neo4j that cannot be
 * reached, through the real driver: a loopback port nothing listens on,
 * and a TCP proxy that takes the connection and never answers.
 */
import { createTcpProxy } from '../__testUtils__/tcpProxy';
import { testNeo4jConnection } from '../__testUtils__/testGraph';
import { REQUEST_CONNECT_TIMEOUT_MS } from './Neo4jSessions';
import { SentryGraphStore } from './SentryGraphStore';

/** A store on `uri`, closed after `work`. */
async function withStore<T>(
  uri: string,
  work: (store: SentryGraphStore) => Promise<T>,
): Promise<T> {
  const { driver, store } = SentryGraphStore.open({
    ...testNeo4jConnection(),
    uri,
  });
  try {
    return await work(store);
  } finally {
    await driver.close();
  }
}

/** The read's error and how long it took to come. */
async function failedRead(store: SentryGraphStore) {
  const started = performance.now();
  const error = await store.requestReads.read('RETURN 1').then(
    () => undefined,
    (e: unknown) => e,
  );
  return { error, elapsedMs: performance.now() - started };
}

it('gives up at once, without retries, when nothing listens, naming the URI without the credentials written into it', async () => {
  // The proxy's port refuses connections until it is opened, which it is not.
  const proxy = await createTcpProxy(1);
  try {
    await withStore(
      `bolt://neo4j:uri-secret@127.0.0.1:${proxy.port}`,
      async store => {
        const told: unknown[] = [];
        store.onUnusable(error => told.push(error));
        const { error, elapsedMs } = await failedRead(store);
        // The sync's reads retry for the transaction timeout (2 minutes) here.
        expect(elapsedMs).toBeLessThan(1_000);
        const message = store.describeError(error);
        expect(message).toMatch(
          new RegExp(
            `^Neo4j at bolt://127\\.0\\.0\\.1:${proxy.port} cannot be reached \\(Neo4jError: Failed to connect`,
          ),
        );
        expect(message).not.toContain('uri-secret');
        // A page's failed read does not stop a run in progress.
        expect(told).toEqual([]);
      },
    );
  } finally {
    await proxy.close();
  }
});

it('gives up after the request bound when a server takes the connection and never answers', async () => {
  const proxy = await createTcpProxy(
    Number(new URL(testNeo4jConnection().uri).port),
  );
  proxy.freeze();
  await proxy.open();
  try {
    await withStore(`bolt://127.0.0.1:${proxy.port}`, async store => {
      const { error, elapsedMs } = await failedRead(store);
      expect(elapsedMs).toBeGreaterThanOrEqual(REQUEST_CONNECT_TIMEOUT_MS - 50);
      expect(elapsedMs).toBeLessThan(REQUEST_CONNECT_TIMEOUT_MS + 1_000);
      expect(store.describeError(error)).toMatch(
        /^Neo4j at bolt:\/\/127\.0\.0\.1:\d+ cannot be reached \(Neo4jUnreachableError: no transaction taken within 3 s\); check sentryGraph\.neo4j\.uri/,
      );
    });
  } finally {
    await proxy.close();
  }
});

it('reads as any read once Neo4j answers', async () => {
  await withStore(testNeo4jConnection().uri, async store => {
    const result = await store.requestReads.read('RETURN $n AS n', { n: 7 });
    expect(result.records.map(r => r.get('n'))).toEqual([7]);
    await expect(store.requestReads.verify()).resolves.toBeUndefined();
  });
});

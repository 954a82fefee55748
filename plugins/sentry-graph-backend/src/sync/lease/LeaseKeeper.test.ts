import { mockServices } from '@backstage/backend-test-utils';
import { SentryGraphStore } from '../../graph/SentryGraphStore';
import { createTcpProxy } from '../../__testUtils__/tcpProxy';
import {
  openTestGraph,
  testNeo4jConnection,
  TEST_NEO4J_PORT,
} from '../../__testUtils__/testGraph';
import { acquireGraphLease, type Acquisition } from './acquireGraphLease';
import type { LeaseKeeper } from './LeaseKeeper';

const graph = openTestGraph();
const sleep = (ms: number) => new Promise(resolve => setTimeout(resolve, ms));
const held: LeaseKeeper[] = [];

beforeAll(() => graph.store.ensureSchema());
beforeEach(() => graph.wipe());
afterEach(async () => {
  await Promise.all(held.splice(0).map(keeper => keeper.release()));
});
afterAll(() => graph.close());

async function take(
  store: SentryGraphStore,
  ttlMs: number,
  logger = mockServices.logger.mock(),
): Promise<LeaseKeeper> {
  const acquisition: Acquisition = await acquireGraphLease(store, {
    writer: { kind: 'plugin', runId: 'run-1' },
    ttlMs,
    waitMs: 0,
    logger,
  });
  if (!acquisition.held) throw new Error('the lease was not free');
  held.push(acquisition.keeper);
  return acquisition.keeper;
}

describe('a held lease', () => {
  it('is renewed every third of its TTL while the run lives, and freed at its end', async () => {
    const keeper = await take(graph.store, 1_500);
    const taken = await graph.store.lease.current();
    await sleep(1_200);
    const renewed = await graph.store.lease.current();
    // Two renewals in 1.2 s: the lease would have expired at 1.5 s otherwise.
    expect(renewed!.renewedAt! - taken!.acquiredAt!).toBeGreaterThanOrEqual(
      900,
    );
    expect(renewed!.expiresAt).toBe(renewed!.renewedAt! + 1_500);
    expect(keeper.signal.aborted).toBe(false);

    await keeper.release();
    const released = await graph.store.lease.current();
    expect(released?.holder).toBeUndefined();
    expect(released?.owner).toMatchObject({ kind: 'plugin', runId: 'run-1' });
  });

  it('stops the run at once when a renewal finds another writer holding it, naming that writer', async () => {
    const logger = mockServices.logger.mock();
    const keeper = await take(graph.store, 1_500, logger);
    // What a writer that took it over after an expiry leaves.
    await graph.store.write(
      "MATCH (l:SentryGraphLease) SET l.holder = 'other', l.owner_kind = 'cli', " +
        "l.owner_host = 'laptop', l.owner_pid = 7, l.owner_run_id = null",
      {},
    );
    await sleep(700);
    expect(keeper.signal.aborted).toBe(true);
    expect(keeper.lost).toMatchObject({ reason: 'taken' });
    expect(logger.error).toHaveBeenCalledWith(
      expect.stringMatching(
        /^The run lost the graph's lease to the command line on laptop \(pid 7\) .*The run stopped there, and deleted nothing after that$/,
      ),
    );
    // Its end leaves the other writer's lease alone.
    await keeper.release();
    expect((await graph.store.lease.current())?.holder).toBe('other');
  });

  it('stops the run before it can expire when renewals cannot reach Neo4j', async () => {
    const proxy = await createTcpProxy(Number(TEST_NEO4J_PORT));
    await proxy.open();
    const { driver, store } = SentryGraphStore.open({
      ...testNeo4jConnection(),
      uri: `bolt://127.0.0.1:${proxy.port}`,
    });
    try {
      const keeper = await take(store, 2_400);
      proxy.freeze();
      const frozenAt = Date.now();
      await new Promise(resolve =>
        keeper.signal.addEventListener('abort', resolve),
      );
      // Five sixths of the TTL after the last good renewal was sent, at the latest.
      expect(Date.now() - frozenAt).toBeLessThanOrEqual(2_100);
      expect(keeper.lost).toMatchObject({ reason: 'unrenewed' });
      // Neo4j still has it for this run: nobody could have taken it yet.
      const lease = await graph.store.lease.current();
      expect(lease!.expiresAt!).toBeGreaterThan(lease!.now);
      expect(String(keeper.signal.reason)).toMatch(
        /The run could not renew the graph's lease for 2 s \(no answer to the renewal sent 1 s ago\), so another writer could soon take it/,
      );
    } finally {
      await proxy.close();
      await driver.close();
    }
  });
});

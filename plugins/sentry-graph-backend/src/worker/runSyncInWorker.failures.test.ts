/*
 * A worker that is aborted, hangs, runs out of memory or throws: the run
 * ends, saying what happened, within the time it promises, the graph
 * keeps what the good run before it wrote, and the plugin's thread (this
 * one) never notices more than a message.
 */
import { acmeOrganization } from '../__testUtils__/acmeFixture';
import { useAcmeEnvironment } from '../__testUtils__/acmeEnvironment';
import { dumpGraph } from '../__testUtils__/dumpGraph';
import { graphDifferences } from '../__testUtils__/faultMatrix/graphDifferences';
import { createTcpProxy } from '../__testUtils__/tcpProxy';
import {
  testNeo4jConnection,
  TEST_NEO4J_PORT,
} from '../__testUtils__/testGraph';
import { DEFAULT_SYNC_ENGINE_OPTIONS } from '../sync/context';
import { ABORT_GRACE_MS } from './runSyncInWorker';
import { setTestOnlyWorkerFault } from './testOnlyWorkerFault';
import { heavyOrganization } from './__testUtils__/heavyOrganization';
import { workerTestSync } from './__testUtils__/workerSync';

const env = useAcmeEnvironment();
const { graph } = env;
/** A member that Sentry no longer lists after the good run: the next complete run would delete it. */
const GONE_MEMBER = '2006';

afterEach(() => setTestOnlyWorkerFault(undefined));

/** A good run's graph, then Sentry without GONE_MEMBER. */
async function afterAGoodRun() {
  const { result } = await workerTestSync(env.sentry);
  expect(result.status).toBe('succeeded');
  const acme = acmeOrganization();
  env.sentry.setData({
    organizations: [
      { ...acme, members: acme.members.filter(m => m.id !== GONE_MEMBER) },
    ],
  });
  return dumpGraph(graph);
}

/** What the graph lost or changed since `before`; what a run added is not asked. */
async function lostOrChanged(before: Awaited<ReturnType<typeof dumpGraph>>) {
  return graphDifferences(before, await dumpGraph(graph)).filter(
    line => !line.startsWith('added '),
  );
}

/** An abort signal that fires at the run's first page, and when it did. */
function abortAtFirstPage() {
  const controller = new AbortController();
  let abortedAt = 0;
  return {
    signal: controller.signal,
    onProgress: () => {
      if (abortedAt) return;
      abortedAt = Date.now();
      controller.abort();
    },
    sinceAbortMs: () => Date.now() - abortedAt,
  };
}

describe('a worker that is aborted', () => {
  it('stops well within 2 s; the run is aborted and cleans up nothing', async () => {
    const before = await afterAGoodRun();
    // The members' listing (which would delete GONE_MEMBER) is still out at the abort.
    env.sentry.setFaults([
      { path: '/organizations/acme/members/', kind: 'slow', delayMs: 30_000 },
    ]);
    const abort = abortAtFirstPage();
    const { result } = await workerTestSync(
      env.sentry,
      { onProgress: abort.onProgress },
      abort.signal,
    );
    expect(abort.sinceAbortMs()).toBeLessThan(ABORT_GRACE_MS);
    expect(result.status).toBe('aborted');
    expect(result.errors.join('\n')).not.toMatch(/terminated/);
    expect(await lostOrChanged(before)).toEqual([]);
  });

  it('is terminated 2 s after the abort when deaf to it, and the run is aborted, saying so', async () => {
    const before = await afterAGoodRun();
    setTestOnlyWorkerFault('spin-at-first-page');
    const abort = abortAtFirstPage();
    const { result } = await workerTestSync(
      env.sentry,
      { onProgress: abort.onProgress },
      abort.signal,
    );
    expect(abort.sinceAbortMs()).toBeGreaterThanOrEqual(ABORT_GRACE_MS);
    expect(abort.sinceAbortMs()).toBeLessThan(ABORT_GRACE_MS + 1_000);
    expect(result.status).toBe('aborted');
    expect(result.errors).toEqual([
      'The sync did not stop within 2 s of being aborted, so its worker was terminated. ' +
        'It started no deletion after that, and the next run starts as usual.',
    ]);
    expect(await lostOrChanged(before)).toEqual([]);
  });
});

describe('a worker that hangs', () => {
  it('is terminated at its deadline when a Neo4j call never returns, and the run fails, saying so', async () => {
    const before = await afterAGoodRun();
    const proxy = await createTcpProxy(Number(TEST_NEO4J_PORT));
    await proxy.open();
    try {
      const deadlineAt = Date.now() + 4_000;
      const { result } = await workerTestSync(env.sentry, {
        neo4j: {
          ...testNeo4jConnection(),
          uri: `bolt://127.0.0.1:${proxy.port}`,
        },
        // Neo4j stops answering once the run is under way.
        onProgress: () => proxy.freeze(),
        deadline: { at: deadlineAt, description: "the test's timeout (4 s)" },
      });
      expect(Date.now() - deadlineAt).toBeGreaterThanOrEqual(ABORT_GRACE_MS);
      expect(Date.now() - deadlineAt).toBeLessThan(ABORT_GRACE_MS + 1_000);
      expect(result.status).toBe('failed');
      expect(result.errors[0]).toMatch(
        /^The sync did not finish within the test's timeout \(4 s\) and did not stop within 2 s of being aborted then, so its worker was terminated/,
      );
    } finally {
      await proxy.close();
    }
    expect(await lostOrChanged(before)).toEqual([]);
  });
});

describe('a worker that breaks', () => {
  it('fails the run when it runs out of memory, naming sentryGraph.sync.maxHeapMb, and deletes nothing', async () => {
    const before = await afterAGoodRun();
    // acme, and an organization whose listings need more than the cap holds.
    const acme = acmeOrganization();
    const big = heavyOrganization();
    env.sentry.setData({
      organizations: [
        { ...acme, members: acme.members.filter(m => m.id !== GONE_MEMBER) },
        big,
      ],
    });
    const { result } = await workerTestSync(env.sentry, {
      maxHeapMb: 48,
      // The big organization first, so that it is under way before acme.
      engine: {
        ...DEFAULT_SYNC_ENGINE_OPTIONS,
        organizationConcurrency: 1,
        organizations: [big.organization.slug, 'acme'],
      },
    });
    expect(result.status).toBe('failed');
    expect(result.errors).toEqual([
      'The sync ran out of memory: its worker reached its heap cap of 48 MB and was stopped. ' +
        'Raise sentryGraph.sync.maxHeapMb (now 48). ' +
        'It started no deletion after that, and the next run starts as usual.',
    ]);
    expect(await lostOrChanged(before)).toEqual([]);
  });

  it('fails the run when it throws, saying so, and deletes nothing', async () => {
    const before = await afterAGoodRun();
    setTestOnlyWorkerFault('throw-at-first-page');
    const { result } = await workerTestSync(env.sentry);
    expect(result.status).toBe('failed');
    expect(result.errors).toEqual([
      "The sync's worker failed: test-only fault: thrown inside the worker. " +
        'It started no deletion after that, and the next run starts as usual.',
    ]);
    expect(await lostOrChanged(before)).toEqual([]);
  });
});

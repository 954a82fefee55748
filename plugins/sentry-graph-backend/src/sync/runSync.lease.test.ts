/*
 * One writer per graph, as the engine sees it: a run takes the graph's
 * lease before it writes anything, keeps it while it runs, and lets go of
 * it however it ends; without it, it writes nothing and says who has it.
 */
import { mockServices } from '@backstage/backend-test-utils';
import type { LeaseOwner } from '../graph/leaseSchema';
import { acmeOrganization } from '../__testUtils__/acmeFixture';
import { useAcmeEnvironment } from '../__testUtils__/acmeEnvironment';
import { runTestSync } from '../__testUtils__/syncHarness';
import { waitFor } from '../__testUtils__/waitFor';

const env = useAcmeEnvironment();
const { graph } = env;
const cli: LeaseOwner = { kind: 'cli', host: 'laptop', pid: 202 };
const HOLDER =
  /the command line on laptop \(pid 202\) since \S+Z; its lease expires at \S+Z \(in \d+ s\) unless renewed/;

const alertRules = async () =>
  (
    await graph.query<{ n: number }>(
      'MATCH (:SentryOrganization)-[:RESOURCE]->(r:SentryAlertRule) RETURN count(r) AS n',
    )
  )[0].n;

beforeAll(() => graph.store.ensureSchema());

it('writes nothing while another writer holds the lease, and names that writer and its expiry', async () => {
  await graph.store.lease.acquire('other', cli, 60_000);
  env.sentry.resetStats();
  const result = await runTestSync(env.sentry, graph);
  expect(result.status).toBe('failed');
  expect(result.errors).toEqual([
    expect.stringMatching(
      new RegExp(
        `^Another writer holds the graph's lease: ${HOLDER.source}\\. This run wrote nothing`,
      ),
    ),
  ]);
  expect(env.sentry.stats().requests).toBe(0);
  expect(
    await graph.query('MATCH (n) WHERE NOT n:SentryGraphLease RETURN n'),
  ).toEqual([]);
});

it('waits for the lease when asked to, saying who holds it, and runs once it is released', async () => {
  await graph.store.lease.acquire('other', cli, 60_000);
  const logger = mockServices.logger.mock();
  const run = runTestSync(env.sentry, graph, {
    waitForLeaseMs: 20_000,
    logger,
  });
  await waitFor(async () =>
    logger.info.mock.calls.length > 0 ? true : undefined,
  );
  expect(logger.info).toHaveBeenCalledWith(
    expect.stringMatching(
      new RegExp(
        `^Waiting up to (19|20) s for the graph's lease, held by ${HOLDER.source}`,
      ),
    ),
  );
  await graph.store.lease.release('other');
  const result = await run;
  expect(result.status).toBe('succeeded');
});

it('gives up waiting after the time it was given, having written nothing', async () => {
  await graph.store.lease.acquire('other', cli, 60_000);
  const result = await runTestSync(env.sentry, graph, {
    waitForLeaseMs: 1_500,
  });
  expect(result.status).toBe('failed');
  expect(result.errors[0]).toMatch(
    /^Another writer holds the graph's lease, still after waiting 2 s: the command line on laptop/,
  );
  expect(await alertRules()).toBe(0);
});

it('lets go of the lease however the run ends: succeeded, failed or aborted', async () => {
  const released = async () => {
    const lease = await graph.store.lease.current();
    return {
      holder: lease?.holder,
      owner: lease?.owner?.kind,
      released: lease?.releasedAt !== undefined,
    };
  };
  const free = { holder: undefined, owner: 'plugin', released: true };

  expect((await runTestSync(env.sentry, graph)).status).toBe('succeeded');
  expect(await released()).toEqual(free);

  const failed = await runTestSync(env.sentry, graph, {
    sentry: { token: 'not-a-token' },
  });
  expect(failed.status).toBe('failed');
  expect(await released()).toEqual(free);

  const controller = new AbortController();
  env.sentry.setFaults([{ path: '/projects/', kind: 'slow', delayMs: 5_000 }]);
  const aborted = runTestSync(env.sentry, graph, {
    signal: controller.signal,
  });
  await waitFor(async () =>
    (await graph.store.lease.current())?.holder ? true : undefined,
  );
  controller.abort();
  expect((await aborted).status).toBe('aborted');
  expect(await released()).toEqual(free);
});

it('stops a run whose lease another writer took, before its cleanup, and deletes nothing', async () => {
  await runTestSync(env.sentry, graph);
  expect(await alertRules()).toBe(3);
  // One rule gone from Sentry: a cleanup that ran would delete its node.
  const acme = acmeOrganization();
  env.sentry.setData({
    organizations: [
      { ...acme, workflows: acme.workflows.filter(w => w.id !== '6006') },
    ],
  });
  env.sentry.setFaults([
    { path: '/workflows/', kind: 'slow', delayMs: 3_000, times: 1 },
  ]);
  env.sentry.resetStats();
  const run = runTestSync(env.sentry, graph, {
    engine: { leaseTtlMs: 1_500 },
  });
  await waitFor(async () =>
    env.sentry.stats().byEndpoint['GET /api/0/organizations/{org}/workflows/']
      ? true
      : undefined,
  );
  // What a writer that took it over leaves (its expiry passed unseen, say).
  await graph.store.write(
    "MATCH (l:SentryGraphLease) SET l.holder = 'other', l.owner_kind = 'cli', " +
      "l.owner_host = 'laptop', l.owner_pid = 202, l.owner_run_id = null",
    {},
  );
  const result = await run;
  expect(result.status).toBe('failed');
  expect(result.errors[0]).toMatch(
    /^The run lost the graph's lease to the command line on laptop \(pid 202\).*\. The run stopped there, and deleted nothing after that$/,
  );
  expect(result.organizations[0].kinds['alert-rules']).toMatchObject({
    deleted: 0,
    kept: [
      expect.objectContaining({ reason: 'the run was aborted' }),
      expect.anything(),
    ],
  });
  expect(await alertRules()).toBe(3);
  // Not its own any more: the run leaves it to the other writer.
  expect((await graph.store.lease.current())?.holder).toBe('other');
});

import { randomUUID } from 'node:crypto';
import { openTestGraph, testNeo4jConnection } from '../__testUtils__/testGraph';
import type { LeaseOwner } from './leaseSchema';
import { SentryGraphStore } from './SentryGraphStore';

const graph = openTestGraph();
const lease = graph.store.lease;
const plugin: LeaseOwner = {
  kind: 'plugin',
  host: 'backend-1',
  pid: 101,
  runId: 'run-1',
};
const cli: LeaseOwner = { kind: 'cli', host: 'laptop', pid: 202 };
const sleep = (ms: number) => new Promise(resolve => setTimeout(resolve, ms));

beforeAll(() => graph.store.ensureSchema());
beforeEach(() => graph.wipe());
afterAll(() => graph.close());

describe('the graph lease', () => {
  it('is taken when free and refused to another writer while held, naming its holder and expiry', async () => {
    const first = await lease.acquire('a', plugin, 60_000);
    expect(first.done).toBe(true);
    expect(first.lease).toMatchObject({ holder: 'a', owner: plugin });
    expect(first.lease?.expiresAt).toBe(first.lease!.now + 60_000);

    const second = await lease.acquire('b', cli, 60_000);
    expect(second.done).toBe(false);
    expect(second.lease).toMatchObject({
      holder: 'a',
      owner: plugin,
      expiresAt: first.lease?.expiresAt,
    });
  });

  it('is taken over once its holder stopped renewing it and it expired', async () => {
    await lease.acquire('a', plugin, 300);
    expect((await lease.acquire('b', cli, 60_000)).done).toBe(false);
    await sleep(400);

    const takeover = await lease.acquire('b', cli, 60_000);
    expect(takeover.done).toBe(true);
    // The run id of the holder before does not stay with the new one.
    expect(takeover.lease?.owner).toEqual(cli);
    // The old holder can neither renew nor release what is no longer its own.
    expect(await lease.renew('a', 60_000)).toMatchObject({
      done: false,
      lease: { holder: 'b' },
    });
    expect(await lease.release('a')).toMatchObject({
      done: false,
      lease: { holder: 'b' },
    });
    expect((await lease.current())?.holder).toBe('b');
  });

  it('is taken over at once, before its expiry, from a run its next writer knows has ended', async () => {
    await lease.acquire('a', plugin, 60_000);
    expect((await lease.acquire('b', plugin, 60_000, ['run-0'])).done).toBe(
      false,
    );
    const takeover = await lease.acquire('b', plugin, 60_000, ['run-1']);
    expect(takeover.done).toBe(true);
    expect(takeover.before).toMatchObject({ holder: 'a', owner: plugin });
    expect(takeover.lease?.holder).toBe('b');
  });

  it('is renewed by its holder only, which pushes its expiry out', async () => {
    const taken = await lease.acquire('a', plugin, 1_000);
    await sleep(100);
    const renewed = await lease.renew('a', 1_000);
    expect(renewed.done).toBe(true);
    expect(renewed.lease?.expiresAt).toBe(renewed.lease!.now + 1_000);
    expect(renewed.lease!.expiresAt!).toBeGreaterThan(taken.lease!.expiresAt!);

    const stranger = await lease.renew('b', 60_000);
    expect(stranger.done).toBe(false);
    expect(stranger.lease?.expiresAt).toBe(renewed.lease?.expiresAt);
  });

  it('is free at once when released, and still says who held it last', async () => {
    await lease.acquire('a', plugin, 60_000);
    const released = await lease.release('a');
    expect(released.done).toBe(true);
    expect(released.lease).toMatchObject({ owner: plugin });
    expect(released.lease?.holder).toBeUndefined();
    expect(released.lease?.releasedAt).toBe(released.lease?.now);

    expect((await lease.acquire('b', cli, 60_000)).done).toBe(true);
    expect((await lease.current())?.releasedAt).toBeUndefined();
  });

  it('cannot be renewed or released once gone', async () => {
    expect(await lease.renew('a', 60_000)).toEqual({ done: false });
    expect(await lease.release('a')).toEqual({ done: false });
    expect(await lease.current()).toBeUndefined();
  });

  it('goes to exactly one of eight writers racing for it, new or just expired, round after round', async () => {
    // Each writer on a connection of its own, as separate processes are.
    const writers = Array.from({ length: 8 }, () =>
      SentryGraphStore.open(testNeo4jConnection()),
    );
    try {
      for (let round = 0; round < 6; round++) {
        // Even rounds race to create the lease, odd ones to take over an expired one.
        await graph.wipe();
        if (round % 2 === 1) {
          await lease.acquire(`expiring-${round}`, plugin, 200);
          await sleep(250);
        }
        const tokens = writers.map(() => randomUUID());
        const answers = await Promise.all(
          writers.map(({ store }, i) =>
            store.lease.acquire(tokens[i], { ...cli, pid: i }, 60_000),
          ),
        );
        const winners = answers.filter(answer => answer.done);
        expect([round, winners.length]).toEqual([round, 1]);
        const winner = winners[0].lease?.holder;
        expect(tokens).toContain(winner);
        // Every loser was told the winner's name, none an earlier one.
        for (const answer of answers) expect(answer.lease?.holder).toBe(winner);
        expect(
          await graph.query('MATCH (l:SentryGraphLease) RETURN l.id AS id'),
        ).toEqual([{ id: 'sentry-graph' }]);
      }
    } finally {
      await Promise.all(writers.map(({ driver }) => driver.close()));
    }
  });
});

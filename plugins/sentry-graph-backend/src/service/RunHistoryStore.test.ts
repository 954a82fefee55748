import type { TestDatabaseId } from '@backstage/backend-test-utils';
import type { Knex } from 'knex';
import type { SyncRunResult } from '../sync/types';
import { createTestDatabases } from '../__testUtils__/testDatabases';
import { RunHistoryStore } from './RunHistoryStore';

const databases = createTestDatabases();
const ids = databases.eachSupportedId();

async function openStore(
  id: TestDatabaseId,
): Promise<{ store: RunHistoryStore; knex: Knex }> {
  const knex = await databases.init(id);
  const store = await RunHistoryStore.create({
    database: { getClient: async () => knex },
  });
  return { store, knex };
}

function result(
  status: SyncRunResult['status'],
  fetched = 3,
  runKind?: SyncRunResult['kind'],
): SyncRunResult {
  const kind = {
    status: 'complete' as const,
    fetched,
    written: fetched,
    invalid: 1,
    invalidItems: [],
    deleted: 2,
    kept: [],
  };
  return {
    status,
    updateTag: 1_764_000_000,
    startedAt: '2026-11-26T10:00:00.000Z',
    finishedAt: '2026-11-26T10:01:00.000Z',
    durationMs: 60_000,
    organizations: [
      { slug: 'acme', status, kinds: { teams: kind, projects: kind } },
    ],
    requests: {
      requests: 10,
      retries: 0,
      rateLimited: 0,
      budgetWaitMs: 0,
      failedRequests: 0,
    },
    errors: status === 'succeeded' ? [] : ['teams: listing stopped early'],
    ...(runKind ? { kind: runKind } : {}),
  };
}

/** Finishes `count` runs with `status`, oldest first, and returns their ids. */
async function finishedRuns(
  store: RunHistoryStore,
  count: number,
  status: SyncRunResult['status'] = 'succeeded',
) {
  const runIds: string[] = [];
  for (let i = 0; i < count; i++) {
    const run = await store.claimRun('scheduled');
    await store.finishRun(run.id, { status, result: result(status) });
    runIds.push(run.id);
  }
  return runIds;
}

const ISO = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;

describe('RunHistoryStore', () => {
  // Without PostgreSQL the suite still runs on SQLite; this shows up as skipped.
  if (!ids.some(([id]) => id.startsWith('POSTGRES_'))) {
    // eslint-disable-next-line jest/no-disabled-tests, jest/expect-expect -- deliberate placeholder: the visible marker that no PostgreSQL was available
    it.skip('on PostgreSQL: none available (scripts/postgres.sh start exports one)', () => {});
  }

  it.each(ids)(
    'claims the oldest queued manual run before making a scheduled one, on %p',
    async id => {
      const { store } = await openStore(id);
      const first = await store.enqueueManualRun('user:default/alice');
      const second = await store.enqueueManualRun('user:default/bob');
      expect(first).toEqual({
        id: first.id,
        trigger: 'manual',
        requestedBy: 'user:default/alice',
        status: 'queued',
        kind: 'full',
        requestedKind: 'full',
        createdAt: expect.stringMatching(ISO),
      });
      expect(await store.activeRun()).toMatchObject({
        id: second.id,
        status: 'queued',
      });
      expect(await store.lastManualRequestAt()).toBe(second.createdAt);

      const claimed = await store.claimRun('scheduled');
      expect(claimed).toMatchObject({
        id: first.id,
        trigger: 'manual',
        requestedBy: 'user:default/alice',
        status: 'running',
      });
      expect(claimed.startedAt).toMatch(ISO);
      expect((await store.claimRun('scheduled')).id).toBe(second.id);

      const scheduled = await store.claimRun('scheduled');
      expect(scheduled).toMatchObject({
        trigger: 'scheduled',
        status: 'running',
      });
      expect(scheduled.requestedBy).toBeUndefined();
      expect(scheduled.startedAt).toBe(scheduled.createdAt);
      expect(new Set([first.id, second.id, scheduled.id]).size).toBe(3);
    },
  );

  it.each(ids)(
    'records progress, then the result, status and totals, on %p',
    async id => {
      const { store } = await openStore(id);
      expect(await store.lastManualRequestAt()).toBeUndefined();
      const run = await store.claimRun('scheduled');
      await store.updateProgress(run.id, {
        organization: 'acme',
        kind: 'teams',
        items: 42,
      });
      expect(await store.activeRun()).toMatchObject({
        id: run.id,
        progress: { organization: 'acme', kind: 'teams', items: 42 },
      });

      await store.finishRun(run.id, {
        status: 'partial',
        result: result('partial'),
        errorSummary: 'teams: listing stopped early',
      });
      const stored = await store.getRun(run.id);
      expect(stored).toMatchObject({
        status: 'partial',
        result: result('partial'),
        errorSummary: 'teams: listing stopped early',
        totals: { fetched: 6, written: 6, deleted: 4, invalid: 2 },
        progress: { items: 42 },
      });
      expect(Date.parse(stored!.finishedAt!)).toBeGreaterThanOrEqual(
        Date.parse(stored!.startedAt!),
      );
      expect(await store.activeRun()).toBeUndefined();
      expect(await store.lastRun()).toEqual({ ...stored, result: undefined });
    },
  );

  it.each(ids)(
    'lists newest first without results and pages with before, on %p',
    async id => {
      const { store } = await openStore(id);
      // Created in one burst, so several share a millisecond: order must not depend on it.
      const runIds = await finishedRuns(store, 5);
      const newestFirst = [...runIds].reverse();

      const page1 = await store.listRuns({ limit: 2 });
      expect(page1.map(r => r.id)).toEqual(newestFirst.slice(0, 2));
      expect(page1[0]).not.toHaveProperty('result');
      expect(page1[0].totals).toEqual({
        fetched: 6,
        written: 6,
        deleted: 4,
        invalid: 2,
      });
      const page2 = await store.listRuns({ limit: 2, before: page1[1].id });
      expect(page2.map(r => r.id)).toEqual(newestFirst.slice(2, 4));
      const page3 = await store.listRuns({ limit: 2, before: page2[1].id });
      expect(page3.map(r => r.id)).toEqual(newestFirst.slice(4));
      expect(await store.listRuns({ limit: 2, before: page3[0].id })).toEqual(
        [],
      );
      await expect(
        store.listRuns({ limit: 2, before: 'no-such-run' }),
      ).rejects.toThrow(/No run with id/);
    },
  );

  it.each(ids)('knows no unknown run, on %p', async id => {
    const { store } = await openStore(id);
    expect(
      await store.getRun('00000000-0000-0000-0000-000000000000'),
    ).toBeUndefined();
    await expect(
      store.finishRun('nope', { status: 'failed' }),
    ).rejects.toMatchObject({ name: 'NotFoundError' });
    await expect(
      store.updateProgress('nope', { items: 1 }),
    ).rejects.toMatchObject({ name: 'NotFoundError' });
    expect(await store.listRuns({ limit: 10 })).toEqual([]);
    expect(await store.activeRun()).toBeUndefined();
    expect(await store.lastRun()).toBeUndefined();
  });

  it.each(ids)(
    'marks runs left by a dead process as failed, on %p',
    async id => {
      const { store, knex } = await openStore(id);
      const [done] = await finishedRuns(store, 1);
      const running = await store.claimRun('scheduled');
      const queued = await store.enqueueManualRun('user:default/alice');

      // A live replica's run was written to recently; an abandoned one was not.
      const hourAgo = new Date(Date.now() - 3_600_000).toISOString();
      await knex('sentry_graph_sync_runs')
        .where({ id: running.id })
        .update({ updated_at: hourAgo });
      expect(
        await store.markInterruptedRuns('backend restarted', {
          idleForMs: 600_000,
        }),
      ).toBe(1);
      expect(await store.getRun(queued.id)).toMatchObject({ status: 'queued' });

      expect(await store.markInterruptedRuns('backend restarted')).toBe(1);
      for (const runId of [running.id, queued.id]) {
        const run = await store.getRun(runId);
        expect(run).toMatchObject({
          status: 'failed',
          errorSummary: 'backend restarted',
        });
        expect(run?.finishedAt).toMatch(ISO);
      }
      expect(await store.getRun(done)).toMatchObject({ status: 'succeeded' });
      expect(await store.activeRun()).toBeUndefined();
      expect(await store.markInterruptedRuns('again')).toBe(0);
    },
  );

  it.each(ids)(
    'prunes to the newest N but never an active run, on %p',
    async id => {
      const { store } = await openStore(id);
      // The oldest run is still running (a long one), so it is outside the newest N.
      const active = await store.claimRun('scheduled');
      const finished = await finishedRuns(store, 4);

      expect(await store.prune(10)).toBe(0);
      expect(await store.prune(2)).toBe(2);
      expect((await store.listRuns({ limit: 10 })).map(r => r.id)).toEqual([
        finished[3],
        finished[2],
        active.id,
      ]);
      expect(await store.getRun(finished[1])).toBeUndefined();

      // The last full run stays: the schedule counts fullEvery from it.
      expect(await store.prune(0)).toBe(1);
      expect((await store.listRuns({ limit: 10 })).map(r => r.id)).toEqual([
        finished[3],
        active.id,
      ]);
      await expect(store.prune(-1)).rejects.toThrow(/Cannot keep/);
    },
  );

  it.each(ids)(
    'records the kind asked for, then the kind the run was, on %p',
    async id => {
      const { store } = await openStore(id);
      const queued = await store.enqueueManualRun(
        'user:default/alice',
        'routine',
      );
      expect(queued).toMatchObject({
        kind: 'routine',
        requestedKind: 'routine',
      });
      // A queued run keeps its own kind, whatever the schedule would run.
      const claimed = await store.claimRun('scheduled', 'full');
      expect(claimed).toMatchObject({
        id: queued.id,
        kind: 'routine',
        requestedKind: 'routine',
      });
      // The engine ran it full (a graph without a full run, say).
      await store.finishRun(claimed.id, {
        status: 'succeeded',
        result: result('succeeded', 3, 'full'),
      });
      expect(await store.getRun(claimed.id)).toMatchObject({
        kind: 'full',
        requestedKind: 'routine',
      });

      const scheduled = await store.claimRun('scheduled', 'routine');
      expect(scheduled).toMatchObject({
        trigger: 'scheduled',
        kind: 'routine',
        requestedKind: 'routine',
      });
      // A result without a kind (stopped before any organization) leaves the one asked for.
      await store.finishRun(scheduled.id, {
        status: 'failed',
        result: result('failed'),
      });
      const [newest, older] = await store.listRuns({ limit: 2 });
      expect([newest, older].map(r => [r.id, r.kind, r.requestedKind])).toEqual(
        [
          [scheduled.id, 'routine', 'routine'],
          [claimed.id, 'full', 'routine'],
        ],
      );
    },
  );

  it.each(ids)(
    'finds the last full run that succeeded or was partial, a row without a kind counting as full, on %p',
    async id => {
      const { store, knex } = await openStore(id);
      expect(await store.lastFullRun()).toBeUndefined();
      const partialFull = await store.claimRun('scheduled', 'full');
      await store.finishRun(partialFull.id, {
        status: 'partial',
        result: result('partial', 3, 'full'),
      });
      for (const [kind, status] of [
        ['routine', 'succeeded'],
        ['full', 'failed'],
        ['full', 'aborted'],
      ] as const) {
        const run = await store.claimRun('scheduled', kind);
        await store.finishRun(run.id, {
          status,
          result: result(status, 3, kind),
        });
      }
      await store.claimRun('scheduled', 'full'); // running
      expect((await store.lastFullRun())?.id).toBe(partialFull.id);

      // A row from before there were two kinds (or from a replica still on that version).
      const legacy = await store.claimRun('scheduled', 'routine');
      await store.finishRun(legacy.id, { status: 'succeeded' });
      await knex('sentry_graph_sync_runs')
        .where({ id: legacy.id })
        .update({ kind: null, requested_kind: null });
      expect(await store.lastFullRun()).toMatchObject({
        id: legacy.id,
        kind: 'full',
        requestedKind: 'full',
      });
    },
  );

  it.each(ids)(
    'keeps the last full run when pruning routine runs after it, on %p',
    async id => {
      const { store } = await openStore(id);
      const full = await store.claimRun('scheduled', 'full');
      await store.finishRun(full.id, {
        status: 'succeeded',
        result: result('succeeded', 3, 'full'),
      });
      const routine: string[] = [];
      for (let i = 0; i < 3; i++) {
        const run = await store.claimRun('scheduled', 'routine');
        await store.finishRun(run.id, {
          status: 'succeeded',
          result: result('succeeded', 3, 'routine'),
        });
        routine.push(run.id);
      }
      expect(await store.prune(1)).toBe(2);
      expect((await store.listRuns({ limit: 10 })).map(r => r.id)).toEqual([
        routine[2],
        full.id,
      ]);
      expect((await store.lastFullRun())?.id).toBe(full.id);
    },
  );

  it.each(ids)('counts only succeeded runs as successful, on %p', async id => {
    const { store } = await openStore(id);
    expect(await store.lastSuccessfulRun()).toBeUndefined();
    const [succeeded] = await finishedRuns(store, 1, 'succeeded');
    const [partial] = await finishedRuns(store, 1, 'partial');
    await finishedRuns(store, 1, 'failed');
    const [aborted] = await finishedRuns(store, 1, 'aborted');
    await store.claimRun('scheduled');

    expect((await store.lastSuccessfulRun())?.id).toBe(succeeded);
    expect((await store.lastRun())?.id).toBe(aborted);
    expect((await store.getRun(partial))?.status).toBe('partial');
  });

  it.each(ids)(
    'never hands one queued run to two concurrent claims, on %p',
    async id => {
      const { store } = await openStore(id);
      for (let round = 0; round < 5; round++) {
        const queued = await Promise.all(
          [1, 2, 3].map(n => store.enqueueManualRun(`user:default/u${n}`)),
        );
        const claims = await Promise.all(
          Array.from({ length: 8 }, () => store.claimRun('scheduled')),
        );

        expect(new Set(claims.map(c => c.id)).size).toBe(8);
        expect(
          claims
            .filter(c => c.trigger === 'manual')
            .map(c => c.id)
            .sort(),
        ).toEqual(queued.map(q => q.id).sort());
        expect(claims.every(c => c.status === 'running')).toBe(true);
        for (const claim of claims)
          await store.finishRun(claim.id, { status: 'succeeded' });
      }
      expect(await store.activeRun()).toBeUndefined();
    },
  );

  it.each(ids)(
    'tells its write listeners after every write and after no read, on %p',
    async id => {
      const { store } = await openStore(id);
      let writes = 0;
      store.onWrite(() => writes++);

      const queued = await store.enqueueManualRun('user:default/alice');
      expect(writes).toBe(1);
      const run = await store.claimRun('scheduled');
      expect(run.id).toBe(queued.id);
      expect(writes).toBe(2);
      await store.updateProgress(run.id, { items: 5 });
      expect(writes).toBe(3);
      // Failed, so that it is not the last full run, which prune keeps.
      await store.finishRun(run.id, { status: 'failed' });
      expect(writes).toBe(4);
      await store.claimRun('scheduled');
      expect(writes).toBe(5);
      expect(await store.markInterruptedRuns('the backend restarted')).toBe(1);
      expect(writes).toBe(6);
      expect(await store.prune(1)).toBe(1);
      expect(writes).toBe(7);

      await store.activeRun();
      await store.lastRun();
      await store.lastSuccessfulRun();
      await store.lastFullRun();
      await store.listRuns({ limit: 10 });
      expect(writes).toBe(7);
    },
  );
});

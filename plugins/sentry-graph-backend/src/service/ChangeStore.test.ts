import type { TestDatabaseId } from '@backstage/backend-test-utils';
import type { Knex } from 'knex';
import type { RecordedChange } from '../sync/changes/RunChanges';
import { createTestDatabases } from '../__testUtils__/testDatabases';
import { ChangeStore } from './ChangeStore';

const databases = createTestDatabases();
const ids = databases.eachSupportedId();
const RUN = '11111111-1111-4111-8111-111111111111';
const DAY_MS = 24 * 60 * 60_000;

async function openStore(
  id: TestDatabaseId,
): Promise<{ store: ChangeStore; knex: Knex }> {
  const knex = await databases.init(id);
  const store = await ChangeStore.create({
    database: { getClient: async () => knex },
  });
  return { store, knex };
}

function roleChange(memberId: string): RecordedChange {
  return {
    organization: { id: '1001', slug: 'acme' },
    kind: 'member',
    entity: { id: memberId, name: `${memberId}@acme.test` },
    change: 'role',
    field: 'role',
    before: 'member',
    after: 'owner',
  };
}

const members = (count: number) =>
  Array.from({ length: count }, (_, i) => roleChange(String(2000 + i)));

describe('ChangeStore', () => {
  it.each(ids)(
    'gives back what it stored, values and related entity included, on %p',
    async id => {
      const { store } = await openStore(id);
      const membership: RecordedChange = {
        ...roleChange('2001'),
        change: 'membership',
        field: undefined,
        before: null,
        after: 'admin',
        related: { kind: 'team', id: '3001', name: 'backend' },
      };
      const count: RecordedChange = {
        organization: { id: '1001', slug: 'acme' },
        kind: 'release',
        entity: { id: '1001', name: 'acme' },
        change: 'count',
        field: 'added',
        before: null,
        after: 50,
      };
      const flag: RecordedChange = {
        ...roleChange('2002'),
        change: '2fa',
        field: 'has_2fa',
        before: true,
        after: false,
      };
      await store.insert(RUN, [membership, count, flag]);
      const { changes, nextCursor } = await store.list({}, { limit: 10 });
      expect(nextCursor).toBeUndefined();
      expect(changes.map(({ id: _, recordedAt, ...rest }) => rest)).toEqual(
        [flag, count, membership].map(change => {
          const { field, ...rest } = change;
          return { runId: RUN, ...rest, ...(field ? { field } : {}) };
        }),
      );
      expect(Date.parse(changes[0].recordedAt)).toBeGreaterThan(
        Date.now() - 60_000,
      );
    },
  );

  it.each(ids)('prunes by rows: the newest are kept, on %p', async id => {
    const { store, knex } = await openStore(id);
    await store.insert(RUN, members(120));
    const newest = (await store.list({}, { limit: 1 })).changes[0];
    expect(await store.prune({ maxAgeMs: DAY_MS, maxRows: 50 })).toBe(70);
    const left = await knex('sentry_graph_changes').count({ n: '*' });
    expect(Number(left[0].n)).toBe(50);
    expect((await store.list({}, { limit: 1 })).changes[0].id).toBe(newest.id);
    // Within the bound already: nothing more goes.
    expect(await store.prune({ maxAgeMs: DAY_MS, maxRows: 50 })).toBe(0);
  });

  it.each(ids)('prunes by age, on %p', async id => {
    const { store, knex } = await openStore(id);
    await store.insert(RUN, members(30));
    // Ten of them recorded 100 days ago.
    const oldest = await knex('sentry_graph_changes')
      .orderBy('id')
      .limit(10)
      .pluck('id');
    await knex('sentry_graph_changes')
      .whereIn('id', oldest)
      .update({ recorded_at: new Date(Date.now() - 100 * DAY_MS) });
    expect(await store.prune({ maxAgeMs: 90 * DAY_MS, maxRows: 1_000 })).toBe(
      10,
    );
    const since = new Date(Date.now() - 60_000);
    const recent = await store.list({ since }, { limit: 100 });
    expect(recent.changes).toHaveLength(20);
  });
});

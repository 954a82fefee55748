/*
 * A run in a worker thread does what runSync does on the plugin's thread:
 * the same result, the worker's log records and progress replayed on the
 * plugin's side, the catalog read there and joined in the worker.
 */
import { mockServices } from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { useAcmeEnvironment } from '../__testUtils__/acmeEnvironment';
import { acmeCatalog } from '../__testUtils__/catalogFixture';
import { DEFAULT_CATALOG_OPTIONS } from '../catalog/catalogOptions';
import { catalogReader } from '../catalog/catalogReader';
import type { CatalogReader } from '../catalog/syncCatalog';
import type { SyncProgress } from '../sync/types';
import type { WorkerMemory } from './protocol';
import { workerTestSync } from './__testUtils__/workerSync';

const env = useAcmeEnvironment();

const pairs = async (type: string) =>
  (
    await env.graph.query<{ pair: string }>(
      `MATCH (a)-[:${type}]->(b) RETURN a.id + ' -> ' + b.id AS pair ORDER BY pair`,
    )
  ).map(row => row.pair);

/** The catalog service's in-memory implementation, counting the pages it serves. */
function countingCatalog(entities: Entity[]): {
  read: CatalogReader;
  pages: () => number;
} {
  let pages = 0;
  const read = catalogReader(
    catalogServiceMock({ entities }),
    mockServices.auth(),
  );
  return {
    read: request => ({
      async *[Symbol.asyncIterator]() {
        for await (const page of read(request)) {
          pages++;
          yield page;
        }
      },
    }),
    pages: () => pages,
  };
}

describe('a sync in a worker thread', () => {
  it('returns the result runSync gives, from an isolate of its own under the heap cap', async () => {
    let memory: WorkerMemory | undefined;
    const { result } = await workerTestSync(env.sentry, {
      maxHeapMb: 128,
      onMemory: reported => (memory = reported),
    });
    expect(result.errors).toEqual([]);
    expect(result.status).toBe('succeeded');
    expect(result.organizations[0].kinds.members?.written).toBe(8);
    const [users] = await env.graph.query<{ n: number }>(
      'MATCH (u:SentryUser) RETURN count(u) AS n',
    );
    expect(users.n).toBe(8);
    // V8's limit for the worker is the cap plus its young generation; this
    // (Jest's) thread has gigabytes.
    expect(memory?.heapLimitMb).toBeGreaterThan(128);
    expect(memory?.heapLimitMb).toBeLessThanOrEqual(128 + 64);
    expect(memory?.peakHeapUsedMb).toBeGreaterThan(0);
  });

  it("replays the worker's log records into the plugin's logger, with their fields", async () => {
    env.sentry.setFaults([
      { path: '/organizations/acme/teams/', kind: 'status', times: 1 },
    ]);
    const { result, logs } = await workerTestSync(env.sentry);
    expect(result.status).toBe('succeeded');
    const retry = logs.lines.find(line =>
      line.message.startsWith('Retrying GET /api/0/organizations/acme/teams/'),
    );
    expect(retry).toMatchObject({
      level: 'debug',
      // The plugin's logger's own fields, then the worker's.
      meta: { runId: 'test', endpoint: 'teams', attempt: 1 },
    });
  });

  it('reports its progress as the worker reads', async () => {
    const progress: SyncProgress[] = [];
    const { result } = await workerTestSync(env.sentry, {
      onProgress: p => progress.push(p),
    });
    expect(result.status).toBe('succeeded');
    expect(progress.length).toBeGreaterThan(3);
    expect(progress.at(-1)).toMatchObject({ organization: 'acme' });
    const items = progress.map(p => p.items);
    expect(items).toEqual([...items].sort((a, b) => a - b));
  });

  it("joins the catalog, read page by page on the plugin's thread, its filter intact", async () => {
    const catalog = countingCatalog(acmeCatalog());
    const { result } = await workerTestSync(env.sentry, {
      catalog: {
        read: catalog.read,
        options: { ...DEFAULT_CATALOG_OPTIONS, pageSize: 4 },
      },
    });
    expect(result.status).toBe('succeeded');
    expect(result.catalog).toMatchObject({
      status: 'complete',
      fetched: 15,
      kept: [],
    });
    expect(catalog.pages()).toBe(4);
    // An API entity is read only for its annotation: the filter's symbol
    // (CATALOG_FILTER_EXISTS) crossed to this thread and back as itself.
    expect(await pairs('HAS_SENTRY_PROJECT')).toContain(
      'api:default/orders-api -> 4001',
    );
  });

  it('reports a catalog read that fails, keeping the catalog, and the run is partial', async () => {
    const catalog = countingCatalog(acmeCatalog());
    const failing: CatalogReader = request => ({
      async *[Symbol.asyncIterator]() {
        for await (const page of catalog.read(request)) {
          yield page;
          throw new Error('the catalog went away');
        }
      },
    });
    const { result } = await workerTestSync(env.sentry, {
      catalog: {
        read: failing,
        options: { ...DEFAULT_CATALOG_OPTIONS, pageSize: 4 },
      },
    });
    expect(result.status).toBe('partial');
    expect(result.catalog).toMatchObject({
      status: 'incomplete',
      fetched: 4,
      deleted: 0,
      error: 'Reading the catalog failed: the catalog went away',
    });
  });
});

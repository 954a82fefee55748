import type { LoggerService } from '@backstage/backend-plugin-api';
import { mockServices } from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  DEFAULT_CATALOG_OPTIONS,
  type CatalogOptions,
} from '../catalog/catalogOptions';
import { catalogReader } from '../catalog/catalogReader';
import { type CatalogReader, syncCatalog } from '../catalog/syncCatalog';
import type { SampleServer } from '@sentry-graph/sentry-sample-server';
import type { SentryClientOptions } from '../sentry';
import {
  DEFAULT_SYNC_ENGINE_OPTIONS,
  type SyncEngineOptions,
} from '../sync/context';
import { runSync, type RunSyncOptions } from '../sync/runSync';
import type { SentryGraphStore } from '../graph/SentryGraphStore';
import type { SyncProgress, SyncRunResult } from '../sync/types';
import type { TestGraph } from './testGraph';

export interface TestSyncOptions {
  engine?: Partial<SyncEngineOptions>;
  sentry?: Partial<SentryClientOptions>;
  signal?: AbortSignal;
  onProgress?: (progress: SyncProgress) => void;
  /** A catalog to join: these entities, in the catalog service's in-memory implementation, or a reader of the test's own. */
  catalog?: {
    entities?: Entity[];
    read?: CatalogReader;
    options?: Partial<CatalogOptions>;
  };
  /** Default: a mock that records everything and prints nothing. */
  logger?: LoggerService;
  /** Default: the test graph's own store; another one is another writer's connection. */
  store?: SentryGraphStore;
  writer?: RunSyncOptions['writer'];
  waitForLeaseMs?: number;
  kind?: RunSyncOptions['kind'];
  onChanges?: RunSyncOptions['onChanges'];
}

/** One real sync from a sample server into the test Neo4j, with quick retries. */
export function runTestSync(
  server: SampleServer,
  graph: TestGraph,
  options: TestSyncOptions = {},
): Promise<SyncRunResult> {
  return runSync({
    sentry: {
      baseUrl: server.url,
      token: 'sample-token',
      retryBaseDelayMs: 20,
      timeoutMs: 5_000,
      ...options.sentry,
    },
    engine: { ...DEFAULT_SYNC_ENGINE_OPTIONS, ...options.engine },
    store: options.store ?? graph.store,
    logger: options.logger ?? mockServices.logger.mock(),
    signal: options.signal,
    writer: options.writer,
    waitForLeaseMs: options.waitForLeaseMs,
    onProgress: options.onProgress,
    kind: options.kind,
    onChanges: options.onChanges,
    catalog: options.catalog && {
      read:
        options.catalog.read ??
        catalogReader(
          catalogServiceMock({ entities: options.catalog.entities ?? [] }),
          mockServices.auth(),
        ),
      join: syncCatalog,
      options: { ...DEFAULT_CATALOG_OPTIONS, ...options.catalog.options },
    },
  });
}

/*
 * What crosses between the plugin's thread and the sync's worker: the
 * worker's start-up data, then structured messages both ways. Everything
 * here must survive the structured clone (plain data: no functions, no
 * class instances, no unregistered symbols).
 */
import type { Entity } from '@backstage/catalog-model';
import type { JsonObject } from '@backstage/types';
import type { CatalogOptions } from '../catalog/catalogOptions';
import type { Neo4jConnectionOptions } from '../graph/SentryGraphStore';
import type { SentryRequestTallies } from '../sentry/requestTally';
import type { RunSyncOptions } from '../sync/runSync';
import type { RecordedChange } from '../sync/changes/RunChanges';
import type { SyncProgress, SyncRunResult } from '../sync/types';
import type { TestOnlyWorkerFault } from './testOnlyWorkerFault';

/** Marks workerData as ours, so the worker module starts a sync only when meant to. */
export const SYNC_WORKER_KIND = 'sentry-graph-sync';

/**
 * runSync's options that are plain data (Sentry's settings with the token,
 * the engine's, who runs it): they cross as they are. The rest is rebuilt
 * or proxied in the worker.
 */
export type WorkerRunOptions = Omit<
  RunSyncOptions,
  'store' | 'logger' | 'signal' | 'onProgress' | 'catalog' | 'onChanges'
>;

/**
 * The worker's `workerData`: all it needs to rebuild what cannot cross
 * threads (its own Neo4j driver and store, its own Sentry client). The
 * token and the password travel here, and only here: no message back
 * carries them (see redactSecrets).
 */
export interface SyncWorkerData {
  kind: typeof SYNC_WORKER_KIND;
  run: WorkerRunOptions;
  neo4j: Neo4jConnectionOptions;
  /** Set when the catalog is joined: its pages are asked of the plugin's thread. */
  catalog?: CatalogOptions;
  /** Whether the run hands on what it changed ('changes' messages). */
  recordChanges?: boolean;
  /** Only ever set by tests, through setTestOnlyWorkerFault; never from config. */
  testOnlyFault?: TestOnlyWorkerFault;
}

export type LogLevel = 'error' | 'warn' | 'info' | 'debug';

/** A catalog filter value as it crosses: a registered symbol by its key. */
export type EncodedFilterValue = string | { symbol: string };

export interface EncodedCatalogRequest {
  filter: Array<Record<string, EncodedFilterValue>>;
  fields: string[];
  pageSize: number;
}

/** The worker's memory over the run, for whoever tunes sentryGraph.sync.maxHeapMb. */
export interface WorkerMemory {
  /** The V8 heap's used part at its largest (sampled). */
  peakHeapUsedMb: number;
  /** Memory outside the heap (Buffers) at its largest (sampled). */
  peakExternalMb: number;
  /** The heap's limit as V8 applies it (the cap plus the young generation). */
  heapLimitMb: number;
}

export type WorkerMessage =
  | { type: 'log'; level: LogLevel; message: string; fields: JsonObject }
  | { type: 'progress'; progress: SyncProgress }
  | { type: 'changes'; changes: RecordedChange[] }
  | { type: 'catalog-open'; readerId: number; request: EncodedCatalogRequest }
  | { type: 'catalog-next'; readerId: number }
  | { type: 'catalog-close'; readerId: number }
  | {
      type: 'result';
      result: SyncRunResult;
      memory: WorkerMemory;
      /** Beyond result.requests: by HTTP status, and the waits by endpoint. */
      requests: SentryRequestTallies;
    };

export type MainMessage =
  | { type: 'abort' }
  | { type: 'catalog-page'; readerId: number; page: Entity[] }
  | { type: 'catalog-end'; readerId: number }
  | { type: 'catalog-error'; readerId: number; message: string };

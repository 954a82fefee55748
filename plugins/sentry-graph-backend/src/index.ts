/**
 * The sentry-graph backend plugin: a scheduled sync of Sentry into Neo4j,
 * with a REST API for its status, history and graph summaries.
 *
 * @packageDocumentation
 */
export { sentryGraphPlugin as default } from './plugin';
export { runSync, type RunSyncOptions } from './sync/runSync';
export type {
  SyncRunResult,
  OrganizationResult,
  KindResult,
  SyncKind,
  RunStatus,
  SyncProgress,
} from './sync/types';
export {
  SentryGraphStore,
  type Neo4jConnectionOptions,
} from './graph/SentryGraphStore';
export {
  readSentryGraphConfig,
  type SentryGraphConfig,
} from './config/readSentryGraphConfig';

/*
 * The engine's result is the REST API's: one definition, in the common
 * package, for the backend that writes it and the card that reads it.
 */
export {
  SYNC_KINDS,
  type InvalidItem,
  type KeptReport,
  type KindResult,
  type OrganizationResult,
  type SyncKind,
  type SyncOutcome as RunStatus,
  type SyncProgress,
  type SyncRunResult,
  type SyncRunKind,
  SYNC_RUN_KINDS,
} from '@sentry-graph/plugin-sentry-graph-common';

/* The run history: GET /runs, GET /runs/{id}, POST /sync. */
import type {
  RunTotals,
  SyncKind,
  SyncOutcome,
  SyncRunKind,
  SyncRunResult,
} from './runResult';

/** @public */
export type RunTrigger = 'scheduled' | 'manual';
/**
 * A run waits (`queued`, manual runs only), runs, then ends in a `SyncOutcome`.
 *
 * @public
 */
export type RunStatus = 'queued' | 'running' | SyncOutcome;

/**
 * Where a run is, for status endpoints and logs.
 *
 * @public
 */
export interface SyncProgress {
  /** Absent while the catalog is read (kind `catalog`). */
  organization?: string;
  kind?: SyncKind | 'catalog';
  /** Items fetched so far in this run, all kinds and organizations. */
  items: number;
}

/**
 * A run without its (possibly large) result: what listings return.
 *
 * @public
 */
export interface RunSummary {
  id: string;
  trigger: RunTrigger;
  /** Who asked for a manual run: a user entity ref, or a service principal's subject. */
  requestedBy?: string;
  status: RunStatus;
  /**
   * The kind of run: the kind asked for until the run ends, then the kind
   * it was (a routine run asked for may have run full; its result's
   * `kindReason` says why). Runs recorded before there were two kinds were
   * full. Absent only from older backends.
   */
  kind?: SyncRunKind;
  /**
   * The kind asked for: a manual run's `POST /sync?mode=`, or what the
   * schedule chose for a scheduled one (full when due by
   * `sentryGraph.schedule.fullEvery`).
   */
  requestedKind?: SyncRunKind;
  createdAt: string;
  startedAt?: string;
  finishedAt?: string;
  progress?: SyncProgress;
  errorSummary?: string;
  /** Present once a run finished with a result. */
  totals?: RunTotals;
}

/**
 * GET /runs/:id: a run with the engine's result, once it has one.
 *
 * @public
 */
export interface RunRecord extends RunSummary {
  result?: SyncRunResult;
}

/**
 * GET /runs
 *
 * @public
 */
export interface RunListResponse {
  runs: RunSummary[];
}

/**
 * POST /sync, 202
 *
 * @public
 */
export interface SyncRequestResponse {
  runId: string;
  status: 'queued';
}

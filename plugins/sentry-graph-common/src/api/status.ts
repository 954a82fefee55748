/* GET /status and GET /health. */
import type { RunSummary, SyncProgress } from './runs';

/** @public */
export interface SyncStatus {
  state: 'idle' | 'running';
  /** While running: the organization and kind being read, and items so far. */
  progress?: SyncProgress;
  /** A run queued or running. */
  currentRun?: RunSummary;
  lastRun?: RunSummary;
  lastSuccessfulRun?: RunSummary;
  nextRunAt?: string;
  /** The last success is older than twice the schedule's interval (or there is none). */
  stale: boolean;
}

/**
 * Whether a server the plugin needs answers.
 *
 * @public
 */
export interface Reachability {
  reachable: boolean;
  /** The error's name, never its message (which may carry a host or user). */
  error?: string;
}

/** @public */
export interface HealthResponse {
  status: 'ok';
  neo4j: Reachability;
  /** The plugin's own database (run history, stored summaries, the schedule). */
  database: Reachability;
}

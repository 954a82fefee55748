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
  /** The newest run of kind `full` that succeeded or was partial: what routine runs build on. */
  lastFullRun?: RunSummary;
  nextRunAt?: string;
  /**
   * When the next scheduled run will be full (ISO): the first scheduled
   * start at or after the last full run's start plus
   * `sentryGraph.schedule.fullEvery`, or the next start when no full run
   * is in the history. Absent when the schedule starts no runs itself
   * (`frequency: { trigger: manual }`).
   */
  nextFullRunDue?: string;
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

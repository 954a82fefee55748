import { statusOf } from '../../lib/errors';

/**
 * Whether a change history read failed because the backend keeps none:
 * it answers 404 when `sentryGraph.changes.enabled` is false (the
 * backend's other routes answering shows it is not the backend that is
 * missing).
 */
export function isChangeHistoryOff(error: unknown): boolean {
  return statusOf(error) === 404;
}

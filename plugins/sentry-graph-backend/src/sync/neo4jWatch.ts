import type { SentryGraphStore } from '../graph/SentryGraphStore';

export interface Neo4jWatch {
  /** Fires when the run's own signal does, or once Neo4j cannot be used. */
  signal: AbortSignal;
  /** The first error that showed Neo4j cannot be used, if one did. */
  readonly lost: unknown;
  stop(): void;
}

/**
 * Stops a run once Neo4j cannot be used (killed, out of reach, stalled past
 * its transaction timeout): every write after that would fail the same way,
 * and no cleanup may start on a graph the run could not finish writing.
 */
export function watchNeo4j(
  store: SentryGraphStore,
  runSignal?: AbortSignal,
): Neo4jWatch {
  const controller = new AbortController();
  let lost: unknown;
  const unsubscribe = store.onUnusable(error => {
    if (controller.signal.aborted) return;
    lost = error;
    controller.abort(error);
  });
  return {
    signal: runSignal
      ? AbortSignal.any([runSignal, controller.signal])
      : controller.signal,
    get lost() {
      return lost;
    },
    stop: unsubscribe,
  };
}

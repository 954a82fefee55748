import type { LoggerService } from '@backstage/backend-plugin-api';
import type { EventsService } from '@backstage/plugin-events-node';
import {
  GRAPH_CHANGES_TOPIC,
  type SyncRunKind,
} from '@sentry-graph/plugin-sentry-graph-common';
import { describeError } from '../sync/describeError';
import type { ChangeNotifier } from './ChangeNotifier';
import type { ChangeStore } from './ChangeStore';
import { runChangesEvent, type WrittenChanges } from './RunChangeWriter';

/** Where a run's changes are told once they are stored. */
export interface RunChangeListeners {
  changes?: ChangeStore;
  /** Other plugins, on GRAPH_CHANGES_TOPIC. */
  events?: EventsService;
  /** People, for the critical changes, when sentryGraph.changes.notifications is on. */
  notifier?: ChangeNotifier;
}

/**
 * After a run is recorded: one event with what it changed, then the
 * notifications of its critical changes. A failure is logged, not thrown:
 * the run and its history are recorded already.
 */
export async function reportRunChanges(
  listeners: RunChangeListeners,
  runId: string,
  written: WrittenChanges,
  run: { runKind: SyncRunKind; finishedAt: string },
  logger: LoggerService,
): Promise<void> {
  const { events, changes, notifier } = listeners;
  if (!changes || written.recorded === 0) return;
  if (events) {
    try {
      await events.publish({
        topic: GRAPH_CHANGES_TOPIC,
        eventPayload: await runChangesEvent(changes, runId, written, run),
      });
    } catch (error) {
      logger.warn(
        `The run's changes could not be published on ${GRAPH_CHANGES_TOPIC}: ${describeError(error)}`,
      );
    }
  }
  await notifier?.notifyRun(runId, logger);
}

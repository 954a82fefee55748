import type { LoggerService } from '@backstage/backend-plugin-api';
import {
  GRAPH_CHANGES_EVENT_LIMIT,
  type GraphChangesEvent,
} from '@sentry-graph/plugin-sentry-graph-common';
import type { RecordedChange } from '../sync/changes/RunChanges';
import { describeError } from '../sync/describeError';
import type { ChangeStore } from './ChangeStore';

/** What a run's change history came to. */
export interface WrittenChanges {
  recorded: number;
  counts: GraphChangesEvent['counts'];
  /** Why some changes could not be stored, if any could not. */
  error?: string;
}

/**
 * Stores one run's changes as its worker hands them on, in order, one
 * insert at a time: the run never waits for the database, and a database
 * that fails loses only the history's rows, never the run.
 */
export class RunChangeWriter {
  private writing: Promise<void> = Promise.resolve();
  private recorded = 0;
  private lost = 0;
  private failure: string | undefined;
  private readonly counts: GraphChangesEvent['counts'] = {};

  constructor(
    private readonly store: ChangeStore,
    private readonly runId: string,
    private readonly logger: LoggerService,
  ) {}

  add(changes: RecordedChange[]): void {
    for (const change of changes) {
      const byChange = (this.counts[change.kind] ??= {});
      byChange[change.change] = (byChange[change.change] ?? 0) + 1;
    }
    this.writing = this.writing.then(async () => {
      try {
        await this.store.insert(this.runId, changes);
        this.recorded += changes.length;
      } catch (error) {
        this.lost += changes.length;
        if (this.failure === undefined) {
          this.failure = describeError(error);
          this.logger.warn(
            `The change history could not store this run's changes: ${this.failure}`,
          );
        }
      }
    });
  }

  /** Waits for every insert; what was stored, and what could not be. */
  async close(): Promise<WrittenChanges> {
    await this.writing;
    return {
      recorded: this.recorded,
      counts: this.counts,
      ...(this.failure
        ? {
            error: `The change history lost ${this.lost} of this run's changes: ${this.failure}`,
          }
        : {}),
    };
  }
}

/** The event of a run whose changes are stored: its counts and changes. */
export async function runChangesEvent(
  store: ChangeStore,
  runId: string,
  written: WrittenChanges,
  run: Pick<GraphChangesEvent, 'runKind' | 'finishedAt'>,
): Promise<GraphChangesEvent> {
  const page = await store.list(
    { runId },
    { limit: GRAPH_CHANGES_EVENT_LIMIT },
  );
  return {
    runId,
    ...run,
    counts: written.counts,
    changes: page.changes.reverse(),
    truncated: page.nextCursor !== undefined || written.error !== undefined,
  };
}

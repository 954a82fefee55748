import type { LoggerService } from '@backstage/backend-plugin-api';
import { describeError } from '../sync/describeError';
import type { FinishedRunStatus, RunHistoryStore } from './RunHistoryStore';
import type { SyncRunResult } from '../sync/types';

export interface RunOutcome {
  status: FinishedRunStatus;
  result?: SyncRunResult;
  errorSummary?: string;
}

/** How often an outcome the database did not take is offered again. */
const RETRY_MS = 5_000;

/**
 * Records how runs ended. When the plugin's database does not take the
 * record (it went down during the run), the outcome is logged in full at
 * once, kept, and recorded as soon as the database answers again: an
 * outage loses no run's outcome, and says so.
 */
export class OutcomeRecorder {
  private readonly pending = new Map<string, RunOutcome>();
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly history: RunHistoryStore,
    private readonly logger: LoggerService,
    private readonly retryMs = RETRY_MS,
  ) {}

  async record(
    runId: string,
    outcome: RunOutcome,
    logger: LoggerService,
  ): Promise<void> {
    try {
      await this.history.finishRun(runId, outcome);
    } catch (error) {
      const errors = outcome.errorSummary
        ? ` Errors: ${outcome.errorSummary}`
        : '';
      logger.error(
        `Sentry sync ${outcome.status}, but the plugin's database did not take the record ` +
          `(${describeError(error)}); it is recorded once the database answers again.${errors}`,
      );
      this.pending.set(runId, outcome);
      this.retryLater();
    }
  }

  /** Runs whose outcome is still waiting for the database. */
  get waiting(): number {
    return this.pending.size;
  }

  stop(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
  }

  private retryLater(): void {
    if (this.timer) return;
    this.timer = setTimeout(() => void this.retry(), this.retryMs);
    this.timer.unref();
  }

  private async retry(): Promise<void> {
    this.timer = undefined;
    for (const [runId, outcome] of this.pending) {
      try {
        await this.history.finishRun(runId, outcome);
      } catch {
        break; // still down: the rest waits too
      }
      this.pending.delete(runId);
      this.logger.info(
        `Recorded the ${outcome.status} run ${runId} now that the plugin's database answers again`,
      );
    }
    if (this.pending.size > 0) this.retryLater();
  }
}

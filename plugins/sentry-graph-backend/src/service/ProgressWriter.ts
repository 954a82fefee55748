import type { LoggerService } from '@backstage/backend-plugin-api';
import { describeError } from '../sync/describeError';
import type { SyncProgress } from '../sync/types';
import type { RunHistoryStore } from './RunHistoryStore';

/** How often a running sync writes its progress to the history table. */
const PROGRESS_INTERVAL_MS = 1_000;

/** Writes progress at most once a second, so a fast run does not hammer the database. */
export class ProgressWriter {
  private latest: SyncProgress | undefined;
  private lastWrite = 0;
  private writing: Promise<void> = Promise.resolve();

  constructor(
    private readonly history: RunHistoryStore,
    private readonly runId: string,
    private readonly logger: LoggerService,
  ) {}

  report(progress: SyncProgress): void {
    this.latest = progress;
    if (Date.now() - this.lastWrite >= PROGRESS_INTERVAL_MS) void this.write();
  }

  async flush(): Promise<void> {
    await this.write();
  }

  private write(): Promise<void> {
    this.lastWrite = Date.now();
    // Written even before the first item: it is also the run's heartbeat.
    const progress = this.latest ?? { items: 0 };
    this.writing = this.writing
      .then(() => this.history.updateProgress(this.runId, progress))
      .catch(error =>
        this.logger.debug(`Progress not recorded: ${describeError(error)}`),
      );
    return this.writing;
  }
}

import type {
  LoggerService,
  SchedulerService,
} from '@backstage/backend-plugin-api';
import { ConflictError } from '@backstage/errors';
import type { SyncRunKind } from '@sentry-graph/plugin-sentry-graph-common';
import type { SentryGraphConfig } from '../config/readSentryGraphConfig';
import {
  scheduleTimeoutMs,
  type PluginSettings,
} from '../config/readPluginSettings';
import { describeError } from '../sync/describeError';
import { endedRunIds } from './endedRunIds';
import { startedTooRecently } from './startedTooRecently';
import {
  runSyncInWorker,
  type WorkerSyncOptions,
} from '../worker/runSyncInWorker';
import type { GraphSummaries } from './GraphSummaries';
import { OutcomeRecorder, type RunOutcome } from './OutcomeRecorder';
import { ProgressWriter } from './ProgressWriter';
import type { RunHistoryStore, RunRecord } from './RunHistoryStore';
import {
  describeDuration,
  scheduledRunKind,
  type PlannedKind,
} from './scheduledRunKind';
import type { EndedRun, SyncMetrics } from './syncMetrics';
import { RunChangeWriter, type WrittenChanges } from './RunChangeWriter';
import { reportRunChanges, type RunChangeListeners } from './reportRunChanges';

export const SYNC_TASK_ID = 'sentry-graph:sync';

/** A running sync writes at least this often, so other replicas see it is alive. */
const HEARTBEAT_INTERVAL_MS = 15_000;
/**
 * A run silent for this long was left by a process that died. Far above the
 * heartbeat, so a live run on another replica is never taken for dead.
 */
export const INTERRUPTED_AFTER_MS = 3 * 60_000;
const INTERRUPTED_REASON = 'The backend stopped while this run was in progress';
/** Longest error summary kept per run; the full result holds the rest. */
const ERROR_SUMMARY_LIMIT = 4_000;

/** A manual run asked for too soon after the previous one. */
export class TooManyRunsError extends Error {
  name = 'TooManyRunsError';
  /** Read by Backstage's error handler: the response status. */
  statusCode = 429;
  constructor(readonly retryAfterSeconds: number) {
    super(
      `A manual sync ran less than the minimum interval ago; try again in ${retryAfterSeconds} s`,
    );
  }
}

export interface SyncServiceOptions extends RunChangeListeners {
  config: SentryGraphConfig;
  settings: PluginSettings;
  history: RunHistoryStore;
  /** Refreshed after each run, before it is recorded as finished. */
  summaries: GraphSummaries;
  scheduler: SchedulerService;
  logger: LoggerService;
  /** The catalog to join, when `sentryGraph.catalog.enabled`. */
  catalog?: WorkerSyncOptions['catalog'];
  metrics: SyncMetrics;
}

/** How a sync ended, and what its worker handed back besides the result. */
type EndedSync = Pick<EndedRun, 'memory' | 'requests'> & {
  outcome: RunOutcome;
  /** What the change history stored of the run, when it records one. */
  changes?: WrittenChanges;
};

/**
 * Owns every way a sync starts. The schedule, our POST endpoint and the
 * scheduler's own trigger route all end in `runTask`, the scheduled task's
 * function, so the scheduler's global lock keeps one run at a time across
 * every replica, and every run is recorded the same way.
 */
export class SyncService {
  /** Aborted when the backend shuts down, so a run ends before the process does. */
  private readonly shutdown = new AbortController();
  private running: Promise<void> | undefined;
  private readonly outcomes: OutcomeRecorder;

  constructor(private readonly options: SyncServiceOptions) {
    this.outcomes = new OutcomeRecorder(options.history, options.logger);
  }

  /**
   * Aborts the run in progress and waits (at most `timeoutMs`) for it to be
   * recorded as aborted and for the scheduler to get its task back: a
   * process that exits mid-run would leave the scheduler's lock taken until
   * the task's timeout, refusing every run meanwhile.
   */
  async stop(timeoutMs = 10_000): Promise<void> {
    this.shutdown.abort();
    const running = this.running;
    if (running) {
      await Promise.race([
        running,
        new Promise(resolve => setTimeout(resolve, timeoutMs).unref()),
      ]);
    }
    this.outcomes.stop();
  }

  /**
   * Registers the scheduled task, after marking the runs a dead process left
   * running as failed. With SQLite every backend has a database of its own,
   * so any run still marked running here is orphaned. With a shared database
   * another replica may be running it: only runs silent for a while are
   * taken for dead, now and every minute after.
   */
  async schedule(options: { sharedDatabase: boolean }): Promise<void> {
    const { scheduler, settings, logger, history } = this.options;
    const markInterrupted = async (idleForMs?: number) => {
      const count = await history.markInterruptedRuns(INTERRUPTED_REASON, {
        idleForMs,
      });
      if (count > 0)
        logger.warn(`Marked ${count} interrupted sync run(s) as failed`);
    };
    await markInterrupted(
      options.sharedDatabase ? INTERRUPTED_AFTER_MS : undefined,
    );
    logger.info(
      `Scheduling Sentry sync with ${JSON.stringify(settings.schedule)}`,
    );
    await scheduler.scheduleTask({
      id: SYNC_TASK_ID,
      ...settings.schedule,
      fn: signal => this.runTask(signal),
    });
    // Last, and needing no database to register: when the database fails
    // above, nothing is registered and the whole schedule is tried again.
    if (options.sharedDatabase) {
      await scheduler.scheduleTask({
        id: 'sentry-graph:mark-interrupted-runs',
        frequency: { minutes: 1 },
        timeout: { minutes: 1 },
        scope: 'local',
        fn: () => markInterrupted(INTERRUPTED_AFTER_MS),
      });
    }
  }

  /**
   * Queues a manual run of `kind` by `requestedBy` and asks the scheduler
   * to start it now (on whichever replica claims it).
   */
  async requestManualRun(
    requestedBy: string,
    kind: SyncRunKind = 'full',
  ): Promise<RunRecord> {
    const { history, scheduler, settings } = this.options;
    if (await history.activeRun())
      throw new ConflictError('A sync is already queued or running');
    const last = await history.lastManualRequestAt();
    if (last) {
      const waitMs =
        Date.parse(last) + settings.manualRunMinimumIntervalMs - Date.now();
      if (waitMs > 0) throw new TooManyRunsError(Math.ceil(waitMs / 1000));
    }
    const run = await history.enqueueManualRun(requestedBy, kind);
    try {
      await scheduler.triggerTask(SYNC_TASK_ID);
    } catch (error) {
      await history.finishRun(run.id, {
        status: 'aborted',
        errorSummary: `Not started: ${describeError(error)}`,
      });
      // The scheduler's own words name its task id; say it in the API's.
      if (error instanceof Error && error.name === 'ConflictError') {
        throw new ConflictError('A sync is already running');
      }
      throw error;
    }
    return run;
  }

  /** The scheduled task: one recorded sync run. Errors are recorded, not thrown. */
  async runTask(taskSignal: AbortSignal): Promise<void> {
    // The scheduler's timeout aborts the task's signal then; a worker that
    // does not stop is terminated as hung, and the run says so.
    const timeoutMs = scheduleTimeoutMs(this.options.settings.schedule);
    const deadline =
      timeoutMs === undefined
        ? undefined
        : {
            at: Date.now() + timeoutMs,
            description: `the schedule's timeout (sentryGraph.schedule.timeout, ${describeDuration(timeoutMs)})`,
          };
    const run = this.recordedRun(
      AbortSignal.any([taskSignal, this.shutdown.signal]),
      deadline,
    );
    this.running = run;
    try {
      await run;
    } finally {
      this.running = undefined;
    }
  }

  private async recordedRun(
    signal: AbortSignal,
    deadline: WorkerSyncOptions['deadline'],
  ): Promise<void> {
    const { history, logger, settings, metrics } = this.options;
    // What a scheduled run would be; a queued manual run keeps its own mode.
    const planned = scheduledRunKind(
      await history.lastFullRun(),
      settings.fullEveryMs,
    );
    // Only a run that is not a queued manual one is ever skipped.
    if (await startedTooRecently(this.options)) {
      metrics.runSkipped('scheduled', planned.kind);
      return;
    }
    const run = await history.claimRun('scheduled', planned.kind);
    const claimedAt = performance.now();
    const asked = askedKind(run, planned);
    const runLogger = logger.child({
      taskId: SYNC_TASK_ID,
      runId: run.id,
      trigger: run.trigger,
      kind: asked.kind,
    });
    runLogger.info(
      `Sentry sync started (${run.trigger}${run.requestedBy ? ` by ${run.requestedBy}` : ''}; ${asked.reason})`,
    );
    const progress = new ProgressWriter(history, run.id, runLogger);
    const heartbeat = setInterval(
      () => void progress.flush(),
      HEARTBEAT_INTERVAL_MS,
    );
    try {
      const { outcome, ...handedBack } = await this.sync(
        run.id,
        { signal, deadline, asked },
        progress,
        runLogger,
      );
      // Before the run is recorded as ended: whoever sees it end finds its metrics.
      metrics.runEnded({
        // A result without a kind stopped before any organization: as asked.
        kind: outcome.result?.kind ?? asked.kind,
        trigger: run.trigger,
        status: outcome.status,
        durationMs: performance.now() - claimedAt,
        result: outcome.result,
        ...handedBack,
      });
      await this.outcomes.record(run.id, outcome, runLogger);
      if (handedBack.changes)
        await reportRunChanges(
          this.options,
          run.id,
          handedBack.changes,
          {
            runKind: outcome.result?.kind ?? asked.kind,
            finishedAt: outcome.result?.finishedAt ?? new Date().toISOString(),
          },
          runLogger,
        );
    } finally {
      clearInterval(heartbeat);
      await history
        .prune(settings.historyMaxRuns)
        .catch(error =>
          runLogger.warn(
            `Pruning the run history failed: ${describeError(error)}`,
          ),
        );
    }
  }

  /** One sync and the summaries it leaves; how it ended, never thrown. */
  private async sync(
    runId: string,
    {
      signal,
      deadline,
      asked,
    }: {
      signal: AbortSignal;
      deadline: WorkerSyncOptions['deadline'];
      asked: PlannedKind;
    },
    progress: ProgressWriter,
    runLogger: LoggerService,
  ): Promise<EndedSync> {
    const { config } = this.options;
    const handedBack: Omit<EndedSync, 'outcome'> = {};
    const changes =
      this.options.changes &&
      new RunChangeWriter(this.options.changes, runId, runLogger);
    try {
      // In a worker thread: the backend's other plugins keep the event
      // loop, and a run that runs out of memory fails alone.
      const result = await runSyncInWorker(
        {
          sentry: config.sentry,
          engine: config.sync,
          neo4j: config.neo4j,
          maxHeapMb: config.worker.maxHeapMb,
          deadline,
          logger: runLogger,
          onProgress: p => progress.report(p),
          onMemory: memory => (handedBack.memory = memory),
          onRequests: requests => (handedBack.requests = requests),
          catalog: this.options.catalog,
          writer: { kind: 'plugin', runId },
          endedRunIds: await endedRunIds(this.options.history, runId),
          kind: asked.kind,
          onChanges: changes && (batch => changes.add(batch)),
        },
        signal,
      );
      if (changes) {
        handedBack.changes = await changes.close();
        const lost = handedBack.changes.error;
        if (lost) result.warnings = [...(result.warnings ?? []), lost];
      }
      // The engine says why a routine run became full; the plugin why it asked.
      if (result.kind !== undefined && result.kindReason === undefined)
        result.kindReason = asked.reason;
      await progress.flush();
      // Before the run is recorded as ended, so that whoever sees it end
      // (the card re-reads /summary then) reads the figures it left. After a
      // failed run the previous figures stay: its Neo4j may not even answer.
      if (!signal.aborted && result.status !== 'failed')
        await this.options.summaries.refreshAfterRun(runId);
      runLogger.info(
        `Sentry sync ${result.status} in ${result.durationMs} ms (a ${result.kind ?? asked.kind} run)`,
        {
          status: result.status,
          kind: result.kind ?? asked.kind,
          requests: result.requests.requests,
        },
      );
      const outcome: RunOutcome = {
        status: result.status,
        result,
        errorSummary: summarize(result.errors),
      };
      return { outcome, ...handedBack };
    } catch (error) {
      if (changes) handedBack.changes = await changes.close();
      runLogger.error(`Sentry sync failed: ${describeError(error)}`);
      const outcome: RunOutcome = {
        status: signal.aborted ? 'aborted' : 'failed',
        errorSummary: describeError(error),
      };
      return { outcome, ...handedBack };
    }
  }
}

/**
 * The kind `run` was claimed with, and why: a manual run's mode, or what
 * the schedule planned for a scheduled one.
 */
function askedKind(run: RunRecord, planned: PlannedKind): PlannedKind {
  const kind = run.requestedKind ?? 'full';
  if (run.trigger === 'scheduled' && kind === planned.kind) return planned;
  return {
    kind,
    reason: `a ${kind} run, asked for${run.requestedBy ? ` by ${run.requestedBy}` : ''} with POST /sync?mode=${kind}`,
  };
}

function summarize(errors: string[]): string | undefined {
  if (errors.length === 0) return undefined;
  const text = errors.join('\n');
  return text.length > ERROR_SUMMARY_LIMIT
    ? `${text.slice(0, ERROR_SUMMARY_LIMIT)}…`
    : text;
}

import { randomUUID } from 'node:crypto';
import type { DatabaseService } from '@backstage/backend-plugin-api';
import { InputError, NotFoundError } from '@backstage/errors';
import type { Knex } from 'knex';
import {
  runTotals,
  type RunRecord,
  type RunStatus,
  type RunSummary,
  type RunTrigger,
  type SyncProgress,
  type SyncRunKind,
  type SyncRunResult,
} from '@sentry-graph/plugin-sentry-graph-common';
import { openPluginDatabase } from './openPluginDatabase';

export type { RunRecord, RunStatus, RunSummary, RunTrigger };

const TABLE = 'sentry_graph_sync_runs';

/** The statuses a run ends in (the engine's own `RunStatus`). */
export type FinishedRunStatus = Exclude<RunStatus, 'queued' | 'running'>;

const ACTIVE: RunStatus[] = ['queued', 'running'];
const FINISHED: FinishedRunStatus[] = [
  'succeeded',
  'partial',
  'failed',
  'aborted',
];
/** The statuses of a full run that routine runs can build on: it listed, and left a graph. */
const COMPLETED: FinishedRunStatus[] = ['succeeded', 'partial'];

interface RunRow {
  seq: number;
  id: string;
  trigger: RunTrigger;
  requested_by: string | null;
  status: RunStatus;
  /** Null in rows from before there were two kinds (all full runs). */
  requested_kind: SyncRunKind | null;
  kind: SyncRunKind | null;
  created_at: string | Date;
  started_at: string | Date | null;
  finished_at: string | Date | null;
  updated_at: string | Date;
  progress_json: string | null;
  result_json?: string | null;
  error_summary: string | null;
  fetched: number | null;
  written: number | null;
  deleted: number | null;
  invalid: number | null;
}

/** Every column but the result, which listings never need to read. */
const SUMMARY_COLUMNS = [
  ...[
    'seq',
    'id',
    'trigger',
    'requested_by',
    'status',
    'requested_kind',
    'kind',
    'progress_json',
    'error_summary',
  ],
  ...[
    'created_at',
    'started_at',
    'finished_at',
    'updated_at',
    'fetched',
    'written',
    'deleted',
    'invalid',
  ],
];

/**
 * The history of sync runs in the plugin's own database.
 *
 * Runs are ordered by `seq`, which the database assigns at insert: unlike
 * `created_at` it never ties and does not depend on which replica's clock
 * stamped the row. Timestamps are written as ISO strings from this process's
 * clock (SQLite's own clock has no milliseconds and no zone) and read back as
 * ISO strings on both PostgreSQL (timestamptz) and SQLite (text).
 */
export class RunHistoryStore {
  static async create({
    database,
  }: {
    database: DatabaseService;
  }): Promise<RunHistoryStore> {
    return new RunHistoryStore(await openPluginDatabase(database));
  }

  private readonly writeListeners = new Set<() => void>();

  private constructor(private readonly knex: Knex) {}

  /**
   * Calls `listener` after each write of this store: what a cache of its
   * reads (the /status every card polls) drops its answer on.
   */
  onWrite(listener: () => void): void {
    this.writeListeners.add(listener);
  }

  /** A manual run of `kind` (POST /sync?mode=), waiting for the scheduler. */
  async enqueueManualRun(
    requestedBy: string,
    kind: SyncRunKind = 'full',
  ): Promise<RunRecord> {
    return this.insert({
      trigger: 'manual',
      status: 'queued',
      kind,
      requestedBy,
    });
  }

  /**
   * Starts a run: the oldest queued one when there is one (of the kind it
   * was queued with), else a new one with `trigger` and `kind`. Taking a queued run is a compare-and-set (update where
   * still queued), so of two replicas claiming at once only one gets it, on
   * any database and without dialect-specific row locks; the loser tries the
   * next one.
   */
  async claimRun(
    trigger: RunTrigger,
    kind: SyncRunKind = 'full',
  ): Promise<RunRecord> {
    for (;;) {
      const next: Pick<RunRow, 'id'> | undefined = await this.knex(TABLE)
        .where({ status: 'queued' })
        .orderBy('seq', 'asc')
        .first('id');
      if (!next) break;
      const now = new Date().toISOString();
      const taken = await this.written(
        this.knex(TABLE)
          .where({ id: next.id, status: 'queued' })
          .update({ status: 'running', started_at: now, updated_at: now }),
      );
      if (taken === 1) return (await this.getRun(next.id))!;
    }
    return this.insert({ trigger, status: 'running', kind });
  }

  async updateProgress(id: string, progress: SyncProgress): Promise<void> {
    await this.updateById(id, { progress_json: JSON.stringify(progress) });
  }

  /**
   * Records how a run ended, and the kind it was by its result (a result
   * without one, from a run that stopped before any organization, leaves
   * the requested kind). Not limited to active runs on purpose: a run
   * that another replica marked interrupted but that did finish still gets
   * its real outcome.
   */
  async finishRun(
    id: string,
    outcome: {
      status: FinishedRunStatus;
      result?: SyncRunResult;
      errorSummary?: string;
    },
  ): Promise<void> {
    const totals = outcome.result ? runTotals(outcome.result) : undefined;
    await this.updateById(id, {
      status: outcome.status,
      finished_at: new Date().toISOString(),
      result_json: outcome.result ? JSON.stringify(outcome.result) : null,
      error_summary: outcome.errorSummary ?? null,
      ...(outcome.result?.kind ? { kind: outcome.result.kind } : {}),
      // Columns named like RunTotals' fields.
      ...(totals ?? {
        fetched: null,
        written: null,
        deleted: null,
        invalid: null,
      }),
    });
  }

  async getRun(id: string): Promise<RunRecord | undefined> {
    const row: RunRow | undefined = await this.knex(TABLE)
      .where({ id })
      .first();
    if (!row) return undefined;
    const record: RunRecord = toSummary(row);
    if (row.result_json)
      record.result = JSON.parse(row.result_json) as SyncRunResult;
    return record;
  }

  /** Newest first; `before` is a run id, and only runs created before it are listed. */
  async listRuns(options: {
    limit: number;
    before?: string;
  }): Promise<RunSummary[]> {
    const query = this.knex(TABLE)
      .select(SUMMARY_COLUMNS)
      .orderBy('seq', 'desc')
      .limit(options.limit);
    if (options.before !== undefined) {
      const cursor: Pick<RunRow, 'seq'> | undefined = await this.knex(TABLE)
        .where({ id: options.before })
        .first('seq');
      if (!cursor) throw new NotFoundError(`No run with id ${options.before}`);
      query.where('seq', '<', cursor.seq);
    }
    return (await query).map(toSummary);
  }

  /** The newest queued or running run. */
  async activeRun(): Promise<RunRecord | undefined> {
    return this.newest(ACTIVE);
  }

  /** The newest run that ended, however it ended. */
  async lastRun(): Promise<RunSummary | undefined> {
    return this.newest(FINISHED);
  }

  /**
   * The newest run with status `succeeded`. A `partial` run left some kinds
   * unsynced (and their stale data undeleted), so it does not count as a
   * success for staleness.
   */
  async lastSuccessfulRun(): Promise<RunSummary | undefined> {
    return this.newest(['succeeded']);
  }

  /**
   * The newest full run that succeeded or was partial: what routine runs
   * build on, and what the schedule's `fullEvery` counts from. A row
   * without a kind is from before there were two kinds, so full.
   */
  async lastFullRun(): Promise<RunSummary | undefined> {
    const row: RunRow | undefined = await this.knex(TABLE)
      .select(SUMMARY_COLUMNS)
      .whereIn('status', COMPLETED)
      .where(query => query.where({ kind: 'full' }).orWhereNull('kind'))
      .orderBy('seq', 'desc')
      .first();
    return row && toSummary(row);
  }

  /** When the newest manual run was requested, for the minimum interval between them. */
  async lastManualRequestAt(): Promise<string | undefined> {
    const row: Pick<RunRow, 'created_at'> | undefined = await this.knex(TABLE)
      .where({ trigger: 'manual' })
      .orderBy('seq', 'desc')
      .first('created_at');
    return row ? toIso(row.created_at) : undefined;
  }

  /**
   * Ends queued and running runs that no process will finish, as `failed`
   * with `reason`. Without `idleForMs` every active run counts, which is only
   * right when this is the sole backend; with replicas, pass a time no live
   * run goes without a write (progress or claim), so their runs are spared.
   */
  async markInterruptedRuns(
    reason: string,
    options?: { idleForMs?: number },
  ): Promise<number> {
    const now = new Date();
    const query = this.knex(TABLE).whereIn('status', ACTIVE);
    if (options?.idleForMs !== undefined) {
      query.where(
        'updated_at',
        '<',
        new Date(now.getTime() - options.idleForMs).toISOString(),
      );
    }
    return this.written(
      query.update({
        status: 'failed',
        finished_at: now.toISOString(),
        updated_at: now.toISOString(),
        error_summary: reason,
      }),
    );
  }

  /**
   * Deletes all but the newest `keep` runs. Active runs are never deleted,
   * nor the last full run (lastFullRun): the schedule counts `fullEvery`
   * from it, so a short history does not make every run full.
   */
  async prune(keep: number): Promise<number> {
    if (!Number.isInteger(keep) || keep < 0)
      throw new InputError(`Cannot keep ${keep} runs`);
    const oldestDropped: Pick<RunRow, 'seq'> | undefined = await this.knex(
      TABLE,
    )
      .orderBy('seq', 'desc')
      .offset(keep)
      .first('seq');
    if (!oldestDropped) return 0;
    const lastFull = await this.lastFullRun();
    const query = this.knex(TABLE)
      .where('seq', '<=', oldestDropped.seq)
      .whereIn('status', FINISHED);
    if (lastFull) query.whereNot({ id: lastFull.id });
    return this.written(query.delete());
  }

  private async insert(run: {
    trigger: RunTrigger;
    status: RunStatus;
    kind: SyncRunKind;
    requestedBy?: string;
  }): Promise<RunRecord> {
    const { trigger, status, kind, requestedBy } = run;
    const now = new Date().toISOString();
    const id = randomUUID();
    await this.written(
      this.knex(TABLE).insert({
        id,
        trigger,
        requested_by: requestedBy ?? null,
        status,
        requested_kind: kind,
        kind,
        created_at: now,
        started_at: status === 'running' ? now : null,
        updated_at: now,
      }),
    );
    return (await this.getRun(id))!;
  }

  /** Every write by the run's process also stamps `updated_at`, its heartbeat. */
  private async updateById(
    id: string,
    values: Record<string, unknown>,
  ): Promise<void> {
    const updated = await this.written(
      this.knex(TABLE)
        .where({ id })
        .update({ ...values, updated_at: new Date().toISOString() }),
    );
    if (updated === 0) throw new NotFoundError(`No run with id ${id}`);
  }

  private async written<T>(write: PromiseLike<T>): Promise<T> {
    const outcome = await write;
    for (const listener of this.writeListeners) listener();
    return outcome;
  }

  private async newest(statuses: RunStatus[]): Promise<RunSummary | undefined> {
    const row: RunRow | undefined = await this.knex(TABLE)
      .select(SUMMARY_COLUMNS)
      .whereIn('status', statuses)
      .orderBy('seq', 'desc')
      .first();
    return row && toSummary(row);
  }
}

/** PostgreSQL returns Date, SQLite the ISO string we wrote. */
function toIso(value: string | Date): string {
  return (value instanceof Date ? value : new Date(value)).toISOString();
}

function toSummary(row: RunRow): RunSummary {
  const summary: RunSummary = {
    id: row.id,
    trigger: row.trigger,
    status: row.status,
    kind: row.kind ?? 'full',
    requestedKind: row.requested_kind ?? 'full',
    createdAt: toIso(row.created_at),
  };
  if (row.requested_by) summary.requestedBy = row.requested_by;
  if (row.started_at) summary.startedAt = toIso(row.started_at);
  if (row.finished_at) summary.finishedAt = toIso(row.finished_at);
  if (row.progress_json)
    summary.progress = JSON.parse(row.progress_json) as SyncProgress;
  if (row.error_summary) summary.errorSummary = row.error_summary;
  if (row.fetched !== null) {
    summary.totals = {
      fetched: row.fetched,
      written: row.written ?? 0,
      deleted: row.deleted ?? 0,
      invalid: row.invalid ?? 0,
    };
  }
  return summary;
}

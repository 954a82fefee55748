import type { Knex } from 'knex';
import {
  scheduleIntervalMs,
  type PluginSettings,
} from '../config/readPluginSettings';
import type { SyncStatus } from '@sentry-graph/plugin-sentry-graph-common';
import type { RunHistoryStore } from './RunHistoryStore';
import { nextFullRunDue } from './scheduledRunKind';

export type { SyncStatus };
import { SYNC_TASK_ID } from './SyncService';

/** Without a fixed interval (cron), a day is the yardstick for staleness. */
const FALLBACK_INTERVAL_MS = 24 * 60 * 60 * 1000;

export async function readStatus(
  history: RunHistoryStore,
  settings: PluginSettings,
  knex: Knex,
): Promise<SyncStatus> {
  const [active, lastRun, lastSuccessfulRun, lastFullRun, nextRunAt] =
    await Promise.all([
      history.activeRun(),
      history.lastRun(),
      history.lastSuccessfulRun(),
      history.lastFullRun(),
      readNextRunAt(knex),
    ]);
  const intervalMs =
    scheduleIntervalMs(settings.schedule) ?? FALLBACK_INTERVAL_MS;
  const successAt = lastSuccessfulRun?.finishedAt
    ? Date.parse(lastSuccessfulRun.finishedAt)
    : undefined;
  const running = active?.status === 'running';
  return {
    state: running ? 'running' : 'idle',
    progress: running ? active.progress : undefined,
    currentRun: active ? withoutResult(active) : undefined,
    lastRun,
    lastSuccessfulRun,
    lastFullRun,
    nextRunAt,
    nextFullRunDue: nextFullRunDue({
      lastFull: lastFullRun,
      fullEveryMs: settings.fullEveryMs,
      nextRunAt,
      intervalMs: scheduleIntervalMs(settings.schedule),
      scheduled: !startsOnlyWhenTriggered(settings),
    }),
    stale: successAt === undefined || Date.now() - successAt > 2 * intervalMs,
  };
}

/** A schedule of `frequency: { trigger: manual }` starts no run itself. */
function startsOnlyWhenTriggered(settings: PluginSettings): boolean {
  const frequency: unknown = settings.schedule.frequency;
  return (
    typeof frequency === 'object' &&
    frequency !== null &&
    'trigger' in frequency
  );
}

function withoutResult<T extends { result?: unknown }>(
  run: T,
): Omit<T, 'result'> {
  const { result: _result, ...rest } = run;
  return rest;
}

/**
 * The scheduler keeps the next start time of a global task in the plugin's
 * own database; it offers no API for it. Read it when it is there.
 */
async function readNextRunAt(knex: Knex): Promise<string | undefined> {
  try {
    const row: { next_run_start_at?: string | Date | null } | undefined =
      await knex('backstage_backend_tasks__tasks')
        .where({ id: SYNC_TASK_ID })
        .first('next_run_start_at');
    const value = row?.next_run_start_at;
    if (!value) return undefined;
    const date = value instanceof Date ? value : new Date(value);
    return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
  } catch {
    return undefined;
  }
}

/*
 * Which scheduled runs are full (sentryGraph.schedule.fullEvery), and when
 * the next one is: one rule for the run that starts and for /status.
 */
import type {
  RunSummary,
  SyncRunKind,
} from '@sentry-graph/plugin-sentry-graph-common';

/**
 * A full run is due this much before `fullEvery` has passed, at most: the
 * scheduler starts a run a little before or after its nominal time, and a
 * run that starts a second early should not wait a whole interval more.
 */
const MAX_EARLY_MS = 60_000;

/** The kind a scheduled run is asked to be, and why, in one sentence. */
export interface PlannedKind {
  kind: SyncRunKind;
  reason: string;
}

/** When `lastFull` started (its claim), if there is one. */
function startOf(lastFull: RunSummary | undefined): number | undefined {
  const startedAt = lastFull?.startedAt ?? lastFull?.createdAt;
  return startedAt === undefined ? undefined : Date.parse(startedAt);
}

/**
 * When a full run is due after one that started at `lastFullStart`: that
 * plus `fullEveryMs`, less the scheduler's leeway.
 */
function dueAfter(lastFullStart: number, fullEveryMs: number): number {
  return lastFullStart + fullEveryMs - Math.min(MAX_EARLY_MS, fullEveryMs / 10);
}

/**
 * The kind of a scheduled run starting at `now`: full when the run history
 * holds no full run that succeeded or was partial (`lastFull`), or the
 * last one started `fullEveryMs` ago or longer; routine otherwise. The
 * engine may still run a routine run full (a new graph, a schema upgrade).
 */
export function scheduledRunKind(
  lastFull: RunSummary | undefined,
  fullEveryMs: number,
  now: number = Date.now(),
): PlannedKind {
  const lastFullStart = startOf(lastFull);
  if (lastFullStart === undefined) {
    return {
      kind: 'full',
      reason:
        'a full run was due: the run history holds no full run that succeeded or was partial',
    };
  }
  const every = `sentryGraph.schedule.fullEvery: ${describeDuration(fullEveryMs)}`;
  const since = describeDuration(now - lastFullStart);
  const dueAt = dueAfter(lastFullStart, fullEveryMs);
  if (now >= dueAt) {
    return {
      kind: 'full',
      reason: `a full run was due: the last one started ${since} ago (${every})`,
    };
  }
  return {
    kind: 'routine',
    reason: `a routine run: the last full run started ${since} ago, the next is due in ${describeDuration(dueAt - now)} (${every})`,
  };
}

/**
 * When the next scheduled run will be full: the scheduler's next start
 * (`nextRunAt`) when a full run is due by then, else the first start of
 * the schedule's fixed interval at or after the due time, or the due time
 * itself for a schedule without one (cron) or a next start unknown (a
 * local schedule). Undefined for a schedule that starts no runs itself.
 */
export function nextFullRunDue(options: {
  lastFull: RunSummary | undefined;
  fullEveryMs: number;
  nextRunAt: string | undefined;
  intervalMs: number | undefined;
  scheduled: boolean;
  now?: number;
}): string | undefined {
  if (!options.scheduled) return undefined;
  const now = options.now ?? Date.now();
  const lastFullStart = startOf(options.lastFull);
  const dueAt =
    lastFullStart === undefined
      ? Number.NEGATIVE_INFINITY
      : dueAfter(lastFullStart, options.fullEveryMs);
  const next =
    options.nextRunAt === undefined ? undefined : Date.parse(options.nextRunAt);
  if (next === undefined || Number.isNaN(next))
    return new Date(Math.max(dueAt, now)).toISOString();
  if (dueAt <= next) return new Date(next).toISOString();
  const { intervalMs } = options;
  if (intervalMs === undefined || intervalMs <= 0)
    return new Date(dueAt).toISOString();
  return new Date(
    next + Math.ceil((dueAt - next) / intervalMs) * intervalMs,
  ).toISOString();
}

/** e.g. '24 h', '21 h 59 min', '20 min', '1 min 30 s', '45 s' (to the second). */
export function describeDuration(ms: number): string {
  const total = Math.max(0, Math.round(ms / 1000));
  const [h, m, s] = [
    Math.floor(total / 3600),
    Math.floor(total / 60) % 60,
    total % 60,
  ];
  if (h > 0) return m > 0 ? `${h} h ${m} min` : `${h} h`;
  if (m > 0) return s > 0 ? `${m} min ${s} s` : `${m} min`;
  return `${s} s`;
}

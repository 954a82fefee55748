import type { LoggerService } from '@backstage/backend-plugin-api';
import {
  scheduleIntervalMs,
  type PluginSettings,
} from '../config/readPluginSettings';
import type { RunHistoryStore } from './RunHistoryStore';

/**
 * The scheduler's own trigger route has no permission check and no limit
 * of ours: a run that is not a queued manual one is skipped when the last
 * run started less than the minimum interval ago (or half the schedule's
 * interval, whichever is shorter, so the schedule itself is never skipped).
 */
export async function startedTooRecently(options: {
  history: RunHistoryStore;
  settings: PluginSettings;
  logger: LoggerService;
}): Promise<boolean> {
  const { history, settings, logger } = options;
  const active = await history.activeRun();
  if (active?.status === 'queued') return false;
  const last = await history.lastRun();
  if (!last?.startedAt) return false;
  const gap = Math.min(
    settings.manualRunMinimumIntervalMs,
    (scheduleIntervalMs(settings.schedule) ?? Infinity) / 2,
  );
  const sinceMs = Date.now() - Date.parse(last.startedAt);
  if (sinceMs >= gap) return false;
  logger.warn(
    `Skipping a Sentry sync: the previous one started ${Math.round(sinceMs / 1000)} s ago, ` +
      'within the minimum interval that protects the Sentry rate budget',
  );
  return true;
}

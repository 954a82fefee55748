import {
  readSchedulerServiceTaskScheduleDefinitionFromConfig,
  type SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import { readDurationFromConfig, type Config } from '@backstage/config';
import { durationToMilliseconds } from '@backstage/types';
import {
  CONFIG_ROOT,
  readUrl,
  SentryGraphConfigError,
} from './readSentryGraphConfig';

/** How the plugin runs the engine: schedule, manual-run limit, history. */
export interface PluginSettings {
  schedule: SchedulerServiceTaskScheduleDefinition;
  /** Shortest time between two manual runs; protects the Sentry rate budget. */
  manualRunMinimumIntervalMs: number;
  /** Runs kept in the history table. */
  historyMaxRuns: number;
  /** Sentry's web UI, for links to what the summary lists (no trailing slash). */
  sentryWebUrl: string;
}

export const DEFAULT_SCHEDULE: SchedulerServiceTaskScheduleDefinition = {
  frequency: { minutes: 30 },
  timeout: { minutes: 20 },
  initialDelay: { seconds: 15 },
  scope: 'global',
};

export function readPluginSettings(root: Config): PluginSettings {
  const config = root.getConfig(CONFIG_ROOT);
  let schedule = DEFAULT_SCHEDULE;
  if (config.has('schedule')) {
    try {
      schedule = readSchedulerServiceTaskScheduleDefinitionFromConfig(
        config.getConfig('schedule'),
      );
    } catch (error) {
      throw new SentryGraphConfigError(
        'schedule',
        `${error instanceof Error ? error.message : String(error)} ` +
          "(expected e.g. { frequency: { minutes: 30 }, timeout: { minutes: 20 } } or frequency: { cron: '*/30 * * * *' })",
      );
    }
  }
  const manualRunMinimumIntervalMs = config.has('manualRunMinimumInterval')
    ? readDuration(config, 'manualRunMinimumInterval')
    : 5 * 60_000;
  const historyMaxRuns = config.getOptionalNumber('history.maxRuns') ?? 100;
  if (
    !Number.isInteger(historyMaxRuns) ||
    historyMaxRuns < 1 ||
    historyMaxRuns > 100_000
  ) {
    throw new SentryGraphConfigError(
      'history.maxRuns',
      `expected a whole number from 1 to 100000, got ${historyMaxRuns}`,
    );
  }
  return {
    schedule,
    manualRunMinimumIntervalMs,
    historyMaxRuns,
    sentryWebUrl: readSentryWebUrl(config),
  };
}

/**
 * `sentry.webUrl`, or where Sentry's UI lives for the API host: sentry.io's
 * region hosts (us.sentry.io, de.sentry.io) serve only the API, and its UI
 * is at sentry.io; a self-hosted server serves both on one host.
 */
function readSentryWebUrl(config: Config): string {
  const key = 'sentry.webUrl';
  if (config.has(key))
    return readUrl(config.getString(key), key, ['http:', 'https:']);
  const apiUrl = new URL(config.getString('sentry.baseUrl'));
  if (apiUrl.hostname === 'sentry.io' || apiUrl.hostname.endsWith('.sentry.io'))
    return 'https://sentry.io';
  return apiUrl.origin + apiUrl.pathname.replace(/\/+$/, '');
}

function readDuration(config: Config, key: string): number {
  try {
    return durationToMilliseconds(readDurationFromConfig(config, { key }));
  } catch (error) {
    throw new SentryGraphConfigError(
      key,
      `${error instanceof Error ? error.message : String(error)} (expected a duration such as { minutes: 5 } or '5m')`,
    );
  }
}

/** The schedule's interval in milliseconds, when it has a fixed one. */
export function scheduleIntervalMs(
  schedule: SchedulerServiceTaskScheduleDefinition,
): number | undefined {
  const frequency = schedule.frequency;
  if (
    typeof frequency === 'object' &&
    ('cron' in frequency || 'trigger' in frequency)
  )
    return undefined;
  return durationMs(frequency);
}

/** The schedule's timeout in milliseconds: how long a run may take. */
export function scheduleTimeoutMs(
  schedule: SchedulerServiceTaskScheduleDefinition,
): number | undefined {
  return durationMs(schedule.timeout);
}

/** A Backstage duration (luxon's, or a HumanDuration) in milliseconds. */
function durationMs(duration: unknown): number | undefined {
  try {
    if (
      typeof duration === 'object' &&
      duration !== null &&
      'toMillis' in duration &&
      typeof duration.toMillis === 'function'
    )
      return Number(duration.toMillis());
    return durationToMilliseconds(
      duration as Parameters<typeof durationToMilliseconds>[0],
    );
  } catch {
    return undefined;
  }
}

import {
  readSchedulerServiceTaskScheduleDefinitionFromConfig,
  type SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import { readDurationFromConfig, type Config } from '@backstage/config';
import { durationToMilliseconds } from '@backstage/types';
import type { ChangeRetention } from '../service/ChangeStore';
import {
  CONFIG_ROOT,
  readUrl,
  SentryGraphConfigError,
} from './readSentryGraphConfig';

/** How the plugin runs the engine: schedule, manual-run limit, history. */
export interface PluginSettings {
  schedule: SchedulerServiceTaskScheduleDefinition;
  /**
   * How often a scheduled run is a full one (`sentryGraph.schedule.fullEvery`):
   * the others are routine runs. 0 makes every scheduled run full.
   */
  fullEveryMs: number;
  /** Shortest time between two manual runs; protects the Sentry rate budget. */
  manualRunMinimumIntervalMs: number;
  /** Runs kept in the history table. */
  historyMaxRuns: number;
  /** Sentry's web UI, for links to what the summary lists (no trailing slash). */
  sentryWebUrl: string;
  /** The change history (`sentryGraph.changes`); off: runs record none. */
  changes: {
    enabled: boolean;
    notifications: ChangeNotificationSettings;
  } & ChangeRetention;
}

/** The changes an operator may have sent as Backstage notifications. */
export const CRITICAL_CHANGES = [
  'newOwner',
  'adminLost2fa',
  'alertRuleDeleted',
] as const;

export type CriticalChange = (typeof CRITICAL_CHANGES)[number];

/** `sentryGraph.changes.notifications`: off unless asked for. */
export interface ChangeNotificationSettings {
  enabled: boolean;
  /** Group or user entity refs, as Backstage's notifications take them. */
  recipients: string[];
  changes: CriticalChange[];
}

/** The change history's default bound: 90 days, a million rows. */
export const DEFAULT_CHANGE_RETENTION: ChangeRetention = {
  maxAgeMs: 90 * 24 * 60 * 60_000,
  maxRows: 1_000_000,
};

export const DEFAULT_SCHEDULE: SchedulerServiceTaskScheduleDefinition = {
  frequency: { minutes: 30 },
  timeout: { minutes: 20 },
  initialDelay: { seconds: 15 },
  scope: 'global',
};

/** The default of `sentryGraph.schedule.fullEvery`: a full run a day. */
export const DEFAULT_FULL_EVERY_MS = 24 * 60 * 60_000;

/** Our own key under `schedule`, which Backstage's schedule reader ignores. */
const FULL_EVERY_KEY = 'schedule.fullEvery';

export function readPluginSettings(root: Config): PluginSettings {
  const config = root.getConfig(CONFIG_ROOT);
  let schedule = DEFAULT_SCHEDULE;
  // A schedule that only says how often to run full keeps the default timing.
  const scheduleKeys = config.has('schedule')
    ? config.getConfig('schedule').keys()
    : [];
  if (scheduleKeys.some(key => key !== 'fullEvery')) {
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
  const fullEveryMs = config.has(FULL_EVERY_KEY)
    ? readDuration(config, FULL_EVERY_KEY, "{ hours: 24 } or 'P1D'")
    : DEFAULT_FULL_EVERY_MS;
  if (!(fullEveryMs >= 0)) {
    throw new SentryGraphConfigError(
      FULL_EVERY_KEY,
      `expected a duration of 0 or more (0: every scheduled run is full), got ${fullEveryMs} ms`,
    );
  }
  const manualRunMinimumIntervalMs = config.has('manualRunMinimumInterval')
    ? readDuration(config, 'manualRunMinimumInterval')
    : 5 * 60_000;
  const historyMaxRuns = readWholeNumber(
    config,
    'history.maxRuns',
    100,
    100_000,
  );
  return {
    schedule,
    fullEveryMs,
    manualRunMinimumIntervalMs,
    historyMaxRuns,
    sentryWebUrl: readSentryWebUrl(config),
    changes: readChangeSettings(config),
  };
}

function readChangeSettings(config: Config): PluginSettings['changes'] {
  const enabled = config.getOptionalBoolean('changes.enabled') ?? true;
  const maxAgeMs = config.has('changes.maxAge')
    ? readDuration(config, 'changes.maxAge', "{ days: 90 } or 'P90D'")
    : DEFAULT_CHANGE_RETENTION.maxAgeMs;
  if (!(maxAgeMs > 0)) {
    throw new SentryGraphConfigError(
      'changes.maxAge',
      `expected a duration above 0, got ${maxAgeMs} ms`,
    );
  }
  const maxRows = readWholeNumber(
    config,
    'changes.maxRows',
    DEFAULT_CHANGE_RETENTION.maxRows,
    100_000_000,
  );
  return {
    enabled,
    maxAgeMs,
    maxRows,
    notifications: readNotificationSettings(config, enabled),
  };
}

function readNotificationSettings(
  config: Config,
  historyEnabled: boolean,
): ChangeNotificationSettings {
  const key = 'changes.notifications';
  const enabled = config.getOptionalBoolean(`${key}.enabled`) ?? false;
  const recipients = config.getOptionalStringArray(`${key}.recipients`) ?? [];
  const changes = config.getOptionalStringArray(`${key}.changes`) ?? [
    ...CRITICAL_CHANGES,
  ];
  for (const recipient of recipients) {
    const ref = /^(group|user):(?:[A-Za-z0-9._-]+\/)?[A-Za-z0-9._-]+$/i;
    if (!ref.test(recipient))
      throw new SentryGraphConfigError(
        `${key}.recipients`,
        'expected group or user entity refs, such as group:default/security',
      );
  }
  const critical = changes.map(change => {
    const known = CRITICAL_CHANGES.find(c => c === change);
    if (!known)
      throw new SentryGraphConfigError(
        `${key}.changes`,
        `expected some of ${CRITICAL_CHANGES.join(', ')}`,
      );
    return known;
  });
  if (enabled && !historyEnabled)
    throw new SentryGraphConfigError(
      `${key}.enabled`,
      'notifications need the change history: set changes.enabled to true, or turn them off',
    );
  if (enabled && recipients.length === 0)
    throw new SentryGraphConfigError(
      `${key}.recipients`,
      'expected at least one group or user entity ref to notify',
    );
  if (enabled && critical.length === 0)
    throw new SentryGraphConfigError(
      `${key}.changes`,
      `expected at least one of ${CRITICAL_CHANGES.join(', ')}`,
    );
  return { enabled, recipients, changes: critical };
}

/**
 * `sentry.webUrl`, or where Sentry's UI lives for the API host: sentry.io's
 * region hosts (us.sentry.io, de.sentry.io) serve only the API, and its UI
 * is at sentry.io; a self-hosted server serves both on one host.
 */
/** A whole number from 1 to `max` at `key`, or `fallback` where it is absent. */
function readWholeNumber(
  config: Config,
  key: string,
  fallback: number,
  max: number,
): number {
  const value = config.getOptionalNumber(key) ?? fallback;
  if (!Number.isInteger(value) || value < 1 || value > max) {
    throw new SentryGraphConfigError(
      key,
      `expected a whole number from 1 to ${max}, got ${value}`,
    );
  }
  return value;
}

function readSentryWebUrl(config: Config): string {
  const key = 'sentry.webUrl';
  if (config.has(key))
    return readUrl(config.getString(key), key, ['http:', 'https:']);
  const apiUrl = new URL(config.getString('sentry.baseUrl'));
  if (apiUrl.hostname === 'sentry.io' || apiUrl.hostname.endsWith('.sentry.io'))
    return 'https://sentry.io';
  return apiUrl.origin + apiUrl.pathname.replace(/\/+$/, '');
}

function readDuration(
  config: Config,
  key: string,
  example = "{ minutes: 5 } or '5m'",
): number {
  try {
    return durationToMilliseconds(readDurationFromConfig(config, { key }));
  } catch (error) {
    throw new SentryGraphConfigError(
      key,
      `${error instanceof Error ? error.message : String(error)} (expected a duration such as ${example})`,
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

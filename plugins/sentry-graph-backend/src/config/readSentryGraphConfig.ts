import { readDurationFromConfig, type Config } from '@backstage/config';
import { durationToMilliseconds } from '@backstage/types';
import {
  DEFAULT_TRANSACTION_TIMEOUT_MS,
  type Neo4jConnectionOptions,
} from '../graph/SentryGraphStore';
import type { SentryClientOptions } from '../sentry';
import {
  ALERT_RULE_SOURCE_SETTINGS,
  DEFAULT_SYNC_ENGINE_OPTIONS,
  type AlertRuleSourceSetting,
  type SyncEngineOptions,
} from '../sync/context';
import {
  DEFAULT_MAX_HEAP_MB,
  MAX_MAX_HEAP_MB,
  MIN_MAX_HEAP_MB,
  type SyncWorkerOptions,
} from './syncWorkerOptions';

/** The `sentryGraph` section, validated, with defaults applied. */
export interface SentryGraphConfig {
  sentry: Omit<SentryClientOptions, 'logger'>;
  neo4j: Neo4jConnectionOptions;
  sync: SyncEngineOptions;
  /** The worker thread each run executes in. */
  worker: SyncWorkerOptions;
}

export const CONFIG_ROOT = 'sentryGraph';

/**
 * A config value that is present but wrong; the message names the key, and
 * the file it came from once `withConfigSource` knows it.
 */
export class SentryGraphConfigError extends Error {
  name = 'SentryGraphConfigError';
  /** The full key, `sentryGraph.` included. */
  readonly key: string;
  constructor(
    key: string,
    readonly expectation: string,
    readonly source?: string,
  ) {
    const fullKey = key.startsWith(`${CONFIG_ROOT}.`)
      ? key
      : `${CONFIG_ROOT}.${key}`;
    super(
      `Invalid configuration at '${fullKey}'${
        source ? ` in '${source}'` : ''
      }: ${expectation}`,
    );
    this.key = fullKey;
  }
}

const NEO4J_SCHEMES = [
  'bolt',
  'bolt+s',
  'bolt+ssc',
  'neo4j',
  'neo4j+s',
  'neo4j+ssc',
];
// Sentry slugs are lowercase letters, digits, '-' and '_'; a numeric id works too.
const SLUG = /^[a-z0-9][a-z0-9_-]*$/;

/**
 * Reads and checks the whole section at once, so a bad setting stops the
 * plugin at startup with a message that names the key, never at 3 a.m. in a
 * scheduled run. Secret values are never echoed.
 */
export function readSentryGraphConfig(root: Config): SentryGraphConfig {
  const config = root.getConfig(CONFIG_ROOT);
  const sentry = config.getConfig('sentry');
  const neo4j = config.getConfig('neo4j');
  const sync = config.getOptionalConfig('sync');
  const cleanup = config.getOptionalConfig('cleanup');
  const defaults = DEFAULT_SYNC_ENGINE_OPTIONS;

  const int = (
    c: Config | undefined,
    prefix: string,
    key: string,
    min: number,
    max: number,
    fallback: number,
  ) => {
    const value = c?.getOptionalNumber(key) ?? fallback;
    if (!Number.isInteger(value) || value < min || value > max) {
      throw new SentryGraphConfigError(
        `${prefix}.${key}`,
        `expected a whole number from ${min} to ${max}, got ${value}`,
      );
    }
    return value;
  };

  const maxDeletionShare =
    sync?.getOptionalNumber('maxDeletionShare') ?? defaults.maxDeletionShare;
  if (!(maxDeletionShare >= 0 && maxDeletionShare <= 1)) {
    throw new SentryGraphConfigError(
      'sync.maxDeletionShare',
      `expected a share from 0 to 1, got ${maxDeletionShare}`,
    );
  }

  return {
    sentry: {
      baseUrl: readUrl(sentry.getString('baseUrl'), 'sentry.baseUrl', [
        'http:',
        'https:',
      ]),
      token: readSecret(sentry, 'token', 'sentry.token'),
      timeoutMs: readDuration(sentry, {
        key: 'requestTimeout',
        fullKey: 'sentry.requestTimeout',
        fallbackMs: 30_000,
        minMs: 1_000,
        maxMs: 10 * 60_000,
        range: '1 second to 10 minutes',
      }),
      maxRetries: int(sentry, 'sentry', 'maxRetries', 0, 10, 4),
      maxConcurrency: int(sentry, 'sentry', 'maxConcurrency', 1, 32, 4),
    },
    neo4j: {
      uri: readNeo4jUri(neo4j.getString('uri')),
      username: neo4j.getString('username'),
      password: readSecret(neo4j, 'password', 'neo4j.password'),
      database: neo4j.getOptionalString('database') || undefined,
      transactionTimeoutMs: readDuration(neo4j, {
        key: 'transactionTimeout',
        fullKey: 'neo4j.transactionTimeout',
        fallbackMs: DEFAULT_TRANSACTION_TIMEOUT_MS,
        minMs: 1_000,
        maxMs: 60 * 60_000,
        range: '1 second to 1 hour',
      }),
    },
    sync: {
      organizations: readOrganizations(sentry),
      batchSize: int(sync, 'sync', 'batchSize', 1, 10_000, defaults.batchSize),
      deleteBatchSize: int(
        sync,
        'sync',
        'deleteBatchSize',
        1,
        100_000,
        defaults.deleteBatchSize,
      ),
      organizationConcurrency: int(
        sync,
        'sync',
        'organizationConcurrency',
        1,
        16,
        defaults.organizationConcurrency,
      ),
      listingConcurrency: int(
        sync,
        'sync',
        'listingConcurrency',
        1,
        32,
        defaults.listingConcurrency,
      ),
      maxDeletionShare,
      allowMassDeletion:
        sync?.getOptionalBoolean('allowMassDeletion') ??
        defaults.allowMassDeletion,
      alertRuleSource: readAlertRuleSource(sentry),
      confirmDeletions: int(
        cleanup,
        'cleanup',
        'confirmDeletions',
        0,
        10_000,
        defaults.confirmDeletions,
      ),
      leaseTtlMs: sync
        ? readDuration(sync, {
            key: 'leaseTtl',
            fullKey: 'sync.leaseTtl',
            fallbackMs: defaults.leaseTtlMs,
            // Renewed every third of it: shorter would renew every few hundred ms.
            minMs: 2_000,
            maxMs: 10 * 60_000,
            range: '2 seconds to 10 minutes',
          })
        : defaults.leaseTtlMs,
      routineTeamRotation: int(
        sync?.getOptionalConfig('routine'),
        'sync.routine',
        'teamRotation',
        1,
        1_000,
        defaults.routineTeamRotation,
      ),
      routineAuditLog:
        sync?.getOptionalBoolean('routine.auditLog') ??
        defaults.routineAuditLog,
    },
    worker: {
      maxHeapMb: int(
        sync,
        'sync',
        'maxHeapMb',
        MIN_MAX_HEAP_MB,
        MAX_MAX_HEAP_MB,
        DEFAULT_MAX_HEAP_MB,
      ),
    },
  };
}

function readAlertRuleSource(sentry: Config): AlertRuleSourceSetting {
  const value = sentry.getOptionalString('alertRules.source');
  if (value === undefined) return DEFAULT_SYNC_ENGINE_OPTIONS.alertRuleSource;
  const setting = ALERT_RULE_SOURCE_SETTINGS.find(known => known === value);
  if (!setting) {
    throw new SentryGraphConfigError(
      'sentry.alertRules.source',
      `expected one of ${ALERT_RULE_SOURCE_SETTINGS.join(', ')}, got ${JSON.stringify(value)}`,
    );
  }
  return setting;
}

/** A duration setting in milliseconds, within its range, or the fallback when unset. */
function readDuration(
  config: Config,
  setting: {
    key: string;
    fullKey: string;
    fallbackMs: number;
    minMs: number;
    maxMs: number;
    range: string;
  },
): number {
  if (!config.has(setting.key)) return setting.fallbackMs;
  let ms: number;
  try {
    ms = durationToMilliseconds(
      readDurationFromConfig(config, { key: setting.key }),
    );
  } catch (error) {
    throw new SentryGraphConfigError(
      setting.fullKey,
      `${error instanceof Error ? error.message : String(error)} (expected a duration such as { seconds: 30 } or '30s')`,
    );
  }
  if (!(ms >= setting.minMs && ms <= setting.maxMs)) {
    throw new SentryGraphConfigError(
      setting.fullKey,
      `expected from ${setting.range}, got ${ms} ms`,
    );
  }
  return ms;
}

export function readUrl(
  value: string,
  key: string,
  protocols: string[],
): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new SentryGraphConfigError(
      key,
      `expected a URL such as https://sentry.io, got ${JSON.stringify(value)}`,
    );
  }
  if (!protocols.includes(url.protocol)) {
    throw new SentryGraphConfigError(
      key,
      `expected an ${protocols.join(' or ')} URL, got ${JSON.stringify(value)}`,
    );
  }
  if (url.username || url.password) {
    throw new SentryGraphConfigError(
      key,
      'credentials do not belong in the URL; use the token setting',
    );
  }
  return value.replace(/\/+$/, '');
}

function readNeo4jUri(value: string): string {
  const scheme = /^([a-z0-9+]+):\/\//i.exec(value)?.[1]?.toLowerCase();
  if (!scheme || !NEO4J_SCHEMES.includes(scheme)) {
    throw new SentryGraphConfigError(
      'neo4j.uri',
      `expected a ${NEO4J_SCHEMES.map(s => `${s}://`).join(', ')} URI, got ${JSON.stringify(value)}`,
    );
  }
  return value;
}

function readSecret(config: Config, key: string, fullKey: string): string {
  const value = config.getString(key);
  // An unset ${ENV} substitution leaves an empty string; say which key, never the value.
  if (value.trim() === '')
    throw new SentryGraphConfigError(fullKey, 'must not be empty');
  return value;
}

function readOrganizations(sentry: Config): string[] | undefined {
  const slugs = sentry.getOptionalStringArray('organizations');
  if (slugs === undefined) return undefined;
  if (slugs.length === 0) {
    throw new SentryGraphConfigError(
      'sentry.organizations',
      'expected at least one organization slug; omit the key to sync every organization the token can list',
    );
  }
  for (const slug of slugs) {
    if (!SLUG.test(slug)) {
      throw new SentryGraphConfigError(
        'sentry.organizations',
        `${JSON.stringify(slug)} is not an organization slug`,
      );
    }
  }
  return [...new Set(slugs)];
}

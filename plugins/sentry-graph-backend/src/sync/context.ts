import type { LoggerService } from '@backstage/backend-plugin-api';
import type { SentryGraphStore, WriteScope } from '../graph/SentryGraphStore';
import type { ListingSizes } from '../graph/RoutineQueries';
import type { RoutineBasis } from './routine/routineBasis';
import {
  apiPath,
  type SentryClient,
  type SentryEndpoint,
  type SentryOrganization,
} from '../sentry';
import type { KindResult, SyncKind, SyncProgress, SyncRunKind } from './types';

/**
 * Where issue alert rules are read from (`sentryGraph.sentry.alertRules.source`):
 * the workflows API, the deprecated per-project `rules` API, or `auto`.
 */
export type AlertRuleSourceSetting = 'auto' | 'workflows' | 'rules';

export const ALERT_RULE_SOURCE_SETTINGS: readonly AlertRuleSourceSetting[] = [
  'auto',
  'workflows',
  'rules',
];

/** The engine's tuning and safety settings (`sentryGraph.sync` in config). */
export interface SyncEngineOptions {
  /** Organization slugs; undefined means every organization the token can list. */
  organizations?: string[];
  /** Rows per UNWIND write. */
  batchSize: number;
  /** Stale nodes or relationships deleted per transaction. */
  deleteBatchSize: number;
  /** Organizations synced at once. */
  organizationConcurrency: number;
  /**
   * Listings of one organization run at once (e.g. per-team member
   * listings), at least; more where Sentry's announced rate and the
   * latency make more useful (listingConcurrencyOf).
   */
  listingConcurrency: number;
  /** A kind that would lose more than this share of its items in one run is kept. */
  maxDeletionShare: number;
  /** Lets this run delete past the mass-deletion guard. */
  allowMassDeletion: boolean;
  /** Where issue alert rules are read from. */
  alertRuleSource: AlertRuleSourceSetting;
  /**
   * Stale nodes per kind and organization checked with a detail request
   * before deletion; the rest wait for the next complete run.
   */
  confirmDeletions: number;
  /**
   * How long the graph's lease lasts unless renewed (every third of it):
   * how soon another writer takes over from one that died.
   */
  leaseTtlMs: number;
  /**
   * Every team's member listing is read again within this many routine
   * runs: each re-reads 1 / this of the teams, those read longest ago,
   * so that a change no cheaper signal shows (a team role) reaches the graph.
   */
  routineTeamRotation: number;
  /**
   * A routine run reads the audit log (where the token has org:write) to
   * re-read the teams its entries name.
   */
  routineAuditLog: boolean;
}

export const DEFAULT_SYNC_ENGINE_OPTIONS: SyncEngineOptions = {
  batchSize: 1000,
  deleteBatchSize: 5000,
  organizationConcurrency: 2,
  listingConcurrency: 4,
  maxDeletionShare: 0.5,
  allowMassDeletion: false,
  alertRuleSource: 'auto',
  confirmDeletions: 100,
  leaseTtlMs: 60_000,
  routineTeamRotation: 8,
  routineAuditLog: true,
};

/** Counts items as they arrive and tells whoever watches the run. */
export class ProgressTracker {
  private readonly state: SyncProgress = { items: 0 };

  constructor(private readonly onProgress?: (progress: SyncProgress) => void) {}

  get current(): SyncProgress {
    return { ...this.state };
  }

  record(organization: string, kind: SyncKind, items: number): void {
    this.state.organization = organization;
    this.state.kind = kind;
    this.state.items += items;
    this.onProgress?.(this.current);
  }

  /** The catalog is read after the organizations: `entities` read so far. */
  recordCatalog(entities: number): void {
    this.itemsBeforeCatalog ??= this.state.items;
    delete this.state.organization;
    this.state.kind = 'catalog';
    this.state.items = this.itemsBeforeCatalog + entities;
    this.onProgress?.(this.current);
  }

  private itemsBeforeCatalog: number | undefined;
}

/** What every kind's sync of one organization needs. */
export interface OrganizationContext {
  organization: SentryOrganization;
  /** A client on the organization's region host. */
  client: SentryClient;
  store: SentryGraphStore;
  scope: WriteScope;
  options: SyncEngineOptions;
  signal?: AbortSignal;
  logger: LoggerService;
  progress: ProgressTracker;
  /** The kind of this organization's run: a routine run asked for is full where the graph needs it. */
  kind: SyncRunKind;
  /** In a routine run: what the graph holds from the runs before; absent in a full one. */
  routine?: RoutineBasis;
  /** What this organization's routine run leaves out, and why. */
  skip(line: string): void;
  /** How many items each listing gave when last read: its pages are not asked for past those in advance. */
  expectedSizes: ListingSizes;
}

export function emptyKindResult(): KindResult {
  return {
    status: 'complete',
    fetched: 0,
    written: 0,
    invalid: 0,
    invalidItems: [],
    deleted: 0,
    kept: [],
  };
}

export function orgPath(context: OrganizationContext, suffix: string): string {
  return apiPath`organizations/${context.organization.slug}/` + suffix;
}

/**
 * How many listings, or detail requests, of one endpoint an organization
 * runs at once: listingConcurrency, or more where Sentry's announced rate
 * and the time its answers take make more useful. Read again as each one
 * starts, since the client learns both as the run goes.
 */
export function listingConcurrencyOf(
  context: OrganizationContext,
  endpoint: SentryEndpoint,
): () => number {
  return () =>
    Math.max(
      context.options.listingConcurrency,
      context.client.concurrencyFor(endpoint),
    );
}

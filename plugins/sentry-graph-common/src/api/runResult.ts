/*
 * What one sync run found and did: the engine's result, stored with the run
 * and served by GET /runs/{id}. The backend writes it, the card reads it.
 */

/**
 * The kinds a run syncs per organization, each listed, written and cleaned up on its own.
 *
 * @public
 */
export const SYNC_KINDS = [
  'organization',
  'teams',
  'members',
  'team-memberships',
  'projects',
  'releases',
  'alert-rules',
] as const;
/** @public */
export type SyncKind = (typeof SYNC_KINDS)[number];

/**
 * How a finished run (or one organization of it) ended.
 *
 * @public
 */
export type SyncOutcome = 'succeeded' | 'partial' | 'failed' | 'aborted';

/**
 * A Sentry listing or detail endpoint, as named in the run's reports.
 *
 * @public
 */
export type SentryEndpointName =
  | 'organizations'
  | 'organization'
  | 'members'
  | 'teams'
  | 'team-members'
  | 'projects'
  | 'releases'
  | 'workflows'
  | 'detectors'
  | 'legacy-rules'
  | 'audit-logs'
  /* Details of one item, asked for by id (or release version). */
  | 'detector'
  | 'member'
  | 'team'
  | 'project'
  | 'release';

/**
 * An item Sentry returned that failed validation and was skipped.
 *
 * @public
 */
export interface InvalidItem {
  endpoint: SentryEndpointName;
  /** The item's id (or release version) when one could be read. */
  id?: string;
  /** One line, e.g. 'id: expected string, received number'. */
  reason: string;
}

/**
 * Something cleanup did not delete, and why.
 *
 * @public
 */
export interface KeptReport {
  /** A label or relationship type, e.g. `SentryTeam` or `MEMBER_OF`. */
  what: string;
  /** How many stale items were kept, when known. */
  count?: number;
  reason: string;
}

/**
 * How a listing's pages were read. `concurrent`: its first page's cursor had
 * the form of Sentry's offset paginator, so the later pages were asked for
 * several at a time. `sequential`: any other cursor (a keyset cursor), each
 * page's taken from the page before. `single-page`: the first page was the
 * last, so there was nothing to decide.
 *
 * @public
 */
export type ListingReadMode = 'concurrent' | 'sequential' | 'single-page';

/**
 * The listings of one endpoint that a kind read one way.
 *
 * @public
 */
export interface ListingReads {
  endpoint: SentryEndpointName;
  mode: ListingReadMode;
  listings: number;
  pages: number;
}

/** @public */
export interface KindResult {
  /** complete: the listing ended on its last page; incomplete: it did not, so nothing of the kind was deleted. */
  status: 'complete' | 'incomplete';
  /** Items Sentry returned, valid or not. */
  fetched: number;
  /** Nodes and relationships upserted. */
  written: number;
  /** Items that failed validation and were skipped. */
  invalid: number;
  /** The first few invalid items, for the report. */
  invalidItems: InvalidItem[];
  deleted: number;
  kept: KeptReport[];
  /**
   * Stale nodes checked with Sentry before cleanup (teams, members,
   * projects, releases): `confirmed` gone (404) and deleted, `stillInSentry`
   * (200) kept and refreshed, `awaitingNextRun` unchecked (beyond the cap,
   * or the check failed) and deleted only if the next complete run misses
   * them too.
   */
  deletionChecks?: {
    confirmed: number;
    stillInSentry: number;
    awaitingNextRun: number;
  };
  error?: string;
  /**
   * What Sentry sent that was accepted but deserves a look, e.g. an unknown
   * stored team role counted as contributor. Does not make the run partial.
   */
  warnings?: string[];
  /** For alert rules: `workflows` or the legacy `rules` endpoint. */
  source?: string;
  /** From the kind's first request to its last write, before cleanup. */
  durationMs?: number;
  /** How the kind's listings were read, per endpoint and way. */
  listingReads?: ListingReads[];
}

/** @public */
export interface OrganizationResult {
  slug: string;
  id?: string;
  name?: string;
  status: SyncOutcome;
  error?: string;
  kinds: Partial<Record<SyncKind, KindResult>>;
  /**
   * Projects the token lists but cannot access, when it belongs to a member
   * who cannot see every project: Sentry leaves their releases and alert
   * rules out. Absent when the token sees every project.
   */
  projectsWithoutAccess?: number;
  /** The kind this organization's part of the run was; absent in results from before there were two kinds. */
  kind?: SyncRunKind;
  /** Why it was of that kind, where a routine run was asked for and this organization ran full. */
  kindReason?: string;
  /** What its routine run left out and why, one line each. */
  skipped?: string[];
  /** How its routine run used Sentry's audit log; absent in a full run. */
  auditLog?: AuditLogUse;
  /**
   * Changes this run recorded in the change history (GET /changes); absent
   * where none are recorded (the command line, or
   * `sentryGraph.changes.enabled: false`).
   */
  changes?: number;
}

/**
 * How a routine run of one organization used Sentry's audit log
 * (`GET /organizations/{org}/audit-logs/`, which needs `org:write`): read,
 * with how many entries since when, or not, and why. Without it the run
 * finds changed teams from their member counts and the rotation alone.
 *
 * @public
 */
export type AuditLogUse =
  | {
      read: true;
      /** Entries read: those since `since`. */
      entries: number;
      /** The start of the range read (ISO 8601): the last read's run, or the last full run, less a margin. */
      since: string;
    }
  | { read: false; reason: string };

/**
 * Sentry requests of one run.
 *
 * @public
 */
export interface SentryRequestStats {
  /** HTTP requests sent (each attempt counts). */
  requests: number;
  /** Requests sent again after a failure or a 429. */
  retries: number;
  /** 429 responses received. */
  rateLimited: number;
  /** Milliseconds requests spent waiting for a rate-limit window, summed over requests. */
  budgetWaitMs: number;
  /** getJson calls and listing pages that finally failed (aborts not counted). */
  failedRequests: number;
  /**
   * HTTP requests sent per endpoint, each with a rate-limit window of its
   * own: the run's floor is its busiest endpoint's count over its limit.
   */
  byEndpoint?: Partial<Record<SentryEndpointName, number>>;
}

/**
 * An annotation naming a Sentry project or team the graph does not have.
 *
 * @public
 */
export interface UnmatchedAnnotation {
  /** The entity's ref, e.g. `component:default/checkout`. */
  entityRef: string;
  annotation: string;
  value: string;
}

/**
 * The catalog's part of a run: entities read, written and cleaned up like a kind.
 *
 * @public
 */
export interface CatalogResult {
  /** complete: every page of the catalog was read; incomplete: nothing of the catalog was deleted. */
  status: 'complete' | 'incomplete';
  /** Entities read from the catalog. */
  fetched: number;
  /** Entity nodes and relationships upserted. */
  written: number;
  deleted: number;
  kept: KeptReport[];
  error?: string;
  /** How many annotations point nowhere; the first 50 are in `unmatched`. */
  unmatchedCount: number;
  unmatched: UnmatchedAnnotation[];
  durationMs?: number;
}

/**
 * A full run reads every listing and is the only kind that deletes; a
 * routine run reads what can have changed since the last run, as cheaply as
 * Sentry's API allows, and deletes nothing (docs/routine-runs.md).
 *
 * @public
 */
export type SyncRunKind = 'full' | 'routine';

/** @public */
export const SYNC_RUN_KINDS: readonly SyncRunKind[] = ['full', 'routine'];

/** @public */
export interface SyncRunResult {
  status: SyncOutcome;
  /**
   * The kind the run was, which may be `full` where `routine` was asked for
   * (a graph without a full run before, or from an older schema). Absent
   * in results stored before there were two kinds: those were full.
   */
  kind?: SyncRunKind;
  /** Why the run was of its kind, one sentence: asked for, due, or why a routine run became full. */
  kindReason?: string;
  /**
   * What a routine run left out and why, one line each (the archived
   * releases listing, deletions, teams whose member listings were not
   * re-read); empty for a full run.
   */
  skipped?: string[];
  /** Epoch seconds of the run's start, stamped on everything it wrote (`lastupdated`). */
  updateTag: number;
  startedAt: string;
  finishedAt: string;
  durationMs: number;
  organizations: OrganizationResult[];
  requests: SentryRequestStats;
  /** The catalog's part, when the catalog is read (`sentryGraph.catalog.enabled`). */
  catalog?: CatalogResult;
  /** One line per problem, free of secrets. */
  errors: string[];
  /** One line per kind's warning (see KindResult.warnings): worth a look, not a failure. */
  warnings?: string[];
}

/**
 * A run's counts summed over every organization and kind.
 *
 * @public
 */
export interface RunTotals {
  fetched: number;
  written: number;
  deleted: number;
  invalid: number;
}

/** @public */
export function runTotals(result: SyncRunResult): RunTotals {
  const totals: RunTotals = { fetched: 0, written: 0, deleted: 0, invalid: 0 };
  for (const organization of result.organizations) {
    for (const kind of Object.values(organization.kinds)) {
      if (!kind) continue;
      totals.fetched += kind.fetched;
      totals.written += kind.written;
      totals.deleted += kind.deleted;
      totals.invalid += kind.invalid;
    }
  }
  return totals;
}

import type { InvalidItem, SentryRequestStats } from '../sentry';

/** The kinds a run syncs per organization, each listed, written and cleaned up on its own. */
export const SYNC_KINDS = [
  'organization',
  'teams',
  'members',
  'team-memberships',
  'projects',
  'releases',
  'alert-rules',
] as const;
export type SyncKind = (typeof SYNC_KINDS)[number];

export type RunStatus = 'succeeded' | 'partial' | 'failed' | 'aborted';

/** Something cleanup did not delete, and why. */
export interface KeptReport {
  /** A label or relationship type, e.g. `SentryTeam` or `MEMBER_OF`. */
  what: string;
  /** How many stale items were kept, when known. */
  count?: number;
  reason: string;
}

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
  error?: string;
  /** For alert rules: `workflows` or the legacy `rules` endpoint. */
  source?: string;
  /** From the kind's first request to its last write, before cleanup. */
  durationMs?: number;
}

export interface OrganizationResult {
  slug: string;
  id?: string;
  name?: string;
  status: RunStatus;
  error?: string;
  kinds: Partial<Record<SyncKind, KindResult>>;
}

export interface SyncRunResult {
  status: RunStatus;
  /** Epoch seconds of the run's start, stamped on everything it wrote (`lastupdated`). */
  updateTag: number;
  startedAt: string;
  finishedAt: string;
  durationMs: number;
  organizations: OrganizationResult[];
  requests: SentryRequestStats;
  /** One line per problem, free of secrets. */
  errors: string[];
}

/** Where a run is, for status endpoints and logs. */
export interface SyncProgress {
  organization?: string;
  kind?: SyncKind;
  /** Items fetched so far in this run, all kinds and organizations. */
  items: number;
}

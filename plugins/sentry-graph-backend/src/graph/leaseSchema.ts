/*
 * The graph's lease (docs/graph-schema.md, "Changes to the contract"),
 * declared as data like graph/schema.ts: one node per graph that a run holds
 * while it writes, so that two writers on one graph (two deployments against
 * one Neo4j, the command line next to the plugin) never interleave, where
 * one run's cleanup would delete what the other had just written. It holds
 * no Sentry data and has no relationships: no cleanup statement, all scoped
 * through an organization's RESOURCE edges, can reach it.
 */

export const LEASE_LABEL = 'SentryGraphLease';

/** The one lease of a graph: one Sentry installation per graph, one writer at a time. */
export const LEASE_ID = 'sentry-graph';

/**
 * Its properties, by their names in the graph. Times are epoch milliseconds
 * of Neo4j's own clock (`timestamp()`), so that every writer compares
 * expiries on one clock whatever its host's says.
 */
export const LEASE_PROPERTIES = {
  /** The current acquisition's random token; absent once released. */
  holder: 'holder',
  /** Who holds it, or held it last: `plugin`, `cli` or `bench`. */
  ownerKind: 'owner_kind',
  ownerHost: 'owner_host',
  ownerPid: 'owner_pid',
  /** The holder's run: the plugin's run-history id, the command line's own. */
  ownerRunId: 'owner_run_id',
  acquiredAt: 'acquired_at',
  renewedAt: 'renewed_at',
  /** Past this, another writer may take the lease over. */
  expiresAt: 'expires_at',
  releasedAt: 'released_at',
} as const;

/**
 * Set and removed within each lease statement, never committed: setting a
 * property takes the node's write lock before anything is read, so that two
 * writers racing for the lease cannot both find it free.
 */
export const LEASE_LOCK_PROPERTY = '_lock';

/** Who runs a sync. */
export type LeaseWriterKind = 'plugin' | 'cli' | 'bench';

/** What the lease says about its holder: nothing secret. */
export interface LeaseOwner {
  /** A `LeaseWriterKind` when this code wrote it. */
  kind: string;
  host: string;
  pid: number;
  runId?: string;
}

/** The lease as a statement found or left it. */
export interface LeaseState {
  /** Neo4j's clock when the statement ran. */
  now: number;
  /** The current acquisition's token; absent once released. */
  holder?: string;
  /** The current holder, or the last one after a release. */
  owner?: LeaseOwner;
  acquiredAt?: number;
  renewedAt?: number;
  expiresAt?: number;
  releasedAt?: number;
}

import type { SchedulerServiceTaskScheduleDefinitionConfig } from '@backstage/backend-plugin-api';
import type { HumanDuration } from '@backstage/types';

export interface Config {
  /** The sentry-graph plugin: a scheduled sync of Sentry into Neo4j. */
  sentryGraph: {
    sentry: {
      /**
       * Sentry's API host: https://sentry.io, a region host such as
       * https://de.sentry.io, or a self-hosted server. Without /api/0.
       */
      baseUrl: string;
      /**
       * A user auth token (or an internal integration token with
       * `organizations` set) with org:read, member:read, team:read,
       * project:read, project:releases and alerts:read.
       * @visibility secret
       */
      token: string;
      /**
       * Sentry's web UI, for the links the summary and the card give to
       * members, teams, projects and rules. Default: https://sentry.io for
       * sentry.io and its region hosts, else baseUrl.
       */
      webUrl?: string;
      /**
       * Organization slugs to sync. Omitted: every organization the token can
       * list (user tokens only; integration tokens list none).
       */
      organizations?: string[];
      /** Time limit per Sentry request. Default 30 seconds. */
      requestTimeout?: HumanDuration | string;
      /** Retries of a failed request (5xx, network, timeout). Default 4. */
      maxRetries?: number;
      /**
       * Sentry requests in flight at once where Sentry announces no rate
       * limit (self-hosted); where it announces one, its rate and concurrent
       * limits bound the requests instead. Default 4.
       */
      maxConcurrency?: number;
      alertRules?: {
        /**
         * Where issue alert rules are read from: `workflows`, the deprecated
         * per-project `rules` API, or `auto` (the default): workflows, and
         * the rules API where the workflows API answers 404 or an
         * organization with projects has no issue-alert workflow.
         */
        source?: 'auto' | 'workflows' | 'rules';
      };
    };
    neo4j: {
      /** bolt://, neo4j://, neo4j+s:// (Aura, clusters) … */
      uri: string;
      username: string;
      /** @visibility secret */
      password: string;
      /** The database to write; the server's default when omitted. */
      database?: string;
      /**
       * The longest one transaction may run before Neo4j ends it; a write
       * is retried (a restart, a deadlock) for as long again. A run whose
       * write Neo4j does not finish in that time fails, saying so.
       * Default 2 minutes.
       */
      transactionTimeout?: HumanDuration | string;
    };
    /** Engine tuning and safety. */
    sync?: {
      /** Rows per batched write. Default 1000. */
      batchSize?: number;
      /** Stale items deleted per transaction. Default 5000. */
      deleteBatchSize?: number;
      /** Organizations synced at once. Default 2. */
      organizationConcurrency?: number;
      /**
       * Listings of one organization read at once, at least; more where
       * Sentry's announced rate and the latency make more useful. Default 4.
       */
      listingConcurrency?: number;
      /**
       * The heap cap, in MB, of the worker thread each run executes in (its
       * V8 old generation). A run that outgrows it fails alone, saying so;
       * the backend goes on. Default 512; 16 to 16384.
       * @visibility backend
       */
      maxHeapMb?: number;
      /**
       * A kind that would lose more than this share of its items in one run
       * is kept and reported instead. Default 0.5.
       */
      maxDeletionShare?: number;
      /** Disables the mass-deletion guard for every run. Default false. */
      allowMassDeletion?: boolean;
      /**
       * How long the graph's lease lasts unless its run renews it (every
       * third of it): how soon another writer takes over the graph from a
       * run that died. Default 60 seconds; 2 seconds to 10 minutes.
       */
      leaseTtl?: HumanDuration | string;
      /** Routine runs: the runs between full ones (docs/routine-runs.md). */
      routine?: {
        /**
         * Every team's member listing is read again within this many
         * routine runs (each reads 1 / this of the teams, those read
         * longest ago, besides those with a sign of change): the longest
         * a team role change waits. Default 8; 1 to 1000.
         */
        teamRotation?: number;
        /**
         * Read Sentry's audit log in routine runs, where the token has
         * org:write, to re-read exactly the teams its entries name. Without
         * the scope the run goes on without it. Default true.
         */
        auditLog?: boolean;
      };
    };
    /**
     * The Backstage catalog, joined to Sentry in the graph: components (and
     * other entities) by their sentry.io/project-slug annotation, groups to
     * teams, users to members.
     */
    catalog?: {
      /** Read the catalog in each run. Default true. */
      enabled?: boolean;
      /**
       * Component types expected to have a Sentry project, for the
       * "components without a Sentry project" finding. Default
       * [service, website].
       */
      componentTypes?: string[];
      /**
       * How groups find their Sentry team: `name` (default), the team whose
       * slug is the group's name unless the group's sentry.io/team-slug
       * annotation names another; `annotation`, only annotated groups.
       */
      teamMatch?: 'name' | 'annotation';
      /** Entities per page read from the catalog. Default 500. */
      pageSize?: number;
    };
    /** How cleanup makes sure that what it deletes is gone from Sentry. */
    cleanup?: {
      /**
       * Stale nodes per kind and organization (teams, members, projects,
       * releases) each checked with a detail request before deletion; the
       * rest are deleted only when the next complete run misses them too.
       * Default 100; 0 checks none.
       */
      confirmDeletions?: number;
    };
    /**
     * When the sync runs. Default: every 30 minutes, 20 minute timeout,
     * global scope (one run across all replicas), 15 s initial delay.
     * `fullEvery` alone keeps that default timing.
     */
    schedule?:
      | (SchedulerServiceTaskScheduleDefinitionConfig & {
          /**
           * How often a scheduled run is a full one (docs/routine-runs.md):
           * a scheduled run is full when no full run succeeded (or was
           * partial) yet, or the last one started this long ago; the others
           * are routine runs. Default 24 hours; 0: every run is full.
           */
          fullEvery?: HumanDuration | string;
        })
      | {
          /** As above, with the default timing. */
          fullEvery: HumanDuration | string;
        };
    /** Shortest time between two manual runs (POST /sync). Default 5 minutes. */
    manualRunMinimumInterval?: HumanDuration | string;
    history?: {
      /** Runs kept in the history. Default 100. */
      maxRuns?: number;
    };
    /**
     * The change history (docs/change-history.md): what each run changed
     * in the graph, served by GET /changes and published on the events
     * service's `sentry-graph.changes` topic.
     */
    changes?: {
      /** Default true; false: runs record no changes. */
      enabled?: boolean;
      /** Changes older than this are pruned. Default 90 days. */
      maxAge?: HumanDuration | string;
      /** At most this many changes are kept, the newest. Default 1000000. */
      maxRows?: number;
      /**
       * Backstage notifications for critical changes, through the
       * notifications plugin where the app has it. Default off.
       */
      notifications?: {
        /** Default false. */
        enabled?: boolean;
        /** Who is notified: group or user entity refs (group:default/security). */
        recipients?: string[];
        /** Which changes: newOwner, adminLost2fa, alertRuleDeleted (default all three). */
        changes?: Array<'newOwner' | 'adminLost2fa' | 'alertRuleDeleted'>;
      };
    };
  };
}

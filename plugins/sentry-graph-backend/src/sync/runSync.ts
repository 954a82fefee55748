import type { LoggerService } from '@backstage/backend-plugin-api';
import type { SentryGraphStore } from '../graph/SentryGraphStore';
import {
  SentryClient,
  SentryOrganizationSchema,
  type SentryClientOptions,
} from '../sentry';
import { ProgressTracker, type SyncEngineOptions } from './context';
import { describeError } from './describeError';
import { forEachConcurrently } from './forEachConcurrently';
import {
  catalogClean,
  catalogErrors,
  collectErrors,
  collectSkipped,
  runKindOf,
  collectWarnings,
  describeInvalidItems,
} from './runReport';
import { watchNeo4j } from './neo4jWatch';
import type { LeaseWriter } from './lease/acquireGraphLease';
import {
  underGraphLease,
  type UnderLeaseOptions,
} from './lease/underGraphLease';
import { syncOrganization } from './syncOrganization';
import { RunChanges, type RecordedChange } from './changes/RunChanges';
import type { CatalogJoinOptions } from '../catalog/syncCatalog';
import type { CatalogResult } from '@sentry-graph/plugin-sentry-graph-common';
import type {
  InvalidItem,
  OrganizationResult,
  RunStatus,
  SyncProgress,
  SyncRunKind,
  SyncRunResult,
} from './types';

export interface RunSyncOptions {
  sentry: SentryClientOptions;
  engine: SyncEngineOptions;
  store: SentryGraphStore;
  logger: LoggerService;
  /**
   * Aborting stops the run promptly: no listing goes on and no cleanup starts
   * after it. (A deletion batch already committed, of items a complete
   * listing proved gone, stays deleted.)
   */
  signal?: AbortSignal;
  onProgress?: (progress: SyncProgress) => void;
  /**
   * The Backstage catalog, read after the organizations and linked to them;
   * absent for the command line and when `sentryGraph.catalog.enabled` is
   * false. The caller hands in the join itself (`syncCatalog`), so that a
   * sync of Sentry alone never loads the catalog's libraries (catalog-model,
   * catalog-client: some 20 MB), and without a lazy require, which a
   * package build does not follow.
   */
  catalog?: CatalogJoinOptions;
  /**
   * Who runs it, as the graph's lease names it to other writers. Default:
   * the plugin, whose runs are most; the command line and the benchmark
   * say so.
   */
  writer?: LeaseWriter;
  /**
   * How long to wait for another writer's lease on the graph to end or
   * expire (the command line's --wait). Default 0: the run fails at once,
   * having written nothing, and names the holder.
   */
  waitForLeaseMs?: number;
  /**
   * Runs that the writer's own history says have ended (the plugin's run
   * history): a lease one of them still holds, because it could not release
   * it (Neo4j gone at its end, its process killed), is taken over at once
   * instead of after its expiry.
   */
  endedRunIds?: string[];
  /**
   * The kind of run asked for (default full). A routine run reads what can
   * have changed and deletes nothing; an organization that the graph holds
   * no full run of, or one from another schema version, runs full in it.
   */
  kind?: SyncRunKind;
  /**
   * Receives what the run changed in the graph, in small batches as the
   * writes that made them commit (RunChanges); nothing is recorded without.
   */
  onChanges?: (changes: RecordedChange[]) => void;
}

/**
 * One full sync of every configured organization into the graph. Never
 * throws for Sentry or Neo4j trouble: the result says what happened.
 */
export async function runSync(options: RunSyncOptions): Promise<SyncRunResult> {
  const started = Date.now();
  // Epoch seconds, the same integer on everything this run writes.
  let updateTag = Math.floor(started / 1000);
  const client = new SentryClient({
    ...options.sentry,
    logger: options.logger,
  });
  const finish = (
    status: RunStatus,
    organizations: OrganizationResult[],
    errors: string[],
  ): SyncRunResult => {
    const finished = Date.now();
    const warnings = collectWarnings(organizations);
    return {
      status,
      updateTag,
      startedAt: new Date(started).toISOString(),
      finishedAt: new Date(finished).toISOString(),
      durationMs: finished - started,
      organizations,
      requests: { ...client.stats },
      errors,
      ...(warnings.length > 0 ? { warnings } : {}),
    };
  };

  const neo4jUnusable = (error: unknown) =>
    finish(
      'failed',
      [],
      [`Neo4j is not usable: ${options.store.describeError(error)}`],
    );
  try {
    await options.store.verify();
    // The lease's own constraint comes with the schema, before it is taken.
    await options.store.ensureSchema();
  } catch (error) {
    return neo4jUnusable(error);
  }

  // One writer per graph: nothing below is written without the lease.
  const lease: UnderLeaseOptions = {
    store: options.store,
    writer: options.writer ?? { kind: 'plugin' },
    ttlMs: options.engine.leaseTtlMs,
    waitMs: options.waitForLeaseMs ?? 0,
    endedRunIds: options.endedRunIds,
    signal: options.signal,
    logger: options.logger,
  };
  return underGraphLease(lease, finish, async leaseSignal => {
    try {
      // Two runs within one second must not share a tag, or the second could
      // not tell what the first wrote from what it wrote itself. Read under
      // the lease, so that the writer before has finished stamping.
      const latest = await options.store.latestUpdateTag();
      if (latest !== undefined && latest >= updateTag) updateTag = latest + 1;
    } catch (error) {
      return neo4jUnusable(error);
    }
    const neo4j = watchNeo4j(options.store, leaseSignal);
    try {
      const result = await syncOrganizations(
        { ...options, signal: neo4j.signal },
        client,
        updateTag,
        finish,
      );
      if (neo4j.lost === undefined) return result;
      return finish('failed', result.organizations, [
        `Neo4j could not be used any more during the run: ${options.store.describeError(neo4j.lost)}. ` +
          'The run stopped there, and deleted nothing after that',
        ...result.errors,
      ]);
    } finally {
      neo4j.stop();
    }
  });
}

/** Lists the organizations (unless configured) and syncs each. */
async function syncOrganizations(
  options: RunSyncOptions,
  client: SentryClient,
  updateTag: number,
  finish: (
    status: RunStatus,
    organizations: OrganizationResult[],
    errors: string[],
  ) => SyncRunResult,
): Promise<SyncRunResult> {
  let listed: ListedOrganizations;
  try {
    listed = options.engine.organizations
      ? { slugs: options.engine.organizations, invalid: [] }
      : await listOrganizations(client, options.signal);
  } catch (error) {
    const status = options.signal?.aborted ? 'aborted' : 'failed';
    return finish(
      status,
      [],
      [`Listing the token's organizations failed: ${describeError(error)}`],
    );
  }
  const { slugs } = listed;
  // An organization the listing sent unreadably is not synced: say so.
  const unlisted =
    listed.invalid.length > 0
      ? [
          `The organizations listing: ${describeInvalidItems(listed.invalid.length, listed.invalid)}; those organizations were not synced`,
        ]
      : [];
  if (slugs.length === 0) {
    return finish(
      'failed',
      [],
      unlisted.length > 0
        ? unlisted
        : [
            'The token lists no organizations (integration tokens cannot): set sentryGraph.sentry.organizations',
          ],
    );
  }

  const progress = new ProgressTracker(options.onProgress);
  const changes = options.onChanges && new RunChanges(options.onChanges);
  const organizations: OrganizationResult[] = [];
  try {
    await forEachConcurrently(
      slugs,
      options.engine.organizationConcurrency,
      async slug => {
        organizations.push(
          await syncOrganization(
            {
              client,
              store: options.store,
              logger: options.logger,
              signal: options.signal,
              options: options.engine,
              updateTag,
              progress,
              kind: options.kind ?? 'full',
              changes,
            },
            slug,
          ),
        );
      },
    );
  } finally {
    // What committed is recorded, however the run ends.
    changes?.flush();
  }
  organizations.sort((a, b) => slugs.indexOf(a.slug) - slugs.indexOf(b.slug));
  const kind = runKindOf(options.kind ?? 'full', organizations);
  let catalog: CatalogResult | undefined;
  try {
    catalog =
      options.catalog && !options.signal?.aborted && kind.kind === 'full'
        ? await options.catalog.join({
            read: options.catalog.read,
            options: options.catalog.options,
            store: options.store,
            engine: options.engine,
            updateTag,
            logger: options.logger,
            signal: options.signal,
            onProgress: entities => progress.recordCatalog(entities),
            changes,
          })
        : undefined;
  } finally {
    changes?.flush();
  }
  const skipped = collectSkipped(organizations);
  if (options.catalog && kind.kind === 'routine')
    skipped.push(
      'the catalog join: at full runs (it removes the links the catalog no longer has)',
    );
  const errors = [...unlisted, ...collectErrors(organizations)];
  if (catalog) errors.push(...catalogErrors(catalog));
  const status = runStatus(organizations, unlisted.length > 0, options.signal);
  return {
    ...finish(
      // A catalog that was not read or cleaned up completely makes a good run partial.
      status === 'succeeded' && catalog && !catalogClean(catalog)
        ? 'partial'
        : status,
      organizations,
      errors,
    ),
    ...kind,
    ...(skipped.length > 0 ? { skipped } : {}),
    ...(catalog ? { catalog } : {}),
  };
}

interface ListedOrganizations {
  slugs: string[];
  /** Organizations the listing sent in a shape we could not read. */
  invalid: InvalidItem[];
}

async function listOrganizations(
  client: SentryClient,
  signal?: AbortSignal,
): Promise<ListedOrganizations> {
  const listed: ListedOrganizations = { slugs: [], invalid: [] };
  for await (const page of client.paginate('organizations/', {
    endpoint: 'organizations',
    itemSchema: SentryOrganizationSchema,
    signal,
  })) {
    listed.slugs.push(...page.items.map(organization => organization.slug));
    listed.invalid.push(...page.invalid);
  }
  return listed;
}

function runStatus(
  organizations: OrganizationResult[],
  someUnlisted: boolean,
  signal?: AbortSignal,
): RunStatus {
  if (signal?.aborted) return 'aborted';
  if (organizations.every(org => org.status === 'failed')) return 'failed';
  if (!someUnlisted && organizations.every(org => org.status === 'succeeded'))
    return 'succeeded';
  return 'partial';
}

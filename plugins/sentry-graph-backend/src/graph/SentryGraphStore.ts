import neo4j, { type Driver } from 'neo4j-driver';
import { CleanupQueries } from './CleanupQueries';
import { LeaseQueries } from './LeaseQueries';
import { RoutineQueries } from './RoutineQueries';
import { unchangedNodesStatement } from './routineCypher';
import { LEASE_LABEL } from './leaseSchema';
import { Neo4jSessions, type Neo4jConnectionOptions } from './Neo4jSessions';
import { numberField } from './recordFields';
import {
  createRelationshipsStatement,
  idConstraint,
  propertyIndex,
  mergeNodesStatement,
  mergeRelationshipsStatement,
  refreshFanOutStatement,
} from './cypher';
import { catalogPropertyIndexes, ENTITY_LABEL } from './catalogSchema';
import { allNodes, propertyIndexes } from './schema';
import {
  trackedEnds,
  writtenNodeRows,
  writtenRelationshipRows,
  type ChangeSink,
} from './changeRows';
import {
  toNodeColumns,
  toRelationshipColumns,
  type NodeSpec,
  type RelationshipSpec,
} from './spec';

/** Everything one run writes is stamped with its tag and scoped to one organization. */
export interface WriteScope {
  updateTag: number;
  organizationId: string;
  /** Where tracked writes and deletions report what they changed; untracked without. */
  changes?: ChangeSink;
}

export {
  DEFAULT_TRANSACTION_TIMEOUT_MS,
  type Neo4jConnectionOptions,
} from './Neo4jSessions';

/**
 * The graph as the sync sees it: batched upserts generated from the schema,
 * counts and bounded deletions for cleanup, and reads for summaries.
 */
export class SentryGraphStore extends Neo4jSessions {
  private readonly statements = new Map<string, string>();
  /** Counts, confirmations and bounded deletions of what a run did not write. */
  readonly cleanup = new CleanupQueries(this);
  /** The graph's lease: one writer at a time. */
  readonly lease = new LeaseQueries(this);
  /** What routine runs read and stamp: sync state, stored values, team listings. */
  readonly routine = new RoutineQueries(this);

  /** The driver and a store on it, for `connection`. */
  static open(connection: Neo4jConnectionOptions): {
    driver: Driver;
    store: SentryGraphStore;
  } {
    const driver = SentryGraphStore.createDriver(connection);
    return { driver, store: new SentryGraphStore(driver, connection) };
  }

  /**
   * Uniqueness on `id` per label and the schema's indexes, created when
   * missing. Each creation is a transaction of its own, a few round trips
   * to a remote Neo4j, so the names already there are read first.
   */
  async ensureSchema(): Promise<void> {
    const items = [
      // The lease's constraint makes concurrent first acquisitions meet on one node.
      ...[...allNodes.map(spec => spec.label), ENTITY_LABEL, LEASE_LABEL].map(
        idConstraint,
      ),
      ...[...propertyIndexes, ...catalogPropertyIndexes].map(
        ({ label, property }) => propertyIndex(label, property),
      ),
    ];
    const existing = await this.schemaNames();
    for (const { name, statement } of items) {
      if (!existing.has(name)) await this.write(statement, {});
    }
  }

  /**
   * Names of the indexes there are, constraints included: Neo4j names the
   * index behind a uniqueness constraint after the constraint. None when we
   * may not list them.
   */
  private async schemaNames(): Promise<Set<string>> {
    try {
      const result = await this.read('SHOW INDEXES YIELD name RETURN name');
      return new Set(result.records.map(record => String(record.get('name'))));
    } catch {
      // Without the privilege to list them, every creation is tried: each is
      // idempotent (IF NOT EXISTS).
      return new Set();
    }
  }

  /** The newest update tag any run stamped on an organization, if any. */
  async latestUpdateTag(): Promise<number | undefined> {
    const result = await this.read(
      'MATCH (o:SentryOrganization) RETURN max(o.lastupdated) AS latest',
    );
    const latest: unknown = result.records[0]?.get('latest');
    return typeof latest === 'number' ? latest : undefined;
  }

  async mergeNodes<T>(
    spec: NodeSpec<T>,
    items: readonly T[],
    scope: Partial<WriteScope> & Pick<WriteScope, 'updateTag'>,
  ): Promise<number> {
    if (items.length === 0) return 0;
    const owned = scope.organizationId !== undefined;
    const tracked = scope.changes && spec.changes;
    const labels = [spec.label, ...spec.extraLabels].join(':');
    const statement = this.statement(
      `nodes:${labels}:${owned}:${Boolean(tracked)}`,
      () => mergeNodesStatement(spec as NodeSpec<never>, owned, tracked),
    );
    const result = await this.write(statement, {
      ...toNodeColumns(spec, items),
      updateTag: neo4j.int(scope.updateTag),
      organizationId: scope.organizationId ?? null,
    });
    const record = result.records[0];
    if (tracked)
      scope.changes?.nodesWritten(
        tracked,
        writtenNodeRows(record?.get('changes')),
      );
    return numberField(record, 'written');
  }

  async mergeRelationships<T>(
    spec: RelationshipSpec<T>,
    items: readonly T[],
    scope: Pick<WriteScope, 'updateTag' | 'changes'>,
  ): Promise<number> {
    if (items.length === 0) return 0;
    const untyped = spec as RelationshipSpec<never>;
    const tracked = scope.changes && trackedEnds(untyped);
    const statement = this.statement(
      `rels:${spec.type}:${Boolean(tracked)}`,
      () => mergeRelationshipsStatement(untyped, tracked),
    );
    const result = await this.write(statement, {
      ...toRelationshipColumns(spec, items),
      updateTag: neo4j.int(scope.updateTag),
    });
    const record = result.records[0];
    if (tracked)
      scope.changes?.relationshipsWritten(
        untyped,
        writtenRelationshipRows(record?.get('changes')),
      );
    return numberField(record, 'written');
  }

  /**
   * Links each of `fromIds` to every one of `toIds` (owners and managers
   * administer every team). MERGE per pair would scan a dense node's edges
   * once per pair; this reads each start node's edges once, refreshes those
   * that exist and creates the rest. No other writer may create these edges
   * during the run. Returns the edges refreshed or created.
   */
  async linkFanOut(
    spec: RelationshipSpec<never>,
    fromIds: readonly string[],
    toIds: readonly string[],
    scope: Pick<WriteScope, 'updateTag'>,
  ): Promise<number> {
    if (fromIds.length === 0 || toIds.length === 0) return 0;
    const updateTag = neo4j.int(scope.updateTag);
    const refreshed = await this.write(
      this.statement(`fanout:${spec.type}`, () => refreshFanOutStatement(spec)),
      { fromIds, toIds, updateTag },
    );
    let written = 0;
    /** Per start node: the ends it reaches, or 'all'. */
    const reachedByFrom = new Map<string, Set<string> | 'all'>();
    for (const record of refreshed.records) {
      written += numberField(record, 'refreshed');
      const existing = record.get('existing') as string[] | null;
      reachedByFrom.set(
        record.get('fromId') as string,
        existing ? new Set(existing) : 'all',
      );
    }
    const missing = { from: [] as string[], to: [] as string[] };
    for (const from of fromIds) {
      const reached = reachedByFrom.get(from);
      if (reached === 'all') continue;
      for (const to of toIds) {
        if (reached?.has(to)) continue;
        missing.from.push(from);
        missing.to.push(to);
      }
    }
    if (missing.from.length > 0) {
      const created = await this.write(
        this.statement(`create:${spec.type}`, () =>
          createRelationshipsStatement(spec),
        ),
        { ...missing, updateTag },
      );
      written += numberField(created.records[0], 'written');
    }
    return written;
  }

  /**
   * The ids among `items` whose node is stored with exactly these property
   * values: nothing there for a write to change (a routine run's stop).
   */
  async unchangedIds<T>(
    spec: NodeSpec<T>,
    items: readonly T[],
  ): Promise<Set<string>> {
    if (items.length === 0) return new Set();
    const statement = this.statement(`unchanged:${spec.label}`, () =>
      unchangedNodesStatement(spec as NodeSpec<never>),
    );
    const result = await this.read(statement, {
      ...toNodeColumns(spec, items),
    });
    return new Set(result.records.map(record => String(record.get('id'))));
  }

  private statement(key: string, build: () => string): string {
    let statement = this.statements.get(key);
    if (!statement) {
      statement = build();
      this.statements.set(key, statement);
    }
    return statement;
  }
}

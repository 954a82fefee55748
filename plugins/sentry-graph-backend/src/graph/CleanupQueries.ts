import neo4j, {
  type QueryResult,
  type Record as Neo4jRecord,
} from 'neo4j-driver';
import {
  countNodesStatement,
  countRelationshipsStatement,
  countReplacedNodesStatement,
  deleteStaleNodesStatement,
  deleteStaleRelationshipsStatement,
  nodesToConfirmStatement,
  setAsideStatement,
} from './cleanupCypher';
import type { RelationshipSpec } from './spec';
import { numberField } from './recordFields';
import { nodeChangesByLabel } from './schema';
import type { WriteScope } from './SentryGraphStore';
import {
  removedNodeRows,
  removedRelationshipRows,
  trackedEnds,
} from './changeRows';

export interface StaleCount {
  total: number;
  stale: number;
}

/** A stale node to ask Sentry about, by the value its detail request takes. */
export interface NodeToConfirm {
  id: string;
  key: string | undefined;
}

interface QueryRunner {
  read(cypher: string, params: Record<string, unknown>): Promise<QueryResult>;
  write(cypher: string, params: Record<string, unknown>): Promise<QueryResult>;
}

/**
 * The graph side of cleanup (cleanupCypher.ts): what a run did not write,
 * scoped to one organization, counted, set aside or deleted in bounded
 * transactions.
 */
export class CleanupQueries {
  constructor(private readonly runner: QueryRunner) {}

  async countStaleNodes(
    label: string,
    scope: WriteScope,
    protectedIds: readonly string[],
  ): Promise<StaleCount> {
    const result = await this.runner.read(countNodesStatement(label), {
      ...scopeParams(scope),
      protectedIds,
    });
    return staleCount(result.records[0]);
  }

  /** Stale nodes whose `property` is not `value`: what another source wrote. */
  async countReplacedNodes(
    label: string,
    scope: WriteScope,
    protectedIds: readonly string[],
    replacedBy: { property: string; value: string },
  ): Promise<number> {
    const result = await this.runner.read(countReplacedNodesStatement(label), {
      ...scopeParams(scope),
      protectedIds,
      ...replacedBy,
    });
    return numberField(result.records[0], 'replaced');
  }

  async countStaleRelationships(
    spec: RelationshipSpec<never>,
    scope: WriteScope,
    protectedIds: readonly string[],
  ): Promise<StaleCount> {
    const result = await this.runner.read(countRelationshipsStatement(spec), {
      ...scopeParams(scope),
      protectedIds,
    });
    return staleCount(result.records[0]);
  }

  /** Up to `limit` stale nodes no earlier run set aside, with their `key` property. */
  async nodesToConfirm(
    label: string,
    scope: WriteScope,
    protectedIds: readonly string[],
    key: string,
    limit: number,
  ): Promise<NodeToConfirm[]> {
    const result = await this.runner.read(nodesToConfirmStatement(label), {
      ...scopeParams(scope),
      protectedIds,
      key,
      limit: neo4j.int(limit),
    });
    return result.records.map(record => {
      const value: unknown = record.get('key');
      return {
        id: String(record.get('id')),
        key: typeof value === 'string' ? value : undefined,
      };
    });
  }

  /** Sets aside up to `limit` stale nodes not confirmed gone; returns how many. */
  async setAside(
    label: string,
    scope: WriteScope,
    protectedIds: readonly string[],
    confirmedIds: readonly string[],
    limit: number,
  ): Promise<number> {
    const result = await this.runner.write(setAsideStatement(label), {
      ...scopeParams(scope),
      protectedIds,
      confirmedIds,
      limit: neo4j.int(limit),
    });
    return numberField(result.records[0], 'marked');
  }

  /**
   * Deletes up to `limit` stale nodes in one transaction; returns how many.
   * A label the change history tracks reports them to the scope's sink.
   */
  async deleteStaleNodes(
    label: string,
    scope: WriteScope,
    protectedIds: readonly string[],
    limit: number,
  ): Promise<number> {
    const tracked = scope.changes && nodeChangesByLabel.get(label);
    const namedBy = tracked && !tracked.counted ? tracked.name : undefined;
    const result = await this.runner.write(
      deleteStaleNodesStatement(label, namedBy),
      { ...scopeParams(scope), protectedIds, limit: neo4j.int(limit) },
    );
    const record = result.records[0];
    const deleted = numberField(record, 'deleted');
    if (tracked && deleted > 0) {
      const removed = namedBy ? removedNodeRows(record?.get('removed')) : [];
      scope.changes?.nodesRemoved(tracked, removed, deleted);
    }
    return deleted;
  }

  async deleteStaleRelationships(
    spec: RelationshipSpec<never>,
    scope: WriteScope,
    protectedIds: readonly string[],
    limit: number,
  ): Promise<number> {
    const tracked = scope.changes && trackedEnds(spec);
    const result = await this.runner.write(
      deleteStaleRelationshipsStatement(spec, tracked),
      { ...scopeParams(scope), protectedIds, limit: neo4j.int(limit) },
    );
    const record = result.records[0];
    if (tracked)
      scope.changes?.relationshipsRemoved(
        spec,
        removedRelationshipRows(record?.get('removed')),
      );
    return numberField(record, 'deleted');
  }
}

function scopeParams(scope: WriteScope) {
  return {
    organizationId: scope.organizationId,
    updateTag: neo4j.int(scope.updateTag),
  };
}

function staleCount(record: Neo4jRecord | undefined): StaleCount {
  return {
    total: numberField(record, 'total'),
    stale: numberField(record, 'stale'),
  };
}

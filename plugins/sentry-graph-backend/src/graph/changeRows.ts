/*
 * What a tracked write or deletion reads back (changesCypher.ts), as plain
 * data, and the sink it goes to: the run's change recorder. The graph layer
 * only hands rows on; the recorder decides what they mean.
 */
import neo4j from 'neo4j-driver';
import type { GraphChangeValue } from '@sentry-graph/plugin-sentry-graph-common';
import { nodeChangesByLabel } from './schema';
import type { NodeChanges, RelationshipSpec } from './spec';
import { text } from './values';

/** A node a write created, or changed a tracked property of. */
export interface WrittenNodeRow {
  id: string;
  name?: string;
  created: boolean;
  before: GraphChangeValue[];
  after: GraphChangeValue[];
}

export interface RelationshipEnds {
  from: string;
  fromName?: string;
  to: string;
  toName?: string;
}

export interface WrittenRelationshipRow extends RelationshipEnds {
  created: boolean;
  before: GraphChangeValue[];
  after: GraphChangeValue[];
}

export interface RemovedNodeRow {
  id: string;
  name?: string;
}

export interface RemovedRelationshipRow extends RelationshipEnds {
  before: GraphChangeValue[];
}

/** Where tracked writes and deletions of one organization's run report. */
export interface ChangeSink {
  nodesWritten(changes: NodeChanges, rows: WrittenNodeRow[]): void;
  nodesRemoved(
    changes: NodeChanges,
    rows: RemovedNodeRow[],
    count: number,
  ): void;
  relationshipsWritten(
    spec: RelationshipSpec<never>,
    rows: WrittenRelationshipRow[],
  ): void;
  relationshipsRemoved(
    spec: RelationshipSpec<never>,
    rows: RemovedRelationshipRow[],
  ): void;
}

/** A value as the history stores it: Neo4j integers as numbers, lists as text. */
export function changeValue(value: unknown): GraphChangeValue {
  if (value === null || value === undefined) return null;
  if (neo4j.isInt(value)) return value.toNumber();
  if (typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number') return value;
  return JSON.stringify(value);
}

function values(value: unknown): GraphChangeValue[] {
  return Array.isArray(value) ? value.map(changeValue) : [];
}

function rows(value: unknown): Record<string, unknown>[] {
  return Array.isArray(value) ? (value as Record<string, unknown>[]) : [];
}

function ends(row: Record<string, unknown>): RelationshipEnds {
  return {
    from: String(row.from),
    fromName: text(row.fromName),
    to: String(row.to),
    toName: text(row.toName),
  };
}

export function writtenNodeRows(value: unknown): WrittenNodeRow[] {
  return rows(value).map(row => ({
    id: String(row.id),
    name: text(row.name),
    created: row.created === true,
    before: values(row.before),
    after: values(row.after),
  }));
}

export function writtenRelationshipRows(
  value: unknown,
): WrittenRelationshipRow[] {
  return rows(value).map(row => ({
    ...ends(row),
    created: row.created === true,
    before: values(row.before),
    after: values(row.after),
  }));
}

export function removedNodeRows(value: unknown): RemovedNodeRow[] {
  return rows(value).map(row => ({ id: String(row.id), name: text(row.name) }));
}

export function removedRelationshipRows(
  value: unknown,
): RemovedRelationshipRow[] {
  return rows(value).map(row => ({ ...ends(row), before: values(row.before) }));
}

/**
 * The ends' name properties of a relationship the change history records:
 * those of the labels at either end.
 */
export function trackedEnds(
  spec: RelationshipSpec<never>,
): { fromName: string; toName: string } | undefined {
  if (!spec.changes) return undefined;
  return {
    fromName: nodeChangesByLabel.get(spec.fromLabel)?.name ?? 'id',
    toName: nodeChangesByLabel.get(spec.toLabel)?.name ?? 'id',
  };
}

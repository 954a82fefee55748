/*
 * The vocabulary the graph schema is written in. The schema itself
 * (schema.ts) is data; the Cypher that writes and cleans it up is generated
 * from these specs (cypher.ts), so a new property is one line in the schema.
 */

import { int, type Integer } from 'neo4j-driver';
import type {
  GraphChangeKind,
  GraphChangeName,
  GraphChangeValue,
} from '@sentry-graph/plugin-sentry-graph-common';

/** A value a mapper returns. `null`/`undefined` mean "absent". */
export type SourceValue =
  string | number | boolean | readonly string[] | null | undefined;

/** A value as sent to Neo4j: whole numbers as integers, `null` removes the property. */
export type PropertyValue =
  string | number | boolean | Integer | readonly string[] | null;

/** Maps one source item to a property value; `undefined` is stored as absent. */
export type PropertyMapper<T> = (item: T) => SourceValue;

export interface NodeSpec<T> {
  /** The primary label, e.g. `SentryTeam`. */
  readonly label: string;
  /** Ontology labels other tools query, e.g. `UserGroup`. */
  readonly extraLabels: readonly string[];
  readonly id: (item: T) => string;
  readonly properties: Readonly<Record<string, PropertyMapper<T>>>;
  /** What the change history records of this label; untracked when absent. */
  readonly changes?: NodeChanges;
}

/** A property whose change the change history records. */
export interface TrackedProperty {
  readonly change: GraphChangeName;
  /**
   * Whether a value set where there was none is a change. Not for a
   * property new to the contract (every node would change once), nor for a
   * user's 2FA that an accepted invite brings (the invite is the change).
   */
  readonly fromAbsent?: boolean;
  /** The words recorded for stored values, e.g. pending `true` as `pending`. */
  readonly shownAs?: Readonly<Record<string, GraphChangeValue>>;
}

/** How the change history records a label's nodes. */
export interface NodeChanges {
  readonly kind: GraphChangeKind;
  /** The property recorded as the node's name. */
  readonly name: string;
  readonly tracked: Readonly<Record<string, TrackedProperty>>;
  /** Counted per run rather than recorded one by one (releases). */
  readonly counted?: boolean;
  /** The tracked property an added node's change carries as `after` (a member's role). */
  readonly addedValue?: string;
}

/**
 * How the change history records a relationship: as a change of its start
 * node, with the end node as the related entity.
 */
export interface RelationshipChanges {
  /** Recorded when the relationship is made (`after`) or removed (`before`). */
  readonly change: GraphChangeName;
  /** The property recorded as that value (MEMBER_OF's role); else the end's name. */
  readonly value?: string;
  readonly tracked: Readonly<Record<string, TrackedProperty>>;
}

export interface RelationshipSpec<T> {
  readonly type: string;
  readonly fromLabel: string;
  readonly toLabel: string;
  readonly from: (item: T) => string;
  readonly to: (item: T) => string;
  readonly properties: Readonly<Record<string, PropertyMapper<T>>>;
  readonly changes?: RelationshipChanges;
}

/**
 * A batch as parameters, a column per field: row i is `ids[i]` with
 * `props[name][i]`. Columns pack into Bolt at half the client's CPU of a
 * map per row (no keys repeated per row) and Neo4j reads them faster too.
 */
export interface NodeColumns {
  ids: string[];
  props: Record<string, PropertyValue[]>;
}

export interface RelationshipColumns {
  from: string[];
  to: string[];
  props: Record<string, PropertyValue[]>;
}

export function defineNode<T>(spec: NodeSpec<T>): NodeSpec<T> {
  return spec;
}

export function defineRelationship<T>(
  spec: RelationshipSpec<T>,
): RelationshipSpec<T> {
  return spec;
}

/**
 * JavaScript numbers would reach Neo4j as floats; counts and timestamps are
 * whole numbers and are stored as integers, as other tools expect.
 */
export function toPropertyValue(value: SourceValue): PropertyValue {
  if (value === undefined || value === null) return null;
  if (typeof value === 'number' && Number.isSafeInteger(value))
    return int(value);
  return value;
}

function propertyColumns<T>(
  properties: Readonly<Record<string, PropertyMapper<T>>>,
  items: readonly T[],
): Record<string, PropertyValue[]> {
  const columns: Record<string, PropertyValue[]> = {};
  for (const [name, map] of Object.entries(properties)) {
    // Every declared property is sent, null included, so that a value Sentry
    // no longer has is removed from the node instead of lingering.
    columns[name] = items.map(item => toPropertyValue(map(item)));
  }
  return columns;
}

export function toNodeColumns<T>(
  spec: NodeSpec<T>,
  items: readonly T[],
): NodeColumns {
  return {
    ids: items.map(spec.id),
    props: propertyColumns(spec.properties, items),
  };
}

export function toRelationshipColumns<T>(
  spec: RelationshipSpec<T>,
  items: readonly T[],
): RelationshipColumns {
  return {
    from: items.map(spec.from),
    to: items.map(spec.to),
    props: propertyColumns(spec.properties, items),
  };
}

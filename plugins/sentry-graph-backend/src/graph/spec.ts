/*
 * The vocabulary the graph schema is written in. The schema itself
 * (schema.ts) is data; the Cypher that writes and cleans it up is generated
 * from these specs (cypher.ts), so a new property is one line in the schema.
 */

import { int, type Integer } from 'neo4j-driver';

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
}

export interface RelationshipSpec<T> {
  readonly type: string;
  readonly fromLabel: string;
  readonly toLabel: string;
  readonly from: (item: T) => string;
  readonly to: (item: T) => string;
  readonly properties: Readonly<Record<string, PropertyMapper<T>>>;
}

/** What a node spec turns an item into: the parameters of one UNWIND row. */
export interface NodeRow {
  id: string;
  props: Record<string, PropertyValue>;
}

export interface RelationshipRow {
  from: string;
  to: string;
  props: Record<string, PropertyValue>;
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

function mapProperties<T>(
  properties: Readonly<Record<string, PropertyMapper<T>>>,
  item: T,
): Record<string, PropertyValue> {
  const props: Record<string, PropertyValue> = {};
  for (const [name, map] of Object.entries(properties)) {
    // Every declared property is sent, null included, so that a value Sentry
    // no longer has is removed from the node instead of lingering.
    props[name] = toPropertyValue(map(item));
  }
  return props;
}

export function toNodeRow<T>(spec: NodeSpec<T>, item: T): NodeRow {
  return { id: spec.id(item), props: mapProperties(spec.properties, item) };
}

export function toRelationshipRow<T>(
  spec: RelationshipSpec<T>,
  item: T,
): RelationshipRow {
  return {
    from: spec.from(item),
    to: spec.to(item),
    props: mapProperties(spec.properties, item),
  };
}

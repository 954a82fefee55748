/*
 * Cypher generated from the schema specs. Labels and property names come
 * from our own schema constants, never from Sentry data, so interpolating
 * them (quoted) is safe; every value travels as a parameter.
 */
import {
  beforeWrite,
  relationshipEnds,
  returnWrittenChanges,
} from './changesCypher';
import type { NodeChanges, NodeSpec, RelationshipSpec } from './spec';

export const quote = (name: string) => `\`${name.replace(/`/g, '``')}\``;

/**
 * The update tag of the first complete run that no longer listed an owned
 * node that Sentry has not confirmed gone; it is deleted once a later
 * complete run misses it too (see cleanupCypher.ts).
 */
export const ABSENT_SINCE = 'absent_since';

/** Row i of a batch sent as columns (spec.ts, NodeColumns). */
const eachRow = (firstColumn: string) =>
  `UNWIND range(0, size($${firstColumn}) - 1) AS i`;

function setProperties(variable: string, names: string[]): string[] {
  // A null parameter removes the property: what Sentry no longer sends does
  // not linger on the node.
  return names.map(
    name => `${variable}.${quote(name)} = $props.${quote(name)}[i]`,
  );
}

/** A constraint or index the schema needs, by the name it is created under. */
export interface SchemaItem {
  name: string;
  statement: string;
}

export function idConstraint(label: string): SchemaItem {
  const name = `${label.toLowerCase()}_id`;
  return {
    name,
    statement:
      `CREATE CONSTRAINT ${quote(name)} IF NOT EXISTS ` +
      `FOR (n:${quote(label)}) REQUIRE n.id IS UNIQUE`,
  };
}

export function propertyIndex(label: string, property: string): SchemaItem {
  const name = `${label.toLowerCase()}_${property}`;
  return {
    name,
    statement:
      `CREATE RANGE INDEX ${quote(name)} IF NOT EXISTS ` +
      `FOR (n:${quote(label)}) ON (n.${quote(property)})`,
  };
}

/**
 * Upserts a batch of nodes. Nodes an organization owns also get their
 * RESOURCE relationship, through which cleanup is scoped.
 * Parameters: $ids, $props (NodeColumns), $updateTag and, when owned,
 * $organizationId. `tracked`: also returns `changes`, the rows it created
 * or changed a tracked property of (changesCypher.ts).
 */
export function mergeNodesStatement(
  spec: NodeSpec<never>,
  ownedByOrganization: boolean,
  tracked?: NodeChanges,
): string {
  const sets = [
    ...spec.extraLabels.map(label => `n:${quote(label)}`),
    'n.lastupdated = $updateTag',
    ...setProperties('n', Object.keys(spec.properties)),
    // Listed (or confirmed by Sentry) again: no longer waiting to be deleted.
    ...(ownedByOrganization ? [`n.${ABSENT_SINCE} = null`] : []),
  ];
  const lines = [
    ...(ownedByOrganization
      ? ['MATCH (o:SentryOrganization {id: $organizationId})']
      : []),
    eachRow('ids'),
    `MERGE (n:${quote(spec.label)} {id: $ids[i]})`,
    'ON CREATE SET n.firstseen = timestamp()',
  ];
  const names = tracked ? Object.keys(tracked.tracked) : [];
  if (tracked)
    lines.push(
      beforeWrite('n', names, ownedByOrganization ? ['o', 'i'] : ['i']),
    );
  lines.push(`SET ${sets.join(', ')}`);
  if (ownedByOrganization) {
    lines.push(
      'MERGE (o)-[r:RESOURCE]->(n)',
      'ON CREATE SET r.firstseen = timestamp()',
      'SET r.lastupdated = $updateTag',
    );
  }
  if (tracked) {
    lines.push(
      ...returnWrittenChanges(
        'n',
        names,
        [],
        `id: n.id, name: n.${quote(tracked.name)}`,
      ),
    );
  } else lines.push('RETURN count(n) AS written');
  return lines.join('\n');
}

/**
 * Upserts a batch of relationships between existing nodes; a row whose ends
 * are not in the graph is skipped (and not counted as written).
 * Parameters: $from, $to, $props (RelationshipColumns) and $updateTag.
 * `tracked`: the ends' name properties, to return `changes` as well
 * (changesCypher.ts) by the spec's `changes`.
 */
export function mergeRelationshipsStatement(
  spec: RelationshipSpec<never>,
  tracked?: { fromName: string; toName: string },
): string {
  const sets = [
    'r.lastupdated = $updateTag',
    ...setProperties('r', Object.keys(spec.properties)),
  ];
  const names = Object.keys(spec.changes?.tracked ?? {});
  return [
    eachRow('from'),
    `MATCH (a:${quote(spec.fromLabel)} {id: $from[i]})`,
    `MATCH (b:${quote(spec.toLabel)} {id: $to[i]})`,
    `MERGE (a)-[r:${quote(spec.type)}]->(b)`,
    'ON CREATE SET r.firstseen = timestamp()',
    ...(tracked ? [beforeWrite('r', names, ['a', 'b', 'i'])] : []),
    `SET ${sets.join(', ')}`,
    ...(tracked
      ? returnWrittenChanges(
          'r',
          names,
          ['a', 'b'],
          relationshipEnds(tracked.fromName, tracked.toName),
        )
      : ['RETURN count(r) AS written']),
  ].join('\n');
}

/**
 * For a dense fan-out (one node linked to very many): refreshes the edges
 * that already exist from each of $fromIds to any of $toIds, reading each
 * start node's edges once. Returns how many it refreshed per start node,
 * and which ends they reach only when some of $toIds (distinct) are not
 * reached: a run that changes nothing reads back no ids.
 */
export function refreshFanOutStatement(spec: RelationshipSpec<never>): string {
  return [
    'UNWIND $fromIds AS fromId',
    `MATCH (a:${quote(spec.fromLabel)} {id: fromId})-[r:${quote(spec.type)}]->(b:${quote(spec.toLabel)})`,
    'WHERE b.id IN $toIds',
    'SET r.lastupdated = $updateTag',
    'WITH fromId, count(r) AS refreshed, collect(DISTINCT b.id) AS reached',
    'RETURN fromId, refreshed,',
    '  CASE WHEN size(reached) < size($toIds) THEN reached END AS existing',
  ].join('\n');
}

/**
 * Creates edges known not to exist yet (no MERGE check on dense nodes).
 * Parameters: $from, $to and $updateTag.
 */
export function createRelationshipsStatement(
  spec: RelationshipSpec<never>,
): string {
  return [
    eachRow('from'),
    `MATCH (a:${quote(spec.fromLabel)} {id: $from[i]})`,
    `MATCH (b:${quote(spec.toLabel)} {id: $to[i]})`,
    `CREATE (a)-[r:${quote(spec.type)}]->(b)`,
    'SET r.firstseen = timestamp(), r.lastupdated = $updateTag',
    'RETURN count(r) AS written',
  ].join('\n');
}
